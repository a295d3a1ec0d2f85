"""Wijkprofiel: one wijk in depth. Deep link: /wijk?wijk=WK050207."""

import streamlit as st

from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.kaart import klassen
from lib.kern.tekst import escape_markdown
from lib.ui import basis as ui
from lib.ui import kaart as ui_kaart
from lib.ui import laden
from lib.wijk import plan as wijkplan
from lib.wijk import profiel as wp

gm = ui.data_or_stop(laden.gemeente_info)
wijken = ui.data_or_stop(laden.wijken)
namen = dict(zip(wijken["wijk_code"], wijken["wijk_naam"], strict=True))

st.title("Wijkprofiel")

# The picker follows the URL (?wijk=WK…); a bad code gets a friendly note and the picker.
if "q_wijk" not in st.session_state:
    raw = st.query_params.get("wijk")
    code, probleem = wp.parse_wijk_code(raw, namen)
    if probleem:
        st.warning(
            f"De link vraagt om wijk '{wp.safe_text(raw)}'. {probleem} Kies hieronder een wijk.",
            icon=":material/link_off:",
        )
    st.session_state["q_wijk"] = code
wijk_code = st.selectbox(
    "Wijk",
    list(namen),
    key="q_wijk",
    format_func=lambda c: f"{namen[c]} ({c})",
    index=None,
    placeholder="Kies een wijk",
)
if wijk_code is None:
    st.query_params.pop("wijk", None)
    st.info(
        "Kies een wijk om het profiel te zien, of klik een wijk aan op de Wijkkaart.", icon=":material/location_on:"
    )
    st.page_link("views/kaart.py", label="Naar de Wijkkaart", icon=":material/map:")
    st.stop()
st.query_params["wijk"] = wijk_code
naam = namen[wijk_code]

indicator, periode, leeftijd = ui_kaart.figure_pickers()
ui_kaart.url_notices()
label = INDICATOREN[indicator].label
p = ui.data_or_stop(ui_kaart.profiel, wijk_code, indicator, periode, leeftijd)
if p.illustratief:
    ui.illustrative_notice(f"De cijfers van {naam} en zijn buurten")

st.header(naam, anchor=False)
inwoners = int(wijken.loc[wijken["wijk_code"] == wijk_code, "inwoners"].iloc[0])
cols = st.columns(len(p.tegels) + 1)
with cols[0].container(border=True):
    st.metric("Inwoners", f"{inwoners:,}".replace(",", "."))
    st.caption(f"{inwoners / gm['inwoners']:.0%} van alle inwoners van {gm['naam']}. Bron: CBS (2024).")
for col, tile in zip(cols[1:], p.tegels, strict=True):
    with col.container(border=True):
        st.metric(
            tile.label,
            tile.waarde_tekst,
            delta=tile.verschil_gemeente or None,  # the caption below says: against the gemeente
            delta_color="inverse",
            help=INDICATOREN[tile.indicator].uitleg,
        )
        st.caption(
            ". ".join(x for x in (tile.gemeente_tekst, tile.nl_tekst, klassen.marge_tekst(tile.waarde).capitalize()) if x)
        )
ui.source_caption(p.tegel_bronnen, ["wijktabel"], extra=f"{LEEFTIJDEN[leeftijd][0]}, periode {periode}")

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Ontwikkeling", anchor=False)
    st.markdown(p.trend_tekst)
    st.vega_lite_chart(p.trend_spec, key="wijk_trend", width="stretch")
    ui.source_caption(p.trend_bronnen, extra="band: 95%-marge van de wijk")
    ui.download_csv(p.trend, f"trend-{wijk_code}-{indicator}.csv", key="wijk_trend_csv")
with right:
    st.subheader("Naar leeftijd", anchor=False)
    st.markdown(p.leeftijd_tekst)
    st.vega_lite_chart(p.leeftijd_spec, key="wijk_leeftijd", width="stretch")
    ui.source_caption(["illustratief"] if p.leeftijd["illustratief"].any() else [], extra=f"periode {periode}")
    ui.download_csv(p.leeftijd, f"leeftijd-{wijk_code}-{indicator}-{periode}.csv", key="wijk_leeftijd_csv")

