"""Load test at the protocol level: N visitors open a page at the same moment, as browsers do.

    python bench/bezoekers.py [--aantallen 1 10 40] [--pagina kaart] [--query "niveau=wijk"]
                              [--workers 0] [--herhaal 3]

Each simulated visitor opens Streamlit's websocket (``/_stcore/stream``), asks for a script run of
the page with its query string (a ``BackMsg`` with ``rerun_script``, Streamlit's own protobuf
messages) and waits for ``script_finished``. That is a cold visit: a new session, the same work the
server does for a browser, without a browser on this 2-core machine eating the CPU we measure.

Reported per N, for the real app (``streamlit run server.py``, as the README starts it) and, in the
same run, for two bare one-line apps under the same N: one served the standard way (``streamlit run
kaal.py``) and one behind the same wrapper as the app (Streamlit's frontend files from memory,
lib.kern.statisch): p50, p95 and max of the time to finished, the server's CPU seconds per visit (from
/proc/<pid>/stat, all server processes together) and the servers' resident memory. With
``--workers 2`` the real app runs as two processes behind HAProxy (``scripts/serve``), so the
figures show what a second worker buys.

Bounded: at most 200 visitors a round, a 120 s limit per visit, traffic only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE_APP = 'import streamlit as st\n\nst.write("Hallo")\n'
BARE_SERVER = """import sys

sys.path.insert(0, {root!r})

import streamlit as st  # noqa: E402

from lib.kern import statisch  # noqa: E402

app = st.App("kaal.py", middleware=statisch.middleware())
"""
KAAL_ZELFDE = "kale app, zelfde opstelling (server.py)"
MAX_VISITORS = 200
VISIT_TIMEOUT = 120.0
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port: int, timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server op poort {port} kwam niet op")


@dataclass
class Server:
    """One or more Streamlit processes (and maybe a proxy) that answer on `port`."""

    port: int
    processes: list[subprocess.Popen]
    app_pids: list[int]
    workdir: Path

    def cpu_seconds(self) -> float:
        total = 0.0
        for pid in self.app_pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime
        return total

    def rss_mib(self) -> float:
        total = 0
        for pid in self.app_pids:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        return total / 1024

    def stop(self) -> None:
        for p in self.processes:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.processes:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


def start_streamlit(script: Path, port: int, data_dir: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "MEER_SAMEN_DATA_DIR": str(data_dir),
        "MEER_SAMEN_DB": str(data_dir / "app.sqlite3"),
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    log = (data_dir / f"server-{port}.log").open("w")
    return subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(script),
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
        ],
        cwd=script.parent, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def start_single(script: Path, workdir: Path) -> Server:
    port = free_port()
    proc = start_streamlit(script, port, workdir)
    wait_healthy(port)
    return Server(port, [proc], [proc.pid], workdir)


def start_workers(workers: int, workdir: Path) -> Server:
    """The real app behind HAProxy, started the way scripts/serve starts it."""
    port = free_port()
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "serve"), "--workers", str(workers), "--port", str(port), "--pid-dir", str(workdir)],
        env={**os.environ, "MEER_SAMEN_DATA_DIR": str(workdir), "MEER_SAMEN_DB": str(workdir / "app.sqlite3")},
        stdout=(workdir / "serve.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_healthy(port)
    end = time.monotonic() + 60
    pids: list[int] = []
    while time.monotonic() < end and (len(pids) < workers or not (workdir / "haproxy.pid").exists()):
        pids = [int(p.read_text()) for p in sorted(workdir.glob("worker-*.pid"))]
        time.sleep(0.2)
    # HAProxy's CPU counts too: it now serves the static files from its cache.
    return Server(port, [proc], [*pids, int((workdir / "haproxy.pid").read_text())], workdir)


async def visit(port: int, page: str, query: str) -> float:
    """One cold visit: open a session, run the page, wait for script_finished. Seconds."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    start = time.perf_counter()
    async with websockets.connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=VISIT_TIMEOUT,
        origin=f"http://127.0.0.1:{port}",
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        await ws.send(msg.SerializeToString())
        while True:
            raw = await ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            if fwd.WhichOneof("type") == "script_finished":
                if fwd.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RuntimeError(f"script eindigde met status {fwd.script_finished}")
                return time.perf_counter() - start
            if fwd.WhichOneof("type") == "page_not_found":
                raise RuntimeError(f"pagina /{page} niet gevonden")
            if fwd.WhichOneof("type") == "delta" and fwd.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(f"fout op de pagina: {fwd.delta.new_element.exception.message}")


