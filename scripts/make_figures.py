"""Build data/eenzaamheid.csv: the loneliness figures in one long table (after RIVM 50120NED).

Run from the repository root:  python scripts/make_figures.py [--shared ../shared/data]

Real rows
- Nederland (NL01): the national figures written on the RIVM pages (see ../shared/data/PROVENANCE.md).
- Capelle (GM0502), 2016, eenzaam: 47%, as the plan "Meer samen, minder eenzaam" states (RIVM).

Illustrative rows (illustratief = true)
Loneliness per wijk and buurt is not available offline. This script makes a seeded, plausible
stand-in so the dashboard can be used until the real RIVM table is imported on the Data page:
- the gemeente values not in the plan follow the national trend, scaled by Capelle's 47/43 in 2016;
- each wijk gets a fixed deviation, so trends stay consistent; the inhabitant-weighted mean of the
  wijken equals the gemeente value exactly;
- buurten scatter around their wijk (equal-weight mean equals the wijk value); buurten on
  business parks or with few inhabitants get no figure, as CBS suppresses them;
- margins are as wide as real small-area estimates: about 1.5 points for the gemeente,
  3-5 for a wijk and 5-9 for a buurt.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a file from the repository root: import the project's lib

from lib.cijfers.loaders import FIGURE_COLUMNS as COLUMNS  # noqa: E402
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


def gemeente_levels(national: list[dict]) -> dict[tuple[int, str], float]:
    """Gemeente level per (periode, indicator): the plan's 47% and the national trend scaled to it."""
    nl = {(r["periode"], r["indicator"]): r["waarde"] for r in national}
    ratio = 47.0 / nl[(2016, "eenzaam")]
    levels = {}
    for indicator in INDICATOREN:
        base = nl[(2016, indicator)]
        for periode in PERIODEN:
            # Where the national page has no figure for a period, follow the trend of "eenzaam".
            trend = nl.get((periode, indicator), base * nl[(periode, "eenzaam")] / nl[(2016, "eenzaam")])
            levels[(periode, indicator)] = round(trend * ratio, 1)
    return levels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)

    wijken = list(csv.DictReader((ROOT / "data" / "wijken.csv").open(encoding="utf-8")))
    buurten = list(csv.DictReader((ROOT / "data" / "buurten.csv").open(encoding="utf-8")))
    weights = np.array([int(w["inwoners"]) for w in wijken], dtype=float)
    weights /= weights.sum()
    # One relative deviation per wijk, fixed across periods and indicators, centred so that
    # the inhabitant-weighted mean is zero.
    wijk_dev = rng.normal(0, 0.09, len(wijken))
    wijk_dev -= (weights * wijk_dev).sum()
    suppressed = {
        b["buurt_code"]
        for b in buurten
        if any(w in b["buurt_naam"].lower() for w in ("bedrijven", "industrie", "kantoren", "rivium"))
    }

    national = national_rows(args.shared)
    rows = list(national)
    levels = gemeente_levels(national)
    for (periode, indicator), level in levels.items():
        lo_r, hi_r = RANGE[indicator]
        for leeftijd in LEEFTIJDEN:
            gm = level * (1 + AGE_SHIFT[leeftijd])
            is_plan = periode == 2016 and indicator == "eenzaam" and leeftijd == "18+"
            if is_plan:
                gm = 47.0
            margin = 1.5 if leeftijd == "18+" else 2.5
            rows.append(
                dict(
                    regio_code="GM0502",
                    periode=periode,
                    leeftijd=leeftijd,
                    indicator=indicator,
                    waarde=round(gm, 1),
                    ondergrens="" if is_plan else round(gm - margin, 1),
                    bovengrens="" if is_plan else round(gm + margin, 1),
                    bron="plan_2019" if is_plan else "illustratief",
                    illustratief=not is_plan,
                    noot="jaar niet in het plan; de toen recentste meting was 2016" if is_plan else "",
                )
            )
            noise = rng.normal(0, 0.01, len(wijken))
            values = gm * (1 + wijk_dev + noise)
            values += gm - (weights * values).sum()  # weighted mean equals the gemeente value exactly
            for wijk, value in zip(wijken, values, strict=True):
                value = float(np.clip(value, lo_r, hi_r))
                margin = rng.uniform(3, 5) * (1.3 if leeftijd != "18+" else 1.0) * (value / 45) ** 0.5
                rows.append(
                    dict(
                        regio_code=wijk["wijk_code"],
                        periode=periode,
                        leeftijd=leeftijd,
                        indicator=indicator,
                        waarde=round(value, 1),
                        ondergrens=round(max(value - margin, 0), 1),
                        bovengrens=round(value + margin, 1),
                        bron="illustratief",
                        illustratief=True,
                        noot="",
                    )
                )
                in_wijk = [b for b in buurten if b["wijk_code"] == wijk["wijk_code"]]
                devs = rng.normal(0, 0.08, len(in_wijk))
                devs -= devs.mean()
                for buurt, dev in zip(in_wijk, devs, strict=True):
                    if buurt["buurt_code"] in suppressed:
                        continue
                    bv = float(np.clip(value * (1 + dev), lo_r * 0.8, hi_r * 1.1))
                    bm = rng.uniform(5, 9) * (bv / 45) ** 0.5
                    rows.append(
                        dict(
                            regio_code=buurt["buurt_code"],
                            periode=periode,
                            leeftijd=leeftijd,
                            indicator=indicator,
                            waarde=round(bv, 1),
                            ondergrens=round(max(bv - bm, 0), 1),
                            bovengrens=round(bv + bm, 1),
                            bron="illustratief",
                            illustratief=True,
                            noot="",
                        )
                    )

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
    print(f"{len(rows)} rijen geschreven, {len(suppressed)} buurten zonder cijfer: {sorted(suppressed)}")


if __name__ == "__main__":
    main()
