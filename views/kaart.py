"""Wijkkaart: loneliness per wijk (or buurt) on a map, ranked, summarised and as a table."""

import streamlit as st

from lib.cijfers import kwb, onderdrukking
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import LEEFTIJDEN
from lib.kaart import klassen
from lib.kaart import wijkkaart as maps
from lib.kern.getallen import getal
from lib.regio.codes import wijk_van_buurt
from lib.ui import basis as ui
from lib.ui import gebied as gebied_ui
from lib.ui import kaart as ui_kaart
from lib.ui import laden

# No laden.figures() here: the cached KaartView holds everything this page shows, so a rerun
# copies no large tables (at national scale that copy alone takes half a second).
gm = ui.data_or_stop(laden.gemeente_info)
inwoners_per_wijk = ui.data_or_stop(laden.inwoners_per_wijk)

st.title("Wijkkaart")
st.markdown(
    f"Waar in {gm['naam']} voelen mensen zich het vaakst eenzaam? Kies wat u wilt zien; klik op een wijk voor "
    "een korte samenvatting en een link naar het wijkprofiel."
)

onderwerp = ui_kaart.url_choice(
    st.selectbox,
    "Wat toont de kaart?",
    list(ui_kaart.ONDERWERPEN),
    param="laag",
    default=ui_kaart.EENZAAMHEID,
    format_func=ui_kaart.ONDERWERPEN.get,
    help="Eenzaamheid: schattingen van het RIVM (of voorbeeldcijfers tot die zijn ingelezen). "
    "De CBS-lagen zijn echte tellingen op 1 januari 2024: wie er in een wijk of buurt woont.",
)
cbs_laag = onderwerp != ui_kaart.EENZAAMHEID
if cbs_laag:
    indicator, periode, leeftijd = onderwerp, kwb.PERIODE, "alle"
else:
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
    modus = (
        maps.MODUS_KLASSEN
        if cbs_laag
        else ui_kaart.url_choice(
            st.segmented_control,
            "Kleur naar",
            list(maps.MODI),
            param="modus",
            default=maps.MODUS_KLASSEN,
            format_func=maps.MODI.get,
            help="Verschil met de gemeente: alleen 'duidelijk hoger' of 'duidelijk lager' als de hele 95%-marge "
            "van het gebied boven of onder het gemeentecijfer ligt, zoals in de GGD-gebiedsprofielen.",
        )
    )
with c3:
    basemap = st.toggle(
        "Achtergrondkaart", key="kaart_basemap", help="Straten als achtergrond; hiervoor is internet nodig."
    )
ui_kaart.url_notices()

label = ui_kaart.laag_label(indicator)
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
keuze = f"{label}, CBS 2024" if cbs_laag else f"{label}, {LEEFTIJDEN[leeftijd][0]}, {periode}"
summary = ui_kaart.samenvatting(*choice, gebied)
periode_tekst = "stand 1 januari 2024; echte tellingen" if cbs_laag else f"periode {periode}"

left, right = st.columns([3, 2], gap="large")
with left:
    ui_kaart.pydeck_met_plaat(
        deck,
        on_select=_kaart_geklikt,
        selection_mode="single-object",
        key="kaart_map",
        height=480,
        alt=f"Kaart van {gm['naam']}: {keuze} per {niveau}. {summary}",
    )
    ui.source_caption(view.bronnen, ["buurten" if niveau == "buurt" else "wijken"], extra=periode_tekst)
with right:
    ui_kaart.legend(
        view, f"{label} (CBS, 1 januari 2024)" if cbs_laag else f"{label} ({LEEFTIJDEN[leeftijd][0]}, {periode})"
    )
    st.caption(
        " · ".join(
            [
                klassen.referentie_tekst(gm["naam"], view.gemeente) if view.gemeente else "Geen gemeentelijk cijfer",
                *([] if cbs_laag else [klassen.referentie_tekst("Nederland", view.nl)]),
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
            heeft_waarde = props["waarde_tekst"] not in (
                klassen.GEEN_GEGEVENS, onderdrukking.GEEN_SCHATTING, onderdrukking.ONDERDRUKT
            )
            voorbeeld = row["illustratief"].startswith("ja")
            st.subheader(props["naam"], anchor=False)
            # no arrow for an example value or a count: a difference there is no finding
            toon_delta = heeft_waarde and view.gemeente and not voorbeeld and view.eenheid == "%"
            onderdrukt = props["waarde_tekst"] == onderdrukking.ONDERDRUKT
            ui.tegel(
                label,
                onderdrukking.ONDERDRUKT_TEGEL if onderdrukt else props["waarde_tekst"],
                voorbeeld=voorbeeld and heeft_waarde,
                delta=klassen.verschil_punten(row["waarde"], view.gemeente.waarde) + " t.o.v. gemeente"
                if toon_delta
                else None,
                delta_color="off" if cbs_laag else "inverse",
            )
            if props["waarde_tekst"] == onderdrukking.GEEN_SCHATTING:
                st.caption(onderdrukking.REDEN)
            if onderdrukt:
                st.caption(onderdrukking.ONDERDRUKT.capitalize() + ".")
            if heeft_waarde and not cbs_laag:
                vergelijking = f" Vergeleken met de gemeente: {props['vergelijking']}." if props["vergelijking"] else ""
                st.caption(f"{props['marge_tekst'].capitalize()}.{vergelijking}")
            if voorbeeld:
                st.caption(vb.VOETNOOT)
            if not cbs_laag:
                st.caption(klassen.referentie_tekst("Nederland", view.nl))
            wijk_code = selected if niveau == "wijk" else wijk_van_buurt(selected)
            if niveau == "wijk" and selected in inwoners_per_wijk:
                st.caption(f"Inwoners: {getal(inwoners_per_wijk[selected])} (CBS, 2024)")
            st.page_link(
                "views/wijk.py",
                label="Open het wijkprofiel",
                icon=":material/arrow_forward:",
                query_params={"wijk": wijk_code},
            )
            gebied_ui.links(wijk_code)  # the opgaveteam areas this wijk belongs to

st.subheader(f"{maps.NIVEAUS[niveau]} op volgorde", anchor=False)
st.markdown(summary)
st.vega_lite_chart(
    ui_kaart.ranking_spec(niveau, indicator, periode, leeftijd, modus), key="kaart_ranking", width="stretch"
)
ui.source_caption(view.bronnen, extra=periode_tekst if cbs_laag else f"{periode_tekst}; zwarte lijnen: 95%-marge")

# Lazy: the table is built (and the browser loads its table component) only when someone opens it.
tabel_paneel = st.expander(
    f"Tabel: {label.lower()} per {niveau}", icon=":material/table:", key="kaart_tabel_open", on_change="rerun"
)
if tabel_paneel.open:
    with tabel_paneel:
        ui_kaart.tabel_blok(view, choice, label, cbs_laag)
