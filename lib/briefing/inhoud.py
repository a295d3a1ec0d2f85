"""The council briefing: one view model, built by a pure function from the data, read by the PDF and
the presentation view alike.

`build_briefing()` answers every question the briefing asks of the data once (headline figures, the
wijk ranking, the map values, the sources, whether illustrative figures went in); `lib.briefing.pdf`
turns the result into an A4 PDF and `slides()` into the slides of the council chamber screen. Charts
are altair specifications, so the page shows exactly what the PDF prints (rendered offline by
vl-convert).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

import altair as alt
import pandas as pd
from shapely.geometry import shape

from lib.budget import begroting as bu
from lib.cijfers import figures as fig
from lib.cijfers import meta
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, PERIODEN, format_pct
from lib.plan import actieplan as pl
from lib.plan.themas import JAARBUDGET_WMO, PLAN_NEDERLAND_PCT

ILLUSTRATIEF_KOP = "Voorbeeldcijfers, geen echte meting"
NEDERLAND = "NL01"
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
# Okabe-Ito: distinguishable with every common colour vision deficiency.
KLEUR_GEMEENTE, KLEUR_LAND, KLEUR_VOORBEELD = "#0072B2", "#E69F00", "#56B4E9"
KAART_SCHEMA = "blues"  # sequential, single hue: readable without colour vision and in greyscale print


def datum_nl(d: date) -> str:
    """'27 november 2026': the date as a Dutch reader writes it, independent of the machine locale."""
    return f"{d.day} {MAANDEN[d.month - 1]} {d.year}"


def euro(bedrag: float) -> str:
    """'€ 514.000': whole euros with Dutch thousands separators."""
    return f"€ {bedrag:,.0f}".replace(",", ".")


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


@dataclass(frozen=True)
class PlanSectie:
    """How far the plan's actions are, per theme, as stored by the editors."""

    rijen: tuple[ThemaVoortgang, ...]
    samenvatting: str
    bijgewerkt: int  # actions an editor has updated (the rest still has the plan's starting status)
    acties: int
    laatst_gewijzigd: str | None  # ISO timestamp of the latest stored change
    bron: str


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
    def illustratief(self) -> bool:
        """True when any illustrative figure went into the briefing (it then carries the notice)."""
        return self.kerncijfers_illustratief or self.wijken_illustratief or self.budget_illustratief

    def budget_tabel(self) -> pd.DataFrame:
        """Budget per theme with Dutch column names."""
        rows = self.budget.rijen if self.budget else ()
        return pd.DataFrame(
            [
                {
                    "Thema": f"{r.thema}. {r.thema_naam}",
                    "Bedrag": euro(r.bedrag),
                    "Aandeel": format_pct(r.aandeel * 100, 0),
                }
                for r in rows
            ],
            columns=["Thema", "Bedrag", "Aandeel"],
        )

    def plan_tabel(self) -> pd.DataFrame:
        """Actions per theme and status with Dutch column names."""
        rows = self.plan.rijen if self.plan else ()
        return pd.DataFrame(
            [
                {
                    "Thema": f"{r.thema}. {r.thema_naam}",
                    "Afgerond": r.afgerond,
                    "Lopend": r.lopend,
                    "Gepland": r.gepland,
                    "Gestopt": r.gestopt,
                    "Acties": r.totaal,
                }
                for r in rows
            ],
            columns=["Thema", "Afgerond", "Lopend", "Gepland", "Gestopt", "Acties"],
        )

    def wijk_tabel(self) -> pd.DataFrame:
        """The ranking as a table with Dutch column names (for the page, the CSV and the PDF)."""
        return pd.DataFrame(
            [
                {
                    "Rang": w.rang,
                    "Wijk": w.wijk_naam,
                    "Waarde": format_pct(w.waarde),
                    "95%-marge": w.marge,
                    f"T.o.v. {self.gemeente_naam}": w.vergelijking,
                    "Inwoners": w.inwoners,
                    "Voorbeeld": "ja" if w.illustratief else "nee",
                }
                for w in self.wijken
            ],
            columns=["Rang", "Wijk", "Waarde", "95%-marge", f"T.o.v. {self.gemeente_naam}", "Inwoners", "Voorbeeld"],
        )


