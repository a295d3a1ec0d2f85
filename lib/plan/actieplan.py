"""The uitvoeringsplan: themes, results, actions, the alliance and Movisie's 'what works'.

The plan text lives in ``data/plan.yaml`` and is validated on load (``load_plan``); every problem
becomes a Dutch ``DataFout`` naming the place in the file. Theme names come from ``lib.plan.themas``.

The status of each action starts at the plan's default ("gepland") and is kept up to date by
editors in the ``actie_status`` table (``update_action``). Every changed field gets its own
``audit_log`` row in the same transaction, so nothing is overwritten without trace.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from lib.kern import auth, storage
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout
from lib.kern.yamlcheck import read_yaml
from lib.plan.themas import THEMAS

PLAN_PATH = DATA_DIR / "plan.yaml"

STATUSSEN: tuple[str, ...] = ("gepland", "lopend", "afgerond", "gestopt")
STATUS_LABELS = {"gepland": "Gepland", "lopend": "Lopend", "afgerond": "Afgerond", "gestopt": "Gestopt"}
AUDIT_TABEL = "actie_status"
# Fields an editor can change, with their Dutch label for the audit trail.
VELDEN = {
    "status": "Status",
    "eigenaar": "Eigenaar",
    "startdatum": "Startdatum",
    "einddatum": "Einddatum",
    "voortgang": "Voortgang",
}
LEEG = "(leeg)"  # how an empty old or new value shows in the audit trail
MAX_EIGENAAR = 120
MAX_VOORTGANG = 2000
MAX_DOOR = 80


# --- the plan as typed records ------------------------------------------------------------------


@dataclass(frozen=True)
class Resultaat:
    id: str  # "2.c"
    thema: int
    tekst: str


@dataclass(frozen=True)
class Actie:
    id: str  # "2.3"
    thema: int
    titel: str
    omschrijving: str
    eigenaar: str  # default owner from the plan
    status: str  # default status
    resultaten: tuple[str, ...]  # ids of the results this action works towards
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanThema:
    nummer: int
    naam: str  # from lib.plan.themas
    kort: str  # from lib.plan.themas
    themagroep: str
    aanleiding: str
    inhoud: str
    resultaten: tuple[Resultaat, ...]
    acties: tuple[Actie, ...]


@dataclass(frozen=True)
class UrenPost:
    onderdeel: str
    uren: int


@dataclass(frozen=True)
class Rol:
    id: str
    naam: str
    taak: str
    uren_min: int
    uren_max: int
    opbouw: tuple[UrenPost, ...]

    @property
    def uren_label(self) -> str:
        return f"{self.uren_min} uur" if self.uren_min == self.uren_max else f"{self.uren_min}-{self.uren_max} uur"


@dataclass(frozen=True)
class Lid:
    naam: str
    soort: str
    oprichter: bool = False


@dataclass(frozen=True)
class Alliantie:
    naam: str
    gestart: dt.date
    aantal_leden: str
    werkwijze: str
    opgaveteams: str
    rollen: tuple[Rol, ...]
    leden: tuple[Lid, ...]

    def rol(self, rol_id: str) -> Rol:
        return next(r for r in self.rollen if r.id == rol_id)


@dataclass(frozen=True)
class Factor:
    titel: str
    uitleg: str


@dataclass(frozen=True)
class Movisie:
    bron: str
    url: str
    werkzame_factoren: tuple[Factor, ...]
    aandachtspunten: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    titel: str
    jaar: int
    hoofdresultaat: str
    monitoring: str
    themas: tuple[PlanThema, ...]
    alliantie: Alliantie
    movisie: Movisie

    @property
    def acties(self) -> tuple[Actie, ...]:
        return tuple(a for t in self.themas for a in t.acties)

    @property
    def resultaten(self) -> tuple[Resultaat, ...]:
        return tuple(r for t in self.themas for r in t.resultaten)

    def actie(self, actie_id: str) -> Actie | None:
        return next((a for a in self.acties if a.id == actie_id), None)

    def thema(self, nummer: int) -> PlanThema:
        return next(t for t in self.themas if t.nummer == nummer)


# --- validation ---------------------------------------------------------------------------------


class _Reader:
    """Reads one mapping of the YAML file; every error names the file and the place in it."""

    def __init__(self, raw, waar: str, bestand: str):
        self.waar, self.bestand = waar, bestand
        if not isinstance(raw, dict):
            self.fout("Verwacht een lijst met velden (naam: waarde)")
        self.raw = raw

    def fout(self, melding: str, veld: str | None = None):
        plek = f"{self.waar}, veld '{veld}'" if veld else self.waar
        raise DataFout(f"{melding} in {plek}", bestand=self.bestand, kolom=veld)

    def tekst(self, veld: str, *, verplicht: bool = True) -> str:
        value = self.raw.get(veld)
        if value is None:
            if verplicht:
                self.fout("Veld ontbreekt", veld)
            return ""
        if not isinstance(value, str):
            hint = " (zet het tussen aanhalingstekens)" if isinstance(value, int | float) else ""
            self.fout(f"Verwacht tekst, niet '{value}'{hint}", veld)
        value = " ".join(value.split())
        if verplicht and not value:
            self.fout("Veld is leeg", veld)
        return value

    def geheel(self, veld: str, minimum: int = 0) -> int:
        value = self.raw.get(veld)
        if value is None:
            self.fout("Veld ontbreekt", veld)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fout(f"Verwacht een geheel getal, niet '{value}'", veld)
        if value < minimum:
            self.fout(f"Getal mag niet kleiner zijn dan {minimum}: {value}", veld)
        return value

    def lijst(self, veld: str, *, verplicht: bool = True) -> list:
        value = self.raw.get(veld)
        if value is None and not verplicht:
            return []
        if not isinstance(value, list) or (verplicht and not value):
            self.fout("Verwacht een niet-lege lijst", veld)
        return value

    def teksten(self, veld: str, *, verplicht: bool = True) -> tuple[str, ...]:
        items = self.lijst(veld, verplicht=verplicht)
        out = []
        for item in items:
            if not isinstance(item, str) or not item.strip():
                self.fout(f"Verwacht tekst in de lijst, niet '{item}'", veld)
            out.append(" ".join(item.split()))
        return tuple(out)

    def sub(self, veld: str) -> _Reader:
        return _Reader(self.raw.get(veld), f"{self.waar} > {veld}" if self.waar else veld, self.bestand)


def _thema(raw, index: int, bestand: str) -> PlanThema:
    r = _Reader(raw, f"thema {index + 1}", bestand)
    nummer = r.geheel("nummer", 1)
    if nummer not in THEMAS:
        r.fout(f"Onbekend themanummer {nummer}; bekend zijn {', '.join(map(str, THEMAS))}", "nummer")
    r.waar = f"thema {nummer}"
    resultaten, acties = [], []
    for i, raw_res in enumerate(r.lijst("resultaten")):
        rr = _Reader(raw_res, f"thema {nummer} > resultaat {i + 1}", bestand)
        rid = rr.tekst("id")
        if not rid.startswith(f"{nummer}."):
            rr.fout(f"Resultaat-id '{rid}' hoort met '{nummer}.' te beginnen", "id")
        resultaten.append(Resultaat(rid, nummer, rr.tekst("tekst")))
    result_ids = [res.id for res in resultaten]
    for i, raw_act in enumerate(r.lijst("acties")):
        ra = _Reader(raw_act, f"thema {nummer} > actie {i + 1}", bestand)
        aid = ra.tekst("id")
        ra.waar = f"thema {nummer} > actie {aid}"
        if not aid.startswith(f"{nummer}."):
            ra.fout(f"Actie-id '{aid}' hoort met '{nummer}.' te beginnen", "id")
        status = ra.tekst("status", verplicht=False) or "gepland"
        if status not in STATUSSEN:
            ra.fout(f"Onbekende status '{status}'; kies uit {', '.join(STATUSSEN)}", "status")
        linked = ra.teksten("resultaten")
        for res in linked:
            if res not in result_ids:
                ra.fout(f"Onbekend resultaat '{res}'; dit thema heeft {', '.join(result_ids)}", "resultaten")
        acties.append(
            Actie(
                id=aid,
                thema=nummer,
                titel=ra.tekst("titel"),
                omschrijving=ra.tekst("omschrijving"),
                eigenaar=ra.tekst("eigenaar"),
                status=status,
                resultaten=linked,
                partners=ra.teksten("partners", verplicht=False),
            )
        )
    t = THEMAS[nummer]
    return PlanThema(
        nummer=nummer,
        naam=t.naam,
        kort=t.kort,
        themagroep=r.tekst("themagroep"),
        aanleiding=r.tekst("aanleiding"),
        inhoud=r.tekst("inhoud"),
        resultaten=tuple(resultaten),
        acties=tuple(acties),
    )


def _alliantie(r: _Reader) -> Alliantie:
    gestart = r.raw.get("gestart")
    if not isinstance(gestart, dt.date):
        r.fout(f"Verwacht een datum als 2018-09-17, niet '{gestart}'", "gestart")
    rollen = []
    for i, raw in enumerate(r.lijst("rollen")):
        rr = _Reader(raw, f"alliantie > rol {i + 1}", r.bestand)
        rol_id = rr.tekst("id")
        rr.waar = f"alliantie > rol {rol_id}"
        lo, hi = rr.geheel("uren_min", 0), rr.geheel("uren_max", 0)
        if hi < lo:
            rr.fout(f"uren_max ({hi}) is kleiner dan uren_min ({lo})", "uren_max")
        opbouw = []
        for j, post in enumerate(rr.lijst("opbouw")):
            rp = _Reader(post, f"alliantie > rol {rol_id} > opbouw {j + 1}", r.bestand)
            opbouw.append(UrenPost(rp.tekst("onderdeel"), rp.geheel("uren", 0)))
        if sum(p.uren for p in opbouw) > hi:
            rr.fout(f"De opbouw telt op tot meer dan uren_max ({hi})", "opbouw")
        rollen.append(Rol(rol_id, rr.tekst("naam"), rr.tekst("taak"), lo, hi, tuple(opbouw)))
    ids = [rol.id for rol in rollen]
    for needed in ("kerngroep", "themagroep", "klankbordgroep", "aanjager"):
        if needed not in ids:
            r.fout(f"Rol '{needed}' ontbreekt", "rollen")
    if len(set(ids)) != len(ids):
        r.fout("Een rol-id komt dubbel voor", "rollen")
    leden = []
    for i, raw in enumerate(r.lijst("leden")):
        rl = _Reader(raw, f"alliantie > lid {i + 1}", r.bestand)
        oprichter = rl.raw.get("oprichter", False)
        if not isinstance(oprichter, bool):
            rl.fout("Verwacht true of false", "oprichter")
        leden.append(Lid(rl.tekst("naam"), rl.tekst("soort"), oprichter))
    return Alliantie(
        naam=r.tekst("naam"),
        gestart=gestart,
        aantal_leden=r.tekst("aantal_leden"),
        werkwijze=r.tekst("werkwijze"),
        opgaveteams=r.tekst("opgaveteams"),
        rollen=tuple(rollen),
        leden=tuple(leden),
    )


def _movisie(r: _Reader) -> Movisie:
    factoren = []
    for i, raw in enumerate(r.lijst("werkzame_factoren")):
        rf = _Reader(raw, f"movisie > werkzame factor {i + 1}", r.bestand)
        factoren.append(Factor(rf.tekst("titel"), rf.tekst("uitleg")))
    return Movisie(r.tekst("bron"), r.tekst("url"), tuple(factoren), r.teksten("aandachtspunten"))


def parse_plan(raw, bestand: str = "plan.yaml") -> Plan:
    """Validate the parsed YAML of a plan file and return it as typed records."""
    r = _Reader(raw, "", bestand)
    r.waar = "het bestand"
    themas = tuple(_thema(t, i, bestand) for i, t in enumerate(r.lijst("themas")))
    nummers = [t.nummer for t in themas]
    if sorted(nummers) != sorted(THEMAS):
        ontbreekt = sorted(set(THEMAS) - set(nummers))
        dubbel = sorted({n for n in nummers if nummers.count(n) > 1})
        r.fout(
            f"Het plan hoort elk thema precies één keer te hebben (ontbreekt: {ontbreekt}, dubbel: {dubbel})", "themas"
        )
    for kind, ids in (
        ("Actie", [a.id for t in themas for a in t.acties]),
        ("Resultaat", [x.id for t in themas for x in t.resultaten]),
    ):
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        if dubbel:
            r.fout(f"{kind}-id komt dubbel voor: {', '.join(dubbel)}", "themas")
    return Plan(
        titel=r.tekst("titel"),
        jaar=r.geheel("jaar", 1900),
        hoofdresultaat=r.tekst("hoofdresultaat"),
        monitoring=r.tekst("monitoring"),
        themas=tuple(sorted(themas, key=lambda t: t.nummer)),
        alliantie=_alliantie(r.sub("alliantie")),
        movisie=_movisie(r.sub("movisie")),
    )


def load_plan(path: Path | str = PLAN_PATH) -> Plan:
    """Read and validate the plan file; a DataFout (Dutch, naming the place) when it is not right."""
    path = Path(path)
    return parse_plan(read_yaml(path), path.name)


@cache
def default_plan() -> Plan:
    """The shipped plan, read once per process."""
    return load_plan()


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
]


def action_states(conn: sqlite3.Connection, plan: Plan) -> pd.DataFrame:
    """One row per action of the plan, in plan order: the stored status merged over the defaults.

    Columns: actie_id, thema (int), thema_naam, titel, status, eigenaar, startdatum and einddatum
    (ISO text or None), voortgang, gewijzigd (ISO timestamp or None), door, and bijgewerkt (True
    when an editor has stored something for this action). Stored rows for actions no longer in
    the plan are ignored.
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
    raise DataFout(f"{VELDEN[veld]} is geen geldige datum: '{value}' (gebruik jjjj-mm-dd)", kolom=veld)


