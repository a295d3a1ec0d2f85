"""The budget: the example allocation of the loneliness money, its checks and its sums.

The plan gives one real figure: EUR 514,000 a year (Wmo 2020-2022) for meeting and loneliness.
How that money is split over line items and themes is NOT in the plan; ``data/budget.csv`` is an
example allocation (every row ``illustratief``), made by ``scripts/make_budget.py``.

Long format, one row per year x line item x status:
    jaar, thema (1-4), regel_id (slug), regel (name), bedrag (EUR), financiering (code, see
    FINANCIERING), status ("begroot" or "besteed"), activiteit_ids (tuple of catalogue ids),
    illustratief (bool), and thema_naam (added at load time).

The same validation serves the shipped file, scenario edits and scenario imports, so a user sees
the same Dutch message naming the row and column whatever the way in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.aanbod import catalogus as aanbod
from lib.cijfers import loaders
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout
from lib.plan.themas import THEMAS

JAREN = (2020, 2021, 2022)
STATUSSEN = ("begroot", "besteed")
FINANCIERING: dict[str, str] = {
    "wmo": "Wmo structureel",
    "incidenteel": "Incidenteel (Voorjaarsnota 2020)",
    "fonds": "Fondsen (zoals het Denk & Doe mee!-fonds)",
    "wop": "WOP-budgetten (Wijk Overleg Platforms)",
}
# The structural Wmo money is the one framed amount; everything else comes on top.
KADER_FINANCIERING = "wmo"
BUDGET_COLUMNS = [
    "jaar",
    "thema",
    "regel_id",
    "regel",
    "bedrag",
    "financiering",
    "status",
    "activiteit_ids",
    "illustratief",
]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# "12.500" or "1.250.000,50": dots as thousands separators, the Dutch way.
_DUTCH_THOUSANDS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
MAX_BEDRAG = 100_000_000  # a typo guard: no single line of this programme comes near it


# --- parsing and validation ---------------------------------------------------------------------


def parse_bedrag(value: object) -> float | None:
    """An amount as typed or stored: 12500, "12500", "12.500", "€ 12.500,50", "12500.5".

    Returns None for an empty cell; raises ValueError for anything that is not a number.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if pd.isna(value):
            return None
        if value in (float("inf"), float("-inf")):
            raise ValueError(value)
        return float(value)
    text = str(value).replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if text == "":
        return None
    if _DUTCH_THOUSANDS.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    number = float(text)  # raises ValueError for text
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(value)
    return number


def _cell(bron: str | None, rij: int, kolom: str, melding: str) -> DataFout:
    return DataFout(melding, bestand=bron, rij=rij, kolom=kolom)


