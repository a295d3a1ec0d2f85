"""Every cached loader of the app in one place: a rerun does no I/O.

Pages and the other ui modules read data only through these functions. The cache key includes the
database path and the gemeente, so one process can serve another database or gemeente (tests,
reconfiguration). ``clear_data_caches`` empties them after an import, undo or restore.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pandas as pd
import streamlit as st

from lib.aanbod import catalogus as aanbod_lib
from lib.aanbod.catalogus import Activiteit
from lib.budget import begroting as bu
from lib.cijfers import figures as figures_lib
from lib.cijfers import imports, loaders, vergelijking
from lib.cijfers import kwb as kwb_lib
from lib.kern import beschikbaar
from lib.kern.config import database_path, gemeente, gemeente_data_dir
from lib.personas.persona import Persona, load_personas
from lib.plan import indicatoren as plan_indicatoren_lib
from lib.plan import lezen as plan_lezen
from lib.plan import model as plan_model
from lib.regio import gebieden as gebieden_lib

# --- cached loading: a rerun does no I/O -------------------------------------------------------


def _sleutel() -> tuple:
    """Cache key: the same process may serve another database or gemeente (tests, reconfiguration), and
    the stored imports may change in another process (their stamp, see ``gegevensstempel``)."""
    return str(database_path()), gemeente().code, str(gemeente_data_dir()), gegevensstempel()


STEMPEL_SECONDEN = 2.0  # how stale another process's import may look here, at most
_STEMPEL_SLOT = threading.Lock()
_stempels: dict[str, tuple[float, tuple | None]] = {}  # database path -> (read at, stamp)
# (database path, stamp) this process's caches were filled with; one entry, as the caches are shared.
_gezien: list[tuple[str, tuple | None]] = []


def gegevensstempel() -> tuple | None:
    """The stamp of the stored imports (lib.cijfers.imports.stempel), read at most once per STEMPEL_SECONDEN
    per process: a rerun costs a clock reading, not a query."""
    path = str(database_path())
    now = time.monotonic()
    with _STEMPEL_SLOT:
        held = _stempels.get(path)
        if held is None or now - held[0] >= STEMPEL_SECONDEN:
            held = (now, imports.stempel(path))
            _stempels[path] = held
        return held[1]


def volg_andere_processen() -> None:
    """Once per page run (app.py): when another process stored or undid an import since this process filled
    its caches, empty them as after an import here, so the page shows the new figures without a restart.
    Drawn maps and comparisons are cached without the stamp in their key; this reaches them too. Another
    database (tests) with or after imports empties them as well; between databases without imports the
    caches hold nothing that differs."""
    nu = (str(database_path()), gegevensstempel())
    with _STEMPEL_SLOT:
        vorig = _gezien[0] if _gezien else None
        _gezien[:] = [nu]
    if vorig is not None and vorig != nu and not (_zonder_imports(vorig[1]) and _zonder_imports(nu[1])):
        st.cache_data.clear()
        st.cache_resource.clear()


def _zonder_imports(stamp: tuple | None) -> bool:
    return stamp is None or stamp[0] == 0


@st.cache_data(show_spinner="Cijfers laden…")
def _figures(sleutel: tuple) -> pd.DataFrame:
    return imports.shown_figures()


def figures() -> pd.DataFrame:
    """The loneliness table the app shows: the shipped figures with the imported real ones laid over."""
    return _figures(_sleutel())


@st.cache_data(show_spinner=False)
def _onderdrukt(sleutel: tuple) -> frozenset[tuple]:
    return imports.onderdrukt()


def onderdrukt() -> frozenset[tuple]:
    """(region, indicator, period, age) that a real import covers but the source suppressed: no figure and
    no example there; the pages say 'geen waarde (onderdrukt door de bron)' (lib.cijfers.onderdrukking)."""
    return _onderdrukt(_sleutel())


def onderdrukt_in(indicator: str, periode: int, leeftijd: str) -> frozenset[str]:
    """The region codes suppressed by the source for one choice (``onderdrukt``)."""
    return frozenset(c for c, i, p, a in onderdrukt() if (i, p, a) == (indicator, periode, leeftijd))


@st.cache_data(show_spinner=False)
def _wijken(sleutel: tuple) -> pd.DataFrame:
    return loaders.load_wijken()


def wijken() -> pd.DataFrame:
    return _wijken(_sleutel())


@st.cache_data(show_spinner=False)
def _buurten(sleutel: tuple) -> pd.DataFrame:
    return loaders.load_buurten()


def buurten() -> pd.DataFrame:
    return _buurten(_sleutel())


@st.cache_data(show_spinner=False)
def _gemeente_info(sleutel: tuple) -> dict:
    return loaders.load_gemeente()


def gemeente_info() -> dict:
    return _gemeente_info(_sleutel())


@st.cache_data(show_spinner="Kaart laden…")
def _wijk_geojson(sleutel: tuple) -> dict:
    return loaders.load_wijk_geojson()


def wijk_geojson() -> dict:
    return _wijk_geojson(_sleutel())


@st.cache_data(show_spinner="Kaart laden…")
def _buurt_geojson(sleutel: tuple) -> dict:
    return loaders.load_buurt_geojson()


def buurt_geojson() -> dict:
    return _buurt_geojson(_sleutel())


def opslag() -> beschikbaar.Opslag:
    """This browser session's database state (lib.kern.beschikbaar): opened once and reused by every
    rerun; per session, not shared, so two sessions' transactions never mix on one connection. When
    the database is unavailable the session tries again after REOPEN_SECONDS."""
    path = str(database_path())
    held = st.session_state.get("_meer_samen_db")
    stale = held is not None and not held[1].schrijfbaar and time.monotonic() - held[2] > REOPEN_SECONDS
    if held is None or held[0] != path or stale:
        held = (path, beschikbaar.open_for_app(path), time.monotonic())
        st.session_state["_meer_samen_db"] = held
    return held[1]


REOPEN_SECONDS = 30


def opslag_probleem() -> str | None:
    """The notice about the database for this page (or None), without opening a connection per visit.

    A session that already holds its connection (it read or wrote stored data) reports its own state;
    a visitor who only reads shipped figures gets the process's last check, at most REOPEN_SECONDS old."""
    held = st.session_state.get("_meer_samen_db")
    if held is not None and held[0] == str(database_path()):
        return opslag().probleem
    return _opslag_status(str(database_path()))


