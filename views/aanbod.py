"""Sociale kaart: the whole offer in one place; search, filters, map, list, and where it is thin."""

import streamlit as st

from lib.aanbod.catalogus import filter_aanbod
from lib.ui import basis as ui
from lib.ui import laden
from lib.ui import sociale_kaart as usk
from lib.ui import widgets as ua

catalogue = ui.data_or_stop(laden.aanbod)
namen = laden.wijk_namen()

st.title("Sociale kaart")
st.markdown(
    "Al het aanbod tegen eenzaamheid op één plek: ontmoeting, steun, signaleren en bewustwording, van "
    "Welzijn Capelle tot de buurtactiviteit in de straat. Zoek op wijk, doelgroep, dag of kosten, en zie "
    "waar het aanbod dun is. Dit is de digitale ontsluiting uit thema 1 van het plan."
)
ua.voorbeeld_notice()

keuze = usk.filter_form(catalogue, namen)  # ?wijk= (one or more, comma-separated) is the wijk filter
ua.url_notices()
wijken = keuze.wijken
gevonden = filter_aanbod(catalogue, keuze)
lopend = sum(1 for a in gevonden if a.status == "lopend")
st.markdown(
    f"**{len(gevonden)} van de {len(catalogue)} activiteiten** gevonden ({lopend} lopend, "
    f"{len(gevonden) - lopend} in opbouw)."
)

tab_lijst, tab_kaart, tab_dekking = st.tabs(["Lijst", "Kaart", "Waar is het aanbod dun?"])

with tab_lijst:
    usk.lijst(gevonden, namen)

with tab_kaart:
    if not gevonden:
        st.info("Geen activiteiten om op de kaart te zetten.")
    else:
        ua.kaart(gevonden, key="aanbod_kaart", eigen_wijk=wijken[0] if len(wijken) == 1 else None)
        if len(wijken) == 1:
            st.caption(f"De gekozen wijk ({namen[wijken[0]]}) is geel.")

with tab_dekking:
    usk.dekking_tab(catalogue, namen, keuze.alleen_lopend)
