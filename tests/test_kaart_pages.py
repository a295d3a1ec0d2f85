"""AppTest: the Wijkkaart and Wijkprofiel pages, their URL state and their error handling."""

from __future__ import annotations

import json

from tests.pagetest import run_page

WIJKEN = {f"WK05020{i}" for i in range(1, 10)}


def _spec(at, i=0):
    return json.loads(at.get("deck_gl_json_chart")[i].proto.json)


def _fills(spec):
    return [f["properties"]["fill"] for f in spec["layers"][0]["data"]["features"]]


def test_kaart_spec_holds_the_nine_wijken_with_legend_and_notice():
    at = run_page("views/kaart.py")
    assert not at.exception
    spec = _spec(at)
    assert {f["properties"]["code"] for f in spec["layers"][0]["data"]["features"]} == WIJKEN
    assert spec["layers"][0]["id"] == "wijken" and spec.get("mapProvider") is None
    markdown = " ".join(m.value for m in at.markdown)
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
    markdown = " ".join(m.value for m in at.markdown)
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
    markdown = " ".join(m.value for m in at.markdown)
    assert "geen gegevens" in markdown  # four buurten without figures, in the legend
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
    assert metrics["Eenzaam"].delta.endswith(" procentpunt")
    assert any("de gemeente (" in c.value for c in at.caption)
    assert any("Voorbeeldcijfers" in w.value for w in at.warning)
    assert len(at.get("vega_lite_chart")) == 2
    buurten = at.dataframe[0].value
    assert len(buurten) > 0 and buurten["Code"].str.startswith("BU050207").all()


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
    risico = next(f for f in frames if "Risicogroep" in f.columns)
    assert any("Riet" in reden for reden in risico["Waarom"])
    aanbod = next(f for f in frames if "Activiteit" in f.columns)
    assert len(aanbod) == 4
    links = {(p.proto.page, p.proto.query_string) for p in at.get("page_link")}
    assert ("personas", "persona=riet") in links
    assert ("aanbod", "wijk=WK050206") in links
