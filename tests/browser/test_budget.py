"""The budget page in a real browser: type an amount over the frame and see the red message."""

from tests.browser.conftest import PHONE, assert_no_exception, screenshot, wait_idle


def _open_scenarios(page, server, path: str) -> None:
    page.goto(server.url(path))
    wait_idle(page)
    page.get_by_role("heading", name="Budget", exact=True).wait_for()
    page.get_by_role("tab", name="Scenario's").click()
    wait_idle(page)


def test_budget_page_renders_with_notice_and_sources(app_server, browser_page):
    browser_page.goto(app_server.url("budget?jaar=2021"))
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Budget", exact=True).wait_for()
    browser_page.get_by_text("Voorbeeldbedragen, geen echte begroting").nth(0).wait_for()
    browser_page.get_by_text("Bron:", exact=False).nth(0).wait_for()
    browser_page.locator("[data-testid=stVegaLiteChart]").first.wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "budget")
    for tab, name in (
        ("Regels per thema", "budget-regels"),
        ("Aanbod en kosten", "budget-aanbod-kosten"),
        ("Tijd van de alliantie", "budget-alliantie"),
    ):
        browser_page.get_by_role("tab", name=tab).click()
        wait_idle(browser_page)
        assert_no_exception(browser_page)
        screenshot(browser_page, name)


def test_amount_over_the_frame_shows_the_excess(app_server, browser_page):
    _open_scenarios(browser_page, app_server, "budget?jaar=2022")
    grid = browser_page.get_by_role("tabpanel", name="Scenario's").locator("[data-testid=stDataFrame]").first
    grid.wait_for()
    # The grid draws on a canvas, with an accessible table of cells behind it. Focusing a cell of
    # that table gives the grid the keyboard, with the first row's "Regel" selected; step right to
    # "Bedrag (€)", open the editor with Enter, type a new amount and confirm with Enter.
    grid.locator("[data-testid=glide-cell-1-0]").focus()
    browser_page.keyboard.press("ArrowRight")
    browser_page.keyboard.press("Enter")
    cell = browser_page.locator("input.gdg-input:focus, textarea.gdg-input:focus")
    cell.wait_for()
    assert cell.input_value() == "196000"  # the first line of 2022 in the example allocation
    cell.fill("900000")
    browser_page.keyboard.press("Enter")
    message = browser_page.get_by_text("hoger dan het kader", exact=False)
    message.wait_for(timeout=30_000)
    wait_idle(browser_page)
    text = message.first.inner_text()
    assert "€ 514.000" in text
    # 900.000 instead of 196.000: the total is 704.000 over the frame.
    assert "€ 704.000 hoger" in text
    assert_no_exception(browser_page)
    screenshot(browser_page, "budget-scenario-over-kader")


def test_budget_on_phone(app_server, browser_page):
    browser_page.set_viewport_size(PHONE)
    browser_page.goto(app_server.url("budget"))
    wait_idle(browser_page)
    browser_page.get_by_role("heading", name="Budget", exact=True).wait_for()
    assert_no_exception(browser_page)
    screenshot(browser_page, "budget-telefoon")
    browser_page.get_by_role("tab", name="Scenario's").click()
    wait_idle(browser_page)
    assert_no_exception(browser_page)
    screenshot(browser_page, "budget-scenario-telefoon")


def test_editor_saves_scenario_with_hostile_name_shown_as_text(browser, tmp_path):
    """Editor mode on its own server: log in, save the scenario under a hostile name, see it inert."""
    from lib.kern import auth
    from tests.browser.conftest import LAPTOP, start_server, stop_server

    server = start_server(
        tmp_path / "editor", env={"MEER_SAMEN_EDITOR_HASH": auth.hash_password("wachtwoord-test", iterations=1000)}
    )
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(server.url())
        wait_idle(page)
        page.goto(server.url("budget?jaar=2021"))
        wait_idle(page)
        page.get_by_test_id("stSidebarUserContent").get_by_text("Redacteursmodus", exact=True).click()
        wait_idle(page)  # the panel is lazy: opening it reruns and then builds the form
        page.get_by_label("Uw naam").fill("Anna")
        page.get_by_label("Wachtwoord").fill("wachtwoord-test")
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("Ingelogd als redacteur: Anna").wait_for()
        wait_idle(page)
        page.get_by_role("tab", name="Scenario's").click()
        naam = '<img src=x onerror="document.title=1"> **vet** [klik](http://example.org)'
        page.get_by_label("Naam van het scenario").fill(naam)
        page.get_by_role("button", name="Scenario opslaan").click()
        page.get_by_text("Scenario opgeslagen:", exact=False).wait_for()
        wait_idle(page)
        success = page.get_by_text("Scenario opgeslagen:", exact=False).first.inner_text().replace("\u200b", "")
        assert success == "Scenario opgeslagen: " + naam  # shown literally, no stray backslashes
        assert page.locator("[data-testid=stMain] img[src=x]").count() == 0
        links = page.locator("[data-testid=stMain] a[href='http://example.org']")
        assert links.count() == 0, links.first.evaluate("e => e.parentElement.parentElement.outerHTML.slice(0, 400)")
        assert page.title() != "1"
        assert_no_exception(page)
        screenshot(page, "budget-scenario-redacteur")
    finally:
        context.close()
        stop_server(server)
