"""Streamlit part of 'Wie wonen er' (real CBS 2024 figures per wijk) and the wijk's plan suggestions.

The view models come from lib.wijk.bevolking and lib.wijk.plan; this module caches and draws.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.cijfers import kwb
from lib.ui import basis as ui
from lib.wijk import bevolking


@st.cache_data(show_spinner=False)
def kwb_tabel() -> pd.DataFrame:
    """data/kwb2024.csv, validated (CBS Kerncijfers wijken en buurten 2024)."""
    return kwb.load_kwb()


@st.cache_resource(show_spinner=False, max_entries=64)
def wie_wonen_er(wijk_code: str, wijk_naam: str) -> bevolking.WieWonenEr:
    gm = ui.gemeente_info()
    return bevolking.wie_wonen_er(kwb_tabel(), wijk_code, wijk_naam, gm["code"], gm["naam"])


@st.cache_resource(show_spinner=False, max_entries=64)
def plan(wijk_code: str, periode: int):
    """The cached 'what this means for the plan' view model of one wijk, with the real CBS shares."""
    from lib.ui import aanbod as ui_aanbod
    from lib.wijk import plan as wijkplan

    return wijkplan.wijk_plan(
        wijk_code,
        ui.figures(),
        ui.gemeente_info()["code"],
        periode,
        ui_aanbod.personas(),
        ui_aanbod.aanbod(),
        kwb_tabel(),
    )


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
                bevolking.vergelijk_chart(df, w.wijk_naam, w.gemeente_naam, wat).to_dict(),
                key=f"wie_{key}",
                width="stretch",
            )
            tabel = _tabel(df, w.wijk_naam, w.gemeente_naam, wat)
            st.dataframe(
                tabel,
                hide_index=True,
                width="stretch",
                column_config={c: st.column_config.NumberColumn(format="%.1f") for c in tabel.columns[1:]},
            )
            ui.download_csv(tabel, f"{key}-{w.wijk_code}.csv", key=f"wie_{key}_csv")
    st.caption(f"{bevolking.BRON}. CC-BY 4.0. Wijkaantallen zijn door het CBS afgerond op vijftallen.")
