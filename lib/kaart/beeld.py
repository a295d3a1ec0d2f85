"""The map's view: where it is centred and how far it is zoomed (web mercator, as deck.gl draws it),
and where a place falls in pixels. Used by the choropleth (lib.kaart.wijkkaart), the name labels
(lib.kaart.labels) and the tests that click on the map."""

from __future__ import annotations

import math
from dataclasses import dataclass

from lib.regio import geometrie

# deck.gl renders web-mercator tiles of 512 px at zoom 0.
_TILE = 512


def achtergrond(basemap: bool = False) -> dict:
    """The pydeck.Deck arguments for the map's background, for every map in the app.

    Without a basemap: only ``map_provider=None``. pydeck then sends its own "no style given" marker, which
    Streamlit reads as "no basemap". ``map_style=None`` looks the same but is not: Streamlit then picks a
    Carto basemap by itself and every visitor's browser asks basemaps.cartocdn.com for it (seen in Chromium;
    tests/browser/test_kaart.py checks that no request leaves the server). With a basemap (the opt-in
    toggle on /kaart): Carto's light style, which needs internet."""
    return {"map_provider": "carto", "map_style": "light"} if basemap else {"map_provider": None}


@dataclass(frozen=True)
class ViewState:
    latitude: float
    longitude: float
    zoom: float


def fit_view(bounds: tuple[float, float, float, float], width: int = 640, height: int = 480) -> ViewState:
    """Centre and zoom so the bounds fill a width x height px map (web mercator, 512 px tiles)."""
    west, south, east, north = bounds
    lon_span = max(east - west, 1e-6)
    y_span = max(geometrie.merc_y(north) - geometrie.merc_y(south), 1e-6)
    zoom_x = math.log2(width * 360 / (_TILE * lon_span))
    zoom_y = math.log2(height * 2 * math.pi / (_TILE * y_span))
    centre_y = (geometrie.merc_y(north) + geometrie.merc_y(south)) / 2
    lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return ViewState(round(lat, 6), round((west + east) / 2, 6), round(min(zoom_x, zoom_y) - 0.15, 2))


def project(lon: float, lat: float, view: ViewState, width: float, height: float) -> tuple[float, float]:
    """Pixel position of (lon, lat) on a width x height map showing `view` (for clicks in tests)."""
    scale = _TILE * 2**view.zoom
    x = width / 2 + (lon - view.longitude) / 360 * scale
    y = height / 2 - (geometrie.merc_y(lat) - geometrie.merc_y(view.latitude)) / (2 * math.pi) * scale
    return x, y
