"""Search and filters, coverage matrices, the offer map and text escaping: small hand-checked fixtures."""

from __future__ import annotations

import dataclasses
import json
import re

import pandas as pd
import pytest

from lib.aanbod import dekking
from lib.aanbod.catalogus import Filter, filter_aanbod, load_aanbod, organisaties
from lib.aanbod.kaart import deck, fit_zoom, punten
from lib.cijfers.loaders import load_wijk_geojson
from lib.kern.tekst import escape_markdown
from tests.test_matching import BASE

A = dataclasses.replace(BASE, id="a", naam="Koffie-inloop", doelgroepen=("iedereen",), vormen=("sociaal",), thema=4,
                        dagen=("di",), kosten_eur=0.0, toegankelijkheid=("rolstoel", "vrije_inloop"))  # fmt: skip
B = dataclasses.replace(BASE, id="b", naam="Rouwcafé", omschrijving="Voor wie rouwt", doelgroepen=("weduwen",),
                        vormen=("emotioneel", "existentieel"), thema=2, wijk="WK050203", dagen=("wo",),
                        kosten_eur=3.0, toegankelijkheid=("rolstoel",))  # fmt: skip
C = dataclasses.replace(BASE, id="c", naam="Jongerenlijn", organisatie="Jongerenwerk", doelgroepen=("jongeren",),
                        vormen=("sociaal", "emotioneel"), thema=3, wijk="gemeente", lat=None, lon=None, locatie="",
                        dagen=(), kosten_eur=0.0, status="in_opbouw", toegankelijkheid=("anoniem",))  # fmt: skip
D = dataclasses.replace(BASE, id="d", naam="Samen eten", doelgroepen=("ouderen",), vormen=("sociaal",), thema=4,
                        wijk="WK050203", dagen=("do",), kosten_eur=6.0, toegankelijkheid=())  # fmt: skip
ALL = (A, B, C, D)


def ids(items) -> list[str]:
    return [a.id for a in items]


@pytest.mark.parametrize(
    ("keuze", "verwacht"),
    [
        (Filter(), ["a", "b", "c", "d"]),
        (Filter(zoek="ROUWCAFE"), ["b"]),  # case and accents do not matter
        (Filter(zoek="rouwt wie"), ["b"]),  # every word must occur, in any order
        (Filter(wijken=("WK050203",)), ["b", "c", "d"]),  # with the gemeente-wide offer
        (Filter(wijken=("WK050203",), met_gemeentebreed=False), ["b", "d"]),
        (Filter(doelgroepen=("weduwen",)), ["a", "b"]),  # 'iedereen' includes widows
        (Filter(vormen=("existentieel",)), ["b"]),
        (Filter(themas=(3, 4)), ["a", "c", "d"]),
        (Filter(kosten="gratis"), ["a", "c"]),
        (Filter(kosten="tot5"), ["a", "b", "c"]),
        (Filter(dagen=("wo",)), ["b", "c"]),  # no fixed days: always shown
        (Filter(toegankelijkheid=("rolstoel", "vrije_inloop")), ["a"]),  # all chosen must hold
        (Filter(organisaties=("Jongerenwerk",)), ["c"]),
        (Filter(alleen_lopend=True), ["a", "b", "d"]),
    ],
)
def test_filters(keuze, verwacht):
    assert ids(filter_aanbod(ALL, keuze)) == verwacht


def test_organisaties_sorted_unique():
    assert organisaties(ALL) == ["Jongerenwerk", "Org"]


def test_risicogroep_x_vorm_counts_specific_groups_only():
    m = dekking.risicogroep_x_vorm(ALL).set_index(["doelgroep", "vorm"])["aantal"]
    assert m[("weduwen", "emotioneel")] == 1 and m[("weduwen", "sociaal")] == 0
    assert m[("jongeren", "sociaal")] == 1 and m[("jongeren", "emotioneel")] == 1
    assert m[("ouderen", "sociaal")] == 1  # D; A is for 'iedereen' and not counted per group
    assert m.sum() == 1 + 1 + 2 + 1  # B twice (two forms), C twice, D once
    lopend = dekking.risicogroep_x_vorm(ALL, alleen_lopend=True).set_index(["doelgroep", "vorm"])["aantal"]
    assert lopend[("jongeren", "sociaal")] == 0


def test_thema_x_wijk_has_gemeente_column():
    namen = {"WK050206": "Schenkel", "WK050203": "Middelwatering Oost"}
    m = dekking.thema_x_wijk(ALL, namen).set_index(["thema", "wijk_code"])["aantal"]
    assert m[(4, "WK050206")] == 1 and m[(4, "WK050203")] == 1 and m[(2, "WK050203")] == 1
    assert m[(3, "gemeente")] == 1 and m.sum() == 4
    wide = dekking.breed_matrix(dekking.thema_x_wijk(ALL, namen), "thema_label", "wijk_naam")
    assert list(wide.columns) == ["thema_label", "Schenkel", "Middelwatering Oost", "Heel Capelle"]


