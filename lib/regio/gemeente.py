"""Serve any gemeente: turn the CBS Wijk- en buurtkaart layers a user provides into our data folder.

Input: the buurt layer (and optionally the wijk layer) of the CBS Wijk- en buurtkaart as GeoJSON,
in WGS84 or in RD New (EPSG:28992), as PDOK or QGIS export it. Property names of recent
(``buurtcode``, ``buurtnaam``, ``wijkcode``, ``gemeentecode``, ``aantal_inwoners``) and older
(``BU_CODE``, ``BU_NAAM``, ``WK_CODE``, ``GM_CODE``, ``AANT_INW``) vintages are understood.

Output, in the gemeente's data folder (lib.kern.config.gemeente_data_dir): wijken.geojson,
buurten.geojson (WGS84, our property names), wijken.csv, buurten.csv and gemeente.csv, the files
lib.cijfers.loaders reads. The map and every other page then work unchanged for that gemeente.

Command line::

    python -m lib.regio.gemeente prepare --gemeente GM0599 --naam Rotterdam --buurten buurten.geojson \
        [--wijken wijken.geojson] [--out map]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

from shapely.geometry import shape

from lib.cijfers import loaders
from lib.kern.config import user_data_dir
from lib.kern.errors import DataFout
from lib.regio import codes, geometrie

FIELDS = {
    "buurt_code": ("buurtcode", "bu_code", "statcode"),
    "buurt_naam": ("buurtnaam", "bu_naam", "statnaam"),
    "wijk_code": ("wijkcode", "wk_code"),
    "wijk_naam": ("wijknaam", "wk_naam"),
    "gemeente_code": ("gemeentecode", "gm_code"),
    "inwoners": ("aantal_inwoners", "aant_inw"),
    "water": ("water",),
}


def _prop(props: dict, veld: str):
    lower = {str(k).lower(): v for k, v in props.items()}
    for name in (veld, *FIELDS[veld]):
        if name in lower and lower[name] not in (None, ""):
            return lower[name]
    return None


def _read(path: Path) -> dict:
    data = loaders.read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise DataFout("Geen GeoJSON FeatureCollection", bestand=Path(path).name)
    return data


def is_rd_new(data: dict) -> bool:
    """RD New when the file says so (crs member) or when coordinates are metres, not degrees."""
    crs = json.dumps(data.get("crs") or "")
    if "28992" in crs:
        return True
    for feature in data["features"][:20]:
        geom = (feature or {}).get("geometry") or {}
        coords = geom.get("coordinates")
        while isinstance(coords, list) and coords and isinstance(coords[0], list):
            coords = coords[0]
        if isinstance(coords, list) and len(coords) >= 2 and abs(float(coords[0])) > 180:
            return True
    return False


def _geometries(data: dict, name: str) -> list[tuple[dict, object]]:
    """(properties, WGS84 geometry) per feature."""
    rd = is_rd_new(data)
    out = []
    for i, feature in enumerate(data["features"], start=1):
        try:
            geom = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise DataFout(f"Ongeldige geometrie: {err}", bestand=name, rij=i, kolom="geometry") from err
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise DataFout("Gebied zonder (multi)polygoon", bestand=name, rij=i, kolom="geometry")
        out.append((feature.get("properties") or {}, geometrie.to_wgs84(geom) if rd else geom))
    return out


def prepare(
    gemeente_code: str, gemeente_naam: str, buurten_path: Path, out_dir: Path, wijken_path: Path | None = None
) -> dict:
    """Write the gemeente's data folder from CBS boundary layers; returns counts for a summary."""
    code = gemeente_code.strip().upper()
    if not re.fullmatch(r"GM\d{4}", code):
        raise DataFout(f"Ongeldige gemeentecode '{code}' (verwacht GM en vier cijfers)")
    digits = code[2:]
    name = Path(buurten_path).name
    buurten = []
    for i, (props, wgs) in enumerate(_geometries(_read(buurten_path), name), start=1):
        bu = str(_prop(props, "buurt_code") or "").strip().upper()
        if not bu.startswith(f"BU{digits}"):
            continue  # a national layer: keep only this gemeente
        if str(_prop(props, "water") or "").upper() == "JA":
            continue
        if not re.fullmatch(r"BU\d{8}", bu):
            raise DataFout(f"Ongeldige buurtcode '{bu}'", bestand=name, rij=i, kolom="buurtcode")
        inwoners = _prop(props, "inwoners")
        try:
            inwoners = max(0, int(float(inwoners))) if inwoners is not None else 0
        except ValueError:
            inwoners = 0
        buurten.append(
            {
                "buurt_code": bu,
                "buurt_naam": str(_prop(props, "buurt_naam") or bu).strip(),
                "wijk_code": codes.wijk_van_buurt(bu),
                "wijk_naam": _prop(props, "wijk_naam"),
                "inwoners": inwoners,
                "wgs": wgs,
            }
        )
    if not buurten:
        raise DataFout(f"Geen buurten van {code} in dit bestand (verwacht buurtcodes BU{digits}…)", bestand=name)
    if len({b["buurt_code"] for b in buurten}) != len(buurten):
        raise DataFout("Een buurtcode komt twee keer voor", bestand=name, kolom="buurtcode")

    wijk_namen: dict[str, str] = {b["wijk_code"]: str(b["wijk_naam"]) for b in buurten if b["wijk_naam"]}
    wijk_geoms: dict[str, tuple] = {}
    if wijken_path is not None:
        wname = Path(wijken_path).name
        for props, wgs in _geometries(_read(wijken_path), wname):
            wk = str(_prop(props, "wijk_code") or "").strip().upper()
            if wk.startswith(f"WK{digits}"):
                wijk_namen[wk] = str(_prop(props, "wijk_naam") or wijk_namen.get(wk) or wk).strip()
                wijk_geoms[wk] = wgs
    wijk_codes = sorted({b["wijk_code"] for b in buurten})
    wijken = []
    for wk in wijk_codes:
        members = [b for b in buurten if b["wijk_code"] == wk]
        wgs = wijk_geoms.get(wk) or geometrie.dissolve([b["wgs"] for b in members])
        wijken.append(
            {
                "wijk_code": wk,
                "wijk_naam": wijk_namen.get(wk, f"Wijk {wk[-2:]}"),
                "inwoners": sum(b["inwoners"] for b in members),
                "ha": round(geometrie.area_ha(wgs)),
                "wgs": wgs,
            }
        )

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    def collection(items, props):
        return {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {p: it[p] for p in props}, "geometry": geometrie.rounded(it["wgs"], 6)}
                for it in items
            ],
        }

    (out_dir / "buurten.geojson").write_text(
        json.dumps(collection(buurten, ("buurt_code", "buurt_naam", "wijk_code")), ensure_ascii=False), encoding="utf-8"
    )
    (out_dir / "wijken.geojson").write_text(
        json.dumps(collection(wijken, ("wijk_code", "wijk_naam")), ensure_ascii=False), encoding="utf-8"
    )
    with (out_dir / "wijken.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "wijk_code",
                "wijk_naam",
                "inwoners",
                "oppervlakte_land_ha",
                "oppervlakte_totaal_ha",
                "oppervlakte_kaart_ha",
            ]
        )
        for wk in wijken:
            w.writerow([wk["wijk_code"], wk["wijk_naam"], wk["inwoners"], wk["ha"], wk["ha"], wk["ha"]])
    with (out_dir / "buurten.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["buurt_code", "buurt_naam", "wijk_code"])
        for b in buurten:
            w.writerow([b["buurt_code"], b["buurt_naam"], b["wijk_code"]])
    total_ha = sum(wk["ha"] for wk in wijken)
    with (out_dir / "gemeente.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["gemeente_code", "gemeente_naam", "inwoners", "oppervlakte_land_ha", "oppervlakte_totaal_ha"])
        w.writerow([code, gemeente_naam.strip() or code, sum(b["inwoners"] for b in buurten), total_ha, total_ha])
    return {"wijken": len(wijken), "buurten": len(buurten), "map": str(out_dir)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.regio.gemeente", description="Een andere gemeente voorbereiden")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    p = sub.add_parser("prepare", help="grenzen van een gemeente klaarzetten uit de CBS Wijk- en buurtkaart")
    p.add_argument("--gemeente", required=True, help="gemeentecode, bijvoorbeeld GM0599")
    p.add_argument("--naam", required=True, help="naam van de gemeente")
    p.add_argument("--buurten", required=True, type=Path, help="GeoJSON van de buurtlaag (WGS84 of RD New)")
    p.add_argument("--wijken", type=Path, default=None, help="GeoJSON van de wijklaag (optioneel)")
    p.add_argument("--out", type=Path, default=None, help="uitvoermap (standaard <gebruikersmap>/gemeenten/<code>)")
    args = parser.parse_args(argv)
    code = args.gemeente.strip().upper()
    out = args.out or user_data_dir() / "gemeenten" / code
    try:
        result = prepare(code, args.naam, args.buurten, out, args.wijken)
    except DataFout as err:
        print(str(err))
        return 1
    print(f"Klaar: {result['wijken']} wijken en {result['buurten']} buurten in {result['map']}.")
    print(f"Start het dashboard met MEER_SAMEN_GEMEENTE_CODE={code} MEER_SAMEN_GEMEENTE_NAAM='{args.naam}'", end="")
    print("" if args.out is None else f" MEER_SAMEN_GEMEENTE_DIR={out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
