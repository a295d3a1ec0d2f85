"""Wijkkaart: loneliness per wijk (or buurt) on a map, ranked, summarised and as a table."""

import streamlit as st

from lib import figures as fig
from lib import maps, ui, ui_kaart
from lib.indicators import INDICATOREN, LEEFTIJDEN, format_pct
from lib.wijkprofiel import samenvatting

data = ui.data_or_stop(ui.figures)
gm = ui.data_or_stop(ui.gemeente_info)
wijken = ui.data_or_stop(ui.wijken)
ui.data_or_stop(ui.wijk_geojson)
ui.data_or_stop(ui.buurt_geojson)

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
view = ui_kaart.kaart(niveau, indicator, periode, leeftijd, modus)
shown = fig.slice_of(data, indicator, periode, leeftijd, niveau=niveau)
if fig.any_illustrative(shown):
    ui.illustrative_notice(f"De cijfers per {niveau}")

layer_id = f"{niveau}en"
selected = maps.selected_code(st.session_state.get("kaart_map"), layer_id, view.codes)
deck = maps.deck(
    view,
    label,
    basemap=basemap,
    selected=selected,
    labels=ui_kaart.wijk_labels() if niveau == "wijk" and len(view.codes) <= 30 else (),
    layer_id=layer_id,
)
keuze = f"{label}, {LEEFTIJDEN[leeftijd][0]}, {periode}"
summary = samenvatting(view.tabel, gebied, view.gemeente, view.nl)

left, right = st.columns([3, 2], gap="large")
with left:
    event = st.pydeck_chart(
        deck,
        on_select="rerun",
        selection_mode="single-object",
        key="kaart_map",
        height=480,
        alt=f"Kaart van {gm['naam']}: {keuze} per {niveau}. {summary}",
    )
    ui.source_caption(
        shown["bron"].unique(), ["buurten" if niveau == "buurt" else "wijken"], extra=f"periode {periode}"
    )
with right:
    ui_kaart.legend(view, f"{label} ({LEEFTIJDEN[leeftijd][0]}, {periode})")
    st.caption(
        " · ".join(
            [
                maps.referentie_tekst(gm["naam"], view.gemeente) if view.gemeente else "Geen gemeentelijk cijfer",
                maps.referentie_tekst("Nederland", view.nl),
            ]
        )
    )
    selected = maps.selected_code(event, layer_id, view.codes)
    with st.container(border=True):
        if selected is None:
            st.markdown("**Geselecteerd gebied**")
            st.caption(f"Klik op een {niveau} op de kaart om hier de cijfers te zien.")
        else:
            row = view.tabel[view.tabel["code"] == selected].iloc[0]
            st.subheader(row["naam"], anchor=False)
            waarde = fig.value_of(data, selected, indicator, periode, leeftijd)
            st.metric(
                label,
                format_pct(row["waarde"]) if waarde else "geen gegevens",
                delta=maps.verschil_punten(waarde.waarde, view.gemeente.waarde) + " t.o.v. gemeente"
                if waarde and view.gemeente
                else None,
                delta_color="inverse",
            )
            if waarde:
                st.caption(f"{maps.marge_tekst(waarde)}. Vergeleken met de gemeente: {row['vergelijking_gemeente']}.")
            st.caption(maps.referentie_tekst("Nederland", view.nl))
            wijk_code = selected if niveau == "wijk" else "WK" + selected[2:8]
            if niveau == "wijk":
                inwoners = wijken.loc[wijken["wijk_code"] == selected, "inwoners"]
                if len(inwoners):
                    st.caption(f"Inwoners: {int(inwoners.iloc[0]):,} (CBS, 2024)".replace(",", "."))
            st.page_link(
                "pages/wijk.py",
                label="Open het wijkprofiel",
                icon=":material/arrow_forward:",
                query_params={"wijk": wijk_code},
            )

st.subheader(f"{maps.NIVEAUS[niveau]} op volgorde", anchor=False)
st.markdown(summary)
st.vega_lite_chart(
    ui_kaart.ranking_spec(niveau, indicator, periode, leeftijd, modus), key="kaart_ranking", width="stretch"
)
ui.source_caption(shown["bron"].unique(), extra=f"periode {periode}; zwarte lijnen: 95%-marge")

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
    ui.download_csv(
        view.tabel.assign(indicator=indicator, periode=periode, leeftijd=leeftijd),
        f"eenzaamheid-{niveau}-{indicator}-{periode}-{leeftijd}.csv",
        key="kaart_csv",
    )
