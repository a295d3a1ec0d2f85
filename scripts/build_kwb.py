"""Build data/kwb2024.csv: who lives where, per gemeente, wijk and buurt (CBS Kerncijfers 2024).

Run from the repository root:  python scripts/build_kwb.py [--shared ../shared/data]

Input: the CBS StatLine exports of table 85984NED in ../shared/data/kwb2024/ (see its
PROVENANCE.md): the file with codes, inhabitants, men/women and five age groups, and the file with
origin (herkomstland Nederland / Europa / buiten Europa), which has names but no codes. The two are
joined by row position inside the Capelle block; the script stops when a name or an inhabitant
count differs between them, so a wrong join cannot slip through.

Output (committed): one row per region with regio_code, regio_naam, soort (gemeente/wijk/buurt),
inwoners, mannen, vrouwen, the five age groups and the three origin groups, all counts as CBS
publishes them (wijk and buurt counts rounded to multiples of 5). An empty cell means CBS
published no figure ('.'); it is never read as 0.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a file from the repository root: import the project's lib

from lib.cijfers.kwb import TELLINGEN  # noqa: E402

COLUMNS = ["regio_code", "regio_naam", "soort", *TELLINGEN]  # the columns lib.cijfers.kwb reads
LEEFTIJD_FILE = "capelle_kwb2024_85984NED_bevolking_leeftijd_wijk_buurt.csv"
HERKOMST_FILE = "capelle_kwb2024_85984NED_herkomst_wijk_buurt.csv"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    return [[cell.strip() for cell in row] for row in rows[1:] if row]


def _count(cell: str) -> str:
    """CBS writes '.' for 'no figure': keep it empty, never 0."""
    cell = cell.strip()
    if cell in ("", "."):
        return ""
    return str(int(cell))


def build(shared: Path) -> list[dict]:
    leeftijd = _rows(shared / "kwb2024" / LEEFTIJD_FILE)
    herkomst = _rows(shared / "kwb2024" / HERKOMST_FILE)
    if len(leeftijd) != len(herkomst):
        raise SystemExit(f"Ongelijk aantal rijen: {len(leeftijd)} tegen {len(herkomst)}")
    out = []
    for i, (a, b) in enumerate(zip(leeftijd, herkomst, strict=True), start=2):
        if a[0] != b[0] or a[5] != b[2]:
            raise SystemExit(f"Rij {i}: naam of inwonertal verschilt ({a[0]!r}/{b[0]!r}, {a[5]}/{b[2]})")
        out.append(
            {
                "regio_code": a[3],
                "regio_naam": a[0],
                "soort": a[2].lower(),
                "inwoners": _count(a[5]),
                "mannen": _count(a[6]),
                "vrouwen": _count(a[7]),
                "leeftijd_0_15": _count(a[8]),
                "leeftijd_15_25": _count(a[9]),
                "leeftijd_25_45": _count(a[10]),
                "leeftijd_45_65": _count(a[11]),
                "leeftijd_65_plus": _count(a[12]),
                "herkomst_nederland": _count(b[3]),
                "herkomst_europa": _count(b[4]),
                "herkomst_buiten_europa": _count(b[5]),
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    rows = build(args.shared)
    with (ROOT / "data" / "kwb2024.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    per_soort = {s: sum(r["soort"] == s for r in rows) for s in ("gemeente", "wijk", "buurt")}
    print(f"{len(rows)} regio's geschreven naar data/kwb2024.csv: {per_soort}")


if __name__ == "__main__":
    main()
