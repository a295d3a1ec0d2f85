"""Wijkkaart: loneliness per wijk (or buurt) on a map, ranked, summarised and as a table."""

import streamlit as st

from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.kaart import klassen
from lib.kaart import wijkkaart as maps
from lib.ui import basis as ui
from lib.ui import kaart as ui_kaart
from lib.ui import laden
from lib.wijk.profiel import samenvatting

# No laden.figures() here: the cached KaartView holds everything this page shows, so a rerun
# copies no large tables (at national scale that copy alone takes half a second).
gm = ui.data_or_stop(laden.gemeente_info)
wijken = ui.data_or_stop(laden.wijken)

st.title("Wijkkaart")
st.markdown(
    f"Waar in {gm['naam']} voelen mensen zich het vaakst eenzaam? Kies wat u wilt zien; klik op een wijk voor "
    "een korte samenvatting en een link naar het wijkprofiel."
)

indicator, periode, leeftijd = ui_kaart.figure_pickers()
c1, c2, c3 = st.columns([1.2, 2, 1.4])
with c1:
    niveau = ui_kaart.url_choice(
        st.segmented_control,
        "Kaartlaag",
        list(maps.NIVEAUS),
        param="niveau",
        default="wijk",
        format_func=maps.NIVEAUS.get,
    )
with c2:
    modus = ui_kaart.url_choice(
        st.segmented_control,
        "Kleur naar",
        list(maps.MODI),
        param="modus",
        default=maps.MODUS_KLASSEN,
        format_func=maps.MODI.get,
        help="Verschil met de gemeente: alleen 'duidelijk hoger' of 'duidelijk lager' als de hele 95%-marge "
        "van het gebied boven of onder het gemeentecijfer ligt, zoals in de GGD-gebiedsprofielen.",
    )
with c3:
    basemap = st.toggle(
        "Achtergrondkaart", key="kaart_basemap", help="Straten als achtergrond; hiervoor is internet nodig."
    )
ui_kaart.url_notices()

label = INDICATOREN[indicator].label
gebied = maps.NIVEAUS[niveau].lower()
choice = (niveau, indicator, periode, leeftijd, modus)
view = ui.data_or_stop(ui_kaart.kaart, *choice)
if view.illustratief:
    ui.illustrative_notice(f"De cijfers per {niveau}")

layer_id = f"{niveau}en"
# The keyboard alternative to clicking the map: a list of the areas, kept in step with the map.
gebied_key = f"kaart_gebied_{niveau}"
namen = dict(zip(view.tabel["code"], view.tabel["naam"], strict=True))
if st.session_state.get(gebied_key) not in namen:
    st.session_state[gebied_key] = None


def _kaart_geklikt() -> None:
    # A redrawn map (e.g. after a choice in the list) reports an empty selection: keep the list's choice.
    code = maps.selected_code(st.session_state.get("kaart_map"), layer_id, view.codes)
    if code is not None:
        st.session_state[gebied_key] = code


selected = st.session_state[gebied_key]
deck = ui_kaart.kaart_deck(*choice, basemap, selected)
keuze = f"{label}, {LEEFTIJDEN[leeftijd][0]}, {periode}"
summary = samenvatting(view.tabel, gebied, view.gemeente, view.nl)

left, right = st.columns([3, 2], gap="large")
with left:
    st.pydeck_chart(
        deck,
        on_select=_kaart_geklikt,
        selection_mode="single-object",
        key="kaart_map",
        height=480,
        alt=f"Kaart van {gm['naam']}: {keuze} per {niveau}. {summary}",
    )
    ui.source_caption(view.bronnen, ["buurten" if niveau == "buurt" else "wijken"], extra=f"periode {periode}")
with right:
    ui_kaart.legend(view, f"{label} ({LEEFTIJDEN[leeftijd][0]}, {periode})")
    st.caption(
        " · ".join(
            [
                klassen.referentie_tekst(gm["naam"], view.gemeente) if view.gemeente else "Geen gemeentelijk cijfer",
                klassen.referentie_tekst("Nederland", view.nl),
            ]
        )
    )
    st.selectbox(
        f"Kies een {niveau}",
        sorted(namen, key=namen.get),
        format_func=namen.get,
        index=None,
        placeholder=f"Typ of kies een {niveau}",
        key=gebied_key,
        help=f"Hetzelfde als klikken op de kaart: de gekozen {niveau} wordt op de kaart omlijnd.",
    )
    with st.container(border=True):
        if selected is None:
            st.markdown("**Geselecteerd gebied**")
            st.caption(f"Klik op een {niveau} op de kaart of kies er een hierboven om hier de cijfers te zien.")
        else:
            props = view.feature(selected)
            row = view.tabel[view.tabel["code"] == selected].iloc[0]
            heeft_waarde = props["waarde_tekst"] != klassen.GEEN_GEGEVENS
            st.subheader(props["naam"], anchor=False)
            st.metric(
                label,
                props["waarde_tekst"],
                delta=klassen.verschil_punten(row["waarde"], view.gemeente.waarde) + " t.o.v. gemeente"
                if heeft_waarde and view.gemeente
                else None,
                delta_color="inverse",
            )
            if heeft_waarde:
                vergelijking = f" Vergeleken met de gemeente: {props['vergelijking']}." if props["vergelijking"] else ""
                st.caption(f"{props['marge_tekst'].capitalize()}.{vergelijking}")
            st.caption(klassen.referentie_tekst("Nederland", view.nl))
            wijk_code = selected if niveau == "wijk" else "WK" + selected[2:8]
            if niveau == "wijk":
                inwoners = wijken.loc[wijken["wijk_code"] == selected, "inwoners"]
                if len(inwoners):
                    aantal = f"{int(inwoners.iloc[0]):,}".replace(",", ".")
                    st.caption(f"Inwoners: {aantal} (CBS, 2024)")
            st.page_link(
                "views/wijk.py",
                label="Open het wijkprofiel",
                icon=":material/arrow_forward:",
                query_params={"wijk": wijk_code},
            )

st.subheader(f"{maps.NIVEAUS[niveau]} op volgorde", anchor=False)
st.markdown(summary)
st.vega_lite_chart(
    ui_kaart.ranking_spec(niveau, indicator, periode, leeftijd, modus), key="kaart_ranking", width="stretch"
)
ui.source_caption(view.bronnen, extra=f"periode {periode}; zwarte lijnen: 95%-marge")

with st.expander(f"Tabel: {label.lower()} per {niveau}", expanded=False, icon=":material/table:"):
    tabel = view.tabel.rename(
        columns={
            "code": "Code",
            "naam": "Naam",
            "waarde": "Waarde (%)",
            "ondergrens": "Ondergrens (%)",
            "bovengrens": "Bovengrens (%)",
            "vergelijking_gemeente": "Vergeleken met gemeente",
            "illustratief": "Voorbeeldcijfer",
        }
    )
    st.dataframe(
        tabel,
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.NumberColumn(format="%.1f") for c in tabel.columns if "(%)" in c},
    )
    st.download_button(
        "Download als CSV",
        ui_kaart.tabel_csv(*choice),
        file_name=f"eenzaamheid-{niveau}-{indicator}-{periode}-{leeftijd}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="kaart_csv",
    )
