"""Files in the official format of RIVM/CBS table 50120NED, made for tests (values are invented)."""

from __future__ import annotations

import pandas as pd

HEADER = [
    "ID",
    "WijkenEnBuurten",
    "Perioden",
    "Leeftijd",
    "Marges",
    "Gemeentenaam_1",
    "SoortRegio_2",
    "Codering_3",
    "Overgewicht_5",
    "Eenzaam_27",
    "ErnstigZeerErnstigEenzaam_28",
    "EmotioneelEenzaam_29",
    "SociaalEenzaam_30",
]
LEEFTIJDEN = ("20300", "53115", "80200")
MARGES = (("MW00000", 0.0), ("MOG0095", -3.0), ("MBG0095", 3.0))


def soort(code: str) -> str:
    return {"NL": "Land", "GM": "Gemeente", "WK": "Wijk", "BU": "Buurt"}[code[:2]]


def records(regions: list[str], perioden=(2022,), base: float = 30.0, gemeentenaam: str = "Capelle aan den IJssel"):
    """OData-style records: one per region x period x age x margin, values base + small offsets."""
    out = []
    i = 0
    for r, code in enumerate(regions):
        for periode in perioden:
            for a, leeftijd in enumerate(LEEFTIJDEN):
                value = base + (r % 7) + a
                for marge, d in MARGES:
                    out.append(
                        {
                            "ID": i,
                            "WijkenEnBuurten": f"{code:<10}",
                            "Perioden": f"{periode}JJ00",
                            "Leeftijd": leeftijd,
                            "Marges": marge,
                            "Gemeentenaam_1": f"{gemeentenaam:<40}",
                            "SoortRegio_2": f"{soort(code):<10}",
                            "Codering_3": f"{code:<10}",
                            "Overgewicht_5": 50.0,
                            "Eenzaam_27": round(value + d, 1),
                            "ErnstigZeerErnstigEenzaam_28": round(value / 4 + d / 3, 1),
                            "EmotioneelEenzaam_29": round(value - 10 + d, 1),
                            "SociaalEenzaam_30": round(value - 5 + d, 1),
                        }
                    )
                    i += 1
    return out


def csv_bytes(recs: list[dict], decimal_comma: bool = False, missing: str = "     .") -> bytes:
    """The StatLine CSV of the raw dataset: semicolons, quoted keys, numbers bare."""
    lines = [";".join(f'"{h}"' for h in HEADER)]
    for rec in recs:
        cells = []
        for h in HEADER:
            v = rec.get(h)
            if v is None:
                cells.append(missing)
            elif isinstance(v, float):
                text = f"{v:.1f}"
                cells.append(text.replace(".", ",") if decimal_comma else text)
            elif isinstance(v, int):
                cells.append(str(v))
            else:
                cells.append(f'"{v}"')
        lines.append(";".join(cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


def capelle_regions() -> list[str]:
    """GM0502 with all its wijken and buurten as shipped."""
    wijken = pd.read_csv("data/wijken.csv", dtype=str)["wijk_code"].tolist()
    buurten = pd.read_csv("data/buurten.csv", dtype=str)["buurt_code"].tolist()
    return ["GM0502", *wijken, *buurten]
