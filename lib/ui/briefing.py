"""Streamlit layer of the council briefing: the choices, the cached view model and PDF, the slides,
and the presentation mode (wide, large type, no sidebar) for the council chamber screen.

The figures come from lib.briefing (bouwen, tekst, grafieken, dias); this module only reads widgets and query params and draws.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from datetime import date

import pandas as pd
import streamlit as st

from lib.briefing import bouwen, dias
from lib.briefing import grafieken as briefgrafieken
from lib.briefing import pdf as briefing_pdf
from lib.briefing import records as br
from lib.cijfers import figures as fig
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, PERIODEN
from lib.kern.errors import DataFout
from lib.plan import status as plan_status
from lib.ui import basis as ui
from lib.ui import laden, pdfmaker
from lib.ui import vergelijking as ui_vergelijking

PAGE_FILE = "views/briefing.py"
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


def _allocation_or_none() -> pd.DataFrame | None:
    """The budget, or None with a Dutch message: the briefing still works without that section."""
    try:
        return laden.allocation()
    except DataFout as err:
        st.warning(f"Het budget kon niet worden geladen, dus de briefing gaat zonder budget. {err}")
        return None


def choose(widgets: bool = True) -> br.Keuze:
    """The indicator, period, age group and budget year: from the URL (deep link) and, on the page,
    the pickers.

    Unknown values in the URL are ignored with a friendly note. The choice is written back to the
    URL, so the page and the presentation can be linked exactly as shown.
    """
    indicators, periods, ages = (
        list(INDICATOREN),
        [str(p) for p in (fig.periods(laden.figures()) or PERIODEN)],
        list(LEEFTIJDEN),
    )
    alloc = _allocation_or_none()
    years = [str(j) for j in sorted(alloc["jaar"].unique())] if alloc is not None and len(alloc) else []
    indicator, n1 = _from_query("indicator", indicators, "eenzaam")
    periode, n2 = _from_query("periode", periods, periods[-1])
    leeftijd, n3 = _from_query("leeftijd", ages, "18+")
    jaar, n4 = _from_query("budgetjaar", years, years[-1]) if years else (None, None)
    for note in (n1, n2, n3, n4):
        if note:
            st.info(note, icon=":material/info:")
    if widgets:
        cols = st.columns(4 if years else 3)
        indicator = cols[0].selectbox(
            "Indicator",
            indicators,
            index=indicators.index(indicator),
            format_func=lambda k: INDICATOREN[k].label,
            key="briefing_indicator",
        )
        periode = cols[1].selectbox("Periode", periods, index=periods.index(periode), key="briefing_periode")
        leeftijd = cols[2].selectbox(
            "Leeftijd",
            ages,
            index=ages.index(leeftijd),
            format_func=lambda k: LEEFTIJDEN[k][0],
            key="briefing_leeftijd",
        )
        if years:
            jaar = cols[3].selectbox("Budgetjaar", years, index=years.index(jaar), key="briefing_budgetjaar")
    keuze = br.Keuze(indicator, int(periode), leeftijd, int(jaar) if jaar else None)
    if widgets:
        st.query_params.update(keuze_params(keuze))
    return keuze


def keuze_params(keuze: br.Keuze) -> dict[str, str]:
    params = {"indicator": keuze.indicator, "periode": str(keuze.periode), "leeftijd": keuze.leeftijd}
    if keuze.budget_jaar:
        params["budgetjaar"] = str(keuze.budget_jaar)
    return params


# --- the view model and the PDF ---------------------------------------------------------------------


def _plan_section() -> br.PlanSectie | None:
    """The stored progress, read fresh every run (editors change it; no cache to go stale)."""
    try:
        plan = laden.plan_data()
        return bouwen.plan_section(plan_status.action_states(laden.database(), plan))
    except DataFout as err:
        st.warning(f"Het uitvoeringsplan kon niet worden geladen, dus de briefing gaat zonder voortgang. {err}")
        return None


def briefing_input(keuze: br.Keuze, datum: date) -> br.BriefingInput:
    """The view model for this choice: cached tables in, one pure build, the stored plan state.

    The build is kept per content (choice, day, budget and plan sections, data set): a rerun with
    the same content reuses it; an editor's status change or an import gives a new one."""
    alloc = _allocation_or_none()
    budget = bouwen.budget_section(alloc, keuze.budget_jaar) if alloc is not None else None
    plan = _plan_section()
    sleutel = hashlib.sha256(pickle.dumps((keuze, datum, budget, plan, laden._sleutel()), protocol=5)).hexdigest()
    inp = _build(sleutel, keuze, datum, budget, plan)
    pagina = ui_vergelijking.briefing_pagina(
        keuze.indicator, keuze.periode, keuze.leeftijd, widget=not presentation_requested()
    )
    return dataclasses.replace(inp, vergelijking=pagina) if pagina else inp


@st.cache_resource(show_spinner=False, max_entries=32)
def _build(sleutel: str, _keuze: br.Keuze, _datum: date, _budget, _plan) -> br.BriefingInput:
    return bouwen.build_briefing(
        ui.data_or_stop(laden.figures),
        ui.data_or_stop(laden.wijken),
        ui.data_or_stop(laden.gemeente_info),
        ui.data_or_stop(laden.wijk_geojson),
        _keuze,
        _datum,
        budget=_budget,
        plan=_plan,
    )


