"""The council chamber view of the briefing (/briefing?presentatie=1&dia=N): one slide at a time,
wide, large type, no sidebar; previous and next always in view (also on a clicker's PageUp/PageDown)."""

from __future__ import annotations

import streamlit as st

from lib.briefing import dias
from lib.briefing import records as br
from lib.ui import basis as ui
from lib.ui.briefing import PAGE_FILE, URL_PATH, keuze_params
from lib.ui.dias import draw_big_slide

PRESENTATIE_PARAM, DIA_PARAM = "presentatie", "dia"

# Static CSS (no user text in it). Hides every way into the sidebar and enlarges the type so a
# council chamber can read it from the back row.
PRESENTATIE_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"], [data-testid="stToolbar"], header[data-testid="stHeader"] { display: none !important; }
.stMainBlockContainer, .block-container { max-width: 100% !important; padding: 1rem 2.5rem 1.5rem 2.5rem !important; }
.stMainBlockContainer h1 { font-size: 3rem !important; line-height: 1.15 !important; padding-top: 0.2rem !important; }
.stMainBlockContainer [data-testid="stMarkdownContainer"] p { font-size: 1.6rem; line-height: 1.45; }
.stMainBlockContainer [data-testid="stCaptionContainer"] p { font-size: 1.1rem !important; }
.stMainBlockContainer [data-testid="stMetricValue"], .stMainBlockContainer [data-testid="stMetricValue"] * {
  font-size: 4.5rem !important; line-height: 1.1 !important; }
.stMainBlockContainer [data-testid="stMetricLabel"], .stMainBlockContainer [data-testid="stMetricLabel"] * {
  font-size: 1.5rem !important; white-space: normal !important; overflow: visible !important; height: auto !important; }
@media (max-width: 640px) {
  .stMainBlockContainer, .block-container { padding: 0.75rem 1rem !important; }
  .stMainBlockContainer h1 { font-size: 2rem !important; }
  .stMainBlockContainer [data-testid="stMarkdownContainer"] p { font-size: 1.15rem; }
  .stMainBlockContainer [data-testid="stMetricValue"], .stMainBlockContainer [data-testid="stMetricValue"] * { font-size: 2.8rem !important; }
  .stMainBlockContainer [data-testid="stMetricLabel"], .stMainBlockContainer [data-testid="stMetricLabel"] * { font-size: 1.15rem !important; }
}
.stMainBlockContainer button p { font-size: 1.3rem !important; }
</style>
"""


# --- presentation mode, used by app.py ------------------------------------------------------------


def presentation_requested() -> bool:
    """True when the URL asks for the presentation view (?presentatie=1)."""
    return st.query_params.get(PRESENTATIE_PARAM) == "1"


def presentation_frame(current) -> None:
    """In presentation mode: hide the sidebar and enlarge the type. Only the briefing has slides: on
    any other page the parameter is dropped and the shared sidebar drawn (no rerun, so no loop);
    the navigation comes back with the next interaction."""
    if current.url_path != URL_PATH:
        del st.query_params[PRESENTATIE_PARAM]
        ui.sidebar_frame()
        return
    st.html(PRESENTATIE_CSS)


# --- the presentation ------------------------------------------------------------------------------


def current_slide(count: int) -> int:
    """The slide number from the URL (1-based), clamped to the slides there are."""
    raw = st.query_params.get(DIA_PARAM, "1")
    try:
        n = int(raw)
    except ValueError:
        st.info(f"'{raw}' is geen dianummer; de presentatie begint bij dia 1.", icon=":material/info:")
        return 1
    if not 1 <= n <= count:
        st.info(f"Dia {n} bestaat niet (er zijn er {count}); de presentatie begint bij dia 1.", icon=":material/info:")
        return 1
    return n


def _go(n: int) -> None:
    # Both, not only dia: after st.page_link into the presentation the browser's URL lacks the link's
    # query (Streamlit keeps it server-side only), and without presentatie=1 the next slide left the mode.
    st.query_params.update({PRESENTATIE_PARAM: "1", DIA_PARAM: str(n)})


def presentation(inp: br.BriefingInput) -> None:
    """The council chamber view: one slide, its number in the URL, previous/next always in view."""
    deck = dias.slides(inp)
    n = current_slide(len(deck))
    dia = deck[n - 1]
    where, prev_col, next_col, close_col = st.columns([4, 1.7, 2, 1.3], vertical_alignment="center")
    where.caption(f"Raadsbriefing · {inp.gemeente_naam} · {inp.keuze.omschrijving()} · dia {n} van {len(deck)}")
    prev_col.button(
        "Vorige",
        icon=":material/arrow_back:",
        disabled=n == 1,
        on_click=_go,
        args=(n - 1,),
        key="dia_vorige",
        width="stretch",
        shortcut="PageUp",  # what a presentation clicker sends
    )
    next_col.button(
        "Volgende",
        icon=":material/arrow_forward:",
        disabled=n == len(deck),
        on_click=_go,
        args=(n + 1,),
        key="dia_volgende",
        type="primary",
        width="stretch",
        shortcut="PageDown",
    )
    with close_col:
        st.page_link(PAGE_FILE, label="Sluiten", icon=":material/close:", query_params=keuze_params(inp.keuze))
    st.title(dia.titel)
    draw_big_slide(inp, dia)


def presentation_link(keuze: br.Keuze) -> None:
    st.page_link(
        PAGE_FILE,
        label="Presentatie op het raadszaalscherm",
        icon=":material/slideshow:",
        query_params={PRESENTATIE_PARAM: "1", DIA_PARAM: "1", **keuze_params(keuze)},
    )
