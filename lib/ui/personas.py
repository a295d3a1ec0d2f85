"""Streamlit drawing for the Persona's page: gallery, one persona, matches, workshop mode.

Data comes from the cached loaders in lib.ui.laden; the matching itself is lib.personas.matching.
"""

from __future__ import annotations

import streamlit as st

from lib.aanbod.begrippen import (
    DOELGROEPEN,
    DREMPELS,
    RISICOGROEPEN,
    levensgebeurtenis_label,
)
from lib.cijfers.indicators import VORMEN
from lib.kern import getallen
from lib.kern.tekst import escape_markdown as md
from lib.personas.matching import (
    GOED_VANAF,
    MIN_GOEDE_MATCHES,
    WEIGHTS,
    lopende_activiteiten,
    match,
    matches_frame,
    zin_lopend,
)
from lib.personas.persona import Persona, filter_personas
from lib.plan.themas import THEMAS
from lib.ui import basis as ui
from lib.ui import laden
from lib.ui import widgets as ua
from lib.ui.widgets import url_choice, url_notices

TOP = 6  # match cards shown; the rest is in the table


def by_id() -> dict[str, Persona]:
    return {p.id: p for p in laden.personas()}


def _open(persona_id: str) -> None:
    st.session_state["persona_keuze"] = persona_id  # the picker writes ?persona= on the rerun


def label(pid: str) -> str:
    if not pid:
        return "Alle persona's (overzicht)"
    p = by_id()[pid]
    return f"{p.naam}, {p.leeftijd} jaar, {laden.wijk_namen().get(p.wijk, p.wijk)}"


def filters() -> tuple[Persona, ...]:
    """Filters by plan theme, risk group and wijk; returns the personas that pass."""
    f1, f2, f3 = st.columns(3)
    thema = url_choice(  # ?thema=3: a workshop of theme group 3 starts there
        f1.selectbox,
        "Thema",
        [None, *THEMAS],
        param="thema",
        default=None,
        key="pf_thema",
        format_func=lambda n: "Alle thema's" if n is None else f"{n}. {THEMAS[n].naam}",
    )
    groep = f2.selectbox(
        "Risicogroep",
        [None, *RISICOGROEPEN],
        format_func=lambda g: "Alle risicogroepen" if g is None else DOELGROEPEN[g],
        key="pf_groep",
    )
    wijk = f3.selectbox(
        "Wijk",
        [None, *laden.wijk_namen()],
        format_func=lambda c: "Alle wijken" if c is None else laden.wijk_namen()[c],
        key="pf_wijk",
    )
    url_notices()
    return filter_personas(laden.personas(), thema=thema, doelgroep=groep, wijk=wijk)


def gallery() -> None:
    gekozen = filters()
    totaal = len(laden.personas())
    if len(gekozen) < totaal:
        st.caption(f"{len(gekozen)} van de {totaal} persona's passen bij de filters.")
    if not gekozen:
        st.info("Geen persona past bij deze filters. Kies een ander thema, een andere groep of wijk.")
    for start in range(0, len(gekozen), 3):
        # One row of columns per three personas, so cards in a row line up.
        for col, p in zip(st.columns(3), gekozen[start : start + 3], strict=False):
            _card(col, p)


def _card(col, p: Persona) -> None:
    with col.container(border=True, height="stretch"):
        st.markdown(f"#### {md(p.naam)}, {p.leeftijd}")
        st.caption(f"{md(laden.wijk_namen().get(p.wijk, p.wijk))} · {', '.join(p.vormen)} eenzaam")
        st.markdown(" ".join(f":violet-badge[Thema {n}: {THEMAS[n].naam}]" for n in p.themas))
        st.markdown(md(p.kort))
        st.markdown(f"*“{md(p.citaat)}”*")
        st.button(
            f"Bekijk {p.naam}",
            key=f"open_{p.id}",
            on_click=_open,
            args=(p.id,),
            icon=":material/arrow_forward:",
            width="stretch",
        )


def profiel_blok(p: Persona) -> None:
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.markdown(f"**Woonsituatie.** {md(p.woonsituatie)}")
        st.markdown(
            "**Wat er gebeurde.** " + md(", ".join(levensgebeurtenis_label(e) for e in p.levensgebeurtenissen)) + "."
        )
        st.markdown("**Vormen van eenzaamheid**")
        st.markdown("\n".join(f"- *{v}*: {md(VORMEN[v])}" for v in p.vormen))
        st.markdown("**Risicofactoren**")
        st.markdown("\n".join(f"- {md(r)}" for r in p.risicofactoren))
        st.markdown("**Wat zou helpen**")
        st.markdown("\n".join(f"- {md(b)}" for b in p.behoeften))
    with right:
        with st.container(border=True):
            st.markdown("**Drempels**")
            if p.drempels:
                st.markdown(" ".join(f":orange-badge[{DREMPELS[d]}]" for d in p.drempels))
            else:
                st.caption("Geen bijzondere drempels.")
            st.markdown("**Hoort bij**")
            st.markdown(" ".join(f":blue-badge[{DOELGROEPEN[g]}]" for g in p.doelgroepen))
        with st.container(border=True):
            st.markdown("**Plan-thema's die over deze persona gaan**")
            for n in p.themas:
                st.markdown(f"**{n}. {THEMAS[n].naam}**  \n{THEMAS[n].kort}")


