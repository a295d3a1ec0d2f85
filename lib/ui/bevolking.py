"""Streamlit part of 'Wie wonen er': real CBS 2024 figures of one wijk against the gemeente.

The view model comes from lib.wijk.bevolking; this module caches and draws.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.kern import getallen
from lib.ui import basis as ui
from lib.ui import laden
from lib.ui.widgets import vega_klaar
from lib.wijk import bevolking


@st.cache_resource(show_spinner=False, max_entries=64)
def wie_wonen_er(wijk_code: str, wijk_naam: str, wijken: tuple[str, ...] = ()) -> bevolking.WieWonenEr:
    """The cached 'Wie wonen er' view model of one wijk, or of an area (`wijken`: its wijken) (read-only)."""
    gm = laden.gemeente_info()
    if wijken:
        return bevolking.wie_wonen_er_gebied(laden.kwb(), wijk_code, wijk_naam, wijken, gm["code"], gm["naam"])
    return bevolking.wie_wonen_er(laden.kwb(), wijk_code, wijk_naam, gm["code"], gm["naam"])


@st.cache_resource(show_spinner=False, max_entries=64)
def chart_spec(wijk_code: str, wijk_naam: str, wat: str, wijken: tuple[str, ...] = ()) -> dict:
    """The comparison chart as a Vega-Lite dict, built once per wijk or area: building and validating an
    altair chart costs more than the rest of the section."""
    w = wie_wonen_er(wijk_code, wijk_naam, wijken)
    df = w.leeftijd if wat == "Leeftijd" else w.herkomst
    return vega_klaar(bevolking.vergelijk_chart(df, w.wijk_naam, w.gemeente_naam, wat).to_dict())


def _tabel(df: pd.DataFrame, wijk_naam: str, gemeente_naam: str, wat: str) -> pd.DataFrame:
    return df.rename(
        columns={
            "groep": wat,
            "wijk": f"{wijk_naam} (%)",
            "gemeente": f"{gemeente_naam} (%)",
            "verschil": "Verschil (procentpunt)",
        }
    )


def section(w: bevolking.WieWonenEr) -> None:
    """The 'Wie wonen er' section: summary, age and origin against the gemeente, tables, downloads."""
    st.subheader("Wie wonen er", anchor=False)
    if not w.heeft_gegevens:
        st.caption(w.samenvatting)
        return
    st.markdown(w.samenvatting + " Dit zijn echte tellingen van het CBS, geen voorbeeldcijfers.")
    left, right = st.columns(2, gap="large")
    for col, df, wat, key in (
        (left, w.leeftijd, "Leeftijd", "leeftijd"),
        (right, w.herkomst, "Herkomstland", "herkomst"),
    ):
        with col:
            st.markdown(f"**{wat}**")
            st.vega_lite_chart(
                getallen.met_locale(chart_spec(w.wijk_code, w.wijk_naam, wat, w.wijken)), key=f"wie_{key}", width="stretch"
            )
            tabel = _tabel(df, w.wijk_naam, w.gemeente_naam, wat)
            st.dataframe(getallen.tabel(tabel, {c: "getal1" for c in tabel.columns[1:]}), hide_index=True, width="stretch")
            ui.download_csv(tabel, f"{key}-{w.wijk_code}.csv", key=f"wie_{key}_csv")
    st.caption(
        f"{bevolking.BRON}. CC-BY 4.0. Wijkaantallen zijn door het CBS afgerond op vijftallen."
        + (f" {bevolking.GEBIED_UITLEG}" if w.wijken else "")
    )
