"""The briefing PDF, made once per content and served from memory after that.

The key is a hash of the whole briefing view model (figures, choices, date, the plan's stored
progress, sources), so a second request for the same briefing, from any visitor, is answered
from the cache, and any change in what the PDF would show makes a new one. The PDF itself is made
in a separate process: drawing charts and laying out pages takes seconds of CPU, and in its own
process it does not hold up the server's other visitors (one process serves every session).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import streamlit as st

from lib.briefing import pdf as briefing_pdf
from lib.briefing import records as br


def sleutel(inp: br.BriefingInput) -> str:
    """A stable key for one briefing's content (the view model is plain, picklable data)."""
    return hashlib.sha256(pickle.dumps(inp, protocol=5)).hexdigest()


@st.cache_resource(show_spinner=False)
def _pool() -> ProcessPoolExecutor:
    # spawn: a clean interpreter, never a fork of the server's threads.
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


@st.cache_data(show_spinner=False, max_entries=16)
def _pdf(key: str, _inp: br.BriefingInput) -> briefing_pdf.PdfResultaat:
    try:
        return _pool().submit(briefing_pdf.build_pdf, _inp).result(timeout=300)
    except Exception:  # noqa: BLE001 - a broken pool must not cost the user the PDF
        _pool.clear()
        return briefing_pdf.build_pdf(_inp)


def pdf_for(inp: br.BriefingInput) -> briefing_pdf.PdfResultaat:
    """The PDF for this briefing: from the cache when the same content was made before."""
    return _pdf(sleutel(inp), inp)
