"""Streamlit helpers for the budget page: cached loading, the example notice, pickers, scenario state.

Figures come from lib.budget.begroting and lib.budget.scenarios; this module only draws, caches and keeps state.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.budget import begroting as budget
from lib.budget import grafieken as charts
from lib.budget import scenarios
from lib.budget.begroting import format_euro
from lib.kern.errors import DataFout
from lib.kern.tekst import escape_markdown as escape_md
from lib.plan.themas import JAARBUDGET_WMO
from lib.ui import basis as ui

VOORBEELD_KOP = "Voorbeeldbedragen, geen echte begroting"


@st.cache_data(show_spinner="Budget laden…")
def allocation() -> pd.DataFrame:
    """The example allocation (validated; activity ids checked against the catalogue when present)."""
    return budget.load_allocation()


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
    default = budget.JAREN[-1]
    if raw is not None:
        if raw.strip() in {str(j) for j in budget.JAREN}:
            default = int(raw)
        else:
            st.info(
                f"Het jaar in de link is onbekend; u ziet {default}. Kies {', '.join(map(str, budget.JAREN))}.",
                icon=":material/info:",
            )
    if "budget_jaar" not in st.session_state:
        st.session_state["budget_jaar"] = default
    jaar = st.segmented_control("Jaar", budget.JAREN, key="budget_jaar", format_func=str)
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


# --- scenarios ----------------------------------------------------------------------------------


def _scenario_source(conn, jaar: int) -> tuple[str, pd.DataFrame]:
    """Pick the starting point: the example allocation or a stored scenario of this year."""
    stored = scenarios.list_scenarios(conn)
    namen = stored[stored["jaar"] == jaar]["naam"].tolist()
    basis_label = f"Voorbeeldverdeling {jaar}"
    keuze = st.selectbox(
        "Uitgangspunt",
        ["", *namen],  # "" is the example allocation (a None option would show a clear button)
        format_func=lambda n: basis_label if n == "" else f"Opgeslagen scenario: {n}",
        key=f"scenario_bron_{jaar}",
        help="Begin bij de voorbeeldverdeling of bij een opgeslagen scenario van dit jaar.",
    )
    if not keuze:
        return "basis", scenarios.baseline(allocation(), jaar)
    try:
        return f"s-{keuze}", scenarios.load_scenario(conn, keuze).regels
    except DataFout as err:  # deleted in another session meanwhile
        show_data_error(err)
        return "basis", scenarios.baseline(allocation(), jaar)


def scenario_section(alloc: pd.DataFrame, jaar: int) -> None:
    """Editor with live checks, comparison with the baseline, export, and (editors only) storage."""
    editor = ui.current_editor()
    conn = ui.database()
    st.markdown(
        f"Verschuif het Wmo-geld van {jaar} tussen regels en thema's: pas bedragen aan, kies een ander thema "
        "of voeg onderaan een regel toe. Het totaal wordt meteen getoetst aan het kader van € 514.000."
    )
    if editor is None:
        st.caption(
            "U bent in kijkmodus: u kunt scenario's bekijken, doorrekenen en downloaden. Opslaan, hernoemen, "
            "verwijderen en inlezen kan in de redacteursmodus (zijbalk)."
        )
    basis = scenarios.baseline(alloc, jaar)
    bron_key, start = _scenario_source(conn, jaar)
    versie = st.session_state.get("scenario_versie", 0)
    edited = st.data_editor(
        scenarios.for_editor(start),
        key=f"scenario_editor_{jaar}_{bron_key}_{versie}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        height=min(640, (len(start) + 2) * 35 + 3),  # every line visible, plus the row for adding
        # Regel and amount first: on a phone they are what fits on the screen.
        column_order=["regel", "bedrag", "thema"],
        column_config={
            "regel": st.column_config.TextColumn("Regel", max_chars=120, required=True, width="medium"),
            "bedrag": st.column_config.NumberColumn("Bedrag (€)", format="localized", step=100, width="small"),
            "thema": st.column_config.SelectboxColumn("Thema", options=scenarios.THEMA_LABELS, required=True),
        },
    )
    if st.button("Wijzigingen terugdraaien", icon=":material/undo:", key="scenario_reset"):
        st.session_state["scenario_versie"] = versie + 1
        st.rerun()

    toets = scenarios.check_lines(edited)
    if toets.fouten:
        show_errors(toets.fouten)
    if toets.kader is not None:
        if toets.kader.over:
            st.error(toets.kader.melding(), icon=":material/block:")
        elif not toets.fouten:
            st.success(toets.kader.melding(), icon=":material/check_circle:")
    if toets.regels is None:
        st.info("Verbeter eerst de cellen hierboven; dan ziet u de vergelijking.", icon=":material/info:")
        return

    diff = scenarios.difference_by_theme(basis, toets.regels)
    st.subheader("Uitgangspunt en scenario naast elkaar")
    veranderd = diff[diff["verschil"].abs() >= 0.5]
    if veranderd.empty:
        st.markdown("Het scenario is gelijk aan de voorbeeldverdeling per thema.")
    else:
        st.markdown(
            "Verschil per thema: "
            + "; ".join(
                f"{r.thema_naam} {format_euro(r.verschil).replace('€ ', '€ +') if r.verschil > 0 else format_euro(r.verschil)}"
                for r in veranderd.itertuples()
            )
            + "."
        )
    st.altair_chart(charts.diverging(diff), key="scenario_verschil", width="stretch")
    _difference_table(diff, "thema_naam", "Thema")
    with st.expander("Verschil per regel"):
        _difference_table(scenarios.difference_by_line(basis, toets.regels), "regel", "Regel")

    if toets.geldig:
        huidig = scenarios.Scenario(
            bron_key[2:] if bron_key.startswith("s-") else f"Scenario {jaar}", jaar, toets.regels
        )
        d1, d2, _ = st.columns([1, 1, 2])
        d1.download_button(
            "Download als CSV",
            scenarios.to_csv(huidig),
            file_name=f"scenario-{jaar}.csv",
            mime="text/csv",
            icon=":material/download:",
            key="scenario_csv",
        )
        d2.download_button(
            "Download als JSON",
            scenarios.to_json(huidig),
            file_name=f"scenario-{jaar}.json",
            mime="application/json",
            icon=":material/download:",
            key="scenario_json",
        )
    if editor is not None:
        _save_form(conn, editor, jaar, toets)
    _stored_list(conn, editor)


def _save_form(conn, editor, jaar: int, toets: scenarios.Toets) -> None:
    st.subheader("Opslaan")
    with st.form("scenario_opslaan"):
        naam = st.text_input("Naam van het scenario", max_chars=scenarios.MAX_NAAM)
        overschrijven = st.checkbox("Een bestaand scenario met deze naam vervangen")
        opslaan = st.form_submit_button("Scenario opslaan", icon=":material/save:", disabled=not toets.geldig)
    if not toets.geldig:
        st.caption("Opslaan kan pas als alle cellen kloppen en het totaal binnen het kader blijft.")
    if opslaan:
        try:
            saved = scenarios.save_scenario(
                conn, editor, scenarios.Scenario(naam, jaar, toets.regels), overschrijven=overschrijven
            )
        except DataFout as err:
            show_data_error(err)
        else:
            st.success(f"Scenario opgeslagen: {escape_md(saved.naam)}", icon=":material/check_circle:")


def _stored_list(conn, editor) -> None:
    st.subheader("Opgeslagen scenario's")
    stored = scenarios.list_scenarios(conn)
    if stored.empty:
        st.caption("Er zijn nog geen scenario's opgeslagen.")
    else:
        st.dataframe(
            stored,
            hide_index=True,
            column_config={
                "naam": "Naam",
                "jaar": st.column_config.NumberColumn("Jaar", format="%d"),
                "totaal": euro_column("Totaal (€)"),
                "gewijzigd": "Gewijzigd (UTC)",
                "door": "Door",
            },
        )
    if editor is None:
        return
    with st.expander("Scenario's beheren en inlezen", icon=":material/edit:"):
        if not stored.empty:
            kies = st.selectbox("Scenario", stored["naam"].tolist(), key="scenario_beheer")
            nieuw = st.text_input("Nieuwe naam", max_chars=scenarios.MAX_NAAM, key="scenario_nieuwe_naam")
            b1, b2 = st.columns(2)
            if b1.button("Hernoemen", key="scenario_hernoem", icon=":material/edit:"):
                try:
                    scenarios.rename_scenario(conn, editor, kies, nieuw)
                except DataFout as err:
                    show_data_error(err)
                else:
                    st.rerun()
            bevestig = b2.checkbox("Ja, verwijderen", key="scenario_bevestig")
            if b2.button("Verwijderen", key="scenario_verwijder", icon=":material/delete:", disabled=not bevestig):
                try:
                    scenarios.delete_scenario(conn, editor, kies)
                except DataFout as err:
                    show_data_error(err)
                else:
                    st.rerun()
        st.markdown("**Inlezen** (CSV of JSON, zoals hierboven gedownload). Dezelfde controles gelden.")
        upload = st.file_uploader("Scenariobestand", type=["csv", "json"], key="scenario_upload")
        if upload is not None:
            try:
                data = upload.getvalue()
                ingelezen = (
                    scenarios.from_json(data, upload.name)
                    if upload.name.lower().endswith(".json")
                    else scenarios.from_csv(data, upload.name)
                )
            except DataFout as err:
                show_data_error(err)
                return
            st.markdown(
                f"Gelezen: **{escape_md(ingelezen.naam)}**, {ingelezen.jaar}, {len(ingelezen.regels)} regels, "
                f"totaal {format_euro(ingelezen.totaal)}."
            )
            vervang = st.checkbox("Een bestaand scenario met deze naam vervangen", key="scenario_import_vervang")
            if st.button("Ingelezen scenario opslaan", key="scenario_import_opslaan", icon=":material/upload:"):
                try:
                    scenarios.save_scenario(conn, editor, ingelezen, overschrijven=vervang)
                except DataFout as err:
                    show_data_error(err)
                else:
                    st.success(f"Opgeslagen: {escape_md(ingelezen.naam)}", icon=":material/check_circle:")


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
                "aantal": budget.VOORBEELD_AANTALLEN.get(r.code, 0),
                "uitleg": r.uitleg,
            }
            for r in budget.ROLLEN.values()
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
        tijd = budget.alliance_time(aantallen, uurtarief)
    except DataFout as err:
        show_data_error(err)
        return
    uren_min, uren_max = int(tijd["uren_min"].sum()), int(tijd["uren_max"].sum())
    waarde_min, waarde_max = tijd["waarde_min"].sum(), tijd["waarde_max"].sum()
    extra = budget.select(alloc, jaar, "begroot", None)
    extra = extra[extra["financiering"] != budget.KADER_FINANCIERING]["bedrag"].sum()
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


# --- persona -> activity -> budget line ----------------------------------------------------------


def chain_section(alloc: pd.DataFrame, jaar: int) -> None:
    """What does the offer for a persona or a target group cost? Activities, then the lines paying them."""
    from lib.aanbod.begrippen import DOELGROEPEN
    from lib.budget import keten as budget_keten
    from lib.ui import aanbod as ui_aanbod  # the catalogue side: only needed on this tab

    st.markdown(
        "Volg de keten van mens naar geld: welk aanbod past bij iemand, en uit welke budgetregels wordt dat "
        "betaald? Kies een persona (een fictieve Capellenaar) of een doelgroep."
    )
    aanbod = ui.data_or_stop(ui_aanbod.aanbod)
    personas = ui.data_or_stop(ui_aanbod.personas)
    vanuit = st.segmented_control(
        "Kijk vanuit", ["doelgroep", "persona"], default="doelgroep", key="keten_vanuit", format_func=str.capitalize
    )
    if vanuit == "persona":
        by_id = {p.id: p for p in personas}
        pid = st.selectbox(
            "Persona",
            list(by_id),
            format_func=lambda i: f"{by_id[i].naam}, {by_id[i].leeftijd} jaar: {by_id[i].kort}",
            key="keten_persona",
        )
        persona = by_id[pid]
        keten = budget_keten.for_profile(alloc, jaar, persona.profiel(), aanbod, ui_aanbod.wijk_centra())
        voor = persona.naam
        st.caption("Het aanbod dat goed past (score 7 of meer, hoogstens tien), zoals op de pagina Persona's.")
    else:
        groepen = [g for g in DOELGROEPEN if g not in ("iedereen", "professionals")]
        groep = st.selectbox(
            "Doelgroep", groepen, index=groepen.index("jongeren"), format_func=DOELGROEPEN.get, key="keten_groep"
        )
        keten = budget_keten.for_group(alloc, jaar, groep, aanbod)
        voor = DOELGROEPEN[groep].lower()
        st.caption("Al het aanbod dat zich op deze doelgroep richt, ook wat nog in opbouw is.")

    if keten.activiteiten.empty:
        st.info(f"Er is geen aanbod gevonden voor {escape_md(voor)}.", icon=":material/info:")
        return
    c1, c2, c3 = st.columns(3)
    c1.metric("Activiteiten", len(keten.activiteiten))
    c2.metric(f"Budgetregels {jaar} (voorbeeld)", format_euro(keten.totaal_regels))
    c3.metric("Geschat deel voor dit aanbod", format_euro(keten.geschat))
    st.markdown(
        f"Het aanbod voor {escape_md(voor)} wordt in {jaar} betaald uit {len(keten.regels)} budgetregels, samen "
        f"{format_euro(keten.totaal_regels)}. Omdat een regel vaak meer activiteiten betaalt, is het deel voor dit "
        f"aanbod geschat op {format_euro(keten.geschat)}: het bedrag van elke regel gelijk verdeeld over de "
        "activiteiten die hij betaalt."
    )
    if keten.zonder_budget:
        st.markdown(
            "Zonder eigen budgetregel (betaald door de organisatie zelf, of uit ander geld): "
            + ", ".join(escape_md(n) for n in keten.zonder_budget)
            + "."
        )
    st.subheader("Budgetregels")
    st.dataframe(
        keten.regels[["regel", "thema_naam", "financiering", "bedrag", "gekoppeld", "van", "geschat"]],
        hide_index=True,
        width="stretch",
        column_config={
            "regel": st.column_config.TextColumn("Regel", width="medium"),
            "thema_naam": "Thema",
            "financiering": "Geldbron",
            "bedrag": euro_column("Bedrag regel (€)"),
            "gekoppeld": st.column_config.NumberColumn("Voor dit aanbod", help="Aantal activiteiten van deze regel"),
            "van": st.column_config.NumberColumn("Van", help="Aantal activiteiten dat de regel in totaal betaalt"),
            "geschat": euro_column("Geschat deel (€)"),
        },
    )
    st.subheader("Activiteiten")
    st.dataframe(
        keten.activiteiten[["activiteit", "organisatie", "regels"] + (["reden"] if vanuit == "persona" else [])],
        hide_index=True,
        width="stretch",
        column_config={
            "activiteit": "Activiteit",
            "organisatie": "Organisatie",
            "regels": "Betaald uit",
            "reden": "Waarom het past",
        },
    )
    ui.download_csv(keten.regels, f"budget-keten-{jaar}.csv", key="download_keten")
    ui.source_caption(
        datasets=["budget", "aanbod"],
        extra="persona's zijn fictief",
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
