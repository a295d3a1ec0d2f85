"""Restoring a backup: check it in a temporary copy (integrity, exact schema and migrations, no
triggers or views, sane rows), keep the current database as a dated copy, then swap it in.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from lib.budget import scenarios
from lib.kern import invoer, migraties
from lib.kern.errors import DataFout
from lib.kern.storage import applied_migrations, backup, migrate
from lib.personas import werksessie
from lib.plan import status
from lib.regio import gebieden

# --- restore: check a backup in a temporary copy, then swap it in ---------------------------------

# Columns holding JSON documents: a backup must hold parseable JSON there (the app reads them back).
JSON_KOLOMMEN = {("scenarios", "inhoud"), ("imports", "rijen"), ("imports", "vervangen")}
MAX_CEL = 20 * 1024 * 1024  # no single stored text of the app comes near this
_DECLARED = {"TEXT": {"text", "null"}, "INTEGER": {"integer", "null"}, "REAL": {"real", "integer", "null"}}
# Columns whose content the pages read as a structure: checked with the app's own reader of that
# content (one home), so a back-up cannot bring in a row that breaks a page for every visitor.
INHOUD = {
    ("scenarios", "inhoud"): lambda row: scenarios.from_json(row["inhoud"]),
    ("actie_status", "status"): lambda row: status.check_status(row["status"]),
    ("werksessie_personas", "inhoud"): lambda row: werksessie.uit_inhoud(row["inhoud"]),
    ("gebieden", "wijken"): gebieden.uit_rij,
}


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
        for name, sql in migraties.MIGRATIONS:
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
    and every value has the declared type, is valid UTF-8 and not absurdly long, the JSON
    columns hold JSON, and the INHOUD columns (scenarios, statuses, personas, areas) pass the
    app's own readers, so no page breaks on a restored row.
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
        known = [name for name, _ in migraties.MIGRATIONS]
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
    finally:
        src.close()
    _check_inhoud(path, {name for kind, name in expected if kind == "table"}, bestand)
    return names


def _check_inhoud(path: Path, tables: set[str], bestand: str) -> None:
    """Every row of the INHOUD columns passes the app's own reader; DataFout names table, row and column."""
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    src.row_factory = sqlite3.Row
    try:
        for (table, column), check in INHOUD.items():
            if table not in tables:
                continue  # an older back-up without this table
            for row in src.execute(f'SELECT rowid AS _rij, * FROM "{table}"'):
                try:
                    check(row)
                except DataFout as err:
                    raise _fout(f"tabel {table}, rij {row['_rij']}: kolom {column} klopt niet: {err.melding}",
                                bestand) from err
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