def parse_activiteit_ids(value: object) -> tuple[str, ...]:
    """'a; b;c' or ['a', 'b'] -> ('a', 'b', 'c'); empty -> ()."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ()
    items = value if isinstance(value, list | tuple) else str(value).replace(",", ";").split(";")
    return tuple(s for s in (str(i).strip() for i in items) if s)


def validate_allocation(
    df: pd.DataFrame,
    bron: str | None = None,
    *,
    catalogue_ids: Iterable[str] | None = None,
    jaren: Iterable[int] = JAREN,
) -> pd.DataFrame:
    """Check a raw allocation table (text or typed cells) and return it typed.

    Raises DataFout naming the first bad cell (row as in a spreadsheet: header is row 1).
    ``catalogue_ids``: when given, every activity id must be one of them.
    """
    missing = [c for c in BUDGET_COLUMNS if c not in df.columns]
    if missing:
        raise DataFout(f"Kolom ontbreekt: {', '.join(missing)}", bestand=bron, kolom=missing[0])
    if df.empty:
        raise DataFout("De tabel bevat geen regels", bestand=bron)
    known = set(catalogue_ids) if catalogue_ids is not None else None
    jaren = tuple(jaren)
    records = []
    for i, row in enumerate(df[BUDGET_COLUMNS].to_dict("records")):
        rij = i + 2
        try:
            jaar = int(float(str(row["jaar"]).strip()))
        except ValueError:
            raise _cell(bron, rij, "jaar", f"Geen jaartal: '{row['jaar']}'") from None
        if jaar not in jaren:
            raise _cell(bron, rij, "jaar", f"Jaar {jaar} valt buiten {jaren[0]}-{jaren[-1]}")
        try:
            thema = int(float(str(row["thema"]).strip()))
        except ValueError:
            raise _cell(bron, rij, "thema", f"Thema moet 1, 2, 3 of 4 zijn, niet '{row['thema']}'") from None
        if thema not in THEMAS:
            raise _cell(bron, rij, "thema", f"Thema moet 1, 2, 3 of 4 zijn, niet '{row['thema']}'")
        regel_id = str(row["regel_id"] or "").strip()
        if not SLUG.match(regel_id):
            raise _cell(
                bron, rij, "regel_id", f"Ongeldige regelcode '{regel_id}' (kleine letters, cijfers en streepjes)"
            )
        regel = str(row["regel"] or "").strip()
        if not regel or regel.lower() == "nan":
            raise _cell(bron, rij, "regel", "Omschrijving van de regel ontbreekt")
        bedrag = check_bedrag(row["bedrag"], rij, bron)
        financiering = str(row["financiering"]).strip()
        if financiering not in FINANCIERING:
            raise _cell(
                bron, rij, "financiering", f"Onbekende financiering '{financiering}' (kies {', '.join(FINANCIERING)})"
            )
        status = str(row["status"]).strip()
        if status not in STATUSSEN:
            raise _cell(bron, rij, "status", f"Status moet 'begroot' of 'besteed' zijn, niet '{status}'")
        ids = parse_activiteit_ids(row["activiteit_ids"])
        for activiteit in ids:
            if not SLUG.match(activiteit):
                raise _cell(bron, rij, "activiteit_ids", f"Ongeldige activiteitcode '{activiteit}'")
            if known is not None and activiteit not in known:
                raise _cell(bron, rij, "activiteit_ids", f"Activiteit '{activiteit}' staat niet in het aanbod")
        illustratief = row["illustratief"]
        if isinstance(illustratief, str):
            if illustratief.strip() not in ("ja", "nee"):
                raise _cell(bron, rij, "illustratief", f"Kies 'ja' of 'nee', niet '{illustratief}'")
            illustratief = illustratief.strip() == "ja"
        records.append(
            {
                "jaar": jaar,
                "thema": thema,
                "regel_id": regel_id,
                "regel": regel,
                "bedrag": bedrag,
                "financiering": financiering,
                "status": status,
                "activiteit_ids": ids,
                "illustratief": bool(illustratief),
            }
        )
    typed = pd.DataFrame.from_records(records, columns=BUDGET_COLUMNS)
    dup = typed.duplicated(["jaar", "regel_id", "status"]).to_numpy().nonzero()[0]
    if len(dup):
        r = typed.iloc[dup[0]]
        raise _cell(
            bron, int(dup[0]) + 2, "regel_id", f"Regel '{r['regel_id']}' staat twee keer in {r['jaar']} ({r['status']})"
        )
    typed["thema_naam"] = typed["thema"].map(lambda t: THEMAS[t].naam)
    return typed


def check_bedrag(value: object, rij: int, bron: str | None = None, kolom: str = "bedrag") -> float:
    """One amount cell: a number, not negative, present. DataFout names the cell otherwise."""
    try:
        bedrag = parse_bedrag(value)
    except (ValueError, TypeError):
        raise _cell(bron, rij, kolom, f"'{value}' is geen bedrag; typ alleen een getal, zoals 12500") from None
    if bedrag is None:
        raise _cell(bron, rij, kolom, "Bedrag ontbreekt")
    if bedrag < 0:
        raise _cell(bron, rij, kolom, f"Bedrag mag niet negatief zijn ({format_euro(bedrag)})")
    if bedrag > MAX_BEDRAG:
        raise _cell(bron, rij, kolom, f"Bedrag is onwaarschijnlijk groot ({format_euro(bedrag)})")
    return bedrag


# --- the catalogue link ------------------------------------------------------------------------


def catalogue_ids(path: Path = DATA_DIR / "aanbod.yaml") -> set[str] | None:
    """The activity ids of the catalogue (validated by lib.aanbod.catalogus), or None when there is no catalogue file."""
    if not Path(path).exists():
        return None

    return {a.id for a in aanbod.load_aanbod(Path(path))}


def load_allocation(
    path: Path = DATA_DIR / "budget.csv", catalogue: Path | None = DATA_DIR / "aanbod.yaml"
) -> pd.DataFrame:
    """The example allocation, validated, in long format (see module docstring).

    Activity ids are checked against the catalogue when ``catalogue`` exists (pass None to skip).
    """
    path = Path(path)
    raw = loaders.read_text_csv(path)
    ids = catalogue_ids(catalogue) if catalogue is not None else None
    return validate_allocation(raw, path.name, catalogue_ids=ids)


# --- the alliance's time ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rol:
    code: str
    naam: str
    uren_min: int
    uren_max: int
    uitleg: str


# Hours per person per year, from the plan (Structuur van de Alliantie).
ROLLEN: dict[str, Rol] = {
    r.code: r
    for r in (
        Rol("kerngroep", "Kerngroep (zonder voorzitterschap)", 45, 50, "Strategie en hoofdlijnen; 8 bijeenkomsten."),
        Rol(
            "kerngroep_voorzitter",
            "Kerngroep met voorzitterschap van een themagroep",
            70,
            75,
            "Ook voorbereiding en uitwerking van acties.",
        ),
        Rol("themagroep", "Themagroep", 40, 45, "Werkt een of meer thema's uit; 8 bijeenkomsten."),
        Rol("klankbordgroep", "Brede klankbordgroep", 8, 13, "Geeft een paar keer per jaar input."),
        Rol("aanjager", "Aanjager (beleidsadviseur gemeente)", 400, 400, "De spil: één dag per week."),
    )
}
# The plan does not say how many people fill each role: these starting numbers are an example.
VOORBEELD_AANTALLEN = {"kerngroep": 2, "kerngroep_voorzitter": 4, "themagroep": 20, "klankbordgroep": 30, "aanjager": 1}


def alliance_time(aantallen: dict[str, int], uurtarief: float) -> pd.DataFrame:
    """Hours per role x people, and their value at an hourly rate.

    Columns: rol, naam, uren_per_persoon (text 'min-max'), aantal, uren_min, uren_max,
    waarde_min, waarde_max. Raises DataFout for a negative number of people or rate.
    """
    if uurtarief is None or pd.isna(uurtarief) or uurtarief < 0:
        raise DataFout(f"Het uurtarief moet 0 of meer zijn, niet {uurtarief}", kolom="uurtarief")
    rows = []
    for code, rol in ROLLEN.items():
        aantal = aantallen.get(code, 0)
        if aantal is None or aantal < 0 or int(aantal) != aantal:
            raise DataFout(f"Aantal mensen voor '{rol.naam}' moet een heel getal van 0 of meer zijn", kolom=code)
        aantal = int(aantal)
        rows.append(
            {
                "rol": code,
                "naam": rol.naam,
                "uren_per_persoon": f"{rol.uren_min}"
                if rol.uren_min == rol.uren_max
                else f"{rol.uren_min}-{rol.uren_max}",
                "aantal": aantal,
                "uren_min": rol.uren_min * aantal,
                "uren_max": rol.uren_max * aantal,
                "waarde_min": rol.uren_min * aantal * float(uurtarief),
                "waarde_max": rol.uren_max * aantal * float(uurtarief),
            }
        )
    return pd.DataFrame(rows)

def format_euro(bedrag: float, decimals: int = 0) -> str:
    """Dutch money: € 12.500 (or € -1.250); 'geen gegevens' for a missing amount."""
    if bedrag is None or pd.isna(bedrag):
        return "geen gegevens"
    text = f"{abs(bedrag):,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"€ {'-' if bedrag < 0 else ''}{text}"
