"""The pages Uitvoeringsplan and Alliantie under AppTest: view mode, editor mode, deep links, hostile text."""

from __future__ import annotations

import json

import pytest

from lib.kern import auth, storage
from lib.plan import lezen as plan_lezen
from lib.plan import status as plan_status
from tests.pagetest import run_page


@pytest.fixture
def editor():
    stored = auth.hash_password("pagina-wachtwoord", iterations=1000)
    token = auth.login("pagina-wachtwoord", "Pagina Redacteur", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


def texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header]
    return "\n".join(parts)


def submit_button(at, actie_id: str):
    return next(b for b in at.button if b.label == "Opslaan" and b.form_id == f"actie_form_{actie_id}")


def test_plan_page_in_view_mode_has_charts_sources_and_no_forms():
    at = run_page("views/plan.py")
    assert not at.exception
    assert at.title[0].value == "Uitvoeringsplan"
    assert len(at.get("vega_lite_chart")) == 2  # per theme and per result
    assert not any(b.label == "Opslaan" for b in at.button)
    captions = " ".join(c.value for c in at.caption)
    assert "Alleen redacteuren kunnen" in captions
    assert "Plan van aanpak Meer samen, minder eenzaam" in captions and "(2019)" in captions
    assert "Van de 14 acties zijn er 0 afgerond" in texts(at)
    table = at.dataframe[0].value
    assert list(table["Thema"]) == [
        "1. Ken elkaar, vind elkaar",
        "2. Kwetsbare Capellenaren en life events",
        "3. Eenzaamheid onder jongeren",
        "4. Verbuurzamen",
    ]
    assert list(table["Gepland"]) == [2, 4, 4, 4]


def test_theme_chart_spec_counts_actions_per_status(isolated_user_data, editor):
    conn = storage.connect()
    plan_status.update_action(conn, editor, "4.1", status="afgerond")
    at = run_page("views/plan.py")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Gepland", "Lopend", "Afgerond", "Gestopt"]
    assert spec["encoding"]["x"]["field"] == "acties" or "acties" in json.dumps(spec["encoding"]["x"])
    assert "Van de 14 acties zijn er 1 afgerond" in texts(at)
    assert "Het verst is thema 4, Verbuurzamen." in texts(at)
    assert list(at.dataframe[0].value["Afgerond"]) == [0, 0, 0, 1]


@pytest.mark.parametrize(
    ("query", "header"), [("2", "2. Kwetsbare Capellenaren en life events"), ("4", "4. Verbuurzamen")]
)
def test_theme_deep_link(query, header):
    at = run_page("views/plan.py", query={"thema": query})
    assert not at.exception
    assert at.header[0].value == header
    checklist = [m.value for m in at.markdown if m.value.startswith(f"**{query}.") and ":gray[" in m.value]
    assert len(checklist) == len(plan_lezen.load_plan().thema(int(query)).resultaten)
    assert all("nog geen actie" in c or "acties: " in c or "actie: " in c for c in checklist)


def test_unknown_theme_in_the_url_is_ignored_with_a_message():
    at = run_page("views/plan.py", query={"thema": "<script>alert(1)</script>"})
    assert not at.exception
    assert at.header[0].value == "1. Ken elkaar, vind elkaar"
    notice = at.info[0].value
    assert "bestaat niet" in notice and "<script>" not in notice and "\\<script\\>" in notice


def test_editor_saves_a_status_through_the_form_with_audit_trail(isolated_user_data, editor):
    at = run_page("views/plan.py", query={"thema": "3"}, session={"redacteur": editor})
    assert not at.exception
    assert any("ingelogd als redacteur" in i.value for i in at.info)
    at.selectbox(key="status_3.4_plan").set_value("lopend")
    at.date_input(key="start_3.4_plan").set_value("2020-03-01")
    at.text_area(key="voortgang_3.4_plan").set_value("Eerste koppels gemaakt")
    at.text_input(key="door_3.4_plan").set_value("Fatima")
    submit_button(at, "3.4").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error

    conn = storage.connect()
    state = plan_status.action_states(conn, plan_lezen.load_plan()).set_index("actie_id").loc["3.4"]
    assert (state["status"], state["startdatum"], state["voortgang"], state["door"]) == (
        "lopend",
        "2020-03-01",
        "Eerste koppels gemaakt",
        "Fatima",
    )
    trail = storage.audit_trail(conn, "actie_status", "3.4")
    assert {t["veld"] for t in trail} == {"status", "startdatum", "voortgang"}

    # The page after the save shows the new state and the audit trail of the action.
    page = texts(at)
    assert "Eerste koppels gemaakt" in page and ":blue-badge[Lopend]" in page
    history = [d.value for d in at.dataframe if "Wat" in d.value.columns]
    assert len(history) == 1 and set(history[0]["Door"]) == {"Fatima"}


