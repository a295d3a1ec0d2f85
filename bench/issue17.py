"""Time the pages issue 17 changed against an empty page, in the same run (bench/pages.py's method).

    python bench/issue17.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import time_empty, time_page  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("MEER_SAMEN_DATA_DIR", tempfile.mkdtemp(prefix="bench-"))
    empty = time_empty(args.runs)
    print(f"{'pagina':<34} {'mediaan (ms)':>13} {'x leeg':>8}")
    print(f"{'(lege pagina)':<34} {empty * 1000:>13.1f} {1.0:>8.1f}")
    for label, bestand, query in (
        ("plan", "views/plan.py", None),
        ("personas", "views/personas.py", None),
        ("personas?thema=3", "views/personas.py", {"thema": "3"}),
        ("wijk?wijk=WK050207", "views/wijk.py", {"wijk": "WK050207"}),
        ("wijk?gebied=schollevaar", "views/wijk.py", {"gebied": "schollevaar"}),
    ):
        t = time_page(bestand, args.runs, query)
        print(f"{label:<34} {t * 1000:>13.1f} {t / empty:>8.1f}")


if __name__ == "__main__":
    main()
