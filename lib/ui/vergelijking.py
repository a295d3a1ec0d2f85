"""The comparison section: this gemeente against Nederland and gemeenten the user picks (?vergelijk=…).

The figures and verdicts come from lib.cijfers.vergelijking; this module only draws them. The picked
gemeenten live in the URL, so a comparison can be shared.
"""

from __future__ import annotations

import streamlit as st

from lib.cijfers import vergelijking as vg
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.kern import getallen
from lib.kern.config import gemeente
from lib.kern.tekst import escape_markdown
from lib.ui import basis as ui
from lib.ui import laden
from lib.ui.widgets import url_choice, url_notices

KEY = "q_vergelijk"
WEGGELATEN = "De link noemde gemeenten die niet in de ingelezen tabel staan; die zijn weggelaten."


def gekozen_gemeenten(beschikbaar: dict[str, str]) -> list[str]:
    """The picker of comparable gemeenten, kept in the URL (?vergelijk=GM0599,GM0606)."""

    def lees(raw: str) -> tuple[list[str], str | None]:
        gekozen, afgewezen = vg.lees_keuze(raw, beschikbaar)
        return gekozen, (WEGGELATEN if afgewezen else None)

    gekozen = url_choice(
        st.multiselect,
        "Vergelijk met",
        list(beschikbaar),
        param=vg.URL_PARAM,
        default=[],
        key=KEY,
        parse=lees,
        format_func=lambda c: beschikbaar.get(c, c),
        max_selections=vg.MAX_GEKOZEN,
        placeholder="Kies gemeenten om mee te vergelijken",
        help="Bijvoorbeeld gemeenten van dezelfde grootte of uit de regio. De keuze staat in de link.",
    )
    url_notices()
    st.session_state[vg.SESSIE_SLEUTEL] = list(gekozen)  # a plain key: kept when the user goes to the briefing
    return gekozen


def sectie(indicator: str, periode: int, leeftijd: str) -> None:
    """Draw the comparison for one indicator, period and age group (as chosen above on the page)."""
    g = gemeente()
    st.subheader("Vergelijken met andere gemeenten", anchor=False)
    beschikbaar = laden.vergelijk_keuzes()
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
    v, spec, tabel = laden.vergelijking_voor(gekozen, indicator, periode, leeftijd)
    if v.illustratief:
        ui.illustrative_notice("Een deel van de cijfers in deze vergelijking")
    st.markdown(escape_markdown(v.tekst))
    # One column: the names and the five table columns need the full width, also on a phone.
    st.vega_lite_chart(getallen.met_locale(spec), key="vergelijking_grafiek", width="stretch")
    st.dataframe(tabel, hide_index=True, width="stretch")
    ui.download_csv(tabel, f"vergelijking-{indicator}-{leeftijd}-{periode}.csv", key="vergelijking_csv")
    ui.source_caption(
        v.bronnen,
        extra=f"{INDICATOREN[indicator].label}, {LEEFTIJDEN[leeftijd][0]}, periode {periode}; lijn: 95%-marge",
    )
    st.caption("Duidelijk hoger of lager betekent: de 95%-marges overlappen niet. " + v.ggd_tekst)
