"""The council briefing: view model, charts, and the PDF as a reader sees it (pypdf, pdftoppm)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import vl_convert as vlc
from pypdf import PdfReader

from lib.briefing import bouwen, dias
from lib.briefing import grafieken as briefgrafieken
from lib.briefing import pdf as bp
from lib.briefing import records as br
from lib.briefing import tekst as brieftekst
from lib.budget import begroting as bu
from lib.cijfers import loaders
from lib.cijfers.indicators import format_pct
from lib.cijfers.referentie import PLAN as REFERENTIE
from lib.kern import auth, getallen, storage
from lib.kern.config import ROOT
from lib.plan import lezen as plan_lezen
from lib.plan import status as plan_status

DATUM = date(2026, 11, 27)
NOTICE = "Voorbeeldcijfers, geen echte meting"


@pytest.fixture(scope="module")
def shipped():
    return (
        loaders.load_figures(),
        loaders.load_wijken(),
        loaders.load_gemeente(),
        loaders.load_wijk_geojson(),
    )


def _real_only(data):
    """The shipped table as if the official RIVM/CBS table had been imported: nothing illustrative."""
    data = data.copy()
    fake = data["illustratief"]
    data.loc[fake, "bron"] = "rivm_50120NED"
    data["illustratief"] = False
    return data


def _inp(shipped, data=None, keuze=None, budget=None, plan=None):
    figures, wijken, gemeente, geojson = shipped
    return bouwen.build_briefing(
        figures if data is None else data, wijken, gemeente, geojson, keuze, DATUM, budget=budget, plan=plan
    )


@pytest.fixture(scope="module")
def allocation():
    return bu.load_allocation()


@pytest.fixture
def conn(tmp_path):
    with storage.connect(tmp_path / "briefing.sqlite3") as c:
        yield c


@pytest.fixture
def editor():
    token = auth.login("geheim", "Redacteur Test", auth.hash_password("geheim", iterations=1000), auth.Throttle())
    yield token
    auth.logout(token)


def _full(shipped, allocation, conn, data=None):
    plan = plan_lezen.load_plan()
    return _inp(
        shipped,
        data,
        budget=bouwen.budget_section(allocation),
        plan=bouwen.plan_section(plan_status.action_states(conn, plan)),
    )


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


# --- view model ------------------------------------------------------------------------------------


def test_briefing_ranks_wijken_high_to_low_and_compares_with_gemeente(shipped):
    inp = _inp(shipped)
    assert inp.keuze == br.Keuze("eenzaam", 2022, "18+")
    assert len(inp.wijken) == 9
    values = [w.waarde for w in inp.wijken]
    assert values == sorted(values, reverse=True)
    assert [w.rang for w in inp.wijken] == list(range(1, 10))
    # Schollevaar Noord's whole interval lies below the gemeente figure in the shipped example data.
    last = inp.wijken[-1]
    assert last.bovengrens < inp.gemeente_waarde.waarde and last.vergelijking == "duidelijk lager"
    assert inp.gemeente_waarde.waarde == 53.1


def test_headline_figures_carry_source_year_and_flag(shipped):
    inp = _inp(shipped)
    capelle, nederland = inp.kerncijfers[0], inp.kerncijfers[1]
    assert capelle.label.startswith("Capelle aan den IJssel") and capelle.waarde == "53,1% ◇ voorbeeld"
    assert capelle.illustratief and NOTICE in capelle.bron
    # an example is compared with nothing: no 'duidelijk hoger dan Nederland' as a finding
    assert "dan Nederland" not in capelle.toelichting and "geen vergelijking" in capelle.toelichting
    assert nederland.waarde == "48,6%" and not nederland.illustratief
    assert "RIVM" in nederland.bron and "2022" in nederland.bron
    assert any(k.waarde == "€ 514.000" for k in inp.kerncijfers)
    plan = next(k for k in inp.kerncijfers if k.waarde == "47%")
    assert "2019" in plan.bron and REFERENTIE.tegen() in plan.toelichting
    assert "geen meetjaar" in plan.toelichting  # the plan gives no year for Capelle's 47%
    # with real figures the comparison with Nederland is a finding again
    real = _inp(shipped, _real_only(shipped[0])).kerncijfers[0]
    assert real.waarde == "53,1%" and real.toelichting.endswith("dan Nederland")


def test_illustrative_flag_follows_the_data_not_a_constant(shipped):
    assert _inp(shipped).illustratief
    real = _inp(shipped, _real_only(shipped[0]))
    assert not real.illustratief and not real.wijken_illustratief and not real.kerncijfers_illustratief
    assert all(NOTICE not in s.bron for s in dias.slides(real))


def test_missing_national_figure_reads_geen_gegevens(shipped):
    inp = _inp(shipped, keuze=br.Keuze("eenzaam", 2022, "65+"))
    assert inp.kerncijfers[1].waarde == "geen gegevens"


def test_unknown_choice_is_refused():
    with pytest.raises(ValueError, match="Onbekende indicator"):
        br.Keuze("verveeld", 2022, "18+")
    with pytest.raises(ValueError, match="leeftijdsgroep"):
        br.Keuze("eenzaam", 2022, "12-")


def test_dutch_date_and_money():
    assert getallen.datum(date(2026, 3, 1)) == "1 maart 2026"
    assert br.euro(514000) == "€ 514.000"


def test_summaries_name_the_extremes(shipped):
    inp = _inp(shipped)
    text = brieftekst.ranking_summary(inp)
    top, bottom = inp.wijken[0], inp.wijken[-1]
    assert f"{top.wijk_naam} ({format_pct(top.waarde)})" in text and bottom.wijk_naam in text
    # example figures: the ranking is phrased as an example, never as a finding
    assert text.startswith("In de voorbeeldcijfers ◇: Het hoogst in") and text.endswith("alleen een voorbeeld).")
    assert "open ruitjes zijn voorbeeldcijfers" in brieftekst.trend_summary(inp)
    assert "2022 53,1% ◇" in brieftekst.trend_summary(inp)
    real = _inp(shipped, _real_only(shipped[0]))
    text = brieftekst.ranking_summary(real)
    assert text.startswith("Het hoogst in") and "voorbeeld" not in text and "uidelijk" in text
    assert "ruitjes" not in brieftekst.trend_summary(real) and "◇" not in brieftekst.trend_summary(real)
    for dia in dias.slides(inp):  # the presentation states no example comparison as a finding
        if dia.illustratief and dia.key in ("kaart", "ranglijst"):
            assert "In de voorbeeldcijfers" in dia.samenvatting


def test_map_chart_colours_every_wijk_and_renders_offline(shipped):
    inp = _inp(shipped)
    spec = briefgrafieken.map_chart(inp).to_dict()
    features = spec["layer"][0]["data"]["values"]
    assert len(features) == 9
    assert {f["properties"]["waarde"] for f in features} == {w.waarde for w in inp.wijken}
    assert spec["layer"][0]["encoding"]["color"]["scale"]["scheme"] == br.KAART_SCHEMA
    png = bp.chart_png(briefgrafieken.map_chart(inp), scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_slides_follow_the_pdf_order(shipped):
    assert [d.key for d in dias.slides(_inp(shipped))] == ["kerncijfers", "trend", "kaart", "ranglijst", "bronnen"]
    # budget and plan come in only when their sections are given (tested below)
    no_wijken = _inp(shipped, shipped[0][~shipped[0]["regio_code"].str.startswith("WK")])
    assert [d.key for d in dias.slides(no_wijken)] == ["kerncijfers", "trend", "bronnen"]


# --- the PDF ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_illustrative(shipped):
    return bp.build_pdf(_inp(shipped))


def test_pdf_has_title_page_one_page_per_section_and_page_numbers(shipped, pdf_illustrative):
    inp = _inp(shipped)
    pages = _pages(pdf_illustrative.pdf)
    titles = bp.section_titles(inp)
    assert titles == ["Kerncijfers", "Kaart per wijk", "Wijken van hoog naar laag", "Bronnen"]
    assert len(pages) == 1 + len(titles) == pdf_illustrative.paginas
    assert "Meer samen, minder eenzaam" in pages[0] and "27 november 2026" in pages[0]
    assert "Kerncijfers" in pages[1] and "per wijk" in pages[2]
    assert "Wijken van hoog naar laag" in pages[3] and "Bronnen" in pages[4]
    for i, text in enumerate(pages, start=1):
        assert f"pagina {i} van {len(pages)}" in text
    meta = PdfReader(io.BytesIO(pdf_illustrative.pdf)).metadata
    assert "Raadsbriefing" in meta.title


def test_pdf_text_has_capelle_figures_sources_and_dutch_characters(pdf_illustrative):
    text = "\n".join(_pages(pdf_illustrative.pdf))
    assert pdf_illustrative.lettertype == "DejaVu"
    assert "Capelle aan den IJssel" in text
    assert "€ 514.000" in text  # the euro sign survives: a Unicode font is embedded
    assert "53,1%" in text and "48,6%" in text
    assert "Schollevaar Noord" in text and "CC-BY 4.0" in text
    assert "RIVM" in text and "CBS" in text


def test_pdf_carries_the_notice_where_illustrative_data_went_in(pdf_illustrative):
    pages = _pages(pdf_illustrative.pdf)
    for i in (0, 1, 2, 3):  # title, headline figures (gemeente figure), map, ranking
        assert NOTICE in pages[i].replace("\n", " "), f"page {i + 1}"
    # every page with example figures carries the VOORBEELD watermark and band, the others do not
    for i in (1, 2, 3):
        assert pages[i].startswith(bp.WATERMERK) and bp.WATERMERK_BAND in pages[i], f"page {i + 1}"
    assert bp.WATERMERK_BAND not in pages[0] and bp.WATERMERK_BAND not in pages[4]
    assert "duidelijk hoger dan Nederland" not in "\n".join(pages).replace("\n", " ")


def test_pdf_without_illustrative_rows_has_no_notice(shipped):
    result = bp.build_pdf(_inp(shipped, _real_only(shipped[0])))
    text = "\n".join(_pages(result.pdf))
    assert "Capelle" in text and "Schollevaar Noord" in text
    assert NOTICE not in text.replace("\n", " ")
    assert "voorbeeldcijfer" not in text.lower()
    assert bp.WATERMERK not in text and "◇" not in text


def test_notice_only_on_the_pages_whose_figures_are_illustrative(shipped):
    data = _real_only(shipped[0])
    fake_wijken = data["regio_code"].str.startswith("WK")
    data.loc[fake_wijken, ["bron", "illustratief"]] = ["illustratief", True]
    pages = _pages(bp.build_pdf(_inp(shipped, data)).pdf)
    flat = [p.replace("\n", " ") for p in pages]
    assert NOTICE not in flat[1]  # the headline figures are real here
    assert NOTICE in flat[2] and NOTICE in flat[3]
    # the watermark follows the figures of each page, not the document
    assert [bp.WATERMERK_BAND in p for p in flat] == [False, False, True, True, False]


def test_pdf_without_wijk_figures_skips_map_and_ranking(shipped):
    data = shipped[0][~shipped[0]["regio_code"].str.startswith("WK")]
    result = bp.build_pdf(_inp(shipped, data))
    pages = _pages(result.pdf)
    assert len(pages) == 3 and "Bronnen" in pages[2]


def test_pdf_falls_back_to_a_core_font_with_a_note(shipped, tmp_path):
    result = bp.build_pdf(_inp(shipped), font_dirs=[tmp_path])
    text = "\n".join(_pages(result.pdf)).replace("\n", " ")
    assert result.lettertype == "Helvetica" and result.opmerking == bp.FALLBACK_NOTE
    assert "EUR 514.000" in text and "fonts-dejavu-core" in text
    assert "Capelle aan den IJssel" in text


def test_font_dir_from_environment(tmp_path, monkeypatch):
    found = bp.find_font_dir()
    if found is None:
        pytest.skip("DejaVu Sans is not installed here")
    for f in bp.FONT_FILES.values():
        (tmp_path / f).write_bytes((found / f).read_bytes())
    monkeypatch.setenv("MEER_SAMEN_FONT_DIR", str(tmp_path))
    assert bp.find_font_dir() == tmp_path


def test_file_name(shipped):
    assert bp.file_name(_inp(shipped)) == "raadsbriefing-eenzaam-2022-18plus-2026-11-27.pdf"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed")
def test_pdf_page_renders_to_png(shipped, allocation, conn):
    """Pages of the full PDF as images, kept as test artefacts (and proof a real reader opens it)."""
    out = ROOT / "test-artifacts" / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    (out / "raadsbriefing.pdf").write_bytes(bp.build_pdf(_full(shipped, allocation, conn)).pdf)
    for page in (1, 3, 5):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
             str(out / "raadsbriefing.pdf"), str(out / f"raadsbriefing-pagina-{page}")],
            check=True,
        )  # fmt: skip
        png = Path(out / f"raadsbriefing-pagina-{page}.png")
        assert png.stat().st_size > 20_000


# --- budget and plan sections ------------------------------------------------------------------------


def test_budget_section_sums_the_frame_per_theme_and_keeps_the_flag(allocation):
    section = bouwen.budget_section(allocation)
    assert section.jaar == 2022 and section.kader == 514_000
    assert [r.thema for r in section.rijen] == [1, 2, 3, 4]
    assert sum(r.bedrag for r in section.rijen) == section.totaal == 514_000
    assert abs(sum(r.aandeel for r in section.rijen) - 1) < 1e-9
    assert section.illustratief  # every row of the shipped allocation is an example
    real = allocation.assign(illustratief=False)
    assert not bouwen.budget_section(real).illustratief
    assert bouwen.budget_section(allocation, 2020).jaar == 2020
    assert bouwen.budget_section(allocation, 2031) is None


def test_the_plans_47_percent_is_not_shown_as_a_2016_measurement(shipped):
    """The plan names no year for Capelle's 47%; it is filed under 2016 but every text says so."""
    inp = _inp(shipped)
    assert "2016 47,0% (plan, geen meetjaar)" in brieftekst.trend_summary(inp)
    labels = briefgrafieken.trend_chart(inp).to_dict()
    assert "47,0% (plan, geen meetjaar)" in json.dumps(labels, ensure_ascii=False)
    assert "2016 43,0% (plan" not in brieftekst.trend_summary(inp)  # the real national 2016 figure has its year


