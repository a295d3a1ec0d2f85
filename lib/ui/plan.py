"""Streamlit helpers for the plan and alliance pages: the cached plan, status badges, the edit form.

Everything a user typed (owner, progress note, name) is drawn as plain text: st.text, dataframes,
or Markdown with every special character escaped. Never as HTML.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd
import streamlit as st

from lib.cijfers import voorbeeld as vb
from lib.kern.errors import DataFout, GeenToegang
from lib.kern.getallen import getal
from lib.kern.tekst import escape_markdown
from lib.kern.versies import VersieConflict
from lib.plan import grafieken as plan_grafieken
from lib.plan import model as plan_model
from lib.plan import status as plan_status
from lib.plan import voortgang
from lib.ui import basis as ui
from lib.ui.widgets import url_choice, url_notices

BADGE_KLEUR = {"gepland": "gray", "lopend": "blue", "afgerond": "green", "gestopt": "orange"}
FLASH_KEY = "plan_flash"


def plain(text: str) -> str:
    """User text made inert for st.markdown: every Markdown character escaped, newlines kept."""
    return escape_markdown(text, keep_newlines=True)


VOORBEELD_KOLOM = voortgang.VOORBEELD_KOP  # how many of a row's statuses are example statuses


def status_badge(status: str, voorbeeld: bool = False) -> None:
    """The status as a coloured badge; an example status reads 'Lopend ◇ voorbeeld'."""
    label = vb.met_merk(plan_model.STATUS_LABELS.get(status, status), voorbeeld)
    st.badge(label, color=BADGE_KLEUR.get(status, "gray"), icon=":material/science:" if voorbeeld else None)


def mode_note(editor) -> None:
    """Say who can change the statuses, and how to become an editor."""
    if editor:
        st.info(
            "U bent ingelogd als redacteur: onder elke actie kunt u status, eigenaar, data en voortgang bijwerken. "
            "Elke wijziging komt met uw naam in het wijzigingslog.",
            icon=":material/edit:",
        )
    else:
        st.caption(
            "U bekijkt de stand van zaken. Alleen redacteuren kunnen de status van acties bijwerken "
            "(Redacteursmodus in de zijbalk); elke wijziging is terug te zien in het wijzigingslog per actie."
        )


def show_flash() -> None:
    """A confirmation left by the previous run (after saving, the page reruns to show the new state)."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.toast(message, icon=":material/check_circle:")


