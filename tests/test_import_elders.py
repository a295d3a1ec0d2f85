"""An import stored by another process (the command, another worker) shows on the next page view of a
running server, without a restart; an undo on another connection too."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing

from lib.cijfers import imports
from lib.kern import auth, storage
from lib.kern.config import ROOT
from lib.ui import laden
from tests.pagetest import run_page
from tests.rivm_samples import csv_bytes, records

COMMAND = (
    "import getpass, os; from lib.kern import auth; "
    "os.environ[auth.ENV_VAR] = auth.hash_password('pw', iterations=1000); "
    "getpass.getpass = lambda p='': 'pw'; "
    "from lib.cijfers import rivm_opdracht; raise SystemExit(rivm_opdracht.main(['import', {bestand!r}]))"
)


def wijk_table(at):
    return next(df.value for df in at.dataframe if "Wijk" in df.value.columns and "Eenzaam" in df.value.columns)


def bron(at) -> str:
    """The map's source line (the first caption naming a source)."""
    return next(c.value for c in at.caption if c.value.startswith("Bron:"))


def test_import_by_another_process_shows_on_the_next_page_view(tmp_path, monkeypatch):
    monkeypatch.setattr(laden, "STEMPEL_SECONDEN", 0, raising=False)  # no wait for the stamp's short TTL
    at = run_page("views/data.py")
    assert set(wijk_table(at)["Voorbeeld"]) == {"ja"}
    at = run_page("views/kaart.py")  # fills the drawn-map caches too
    assert bron(at).startswith("Bron: Voorbeeldcijfers")
    bestand = tmp_path / "wijken.csv"
    bestand.write_bytes(csv_bytes(records([f"WK0502{w:02d}" for w in range(1, 10)])))
    out = subprocess.run(
        [sys.executable, "-c", COMMAND.format(bestand=str(bestand))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    with closing(storage.connect()) as conn:
        assert conn.execute("SELECT COUNT(*) FROM imports").fetchone()[0] == 1
    # The same server process (same caches), a new page view: the imported figures.
    at = run_page("views/data.py")
    assert set(wijk_table(at)["Voorbeeld"]) == {"nee"}
    at = run_page("views/kaart.py")
    assert not at.exception
    assert "Voorbeeldcijfers" not in bron(at) and "50120NED" in bron(at)

    # An undo on another connection (another worker): the examples are back on the next view.
    token = auth.login("pw2", "Tester", auth.hash_password("pw2", iterations=1000), auth.Throttle())
    try:
        with closing(storage.connect()) as conn:
            assert imports.undo_last(conn, token) is not None
    finally:
        auth.logout(token)
    at = run_page("views/data.py")
    assert set(wijk_table(at)["Voorbeeld"]) == {"ja"}
