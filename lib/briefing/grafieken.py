"""The briefing's charts as altair specifications: the page draws them, the PDF prints them via
vl-convert (offline), so both show the same.
"""

from __future__ import annotations

import copy

import altair as alt
import pandas as pd
from shapely.geometry import shape

from lib.briefing.records import KAART_SCHEMA, KLEUR_GEMEENTE, KLEUR_LAND, KLEUR_VOORBEELD, BriefingInput, euro
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import format_pct
from lib.kaart.labels import label_tekst
from lib.kern import getallen
from lib.plan import grafieken as plan_grafieken
from lib.plan import model as plan_model
from lib.plan.voortgang import VOORBEELD_KOLOMMEN
from lib.wijk import grafieken as wijkgrafieken

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
                "label": p.tekst,
                "soort": vb.soort(p.illustratief),
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
        fill=alt.condition(alt.datum.soort == vb.SOORT_ECHT, kleur, alt.value("white")),
        shape=alt.Shape(
            "soort:N",
            title=None,
            scale=alt.Scale(domain=list(vb.SOORTEN), range=["circle", "diamond"]),
            legend=alt.Legend(orient="top"),  # hollow diamonds are examples
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
                "label": format_pct(w.waarde) + vb.kort_merk(w.illustratief),
                "vergelijking": w.vergelijking if not w.illustratief else "voorbeeld, geen uitkomst",
                "soort": vb.soort(w.illustratief),
            }
            for w in inp.wijken
        ],
        columns=["wijk", "waarde", "onder", "boven", "label", "vergelijking", "soort"],
    )
    df["kleur"] = KLEUR_GEMEENTE
    order = list(df["wijk"])
    y = alt.Y("wijk:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    bars = (
        alt.Chart(df)
        .mark_bar(strokeWidth=1.5)
        .encode(
            y=y,
            x=alt.X("waarde:Q", title=_axis_title(inp)),
            # examples light with a dashed outline, real figures filled: one style for all charts (lib.wijk.grafieken)
            **wijkgrafieken.vaste_kleur(),
            fillOpacity=wijkgrafieken.soort_fill(),
            strokeDash=wijkgrafieken.soort_dash(
                wijkgrafieken.voorbeeld_legenda(KLEUR_GEMEENTE, bool((df["soort"] == vb.SOORT_VOORBEELD).any()), "top")
            ),
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
            {
                "waarde": [inp.gemeente_waarde.waarde],
                "label": [f"gemeente {format_pct(inp.gemeente_waarde.waarde)}{vb.kort_merk(inp.gemeente_waarde)}"],
            }
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
    x = alt.X("bedrag:Q", title="Bedrag (€)", axis=alt.Axis(labelExpr=getallen.as_label(",.0f")), scale=alt.Scale(domain=[0, max_x]))
    kleur = KLEUR_VOORBEELD if inp.budget_illustratief else KLEUR_GEMEENTE
    if inp.budget_illustratief:  # every amount of the example split carries the mark
        df["label"] = df["label"] + f" {vb.TEKEN}"
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
    """Actions per theme, stacked by status (the plan page's chart, same colours; example statuses pale
    with a dashed outline)."""
    rows = inp.plan.rijen if inp.plan else ()
    progress = pd.DataFrame(
        [
            {
                "thema_naam": f"{r.thema}. {r.thema_naam}",
                "gepland": r.gepland,
                "lopend": r.lopend,
                "afgerond": r.afgerond,
                "gestopt": r.gestopt,
                **{kolom: getattr(r, kolom) for kolom in VOORBEELD_KOLOMMEN.values()},
            }
            for r in rows
        ],
        columns=["thema_naam", *plan_model.STATUSSEN, *VOORBEELD_KOLOMMEN.values()],
    )
    chart = plan_grafieken.progress_chart(progress)
    # Without a height the plan page's step height stays: a fixed total height leaves the bars no room
    # under the legends when Streamlit fits the chart into that height (the preview tab).
    return chart.properties(width=width, **({"height": height} if height else {}))


def _wijk_features(inp: BriefingInput) -> list[dict]:
    """The wijk polygons with the chosen figure and a label point put into their properties."""
    by_code = {w.wijk_code: w for w in inp.wijken}
    features = []
    for feature in copy.deepcopy(inp.geojson.get("features", [])):
        props = feature.setdefault("properties", {})
        w = by_code.get(props.get("wijk_code"))
        props["waarde"] = w.waarde if w else None
        props["waarde_tekst"] = (format_pct(w.waarde) + vb.kort_merk(w.illustratief)) if w else "geen gegevens"
        props["naam"] = w.wijk_naam if w else props.get("wijk_naam", props.get("wijk_code", ""))
        point = shape(feature["geometry"]).representative_point()
        props["lon"], props["lat"] = point.x, point.y
        features.append(feature)
    return features


def map_chart(inp: BriefingInput, width: int | str = 480, height: int = 380, tekst_schaal: float = 1.0) -> alt.Chart:
    """The wijk choropleth (no background map, so it renders offline) with value labels.

    tekst_schaal enlarges the labels and legend (the council chamber screen: readable at 3 m); long names
    go on two lines there (lib.kaart.labels.label_tekst) so they do not run into each other."""
    s = tekst_schaal
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
                legend=alt.Legend(
                    orient="bottom",
                    gradientLength=220 * s,
                    labelFontSize=11 * s,
                    titleFontSize=12 * s,
                    gradientThickness=16 * s,
                ),
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
                "naam": label_tekst(f["properties"]["naam"]) if s > 1 else f["properties"]["naam"],
            }
            for f in features
        ]
    )
    labels = (
        alt.Chart(points)
        .mark_text(
            fontSize=12 * s, fontWeight="bold", color="black", stroke="white", strokeWidth=3 * s, strokeOpacity=0.8
        )
        .encode(longitude="lon:Q", latitude="lat:Q", text="tekst:N")
        .project(type="mercator")
    )
    labels_fill = (
        alt.Chart(points)
        .mark_text(fontSize=12 * s, fontWeight="bold", color="black")
        .encode(longitude="lon:Q", latitude="lat:Q", text="tekst:N")
        .project(type="mercator")
    )
    names = (
        alt.Chart(points)
        .mark_text(
            fontSize=9 * s,
            dy=13 * s,
            baseline="top" if s > 1 else "middle",
            lineBreak="\n",
            color="#222222",
            stroke="white",
            strokeWidth=2.5 * s,
            strokeOpacity=0.7,
        )
        .encode(longitude="lon:Q", latitude="lat:Q", text="naam:N")
        .project(type="mercator")
    )
    names_fill = names.mark_text(
        fontSize=9 * s, dy=13 * s, baseline="top" if s > 1 else "middle", lineBreak="\n", color="#222222"
    )
    return alt.layer(shapes, labels, labels_fill, names, names_fill).properties(width=width, height=height)
