"""RIVM/CBS table 50120NED "Gezondheid per wijk en buurt": read it, and fetch it from the CBS OData API.

Two formats, as users get them:

- the StatLine CSV of the raw dataset ("onbewerkte dataset"): semicolon separated, the table's keys
  as headers (``WijkenEnBuurten``, ``Perioden``, ``Leeftijd``, ``Marges``, ``Eenzaam_27``, ...),
  region keys padded with spaces, missing values as ``.`` or empty, decimal points or commas;
- the OData v3 JSON of ``TypedDataSet``: ``{"value": [...]}`` (the fetch command follows
  ``odata.nextLink`` and writes all pages as one such file).

Both become our long table (lib.cijfers.loaders.FIGURE_COLUMNS), bron ``rivm_50120NED``, not illustrative.
Every problem is a DataFout naming the row and column of the uploaded file; nothing is half-read.

Command line (for a user who is online)::

    python -m lib.cijfers.rivm fetch --gemeente GM0502 [--out bestand.json]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
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

import pandas as pd

from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.cijfers.loaders import FIGURE_COLUMNS, validate_figures
from lib.kern.config import gemeente
from lib.kern.errors import DataFout
from lib.regio import codes

BRON = "rivm_50120NED"
TABEL = "50120NED"
MAX_BYTES = 50 * 1024 * 1024
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


def _number(value, rij: int, kolom: str) -> float | None:
    """A percentage from a cell: None for missing ('.', empty, null), a DataFout for anything else."""
    if isinstance(value, bool):
        raise DataFout(f"Geen getal: '{value}'", rij=rij, kolom=kolom)
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond float range, e.g. 1 followed by 400 zeros
            raise DataFout(f"Getal te groot: '{str(value)[:20]}…'", rij=rij, kolom=kolom) from None
    else:
        text = _text(value)
        if text in MISSING:
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise DataFout(f"Geen getal: '{text[:40]}'", rij=rij, kolom=kolom) from None
    if math.isnan(number) or math.isinf(number):
        raise DataFout(f"Geen getal: '{value}'", rij=rij, kolom=kolom)
    if number < 0 or number > 100:
        raise DataFout(f"Percentage moet tussen 0 en 100 liggen: '{value}'", rij=rij, kolom=kolom)
    return number


_gemeente_pattern = cache(codes.gemeente_pattern)


def regio_in_gemeente(regio: str, gemeente_code: str) -> bool:
    """True for the gemeente itself, its wijken and buurten, and the national figure (NL01)."""
    return _gemeente_pattern(gemeente_code).fullmatch(regio) is not None


def to_figures(records: Iterable[Record], gemeente_code: str, bestand: str = "upload") -> pd.DataFrame:
    """Turn the table's rows (one per region x period x age x margin) into our validated long table."""
    records = list(records)
    if not records:
        raise DataFout("Het bestand bevat geen rijen", bestand=bestand)
    columns = set(records[0].velden)
    missing = [c for c in SLEUTELS if c not in columns]
    if missing:
        raise DataFout(
            f"Kolom ontbreekt: {', '.join(missing)}. Is dit tabel 50120NED?", bestand=bestand, rij=1, kolom=missing[0]
        )
    indicator_cols = [c for c in KOLOMMEN if c in columns]
    if not indicator_cols:
        raise DataFout(
            "Geen van de eenzaamheidskolommen gevonden (" + ", ".join(KOLOMMEN) + "). Is dit tabel 50120NED?",
            bestand=bestand,
            rij=1,
        )
    has_marges = "Marges" in columns
    # (regio, periode, leeftijd, indicator) -> {"waarde": .., "ondergrens": .., "bovengrens": .., "rij": ..}
    cells: dict[tuple, dict] = {}
    seen: dict[tuple, int] = {}
    try:
        for rec in records:
            v, rij = rec.velden, rec.rij
            regio = _text(v.get("WijkenEnBuurten")).upper()
            if not regio:
                raise DataFout("Regiocode ontbreekt", rij=rij, kolom="WijkenEnBuurten")
            if not regio_in_gemeente(regio, gemeente_code):
                raise DataFout(
                    f"Regio '{regio[:20]}' hoort niet bij de ingestelde gemeente {gemeente_code}. Selecteer op "
                    "StatLine alleen deze gemeente met haar wijken en buurten, of gebruik 'python -m lib.cijfers.rivm fetch'",
                    rij=rij,
                    kolom="WijkenEnBuurten",
                )
            match = PERIODE_PATTERN.match(_text(v.get("Perioden")))
            if not match:
                raise DataFout(
                    f"Onbekende periode: '{_text(v.get('Perioden'))[:20]}' (verwacht bijvoorbeeld 2022JJ00)",
                    rij=rij,
                    kolom="Perioden",
                )
            periode = int(match.group(1))
            leeftijd = LEEFTIJD_CODES.get(_text(v.get("Leeftijd")))
            if leeftijd is None:
                raise DataFout(
                    f"Onbekende leeftijdscode: '{_text(v.get('Leeftijd'))[:20]}' (verwacht 20300, 53115 of 80200)",
                    rij=rij,
                    kolom="Leeftijd",
                )
            marge = MARGES.get(_text(v.get("Marges"))) if has_marges else "waarde"
            if marge is None:
                raise DataFout(
                    f"Onbekende marge: '{_text(v.get('Marges'))[:20]}' (verwacht MW00000, MOG0095 of MBG0095)",
                    rij=rij,
                    kolom="Marges",
                )
            key = (regio, periode, leeftijd, marge)
            if key in seen:
                raise DataFout(f"Dubbele rij: dezelfde regio, periode, leeftijd en marge als rij {seen[key]}", rij=rij)
            seen[key] = rij
            for kolom in indicator_cols:
                number = _number(v.get(kolom), rij, kolom)
                cell = cells.setdefault((regio, periode, leeftijd, KOLOMMEN[kolom]), {})
                cell[marge] = number
                cell.setdefault("rij", rij)
                cell.setdefault("kolom", kolom)
    except DataFout as err:
        raise DataFout(err.melding, bestand=bestand, rij=err.rij, kolom=err.kolom) from None

    rows, origin = [], []
    for (regio, periode, leeftijd, indicator), cell in cells.items():
        if cell.get("waarde") is None:
            continue  # no estimate (too few respondents): no figure, never a 0
        rows.append(
            {
                "regio_code": regio,
                "periode": str(periode),
                "leeftijd": leeftijd,
                "indicator": indicator,
                **{m: "" if cell.get(m) is None else repr(cell[m]) for m in ("waarde", "ondergrens", "bovengrens")},
                "bron": BRON,
                "illustratief": "nee",
                "noot": "",
            }
        )
        origin.append((cell["rij"], cell["kolom"]))
    if not rows:
        raise DataFout("Het bestand bevat geen enkel eenzaamheidscijfer (alle waarden ontbreken)", bestand=bestand)
    raw = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    try:
        return validate_figures(raw, Path(bestand))
    except DataFout as err:
        # Point at the row of the uploaded file, not of our intermediate table.
        rij, kolom = origin[err.rij - 2] if err.rij else (None, err.kolom)
        raise DataFout(err.melding, bestand=bestand, rij=rij, kolom=kolom) from None