def test_example_budget_is_no_finding_in_slide_pdf_or_table(shipped, allocation):
    """The example split: its ranking reads as an example (as on /budget) and every amount carries ◇."""
    inp = _inp(shipped, budget=bouwen.budget_section(allocation))
    zin = brieftekst.budget_summary(inp)
    assert "In de voorbeeldcijfers ◇: Het grootste deel gaat naar thema" in zin
    assert "Het grootste deel" not in zin.replace("In de voorbeeldcijfers ◇: Het grootste deel", "")
    assert next(d for d in dias.slides(inp) if d.key == "budget").samenvatting == zin
    assert all(c.endswith(" ◇") for c in inp.budget_tabel()["Bedrag"])
    page = next(p for p in _pages(bp.build_pdf(inp).pdf) if "Budget per thema" in p and "Thema" in p)
    page = page.replace("\n", " ")
    assert "In de voorbeeldcijfers ◇: Het grootste deel" in page
    assert br.euro(max(r.bedrag for r in inp.budget.rijen)) + " ◇" in page
    # a real budget: the sentence is a finding and the amounts carry no mark
    real = _inp(shipped, budget=bouwen.budget_section(allocation.assign(illustratief=False)))
    assert brieftekst.budget_summary(real).split(". ")[1].startswith("Het grootste deel gaat naar thema")
    assert not any("◇" in c for c in real.budget_tabel()["Bedrag"])


