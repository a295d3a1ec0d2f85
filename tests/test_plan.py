"""The plan file, its validation, the stored action statuses with their audit trail, and progress."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
import yaml

from lib.kern import auth, storage
from lib.kern.errors import DataFout, GeenToegang
from lib.plan import alliantietijd, voortgang
from lib.plan import lezen as plan_lezen
from lib.plan import model as plan_model
from lib.plan import status as plan_status
from lib.plan.themas import THEMAS


@pytest.fixture
def raw_plan():
    return yaml.safe_load(plan_model.PLAN_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def conn(tmp_path):
    return storage.connect(tmp_path / "db.sqlite3")


@pytest.fixture
def editor(monkeypatch):
    stored = auth.hash_password("geheim-wachtwoord", iterations=1000)
    token = auth.login("geheim-wachtwoord", "Redacteur Test", stored, throttle=auth.Throttle())
    assert token is not None
    yield token
    auth.logout(token)


def write(tmp_path, raw) -> str:
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


# --- the shipped plan ---------------------------------------------------------------------------


def test_shipped_plan_has_the_four_themes_with_names_from_themas():
    p = plan_lezen.load_plan()
    assert [t.nummer for t in p.themas] == [1, 2, 3, 4]
    assert [t.naam for t in p.themas] == [THEMAS[n].naam for n in (1, 2, 3, 4)]
    # The plan's checklists: 3, 5, 4 and 4 results to reach.
    assert [len(t.resultaten) for t in p.themas] == [3, 5, 4, 4]
    assert all(t.acties for t in p.themas)
    assert [a.id for a in p.thema(3).acties] == ["3.1", "3.2", "3.3", "3.4"]
    # Shipped statuses are examples that match the example budget and offer (tests/test_samenhang.py).
    assert [a.id for a in p.acties if a.status == "gepland"] == ["1.2", "3.2"]
    assert {a.status for a in p.acties} == {"gepland", "lopend"}
    assert p.actie("3.4").eigenaar == "Jongerenwerk"
    assert "Inloophuis de IJssel" in p.actie("2.1").partners


def test_shipped_plan_alliance_hours_match_the_plan():
    a = plan_lezen.load_plan().alliantie
    hours = {r.id: (r.uren_min, r.uren_max) for r in a.rollen}
    assert hours == {
        "kerngroep": (45, 50),
        "voorzitter": (70, 75),
        "themagroep": (40, 45),
        "klankbordgroep": (8, 13),
        "aanjager": (400, 400),
    }
    assert a.gestart == dt.date(2018, 9, 17)
    assert {lid.naam for lid in a.leden if lid.oprichter} == {
        "Gemeente Capelle aan den IJssel",
        "Stichting Welzijn Capelle",
        "Sportief Capelle",
    }


def test_shipped_plan_movisie_factors_and_points_of_attention():
    m = plan_lezen.load_plan().movisie
    assert m.werkzame_factoren[0].titel == "Sociaal-cognitieve training"
    assert len(m.aandachtspunten) == 7
    assert m.url.startswith("https://www.movisie.nl/")


def test_every_result_has_at_least_one_action():
    p = plan_lezen.load_plan()
    served = {r for a in p.acties for r in a.resultaten}
    assert served == {r.id for r in p.resultaten}


# --- validation ---------------------------------------------------------------------------------


def test_missing_file_is_a_dutch_error(tmp_path):
    with pytest.raises(DataFout, match="Bestand ontbreekt"):
        plan_lezen.load_plan(tmp_path / "weg.yaml")


def test_broken_yaml_is_a_dutch_error(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("themas: [\n  - nummer: 1\n", encoding="utf-8")
    with pytest.raises(DataFout, match=r"Geen geldige YAML \(regel \d+\)"):
        plan_lezen.load_plan(path)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["themas"].pop(), r"elk thema precies één keer"),
        (lambda r: r["themas"][0].update(nummer=9), r"Onbekend themanummer 9"),
        (
            lambda r: r["themas"][1]["acties"][0].update(status="half klaar"),
            r"Onbekende status 'half klaar'.*actie 2.1",
        ),
        (
            lambda r: r["themas"][1]["acties"][0].update(status_voorbeeld="ja"),
            r"Verwacht true of false, niet 'ja' in thema 2 > actie 2.1, veld 'status_voorbeeld'",
        ),
        (lambda r: r["themas"][1]["acties"][0].update(id=2.1), r"zet het tussen aanhalingstekens"),
        (lambda r: r["themas"][1]["acties"][1].update(id="2.1"), r"Actie-id komt dubbel voor: 2.1"),
        (lambda r: r["themas"][1]["acties"][0].update(id="3.9"), r"hoort met '2.' te beginnen"),
        (lambda r: r["themas"][1]["acties"][0].update(resultaten=["2.z"]), r"Onbekend resultaat '2.z'"),
        (
            lambda r: r["themas"][2]["acties"][0].pop("eigenaar"),
            r"Veld ontbreekt in thema 3 > actie 3.1, veld 'eigenaar'",
        ),
        (lambda r: r["themas"][0].update(resultaten=[]), r"niet-lege lijst"),
        (lambda r: r["alliantie"]["rollen"][0].update(uren_max=10), r"uren_max \(10\) is kleiner"),
        (lambda r: r["alliantie"]["rollen"][0].update(uren_min="veel"), r"Verwacht een geheel getal"),
        (lambda r: r["alliantie"]["rollen"].pop(), r"Rol 'aanjager' ontbreekt"),
        (lambda r: r["alliantie"].update(gestart="ooit"), r"Verwacht een datum"),
        (lambda r: r["movisie"].update(aandachtspunten=[""]), r"Verwacht tekst in de lijst"),
    ],
)
def test_invalid_plan_files_are_refused_with_a_place(tmp_path, raw_plan, mutate, message):
    raw = copy.deepcopy(raw_plan)
    mutate(raw)
    with pytest.raises(DataFout, match=message) as err:
        plan_lezen.load_plan(write(tmp_path, raw))
    assert err.value.bestand == "plan.yaml"


def test_round_trip_of_the_raw_file_is_valid(tmp_path, raw_plan):
    assert plan_lezen.load_plan(write(tmp_path, raw_plan)) == plan_lezen.load_plan()


# --- stored status ------------------------------------------------------------------------------


def test_states_start_at_the_plan_defaults(conn):
    p = plan_lezen.load_plan()
    states = plan_status.action_states(conn, p)
    assert list(states["actie_id"]) == [a.id for a in p.acties]
    assert list(states["status"]) == [a.status for a in p.acties]
    assert not states["bijgewerkt"].any()
    assert states.set_index("actie_id").loc["3.4", "eigenaar"] == "Jongerenwerk"


def test_update_persists_and_audits_every_changed_field(tmp_path, conn, editor):
    after = plan_status.update_action(
        conn,
        editor,
        "3.2",
        status="lopend",
        startdatum=dt.date(2020, 2, 1),
        voortgang="Eerste overleg gehad",
        door="Anna",
    )
    assert after["status"] == "lopend" and after["startdatum"] == "2020-02-01" and after["door"] == "Anna"

    # A new connection (another session, after a restart) sees the same state.
    again = storage.connect(tmp_path / "db.sqlite3")
    row = plan_status.action_states(again, plan_lezen.load_plan()).set_index("actie_id").loc["3.2"]
    assert row["status"] == "lopend" and row["voortgang"] == "Eerste overleg gehad" and row["bijgewerkt"]

    trail = storage.audit_trail(again, "actie_status", "3.2")
    assert sorted((t["veld"], t["oud"], t["nieuw"], t["door"]) for t in trail) == [
        ("startdatum", None, "2020-02-01", "Anna"),
        ("status", "gepland", "lopend", "Anna"),
        ("voortgang", "", "Eerste overleg gehad", "Anna"),
    ]

    plan_status.update_action(conn, editor, "3.2", status="afgerond", einddatum="2020-11-30")
    trail = storage.audit_trail(conn, "actie_status", "3.2")
    assert (trail[0]["veld"], trail[0]["oud"], trail[0]["nieuw"]) in {
        ("status", "lopend", "afgerond"),
        ("einddatum", None, "2020-11-30"),
    }
    assert {t["door"] for t in trail[:2]} == {"Redacteur Test"}  # no name typed: the login name
    assert len(trail) == 5


def test_history_shows_labels_and_empty_values(conn, editor):
    plan_status.update_action(conn, editor, "1.1", startdatum="2020-01-15", door="Bob")
    hist = plan_status.action_history(conn, "1.1")
    assert list(hist.columns) == ["Wat", "Oud", "Nieuw", "Wanneer", "Door", "Ingelogd via"]
    assert hist.iloc[0].to_dict() | {"Wanneer": None} == {
        "Wat": "Startdatum",
        "Oud": "(leeg)",
        "Nieuw": "2020-01-15",
        "Wanneer": None,
        "Door": "Bob",
        "Ingelogd via": "getypte naam",  # the old shared password: the name was typed
    }
    assert re.fullmatch(r"\d\d-\d\d-20\d\d \d\d:\d\d", hist.iloc[0]["Wanneer"])


def test_dutch_date_and_time_formats():
    assert plan_status.format_datum("2020-02-01") == "01-02-2020"
    assert plan_status.format_datum(None) == ""
    assert plan_status.format_tijdstip("2020-07-01T10:00:00+00:00") == "01-07-2020 12:00"  # summer time
    assert plan_status.format_tijdstip("2020-12-01T10:00:00+00:00") == "01-12-2020 11:00"


def test_unchanged_values_write_nothing(conn, editor):
    # 1.2 ships with the plan's own status (gepland), not an example status: the same values change nothing.
    # (Saving an example status does store it: tests/test_plan_voorbeeld.py.)
    plan_status.update_action(conn, editor, "1.2", status="gepland", eigenaar="Gemeente Capelle aan den IJssel")
    assert conn.execute("SELECT COUNT(*) FROM actie_status").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0


def _snapshot(conn):
    return (
        [tuple(r) for r in conn.execute("SELECT * FROM actie_status ORDER BY actie_id")],
        conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
    )


@pytest.mark.parametrize(
    ("actie_id", "fields", "message"),
    [
        ("9.9", {"status": "lopend"}, "Onbekende actie '9.9'"),
        ("2.1", {"status": "klaar"}, "Onbekende status 'klaar'"),
        ("2.1", {"status": "lopend", "einddatum": "2019-12-31"}, r"einddatum \(2019-12-31\) ligt vóór de startdatum"),
        ("2.1", {"startdatum": "31-12-2020"}, "geen geldige datum"),
        ("2.1", {"eigenaar": "   "}, "Eigenaar mag niet leeg zijn"),
        ("2.1", {"voortgang": "x" * 2001}, "te lang"),
    ],
)
def test_invalid_updates_change_nothing(conn, editor, actie_id, fields, message):
    plan_status.update_action(conn, editor, "2.1", startdatum="2020-03-01", voortgang="basis")
    before = _snapshot(conn)
    with pytest.raises(ValueError, match=message):
        plan_status.update_action(conn, editor, actie_id, **fields)
    assert _snapshot(conn) == before


def test_view_mode_cannot_write(conn):
    with pytest.raises(GeenToegang):
        plan_status.update_action(conn, None, "2.1", status="lopend")
    fake = auth.Redacteur(naam="Indringer", token="verzonnen")
    with pytest.raises(GeenToegang):
        plan_status.update_action(conn, fake, "2.1", status="lopend")
    assert _snapshot(conn) == ([], 0)


def test_logged_out_editor_cannot_write(conn, editor):
    auth.logout(editor)
    with pytest.raises(GeenToegang):
        plan_status.update_action(conn, editor, "2.1", status="lopend")


def test_hostile_text_is_stored_verbatim(conn, editor):
    hostile = "<script>alert(1)</script> [klik](javascript:alert(1)) **vet**"
    plan_status.update_action(conn, editor, "3.1", voortgang=hostile, eigenaar="<b>Org</b>", door="<img src=x>")
    row = plan_status.action_states(conn, plan_lezen.load_plan()).set_index("actie_id").loc["3.1"]
    assert row["voortgang"] == hostile and row["eigenaar"] == "<b>Org</b>" and row["door"] == "<img src=x>"


def test_clearing_a_date(conn, editor):
    plan_status.update_action(conn, editor, "4.2", startdatum="2020-05-01")
    plan_status.update_action(conn, editor, "4.2", startdatum=None)
    row = plan_status.action_states(conn, plan_lezen.load_plan()).set_index("actie_id").loc["4.2"]
    assert row["startdatum"] is None


# --- progress -----------------------------------------------------------------------------------


def test_progress_by_theme_counts_and_shares(conn, editor):
    plan_status.update_action(conn, editor, "2.1", status="afgerond")
    plan_status.update_action(conn, editor, "2.2", status="lopend")
    plan_status.update_action(conn, editor, "2.3", status="gestopt")
    progress = voortgang.progress_by_theme(plan_status.action_states(conn, plan_lezen.load_plan())).set_index("thema")
    assert list(progress.index) == [1, 2, 3, 4]
    t2 = progress.loc[2]
    # 2.4 keeps its shipped (example) status "lopend"
    assert (t2["gepland"], t2["lopend"], t2["afgerond"], t2["gestopt"], t2["totaal"]) == (0, 2, 1, 1, 4)
    assert t2["aandeel_afgerond"] == pytest.approx(0.25) and t2["aandeel_lopend"] == pytest.approx(0.5)
    assert progress.loc[1, "gepland"] == 1 and progress.loc[1, "aandeel_afgerond"] == 0


def test_progress_by_theme_keeps_themes_without_actions(conn):
    states = plan_status.action_states(conn, plan_lezen.load_plan())
    progress = voortgang.progress_by_theme(states[states["thema"] != 4]).set_index("thema")
    assert progress.loc[4, "totaal"] == 0 and progress.loc[4, "thema_naam"] == THEMAS[4].naam


def test_progress_by_result_counts_each_linked_action(conn, editor):
    p = plan_lezen.load_plan()
    plan_status.update_action(conn, editor, "2.2", status="afgerond")
    by_result = voortgang.progress_by_result(plan_status.action_states(conn, p), p).set_index("resultaat_id")
    assert len(by_result) == len(p.resultaten)
    # 2.d is served by 2.1 and 2.2.
    assert by_result.loc["2.d", "totaal"] == 2 and by_result.loc["2.d", "afgerond"] == 1
    assert by_result.loc["2.d", "aandeel_afgerond"] == pytest.approx(0.5)
    assert by_result.loc["2.e", "afgerond"] == 0


def test_alliance_hours_and_actions_per_group():
    p = plan_lezen.load_plan()
    hours = voortgang.alliance_hours(p, {"kerngroep": 4, "voorzitter": 3, "aanjager": 1})
    total = hours.set_index("rol").loc["Totaal"]
    assert (total["uren_min"], total["uren_max"]) == (4 * 45 + 3 * 70 + 400, 4 * 50 + 3 * 75 + 400)
    with pytest.raises(DataFout, match="0 of meer"):
        voortgang.alliance_hours(p, {"kerngroep": -1})
    with pytest.raises(DataFout, match="Onbekende rol"):
        voortgang.alliance_hours(p, {"bestuur": 1})
    groups = voortgang.actions_per_group(p)
    assert set(groups[groups["thema"] == 4]["themagroep"]) == {"Themagroep Verbuurzamen"}
    assert len(groups) == len(p.acties)
    assert voortgang.hours_table(p).set_index("rol").loc["Aanjager", "uren"] == "400 uur"


def test_alliance_time_has_one_home_in_the_plan_file():
    p = plan_lezen.load_plan()
    rollen = {r.id: r for r in p.alliantie.rollen}
    assert set(alliantietijd.VOORBEELD_AANTALLEN) == set(rollen)  # every role of the plan, no other ids
    laag, hoog = alliantietijd.totaal(p)
    assert laag == sum(n * rollen[r].uren_min for r, n in alliantietijd.VOORBEELD_AANTALLEN.items())
    assert hoog == sum(n * rollen[r].uren_max for r, n in alliantietijd.VOORBEELD_AANTALLEN.items())
    waarde = alliantietijd.waarde(p, {"aanjager": 1, "kerngroep": 2}, 50).set_index("rol")
    assert waarde.loc["Totaal", "waarde_max"] == (400 + 2 * 50) * 50
    with pytest.raises(DataFout, match="uurtarief"):
        alliantietijd.waarde(p, {"aanjager": 1}, -1)
