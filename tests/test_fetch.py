"""`python -m lib.cijfers.rivm fetch`, offline: recorded OData responses served from 127.0.0.1, never the internet."""

from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lib.cijfers import imports, rivm, rivm_lezen, rivm_opdracht, rivm_ophalen
from lib.kern import auth, storage

FIXTURES = Path(__file__).parent / "fixtures" / "odata"
RECORDED_BASE = "https://dataderden.cbs.nl/ODataApi/odata/50120NED"


@pytest.fixture
def cbs_server():
    """A stand-in CBS OData server replaying two recorded pages; nextLink rewritten to itself."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server API)
            requests.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_port}/ODataApi/odata/50120NED"
            if not self.path.startswith("/ODataApi/odata/50120NED/TypedDataSet"):
                self.send_error(404)
                return
            page = "page2" if "skiptoken" in self.path else "page1"
            body = (FIXTURES / f"50120NED_GM0502_{page}.json").read_text().replace(RECORDED_BASE, base).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json;odata=minimalmetadata")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.requests = requests
    server.base = f"http://127.0.0.1:{server.server_port}/ODataApi/odata/50120NED"
    yield server
    server.shutdown()
    server.server_close()


def test_fetch_follows_next_link_and_filters_on_the_gemeente(cbs_server):
    messages = []
    rows = rivm_ophalen.fetch("GM0502", base=cbs_server.base, progress=messages.append)
    assert len(rows) == 45 and len(cbs_server.requests) == 2
    first = urllib.parse.unquote(cbs_server.requests[0])
    assert "startswith(WijkenEnBuurten,'WK0502')" in first and "startswith(WijkenEnBuurten,'BU0502')" in first
    assert "Eenzaam_27" in first and "$format=json" in first
    assert messages == ["Pagina 1: 22 rijen opgehaald, 22 in totaal", "Pagina 2: 23 rijen opgehaald, 45 in totaal"]


def test_fetch_command_writes_the_file_the_importer_reads(cbs_server, tmp_path, capsys):
    out = tmp_path / "tabel.json"
    code = rivm_opdracht.main(
        ["fetch", "--gemeente", "GM0502", "--out", str(out), "--url", cbs_server.base, "--controleer"]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert "Pagina 2" in printed and "Klaar: 45 rijen" in printed
    data = json.loads(out.read_text())
    assert len(data["value"]) == 45 and "odata.nextLink" not in data
    df = rivm_lezen.parse_file(out, "GM0502")
    assert set(df.regio_code) == {"NL01", "GM0502", "WK050201", "WK050209", "BU05020110"}


def test_fetch_uses_the_configured_gemeente_and_url_from_environment(cbs_server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(rivm.URL_ENV, cbs_server.base)
    monkeypatch.chdir(tmp_path)
    assert rivm_opdracht.main(["fetch", "--controleer"]) == 0
    assert (tmp_path / "50120NED_GM0502.json").exists()


def test_offline_gives_a_clear_dutch_message(tmp_path, capsys):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = rivm_opdracht.main(
        ["fetch", "--gemeente", "GM0502", "--out", str(tmp_path / "x.json"), "--url", f"http://127.0.0.1:{port}/x"]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "Geen verbinding met de CBS-server (127.0.0.1)" in err and "StatLine" in err
    assert not (tmp_path / "x.json").exists()


def test_server_error_and_non_json(cbs_server):
    with pytest.raises(rivm_ophalen.OfflineFout, match="fout 404"):
        rivm_ophalen.fetch("GM0502", base=cbs_server.base.replace("50120NED", "bestaatniet"))


def test_bad_gemeente_code(capsys):
    assert rivm_opdracht.main(["fetch", "--gemeente", "Capelle"]) == 2
    assert "Ongeldige gemeentecode" in capsys.readouterr().out


def test_opener_is_replaceable_without_network():
    class Response:
        def __init__(self, body):
            self.body = body

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def read(self):
            return self.body

    def opener(request, timeout):
        assert "dataderden.cbs.nl" in request.full_url
        return Response(b"<html>onderhoud</html>")

    with pytest.raises(rivm_ophalen.OfflineFout, match="geen OData-JSON"):
        rivm_ophalen.fetch("GM0502", opener=opener)


@pytest.fixture
def national_server():
    """A stand-in CBS server for the whole table: three pages, with other gemeenten and their wijken."""
    from tests.rivm_samples import records

    rows = records(["NL01", "GM0502", "WK050201", "BU05020110"])
    rows += records(["GM0599", "WK059901"], base=40.0, gemeentenaam="Rotterdam")
    pages = [rows[i : i + 20] for i in range(0, len(rows), 20)]
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server API)
            requests.append(urllib.parse.unquote(self.path))
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            n = int(query.get("$skip", ["0"])[0]) // 20
            body = {"value": pages[n]}
            if n + 1 < len(pages):
                body["odata.nextLink"] = (
                    f"http://127.0.0.1:{self.server.server_port}/50120NED/TypedDataSet?$skip={20 * (n + 1)}"
                )
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.requests = requests
    server.base = f"http://127.0.0.1:{server.server_port}/50120NED"
    server.rows = rows
    yield server
    server.shutdown()
    server.server_close()


def test_fetch_asks_for_every_gemeente_and_stores_them_through_the_same_validation(national_server, tmp_path, capsys):
    out = tmp_path / "tabel.json"
    code = rivm_opdracht.main(
        ["fetch", "--gemeente", "GM0502", "--out", str(out), "--url", national_server.base, "--controleer"]
    )
    printed = capsys.readouterr().out
    assert code == 0 and len(national_server.requests) == 3  # paging: three pages followed
    assert "startswith(WijkenEnBuurten,'GM')" in national_server.requests[0]  # all gemeente-level rows
    assert f"Klaar: {len(national_server.rows)} rijen" in printed
    result = rivm_lezen.lees(out, "GM0502")
    assert set(result.cijfers.regio_code) == {"NL01", "GM0502", "WK050201", "BU05020110", "GM0599"}
    assert result.namen["GM0599"] == "Rotterdam" and result.andere_gemeenten == 1
    assert rivm_opdracht.main(["import", str(out), "--controleer"]) == 0
    assert "1 andere gemeenten om mee te vergelijken" in capsys.readouterr().out


def test_fetch_stores_what_it_fetched_through_the_import_for_an_editor(national_server, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml of a developer in the way
    out = tmp_path / "tabel.json"
    argv = ["fetch", "--gemeente", "GM0502", "--out", str(out), "--url", national_server.base]
    # Without an editor login nothing is stored (the checked file is still written).
    assert rivm_opdracht.main(argv) == 1
    assert "Opslaan kan alleen met een account" in capsys.readouterr().err
    assert out.exists() and stored_imports() == []
    monkeypatch.setenv(auth.ENV_VAR, auth.hash_password("goed", iterations=1000))
    monkeypatch.setattr("getpass.getpass", lambda prompt: "goed")
    assert rivm_opdracht.main([*argv, "--naam", "Els"]) == 0
    printed = capsys.readouterr().out
    assert "Opgeslagen als import 1" in printed
    assert stored_imports() == [("tabel.json", "Els")]
    with closing(storage.connect()) as conn:
        shown = imports.shown_figures(conn)
        assert imports.active_names(conn)["GM0599"] == "Rotterdam"  # other gemeenten, for the comparison
    wijk = shown[(shown.regio_code == "WK050201") & (shown.bron == "rivm_50120NED")]
    assert not wijk.empty and not wijk["illustratief"].any()
    assert "GM0599" not in set(shown.regio_code)


def test_fetch_with_controleer_only_writes_the_checked_file(national_server, tmp_path, capsys):
    out = tmp_path / "tabel.json"
    argv = ["fetch", "--gemeente", "GM0502", "--out", str(out), "--url", national_server.base, "--controleer"]
    assert rivm_opdracht.main(argv) == 0
    assert "er is niets opgeslagen" in capsys.readouterr().out
    assert out.exists() and stored_imports() == []


def stored_imports() -> list[tuple[str, str]]:
    with closing(storage.connect()) as conn:
        return [tuple(r) for r in conn.execute("SELECT bestandsnaam, door FROM imports ORDER BY id")]
