"""Shared widgets of the pages: activity cards and details, match cards, the activity map, notices.

Used by the Sociale kaart, Persona's and Aanbod pages (and the Budget chain); data comes from lib.ui.laden."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.aanbod.begrippen import BEWIJSNIVEAUS, TOEGANKELIJKHEID
from lib.aanbod.catalogus import Activiteit
from lib.aanbod.kaart import deck, legenda_tekst, wanneer
from lib.kern.tekst import escape_markdown as md
from lib.personas.matching import Match
from lib.plan.themas import THEMAS
from lib.ui import basis as ui
from lib.ui import laden

VOORBEELD_KOP = "Tijden en adressen zijn een voorbeeld"


# --- notices ------------------------------------------------------------------------------------


def voorbeeld_notice() -> None:
    """The catalogue's own notice: activities are real, many practical details are examples."""
    st.warning(
        f"**{VOORBEELD_KOP}.** De activiteiten en organisaties komen uit het plan *Meer samen, minder "
        "eenzaam* en van zijn partners. Tijden, adressen, kosten en plekken op de kaart staan niet in het "
        "plan: die zijn vaak verzonnen om de kaart te kunnen gebruiken. Bij elke activiteit staat wat een "
        "voorbeeld is. Controleer het bij de organisatie voordat u iemand doorverwijst.",
        icon=":material/science:",
    )


def bron() -> None:
    ui.source_caption(datasets=["aanbod"])


# --- cards ----------------------------------------------------------------------------------------


def _kosten(a: Activiteit) -> str:
    tekst = "Gratis" if a.kosten_eur == 0 else f"€ {a.kosten_eur:.2f}".replace(".", ",")
    return f"{tekst} ({a.kosten_toelichting})" if a.kosten_toelichting else tekst


def details(a: Activiteit, wijk_namen: dict[str, str]) -> None:
    """Where, when, cost, contact and the rest of one activity, as text."""
    waar = "Heel Capelle" if a.gemeentebreed else wijk_namen.get(a.wijk, a.wijk)
    if a.locatie:
        waar = f"{a.locatie} ({waar})"
    regels = [
        ("Waar", waar),
        ("Wanneer", wanneer(a)),
        ("Kosten", _kosten(a)),
        ("Contact", a.contact),
        ("Toegankelijk", ", ".join(TOEGANKELIJKHEID[t] for t in a.toegankelijkheid) or "niet bekend"),
        ("Thema", f"{a.thema}. {THEMAS[a.thema].naam}"),
        ("Bewijs", BEWIJSNIVEAUS[a.bewijs]),
        ("Bijgewerkt", a.bijgewerkt.strftime("%d-%m-%Y")),
    ]
    st.markdown("  \n".join(f"**{label}:** {md(waarde)}" for label, waarde in regels))
    if a.illustratief:
        st.caption(f":material/science: {md(a.illustratief_label())}")


def match_card(rank: int, m: Match, wijk_namen: dict[str, str]) -> None:
    """One ranked match: name, score, the reasons and warnings, then the details folded away."""
    a = m.activiteit
    with st.container(border=True):
        kop = f"**{rank}. {md(a.naam)}**"
        st.markdown(kop)
        badges = [f":blue-badge[score {m.score}]"]
        if m.goed:
            badges.append(":green-badge[:material/check: past goed]")
        if a.status == "in_opbouw":
            badges.append(":orange-badge[in opbouw]")
        if m.afstand_km is not None:
            badges.append(f":gray-badge[{m.afstand_km:.1f} km]".replace(".", ","))
        st.markdown(" ".join(badges))
        st.caption(md(a.organisatie))
        st.markdown("\n".join(f"- {md(r)}" for r in m.match_reasons))
        if m.waarschuwingen:
            st.markdown("\n".join(f"- :orange[{md(w)}]" for w in m.waarschuwingen))
        with st.expander("Waar, wanneer en contact"):
            st.caption(md(a.omschrijving))
            details(a, wijk_namen)


# --- the map --------------------------------------------------------------------------------------


def kaart(
    activiteiten: Sequence[Activiteit],
    key: str,
    eigen_wijk: str | None = None,
    nummers: bool = False,
    hoogte: int = 460,
) -> None:
    """Draw the offer map with a text summary below it (what is on it and what is not)."""
    op_kaart = [a for a in activiteiten if a.heeft_locatie]
    zonder = len(activiteiten) - len(op_kaart)
    st.pydeck_chart(
        deck(activiteiten, laden.wijk_geojson(), eigen_wijk=eigen_wijk, nummers=nummers, hoogte_px=hoogte),
        height=hoogte,
        key=key,
    )
    samenvatting = f"{len(op_kaart)} activiteiten met een plek op de kaart"
    if zonder:
        samenvatting += f"; {zonder} zonder vaste plek (aan huis, telefonisch, online of in heel Capelle)"
    st.caption(
        f"{samenvatting}. Kleur per thema: {legenda_tekst()}. Plekken zijn meestal een voorbeeld. "
        "Bron: kaart CBS Wijk- en buurtkaart 2022; aanbod: sociale kaart Meer Samen."
    )
