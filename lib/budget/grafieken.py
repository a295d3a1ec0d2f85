"""Altair charts for the budget page: specs only, no Streamlit, so tests can read them.

Colours: Okabe-Ito (colour-blind safe), one fixed colour per theme everywhere.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.kern import getallen
from lib.plan.themas import JAARBUDGET_WMO, THEMAS

THEMA_KLEUREN = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]
MEER, MINDER = "#0072B2", "#D55E00"
# Axis labels the Dutch way: € 500.000 (Vega formats with commas; swap them for dots).
EURO_LABELS = getallen.as_label(",.0f", voor="€ ")


def _thema_scale() -> alt.Scale:
    return alt.Scale(domain=[t.naam for t in THEMAS.values()], range=THEMA_KLEUREN)


def _with_labels(df: pd.DataFrame, *cols: str) -> pd.DataFrame:
    out = df.copy()
    for col in cols:
        out[f"{col}_tekst"] = out[col].map(getallen.euro)
    return out


def stacked_by_year(data: pd.DataFrame, kader: float | None = JAARBUDGET_WMO) -> alt.LayerChart | alt.Chart:
    """Stacked bars per year by theme (rows: jaar, thema_naam, bedrag), with the frame as a line."""
    per_theme = data.groupby(["jaar", "thema", "thema_naam"], as_index=False)["bedrag"].sum()
    per_theme = _with_labels(per_theme, "bedrag")
    bars = (
        alt.Chart(per_theme)
        .mark_bar()
        .encode(
            x=alt.X("jaar:O", title="Jaar", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(bedrag):Q", title="Bedrag", axis=alt.Axis(labelExpr=EURO_LABELS)),
            color=alt.Color(
                "thema_naam:N",
                title="Thema",
                scale=_thema_scale(),
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=320),
            ),
            order=alt.Order("thema:Q"),
            tooltip=[
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("thema_naam:N", title="Thema"),
                alt.Tooltip("bedrag_tekst:N", title="Bedrag"),
            ],
        )
    )
    if kader is None:
        return bars.properties(height=320)
    rule = (
        alt.Chart(pd.DataFrame({"kader": [kader], "label": [f"Kader Wmo {getallen.euro(kader)}"]}))
        .mark_rule(color="#333333", strokeDash=[6, 4], size=2)
        .encode(y="kader:Q", tooltip=[alt.Tooltip("label:N", title="Kader")])
    )
    return alt.layer(bars, rule).properties(height=320)


def shares_by_year(data: pd.DataFrame) -> alt.Chart:
    """Normalised stacked bars: each year's share per theme (altair has no treemap)."""
    per_theme = data.groupby(["jaar", "thema", "thema_naam"], as_index=False)["bedrag"].sum()
    per_theme["aandeel"] = per_theme["bedrag"] / per_theme.groupby("jaar")["bedrag"].transform("sum")
    per_theme["aandeel_tekst"] = per_theme["aandeel"].map(getallen.aandeel)
    return (
        alt.Chart(per_theme)
        .mark_bar()
        .encode(
            y=alt.Y("jaar:O", title="Jaar"),
            x=alt.X("bedrag:Q", stack="normalize", title="Aandeel", axis=alt.Axis(format="%")),
            color=alt.Color("thema_naam:N", title="Thema", scale=_thema_scale(), legend=None),
            order=alt.Order("thema:Q"),
            tooltip=[
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("thema_naam:N", title="Thema"),
                alt.Tooltip("aandeel_tekst:N", title="Aandeel"),
            ],
        )
        .properties(height=180)
    )


def budget_vs_actual(vs: pd.DataFrame) -> alt.Chart:
    """Per theme, begroot beside besteed (rows of lib.budget.begroting.budget_vs_actual)."""
    long = vs.melt(
        id_vars=["thema", "thema_naam"], value_vars=["begroot", "besteed"], var_name="status", value_name="bedrag"
    )
    long = _with_labels(long, "bedrag")
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("thema_naam:N", title=None, sort=[t.naam for t in THEMAS.values()], axis=alt.Axis(labelLimit=220)),
            yOffset=alt.YOffset("status:N", sort=["begroot", "besteed"]),
            x=alt.X("bedrag:Q", title="Bedrag", axis=alt.Axis(labelExpr=EURO_LABELS)),
            color=alt.Color(
                "status:N",
                title="",
                scale=alt.Scale(domain=["begroot", "besteed"], range=["#999999", "#0072B2"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("thema_naam:N", title="Thema"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("bedrag_tekst:N", title="Bedrag"),
            ],
        )
        .properties(height=240)
    )


def diverging(diff: pd.DataFrame) -> alt.LayerChart:
    """Scenario minus baseline per theme, bars left (less) and right (more) of zero."""
    data = _with_labels(diff, "verschil")
    data["richting"] = data["verschil"].map(lambda v: "meer" if v > 0 else ("minder" if v < 0 else "gelijk"))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("thema_naam:N", title=None, sort=[t.naam for t in THEMAS.values()], axis=alt.Axis(labelLimit=220)),
            x=alt.X("verschil:Q", title="Verschil met het uitgangspunt", axis=alt.Axis(labelExpr=EURO_LABELS)),
            color=alt.Color(
                "richting:N",
                title="",
                scale=alt.Scale(domain=["meer", "minder", "gelijk"], range=[MEER, MINDER, "#999999"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[alt.Tooltip("thema_naam:N", title="Thema"), alt.Tooltip("verschil_tekst:N", title="Verschil")],
        )
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#333333").encode(x="x:Q")
    return alt.layer(bars, zero).properties(height=220)


def time_beside_money(rows: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: money and the value of the alliance's time (rows: post, bedrag, soort)."""
    data = _with_labels(rows, "bedrag")
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("post:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("bedrag:Q", title="Bedrag per jaar", axis=alt.Axis(labelExpr=EURO_LABELS)),
            color=alt.Color(
                "soort:N",
                title="",
                scale=alt.Scale(domain=["geld", "tijd"], range=["#0072B2", "#E69F00"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[alt.Tooltip("post:N", title="Post"), alt.Tooltip("bedrag_tekst:N", title="Bedrag")],
        )
        .properties(height=180)
    )
