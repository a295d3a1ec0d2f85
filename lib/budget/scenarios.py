"""Budget scenarios: shift the structural Wmo money of one year between lines and themes.

A scenario is a named set of lines (regel_id, regel, thema, bedrag) for one year, checked against
the frame (EUR 514,000). It is stored as JSON in the ``scenarios`` table (lib.kern.storage), exported
and imported as CSV or JSON; every way in runs the same checks (``check_lines``).

Every function that writes takes a ``redacteur`` and calls ``auth.require_editor`` first: view
mode may look at and export scenarios, never store them.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from lib.budget.begroting import JAREN, KADER_FINANCIERING, MAX_BEDRAG, SLUG, format_euro, parse_bedrag
from lib.budget.sommen import Kadertoets, select
from lib.kern.errors import DataFout
from lib.plan.themas import JAARBUDGET_WMO, THEMAS

SCENARIO_COLUMNS = ["regel_id", "regel", "thema", "bedrag"]
# Column labels the user sees in the editor and in messages.
KOLOM_LABELS = {"regel_id": "Code", "regel": "Regel", "thema": "Thema", "bedrag": "Bedrag (€)"}
MAX_NAAM = 80
FORMAAT_VERSIE = 1


def thema_label(nummer: int) -> str:
    """'2 · Kwetsbare Capellenaren en life events': how a theme shows in the editor."""
    return f"{nummer} · {THEMAS[nummer].naam}"


THEMA_LABELS = [thema_label(n) for n in THEMAS]


def parse_thema(value: object) -> int | None:
    """A theme as typed: 2, "2", "2 · Kwetsbare…" or the theme's name. None when not recognised."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and int(value) in THEMAS else None
    text = str(value).strip()
    match = re.match(r"^(\d+)(?:\s*[·.:-].*)?$", text)
    if match:
        n = int(match.group(1))
        return n if n in THEMAS else None
    by_name = {t.naam.lower(): n for n, t in THEMAS.items()}
    return by_name.get(text.lower())


def slugify(text: str) -> str:
    """A regel_id for a new line from its name: 'Buurtfeest Oost!' -> 'buurtfeest-oost'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "regel"


@dataclass(frozen=True, eq=False)
class Toets:
    """The outcome of checking scenario lines: cell errors, the frame check, the clean lines."""

    fouten: tuple[str, ...]
    regels: pd.DataFrame | None  # typed lines when there are no cell errors
    kader: Kadertoets | None

    @property
    def geldig(self) -> bool:
        """Savable: no cell errors and not over the frame."""
        return not self.fouten and self.kader is not None and not self.kader.over


def check_lines(rows: pd.DataFrame, *, eerste_rij: int = 1, kader: float = JAARBUDGET_WMO) -> Toets:
    """Check edited or imported lines; collect a Dutch message per bad cell (row and column named).

    ``eerste_rij``: the number of the first data row as the user sees it (1 in the editor, 2 in
    a CSV file whose header is row 1). Missing regel_ids are made from the line's name.
    """
    fouten: list[str] = []
    missing = [c for c in ("regel", "thema", "bedrag") if c not in rows.columns]
    if missing:
        return Toets((f"Kolom ontbreekt: {', '.join(KOLOM_LABELS[c] for c in missing)}.",), None, None)
    records = []
    seen: dict[str, int] = {}
    for i, row in enumerate(rows.to_dict("records")):
        rij = i + eerste_rij
        waar = f"Rij {rij}"
        regel = row.get("regel")
        regel = "" if regel is None or (isinstance(regel, float) and pd.isna(regel)) else str(regel).strip()
        thema_raw, bedrag_raw = row.get("thema"), row.get("bedrag")
        if not regel and _empty(thema_raw) and _empty(bedrag_raw):
            continue  # a blank row the editor added: ignore, as a spreadsheet would
        if regel:
            waar = f"Rij {rij} ({regel[:40]})"
        else:
            fouten.append(f"{waar}, kolom '{KOLOM_LABELS['regel']}': de omschrijving ontbreekt.")
        if len(regel) > 120:
            fouten.append(f"{waar}, kolom '{KOLOM_LABELS['regel']}': houd de omschrijving onder 120 tekens.")
        thema = parse_thema(thema_raw)
        if thema is None:
            fouten.append(f"{waar}, kolom '{KOLOM_LABELS['thema']}': kies thema 1, 2, 3 of 4.")
        try:
            bedrag = parse_bedrag(bedrag_raw)
        except (ValueError, TypeError):
            bedrag = None
            fouten.append(
                f"{waar}, kolom '{KOLOM_LABELS['bedrag']}': '{bedrag_raw}' is geen getal; typ bijvoorbeeld 12500."
            )
        else:
            if bedrag is None:
                fouten.append(f"{waar}, kolom '{KOLOM_LABELS['bedrag']}': het bedrag ontbreekt.")
            elif bedrag < 0:
                fouten.append(
                    f"{waar}, kolom '{KOLOM_LABELS['bedrag']}': het bedrag mag niet negatief zijn ({format_euro(bedrag)})."
                )
                bedrag = None
            elif bedrag > MAX_BEDRAG:
                fouten.append(f"{waar}, kolom '{KOLOM_LABELS['bedrag']}': dit bedrag is onwaarschijnlijk groot.")
                bedrag = None
        regel_id = row.get("regel_id")
        regel_id = "" if _empty(regel_id) else str(regel_id).strip()
        if not regel_id:
            regel_id = slugify(regel)
        if not SLUG.match(regel_id):
            fouten.append(f"{waar}, kolom '{KOLOM_LABELS['regel_id']}': ongeldige code '{regel_id}'.")
        if regel_id in seen:
            base, n = regel_id, 2
            while f"{base}-{n}" in seen:
                n += 1
            regel_id = f"{base}-{n}"  # a new line with the same name as another gets its own code
        seen[regel_id] = rij
        records.append({"regel_id": regel_id, "regel": regel, "thema": thema, "bedrag": bedrag})
    if not records:
        fouten.append("Het scenario bevat geen regels.")
    if fouten:
        valid = [r for r in records if r["bedrag"] is not None]
        total = sum(r["bedrag"] for r in valid)
        return Toets(tuple(fouten), None, Kadertoets(total, kader))
    typed = pd.DataFrame.from_records(records, columns=SCENARIO_COLUMNS)
    typed["thema"] = typed["thema"].astype(int)
    typed["bedrag"] = typed["bedrag"].astype(float)
    return Toets((), typed, Kadertoets(float(typed["bedrag"].sum()), kader))


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""


def baseline(allocation: pd.DataFrame, jaar: int) -> pd.DataFrame:
    """The example allocation's structural Wmo lines of one year, as scenario lines."""
    rows = select(allocation, jaar, "begroot", KADER_FINANCIERING)
    return rows[SCENARIO_COLUMNS].sort_values(["thema", "bedrag"], ascending=[True, False]).reset_index(drop=True)


