"""Drawing one briefing slide: in the preview tabs of /briefing and, large, on the council chamber
screen (lib.ui.presentatie). The slides' content is lib.briefing.dias; their charts are kept per
briefing content."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.briefing import dias
from lib.briefing import grafieken as briefgrafieken
from lib.briefing import pdf as briefing_pdf
from lib.briefing import records as br
from lib.briefing import tekst as brieftekst
from lib.kern import getallen
from lib.ui import basis as ui
from lib.ui import pdfmaker
from lib.ui.widgets import vega_klaar


def _kerncijfers(inp: br.BriefingInput, big: bool) -> None:
    shown = inp.kerncijfers[:3] if big else inp.kerncijfers
    for start in range(0, len(shown), 3):  # rows of three: labels stay readable
        row = shown[start : start + 3]
        for col, k in zip(st.columns(3), row, strict=False):
            with col.container(border=True):
                ui.tegel(k.label, k.waarde, voorbeeld=k.illustratief)
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
        # The container's key is a stable hook (class st-key-dia_kaart_groot) for the browser test of the map slide.
        with st.container(key=f"dia_{dia.key}_{'groot' if big else 'voorbeeld'}"):
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
    return vega_klaar(chart.to_dict())


def _notice(dia: dias.Dia, big: bool, inp: br.BriefingInput) -> None:
    if dia.key == "plan":  # statuses, not figures: its own words
        st.warning(f"**{br.PLAN_VOORBEELD_KOP}.** {brieftekst.plan_voorbeeld(inp)}", icon=":material/science:")
        return
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
        _notice(dia, big=False, inp=inp)
    _figure(inp, dia, big=False)
    tables = {
        "ranglijst": (inp.wijk_tabel, f"wijken-{inp.keuze.indicator}-{inp.keuze.periode}.csv"),
        "budget": (inp.budget_tabel, f"budget-per-thema-{inp.budget.jaar if inp.budget else ''}.csv"),
        "plan": (inp.plan_tabel, "voortgang-per-thema.csv"),
    }
    if dia.key in tables:
        make, filename = tables[dia.key]
        table = make()
        # On screen with a thousands dot (14.020); the CSV keeps plain numbers.
        st.dataframe(getallen.tabel(table, {"Inwoners": "getal"}), hide_index=True, width="stretch")
        ui.download_csv(table, filename, key=f"briefing_csv_{dia.key}")
    if dia.key != "kerncijfers":
        st.markdown(dia.samenvatting)
    if dia.bron:
        st.caption(f"Bron: {dia.bron}")


def draw_big_slide(inp: br.BriefingInput, dia: dias.Dia) -> None:
    """One slide on the chamber screen: the figure large, its sentence, notice and source beside it."""
    if dia.key in ("kerncijfers", "bronnen"):  # wide content: full width, text above
        if dia.illustratief:
            _notice(dia, big=True, inp=inp)
        st.markdown(dia.samenvatting)
        _figure(inp, dia, big=True)
        if dia.bron:
            st.caption(f"Bron: {dia.bron}")
        return
    text, figure = st.columns([2, 3], gap="large")
    with text:
        if dia.illustratief:
            _notice(dia, big=True, inp=inp)
        st.markdown(dia.samenvatting)
        if dia.bron:
            st.caption(f"Bron: {dia.bron}")
    with figure:
        _figure(inp, dia, big=True)