@st.cache_resource(ttl=REOPEN_SECONDS, show_spinner=False, max_entries=8)
def _opslag_status(path: str) -> str | None:
    check = beschikbaar.open_for_app(path)
    try:
        return check.probleem
    finally:
        check.conn.close()


def database() -> sqlite3.Connection:
    """This browser session's connection to the user database (read-only while it is unavailable)."""
    return opslag().conn


def clear_data_caches() -> None:
    """After an import, undo or restore: every page must show the new figures at once.

    Clears the resource caches too: pages may cache drawn maps built from ``figures()`` there.
    """
    st.cache_data.clear()
    st.cache_resource.clear()
    path = str(database_path())
    with _STEMPEL_SLOT:  # read the stamp anew: this process's own change must not empty the caches twice
        _stempels.pop(path, None)
    stamp = gegevensstempel()
    with _STEMPEL_SLOT:
        _gezien[:] = [(path, stamp)]


# --- the catalogue and the personas -----------------------------------------------------------------------------


@st.cache_data(show_spinner="Aanbod laden…")
def aanbod() -> tuple[Activiteit, ...]:
    """The validated catalogue (wijk codes checked against the wijk table)."""
    return aanbod_lib.load_aanbod(wijk_codes=set(wijken()["wijk_code"]))


@st.cache_data(show_spinner="Persona's laden…")
def personas() -> tuple[Persona, ...]:
    return load_personas(wijk_codes=set(wijken()["wijk_code"]))


@st.cache_data(show_spinner=False)
def wijk_centra() -> dict[str, tuple[float, float]]:
    return aanbod_lib.wijk_centra(wijk_geojson())


@st.cache_data(show_spinner=False)
def wijk_namen() -> dict[str, str]:
    df = wijken()
    return dict(zip(df["wijk_code"], df["wijk_naam"], strict=True))


@st.cache_data(show_spinner=False)
def _inwoners_per_wijk(sleutel: tuple) -> dict[str, int]:
    df = loaders.load_wijken()
    return {c: int(n) for c, n in zip(df["wijk_code"], df["inwoners"], strict=True) if pd.notna(n)}


