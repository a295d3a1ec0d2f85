"""Uitvoeringsplan: the four themes with their results and actions; editors keep the status up to date."""

import streamlit as st

from lib.cijfers import voorbeeld as vb
from lib.kern.getallen import aantal
from lib.plan import status as plan_status
from lib.plan import voortgang
from lib.ui import basis as ui
from lib.ui import laden
from lib.ui import plan as ui_plan
from lib.ui import plan_tijdlijn as ui_tijdlijn

plan = ui.data_or_stop(laden.plan_data)
conn = laden.database()
states = plan_status.action_states(conn, plan)
editor = ui.current_editor()
ui_plan.show_flash()

st.title("Uitvoeringsplan")
st.markdown(
    f"Wat de Alliantie in vier thema's gaat doen, en hoe ver het is. Het doel van het plan: {plan.hoofdresultaat[0].lower()}"
    f"{plan.hoofdresultaat[1:]}"
)
ui_plan.mode_note(editor)

# --- overview -----------------------------------------------------------------------------------
st.subheader("Voortgang per thema")
progress = voortgang.progress_by_theme(states)
st.markdown(voortgang.progress_summary(progress))
progress = progress.assign(thema_label=progress["thema"].astype(str) + ". " + progress["thema_naam"])
# 60% for the counts: their table (about 510 px) fits whole beside the chart on a laptop of 1366 px
ui_plan.progress_block(progress, "thema_label", "Thema", key="voortgang_thema", chart_share=0.4)
laatst = states["gewijzigd"].dropna().max() if states["bijgewerkt"].any() else None
n_voorbeeld = int(states["voorbeeld"].sum())
ui.source_caption(
    datasets=["plan"],
    extra="; ".join(
        ([f"status bijgehouden door redacteuren, laatst {plan_status.format_tijdstip(laatst)}"] if laatst else [])
        + (
            [
                f"{vb.TEKEN} voorbeeldstatus bij {aantal(n_voorbeeld, 'actie', 'acties')} die nog niet "
                "is bijgewerkt: 'lopend' waar het voorbeeldbudget geld aan de actie besteedt of het aanbod haar lopend "
                "of in opbouw noemt"
            ]
            if n_voorbeeld
            else []
        )
    )
    or "status: nog niet bijgewerkt, zoals in het plan",
)
export = (
    states.assign(
        startdatum=states["startdatum"].map(plan_status.format_datum),
        einddatum=states["einddatum"].map(plan_status.format_datum),
        gewijzigd=states["gewijzigd"].map(plan_status.format_tijdstip),
        voorbeeld=states["voorbeeld"].map(vb.cel),  # 'ja ◇' while the status is an example
    )
    .drop(columns="bijgewerkt")
    .rename(columns={"voorbeeld": "status_voorbeeld"})
)
ui.download_csv(export, "uitvoeringsplan-acties.csv", "Download alle acties met status (CSV)", key="download_acties")
ui_tijdlijn.render(conn, editor, plan, states)  # timeline, indicators, evaluation export (issue 17)

# --- one theme ----------------------------------------------------------------------------------
st.divider()
thema = ui_plan.theme_picker(plan)

st.header(f"{thema.nummer}. {thema.naam}")
st.markdown(f"**Wat houdt het thema in?** {thema.inhoud}")
st.markdown(f"**Waarom?** {thema.aanleiding}")
st.caption(f"Trekker: {thema.themagroep}")

st.subheader("Te bereiken resultaat")
per_result = voortgang.progress_by_result(states, plan)
per_result = per_result[per_result["thema"] == thema.nummer]
ui_plan.results_block(per_result, key=f"voortgang_resultaat_{thema.nummer}")
st.caption(
    "Per resultaat de acties die eraan werken (een actie kan aan meer resultaten werken). "
    "Welke actie bij welk resultaat hoort, is een lezing van het plan door het dashboard."
)

st.subheader("Wat gaan we doen?")
by_id = states.set_index("actie_id").to_dict("index")
for actie in thema.acties:
    ui_plan.action_card(conn, editor, plan, actie, {"actie_id": actie.id, **by_id[actie.id]})
ui.source_caption(datasets=["plan"])

# --- what works and monitoring ------------------------------------------------------------------
st.divider()
left, right = st.columns(2)
with left:
    st.subheader("Wat werkt")
    st.markdown(f"Wat onderzoek van Movisie zegt over wat eenzaamheid vermindert ({plan.movisie.bron}):")
    for factor in plan.movisie.werkzame_factoren:
        st.markdown(f"- **{factor.titel}.** {factor.uitleg}")
with right:
    st.subheader("Aandachtspunten")
    st.markdown("Waar een aanpak volgens Movisie op moet letten:")
    st.markdown("\n".join(f"- {punt}" for punt in plan.movisie.aandachtspunten))
st.caption(
    f"Bron: {plan.movisie.bron}, samengevat in het plan ({plan.jaar}). [Artikel bij Movisie]({plan.movisie.url})"
)

st.subheader("Monitoring")
st.markdown(plan.monitoring)
if ui.page("alliantie"):
    st.page_link(ui.page("alliantie").bestand, label="Hoe de Alliantie is georganiseerd", icon=":material/groups:")
