"""The shipped example figures on /kaart, as a visitor sees them: every place an example value stands carries
its mark (the notice, the legend, the map's tooltip, the tile of a clicked wijk, the ranking's labels), and the
tile shows no difference arrow (between example values a difference is no finding)."""

from __future__ import annotations

from playwright.sync_api import expect

from lib.cijfers import voorbeeld as vb
from lib.cijfers.loaders import load_wijk_geojson
from lib.kaart import wijkkaart as maps
from lib.regio import geometrie
from lib.ui.basis import ILLUSTRATIEF_KOP
from tests.browser.conftest import assert_no_exception, screenshot, wait_idle
from tests.browser.test_kaart import _map_canvas

MERK = vb.merk(True).strip()  # "◇ voorbeeld"


def _punt_in_wijk(canvas, code: str) -> tuple[float, float]:
    """Page coordinates of a point inside the wijk, projected with the map's own view."""
    geo = load_wijk_geojson()
    doel = next(f for f in geo["features"] if f["properties"]["wijk_code"] == code)
    lon, lat = maps.label_points({"features": [doel]}, "wijk_code")[0]["position"]
    view = maps.fit_view(geometrie.bounds(geo), *maps.KAART_PX)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = maps.project(lon, lat, view, box["width"], box["height"])
    return box["x"] + x, box["y"] + y


def test_example_figures_carry_their_mark_wherever_they_stand_on_the_map_page(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("kaart"))
    wait_idle(page)
    canvas = _map_canvas(page)

    expect(page.get_by_text(ILLUSTRATIEF_KOP).first).to_be_visible()
    legenda = page.locator("[data-testid=stHtml]").filter(has_text="Legenda").first
    # every class that holds areas (its count in brackets) carries the mark; an empty class holds no value
    regels = [
        r for r in legenda.inner_text().splitlines() if r.endswith(")") and not r.endswith("(0)") and "Legenda" not in r
    ]
    assert regels and all(MERK in r for r in regels), regels
    expect(page.get_by_text(vb.VOETNOOT).first).to_be_visible()

    # The ranking's area names carry the symbol (Vega draws the chart as SVG: its labels are text).
    page.locator("[data-testid=stVegaLiteChart] svg text").first.wait_for()
    labels = page.locator("[data-testid=stVegaLiteChart] svg text").all_text_contents()
    wijken = {f["properties"]["wijk_naam"] for f in load_wijk_geojson()["features"]}
    namen = [t for t in labels if t.rstrip(" " + vb.TEKEN) in wijken]
    assert len(namen) == len(wijken) and all(t.endswith(" " + vb.TEKEN) for t in namen), labels

    # Hovering a wijk: the tooltip's value carries the mark.
    x, y = _punt_in_wijk(canvas, "WK050207")
    page.mouse.move(x, y)
    tip = page.locator(".deck-tooltip")
    expect(tip).to_contain_text("Schollevaar Zuid", timeout=15_000)
    expect(tip).to_contain_text(vb.TEKEN)
    expect(tip).to_contain_text("Nederland")
    # and nothing of it is cut off by a box around the map (it was, over a wijk near the map's right edge)
    afgesneden = tip.evaluate(
        """t => { const r = t.getBoundingClientRect(), uit = [];
        for (let e = t.parentElement; e; e = e.parentElement) {
          if (getComputedStyle(e).overflowX === 'visible') continue;
          const b = e.getBoundingClientRect();
          if (r.left < b.left - 1 || r.right > b.right + 1 || r.bottom > b.bottom + 1) uit.push(e.className); }
        return uit; }"""
    )
    assert afgesneden == [], afgesneden
    screenshot(page, "kaart-voorbeeld-tooltip", full_page=False)

    # Clicking it: the tile shows the value with the symbol and '◇ voorbeeld' in place of a difference.
    page.mouse.click(x, y)
    wait_idle(page)
    page.get_by_role("heading", name="Schollevaar Zuid", exact=True).wait_for(timeout=20_000)
    tegel = page.locator("[data-testid=stMetric]").first
    expect(tegel.locator("[data-testid=stMetricValue]")).to_contain_text(vb.TEKEN)
    delta = tegel.locator("[data-testid=stMetricDelta]")
    expect(delta).to_have_text(MERK)
    expect(delta.locator("svg")).to_have_count(0)  # no arrow
    assert_no_exception(page)
    screenshot(page, "kaart-voorbeeld-tegel")
