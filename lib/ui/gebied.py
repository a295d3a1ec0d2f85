"""The area profile on /wijk?gebied=<id>: an opgaveteam's area of several wijken as one, with a PDF.

Domain code is lib.regio.gebieden (areas, aggregation) and lib.wijk.gebied_pdf (the one-page PDF).
"""

from __future__ import annotations

import streamlit as st

from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN
from lib.kaart import wijkkaart as maps
from lib.kern import getallen
from lib.kern.config import gemeente
from lib.kern.errors import DataFout, GeenToegang
from lib.kern.links import safe_text
from lib.kern.tekst import escape_markdown as md
from lib.regio import gebieden as gb
from lib.ui import basis as ui
from lib.ui import bevolking as ui_bevolking
from lib.ui import kaart as ui_kaart
from lib.ui import laden
from lib.ui import wijkplan as ui_wijkplan
from lib.ui.widgets import url_choice, url_notices
from lib.wijk import gebied_pdf
from lib.wijk.gebied_plan import gebied_plan

FLASH = "gebied_flash"


def _areas() -> dict[str, gb.Gebied]:
    wijk_codes = set(laden.wijken()["wijk_code"])
    return gb.all_gebieden(laden.database(), ui.data_or_stop(laden.gebieden), wijk_codes)


def links(wijk_code: str) -> None:
    """A link to the profile of every area the wijk belongs to (on /kaart's selection and /wijk)."""
    for g in gb.van_wijk(_areas(), wijk_code):
        st.page_link(
            "views/wijk.py", label=f"Gebiedsprofiel {g.naam}", icon=":material/groups:", query_params={"gebied": g.id}
        )


def kaart(gebied: gb.Gebied, indicator: str, periode: int, leeftijd: str) -> None:
    """The wijk map of the chosen figures with the area's wijken outlined (offline, no basemap)."""
    deck = ui_kaart.kaart_deck("wijk", indicator, periode, leeftijd, maps.MODUS_KLASSEN, False, gebied.wijken)
    view = ui_kaart.kaart("wijk", indicator, periode, leeftijd, maps.MODUS_KLASSEN)
    label = ui_kaart.laag_label(indicator)
    st.subheader(f"{gebied.naam} op de kaart", anchor=False)
    links_kolom, rechts_kolom = st.columns([3, 2], gap="large")
    with links_kolom:
        ui_kaart.pydeck_met_plaat(
            deck,
            key="gebied_kaart",
            height=340,
            alt=f"Kaart van de wijken van {gemeente().naam}, gekleurd naar {label.lower()}; "
            f"de wijken van {gebied.naam} zijn dik omlijnd.",
        )
    with rechts_kolom:
        ui_kaart.legend(view, f"{label} ({LEEFTIJDEN[leeftijd][0]}, {periode})")
        st.caption(f"Dik omlijnd: de wijken van {gebied.naam}.")
    ui.source_caption(view.bronnen, ["wijken"], extra=f"periode {periode}")


def per_wijk(profiel: gb.GebiedProfiel, namen: dict[str, str]) -> None:
    """The chosen loneliness figure per wijk with its margin (never one area figure, see UITLEG_PER_WIJK),
    and its trend per wijk from the wijk profile's own chart."""
    label = INDICATOREN[profiel.indicator].label.lower()
    periode = profiel.periode
    st.subheader(f"Per wijk: {label}, {LEEFTIJDEN[profiel.leeftijd][0]} ({periode})", anchor=False)
    if profiel.illustratief:
        ui.illustrative_notice("De cijfers per wijk")
    st.dataframe(gb.tabel_per_wijk(profiel), hide_index=True, width="stretch")
    if profiel.illustratief:
        st.caption(vb.VOETNOOT)
    st.info(gb.UITLEG_PER_WIJK, icon=":material/info:")
    ui.source_caption(bron_keys=sorted(set(profiel.per_wijk["bron"].dropna())), datasets=["wijktabel"])

    st.subheader("Ontwikkeling per wijk", anchor=False)
    kolommen = st.columns(2, gap="large")
    bronnen: dict[str, None] = {}
    for i, w in enumerate(profiel.gebied.wijken):
        p = ui.data_or_stop(ui_kaart.profiel, w, profiel.indicator, periode, profiel.leeftijd)
        with kolommen[i % 2]:
            st.markdown(f"**{namen[w]}**")
            st.markdown(p.trend_tekst)
            st.vega_lite_chart(p.trend_spec, key=f"gebied_trend_{w}", width="stretch")
        bronnen.update(dict.fromkeys(p.trend_bronnen))
    ui.source_caption(list(bronnen), extra="band: 95%-marge van de wijk")  # once for all the wijken


def _lees(raw: str, gebieden: dict[str, gb.Gebied]) -> tuple[str | None, str | None]:
    if raw in gebieden:
        return raw, None
    return None, f"De link vraagt om gebied '{safe_text(raw)}', maar dat gebied bestaat niet. Kies hieronder een gebied."


