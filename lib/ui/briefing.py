"""Streamlit layer of the council briefing page: the choice (kept in the URL), the cached view model,
the optional comparison page and the PDF button.

The figures come from lib.briefing (bouwen, tekst, grafieken, dias); the slides are drawn by
lib.ui.dias and the council chamber view by lib.ui.presentatie. This module only reads widgets and
query params and draws.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from datetime import date

import pandas as pd
import streamlit as st

from lib.briefing import bouwen
from lib.briefing import pdf as briefing_pdf
from lib.briefing import records as br
from lib.cijfers import meta
from lib.cijfers import vergelijking as vg
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, PERIODEN
from lib.kern.errors import DataFout
from lib.plan import status as plan_status
from lib.ui import basis as ui
from lib.ui import laden, pdfmaker
from lib.ui.widgets import url_choice, url_notices, url_toggle, url_value

PAGE_FILE = "views/briefing.py"
URL_PATH = "briefing"

# --- the user's choice ---------------------------------------------------------------------------


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
        [str(p) for p in (laden.perioden() or PERIODEN)],
        list(LEEFTIJDEN),
    )
    alloc = _allocation_or_none()
    years = [str(j) for j in sorted(alloc["jaar"].unique())] if alloc is not None and len(alloc) else []
    if widgets:
        cols = st.columns(4 if years else 3)
        indicator = url_choice(
            cols[0].selectbox,
            "Indicator",
            indicators,
            param="indicator",
            default="eenzaam",
            key="briefing_indicator",
            format_func=lambda k: INDICATOREN[k].label,
        )
        periode = url_choice(
            cols[1].selectbox, "Periode", periods, param="periode", default=periods[-1], key="briefing_periode"
        )
        leeftijd = url_choice(
            cols[2].selectbox,
            "Leeftijd",
            ages,
            param="leeftijd",
            default="18+",
            key="briefing_leeftijd",
            format_func=lambda k: LEEFTIJDEN[k][0],
        )
        jaar = (
            url_choice(
                cols[3].selectbox, "Budgetjaar", years, param="budgetjaar", default=years[-1], key="briefing_budgetjaar"
            )
            if years
            else None
        )
    else:  # the presentation: the same choice, read from the URL only
        indicator = url_value("indicator", indicators, "eenzaam")
        periode = url_value("periode", periods, periods[-1])
        leeftijd = url_value("leeftijd", ages, "18+")
        jaar = url_value("budgetjaar", years, years[-1]) if years else None
    url_notices()
    return br.Keuze(indicator, int(periode), leeftijd, int(jaar) if jaar else None)


def keuze_params(keuze: br.Keuze) -> dict[str, str]:
    params = {"indicator": keuze.indicator, "periode": str(keuze.periode), "leeftijd": keuze.leeftijd}
    if keuze.budget_jaar:
        params["budgetjaar"] = str(keuze.budget_jaar)
    return params


# --- the view model and the PDF ---------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def _plan_sectie(states: pd.DataFrame) -> br.PlanSectie:
    # Keyed by the stored statuses themselves (Streamlit hashes the table): a change gives a new section.
    return bouwen.plan_section(states)


def _plan_section() -> br.PlanSectie | None:
    """The stored progress: the statuses are read fresh every run (editors change them; no cache to go
    stale), the counting per theme is done once per distinct set of statuses."""
    try:
        plan = laden.plan_data()
        return _plan_sectie(plan_status.action_states(laden.database(), plan))
    except DataFout as err:
        st.warning(f"Het uitvoeringsplan kon niet worden geladen, dus de briefing gaat zonder voortgang. {err}")
        return None


def briefing_input(keuze: br.Keuze, datum: date, widgets: bool = True) -> br.BriefingInput:
    """The view model for this choice: cached tables in, one pure build, the stored plan state.

    The build is kept per content (choice, day, budget and plan sections, data set): a rerun with
    the same content reuses it; an editor's status change or an import gives a new one."""
    alloc = _allocation_or_none()
    budget = bouwen.budget_section(alloc, keuze.budget_jaar) if alloc is not None else None
    plan = _plan_section()
    sleutel = hashlib.sha256(pickle.dumps((keuze, datum, budget, plan, laden._sleutel()), protocol=5)).hexdigest()
    inp = _build(sleutel, keuze, datum, budget, plan)
    pagina = vergelijking_pagina(keuze.indicator, keuze.periode, keuze.leeftijd, widget=widgets)
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



BRIEFING_PARAM = "vergelijking"


def vergelijking_pagina(indicator: str, periode: int, leeftijd: str, *, widget: bool = True):
    """The briefing's optional comparison page: a checkbox (in the URL as ?vergelijking=1) and its content.

    The gemeenten are those picked on the Wijkprofiel (?vergelijk=…); None when the page is not wanted.
    """

    gevraagd = st.query_params.get(BRIEFING_PARAM) == "1"
    if widget:
        gevraagd = url_toggle(
            "Vergelijking met andere gemeenten toevoegen (een extra pagina)",
            param=BRIEFING_PARAM,
            key="briefing_vergelijking",
            help="Capelle naast Nederland en de gemeenten die u op het Wijkprofiel kiest (staat in de link).",
        )
    if not gevraagd:
        return None
    beschikbaar = laden.vergelijk_keuzes()
    gekozen = vg.lees_keuze(st.query_params.get(vg.URL_PARAM), beschikbaar)[0] or st.session_state.get(vg.SESSIE_SLEUTEL, [])
    gekozen = [c for c in gekozen if c in beschikbaar]
    if gekozen:
        st.query_params[vg.URL_PARAM] = ",".join(gekozen)
    v = laden.vergelijking_voor(gekozen, indicator, periode, leeftijd)[0]
    labels = {k: f"{b.label} ({b.jaar})" for k, b in meta.bronnen().items()}
    if widget and not gekozen:
        st.caption(
            "Er zijn geen gemeenten gekozen: de pagina zet de gemeente naast Nederland. Kies gemeenten op het "
            "Wijkprofiel, onder Vergelijken met andere gemeenten."
        )
    return vg.voor_briefing(v, labels)
