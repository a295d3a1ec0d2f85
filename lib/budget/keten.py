"""The chain persona (or target group) -> activities -> budget lines: "what does their offer cost?".

A budget line names the catalogue activities it pays for (``activiteit_ids``). A line often pays
for several activities, and the plan says nothing about how a line is spent inside; so besides
the full amounts of the lines involved we give a rough share: the line's amount divided evenly
over its activities. The page says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from lib.aanbod.catalogus import Activiteit
from lib.budget.begroting import FINANCIERING
from lib.personas.matching import GOED_VANAF, Profiel, match
from lib.plan.themas import THEMAS


@dataclass(frozen=True, eq=False)
class Keten:
    """Activities for someone, the budget lines that pay for them, and what that adds up to."""

    activiteiten: pd.DataFrame  # id, activiteit, organisatie, reden, regels (names of paying lines)
    regels: pd.DataFrame  # regel_id, regel, thema_naam, financiering, bedrag, gekoppeld, van, geschat
    zonder_budget: tuple[str, ...]  # names of activities no budget line pays for

    @property
    def totaal_regels(self) -> float:
        """The full amount of every line that pays for at least one of these activities."""
        return float(self.regels["bedrag"].sum()) if not self.regels.empty else 0.0

    @property
    def geschat(self) -> float:
        """Rough share: each line's amount spread evenly over its activities, summed for these."""
        return float(self.regels["geschat"].sum()) if not self.regels.empty else 0.0


def chain(
    allocation: pd.DataFrame,
    jaar: int,
    activiteiten: Iterable[Activiteit],
    redenen: Mapping[str, str] | None = None,
    status: str = "begroot",
) -> Keten:
    """Follow activities to the budget lines of one year (all funding sources) that pay for them."""
    activiteiten = list(activiteiten)
    redenen = redenen or {}
    wanted = {a.id for a in activiteiten}
    rows = allocation[(allocation["jaar"] == jaar) & (allocation["status"] == status)]
    regel_rows, paying = [], {a.id: [] for a in activiteiten}
    for r in rows.itertuples():
        linked = [i for i in r.activiteit_ids if i in wanted]
        if not linked:
            continue
        for i in linked:
            paying[i].append(r.regel)
        regel_rows.append(
            {
                "regel_id": r.regel_id,
                "regel": r.regel,
                "thema_naam": THEMAS[r.thema].naam,
                "financiering": FINANCIERING[r.financiering],
                "bedrag": float(r.bedrag),
                "gekoppeld": len(linked),
                "van": len(r.activiteit_ids),
                "geschat": float(r.bedrag) * len(linked) / len(r.activiteit_ids),
            }
        )
    regels = pd.DataFrame(
        regel_rows, columns=["regel_id", "regel", "thema_naam", "financiering", "bedrag", "gekoppeld", "van", "geschat"]
    ).sort_values("bedrag", ascending=False, ignore_index=True)
    acts = pd.DataFrame(
        [
            {
                "id": a.id,
                "activiteit": a.naam,
                "organisatie": a.organisatie,
                "reden": redenen.get(a.id, ""),
                "regels": "; ".join(paying[a.id]),
            }
            for a in activiteiten
        ],
        columns=["id", "activiteit", "organisatie", "reden", "regels"],
    )
    zonder = tuple(a.naam for a in activiteiten if not paying[a.id])
    return Keten(acts, regels, zonder)


def for_profile(
    allocation: pd.DataFrame,
    jaar: int,
    profiel: Profiel,
    aanbod: Iterable[Activiteit],
    wijk_centra: Mapping[str, tuple[float, float]] | None = None,
    top: int = 10,
) -> Keten:
    """The chain for a persona's profile: the activities that fit well (at most ``top``), then their lines.

    Activities still being set up (in opbouw) count too: the budget is what pays for building them.
    """
    resultaat = match(profiel, aanbod, wijk_centra)
    goed = [m for m in resultaat.matches if m.score >= GOED_VANAF][:top]
    return chain(
        allocation, jaar, [m.activiteit for m in goed], {m.activiteit.id: "; ".join(m.match_reasons) for m in goed}
    )


def for_group(allocation: pd.DataFrame, jaar: int, doelgroep: str, aanbod: Iterable[Activiteit]) -> Keten:
    """The chain for a target group: every activity aimed at that group (running or being set up)."""
    acts = [a for a in aanbod if doelgroep in a.doelgroepen]
    return chain(allocation, jaar, acts)
