"""Streamlit helpers of the kaart and wijk pages: pickers kept in the URL, the legend, cached maps.

The figures come from lib.kaart.wijkkaart and lib.wijk.profiel; this module only draws and caches.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from lib.cijfers import figures as fig
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, PERIODEN
from lib.kaart import wijkkaart as maps
from lib.ui import laden
from lib.wijk import grafieken as wijkcharts
from lib.wijk import plan as wijkplan
from lib.wijk import profiel as wijkprofiel
from lib.wijk.profiel import LANDELIJK, parse_choice

PARAM_LABELS = {
    "indicator": "indicator",
    "periode": "periode",
    "leeftijd": "leeftijdsgroep",
    "modus": "kleurkeuze",
    "niveau": "kaartlaag",
}


def url_choice(widget, label: str, options, *, param: str, default, format_func=str, **kwargs):
    """A picker whose value lives in the URL query (?param=value) so a view can be shared.

    The URL is read once, when the widget first appears; an unknown value is ignored with a
    friendly note (the value itself is not echoed). Afterwards the widget writes the URL.
    """
    key = f"q_{param}"
    if key not in st.session_state:
        value, rejected = parse_choice(st.query_params.get(param), options)
        if rejected:
            st.session_state.setdefault("_url_afgewezen", []).append(param)
        st.session_state[key] = value if value is not None else default
    if widget is st.segmented_control:
        kwargs.setdefault("required", True)
    chosen = widget(label, options, key=key, format_func=format_func, **kwargs)
    if chosen is None:  # a segmented control can be emptied; fall back to the default
        chosen = default
    st.query_params[param] = str(chosen)
    return chosen


def url_notices() -> None:
    """Show (once) which query parameters of the link were not understood."""
    afgewezen = st.session_state.pop("_url_afgewezen", [])
    if afgewezen:
        namen = ", ".join(PARAM_LABELS.get(p, "onderdeel") for p in dict.fromkeys(afgewezen))
        st.info(
            f"De link bevatte een onbekende waarde voor: {namen}. Die is genegeerd; u ziet de standaardkeuze.",
            icon=":material/link_off:",
        )


def figure_pickers(default_periode: int | None = None) -> tuple[str, int, str]:
    """Indicator, period and age group, synced with the URL."""
    perioden = fig.periods(laden.figures()) or PERIODEN
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
        fig.value_of(data, LANDELIJK, indicator, periode, leeftijd),
    )


@st.cache_resource(show_spinner="Kaart tekenen…", max_entries=64)
def kaart(niveau: str, indicator: str, periode: int, leeftijd: str, modus: str) -> maps.KaartView:
    """The KaartView for one choice, kept in memory: a rerun with the same choice does no work.

    Cached as a resource (not copied per call): the view is treated as read-only.
    """
    data = laden.figures()
    gm = laden.gemeente_info()
    if niveau == "buurt":
        geojson = laden.buurt_geojson()
        namen = dict(zip(laden.buurten()["buurt_code"], laden.buurten()["buurt_naam"], strict=True))
    else:
        geojson = laden.wijk_geojson()
        namen = dict(zip(laden.wijken()["wijk_code"], laden.wijken()["wijk_naam"], strict=True))
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
    )


@st.cache_resource(show_spinner=False)
def wijk_view() -> maps.ViewState:
    """One view for both layers (the wijken cover the buurten), so toggling does not jump."""
    return maps.fit_view(maps._bounds(laden.wijk_geojson()), *maps.KAART_PX)


@st.cache_resource(show_spinner=False)
def wijk_labels() -> list[dict]:
    return maps.label_points(laden.wijk_geojson(), "wijk_code")


def legend(kaart_view: maps.KaartView, titel: str) -> None:
    """pydeck draws no legend: a small one beside the map (colour, meaning, number of areas)."""
    rows = []
    for item in kaart_view.legenda:
        border = "1.5px dashed #666" if item.leeg else "1px solid #444"
        fill = "transparent" if item.leeg else item.kleur
        rows.append(
            '<div style="display:flex;align-items:center;gap:.5rem;margin:.15rem 0">'
            f'<span style="display:inline-block;width:1.6rem;height:1rem;background:{fill};border:{border}"></span>'
            f"<span>{html.escape(item.label)} <span style='color:#666'>({item.aantal})</span></span></div>"
        )
    st.markdown(f"**Legenda** · {html.escape(titel)}")
    st.markdown("".join(rows), unsafe_allow_html=True)  # our own labels and colours only, escaped


@st.cache_resource(show_spinner=False, max_entries=64)
def ranking_spec(niveau: str, indicator: str, periode: int, leeftijd: str, modus: str) -> dict:
    """The ranked bar chart as a Vega-Lite dict, kept per choice: building and validating an
    altair chart costs a few hundred ms, more than the rest of the page together."""
    view = kaart(niveau, indicator, periode, leeftijd, modus)
    chart = wijkcharts.ranked_bars(
        view.tabel, INDICATOREN[indicator].label, view.gemeente, laden.gemeente_info()["naam"], view.nl
    )
    return chart.to_dict()


@st.cache_resource(show_spinner=False, max_entries=32)
def kaart_deck(
    niveau: str, indicator: str, periode: int, leeftijd: str, modus: str, basemap: bool, selected: str | None
) -> maps.CompactDeck:
    """The Deck for one choice and selection; its JSON is built once (national scale: MBs)."""
    view = kaart(niveau, indicator, periode, leeftijd, modus)
    return maps.deck(
        view,
        INDICATOREN[indicator].label,
        basemap=basemap,
        selected=selected,
        labels=wijk_labels() if niveau == "wijk" and len(view.codes) <= 30 else (),
        layer_id=f"{niveau}en",
    )


@st.cache_data(show_spinner=False, max_entries=32)
def tabel_csv(niveau: str, indicator: str, periode: int, leeftijd: str, modus: str) -> bytes:
    view = kaart(niveau, indicator, periode, leeftijd, modus)
    return view.tabel.assign(indicator=indicator, periode=periode, leeftijd=leeftijd).to_csv(index=False).encode()


@st.cache_resource(show_spinner="Profiel maken…", max_entries=64)
def profiel(wijk_code: str, indicator: str, periode: int, leeftijd: str) -> wijkprofiel.Profiel:
    """The cached Wijkprofiel view model for one wijk and choice (read-only)."""
    wijken = laden.wijken()
    naam = dict(zip(wijken["wijk_code"], wijken["wijk_naam"], strict=True))[wijk_code]
    gm = laden.gemeente_info()
    return wijkprofiel.build_profiel(
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
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def buurt_deck(wijk_code: str, indicator: str, periode: int, leeftijd: str) -> maps.CompactDeck:
    p = profiel(wijk_code, indicator, periode, leeftijd)
    return maps.deck(p.buurt_kaart, INDICATOREN[indicator].label, layer_id="buurten")


@st.cache_resource(show_spinner=False, max_entries=64)
def plan(wijk_code: str, periode: int):
    """The cached 'what this means for the plan' view model of one wijk (lib.wijk.plan)."""

    return wijkplan.wijk_plan(
        wijk_code, laden.figures(), laden.gemeente_info()["code"], periode, laden.personas(), laden.aanbod()
    )
