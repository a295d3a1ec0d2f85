"""The Data page: import (upload, preview, apply, undo) and back-up/restore, view mode vs editor mode."""

from __future__ import annotations

import tomllib
from contextlib import closing

import pytest
from streamlit import config as st_config

from lib.cijfers import imports, rivm_lezen
from lib.kern import auth, backups, getallen, storage
from lib.kern.config import ROOT
from tests.pagetest import run_page
from tests.rivm_samples import csv_bytes, records

ILLUSTRATIEF = "Voorbeeldcijfers, geen echte meting"


@pytest.fixture
def editor():
    token = auth.login("pw-voor-test", "Tester", auth.hash_password("pw-voor-test", iterations=1000), auth.Throttle())
    yield token
    auth.logout(token)


def wijk_table(at):
    return next(df.value for df in at.dataframe if "Wijk" in df.value.columns and "Eenzaam" in df.value.columns)


def import_count():
    with closing(storage.connect()) as conn:
        return conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0]


def texts(at):
    return " ".join(
        str(e.value)
        for kind in ("markdown", "caption", "text", "info", "warning", "error", "success")
        for e in getattr(at, kind)
    )


def test_view_mode_has_no_upload_and_says_why():
    at = run_page("views/data.py")
    assert not at.exception
    assert len(at.file_uploader) == 0
    assert "alleen in de redacteursmodus" in texts(at)
    assert not [b for b in at.button if b.key in ("rivm_apply", "rivm_undo", "backup_restore")]
    # the shipped wijk figures are illustrative: labelled
    assert set(wijk_table(at)["Voorbeeld"]) == {"ja"}
    assert any(ILLUSTRATIEF in w.value for w in at.warning)


def test_editor_uploads_previews_applies_and_undoes(editor):
    regions = [f"WK0502{w:02d}" for w in range(1, 10)]
    content = csv_bytes(records(regions, perioden=(2022,)), decimal_comma=True)
    at = run_page("views/data.py", session={"redacteur": editor})
    at.file_uploader[0].set_value(("50120NED.csv", content, "text/csv")).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Cijfers in het bestand"] == "108" and metrics["Vervangen"] == "108"
    assert metrics["Voorbeeld wordt echt"] == "108" and metrics["Nieuw"] == "0"
    assert import_count() == 0  # nothing stored before 'Inlezen'
    at.button(key="rivm_apply").click().run()
    assert not at.exception
    assert import_count() == 1
    assert any("Ingelezen: 108 cijfers" in s.value for s in at.success)
    table = wijk_table(at)
    assert set(table["Voorbeeld"]) == {"nee"} and table["Eenzaam"].iloc[0] == "30,0%"
    assert not any(ILLUSTRATIEF in w.value for w in at.warning)  # wijk table now real: no notice
    assert any("Gezondheid per wijk en buurt (tabel 50120NED)" in c.value for c in at.caption)
    assert len(at.file_uploader) >= 1 and at.file_uploader[0].value is None  # uploader reset
    # undo needs a confirmation
    assert at.button(key="rivm_undo").disabled
    at.checkbox(key="rivm_undo_sure").check().run()
    at.button(key="rivm_undo").click().run()
    assert not at.exception
    assert set(wijk_table(at)["Voorbeeld"]) == {"ja"}
    assert any(ILLUSTRATIEF in w.value for w in at.warning)


def test_bad_file_shows_dutch_message_and_changes_nothing(editor):
    recs = records(["WK050201"])
    recs[3]["Eenzaam_27"] = "[klik hier](https://kwaad.example) <script>alert(1)</script>"
    at = run_page("views/data.py", session={"redacteur": editor})
    at.file_uploader[0].set_value(("**vet**.csv", csv_bytes(recs), "text/csv")).run()
    assert not at.exception
    error = at.error[0].value
    assert "niet ingelezen" in error and "rij 5" in error and "Eenzaam\\_27" in error
    # user text is escaped: no live link or emphasis in the Markdown
    assert "](https" not in error and "\\[klik hier\\]" in error and "\\*\\*vet\\*\\*" in error
    assert not [b for b in at.button if b.key == "rivm_apply"]
    assert import_count() == 0


