"""WCAG 2.1 AA in a real browser: axe-core on every registered page (view mode and editor mode) and on
every slide of the presentation, the document language, Dutch built-in texts, and one task done with
the keyboard only.

axe-core comes bundled with axe-playwright-python (pinned in requirements-dev.txt); its version is
the one the statement on /toegankelijkheid names (checked in tests/test_toegankelijkheid.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from lib.kern import auth
from lib.kern.navigation import PAGES
from lib.kern.toegankelijkheid import AXE_TAGS
from tests.browser.conftest import assert_no_exception, screenshot, start_server, stop_server, wait_idle
from tests.test_getallen_paginas import MEERVOUD_NA_EEN

PASSWORD = "a11y-test-wachtwoord"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": list(AXE_TAGS)}, "resultTypes": ["violations"]}

# Texts Streamlit draws itself in English; none of them may be visible or read out.
ENGELS = re.compile(
    r"Skip to main content|Select all|Deselect all|Clear all|Choose an? option|Choose options|No results|"
    r"Drag and drop|Browse files|per file|Download as|Show password|Hide password|Fullscreen|Help for|"
    r"Show data|Copy Vega|\bMap\b|Zoom in|Zoom out|"
    r"Press Enter|Running\.\.\.|Collapse sidebar|Expand sidebar|\bShortcut\b|\bSearch\b|\bClose\b|"
    r"file upload|Scroll tabs|Choose date|Clear date|Previous month|Next month|\b(?:day|month|year), |Use arrow keys"
)
# Our own texts that were wrong once: a stray full stop after a source, "pt" for procentpunt, a plural after 1.
SLORDIG = re.compile(r"CBS\. \d|\d pt\b|" + MEERVOUD_NA_EEN.pattern)

TEKSTEN_JS = """() => {
  const parts = [document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (el.closest('[aria-hidden=true]')) continue;  // not read out
    for (const a of ['aria-label', 'title', 'placeholder']) { const v = el.getAttribute(a); if (v) parts.push(v); }
  }
  return parts.join('\\n');
}"""


STIL_JS = """() => new Promise(klaar => {
  let laatste = performance.now();
  const obs = new MutationObserver(() => { laatste = performance.now(); });
  obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
  const begin = performance.now();
  const kijk = () => {
    const nu = performance.now();
    if (nu - laatste >= 500 || nu - begin > 15000) { obs.disconnect(); klaar(); } else setTimeout(kijk, 100);
  };
  setTimeout(kijk, 100);
})"""


def axe_violations(page) -> list[str]:
    """The WCAG A/AA violations axe-core finds on the page, one readable line per rule."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options=AXE_OPTIONS).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(
            str(n["target"][-1])[-80:] + " " + n["failureSummary"].splitlines()[-1].strip()[:160]
            for n in v["nodes"][:3]
        )
        for v in result["violations"]
    ]


def wait_ready(page) -> None:
    """The script has run and the language script has set lang (it runs on every page)."""
    wait_idle(page)  # waits for lang="nl" first, so the first run has begun


def check_page(page, what: str) -> None:
    assert_no_exception(page)
    assert page.evaluate("document.documentElement.lang") == "nl", f"{what}: lang is not nl"
    # Charts and the map draw on after the script has finished (their code loads late), and the language
    # script translates on the next animation frame after each change: measure once the page has been
    # still for half a second (at most 15 s), then let two more frames pass.
    page.evaluate(STIL_JS)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    tekst = page.evaluate(TEKSTEN_JS)
    engels = [tekst[max(0, m.start() - 60) : m.end() + 40] for m in ENGELS.finditer(tekst)]
    assert not engels, f"{what}: English built-in text, in: {engels}"
    assert not SLORDIG.findall(tekst), f"{what}: {sorted(set(SLORDIG.findall(tekst)))}"
    # Chart text (axes, legends) is SVG that axe does not measure once hidden from screen readers: check the
    # light grey of Streamlit's chart theme (#808495, 3.8:1) is nowhere left.
    licht = page.evaluate(
        "() => [...document.querySelectorAll('.vega-embed svg text')]"
        ".filter(t => getComputedStyle(t).fill === 'rgb(128, 132, 149)').length"
    )
    assert licht == 0, f"{what}: {licht} chart texts in the light grey #808495"
    violations = axe_violations(page)
    assert not violations, f"{what}: axe-core WCAG violations:\n" + "\n".join(violations)


