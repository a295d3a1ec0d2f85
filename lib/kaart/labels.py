"""Wijk name labels on the pydeck map: readable, whole and apart.

- In the page's own font (Streamlit's Source Sans), not deck.gl's monospace default.
- Long names on two lines ("Capelle West en / 's Gravenland"), so they stay narrow.
- `label_boxes` estimates each label's box in pixels for a given map size, so a test can check that
  no label is cut off at the map edge or overlaps another, on a phone and on a laptop.
"""

from __future__ import annotations

from collections.abc import Sequence

from lib.kaart.beeld import ViewState, project

# pydeck turns every string prop into a JavaScript expression, so string values carry their own quotes.
FONT = "Source Sans, sans-serif"  # Streamlit's own font (the page loads it), unquoted CSS family list
GROOTTE = 11  # px; at 12 px the two Oostgaarde labels touch (tests/test_toegankelijkheid.py)
REGELHOOGTE = 1.15
GEMIDDELDE_TEKENBREEDTE = 0.52  # of the font size; Source Sans is narrow (measured: 'Middelwatering' 12 px ~ 80 px)
MAX_REGEL = 14  # characters before a name is split over two lines


def label_tekst(naam: str) -> str:
    """The name on one line, or on two lines split at the space that balances them best."""
    if len(naam) <= MAX_REGEL or " " not in naam:
        return naam
    woorden = naam.split(" ")
    beste = min(
        range(1, len(woorden)),
        key=lambda i: abs(len(" ".join(woorden[:i])) - len(" ".join(woorden[i:]))),
    )
    return " ".join(woorden[:beste]) + "\n" + " ".join(woorden[beste:])


def label_boxes(
    labels: Sequence[dict], namen: dict[str, str], view: ViewState, width: float, height: float, size: float = GROOTTE
) -> list[tuple[str, float, float, float, float]]:
    """(code, left, top, right, bottom) in pixels of each line of each centred label on a width x height
    map; a two-line label gives two boxes (its short second line leaves room at the corners)."""
    out = []
    for p in labels:
        regels = label_tekst(namen.get(p["code"], p["code"])).split("\n")
        x, y = project(p["position"][0], p["position"][1], view, width, height)
        regel_h = size * REGELHOOGTE
        top = y - len(regels) * regel_h / 2
        for i, regel in enumerate(regels):
            w = len(regel) * size * GEMIDDELDE_TEKENBREEDTE + 2  # + the white halo (1 px a side)
            out.append((p["code"], x - w / 2, top + i * regel_h - 1, x + w / 2, top + (i + 1) * regel_h + 1))
    return out


def _luminantie(rgb: Sequence[int]) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def kanaal(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (kanaal(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def tekst_kleur(vulling: Sequence[int]) -> list[int]:
    """Near-black or white, whichever contrasts more with the area's fill (WCAG contrast ratio)."""
    alpha = vulling[3] / 255 if len(vulling) > 3 else 1.0  # drawn over the white map background
    lum = _luminantie([c * alpha + 255 * (1 - alpha) for c in vulling[:3]])
    donker = (lum + 0.05) / (_luminantie((20, 20, 20)) + 0.05)
    licht = 1.05 / (lum + 0.05)
    return [20, 20, 20, 255] if donker >= licht else [255, 255, 255, 255]


def text_layer_kwargs(size: float = GROOTTE) -> dict:
    """The TextLayer settings: own font; each label's colour (its "kleur" field) is black or white,
    whichever contrasts more with its area's fill (tekst_kleur)."""
    return {
        "get_size": size,
        "font_family": f'"{FONT}"',
        "font_weight": 600,
        "line_height": REGELHOOGTE,
        "get_color": "kleur",
        "get_text_anchor": '"middle"',
        "get_alignment_baseline": '"center"',
    }
