"""AppTest: the Wijkkaart and Wijkprofiel pages, their URL state and their error handling."""

from __future__ import annotations

import base64
import json

from tests.pagetest import run_page

WIJKEN = {f"WK05020{i}" for i in range(1, 10)}


def _spec(at, i=0):
    return json.loads(at.get("deck_gl_json_chart")[i].proto.json)


def _tekst(at) -> str:
    """What the page writes: Markdown and the legend (one st.html block)."""
    return " ".join([m.value for m in at.markdown] + [h.proto.body for h in at.get("html")])


def _fills(spec):
    return [f["properties"]["fill"] for f in spec["layers"][0]["data"]["features"]]


def test_kaart_spec_holds_the_nine_wijken_with_legend_and_notice():
    at = run_page("views/kaart.py", session={"kaart_tabel_open": True})
    assert not at.exception
    spec = _spec(at)
    assert {f["properties"]["code"] for f in spec["layers"][0]["data"]["features"]} == WIJKEN
    assert spec["layers"][0]["id"] == "wijken" and spec.get("mapProvider") is None
    markdown = _tekst(at)
    assert "Legenda" in markdown and "tot en met" in markdown
    assert any("Voorbeeldcijfers, geen echte meting" in w.value for w in at.warning)
    assert "Hoogste:" in markdown and "Laagste:" in markdown
    assert at.get("vega_lite_chart"), "the ranked bar chart is missing"
    assert at.get("download_button")
    captions = " ".join(c.value for c in at.caption)
    assert "Bron:" in captions and "2022" in captions


def test_changing_the_indicator_changes_fill_colours_and_url():
    at = run_page("views/kaart.py")
    before = _fills(_spec(at))
    at.selectbox(key="q_indicator").set_value("ernstig_eenzaam").run()
    assert not at.exception
    assert _fills(_spec(at)) != before
    assert at.query_params["indicator"] == ["ernstig_eenzaam"] or at.query_params["indicator"] == "ernstig_eenzaam"


def test_kaart_reads_its_choice_from_the_url():
    at = run_page(
        "views/kaart.py",
        query={"indicator": "sociaal_eenzaam", "periode": "2016", "leeftijd": "65+", "modus": "vergelijking"},
    )
    assert not at.exception
    assert at.selectbox(key="q_indicator").value == "sociaal_eenzaam"
    assert at.segmented_control(key="q_periode").value == 2016
    markdown = _tekst(at)
    assert "duidelijk" in markdown  # the comparison legend


def test_kaart_ignores_unknown_url_values_with_a_message():
    at = run_page("views/kaart.py", query={"indicator": "<script>alert(1)</script>", "periode": "1999"})
    assert not at.exception
    notes = " ".join(i.value for i in at.info)
    assert "onbekende waarde" in notes and "indicator" in notes and "periode" in notes
    assert "<script>" not in notes
    assert at.selectbox(key="q_indicator").value == "eenzaam"


def test_kaart_buurt_layer_and_missing_nl_reference():
    at = run_page("views/kaart.py", query={"niveau": "buurt", "indicator": "emotioneel_eenzaam"})
    assert not at.exception
    spec = _spec(at)
    assert spec["layers"][0]["id"] == "buurten"
    assert len(spec["layers"][0]["data"]["features"]) == 79
    markdown = _tekst(at)
    assert "geen schatting (te weinig inwoners)" in markdown  # buurten without figures, in the legend
    assert "Geen landelijk cijfer" in markdown
    assert "geen landelijk cijfer" in spec_tooltip(at)


def spec_tooltip(at):
    return at.get("deck_gl_json_chart")[0].proto.tooltip