DICHT = "[data-testid=stMain] [data-testid=stExpander] details:not([open]) > summary:visible"


def open_expanders(page) -> int:
    """Open every visible closed expander in the main area (each may rerun the script); how many."""
    geopend = 0
    while page.locator(DICHT).count() and geopend < 30:
        page.locator(DICHT).first.click()
        wait_idle(page)
        geopend += 1
    return geopend


def check_panels(page, what: str) -> int:
    """check_page on what only shows after a click: every tab in turn, with its expanders open.
    Hidden panels are skipped by axe and by innerText, so the first check_page alone misses them."""
    check_page(page, what)
    tabs = page.locator("[data-testid=stMain] [data-testid=stTab]:visible")
    geopend = 0
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        naam = tab.inner_text().strip()
        tab.click()
        wait_idle(page)
        geopend += 1 + open_expanders(page)
        check_page(page, f"{what}, tab '{naam}' met open uitklapblokken")
    if not tabs.count():
        geopend = open_expanders(page)
        if geopend:
            check_page(page, f"{what} met open uitklapblokken")
    return geopend


def nav_link(page, titel: str):
    return page.get_by_test_id("stSidebar").get_by_role("link", name=titel, exact=True)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path or "home" for p in PAGES])
def test_view_mode_page_passes_axe_and_is_dutch(app_server, browser_page, spec):
    page = browser_page
    page.goto(app_server.url(spec.url_path))  # a deep link: a fresh session on this very page
    wait_ready(page)
    check_page(page, f"/{spec.url_path} (kijkmodus)")


def test_navigation_lists_every_page_once_and_keeps_url_paths(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("kaart"))
    wait_ready(page)
    for spec in PAGES:
        expect(nav_link(page, spec.titel)).to_have_count(1)
    assert page.get_by_test_id("stSidebarNav").count() == 0  # the built-in list is hidden
    nav_link(page, "Toegankelijkheid").click()
    wait_ready(page)
    assert page.url.rstrip("/").endswith("/toegankelijkheid")
    page.get_by_role("heading", name="Toegankelijkheid").wait_for()


def test_multiselect_and_uploader_texts_are_dutch(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("aanbod"))
    wait_ready(page)
    multiselect = page.get_by_test_id("stMultiSelect").first
    multiselect.click()
    page.get_by_role("option").first.wait_for()
    # The list fades in; measure contrast once the animation is over.
    page.wait_for_function(
        "() => { for (let e = document.querySelector('[role=option]'); e; e = e.parentElement)"
        " if (getComputedStyle(e).opacity !== '1') return false; return true; }"
    )
    opties = page.get_by_role("listbox").inner_text()
    assert "Alles selecteren" in opties and "Select all" not in opties
    check_page(page, "/aanbod met een open keuzelijst")


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    from tests.browser.conftest import _require_browser

    _require_browser()
    server = start_server(
        tmp_path_factory.mktemp("a11y-editor"),
        env={"MEER_SAMEN_EDITOR_HASH": auth.hash_password(PASSWORD, iterations=1000)},
    )
    yield server
    stop_server(server)


def test_editor_mode_pages_pass_axe(editor_server, browser_page):
    """Logged in once, then every page through the sidebar links (the session, so the login, is kept)."""
    page = browser_page
    page.goto(editor_server.url())
    wait_ready(page)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Redacteursmodus").click()
    wait_idle(page)  # the panel is lazy: opening it reruns and then builds the form
    sidebar.get_by_label("Uw naam").wait_for()
    check_page(page, "/ met het inlogformulier")
    sidebar.get_by_label("Uw naam").fill("Toegankelijk Getest")
    sidebar.get_by_label("Wachtwoord").fill(PASSWORD)
    sidebar.get_by_role("button", name="Inloggen").click()
    wait_ready(page)
    sidebar.get_by_text("Ingelogd als redacteur: Toegankelijk Getest").wait_for()
    check_page(page, "/ (redacteur)")
    for spec in PAGES[1:]:
        nav_link(page, spec.titel).click()
        wait_ready(page)
        page.wait_for_url(re.compile(rf"/{spec.url_path}(\?|$)"))
        sidebar.get_by_text("Ingelogd als redacteur: Toegankelijk Getest").wait_for()
        if spec.url_path in ("plan", "budget", "data", "personas"):
            assert check_panels(page, f"/{spec.url_path} (redacteur)"), f"/{spec.url_path}: niets geopend"
        if spec.url_path == "plan":  # the calendar of a date input, opened with its own button
            knop = page.get_by_role("button", name="Datum kiezen").first
            knop.scroll_into_view_if_needed()
            knop.click()
            page.get_by_role("dialog").wait_for()
            check_page(page, "/plan (redacteur) met een open kalender")
            page.keyboard.press("Escape")
        else:
            check_page(page, f"/{spec.url_path} (redacteur)")
    nav_link(page, "Data en bronnen").click()
    wait_ready(page)
    uploader = page.get_by_test_id("stFileUploader")
    if uploader.count():  # the import form of the editor: its built-in texts are Dutch too
        tekst = uploader.first.inner_text()
        assert "Drag and drop" not in tekst and "Browse files" not in tekst, tekst
        assert "per bestand" in tekst, tekst


