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

from lib.kern.navigation import PAGES as NAVIGATIE
from tests.pagetest import run_page

# Every page of the app's navigation, with the query a page needs to show its figures.
QUERY = {"wijk": {"wijk": "WK050201"}, "personas": {"persona": "riet"}}
CASES = {p.url_path or "overzicht": (p.bestand, QUERY.get(p.url_path, {}), {}) for p in NAVIGATIE}
# Lazy panels and layers the default state does not draw.
CASES |= {
    "kaart-tabel": ("views/kaart.py", {}, {"kaart_tabel_open": True}),
    "kaart-tabel-inwoners": ("views/kaart.py", {"laag": "inwoners"}, {"kaart_tabel_open": True}),
    "kaart-tabel-buurt": ("views/kaart.py", {"niveau": "buurt", "laag": "inwoners"}, {"kaart_tabel_open": True}),
}
BRIEFING_TABS = ("Eenzaam door de jaren", "Eenzaam per wijk, 2022", "Wijken van hoog naar laag",
                 "Budget per thema, 2022", "Voortgang van het plan")  # fmt: skip
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
# No format: Streamlit writes whole numbers plainly (14020, no thousands dot) and fractions with a point (0.4).
PLAIN_FORMATS = {None, "", "plain"}
# Whole-number columns that are no amounts: a year (2022) or a code is written without a dot.
GEEN_BEDRAG = re.compile(r"jaar|periode|code|nummer|^id$|_id$", re.IGNORECASE)


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
        elif fmt in PLAIN_FORMATS and (waarden.abs() >= 1000).any() and not GEEN_BEDRAG.search(str(kolom)):
            problemen.append(f"{kolom}: geen punt voor duizendtallen (bijv. {waarden[waarden.abs() >= 1000].iloc[0]})")
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
    df = pd.DataFrame({"a": [57.14], "b": [20000], "c": ["€ 2,50"], "Jaar": [2020]})
    assert engels_in_tabel(df, {}) == ["a: decimale punt (bijv. 57.14)", "b: geen punt voor duizendtallen (bijv. 20000)"]
    assert engels_in_tabel(df, {"b": {"type_config": {"format": "localized"}}})[-1].startswith("b: formaat localized")
    assert engels_in_tabel(df, {"a": {"type_config": {"format": "%.1f"}}})[0] == "a: formaat %.1f schrijft een decimale punt"
    assert engels_in_tabel(pd.DataFrame({"c": ["57.1%"]}), {}) == ["c: 57.1%"]


def _problemen(at) -> list[str]:
    assert not at.exception, [e.value for e in at.exception]
    teksten = [m.value for m in at.markdown] + [c.value for c in at.caption]
    teksten += [e.value for kind in ("info", "warning", "success", "error") for e in getattr(at, kind)]
    teksten += [f"{m.label} {m.value} {m.proto.delta}" for m in at.metric]
    problemen = [f"tekst: {p}" for t in teksten for p in engels_in_tekst(t)]
    for element in list(at.dataframe) + list(at.table):
        config = json.loads(element.proto.columns or "{}") if hasattr(element.proto, "columns") else {}
        problemen += [f"tabel: {p}" for p in engels_in_tabel(element.value, config)]
    return problemen


def test_the_cases_are_every_page_of_the_navigation():
    assert {p.bestand for p in NAVIGATIE} <= {bestand for bestand, _, _ in CASES.values()}
    assert "toegankelijkheid" in CASES


@pytest.mark.parametrize("case", list(CASES))
def test_every_page_writes_numbers_the_dutch_way(case):
    bestand, query, session = CASES[case]
    at = run_page(bestand, query=query, session=session)
    problemen = _problemen(at)
    if case.startswith("kaart-tabel"):
        assert at.dataframe, "het tabelpaneel van /kaart is niet geopend"
    if case == "briefing":
        for tab in BRIEFING_TABS:
            at.session_state["briefing_tab"] = tab
            at.run()
            problemen += [f"{tab}: {p}" for p in _problemen(at)]
    assert not problemen, problemen