def _as_date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def action_form(conn: sqlite3.Connection, editor, plan: plan_model.Plan, state: dict) -> None:
    """The edit form of one action (editor mode only). Saves through lib.plan.status.update_action."""
    aid = state["actie_id"]
    # The form shows `basis`, the stored state when it was opened, and saves against its version.
    # A form sends nothing until it is submitted, so on any other rerun a newer stored version simply
    # replaces the basis (new keys: fresh inputs). On the rerun of a submit the basis stays: a stale
    # save is refused by update_action and the user's input stays in the form to be applied again.
    gen_key, basis_key = f"actie_gen_{aid}", f"actie_basis_{aid}"
    gen = st.session_state.get(gen_key, 0)
    basis = st.session_state.get(basis_key)
    submitting = bool(st.session_state.get(f"opslaan_{aid}_{gen or 'plan'}"))
    if basis is None or (basis["versie"] != state["versie"] and not submitting):
        if basis is not None:
            gen += 1
            st.session_state[gen_key] = gen
        basis = {k: state[k] for k in ("status", "eigenaar", "startdatum", "einddatum", "voortgang", "versie")}
        st.session_state[basis_key] = basis
    version = f"{aid}_{gen or 'plan'}"  # '_plan' until the first save in this session
    state = {**state, **basis}
    if state.get("voorbeeld"):
        st.caption(
            f"{vb.TEKEN} De status is nu een voorbeeld. Opslaan legt hem vast als echte status, ook als u hem "
            "niet wijzigt."
        )
    with st.form(f"actie_form_{aid}", border=False):
        left, right = st.columns(2)
        status = left.selectbox(
            "Status",
            plan_model.STATUSSEN,
            index=plan_model.STATUSSEN.index(state["status"]),
            format_func=plan_model.STATUS_LABELS.get,
            key=f"status_{version}",
        )
        eigenaar = right.text_input(
            "Eigenaar (themagroep of organisatie)",
            value=state["eigenaar"],
            max_chars=plan_status.MAX_EIGENAAR,
            key=f"eigenaar_{version}",
        )
        left, right = st.columns(2)
        bounds = {"min_value": dt.date(2018, 1, 1), "max_value": dt.date(2040, 12, 31), "format": "DD-MM-YYYY"}
        start = left.date_input("Startdatum", value=_as_date(state["startdatum"]), key=f"start_{version}", **bounds)
        eind = right.date_input("Einddatum", value=_as_date(state["einddatum"]), key=f"eind_{version}", **bounds)
        voortgang = st.text_area(
            "Voortgang",
            value=state["voortgang"],
            max_chars=plan_status.MAX_VOORTGANG,
            placeholder="Wat is er gedaan, wat is de volgende stap?",
            key=f"voortgang_{version}",
        )
        if getattr(editor, "identiteit", None) is None:  # the old shared password: a typed name
            door = st.text_input(
                "Uw naam (komt in het wijzigingslog)",
                value=editor.naam,
                max_chars=plan_status.MAX_DOOR,
                key=f"door_{version}",
            )
        else:  # a named login: the log records who logged in, nobody types a name
            door = None
            st.caption(f"Komt in het wijzigingslog op naam van {plain(editor.naam)}.")
        saved = st.form_submit_button("Opslaan", icon=":material/save:", type="primary", key=f"opslaan_{version}")
    if not saved:
        return
    try:
        after = plan_status.update_action(
            conn,
            editor,
            aid,
            status=status,
            eigenaar=eigenaar,
            startdatum=start,
            einddatum=eind,
            voortgang=voortgang,
            door=door,
            plan=plan,
            versie=basis["versie"],
        )
    except VersieConflict as err:
        # Keep the input; the next Opslaan applies it on top of the version now stored (shown above).
        st.session_state[basis_key] = {**basis, "versie": err.versie}
        st.error(
            f"{plain(str(err))} Uw invoer staat nog in het formulier. Bekijk hierboven wat nu is opgeslagen en "
            "klik opnieuw op Opslaan om uw wijziging daaroverheen op te slaan.",
            icon=":material/sync_problem:",
        )
    except GeenToegang as err:
        st.error(plain(str(err)), icon=":material/lock:")
    except DataFout as err:
        st.error(f"Niet opgeslagen: {plain(str(err))}", icon=":material/error:")
    else:
        changed = after["versie"] != basis["versie"]
        st.session_state.pop(basis_key, None)
        st.session_state[gen_key] = gen + 1
        st.session_state[FLASH_KEY] = f"Actie {aid} opgeslagen." if changed else f"Actie {aid}: niets gewijzigd."
        st.rerun()


