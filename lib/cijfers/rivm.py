"""RIVM/CBS table 50120NED "Gezondheid per wijk en buurt": read it, and fetch it from the CBS OData API.

Two formats, as users get them:

- the StatLine CSV of the raw dataset ("onbewerkte dataset"): semicolon separated, the table's keys
  as headers (``WijkenEnBuurten``, ``Perioden``, ``Leeftijd``, ``Marges``, ``Eenzaam_27``, ...),
  region keys padded with spaces, missing values as ``.`` or empty, decimal points or commas;
- the OData v3 JSON of ``TypedDataSet``: ``{"value": [...]}`` (the fetch command follows
  ``odata.nextLink`` and writes all pages as one such file).

Both become our long table (lib.cijfers.loaders.FIGURE_COLUMNS), bron ``rivm_50120NED``, not illustrative.
Every problem is a DataFout naming the row and column of the uploaded file; nothing is half-read.

Files of any size, up to the whole national table (about 640,000 rows, 250 MB): ``lees`` streams
the CSV through pyarrow's reader in blocks, converting only the columns we use, and the JSON
record by record; it keeps NL01, every gemeente's own row (for comparison) and the configured
gemeente's wijken and buurten, and drops the rest after checking its region code. Only what is
kept goes through the row-by-row validation, so memory stays flat however big the file is.

Command line::

    python -m lib.cijfers.rivm fetch --gemeente GM0502 [--out bestand.json]   (online)
    python -m lib.cijfers.rivm import BESTAND [--gemeente GM0502] [--controleer]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.cijfers.loaders import FIGURE_COLUMNS, validate_figures
from lib.kern.errors import DataFout
from lib.regio import codes

BRON = "rivm_50120NED"
TABEL = "50120NED"
ODATA_URL = "https://dataderden.cbs.nl/ODataApi/odata/50120NED"
URL_ENV = "MEER_SAMEN_CBS_ODATA_URL"

# The Marges dimension: the estimate and the bounds of its 95% confidence interval.
MARGES = {"MW00000": "waarde", "MOG0095": "ondergrens", "MBG0095": "bovengrens"}
# CBS age key -> our age group code.
LEEFTIJD_CODES = {cbs: code for code, (_, cbs) in LEEFTIJDEN.items()}
# CBS indicator column -> our indicator code.
KOLOMMEN = {i.cbs_kolom: code for code, i in INDICATOREN.items()}
SLEUTELS = ["WijkenEnBuurten", "Perioden", "Leeftijd"]
PERIODE_PATTERN = re.compile(r"^(\d{4})JJ00$")
MISSING = {"", ".", "x", "-"}


@dataclass(frozen=True)
class Record:
    """One row of the source table, with the row number the user sees (header = row 1 in a CSV)."""

    rij: int
    velden: dict


def _kort(err: Exception) -> str:
    return str(err).splitlines()[0][:160] if str(err) else type(err).__name__


def _text(value) -> str:
    return "" if value is None else str(value).strip()


_gemeente_pattern = cache(codes.gemeente_pattern)


def regio_in_gemeente(regio: str, gemeente_code: str) -> bool:
    """True for the gemeente itself, its wijken and buurten, and the national figure (NL01)."""
    return _gemeente_pattern(gemeente_code).fullmatch(regio) is not None


def bewaar_patroon(gemeente_code: str) -> str:
    """Regex of the regions an import keeps: NL01, every gemeente, and this gemeente's wijken and buurten."""
    digits = re.escape(gemeente_code[2:])
    return rf"^(NL01|GM\d{{4}}|WK{digits}\d{{2}}|BU{digits}\d{{4}})$"


def _eigen(regio: str, gemeente_code: str) -> bool:
    return regio != "NL01" and regio_in_gemeente(regio, gemeente_code)


def to_figures(records: Iterable[Record], gemeente_code: str, bestand: str = "upload") -> pd.DataFrame:
    """Turn the table's rows (one per region x period x age x margin) into our validated long table."""
    records = list(records)
    if not records:
        raise DataFout("Het bestand bevat geen rijen", bestand=bestand)
    columns = list(records[0].velden)
    _check_columns(set(columns))
    wanted = [c for c in (*SLEUTELS, "Marges", *KOLOMMEN) if c in columns]
    frame = pd.DataFrame(
        {c: [_cell(r.velden.get(c)) for r in records] for c in wanted} | {"rij": [r.rij for r in records]}
    )
    return figures_from_frame(frame, gemeente_code, bestand)


