"""Streamlit drawing for the Sociale kaart page: the filter form, the list and the coverage tab."""

from __future__ import annotations

import streamlit as st

from lib.aanbod import dekking
from lib.aanbod.begrippen import DAGEN, DOELGROEPEN, TOEGANKELIJKHEID
from lib.aanbod.catalogus import KOSTEN_KEUZES, Filter, organisaties, to_frame
from lib.cijfers.indicators import VORMEN
from lib.kern import getallen
from lib.kern.tekst import escape_markdown as md
from lib.plan.themas import THEMAS
from lib.ui import basis as ui
from lib.ui import widgets as ua


def filter_form(catalogue, namen: dict[str, str]) -> Filter:
    """The search and filter widgets (kept in session state); returns the chosen Filter."""
    with st.expander("Zoeken en filteren", expanded=True, icon=":material/filter_list:"):
        zoek = st.text_input(
            "Zoeken", placeholder="Bijvoorbeeld: koffie, rouw, taal, maatje", key="f_zoek", max_chars=100
        )
        c1, c2, c3 = st.columns(3)
        wijken = ua.url_choice(
            c1.multiselect,
            "Wijk",
            list(namen),
            param="wijk",
            default=[],
            key="f_wijken",
            format_func=namen.get,
            placeholder="Alle wijken",
        )
        doelgroepen = c2.multiselect(
            "Doelgroep",
            [g for g in DOELGROEPEN if g != "iedereen"],
            format_func=DOELGROEPEN.get,
            key="f_doelgroepen",
            placeholder="Alle doelgroepen",
        )
        vormen = c3.multiselect("Vorm van eenzaamheid", list(VORMEN), key="f_vormen", placeholder="Alle vormen")
        c4, c5, c6 = st.columns(3)
        themas = c4.multiselect(
            "Thema",
            list(THEMAS),
            format_func=lambda n: f"{n}. {THEMAS[n].naam}",
            key="f_themas",
            placeholder="Alle thema's",
        )
        dagen = c5.multiselect("Dag", list(DAGEN), format_func=DAGEN.get, key="f_dagen", placeholder="Alle dagen")
        kosten = c6.segmented_control(
            "Kosten", list(KOSTEN_KEUZES), format_func=KOSTEN_KEUZES.get, default="alle", key="f_kosten"
        )
        c7, c8 = st.columns(2)
        toegankelijk = c7.multiselect(
            "Toegankelijkheid (alle gekozen)",
            list(TOEGANKELIJKHEID),
            format_func=TOEGANKELIJKHEID.get,
            key="f_toeg",
            placeholder="Geen eisen",
        )
        orgs = c8.multiselect("Organisatie", organisaties(catalogue), key="f_orgs", placeholder="Alle organisaties")
        t1, t2 = st.columns(2)
        met_gemeente = t1.toggle("Ook aanbod voor heel Capelle tonen", value=True, key="f_gemeente")
        alleen_lopend = t2.toggle("Alleen aanbod dat al loopt", value=False, key="f_lopend")

    return Filter(
        zoek=zoek,
        wijken=tuple(wijken),
        met_gemeentebreed=met_gemeente,
        doelgroepen=tuple(doelgroepen),
        vormen=tuple(vormen),
        themas=tuple(themas),
        kosten=kosten or "alle",
        dagen=tuple(dagen),
        toegankelijkheid=tuple(toegankelijk),
        organisaties=tuple(orgs),
        alleen_lopend=alleen_lopend,
    )


