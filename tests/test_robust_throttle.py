"""The login throttle counts per client: a stranger's wrong passwords do not lock out the editor."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from lib.kern import accounts, auth
from lib.kern import throttle as throttle_mod
from lib.kern.throttle import Throttle, wacht_tekst
from lib.ui import inloggen
from tests.pagetest import run_page_met_login
from tests.test_security import PASSWORD, _account_login, _login

EDITOR = ("sessie:editor", "adres:10.0.0.5")
STRANGER = ("sessie:script", "adres:203.0.113.9")


@pytest.fixture
def stored():
    return auth.hash_password("juist-wachtwoord", iterations=1000)


def test_stranger_guessing_does_not_lock_out_the_editor(stored):
    t = Throttle()
    refused = 0
    for i in range(600):  # a script guessing as fast as it is allowed to, for ten minutes
        now = float(i)
        if t.wait_seconds(now, STRANGER) > 0:
            refused += 1
            continue
        t.failed(now, STRANGER)
    assert refused > 500  # the stranger is slowed down
    assert t.wait_seconds(600.0, EDITOR) == 0  # the editor is not
    token = auth.login("juist-wachtwoord", "Anna", stored, t, client=EDITOR)
    assert auth.is_editor(token)


def test_new_sessions_from_one_address_are_caught_by_the_address_key():
    t = Throttle(free_tries=3)
    for i in range(3):
        t.failed(100.0, (f"sessie:{i}", "adres:203.0.113.9"))
    assert t.wait_seconds(100.0, ("sessie:nieuw", "adres:203.0.113.9")) == 2
    assert t.wait_seconds(100.0, ("sessie:ander", "adres:10.0.0.5")) == 0


def test_global_ceiling_leaves_one_try_per_client_and_spares_clean_clients():
    t = Throttle(free_tries=3, ceiling=10, window=60)
    for i in range(11):  # many addresses, one wrong try each
        t.failed(100.0, (f"adres:198.51.100.{i}",))
    assert t.under_attack(100.0)
    assert t.wait_seconds(100.0, ("adres:198.51.100.1",)) == 2  # a second guess must wait
    assert t.wait_seconds(100.0, EDITOR) == 0  # someone without wrong tries may still try
    assert not t.under_attack(161.0)
    assert t.wait_seconds(161.0, ("adres:198.51.100.1",)) == 0


def test_success_clears_only_that_client_and_memory_is_bounded():
    t = Throttle(free_tries=1, max_keys=50)
    t.failed(0.0, EDITOR)
    t.failed(0.0, STRANGER)
    t.succeeded(EDITOR)
    assert t.wait_seconds(0.0, EDITOR) == 0
    assert t.wait_seconds(0.0, STRANGER) > 0
    for i in range(1000):
        t.failed(1.0, (f"sessie:{i}",))
    assert len(t._keys) == 50


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.0, "1 seconde"),
        (0.2, "1 seconde"),
        (1.0, "1 seconde"),
        (1.01, "2 seconden"),
        (59.5, "60 seconden"),
        (150, "3 minuten"),
    ],
)
def test_wait_text_never_says_zero(seconds, text):
    assert wacht_tekst(seconds) == text


def test_refusal_message_rounds_up(stored):
    t = Throttle(free_tries=1, max_wait=60)
    assert auth.login("fout", "x", stored, t, client=STRANGER) is None
    for key in STRANGER:
        t._keys[key].last_failure -= 1.8  # 0.2 s of the 2 s wait left
    with pytest.raises(auth.TeVeelPogingen) as err:
        auth.login("fout", "x", stored, t, client=STRANGER)
    assert "over 1 seconde opnieuw" in str(err.value)
    assert "0 seconden" not in str(err.value)


# --- named local accounts and the login forms: the same per-client throttle ------------------------


def test_named_accounts_count_per_client():
    accounts.add_account("Anna", PASSWORD, iterations=1000)
    t = Throttle(free_tries=3)
    for _ in range(3):
        assert accounts.login("Anna", "gok", throttle=t, client=STRANGER) is None
    with pytest.raises(auth.TeVeelPogingen) as err:
        accounts.login("Anna", "gok", throttle=t, client=STRANGER)
    assert "0 seconden" not in str(err.value)
    assert accounts.login("Anna", PASSWORD, throttle=t, client=EDITOR) is not None  # the editor is not locked out


def test_new_sessions_without_an_address_share_a_ceiling():
    """Without a known address only the session tells clients apart, and a script can open a new
    session for every guess; all such clients share one ceiling, short enough not to lock anyone out
    for long, and clients with a known address are not touched by it."""
    t = Throttle()
    allowed = 0
    for i in range(600):  # a new session every guess, ten guesses a second, for a minute
        now, client = i / 10, (f"sessie:{i}", throttle_mod.ONBEKEND)
        if t.wait_seconds(now, client) == 0:
            allowed += 1
            t.failed(now, client)
    assert allowed <= t.onbekend_plafond < 30
    wait = t.wait_seconds(30.0, ("sessie:anna", throttle_mod.ONBEKEND))
    assert 0 < wait <= t.window  # an editor without a known address waits at most one window
    assert "over 0 seconden" not in auth.TeVeelPogingen(wait).args[0]
    assert t.wait_seconds(30.0, EDITOR) == 0  # a client with a known address is not affected
    assert t.wait_seconds(30.0 + t.window, ("sessie:anna", throttle_mod.ONBEKEND)) == 0


def test_the_ui_names_the_client_and_an_unknown_address_shares_a_key(monkeypatch):
    monkeypatch.setattr(inloggen, "get_script_run_ctx", lambda: SimpleNamespace(session_id="s1"))
    assert inloggen.login_client() == ("sessie:s1", throttle_mod.ONBEKEND)  # no request context: address unknown


@pytest.fixture
def sessions(monkeypatch):
    """AppTest gives every session the same id; let the test say which browser is running."""
    wie = {"id": "vreemd"}
    monkeypatch.setattr(inloggen, "get_script_run_ctx", lambda: SimpleNamespace(session_id=wie["id"]))
    return wie


def test_a_stranger_on_the_account_form_does_not_lock_out_the_editor(sessions):
    accounts.add_account("Anna Jansen", PASSWORD, iterations=1000)
    stranger = run_page_met_login("views/overzicht.py")
    for _ in range(auth.THROTTLE.free_tries + 2):
        stranger = _account_login(stranger, "Anna Jansen", "gok")
    shown = " ".join(e.value for e in stranger.sidebar.error)
    assert "Te veel onjuiste pogingen" in shown and "0 seconden" not in shown
    sessions["id"] = "anna"
    editor = _account_login(run_page_met_login("views/overzicht.py"), "Anna Jansen", PASSWORD)
    assert not editor.sidebar.error
    assert auth.is_editor(editor.session_state["redacteur"])


def test_a_stranger_on_the_shared_password_form_does_not_lock_out_the_editor(sessions, monkeypatch):
    monkeypatch.setenv(auth.ENV_VAR, auth.hash_password(PASSWORD, iterations=1000))
    stranger = run_page_met_login("views/overzicht.py")
    for _ in range(auth.THROTTLE.free_tries + 2):
        stranger = _login(stranger, "Mallory", "gok")
    assert any("Te veel onjuiste pogingen" in e.value for e in stranger.sidebar.error)
    sessions["id"] = "anna"
    editor = _login(run_page_met_login("views/overzicht.py"), "Anna", PASSWORD)
    assert not editor.sidebar.error
    assert auth.is_editor(editor.session_state["redacteur"])