def test_plan_section_reflects_stored_status(conn, editor):
    plan = plan_lezen.load_plan()
    before = bouwen.plan_section(plan_status.action_states(conn, plan))
    assert before.bijgewerkt == 0 and sum(r.afgerond for r in before.rijen) == 0
    first = plan.themas[0].acties[0]
    plan_status.update_action(conn, editor, first.id, status="afgerond", door="Griffie", plan=plan)
    after = bouwen.plan_section(plan_status.action_states(conn, plan))
    assert after.bijgewerkt == 1 and after.laatst_gewijzigd
    row = next(r for r in after.rijen if r.thema == plan.themas[0].nummer)
    assert row.afgerond == 1


def test_full_pdf_has_budget_and_plan_pages(shipped, allocation, conn, editor):
    plan = plan_lezen.load_plan()
    plan_status.update_action(conn, editor, plan.themas[1].acties[0].id, status="afgerond", door="Griffie", plan=plan)
    inp = _full(shipped, allocation, conn)
    titles = bp.section_titles(inp)
    assert titles[-3:] == ["Budget per thema", "Voortgang van het plan", "Bronnen"]
    assert [d.key for d in dias.slides(inp)][-3:] == ["budget", "plan", "bronnen"]
    pages = _pages(bp.build_pdf(inp).pdf)
    assert len(pages) == 1 + len(titles) == 7
    budget_page, plan_page = pages[4].replace("\n", " "), pages[5].replace("\n", " ")
    top = br.euro(max(r.bedrag for r in inp.budget.rijen))
    assert "Budget per thema, 2022" in budget_page and top in budget_page
    assert bp.WATERMERK_BAND in budget_page  # the example split
    assert NOTICE in budget_page and "kader van € 514.000" in budget_page
    assert "Voortgang van het plan" in plan_page and "1 afgerond, 11 lopend (◇ voorbeeldstatus), 2 gepland" in plan_page
    assert "1 van de 14 acties" in plan_page and NOTICE not in plan_page
    # 11 statuses are still the plan file's examples: the page carries the band and its own notice
    assert bp.WATERMERK_BAND in plan_page and br.PLAN_VOORBEELD_KOP in plan_page and "Het verst" not in plan_page
    assert "Budget ontmoeting en eenzaamheid" in pages[6] and "Uitvoeringsplan" in pages[6]


