"""lib.kern.statisch: Streamlit's frontend files from memory, everything else untouched to Streamlit."""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
from pathlib import Path

import pytest

from lib.kern import statisch

JS = b"export const a = 1;\n" * 500


def draai(coroutine):
    """Run a coroutine to the end in its own thread: the browser tests' Playwright (sync API) may have left
    an event loop running in this one, and asyncio.run refuses to start inside it."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=60)


@pytest.fixture
def map_(tmp_path: Path) -> Path:
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "static" / "media").mkdir()
    (tmp_path / "static" / "js" / "index.abc123.js").write_bytes(JS)
    (tmp_path / "static" / "media" / "font.woff2").write_bytes(b"\x00wOF2" * 100)
    (tmp_path / "index.html").write_text("<html></html>")
    (tmp_path / "geheim.txt").write_text("niet serveren")
    return tmp_path


class Streamlit:
    """Stands in for the app behind the middleware: records what reached it."""

    def __init__(self) -> None:
        self.paden: list[str] = []

    async def __call__(self, scope, receive, send) -> None:
        self.paden.append(scope["path"])
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b"streamlit"})


def vraag(app, pad: str, method: str = "GET", encoding: str | None = None, soort: str = "http"):
    """One request through the ASGI app: (status, headers, body)."""
    headers = [(b"accept-encoding", encoding.encode())] if encoding is not None else []
    scope = {"type": soort, "method": method, "path": pad, "headers": headers}
    berichten: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(bericht):
        berichten.append(bericht)

    draai(app(scope, receive, send))
    start = berichten[0]
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in berichten[1:])


def test_a_script_is_served_gzipped_when_asked_and_plain_otherwise(map_):
    achter = Streamlit()
    app = statisch.StatischUitGeheugen(achter, map=map_)

    status, headers, body = vraag(app, "/static/js/index.abc123.js", encoding="gzip, deflate, br")
    assert status == 200 and headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(body) == JS and len(body) < len(JS) / 10
    assert headers[b"content-length"] == str(len(body)).encode()
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    assert headers[b"content-type"].startswith(b"text/javascript") or b"javascript" in headers[b"content-type"]
    assert headers[b"vary"] == b"Accept-Encoding"

    status, headers, body = vraag(app, "/static/js/index.abc123.js")
    assert status == 200 and b"content-encoding" not in headers and body == JS
    assert achter.paden == []  # Streamlit did no work for either


def test_fonts_are_not_compressed_again_and_head_sends_no_body(map_):
    app = statisch.StatischUitGeheugen(Streamlit(), map=map_)
    status, headers, body = vraag(app, "/static/media/font.woff2", encoding="gzip")
    assert status == 200 and b"content-encoding" not in headers and b"vary" not in headers
    assert body == b"\x00wOF2" * 100

    status, headers, body = vraag(app, "/static/js/index.abc123.js", method="HEAD")
    assert status == 200 and body == b"" and headers[b"content-length"] == str(len(JS)).encode()


@pytest.mark.parametrize(
    "pad",
    [
        "/",
        "/kaart",
        "/index.html",
        "/static/js/onbekend.js",
        "/static/../geheim.txt",
        "/static/js/../../geheim.txt",
        "/static//js/index.abc123.js",
        "/static/js/",
        "/_stcore/health",
    ],
)
def test_anything_else_goes_to_streamlit_unchanged(map_, pad):
    achter = Streamlit()
    app = statisch.StatischUitGeheugen(achter, map=map_)
    status, _headers, body = vraag(app, pad)
    assert (status, body, achter.paden) == (404, b"streamlit", [pad])


def test_only_get_and_head_and_only_http(map_):
    achter = Streamlit()
    app = statisch.StatischUitGeheugen(achter, map=map_)
    vraag(app, "/static/js/index.abc123.js", method="POST")
    vraag(app, "/static/js/index.abc123.js", soort="websocket")
    assert achter.paden == ["/static/js/index.abc123.js"] * 2


def test_a_base_url_path_moves_the_prefix(map_):
    achter = Streamlit()
    (mw,) = statisch.middleware("/meer-samen/")
    app = mw.cls(achter, map=map_, **{k: v for k, v in mw.kwargs.items() if k != "map"})
    assert vraag(app, "/meer-samen/static/js/index.abc123.js")[2] == JS
    vraag(app, "/static/js/index.abc123.js")
    assert achter.paden == ["/static/js/index.abc123.js"]


def test_forty_visitors_at_once_share_one_read(map_, monkeypatch):
    gelezen: list[Path] = []
    echt = statisch.Bestand.__init__

    def tel(self, pad):
        gelezen.append(pad)
        echt(self, pad)

    monkeypatch.setattr(statisch.Bestand, "__init__", tel)
    app = statisch.StatischUitGeheugen(Streamlit(), map=map_)

    async def veertig():
        return await asyncio.gather(*(app.bestand("/static/js/index.abc123.js") for _ in range(40)))

    bestanden = draai(veertig())
    assert len(gelezen) == 1 and all(b is bestanden[0] for b in bestanden)


def test_a_file_that_disappears_is_left_to_streamlit(map_):
    achter = Streamlit()
    app = statisch.StatischUitGeheugen(achter, map=map_)
    (map_ / "static" / "js" / "index.abc123.js").unlink()
    assert vraag(app, "/static/js/index.abc123.js")[0] == 404
    assert achter.paden == ["/static/js/index.abc123.js"]


def test_the_installed_streamlit_frontend_is_found():
    map_ = statisch.streamlit_map()
    assert (map_ / "index.html").is_file() and any((map_ / "static" / "js").glob("*.js"))


INDEX = b'<html><head><script>window.prerenderReady = false</script><script type="module" src="./static/js/x.js"></script></head><body><div id="root"></div></body></html>'


@pytest.fixture
def met_index(map_: Path) -> Path:
    (map_ / "index.html").write_bytes(INDEX)
    return map_


def test_a_page_of_the_app_gets_the_base_address_before_streamlits_script(met_index):
    """Opened at /kaart, Streamlit's frontend would first probe /kaart/_stcore/health (404) and try / only
    100 ms later; the page says at once that the app lives in the page's folder."""
    achter = Streamlit()
    app = statisch.StatischUitGeheugen(achter, map=met_index, paginas=["/kaart", "/wijk"])
    for pad in ("/kaart", "/wijk"):
        status, headers, body = vraag(app, pad)
        assert status == 200 and headers[b"content-type"].startswith(b"text/html")
        assert headers[b"cache-control"] == b"no-cache"  # as Streamlit sends index.html: a new version shows
        assert body == INDEX.replace(b'<script type="module"', statisch.BASIS_HINT + b'<script type="module"')
        assert body.index(b"BACKEND_BASE_URL") < body.index(b'<script type="module"')
    status, headers, body = vraag(app, "/kaart", encoding="gzip")
    assert headers[b"content-encoding"] == b"gzip" and statisch.BASIS_HINT in gzip.decompress(body)
    assert vraag(app, "/kaart", method="HEAD")[2] == b""
    # the home page, unknown pages, sub-paths and the query's path stay Streamlit's
    for pad in ("/", "/onbekend", "/kaart/", "/kaart/_stcore/health", "/kaartje"):
        assert vraag(app, pad)[0] == 404
    assert achter.paden == ["/", "/onbekend", "/kaart/", "/kaart/_stcore/health", "/kaartje"]


