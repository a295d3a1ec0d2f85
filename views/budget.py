"""Budget: the EUR 514,000 a year over the four themes, line items, scenarios and the alliance's time."""

import streamlit as st

from lib.budget import begroting as bu
from lib.budget import grafieken as charts
from lib.budget import sommen
from lib.budget.begroting import FINANCIERING
from lib.cijfers import voorbeeld as vb
from lib.kern import getallen
from lib.kern.getallen import aandeel, euro, getal
from lib.plan.themas import JAARBUDGET_WMO
from lib.ui import basis as ui
from lib.ui import budget as ui_budget
from lib.ui import budget_keten as ui_keten
from lib.ui import laden, scenario_editor

alloc = ui.data_or_stop(laden.allocation)
gm = ui.data_or_stop(laden.gemeente_info)

st.title("Budget")
st.markdown(
    "**Wat willen we bereiken?** Minder eenzaamheid, voor jong en oud. **Wat gaan we doen?** De acties van "
    "de vier thema's. **Wat mag het kosten?** Het plan reserveert **€ 514.000 per jaar** uit de Wmo "
    "(2020-2022) voor ontmoeting en eenzaamheid. Hier ziet u hoe dat geld verdeeld kan worden, wat er "
    "bovenop komt, en hoeveel tijd de alliantie erin steekt."
)
if sommen.voorbeeld(alloc):
    ui_budget.example_notice()
jaar = ui_budget.year_picker()

toets = sommen.kadertoets(alloc, jaar)
wmo_besteed, extra = sommen.spent_and_extra(alloc, jaar)
# Per tile from the rows it sums (the `illustratief` column), so real budget figures show without a mark.
begroot_vb = sommen.voorbeeld(sommen.select(alloc, jaar))
besteed_vb = sommen.voorbeeld(sommen.select(alloc, jaar, "besteed"))
extra_vb = sommen.voorbeeld(sommen.bovenop(alloc, jaar))
c1, c2, c3, c4 = st.columns(4)
with c1.container(border=True):
    ui.tegel("Kader Wmo", euro(JAARBUDGET_WMO))
    st.caption("Per jaar, 2020-2022. Bron: plan Meer samen, minder eenzaam (2019).")
with c2.container(border=True):
    ui.tegel(f"Begroot {jaar}", euro(toets.totaal), voorbeeld=begroot_vb)
    st.caption(toets.melding())
with c3.container(border=True):
    ui.tegel(
        f"Besteed {jaar}",
        euro(wmo_besteed),
        voorbeeld=besteed_vb,
        # spent against budgeted is a finding only when neither side is an example
        delta=None if begroot_vb else f"{getal(wmo_besteed - toets.totaal, teken=True)} t.o.v. begroot",
        delta_color="off",
    )
    st.caption("Wmo-geld dat is uitgegeven, tegenover begroot." + (" Voorbeeldbedragen." if besteed_vb else ""))
with c4.container(border=True):
    per_inwoner = sommen.per_inwoner(JAARBUDGET_WMO, gm["inwoners"])
    ui.tegel("Per inwoner", euro(per_inwoner, 2))
    st.caption(
        f"Kader gedeeld door {getal(gm['inwoners'])} inwoners (CBS, 1 januari 2024; het budget is van 2020-2022)."
    )
if begroot_vb or besteed_vb:
    st.caption(vb.VOETNOOT)
st.caption(
    f"Bovenop het kader in {jaar}: {euro(extra)} aan incidenteel geld, fondsen en WOP-budgetten"
    + (" (voorbeeld)." if extra_vb else ".")
)

tab_verdeling, tab_regels, tab_keten, tab_scenario, tab_tijd = st.tabs(
    ["Verdeling over de thema's", "Regels per thema", "Aanbod en kosten", "Scenario's", "Tijd van de alliantie"]
)

