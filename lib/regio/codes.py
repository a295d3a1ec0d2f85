"""CBS region codes and their levels: the one home for NL01 and the code structure.

A CBS code says its own level: NL01 is the Netherlands, GM0502 a gemeente, WK050201 a wijk of
that gemeente, BU05020110 a buurt of that wijk. A buurt BU0502WWBB lies in wijk WK0502WW, and a
wijk WK0502WW in gemeente GM0502; the functions below apply that rule, nobody else spells it out.
"""

from __future__ import annotations

import re

from lib.kern.links import safe_text

NEDERLAND = "NL01"  # the national figure's region code (RIVM/CBS)

GEMEENTE_PATTERN = re.compile(r"^GM\d{4}$")
WIJK_PATTERN = re.compile(r"^WK\d{6}$")
BUURT_PATTERN = re.compile(r"^BU\d{8}$")
REGIO_PATTERN = re.compile(rf"^({NEDERLAND}|GM\d{{4}}|WK\d{{6}}|BU\d{{8}})$")

NIVEAUS = {"NL": "land", "GM": "gemeente", "WK": "wijk", "BU": "buurt"}


def niveau(regio_code: str) -> str:
    """'land', 'gemeente', 'wijk' or 'buurt' from a CBS region code; 'onbekend' otherwise."""
    return NIVEAUS.get(str(regio_code)[:2].upper(), "onbekend")


def wijk_van_buurt(buurt_code: str) -> str:
    """The wijk a buurt lies in: BU0502WWBB -> WK0502WW."""
    return "WK" + buurt_code[2:8]


def gemeente_van(regio_code: str) -> str:
    """The gemeente of a wijk or buurt code (WK050201 or BU05020110 -> GM0502)."""
    return "GM" + regio_code[2:6]


def binnen_wijk(wijk_code: str) -> tuple[str, str]:
    """Code prefixes of a wijk and its buurten, for str.startswith: ('WK050201', 'BU050201')."""
    return wijk_code, "BU" + wijk_code[2:]


def gemeente_pattern(gemeente_code: str) -> re.Pattern:
    """Codes that belong to one gemeente's figures: NL01, the gemeente, its wijken and buurten."""
    digits = re.escape(gemeente_code[2:])
    return re.compile(rf"{NEDERLAND}|{re.escape(gemeente_code)}|WK{digits}\d{{2}}|BU{digits}\d{{4}}")


def parse_wijk_code(raw: str | None, known: set[str] | dict) -> tuple[str | None, str | None]:
    """(code, problem) for a wijk code from a link (?wijk=): a known code, or None with a Dutch reason."""
    if raw is None or str(raw).strip() == "":
        return None, None
    text = str(raw).strip().upper()
    if not WIJK_PATTERN.match(text):
        return None, "Dit is geen geldige wijkcode (een wijkcode ziet eruit als WK050207)."
    if text not in known:
        return None, "Deze wijk ligt niet in de gemeente of bestaat niet."
    return text, None


def lees_wijk_link(raw: str, known: set[str] | dict) -> tuple[str | None, str | None]:
    """(code, message) for the wijk picker: a known code, or None with the Dutch note for the page."""
    code, probleem = parse_wijk_code(raw, known)
    if probleem:
        return None, f"De link vraagt om wijk '{safe_text(raw)}'. {probleem} Kies hieronder een wijk."
    return code, None
