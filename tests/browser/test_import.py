"""In a real browser: an editor uploads a 50120NED file for Capelle and the real figures show at once,
on the Data page and on the map, without the illustrative notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from lib.kern import auth
from tests.browser.conftest import (
    PHONE,
    _require_browser,
    assert_no_exception,
    screenshot,
    start_server,
    stop_server,
    wait_idle,
)
from tests.rivm_samples import capelle_regions, csv_bytes, records

PASSWORD = "browsertest-wachtwoord"
ILLUSTRATIEF = "Voorbeeldcijfers, geen echte meting"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory, browser):
    """A separate server with an editor credential and its own empty database."""
    _require_browser()
    server = start_server(
        tmp_path_factory.mktemp("browser-import"),
        env={"MEER_SAMEN_EDITOR_HASH": auth.hash_password(PASSWORD, iterations=1000)},
    )
    yield server
    stop_server(server)


def notices(page):
    """The illustrative notices and hints (alerts), not the source table that names the example source."""
    return page.get_by_test_id("stAlert").filter(has_text=ILLUSTRATIEF)


def tables_drawn(page) -> None:
    """Wait until every data table in view has drawn its grid (canvas), so screenshots show them."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stDataFrame]')].every(d => d.querySelector('canvas'))"
    )


def open_page(page, url: str) -> None:
    """Go to a page and wait for the app frame (the sidebar caption only appears once app.py has run)."""
    page.goto(url)
    page.get_by_text("Meer Samen · Capelle aan den IJssel (GM0502)").wait_for()
    wait_idle(page)


def login(page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Redacteursmodus", exact=True).click()
    wait_idle(page)  # the panel is lazy: opening it reruns and then builds the form
    sidebar.get_by_label("Uw naam").fill("Browsertest")
    sidebar.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als redacteur: Browsertest").wait_for()
    wait_idle(page)


def test_upload_50120ned_for_capelle_replaces_the_illustrative_figures(editor_server, browser_page, tmp_path):
    file = tmp_path / "50120NED_GM0502.csv"
    file.write_bytes(csv_bytes(records(capelle_regions(), perioden=(2016, 2020, 2022)), decimal_comma=True))
    page = browser_page
    open_page(page, editor_server.url("data"))
    notices(page).nth(0).wait_for()  # before: the shipped example figures are labelled
    login(page)
    page.locator("input[type=file]").first.set_input_files(str(file))
    page.get_by_text("Wat verandert er?").wait_for()
    wait_idle(page)
    assert_no_exception(page)
    page.get_by_text("Wat verandert er?").scroll_into_view_if_needed()
    tables_drawn(page)
    screenshot(page, "data-import-voorbeeld", full_page=False)
    page.get_by_role("button", name="Inlezen").click()
    page.get_by_text("Ingelezen: 3204 cijfers").wait_for()
    wait_idle(page)
    assert_no_exception(page)
    # every figure is real now: the notice is gone and the RIVM source is named
    page.get_by_role("heading", name="Eenzaamheid per wijk").scroll_into_view_if_needed()
    tables_drawn(page)
    screenshot(page, "data-na-import", full_page=False)
    assert notices(page).count() == 0, notices(page).all_inner_texts()
    expect(page.get_by_text("Alle cijfers in het dashboard zijn echte metingen")).to_have_count(1)
    page.get_by_text("Gezondheid per wijk en buurt (tabel 50120NED)", exact=False).nth(0).wait_for()
    page.get_by_role("heading", name="Eenzaamheid per wijk").scroll_into_view_if_needed()
    tables_drawn(page)
    screenshot(page, "data-na-import", full_page=False)
    # the map shows the imported figures, with their source and without the notice
    page.get_by_test_id("stSidebar").get_by_role("link", name="Wijkkaart").click()
    page.get_by_role("heading", name="Wijkkaart").wait_for()
    wait_idle(page)
    page.locator("[data-testid=stDeckGlJsonChart] canvas").first.wait_for()
    assert_no_exception(page)
    assert notices(page).count() == 0
    page.get_by_text("Gezondheid per wijk en buurt (tabel 50120NED)", exact=False).nth(0).wait_for()
    screenshot(page, "kaart-na-import", full_page=False)
    # and so does the overview
    page.get_by_test_id("stSidebar").get_by_role("link", name="Overzicht").click()
    page.get_by_role("heading", name="Meer samen, minder eenzaam").wait_for()
    wait_idle(page)
    assert_no_exception(page)
    assert notices(page).count() == 0
    assert not page.console_errors


def test_data_page_on_phone_in_view_mode(editor_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    open_page(browser_page, editor_server.url("data"))
    browser_page.get_by_role("heading", name="Eenzaamheid per wijk").scroll_into_view_if_needed()
    tables_drawn(browser_page)
    browser_page.get_by_role("heading", name="Echte cijfers inlezen").wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "data-telefoon")


def test_editor_downloads_a_backup_made_on_click(editor_server, browser_page):
    page = browser_page
    open_page(page, editor_server.url("data"))
    login(page)
    button = page.get_by_role("button", name="Download een back-up")
    button.wait_for()
    with page.expect_download() as info:
        button.click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"SQLite format 3\x00")  # a real database file, made when clicked
    assert info.value.suggested_filename.endswith(".sqlite3")
    assert_no_exception(page)


def test_national_file_keeps_capelle_and_brings_other_gemeenten_for_comparison(editor_server, browser_page, tmp_path):
    """A 'national' file: Capelle in detail, two other gemeenten with their wijken and buurten (dropped)."""
    file = tmp_path / "50120NED_landelijk.csv"
    recs = records(["NL01", *capelle_regions()], perioden=(2020, 2022))
    recs += records(["GM0606", "WK060601", "BU06060101"], perioden=(2020, 2022), base=45.0, gemeentenaam="Schiedam")
    recs += records(["GM0542", "WK054201"], perioden=(2020, 2022), base=22.0, gemeentenaam="Krimpen aan den IJssel")
    file.write_bytes(csv_bytes(recs))
    page = browser_page
    open_page(page, editor_server.url("data"))
    login(page)
    page.locator("input[type=file]").first.set_input_files(str(file))
    page.get_by_text("Wat verandert er?").wait_for()
    wait_idle(page)
    assert_no_exception(page)
    page.get_by_text("en 2 andere gemeenten om mee te vergelijken", exact=False).wait_for()
    page.get_by_text("Daarnaast 48 cijfers van 2 andere gemeenten", exact=False).wait_for()
    page.get_by_text("Wat verandert er?").scroll_into_view_if_needed()
    tables_drawn(page)
    screenshot(page, "data-import-landelijk", full_page=False)
    page.get_by_role("button", name="Inlezen").click()
    page.get_by_text("Ingelezen:").wait_for()
    wait_idle(page)
    # the comparison on the Wijkprofiel, with the gemeente from the link
    for size, name in ((None, "wijk-vergelijking"), (PHONE, "wijk-vergelijking-telefoon")):
        if size:
            page.set_viewport_size(size)
        open_page(page, editor_server.url("wijk") + "?wijk=WK050201&vergelijk=GM0606")
        heading = page.get_by_role("heading", name="Vergelijken met andere gemeenten")
        heading.wait_for()
        heading.scroll_into_view_if_needed()
        page.get_by_text("Schiedam: 45,0%, duidelijk hoger.", exact=False).wait_for()
        tables_drawn(page)
        page.locator("[data-testid=stVegaLiteChart]").last.scroll_into_view_if_needed()
        assert_no_exception(page)
        screenshot(page, name, full_page=False)
    assert "vergelijk=GM0606" in page.url
    assert not page.console_errors
