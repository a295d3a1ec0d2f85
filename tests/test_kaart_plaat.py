"""lib.kaart.plaat: the map as an SVG picture, read from the same Deck deck.gl draws (one home per colour,
mark, outline and label), placed pixel for pixel where deck.gl puts it."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

import pytest

from lib.cijfers import figures as fig
from lib.cijfers import loaders
from lib.kaart import beeld, plaat
from lib.kaart import wijkkaart as maps
from lib.kaart.labels import label_tekst

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def kaart():
    data = loaders.load_figures()
    w = loaders.load_wijken()
    return maps.build_kaart(
        loaders.load_wijk_geojson(),
        fig.slice_of(data, "eenzaam", 2022, "18+"),
        dict(zip(w["wijk_code"], w["wijk_naam"], strict=True)),
        gemeente=fig.value_of(data, "GM0502", "eenzaam", 2022, "18+"),
        nl=fig.value_of(data, "NL01", "eenzaam", 2022, "18+"),
    )


def _labels(kaart):
    return maps.label_points(loaders.load_wijk_geojson(), "wijk_code")


def _svg(deck, hoogte=480):
    return ET.fromstring(deck.plaat(hoogte))


def _kleur(rgba):
    return "#" + "".join(f"{int(c):02x}" for c in rgba[:3])


def test_every_area_in_its_deck_colour_with_the_example_mark(kaart):
    deck = maps.deck(kaart, "Eenzaam")
    paths = _svg(deck).findall(f"{SVG}path")
    features = kaart.geojson["features"]
    assert len(paths) == len(features) == 9
    for path, feature in zip(paths, features, strict=True):
        fill = feature["properties"]["fill"]
        assert path.get("fill") == _kleur(fill)
        assert float(path.get("fill-opacity")) == pytest.approx(fill[3] / 255, abs=1e-3)
        assert path.get("stroke") == _kleur(maps.LIJN_KLEUR)
    # example values are drawn lighter, as on the map: the picture carries the same mark
    voorbeeld = [str(v).startswith("ja") for v in kaart.tabel["illustratief"]]
    assert any(voorbeeld)
    for path, is_vb in zip(paths, voorbeeld, strict=True):
        verwacht = maps.ALPHA_VOORBEELD if is_vb else maps.ALPHA_ECHT
        assert float(path.get("fill-opacity")) == pytest.approx(verwacht / 255, abs=1e-3)


def test_points_fall_where_deckgl_draws_them(kaart):
    hoogte = 480
    deck = maps.deck(kaart, "Eenzaam")
    eerste = kaart.geojson["features"][0]["geometry"]
    ring = eerste["coordinates"][0] if eerste["type"] == "Polygon" else eerste["coordinates"][0][0]
    x, y = beeld.project(ring[0][0], ring[0][1], kaart.view, plaat.BREEDTE, hoogte)
    d = _svg(deck, hoogte).find(f"{SVG}path").get("d")
    x0, y0 = (float(v) for v in re.match(r"M([\d.]+) ([\d.]+)", d).groups())
    assert (x0, y0) == pytest.approx((x, y), abs=0.06)
    # the centre of the view is the centre of the picture, which is never scaled (only cut at the sides)
    root = _svg(deck, hoogte)
    assert root.get("viewBox") == f"0 0 {plaat.BREEDTE} {hoogte}"
    assert root.get("preserveAspectRatio") == "xMidYMid slice"
    assert root.get("aria-hidden") == "true"  # decorative: the map itself has the text alternative


def test_selected_outline_and_labels_come_from_the_deck(kaart):
    labels = _labels(kaart)
    deck = maps.deck(kaart, "Eenzaam", selected="WK050207", labels=labels)
    root = _svg(deck)
    paths = root.findall(f"{SVG}path")
    assert len(paths) == 10  # nine areas and the outline of the selected one
    assert paths[-1].get("fill") == "none" and paths[-1].get("stroke") == _kleur(maps.SELECTIE_KLEUR)
    teksten = root.findall(f"{SVG}text")
    namen = {f["properties"]["code"]: f["properties"]["naam"] for f in kaart.geojson["features"]}
    assert ["\n".join(t.itertext()) for t in teksten] == [label_tekst(namen[p["code"]]) for p in labels]
    text_layer = next(laag for laag in deck.layers if laag.type == "TextLayer")
    assert [t.get("fill") for t in teksten] == [_kleur(item["kleur"]) for item in text_layer.data]
    # without a selection or labels there is neither
    kaal = _svg(maps.deck(kaart, "Eenzaam"))
    assert len(kaal.findall(f"{SVG}path")) == 9 and not kaal.findall(f"{SVG}text")


def test_names_are_escaped_and_the_picture_is_made_once_per_deck(kaart):
    features = [
        {**f, "properties": {**f["properties"], "naam": "<script>x</script> & 's Gravenland"}}
        for f in kaart.geojson["features"]
    ]
    kaart2 = maps.KaartView(**{**kaart.__dict__, "geojson": {**kaart.geojson, "features": features}})
    deck = maps.deck(kaart2, "Eenzaam", labels=_labels(kaart2))
    tekst = deck.plaat(480)
    assert "<script>" not in tekst and "&lt;script&gt;" in tekst
    assert deck.plaat(480) is tekst  # memoised on the (cached) Deck
    assert deck.plaat(340) != tekst and 'height="340"' in deck.plaat(340)


def test_the_picture_as_a_markdown_image_url_survives_any_name(kaart):
    """The page shows the picture as a Markdown image (lib.ui.kaart.pydeck_met_plaat): a name with
    brackets, spaces or quotes must not end the link early, and the URL holds exactly the SVG."""
    features = [
        {**f, "properties": {**f["properties"], "naam": 'Wijk (oud) ](x) "a" b'}} for f in kaart.geojson["features"]
    ]
    kaart2 = maps.KaartView(**{**kaart.__dict__, "geojson": {**kaart.geojson, "features": features}})
    deck = maps.deck(kaart2, "Eenzaam", labels=_labels(kaart2))
    url = deck.plaat_url(480)
    assert url.startswith("data:image/svg+xml;base64,")
    assert not set(url) & set(" ()[]\"'\n")
    assert base64.b64decode(url.split(",", 1)[1]).decode() == deck.plaat(480)
    assert deck.plaat_url(480) is url and deck.plaat_url(340) != url
