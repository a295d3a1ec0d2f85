"""lib.ui.pdfmaker: the briefing PDF is made once per content (in its own process) and then served
from the cache; any change in what the PDF would show gives a new key."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from lib.briefing import bouwen
from lib.briefing import records as br
from lib.cijfers import loaders
from lib.ui import pdfmaker


def _inp(datum=date(2026, 11, 27), keuze=None):
    return bouwen.build_briefing(
        loaders.load_figures(), loaders.load_wijken(), loaders.load_gemeente(), loaders.load_wijk_geojson(), keuze, datum
    )


def test_same_content_same_key_other_content_other_key():
    a, b = _inp(), _inp()
    assert a is not b and pdfmaker.sleutel(a) == pdfmaker.sleutel(b)
    assert pdfmaker.sleutel(_inp(datum=date(2026, 11, 28))) != pdfmaker.sleutel(a)
    keuze = br.Keuze(indicator="eenzaam", periode=2016, leeftijd="65+")
    assert pdfmaker.sleutel(_inp(keuze=keuze)) != pdfmaker.sleutel(a)


def test_pdf_made_in_its_own_process_then_served_from_the_cache():
    pdfmaker._pdf.clear()
    inp = _inp()
    first = pdfmaker.pdf_for(inp)
    reader = PdfReader(__import__("io").BytesIO(first.pdf))
    assert len(reader.pages) == first.paginas >= 5
    again = pdfmaker.pdf_for(_inp())  # a new but equal view model: another visitor, same briefing
    assert again.pdf == first.pdf
