"""Workshops that build on each other, in a real browser: filter by theme, a persona built in one
browser opens from its share link in a fresh one, and an editor saves it to the catalogue; what a
group typed after opening a link survives a local login, a logout and a visit to another page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lib.kern import accounts, auth
from lib.personas import werksessie as ws
from tests.browser.conftest import (
    LAPTOP,
    PHONE,
    assert_no_exception,
    inloggen,
    screenshot,
    start_server,
    stop_server,
    wait_idle,
)

PASSWORD = "werksessie-browser-wachtwoord"
NOOR = ws.WerkPersona(
    naam="Noor", leeftijd=14, wijk="WK050205", doelgroepen=("jongeren",), levensgebeurtenissen=("pesten",)
)


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    from tests.browser.conftest import _require_browser

    _require_browser()
    server = start_server(
        tmp_path_factory.mktemp("werksessie-editor"),
        env={"MEER_SAMEN_EDITOR_HASH": auth.hash_password(PASSWORD, iterations=1000)},
    )
    yield server
    stop_server(server)


@pytest.fixture(scope="module")
def account_server(tmp_path_factory):
    """The app with one named local account (the sidebar's name and password login)."""
    from tests.browser.conftest import _require_browser

    _require_browser()
    data_dir = tmp_path_factory.mktemp("werksessie-account")
    pad = data_dir / "accounts.json"
    accounts.add_account("Anna Jansen", PASSWORD, path=pad, iterations=1000)
    server = start_server(data_dir, env={"MEER_SAMEN_ACCOUNTS": str(pad)})
    yield server
    stop_server(server)


def _kies(page, label: str, optie: str, scope=None) -> None:
    (scope or page).get_by_label(label, exact=True).click()
    page.get_by_role("option", name=optie, exact=True).click()
    wait_idle(page)


def test_personas_filter_by_theme(editor_server, browser_page):
    page = browser_page
    page.goto(editor_server.url("personas"))
    wait_idle(page)
    page.get_by_role("button", name="Bekijk Riet").wait_for()
    _kies(page, "Thema", "3. Eenzaamheid onder jongeren")
    page.get_by_role("button", name="Bekijk Jayden").wait_for()
    page.get_by_role("button", name="Bekijk Daan").wait_for()
    assert page.get_by_role("button", name="Bekijk Riet").count() == 0
    assert page.get_by_text("Thema 3: Eenzaamheid onder jongeren").count() >= 2  # the theme on each card
    assert "thema=3" in page.url
    assert_no_exception(page)
    screenshot(page, "personas-filter-thema3")
    page.set_viewport_size(PHONE)
    wait_idle(page)
    screenshot(page, "personas-filter-thema3-telefoon")


def test_workshop_persona_round_trips_by_link_and_saves_in_editor_mode(editor_server, browser, browser_page):
    page = browser_page
    page.goto(editor_server.url("personas"))
    wait_idle(page)
    page.get_by_role("tab", name="Maak je eigen persona").click()
    page.get_by_label("Naam of werktitel").fill("Noor")
    page.get_by_label("Naam of werktitel").press("Enter")
    wait_idle(page)
    page.get_by_label("Leeftijd").fill("14")
    page.get_by_label("Leeftijd").press("Enter")
    wait_idle(page)
    _kies(page, "Wijk", "Oostgaarde Noord", scope=page.get_by_role("tabpanel", name="Maak je eigen persona"))
    page.get_by_role("combobox", name="Levensgebeurtenissen").click()
    page.keyboard.type("Gepest")
    page.get_by_role("option", name="Gepest worden (toevoeging dashboard)").click()
    page.keyboard.press("Escape")
    wait_idle(page)
    page.get_by_text("Wat past bij Noor?").wait_for()
    link = page.locator("[data-testid=stCode]").first.inner_text().strip()
    assert "werksessie=" in link and link.startswith(editor_server.url("personas"))

    # A fresh browser (new context: no session, no cookies) opens the link and sees Noor in the workshop.
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL")
    try:
        fresh = context.new_page()
        fresh.goto(link)
        wait_idle(fresh)
        fresh.get_by_text("Wat past bij Noor?").wait_for()
        expect(fresh.get_by_label("Naam of werktitel")).to_have_value("Noor")
        expect(fresh.get_by_label("Leeftijd")).to_have_value("14")
        events = fresh.get_by_test_id("stMultiSelect").filter(has_text="Levensgebeurtenissen")
        assert "Gepest worden (toevoeging dashboard)" in events.inner_text()
        werkblad = fresh.get_by_role("tabpanel", name="Maak je eigen persona")
        expect(werkblad.get_by_role("combobox", name="Wijk", exact=True)).to_have_value("Oostgaarde Noord")
        assert_no_exception(fresh)
        screenshot(fresh, "werksessie-uit-deellink")

        # In editor mode the same persona saves to the catalogue with its author.
        inloggen(fresh, "Themagroep Drie", PASSWORD)
        fresh.get_by_role("tab", name="Maak je eigen persona").click()
        fresh.get_by_role("button", name="Opslaan in de catalogus").click()
        wait_idle(fresh)
        fresh.get_by_text("'Noor' is opgeslagen in de catalogus (door Themagroep Drie).").wait_for()
        assert_no_exception(fresh)
    finally:
        context.close()

    # Anyone opening the page now finds Noor listed apart from the shipped personas, with author.
    page.goto(editor_server.url("personas"))
    wait_idle(page)
    page.get_by_role("heading", name="Opgeslagen in werksessies").wait_for()
    saved = page.locator("[class*=st-key-opgeslagen_]").first
    saved.get_by_text("Noor, 14").wait_for()
    assert "gemaakt door Themagroep Drie" in saved.inner_text()
    assert_no_exception(page)
    screenshot(page, "personas-opgeslagen")


def _formulier(page) -> ws.WerkPersona:
    """Every field of the workshop form, read back from the share link the page shows for it."""
    link = page.get_by_role("tabpanel", name="Maak je eigen persona").locator("[data-testid=stCode]").first
    return ws.decode(link.inner_text().strip().split("werksessie=")[1])


def test_workshop_edits_survive_a_local_login_a_logout_and_another_page(account_server, browser_page):
    page = browser_page
    page.goto(f"{account_server.url('personas')}?{ws.share_query(NOOR)}")
    wait_idle(page)
    werkblad = page.get_by_role("tabpanel", name="Maak je eigen persona")
    expect(page.get_by_label("Naam of werktitel")).to_have_value("Noor")
    page.get_by_label("Naam of werktitel").fill("Noor, tweede ronde")
    page.get_by_label("Naam of werktitel").press("Enter")
    wait_idle(page)
    page.get_by_label("Leeftijd").fill("15")
    page.get_by_label("Leeftijd").press("Enter")
    wait_idle(page)
    werkblad.get_by_role("button", name="Geld").click()
    wait_idle(page)
    bewerkt = _formulier(page)
    assert (bewerkt.naam, bewerkt.leeftijd, bewerkt.drempels) == ("Noor, tweede ronde", 15, ("geld",))

    inloggen(page, "Anna Jansen", PASSWORD, lokaal_account=True)
    sidebar = page.get_by_test_id("stSidebar")
    werkblad.get_by_role("button", name="Opslaan in de catalogus").wait_for()
    assert _formulier(page) == bewerkt
    expect(page.get_by_label("Naam of werktitel")).to_have_value("Noor, tweede ronde")

    sidebar.get_by_role("button", name="Uitloggen").click()
    wait_idle(page)
    sidebar.get_by_label("Naam van uw account").wait_for()
    assert _formulier(page) == bewerkt

    # To another page and back through the menu: the address no longer holds the link, the form stays.
    sidebar.get_by_role("link", name="Sociale kaart").click()
    wait_idle(page)
    sidebar.get_by_role("link", name="Persona's").click()
    wait_idle(page)
    assert "werksessie=" not in page.url
    page.get_by_role("tab", name="Maak je eigen persona").click()
    assert _formulier(page) == bewerkt
    assert_no_exception(page)
    screenshot(page, "werksessie-na-inloggen-en-terug")
