"""Stored scenarios: list, load, save, rename and delete in SQLite; every write checks the editor."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd

from lib.budget.scenarios import SCENARIO_COLUMNS, Scenario, check_naam, make_scenario, to_json
from lib.kern import auth, storage
from lib.kern.errors import DataFout
from lib.kern.versies import VersieConflict
from lib.plan.status import format_tijdstip

# --- storage ------------------------------------------------------------------------------------


def _from_row(row: sqlite3.Row) -> Scenario:
    doc = json.loads(row["inhoud"])
    regels = pd.DataFrame(doc["regels"], columns=SCENARIO_COLUMNS)
    regels["thema"] = regels["thema"].astype(int)
    regels["bedrag"] = regels["bedrag"].astype(float)
    return Scenario(row["naam"], int(doc["jaar"]), regels, row["gewijzigd"], row["door"], row["versie"])


def list_scenarios(conn: sqlite3.Connection) -> pd.DataFrame:
    """Stored scenarios, newest change first: naam, jaar, totaal, gewijzigd, door, versie."""
    rows = [_from_row(r) for r in conn.execute("SELECT * FROM scenarios ORDER BY gewijzigd DESC, id DESC")]
    kolommen = ["naam", "jaar", "totaal", "gewijzigd", "door", "versie"]
    return pd.DataFrame([{k: getattr(s, k) for k in kolommen} for s in rows], columns=kolommen)


def load_scenario(conn: sqlite3.Connection, naam: str) -> Scenario:
    row = conn.execute("SELECT * FROM scenarios WHERE naam = ?", (naam,)).fetchone()
    if row is None:
        raise DataFout(f"Er is geen scenario met de naam '{naam}'.")
    return _from_row(row)


def save_scenario(
    conn: sqlite3.Connection,
    redacteur: object,
    scenario: Scenario,
    *,
    overschrijven: bool = False,
    versie: int | None = None,
) -> Scenario:
    """Store a scenario in one transaction. An existing name is only replaced with ``overschrijven``.

    Checks again here (not only in the page), so nothing invalid is ever stored. ``versie`` is the
    version of the stored scenario the editor started from: if it was saved since, VersieConflict
    (a DataFout naming who and when) is raised and nothing changes.
    """
    editor = auth.require_editor(redacteur, "een scenario opslaan")
    checked = make_scenario(scenario.naam, scenario.jaar, scenario.regels)
    inhoud = to_json(checked).decode("utf-8")
    stamp = storage.now()
    with storage.transaction(conn):
        old = conn.execute(
            "SELECT inhoud, versie, door, gewijzigd FROM scenarios WHERE naam = ?", (checked.naam,)
        ).fetchone()
        if old is not None and not overschrijven:
            raise DataFout(f"Er bestaat al een scenario met de naam '{checked.naam}'. Kies een andere naam.")
        if old is not None and versie is not None and old["versie"] != versie:
            raise VersieConflict(
                f"Scenario '{checked.naam}'", old["door"], format_tijdstip(old["gewijzigd"]), old["versie"]
            )
        nieuwe_versie = 1 if old is None else old["versie"] + 1
        if old is None:
            conn.execute(
                "INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd, door, versie) VALUES (?, ?, ?, ?, ?, ?)",
                (checked.naam, inhoud, stamp, stamp, editor.naam, nieuwe_versie),
            )
        else:
            conn.execute(
                "UPDATE scenarios SET inhoud = ?, gewijzigd = ?, door = ?, versie = ? WHERE naam = ?",
                (inhoud, stamp, editor.naam, nieuwe_versie, checked.naam),
            )
        storage.audit(
            conn,
            "scenarios",
            checked.naam,
            "totaal",
            None if old is None else _from_row_total(old["inhoud"]),
            checked.totaal,
            editor,  # the token: the audit records the authenticated identity
        )
    return Scenario(checked.naam, checked.jaar, checked.regels, stamp, editor.naam, nieuwe_versie)


def _from_row_total(inhoud: str) -> float:
    return float(sum(r["bedrag"] for r in json.loads(inhoud)["regels"]))


def _check_versie(conn: sqlite3.Connection, naam: str, versie: int | None) -> sqlite3.Row:
    """The stored row (inside the caller's transaction); DataFout if there is none, VersieConflict
    when ``versie`` (what the editor saw) is not the stored version."""
    row = conn.execute("SELECT inhoud, versie, door, gewijzigd FROM scenarios WHERE naam = ?", (naam,)).fetchone()
    if row is None:
        raise DataFout(f"Er is geen scenario met de naam '{naam}'.")
    if versie is not None and row["versie"] != versie:
        raise VersieConflict(f"Scenario '{naam}'", row["door"], format_tijdstip(row["gewijzigd"]), row["versie"])
    return row


def rename_scenario(conn: sqlite3.Connection, redacteur: object, oud: str, nieuw: str, *,
                    versie: int | None = None) -> str:
    """Rename a stored scenario; with ``versie`` only if nobody saved it since (else VersieConflict)."""
    editor = auth.require_editor(redacteur, "een scenario hernoemen")
    nieuw = check_naam(nieuw)
    with storage.transaction(conn):
        row = _check_versie(conn, oud, versie)
        if nieuw != oud and conn.execute("SELECT 1 FROM scenarios WHERE naam = ?", (nieuw,)).fetchone():
            raise DataFout(f"Er bestaat al een scenario met de naam '{nieuw}'. Kies een andere naam.")
        doc = json.loads(row["inhoud"])
        doc["naam"] = nieuw
        conn.execute(
            "UPDATE scenarios SET naam = ?, inhoud = ?, gewijzigd = ?, door = ?, versie = versie + 1 WHERE naam = ?",
            (nieuw, json.dumps(doc, ensure_ascii=False, indent=2), storage.now(), editor.naam, oud),
        )
        storage.audit(conn, "scenarios", nieuw, "naam", oud, nieuw, editor)
    return nieuw


def delete_scenario(conn: sqlite3.Connection, redacteur: object, naam: str, *, versie: int | None = None) -> None:
    """Delete a stored scenario; with ``versie`` only if nobody saved it since (else VersieConflict)."""
    editor = auth.require_editor(redacteur, "een scenario verwijderen")
    with storage.transaction(conn):
        row = _check_versie(conn, naam, versie)
        conn.execute("DELETE FROM scenarios WHERE naam = ?", (naam,))
        storage.audit(conn, "scenarios", naam, "verwijderd", _from_row_total(row["inhoud"]), None, editor)
