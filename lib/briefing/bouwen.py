"""Building the briefing: ``build_briefing()`` answers every question the briefing asks of the data once
(headline figures, the wijk ranking, the map values, the sources, whether illustrative figures went in).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.briefing.records import (
    BriefingInput,
    Bronregel,
    BudgetSectie,
    Kerncijfer,
    Keuze,
    PlanSectie,
    ThemaBedrag,
    ThemaVoortgang,
    TrendPunt,
    WijkRij,
    euro,
)
from lib.budget import sommen
from lib.cijfers import figures as fig
from lib.cijfers import meta
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import format_pct
from lib.cijfers.referentie import PLAN as REFERENTIE
from lib.cijfers.referentie import PLAN_BRON
from lib.kern.getallen import getal
from lib.plan import voortgang
from lib.plan.themas import JAARBUDGET_WMO
from lib.regio.codes import NEDERLAND

# --- building the view model --------------------------------------------------------------------


def _bron_text(key: str, jaar_fallback: int | None = None) -> str:
    b = meta.bronnen().get(key)
    if b:
        return f"{b.label}, {b.jaar}"
    return f"{key}, {jaar_fallback}" if jaar_fallback else key


def _vergelijking_nl(gm: fig.Waarde | None, nl: fig.Waarde | None) -> str:
    """'; duidelijk hoger dan Nederland' only when both figures are real; an example is compared with
    nothing (lib.cijfers.voorbeeld)."""
    if not gm or not nl:
        return ""
    if vb.een_voorbeeld((gm, nl)):
        return f"; {vb.TEKEN} voorbeeldcijfer: geen vergelijking met Nederland"
    return f"; {fig.compare(gm, nl.waarde)} dan Nederland"


def _kerncijfers(
    data: pd.DataFrame, gemeente: dict, keuze: Keuze, gm: fig.Waarde | None, nl: fig.Waarde | None
) -> tuple[Kerncijfer, ...]:
    label = keuze.indicator_label.lower()
    out = [
        Kerncijfer(
            f"{gemeente['naam']}, {label}",
            vb.met_merk(format_pct(gm.waarde), gm) if gm else "geen gegevens",
            f"{keuze.leeftijd_label}, {keuze.periode}"
            + (
                f"; 95%-marge {format_pct(gm.ondergrens)} – {format_pct(gm.bovengrens)}"
                if gm and gm.heeft_marge
                else ""
            )
            + _vergelijking_nl(gm, nl),
            _bron_text(gm.bron, gm.periode) if gm else "geen bron: er is geen cijfer",
            bool(gm and gm.illustratief),
        ),
        Kerncijfer(
            f"Nederland, {label}",
            vb.met_merk(format_pct(nl.waarde), nl) if nl else "geen gegevens",
            f"{keuze.leeftijd_label}, {keuze.periode}",
            _bron_text(nl.bron, nl.periode) if nl else "geen landelijk cijfer voor deze keuze",
            bool(nl and nl.illustratief),
        ),
    ]
    # The plan's own headline (preface) stays in every briefing: it is why the plan exists.
    plan = fig.value_of(data, gemeente["code"], REFERENTIE.indicator, REFERENTIE.periode)
    if plan is not None and plan.bron == PLAN_BRON:
        out.append(
            Kerncijfer(
                f"{gemeente['naam']} volgens het plan",
                format_pct(plan.waarde, 0),
                f"voelt zich wel eens eenzaam (RIVM, zoals het plan het noemt; het plan geeft geen meetjaar), "
                f"{REFERENTIE.tegen()}",
                _bron_text(plan.bron),
                plan.illustratief,
            )
        )
    out.append(
        Kerncijfer(
            "Budget per jaar",
            euro(JAARBUDGET_WMO),
            "Wmo-meerjarenbudget 2020-2022 voor ontmoeting en eenzaamheid",
            "Plan van aanpak Meer samen, minder eenzaam (Wmo-meerjarenbudget), 2019",
            False,
        )
    )
    out.append(
        Kerncijfer(
            "Inwoners",
            getal(gemeente["inwoners"]),
            "op 1 januari 2024",
            _dataset_text("gemeente"),
            False,
        )
    )
    return tuple(out)


def _dataset_text(key: str) -> str:
    d = meta.datasets().get(key)
    return f"{d.bron}, {d.jaar}" if d else key


def _trend(data: pd.DataFrame, gemeente: dict, keuze: Keuze) -> tuple[TrendPunt, ...]:
    punten = []
    for code, naam in ((gemeente["code"], gemeente["naam"]), (NEDERLAND, "Nederland")):
        for periode in fig.periods(data):
            w = fig.value_of(data, code, keuze.indicator, periode, keuze.leeftijd)
            if w is not None:
                punten.append(TrendPunt(naam, periode, w.waarde, w.illustratief, w.bron))
    return tuple(punten)


def _wijken(
    data: pd.DataFrame, wijken: pd.DataFrame, keuze: Keuze, gm: fig.Waarde | None
) -> tuple[pd.DataFrame, tuple[WijkRij, ...]]:
    rows = fig.slice_of(data, keuze.indicator, keuze.periode, keuze.leeftijd, "wijk")
    rows = rows.merge(
        wijken[["wijk_code", "wijk_naam", "inwoners"]], left_on="regio_code", right_on="wijk_code", how="inner"
    )
    rows = rows.sort_values(["waarde", "wijk_naam"], ascending=[False, True]).reset_index(drop=True)
    out = []
    for i, r in enumerate(rows.itertuples(index=False), start=1):
        w = fig.value_of(data, r.regio_code, keuze.indicator, keuze.periode, keuze.leeftijd)
        out.append(
            WijkRij(
                i,
                r.regio_code,
                r.wijk_naam,
                int(r.inwoners),
                w.waarde,
                w.ondergrens,
                w.bovengrens,
                fig.compare(w, gm.waarde) if gm else fig.GEEN_VERSCHIL,
                w.illustratief,
            )
        )
    return rows, tuple(out)


def _bronnen(used_bron_keys: list[str], dataset_keys: tuple[str, ...]) -> tuple[Bronregel, ...]:
    out, known_b, known_d = [], meta.bronnen(), meta.datasets()
    for key in dict.fromkeys(used_bron_keys):
        b = known_b.get(key)
        if b:
            out.append(Bronregel(b.label, b.jaar, b.licentie, b.url, b.illustratief))
    for key in dataset_keys:
        d = known_d.get(key)
        if d:
            out.append(Bronregel(f"{d.titel}: {d.bron}", d.jaar, d.licentie, d.url, d.illustratief))
    return tuple(out)


def budget_section(allocation: pd.DataFrame, jaar: int | None = None) -> BudgetSectie | None:
    """The budgeted structural Wmo money per theme for one year (the latest by default).

    `allocation` is lib.budget.begroting.load_allocation(); None when it has no rows for that year.
    """
    if allocation is None or allocation.empty:
        return None
    jaar = int(allocation["jaar"].max()) if jaar is None else int(jaar)
    rows = sommen.select(allocation, jaar)
    if rows.empty:
        return None
    totals = sommen.totals_by_theme(allocation, jaar)
    d = meta.datasets().get("budget")
    return BudgetSectie(
        jaar=jaar,
        rijen=tuple(
            ThemaBedrag(int(r.thema), r.thema_naam, float(r.bedrag), float(r.aandeel))
            for r in totals.itertuples(index=False)
        ),
        totaal=float(totals["bedrag"].sum()),
        kader=float(JAARBUDGET_WMO),
        illustratief=bool(rows["illustratief"].any()),
        bron=f"{d.bron}, {d.jaar}" if d else "budget.csv",
    )


def plan_section(states: pd.DataFrame) -> PlanSectie:
    """The plan's progress per theme from lib.plan.status.action_states() (the stored statuses), with
    how many statuses are still the plan file's examples."""
    progress = voortgang.progress_by_theme(states)
    changed = states["gewijzigd"].dropna() if "gewijzigd" in states else pd.Series(dtype=str)
    d = meta.datasets().get("plan")
    return PlanSectie(
        rijen=tuple(
            ThemaVoortgang(
                int(r.thema),
                r.thema_naam,
                int(r.gepland),
                int(r.lopend),
                int(r.afgerond),
                int(r.gestopt),
                int(r.totaal),
                voorbeeld_gepland=int(r.voorbeeld_gepland),
                voorbeeld_lopend=int(r.voorbeeld_lopend),
                voorbeeld_afgerond=int(r.voorbeeld_afgerond),
                voorbeeld_gestopt=int(r.voorbeeld_gestopt),
            )
            for r in progress.itertuples(index=False)
        ),
        samenvatting=voortgang.progress_summary(progress),
        bijgewerkt=int(states["bijgewerkt"].sum()) if "bijgewerkt" in states else 0,
        acties=len(states),
        laatst_gewijzigd=str(changed.max()) if len(changed) else None,
        bron=(f"{d.bron}, {d.jaar}; " if d else "")
        + "status van de acties zoals bijgehouden door de redacteuren van dit dashboard",
        voorbeeld=int(progress["voorbeeld"].sum()),
    )