def for_editor(lines: pd.DataFrame) -> pd.DataFrame:
    """Scenario lines as the editor shows them: theme as its label."""
    out = lines[SCENARIO_COLUMNS].copy()
    out["thema"] = out["thema"].map(thema_label)
    return out


def difference_by_theme(basis: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Per theme: basis, scenario, verschil (scenario - basis). All four themes, in order."""
    out = pd.DataFrame({"thema": list(THEMAS)})
    out["thema_naam"] = out["thema"].map(lambda t: THEMAS[t].naam)
    out["basis"] = out["thema"].map(basis.groupby("thema")["bedrag"].sum()).fillna(0.0)
    out["scenario"] = out["thema"].map(scenario.groupby("thema")["bedrag"].sum()).fillna(0.0)
    out["verschil"] = out["scenario"] - out["basis"]
    return out


def difference_by_line(basis: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Per line (matched on regel_id): regel, thema (scenario's, else basis), basis, scenario, verschil."""
    b = basis.set_index("regel_id")
    s = scenario.set_index("regel_id")
    ids = list(dict.fromkeys([*b.index, *s.index]))
    out = pd.DataFrame({"regel_id": ids})
    out["regel"] = [s["regel"].get(i, b["regel"].get(i)) for i in ids]
    out["thema"] = [int(s["thema"].get(i, b["thema"].get(i))) for i in ids]
    out["basis"] = [float(b["bedrag"].get(i, 0.0)) for i in ids]
    out["scenario"] = [float(s["bedrag"].get(i, 0.0)) for i in ids]
    out["verschil"] = out["scenario"] - out["basis"]
    return out


# --- names ------------------------------------------------------------------------------------


def check_naam(naam: object) -> str:
    """A scenario name: trimmed, 1-80 characters, no control characters. Raises DataFout."""
    text = "" if naam is None else str(naam).strip()
    if not text:
        raise DataFout("Geef het scenario een naam.", kolom="naam")
    if len(text) > MAX_NAAM:
        raise DataFout(f"De naam is te lang (hoogstens {MAX_NAAM} tekens).", kolom="naam")
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise DataFout("De naam bevat onzichtbare tekens.", kolom="naam")
    return text


# --- the scenario and its file formats --------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Scenario:
    naam: str
    jaar: int
    regels: pd.DataFrame = field(repr=False)
    gewijzigd: str = ""
    door: str = ""

    @property
    def totaal(self) -> float:
        return float(self.regels["bedrag"].sum())


def make_scenario(
    naam: object, jaar: object, rows: pd.DataFrame, *, eerste_rij: int = 1, bron: str | None = None
) -> Scenario:
    """A checked scenario, or DataFout listing what is wrong (cells, frame, name, year)."""
    try:
        jaar = int(str(jaar).strip())
    except ValueError:
        raise DataFout(f"Geen jaartal: '{jaar}'", bestand=bron, kolom="jaar") from None
    if jaar not in JAREN:
        raise DataFout(f"Jaar {jaar} valt buiten {JAREN[0]}-{JAREN[-1]}", bestand=bron, kolom="jaar")
    toets = check_lines(rows, eerste_rij=eerste_rij)
    if toets.fouten:
        raise DataFout(" ".join(toets.fouten), bestand=bron)
    if toets.kader.over:
        raise DataFout(toets.kader.melding(), bestand=bron)
    return Scenario(check_naam(naam), jaar, toets.regels)


def to_json(scenario: Scenario) -> bytes:
    """The scenario as a JSON document (also how it is stored)."""
    doc = {
        "formaat": "meer-samen-scenario",
        "versie": FORMAAT_VERSIE,
        "naam": scenario.naam,
        "jaar": scenario.jaar,
        "kader": JAARBUDGET_WMO,
        "financiering": KADER_FINANCIERING,
        "regels": [
            {"regel_id": r.regel_id, "regel": r.regel, "thema": int(r.thema), "bedrag": float(r.bedrag)}
            for r in scenario.regels.itertuples()
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def from_json(data: bytes | str, bestandsnaam: str = "scenario.json") -> Scenario:
    """Read a scenario exported with ``to_json``; same checks as the editor."""
    try:
        doc = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataFout(f"Geen geldig JSON-bestand: {err}", bestand=bestandsnaam) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("regels"), list):
        raise DataFout("Dit is geen scenario van Meer Samen (de lijst 'regels' ontbreekt)", bestand=bestandsnaam)
    if not all(isinstance(r, dict) for r in doc["regels"]):
        raise DataFout("Elke regel moet een object zijn met regel, thema en bedrag", bestand=bestandsnaam)
    rows = pd.DataFrame(doc["regels"], columns=SCENARIO_COLUMNS)
    return make_scenario(doc.get("naam"), doc.get("jaar"), rows, bron=bestandsnaam)


def to_csv(scenario: Scenario) -> bytes:
    """The scenario as CSV: jaar, thema, regel_id, regel, bedrag (one row per line)."""
    out = scenario.regels[SCENARIO_COLUMNS].copy()
    out.insert(0, "jaar", scenario.jaar)
    out.insert(0, "scenario", scenario.naam)
    out["bedrag"] = out["bedrag"].round(2)
    return out.to_csv(index=False).encode("utf-8")


def from_csv(data: bytes, bestandsnaam: str = "scenario.csv", naam: str | None = None) -> Scenario:
    """Read a scenario CSV (as ``to_csv`` writes it, or ; separated from a Dutch spreadsheet)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataFout("Het bestand is geen UTF-8-tekst", bestand=bestandsnaam) from None
    first = text.splitlines()[0] if text.strip() else ""
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataFout(f"Geen leesbaar CSV-bestand: {err}", bestand=bestandsnaam) from None
    missing = [c for c in ("jaar", "thema", "regel", "bedrag") if c not in rows.columns]
    if missing:
        raise DataFout(f"Kolom ontbreekt: {', '.join(missing)}", bestand=bestandsnaam, kolom=missing[0])
    if rows.empty:
        raise DataFout("Het bestand bevat geen regels", bestand=bestandsnaam)
    jaren = set(rows["jaar"].str.strip())
    if len(jaren) != 1:
        raise DataFout("Een scenario gaat over één jaar; dit bestand heeft er meer", bestand=bestandsnaam, kolom="jaar")
    if naam is None:
        naam = rows["scenario"].iloc[0] if "scenario" in rows.columns else bestandsnaam.rsplit(".", 1)[0]
    return make_scenario(naam, jaren.pop(), rows, eerste_rij=2, bron=bestandsnaam)
