"""The briefing's text summaries: every chart has one."""

from __future__ import annotations

from lib.briefing.records import ILLUSTRATIEF_KOP, BriefingInput, euro
from lib.cijfers import figures as fig
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import format_pct
from lib.plan import status as plan_status

# --- text summaries (every chart has one) ---------------------------------------------------------


def ranking_summary(inp: BriefingInput) -> str:
    """One or two plain sentences saying what the wijk ranking shows: a finding for real figures,
    phrased as an example when any wijk or the gemeente figure is an example."""
    if not inp.wijken:
        return "Voor deze keuze zijn er geen cijfers per wijk."
    top, bottom = inp.wijken[0], inp.wijken[-1]
    hoger = [w.wijk_naam for w in inp.wijken if w.vergelijking == fig.HOGER]
    lager = [w.wijk_naam for w in inp.wijken if w.vergelijking == fig.LAGER]
    text = (
        f"Het hoogst in {top.wijk_naam} ({format_pct(top.waarde)}), het laagst in {bottom.wijk_naam} "
        f"({format_pct(bottom.waarde)})."
    )
    if inp.gemeente_waarde is not None:
        gm = format_pct(inp.gemeente_waarde.waarde)
        if hoger:
            text += f" Duidelijk hoger dan de gemeente ({gm}): {opsomming(hoger)}."
        if lager:
            text += f" Duidelijk lager: {opsomming(lager)}."
        if not hoger and not lager:
            text += f" Geen wijk verschilt duidelijk van de gemeente ({gm}), gezien de marges."
    voorbeeld = inp.wijken_illustratief or vb.is_voorbeeld(inp.gemeente_waarde)
    return vb.als_voorbeeld(text, voorbeeld)


def trend_summary(inp: BriefingInput) -> str:
    if not inp.trend:
        return "Voor deze keuze zijn er geen cijfers door de jaren."
    parts = []
    for regio in dict.fromkeys(p.regio for p in inp.trend):
        punten = [p for p in inp.trend if p.regio == regio]
        parts.append(
            f"{regio}: "
            + ", ".join(f"{p.periode} {p.tekst}" for p in punten)
        )
    text = "; ".join(parts) + "."
    if any(p.illustratief for p in inp.trend):
        text += (
            f" {vb.TEKEN} en open ruitjes zijn voorbeeldcijfers ({ILLUSTRATIEF_KOP.lower()}): "
            "lees er geen stijging of daling in."
        )
    return text


def budget_summary(inp: BriefingInput) -> str:
    bud = inp.budget
    if bud is None or not bud.totaal:
        return "Voor dit jaar is er geen begroting per thema."
    top = max(bud.rijen, key=lambda r: r.bedrag)
    verdeeld = (
        f"het hele Wmo-kader van {euro(bud.kader)}"
        if round(bud.totaal) == round(bud.kader)
        else f"{euro(bud.totaal)} van het Wmo-kader van {euro(bud.kader)}"
    )
    grootste = (
        f"Het grootste deel gaat naar thema {top.thema}, {top.thema_naam} ({euro(top.bedrag)}, "
        f"{format_pct(top.aandeel * 100, 0)})."
    )
    # a ranking of example amounts is no finding: phrased as an example, as on /budget
    text = f"In {bud.jaar} is {verdeeld} over de vier thema's verdeeld. " + vb.als_voorbeeld(grootste, bud.illustratief)
    if bud.illustratief:
        text += " De verdeling over de thema's is een voorbeeld: het plan noemt alleen het kader."
    return text


def plan_summary(inp: BriefingInput) -> str:
    p = inp.plan
    if p is None:
        return ""
    text = p.samenvatting
    if p.bijgewerkt == 0:
        text += " Nog geen actie is door een redacteur bijgewerkt: alle acties staan op hun beginstand uit het plan."
    else:
        text += f" {p.bijgewerkt} van de {p.acties} acties zijn door een redacteur bijgewerkt"
        text += f", het laatst op {plan_status.format_tijdstip(p.laatst_gewijzigd)}." if p.laatst_gewijzigd else "."
    return text


def plan_voorbeeld(inp: BriefingInput) -> str:
    """The plan slide's and PDF page's notice while statuses are examples; '' when all are real."""
    p = inp.plan
    if p is None or not p.illustratief:
        return ""
    deel = "De status van 1 actie is" if p.voorbeeld == 1 else f"De status van {p.voorbeeld} van de {p.acties} acties is"
    return (
        f"{deel} een voorbeeld ({vb.TEKEN}) dat past bij het voorbeeldbudget en het aanbod: nog geen redacteur heeft "
        f"{'die' if p.voorbeeld == 1 else 'ze'} bijgewerkt. Lees er geen stand van zaken in. Redacteuren werken de "
        "status bij op de pagina Uitvoeringsplan."
    )


def opsomming(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def map_summary(inp: BriefingInput) -> str:
    if not inp.wijken:
        return "Voor deze keuze zijn er geen cijfers per wijk; de kaart is leeg."
    return (
        f"De kaart kleurt de {len(inp.wijken)} wijken naar {inp.keuze.indicator_label.lower()} "
        f"({inp.keuze.periode}, {inp.keuze.leeftijd_label}): hoe donkerder, hoe hoger. " + ranking_summary(inp)
    )
