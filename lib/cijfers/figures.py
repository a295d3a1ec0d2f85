"""Questions asked of the loneliness table: one value, a slice, a comparison with its margin."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.cijfers.indicators import regio_niveau

NIVEAUS = ("land", "gemeente", "wijk", "buurt")


@dataclass(frozen=True)
class Waarde:
    """One figure with its 95% margin (bounds may be unknown) and where it came from."""

    regio_code: str
    periode: int
    leeftijd: str
    indicator: str
    waarde: float
    ondergrens: float | None
    bovengrens: float | None
    bron: str
    illustratief: bool
    noot: str = ""

    @property
    def heeft_marge(self) -> bool:
        return self.ondergrens is not None and self.bovengrens is not None


def _none_if_nan(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def value_of(df: pd.DataFrame, regio_code: str, indicator: str, periode: int, leeftijd: str = "18+") -> Waarde | None:
    """The figure for one region, or None when there is none (never 0)."""
    rows = df[
        (df["regio_code"] == regio_code)
        & (df["indicator"] == indicator)
        & (df["periode"] == periode)
        & (df["leeftijd"] == leeftijd)
    ]
    if rows.empty:
        return None
    r = rows.iloc[0]
    return Waarde(
        r["regio_code"],
        int(r["periode"]),
        r["leeftijd"],
        r["indicator"],
        float(r["waarde"]),
        _none_if_nan(r["ondergrens"]),
        _none_if_nan(r["bovengrens"]),
        r["bron"],
        bool(r["illustratief"]),
        r.get("noot", "") or "",
    )


def slice_of(
    df: pd.DataFrame, indicator: str, periode: int, leeftijd: str = "18+", niveau: str = "wijk"
) -> pd.DataFrame:
    """All regions of one level ('wijk', 'buurt', …) for one indicator, period and age group."""
    mask = (df["indicator"] == indicator) & (df["periode"] == periode) & (df["leeftijd"] == leeftijd)
    out = df[mask]
    return out[out["regio_code"].map(regio_niveau) == niveau].reset_index(drop=True)


def periods(df: pd.DataFrame) -> tuple[int, ...]:
    """The periods present in the table, oldest first (an import can add a newer one)."""
    return tuple(sorted(int(p) for p in df["periode"].unique()))


def latest_periode(df: pd.DataFrame, regio_code: str, indicator: str, leeftijd: str = "18+") -> int | None:
    """The most recent period with a figure for this region, or None."""
    rows = df[(df["regio_code"] == regio_code) & (df["indicator"] == indicator) & (df["leeftijd"] == leeftijd)]
    return int(rows["periode"].max()) if not rows.empty else None


# Outcomes of comparing a region with a reference, as GGD area profiles show them.
HOGER, GEEN_VERSCHIL, LAGER = "duidelijk hoger", "geen duidelijk verschil", "duidelijk lager"


def compare(value: Waarde, reference: float) -> str:
    """Classify a value against a reference using its 95% interval.

    Clearly higher only when the whole interval lies above the reference, clearly lower when it
    lies below; otherwise (or without a known margin) there is no clear difference.
    """
    if not value.heeft_marge:
        return GEEN_VERSCHIL
    if value.ondergrens > reference:
        return HOGER
    if value.bovengrens < reference:
        return LAGER
    return GEEN_VERSCHIL


def any_illustrative(df: pd.DataFrame) -> bool:
    """True when any of these rows is illustrative (the UI must then show the notice)."""
    return bool(df["illustratief"].any()) if "illustratief" in df and len(df) else False


def real_and_illustrative(df: pd.DataFrame) -> pd.DataFrame:
    """Per level (land, gemeente, wijk, buurt): how many figures are real and how many illustrative."""
    niveau = df["regio_code"].map(regio_niveau)
    counts = pd.crosstab(niveau, df["illustratief"]).reindex(index=list(NIVEAUS), columns=[False, True])
    counts = counts.fillna(0).astype(int)
    counts.columns = ["echte cijfers", "voorbeeldcijfers"]
    return counts.rename_axis("niveau").reset_index()
