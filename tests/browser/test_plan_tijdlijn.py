"""/plan over time in a real browser: an editor records an event and an indicator value, and the
evaluation PDF downloaded afterwards shows both."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

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

PASSWORD = "tijdlijn-browser-wachtwoord"


@pytest.fixture
def editor_server(tmp_path_factory):
    """A server with its own empty database per test run: the test starts from "nothing recorded yet", so
    a rerun of a failed attempt (tests/browser/conftest.py) must not inherit the first attempt's events."""
    from tests.browser.conftest import _require_browser

    _require_browser()
    server = start_server(
        tmp_path_factory.mktemp("tijdlijn-editor"),
        env={"MEER_SAMEN_EDITOR_HASH": auth.hash_password(PASSWORD, iterations=1000)},
    )
    yield server
    stop_server(server)


def _kies(scope, page, label: str, typ: str) -> None:
    """Type into a selectbox and pick the one option that matches. Enter right after typing could take the
    first option before the list had filtered (a measurement then went to another indicator)."""
    scope.get_by_label(label, exact=True).click()
    page.keyboard.type(typ)
    optie = page.get_by_role("option").filter(has_text=typ)
    expect(optie).to_have_count(1)
    optie.click()


def test_editor_records_event_and_value_and_the_evaluation_shows_them(editor_server, browser_page):
    page = browser_page
    page.goto(editor_server.url("plan"))
    wait_idle(page)
    page.get_by_role("heading", name="Het plan door de tijd").wait_for()
    page.get_by_role("heading", name="Indicatoren per resultaat").wait_for()
    assert page.get_by_role("button", name="Gebeurtenis opslaan").count() == 0  # view mode
    page.get_by_text("Na 2022 is nog niets vastgelegd", exact=False).wait_for()  # the timeline holds no event yet
    screenshot(page, "plan-tijdlijn")

    inloggen(page, "Raadsgriffie Test", PASSWORD)

    # An event: action 3.4 started.
    page.get_by_text("Gebeurtenis vastleggen").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Gebeurtenis opslaan"))
    _kies(form, page, "Soort", "Actie gestart")
    _kies(form, page, "Actie (bij een actie gestart, afgerond of gestopt)", "3.4")
    form.get_by_label("Wat gebeurde er?").fill("Maatjesproject jongeren van start")
    form.get_by_role("button", name="Gebeurtenis opslaan").click()
    wait_idle(page)
    page.get_by_text("opgeslagen.", exact=False).first.wait_for()
    assert_no_exception(page)
    # The timeline on the page now counts the recorded moment in the year it happened.
    page.get_by_text(
        re.compile(rf"Redacteuren legden \d+ moment(en)? vast .*het laatste in {dt.date.today().year}")
    ).wait_for()
    assert page.get_by_text("Na 2022 is nog niets vastgelegd", exact=False).count() == 0

    # A measured value for the maatjes indicator.
    page.get_by_text("Meting of streefwaarde vastleggen").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Meting opslaan"))
    _kies(form, page, "Indicator", "Maatjes gekoppeld")
    form.get_by_label("Gemeten waarde").fill("27")
    form.get_by_label("Bron").fill("Registratie jongerenwerk Capelle")
    form.get_by_role("button", name="Meting opslaan").click()
    wait_idle(page)
    page.get_by_text("Meting voor", exact=False).wait_for()
    assert_no_exception(page)
    screenshot(page, "plan-tijdlijn-redacteur")

    # The evaluation of this year, downloaded as a reader gets it.
    # The PDF is made on the click (deferred download); on a busy CI machine the first one takes a while.
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name=f"Evaluatie {dt.date.today().year} (PDF)").click()
    pdf = info.value.path().read_bytes()
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for fragment in (
        "Maatjesproject jongeren van start",
        "(voorbeeld) 27 68% Registratie jongerenwerk Capelle",  # indicator row: target, measured, 27/40 of target
        "27 (bron: Registratie jongerenwerk Capelle;",  # the change in the audit trail, not a date or a page number
        "Raadsgriffie Test",
    ):
        assert fragment in tekst, (fragment, tekst)
    assert info.value.suggested_filename == f"evaluatie-meer-samen-{dt.date.today().year}.pdf"

    page.set_viewport_size(PHONE)
    wait_idle(page)
    screenshot(page, "plan-tijdlijn-telefoon")
