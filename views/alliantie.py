"""Alliantie: how the alliance is organised, who takes part, the time each role costs, who carries which action."""

import pandas as pd
import streamlit as st

from lib.cijfers import voorbeeld as vb
from lib.kern.getallen import aantal, getal, tabel
from lib.plan import alliantietijd, voortgang
from lib.plan import genoemd as plan_genoemd
from lib.plan import grafieken as plan_grafieken
from lib.plan import model as plan_model
from lib.plan import status as plan_status
from lib.ui import basis as ui
from lib.ui import laden

plan = ui.data_or_stop(laden.plan_data)
alliantie = plan.alliantie
states = plan_status.action_states(laden.database(), plan)

st.title("Alliantie Samen tegen Eenzaamheid")
# "Gemeente Capelle aan den IJssel" reads as "de gemeente" inside a sentence.
oprichters = [
    "de gemeente" if lid.naam.startswith("Gemeente ") else lid.naam for lid in alliantie.leden if lid.oprichter
]
st.markdown(
    f"De Alliantie begon op {alliantie.gestart.day} september {alliantie.gestart.year} met "
    f"{', '.join(oprichters[:-1])} en {oprichters[-1]}, en telt inmiddels {alliantie.aantal_leden}. "
    f"{alliantie.werkwijze}"
)

# --- structure ----------------------------------------------------------------------------------
st.subheader("Hoe de Alliantie is georganiseerd")
st.graphviz_chart(
    plan_grafieken.alliance_dot(plan, states),
    width="stretch",
    alt="Schema van de Alliantie: gemeente, aanjager, kerngroep, klankbordgroep, themagroepen en opgaveteams.",
)
rol = {r.id: r for r in alliantie.rollen}
with st.container(border=True):
    st.markdown(
        "**In woorden.** De gemeente levert de **aanjager**, die de **kerngroep** ondersteunt en de "
        "**brede klankbordgroep** organiseert. De klankbordgroep geeft reactie op voorstellen aan de kerngroep. "
        "Leden van de kerngroep zijn voorzitter van de **themagroepen** voor thema 2, 3 en 4 en verbinden zo "
        "kerngroep en themagroep (linking pin). Thema 1 loopt via de brede themagroep informatievoorziening "
        "van de gemeente. De gebiedsregisseur verbindt de kerngroep met de **opgaveteams**."
    )
    st.caption(alliantie.opgaveteams)
ui.source_caption(datasets=["plan"])

# --- roles and time -----------------------------------------------------------------------------
st.subheader("Rollen en tijd per jaar")
hours = voortgang.hours_table(plan)
chart_col, text_col = st.columns([3, 2])
with chart_col:
    st.altair_chart(plan_grafieken.hours_chart(plan), width="stretch", key="uren_per_rol")
with text_col:
    st.markdown(
        f"Het plan schat de tijd per persoon per jaar. Een kerngroeplid is {rol['kerngroep'].uren_label} kwijt, "
        f"als voorzitter van een themagroep {rol['voorzitter'].uren_label}. Een themagroeplid "
        f"{rol['themagroep'].uren_label}, een lid van de klankbordgroep {rol['klankbordgroep'].uren_label}. "
        f"De aanjager werkt er één dag per week aan: {rol['aanjager'].uren_label} per jaar."
    )
# A static table: the task texts wrap instead of being cut off.
st.table(
    pd.DataFrame(
        {
            "Rol": [r.naam for r in alliantie.rollen],
            "Uren per jaar": [r.uren_label for r in alliantie.rollen],
            "Wat doet deze rol": [r.taak for r in alliantie.rollen],
            "Waar de tijd in zit": list(hours["opbouw"]),
        }
    ).set_index("Rol")
)
ui.source_caption(datasets=["plan"], extra="geschatte tijdsinvestering per persoon per jaar")
ui.download_csv(hours, "alliantie-uren-per-rol.csv", "Download uren per rol (CSV)", key="download_uren")

