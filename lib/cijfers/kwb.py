"""Who lives where: real CBS figures per gemeente, wijk and buurt (Kerncijfers wijken en buurten 2024).

data/kwb2024.csv is made by scripts/build_kwb.py from the CBS StatLine exports of table 85984NED.
These are counts, not estimates, and never illustrative: nothing built from them carries an example
mark. Shares are computed here, once, so every page says the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.cijfers.figures import Waarde
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout

KWB_PATH = DATA_DIR / "kwb2024.csv"
BRON_KWB = "CBS, Kerncijfers wijken en buurten 2024"
BRON_KEY = "kwb2024"  # key in data/sources.toml [datasets]
BRON_CBS = "cbs_kwb2024"  # key in data/sources.toml [bronnen]: the `bron` of a CBS map value
PERIODE = 2024
TELLINGEN = (
    "inwoners",
    "mannen",
    "vrouwen",
    "leeftijd_0_15",
    "leeftijd_15_25",
    "leeftijd_25_45",
    "leeftijd_45_65",
    "leeftijd_65_plus",
    "herkomst_nederland",
    "herkomst_europa",
    "herkomst_buiten_europa",
)
LEEFTIJDSGROEPEN: dict[str, str] = {
    "leeftijd_0_15": "0 tot 15 jaar",
    "leeftijd_15_25": "15 tot 25 jaar",
    "leeftijd_25_45": "25 tot 45 jaar",
    "leeftijd_45_65": "45 tot 65 jaar",
    "leeftijd_65_plus": "65 jaar en ouder",
}
HERKOMST: dict[str, str] = {
    "herkomst_nederland": "Nederland",
    "herkomst_europa": "Europa (zonder Nederland)",
    "herkomst_buiten_europa": "buiten Europa",
}


@dataclass(frozen=True)
class Laag:
    """A real CBS map layer: a share of the inhabitants (kolom / inwoners) or the count itself."""

    key: str
    label: str
    kolom: str
    uitleg: str
    aandeel: bool = True  # False: the count itself (inhabitants)

    @property
    def eenheid(self) -> str:
        return "%" if self.aandeel else "inwoners"


LAGEN: dict[str, Laag] = {
    laag.key: laag
    for laag in (
        Laag(
            "aandeel_65_plus",
            "Aandeel 65 jaar en ouder",
            "leeftijd_65_plus",
            "Deel van de inwoners dat 65 of ouder is.",
        ),
        Laag("aandeel_15_25", "Aandeel 15 tot 25 jaar", "leeftijd_15_25", "Deel van de inwoners van 15 tot 25 jaar."),
        Laag(
            "aandeel_buiten_europa",
            "Aandeel herkomst buiten Europa",
            "herkomst_buiten_europa",
            "Deel van de inwoners met een herkomstland buiten Europa (zelf of een ouder daar geboren).",
        ),
        Laag("inwoners", "Inwoners", "inwoners", "Aantal inwoners op 1 januari 2024.", aandeel=False),
    )
}


def load_kwb(path: Path | None = None) -> pd.DataFrame:
    """The CBS 2024 table: regio_code, regio_naam, soort and the counts (NaN where CBS gives none)."""
    path = Path(path) if path is not None else KWB_PATH
    try:
        df = pd.read_csv(path, dtype={"regio_code": str, "regio_naam": str, "soort": str}, encoding="utf-8")
    except FileNotFoundError as err:
        raise DataFout("Bestand ontbreekt", bestand=path.name) from err
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataFout(f"Geen leesbaar CSV-bestand: {err}", bestand=path.name) from err
    missing = [c for c in ("regio_code", "regio_naam", "soort", *TELLINGEN) if c not in df.columns]
    if missing:
        raise DataFout(f"Kolom ontbreekt: {', '.join(missing)}", bestand=path.name, kolom=missing[0])
    for kolom in TELLINGEN:
        numbers = pd.to_numeric(df[kolom], errors="coerce")
        bad = numbers.isna() & df[kolom].notna()
        if bad.any() or (numbers < 0).any():
            rij = int((bad | (numbers < 0)).to_numpy().nonzero()[0][0]) + 2
            raise DataFout("Geen geldig aantal", bestand=path.name, rij=rij, kolom=kolom)
        df[kolom] = numbers
    return df


def rij(kwb: pd.DataFrame, code: str) -> pd.Series | None:
    rows = kwb[kwb["regio_code"] == code]
    return None if rows.empty else rows.iloc[0]


def aandeel(kwb: pd.DataFrame, code: str, kolom: str) -> float | None:
    """Share (0-100) of the inhabitants of one region in a column; None without inhabitants or figure."""
    r = rij(kwb, code)
    if r is None or pd.isna(r[kolom]) or pd.isna(r["inwoners"]) or r["inwoners"] <= 0:
        return None
    return float(r[kolom]) / float(r["inwoners"]) * 100


def laag_waarden(kwb: pd.DataFrame, laag: Laag, niveau: str) -> pd.DataFrame:
    """One real layer for one level ('wijk' or 'buurt'): regio_code, waarde (share in % or count).

    Regions without inhabitants get no share (never 0%).
    """
    rows = kwb[kwb["soort"] == niveau]
    if laag.aandeel:
        inwoners = rows["inwoners"].where(rows["inwoners"] > 0)
        waarde = rows[laag.kolom] / inwoners * 100
    else:
        waarde = rows[laag.kolom]
    out = pd.DataFrame({"regio_code": rows["regio_code"], "waarde": waarde})
    return out.dropna(subset=["waarde"]).reset_index(drop=True)


def als_figures(kwb_df: pd.DataFrame, laag: Laag, niveau: str) -> pd.DataFrame:
    """One real layer in the shape of the loneliness figures (lib.cijfers.loaders.FIGURE_COLUMNS), so the
    same map, legend, table, ranking and download serve it: no margins, bron BRON_CBS, never illustrative."""
    w = laag_waarden(kwb_df, laag, niveau)
    return pd.DataFrame(
        {
            "regio_code": w["regio_code"],
            "periode": PERIODE,
            "leeftijd": "alle",
            "indicator": laag.key,
            "waarde": w["waarde"].astype(float),
            "ondergrens": float("nan"),
            "bovengrens": float("nan"),
            "bron": BRON_CBS,
            "illustratief": False,
            "noot": "",
        }
    )


def gemeente_waarde(kwb_df: pd.DataFrame, laag: Laag, gemeente_code: str):
    """The gemeente's value of a real layer as a Waarde (for the reference line), or None."""

    r = rij(kwb_df, gemeente_code)
    if r is None:
        return None
    value = aandeel(kwb_df, gemeente_code, laag.kolom) if laag.aandeel else r[laag.kolom]
    if value is None or pd.isna(value):
        return None
    return Waarde(gemeente_code, PERIODE, "alle", laag.key, float(value), None, None, BRON_CBS, False)
