"""The login throttle counts per client: a stranger's wrong passwords do not lock out the editor."""

from __future__ import annotations

import pytest

from lib.kern import auth
from lib.kern.throttle import Throttle, wacht_tekst

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