def gap_melding(resultaat, naam: str) -> None:
    goede = len(resultaat.goede)
    if resultaat.tekort:
        st.error(
            f"**Gat in het aanbod.** Voor {md(naam)} {zin_lopend(goede)} goed (score "
            f"{GOED_VANAF} of meer); we zoeken er minstens {MIN_GOEDE_MATCHES}. Aanbod dat nog in opbouw is, "
            "telt niet mee. Bespreek in de themagroep wat hier nodig is.",
            icon=":material/report:",
        )
    else:
        st.success(
            f"{lopende_activiteiten(goede).capitalize()} goed bij {md(naam)} (score {GOED_VANAF} of meer).",
            icon=":material/check_circle:",
        )


def matches_blok(resultaat, naam: str, wijk: str | None, key: str) -> None:
    gap_melding(resultaat, naam)
    if not resultaat.matches:
        st.info("Geen enkele activiteit in de sociale kaart past bij dit profiel.")
        return
    top = resultaat.matches[:TOP]
    # One row of two columns per pair, so the cards read 1, 2 / 3, 4 / 5, 6 (not down each column).
    for start in range(0, len(top), 2):
        for offset, (col, m) in enumerate(zip(st.columns(2), top[start : start + 2], strict=False)):
            with col:
                ua.match_card(start + offset + 1, m, laden.wijk_namen())
    st.markdown(f"**Waar zijn de {min(10, len(resultaat.matches))} best passende activiteiten?**")
    ua.kaart(
        [m.activiteit for m in resultaat.matches[:10]], key=f"kaart_{key}", eigen_wijk=wijk, nummers=True, hoogte=420
    )
    st.caption("De eigen wijk is geel. Nummers op de kaart zijn de plaats in de ranglijst.")
    tabel = matches_frame(resultaat, laden.wijk_namen())
    n = getallen.aantal(len(tabel), "passende activiteit", "passende activiteiten")
    with st.expander(f"{'De' if len(tabel) == 1 else 'Alle'} {n} als tabel"):
        st.dataframe(getallen.tabel(tabel, {"afstand_km": "getal1"}), hide_index=True, width="stretch")
        ui.download_csv(tabel, f"matches-{key}.csv", key=f"csv_{key}")
    if resultaat.uitgesloten:
        with st.expander(f"Niet passend ({len(resultaat.uitgesloten)}) en waarom"):
            st.markdown("\n".join(f"- {md(u.activiteit.naam)}: {md(u.reden)}" for u in resultaat.uitgesloten))
    ua.bron()


def uitleg_score() -> None:
    with st.expander("Hoe komt de score tot stand?", icon=":material/calculate:"):
        st.markdown(
            f"""
Elke activiteit krijgt punten; hoe hoger, hoe beter de activiteit past. Vanaf **{GOED_VANAF} punten**
past een lopende activiteit *goed*.

- **Doelgroep**: +{WEIGHTS["doelgroep_specifiek"]} als de activiteit voor een groep van de persona is,
  +{WEIGHTS["doelgroep_iedereen"]} als ze voor iedereen is.
- **Vorm van eenzaamheid**: +{WEIGHTS["vorm"]} per gedeelde vorm.
- **Levensgebeurtenis**: +{WEIGHTS["levensgebeurtenis"]} als de activiteit erop inspeelt.
- **Werkwijze**: +{WEIGHTS["mechanisme"]} als ze werkt zoals de persona nodig heeft.
- **Afstand**: +{WEIGHTS["eigen_wijk"]} in de eigen wijk, +{WEIGHTS["dichtbij"]} binnen 2 km;
  {WEIGHTS["ver_weg"]} als het verder is en de persona slecht ter been is, of als het een
  buurtactiviteit in een andere wijk is.
- **Drempels**: geld (gratis +1, tot € 5 −1, duurder −3), taal (weinig Nederlands nodig +1, anders −1),
  mobiliteit (thuis of telefonisch +1, vervoer +1), schaamte (anoniem of thuis +1).
- **Bewijs**: effectief +{WEIGHTS["bewijs_effectief"]}, goed onderbouwd +{WEIGHTS["bewijs_goed_onderbouwd"]}.
- **Nog in opbouw**: {WEIGHTS["in_opbouw"]}, en telt niet als goed passend.

Niet meegenomen: buiten de leeftijdsgrens, alleen voor professionals, alleen online bij een digitale drempel,
of voor een andere doelgroep zonder gedeelde levensgebeurtenis.
"""
        )


def persona_view(p: Persona) -> None:
    st.header(f"{p.naam}, {p.leeftijd} jaar", anchor=False)
    st.caption(f"{md(laden.wijk_namen().get(p.wijk, p.wijk))} · fictieve persona")
    st.markdown(f"> *“{md(p.citaat)}”*")
    profiel_blok(p)

    st.subheader(f"Wat past bij {p.naam}?", anchor=False)
    resultaat = match(p.profiel(), laden.aanbod(), laden.wijk_centra())
    matches_blok(resultaat, p.naam, p.wijk, key=p.id)
    uitleg_score()

    st.subheader("Signaleren: wie kan het merken?", anchor=False)
    st.markdown(f"Eenzaamheid wordt vaak niet herkend. Deze mensen komen {md(p.naam)} tegen en kunnen iets doen:")
    cols = st.columns(2)
    for i, s in enumerate(p.signaleerders):
        with cols[i % 2].container(border=True):
            st.markdown(f"**{md(s.label)}**")
            st.markdown(f"*Kan merken:* {md(s.signaal)}")
            st.markdown(f"*Kan doen:* {md(s.wat_te_doen)}")
    st.caption(
        "Signalen kunnen worden besproken bij het CJG, Welzijn Capelle, de Huizen van de Wijk en het "
        "Wmo-loket (plan, 2019). Gegevens over een persoon worden alleen met toestemming gedeeld."
    )
