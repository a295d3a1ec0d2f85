"""Comparing the gemeente with Nederland and other gemeenten: the domain, and the section on /wijk."""

from __future__ import annotations

import dataclasses
import io
from contextlib import closing
from datetime import date

import pandas as pd
import pytest
from pypdf import PdfReader

from lib.briefing import bouwen
from lib.briefing import pdf as bp
from lib.cijfers import imports, loaders, rivm_lezen
from lib.cijfers import vergelijking as vg
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import format_pct
from lib.kern import auth, storage
from tests.pagetest import run_page
from tests.rivm_samples import csv_bytes, records

GM = "GM0502"


@pytest.fixture
def editor():
    stored = auth.hash_password("geheim", iterations=1000)
    token = auth.login("geheim", "Tester", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


def national(base: float = 30.0):
    """Capelle with a wijk, plus Schiedam (GM0606) higher and Krimpen (GM0542) lower, plus NL."""
    recs = records(["NL01", "GM0502", "WK050201", "WK060601"], base=base)
    recs += records(["GM0606"], base=base + 20, gemeentenaam="Schiedam")
    recs += records(["GM0542"], base=base - 15, gemeentenaam="Krimpen aan den IJssel")
    return rivm_lezen.lees(csv_bytes(recs), GM, "landelijk.csv")


@pytest.fixture
def stored(editor):
    result = national()
    with closing(storage.connect()) as conn:
        imports.apply(conn, editor, result.cijfers, "landelijk.csv", loaders.load_figures(), namen=result.namen)
        yield conn


def test_other_gemeenten_are_stored_apart_from_the_map(stored):
    andere = vg.andere_gemeenten(stored, GM)
    assert set(andere.regio_code) == {"GM0606", "GM0542"}  # not Capelle itself, not NL, no wijken
    shown = imports.shown_figures(stored)
    assert not set(shown.regio_code) & {"GM0606", "GM0542", "WK060601"}
    keuzes = vg.keuzes(andere, imports.active_names(stored))
    assert list(keuzes) == ["GM0542", "GM0606"]  # by name: Krimpen before Schiedam
    assert keuzes["GM0606"] == "Schiedam (GM0606)"


def test_verdicts_follow_the_margins(stored):
    andere = vg.andere_gemeenten(stored, GM)
    namen = imports.active_names(stored)
    shown = imports.shown_figures(stored)
    v = vg.vergelijk(shown, andere, namen, GM, "Capelle", ["GM0606", "GM0542"], "eenzaam", 2022, "18+")
    t = v.tabel.set_index("Code")
    assert list(v.tabel.Rol) == ["Deze gemeente", "Nederland", "Gekozen gemeente", "Gekozen gemeente"]
    assert t.loc["GM0502", "waarde"] == 31.0 and t.loc["GM0606", "waarde"] == 50.0
    assert (t.loc["GM0606", "Oordeel"], t.loc["GM0542", "Oordeel"]) == (vg.HOGER, vg.LAGER)
    assert t.loc["GM0606", "Verschil"] == "+19,0 procentpunt"
    assert t.loc["NL01", "Oordeel"] == vg.GEEN  # NL01 is 30 +- 3 against 31 +- 3
    assert not v.illustratief and v.bronnen == ("rivm_50120NED",)
    assert "Schiedam: 50,0%, duidelijk hoger." in v.tekst
    spec = v.spec()
    assert [r["gebied"] for r in spec["data"]["values"]] == [
        "Capelle",
        "Nederland",
        "Schiedam",
        "Krimpen aan den IJssel",
    ]
    screen = vg.tabel_voor_scherm(v)
    assert screen.loc[2, "95%-marge"] == "47,0% tot 53,0%"


def test_missing_margins_and_missing_figures_are_said_not_guessed():
    eigen = pd.DataFrame(
        [
            {
                "regio_code": GM,
                "periode": 2022,
                "leeftijd": "18+",
                "indicator": "eenzaam",
                "waarde": 40.0,
                "ondergrens": float("nan"),
                "bovengrens": float("nan"),
                "bron": "voorbeeld",
                "illustratief": True,
                "noot": "",
            },
        ]
    )
    andere = eigen.assign(regio_code="GM0606", waarde=60.0, ondergrens=58.0, bovengrens=62.0, illustratief=False)
    v = vg.vergelijk(eigen, andere, {}, GM, "Capelle", ["GM0606"], "eenzaam", 2022, "18+")
    t = v.tabel.set_index("Code")
    assert t.loc["GM0606", "Oordeel"] == vb.GEEN_OORDEEL and t.loc["NL01", "Oordeel"] == "geen gegevens"
    echt = vg.vergelijk(eigen.assign(illustratief=False), andere, {}, GM, "Capelle", ["GM0606"], "eenzaam", 2022, "18+")
    assert echt.tabel.set_index("Code").loc["GM0606", "Oordeel"] == vg.ONZEKER
    assert v.illustratief and "Nederland: geen cijfer." in v.tekst
    assert vg.tabel_voor_scherm(v).loc[1, "Waarde"] == "geen gegevens"
    nothing = vg.vergelijk(eigen, andere, {}, GM, "Capelle", [], "eenzaam", 2016, "18+")
    assert "Er is geen cijfer 'eenzaam' voor Capelle" in nothing.tekst


def test_link_keeps_only_known_gemeenten():
    beschikbaar = {"GM0606": "Schiedam", "GM0542": "Krimpen"}
    assert vg.lees_keuze("gm0606, GM0542,GM0606", beschikbaar) == (["GM0606", "GM0542"], True)
    assert vg.lees_keuze("GM0606", beschikbaar) == (["GM0606"], False)
    assert vg.lees_keuze("<script>,GM9999", beschikbaar) == ([], True)
    assert vg.lees_keuze(None, beschikbaar) == ([], False)


def test_wijk_page_without_other_gemeenten_says_how_to_get_them():
    at = run_page("views/wijk.py", query={"wijk": "WK050201"})
    assert not at.exception
    assert any("nog geen cijfers van andere gemeenten" in i.value for i in at.info)
    assert any(s.value == "Vergelijken met andere gemeenten" for s in at.subheader)
    # the shipped Capelle figures are partly example figures: the comparison says so where it stands
    assert any("Een deel van de cijfers in deze vergelijking" in w.value for w in at.warning)


def test_ggd_sentence_names_the_configured_gemeente_and_no_region_it_cannot_know(stored):
    andere = vg.andere_gemeenten(stored, "GM0606")
    v = vg.vergelijk(imports.shown_figures(stored), andere, {}, "GM0606", "Schiedam", [], "eenzaam", 2022, "18+")
    assert "Schiedam" in v.ggd_tekst and "GGD-regio" in v.ggd_tekst
    assert "Capelle" not in v.ggd_tekst and "Rotterdam-Rijnmond" not in v.ggd_tekst


def test_wijk_page_compares_with_gemeenten_from_the_link(stored):
    at = run_page("views/wijk.py", query={"wijk": "WK050201", "vergelijk": "GM0606,GM9999"})
    assert not at.exception
    assert at.multiselect(key=vg_key()).value == ["GM0606"]
    assert any("weggelaten" in i.value for i in at.warning)
    assert at.query_params["vergelijk"] == "GM0606"
    table = next(df.value for df in at.dataframe if "Oordeel" in df.value.columns)
    assert list(table["Gebied"])[-1] == "Schiedam" and list(table["Oordeel"])[-1] == vg.HOGER
    at.multiselect(key=vg_key()).select("GM0542").run()
    assert at.query_params["vergelijk"] == "GM0606,GM0542"


@pytest.mark.parametrize(
    ("keuze", "schiedam"),
    [
        ({}, 50.0),  # eenzaam, 2022, 18+ (the defaults)
        ({"leeftijd": "65+"}, 52.0),
        ({"indicator": "emotioneel_eenzaam"}, 40.0),
        ({"indicator": "sociaal_eenzaam", "leeftijd": "18-64"}, 46.0),
        ({"periode": "2020"}, 40.0),
    ],
)
def test_comparison_follows_the_chosen_indicator_age_and_period(editor, keuze, schiedam):
    # Schiedam: base 40 in 2020 and 50 in 2022; +1 for 18-64, +2 for 65+; emotioneel -10, sociaal -5.
    recs = records(["NL01", "GM0502", "WK050201"], perioden=(2020, 2022))
    recs += records(["GM0606"], perioden=(2020,), base=40, gemeentenaam="Schiedam")
    recs += records(["GM0606"], perioden=(2022,), base=50, gemeentenaam="Schiedam")
    result = rivm_lezen.lees(csv_bytes(recs), GM, "landelijk.csv")
    with closing(storage.connect()) as conn:
        imports.apply(conn, editor, result.cijfers, "landelijk.csv", loaders.load_figures(), namen=result.namen)
    at = run_page("views/wijk.py", query={"wijk": "WK050201", "vergelijk": "GM0606", **keuze})
    assert not at.exception
    table = next(df.value for df in at.dataframe if "Oordeel" in df.value.columns)
    rij = table[table["Gebied"] == "Schiedam"].iloc[0]
    assert rij["Waarde"] == format_pct(schiedam)


def vg_key() -> str:
    from lib.ui import vergelijking as ui_vergelijking

    return ui_vergelijking.KEY


# --- the optional briefing page -------------------------------------------------------------------


def briefing_input(vergelijking=None):
    import dataclasses
    from datetime import date

    from lib.briefing import bouwen

    inp = bouwen.build_briefing(
        loaders.load_figures(),
        loaders.load_wijken(),
        loaders.load_gemeente(),
        loaders.load_wijk_geojson(),
        None,
        date(2026, 12, 2),
    )
    return dataclasses.replace(inp, vergelijking=vergelijking)


def test_briefing_page_lists_the_comparison_with_sources(stored):
    import io

    from pypdf import PdfReader

    from lib.briefing import pdf as bp

    andere = vg.andere_gemeenten(stored, GM)
    v = vg.vergelijk(
        imports.shown_figures(stored),
        andere,
        imports.active_names(stored),
        GM,
        "Capelle aan den IJssel",
        ["GM0606"],
        "eenzaam",
        2022,
        "18+",
    )
    page = vg.voor_briefing(v, {"rivm_50120NED": "RIVM/CBS tabel 50120NED (2022)"})
    assert page.kolommen[0] == "Gebied" and page.rijen[2][0] == "Schiedam" and page.bron.endswith("(2022)")
    inp = briefing_input(page)
    assert inp == briefing_input(page)  # the view model stays comparable (the page keeps its PDF by it)
    assert bp.section_titles(inp)[-2:] == ["Vergelijking met andere gemeenten", "Bronnen"]
    result = bp.build_pdf(inp)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(result.pdf)).pages]
    text = next(p for p in pages if "Vergelijking met andere gemeenten" in p and "Schiedam" in p)
    assert "Schiedam 50,0% 47,0% tot 53,0% +19,0 procentpunt duidelijk hoger" in text and "GGD-regio" in text
    without = bp.build_pdf(briefing_input())
    assert without.paginas == result.paginas - 1