def read_csv_records(text: str) -> list[Record]:
    """Rows of a StatLine CSV (semicolon, quoted or not); row numbers count the header as 1."""
    sample = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(sample), delimiter=";", quotechar='"')
    try:
        lines = list(reader)
    except csv.Error as err:
        raise DataFout(f"Geen leesbaar CSV-bestand: {err}") from None
    lines = [line for line in lines if any(cell.strip() for cell in line)]
    if not lines:
        raise DataFout("Het bestand is leeg")
    header = [h.strip() for h in lines[0]]
    if len(header) < 2:
        raise DataFout("Geen puntkomma-gescheiden bestand: kies de CSV van de onbewerkte dataset van StatLine", rij=1)
    records = []
    for i, line in enumerate(lines[1:], start=2):
        if len(line) != len(header):
            raise DataFout(f"Rij heeft {len(line)} kolommen, de kop heeft er {len(header)}", rij=i)
        records.append(Record(i, dict(zip(header, line, strict=True))))
    return records


def read_json_records(data) -> list[Record]:
    """Rows of the OData v3 JSON ({"value": [...]}); row numbers are 1-based record numbers."""
    if isinstance(data, dict) and "value" in data:
        if data.get("odata.nextLink"):
            raise DataFout(
                "Dit is maar één pagina van de tabel (odata.nextLink). Haal de hele tabel op met "
                "'python -m lib.cijfers.rivm fetch'"
            )
        values = data["value"]
    elif isinstance(data, list):
        values = data
    else:
        raise DataFout("Geen OData-bestand: de lijst 'value' ontbreekt")
    if not isinstance(values, list):
        raise DataFout("Geen OData-bestand: 'value' is geen lijst")
    records = []
    for i, item in enumerate(values, start=1):
        if not isinstance(item, dict):
            raise DataFout("Record is geen object", rij=i)
        records.append(Record(i, item))
    return records


