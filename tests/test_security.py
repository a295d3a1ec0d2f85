"""Editing is for editors: the sidebar login, view mode everywhere, and no write without a login."""

from __future__ import annotations

import pytest

from lib.kern import accounts, auth
from tests import pagetest
from tests.pagetest import run_page_met_login as run_page  # the sidebar login panel open

PASSWORD = "een-lang-redacteurswachtwoord"
# Labels of every button that changes stored data, on any page.
WRITE_BUTTONS = {
    "Opslaan",
    "Scenario opslaan",
    "Ingelezen scenario opslaan",
    "Hernoemen",
    "Verwijderen",
    "Inlezen",
    "Laatste import ongedaan maken",
    "Terugzetten",
    "Back-up terugzetten",
}
EDITABLE_PAGES = ["views/budget.py", "views/plan.py", "views/data.py"]


@pytest.fixture
def credential(monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, auth.hash_password(PASSWORD, iterations=1000))


def _login(at, naam: str, password: str):
    at.sidebar.text_input[0].input(naam)
    at.sidebar.text_input[1].input(password)
    at.sidebar.button[0].click()
    return at.run()


def test_without_a_credential_editing_is_off_and_the_app_says_how():
    at = run_page("views/overzicht.py")
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "Bewerken staat uit" in captions and "README" in captions
    assert not at.sidebar.text_input  # no login form to try


def test_wrong_password_is_refused_then_the_right_one_logs_in(credential):
    at = run_page("views/overzicht.py")
    at = _login(at, "Anna", "fout")
    assert [e.value for e in at.sidebar.error] == ["Onjuist wachtwoord."]
    assert "redacteur" not in at.session_state
    at = _login(at, "Anna", PASSWORD)
    assert any("Ingelogd als redacteur: Anna" in s.value for s in at.sidebar.success)


def test_editor_name_is_shown_as_text(credential):
    at = run_page("views/overzicht.py")
    at = _login(at, "[x](javascript:alert(1)) **Anna**", PASSWORD)
    shown = next(s.value for s in at.sidebar.success if "Ingelogd" in s.value)
    assert "\\[x\\]\\(javascript" in shown and "\\*\\*Anna\\*\\*" in shown


def test_repeated_wrong_passwords_are_slowed_down(credential):
    at = run_page("views/overzicht.py")
    for _ in range(auth.THROTTLE.free_tries + 1):
        at = _login(at, "Mallory", "gok")
    assert any("Te veel onjuiste pogingen" in e.value for e in at.sidebar.error)


@pytest.mark.parametrize("bestand", EDITABLE_PAGES)
def test_view_mode_offers_no_write_buttons(bestand, credential):
    at = run_page(bestand)
    assert not at.exception
    labels = {b.label for b in at.button} | {b.label for b in at.get("form_submit_button")}
    assert not labels & WRITE_BUTTONS, labels & WRITE_BUTTONS


@pytest.mark.parametrize("bestand", EDITABLE_PAGES)
def test_a_forged_session_token_is_not_an_editor(bestand, credential):
    forged = auth.Redacteur("Mallory", "0" * 32)  # right type, never issued by login
    at = run_page(bestand, session={"redacteur": forged})
    labels = {b.label for b in at.button}
    assert not labels & WRITE_BUTTONS


@pytest.mark.parametrize("bestand", EDITABLE_PAGES)
def test_editor_mode_unlocks_the_write_buttons(bestand, credential):
    token = auth.login(PASSWORD, "Anna", auth.configured_hash())
    at = run_page(bestand, session={"redacteur": token})
    labels = {b.label for b in at.button} | {b.label for b in at.get("form_submit_button")}
    assert labels & WRITE_BUTTONS


# --- named local accounts (no [auth] configured) --------------------------------------------------


@pytest.fixture
def named_accounts():
    accounts.add_account("Anna Jansen", PASSWORD, iterations=1000)
    accounts.add_account("Ilse Beheer", PASSWORD, "beheerder", iterations=1000)
    return accounts


def _account_login(at, naam: str, password: str):
    inputs = {t.label: t for t in at.sidebar.text_input}
    inputs["Naam van uw account"].input(naam)
    inputs["Wachtwoord"].input(password)
    at.sidebar.get("form_submit_button")[0].click()
    return at.run()


def _write_labels(at) -> set[str]:
    return ({b.label for b in at.button} | {b.label for b in at.get("form_submit_button")}) & WRITE_BUTTONS


def test_named_account_replaces_the_typed_name(named_accounts, credential):
    at = run_page("views/plan.py")
    assert "Uw naam" not in {t.label for t in at.sidebar.text_input}  # accounts win over the shared password
    at = _account_login(at, "Anna Jansen", "fout")
    assert [e.value for e in at.sidebar.error] == ["Onbekende naam of onjuist wachtwoord."]
    at = _account_login(at, "anna jansen", PASSWORD)
    shown = " ".join(s.value for s in at.sidebar.success)
    assert "Ingelogd als Anna Jansen, lokaal account" in shown and "redacteur" in shown
    assert "Opslaan" in _write_labels(at)
    token = at.session_state["redacteur"]
    assert token.identiteit.sub == "lokaal:anna jansen"
    # Removing the account ends the rights at the next rerun, without logging out or restarting.
    named_accounts.remove_account("Anna Jansen")
    at.run()
    assert not _write_labels(at)
    assert "Naam van uw account" in {t.label for t in at.sidebar.text_input}


def test_the_local_account_logout_button_ends_the_rights_at_once(named_accounts):
    at = _account_login(run_page("views/plan.py"), "Anna Jansen", PASSWORD)
    token = at.session_state["redacteur"]
    assert auth.is_editor(token) and "Opslaan" in _write_labels(at)
    next(b for b in at.sidebar.button if b.label == "Uitloggen").click().run()
    assert not auth.is_live(token) and "redacteur" not in at.session_state
    assert not _write_labels(at)
    assert "Naam van uw account" in {t.label for t in at.sidebar.text_input}


def test_a_beheerder_may_import_and_restore_but_not_edit_the_plan(named_accounts):
    at = run_page("views/data.py")
    at = _account_login(at, "Ilse Beheer", PASSWORD)
    assert "beheerder" in " ".join(s.value for s in at.sidebar.success)
    assert not at.exception
    uploads = " ".join(u.label for u in at.get("file_uploader"))
    assert "50120NED" in uploads and "Back-upbestand" in uploads
    assert "Terugzetten" in {b.label for b in at.button}
    assert "Download een back-up" in {b.label for b in at.get("download_button")}
    token = at.session_state["redacteur"]
    at.switch_page("views/plan.py").run()
    assert not _write_labels(at)
    at.switch_page("views/budget.py").run()
    assert not _write_labels(at)
    assert auth.is_beheerder(token) and not auth.is_editor(token)


def test_the_login_panel_builds_its_form_only_when_opened(credential):
    """Nearly every visitor only reads: closed, the Redacteursmodus panel sends no form at all."""
    at = pagetest.run_page("views/overzicht.py")
    assert not at.sidebar.text_input and not at.sidebar.get("form_submit_button")
    at.session_state[pagetest.LOGIN_OPEN] = True
    at.run()
    assert {"Uw naam", "Wachtwoord"} <= {t.label for t in at.sidebar.text_input}
