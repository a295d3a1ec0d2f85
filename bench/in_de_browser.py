"""A cold visit in Chromium: how long until the /kaart map is on screen, against the bare app's finished time.

    python bench/in_de_browser.py [--keer 5] [--pagina kaart]

Each visit is a fresh browser context (an empty cache, as for a council member who opens the link for
the first time), on the same machine as the servers. Measured from the start of navigation:
- bare one-line app: until its script has finished (the page is complete);
- Meer Samen: until its script has finished, and until the map's canvas is on screen (deck.gl has a
  canvas of full size and two animation frames have passed: it has drawn its first frame).
Reported: the median of --keer visits each, and the ratios against the bare app.

``bestanden(port, pad)`` also lists what a cold visit fetches over HTTP (the page, Streamlit's
scripts, styles and fonts); bench/bezoekers.py replays that list for its simulated visitors.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bezoekers import BARE_APP, start_single  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

KLAAR = "[data-testid=stApp][data-test-script-state=notRunning]"
KAART_GETEKEND = """() => {
  const c = document.querySelector('[data-testid=stDeckGlJsonChart] canvas');
  if (!c || c.width < 100 || c.height < 100) return false;
  return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));
}"""


def _bezoek(browser, url: str, kaart: bool) -> tuple[float, float | None, list[str]]:
    """One cold visit: (seconds to script finished, seconds to map drawn or None, HTTP paths fetched)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    paden: list[str] = []

    def opgevraagd(request) -> None:
        deel = urlsplit(request.url)
        if request.resource_type != "websocket" and deel.scheme.startswith("http"):
            paden.append(deel.path + (f"?{deel.query}" if deel.query else ""))

    page.on("request", opgevraagd)
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        # The app starts as notRunning before its first run: wait for the first element, then for the end.
        page.wait_for_selector("[data-testid=stApp] [data-testid=stElementContainer]", timeout=60_000)
        page.wait_for_selector(KLAAR, timeout=60_000)
        klaar = time.perf_counter() - start
        getekend = None
        if kaart:
            page.wait_for_function(KAART_GETEKEND, timeout=60_000, polling="raf")
            getekend = time.perf_counter() - start
        page.wait_for_timeout(1000)  # what the page still fetches after its run (lazy chunks, fonts)
        return klaar, getekend, list(paden)
    finally:
        context.close()


def bestanden(port: int, pad: str) -> list[str]:
    """The HTTP paths a cold visit to /pad fetches (page, scripts, styles, fonts; no websocket)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            return _bezoek(browser, f"http://127.0.0.1:{port}/{pad}", kaart=False)[2]
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keer", type=int, default=5, help="koude bezoeken per server (mediaan)")
    parser.add_argument("--pagina", default="kaart")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium ontbreekt ({CHROMIUM}): apt-get install chromium")
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="browser-bezoek-"))
    (workdir / "kaal" / ".streamlit").mkdir(parents=True)
    (workdir / "kaal" / "kaal.py").write_text(BARE_APP)
    shutil.copy(ROOT / ".streamlit" / "config.toml", workdir / "kaal" / ".streamlit" / "config.toml")
    kaal = start_single(workdir / "kaal" / "kaal.py", workdir / "kaal")
    app = start_single(ROOT / "server.py", workdir / "app")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            _bezoek(browser, f"http://127.0.0.1:{kaal.port}/", False)  # warm-up: the servers' own caches
            _bezoek(browser, f"http://127.0.0.1:{app.port}/{args.pagina}", True)
            kale, klaar, kaart = [], [], []
            for _ in range(args.keer):  # alternate, so both see the same machine
                kale.append(_bezoek(browser, f"http://127.0.0.1:{kaal.port}/", False)[0])
                k, g, _paden = _bezoek(browser, f"http://127.0.0.1:{app.port}/{args.pagina}", True)
                klaar.append(k)
                kaart.append(g)
            browser.close()
    finally:
        kaal.stop()
        app.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    m_kaal, m_klaar, m_kaart = (statistics.median(x) for x in (kale, klaar, kaart))
    print(f"\nKoud bezoek in Chromium, mediaan van {args.keer} (1366x768)\n")
    print("| meting | seconden | t.o.v. kale app klaar |")
    print("| --- | --- | --- |")
    print(f"| kale app: script klaar | {m_kaal:.2f} | 1.0x |")
    print(f"| /{args.pagina}: script klaar | {m_klaar:.2f} | {m_klaar / m_kaal:.1f}x |")
    print(f"| /{args.pagina}: kaart op het scherm | {m_kaart:.2f} | {m_kaart / m_kaal:.1f}x |")


if __name__ == "__main__":
    main()
