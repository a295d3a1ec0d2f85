"""Accessibility pieces that need no browser: map label geometry, the statement's facts, the texts."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.util import find_spec
from pathlib import Path

import pytest
import streamlit as st

from lib.cijfers import loaders
from lib.kaart import labels
from lib.kaart import wijkkaart as maps
from lib.kern import toegankelijkheid as tg
from lib.kern.navigation import PAGES, SECTIES
from lib.personas.matching import lopende_activiteiten, zin_lopend
from lib.regio import geometrie
from lib.ui import toegankelijkheid as a11y
from tests.pagetest import run_page

# Map widths in px: a 390 px phone (1 rem padding each side) and the map column on a 1366 px laptop.
BREEDTES = {"telefoon": 358, "laptop": 540}
HOOGTE = 480  # st.pydeck_chart(height=480) on /kaart


def test_long_names_go_on_two_balanced_lines_short_ones_stay():
    assert labels.label_tekst("Schenkel") == "Schenkel"
    assert labels.label_tekst("Capelle West en 's Gravenland") == "Capelle West en\n's Gravenland"
    assert labels.label_tekst("Middelwatering West") == "Middelwatering\nWest"
    assert labels.label_tekst("Eenheelheellangewoordzonderspatie") == "Eenheelheellangewoordzonderspatie"


@pytest.mark.parametrize("apparaat", list(BREEDTES))
def test_wijk_labels_are_whole_and_apart_on_phone_and_laptop(apparaat):
    geo = loaders.load_wijk_geojson()
    punten = maps.label_points(geo, "wijk_code")
    namen = {f["properties"]["wijk_code"]: f["properties"]["wijk_naam"] for f in geo["features"]}
    view = maps.fit_view(geometrie.bounds(geo), *maps.KAART_PX)
    breedte = BREEDTES[apparaat]
    boxes = labels.label_boxes(punten, namen, view, breedte, HOOGTE)
    assert len({b[0] for b in boxes}) == len(geo["features"]) >= 9
    for code, left, top, right, bottom in boxes:
        assert left >= 0 and right <= breedte and top >= 0 and bottom <= HOOGTE, f"{namen[code]} cut off"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a[0] == b[0]:
                continue  # two lines of one label
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, f"{namen[a[0]]} overlaps {namen[b[0]]} on the {apparaat}"


def test_the_one_line_monospace_labels_would_have_failed_this_check():
    """The check above can fail: the old labels (one line, 13 px, monospace ~0.6 em) overlapped."""
    geo = loaders.load_wijk_geojson()
    punten = maps.label_points(geo, "wijk_code")
    namen = {f["properties"]["wijk_code"]: f["properties"]["wijk_naam"].replace(" ", "\u00a0") for f in geo["features"]}
    view = maps.fit_view(geometrie.bounds(geo), 460, 440)
    boxes = labels.label_boxes(punten, namen, view, BREEDTES["telefoon"], HOOGTE, size=13 * 0.6 / 0.52)
    assert any(left < 0 or right > BREEDTES["telefoon"] for _, left, _, right, _ in boxes)


def test_text_layer_uses_the_page_font_not_monospace():
    deck = json.loads(
        maps.deck(
            maps.build_kaart(
                loaders.load_wijk_geojson(),
                _slice(),
                {
                    f["properties"]["wijk_code"]: f["properties"]["wijk_naam"]
                    for f in loaders.load_wijk_geojson()["features"]
                },
                niveau="wijk",
                modus=maps.MODUS_KLASSEN,
                gemeente=None,
                nl=None,
                view=maps.fit_view(geometrie.bounds(loaders.load_wijk_geojson()), *maps.KAART_PX),
            ),
            "Eenzaam",
            labels=maps.label_points(loaders.load_wijk_geojson(), "wijk_code"),
        ).to_json()
    )
    text = next(layer for layer in deck["layers"] if layer["@@type"] == "TextLayer")
    assert text["fontFamily"] == "Source Sans, sans-serif"  # a plain string, not an expression
    assert "Capelle West en\n's Gravenland" in [d["naam"] for d in text["data"]]


def _slice():
    from lib.cijfers import figures as fig
    from lib.cijfers import imports

    return fig.slice_of(imports.shown_figures(), "eenzaam", 2022, "18+", niveau="wijk")


def test_statement_names_the_axe_core_version_the_browser_tests_run():
    spec = find_spec("axe_playwright_python")
    if spec is None:
        pytest.skip("axe-playwright-python not installed (requirements-dev.txt)")
    bundled = (Path(spec.origin).parent / "axe.min.js").read_text(encoding="utf-8")[:200]
    assert re.search(r"axe v(\d+\.\d+\.\d+)", bundled).group(1) == tg.AXE_CORE_VERSIE


def test_statement_facts():
    assert tg.datum_tekst(date(2026, 12, 2)) == "2 december 2026"
    assert tg.contact_link("toegankelijk@example.org") == "[toegankelijk@example.org](mailto:toegankelijk@example.org)"
    assert tg.contact_link("https://example.org/meld") == "[https://example.org/meld](https://example.org/meld)"
    assert set(tg.AXE_TAGS) == {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}


def test_contact_comes_from_the_setting(monkeypatch):
    monkeypatch.delenv(tg.CONTACT_SETTING, raising=False)
    assert tg.contact() is None
    monkeypatch.setenv(tg.CONTACT_SETTING, "  meld@example.org ")
    assert tg.contact() == "meld@example.org"


def test_singular_and_plural():
    assert lopende_activiteiten(1) == "1 lopende activiteit past"
    assert lopende_activiteiten(3) == "3 lopende activiteiten passen"
    assert zin_lopend(1) == "past maar 1 lopende activiteit"
    assert zin_lopend(2) == "passen maar 2 lopende activiteiten"


def test_script_sets_dutch_and_carries_only_the_fixed_lists():
    script = a11y.script()
    assert 'documentElement.lang = "nl"' in script
    assert "__VERTALINGEN__" not in script and "__PATRONEN__" not in script
    assert '"Skip to main content": "Naar de hoofdinhoud"' in script
    for patroon, _ in a11y.PATRONEN:
        re.compile(patroon)  # every pattern is a valid expression (JS and Python agree on these)
    assert all(not re.search(r"[A-Za-z]{4,} (the|and|to|for)\b", nl) for nl in a11y.VERTALINGEN.values())


def test_tile_texts_wrap_and_values_shrink_instead_of_being_cut_off():
    """Streamlit cuts a metric's texts off with an ellipsis ('geen schatting (t…', '1…' for 14.020); the frame
    CSS lets them wrap and makes a value smaller in a narrow tile, never breaking a number in two.
    What a browser shows is checked in tests/browser/test_tegels.py."""
    css = re.sub(r"/\*.*?\*/", "", a11y.CSS, flags=re.S)  # comments would stick to the next selector
    regels = re.findall(r"([^{}]+)\{([^{}]*)\}", css)

    def regel(selector: str) -> str:  # every declaration for exactly this selector
        return " ".join(body for sel, body in regels if selector in [s.strip() for s in sel.split(",")])

    for deel in ("stMetricLabel", "stMetricValue", "stMetricDelta"):
        body = regel(f'[data-testid="{deel}"] [data-testid="stMarkdownContainer"]')
        assert "white-space: normal !important" in body, deel
        assert "overflow: visible !important" in body and "text-overflow: clip !important" in body, deel
    assert "container-type: inline-size" in regel('[data-testid="stMetric"]')
    assert "cqi" in regel('[data-testid="stMetricValue"]')
    assert "word-break: normal" in regel('[data-testid="stMetricValue"] p')


def test_label_colour_is_the_one_that_contrasts_most_with_the_fill():
    assert labels.tekst_kleur([8, 81, 156, 220]) == [255, 255, 255, 255]  # dark blue: white text
    assert labels.tekst_kleur([255, 255, 204, 220]) == [20, 20, 20, 255]  # pale yellow: black text
    for fill in ([8, 81, 156, 220], [65, 182, 196, 220], [161, 218, 180, 220], [34, 94, 168, 220]):
        tekst = labels.tekst_kleur(fill)
        shown = [c * fill[3] / 255 + 255 * (1 - fill[3] / 255) for c in fill[:3]]
        hi, lo = sorted([labels._luminantie(tekst), labels._luminantie(shown)], reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, fill


# English labels in Streamlit's own code on widgets this app uses (uploader, tabs on a phone, date input):
# each is still in the installed Streamlit (so the translation is not dead) and has a Dutch text.
INGEBOUWD = ("file upload", "Scroll tabs left", "Scroll tabs right", "Choose date", "Clear date")


def test_streamlits_own_english_labels_of_the_widgets_we_use_are_translated():
    bundel = "".join(
        p.read_text(encoding="utf-8", errors="ignore") for p in (Path(st.__file__).parent / "static").rglob("*.js")
    )
    for tekst in INGEBOUWD:
        assert f"`{tekst}`" in bundel or f'"{tekst}"' in bundel, f"{tekst} staat niet meer in Streamlit"
        assert a11y.VERTALINGEN.get(tekst), f"geen Nederlandse tekst voor {tekst!r}"


def _verklaring(monkeypatch, contact: str | None) -> tuple[str, list[str]]:
    if contact is None:
        monkeypatch.delenv(tg.CONTACT_SETTING, raising=False)
    else:
        monkeypatch.setenv(tg.CONTACT_SETTING, contact)
    at = run_page("views/toegankelijkheid.py")
    assert not at.exception, [e.value for e in at.exception]
    tekst = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    return tekst, [s.value for s in at.subheader]


def test_statement_page_follows_the_model_statement(monkeypatch):
    tekst, koppen = _verklaring(monkeypatch, "toegankelijkheid@capelle.nl")
    assert koppen == ["Status", "Welke eisen", "Hoe het is getest", "Wat nog niet goed is", "Een probleem melden"]
    assert tg.STANDAARD in tekst and tg.NORM in tekst
    # compliance status in the words of the Dutch model statement, with what does not comply yet
    assert f"**{tg.NALEVING}**" in tekst and tg.NALEVING in ("voldoet volledig", "voldoet gedeeltelijk")
    assert "De PDF-briefing" in tekst and "Grafieken" in tekst
    assert f"axe-core {tg.AXE_CORE_VERSIE}" in tekst and "alleen het toetsenbord" in tekst
    assert f"opgesteld op **{tg.datum_tekst(tg.OPGESTELD_OP)}**" in tekst
    assert f"Laatst getest op **{tg.datum_tekst(tg.GETEST_OP)}**" in tekst
    assert "[toegankelijkheid@capelle.nl](mailto:toegankelijkheid@capelle.nl)" in tekst
    assert "Nationale ombudsman" in tekst and "nationaleombudsman.nl" in tekst


def test_statement_page_without_a_contact_setting_still_names_a_way_to_report(monkeypatch):
    tekst, _ = _verklaring(monkeypatch, None)
    assert "mailto:" not in tekst
    assert "Capelle aan den IJssel" in tekst and "14 met het netnummer" in tekst
    assert "nationaleombudsman.nl" in tekst
    assert tg.CONTACT_SETTING in tekst  # the note for the maintainer


def test_date_input_parts_are_read_out_in_dutch():
    vertaal = [(re.compile(p), nl) for p, nl in a11y.PATRONEN]

    def nl(tekst):
        return next((re.sub(p, v.replace("$", "\\"), tekst) for p, v in vertaal if p.search(tekst)), tekst)

    assert [nl(t) for t in ("day, Peildatum", "month, Peildatum", "year, Peildatum")] == [
        "dag, Peildatum",
        "maand, Peildatum",
        "jaar, Peildatum",
    ]


@pytest.mark.parametrize(
    ("bestand", "query"),
    [("views/kaart.py", None), ("views/wijk.py", None), ("views/wijk.py", {"wijk": "WK050207"})],
)
def test_every_page_link_is_at_the_top_of_the_sidebar_also_when_the_page_stops(bestand, query):
    """The links come first in the sidebar, once, on every page, also on /wijk without a wijk, which ends
    with st.stop(). (Drawing them after the page, so the page's content reaches the browser first, was
    tried for issue 18 and lost them there: after st.stop() no element can be drawn any more.)"""
    at = run_page(bestand, query)
    assert not at.exception
    eerste = list(at.sidebar.children.values())[0]
    per_sectie = [p.titel for sectie in SECTIES for p in PAGES if p.sectie == sectie]
    assert [link.proto.label for link in eerste.get("page_link")] == per_sectie
    assert len(at.sidebar.get("page_link")) == len(PAGES)  # drawn once
