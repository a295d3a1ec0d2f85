"""Dutch numbers in every chart: each Vega-Lite spec a page draws carries the Dutch number locale
(decimal comma, thousands dot), so d3 formats in axes and tooltips ('.1f', ',.0f') write 57,1 and 14.020.

The page list comes from the app's navigation, so a new page is walked too; the briefing's lazy
tabs, every presentation slide and the editor's budget page are added.
"""

from __future__ import annotations

import json

import pytest

from lib.kern import auth, getallen
from lib.kern.navigation import PAGES
from tests.pagetest import run_page

QUERY = {"wijk": {"wijk": "WK050201"}, "personas": {"persona": "riet"}}
BRIEFING_TABS = (
    "Eenzaam door de jaren",
    "Eenzaam per wijk, 2022",
    "Wijken van hoog naar laag",
    "Budget per thema, 2022",
    "Voortgang van het plan",
)


def specs(at) -> list[dict]:
    assert not at.exception, [e.value for e in at.exception]
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def _formats(node, pad="") -> list[tuple[str, str]]:
    """Every 'format', 'labelExpr' and 'calculate' string in a spec, with where it stands."""
    gevonden = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("data", "datasets"):
                continue
            if k in ("format", "labelExpr", "calculate", "expr") and isinstance(v, str):
                gevonden.append((f"{pad}/{k}", v))
            gevonden += _formats(v, f"{pad}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            gevonden += _formats(v, f"{pad}[{i}]")
    return gevonden


def problemen(spec: dict) -> list[str]:
    """What would write a number the English way (or swap Dutch separators back to English)."""
    uit = []
    if (spec.get("config") or {}).get("locale") != getallen.VEGA_LOCALE:
        uit.append("geen Nederlandse locale in config.locale")
    for pad, tekst in _formats(spec):
        if "$" in tekst and not tekst.startswith("datum"):
            uit.append(f"{pad}: dollarteken in {tekst!r}")
        if "replace(" in tekst and "regexp('[.]'" in tekst:
            uit.append(f"{pad}: wisselt punt en komma om (dubbel met de locale): {tekst[:60]}")
    return uit


def test_the_check_fails_on_a_chart_without_the_locale_or_with_a_swap():
    kaal = {"mark": "bar", "encoding": {"tooltip": {"field": "a", "type": "quantitative", "format": ".1f"}}}
    assert problemen(kaal) == ["geen Nederlandse locale in config.locale"]
    met = getallen.met_locale(kaal)
    assert problemen(met) == [] and "config" not in kaal  # a copy
    oud = "replace(replace(replace(format(datum.value, ',.0f'), regexp(',', 'g'), '#'), regexp('[.]', 'g'), ',')"
    assert problemen({**met, "encoding": {"x": {"axis": {"labelExpr": oud}}}})[0].startswith("/encoding/x/axis/labelExpr")


@pytest.mark.parametrize("page", PAGES, ids=[p.url_path or "overzicht" for p in PAGES])
def test_every_chart_on_every_page_writes_dutch_numbers(page):
    at = run_page(page.bestand, query=QUERY.get(page.url_path))
    alle = specs(at)
    if page.url_path == "briefing":
        for tab in BRIEFING_TABS:
            at.session_state["briefing_tab"] = tab
            at.run()
            alle += specs(at)
    assert {p for s in alle for p in problemen(s)} == set()


def test_every_presentation_slide_and_the_editors_budget_charts_write_dutch_numbers():
    alle = []
    for dia in range(1, 7):
        alle += specs(run_page("views/briefing.py", query={"presentatie": "1", "dia": str(dia)}))
    token = auth.login("wachtwoord123", "Anna", auth.hash_password("wachtwoord123", iterations=1000), auth.Throttle())
    try:
        alle += specs(run_page("views/budget.py", session={"redacteur": token}))
    finally:
        auth.logout(token)
    assert len(alle) >= 5
    assert {p for s in alle for p in problemen(s)} == set()
