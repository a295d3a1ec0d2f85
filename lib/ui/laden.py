"""Every cached loader of the app in one place: a rerun does no I/O.

Pages and the other ui modules read data only through these functions. The cache key includes the
database path and the gemeente, so one process can serve another database or gemeente (tests,
reconfiguration). ``clear_data_caches`` empties them after an import, undo or restore.
"""

from __future__ import annotations

import sqlite3

import pandas as pd
import streamlit as st

from lib.aanbod import catalogus as aanbod_lib
from lib.aanbod.catalogus import Activiteit
from lib.budget import begroting as bu
from lib.cijfers import imports, loaders
from lib.kern import storage
from lib.kern.config import database_path, gemeente, gemeente_data_dir
from lib.personas.persona import Persona, load_personas
from lib.plan import lezen as plan_lezen
from lib.plan import model as plan_model

# --- cached loading: a rerun does no I/O -------------------------------------------------------


def _sleutel() -> tuple[str, str, str]:
    """Cache key: the same process may serve another database or gemeente (tests, reconfiguration)."""
    return str(database_path()), gemeente().code, str(gemeente_data_dir())


@st.cache_data(show_spinner="Cijfers laden…")
def _figures(sleutel: tuple) -> pd.DataFrame:
    return imports.shown_figures()


def figures() -> pd.DataFrame:
    """The loneliness table the app shows: the shipped figures with the imported real ones laid over."""
    return _figures(_sleutel())


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


def database() -> sqlite3.Connection:
    """This browser session's connection to the user database: opened (and migrated) once, reused by
    every rerun. Per session, not shared, so two sessions' transactions never mix on one connection."""
    path = str(database_path())
    held = st.session_state.get("_meer_samen_db")
    if held is None or held[0] != path:
        held = (path, storage.connect(path))
        st.session_state["_meer_samen_db"] = held
    return held[1]


def clear_data_caches() -> None:
    """After an import, undo or restore: every page must show the new figures at once.

    Clears the resource caches too: pages may cache drawn maps built from ``figures()`` there.
    """
    st.cache_data.clear()
    st.cache_resource.clear()


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


# --- the budget and the plan ---------------------------------------------------------------------

@st.cache_data(show_spinner="Budget laden…")
def allocation() -> pd.DataFrame:
    """The example allocation (validated; activity ids checked against the catalogue when present)."""
    return bu.load_allocation()


@st.cache_resource(show_spinner="Plan laden…")
def plan_data() -> plan_model.Plan:
    """The validated plan (immutable records, so one shared copy for every session)."""
    return plan_lezen.load_plan()
