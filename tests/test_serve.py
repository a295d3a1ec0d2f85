"""scripts/serve: two Streamlit processes behind HAProxy answer real visits, stick to one process per
browser, share one database, and stop together. Skips only where HAProxy is absent and CI does not
require it (CI installs it)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from bench.bezoekers import free_port, visit, wait_healthy

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def served(tmp_path):
    if shutil.which("haproxy") is None:
        if os.environ.get("MEER_SAMEN_REQUIRE_BROWSER"):
            pytest.fail("HAProxy ontbreekt, maar CI vereist het (apt-get install haproxy)")
        pytest.skip("HAProxy not installed; install Debian 'haproxy' to test scripts/serve")
    port = free_port()
    env = {**os.environ, "MEER_SAMEN_DATA_DIR": str(tmp_path), "MEER_SAMEN_DB": str(tmp_path / "app.sqlite3")}
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "serve"), "--workers", "2", "--port", str(port), "--pid-dir", str(tmp_path)],
        env=env,
        start_new_session=True,
    )
    try:
        wait_healthy(port, timeout=120)
        yield port, proc, tmp_path
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


def test_two_workers_serve_pages_and_stop_together(served):
    port, proc, tmp_path = served
    pids = [int(p.read_text()) for p in sorted(tmp_path.glob("worker-*.pid"))]
    assert len(pids) == 2 and all(Path(f"/proc/{pid}").exists() for pid in pids)

    # A browser gets a cookie that keeps it on one process (sticky sessions).
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
        cookie = r.headers.get("Set-Cookie", "")
    assert cookie.startswith("MEER_SAMEN_WORKER=w") or cookie.startswith("MEERSAMEN_WORKER=w")

    # Real visits through the proxy run the page script to the end, on both processes (round robin).
    # In its own thread: Playwright's sync API may leave an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        times = pool.submit(asyncio.run, _visits(port, 4)).result(timeout=300)
    assert len(times) == 4 and all(t > 0 for t in times)

    # Streamlit's static files come from HAProxy's cache after the first request, one copy per encoding:
    # gzipped for a browser that asks for it, plain for one that does not, never mixed up.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
        pagina = r.read().decode()
    script = re.search(r"static/js/[^\"']+\.js", pagina).group(0)
    bodies: dict[str, set[bytes]] = {"gzip": set(), "": set()}
    for encoding in ["gzip", "", "gzip", ""]:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/{script}", headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request, timeout=10) as r:
            body = r.read()
            assert r.headers.get("Content-Encoding", "") == encoding
            bodies[encoding].add(gzip.decompress(body) if encoding else body)
            hit = r.headers.get("X-Meer-Samen-Cache")
    assert hit == "1"
    assert len(bodies["gzip"]) == 1 and bodies["gzip"] == bodies[""]

    # Both processes opened the one shared database (WAL: readers never block the writer).
    assert (tmp_path / "app.sqlite3").exists()

    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    end = time.monotonic() + 15
    while time.monotonic() < end and any(Path(f"/proc/{pid}").exists() for pid in pids):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in pids)


async def _visits(port: int, n: int) -> list[float]:
    return list(await asyncio.gather(*(visit(port, "kaart", "") for _ in range(n))))


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
