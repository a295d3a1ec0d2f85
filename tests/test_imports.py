"""Imports: merge by key, preview, apply all-or-nothing, undo, editor-only; back-up and restore."""

from __future__ import annotations

from contextlib import closing

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.cijfers import imports, loaders, rivm_lezen
from lib.kern import auth, backups, storage
from lib.kern.errors import DataFout, GeenToegang
from tests.rivm_samples import capelle_regions, csv_bytes, records

GM = "GM0502"


@pytest.fixture
def editor(monkeypatch):
    stored = auth.hash_password("geheim wachtwoord", iterations=1000)
    token = auth.login("geheim wachtwoord", "Tester", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


@pytest.fixture
def conn():
    with closing(storage.connect()) as c:
        yield c


@pytest.fixture(scope="module")
def base():
    return loaders.load_figures()


def upload(regions, **kw):
    return rivm_lezen.parse(csv_bytes(records(regions, **kw)), "50120NED.csv", GM)


def stored_state(conn):
    return [tuple(r) for r in conn.execute("SELECT * FROM imports ORDER BY id")] + [
        tuple(r) for r in conn.execute("SELECT * FROM audit_log ORDER BY id")
    ]


def test_merge_replaces_by_key_and_adds_new_keys(base):
    new = upload(["WK050201"], perioden=(2022, 2024))
    merged = imports.merge(base, new)
    key = imports.FIGURE_KEY
    assert not merged.duplicated(key).any()
    assert len(merged) == len(base) + len(new) // 2  # 2022 replaced, 2024 added
    row = merged[(merged.regio_code == "WK050201") & (merged.periode == 2022) & (merged.indicator == "eenzaam")]
    assert set(row.bron) == {"rivm_50120NED"} and not row.illustratief.any()
    # everything else untouched
    other = merged[merged.regio_code == "WK050202"].reset_index(drop=True)
    assert other.equals(base[base.regio_code == "WK050202"].sort_values(key).reset_index(drop=True))


def test_preview_counts(base):
    new = upload(["WK050201", "BU05020111"], perioden=(2022, 2024))
    vb = imports.preview(base, new, {"WK050201"})
    assert vb.rijen == 2 * 2 * 3 * 4
    assert vb.toegevoegd == 2 * 3 * 4 and vb.vervangen == 2 * 3 * 4
    assert vb.echt_geworden == 2 * 3 * 4  # the shipped wijk/buurt figures are all illustrative
    assert vb.regios == {"wijk": 1, "buurt": 1} and vb.perioden == (2022, 2024)
    assert vb.onbekende_regios == ("BU05020111",)
    assert "1 wijk, 1 buurt" in vb.samenvatting()


def test_apply_then_shown_figures_then_undo(conn, editor, base):
    before = imports.shown_figures(conn, base)
    new = upload(["GM0502", "WK050201"])
    import_id = imports.apply(conn, editor, new, "50120NED.csv", base)
    shown = imports.shown_figures(conn, base)
    w = shown[(shown.regio_code == "WK050201") & (shown.periode == 2022)]
    assert len(w) == 12 and set(w.bron) == {"rivm_50120NED"} and not w.illustratief.any()
    was = before[before.regio_code.isin(["GM0502", "WK050201"]) & (before.periode == 2022)].illustratief.sum()
    assert was == 24 and shown.illustratief.sum() == before.illustratief.sum() - was
    assert imports.history(conn).iloc[0].to_dict()["Status"] == "actief"
    assert storage.audit_trail(conn, "imports", str(import_id))[0]["door"] == "Tester"
    # a second import on top, then undo only that one
    imports.apply(conn, editor, upload(["WK050202"]), "tweede.csv", base)
    undone = imports.undo_last(conn, editor)
    assert undone["bestandsnaam"] == "tweede.csv"
    again = imports.shown_figures(conn, base)
    assert again.equals(shown)
    imports.undo_last(conn, editor)
    assert imports.shown_figures(conn, base).equals(before)
    assert imports.undo_last(conn, editor) is None
    assert list(imports.history(conn)["Status"]) == ["ongedaan gemaakt", "ongedaan gemaakt"]


def test_imported_real_figures_are_not_shown_where_too_few_people_live(conn, editor, base):
    """RIVM publishes no estimate below its threshold; neither do we, even for a real imported figure."""
    imports.apply(conn, editor, upload(["BU05020110", "BU05020111"]), "buurten.csv", base)  # IJsseldijk: 0 inwoners
    shown = imports.shown_figures(conn, base)
    assert "BU05020110" not in set(shown.regio_code)
    echt = shown[(shown.regio_code == "BU05020111") & (shown.periode == 2022)]
    assert len(echt) and set(echt.bron) == {"rivm_50120NED"}  # a buurt where people live keeps its figure
    stored = pd.concat(imports.active_layers(conn))
    assert "BU05020110" in set(stored.regio_code)  # kept as imported; only not shown


def test_view_mode_cannot_write(conn, base):
    new = upload(["WK050201"])
    state = stored_state(conn)
    with pytest.raises(GeenToegang):
        imports.apply(conn, None, new, "x.csv", base)
    with pytest.raises(GeenToegang):
        imports.apply(conn, auth.Redacteur("nep", "vervalst-token"), new, "x.csv", base)
    with pytest.raises(GeenToegang):
        imports.undo_last(conn, None)
    with pytest.raises(GeenToegang):
        imports.import_file(conn, None, csv_bytes(records(["WK050201"])), "x.csv", GM, base)
    assert stored_state(conn) == state


def test_apply_is_all_or_nothing(conn, editor, base, monkeypatch):
    def broken_audit(*args, **kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(storage, "audit", broken_audit)
    with pytest.raises(RuntimeError):
        imports.apply(conn, editor, upload(["WK050201"]), "x.csv", base)
    assert conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 0


def test_imports_of_another_gemeente_stay_unseen(conn, editor, base, monkeypatch):
    imports.apply(conn, editor, upload(["WK050201"]), "x.csv", base)
    monkeypatch.setenv("MEER_SAMEN_GEMEENTE_CODE", "GM9999")
    shown = imports.shown_figures(conn, base)
    assert "rivm_50120NED" not in set(shown.bron)


GOOD = csv_bytes(records(["WK050201", "BU05020110"]))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.binary(max_size=500)
    | st.builds(lambda cut, junk: GOOD[:cut] + junk, st.integers(0, len(GOOD)), st.binary(min_size=1, max_size=40))
)
def test_garbled_files_never_change_stored_data(conn, editor, base, content):
    imports.apply(conn, editor, upload(["GM0502"]), "eerste.csv", base) if not stored_state(conn) else None
    state = stored_state(conn)
    shown = imports.shown_figures(conn, base)
    try:
        imports.import_file(conn, editor, content, "kapot.csv", GM, base)
    except DataFout:
        assert stored_state(conn) == state
        assert imports.shown_figures(conn, base).equals(shown)
    else:  # a truncation can still be a valid (smaller) file: then it is one whole new import
        assert len(stored_state(conn)) == len(state) + 2
        imports.undo_last(conn, editor)


def test_backup_restore_round_trip(conn, editor, base, tmp_path):
    imports.apply(conn, editor, upload(["WK050201"]), "x.csv", base)
    content = backups.export_backup(conn, editor)
    assert content.startswith(backups.SQLITE_MAGIC)
    imports.undo_last(conn, editor)
    imports.apply(conn, editor, upload(["WK050203"]), "later.csv", base)
    backups.restore_backup(conn, editor, content, "backup.sqlite3")
    hist = imports.history(conn)
    assert list(hist["Bestand"]) == ["x.csv"] and list(hist["Status"]) == ["actief"]
    assert storage.audit_trail(conn, "backup", "backup.sqlite3")[0]["veld"] == "teruggezet"


def test_backup_and_restore_are_editor_only_and_refuse_other_files(conn, editor, base):
    imports.apply(conn, editor, upload(["WK050201"]), "x.csv", base)
    content = backups.export_backup(conn, editor)  # making a back-up is itself logged
    state = stored_state(conn)
    with pytest.raises(GeenToegang):
        backups.export_backup(conn, None)
    with pytest.raises(GeenToegang):
        backups.restore_backup(conn, None, content, "b.sqlite3")
    with pytest.raises(DataFout, match="geen back-up"):
        backups.restore_backup(conn, editor, b"hallo wereld", "b.sqlite3")
    other = pd.DataFrame({"a": [1]})
    import sqlite3
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ander.sqlite3"
        with closing(sqlite3.connect(path)) as c:
            other.to_sql("iets", c)
        with pytest.raises(DataFout, match="schema_migrations"):
            backups.restore_backup(conn, editor, path.read_bytes(), "ander.sqlite3")
    assert stored_state(conn) == state


def test_full_capelle_file_makes_everything_real(conn, editor, base):
    regions = capelle_regions()
    new = rivm_lezen.parse(csv_bytes(records(regions, perioden=(2016, 2020, 2022))), "alles.csv", GM)
    imports.apply(conn, editor, new, "alles.csv", base)
    shown = imports.shown_figures(conn, base)
    assert not shown.illustratief.any()
