"""The comparison section: this gemeente against Nederland and gemeenten the user picks (?vergelijk=…).

The figures and verdicts come from lib.cijfers.vergelijking; this module only draws them. The picked
gemeenten live in the URL, so a comparison can be shared.
"""

from __future__ import annotations

import streamlit as st

from lib.cijfers import meta
from lib.cijfers import vergelijking as vg
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.kern.config import gemeente
from lib.kern.tekst import escape_markdown
from lib.ui import basis as ui
from lib.ui import laden

PARAM = "vergelijk"
KEY = "q_vergelijk"
ONTHOUDEN = "vergelijk_gemeenten"


def gekozen_gemeenten(beschikbaar: dict[str, str]) -> list[str]:
    """The picker of comparable gemeenten, read from the URL once and written back on every change."""
    if KEY not in st.session_state:
        gekozen, afgewezen = vg.lees_keuze(st.query_params.get(PARAM), beschikbaar)
        if afgewezen:
            st.info(
                "De link noemde gemeenten die niet in de ingelezen tabel staan; die zijn weggelaten.",
                icon=":material/link_off:",
            )
        st.session_state[KEY] = gekozen
    gekozen = st.multiselect(
        "Vergelijk met",
        list(beschikbaar),
        key=KEY,
        format_func=lambda c: beschikbaar.get(c, c),
        max_selections=vg.MAX_GEKOZEN,
        placeholder="Kies gemeenten om mee te vergelijken",
        help="Bijvoorbeeld gemeenten van dezelfde grootte of uit de regio. De keuze staat in de link.",
    )
    if gekozen:
        st.query_params[PARAM] = ",".join(gekozen)
    else:
        st.query_params.pop(PARAM, None)
    st.session_state[ONTHOUDEN] = list(gekozen)  # a plain key: kept when the user goes to the briefing
    return gekozen


def sectie(indicator: str, periode: int, leeftijd: str) -> None:
    """Draw the comparison for one indicator, period and age group (as chosen above on the page)."""
    g = gemeente()
    st.subheader("Vergelijken met andere gemeenten", anchor=False)
    andere, namen = laden.andere_gemeenten()
    beschikbaar = vg.keuzes(andere, namen)
    if beschikbaar:
        gekozen = gekozen_gemeenten(beschikbaar)
    else:
        gekozen = []
        st.info(
            "Er zijn nog geen cijfers van andere gemeenten. Lees op de pagina Data en bronnen de hele landelijke "
            "tabel 50120NED in (of haal hem op met python -m lib.cijfers.rivm fetch): dan kunt u hier "
            f"{g.naam} naast andere gemeenten zetten.",
            icon=":material/info:",
        )
    v = vg.vergelijk(laden.figures(), andere, namen, g.code, g.naam, gekozen, indicator, periode, leeftijd)
    if v.illustratief:
        ui.illustrative_notice("Een deel van de cijfers in deze vergelijking")
    st.markdown(escape_markdown(v.tekst))
    # One column: the names and the five table columns need the full width, also on a phone.
    st.vega_lite_chart(v.spec(), key="vergelijking_grafiek", width="stretch")
    tabel = vg.tabel_voor_scherm(v)
    st.dataframe(tabel, hide_index=True, width="stretch")
    ui.download_csv(tabel, f"vergelijking-{indicator}-{leeftijd}-{periode}.csv", key="vergelijking_csv")
    ui.source_caption(
        v.bronnen,
        extra=f"{INDICATOREN[indicator].label}, {LEEFTIJDEN[leeftijd][0]}, periode {periode}; lijn: 95%-marge",
    )
    st.caption("Duidelijk hoger of lager betekent: de 95%-marges overlappen niet. " + v.ggd_tekst)


BRIEFING_PARAM = "vergelijking"


def briefing_pagina(indicator: str, periode: int, leeftijd: str, *, widget: bool = True):
    """The briefing's optional comparison page: a checkbox (in the URL as ?vergelijking=1) and its content.

    The gemeenten are those picked on the Wijkprofiel (?vergelijk=…); None when the page is not wanted.
    """

    gevraagd = st.query_params.get(BRIEFING_PARAM) == "1"
    if widget:
        gevraagd = st.checkbox(
            "Vergelijking met andere gemeenten toevoegen (een extra pagina)",
            value=gevraagd,
            key="briefing_vergelijking",
            help="Capelle naast Nederland en de gemeenten die u op het Wijkprofiel kiest (staat in de link).",
        )
        if gevraagd:
            st.query_params[BRIEFING_PARAM] = "1"
        else:
            st.query_params.pop(BRIEFING_PARAM, None)
    if not gevraagd:
        return None
    g = gemeente()
    andere, namen = laden.andere_gemeenten()
    beschikbaar = vg.keuzes(andere, namen)
    gekozen = vg.lees_keuze(st.query_params.get(PARAM), beschikbaar)[0] or st.session_state.get(ONTHOUDEN, [])
    gekozen = [c for c in gekozen if c in beschikbaar]
    if gekozen:
        st.query_params[PARAM] = ",".join(gekozen)
    v = vg.vergelijk(laden.figures(), andere, namen, g.code, g.naam, gekozen, indicator, periode, leeftijd)
    labels = {k: f"{b.label} ({b.jaar})" for k, b in meta.bronnen().items()}
    if widget and not gekozen:
        st.caption(
            "Er zijn geen gemeenten gekozen: de pagina zet de gemeente naast Nederland. Kies gemeenten op het "
            "Wijkprofiel, onder Vergelijken met andere gemeenten."
        )
    return vg.voor_briefing(v, labels)
