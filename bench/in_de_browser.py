"""A cold visit in Chromium: how long until the /kaart map is on screen, against the bare app's finished time.

    python bench/in_de_browser.py [--keer 5] [--pagina kaart]

Each visit is a fresh browser context (an empty cache, as for a council member who opens the link for
the first time), on the same machine as the servers. Measured in the page itself (performance.now(),
from the start of navigation; a MutationObserver notes each moment, so no polling delay):
- bare one-line app: until its script has finished (the page is complete);
- Meer Samen: until its script has finished; until the map's picture is on screen (lib.kaart.plaat, the
  image that holds the map's place: decoded and two animation frames later) and until deck.gl's canvas is
  on screen (a canvas of full size and two animation frames later: it has drawn its first frame).
Reported: the median of --keer visits each, and the ratios against the bare app.

``bestanden(port, pad)`` also lists what a cold visit fetches over HTTP (the page, Streamlit's
scripts, styles and fonts); bench/bezoekers.py replays that list for its simulated visitors.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bezoekers import BARE_APP, start_single  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# Notes in window.__bezoek when the script runs and has finished, and when the map's picture and
# deck.gl's canvas are on screen: two animation frames after the picture is decoded, or after the canvas
# has its size (painted). The observer only looks elements up (no layout is forced while the page loads).
MOMENTEN = """
window.__bezoek = {};
(() => {
  const t = window.__bezoek, mark = (k) => { if (!(k in t)) t[k] = performance.now(); };
  const na_twee_frames = (k) => { if (!(k + '_' in t)) { t[k + '_'] = 1;
    requestAnimationFrame(() => requestAnimationFrame(() => mark(k))); } };
  new MutationObserver(() => {
    const app = document.querySelector('[data-testid=stApp]');
    const staat = app && app.getAttribute('data-test-script-state');
    if (staat === 'running') mark('bezig');
    if (t.bezig !== undefined && staat === 'notRunning' && document.querySelector('[data-testid=stElementContainer]'))
      mark('klaar');
    const p = !('plaat_gezien_' in t) && document.querySelector('.st-key-kaart_map_vlak img');
    if (p) { t.plaat_gezien_ = 1; p.decode().then(() => na_twee_frames('plaat'), () => {}); }
    const c = document.querySelector('[data-testid=stDeckGlJsonChart] canvas');
    if (c && c.width >= 100 && c.height >= 100) na_twee_frames('kaart');
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def _bezoek(browser, url: str, kaart: bool) -> tuple[dict[str, float], list[str]]:
    """One cold visit: seconds from navigation to 'klaar' (script finished) and, with `kaart`, to 'plaat'
    (the map's picture on screen) and 'kaart' (deck.gl's canvas drawn); and the HTTP paths fetched."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.add_init_script(MOMENTEN)
    paden: list[str] = []

    def opgevraagd(request) -> None:
        deel = urlsplit(request.url)
        if request.resource_type != "websocket" and deel.scheme.startswith("http"):
            paden.append(deel.path + (f"?{deel.query}" if deel.query else ""))

    page.on("request", opgevraagd)
    try:
        page.goto(url, wait_until="commit")
        wacht_op = ["klaar", "kaart"] if kaart else ["klaar"]
        page.wait_for_function(
            f"() => {json.dumps(wacht_op)}.every(k => k in window.__bezoek)", timeout=60_000, polling=100
        )
        page.wait_for_timeout(1000)  # what the page still fetches after its run (lazy chunks, fonts)
        momenten = page.evaluate("window.__bezoek")
        return {k: v / 1000 for k, v in momenten.items() if not k.endswith("_")}, list(paden)
    finally:
        context.close()


def bestanden(port: int, pad: str) -> list[str]:
    """The HTTP paths a cold visit to /pad fetches (page, scripts, styles, fonts; no websocket)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            return _bezoek(browser, f"http://127.0.0.1:{port}/{pad}", kaart=False)[1]
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
            kale, app_momenten = [], []
            for _ in range(args.keer):  # alternate, so both see the same machine
                kale.append(_bezoek(browser, f"http://127.0.0.1:{kaal.port}/", False)[0]["klaar"])
                app_momenten.append(_bezoek(browser, f"http://127.0.0.1:{app.port}/{args.pagina}", True)[0])
            browser.close()
    finally:
        kaal.stop()
        app.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    m_kaal = statistics.median(kale)
    print(f"\nKoud bezoek in Chromium, mediaan van {args.keer} (1366x768)\n")
    print("| meting | seconden | t.o.v. kale app klaar |")
    print("| --- | --- | --- |")
    print(f"| kale app: script klaar | {m_kaal:.2f} | 1,00x |".replace(".", ",", 1))
    for sleutel, naam in [
        ("klaar", "script klaar"),
        ("plaat", "kaart als plaatje op het scherm"),
        ("kaart", "interactieve kaart getekend (deck.gl)"),
    ]:
        waarden = [m[sleutel] for m in app_momenten if sleutel in m]
        if len(waarden) < len(app_momenten):
            print(f"| /{args.pagina}: {naam} | niet bij elk bezoek gezien ({len(waarden)} van {len(app_momenten)}) | |")
            continue
        m = statistics.median(waarden)
        print(f"| /{args.pagina}: {naam} | {m:.2f} | {m / m_kaal:.2f}x |".replace(".", ",").replace(",gl", ".gl"))


if __name__ == "__main__":
    main()
