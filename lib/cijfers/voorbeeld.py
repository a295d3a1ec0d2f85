"""One place that decides, per value, whether it carries the example mark, and how the mark reads.

Every view (tile, legend line, table cell, chart mark, tooltip, map label, slide, PDF) asks this
module with the `illustratief` flag of the value it shows, never with a page-wide flag: after an
import of real figures the mark disappears exactly where real figures stand and stays elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from lib.cijfers.figures import Waarde

TEKEN = "◇"  # the symbol behind an example value; explained in the footnote VOETNOOT
LABEL = "voorbeeld"
VOETNOOT = f"{TEKEN} = voorbeeldcijfer, geen echte meting: zeg er niets over alsof het een uitkomst is."
KOLOM = "Voorbeeldcijfer"  # table column holding the mark
# Chart encodings: examples are drawn hollow with a dashed outline, real figures filled.
STIJL_VOORBEELD = {"strokeDash": [4, 3], "fillOpacity": 0.25}
STIJL_ECHT = {"strokeDash": [1, 0], "fillOpacity": 1.0}
SOORT_VOORBEELD, SOORT_ECHT = f"{TEKEN} voorbeeldcijfer", "gemeten"
SOORTEN = (SOORT_ECHT, SOORT_VOORBEELD)
# In place of a verdict ("duidelijk hoger") when either side is an example: a table cell, a tooltip.
GEEN_OORDEEL = f"{TEKEN} {LABEL}"


def is_voorbeeld(value: Waarde | bool | None) -> bool:
    """True for an example value; a missing value is not an example (it shows 'geen gegevens')."""
    if value is None:
        return False
    return bool(getattr(value, "illustratief", value))  # a Waarde, or a flag (bool, numpy bool)


def merk(value: Waarde | bool | None) -> str:
    """' ◇ voorbeeld' behind an example value, '' behind a real one."""
    return f" {TEKEN} {LABEL}" if is_voorbeeld(value) else ""


def met_merk(tekst: str, value: Waarde | bool | None) -> str:
    """The value text with its mark: '53,1% ◇ voorbeeld' or '47%'."""
    return tekst + merk(value)


def kort_merk(value: Waarde | bool | None) -> str:
    """Only the symbol (for tight places such as map labels and axis labels): ' ◇' or ''."""
    return f" {TEKEN}" if is_voorbeeld(value) else ""


def kort(tekst: str) -> str:
    """An example's value text with only the symbol, for a place with little room: '53,1% ◇ voorbeeld' and
    '53,1% ◇' both give '53,1% ◇' (the word then stands beside it, see lib.ui.basis.tegel)."""
    return tekst.removesuffix(merk(True)).removesuffix(kort_merk(True)) + kort_merk(True)


def cel(value: Waarde | bool | None) -> str:
    """The table cell of the KOLOM column: 'ja ◇' for an example, 'nee' for a real figure."""
    return f"ja {TEKEN}" if is_voorbeeld(value) else "nee"


def soort(value: Waarde | bool | None) -> str:
    """The category a chart encodes (shape, dash, opacity) for this value."""
    return SOORT_VOORBEELD if is_voorbeeld(value) else SOORT_ECHT


def soorten(flags) -> list[str]:
    """The chart category per row from an `illustratief` column (bools, or the 'ja …'/'nee' texts of
    the tables; an empty cell is no example)."""
    out = []
    for flag in flags:
        if isinstance(flag, str):
            flag = flag.startswith("ja")
        out.append(soort(bool(flag) if flag == flag else False))  # NaN: no value, no example
    return out


def een_voorbeeld(values: Iterable[Waarde | bool | None]) -> bool:
    """True when any of these values is an example: a statement about them is then no finding."""
    return any(is_voorbeeld(v) for v in values)


def oordeel(tekst: str, voorbeeld: bool) -> str:
    """A comparison verdict ('duidelijk hoger') as it may be shown: the verdict for real figures,
    GEEN_OORDEEL when either side of the comparison is an example (an empty verdict stays empty)."""
    return GEEN_OORDEEL if voorbeeld and tekst else tekst


def als_voorbeeld(zin: str, voorbeeld: bool) -> str:
    """A generated sentence phrased as an example when it rests on example figures.

    'Hoger dan de gemeente.' stays a finding only for real figures; otherwise it reads
    'In de voorbeeldcijfers ◇: Hoger dan de gemeente (geen uitkomst, alleen een voorbeeld).'
    """
    if not voorbeeld or not zin:
        return zin
    body = zin.strip().rstrip(".")
    return f"In de voorbeeldcijfers {TEKEN}: {body} (geen uitkomst, alleen een voorbeeld)."
