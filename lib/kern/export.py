"""CSV downloads that are safe to open in a spreadsheet, and readable in a Dutch Excel.

Every CSV the app offers goes through ``csv_bytes``. Text cells that a spreadsheet would run as a
formula are neutralised as OWASP's CSV-injection guidance advises: a cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a leading single quote, so Excel and LibreOffice show
the text instead of running it. Numbers stay numbers (a negative amount is not a formula), and the
text of such a cell is otherwise unchanged, so nothing an editor wrote is lost.

The file is UTF-8 with a byte order mark (Excel then reads ë and € correctly); ``sep=";"`` with
``decimal=","`` gives the layout a Dutch Excel opens by double-click.
"""

from __future__ import annotations

import pandas as pd

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutraliseer(value):
    """One cell: text starting with a formula trigger gets a leading quote; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULE_TEKENS):
        return "'" + value
    return value


def zonder_quote(value):
    """Undo ``neutraliseer`` when a file we wrote is read back (a scenario CSV imported again)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULE_TEKENS):
        return value[1:]
    return value


def veilig(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of the table with every text cell (and column name) neutralised."""
    out = df.copy()
    out.columns = [neutraliseer(str(c)) for c in out.columns]
    for column in out.columns:
        series = out[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            out[column] = series.map(neutraliseer, na_action="ignore").astype(object)
    if isinstance(out.index, pd.MultiIndex) or out.index.dtype == object:
        out.index = out.index.map(lambda v: tuple(map(neutraliseer, v)) if isinstance(v, tuple) else neutraliseer(v))
    return out


def csv_bytes(df: pd.DataFrame, *, sep: str = ",", decimal: str = ".", index: bool = False) -> bytes:
    """The table as CSV bytes for a download: formula triggers neutralised, UTF-8 with BOM."""
    text = veilig(df).to_csv(index=index, sep=sep, decimal=decimal, lineterminator="\r\n")
    return (BOM + text).encode("utf-8")


def excel_nl(df: pd.DataFrame, *, index: bool = False) -> bytes:
    """The Dutch spreadsheet variant: ';' between cells and a decimal comma."""
    return csv_bytes(df, sep=";", decimal=",", index=index)
