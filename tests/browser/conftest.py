"""Browser tests: a real `streamlit run server.py` server (the README's command) and headless Debian Chromium
via Playwright.

Reuse in any browser test:
    def test_x(app_server, browser_page):
        browser_page.goto(app_server.url("kaart"))
        wait_idle(browser_page)
        screenshot(browser_page, "kaart")

The tests skip only when Chromium is absent and MEER_SAMEN_REQUIRE_BROWSER is unset; CI sets it,
so there a missing browser fails instead. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("MEER_SAMEN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _require_browser() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("MEER_SAMEN_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium ontbreekt op {CHROMIUM}, maar browsertests zijn verplicht (CI).")
        pytest.skip(f"Chromium not installed at {CHROMIUM}; install Debian 'chromium' to run browser tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    port: int
    process: subprocess.Popen
    data_dir: Path

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"


def start_server(data_dir: Path, env: dict | None = None, port: int | None = None) -> AppServer:
    """Start `streamlit run server.py` (app.py behind lib.kern.statisch) on a free port (or the given one) and
    wait for /_stcore/health."""
    port = port or free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    full_env = {
        **os.environ,
        "MEER_SAMEN_DATA_DIR": str(data_dir),
        "MEER_SAMEN_DB": str(data_dir / "app.sqlite3"),
        **(env or {}),
    }
    log = (data_dir / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "server.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Streamlit stopped: {(data_dir / 'server.log').read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return AppServer(port, process, data_dir)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("Streamlit did not become healthy within 60 s")


def stop_server(server: AppServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """One app server for the whole browser test session (its own empty user data folder)."""
    _require_browser()
    server = start_server(tmp_path_factory.mktemp("browser-userdata"))
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def browser_page(browser):
    """A fresh page at laptop size; console errors are collected on page.console_errors."""
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the Streamlit script has finished running (no sleeping on a guess).

    After a click the rerun may not have started yet, so first give it a moment to enter the
    running state (it may also have finished already), then wait for notRunning."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # After page.goto the app starts as notRunning before its first run has even begun (on a slow
    # machine that can take longer than the wait below). The frame's first element sets lang="nl", so
    # once it is set the first run has started and its state can be trusted.
    page.wait_for_function("() => document.documentElement.lang === 'nl'", timeout=timeout)
    # The run may be quick and already over, or nothing was rerun: then this wait just times out.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_selector("[data-testid=stApp][data-test-script-state=running]", timeout=700)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)


def inloggen(page, naam: str, wachtwoord: str, *, lokaal_account: bool = False) -> None:
    """Log in through the sidebar's editor panel, as a person would: a typed name with the editor password,
    or (``lokaal_account``) a named local account; returns once the sidebar says who is logged in."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Redacteursmodus").click()
    wait_idle(page)  # the panel is lazy: opening it reruns and then builds the form
    sidebar.get_by_label("Naam van uw account" if lokaal_account else "Uw naam").fill(naam)
    sidebar.get_by_label("Wachtwoord").fill(wachtwoord)
    sidebar.get_by_role("button", name="Inloggen").click()
    wait_idle(page)
    ingelogd = f"Ingelogd als {naam}, lokaal account" if lokaal_account else f"Ingelogd als redacteur: {naam}"
    try:
        sidebar.get_by_text(ingelogd).wait_for()
    except PlaywrightTimeout as err:  # say what the sidebar shows instead (an error message, an empty form)
        raise AssertionError(f"niet ingelogd; de zijbalk toont: {sidebar.inner_text()!r}") from err


def assert_no_exception(page) -> None:
    assert page.locator("[data-testid=stException]").count() == 0, "an exception box is shown"


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """Save a PNG under test-artifacts/screenshots/. Streamlit scrolls inside its main container, so
    for a full page the viewport is stretched to the content height for the shot, then restored."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    viewport = page.viewport_size
    if full_page and viewport:
        height = page.evaluate(
            "() => { const m = document.querySelector('[data-testid=stMain]');"
            " return m ? m.scrollHeight : document.body.scrollHeight; }"
        )
        if height > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": min(int(height), 8000)})
            page.wait_for_timeout(400)  # let the layout settle after the resize
            page.screenshot(path=str(path))
            page.set_viewport_size(viewport)
            return path
    page.screenshot(path=str(path))
    return path


def pytest_collection_modifyitems(config, items):
    """A browser test that fails is run again once before it counts as failed.

    Real Chromium on 2 cores sometimes misses a timing window (a translation or the sidebar drawn a
    moment late); a real fault fails both times. Every rerun is listed in the test report ("R"), so
    flaky tests stay visible and can be fixed (pytest-rerunfailures)."""
    browser_dir = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == browser_dir:
            item.add_marker(pytest.mark.flaky(reruns=1, reruns_delay=2))


def pytest_runtest_logreport(report):
    """pytest-rerunfailures reports only the attempt that counts: a first attempt that failed is written to
    the log (stderr) and to test-artifacts/herhaald.log, so a flaky test can be understood from a CI run."""
    if report.outcome != "rerun":
        return
    tekst = report.longreprtext.splitlines()
    melding = f"\n== herhaald na een mislukte eerste poging: {report.nodeid}\n" + "\n".join(tekst[-40:]) + "\n"
    sys.stderr.write(melding)
    ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)
    with (ARTIFACTS.parent / "herhaald.log").open("a", encoding="utf-8") as log:
        log.write(melding)
