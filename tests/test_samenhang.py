"""One status per action: the shipped plan, example budget and offer do not contradict each other."""

import dataclasses

import pandas as pd

from lib.aanbod.catalogus import load_aanbod
from lib.budget import begroting
from lib.plan import lezen, samenhang


def _shipped():
    plan = lezen.load_plan()
    statussen = {a.id: a.status for a in plan.acties}
    titels = {a.id: a.titel for a in plan.acties}
    return plan, statussen, titels, load_aanbod(), begroting.load_allocation()


def test_shipped_status_budget_and_offer_agree():
    _, statussen, titels, aanbod, budget = _shipped()
    assert samenhang.tegenstrijdigheden(statussen, aanbod, budget, titels) == []


def test_the_actions_the_issue_named_are_started_everywhere():
    """'Professionals trainen' has money spent in 2020 and is in opbouw: the plan says lopend."""
    _, statussen, _, aanbod, budget = _shipped()
    spoor = samenhang.sporen(["2.2"], aanbod, budget)["2.2"]
    assert spoor.besteed > 0 and spoor.eerste_jaar == 2020 and spoor.gestart_in_aanbod
    assert statussen["2.2"] == "lopend"


def test_a_planned_action_with_spent_money_is_reported():
    _, statussen, titels, aanbod, budget = _shipped()
    terug = {**statussen, "2.2": "gepland"}
    fouten = samenhang.tegenstrijdigheden(terug, aanbod, budget, titels)
    assert len(fouten) == 1
    assert "Actie 2.2 (Professionals trainen in signaleren)" in fouten[0] and "vanaf 2020" in fouten[0]
    assert "training-signaleren-professionals" in fouten[0]


def test_offer_alone_or_money_alone_counts_and_nothing_is_fine():
    _, statussen, _, aanbod, budget = _shipped()
    gepland = dict.fromkeys(statussen, "gepland")
    zonder_geld = budget[budget["status"] != "besteed"]
    alleen_aanbod = samenhang.tegenstrijdigheden(gepland, aanbod, zonder_geld)
    assert any("in opbouw" in f and "budget" not in f for f in alleen_aanbod)
    stil = [dataclasses.replace(a, status="gestopt") for a in aanbod]
    alleen_geld = samenhang.tegenstrijdigheden(gepland, stil, budget)
    assert alleen_geld and all("besteed" in f for f in alleen_geld)
    assert samenhang.tegenstrijdigheden(gepland, stil, zonder_geld) == []
    leeg = pd.DataFrame(columns=["jaar", "status", "bedrag", "activiteit_ids"])
    assert samenhang.tegenstrijdigheden(gepland, stil, leeg) == []


def test_unknown_or_foreign_actions_are_reported():
    _, statussen, _, aanbod, _ = _shipped()
    een = next(a for a in aanbod if a.actie == "2.2")
    fouten = samenhang.tegenstrijdigheden(
        statussen, [dataclasses.replace(een, actie="9.9"), dataclasses.replace(een, actie="4.1")], None
    )
    assert "staat niet in het plan" in fouten[0] and "ander thema" in fouten[1]


def test_plan_actions_without_activities_stay_planned():
    _, statussen, _, aanbod, budget = _shipped()
    sporen = samenhang.sporen(statussen, aanbod, budget)
    for actie in ("1.2", "3.2"):
        assert not sporen[actie].gestart and statussen[actie] == "gepland"
