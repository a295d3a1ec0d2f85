"""The thin Streamlit layer's base: notices, source lines, the sidebar and the data-error guard.

Cached loaders live in lib.ui.laden, shared widgets in lib.ui.widgets; the figures come from the rest of lib/.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from lib.cijfers import meta
from lib.kern import auth
from lib.kern.config import gemeente
from lib.kern.errors import DataFout
from lib.kern.navigation import PAGES, page
from lib.kern.tekst import escape_markdown

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
    known_bronnen, known_sets = meta.bronnen(), meta.datasets()
    for key in dict.fromkeys(bron_keys):
        b = known_bronnen.get(key)
        parts.append(f"{b.label} ({b.jaar})" if b else key)
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
    """The logged-in editor of this browser session, or None (view mode)."""
    token = st.session_state.get("redacteur")
    return token if auth.is_editor(token) else None


def sidebar_editor_login() -> None:
    """View mode by default; a small form unlocks editor mode when a credential is configured."""
    with st.sidebar.expander("Redacteursmodus", icon=":material/lock:"):
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
                "Bewerken staat uit: er is geen redacteurswachtwoord ingesteld. Zie 'Beveiliging' in de "
                "README om het aan te zetten."
            )
            return
        with st.form("editor_login", border=False):
            naam = st.text_input("Uw naam", max_chars=80)
            password = st.text_input("Wachtwoord", type="password")
            if st.form_submit_button("Inloggen"):
                try:
                    token = auth.login(password, naam, stored)
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


def download_csv(df: pd.DataFrame, filename: str, label: str = "Download als CSV", key: str | None = None) -> None:
    st.download_button(
        label,
        df.to_csv(index=False).encode("utf-8"),
        file_name=filename,
        mime="text/csv",
        icon=":material/download:",
        key=key,
    )
