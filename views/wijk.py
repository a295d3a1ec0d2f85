"""Wijkprofiel: one wijk in depth. Deep link: /wijk?wijk=WK050207."""

import streamlit as st

from lib.cijfers import onderdrukking
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.kaart import klassen
from lib.kern import getallen
from lib.kern.getallen import aandeel, getal
from lib.regio import codes
from lib.ui import basis as ui
from lib.ui import bevolking as ui_bevolking
from lib.ui import gebied as gebied_ui
from lib.ui import kaart as ui_kaart
from lib.ui import laden
from lib.ui import vergelijking as ui_vergelijking
from lib.ui import wijkplan as ui_wijkplan

gm = ui.data_or_stop(laden.gemeente_info)
wijken = ui.data_or_stop(laden.wijken)
namen = dict(zip(wijken["wijk_code"], wijken["wijk_naam"], strict=True))

if st.query_params.get("gebied"):  # an opgaveteam's area of several wijken (issue 17)
    gebied_ui.render()
    st.stop()

st.title("Wijkprofiel")

# The picker follows the URL (?wijk=WK…); a bad code gets a friendly note and the picker.
wijk_code = ui_kaart.url_choice(
    st.selectbox,
    "Wijk",
    list(namen),
    param="wijk",
    default=None,
    parse=lambda raw: codes.lees_wijk_link(raw, namen),
    format_func=lambda c: f"{namen[c]} ({c})",
    index=None,
    placeholder="Kies een wijk",
)
if wijk_code is None:
    ui_kaart.url_notices()
    st.info(
        "Kies een wijk om het profiel te zien, of klik een wijk aan op de Wijkkaart.", icon=":material/location_on:"
    )
    st.page_link("views/kaart.py", label="Naar de Wijkkaart", icon=":material/map:")
    st.stop()
naam = namen[wijk_code]

indicator, periode, leeftijd = ui_kaart.figure_pickers()
ui_kaart.url_notices()
label = INDICATOREN[indicator].label
p = ui.data_or_stop(ui_kaart.profiel, wijk_code, indicator, periode, leeftijd)
if p.illustratief:
    ui.illustrative_notice(f"De cijfers van {naam} en zijn buurten")

st.header(naam, anchor=False)
gebied_ui.links(wijk_code)  # the opgaveteam areas this wijk belongs to
inwoners = int(wijken.loc[wijken["wijk_code"] == wijk_code, "inwoners"].iloc[0])
# The tiles in a row that wraps: on a small laptop (1024 px) five side by side cut their texts.
rij = st.container(horizontal=True, key="wijk_tegels")
with rij.container(border=True):
    ui.tegel("Inwoners", getal(inwoners))
    st.caption(f"{aandeel(inwoners / gm['inwoners'])} van alle inwoners van {gm['naam']}. Bron: CBS (2024).")
for tile in p.tegels:
    with rij.container(border=True):
        ui.tegel(
            tile.label,
            tile.waarde_tekst,
            voorbeeld=tile.voorbeeld,
            delta=tile.verschil_gemeente or None,
            help=INDICATOREN[tile.indicator].uitleg,
        )
        st.caption(
            ". ".join(
                x
                for x in (
                    onderdrukking.ONDERDRUKT.capitalize() if tile.onderdrukt else "",
                    tile.gemeente_tekst,
                    tile.nl_tekst,
                    klassen.marge_tekst(tile.waarde).capitalize(),
                )
                if x
            )
        )
ui.source_caption(p.tegel_bronnen, ["wijktabel"], extra=f"{LEEFTIJDEN[leeftijd][0]}, periode {periode}")
if any(tile.voorbeeld for tile in p.tegels):
    st.caption(vb.VOETNOOT)

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Ontwikkeling", anchor=False)
    st.markdown(p.trend_tekst)
    st.vega_lite_chart(getallen.met_locale(p.trend_spec), key="wijk_trend", width="stretch")
    ui.source_caption(p.trend_bronnen, extra="band: 95%-marge van de wijk")
    ui.download_csv(p.trend, f"trend-{wijk_code}-{indicator}.csv", key="wijk_trend_csv")
with right:
    st.subheader("Naar leeftijd", anchor=False)
    st.markdown(p.leeftijd_tekst)
    st.vega_lite_chart(getallen.met_locale(p.leeftijd_spec), key="wijk_leeftijd", width="stretch")
    ui.source_caption(["illustratief"] if p.leeftijd["illustratief"].any() else [], extra=f"periode {periode}")
    ui.download_csv(p.leeftijd, f"leeftijd-{wijk_code}-{indicator}-{periode}.csv", key="wijk_leeftijd_csv")

st.subheader(f"De buurten van {naam}", anchor=False)
st.markdown(p.buurten_tekst)
mleft, mright = st.columns([3, 2], gap="large")
with mleft:
    ui_kaart.pydeck_met_plaat(
        ui_kaart.buurt_deck(wijk_code, indicator, periode, leeftijd),
        key="wijk_buurtkaart",
        height=340,
        alt=f"Kaart van de buurten van {naam}, gekleurd naar {label.lower()}. {p.buurten_tekst}",
    )
    ui_kaart.legend(p.buurt_kaart, f"{label} ({periode})")
with mright:
    st.dataframe(
        getallen.tabel(p.buurten, {"waarde": "getal1", "ondergrens": "getal1", "bovengrens": "getal1"}).rename(
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
    )
    ui.download_csv(p.buurten, f"buurten-{wijk_code}-{indicator}-{periode}.csv", key="wijk_buurten_csv")
ui.source_caption(p.buurt_kaart.bronnen, ["buurten"], extra=f"periode {periode}")

ui_bevolking.section(ui.data_or_stop(ui_bevolking.wie_wonen_er, wijk_code, naam))

ui_wijkplan.sectie(ui.data_or_stop(ui_kaart.plan, wijk_code, periode), periode, naam, gm["naam"], [wijk_code], wijk_code)

st.page_link("views/kaart.py", label="Terug naar de Wijkkaart", icon=":material/map:")

ui_vergelijking.sectie(indicator, periode, leeftijd)
