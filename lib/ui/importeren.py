"""Streamlit widgets of the Data page: read in real figures (preview, apply, undo) and back up/restore.

Writing is for editors only: the widgets are shown only in editor mode and every lib write checks
the editor token again. Whatever came from an uploaded file (names, values, messages quoting it)
is shown as plain text or in tables, never as Markdown or HTML.
"""

from __future__ import annotations

from contextlib import closing
from functools import partial

import pandas as pd
import streamlit as st

from lib.cijfers import figures as fig
from lib.cijfers import imports, loaders, rivm_lezen
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, format_pct
from lib.kern import backups, getallen, storage
from lib.kern.config import gemeente
from lib.kern.errors import DataFout, GeenToegang
from lib.kern.tekst import escape_markdown
from lib.ui import laden

FLASH = "data_flash"


def _flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def show_flash() -> None:
    """A message that survives the rerun after apply/undo/restore."""
    kind, text = st.session_state.pop(FLASH, (None, None))
    if kind:
        getattr(st, kind)(text, icon=":material/check_circle:" if kind == "success" else None)


def _reset_uploader(key: str) -> None:
    st.session_state[f"{key}_n"] = st.session_state.get(f"{key}_n", 0) + 1


def _uploader_key(key: str) -> str:
    return f"{key}_{st.session_state.get(f'{key}_n', 0)}"


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """The long table with Dutch labels, for previews."""
    return pd.DataFrame(
        {
            "Regio": df["regio_code"],
            "Periode": df["periode"],
            "Leeftijd": df["leeftijd"].map(lambda c: LEEFTIJDEN[c][0]),
            "Indicator": df["indicator"].map(lambda c: INDICATOREN[c].label),
            "Waarde": df["waarde"].map(format_pct),
            "Ondergrens": df["ondergrens"].map(format_pct),
            "Bovengrens": df["bovengrens"].map(format_pct),
        }
    )


def wijk_overview(data: pd.DataFrame, wijken: pd.DataFrame) -> pd.DataFrame:
    """Share 'eenzaam' (18+) per wijk in the most recent period that has wijk figures, with source."""
    wijk_rows = data[(data["indicator"] == "eenzaam") & (data["leeftijd"] == "18+")]
    wijk_rows = wijk_rows[wijk_rows["regio_code"].str.startswith("WK")]
    if wijk_rows.empty:
        return pd.DataFrame(columns=["Wijk", "Periode", "Eenzaam", "95%-marge", "Voorbeeld", "bron"])
    rows = fig.slice_of(data, "eenzaam", int(wijk_rows["periode"].max()), "18+", "wijk")
    namen = dict(zip(wijken["wijk_code"], wijken["wijk_naam"], strict=True))
    return pd.DataFrame(
        {
            "Wijk": rows["regio_code"].map(lambda c: namen.get(c, c)),
            "Periode": rows["periode"],
            "Eenzaam": rows["waarde"].map(format_pct),
            "95%-marge": [
                f"{format_pct(lo)} tot {format_pct(hi)}" if pd.notna(lo) and pd.notna(hi) else "onbekend"
                for lo, hi in zip(rows["ondergrens"], rows["bovengrens"], strict=True)
            ],
            "Voorbeeld": rows["illustratief"].map({True: "ja", False: "nee"}),
            "bron": rows["bron"],
        }
    )


READ_KEY = "rivm_gelezen"


def upload_grens() -> str:
    """The upload limit as the uploader enforces it (server.maxUploadSize in .streamlit/config.toml)."""
    return getallen.megabytes(st.get_option("server.maxUploadSize"))


def _read_upload(upload, gemeente_code: str) -> rivm_lezen.Inlezing | None:
    """Read the uploaded file once, with a progress bar; kept for this upload so a click does not re-read it.

    Shows the Dutch error and returns None for a bad file (nothing is changed).
    """
    ident = (getattr(upload, "file_id", None), upload.name, upload.size, gemeente_code)
    cached = st.session_state.get(READ_KEY)
    if cached and cached[0] == ident:
        return cached[1]
    balk = st.progress(0.0, text=f"{upload.name} lezen ({getallen.megabytes(upload.size / 1024 / 1024)})…")
    gezien = [-1]

    def voortgang(deel: float) -> None:
        procent = int(deel * 100)
        if procent != gezien[0]:
            gezien[0] = procent
            balk.progress(min(deel, 1.0), text=f"{upload.name} lezen: {procent}%")

    try:
        result = rivm_lezen.lees(upload.getbuffer(), gemeente_code, upload.name, voortgang=voortgang)
    except DataFout as err:
        balk.empty()
        st.error(
            "Dit bestand is niet ingelezen; er is niets veranderd. " + escape_markdown(str(err)),
            icon=":material/error:",
        )
        return None
    balk.empty()
    st.session_state[READ_KEY] = (ident, result)
    return result


