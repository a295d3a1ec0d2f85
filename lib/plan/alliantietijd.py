"""The alliance's time per year: the plan's hours per role (data/plan.yaml) times a number of people.

The one home for this sum. The Alliantie page shows the hours, the Budget page the same hours and
their value at an hourly rate; both start from the same example head-counts, so they show the same
totals. The hours per role come only from the plan file (lib.plan.lezen reads them).
"""

from __future__ import annotations

import pandas as pd

from lib.kern.errors import DataFout
from lib.plan.model import Plan
from lib.plan.voortgang import alliance_hours

# The plan does not say how many people fill each role: these starting numbers are an example,
# shown as such on every page that uses them.
VOORBEELD_AANTALLEN = {"kerngroep": 3, "voorzitter": 3, "themagroep": 15, "klankbordgroep": 20, "aanjager": 1}


def totaal(plan: Plan, aantallen: dict[str, int] | None = None) -> tuple[int, int]:
    """(lowest, highest) hours per year of the whole alliance; the example head-counts by default."""
    som = alliance_hours(plan, dict(aantallen if aantallen is not None else VOORBEELD_AANTALLEN)).iloc[-1]
    return int(som["uren_min"]), int(som["uren_max"])


def waarde(plan: Plan, aantallen: dict[str, int], uurtarief: float) -> pd.DataFrame:
    """Hours per role (and the total row) with their value at an hourly rate: waarde_min, waarde_max.

    Raises DataFout for a negative or missing rate (and, through alliance_hours, for bad counts).
    """
    if uurtarief is None or pd.isna(uurtarief) or uurtarief < 0:
        raise DataFout(f"Het uurtarief moet 0 of meer zijn, niet {uurtarief}", kolom="uurtarief")
    df = alliance_hours(plan, aantallen)
    return df.assign(waarde_min=df["uren_min"] * float(uurtarief), waarde_max=df["uren_max"] * float(uurtarief))
