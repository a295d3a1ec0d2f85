"""Restoring a backup: each hostile file from issue 14 is refused with a Dutch message and changes nothing."""

from __future__ import annotations

import sqlite3

import pytest

from lib.budget import begroting, scenarios
from lib.kern import auth, backups, migraties, storage, terugzetten
from lib.kern.errors import DataFout
from lib.personas import werksessie
from lib.regio import gebieden


def scenario_json(naam: str) -> str:
    """What the app stores for a scenario (lib.budget.scenario_opslag): the scenario's JSON."""
    regels = scenarios.baseline(begroting.load_allocation(), 2021)
    return scenarios.to_json(scenarios.make_scenario(naam, 2021, regels)).decode("utf-8")


@pytest.fixture
def live(tmp_path):
    """A live database with one scenario, one action status and one audit row."""
    conn = storage.connect(tmp_path / "live" / "meer_samen.sqlite3")
    with storage.transaction(conn):
        conn.execute(
            "INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('bewaard', ?, 'x', 'x')",
            (scenario_json("bewaard"),),
        )
        conn.execute(
            "INSERT INTO actie_status (actie_id, status, gewijzigd) VALUES ('1.2', 'lopend', '2026-01-01T00:00:00')"
        )
        storage.audit(conn, "actie_status", "1.2", "status", "gepland", "lopend", "Anna")
    return conn


def _snapshot(conn) -> dict:
    return {
        t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")]
        for t in ("scenarios", "actie_status", "audit_log", "imports", "schema_migrations")
    }


def _good_backup(tmp_path, live) -> sqlite3.Connection:
    """A valid backup of `live` with one extra scenario, opened for tampering."""
    path = storage.backup(live, tmp_path / "backup.sqlite3")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('uit backup', ?, 'y', 'y')",
        (scenario_json("uit backup"),),
    )
    return conn


def _only_migrations(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (naam TEXT PRIMARY KEY, toegepast TEXT NOT NULL)")
    conn.execute("INSERT INTO schema_migrations VALUES ('0001_basis', 'x')")
    conn.commit()
    conn.close()


def _tamper(sql: str):
    def make(path, good):
        good.execute(sql)

    return make


HOSTILE = {
    "alleen schema_migrations": (None, "ontbreekt"),
    "extra kolom": (_tamper("ALTER TABLE scenarios ADD COLUMN extra TEXT"), "wijkt af"),
    "trigger": (
        _tamper("CREATE TRIGGER wis AFTER INSERT ON actie_status BEGIN DELETE FROM audit_log; END"),
        "trigger 'wis' hoort er niet in",
    ),
    "view": (_tamper("CREATE VIEW v AS SELECT * FROM audit_log"), "view 'v' hoort er niet in"),
    "extra tabel": (_tamper("CREATE TABLE geheim (x)"), "tabel 'geheim' hoort er niet in"),
    "extra index": (_tamper("CREATE INDEX i ON scenarios (gewijzigd)"), "index 'i' hoort er niet in"),
    "onbekende migratie": (_tamper("INSERT INTO schema_migrations VALUES ('9999_toekomst', 'x')"), "onbekend"),
    "blob waar tekst hoort": (_tamper("UPDATE scenarios SET naam = x'0102' WHERE naam = 'bewaard'"), "verkeerd soort"),
    "kapotte UTF-8": (
        _tamper("UPDATE scenarios SET inhoud = CAST(x'5b22ff225d' AS TEXT) WHERE naam = 'bewaard'"),
        "geen geldige UTF-8",
    ),
    "geen JSON": (_tamper("UPDATE scenarios SET inhoud = 'niet json' WHERE naam = 'bewaard'"), "geen geldige JSON"),
    "diep genest": (
        _tamper("UPDATE scenarios SET inhoud = '" + "[" * 100_000 + "]" * 100_000 + "' WHERE naam = 'bewaard'"),
        "geen geldige JSON",
    ),
    # Rows that are valid SQL but break a page for every visitor (issue 14 audit, "sane row contents").
    "scenario zonder regels": (
        _tamper("UPDATE scenarios SET inhoud = '[]' WHERE naam = 'bewaard'"),
        "tabel scenarios, rij 1: kolom inhoud",
    ),
    "onbekende status": (
        _tamper("UPDATE actie_status SET status = 'onzin' WHERE actie_id = '1.2'"),
        "tabel actie_status, rij 1: kolom status",
    ),
    "tekst waar een getal hoort": (
        _tamper(
            "INSERT INTO indicator_metingen (indicator_id, jaar, waarde, bron, peildatum, gewijzigd, door) "
            "VALUES ('i', 2025, 'abc', 'b', '2025-01-01', 'x', 'x')"
        ),
        "tabel indicator_metingen, rij 1: kolom waarde heeft een verkeerd soort waarde",
    ),
    "persona diep genest": (
        _tamper(
            "INSERT INTO werksessie_personas (naam, inhoud, auteur, aangemaakt) VALUES ('p', '"
            + "[" * 100_000 + "]" * 100_000 + "', 'a', 'x')"
        ),
        "tabel werksessie_personas, rij 1: kolom inhoud",
    ),
    "gebied diep genest": (
        _tamper(
            "INSERT INTO gebieden (id, naam, wijken, gewijzigd, door) VALUES ('g', 'G', '"
            + "[" * 100_000 + "]" * 100_000 + "', 'x', 'x')"
        ),
        "tabel gebieden, rij 1: kolom wijken",
    ),
}


@pytest.mark.parametrize("soort", sorted(HOSTILE))
def test_hostile_backup_is_refused_and_nothing_changes(tmp_path, live, soort):
    make, expected = HOSTILE[soort]
    before = _snapshot(live)
    if make is None:
        path = tmp_path / "hostile.sqlite3"
        _only_migrations(path)
    else:
        good = _good_backup(tmp_path, live)
        make(None, good)
        good.close()
        path = tmp_path / "backup.sqlite3"
    with pytest.raises(DataFout) as err:
        terugzetten.restore(live, path)
    assert "geen back-up van Meer Samen die kan worden teruggezet" in str(err.value)
    assert expected in str(err.value)
    assert _snapshot(live) == before
    # no dated copy is made for a refused file
    assert not list((tmp_path / "live").glob("*.voor-terugzetten-*"))


def test_junk_and_damaged_files_are_refused(tmp_path, live):
    before = _snapshot(live)
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    with pytest.raises(DataFout, match="geen SQLite-database of het bestand is beschadigd"):
        terugzetten.restore(live, junk)
    # a real backup with its page contents overwritten halfway: the integrity check catches it
    path = storage.backup(live, tmp_path / "half.sqlite3")
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 16] = b"\xff" * 16  # the header of page 2
    path.write_bytes(bytes(data))
    with pytest.raises(DataFout):
        terugzetten.restore(live, path)
    assert _snapshot(live) == before