def _cell(value) -> str:
    """A JSON value as the text a CSV would have: null is empty, anything else its text."""
    return "" if value is None else str(value)


def figures_from_frame(df: pd.DataFrame, gemeente_code: str, bestand: str = "upload") -> pd.DataFrame:
    """The validated long table of the kept rows (``cellen`` without the suppressed cells)."""
    return cellen(df, gemeente_code, bestand)[0]


def cellen(df: pd.DataFrame, gemeente_code: str, bestand: str = "upload") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate the kept rows (all text, plus their row number ``rij``) and fold margins into our long table.

    Returns the figures and the suppressed cells: the keys (region, period, age, indicator) whose estimate
    the file leaves out ('.'), so no example takes their place (lib.cijfers.imports).

    Vectorised, but reports what a row-by-row check would: the first bad row, and within that row
    the first bad field (region, period, age, margin, duplicate, then each indicator column).
    """
    if df.empty:
        raise DataFout("Het bestand bevat geen rijen", bestand=bestand)
    df = df.reset_index(drop=True)
    indicator_cols = [c for c in KOLOMMEN if c in df.columns]
    rij = df["rij"].to_numpy()
    problems: list[tuple[int, int, Callable[[int], DataFout]]] = []

    def check(mask, order: int, fout: Callable[[int], DataFout]) -> None:
        bad = np.flatnonzero(np.asarray(mask, dtype=bool))
        if len(bad):
            problems.append((int(bad[0]), order, fout))

    regio = df["WijkenEnBuurten"].astype(str).str.strip().str.upper()
    check(regio == "", 0, lambda i: DataFout("Regiocode ontbreekt", rij=int(rij[i]), kolom="WijkenEnBuurten"))
    check(
        ~regio.str.fullmatch(bewaar_patroon(gemeente_code)[1:-1]) & (regio != ""),
        0,
        lambda i: DataFout(
            f"Regio '{regio[i][:20]}' hoort niet bij de ingestelde gemeente {gemeente_code} en is geen gemeente",
            rij=int(rij[i]),
            kolom="WijkenEnBuurten",
        ),
    )
    perioden = df["Perioden"].astype(str).str.strip()
    jaar = perioden.str.extract(PERIODE_PATTERN.pattern)[0]
    check(
        jaar.isna(),
        1,
        lambda i: DataFout(
            f"Onbekende periode: '{perioden[i][:20]}' (verwacht bijvoorbeeld 2022JJ00)",
            rij=int(rij[i]),
            kolom="Perioden",
        ),
    )
    leeftijden = df["Leeftijd"].astype(str).str.strip()
    leeftijd = leeftijden.map(LEEFTIJD_CODES)
    check(
        leeftijd.isna(),
        2,
        lambda i: DataFout(
            f"Onbekende leeftijdscode: '{leeftijden[i][:20]}' (verwacht 20300, 53115 of 80200)",
            rij=int(rij[i]),
            kolom="Leeftijd",
        ),
    )
    if "Marges" in df.columns:
        marges = df["Marges"].astype(str).str.strip()
        marge = marges.map(MARGES)
        check(
            marge.isna(),
            3,
            lambda i: DataFout(
                f"Onbekende marge: '{marges[i][:20]}' (verwacht MW00000, MOG0095 of MBG0095)",
                rij=int(rij[i]),
                kolom="Marges",
            ),
        )
    else:
        marge = pd.Series("waarde", index=df.index)
    keys = pd.DataFrame({"r": regio, "p": jaar, "l": leeftijd, "m": marge})
    dubbel = keys.duplicated()

    def dubbel_fout(i: int) -> DataFout:
        eerste = keys.iloc[:i][(keys.iloc[:i] == keys.iloc[i]).all(axis=1)].index[0]
        return DataFout(
            f"Dubbele rij: dezelfde regio, periode, leeftijd en marge als rij {rij[eerste]}", rij=int(rij[i])
        )

    check(dubbel, 4, dubbel_fout)
    getallen = {}
    for order, kolom in enumerate(indicator_cols, start=5):
        tekst = df[kolom].astype(str)
        kaal = tekst.str.strip()
        ontbreekt = kaal.isin(MISSING)
        getal = pd.to_numeric(kaal.str.replace(",", ".", regex=False).where(~ontbreekt), errors="coerce")
        getal = getal.astype(float)
        geen_getal = ~ontbreekt & ~np.isfinite(getal.to_numpy())
        check(
            geen_getal,
            order,
            lambda i, k=kolom, t=kaal: DataFout(f"Geen getal: '{t[i][:40]}'", rij=int(rij[i]), kolom=k),
        )
        check(
            ~geen_getal & ((getal < 0) | (getal > 100)),
            order,
            lambda i, k=kolom, t=kaal: DataFout(
                f"Percentage moet tussen 0 en 100 liggen: '{t[i][:40]}'", rij=int(rij[i]), kolom=k
            ),
        )
        getallen[kolom] = getal
    if problems:
        positie, _, fout = min(problems, key=lambda p: (p[0], p[1]))
        err = fout(positie)
        raise DataFout(err.melding, bestand=bestand, rij=err.rij, kolom=err.kolom)

    # One cell per (region, period, age, indicator), its margins side by side; ordered as first seen.
    lang = pd.concat(
        [
            pd.DataFrame(
                {
                    "regio_code": regio,
                    "periode": jaar,
                    "leeftijd": leeftijd,
                    "indicator": KOLOMMEN[kolom],
                    "marge": marge,
                    "getal": getallen[kolom],
                    "rij": rij,
                    "volgorde": ci,
                }
            )
            for ci, kolom in enumerate(indicator_cols)
        ],
        ignore_index=True,
    )
    cel = ["regio_code", "periode", "leeftijd", "indicator"]
    breed = lang.pivot(index=cel, columns="marge", values="getal")
    eerste = lang.sort_values(["rij", "volgorde"]).groupby(cel, sort=False)[["rij", "volgorde"]].first()
    breed = eerste.join(breed).reset_index()
    breed = breed.reindex(columns=[*cel, "rij", "volgorde", "waarde", "ondergrens", "bovengrens"])
    stil = breed.loc[breed["waarde"].isna(), cel].reset_index(drop=True)
    stil["periode"] = stil["periode"].astype(int)
    breed = breed[breed["waarde"].notna()]  # no estimate (too few respondents): no figure, never a 0
    if breed.empty:
        raise DataFout("Het bestand bevat geen enkel eenzaamheidscijfer (alle waarden ontbreken)", bestand=bestand)
    breed = breed.sort_values(["rij", "volgorde"], kind="stable").reset_index(drop=True)

    def tekst(series: pd.Series) -> list[str]:
        return ["" if v != v else repr(float(v)) for v in series]

    raw = pd.DataFrame(
        {
            "regio_code": breed["regio_code"],
            "periode": breed["periode"],
            "leeftijd": breed["leeftijd"],
            "indicator": breed["indicator"],
            "waarde": tekst(breed["waarde"]),
            "ondergrens": tekst(breed["ondergrens"]),
            "bovengrens": tekst(breed["bovengrens"]),
            "bron": BRON,
            "illustratief": "nee",
            "noot": "",
        },
        columns=FIGURE_COLUMNS,
    )
    try:
        return validate_figures(raw, Path(bestand)), stil
    except DataFout as err:
        # Point at the row of the uploaded file, not of our intermediate table.
        if err.rij:
            rij_bron = int(breed["rij"].iloc[err.rij - 2])
            kolom = indicator_cols[int(breed["volgorde"].iloc[err.rij - 2])]
        else:
            rij_bron, kolom = None, err.kolom
        raise DataFout(err.melding, bestand=bestand, rij=rij_bron, kolom=kolom) from None


def _check_columns(columns: set[str]) -> None:
    """The table's key columns and at least one loneliness column must be there (header = row 1)."""
    missing = [c for c in SLEUTELS if c not in columns]
    if missing:
        raise DataFout(f"Kolom ontbreekt: {', '.join(missing)}. Is dit tabel 50120NED?", rij=1, kolom=missing[0])
    if not any(c in columns for c in KOLOMMEN):
        raise DataFout(
            "Geen van de eenzaamheidskolommen gevonden (" + ", ".join(KOLOMMEN) + "). Is dit tabel 50120NED?", rij=1
        )


def _regio_fout(regio: str, rij: int) -> DataFout:
    if not regio:
        return DataFout("Regiocode ontbreekt", rij=rij, kolom="WijkenEnBuurten")
    return DataFout(
        f"Onbekende regiocode: '{regio[:20]}' (verwacht NL01, GM…, WK… of BU…)", rij=rij, kolom="WijkenEnBuurten"
    )


Voortgang = Callable[[float], None]


if __name__ == "__main__":  # python -m lib.cijfers.rivm: the command lives in rivm_opdracht
    from lib.cijfers.rivm_opdracht import main

    raise SystemExit(main())
