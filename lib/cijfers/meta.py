"""Metadata of the shipped datasets and of the sources a figure can cite (data/sources.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout


@dataclass(frozen=True)
class Dataset:
    key: str
    titel: str
    bestand: str
    bron: str
    jaar: int | str  # "voorbeeld" for an example dataset: it has no year of measurement
    licentie: str
    url: str
    illustratief: bool
    toelichting: str = ""


@dataclass(frozen=True)
class Bron:
    key: str
    label: str
    jaar: int | str  # "voorbeeld" for example figures: never a year that reads like a publication
    url: str
    licentie: str
    illustratief: bool

    def citaat(self) -> str:
        """Short 'Bron: …, jaar' line for under a figure."""
        return f"Bron: {self.label}, {self.jaar}"


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise DataFout(f"Bronnenbestand niet leesbaar: {err}", bestand=path.name) from err


@cache
def datasets(path: Path = DATA_DIR / "sources.toml") -> dict[str, Dataset]:
    """All shipped datasets by key."""
    raw = _load(path).get("datasets", {})
    try:
        return {key: Dataset(key=key, **fields) for key, fields in raw.items()}
    except TypeError as err:
        raise DataFout(f"Onvolledige beschrijving van een dataset: {err}", bestand=path.name) from err


@cache
def bronnen(path: Path = DATA_DIR / "sources.toml") -> dict[str, Bron]:
    """All citable sources by key (the values of the `bron` column of the figures)."""
    raw = _load(path).get("bronnen", {})
    try:
        return {key: Bron(key=key, **fields) for key, fields in raw.items()}
    except TypeError as err:
        raise DataFout(f"Onvolledige beschrijving van een bron: {err}", bestand=path.name) from err


def bron_label(key: str) -> str:
    """'label (jaar)' of a source key, for a source line; an unknown key as it is. Example figures read
    '… (voorbeeld)', so no example is credited to RIVM or given a year."""
    b = bronnen().get(key)
    return f"{b.label} ({b.jaar})" if b else key
