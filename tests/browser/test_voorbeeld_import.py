"""In a real browser: example values carry their mark where they stand, and after an import of real
50120NED figures the marks and the PDF watermark disappear exactly where real figures now stand, while
the rest (buurten, budget) stays marked; the generated sentences return as findings."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lib.briefing import pdf as bp
from lib.kern import auth
from tests.browser.conftest import (
    ARTIFACTS,
    _require_browser,
    assert_no_exception,
    screenshot,
    start_server,
    stop_server,
    wait_idle,
)
from tests.browser.test_import import PASSWORD, login, open_page, tables_drawn
from tests.rivm_samples import csv_bytes, records

MARK = "◇ voorbeeld"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory, browser):
    _require_browser()
    server = start_server(
        tmp_path_factory.mktemp("browser-voorbeeld"),
        env={"MEER_SAMEN_EDITOR_HASH": auth.hash_password(PASSWORD, iterations=1000)},
    )
    yield server
    stop_server(server)


def metric_values(page) -> list[str]:
    """The values of the five tiles (inhabitants and the four indicators), once they are drawn."""
    page.get_by_test_id("stMetricValue").nth(4).wait_for()
    return page.get_by_test_id("stMetricValue").all_inner_texts()


def pdf_pages(page, name: str) -> list[str]:
    page.get_by_role("button", name="PDF maken").click()
    page.get_by_text("De PDF is klaar", exact=False).wait_for(timeout=90_000)
    wait_idle(page)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download de PDF").click()
    path = ARTIFACTS.parent / "pdf" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    info.value.save_as(path)
    return [p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_marks_and_watermark_follow_the_imported_real_figures(editor_server, browser_page, tmp_path):
    page = browser_page
    # before: every example tile and sentence on the wijk profile is marked
    open_page(page, editor_server.url("wijk?wijk=WK050207"))
    page.get_by_role("heading", name="Wie wonen er").wait_for()
    tiles = [v for v in metric_values(page) if "%" in v]
    assert len(tiles) == 4 and all(v.endswith("% ◇") for v in tiles), tiles
    deltas = page.get_by_test_id("stMetricDelta").all_inner_texts()
    assert sum(MARK in d for d in deltas) == 4, deltas
    page.get_by_text("In de voorbeeldcijfers ◇: In Schollevaar Zuid is dit cijfer van", exact=False).wait_for()
    page.get_by_text("19,7% is 65 jaar of ouder (gemeente 22,0%)", exact=False).wait_for()
    assert_no_exception(page)
    screenshot(page, "wijk-voorbeeld-gemarkeerd", full_page=False)

    # import real figures for the gemeente and its wijken only (the buurten stay examples)
    regions = ["GM0502", *[f"WK05020{i}" for i in range(1, 10)]]
    file = tmp_path / "50120NED_GM0502_wijken.csv"
    file.write_bytes(csv_bytes(records(regions, perioden=(2016, 2020, 2022)), decimal_comma=True))
    open_page(page, editor_server.url("data"))
    login(page)
    page.locator("input[type=file]").first.set_input_files(str(file))
    page.get_by_text("Wat verandert er?").wait_for()
    wait_idle(page)
    page.get_by_role("button", name="Inlezen").click()
    page.get_by_text("Ingelezen: 360 cijfers").wait_for()
    wait_idle(page)
    assert_no_exception(page)

    # after: the wijk's tiles are real (no mark), the sentences are findings again,
    # and the buurten, still examples, keep their mark
    open_page(page, editor_server.url("wijk?wijk=WK050207"))
    page.get_by_role("heading", name="Wie wonen er").wait_for()
    screenshot(page, "wijk-na-import-boven", full_page=False)
    tiles = [v for v in metric_values(page) if "%" in v]
    assert len(tiles) == 4 and not any("◇" in v for v in tiles), tiles
    page.get_by_text("In Schollevaar Zuid is dit cijfer van", exact=False).first.wait_for()
    assert page.get_by_text("In de voorbeeldcijfers ◇: In Schollevaar Zuid", exact=False).count() == 0
    assert page.get_by_text("de gemeente (", exact=False).filter(has_text="In de voorbeeldcijfers").count() == 0
    page.get_by_text("In de voorbeeldcijfers ◇: Hoogste:", exact=False).wait_for()  # buurten: still examples
    tables_drawn(page)
    assert_no_exception(page)
    screenshot(page, "wijk-na-import", full_page=False)

    # the PDF: no watermark on the pages whose figures are now real; the example budget keeps it
    open_page(page, editor_server.url("briefing"))
    pages = pdf_pages(page, "na-import.pdf")
    titles = ["Kerncijfers", "per wijk", "Wijken van hoog naar laag", "Budget per thema"]
    by_title = {t: next(p for p in pages[1:] if t in p) for t in titles}
    for title in ("Kerncijfers", "per wijk", "Wijken van hoog naar laag"):
        assert bp.WATERMERK_BAND not in by_title[title], title
        assert "◇" not in by_title[title], title
    assert bp.WATERMERK_BAND in by_title["Budget per thema"]
    ranking = by_title["Wijken van hoog naar laag"].replace("\n", " ")
    assert "Het hoogst in" in ranking and "In de voorbeeldcijfers" not in ranking
    assert page.console_errors == []
