"""Named editors: identities from OIDC claims, roles from configuration, local named accounts, and
the audit trail that records who (authenticated) made each change."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest

from lib.budget import begroting, scenario_opslag, scenarios
from lib.cijfers import imports, loaders, rivm_lezen
from lib.kern import accounts, auth, backups, identiteit, migraties, storage
from lib.kern.config import ROOT
from lib.kern.errors import GeenToegang
from lib.plan import status as plan_status
from tests.rivm_samples import csv_bytes, records

PW = "een-lang-wachtwoord"


def _user(sub="u-123", email="a.jansen@capelle.example", **claims):
    return {"is_logged_in": True, "sub": sub, "email": email, "name": "Anna Jansen",
            "iss": "http://127.0.0.1:9400", "origin": "x", "provider": "default", **claims}


@pytest.fixture
def roles_file(tmp_path, monkeypatch):
    """Write [roles] into the secrets file lib reads; returns a function to rewrite it."""
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv(identiteit.SECRETS_ENV, str(path))

    def write(body: str) -> None:
        path.write_text(body, encoding="utf-8")  # no cache clearing: lib must notice the change itself

    return write


def test_identity_from_st_user_keeps_issuer_subject_name_and_claims():
    ident = identiteit.from_oidc(_user(groups=["a", "meer-samen-redacteur"], exp=2_000_000_000))
    assert ident.sub == "http://127.0.0.1:9400|u-123"
    assert (ident.naam, ident.email, ident.bron) == ("Anna Jansen", "a.jansen@capelle.example", "oidc")
    assert ident.claim("groups") == ("a", "meer-samen-redacteur")
    assert ident.claim("origin") == ()  # Streamlit's own cookie fields are not claims
    assert identiteit.from_oidc({"is_logged_in": False}) is None
    assert identiteit.from_oidc({"is_logged_in": True, "name": "zonder sub"}) is None


def test_role_by_email_and_by_claim_value():
    rollen = identiteit.Rollen.from_mapping(
        {"editors": ["A.Jansen@Capelle.example"], "editor_claim": "groups", "editor_values": ["redactie"],
         "beheerders": ["b@capelle.example"], "beheerder_values": "beheer"}
    )
    assert rollen.rol(identiteit.from_oidc(_user())) == identiteit.REDACTEUR  # email, case-insensitive
    assert rollen.rol(identiteit.from_oidc(_user(email="x@y", groups=["redactie"]))) == identiteit.REDACTEUR
    assert rollen.rol(identiteit.from_oidc(_user(email="x@y", groups="beheer"))) == identiteit.BEHEERDER
    assert rollen.rol(identiteit.from_oidc(_user(email="b@capelle.example"))) == identiteit.BEHEERDER
    assert rollen.rol(identiteit.from_oidc(_user(email="x@y", groups=["iets"]))) is None
    # An email the provider marks unverified does not count.
    assert rollen.rol(identiteit.from_oidc(_user(email_verified=False))) is None


def test_logging_in_is_not_editing_and_roles_are_rechecked_on_every_write(roles_file):
    roles_file('[roles]\neditors = ["a.jansen@capelle.example"]\n')
    token = auth.issue(identiteit.from_oidc(_user()))
    stranger = auth.issue(identiteit.from_oidc(_user(sub="u-9", email="iemand@capelle.example")))
    assert auth.require_editor(token).naam == "Anna Jansen"
    assert auth.is_live(stranger) and auth.rol(stranger) is None
    with pytest.raises(GeenToegang):
        auth.require_editor(stranger)
    roles_file("[roles]\neditors = []\n")  # taken off the list: no restart, no new login needed
    with pytest.raises(GeenToegang):
        auth.require_editor(token)
    roles_file('[roles]\nbeheerders = ["a.jansen@capelle.example"]\n')
    assert auth.require_beheer(token) is token
    with pytest.raises(GeenToegang):
        auth.require_editor(token)


def test_a_changed_roles_file_is_obeyed_at_the_next_write_without_clearing_anything(tmp_path, monkeypatch):
    """The production path: nobody clears a cache; the file on disk changes and the next write obeys it,
    also when the file's time did not move (coarse file clocks, a rewrite in the same tick)."""
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv(identiteit.SECRETS_ENV, str(path))
    path.write_text('[roles]\neditors = ["a.jansen@capelle.example"]\n', encoding="utf-8")
    conn = storage.connect(tmp_path / "db.sqlite3")
    token = auth.issue(identiteit.from_oidc(_user()))
    plan_status.update_action(conn, token, "1.1", status="lopend")  # the roles are read and kept
    before = path.stat()
    path.write_text("[roles]\neditors = []\n", encoding="utf-8")  # taken off the list, in place
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # ... within the same clock tick
    with pytest.raises(GeenToegang):
        plan_status.update_action(conn, token, "1.1", status="afgerond")
    # Put back, replaced as a deployment does it (a new file moved over the old one): allowed again.
    nieuw = tmp_path / "secrets.toml.nieuw"
    nieuw.write_text('[roles]\neditors = ["a.jansen@capelle.example"]\n', encoding="utf-8")
    os.replace(nieuw, path)
    assert plan_status.update_action(conn, token, "1.1", status="afgerond")["status"] == "afgerond"
    assert [r["nieuw"] for r in storage.audit_trail(conn, "actie_status", "1.1")][:1] == ["afgerond"]


