"""Map building: GeoJSON + figures -> a coloured choropleth (pydeck Deck), its legend and its table.

Pure functions, no Streamlit: the kaart and wijk pages only draw what these return. Colours come
from ColorBrewer schemes that are safe for colour-blind readers (YlGnBu for the value classes,
orange/purple from PuOr for the comparison with the gemeente).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from lib.cijfers.figures import GEEN_VERSCHIL, HOGER, LAGER, Waarde, compare
from lib.cijfers.indicators import format_pct
from lib.kaart.klassen import (
    GEEN_GEGEVENS,
    GEEN_GEGEVENS_KLEUR,
    class_breaks,
    class_labels,
    classify,
    hex_to_rgba,
    marge_tekst,
    palette,
    referentie_tekst,
)

# PuOr ends for higher/lower, a neutral grey between: readable with every kind of colour blindness.
VERGELIJKING_KLEUR: dict[str, str] = {HOGER: "#e66101", GEEN_VERSCHIL: "#bdbdbd", LAGER: "#5e3c99"}
LIJN_KLEUR = [60, 60, 60, 255]
SELECTIE_KLEUR = [0, 0, 0, 255]

MODUS_KLASSEN = "klassen"
MODUS_VERGELIJKING = "vergelijking"
MODI: dict[str, str] = {
    MODUS_KLASSEN: "Hoogte van het cijfer",
    MODUS_VERGELIJKING: "Verschil met de gemeente",
}
NIVEAUS: dict[str, str] = {"wijk": "Wijken", "buurt": "Buurten"}

# deck.gl renders web-mercator tiles of 512 px at zoom 0.
_TILE = 512
# The map is fitted to this size (px): whole on a phone, still large on a laptop.
KAART_PX = (340, 440)  # fits a 390 px phone; on a laptop the map has room to spare


@dataclass(frozen=True)
class LegendItem:
    kleur: str  # hex colour
    label: str
    aantal: int  # how many areas have this colour
    leeg: bool = False  # drawn as an empty outline (no data)


@dataclass(frozen=True)
class ViewState:
    latitude: float
    longitude: float
    zoom: float


@dataclass(frozen=True)
class KaartView:
    """Everything the map page draws for one choice: features, legend, table, view."""

    geojson: dict
    legenda: tuple[LegendItem, ...]
    tabel: pd.DataFrame
    view: ViewState
    codes: tuple[str, ...]  # feature order; selection indices point into this
    niveau: str
    modus: str
    gemeente: Waarde | None
    nl: Waarde | None
    breaks: tuple[float, ...] = field(default=())
    bronnen: tuple[str, ...] = ()  # source keys of the figures shown
    illustratief: bool = False  # any figure shown is illustrative: the page must say so

    def feature(self, code: str) -> dict | None:
        """The properties of one area (name, value texts, comparison), or None."""
        if code not in self.codes:
            return None
        return self.geojson["features"][self.codes.index(code)]["properties"]


# --- the choropleth ---------------------------------------------------------------------------------


def _row_waarde(row) -> Waarde:
    return Waarde(
        row.regio_code,
        int(row.periode),
        row.leeftijd,
        row.indicator,
        float(row.waarde),
        None if pd.isna(row.ondergrens) else float(row.ondergrens),
        None if pd.isna(row.bovengrens) else float(row.bovengrens),
        row.bron,
        bool(row.illustratief),
    )


def _bounds(geojson: dict) -> tuple[float, float, float, float]:
    lons, lats = [], []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            lons.append(coords[0])
            lats.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for f in geojson["features"]:
        walk(f["geometry"]["coordinates"])
    return min(lons), min(lats), max(lons), max(lats)


def _merc_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(bounds: tuple[float, float, float, float], width: int = 640, height: int = 480) -> ViewState:
    """Centre and zoom so the bounds fill a width x height px map (web mercator, 512 px tiles)."""
    west, south, east, north = bounds
    lon_span = max(east - west, 1e-6)
    y_span = max(_merc_y(north) - _merc_y(south), 1e-6)
    zoom_x = math.log2(width * 360 / (_TILE * lon_span))
    zoom_y = math.log2(height * 2 * math.pi / (_TILE * y_span))
    centre_y = (_merc_y(north) + _merc_y(south)) / 2
    lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return ViewState(round(lat, 6), round((west + east) / 2, 6), round(min(zoom_x, zoom_y) - 0.15, 2))


def project(lon: float, lat: float, view: ViewState, width: float, height: float) -> tuple[float, float]:
    """Pixel position of (lon, lat) on a width x height map showing `view` (for clicks in tests)."""
    scale = _TILE * 2**view.zoom
    x = width / 2 + (lon - view.longitude) / 360 * scale
    y = height / 2 - (_merc_y(lat) - _merc_y(view.latitude)) / (2 * math.pi) * scale
    return x, y


def build_kaart(
    geojson: dict,
    figures_slice: pd.DataFrame,
    namen: Mapping[str, str],
    *,
    niveau: str = "wijk",
    modus: str = MODUS_KLASSEN,
    gemeente: Waarde | None = None,
    nl: Waarde | None = None,
    view: ViewState | None = None,
) -> KaartView:
    """Join one slice of figures (one indicator/period/age, one level) onto the GeoJSON.

    Each feature gets its code, name, value texts, class and fill colour as properties (the
    tooltip reads them). Areas without a figure get no colour and read 'geen gegevens'.
    """
    code_field = f"{niveau}_code"
    by_code = {row.regio_code: _row_waarde(row) for row in figures_slice.itertuples(index=False)}
    breaks = class_breaks([w.waarde for w in by_code.values()])
    colours = palette(len(breaks) - 1) if breaks else ()
    labels = class_labels(breaks)
    ref = gemeente.waarde if gemeente else None

    features, codes, rows = [], [], []
    counts: dict[str, int] = {}
    for f in geojson["features"]:
        code = f["properties"][code_field]
        w = by_code.get(code)
        naam = namen.get(code, code)
        klasse = classify(w.waarde if w else None, breaks)
        vergelijking = compare(w, ref) if (w is not None and ref is not None) else None
        if w is None:
            kleur, legend_key = None, GEEN_GEGEVENS
        elif modus == MODUS_VERGELIJKING:
            legend_key = vergelijking or GEEN_VERSCHIL
            kleur = VERGELIJKING_KLEUR[legend_key]
        else:
            legend_key = labels[klasse]
            kleur = colours[klasse]
        counts[legend_key] = counts.get(legend_key, 0) + 1
        props = {
            "code": code,
            "naam": naam,
            "waarde_tekst": format_pct(w.waarde) if w else GEEN_GEGEVENS,
            "marge_tekst": marge_tekst(w) if w else "",
            "klasse": legend_key,
            "vergelijking": vergelijking or ("" if w else GEEN_GEGEVENS),
            "fill": hex_to_rgba(kleur) if kleur else [255, 255, 255, 0],
        }
        features.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
        codes.append(code)
        rows.append(
            {
                "code": code,
                "naam": naam,
                "waarde": w.waarde if w else None,
                "ondergrens": w.ondergrens if w else None,
                "bovengrens": w.bovengrens if w else None,
                "vergelijking_gemeente": vergelijking or ("" if w else GEEN_GEGEVENS),
                "illustratief": ("ja" if w.illustratief else "nee") if w else "",
            }
        )

    if modus == MODUS_VERGELIJKING:
        legenda = [LegendItem(VERGELIJKING_KLEUR[k], k, counts.get(k, 0)) for k in (HOGER, GEEN_VERSCHIL, LAGER)]
    else:
        legenda = [LegendItem(c, lab, counts.get(lab, 0)) for c, lab in zip(colours, labels, strict=True)]
    if counts.get(GEEN_GEGEVENS):
        legenda.append(LegendItem(GEEN_GEGEVENS_KLEUR, GEEN_GEGEVENS, counts[GEEN_GEGEVENS], leeg=True))

    tabel = pd.DataFrame(rows, columns=list(rows[0]) if rows else None)
    tabel["waarde"] = pd.to_numeric(tabel["waarde"], errors="coerce")
    tabel = tabel.sort_values("waarde", ascending=False, na_position="last").reset_index(drop=True)
    gj = {"type": "FeatureCollection", "features": features}
    return KaartView(
        gj,
        tuple(legenda),
        tabel,
        view or fit_view(_bounds(geojson)),
        tuple(codes),
        niveau,
        modus,
        gemeente,
        nl,
        breaks,
        tuple(dict.fromkeys(figures_slice["bron"])) if len(figures_slice) else (),
        bool(figures_slice["illustratief"].any()) if len(figures_slice) else False,
    )


def tooltip(kaart: KaartView, indicator_label: str) -> dict:
    """deck.gl tooltip: the area's name and value with margin, plus the gemeente and NL values.

    {naam} etc. are filled in (and HTML-escaped) by the frontend from each feature's properties.
    """
    vergelijk = "<br/>Vergeleken met de gemeente: {vergelijking}" if kaart.gemeente else ""
    body = (
        "<b>{naam}</b><br/>"
        f"{indicator_label}: {{waarde_tekst}} <small>({{marge_tekst}})</small>"
        f"{vergelijk}<br/>"
        f"{referentie_tekst('Gemeente', kaart.gemeente)} · {referentie_tekst('Nederland', kaart.nl)}"
    )
    return {"html": body, "style": {"backgroundColor": "#ffffff", "color": "#222222", "fontSize": "13px"}}


class CompactDeck(pdk.Deck):
    """A Deck that serialises to compact JSON.

    pydeck's own to_json indents and sorts keys, which forces Python's slow pure-Python encoder and
    roughly triples the payload; at national scale (14,000 buurten) that alone costs seconds.
    """

    def to_json(self):
        # Memoised: a cached Deck is serialised once, not on every rerun.
        cached = self.__dict__.get("_json_cache")
        if cached is None:
            cached = json.dumps(self, default=default_serialize, separators=(",", ":"))
            object.__setattr__(self, "_json_cache", cached)
        return cached


def label_points(geojson: dict, code_field: str = "wijk_code") -> list[dict]:
    """A point well inside each area (its largest part's pole of inaccessibility) for name labels."""
    from shapely.geometry import shape
    from shapely.ops import polylabel

    out = []
    for f in geojson["features"]:
        geom = shape(f["geometry"])
        if geom.geom_type == "MultiPolygon":
            geom = max(geom.geoms, key=lambda g: g.area)
        # The pole of inaccessibility sits deep inside the area, so names of neighbours do not collide.
        p = polylabel(geom, tolerance=1e-4)
        out.append({"code": f["properties"][code_field], "position": [round(p.x, 5), round(p.y, 5)]})
    return out


def deck(
    kaart: KaartView,
    indicator_label: str,
    *,
    basemap: bool = False,
    selected: str | None = None,
    labels: Sequence[dict] = (),
    layer_id: str | None = None,
) -> pdk.Deck:
    """The pydeck Deck for a KaartView: a pickable GeoJsonLayer, the selected area's outline and
    optional name labels. No basemap unless asked (works offline)."""
    layer_id = layer_id or f"{kaart.niveau}en"
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data=kaart.geojson,
            id=layer_id,
            pickable=True,
            stroked=True,
            filled=True,
            auto_highlight=True,
            highlight_color=[255, 255, 255, 90],
            get_fill_color="properties.fill",
            get_line_color=LIJN_KLEUR,
            line_width_min_pixels=1,
        )
    ]
    if selected and selected in kaart.codes:
        feature = kaart.geojson["features"][kaart.codes.index(selected)]
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data={"type": "FeatureCollection", "features": [{**feature, "properties": {}}]},
                id="selectie",
                pickable=False,
                stroked=True,
                filled=False,
                get_line_color=SELECTIE_KLEUR,
                line_width_min_pixels=4,
            )
        )
    if labels:
        from lib.kaart import labels as naamlabels  # here: that module imports this one

        props = {f["properties"]["code"]: f["properties"] for f in kaart.geojson["features"]}
        layers.append(
            pdk.Layer(
                "TextLayer",
                data=[
                    {
                        **p,
                        "naam": naamlabels.label_tekst(props[p["code"]]["naam"] if p["code"] in props else p["code"]),
                        "kleur": naamlabels.tekst_kleur(props.get(p["code"], {}).get("fill") or [255, 255, 255]),
                    }
                    for p in labels
                ],
                id="namen",
                pickable=False,
                get_position="position",
                get_text="naam",
                **naamlabels.text_layer_kwargs(),
            )
        )
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(
            latitude=kaart.view.latitude, longitude=kaart.view.longitude, zoom=kaart.view.zoom
        ),
        map_provider="carto" if basemap else None,
        map_style="light" if basemap else None,
        tooltip=tooltip(kaart, indicator_label),
    )


# --- selection ----------------------------------------------------------------------------------------


def selected_code(event, layer_id: str, codes: Sequence[str]) -> str | None:
    """The area code a pydeck selection event points at, or None.

    `event` is what st.pydeck_chart(on_select="rerun") returns: {"selection": {"indices":
    {layer: [i]}, "objects": {layer: [feature]}}} (or None, or an empty selection). The picked
    feature's code property wins; otherwise its index into `codes`. Unknown codes give None.
    """
    if not event:
        return None
    try:
        selection = event["selection"]
    except (KeyError, TypeError):
        return None
    if not selection:
        return None
    objects = (selection.get("objects") or {}).get(layer_id) or []
    for obj in objects:
        props = obj.get("properties") if isinstance(obj, Mapping) else None
        code = (props or {}).get("code") if isinstance(props, Mapping) else None
        if code in codes:
            return code
    indices = (selection.get("indices") or {}).get(layer_id) or []
    for i in indices:
        if isinstance(i, int) and 0 <= i < len(codes):
            return codes[i]
    return None
