"""lib.wijk.profiel (summaries, tiles, trend, age split, buurten) and reading a choice or wijk code from a link."""

from __future__ import annotations

import json

import pytest

from lib.cijfers import figures as fig
from lib.cijfers import loaders
from lib.cijfers.indicators import LEEFTIJDEN, PERIODEN
from lib.kaart import wijkkaart as maps
from lib.kern import links
from lib.regio import codes
from lib.wijk import grafieken as wijkcharts
from lib.wijk import profiel as wp


@pytest.fixture(scope="module")
def data():
    return loaders.load_figures()


def test_parse_choice():
    assert links.parse_choice(None, PERIODEN) == (None, False)
    assert links.parse_choice("2020", PERIODEN) == (2020, False)
    assert links.parse_choice("65+", list(LEEFTIJDEN)) == ("65+", False)
    assert links.parse_choice("<script>", PERIODEN) == (None, True)


@pytest.mark.parametrize(
    ("raw", "code", "has_problem"),
    [
        ("WK050207", "WK050207", False),
        (" wk050203 ", "WK050203", False),
        (None, None, False),
        ("", None, False),
        ("WK059999", None, True),
        ("WK05020", None, True),
        ("'; drop table", None, True),
    ],
)
def test_parse_wijk_code(raw, code, has_problem):
    known = {f"WK05020{i}" for i in range(1, 10)}
    got, problem = codes.parse_wijk_code(raw, known)
    assert got == code and bool(problem) == has_problem


def test_safe_text_escapes_markdown():
    text = links.safe_text("[klik](javascript:alert(1)) <b>x</b>")
    assert "\\[" in text and "\\<" in text and "](" not in text
    assert links.safe_text("x" * 100).endswith("…")


def test_samenvatting_names_highest_lowest_spread(data):
    geo = loaders.load_wijk_geojson()
    w = loaders.load_wijken()
    k = maps.build_kaart(
        geo,
        fig.slice_of(data, "emotioneel_eenzaam", 2022),
        dict(zip(w["wijk_code"], w["wijk_naam"], strict=True)),
        gemeente=fig.value_of(data, "GM0502", "emotioneel_eenzaam", 2022),
        nl=None,
    )
    text = wp.samenvatting(k.tabel, "wijken", k.gemeente, None)
    top = k.tabel.iloc[0]
    assert f"Hoogste: {top['naam']}" in text
    assert "Laagste:" in text and "procentpunt" in text
    assert "Geen landelijk cijfer" in text


def test_tegels_compare_with_gemeente_and_nl(data):
    tiles = {t.indicator: t for t in wp.tegels(data, "WK050207", "GM0502", 2022, "18+")}
    eenzaam = tiles["eenzaam"]
    # shipped wijk figures are examples: the tile value and its comparison carry the mark
    assert eenzaam.waarde_tekst.endswith("% ◇")
    assert eenzaam.verschil_gemeente.endswith(" procentpunt")
    assert "de gemeente (53,1% ◇)" in eenzaam.gemeente_tekst
    assert eenzaam.gemeente_tekst.startswith("◇ In de voorbeeldcijfers")
    assert eenzaam.nl_tekst.startswith("Nederland: 48,6%")
    assert tiles["sociaal_eenzaam"].nl_tekst == "Nederland: geen landelijk cijfer"
    assert eenzaam.vergelijking in (fig.HOGER, fig.GEEN_VERSCHIL, fig.LAGER)


def test_trend_and_age_split(data):
    t = wp.trend(data, "WK050203", "GM0502", "eenzaam", "18+", "Middelwatering Oost", "Capelle")
    assert set(t["regio"]) == {"Middelwatering Oost", "Capelle", "Nederland"}
    assert sorted(t[t["regio"] == "Middelwatering Oost"]["periode"]) == [2016, 2020, 2022]
    assert "Middelwatering Oost" in wp.trend_tekst(t, "Middelwatering Oost")
    a = wp.leeftijdsopbouw(data, "WK050203", "GM0502", "eenzaam", 2022, "Middelwatering Oost", "Capelle")
    assert set(a["leeftijd"]) == set(LEEFTIJDEN)
    assert "65 jaar en ouder" in wp.leeftijd_tekst(a, "Middelwatering Oost")


def test_buurten_tabel_marks_missing(data):
    buurten = loaders.load_buurten()
    bt = wp.buurten_tabel(data, buurten, "WK050209", "eenzaam", 2022, "18+")
    assert len(bt) == (buurten["wijk_code"] == "WK050209").sum()
    missing = bt[bt["waarde"].isna()]
    assert len(missing) == 3 and (missing["toelichting"] == "geen gegevens").all()
    # told which buurten have too few inhabitants, the table gives that reason instead
    klein = frozenset(missing["buurt_code"])
    bt = wp.buurten_tabel(data, buurten, "WK050209", "eenzaam", 2022, "18+", klein)
    assert (bt[bt["waarde"].isna()]["toelichting"] == "geen schatting (te weinig inwoners)").all()
    assert set(bt.dropna(subset=["waarde"])["illustratief"]) == {"ja ◇"}


def test_wijk_trend_chart_says_the_plans_figure_has_no_year():
    df = loaders.load_figures()
    t = wp.trend(df, "WK050207", "GM0502", "eenzaam", "18+", "Schollevaar Zuid", "Capelle aan den IJssel")
    spec = json.dumps(wijkcharts.trend_chart(t, "Eenzaam").to_dict(), ensure_ascii=False)
    assert "47,0% (plan, geen meetjaar)" in spec