def test_briefing_page_without_other_gemeenten_says_so():
    eigen = loaders.load_figures()
    empty = eigen.iloc[0:0]
    v = vg.vergelijk(eigen, empty, {}, GM, "Capelle aan den IJssel", [], "eenzaam", 2022, "18+")
    page = vg.voor_briefing(v, {})
    assert "nog geen cijfers van andere gemeenten" in page.toelichting
    assert page.illustratief == bool(v.tabel["Voorbeeld"].any())


def test_an_example_figure_carries_its_mark_and_gets_no_verdict():
    """Capelle's shipped 53,1% is an example: marked in sentence, table and chart; Nederland's real 48,6%
    is not judged against it, neither in words nor as a difference."""
    eigen = loaders.load_figures()
    v = vg.vergelijk(eigen, eigen.iloc[0:0], {}, GM, "Capelle aan den IJssel", [], "eenzaam", 2022, "18+")
    assert "53,1% ◇" in v.tekst and "48,6%" in v.tekst and "48,6% ◇" not in v.tekst
    for oordeel in (vg.HOGER, vg.LAGER, vg.GEEN, vg.ONZEKER):
        assert oordeel not in v.tekst
    assert "voorbeeld" in v.tekst.split("48,6%")[1]  # the sentence says why there is no verdict
    screen = vg.tabel_voor_scherm(v).set_index("Code")
    assert screen.loc[GM, "Waarde"] == "53,1% ◇" and screen.loc["NL01", "Waarde"] == "48,6%"
    assert screen.loc[GM, "Voorbeeldcijfer"] == vb.cel(True) and screen.loc["NL01", "Voorbeeldcijfer"] == "nee"
    assert "procentpunt" not in screen.loc["NL01", "Verschil met deze gemeente"]
    assert screen.loc["NL01", "Oordeel"] == vb.GEEN_OORDEEL
    spec = v.spec()
    punten = {r["gebied"]: r["soort"] for r in spec["data"]["values"]}
    assert punten == {"Capelle aan den IJssel ◇": vb.SOORT_VOORBEELD, "Nederland": vb.SOORT_ECHT}
    punt = spec["layer"][1]["encoding"]
    assert punt["fillOpacity"]["field"] == "soort" and punt["strokeDash"]["field"] == "soort"
    assert punt["strokeDash"]["legend"]["values"] == [vb.SOORT_VOORBEELD]
    page = vg.voor_briefing(v, {})
    assert "53,1% ◇" in page.tekst and page.rijen[0][:2] == ("Capelle aan den IJssel", "53,1% ◇")


