"""Persona's: fictive Capellenaren, what fits them, who may notice, and where the offer falls short."""

import streamlit as st

from lib.ui import basis as ui
from lib.ui import laden
from lib.ui import personas as up

personas = ui.data_or_stop(laden.personas)
ui.data_or_stop(laden.aanbod)  # a broken catalogue stops here with its Dutch message
by_id = {p.id: p for p in personas}

st.title("Persona's")
st.markdown(
    "Zes fictieve Capellenaren die een gezicht geven aan de risicogroepen en life events uit het plan. "
    "Per persona ziet u wat er in het aanbod bij hen past en waarom, wie de signalen kan opmerken, en "
    "waar het aanbod tekortschiet. Gebruik ze in themagroepen en werksessies."
)
st.caption(
    "De persona's zijn verzonnen (de bijlage met de oorspronkelijke persona's van het plan ontbreekt) en "
    "bevatten geen gegevens van echte inwoners."
)

# --- ?persona= deep link: validated against the known ids, anything else ignored with a message ---
gevraagd = st.query_params.get("persona")
if gevraagd is not None and gevraagd not in by_id:
    st.info("De persona uit de link bestaat niet. Kies hieronder een persona.", icon=":material/info:")
    del st.query_params["persona"]
    gevraagd = None
if "persona_keuze" not in st.session_state or (gevraagd and st.session_state["persona_keuze"] != gevraagd):
    st.session_state["persona_keuze"] = gevraagd or ""


tab_personas, tab_workshop = st.tabs(["Persona's", "Maak je eigen persona"])
with tab_personas:
    st.selectbox(
        "Kies een persona",
        [""] + list(by_id),
        format_func=up.label,
        key="persona_keuze",
        on_change=up.sync_link,
    )
    keuze = st.session_state["persona_keuze"]
    if keuze:
        up.persona_view(by_id[keuze])
    else:
        up.gallery()
with tab_workshop:
    up.workshop()
