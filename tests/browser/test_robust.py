"""In a real browser: a bad backup is refused and changes nothing; a server on a read-only data folder
serves every page in view mode with one Dutch notice and no traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from lib.kern import auth, storage
from lib.kern.navigation import PAGES
from tests.browser.conftest import (
    PHONE,
    ROOT,
    AppServer,
    _require_browser,
    assert_no_exception,
    free_port,
    screenshot,
    start_server,
    stop_server,
    wait_idle,
)
from tests.test_robust_restore import scenario_json

PASSWORD = "robuust-wachtwoord"
NOTICE = "Bewerken staat tijdelijk uit"


def _seed(folder: Path) -> Path:
    """A database with a stored status for action 1.2 and one scenario, as an editor would have left it."""
    db = folder / "app.sqlite3"
    conn = storage.connect(db)
    with storage.transaction(conn):
        conn.execute(
            "INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd, door, versie) "
            "VALUES ('Robuust plan', ?, '2026-11-30T10:00:00+00:00', '2026-11-30T10:00:00+00:00', 'Anna', 1)",
            (scenario_json("Robuust plan"),),
        )
        conn.execute(
            "INSERT INTO actie_status (actie_id, status, eigenaar, voortgang, gewijzigd, door, versie) "
            "VALUES ('1.2', 'lopend', 'Themagroep 1', 'Robuust: eerste buurtkamer open', '2026-11-30T10:00:00+00:00', "
            "'Anna', 1)"
        )
    conn.close()
    return db


def _stored(db: Path) -> dict[str, list[tuple]]:
    """What a bad restore must not touch: the action statuses and the scenarios (issue 14: both were wiped)."""
    conn = sqlite3.connect(db)
    try:
        stored = {
            "actie_status": conn.execute("SELECT actie_id, status, voortgang FROM actie_status ORDER BY actie_id").fetchall(),
            "scenarios": conn.execute("SELECT naam, inhoud, versie FROM scenarios ORDER BY naam").fetchall(),
        }
    finally:
        conn.close()
    assert stored["actie_status"] and stored["scenarios"]  # seeded: a comparison of empty tables proves nothing
    return stored


def open_page(page, url: str) -> None:
    page.goto(url)
    page.get_by_text("Meer Samen · Capelle aan den IJssel (GM0502)").wait_for()
    wait_idle(page)


def no_traceback(page, folder: Path) -> None:
    assert_no_exception(page)
    text = page.locator("body").inner_text()
    assert "Traceback" not in text and str(folder) not in text and "sqlite3." not in text
    assert "Er ging iets mis bij het tonen van deze pagina" not in text  # the app's own handler (lib.ui.basis.page_error)


@pytest.fixture(scope="module")
def restore_server(tmp_path_factory, browser):
    _require_browser()
    folder = tmp_path_factory.mktemp("browser-robust")
    db = _seed(folder)
    server = start_server(
        folder,
        env={
            "MEER_SAMEN_EDITOR_HASH": auth.hash_password(PASSWORD, iterations=1000),
            "MEER_SAMEN_DB": str(db),
            "MEER_SAMEN_FOUTEN_DOORGEVEN": "0",
        },
    )
    yield server, db
    stop_server(server)


def login(page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Redacteursmodus", exact=True).click()
    wait_idle(page)  # the panel is lazy: opening it reruns and then builds the form
    sidebar.get_by_label("Uw naam").fill("Browsertest")
    sidebar.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als redacteur: Browsertest").wait_for()
    wait_idle(page)


def test_bad_backup_is_refused_and_plan_and_data_still_work(restore_server, browser_page, tmp_path):
    server, db = restore_server
    before = _stored(db)
    hostile = tmp_path / "alleen-migraties.sqlite3"
    conn = sqlite3.connect(hostile)
    conn.execute("CREATE TABLE schema_migrations (naam TEXT PRIMARY KEY, toegepast TEXT NOT NULL)")
    conn.execute("INSERT INTO schema_migrations VALUES ('0001_basis', 'x')")
    conn.commit()
    conn.close()

    page = browser_page
    open_page(page, server.url("data"))
    login(page)
    page.get_by_text("Een back-up terugzetten").click()
    page.locator("input[type=file]").last.set_input_files(str(hostile))  # the backup uploader
    page.get_by_text("Ja, vervang alle gegevens").click()
    wait_idle(page)
    page.get_by_role("button", name="Terugzetten").click()
    error = page.get_by_test_id("stAlert").filter(has_text="Niet teruggezet; er is niets veranderd")
    error.wait_for()
    assert "de tabel 'actie_status' ontbreekt" in error.inner_text()
    no_traceback(page, server.data_dir)
    screenshot(page, "robuust-backup-geweigerd", full_page=False)
    assert _stored(db) == before

    # /plan still shows the stored status and note; /data still works
    open_page(page, server.url("plan"))
    page.get_by_text("Robuust: eerste buurtkamer open").first.wait_for()
    no_traceback(page, server.data_dir)
    open_page(page, server.url("data"))
    page.get_by_role("heading", name="Echte cijfers inlezen").wait_for()
    no_traceback(page, server.data_dir)
    assert _stored(db) == before
    assert not page.console_errors


def _start_read_only(folder: Path, log_dir: Path) -> AppServer:
    """`streamlit run server.py` with `folder` bind-mounted read-only in a private mount namespace
    (unshare: no root needed, nothing outside the server process sees the mount)."""
    port = free_port()
    env = {
        **os.environ,
        "MEER_SAMEN_DATA_DIR": str(folder),
        "MEER_SAMEN_DB": str(folder / "app.sqlite3"),
        "MEER_SAMEN_FOUTEN_DOORGEVEN": "0",
    }
    command = (
        f'mount --bind -o ro "{folder}" "{folder}" && exec "{sys.executable}" -m streamlit run server.py '
        f"--server.port {port} --server.address 127.0.0.1 --server.headless true --browser.gatherUsageStats false"
    )
    log = (log_dir / "server.log").open("w")
    process = subprocess.Popen(
        ["unshare", "-rm", "sh", "-c", command], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((log_dir / "server.log").read_text())
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return AppServer(port, process, log_dir)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("Streamlit did not become healthy within 60 s")


@pytest.fixture(scope="module")
def read_only_server(tmp_path_factory, browser):
    _require_browser()
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is nodig om een alleen-lezen map na te bootsen")
    folder = tmp_path_factory.mktemp("browser-readonly")
    db = _seed(folder)
    server = _start_read_only(folder, tmp_path_factory.mktemp("browser-readonly-log"))
    yield server, folder, db
    stop_server(server)


def test_read_only_data_folder_every_page_renders_with_one_notice(read_only_server, browser_page):
    server, folder, db = read_only_server
    before = _stored(db)
    page = browser_page
    for spec in PAGES:
        open_page(page, server.url(spec.url_path))
        page.get_by_test_id("stMain").get_by_role("heading").first.wait_for()
        no_traceback(page, folder)
        notice = page.get_by_test_id("stAlert").filter(has_text=NOTICE)
        assert notice.count() == 1, spec.url_path
        assert "MEER_SAMEN_DATA_DIR" in notice.inner_text()
        if spec.url_path == "plan":  # the stored data is still shown, read-only
            page.get_by_text("Robuust: eerste buurtkamer open").first.wait_for()
    screenshot(page, "robuust-alleen-lezen", full_page=False)
    page.set_viewport_size(PHONE)
    open_page(page, server.url(""))
    screenshot(page, "robuust-alleen-lezen-telefoon", full_page=False)
    # editor mode is off, with the reason
    sidebar = page.get_by_test_id("stSidebar")
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, server.url("plan"))
    sidebar.get_by_text("Redacteursmodus", exact=True).click()
    sidebar.get_by_text("Bewerken staat uit.", exact=False).wait_for()
    assert sidebar.get_by_label("Wachtwoord", exact=True).count() == 0
    assert _stored(db) == before
    assert not page.console_errors