def _text(value, veld: str, maximum: int) -> str:
    if not isinstance(value, str):
        raise DataFout(f"{VELDEN[veld]} moet tekst zijn", kolom=veld)
    value = value.strip()
    if len(value) > maximum:
        raise DataFout(f"{VELDEN[veld]} is te lang: {len(value)} tekens, hooguit {maximum}", kolom=veld)
    return value


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
) -> dict:
    """Change the stored status of one action (editors only) and audit every changed field.

    Only the fields passed are changed; passing None or "" for a date clears it. ``door`` is the
    name as typed in the form (default: the editor's login name). Raises GeenToegang without a
    live editor login, and DataFout (a ValueError, Dutch message) for an unknown action, unknown
    status, empty owner, bad or reversed dates or overlong text; then nothing stored changes.
    Returns the action's state after the change (one row of ``action_states`` as a dict).
    """
    redacteur = auth.require_editor(redacteur, "het bijwerken van een actie")
    plan = plan or default_plan()
    actie = plan.actie(actie_id) if isinstance(actie_id, str) else None
    if actie is None:
        raise DataFout(f"Onbekende actie '{actie_id}'", kolom="actie_id")
    door = _text(door, "door", MAX_DOOR) if door is not None else ""
    door = door or redacteur.naam

    wanted: dict[str, str | None] = {}
    if status is not _UNSET:
        if status not in STATUSSEN:
            raise DataFout(f"Onbekende status '{status}'; kies uit {', '.join(STATUSSEN)}", kolom="status")
        wanted["status"] = status
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
        new = {**current, **wanted}
        if new["startdatum"] and new["einddatum"] and new["einddatum"] < new["startdatum"]:
            raise DataFout(
                f"De einddatum ({new['einddatum']}) ligt vóór de startdatum ({new['startdatum']})", kolom="einddatum"
            )
        changed = [veld for veld in VELDEN if new[veld] != current[veld]]
        if changed:
            stamp = storage.now()
            conn.execute(
                """
                INSERT INTO actie_status (actie_id, status, eigenaar, startdatum, einddatum, voortgang, gewijzigd, door)
                VALUES (:actie_id, :status, :eigenaar, :startdatum, :einddatum, :voortgang, :gewijzigd, :door)
                ON CONFLICT (actie_id) DO UPDATE SET
                    status = excluded.status, eigenaar = excluded.eigenaar, startdatum = excluded.startdatum,
                    einddatum = excluded.einddatum, voortgang = excluded.voortgang,
                    gewijzigd = excluded.gewijzigd, door = excluded.door
                """,
                {**new, "actie_id": actie_id, "gewijzigd": stamp, "door": door},
            )
            for veld in changed:
                storage.audit(conn, AUDIT_TABEL, actie_id, veld, current[veld], new[veld], door)
    states = action_states(conn, plan)
    return states[states["actie_id"] == actie_id].iloc[0].to_dict()


