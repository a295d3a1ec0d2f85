"""Wijkkaart and Wijkprofiel in a real browser: click a wijk on the pydeck map, open a deep link."""

from __future__ import annotations

import base64
from pathlib import Path

from playwright.sync_api import expect

from lib.cijfers import loaders
from lib.kaart import wijkkaart as maps
from lib.regio import geometrie
from lib.ui import kaart as ui_kaart
from tests.browser.conftest import PHONE, assert_no_exception, screenshot, wait_idle


def _map_canvas(page):
    """deck.gl's canvas, once it has its full size (it has drawn)."""
    chart = page.locator("[data-testid=stDeckGlJsonChart]").first
    chart.wait_for()
    canvas = chart.locator("canvas").first
    canvas.wait_for()
    page.wait_for_function(
        "() => { const c = document.querySelector('[data-testid=stDeckGlJsonChart] canvas');"
        " return c && c.width > 100 && c.height > 100; }"
    )
    return canvas


def test_click_wijk_on_map_shows_summary(app_server, browser_page):
    browser_page.goto(app_server.url("kaart"))
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Wijkkaart").wait_for()
    canvas = _map_canvas(browser_page)
    browser_page.get_by_text("Legenda").nth(0).wait_for()
    screenshot(browser_page, "kaart-boven", full_page=False)  # no resize: the click below needs a stable map

    # Click the point inside Schollevaar Zuid (the largest wijk), projected with the map's view.
    geo = loaders.load_wijk_geojson()
    target = next(f for f in geo["features"] if f["properties"]["wijk_code"] == "WK050207")
    lon, lat = maps.label_points({"features": [target]}, "wijk_code")[0]["position"]
    # The app fits its view to the wijk bounds the same way.
    view = maps.fit_view(geometrie.bounds(geo), *maps.KAART_PX)
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = maps.project(lon, lat, view, box["width"], box["height"])
    browser_page.mouse.click(box["x"] + x, box["y"] + y)
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Schollevaar Zuid", exact=True).wait_for(timeout=20_000)
    expect(browser_page.get_by_text("Open het wijkprofiel")).to_have_count(1)
    assert_no_exception(browser_page)
    screenshot(browser_page, "kaart")


def test_wijk_deep_link_opens_profile(app_server, browser_page):
    browser_page.goto(app_server.url("wijk?wijk=WK050203"))
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Middelwatering Oost", exact=True).wait_for()
    browser_page.get_by_text("Inwoners", exact=True).first.wait_for()  # the tiles have rendered
    assert_no_exception(browser_page)
    screenshot(browser_page, "wijk")


