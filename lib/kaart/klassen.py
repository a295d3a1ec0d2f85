"""Colour classes of the choropleth and the text for one value (margin, difference, reference)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from lib.cijfers import voorbeeld as vb
from lib.cijfers.figures import Waarde
from lib.cijfers.indicators import format_pct
from lib.cijfers.kwb import BRON_CBS
from lib.cijfers.referentie import meetjaar_noot
from lib.kern import getallen

# ColorBrewer YlGnBu, the k-class versions (k = 1..5), light = low, dark = high.
SEQUENTIAL: dict[int, tuple[str, ...]] = {
    1: ("#41b6c4",),
    2: ("#a1dab4", "#2c7fb8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
}

MAX_KLASSEN = 5
GEEN_GEGEVENS = "geen gegevens"
GEEN_GEGEVENS_KLEUR = "#ffffff"  # drawn with alpha 0: an empty outline, never the colour of a value


# --- colours and classes --------------------------------------------------------------------------


def hex_to_rgba(hex_colour: str, alpha: int = 220) -> list[int]:
    """'#a1dab4' -> [161, 218, 180, alpha]."""
    h = hex_colour.lstrip("#")
    return [int(h[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


_NICE_STEPS = (0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0)


def class_breaks(values: Sequence[float], max_klassen: int = MAX_KLASSEN) -> tuple[float, ...]:
    """Equal-width classes with round bounds (e.g. 45, 50, 55, 60) covering all values.

    Returns the k+1 bounds of k <= max_klassen classes; () when there are no values. Round bounds
    read easier than quantiles for policy readers and stay put when one wijk changes.
    """
    clean = [float(v) for v in values if v is not None and not math.isnan(v)]
    if not clean:
        return ()
    lo, hi = min(clean), max(clean)
    for step in _NICE_STEPS:
        start = math.floor(lo / step) * step
        # floor + 1: the maximum lies inside the last class (lower bounds are inclusive)
        k = math.floor((hi - start) / step + 1e-9) + 1
        if k <= max_klassen:
            return tuple(round(start + i * step, 6) for i in range(k + 1))
    step = (hi - lo) / max_klassen or 1.0
    return tuple(lo + i * step for i in range(max_klassen + 1))


def classify(value: float | None, breaks: Sequence[float]) -> int | None:
    """Index of the class holding value (lower bound inclusive; the top bound belongs to the last
    class), or None for a missing value or no classes."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or len(breaks) < 2:
        return None
    for i in range(len(breaks) - 1):
        if value < breaks[i + 1]:
            return i
    return len(breaks) - 2


_num = getallen.kort  # "45" or "45,5"


def _aantal(x: float) -> str:
    return getallen.getal(round(x))


def class_labels(breaks: Sequence[float], eenheid: str = "%") -> list[str]:
    """Dutch labels such as '45 tot 50%'; the last class reads 'x tot en met y%'.

    eenheid '%' for percentages; any other unit (e.g. 'inwoners') gives whole counts: '1.000 tot 2.000 inwoners'.
    """
    fmt, suffix = (_num, "%") if eenheid == "%" else (_aantal, f" {eenheid}")
    labels = []
    for i in range(len(breaks) - 1):
        last = i == len(breaks) - 2
        labels.append(f"{fmt(breaks[i])} tot{' en met' if last else ''} {fmt(breaks[i + 1])}{suffix}")
    return labels


def palette(k: int) -> tuple[str, ...]:
    return SEQUENTIAL[max(1, min(k, MAX_KLASSEN))]


# --- text for one value ----------------------------------------------------------------------------


def marge_tekst(w: Waarde | None) -> str:
    if w is None or w.bron == BRON_CBS:
        return ""  # a CBS count has no margin
    if not w.heeft_marge:
        return "marge onbekend"
    return f"95%-marge {_num(w.ondergrens)} tot {_num(w.bovengrens)}%"


def verschil_punten(value: float | None, reference: float | None, eenheid: str = "procentpunt") -> str:
    """'+2,3 procentpunt' style difference (eenheid='pt' for tiles), or '' when either is missing."""
    if value is None or reference is None:
        return ""
    d = value - reference
    return f"{'+' if d > 0 else ''}{_num(d) if abs(d) >= 0.05 else '0'} {eenheid}"


def referentie_tekst(label: str, w: Waarde | None) -> str:
    """'Gemeente: 53,1% ◇ voorbeeld' (the mark only for an example value) or 'Nederland: geen landelijk
    cijfer' (never a zero)."""
    if w is None:
        return f"{label}: geen {'landelijk' if label == 'Nederland' else 'gemeentelijk'} cijfer"
    if w.indicator == "inwoners":
        return f"{label}: {_aantal(w.waarde)} inwoners"
    return f"{label}: {format_pct(w.waarde)}{vb.merk(w)}{meetjaar_noot(w.bron)}"
