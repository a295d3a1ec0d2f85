"""The council briefing's view model as typed records (choice, key figures, wijk rows, sources, budget,
plan), read by the page, the PDF (``lib.briefing.pdf``) and the slides (``lib.briefing.dias``) alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from lib.cijfers import figures as fig
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, PERIODEN, format_pct
from lib.cijfers.referentie import meetjaar_noot
from lib.cijfers.vergelijking import BriefingVergelijking
from lib.kern.getallen import euro
from lib.plan.voortgang import VOORBEELD_KOP

ILLUSTRATIEF_KOP = "Voorbeeldcijfers, geen echte meting"
PLAN_VOORBEELD_KOP = "Voorbeeldstatus, geen stand van zaken"  # the plan's notice: statuses, not figures
PLAN_VOORBEELD_KOLOM = VOORBEELD_KOP
# Okabe-Ito: distinguishable with every common colour vision deficiency.
KLEUR_GEMEENTE, KLEUR_LAND, KLEUR_VOORBEELD = "#0072B2", "#E69F00", "#56B4E9"
KAART_SCHEMA = "blues"  # sequential, single hue: readable without colour vision and in greyscale print



@dataclass(frozen=True)
class Keuze:
    """What the user chose to brief on."""

    indicator: str = "eenzaam"
    periode: int = PERIODEN[-1]
    leeftijd: str = "18+"
    budget_jaar: int | None = None  # None: the latest year of the budget

    def __post_init__(self):
        if self.indicator not in INDICATOREN:
            raise ValueError(f"Onbekende indicator: {self.indicator!r}")
        if self.leeftijd not in LEEFTIJDEN:
            raise ValueError(f"Onbekende leeftijdsgroep: {self.leeftijd!r}")

    @property
    def indicator_label(self) -> str:
        return INDICATOREN[self.indicator].label

    @property
    def leeftijd_label(self) -> str:
        return LEEFTIJDEN[self.leeftijd][0]

    def omschrijving(self) -> str:
        """'Eenzaam, 2022, 18 jaar en ouder'."""
        return f"{self.indicator_label}, {self.periode}, {self.leeftijd_label}"


@dataclass(frozen=True)
class Kerncijfer:
    """One headline figure as it is printed: label, value text, a line of context and its source."""

    label: str
    waarde: str
    toelichting: str
    bron: str  # "RIVM, …, 2022": source with its year
    illustratief: bool


@dataclass(frozen=True)
class WijkRij:
    """One wijk in the ranking (rang 1 = highest value)."""

    rang: int
    wijk_code: str
    wijk_naam: str
    inwoners: int | None
    waarde: float
    ondergrens: float | None
    bovengrens: float | None
    vergelijking: str  # against the gemeente figure, from lib.cijfers.figures.compare
    illustratief: bool

    @property
    def marge(self) -> str:
        if self.ondergrens is None or self.bovengrens is None:
            return "onbekend"
        return f"{format_pct(self.ondergrens)} – {format_pct(self.bovengrens)}"


@dataclass(frozen=True)
class TrendPunt:
    regio: str
    periode: int
    waarde: float
    illustratief: bool
    bron: str = ""  # source key: the plan's figure gets its 'geen meetjaar' note (referentie.meetjaar_noot)

    @property
    def tekst(self) -> str:
        """'53,1% ◇', '47,0% (plan, geen meetjaar)' or '48,6%'."""
        return format_pct(self.waarde) + vb.kort_merk(self.illustratief) + meetjaar_noot(self.bron)


@dataclass(frozen=True)
class Bronregel:
    label: str
    jaar: int
    licentie: str
    url: str
    illustratief: bool


@dataclass(frozen=True)
class ThemaBedrag:
    thema: int
    thema_naam: str
    bedrag: float
    aandeel: float  # 0-1 of the year's total


@dataclass(frozen=True)
class BudgetSectie:
    """The budgeted structural Wmo money of one year, per theme."""

    jaar: int
    rijen: tuple[ThemaBedrag, ...]
    totaal: float
    kader: float
    illustratief: bool  # from the rows' flags: the split over themes is an example
    bron: str


@dataclass(frozen=True)
class ThemaVoortgang:
    thema: int
    thema_naam: str
    gepland: int
    lopend: int
    afgerond: int
    gestopt: int
    totaal: int
    # how many of those statuses are the plan file's example statuses (no editor has saved them yet)
    voorbeeld_gepland: int = 0
    voorbeeld_lopend: int = 0
    voorbeeld_afgerond: int = 0
    voorbeeld_gestopt: int = 0

    @property
    def voorbeeld(self) -> int:
        return self.voorbeeld_gepland + self.voorbeeld_lopend + self.voorbeeld_afgerond + self.voorbeeld_gestopt


@dataclass(frozen=True)
class PlanSectie:
    """How far the plan's actions are, per theme, as stored by the editors."""

    rijen: tuple[ThemaVoortgang, ...]
    samenvatting: str
    bijgewerkt: int  # actions an editor has updated (the rest still has the plan's starting status)
    acties: int
    laatst_gewijzigd: str | None  # ISO timestamp of the latest stored change
    bron: str
    voorbeeld: int = 0  # actions whose status is still the plan file's example status

    @property
    def illustratief(self) -> bool:
        """True while any status counted here is an example: the slide and the PDF page carry the mark."""
        return self.voorbeeld > 0