def test_the_plans_figure_is_not_compared_as_a_2016_measurement():
    eigen = loaders.load_figures()
    v = vg.vergelijk(eigen, eigen.iloc[0:0], {}, GM, "Capelle aan den IJssel", [], "eenzaam", 2016, "18+")
    assert "47,0% (plan, geen meetjaar) eenzaam" in v.tekst
    assert vg.tabel_voor_scherm(v).set_index("Code").loc[GM, "Waarde"] == "47,0% (plan, geen meetjaar)"


def test_wijk_page_marks_the_example_in_the_comparison():
    at = run_page("views/wijk.py", query={"wijk": "WK050207"})
    assert not at.exception
    zin = next(z for m in at.markdown if "Nederland: 48,6%" in (z := m.value.replace("\\", "")))
    assert "53,1% ◇" in zin and vg.ONZEKER not in zin
    table = next(df.value for df in at.dataframe if "Oordeel" in df.value.columns).set_index("Code")
    assert table.loc[GM, "Waarde"] == "53,1% ◇" and table.loc["NL01", "Oordeel"] == vb.GEEN_OORDEEL


def test_briefing_checkbox_adds_the_page_and_keeps_it_in_the_link(stored):
    at = run_page("views/briefing.py", query={"vergelijking": "1", "vergelijk": "GM0606"})
    assert not at.exception
    box = at.checkbox(key="briefing_vergelijking")
    assert box.value is True
    assert at.query_params["vergelijking"] == "1" and at.query_params["vergelijk"] == "GM0606"
    box.uncheck().run()
    assert "vergelijking" not in at.query_params


