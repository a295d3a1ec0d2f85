"""Persona / target group -> activities -> budget lines."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.aanbod import catalogus as aanbod
from lib.budget import begroting as bu
from lib.budget import keten as budget_keten
from lib.personas import persona as personas
from tests.pagetest import run_page


@pytest.fixture(scope="module")
def catalogue():
    return aanbod.load_aanbod()


def small_allocation() -> pd.DataFrame:
    rows = pd.DataFrame(
        [
            [
                "2021",
                "3",
                "jongerenwerk",
                "Jongerenwerk",
                "60000",
                "wmo",
                "begroot",
                "jongerencentrum-schollevaar;jongerencentrum-oostgaarde;jongerencentrum-capelle-west",
                "ja",
            ],
            ["2021", "3", "maatjes", "Maatjes", "30000", "wmo", "begroot", "maatjesproject-jongeren", "ja"],
            ["2021", "2", "huisbezoek", "Huisbezoek", "62000", "wmo", "begroot", "preventief-huisbezoek-75-plus", "ja"],
            ["2021", "3", "maatjes", "Maatjes", "1", "wmo", "besteed", "maatjesproject-jongeren", "ja"],
        ],
        columns=bu.BUDGET_COLUMNS,
    )
    return bu.validate_allocation(rows)


def test_chain_for_young_people_counts_only_their_lines(catalogue):
    keten = budget_keten.for_group(small_allocation(), 2021, "jongeren", catalogue)
    assert set(keten.regels["regel_id"]) == {"jongerenwerk", "maatjes"}
    assert keten.totaal_regels == 90_000 and keten.geschat == 90_000
    assert "Buurtsport voor jongeren" in keten.zonder_budget
    row = keten.activiteiten.set_index("id").loc["maatjesproject-jongeren"]
    assert row["regels"] == "Maatjes"


def test_estimated_share_splits_a_line_evenly(catalogue):
    by_id = aanbod.by_id(catalogue)
    keten = budget_keten.chain(small_allocation(), 2021, [by_id["jongerencentrum-oostgaarde"]])
    line = keten.regels.iloc[0]
    assert (line["gekoppeld"], line["van"]) == (1, 3)
    assert keten.geschat == pytest.approx(20_000) and keten.totaal_regels == 60_000


def test_chain_for_a_persona_uses_well_fitting_activities(catalogue):
    riet = next(p for p in personas.load_personas() if p.id == "riet")
    keten = budget_keten.for_profile(bu.load_allocation(), 2021, riet.profiel(), catalogue)
    assert 0 < len(keten.activiteiten) <= 10
    assert keten.totaal_regels > 0 and keten.geschat <= keten.totaal_regels
    assert (keten.activiteiten["reden"] != "").all()


def test_every_line_of_the_example_pays_known_activities(catalogue):
    ids = {a.id for a in catalogue}
    allocation = bu.load_allocation()
    used = {i for row in allocation["activiteit_ids"] for i in row}
    assert used <= ids
    assert "maatjesproject-jongeren" in used and "welkomstpakket-nieuwe-bewoners" in used


def test_page_answers_what_the_offer_for_young_people_costs():
    at = run_page("views/budget.py", query={"jaar": "2021"})
    m = {x.label: x.value for x in at.metric}
    assert m["Budgetregels 2021 (voorbeeld)"] == "€ 102.000"
    at.segmented_control(key="keten_vanuit").set_value("persona").run()
    assert not at.exception
    assert at.selectbox(key="keten_persona").value
    assert any("Waarom het past" in df.value.columns or "reden" in df.value.columns for df in at.dataframe)
