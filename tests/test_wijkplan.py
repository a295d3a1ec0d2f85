"""lib.wijk.plan: risk groups and themes per wijk with reasons, and the activities located there."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.aanbod import catalogus as aanbod
from lib.cijfers import loaders
from lib.personas import persona as personas
from lib.wijk import plan as wijkplan


@pytest.fixture(scope="module")
def data():
    return loaders.load_figures()


@pytest.fixture(scope="module")
def catalogue():
    return aanbod.load_aanbod(), personas.load_personas()


def test_persona_living_in_the_wijk_gives_groups_and_themes(data, catalogue):
    activiteiten, ps = catalogue
    riet = next(p for p in ps if p.wijk == "WK050206" and p.naam == "Riet")
    plan = wijkplan.wijk_plan("WK050206", data, "GM0502", 2022, ps, activiteiten)
    assert riet in plan.personas
    groepen = {s.key: s for s in plan.risicogroepen}
    for g in riet.doelgroepen:
        if g in wijkplan.RISICOGROEPEN:
            assert any("Riet" in r for r in groepen[g].redenen)
    assert {int(s.key) for s in plan.themas} >= set(riet.themas)
    assert all(a.wijk == "WK050206" for a in plan.activiteiten)
    assert all(a.wijk == "gemeente" for a in plan.gemeentebreed)
    # the offer counts are counts of the wijk's own activities for that group
    for s in plan.risicogroepen:
        assert s.aanbod_in_wijk == sum(s.key in a.doelgroepen for a in plan.activiteiten)


def test_wijk_without_personas_or_signals_suggests_nothing(data, catalogue):
    activiteiten, ps = catalogue
    plan = wijkplan.wijk_plan("WK050203", data, "GM0502", 2022, ps, activiteiten)
    assert plan.personas == () and plan.risicogroepen == () and plan.themas == ()
    assert len(plan.activiteiten) == 3


def _figs(rows):
    return pd.DataFrame(rows, columns=loaders.FIGURE_COLUMNS)


def test_clearly_higher_figure_is_a_reason():
    rows = [
        ("WK050203", 2022, "65+", "eenzaam", 70.0, 65.0, 75.0, "illustratief", True, ""),
        ("GM0502", 2022, "65+", "eenzaam", 55.0, 54.0, 56.0, "illustratief", True, ""),
        # within the margin: no reason
        ("WK050203", 2022, "18+", "sociaal_eenzaam", 56.0, 50.0, 62.0, "illustratief", True, ""),
        ("GM0502", 2022, "18+", "sociaal_eenzaam", 53.0, 52.0, 54.0, "illustratief", True, ""),
    ]
    plan = wijkplan.wijk_plan("WK050203", _figs(rows), "GM0502", 2022, (), ())
    assert [s.key for s in plan.risicogroepen] == ["ouderen"]
    assert "65-plussers" in plan.risicogroepen[0].redenen[0]
    assert [s.key for s in plan.themas] == ["2"]


def test_frames_have_the_columns_the_page_shows(data, catalogue):
    activiteiten, ps = catalogue
    plan = wijkplan.wijk_plan("WK050206", data, "GM0502", 2022, ps, activiteiten)
    frame = wijkplan.suggesties_frame(plan.risicogroepen, "Risicogroep")
    assert list(frame.columns) == ["Risicogroep", "Waarom", "Aanbod in de wijk", "Aanbod voor heel Capelle"]
    assert len(frame) == len(plan.risicogroepen)
    act = wijkplan.activiteiten_frame(plan.activiteiten)
    assert len(act) == len(plan.activiteiten) and "Organisatie" in act.columns
