"""The uitvoeringsplan as typed records: themes, results, actions, the alliance, Movisie's 'what works'.

The plan text lives in ``data/plan.yaml``; ``lib.plan.lezen`` validates and loads it. Theme names come
from ``lib.plan.themas``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lib.kern.config import DATA_DIR

PLAN_PATH = DATA_DIR / "plan.yaml"

STATUSSEN: tuple[str, ...] = ("gepland", "lopend", "afgerond", "gestopt")
STATUS_LABELS = {"gepland": "Gepland", "lopend": "Lopend", "afgerond": "Afgerond", "gestopt": "Gestopt"}


# --- the plan as typed records ------------------------------------------------------------------


@dataclass(frozen=True)
class Resultaat:
    id: str  # "2.c"
    thema: int
    tekst: str


@dataclass(frozen=True)
class Actie:
    id: str  # "2.3"
    thema: int
    titel: str
    omschrijving: str
    eigenaar: str  # default owner from the plan
    status: str  # default status
    resultaten: tuple[str, ...]  # ids of the results this action works towards
    partners: tuple[str, ...] = ()
    # True when the shipped status is an example (plan.yaml: status_voorbeeld), not a finding; it stays
    # an example until an editor stores a status for the action (lib.plan.status.action_states).
    status_voorbeeld: bool = False


@dataclass(frozen=True)
class PlanThema:
    nummer: int
    naam: str  # from lib.plan.themas
    kort: str  # from lib.plan.themas
    themagroep: str
    aanleiding: str
    inhoud: str
    resultaten: tuple[Resultaat, ...]
    acties: tuple[Actie, ...]


@dataclass(frozen=True)
class UrenPost:
    onderdeel: str
    uren: int


@dataclass(frozen=True)
class Rol:
    id: str
    naam: str
    taak: str
    uren_min: int
    uren_max: int
    opbouw: tuple[UrenPost, ...]

    @property
    def uren_label(self) -> str:
        return f"{self.uren_min} uur" if self.uren_min == self.uren_max else f"{self.uren_min}-{self.uren_max} uur"


@dataclass(frozen=True)
class Lid:
    naam: str
    soort: str
    oprichter: bool = False


@dataclass(frozen=True)
class Alliantie:
    naam: str
    gestart: dt.date
    aantal_leden: str
    werkwijze: str
    opgaveteams: str
    rollen: tuple[Rol, ...]
    leden: tuple[Lid, ...]

    def rol(self, rol_id: str) -> Rol:
        return next(r for r in self.rollen if r.id == rol_id)


@dataclass(frozen=True)
class Factor:
    titel: str
    uitleg: str


@dataclass(frozen=True)
class Movisie:
    bron: str
    url: str
    werkzame_factoren: tuple[Factor, ...]
    aandachtspunten: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    titel: str
    jaar: int
    hoofdresultaat: str
    monitoring: str
    themas: tuple[PlanThema, ...]
    alliantie: Alliantie
    movisie: Movisie

    @property
    def acties(self) -> tuple[Actie, ...]:
        return tuple(a for t in self.themas for a in t.acties)

    @property
    def resultaten(self) -> tuple[Resultaat, ...]:
        return tuple(r for t in self.themas for r in t.resultaten)

    def actie(self, actie_id: str) -> Actie | None:
        return next((a for a in self.acties if a.id == actie_id), None)

    def thema(self, nummer: int) -> PlanThema:
        return next(t for t in self.themas if t.nummer == nummer)
