"""Measurable indicators per result of the plan: a target, and measured values per year.

The plan (2019) names results but no numbers. data/plan_indicatoren.yaml proposes one or more
indicators per result with an EXAMPLE target (``voorbeeld: true``), labelled wherever it shows.
Editors store a real target (``set_target``, with where it was agreed) and measured values per
year (``record_value``, with source and date). Nothing measured is shipped. Every write is audited.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.kern import auth, getallen, storage
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout
from lib.kern.yamlcheck import Fields, read_yaml
from lib.plan.model import Plan

BESTAND = DATA_DIR / "plan_indicatoren.yaml"
TABEL_METING = "indicator_metingen"
TABEL_STREEF = "indicator_streef"
EERSTE_JAAR = 2019  # the plan's year; nothing can have been measured for it before
MAX_BRON = 200
MAX_WAARDE = 10_000_000
FIELDS = ("id", "resultaat", "naam", "eenheid", "streefwaarde", "voorbeeld")


@dataclass(frozen=True)
class Indicator:
    id: str
    resultaat: str  # id of the plan's result, e.g. "3.d"
    naam: str
    eenheid: str
    streefwaarde: float | None  # shipped target; an example when ``voorbeeld``
    voorbeeld: bool

    @property
    def thema(self) -> int:
        return int(self.resultaat.split(".")[0])


def load_indicatoren(path: Path = BESTAND, plan: Plan | None = None) -> tuple[Indicator, ...]:
    """The indicators, validated; with a plan, every result id must exist and every result needs one."""
    raw = read_yaml(path)
    naam = Path(path).name
    if not isinstance(raw, dict) or not isinstance(raw.get("indicatoren"), list):
        raise DataFout("Verwacht een lijst 'indicatoren'", bestand=naam)
    out: list[Indicator] = []
    for i, item in enumerate(raw["indicatoren"], start=1):
        label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"indicator {i}"
        f = Fields(item, naam, label, FIELDS)
        resultaat = f.text("resultaat", max_len=10)
        if plan is not None and resultaat not in {r.id for r in plan.resultaten}:
            f.fail(f"Onbekend resultaat '{resultaat}' (zie data/plan.yaml)", "resultaat")
        voorbeeld = item.get("voorbeeld", False)
        if not isinstance(voorbeeld, bool):
            f.fail("Verwacht true of false", "voorbeeld")
        out.append(
            Indicator(
                id=f.slug("id"),
                resultaat=resultaat,
                naam=f.text("naam", max_len=200),
                eenheid=f.text("eenheid", max_len=40),
                streefwaarde=f.number("streefwaarde", required=False, low=0, high=MAX_WAARDE),
                voorbeeld=voorbeeld,
            )
        )
    ids = [i.id for i in out]
    dubbel = sorted({i for i in ids if ids.count(i) > 1})
    if dubbel:
        raise DataFout(f"Indicator '{dubbel[0]}' staat er twee keer in", bestand=naam, kolom="id")
    if plan is not None:
        zonder = [r.id for r in plan.resultaten if r.id not in {i.resultaat for i in out}]
        if zonder:
            raise DataFout(f"Resultaat {zonder[0]} heeft geen indicator", bestand=naam, kolom="resultaat")
    return tuple(out)


def _indicator(indicatoren, indicator_id) -> Indicator:
    by_id = {i.id: i for i in indicatoren}
    if indicator_id not in by_id:
        raise DataFout(f"Onbekende indicator '{indicator_id}'", kolom="indicator")
    return by_id[indicator_id]


def _bron(bron, veld: str = "bron") -> str:
    if not isinstance(bron, str) or not bron.strip():
        raise DataFout("Vul de bron in: waar komt het getal vandaan?", kolom=veld)
    if len(bron.strip()) > MAX_BRON:
        raise DataFout(f"De bron is te lang: hooguit {MAX_BRON} tekens", kolom=veld)
    return bron.strip()


def _waarde(waarde, veld: str) -> float:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float) or math.isnan(waarde):
        raise DataFout(f"De {veld} moet een getal zijn, niet '{waarde}'", kolom=veld)
    if not 0 <= waarde <= MAX_WAARDE:
        raise DataFout(f"De {veld} moet tussen 0 en {getallen.getal(MAX_WAARDE)} liggen", kolom=veld)
    return float(waarde)


def _peildatum(value) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError as err:
        raise DataFout(
            f"De peildatum is geen geldige datum: '{value}' (gebruik jjjj-mm-dd)", kolom="peildatum"
        ) from err


def nl_datum(iso: str) -> str:
    """An ISO date as dd-mm-jjjj."""
    return getallen.datum_kort(dt.date.fromisoformat(iso))


def format_getal(waarde: float | None) -> str:
    """Dutch number format: 1.234 or 12,5; '' for none."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return ""
    return getallen.kort(waarde, 1)


