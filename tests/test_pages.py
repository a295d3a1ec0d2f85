"""Every registered page runs under AppTest without an exception."""

from __future__ import annotations

import pytest

from lib.kern.navigation import PAGES
from tests.pagetest import run_page


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path or "home" for p in PAGES])
def test_every_registered_page_runs(spec):
    at = run_page(spec.bestand)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title and at.title[0].value


def test_home_shows_headline_figures_with_sources():
    at = run_page("views/overzicht.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Capelle, eenzaam"] == "47%"
    assert metrics["Nederland, eenzaam"] == "48,6%"
    assert metrics["Budget per jaar"] == "€ 514.000"
    captions = " ".join(c.value for c in at.caption)
    assert "RIVM" in captions and "2022" in captions and "CBS, 2024" in captions


def test_data_page_counts_real_and_illustrative_rows():
    at = run_page("views/data.py")
    overview = at.dataframe[0].value
    wijk = overview[overview["niveau"] == "wijk"].iloc[0]
    # the counts are Dutch text on screen (with a thousands dot: 2.376)
    assert wijk["echte cijfers"] == "0" and int(wijk["voorbeeldcijfers"].replace(".", "")) > 0
    assert any("Voorbeeldcijfers, geen echte meting" in i.value for i in at.info)
