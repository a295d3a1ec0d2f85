"""'Wie wonen er': a wijk's real population (CBS Kerncijfers wijken en buurten 2024) against the gemeente,
and the risk groups that follow from it for the plan.

Counts, not estimates, and never examples: nothing here carries an example mark. A share is 'clearly
higher' than the gemeente's when it is at least DUIDELIJK_PUNTEN percentage points AND at least
DUIDELIJK_FACTOR times the gemeente's share; both, so a small wijk with a slightly older population
is not singled out, and neither is a large relative gap in a small group.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import altair as alt
import pandas as pd

from lib.cijfers import kwb
from lib.cijfers.indicators import format_pct
from lib.kern import getallen

DUIDELIJK_PUNTEN = 3.0
DUIDELIJK_FACTOR = 1.15
BRON = f"Bron: {kwb.BRON_KWB} (tabel 85984NED), 1 januari 2024"


@dataclass(frozen=True)
class Signaal:
    """A share of the wijk clearly above the gemeente's, and what it means for the plan."""

    kolom: str
    groep: str  # key in lib.aanbod.begrippen.DOELGROEPEN
    thema: int
    wijk: float
    gemeente: float
    reden: str


# Which share points to which risk group and theme of the plan.
SIGNALEN: tuple[tuple[str, str, int, str], ...] = (
    ("leeftijd_65_plus", "ouderen_zonder_netwerk", 2, "65-plussers"),
    ("leeftijd_15_25", "jongeren", 3, "jongeren van 15 tot 25 jaar"),
    ("herkomst_buiten_europa", "migranten", 2, "inwoners met een herkomst buiten Europa"),
)


def duidelijk_hoger(wijk: float | None, gemeente: float | None) -> bool:
    """The rule of this module (see the docstring)."""
    if wijk is None or gemeente is None:
        return False
    return wijk - gemeente >= DUIDELIJK_PUNTEN and wijk >= gemeente * DUIDELIJK_FACTOR


def signalen(cbs: pd.DataFrame, wijk_code: str, gemeente_code: str) -> tuple[Signaal, ...]:
    """The shares of this wijk that are clearly higher than the gemeente's, each with its reason."""
    out = []
    for kolom, groep, thema, wie in SIGNALEN:
        w, g = kwb.aandeel(cbs, wijk_code, kolom), kwb.aandeel(cbs, gemeente_code, kolom)
        if duidelijk_hoger(w, g):
            reden = (
                f"Duidelijk meer {wie} dan gemiddeld: {format_pct(w)} tegen {format_pct(g)} in de gemeente "
                f"({kwb.BRON_KWB})."
            )
            out.append(Signaal(kolom, groep, thema, w, g, reden))
    return tuple(out)


@dataclass(frozen=True)
class WieWonenEr:
    wijk_code: str
    wijk_naam: str
    gemeente_naam: str
    inwoners: int | None
    inwoners_gemeente: int | None
    leeftijd: pd.DataFrame  # groep, wijk (%), gemeente (%), verschil (punten)
    herkomst: pd.DataFrame  # same columns
    samenvatting: str
    signalen: tuple[Signaal, ...]
    wijken: tuple[str, ...] = ()  # for an area (wie_wonen_er_gebied): the wijken whose counts are summed

    @property
    def heeft_gegevens(self) -> bool:
        return self.inwoners is not None and self.inwoners > 0


def _vergelijk(cbs: pd.DataFrame, wijk_code: str, gemeente_code: str, groepen: dict[str, str]) -> pd.DataFrame:
    rows = []
    for kolom, label in groepen.items():
        w, g = kwb.aandeel(cbs, wijk_code, kolom), kwb.aandeel(cbs, gemeente_code, kolom)
        rows.append(
            {
                "groep": label,
                "wijk": None if w is None else round(w, 1),
                "gemeente": None if g is None else round(g, 1),
                "verschil": None if w is None or g is None else round(w - g, 1),
            }
        )
    return pd.DataFrame(rows, columns=["groep", "wijk", "gemeente", "verschil"])


def _getal(n: int | None) -> str:
    return "onbekend" if n is None else getallen.getal(n)


