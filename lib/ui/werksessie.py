"""The workshop on the Persona's page: build a persona, see what fits, share it by link, save it."""

from __future__ import annotations

import streamlit as st

from lib.aanbod.begrippen import (
    DOELGROEPEN,
    DREMPELS,
    LEVENSGEBEURTENIS_IN_PLAN,
    LEVENSGEBEURTENISSEN,
    MECHANISMEN,
    levensgebeurtenis_label,
)
from lib.cijfers.indicators import VORMEN
from lib.kern import errors, export
from lib.kern.tekst import escape_markdown as md
from lib.personas import werksessie as ws
from lib.personas.matching import Profiel, export_markdown, match, matches_frame
from lib.personas.persona import Persona
from lib.plan import status as plan_status
from lib.ui import basis as ui
from lib.ui import inloggen, laden
from lib.ui.personas import by_id, label, matches_blok

# --- workshop mode ---------------------------------------------------------------------------------

KEUZE_DOELGROEPEN = [g for g in DOELGROEPEN if g not in ("iedereen", "professionals")]
# The form's widgets keep their values for the whole browser session. Without this, Streamlit drops a
# widget's value after any completed run that does not draw it (another page, or a page error before the
# form), and the form came back empty: a share link is loaded once per session, so nothing refilled it.
BEWAREN = "session"


def _vanaf_persona() -> None:
    p = by_id().get(st.session_state.get("ws_basis") or "")
    if p is None:
        return
    _vul_formulier(p, naam=f"{p.naam} (aangepast)")


def workshop() -> None:
    st.markdown(
        "Stel in de werksessie zelf een persona samen. De passende activiteiten veranderen meteen mee. "
        "Exporteer het resultaat als Markdown (voor het verslag) of CSV."
    )
    st.selectbox(
        "Begin vanaf een bestaande persona (optioneel)",
        [""] + list(by_id()),
        format_func=lambda pid: "Leeg beginnen" if not pid else label(pid),
        key="ws_basis",
        persist_state=BEWAREN,
        on_change=_vanaf_persona,
    )
    # Defaults through session state only: the "begin vanaf" callback sets the same keys.
    st.session_state.setdefault("ws_leeftijd", 45)
    st.session_state.setdefault("ws_wijk", next(iter(laden.wijk_namen())))
    st.session_state.setdefault("ws_vormen", ["sociaal"])
    c1, c2 = st.columns(2)
    with c1:
        naam = st.text_input(
            "Naam of werktitel", max_chars=60, key="ws_naam", persist_state=BEWAREN, placeholder="Bijvoorbeeld: Henk"
        )
        leeftijd = st.number_input(
            "Leeftijd", min_value=0, max_value=110, step=1, key="ws_leeftijd", persist_state=BEWAREN
        )
        wijk = st.selectbox(
            "Wijk",
            list(laden.wijk_namen()),
            format_func=lambda c: laden.wijk_namen()[c],
            key="ws_wijk",
            persist_state=BEWAREN,
        )
        doelgroepen = st.multiselect(
            "Hoort bij (risicogroepen)",
            KEUZE_DOELGROEPEN,
            format_func=DOELGROEPEN.get,
            key="ws_doelgroepen",
            persist_state=BEWAREN,
            placeholder="Kies een of meer groepen",
        )
    with c2:
        vormen = st.pills(
            "Vormen van eenzaamheid",
            list(VORMEN),
            selection_mode="multi",
            key="ws_vormen",
            persist_state=BEWAREN,
            wrap=True,
        )
        events = st.multiselect(
            "Levensgebeurtenissen",
            list(LEVENSGEBEURTENISSEN),
            format_func=levensgebeurtenis_label,
            key="ws_events",
            persist_state=BEWAREN,
            placeholder="Kies wat er gebeurde",
            help="Achter een levensgebeurtenis die het plan zelf niet noemt, staat '(toevoeging dashboard)'.",
        )
        drempels = st.pills(
            "Drempels",
            list(DREMPELS),
            selection_mode="multi",
            format_func=DREMPELS.get,
            key="ws_drempels",
            persist_state=BEWAREN,
            wrap=True,
        )
        mech = st.pills(
            "Wat zou helpen",
            list(MECHANISMEN),
            selection_mode="multi",
            format_func=MECHANISMEN.get,
            key="ws_mech",
            persist_state=BEWAREN,
            wrap=True,
        )
    in_plan_uitleg()
    profiel = Profiel(
        leeftijd=int(leeftijd),
        wijk=wijk,
        doelgroepen=tuple(doelgroepen),
        vormen=tuple(vormen or ()),
        levensgebeurtenissen=tuple(events),
        drempels=tuple(drempels or ()),
        mechanismen=tuple(mech or ()),
    )
    titel = naam.strip() or "Eigen persona"
    werk = ws.WerkPersona(
        naam=naam.strip(),
        leeftijd=int(leeftijd),
        wijk=wijk,
        doelgroepen=tuple(doelgroepen),
        vormen=tuple(vormen or ()),
        levensgebeurtenissen=tuple(events),
        drempels=tuple(drempels or ()),
        mechanismen=tuple(mech or ()),
    )
    delen_en_opslaan(werk)
    st.markdown(f"#### Wat past bij {md(titel)}?")
    if not (doelgroepen or events):
        st.info(
            "Kies minstens één risicogroep of levensgebeurtenis: daarop zoekt de matching passend aanbod.",
            icon=":material/touch_app:",
        )
        return
    resultaat = match(profiel, laden.aanbod(), laden.wijk_centra())
    e1, e2, _ = st.columns([1, 1, 2])
    e1.download_button(
        "Exporteer als Markdown",
        export_markdown(titel, profiel, resultaat, laden.wijk_namen()).encode("utf-8"),
        file_name="persona-matches.md",
        mime="text/markdown",
        icon=":material/description:",
        key="ws_md",
    )
    e2.download_button(
        "Exporteer als CSV",
        export.csv_bytes(matches_frame(resultaat, laden.wijk_namen())),
        file_name="persona-matches.csv",
        mime="text/csv",
        icon=":material/download:",
        key="ws_csv",
    )
    matches_blok(resultaat, titel, wijk, key="workshop")