def test_an_expired_provider_login_gives_no_rights(roles_file):
    roles_file('[roles]\neditors = ["a.jansen@capelle.example"]\n')
    token = auth.issue(identiteit.from_oidc(_user(exp=time.time() - 1)))
    assert auth.rol(token) is None
    with pytest.raises(GeenToegang):
        auth.require_editor(token)


def test_logout_ends_a_named_token_at_once(roles_file):
    roles_file('[roles]\neditors = ["a.jansen@capelle.example"]\n')
    token = auth.issue(identiteit.from_oidc(_user()))
    auth.logout(token)
    assert not auth.is_live(token)
    with pytest.raises(GeenToegang):
        auth.require_beheer(token)


def test_local_accounts_log_in_by_name_and_removal_ends_the_rights(isolated_user_data):
    accounts.add_account("Anna Jansen", PW, iterations=1000)
    accounts.add_account("Ilse", PW + "2", identiteit.BEHEERDER, iterations=1000)
    assert accounts.accounts_path() == isolated_user_data / "accounts.json"
    assert accounts.list_accounts() == [("Anna Jansen", "redacteur"), ("Ilse", "beheerder")]
    throttle = auth.Throttle(free_tries=10)
    assert accounts.login("Anna Jansen", "fout", throttle=throttle) is None
    assert accounts.login("Niemand", PW, throttle=throttle) is None
    token = accounts.login("  anna   JANSEN ", PW, throttle=throttle)
    assert token.identiteit.sub == "lokaal:anna jansen" and token.naam == "Anna Jansen"
    assert auth.require_editor(token) is token
    ilse = accounts.login("Ilse", PW + "2", throttle=throttle)
    assert auth.require_beheer(ilse) is ilse
    with pytest.raises(GeenToegang):
        auth.require_editor(ilse)
    assert accounts.remove_account("anna jansen")
    with pytest.raises(GeenToegang):
        auth.require_editor(token)
    stored = (isolated_user_data / "accounts.json").read_text()
    assert PW not in stored and "pbkdf2_sha256$1000$" in stored
    assert (isolated_user_data / "accounts.json").stat().st_mode & 0o077 == 0  # owner only


def test_local_account_rules_and_throttle():
    with pytest.raises(ValueError, match="minstens 10"):
        accounts.add_account("Anna", "kort")
    with pytest.raises(ValueError, match="Geef een naam"):
        accounts.add_account("  ", PW)
    with pytest.raises(ValueError, match="Onbekende rol"):
        accounts.add_account("Anna", PW, "baas")
    accounts.add_account("Anna", PW, iterations=1000)
    t = auth.Throttle(free_tries=1)
    stranger, editor = ("sessie:vreemd", "adres:203.0.113.9"), ("sessie:anna", "adres:10.0.0.5")
    assert accounts.login("Anna", "fout", throttle=t, client=stranger) is None
    with pytest.raises(auth.TeVeelPogingen):
        accounts.login("Anna", PW, throttle=t, client=stranger)  # the guessing client waits, even with the right password
    assert accounts.login("Anna", PW, throttle=t, client=editor) is not None  # someone else's wrong try costs Anna nothing


