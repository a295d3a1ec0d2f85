"""Shared widgets of the pages: activity cards and details, match cards, the activity map, notices.

Used by the Sociale kaart, Persona's and Aanbod pages (and the Budget chain); data comes from lib.ui.laden."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from lib.aanbod.begrippen import BEWIJSNIVEAUS, TOEGANKELIJKHEID
from lib.aanbod.catalogus import Activiteit, bijgewerkt_tekst
from lib.aanbod.kaart import deck, legenda_tekst, wanneer
from lib.kern import getallen
from lib.kern.getallen import kosten
from lib.kern.links import parse_choice
from lib.kern.tekst import escape_markdown as md
from lib.personas.matching import Match
from lib.plan.themas import THEMAS
from lib.ui import basis as ui
from lib.ui import laden

VOORBEELD_KOP = "Tijden en adressen zijn een voorbeeld"


# --- notices ------------------------------------------------------------------------------------


def voorbeeld_notice() -> None:
    """The catalogue's own notice: activities are real, many practical details are examples."""
    st.warning(
        f"**{VOORBEELD_KOP}.** De activiteiten en organisaties komen uit het plan *Meer samen, minder "
        "eenzaam* en van zijn partners. Tijden, adressen, kosten en plekken op de kaart staan niet in het "
        "plan: die zijn vaak verzonnen om de kaart te kunnen gebruiken. Bij elke activiteit staat wat een "
        "voorbeeld is. Controleer het bij de organisatie voordat u iemand doorverwijst.",
        icon=":material/science:",
    )


def bron() -> None:
    ui.source_caption(datasets=["aanbod"])


# --- cards ----------------------------------------------------------------------------------------


def _kosten(a: Activiteit) -> str:
    tekst = "Gratis" if a.kosten_eur == 0 else kosten(a.kosten_eur)
    return f"{tekst} ({a.kosten_toelichting})" if a.kosten_toelichting else tekst


def details(a: Activiteit, wijk_namen: dict[str, str]) -> None:
    """Where, when, cost, contact and the rest of one activity, as text."""
    waar = "Heel Capelle" if a.gemeentebreed else wijk_namen.get(a.wijk, a.wijk)
    if a.locatie:
        waar = f"{a.locatie} ({waar})"
    regels = [
        ("Waar", waar),
        ("Wanneer", wanneer(a)),
        ("Kosten", _kosten(a)),
        ("Contact", a.contact),
        ("Toegankelijk", ", ".join(TOEGANKELIJKHEID[t] for t in a.toegankelijkheid) or "niet bekend"),
        ("Thema", f"{a.thema}. {THEMAS[a.thema].naam}"),
        ("Bewijs", BEWIJSNIVEAUS[a.bewijs]),
        ("Bijgewerkt", bijgewerkt_tekst(a)),
    ]
    st.markdown("  \n".join(f"**{label}:** {md(waarde)}" for label, waarde in regels))
    if a.illustratief:
        st.caption(f":material/science: {md(a.illustratief_label())}")


def match_card(rank: int, m: Match, wijk_namen: dict[str, str]) -> None:
    """One ranked match: name, score, the reasons and warnings, then the details folded away."""
    a = m.activiteit
    with st.container(border=True):
        kop = f"**{rank}. {md(a.naam)}**"
        st.markdown(kop)
        badges = [f":blue-badge[score {m.score}]"]
        if m.goed:
            badges.append(":green-badge[:material/check: past goed]")
        if a.status == "in_opbouw":
            badges.append(":orange-badge[in opbouw]")
        if m.afstand_km is not None:
            badges.append(f":gray-badge[{getallen.getal(m.afstand_km, 1)} km]")
        st.markdown(" ".join(badges))
        st.caption(md(a.organisatie))
        st.markdown("\n".join(f"- {md(r)}" for r in m.match_reasons))
        if m.waarschuwingen:
            st.markdown("\n".join(f"- :orange[{md(w)}]" for w in m.waarschuwingen))
        with st.expander("Waar, wanneer en contact"):
            st.caption(md(a.omschrijving))
            details(a, wijk_namen)


# --- the map --------------------------------------------------------------------------------------


def kaart(
    activiteiten: Sequence[Activiteit],
    key: str,
    eigen_wijk: str | None = None,
    nummers: bool = False,
    hoogte: int = 460,
) -> None:
    """Draw the offer map with a text summary below it (what is on it and what is not)."""
    op_kaart = [a for a in activiteiten if a.heeft_locatie]
    zonder = len(activiteiten) - len(op_kaart)
    st.pydeck_chart(
        deck(activiteiten, laden.wijk_geojson(), eigen_wijk=eigen_wijk, nummers=nummers, hoogte_px=hoogte),
        height=hoogte,
        key=key,
    )
    samenvatting = f"{getallen.aantal(len(op_kaart), 'activiteit', 'activiteiten')} met een plek op de kaart"
    if zonder:
        samenvatting += f"; {zonder} zonder vaste plek (aan huis, telefonisch, online of in heel Capelle)"
    st.caption(
        f"{samenvatting}. Kleur per thema: {legenda_tekst()}. Plekken zijn meestal een voorbeeld. "
        "Bron: kaart CBS Wijk- en buurtkaart 2022; aanbod: sociale kaart Meer Samen."
    )


# --- pickers kept in the URL ----------------------------------------------------------------------

PARAM_LABELS = {
    "indicator": "indicator",
    "periode": "periode",
    "leeftijd": "leeftijdsgroep",
    "modus": "kleurkeuze",
    "niveau": "kaartlaag",
    "jaar": "jaar",
    "thema": "thema",
    "persona": "persona",
    "laag": "onderwerp",
    "wijk": "wijk",
    "gebied": "gebied",
    "vergelijk": "gemeenten om mee te vergelijken",
    "budgetjaar": "budgetjaar",
}


