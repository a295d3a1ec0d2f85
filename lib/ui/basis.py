"""The thin Streamlit layer's base: notices, source lines, the sidebar and the data-error guard.

Cached loaders live in lib.ui.laden, shared widgets in lib.ui.widgets; the figures come from the rest of lib/.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from lib.cijfers import meta
from lib.cijfers import voorbeeld as vb
from lib.kern import auth, beschikbaar, export
from lib.kern.config import gemeente
from lib.kern.errors import DataFout
from lib.kern.navigation import PAGES, page
from lib.kern.tekst import escape_markdown
from lib.ui import inloggen, laden

ILLUSTRATIEF_KOP = "Voorbeeldcijfers, geen echte meting"


def data_or_stop(loader, *args):
    """Call a loader; on a data error show the Dutch message and stop the page (no traceback)."""
    try:
        return loader(*args)
    except DataFout as err:
        st.error(f"De gegevens konden niet worden geladen. {err}")
        st.stop()


# --- notices and source lines -------------------------------------------------------------------


def illustrative_notice(what: str = "De wijk- en buurtcijfers", *, link: bool = True) -> None:
    """The unmissable notice wherever illustrative figures are shown, with the way to real ones
    (no link on the Data page itself)."""
    with st.container(border=True):
        waar = "op de pagina Data en bronnen" if link else "hieronder, bij Echte cijfers inlezen"
        plek = " op deze pagina" if link else ""
        st.warning(
            f"**{ILLUSTRATIEF_KOP}.** {what}{plek} zijn voorbeeldcijfers om het dashboard te kunnen gebruiken. "
            f"Echte cijfers per wijk en buurt (RIVM/CBS-tabel 50120NED) leest u in {waar}.",
            icon=":material/science:",
        )
        if link and page("data"):
            st.page_link(page("data").bestand, label="Naar Data en bronnen", icon=":material/database:")


def source_caption(bron_keys: Iterable[str] = (), datasets: Iterable[str] = (), extra: str = "") -> None:
    """One caption line naming every source (with year) of what is drawn above it."""
    parts = []
    known_sets = meta.datasets()
    parts += [meta.bron_label(key) for key in dict.fromkeys(bron_keys)]
    for key in dict.fromkeys(datasets):
        d = known_sets.get(key)
        parts.append(f"{d.bron} ({d.jaar})" if d else key)
    if extra:
        parts.append(extra)
    if parts:
        st.caption("Bron: " + "; ".join(parts))


# --- frame and shared sidebar -------------------------------------------------------------------


def editor_hash() -> str | None:
    try:
        secret = st.secrets.get("editor_hash")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        secret = None
    return auth.configured_hash(secret)


def current_editor() -> auth.Redacteur | None:
    """The logged-in editor of this browser session, or None (view mode, also while the database
    cannot be written)."""
    token = st.session_state.get("redacteur")
    if not auth.is_editor(token) or not laden.opslag().schrijfbaar:
        return None
    return token


def storage_notice() -> None:
    """The one notice on every page when the database is unavailable or was repaired."""
    probleem = laden.opslag_probleem()
    if probleem:
        st.warning(probleem, icon=":material/database_off:")


def page_error(err: Exception) -> None:
    """An unexpected error on a page: a Dutch message for the visitor, the details in the server log."""
    if os.environ.get("MEER_SAMEN_FOUTEN_DOORGEVEN") == "1":  # tests and development see the real error
        raise err
    if isinstance(err, sqlite3.Error):
        st.error(beschikbaar.melding(err), icon=":material/error:")
    else:
        st.error(
            "Er ging iets mis bij het tonen van deze pagina. Er is niets opgeslagen of veranderd. Probeer het "
            "opnieuw of kies een andere pagina; blijft dit gebeuren, waarschuw dan een beheerder (het serverlog "
            "beschrijft de fout).",
            icon=":material/error:",
        )
    logging.getLogger("meer_samen.pagina").error("Onverwachte fout op een pagina", exc_info=err)


def current_beheerder() -> auth.Redacteur | None:
    """The session's token if it may import figures and make or restore back-ups, else None (also
    while the database cannot be written, as for current_editor)."""
    token = inloggen.current_beheerder()
    return token if token is not None and laden.opslag().schrijfbaar else None


LOGIN_OPEN = "redacteursmodus_open"


def sidebar_editor_login() -> None:
    """View mode by default; a small form unlocks editor mode when a credential is configured.

    The expander is lazy (``on_change="rerun"``): its form is only built, sent and drawn once someone
    opens it, so a visitor who only reads (nearly everyone) costs the server and the browser nothing
    for it. Logged in, it stays open and shows who is editing. Back from the organisation login
    (a new session, panel closed), it opens by itself, so the identity and the token are there at once."""
    if LOGIN_OPEN not in st.session_state and (current_editor() or inloggen.organisatie_ingelogd()):
        st.session_state[LOGIN_OPEN] = True
    paneel = st.sidebar.expander("Redacteursmodus", icon=":material/lock:", key=LOGIN_OPEN, on_change="rerun")
    if not paneel.open:
        return
    with paneel:
        if not laden.opslag().schrijfbaar:
            st.caption(f"Bewerken staat uit. {laden.opslag().reden}")
            return
        if inloggen.named_login():  # organisation account (OIDC) or named local accounts
            return
        editor = current_editor()
        if editor:
            st.success(f"Ingelogd als redacteur: {escape_markdown(editor.naam)}")
            if st.button("Uitloggen", key="editor_logout"):
                auth.logout(editor)
                st.session_state.pop("redacteur", None)
                st.rerun()
            return
        stored = editor_hash()
        if stored is None:
            st.caption(
                "Bewerken staat uit: er zijn geen accounts ingesteld. Zie 'Beveiliging' in de README om "
                "inloggen met een organisatieaccount of met benoemde accounts aan te zetten."
            )
            return
        with st.form("editor_login", border=False):
            naam = st.text_input("Uw naam", max_chars=80)
            password = st.text_input("Wachtwoord", type="password")
            if st.form_submit_button("Inloggen"):
                try:
                    token = auth.login(password, naam, stored, client=inloggen.login_client())
                except auth.TeVeelPogingen as err:
                    st.error(str(err))
                    return
                if token is None:
                    st.error("Onjuist wachtwoord.")
                else:
                    st.session_state["redacteur"] = token
                    st.rerun()


def sidebar_frame() -> None:
    g = gemeente()
    st.sidebar.caption(f"Meer Samen · {g.naam} ({g.code})")
    sidebar_editor_login()


def page_cards(groep: str | None = None, exclude: Iterable[str] = ("",)) -> None:
    """Navigation cards to the registered pages (optionally only those for one user group)."""
    specs = [p for p in PAGES if p.url_path not in set(exclude) and (groep is None or groep in p.voor)]
    cols = st.columns(min(3, max(1, len(specs))))
    for i, spec in enumerate(specs):
        with cols[i % len(cols)].container(border=True):
            st.page_link(spec.bestand, label=spec.titel, icon=spec.icoon)
            st.caption(spec.omschrijving)


def tegel(
    label: str,
    waarde: str,
    *,
    voorbeeld: bool = False,
    delta: str | None = None,
    delta_color: str = "inverse",
    help: str | None = None,
) -> None:
    """A metric tile, the same on every page. An example value keeps its mark where it stands: the symbol
    with the value ('53,1% ◇', which fits a narrow tile) and an orange '◇ voorbeeld' in place of the
    difference, without an arrow: between example values a difference is no finding (lib.cijfers.voorbeeld).
    A long value wraps instead of being cut off (the frame's CSS, lib.ui.toegankelijkheid)."""
    if voorbeeld:
        st.metric(
            label, vb.kort(waarde), delta=vb.merk(True).strip(), delta_color="orange", delta_arrow="off", help=help
        )
    else:
        st.metric(label, waarde, delta=delta, delta_color=delta_color, help=help)


EXCEL_LABEL = "CSV voor Nederlandse Excel"


def download_csv(df: pd.DataFrame, filename: str, label: str = "Download als CSV", key: str | None = None) -> None:
    """A CSV download of the table: formulas neutralised, UTF-8 with BOM (lib.kern.export); below it
    the same table for a Dutch Excel (';' between cells, decimal comma: export.excel_nl), which opens
    by double-click.

    The files are made when someone clicks (Streamlit's deferred download data), not on every run: a page
    with four tables wrote four CSVs for every visitor, a tenth of a cold /wijk visit's CPU."""
    st.download_button(
        label,
        lambda: export.csv_bytes(df),
        file_name=filename,
        mime="text/csv",
        icon=":material/download:",
        key=key,
    )
    st.download_button(
        EXCEL_LABEL,
        lambda: export.excel_nl(df),
        file_name=f"{filename.removesuffix('.csv')}-excel.csv",
        mime="text/csv",
        icon=":material/table_view:",
        key=f"{key}_excel" if key else None,
        type="tertiary",
        help="Puntkomma tussen de cellen en een decimale komma: opent met een dubbelklik in een Nederlandse Excel.",
    )


def show_errors(fouten: list[str] | tuple[str, ...]) -> None:
    """Cell errors as one red box; the messages contain user text, so it is escaped."""
    st.error("\n".join(f"- {escape_markdown(f)}" for f in fouten), icon=":material/error:")


def show_data_error(err: DataFout) -> None:
    st.error(escape_markdown(str(err)), icon=":material/error:")
