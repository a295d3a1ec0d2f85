"""Build the project's boundary and wijk files from the CBS copies in ../shared/data.

Run from the repository root:  python scripts/build_geodata.py [--shared ../shared/data]

Outputs (committed):
- data/buurten.geojson   79 buurten, properties reduced to buurt_code, buurt_naam, wijk_code
- data/wijken.geojson    9 wijken, dissolved from the buurten (the generalised CBS wijk layer
                         is too coarse: Rivium has about half its real area there)
- data/wijken.csv        wijk_code, wijk_naam, inwoners (CBS 2024), land and total area
- data/buurten.csv       buurt_code, buurt_naam, wijk_code
- data/gemeente.csv      the gemeente row of the same CBS table

It prints, per wijk, the dissolved area against the CBS land area so the check can be repeated.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a file from the repository root: import the project's lib

from lib.regio.codes import wijk_van_buurt  # noqa: E402
from lib.regio.geometrie import area_ha, dissolve, rounded  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    src = args.shared

    buurten_src = json.loads((src / "capelle_buurten_2022.geojson").read_text(encoding="utf-8"))
    codes = list(csv.DictReader((src / "capelle_wijk_buurt_codes_2022.csv").open(encoding="utf-8")))
    wijk_names = {r["statcode"]: r["statnaam"] for r in codes if r["rubriek"] == "wijk"}
    kwb = {
        r["WijkenEnBuurten"]: r
        for r in csv.DictReader((src / "kwb2024_capelle_wijken_stripped.csv").open(encoding="utf-8"))
    }

    buurt_features, per_wijk = [], {}
    for feat in buurten_src["features"]:
        p = feat["properties"]
        buurt_code = p["statcode"]
        wijk_code = wijk_van_buurt(buurt_code)
        geom = shape(feat["geometry"])
        per_wijk.setdefault(wijk_code, []).append(geom)
        buurt_features.append(
            {
                "type": "Feature",
                "properties": {"buurt_code": buurt_code, "buurt_naam": p["statnaam"], "wijk_code": wijk_code},
                "geometry": feat["geometry"],
            }
        )
    buurt_features.sort(key=lambda f: f["properties"]["buurt_code"])

    wijk_features, wijk_rows = [], []
    print(f"{'wijk':10} {'naam':32} {'buurten':>7} {'ha (kaart)':>10} {'ha (CBS land)':>13} {'verschil':>8}")
    for wijk_code in sorted(per_wijk):
        merged = dissolve(per_wijk[wijk_code])
        cbs = kwb[wijk_code]
        land, ha = int(cbs["OppervlakteLand_123"]), area_ha(merged)
        print(
            f"{wijk_code:10} {wijk_names[wijk_code]:32} {len(per_wijk[wijk_code]):7d} "
            f"{ha:10.0f} {land:13d} {100 * (ha - land) / land:7.1f}%"
        )
        wijk_features.append(
            {
                "type": "Feature",
                "properties": {"wijk_code": wijk_code, "wijk_naam": wijk_names[wijk_code]},
                "geometry": rounded(merged),
            }
        )
        wijk_rows.append(
            {
                "wijk_code": wijk_code,
                "wijk_naam": wijk_names[wijk_code],
                "inwoners": int(cbs["AantalInwoners_5"]),
                "oppervlakte_land_ha": land,
                "oppervlakte_totaal_ha": int(cbs["OppervlakteTotaal_122"]),
                "oppervlakte_kaart_ha": round(ha),
            }
        )

    data = ROOT / "data"
    (data / "buurten.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": buurt_features}, ensure_ascii=False), encoding="utf-8"
    )
    (data / "wijken.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": wijk_features}, ensure_ascii=False), encoding="utf-8"
    )
    with (data / "wijken.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(wijk_rows[0]))
        writer.writeheader()
        writer.writerows(wijk_rows)
    with (data / "buurten.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["buurt_code", "buurt_naam", "wijk_code"])
        for f in buurt_features:
            p = f["properties"]
            writer.writerow([p["buurt_code"], p["buurt_naam"], p["wijk_code"]])
    gm = kwb["GM0502"]
    with (data / "gemeente.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["gemeente_code", "gemeente_naam", "inwoners", "oppervlakte_land_ha", "oppervlakte_totaal_ha"])
        writer.writerow(
            [
                "GM0502",
                "Capelle aan den IJssel",
                gm["AantalInwoners_5"],
                gm["OppervlakteLand_123"],
                gm["OppervlakteTotaal_122"],
            ]
        )


if __name__ == "__main__":
    main()
