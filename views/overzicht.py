"""Overzicht: the plan and its key figures in one minute."""

import streamlit as st

from lib.cijfers import figures as fig
from lib.cijfers import meta
from lib.cijfers.indicators import VORMEN, format_pct
from lib.cijfers.referentie import PLAN as REFERENTIE
from lib.cijfers.referentie import PLAN_BRON
from lib.kern.getallen import euro, getal, procent, procentpunt
from lib.plan.themas import JAARBUDGET_WMO, THEMAS
from lib.regio.codes import NEDERLAND
from lib.ui import basis as ui
from lib.ui import laden

data = ui.data_or_stop(laden.figures)
gm = ui.data_or_stop(laden.gemeente_info)

st.title("Meer samen, minder eenzaam")
st.markdown(
    f"Het dashboard bij het plan van aanpak tegen eenzaamheid van **{gm['naam']}**, gemaakt met de "
    "alliantie *Capelle Samen tegen Eenzaamheid* (ruim dertig organisaties)."
)

plan_capelle = fig.value_of(data, gm["code"], REFERENTIE.indicator, REFERENTIE.periode)
nl_latest = fig.value_of(data, NEDERLAND, "eenzaam", 2022)
nl_ernstig = fig.value_of(data, NEDERLAND, "ernstig_eenzaam", 2022)


def bron_van(w: fig.Waarde | None) -> str:
    """The source line of a key figure: from the row itself, so an imported figure cites RIVM/CBS 50120NED."""
    if w is None:
        return ""
    b = meta.bronnen().get(w.bron)
    # The plan's 47% has no year in the plan: say so instead of printing the period it is filed under.
    meting = "Het plan noemt geen meetjaar" if w.bron == PLAN_BRON else f"Meting {w.periode}"
    return f"{meting}. Bron: {b.label} ({b.jaar})." if b else f"{meting}."


c1, c2, c3, c4 = st.columns(4)
with c1.container(border=True):
    verschil = (
        f"{procentpunt(plan_capelle.waarde - REFERENTIE.nederland.pct, 0)} t.o.v. NL "
        f"({procent(REFERENTIE.nederland.pct, 0)}, {REFERENTIE.nederland.jaar})"
        if plan_capelle
        else None
    )
    st.metric(
        "Capelle, eenzaam",
        format_pct(plan_capelle.waarde, 0) if plan_capelle else "geen gegevens",
        delta=verschil,
        delta_color="inverse",
    )
    st.caption(f"Voelt zich wel eens eenzaam. {bron_van(plan_capelle)} {REFERENTIE.uitleg()}")
with c2.container(border=True):
    st.metric("Nederland, eenzaam", format_pct(nl_latest.waarde) if nl_latest else "geen gegevens")
    st.caption(f"18 jaar en ouder. {bron_van(nl_latest)}")
with c3.container(border=True):
    st.metric("Nederland, ernstig eenzaam", format_pct(nl_ernstig.waarde) if nl_ernstig else "geen gegevens")
    st.caption(f"(Zeer) ernstig eenzaam, 18+. {bron_van(nl_ernstig)}")
with c4.container(border=True):
    st.metric("Budget per jaar", euro(JAARBUDGET_WMO))
    st.caption(
        f"Wmo-meerjarenbudget 2020-2022 voor ontmoeting en eenzaamheid. Inwoners: {getal(gm['inwoners'])} (CBS, 2024)."
    )

left, right = st.columns([1, 1], gap="large")
with left:
    st.subheader("Drie vormen van eenzaamheid")
    for vorm, uitleg in VORMEN.items():
        st.markdown(f"**{vorm.capitalize()}**: {uitleg[0].lower() + uitleg[1:]}")
    st.caption(
        "Eenzaamheid is niet hetzelfde als alleen zijn, en ook niet hetzelfde als een klein netwerk hebben. "
        "Het is het gevoel dat je contacten niet geven wat je nodig hebt."
    )
with right:
    st.subheader("Vier thema's")
    for thema in THEMAS.values():
        st.markdown(f"**{thema.nummer}. {thema.naam}**: {thema.kort[0].lower() + thema.kort[1:]}")

st.divider()
st.subheader("Waar wilt u beginnen?")
groepen = {
    "raad": ("Gemeenteraad", "De belangrijkste cijfers, het budget en de briefing."),
    "themagroep": ("Themagroepen", "Persona's, het aanbod en waar het ontbreekt."),
    "opgaveteam": ("Opgaveteams", "Uw eigen wijk: cijfers, buurten en aanbod."),
}
tabs = st.tabs([label for label, _ in groepen.values()])
for tab, (groep, (_, uitleg)) in zip(tabs, groepen.items(), strict=True):
    with tab:
        st.caption(uitleg)
        ui.page_cards(groep)
