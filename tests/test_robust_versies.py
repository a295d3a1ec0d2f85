"""Two editors, one action or scenario: the stale save is refused with who and when, the input is kept."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.budget import scenario_opslag, scenarios
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
