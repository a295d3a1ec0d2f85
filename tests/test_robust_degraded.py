"""Degraded but alive: with the database unavailable every page still shows the shipped data in view mode,
with one Dutch notice; a damaged database is moved aside, never deleted; errors on a page become Dutch."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

from lib.kern import auth, beschikbaar, identiteit, storage
from lib.kern.config import ROOT
from lib.kern.navigation import PAGES
from lib.plan import status as plan
from tests.pagetest import run_page_met_login as run_page  # the sidebar login panel open

NOTICE = "Bewerken staat tijdelijk uit"


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


def test_a_file_where_the_data_folder_should_be_gives_view_mode(tmp_path):
    blocker = tmp_path / "geen-map"
    blocker.write_text("ik ben een bestand")
    opslag = beschikbaar.open_for_app(blocker / "meer_samen.sqlite3")
    assert not opslag.schrijfbaar
    assert "geen map" in opslag.probleem and "MEER_SAMEN_DATA_DIR" in opslag.probleem
    assert str(tmp_path) not in opslag.probleem  # no server paths for visitors
    assert opslag.conn.execute("SELECT count(*) FROM actie_status").fetchone()[0] == 0
    with pytest.raises(sqlite3.OperationalError):
        opslag.conn.execute("INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('x', '[]', 'x', 'x')")
    assert blocker.read_text() == "ik ben een bestand"


def test_junk_over_the_header_is_moved_aside_not_deleted(tmp_path):
    path = tmp_path / "meer_samen.sqlite3"
    conn = storage.connect(path)
    with storage.transaction(conn):
        conn.execute("INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('oud', '[]', 'x', 'x')")
    conn.close()
    damaged = b"rommel" * 20 + path.read_bytes()[120:]
    path.write_bytes(damaged)
    opslag = beschikbaar.open_for_app(path)
    assert opslag.schrijfbaar
    assert opslag.opzij is not None and opslag.opzij.read_bytes() == damaged  # kept, byte for byte
    assert "beschadigd" in opslag.probleem and "opzij gezet (niet verwijderd)" in opslag.probleem
    assert opslag.conn.execute("SELECT count(*) FROM scenarios").fetchone()[0] == 0  # a fresh database
    # a second session of the same process sees the same notice
    assert beschikbaar.open_for_app(path).probleem == opslag.probleem


READ_ONLY_PROBE = """
import json, sys
from lib.kern import beschikbaar
o = beschikbaar.open_for_app(sys.argv[1])
print(json.dumps({"schrijfbaar": o.schrijfbaar, "probleem": o.probleem,
                  "scenarios": [r[0] for r in o.conn.execute("SELECT naam FROM scenarios")]}))
"""


def _read_only_run(folder, db) -> dict:
    """Run the probe with `folder` bind-mounted read-only in a private mount namespace (no root needed)."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare (util-linux) ontbreekt: een alleen-lezen map is niet na te bootsen")
    script = f'mount --bind -o ro "{folder}" "{folder}" && exec "{sys.executable}" -c "$0" "{db}"'
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, READ_ONLY_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_read_only_folder_with_an_intact_database_shows_the_stored_data(tmp_path):
    folder = tmp_path / "data"
    conn = storage.connect(folder / "meer_samen.sqlite3")
    with storage.transaction(conn):
        conn.execute("INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('bewaard', '[]', 'x', 'x')")
    conn.close()
    out = _read_only_run(folder, folder / "meer_samen.sqlite3")
    assert out["schrijfbaar"] is False
    assert out["scenarios"] == ["bewaard"]
    assert "niet schrijven" in out["probleem"] and "opgeslagen gegevens" in out["probleem"]


def test_empty_read_only_folder_shows_the_shipped_data(tmp_path):
    folder = tmp_path / "leeg"
    folder.mkdir()
    out = _read_only_run(folder, folder / "meer_samen.sqlite3")
    assert out["schrijfbaar"] is False and out["scenarios"] == []
    assert "meegeleverde gegevens" in out["probleem"]


def test_disk_full_during_a_save_is_a_dutch_message_and_nothing_changes(tmp_path):
    conn = storage.connect(tmp_path / "vol.sqlite3")
    stored = auth.hash_password("wachtwoord-vol", iterations=1000)
    editor = auth.login("wachtwoord-vol", "Anna", stored, auth.Throttle())
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the database cannot grow: SQLite reports a full disk
    saved = []
    with pytest.raises(sqlite3.OperationalError) as err:
        for i in range(50):
            plan.update_action(conn, editor, "1.2", voortgang="x" * 1500 + str(i), door="Anna")
            saved.append(i)
    assert "full" in str(err.value)
    assert not conn.in_transaction
    last = conn.execute("SELECT voortgang FROM actie_status WHERE actie_id = '1.2'").fetchone()
    assert (last[0] if last else "") == ("x" * 1500 + str(saved[-1]) if saved else "")  # the last good save
    assert beschikbaar.melding(err.value).startswith("Niet opgeslagen: de schijf is vol.")


