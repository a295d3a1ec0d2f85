"""Every audited write records who logged in (organisation account or named local account), never a
typed name: timeline events, indicator values and targets, areas and workshop personas, like plan
actions. The yearly evaluation marks how each name in its log was established."""

from __future__ import annotations

import datetime as dt
import inspect
import io

import pytest
from pypdf import PdfReader

from lib.cijfers.loaders import load_wijken
from lib.kern import accounts, auth, identiteit, storage
from lib.personas import werksessie as ws
from lib.plan import evaluatie, tijdlijn
from lib.plan import indicatoren as ind
from lib.plan import status as plan_status
from lib.plan.lezen import load_plan
from lib.regio import gebieden as gb

PLAN = load_plan()
INDICATOREN = ind.load_indicatoren(plan=PLAN)
CODES = set(load_wijken()["wijk_code"])
VANDAAG = dt.date(2026, 12, 1)
ANNA = {"is_logged_in": True, "sub": "anna-1", "email": "a.jansen@capelle.example", "name": "Anna Jansen",
        "iss": "http://127.0.0.1:9400"}
ANNA_ID = ("Anna Jansen", "http://127.0.0.1:9400|anna-1", "oidc")
BRAM_ID = ("Bram de Boer", "lokaal:bram de boer", "lokaal")
NOOR = ws.WerkPersona(naam="Noor", leeftijd=14, wijk="WK050205", doelgroepen=("jongeren",),
                      levensgebeurtenissen=("pesten",))

# Each audited write, as (table, call); the call takes (conn, token).
WRITES = {
    "gebeurtenis": (tijdlijn.TABEL, lambda c, t: tijdlijn.record_event(
        c, t, PLAN, "2021-03-15", "evaluatie", "Jaarevaluatie 2020", vandaag=VANDAAG)),
    "meting": (ind.TABEL_METING, lambda c, t: ind.record_value(
        c, t, INDICATOREN, "maatjes-gekoppeld", 2021, 10, "Jaarverslag", "2022-01-15", vandaag=VANDAAG)),
    "streefwaarde": (ind.TABEL_STREEF, lambda c, t: ind.set_target(
        c, t, INDICATOREN, "maatjes-gekoppeld", 60, "Kerngroep, 1 maart 2021")),
    "gebied": (gb.TABEL, lambda c, t: gb.save_gebied(c, t, "west", "Capelle-West", ["WK050201"], "", CODES)),
    "persona": (ws.TABEL, lambda c, t: ws.save(c, t, NOOR)),
}
# The typed-name parameters these writes used to take (and recorded instead of the login).
GETYPT = {"gebeurtenis": (tijdlijn.record_event, "door"), "meting": (ind.record_value, "door"),
          "streefwaarde": (ind.set_target, "door"), "persona": (ws.save, "auteur")}


@pytest.fixture
def anna(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    path.write_text('[roles]\neditors = ["a.jansen@capelle.example"]\n', encoding="utf-8")
    monkeypatch.setenv(identiteit.SECRETS_ENV, str(path))
    token = auth.issue(identiteit.from_oidc(ANNA))
    yield token
    auth.logout_everywhere(token)


@pytest.fixture
def bram():
    accounts.add_account("Bram de Boer", "een-lang-wachtwoord", iterations=1000)
    token = accounts.login("Bram de Boer", "een-lang-wachtwoord")
    yield token
    auth.logout(token)


def _audit(conn, tabel):
    return {(r["door"], r["door_id"], r["door_bron"])
            for r in conn.execute("SELECT door, door_id, door_bron FROM audit_log WHERE tabel = ?", (tabel,))}


@pytest.mark.parametrize("write", WRITES)
def test_an_organisation_login_is_audited_as_itself(tmp_path, anna, write):
    conn = storage.connect(tmp_path / "db.sqlite3")
    tabel, call = WRITES[write]
    call(conn, anna)
    assert _audit(conn, tabel) == {ANNA_ID}


@pytest.mark.parametrize("write", WRITES)
def test_a_local_account_is_audited_as_itself(tmp_path, bram, write):
    conn = storage.connect(tmp_path / "db.sqlite3")
    tabel, call = WRITES[write]
    call(conn, bram)
    assert _audit(conn, tabel) == {BRAM_ID}


@pytest.mark.parametrize("write", GETYPT)
def test_no_write_takes_a_typed_name(write):
    functie, param = GETYPT[write]
    assert param not in inspect.signature(functie).parameters


def test_the_stored_author_is_the_login(tmp_path, anna):
    conn = storage.connect(tmp_path / "db.sqlite3")
    assert ws.save(conn, anna, NOOR).auteur == "Anna Jansen"
    tijdlijn.record_event(conn, anna, PLAN, "2021-03-15", "evaluatie", "Jaarevaluatie", vandaag=VANDAAG)
    assert {r["door"] for r in conn.execute(f"SELECT door FROM {tijdlijn.TABEL}")} == {"Anna Jansen"}


def test_the_evaluation_marks_typed_names_and_names_logins(tmp_path, anna):
    conn = storage.connect(tmp_path / "db.sqlite3")
    this_year = dt.date.today().year
    with storage.transaction(conn):  # a row from before named logins: a typed name
        storage.audit(conn, plan_status.AUDIT_TABEL, "1.1", "status", "gepland", "lopend", "Bob")
    plan_status.update_action(conn, anna, "2.4", status="afgerond", plan=PLAN)
    ev = evaluatie.build(conn, PLAN, this_year, INDICATOREN)
    assert list(ev.wijzigingen["Door"]) == ["Bob (getypte naam)", "Anna Jansen (organisatieaccount)"]
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(
        io.BytesIO(evaluatie.to_pdf(ev, "Capelle aan den IJssel"))).pages).split())
    assert "(getypte naam)" in tekst and "(organisatieaccount)" in tekst
