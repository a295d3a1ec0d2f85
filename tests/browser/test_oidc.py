"""Named editors through a real OpenID Connect provider, in a real browser.

`oidc-provider-mock` (a real OIDC server for tests) runs on 127.0.0.1; the app is configured with an
[auth] block pointing at it and a [roles] table naming one editor. An editor logs in through the
provider's own login form, changes an action's status and finds her identity in the audit trail; a
second user, logged in but not on the list, sees no write buttons (with the sidebar panel open, as
an editor has it) and is refused when a write through lib carries his identity, with the claims the
provider really issues; logout ends it. Back from the provider, the identity shows without anyone
opening the "Redacteursmodus" panel.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import urlsafe_b64decode
from contextlib import closing
from pathlib import Path

import pytest

from lib.kern import auth, identiteit, storage
from lib.kern.errors import GeenToegang
from lib.plan import status as plan_status
from tests.browser.conftest import (
    assert_no_exception,
    free_port,
    screenshot,
    start_server,
    stop_server,
    wait_idle,
)

EDITOR = {"sub": "anna-1", "email": "anna.jansen@capelle.example", "name": "Anna Jansen"}
VIEWER = {"sub": "bram-2", "email": "bram.visser@capelle.example", "name": "Bram Visser"}
WRITE_BUTTONS = ["Opslaan", "Scenario opslaan", "Inlezen", "Terugzetten", "Back-up terugzetten"]


def _put_user(issuer: str, user: dict) -> None:
    body = json.dumps({"email": user["email"], "name": user["name"]}).encode()
    req = urllib.request.Request(f"{issuer}/users/{user['sub']}", data=body, method="PUT",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.status == 204


@pytest.fixture(scope="module")
def oidc_provider(tmp_path_factory):
    """The mock provider as its own process on 127.0.0.1, with the two test users' claims."""
    port = free_port()
    log = (tmp_path_factory.mktemp("oidc") / "provider.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oidc-provider-mock did not start") from None
                time.sleep(0.2)
        _put_user(issuer, EDITOR)
        _put_user(issuer, VIEWER)
        yield issuer
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory, oidc_provider):
    """The app with [auth] pointing at the provider and Anna as the only editor."""
    from tests.browser.conftest import _require_browser

    _require_browser()
    data_dir = tmp_path_factory.mktemp("oidc-app")
    port = free_port()
    secrets_file = data_dir / "secrets.toml"
    secrets_file.write_text(
        f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "meer-samen"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{oidc_provider}/.well-known/openid-configuration"

[roles]
editors = ["{EDITOR['email']}"]
""",
        encoding="utf-8",
    )
    server = start_server(
        data_dir,
        env={"STREAMLIT_SECRETS_FILES": str(secrets_file), "MEER_SAMEN_SECRETS_FILE": str(secrets_file),
             "STREAMLIT_SERVER_PORT": str(port)},
        port=port,
    )
    yield server
    stop_server(server)


def sidebar_login(page, user: dict) -> None:
    """Through the provider's own authorization form, as a person would."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Redacteursmodus").click()
    sidebar.get_by_role("button", name="Inloggen met uw organisatieaccount").click()
    page.get_by_placeholder("sub").wait_for()
    page.get_by_placeholder("sub").fill(user["sub"])
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url("**127.0.0.1**/**")
    wait_idle(page)


def show_login_box(page) -> str:
    """The sidebar as a logged-in user finds it after loading a page: nobody opens the panel, the
    login state must be there by itself (a new session after the provider round trip)."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Ingelogd als").first.wait_for()
    return sidebar.inner_text().replace("\u200b", "")  # the app breaks autolinks in emails this way


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def provider_claims(issuer: str, sub: str) -> dict:
    """The ID-token claims the provider issues for ``sub`` (authorization code flow over HTTP), as
    Streamlit puts them in st.user after a login."""
    redirect = "http://127.0.0.1:9/oauth2callback"
    query = urllib.parse.urlencode({"client_id": "meer-samen", "redirect_uri": redirect, "response_type": "code",
                                    "scope": "openid email profile", "nonce": secrets.token_hex(8)})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(f"{issuer}/oauth2/authorize?{query}", data=urllib.parse.urlencode({"sub": sub}).encode())
        raise AssertionError("the provider did not redirect with a code")
    except urllib.error.HTTPError as err:
        code = urllib.parse.parse_qs(urllib.parse.urlsplit(err.headers["Location"]).query)["code"][0]
    body = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code, "redirect_uri": redirect,
                                   "client_id": "meer-samen", "client_secret": "x"}).encode()
    with urllib.request.urlopen(f"{issuer}/oauth2/token", data=body, timeout=10) as r:
        id_token = json.load(r)["id_token"]
    payload = id_token.split(".")[1]
    return {**json.loads(urlsafe_b64decode(payload + "=" * (-len(payload) % 4))), "is_logged_in": True}


def audit_rows(server, actie_id: str) -> list[dict]:
    with closing(sqlite3.connect(Path(server.data_dir) / "app.sqlite3")) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(
            "SELECT veld, nieuw, door, door_id, door_bron FROM audit_log WHERE sleutel = ? ORDER BY id", (actie_id,))]


def test_editor_logs_in_through_the_provider_edits_and_is_named_in_the_audit_trail(oidc_app, oidc_provider,
                                                                                   browser_page):
    page = browser_page
    page.goto(oidc_app.url("plan?thema=3"))
    wait_idle(page)
    sidebar_login(page, EDITOR)
    page.goto(oidc_app.url("plan?thema=3"))
    wait_idle(page)
    text = show_login_box(page)  # the panel opened by itself after the round trip
    assert "Ingelogd als Anna Jansen (anna.jansen@capelle.example)" in text and "redacteur" in text
    assert "Ingelogd tot " in text  # the provider's session end (exp) is known
    screenshot(page, "oidc-ingelogd")

    card = page.locator(".st-key-actie-3-4")
    card.get_by_text("Bijwerken").click()
    wait_idle(page)
    assert card.get_by_label("Uw naam (komt in het wijzigingslog)").count() == 0  # nobody types a name
    status = card.get_by_test_id("stSelectbox").first
    status.click()
    page.keyboard.type("Afgerond")  # 3.4 ships as an example "lopend"
    page.keyboard.press("Enter")
    card.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Actie 3.4 opgeslagen.").wait_for()
    wait_idle(page)
    assert_no_exception(page)

    rows = audit_rows(oidc_app, "3.4")
    assert rows and {(r["door"], r["door_id"], r["door_bron"]) for r in rows} == {
        ("Anna Jansen", f"{oidc_provider}|{EDITOR['sub']}", "oidc")
    }
    card = page.locator(".st-key-actie-3-4")
    card.get_by_text("Wijzigingslog (").click()
    log = card.get_by_test_id("stDataFrame")
    log.wait_for()
    assert "Anna Jansen" in log.inner_text() or "Anna Jansen" in card.inner_text()

    # Logout ends editor mode at once, and the next load is view mode.
    sidebar = page.get_by_test_id("stSidebar")
    show_login_box(page)
    sidebar.get_by_role("button", name="Uitloggen").click()
    # Streamlit sends the browser to the provider's end-session page (RP-initiated logout); confirm it
    # there, and the provider sends the browser back to the app.
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{oidc_app.url()}**")
    wait_idle(page)
    page.goto(oidc_app.url("plan?thema=3"))
    wait_idle(page)
    page.get_by_test_id("stSidebar").get_by_text("Redacteursmodus").click()
    page.get_by_role("button", name="Inloggen met uw organisatieaccount").wait_for()
    assert page.get_by_role("button", name="Opslaan").count() == 0
    assert page.locator(".st-key-actie-3-4").get_by_text("Bijwerken").count() == 0


def test_a_logged_in_non_editor_sees_no_write_buttons_and_cannot_write(oidc_app, oidc_provider, browser_page,
                                                                       monkeypatch):
    page = browser_page
    page.goto(oidc_app.url("plan"))
    wait_idle(page)
    sidebar_login(page, VIEWER)
    before = audit_rows(oidc_app, "1.1")
    # The pages where an editor gets write buttons (plan actions, scenarios, imports and restore),
    # each loaded fresh, with the sidebar panel as a logged-in user finds it: open, showing who he is.
    for path in ("plan?thema=1", "budget", "data"):
        page.goto(oidc_app.url(path))
        wait_idle(page)
        assert_no_exception(page)
        text = show_login_box(page)
        assert "Ingelogd als Bram Visser" in text and "zonder bewerkrechten" in text, path
        if path == "plan?thema=1":
            screenshot(page, "oidc-geen-redacteur")
        for label in WRITE_BUTTONS:
            assert page.get_by_role("button", name=label, exact=True).count() == 0, (path, label)
        assert page.get_by_text("Bijwerken", exact=True).count() == 0
    # A write through lib with his identity, as the provider issues it, is refused; Anna's, made the
    # same way against the same role configuration, is an editor (so the refusal is about the role).
    monkeypatch.setenv(identiteit.SECRETS_ENV, str(Path(oidc_app.data_dir) / "secrets.toml"))
    bram = auth.issue(identiteit.from_oidc(provider_claims(oidc_provider, VIEWER["sub"])))
    anna = auth.issue(identiteit.from_oidc(provider_claims(oidc_provider, EDITOR["sub"])))
    assert bram.identiteit.sub == f"{oidc_provider}|{VIEWER['sub']}" and bram.identiteit.email == VIEWER["email"]
    assert auth.is_editor(anna) and not auth.is_editor(bram)
    conn = storage.connect(Path(oidc_app.data_dir) / "app.sqlite3")
    with closing(conn), pytest.raises(GeenToegang):
        plan_status.update_action(conn, bram, "1.1", status="afgerond")
    auth.logout_everywhere(bram)
    auth.logout_everywhere(anna)
    assert audit_rows(oidc_app, "1.1") == before
