"""Configuration: which gemeente, where the data and the local database live.

Everything comes from environment variables with sensible defaults, so a fresh clone works as is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
PERSONA_DIR = ROOT / "personas"


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str


DEFAULT_GEMEENTE = Gemeente("GM0502", "Capelle aan den IJssel")


def gemeente() -> Gemeente:
    """The configured gemeente (MEER_SAMEN_GEMEENTE_CODE / _NAAM), Capelle by default."""
    code = os.environ.get("MEER_SAMEN_GEMEENTE_CODE", DEFAULT_GEMEENTE.code).strip().upper()
    naam = os.environ.get("MEER_SAMEN_GEMEENTE_NAAM", DEFAULT_GEMEENTE.naam if code == DEFAULT_GEMEENTE.code else code)
    return Gemeente(code, naam.strip())


def gemeente_data_dir() -> Path:
    """Folder with the configured gemeente's files (wijken.csv, buurten.csv, gemeente.csv, wijken.geojson,
    buurten.geojson, optionally eenzaamheid.csv).

    MEER_SAMEN_GEMEENTE_DIR if set; the shipped data/ for Capelle; otherwise the folder that
    ``python -m lib.regio.gemeente prepare`` writes: <user data>/gemeenten/<code>.
    """
    explicit = os.environ.get("MEER_SAMEN_GEMEENTE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    code = gemeente().code
    if code == DEFAULT_GEMEENTE.code:
        return DATA_DIR
    return user_data_dir() / "gemeenten" / code


def gemeente_file(name: str) -> Path:
    """Path of one of the configured gemeente's data files."""
    return gemeente_data_dir() / name


def user_data_dir() -> Path:
    """Folder for user data outside the repository (MEER_SAMEN_DATA_DIR, else XDG data home)."""
    explicit = os.environ.get("MEER_SAMEN_DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "meer-samen"


def database_path() -> Path:
    """Path of the embedded SQLite database (MEER_SAMEN_DB, else in the user data folder)."""
    explicit = os.environ.get("MEER_SAMEN_DB")
    return Path(explicit).expanduser() if explicit else user_data_dir() / "meer_samen.sqlite3"
