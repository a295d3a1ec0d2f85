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

import argparse
import codecs
import csv
import io
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.cijfers.loaders import FIGURE_COLUMNS, validate_figures
from lib.kern.errors import DataFout

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


def _text(value) -> str:
    return "" if value is None else str(value).strip()


@cache
def _gemeente_pattern(gemeente_code: str) -> re.Pattern:
    digits = re.escape(gemeente_code[2:])
    return re.compile(rf"NL01|{re.escape(gemeente_code)}|WK{digits}\d{{2}}|BU{digits}\d{{4}}")


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
    """Validate the kept rows (all text, plus their row number ``rij``) and fold margins into our long table.

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
        return validate_figures(raw, Path(bestand))
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


# --- reading any size: a stream in, only the kept rows out -------------------------------------------


@dataclass(frozen=True)
class Inlezing:
    """The outcome of reading one file: the validated figures kept, and what was read and dropped."""

    cijfers: pd.DataFrame  # long table: NL01, every gemeente, and this gemeente's wijken and buurten
    namen: dict[str, str]  # gemeente code -> name, from the table's Gemeentenaam_1 where present
    gemeente_code: str
    gelezen: int  # data rows in the file
    bewaard: int  # data rows kept

    @property
    def eigen(self) -> pd.DataFrame:
        """The configured gemeente's own figures (itself, wijken, buurten) plus Nederland."""
        mask = self.cijfers["regio_code"].str.fullmatch(_gemeente_pattern(self.gemeente_code).pattern)
        return self.cijfers[mask]

    @property
    def andere_gemeenten(self) -> int:
        codes = self.cijfers["regio_code"]
        return int(codes[codes.str.startswith("GM") & (codes != self.gemeente_code)].nunique())

    def samenvatting(self) -> str:
        eigen = self.eigen["regio_code"]
        wijken = int(eigen.str.startswith("WK").sum() and eigen[eigen.str.startswith("WK")].nunique())
        buurten = int(eigen.str.startswith("BU").sum() and eigen[eigen.str.startswith("BU")].nunique())
        return (
            f"{_getal(self.gelezen)} rijen gelezen, {_getal(self.bewaard)} bewaard: {self.gemeente_code} met "
            f"{wijken} wijken en {buurten} buurten, Nederland, en {self.andere_gemeenten} andere gemeenten "
            f"om mee te vergelijken. {_getal(self.gelezen - self.bewaard)} rijen van wijken en buurten van "
            "andere gemeenten zijn overgeslagen."
        )


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


Voortgang = Callable[[float], None]
SAMPLE_BYTES = 64 * 1024
BLOCK_BYTES = 4 * 1024 * 1024


def lees(
    bron: bytes | Path | str,
    gemeente_code: str,
    bestandsnaam: str | None = None,
    *,
    voortgang: Voortgang | None = None,
    block_size: int = BLOCK_BYTES,
) -> Inlezing:
    """Read a 50120NED file of any size (CSV or OData JSON) as a stream; keep and validate what we use.

    Kept: NL01, every gemeente's own row, and the configured gemeente's wijken and buurten; the
    wijken and buurten of other gemeenten are dropped unread (only their region code is checked).
    ``voortgang`` gets the share of the file read (0..1). Raises DataFout (Dutch, file/row/column).
    """
    if isinstance(bron, bytes | bytearray | memoryview):
        import pyarrow as pa

        data = pa.py_buffer(bron)  # zero-copy: a big upload is not copied again
        size = data.size

        def opener():
            return pa.BufferReader(data)

        name = Path(bestandsnaam or "upload").name or "upload"
    else:
        path = Path(bron)
        size = path.stat().st_size

        def opener():
            return open(path, "rb")  # noqa: SIM115 (closed by the caller's with)

        name = Path(bestandsnaam or path.name).name
    try:
        return _lees(opener, size, name, gemeente_code.strip().upper(), voortgang or (lambda f: None), block_size)
    except DataFout as err:
        raise DataFout(err.melding, bestand=name, rij=err.rij, kolom=err.kolom) from None


