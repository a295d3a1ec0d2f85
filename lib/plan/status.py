"""The stored status per action and its audit trail.

The status of each action starts at the plan's default ("gepland") and is kept up to date by
editors in the ``actie_status`` table (``update_action``). Every changed field gets its own
``audit_log`` row in the same transaction, so nothing is overwritten without trace.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from lib.cijfers import voorbeeld as vb
from lib.kern import auth, getallen, storage
from lib.kern.errors import DataFout
from lib.kern.versies import VersieConflict
from lib.plan.lezen import default_plan
from lib.plan.model import STATUSSEN, Plan

AUDIT_TABEL = "actie_status"
# Fields an editor can change, with their Dutch label for the audit trail.
VELDEN = {
    "status": "Status",
    "eigenaar": "Eigenaar",
    "startdatum": "Startdatum",
    "einddatum": "Einddatum",
    "voortgang": "Voortgang",
}
# Labels for error messages: the editable fields plus the name typed in the form.
LABELS = {**VELDEN, "door": "Uw naam"}
LEEG = "(leeg)"  # how an empty old or new value shows in the audit trail
MAX_EIGENAAR = 120
MAX_VOORTGANG = 2000
MAX_DOOR = 80


# --- stored status per action -------------------------------------------------------------------

STATE_COLUMNS = [
    "actie_id",
    "thema",
    "thema_naam",
    "titel",
    "status",
    "eigenaar",
    "startdatum",
    "einddatum",
    "voortgang",
    "gewijzigd",
    "door",
    "bijgewerkt",
    "voorbeeld",
    "versie",
]


def action_states(conn: sqlite3.Connection, plan: Plan) -> pd.DataFrame:
    """One row per action of the plan, in plan order: the stored status merged over the defaults.

    Columns: actie_id, thema (int), thema_naam, titel, status, eigenaar, startdatum and einddatum
    (ISO text or None), voortgang, gewijzigd (ISO timestamp or None), door, bijgewerkt (True
    when an editor has stored something for this action), voorbeeld (True while the status shown is
    the plan file's example status: nothing stored yet and ``status_voorbeeld`` set; once an editor
    saves the action its status is real) and versie. Stored rows for actions no longer in the plan
    are ignored.
    """
    stored = {r["actie_id"]: dict(r) for r in conn.execute("SELECT * FROM actie_status")}
    rows = []
    for t in plan.themas:
        for a in t.acties:
            s = stored.get(a.id)
            rows.append(
                {
                    "actie_id": a.id,
                    "thema": t.nummer,
                    "thema_naam": t.naam,
                    "titel": a.titel,
                    "status": s["status"] if s else a.status,
                    "eigenaar": (s["eigenaar"] if s else "") or a.eigenaar,
                    "startdatum": s["startdatum"] if s else None,
                    "einddatum": s["einddatum"] if s else None,
                    "voortgang": s["voortgang"] if s else "",
                    "gewijzigd": s["gewijzigd"] if s else None,
                    "door": s["door"] if s else "",
                    "bijgewerkt": s is not None,
                    "voorbeeld": s is None and a.status_voorbeeld,
                    "versie": s["versie"] if s else 0,
                }
            )
    df = pd.DataFrame(rows, columns=STATE_COLUMNS)
    # Keep None (not NaN) for the optional texts: pandas 3 would infer a string dtype with NaN.
    for col in ("startdatum", "einddatum", "gewijzigd"):
        df[col] = pd.Series([r[col] for r in rows], index=df.index, dtype=object)
    return df


_UNSET = object()


def _datum(value, veld: str) -> str | None:
    """A date as stored (ISO text), from a date or ISO text; None or '' clears it."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise DataFout(f"{LABELS[veld]} is geen geldige datum: '{value}' (gebruik jjjj-mm-dd)", kolom=veld)