def pdf_button(inp: br.BriefingInput) -> None:
    """One button makes the PDF (with a spinner); then the download button hands it over.

    The PDF is kept in the session together with the view model it was made from: when the
    choice, the day or the plan's stored progress changes, the old PDF is no longer offered."""
    made = st.session_state.get("briefing_pdf")
    if st.button("PDF maken", type="primary", icon=":material/picture_as_pdf:", key="briefing_make"):
        with st.spinner("De PDF wordt gemaakt: grafieken tekenen en pagina's opmaken…"):
            made = (inp, pdfmaker.pdf_for(inp))
        st.session_state["briefing_pdf"] = made
    if made and made[0] == inp:
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


def _kerncijfers(inp: br.BriefingInput, big: bool) -> None:
    shown = inp.kerncijfers[:3] if big else inp.kerncijfers
    for start in range(0, len(shown), 3):  # rows of three: labels stay readable
        row = shown[start : start + 3]
        for col, k in zip(st.columns(3), row, strict=False):
            with col.container(border=True):
                st.metric(k.label, k.waarde)
                st.caption(f"{k.toelichting}. Bron: {k.bron}.")


def _bronnen(inp: br.BriefingInput) -> None:
    df = pd.DataFrame(
        [{"Bron": r.label, "Jaar": str(r.jaar), "Licentie": r.licentie, "Link": r.url or None} for r in inp.bronnen]
    )
    st.dataframe(
        df, hide_index=True, width="stretch", column_config={"Link": st.column_config.LinkColumn(display_text="bron")}
    )


def _figure(inp: br.BriefingInput, dia: dias.Dia, big: bool) -> None:
    """The one figure of a slide (chart, metrics or table)."""
    if dia.key == "kerncijfers":
        _kerncijfers(inp, big)
    elif dia.key == "bronnen":
        _bronnen(inp)
    else:
        st.vega_lite_chart(
            _chart_spec(pdfmaker.sleutel(inp), inp, dia.key, big),
            width="stretch",
            theme=None if big else "streamlit",
            key=f"{dia.key}_{'groot' if big else 'voorbeeld'}",
        )


@st.cache_resource(show_spinner=False, max_entries=64)
def _chart_spec(sleutel: str, _inp: br.BriefingInput, dia_key: str, big: bool) -> dict:
    """One slide's chart as a Vega-Lite dict, kept per briefing content (`sleutel`): building and
    validating altair charts was most of a /briefing rerun."""
    inp = _inp
    chart = {
        "trend": lambda: briefgrafieken.trend_chart(inp, width="container", height=420 if big else 280),
        "kaart": lambda: briefgrafieken.map_chart(
            inp, width="container", height=880 if big else 380, tekst_schaal=1.9 if big else 1.0
        ),
        "ranglijst": lambda: briefgrafieken.ranking_chart(inp, width="container", height=430 if big else None),
        "budget": lambda: briefgrafieken.budget_chart(inp, width="container", height=380 if big else None),
        "plan": lambda: briefgrafieken.plan_chart(inp, width="container", height=380 if big else None),
    }[dia_key]()
    if big:  # readable from the back of the council chamber (our own sizes, not the app theme's)
        chart = (
            chart.configure_axis(labelFontSize=17, titleFontSize=17)
            .configure_legend(labelFontSize=17, titleFontSize=17)
            .configure_text(fontSize=17)
        )
    return chart.to_dict()


def _notice(dia: dias.Dia, big: bool) -> None:
    if dia.key == "budget":  # the wijk notice's pointer to RIVM data would mislead here
        st.warning(
            f"**{br.ILLUSTRATIEF_KOP}.** De bedragen per thema zijn een voorbeeldverdeling. "
            + briefing_pdf.BUDGET_UITLEG,
            icon=":material/science:",
        )
        return
    what = "Cijfers" if dia.key in ("kerncijfers", "trend") else "De wijkcijfers"
    if not big:
        ui.illustrative_notice(what)
    else:  # the same words, without the link: nobody clicks on the chamber screen
        st.warning(f"**{br.ILLUSTRATIEF_KOP}.** {what} op deze dia zijn voorbeeldcijfers.", icon=":material/science:")


def draw_slide(inp: br.BriefingInput, dia: dias.Dia) -> None:
    """One preview tab of the page: notice, figure, summary, table/download, source line."""
    if dia.illustratief:
        _notice(dia, big=False)
    _figure(inp, dia, big=False)
    tables = {
        "ranglijst": (inp.wijk_tabel, f"wijken-{inp.keuze.indicator}-{inp.keuze.periode}.csv"),
        "budget": (inp.budget_tabel, f"budget-per-thema-{inp.budget.jaar if inp.budget else ''}.csv"),
        "plan": (inp.plan_tabel, "voortgang-per-thema.csv"),
    }
    if dia.key in tables:
        make, filename = tables[dia.key]
        table = make()
        st.dataframe(table, hide_index=True, width="stretch")
        ui.download_csv(table, filename, key=f"briefing_csv_{dia.key}")
    if dia.key != "kerncijfers":
        st.markdown(dia.samenvatting)
    if dia.bron:
        st.caption(f"Bron: {dia.bron}")


def draw_big_slide(inp: br.BriefingInput, dia: dias.Dia) -> None:
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
