"""Time every registered page with AppTest against an empty one-line page, in the same run.

    python bench/pages.py [--runs 20]

Per page: one warm-up run (fills the caches, as a real server has them), then the median of
--runs reruns of the same AppTest session. The ratio is page / empty page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

EMPTY_PAGE = 'import streamlit as st\nst.write("leeg")\n'


def median_rerun(at: AppTest, runs: int) -> float:
    at.run()  # warm-up
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def time_empty(runs: int) -> float:
    return median_rerun(AppTest.from_string(EMPTY_PAGE, default_timeout=60), runs)


def time_page(bestand: str, runs: int, query: dict | None = None) -> float:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    if bestand != "views/overzicht.py":
        at.switch_page(bestand)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return median_rerun(at, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("MEER_SAMEN_DATA_DIR", tempfile.mkdtemp(prefix="bench-"))
    from lib.kern.navigation import PAGES

    empty = time_empty(args.runs)
    print(f"{'pagina':<28} {'mediaan (ms)':>13} {'x leeg':>8}")
    print(f"{'(lege pagina)':<28} {empty * 1000:>13.1f} {1.0:>8.1f}")
    # Pages that need a choice in the URL to show their content are timed with one.
    queries = {"wijk": {"wijk": "WK050207"}}
    for spec in PAGES:
        t = time_page(spec.bestand, args.runs, queries.get(spec.url_path))
        print(f"{spec.url_path or '/':<28} {t * 1000:>13.1f} {t / empty:>8.1f}")
    t = time_page("views/kaart.py", args.runs, {"niveau": "buurt"})
    print(f"{'kaart?niveau=buurt':<28} {t * 1000:>13.1f} {t / empty:>8.1f}")


if __name__ == "__main__":
    main()
