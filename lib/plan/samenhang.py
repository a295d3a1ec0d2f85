"""One status per action: the plan's status, the budget's spent money and the offer must agree.

An action of the plan is carried out by activities of the catalogue (their field ``actie``), and
budget lines pay for those activities (``activiteit_ids``). So money spent on such a line, or an
activity that is running or being set up, means the action has started. An action whose status
still reads "gepland" then contradicts the budget or the offer, and the pages would tell three
different stories. ``tegenstrijdigheden`` lists every such contradiction in Dutch; the shipped
data must have none (tests/test_samenhang.py), whatever generates the example budget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

GESTART_AANBOD = ("lopend", "in_opbouw")  # catalogue statuses that mean the work has begun
NIET_GESTART = "gepland"


@dataclass(frozen=True)
class ActieSpoor:
    """What the budget and the offer say about one plan action."""

    actie: str
    activiteiten: tuple[str, ...]  # ids of the catalogue activities that carry it out
    gestart_in_aanbod: tuple[str, ...]  # of those, the ones running or being set up
    besteed: float  # spent on budget lines that pay for those activities (all years)
    eerste_jaar: int | None  # first year with money spent

    @property
    def gestart(self) -> bool:
        return bool(self.gestart_in_aanbod) or self.besteed > 0


def sporen(actie_ids: Iterable[str], activiteiten: Iterable, budget: pd.DataFrame | None) -> dict[str, ActieSpoor]:
    """Per action id: its activities, which of them started, and the money spent on them.

    ``activiteiten`` are catalogue records (``id``, ``actie``, ``status``); ``budget`` is the
    allocation table (``jaar``, ``status``, ``bedrag``, ``activiteit_ids`` as tuples) or None.
    A line that pays for activities of several actions counts fully for each of them: any money
    spent on an action's activity means the action started.
    """
    activiteiten = list(activiteiten)
    besteed_rows = (
        budget[(budget["status"] == "besteed") & (budget["bedrag"] > 0)]
        if budget is not None and not budget.empty
        else None
    )
    if besteed_rows is not None and besteed_rows.empty:
        besteed_rows = None
    out = {}
    for actie in actie_ids:
        mine = [a for a in activiteiten if a.actie == actie]
        ids = {a.id for a in mine}
        besteed, jaren = 0.0, []
        if besteed_rows is not None and ids:
            hits = besteed_rows[besteed_rows["activiteit_ids"].map(lambda xs, ids=ids: bool(ids & set(xs)))]
            besteed = float(hits["bedrag"].sum())
            jaren = sorted(int(j) for j in hits["jaar"].unique())
        out[actie] = ActieSpoor(
            actie=actie,
            activiteiten=tuple(sorted(ids)),
            gestart_in_aanbod=tuple(sorted(a.id for a in mine if a.status in GESTART_AANBOD)),
            besteed=besteed,
            eerste_jaar=jaren[0] if jaren else None,
        )
    return out


def tegenstrijdigheden(
    statussen: Mapping[str, str], activiteiten: Iterable, budget: pd.DataFrame | None, titels: Mapping[str, str] | None = None
) -> list[str]:
    """Dutch sentences, one per action whose status contradicts the budget or the offer.

    ``statussen`` maps action id to its status (from plan.yaml, or as editors set it); ``titels``
    gives the action's short title for the message. An activity pointing to an unknown action, or
    to an action of another theme, is reported too.
    """
    activiteiten, titels = list(activiteiten), titels or {}
    fouten = []
    for a in activiteiten:
        if not a.actie:
            continue
        if a.actie not in statussen:
            fouten.append(f"Activiteit '{a.id}' hoort bij actie {a.actie}, maar die actie staat niet in het plan.")
        elif not a.actie.startswith(f"{a.thema}."):
            fouten.append(f"Activiteit '{a.id}' (thema {a.thema}) hoort bij actie {a.actie} van een ander thema.")
    for actie, spoor in sporen(statussen, activiteiten, budget).items():
        if statussen[actie] != NIET_GESTART or not spoor.gestart:
            continue
        naam = f"Actie {actie}" + (f" ({titels[actie]})" if actie in titels else "")
        redenen = []
        if spoor.besteed > 0:
            redenen.append(f"het budget heeft er vanaf {spoor.eerste_jaar} geld aan besteed")
        if spoor.gestart_in_aanbod:
            redenen.append(f"het aanbod noemt {', '.join(spoor.gestart_in_aanbod)} lopend of in opbouw")
        fouten.append(f"{naam} staat op 'gepland', maar {' en '.join(redenen)}.")
    return fouten
