"""Streamlit layer of the council briefing: the choices, the cached view model and PDF, the slides,
and the presentation mode (wide, large type, no sidebar) for the council chamber screen.

The figures come from lib.briefing; this module only reads widgets and query params and draws.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib import briefing as b
from lib import briefing_pdf, ui
from lib.indicators import INDICATOREN, LEEFTIJDEN, PERIODEN

PAGE_FILE = "pages/briefing.py"
URL_PATH = "briefing"
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


def navigation_position() -> str:
    """Where app.py puts the navigation: hidden on the council chamber screen."""
    return "hidden" if presentation_requested() else "sidebar"


def presentation_frame(current) -> None:
    """In presentation mode: hide the sidebar and enlarge the type. Only the briefing has slides: on
    any other page the parameter is dropped and the shared sidebar drawn (no rerun, so no loop);
    the navigation comes back with the next interaction."""
    if current.url_path != URL_PATH:
        del st.query_params[PRESENTATIE_PARAM]
        ui.sidebar_frame()
        return
    st.html(PRESENTATIE_CSS)


# --- the user's choice ---------------------------------------------------------------------------


def _from_query(param: str, allowed: list[str], default: str) -> tuple[str, str | None]:
    raw = st.query_params.get(param)
    if raw is None or raw in allowed:
        return (raw or default), None
    return default, f"'{raw}' is geen bekende waarde voor {param}; de standaard wordt gebruikt."


def choose(widgets: bool = True) -> b.Keuze:
    """The indicator, period and age group: from the URL (deep link) and, on the page, the pickers.

    Unknown values in the URL are ignored with a friendly note. The choice is written back to the
    URL, so the page and the presentation can be linked exactly as shown.
    """
    indicators, periods, ages = list(INDICATOREN), [str(p) for p in PERIODEN], list(LEEFTIJDEN)
    indicator, n1 = _from_query("indicator", indicators, "eenzaam")
    periode, n2 = _from_query("periode", periods, periods[-1])
    leeftijd, n3 = _from_query("leeftijd", ages, "18+")
    for note in (n1, n2, n3):
        if note:
            st.info(note, icon=":material/info:")
    if widgets:
        c1, c2, c3 = st.columns(3)
        indicator = c1.selectbox(
            "Indicator",
            indicators,
            index=indicators.index(indicator),
            format_func=lambda k: INDICATOREN[k].label,
            key="briefing_indicator",
        )
        periode = c2.selectbox("Periode", periods, index=periods.index(periode), key="briefing_periode")
        leeftijd = c3.selectbox(
            "Leeftijd",
            ages,
            index=ages.index(leeftijd),
            format_func=lambda k: LEEFTIJDEN[k][0],
            key="briefing_leeftijd",
        )
        st.query_params.update({"indicator": indicator, "periode": periode, "leeftijd": leeftijd})
    return b.Keuze(indicator, int(periode), leeftijd)


def keuze_params(keuze: b.Keuze) -> dict[str, str]:
    return {"indicator": keuze.indicator, "periode": str(keuze.periode), "leeftijd": keuze.leeftijd}


# --- cached view model and PDF --------------------------------------------------------------------


@st.cache_data(show_spinner="Briefing voorbereiden…")
def briefing_input(keuze: b.Keuze, datum: date) -> b.BriefingInput:
    """The view model for this choice (built once per choice and day)."""
    return b.build_briefing(
        ui.data_or_stop(ui.figures),
        ui.data_or_stop(ui.wijken),
        ui.data_or_stop(ui.gemeente_info),
        ui.data_or_stop(ui.wijk_geojson),
        keuze,
        datum,
    )


@st.cache_data(show_spinner=False)
def pdf_for(keuze: b.Keuze, datum: date) -> briefing_pdf.PdfResultaat:
    return briefing_pdf.build_pdf(briefing_input(keuze, datum))


def pdf_button(inp: b.BriefingInput) -> None:
    """One button makes the PDF (with a spinner); then the download button hands it over."""
    state_key = ("briefing_pdf", inp.keuze, inp.datum)
    if st.button("PDF maken", type="primary", icon=":material/picture_as_pdf:", key="briefing_make"):
        with st.spinner("De PDF wordt gemaakt: grafieken tekenen en pagina's opmaken…"):
            st.session_state["briefing_pdf"] = (state_key, pdf_for(inp.keuze, inp.datum))
    made = st.session_state.get("briefing_pdf")
    if made and made[0] == state_key:
        result: briefing_pdf.PdfResultaat = made[1]
        st.success(f"De PDF is klaar: {result.paginas} pagina's, {len(result.pdf) // 1024} kB.")
        if result.opmerking:
            st.info(result.opmerking, icon=":material/font_download:")
        st.download_button(
            "Download de PDF",
            result.pdf,
            file_name=briefing_pdf.file_name(inp),
            mime="application/pdf",
            icon=":material/download:",
            key="briefing_download",
        )


# --- drawing one slide (also the preview tabs of the page) ----------------------------------------


def _kerncijfers(inp: b.BriefingInput, big: bool) -> None:
    shown = inp.kerncijfers[:3] if big else inp.kerncijfers
    for start in range(0, len(shown), 3):  # rows of three: labels stay readable
        row = shown[start : start + 3]
        for col, k in zip(st.columns(3), row, strict=False):
            with col.container(border=True):
                st.metric(k.label, k.waarde)
                st.caption(f"{k.toelichting}. Bron: {k.bron}.")


def _bronnen(inp: b.BriefingInput) -> None:
    df = pd.DataFrame(
        [{"Bron": r.label, "Jaar": r.jaar, "Licentie": r.licentie, "Link": r.url or None} for r in inp.bronnen]
    )
    st.dataframe(
        df, hide_index=True, width="stretch", column_config={"Link": st.column_config.LinkColumn(display_text="bron")}
    )


def _figure(inp: b.BriefingInput, dia: b.Dia, big: bool) -> None:
    """The one figure of a slide (chart, metrics or table)."""
    if dia.key == "kerncijfers":
        _kerncijfers(inp, big)
    elif dia.key == "bronnen":
        _bronnen(inp)
    else:
        chart = {
            "trend": lambda: b.trend_chart(inp, width="container", height=420 if big else 280),
            "kaart": lambda: b.map_chart(inp, width="container", height=470 if big else 380),
            "ranglijst": lambda: b.ranking_chart(inp, width="container", height=430 if big else None),
        }[dia.key]()
        if big:  # readable from the back of the council chamber
            chart = chart.configure_axis(labelFontSize=16, titleFontSize=16).configure_legend(
                labelFontSize=16, titleFontSize=16
            )
        st.altair_chart(chart, width="stretch", key=f"{dia.key}_{'groot' if big else 'voorbeeld'}")


def _notice(dia: b.Dia, big: bool) -> None:
    what = "Cijfers" if dia.key in ("kerncijfers", "trend") else "De wijkcijfers"
    if not big:
        ui.illustrative_notice(what)
    else:  # the same words, without the link: nobody clicks on the chamber screen
        st.warning(f"**{b.ILLUSTRATIEF_KOP}.** {what} op deze dia zijn voorbeeldcijfers.", icon=":material/science:")


def draw_slide(inp: b.BriefingInput, dia: b.Dia) -> None:
    """One preview tab of the page: notice, figure, summary, table/download, source line."""
    if dia.illustratief:
        _notice(dia, big=False)
    _figure(inp, dia, big=False)
    if dia.key == "ranglijst":
        table = inp.wijk_tabel()
        st.dataframe(table, hide_index=True, width="stretch")
        ui.download_csv(table, f"wijken-{inp.keuze.indicator}-{inp.keuze.periode}.csv", key="briefing_csv")
    if dia.key != "kerncijfers":
        st.markdown(dia.samenvatting)
    if dia.bron:
        st.caption(f"Bron: {dia.bron}")


def draw_big_slide(inp: b.BriefingInput, dia: b.Dia) -> None:
    """One slide on the chamber screen: the figure large, its sentence, notice and source beside it."""
    if dia.key in ("kerncijfers", "bronnen"):  # wide content: full width, text above
        if dia.illustratief:
            _notice(dia, big=True)
        st.markdown(dia.samenvatting)
        _figure(inp, dia, big=True)
        if dia.bron:
            st.caption(f"Bron: {dia.bron}")
        return
    text, figure = st.columns([2, 3], gap="large")
    with text:
        if dia.illustratief:
            _notice(dia, big=True)
        st.markdown(dia.samenvatting)
        if dia.bron:
            st.caption(f"Bron: {dia.bron}")
    with figure:
        _figure(inp, dia, big=True)


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
    st.query_params[DIA_PARAM] = str(n)


def presentation(inp: b.BriefingInput) -> None:
    """The council chamber view: one slide, its number in the URL, previous/next always in view."""
    deck = b.slides(inp)
    n = current_slide(len(deck))
    dia = deck[n - 1]
    where, prev_col, next_col, close_col = st.columns([5, 1.3, 1.3, 1.6], vertical_alignment="center")
    where.caption(f"Raadsbriefing · {inp.gemeente_naam} · {inp.keuze.omschrijving()} · dia {n} van {len(deck)}")
    prev_col.button(
        "Vorige",
        icon=":material/arrow_back:",
        disabled=n == 1,
        on_click=_go,
        args=(n - 1,),
        key="dia_vorige",
        width="stretch",
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
    )
    with close_col:
        st.page_link(PAGE_FILE, label="Sluiten", icon=":material/close:", query_params=keuze_params(inp.keuze))
    st.title(dia.titel)
    draw_big_slide(inp, dia)


def presentation_link(keuze: b.Keuze) -> None:
    st.page_link(
        PAGE_FILE,
        label="Presentatie op het raadszaalscherm",
        icon=":material/slideshow:",
        query_params={PRESENTATIE_PARAM: "1", DIA_PARAM: "1", **keuze_params(keuze)},
    )