async def fetch_files(port: int, paths: list[str]) -> None:
    """What a browser with an empty cache fetches before the websocket: the page, Streamlit's scripts,
    styles and fonts (as recorded from Chromium by bench/in_de_browser.bestanden), over up to six
    connections at a time, as a browser does. aiohttp (C parser, bodies not unpacked) costs the client
    about 0,7 ms per file; httpx cost 4 ms, so 40 visitors kept this 2-core machine busy with the client
    and the times measured the client, not the server."""
    import aiohttp

    connector = aiohttp.TCPConnector(limit=6)
    timeout = aiohttp.ClientTimeout(total=VISIT_TIMEOUT)
    async with aiohttp.ClientSession(
        f"http://127.0.0.1:{port}", connector=connector, timeout=timeout, auto_decompress=False
    ) as client:

        async def get(path: str) -> None:
            async with client.get(path, headers={"Accept-Encoding": "gzip, deflate, br"}) as r:
                await r.read()

        await asyncio.gather(*(get(p) for p in paths))


async def cold_visit(port: int, page: str, query: str, paths: list[str] | None) -> float:
    start = time.perf_counter()
    if paths:
        await fetch_files(port, paths)
    return time.perf_counter() - start + await visit(port, page, query)


async def round_of(port: int, n: int, page: str, query: str, paths: list[str] | None = None) -> list[float]:
    tasks = [asyncio.wait_for(cold_visit(port, page, query, paths), VISIT_TIMEOUT) for _ in range(n)]
    return list(await asyncio.gather(*tasks))