def _lees(opener, size: int, name: str, gemeente_code: str, voortgang: Voortgang, block_size: int) -> Inlezing:
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".json", ".txt", ""):
        raise DataFout(f"Bestandstype '{suffix}' wordt niet gelezen: kies een CSV (StatLine) of JSON (OData)")
    with opener() as f:
        head = f.read(SAMPLE_BYTES)
    if not head.strip():
        raise DataFout("Het bestand is leeg")
    if b"\x00" in head:
        raise DataFout("Geen tekstbestand: kies een CSV (StatLine) of JSON (OData)")
    encoding = "utf-8"
    try:
        sample = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=len(head) >= size)
    except UnicodeDecodeError:
        encoding = "cp1252"
        try:
            sample = head.decode("cp1252")
        except UnicodeDecodeError:
            raise DataFout("Geen tekstbestand: kies een CSV (StatLine) of JSON (OData)") from None
    if suffix == ".json" or sample.lstrip()[:1] in ("{", "["):
        records, gelezen, namen = _json_rows(opener, encoding, size, gemeente_code, voortgang)
    else:
        try:
            records, gelezen, namen = _csv_rows(opener, sample, encoding, size, gemeente_code, voortgang, block_size)
        except _NietUtf8:
            records, gelezen, namen = _csv_rows(opener, sample, "cp1252", size, gemeente_code, voortgang, block_size)
    if gelezen == 0:
        raise DataFout("Het bestand bevat geen rijen")
    if not records["WijkenEnBuurten"].map(lambda r: _eigen(r, gemeente_code)).any():
        raise DataFout(
            f"Het bestand bevat geen rijen voor de ingestelde gemeente {gemeente_code} (wel {_getal(gelezen)} rijen "
            "van andere regio's). Kies op StatLine deze gemeente of de hele tabel, of gebruik 'python -m "
            "lib.cijfers.rivm fetch'"
        )
    cijfers = figures_from_frame(records, gemeente_code, name)
    voortgang(1.0)
    return Inlezing(cijfers, namen, gemeente_code, gelezen, len(records))


class _NietUtf8(Exception):
    """The CSV turned out not to be UTF-8 after the sample: read it again as Windows-1252."""


