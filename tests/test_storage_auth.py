"""The embedded database (migrations, transactions, backup) and editor authentication."""

from __future__ import annotations

import sqlite3

import pytest

from lib.kern import auth, migraties, storage, terugzetten
from lib.kern.config import ROOT
from lib.kern.errors import DataFout, GeenToegang
from tests.test_robust_restore import scenario_json


def test_database_is_created_migrated_and_in_wal_mode(tmp_path):
    conn = storage.connect(tmp_path / "sub" / "db.sqlite3")
    assert (tmp_path / "sub" / "db.sqlite3").exists()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert storage.applied_migrations(conn) == [name for name, _ in migraties.MIGRATIONS]
    storage.migrate(conn)  # idempotent
    assert storage.applied_migrations(conn) == [name for name, _ in migraties.MIGRATIONS]


def test_default_path_comes_from_the_environment(isolated_user_data):
    conn = storage.connect()
    path = conn.execute("PRAGMA database_list").fetchone()["file"]
    assert path.startswith(str(isolated_user_data))


def test_failed_transaction_leaves_old_data(tmp_path):
    conn = storage.connect(tmp_path / "db.sqlite3")
    with storage.transaction(conn):
        conn.execute("INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('a', '[]', 'x', 'x')")
    with pytest.raises(RuntimeError), storage.transaction(conn):
        conn.execute("UPDATE scenarios SET inhoud = '[1]' WHERE naam = 'a'")
        raise RuntimeError("crash mid-save")
    other = storage.connect(tmp_path / "db.sqlite3")
    assert other.execute("SELECT inhoud FROM scenarios").fetchone()[0] == "[]"


def test_audit_trail_newest_first(tmp_path):
    conn = storage.connect(tmp_path / "db.sqlite3")
    with storage.transaction(conn):
        storage.audit(conn, "actie_status", "1.1", "status", "gepland", "lopend", "Anna")
    with storage.transaction(conn):
        storage.audit(conn, "actie_status", "1.1", "status", "lopend", "afgerond", "Bob")
    trail = storage.audit_trail(conn, "actie_status", "1.1")
    assert [(t["oud"], t["nieuw"], t["door"]) for t in trail] == [
        ("lopend", "afgerond", "Bob"),
        ("gepland", "lopend", "Anna"),
    ]


def test_backup_and_restore_round_trip(tmp_path):
    conn = storage.connect(tmp_path / "db.sqlite3")
    with storage.transaction(conn):
        conn.execute(
            "INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('bewaard', ?, 'x', 'x')",
            (scenario_json("bewaard"),),
        )
    backup = storage.backup(conn, tmp_path / "backup.sqlite3")
    with storage.transaction(conn):
        conn.execute("DELETE FROM scenarios")
    terugzetten.restore(conn, backup)
    assert [r[0] for r in conn.execute("SELECT naam FROM scenarios")] == ["bewaard"]


def test_restore_refuses_other_files(tmp_path):
    conn = storage.connect(tmp_path / "db.sqlite3")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataFout, match="geen back-up"):
        terugzetten.restore(conn, junk)
    other = sqlite3.connect(tmp_path / "other.sqlite3")
    other.execute("CREATE TABLE x (a)")
    other.close()
    with pytest.raises(DataFout, match="schema_migrations"):
        terugzetten.restore(conn, tmp_path / "other.sqlite3")


def test_password_hash_round_trip_and_wrong_password():
    stored = auth.hash_password("correct horse battery", iterations=1000)
    assert stored.startswith("pbkdf2_sha256$1000$")
    assert auth.check_password("correct horse battery", stored)
    assert not auth.check_password("wrong", stored)
    assert not auth.check_password("x", "garbage")


def test_login_issues_a_token_that_require_editor_accepts():
    stored = auth.hash_password("geheim-wachtwoord", iterations=1000)
    throttle = auth.Throttle()
    assert auth.login("fout", "Anna", stored, throttle) is None
    token = auth.login("geheim-wachtwoord", "Anna", stored, throttle)
    assert auth.require_editor(token).naam == "Anna"
    auth.logout(token)
    with pytest.raises(GeenToegang, match="redacteur"):
        auth.require_editor(token)


def test_forged_token_and_no_credential_are_refused():
    with pytest.raises(GeenToegang):
        auth.require_editor(auth.Redacteur("Mallory", "0" * 32))
    with pytest.raises(GeenToegang):
        auth.require_editor(None)
    assert auth.login("anything", "x", None) is None


def test_throttle_slows_down_after_a_few_failures():
    t = auth.Throttle(free_tries=3, max_wait=60)
    for _ in range(3):
        assert t.wait_seconds(now=100.0) == 0
        t.failed(now=100.0)
    assert t.wait_seconds(now=100.0) == 2
    t.failed(now=100.0)
    assert t.wait_seconds(now=100.0) == 4
    assert t.wait_seconds(now=110.0) == 0


def test_login_is_refused_while_throttled():
    stored = auth.hash_password("pw-pw-pw-pw", iterations=1000)
    t = auth.Throttle(free_tries=1, max_wait=60)
    assert auth.login("wrong", "x", stored, t) is None
    with pytest.raises(auth.TeVeelPogingen, match="Te veel onjuiste pogingen"):
        auth.login("pw-pw-pw-pw", "x", stored, t)  # even the right password waits


def test_killed_writer_leaves_old_data_intact(tmp_path):
    """A process killed mid-transaction (SIGKILL, no cleanup) must not damage or lock the data."""
    import signal
    import subprocess
    import sys
    import textwrap

    db = tmp_path / "db.sqlite3"
    conn = storage.connect(db)
    with storage.transaction(conn):
        conn.execute("INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('oud', '[1]', 'x', 'x')")
    writer = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from lib.kern import storage
        conn = storage.connect({str(db)!r})
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE scenarios SET inhoud = '[2]' WHERE naam = 'oud'")
        conn.execute("INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd) VALUES ('half', '[]', 'x', 'x')")
        print("midden", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "midden"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    fresh = storage.connect(db)
    assert [tuple(r) for r in fresh.execute("SELECT naam, inhoud FROM scenarios")] == [("oud", "[1]")]
    with storage.transaction(fresh):  # the lock died with the writer
        fresh.execute("UPDATE scenarios SET inhoud = '[3]'")
    assert fresh.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