@pytest.mark.parametrize("url_path", ["aanbod", "overzicht", "kaart?niveau=wijk"])
def test_view_mode_tabs_expanders_and_lazy_panels_pass_axe(app_server, browser_page, url_path):
    page = browser_page
    page.goto(app_server.url("" if url_path == "overzicht" else url_path))
    wait_ready(page)
    assert check_panels(page, f"/{url_path} (kijkmodus)"), "geen tab of uitklapblok geopend"


@pytest.mark.parametrize("url_path", ["budget", "briefing", "plan"])
def test_phone_width_texts_are_dutch_and_pass_axe(app_server, browser_page, url_path):
    """On a phone the tab bar scrolls and gets Streamlit's own 'Scroll tabs' buttons."""
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_server.url(url_path))
    wait_ready(page)
    check_page(page, f"/{url_path} op 390x844")


def test_every_presentation_slide_passes_axe(app_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(app_server.url("briefing?presentatie=1&dia=1"))
    wait_ready(page)
    total = int(re.search(r"dia 1 van (\d+)", page.get_by_test_id("stCaptionContainer").first.inner_text()).group(1))
    assert total >= 5
    kaart_dias, box, pad = [], None, None
    for n in range(1, total + 1):
        page.goto(app_server.url(f"briefing?presentatie=1&dia={n}"))
        wait_ready(page)
        page.get_by_text(f"dia {n} van {total}").wait_for()
        assert page.get_by_test_id("stSidebar").count() == 0 or not page.get_by_test_id("stSidebar").is_visible()
        check_page(page, f"presentatie dia {n}")
        kaart = page.locator(".st-key-dia_kaart_groot [data-testid=stVegaLiteChart]")  # key in lib/ui/dias.py
        if kaart.count():
            kaart_dias.append(n)
            box = kaart.bounding_box()
            pad = screenshot(page, "a11y-presentatie-kaart-1920x1080", full_page=False)
    assert len(kaart_dias) == 1, f"de kaartdia is niet (één keer) gevonden: {kaart_dias}"
    assert pad.exists()
    # The map fills most of the 1080 px screen and fits on it without scrolling.
    assert box["y"] + box["height"] <= 1080, box
    assert box["height"] >= 0.7 * 1080, box


@pytest.mark.parametrize("size", [(390, 844), (1366, 768)], ids=["telefoon", "laptop"])
def test_kaart_screenshots_for_label_review(app_server, browser_page, size):
    """Screenshots of the wijk map for a person to check the labels (whole, apart, own font); the label
    geometry itself is checked in tests/test_toegankelijkheid.py."""
    page = browser_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(app_server.url("kaart"))
    wait_ready(page)
    kaart = page.locator(".st-key-kaart_map")
    kaart.locator("canvas").first.wait_for()
    kaart.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)  # deck.gl draws on the next animation frames; nothing to wait on in the DOM
    screenshot(page, f"a11y-kaart-{size[0]}x{size[1]}", full_page=False)
    assert_no_exception(page)


def focus_by_tab(page, selector: str, text: str | None = None, max_tabs: int = 120) -> None:
    """Press Tab until the focused element is (inside) `selector` (and, if given, its text contains
    `text`); fail if it never gets there."""
    check = (
        "([sel, text]) => { const e = document.activeElement; if (!e || !e.closest(sel)) return false;"
        " return text === null || e.innerText.includes(text); }"
    )
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate(check, [selector, text]):
            return
    raise AssertionError(f"{selector} {text or ''} not reachable with Tab")