# --- share by link, save to the catalogue, list what was saved ------------------------------------------

WERKSESSIE_TAB = "Maak je eigen persona"


def _vul_formulier(p: ws.WerkPersona | Persona, naam: str | None = None) -> None:
    """Fill the workshop form from a workshop persona (share link) or a shipped persona (as a start)."""
    st.session_state.update(
        ws_naam=naam or p.naam,
        ws_leeftijd=p.leeftijd,
        ws_wijk=p.wijk,
        ws_doelgroepen=list(p.doelgroepen),
        ws_vormen=list(p.vormen),
        ws_events=list(p.levensgebeurtenissen),
        ws_drempels=list(p.drempels),
        ws_mech=list(p.mechanismen),
    )


def laad_uit_link() -> bool:
    """Fill the workshop form from a ?werksessie= share link (once per link); True when one is loaded.

    A broken link gives a Dutch message and is removed from the address; the form stays as it was.
    """
    waarde = st.query_params.get(ws.QUERY_PARAM)
    if not waarde:
        return False
    if st.session_state.get("ws_link_geladen") == waarde:
        return True
    try:
        persona = ws.decode(waarde, set(laden.wijk_namen()))
    except errors.DataFout as err:
        st.warning(f"De gedeelde persona kon niet worden geopend: {err}", icon=":material/link_off:")
        del st.query_params[ws.QUERY_PARAM]
        return False
    _vul_formulier(persona)
    st.session_state["ws_link_geladen"] = waarde
    st.toast(f"Gedeelde persona '{persona.naam or 'zonder naam'}' geopend in de werksessie.")
    return True


def deel_url(persona: ws.WerkPersona) -> str:
    """The full share link: this page's address with the persona in the query."""
    basis = (st.context.url or "").split("?")[0] or "personas"
    return f"{basis}?{ws.share_query(persona)}"


