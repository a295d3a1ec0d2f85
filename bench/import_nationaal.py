"""Import of the whole national table 50120NED: our import against a plain pyarrow scan of the same file.

    python bench/import_nationaal.py [--runs 5] [--regios 17700] [--bewaar PAD]

Writes a synthetic StatLine CSV of the real shape to a temporary folder (deleted afterwards; never
shipped): NL01, about 350 gemeenten with their wijken and buurten (Capelle with its real codes),
4 periods x 3 age groups x 3 margin rows per region, the table's key and label columns, and 40
indicator columns (the four loneliness columns among them), padded keys, quoted texts and '.' for
suppressed values. Then, each in a fresh process and alternating, ``--runs`` times:

- import: ``lib.cijfers.rivm_lezen.lees`` (stream, keep, validate into the long table);
- reference: ``pyarrow.csv.read_csv`` of the whole file at once (all cores), only the columns the
  import uses, as text, then a filter on the same regions (NL01, every gemeente, the gemeente's
  wijken and buurten): reading and filtering with nothing else;
- with ``--naief`` also the naive scan: every column, with pyarrow's type inference (context only).

Reports the median wall time and peak RSS (ru_maxrss of that process) of both, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402

from lib.cijfers import rivm_lezen  # noqa: E402
from lib.cijfers.rivm import KOLOMMEN, bewaar_patroon  # noqa: E402
from lib.kern.getallen import getal  # noqa: E402

GEMEENTE = "GM0502"
PERIODEN = ("2016JJ00", "2018JJ00", "2020JJ00", "2022JJ00")
LEEFTIJDEN = ("20300", "53115", "80200")
MARGES = (("MW00000", 0), ("MOG0095", -1), ("MBG0095", 1))
EENZAAM = ("Eenzaam_27", "ErnstigZeerErnstigEenzaam_28", "EmotioneelEenzaam_29", "SociaalEenzaam_30")
# 40 indicator columns as the table has them: health topics around the four loneliness columns.
ANDERE = [f"Indicator_{i}" for i in range(4, 40)]
INDICATOREN = ANDERE[:23] + list(EENZAAM) + ANDERE[23:]
KOP = ["ID", "WijkenEnBuurten", "Perioden", "Leeftijd", "Marges", "Gemeentenaam_1", "SoortRegio_2", "Codering_3"]


def regios(aantal: int) -> list[tuple[str, str, str]]:
    """(code, soort, gemeentenaam): NL01, the configured gemeente with its real wijken and buurten, then other
    gemeenten (even numbers) each with 9 wijken and 36 buurten, up to ``aantal`` regions. The configured
    gemeente is always there whole, so even a tiny file has rows to keep."""
    capelle_w = pd.read_csv(ROOT / "data" / "wijken.csv", dtype=str)["wijk_code"].tolist()
    capelle_b = pd.read_csv(ROOT / "data" / "buurten.csv", dtype=str)["buurt_code"].tolist()
    naam = "Capelle aan den IJssel"
    out = [("NL01", "Land", "Nederland"), (GEMEENTE, "Gemeente", naam)]
    out += [(w, "Wijk", naam) for w in capelle_w] + [(b, "Buurt", naam) for b in capelle_b]
    n = 2
    while len(out) < aantal:
        code = f"GM{n:04d}"
        n += 2
        if code == GEMEENTE:
            continue
        naam = f"Gemeente {int(code[2:])}"
        out.append((code, "Gemeente", naam))
        for w in range(1, 10):
            out.append((f"{code.replace('GM', 'WK')}{w:02d}", "Wijk", naam))
            out += [(f"{code.replace('GM', 'BU')}{w:02d}{b:02d}", "Buurt", naam) for b in range(1, 5)]
    return out[: max(aantal, len(capelle_w) + len(capelle_b) + 2)]


def write_file(path: Path, aantal: int, seed: int = 50120) -> int:
    """Write the synthetic national CSV in blocks of regions; returns the number of data rows."""
    rng = np.random.default_rng(seed)
    alle = regios(aantal)
    # Numbers as text through a lookup (0.0 .. 99.9), so the writer needs no float formatting.
    getallen = pa.array([f"{i / 10:>7.1f}" for i in range(1000)])  # right-aligned, as StatLine pads
    per_regio = len(PERIODEN) * len(LEEFTIJDEN) * len(MARGES)
    rijen = 0
    with path.open("wb") as f:
        f.write(("\ufeff" + ";".join(f'"{k}"' for k in KOP + INDICATOREN) + "\r\n").encode("utf-8"))
        for start in range(0, len(alle), 2000):
            blok = alle[start : start + 2000]
            n = len(blok) * per_regio
            herhaal = np.repeat(np.arange(len(blok)), per_regio)
            codes = np.array([f'"{c:<10}"' for c, _, _ in blok], dtype=object)[herhaal]
            soort = np.array([f'"{s:<10}"' for _, s, _ in blok], dtype=object)[herhaal]
            naam = np.array([f'"{g:<40}"' for _, _, g in blok], dtype=object)[herhaal]
            binnen = np.tile(np.arange(per_regio), len(blok))
            marge = binnen % len(MARGES)
            kolommen = {
                "ID": pa.array(np.arange(rijen, rijen + n).astype(str)),
                "WijkenEnBuurten": pa.array(codes),
                "Perioden": pa.array(np.array(PERIODEN)[binnen // (len(MARGES) * len(LEEFTIJDEN))]),
                "Leeftijd": pa.array(np.array(LEEFTIJDEN)[(binnen // len(MARGES)) % len(LEEFTIJDEN)]),
                "Marges": pa.array(np.array([m for m, _ in MARGES])[marge]),
                "Gemeentenaam_1": pa.array(naam),
                "SoortRegio_2": pa.array(soort),
                "Codering_3": pa.array(codes),
            }
            # One estimate per region x period x age; bounds around it; about 3% suppressed ('.').
            for kolom in INDICATOREN:
                schatting = np.repeat(rng.integers(100, 900, n // len(MARGES)), len(MARGES))
                breedte = np.repeat(rng.integers(5, 60, n // len(MARGES)), len(MARGES))
                waarde = schatting + np.array([d for _, d in MARGES])[marge] * breedte
                tekst = getallen.take(pa.array(waarde))
                weg = np.repeat(rng.random(n // len(MARGES)) < 0.03, len(MARGES))
                kolommen[kolom] = pc.if_else(pa.array(weg), pa.scalar("       ."), tekst)
            # Join the cells with ';' and end each line with CRLF; the joined array's data buffer is the text.
            regels = pc.binary_join_element_wise(*kolommen.values(), ";")
            regels = pc.binary_join_element_wise(regels, pa.array([""] * n), "\r\n")
            offsets = regels.buffers()[1].to_pybytes()
            einde = int(np.frombuffer(offsets, dtype=np.int32)[n])
            f.write(regels.buffers()[2].to_pybytes()[:einde])
            rijen += n
    return rijen


def _child(kind: str, path: str) -> None:
    """Runs in a fresh process: one measurement, printed as JSON."""
    start = time.perf_counter()
    if kind == "import":
        result = rivm_lezen.lees(Path(path), GEMEENTE)
        kept = result.bewaard
        cijfers = len(result.cijfers)
    else:
        options = {}
        if kind == "referentie":  # the floor: the columns we use, as text, whole file at once, all cores
            kolommen = ["WijkenEnBuurten", "Perioden", "Leeftijd", "Marges", "Gemeentenaam_1", *KOLOMMEN]
            options["convert_options"] = pacsv.ConvertOptions(
                include_columns=kolommen, column_types={k: pa.string() for k in kolommen}
            )
        table = pacsv.read_csv(path, parse_options=pacsv.ParseOptions(delimiter=";"), **options)
        regio = pc.utf8_trim_whitespace(table.column("WijkenEnBuurten"))
        kept_table = table.filter(pc.match_substring_regex(regio, bewaar_patroon(GEMEENTE)))
        kept = kept_table.num_rows
        cijfers = None
    seconds = time.perf_counter() - start
    peak_mb = _peak_mb()
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "kept": kept, "cijfers": cijfers}))


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM (reset by exec, unlike ru_maxrss after a fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(kind: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _baseline_mb() -> float:
    """Peak RSS of a process that only imports what the import imports (pandas, pyarrow), for context."""
    code = "import pyarrow.csv, pandas, lib.cijfers.rivm, bench.import_nationaal as b; print(b._peak_mb())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--regios", type=int, default=17700, help="number of regions (NL, gemeenten, wijken, buurten)")
    parser.add_argument("--bewaar", default=None, help="keep the generated file at this path (default: deleted)")
    parser.add_argument("--naief", action="store_true", help="also measure reading every column with type inference")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.bewaar) if args.bewaar else Path(tmp) / "50120NED_landelijk.csv"
        t = time.perf_counter()
        rows = write_file(path, args.regios)
        size_mb = path.stat().st_size / 1024 / 1024
        print(
            f"Synthetisch landelijk bestand: {getal(rows)} rijen, {getal(size_mb)} MB, {len(INDICATOREN)} indicatorkolommen "
            f"(gemaakt in {getal(time.perf_counter() - t, 1)} s)"
        )
        print(f"CPU-kernen: {os.cpu_count()}; alleen importeren van pandas+pyarrow: {getal(_baseline_mb())} MB piek")
        results: dict[str, list[dict]] = {"import": [], "referentie": []}
        if args.naief:
            results["naief"] = []
        for i in range(args.runs):
            for kind in results:
                results[kind].append(_measure(kind, path))
            print(
                f"  run {i + 1}: " + ", ".join(f"{k} {getal(v[-1]['seconds'], 2)} s" for k, v in results.items()),
                flush=True,
            )
    med = {
        k: (statistics.median(r["seconds"] for r in v), statistics.median(r["peak_mb"] for r in v))
        for k, v in results.items()
    }
    first = results["import"][0]
    print(
        f"Bewaard: {getal(first['kept'])} rijen, {getal(first['cijfers'])} cijfers (referentie: "
        f"{getal(results['referentie'][0]['kept'])} rijen)"
    )
    print(f"{'':12} {'tijd (mediaan)':>15} {'piek RSS (mediaan)':>19}")
    for k, (s, mb) in med.items():
        print(f"{k:12} {getal(s, 2):>13} s {getal(mb):>16} MB")
    ratio = med["import"][0] / med["referentie"][0]
    print(
        f"verhouding import / referentie: {getal(ratio, 2)}x de tijd, {getal(med['import'][1] / med['referentie'][1], 2)}x "
        "het geheugen"
    )
    print(
        f"doel: tijd <= 2x: {'gehaald' if ratio <= 2 else 'NIET gehaald'}; piek < 500 MB: "
        f"{'gehaald' if med['import'][1] < 500 else 'NIET gehaald'}"
    )


if __name__ == "__main__":
    main()
