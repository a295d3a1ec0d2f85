"""The year-end evaluation for the council: what changed, the indicators, the status per theme.

``build`` gathers one year: the audit trail of that year (action statuses, recorded events,
measurements and targets), the timeline moments of that year, the indicators with the value
measured for that year, and the status per theme as it stands now. ``to_pdf`` sets it on A4 with
fpdf2 (the same fonts as the council briefing); everything offline.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

import pandas as pd
from fpdf.enums import XPos, YPos

from lib.briefing.a4 import BLAUW, GRIJS, A4Document
from lib.cijfers import voorbeeld as vb
from lib.kern import getallen, storage
from lib.plan import indicatoren as ind
from lib.plan import status as plan_status
from lib.plan import tijdlijn, voortgang
from lib.plan.model import Plan

AUDIT_TABELLEN = {
    plan_status.AUDIT_TABEL: "Actie",
    tijdlijn.TABEL: "Gebeurtenis",
    ind.TABEL_METING: "Meting",
    ind.TABEL_STREEF: "Streefwaarde",
}


@dataclass(frozen=True)
class Evaluatie:
    jaar: int
    gemaakt: dt.date
    wijzigingen: pd.DataFrame  # Wanneer, Onderdeel, Oud, Nieuw, Door
    momenten: pd.DataFrame  # the timeline rows of this year
    indicatoren: pd.DataFrame  # lib.plan.indicatoren.progress for this year
    per_thema: pd.DataFrame  # lib.plan.voortgang.progress_by_theme (now)


def changes(conn: sqlite3.Connection, jaar: int) -> pd.DataFrame:
    """The audit trail of the plan's tables for one calendar year (UTC timestamps), oldest first. "Door"
    says how each name was established (organisation account, local account or a typed name)."""
    marks = ", ".join("?" for _ in AUDIT_TABELLEN)
    rows = conn.execute(
        f"SELECT tabel, sleutel, veld, oud, nieuw, tijdstip, door, door_id, door_bron FROM audit_log "
        f"WHERE tabel IN ({marks}) AND substr(tijdstip, 1, 4) = ? ORDER BY id",
        (*AUDIT_TABELLEN, str(jaar)),
    ).fetchall()
    out = []
    for r in rows:
        soort = AUDIT_TABELLEN[r["tabel"]]
        if r["tabel"] == plan_status.AUDIT_TABEL:
            wat = f"Actie {r['sleutel']}: {plan_status.VELDEN.get(r['veld'], r['veld']).lower()}"
        elif r["tabel"] == ind.TABEL_METING:
            indicator_id, _, meetjaar = r["sleutel"].partition("/")
            wat = f"Meting {indicator_id}, jaar {meetjaar}"
        elif r["tabel"] == ind.TABEL_STREEF:
            wat = f"Streefwaarde {r['sleutel']}"
        else:
            wat = f"{soort} vastgelegd"
        out.append(
            {
                "Wanneer": plan_status.format_tijdstip(r["tijdstip"]),
                "Onderdeel": wat,
                "Oud": r["oud"] or plan_status.LEEG,
                "Nieuw": r["nieuw"] or plan_status.LEEG,
                "Door": storage.door_label(r["door"], r["door_id"], r["door_bron"]),
            }
        )
    return pd.DataFrame(out, columns=["Wanneer", "Onderdeel", "Oud", "Nieuw", "Door"])


def build(
    conn: sqlite3.Connection,
    plan: Plan,
    jaar: int,
    indicatoren: tuple[ind.Indicator, ...],
    vandaag: dt.date | None = None,
) -> Evaluatie:
    """Everything the evaluation of ``jaar`` shows."""
    states = plan_status.action_states(conn, plan)
    lijn = tijdlijn.timeline(conn, plan, states)
    return Evaluatie(
        jaar=jaar,
        gemaakt=vandaag or dt.date.today(),
        wijzigingen=changes(conn, jaar),
        momenten=lijn[lijn["jaar"] == jaar].reset_index(drop=True),
        indicatoren=ind.progress(conn, indicatoren, jaar=jaar),
        per_thema=voortgang.progress_by_theme(states),
    )


def indicator_rows(df: pd.DataFrame) -> list[list[str]]:
    """The indicator table as text cells: indicator, target, measured, progress, source."""
    rows = []
    for r in df.itertuples():
        streef = ind.format_getal(r.streefwaarde) + (" (voorbeeld)" if r.streef_voorbeeld else "")
        gemeten = ind.format_getal(r.waarde) if pd.notna(r.waarde) else "nog niet gemeten"
        aandeel = getallen.aandeel(r.aandeel) if pd.notna(r.aandeel) else ""
        bron = f"{r.bron} ({plan_status.format_datum(r.peildatum)})" if r.bron else ""
        rows.append([f"{r.resultaat} {r.indicator} ({r.eenheid})", streef, gemeten, aandeel, bron])
    return rows


def status_rows(per_thema: pd.DataFrame) -> tuple[list[str], list[list[str]], tuple[int, ...]]:
    """The status-per-theme table as header, text cells and column widths; while any status is an
    example, a column says how many per theme."""
    kop = ["Thema", "Gepland", "Lopend", "Afgerond", "Gestopt", "Totaal"]
    rows = [
        [f"{r.thema}. {r.thema_naam}", str(r.gepland), str(r.lopend), str(r.afgerond), str(r.gestopt), str(r.totaal)]
        for r in per_thema.itertuples()
    ]
    if "voorbeeld" not in per_thema or not per_thema["voorbeeld"].any():
        return kop, rows, (84, 18, 18, 18, 18, 18)
    kop.insert(-1, voortgang.VOORBEELD_KOP)
    for row, n in zip(rows, per_thema["voorbeeld"], strict=True):
        row.insert(-1, str(int(n)))
    return kop, rows, (60, 18, 17, 19, 17, 25, 18)


def to_pdf(ev: Evaluatie, gemeente_naam: str) -> bytes:
    """The evaluation as an A4 PDF (bytes)."""
    pdf = A4Document(f"Evaluatie {ev.jaar} Meer samen, minder eenzaam, {gemeente_naam}")
    pdf.add_page()
    pdf.font(20, bold=True)
    pdf.set_text_color(*BLAUW)
    pdf.multi_cell(0, 10, pdf.t(f"Evaluatie {ev.jaar}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.para(
        f"Meer samen, minder eenzaam · gemeente {gemeente_naam} · gemaakt op {getallen.datum_kort(ev.gemaakt)} "
        "met het dashboard Meer Samen."
    )
    pdf.para(
        "Bron: uitvoeringsplan (2019); statussen, gebeurtenissen en metingen zoals redacteuren ze in het dashboard "
        "vastlegden, met hun naam en datum. Streefwaarden met '(voorbeeld)' zijn een voorstel van het dashboard, "
        "niet uit het plan.",
        size=8.5,
        color=GRIJS,
    )

    pdf.heading(f"Wat er in {ev.jaar} gebeurde")
    if len(ev.momenten):
        pdf.tabel(
            ["Wanneer", "Wat", "Bron"],
            [[tijdlijn.format_moment(r.datum, r.jaar), r.titel, r.bron] for r in ev.momenten.itertuples()],
            (22, 110, 42),
        )
    else:
        pdf.para(f"Er zijn voor {ev.jaar} geen gebeurtenissen vastgelegd.")

    pdf.heading("Indicatoren per resultaat")
    pdf.para(ind.summary(ev.indicatoren))
    pdf.tabel(
        ["Resultaat en indicator", "Streefwaarde", f"Gemeten {ev.jaar}", "Van streef", "Bron (peildatum)"],
        indicator_rows(ev.indicatoren),
        (70, 28, 22, 16, 38),
    )

    pdf.heading("Status per thema")
    pdf.para("Stand van de acties op de dag dat deze evaluatie is gemaakt.", size=8.5, color=GRIJS)
    kop, rows, breedtes = status_rows(ev.per_thema)
    n_voorbeeld = int(ev.per_thema["voorbeeld"].sum()) if "voorbeeld" in ev.per_thema else 0
    if n_voorbeeld:
        pdf.para(
            f"{vb.TEKEN} Bij {getallen.aantal(n_voorbeeld, 'actie', 'acties')} is de status een voorbeeld uit het "
            "plan dat het dashboard meelevert: nog geen redacteur heeft die bijgewerkt. Lees er geen stand van zaken in.",
            size=8.5,
        )
    pdf.tabel(kop, rows, breedtes)

    pdf.heading(f"Wijzigingen in {ev.jaar} (wijzigingslog)")
    if len(ev.wijzigingen):
        pdf.tabel(
            ["Wanneer", "Onderdeel", "Oud", "Nieuw", "Door"],
            [list(r) for r in ev.wijzigingen.itertuples(index=False)],
            (24, 38, 34, 40, 38),
        )
    else:
        pdf.para(f"In {ev.jaar} is in het dashboard niets gewijzigd aan acties, gebeurtenissen of indicatoren.")
    return bytes(pdf.output())
