"""Dutch numbers, money and percentages: the one place that turns a figure into text.

Every page, table, chart axis and the PDF write numbers through this module, so a reader sees
1.234,5 (point for thousands, comma for decimals), € 514.000, 47,0% and "3,1 procentpunt"
everywhere, independent of the browser's or the machine's locale.

Missing values (None, NaN) read "geen gegevens", never 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import pandas as pd

GEEN_GEGEVENS = "geen gegevens"


def _ontbreekt(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def getal(value, decimals: int = 0, *, teken: bool = False) -> str:
    """1.234,5: a number with Dutch separators; ``teken`` writes a plus sign for positive values."""
    if _ontbreekt(value):
        return GEEN_GEGEVENS
    x = float(value)
    if math.isinf(x):
        return GEEN_GEGEVENS
    text = f"{abs(x):,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if round(abs(x), decimals) == 0:
        return text
    if x < 0:
        return f"-{text}"
    return f"+{text}" if teken else text


def kort(value, decimals: int = 1) -> str:
    """45 or 45,5: like getal, without trailing zeros (class bounds, differences in a sentence)."""
    text = getal(value, decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def aantal(n, enkel: str, meer: str) -> str:
    """'1 budgetregel', '3 budgetregels', '2.735 rijen': a count with its noun in singular or plural."""
    return f"{getal(n)} {enkel if n == 1 else meer}"


def euro(value, decimals: int = 0, *, teken: bool = False) -> str:
    """€ 514.000 or € 12,50 (€ -1.250 for a negative amount; € +1.250 with ``teken``)."""
    if _ontbreekt(value):
        return GEEN_GEGEVENS
    return f"€ {getal(value, decimals, teken=teken)}"


def kosten(value) -> str:
    """A price: € 3 for whole euros, € 2,50 otherwise (never € 3,00 or € 0.00)."""
    if _ontbreekt(value):
        return GEEN_GEGEVENS
    return euro(value, 0 if float(value) == round(float(value)) else 2)


def euro_bereik(laag, hoog) -> str:
    """€ 12.000-15.000: a range of whole euros, the sign written once."""
    if laag == hoog:
        return euro(laag)
    return f"{euro(laag)}-{getal(hoog)}"


def megabytes(mb) -> str:
    """'250 MB', '1 GB', '1,5 GB': a file size given in MB (whole GB from 1024 MB on)."""
    if _ontbreekt(mb):
        return GEEN_GEGEVENS
    return f"{kort(mb / 1024, 1)} GB" if mb >= 1024 else f"{getal(mb)} MB"


def procent(value, decimals: int = 1) -> str:
    """47,0%: a percentage (the value is already in percent, 47.0 not 0.47)."""
    if _ontbreekt(value):
        return GEEN_GEGEVENS
    return f"{getal(value, decimals)}%"


def aandeel(fractie, decimals: int = 0) -> str:
    """A fraction as percentage: 0.25 -> 25%."""
    if _ontbreekt(fractie):
        return GEEN_GEGEVENS
    return procent(float(fractie) * 100, decimals)


def procentpunt(verschil, decimals: int = 1, *, teken: bool = True) -> str:
    """+3,1 procentpunt: the difference between two percentages (never written as '%')."""
    if _ontbreekt(verschil):
        return GEEN_GEGEVENS
    return f"{getal(verschil, decimals, teken=teken)} procentpunt"


def uren(laag, hoog=None) -> str:
    """1.234 or 1.234-1.500 (hours): whole numbers, a range written once."""
    if hoog is None or laag == hoog:
        return getal(laag)
    return f"{getal(laag)}-{getal(hoog)}"


# --- tables ---------------------------------------------------------------------------------------

_SOORTEN = {
    "getal": lambda v: getal(v),
    "getal1": lambda v: getal(v, 1),
    "euro": lambda v: euro(v),
    "euro2": lambda v: euro(v, 2),
    "kosten": lambda v: kosten(v),
    "procent": lambda v: procent(v, 1),
    "procent0": lambda v: procent(v, 0),
    "aandeel": lambda v: aandeel(v, 0),
}


def tabel(df: pd.DataFrame, kolommen: Mapping[str, str], *, leeg: str = "") -> pd.DataFrame:
    """A copy of ``df`` whose numeric columns are Dutch text, for display only.

    ``kolommen`` maps a column to a kind: getal, getal1, euro, euro2, kosten, procent, procent0 or aandeel.
    Missing values become ``leeg`` (an empty cell reads better in a table than 'geen gegevens').
    Streamlit's own number formats follow the browser locale (20,000 in an English browser), so
    tables show these strings instead.
    """
    out = df.copy()
    for kolom, soort in kolommen.items():
        if kolom not in out.columns:
            continue
        fmt = _SOORTEN[soort]
        out[kolom] = [leeg if _ontbreekt(v) else fmt(v) for v in out[kolom]]
    return out


def met_tekst(df: pd.DataFrame, kolommen: Mapping[str, str]) -> pd.DataFrame:
    """A copy of ``df`` with a Dutch text column ``<kolom>_tekst`` beside each named number column,
    for chart tooltips (Vega would write 57.1 and 20,000)."""
    tekst = tabel(df[[k for k in kolommen if k in df.columns]], kolommen)
    return df.assign(**{f"{k}_tekst": tekst[k] for k in tekst.columns})


MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


# --- charts ---------------------------------------------------------------------------------------


# Dutch number and time locale for Vega (d3-format / d3-time-format definitions). Every chart spec
# carries it as config.locale: altair charts through the theme registered below, dict specs through
# met_locale. Then '.1f' writes 57,1 and ',.0f' writes 14.020 in axes, tooltips and format().
VEGA_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
    "time": {
        "dateTime": "%a %e %B %Y %X",
        "date": "%d-%m-%Y",
        "time": "%H:%M:%S",
        "periods": ["", ""],
        "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
        "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
        "months": list(MAANDEN),
        "shortMonths": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    },
}


def met_locale(spec: dict) -> dict:
    """A copy of a Vega-Lite spec (dict) with the Dutch locale in its config."""
    return {**spec, "config": {**(spec.get("config") or {}), "locale": VEGA_LOCALE}}


def _thema() -> dict:
    return {"config": {"locale": VEGA_LOCALE}}


# Registered and enabled once, for every altair chart (Streamlit keeps a theme that is not "default").
alt.theme.register("meer_samen_nl", enable=True)(_thema)


def vega_getal(veld: str = "datum.value", fmt: str = ",.0f", voor: str = "", achter: str = "") -> str:
    """A Vega expression that writes a number through d3 ``format``; Dutch by the chart's locale.

    Use it in ``labelExpr`` (axes) or ``transform_calculate`` (tooltips) where a prefix or suffix
    is needed ('€ 1.200', '45%').
    """
    tekst = f"format({veld}, '{fmt}')"
    return f"'{voor}' + {tekst} + '{achter}'" if voor or achter else tekst


def as_label(fmt: str = ",.0f", voor: str = "", achter: str = "") -> str:
    """An axis labelExpr (see vega_getal)."""
    return vega_getal("datum.value", fmt, voor, achter)


# --- dates ----------------------------------------------------------------------------------------


def datum(d) -> str:
    """'27 november 2026': a date as a Dutch reader writes it, independent of the machine locale."""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def datum_kort(d) -> str:
    """'27-11-2026': a date in a table cell or a short note."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"
