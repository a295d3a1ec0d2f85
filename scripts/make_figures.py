"""Build data/eenzaamheid.csv: the loneliness figures in one long table (after RIVM 50120NED).

Run from the repository root:  python scripts/make_figures.py [--shared ../shared/data]
(needs data/kwb2024.csv from scripts/build_kwb.py: the real CBS 2024 inhabitant counts).

Real rows
- Nederland (NL01): the national figures written on the RIVM pages (see ../shared/data/PROVENANCE.md).
- Capelle (GM0502), eenzaam: 47%, as the plan "Meer samen, minder eenzaam" states (RIVM). The plan
  gives no year; the row sits in period 2016 (the latest monitor before the plan) with that note.

Illustrative rows (illustratief = ja, bron = illustratief)
Loneliness per wijk and buurt is not available offline. This script makes a seeded stand-in
(numpy default_rng, SEED = 502, so every run writes the same file) that keeps the structure of
real small-area estimates, so no example can look odder than a real figure would:
- gemeente: "eenzaam" follows the national trend scaled by Capelle's 47/43 of the plan; the other
  indicators are fixed shares of it (ernstig as nationally, emotioneel 0.72 = 31/43 of 2016,
  sociaal 0.80, an assumption: the national page gives no usable figure), so (zeer) ernstig,
  emotioneel and sociaal eenzaam are always below eenzaam, never equal to it;
- each wijk has one fixed deviation (trends stay consistent); the inhabitant-weighted mean of the
  wijken equals the gemeente value; buurten scatter around their wijk;
- the 95% margin follows the real number of inhabitants (CBS 2024) of the age group:
  half-width = 1 + 150 / sqrt(inhabitants x age share), so it widens as the population shrinks
  (about 1,5 points for the gemeente, 2-4 for a wijk, 6-20 for a small buurt);
- buurten with fewer than DREMPEL_INWONERS (lib/cijfers/onderdrukking.py) real inhabitants get no
  figure at all, as RIVM publishes no estimate there.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a file from the repository root: import the project's lib

from lib.cijfers.loaders import FIGURE_COLUMNS as COLUMNS  # noqa: E402
from lib.cijfers.onderdrukking import DREMPEL_INWONERS  # noqa: E402
from lib.regio.codes import NEDERLAND  # noqa: E402

SEED = 502
PERIODEN = (2016, 2020, 2022)
LEEFTIJDEN = ("18+", "18-64", "65+")
INDICATOREN = ("eenzaam", "ernstig_eenzaam", "emotioneel_eenzaam", "sociaal_eenzaam")
# The national page labels mapped to our indicators; "matig eenzaam" has no column in 50120NED.
NATIONAL_LABELS = {
    "eenzaam (totaal)": "eenzaam",
    "(zeer) ernstig eenzaam": "ernstig_eenzaam",
    "ernstig eenzaam": "ernstig_eenzaam",
    "sterk eenzaam": "ernstig_eenzaam",
    "emotioneel eenzaam": "emotioneel_eenzaam",
    "sociaal eenzaam": "sociaal_eenzaam",
}
NATIONAL_SOURCE = {2016: "rivm_vzinfo_2016", 2020: "rivm_vzinfo_2020", 2022: "rivm_vzinfo_2022"}
# Plausible ranges across Dutch gemeenten (vzinfo 2022: 30-60% eenzaam, 6-23% (zeer) ernstig).
RANGE = {"eenzaam": (30, 60), "ernstig_eenzaam": (6, 23), "emotioneel_eenzaam": (18, 45), "sociaal_eenzaam": (25, 60)}
# Older people report somewhat more loneliness than the 18+ average, younger adults slightly less.
AGE_SHIFT = {"18+": 0.0, "18-64": -0.02, "65+": 0.07}


def national_rows(shared: Path) -> list[dict]:
    rows = []
    for r in csv.DictReader((shared / "reference_loneliness_national_vzinfo.csv").open(encoding="utf-8")):
        indicator = NATIONAL_LABELS.get(r["indicator"])
        if indicator is None:
            continue
        periode = int(r["year"])
        noot = "19 jaar en ouder" if r["age_group"].startswith("19") else ""
        rows.append(
            dict(
                regio_code=NEDERLAND,
                periode=periode,
                leeftijd="18+",
                indicator=indicator,
                waarde=float(r["value_pct"]),
                ondergrens="",
                bovengrens="",
                bron=NATIONAL_SOURCE[periode],
                illustratief=False,
                noot=noot,
            )
        )
    return rows


# Shares of "eenzaam" for the other indicators (see the docstring): always below 1.
EMOTIONEEL_DEEL, SOCIAAL_DEEL = 0.72, 0.80
# Rough share of the inhabitants in each age group (for the width of the margins only).
AGE_FRACTION = {"18+": 0.80, "18-64": 0.58, "65+": 0.22}


def eenzaam_levels(national: list[dict]) -> dict[int, float]:
    """Gemeente 'eenzaam' (18+) per period: the plan's 47% in 2016 and the national trend scaled to it."""
    nl = {(r["periode"], r["indicator"]): r["waarde"] for r in national}
    ratio = 47.0 / nl[(2016, "eenzaam")]
    return {periode: round(nl[(periode, "eenzaam")] * ratio, 1) for periode in PERIODEN}


def ernstig_deel(national: list[dict], periode: int) -> float:
    nl = {(r["periode"], r["indicator"]): r["waarde"] for r in national}
    return nl[(periode, "ernstig_eenzaam")] / nl[(periode, "eenzaam")]