def _text(value, veld: str, maximum: int) -> str:
    if not isinstance(value, str):
        raise DataFout(f"{LABELS[veld]} moet tekst zijn", kolom=veld)
    value = value.strip()
    if len(value) > maximum:
        raise DataFout(f"{LABELS[veld]} is te lang: {len(value)} tekens, hooguit {maximum}", kolom=veld)
    return value


def check_status(status: object) -> str:
    """One of STATUSSEN, else DataFout (also how a restored back-up's statuses are checked)."""
    if status not in STATUSSEN:
        raise DataFout(f"Onbekende status '{str(status)[:40]}'; kies uit {', '.join(STATUSSEN)}", kolom="status")
    return status


def update_action(
    conn: sqlite3.Connection,
    redacteur,
    actie_id: str,
    *,
    status=_UNSET,
    eigenaar=_UNSET,
    startdatum=_UNSET,
    einddatum=_UNSET,
    voortgang=_UNSET,
    door: str | None = None,
    plan: Plan | None = None,
    versie: int | None = None,
) -> dict:
    """Change the stored status of one action (editors only) and audit every changed field.

    Only the fields passed are changed; passing None or "" for a date clears it. Passing the status of
    an action whose shipped status is an example stores it even when it is the same: the editor
    confirms it, and from then on it is real. ``door`` is the
    name as typed in the form, used only with the old shared password (default: the editor's login
    name); a named login is always recorded as itself. Raises GeenToegang without a
    live editor login, and DataFout (a ValueError, Dutch message) for an unknown action, unknown
    status, empty owner, bad or reversed dates or overlong text; then nothing stored changes.
    Returns the action's state after the change (one row of ``action_states`` as a dict).

    ``versie`` is the version the editor's form showed (``action_states``' column ``versie``); when
    the action was saved since, VersieConflict (a DataFout) is raised and nothing changes.
    """
    redacteur = auth.require_editor(redacteur, "het bijwerken van een actie")
    plan = plan or default_plan()
    actie = plan.actie(actie_id) if isinstance(actie_id, str) else None
    if actie is None:
        raise DataFout(f"Onbekende actie '{actie_id}'", kolom="actie_id")
    door = _text(door, "door", MAX_DOOR) if door is not None else ""
    # A named login (organisation or local account) is recorded as it was proven; a typed name only
    # counts for the old shared password, and is marked as typed in the audit trail.
    named = getattr(redacteur, "identiteit", None) is not None
    door = redacteur.naam if named else door or redacteur.naam
    wie = redacteur if named else door

    wanted: dict[str, str | None] = {}
    if status is not _UNSET:
        wanted["status"] = check_status(status)
    if eigenaar is not _UNSET:
        wanted["eigenaar"] = _text(eigenaar, "eigenaar", MAX_EIGENAAR)
        if not wanted["eigenaar"]:
            raise DataFout("Eigenaar mag niet leeg zijn", kolom="eigenaar")
    if startdatum is not _UNSET:
        wanted["startdatum"] = _datum(startdatum, "startdatum")
    if einddatum is not _UNSET:
        wanted["einddatum"] = _datum(einddatum, "einddatum")
    if voortgang is not _UNSET:
        wanted["voortgang"] = _text(voortgang, "voortgang", MAX_VOORTGANG)

    with storage.transaction(conn):
        # Read inside the write lock, so the old values in the audit trail are the real old values.
        row = conn.execute("SELECT * FROM actie_status WHERE actie_id = ?", (actie_id,)).fetchone()
        current = {
            "status": row["status"] if row else actie.status,
            "eigenaar": (row["eigenaar"] if row else "") or actie.eigenaar,
            "startdatum": row["startdatum"] if row else None,
            "einddatum": row["einddatum"] if row else None,
            "voortgang": row["voortgang"] if row else "",
        }
        huidige_versie = row["versie"] if row else 0
        if versie is not None and versie != huidige_versie:
            # no stored row (an older back-up was restored meanwhile): changed by someone, at an unknown time
            door_oud, om = (row["door"], format_tijdstip(row["gewijzigd"])) if row else (None, "")
            raise VersieConflict(f"Actie {actie_id}", door_oud, om, huidige_versie)
        new = {**current, **wanted}
        if new["startdatum"] and new["einddatum"] and new["einddatum"] < new["startdatum"]:
            raise DataFout(
                f"De einddatum ({new['einddatum']}) ligt vóór de startdatum ({new['startdatum']})", kolom="einddatum"
            )
        changed = [veld for veld in VELDEN if new[veld] != current[veld]]
        # The shipped status may be an example: saving a status, even the same one, makes it real, and
        # the audit trail says it was an example before.
        voorbeeld = row is None and actie.status_voorbeeld
        if voorbeeld and "status" in wanted and "status" not in changed:
            changed.insert(0, "status")
        if voorbeeld:
            current["status"] = vb.met_merk(current["status"], True)
        if changed:
            stamp = storage.now()
            conn.execute(
                """
                INSERT INTO actie_status
                    (actie_id, status, eigenaar, startdatum, einddatum, voortgang, gewijzigd, door, versie)
                VALUES
                    (:actie_id, :status, :eigenaar, :startdatum, :einddatum, :voortgang, :gewijzigd, :door, :versie)
                ON CONFLICT (actie_id) DO UPDATE SET
                    status = excluded.status, eigenaar = excluded.eigenaar, startdatum = excluded.startdatum,
                    einddatum = excluded.einddatum, voortgang = excluded.voortgang,
                    gewijzigd = excluded.gewijzigd, door = excluded.door, versie = excluded.versie
                """,
                {**new, "actie_id": actie_id, "gewijzigd": stamp, "door": door, "versie": huidige_versie + 1},
            )
            for veld in changed:
                storage.audit(conn, AUDIT_TABEL, actie_id, veld, current[veld], new[veld], wie)
    states = action_states(conn, plan)
    return states[states["actie_id"] == actie_id].iloc[0].to_dict()


