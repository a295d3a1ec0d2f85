"""Raadsbriefing: choose the figures, see what goes in, make the PDF; or present it slide by slide."""

from datetime import date

import streamlit as st

from lib.briefing import dias
from lib.ui import briefing as ub
from lib.ui import dias as ui_dias
from lib.ui import presentatie

if presentatie.presentation_requested():
    keuze = ub.choose(widgets=False)
    presentatie.presentation(ub.briefing_input(keuze, date.today(), widgets=False))
    st.stop()

st.title("Raadsbriefing")
st.markdown(
    "Een briefing voor de gemeenteraad om mee te nemen: de kerncijfers, de kaart, de wijken van hoog naar laag, "
    "het budget per thema, de voortgang van het plan en alle bronnen, als PDF op A4. Kies de cijfers, bekijk wat erin komt en maak de PDF. Voor het scherm in de "
    "raadszaal is er een presentatie: één figuur tegelijk, in grote letters."
)
keuze = ub.choose()
inp = ub.briefing_input(keuze, date.today())

left, right = st.columns([3, 2], vertical_alignment="center")
with left:
    ub.pdf_button(inp)
with right:
    presentatie.presentation_link(keuze)

st.subheader("Wat komt erin")
deck = dias.slides(inp)
# Lazy tabs: only the open tab is built and sent, so a change of choice redraws one slide, not all of them.
for tab, dia in zip(st.tabs([d.titel for d in deck], key="briefing_tab", on_change="rerun"), deck, strict=True):
    if tab.open:
        with tab:
            ui_dias.draw_slide(inp, dia)
