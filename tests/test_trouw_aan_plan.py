"""Fidelity to the plan: what the dashboard adds is labelled as its addition, checked against the plan text."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.aanbod import begrippen
from lib.personas import persona as personas
from lib.plan import genoemd
from tests.pagetest import run_page

SEED_NAME = Path("shared") / "seed" / "plan-meer-samen-minder-eenzaam.txt"


def _plan_text() -> str:
    """The plan's text from the shared folder beside the repository (or a folder above it)."""
    for folder in Path(__file__).resolve().parents:
        if (folder / SEED_NAME).exists():
            return " ".join((folder / SEED_NAME).read_text(encoding="utf-8").split())
    pytest.skip("plan text (shared/seed) not available beside the repository")


def test_members_named_in_the_plan_occur_in_its_text():
    text = _plan_text()
    for naam in ("De Zellingen", "De Vijverhof", "Havensteder", "Welzijn Capelle", "Sportief Capelle"):
        assert naam in text
    for extra in ("Aafje", "Lelie", "KBO", "IJsselland Ziekenhuis", "Comenius"):
        assert extra not in text
        assert genoemd.herkomst(extra, "Zorg") == genoemd.TOEVOEGING
    assert genoemd.herkomst("De Zellingen", "Zorg") == genoemd.IN_PLAN
    assert genoemd.herkomst("Comenius College", "Onderwijs") == genoemd.SOORT_IN_PLAN


def test_alliance_page_labels_the_dashboards_additions():
    at = run_page("views/alliantie.py")
    assert not at.exception
    leden = next(d.value for d in at.dataframe if "Organisatie" in d.value.columns).set_index("Organisatie")
    assert leden.loc["Havensteder", "Waar vandaan"] == "genoemd in het plan"
    assert leden.loc["Aafje", "Waar vandaan"] == "toevoeging dashboard"
    assert any("toevoeging van het dashboard" in m.value for m in at.markdown)


def test_life_events_and_groups_not_in_the_plan_are_labelled():
    text = _plan_text().lower()
    for key in ("verhuizing", "migratie", "baanverlies", "ouderen", "ouders"):
        assert key in begrippen.NIET_IN_PLAN
        if key in begrippen.LEVENSGEBEURTENISSEN:  # life events: marked by their one label function
            label = begrippen.levensgebeurtenis_label(key)
        else:
            label = begrippen.DOELGROEPEN[key]
        assert label.endswith("(toevoeging dashboard)")
    # the plan's own life events stay unlabelled
    for key, woorden in (("start_werk", "beginnen met werken"), ("scheiding", "echtscheiding")):
        assert woorden in text and key not in begrippen.NIET_IN_PLAN


def test_sandra_who_lost_her_job_has_a_fitting_life_event():
    sandra = next(p for p in personas.load_personas() if p.id == "sandra")
    assert "baanverlies" in sandra.levensgebeurtenissen and "start_werk" not in sandra.levensgebeurtenissen