st.subheader(f"De buurten van {naam}", anchor=False)
st.markdown(p.buurten_tekst)
mleft, mright = st.columns([3, 2], gap="large")
with mleft:
    st.pydeck_chart(
        ui_kaart.buurt_deck(wijk_code, indicator, periode, leeftijd),
        key="wijk_buurtkaart",
        height=340,
        alt=f"Kaart van de buurten van {naam}, gekleurd naar {label.lower()}. {p.buurten_tekst}",
    )
    ui_kaart.legend(p.buurt_kaart, f"{label} ({periode})")
with mright:
    st.dataframe(
        p.buurten.rename(
            columns={
                "buurt_code": "Code",
                "buurt_naam": "Buurt",
                "waarde": "Waarde (%)",
                "ondergrens": "Ondergrens (%)",
                "bovengrens": "Bovengrens (%)",
                "toelichting": "Toelichting",
                "illustratief": "Voorbeeldcijfer",
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={
            c: st.column_config.NumberColumn(format="%.1f") for c in ("Waarde (%)", "Ondergrens (%)", "Bovengrens (%)")
        },
    )
    ui.download_csv(p.buurten, f"buurten-{wijk_code}-{indicator}-{periode}.csv", key="wijk_buurten_csv")
ui.source_caption(p.buurt_kaart.bronnen, ["buurten"], extra=f"periode {periode}")

st.subheader("Wat betekent dit voor het plan?", anchor=False)
wplan = ui.data_or_stop(ui_kaart.plan, wijk_code, periode)
st.markdown(
    "Aanknopingspunten voor het opgaveteam: de risicogroepen en thema's die hier spelen, met de reden erbij, "
    "en het aanbod dat in de wijk zit. Een reden is een persona die hier woont, of een cijfer van de wijk dat "
    f"duidelijk hoger is dan dat van de gemeente ({periode}, 95%-marges)."
)
pleft, pright = st.columns(2, gap="large")
with pleft:
    st.markdown("**Risicogroepen**")
    if wplan.risicogroepen:
        st.dataframe(wijkplan.suggesties_frame(wplan.risicogroepen, "Risicogroep"), hide_index=True, width="stretch")
    else:
        st.caption("Hier springt geen risicogroep uit: er woont geen persona en geen cijfer is duidelijk hoger.")
    st.markdown("**Thema's van het plan**")
    if wplan.themas:
        st.dataframe(wijkplan.suggesties_frame(wplan.themas, "Thema"), hide_index=True, width="stretch")
    else:
        st.caption("Geen thema springt eruit voor deze wijk; alle vier de thema's gelden voor heel Capelle.")
    if wplan.personas:
        st.caption("Persona's die hier wonen (verzonnen voorbeelden, geen echte inwoners):")
        for persona in wplan.personas:
            st.page_link(
                "views/personas.py",
                label=f"{escape_markdown(persona.naam)}, {persona.leeftijd} jaar",
                icon=":material/person:",
                query_params={"persona": persona.id},
            )
with pright:
    st.markdown(f"**Aanbod in {escape_markdown(naam)}** ({len(wplan.activiteiten)})")
    if wplan.activiteiten:
        act = wijkplan.activiteiten_frame(wplan.activiteiten)
        st.dataframe(act, hide_index=True, width="stretch")
        ui.download_csv(act, f"aanbod-{wijk_code}.csv", key="wijk_aanbod_csv")
    else:
        st.caption("Er staat geen activiteit in deze wijk in de sociale kaart.")
    st.caption(f"Daarnaast {len(wplan.gemeentebreed)} activiteiten voor heel {gm['naam']}.")
    if wplan.illustratief:
        st.caption("Tijden en adressen in de sociale kaart zijn deels voorbeelden; zie de kolom Voorbeeldgegevens.")
    st.page_link(
        "views/aanbod.py",
        label="Al het aanbod in deze wijk",
        icon=":material/volunteer_activism:",
        query_params={"wijk": wijk_code},
    )
ui.source_caption(datasets=["aanbod"], extra="persona's: verzonnen voorbeelden (personas/)")

st.page_link("views/kaart.py", label="Terug naar de Wijkkaart", icon=":material/map:")
