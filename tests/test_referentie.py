"""The plan's national reference: one pair (47% vs 43%, 2016, 19+), matching the shipped table."""

from lib.cijfers import loaders, referentie
from lib.cijfers.referentie import PLAN


def test_the_pair_is_the_same_measurement_in_the_shipped_table():
    gm, nl = referentie.uit_tabel(loaders.load_figures(), "GM0502")
    assert gm is not None and nl is not None
    assert gm.waarde == PLAN.capelle.pct and nl.waarde == PLAN.nederland.pct
    assert PLAN.nederland.jaar == PLAN.periode == nl.periode
    assert PLAN.capelle.jaar is None  # the plan gives no year for Capelle's 47%
    assert not gm.illustratief and not nl.illustratief


def test_wording_names_group_year_and_source_and_explains_the_44():
    assert PLAN.verschil == 4
    assert PLAN.vergelijking() == "47% tegen 43% in Nederland (19 jaar en ouder, 2016)"
    uitleg = PLAN.uitleg()
    assert "44%" in uitleg and "Gezondheidsmonitor" in uitleg and "2016" in uitleg and "19 jaar" in uitleg