def action_history(conn: sqlite3.Connection, actie_id: str) -> pd.DataFrame:
    """The audit trail of one action, newest first, with Dutch column names for display."""
    rows = storage.audit_trail(conn, AUDIT_TABEL, actie_id)
    df = pd.DataFrame(rows, columns=["veld", "oud", "nieuw", "tijdstip", "door"])
    df["veld"] = df["veld"].map(lambda v: VELDEN.get(v, v))
    for col in ("oud", "nieuw"):
        df[col] = df[col].fillna("").replace("", LEEG)
    df["tijdstip"] = df["tijdstip"].map(format_tijdstip)
    return df.rename(columns={"veld": "Wat", "oud": "Oud", "nieuw": "Nieuw", "tijdstip": "Wanneer", "door": "Door"})


def _given(value) -> bool:
    """True for a real value; False for None, '' and pandas' missing markers."""
    return isinstance(value, str) and value != ""


def format_datum(iso: str | None) -> str:
    """A stored date as Dutch users write it (dd-mm-jjjj); '' for none."""
    return dt.date.fromisoformat(iso).strftime("%d-%m-%Y") if _given(iso) else ""


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


# --- progress -----------------------------------------------------------------------------------


def _shares(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    counts = df.groupby(keys, sort=False)["status"].value_counts().unstack(fill_value=0)
    counts = counts.reindex(columns=list(STATUSSEN), fill_value=0).astype(int)
    counts["totaal"] = counts[list(STATUSSEN)].sum(axis=1)
    counts["aandeel_afgerond"] = counts["afgerond"] / counts["totaal"]
    counts["aandeel_lopend"] = counts["lopend"] / counts["totaal"]
    counts.columns.name = None
    return counts.reset_index()


def progress_by_theme(states: pd.DataFrame) -> pd.DataFrame:
    """Per theme (in theme order): number of actions per status, total, and the share afgerond and lopend.

    Columns: thema, thema_naam, gepland, lopend, afgerond, gestopt, totaal, aandeel_afgerond,
    aandeel_lopend (fractions 0-1). Every theme of ``lib.plan.themas`` appears, also without actions.
    """
    out = _shares(states, ["thema", "thema_naam"]) if len(states) else pd.DataFrame(columns=["thema", "thema_naam"])
    full = pd.DataFrame({"thema": list(THEMAS), "thema_naam": [t.naam for t in THEMAS.values()]})
    out = full.merge(out.drop(columns="thema_naam"), on="thema", how="left")
    for col in STATUSSEN + ("totaal",):
        out[col] = out[col].fillna(0).astype(int) if col in out else 0
    for col in ("aandeel_afgerond", "aandeel_lopend"):
        out[col] = (out[col] if col in out else pd.Series(float("nan"), index=out.index)).astype(float)
    return out[["thema", "thema_naam", *STATUSSEN, "totaal", "aandeel_afgerond", "aandeel_lopend"]]


def progress_by_result(states: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Per result of the plan: how many of the actions working towards it have each status.

    An action can serve several results, so it is counted once for each. Columns: thema,
    resultaat_id, resultaat, the four statuses, totaal, aandeel_afgerond, aandeel_lopend.
    """
    status_of = dict(zip(states["actie_id"], states["status"], strict=True))
    rows = [
        {"thema": r.thema, "resultaat_id": r.id, "resultaat": r.tekst, "actie_id": a.id, "status": status_of.get(a.id)}
        for t in plan.themas
        for r in t.resultaten
        for a in t.acties
        if r.id in a.resultaten
    ]
    df = pd.DataFrame(rows, columns=["thema", "resultaat_id", "resultaat", "actie_id", "status"]).dropna(
        subset=["status"]
    )
    out = _shares(df, ["thema", "resultaat_id", "resultaat"]) if len(df) else df
    # Results no action works towards still show up (with zero actions), so a gap is visible.
    full = pd.DataFrame([{"thema": r.thema, "resultaat_id": r.id, "resultaat": r.tekst} for r in plan.resultaten])
    out = full.merge(out.drop(columns=["thema", "resultaat"], errors="ignore"), on="resultaat_id", how="left")
    for col in STATUSSEN + ("totaal",):
        out[col] = out[col].fillna(0).astype(int) if col in out else 0
    for col in ("aandeel_afgerond", "aandeel_lopend"):
        out[col] = (out[col] if col in out else pd.Series(float("nan"), index=out.index)).astype(float)
    return out[["thema", "resultaat_id", "resultaat", *STATUSSEN, "totaal", "aandeel_afgerond", "aandeel_lopend"]]


def actions_per_group(plan: Plan, states: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which actions each theme group carries: theme, group, action id, title and (current) owner and status."""
    current = {} if states is None else states.set_index("actie_id")[["eigenaar", "status"]].to_dict("index")
    rows = []
    for t in plan.themas:
        for a in t.acties:
            now_ = current.get(a.id, {"eigenaar": a.eigenaar, "status": a.status})
            rows.append(
                {
                    "thema": t.nummer,
                    "themagroep": t.themagroep,
                    "actie_id": a.id,
                    "actie": a.titel,
                    "eigenaar": now_["eigenaar"],
                    "status": now_["status"],
                }
            )
    return pd.DataFrame(rows)


def hours_table(plan: Plan) -> pd.DataFrame:
    """Time per role per year as the plan estimates it: one row per role with min, max and the breakdown."""
    return pd.DataFrame(
        [
            {
                "rol": r.naam,
                "uren_min": r.uren_min,
                "uren_max": r.uren_max,
                "uren": r.uren_label,
                "opbouw": "; ".join(f"{p.onderdeel}: {p.uren} uur" for p in r.opbouw),
            }
            for r in plan.alliantie.rollen
        ]
    )


def alliance_hours(plan: Plan, aantallen: dict[str, int]) -> pd.DataFrame:
    """Total hours per year for a number of people per role (rol id -> count): min and max per role and in total.

    Negative counts are refused (DataFout); unknown role ids too.
    """
    known = {r.id: r for r in plan.alliantie.rollen}
    rows = []
    for rol_id, n in aantallen.items():
        if rol_id not in known:
            raise DataFout(f"Onbekende rol '{rol_id}'", kolom="rol")
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise DataFout(f"Aantal personen voor {known[rol_id].naam} moet 0 of meer zijn, niet '{n}'", kolom="aantal")
        r = known[rol_id]
        rows.append({"rol": r.naam, "personen": n, "uren_min": n * r.uren_min, "uren_max": n * r.uren_max})
    df = pd.DataFrame(rows, columns=["rol", "personen", "uren_min", "uren_max"])
    total = pd.DataFrame(
        [
            {
                "rol": "Totaal",
                "personen": int(df["personen"].sum()),
                "uren_min": int(df["uren_min"].sum()),
                "uren_max": int(df["uren_max"].sum()),
            }
        ]
    )
    return pd.concat([df, total], ignore_index=True)


# --- views: summary text, chart and diagram (no Streamlit; the briefing uses them too) ---------

# Okabe-Ito colours: distinguishable with every common form of colour blindness.
STATUS_KLEUREN = {"gepland": "#999999", "lopend": "#0072B2", "afgerond": "#009E73", "gestopt": "#D55E00"}


def telling(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


def progress_summary(progress: pd.DataFrame) -> str:
    """One Dutch sentence or two describing a ``progress_by_theme`` table (the chart's text alternative)."""
    totals = {s: int(progress[s].sum()) for s in STATUSSEN}
    total = sum(totals.values())
    if total == 0:
        return "Er zijn nog geen acties."
    text = (
        f"Van de {telling(total, 'actie', 'acties')} zijn er {totals['afgerond']} afgerond, {totals['lopend']} lopend, "
        f"{totals['gepland']} gepland en {totals['gestopt']} gestopt."
    )
    with_actions = progress[progress["totaal"] > 0]
    if totals["afgerond"] + totals["lopend"] > 0:
        score = (with_actions["afgerond"] + with_actions["lopend"] / 2) / with_actions["totaal"]
        best = with_actions.loc[score.idxmax()]
        text += f" Het verst is thema {int(best['thema'])}, {best['thema_naam']}."
    else:
        text += " Nog geen enkele actie is gestart."
    return text


def progress_chart(progress: pd.DataFrame, label: str = "thema_naam", titel: str = "Thema", tooltip: str | None = None):
    """Stacked horizontal bars: number of actions per status, one bar per row of a progress table.

    ``progress`` is the output of ``progress_by_theme`` or ``progress_by_result``; ``label`` names
    the column shown on the y axis and ``tooltip`` an optional extra column for the hover text.
    """
    import altair as alt  # imported here so loading the plan does not pay for altair

    keep = [label] + ([tooltip] if tooltip and tooltip != label else [])
    long = progress.melt(id_vars=keep, value_vars=list(STATUSSEN), var_name="status", value_name="acties")
    long["status_label"] = long["status"].map(STATUS_LABELS)
    long["volgorde"] = long["status"].map({s: i for i, s in enumerate(("afgerond", "lopend", "gepland", "gestopt"))})
    order = list(dict.fromkeys(progress[label]))
    tips = [alt.Tooltip(f"{label}:N", title=titel)]
    if tooltip and tooltip != label:
        tips.append(alt.Tooltip(f"{tooltip}:N", title="Omschrijving"))
    tips += [alt.Tooltip("status_label:N", title="Status"), alt.Tooltip("acties:Q", title="Acties")]
    return (
        alt.Chart(long[long["acties"] > 0])
        .mark_bar()
        .encode(
            y=alt.Y(f"{label}:N", sort=order, title=None, axis=alt.Axis(labelLimit=170)),
            x=alt.X("sum(acties):Q", title="Aantal acties", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "status_label:N",
                title="Status",
                scale=alt.Scale(
                    domain=[STATUS_LABELS[s] for s in STATUSSEN], range=[STATUS_KLEUREN[s] for s in STATUSSEN]
                ),
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            order=alt.Order("volgorde:Q"),
            tooltip=tips,
        )
        .properties(height=alt.Step(34))
    )


def _dot(text: str) -> str:
    """Text made safe inside a double-quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def alliance_dot(plan: Plan, states: pd.DataFrame | None = None) -> str:
    """The alliance structure as a Graphviz DOT string (rendered in the browser by st.graphviz_chart).

    Colours are set explicitly because Graphviz charts do not follow the app theme.
    """
    a = plan.alliantie
    rol = {r.id: r for r in a.rollen}
    counts = actions_per_group(plan, states).groupby("thema").size().to_dict()
    lines = [
        "digraph alliantie {",
        '  graph [rankdir=TB, bgcolor="transparent", fontname="Helvetica", nodesep=0.25, ranksep=0.55];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, color="#1f4e79",'
        ' fillcolor="#eaf1f8", fontcolor="#111111", margin="0.15,0.08"];',
        '  edge [color="#555555", fontname="Helvetica", fontsize=10, fontcolor="#333333"];',
        f'  gemeente [label="{_dot("Gemeente Capelle aan den IJssel")}\\nstimuleert, verbindt,\\nstuurt op resultaat",'
        ' fillcolor="#fff4e0", color="#a35c00"];',
        f'  aanjager [label="{_dot(rol["aanjager"].naam)}\\nbeleidsadviseur gemeente\\n{rol["aanjager"].uren_label} per jaar"];',
        f'  kerngroep [label="{_dot(rol["kerngroep"].naam)}\\nstrategie en resultaten\\n{rol["kerngroep"].uren_label}'
        f' per jaar\\nals voorzitter {rol["voorzitter"].uren_label}", penwidth=2];',
        f'  klankbord [label="{_dot(rol["klankbordgroep"].naam)}\\nreageert op voorstellen\\n'
        f'{rol["klankbordgroep"].uren_label} per jaar"];',
        '  opgaveteams [label="Opgaveteams\\nin vier wijken", fillcolor="#f2f2f2", color="#666666"];',
        "  subgraph cluster_themagroepen {",
        f'    label="Themagroepen · {_dot(rol["themagroep"].uren_label)} per jaar per lid";',
        '    fontname="Helvetica"; fontsize=12; color="#9bb7d4"; style="rounded,dashed"; labelloc="b";',
    ]
    for t in plan.themas:
        n = counts.get(t.nummer, 0)
        # Wrapped names keep the diagram narrow enough to read on a phone.
        label = f"Thema {t.nummer}\\n{_dot(textwrap.fill(t.naam, 24))}\\n{telling(n, 'actie', 'acties')}"
        lines.append(f'    tg{t.nummer} [label="{label}", tooltip="{_dot(t.themagroep)}"];')
    lines.append("  }")
    lines += [
        '  gemeente -> aanjager [label="levert"];',
        '  aanjager -> kerngroep [label="ondersteunt"];',
        '  aanjager -> klankbord [label="organiseert"];',
        '  klankbord -> kerngroep [label="input", style=dashed];',
        '  opgaveteams -> kerngroep [label="gebiedsregisseur", dir=both];',
    ]
    for t in plan.themas:
        style = ', style=dashed, label="afstemming"' if t.nummer == 1 else ', label="voorzitter"'
        lines.append(f"  kerngroep -> tg{t.nummer} [dir=both{style}];")
    lines.append("  { rank=same; aanjager; opgaveteams; }")
    lines.append("}")
    return "\n".join(lines)


def hours_chart(plan: Plan):
    """Hours per person per year for each alliance role: a bar to the low estimate, a lighter part to the high one."""
    import altair as alt

    df = hours_table(plan)
    base = alt.Chart(df).encode(
        y=alt.Y("rol:N", sort=list(df["rol"]), title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("rol:N", title="Rol"),
            alt.Tooltip("uren:N", title="Uren per jaar"),
            alt.Tooltip("opbouw:N", title="Opbouw"),
        ],
    )
    low = base.mark_bar(color="#0072B2").encode(x=alt.X("uren_min:Q", title="Uren per persoon per jaar"))
    high = base.mark_bar(color="#56B4E9", opacity=0.7).encode(x="uren_min:Q", x2="uren_max:Q")
    label = base.mark_text(align="left", dx=4, color="#222222").encode(x="uren_max:Q", text="uren:N")
    return (low + high + label).properties(height=alt.Step(30))


def counts_text(row) -> str:
    """'3 acties: 1 afgerond, 2 gepland' for one row of a progress table (only statuses that occur)."""
    total = int(row["totaal"])
    if total == 0:
        return "nog geen actie"
    parts = [f"{int(row[s])} {s}" for s in ("afgerond", "lopend", "gepland", "gestopt") if int(row[s])]
    return f"{telling(total, 'actie', 'acties')}: {', '.join(parts)}"
