"""The briefing in a real browser: the PDF download, and the presentation view on the chamber screen."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS, PHONE, assert_no_exception, screenshot, wait_idle


def test_pdf_download(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("briefing"))
    wait_idle(page)
    page.get_by_role("heading", name="Raadsbriefing").wait_for()
    page.get_by_text("Voorbeeldcijfers, geen echte meting", exact=False).nth(0).wait_for()
    screenshot(page, "briefing")
    page.get_by_role("button", name="PDF maken").click()
    page.get_by_text("De PDF is klaar", exact=False).wait_for(timeout=60_000)
    wait_idle(page)
    assert_no_exception(page)
    screenshot(page, "briefing-pdf-klaar")
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Download de PDF").click()
    download = info.value
    assert re.fullmatch(r"raadsbriefing-eenzaam-2022-18plus-\d{4}-\d{2}-\d{2}\.pdf", download.suggested_filename)
    path = ARTIFACTS.parent / "pdf" / "download.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    download.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 7  # title, 5 sections, sources
    assert "Bronnen" in reader.pages[-1].extract_text()
    assert "Capelle aan den IJssel" in reader.pages[0].extract_text()
    assert page.console_errors == []


def test_plan_tab_and_slide_mark_the_example_statuses(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("briefing"))
    wait_idle(page)
    page.get_by_role("tab", name="Voortgang van het plan").click()
    page.get_by_text("Voorbeeldstatus, geen stand van zaken", exact=False).wait_for()
    page.get_by_text("12 lopend (◇ voorbeeldstatus)", exact=False).first.wait_for()
    wait_idle(page)
    assert_no_exception(page)
    screenshot(page, "briefing-plan")
    page.goto(app_server.url("briefing?presentatie=1&dia=6"))
    wait_idle(page)
    page.get_by_role("heading", name="Voortgang van het plan").wait_for()
    page.get_by_text("De status van 12 van de 14 acties is een voorbeeld", exact=False).wait_for()
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    assert_no_exception(page)
    screenshot(page, "presentatie-plan", full_page=False)
    assert page.console_errors == []


def test_briefing_on_phone(app_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(app_server.url("briefing"))
    wait_idle(browser_page)
    browser_page.get_by_role("button", name="PDF maken").wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "briefing-telefoon")


def test_presentation_view(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("briefing?presentatie=1&dia=3"))
    wait_idle(page)
    page.get_by_role("heading", name="Eenzaam per wijk, 2022").wait_for()
    assert_no_exception(page)
    # The chamber screen has no sidebar and no way to open it.
    assert not page.locator("[data-testid=stSidebar]").is_visible()
    assert not page.locator("[data-testid=stExpandSidebarButton]").is_visible()
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    screenshot(page, "presentatie", full_page=False)

    page.get_by_role("button", name="Volgende").click()
    page.get_by_role("heading", name="Wijken van hoog naar laag").wait_for()
    wait_idle(page)
    assert "dia=4" in page.url  # the slide is in the URL, so it can be linked
    page.get_by_role("button", name="Vorige").click()
    page.get_by_role("heading", name="Eenzaam per wijk, 2022").wait_for()
    wait_idle(page)
    assert "dia=3" in page.url

    # A presentation clicker sends PageDown / PageUp.
    page.keyboard.press("PageDown")
    page.get_by_role("heading", name="Wijken van hoog naar laag").wait_for()
    wait_idle(page)
    assert "dia=4" in page.url
    page.keyboard.press("PageUp")
    page.get_by_role("heading", name="Eenzaam per wijk, 2022").wait_for()
    wait_idle(page)

    page.get_by_role("link", name="Sluiten").click()
    page.get_by_role("heading", name="Raadsbriefing").wait_for()
    wait_idle(page)
    assert page.locator("[data-testid=stSidebar]").is_visible()
    assert page.console_errors == []


def test_presentation_on_phone(app_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(app_server.url("briefing?presentatie=1&dia=1"))
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Kerncijfers").wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "presentatie-telefoon")
