"""Streamlit helpers of the kaart and wijk pages: pickers kept in the URL, the legend, cached maps.

The figures come from lib.kaart.wijkkaart and lib.wijk.profiel; this module only draws and caches.
"""

from __future__ import annotations

import dataclasses
import html

import pandas as pd
import streamlit as st

from lib.cijfers import figures as fig
from lib.cijfers import kwb as kwb_lib
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, PERIODEN
from lib.kaart import wijkkaart as maps
from lib.kern import export, getallen
from lib.regio import geometrie
from lib.regio.codes import NEDERLAND
from lib.ui import laden
from lib.ui.widgets import url_choice, url_notices, vega_klaar  # noqa: F401 (the kaart and wijk pages use both)
from lib.wijk import grafieken as wijkcharts
from lib.wijk import plan as wijkplan
from lib.wijk import profiel as wijkprofiel

EENZAAMHEID = "eenzaamheid"
# What the map can show: the loneliness estimates, or one of the real CBS layers (lib.cijfers.kwb).
ONDERWERPEN: dict[str, str] = {
    EENZAAMHEID: "Eenzaamheid (RIVM)",
    **{key: f"{laag.label} (CBS 2024)" for key, laag in kwb_lib.LAGEN.items()},
}


def laag_label(indicator: str) -> str:
    """The label of a loneliness indicator or of a real CBS layer."""
    return kwb_lib.LAGEN[indicator].label if indicator in kwb_lib.LAGEN else INDICATOREN[indicator].label


def figure_pickers(default_periode: int | None = None) -> tuple[str, int, str]:
    """Indicator, period and age group, synced with the URL."""
    perioden = laden.perioden() or PERIODEN
    c1, c2, c3 = st.columns([2, 1.3, 1.7])
    with c1:
        indicator = url_choice(
            st.selectbox,
            "Indicator",
            list(INDICATOREN),
            param="indicator",
            default="eenzaam",
            format_func=lambda c: INDICATOREN[c].label,
            help="; ".join(f"{i.label}: {i.uitleg}" for i in INDICATOREN.values()),
        )
    with c2:
        periode = url_choice(
            st.segmented_control, "Periode", list(perioden), param="periode", default=default_periode or perioden[-1]
        )
    with c3:
        leeftijd = url_choice(
            st.segmented_control,
            "Leeftijd",
            list(LEEFTIJDEN),
            param="leeftijd",
            default="18+",
            format_func=lambda k: {"18+": "18+", "18-64": "18 tot 65", "65+": "65+"}[k],
        )
    return indicator, periode, leeftijd


def references(data: pd.DataFrame, gemeente_code: str, indicator: str, periode: int, leeftijd: str):
    """(gemeente, NL) Waarde for this choice; either may be None (then: 'geen … cijfer')."""
    return (
        fig.value_of(data, gemeente_code, indicator, periode, leeftijd),
        fig.value_of(data, NEDERLAND, indicator, periode, leeftijd),
    )


@st.cache_resource(show_spinner="Kaart tekenen…", max_entries=64)
def kaart(niveau: str, indicator: str, periode: int, leeftijd: str, modus: str) -> maps.KaartView:
    """The KaartView for one choice, kept in memory: a rerun with the same choice does no work.

    Cached as a resource (not copied per call): the view is treated as read-only.
    """
    gm = laden.gemeente_info()
    if niveau == "buurt":
        geojson = laden.buurt_geojson()
        namen = dict(zip(laden.buurten()["buurt_code"], laden.buurten()["buurt_naam"], strict=True))
    else:
        geojson = laden.wijk_geojson()
        namen = dict(zip(laden.wijken()["wijk_code"], laden.wijken()["wijk_naam"], strict=True))
    if indicator in kwb_lib.LAGEN:  # a real CBS layer: same map, legend, table and download
        laag = kwb_lib.LAGEN[indicator]
        return maps.build_kaart(
            geojson,
            kwb_lib.als_figures(laden.kwb(), laag, niveau),
            namen,
            niveau=niveau,
            gemeente=kwb_lib.gemeente_waarde(laden.kwb(), laag, gm["code"]),
            view=wijk_view(),
            eenheid="%" if laag.aandeel else "inwoners",
        )
    data = laden.figures()
    gemeente, nl = references(data, gm["code"], indicator, periode, leeftijd)
    return maps.build_kaart(
        geojson,
        fig.slice_of(data, indicator, periode, leeftijd, niveau=niveau),
        namen,
        niveau=niveau,
        modus=modus,
        gemeente=gemeente,
        nl=nl,
        view=wijk_view(),
        klein=laden.kleine_buurten() if niveau == "buurt" else frozenset(),
        onderdrukt=laden.onderdrukt_in(indicator, periode, leeftijd),
    )


@st.cache_resource(show_spinner=False)
def wijk_view() -> maps.ViewState:
    """One view for both layers (the wijken cover the buurten), so toggling does not jump."""
    return maps.fit_view(geometrie.bounds(laden.wijk_geojson()), *maps.KAART_PX)


