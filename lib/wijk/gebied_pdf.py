"""The one-page area profile (gebiedsprofiel) as a PDF, to take to an opgaveteam meeting."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from fpdf.enums import XPos, YPos

from lib.briefing.a4 import BLAUW, GRIJS, A4Document
from lib.cijfers import meta
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import INDICATOREN
from lib.kern import getallen
from lib.regio import gebieden as gb


def wijk_rows(p: gb.GebiedProfiel) -> list[list[str]]:
    """Per wijk: name, inhabitants, land area, density, loneliness estimate with margin, activities."""
    rows = []
    for r in p.per_wijk.itertuples():
        if pd.notna(r.waarde):
            eenzaam = getallen.procent(r.waarde, 1)
            if pd.notna(r.ondergrens) and pd.notna(r.bovengrens):
                eenzaam += f" ({getallen.getal(r.ondergrens, 1)}-{getallen.getal(r.bovengrens, 1)})"
            eenzaam += vb.merk(bool(r.illustratief))
        else:
            eenzaam = "geen cijfer"
        rows.append(
            [
                f"{r.wijk_naam} ({r.wijk_code})",
                getallen.getal(r.inwoners),
                getallen.getal(r.oppervlakte_land_ha),
                getallen.getal(r.dichtheid),
                eenzaam,
                str(r.activiteiten),
            ]
        )
    return rows


def to_pdf(p: gb.GebiedProfiel, gemeente_naam: str, vandaag: dt.date | None = None) -> bytes:
    """One A4 page: summary, totals, the table per wijk, and how the figures are combined."""
    vandaag = vandaag or dt.date.today()
    pdf = A4Document(f"Gebiedsprofiel {p.gebied.naam}, {gemeente_naam}")
    pdf.set_auto_page_break(False)
    pdf.pagina(p.illustratief)  # the VOORBEELD band and watermark when an example figure stands on it
    pdf.font(20, bold=True)
    pdf.set_text_color(*BLAUW)
    pdf.multi_cell(0, 10, pdf.t(f"Gebiedsprofiel {p.gebied.naam}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.para(f"Gemeente {gemeente_naam} · opgaveteam · gemaakt op {getallen.datum_kort(vandaag)}", size=9, color=GRIJS)
    if p.gebied.toelichting:
        pdf.para(p.gebied.toelichting)
    pdf.para(gb.samenvatting(p))

    pdf.heading("In cijfers")
    pdf.tabel(
        ["", "Gebied", "Bron"],
        [
            ["Inwoners", getallen.getal(p.inwoners), "CBS Kerncijfers wijken en buurten 2024"],
            ["Deel van de gemeente", getallen.procent(p.aandeel_gemeente * 100, 1), "CBS 2024"],
            ["Oppervlakte land", f"{getallen.getal(p.oppervlakte_ha)} ha", "CBS 2024"],
            ["Inwoners per km²", getallen.getal(p.dichtheid), "uit de totalen hierboven"],
            ["Activiteiten in de sociale kaart", str(p.activiteiten), "sociale kaart van dit dashboard"],
        ],
        (60, 40, 74),
    )

    label = INDICATOREN[gb.PROFIEL_INDICATOR].label.lower()
    pdf.heading(f"Per wijk ({label}, 18 jaar en ouder{f', {p.periode}' if p.periode else ''})")
    pdf.tabel(
        ["Wijk", "Inwoners", "Land (ha)", "Per km²", f"% {label} (marge)", "Activiteiten"],
        wijk_rows(p),
        (52, 22, 20, 20, 40, 20),
    )
    pdf.para(gb.UITLEG_PER_WIJK, size=8.5, color=GRIJS)
    if p.illustratief:
        pdf.para(
            f"Let op: de percentages met '{vb.TEKEN} voorbeeld' zijn voorbeeldcijfers, geen metingen. Echte cijfers per wijk "
            "(RIVM/CBS-tabel 50120NED) leest u in op de pagina Data en bronnen.",
            size=9,
        )
    # the loneliness source per figure shown: an example is never credited to RIVM
    eenzaamheid = "; ".join(meta.bron_label(k) for k in dict.fromkeys(p.per_wijk["bron"].dropna())) or "geen cijfers"
    pdf.para(
        f"Bron: CBS (inwoners, oppervlakte; CC-BY 4.0); eenzaamheid: {eenzaamheid}; indeling van het "
        f"gebied: {p.gebied.bron}.",
        size=8,
        color=GRIJS,
    )
    return bytes(pdf.output())
