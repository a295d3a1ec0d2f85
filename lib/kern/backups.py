"""Back-up and restore of all user data (scenarios, action statuses, imports, audit log) as one file.

The file is a consistent copy of the embedded SQLite database (lib.kern.storage.backup). Both directions
are for editors only: the back-up holds editors' names and notes, and a restore replaces everything.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from lib.kern import auth, storage, terugzetten
from lib.kern.errors import DataFout

MAX_BYTES = 200 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"


def backup_filename() -> str:
    return f"meer-samen-backup-{datetime.now(UTC):%Y%m%d-%H%M}.sqlite3"


def export_backup(conn: sqlite3.Connection, redacteur: auth.Redacteur) -> bytes:
    """All user data as the bytes of one SQLite file. Editors only."""
    auth.require_beheer(redacteur, "een back-up maken")
    with storage.transaction(conn):  # in the log (and in the back-up itself): who took the data out
        storage.audit(conn, "backup", backup_filename(), "gemaakt", None, None, redacteur)
    with tempfile.TemporaryDirectory() as tmp:
        path = storage.backup(conn, Path(tmp) / "backup.sqlite3")
        return path.read_bytes()


def restore_backup(conn: sqlite3.Connection, redacteur: auth.Redacteur, content: bytes, bestandsnaam: str) -> None:
    """Replace all user data by an uploaded back-up. Editors only; anything else is refused untouched."""
    auth.require_beheer(redacteur, "een back-up terugzetten")
    name = Path(bestandsnaam).name or "upload"
    if len(content) > MAX_BYTES:
        raise DataFout("Het bestand is te groot voor een back-up van Meer Samen", bestand=name)
    if not content.startswith(SQLITE_MAGIC):
        raise DataFout("Dit is geen back-up van Meer Samen (geen SQLite-database)", bestand=name)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.sqlite3"
        path.write_bytes(content)
        try:
            terugzetten.restore(conn, path, bestand=name)
        except sqlite3.DatabaseError as err:
            # Checked files do not get here; a full disk or a locked database can.
            raise DataFout(f"Niet teruggezet: de database kon niet worden bijgewerkt ({err})", bestand=name) from err
    with storage.transaction(conn):
        storage.audit(conn, "backup", name, "teruggezet", None, name, redacteur)
