"""The home page in a real browser: title, no exception, screenshots at laptop and phone size."""

from tests.browser.conftest import PHONE, assert_no_exception, screenshot, wait_idle


def test_home_page_renders(app_server, browser_page):
    browser_page.goto(app_server.url())
    wait_idle(browser_page)
    assert "Meer Samen" in browser_page.title()
    browser_page.get_by_role("heading", name="Meer samen, minder eenzaam").wait_for()
    browser_page.get_by_text("Voelt zich wel eens eenzaam", exact=False).nth(0).wait_for()
    assert_no_exception(browser_page)
    path = screenshot(browser_page, "overzicht")
    assert path.stat().st_size > 10_000


def test_home_page_on_phone(app_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(app_server.url())
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Meer samen, minder eenzaam").wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "overzicht-telefoon")


def test_data_page_lists_sources(app_server, browser_page):
    browser_page.goto(app_server.url("data"))
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Data en bronnen").wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "data")
