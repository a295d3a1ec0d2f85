"""lib.kaart.wijkkaart: classes, colours, the choropleth join, the deck spec and the selection function."""

from __future__ import annotations

import json
import math

import pytest

from lib.cijfers import figures as fig
from lib.cijfers import loaders
from lib.cijfers import voorbeeld as vb
from lib.cijfers.figures import GEEN_VERSCHIL, HOGER, LAGER
from lib.kaart import klassen
from lib.kaart import wijkkaart as maps
from lib.regio import geometrie

WIJKEN = [f"WK05020{i}" for i in range(1, 10)]


@pytest.fixture(scope="module")
def data():
    return loaders.load_figures()


@pytest.fixture(scope="module")
def geo():
    return loaders.load_wijk_geojson()


@pytest.fixture(scope="module")
def namen():
    w = loaders.load_wijken()
    return dict(zip(w["wijk_code"], w["wijk_naam"], strict=True))


def _kaart(data, geo, namen, indicator="eenzaam", modus=maps.MODUS_KLASSEN, periode=2022, leeftijd="18+"):
    return maps.build_kaart(
        geo,
        fig.slice_of(data, indicator, periode, leeftijd),
        namen,
        modus=modus,
        gemeente=fig.value_of(data, "GM0502", indicator, periode, leeftijd),
        nl=fig.value_of(data, "NL01", indicator, periode, leeftijd),
    )


def test_class_breaks_are_round_and_cover_all_values():
    assert klassen.class_breaks([45.2, 51.0, 58.9]) == (45.0, 50.0, 55.0, 60.0)
    assert klassen.class_breaks([]) == ()
    breaks = klassen.class_breaks([1.0, 99.0])
    assert len(breaks) - 1 <= klassen.MAX_KLASSEN and breaks[0] <= 1 and breaks[-1] > 99


def test_classify_bounds_and_missing():
    breaks = (45.0, 50.0, 55.0, 60.0)
    assert klassen.classify(45.0, breaks) == 0
    assert klassen.classify(49.99, breaks) == 0
    assert klassen.classify(50.0, breaks) == 1
    assert klassen.classify(60.0, breaks) == 2  # the top bound belongs to the last class
    assert klassen.classify(None, breaks) is None
    assert klassen.classify(math.nan, breaks) is None


def test_class_labels_are_dutch():
    assert klassen.class_labels((45.0, 50.0, 55.0)) == ["45 tot 50%", "50 tot en met 55%"]
    assert klassen.class_labels((10.0, 12.5, 15.0))[0] == "10 tot 12,5%"


def test_palettes_have_one_colour_per_class():
    for k, colours in klassen.SEQUENTIAL.items():
        assert len(colours) == k and len(set(colours)) == k


def test_build_kaart_holds_all_wijken_with_colours_and_legend(data, geo, namen):
    k = _kaart(data, geo, namen)
    assert sorted(k.codes) == WIJKEN
    props = [f["properties"] for f in k.geojson["features"]]
    assert all(p["fill"][3] > 0 for p in props)  # every wijk has a figure, so a visible colour
    assert sum(item.aantal for item in k.legenda) == 9
    assert {p["naam"] for p in props} >= {"Schollevaar Zuid", "Middelwatering Oost"}
    assert list(k.tabel["waarde"]) == sorted(k.tabel["waarde"], reverse=True)


def test_comparison_mode_uses_the_margins(data, geo, namen):
    k = _kaart(data, geo, namen, modus=maps.MODUS_VERGELIJKING)
    assert [item.label for item in k.legenda][:3] == [HOGER, GEEN_VERSCHIL, LAGER]
    gm = k.gemeente.waarde
    for f in k.geojson["features"]:
        p = f["properties"]
        w = fig.value_of(data, p["code"], "eenzaam", 2022)
        assert p["klasse"] == fig.compare(w, gm)
        assert p["fill"][:3] == klassen.hex_to_rgba(maps.VERGELIJKING_KLEUR[p["klasse"]])[:3]
        # the shipped wijk figures are examples: the tooltip states no verdict (lib.cijfers.voorbeeld)
        assert p["vergelijking"] == vb.GEEN_OORDEEL


def test_a_comparison_is_a_finding_only_between_real_figures(data, geo, namen):
    real = data.assign(illustratief=False)
    k = _kaart(real, geo, namen)
    oordelen = {f["properties"]["vergelijking"] for f in k.geojson["features"]}
    assert oordelen <= {HOGER, GEEN_VERSCHIL, LAGER} and oordelen & {HOGER, LAGER}
    assert list(k.tabel_getoond()["vergelijking_gemeente"]) == list(k.tabel["vergelijking_gemeente"])
    # an example gemeente figure with real wijken: no verdict either, in the tooltip and the shown table
    gm_example = real.copy()
    gm_example.loc[gm_example["regio_code"] == "GM0502", "illustratief"] = True
    k = _kaart(gm_example, geo, namen)
    assert {f["properties"]["vergelijking"] for f in k.geojson["features"]} == {vb.GEEN_OORDEEL}
    assert set(k.tabel_getoond()["vergelijking_gemeente"]) == {vb.GEEN_OORDEEL}
    assert set(k.tabel["vergelijking_gemeente"]) & {HOGER, LAGER}  # still counted for the phrased summary


