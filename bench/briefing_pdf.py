"""The briefing PDF: the first request for a content against the second, identical one.

    python bench/briefing_pdf.py [--runs 5]

First: a briefing the cache has not seen (another date each run), made in the PDF process.
Second: the same briefing again, from another (equal) view model, as a second visitor asks it.
Medians of --runs, and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from lib.briefing import bouwen
    from lib.cijfers import loaders
    from lib.ui import pdfmaker

    tabellen = (loaders.load_figures(), loaders.load_wijken(), loaders.load_gemeente(), loaders.load_wijk_geojson())

    def inp(datum: date):
        return bouwen.build_briefing(*tabellen, None, datum)

    pdfmaker.pdf_for(inp(date(2000, 1, 1)))  # warm-up: start the PDF process, load fonts and Vega
    eerste, tweede = [], []
    for i in range(args.runs):
        datum = date(2026, 1, 1) + timedelta(days=i)
        nieuw, gelijk = inp(datum), inp(datum)  # built outside the timer: the page builds it anyway
        t = time.perf_counter()
        pdfmaker.pdf_for(nieuw)
        eerste.append(time.perf_counter() - t)
        t = time.perf_counter()
        pdfmaker.pdf_for(gelijk)
        tweede.append(time.perf_counter() - t)
    m1, m2 = statistics.median(eerste), statistics.median(tweede)
    print(f"eerste PDF (nieuw): {m1 * 1000:.0f} ms; tweede, gelijke PDF: {m2 * 1000:.1f} ms; verhouding {m1 / m2:.0f}x")


if __name__ == "__main__":
    main()
