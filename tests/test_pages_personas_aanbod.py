"""AppTest for the personas and aanbod pages: deep links, matches with reasons, workshop, filters."""

from __future__ import annotations

import json

from tests.pagetest import run_page

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(2))"


def _markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def _deck(at, i: int = 0) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[i].proto.json)


def test_gallery_without_persona():
    at = run_page("views/personas.py")
    assert not at.exception
    labels = [b.label for b in at.button]
    assert {"Bekijk Daan", "Bekijk Riet", "Bekijk Marco", "Bekijk Sandra", "Bekijk Samira", "Bekijk Lotte"} <= set(
        labels
    )
    assert not at.header  # no persona opened


def test_deep_link_opens_persona_with_matches_reasons_map_and_signaleren():
    at = run_page("views/personas.py", query={"persona": "riet"})
    assert not at.exception
    assert at.header[0].value == "Riet, 78 jaar"
    text = _markdown(at)
    assert text.count("past omdat") >= 3
    assert "Preventief huisbezoek 75\\+" in text or "Preventief huisbezoek 75+" in text
    subheaders = [s.value for s in at.subheader]
    assert "Signaleren: wie kan het merken?" in subheaders
    assert "Preventief huisbezoek 75+" in text.replace("\\", "")  # signaleerder label
    assert "Kwetsbare Capellenaren en life events" in text  # plan theme
    deck = _deck(at)
    assert "mapProvider" not in deck and deck["mapStyle"] == "__MAP_STYLE__"  # no basemap, works offline
    layer_ids = [layer["id"] for layer in deck["layers"]]
    assert {"wijken", "aanbod", "rangnummers"} <= set(layer_ids)
    points = next(layer for layer in deck["layers"] if layer["id"] == "aanbod")["data"]
    assert len(points) >= 3 and all(p["voorbeeld"] for p in points)
    assert any("lopende activiteiten passen goed bij Riet" in s.value for s in at.success)
    assert at.query_params["persona"] in ("riet", ["riet"])


def test_gap_warning_for_persona_with_thin_offer():
    at = run_page("views/personas.py", query={"persona": "lotte"})
    assert not at.exception
    assert any("Gat in het aanbod" in e.value for e in at.error)


def test_unknown_persona_in_link_is_ignored_with_message():
    at = run_page("views/personas.py", query={"persona": "<b>bestaat-niet</b>"})
    assert not at.exception
    assert any("onbekende waarde voor: persona" in i.value for i in at.info)
    assert "bestaat-niet" not in _markdown(at)  # the typed value is not echoed
    assert not at.header


def test_choosing_a_persona_updates_the_link():
    at = run_page("views/personas.py")
    at.selectbox(key="persona_keuze").set_value("samira").run()
    assert not at.exception
    assert at.header[0].value == "Samira, 34 jaar"
    assert at.query_params["persona"] in ("samira", ["samira"])


def test_workshop_matches_update_live_and_export():
    at = run_page("views/personas.py")
    assert any("Kies minstens één risicogroep" in i.value for i in at.info)
    at.text_input(key="ws_naam").input(HOSTILE)
    at.multiselect(key="ws_doelgroepen").select("jongeren")
    at.number_input(key="ws_leeftijd").set_value(17)
    at.run()
    assert not at.exception
    text = _markdown(at)
    assert "<script>" not in text and "](javascript" not in text
    assert "\\<script\\>" in text  # shown as text, escaped
    assert "Jongerencentrum" in text
    downloads = at.get("download_button")
    labels = [d.proto.label for d in downloads]
    assert "Exporteer als Markdown" in labels and "Exporteer als CSV" in labels
    # Changing the profile changes the matches: a 78-year-old widow gets no youth centres.
    at.multiselect(key="ws_doelgroepen").unselect("jongeren").select("weduwen")
    at.number_input(key="ws_leeftijd").set_value(78)
    at.run()
    text = _markdown(at)
    assert "Jongerencentrum Schollevaar: tot en met 23 jaar" in text  # now listed as not fitting, with why
    assert "rouwenden" in text


def test_workshop_start_from_persona():
    at = run_page("views/personas.py")
    at.selectbox(key="ws_basis").set_value("sandra").run()
    assert not at.exception
    assert at.text_input(key="ws_naam").value == "Sandra (aangepast)"
    assert "Herstelcafé" in _markdown(at)


def test_aanbod_page_list_map_and_heatmaps():
    at = run_page("views/aanbod.py")
    assert not at.exception
    assert "55 van de 55 activiteiten" in _markdown(at)
    assert at.dataframe[0].value.shape[0] == 55
    deck = _deck(at)
    assert [layer["id"] for layer in deck["layers"]][:3] == ["wijken", "wijknamen", "aanbod"]
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    spec = json.loads(charts[0].proto.spec)
    assert "rect" in json.dumps(spec)
    infos = " ".join(i.value for i in at.info)
    assert "jongeren" in infos and "ouderen" in infos
    assert any("Tijden en adressen zijn een voorbeeld" in w.value for w in at.warning)
    assert any("Bron:" in c.value for c in at.caption)


def test_aanbod_search_and_filters():
    at = run_page("views/aanbod.py")
    at.text_input(key="f_zoek").input("rouw").run()
    assert not at.exception
    names = set(at.dataframe[0].value["naam"])
    assert "Ontmoetingsplek voor rouwenden" in names
    assert "Jongerencentrum Schollevaar" not in names
    at.text_input(key="f_zoek").input("").run()
    at.segmented_control(key="f_kosten").set_value("gratis").run()
    assert (at.dataframe[0].value["kosten_eur"] == "€ 0").all()  # Dutch text, no "€ 0.00"
    at.text_input(key="f_zoek").input("xyzzy onvindbaar").run()
    assert any("Geen activiteiten gevonden" in i.value for i in at.info)


def test_aanbod_wijk_deep_link_and_unknown_wijk():
    at = run_page("views/aanbod.py", query={"wijk": "WK050209"})
    assert not at.exception
    df = at.dataframe[0].value
    assert set(df["wijk"]) <= {"Rivium", "Heel Capelle"} and "Rivium" in set(df["wijk"])
    bad = run_page("views/aanbod.py", query={"wijk": "WK999999"})
    assert not bad.exception
    assert any("onbekende waarde voor: wijk" in i.value for i in bad.info)
    assert bad.dataframe[0].value.shape[0] == 55