def inwoners_per_wijk() -> dict[str, int]:
    """Inhabitants per wijk code (CBS): a small dict, so a page need not copy the wijken table."""
    return _inwoners_per_wijk(_sleutel())


@st.cache_data(show_spinner=False)
def _perioden(sleutel: tuple) -> tuple[int, ...]:
    return tuple(figures_lib.periods(_figures(sleutel)))


def perioden() -> tuple[int, ...]:
    """The periods in the loneliness table (empty when it has none), without copying the table."""
    return _perioden(_sleutel())


# --- the budget and the plan ---------------------------------------------------------------------

@st.cache_data(show_spinner="Budget laden…")
def allocation() -> pd.DataFrame:
    """The example allocation (validated; activity ids checked against the catalogue when present)."""
    return bu.load_allocation()


@st.cache_resource(show_spinner="Plan laden…")
def plan_data() -> plan_model.Plan:
    """The validated plan (immutable records, so one shared copy for every session)."""
    return plan_lezen.load_plan()


# --- indicators of the plan (issue 17) -----------------------------------------------------------


@st.cache_resource(show_spinner=False)
def plan_indicatoren():
    """The plan's indicators with their example targets (validated against the plan)."""
    return plan_indicatoren_lib.load_indicatoren(plan=plan_data())


@st.cache_data(show_spinner=False)
def _gebieden(sleutel: tuple) -> dict:
    return gebieden_lib.load_gebieden(wijk_codes=set(wijken()["wijk_code"]))


def gebieden() -> dict:
    """The shipped areas for opgaveteams (data/gebieden.yaml), validated against the wijk table."""
    return _gebieden(_sleutel())
# --- other gemeenten, for the comparison (lib.cijfers.vergelijking) -------------------------------


@st.cache_data(show_spinner="Andere gemeenten laden…")
def _andere_gemeenten(sleutel: tuple) -> tuple[pd.DataFrame, dict[str, str]]:
    conn = beschikbaar.open_for_app().conn  # read-only when the database is unavailable
    try:
        return vergelijking.andere_gemeenten(conn, sleutel[1]), imports.active_names(conn)
    finally:
        conn.close()


def andere_gemeenten() -> tuple[pd.DataFrame, dict[str, str]]:
    """Other gemeenten's own figures from the imports (never on the map) and their names."""
    return _andere_gemeenten(_sleutel())


@st.cache_data(show_spinner=False)
def _vergelijk_keuzes(sleutel: tuple) -> dict[str, str]:
    return vergelijking.keuzes(*_andere_gemeenten(sleutel))


def vergelijk_keuzes() -> dict[str, str]:
    """The gemeenten one can compare with: code -> label (lib.cijfers.vergelijking.keuzes), once per data."""
    return _vergelijk_keuzes(_sleutel())


@st.cache_data(show_spinner=False, max_entries=256)
def _vergelijking(sleutel: tuple, gekozen: tuple[str, ...], indicator: str, periode: int, leeftijd: str):
    andere, namen = _andere_gemeenten(sleutel)
    g = gemeente()
    v = vergelijking.vergelijk(_figures(sleutel), andere, namen, g.code, g.naam, list(gekozen), indicator, periode, leeftijd)
    return v, v.spec(), vergelijking.tabel_voor_scherm(v)


def vergelijking_voor(gekozen: list[str], indicator: str, periode: int, leeftijd: str):
    """(Vergelijking, its chart spec, its table for the screen) per data and choice: a visit to the Wijkprofiel
    or the briefing does not compare the whole table again (it was a third of a cold /wijk visit's CPU)."""
    return _vergelijking(_sleutel(), tuple(gekozen), indicator, periode, leeftijd)


# --- who lives where (CBS 2024) and the buurten without an estimate (issue 12) -------------------


@st.cache_data(show_spinner=False)
def kwb() -> pd.DataFrame:
    """Who lives where (CBS Kerncijfers wijken en buurten 2024, data/kwb2024.csv), validated."""
    return kwb_lib.load_kwb()


@st.cache_data(show_spinner=False)
def kleine_buurten() -> frozenset[str]:
    """Buurten with too few inhabitants for a loneliness estimate (lib.cijfers.onderdrukking)."""
    return imports.kleine_buurten()
