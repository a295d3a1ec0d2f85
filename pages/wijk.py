"""Wijkprofiel: one wijk in depth. Deep link: /wijk?wijk=WK050207."""

import streamlit as st

from lib import figures as fig
from lib import maps, ui, ui_kaart, wijkcharts
from lib import wijkprofiel as wp
from lib.indicators import INDICATOREN, LEEFTIJDEN, format_pct

data = ui.data_or_stop(ui.figures)
gm = ui.data_or_stop(ui.gemeente_info)
wijken = ui.data_or_stop(ui.wijken)
buurten = ui.data_or_stop(ui.buurten)
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
    st.page_link("pages/kaart.py", label="Naar de Wijkkaart", icon=":material/map:")
    st.stop()
st.query_params["wijk"] = wijk_code
naam = namen[wijk_code]

indicator, periode, leeftijd = ui_kaart.figure_pickers()
ui_kaart.url_notices()
label = INDICATOREN[indicator].label
mine = data[data["regio_code"].str.startswith(("WK" + wijk_code[2:], "BU" + wijk_code[2:]))]
if fig.any_illustrative(mine):
    ui.illustrative_notice(f"De cijfers van {naam} en zijn buurten")

st.header(naam, anchor=False)
inwoners = int(wijken.loc[wijken["wijk_code"] == wijk_code, "inwoners"].iloc[0])
tiles = wp.tegels(data, wijk_code, gm["code"], periode, leeftijd)
cols = st.columns(len(tiles) + 1)
with cols[0].container(border=True):
    st.metric("Inwoners", f"{inwoners:,}".replace(",", "."))
    st.caption(f"{inwoners / gm['inwoners']:.0%} van alle inwoners van {gm['naam']}. Bron: CBS (2024).")
for col, tile in zip(cols[1:], tiles, strict=True):
    with col.container(border=True):
        st.metric(
            tile.label,
            tile.waarde_tekst,
            delta=tile.verschil_gemeente or None,
            delta_color="inverse",
            help=INDICATOREN[tile.indicator].uitleg,
        )
        extra = (
            f"{wp.COMPARE_ICON[tile.vergelijking]} {tile.vergelijking} dan de gemeente. " if tile.vergelijking else ""
        )
        st.caption(f"{extra}{tile.nl_tekst}. {maps.marge_tekst(tile.waarde)}".strip())
bronnen = {t.waarde.bron for t in tiles if t.waarde} | {t.nl.bron for t in tiles if t.nl}
ui.source_caption(sorted(bronnen), ["wijktabel"], extra=f"{LEEFTIJDEN[leeftijd][0]}, periode {periode}")

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Ontwikkeling", anchor=False)
    t = wp.trend(data, wijk_code, gm["code"], indicator, leeftijd, naam, gm["naam"])
    st.markdown(wp.trend_tekst(t, naam))
    st.altair_chart(wijkcharts.trend_chart(t, label), key="wijk_trend", width="stretch")
    ui.source_caption(
        t.merge(data[["regio_code", "periode", "bron"]].drop_duplicates(), how="left")["bron"].dropna().unique(),
        extra="band: 95%-marge van de wijk",
    )
    ui.download_csv(t, f"trend-{wijk_code}-{indicator}.csv", key="wijk_trend_csv")
with right:
    st.subheader("Naar leeftijd", anchor=False)
    a = wp.leeftijdsopbouw(data, wijk_code, gm["code"], indicator, periode, naam, gm["naam"])
    st.markdown(wp.leeftijd_tekst(a, naam))
    st.altair_chart(wijkcharts.age_chart(a, label), key="wijk_leeftijd", width="stretch")
    ui.source_caption(["illustratief"] if a["illustratief"].any() else [], extra=f"periode {periode}")
    ui.download_csv(a, f"leeftijd-{wijk_code}-{indicator}-{periode}.csv", key="wijk_leeftijd_csv")

st.subheader(f"De buurten van {naam}", anchor=False)
bt = wp.buurten_tabel(data, buurten, wijk_code, indicator, periode, leeftijd)
met = bt.dropna(subset=["waarde"])
st.markdown(
    f"{naam} heeft {len(bt)} buurten. "
    + (
        f"Hoogste: {met.iloc[0]['buurt_naam']} ({format_pct(met.iloc[0]['waarde'])}); "
        f"laagste: {met.iloc[-1]['buurt_naam']} ({format_pct(met.iloc[-1]['waarde'])})."
        if len(met)
        else "Voor geen van de buurten zijn cijfers."
    )
    + (f" {len(bt) - len(met)} zonder gegevens." if len(bt) > len(met) else "")
)
mleft, mright = st.columns([3, 2], gap="large")
with mleft:
    geo = ui.buurt_geojson()
    own = {
        "type": "FeatureCollection",
        "features": [f for f in geo["features"] if f["properties"]["wijk_code"] == wijk_code],
    }
    bnamen = dict(zip(buurten["buurt_code"], buurten["buurt_naam"], strict=True))
    gemeente_w, nl_w = ui_kaart.references(data, gm["code"], indicator, periode, leeftijd)
    own_figures = fig.slice_of(data, indicator, periode, leeftijd, niveau="buurt")
    bview = maps.build_kaart(
        own,
        own_figures[own_figures["regio_code"].isin(set(bt["buurt_code"]))],
        bnamen,
        niveau="buurt",
        gemeente=gemeente_w,
        nl=nl_w,
        view=maps.fit_view(maps._bounds(own), 560, 340),
    )
    st.pydeck_chart(
        maps.deck(bview, label, layer_id="buurten"),
        key="wijk_buurtkaart",
        height=340,
        alt=f"Kaart van de buurten van {naam}, gekleurd naar {label.lower()}.",
    )
    ui_kaart.legend(bview, f"{label} ({periode})")
with mright:
    st.dataframe(
        bt.rename(
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
    ui.download_csv(bt, f"buurten-{wijk_code}-{indicator}-{periode}.csv", key="wijk_buurten_csv")
ui.source_caption(
    ["illustratief"] if len(met) and (met["illustratief"] == "ja").any() else [],
    ["buurten"],
    extra=f"periode {periode}",
)
st.page_link("pages/kaart.py", label="Terug naar de Wijkkaart", icon=":material/map:")
