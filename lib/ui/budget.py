"""Streamlit helpers for the budget page: cached loading, the example notice, pickers, scenario state.

Figures come from lib.budget.begroting and lib.budget.scenarios; this module only draws, caches and keeps state.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.budget import begroting as bu
from lib.budget import grafieken as charts
from lib.budget import scenarios, sommen
from lib.budget.begroting import format_euro
from lib.kern.errors import DataFout
from lib.kern.tekst import escape_markdown as escape_md
from lib.plan.themas import JAARBUDGET_WMO
from lib.ui import basis as ui

VOORBEELD_KOP = "Voorbeeldbedragen, geen echte begroting"





def example_notice() -> None:
    """Where the example allocation shows: only the frame is real."""
    st.warning(
        f"**{VOORBEELD_KOP}.** Het plan noemt alleen het kader: € 514.000 per jaar uit de Wmo "
        "(2020-2022) en een verzoek om incidenteel geld voor 2020 en 2021. Hoe dat geld over de regels en "
        "thema's is verdeeld, de incidentele en fondsbedragen en wat er is besteed, staan niet in het plan: "
        "die bedragen zijn een voorbeeld om mee te rekenen.",
        icon=":material/science:",
    )


def year_picker() -> int:
    """The year, synced with ?jaar= (unknown values are ignored with a friendly note)."""
    raw = st.query_params.get("jaar")
    default = bu.JAREN[-1]
    if raw is not None:
        if raw.strip() in {str(j) for j in bu.JAREN}:
            default = int(raw)
        else:
            st.info(
                f"Het jaar in de link is onbekend; u ziet {default}. Kies {', '.join(map(str, bu.JAREN))}.",
                icon=":material/info:",
            )
    if "budget_jaar" not in st.session_state:
        st.session_state["budget_jaar"] = default
    jaar = st.segmented_control("Jaar", bu.JAREN, key="budget_jaar", format_func=str)
    if jaar is None:  # the user clicked the selected year off again
        jaar = default
    st.query_params["jaar"] = str(jaar)
    return int(jaar)


def thema_picker(key: str = "budget_thema") -> int | None:
    """Drill-down theme, synced with ?thema=; None is all themes."""
    opties = [None, *scenarios.THEMAS]
    raw = st.query_params.get("thema")
    index = 0
    if raw is not None:
        if raw.strip() in {"1", "2", "3", "4"}:
            index = int(raw)
        else:
            st.info("Het thema in de link is onbekend; u ziet alle thema's.", icon=":material/info:")
    keuze = st.selectbox(
        "Thema",
        opties,
        index=index,
        key=key,
        format_func=lambda t: "Alle thema's" if t is None else scenarios.thema_label(t),
    )
    if keuze is None:
        st.query_params.pop("thema", None)
    else:
        st.query_params["thema"] = str(keuze)
    return keuze


def euro_column(label: str, **kwargs) -> st.column_config.NumberColumn:
    return st.column_config.NumberColumn(label, format="localized", **kwargs)


def show_errors(fouten: list[str] | tuple[str, ...]) -> None:
    """Cell errors as one red box; the messages contain user text, so it is escaped."""
    st.error("\n".join(f"- {escape_md(f)}" for f in fouten), icon=":material/error:")


def show_data_error(err: DataFout) -> None:
    st.error(escape_md(str(err)), icon=":material/error:")


# --- the alliance's time ------------------------------------------------------------------------


def alliance_section(alloc: pd.DataFrame, jaar: int) -> None:
    """Hours per role x people, valued at an hourly rate the user sets, beside the money."""
    st.markdown(
        "De alliantie brengt naast geld ook tijd in. Het plan schat de uren per persoon per jaar. Hoeveel mensen "
        "elke rol vervullen, staat er niet in: vul het aantal in (de startgetallen zijn een voorbeeld) en kies "
        "een uurtarief."
    )
    uurtarief = st.number_input("Uurtarief (€ per uur)", min_value=0.0, max_value=500.0, value=50.0, step=5.0)
    start = pd.DataFrame(
        [
            {
                "rol": r.code,
                "naam": r.naam,
                "uren": f"{r.uren_min}" if r.uren_min == r.uren_max else f"{r.uren_min}-{r.uren_max}",
                "aantal": bu.VOORBEELD_AANTALLEN.get(r.code, 0),
                "uitleg": r.uitleg,
            }
            for r in bu.ROLLEN.values()
        ]
    )
    edited = st.data_editor(
        start,
        key="alliantie_aantallen",
        hide_index=True,
        width="stretch",
        disabled=["naam", "uren", "uitleg"],
        column_order=["naam", "uren", "aantal", "uitleg"],
        column_config={
            "naam": "Rol",
            "uren": "Uren per persoon per jaar",
            "aantal": st.column_config.NumberColumn("Aantal mensen", min_value=0, max_value=500, step=1),
            "uitleg": "Wat doet deze rol?",
        },
    )
    aantallen = {r.rol: int(r.aantal) if pd.notna(r.aantal) else 0 for r in edited.itertuples()}
    try:
        tijd = bu.alliance_time(aantallen, uurtarief)
    except DataFout as err:
        show_data_error(err)
        return
    uren_min, uren_max = int(tijd["uren_min"].sum()), int(tijd["uren_max"].sum())
    waarde_min, waarde_max = tijd["waarde_min"].sum(), tijd["waarde_max"].sum()
    extra = sommen.select(alloc, jaar, "begroot", None)
    extra = extra[extra["financiering"] != bu.KADER_FINANCIERING]["bedrag"].sum()
    c1, c2, c3 = st.columns(3)
    c1.metric("Uren per jaar", f"{uren_min:,}-{uren_max:,}".replace(",", "."))
    c2.metric(
        f"Waarde bij {format_euro(uurtarief)} per uur", f"{format_euro(waarde_min)}-{format_euro(waarde_max)[2:]}"
    )
    c3.metric("Tegenover het Wmo-kader", f"{waarde_max / JAARBUDGET_WMO * 100:.0f}%")
    st.markdown(
        f"De tijd van de alliantie is {format_euro(waarde_min)} tot {format_euro(waarde_max)} waard per jaar, "
        f"naast {format_euro(JAARBUDGET_WMO)} Wmo-geld en {format_euro(extra)} aan ander geld in {jaar} (voorbeeld)."
    )
    vergelijk = pd.DataFrame(
        [
            {"post": "Wmo-kader", "bedrag": JAARBUDGET_WMO, "soort": "geld"},
            {"post": f"Incidenteel, fondsen en WOP {jaar} (voorbeeld)", "bedrag": extra, "soort": "geld"},
            {"post": "Tijd van de alliantie (hoogste schatting)", "bedrag": waarde_max, "soort": "tijd"},
        ]
    )
    st.altair_chart(charts.time_beside_money(vergelijk), key="alliantie_tijd_geld", width="stretch")
    tabel = tijd[["naam", "uren_per_persoon", "aantal", "uren_min", "uren_max", "waarde_min", "waarde_max"]]
    st.dataframe(
        tabel,
        hide_index=True,
        width="stretch",
        column_config={
            "naam": "Rol",
            "uren_per_persoon": "Uren per persoon",
            "aantal": "Aantal",
            "uren_min": "Uren (laag)",
            "uren_max": "Uren (hoog)",
            "waarde_min": euro_column("Waarde laag (€)"),
            "waarde_max": euro_column("Waarde hoog (€)"),
        },
    )
    ui.download_csv(tabel, "alliantie-tijd.csv", key="download_tijd")
    ui.source_caption(
        extra="uren per rol: plan Meer samen, minder eenzaam (2019); aantallen en uurtarief: eigen invoer"
    )


def _difference_table(df: pd.DataFrame, naam_kolom: str, naam_label: str) -> None:
    """Baseline, scenario and difference side by side, per theme or per line."""
    st.dataframe(
        df[[naam_kolom, "basis", "scenario", "verschil"]],
        hide_index=True,
        width="stretch",
        column_config={
            naam_kolom: naam_label,
            "basis": euro_column("Voorbeeld (€)"),
            "scenario": euro_column("Scenario (€)"),
            "verschil": euro_column("Verschil (€)"),
        },
    )
