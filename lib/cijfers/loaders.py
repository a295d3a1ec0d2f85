"""Load and validate the shipped data. Every problem becomes a DataFout naming file, row and column.

Rows are numbered as in a spreadsheet: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.cijfers.meta import bronnen
from lib.kern.config import DATA_DIR, gemeente, gemeente_data_dir
from lib.kern.errors import DataFout
from lib.regio.codes import BUURT_PATTERN, NEDERLAND, REGIO_PATTERN, WIJK_PATTERN, wijk_van_buurt

FIGURE_COLUMNS = [
    "regio_code",
    "periode",
    "leeftijd",
    "indicator",
    "waarde",
    "ondergrens",
    "bovengrens",
    "bron",
    "illustratief",
    "noot",
]
FIGURE_KEY = ["regio_code", "periode", "leeftijd", "indicator"]


def gemeente_file(name: str) -> Path:
    """One of the configured gemeente's files; a clear message when that gemeente is not prepared yet."""
    folder = gemeente_data_dir()
    if not folder.is_dir():
        g = gemeente()
        raise DataFout(
            f"Er zijn nog geen grenzen voor {g.naam} ({g.code}). Zet ze klaar met 'python -m lib.regio.gemeente "
            f"prepare --gemeente {g.code} --naam … --buurten <CBS-buurtlaag.geojson>' (zie de README)",
            bestand=str(folder),
        )
    return folder / name


def read_text_csv(path: Path) -> pd.DataFrame:
    """A UTF-8 CSV file with every cell as text (validation types it); DataFout if absent or unreadable."""
    path = Path(path)
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError as err:
        raise DataFout("Bestand ontbreekt", bestand=path.name) from err
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataFout(f"Geen leesbaar CSV-bestand: {err}", bestand=path.name) from err