def assert_focus_visible(page) -> None:
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " const w = getComputedStyle(document.activeElement.closest('[data-baseweb=select]') || document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, w.outlineStyle, w.outlineWidth, s.boxShadow]; }"
    )
    visible = (
        (style[0] != "none" and style[1] != "0px") or (style[2] != "none" and style[3] != "0px") or style[4] != "none"
    )
    assert visible, f"no visible focus indicator: {style}"


def test_keyboard_only_choose_a_wijk_open_the_briefing_and_step_through_slides(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("kaart"))
    wait_ready(page)
    # The skip link is the first stop and is Dutch.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Naar de hoofdinhoud"
    # Choose a wijk without the mouse: the list beside the map (wait until the widgets take focus, and until
    # the map has drawn: its first frame may report its selection and rerun, which resets a half-typed choice).
    expect(page.locator(".st-key-kaart_gebied_wijk input")).to_be_enabled(timeout=30_000)
    page.locator("[data-testid=stDeckGlJsonChart] canvas").first.wait_for(timeout=30_000)
    wait_idle(page)
    focus_by_tab(page, ".st-key-kaart_gebied_wijk input")
    assert_focus_visible(page)
    page.keyboard.type("Schollevaar Noord")
    page.get_by_role("option", name="Schollevaar Noord").wait_for()  # the list has filtered
    # Enter takes the highlighted option. Usually the filter highlights the one option left; sometimes nothing is
    # highlighted, and then a keyboard user presses the down arrow. "Highlighted" is what a screen reader hears:
    # the input's aria-activedescendant points at the option.
    gemarkeerd = """() => {
      const input = document.querySelector('.st-key-kaart_gebied_wijk input');
      const id = input && input.getAttribute('aria-activedescendant');
      const optie = id && document.getElementById(id);
      return !!optie && optie.innerText.trim() === 'Schollevaar Noord';
    }"""
    try:
        page.wait_for_function(gemarkeerd, timeout=2_000)
    except PlaywrightTimeout:
        page.keyboard.press("ArrowDown")
        page.wait_for_function(gemarkeerd, timeout=10_000)
    page.keyboard.press("Enter")
    wait_ready(page)
    page.get_by_role("heading", name="Schollevaar Noord").wait_for()
    link = page.get_by_role("link", name="Open het wijkprofiel")
    assert "wijk=WK" in link.get_attribute("href")
    screenshot(page, "a11y-toetsenbord-wijk-gekozen", full_page=False)
    # Switch a picker with the keyboard: the age group (a segmented control of buttons).
    focus_by_tab(page, ".st-key-q_leeftijd button")
    assert_focus_visible(page)
    for _ in range(3):  # a segmented control is one tab stop; the arrow keys move within it
        if page.evaluate("document.activeElement.innerText.trim()") == "65+":
            break
        page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.innerText.trim()") == "65+"
    page.keyboard.press("Enter")
    wait_ready(page)
    assert "leeftijd=65%2B" in page.url or "leeftijd=65+" in page.url
    # Open the briefing through the navigation and start the presentation, all with Tab and Enter.
    focus_by_tab(page, "[data-testid=stSidebar] a", "Raadsbriefing")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    wait_ready(page)
    page.get_by_role("heading", name="Raadsbriefing").wait_for()
    focus_by_tab(page, "[data-testid=stMain] a", "Presentatie op het raadszaalscherm")
    page.keyboard.press("Enter")
    wait_ready(page)
    page.get_by_text(re.compile(r"dia 1 van \d+")).wait_for()
    # Step through the slides: Tab to "Volgende" and Enter, then the keys a presentation clicker sends.
    expect(page.get_by_role("button", name=re.compile("Volgende"))).to_be_enabled(timeout=30_000)
    focus_by_tab(page, "[data-testid=stMain] button", "Volgende")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    wait_ready(page)
    page.get_by_text(re.compile(r"dia 2 van \d+")).wait_for()
    expect(page.get_by_role("button", name=re.compile("Volgende"))).to_be_enabled(timeout=30_000)
    page.keyboard.press("PageDown")
    wait_ready(page)
    page.get_by_text(re.compile(r"dia 3 van \d+")).wait_for()
    page.keyboard.press("PageUp")
    wait_ready(page)
    page.get_by_text(re.compile(r"dia 2 van \d+")).wait_for()
    assert_no_exception(page)
