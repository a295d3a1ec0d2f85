"""The Data page: import (upload, preview, apply, undo) and back-up/restore, view mode vs editor mode."""

from __future__ import annotations

from contextlib import closing

import pytest

from lib.cijfers import imports
from lib.kern import auth, backups, storage
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