# --- building the view model --------------------------------------------------------------------


def _bron_text(key: str, jaar_fallback: int | None = None) -> str:
    b = meta.bronnen().get(key)
    if b:
        return f"{b.label}, {b.jaar}"
    return f"{key}, {jaar_fallback}" if jaar_fallback else key


def _kerncijfers(
    data: pd.DataFrame, gemeente: dict, keuze: Keuze, gm: fig.Waarde | None, nl: fig.Waarde | None
) -> tuple[Kerncijfer, ...]:
    label = keuze.indicator_label.lower()
    out = [
        Kerncijfer(
            f"{gemeente['naam']}, {label}",
            format_pct(gm.waarde) if gm else "geen gegevens",
            f"{keuze.leeftijd_label}, {keuze.periode}"
            + (
                f"; 95%-marge {format_pct(gm.ondergrens)} – {format_pct(gm.bovengrens)}"
                if gm and gm.heeft_marge
                else ""
            )
            + (f"; {fig.compare(gm, nl.waarde)} dan Nederland" if gm and nl else ""),
            _bron_text(gm.bron, gm.periode) if gm else "geen bron: er is geen cijfer",
            bool(gm and gm.illustratief),
        ),
        Kerncijfer(
            f"Nederland, {label}",
            format_pct(nl.waarde) if nl else "geen gegevens",
            f"{keuze.leeftijd_label}, {keuze.periode}",
            _bron_text(nl.bron, nl.periode) if nl else "geen landelijk cijfer voor deze keuze",
            bool(nl and nl.illustratief),
        ),
    ]
    # The plan's own headline (preface) stays in every briefing: it is why the plan exists.
    plan = fig.value_of(data, gemeente["code"], "eenzaam", 2016)
    if plan is not None and plan.bron == "plan_2019":
        out.append(
            Kerncijfer(
                f"{gemeente['naam']} volgens het plan",
                format_pct(plan.waarde, 0),
                f"voelt zich wel eens eenzaam (RIVM-meting 2016), tegen {PLAN_NEDERLAND_PCT}% in Nederland",
                _bron_text(plan.bron),
                plan.illustratief,
            )
        )
    out.append(
        Kerncijfer(
            "Budget per jaar",
            euro(JAARBUDGET_WMO),
            "Wmo-meerjarenbudget 2020-2022 voor ontmoeting en eenzaamheid",
            "Plan van aanpak Meer samen, minder eenzaam (Wmo-meerjarenbudget), 2019",
            False,
        )
    )
    out.append(
        Kerncijfer(
            "Inwoners",
            f"{gemeente['inwoners']:,}".replace(",", "."),
            "op 1 januari 2024",
            _dataset_text("gemeente"),
            False,
        )
    )
    return tuple(out)


def _dataset_text(key: str) -> str:
    d = meta.datasets().get(key)
    return f"{d.bron}, {d.jaar}" if d else key


def _trend(data: pd.DataFrame, gemeente: dict, keuze: Keuze) -> tuple[TrendPunt, ...]:
    punten = []
    for code, naam in ((gemeente["code"], gemeente["naam"]), (NEDERLAND, "Nederland")):
        for periode in fig.periods(data):
            w = fig.value_of(data, code, keuze.indicator, periode, keuze.leeftijd)
            if w is not None:
                punten.append(TrendPunt(naam, periode, w.waarde, w.illustratief))
    return tuple(punten)


