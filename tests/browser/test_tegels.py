"""Metric tiles in a real browser: a value in a narrow tile stays whole (WCAG 1.4.10).

Streamlit cuts a metric's value off with an ellipsis; the frame CSS (lib.ui.toegankelijkheid) lets it wrap at
spaces and makes it smaller in a narrow tile, without breaking a number in two.
"""

from __future__ import annotations

import pytest

from lib.cijfers import onderdrukking
from tests.browser.conftest import LAPTOP, PHONE, assert_no_exception, screenshot, wait_idle

SMAL = {"width": 1024, "height": 768}  # a small laptop: /wijk's six tiles are about 80 px wide
KLEINE_BUURT = "Klaverweide"  # 35 inhabitants (CBS 2024): no estimate, the longest tile text

# Per tile text: is the box that Streamlit clips (its markdown container) wide enough for its content?
TEGELS_JS = """() => [...document.querySelectorAll(
    '[data-testid=stMetricLabel], [data-testid=stMetricValue], [data-testid=stMetricDelta]')]
  .filter(e => e.offsetParent !== null)
  .map(e => { const box = e.querySelector('[data-testid=stMarkdownContainer]') || e;
              return {tekst: e.innerText, scroll: box.scrollWidth, breed: box.clientWidth}; })"""


def _afgesneden(page) -> list[dict]:
    return [t for t in page.evaluate(TEGELS_JS) if t["scroll"] > t["breed"]]


@pytest.mark.parametrize("scherm", ["laptop", "telefoon"])
def test_no_estimate_is_readable_in_the_area_panel(app_server, browser_page, scherm):
    browser_page.set_viewport_size(LAPTOP if scherm == "laptop" else PHONE)
    browser_page.goto(app_server.url("kaart?niveau=buurt"))
    wait_idle(browser_page)
    browser_page.get_by_role("combobox", name="Kies een buurt").click()
    browser_page.keyboard.type(KLEINE_BUURT)
    browser_page.keyboard.press("Enter")
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name=KLEINE_BUURT).wait_for()
    assert_no_exception(browser_page)
    waarde = browser_page.get_by_test_id("stMetricValue")
    assert waarde.count() == 1
    assert waarde.inner_text() == onderdrukking.GEEN_SCHATTING  # whole, no '…'
    assert not _afgesneden(browser_page)
    waarde.scroll_into_view_if_needed()
    screenshot(browser_page, f"tegel-geen-schatting-{scherm}", full_page=False)


@pytest.mark.parametrize("scherm", ["laptop", "telefoon"])
def test_budget_tiles_are_whole(app_server, browser_page, scherm):
    browser_page.set_viewport_size(LAPTOP if scherm == "laptop" else PHONE)
    browser_page.goto(app_server.url("budget?jaar=2022"))
    wait_idle(browser_page)
    browser_page.get_by_test_id("stMetricValue").nth(3).wait_for()
    assert_no_exception(browser_page)
    waarden = browser_page.get_by_test_id("stMetricValue").all_inner_texts()[:4]
    assert waarden == ["€ 514.000", "€ 514.000 ◇", "€ 505.100 ◇", "€ 7,57"]
    assert not _afgesneden(browser_page)


def test_wijk_tiles_on_a_small_laptop_show_whole_numbers(app_server, browser_page):
    browser_page.set_viewport_size(SMAL)
    browser_page.goto(app_server.url("wijk?wijk=WK050207"))
    wait_idle(browser_page)
    waarden = browser_page.get_by_test_id("stMetricValue")
    waarden.nth(4).wait_for()
    assert_no_exception(browser_page)
    assert not _afgesneden(browser_page)  # was '1…' and '5…'
    # one line each: '14.0' over '20' would read as two numbers
    regels = waarden.evaluate_all(
        "els => els.map(e => { const p = e.querySelector('p');"
        " return Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)); })"
    )
    assert regels == [1] * 5, waarden.all_inner_texts()
    waarden.first.evaluate("e => e.scrollIntoView({block: 'center'})")
    screenshot(browser_page, "tegel-wijk-smal", full_page=False)
