"""The activity catalogue: schema validation with clear errors, and the shipped data is sound."""

from __future__ import annotations

import json

import pytest
import yaml
from shapely.geometry import Point, shape

from lib.aanbod import catalogus as aanbod
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout

GOOD = {
    "id": "test-koffie",
    "naam": "Koffie-inloop",
    "organisatie": "Stichting Welzijn Capelle",
    "omschrijving": "Koffie en een praatje.",
    "doelgroepen": ["iedereen"],
    "vormen": ["sociaal"],
    "mechanismen": ["ontmoeting"],
    "thema": 4,
    "wijk": "WK050206",
    "locatie": "Huis van de Wijk",
    "lat": 51.936,
    "lon": 4.57162,
    "dagen": ["di"],
    "tijden": "Dinsdag 10-12 uur",
    "kosten_eur": 0,
    "toegankelijkheid": ["vrije_inloop"],
    "contact": "Welzijn Capelle",
    "bewijs": "onbekend",
    "bijgewerkt": "2026-11-27",
    "illustratief": ["tijden"],
}


def parse(**changes):
    item = {**GOOD, **changes}
    item = {k: v for k, v in item.items() if v is not ...}
    return aanbod.parse_aanbod({"activiteiten": [item]}, "test.yaml", {"WK050206", "WK050207"})


def test_good_item_is_typed():
    (a,) = parse()
    assert a.id == "test-koffie" and a.thema == 4 and a.lat == 51.936
    assert a.dagen == ("di",) and a.bijgewerkt.isoformat() == "2026-11-27" and a.status == "lopend"
    assert a.illustratief_label() == "Voorbeeld, niet uit het plan: tijden."
    assert aanbod.bijgewerkt_tekst(a) == "27-11-2026"


def test_unchecked_item_has_no_date():
    (a,) = parse(bijgewerkt="niet gecontroleerd")
    assert a.bijgewerkt is None and aanbod.bijgewerkt_tekst(a) == "niet gecontroleerd"
    (b,) = parse(bijgewerkt=...)
    assert b.bijgewerkt is None


def test_shipped_catalogue_claims_no_check_that_was_not_done():
    items = aanbod.load_aanbod()
    assert all(a.bijgewerkt is None for a in items)
    assert set(aanbod.to_frame(items)["laatst bijgewerkt"]) == {"niet gecontroleerd"}


@pytest.mark.parametrize(
    ("changes", "veld", "fragment"),
    [
        ({"thema": 5}, "thema", "Onbekende waarde '5'"),
        ({"vormen": ["verveling"]}, "vormen", "verveling"),
        ({"wijk": "WK050299"}, "wijk", "bestaat niet"),
        ({"wijk": "Schenkel"}, "wijk", "Onbekende wijk"),
        ({"lat": 52.5}, "lat", "buiten het toegestane bereik"),
        ({"lon": ...}, "lon", "allebei"),
        ({"naam": ""}, "naam", "leeg"),
        ({"id": "Huis Van De Wijk"}, "id", "kleine letters"),
        ({"kosten_eur": -2}, "kosten_eur", "buiten"),
        ({"bijgewerkt": "gisteren"}, "bijgewerkt", "datum"),
        ({"illustratief": ["geheim"]}, "illustratief", "geheim"),
        ({"extra": 1}, "extra", "Onbekend veld"),
        ({"leeftijd_min": 30, "leeftijd_max": 20}, "leeftijd_min", "groter"),
    ],
)
def test_bad_item_names_file_item_and_field(changes, veld, fragment):
    with pytest.raises(DataFout) as err:
        parse(**changes)
    assert err.value.bestand == "test.yaml"
    assert err.value.kolom == veld
    assert fragment in str(err.value)
    assert "test-koffie" in str(err.value) or veld == "id"


def test_duplicate_ids_and_wrong_shape():
    with pytest.raises(DataFout, match="twee keer"):
        aanbod.parse_aanbod({"activiteiten": [GOOD, GOOD]}, "x.yaml")
    with pytest.raises(DataFout, match="activiteiten"):
        aanbod.parse_aanbod([GOOD], "x.yaml")


def test_broken_yaml_file_is_a_datafout(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text("activiteiten:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFout) as err:
        aanbod.load_aanbod(path)
    assert err.value.bestand == "kapot.yaml" and "YAML" in str(err.value)


@pytest.fixture(scope="module")
def catalogue():
    return aanbod.load_aanbod()


def test_shipped_catalogue_is_large_and_ids_stable(catalogue):
    assert len(catalogue) >= 40
    ids = {a.id for a in catalogue}
    # Other features (budget, wijk profile) reference these ids: they must keep existing.
    for stable in (
        "huis-van-de-wijk-schenkel",
        "preventief-huisbezoek-75-plus",
        "maatjesproject-jongeren",
        "welkomstpakket-nieuwe-bewoners",
        "inloophuis-de-ijssel-rouwcafe",
        "sensoor-luisterend-oor",
    ):
        assert stable in ids


def test_every_activity_with_coordinates_lies_in_its_wijk(catalogue):
    geo = json.loads((DATA_DIR / "wijken.geojson").read_text(encoding="utf-8"))
    shapes = {f["properties"]["wijk_code"]: shape(f["geometry"]) for f in geo["features"]}
    placed = [a for a in catalogue if a.heeft_locatie]
    assert len(placed) >= 25
    for a in placed:
        assert a.wijk in shapes, a.id
        assert shapes[a.wijk].contains(Point(a.lon, a.lat)), f"{a.id} ligt niet in {a.wijk}"


def test_invented_details_are_flagged(catalogue):
    """Every activity with an address, schedule with days or a price says those are examples."""
    for a in catalogue:
        if a.heeft_locatie:
            assert {"locatie", "coordinaten"} <= set(a.illustratief), a.id
        if a.dagen:
            assert "tijden" in a.illustratief, a.id
        if a.kosten_eur > 0:
            assert "kosten" in a.illustratief, a.id
        if a.bewijs != "onbekend":
            assert "bewijs" in a.illustratief, a.id


def test_catalogue_covers_every_wijk_theme_and_form(catalogue):
    assert {a.wijk for a in catalogue} >= {f"WK05020{i}" for i in range(1, 10)}
    assert {a.thema for a in catalogue} == {1, 2, 3, 4}
    assert {v for a in catalogue for v in a.vormen} == {"sociaal", "emotioneel", "existentieel"}


def test_shipped_yaml_is_plain_yaml():
    raw = yaml.safe_load((DATA_DIR / "aanbod.yaml").read_text(encoding="utf-8"))
    assert isinstance(raw["activiteiten"], list)


def test_wijk_centra_lie_inside_wijk():
    geo = json.loads((DATA_DIR / "wijken.geojson").read_text(encoding="utf-8"))
    centra = aanbod.wijk_centra(geo)
    assert len(centra) == 9
    for f in geo["features"]:
        lat, lon = centra[f["properties"]["wijk_code"]]
        assert shape(f["geometry"]).buffer(1e-4).contains(Point(lon, lat))


def test_to_frame_has_readable_columns(catalogue):
    df = aanbod.to_frame(catalogue, {"WK050206": "Schenkel"})
    assert len(df) == len(catalogue)
    row = df.set_index("id").loc["huis-van-de-wijk-schenkel"]
    assert row["wijk"] == "Schenkel" and row["thema"].startswith("4. ")
    assert "tijden" in row["voorbeeldgegevens"]
