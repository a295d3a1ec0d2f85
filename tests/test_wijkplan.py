"""lib.wijk.plan: risk groups and themes per wijk with reasons, and the activities located there."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.aanbod import catalogus as aanbod
from lib.cijfers import kwb, loaders
from lib.personas import persona as personas
from lib.wijk import plan as wijkplan


@pytest.fixture(scope="module")
def data():
    return loaders.load_figures()


@pytest.fixture(scope="module")
def catalogue():
    return aanbod.load_aanbod(), personas.load_personas()


@pytest.fixture(scope="module")
def cbs():
    return kwb.load_kwb()


def test_a_persona_living_in_the_wijk_is_no_reason(data, catalogue):
    activiteiten, ps = catalogue
    riet = next(p for p in ps if p.wijk == "WK050206" and p.naam == "Riet")
    plan = wijkplan.wijk_plan("WK050206", data, "GM0502", 2022, ps, activiteiten)
    assert riet in plan.personas  # listed as an illustration
    assert plan.risicogroepen == () and plan.themas == ()  # but a fictive resident proves nothing
    assert all(a.wijk == "WK050206" for a in plan.activiteiten)
    assert all(a.wijk == "gemeente" for a in plan.gemeentebreed)
    # the offer counts are counts of the wijk's own activities for that group
    for s in plan.risicogroepen:
        assert s.aanbod_in_wijk == sum(s.key in a.doelgroepen for a in plan.activiteiten)


def test_wijk_without_real_signals_suggests_nothing(data, catalogue, cbs):
    activiteiten, ps = catalogue
    plan = wijkplan.wijk_plan("WK050207", data, "GM0502", 2022, ps, activiteiten, cbs)
    # Schollevaar Zuid: no share clearly above the gemeente, and the loneliness figures are examples
    assert plan.risicogroepen == () and plan.themas == ()


def test_real_cbs_shares_give_risk_groups_with_the_reason(data, catalogue, cbs):
    activiteiten, ps = catalogue
    plan = wijkplan.wijk_plan("WK050203", data, "GM0502", 2022, ps, activiteiten, cbs)
    assert [s.key for s in plan.risicogroepen] == ["ouderen_zonder_netwerk"]
    reden = plan.risicogroepen[0].redenen[0]
    assert "27,1%" in reden and "22,0%" in reden and "CBS" in reden
    assert [s.key for s in plan.themas] == ["2"]
    assert len(plan.activiteiten) == 3
    rivium = wijkplan.wijk_plan("WK050209", data, "GM0502", 2022, ps, activiteiten, cbs)
    assert {s.key for s in rivium.risicogroepen} == {"jongeren", "migranten"}
    assert {s.key for s in rivium.themas} == {"2", "3"}


def _figs(rows):
    return pd.DataFrame(rows, columns=loaders.FIGURE_COLUMNS)


@pytest.mark.parametrize("illustratief", [False, True])
def test_clearly_higher_real_figure_is_a_reason_an_example_is_not(illustratief):
    rows = [
        ("WK050203", 2022, "65+", "eenzaam", 70.0, 65.0, 75.0, "rivm_50120NED", illustratief, ""),
        ("GM0502", 2022, "65+", "eenzaam", 55.0, 54.0, 56.0, "rivm_50120NED", illustratief, ""),
        # within the margin: no reason
        ("WK050203", 2022, "18+", "sociaal_eenzaam", 56.0, 50.0, 62.0, "rivm_50120NED", illustratief, ""),
        ("GM0502", 2022, "18+", "sociaal_eenzaam", 53.0, 52.0, 54.0, "rivm_50120NED", illustratief, ""),
    ]
    plan = wijkplan.wijk_plan("WK050203", _figs(rows), "GM0502", 2022, (), ())
    if illustratief:
        assert plan.risicogroepen == () and plan.themas == ()
        return
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
