"""The national import benchmark runs as the README says, on a tiny file, and reports what it measured."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import import_nationaal as b

ROOT = Path(__file__).resolve().parents[1]


def _kept(stdout: str) -> tuple[int, int]:
    """(rows kept by the import, rows kept by the reference) from the 'Bewaard:' line."""
    m = re.search(r"Bewaard: ([\d.]+) rijen, ([\d.]+) cijfers \(referentie: ([\d.]+) rijen\)", stdout)
    assert m, stdout
    return int(m.group(1).replace(".", "")), int(m.group(3).replace(".", ""))


@pytest.mark.parametrize("start", [["bench/import_nationaal.py"], ["-m", "bench.import_nationaal"]])
def test_benchmark_runs_on_a_small_file_and_reports(start, tmp_path):
    # 300 regions: far fewer than the 250 gemeenten before GM0502 in code order, so Capelle must be put in on purpose.
    out = subprocess.run(
        [sys.executable, *start, "--runs", "1", "--regios", "300"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path), "HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert re.search(r"Synthetisch landelijk bestand: 10\.800 rijen", out.stdout), out.stdout  # 300 x 36
    import_rows, reference_rows = _kept(out.stdout)
    # NL01, GM0502 with its 9 wijken and 79 buurten, and one row per other gemeente (each 36 rows).
    assert import_rows == reference_rows
    assert import_rows >= (1 + 1 + 9 + 79 + 1) * 36
    assert re.search(r"^import\s+\d+,\d\d s\s+\d+ MB$", out.stdout, re.M), out.stdout
    assert re.search(r"^referentie\s+\d+,\d\d s\s+\d+ MB$", out.stdout, re.M), out.stdout
    assert re.search(r"verhouding import / referentie: \d+,\d\dx de tijd", out.stdout), out.stdout
    assert "doel: tijd <= 2x:" in out.stdout
    assert list(tmp_path.iterdir()) == []  # the generated file is gone


def test_small_region_counts_still_hold_the_whole_configured_gemeente():
    for aantal in (2, 91, 300, 1000):
        codes = [c for c, _, _ in b.regios(aantal)]
        assert codes[0] == "NL01"
        assert "GM0502" in codes
        assert sum(c.startswith("WK0502") for c in codes) == 9
        assert sum(c.startswith("BU0502") for c in codes) == 79
        assert len(codes) == max(aantal, 90)