def _wijken(
    data: pd.DataFrame, wijken: pd.DataFrame, keuze: Keuze, gm: fig.Waarde | None
) -> tuple[pd.DataFrame, tuple[WijkRij, ...]]:
    rows = fig.slice_of(data, keuze.indicator, keuze.periode, keuze.leeftijd, "wijk")
    rows = rows.merge(
        wijken[["wijk_code", "wijk_naam", "inwoners"]], left_on="regio_code", right_on="wijk_code", how="inner"
    )
    rows = rows.sort_values(["waarde", "wijk_naam"], ascending=[False, True]).reset_index(drop=True)
    out = []
    for i, r in enumerate(rows.itertuples(index=False), start=1):
        w = fig.value_of(data, r.regio_code, keuze.indicator, keuze.periode, keuze.leeftijd)
        out.append(
            WijkRij(
                i,
                r.regio_code,
                r.wijk_naam,
                int(r.inwoners),
                w.waarde,
                w.ondergrens,
                w.bovengrens,
                fig.compare(w, gm.waarde) if gm else fig.GEEN_VERSCHIL,
                w.illustratief,
            )
        )
    return rows, tuple(out)


def _bronnen(used_bron_keys: list[str], dataset_keys: tuple[str, ...]) -> tuple[Bronregel, ...]:
    out, known_b, known_d = [], meta.bronnen(), meta.datasets()
    for key in dict.fromkeys(used_bron_keys):
        b = known_b.get(key)
        if b:
            out.append(Bronregel(b.label, b.jaar, b.licentie, b.url, b.illustratief))
    for key in dataset_keys:
        d = known_d.get(key)
        if d:
            out.append(Bronregel(f"{d.titel}: {d.bron}", d.jaar, d.licentie, d.url, d.illustratief))
    return tuple(out)


def budget_section(allocation: pd.DataFrame, jaar: int | None = None) -> BudgetSectie | None:
    """The budgeted structural Wmo money per theme for one year (the latest by default).

    `allocation` is lib.budget.begroting.load_allocation(); None when it has no rows for that year.
    """
    if allocation is None or allocation.empty:
        return None
    jaar = int(allocation["jaar"].max()) if jaar is None else int(jaar)
    rows = bu.select(allocation, jaar)
    if rows.empty:
        return None
    totals = bu.totals_by_theme(allocation, jaar)
    d = meta.datasets().get("budget")
    return BudgetSectie(
        jaar=jaar,
        rijen=tuple(
            ThemaBedrag(int(r.thema), r.thema_naam, float(r.bedrag), float(r.aandeel))
            for r in totals.itertuples(index=False)
        ),
        totaal=float(totals["bedrag"].sum()),
        kader=float(JAARBUDGET_WMO),
        illustratief=bool(rows["illustratief"].any()),
        bron=f"{d.bron}, {d.jaar}" if d else "budget.csv",
    )


def plan_section(states: pd.DataFrame) -> PlanSectie:
    """The plan's progress per theme from lib.plan.actieplan.action_states() (the stored statuses)."""
    progress = pl.progress_by_theme(states)
    changed = states["gewijzigd"].dropna() if "gewijzigd" in states else pd.Series(dtype=str)
    d = meta.datasets().get("plan")
    return PlanSectie(
        rijen=tuple(
            ThemaVoortgang(
                int(r.thema),
                r.thema_naam,
                int(r.gepland),
                int(r.lopend),
                int(r.afgerond),
                int(r.gestopt),
                int(r.totaal),
            )
            for r in progress.itertuples(index=False)
        ),
        samenvatting=pl.progress_summary(progress),
        bijgewerkt=int(states["bijgewerkt"].sum()) if "bijgewerkt" in states else 0,
        acties=len(states),
        laatst_gewijzigd=str(changed.max()) if len(changed) else None,
        bron=(f"{d.bron}, {d.jaar}; " if d else "")
        + "status van de acties zoals bijgehouden door de redacteuren van dit dashboard",
    )


