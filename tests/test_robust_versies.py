"""Two editors, one action or scenario: the stale save is refused with who and when, the input is kept."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.budget import scenario_opslag, scenarios
from lib.budget.begroting import load_allocation as laden_allocation
from lib.kern import auth, invoer, storage
from lib.kern.errors import DataFout
from lib.kern.versies import VersieConflict
from lib.plan import status as plan_status
from tests.pagetest import run_page


def _editor(naam: str):
    stored = auth.hash_password(f"wachtwoord-{naam}", iterations=1000)
    return auth.login(f"wachtwoord-{naam}", naam, stored, throttle=auth.Throttle())


@pytest.fixture
def anna():
    token = _editor("Anna")
    yield token
    auth.logout(token)


@pytest.fixture
def bram():
    token = _editor("Bram")
    yield token
    auth.logout(token)


def test_versions_are_counters_and_a_stale_action_save_is_refused(anna, bram):
    conn = storage.connect()
    plan = plan_status.default_plan()
    assert plan_status.action_states(conn, plan).set_index("actie_id").loc["1.2", "versie"] == 0
    # two saves within the same second still get different versions
    first = plan_status.update_action(conn, anna, "1.2", status="lopend", versie=0)
    second = plan_status.update_action(conn, anna, "1.2", voortgang="tweede", versie=first["versie"])
    assert (first["versie"], second["versie"]) == (1, 2)
    with pytest.raises(VersieConflict) as err:
        plan_status.update_action(conn, bram, "1.2", status="gestopt", voortgang="van Bram", versie=1)
    message = str(err.value)
    assert message.startswith("Actie 1.2 is intussen gewijzigd door Anna om ")
    assert message.endswith("; uw wijziging is niet opgeslagen.")
    assert err.value.versie == 2
    after = plan_status.action_states(conn, plan).set_index("actie_id").loc["1.2"]
    assert (after["status"], after["voortgang"], after["versie"]) == ("lopend", "tweede", 2)


def test_overlong_name_is_a_dutch_message_not_a_key_error(anna):
    conn = storage.connect()
    with pytest.raises(DataFout, match="Uw naam is te lang: 10000 tekens"):
        plan_status.update_action(conn, anna, "1.2", status="lopend", door="x" * 10_000)


def test_stale_scenario_save_is_refused(anna, bram):
    conn = storage.connect()
    rows = pd.DataFrame({"regel": ["Buurtkamer"], "thema": [1], "bedrag": [1000]})
    saved = scenario_opslag.save_scenario(conn, anna, scenarios.make_scenario("Plan A", 2021, rows))
    assert saved.versie == 1
    loaded = scenario_opslag.load_scenario(conn, "Plan A")
    changed = scenarios.make_scenario("Plan A", 2021, rows.assign(bedrag=[2000]))
    scenario_opslag.save_scenario(conn, anna, changed, overschrijven=True, versie=loaded.versie)
    with pytest.raises(VersieConflict, match="Scenario 'Plan A' is intussen gewijzigd door Anna om .*niet opgeslagen"):
        scenario_opslag.save_scenario(conn, bram, changed, overschrijven=True, versie=loaded.versie)
    assert scenario_opslag.load_scenario(conn, "Plan A").versie == 2


def test_deeply_nested_scenario_json_is_a_dutch_message():
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(DataFout, match="te diep genest"):
        scenarios.from_json(deep)
    with pytest.raises(DataFout, match="te diep genest"):
        scenarios.from_json('{"naam": "x", "jaar": 2021, "regels": ' + "[" * 200 + "]" * 200 + "}")
    with pytest.raises(DataFout):
        invoer.json_laden('{"bedrag": NaN}')


def _submit(at, aid: str):
    return next(b for b in at.button if b.label == "Opslaan" and b.form_id == f"actie_form_{aid}")


def test_two_sessions_on_one_action(anna, bram):
    """Browsers A and B open action 1.2; A saves; B's stale save is refused and B's input kept to re-apply."""
    b = run_page("views/plan.py", session={"redacteur": bram})
    a = run_page("views/plan.py", session={"redacteur": anna})
    a.selectbox(key="status_1.2_plan").set_value("lopend")
    _submit(a, "1.2").click()
    a.run()
    assert not a.exception

    b.selectbox(key="status_1.2_plan").set_value("gestopt")
    b.text_area(key="voortgang_1.2_plan").input("Gestopt: geen vrijwilligers gevonden")
    _submit(b, "1.2").click()
    b.run()
    assert not b.exception
    errors = " ".join(e.value for e in b.error).replace("\\", "")  # shown as escaped Markdown
    assert "Actie 1.2 is intussen gewijzigd door Anna om " in errors and "uw wijziging is niet opgeslagen" in errors
    conn = storage.connect()
    stored = plan_status.action_states(conn, plan_status.default_plan()).set_index("actie_id").loc["1.2"]
    assert (stored["status"], stored["voortgang"]) == ("lopend", "")
    # B's input is still in the form; saving again applies it on top of Anna's version
    assert b.selectbox(key="status_1.2_plan").value == "gestopt"
    assert b.text_area(key="voortgang_1.2_plan").value == "Gestopt: geen vrijwilligers gevonden"
    _submit(b, "1.2").click()
    b.run()
    assert not b.error
    stored = plan_status.action_states(conn, plan_status.default_plan()).set_index("actie_id").loc["1.2"]
    assert (stored["status"], stored["voortgang"], stored["versie"]) == (
        "gestopt",
        "Gestopt: geen vrijwilligers gevonden",
        2,
    )
    trail = storage.audit_trail(conn, "actie_status", "1.2")
    assert [(t["veld"], t["door"]) for t in trail][-1] == ("status", "Anna")


def test_a_form_that_was_not_submitted_shows_the_newer_version(anna, bram):
    """B only looks: after A's save, B's next rerun shows A's values in the form (nothing to keep)."""
    b = run_page("views/plan.py", session={"redacteur": bram})
    a = run_page("views/plan.py", session={"redacteur": anna})
    a.selectbox(key="status_1.2_plan").set_value("afgerond")
    _submit(a, "1.2").click()
    a.run()
    b.run()
    assert not b.error
    status = next(s for s in b.selectbox if s.key and s.key.startswith("status_1.2_"))
    assert status.key != "status_1.2_plan" and status.value == "afgerond"