@pytest.fixture
def data_dir_is_a_file(tmp_path, monkeypatch):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    monkeypatch.setenv("MEER_SAMEN_DATA_DIR", str(blocker))
    monkeypatch.setenv("MEER_SAMEN_DB", str(blocker / "meer_samen.sqlite3"))
    monkeypatch.setenv("MEER_SAMEN_FOUTEN_DOORGEVEN", "0")
    return blocker


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path or "home" for p in PAGES])
def test_every_page_runs_with_one_notice_when_the_database_is_unavailable(spec, data_dir_is_a_file):
    at = run_page(spec.bestand)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]  # no page failed (the handler would show an error)
    assert at.title and at.title[0].value
    assert sum(NOTICE in w for w in _warnings(at)) == 1


def test_editor_mode_is_off_with_the_reason(data_dir_is_a_file):
    stored = auth.hash_password("wachtwoord-uit", iterations=1000)
    token = auth.login("wachtwoord-uit", "Anna", stored, auth.Throttle())
    at = run_page("views/plan.py", session={"redacteur": token})
    assert not any(b.label == "Opslaan" for b in at.button)
    assert any("Bewerken staat uit." in c.value for c in at.sidebar.caption)


def test_import_and_restore_are_off_too_for_a_beheerder(data_dir_is_a_file, tmp_path, monkeypatch):
    """A session already holding a beheerder's token sees no import or restore while the database
    cannot be written, like an editor (the same check)."""
    roles = tmp_path / "secrets.toml"
    roles.write_text('[roles]\nbeheerders = ["ilse@capelle.example"]\n', encoding="utf-8")
    monkeypatch.setenv(identiteit.SECRETS_ENV, str(roles))
    token = auth.issue(identiteit.from_oidc({"is_logged_in": True, "iss": "http://idp", "sub": "ilse",
                                             "email": "ilse@capelle.example", "name": "Ilse Beheer"}))
    assert auth.is_beheerder(token)
    at = run_page("views/data.py", session={"redacteur": token})
    assert not at.exception
    assert not {b.label for b in at.button} & {"Terugzetten", "Back-up terugzetten", "Laatste import ongedaan maken"}
    assert not at.get("file_uploader") and "Download een back-up" not in {b.label for b in at.get("download_button")}


def test_an_unexpected_error_on_a_page_is_a_dutch_message(monkeypatch, caplog):
    monkeypatch.setenv("MEER_SAMEN_FOUTEN_DOORGEVEN", "0")
    monkeypatch.setattr(plan, "action_states", lambda *a, **k: 1 / 0)
    at = run_page("views/plan.py")
    assert not at.exception
    assert any("Er ging iets mis bij het tonen van deze pagina" in e.value for e in at.error)
    assert "ZeroDivisionError" not in " ".join(e.value for e in at.error)
    # the details go to the server log, not to the visitor
    logged = [r for r in caplog.records if r.name == "meer_samen.pagina"]
    assert [r.getMessage() for r in logged] == ["Onverwachte fout op een pagina"]
    assert logged[0].levelname == "ERROR" and logged[0].exc_info[0] is ZeroDivisionError


def test_streamlit_shows_no_error_details_to_visitors():
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert 'showErrorDetails = "none"' in config
    assert "disableDataExport = true" in config  # the table toolbar's own CSV export would skip lib.kern.export


def test_damaged_text_in_the_database_does_not_break_the_budget_page(isolated_user_data, monkeypatch):
    """Invalid UTF-8 in a stored scenario ('Could not decode to UTF-8 column inhoud') is read with a
    replacement character instead of failing the page."""
    import pandas as pd

    from lib.budget import scenario_opslag, scenarios

    stored = auth.hash_password("wachtwoord-utf", iterations=1000)
    editor = auth.login("wachtwoord-utf", "Anna", stored, auth.Throttle())
    conn = storage.connect()
    rows = pd.DataFrame({"regel": ["Buurtkamer"], "thema": [1], "bedrag": [1000]})
    scenario_opslag.save_scenario(conn, editor, scenarios.make_scenario("Kapot", 2021, rows))
    conn.execute("UPDATE scenarios SET inhoud = CAST(replace(inhoud, 'Buurtkamer', 'Buurt' || x'ff' || 'kamer') AS TEXT)")
    assert conn.execute("SELECT typeof(inhoud) FROM scenarios").fetchone()[0] == "text"
    assert "\ufffd" in scenario_opslag.load_scenario(conn, "Kapot").regels["regel"].iloc[0]
    at = run_page("views/budget.py")
    assert not at.exception and not at.error


def test_a_full_disk_while_saving_an_action_is_a_dutch_message_on_the_page_and_the_input_stays(monkeypatch):
    monkeypatch.setenv("MEER_SAMEN_FOUTEN_DOORGEVEN", "0")
    token = auth.login("wachtwoord-vol", "Anna", auth.hash_password("wachtwoord-vol", iterations=1000), auth.Throttle())

    def vol(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(plan, "update_action", vol)
    at = run_page("views/plan.py", session={"redacteur": token})
    at.text_area(key="voortgang_1.2_plan").input("mijn notitie")
    next(b for b in at.button if b.label == "Opslaan" and b.form_id == "actie_form_1.2").click()
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Niet opgeslagen: de schijf is vol. Er is niets veranderd. Blijft dit gebeuren, waarschuw dan een beheerder."
    ]
    assert at.text_area(key="voortgang_1.2_plan").value == "mijn notitie"
