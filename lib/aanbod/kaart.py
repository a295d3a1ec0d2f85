"""The map of the offer: activities as points over the wijk outlines (pydeck, no base map).

Pure: returns a pydeck Deck; pages draw it. No basemap (lib.kaart.beeld.achtergrond), so it works offline; the wijk
outlines and names give the orientation a base map would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pydeck as pdk

from lib.aanbod.begrippen import DAGEN
from lib.aanbod.catalogus import Activiteit
from lib.kaart import beeld
from lib.kaart import labels as naamlabels
from lib.kaart.klassen import hex_to_rgba
from lib.plan.themas import THEMAS
from lib.regio import geometrie

# Okabe-Ito colours (safe for colour-blind readers), one per plan theme.
THEMA_KLEUR: dict[int, str] = {1: "#0072B2", 2: "#D55E00", 3: "#009E73", 4: "#CC79A7"}
KLEUR_NAAM: dict[int, str] = {1: "blauw", 2: "oranje", 3: "groen", 4: "roze"}
EIGEN_WIJK_KLEUR = [240, 228, 66, 90]  # Okabe-Ito yellow, translucent: the persona's own wijk
WIT = [255, 255, 255]  # the map without a basemap: white under the outlines


def wanneer(a: Activiteit) -> str:
    """Days and times in one line, e.g. 'dinsdag: Dinsdag 10.00-12.00 uur'."""
    return a.tijden if not a.dagen else f"{', '.join(DAGEN[d] for d in a.dagen)}: {a.tijden}"


def punten(activiteiten: Sequence[Activiteit], nummers: bool = False) -> list[dict]:
    """Rows for the point layer (only activities with a place); with nummers, a rank label 1, 2, …"""
    rows = []
    for rank, a in enumerate(activiteiten, start=1):
        if not a.heeft_locatie:
            continue
        rows.append(
            {
                "id": a.id,
                "label": str(rank) if nummers else "",
                "naam": a.naam,
                "organisatie": a.organisatie,
                "locatie": a.locatie,
                "wanneer": wanneer(a),
                "thema": f"Thema {a.thema}: {THEMAS[a.thema].naam}",
                "voorbeeld": a.illustratief_label() or "Gegevens uit het plan.",
                "lon": a.lon,
                "lat": a.lat,
                "kleur": hex_to_rgba(THEMA_KLEUR[a.thema], 235),
            }
        )
    return rows


def deck(
    activiteiten: Sequence[Activiteit],
    wijk_geojson: dict,
    eigen_wijk: str | None = None,
    nummers: bool = False,
    hoogte_px: int = 460,
) -> pdk.Deck:
    """The map: wijk outlines with names, the persona's own wijk highlighted, activities as points
    coloured by theme (optionally numbered by rank)."""
    minx, miny, maxx, maxy = geometrie.bounds(wijk_geojson)
    features = []
    for f in wijk_geojson["features"]:
        code = f["properties"]["wijk_code"]
        fill = EIGEN_WIJK_KLEUR if code == eigen_wijk else [255, 255, 255, 0]
        features.append({**f, "properties": {**f["properties"], "fill": fill}})
    wijken = {"type": "FeatureCollection", "features": features}
    labels = [
        {
            "naam": naamlabels.label_tekst(f["properties"].get("wijk_naam", f["properties"]["wijk_code"])),
            "lon": _centre(f)[0],
            "lat": _centre(f)[1],
            # the wijkkaart's label style: its font, two lines for long names, black or white by contrast
            "kleur": naamlabels.tekst_kleur(EIGEN_WIJK_KLEUR if f["properties"]["wijk_code"] == eigen_wijk else WIT),
        }
        for f in wijk_geojson["features"]
    ]
    rows = punten(activiteiten, nummers)
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id="wijken",
            data=wijken,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[90, 90, 90, 200],
            line_width_min_pixels=1,
            pickable=False,
        ),
        pdk.Layer(
            "TextLayer",
            id="wijknamen",
            data=labels,
            get_position=["lon", "lat"],
            get_text="naam",
            # No character_set="auto": Streamlit's deck.gl JSON converter fails on it (no labels at all).
            **naamlabels.text_layer_kwargs(),
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id="aanbod",
            data=rows,
            get_position=["lon", "lat"],
            get_fill_color="kleur",
            get_line_color=[255, 255, 255, 255],
            stroked=True,
            line_width_min_pixels=1.5,
            get_radius=70,
            radius_min_pixels=10 if nummers else 7,
            radius_max_pixels=16,
            pickable=True,
        ),
    ]
    if nummers:
        layers.append(
            pdk.Layer(
                "TextLayer",
                id="rangnummers",
                data=rows,
                get_position=["lon", "lat"],
                get_text="label",
                get_size=12,
                get_color=[255, 255, 255, 255],
                # No font_weight: with it the labels silently do not render in Streamlit 1.67.
            )
        )
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            latitude=(miny + maxy) / 2, longitude=(minx + maxx) / 2, zoom=fit_zoom(miny, maxy, hoogte_px), pitch=0
        ),
        **beeld.achtergrond(),
        tooltip={"text": "{naam}\n{organisatie}\n{locatie}\n{wanneer}\n{thema}\n{voorbeeld}"},
    )


def fit_zoom(min_lat: float, max_lat: float, hoogte_px: int, marge: float = 0.92) -> float:
    """The web-mercator zoom at which the latitude span fills `marge` of the map height.

    Height decides: the map is wider than high on a laptop; on a phone the user can pan sideways.
    """

    span = (geometrie.merc_y(max_lat) - geometrie.merc_y(min_lat)) / (2 * math.pi)  # fraction of the world's height
    return round(math.log2(hoogte_px * marge / (512 * span)), 2)


def _centre(feature: dict) -> tuple[float, float]:
    """Label point: the pole of inaccessibility of the wijk's largest part (most room for text)."""
    return geometrie.label_point(feature["geometry"])


def legenda_tekst() -> str:
    """The colour legend in words (the map's colours are by theme)."""
    return "; ".join(f"{KLEUR_NAAM[n]}: thema {n} {THEMAS[n].naam}" for n in THEMAS)
