"""The map page at national scale: a synthetic layer of 3,300 wijken and 14,000 buurten.

    python bench/kaart_nationaal.py [--runs 20] [--wijken 3300] [--buurten 14000]

The layer is generated at run time (nothing is shipped): a grid of irregular 12-point polygons
over the Netherlands' bounding box, with random figures and margins. The loaders are swapped
for generators in this process, then views/kaart.py runs under AppTest exactly as in the app.
Reports the median rerun time (after a warm-up) for the wijk and the buurt layer, and the size
of the deck spec sent to the browser. Also prints the GeoJSON payload of the real Capelle map.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.pages import median_rerun, time_empty  # noqa: E402
from lib.cijfers import loaders  # noqa: E402
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, PERIODEN  # noqa: E402

WEST, SOUTH, EAST, NORTH = 3.36, 50.75, 7.23, 53.55


def polygon(cx: float, cy: float, rx: float, ry: float, rng: random.Random, points: int = 12) -> list:
    ring = []
    for i in range(points):
        a = 2 * math.pi * i / points
        r = 0.75 + 0.25 * rng.random()
        ring.append([round(cx + rx * r * math.cos(a), 5), round(cy + ry * r * math.sin(a), 5)])
    ring.append(ring[0])
    return [ring]


def grid(n: int, prefix: str, width: int, rng: random.Random) -> tuple[dict, list[str]]:
    cols = math.ceil(math.sqrt(n * (EAST - WEST) / (NORTH - SOUTH)))
    rows = math.ceil(n / cols)
    dx, dy = (EAST - WEST) / cols, (NORTH - SOUTH) / rows
    features, codes = [], []
    for i in range(n):
        code = f"{prefix}{i:0{width}d}"
        cx, cy = WEST + (i % cols + 0.5) * dx, SOUTH + (i // cols + 0.5) * dy
        props = {"wijk_code" if prefix == "WK" else "buurt_code": code}
        if prefix == "BU":
            props["wijk_code"] = "WK" + code[2:8]
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Polygon", "coordinates": polygon(cx, cy, dx / 2, dy / 2, rng)},
            }
        )
        codes.append(code)
    return {"type": "FeatureCollection", "features": features}, codes


def synthetic(n_wijken: int, n_buurten: int, seed: int = 7):
    rng = random.Random(seed)
    wijk_geo, wijk_codes = grid(n_wijken, "WK", 6, rng)
    buurt_geo, buurt_codes = grid(n_buurten, "BU", 8, rng)
    rows = []
    for code in wijk_codes + buurt_codes + ["GM0502"]:
        for periode in PERIODEN:
            for leeftijd in LEEFTIJDEN:
                for indicator in INDICATOREN:
                    v = rng.uniform(8, 60)
                    m = rng.uniform(1.5, 8)
                    rows.append(
                        (
                            code,
                            periode,
                            leeftijd,
                            indicator,
                            round(v, 1),
                            round(max(v - m, 0), 1),
                            round(min(v + m, 100), 1),
                            "illustratief",
                            True,
                            "",
                        )
                    )
    figures = pd.DataFrame(rows, columns=loaders.FIGURE_COLUMNS)
    figures = pd.concat([figures, loaders.load_figures().query("regio_code == 'NL01'")], ignore_index=True)
    wijken = pd.DataFrame(
        {
            "wijk_code": wijk_codes,
            "wijk_naam": [f"Wijk {c[2:]}" for c in wijk_codes],
            "inwoners": 5000,
            "oppervlakte_land_ha": 100,
        }
    )
    buurten = pd.DataFrame(
        {
            "buurt_code": buurt_codes,
            "buurt_naam": [f"Buurt {c[2:]}" for c in buurt_codes],
            "wijk_code": ["WK" + c[2:8] for c in buurt_codes],
        }
    )
    return wijk_geo, buurt_geo, figures, wijken, buurten


def run_kaart(query: dict, runs: int) -> tuple[float, int]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    at.switch_page("views/kaart.py")
    for k, v in query.items():
        at.query_params[k] = v
    t = median_rerun(at, runs)
    return t, len(at.get("deck_gl_json_chart")[0].proto.json.encode())


def capelle_payload() -> dict[str, int]:
    """Bytes of the deck spec (the GeoJSON with its properties) for Capelle, per layer."""
    from lib.cijfers import figures as fig
    from lib.kaart import wijkkaart as maps

    data = loaders.load_figures()
    out = {}
    for niveau, geo, table, naam in (
        ("wijk", loaders.load_wijk_geojson(), loaders.load_wijken(), "wijk_naam"),
        ("buurt", loaders.load_buurt_geojson(), loaders.load_buurten(), "buurt_naam"),
    ):
        namen = dict(zip(table[f"{niveau}_code"], table[naam], strict=True))
        k = maps.build_kaart(
            geo,
            fig.slice_of(data, "eenzaam", 2022, niveau=niveau),
            namen,
            niveau=niveau,
            gemeente=fig.value_of(data, "GM0502", "eenzaam", 2022),
        )
        out[f"geojson {niveau}en"] = len(json.dumps(k.geojson, separators=(",", ":")).encode())
        out[f"deck-spec {niveau}en"] = len(maps.deck(k, "Eenzaam").to_json().encode())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--wijken", type=int, default=3300)
    parser.add_argument("--buurten", type=int, default=14000)
    args = parser.parse_args()
    os.environ.setdefault("MEER_SAMEN_DATA_DIR", tempfile.mkdtemp(prefix="bench-"))

    for name, size in capelle_payload().items():
        print(f"Capelle {name}: {size / 1024:.1f} KB")

    empty = time_empty(args.runs)
    capelle, _ = run_kaart({}, args.runs)
    print(
        f"Capelle kaart (wijken): {capelle * 1000:.0f} ms, {capelle / empty:.1f}x lege pagina ({empty * 1000:.0f} ms)"
    )

    wijk_geo, buurt_geo, figures, wijken, buurten = synthetic(args.wijken, args.buurten)
    # Swap the loaders for the generated layer; lib.ui.laden's cached wrappers call them by module attribute.
    loaders.load_wijk_geojson = lambda *a, **k: wijk_geo
    loaders.load_buurt_geojson = lambda *a, **k: buurt_geo
    loaders.load_figures = lambda *a, **k: figures
    loaders.load_wijken = lambda *a, **k: wijken
    loaders.load_buurten = lambda *a, **k: buurten
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    for niveau, n in (("wijk", args.wijken), ("buurt", args.buurten)):
        t, size = run_kaart({"niveau": niveau}, args.runs)
        print(f"Nationaal, {n} {niveau}en: {t * 1000:.0f} ms per rerun, deck-spec {size / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