def test_wrong_file_type_is_explained_in_dutch(editor):
    at = run_page("views/data.py", session={"redacteur": editor})
    at.file_uploader[0].set_value(("tabel.xlsx", b"PK\x03\x04 binair", "application/vnd.ms-excel")).run()
    assert not at.exception
    assert "Bestandstype '\\.xlsx' wordt niet gelezen" in at.error[0].value
    assert import_count() == 0


def test_backup_download_and_restore_in_editor_mode(editor):
    with closing(storage.connect()) as conn:
        imports.import_file(conn, editor, csv_bytes(records(["WK050201"])), "eerste.csv", "GM0502")
        content = backups.export_backup(conn, editor)
        imports.undo_last(conn, editor)
    at = run_page("views/data.py", session={"redacteur": editor})
    downloads = at.get("download_button")
    assert any("back-up" in d.proto.label for d in downloads)
    uploader = next(u for u in at.file_uploader if u.key.startswith("backup_upload"))
    uploader.set_value(("backup.sqlite3", content, "application/octet-stream"))
    at.checkbox(key="backup_sure").check()
    at.run()
    at.button(key="backup_restore").click().run()
    assert not at.exception
    assert any("teruggezet" in s.value for s in at.success)
    with closing(storage.connect()) as conn:
        assert list(imports.history(conn)["Status"]) == ["actief"]  # the state of the back-up


def test_restore_of_a_wrong_file_is_refused(editor):
    at = run_page("views/data.py", session={"redacteur": editor})
    uploader = next(u for u in at.file_uploader if u.key.startswith("backup_upload"))
    uploader.set_value(("backup.sqlite3", b"geen database", "application/octet-stream"))
    at.checkbox(key="backup_sure").check()
    at.run()
    at.button(key="backup_restore").click().run()
    assert not at.exception
    assert "Niet teruggezet" in at.error[0].value


def test_view_mode_has_no_backup_controls():
    at = run_page("views/data.py")
    assert not any("back-up" in d.proto.label.lower() for d in at.get("download_button"))
    assert "Een back-up maken of terugzetten kan alleen in de redacteursmodus" in texts(at)


# --- the upload limit and the progress while reading ---------------------------------------------


def test_upload_limit_fits_the_national_table_and_the_page_states_the_enforced_limit(editor):
    with (ROOT / ".streamlit" / "config.toml").open("rb") as f:
        limiet = tomllib.load(f)["server"]["maxUploadSize"]
    assert limiet >= 300  # the whole national table 50120NED is about 250-270 MB as CSV
    at = run_page("views/data.py", session={"redacteur": editor})
    uploader = at.file_uploader[0]
    assert uploader.proto.max_upload_size_mb == limiet  # what the browser enforces
    assert f"hoogstens {getallen.megabytes(limiet)})" in uploader.label
    # The text follows the setting itself, not a copy of it.
    oud = st_config.get_option("server.maxUploadSize")
    st_config.set_option("server.maxUploadSize", 500)
    try:
        at = run_page("views/data.py", session={"redacteur": editor})
    finally:
        st_config.set_option("server.maxUploadSize", oud)
    assert at.file_uploader[0].proto.max_upload_size_mb == 500
    assert "hoogstens 500 MB)" in at.file_uploader[0].label


def test_reading_an_upload_reports_progress_to_the_page(editor, monkeypatch):
    gezien = []
    echt = rivm_lezen.lees

    def lees(*args, voortgang=None, **kw):
        gezien.append(voortgang)
        return echt(*args, voortgang=(lambda deel: (gezien.append(deel), voortgang(deel))), block_size=256, **kw)

    monkeypatch.setattr(rivm_lezen, "lees", lees)
    regions = [f"WK0502{w:02d}" for w in range(1, 10)]
    at = run_page("views/data.py", session={"redacteur": editor})
    at.file_uploader[0].set_value(("50120NED.csv", csv_bytes(records(regions)), "text/csv")).run()
    assert not at.exception
    assert callable(gezien[0])  # the page hands the reader a progress callback (its st.progress bar)
    delen = [d for d in gezien[1:] if isinstance(d, float)]
    assert len(delen) > 3 and delen == sorted(delen) and delen[-1] == 1.0 and 0 < delen[0] < 1
    assert any(m.label == "Cijfers in het bestand" for m in at.metric)  # and the read went on to the preview
