"""Shared fixtures: an isolated user-data folder for every test, small data fixtures."""

from __future__ import annotations

import pytest

from lib.kern import auth


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path, monkeypatch):
    """No test touches the real user data folder or database, or sees a real editor credential."""
    monkeypatch.setenv("MEER_SAMEN_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.setenv("MEER_SAMEN_DB", str(tmp_path / "userdata" / "test.sqlite3"))
    monkeypatch.delenv("MEER_SAMEN_EDITOR_HASH", raising=False)
    monkeypatch.delenv("MEER_SAMEN_ACCOUNTS", raising=False)  # accounts live in the tmp user data folder
    monkeypatch.setenv("MEER_SAMEN_SECRETS_FILE", str(tmp_path / "geen-secrets.toml"))  # no real [roles]
    monkeypatch.setenv("MEER_SAMEN_FOUTEN_DOORGEVEN", "1")  # a page that fails must fail its test
    return tmp_path / "userdata"


@pytest.fixture(autouse=True)
def fresh_login_throttle(monkeypatch):
    """Wrong passwords in one test must not slow down logins in the next."""
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle())