def test_editor_gets_a_dutch_error_for_reversed_dates_and_nothing_changes(isolated_user_data, editor):
    at = run_page("views/plan.py", query={"thema": "2"}, session={"redacteur": editor})
    at.date_input(key="start_2.1_plan").set_value("2021-05-01")
    at.date_input(key="eind_2.1_plan").set_value("2021-01-01")
    submit_button(at, "2.1").click()
    at.run()
    assert not at.exception
    assert "Niet opgeslagen" in at.error[0].value and "vóór de startdatum" in at.error[0].value
    conn = storage.connect()
    assert conn.execute("SELECT COUNT(*) FROM actie_status").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0


def test_a_stale_editor_token_cannot_save(isolated_user_data, editor):
    at = run_page("views/plan.py", query={"thema": "2"}, session={"redacteur": editor})
    at.selectbox(key="status_2.2_plan").set_value("afgerond")
    auth.logout(editor)  # e.g. logged out in another tab: the next run is view mode, nothing is saved
    submit_button(at, "2.2").click()
    at.run()
    assert not at.exception
    assert not any(b.label == "Opslaan" for b in at.button)  # the page is back in view mode
    assert storage.connect().execute("SELECT COUNT(*) FROM actie_status").fetchone()[0] == 0


def test_hostile_notes_are_shown_as_text(isolated_user_data, editor):
    conn = storage.connect()
    hostile = "<img src=x onerror=alert(1)> [klik](javascript:alert(1)) :red[rood] **vet**"
    plan_status.update_action(conn, editor, "1.1", voortgang=hostile, eigenaar="<b>Org</b>", door="**Mallory**")
    at = run_page("views/plan.py")
    assert not at.exception
    shown = [m.value for m in at.markdown if "img" in m.value]
    assert shown and all("\\<img" in v and "\\[klik\\]" in v and "\\:red" in v and "\\*\\*vet" in v for v in shown)
    assert any("\\<b\\>Org\\</b\\>" in m.value for m in at.markdown)
    assert any("\\*\\*Mallory\\*\\*" in c.value for c in at.caption)


def test_alliance_page_diagram_hours_members_and_groups():
    at = run_page("views/alliantie.py")
    assert not at.exception
    assert at.title[0].value == "Alliantie Samen tegen Eenzaamheid"
    dot = at.get("graphviz_chart")[0].proto.spec
    assert dot.startswith("digraph alliantie") and "Kerngroep" in dot and "Verbuurzamen" in dot
    assert len(at.get("vega_lite_chart")) == 1
    frames = [d.value for d in at.dataframe]
    hours = at.table[0].value
    assert hours.loc["Themagroep", "Uren per jaar"] == "40-45 uur"
    assert hours.loc["Aanjager", "Uren per jaar"] == "400 uur"
    assert "linking pin" in hours.loc["Kerngroeplid en voorzitter themagroep", "Wat doet deze rol"]
    members = next(f for f in frames if "Organisatie" in f.columns)
    assert "Havensteder" in set(members["Organisatie"])
    groups = [f for f in frames if "Actie" in f.columns]
    assert len(groups) == 4 and list(groups[2]["Actie"]) == ["3.1", "3.2", "3.3", "3.4"]
    assert "Bron: Plan van aanpak" in " ".join(c.value for c in at.caption)


def test_alliance_calculator_follows_the_numbers():
    at = run_page("views/alliantie.py")
    for key, value in {"aantal_kerngroep": 2, "aantal_voorzitter": 3, "aantal_themagroep": 0}.items():
        at.number_input(key=key).set_value(value)
    at.number_input(key="aantal_klankbordgroep").set_value(0)
    at.run()
    total = next(d.value for d in at.dataframe if "Personen" in d.value.columns).set_index("Rol").loc["Totaal"]
    assert (total["Uren per jaar (laag)"], total["Uren per jaar (hoog)"]) == (
        2 * 45 + 3 * 70 + 400,
        2 * 50 + 3 * 75 + 400,
    )
    assert any("700 tot 725 uur per jaar" in m.value for m in at.markdown)


def test_alliance_page_shows_the_current_owner_and_status(isolated_user_data, editor):
    plan_status.update_action(storage.connect(), editor, "4.2", status="lopend", eigenaar="WOP Schenkel")
    at = run_page("views/alliantie.py")
    groups = [d.value for d in at.dataframe if "Actie" in d.value.columns]
    row = groups[3].set_index("Actie").loc["4.2"]
    assert (row["Eigenaar"], row["Status"]) == ("WOP Schenkel", "Lopend")


def test_data_page_lists_the_plan_file_with_its_source():
    at = run_page("views/data.py")
    files = next(d.value for d in at.dataframe if "Bestand" in d.value.columns).set_index("Bestand")
    row = files.loc["data/plan.yaml"]
    assert row["Jaar"] == 2019 and row["Voorbeeld"] == "nee" and "Plan van aanpak" in row["Bron"]