def build_briefing(
    data: pd.DataFrame,
    wijken: pd.DataFrame,
    gemeente: dict,
    geojson: dict,
    keuze: Keuze | None = None,
    datum: date | None = None,
    budget: BudgetSectie | None = None,
    plan: PlanSectie | None = None,
) -> BriefingInput:
    """Decide what the briefing shows for this choice: pure, from the loaded (validated) tables.

    `data` is the long loneliness table (lib.cijfers.loaders.load_figures), `wijken` the wijk table,
    `gemeente` the gemeente row, `geojson` the wijk boundaries; `budget` and `plan` are the optional
    sections (budget_section(), plan_section()). Whether the briefing carries the illustrative
    notice follows from the `illustratief` flags of the rows that went in.
    """
    keuze = keuze or Keuze()
    datum = datum or date.today()
    gm = fig.value_of(data, gemeente["code"], keuze.indicator, keuze.periode, keuze.leeftijd)
    nl = fig.value_of(data, NEDERLAND, keuze.indicator, keuze.periode, keuze.leeftijd)
    kerncijfers = _kerncijfers(data, gemeente, keuze, gm, nl)
    trend = _trend(data, gemeente, keuze)
    wijk_rows, wijk_rijen = _wijken(data, wijken, keuze, gm)

    used = [w.bron for w in (gm, nl) if w] + list(wijk_rows["bron"])
    trend_rows = data[
        data["regio_code"].isin([gemeente["code"], NEDERLAND])
        & (data["indicator"] == keuze.indicator)
        & (data["leeftijd"] == keuze.leeftijd)
    ]
    trend_bronnen = list(dict.fromkeys(trend_rows.sort_values("periode")["bron"]))
    used += trend_bronnen + ["plan_2019"]
    return BriefingInput(
        gemeente_code=gemeente["code"],
        gemeente_naam=gemeente["naam"],
        keuze=keuze,
        datum=datum,
        kerncijfers=kerncijfers,
        gemeente_waarde=gm,
        trend=trend,
        wijken=wijk_rijen,
        geojson=geojson,
        bronnen=_bronnen(
            used,
            ("wijken", "wijktabel", "gemeente") + (("budget",) if budget else ()) + (("plan",) if plan else ()),
        ),
        bron_trend="; ".join(_bron_text(k) for k in trend_bronnen),
        bron_wijken="; ".join([_bron_text(k) for k in dict.fromkeys(wijk_rows["bron"])] + [_dataset_text("wijken")]),
        budget=budget,
        plan=plan,
    )


# --- text summaries (every chart has one) ---------------------------------------------------------


def ranking_summary(inp: BriefingInput) -> str:
    """One or two plain sentences saying what the wijk ranking shows."""
    if not inp.wijken:
        return "Voor deze keuze zijn er geen cijfers per wijk."
    top, bottom = inp.wijken[0], inp.wijken[-1]
    hoger = [w.wijk_naam for w in inp.wijken if w.vergelijking == fig.HOGER]
    lager = [w.wijk_naam for w in inp.wijken if w.vergelijking == fig.LAGER]
    text = (
        f"Het hoogst in {top.wijk_naam} ({format_pct(top.waarde)}), het laagst in {bottom.wijk_naam} "
        f"({format_pct(bottom.waarde)})."
    )
    if inp.gemeente_waarde is not None:
        gm = format_pct(inp.gemeente_waarde.waarde)
        if hoger:
            text += f" Duidelijk hoger dan de gemeente ({gm}): {opsomming(hoger)}."
        if lager:
            text += f" Duidelijk lager: {opsomming(lager)}."
        if not hoger and not lager:
            text += f" Geen wijk verschilt duidelijk van de gemeente ({gm}), gezien de marges."
    return text


def trend_summary(inp: BriefingInput) -> str:
    if not inp.trend:
        return "Voor deze keuze zijn er geen cijfers door de jaren."
    parts = []
    for regio in dict.fromkeys(p.regio for p in inp.trend):
        punten = [p for p in inp.trend if p.regio == regio]
        parts.append(f"{regio}: " + ", ".join(f"{p.periode} {format_pct(p.waarde)}" for p in punten))
    text = "; ".join(parts) + "."
    if any(p.illustratief for p in inp.trend):
        text += f" Open vierkantjes zijn voorbeeldcijfers ({ILLUSTRATIEF_KOP.lower()})."
    return text


