"""The council briefing as an A4 PDF: fpdf2 for the pages, vl-convert for the altair charts.

Both run fully offline (no browser, no network): vl-convert embeds the Vega engine and is told to
load nothing from anywhere (`allowed_base_urls=[]`). Text is set in DejaVu Sans so Dutch text and
the euro sign print; when that font is missing the PDF falls back to Helvetica and says so.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import vl_convert as vlc
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from lib.briefing import grafieken as briefgrafieken
from lib.briefing import records as br
from lib.briefing import tekst as brieftekst
from lib.briefing.a4 import (  # noqa: F401 (FONT_FILES, WATERMERK, WATERMERK_BAND: tests)
    BLAUW,
    FALLBACK_NOTE,
    FONT_FILES,
    GRIJS,
    WATERMERK,
    WATERMERK_BAND,
    Pdf,
    find_font_dir,
)
from lib.kern import getallen

WIJK_UITLEG = "Echte cijfers per wijk en buurt (RIVM/CBS-tabel 50120NED) leest u in op de pagina Data en bronnen."
ALGEMEEN_UITLEG = (
    "Elke pagina met voorbeeldcijfers draagt deze melding; echte cijfers leest u in op de pagina Data en bronnen."
)
BUDGET_UITLEG = "Echt is alleen het kader van € 514.000 per jaar; de verdeling over de thema's staat niet in het plan."
CHART_SCALE = 2  # pixels per CSS pixel: sharp on paper without a huge file
MARGIN = 18  # mm
ORANJE_LICHT = (255, 243, 214)


@dataclass(frozen=True)
class PdfResultaat:
    """The PDF bytes plus what the page should tell the user about them."""

    pdf: bytes
    paginas: int
    lettertype: str
    opmerking: str = ""  # e.g. the font fallback note


# Offline rendering with Dutch numbers (51,6 not 51.6); the chart's own config.locale says the same.
VL_OPTIES = {"format_locale": "nl-NL", "time_format_locale": "nl-NL", "allowed_base_urls": []}


def chart_png(chart: alt.TopLevelMixin, scale: float = CHART_SCALE) -> bytes:
    """Render an altair chart to PNG offline, with Dutch number formatting."""
    return vlc.vegalite_to_png(chart.to_json(), scale=scale, **VL_OPTIES)


class _Briefing(Pdf):
    def __init__(self, inp: br.BriefingInput, font_dir: Path | None):
        super().__init__(font_dir)
        self.inp = inp
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=20)
        self.set_lang("nl")
        self.set_title(f"Raadsbriefing Meer samen, minder eenzaam: {inp.gemeente_naam}")
        self.set_author(f"Gemeente {inp.gemeente_naam}")
        self.set_subject(inp.keuze.omschrijving())
        self.set_creator("Meer Samen dashboard")
        self.alias_nb_pages()
        self.notice_on_page = False

    def footer(self) -> None:
        self.set_y(-13)
        self.font(8)
        self.set_text_color(*GRIJS)
        left = f"Raadsbriefing Meer samen, minder eenzaam · {self.inp.gemeente_naam} · {getallen.datum(self.inp.datum)}"
        self.cell(0, 5, self.t(left), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, self.t(f"pagina {self.page_no()} van {{nb}}"), align="R")
        self.set_text_color(0, 0, 0)

    # --- building blocks -----------------------------------------------------------------------
    def heading(self, text: str, size: float = 18) -> None:
        self.font(size, bold=True)
        self.set_text_color(*BLAUW)
        self.multi_cell(0, size * 0.5, self.t(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def para(self, text: str, size: float = 10.5, bold: bool = False, color=(0, 0, 0)) -> None:
        self.font(size, bold)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, self.t(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def source(self, text: str) -> None:
        if text:
            self.para(f"Bron: {text}", size=8.5, color=GRIJS)

    def notice(self, what: str, uitleg: str = WIJK_UITLEG, *, kop: str = br.ILLUSTRATIEF_KOP, tekst: str = "") -> None:
        """The illustrative notice: a shaded box, bold heading, what it concerns, where real data comes from.
        ``tekst`` replaces the sentence about example figures (the plan's statuses are no figures)."""
        self.set_fill_color(*ORANJE_LICHT)
        self.set_draw_color(230, 159, 0)
        self.set_line_width(0.4)
        self.font(10)
        text = f"**{kop}.** " + (
            tekst or f"{what} zijn voorbeeldcijfers om het dashboard te kunnen gebruiken. {uitleg}"
        )
        self.multi_cell(
            0,
            5.2,
            self.t(text),
            border=1,
            fill=True,
            padding=2.5,
            align="L",
            markdown=True,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_fill_color(255, 255, 255)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)
        self.ln(3)

    def chart(self, chart: alt.TopLevelMixin, width_mm: float) -> None:
        png = chart_png(chart)
        x = self.l_margin + (self.epw - width_mm) / 2
        self.image(io.BytesIO(png), x=x, w=width_mm)
        self.ln(3)

    def table(self, header: list[str], rows: list[list[str]], widths: tuple[float, ...], size: float = 9) -> None:
        self.font(size)
        with super().table(
            col_widths=widths,
            text_align="LEFT",
            line_height=size * 0.55,
            headings_style=_headings_style(self.family),
            borders_layout="HORIZONTAL_LINES",
            cell_fill_color=(246, 246, 246),
            cell_fill_mode="ROWS",
            padding=1.2,
        ) as table:
            table.row([self.t(h) for h in header])
            for row in rows:
                table.row([self.t(str(c)) for c in row])
        self.ln(3)


def _headings_style(family: str):
    return FontFace(family=family, emphasis="BOLD", color=BLAUW, fill_color=(235, 242, 248))


# --- the pages -------------------------------------------------------------------------------------


def _title_page(pdf: _Briefing, inp: br.BriefingInput, sections: list[str]) -> None:
    pdf.pagina(False)
    pdf.ln(30)
    pdf.font(12, bold=True)
    pdf.set_text_color(*GRIJS)
    pdf.cell(0, 8, pdf.t(f"Gemeente {inp.gemeente_naam} · Raadsbriefing"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    pdf.heading("Meer samen, minder eenzaam", size=28)
    pdf.para("Stand van zaken voor de gemeenteraad: waar eenzaamheid speelt, en wat het plan eraan doet.", size=13)
    pdf.ln(6)
    pdf.para(f"Datum: {getallen.datum(inp.datum)}", size=11)
    pdf.para(f"Cijfers: {inp.keuze.omschrijving()}", size=11)
    if inp.budget:
        pdf.para(f"Budget: {inp.budget.jaar}", size=11)
    pdf.para(f"Gemeente: {inp.gemeente_naam} ({inp.gemeente_code})", size=11)
    pdf.ln(6)
    if inp.illustratief:
        pdf.notice(_illustrative_what(inp), ALGEMEEN_UITLEG)
    pdf.heading("Inhoud", size=14)
    for i, title in enumerate(sections, start=2):
        pdf.para(f"{title}  ·  pagina {i}", size=11)


def _illustrative_what(inp: br.BriefingInput) -> str:
    parts = []
    if inp.kerncijfers_illustratief:
        parts.append("het gemeentecijfer voor deze keuze")
    if inp.wijken_illustratief:
        parts.append("de wijkcijfers (kaart en ranglijst)")
    if inp.budget_illustratief:
        parts.append("de verdeling van het budget over de thema's")
    if inp.plan_illustratief:
        parts.append(f"de statussen van {inp.plan.voorbeeld} acties van het plan")
    return "In deze briefing: " + brieftekst.opsomming(parts) if parts else "Sommige cijfers"


def _headline_page(pdf: _Briefing, inp: br.BriefingInput) -> None:
    pdf.pagina(inp.kerncijfers_illustratief)
    pdf.heading("Kerncijfers")
    if inp.kerncijfers_illustratief:
        pdf.notice("Het gemeentecijfer voor deze keuze en de gemeentecijfers door de jaren")
    rows = [[k.label, k.waarde, k.toelichting, k.bron] for k in inp.kerncijfers]
    pdf.table(["Wat", "Cijfer", "Toelichting", "Bron en jaar"], rows, (40, 26, 50, 58), size=8.5)
    pdf.heading(f"{inp.keuze.indicator_label} door de jaren, {inp.keuze.leeftijd_label}", size=13)
    pdf.chart(briefgrafieken.trend_chart(inp, width=460, height=130), width_mm=140)
    pdf.para(brieftekst.trend_summary(inp), size=9.5)
    pdf.source(inp.bron_trend)


def _map_page(pdf: _Briefing, inp: br.BriefingInput) -> None:
    pdf.pagina(inp.wijken_illustratief)
    pdf.heading(f"{inp.keuze.indicator_label} per wijk, {inp.keuze.periode}")
    if inp.wijken_illustratief:
        pdf.notice("De wijkcijfers op deze kaart")
    pdf.chart(briefgrafieken.map_chart(inp, width=460, height=470), width_mm=150)
    pdf.para(brieftekst.map_summary(inp), size=9.5)
    pdf.source(inp.bron_wijken)


def _ranking_page(pdf: _Briefing, inp: br.BriefingInput) -> None:
    pdf.pagina(inp.wijken_illustratief)
    pdf.heading("Wijken van hoog naar laag")
    if inp.wijken_illustratief:
        pdf.notice("De wijkcijfers in deze ranglijst")
    pdf.chart(briefgrafieken.ranking_chart(inp, width=400), width_mm=165)
    pdf.para(
        brieftekst.ranking_summary(inp) + " De zwarte lijnen zijn de 95%-marges; de stippellijn is het gemeentecijfer.",
        size=9.5,
    )
    table = inp.wijk_tabel()
    pdf.table(
        list(table.columns[:6]),
        [[*map(str, row[:5]), getallen.getal(row[5])] for row in table.itertuples(index=False)],
        (12, 48, 18, 32, 40, 24),
        size=8.5,
    )
    pdf.source(inp.bron_wijken)


def _budget_page(pdf: _Briefing, inp: br.BriefingInput) -> None:
    pdf.pagina(inp.budget.illustratief)
    pdf.heading(f"Budget per thema, {inp.budget.jaar}")
    if inp.budget.illustratief:
        pdf.notice("De bedragen per thema", BUDGET_UITLEG)
    pdf.chart(briefgrafieken.budget_chart(inp, width=330), width_mm=165)
    pdf.para(brieftekst.budget_summary(inp), size=9.5)
    table = inp.budget_tabel()
    pdf.table(list(table.columns), [list(map(str, r)) for r in table.itertuples(index=False)], (110, 34, 30))
    pdf.para(
        f"Begroot structureel Wmo-geld voor ontmoeting en eenzaamheid, tegen het kader van {br.euro(inp.budget.kader)} "
        "per jaar. Incidenteel geld en fondsen komen daar bovenop en staan op de pagina Budget.",
        size=9,
        color=GRIJS,
    )
    pdf.source(inp.budget.bron)


def _plan_page(pdf: _Briefing, inp: br.BriefingInput) -> None:
    pdf.pagina(inp.plan.illustratief)
    pdf.heading("Voortgang van het plan")
    if inp.plan.illustratief:
        pdf.notice("", kop=br.PLAN_VOORBEELD_KOP, tekst=brieftekst.plan_voorbeeld(inp))
    pdf.chart(briefgrafieken.plan_chart(inp, width=330), width_mm=165)
    pdf.para(brieftekst.plan_summary(inp), size=9.5)
    table = inp.plan_tabel()
    widths = (58, 19, 19, 19, 19, 22, 18) if br.PLAN_VOORBEELD_KOLOM in table else (74, 20, 20, 20, 20, 20)
    pdf.table(list(table.columns), [list(map(str, r)) for r in table.itertuples(index=False)], widths)
    pdf.source(inp.plan.bron)


def _comparison_page(pdf: _Briefing, inp: br.BriefingInput) -> None:
    v = inp.vergelijking
    pdf.pagina(v.illustratief)
    pdf.heading(v.titel)
    if v.illustratief:
        pdf.notice("Een deel van de cijfers in deze vergelijking", WIJK_UITLEG)
    pdf.para(v.tekst, size=9.5)
    pdf.table(list(v.kolommen), [list(r) for r in v.rijen], (34, 16, 30, 32, 24, 24)[: len(v.kolommen)], size=8)
    pdf.para(v.toelichting, size=9, color=GRIJS)
    pdf.source(v.bron)


def _sources_page(pdf: _Briefing, inp: br.BriefingInput, font_note: str) -> None:
    pdf.pagina(False)
    pdf.heading("Bronnen")
    pdf.para("Alle cijfers in deze briefing, met bron, jaar en licentie.", size=10)
    rows = [[r.label, str(r.jaar), r.licentie, r.url or "-"] for r in inp.bronnen]
    pdf.table(["Bron", "Jaar", "Licentie", "Adres"], rows, (70, 12, 40, 52), size=8)
    if inp.illustratief:
        pdf.notice(_illustrative_what(inp), ALGEMEEN_UITLEG)
    pdf.para(
        "Wijk- en buurtcijfers van het RIVM zijn modelschattingen (kleine-gebiedsschattingen); lees ze met hun "
        "marges. Het dashboard bewaart geen persoonsgegevens van inwoners.",
        size=9,
        color=GRIJS,
    )
    pdf.para(f"Gemaakt met het dashboard Meer Samen op {getallen.datum(inp.datum)}.", size=9, color=GRIJS)
    if font_note:
        pdf.para(font_note, size=9, color=GRIJS)


def section_titles(inp: br.BriefingInput) -> list[str]:
    """The sections of the PDF after the title page, one page each, in order."""
    titles = ["Kerncijfers"]
    if inp.wijken:
        titles += ["Kaart per wijk", "Wijken van hoog naar laag"]
    if inp.budget:
        titles.append("Budget per thema")
    if inp.plan:
        titles.append("Voortgang van het plan")
    if inp.vergelijking:
        titles.append(inp.vergelijking.titel)
    titles.append("Bronnen")
    return titles


def build_pdf(inp: br.BriefingInput, font_dirs: Iterable[Path] | None = None) -> PdfResultaat:
    """The briefing as A4 PDF bytes: title page, one page per section, page numbers and date."""
    font_dir = find_font_dir(font_dirs)
    pdf = _Briefing(inp, font_dir)
    note = "" if font_dir else FALLBACK_NOTE
    titles = section_titles(inp)
    _title_page(pdf, inp, titles)
    _headline_page(pdf, inp)
    if inp.wijken:
        _map_page(pdf, inp)
        _ranking_page(pdf, inp)
    if inp.budget:
        _budget_page(pdf, inp)
    if inp.plan:
        _plan_page(pdf, inp)
    if inp.vergelijking:
        _comparison_page(pdf, inp)
    _sources_page(pdf, inp, note)
    return PdfResultaat(bytes(pdf.output()), pdf.page_no(), pdf.family, note)


def file_name(inp: br.BriefingInput) -> str:
    """'raadsbriefing-eenzaam-2022-18plus-2026-11-27.pdf'."""
    leeftijd = inp.keuze.leeftijd.replace("+", "plus")
    return f"raadsbriefing-{inp.keuze.indicator}-{inp.keuze.periode}-{leeftijd}-{inp.datum.isoformat()}.pdf"
