"""Example figures: the rules the shipped examples keep, the suppression of nearly empty buurten,
and the mark each example value carries (and a real value does not)."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from lib.cijfers import figures as fig
from lib.cijfers import kwb, loaders, meta, onderdrukking
from lib.cijfers import voorbeeld as vb
from lib.wijk import profiel as wp


@pytest.fixture(scope="module")
def data():
    return loaders.load_figures(loaders.SHIPPED_FIGURES)


@pytest.fixture(scope="module")
def cbs():
    return kwb.load_kwb()


def _wide(df: pd.DataFrame) -> pd.DataFrame:
    return df.pivot_table(index=["regio_code", "periode", "leeftijd"], columns="indicator", values="waarde")


# --- the rules of the shipped example figures --------------------------------------------------------


def test_examples_keep_the_order_of_the_indicators(data):
    wide = _wide(data[data["illustratief"]])
    wide = wide.dropna(subset=["eenzaam"])
    assert len(wide) > 500
    for sub in ("ernstig_eenzaam", "emotioneel_eenzaam", "sociaal_eenzaam"):
        below = wide[sub] < wide["eenzaam"]
        assert below.all(), wide[~below].head()
    # the cells next to the plan's real 47% are examples too and stay below it
    gm = _wide(data[data["regio_code"] == "GM0502"]).loc[("GM0502", 2016, "18+")]
    assert gm["eenzaam"] == 47.0 and gm["sociaal_eenzaam"] < 47.0 and gm["emotioneel_eenzaam"] < 47.0


def test_example_margins_widen_as_the_population_shrinks(data, cbs):
    inwoners = dict(zip(cbs["regio_code"], cbs["inwoners"], strict=True))
    ex = data[data["illustratief"]].assign(
        # the upper half of the interval: the lower bound may be cut off at 0% for small values
        breedte=lambda d: d["bovengrens"] - d["waarde"],
        inwoners=lambda d: d["regio_code"].map(inwoners),
    )
    assert ex["breedte"].notna().all() and ex["inwoners"].notna().all()
    checked = 0
    for _, slice_ in ex.groupby(["periode", "leeftijd", "indicator"]):
        s = slice_.sort_values("inwoners")
        # fewer inhabitants never a narrower margin (allowing the 0,1 rounding of the bounds)
        assert (s["breedte"].diff().dropna() <= 0.1 + 1e-9).all()
        smallest, largest = s.iloc[0], s.iloc[-1]
        assert smallest["breedte"] > largest["breedte"]
        checked += 1
    assert checked == 3 * 3 * 4
    assert ((ex["ondergrens"] <= ex["waarde"]) & (ex["waarde"] <= ex["bovengrens"])).all()


def test_no_values_where_too_few_people_live(data, cbs):
    klein = onderdrukking.te_weinig_inwoners(cbs)
    assert len(klein) == 13
    assert {"BU05020110", "BU05020447", "BU05020666", "BU05020884"} <= klein  # IJsseldijk, AWZI, sportpark
    assert not data["regio_code"].isin(klein).any()
    # every buurt above the threshold has its example figures
    groot = set(cbs.loc[(cbs["soort"] == "buurt") & (cbs["inwoners"] >= 50), "regio_code"])
    assert groot == set(data.loc[data["regio_code"].str.startswith("BU"), "regio_code"])


def test_suppression_also_holds_for_real_figures():
    rows = pd.DataFrame(
        {"regio_code": ["BU05020110", "BU05020111"], "waarde": [40.0, 41.0], "illustratief": [False, False]}
    )
    kept = onderdrukking.zonder_kleine_gebieden(rows, frozenset({"BU05020110"}))
    assert list(kept["regio_code"]) == ["BU05020111"]
    assert onderdrukking.zonder_kleine_gebieden(rows, frozenset()) is rows


def test_threshold_counts_an_unknown_count_as_empty():
    cbs = pd.DataFrame({"regio_code": ["BU1", "BU2", "BU3", "WK1"], "inwoners": [49, 50, None, 3]})
    assert onderdrukking.te_weinig_inwoners(cbs) == {"BU1", "BU3"}


# --- the real CBS context ------------------------------------------------------------------------------


def test_kwb_shares_are_the_real_cbs_figures(cbs):
    assert kwb.aandeel(cbs, "WK050207", "leeftijd_65_plus") == pytest.approx(19.7, abs=0.05)
    assert kwb.aandeel(cbs, "GM0502", "leeftijd_65_plus") == pytest.approx(22.0, abs=0.05)
    assert kwb.aandeel(cbs, "BU05020110", "leeftijd_65_plus") is None  # nobody lives there: no 0%
    laag = kwb.laag_waarden(cbs, kwb.LAGEN["aandeel_65_plus"], "buurt")
    assert "BU05020110" not in set(laag["regio_code"]) and len(laag) < 79
    assert len(kwb.laag_waarden(cbs, kwb.LAGEN["inwoners"], "wijk")) == 9


def test_kwb_loader_names_a_bad_cell(tmp_path):
    path = tmp_path / "kwb2024.csv"
    path.write_text(kwb.KWB_PATH.read_text(encoding="utf-8").replace("67925", "veel", 1), encoding="utf-8")
    with pytest.raises(Exception) as err:
        kwb.load_kwb(path)
    assert err.value.kolom == "inwoners" and err.value.rij == 2


# --- the mark -------------------------------------------------------------------------------------------


def test_mark_follows_the_flag_of_each_value(data):
    example = fig.value_of(data, "WK050207", "eenzaam", 2022)
    real = fig.value_of(data, "NL01", "eenzaam", 2022)
    assert example.illustratief and not real.illustratief
    assert vb.met_merk("53,8%", example) == "53,8% ◇ voorbeeld"
    assert vb.met_merk("48,6%", real) == "48,6%"
    assert vb.cel(example) == "ja ◇" and vb.cel(real) == "nee"
    assert vb.soort(example) == vb.SOORT_VOORBEELD and vb.soort(None) == vb.SOORT_ECHT
    assert vb.merk(None) == ""


def test_sentences_are_findings_only_for_real_figures(data):
    tiles = {t.indicator: t for t in wp.tegels(data, "WK050207", "GM0502", 2022, "18+")}
    t = tiles["eenzaam"]
    assert "In de voorbeeldcijfers" in t.gemeente_tekst and "▲" not in t.gemeente_tekst
    # the same tile with real figures: the comparison is a finding, without a mark
    real = dataclasses.replace(
        t,
        waarde=dataclasses.replace(t.waarde, illustratief=False, ondergrens=60.0, bovengrens=62.0, waarde=61.0),
        gemeente=dataclasses.replace(t.gemeente, illustratief=False),
    )
    assert real.waarde_tekst == "61,0%"
    assert real.gemeente_tekst.startswith("▲ Duidelijk hoger dan de gemeente (53,1%)")
    trend = wp.trend(data, "WK050207", "GM0502", "eenzaam", "18+", "Schollevaar Zuid", "Capelle")
    assert wp.trend_tekst(trend, "Schollevaar Zuid").startswith("In de voorbeeldcijfers ◇:")
    echt = trend.assign(illustratief=False)
    zin = wp.trend_tekst(echt, "Schollevaar Zuid")
    assert zin.startswith("In Schollevaar Zuid is dit cijfer van") and "voorbeeld" not in zin


def test_wie_wonen_er_compares_real_shares_with_the_gemeente(cbs):
    from lib.wijk import bevolking

    w = bevolking.wie_wonen_er(cbs, "WK050207", "Schollevaar Zuid", "GM0502", "Capelle aan den IJssel")
    oud = w.leeftijd.set_index("groep").loc["65 jaar en ouder"]
    assert (oud["wijk"], oud["gemeente"]) == (19.7, 22.0)
    assert w.inwoners == 14020 and "19,7% is 65 jaar of ouder (gemeente 22,0%)" in w.samenvatting
    assert w.signalen == ()  # nothing clearly above the gemeente in Schollevaar Zuid
    assert bevolking.duidelijk_hoger(27.1, 22.0) and not bevolking.duidelijk_hoger(24.4, 22.0)
    assert not bevolking.duidelijk_hoger(12.0, 10.0)  # +2 points: not enough
    assert not bevolking.duidelijk_hoger(None, 22.0)


def test_kort_keeps_only_the_symbol_with_the_value():
    assert vb.kort("53,1% ◇ voorbeeld") == "53,1% ◇"
    assert vb.kort("53,1% ◇") == "53,1% ◇"  # already short: unchanged
    assert vb.kort("€ 514.000") == "€ 514.000 ◇"  # only called for examples: it adds the mark if missing


def test_example_sources_say_voorbeeld_instead_of_a_year():
    """An example has no year of measurement: a year behind it would read like a publication year."""
    voorbeelden = [b for b in meta.bronnen().values() if b.illustratief]
    assert voorbeelden and all(b.jaar == "voorbeeld" for b in voorbeelden)
    assert all(meta.bron_label(b.key).endswith("(voorbeeld)") for b in voorbeelden)
    assert meta.datasets()["budget"].jaar == "voorbeeld"  # every amount of the split is an example
    # every figure's source key is known, so no example can fall back to a bare key or a year
    assert set(loaders.load_figures()["bron"]) <= set(meta.bronnen())


def test_no_year_stands_behind_an_example_in_a_source_line():
    """A source line reads 'bron (jaar)' (lib.ui.basis.source_caption): for a dataset that is partly an
    example, the year must follow the real part, not the words about examples ('deels voorbeeld (2019)')."""
    for d in meta.datasets().values():
        regel = f"{d.bron} ({d.jaar})"
        assert not re.search(r"voorbeeld\w*( \([^)]*\))? \(\d{4}\)$", regel), regel
    assert "2016" not in meta.datasets()["eenzaamheid"].bron  # the plan names no year for its 47%
