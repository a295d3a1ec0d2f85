"""The plan over time: fixed milestones from the plan, action dates, and events editors record.

Fixed: the alliance's start (17 September 2018), the plan (2019) and the Wmo budget years 2020-2022
(EUR 514,000 a year). Editors record events (an action started, finished or stopped; an evaluation)
in ``plan_gebeurtenissen`` (migration 0017b_plan_tijdlijn); each is audited. The start and end dates
editors keep per action (lib.plan.status) show on the timeline too.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd

from lib.kern import auth, getallen, storage
from lib.kern.errors import DataFout
from lib.plan.model import Plan

TABEL = "plan_gebeurtenissen"
SOORTEN: dict[str, str] = {
    "actie_gestart": "Actie gestart",
    "actie_afgerond": "Actie afgerond",
    "actie_gestopt": "Actie gestopt",
    "evaluatie": "Evaluatie",
    "overig": "Anders",
}
ACTIE_SOORTEN = ("actie_gestart", "actie_afgerond", "actie_gestopt")
MAX_OMSCHRIJVING = 500
EERSTE_DATUM = dt.date(2018, 1, 1)
BUDGET_PER_JAAR = "€ 514.000"

# (date or None, year, kind, title): from the plan itself, so the same for every installation.
VASTE_MOMENTEN: tuple[tuple[dt.date | None, int, str, str], ...] = (
    (dt.date(2018, 9, 17), 2018, "plan", "Start van de Alliantie Capelle Samen tegen Eenzaamheid"),
    (None, 2019, "plan", "Plan van aanpak 'Meer samen, minder eenzaam' en uitvoeringsplan"),
    *(
        (None, jaar, "budget", f"Begrotingsjaar {jaar}: Wmo-budget {BUDGET_PER_JAAR} voor ontmoeting en eenzaamheid")
        for jaar in (2020, 2021, 2022)
    ),
)
SOORT_LABELS = {"plan": "Plan", "budget": "Budget", **SOORTEN}


def _datum(value, vandaag: dt.date) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError as err:
            raise DataFout(f"De datum is ongeldig: '{value}' (gebruik jjjj-mm-dd)", kolom="datum") from err
    if not EERSTE_DATUM <= value <= vandaag:
        raise DataFout(
            f"De datum moet tussen {EERSTE_DATUM.year} en vandaag liggen, niet {getallen.datum_kort(value)}",
            kolom="datum",
        )
    return value.isoformat()


def record_event(
    conn: sqlite3.Connection,
    redacteur,
    plan: Plan,
    datum,
    soort: str,
    omschrijving: str,
    actie_id: str | None = None,
    vandaag: dt.date | None = None,
) -> int:
    """Record one event on the timeline (editors only); returns its id. Audited.

    An action event (started, finished, stopped) must name an action of the plan. Raises
    GeenToegang without an editor login, DataFout for a bad date, kind, action or text. The event is
    recorded on the name of whoever logged in (the token's identity), never a typed name.
    """
    redacteur = auth.require_editor(redacteur, "het vastleggen van een gebeurtenis")
    datum = _datum(datum, vandaag or dt.date.today())
    if soort not in SOORTEN:
        raise DataFout(f"Onbekende soort '{soort}'; kies uit {', '.join(SOORTEN.values())}", kolom="soort")
    actie_id = actie_id or None
    if actie_id is not None and plan.actie(actie_id) is None:
        raise DataFout(f"Onbekende actie '{actie_id}'", kolom="actie_id")
    if soort in ACTIE_SOORTEN and actie_id is None:
        raise DataFout(f"Kies bij '{SOORTEN[soort]}' om welke actie het gaat", kolom="actie_id")
    if not isinstance(omschrijving, str) or not omschrijving.strip():
        raise DataFout("Beschrijf kort wat er gebeurde", kolom="omschrijving")
    omschrijving = omschrijving.strip()
    if len(omschrijving) > MAX_OMSCHRIJVING:
        raise DataFout(f"De omschrijving is te lang: hooguit {MAX_OMSCHRIJVING} tekens", kolom="omschrijving")
    with storage.transaction(conn):
        cur = conn.execute(
            f"INSERT INTO {TABEL} (datum, soort, actie_id, omschrijving, gewijzigd, door) VALUES (?, ?, ?, ?, ?, ?)",
            (datum, soort, actie_id, omschrijving, storage.now(), redacteur.naam),
        )
        wat = f"{SOORTEN[soort]}{f' (actie {actie_id})' if actie_id else ''} op {datum}: {omschrijving}"
        storage.audit(conn, TABEL, str(cur.lastrowid), "gebeurtenis", None, wat, redacteur)
    return cur.lastrowid


TIJDLIJN_COLUMNS = ["jaar", "datum", "soort", "soort_label", "actie_id", "titel", "bron", "vast"]


def timeline(conn: sqlite3.Connection, plan: Plan, states: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every moment in time order: the fixed ones, action start/end dates from ``states``
    (lib.plan.status.action_states) and the recorded events. ``datum`` is ISO text or None (year only)."""
    rows = [
        {
            "jaar": jaar,
            "datum": d.isoformat() if d else None,
            "soort": soort,
            "actie_id": None,
            "titel": titel,
            "bron": f"plan ({plan.jaar})",
            "vast": True,
        }
        for d, jaar, soort, titel in VASTE_MOMENTEN
    ]
    if states is not None:
        for s in states.itertuples():
            for veld, soort, werkwoord in (
                ("startdatum", "actie_gestart", "gestart"),
                ("einddatum", "actie_afgerond", "beëindigd"),
            ):
                datum = getattr(s, veld)
                if isinstance(datum, str) and datum:
                    rows.append(
                        {
                            "jaar": int(datum[:4]),
                            "datum": datum,
                            "soort": soort,
                            "actie_id": s.actie_id,
                            "titel": f"Actie {s.actie_id} {werkwoord}: {s.titel}",
                            "bron": f"{veld} van de actie, bijgehouden door {s.door or 'een redacteur'}",
                            "vast": False,
                        }
                    )
    for r in conn.execute(f"SELECT * FROM {TABEL}"):
        actie = plan.actie(r["actie_id"]) if r["actie_id"] else None
        titel = f"{SOORTEN.get(r['soort'], r['soort'])}: {r['omschrijving']}"
        if actie is not None:
            titel = f"{SOORTEN.get(r['soort'], r['soort'])} (actie {actie.id}, {actie.titel}): {r['omschrijving']}"
        rows.append(
            {
                "jaar": int(r["datum"][:4]),
                "datum": r["datum"],
                "soort": r["soort"],
                "actie_id": r["actie_id"],
                "titel": titel,
                "bron": f"vastgelegd door {r['door']}",
                "vast": False,
            }
        )
    df = pd.DataFrame(rows, columns=[c for c in TIJDLIJN_COLUMNS if c != "soort_label"])
    df["soort_label"] = df["soort"].map(lambda s: SOORT_LABELS.get(s, s))
    # Year-only moments sort at the start of their year.
    df["_sort"] = df["datum"].fillna(df["jaar"].astype(str) + "-00-00")
    df = df.sort_values(["_sort"], kind="stable").drop(columns="_sort").reset_index(drop=True)
    df["datum"] = df["datum"].astype(object).where(df["datum"].notna(), None)
    return df[TIJDLIJN_COLUMNS]


def format_moment(datum: str | None, jaar: int) -> str:
    """'17-09-2018' for a date, '2019' for a year-only moment."""
    return getallen.datum_kort(dt.date.fromisoformat(datum)) if isinstance(datum, str) and datum else str(jaar)