def _comparison_page(illustratief: bool, data) -> str:
    """The text of the PDF's comparison page, with a comparison that is (or is not) an example."""
    page = vg.BriefingVergelijking(
        titel="Vergelijking met andere gemeenten",
        tekst="Capelle aan den IJssel: 40,0% eenzaam.",
        kolommen=("Gebied", "Waarde"),
        rijen=(("Capelle aan den IJssel", "40,0%"),),
        illustratief=illustratief,
        bron="RIVM",
        toelichting="",
    )
    inp = bouwen.build_briefing(
        data, loaders.load_wijken(), loaders.load_gemeente(), loaders.load_wijk_geojson(), None, date(2026, 12, 2)
    )
    result = bp.build_pdf(dataclasses.replace(inp, vergelijking=page))
    pages = [p.extract_text().replace("\n", " ") for p in PdfReader(io.BytesIO(result.pdf)).pages]
    return next(p for p in pages if "Vergelijking met andere gemeenten" in p and "40,0%" in p)


def test_comparison_page_watermark_follows_its_own_figures():
    shipped = loaders.load_figures()
    real = shipped.assign(illustratief=False, bron="rivm_50120NED")
    # a real comparison after a page of example figures (the shipped wijken): no band
    assert bp.WATERMERK_BAND not in _comparison_page(False, shipped)
    # an example comparison after a page of real figures: the band
    assert bp.WATERMERK_BAND in _comparison_page(True, real)