def action_history(conn: sqlite3.Connection, actie_id: str) -> pd.DataFrame:
    """The audit trail of one action, newest first, with Dutch column names for display."""
    rows = storage.audit_trail(conn, AUDIT_TABEL, actie_id)
    df = pd.DataFrame(rows, columns=["veld", "oud", "nieuw", "tijdstip", "door", "door_bron"])
    df["veld"] = df["veld"].map(lambda v: VELDEN.get(v, v))
    for col in ("oud", "nieuw"):
        df[col] = df[col].fillna("").replace("", LEEG)
    df["tijdstip"] = df["tijdstip"].map(format_tijdstip)
    df["door_bron"] = df["door_bron"].map(lambda b: storage.DOOR_BRONNEN.get(b, b))
    return df.rename(
        columns={"veld": "Wat", "oud": "Oud", "nieuw": "Nieuw", "tijdstip": "Wanneer", "door": "Door",
                 "door_bron": "Ingelogd via"}
    )


def _given(value) -> bool:
    """True for a real value; False for None, '' and pandas' missing markers."""
    return isinstance(value, str) and value != ""


def format_datum(iso: str | None) -> str:
    """A stored date as Dutch users write it (dd-mm-jjjj); '' for none."""
    return getallen.datum_kort(dt.date.fromisoformat(iso)) if _given(iso) else ""


def format_tijdstip(iso: str | None) -> str:
    """A stored UTC timestamp in Dutch local time, 'dd-mm-jjjj uu:mm'; '' for none."""
    if not _given(iso):
        return ""
    moment = dt.datetime.fromisoformat(iso)
    try:
        moment = moment.astimezone(ZoneInfo("Europe/Amsterdam"))
    except ZoneInfoNotFoundError:  # no time zone database: show UTC and say so
        return moment.strftime("%d-%m-%Y %H:%M UTC")
    return moment.strftime("%d-%m-%Y %H:%M")
