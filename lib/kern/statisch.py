"""Streamlit's own frontend files, served from memory (an ASGI middleware in front of Streamlit).

A cold visit fetches 60 to 130 small scripts, styles and fonts from Streamlit's package. Streamlit answers
each through its whole HTTP stack (path checks, session cookie, router, a file read in a worker thread),
about 2,5 ms of CPU per file on this 2-core machine: for a map page more CPU than the page's own script
(bench/bezoekers.py). These files are content-hashed and never change while the server runs, so this
middleware reads each once (on its first request), keeps it and a gzip copy (text only) in memory and
answers from there. Everything else, and every path that is not such a file, goes to Streamlit unchanged.
"""

from __future__ import annotations

import asyncio
import gzip
import importlib.util
import mimetypes
from collections.abc import Awaitable, Callable, MutableMapping
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


class Bestand:
    """One file as it is sent: body, its gzip copy (text only) and its content type."""

    def __init__(self, pad: Path) -> None:
        self.body = pad.read_bytes()
        soort = mimetypes.guess_type(pad.name)[0] or "application/octet-stream"
        if soort.startswith("text/") or soort in ("application/javascript", "application/json", "image/svg+xml"):
            soort += "; charset=utf-8"
        self.type = soort.encode()
        self.gz = gzip.compress(self.body, GZIP_NIVEAU, mtime=0) if pad.suffix in TEKST else None


class StatischUitGeheugen:
    """ASGI middleware: GET and HEAD of a file in `map`/static from memory, the rest to `app`.

    Only names that exist when the server starts are served (a fixed set: no path is ever joined from
    the request, so no traversal). A file is read on its first request and kept."""

    def __init__(self, app: ASGIApp, map: str | Path, prefix: str = "/static/") -> None:
        self.app = app
        root = Path(map) / "static"  # served as `prefix` (/static/, or /<server.baseUrlPath>/static/)
        self._paden = (
            {prefix + p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}
            if root.is_dir()
            else {}
        )
        self._geladen: dict[str, asyncio.Future[Bestand]] = {}

    async def bestand(self, pad: str) -> Bestand | None:
        """The file for URL path `pad`, read (and compressed) once, off the event loop; None if unknown.

        Forty visitors who ask for the same file at once share one read."""
        if pad not in self._paden:
            return None
        taak = self._geladen.get(pad)
        if taak is None:
            taak = self._geladen[pad] = asyncio.ensure_future(asyncio.to_thread(Bestand, self._paden[pad]))
        try:
            return await taak
        except OSError:  # gone or unreadable: forget it, Streamlit answers as it would
            self._geladen.pop(pad, None)
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
            (b"cache-control", CACHE_CONTROL),
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


def middleware(basis_url: str = "") -> list[Middleware]:
    """The middleware list for ``st.App(..., middleware=...)``; `basis_url` is server.baseUrlPath."""
    basis = basis_url.strip("/")
    return [Middleware(StatischUitGeheugen, map=streamlit_map(), prefix=f"/{basis}/static/" if basis else "/static/")]
