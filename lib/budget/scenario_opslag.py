"""Stored scenarios: list, load, save, rename and delete in SQLite; every write checks the editor."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd

from lib.budget.scenarios import SCENARIO_COLUMNS, Scenario, check_naam, make_scenario, to_json
from lib.kern import auth, storage
from lib.kern.errors import DataFout

# --- storage ------------------------------------------------------------------------------------


def _from_row(row: sqlite3.Row) -> Scenario:
    doc = json.loads(row["inhoud"])
    regels = pd.DataFrame(doc["regels"], columns=SCENARIO_COLUMNS)
    regels["thema"] = regels["thema"].astype(int)
    regels["bedrag"] = regels["bedrag"].astype(float)
    return Scenario(row["naam"], int(doc["jaar"]), regels, row["gewijzigd"], row["door"])


def list_scenarios(conn: sqlite3.Connection) -> pd.DataFrame:
    """Stored scenarios, newest change first: naam, jaar, totaal, gewijzigd, door."""
    rows = [_from_row(r) for r in conn.execute("SELECT * FROM scenarios ORDER BY gewijzigd DESC, id DESC")]
    return pd.DataFrame(
        [{"naam": s.naam, "jaar": s.jaar, "totaal": s.totaal, "gewijzigd": s.gewijzigd, "door": s.door} for s in rows],
        columns=["naam", "jaar", "totaal", "gewijzigd", "door"],
    )


def load_scenario(conn: sqlite3.Connection, naam: str) -> Scenario:
    row = conn.execute("SELECT * FROM scenarios WHERE naam = ?", (naam,)).fetchone()
    if row is None:
        raise DataFout(f"Er is geen scenario met de naam '{naam}'.")
    return _from_row(row)


def save_scenario(
    conn: sqlite3.Connection, redacteur: object, scenario: Scenario, *, overschrijven: bool = False
) -> Scenario:
    """Store a scenario in one transaction. An existing name is only replaced with ``overschrijven``.

    Checks again here (not only in the page), so nothing invalid is ever stored.
    """
    editor = auth.require_editor(redacteur, "een scenario opslaan")
    checked = make_scenario(scenario.naam, scenario.jaar, scenario.regels)
    inhoud = to_json(checked).decode("utf-8")
    stamp = storage.now()
    with storage.transaction(conn):
        old = conn.execute("SELECT inhoud FROM scenarios WHERE naam = ?", (checked.naam,)).fetchone()
        if old is not None and not overschrijven:
            raise DataFout(f"Er bestaat al een scenario met de naam '{checked.naam}'. Kies een andere naam.")
        if old is None:
            conn.execute(
                "INSERT INTO scenarios (naam, inhoud, aangemaakt, gewijzigd, door) VALUES (?, ?, ?, ?, ?)",
                (checked.naam, inhoud, stamp, stamp, editor.naam),
            )
        else:
            conn.execute(
                "UPDATE scenarios SET inhoud = ?, gewijzigd = ?, door = ? WHERE naam = ?",
                (inhoud, stamp, editor.naam, checked.naam),
            )
        storage.audit(
            conn,
            "scenarios",
            checked.naam,
            "totaal",
            None if old is None else _from_row_total(old["inhoud"]),
            checked.totaal,
            editor.naam,
        )
    return Scenario(checked.naam, checked.jaar, checked.regels, stamp, editor.naam)


def _from_row_total(inhoud: str) -> float:
    return float(sum(r["bedrag"] for r in json.loads(inhoud)["regels"]))


def rename_scenario(conn: sqlite3.Connection, redacteur: object, oud: str, nieuw: str) -> str:
    editor = auth.require_editor(redacteur, "een scenario hernoemen")
    nieuw = check_naam(nieuw)
    with storage.transaction(conn):
        if conn.execute("SELECT 1 FROM scenarios WHERE naam = ?", (oud,)).fetchone() is None:
            raise DataFout(f"Er is geen scenario met de naam '{oud}'.")
        if nieuw != oud and conn.execute("SELECT 1 FROM scenarios WHERE naam = ?", (nieuw,)).fetchone():
            raise DataFout(f"Er bestaat al een scenario met de naam '{nieuw}'. Kies een andere naam.")
        doc = json.loads(conn.execute("SELECT inhoud FROM scenarios WHERE naam = ?", (oud,)).fetchone()[0])
        doc["naam"] = nieuw
        conn.execute(
            "UPDATE scenarios SET naam = ?, inhoud = ?, gewijzigd = ?, door = ? WHERE naam = ?",
            (nieuw, json.dumps(doc, ensure_ascii=False, indent=2), storage.now(), editor.naam, oud),
        )
        storage.audit(conn, "scenarios", nieuw, "naam", oud, nieuw, editor.naam)
    return nieuw


def delete_scenario(conn: sqlite3.Connection, redacteur: object, naam: str) -> None:
    editor = auth.require_editor(redacteur, "een scenario verwijderen")
    with storage.transaction(conn):
        row = conn.execute("SELECT inhoud FROM scenarios WHERE naam = ?", (naam,)).fetchone()
        if row is None:
            raise DataFout(f"Er is geen scenario met de naam '{naam}'.")
        conn.execute("DELETE FROM scenarios WHERE naam = ?", (naam,))
        storage.audit(conn, "scenarios", naam, "verwijderd", _from_row_total(row["inhoud"]), None, editor.naam)
