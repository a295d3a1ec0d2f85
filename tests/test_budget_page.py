"""The budget page under AppTest: figures with sources, deep links, view mode versus editor mode."""

from __future__ import annotations

import json

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from lib.budget import begroting as bu
from lib.budget import scenario_opslag
from lib.cijfers import voorbeeld as vb
from lib.kern import auth, storage
from lib.ui import laden
from tests.pagetest import run_page

PAGE = "views/budget.py"


@pytest.fixture
def editor():
    token = auth.login("wachtwoord123", "Anna", auth.hash_password("wachtwoord123", iterations=1000), auth.Throttle())
    yield token
    auth.logout(token)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def tiles(at) -> dict:
    return {m.label: m for m in at.metric}


@pytest.fixture
def allocation_with(monkeypatch):
    """Serve the page a changed copy of the shipped allocation, e.g. with real (non-illustrative) rows."""

    def use(change):
        laden.allocation.clear()
        changed = change(bu.load_allocation())
        monkeypatch.setattr(bu, "load_allocation", lambda *args, **kwargs: changed)

    yield use
    laden.allocation.clear()  # the next test loads the shipped allocation again


def all_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for kind in ("warning", "error", "info", "success") for e in getattr(at, kind)]
    return "\n".join(parts)


def test_page_shows_frame_allocation_and_per_inhabitant():
    at = run_page(PAGE)
    assert not at.exception
    m = metrics(at)
    assert m["Kader Wmo"] == "€ 514.000"
    assert m["Begroot 2022"] == "€ 514.000 ◇"
    assert m["Per inwoner"] == "€ 7,57"
    text = all_text(at)
    assert "Voorbeeldbedragen, geen echte begroting" in text
    assert "Bron: Voorbeeldverdeling van het Wmo-budget" in text and "CBS" in text
    assert "precies het kader" in text


def test_year_from_link_and_unknown_year_ignored():
    at = run_page(PAGE, query={"jaar": "2020"})
    assert "Begroot 2020" in metrics(at)
    assert "In 2020 gaat het grootste deel, 62%" in all_text(at)
    assert "In de voorbeeldcijfers ◇: In 2020 gaat het grootste deel" in all_text(at)  # an example, not a finding
    at = run_page(PAGE, query={"jaar": "1999<script>"})
    assert not at.exception
    assert "Begroot 2022" in metrics(at)
    assert any("onbekende waarde voor: jaar" in i.value and "<script>" not in i.value for i in at.info)


def test_example_amounts_carry_the_mark_in_their_tile_and_no_arrow():
    t = tiles(run_page(PAGE, query={"jaar": "2022"}))
    for label, waarde in (("Begroot 2022", "€ 514.000 ◇"), ("Besteed 2022", "€ 505.100 ◇")):
        assert t[label].value == waarde
        # the orange mark in place of the difference, without an arrow: no finding between examples
        assert t[label].delta == vb.GEEN_OORDEEL
        assert t[label].proto.color == MetricProto.MetricColor.ORANGE
        assert t[label].proto.direction == MetricProto.MetricDirection.NONE
    # the frame (from the plan) and the amount per inhabitant (CBS) are real: no mark, no difference
    for label, waarde in (("Kader Wmo", "€ 514.000"), ("Per inwoner", "€ 7,57")):
        assert t[label].value == waarde and not t[label].delta


def test_real_budget_rows_show_without_mark_and_with_the_difference(allocation_with):
    allocation_with(lambda df: df.assign(illustratief=False))
    at = run_page(PAGE, query={"jaar": "2022"})
    assert not at.exception
    t = tiles(at)
    assert t["Begroot 2022"].value == "€ 514.000" and not t["Begroot 2022"].delta
    besteed = t["Besteed 2022"]
    assert besteed.value == "€ 505.100"
    assert besteed.delta == "-8.900 t.o.v. begroot"  # 505.100 spent against 514.000 budgeted
    assert besteed.proto.color == MetricProto.MetricColor.GRAY  # neutral: underspending is not bad news
    assert besteed.proto.direction == MetricProto.MetricDirection.DOWN
    assert not any(vb.TEKEN in m.value for m in at.metric)
    text = all_text(at)
    assert "Voorbeeldbedragen" not in text and vb.VOETNOOT not in text
    assert "Bovenop het kader in 2022: € 24.000 aan incidenteel geld, fondsen en WOP-budgetten." in text
    # the largest share is a finding now, written as one sentence before the note on the frame
    assert "In 2022 gaat het grootste deel" in text and "In de voorbeeldcijfers" not in text
    assert "*. Alleen het Wmo-kader" in text