def action_card(conn: sqlite3.Connection, editor, plan: plan_model.Plan, actie: plan_model.Actie, state: dict) -> None:
    """One action: title, status, owner, dates, progress note, linked results, edit form and history."""
    # The key gives the card a stable CSS class (st-key-actie-3-4) for browser tests.
    with st.container(border=True, key=f"actie-{actie.id.replace('.', '-')}"):
        voorbeeld = bool(state.get("voorbeeld"))
        head, badge = st.columns([4, 2] if voorbeeld else [5, 1], vertical_alignment="center")
        head.markdown(f"**{actie.id} · {actie.titel}**")
        with badge:
            status_badge(state["status"], voorbeeld)
        st.write(actie.omschrijving)
        start, eind = plan_status.format_datum(state["startdatum"]), plan_status.format_datum(state["einddatum"])
        periode = f"{start or 'open'} tot {eind or 'open'}" if start or eind else "nog geen data"
        st.markdown(f"**Eigenaar:** {plain(state['eigenaar'])}  \n**Periode:** {plain(periode)}")
        if state["voortgang"]:
            st.markdown(f"**Voortgang:** {plain(state['voortgang'])}")
        extra = []
        if actie.partners:
            extra.append("Samen met: " + ", ".join(actie.partners))
        extra.append("Werkt aan resultaat " + ", ".join(actie.resultaten))
        if state["gewijzigd"]:
            extra.append(
                f"Laatst bijgewerkt {plan_status.format_tijdstip(state['gewijzigd'])} door {plain(state['door'])}"
            )
        elif voorbeeld:
            extra.append(
                f"Nog niet bijgewerkt: {vb.TEKEN} de status is een voorbeeld, geen stand van zaken (het voorbeeldbudget "
                "besteedt geld aan deze actie of het aanbod noemt haar lopend)"
            )
        else:
            extra.append("Nog niet bijgewerkt: status volgens het plan")
        st.caption(" · ".join(extra))
        history = plan_status.action_history(conn, actie.id)
        if editor:
            with st.expander("Bijwerken", icon=":material/edit:"):
                action_form(conn, editor, plan, state)
        with st.expander(f"Wijzigingslog ({len(history)})", icon=":material/history:"):
            if history.empty:
                st.caption("Nog geen wijzigingen: deze actie staat zoals in het plan.")
            else:
                st.dataframe(history, hide_index=True, width="stretch")


def progress_table(progress: pd.DataFrame, label: str, titel: str, omschrijving: str | None = None) -> pd.DataFrame:
    """A progress table with Dutch headers: counts per status, how many of them are example statuses,
    total and share afgerond (for display and CSV)."""
    cols = [label] + ([omschrijving] if omschrijving else [])
    if "voorbeeld" not in progress:
        progress = progress.assign(voorbeeld=0)
    return progress[[*cols, *plan_model.STATUSSEN, "voorbeeld", "totaal", "aandeel_afgerond"]].rename(
        columns={
            label: titel,
            **({omschrijving: "Omschrijving"} if omschrijving else {}),
            **plan_model.STATUS_LABELS,
            "voorbeeld": VOORBEELD_KOLOM,
            "totaal": "Acties",
            "aandeel_afgerond": "Aandeel afgerond",
        }
    )


NBSP = "\u00a0"
# Streamlit's preset column widths in px: with them the counts table knows how wide it is uncut.
KOLOMBREEDTE = {"small": 75, "medium": 200, "large": 400}
# Where the table fits its column it shows; in a narrower column (a phone, a narrow window) the same
# counts show as one line per row, each number beside its name, so nothing scrolls sideways (WCAG 1.4.10).
# Static CSS keyed to the block (no user text in it); a container query, because the column's width
# decides, not the screen's (beside the chart on a laptop, full width on a phone).
_TELLING_CSS = (
    "<style>.st-key-{key}_tellingen{{container-type:inline-size}}"
    ".st-key-{key}_kort{{display:none!important}}"
    "@container (max-width:{breedte}px){{.st-key-{key}_tabel{{display:none!important}}"
    ".st-key-{key}_kort{{display:flex!important}}}}</style>"
)


def counts_lines(shown: pd.DataFrame, titel: str) -> str:
    """The counts table as Markdown, one paragraph per row: the row's label in bold, then every count
    beside its column name ('Gepland: 1 · Lopend: 1 · ... · Waarvan voorbeeld (◇): 1 ◇'). Same cells
    as the table, so the same figures and marks; it reflows at any width, and a line never breaks
    between a number and its name (non-breaking spaces)."""

    def cel(waarde) -> str:
        return (getal(waarde) if isinstance(waarde, int | float) else str(waarde)).replace(" ", NBSP)

    regels = []
    for rij in shown.to_dict("records"):
        tellingen = " · ".join(f"{kolom}:{NBSP}{cel(waarde)}" for kolom, waarde in rij.items() if kolom != titel)
        regels.append(f"**{plain(rij[titel])}**  \n{tellingen}")  # the labels and counts are our own text
    return "\n\n".join(regels)


