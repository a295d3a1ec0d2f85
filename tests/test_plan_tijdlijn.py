"""The plan over time: timeline, indicators with targets and measurements, the yearly evaluation PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import yaml
from pypdf import PdfReader

from lib.kern import auth, storage
from lib.kern.errors import DataFout, GeenToegang
from lib.plan import evaluatie, tijdlijn
from lib.plan import indicatoren as ind
from lib.plan import status as plan_status
from lib.plan.lezen import load_plan

PLAN = load_plan()
VANDAAG = dt.date(2026, 12, 1)


@pytest.fixture
def conn(tmp_path):
    return storage.connect(tmp_path / "db.sqlite3")


@pytest.fixture
def editor():
    stored = auth.hash_password("tijdlijn-wachtwoord", iterations=1000)
    token = auth.login("tijdlijn-wachtwoord", "Tijd Redacteur", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


@pytest.fixture(scope="module")
def indicatoren():
    return ind.load_indicatoren(plan=PLAN)


def test_every_result_has_an_indicator_and_no_measured_value_is_shipped(conn, indicatoren):
    assert {i.resultaat for i in indicatoren} == {r.id for r in PLAN.resultaten}
    assert all(i.voorbeeld and i.streefwaarde for i in indicatoren)  # the plan has no numbers: examples only
    df = ind.progress(conn, indicatoren)
    assert df["waarde"].isna().all() and df["streef_voorbeeld"].all()
    assert "geen van de 16" in ind.summary(df)


def test_fixed_timeline_has_the_plan_and_the_budget_years(conn):
    lijn = tijdlijn.timeline(conn, PLAN)
    assert list(lijn["jaar"]) == [2018, 2019, 2020, 2021, 2022]
    assert lijn["vast"].all() and "514.000" in lijn.iloc[2]["titel"]


def test_recorded_event_and_action_dates_join_the_timeline_in_order(conn, editor):
    tijdlijn.record_event(
        conn, editor, PLAN, "2021-03-15", "evaluatie", "Jaarevaluatie 2020 in de raad", vandaag=VANDAAG
    )
    plan_status.update_action(conn, editor, "3.4", status="lopend", startdatum="2020-09-01", plan=PLAN)
    lijn = tijdlijn.timeline(conn, PLAN, plan_status.action_states(conn, PLAN))
    titels = list(lijn["titel"])
    assert (
        titels.index("Actie 3.4 gestart: Maatjesproject voor jongeren")
        == titels.index(next(t for t in titels if t.startswith("Begrotingsjaar 2020"))) + 1
    )
    assert titels[-2].startswith("Evaluatie: Jaarevaluatie 2020") and "Begrotingsjaar 2022" in titels[-1]
    trail = storage.audit_trail(conn, tijdlijn.TABEL, "1")
    assert trail[0]["door"] == "Tijd Redacteur" and "Jaarevaluatie" in trail[0]["nieuw"]


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"datum": "2017-05-01"}, "datum"),
        ({"datum": "2027-01-01"}, "datum"),
        ({"datum": "morgen"}, "datum"),
        ({"soort": "feest"}, "soort"),
        ({"soort": "actie_gestopt", "actie_id": None}, "actie_id"),
        ({"actie_id": "9.9"}, "actie_id"),
        ({"omschrijving": "  "}, "omschrijving"),
        ({"omschrijving": "x" * 501}, "omschrijving"),
    ],
)
def test_bad_event_names_the_field_and_stores_nothing(conn, editor, kwargs, veld):
    args = {"datum": "2021-01-01", "soort": "actie_gestart", "omschrijving": "Start", "actie_id": "3.4", **kwargs}
    with pytest.raises(DataFout) as err:
        tijdlijn.record_event(conn, editor, PLAN, vandaag=VANDAAG, **args)
    assert err.value.kolom == veld
    assert len(tijdlijn.timeline(conn, PLAN)) == 5


def test_writes_need_an_editor(conn, indicatoren):
    with pytest.raises(GeenToegang):
        tijdlijn.record_event(conn, None, PLAN, "2021-01-01", "evaluatie", "x")
    with pytest.raises(GeenToegang):
        ind.record_value(conn, None, indicatoren, "maatjes-gekoppeld", 2021, 5, "bron", "2021-12-31")
    with pytest.raises(GeenToegang):
        ind.set_target(conn, None, indicatoren, "maatjes-gekoppeld", 50, "kerngroep")


def test_measurement_shows_progress_against_target_and_replaces_the_year(conn, editor, indicatoren):
    ind.record_value(
        conn, editor, indicatoren, "maatjes-gekoppeld", 2021, 10, "Jaarverslag", "2022-01-15", vandaag=VANDAAG
    )
    ind.record_value(
        conn, editor, indicatoren, "maatjes-gekoppeld", 2022, 30, "Jaarverslag", "2023-01-10", vandaag=VANDAAG
    )
    df = ind.progress(conn, indicatoren).set_index("indicator_id")
    row = df.loc["maatjes-gekoppeld"]
    assert (row["jaar"], row["waarde"], row["aandeel"]) == (2022, 30.0, 30 / 40)  # latest year against the example
    assert ind.progress(conn, indicatoren, jaar=2021).set_index("indicator_id").loc["maatjes-gekoppeld", "waarde"] == 10
    # A correction replaces that year's value and the audit trail keeps the old one.
    ind.record_value(
        conn, editor, indicatoren, "maatjes-gekoppeld", 2021, 12, "Correctie", "2022-02-01", vandaag=VANDAAG
    )
    assert len(ind.measurements(conn)) == 2
    trail = storage.audit_trail(conn, ind.TABEL_METING, "maatjes-gekoppeld/2021")
    assert trail[0]["oud"].startswith("10 (bron: Jaarverslag") and trail[0]["nieuw"].startswith("12 (bron: Correctie")
    # An agreed target replaces the example, with its source.
    ind.set_target(conn, editor, indicatoren, "maatjes-gekoppeld", 60, "Kerngroep, 1 maart 2021")
    row = ind.progress(conn, indicatoren).set_index("indicator_id").loc["maatjes-gekoppeld"]
    assert (row["streefwaarde"], row["streef_voorbeeld"], row["aandeel"]) == (60, False, 0.5)
    assert "1 van de 16" in ind.summary(ind.progress(conn, indicatoren))


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"indicator_id": "geluk"}, "indicator"),
        ({"jaar": 2018}, "jaar"),
        ({"jaar": 2027}, "jaar"),
        ({"waarde": -1}, "waarde"),
        ({"waarde": "veel"}, "waarde"),
        ({"bron": ""}, "bron"),
        ({"peildatum": "31-12-2021"}, "peildatum"),
    ],
)
def test_bad_measurement_names_the_field_and_stores_nothing(conn, editor, indicatoren, kwargs, veld):
    args = {"indicator_id": "maatjes-gekoppeld", "jaar": 2021, "waarde": 5, "bron": "x", "peildatum": "2021-12-31"}
    with pytest.raises(DataFout) as err:
        ind.record_value(conn, editor, indicatoren, vandaag=VANDAAG, **{**args, **kwargs})
    assert err.value.kolom == veld
    assert ind.measurements(conn).empty


def test_indicator_file_errors_name_the_field(tmp_path):
    raw = yaml.safe_load(ind.BESTAND.read_text(encoding="utf-8"))
    raw["indicatoren"][0]["resultaat"] = "9.z"
    path = tmp_path / "plan_indicatoren.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFout) as err:
        ind.load_indicatoren(path, plan=PLAN)
    assert err.value.bestand == "plan_indicatoren.yaml" and err.value.kolom == "resultaat"
    raw["indicatoren"] = raw["indicatoren"][1:]  # result 1.a left without an indicator
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFout, match="1.a heeft geen indicator"):
        ind.load_indicatoren(path, plan=PLAN)


def test_dutch_numbers():
    assert ind.format_getal(10000) == "10.000" and ind.format_getal(12.5) == "12,5" and ind.format_getal(None) == ""


def test_evaluation_pdf_shows_changes_indicators_and_status_per_theme(conn, editor, indicatoren):
    this_year = dt.date.today().year
    tijdlijn.record_event(
        conn, editor, PLAN, dt.date(this_year, 1, 1), "actie_afgerond", "Campagne klaar", actie_id="2.4"
    )
    ind.record_value(
        conn, editor, indicatoren, "campagne-bereik", this_year, 12500, "Bureau X", dt.date(this_year, 1, 1)
    )
    plan_status.update_action(conn, editor, "2.4", status="afgerond", plan=PLAN)
    ev = evaluatie.build(conn, PLAN, this_year, indicatoren)
    assert len(ev.wijzigingen) == 3 and set(ev.wijzigingen["Door"]) == {"Tijd Redacteur (getypte naam)"}
    assert ev.per_thema.set_index("thema").loc[2, "afgerond"] == 1
    tekst = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(evaluatie.to_pdf(ev, "Capelle aan den IJssel"))).pages
        ).split()
    )
    for fragment in (
        f"Evaluatie {this_year}",
        "Campagne klaar",
        "12.500",
        "Bureau X",
        "125%",
        "Actie 2.4: status",
        "Verbuurzamen",
        "(voorbeeld)",
    ):
        assert fragment in tekst, fragment
    # Another year has none of it.
    leeg = evaluatie.build(conn, PLAN, 2021, indicatoren)
    assert leeg.wijzigingen.empty and leeg.indicatoren["waarde"].isna().all()
    assert "niets gewijzigd" in "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(evaluatie.to_pdf(leeg, "Capelle aan den IJssel"))).pages
    )
