"""Areas (gebieden) for opgaveteams: a name and the CBS wijken it is made of.

Shipped in data/gebieden.yaml; editors add or change areas in the ``gebieden`` table (migration
0017c_gebieden), where an id of the file is overridden. The area profile aggregates what can be
added up (inhabitants, land area, activities: sums, and density from those sums) and shows the
loneliness figures PER WIJK: they are survey-based model estimates with their own margins, and
an average of two estimates has no known margin, so it would look more certain than it is.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import INDICATOREN
from lib.kern import auth, getallen, invoer, storage
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout
from lib.kern.yamlcheck import Fields, read_yaml

BESTAND = DATA_DIR / "gebieden.yaml"
TABEL = "gebieden"
ID_PATROON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_NAAM = 60
MAX_TOELICHTING = 300
PROFIEL_INDICATOR = "eenzaam"
PROFIEL_LEEFTIJD = "18+"


@dataclass(frozen=True)
class Gebied:
    id: str
    naam: str
    wijken: tuple[str, ...]
    toelichting: str = ""
    bron: str = "data/gebieden.yaml"  # or "redacteur <naam>, <tijdstip>"


def _check(gebied_id, naam, wijken, toelichting, wijk_codes: Iterable[str] | None) -> Gebied:
    if not isinstance(gebied_id, str) or not ID_PATROON.match(gebied_id) or len(gebied_id) > 40:
        raise DataFout(
            f"Id '{gebied_id}' mag alleen kleine letters, cijfers en streepjes bevatten (hooguit 40 tekens)", kolom="id"
        )
    if not isinstance(naam, str) or not naam.strip() or len(naam.strip()) > MAX_NAAM:
        raise DataFout(f"Geef het gebied een naam van 1 tot {MAX_NAAM} tekens", kolom="naam")
    if not isinstance(wijken, list | tuple) or len(wijken) < 1:
        raise DataFout("Kies minstens één wijk", kolom="wijken")
    bekend = set(wijk_codes) if wijk_codes is not None else None
    for w in wijken:
        if not isinstance(w, str) or not w.startswith("WK") or (bekend is not None and w not in bekend):
            raise DataFout(f"Onbekende wijk '{w}' (gebruik een wijkcode uit data/wijken.csv)", kolom="wijken")
    if len(set(wijken)) != len(wijken):
        raise DataFout("Een wijk staat dubbel in het gebied", kolom="wijken")
    if not isinstance(toelichting, str) or len(toelichting.strip()) > MAX_TOELICHTING:
        raise DataFout(f"De toelichting is te lang: hooguit {MAX_TOELICHTING} tekens", kolom="toelichting")
    return Gebied(gebied_id, naam.strip(), tuple(sorted(wijken)), toelichting.strip())


def load_gebieden(path: Path = BESTAND, wijk_codes: Iterable[str] | None = None) -> dict[str, Gebied]:
    """The shipped areas by id, validated; errors name the file, the area and the field."""
    raw = read_yaml(path)
    naam = Path(path).name
    if not isinstance(raw, dict) or not isinstance(raw.get("gebieden"), list):
        raise DataFout("Verwacht een lijst 'gebieden'", bestand=naam)
    out: dict[str, Gebied] = {}
    for i, item in enumerate(raw["gebieden"], start=1):
        label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else f"gebied {i}"
        f = Fields(item, naam, label, ("id", "naam", "wijken", "toelichting"))
        try:
            g = _check(item.get("id"), item.get("naam"), item.get("wijken"), item.get("toelichting") or "", wijk_codes)
        except DataFout as err:
            f.fail(err.melding, err.kolom)
        if g.id in out:
            f.fail(f"Id '{g.id}' staat er twee keer in", "id")
        out[g.id] = g
    return out


def uit_rij(r, wijk_codes: Iterable[str] | None = None) -> Gebied:
    """A stored area (a row of the table); DataFout when it does not validate, also for JSON nested
    too deep (a restored back-up is checked with this too)."""
    return _check(r["id"], r["naam"], invoer.json_laden(r["wijken"]), r["toelichting"], wijk_codes)


def all_gebieden(conn: sqlite3.Connection, shipped: dict[str, Gebied], wijk_codes=None) -> dict[str, Gebied]:
    """Shipped areas with the stored ones laid over (same id replaces), sorted by name. A stored
    area that no longer validates (a wijk code disappeared) is skipped."""
    out = dict(shipped)
    for r in conn.execute(f"SELECT * FROM {TABEL}"):
        try:
            g = uit_rij(r, wijk_codes)
        except DataFout:
            continue
        out[g.id] = Gebied(g.id, g.naam, g.wijken, g.toelichting, bron=f"aangepast door {r['door']}")
    return dict(sorted(out.items(), key=lambda kv: kv[1].naam.lower()))


def van_wijk(gebieden: dict[str, Gebied], wijk_code: str) -> list[Gebied]:
    """The areas a wijk belongs to (none, one or more), in the order of `gebieden`."""
    return [g for g in gebieden.values() if wijk_code in g.wijken]


def save_gebied(
    conn: sqlite3.Connection,
    redacteur,
    gebied_id: str,
    naam: str,
    wijken: list[str],
    toelichting: str = "",
    wijk_codes: Iterable[str] | None = None,
) -> Gebied:
    """Add or change an area (editors only); audited. Raises DataFout naming the field."""
    redacteur = auth.require_editor(redacteur, "het aanpassen van een gebied")
    g = _check(gebied_id, naam, list(wijken), toelichting or "", wijk_codes)
    with storage.transaction(conn):
        oud = conn.execute(f"SELECT naam, wijken FROM {TABEL} WHERE id = ?", (g.id,)).fetchone()
        conn.execute(
            f"""
            INSERT INTO {TABEL} (id, naam, wijken, toelichting, gewijzigd, door) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET naam = excluded.naam, wijken = excluded.wijken,
                toelichting = excluded.toelichting, gewijzigd = excluded.gewijzigd, door = excluded.door
            """,
            (g.id, g.naam, json.dumps(list(g.wijken)), g.toelichting, storage.now(), redacteur.naam),
        )
        storage.audit(
            conn,
            TABEL,
            g.id,
            "gebied",
            f"{oud['naam']}: {', '.join(json.loads(oud['wijken']))}" if oud else None,
            f"{g.naam}: {', '.join(g.wijken)}",
            redacteur,
        )
    return g


# --- the profile -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GebiedProfiel:
    gebied: Gebied
    inwoners: int  # sum over the wijken (CBS 2024)
    oppervlakte_ha: int  # land area, sum
    aandeel_gemeente: float  # inhabitants as a share of the gemeente (0-1)
    per_wijk: pd.DataFrame  # one row per wijk: inhabitants, area, density, loneliness estimate + margin
    activiteiten: int  # activities of the catalogue located in the area
    periode: int | None  # the period of the loneliness figures shown
    illustratief: bool  # True when any loneliness figure shown is an example value
    indicator: str = PROFIEL_INDICATOR  # which loneliness figure per wijk (lib.cijfers.indicators)
    leeftijd: str = PROFIEL_LEEFTIJD  # its age group

    @property
    def dichtheid(self) -> float:
        """Inhabitants per km² of land, from the summed inhabitants and area (not an average of densities)."""
        return self.inwoners / (self.oppervlakte_ha / 100) if self.oppervlakte_ha else float("nan")


def profile(
    gebied: Gebied,
    wijken: pd.DataFrame,
    figures: pd.DataFrame,
    activiteit_wijken: Iterable[str],
    gemeente_inwoners: int,
    indicator: str = PROFIEL_INDICATOR,
    periode: int | None = None,
    leeftijd: str = PROFIEL_LEEFTIJD,
) -> GebiedProfiel:
    """The area's profile. Sums for counts; the chosen loneliness figure per wijk (survey estimates are
    not averaged). Without a period: the latest one with figures."""
    deel = wijken[wijken["wijk_code"].isin(gebied.wijken)].copy()
    if len(deel) != len(gebied.wijken):
        ontbreekt = sorted(set(gebied.wijken) - set(deel["wijk_code"]))
        raise DataFout(f"Wijk {ontbreekt[0]} van gebied '{gebied.naam}' staat niet in de wijktabel", kolom="wijken")
    sel = figures[
        figures["regio_code"].isin(gebied.wijken)
        & (figures["indicator"] == indicator)
        & (figures["leeftijd"] == leeftijd)
    ]
    if periode is None:
        periode = int(sel["periode"].max()) if len(sel) else None
    sel = sel[sel["periode"] == periode].set_index("regio_code") if periode is not None else sel.set_index("regio_code")
    deel["dichtheid"] = deel["inwoners"] / (deel["oppervlakte_land_ha"] / 100)
    for kolom in ("waarde", "ondergrens", "bovengrens"):
        deel[kolom] = deel["wijk_code"].map(sel[kolom]) if len(sel) else float("nan")
    deel["bron"] = deel["wijk_code"].map(sel["bron"]) if len(sel) else None
    deel["illustratief"] = deel["wijk_code"].map(sel["illustratief"]).fillna(False).astype(bool) if len(sel) else False
    teller = pd.Series(list(activiteit_wijken), dtype=object).value_counts()
    deel["activiteiten"] = deel["wijk_code"].map(teller).fillna(0).astype(int)
    inwoners = int(deel["inwoners"].sum())
    return GebiedProfiel(
        gebied=gebied,
        inwoners=inwoners,
        oppervlakte_ha=int(deel["oppervlakte_land_ha"].sum()),
        aandeel_gemeente=inwoners / gemeente_inwoners if gemeente_inwoners else float("nan"),
        per_wijk=deel[
            [
                "wijk_code",
                "wijk_naam",
                "inwoners",
                "oppervlakte_land_ha",
                "dichtheid",
                "waarde",
                "ondergrens",
                "bovengrens",
                "illustratief",
                "activiteiten",
                "bron",
            ]
        ].reset_index(drop=True),
        activiteiten=int(deel["activiteiten"].sum()),
        periode=periode,
        illustratief=bool(deel["illustratief"].any()),
        indicator=indicator,
        leeftijd=leeftijd,
    )


def tabel_per_wijk(p: GebiedProfiel) -> pd.DataFrame:
    """The page's table: one row per wijk with its own estimate and 95% margin; an example value carries
    its mark (◇) in the value and in the Voorbeeldcijfer column."""
    label = INDICATOREN[p.indicator].label
    rows = []
    for r in p.per_wijk.itertuples():
        heeft = pd.notna(r.waarde)
        marge = pd.notna(r.ondergrens) and pd.notna(r.bovengrens)
        rows.append(
            {
                "Wijk": f"{r.wijk_naam} ({r.wijk_code})",
                "Inwoners": getallen.getal(r.inwoners),
                "Land (ha)": getallen.getal(r.oppervlakte_land_ha),
                "Per km²": getallen.getal(r.dichtheid),
                f"{label} (%)": getallen.procent(r.waarde, 1) + vb.kort_merk(bool(r.illustratief))
                if heeft
                else "geen cijfer",
                "95%-marge": f"{getallen.getal(r.ondergrens, 1)} tot {getallen.getal(r.bovengrens, 1)}"
                if heeft and marge
                else "",
                vb.KOLOM: vb.cel(bool(r.illustratief)) if heeft else "",
                "Activiteiten": int(r.activiteiten),
            }
        )
    return pd.DataFrame(rows)


def samenvatting(p: GebiedProfiel) -> str:
    """One plain Dutch paragraph about the area."""
    namen = " en ".join(p.per_wijk["wijk_naam"])
    return (
        f"{p.gebied.naam} bestaat uit {namen}. Er wonen {getallen.getal(p.inwoners)} mensen "
        f"({getallen.procent(p.aandeel_gemeente * 100, 1)} van de gemeente), op {getallen.getal(p.oppervlakte_ha)} ha land: "
        f"{getallen.getal(p.dichtheid)} inwoners per km². In de sociale kaart staan {p.activiteiten} activiteiten in dit gebied."
    )


UITLEG_PER_WIJK = (
    "Inwoners, oppervlakte en activiteiten tellen we op voor het hele gebied; de dichtheid rekenen we uit die "
    "totalen. Het percentage eenzamen tonen we per wijk en niet als één getal voor het gebied: de wijkcijfers "
    "zijn schattingen uit een steekproef (Gezondheidsmonitor) met elk een eigen marge. Een gemiddelde van twee "
    "schattingen heeft geen bekende marge en zou zekerder lijken dan het is."
)
