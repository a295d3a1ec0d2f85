"""Areas for opgaveteams: the shipped file, editing, the aggregation rules and the one-page PDF."""

from __future__ import annotations

import io

import pandas as pd
import pytest
import yaml
from pypdf import PdfReader

from lib.aanbod.catalogus import load_aanbod
from lib.briefing import pdf as bp
from lib.cijfers import kwb
from lib.cijfers import voorbeeld as vb
from lib.cijfers.loaders import load_figures, load_gemeente, load_wijken
from lib.kern import auth, getallen, storage
from lib.kern.errors import DataFout, GeenToegang
from lib.personas.persona import load_personas
from lib.regio import gebieden as gb
from lib.wijk import bevolking, gebied_pdf
from lib.wijk import plan as wijkplan
from lib.wijk.gebied_plan import gebied_plan

WIJKEN = load_wijken()
CODES = set(WIJKEN["wijk_code"])


@pytest.fixture
def editor():
    stored = auth.hash_password("gebied-wachtwoord", iterations=1000)
    token = auth.login("gebied-wachtwoord", "Gebied Redacteur", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


@pytest.fixture(scope="module")
def schollevaar():
    g = gb.load_gebieden(wijk_codes=CODES)["schollevaar"]
    return gb.profile(g, WIJKEN, load_figures(), [a.wijk for a in load_aanbod()], load_gemeente()["inwoners"])


def test_schollevaar_is_zuid_and_noord():
    g = gb.load_gebieden(wijk_codes=CODES)["schollevaar"]
    namen = dict(zip(WIJKEN["wijk_code"], WIJKEN["wijk_naam"], strict=True))
    assert g.wijken == ("WK050207", "WK050208")
    assert [namen[w] for w in g.wijken] == ["Schollevaar Zuid", "Schollevaar Noord"]


def test_a_wijk_knows_its_areas():
    alle = gb.load_gebieden(wijk_codes=CODES)
    assert [g.id for g in gb.van_wijk(alle, "WK050208")] == ["schollevaar"]
    assert gb.van_wijk(alle, "WK050201") == []


def test_counts_are_summed_and_density_comes_from_the_sums(schollevaar):
    deel = WIJKEN[WIJKEN["wijk_code"].isin(["WK050207", "WK050208"])]
    assert schollevaar.inwoners == deel["inwoners"].sum()
    assert schollevaar.oppervlakte_ha == deel["oppervlakte_land_ha"].sum()
    assert schollevaar.dichtheid == pytest.approx(deel["inwoners"].sum() / deel["oppervlakte_land_ha"].sum() * 100)
    # Not the mean of the two densities: that would weigh the small wijk as heavily as the large one.
    assert schollevaar.dichtheid != pytest.approx(schollevaar.per_wijk["dichtheid"].mean())
    assert schollevaar.aandeel_gemeente == pytest.approx(deel["inwoners"].sum() / load_gemeente()["inwoners"])
    aanbod = [a.wijk for a in load_aanbod()]
    assert schollevaar.activiteiten == sum(w in ("WK050207", "WK050208") for w in aanbod)


def test_loneliness_stays_per_wijk_with_its_margin(schollevaar):
    figures = load_figures()
    assert list(schollevaar.per_wijk["wijk_code"]) == ["WK050207", "WK050208"]
    for r in schollevaar.per_wijk.itertuples():
        bron = figures[
            (figures["regio_code"] == r.wijk_code)
            & (figures["indicator"] == "eenzaam")
            & (figures["leeftijd"] == "18+")
            & (figures["periode"] == schollevaar.periode)
        ].iloc[0]
        assert (r.waarde, r.ondergrens, r.bovengrens) == (bron["waarde"], bron["ondergrens"], bron["bovengrens"])
    assert schollevaar.illustratief == bool(schollevaar.per_wijk["illustratief"].any())
    assert not hasattr(schollevaar, "waarde")  # no single area percentage


def test_profile_follows_the_chosen_indicator_period_and_age_and_marks_examples():
    g = gb.load_gebieden(wijk_codes=CODES)["schollevaar"]
    figures = load_figures()
    p = gb.profile(g, WIJKEN, figures, [], load_gemeente()["inwoners"], "ernstig_eenzaam", 2016, "65+")
    assert (p.indicator, p.periode, p.leeftijd) == ("ernstig_eenzaam", 2016, "65+")
    tabel = gb.tabel_per_wijk(p)
    for code, rij in zip(("WK050207", "WK050208"), tabel.itertuples(index=False), strict=True):
        bron = figures[
            (figures["regio_code"] == code)
            & (figures["indicator"] == "ernstig_eenzaam")
            & (figures["leeftijd"] == "65+")
            & (figures["periode"] == 2016)
        ].iloc[0]
        waarde, marge, voorbeeld = rij[4], rij[5], rij[6]
        assert bron["illustratief"]  # the shipped figures are examples: every value carries its mark
        assert waarde == getallen.procent(bron["waarde"], 1) + vb.kort_merk(True)
        assert marge == f"{getallen.getal(bron['ondergrens'], 1)} tot {getallen.getal(bron['bovengrens'], 1)}"
        assert voorbeeld == vb.cel(True)
    assert list(tabel.columns)[:2] == ["Wijk", "Inwoners"]
    standaard = gb.profile(g, WIJKEN, figures, [], load_gemeente()["inwoners"])  # what the PDF shows
    assert (standaard.indicator, standaard.leeftijd) == ("eenzaam", "18+") and standaard.periode == 2022


@pytest.mark.parametrize(
    ("change", "veld"),
    [
        ({"id": "Scholle Vaar"}, "id"),
        ({"naam": ""}, "naam"),
        ({"wijken": []}, "wijken"),
        ({"wijken": ["WK050299"]}, "wijken"),
        ({"wijken": ["WK050207", "WK050207"]}, "wijken"),
        ({"kleur": "rood"}, "kleur"),
    ],
)
def test_bad_area_file_names_file_area_and_field(tmp_path, change, veld):
    raw = yaml.safe_load(gb.BESTAND.read_text(encoding="utf-8"))
    raw["gebieden"][0].update(change)
    path = tmp_path / "gebieden.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFout) as err:
        gb.load_gebieden(path, CODES)
    assert err.value.bestand == "gebieden.yaml" and err.value.kolom == veld


def test_editor_adds_and_changes_areas_and_it_is_audited(tmp_path, editor):
    conn = storage.connect(tmp_path / "db.sqlite3")
    shipped = gb.load_gebieden(wijk_codes=CODES)
    with pytest.raises(GeenToegang):
        gb.save_gebied(conn, None, "west", "West", ["WK050201"])
    gb.save_gebied(conn, editor, "west", "Capelle-West", ["WK050201", "WK050202"], "Twee wijken", CODES)
    gb.save_gebied(conn, editor, "schollevaar", "Schollevaar", ["WK050207"], "", CODES)  # overrides the file
    alle = gb.all_gebieden(conn, shipped, CODES)
    assert alle["west"].wijken == ("WK050201", "WK050202") and alle["west"].bron == "aangepast door Gebied Redacteur"
    assert alle["schollevaar"].wijken == ("WK050207",) and "oostgaarde" in alle
    trail = storage.audit_trail(conn, gb.TABEL, "schollevaar")
    assert trail[0]["nieuw"] == "Schollevaar: WK050207"
    with pytest.raises(DataFout) as err:
        gb.save_gebied(conn, editor, "west", "West", ["WK999"], "", CODES)
    assert err.value.kolom == "wijken"
    assert gb.all_gebieden(conn, shipped, CODES)["west"].naam == "Capelle-West"  # unchanged after the refusal


def test_area_profile_pdf_is_one_page_with_the_figures(schollevaar):
    pdf = gebied_pdf.to_pdf(schollevaar, "Capelle aan den IJssel")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 1
    tekst = " ".join(pages[0].extract_text().split())
    assert "Gebiedsprofiel Schollevaar" in tekst
    assert getallen.getal(schollevaar.inwoners) in tekst and "Schollevaar Noord" in tekst
    assert "geen bekende marge" in tekst
    assert ("voorbeeld" in tekst) == schollevaar.illustratief


def _pdf_tekst(profiel) -> str:
    return " ".join(PdfReader(io.BytesIO(gebied_pdf.to_pdf(profiel, "Capelle aan den IJssel"))).pages[0].extract_text().split())


def test_area_profile_pdf_marks_example_figures_on_the_page_and_names_their_source(schollevaar):
    assert schollevaar.illustratief  # the shipped wijk figures are examples
    tekst = _pdf_tekst(schollevaar)
    assert bp.WATERMERK_BAND in tekst and "56,2) ◇ voorbeeld" in tekst
    bron = tekst[tekst.index("Bron: CBS") :]
    assert "RIVM" not in bron and "Voorbeeldcijfers, geen echte meting" in bron
    # real figures (an import of table 50120NED): no band, no mark, and RIVM is credited
    echt = load_figures().assign(illustratief=False, bron="rivm_50120NED")
    g = gb.load_gebieden(wijk_codes=CODES)["schollevaar"]
    profiel = gb.profile(g, WIJKEN, echt, [a.wijk for a in load_aanbod()], load_gemeente()["inwoners"])
    tekst = _pdf_tekst(profiel)
    assert bp.WATERMERK_BAND not in tekst and "◇" not in tekst and "voorbeeld" not in tekst
    assert "RIVM/CBS, Gezondheid per wijk en buurt (tabel 50120NED)" in tekst


def test_plan_view_for_an_area_merges_the_wijken_and_names_them():
    g = gb.load_gebieden(wijk_codes=CODES)["schollevaar"]
    figures, aanbod, personas = load_figures(), load_aanbod(), load_personas(wijk_codes=CODES)
    namen = dict(zip(WIJKEN["wijk_code"], WIJKEN["wijk_naam"], strict=True))
    per_wijk = {w: wijkplan.wijk_plan(w, figures, "GM0502", 2022, personas, aanbod) for w in g.wijken}
    gplan = gebied_plan(g, figures, "GM0502", 2022, personas, aanbod, namen)
    assert len(gplan.activiteiten) == sum(len(p.activiteiten) for p in per_wijk.values())
    assert {p.id for p in gplan.personas} == {p.id for w in per_wijk.values() for p in w.personas}
    assert {s.key for s in gplan.themas} == {s.key for w in per_wijk.values() for s in w.themas}
    for s in gplan.risicogroepen + gplan.themas:
        assert all(r.split(":")[0] in ("Schollevaar Zuid", "Schollevaar Noord") for r in s.redenen)


def test_area_risk_groups_come_from_real_cbs_figures_per_wijk():
    """As on the wijk page: a reason is a real CBS share, named with its wijk; without CBS data, none."""
    g = gb.load_gebieden(wijk_codes=CODES)["oostgaarde"]
    figures, aanbod, personas = load_figures(), load_aanbod(), load_personas(wijk_codes=CODES)
    namen = dict(zip(WIJKEN["wijk_code"], WIJKEN["wijk_naam"], strict=True))
    met_cbs = gebied_plan(g, figures, "GM0502", 2022, personas, aanbod, namen, kwb.load_kwb())
    [migranten] = [s for s in met_cbs.risicogroepen if s.key == "migranten"]
    assert any(
        r.startswith("Oostgaarde Noord: ") and "CBS, Kerncijfers wijken en buurten 2024" in r for r in migranten.redenen
    )
    zonder = gebied_plan(g, figures, "GM0502", 2022, personas, aanbod, namen)
    assert not [s for s in zonder.risicogroepen if s.key == "migranten"]


def test_who_lives_in_an_area_sums_the_cbs_counts_and_weights_shares_by_inhabitants():
    cbs = kwb.load_kwb()
    w = bevolking.wie_wonen_er_gebied(
        cbs, "gebied-schollevaar", "Schollevaar", ("WK050207", "WK050208"), "GM0502", "Capelle"
    )
    zuid, noord = kwb.rij(cbs, "WK050207"), kwb.rij(cbs, "WK050208")
    assert w.inwoners == zuid["inwoners"] + noord["inwoners"]
    oud = (zuid["leeftijd_65_plus"] + noord["leeftijd_65_plus"]) / (zuid["inwoners"] + noord["inwoners"]) * 100
    rij = w.leeftijd.set_index("groep").loc["65 jaar en ouder"]
    assert rij["wijk"] == round(oud, 1)
    gemiddelde = (
        kwb.aandeel(cbs, "WK050207", "leeftijd_65_plus") + kwb.aandeel(cbs, "WK050208", "leeftijd_65_plus")
    ) / 2
    assert round(gemiddelde, 1) != rij["wijk"]  # not the plain mean of the two shares
    assert w.wijken == ("WK050207", "WK050208") and "Schollevaar" in w.samenvatting
    # A count missing in one wijk leaves the area's count missing, never a partial sum.
    gat = cbs.copy()
    gat.loc[gat["regio_code"] == "WK050208", "leeftijd_65_plus"] = float("nan")
    w = bevolking.wie_wonen_er_gebied(
        gat, "gebied-schollevaar", "Schollevaar", ("WK050207", "WK050208"), "GM0502", "Capelle"
    )
    assert w.leeftijd.set_index("groep").loc["65 jaar en ouder", "wijk"] is None or pd.isna(
        w.leeftijd.set_index("groep").loc["65 jaar en ouder", "wijk"]
    )