@st.cache_resource(show_spinner=False)
def wijk_labels() -> list[dict]:
    return maps.label_points(laden.wijk_geojson(), "wijk_code")


def legend(kaart_view: maps.KaartView, titel: str) -> None:
    """pydeck draws no legend: a small one beside the map (colour, meaning, number of areas)."""
    rows = []
    for item in kaart_view.legenda:
        # empty (no figure) and example classes get a dashed outline; examples are lighter, as on the map
        border = "1.5px dashed #666" if item.leeg or item.voorbeeld else "1px solid #444"
        fill = "transparent" if item.leeg else item.kleur
        opacity = "opacity:.55;" if item.voorbeeld else ""
        mark = html.escape(vb.merk(item.voorbeeld))
        rows.append(
            '<div style="display:flex;align-items:center;gap:.5rem;margin:.15rem 0">'
            f'<span style="display:inline-block;width:1.6rem;height:1rem;background:{fill};{opacity}border:{border}">'
            "</span>"
            f"<span>{html.escape(item.label)}{mark} <span style='color:#666'>({item.aantal})</span></span></div>"
        )
    # One st.html block (our own labels and colours, escaped): no Markdown-with-HTML renderer to load.
    st.html(f'<p style="margin:0 0 .25rem 0"><strong>Legenda</strong> · {html.escape(titel)}</p>' + "".join(rows))
    if any(item.voorbeeld for item in kaart_view.legenda):
        st.caption(vb.VOETNOOT)


@st.cache_resource(show_spinner=False, max_entries=64)
def ranking_spec(niveau: str, indicator: str, periode: int, leeftijd: str, modus: str) -> dict:
    """The ranked bar chart as a Vega-Lite dict, kept per choice: building and validating an
    altair chart costs a few hundred ms, more than the rest of the page together."""
    view = kaart(niveau, indicator, periode, leeftijd, modus)
    chart = wijkcharts.ranked_bars(
        view.tabel, laag_label(indicator), view.gemeente, laden.gemeente_info()["naam"], view.nl, eenheid=view.eenheid
    )
    return vega_klaar(chart.to_dict())


@st.cache_resource(show_spinner=False, max_entries=32)
def kaart_deck(
    niveau: str,
    indicator: str,
    periode: int,
    leeftijd: str,
    modus: str,
    basemap: bool,
    selected: str | tuple[str, ...] | None,
) -> maps.CompactDeck:
    """The Deck for one choice and selection (one code, or the wijken of an area); its JSON is built
    once (national scale: MBs)."""
    view = kaart(niveau, indicator, periode, leeftijd, modus)
    return maps.deck(
        view,
        laag_label(indicator),
        basemap=basemap,
        selected=selected,
        labels=wijk_labels() if niveau == "wijk" and len(view.codes) <= 30 else (),
        layer_id=f"{niveau}en",
    )


# The picture and the interactive map share one grid cell; the picture hides once deck.gl has its canvas.
# deck.gl's tooltip is drawn inside the map's box, which clips it: over a wijk near the right edge the value
# and the comparison were cut off. The box lets it out (over the legend beside it), and a long line wraps.
_PLAAT_CSS = (
    "<style>.st-key-{key}_vlak{{display:grid!important}}.st-key-{key}_vlak>div{{grid-area:1/1;min-width:0}}"
    ".st-key-{key}_vlak img{{display:block;width:100%;height:{hoogte}px;margin:0}}"
    ".st-key-{key}_vlak:has(canvas) img{{visibility:hidden}}"
    ".st-key-{key}_vlak [data-testid=stDeckGlJsonChart] div:has(.deck-tooltip){{overflow:visible!important}}"
    ".st-key-{key}_vlak .deck-tooltip{{max-width:min(22rem,85vw);white-space:normal!important;"
    "overflow-wrap:anywhere}}"
    # If deck.gl's script cannot be fetched, Streamlit puts an English error box over the picture: a Dutch
    # note below the picture takes its place.
    ".st-key-{key}_vlak [data-testid=stAlertContainer]{{display:none}}"
    ".st-key-{key}_vlak>div:has(.kaart-niet-geladen){{grid-area:2/1}}.kaart-niet-geladen{{display:none}}"
    ".st-key-{key}_vlak:has([data-testid=stAlertContainer]) .kaart-niet-geladen{{display:block}}</style>"
)
NIET_GELADEN = (
    "De interactieve kaart kon niet worden geladen, bijvoorbeeld door een onderbroken internetverbinding. "
    "Hierboven staat dezelfde kaart als afbeelding, zonder klikken en inzoomen. Laad de pagina opnieuw om het "
    "nog eens te proberen."
)


