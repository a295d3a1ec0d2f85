"""Dutch numbers on every page: no 20,000 or 57.1 or € 0.00 in text, metrics or tables.

Streamlit writes numbers in a table the browser's way (an English browser shows 20,000 and 57.1);
the pages therefore show Dutch text from lib.kern.getallen, or a format without separators. This
test runs every page and scans what it shows.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from tests.pagetest import run_page

PAGES = {
    "overzicht": {},
    "kaart": {},
    "wijk": {"wijk": "WK050201"},
    "personas": {"persona": "riet"},
    "aanbod": {},
    "budget": {},
    "plan": {},
    "alliantie": {},
    "briefing": {},
    "data": {},
}
# Thousands with a comma (20,000), decimals with a point in a percentage (57.1%) or an amount (€ 0.00).
ENGELS = (
    re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])"),
    re.compile(r"(?<![\d.,])\d+\.\d{1,2}\s?%"),
    re.compile(r"€\s?[+-]?\d{1,3}(?:\.\d{3})*\.\d{1,2}(?!\d)"),
)
# "1 budgetregels": a count of one before a plural noun (getallen.aantal writes the singular).
MEERVOUD_NA_EEN = re.compile(
    r"(?<![\d.,])\b1 (?:[a-z]+ )?(?:budgetregels|regels|activiteiten|momenten|wijzigingen|metingen|wijken|buurten"
    r"|acties|rijen|indicatoren)\b"
)
# Streamlit number formats that follow the browser's locale (English separators in most browsers).
LOCALE_FORMATS = {"localized", "accounting", "dollar", "euro", "compact", "percent"}
# No format: Streamlit writes whole numbers plainly (2022, 67925) but fractions with a point (0.4).
PLAIN_FORMATS = {None, "", "plain"}


def engels_in_tekst(text: str) -> list[str]:
    return [m.group(0) for pat in (*ENGELS, MEERVOUD_NA_EEN) for m in pat.finditer(text)]


def engels_in_tabel(df: pd.DataFrame, config: dict) -> list[str]:
    """Columns a browser would show the English way: fractions, or large numbers without a fixed format."""
    problemen = []
    for kolom in df.columns:
        reeks = df[kolom]
        if not pd.api.types.is_numeric_dtype(reeks) or pd.api.types.is_bool_dtype(reeks):
            problemen += [f"{kolom}: {p}" for v in reeks.dropna().astype(str) for p in engels_in_tekst(v)]
            continue
        fmt = (config.get(str(kolom)) or {}).get("type_config", {}).get("format")
        waarden = reeks.dropna()
        breuk = waarden[waarden % 1 != 0]
        if fmt in LOCALE_FORMATS and (len(breuk) or (waarden.abs() >= 1000).any()):
            problemen.append(f"{kolom}: formaat {fmt} volgt de taal van de browser")
        elif fmt in PLAIN_FORMATS and len(breuk):
            problemen.append(f"{kolom}: decimale punt (bijv. {breuk.iloc[0]})")
        elif fmt and re.search(r"%\.[1-9]f", fmt) and (waarden % 1 != 0).any():
            problemen.append(f"{kolom}: formaat {fmt} schrijft een decimale punt")
    return problemen


def test_scanner_finds_english_numbers():
    assert engels_in_tekst("Begroot 20,000 en 57.1% en € 0.00") == ["20,000", "57.1%", "€ 0.00"]
    assert engels_in_tekst("€ 514.000, 47,0%, 1.234,5 en om 10.00 uur; WK050201, 2020, 2021") == []
    assert engels_in_tekst("betaald uit 1 budgetregels, 1 lopende activiteiten, 21 wijken") == [
        "1 budgetregels",
        "1 lopende activiteiten",
    ]
    df = pd.DataFrame({"a": [57.14], "b": [20000], "c": ["€ 2,50"], "d": [2020]})
    assert engels_in_tabel(df, {}) == ["a: decimale punt (bijv. 57.14)"]
    assert engels_in_tabel(df, {"b": {"type_config": {"format": "localized"}}})[1].startswith("b: formaat localized")
    assert engels_in_tabel(df, {"a": {"type_config": {"format": "%.1f"}}}) == ["a: formaat %.1f schrijft een decimale punt"]
    assert engels_in_tabel(pd.DataFrame({"c": ["57.1%"]}), {}) == ["c: 57.1%"]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_writes_numbers_the_dutch_way(page):
    at = run_page(f"views/{page}.py", query=PAGES[page])
    assert not at.exception, [e.value for e in at.exception]
    teksten = [m.value for m in at.markdown] + [c.value for c in at.caption]
    teksten += [e.value for kind in ("info", "warning", "success", "error") for e in getattr(at, kind)]
    teksten += [f"{m.label} {m.value} {m.proto.delta}" for m in at.metric]
    problemen = [f"tekst: {p}" for t in teksten for p in engels_in_tekst(t)]
    for element in list(at.dataframe) + list(at.table):
        config = json.loads(element.proto.columns or "{}") if hasattr(element.proto, "columns") else {}
        problemen += [f"tabel: {p}" for p in engels_in_tabel(element.value, config)]
    assert not problemen, problemen
