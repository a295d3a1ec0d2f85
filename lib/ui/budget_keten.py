"""The chain persona -> activity -> budget line on the Budget page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.aanbod.begrippen import DOELGROEPEN
from lib.budget import keten as budget_keten
from lib.kern import getallen
from lib.kern.getallen import euro
from lib.kern.tekst import escape_markdown as escape_md
from lib.ui import basis as ui
from lib.ui import laden

# --- persona -> activity -> budget line ----------------------------------------------------------


def chain_section(alloc: pd.DataFrame, jaar: int) -> None:
    """What does the offer for a persona or a target group cost? Activities, then the lines paying them."""

    st.markdown(
        "Volg de keten van mens naar geld: welk aanbod past bij iemand, en uit welke budgetregels wordt dat "
        "betaald? Kies een persona (een fictieve Capellenaar) of een doelgroep."
    )
    aanbod = ui.data_or_stop(laden.aanbod)
    personas = ui.data_or_stop(laden.personas)
    vanuit = st.segmented_control(
        "Kijk vanuit", ["doelgroep", "persona"], default="doelgroep", key="keten_vanuit", format_func=str.capitalize
    )
    if vanuit == "persona":
        by_id = {p.id: p for p in personas}
        pid = st.selectbox(
            "Persona",
            list(by_id),
            format_func=lambda i: f"{by_id[i].naam}, {by_id[i].leeftijd} jaar: {by_id[i].kort}",
            key="keten_persona",
        )
        persona = by_id[pid]
        keten = budget_keten.for_profile(alloc, jaar, persona.profiel(), aanbod, laden.wijk_centra())
        voor = persona.naam
        st.caption("Het aanbod dat goed past (score 7 of meer, hoogstens tien), zoals op de pagina Persona's.")
    else:
        groepen = [g for g in DOELGROEPEN if g not in ("iedereen", "professionals")]
        groep = st.selectbox(
            "Doelgroep", groepen, index=groepen.index("jongeren"), format_func=DOELGROEPEN.get, key="keten_groep"
        )
        keten = budget_keten.for_group(alloc, jaar, groep, aanbod)
        voor = DOELGROEPEN[groep].lower()
        st.caption("Al het aanbod dat zich op deze doelgroep richt, ook wat nog in opbouw is.")

    if keten.activiteiten.empty:
        st.info(f"Er is geen aanbod gevonden voor {escape_md(voor)}.", icon=":material/info:")
        return
    c1, c2, c3 = st.columns(3)
    c1.metric("Activiteiten", len(keten.activiteiten))
    c2.metric(f"Budgetregels {jaar} (voorbeeld)", euro(keten.totaal_regels))
    c3.metric("Geschat deel voor dit aanbod", euro(keten.geschat))
    st.markdown(
        f"Het aanbod voor {escape_md(voor)} wordt in {jaar} betaald uit {getallen.aantal(len(keten.regels), 'budgetregel', 'budgetregels')}, samen "
        f"{euro(keten.totaal_regels)}. Omdat een regel vaak meer activiteiten betaalt, is het deel voor dit "
        f"aanbod geschat op {euro(keten.geschat)}: het bedrag van elke regel gelijk verdeeld over de "
        "activiteiten die hij betaalt."
    )
    if keten.zonder_budget:
        st.markdown(
            "Zonder eigen budgetregel (betaald door de organisatie zelf, of uit ander geld): "
            + ", ".join(escape_md(n) for n in keten.zonder_budget)
            + "."
        )
    st.subheader("Budgetregels")
    st.dataframe(
        getallen.tabel(
            keten.regels[["regel", "thema_naam", "financiering", "bedrag", "gekoppeld", "van", "geschat"]],
            {"bedrag": "euro", "geschat": "euro"},
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "regel": st.column_config.TextColumn("Regel", width="medium"),
            "thema_naam": "Thema",
            "financiering": "Geldbron",
            "bedrag": "Bedrag regel",
            "gekoppeld": st.column_config.NumberColumn("Voor dit aanbod", help="Aantal activiteiten van deze regel"),
            "van": st.column_config.NumberColumn("Van", help="Aantal activiteiten dat de regel in totaal betaalt"),
            "geschat": "Geschat deel",
        },
    )
    st.subheader("Activiteiten")
    st.dataframe(
        keten.activiteiten[["activiteit", "organisatie", "regels"] + (["reden"] if vanuit == "persona" else [])],
        hide_index=True,
        width="stretch",
        column_config={
            "activiteit": "Activiteit",
            "organisatie": "Organisatie",
            "regels": "Betaald uit",
            "reden": "Waarom het past",
        },
    )
    ui.download_csv(keten.regels, f"budget-keten-{jaar}.csv", key="download_keten")
    ui.source_caption(
        datasets=["budget", "aanbod"],
        extra="persona's zijn fictief",
    )