def test_wijk_deep_link_shows_schollevaar_zuid():
    at = run_page("views/wijk.py", query={"wijk": "WK050207"})
    assert not at.exception
    assert [h.value for h in at.header] == ["Schollevaar Zuid"]
    assert at.selectbox(key="q_wijk").value == "WK050207"
    metrics = {m.label: m for m in at.metric}
    assert metrics["Inwoners"].value == "14.020"
    # every example tile carries its own mark, and shows no arrow as if it were a finding
    for label in ("Eenzaam", "(Zeer) ernstig eenzaam", "Emotioneel eenzaam", "Sociaal eenzaam"):
        assert metrics[label].value.endswith("% ◇") and metrics[label].delta == "◇ voorbeeld"
    captions = [c.value for c in at.caption]
    assert any(c.startswith("◇ In de voorbeeldcijfers: ") and "de gemeente (" in c for c in captions)
    assert not any("Duidelijk hoger dan de gemeente" in c for c in captions)
    assert any(c.startswith("◇ = voorbeeldcijfer") for c in captions)  # the footnote explains the symbol
    # generated sentences about examples read as examples
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("In de voorbeeldcijfers ◇: In Schollevaar Zuid is dit cijfer van") for t in texts)
    assert not any(t.startswith("In Schollevaar Zuid is dit cijfer van") for t in texts)
    assert any("In de voorbeeldcijfers ◇: Hoogste:" in t for t in texts)
    assert any("Voorbeeldcijfers" in w.value for w in at.warning)
    buurten = at.dataframe[0].value
    assert len(buurten) > 0 and buurten["Code"].str.startswith("BU050207").all()
    assert set(buurten["Voorbeeldcijfer"]) == {"ja ◇"}
    # Wie wonen er: the real share of 65+ against the gemeente, with its source
    assert "Wie wonen er" in [s.value for s in at.subheader]
    leeftijd = next(d.value for d in at.dataframe if "Leeftijd" in d.value.columns)
    oud = leeftijd[leeftijd["Leeftijd"] == "65 jaar en ouder"].iloc[0]
    assert oud["Schollevaar Zuid (%)"] == "19,7" and oud["Capelle aan den IJssel (%)"] == "22,0"
    assert any("19,7% is 65 jaar of ouder (gemeente 22,0%)" in t for t in texts)
    assert any("CBS, Kerncijfers wijken en buurten 2024" in c for c in captions)


def test_wijk_picker_updates_the_url():
    at = run_page("views/wijk.py", query={"wijk": "WK050207"})
    at.selectbox(key="q_wijk").set_value("WK050203").run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Middelwatering Oost"]
    assert "WK050203" in str(at.query_params["wijk"])


def test_wijk_bad_codes_are_handled():
    for raw in ("WK059999", "nonsense", "[x](javascript:alert(1))"):
        at = run_page("views/wijk.py", query={"wijk": raw})
        assert not at.exception
        assert not at.header
        text = " ".join(w.value for w in at.warning)
        assert "Kies hieronder een wijk" in text
        assert "](javascript" not in text
        assert at.selectbox(key="q_wijk").value is None


def test_wijk_profile_shows_what_it_means_for_the_plan():
    at = run_page("views/wijk.py", query={"wijk": "WK050206"})
    assert not at.exception
    assert "Wat betekent dit voor het plan?" in [s.value for s in at.subheader]
    frames = [d.value for d in at.dataframe]
    # Schenkel: no real figure clearly above the gemeente, and a persona living there is no reason
    assert not any("Risicogroep" in f.columns for f in frames)
    assert any("geen echt cijfer is duidelijk hoger" in c.value for c in at.caption)
    aanbod = next(f for f in frames if "Activiteit" in f.columns)
    assert len(aanbod) == 4
    links = {(p.proto.page, p.proto.query_string) for p in at.get("page_link")}
    assert ("personas", "persona=riet") in links
    assert ("aanbod", "wijk=WK050206") in links


def _feature(spec, code):
    return next(f["properties"] for f in spec["layers"][0]["data"]["features"] if f["properties"]["code"] == code)


