"""Streamlit's own frontend files, served from memory (an ASGI middleware in front of Streamlit).

A cold visit fetches 60 to 130 small scripts, styles and fonts from Streamlit's package. Streamlit answers
each through its whole HTTP stack (path checks, session cookie, router, a file read in a worker thread),
about 2,5 ms of CPU per file on this 2-core machine: for a map page more CPU than the page's own script
(bench/bezoekers.py). These files are content-hashed and never change while the server runs, so this
middleware reads each once (on its first request), keeps it and a gzip copy (text only) in memory and
answers from there. Everything else, and every path that is not such a file, goes to Streamlit unchanged.

The app's own pages (/kaart, /wijk, ...) get Streamlit's index.html from memory too, with one line added
(`BASIS_HINT`). Opened at /kaart, Streamlit's frontend does not know whether /kaart is the app or a page of
it, so it first asks /kaart/_stcore/health, gets a 404, waits 100 ms and then tries /. The line tells it
the base address at once (`window.__streamlit.BACKEND_BASE_URL`, Streamlit's own setting for hosts,
relative to the page, so a proxy that serves the app under a prefix still works): every deep link opens
about 0,1 s sooner.
"""

from __future__ import annotations

import asyncio
import gzip
import importlib.util
import mimetypes
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Any

from starlette.middleware import Middleware

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The same promise Streamlit makes for these files (starlette_static_routes): hashed names, cache a year.
CACHE_CONTROL = b"public, immutable, max-age=31536000"
# Worth compressing: text. Fonts (woff2) and images are compressed already.
TEKST = (".js", ".mjs", ".css", ".json", ".svg", ".map", ".txt", ".html", ".wasm")
GZIP_NIVEAU = 6
# Before Streamlit's own module script: the base address is the folder of the page ("./" from /kaart is /).
BASIS_HINT = (
    b"<script>window.__streamlit=Object.assign({},window.__streamlit,"
    b'{BACKEND_BASE_URL:new URL("./",location.href).href})</script>'
)
MODULE_SCRIPT = b'<script type="module"'


class Bestand:
    """One file as it is sent: body, its gzip copy (text only) and its content type."""

    def __init__(self, pad: Path) -> None:
        self.body = self.inhoud(pad)
        soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
        if soort.startswith("text/") or soort in ("application/javascript", "application/json", "image/svg+xml"):
            soort += "; charset=utf-8"
        self.type = soort.encode()
        self.gz = gzip.compress(self.body, GZIP_NIVEAU, mtime=0) if pad.suffix in TEKST else None

    def inhoud(self, pad: Path) -> bytes:
        return pad.read_bytes()


class Pagina(Bestand):
    """Streamlit's index.html with `BASIS_HINT` before its module script; sent with no-cache, as Streamlit
    sends index.html (a new version of the app shows at the next visit)."""

    def inhoud(self, pad: Path) -> bytes:
        body = pad.read_bytes()
        if MODULE_SCRIPT not in body:
            raise OSError(f"{pad}: geen module-script gevonden (andere versie van Streamlit?)")
        return body.replace(MODULE_SCRIPT, BASIS_HINT + MODULE_SCRIPT, 1)


class StatischUitGeheugen:
    """ASGI middleware: GET and HEAD of a file in `map`/static, and of the app's pages, from memory; the
    rest to `app`.

    Only names that exist when the server starts are served (a fixed set: no path is ever joined from
    the request, so no traversal). A file is read on its first request and kept. `paginas` are the URL
    paths of the app's pages other than the home page (e.g. "/kaart"); they get index.html with
    `BASIS_HINT`."""

    def __init__(
        self, app: ASGIApp, map: str | Path, prefix: str = "/static/", paginas: Iterable[str] = ()
    ) -> None:
        self.app = app
        root = Path(map) / "static"  # served as `prefix` (/static/, or /<server.baseUrlPath>/static/)
        self._paden = (
            {prefix + p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
            if root.is_dir()
            else {}
        )
        self._paginas = frozenset(paginas) if (Path(map) / "index.html").is_file() else frozenset()
        self._index = Path(map) / "index.html"
        self._geladen: dict[str, asyncio.Future[Bestand]] = {}

    async def bestand(self, pad: str) -> Bestand | None:
        """The file for URL path `pad`, read (and compressed) once, off the event loop; None if unknown.

        Forty visitors who ask for the same file at once share one read."""
        if pad in self._paginas:
            sleutel, maak = "", lambda: Pagina(self._index)  # one copy for every page
        elif pad in self._paden:
            sleutel, maak = pad, lambda: Bestand(self._paden[pad])
        else:
            return None
        taak = self._geladen.get(sleutel)
        if taak is None:
            taak = self._geladen[sleutel] = asyncio.ensure_future(asyncio.to_thread(maak))
        try:
            return await taak
        except OSError:  # gone, unreadable or not as expected: forget it, Streamlit answers as it would
            self._geladen.pop(sleutel, None)
            return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        bestand = await self.bestand(scope["path"])
        if bestand is None:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        gz = bestand.gz is not None and b"gzip" in headers.get(b"accept-encoding", b"")
        body = bestand.gz if gz else bestand.body
        uit = [
            (b"content-type", bestand.type),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-cache" if isinstance(bestand, Pagina) else CACHE_CONTROL),
        ]
        if bestand.gz is not None:
            uit.append((b"vary", b"Accept-Encoding"))
        if gz:
            uit.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": 200, "headers": uit})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def streamlit_map() -> Path:
    """The folder of Streamlit's frontend (index.html, static/) in the installed package."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Streamlit is niet geïnstalleerd")
    return Path(spec.submodule_search_locations[0]) / "static"


def middleware(basis_url: str = "", paginas: Iterable[str] = ()) -> list[Middleware]:
    """The middleware list for ``st.App(..., middleware=...)``; `basis_url` is server.baseUrlPath,
    `paginas` the url paths of the app's pages (lib.kern.navigation), the home page ("") left out."""
    basis = basis_url.strip("/")
    voor = f"/{basis}/" if basis else "/"
    return [
        Middleware(
            StatischUitGeheugen,
            map=streamlit_map(),
            prefix=f"{voor}static/",
            paginas=[voor + p.strip("/") for p in paginas if p.strip("/")],
        )
    ]
