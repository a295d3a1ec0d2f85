"""The embedded SQLite database for everything users create: scenarios, action statuses, imports.

- One file, path from configuration (lib.kern.config.database_path), created on first use.
- WAL mode, so readers never block the one writer; a busy timeout, so two sessions saving at
  once wait for each other instead of failing.
- Every write runs inside ``transaction()``: BEGIN IMMEDIATE ... COMMIT, rolled back on any
  error, so a crash mid-save leaves the previous state intact.
- Named, ordered migrations recorded in ``schema_migrations``; a database is brought up to date
  on connect. Add a migration by appending to MIGRATIONS, never by editing an applied one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from lib.kern.config import database_path
from lib.kern.errors import DataFout

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_basis",
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            tabel TEXT NOT NULL,
            sleutel TEXT NOT NULL,
            veld TEXT NOT NULL,
            oud TEXT,
            nieuw TEXT,
            tijdstip TEXT NOT NULL,
            door TEXT NOT NULL
        );
        CREATE INDEX audit_log_sleutel ON audit_log (tabel, sleutel);
        CREATE TABLE scenarios (
            id INTEGER PRIMARY KEY,
            naam TEXT NOT NULL UNIQUE,
            inhoud TEXT NOT NULL,          -- JSON of the scenario's budget lines
            aangemaakt TEXT NOT NULL,
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE actie_status (
            actie_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            eigenaar TEXT NOT NULL DEFAULT '',
            startdatum TEXT,
            einddatum TEXT,
            voortgang TEXT NOT NULL DEFAULT '',
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            tijdstip TEXT NOT NULL,
            bestandsnaam TEXT NOT NULL,
            door TEXT NOT NULL DEFAULT '',
            rijen TEXT NOT NULL,           -- JSON of the rows this import added or replaced
            vervangen TEXT NOT NULL,       -- JSON of the rows it replaced, for undo
            ongedaan INTEGER NOT NULL DEFAULT 0
        );
    """,
    ),
    (
        "0017_werksessie_personas",
        """
        CREATE TABLE werksessie_personas (
            id INTEGER PRIMARY KEY,
            naam TEXT NOT NULL,
            inhoud TEXT NOT NULL,          -- JSON of the persona as built in the workshop
            auteur TEXT NOT NULL,
            aangemaakt TEXT NOT NULL
        )
    """,
    ),
    (
        "0017b_plan_tijdlijn",
        """
        CREATE TABLE plan_gebeurtenissen (
            id INTEGER PRIMARY KEY,
            datum TEXT NOT NULL,           -- ISO date of the event
            soort TEXT NOT NULL,           -- key of lib.plan.tijdlijn.SOORTEN
            actie_id TEXT,                 -- the action it is about, if any
            omschrijving TEXT NOT NULL,
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL
        );
        CREATE TABLE indicator_metingen (
            id INTEGER PRIMARY KEY,
            indicator_id TEXT NOT NULL,    -- key of data/plan_indicatoren.yaml
            jaar INTEGER NOT NULL,
            waarde REAL NOT NULL,
            bron TEXT NOT NULL,
            peildatum TEXT NOT NULL,       -- ISO date the value was measured or reported
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL,
            UNIQUE (indicator_id, jaar)
        );
        CREATE TABLE indicator_streef (
            indicator_id TEXT PRIMARY KEY,
            streefwaarde REAL NOT NULL,
            bron TEXT NOT NULL,            -- where the target was agreed (e.g. kerngroep, date)
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL
        )
    """,
    ),
    (
        "0017c_gebieden",
        """
        CREATE TABLE gebieden (
            id TEXT PRIMARY KEY,           -- same id as in data/gebieden.yaml overrides the shipped area
            naam TEXT NOT NULL,
            wijken TEXT NOT NULL,          -- JSON list of wijk codes
            toelichting TEXT NOT NULL DEFAULT '',
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL
        )
    """,
    ),
]


def now() -> str:
    """Timestamp as stored: ISO 8601 in UTC, seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open (and create or migrate) the database. Transactions are managed by ``transaction``."""
    path = Path(path) if path is not None else database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
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
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        with transaction(conn):
            # executescript would COMMIT our transaction; run the statements one by one instead.
            for statement in (s.strip() for s in sql.split(";")):
                if statement:
                    conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO schema_migrations VALUES (?, ?)", (name, now()))


def audit(conn: sqlite3.Connection, tabel: str, sleutel: str, veld: str, oud, nieuw, door: str) -> None:
    """Record one change; call inside the transaction that makes the change."""
    conn.execute(
        "INSERT INTO audit_log (tabel, sleutel, veld, oud, nieuw, tijdstip, door) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (tabel, sleutel, veld, None if oud is None else str(oud), None if nieuw is None else str(nieuw), now(), door),
    )


def audit_trail(conn: sqlite3.Connection, tabel: str, sleutel: str) -> list[dict]:
    """The changes to one record, newest first."""
    rows = conn.execute(
        "SELECT veld, oud, nieuw, tijdstip, door FROM audit_log WHERE tabel = ? AND sleutel = ? ORDER BY id DESC",
        (tabel, sleutel),
    )
    return [dict(r) for r in rows]


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


def restore(conn: sqlite3.Connection, source: Path | str) -> None:
    """Replace all user data by a backup made with ``backup``; refuses files that are not one."""
    source = Path(source)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            src.close()
    except sqlite3.DatabaseError as err:
        raise DataFout("Dit is geen back-up van Meer Samen (geen SQLite-database)", bestand=source.name) from err
    if "schema_migrations" not in tables:
        raise DataFout("Dit is geen back-up van Meer Samen (tabel schema_migrations ontbreekt)", bestand=source.name)
    src = sqlite3.connect(source)
    try:
        src.backup(conn)
    finally:
        src.close()
    migrate(conn)