def test_buurten_where_almost_no_one_lives_show_no_estimate_with_the_reason():
    at = run_page("views/kaart.py", query={"niveau": "buurt"}, session={"kaart_tabel_open": True})
    assert not at.exception
    spec = _spec(at)
    for code in ("BU05020110", "BU05020447"):  # IJsseldijk, AWZI Oostgaarde
        props = _feature(spec, code)
        assert props["waarde_tekst"] == "geen schatting (te weinig inwoners)"  # what the tooltip shows
        assert props["fill"][3] == 0  # drawn empty, never in a value colour
    tabel = next(d.value for d in at.dataframe if "Code" in d.value.columns)
    rows = tabel.set_index("Code").loc[["BU05020110", "BU05020447"]]
    assert (rows["Waarde (%)"].fillna("") == "").all()
    assert (rows["Vergeleken met gemeente"] == "geen schatting (te weinig inwoners)").all()
    # an example value carries its mark in the tooltip text and in the table
    props = _feature(spec, "BU05020111")
    assert props["waarde_tekst"].endswith("% ◇ voorbeeld")
    assert set(tabel[tabel["Waarde (%)"].fillna("") != ""]["Voorbeeldcijfer"]) == {"ja ◇"}
    markdown = _tekst(at)
    assert "◇ voorbeeld" in markdown  # legend lines of example classes
    assert "In de voorbeeldcijfers ◇: Hoogste:" in markdown  # no ranking stated as a finding


def test_kaart_states_no_comparison_of_example_figures_as_a_finding():
    at = run_page("views/kaart.py", session={"kaart_tabel_open": True})
    assert not at.exception
    spec = _spec(at)
    for code in sorted(WIJKEN):
        assert _feature(spec, code)["vergelijking"] == "◇ voorbeeld"  # tooltip: 'Vergeleken met de gemeente: …'
    tabel = next(d.value for d in at.dataframe if "Code" in d.value.columns)
    assert set(tabel["Vergeleken met gemeente"]) == {"◇ voorbeeld"}
    at.session_state["kaart_gebied_wijk"] = "WK050207"  # the selected wijk's caption
    at.run()
    captions = " ".join(c.value for c in at.caption)
    assert "Vergeleken met de gemeente: ◇ voorbeeld." in captions
    assert "duidelijk hoger" not in captions and "duidelijk lager" not in captions


def test_real_cbs_layers_are_selectable_without_example_marks():
    at = run_page("views/kaart.py", query={"laag": "aandeel_65_plus"}, session={"kaart_tabel_open": True})
    assert not at.exception
    assert at.selectbox(key="q_laag").value == "aandeel_65_plus"
    spec = _spec(at)
    props = _feature(spec, "WK050207")
    assert props["waarde_tekst"] == "19,7%" and "voorbeeld" not in json.dumps(spec)
    assert not any("Voorbeeldcijfers" in w.value for w in at.warning)
    markdown = _tekst(at)
    assert "Legenda" in markdown and "◇" not in markdown
    assert "Gemeente: 22,0%" in markdown and "Echte tellingen van het CBS" in markdown
    captions = " ".join(c.value for c in at.caption)
    assert "CBS, Kerncijfers wijken en buurten 2024" in captions
    tabel = next(d.value for d in at.dataframe if "Code" in d.value.columns)
    assert list(tabel.columns) == ["Code", "Naam", "Waarde (%)"] and len(tabel) == 9
    assert at.get("download_button") and at.get("vega_lite_chart")
    # inhabitants: counts, not percentages, also on the buurt layer
    at = run_page("views/kaart.py", query={"laag": "inwoners", "niveau": "buurt"}, session={"kaart_tabel_open": True})
    assert not at.exception
    spec = _spec(at)
    assert _feature(spec, "BU05020110")["waarde_tekst"] == "0"
    tabel = next(d.value for d in at.dataframe if "Code" in d.value.columns)
    assert "Inwoners" in tabel.columns and len(tabel) == 79


def test_the_table_panel_is_built_only_when_opened():
    """Lazy: closed, the table and its download cost neither the server nor the browser anything."""
    at = run_page("views/kaart.py")
    assert not at.exception
    assert not [d for d in at.dataframe if "Code" in d.value.columns] and not at.get("download_button")
    at.session_state["kaart_tabel_open"] = True
    at.run()
    tabel = next(d.value for d in at.dataframe if "Code" in d.value.columns)
    assert len(tabel) == 9 and at.get("download_button")


