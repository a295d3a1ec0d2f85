"""Region codes and geometry: one rule for levels, buurt-to-wijk and dissolving wijken."""

import json

import pytest
from shapely.geometry import box, shape

from lib.cijfers import loaders
from lib.regio import codes, geometrie


def test_levels_and_code_structure():
    assert [codes.niveau(c) for c in ("NL01", "GM0502", "WK050201", "BU05020110", "ZZ")] == [
        "land",
        "gemeente",
        "wijk",
        "buurt",
        "onbekend",
    ]
    assert codes.wijk_van_buurt("BU05020110") == "WK050201"
    assert codes.gemeente_van("BU05020110") == "GM0502"
    assert codes.binnen_wijk("WK050203") == ("WK050203", "BU050203")
    pat = codes.gemeente_pattern("GM0502")
    assert pat.fullmatch(codes.NEDERLAND) and pat.fullmatch("WK050209") and not pat.fullmatch("WK059909")


def test_shipped_buurten_follow_the_buurt_to_wijk_rule():
    buurten = loaders.load_buurten()
    assert (buurten["buurt_code"].map(codes.wijk_van_buurt) == buurten["wijk_code"]).all()


def test_dissolve_closes_small_gaps_but_keeps_the_outline():
    left, right = box(4.0, 51.0, 4.01, 51.01), box(4.0101, 51.0, 4.02, 51.01)  # a ~7 m gap
    merged = geometrie.dissolve([left, right])
    assert merged.geom_type == "Polygon"  # one wijk, no sliver between the buurten
    assert merged.bounds == pytest.approx((4.0, 51.0, 4.02, 51.01), abs=1e-6)
    far = geometrie.dissolve([left, box(4.05, 51.0, 4.06, 51.01)])
    assert far.geom_type == "MultiPolygon"  # real gaps stay gaps


def test_area_and_rounding():
    square = box(4.55, 51.92, 4.56, 51.93)  # about 690 m x 1.1 km near Capelle
    assert 70 < geometrie.area_ha(square) < 80
    assert geometrie.to_wgs84(geometrie.to_rd(square)).equals_exact(square, 1e-7)
    rounded = geometrie.rounded(box(4.123456789, 51.0, 4.2, 51.1), 5)
    assert 4.12346 in [c[0] for c in rounded["coordinates"][0]]


def test_shipped_wijken_are_the_dissolved_buurten():
    """The shipped wijk shapes equal the one dissolve rule applied to the shipped buurten."""
    buurten = json.loads(loaders.gemeente_file("buurten.geojson").read_text(encoding="utf-8"))
    wijken = json.loads(loaders.gemeente_file("wijken.geojson").read_text(encoding="utf-8"))
    per_wijk = {}
    for f in buurten["features"]:
        per_wijk.setdefault(f["properties"]["wijk_code"], []).append(shape(f["geometry"]))
    for f in wijken["features"]:
        expected = geometrie.dissolve(per_wijk[f["properties"]["wijk_code"]])
        assert shape(f["geometry"]).symmetric_difference(expected).area < 1e-7
    assert geometrie.bounds(wijken)[0] < geometrie.bounds(wijken)[2]
