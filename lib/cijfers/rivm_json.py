"""Table 50120NED as OData JSON ({"value": [{...}, ...]} or a plain list), streamed record by record:
only the kept rows (see lib.cijfers.rivm.bewaar_patroon) are collected, each region code is checked.
Called by lib.cijfers.rivm_lezen, which reads the CSV form and decides which reader a file needs."""

from __future__ import annotations

import io
import json
import re

import pandas as pd

from lib.cijfers.rivm import (
    KOLOMMEN,
    SLEUTELS,
    Record,
    Voortgang,
    _cell,
    _check_columns,
    _kort,
    _regio_fout,
    _text,
    bewaar_patroon,
)
from lib.kern.errors import DataFout
from lib.regio import codes

JSON_CHUNK = 1024 * 1024
MAX_RECORD_CHARS = 16 * 1024 * 1024
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
    geldig = codes.REGIO_PATTERN
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
