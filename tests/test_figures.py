"""Queries on the loneliness table and the comparison with margins."""

import pandas as pd

from lib.cijfers import figures as fig
from lib.cijfers import loaders
from lib.cijfers.indicators import format_pct, regio_niveau


def test_value_of_returns_none_not_zero_for_missing():
    df = loaders.load_figures()
    assert fig.value_of(df, "BU05020996", "eenzaam", 2022) is None  # suppressed buurt
    assert format_pct(None) == "geen gegevens"
    nl = fig.value_of(df, "NL01", "eenzaam", 2022)
    assert nl.waarde == 48.6 and not nl.illustratief and nl.bron == "rivm_vzinfo_2022"


def test_slice_of_wijken():
    df = loaders.load_figures()
    s = fig.slice_of(df, "eenzaam", 2022, "65+", "wijk")
    assert len(s) == 9 and set(s["leeftijd"]) == {"65+"}


def test_compare_uses_the_interval():
    def w(v, lo, hi):
        return fig.Waarde("WK050201", 2022, "18+", "eenzaam", v, lo, hi, "illustratief", True)

    assert fig.compare(w(55, 51, 59), 50) == fig.HOGER
    assert fig.compare(w(55, 49, 61), 50) == fig.GEEN_VERSCHIL
    assert fig.compare(w(44, 40, 48), 50) == fig.LAGER
    assert fig.compare(w(60, None, None), 50) == fig.GEEN_VERSCHIL  # no margin: no claim


def test_latest_periode_and_levels():
    df = loaders.load_figures()
    assert fig.latest_periode(df, "NL01", "emotioneel_eenzaam") == 2016
    assert fig.latest_periode(df, "XX", "eenzaam") is None
    assert [regio_niveau(c) for c in ("NL01", "GM0502", "WK050201", "BU05020110", "ZZ")] == [
        "land",
        "gemeente",
        "wijk",
        "buurt",
        "onbekend",
    ]
    assert format_pct(47.25) == "47,2%" or format_pct(47.25) == "47,3%"


def test_periods_come_from_the_data():
    df = loaders.load_figures()
    assert fig.periods(df) == (2016, 2020, 2022)
    newer = df.head(1).assign(periode=2024)
    assert fig.periods(pd.concat([df, newer])) == (2016, 2020, 2022, 2024)


def test_real_and_illustrative_counts_per_level():
    df = loaders.load_figures()
    counts = fig.real_and_illustrative(df).set_index("niveau")
    assert list(counts.index) == ["land", "gemeente", "wijk", "buurt"]
    assert counts.loc["land"].tolist() == [len(df[df.regio_code == "NL01"]), 0]
    assert counts.loc["gemeente", "echte cijfers"] == 1  # the plan's 47%
    assert counts.loc["wijk", "echte cijfers"] == 0 and counts.loc["wijk", "voorbeeldcijfers"] > 0
    assert counts.to_numpy().sum() == len(df)