def test_add_editor_command_line(isolated_user_data):
    env_run = [sys.executable, "-m", "lib.kern.accounts"]
    out = subprocess.run([*env_run, "add-editor", "Bram de Boer", "--wachtwoord-stdin"], input=PW + "\n",
                         capture_output=True, text=True, cwd=ROOT, check=True)
    assert "Bram de Boer" in out.stdout and "redacteur" in out.stdout
    listed = subprocess.run([*env_run, "list"], capture_output=True, text=True, cwd=ROOT, check=True)
    assert listed.stdout.strip() == "Bram de Boer\tredacteur"
    bad = subprocess.run([*env_run, "add-editor", "X", "--wachtwoord-stdin"], input="kort\n",
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "minstens 10" in bad.stderr
    assert accounts.login("bram de boer", PW) is not None


def test_migration_marks_old_audit_rows_as_typed_names(tmp_path):
    path = tmp_path / "oud.sqlite3"
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE schema_migrations (naam TEXT PRIMARY KEY, toegepast TEXT NOT NULL)")
    for statement in migraties.MIGRATIONS[0][1].split(";"):
        if statement.strip():
            old.execute(statement)
    old.execute("INSERT INTO schema_migrations VALUES ('0001_basis', 'x')")
    old.execute("INSERT INTO audit_log (tabel, sleutel, veld, oud, nieuw, tijdstip, door) "
                "VALUES ('actie_status', '1.1', 'status', 'a', 'b', 't', 'Wie dan ook')")
    old.commit()
    old.close()
    conn = storage.connect(path)
    [row] = storage.audit_trail(conn, "actie_status", "1.1")
    assert (row["door"], row["door_id"], row["door_bron"]) == ("Wie dan ook", "", "getypt")
    assert row["door_label"] == "Wie dan ook (getypte naam)"


def test_imports_undo_backup_and_restore_record_the_authenticated_identity(roles_file, tmp_path):
    roles_file('[roles]\nbeheerders = ["a.jansen@capelle.example"]\n')
    conn = storage.connect(tmp_path / "db.sqlite3")
    beheerder = auth.issue(identiteit.from_oidc(_user()))
    new = rivm_lezen.parse(csv_bytes(records(["WK050201"])), "50120NED.csv", "GM0502")
    import_id = imports.apply(conn, beheerder, new, "rivm.csv", loaders.load_figures())
    imports.undo_last(conn, beheerder)
    content = backups.export_backup(conn, beheerder)
    backups.restore_backup(conn, beheerder, content, "terug.sqlite3")
    rows = [dict(r) for r in conn.execute("SELECT tabel, veld, door, door_id, door_bron FROM audit_log ORDER BY id")]
    assert [(r["tabel"], r["veld"]) for r in rows] == [
        ("imports", "import"), ("imports", "ongedaan"), ("backup", "gemaakt"), ("backup", "teruggezet")
    ]
    assert {(r["door"], r["door_id"], r["door_bron"]) for r in rows} == {
        ("Anna Jansen", "http://127.0.0.1:9400|u-123", "oidc")
    }
    assert import_id


def test_plan_and_scenario_writes_record_the_identity_not_a_typed_name(roles_file, tmp_path):
    roles_file('[roles]\neditors = ["a.jansen@capelle.example"]\n')
    conn = storage.connect(tmp_path / "db.sqlite3")
    token = auth.issue(identiteit.from_oidc(_user()))
    after = plan_status.update_action(conn, token, "1.1", status="afgerond", door="Iemand Anders")
    assert after["door"] == "Anna Jansen"  # the typed name is ignored for a named login
    [row] = storage.audit_trail(conn, "actie_status", "1.1")
    assert (row["door"], row["door_id"], row["door_bron"]) == ("Anna Jansen", "http://127.0.0.1:9400|u-123", "oidc")
    hist = plan_status.action_history(conn, "1.1")
    assert hist.iloc[0]["Door"] == "Anna Jansen" and hist.iloc[0]["Ingelogd via"] == "organisatieaccount"

    local_user = "Bram de Boer"
    accounts.add_account(local_user, PW, iterations=1000)
    bram = accounts.login(local_user, PW)
    basis = scenarios.baseline(begroting.load_allocation(), 2021)
    scenario_opslag.save_scenario(conn, bram, scenarios.make_scenario("Plan B", 2021, basis))
    scenario_opslag.rename_scenario(conn, bram, "Plan B", "Plan C")
    scenario_opslag.delete_scenario(conn, bram, "Plan C")
    rows = [dict(r) for r in conn.execute("SELECT veld, door, door_id, door_bron FROM audit_log WHERE tabel = 'scenarios'")]
    assert [r["veld"] for r in rows] == ["totaal", "naam", "verwijderd"]
    assert {(r["door"], r["door_id"], r["door_bron"]) for r in rows} == {("Bram de Boer", "lokaal:bram de boer", "lokaal")}