def import_section(current: pd.DataFrame, editor) -> None:
    """Upload, validate, preview and apply the official table; undo the last import."""
    g = gemeente()
    st.subheader("Echte cijfers inlezen")
    st.markdown(
        "Lees de officiële tabel **50120NED** *Gezondheid per wijk en buurt* van RIVM en CBS in. Kies op "
        "StatLine de onbewerkte dataset als CSV (de hele landelijke tabel mag, ongeveer 250 MB), of haal hem op "
        f"met `python -m lib.cijfers.rivm fetch --gemeente {g.code}` (zie de README). Echte cijfers vervangen dan "
        "de voorbeeldcijfers, op elke pagina. Van andere gemeenten worden alleen de gemeentecijfers bewaard, om "
        "mee te vergelijken; hun wijken en buurten worden overgeslagen. Alles blijft op deze computer."
    )
    if editor is None:
        st.info(
            "Inlezen en ongedaan maken kan alleen in de redacteursmodus (links in de zijbalk).",
            icon=":material/lock:",
        )
        return
    key = "rivm_upload"
    upload = st.file_uploader(
        f"Bestand van tabel 50120NED voor {g.naam} (CSV of JSON, hoogstens {upload_grens()})",
        key=_uploader_key(key),
        # No `type=` filter: a wrong file must reach the importer, which explains in Dutch what it reads.
        help="De CSV van de onbewerkte dataset van StatLine (ook de hele landelijke tabel), of de JSON van de "
        "CBS-API (python -m lib.cijfers.rivm fetch). Grotere bestanden: python -m lib.cijfers.rivm import BESTAND.",
    )
    if upload is not None:
        result = _read_upload(upload, g.code)
        if result is not None:
            new = result.cijfers
            bekend = set(laden.wijken()["wijk_code"]) | set(laden.buurten()["buurt_code"])
            vb = imports.preview(current, new, bekend)
            with st.container(border=True):
                st.markdown("**Wat verandert er?**")
                c1, c2, c3, c4 = st.columns(4)
                c1.metric("Cijfers in het bestand", vb.rijen)
                c2.metric("Nieuw", vb.toegevoegd)
                c3.metric("Vervangen", vb.vervangen)
                c4.metric("Voorbeeld wordt echt", vb.echt_geworden)
                st.text(result.samenvatting())
                st.text(vb.samenvatting())
                st.text("Indicatoren: " + ", ".join(vb.indicatoren))
                if vb.onbekende_regios:
                    st.warning(
                        f"{getallen.aantal(len(vb.onbekende_regios), 'wijk of buurt staat', 'wijken of buurten staan')} niet op "
                        "de kaart van deze gemeente "
                        "(andere indeling?). Hun cijfers worden wel bewaard.",
                        icon=":material/warning:",
                    )
                    st.text(", ".join(vb.onbekende_regios[:30]))
                eigen = new[imports.eigen_regios(new["regio_code"], g.code)]
                st.dataframe(readable(eigen.head(5000)), hide_index=True, height=220)
                if st.button("Inlezen", type="primary", icon=":material/upload:", key="rivm_apply"):
                    try:
                        imports.apply(
                            laden.database(), editor, new, upload.name, loaders.load_figures(), namen=result.namen,
                            onderdrukt=result.onderdrukt,
                        )
                    except GeenToegang as err:
                        st.error(str(err))
                        return
                    st.session_state.pop(READ_KEY, None)
                    laden.clear_data_caches()
                    _reset_uploader(key)
                    _flash(
                        "success",
                        f"Ingelezen: {vb.rijen + vb.andere_rijen} cijfers. Alle pagina's tonen nu deze cijfers.",
                    )
                    st.rerun()

    history = imports.history(laden.database())
    if history.empty:
        st.caption("Er zijn nog geen cijfers ingelezen.")
        return
    st.markdown("**Eerder ingelezen**")
    st.dataframe(history, hide_index=True)
    if (history["Status"] == "actief").any():
        sure = st.checkbox("Ja, maak de laatste import ongedaan", key="rivm_undo_sure")
        if st.button("Laatste import ongedaan maken", icon=":material/undo:", disabled=not sure, key="rivm_undo"):
            undone = imports.undo_last(laden.database(), editor)
            laden.clear_data_caches()
            if undone:
                _flash("success", f"De import van {undone['tijdstip']} is ongedaan gemaakt.")
            st.rerun()


def _backup_bytes(editor) -> bytes:
    """The backup file; runs on the download's own thread, so it uses its own connection."""
    with closing(storage.connect()) as conn:
        return backups.export_backup(conn, editor)


def backup_section(editor) -> None:
    """Download all user data as one file, and restore such a file (editors only)."""
    st.subheader("Back-up van uw gegevens")
    st.markdown(
        "Alles wat in dit dashboard is ingevoerd (scenario's, actiestatussen, ingelezen cijfers en de "
        "wijzigingsgeschiedenis) staat in één databasebestand op deze computer. Maak er geregeld een back-up van."
    )
    if editor is None:
        st.info("Een back-up maken of terugzetten kan alleen in de redacteursmodus.", icon=":material/lock:")
        return
    st.download_button(
        "Download een back-up",
        partial(_backup_bytes, editor),  # made only when clicked, not on every rerun
        file_name=backups.backup_filename(),
        mime="application/vnd.sqlite3",
        icon=":material/download:",
        key="backup_download",
    )
    with st.expander("Een back-up terugzetten", icon=":material/restore:"):
        st.warning("Terugzetten vervangt alle ingevoerde gegevens door die uit de back-up.", icon=":material/warning:")
        key = "backup_upload"
        upload = st.file_uploader("Back-upbestand (.sqlite3)", key=_uploader_key(key))
        sure = st.checkbox("Ja, vervang alle gegevens", key="backup_sure")
        if st.button(
            "Terugzetten", disabled=upload is None or not sure, icon=":material/restore:", key="backup_restore"
        ):
            try:
                backups.restore_backup(laden.database(), editor, upload.getvalue(), upload.name)
            except DataFout as err:
                st.error(
                    "Niet teruggezet; er is niets veranderd. " + escape_markdown(str(err)), icon=":material/error:"
                )
                return
            laden.clear_data_caches()
            _reset_uploader(key)
            _flash("success", "De back-up is teruggezet.")
            st.rerun()
