"""Meer Samen: the frame. Page config, navigation and the shared sidebar; nothing else."""

import streamlit as st

from lib.kern.config import ROOT
from lib.ui import basis as ui
from lib.ui import laden, presentatie
from lib.ui import toegankelijkheid as a11y

st.set_page_config(
    page_title="Meer Samen · Capelle aan den IJssel",
    # A local image: the browser asks nothing of another server (a material icon made it request a path
    # five times that this app does not serve).
    page_icon=str(ROOT / "data" / "icoon.png"),
    layout="wide",
    initial_sidebar_state="auto",
)

laden.volg_andere_processen()  # an import stored by another process shows on this view, without a restart
# The built-in page list is hidden (its markup fails WCAG list rules); a11y.navigatie draws the links.
current = st.navigation(a11y.paginas(), position="hidden")
a11y.frame()  # lang="nl", Dutch built-in texts, contrast and focus styles (see README, Toegankelijkheid)
if not (presentatie.presentation_requested() and current.url_path == presentatie.URL_PATH):
    a11y.navigatie()
if presentatie.presentation_requested():
    presentatie.presentation_frame(current)  # council chamber screen: no sidebar, large type
else:
    ui.sidebar_frame()
ui.storage_notice()  # one notice when the database is unavailable; the pages still show the shipped data
try:
    current.run()
except Exception as err:  # noqa: BLE001 - st.stop/st.rerun are BaseExceptions and pass through
    ui.page_error(err)
