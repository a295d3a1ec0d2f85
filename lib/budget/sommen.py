"""Sums over the budget table: per theme and year, lines, budget against spending, the frame check."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.budget.begroting import FINANCIERING, KADER_FINANCIERING, STATUSSEN
from lib.kern.errors import DataFout
from lib.kern.getallen import euro
from lib.plan.themas import JAARBUDGET_WMO, THEMAS

# --- sums ---------------------------------------------------------------------------------------


def select(
    df: pd.DataFrame, jaar: int | None = None, status: str = "begroot", financiering: str | None = KADER_FINANCIERING
) -> pd.DataFrame:
    """Rows of one year (None: all), one status, one funding source (None: all sources)."""
    mask = df["status"] == status
    if jaar is not None:
        mask &= df["jaar"] == jaar
    if financiering is not None:
        mask &= df["financiering"] == financiering
    return df[mask]


def totals_by_theme(
    df: pd.DataFrame, jaar: int, status: str = "begroot", financiering: str | None = KADER_FINANCIERING
) -> pd.DataFrame:
    """Amount per theme in one year: columns thema, thema_naam, bedrag (EUR), aandeel (0-1).

    By default the budgeted structural Wmo money, i.e. the EUR 514,000 frame; pass
    ``financiering=None`` for all sources together, ``status="besteed"`` for what was spent.
    All four themes are always present (0 when nothing is allocated); ``aandeel`` is the share
    of the selection's total (0 for every theme when the total is 0).
    """
    rows = select(df, jaar, status, financiering)
    sums = rows.groupby("thema")["bedrag"].sum()
    out = pd.DataFrame({"thema": list(THEMAS)})
    out["thema_naam"] = out["thema"].map(lambda t: THEMAS[t].naam)
    out["bedrag"] = out["thema"].map(sums).fillna(0.0).astype(float)
    total = out["bedrag"].sum()
    out["aandeel"] = out["bedrag"] / total if total else 0.0
    return out


def totals_by_year_theme(df: pd.DataFrame, status: str = "begroot", financiering: str | None = None) -> pd.DataFrame:
    """Amount per year x theme x funding source (for stacked bars): jaar, thema, thema_naam, financiering, bedrag."""
    rows = select(df, None, status, financiering)
    out = rows.groupby(["jaar", "thema", "financiering"], as_index=False)["bedrag"].sum()
    out["thema_naam"] = out["thema"].map(lambda t: THEMAS[t].naam)
    out["financiering_naam"] = out["financiering"].map(FINANCIERING)
    return out[["jaar", "thema", "thema_naam", "financiering", "financiering_naam", "bedrag"]]


def lines(df: pd.DataFrame, jaar: int, thema: int | None = None, financiering: str | None = None) -> pd.DataFrame:
    """Drill-down: the line items of a year (optionally one theme), begroot beside besteed.

    Columns: thema, thema_naam, regel_id, regel, financiering, begroot, besteed, verschil,
    activiteit_ids; sorted by theme and descending budget.
    """
    rows = df[df["jaar"] == jaar]
    if thema is not None:
        rows = rows[rows["thema"] == thema]
    if financiering is not None:
        rows = rows[rows["financiering"] == financiering]
    keys = ["thema", "thema_naam", "regel_id", "regel", "financiering"]
    wide = rows.pivot_table(index=keys, columns="status", values="bedrag", aggfunc="sum").reset_index()
    for status in STATUSSEN:
        if status not in wide:
            wide[status] = float("nan")
    ids = rows.drop_duplicates("regel_id").set_index("regel_id")["activiteit_ids"]
    wide["activiteit_ids"] = wide["regel_id"].map(ids)
    wide["verschil"] = wide["besteed"] - wide["begroot"]
    wide.columns.name = None
    return wide.sort_values(["thema", "begroot"], ascending=[True, False]).reset_index(drop=True)[
        [*keys, "begroot", "besteed", "verschil", "activiteit_ids"]
    ]


def budget_vs_actual(df: pd.DataFrame, jaar: int, financiering: str | None = KADER_FINANCIERING) -> pd.DataFrame:
    """Per theme: begroot, besteed, verschil (besteed - begroot) and realisatie (besteed / begroot).

    Structural Wmo money by default; ``financiering=None`` for all sources."""
    begroot = totals_by_theme(df, jaar, "begroot", financiering)
    besteed = totals_by_theme(df, jaar, "besteed", financiering)
    out = begroot[["thema", "thema_naam"]].copy()
    out["begroot"] = begroot["bedrag"]
    out["besteed"] = besteed["bedrag"]
    out["verschil"] = out["besteed"] - out["begroot"]
    out["realisatie"] = (out["besteed"] / out["begroot"]).where(out["begroot"] > 0)
    return out


def bovenop(df: pd.DataFrame, jaar: int) -> pd.DataFrame:
    """The budgeted rows on top of the Wmo frame in a year (one-off money, funds, WOP budgets)."""
    begroot = select(df, jaar, "begroot", None)
    return begroot[begroot["financiering"] != KADER_FINANCIERING]


def voorbeeld(rows: pd.DataFrame) -> bool:
    """True when any of these rows holds an example amount (its ``illustratief`` flag): a figure summed from
    them carries the example mark."""
    return bool(rows["illustratief"].any())


def spent_and_extra(df: pd.DataFrame, jaar: int) -> tuple[float, float]:
    """Wmo money spent in a year, and the budgeted money on top of the Wmo frame (one-off, funds, WOP)."""
    besteed = float(select(df, jaar, "besteed")["bedrag"].sum())
    return besteed, float(bovenop(df, jaar)["bedrag"].sum())


def per_inwoner(bedrag: float, inwoners: int) -> float:
    """Euros per inhabitant; refuses a non-positive population (a division by zero is a data error)."""
    if inwoners <= 0:
        raise DataFout(f"Aantal inwoners moet positief zijn, niet {inwoners}")
    return bedrag / inwoners


@dataclass(frozen=True)
class Kadertoets:
    """A total against the frame (EUR 514,000 by default)."""

    totaal: float
    kader: float = JAARBUDGET_WMO

    @property
    def verschil(self) -> float:
        return self.totaal - self.kader

    @property
    def over(self) -> bool:
        # Cents of rounding are not an overrun.
        return self.verschil > 0.005

    @property
    def ruimte(self) -> float:
        """What is left under the frame (0 when at or over it)."""
        return max(0.0, -self.verschil)

    def melding(self) -> str:
        """One Dutch sentence for the user."""
        if self.over:
            return (
                f"Het totaal ({euro(self.totaal)}) is {euro(self.verschil)} hoger dan het kader "
                f"van {euro(self.kader)}. Verlaag één of meer bedragen."
            )
        if self.ruimte >= 0.005:
            return (
                f"Het totaal ({euro(self.totaal)}) past binnen het kader van {euro(self.kader)}; "
                f"er is nog {euro(self.ruimte)} te verdelen."
            )
        return f"Het totaal is precies het kader van {euro(self.kader)}."


def kadertoets(df: pd.DataFrame, jaar: int, kader: float = JAARBUDGET_WMO) -> Kadertoets:
    """The budgeted structural Wmo money of one year against the frame."""
    return Kadertoets(float(select(df, jaar)["bedrag"].sum()), kader)
