"""Geometry of wijken and buurten: one home for dissolving, areas, rounding, bounds and zoom.

Used alike by scripts/build_geodata.py (the shipped Capelle files), lib.regio.gemeente (any other
gemeente), the wijkkaart and the activity map, so a wijk is made from its buurten by one rule.
"""

from __future__ import annotations

import json
import math

import shapely
from pyproj import Transformer
from shapely.geometry import mapping, shape
from shapely.ops import polylabel, unary_union

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
_TO_WGS84 = Transformer.from_crs(RD_NEW, WGS84, always_xy=True)
_TO_RD = Transformer.from_crs(WGS84, RD_NEW, always_xy=True)

# Generalised CBS buurten do not always share edges exactly. Closing gaps of up to ~20 m
# (0.0002 degrees) before the union gives one polygon per wijk instead of slivers; the negative
# buffer afterwards takes the outline back to where it was.
CLOSE_GAPS_DEG = 0.0002
SIMPLIFY_DEG = 0.00005  # ~5 m: well below the ~100 m precision of the generalised layer
TILE_PX = 512  # deck.gl renders web-mercator tiles of 512 px at zoom 0


def to_wgs84(geom):
    """An RD New geometry in WGS84 (lon, lat)."""
    return shapely.transform(geom, _TO_WGS84.transform, interleaved=False)


def to_rd(geom):
    """A WGS84 geometry in RD New (metres)."""
    return shapely.transform(geom, _TO_RD.transform, interleaved=False)


def area_ha(geom_wgs84) -> float:
    """Area in hectares of a WGS84 geometry, measured in RD New."""
    return to_rd(geom_wgs84).area / 10_000


def dissolve(geoms_wgs84):
    """One wijk from its buurten (WGS84): the union with gaps between generalised edges closed."""
    merged = unary_union([g.buffer(CLOSE_GAPS_DEG, join_style="mitre") for g in geoms_wgs84])
    return merged.buffer(-CLOSE_GAPS_DEG, join_style="mitre").simplify(SIMPLIFY_DEG)


def rounded(geom, digits: int = 5) -> dict:
    """GeoJSON geometry with coordinates rounded (5 decimals of a degree is about 1 m)."""
    return json.loads(json.dumps(mapping(geom)), parse_float=lambda s: round(float(s), digits))


def bounds(geojson: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a FeatureCollection's coordinates."""
    xs, ys = [], []

    def walk(coords):
        if coords and isinstance(coords[0], int | float):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for f in geojson["features"]:
        walk(f["geometry"]["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def merc_y(lat: float) -> float:
    """Web-mercator y of a latitude (radians scale)."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def binnenpunt(geometry: dict) -> tuple[float, float]:
    """(lat, lon) of a point surely inside an area (shapely's representative point), rounded to ~1 m."""
    point = shape(geometry).representative_point()
    return round(point.y, 5), round(point.x, 5)


def label_point(geometry: dict) -> tuple[float, float]:
    """Label point (lon, lat): the pole of inaccessibility of the largest part (most room for text)."""
    geom = shape(geometry)
    part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
    p = polylabel(part, tolerance=1e-4)
    return round(p.x, 5), round(p.y, 5)
