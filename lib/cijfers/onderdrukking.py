"""Where too few people live, there is no estimate: the suppression rule for loneliness figures.

RIVM publishes no small-area estimate for areas with very few inhabitants (its StatLine table shows a
'.' there). Its exact publication threshold is not in the sources shipped with this project, so the
dashboard uses a documented threshold of its own: fewer than DREMPEL_INWONERS inhabitants in the real
CBS 2024 count (data/kwb2024.csv). That hides 13 of Capelle's 79 buurten: a sewage works, sports
parks, business parks and a few nearly empty buurten.

Decision: the rule holds for example AND real figures. An imported file that carries a value for such
a buurt keeps it in the database (nothing is lost, undo still works), but the app does not show it:
an estimate for a handful of people says nothing about them and could point to individuals.
"""

from __future__ import annotations

import pandas as pd

DREMPEL_INWONERS = 50
GEEN_SCHATTING = "geen schatting (te weinig inwoners)"
# A real import covers this region, period and age, but the source left the value out ('.'): no example
# stands in its place (lib.cijfers.imports.onderdrukt).
ONDERDRUKT = "geen waarde (onderdrukt door de bron)"
ONDERDRUKT_TEGEL = "geen"  # in a narrow metric tile, with ONDERDRUKT in the caption under it
REDEN = f"Minder dan {DREMPEL_INWONERS} inwoners (CBS 2024): geen schatting, zoals het RIVM ook doet."


def te_weinig_inwoners(kwb: pd.DataFrame) -> frozenset[str]:
    """Codes of the buurten with fewer than DREMPEL_INWONERS inhabitants (an unknown count counts as 0).

    Only buurten: every wijk and the gemeente are far above the threshold, and a wijk figure is never
    hidden because one of its buurten is empty.
    """
    if kwb is None or kwb.empty:
        return frozenset()
    buurten = kwb[kwb["regio_code"].str.startswith("BU")]
    inwoners = pd.to_numeric(buurten["inwoners"], errors="coerce").fillna(0)
    return frozenset(buurten.loc[inwoners < DREMPEL_INWONERS, "regio_code"])


def zonder_kleine_gebieden(figures: pd.DataFrame, codes: frozenset[str] | set[str]) -> pd.DataFrame:
    """The figures without any row for the given (too small) areas, example or real."""
    if not codes:
        return figures
    return figures[~figures["regio_code"].isin(codes)].reset_index(drop=True)