def _plaat(at) -> str:
    """The SVG of the map's picture: a Markdown image with a data: URL (no HTML renderer to load)."""
    platen = [m.value for m in at.markdown if m.value.startswith("![](data:image/svg+xml;base64,")]
    assert len(platen) == 1, "the map's picture is missing (or shown twice)"
    return base64.b64decode(platen[0].removeprefix("![](data:image/svg+xml;base64,").removesuffix(")")).decode()


def test_the_map_picture_follows_the_choice_and_the_selection():
    """The picture that holds the map's place until deck.gl has drawn shows what the map shows."""
    at = run_page("views/kaart.py")
    assert not at.exception
    plaat = _plaat(at)
    assert plaat.count("<path") == 9 and 'stroke-width="4"' not in plaat
    for rgba in _fills(_spec(at)):
        assert "#{:02x}{:02x}{:02x}".format(*rgba[:3]) in plaat
    at.session_state["kaart_gebied_wijk"] = "WK050207"  # the keyboard alternative to a click
    at.run()
    plaat = _plaat(at)
    assert plaat.count("<path") == 10 and 'stroke-width="4"' in plaat  # the selected wijk outlined
    tegel = at.metric[0]  # the selected wijk's tile: an example, marked as on /wijk and /briefing
    assert tegel.value.endswith("% ◇") and tegel.delta == "◇ voorbeeld"
    at.segmented_control(key="q_niveau").set_value("buurt").run()
    assert _plaat(at).count("<path") == len(_spec(at)["layers"][0]["data"]["features"])


def test_the_wijk_buurt_map_has_its_picture_too():
    at = run_page("views/wijk.py", query={"wijk": "WK050207"})
    assert not at.exception
    features = _spec(at)["layers"][0]["data"]["features"]
    assert _plaat(at).count("<path") == len(features) > 1


def test_wijk_buurt_map_says_no_estimate_where_almost_no_one_lives():
    """The /wijk buurt map (tooltip and legend) gives the same reason as the table beside it."""
    for wijk, buurt in (("WK050201", "BU05020110"), ("WK050204", "BU05020447")):  # IJsseldijk, AWZI Oostgaarde
        at = run_page("views/wijk.py", query={"wijk": wijk})
        assert not at.exception
        props = _feature(_spec(at), buurt)
        assert props["waarde_tekst"] == "geen schatting (te weinig inwoners)" and props["fill"][3] == 0
        assert "geen schatting (te weinig inwoners)" in _tekst(at)  # the legend line
        tabel = next(d.value for d in at.dataframe if "Code" in d.value.columns).set_index("Code")
        assert "geen schatting (te weinig inwoners)" in tabel.loc[buurt].to_list()


def _links(at) -> set[tuple[str, str, str]]:
    return {(p.proto.page, p.proto.query_string, p.proto.label) for p in at.get("page_link")}


def test_map_selection_of_a_wijk_in_an_area_links_to_the_area_profile():
    at = run_page("views/kaart.py")
    at.session_state["kaart_gebied_wijk"] = "WK050208"  # Schollevaar Noord, part of the area Schollevaar
    at.run()
    assert not at.exception
    assert ("wijk", "gebied=schollevaar", "Gebiedsprofiel Schollevaar") in _links(at)
    at.session_state["kaart_gebied_wijk"] = "WK050201"  # in no area
    at.run()
    assert not [link for link in _links(at) if "gebied=" in link[1]]


def test_wijk_profile_of_a_wijk_in_an_area_links_to_the_area():
    at = run_page("views/wijk.py", query={"wijk": "WK050207"})
    assert not at.exception
    assert ("wijk", "gebied=schollevaar", "Gebiedsprofiel Schollevaar") in _links(at)
    at = run_page("views/wijk.py", query={"wijk": "WK050201"})
    assert not [link for link in _links(at) if "gebied=" in link[1]]