def parse(content: bytes, bestandsnaam: str, gemeente_code: str) -> pd.DataFrame:
    """Read an uploaded 50120NED file (CSV or OData JSON) into our validated long table.

    Raises DataFout (Dutch, with row and column) for anything that is not a usable file.
    """
    name = Path(bestandsnaam).name or "upload"
    if len(content) > MAX_BYTES:
        raise DataFout(
            f"Het bestand is {len(content) / 1024 / 1024:.0f} MB; de grens is {MAX_BYTES // 1024 // 1024} MB",
            bestand=name,
        )
    if not content.strip():
        raise DataFout("Het bestand is leeg", bestand=name)
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".json", ".txt", ""):
        raise DataFout(
            f"Bestandstype '{suffix}' wordt niet gelezen: kies een CSV (StatLine) of JSON (OData)", bestand=name
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise DataFout("Geen tekstbestand: kies een CSV (StatLine) of JSON (OData)", bestand=name) from None
    if "\x00" in text:
        raise DataFout("Geen tekstbestand: kies een CSV (StatLine) of JSON (OData)", bestand=name)
    try:
        if suffix == ".json" or text.lstrip()[:1] in ("{", "["):
            try:
                data = json.loads(text)
            except (ValueError, RecursionError) as err:  # ValueError: also integers of >4300 digits
                raise DataFout(f"Geen geldige JSON: {getattr(err, 'msg', err)}") from None
            records = read_json_records(data)
        else:
            records = read_csv_records(text)
    except DataFout as err:
        raise DataFout(err.melding, bestand=name, rij=err.rij, kolom=err.kolom) from None
    return to_figures(records, gemeente_code, name)


def parse_file(path: Path | str, gemeente_code: str) -> pd.DataFrame:
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise DataFout(f"Het bestand is groter dan {MAX_BYTES // 1024 // 1024} MB", bestand=path.name)
    return parse(path.read_bytes(), path.name, gemeente_code)


# --- fetching from the CBS OData API ------------------------------------------------------------


class OfflineFout(RuntimeError):
    """The CBS server could not be reached."""


def odata_url(gemeente_code: str, base: str | None = None) -> str:
    """The first TypedDataSet URL for one gemeente: itself, its wijken and buurten, and Nederland."""
    base = (base or os.environ.get(URL_ENV) or ODATA_URL).rstrip("/")
    digits = gemeente_code[2:]
    flt = (
        f"startswith(WijkenEnBuurten,'{codes.NEDERLAND}') or startswith(WijkenEnBuurten,'{gemeente_code}') or "
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.cijfers.rivm", description="RIVM/CBS-tabel 50120NED ophalen")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    f = sub.add_parser("fetch", help="haal de tabel op bij het CBS (internet nodig)")
    f.add_argument("--gemeente", default=None, help="gemeentecode, bijvoorbeeld GM0502 (standaard: de ingestelde)")
    f.add_argument("--out", default=None, help="uitvoerbestand (standaard 50120NED_<code>.json)")
    f.add_argument("--url", default=None, help=f"andere OData-basis-URL (standaard {ODATA_URL})")
    args = parser.parse_args(argv)
    code = (args.gemeente or gemeente().code).strip().upper()
    if not re.fullmatch(r"GM\d{4}", code):
        print(f"Ongeldige gemeentecode '{code}': gebruik GM gevolgd door vier cijfers, bijvoorbeeld GM0502.")
        return 2
    out = Path(args.out or f"{TABEL}_{code}.json")
    print(f"Tabel {TABEL} ophalen voor {code} bij het CBS…", flush=True)
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
        figures = to_figures(read_json_records({"value": rows}), code, out.name)
    except DataFout as err:
        print(f"Opgeslagen in {out}, maar het bestand is niet in te lezen: {err}", file=sys.stderr)
        return 1
    print(
        f"Klaar: {len(rows)} rijen opgeslagen in {out} ({len(figures)} cijfers, "
        f"{figures['regio_code'].nunique()} regio's). Lees het bestand in op de pagina Data en bronnen."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
