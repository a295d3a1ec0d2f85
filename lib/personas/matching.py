"""Matching: which activities of the catalogue fit a persona or any profile, and why.

Pure and deterministic: integer points per part, so a workshop can recompute a score by hand.

Score parts (WEIGHTS):
- doelgroep: +3 when the activity is meant for one of the profile's groups, +1 when it is open to
  everyone. An activity for other groups only, without a shared life event, is left out.
- vormen: +2 per shared form of loneliness (sociaal / emotioneel / existentieel).
- levensgebeurtenis: +2 when the activity addresses one of the profile's life events.
- mechanisme: +1 when it works the way the profile needs (ontmoeting, training, ...).
- afstand: +2 in the profile's own wijk, +1 within 2 km of the wijk's centre; beyond 2 km -2 with
  a mobility barrier (unless transport can be arranged) or for a neighbourhood activity (theme 4).
- drempels: geld (free +1, up to 5 euro -1, more -3), taal (little Dutch needed +1, else -1),
  mobiliteit (at home or by phone +1, transport +1), schaamte (anonymous or at home +1),
  digitaal (online only: left out).
- bewijs: effectief +2, goed onderbouwd +1.
- status: in opbouw -1 (the plan announces it; it does not run yet).

Left out altogether: outside the activity's age range, meant for professionals only, online only
with a digital barrier, or no target-group or life-event fit.
An activity "fits well" when it scores GOED_VANAF or more and is running (not in opbouw).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

from lib.aanbod.begrippen import BEWIJSNIVEAUS, DOELGROEPEN, DREMPELS, MECHANISMEN, STATUS, levensgebeurtenis_label
from lib.aanbod.catalogus import Activiteit
from lib.kern import getallen
from lib.kern.getallen import kosten
from lib.kern.tekst import escape_markdown

WEIGHTS = {
    "doelgroep_specifiek": 3,
    "doelgroep_iedereen": 1,
    "vorm": 2,
    "levensgebeurtenis": 2,
    "mechanisme": 1,
    "eigen_wijk": 2,
    "dichtbij": 1,
    "ver_weg": -2,
    "gratis_geld": 1,
    "goedkoop_geld": -1,
    "duur_geld": -3,
    "weinig_taal": 1,
    "taal_nodig": -1,
    "aan_huis_mobiliteit": 1,
    "vervoer_mobiliteit": 1,
    "anoniem_schaamte": 1,
    "bewijs_effectief": 2,
    "bewijs_goed_onderbouwd": 1,
    "in_opbouw": -1,
}
VORM_BIJVOEGLIJK = {"sociaal": "sociale", "emotioneel": "emotionele", "existentieel": "existentiële"}
DICHTBIJ_KM = 2.0
GOEDKOOP_TOT_EUR = 5.0
GOED_VANAF = 7
MIN_GOEDE_MATCHES = 3


@dataclass(frozen=True)
class Profiel:
    """What matching needs to know about a person (a persona, or one made up in a workshop)."""

    leeftijd: int | None = None
    wijk: str | None = None
    doelgroepen: tuple[str, ...] = ()
    vormen: tuple[str, ...] = ()
    levensgebeurtenissen: tuple[str, ...] = ()
    drempels: tuple[str, ...] = ()
    mechanismen: tuple[str, ...] = ()

    @classmethod
    def van(cls, persoon) -> Profiel:
        """The matching part of anything with these fields: a shipped persona or a workshop persona."""
        return cls(**{f.name: getattr(persoon, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class Match:
    """One activity scored for a profile: the total, its parts and the human reasons."""

    activiteit: Activiteit
    score: int
    onderdelen: tuple[tuple[str, int], ...]  # (part, points), only parts that count
    match_reasons: tuple[str, ...]  # "past omdat ..."
    waarschuwingen: tuple[str, ...]  # "let op: ..."
    afstand_km: float | None
    goed: bool

    @property
    def onderdelen_dict(self) -> dict[str, int]:
        return dict(self.onderdelen)


@dataclass(frozen=True)
class Uitgesloten:
    activiteit: Activiteit
    reden: str


@dataclass(frozen=True)
class Resultaat:
    matches: tuple[Match, ...]  # ranked, best first
    uitgesloten: tuple[Uitgesloten, ...] = field(default=())

    @property
    def goede(self) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if m.goed)

    @property
    def tekort(self) -> bool:
        """True when fewer than MIN_GOEDE_MATCHES running activities fit well: a gap in the offer."""
        return len(self.goede) < MIN_GOEDE_MATCHES


def afstand_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lat, lon) points (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _lijst(woorden: list[str]) -> str:
    return woorden[0] if len(woorden) == 1 else ", ".join(woorden[:-1]) + " en " + woorden[-1]


def _klein(label: str) -> str:
    """A label inside a sentence: first letter lower case ('Migratie naar Nederland' -> 'migratie ...')."""
    return label[:1].lower() + label[1:]


_euro = kosten  # "€ 2,50": whole euros without cents, otherwise two decimals


def _uitsluiting(profiel: Profiel, a: Activiteit) -> str | None:
    if profiel.leeftijd is not None:
        if a.leeftijd_min is not None and profiel.leeftijd < a.leeftijd_min:
            return f"vanaf {a.leeftijd_min} jaar"
        if a.leeftijd_max is not None and profiel.leeftijd > a.leeftijd_max:
            return f"tot en met {a.leeftijd_max} jaar"
    if set(a.doelgroepen) <= {"professionals"}:
        return "bedoeld voor professionals en vrijwilligers"
    if "digitaal" in profiel.drempels and "online_nodig" in a.toegankelijkheid:
        return "alleen online, en digitale vaardigheden zijn een drempel"
    specifiek = set(a.doelgroepen) & set(profiel.doelgroepen)
    events = set(a.levensgebeurtenissen) & set(profiel.levensgebeurtenissen)
    if not specifiek and "iedereen" not in a.doelgroepen and not events:
        return "bedoeld voor een andere doelgroep"
    return None


def score_activiteit(
    profiel: Profiel, a: Activiteit, wijk_centra: Mapping[str, tuple[float, float]] | None = None
) -> Match | Uitgesloten:
    """Score one activity for a profile; returns an Uitgesloten when it does not apply at all."""
    reden = _uitsluiting(profiel, a)
    if reden:
        return Uitgesloten(a, reden)
    parts: list[tuple[str, int]] = []
    pos: list[str] = []
    neg: list[str] = []

    def add(part: str, weight_key: str, tekst: str | None = None, times: int = 1) -> None:
        points = WEIGHTS[weight_key] * times
        parts.append((part, points))
        if tekst:
            (pos if points > 0 else neg).append(tekst)

    specifiek = [g for g in a.doelgroepen if g in profiel.doelgroepen and g != "iedereen"]
    if specifiek:
        groepen = _lijst([_klein(DOELGROEPEN[g]) for g in specifiek])
        add("doelgroep", "doelgroep_specifiek", f"past omdat het bedoeld is voor {groepen}")
    elif "iedereen" in a.doelgroepen:
        add("doelgroep", "doelgroep_iedereen", "past omdat het openstaat voor iedereen")

    vormen = [v for v in a.vormen if v in profiel.vormen]
    if vormen:
        bijvoeglijk = _lijst([VORM_BIJVOEGLIJK[v] for v in vormen])
        add("vormen", "vorm", f"past omdat het helpt bij {bijvoeglijk} eenzaamheid", times=len(vormen))

    events = [e for e in a.levensgebeurtenissen if e in profiel.levensgebeurtenissen]
    if events:
        add(
            "levensgebeurtenis",
            "levensgebeurtenis",
            f"past omdat het aansluit bij: {_lijst([_klein(levensgebeurtenis_label(e)) for e in events])}",
        )

    mech = [m for m in a.mechanismen if m in profiel.mechanismen]
    if mech:
        add("mechanisme", "mechanisme", f"past omdat het werkt via {_lijst([_klein(MECHANISMEN[m]) for m in mech])}")

    afstand = None
    centrum = (wijk_centra or {}).get(profiel.wijk or "")
    if a.heeft_locatie and profiel.wijk:
        if a.wijk == profiel.wijk:
            add("afstand", "eigen_wijk", "past omdat het in de eigen wijk is")
            if centrum:
                afstand = round(afstand_km(centrum, (a.lat, a.lon)), 1)
        elif centrum:
            afstand = round(afstand_km(centrum, (a.lat, a.lon)), 1)
            km = getallen.getal(afstand, 1)
            if afstand <= DICHTBIJ_KM:
                add("afstand", "dichtbij", f"past omdat het dichtbij is (ongeveer {km} km)")
            elif "mobiliteit" in profiel.drempels and "vervoer" not in a.toegankelijkheid:
                add("afstand", "ver_weg", f"let op: ongeveer {km} km weg, lastig zonder vervoer")
            elif a.thema == 4:
                # Verbuurzamen is about one's own street and wijk: far away it loses its point.
                add("afstand", "ver_weg", f"let op: een buurtactiviteit in een andere wijk (ongeveer {km} km)")

    d = set(profiel.drempels)
    t = set(a.toegankelijkheid)
    if "geld" in d:
        if a.kosten_eur == 0:
            add("kosten", "gratis_geld", "past omdat het gratis is")
        elif a.kosten_eur <= GOEDKOOP_TOT_EUR:
            add("kosten", "goedkoop_geld", f"let op: kost {_euro(a.kosten_eur)}")
        else:
            add("kosten", "duur_geld", f"let op: kost {_euro(a.kosten_eur)}, geld is een drempel")
    if "taal" in d:
        if "weinig_taal" in t:
            add("taal", "weinig_taal", "past omdat weinig Nederlands nodig is")
        else:
            add("taal", "taal_nodig", "let op: vraagt redelijk Nederlands")
    if "mobiliteit" in d:
        if t & {"aan_huis", "telefonisch"}:
            add("mobiliteit", "aan_huis_mobiliteit", "past omdat het thuis of telefonisch kan")
        if "vervoer" in t:
            add("mobiliteit", "vervoer_mobiliteit", "past omdat vervoer te regelen is")
    if "schaamte" in d and t & {"anoniem", "aan_huis"}:
        tekst = "past omdat het anoniem kan" if "anoniem" in t else "past omdat het in vertrouwen, thuis, kan"
        add("schaamte", "anoniem_schaamte", tekst)

    if a.bewijs in ("effectief", "goed_onderbouwd"):
        add("bewijs", f"bewijs_{a.bewijs}", f"past omdat de aanpak {BEWIJSNIVEAUS[a.bewijs].lower()} is")
    if a.status == "in_opbouw":
        add("status", "in_opbouw", "let op: nog in opbouw, het plan kondigt dit aan")

    # Merge parts of the same name (mobility can count twice) so the parts sum to the score.
    merged: dict[str, int] = {}
    for name, points in parts:
        merged[name] = merged.get(name, 0) + points
    score = sum(merged.values())
    return Match(
        activiteit=a,
        score=score,
        onderdelen=tuple(merged.items()),
        match_reasons=tuple(pos),
        waarschuwingen=tuple(neg),
        afstand_km=afstand,
        goed=score >= GOED_VANAF and a.status == "lopend",
    )


def match(
    profiel: Profiel,
    aanbod: Iterable[Activiteit],
    wijk_centra: Mapping[str, tuple[float, float]] | None = None,
) -> Resultaat:
    """All activities scored for the profile, best first (ties: nearer, then by name and id)."""
    matches, uit = [], []
    for a in aanbod:
        result = score_activiteit(profiel, a, wijk_centra)
        (matches if isinstance(result, Match) else uit).append(result)
    matches.sort(
        key=lambda m: (
            -m.score,
            m.afstand_km if m.afstand_km is not None else math.inf,
            m.activiteit.naam,
            m.activiteit.id,
        )
    )
    return Resultaat(tuple(matches), tuple(sorted(uit, key=lambda u: u.activiteit.id)))


# --- export (workshop mode): a table and a Markdown summary --------------------------------------


def matches_frame(
    resultaat: Resultaat, wijk_namen: Mapping[str, str] | None = None, top: int | None = None
) -> pd.DataFrame:
    """The ranked matches as a table: rank, activity, score, parts, reasons and warnings."""
    wijk_namen = wijk_namen or {}
    rows = []
    for rank, m in enumerate(resultaat.matches[:top] if top else resultaat.matches, start=1):
        a = m.activiteit
        rows.append(
            {
                "rang": rank,
                "id": a.id,
                "activiteit": a.naam,
                "organisatie": a.organisatie,
                "wijk": "Heel Capelle" if a.gemeentebreed else wijk_namen.get(a.wijk, a.wijk),
                "score": m.score,
                "past goed": "ja" if m.goed else "nee",
                "status": STATUS[a.status],
                "afstand_km": m.afstand_km,
                "onderdelen": ", ".join(f"{k} {v:+d}" for k, v in m.onderdelen),
                "waarom": "; ".join(m.match_reasons),
                "let op": "; ".join(m.waarschuwingen),
                "voorbeeldgegevens": a.illustratief_label(),
            }
        )
    columns = ["rang", "id", "activiteit", "organisatie", "wijk", "score", "past goed", "status", "afstand_km",
               "onderdelen", "waarom", "let op", "voorbeeldgegevens"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def profiel_regels(profiel: Profiel, wijk_namen: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """The profile in readable (label, value) pairs."""
    wijk_namen = wijk_namen or {}

    def labels(keys, vocab):
        return ", ".join(vocab[k] for k in keys) or "geen"

    return [
        ("Leeftijd", str(profiel.leeftijd) if profiel.leeftijd is not None else "onbekend"),
        ("Wijk", wijk_namen.get(profiel.wijk or "", profiel.wijk or "onbekend")),
        ("Doelgroepen", labels(profiel.doelgroepen, DOELGROEPEN)),
        ("Vormen van eenzaamheid", ", ".join(profiel.vormen) or "geen"),
        ("Levensgebeurtenissen", ", ".join(map(levensgebeurtenis_label, profiel.levensgebeurtenissen)) or "geen"),
        ("Drempels", labels(profiel.drempels, DREMPELS)),
        ("Wat kan helpen", labels(profiel.mechanismen, MECHANISMEN)),
    ]


def export_markdown(
    titel: str, profiel: Profiel, resultaat: Resultaat, wijk_namen: Mapping[str, str] | None = None, top: int = 10
) -> str:
    """A Markdown summary for the workshop report: the profile, the top matches with reasons, the gap.

    `titel` is typed by a user: it is escaped so it cannot become a link or markup in the report.
    """
    lines = [f"# Persona: {escape_markdown(titel) or 'zonder naam'}", ""]
    lines += [f"- **{label}**: {waarde}" for label, waarde in profiel_regels(profiel, wijk_namen)]
    lines += ["", f"## Best passende activiteiten (top {min(top, len(resultaat.matches))})", ""]
    for rank, m in enumerate(resultaat.matches[:top], start=1):
        a = m.activiteit
        status = "" if a.status == "lopend" else " (in opbouw)"
        lines.append(f"{rank}. **{a.naam}**{status}, {a.organisatie}: score {m.score}")
        lines += [f"   - {r}" for r in (*m.match_reasons, *m.waarschuwingen)]
        if a.illustratief:
            lines.append(f"   - _{a.illustratief_label()}_")
    if not resultaat.matches:
        lines.append("Geen enkele activiteit past bij dit profiel.")
    lines.append("")
    goede = len(resultaat.goede)
    if resultaat.tekort:
        lines.append(
            f"**Let op: gat in het aanbod.** Maar {lopende_activiteiten(goede)} goed "
            f"(score {GOED_VANAF} of meer); de norm is {MIN_GOEDE_MATCHES}."
        )
    else:
        lines.append(f"{lopende_activiteiten(goede)} goed (score {GOED_VANAF} of meer).")
    lines += ["", "_Bron: sociale kaart Meer Samen; tijden, adressen en kosten zijn deels voorbeeldgegevens._", ""]
    return "\n".join(lines)


def lopende_activiteiten(n: int) -> str:
    """'1 lopende activiteit past' / '3 lopende activiteiten passen' / 'geen lopende activiteit past'."""
    if n == 0:
        return "geen lopende activiteit past"
    return getallen.aantal(n, "lopende activiteit past", "lopende activiteiten passen")


def zin_lopend(n: int) -> str:
    """Verb first, for 'Voor Ans ... goed': 'past maar 1 lopende activiteit' / 'passen maar 2 lopende activiteiten'."""
    if n == 0:
        return "past geen enkele lopende activiteit"
    return f"{'past' if n == 1 else 'passen'} maar {getallen.aantal(n, 'lopende activiteit', 'lopende activiteiten')}"
