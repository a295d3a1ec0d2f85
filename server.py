"""Meer Samen as served: Streamlit running app.py, with Streamlit's own frontend files answered from memory.

    streamlit run server.py      (the README's command; `streamlit run app.py` also works, with more CPU per visit)

`st.App` is Streamlit's ASGI entry point: `streamlit run` finds the `app` below and serves it with uvicorn,
with the same settings (.streamlit/config.toml, command-line flags). lib.kern.statisch says why.
"""

import streamlit as st
from streamlit import config

from lib.kern import statisch
from lib.kern.navigation import PAGES

app = st.App(
    "app.py",
    middleware=statisch.middleware(config.get_option("server.baseUrlPath") or "", [p.url_path for p in PAGES]),
)
