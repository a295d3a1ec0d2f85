"""CSV exports: formula triggers neutralised (OWASP CSV injection), UTF-8 with BOM, ';' for Dutch Excel."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.kern import export
from lib.kern.config import ROOT
from lib.ui import basis
from tests.pagetest import run_page

HOSTILE = [
    '=HYPERLINK("http://evil.example","klik")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _read(data: bytes, sep: str = ",") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=sep))


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_triggers_get_a_leading_quote_and_keep_their_text(text):
    df = pd.DataFrame({"naam": [text], "bedrag": [-1500.5]})
    rows = _read(export.csv_bytes(df))
    assert rows[0] == ["naam", "bedrag"]
    assert rows[1][0] == "'" + text
    assert rows[1][1] == "-1500.5"  # a negative number is a number, not a formula


def test_excel_nl_uses_semicolon_and_decimal_comma():
    df = pd.DataFrame({"wijk": ["Oostgaarde", "=1+1"], "aandeel": [47.5, 44.0]})
    rows = _read(export.excel_nl(df), sep=";")
    assert rows == [["wijk", "aandeel"], ["Oostgaarde", "47,5"], ["'=1+1", "44,0"]]


def test_column_names_and_string_dtype_and_missing_values():
    df = pd.DataFrame({"=kop": pd.array(["@x", None, "gewoon"], dtype="string")})
    rows = _read(export.csv_bytes(df))
    assert rows == [["'=kop"], ["'@x"], [""], ["gewoon"]]


@given(st.lists(st.text(max_size=30), min_size=1, max_size=8))
def test_no_cell_starts_with_a_trigger(texts):
    rows = _read(export.csv_bytes(pd.DataFrame({"tekst": texts})))
    for (cell,), original in zip(rows[1:], texts, strict=True):
        assert not cell.startswith(export.FORMULE_TEKENS)
        assert cell in (original, "'" + original)


def test_every_csv_download_goes_through_the_helper():
    """No page or ui module writes CSV itself: to_csv only in lib/kern/export.py (and the scenario export)."""
    offenders = []
    for path in [*(ROOT / "lib").rglob("*.py"), *(ROOT / "views").rglob("*.py")]:
        if path == ROOT / "lib" / "kern" / "export.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ".to_csv(" in line and "scenarios.to_csv(" not in line:  # that one uses the helper (tested below)
                offenders.append(f"{path.relative_to(ROOT)}:{n}")
    assert offenders == []


def test_scenario_csv_is_neutralised_and_reads_back_unchanged():
    from lib.budget import scenarios

    rows = pd.DataFrame(
        {"regel": ['=HYPERLINK("http://evil.example","klik")', "-korting"], "thema": [1, 2], "bedrag": [1000, 2000]}
    )
    scenario = scenarios.make_scenario("@SUM(1+1)*cmd", 2021, rows)
    data = scenarios.to_csv(scenario)
    cells = [cell for row in _read(data) for cell in row]
    assert not any(cell.startswith(export.FORMULE_TEKENS) for cell in cells)
    again = scenarios.from_csv(data)
    assert again.naam == "@SUM(1+1)*cmd"
    assert list(again.regels["regel"]) == list(scenario.regels["regel"])


def test_the_shared_download_helper_also_offers_the_dutch_excel_csv(monkeypatch):
    """lib.ui.basis.download_csv: the ordinary CSV and, next to it, ';' with a decimal comma (export.excel_nl)."""
    calls = []
    monkeypatch.setattr(basis.st, "download_button", lambda label, data, **kw: calls.append((label, data, kw)))
    df = pd.DataFrame({"naam": ["=1+1"], "aandeel": [0.25]})
    basis.download_csv(df, "tabel.csv", key="t")
    assert [c[0] for c in calls] == ["Download als CSV", basis.EXCEL_LABEL]
    gewoon, excel = (c[1]() if callable(c[1]) else c[1] for c in calls)
    assert _read(gewoon) == [["naam", "aandeel"], ["'=1+1", "0.25"]]
    assert _read(excel, sep=";") == [["naam", "aandeel"], ["'=1+1", "0,25"]]
    assert calls[1][2]["file_name"] == "tabel-excel.csv" and calls[1][2]["key"] == "t_excel"
    assert calls[1][2]["mime"] == "text/csv"


def test_a_page_shows_both_downloads():
    at = run_page("views/data.py")
    labels = [d.proto.label for d in at.get("download_button")]
    assert len(labels) >= 4 and labels[1::2] == [basis.EXCEL_LABEL] * (len(labels) // 2)  # each CSV has its twin
    assert all("CSV" in label for label in labels[::2])
