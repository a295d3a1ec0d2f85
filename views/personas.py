"""Persona's: fictive Capellenaren, what fits them, who may notice, and where the offer falls short."""

import streamlit as st

from lib.ui import basis as ui
from lib.ui import laden, werksessie
from lib.ui import personas as up
from lib.ui.widgets import url_choice, url_notices

personas = ui.data_or_stop(laden.personas)
ui.data_or_stop(laden.aanbod)  # a broken catalogue stops here with its Dutch message
by_id = {p.id: p for p in personas}

st.title("Persona's")
st.markdown(
    f"{len(personas)} fictieve Capellenaren die een gezicht geven aan de risicogroepen en life events uit het plan. "
    "Per persona ziet u wat er in het aanbod bij hen past en waarom, wie de signalen kan opmerken, en "
    "waar het aanbod tekortschiet. Gebruik ze in themagroepen en werksessies."
)
st.caption(
    "De persona's zijn verzonnen (de bijlage met de oorspronkelijke persona's van het plan ontbreekt) en "
    "bevatten geen gegevens van echte inwoners."
)

uit_link = werksessie.laad_uit_link()  # a shared workshop persona (?werksessie=) opens in the workshop tab
tab_personas, tab_workshop = st.tabs(["Persona's", werksessie.WERKSESSIE_TAB], default=werksessie.WERKSESSIE_TAB if uit_link else None)
with tab_personas:
    # ?persona= deep link: validated against the known ids, anything else ignored with a message
    keuze = url_choice(
        st.selectbox, "Kies een persona", ["", *by_id], param="persona", default="", key="persona_keuze",
        format_func=up.label,
    )  # fmt: skip
    url_notices()
    if keuze:
        up.persona_view(by_id[keuze])
    else:
        up.gallery()
        werksessie.opgeslagen_lijst()
with tab_workshop:
    werksessie.workshop()
