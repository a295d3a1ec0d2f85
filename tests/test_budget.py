"""Budget maths and validation: the example allocation, sums, shares, per inhabitant, alliance time."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from lib.budget import begroting as bu
from lib.budget import sommen
from lib.cijfers import meta
from lib.kern import getallen
from lib.kern.config import DATA_DIR
from lib.kern.errors import DataFout
from lib.plan.themas import JAARBUDGET_WMO, THEMAS


@pytest.fixture(scope="module")
def allocation() -> pd.DataFrame:
    return bu.load_allocation()


def raw_rows(**overrides) -> pd.DataFrame:
    row = {
        "jaar": "2020",
        "thema": "2",
        "regel_id": "training",
        "regel": "Training",
        "bedrag": "1000",
        "financiering": "wmo",
        "status": "begroot",
        "activiteit_ids": "",
        "illustratief": "ja",
    }
    return pd.DataFrame([row, {**row, "regel_id": "tweede", **overrides}])


def test_wmo_lines_sum_to_exactly_the_frame_each_year(allocation):
    for jaar in bu.JAREN:
        wmo = allocation[(allocation["jaar"] == jaar) & (allocation["status"] == "begroot")]
        assert wmo[wmo["financiering"] == "wmo"]["bedrag"].sum() == JAARBUDGET_WMO == 514_000
        assert sommen.kadertoets(allocation, jaar).verschil == 0


def test_allocation_is_labelled_illustrative_everywhere(allocation):
    assert allocation["illustratief"].all()
    assert meta.datasets()["budget"].illustratief
    assert meta.datasets()["budget"].bestand == "budget.csv"


def test_one_off_and_fund_lines_are_separate_and_one_off_only_2020_2021(allocation):
    assert set(allocation["financiering"]) == set(bu.FINANCIERING)
    incidenteel = allocation[allocation["financiering"] == "incidenteel"]
    assert set(incidenteel["jaar"]) == {2020, 2021}
    # the plan's logic: new actions from the one-off money, Wmo money for meeting activities,
    # and the aanjager is staff time (hours on the Alliantie page), not a budget line
    assert {"maatjes-jongeren", "training-signaleren", "welkomstpakket"} <= set(incidenteel["regel_id"])
    assert "aanjager" not in set(allocation["regel_id"])
    wmo = allocation[allocation["financiering"] == "wmo"]
    assert wmo["regel"].str.lower().str.contains("ontmoet").all()


def test_allocation_has_the_interface_columns_and_all_themes(allocation):
    for col in ("jaar", "thema", "regel", "bedrag", "financiering", "status", "activiteit_ids", "illustratief"):
        assert col in allocation.columns
    assert set(allocation["thema"]) == set(THEMAS)
    assert set(allocation["status"]) == {"begroot", "besteed"}
    assert all(isinstance(ids, tuple) for ids in allocation["activiteit_ids"])


def test_totals_by_theme_sums_and_shares(allocation):
    totals = sommen.totals_by_theme(allocation, 2021)
    assert list(totals.columns) == ["thema", "thema_naam", "bedrag", "aandeel"]
    assert list(totals["thema"]) == [1, 2, 3, 4]
    assert totals["bedrag"].sum() == 514_000
    assert totals["aandeel"].sum() == pytest.approx(1.0)
    theme3 = allocation[
        (allocation["jaar"] == 2021)
        & (allocation["thema"] == 3)
        & (allocation["status"] == "begroot")
        & (allocation["financiering"] == "wmo")
    ]["bedrag"].sum()
    assert totals.set_index("thema").loc[3, "bedrag"] == theme3
    assert totals.set_index("thema").loc[3, "aandeel"] == pytest.approx(theme3 / 514_000)
    alle = sommen.totals_by_theme(allocation, 2021, financiering=None)
    assert alle["bedrag"].sum() > 514_000


def test_totals_by_theme_keeps_empty_themes_at_zero():
    df = bu.validate_allocation(raw_rows())
    totals = sommen.totals_by_theme(df, 2020)
    assert list(totals["bedrag"]) == [0, 2000, 0, 0]
    assert list(totals["aandeel"]) == [0, 1, 0, 0]
    assert sommen.totals_by_theme(df, 2021)["aandeel"].tolist() == [0, 0, 0, 0]


def test_lines_drill_down_has_budget_and_spent(allocation):
    regels = sommen.lines(allocation, 2020, thema=4)
    assert set(regels["thema"]) == {4}
    assert regels["begroot"].is_monotonic_decreasing
    row = regels.set_index("regel_id").loc["huizen-van-de-wijk"]
    assert row["begroot"] == 110_000 and row["verschil"] == row["besteed"] - 110_000


def test_budget_vs_actual(allocation):
    vs = sommen.budget_vs_actual(allocation, 2020)
    assert vs["begroot"].sum() == 514_000
    met = vs[vs["begroot"] > 0]
    assert (met["realisatie"] == met["besteed"] / met["begroot"]).all()
    # theme 1 has only new actions (one-off money), no Wmo line: no realisation rate, never 0%
    assert vs.loc[vs["begroot"] == 0, "realisatie"].isna().all()


def test_per_inhabitant():
    assert sommen.per_inwoner(514_000, 67_925) == pytest.approx(7.567, abs=0.001)
    with pytest.raises(DataFout):
        sommen.per_inwoner(1, 0)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12500", 12500), ("12.500", 12500), ("€ 12.500,50", 12500.5), ("12,5", 12.5), ("12.5", 12.5), ("", None)],
)
def test_parse_bedrag_reads_dutch_amounts(text, value):
    assert bu.parse_bedrag(text) == value


@pytest.mark.parametrize(
    ("override", "kolom", "fragment"),
    [
        ({"bedrag": "veel"}, "bedrag", "geen bedrag"),
        ({"bedrag": "-5"}, "bedrag", "negatief"),
        ({"bedrag": ""}, "bedrag", "ontbreekt"),
        ({"jaar": "2019"}, "jaar", "buiten"),
        ({"thema": "5"}, "thema", "1, 2, 3 of 4"),
        ({"regel_id": "Met Spaties"}, "regel_id", "Ongeldige regelcode"),
        ({"regel": " "}, "regel", "ontbreekt"),
        ({"financiering": "lening"}, "financiering", "Onbekende financiering"),
        ({"status": "gepland"}, "status", "begroot"),
        ({"illustratief": "misschien"}, "illustratief", "ja"),
        ({"regel_id": "training"}, "regel_id", "twee keer"),
    ],
)
def test_validation_names_the_cell(override, kolom, fragment):
    with pytest.raises(DataFout) as err:
        bu.validate_allocation(raw_rows(**override), "x.csv")
    assert err.value.rij == 3 and err.value.kolom == kolom and err.value.bestand == "x.csv"
    assert fragment in str(err.value)


def test_unknown_activity_id_is_refused_when_a_catalogue_is_given():
    ok = bu.validate_allocation(raw_rows(activiteit_ids="a; b"), catalogue_ids={"a", "b"})
    assert ok.iloc[1]["activiteit_ids"] == ("a", "b")
    with pytest.raises(DataFout, match="niet in het aanbod") as err:
        bu.validate_allocation(raw_rows(activiteit_ids="a;onbekend"), catalogue_ids={"a"})
    assert err.value.kolom == "activiteit_ids"


def test_every_activity_id_exists_in_the_catalogue(allocation, tmp_path):
    ids = bu.catalogue_ids(DATA_DIR / "aanbod.yaml")
    used = {i for ids_ in allocation["activiteit_ids"] for i in ids_}
    assert used and used <= ids, sorted(used - ids)
    assert bu.catalogue_ids(tmp_path / "absent.yaml") is None


def test_missing_or_broken_file_gives_dutch_error(tmp_path):
    with pytest.raises(DataFout, match="ontbreekt"):
        bu.load_allocation(tmp_path / "geen.csv")
    (tmp_path / "leeg.csv").write_text("jaar,thema\n2020,1\n", encoding="utf-8")
    with pytest.raises(DataFout, match="Kolom ontbreekt"):
        bu.load_allocation(tmp_path / "leeg.csv")


def test_kadertoets_messages():
    over = sommen.Kadertoets(520_000)
    assert over.over and over.verschil == 6_000 and "€ 6.000 hoger" in over.melding()
    under = sommen.Kadertoets(500_000)
    assert not under.over and under.ruimte == 14_000 and "nog € 14.000 te verdelen" in under.melding()
    assert "precies" in sommen.Kadertoets(514_000).melding()


def test_charts_carry_the_frame_and_dutch_axis_labels(allocation):
    from lib.budget import grafieken as budget_charts

    per_jaar = sommen.totals_by_year_theme(allocation, financiering="wmo")
    spec = budget_charts.stacked_by_year(per_jaar).to_dict()
    rows = [r for data in spec["datasets"].values() for r in data]
    assert any(r.get("kader") == 514_000 for r in rows)
    assert sum(r["bedrag"] for r in rows if r.get("jaar") == 2020) == 514_000
    assert getallen.as_label(",.0f", voor="€ ") in json.dumps(spec, ensure_ascii=False)  # Dutch separators
    diff = pd.DataFrame(
        {"thema": [1, 2, 3, 4], "thema_naam": [t.naam for t in THEMAS.values()], "verschil": [5.0, -5.0, 0.0, 0.0]}
    )
    div = budget_charts.diverging(diff).to_dict()
    rows = [r for data in div["datasets"].values() for r in data if "richting" in r]
    assert [r["richting"] for r in rows] == ["meer", "minder", "gelijk", "gelijk"]


def test_spent_and_extra_money_per_year(allocation):
    besteed, extra = sommen.spent_and_extra(allocation, 2021)
    rows = allocation[allocation["jaar"] == 2021]
    wmo = rows["financiering"] == bu.KADER_FINANCIERING
    assert besteed == rows.loc[wmo & (rows["status"] == "besteed"), "bedrag"].sum()
    assert extra == rows.loc[~wmo & (rows["status"] == "begroot"), "bedrag"].sum() > 0


def test_example_flag_follows_the_rows_a_figure_is_summed_from(allocation):
    extra = sommen.bovenop(allocation, 2021)
    assert (
        len(extra) and (extra["financiering"] != bu.KADER_FINANCIERING).all() and (extra["status"] == "begroot").all()
    )
    assert sommen.voorbeeld(extra)  # the shipped amounts are examples
    echt = allocation.assign(illustratief=False)
    assert not sommen.voorbeeld(sommen.bovenop(echt, 2021))
    gemengd = echt.copy()
    gemengd.loc[extra.index[0], "illustratief"] = True  # one example row marks the sum
    assert sommen.voorbeeld(sommen.bovenop(gemengd, 2021)) and not sommen.voorbeeld(
        sommen.select(gemengd, 2021, "besteed")
    )