def _csv_rows(opener, sample: str, encoding: str, size: int, gemeente_code: str, voortgang: Voortgang, block_size):
    """Stream a StatLine CSV through pyarrow: only the columns we use, only the rows we keep."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    header_line = next((line for line in sample.splitlines() if line.strip()), "")
    raw = next(csv.reader([header_line], delimiter=";", quotechar='"'), [])
    header = [h.strip() for h in raw]
    if len(header) < 2:
        raise DataFout("Geen puntkomma-gescheiden bestand: kies de CSV van de onbewerkte dataset van StatLine", rij=1)
    _check_columns(set(header))
    raw_name = {}
    for stripped, original in zip(header, raw, strict=True):
        raw_name.setdefault(stripped, original)
    wanted = [c for c in (*SLEUTELS, "Marges", "Gemeentenaam_1", *KOLOMMEN) if c in raw_name]
    ragged: list[str] = []

    def invalid_row(row) -> str:
        ragged.append(row.text)
        return "skip"

    keep = bewaar_patroon(gemeente_code)
    parts: list = []  # pyarrow RecordBatches of the kept rows
    gelezen = 0
    with opener() as f:
        try:
            reader = pacsv.open_csv(
                f,
                read_options=pacsv.ReadOptions(
                    block_size=block_size, encoding="utf8" if encoding == "utf-8" else encoding
                ),
                parse_options=pacsv.ParseOptions(delimiter=";", quote_char='"', invalid_row_handler=invalid_row),
                convert_options=pacsv.ConvertOptions(
                    column_types={raw_name[c]: pa.string() for c in wanted},
                    include_columns=[raw_name[c] for c in wanted],
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
            for batch in reader:
                if ragged:
                    break
                regio = pc.utf8_upper(pc.utf8_trim_whitespace(batch.column(raw_name["WijkenEnBuurten"])))
                geldig = pc.match_substring_regex(regio, GELDIGE_REGIO)
                if not pc.all(geldig).as_py():
                    i = pc.index(geldig, False).as_py()
                    raise _regio_fout(regio[i].as_py(), gelezen + i + 2)
                kept = pc.indices_nonzero(pc.match_substring_regex(regio, keep))
                if len(kept):  # stays Arrow until the end: one conversion to pandas, not one per batch
                    sub = batch.take(kept)
                    arrays = [regio.take(kept) if c == "WijkenEnBuurten" else sub.column(raw_name[c]) for c in wanted]
                    arrays.append(pa.array(kept.to_numpy().astype(np.int64) + gelezen + 2))
                    parts.append(pa.RecordBatch.from_arrays(arrays, names=[*wanted, "rij"]))
                gelezen += batch.num_rows
                voortgang(min(f.tell() / size, 0.99) if size else 0.99)
        except pa.ArrowInvalid as err:
            if encoding == "utf-8" and "UTF8" in str(err):
                raise _NietUtf8 from None
            raise DataFout(f"Geen leesbaar CSV-bestand: {_kort(err)}") from None
        except (UnicodeDecodeError, pa.ArrowException) as err:
            if isinstance(err, UnicodeDecodeError) and encoding != "utf-8":
                raise DataFout("Geen tekstbestand: kies een CSV (StatLine) of JSON (OData)") from None
            raise DataFout(f"Geen leesbaar CSV-bestand: {_kort(err)}") from None
    if ragged:
        text = ragged[0]
        kolommen = next(csv.reader([text], delimiter=";", quotechar='"'), [])
        raise DataFout(
            f"Rij heeft {len(kolommen)} kolommen, de kop heeft er {len(header)}",
            rij=_rijnummer(opener, encoding, text),
        )
    if parts:
        frame = pa.Table.from_batches(parts).to_pandas()
        frame = frame.astype({c: object for c in wanted})
    else:
        frame = pd.DataFrame(columns=[*wanted, "rij"])
    namen: dict[str, str] = {}
    if "Gemeentenaam_1" in frame.columns:
        gm = frame[frame["WijkenEnBuurten"].str.startswith("GM")]
        for code, naam in zip(gm["WijkenEnBuurten"], gm["Gemeentenaam_1"].str.strip(), strict=True):
            if naam:
                namen.setdefault(code, naam)
    return frame, gelezen, namen


GELDIGE_REGIO = r"^(NL01|GM\d{4}|WK\d{6}|BU\d{8})$"


def _kort(err: Exception) -> str:
    return str(err).splitlines()[0][:160] if str(err) else type(err).__name__


def _rijnummer(opener, encoding: str, text: str) -> int | None:
    """Row number (blank lines not counted, header = 1) of the first line reading exactly `text`."""
    with opener() as f:
        lines = io.TextIOWrapper(f, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="")
        n = 0
        for line in lines:
            if not line.strip():
                continue
            n += 1
            if line.rstrip("\r\n") == text:
                return n
    return None


# --- OData JSON, streamed record by record --------------------------------------------------------

JSON_CHUNK = 1024 * 1024
MAX_RECORD_CHARS = 16 * 1024 * 1024
UPLOAD_MB = 1024  # .streamlit/config.toml server.maxUploadSize; the whole national table is about 250 MB
_WS = " \t\r\n"


class _JsonStroom:
    """Just enough of a streaming JSON reader for {"value": [{...}, ...], ...} or [{...}, ...]."""

    def __init__(self, f, encoding: str):
        self.f = io.TextIOWrapper(f, encoding="utf-8-sig" if encoding == "utf-8" else encoding)
        self.buf, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.f.read(JSON_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf) or not self._fill():
                return self.buf[self.pos] if self.pos < len(self.buf) else ""

    def expect(self, char: str) -> None:
        got = self.peek()
        if got != char:
            raise DataFout(f"Geen geldige JSON: '{char}' verwacht, '{got[:10]}' gevonden")
        self.pos += 1

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as err:
                if len(self.buf) - self.pos > MAX_RECORD_CHARS or not self._fill():
                    raise DataFout(f"Geen geldige JSON: {err.msg}") from None
                continue
            except (RecursionError, ValueError) as err:
                raise DataFout(f"Geen geldige JSON: {_kort(err)}") from None
            if end >= len(self.buf) and self._fill():
                continue  # a number may go on in the next chunk
            self.pos = end
            return value

    def tell(self) -> int:
        return self.f.buffer.tell()


def _json_rows(opener, encoding: str, size: int, gemeente_code: str, voortgang: Voortgang):
    """Records of an OData v3 JSON ({"value": [...]}) or a plain list; numbered 1, 2, ... as before."""
    keep = re.compile(bewaar_patroon(gemeente_code))
    geldig = re.compile(GELDIGE_REGIO)
    records: list[Record] = []
    namen: dict[str, str] = {}
    gelezen = 0
    extra: dict = {}
    with opener() as f:
        s = _JsonStroom(f, encoding)
        try:
            first = s.peek()
            if first == "{":
                s.pos += 1
                found = False
                while s.peek() != "}":
                    if extra or found:
                        s.expect(",")
                    key = s.value()
                    if not isinstance(key, str):
                        raise DataFout("Geen geldige JSON: een sleutel moet tekst zijn")
                    s.expect(":")
                    if key == "value" and not found and s.peek() == "[":
                        found = True
                        gelezen = _json_array(s, records, namen, keep, geldig, voortgang, size)
                    else:
                        value = s.value()
                        if key == "value":
                            raise DataFout("Geen OData-bestand: 'value' is geen lijst")
                        extra[key] = value
                    if s.peek() == "":
                        raise DataFout("Geen geldige JSON: het bestand houdt halverwege op")
                s.pos += 1
                if not found:
                    raise DataFout("Geen OData-bestand: de lijst 'value' ontbreekt")
            elif first == "[":
                gelezen = _json_array(s, records, namen, keep, geldig, voortgang, size)
            else:
                s.value()
                raise DataFout("Geen OData-bestand: de lijst 'value' ontbreekt")
            if s.peek() != "":
                raise DataFout("Geen geldige JSON: Extra data")
        except UnicodeDecodeError:
            raise DataFout("Geen tekstbestand: kies een CSV (StatLine) of JSON (OData)") from None
    if extra.get("odata.nextLink"):
        raise DataFout(
            "Dit is maar één pagina van de tabel (odata.nextLink). Haal de hele tabel op met "
            "'python -m lib.cijfers.rivm fetch'"
        )
    if not records:
        return pd.DataFrame(columns=["WijkenEnBuurten", "rij"]), gelezen, namen
    columns = list(records[0].velden)
    wanted = [c for c in (*SLEUTELS, "Marges", *KOLOMMEN) if c in columns]
    frame = pd.DataFrame(
        {c: [_cell(r.velden.get(c)) for r in records] for c in wanted} | {"rij": [r.rij for r in records]}
    )
    return frame, gelezen, namen


def _json_array(s: _JsonStroom, records, namen, keep, geldig, voortgang, size) -> int:
    s.expect("[")
    i = 0
    while s.peek() != "]":
        if i:
            s.expect(",")
        i += 1
        if s.peek() != "{":
            if s.peek() == "":
                raise DataFout("Geen geldige JSON: het bestand houdt halverwege op")
            raise DataFout("Record is geen object", rij=i)
        item = s.value()
        if i == 1:
            _check_columns(set(item))
        regio = _text(item.get("WijkenEnBuurten")).upper()
        if not geldig.match(regio):
            raise _regio_fout(regio, i)
        if keep.match(regio):
            records.append(Record(i, {**item, "WijkenEnBuurten": regio}))
            naam = item.get("Gemeentenaam_1")
            if regio.startswith("GM") and isinstance(naam, str) and naam.strip():
                namen.setdefault(regio, naam.strip())
        if i % 10000 == 0 and size:
            voortgang(min(s.tell() / size, 0.99))
    s.pos += 1
    return i


def parse(content: bytes, bestandsnaam: str, gemeente_code: str, voortgang: Voortgang | None = None) -> pd.DataFrame:
    """Read an uploaded 50120NED file (CSV or OData JSON) into our validated long table (see ``lees``).

    Raises DataFout (Dutch, with row and column) for anything that is not a usable file.
    """
    return lees(content, gemeente_code, bestandsnaam, voortgang=voortgang).cijfers


def parse_file(path: Path | str, gemeente_code: str, voortgang: Voortgang | None = None) -> pd.DataFrame:
    """Read a 50120NED file from disk, of any size, into our validated long table (see ``lees``)."""
    return lees(Path(path), gemeente_code, voortgang=voortgang).cijfers


# --- fetching from the CBS OData API ------------------------------------------------------------


class OfflineFout(RuntimeError):
    """The CBS server could not be reached."""


def odata_url(gemeente_code: str, base: str | None = None) -> str:
    """The first TypedDataSet URL: the gemeente's wijken and buurten, every gemeente, and Nederland.

    The same rows an import of the whole table keeps (``bewaar_patroon``), so the server sends no
    more than we store.
    """
    base = (base or os.environ.get(URL_ENV) or ODATA_URL).rstrip("/")
    digits = gemeente_code[2:]
    flt = (
        "startswith(WijkenEnBuurten,'NL01') or startswith(WijkenEnBuurten,'GM') or "
        f"startswith(WijkenEnBuurten,'WK{digits}') or startswith(WijkenEnBuurten,'BU{digits}')"
    )
    select = ",".join(["ID", *SLEUTELS, "Marges", "Gemeentenaam_1", "SoortRegio_2", "Codering_3", *KOLOMMEN])
    query = urllib.parse.urlencode({"$filter": flt, "$select": select, "$format": "json"}, quote_via=urllib.parse.quote)
    return f"{base}/TypedDataSet?{query}"


def fetch(
    gemeente_code: str,
    *,
    base: str | None = None,
    opener: Callable = urllib.request.urlopen,
    progress: Callable[[str], None] = lambda s: None,
    timeout: float = 60,
    max_pages: int = 1000,
) -> list[dict]:
    """All rows of 50120NED for one gemeente, following odata.nextLink page by page."""
    url: str | None = odata_url(gemeente_code, base)
    rows: list[dict] = []
    page = 0
    while url and page < max_pages:
        page += 1
        request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "meer-samen"})
        try:
            with opener(request, timeout=timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as err:
            raise OfflineFout(f"De CBS-server antwoordde met fout {err.code} ({err.reason}) op pagina {page}.") from err
        except (urllib.error.URLError, TimeoutError, OSError) as err:
            host = urllib.parse.urlsplit(url).hostname
            raise OfflineFout(
                f"Geen verbinding met de CBS-server ({host}). Controleer de internetverbinding en probeer het "
                "opnieuw, of download de tabel zelf van StatLine (onbewerkte dataset, CSV) en lees die in op "
                "de pagina Data en bronnen."
            ) from err
        try:
            data = json.loads(body)
            values = data["value"]
        except (ValueError, KeyError, TypeError) as err:
            raise OfflineFout(f"Onverwacht antwoord van de CBS-server op pagina {page} (geen OData-JSON).") from err
        rows.extend(values)
        progress(f"Pagina {page}: {len(values)} rijen opgehaald, {len(rows)} in totaal")
        url = data.get("odata.nextLink")
    return rows


class Balk:
    """A progress bar on a terminal (one line, redrawn); nothing when the output is not a terminal."""

    def __init__(self, stream=None, breedte: int = 30):
        self.stream = stream or sys.stderr
        self.aan = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.breedte, self.laatst = breedte, -1

    def __call__(self, deel: float) -> None:
        procent = int(deel * 100)
        if not self.aan or procent == self.laatst:
            return
        self.laatst = procent
        vol = int(deel * self.breedte)
        self.stream.write(f"\r[{'#' * vol}{'.' * (self.breedte - vol)}] {procent:3d}% gelezen")
        self.stream.flush()
        if procent >= 100:
            self.stream.write("\n")


def _gemeentecode(raw: str | None) -> str | None:
    from lib.kern.config import gemeente

    code = (raw or gemeente().code).strip().upper()
    if not re.fullmatch(r"GM\d{4}", code):
        print(f"Ongeldige gemeentecode '{code}': gebruik GM gevolgd door vier cijfers, bijvoorbeeld GM0502.")
        return None
    return code


def _redacteur(naam: str):
    """An editor login for the command line: the configured hash, the password asked without echo."""
    import getpass
    import tomllib

    from lib.kern import auth

    secret = None
    secrets_file = Path(".streamlit/secrets.toml")
    if secrets_file.exists():
        try:
            secret = tomllib.loads(secrets_file.read_text(encoding="utf-8")).get("editor_hash")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            secret = None
    stored = auth.configured_hash(secret)
    if stored is None:
        print(
            "Opslaan kan alleen als redacteur, en er is geen redacteurswachtwoord ingesteld (zie Beveiliging in de "
            "README). Controleer het bestand zonder op te slaan met --controleer.",
            file=sys.stderr,
        )
        return None
    password = getpass.getpass("Redacteurswachtwoord: ")
    editor = auth.login(password, naam, stored)
    if editor is None:
        print("Onjuist wachtwoord; er is niets opgeslagen.", file=sys.stderr)
    return editor


def import_command(args) -> int:
    """Read a file of any size, print what is kept, and store it as one import (editors only)."""
    code = _gemeentecode(args.gemeente)
    if code is None:
        return 2
    path = Path(args.bestand)
    if not path.is_file():
        print(f"Bestand niet gevonden: {path}", file=sys.stderr)
        return 1
    print(f"{path.name} lezen ({path.stat().st_size / 1024 / 1024:.0f} MB) voor {code}…", flush=True)
    try:
        result = lees(path, code, voortgang=Balk())
    except DataFout as err:
        print(f"Niet ingelezen; er is niets veranderd. {err}", file=sys.stderr)
        return 1
    print(result.samenvatting())
    if args.controleer:
        print("Alleen gecontroleerd (--controleer): er is niets opgeslagen.")
        return 0
    from contextlib import closing

    from lib.cijfers import imports, loaders
    from lib.kern import storage

    editor = _redacteur(args.naam)
    if editor is None:
        return 1
    with closing(storage.connect()) as conn:
        import_id = imports.apply(conn, editor, result.cijfers, path.name, loaders.load_figures(), namen=result.namen)
    print(f"Opgeslagen als import {import_id}: {len(result.cijfers)} cijfers. Het dashboard toont ze meteen.")
    return 0


def fetch_command(args) -> int:
    code = _gemeentecode(args.gemeente)
    if code is None:
        return 2
    out = Path(args.out or f"{TABEL}_{code}.json")
    print(f"Tabel {TABEL} ophalen voor {code} en alle gemeenten bij het CBS…", flush=True)
    try:
        rows = fetch(code, base=args.url, progress=lambda s: print(s, flush=True))
    except OfflineFout as err:
        print(str(err), file=sys.stderr)
        return 1
    if not rows:
        print(f"Het CBS gaf geen rijen voor {code}. Bestaat deze gemeentecode in tabel {TABEL}?", file=sys.stderr)
        return 1
    out.write_text(json.dumps({"value": rows}, ensure_ascii=False), encoding="utf-8")
    try:
        result = lees(out, code)
    except DataFout as err:
        print(f"Opgeslagen in {out}, maar het bestand is niet in te lezen: {err}", file=sys.stderr)
        return 1
    print(
        f"Klaar: {len(rows)} rijen opgeslagen in {out} ({len(result.cijfers)} cijfers, "
        f"{result.cijfers['regio_code'].nunique()} regio's). Lees het bestand in op de pagina Data en bronnen, "
        f"of met 'python -m lib.cijfers.rivm import {out}'."
    )
    return 0


def main(argv: list[str] | None = None, prog: str = "python -m lib.cijfers.rivm") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="RIVM/CBS-tabel 50120NED ophalen en inlezen")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    f = sub.add_parser("fetch", help="haal de tabel op bij het CBS (internet nodig)")
    f.add_argument("--gemeente", default=None, help="gemeentecode, bijvoorbeeld GM0502 (standaard: de ingestelde)")
    f.add_argument("--out", default=None, help="uitvoerbestand (standaard 50120NED_<code>.json)")
    f.add_argument("--url", default=None, help=f"andere OData-basis-URL (standaard {ODATA_URL})")
    i = sub.add_parser("import", help="lees een bestand van elke grootte in (CSV van StatLine of JSON)")
    i.add_argument("bestand", help="het bestand, bijvoorbeeld de hele tabel als CSV")
    i.add_argument("--gemeente", default=None, help="gemeentecode (standaard: de ingestelde)")
    i.add_argument("--controleer", action="store_true", help="alleen controleren en tonen, niets opslaan")
    i.add_argument("--naam", default="opdrachtregel", help="naam van de redacteur in het wijzigingslog")
    args = parser.parse_args(argv)
    return fetch_command(args) if args.opdracht == "fetch" else import_command(args)


if __name__ == "__main__":
    raise SystemExit(main())