st.markdown("##### Rekenhulp: hoeveel tijd kost de Alliantie per jaar?")
st.caption(
    "Het plan zegt niet hoeveel mensen elke rol vervullen. De beginwaarden hieronder zijn een voorbeeld, geen "
    "aantallen uit het plan: vul zelf in. De uren per persoon komen wel uit het plan."
)
defaults = alliantietijd.VOORBEELD_AANTALLEN
cols = st.columns(len(alliantie.rollen))
aantallen = {
    r.id: int(
        col.number_input(r.naam, min_value=0, max_value=200, value=defaults.get(r.id, 0), step=1, key=f"aantal_{r.id}")
    )
    for col, r in zip(cols, alliantie.rollen, strict=True)
}
total = voortgang.alliance_hours(plan, aantallen)
som = total.iloc[-1]
st.markdown(
    f"Met deze aantallen ({getal(som['personen'])} mensen) kost de Alliantie samen **{getal(som['uren_min'])} tot "
    f"{getal(som['uren_max'])} uur per jaar**."
)
st.dataframe(
    tabel(total, {c: "getal" for c in ("personen", "uren_min", "uren_max")}).rename(
        columns={
            "rol": "Rol",
            "personen": "Personen",
            "uren_min": "Uren per jaar (laag)",
            "uren_max": "Uren per jaar (hoog)",
        }
    ),
    hide_index=True,
    width="stretch",
)

# --- members ------------------------------------------------------------------------------------
st.subheader("Deelnemende organisaties")
st.markdown(
    f"De Alliantie telt {alliantie.aantal_leden}. Het plan noemt bij naam de drie oprichters en De Zellingen, "
    "De Vijverhof en Havensteder, en verder het onderwijs, kerken en ondernemers. De andere organisaties "
    "hieronder zijn een **toevoeging van het dashboard**: partners die in Capelle voor de hand liggen, niet "
    "door het plan genoemd."
)
leden = pd.DataFrame(
    [
        {
            "Organisatie": lid.naam,
            "Soort": lid.soort,
            "Oprichter": "ja" if lid.oprichter else "",
            "Waar vandaan": plan_genoemd.herkomst(lid.naam, lid.soort),
        }
        for lid in alliantie.leden
    ]
)
st.dataframe(leden, hide_index=True, width="stretch")
ui.source_caption(datasets=["plan"])

# --- who carries which action -------------------------------------------------------------------
st.subheader("Welke acties elke themagroep draagt")
groups = voortgang.actions_per_group(plan, states)
for t in plan.themas:
    mine = groups[groups["thema"] == t.nummer]
    st.markdown(f"**{t.themagroep}** · thema {t.nummer}, {aantal(len(mine), 'actie', 'acties')}")
    st.dataframe(
        mine[["actie_id", "actie", "eigenaar", "status"]]
        .assign(
            status=[  # an example status carries its mark: 'Lopend ◇ voorbeeld'
                vb.met_merk(plan_model.STATUS_LABELS[s], v) for s, v in zip(mine["status"], mine["voorbeeld"], strict=True)
            ]
        )
        .rename(columns={"actie_id": "Actie", "actie": "Omschrijving", "eigenaar": "Eigenaar", "status": "Status"}),
        hide_index=True,
        width="stretch",
    )
ui.source_caption(
    datasets=["plan"],
    extra="eigenaar en status zoals redacteuren ze bijhouden"
    + (f"; {vb.TEKEN} voorbeeld: een voorbeeldstatus die nog geen redacteur heeft bijgewerkt" if groups["voorbeeld"].any() else ""),
)
ui.download_csv(
    groups.assign(voorbeeld=groups["voorbeeld"].map(vb.cel)),
    "acties-per-themagroep.csv",
    "Download acties per themagroep (CSV)",
    key="download_groepen",
)
if ui.page("plan"):
    st.page_link(ui.page("plan").bestand, label="Naar het Uitvoeringsplan", icon=":material/checklist:")
