"""Scenarios: live checks, differences, CSV/JSON round trips, storage (transactions, concurrency, editor only)."""

from __future__ import annotations

import multiprocessing
import threading

import pandas as pd
import pytest

from lib.budget import begroting as bu
from lib.budget import scenario_opslag, scenarios
from lib.kern import auth, storage
from lib.kern.errors import DataFout, GeenToegang

PASSWORD = "geheim wachtwoord"


@pytest.fixture
def editor(monkeypatch):
    stored = auth.hash_password(PASSWORD, iterations=1000)
    token = auth.login(PASSWORD, "Anna", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


@pytest.fixture(scope="module")
def basis() -> pd.DataFrame:
    return scenarios.baseline(bu.load_allocation(), 2021)


def scenario(naam: str, basis: pd.DataFrame, shift: float = 0) -> scenarios.Scenario:
    regels = basis.copy()
    regels.loc[regels["bedrag"].idxmax(), "bedrag"] -= shift
    regels.loc[len(regels) - 1, "bedrag"] += shift
    return scenarios.make_scenario(naam, 2021, regels)


def test_baseline_is_the_wmo_frame(basis):
    assert basis["bedrag"].sum() == 514_000
    assert list(basis.columns) == scenarios.SCENARIO_COLUMNS


def test_check_over_frame_reports_the_excess(basis):
    rows = scenarios.for_editor(basis)
    rows.loc[0, "bedrag"] += 25_000
    toets = scenarios.check_lines(rows)
    assert not toets.fouten and toets.kader.over and not toets.geldig
    assert "€ 25.000 hoger dan het kader" in toets.kader.melding()


def test_check_under_frame_says_what_is_left(basis):
    rows = scenarios.for_editor(basis)
    rows.loc[2, "bedrag"] -= 4_000
    toets = scenarios.check_lines(rows)
    assert toets.geldig and toets.kader.ruimte == 4_000
    assert "nog € 4.000 te verdelen" in toets.kader.melding()


def test_check_names_bad_cells(basis):
    rows = scenarios.for_editor(basis).astype({"bedrag": object})
    rows.loc[1, "bedrag"] = "veel geld"
    rows.loc[3, "bedrag"] = -10
    rows.loc[4, "thema"] = "7"
    rows.loc[5, "bedrag"] = None
    toets = scenarios.check_lines(rows)
    assert not toets.geldig and toets.regels is None
    text = "\n".join(toets.fouten)
    assert "Rij 2" in text and "'veel geld' is geen getal" in text and "kolom 'Bedrag (€)'" in text
    assert "Rij 4" in text and "niet negatief" in text
    assert "Rij 5" in text and "kolom 'Thema'" in text
    assert "Rij 6" in text and "ontbreekt" in text
    assert len(toets.fouten) == 4


def test_shifting_between_themes_and_adding_a_line(basis):
    rows = scenarios.for_editor(basis).astype({"bedrag": object})
    rows.loc[0, "bedrag"] -= 10_000
    rows.loc[len(rows)] = [None, "Buurtfeest in Oostgaarde", "4 · Verbuurzamen", "10.000"]
    rows.loc[len(rows)] = [None, None, None, None]  # an empty row the editor adds: ignored
    toets = scenarios.check_lines(rows)
    assert toets.geldig, toets.fouten
    assert toets.regels.iloc[-1]["regel_id"] == "buurtfeest-in-oostgaarde"
    diff = scenarios.difference_by_theme(basis, toets.regels)
    first_theme = basis.iloc[0]["thema"]
    assert diff.set_index("thema").loc[4, "verschil"] == 10_000 - (10_000 if first_theme == 4 else 0)
    assert diff["verschil"].sum() == 0
    assert diff.set_index("thema").loc[first_theme, "verschil"] == -10_000 + (10_000 if first_theme == 4 else 0)
    per_line = scenarios.difference_by_line(basis, toets.regels)
    assert per_line.set_index("regel_id").loc["buurtfeest-in-oostgaarde", "basis"] == 0


def test_parse_thema():
    assert scenarios.parse_thema("2 · Kwetsbare Capellenaren en life events") == 2
    assert scenarios.parse_thema(3) == 3 and scenarios.parse_thema("4") == 4
    assert scenarios.parse_thema("verbuurzamen") == 4
    assert scenarios.parse_thema("5") is None and scenarios.parse_thema("x") is None


@pytest.mark.parametrize("naam", ["", "   ", "x" * 81, "a\x00b"])
def test_bad_names_are_refused(naam):
    with pytest.raises(DataFout):
        scenarios.check_naam(naam)


def test_json_and_csv_round_trip(basis):
    s = scenario("Meer voor jongeren", basis, 5_000)
    back = scenarios.from_json(scenarios.to_json(s))
    assert back.naam == s.naam and back.jaar == 2021
    pd.testing.assert_frame_equal(back.regels, s.regels)
    back_csv = scenarios.from_csv(scenarios.to_csv(s), "meer.csv")
    assert back_csv.naam == "Meer voor jongeren"
    pd.testing.assert_frame_equal(back_csv.regels, s.regels)


def test_import_refuses_bad_files_with_the_same_checks(basis):
    s = scenario("x", basis)
    csv_text = scenarios.to_csv(s).decode().replace(",62000.0", ",-62000")
    with pytest.raises(DataFout, match="niet negatief") as err:
        scenarios.from_csv(csv_text.encode(), "fout.csv")
    assert "Rij 3" in str(err.value) or "Rij" in str(err.value)
    over = scenarios.to_csv(s).decode().replace(",62000.0", ",99000")
    with pytest.raises(DataFout, match="hoger dan het kader"):
        scenarios.from_csv(over.encode(), "over.csv")
    with pytest.raises(DataFout, match="geen scenario"):
        scenarios.from_json(b'{"naam": "x"}', "x.json")
    with pytest.raises(DataFout, match="JSON"):
        scenarios.from_json(b"\x00\x01 garbage", "x.json")
    with pytest.raises(DataFout, match="Kolom ontbreekt"):
        scenarios.from_csv(b"a,b\n1,2\n", "x.csv")
    with pytest.raises(DataFout, match="buiten"):
        scenarios.from_csv(scenarios.to_csv(s).decode().replace("2021", "2030").encode(), "x.csv")


def test_import_reads_semicolon_csv_with_dutch_amounts():
    text = "jaar;thema;regel;bedrag\n2022;3;Maatjes;€ 12.500\n2022;4;Huizen van de Wijk;100.000\n"
    s = scenarios.from_csv(text.encode(), "excel.csv")
    assert s.totaal == 112_500 and s.naam == "excel"


def test_save_reload_in_a_new_connection(tmp_path, editor, basis):
    db = tmp_path / "db.sqlite3"
    conn = storage.connect(db)
    scenario_opslag.save_scenario(conn, editor, scenario("Plan B", basis, 1_000))
    other = storage.connect(db)
    loaded = scenario_opslag.load_scenario(other, "Plan B")
    assert loaded.jaar == 2021 and loaded.totaal == 514_000 and loaded.door == "Anna"
    pd.testing.assert_frame_equal(loaded.regels, scenario("Plan B", basis, 1_000).regels)
    assert scenario_opslag.list_scenarios(other)["naam"].tolist() == ["Plan B"]


def test_save_refuses_existing_name_unless_overwrite(tmp_path, editor, basis):
    conn = storage.connect(tmp_path / "db.sqlite3")
    scenario_opslag.save_scenario(conn, editor, scenario("Plan", basis))
    with pytest.raises(DataFout, match="bestaat al"):
        scenario_opslag.save_scenario(conn, editor, scenario("Plan", basis, 7_000))
    assert scenario_opslag.load_scenario(conn, "Plan").regels["bedrag"].max() == basis["bedrag"].max()
    scenario_opslag.save_scenario(conn, editor, scenario("Plan", basis, 7_000), overschrijven=True)
    assert scenario_opslag.load_scenario(conn, "Plan").totaal == 514_000
    assert scenario_opslag.load_scenario(conn, "Plan").regels["bedrag"].max() == basis["bedrag"].max() - 7_000


def test_save_checks_again_and_refuses_over_frame(tmp_path, editor, basis):
    conn = storage.connect(tmp_path / "db.sqlite3")
    regels = basis.copy()
    regels.loc[0, "bedrag"] += 1
    bad = scenarios.Scenario("Te veel", 2021, regels)  # built around make_scenario, as a bug might
    with pytest.raises(DataFout, match="hoger dan het kader"):
        scenario_opslag.save_scenario(conn, editor, bad)
    assert scenario_opslag.list_scenarios(conn).empty


def test_view_mode_cannot_write(tmp_path, editor, basis):
    conn = storage.connect(tmp_path / "db.sqlite3")
    scenario_opslag.save_scenario(conn, editor, scenario("Bestaand", basis))
    for write in (
        lambda r: scenario_opslag.save_scenario(conn, r, scenario("Nieuw", basis)),
        lambda r: scenario_opslag.rename_scenario(conn, r, "Bestaand", "Anders"),
        lambda r: scenario_opslag.delete_scenario(conn, r, "Bestaand"),
    ):
        with pytest.raises(GeenToegang):
            write(None)
        fake = auth.Redacteur("Mallory", "not-a-token")
        with pytest.raises(GeenToegang):
            write(fake)
    assert scenario_opslag.list_scenarios(conn)["naam"].tolist() == ["Bestaand"]


def test_rename_and_delete(tmp_path, editor, basis):
    conn = storage.connect(tmp_path / "db.sqlite3")
    scenario_opslag.save_scenario(conn, editor, scenario("Een", basis))
    scenario_opslag.save_scenario(conn, editor, scenario("Twee", basis))
    with pytest.raises(DataFout, match="bestaat al"):
        scenario_opslag.rename_scenario(conn, editor, "Een", "Twee")
    scenario_opslag.rename_scenario(conn, editor, "Een", "  Drie ")
    assert scenario_opslag.load_scenario(conn, "Drie").naam == "Drie"
    scenario_opslag.delete_scenario(conn, editor, "Twee")
    assert scenario_opslag.list_scenarios(conn)["naam"].tolist() == ["Drie"]
    with pytest.raises(DataFout, match="geen scenario"):
        scenario_opslag.delete_scenario(conn, editor, "Twee")
    trail = storage.audit_trail(conn, "scenarios", "Drie")
    assert trail[0]["veld"] == "naam" and trail[0]["oud"] == "Een" and trail[0]["door"] == "Anna"


def test_failed_write_leaves_old_data(tmp_path, editor, basis, monkeypatch):
    db = tmp_path / "db.sqlite3"
    conn = storage.connect(db)
    scenario_opslag.save_scenario(conn, editor, scenario("Plan", basis))

    def crash(*args, **kwargs):
        raise RuntimeError("disk full halfway")

    # The UPDATE has run when the audit row is written; crashing there must undo the UPDATE.
    monkeypatch.setattr(storage, "audit", crash)
    with pytest.raises(RuntimeError):
        scenario_opslag.save_scenario(conn, editor, scenario("Plan", basis, 50_000), overschrijven=True)
    with pytest.raises(RuntimeError):
        scenario_opslag.save_scenario(conn, editor, scenario("Nieuw", basis))
    with pytest.raises(RuntimeError):
        scenario_opslag.delete_scenario(conn, editor, "Plan")
    fresh = storage.connect(db)
    assert scenario_opslag.list_scenarios(fresh)["naam"].tolist() == ["Plan"]
    assert scenario_opslag.load_scenario(fresh, "Plan").regels["bedrag"].max() == basis["bedrag"].max()


def test_concurrent_saves_from_two_threads_lose_neither(tmp_path, editor, basis):
    db = tmp_path / "db.sqlite3"
    storage.connect(db)
    errors: list[BaseException] = []

    def saver(prefix: str):
        try:
            conn = storage.connect(db)
            for i in range(15):
                scenario_opslag.save_scenario(conn, editor, scenario(f"{prefix} {i}", basis, i * 100))
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            errors.append(err)

    threads = [threading.Thread(target=saver, args=(p,)) for p in ("Anna", "Bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    names = set(scenario_opslag.list_scenarios(storage.connect(db))["naam"])
    assert names == {f"{p} {i}" for p in ("Anna", "Bob") for i in range(15)}


def _process_saver(db: str, prefix: str, stored_hash: str) -> None:
    token = auth.login(PASSWORD, prefix, stored_hash, throttle=auth.Throttle())
    basis = scenarios.baseline(bu.load_allocation(), 2021)
    conn = storage.connect(db)
    for i in range(10):
        scenario_opslag.save_scenario(conn, token, scenario(f"{prefix} {i}", basis, i))


def test_concurrent_saves_from_two_processes_lose_neither(tmp_path):
    db = str(tmp_path / "db.sqlite3")
    storage.connect(db)
    stored = auth.hash_password(PASSWORD, iterations=1000)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_process_saver, args=(db, p, stored)) for p in ("Proces A", "Proces B")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(240)  # spawn imports pandas and streamlit: slow on a busy 2-core machine
    assert [p.exitcode for p in procs] == [0, 0]
    names = set(scenario_opslag.list_scenarios(storage.connect(db))["naam"])
    assert names == {f"Proces {p} {i}" for p in "AB" for i in range(10)}