def record_value(
    conn: sqlite3.Connection,
    redacteur,
    indicatoren: tuple[Indicator, ...],
    indicator_id: str,
    jaar: int,
    waarde: float,
    bron: str,
    peildatum,
    vandaag: dt.date | None = None,
) -> None:
    """Store the measured value of one indicator for one year (editors only); replaces that year's value.

    Raises GeenToegang without an editor login and DataFout for an unknown indicator, a year outside
    2019..this year, a negative or non-numeric value, a missing source or a bad date; then nothing changes.
    Recorded on the name of whoever logged in (the token's identity), never a typed name.
    """
    redacteur = auth.require_editor(redacteur, "het vastleggen van een meting")
    indicator = _indicator(indicatoren, indicator_id)
    vandaag = vandaag or dt.date.today()
    if isinstance(jaar, bool) or not isinstance(jaar, int) or not EERSTE_JAAR <= jaar <= vandaag.year:
        raise DataFout(f"Het jaar moet tussen {EERSTE_JAAR} en {vandaag.year} liggen, niet '{jaar}'", kolom="jaar")
    waarde = _waarde(waarde, "waarde")
    bron = _bron(bron)
    peildatum = _peildatum(peildatum)
    with storage.transaction(conn):
        oud = conn.execute(
            f"SELECT waarde, bron, peildatum FROM {TABEL_METING} WHERE indicator_id = ? AND jaar = ?",
            (indicator.id, jaar),
        ).fetchone()
        conn.execute(
            f"""
            INSERT INTO {TABEL_METING} (indicator_id, jaar, waarde, bron, peildatum, gewijzigd, door)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (indicator_id, jaar) DO UPDATE SET
                waarde = excluded.waarde, bron = excluded.bron, peildatum = excluded.peildatum,
                gewijzigd = excluded.gewijzigd, door = excluded.door
            """,
            (indicator.id, jaar, waarde, bron, peildatum, storage.now(), redacteur.naam),
        )
        tekst = lambda w, b, d: f"{format_getal(w)} (bron: {b}; peildatum {nl_datum(d)})"  # noqa: E731
        storage.audit(
            conn,
            TABEL_METING,
            f"{indicator.id}/{jaar}",
            "waarde",
            tekst(oud["waarde"], oud["bron"], oud["peildatum"]) if oud else None,
            tekst(waarde, bron, peildatum),
            redacteur,
        )


def set_target(
    conn: sqlite3.Connection,
    redacteur,
    indicatoren: tuple[Indicator, ...],
    indicator_id: str,
    streefwaarde: float,
    bron: str,
) -> None:
    """Store the agreed target of one indicator (editors only), replacing the example; audited."""
    redacteur = auth.require_editor(redacteur, "het vastleggen van een streefwaarde")
    indicator = _indicator(indicatoren, indicator_id)
    streefwaarde = _waarde(streefwaarde, "streefwaarde")
    if streefwaarde == 0:
        raise DataFout("De streefwaarde moet groter dan 0 zijn", kolom="streefwaarde")
    bron = _bron(bron)
    with storage.transaction(conn):
        oud = conn.execute(
            f"SELECT streefwaarde FROM {TABEL_STREEF} WHERE indicator_id = ?", (indicator.id,)
        ).fetchone()
        conn.execute(
            f"""
            INSERT INTO {TABEL_STREEF} (indicator_id, streefwaarde, bron, gewijzigd, door) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (indicator_id) DO UPDATE SET
                streefwaarde = excluded.streefwaarde, bron = excluded.bron, gewijzigd = excluded.gewijzigd,
                door = excluded.door
            """,
            (indicator.id, streefwaarde, bron, storage.now(), redacteur.naam),
        )
        oud_tekst = format_getal(oud["streefwaarde"]) if oud else f"{format_getal(indicator.streefwaarde)} (voorbeeld)"
        storage.audit(
            conn, TABEL_STREEF, indicator.id, "streefwaarde", oud_tekst, f"{format_getal(streefwaarde)} ({bron})",
            redacteur,
        )


