"""Uitvoeringsplan and Alliantie in a real browser: an editor changes a status, it survives a reload.

The editor test runs its own server with an editor credential (the shared app_server has none).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lib.kern import auth
from tests.browser.conftest import (
    PHONE,
    assert_no_exception,
    inloggen,
    screenshot,
    start_server,
    stop_server,
    wait_idle,
)

PASSWORD = "browser-test-wachtwoord"


def open_page(page, server, path: str) -> None:
    """Open a deep link and wait until the page has run."""
    page.goto(server.url(path))
    wait_idle(page)


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    from tests.browser.conftest import _require_browser

    _require_browser()
    server = start_server(
        tmp_path_factory.mktemp("plan-editor"),
        env={"MEER_SAMEN_EDITOR_HASH": auth.hash_password(PASSWORD, iterations=1000)},
    )
    yield server
    stop_server(server)


def login(page, name: str) -> None:
    inloggen(page, name, PASSWORD)


def test_editor_changes_status_and_it_survives_a_reload(editor_server, browser_page):
    page = browser_page
    open_page(page, editor_server, "plan?thema=3")
    page.get_by_role("heading", name="3. Eenzaamheid onder jongeren").wait_for()
    login(page, "Browser Redacteur")

    # 3.2 is "gepland" in the shipped plan (3.4 is an example "lopend": it has spent money)
    card = page.locator(".st-key-actie-3-2")
    card.get_by_text("Bijwerken").click()
    wait_idle(page)
    status = card.get_by_test_id("stSelectbox").first
    status.click()
    page.keyboard.type("Lopend")
    page.keyboard.press("Enter")
    hostile = "<img src=x onerror=alert(1)> **vet** [link](javascript:alert(1))"
    card.get_by_label("Voortgang").fill(hostile)
    card.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Actie 3.2 opgeslagen.").wait_for()  # the confirmation after the save and rerun
    wait_idle(page)
    assert_no_exception(page)

    # A fresh load (new session, view mode) shows the stored status, the note as plain text, and the audit trail.
    page.goto(editor_server.url("plan?thema=3"))
    wait_idle(page)
    card = page.locator(".st-key-actie-3-2")
    card.get_by_text("Lopend", exact=True).wait_for()
    card.get_by_text(hostile).wait_for()  # shown literally, not as an image, bold or link
    assert card.locator("img[src=x]").count() == 0
    assert card.locator("a[href^=javascript]").count() == 0
    card.get_by_text("Wijzigingslog (2)").click()
    log = card.get_by_test_id("stDataFrame")
    log.wait_for()
    assert "Browser Redacteur" in log.inner_text() or "Browser Redacteur" in card.inner_text()
    assert page.get_by_role("button", name="Opslaan").count() == 0  # view mode after reload: no editing
    assert_no_exception(page)
    screenshot(page, "plan-na-wijziging")


def test_plan_page_screenshots(app_server, browser_page):
    page = browser_page
    open_page(page, app_server, "plan")
    page.get_by_role("heading", name="Uitvoeringsplan").wait_for()
    page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").first.wait_for()
    expect(page.get_by_text("Alleen redacteuren kunnen", exact=False)).to_have_count(1)
    # the shipped example statuses carry their mark in the sentence and on the cards
    expect(page.get_by_text("12 lopend (◇ voorbeeldstatus)", exact=False)).to_have_count(1)
    expect(page.locator(".st-key-actie-1-1").get_by_text("Lopend ◇ voorbeeld")).to_have_count(1)
    assert_no_exception(page)
    assert not page.console_errors, page.console_errors
    screenshot(page, "plan")
    page.set_viewport_size(PHONE)
    page.goto(app_server.url("plan?thema=4"))
    wait_idle(page)
    page.get_by_role("heading", name="4. Verbuurzamen").wait_for()
    assert_no_exception(page)
    screenshot(page, "plan-telefoon")


def test_alliance_diagram_renders_without_a_graphviz_binary(app_server, browser_page):
    page = browser_page
    open_page(page, app_server, "alliantie")
    page.get_by_role("heading", name="Alliantie Samen tegen Eenzaamheid").wait_for()
    diagram = page.get_by_test_id("stGraphVizChart").locator("svg")
    diagram.wait_for(timeout=30_000)  # drawn in the browser (Graphviz compiled to WebAssembly)
    drawn = diagram.text_content()
    assert "Kerngroep" in drawn and "Verbuurzamen" in drawn
    assert_no_exception(page)
    assert not page.console_errors, page.console_errors
    screenshot(page, "alliantie")
    page.set_viewport_size(PHONE)
    page.reload()
    wait_idle(page)
    page.get_by_test_id("stGraphVizChart").locator("svg").wait_for(timeout=30_000)
    assert_no_exception(page)
    screenshot(page, "alliantie-telefoon")