def budget_summary(inp: BriefingInput) -> str:
    bud = inp.budget
    if bud is None or not bud.totaal:
        return "Voor dit jaar is er geen begroting per thema."
    top = max(bud.rijen, key=lambda r: r.bedrag)
    verdeeld = (
        f"het hele Wmo-kader van {euro(bud.kader)}"
        if round(bud.totaal) == round(bud.kader)
        else f"{euro(bud.totaal)} van het Wmo-kader van {euro(bud.kader)}"
    )
    text = (
        f"In {bud.jaar} is {verdeeld} over de vier thema's verdeeld. "
        f"Het grootste deel gaat naar thema {top.thema}, {top.thema_naam} ({euro(top.bedrag)}, "
        f"{format_pct(top.aandeel * 100, 0)})."
    )
    if bud.illustratief:
        text += " De verdeling over de thema's is een voorbeeld: het plan noemt alleen het kader."
    return text


def plan_summary(inp: BriefingInput) -> str:
    p = inp.plan
    if p is None:
        return ""
    text = p.samenvatting
    if p.bijgewerkt == 0:
        text += " Nog geen actie is door een redacteur bijgewerkt: alle acties staan op hun beginstand uit het plan."
    else:
        text += f" {p.bijgewerkt} van de {p.acties} acties zijn door een redacteur bijgewerkt"
        text += f", het laatst op {pl.format_tijdstip(p.laatst_gewijzigd)}." if p.laatst_gewijzigd else "."
    return text


