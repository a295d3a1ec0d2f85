"""Reading table 50120NED of any size: the CSV streamed through pyarrow in blocks, the OData JSON
record by record; only the kept rows (NL01, every gemeente's own row, the configured gemeente's wijken
and buurten) go through the row-by-row validation of lib.cijfers.rivm.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from lib.cijfers.rivm import (
    KOLOMMEN,
    SLEUTELS,
    Voortgang,
    _check_columns,
    _eigen,
    _gemeente_pattern,
    _kort,
    _regio_fout,
    bewaar_patroon,
    cellen,
)
from lib.cijfers.rivm_json import _json_rows
from lib.kern import getallen
from lib.kern.errors import DataFout
from lib.regio import codes

# --- reading any size: a stream in, only the kept rows out -------------------------------------------


@dataclass(frozen=True)
class Inlezing:
    """The outcome of reading one file: the validated figures kept, and what was read and dropped."""

    cijfers: pd.DataFrame  # long table: NL01, every gemeente, and this gemeente's wijken and buurten
    namen: dict[str, str]  # gemeente code -> name, from the table's Gemeentenaam_1 where present
    gemeente_code: str
    gelezen: int  # data rows in the file
    bewaard: int  # data rows kept
    onderdrukt: pd.DataFrame | None = None  # keys of the cells the file leaves out ('.'), see rivm.cellen

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
            f"{getallen.getal(self.gelezen)} rijen gelezen, {getallen.getal(self.bewaard)} bewaard: {self.gemeente_code} met "
            f"{wijken} wijken en {buurten} buurten, Nederland, en {self.andere_gemeenten} andere gemeenten "
            f"om mee te vergelijken. {getallen.getal(self.gelezen - self.bewaard)} rijen van wijken en buurten van "
            "andere gemeenten zijn overgeslagen."
        )


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
            f"Het bestand bevat geen rijen voor de ingestelde gemeente {gemeente_code} (wel {getallen.getal(gelezen)} rijen "
            "van andere regio's). Kies op StatLine deze gemeente of de hele tabel, of gebruik 'python -m "
            "lib.cijfers.rivm fetch'"
        )
    cijfers, onderdrukt = cellen(records, gemeente_code, name)
    voortgang(1.0)
    return Inlezing(cijfers, namen, gemeente_code, gelezen, len(records), onderdrukt)


class _NietUtf8(Exception):
    """The CSV turned out not to be UTF-8 after the sample: read it again as Windows-1252."""


def _csv_rows(opener, sample: str, encoding: str, size: int, gemeente_code: str, voortgang: Voortgang, block_size):
    """Stream a StatLine CSV through pyarrow: only the columns we use, only the rows we keep."""

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


GELDIGE_REGIO = codes.REGIO_PATTERN.pattern  # NL01, GM…, WK… or BU…


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


def parse(content: bytes, bestandsnaam: str, gemeente_code: str, voortgang: Voortgang | None = None) -> pd.DataFrame:
    """Read an uploaded 50120NED file (CSV or OData JSON) into our validated long table (see ``lees``).

    Raises DataFout (Dutch, with row and column) for anything that is not a usable file.
    """
    return lees(content, gemeente_code, bestandsnaam, voortgang=voortgang).cijfers


def parse_file(path: Path | str, gemeente_code: str, voortgang: Voortgang | None = None) -> pd.DataFrame:
    """Read a 50120NED file from disk, of any size, into our validated long table (see ``lees``)."""
    return lees(Path(path), gemeente_code, voortgang=voortgang).cijfers