def read_json(path: Path, soort: str = "GeoJSON"):
    """A UTF-8 JSON file; DataFout naming the file if absent or not valid JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise DataFout("Bestand ontbreekt", bestand=Path(path).name) from err
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DataFout(f"Geen geldige {soort}: {err}", bestand=Path(path).name) from err


def _read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    df = read_text_csv(path)
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise DataFout(f"Kolom ontbreekt: {', '.join(missing)}", bestand=path.name, kolom=missing[0])
    if df.empty:
        raise DataFout("Het bestand bevat geen rijen", bestand=path.name)
    return df


def _first_bad(mask: pd.Series) -> int | None:
    """Spreadsheet row number of the first True in mask, or None."""
    bad = mask.to_numpy().nonzero()[0]
    return int(bad[0]) + 2 if len(bad) else None


def _check(mask: pd.Series, melding: str, path: Path, kolom: str, values: pd.Series | None = None) -> None:
    rij = _first_bad(mask)
    if rij is not None:
        if values is not None:
            melding = f"{melding}: '{values.iloc[rij - 2]}'"
        raise DataFout(melding, bestand=path.name, rij=rij, kolom=kolom)


def _numbers(df: pd.DataFrame, kolom: str, path: Path, *, required: bool) -> pd.Series:
    text = df[kolom].str.strip().str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text.where(text != ""), errors="coerce")
    not_a_number = numbers.isna() & (text != "")
    _check(not_a_number, "Geen getal", path, kolom, df[kolom])
    if required:
        _check(numbers.isna(), "Waarde ontbreekt", path, kolom)
    return numbers


def validate_figures(df: pd.DataFrame, path: Path, known_sources: set[str] | None = None) -> pd.DataFrame:
    """Validate a raw (all-text) figures table and return it typed, in long format."""
    missing = [c for c in FIGURE_COLUMNS if c not in df.columns]
    if missing:
        raise DataFout(f"Kolom ontbreekt: {', '.join(missing)}", bestand=path.name, kolom=missing[0])
    df = df[FIGURE_COLUMNS].copy()
    df["regio_code"] = df["regio_code"].str.strip().str.upper()
    _check(~df["regio_code"].str.match(REGIO_PATTERN), "Onbekende regiocode", path, "regio_code", df["regio_code"])
    periode = pd.to_numeric(df["periode"].str.strip(), errors="coerce")
    _check(
        periode.isna() | (periode < 2000) | (periode > 2100),
        "Periode moet een jaartal zijn",
        path,
        "periode",
        df["periode"],
    )
    _check(~df["leeftijd"].isin(LEEFTIJDEN), "Onbekende leeftijdsgroep", path, "leeftijd", df["leeftijd"])
    _check(~df["indicator"].isin(INDICATOREN), "Onbekende indicator", path, "indicator", df["indicator"])
    values = {k: _numbers(df, k, path, required=(k == "waarde")) for k in ("waarde", "ondergrens", "bovengrens")}
    for kolom, series in values.items():
        _check((series < 0) | (series > 100), "Percentage moet tussen 0 en 100 liggen", path, kolom, df[kolom])
    _check(values["ondergrens"] > values["waarde"], "Ondergrens is groter dan de waarde", path, "ondergrens")
    _check(values["bovengrens"] < values["waarde"], "Bovengrens is kleiner dan de waarde", path, "bovengrens")
    sources = known_sources if known_sources is not None else set(bronnen())
    _check(~df["bron"].isin(sources), "Onbekende bron", path, "bron", df["bron"])
    _check(~df["illustratief"].isin(["ja", "nee"]), "Kies 'ja' of 'nee'", path, "illustratief", df["illustratief"])
    typed = pd.DataFrame(
        {
            "regio_code": df["regio_code"],
            "periode": periode.astype(int),
            "leeftijd": df["leeftijd"],
            "indicator": df["indicator"],
            **values,
            "bron": df["bron"],
            "illustratief": df["illustratief"] == "ja",
            "noot": df["noot"].fillna(""),
        }
    )
    _check(
        typed.duplicated(FIGURE_KEY), "Dubbele rij (zelfde regio, periode, leeftijd en indicator)", path, "regio_code"
    )
    return typed.reset_index(drop=True)


SHIPPED_FIGURES = DATA_DIR / "eenzaamheid.csv"


def load_figures(path: Path | None = None) -> pd.DataFrame:
    """The shipped loneliness figures, validated, one row per region x period x age group x indicator.

    Without a path: the configured gemeente's eenzaamheid.csv; a gemeente without one gets the
    national rows (NL01) of the shipped table, until its real figures are imported.
    """
    if path is not None:
        return validate_figures(_read_csv(Path(path), FIGURE_COLUMNS), Path(path))
    own = gemeente_data_dir() / "eenzaamheid.csv"
    if own.exists():
        return validate_figures(_read_csv(own, FIGURE_COLUMNS), own)
    national = validate_figures(_read_csv(SHIPPED_FIGURES, FIGURE_COLUMNS), SHIPPED_FIGURES)
    return national[national["regio_code"] == NEDERLAND].reset_index(drop=True)


def load_wijken(path: Path | None = None) -> pd.DataFrame:
    """The wijk table: wijk_code, wijk_naam, inwoners, oppervlakte (ha)."""
    path = Path(path) if path is not None else gemeente_file("wijken.csv")
    df = _read_csv(path, ["wijk_code", "wijk_naam", "inwoners", "oppervlakte_land_ha"])
    _check(~df["wijk_code"].str.match(WIJK_PATTERN), "Onbekende wijkcode", path, "wijk_code", df["wijk_code"])
    _check(df["wijk_naam"].str.strip() == "", "Wijknaam ontbreekt", path, "wijk_naam")
    for kolom in ("inwoners", "oppervlakte_land_ha"):
        numbers = _numbers(df, kolom, path, required=True)
        _check(numbers < 0, "Mag niet negatief zijn", path, kolom, df[kolom])
        df[kolom] = numbers.astype(int)
    _check(df["wijk_code"].duplicated(), "Wijkcode komt twee keer voor", path, "wijk_code", df["wijk_code"])
    return df


def load_buurten(path: Path | None = None) -> pd.DataFrame:
    """The buurt table: buurt_code, buurt_naam, wijk_code (a buurt BU0502WWBB lies in WK0502WW)."""
    path = Path(path) if path is not None else gemeente_file("buurten.csv")
    df = _read_csv(path, ["buurt_code", "buurt_naam", "wijk_code"])
    _check(~df["buurt_code"].str.match(BUURT_PATTERN), "Onbekende buurtcode", path, "buurt_code", df["buurt_code"])
    _check(
        df["wijk_code"] != df["buurt_code"].map(wijk_van_buurt),
        "Buurt ligt niet in deze wijk",
        path,
        "wijk_code",
        df["wijk_code"],
    )
    return df


def load_gemeente(path: Path | None = None) -> dict:
    """The gemeente row: code, naam, inwoners."""
    path = Path(path) if path is not None else gemeente_file("gemeente.csv")
    df = _read_csv(path, ["gemeente_code", "gemeente_naam", "inwoners"])
    inwoners = _numbers(df, "inwoners", path, required=True)
    return {"code": df.loc[0, "gemeente_code"], "naam": df.loc[0, "gemeente_naam"], "inwoners": int(inwoners[0])}


def load_geojson(path: Path, code_field: str, pattern: re.Pattern = REGIO_PATTERN) -> dict:
    """A GeoJSON FeatureCollection of (multi)polygons, each with a valid region code in `code_field`."""
    data = read_json(path)
    name = Path(path).name
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DataFout("Geen GeoJSON FeatureCollection", bestand=name)
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise DataFout("De kaart bevat geen gebieden", bestand=name)
    for i, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise DataFout("Gebied zonder (multi)polygoon", bestand=name, rij=i, kolom="geometry")
        if not isinstance(geometry.get("coordinates"), list) or not geometry["coordinates"]:
            raise DataFout("Gebied zonder coördinaten", bestand=name, rij=i, kolom="geometry")
        code = (props or {}).get(code_field)
        if not isinstance(code, str) or not pattern.match(code):
            raise DataFout(f"Ongeldige of ontbrekende code: {code!r}", bestand=name, rij=i, kolom=code_field)
    return data


def load_wijk_geojson(path: Path | None = None) -> dict:
    path = Path(path) if path is not None else gemeente_file("wijken.geojson")
    return load_geojson(path, "wijk_code", WIJK_PATTERN)


def load_buurt_geojson(path: Path | None = None) -> dict:
    path = Path(path) if path is not None else gemeente_file("buurten.geojson")
    return load_geojson(path, "buurt_code", BUURT_PATTERN)
