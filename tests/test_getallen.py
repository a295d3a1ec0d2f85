"""The one Dutch number formatter: separators, money, percentages, missing values, tables."""

import math
import re

import altair as alt
import pandas as pd

from lib.kern import getallen as g
from lib.kern.config import ROOT


def test_getal_uses_point_for_thousands_and_comma_for_decimals():
    assert g.getal(1234.5, 1) == "1.234,5"
    assert g.getal(67925) == "67.925"
    assert g.getal(1_234_567.891, 2) == "1.234.567,89"
    assert g.getal(-1250) == "-1.250"
    assert g.getal(3, teken=True) == "+3"
    assert g.getal(-0.04, 1) == "0,0"  # no "-0,0"


def test_euro_and_ranges():
    assert g.euro(514_000) == "€ 514.000"
    assert g.euro(12.5, 2) == "€ 12,50"
    assert g.euro(-1250) == "€ -1.250"
    assert g.euro(1250, teken=True) == "€ +1.250"
    assert g.euro(0) == "€ 0"
    assert g.euro_bereik(12_000, 15_500) == "€ 12.000-15.500"
    assert g.euro_bereik(400, 400) == "€ 400"


def test_percentages_and_points():
    assert g.procent(47) == "47,0%"
    assert g.procent(43.04, 0) == "43%"
    assert g.aandeel(0.25) == "25%"
    assert g.procentpunt(3.14) == "+3,1 procentpunt"
    assert g.procentpunt(-2) == "-2,0 procentpunt"
    assert g.uren(1234, 1500) == "1.234-1.500"


def test_missing_values_never_read_as_zero():
    for fmt in (g.getal, g.euro, g.procent, g.aandeel, g.procentpunt):
        assert fmt(None) == "geen gegevens"
        assert fmt(float("nan")) == "geen gegevens"
    assert g.getal(math.inf) == "geen gegevens"


def test_tabel_formats_only_named_columns_and_keeps_the_input():
    df = pd.DataFrame({"naam": ["a", "b"], "bedrag": [20000, None], "pct": [57.14, 8.0]})
    out = g.tabel(df, {"bedrag": "euro", "pct": "procent", "ontbreekt": "getal"})
    assert out["bedrag"].tolist() == ["€ 20.000", ""]
    assert out["pct"].tolist() == ["57,1%", "8,0%"]
    assert out["naam"].tolist() == ["a", "b"]
    assert df["bedrag"].iloc[0] == 20000  # the input is untouched


def test_axis_label_expression_formats_through_the_charts_dutch_locale():
    expr = g.as_label(",.1f", achter="%")
    assert "format(datum.value, ',.1f')" in expr and expr.endswith("+ '%'")
    # No separator swap: the chart's Dutch locale already writes 1.234,5 (a swap would make it 1,234.5).
    assert g.vega_getal("datum.waarde", ".1f") == "format(datum.waarde, '.1f')"


def test_every_altair_chart_and_dict_spec_carries_the_dutch_locale():
    assert g.VEGA_LOCALE["number"]["decimal"] == "," and g.VEGA_LOCALE["number"]["thousands"] == "."
    spec = alt.Chart(pd.DataFrame({"a": [1.5]})).mark_bar().encode(x="a:Q").to_dict()
    assert spec["config"]["locale"] == g.VEGA_LOCALE
    assert g.met_locale({"mark": "bar", "config": {"view": {"stroke": None}}})["config"] == {
        "view": {"stroke": None},
        "locale": g.VEGA_LOCALE,
    }


def test_met_tekst_adds_text_columns_for_tooltips():
    df = pd.DataFrame({"waarde": [57.14], "n": [20000]})
    out = g.met_tekst(df, {"waarde": "procent", "n": "getal"})
    assert out["waarde_tekst"].tolist() == ["57,1%"] and out["n_tekst"].tolist() == ["20.000"]
    assert out["waarde"].tolist() == [57.14]


def test_prices_drop_zero_cents():
    assert g.kosten(0) == "€ 0" and g.kosten(3) == "€ 3" and g.kosten(2.5) == "€ 2,50"
    assert g.tabel(pd.DataFrame({"k": [0.0, 2.5]}), {"k": "kosten"})["k"].tolist() == ["€ 0", "€ 2,50"]


def test_megabytes():
    assert g.megabytes(1024) == "1 GB"
    assert g.megabytes(1536) == "1,5 GB"
    assert g.megabytes(500) == "500 MB"
    assert g.megabytes(1263.7) == "1,2 GB"
    assert g.megabytes(None) == g.GEEN_GEGEVENS


def test_aantal_writes_singular_for_one_and_dutch_thousands():
    assert g.aantal(1, "budgetregel", "budgetregels") == "1 budgetregel"
    assert g.aantal(0, "budgetregel", "budgetregels") == "0 budgetregels"
    assert g.aantal(2, "wijk", "wijken") == "2 wijken"
    assert g.aantal(2735, "rij", "rijen") == "2.735 rijen"


# A count written straight before a plural noun ("{len(x)} activiteiten") reads "1 activiteiten" when
# there is one. Sentences count through getallen.aantal; "van de {n} ..." (a total) is fine.
MEERVOUDEN = (
    "activiteiten|budgetregels|regels|momenten|wijzigingen|metingen|wijken|buurten|acties|rijen|indicatoren"
    "|combinaties|cijfers|personen|organisaties"
)
TELLING_ZONDER_ENKELVOUD = re.compile(
    r"(?<!van de )(?<!de )\{(?:len\([^{}]*\)|int\([^{}]*\)|n|n_\w+|aantal|totaal|[a-z_]+\.sum\(\))\} "
    rf"(?:[a-z]+ )?(?:{MEERVOUDEN})\b"
)
# Command-line and log lines for a maintainer (not the page) may keep the plain form.
NIET_OP_DE_PAGINA = ("lib/cijfers/rivm_ophalen.py", "lib/cijfers/rivm_opdracht.py", "lib/cijfers/rivm_lezen.py")


def test_every_count_sentence_on_a_page_has_a_singular():
    gevonden = []
    for pad in sorted([*ROOT.glob("lib/**/*.py"), *ROOT.glob("views/*.py")]):
        rel = pad.relative_to(ROOT).as_posix()
        if rel in NIET_OP_DE_PAGINA:
            continue
        for nr, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1):
            gevonden += [f"{rel}:{nr}: {m.group(0)}" for m in TELLING_ZONDER_ENKELVOUD.finditer(regel)]
    assert not gevonden, "schrijf deze tellingen met getallen.aantal(n, enkelvoud, meervoud):\n" + "\n".join(gevonden)


def test_the_count_check_knows_the_audited_sentences():
    for fout in (
        'f"betaald uit {len(keten.regels)} budgetregels"',
        'f"{len(op_kaart)} activiteiten met een plek"',
        "f\"In {jaar}: {int((lijn['jaar'] == jaar).sum())} momenten op de tijdlijn, {len(w)} wijzigingen\"",
        'f"{len(vb.onbekende_regios)} wijken of buurten"',
        'f"Daarnaast {len(wplan.gemeentebreed)} activiteiten voor heel"',
    ):
        assert TELLING_ZONDER_ENKELVOUD.search(fout), fout
    assert not TELLING_ZONDER_ENKELVOUD.search('f"{len(leeg)} van de {len(matrix)} combinaties"')
