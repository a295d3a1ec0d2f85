"""The organisation-account login in the sidebar, under AppTest (``at.user`` stands in for ``st.user``):
who sees which buttons, that logout and expiry end the rights, and that roles are re-read per run.
The full round trip through a real provider is in tests/browser/test_oidc.py."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from lib.kern import auth, identiteit, storage
from lib.kern.config import ROOT
from lib.kern.errors import GeenToegang
from lib.plan import status as plan_status
from lib.ui.basis import LOGIN_OPEN
from tests.test_security import WRITE_BUTTONS

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "meer-samen",
    "client_secret": "geheim",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ANNA = {"is_logged_in": True, "sub": "anna-1", "iss": "http://idp.test", "name": "Anna Jansen",
        "email": "anna@capelle.example"}
BRAM = {**ANNA, "sub": "bram-2", "name": "Bram Visser", "email": "bram@capelle.example"}


@pytest.fixture
def roles(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv(identiteit.SECRETS_ENV, str(path))

    def write(editors: list[str]) -> None:
        # No cache clearing: the app must notice the changed file itself, as in production.
        path.write_text(f"[roles]\neditors = {editors!r}\n".replace("'", '"'), encoding="utf-8")

    write(["anna@capelle.example"])
    return write


def app(user: dict, page: str = "views/plan.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = dict(user)
    if not user.get("is_logged_in"):
        # The sidebar's Redacteursmodus panel is lazy for anonymous visitors: open it, like a click.
        # A logged-in user comes back from the provider in a new session with it closed: nothing is set.
        at.session_state[LOGIN_OPEN] = True
    at.run()
    if page != "views/overzicht.py":
        at.switch_page(page).run()
    return at


def write_labels(at) -> set[str]:
    return ({b.label for b in at.button} | {b.label for b in at.get("form_submit_button")}) & WRITE_BUTTONS


def sidebar_text(at) -> str:
    return " ".join(e.value for kind in ("success", "info", "warning", "caption") for e in at.sidebar.get(kind))


def test_logged_out_sees_the_organisation_login_and_no_write_buttons(roles):
    at = app({"is_logged_in": False})
    assert "Inloggen met uw organisatieaccount" in {b.label for b in at.sidebar.button}
    assert not at.sidebar.text_input  # no password form in this mode
    assert not write_labels(at)


def test_the_organisation_login_wins_over_an_old_shared_password(roles, monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, auth.hash_password("een-oud-gedeeld-wachtwoord", iterations=1000))
    at = app({"is_logged_in": False})
    assert "Inloggen met uw organisatieaccount" in {b.label for b in at.sidebar.button}
    assert not at.sidebar.text_input and not at.sidebar.get("form_submit_button")  # no password form
    at = app(ANNA)
    assert "Ingelogd als Anna Jansen" in sidebar_text(at) and "Opslaan" in write_labels(at)
    assert at.session_state["redacteur"].identiteit.bron == "oidc"


def test_an_editor_on_the_list_gets_the_write_buttons_and_the_identity(roles):
    at = app(ANNA)
    assert not at.exception
    assert "Ingelogd als Anna Jansen" in sidebar_text(at) and "redacteur" in sidebar_text(at)
    assert "Opslaan" in write_labels(at)
    assert not [t for t in at.text_input if t.label.startswith("Uw naam")]  # nobody types a name
    assert any("op naam van Anna Jansen" in c.value for c in at.caption)
    token = at.session_state["redacteur"]
    assert token.identiteit.sub == "http://idp.test|anna-1" and auth.is_editor(token)


def test_back_from_the_provider_the_identity_and_buttons_show_without_opening_the_panel(roles):
    # The st.login round trip starts a new session: the panel has never been opened in it.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = dict(ANNA)
    at.run().switch_page("views/plan.py").run()
    assert not at.exception
    assert at.session_state[LOGIN_OPEN] is True
    assert "Ingelogd als Anna Jansen" in sidebar_text(at)
    assert "Opslaan" in write_labels(at) and auth.is_editor(at.session_state["redacteur"])


def test_an_anonymous_visit_keeps_the_panel_lazy(roles):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert not at.session_state[LOGIN_OPEN]  # closed: its contents are not built or sent
    assert "Inloggen met uw organisatieaccount" not in {b.label for b in at.sidebar.button}
    assert "redacteur" not in at.session_state


def test_a_logged_in_non_editor_views_only_and_cannot_write_through_lib(roles, tmp_path):
    at = app(BRAM)
    assert "zonder bewerkrechten" in sidebar_text(at)
    assert not write_labels(at)
    for page in ("views/budget.py", "views/data.py"):
        at.switch_page(page).run()
        assert not at.exception and not write_labels(at), page
    token = at.session_state["redacteur"]
    with pytest.raises(GeenToegang):
        plan_status.update_action(storage.connect(tmp_path / "db.sqlite3"), token, "1.1", status="lopend")


def test_taking_someone_off_the_list_ends_the_rights_at_the_next_run(roles):
    at = app(ANNA)
    assert "Opslaan" in write_labels(at)
    roles([])
    at.run()
    assert not write_labels(at)
    assert "zonder bewerkrechten" in sidebar_text(at)


def test_an_expired_provider_login_ends_editor_mode(roles):
    at = app({**ANNA, "exp": time.time() - 5})
    assert "verlopen" in sidebar_text(at)
    assert not write_labels(at)
    assert "redacteur" not in at.session_state


def test_logout_drops_the_token_at_once(roles):
    at = app(ANNA)
    token = at.session_state["redacteur"]
    next(b for b in at.sidebar.button if b.label == "Uitloggen").click().run()
    assert not auth.is_live(token)
    with pytest.raises(GeenToegang):
        auth.require_editor(token)
    at.run()  # in the browser, st.logout starts a new session
    assert "Inloggen met uw organisatieaccount" in {b.label for b in at.sidebar.button}
    assert not write_labels(at)


def test_logout_in_one_window_ends_the_rights_in_the_other(roles):
    login = {**ANNA, "iat": 1_900_000_000}
    first, second = app(login), app(login)
    other_token = second.session_state["redacteur"]
    assert "Opslaan" in write_labels(second)
    next(b for b in first.sidebar.button if b.label == "Uitloggen").click().run()
    assert not auth.is_live(other_token)  # at once, before the other window reruns
    second.run()  # that window still has the old st.user, but gets no new token for it
    assert "U bent uitgelogd" in sidebar_text(second)
    assert not write_labels(second) and "redacteur" not in second.session_state
    # A new provider login (a new issue time) is a fresh start.
    fresh = app({**ANNA, "iat": 1_900_000_100})
    assert "Opslaan" in write_labels(fresh)