def test_full_pdf_without_any_illustrative_data_has_no_notice(shipped, allocation, conn, editor):
    data = _real_only(shipped[0])
    plan = plan_lezen.load_plan()
    for actie in plan.acties:  # an editor has saved every status: none is an example any more
        plan_status.update_action(conn, editor, actie.id, status=actie.status, plan=plan)
    inp = _inp(
        shipped,
        data,
        budget=bouwen.budget_section(allocation.assign(illustratief=False)),
        plan=bouwen.plan_section(plan_status.action_states(conn, plan)),
    )
    assert not inp.illustratief
    text = "\n".join(_pages(bp.build_pdf(inp).pdf)).replace("\n", " ")
    assert NOTICE not in text and br.PLAN_VOORBEELD_KOP not in text and bp.WATERMERK_BAND not in text
    assert "De verdeling over de thema's is een voorbeeld" not in text


def test_example_bars_look_the_same_in_every_chart(shipped):
    """One style for an example value in a chart (lib.cijfers.voorbeeld.STIJL_*): the briefing's ranking and the
    ranked bars of /kaart and /wijk draw examples light and dashed alike (before: 0.2, 0.15 and 0.25)."""
    import pandas as pd

    from lib.cijfers import voorbeeld as vb
    from lib.wijk import grafieken as wijkgrafieken

    def encoding(spec):
        for laag in spec.get("layer", [spec]):
            if "fillOpacity" in laag.get("encoding", {}):
                return laag["encoding"]
            if "layer" in laag:
                return encoding(laag)
        raise AssertionError("no bars with the example style")

    inp = _inp(shipped)
    tabel = inp.wijken
    kaart_tabel = pd.DataFrame(
        {
            "naam": [w.wijk_naam for w in tabel],
            "waarde": [w.waarde for w in tabel],
            "ondergrens": [w.ondergrens for w in tabel],
            "bovengrens": [w.bovengrens for w in tabel],
            "illustratief": [w.illustratief for w in tabel],
        }
    )
    for spec in (
        briefgrafieken.ranking_chart(inp).to_dict(),
        wijkgrafieken.ranked_bars(kaart_tabel, "Eenzaam", inp.gemeente_waarde, "Capelle", None).to_dict(),
    ):
        enc = encoding(spec)
        assert enc["fillOpacity"]["scale"]["range"] == [vb.STIJL_ECHT["fillOpacity"], vb.STIJL_VOORBEELD["fillOpacity"]]
        assert enc["strokeDash"]["scale"]["range"] == [vb.STIJL_ECHT["strokeDash"], vb.STIJL_VOORBEELD["strokeDash"]]
        # a legend entry that looks like an example bar (light fill, the bar's outline), as the colour is a field
        legenda = enc["strokeDash"]["legend"]
        assert legenda["values"] == [vb.SOORT_VOORBEELD]
        assert enc["color"]["scale"] is None  # the colour is a field: the legend keeps its own light fill
        assert legenda["symbolFillColor"] != legenda["symbolStrokeColor"]

    # with only real figures there is nothing to explain: no legend entry
    echt = _inp(shipped, data=_real_only(shipped[0]))
    assert encoding(briefgrafieken.ranking_chart(echt).to_dict())["strokeDash"]["legend"] is None


def test_pdf_chart_axes_write_euros_the_dutch_way(shipped, allocation, conn):
    """The PDF renders charts with vl-convert: the amount axis reads 100.000 (a separator swap on top of the
    Dutch locale once made it 100,000)."""
    svg = vlc.vegalite_to_svg(briefgrafieken.budget_chart(_full(shipped, allocation, conn)).to_json(), **bp.VL_OPTIES)
    assert ">100.000</text>" in svg and ">100,000</text>" not in svg