def test_missing_figures_read_geen_gegevens_not_zero(data, geo, namen):
    sliced = fig.slice_of(data, "eenzaam", 2022).iloc[1:]  # drop one wijk's figure
    k = maps.build_kaart(geo, sliced, namen)
    missing = [f["properties"] for f in k.geojson["features"] if f["properties"]["waarde_tekst"] == "geen gegevens"]
    assert len(missing) == 1 and missing[0]["fill"][3] == 0
    assert k.legenda[-1].label == "geen gegevens" and k.legenda[-1].leeg
    assert k.tabel["waarde"].isna().sum() == 1


def test_changing_indicator_changes_fill_colours(data, geo, namen):
    a = [f["properties"]["fill"] for f in _kaart(data, geo, namen, "eenzaam").geojson["features"]]
    b = [f["properties"]["fill"] for f in _kaart(data, geo, namen, "ernstig_eenzaam").geojson["features"]]
    assert a != b


def test_deck_spec_is_compact_offline_and_has_layer_ids(data, geo, namen):
    k = _kaart(data, geo, namen)
    spec_text = maps.deck(k, "Eenzaam", selected="WK050207", labels=maps.label_points(geo)).to_json()
    assert "\n" not in spec_text  # compact, not pydeck's indented JSON
    spec = json.loads(spec_text)
    assert [layer["id"] for layer in spec["layers"]] == ["wijken", "selectie", "namen"]
    assert spec.get("mapProvider") is None
    codes = {f["properties"]["code"] for f in spec["layers"][0]["data"]["features"]}
    assert codes == set(WIJKEN)
    assert len(spec["layers"][1]["data"]["features"]) == 1
    with_basemap = json.loads(maps.deck(k, "Eenzaam", basemap=True).to_json())
    assert with_basemap["mapProvider"] == "carto"


def test_tooltip_names_gemeente_and_missing_nl(data, geo, namen):
    k = _kaart(data, geo, namen, indicator="sociaal_eenzaam")  # no NL figure for 2022
    html = maps.tooltip(k, "Sociaal eenzaam")["html"]
    assert "{naam}" in html and "{waarde_tekst}" in html and "{marge_tekst}" in html
    assert "Gemeente: 43,9%" in html
    assert "Nederland: geen landelijk cijfer" in html


def test_fit_view_and_project_put_the_centre_in_the_middle(geo):
    view = maps.fit_view(geometrie.bounds(geo), 640, 480)
    x, y = maps.project(view.longitude, view.latitude, view, 640, 480)
    assert (round(x), round(y)) == (320, 240)
    west, south, east, north = geometrie.bounds(geo)
    for lon, lat in ((west, south), (east, north)):
        px, py = maps.project(lon, lat, view, 640, 480)
        assert 0 <= px <= 640 and 0 <= py <= 480  # the whole gemeente is in view


SELECTIONS = [
    (None, None),
    ({}, None),
    ({"selection": {"indices": {}, "objects": {}}}, None),
    (
        {"selection": {"indices": {"wijken": [6]}, "objects": {"wijken": [{"properties": {"code": "WK050207"}}]}}},
        "WK050207",
    ),
    ({"selection": {"indices": {"wijken": [2]}, "objects": {}}}, "WK050203"),  # index fallback
    ({"selection": {"indices": {"wijken": [99]}, "objects": {}}}, None),  # out of range
    ({"selection": {"indices": {"buurten": [1]}, "objects": {}}}, None),  # another layer
    ({"selection": {"objects": {"wijken": [{"properties": {"code": "WK999999"}}]}}}, None),  # unknown code
    ({"selection": {"objects": {"wijken": ["rubbish"]}, "indices": {"wijken": ["x"]}}}, None),
    ("not a dict", None),
]


@pytest.mark.parametrize(("event", "expected"), SELECTIONS)
def test_selected_code(event, expected):
    assert maps.selected_code(event, "wijken", WIJKEN) == expected


def test_referentie_and_verschil_texts():
    assert klassen.verschil_punten(55.7, 53.1) == "+2,6 procentpunt"
    assert klassen.verschil_punten(50.0, 53.1, "pt") == "-3,1 pt"
    assert klassen.verschil_punten(None, 53.1) == ""
    assert klassen.referentie_tekst("Nederland", None) == "Nederland: geen landelijk cijfer"


def test_the_plans_figure_says_it_has_no_year_of_measurement(data):
    plan = fig.value_of(data, "GM0502", "eenzaam", 2016)
    assert plan.bron == "plan_2019"
    assert klassen.referentie_tekst("Gemeente", plan) == "Gemeente: 47,0% (plan, geen meetjaar)"
    nl = fig.value_of(data, "NL01", "eenzaam", 2016)
    assert klassen.referentie_tekst("Nederland", nl) == "Nederland: 43,0%"