METING_COLUMNS = ["indicator_id", "jaar", "waarde", "bron", "peildatum", "gewijzigd", "door"]


def measurements(conn: sqlite3.Connection) -> pd.DataFrame:
    """Every stored value, long format (one row per indicator and year)."""
    rows = [dict(r) for r in conn.execute(f"SELECT {', '.join(METING_COLUMNS)} FROM {TABEL_METING} ORDER BY jaar")]
    return pd.DataFrame(rows, columns=METING_COLUMNS)


PROGRESS_COLUMNS = [
    "thema",
    "resultaat",
    "indicator_id",
    "indicator",
    "eenheid",
    "streefwaarde",
    "streef_voorbeeld",
    "streef_bron",
    "jaar",
    "waarde",
    "bron",
    "peildatum",
    "door",
    "aandeel",
]


def progress(conn: sqlite3.Connection, indicatoren: tuple[Indicator, ...], jaar: int | None = None) -> pd.DataFrame:
    """One row per indicator: its target (stored, else the example) and the value measured in ``jaar``
    (None: the latest year measured), with ``aandeel`` = value / target (NaN without a value).

    ``streef_voorbeeld`` is True while the target is still the shipped example.
    """
    streef = {r["indicator_id"]: dict(r) for r in conn.execute(f"SELECT * FROM {TABEL_STREEF}")}
    metingen = measurements(conn)
    rows = []
    for ind in indicatoren:
        eigen = metingen[metingen["indicator_id"] == ind.id]
        if jaar is not None:
            eigen = eigen[eigen["jaar"] == jaar]
        meting = eigen.iloc[-1].to_dict() if len(eigen) else None
        s = streef.get(ind.id)
        target = s["streefwaarde"] if s else ind.streefwaarde
        waarde = meting["waarde"] if meting else float("nan")
        rows.append(
            {
                "thema": ind.thema,
                "resultaat": ind.resultaat,
                "indicator_id": ind.id,
                "indicator": ind.naam,
                "eenheid": ind.eenheid,
                "streefwaarde": target,
                "streef_voorbeeld": s is None and ind.voorbeeld,
                "streef_bron": s["bron"] if s else ("voorbeeld, niet uit het plan" if ind.voorbeeld else "plan"),
                "jaar": int(meting["jaar"]) if meting else None,
                "waarde": waarde,
                "bron": meting["bron"] if meting else "",
                "peildatum": meting["peildatum"] if meting else "",
                "door": meting["door"] if meting else "",
                "aandeel": waarde / target if meting and target else float("nan"),
            }
        )
    df = pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
    df["jaar"] = pd.Series([r["jaar"] for r in rows], index=df.index, dtype=object)
    return df


def summary(df: pd.DataFrame) -> str:
    """One Dutch sentence on how many indicators have a measurement and how many reached their target."""
    gemeten = df["waarde"].notna().sum()
    if not gemeten:
        return (
            f"Voor geen van de {len(df)} indicatoren is al een meting vastgelegd. Redacteuren leggen metingen vast "
            "met bron en peildatum."
        )
    gehaald = int((df["aandeel"] >= 1).sum())
    return f"Voor {gemeten} van de {len(df)} indicatoren is een meting vastgelegd; {gehaald} daarvan halen hun streefwaarde."
