"""The map as a picture (SVG), drawn from the same Deck the browser draws with deck.gl.

deck.gl needs a 3 MB script and a WebGL context before it shows anything: on a laptop without a
graphics card (software WebGL, as on many virtual workplaces) or a slow phone that takes one to two
seconds after the rest of the page is there (bench/in_de_browser.py). The page therefore shows this
picture at once, in the map's place, and hides it as soon as deck.gl has its canvas there
(lib.ui.kaart.pydeck_met_plaat, as a Markdown image with a data: URL, so no extra script has to load
before it shows). If deck.gl's script does not load at all, the picture stays.

One home: colours, the example mark (a lighter fill), the selected outline and the name labels are read
from the Deck's own layers (lib.kaart.wijkkaart.deck), never worked out again here; positions use the
Deck's view with the same web-mercator projection (lib.kaart.beeld.project), so the picture and the map
line up pixel for pixel at the same height.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

import pydeck as pdk

from lib.kaart import beeld
from lib.kaart.labels import FONT, REGELHOOGTE

# Wide enough for any screen: the picture is centred and cut at the sides, never scaled, like the map.
BREEDTE = 2400


def _kleur(rgba: Sequence[float] | None) -> tuple[str, float]:
    """An SVG colour and its opacity from a deck.gl [r, g, b, a] (0-255)."""
    if not rgba:
        return "none", 1.0
    r, g, b = (int(c) for c in rgba[:3])
    a = rgba[3] / 255 if len(rgba) > 3 else 1.0
    return f"#{r:02x}{g:02x}{b:02x}", round(a, 3)


def _ringen(geometry: dict) -> Iterable[Sequence[Sequence[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def _pad(geometry: dict, view: beeld.ViewState, hoogte: int) -> str:
    """The SVG path of a (multi)polygon; points closer than half a pixel to the previous one are left out."""
    delen = []
    for ring in _ringen(geometry):
        punten: list[tuple[float, float]] = []
        for lon, lat, *_ in ring:
            x, y = beeld.project(lon, lat, view, BREEDTE, hoogte)
            if not punten or abs(x - punten[-1][0]) + abs(y - punten[-1][1]) >= 0.5:
                punten.append((x, y))
        if len(punten) >= 3:
            delen.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in punten) + "Z")
    return "".join(delen)


def _layer(deck: pdk.Deck, soort: str, layer_id: str | None = None) -> list[pdk.Layer]:
    return [
        laag for laag in deck.layers if laag.type == soort and (layer_id is None or getattr(laag, "id", None) == layer_id)
    ]


def svg(deck: pdk.Deck, hoogte: int, lijn: Sequence[int], selectie: Sequence[int]) -> str:
    """The Deck's areas, selected outline and name labels as one SVG of `hoogte` px high.

    `lijn` and `selectie` are the outline colours the Deck uses (lib.kaart.wijkkaart.LIJN_KLEUR and
    SELECTIE_KLEUR). The SVG is decorative (aria-hidden): the map's text alternative is on the map."""
    vs = deck.initial_view_state
    view = beeld.ViewState(vs.latitude, vs.longitude, vs.zoom)
    lijn_kleur, _ = _kleur(lijn)
    stukken = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREEDTE} {hoogte}" width="100%" height="{hoogte}" '
        'preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false" '
        f'style="display:block;width:100%;height:{hoogte}px">'
    ]
    vlakken = [laag for laag in _layer(deck, "GeoJsonLayer") if getattr(laag, "id", None) != "selectie"]
    for laag in vlakken:
        for feature in laag.data["features"]:
            kleur, alpha = _kleur(feature["properties"].get("fill"))
            d = _pad(feature["geometry"], view, hoogte)
            if d:
                stukken.append(
                    f'<path d="{d}" fill="{kleur}" fill-opacity="{alpha}" fill-rule="evenodd" '
                    f'stroke="{lijn_kleur}" stroke-width="1"/>'
                )
    sel_kleur, _ = _kleur(selectie)
    for laag in _layer(deck, "GeoJsonLayer", "selectie"):
        for feature in laag.data["features"]:
            stukken.append(
                f'<path d="{_pad(feature["geometry"], view, hoogte)}" fill="none" stroke="{sel_kleur}" stroke-width="4"/>'
            )
    for laag in _layer(deck, "TextLayer"):
        grootte = float(getattr(laag, "get_size", 11))
        for item in laag.data:
            x, y = beeld.project(item["position"][0], item["position"][1], view, BREEDTE, hoogte)
            kleur, _ = _kleur(item.get("kleur"))
            regels = str(item["naam"]).split("\n")
            top = y - (len(regels) - 1) * grootte * REGELHOOGTE / 2
            tspans = "".join(
                f'<tspan x="{x:.1f}" y="{top + i * grootte * REGELHOOGTE:.1f}">{escape(regel)}</tspan>'
                for i, regel in enumerate(regels)
            )
            stukken.append(
                f'<text fill="{kleur}" font-family="{escape(FONT)}" font-size="{grootte:g}" font-weight="600" '
                f'text-anchor="middle" dominant-baseline="central">{tspans}</text>'
            )
    stukken.append("</svg>")
    return "".join(stukken)
