"""The activity catalogue (sociale kaart): typed records loaded and validated from data/aanbod.yaml.

The plan names the activities and organisations; schedules, addresses, costs and coordinates it
does not give are invented and listed per item in `illustratief`, so the UI can say so.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.aanbod.begrippen import (
    BEWIJSNIVEAUS,
    DAGEN,
    DOELGROEPEN,
    ILLUSTRATIEVE_VELDEN,
    LEVENSGEBEURTENISSEN,
    MECHANISMEN,
    STATUS,
    TOEGANKELIJKHEID,
)
from lib.cijfers.indicators import VORMEN
from lib.kern import getallen
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout
from lib.kern.yamlcheck import Fields, read_yaml
from lib.plan.themas import THEMAS
from lib.regio import geometrie

AANBOD_PATH = DATA_DIR / "aanbod.yaml"
GEMEENTEBREED = "gemeente"
WIJK_PATTERN = re.compile(r"^WK0502\d{2}$")
# Capelle aan den IJssel with a margin: coordinates outside are a typo, not a place.
LAT_RANGE, LON_RANGE = (51.89, 51.98), (4.52, 4.64)

FIELDS = (
    "id",
    "naam",
    "organisatie",
    "omschrijving",
    "doelgroepen",
    "vormen",
    "mechanismen",
    "levensgebeurtenissen",
    "thema",
    "wijk",
    "locatie",
    "lat",
    "lon",
    "dagen",
    "tijden",
    "kosten_eur",
    "kosten_toelichting",
    "toegankelijkheid",
    "leeftijd_min",
    "leeftijd_max",
    "contact",
    "bewijs",
    "bijgewerkt",
    "status",
    "illustratief",
    "actie",
)


@dataclass(frozen=True)
class Activiteit:
    """One activity or service of the catalogue."""

    id: str
    naam: str
    organisatie: str
    omschrijving: str
    doelgroepen: tuple[str, ...]
    vormen: tuple[str, ...]
    mechanismen: tuple[str, ...]
    levensgebeurtenissen: tuple[str, ...]
    thema: int
    wijk: str  # WK0502xx or "gemeente" (whole gemeente)
    locatie: str
    lat: float | None
    lon: float | None
    dagen: tuple[str, ...]  # empty: on appointment, or always
    tijden: str
    kosten_eur: float
    kosten_toelichting: str
    toegankelijkheid: tuple[str, ...]
    leeftijd_min: int | None
    leeftijd_max: int | None
    contact: str
    bewijs: str
    bijgewerkt: dt.date | None  # the day the details were really checked; None: never checked
    status: str
    illustratief: tuple[str, ...]
    actie: str = ""  # the plan action this activity carries out ("2.2"), if any: see lib.plan.samenhang

    @property
    def gemeentebreed(self) -> bool:
        return self.wijk == GEMEENTEBREED

    @property
    def heeft_locatie(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def gratis(self) -> bool:
        return self.kosten_eur == 0

    def illustratief_label(self) -> str:
        """Plain Dutch line naming the invented details, e.g. 'Voorbeeld, niet uit het plan: adres en tijden.'"""
        if not self.illustratief:
            return ""
        names = [ILLUSTRATIEVE_VELDEN[v] for v in self.illustratief]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
        return f"Voorbeeld, niet uit het plan: {joined}."


NIET_GECONTROLEERD = "niet gecontroleerd"


def _gecontroleerd(f: Fields) -> dt.date | None:
    """`bijgewerkt` holds a date only when someone really checked the details on that day; until
    then it says 'niet gecontroleerd' (a date of writing is no check)."""
    value = f.raw.get("bijgewerkt")
    if value is None or (isinstance(value, str) and value.strip().lower() == NIET_GECONTROLEERD):
        return None
    return f.date("bijgewerkt")


def bijgewerkt_tekst(a: Activiteit) -> str:
    """'12-03-2027' when checked on that day, else 'niet gecontroleerd'."""
    return getallen.datum_kort(a.bijgewerkt) if a.bijgewerkt else NIET_GECONTROLEERD


def _activiteit(raw, bestand: str, index: int, wijk_codes: set[str] | None) -> Activiteit:
    label = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"item {index}"
    f = Fields(raw, bestand, label, FIELDS)
    wijk = f.text("wijk")
    if wijk != GEMEENTEBREED and not WIJK_PATTERN.match(wijk):
        f.fail(f"Onbekende wijk '{wijk}' (gebruik een wijkcode als WK050206 of 'gemeente')", "wijk")
    if wijk_codes is not None and wijk != GEMEENTEBREED and wijk not in wijk_codes:
        f.fail(f"Wijk '{wijk}' bestaat niet in Capelle", "wijk")
    lat = f.number("lat", required=False, low=LAT_RANGE[0], high=LAT_RANGE[1])
    lon = f.number("lon", required=False, low=LON_RANGE[0], high=LON_RANGE[1])
    if (lat is None) != (lon is None):
        f.fail("Geef lat en lon allebei, of geen van beide", "lat" if lat is None else "lon")
    if wijk != GEMEENTEBREED and lat is None:
        f.fail("Een activiteit in een wijk heeft coördinaten nodig", "lat")
    leeftijd_min = f.integer("leeftijd_min", required=False, low=0, high=120)
    leeftijd_max = f.integer("leeftijd_max", required=False, low=0, high=120)
    if leeftijd_min is not None and leeftijd_max is not None and leeftijd_min > leeftijd_max:
        f.fail("leeftijd_min is groter dan leeftijd_max", "leeftijd_min")
    return Activiteit(
        id=f.slug("id"),
        naam=f.text("naam", max_len=120),
        organisatie=f.text("organisatie", max_len=120),
        omschrijving=f.text("omschrijving"),
        doelgroepen=f.choices("doelgroepen", DOELGROEPEN),
        vormen=f.choices("vormen", VORMEN),
        mechanismen=f.choices("mechanismen", MECHANISMEN),
        levensgebeurtenissen=f.choices("levensgebeurtenissen", LEVENSGEBEURTENISSEN, required=False),
        thema=f.choice("thema", THEMAS),
        wijk=wijk,
        locatie=f.text("locatie", required=lat is not None, max_len=200),
        lat=lat,
        lon=lon,
        dagen=f.choices("dagen", DAGEN, required=False),
        tijden=f.text("tijden", max_len=200),
        kosten_eur=f.number("kosten_eur", low=0, high=10_000),
        kosten_toelichting=f.text("kosten_toelichting", required=False, max_len=200),
        toegankelijkheid=f.choices("toegankelijkheid", TOEGANKELIJKHEID, required=False),
        leeftijd_min=leeftijd_min,
        leeftijd_max=leeftijd_max,
        contact=f.text("contact", max_len=200),
        bewijs=f.choice("bewijs", BEWIJSNIVEAUS),
        bijgewerkt=_gecontroleerd(f),
        status=f.choice("status", STATUS, required=False, default="lopend"),
        illustratief=f.choices("illustratief", ILLUSTRATIEVE_VELDEN, required=False),
        actie=_actie_id(f),
    )


def _actie_id(f: Fields) -> str:
    """An action id of the plan such as '2.2' (quoted in YAML, or 1.1 would read as a number)."""
    if not f.present("actie"):
        return ""
    value = f.raw["actie"]
    if not isinstance(value, str) or not re.fullmatch(r"[1-9]\.[1-9]\d?", value.strip()):
        f.fail(f"Verwacht een actienummer van het plan tussen aanhalingstekens, zoals \"2.2\", niet '{value}'", "actie")
    return value.strip()


def parse_aanbod(raw, bestand: str = "aanbod.yaml", wijk_codes: set[str] | None = None) -> tuple[Activiteit, ...]:
    """Validate the parsed YAML (a mapping with `activiteiten: [...]`) and return typed records."""
    if not isinstance(raw, dict) or not isinstance(raw.get("activiteiten"), list):
        raise DataFout("Verwacht een lijst 'activiteiten:' bovenaan het bestand", bestand=bestand)
    items = tuple(_activiteit(item, bestand, i, wijk_codes) for i, item in enumerate(raw["activiteiten"], start=1))
    if not items:
        raise DataFout("De catalogus bevat geen activiteiten", bestand=bestand)
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise DataFout(f"Id '{item.id}' komt twee keer voor", bestand=bestand, kolom="id")
        seen.add(item.id)
    return items


def load_aanbod(path: Path = AANBOD_PATH, wijk_codes: set[str] | None = None) -> tuple[Activiteit, ...]:
    """The activity catalogue, validated; raises DataFout naming file, item and field."""
    return parse_aanbod(read_yaml(path), Path(path).name, wijk_codes)


def by_id(aanbod: tuple[Activiteit, ...]) -> dict[str, Activiteit]:
    return {a.id: a for a in aanbod}


def wijk_centra(geojson: dict) -> dict[str, tuple[float, float]]:
    """(lat, lon) of a point inside each wijk (shapely's representative point), by wijk code."""
    return {f["properties"]["wijk_code"]: geometrie.binnenpunt(f["geometry"]) for f in geojson["features"]}


def to_frame(aanbod: tuple[Activiteit, ...], wijk_namen: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per activity, lists joined as readable Dutch text (for tables and CSV downloads)."""
    wijk_namen = wijk_namen or {}

    def labels(keys, vocab):
        return ", ".join(vocab[k] if not isinstance(vocab[k], tuple) else vocab[k][0] for k in keys)

    rows = [
        {
            "id": a.id,
            "naam": a.naam,
            "organisatie": a.organisatie,
            "omschrijving": a.omschrijving,
            "doelgroepen": labels(a.doelgroepen, DOELGROEPEN),
            "vormen van eenzaamheid": ", ".join(a.vormen),
            "werkzaam mechanisme": labels(a.mechanismen, MECHANISMEN),
            "thema": f"{a.thema}. {THEMAS[a.thema].naam}",
            "wijk": "Heel Capelle" if a.gemeentebreed else wijk_namen.get(a.wijk, a.wijk),
            "wijk_code": a.wijk,
            "locatie": a.locatie,
            "lat": a.lat,
            "lon": a.lon,
            "dagen": ", ".join(DAGEN[d] for d in a.dagen),
            "tijden": a.tijden,
            "kosten_eur": a.kosten_eur,
            "kosten_toelichting": a.kosten_toelichting,
            "toegankelijkheid": labels(a.toegankelijkheid, TOEGANKELIJKHEID),
            "contact": a.contact,
            "bewijsniveau": BEWIJSNIVEAUS[a.bewijs],
            "status": STATUS[a.status],
            "laatst bijgewerkt": a.bijgewerkt.isoformat() if a.bijgewerkt else NIET_GECONTROLEERD,
            "voorbeeldgegevens": ", ".join(ILLUSTRATIEVE_VELDEN[v] for v in a.illustratief),
        }
        for a in aanbod
    ]
    return pd.DataFrame(rows)


# --- search and filters (the sociale kaart) -----------------------------------------------------

KOSTEN_KEUZES: dict[str, str] = {"alle": "Alle", "gratis": "Gratis", "tot5": "Tot € 5"}


@dataclass(frozen=True)
class Filter:
    """The user's choices on the aanbod page; empty tuples mean 'no restriction'."""

    zoek: str = ""
    wijken: tuple[str, ...] = ()
    met_gemeentebreed: bool = True  # with a wijk chosen, also show what serves the whole gemeente
    doelgroepen: tuple[str, ...] = ()
    vormen: tuple[str, ...] = ()
    themas: tuple[int, ...] = ()
    kosten: str = "alle"
    dagen: tuple[str, ...] = ()
    toegankelijkheid: tuple[str, ...] = ()
    organisaties: tuple[str, ...] = ()
    alleen_lopend: bool = False


def _plain(text: str) -> str:
    """Lower case without accents, so 'creatief' finds 'Créatief' and 'existentiele' finds 'existentiële'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def zoektekst(a: Activiteit) -> str:
    return _plain(" ".join((a.naam, a.organisatie, a.omschrijving, a.locatie, " ".join(a.vormen))))


def filter_aanbod(aanbod: tuple[Activiteit, ...], f: Filter) -> tuple[Activiteit, ...]:
    """The activities matching every choice (within one filter any of the chosen values counts).

    Target groups: an activity for 'iedereen' matches any chosen group. Days: activities without
    fixed days (on appointment, always) match any chosen day. Accessibility: all chosen must hold.
    """
    woorden = _plain(f.zoek).split()
    out = []
    for a in aanbod:
        if woorden and not all(w in zoektekst(a) for w in woorden):
            continue
        if f.wijken and a.wijk not in f.wijken and not (f.met_gemeentebreed and a.gemeentebreed):
            continue
        if f.doelgroepen and not (set(f.doelgroepen) & set(a.doelgroepen) or "iedereen" in a.doelgroepen):
            continue
        if f.vormen and not set(f.vormen) & set(a.vormen):
            continue
        if f.themas and a.thema not in f.themas:
            continue
        if f.kosten == "gratis" and a.kosten_eur > 0:
            continue
        if f.kosten == "tot5" and a.kosten_eur > 5:
            continue
        if f.dagen and a.dagen and not set(f.dagen) & set(a.dagen):
            continue
        if f.toegankelijkheid and not set(f.toegankelijkheid) <= set(a.toegankelijkheid):
            continue
        if f.organisaties and a.organisatie not in f.organisaties:
            continue
        if f.alleen_lopend and a.status != "lopend":
            continue
        out.append(a)
    return tuple(out)


def organisaties(aanbod: tuple[Activiteit, ...]) -> list[str]:
    """The organisations in the catalogue, alphabetical."""
    return sorted({a.organisatie for a in aanbod}, key=str.casefold)