Parser = Callable[[str], "tuple[object | None, str | None]"]


def _parse(raw: str | None, options, multi: bool, parse: Parser | None) -> tuple[object | None, str | None, bool]:
    """(value, own message, rejected) for a query value; value None when absent or not understood."""
    if raw is None:
        return None, None, False
    if parse is not None:
        value, melding = parse(raw)  # a value with a message: part of the link was dropped
        return value, melding, value is None or melding is not None
    if multi:  # ?wijk=WK050201,WK050203: the known ones, in the order of the link, without repeats
        delen = [d.strip() for d in str(raw).split(",") if d.strip()]
        gekozen = [v for v in (parse_choice(d, options)[0] for d in delen) if v is not None]
        return list(dict.fromkeys(gekozen)), None, len(gekozen) != len(delen)
    value, rejected = parse_choice(raw, options)
    return value, None, rejected


def _weigeren(param: str, melding: str | None) -> None:
    st.session_state.setdefault("_url_afgewezen", []).append((param, melding))


def url_value(param: str, options, default, *, parse: Parser | None = None):
    """The choice in the URL for a view without a picker (the presentation): the value when it is
    known, else the default, with the same note from url_notices() as the pickers give."""
    value, melding, rejected = _parse(st.query_params.get(param), options, False, parse)
    if rejected:
        _weigeren(param, melding)
    return default if value is None else value


def url_choice(
    widget,
    label: str,
    options,
    *,
    param: str,
    default,
    format_func=str,
    key: str | None = None,
    parse: Parser | None = None,
    **kwargs,
):
    """The one picker whose value lives in the URL query (?param=value), so a view can be shared.

    Every page uses it, with any Streamlit choice widget (selectbox, segmented_control, radio,
    multiselect; also in a column, e.g. ``cols[0].selectbox``). The URL is read when the widget first
    appears, and again whenever the URL changed from outside (a link to the same page with another
    value); an unknown value is ignored with a friendly note from url_notices() (the value itself is
    not echoed, unless ``parse`` returns its own message). Otherwise the widget writes the URL. A
    multiselect keeps its choices comma-separated (?vergelijk=GM0599,GM0606). A choice of None or an
    empty list (e.g. "all themes", or a selectbox with ``index=None``) removes the parameter.

    ``parse(raw) -> (value, message)`` replaces the plain match against the options, for values with
    their own rules (a wijk code); a None value with a message shows that message.
    """
    soort = getattr(widget, "__name__", "")
    multi = soort == "multiselect"
    key = key or f"q_{param}"
    laatst = f"_url_laatst_{key}"  # what the URL said when this widget last read or wrote it
    raw = st.query_params.get(param)
    if key not in st.session_state or (raw is not None and raw != st.session_state.get(laatst)):
        value, melding, rejected = _parse(raw, options, multi, parse)
        if rejected:
            _weigeren(param, melding)
        if value is not None and not (multi and not value):
            st.session_state[key] = value
        elif key not in st.session_state:
            st.session_state[key] = default
    if soort == "segmented_control":
        kwargs.setdefault("required", True)
    chosen = widget(label, options, key=key, format_func=format_func, **kwargs)
    if chosen is None and soort == "segmented_control":  # emptied by a click: back to the default
        chosen = default
    if chosen is None or chosen == "" or (multi and not chosen):
        st.query_params.pop(param, None)
        st.session_state.pop(laatst, None)
    else:
        tekst = ",".join(str(c) for c in chosen) if multi else str(chosen)
        st.query_params[param] = st.session_state[laatst] = tekst
    return chosen


def url_toggle(label: str, *, param: str, key: str, **kwargs) -> bool:
    """A checkbox kept in the URL as ?param=1 (absent when off), read like url_choice."""
    laatst = f"_url_laatst_{key}"
    raw = st.query_params.get(param)
    if key not in st.session_state or raw != st.session_state.get(laatst):
        st.session_state[key] = raw == "1"
    aan = st.checkbox(label, key=key, **kwargs)
    if aan:
        st.query_params[param] = st.session_state[laatst] = "1"
    else:
        st.query_params.pop(param, None)
        st.session_state[laatst] = None
    return aan


def url_notices() -> None:
    """Show (once) which query parameters of the link were not understood: one note for plain
    unknown values (not echoed), and each parser's own message as it was written."""
    afgewezen = st.session_state.pop("_url_afgewezen", [])
    algemeen = [p for p, melding in afgewezen if not melding]
    if algemeen:
        namen = ", ".join(PARAM_LABELS.get(p, "onderdeel") for p in dict.fromkeys(algemeen))
        st.info(
            f"De link bevatte een onbekende waarde voor: {namen}. Die is genegeerd; u ziet de standaardkeuze.",
            icon=":material/link_off:",
        )
    for melding in dict.fromkeys(m for _, m in afgewezen if m):
        st.warning(melding, icon=":material/link_off:")


# --- charts ------------------------------------------------------------------------------------


def vega_klaar(spec: dict) -> dict:
    """A Vega-Lite spec whose table datasets are already Arrow bytes, for a spec kept in a cache.

    st.vega_lite_chart turns every named dataset into Arrow on each call, unless it already is
    bytes; converting once, where the spec is cached, takes that work off every visit. GeoJSON
    datasets stay as they are (Vega-Lite reads them itself). The spec passed in is not changed."""
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    klaar = {}
    for naam, waarden in datasets.items():
        tabel = isinstance(waarden, list) and waarden and all(isinstance(r, dict) and "geometry" not in r for r in waarden)
        klaar[naam] = dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(waarden)) if tabel else waarden
    return {**spec, "datasets": klaar}