def test_pages_on_phone(app_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(app_server.url("kaart?indicator=ernstig_eenzaam&modus=vergelijking"))
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Wijkkaart").wait_for()
    _map_canvas(browser_page)
    assert_no_exception(browser_page)
    screenshot(browser_page, "kaart-telefoon")
    browser_page.goto(app_server.url("wijk?wijk=WK050207"))
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Schollevaar Zuid", exact=True).wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "wijk-telefoon")


def test_map_pages_ask_nothing_of_other_servers(app_server, browser_page):
    """Without the basemap toggle no request leaves this server: nothing to a tile or style server (a
    government site sends no visitor's address to a third party unasked, and the maps work offline).
    Before, map_style=None made Streamlit fetch a Carto style for every map."""
    eigen = f"http://127.0.0.1:{app_server.port}/"
    elders: list[str] = []
    browser_page.on(
        "request",
        lambda r: None if r.url.startswith((eigen, "blob:", "data:")) else elders.append(r.url),
    )
    for pad in ["kaart", "kaart?niveau=buurt", "wijk?wijk=WK050207", "aanbod", "personas?persona=daan"]:
        browser_page.goto(app_server.url(pad))
        wait_idle(browser_page)
        if pad == "aanbod":  # the Sociale kaart shows its map on the second tab
            browser_page.get_by_role("tab", name="Kaart").click()
        browser_page.locator("[data-testid=stDeckGlJsonChart] canvas").first.wait_for(timeout=30_000)
        browser_page.wait_for_timeout(1500)  # what a map still fetches once it has drawn (styles, tiles)
        assert_no_exception(browser_page)
    assert elders == []


def test_a_deep_link_finds_the_server_at_the_first_try(app_server, browser_page):
    """Opened at /kaart, Streamlit's frontend used to probe /kaart/_stcore/health and host-config first
    (404), wait 100 ms and only then try /. The page now names the base address (lib.kern.statisch):
    one probe, at the app's own address, and the websocket opens there."""
    probes: list[str] = []
    browser_page.on("request", lambda r: probes.append(r.url) if "/_stcore/" in r.url else None)
    for pad in ("kaart", "wijk?wijk=WK050207", "budget"):
        probes.clear()
        browser_page.goto(app_server.url(pad))
        wait_idle(browser_page)
        assert_no_exception(browser_page)
        eigen = f"http://127.0.0.1:{app_server.port}/_stcore/"
        assert sorted(probes) == [eigen + "health", eigen + "host-config"], probes
    # and a link from the page still works (the base is the app, not the page)
    browser_page.get_by_role("link", name="Wijkkaart").first.click()
    wait_idle(browser_page)
    expect(browser_page.get_by_role("heading", name="Wijkkaart", level=1)).to_be_visible()


def test_csv_download_is_made_on_click_and_safe_for_excel(app_server, browser_page):
    """The CSV is built when the visitor clicks (deferred), and is what lib.kern.export promises."""
    browser_page.goto(app_server.url("wijk?wijk=WK050207"))
    wait_idle(browser_page)
    knop = browser_page.get_by_role("button", name="Download als CSV").first
    knop.scroll_into_view_if_needed()
    with browser_page.expect_download(timeout=30_000) as info:
        knop.click()
    inhoud = Path(info.value.path()).read_bytes()
    assert inhoud.startswith("\ufeff".encode()) and b"\r\n" in inhoud  # UTF-8 with BOM, as Excel wants it
    assert inhoud.decode("utf-8-sig").splitlines()[0].count(",") >= 1  # a header row with columns
    assert_no_exception(browser_page)


def test_map_picture_holds_the_place_until_deckgl_has_drawn(app_server, browser_page):
    """The map as a picture (lib.kaart.plaat, an SVG shown as a Markdown image) stands where the interactive
    map comes, so the page is not empty while deck.gl loads; once deck.gl has its canvas the picture hides,
    exactly underneath it. If deck.gl's script never arrives (blocked here), the picture stays: the map can
    still be read."""
    browser_page.goto(app_server.url("kaart"))
    wait_idle(browser_page)
    canvas = _map_canvas(browser_page)
    plaat = browser_page.locator(".st-key-kaart_map_vlak img")
    expect(plaat).to_be_hidden()  # visibility: hidden, under the canvas
    expect(browser_page.get_by_text(ui_kaart.NIET_GELADEN)).to_be_hidden()
    canvas_box, plaat_box = canvas.bounding_box(), plaat.bounding_box()
    for kant in ("x", "y", "width", "height"):
        assert abs(canvas_box[kant] - plaat_box[kant]) <= 1, (kant, canvas_box, plaat_box)

    page = browser_page.context.new_page()
    try:
        page.route("**/DeckGlJsonChart.*.js", lambda route: route.abort())
        page.goto(app_server.url("kaart?niveau=buurt"))
        wait_idle(page)
        plaat = page.locator(".st-key-kaart_map_vlak img")
        expect(plaat).to_be_visible(timeout=30_000)
        assert plaat.bounding_box()["height"] >= 470
        assert plaat.evaluate("img => img.complete && img.naturalWidth > 0")  # decoded: the browser can draw it
        svg = base64.b64decode(plaat.get_attribute("src").split(",", 1)[1]).decode()
        assert svg.count("<path") >= 70  # every buurt drawn (79, some small ones below half a pixel)
        expect(page.locator("[data-testid=stDeckGlJsonChart] canvas")).to_have_count(0)
        # Streamlit's English error box does not cover the picture; a Dutch note under it says what happened.
        expect(page.get_by_text("Failed to fetch", exact=False)).to_be_hidden()
        noot = page.get_by_text(ui_kaart.NIET_GELADEN)
        expect(noot).to_be_visible()
        assert noot.bounding_box()["y"] >= plaat.bounding_box()["y"] + plaat.bounding_box()["height"] - 1
        page.locator(".st-key-kaart_map_vlak").scroll_into_view_if_needed()
        screenshot(page, "kaart-plaat-zonder-deckgl", full_page=False)
    finally:
        page.close()
