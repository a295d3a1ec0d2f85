"""The pages Uitvoeringsplan and Alliantie under AppTest: view mode, editor mode, deep links, hostile text."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lib.kern import auth, storage
from lib.plan import lezen as plan_lezen
from lib.plan import status as plan_status
from lib.ui import plan as ui_plan
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
    assert len(at.get("vega_lite_chart")) == 3  # per theme, per result, and the timeline (issue 17)
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
    assert list(table["Gepland"]) == [1, 0, 1, 0]  # the rest is "lopend" in the shipped example


def test_theme_chart_spec_counts_actions_per_status(isolated_user_data, editor):
    conn = storage.connect()
    plan_status.update_action(conn, editor, "4.1", status="afgerond")
    at = run_page("views/plan.py")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Gepland", "Lopend", "Afgerond", "Gestopt"]
    assert spec["encoding"]["x"]["field"] == "acties" or "acties" in json.dumps(spec["encoding"]["x"])
    assert "Van de 14 acties zijn er 1 afgerond, 11 lopend (◇ voorbeeldstatus)" in texts(at)
    assert "Het verst" not in texts(at)  # 11 statuses are still examples: no conclusion
    assert list(at.dataframe[0].value["Afgerond"]) == [0, 0, 0, 1]
    assert list(at.dataframe[0].value["Waarvan voorbeeld (◇)"]) == ["1 ◇", "4 ◇", "3 ◇", "3 ◇"]
    assert spec["encoding"]["strokeDash"]["legend"]["values"] == ["◇ voorbeeldstatus"]


def test_plan_page_marks_example_statuses_in_sentence_table_and_badges():
    at = run_page("views/plan.py", query={"thema": "3"})
    assert not at.exception
    page = texts(at)
    assert "12 lopend (◇ voorbeeldstatus), 2 gepland" in page
    assert "Bij 12 acties is de status een voorbeeld" in page and "Het verst" not in page
    table = at.dataframe[0].value.set_index("Thema")
    assert (
        table.loc["4. Verbuurzamen", "Lopend"] == 4 and table.loc["4. Verbuurzamen", "Waarvan voorbeeld (◇)"] == "4 ◇"
    )
    assert table.loc["1. Ken elkaar, vind elkaar", "Waarvan voorbeeld (◇)"] == "1 ◇"  # 1.2 gepland: the plan's own
    # the cards of theme 3: three example statuses carry the mark, 3.2 (gepland, from the plan) does not
    assert page.count(":blue-badge[:material/science: Lopend ◇ voorbeeld]") == 3
    assert ":gray-badge[Gepland]" in page
    # the checklist per result: 3.a is served by 3.1 (example lopend) and 3.2 (gepland)
    assert ":gray[2 acties: 1 lopend (◇ voorbeeldstatus), 1 gepland]" in page


def test_plan_page_draws_its_conclusion_once_every_status_is_saved(isolated_user_data, editor):
    conn = storage.connect()
    plan = plan_lezen.load_plan()
    for actie in plan.acties:
        plan_status.update_action(conn, editor, actie.id, status=actie.status, plan=plan)
    plan_status.update_action(conn, editor, "4.1", status="afgerond", plan=plan)
    at = run_page("views/plan.py", query={"thema": "4"})
    page = texts(at)
    assert "Van de 14 acties zijn er 1 afgerond, 11 lopend, 2 gepland en 0 gestopt." in page
    assert "Het verst is thema 4, Verbuurzamen." in page and "◇" not in page
    assert "Waarvan voorbeeld (◇)" not in at.dataframe[0].value.columns
    assert ":blue-badge[Lopend]" in page and "voorbeeld]" not in page


def test_editor_confirms_an_example_status_by_saving_it(isolated_user_data, editor):
    at = run_page("views/plan.py", query={"thema": "4"}, session={"redacteur": editor})
    assert any("De status is nu een voorbeeld" in c.value for c in at.caption)
    submit_button(at, "4.3").click()  # nothing changed in the form: the status is confirmed as it is
    at.run()
    assert not at.exception and not at.error
    state = plan_status.action_states(storage.connect(), plan_lezen.load_plan()).set_index("actie_id").loc["4.3"]
    assert state["status"] == "lopend" and not state["voorbeeld"]
    assert "Bij 11 acties is de status een voorbeeld" in texts(at)


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
    assert "onbekende waarde voor: thema" in notice and "<script>" not in notice  # the value is not echoed


def test_editor_saves_a_status_through_the_form_with_audit_trail(isolated_user_data, editor):
    at = run_page("views/plan.py", query={"thema": "3"}, session={"redacteur": editor})
    assert not at.exception
    assert any("ingelogd als redacteur" in i.value for i in at.info)
    at.selectbox(key="status_3.2_plan").set_value("lopend")
    at.date_input(key="start_3.2_plan").set_value("2020-03-01")
    at.text_area(key="voortgang_3.2_plan").set_value("Eerste koppels gemaakt")
    at.text_input(key="door_3.2_plan").set_value("Fatima")
    submit_button(at, "3.2").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error

    conn = storage.connect()
    state = plan_status.action_states(conn, plan_lezen.load_plan()).set_index("actie_id").loc["3.2"]
    assert (state["status"], state["startdatum"], state["voortgang"], state["door"]) == (
        "lopend",
        "2020-03-01",
        "Eerste koppels gemaakt",
        "Fatima",
    )
    trail = storage.audit_trail(conn, "actie_status", "3.2")
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
    assert (total["Uren per jaar (laag)"], total["Uren per jaar (hoog)"]) == (  # Dutch text in the table
        str(2 * 45 + 3 * 70 + 400),
        str(2 * 50 + 3 * 75 + 400),
    )
    assert any("700 tot 725 uur per jaar" in m.value for m in at.markdown)


def test_alliance_page_shows_the_current_owner_and_status(isolated_user_data, editor):
    plan_status.update_action(storage.connect(), editor, "4.2", status="lopend", eigenaar="WOP Schenkel")
    at = run_page("views/alliantie.py")
    groups = [d.value for d in at.dataframe if "Actie" in d.value.columns]
    table = groups[3].set_index("Actie")
    assert (table.loc["4.2", "Eigenaar"], table.loc["4.2", "Status"]) == ("WOP Schenkel", "Lopend")
    assert table.loc["4.1", "Status"] == "Lopend ◇ voorbeeld"  # not saved by an editor: still the example
    assert "◇ voorbeeld: een voorbeeldstatus" in " ".join(c.value for c in at.caption)


def test_data_page_lists_the_plan_file_with_its_source():
    at = run_page("views/data.py")
    files = next(d.value for d in at.dataframe if "Bestand" in d.value.columns).set_index("Bestand")
    row = files.loc["data/plan.yaml"]
    assert row["Jaar"] == "2019" and row["Voorbeeld"] == "nee" and "Plan van aanpak" in row["Bron"]


def counts_by_line(at) -> dict[str, dict[str, str]]:
    """The counts per theme as the page writes them for a narrow screen (lib.ui.plan.counts_lines):
    {theme: {column name: cell}}, read back from the Markdown."""
    block = next(m.value for m in at.markdown if "Gepland:\xa0" in m.value)
    out = {}
    for paragraph in block.split("\n\n"):
        label, counts = paragraph.split("  \n")
        assert label.startswith("**") and label.endswith("**"), paragraph
        cells = (part.split(":\xa0") for part in counts.split(" · "))
        out[label.strip("*").replace("\\", "")] = {name: cell.replace("\xa0", " ") for name, cell in cells}
    return out


@pytest.mark.parametrize("saved", [False, True], ids=["plan", "na-opslaan"])
def test_counts_table_is_also_written_as_lines_with_every_count(isolated_user_data, editor, saved):
    """Where the table does not fit (a phone), the page shows the same counts as lines: every theme, every
    column of the table, the same numbers and the ◇ mark (the browser test checks which one shows)."""
    if saved:
        plan_status.update_action(storage.connect(), editor, "4.1", status="afgerond")
    at = run_page("views/plan.py")
    assert not at.exception
    table = at.dataframe[0].value
    lines = counts_by_line(at)
    assert list(lines) == list(table["Thema"])
    for row in table.to_dict("records"):
        assert lines[row["Thema"]] == {name: str(cell) for name, cell in row.items() if name != "Thema"}
    verbuurzamen = lines["4. Verbuurzamen"]
    if saved:
        assert verbuurzamen == {
            "Gepland": "0",
            "Lopend": "3",
            "Afgerond": "1",
            "Gestopt": "0",
            "Waarvan voorbeeld (◇)": "3 ◇",
        }
    else:
        assert verbuurzamen == {
            "Gepland": "0",
            "Lopend": "4",
            "Afgerond": "0",
            "Gestopt": "0",
            "Waarvan voorbeeld (◇)": "4 ◇",
        }
    assert sum(int(c["Lopend"]) for c in lines.values()) == (11 if saved else 12)


def test_counts_lines_write_dutch_numbers_and_keep_a_label_literal():
    shown = pd.DataFrame({"Thema": ["1. *Vet* [link](x)"], "Gepland": [1234], "Waarvan voorbeeld (◇)": ["2 ◇"]})
    text = ui_plan.counts_lines(shown, "Thema")
    assert text == "**1\\. \\*Vet\\* \\[link\\]\\(x\\)**  \nGepland:\xa01.234 · Waarvan voorbeeld (◇):\xa02\xa0◇"
