"""The slides for the council chamber screen (``/briefing?presentatie=1&dia=N``)."""

from __future__ import annotations

from dataclasses import dataclass

from lib.briefing.records import BriefingInput
from lib.briefing.tekst import budget_summary, map_summary, plan_summary, ranking_summary, trend_summary

# --- slides for the council chamber screen -------------------------------------------------------


@dataclass(frozen=True)
class Dia:
    """One slide: one figure with its title, one sentence, its source, and the notice if needed."""

    key: str  # "kerncijfers", "trend", "kaart", "ranglijst", "bronnen"
    titel: str
    samenvatting: str
    bron: str
    illustratief: bool


def slides(inp: BriefingInput) -> tuple[Dia, ...]:
    """The presentation, one figure per slide, in the order of the PDF."""
    k = inp.keuze
    wijk_bron = inp.bron_wijken
    out = [
        Dia(
            "kerncijfers",
            "Kerncijfers",
            f"{k.omschrijving()}: {inp.gemeente_naam} en Nederland.",
            "; ".join(dict.fromkeys(c.bron for c in inp.kerncijfers[:2])),
            inp.kerncijfers_illustratief,
        ),
        Dia(
            "trend",
            f"{k.indicator_label} door de jaren",
            trend_summary(inp),
            inp.bron_trend,
            any(p.illustratief for p in inp.trend),
        ),
    ]
    if inp.wijken:
        out += [
            Dia(
                "kaart",
                f"{k.indicator_label} per wijk, {k.periode}",
                map_summary(inp),
                wijk_bron,
                inp.wijken_illustratief,
            ),
            Dia(
                "ranglijst",
                "Wijken van hoog naar laag",
                ranking_summary(inp),
                wijk_bron,
                inp.wijken_illustratief,
            ),
        ]
    if inp.budget:
        out.append(
            Dia(
                "budget",
                f"Budget per thema, {inp.budget.jaar}",
                budget_summary(inp),
                inp.budget.bron,
                inp.budget.illustratief,
            )
        )
    if inp.plan:
        out.append(Dia("plan", "Voortgang van het plan", plan_summary(inp), inp.plan.bron, inp.plan.illustratief))
    out.append(Dia("bronnen", "Bronnen", "Waar de cijfers van deze briefing vandaan komen.", "", False))
    return tuple(out)