def wie_wonen_er(cbs: pd.DataFrame, wijk_code: str, wijk_naam: str, gemeente_code: str, gemeente_naam: str):
    """The view model of the 'Wie wonen er' section of one wijk."""
    w, g = kwb.rij(cbs, wijk_code), kwb.rij(cbs, gemeente_code)
    inwoners = None if w is None or pd.isna(w["inwoners"]) else int(w["inwoners"])
    inwoners_gm = None if g is None or pd.isna(g["inwoners"]) else int(g["inwoners"])
    leeftijd = _vergelijk(cbs, wijk_code, gemeente_code, kwb.LEEFTIJDSGROEPEN)
    herkomst = _vergelijk(cbs, wijk_code, gemeente_code, kwb.HERKOMST)
    if inwoners is None:
        tekst = f"Voor {wijk_naam} zijn er geen CBS-kerncijfers."
    else:
        oud = kwb.aandeel(cbs, wijk_code, "leeftijd_65_plus")
        oud_gm = kwb.aandeel(cbs, gemeente_code, "leeftijd_65_plus")
        jong = kwb.aandeel(cbs, wijk_code, "leeftijd_15_25")
        jong_gm = kwb.aandeel(cbs, gemeente_code, "leeftijd_15_25")
        buiten = kwb.aandeel(cbs, wijk_code, "herkomst_buiten_europa")
        buiten_gm = kwb.aandeel(cbs, gemeente_code, "herkomst_buiten_europa")
        deel = f" ({getallen.aandeel(inwoners / inwoners_gm)} van {gemeente_naam})" if inwoners_gm else ""
        tekst = (
            f"In {wijk_naam} wonen {_getal(inwoners)} mensen{deel}. "
            f"{format_pct(oud)} is 65 jaar of ouder (gemeente {format_pct(oud_gm)}), "
            f"{format_pct(jong)} is 15 tot 25 jaar (gemeente {format_pct(jong_gm)}). "
            f"{format_pct(buiten)} heeft een herkomst buiten Europa (gemeente {format_pct(buiten_gm)})."
        )
    return WieWonenEr(
        wijk_code,
        wijk_naam,
        gemeente_naam,
        inwoners,
        inwoners_gm,
        leeftijd,
        herkomst,
        tekst,
        signalen(cbs, wijk_code, gemeente_code),
    )


GEBIED_UITLEG = (
    "Voor het gebied tellen we de CBS-aantallen van de wijken op en rekenen we de aandelen uit die totalen; "
    "zo is elk aandeel vanzelf gewogen naar het aantal inwoners van de wijken."
)


def met_gebied(cbs: pd.DataFrame, code: str, naam: str, wijken: tuple[str, ...]) -> pd.DataFrame:
    """The CBS table with one extra row for an area: the counts of its wijken summed. A count missing in
    any of the wijken stays missing (a partial sum would undercount)."""
    deel = cbs[cbs["regio_code"].isin(wijken)]
    volledig = len(deel) == len(wijken)
    som = {k: deel[k].sum(min_count=len(wijken)) if volledig else float("nan") for k in kwb.TELLINGEN}
    return pd.concat([cbs, pd.DataFrame([{"regio_code": code, "regio_naam": naam, "soort": "gebied", **som}])])


def wie_wonen_er_gebied(
    cbs: pd.DataFrame, code: str, naam: str, wijken: tuple[str, ...], gemeente_code: str, gemeente_naam: str
) -> WieWonenEr:
    """'Wie wonen er' for an area: counts summed over its wijken, shares from those sums (GEBIED_UITLEG)."""
    w = wie_wonen_er(met_gebied(cbs, code, naam, wijken), code, naam, gemeente_code, gemeente_naam)
    return dataclasses.replace(w, wijken=tuple(wijken))


def vergelijk_chart(tabel: pd.DataFrame, wijk_naam: str, gemeente_naam: str, titel: str) -> alt.Chart:
    """Side-by-side bars: the wijk's share per group against the gemeente's (real figures, filled)."""
    long = tabel.melt(id_vars=["groep"], value_vars=["wijk", "gemeente"], var_name="regio", value_name="aandeel")
    long["regio"] = long["regio"].map({"wijk": wijk_naam, "gemeente": gemeente_naam})
    order = list(tabel["groep"])
    return (
        alt.Chart(long.dropna(subset=["aandeel"]))
        .mark_bar()
        .encode(
            y=alt.Y("groep:N", sort=order, title=None, axis=alt.Axis(labelLimit=200)),
            yOffset=alt.YOffset("regio:N", sort=[wijk_naam, gemeente_naam]),
            x=alt.X("aandeel:Q", title=f"{titel} (% van de inwoners)"),
            color=alt.Color(
                "regio:N",
                sort=[wijk_naam, gemeente_naam],
                scale=alt.Scale(range=["#0072B2", "#E69F00"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("regio:N", title="Gebied"),
                alt.Tooltip("groep:N", title="Groep"),
                alt.Tooltip("aandeel:Q", title="Aandeel (%)", format=".1f"),
            ],
        )
        .properties(height=alt.Step(14))
    )
