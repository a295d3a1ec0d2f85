"""The scenario editor on the Budget page: edit the lines of a year, check, save, compare, download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.budget import grafieken as charts
from lib.budget import scenario_opslag, scenarios
from lib.kern import getallen
from lib.kern.errors import DataFout
from lib.kern.getallen import euro
from lib.kern.tekst import escape_markdown as escape_md
from lib.kern.versies import VersieConflict
from lib.ui import basis as ui
from lib.ui import laden

# --- scenarios ----------------------------------------------------------------------------------


def _scenario_source(conn, jaar: int) -> tuple[str, pd.DataFrame]:
    """Pick the starting point: the example allocation or a stored scenario of this year."""
    stored = scenario_opslag.list_scenarios(conn)
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
        return "basis", scenarios.baseline(laden.allocation(), jaar)
    try:
        loaded = scenario_opslag.load_scenario(conn, keuze)
        # The version this session started editing from: a save over a newer one is refused.
        st.session_state.setdefault(_basis_key(keuze), loaded.versie)
        return f"s-{keuze}", loaded.regels
    except DataFout as err:  # deleted in another session meanwhile
        ui.show_data_error(err)
        return "basis", scenarios.baseline(laden.allocation(), jaar)


def _basis_key(naam: str) -> str:
    return f"scenario_basisversie_{naam}"


def scenario_section(alloc: pd.DataFrame, jaar: int) -> None:
    """Editor with live checks, comparison with the baseline, export, and (editors only) storage."""
    editor = ui.current_editor()
    conn = laden.database()
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
            "bedrag": st.column_config.NumberColumn("Bedrag (€)", format="%d", step=100, width="small"),
            "thema": st.column_config.SelectboxColumn("Thema", options=scenarios.THEMA_LABELS, required=True),
        },
    )
    if st.button("Wijzigingen terugdraaien", icon=":material/undo:", key="scenario_reset"):
        st.session_state["scenario_versie"] = versie + 1
        if bron_key.startswith("s-"):
            st.session_state.pop(_basis_key(bron_key[2:]), None)  # start again from what is stored now
        st.rerun()

    toets = scenarios.check_lines(edited)
    if toets.fouten:
        ui.show_errors(toets.fouten)
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
                f"{r.thema_naam} {euro(r.verschil, teken=True)}"
                for r in veranderd.itertuples()
            )
            + "."
        )
    st.altair_chart(charts.diverging(diff), key="scenario_verschil", width="stretch")
    difference_table(diff, "thema_naam", "Thema")
    with st.expander("Verschil per regel"):
        difference_table(scenarios.difference_by_line(basis, toets.regels), "regel", "Regel")

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
        basis_key = _basis_key(naam.strip())
        try:
            saved = scenario_opslag.save_scenario(
                conn,
                editor,
                scenarios.Scenario(naam, jaar, toets.regels),
                overschrijven=overschrijven,
                versie=st.session_state.get(basis_key) if overschrijven else None,
            )
        except VersieConflict as err:
            st.session_state[basis_key] = err.versie  # the next save applies this input over the new version
            st.error(
                f"{escape_md(str(err))} Uw regels staan nog in de tabel; klik opnieuw op Scenario opslaan om ze "
                "daaroverheen op te slaan.",
                icon=":material/sync_problem:",
            )
        except DataFout as err:
            ui.show_data_error(err)
        else:
            st.session_state[basis_key] = saved.versie
            st.success(f"Scenario opgeslagen: {escape_md(saved.naam)}", icon=":material/check_circle:")


GEZIEN = "scenario_versies_gezien"


def _stored_list(conn, editor) -> None:
    st.subheader("Opgeslagen scenario's")
    stored = scenario_opslag.list_scenarios(conn)
    # The versions this session was shown before this run: renaming or deleting one that was saved
    # since is refused (lib.kern.versies), as a save is.
    gezien = st.session_state.get(GEZIEN, {})
    st.session_state[GEZIEN] = {n: int(v) for n, v in zip(stored["naam"], stored["versie"], strict=True)}
    if stored.empty:
        st.caption("Er zijn nog geen scenario's opgeslagen.")
    else:
        st.dataframe(
            getallen.tabel(stored.drop(columns="versie"), {"totaal": "euro"}),
            hide_index=True,
            column_config={
                "naam": "Naam",
                "jaar": st.column_config.NumberColumn("Jaar", format="%d"),
                "totaal": "Totaal",
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
                    scenario_opslag.rename_scenario(conn, editor, kies, nieuw, versie=gezien.get(kies))
                except DataFout as err:
                    ui.show_data_error(err)
                else:
                    st.rerun()
            bevestig = b2.checkbox("Ja, verwijderen", key="scenario_bevestig")
            if b2.button("Verwijderen", key="scenario_verwijder", icon=":material/delete:", disabled=not bevestig):
                try:
                    scenario_opslag.delete_scenario(conn, editor, kies, versie=gezien.get(kies))
                except DataFout as err:
                    ui.show_data_error(err)
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
                ui.show_data_error(err)
                return
            st.markdown(
                f"Gelezen: **{escape_md(ingelezen.naam)}**, {ingelezen.jaar}, {getallen.aantal(len(ingelezen.regels), 'regel', 'regels')}, "
                f"totaal {euro(ingelezen.totaal)}."
            )
            vervang = st.checkbox("Een bestaand scenario met deze naam vervangen", key="scenario_import_vervang")
            if st.button("Ingelezen scenario opslaan", key="scenario_import_opslaan", icon=":material/upload:"):
                try:
                    scenario_opslag.save_scenario(conn, editor, ingelezen, overschrijven=vervang)
                except DataFout as err:
                    ui.show_data_error(err)
                else:
                    st.success(f"Opgeslagen: {escape_md(ingelezen.naam)}", icon=":material/check_circle:")


def difference_table(df: pd.DataFrame, naam_kolom: str, naam_label: str) -> None:
    """Baseline, scenario and difference side by side, per theme or per line."""
    st.dataframe(
        getallen.tabel(df[[naam_kolom, "basis", "scenario", "verschil"]], dict.fromkeys(("basis", "scenario", "verschil"), "euro")),
        hide_index=True,
        width="stretch",
        column_config={
            naam_kolom: naam_label,
            "basis": "Voorbeeld",
            "scenario": "Scenario",
            "verschil": "Verschil",
        },
    )