def test_valid_backup_is_swapped_in_and_the_old_database_kept(tmp_path, live):
    good = _good_backup(tmp_path, live)
    good.close()
    with storage.transaction(live):
        live.execute("DELETE FROM scenarios")
    kept = terugzetten.restore(live, tmp_path / "backup.sqlite3")
    assert sorted(r[0] for r in live.execute("SELECT naam FROM scenarios")) == ["bewaard", "uit backup"]
    assert kept.parent == tmp_path / "live" and ".voor-terugzetten-" in kept.name
    old = sqlite3.connect(kept)
    assert old.execute("SELECT count(*) FROM scenarios").fetchone()[0] == 0  # the state just before
    # another connection to the live file sees the restored data
    other = storage.connect(tmp_path / "live" / "meer_samen.sqlite3")
    assert other.execute("SELECT count(*) FROM scenarios").fetchone()[0] == 2


def test_older_backup_is_accepted_and_brought_up_to_date(tmp_path, live, monkeypatch):
    path = storage.backup(live, tmp_path / "old.sqlite3")
    extra = ("9999_later", "CREATE TABLE later (x TEXT)")
    monkeypatch.setattr(migraties, "MIGRATIONS", [*migraties.MIGRATIONS, extra])
    storage.migrate(live)
    terugzetten.restore(live, path)
    assert storage.applied_migrations(live)[-1] == "9999_later"
    live.execute("SELECT * FROM later")


def test_restore_backup_through_the_editor_entry_point(tmp_path, live):
    stored = auth.hash_password("geheim-wachtwoord")
    editor = auth.login("geheim-wachtwoord", "Anna", stored, throttle=auth.Throttle())
    before = _snapshot(live)
    only = tmp_path / "only.sqlite3"
    _only_migrations(only)
    with pytest.raises(DataFout, match="only.sqlite3"):
        backups.restore_backup(live, editor, only.read_bytes(), "only.sqlite3")
    assert _snapshot(live) == before
    content = backups.export_backup(live, editor)
    backups.restore_backup(live, editor, content, "goed.sqlite3")
    trail = storage.audit_trail(live, "backup", "goed.sqlite3")
    assert trail[0]["door"] == "Anna"


def test_the_readers_skip_a_stored_row_nested_too_deep(live):
    """Defence in depth: a row that got in some other way does not break /personas or /wijk."""
    deep = "[" * 5000 + "]" * 5000
    with storage.transaction(live):
        live.execute("INSERT INTO werksessie_personas (naam, inhoud, auteur, aangemaakt) VALUES ('p', ?, 'a', 'x')",
                     (deep,))
        live.execute("INSERT INTO gebieden (id, naam, wijken, gewijzigd, door) VALUES ('g', 'G', ?, 'x', 'x')", (deep,))
    assert werksessie.saved(live) == []
    assert "g" not in gebieden.all_gebieden(live, {})
