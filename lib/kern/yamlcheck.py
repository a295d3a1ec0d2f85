"""The one YAML reader: parse a file and check its fields, every problem a Dutch DataFout naming
the file, the place in it (an item, or a path such as "thema 2 > actie 2.1") and the field.

Used by the catalogue, the personas and the plan. Hand-written on purpose: the schemas are small,
and the messages must be Dutch and say where.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from lib.kern.errors import DataFout

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; a missing or unreadable file is a DataFout naming it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataFout("Bestand ontbreekt", bestand=Path(path).name) from err
    except (OSError, UnicodeDecodeError) as err:
        raise DataFout(f"Bestand niet leesbaar: {err}", bestand=Path(path).name) from err
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        waar = f" (regel {mark.line + 1})" if mark is not None else ""
        raise DataFout(f"Geen geldige YAML{waar}: {getattr(err, 'problem', err)}", bestand=Path(path).name) from err


class Fields:
    """Typed access to one mapping (an item, a persona, a part of the plan).

    Every error is a DataFout with the file, the place (``item``) and the field. ``allowed`` lists
    the known field names; None accepts any (the plan checks only what it reads).
    """

    def __init__(self, raw: Any, bestand: str, item: str, allowed: Iterable[str] | None = None):
        self.bestand, self.item = bestand, item
        if not isinstance(raw, Mapping):
            self.fail("Verwacht een lijst van velden (naam: waarde)", None)
        self.raw = dict(raw)
        unknown = sorted(str(k) for k in self.raw if allowed is not None and k not in set(allowed))
        if unknown:
            self.fail(f"Onbekend veld '{unknown[0]}'", unknown[0])

    def fail(self, melding: str, veld: str | None = None) -> None:
        plek = f"{self.item}, veld '{veld}'" if veld else self.item
        raise DataFout(f"{melding} in {plek}", bestand=self.bestand, kolom=veld)

    def sub(self, veld: str) -> Fields:
        """The mapping under ``veld``, its place named after this one ('alliantie > rollen')."""
        return Fields(self.raw.get(veld), self.bestand, f"{self.item} > {veld}" if self.item else veld)

    def present(self, veld: str) -> bool:
        return self.raw.get(veld) is not None

    def text(
        self, veld: str, *, required: bool = True, max_len: int = 2000, numbers: bool = True, one_line: bool = False
    ) -> str:
        """Text of a field. ``numbers=False`` refuses a bare number (an id like 2.1 must be quoted);
        ``one_line`` joins the whitespace of a folded YAML block into single spaces."""
        value = self.raw.get(veld)
        if value is None:
            if required:
                self.fail("Veld ontbreekt", veld)
            return ""
        if isinstance(value, str) and not value.strip():
            if required:
                self.fail("Veld is leeg", veld)
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail("Verwacht tekst", veld)
        if not numbers and not isinstance(value, str):
            self.fail(f"Verwacht tekst, niet '{value}' (zet het tussen aanhalingstekens)", veld)
        value = " ".join(str(value).split()) if one_line else str(value).strip()
        if len(value) > max_len:
            self.fail(f"Tekst is langer dan {max_len} tekens", veld)
        return value

    def integer(
        self, veld: str, *, required: bool = True, low: int | None = None, high: int | None = None
    ) -> int | None:
        value = self.raw.get(veld)
        if value is None:
            if required:
                self.fail("Veld ontbreekt", veld)
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"Verwacht een geheel getal, niet '{value}'", veld)
        if high is None and low is not None and value < low:
            self.fail(f"Getal mag niet kleiner zijn dan {low}: {value}", veld)
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(f"Getal {value} ligt niet tussen {low} en {high}", veld)
        return value

    def number(
        self, veld: str, *, required: bool = True, low: float | None = None, high: float | None = None
    ) -> float | None:
        value = self.raw.get(veld)
        if value is None:
            if required:
                self.fail("Veld ontbreekt", veld)
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"Verwacht een getal, niet '{value}'", veld)
        if (low is not None and value < low) or (high is not None and value > high):
            self.fail(f"Getal {value} ligt buiten het toegestane bereik ({low} tot {high})", veld)
        return float(value)

    def choice(self, veld: str, known: Mapping | Iterable, *, required: bool = True, default: str = "") -> str:
        value = self.raw.get(veld)
        if value is None:
            if required:
                self.fail("Veld ontbreekt", veld)
            return default
        if value not in known:
            self.fail(f"Onbekende waarde '{value}' (kies uit: {', '.join(map(str, known))})", veld)
        return value

    def flag(self, veld: str, *, default: bool = False) -> bool:
        """A yes/no field: YAML true or false; absent gives ``default``. Anything else ('ja', 1) is refused."""
        value = self.raw.get(veld)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(f"Verwacht true of false, niet '{value}'", veld)
        return value

    def items(self, veld: str, *, required: bool = True) -> list:
        """A list field as it stands (the entries are checked by the caller); required: not empty."""
        value = self.raw.get(veld)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            self.fail("Verwacht een niet-lege lijst", veld)
        return value

    def strings(
        self, veld: str, *, required: bool = True, max_len: int = 500, one_line: bool = False
    ) -> tuple[str, ...]:
        value = self.raw.get(veld)
        if value is None:
            if required:
                self.fail("Veld ontbreekt", veld)
            return ()
        if not isinstance(value, list):
            self.fail("Verwacht een lijst", veld)
        out = []
        for entry in value:
            if not isinstance(entry, str) or not entry.strip():
                self.fail(f"Verwacht tekst in de lijst, niet '{entry}'", veld)
            if len(entry) > max_len:
                self.fail(f"Tekst is langer dan {max_len} tekens", veld)
            out.append(" ".join(entry.split()) if one_line else entry.strip())
        if required and not out:
            self.fail("Lijst is leeg", veld)
        return tuple(out)

    def choices(self, veld: str, known: Mapping | Iterable, *, required: bool = True) -> tuple:
        value = self.raw.get(veld)
        if value is None:
            if required:
                self.fail("Veld ontbreekt", veld)
            return ()
        if not isinstance(value, list):
            self.fail("Verwacht een lijst", veld)
        known = list(known)
        for entry in value:
            if entry not in known:
                self.fail(f"Onbekende waarde '{entry}' (kies uit: {', '.join(map(str, known))})", veld)
        if len(set(value)) != len(value):
            self.fail("Een waarde staat dubbel in de lijst", veld)
        if required and not value:
            self.fail("Lijst is leeg", veld)
        return tuple(value)

    def date(self, veld: str) -> dt.date:
        value = self.raw.get(veld)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(f"Verwacht een datum als 2026-11-01, niet '{value}'", veld)
        raise AssertionError  # unreachable: fail raises

    def slug(self, veld: str = "id") -> str:
        value = self.text(veld, max_len=80)
        if not SLUG.match(value):
            self.fail(f"Id '{value}' mag alleen kleine letters, cijfers en streepjes bevatten", veld)
        return value
