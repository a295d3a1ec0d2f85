"""Map building: GeoJSON + figures -> a coloured choropleth (pydeck Deck), its legend and its table.

Pure functions, no Streamlit: the kaart and wijk pages only draw what these return. Colours come
from ColorBrewer schemes that are safe for colour-blind readers (YlGnBu for the value classes,
orange/purple from PuOr for the comparison with the gemeente).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from lib.cijfers import voorbeeld as vb
from lib.cijfers.figures import GEEN_VERSCHIL, HOGER, LAGER, Waarde, compare
from lib.cijfers.indicators import format_pct
from lib.cijfers.kwb import BRON_CBS as CBS_BRON
from lib.cijfers.onderdrukking import GEEN_SCHATTING, ONDERDRUKT
from lib.kaart import beeld
from lib.kaart import labels as naamlabels
from lib.kaart import plaat as kaartplaat
from lib.kaart.beeld import ViewState, fit_view, project  # noqa: F401 (part of this module's interface)
from lib.kaart.klassen import (
    GEEN_GEGEVENS,
    GEEN_GEGEVENS_KLEUR,
    _aantal,
    class_breaks,
    class_labels,
    classify,
    hex_to_rgba,
    marge_tekst,
    palette,
    referentie_tekst,
)
from lib.regio import geometrie

# PuOr ends for higher/lower, a neutral grey between: readable with every kind of colour blindness.
VERGELIJKING_KLEUR: dict[str, str] = {HOGER: "#e66101", GEEN_VERSCHIL: "#bdbdbd", LAGER: "#5e3c99"}
LIJN_KLEUR = [60, 60, 60, 255]
# Example values are drawn lighter than real ones, and their legend line is dashed and marked.
ALPHA_ECHT, ALPHA_VOORBEELD = 220, 130
SELECTIE_KLEUR = [0, 0, 0, 255]

MODUS_KLASSEN = "klassen"
MODUS_VERGELIJKING = "vergelijking"
MODI: dict[str, str] = {
    MODUS_KLASSEN: "Hoogte van het cijfer",
    MODUS_VERGELIJKING: "Verschil met de gemeente",
}
NIVEAUS: dict[str, str] = {"wijk": "Wijken", "buurt": "Buurten"}

# The map is fitted to this size (px): whole on a phone, still large on a laptop.
KAART_PX = (340, 440)  # fits a 390 px phone; on a laptop the map has room to spare


@dataclass(frozen=True)
class LegendItem:
    kleur: str  # hex colour
    label: str
    aantal: int  # how many areas have this colour
    leeg: bool = False  # drawn as an empty outline (no data)
    voorbeeld: bool = False  # every area of this line shows an example value (lib.cijfers.voorbeeld)


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
    eenheid: str = "%"  # '%' for shares and estimates, 'inwoners' for a count

    def tabel_getoond(self) -> pd.DataFrame:
        """The table as shown and downloaded: a comparison with an example on either side reads
        vb.GEEN_OORDEEL (the raw verdict stays in `tabel` for the summary, which phrases it as an example)."""
        t = self.tabel.copy()
        if "vergelijking_gemeente" in t:
            voorbeeld = t["illustratief"].astype(str).str.startswith("ja") | vb.is_voorbeeld(self.gemeente)
            t["vergelijking_gemeente"] = [
                vb.oordeel(o, bool(v) and pd.notna(w))
                for o, v, w in zip(t["vergelijking_gemeente"], voorbeeld, t["waarde"], strict=True)
            ]
        return t

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
    klein: frozenset[str] | set[str] = frozenset(),
    eenheid: str = "%",
    onderdrukt: frozenset[str] | set[str] = frozenset(),
) -> KaartView:
    """Join one slice of figures (one indicator/period/age, one level) onto the GeoJSON.

    Each feature gets its code, name, value texts, class and fill colour as properties (the
    tooltip reads them). Areas without a figure get no colour and read 'geen gegevens', or
    'geen schatting (te weinig inwoners)' when their code is in `klein`, 'geen waarde (onderdrukt door de
    bron)' when it is in `onderdrukt` (a real import left the value out). An example value carries
    its mark in the tooltip, the table and the legend, and is drawn lighter (lib.cijfers.voorbeeld).
    `eenheid` 'inwoners' shows counts (a real CBS layer) instead of percentages.
    """
    code_field = f"{niveau}_code"
    by_code = {row.regio_code: _row_waarde(row) for row in figures_slice.itertuples(index=False)}
    breaks = class_breaks([w.waarde for w in by_code.values()])
    colours = palette(len(breaks) - 1) if breaks else ()
    labels = class_labels(breaks, eenheid)
    # A real count or share has no margin: comparing it 'clearly' with the gemeente makes no sense.
    ref = gemeente.waarde if gemeente and any(w.heeft_marge for w in by_code.values()) else None

    def tekst(w: Waarde) -> str:
        return _aantal(w.waarde) if eenheid != "%" else vb.met_merk(format_pct(w.waarde), w)

    features, codes, rows = [], [], []
    counts: dict[str, int] = {}
    voorbeelden: dict[str, list[bool]] = {}
    for f in geojson["features"]:
        code = f["properties"][code_field]
        w = by_code.get(code)
        naam = namen.get(code, code)
        klasse = classify(w.waarde if w else None, breaks)
        vergelijking = compare(w, ref) if (w is not None and ref is not None) else None
        leeg = GEEN_SCHATTING if code in klein else ONDERDRUKT if code in onderdrukt else GEEN_GEGEVENS
        if w is None:
            kleur, legend_key = None, leeg
        elif modus == MODUS_VERGELIJKING:
            legend_key = vergelijking or GEEN_VERSCHIL
            kleur = VERGELIJKING_KLEUR[legend_key]
        else:
            legend_key = labels[klasse]
            kleur = colours[klasse]
        counts[legend_key] = counts.get(legend_key, 0) + 1
        voorbeelden.setdefault(legend_key, []).append(vb.is_voorbeeld(w))
        alpha = ALPHA_VOORBEELD if vb.is_voorbeeld(w) else ALPHA_ECHT
        props = {
            "code": code,
            "naam": naam,
            "waarde_tekst": tekst(w) if w else leeg,
            "marge_tekst": marge_tekst(w) if w else "",
            "klasse": legend_key,
            # no verdict stated when either side is an example (lib.cijfers.voorbeeld.oordeel)
            "vergelijking": vb.oordeel(vergelijking or "", vb.een_voorbeeld((w, gemeente))) if w else leeg,
            "fill": hex_to_rgba(kleur, alpha) if kleur else [255, 255, 255, 0],
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
                "vergelijking_gemeente": vergelijking or ("" if w else leeg),
                "illustratief": vb.cel(w) if w else "",
            }
        )

    def item(kleur: str, label: str) -> LegendItem:
        flags = voorbeelden.get(label, [])
        return LegendItem(kleur, label, counts.get(label, 0), voorbeeld=bool(flags) and all(flags))

    if modus == MODUS_VERGELIJKING and ref is not None:
        legenda = [item(VERGELIJKING_KLEUR[k], k) for k in (HOGER, GEEN_VERSCHIL, LAGER)]
    else:
        legenda = [item(c, lab) for c, lab in zip(colours, labels, strict=True)]
    for leeg in (GEEN_SCHATTING, ONDERDRUKT, GEEN_GEGEVENS):
        if counts.get(leeg):
            legenda.append(LegendItem(GEEN_GEGEVENS_KLEUR, leeg, counts[leeg], leeg=True))

    tabel = pd.DataFrame(rows, columns=list(rows[0]) if rows else None)
    tabel["waarde"] = pd.to_numeric(tabel["waarde"], errors="coerce")
    tabel = tabel.sort_values("waarde", ascending=False, na_position="last").reset_index(drop=True)
    gj = {"type": "FeatureCollection", "features": features}
    return KaartView(
        gj,
        tuple(legenda),
        tabel,
        view or fit_view(geometrie.bounds(geojson)),
        tuple(codes),
        niveau,
        modus,
        gemeente,
        nl,
        breaks,
        tuple(dict.fromkeys(figures_slice["bron"])) if len(figures_slice) else (),
        bool(figures_slice["illustratief"].any()) if len(figures_slice) else False,
        eenheid,
    )


def tooltip(kaart: KaartView, indicator_label: str) -> dict:
    """deck.gl tooltip: the area's name and value with margin, plus the gemeente and NL values.

    {naam} etc. are filled in (and HTML-escaped) by the frontend from each feature's properties.
    """
    schatting = kaart.eenheid == "%" and CBS_BRON not in kaart.bronnen  # an estimate with a margin
    vergelijk = "<br/>Vergeleken met de gemeente: {vergelijking}" if kaart.gemeente and schatting else ""
    marge = " <small>({marge_tekst})</small>" if schatting else ""
    nl = f" · {referentie_tekst('Nederland', kaart.nl)}" if schatting else ""
    body = (
        "<b>{naam}</b><br/>"
        f"{indicator_label}: {{waarde_tekst}}{marge}"
        f"{vergelijk}<br/>"
        f"{referentie_tekst('Gemeente', kaart.gemeente)}{nl}"
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

    def plaat(self, hoogte: int) -> str:
        """The same map as an SVG picture `hoogte` px high (lib.kaart.plaat), drawn once per Deck."""
        platen = self.__dict__.setdefault("_plaat_cache", {})
        if hoogte not in platen:
            platen[hoogte] = kaartplaat.svg(self, hoogte, LIJN_KLEUR, SELECTIE_KLEUR)
        return platen[hoogte]

    def plaat_url(self, hoogte: int) -> str:
        """The picture as a data: URL (base64), for an image in Markdown; made once per Deck and height."""
        urls = self.__dict__.setdefault("_plaat_url_cache", {})
        if hoogte not in urls:
            urls[hoogte] = "data:image/svg+xml;base64," + base64.b64encode(self.plaat(hoogte).encode()).decode()
        return urls[hoogte]


def label_points(geojson: dict, code_field: str = "wijk_code") -> list[dict]:
    """A point well inside each area (its largest part's pole of inaccessibility) for name labels."""
    # The pole of inaccessibility sits deep inside the area, so names of neighbours do not collide.
    return [
        {"code": f["properties"][code_field], "position": list(geometrie.label_point(f["geometry"]))}
        for f in geojson["features"]
    ]


def deck(
    kaart: KaartView,
    indicator_label: str,
    *,
    basemap: bool = False,
    selected: str | Sequence[str] | None = None,
    labels: Sequence[dict] = (),
    layer_id: str | None = None,
) -> pdk.Deck:
    """The pydeck Deck for a KaartView: a pickable GeoJsonLayer, the outline of the selected area (one
    code, or several: the wijken of an opgaveteam's area) and optional name labels. No basemap unless
    asked (works offline)."""
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
    gekozen = [selected] if isinstance(selected, str) else list(selected or ())
    features = [kaart.geojson["features"][kaart.codes.index(c)] for c in gekozen if c in kaart.codes]
    if features:
        layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                data={"type": "FeatureCollection", "features": [{**f, "properties": {}} for f in features]},
                id="selectie",
                pickable=False,
                stroked=True,
                filled=False,
                get_line_color=SELECTIE_KLEUR,
                line_width_min_pixels=4,
            )
        )
    if labels:
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
        **beeld.achtergrond(basemap),
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