def lijst(gevonden, namen: dict[str, str]) -> None:
    """The list tab: table with CSV download and the details of one activity."""
    if not gevonden:
        st.info("Geen activiteiten gevonden met deze keuzes. Maak de zoekopdracht of de filters ruimer.")
    else:
        tabel = to_frame(gevonden, namen)
        kolommen = ["naam", "organisatie", "wijk", "tijden", "kosten_eur", "doelgroepen",
                    "vormen van eenzaamheid", "thema", "status", "voorbeeldgegevens"]  # fmt: skip
        st.dataframe(
            getallen.tabel(tabel[kolommen], {"kosten_eur": "kosten"}),
            hide_index=True,
            width="stretch",
            column_config={
                "naam": st.column_config.TextColumn("Activiteit", width="medium", pinned=True),
                "organisatie": st.column_config.TextColumn("Organisatie", width="medium"),
                "wijk": st.column_config.TextColumn("Wijk"),
                "tijden": st.column_config.TextColumn("Wanneer", width="medium"),
                "kosten_eur": st.column_config.TextColumn("Kosten"),
                "doelgroepen": st.column_config.TextColumn("Doelgroepen"),
                "vormen van eenzaamheid": st.column_config.TextColumn("Vormen van eenzaamheid"),
                "thema": st.column_config.TextColumn("Thema"),
                "status": st.column_config.TextColumn("Status"),
                "voorbeeldgegevens": st.column_config.TextColumn("Voorbeeld (niet uit het plan)"),
            },
            key="aanbod_tabel",
        )
        ui.download_csv(tabel, "sociale-kaart-capelle.csv", key="aanbod_csv")
        st.markdown("**Details van één activiteit**")
        gekozen = st.selectbox(
            "Kies een activiteit",
            [a.id for a in gevonden],
            format_func={a.id: a.naam for a in gevonden}.get,
            key="f_detail",
        )
        detail = next(a for a in gevonden if a.id == gekozen)
        with st.container(border=True):
            st.markdown(f"**{md(detail.naam)}** · {md(detail.organisatie)}")
            st.markdown(md(detail.omschrijving))
            ua.details(detail, namen)
    ua.bron()


def dekking_tab(catalogue, namen: dict[str, str], alleen_lopend: bool) -> None:
    """Where the offer is thin: two coverage heatmaps, each with a summary, table and download."""
    st.markdown(
        "Hoeveel activiteiten zijn er per combinatie? Witte vakjes zijn gaten. Dit telt het **hele** aanbod"
        + (" dat al loopt" if alleen_lopend else " (lopend en in opbouw)")
        + ", los van de filters hierboven; het zegt niets over hoeveel mensen worden bereikt."
    )
    st.info(dekking.samenvatting_groepen(catalogue, alleen_lopend), icon=":material/insights:")

    st.subheader("Risicogroepen × vormen van eenzaamheid", anchor=False)
    groep_vorm = dekking.risicogroep_x_vorm(catalogue, alleen_lopend)
    st.altair_chart(
        dekking.heatmap(
            groep_vorm,
            "vorm",
            "doelgroep_kort",
            "Vorm van eenzaamheid",
            "Risicogroep",
            x_order=list(VORMEN),
            y_order=list(dict.fromkeys(groep_vorm["doelgroep_kort"])),
            label_angle=0,
        ),
        width="stretch",
        key="heatmap_groep_vorm",
    )
    st.caption(
        "Geteld: activiteiten die zich speciaal op de groep richten (niet het aanbod 'voor iedereen'). "
        + dekking.samenvatting_leeg(groep_vorm, "doelgroep_kort", "vorm")
    )
    ua.bron()
    with st.expander("Tabel risicogroepen × vormen"):
        tabel = dekking.breed_matrix(groep_vorm, "doelgroep_label", "vorm").rename(
            columns={"doelgroep_label": "risicogroep"}
        )
        st.dataframe(tabel, hide_index=True, width="stretch")
        ui.download_csv(tabel, "dekking-risicogroep-vorm.csv", key="csv_groep_vorm")

    st.subheader("Thema's × wijken", anchor=False)
    thema_wijk = dekking.thema_x_wijk(catalogue, namen, alleen_lopend)
    st.altair_chart(
        dekking.heatmap(
            thema_wijk,
            "wijk_naam",
            "thema_label",
            "Wijk",
            "",  # the theme names say enough; a title would collide with them
            x_order=list(dict.fromkeys(thema_wijk["wijk_naam"])),
            y_order=list(dict.fromkeys(thema_wijk["thema_label"])),
        ),
        width="stretch",
        key="heatmap_thema_wijk",
    )
    st.caption(
        "'Heel Capelle' is aanbod zonder vaste wijk (aan huis, telefonisch, campagnes). "
        + dekking.samenvatting_wijken(catalogue, namen, alleen_lopend)
    )
    ua.bron()
    with st.expander("Tabel thema's × wijken"):
        tabel = dekking.breed_matrix(thema_wijk, "thema_label", "wijk_naam").rename(columns={"thema_label": "thema"})
        st.dataframe(tabel, hide_index=True, width="stretch")
        ui.download_csv(tabel, "dekking-thema-wijk.csv", key="csv_thema_wijk")
