"""The national reference of the plan, explained once: which Dutch figure goes with Capelle's 47%.

The plan names two national figures for "sometimes lonely":
- 44% of Dutch people, in its preface, as a headline next to Capelle's 47% (no year, no age group);
- 43% of people aged 19 and over, in "Capelle in beeld": the RIVM Gezondheidsmonitor 2016.

The plan gives no year or age group for Capelle's 47% (its own charts were lost). The dashboard
compares it with the 43%, the national figure whose group and year are known; that the 47% comes
from the same monitor is likely but not stated, and every text says so. The preface's 44% is shown
only as a quotation, with this explanation. Every page and the PDF take the pair and its wording from
here, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.cijfers import figures as fig
from lib.kern import getallen
from lib.regio.codes import NEDERLAND

PLAN_BRON = "plan_2019"  # the source key of the plan's 47% in the loneliness table
GEEN_MEETJAAR = "plan, geen meetjaar"


def meetjaar_noot(bron: str) -> str:
    """' (plan, geen meetjaar)' behind the plan's figure: it is filed under 2016, but the plan names no
    year, so no text or chart may present it as a 2016 measurement. '' behind any other figure."""
    return f" ({GEEN_MEETJAAR})" if bron == PLAN_BRON else ""


@dataclass(frozen=True)
class Cijfer:
    """One loneliness figure of the plan, with the group, year and source it belongs to."""

    pct: float
    groep: str
    jaar: int | None
    bron: str


@dataclass(frozen=True)
class Referentie:
    """Capelle's headline figure, its national comparison, and the plan's other national figure."""

    indicator: str  # the loneliness table's indicator of both figures
    periode: int
    capelle: Cijfer
    nederland: Cijfer
    voorwoord: Cijfer  # the 44% in the preface: quoted, not compared

    @property
    def verschil(self) -> float:
        """Capelle minus the Netherlands, in percentage points."""
        return self.capelle.pct - self.nederland.pct

    def tegen(self) -> str:
        """'tegen 43% in Nederland (19 jaar en ouder, 2016)': the national half of the pair."""
        return f"tegen {getallen.procent(self.nederland.pct, 0)} in Nederland ({self.nederland.groep}, {self.nederland.jaar})"

    def vergelijking(self) -> str:
        """'47% tegen 43% in Nederland (19 jaar en ouder, 2016)': the pair as one phrase."""
        return f"{getallen.procent(self.capelle.pct, 0)} {self.tegen()}"

    def uitleg(self) -> str:
        """Why the dashboard compares with 43% and not with the preface's 44%."""
        return (
            f"Vergeleken met het landelijke cijfer waarvan groep en jaar bekend zijn: {self.nederland.bron} "
            f"({self.nederland.jaar}), {self.nederland.groep}. Het plan noemt geen meetjaar bij de "
            f"{getallen.procent(self.capelle.pct, 0)} in Capelle. Het voorwoord van het plan noemt "
            f"{getallen.procent(self.voorwoord.pct, 0)} van {self.voorwoord.groep}, zonder jaar of leeftijdsgroep; "
            "dat cijfer vergelijkt het dashboard niet."
        )


PLAN = Referentie(
    indicator="eenzaam",
    periode=2016,
    capelle=Cijfer(47, "inwoners van Capelle", None, "RIVM, zoals het plan het noemt (zonder meetjaar)"),
    nederland=Cijfer(43, "19 jaar en ouder", 2016, "RIVM Gezondheidsmonitor Volwassenen en Ouderen"),
    voorwoord=Cijfer(44, "de Nederlanders", None, "voorwoord van het plan"),
)


def uit_tabel(data: pd.DataFrame, gemeente_code: str) -> tuple[fig.Waarde | None, fig.Waarde | None]:
    """The reference pair as it stands in the loneliness table (gemeente, Netherlands; 2016, 18+)."""
    return (
        fig.value_of(data, gemeente_code, PLAN.indicator, PLAN.periode),
        fig.value_of(data, NEDERLAND, PLAN.indicator, PLAN.periode),
    )