def delen_en_opslaan(persona: ws.WerkPersona) -> None:
    """The share link (always) and, for editors, saving to the catalogue with author and date."""
    with st.expander("Delen of bewaren voor de volgende werksessie", icon=":material/share:", expanded=True):
        st.markdown("**Deellink.** Wie deze link opent, ziet deze persona in de werksessie, ook in een andere browser.")
        st.code(deel_url(persona), language=None, wrap_lines=True)
        st.caption("De persona staat helemaal in de link; er wordt niets opgeslagen.")
        editor = ui.current_editor()
        if editor is None:
            st.caption("Opslaan in de catalogus van persona's kan in de redacteursmodus (zijbalk).")
            if inloggen.met_organisatieaccount():
                # The provider round trip ends this session: say so before anyone types more and logs in.
                st.warning(
                    "Inloggen met uw organisatieaccount opent het dashboard opnieuw, op de startpagina. Wat u hier "
                    "heeft ingevuld, gaat daarbij niet mee. Kopieer daarom eerst de deellink hierboven en open die "
                    "na het inloggen: dan staat alles er weer.",
                    icon=":material/warning:",
                )
            return
        melding = st.session_state.pop("ws_opgeslagen", None)
        if melding:
            st.success(melding, icon=":material/check_circle:")
        with st.form("ws_opslaan", border=False):
            st.caption(f"Komt in de catalogus en het wijzigingslog op naam van {md(editor.naam)}.")
            if st.form_submit_button("Opslaan in de catalogus", icon=":material/save:"):
                try:
                    opgeslagen = ws.save(laden.database(), editor, persona)
                except errors.DataFout as err:
                    st.error(f"Niet opgeslagen: {err}")
                else:
                    st.session_state["ws_opgeslagen"] = (
                        f"'{opgeslagen.persona.naam}' is opgeslagen in de catalogus (door {opgeslagen.auteur})."
                    )
                    st.rerun()


def opgeslagen_lijst() -> None:
    """The personas saved in workshops, apart from the shipped ones, with author and date."""
    opgeslagen = ws.saved(laden.database(), set(laden.wijk_namen()))
    st.subheader("Opgeslagen in werksessies", anchor=False)
    if not opgeslagen:
        st.caption(
            "Nog geen persona's uit werksessies opgeslagen. Maak er een in het tabblad "
            f"'{WERKSESSIE_TAB}'; een redacteur kan hem daar bewaren."
        )
        return
    woord = "persona" if len(opgeslagen) == 1 else "persona's"
    st.caption(
        f"{len(opgeslagen)} {woord} uit werksessies, "
        "gemaakt door deelnemers. Ze zijn fictief, net als de "
        "persona's hierboven, maar niet door de redactie uitgewerkt."
    )
    for start in range(0, len(opgeslagen), 3):
        for col, o in zip(st.columns(3), opgeslagen[start : start + 3], strict=False):
            p = o.persona
            with col.container(border=True, key=f"opgeslagen_{o.id}"):
                st.markdown(f"**{md(p.naam)}, {p.leeftijd}**")
                st.caption(
                    f"{md(laden.wijk_namen().get(p.wijk, p.wijk))} · gemaakt door {md(o.auteur)} "
                    f"op {plan_status.format_tijdstip(o.aangemaakt)}"
                )
                delen = [DOELGROEPEN[g] for g in p.doelgroepen]
                delen += [levensgebeurtenis_label(e) for e in p.levensgebeurtenissen]
                st.markdown(md(", ".join(delen)))
                st.link_button("Open in de werksessie", deel_url(p), icon=":material/open_in_new:", width="stretch")


def in_plan_uitleg() -> None:
    nee = [LEVENSGEBEURTENISSEN[k] for k, v in LEVENSGEBEURTENIS_IN_PLAN.items() if not v and k in LEVENSGEBEURTENISSEN]
    st.caption(
        "Levensgebeurtenissen: het plan noemt er zelf acht (van school naar studie tot het wegvallen van vrienden "
        f"of een partner). Toegevoegd door het dashboard, voor de doelgroepen van de thema's: {md(', '.join(nee))}."
    )