def sub_values(eenzaam: float, delen: dict[str, float], rng: np.random.Generator) -> dict[str, float]:
    """The four indicators from 'eenzaam': each other one a share of it (a little noise), always
    at least 1 point below it."""
    out = {"eenzaam": eenzaam}
    for indicator, deel in delen.items():
        value = eenzaam * deel * (1 + rng.normal(0, 0.03))
        out[indicator] = min(value, eenzaam - 1.0)
    return out


def half_width(inwoners: int, leeftijd: str) -> float:
    """95% half-width from the real population of the age group: wider where fewer people live."""
    return round(1.0 + 150.0 / math.sqrt(max(inwoners * AGE_FRACTION[leeftijd], 1.0)), 1)


def row(code: str, periode: int, leeftijd: str, indicator: str, value: float, hw: float) -> dict:
    value = round(value, 1)
    return dict(
        regio_code=code,
        periode=periode,
        leeftijd=leeftijd,
        indicator=indicator,
        waarde=value,
        ondergrens=round(max(value - hw, 0.0), 1),
        bovengrens=round(min(value + hw, 100.0), 1),
        bron="illustratief",
        illustratief=True,
        noot="",
    )


def load_inwoners() -> dict[str, int]:
    """Real CBS 2024 inhabitants per region code (data/kwb2024.csv); an empty cell counts as 0."""
    path = ROOT / "data" / "kwb2024.csv"
    return {r["regio_code"]: int(r["inwoners"] or 0) for r in csv.DictReader(path.open(encoding="utf-8"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)

    wijken = list(csv.DictReader((ROOT / "data" / "wijken.csv").open(encoding="utf-8")))
    buurten = list(csv.DictReader((ROOT / "data" / "buurten.csv").open(encoding="utf-8")))
    inwoners = load_inwoners()
    weights = np.array([inwoners[w["wijk_code"]] for w in wijken], dtype=float)
    weights /= weights.sum()
    # One relative deviation per wijk, fixed across periods and indicators, centred so that
    # the inhabitant-weighted mean is zero.
    wijk_dev = rng.normal(0, 0.09, len(wijken))
    wijk_dev -= (weights * wijk_dev).sum()
    buurt_dev = {}
    for wijk in wijken:
        codes = [b["buurt_code"] for b in buurten if b["wijk_code"] == wijk["wijk_code"]]
        devs = rng.normal(0, 0.08, len(codes))
        buurt_dev.update(zip(codes, devs - devs.mean(), strict=True))
    suppressed = {b["buurt_code"] for b in buurten if inwoners.get(b["buurt_code"], 0) < DREMPEL_INWONERS}

    national = national_rows(args.shared)
    rows = list(national)
    levels = eenzaam_levels(national)
    for periode, level in levels.items():
        delen = {
            "ernstig_eenzaam": ernstig_deel(national, periode),
            "emotioneel_eenzaam": EMOTIONEEL_DEEL,
            "sociaal_eenzaam": SOCIAAL_DEEL,
        }
        for leeftijd in LEEFTIJDEN:
            is_plan_cell = periode == 2016 and leeftijd == "18+"
            gm_eenzaam = 47.0 if is_plan_cell else level * (1 + AGE_SHIFT[leeftijd])
            gm_values = sub_values(round(gm_eenzaam, 1), delen, rng)
            for indicator, value in gm_values.items():
                if is_plan_cell and indicator == "eenzaam":
                    rows.append(
                        dict(
                            regio_code="GM0502",
                            periode=periode,
                            leeftijd=leeftijd,
                            indicator=indicator,
                            waarde=47.0,
                            ondergrens="",
                            bovengrens="",
                            bron="plan_2019",
                            illustratief=False,
                            noot="jaar niet in het plan; de toen recentste meting was 2016",
                        )
                    )
                    continue
                rows.append(
                    row("GM0502", periode, leeftijd, indicator, value, half_width(inwoners["GM0502"], leeftijd))
                )
            noise = rng.normal(0, 0.01, len(wijken))
            values = gm_eenzaam * (1 + wijk_dev + noise)
            values += gm_eenzaam - (weights * values).sum()  # weighted mean equals the gemeente value
            for wijk, value in zip(wijken, values, strict=True):
                code = wijk["wijk_code"]
                value = float(np.clip(value, *RANGE["eenzaam"]))
                hw = half_width(inwoners[code], leeftijd)
                for indicator, v in sub_values(value, delen, rng).items():
                    rows.append(row(code, periode, leeftijd, indicator, v, hw))
                for buurt in (b for b in buurten if b["wijk_code"] == code):
                    bcode = buurt["buurt_code"]
                    if bcode in suppressed:
                        continue
                    bv = float(np.clip(value * (1 + buurt_dev[bcode] + rng.normal(0, 0.01)), 25, 66))
                    bhw = half_width(inwoners[bcode], leeftijd)
                    for indicator, v in sub_values(bv, delen, rng).items():
                        rows.append(row(bcode, periode, leeftijd, indicator, v, bhw))

    rows.sort(
        key=lambda r: (
            r["regio_code"][:2] != "NL",
            r["regio_code"][:2] != "GM",
            r["regio_code"],
            r["periode"],
            r["leeftijd"],
            r["indicator"],
        )
    )
    with (ROOT / "data" / "eenzaamheid.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "illustratief": "ja" if r["illustratief"] else "nee"})
    print(
        f"{len(rows)} rijen geschreven; {len(suppressed)} buurten onder {DREMPEL_INWONERS} inwoners zonder cijfer: {sorted(suppressed)}"
    )


if __name__ == "__main__":
    main()
