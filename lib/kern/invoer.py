"""Reading untrusted input safely: JSON of bounded depth, numbers within float range.

Each function raises DataFout (a Dutch message naming the file and where) instead of a
RecursionError, OverflowError or similar, so every importer can show it as it shows its other errors.
"""

from __future__ import annotations

import json
import math

from lib.kern.errors import DataFout

MAX_DIEPTE = 64  # nothing the app stores or reads nests deeper than a handful of levels


def diepte(value) -> int:
    """How deeply lists and objects nest in a parsed JSON value (a scalar is depth 0); no recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            deepest = max(deepest, level)
            continue
        deepest = max(deepest, level + 1)
        stack.extend((child, level + 1) for child in children)
    return deepest


def json_laden(text: str | bytes, *, bestand: str | None = None, max_diepte: int = MAX_DIEPTE):
    """Parse JSON; DataFout for invalid JSON, nesting deeper than ``max_diepte`` or numbers out of range."""
    try:
        value = json.loads(text, parse_constant=_geen_constante)
    except RecursionError as err:
        raise DataFout(f"De JSON is te diep genest (hooguit {max_diepte} niveaus)", bestand=bestand) from err
    except (ValueError, TypeError) as err:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise DataFout(f"Dit is geen geldige JSON: {_kort(err)}", bestand=bestand) from err
    if diepte(value) > max_diepte:
        raise DataFout(f"De JSON is te diep genest (hooguit {max_diepte} niveaus)", bestand=bestand)
    return value


def _geen_constante(name: str):
    raise ValueError(f"'{name}' is geen getal")


def _kort(err: Exception) -> str:
    return str(err)[:200]


def eindig_getal(value, *, bestand: str | None = None, rij: int | None = None, kolom: str | None = None) -> float:
    """``float(value)`` for an int, float or numeric text that fits a float; DataFout otherwise (also for
    'inf' and 'nan' and numbers like 1 followed by 400 zeros)."""
    try:
        number = float(value)
    except OverflowError as err:
        raise DataFout("Het getal is te groot", bestand=bestand, rij=rij, kolom=kolom) from err
    except (TypeError, ValueError) as err:
        raise DataFout(f"'{str(value)[:40]}' is geen getal", bestand=bestand, rij=rij, kolom=kolom) from err
    if not math.isfinite(number):
        raise DataFout("Het getal is te groot of geen eindig getal", bestand=bestand, rij=rij, kolom=kolom)
    return number