def test_spent_against_an_example_budget_is_no_finding(allocation_with):
    # real spending, example budget: the spent amount stands unmarked, but its difference is not shown
    allocation_with(lambda df: df.assign(illustratief=df["status"] == "begroot"))
    t = tiles(run_page(PAGE, query={"jaar": "2022"}))
    assert t["Begroot 2022"].value == "€ 514.000 ◇" and t["Begroot 2022"].delta == vb.GEEN_OORDEEL
    assert t["Besteed 2022"].value == "€ 505.100" and not t["Besteed 2022"].delta


def test_charts_are_drawn_with_the_frame_rule():
    at = run_page(PAGE, query={"jaar": "2021"})
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert len(specs) >= 4
    stacked = specs[0]
    layers = stacked.get("layer", [])
    assert any(layer.get("mark", {}).get("type") == "rule" for layer in layers)
    rule = next(layer for layer in layers if layer.get("mark", {}).get("type") == "rule")
    assert rule["encoding"]["y"]["field"] == "kader"
    titles = {json.dumps(spec.get("encoding", {}).get("x", {}).get("title")) for spec in specs}
    assert '"Aandeel"' in titles


def test_drill_down_by_theme_from_the_link():
    at = run_page(PAGE, query={"jaar": "2020", "thema": "3"})
    regels = next(df.value for df in at.dataframe if "regel" in df.value.columns)
    assert set(regels["thema_naam"]) == {"Eenzaamheid onder jongeren"}
    assert "Maatjesproject voor jongeren (jongerenwerk)" in set(regels["regel"])
    at = run_page(PAGE, query={"thema": "9"})
    assert any("onbekende waarde voor: thema" in i.value for i in at.info)


def test_view_mode_has_no_storage_controls():
    at = run_page(PAGE)
    assert any("kijkmodus" in c.value for c in at.caption)
    assert not [b for b in at.button if b.label in ("Scenario opslaan", "Hernoemen", "Verwijderen")]
    assert not at.get("file_uploader")
    assert "Er zijn nog geen scenario's opgeslagen." in all_text(at)


def test_editor_saves_a_scenario_and_hostile_name_stays_text(editor):
    at = run_page(PAGE, session={"redacteur": editor})
    assert not at.exception
    naam = "<script>alert(1)</script> **vet** [link](http://x)"
    next(t for t in at.text_input if t.label == "Naam van het scenario").input(naam)
    submit = next(b for b in at.button if b.label == "Scenario opslaan")
    submit.click().run()
    assert not at.exception
    success = [s.value for s in at.success if "opgeslagen" in s.value]
    assert success and "<script>" not in success[0].replace("\\<script\\>", "")
    assert "\\*\\*vet\\*\\*" in success[0] and "\\[link\\]" in success[0]
    stored = scenario_opslag.list_scenarios(storage.connect())
    assert stored["naam"].tolist() == [naam] and stored["totaal"].iloc[0] == 514_000
    listing = next(df.value for df in at.dataframe if "naam" in df.value.columns and "totaal" in df.value.columns)
    assert listing["naam"].tolist() == [naam]


def test_alliance_time_follows_the_hourly_rate():
    at = run_page(PAGE)
    rate = next(n for n in at.number_input if n.label.startswith("Uurtarief"))
    rate.set_value(100.0).run()
    m = metrics(at)
    # the plan's hours and the same example head-counts as the Alliantie page
    assert m["Uren per jaar"] == "1.505-1.710"
    assert m["Waarde bij € 100 per uur"] == "€ 150.500-171.000"