def test_a_save_with_a_version_on_an_action_without_a_stored_row_is_a_conflict_not_a_type_error(anna):
    """The row is gone (an older back-up was restored) while a form with version 3 was open."""
    conn = storage.connect()
    with pytest.raises(VersieConflict, match="Actie 1.2 is intussen gewijzigd door een andere redacteur"):
        plan_status.update_action(conn, anna, "1.2", status="lopend", versie=3)
    assert plan_status.action_states(conn, plan_status.default_plan()).set_index("actie_id").loc["1.2", "versie"] == 0


def _plan_a(conn, wie) -> scenarios.Scenario:
    regels = scenarios.baseline(laden_allocation(), 2022)
    return scenario_opslag.save_scenario(conn, wie, scenarios.make_scenario("Plan A", 2022, regels), overschrijven=True)


def test_rename_and_delete_check_the_version(anna, bram):
    conn = storage.connect()
    gezien = _plan_a(conn, anna).versie
    _plan_a(conn, anna)  # Anna saves again: what Bram saw is stale
    with pytest.raises(VersieConflict, match="Scenario 'Plan A' is intussen gewijzigd door Anna"):
        scenario_opslag.rename_scenario(conn, bram, "Plan A", "Plan B", versie=gezien)
    with pytest.raises(VersieConflict, match="Scenario 'Plan A' is intussen gewijzigd door Anna"):
        scenario_opslag.delete_scenario(conn, bram, "Plan A", versie=gezien)
    assert scenario_opslag.list_scenarios(conn)["naam"].tolist() == ["Plan A"]
    nu = scenario_opslag.load_scenario(conn, "Plan A").versie
    assert scenario_opslag.rename_scenario(conn, bram, "Plan A", "Plan B", versie=nu) == "Plan B"
    scenario_opslag.delete_scenario(conn, bram, "Plan B", versie=nu + 1)
    assert scenario_opslag.list_scenarios(conn).empty


def _budget(token):
    at = run_page("views/budget.py", query={"jaar": "2022"}, session={"redacteur": token})
    at.selectbox(key="scenario_bron_2022").set_value("Plan A").run()
    return at


def _save_as(at, naam: str):
    next(t for t in at.text_input if t.label == "Naam van het scenario").input(naam)
    next(c for c in at.checkbox if c.label.startswith("Een bestaand scenario met deze naam")).check()
    next(b for b in at.button if b.label == "Scenario opslaan").click()
    return at.run()


def _fouten(at) -> str:
    return " ".join(e.value for e in at.error).replace("\\", "")


def test_two_sessions_on_one_scenario(anna, bram):
    """A and B open 'Plan A' on /budget; A saves; B's save is refused with who and when, B's table and
    name stay, and a second click saves B's lines over A's version."""
    conn = storage.connect()
    _plan_a(conn, anna)
    b = _budget(bram)
    a = _budget(anna)
    a = _save_as(a, "Plan A")
    assert not a.exception and not _fouten(a)
    b = _save_as(b, "Plan A")
    assert not b.exception
    assert "Scenario 'Plan A' is intussen gewijzigd door Anna om " in _fouten(b)
    assert "uw wijziging is niet opgeslagen" in _fouten(b) and "Uw regels staan nog in de tabel" in _fouten(b)
    assert scenario_opslag.load_scenario(conn, "Plan A").door == "Anna"
    # the same table (with B's edits) is still shown: same starting point, not reset
    assert b.selectbox(key="scenario_bron_2022").value == "Plan A" and "scenario_versie" not in b.session_state
    assert next(t for t in b.text_input if t.label == "Naam van het scenario").value == "Plan A"
    b = _save_as(b, "Plan A")
    assert not _fouten(b)
    stored = scenario_opslag.load_scenario(conn, "Plan A")
    assert (stored.door, stored.versie) == ("Bram", 3)


def test_delete_on_a_stale_list_is_refused_on_the_page(anna, bram):
    conn = storage.connect()
    _plan_a(conn, anna)
    b = run_page("views/budget.py", session={"redacteur": bram})
    b.checkbox(key="scenario_bevestig").check().run()
    _plan_a(conn, anna)  # meanwhile Anna saves 'Plan A'
    b.button(key="scenario_verwijder").click().run()
    assert "Scenario 'Plan A' is intussen gewijzigd door Anna" in _fouten(b)
    assert scenario_opslag.list_scenarios(conn)["naam"].tolist() == ["Plan A"]
    b.button(key="scenario_verwijder").click().run()  # B has now seen the newer version
    assert scenario_opslag.list_scenarios(conn).empty