def render() -> None:
    """The whole area page; an unknown id gets a message and the list of known areas."""
    gebieden = _areas()
    namen = dict(zip(laden.wijken()["wijk_code"], laden.wijken()["wijk_naam"], strict=True))
    melding = st.session_state.pop(FLASH, None)
    if melding:
        st.success(melding, icon=":material/check_circle:")
    kop = st.container()  # the title names the area chosen in the picker below it
    gekozen = url_choice(
        st.selectbox,
        "Gebied",
        list(gebieden),
        param="gebied",
        default=next(iter(gebieden)),
        key="q_gebied",
        parse=lambda raw: _lees(raw, gebieden),
        format_func=lambda g: f"{gebieden[g].naam} ({', '.join(namen[w] for w in gebieden[g].wijken)})",
    )
    url_notices()
    gebied = gebieden[gekozen]
    kop.title(f"Gebiedsprofiel {gebied.naam}")
    st.caption(
        "Een gebied bundelt wijken voor een opgaveteam. Indeling: "
        + ("meegeleverd met het dashboard (data/gebieden.yaml)" if gebied.bron.startswith("data/") else md(gebied.bron))
        + "."
    )
    for kolom, w in zip(st.columns(len(gebied.wijken) + 2), gebied.wijken, strict=False):
        kolom.page_link(
            "views/wijk.py", label=f"Wijkprofiel {namen[w]}", icon=":material/home_pin:", query_params={"wijk": w}
        )
    if gebied.toelichting:
        st.markdown(md(gebied.toelichting))

    indicator, periode, leeftijd = ui_kaart.figure_pickers()  # the same pickers (and URL) as a wijk profile
    url_notices()
    gm = laden.gemeente_info()
    activiteiten = [a.wijk for a in laden.aanbod()]
    profiel = gb.profile(
        gebied, laden.wijken(), laden.figures(), activiteiten, gm["inwoners"], indicator, periode, leeftijd
    )
    st.markdown(gb.samenvatting(profiel))
    c = st.columns(4)
    c[0].metric("Inwoners", getallen.getal(profiel.inwoners))
    c[1].metric("Deel van de gemeente", getallen.procent(profiel.aandeel_gemeente * 100, 1))
    c[2].metric("Inwoners per km²", getallen.getal(profiel.dichtheid))
    c[3].metric("Activiteiten in de sociale kaart", profiel.activiteiten)
    ui.source_caption(datasets=["wijktabel"], extra="activiteiten: sociale kaart van dit dashboard")

    per_wijk(profiel, namen)
    kaart(gebied, indicator, periode, leeftijd)
    ui_bevolking.section(ui.data_or_stop(ui_bevolking.wie_wonen_er, f"gebied-{gebied.id}", gebied.naam, gebied.wijken))
    gplan = _plan(gebied.wijken, periode, laden._sleutel(), gebied, namen)
    ui_wijkplan.sectie(gplan, periode, gebied.naam, gemeente().naam, gebied.wijken, f"gebied-{gebied.id}")

    st.download_button(
        "Gebiedsprofiel (PDF, 1 pagina)",
        # Deferred: the PDF is only made when someone clicks. It holds the standard figures (loneliness,
        # 18+, latest period), whatever is picked above.
        lambda: gebied_pdf.to_pdf(
            gb.profile(gebied, laden.wijken(), laden.figures(), activiteiten, gm["inwoners"]), gemeente().naam
        ),
        file_name=f"gebiedsprofiel-{gebied.id}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key="gebied_pdf",
    )
    st.caption("De PDF toont altijd eenzaamheid (18 jaar en ouder) in de laatste periode, niet de keuze hierboven.")
    editor = ui.current_editor()
    if editor:
        edit_form(editor, gebied, namen)


def edit_form(editor, gebied: gb.Gebied, namen: dict[str, str]) -> None:
    # Widgets keyed per area: after a switch in the picker the form shows that area, never the previous one.
    k = gebied.id
    with st.expander("Gebied aanpassen of toevoegen", icon=":material/edit:"), st.form(f"gebied_form_{k}"):
        st.caption("Met een nieuwe id voegt u een gebied toe; met de id van een bestaand gebied past u het aan.")
        gid = st.text_input("Id (in de link: /wijk?gebied=...)", value=gebied.id, max_chars=40, key=f"gb_id_{k}")
        naam = st.text_input("Naam", value=gebied.naam, max_chars=gb.MAX_NAAM, key=f"gb_naam_{k}")
        wijken = st.multiselect(
            "Wijken", list(namen), default=list(gebied.wijken), format_func=namen.get, key=f"gb_wijken_{k}"
        )
        toelichting = st.text_area(
            "Toelichting", value=gebied.toelichting, max_chars=gb.MAX_TOELICHTING, key=f"gb_toel_{k}"
        )
        if st.form_submit_button("Gebied opslaan"):
            try:
                g = gb.save_gebied(laden.database(), editor, gid.strip(), naam, wijken, toelichting, set(namen))
            except (DataFout, GeenToegang) as err:
                st.error(f"Niet opgeslagen: {err}")
            else:
                st.session_state[FLASH] = f"Gebied '{g.naam}' opgeslagen."
                st.query_params["gebied"] = g.id
                st.rerun()


@st.cache_resource(show_spinner=False, max_entries=32)
def _plan(wijken: tuple[str, ...], periode: int, sleutel: tuple, _gebied: gb.Gebied, _namen: dict[str, str]):
    """The area's plan view, kept per set of wijken and period (like the wijk page's, lib.ui.kaart.plan);
    an import clears it with the other caches."""
    return gebied_plan(
        _gebied, laden.figures(), laden.gemeente_info()["code"], periode, laden.personas(), laden.aanbod(), _namen,
        laden.kwb(),
    )


