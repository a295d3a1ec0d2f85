"""A plain A4 document with fpdf2 for the short exports (year evaluation, area profile).

Same fonts as the council briefing (lib.briefing.pdf): DejaVu Sans when installed, so Dutch text and
the euro sign print; otherwise Helvetica with the characters Latin-1 cannot hold replaced.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from lib.briefing.pdf import FONT_FILES, find_font_dir

BLAUW, GRIJS = (0, 84, 140), (90, 90, 90)


class A4Document(FPDF):
    """A plain A4 document: DejaVu Sans when installed (else Helvetica), headings, paragraphs, tables."""

    def __init__(self, titel: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        font_dir = find_font_dir()
        self.unicode = font_dir is not None
        if self.unicode:
            for style, filename in FONT_FILES.items():
                self.add_font("DejaVu", style, str(font_dir / filename))
            self.family = "DejaVu"
        else:
            self.family = "Helvetica"
        self.titel = titel
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_lang("nl")
        self.set_title(titel)
        self.set_creator("Meer Samen dashboard")
        self.alias_nb_pages()

    def t(self, text: str) -> str:
        if self.unicode:
            return str(text)
        return str(text).replace("€", "EUR").encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)

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