def test_the_hint_is_relative_to_the_page_so_a_proxy_prefix_keeps_working():
    # new URL("./", location.href): /kaart -> /, /meer-samen/kaart -> /meer-samen/ (no fixed "/")
    assert b'new URL("./",location.href)' in statisch.BASIS_HINT


def test_an_index_html_without_the_module_script_is_left_to_streamlit(map_):
    """Another Streamlit version with a different page: no guess, Streamlit answers as it would."""
    (map_ / "index.html").write_bytes(b"<html><head></head></html>")
    achter = Streamlit()
    app = statisch.StatischUitGeheugen(achter, map=map_, paginas=["/kaart"])
    assert vraag(app, "/kaart")[0] == 404 and achter.paden == ["/kaart"]


def test_the_middleware_lists_every_page_but_home_under_the_base_path(met_index):
    (mw,) = statisch.middleware("/meer-samen/", ["", "kaart", "wijk"])
    assert mw.kwargs["paginas"] == ["/meer-samen/kaart", "/meer-samen/wijk"]
    (mw,) = statisch.middleware("", ["", "kaart"])
    assert mw.kwargs["paginas"] == ["/kaart"]
    achter = Streamlit()
    app = mw.cls(achter, map=met_index, prefix=mw.kwargs["prefix"], paginas=mw.kwargs["paginas"])
    assert statisch.BASIS_HINT in vraag(app, "/kaart")[2] and achter.paden == []


def test_the_installed_streamlit_page_takes_the_hint():
    pagina = statisch.Pagina(statisch.streamlit_map() / "index.html")
    assert pagina.body.count(statisch.BASIS_HINT) == 1
    assert pagina.body.index(statisch.BASIS_HINT) < pagina.body.index(b'<script type="module"')