@dataclass(frozen=True)
class BriefingInput:
    """Everything the briefing shows, decided once. Frozen: the PDF and the slides only read it."""

    gemeente_code: str
    gemeente_naam: str
    keuze: Keuze
    datum: date
    kerncijfers: tuple[Kerncijfer, ...]
    gemeente_waarde: fig.Waarde | None
    trend: tuple[TrendPunt, ...]
    wijken: tuple[WijkRij, ...]
    geojson: dict = field(repr=False)
    bronnen: tuple[Bronregel, ...] = ()
    bron_trend: str = ""  # "label, jaar; …" of the rows in the trend chart
    bron_wijken: str = ""  # of the wijk figures and the boundaries
    budget: BudgetSectie | None = None
    plan: PlanSectie | None = None
    vergelijking: BriefingVergelijking | None = None  # optional page: the gemeente against others

    @property
    def kerncijfers_illustratief(self) -> bool:
        return any(k.illustratief for k in self.kerncijfers) or any(p.illustratief for p in self.trend)

    @property
    def wijken_illustratief(self) -> bool:
        return any(w.illustratief for w in self.wijken)

    @property
    def budget_illustratief(self) -> bool:
        return self.budget is not None and self.budget.illustratief

    @property
    def plan_illustratief(self) -> bool:
        return self.plan is not None and self.plan.illustratief

    @property
    def illustratief(self) -> bool:
        """True when any illustrative figure went into the briefing (it then carries the notice)."""
        vergelijking = self.vergelijking is not None and self.vergelijking.illustratief
        return (
            self.kerncijfers_illustratief
            or self.wijken_illustratief
            or self.budget_illustratief
            or self.plan_illustratief
            or vergelijking
        )

    def budget_tabel(self) -> pd.DataFrame:
        """Budget per theme with Dutch column names."""
        rows = self.budget.rijen if self.budget else ()
        return pd.DataFrame(
            [
                {
                    "Thema": f"{r.thema}. {r.thema_naam}",
                    "Bedrag": euro(r.bedrag) + vb.kort_merk(self.budget_illustratief),
                    "Aandeel": format_pct(r.aandeel * 100, 0),
                }
                for r in rows
            ],
            columns=["Thema", "Bedrag", "Aandeel"],
        )

    def plan_tabel(self) -> pd.DataFrame:
        """Actions per theme and status with Dutch column names; while any status is an example, a
        column says how many per theme."""
        rows = self.plan.rijen if self.plan else ()
        columns = ["Thema", "Afgerond", "Lopend", "Gepland", "Gestopt", "Acties"]
        if self.plan_illustratief:
            columns.insert(-1, PLAN_VOORBEELD_KOLOM)
        return pd.DataFrame(
            [
                {
                    "Thema": f"{r.thema}. {r.thema_naam}",
                    "Afgerond": r.afgerond,
                    "Lopend": r.lopend,
                    "Gepland": r.gepland,
                    "Gestopt": r.gestopt,
                    PLAN_VOORBEELD_KOLOM: r.voorbeeld,
                    "Acties": r.totaal,
                }
                for r in rows
            ],
            columns=columns,
        )

    def wijk_tabel(self) -> pd.DataFrame:
        """The ranking as a table with Dutch column names (for the page, the CSV and the PDF)."""
        return pd.DataFrame(
            [
                {
                    "Rang": w.rang,
                    "Wijk": w.wijk_naam,
                    "Waarde": format_pct(w.waarde) + vb.kort_merk(w.illustratief),
                    "95%-marge": w.marge,
                    # a comparison of example figures is no finding: the cell says so
                    f"T.o.v. {self.gemeente_naam}": vb.oordeel(
                        w.vergelijking, w.illustratief or vb.is_voorbeeld(self.gemeente_waarde)
                    ),
                    "Inwoners": w.inwoners,
                    "Voorbeeld": vb.cel(w.illustratief),
                }
                for w in self.wijken
            ],
            columns=["Rang", "Wijk", "Waarde", "95%-marge", f"T.o.v. {self.gemeente_naam}", "Inwoners", "Voorbeeld"],
        )
