"""The embedded SQLite database for everything users create: scenarios, action statuses, imports.

- One file, path from configuration (lib.kern.config.database_path), created on first use.
- WAL mode, so readers never block the one writer; a busy timeout, so two sessions saving at
  once wait for each other instead of failing.
- Every write runs inside ``transaction()``: BEGIN IMMEDIATE ... COMMIT, rolled back on any
  error, so a crash mid-save leaves the previous state intact.
- Named, ordered migrations recorded in ``schema_migrations``; a database is brought up to date
  on connect. Add a migration by appending to lib.kern.migraties.MIGRATIONS, never by editing an applied one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from lib.kern import migraties
from lib.kern.config import database_path

# How the audit trail labels each kind of 'door'.
DOOR_BRONNEN = {
    "oidc": "organisatieaccount",
    "lokaal": "lokaal account",
    "getypt": "getypte naam",
}


def now() -> str:
    """Timestamp as stored: ISO 8601 in UTC, seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _tekst(value: bytes) -> str:
    # A damaged page must not make a whole page fail with "Could not decode to UTF-8".
    return value.decode("utf-8", "replace")


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open (and create or migrate) the database. Transactions are managed by ``transaction``."""
    path = Path(path) if path is not None else database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.text_factory = _tekst
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: BEGIN IMMEDIATE takes the write lock up front, so concurrent savers queue."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        # SQLite rolls back by itself on some errors (a full disk): then there is nothing to roll back,
        # and the original error must not be hidden by "cannot rollback".
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (naam TEXT PRIMARY KEY, toegepast TEXT NOT NULL)")
    return [r[0] for r in conn.execute("SELECT naam FROM schema_migrations ORDER BY naam")]


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations this database has not had yet, each in its own transaction."""
    done = set(applied_migrations(conn))
    for name, sql in migraties.MIGRATIONS:
        if name in done:
            continue
        with transaction(conn):
            # executescript would COMMIT our transaction; run the statements one by one instead.
            for statement in (s.strip() for s in sql.split(";")):
                if statement:
                    conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO schema_migrations VALUES (?, ?)", (name, now()))


def door_van(door) -> tuple[str, str, str]:
    """(name, id, source) for the audit trail. Pass the editor's token (lib.kern.auth.Redacteur):
    a named login records its authenticated identity; a plain string or the old shared password
    records a typed name, marked 'getypt'."""
    ident = getattr(door, "identiteit", None)
    if ident is not None:
        return ident.naam, ident.sub, ident.bron
    return str(getattr(door, "naam", door)), "", "getypt"


def door_label(naam: str, door_id: str = "", door_bron: str = "getypt") -> str:
    """How a 'door' is shown: 'Anna Jansen (organisatieaccount)', 'Bob (getypte naam)'."""
    return f"{naam} ({DOOR_BRONNEN.get(door_bron, door_bron)})" if naam else ""


def audit(conn: sqlite3.Connection, tabel: str, sleutel: str, veld: str, oud, nieuw, door) -> None:
    """Record one change; call inside the transaction that makes the change. ``door`` is the
    editor's token (preferred: records the authenticated identity) or a name."""
    naam, door_id, bron = door_van(door)
    conn.execute(
        "INSERT INTO audit_log (tabel, sleutel, veld, oud, nieuw, tijdstip, door, door_id, door_bron)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (tabel, sleutel, veld, None if oud is None else str(oud), None if nieuw is None else str(nieuw), now(), naam,
         door_id, bron),
    )


def audit_trail(conn: sqlite3.Connection, tabel: str, sleutel: str) -> list[dict]:
    """The changes to one record, newest first; ``door_label`` says how the name was established."""
    rows = conn.execute(
        "SELECT veld, oud, nieuw, tijdstip, door, door_id, door_bron FROM audit_log"
        " WHERE tabel = ? AND sleutel = ? ORDER BY id DESC",
        (tabel, sleutel),
    )
    return [dict(r, door_label=door_label(r["door"], r["door_id"], r["door_bron"])) for r in rows]


def backup(conn: sqlite3.Connection, destination: Path | str) -> Path:
    """Write a consistent copy of the whole database (all user data) to one file."""
    destination = Path(destination)
    destination.unlink(missing_ok=True)
    target = sqlite3.connect(destination)
    try:
        conn.backup(target)
    finally:
        target.close()
    return destination