with tab_verdeling:
    alle_bronnen = st.toggle(
        "Ook incidenteel geld, fondsen en WOP-budgetten tonen", key="budget_alle_bronnen", value=False
    )
    fin = None if alle_bronnen else bu.KADER_FINANCIERING
    per_jaar = sommen.totals_by_year_theme(alloc, financiering=fin)
    totals = sommen.totals_by_theme(alloc, jaar, financiering=fin)
    grootste = totals.sort_values("bedrag", ascending=False).iloc[0]
    voorbeeld = sommen.voorbeeld(sommen.select(alloc, jaar, financiering=fin))
    st.markdown(
        vb.als_voorbeeld(
            f"In {jaar} gaat het grootste deel, {aandeel(grootste['aandeel'])} ({euro(grootste['bedrag'])}), "
            f"naar thema {grootste['thema']}, *{grootste['thema_naam']}*.",
            voorbeeld,
        )
        + " "
        + ("Alle geldbronnen samen." if alle_bronnen else "Alleen het Wmo-kader; de stippellijn is € 514.000.")
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader("Bedrag per jaar en thema")
        st.altair_chart(
            charts.stacked_by_year(per_jaar, None if alle_bronnen else JAARBUDGET_WMO),
            key="budget_gestapeld",
            width="stretch",
        )
    with right:
        st.subheader("Aandeel per thema")
        st.altair_chart(charts.shares_by_year(per_jaar), key="budget_aandeel", width="stretch")
        st.caption("Elke balk is 100% van dat jaar; de kleuren zijn dezelfde thema's als links.")
    st.subheader(f"Begroot en besteed per thema, {jaar}")
    vs = sommen.budget_vs_actual(alloc, jaar, fin)
    st.altair_chart(charts.budget_vs_actual(vs), key="budget_besteed", width="stretch")
    tabel = totals.assign(
        per_inwoner=totals["bedrag"] / gm["inwoners"], aandeel=totals["aandeel"] * 100, besteed=vs["besteed"]
    )[["thema_naam", "bedrag", "aandeel", "besteed", "per_inwoner"]]
    st.dataframe(
        getallen.tabel(tabel, {"bedrag": "euro", "aandeel": "procent0", "besteed": "euro", "per_inwoner": "euro2"}),
        hide_index=True,
        width="stretch",
        column_config={
            "thema_naam": "Thema",
            "bedrag": "Begroot",
            "aandeel": "Aandeel",
            "besteed": "Besteed",
            "per_inwoner": "Per inwoner",
        },
    )
    ui.download_csv(tabel, f"budget-per-thema-{jaar}.csv", key="download_thema")
    ui.source_caption(datasets=["budget", "gemeente"], extra="kader € 514.000: plan Meer samen, minder eenzaam (2019)")

with tab_regels:
    st.markdown("Kies een thema om te zien welke acties en welk aanbod het geld betaalt.")
    thema = ui_budget.thema_picker()
    regels = sommen.lines(alloc, jaar, thema)
    regels = regels.assign(
        financiering=regels["financiering"].map(FINANCIERING),
        activiteiten=regels["activiteit_ids"].map(lambda ids: ", ".join(ids) if ids else ""),
    )
    st.markdown(
        f"{getallen.aantal(len(regels), 'regel', 'regels')} in {jaar}, samen {euro(regels['begroot'].sum())} begroot en "
        f"{euro(regels['besteed'].sum())} besteed (alle geldbronnen)."
    )
    # Amounts right after the line's name, so they stay in view on a laptop and a phone.
    kolommen = ["regel", "begroot", "besteed", "verschil", "financiering", "thema_naam", "activiteiten"]
    st.dataframe(
        getallen.tabel(regels[kolommen], {"begroot": "euro", "besteed": "euro", "verschil": "euro"}),
        hide_index=True,
        width="stretch",
        column_config={
            "thema_naam": "Thema",
            "regel": st.column_config.TextColumn("Regel", width="medium"),
            "financiering": "Geldbron",
            "begroot": "Begroot",
            "besteed": "Besteed",
            "verschil": "Verschil",
            "activiteiten": "Activiteiten in het aanbod",
        },
    )
    ui.download_csv(regels[kolommen], f"budgetregels-{jaar}.csv", key="download_regels")
    ui.source_caption(datasets=["budget"])

with tab_keten:
    ui_keten.chain_section(alloc, jaar)

with tab_scenario:
    scenario_editor.scenario_section(alloc, jaar)

with tab_tijd:
    ui_budget.alliance_section(alloc, jaar)
