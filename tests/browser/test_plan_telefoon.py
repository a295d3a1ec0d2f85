"""/plan on a phone: nothing in the main content is wider than the screen (WCAG 1.4.10 reflow), and the
counts per theme are readable without sideways scrolling. On a laptop they stay a table that fits.

Where the counts table does not fit its column, lib/ui/plan.py shows the same counts as one line per theme
(a CSS container query decides, in the browser); which of the two shows is only to be seen here.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, assert_no_exception, screenshot, wait_idle

TELLINGEN = ".st-key-voortgang_thema_tellingen"  # the key views/plan.py gives the progress block, + _tellingen
TABEL, REGELS = ".st-key-voortgang_thema_tabel", ".st-key-voortgang_thema_kort"

# Every element of the main content that reaches past the screen's edge. The cells of a data grid
# elsewhere on the page (the indicators) may be wider: that grid scrolls inside itself, the page not.
# What a closed expander holds is not shown (a table in it keeps its old width until it is opened).
OVERLOOP_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid=stMain]');
  const te_breed = [];
  for (const el of main.querySelectorAll('*')) {
    if (el.closest('[data-testid=stDataFrame]') !== el && el.closest('[data-testid=stDataFrame]')) continue;
    if (el.closest('details:not([open])') && !el.closest('summary')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) {
      const waar = el.closest('[data-testid]');
      te_breed.push(`${el.tagName} in ${waar ? waar.dataset.testid : '?'}: ${Math.round(r.left)}-${Math.round(r.right)}`);
    }
  }
  return {
    vw, innerWidth, pagina: document.documentElement.scrollWidth,
    main: [main.scrollWidth, main.clientWidth], te_breed: te_breed.slice(0, 10),
  };
}"""

# Scroll width against client width of the counts block and of everything in it that scrolls (the data
# grid's scroller). The block's own is measured only on a phone: on a laptop the data grid's corner
# handle for resizing it (Streamlit's, invisible) reaches 10 px past the grid, without scrolling anything.
TELLINGEN_JS = """([sel, blok]) => {
  const b = document.querySelector(sel);
  return [...(blok ? [b] : []), ...[...b.querySelectorAll('*')].filter(el => getComputedStyle(el).overflowX !== 'visible')]
    .filter(el => el.clientWidth > 0)
    .map(el => [el.className.toString().slice(0, 50), el.scrollWidth, el.clientWidth]);
}"""


def open_plan(page, server, size: dict, counts: str, eerst: dict | None = None) -> None:
    """Open /plan at `size` (or at `eerst`, then turned to `size`) and wait until the counts (`counts`: TABEL
    or REGELS) and the charts are drawn."""
    page.set_viewport_size(eerst or size)
    page.goto(server.url("plan"))
    wait_idle(page)
    page.get_by_role("heading", name="Voortgang per thema").wait_for()
    if eerst:
        page.locator("[data-testid=stMain] [data-testid=stVegaLiteChart] svg").first.wait_for()
        page.set_viewport_size(size)
    # the data grid's code loads after the script has run
    page.locator(f"{counts} [data-testid=stDataFrame], {counts} [data-testid=stMarkdownContainer]").first.wait_for()
    # the charts draw after the script has run, and fit their labels to their width after that
    for chart in page.locator("[data-testid=stMain] [data-testid=stVegaLiteChart]").all():
        chart.locator("svg, canvas").first.wait_for()
    with contextlib.suppress(PlaywrightTimeout):  # the assertions below say what is still too wide
        page.wait_for_function(f"() => ({OVERLOOP_JS})().te_breed.length === 0", timeout=10_000)


def assert_fits(page, what: str, *, phone: bool) -> None:
    maat = page.evaluate(OVERLOOP_JS)
    assert maat["pagina"] <= maat["innerWidth"], f"{what}: the page scrolls sideways: {maat}"
    assert maat["main"][0] <= maat["main"][1], f"{what}: the main content scrolls sideways: {maat}"
    assert not maat["te_breed"], f"{what}: wider than the screen ({maat['vw']} px): {maat['te_breed']}"
    gemeten = page.evaluate(TELLINGEN_JS, [TELLINGEN, phone])
    assert gemeten, f"{what}: nothing measured in the counts block"
    for naam, scroll, client in gemeten:
        assert scroll <= client + 1, f"{what}: the counts scroll sideways in {naam!r}: {scroll} > {client}"


SMAL = {"width": 320, "height": 720}


@pytest.mark.parametrize(
    ("size", "eerst"),
    [(PHONE, None), (SMAL, None), (SMAL, {"width": 720, "height": 320})],
    ids=["390", "320", "320-na-draaien"],
)
def test_plan_on_a_phone_fits_the_screen_and_shows_every_count_by_name(app_server, browser_page, size, eerst):
    """Also on a phone of 320 px that opened the page lying down (720 px wide) and was then turned upright."""
    page = browser_page
    open_plan(page, app_server, size, REGELS, eerst)
    assert_no_exception(page)
    assert_fits(page, f"/plan op {size['width']} px", phone=True)
    # the counts as lines, each number beside its name; the table that would not fit is not shown
    regels = page.locator(REGELS)
    expect(page.locator(TABEL)).to_be_hidden()
    expect(regels).to_be_visible()
    tekst = regels.inner_text().replace("\xa0", " ")
    for thema, lopend, voorbeeld in [
        ("1. Ken elkaar, vind elkaar", 1, 1),
        ("2. Kwetsbare Capellenaren en life events", 4, 4),
        ("3. Eenzaamheid onder jongeren", 3, 3),
        ("4. Verbuurzamen", 4, 4),
    ]:
        assert thema in tekst, tekst
        regel = tekst.split(thema, 1)[1].strip().splitlines()[0]
        assert f"Lopend: {lopend} " in regel and f"Waarvan voorbeeld (◇): {voorbeeld} ◇" in regel, regel
    assert tekst.count("Gepland: ") == tekst.count("Afgerond: ") == tekst.count("Gestopt: ") == 4, tekst
    screenshot(page, f"plan-telefoon-{size['width']}{'-na-draaien' if eerst else ''}")


def test_plan_on_a_laptop_keeps_the_counts_table_whole(app_server, browser_page):
    page = browser_page
    open_plan(page, app_server, LAPTOP, TABEL)
    tabel = page.locator(TABEL).get_by_test_id("stDataFrame")
    expect(tabel).to_be_visible()
    expect(page.locator(REGELS)).to_be_hidden()
    # all six columns of the table (the grid writes its header cells for screen readers a moment after it
    # has drawn), and beside the chart its grid does not scroll sideways (assert_fits)
    koppen = tabel.locator("th[role=columnheader]")
    expect(koppen).to_have_text(["Thema", "Gepland", "Lopend", "Afgerond", "Gestopt", "Waarvan voorbeeld (◇)"])
    assert_no_exception(page)
    assert_fits(page, "/plan op 1366 px", phone=False)
    screenshot(page, "plan-laptop-tellingen", full_page=False)