def verhouding(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "(onder de meetgrens van 10 ms)"


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


@dataclass
class Meting:
    naam: str
    n: int
    p50: float
    p95: float
    max: float
    cpu_per_bezoek: float
    rss_mib: float


def measure(
    server: Server, naam: str, n: int, page: str, query: str, herhaal: int, paths: list[str] | None = None
) -> Meting:
    """`herhaal` rounds of n simultaneous visits; times pooled, CPU as the median per visit."""
    times: list[float] = []
    cpu: list[float] = []
    for _ in range(herhaal):
        before = server.cpu_seconds()
        times += asyncio.run(round_of(server.port, n, page, query, paths))
        cpu.append((server.cpu_seconds() - before) / n)
    return Meting(naam, n, statistics.median(times), percentile(times, 95), max(times), statistics.median(cpu),
                  server.rss_mib())  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantallen", type=int, nargs="+", default=[1, 10, 40])
    parser.add_argument("--pagina", default="kaart", help="url-pad van de pagina, bijvoorbeeld kaart of wijk")
    parser.add_argument("--query", default="", help="querystring, bijvoorbeeld wijk=WK050207")
    parser.add_argument("--workers", type=int, default=0, help="ook meten met zoveel processen achter HAProxy")
    parser.add_argument("--herhaal", type=int, default=3, help="rondes per aantal (mediaan van de CPU)")
    parser.add_argument(
        "--alleen-script",
        action="store_true",
        help="alleen de websocket en de scriptrun; standaard haalt elke bezoeker eerst, als een browser met een "
        "lege cache, de pagina, scripts, stijlen en lettertypen op (lijst opgenomen met Chromium)",
    )
    args = parser.parse_args()
    if max(args.aantallen) > MAX_VISITORS:
        parser.error(f"hoogstens {MAX_VISITORS} bezoekers per ronde")

    workdir = Path(tempfile.mkdtemp(prefix="bezoekers-"))
    bare_script = workdir / "kaal" / "kaal.py"
    (workdir / "kaal" / ".streamlit").mkdir(parents=True)
    bare_script.write_text(BARE_APP)
    # The same server settings as the app (a fair baseline): Streamlit reads them from the cwd.
    shutil.copy(ROOT / ".streamlit" / "config.toml", workdir / "kaal" / ".streamlit" / "config.toml")
    # The same bare app behind the same frontend-from-memory wrapper as Meer Samen (server.py): what the
    # app's own pages cost on top of an equally served empty page.
    (workdir / "kaal-server" / ".streamlit").mkdir(parents=True)
    (workdir / "kaal-server" / "kaal.py").write_text(BARE_APP)
    (workdir / "kaal-server" / "server.py").write_text(BARE_SERVER.format(root=str(ROOT)))
    shutil.copy(ROOT / ".streamlit" / "config.toml", workdir / "kaal-server" / ".streamlit" / "config.toml")
    servers: list[tuple[str, Server, str]] = []
    try:
        servers.append(("kale app", start_single(bare_script, workdir / "kaal"), ""))
        servers.append((KAAL_ZELFDE, start_single(workdir / "kaal-server" / "server.py", workdir / "kaal-server"), ""))
        servers.append(("Meer Samen, 1 proces", start_single(ROOT / "server.py", workdir / "app"), args.pagina))
        if args.workers:
            if not shutil.which("haproxy"):
                sys.exit("HAProxy ontbreekt: apt-get install haproxy (Debian)")
            (workdir / "workers").mkdir()
            servers.append(
                (f"Meer Samen, {args.workers} processen", start_workers(args.workers, workdir / "workers"), args.pagina)
            )
        for _naam, server, page in servers:  # warm-up: the first visit to each process fills its caches
            for _ in range(max(1, len(server.app_pids) - 1)):
                asyncio.run(round_of(server.port, 1, page, args.query))
        files: dict[str, list[str] | None] = {}
        for naam, server, page in servers:
            if args.alleen_script:
                files[naam] = None
            else:
                from bench.in_de_browser import bestanden

                pad = page + (f"?{args.query}" if args.query and page else "")
                files[naam] = bestanden(server.port, pad)
        rows: list[Meting] = []
        for n in args.aantallen:
            for naam, server, page in servers:
                rows.append(measure(server, naam, n, page, args.query, args.herhaal, files[naam]))
        soort = "alleen de scriptrun" if args.alleen_script else (
            "koud bezoek: " + ", ".join(f"{naam} {len(f or [])} bestanden" for naam, f in files.items())
        )
        print(f"\nPagina /{args.pagina}{'?' + args.query if args.query else ''}, {args.herhaal} rondes per aantal; {soort}\n")
        print(
            "| server | N | p50 (s) | p95 (s) | max (s) | CPU per bezoek (s) | RSS (MiB) | p95 / kale app "
            "| CPU / kale app | p95 / kale app zelfde opstelling | CPU / kale app zelfde opstelling |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for m in rows:
            kaal = next(r for r in rows if r.n == m.n and r.naam == "kale app")
            zelfde = next(r for r in rows if r.n == m.n and r.naam == KAAL_ZELFDE)
            print(
                f"| {m.naam} | {m.n} | {m.p50:.3f} | {m.p95:.3f} | {m.max:.3f} | {m.cpu_per_bezoek:.3f} "
                f"| {m.rss_mib:.0f} | {m.p95 / kaal.p95:.2f}x | {verhouding(m.cpu_per_bezoek, kaal.cpu_per_bezoek)} "
                f"| {m.p95 / zelfde.p95:.2f}x | {verhouding(m.cpu_per_bezoek, zelfde.cpu_per_bezoek)} |"
            )
    finally:
        for _naam, server, _page in servers:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