def pydeck_met_plaat(deck: maps.CompactDeck, *, key: str, height: int, **kwargs):
    """st.pydeck_chart with the same map as a picture (lib.kaart.plaat) in its place until deck.gl has drawn.

    deck.gl loads late on a cold visit (a 3 MB script, then WebGL): without this the page shows an empty
    space there for one to two seconds, longer on a phone or a laptop without a graphics card. The picture
    is a Markdown image (a data: URL), drawn by the Markdown renderer every page has loaded already, and its
    CSS an st.html block (also loaded by the frame): no extra script has to arrive before it shows. Should
    deck.gl's script never arrive, a Dutch note under the picture says so (NIET_GELADEN)."""
    st.html(_PLAAT_CSS.format(key=key, hoogte=height))
    with st.container(key=f"{key}_vlak", gap=None):
        st.markdown(f"![]({deck.plaat_url(height)})")
        st.html(
            f'<p class="kaart-niet-geladen" role="status" style="margin:.4rem 0 0;font-size:.9rem">{NIET_GELADEN}</p>'
        )
        return st.pydeck_chart(deck, key=key, height=height, **kwargs)


@st.cache_data(show_spinner=False, max_entries=64)
def samenvatting(niveau: str, indicator: str, periode: int, leeftijd: str, modus: str, gebied: str) -> str:
    """The map's plain-language summary (also its text alternative), once per choice, not per visit."""
    view = kaart(niveau, indicator, periode, leeftijd, modus)
    return wijkprofiel.samenvatting(view.tabel, gebied, view.gemeente, view.nl, view.eenheid)


@st.cache_data(show_spinner=False, max_entries=32)
def tabel_csv(niveau: str, indicator: str, periode: int, leeftijd: str, modus: str) -> bytes:
    view = kaart(niveau, indicator, periode, leeftijd, modus)
    if indicator in kwb_lib.LAGEN:  # real counts: no margins, no comparison, no example column
        tabel = view.tabel[["code", "naam", "waarde"]].assign(onderwerp=indicator, bron=kwb_lib.BRON_KWB)
        return export.csv_bytes(tabel)
    return export.csv_bytes(view.tabel_getoond().assign(indicator=indicator, periode=periode, leeftijd=leeftijd))


def tabel_blok(view: maps.KaartView, choice: tuple, label: str, cbs_laag: bool) -> None:
    """The map's figures as a table with a CSV download (inside the lazy 'Tabel' panel of /kaart)."""
    niveau, indicator, periode, leeftijd, _modus = choice
    tabel = view.tabel_getoond() if not cbs_laag else view.tabel[["code", "naam", "waarde"]]
    tabel = tabel.rename(
        columns={
            "code": "Code",
            "naam": "Naam",
            "waarde": "Waarde (%)" if view.eenheid == "%" else "Inwoners",
            "ondergrens": "Ondergrens (%)",
            "bovengrens": "Bovengrens (%)",
            "vergelijking_gemeente": "Vergeleken met gemeente",
            "illustratief": "Voorbeeldcijfer",
        }
    )
    st.dataframe(
        getallen.tabel(
            tabel, {c: "getal1" if "(%)" in c else "getal" for c in tabel.columns if "(%)" in c or c == "Inwoners"}
        ),
        hide_index=True,
        width="stretch",
    )
    if not cbs_laag and (tabel["Voorbeeldcijfer"].str.startswith("ja")).any():
        st.caption(vb.VOETNOOT)
    st.download_button(
        "Download als CSV",
        tabel_csv(*choice),
        file_name=f"cbs2024-{niveau}-{indicator}.csv"
        if cbs_laag
        else f"eenzaamheid-{niveau}-{indicator}-{periode}-{leeftijd}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="kaart_csv",
    )


@st.cache_resource(show_spinner="Profiel maken…", max_entries=64)
def profiel(wijk_code: str, indicator: str, periode: int, leeftijd: str) -> wijkprofiel.Profiel:
    """The cached Wijkprofiel view model for one wijk and choice (read-only)."""
    wijken = laden.wijken()
    naam = dict(zip(wijken["wijk_code"], wijken["wijk_naam"], strict=True))[wijk_code]
    gm = laden.gemeente_info()
    p = wijkprofiel.build_profiel(
        laden.figures(),
        laden.buurten(),
        laden.buurt_geojson(),
        wijk_code,
        naam,
        gm["code"],
        gm["naam"],
        indicator,
        periode,
        leeftijd,
        laden.kleine_buurten(),
        laden.onderdrukt(),
    )
    return dataclasses.replace(p, trend_spec=vega_klaar(p.trend_spec), leeftijd_spec=vega_klaar(p.leeftijd_spec))


@st.cache_resource(show_spinner=False, max_entries=64)
def buurt_deck(wijk_code: str, indicator: str, periode: int, leeftijd: str) -> maps.CompactDeck:
    p = profiel(wijk_code, indicator, periode, leeftijd)
    return maps.deck(p.buurt_kaart, INDICATOREN[indicator].label, layer_id="buurten")


@st.cache_resource(show_spinner=False, max_entries=64)
def plan(wijk_code: str, periode: int):
    """The cached 'what this means for the plan' view model of one wijk (lib.wijk.plan), with the real
    CBS shares as reasons."""
    return wijkplan.wijk_plan(
        wijk_code,
        laden.figures(),
        laden.gemeente_info()["code"],
        periode,
        laden.personas(),
        laden.aanbod(),
        laden.kwb(),
    )
