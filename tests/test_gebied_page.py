"""/wijk?gebied=... under AppTest: the area profile, an unknown area, and editing in editor mode."""

from __future__ import annotations

import json

import pytest

from lib.cijfers import kwb
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import INDICATOREN, format_pct
from lib.kern import auth, getallen, storage
from lib.regio import gebieden as gb
from lib.wijk import plan as wijkplan
from tests.pagetest import run_page


@pytest.fixture
def editor():
    stored = auth.hash_password("pagina-wachtwoord", iterations=1000)
    token = auth.login("pagina-wachtwoord", "Pagina Redacteur", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


def test_schollevaar_profile_shows_totals_per_wijk_table_and_explanation():
    at = run_page("views/wijk.py", query={"gebied": "schollevaar"})
    assert not at.exception
    assert at.title[0].value == "Gebiedsprofiel Schollevaar"
    assert at.metric[0].value == "17.380"  # 14.020 + 3.360 (CBS 2024)
    tabel = at.dataframe[0].value
    assert list(tabel["Wijk"]) == ["Schollevaar Zuid (WK050207)", "Schollevaar Noord (WK050208)"]
    assert any("Een gemiddelde van twee schattingen" in i.value for i in at.info)
    assert any("Bron:" in c.value and "CBS" in c.value for c in at.caption)
    assert not [b for b in at.button if b.label == "Gebied opslaan"]  # view mode


def test_unknown_area_gets_a_message_and_a_known_area():
    at = run_page("views/wijk.py", query={"gebied": "atlantis"})
    assert not at.exception
    assert any("bestaat niet" in w.value for w in at.warning)
    assert at.title[0].value.startswith("Gebiedsprofiel ")


def test_without_gebied_the_wijk_page_is_unchanged():
    at = run_page("views/wijk.py", query={"wijk": "WK050207"})
    assert not at.exception and at.title[0].value == "Wijkprofiel"


def test_editor_adds_an_area_through_the_form(editor):
    at = run_page("views/wijk.py", query={"gebied": "schollevaar"}, session={"redacteur": editor})
    at.text_input(key="gb_id_schollevaar").set_value("capelle-west")
    at.text_input(key="gb_naam_schollevaar").set_value("Capelle-West")
    at.multiselect(key="gb_wijken_schollevaar").set_value(["WK050201", "WK050202"])
    next(b for b in at.button if b.label == "Gebied opslaan").click()
    at.run()
    assert not at.exception and not [e for e in at.error if "Niet opgeslagen" in e.value]
    alle = gb.all_gebieden(storage.connect(), gb.load_gebieden())
    assert alle["capelle-west"].wijken == ("WK050201", "WK050202")


def test_wijk_and_area_explain_the_plan_rule_in_the_same_words():
    """One home for the rule's explanation (lib.wijk.plan.uitleg): the wijk page and the area page agree."""
    wijk = run_page("views/wijk.py", query={"wijk": "WK050207"})
    gebied = run_page("views/wijk.py", query={"gebied": "schollevaar"})
    for at in (wijk, gebied):
        assert not at.exception
        tekst = [m.value for m in at.markdown]
        assert sum(wijkplan.uitleg(2022) == t for t in tekst) == 1
        assert "minstens 3 procentpunt en 15% meer" in wijkplan.uitleg(2022)
    links = [link.proto.query_string for link in gebied.get("page_link") if "aanbod" in link.proto.page]
    assert any("WK050207" in q and "WK050208" in q for q in links), links


def _veld(at, soort: str, label: str):
    """The edit form's widget by its label (not its key: the keys are per area)."""
    return next(w for w in getattr(at, soort) if w.label == label)


def test_switching_area_refills_the_edit_form_and_saving_changes_only_that_area(editor):
    """The edit form follows the area picker: after a switch it shows the new area, and saving it
    never overwrites the area shown before (the form's widgets are keyed per area)."""
    at = run_page("views/wijk.py", query={"gebied": "schollevaar"}, session={"redacteur": editor})
    id_label = "Id (in de link: /wijk?gebied=...)"
    assert _veld(at, "text_input", id_label).value == "schollevaar"
    at.selectbox(key="q_gebied").set_value("oostgaarde").run()
    assert at.title[0].value == "Gebiedsprofiel Oostgaarde"
    assert _veld(at, "text_input", id_label).value == "oostgaarde"
    oost = gb.load_gebieden()["oostgaarde"]
    assert tuple(_veld(at, "multiselect", "Wijken").value) == oost.wijken
    _veld(at, "text_input", "Naam").set_value("Oostgaarde (team)")
    next(b for b in at.button if b.label == "Gebied opslaan").click()
    at.run()
    assert not at.exception and not [e for e in at.error if "Niet opgeslagen" in e.value]
    alle = gb.all_gebieden(storage.connect(), gb.load_gebieden())
    assert alle["oostgaarde"].naam == "Oostgaarde (team)"
    assert alle["schollevaar"] == gb.load_gebieden()["schollevaar"]  # untouched


def test_area_profile_shows_a_map_with_the_area_wijken_outlined():
    at = run_page("views/wijk.py", query={"gebied": "schollevaar"})
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert spec.get("mapProvider") is None  # offline: no basemap
    vlakken = spec["layers"][0]
    assert vlakken["id"] == "wijken" and len(vlakken["data"]["features"]) == 9
    per_code = {f["properties"]["code"]: f["geometry"] for f in vlakken["data"]["features"]}
    selectie = next(laag for laag in spec["layers"] if laag["id"] == "selectie")
    assert [f["geometry"] for f in selectie["data"]["features"]] == [per_code["WK050207"], per_code["WK050208"]]
    at.selectbox(key="q_gebied").set_value("oostgaarde").run()
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    selectie = next(laag for laag in spec["layers"] if laag["id"] == "selectie")
    assert [f["geometry"] for f in selectie["data"]["features"]] == [per_code["WK050204"], per_code["WK050205"]]


def test_area_profile_has_the_wijk_pickers_figures_per_wijk_trends_and_who_lives_there():
    at = run_page(
        "views/wijk.py",
        query={"gebied": "schollevaar", "indicator": "ernstig_eenzaam", "periode": "2016", "leeftijd": "65+"},
    )
    assert not at.exception
    assert at.selectbox(key="q_indicator").value == "ernstig_eenzaam"
    assert at.segmented_control(key="q_periode").value == 2016
    assert at.segmented_control(key="q_leeftijd").value == "65+"
    per_wijk = at.dataframe[0].value
    assert per_wijk.columns[4] == f"{INDICATOREN['ernstig_eenzaam'].label} (%)"
    assert all(str(v).endswith(vb.TEKEN) for v in per_wijk.iloc[:, 4])  # example values keep their mark
    assert any(c.value == vb.VOETNOOT for c in at.caption)
    assert any("Een gemiddelde van twee schattingen" in i.value for i in at.info)
    # a trend per wijk, from the wijk profile's own chart
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    for naam, ander in (("Schollevaar Zuid", "Schollevaar Noord"), ("Schollevaar Noord", "Schollevaar Zuid")):
        trend = [t for t in specs if f'"{naam}"' in t and '"Periode"' in t]
        assert len(trend) == 1 and f'"{ander}"' not in trend[0]
    assert at.query_params["gebied"] in ("schollevaar", ["schollevaar"])
    # "Wie wonen er" for the area: real CBS counts summed, shares from the sums
    assert "Wie wonen er" in [s.value for s in at.subheader]
    cbs = kwb.load_kwb()
    zuid, noord = kwb.rij(cbs, "WK050207"), kwb.rij(cbs, "WK050208")
    oud = (zuid["leeftijd_65_plus"] + noord["leeftijd_65_plus"]) / (zuid["inwoners"] + noord["inwoners"]) * 100
    tekst = " ".join(m.value for m in at.markdown)
    assert f"In Schollevaar wonen {getallen.getal(zuid['inwoners'] + noord['inwoners'])} mensen" in tekst
    assert f"{format_pct(oud)} is 65 jaar of ouder" in tekst
    captions = " ".join(c.value for c in at.caption)
    assert "Kerncijfers wijken en buurten 2024" in captions and "gewogen naar het aantal inwoners" in captions
