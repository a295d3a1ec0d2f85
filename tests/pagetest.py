"""Run one page of the app under AppTest, the way a user reaches it (through app.py's navigation)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib.kern.config import ROOT
from lib.ui.basis import LOGIN_OPEN

TIMEOUT = 60


def run_page(bestand: str, query: dict | None = None, session: dict | None = None) -> AppTest:
    """Run app.py, then switch to `bestand` (e.g. "views/kaart.py") with optional query params and
    session state (for example {"redacteur": token} for editor mode)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if bestand != "views/overzicht.py":
        at.switch_page(bestand)
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
    return at


def run_page_met_login(bestand: str, query: dict | None = None, session: dict | None = None) -> AppTest:
    """run_page with the sidebar's Redacteursmodus panel open: the panel is lazy, so closed it holds no form."""
    return run_page(bestand, query, {LOGIN_OPEN: True, **(session or {})})