def opsomming(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


# --- charts (altair; the page draws them, the PDF prints them via vl-convert) ---------------------


def _axis_title(inp: BriefingInput) -> str:
    return f"{inp.keuze.indicator_label} (%)"


def trend_chart(inp: BriefingInput, width: int | str = 480, height: int = 240) -> alt.Chart:
    """Gemeente and Nederland through the periods; illustrative points drawn hollow."""
    df = pd.DataFrame(
        [
            {
                "regio": p.regio,
                "periode": str(p.periode),
                "waarde": p.waarde,
                "label": format_pct(p.waarde),
                "soort": "voorbeeldcijfer" if p.illustratief else "gemeten",
            }
            for p in inp.trend
        ],
        columns=["regio", "periode", "waarde", "label", "soort"],
    )
    kleur = alt.Color(
        "regio:N",
        title=None,
        scale=alt.Scale(domain=[inp.gemeente_naam, "Nederland"], range=[KLEUR_GEMEENTE, KLEUR_LAND]),
        legend=alt.Legend(orient="top"),
    )
    x = alt.X("periode:N", title="Periode", axis=alt.Axis(labelAngle=0))
    base = alt.Chart(df)
    line = base.mark_line(strokeWidth=3).encode(x=x, y=alt.Y("waarde:Q", title=_axis_title(inp)), color=kleur)
    points = base.mark_point(size=90, strokeWidth=2).encode(
        x=x,
        y="waarde:Q",
        color=kleur,
        fill=alt.condition(alt.datum.soort == "gemeten", kleur, alt.value("white")),
        shape=alt.Shape(
            "soort:N",
            title=None,
            scale=alt.Scale(domain=["gemeten", "voorbeeldcijfer"], range=["circle", "square"]),
            legend=None,  # explained in trend_summary: hollow squares are illustrative
        ),
        tooltip=[
            alt.Tooltip("regio:N", title="Regio"),
            alt.Tooltip("periode:N", title="Periode"),
            alt.Tooltip("label:N", title="Waarde"),
            alt.Tooltip("soort:N", title="Soort"),
        ],
    )
    # Gemeente labels above the line, Nederland below: they never collide when the lines run close.
    above = base.transform_filter(alt.datum.regio != "Nederland").mark_text(dy=-16, fontWeight="bold")
    below = base.transform_filter(alt.datum.regio == "Nederland").mark_text(dy=18, fontWeight="bold")
    labels = [layer.encode(x=x, y="waarde:Q", text="label:N", color=kleur) for layer in (above, below)]
    return alt.layer(line, points, *labels).properties(width=width, height=height)


def ranking_chart(inp: BriefingInput, width: int | str = 480, height: int | None = None) -> alt.Chart:
    """The wijken from high to low with their 95% margins and a rule at the gemeente figure."""
    df = pd.DataFrame(
        [
            {
                "wijk": w.wijk_naam,
                "waarde": w.waarde,
                "onder": w.ondergrens,
                "boven": w.bovengrens,
                "label": format_pct(w.waarde),
                "vergelijking": w.vergelijking,
            }
            for w in inp.wijken
        ],
        columns=["wijk", "waarde", "onder", "boven", "label", "vergelijking"],
    )
    order = list(df["wijk"])
    y = alt.Y("wijk:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    bars = (
        alt.Chart(df)
        .mark_bar(color=KLEUR_VOORBEELD if inp.wijken_illustratief else KLEUR_GEMEENTE)
        .encode(
            y=y,
            x=alt.X("waarde:Q", title=_axis_title(inp)),
            tooltip=[
                alt.Tooltip("wijk:N", title="Wijk"),
                alt.Tooltip("label:N", title="Waarde"),
                alt.Tooltip("vergelijking:N", title="T.o.v. gemeente"),
            ],
        )
    )
    errors = alt.Chart(df).mark_rule(color="#333333", strokeWidth=1.5).encode(y=y, x="onder:Q", x2="boven:Q")
    labels = (
        alt.Chart(df)
        .mark_text(align="left", baseline="middle", dx=5, color="#333333")
        .encode(y=y, x="boven:Q", text="label:N")
    )
    layers = bars + errors + labels
    if inp.gemeente_waarde is not None:
        ref = pd.DataFrame(
            {"waarde": [inp.gemeente_waarde.waarde], "label": [f"gemeente {format_pct(inp.gemeente_waarde.waarde)}"]}
        )
        rule = alt.Chart(ref).mark_rule(color=KLEUR_LAND, strokeDash=[6, 4], strokeWidth=2.5).encode(x="waarde:Q")
        note = (
            alt.Chart(ref)
            .mark_text(align="center", baseline="bottom", dy=-4, color="#8a5a00", fontWeight="bold")
            .encode(x="waarde:Q", y=alt.value(0), text="label:N")
        )
        layers = layers + rule + note
    return layers.properties(width=width, height=height or max(160, 30 * len(df)))


def budget_chart(inp: BriefingInput, width: int | str = 480, height: int | None = None) -> alt.Chart:
    """Budget per theme, one bar each, with the amount and share as labels."""
    rows = inp.budget.rijen if inp.budget else ()
    df = pd.DataFrame(
        [
            {
                "thema": f"{r.thema}. {r.thema_naam}",
                "bedrag": r.bedrag,
                "label": f"{euro(r.bedrag)} ({format_pct(r.aandeel * 100, 0)})",
            }
            for r in rows
        ],
        columns=["thema", "bedrag", "label"],
    )
    y = alt.Y("thema:N", sort=list(df["thema"]), title=None, axis=alt.Axis(labelLimit=280))
    max_x = max([r.bedrag for r in rows] + [1]) * 1.4  # room for the labels right of the bars
    x = alt.X("bedrag:Q", title="Bedrag (€)", axis=alt.Axis(format=",.0f"), scale=alt.Scale(domain=[0, max_x]))
    kleur = KLEUR_VOORBEELD if inp.budget_illustratief else KLEUR_GEMEENTE
    bars = (
        alt.Chart(df)
        .mark_bar(color=kleur)
        .encode(y=y, x=x, tooltip=[alt.Tooltip("thema:N", title="Thema"), alt.Tooltip("label:N", title="Bedrag")])
    )
    labels = (
        alt.Chart(df).mark_text(align="left", baseline="middle", dx=5, color="#333333").encode(y=y, x=x, text="label:N")
    )
    return (bars + labels).properties(width=width, height=height or 40 * max(1, len(df)))


def plan_chart(inp: BriefingInput, width: int | str = 480, height: int | None = None) -> alt.Chart:
    """Actions per theme, stacked by status (the plan page's chart, same colours)."""
    rows = inp.plan.rijen if inp.plan else ()
    progress = pd.DataFrame(
        [
            {
                "thema_naam": f"{r.thema}. {r.thema_naam}",
                "gepland": r.gepland,
                "lopend": r.lopend,
                "afgerond": r.afgerond,
                "gestopt": r.gestopt,
            }
            for r in rows
        ],
        columns=["thema_naam", *pl.STATUSSEN],
    )
    chart = pl.progress_chart(progress)
    return chart.properties(width=width, height=height or 40 * max(1, len(progress)))


def _wijk_features(inp: BriefingInput) -> list[dict]:
    """The wijk polygons with the chosen figure and a label point put into their properties."""
    by_code = {w.wijk_code: w for w in inp.wijken}
    features = []
    for feature in copy.deepcopy(inp.geojson.get("features", [])):
        props = feature.setdefault("properties", {})
        w = by_code.get(props.get("wijk_code"))
        props["waarde"] = w.waarde if w else None
        props["waarde_tekst"] = format_pct(w.waarde) if w else "geen gegevens"
        props["naam"] = w.wijk_naam if w else props.get("wijk_naam", props.get("wijk_code", ""))
        point = shape(feature["geometry"]).representative_point()
        props["lon"], props["lat"] = point.x, point.y
        features.append(feature)
    return features


def map_chart(inp: BriefingInput, width: int | str = 480, height: int = 380) -> alt.Chart:
    """The wijk choropleth (no background map, so it renders offline) with value labels."""
    features = _wijk_features(inp)
    data = alt.Data(values=features)
    shapes = (
        alt.Chart(data)
        .mark_geoshape(stroke="white", strokeWidth=1.5)
        .encode(
            color=alt.Color(
                "properties.waarde:Q",
                title=_axis_title(inp),
                scale=alt.Scale(scheme=KAART_SCHEMA),
                legend=alt.Legend(orient="bottom", gradientLength=220),
            ),
            tooltip=[
                alt.Tooltip("properties.naam:N", title="Wijk"),
                alt.Tooltip("properties.waarde_tekst:N", title="Waarde"),
            ],
        )
        .project(type="mercator")
    )
    points = pd.DataFrame(
        [
            {
                "lon": f["properties"]["lon"],
                "lat": f["properties"]["lat"],
                "tekst": f["properties"]["waarde_tekst"],
                "naam": f["properties"]["naam"],
            }
            for f in features
        ]
    )
    labels = (
        alt.Chart(points)
        .mark_text(fontSize=12, fontWeight="bold", color="black", stroke="white", strokeWidth=3, strokeOpacity=0.8)
        .encode(longitude="lon:Q", latitude="lat:Q", text="tekst:N")
        .project(type="mercator")
    )
    labels_fill = (
        alt.Chart(points)
        .mark_text(fontSize=12, fontWeight="bold", color="black")
        .encode(longitude="lon:Q", latitude="lat:Q", text="tekst:N")
        .project(type="mercator")
    )
    names = (
        alt.Chart(points)
        .mark_text(fontSize=9, dy=13, color="#222222", stroke="white", strokeWidth=2.5, strokeOpacity=0.7)
        .encode(longitude="lon:Q", latitude="lat:Q", text="naam:N")
        .project(type="mercator")
    )
    names_fill = names.mark_text(fontSize=9, dy=13, color="#222222")
    return alt.layer(shapes, labels, labels_fill, names, names_fill).properties(width=width, height=height)


def map_summary(inp: BriefingInput) -> str:
    if not inp.wijken:
        return "Voor deze keuze zijn er geen cijfers per wijk; de kaart is leeg."
    return (
        f"De kaart kleurt de {len(inp.wijken)} wijken naar {inp.keuze.indicator_label.lower()} "
        f"({inp.keuze.periode}, {inp.keuze.leeftijd_label}): hoe donkerder, hoe hoger. " + ranking_summary(inp)
    )


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
        out.append(Dia("plan", "Voortgang van het plan", plan_summary(inp), inp.plan.bron, False))
    out.append(Dia("bronnen", "Bronnen", "Waar de cijfers van deze briefing vandaan komen.", "", False))
    return tuple(out)
