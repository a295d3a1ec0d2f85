"""PDF pages for the exports: the fonts, one text door, and a plain A4 document.

`Pdf` is the base of every PDF the dashboard makes (the council briefing in lib.briefing.pdf, the
year evaluation, the area profile): DejaVu Sans when installed, so Dutch text and the euro sign
print; otherwise Helvetica, with what Latin-1 cannot hold replaced, and the page says so.
`A4Document` adds headings, paragraphs and tables for the short exports.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from lib.kern.config import DATA_DIR

FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT_DIRS = (
    DATA_DIR / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian/Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
FALLBACK_NOTE = (
    "Het lettertype DejaVu Sans is niet gevonden; deze PDF gebruikt Helvetica, zonder euroteken "
    "(er staat 'EUR'). Installeer het pakket fonts-dejavu-core voor de volledige tekens."
)
BLAUW, GRIJS = (0, 84, 140), (90, 90, 90)
WATERMERK = "VOORBEELD"
WATERMERK_BAND = "VOORBEELD · ◇ = voorbeeldcijfer, geen echte meting · niet citeren als uitkomst"
WATERMERK_KLEUR, BAND_KLEUR = (246, 224, 190), (200, 120, 0)


def find_font_dir(dirs: Iterable[Path] | None = None) -> Path | None:
    """The first folder holding DejaVu Sans regular and bold (MEER_SAMEN_FONT_DIR first), or None."""
    candidates = list(dirs) if dirs is not None else [*_env_dirs(), *FONT_DIRS]
    for d in candidates:
        if all((Path(d) / f).is_file() for f in FONT_FILES.values()):
            return Path(d)
    return None


def _env_dirs() -> list[Path]:
    explicit = os.environ.get("MEER_SAMEN_FONT_DIR")
    return [Path(explicit)] if explicit else []


class Pdf(FPDF):
    """An A4 page in DejaVu Sans (or Helvetica when the font is missing); all text goes through t()."""

    def __init__(self, font_dir: Path | None):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.unicode = font_dir is not None
        if self.unicode:
            for style, filename in FONT_FILES.items():
                self.add_font("DejaVu", style, str(font_dir / filename))
            self.family = "DejaVu"
        else:
            self.family = "Helvetica"
        self.voorbeeld_pagina = False  # set before add_page() (or use pagina()): the next page shows examples

    def header(self) -> None:
        """On a page with example figures: a band at the top and a large diagonal watermark, drawn first
        so the content stays readable on top of it. Part of the page itself, so it survives printing,
        cropping a screenshot or copying the page into another document."""
        if not self.voorbeeld_pagina:
            return
        self.set_text_color(*WATERMERK_KLEUR)
        self.font(96, bold=True)
        with self.rotation(55, x=self.w / 2, y=self.h / 2):
            width = self.get_string_width(WATERMERK)
            self.text(self.w / 2 - width / 2, self.h / 2 + 12, WATERMERK)
        self.set_fill_color(*BAND_KLEUR)
        self.rect(0, 0, self.w, 9, style="F")
        self.set_xy(self.l_margin, 1.5)
        self.font(9, bold=True)
        self.set_text_color(255, 255, 255)
        self.cell(0, 6, self.t(WATERMERK_BAND), align="C")
        self.set_text_color(0, 0, 0)
        self.set_fill_color(255, 255, 255)
        self.set_xy(self.l_margin, self.t_margin)

    def pagina(self, voorbeeld: bool) -> None:
        """A new page; with `voorbeeld` it carries the VOORBEELD band and watermark."""
        self.voorbeeld_pagina = voorbeeld
        self.add_page()

    # Text through one door, so the core-font fallback can replace what Latin-1 cannot hold.
    def t(self, text: str) -> str:
        text = str(text)
        if self.unicode:
            return text
        text = text.replace("€", "EUR").replace("–", "-").replace("’", "'").replace("◇", "(vb)").replace("·", "-")
        return text.encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)


class A4Document(Pdf):
    """A plain A4 document: headings, paragraphs, tables, a page footer."""

    def __init__(self, titel: str):
        super().__init__(find_font_dir())
        self.titel = titel
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_lang("nl")
        self.set_title(titel)
        self.set_creator("Meer Samen dashboard")
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-12)
        self.font(8)
        self.set_text_color(*GRIJS)
        self.cell(0, 5, self.t(f"{self.titel} · pagina {self.page_no()} van {{nb}}"), align="R")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: float = 14) -> None:
        self.ln(2)
        self.font(size, bold=True)
        self.set_text_color(*BLAUW)
        self.multi_cell(0, size * 0.5, self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def para(self, text: str, size: float = 10, color=(0, 0, 0)) -> None:
        self.font(size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, self.t(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def tabel(self, kop: list[str], rows: list[list[str]], breedtes: tuple[int, ...]) -> None:
        self.font(8.5)
        with self.table(col_widths=breedtes, text_align="LEFT", line_height=4.2, first_row_as_headings=True) as t:
            for rij in [kop, *rows]:
                cells = t.row()
                for cel in rij:
                    cells.cell(self.t(cel))
        self.ln(2)
