"""Streamlit helpers for the budget page: cached loading, the example notice, pickers, scenario state.

Figures come from lib.budget.begroting and lib.budget.scenarios; this module only draws, caches and keeps state.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.budget import begroting as bu
from lib.budget import grafieken as charts
from lib.budget import scenarios, sommen
from lib.kern import getallen
from lib.kern.errors import DataFout
from lib.plan import alliantietijd
from lib.plan.themas import JAARBUDGET_WMO
from lib.ui import basis as ui
from lib.ui import laden
from lib.ui.widgets import url_choice, url_notices

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
    jaar = url_choice(st.segmented_control, "Jaar", list(bu.JAREN), param="jaar", default=bu.JAREN[-1], key="budget_jaar")
    url_notices()
    return int(jaar)


def thema_picker(key: str = "budget_thema") -> int | None:
    """Drill-down theme, synced with ?thema=; None is all themes."""
    keuze = url_choice(
        st.selectbox,
        "Thema",
        [None, *scenarios.THEMAS],
        param="thema",
        default=None,
        key=key,
        format_func=lambda t: "Alle thema's" if t is None else scenarios.thema_label(t),
    )
    url_notices()
    return keuze


# --- the alliance's time ------------------------------------------------------------------------


def alliance_section(alloc: pd.DataFrame, jaar: int) -> None:
    """Hours per role x people, valued at an hourly rate the user sets, beside the money."""
    st.markdown(
        "De alliantie brengt naast geld ook tijd in. Het plan schat de uren per persoon per jaar. Hoeveel mensen "
        "elke rol vervullen, staat er niet in: vul het aantal in (de startgetallen zijn een voorbeeld) en kies "
        "een uurtarief."
    )
    uurtarief = st.number_input(
        "Uurtarief (€ per uur)", min_value=0.0, max_value=500.0, value=50.0, step=5.0, format="%.0f"
    )
    plan = laden.plan_data()  # roles and hours: only in data/plan.yaml
    start = pd.DataFrame(
        [
            {
                "rol": r.id,
                "naam": r.naam,
                "uren": r.uren_label,
                "aantal": alliantietijd.VOORBEELD_AANTALLEN.get(r.id, 0),
                "uitleg": r.taak,
            }
            for r in plan.alliantie.rollen
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
        tijd = alliantietijd.waarde(plan, aantallen, uurtarief)
    except DataFout as err:
        ui.show_data_error(err)
        return
    som = tijd.iloc[-1]  # the total row
    uren_min, uren_max = int(som["uren_min"]), int(som["uren_max"])
    waarde_min, waarde_max = float(som["waarde_min"]), float(som["waarde_max"])
    extra = sommen.select(alloc, jaar, "begroot", None)
    extra = extra[extra["financiering"] != bu.KADER_FINANCIERING]["bedrag"].sum()
    c1, c2, c3 = st.columns(3)
    c1.metric("Uren per jaar", getallen.uren(uren_min, uren_max))
    c2.metric(f"Waarde bij {getallen.kosten(uurtarief)} per uur", getallen.euro_bereik(waarde_min, waarde_max))
    c3.metric("Tegenover het Wmo-kader", getallen.aandeel(waarde_max / JAARBUDGET_WMO))
    st.markdown(
        f"De tijd van de alliantie is {getallen.euro(waarde_min)} tot {getallen.euro(waarde_max)} waard per jaar, "
        f"naast {getallen.euro(JAARBUDGET_WMO)} Wmo-geld en {getallen.euro(extra)} aan ander geld in {jaar} (voorbeeld)."
    )
    vergelijk = pd.DataFrame(
        [
            {"post": "Wmo-kader", "bedrag": JAARBUDGET_WMO, "soort": "geld"},
            {"post": f"Incidenteel, fondsen en WOP {jaar} (voorbeeld)", "bedrag": extra, "soort": "geld"},
            {"post": "Tijd van de alliantie (hoogste schatting)", "bedrag": waarde_max, "soort": "tijd"},
        ]
    )
    st.altair_chart(charts.time_beside_money(vergelijk), key="alliantie_tijd_geld", width="stretch")
    tabel = tijd[["rol", "personen", "uren_min", "uren_max", "waarde_min", "waarde_max"]]
    st.dataframe(
        getallen.tabel(
            tabel,
            {"personen": "getal", "uren_min": "getal", "uren_max": "getal", "waarde_min": "euro", "waarde_max": "euro"},
        ),
        hide_index=True,
        width="stretch",
        column_config={
            "rol": "Rol",
            "personen": "Personen",
            "uren_min": "Uren per jaar (laag)",
            "uren_max": "Uren per jaar (hoog)",
            "waarde_min": "Waarde laag",
            "waarde_max": "Waarde hoog",
        },
    )
    ui.download_csv(tabel, "alliantie-tijd.csv", key="download_tijd")
    ui.source_caption(
        extra="uren per rol: plan Meer samen, minder eenzaam (2019); aantallen en uurtarief: eigen invoer"
    )