def build_briefing(
    data: pd.DataFrame,
    wijken: pd.DataFrame,
    gemeente: dict,
    geojson: dict,
    keuze: Keuze | None = None,
    datum: date | None = None,
    budget: BudgetSectie | None = None,
    plan: PlanSectie | None = None,
) -> BriefingInput:
    """Decide what the briefing shows for this choice: pure, from the loaded (validated) tables.

    `data` is the long loneliness table (lib.cijfers.loaders.load_figures), `wijken` the wijk table,
    `gemeente` the gemeente row, `geojson` the wijk boundaries; `budget` and `plan` are the optional
    sections (budget_section(), plan_section()). Whether the briefing carries the illustrative
    notice follows from the `illustratief` flags of the rows that went in.
    """
    keuze = keuze or Keuze()
    datum = datum or date.today()
    gm = fig.value_of(data, gemeente["code"], keuze.indicator, keuze.periode, keuze.leeftijd)
    nl = fig.value_of(data, NEDERLAND, keuze.indicator, keuze.periode, keuze.leeftijd)
    kerncijfers = _kerncijfers(data, gemeente, keuze, gm, nl)
    trend = _trend(data, gemeente, keuze)
    wijk_rows, wijk_rijen = _wijken(data, wijken, keuze, gm)

    used = [w.bron for w in (gm, nl) if w] + list(wijk_rows["bron"])
    trend_rows = data[
        data["regio_code"].isin([gemeente["code"], NEDERLAND])
        & (data["indicator"] == keuze.indicator)
        & (data["leeftijd"] == keuze.leeftijd)
    ]
    trend_bronnen = list(dict.fromkeys(trend_rows.sort_values("periode")["bron"]))
    used += trend_bronnen + [PLAN_BRON]
    return BriefingInput(
        gemeente_code=gemeente["code"],
        gemeente_naam=gemeente["naam"],
        keuze=keuze,
        datum=datum,
        kerncijfers=kerncijfers,
        gemeente_waarde=gm,
        trend=trend,
        wijken=wijk_rijen,
        geojson=geojson,
        bronnen=_bronnen(
            used,
            ("wijken", "wijktabel", "gemeente") + (("budget",) if budget else ()) + (("plan",) if plan else ()),
        ),
        bron_trend="; ".join(_bron_text(k) for k in trend_bronnen),
        bron_wijken="; ".join([_bron_text(k) for k in dict.fromkeys(wijk_rows["bron"])] + [_dataset_text("wijken")]),
        budget=budget,
        plan=plan,
    )
