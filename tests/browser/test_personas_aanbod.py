"""Personas and the sociale kaart in a real browser: a persona shows activities with reasons."""

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_no_exception, wait_idle
from tests.browser.conftest import screenshot as _screenshot


def screenshot(page, name: str, full_page: bool = True):
    """The shared screenshot, but first wait until Streamlit has replaced its loading skeletons
    (widgets re-render when the viewport is stretched for a full-page shot)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=15_000)
    path = _screenshot(page, name, full_page=False)
    if not full_page:
        return path
    viewport = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    if height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(int(height), 8000)})
        wait_idle(page)
        page.wait_for_timeout(300)
        page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=15_000)
        page.wait_for_timeout(300)
        path = _screenshot(page, name, full_page=False)
        page.set_viewport_size(viewport)
    return path


def _goto(page, app_server, path: str) -> None:
    """Open a page by its deep link, collecting deck.gl console errors."""
    # deck.gl logs layer failures to the console (no page error): collect them to assert on.
    page.deck_errors = []
    page.on("console", lambda msg: page.deck_errors.append(msg.text) if msg.text.startswith("deck:") else None)
    page.goto(app_server.url(path))
    wait_idle(page)


def _open_riet(page, app_server):
    _goto(page, app_server, "personas?persona=riet")
    page.get_by_role("heading", name="Riet, 78 jaar").wait_for()


def test_persona_shows_at_least_three_activities_with_reasons(app_server, browser_page):
    _open_riet(browser_page, app_server)
    reasons = browser_page.get_by_text("past omdat", exact=False)
    reasons.nth(2).wait_for()
    # Three different activity cards, each numbered, each with its own reasons.
    for rank in ("1. ", "2. ", "3. "):
        browser_page.locator("strong", has_text=rank).nth(0).wait_for()
    browser_page.locator("[data-testid=stDeckGlJsonChart]").first.wait_for()
    assert_no_exception(browser_page)
    assert not browser_page.console_errors
    browser_page.wait_for_timeout(500)  # deck.gl initialises its layers after the element appears
    assert not browser_page.deck_errors, browser_page.deck_errors
    screenshot(browser_page, "personas-riet")


def test_persona_on_phone(app_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    _open_riet(browser_page, app_server)
    browser_page.get_by_text("past omdat", exact=False).nth(2).wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "personas-riet-telefoon")


def test_gallery_and_workshop(app_server, browser_page):
    _goto(browser_page, app_server, "personas")
    browser_page.get_by_role("button", name="Bekijk Lotte").wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "personas-galerij")
    browser_page.get_by_role("tab", name="Maak je eigen persona").click()
    browser_page.get_by_label("Begin vanaf een bestaande persona (optioneel)").click()
    browser_page.get_by_role("option", name="Daan, 19 jaar, Schollevaar Zuid").click()
    wait_idle(browser_page)
    browser_page.get_by_label("Naam of werktitel").fill("<b>Henk</b>")
    browser_page.get_by_label("Naam of werktitel").press("Enter")
    wait_idle(browser_page)
    browser_page.get_by_text("Wat past bij <b>Henk</b>?", exact=False).wait_for()
    assert browser_page.locator("b", has_text="Henk").count() == 0  # shown as text, not as markup
    browser_page.get_by_text("past omdat", exact=False).nth(2).wait_for()  # live matches
    expect(browser_page.get_by_role("button", name="Exporteer als Markdown")).to_have_count(1)
    assert_no_exception(browser_page)
    screenshot(browser_page, "personas-werksessie")


def test_aanbod_page(app_server, browser_page):
    _goto(browser_page, app_server, "aanbod")
    browser_page.get_by_role("heading", name="Sociale kaart").wait_for()
    expect(browser_page.get_by_text("55 van de 55 activiteiten", exact=False)).to_have_count(1)
    assert_no_exception(browser_page)
    screenshot(browser_page, "aanbod")
    browser_page.get_by_role("tab", name="Waar is het aanbod dun?").click()
    wait_idle(browser_page)
    browser_page.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    screenshot(browser_page, "aanbod-dekking")
    browser_page.get_by_role("tab", name="Kaart").click()
    browser_page.locator("[data-testid=stDeckGlJsonChart]").first.wait_for()
    browser_page.wait_for_timeout(500)
    assert not browser_page.deck_errors, browser_page.deck_errors
    screenshot(browser_page, "aanbod-kaart", full_page=False)


def test_aanbod_on_phone(app_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    _goto(browser_page, app_server, "aanbod?wijk=WK050206")
    browser_page.get_by_role("heading", name="Sociale kaart").wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "aanbod-telefoon")
