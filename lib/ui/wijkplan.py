"""'Wat betekent dit voor het plan?' on /wijk, for one wijk or an opgaveteam's area of several (?gebied=):
risk groups and themes with their real reasons, the personas living there, and the local offer.

The view model is lib.wijk.plan.WijkPlan (for an area: lib.wijk.gebied_plan); this module only draws it."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.kern import getallen
from lib.kern.tekst import escape_markdown as md
from lib.ui import basis as ui
from lib.wijk import plan as wijkplan


def sectie(wplan: wijkplan.WijkPlan, periode: int, naam: str, gemeente_naam: str, wijk_codes: Sequence[str], sleutel: str) -> None:
    """The whole section; `naam` is the wijk's or the area's name, `sleutel` keeps widget keys apart."""
    st.subheader("Wat betekent dit voor het plan?", anchor=False)
    st.markdown(wijkplan.uitleg(periode))
    links, rechts = st.columns(2, gap="large")
    with links:
        st.markdown("**Risicogroepen**")
        if wplan.risicogroepen:
            st.dataframe(wijkplan.suggesties_frame(wplan.risicogroepen, "Risicogroep"), hide_index=True, width="stretch")
        else:
            st.caption("Hier springt geen risicogroep uit: geen echt cijfer is duidelijk hoger dan in de gemeente.")
        st.markdown("**Thema's van het plan**")
        if wplan.themas:
            st.dataframe(wijkplan.suggesties_frame(wplan.themas, "Thema"), hide_index=True, width="stretch")
        else:
            st.caption(f"Geen thema springt eruit voor {md(naam)}; alle vier de thema's gelden voor heel {md(gemeente_naam)}.")
        if wplan.personas:
            st.caption("Persona's die hier 'wonen' (verzonnen voorbeelden, geen echte inwoners en geen reden hierboven):")
            for persona in wplan.personas:
                st.page_link(
                    "views/personas.py",
                    label=f"{md(persona.naam)}, {persona.leeftijd} jaar",
                    icon=":material/person:",
                    query_params={"persona": persona.id},
                )
    with rechts:
        st.markdown(f"**Aanbod in {md(naam)}** ({len(wplan.activiteiten)})")
        if wplan.activiteiten:
            act = wijkplan.activiteiten_frame(wplan.activiteiten)
            st.dataframe(act, hide_index=True, width="stretch")
            ui.download_csv(act, f"aanbod-{sleutel}.csv", key=f"{sleutel}_aanbod_csv")
        else:
            st.caption(f"Er staat geen activiteit in {md(naam)} in de sociale kaart.")
        n = len(wplan.gemeentebreed)
        st.caption(f"Daarnaast {getallen.aantal(n, 'activiteit', 'activiteiten')} voor heel {md(gemeente_naam)}.")
        if wplan.illustratief:
            st.caption("Tijden en adressen in de sociale kaart zijn deels voorbeelden; zie de kolom Voorbeeldgegevens.")
        st.page_link(
            "views/aanbod.py",
            label=f"Al het aanbod in {md(naam)}",
            icon=":material/volunteer_activism:",
            query_params={"wijk": ",".join(wijk_codes)},
        )
    ui.source_caption(datasets=["aanbod"], extra="persona's: verzonnen voorbeelden (personas/)")
