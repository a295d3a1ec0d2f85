"""The plan over time on /plan: timeline, indicators per result with progress against target, and
the year-end evaluation export. Editors record events, measurements and targets here.

Domain code is in lib.plan.tijdlijn, lib.plan.indicatoren and lib.plan.evaluatie; this module draws.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import altair as alt
import pandas as pd
import streamlit as st

from lib.kern import getallen, storage
from lib.kern.config import gemeente
from lib.kern.errors import DataFout, GeenToegang
from lib.kern.tekst import escape_markdown as md
from lib.plan import evaluatie, tijdlijn
from lib.plan import indicatoren as ind
from lib.plan.model import Plan
from lib.ui import basis as ui
from lib.ui import laden

FLASH = "plan_tijdlijn_flash"
SOORT_KLEUR = {
    "Plan": "#00548c",
    "Budget": "#7a5195",
    "Actie gestart": "#2a9d8f",
    "Actie afgerond": "#2e7d32",
    "Actie gestopt": "#e07b00",
    "Evaluatie": "#c0392b",
    "Anders": "#666666",
}


def render(conn: sqlite3.Connection, editor, plan: Plan, states: pd.DataFrame) -> None:
    """The three blocks, in the order a council member reads them."""
    melding = st.session_state.pop(FLASH, None)
    if melding:
        st.success(melding, icon=":material/check_circle:")
    indicatoren = ui.data_or_stop(laden.plan_indicatoren)
    st.divider()
    lijn = timeline_block(conn, editor, plan, states)
    indicator_block(conn, editor, indicatoren)
    evaluation_block(conn, plan, indicatoren, lijn)


# --- timeline -------------------------------------------------------------------------------------


def _chart(lijn: pd.DataFrame) -> alt.Chart:
    data = lijn.assign(
        moment=[
            d if isinstance(d, str) and d else f"{j}-01-01" for d, j in zip(lijn["datum"], lijn["jaar"], strict=True)
        ],
        wanneer=[tijdlijn.format_moment(d, j) for d, j in zip(lijn["datum"], lijn["jaar"], strict=True)],
    )[["moment", "wanneer", "soort_label", "titel"]]
    kleuren = [k for k in SOORT_KLEUR if k in set(data["soort_label"])]
    return (
        alt.Chart(data)
        .mark_point(filled=True, size=140)
        .encode(
            x=alt.X("moment:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
            y=alt.Y("soort_label:N", title=None, sort=list(SOORT_KLEUR)),
            color=alt.Color(
                "soort_label:N",
                scale=alt.Scale(domain=kleuren, range=[SOORT_KLEUR[k] for k in kleuren]),
                legend=None,
            ),
            tooltip=[alt.Tooltip("wanneer:N", title="Wanneer"), alt.Tooltip("titel:N", title="Wat")],
        )
        .properties(height=60 + 32 * len(kleuren))
    )


def timeline_block(conn: sqlite3.Connection, editor, plan: Plan, states: pd.DataFrame) -> pd.DataFrame:
    """The timeline chart, table and (editors) the event form; returns the timeline for the evaluation."""
    st.subheader("Het plan door de tijd", anchor=False)
    lijn = tijdlijn.timeline(conn, plan, states)
    eigen = lijn[~lijn["vast"]]
    st.markdown(
        "Van de start van de Alliantie (2018) en het plan (2019) via de begrotingsjaren 2020-2022 tot nu. "
        + (
            f"Redacteuren legden {len(eigen)} {'moment' if len(eigen) == 1 else 'momenten'} vast (gebeurtenissen "
            f"en actiedata), het laatste in {eigen['jaar'].max()}."
            if len(eigen)
            else "Na 2022 is nog niets vastgelegd: redacteuren voegen gebeurtenissen toe (een actie gestart, "
            "afgerond of gestopt; een evaluatie)."
        )
    )
    st.altair_chart(_chart(lijn), width="stretch")
    tabel = pd.DataFrame(
        {
            "Wanneer": [tijdlijn.format_moment(d, j) for d, j in zip(lijn["datum"], lijn["jaar"], strict=True)],
            "Soort": lijn["soort_label"],
            "Gebeurtenis": lijn["titel"],
            "Bron": lijn["bron"],
        }
    )
    with st.expander(f"De tijdlijn als tabel ({getallen.aantal(len(tabel), 'moment', 'momenten')})"):
        st.dataframe(tabel, hide_index=True, width="stretch")
        ui.download_csv(tabel, "plan-tijdlijn.csv", key="download_tijdlijn")
    ui.source_caption(datasets=["plan"], extra="gebeurtenissen en actiedata: vastgelegd door redacteuren")
    if editor:
        event_form(conn, editor, plan)
    return lijn


def event_form(conn: sqlite3.Connection, editor, plan: Plan) -> None:
    with st.expander("Gebeurtenis vastleggen", icon=":material/event:"), st.form("tijdlijn_form"):
        c1, c2 = st.columns(2)
        datum = c1.date_input(
            "Datum",
            value=dt.date.today(),
            min_value=tijdlijn.EERSTE_DATUM,
            max_value=dt.date.today(),
            format="DD-MM-YYYY",
            key="tl_datum",
        )
        soort = c2.selectbox("Soort", list(tijdlijn.SOORTEN), format_func=tijdlijn.SOORTEN.get, key="tl_soort")
        actie = st.selectbox(
            "Actie (bij een actie gestart, afgerond of gestopt)",
            ["", *(a.id for a in plan.acties)],
            format_func=lambda a: "Geen actie" if not a else f"{a}. {plan.actie(a).titel}",
            key="tl_actie",
        )
        omschrijving = st.text_area("Wat gebeurde er?", max_chars=tijdlijn.MAX_OMSCHRIJVING, key="tl_omschrijving")
        if st.form_submit_button("Gebeurtenis opslaan"):
            try:
                tijdlijn.record_event(conn, editor, plan, datum, soort, omschrijving, actie_id=actie or None)
            except (DataFout, GeenToegang) as err:
                st.error(f"Niet opgeslagen: {err}")
            else:
                st.session_state[FLASH] = f"Gebeurtenis van {getallen.datum_kort(datum)} opgeslagen."
                st.rerun()


# --- indicators -----------------------------------------------------------------------------------


def indicator_block(conn: sqlite3.Connection, editor, indicatoren) -> None:
    st.subheader("Indicatoren per resultaat", anchor=False)
    df = ind.progress(conn, indicatoren)
    st.markdown(ind.summary(df))
    voorbeelden = int(df["streef_voorbeeld"].sum())
    if voorbeelden:
        st.caption(
            f":material/science: {voorbeelden} streefwaarden zijn **voorbeelden**: het plan noemt geen getallen. "
            "De kerngroep stelt de echte vast; een redacteur legt ze hier vast met de bron."
        )
    tabel = pd.DataFrame(
        {
            "Resultaat": df["resultaat"],
            "Indicator": df["indicator"] + " (" + df["eenheid"] + ")",
            "Streefwaarde": [
                ind.format_getal(s) + (" (voorbeeld)" if v else "")
                for s, v in zip(df["streefwaarde"], df["streef_voorbeeld"], strict=True)
            ],
            "Gemeten": [ind.format_getal(w) if pd.notna(w) else "nog niet gemeten" for w in df["waarde"]],
            "Voortgang": (df["aandeel"] * 100).clip(upper=100),
            "Jaar": [str(j) if j else "" for j in df["jaar"]],
            "Bron en peildatum": [
                f"{b} ({ind.nl_datum(p)})" if b else "" for b, p in zip(df["bron"], df["peildatum"], strict=True)
            ],
        }
    )
    st.dataframe(
        tabel,
        hide_index=True,
        width="stretch",
        column_config={
            "Indicator": st.column_config.TextColumn("Indicator", width="medium"),
            "Voortgang": st.column_config.ProgressColumn(
                "Voortgang",
                help="Laatst gemeten waarde als deel van de streefwaarde",
                format="%.0f%%",
                min_value=0,
                max_value=100,
            ),
        },
        key="indicatoren_tabel",
    )
    ui.download_csv(tabel, "plan-indicatoren.csv", "Download de indicatoren (CSV)", key="download_indicatoren")
    metingen = ind.measurements(conn)
    if len(metingen):
        namen = {i.id: f"{i.resultaat} {i.naam}" for i in indicatoren}
        with st.expander(f"Alle metingen per jaar ({len(metingen)})"):
            st.dataframe(
                pd.DataFrame(
                    {
                        "Indicator": metingen["indicator_id"].map(namen),
                        "Jaar": metingen["jaar"].astype(str),
                        "Waarde": metingen["waarde"].map(ind.format_getal),
                        "Bron": metingen["bron"],
                        "Peildatum": metingen["peildatum"].map(ind.nl_datum),
                        "Vastgelegd door": metingen["door"],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    ui.source_caption(extra="indicatoren en voorbeeld-streefwaarden: voorstel van het dashboard; metingen: redacteuren")
    if editor:
        measurement_form(conn, editor, indicatoren)


def measurement_form(conn: sqlite3.Connection, editor, indicatoren) -> None:
    namen = {i.id: f"{i.resultaat} {i.naam}" for i in indicatoren}
    with st.expander("Meting of streefwaarde vastleggen", icon=":material/monitoring:"):
        with st.form("meting_form"):
            indicator = st.selectbox("Indicator", list(namen), format_func=namen.get, key="mt_indicator")
            c1, c2, c3 = st.columns(3)
            jaar = c1.number_input(
                "Jaar",
                min_value=ind.EERSTE_JAAR,
                max_value=dt.date.today().year,
                value=dt.date.today().year,
                step=1,
                key="mt_jaar",
            )
            waarde = c2.number_input("Gemeten waarde", min_value=0.0, step=1.0, value=None, key="mt_waarde")
            peildatum = c3.date_input("Peildatum", value=dt.date.today(), format="DD-MM-YYYY", key="mt_peildatum")
            bron = st.text_input(
                "Bron", max_chars=ind.MAX_BRON, placeholder="Bijvoorbeeld: jaarverslag jongerenwerk", key="mt_bron"
            )
            if st.form_submit_button("Meting opslaan"):
                try:
                    if waarde is None:
                        raise DataFout("Vul de gemeten waarde in", kolom="waarde")
                    ind.record_value(conn, editor, indicatoren, indicator, int(jaar), waarde, bron, peildatum)
                except (DataFout, GeenToegang) as err:
                    st.error(f"Niet opgeslagen: {err}")
                else:
                    st.session_state[FLASH] = f"Meting voor {int(jaar)} opgeslagen: {namen[indicator]}."
                    st.rerun()
        with st.form("streef_form"):
            indicator = st.selectbox("Indicator", list(namen), format_func=namen.get, key="sw_indicator")
            c1, c2 = st.columns([1, 2])
            streef = c1.number_input("Streefwaarde", min_value=0.0, step=1.0, value=None, key="sw_waarde")
            bron = c2.text_input("Vastgesteld door en wanneer", max_chars=ind.MAX_BRON, key="sw_bron")
            if st.form_submit_button("Streefwaarde opslaan"):
                try:
                    if streef is None:
                        raise DataFout("Vul de streefwaarde in", kolom="streefwaarde")
                    ind.set_target(conn, editor, indicatoren, indicator, streef, bron)
                except (DataFout, GeenToegang) as err:
                    st.error(f"Niet opgeslagen: {err}")
                else:
                    st.session_state[FLASH] = f"Streefwaarde opgeslagen: {namen[indicator]}."
                    st.rerun()


# --- evaluation export ----------------------------------------------------------------------------


def _evaluatie_pdf(plan: Plan, jaar: int, indicatoren) -> bytes:
    """Build the evaluation on its own connection: Streamlit runs this on another thread, on click."""
    conn = storage.connect()
    try:
        return evaluatie.to_pdf(evaluatie.build(conn, plan, jaar, indicatoren), gemeente().naam)
    finally:
        conn.close()


def evaluation_block(conn: sqlite3.Connection, plan: Plan, indicatoren, lijn: pd.DataFrame) -> None:
    st.subheader("Evaluatie per jaar", anchor=False)
    st.markdown(
        "Voor de jaarlijkse evaluatie in de raad: wat er dat jaar veranderde (uit het wijzigingslog), de "
        "indicatoren met de metingen van dat jaar, en de status per thema."
    )
    jaren = list(range(dt.date.today().year, plan.jaar - 1, -1))
    c1, c2, _ = st.columns([1, 1, 2])
    jaar = c1.selectbox("Jaar", jaren, key="evaluatie_jaar")
    wijzigingen = evaluatie.changes(conn, jaar)
    metingen = ind.progress(conn, indicatoren, jaar=jaar)
    c2.download_button(
        f"Evaluatie {jaar} (PDF)",
        # Deferred: the evaluation and its PDF (about a second with font subsetting) are made on click only.
        lambda: _evaluatie_pdf(plan, jaar, indicatoren),
        file_name=f"evaluatie-meer-samen-{jaar}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key="evaluatie_pdf",
    )
    st.caption(
        f"In {jaar}: {getallen.aantal(int((lijn['jaar'] == jaar).sum()), 'moment', 'momenten')} op de tijdlijn, "
        f"{getallen.aantal(len(wijzigingen), 'wijziging', 'wijzigingen')} in het wijzigingslog, "
        f"{getallen.aantal(int(metingen['waarde'].notna().sum()), 'meting', 'metingen')}. {md(ind.summary(metingen))}"
    )
    if len(wijzigingen):
        with st.expander(f"Wijzigingen in {jaar} ({len(wijzigingen)})"):
            st.dataframe(wijzigingen, hide_index=True, width="stretch")
