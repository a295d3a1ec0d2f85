"""'Wat betekent dit voor het plan?' for an area: the per-wijk suggestions of lib.wijk.plan, merged.

Reasons keep the wijk they come from ("Schollevaar Noord: ..."), because a figure that is clearly
higher in one wijk says nothing about the other. Activities are counted once for the whole area.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from lib.aanbod.catalogus import Activiteit
from lib.personas.persona import Persona
from lib.regio.gebieden import Gebied
from lib.wijk import plan as wijkplan


def _merge(per_wijk: dict[str, Sequence[wijkplan.Suggestie]], namen: dict[str, str]) -> tuple[wijkplan.Suggestie, ...]:
    merged: dict[str, dict] = {}
    for wijk, items in per_wijk.items():
        for s in items:
            m = merged.setdefault(
                s.key, {"label": s.label, "redenen": [], "lokaal": 0, "breed": s.aanbod_gemeentebreed}
            )
            m["redenen"] += [f"{namen.get(wijk, wijk)}: {r}" for r in s.redenen]
            m["lokaal"] += s.aanbod_in_wijk
    out = [
        wijkplan.Suggestie(k, m["label"], tuple(dict.fromkeys(m["redenen"])), m["lokaal"], m["breed"])
        for k, m in merged.items()
    ]
    return tuple(sorted(out, key=lambda s: (-len(s.redenen), s.aanbod_in_wijk, s.label)))


def gebied_plan(
    gebied: Gebied,
    df: pd.DataFrame,
    gemeente_code: str,
    periode: int,
    personas: Sequence[Persona],
    aanbod: Sequence[Activiteit],
    wijk_namen: dict[str, str],
    cbs: pd.DataFrame | None = None,
) -> wijkplan.WijkPlan:
    """The plan view model of lib.wijk.plan for an area of several wijken; `cbs` (CBS 2024) gives the
    real reasons per wijk, as on the wijk page."""
    plannen = {w: wijkplan.wijk_plan(w, df, gemeente_code, periode, personas, aanbod, cbs) for w in gebied.wijken}
    eerste = next(iter(plannen.values()))
    return wijkplan.WijkPlan(
        personas=tuple(p for w in plannen.values() for p in w.personas),
        risicogroepen=_merge({w: p.risicogroepen for w, p in plannen.items()}, wijk_namen),
        themas=_merge({w: p.themas for w, p in plannen.items()}, wijk_namen),
        activiteiten=tuple(a for w in plannen.values() for a in w.activiteiten),
        gemeentebreed=eerste.gemeentebreed,
    )
