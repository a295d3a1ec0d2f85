"""Coverage of the offer: where the catalogue is thin (risk groups x forms, themes x wijken).

Pure functions on the catalogue; counts are of activities, so they show what the catalogue holds,
not how many people are reached.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from lib.aanbod.begrippen import DOELGROEPEN, DOELGROEPEN_KORT, RISICOGROEPEN
from lib.aanbod.catalogus import GEMEENTEBREED, Activiteit
from lib.cijfers.indicators import VORMEN
from lib.plan.themas import THEMAS

HEEL_CAPELLE = "Heel Capelle"


@dataclass(frozen=True)
class Dunst:
    """One thin cell of a coverage matrix, for the text summary."""

    rij: str
    kolom: str
    aantal: int


def risicogroep_x_vorm(aanbod: tuple[Activiteit, ...], alleen_lopend: bool = False) -> pd.DataFrame:
    """Long table: per risk group and form of loneliness, the number of activities aimed at that
    group (specifically, not 'iedereen') that address that form. Columns: doelgroep, doelgroep_label,
    vorm, aantal."""
    items = [a for a in aanbod if a.status == "lopend" or not alleen_lopend]
    rows = [
        {
            "doelgroep": g,
            "doelgroep_label": DOELGROEPEN[g],
            "doelgroep_kort": DOELGROEPEN_KORT[g],
            "vorm": v,
            "aantal": sum(1 for a in items if g in a.doelgroepen and v in a.vormen),
        }
        for g in RISICOGROEPEN
        for v in VORMEN
    ]
    return pd.DataFrame(rows)


def thema_x_wijk(
    aanbod: tuple[Activiteit, ...], wijk_namen: dict[str, str], alleen_lopend: bool = False
) -> pd.DataFrame:
    """Long table: per plan theme and wijk (plus 'Heel Capelle' for gemeente-wide offer), the number
    of activities. Columns: thema, thema_label, wijk_code, wijk_naam, aantal."""
    items = [a for a in aanbod if a.status == "lopend" or not alleen_lopend]
    kolommen = [*wijk_namen.items(), (GEMEENTEBREED, HEEL_CAPELLE)]
    rows = [
        {
            "thema": t.nummer,
            "thema_label": f"{t.nummer}. {t.naam}",
            "thema_kort": f"Thema {t.nummer}",
            "wijk_code": code,
            "wijk_naam": naam,
            "aantal": sum(1 for a in items if a.thema == t.nummer and a.wijk == code),
        }
        for t in THEMAS.values()
        for code, naam in kolommen
    ]
    return pd.DataFrame(rows)


def per_groep(aanbod: tuple[Activiteit, ...], alleen_lopend: bool = False) -> pd.DataFrame:
    """Activities per risk group (aimed at the group specifically), fewest first."""
    items = [a for a in aanbod if a.status == "lopend" or not alleen_lopend]
    rows = [
        {"doelgroep": g, "doelgroep_label": DOELGROEPEN[g], "aantal": sum(1 for a in items if g in a.doelgroepen)}
        for g in RISICOGROEPEN
    ]
    return pd.DataFrame(rows).sort_values(["aantal", "doelgroep"], kind="stable").reset_index(drop=True)


def dunste(matrix: pd.DataFrame, rij: str, kolom: str, limit: int = 5) -> list[Dunst]:
    """The emptiest cells (fewest activities first; ties in the matrix order)."""
    ordered = matrix.reset_index(drop=True).sort_values("aantal", kind="stable").head(limit)
    return [Dunst(str(r[rij]), str(r[kolom]), int(r["aantal"])) for _, r in ordered.iterrows()]


def breed_matrix(matrix: pd.DataFrame, rij: str, kolom: str) -> pd.DataFrame:
    """The long matrix as a wide table (rows x columns) for a readable table and CSV download."""
    wide = matrix.pivot_table(index=rij, columns=kolom, values="aantal", aggfunc="sum", sort=False)
    return wide.reset_index().rename_axis(None, axis=1)


# Cell text on Vega's "blues" ramp: black up to 73.5% of the top count, white from there. Both colours reach at
# least 4.5:1 (WCAG 1.4.3) on every cell: where they cross the ramp gives about 4.6:1 for each.
WIT_VANAF = 0.735


def heatmap(
    matrix: pd.DataFrame,
    x: str,
    y: str,
    x_titel: str,
    y_titel: str,
    x_order=None,
    y_order=None,
    label_angle: int = -35,
) -> alt.Chart:
    """A heatmap of counts with the number in every cell; empty cells stay white so gaps stand out.

    Blues is a sequential scheme readable with every kind of colour blindness.
    """
    hoogste = max(1, int(matrix["aantal"].max()))
    base = alt.Chart(matrix).encode(
        # labelOverlap=False: every wijk must keep its name, even when labels are close.
        x=alt.X(f"{x}:N", title=x_titel, sort=x_order,
                axis=alt.Axis(labelAngle=label_angle, labelLimit=170, labelOverlap=False)),
        y=alt.Y(f"{y}:N", title=y_titel, sort=y_order, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        tooltip=[alt.Tooltip(f"{y}:N", title=y_titel), alt.Tooltip(f"{x}:N", title=x_titel),
                 alt.Tooltip("aantal:Q", title="Activiteiten")],
    )  # fmt: skip
    rect = base.mark_rect(stroke="#bbbbbb", strokeWidth=0.5).encode(
        color=alt.condition(
            "datum.aantal == 0",
            alt.value("#ffffff"),
            alt.Color("aantal:Q", title="Activiteiten", scale=alt.Scale(scheme="blues", domain=[0, hoogste])),
        )
    )
    text = base.mark_text(fontSize=12).encode(
        text="aantal:Q",
        color=alt.condition(f"datum.aantal >= {hoogste * WIT_VANAF}", alt.value("white"), alt.value("#000000")),
    )
    return (rect + text).properties(height=alt.Step(26))


def samenvatting_groepen(aanbod: tuple[Activiteit, ...], alleen_lopend: bool = False) -> str:
    """One or two Dutch sentences on which risk groups the catalogue serves least and most."""
    groepen = per_groep(aanbod, alleen_lopend)
    minst = groepen.head(3)
    meest = groepen.iloc[-1]
    namen = [f"{DOELGROEPEN_KORT[r.doelgroep]} ({r.aantal})" for r in minst.itertuples()]
    lijst = ", ".join(namen[:-1]) + " en " + namen[-1]
    zin = (
        f"Het minste aanbod is er voor: {lijst}. Het meeste voor: {DOELGROEPEN_KORT[meest.doelgroep]} ({meest.aantal})."
    )
    jong = groepen.set_index("doelgroep")["aantal"]
    zin += (
        f" Voor jongeren zijn er {jong['jongeren']} activiteiten, voor ouderen {jong['ouderen']}."
        " Het plan verwachtte dat jongeren minder aanbod hebben; de kaart laat zien hoe dat nu is."
    )
    return zin


def samenvatting_leeg(matrix: pd.DataFrame, rij: str, kolom: str) -> str:
    """How many cells are empty, and which (at most five)."""
    leeg = matrix[matrix["aantal"] == 0]
    if leeg.empty:
        return "Elke combinatie heeft minstens één activiteit."
    voorbeelden = "; ".join(f"{r[rij]} × {r[kolom]}" for _, r in leeg.head(5).iterrows())
    meer = f" en {len(leeg) - 5} meer" if len(leeg) > 5 else ""
    return f"{len(leeg)} van de {len(matrix)} combinaties hebben geen enkele activiteit, zoals: {voorbeelden}{meer}."


def samenvatting_wijken(aanbod: tuple[Activiteit, ...], wijk_namen: dict[str, str], alleen_lopend: bool = False) -> str:
    """Which wijken have the fewest activities of their own (gemeente-wide offer not counted)."""
    items = [a for a in aanbod if a.status == "lopend" or not alleen_lopend]
    telling = sorted(
        ((sum(1 for a in items if a.wijk == code), naam) for code, naam in wijk_namen.items()), key=lambda t: t[0]
    )
    minst = ", ".join(f"{naam} ({n})" for n, naam in telling[:3])
    meest = telling[-1]
    gemeente = sum(1 for a in items if a.wijk == GEMEENTEBREED)
    return (
        f"Eigen aanbod per wijk: het minst in {minst}; het meest in {meest[1]} ({meest[0]}). "
        f"Daarnaast zijn er {gemeente} activiteiten voor heel Capelle."
    )