def progress_block(
    progress: pd.DataFrame, label: str, titel: str, key: str, tooltip: str | None = None, chart_share: float = 0.5
) -> None:
    """Chart with the counts table beside it (stacked on a phone), and a CSV download of the full table.
    The column of example statuses shows while there are any. Where the table does not fit its column
    whole, the counts show as lines instead (counts_lines)."""
    table = progress_table(progress, label, titel, tooltip)
    met_voorbeeld = bool(table[VOORBEELD_KOLOM].any())
    hidden = ["Acties", "Aandeel afgerond"] + ([] if met_voorbeeld else [VOORBEELD_KOLOM])
    # room for the extra column without a horizontal scrollbar on a laptop: a narrower label column
    label_width = "small" if tooltip else (130 if met_voorbeeld else "medium")
    shown = table.drop(columns=hidden)
    if met_voorbeeld:  # the cell carries the mark itself ('4 ◇'), also when the header is cut short
        shown[VOORBEELD_KOLOM] = [f"{n}{vb.kort_merk(n > 0)}" for n in shown[VOORBEELD_KOLOM]]
    number = st.column_config.NumberColumn(width="small")
    column_config = {
        titel: st.column_config.TextColumn(titel, width=label_width),
        **({"Omschrijving": st.column_config.TextColumn("Omschrijving", width="medium")} if tooltip else {}),
        **{label: number for label in plan_model.STATUS_LABELS.values()},
        VOORBEELD_KOLOM: st.column_config.TextColumn(
            VOORBEELD_KOLOM,
            width="small",
            alignment="right",
            help="Acties met een voorbeeldstatus: door nog geen redacteur bijgewerkt",
        ),
    }
    widths = (column_config[c]["width"] for c in shown.columns)
    breedte = sum(KOLOMBREEDTE.get(w, w) for w in widths) + 2  # + the table's border: its width uncut
    chart_col, table_col = st.columns([chart_share, 1 - chart_share])
    chart_col.altair_chart(plan_grafieken.progress_chart(progress, label, titel, tooltip), width="stretch", key=key)
    with table_col:
        st.html(_TELLING_CSS.format(key=key, breedte=breedte))
        with st.container(key=f"{key}_tellingen", gap=None):
            with st.container(key=f"{key}_tabel"):
                st.dataframe(shown, hide_index=True, width="stretch", column_config=column_config)
            with st.container(key=f"{key}_kort"):
                st.markdown(counts_lines(shown, titel))
        ui.download_csv(table.round({"Aandeel afgerond": 3}), f"{key}.csv", "Download tabel (CSV)", key=f"{key}_csv")


def results_block(per_result: pd.DataFrame, key: str) -> None:
    """Per result of one theme: the chart beside the plan's checklist with the status of the actions behind it."""
    chart_col, list_col = st.columns([0.35, 0.65])
    chart_col.altair_chart(
        plan_grafieken.progress_chart(per_result, "resultaat_id", "Resultaat", "resultaat"), width="stretch", key=key
    )
    with list_col:
        for _, row in per_result.iterrows():
            st.markdown(f"**{row['resultaat_id']}** {row['resultaat']}  \n:gray[{voortgang.counts_text(row)}]")
        table = progress_table(per_result, "resultaat_id", "Resultaat", "resultaat")
        ui.download_csv(table.round({"Aandeel afgerond": 3}), f"{key}.csv", "Download tabel (CSV)", key=f"{key}_csv")


THEMA_KEY = "plan_thema"


def theme_picker(plan: plan_model.Plan) -> plan_model.PlanThema:
    """Choose one theme; ``?thema=2`` deep-links to it and follows the choice. Unknown values get a notice."""
    nummers = [t.nummer for t in plan.themas]
    gekozen = url_choice(
        st.segmented_control,
        "Thema",
        nummers,
        param="thema",
        default=nummers[0],
        key=THEMA_KEY,
        format_func=lambda n: f"{n}. {plan.thema(n).naam}",
        width="stretch",
    )
    url_notices()
    return plan.thema(gekozen if gekozen in nummers else nummers[0])
