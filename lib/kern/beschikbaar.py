"""Opening the user database for the app so that the app stays up when the database does not.

``open_for_app`` never raises. When the database cannot be opened or written (a read-only or
missing data folder, a file where the folder should be, a damaged file) the app still runs in
view mode on what it can read, and the result says in Dutch what is wrong and what an
administrator does; the server log gets the details (paths). A damaged database is moved aside
under a dated name, never deleted, and a fresh one is started, so an editor can restore a backup.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lib.kern import migraties, storage
from lib.kern.config import database_path

log = logging.getLogger("meer_samen.database")

BEHEERDER_MAP = (
    "Beheerder: controleer of de map voor gebruikersgegevens (instelling MEER_SAMEN_DATA_DIR of "
    "MEER_SAMEN_DB) een map is waarin het dashboard mag schrijven, en start het dashboard daarna opnieuw. "
    "Het serverlog noemt het pad."
)


@dataclass(frozen=True)
class Opslag:
    """The app's connection and its state. ``probleem`` is the one notice every page shows (or None);
    ``schrijfbaar`` False means editing is off, with ``reden`` as the reason shown to editors."""

    conn: sqlite3.Connection
    schrijfbaar: bool = True
    probleem: str | None = None
    reden: str | None = None
    opzij: Path | None = None


# Damaged databases moved aside in this process, per live path: every session shows the notice.
_OPZIJ: dict[str, Path] = {}


def open_for_app(path: Path | str | None = None) -> Opslag:
    """The user database for the app; never raises (see the module docstring)."""
    path = Path(path) if path is not None else database_path()
    try:
        conn = _open_checked(path)
    except _Beschadigd as err:
        log.error("Database %s is beschadigd: %s", path, err)
        moved = _move_aside(path)
        if moved is None:
            return _read_only(path, "De database is beschadigd en kan niet opzij worden gezet.", BEHEERDER_MAP)
        try:
            conn = _open_checked(path)
        except (_Beschadigd, sqlite3.Error, OSError) as again:
            log.error("Nieuwe database %s kan niet worden gemaakt: %s", path, again)
            return _read_only(path, "De database is beschadigd en er kan geen nieuwe worden gemaakt.", BEHEERDER_MAP)
    except (sqlite3.Error, OSError) as err:
        log.error("Database %s kan niet worden geopend of beschreven: %s", path, err)
        return _read_only(path, _waarom(err), BEHEERDER_MAP)
    moved = _OPZIJ.get(str(path))
    if moved is not None:
        return Opslag(
            conn,
            probleem=(
                "De database met ingevoerde gegevens was beschadigd. Hij is opzij gezet (niet verwijderd) en het "
                "dashboard is met een lege database verdergegaan: statussen en scenario's staan op hun beginwaarde. "
                "Beheerder: zet een back-up terug via Data en bronnen → Back-up van uw gegevens; de beschadigde "
                f"kopie heet {moved.name} en staat naast de database."
            ),
            opzij=moved,
        )
    return Opslag(conn)


class _Beschadigd(Exception):
    pass


def _open_checked(path: Path) -> sqlite3.Connection:
    try:
        conn = storage.connect(path)
    except sqlite3.DatabaseError as err:
        if _is_damage(err):
            raise _Beschadigd(str(err)) from err
        raise
    try:
        result = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as err:
        conn.close()
        raise _Beschadigd(str(err)) from err
    if result != ["ok"]:
        conn.close()
        raise _Beschadigd("; ".join(result[:3]))
    # Opened is not yet writable: take and release the write lock once.
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("ROLLBACK")
    return conn


def _is_damage(err: sqlite3.DatabaseError) -> bool:
    text = str(err).lower()
    return any(word in text for word in ("not a database", "malformed", "corrupt", "encrypted"))


def _move_aside(path: Path) -> Path | None:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.beschadigd-{stamp}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            extra = path.with_name(path.name + suffix)
            if extra.exists():
                extra.rename(target.with_name(target.name + suffix))
    except OSError as err:
        log.error("Beschadigde database %s kan niet opzij worden gezet: %s", path, err)
        return None
    log.warning("Beschadigde database opzij gezet: %s -> %s", path, target)
    _OPZIJ[str(path)] = target
    return target


def _waarom(err: Exception) -> str:
    text = str(err).lower()
    if isinstance(err, (NotADirectoryError, FileExistsError)) or "not a directory" in text:
        return "De map voor gebruikersgegevens is geen map (er staat een bestand op die plek)."
    if "full" in text or getattr(err, "errno", None) == 28:
        return "De schijf is vol."
    if isinstance(err, PermissionError) or "readonly" in text or "read-only" in text or "unable to open" in text:
        return "Het dashboard mag niet schrijven in de map voor gebruikersgegevens."
    return "De database kan niet worden geopend."


def _read_only(path: Path, wat: str, beheerder: str) -> Opslag:
    """View mode on what can still be read: the database read-only if it is intact, else nothing stored."""
    conn, gelezen = _try_read_only(path), True
    if conn is None:
        conn, gelezen = _empty(), False
    inhoud = (
        "U ziet de opgeslagen gegevens, maar er kan niets worden gewijzigd."
        if gelezen
        else "U ziet de meegeleverde gegevens; ingevoerde statussen, scenario's en ingelezen cijfers zijn nu niet te zien."
    )
    return Opslag(
        conn,
        schrijfbaar=False,
        probleem=f"**Bewerken staat tijdelijk uit.** {wat} {inhoud} {beheerder}",
        reden=f"{wat} Bewerken staat uit tot een beheerder dit heeft opgelost.",
    )


def _try_read_only(path: Path) -> sqlite3.Connection | None:
    try:
        if not path.is_file():
            return None
    except OSError:
        return None
    for query in ("mode=ro", "immutable=1"):
        conn = None
        try:
            conn = sqlite3.connect(f"file:{path}?{query}", uri=True, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.text_factory = storage._tekst
            ok = [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
            known = [name for name, _ in migraties.MIGRATIONS]
            applied = [r[0] for r in conn.execute("SELECT naam FROM schema_migrations ORDER BY naam")]
            if ok and applied == known:
                conn.execute("PRAGMA query_only = ON")
                return conn
        except sqlite3.Error as err:
            log.warning("Database %s ook niet alleen-lezen te openen (%s): %s", path, query, err)
        if conn is not None:
            conn.close()
    return None


def _empty() -> sqlite3.Connection:
    """An empty, current, read-only database in memory: every page reads it as 'nothing stored yet'."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    storage.migrate(conn)
    conn.execute("PRAGMA query_only = ON")
    return conn


def melding(err: sqlite3.Error) -> str:
    """A Dutch sentence for a database error during a save; nothing was stored (the transaction rolled back)."""
    text = str(err).lower()
    if "full" in text:
        wat = "de schijf is vol"
    elif "readonly" in text or "read-only" in text:
        wat = "de database kan alleen gelezen worden"
    elif "locked" in text or "busy" in text:
        wat = "de database is bezet door een andere bewerking; probeer het zo opnieuw"
    elif _is_damage(err):
        wat = "de database is beschadigd"
    else:
        wat = "er ging iets mis met de database"
    return f"Niet opgeslagen: {wat}. Er is niets veranderd. Blijft dit gebeuren, waarschuw dan een beheerder."
