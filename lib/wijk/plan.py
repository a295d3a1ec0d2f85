"""What a wijk's figures mean for the plan: the risk groups and themes that matter there, and the
activities located in it. Pure functions over the real CBS figures (lib.wijk.bevolking), the
loneliness figures, lib.aanbod.catalogus and lib.personas.persona.

Every suggestion carries its reasons (`redenen`), so a reader can see why it is listed. A reason is
a real figure: a share of the population clearly above the gemeente's (CBS 2024), or a real
loneliness estimate clearly above the gemeente's. Example figures and the fictive personas are never
a reason: a persona who 'lives' in a wijk says nothing about the wijk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from lib.aanbod.begrippen import DOELGROEPEN
from lib.aanbod.catalogus import Activiteit
from lib.cijfers import figures as fig
from lib.cijfers.figures import HOGER
from lib.kern import getallen
from lib.personas.persona import Persona
from lib.plan.themas import THEMAS
from lib.wijk import bevolking

# When the wijk's figure is clearly above the gemeente's (95% margins), which theme and which risk
# group it points to. Social loneliness is about a wider circle (neighbours: theme 4), emotional
# loneliness about losing a close bond (life events: theme 2), as the plan describes them.
SIGNALEN: tuple[tuple[str, str, int, str | None, str], ...] = (
    ("sociaal_eenzaam", "18+", 4, None, "Sociale eenzaamheid is hier duidelijk hoger dan in de gemeente"),
    ("emotioneel_eenzaam", "18+", 2, "weduwen", "Emotionele eenzaamheid is hier duidelijk hoger dan in de gemeente"),
    ("eenzaam", "65+", 2, "ouderen", "Eenzaamheid onder 65-plussers is hier duidelijk hoger dan in de gemeente"),
    ("ernstig_eenzaam", "18+", 2, "gezondheid", "Ernstige eenzaamheid is hier duidelijk hoger dan in de gemeente"),
)


@dataclass(frozen=True)
class Suggestie:
    key: str  # doelgroep key or thema number as text
    label: str
    redenen: tuple[str, ...]
    aanbod_in_wijk: int = 0  # activities located in the wijk aimed at this group
    aanbod_gemeentebreed: int = 0  # activities for the whole gemeente aimed at this group


@dataclass(frozen=True)
class WijkPlan:
    personas: tuple[Persona, ...]  # personas living in the wijk
    risicogroepen: tuple[Suggestie, ...]
    themas: tuple[Suggestie, ...]
    activiteiten: tuple[Activiteit, ...]  # located in the wijk
    gemeentebreed: tuple[Activiteit, ...]  # for the whole gemeente

    @property
    def illustratief(self) -> bool:
        return any(a.illustratief for a in self.activiteiten)


def _signalen(df: pd.DataFrame, wijk_code: str, gemeente_code: str, periode: int) -> list[tuple[int, str | None, str]]:
    out = []
    for indicator, leeftijd, thema, groep, reden in SIGNALEN:
        w = fig.value_of(df, wijk_code, indicator, periode, leeftijd)
        g = fig.value_of(df, gemeente_code, indicator, periode, leeftijd)
        if w is None or g is None or w.illustratief or g.illustratief:
            continue  # an example figure is no reason (lib.cijfers.voorbeeld)
        if fig.compare(w, g.waarde) == HOGER:
            out.append((thema, groep, f"{reden} ({periode})."))
    return out


def wijk_plan(
    wijk_code: str,
    df: pd.DataFrame,
    gemeente_code: str,
    periode: int,
    personas: Sequence[Persona],
    aanbod: Sequence[Activiteit],
    cbs: pd.DataFrame | None = None,
) -> WijkPlan:
    """Risk groups and themes for one wijk, with reasons, and the activities located in it.

    Reasons: a share of the wijk's population (CBS 2024, `cbs`) clearly above the gemeente's
    (lib.wijk.bevolking.signalen), or a real loneliness figure of the wijk clearly above the
    gemeente's (SIGNALEN, 95% margins). Groups are ordered by number of reasons, then by how little
    offer there is for them in the wijk. Personas living here are listed, as illustration only.
    """
    mine = tuple(p for p in personas if p.wijk == wijk_code)
    lokaal = tuple(a for a in aanbod if a.wijk == wijk_code)
    breed = tuple(a for a in aanbod if a.wijk == "gemeente")

    groep_redenen: dict[str, list[str]] = {}
    thema_redenen: dict[int, list[str]] = {}
    if cbs is not None:
        for s in bevolking.signalen(cbs, wijk_code, gemeente_code):
            groep_redenen.setdefault(s.groep, []).append(s.reden)
            thema_redenen.setdefault(s.thema, []).append(s.reden)
    for thema, groep, reden in _signalen(df, wijk_code, gemeente_code, periode):
        thema_redenen.setdefault(thema, []).append(reden)
        if groep:
            groep_redenen.setdefault(groep, []).append(reden)

    groepen = [
        Suggestie(
            g,
            DOELGROEPEN.get(g, g),
            tuple(dict.fromkeys(r)),
            sum(g in a.doelgroepen for a in lokaal),
            sum(g in a.doelgroepen for a in breed),
        )
        for g, r in groep_redenen.items()
    ]
    groepen.sort(key=lambda s: (-len(s.redenen), s.aanbod_in_wijk, s.label))
    themas = [
        Suggestie(
            str(t),
            f"{t}. {THEMAS[t].naam}",
            tuple(dict.fromkeys(r)),
            sum(a.thema == t for a in lokaal),
            sum(a.thema == t for a in breed),
        )
        for t, r in thema_redenen.items()
        if t in THEMAS
    ]
    themas.sort(key=lambda s: (-len(s.redenen), int(s.key)))
    return WijkPlan(mine, tuple(groepen), tuple(themas), lokaal, breed)


def suggesties_frame(items: Sequence[Suggestie], wat: str) -> pd.DataFrame:
    """A table of suggestions for the page and its CSV download."""
    return pd.DataFrame(
        [
            {
                wat: s.label,
                "Waarom": " ".join(s.redenen),
                "Aanbod in de wijk": s.aanbod_in_wijk,
                "Aanbod voor heel Capelle": s.aanbod_gemeentebreed,
            }
            for s in items
        ],
        columns=[wat, "Waarom", "Aanbod in de wijk", "Aanbod voor heel Capelle"],
    )


def activiteiten_frame(activiteiten: Sequence[Activiteit]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Activiteit": a.naam,
                "Organisatie": a.organisatie,
                "Waar": a.locatie,
                "Thema": f"{a.thema}. {THEMAS[a.thema].naam}" if a.thema in THEMAS else "",
                "Voor wie": ", ".join(DOELGROEPEN.get(g, g) for g in a.doelgroepen),
                "Voorbeeldgegevens": ", ".join(a.illustratief),
            }
            for a in activiteiten
        ],
        columns=["Activiteit", "Organisatie", "Waar", "Thema", "Voor wie", "Voorbeeldgegevens"],
    )


def uitleg(periode: int) -> str:
    """How a reason is chosen, in plain Dutch: the one text for the wijk and the area page."""
    procent = getallen.kort(round((bevolking.DUIDELIJK_FACTOR - 1) * 100))
    return (
        "Aanknopingspunten voor het opgaveteam: de risicogroepen en thema's die hier spelen, met de reden erbij, "
        "en het aanbod dat er zit. Een reden is altijd een echt cijfer: een aandeel inwoners dat duidelijk hoger is "
        f"dan in de gemeente (CBS 2024: minstens {getallen.kort(bevolking.DUIDELIJK_PUNTEN)} procentpunt en "
        f"{procent}% meer), of een gemeten eenzaamheidscijfer dat duidelijk hoger is dan dat van de gemeente "
        f"({periode}, 95%-marges). Voorbeeldcijfers en de verzonnen persona's tellen niet mee."
    )
