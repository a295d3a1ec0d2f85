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

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from lib.kern import invoer
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
        # Version counters for optimistic concurrency (lib.kern.versies): a stale save is refused.
        "0014_versies",
        """
        ALTER TABLE actie_status ADD COLUMN versie INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE scenarios ADD COLUMN versie INTEGER NOT NULL DEFAULT 0
    """,
    ),
    (
        # Issue 15: who made a change, as the login proved it. door_id is the provider subject or
        # local account; door_bron says how 'door' was established. Rows from before this
        # migration hold a name someone typed: they are marked 'getypt'.
        "0015_identiteit",
        """
        ALTER TABLE audit_log ADD COLUMN door_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE audit_log ADD COLUMN door_bron TEXT NOT NULL DEFAULT 'getypt'
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
    for name, sql in MIGRATIONS:
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


# --- restore: check a backup in a temporary copy, then swap it in ---------------------------------

# Columns holding JSON documents: a backup must hold parseable JSON there (the app reads them back).
JSON_KOLOMMEN = {("scenarios", "inhoud"), ("imports", "rijen"), ("imports", "vervangen")}
MAX_CEL = 20 * 1024 * 1024  # no single stored text of the app comes near this
_DECLARED = {"TEXT": {"text", "null"}, "INTEGER": {"integer", "null"}}


def _norm(sql: str | None) -> str:
    return " ".join((sql or "").split())


def schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """Every schema object (type, name) with its SQL, whitespace normalised; SQLite's own objects
    (automatic indexes, sqlite_sequence, sqlite_stat*) left out."""
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master")
    return {(t, n): _norm(sql) for t, n, sql in rows if not n.startswith("sqlite_")}


def expected_schema(names: list[str]) -> dict[tuple[str, str], str]:
    """The schema a database has after exactly these migrations (built in memory)."""
    ref = sqlite3.connect(":memory:", isolation_level=None)
    try:
        applied_migrations(ref)
        for name, sql in MIGRATIONS:
            if name in names:
                for statement in (s.strip() for s in sql.split(";")):
                    if statement:
                        ref.execute(statement)
        return schema_of(ref)
    finally:
        ref.close()


def _fout(melding: str, bestand: str) -> DataFout:
    return DataFout(f"Dit is geen back-up van Meer Samen die kan worden teruggezet: {melding}", bestand=bestand)


def check_backup(path: Path, bestand: str | None = None) -> list[str]:
    """Check a backup file thoroughly; return its migrations or raise DataFout (Dutch, names the problem).

    Checked: the file is an intact SQLite database (integrity check); its migrations are the first
    ones of MIGRATIONS in order (an older backup is fine, it is brought up to date); its schema is
    exactly what those migrations make, without extra columns, tables, indexes, triggers or views;
    and every value has the declared type, is valid UTF-8 and not absurdly long, and the JSON
    columns hold JSON.
    """
    bestand = bestand or path.name
    try:
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as err:
        raise _fout("het bestand kan niet worden geopend", bestand) from err
    src.text_factory = bytes  # read raw bytes: invalid UTF-8 is reported, not raised
    try:
        try:
            result = [r[0] for r in src.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as err:
            raise _fout("het is geen SQLite-database of het bestand is beschadigd", bestand) from err
        if result != [b"ok"]:
            raise _fout("het bestand is beschadigd (de integriteitscontrole van SQLite faalt)", bestand)
        objects = {n.decode("utf-8", "replace") for (n,) in src.execute("SELECT name FROM sqlite_master")}
        if "schema_migrations" not in objects:
            raise _fout("de tabel schema_migrations ontbreekt", bestand)
        try:
            names = [n.decode() for (n,) in src.execute("SELECT naam FROM schema_migrations ORDER BY rowid")]
        except (sqlite3.DatabaseError, UnicodeDecodeError, AttributeError) as err:
            raise _fout("de tabel schema_migrations is onleesbaar", bestand) from err
        known = [name for name, _ in MIGRATIONS]
        if not names:
            raise _fout("er staan geen migraties in", bestand)
        if sorted(names) != known[: len(names)]:
            onbekend = [n for n in names if n not in known]
            if onbekend:
                raise _fout(
                    f"migratie '{onbekend[0][:60]}' is onbekend (een back-up van een nieuwere versie?)", bestand
                )
            raise _fout("de migraties zijn onvolledig of dubbel", bestand)
        actual = {(t.decode(), n.decode()): _norm(sql.decode()) for t, n, sql in _master(src)}
        expected = expected_schema(names)
        for key in sorted(set(actual) - set(expected)):
            soort = {"trigger": "een trigger", "view": "een view", "index": "een index", "table": "een tabel"}
            raise _fout(f"{soort.get(key[0], key[0])} '{key[1][:60]}' hoort er niet in", bestand)
        for kind, name in sorted(set(expected) - set(actual), key=lambda k: (k[0] != "table", k[1])):
            raise _fout(f"{'de tabel' if kind == 'table' else 'de index'} '{name}' ontbreekt", bestand)
        for key in sorted(expected):
            if actual[key] != expected[key]:
                raise _fout(f"de opbouw van '{key[1]}' wijkt af (andere of extra kolommen)", bestand)
        _check_rows(src, expected, bestand)
        return names
    finally:
        src.close()


def _master(src: sqlite3.Connection):
    rows = src.execute("SELECT type, name, sql FROM sqlite_master")
    return [(t, n, sql or b"") for t, n, sql in rows if not n.startswith(b"sqlite_")]


def _check_rows(src: sqlite3.Connection, expected: dict, bestand: str) -> None:
    for kind, table in sorted(expected):
        if kind != "table":
            continue
        info = src.execute(f'PRAGMA table_info("{table}")')
        columns = [(r[1].decode(), (r[2] or b"").decode().upper()) for r in info]
        for column, declared in columns:
            allowed = _DECLARED.get(declared)
            if allowed is None:
                continue
            quoted = f'"{column}"'
            bad = src.execute(
                f'SELECT rowid FROM "{table}" WHERE typeof({quoted}) NOT IN ({", ".join("?" * len(allowed))}) LIMIT 1',
                sorted(allowed),
            ).fetchone()
            if bad:
                raise _fout(f"tabel {table}, rij {bad[0]}: kolom {column} heeft een verkeerd soort waarde", bestand)
            if declared != "TEXT":
                continue
            too_long = src.execute(
                f'SELECT rowid FROM "{table}" WHERE length(CAST({quoted} AS BLOB)) > ? LIMIT 1', (MAX_CEL,)
            ).fetchone()
            if too_long:
                raise _fout(f"tabel {table}, rij {too_long[0]}: kolom {column} is te lang", bestand)
            for rowid, value in src.execute(f'SELECT rowid, {quoted} FROM "{table}" WHERE {quoted} IS NOT NULL'):
                try:
                    text = value.decode("utf-8")
                    if (table, column) in JSON_KOLOMMEN:
                        invoer.json_laden(text)
                except (UnicodeDecodeError, DataFout) as err:
                    wat = "geen geldige UTF-8-tekst" if isinstance(err, UnicodeDecodeError) else "geen geldige JSON"
                    raise _fout(f"tabel {table}, rij {rowid}: kolom {column} is {wat}", bestand) from err


def database_file(conn: sqlite3.Connection) -> Path | None:
    """The file behind a connection's main database (None for an in-memory one)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2]) if row[2] else None
    return None


def keep_copy(conn: sqlite3.Connection, reden: str = "voor-terugzetten") -> Path | None:
    """A dated copy of the live database next to it (meer_samen.sqlite3.voor-terugzetten-20261202-051500)."""
    live = database_file(conn)
    if live is None:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return backup(conn, live.with_name(f"{live.name}.{reden}-{stamp}"))


def restore(conn: sqlite3.Connection, source: Path | str, bestand: str | None = None) -> Path | None:
    """Replace all user data by a backup made with ``backup``; refuses anything else with DataFout.

    The file is checked (``check_backup``) and brought up to date in a temporary copy; then the
    previous database is kept as a dated copy (``keep_copy``) and the checked copy is written into
    the live database in one step (SQLite's backup API: one write transaction, so every other
    session sees either the old or the new data). Returns the path of the kept copy.
    """
    source = Path(source)
    bestand = bestand or source.name
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "restore.sqlite3"
        shutil.copyfile(source, work)
        check_backup(work, bestand)
        checked = sqlite3.connect(work, isolation_level=None)
        try:
            migrate(checked)
            # The backup API cannot change the page size of a WAL database: match it in the copy.
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            if checked.execute("PRAGMA page_size").fetchone()[0] != page_size:
                checked.execute("PRAGMA journal_mode = DELETE")
                checked.execute(f"PRAGMA page_size = {int(page_size)}")
                checked.execute("VACUUM")
            kept = keep_copy(conn)
            checked.backup(conn)
        finally:
            checked.close()
    return kept