def test_summaries_tell_what_is_true():
    m = dekking.risicogroep_x_vorm(ALL)
    text = dekking.samenvatting_leeg(m, "doelgroep_kort", "vorm")
    assert text.startswith(f"{int((m['aantal'] == 0).sum())} van de {len(m)} combinaties")
    catalogue = load_aanbod()
    groepen = dekking.per_groep(catalogue).set_index("doelgroep")["aantal"]
    zin = dekking.samenvatting_groepen(catalogue)
    assert f"Voor jongeren zijn er {groepen['jongeren']} activiteiten, voor ouderen {groepen['ouderen']}" in zin
    # What the shipped catalogue shows: far more aimed at older people than at young people.
    assert groepen["ouderen"] > 2 * groepen["jongeren"]


def test_heatmap_spec_has_counts_and_white_gaps():
    spec = dekking.heatmap(dekking.risicogroep_x_vorm(ALL), "vorm", "doelgroep_kort", "Vorm", "Groep").to_dict()
    text = json.dumps(spec)
    assert '"mark": {"type": "rect"' in text and '"type": "text"' in text
    assert "datum.aantal == 0" in text and "#ffffff" in text and "blues" in text


def test_deck_has_layers_and_no_base_map():
    geo = load_wijk_geojson()
    d = json.loads(deck((A, B, C), geo, eigen_wijk="WK050206", nummers=True, hoogte_px=420).to_json())
    assert [layer["id"] for layer in d["layers"]] == ["wijken", "wijknamen", "aanbod", "rangnummers"]
    assert "mapProvider" not in d and d["mapStyle"] == "__MAP_STYLE__"  # pydeck's marker: Streamlit adds no basemap
    points = next(layer for layer in d["layers"] if layer["id"] == "aanbod")["data"]
    assert [p["id"] for p in points] == ["a", "b"]  # C has no place
    assert [p["label"] for p in punten((C, A, B), nummers=True)] == ["2", "3"]  # rank kept
    own = [f for f in d["layers"][0]["data"]["features"] if f["properties"]["wijk_code"] == "WK050206"]
    assert own[0]["properties"]["fill"][3] > 0


def test_fit_zoom_shows_capelle_in_the_height():
    # Capelle spans 51.907..51.965: about 0.058 deg; at zoom z one world height is 512 * 2**z px.
    z = fit_zoom(51.907, 51.965, 420)
    assert 11.3 < z < 11.7
    assert fit_zoom(51.907, 51.965, 840) == pytest.approx(z + 1, abs=0.01)


def test_escape_markdown_makes_markup_inert():
    hostile = "<script>x</script> [klik](javascript:alert(1)) **vet** # kop"
    out = escape_markdown(hostile)
    assert re.search(r"(?<!\\)[<>\[\]()*#]", out) is None  # every special character is escaped
    assert escape_markdown("regel 1\nregel 2") == "regel 1 regel 2"


# Vega's "blues" scheme (vega-scale), interpolated linearly in RGB between these stops.
VEGA_BLUES = "cfe1f2bed8eca8cee58fc1de74b2d75ba3cf4592c63181bd206fb2125ca40a4a90"
NAMEN = {"white": (255, 255, 255)}


def _blauw(t: float) -> tuple[float, ...]:
    stops = [tuple(int(VEGA_BLUES[i + j : i + j + 2], 16) for j in (0, 2, 4)) for i in range(0, len(VEGA_BLUES), 6)]
    x = t * (len(stops) - 1)
    i = min(int(x), len(stops) - 2)
    return tuple(a + (b - a) * (x - i) for a, b in zip(stops[i], stops[i + 1], strict=True))


def _contrast(a, b) -> float:
    def lum(c):
        lin = [v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hoog, laag = sorted((lum(a), lum(b)), reverse=True)
    return (hoog + 0.05) / (laag + 0.05)


def _rgb(kleur: str) -> tuple[int, ...]:
    return NAMEN.get(kleur) or tuple(int(kleur[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize("hoogste", [3, 7, 10, 23, 40])
def test_heatmap_cell_numbers_reach_4_5_to_1_on_every_cell(hoogste):
    matrix = pd.DataFrame({"vorm": [f"v{n}" for n in range(hoogste + 1)], "groep": "g", "aantal": range(hoogste + 1)})
    spec = dekking.heatmap(matrix, "vorm", "groep", "Vorm", "Groep").to_dict()
    kleur = next(laag["encoding"]["color"] for laag in spec["layer"] if laag["mark"]["type"] == "text")
    op, grens = re.fullmatch(r"datum\.aantal (>=?) ([\d.]+)", kleur["condition"]["test"]).groups()
    for n in range(1, hoogste + 1):
        wit = n >= float(grens) if op == ">=" else n > float(grens)
        tekst = kleur["condition"]["value"] if wit else kleur["value"]
        assert _contrast(_blauw(n / hoogste), _rgb(tekst)) >= 4.5, (n, hoogste, tekst)
