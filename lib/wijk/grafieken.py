"""Altair charts of the kaart and wijk pages (Vega-Lite specs, testable without a browser).

Colours: Okabe-Ito, safe for colour-blind readers; the same blue as the map's darker classes.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.cijfers import voorbeeld as vb
from lib.cijfers.figures import Waarde
from lib.cijfers.referentie import meetjaar_noot
from lib.kern import getallen

WIJK_KLEUR = "#0072B2"
GEMEENTE_KLEUR = "#E69F00"
NL_KLEUR = "#555555"
MAX_BALKEN = 80


def soort_fill() -> alt.FillOpacity:
    """Example values drawn light, real ones filled: the mark of lib.cijfers.voorbeeld (STIJL_*) in a chart,
    for every chart of figures (wijkprofiel, kaart, briefing). Vega-Lite draws no legend for a nominal fill
    opacity: the legend sits on the dash (soort_dash, voorbeeld_legenda)."""
    return alt.FillOpacity(
        "soort:N",
        scale=alt.Scale(
            domain=list(vb.SOORTEN), range=[vb.STIJL_ECHT["fillOpacity"], vb.STIJL_VOORBEELD["fillOpacity"]]
        ),
        legend=None,
    )


def soort_dash(legenda: alt.Legend | None = None) -> alt.StrokeDash:
    """Example values get a dashed outline, real ones a solid one."""
    return alt.StrokeDash(
        "soort:N",
        scale=alt.Scale(domain=list(vb.SOORTEN), range=[vb.STIJL_ECHT["strokeDash"], vb.STIJL_VOORBEELD["strokeDash"]]),
        legend=legenda,
    )


def voorbeeld_legenda(
    kleur: str, met_voorbeeld: bool, orient: str = "bottom", label: str = vb.SOORT_VOORBEELD
) -> alt.Legend | None:
    """The legend entry '◇ voorbeeldcijfer' (or another `label`, such as the plan's '◇ voorbeeldstatus')
    drawn as an example bar looks (light fill of `kleur`, dashed outline), only while the chart holds an example. For it to keep that fill, the bars' colour must be an
    encoded field (vaste_kleur), not a mark property: Vega-Lite then paints legend symbols in the mark colour."""
    if not met_voorbeeld:
        return None
    a = vb.STIJL_VOORBEELD["fillOpacity"]
    licht = "#" + "".join(f"{round(int(kleur[i : i + 2], 16) * a + 255 * (1 - a)):02x}" for i in (1, 3, 5))
    return alt.Legend(
        title=None,
        orient=orient,
        values=[label],  # a real figure needs no explanation
        symbolType="square",
        symbolFillColor=licht,
        symbolStrokeColor=kleur,
        symbolStrokeWidth=1.5,
        labelLimit=0,
    )


def vaste_kleur(veld: str = "kleur") -> dict:
    """Fill and outline from a data column holding one colour (see voorbeeld_legenda)."""
    return {
        "color": alt.Color(f"{veld}:N", scale=None, legend=None),
        "stroke": alt.Stroke(f"{veld}:N", scale=None, legend=None),
    }


def ranked_bars(
    tabel: pd.DataFrame,
    indicator_label: str,
    gemeente: Waarde | None,
    gemeente_naam: str,
    nl: Waarde | None,
    max_balken: int = MAX_BALKEN,
    eenheid: str = "%",
) -> alt.LayerChart:
    """Areas ranked high to low with their 95% margins, and rules for the gemeente and NL.

    Missing values are left out (never drawn as zero). With more than max_balken areas only the
    highest and lowest halves are drawn, so the chart stays readable at national scale.
    """
    data = tabel.dropna(subset=["waarde"]).sort_values("waarde", ascending=False)
    if len(data) > max_balken:
        half = max_balken // 2
        data = pd.concat([data.head(half), data.tail(half)])
    flags = data["illustratief"] if "illustratief" in data else [False] * len(data)
    data = data[["naam", "waarde", "ondergrens", "bovengrens"]].copy()
    data["soort"] = vb.soorten(flags)
    data["naam"] = data["naam"].astype(str)
    # the example symbol behind the name: the mark stays when the chart is read without colour
    data["naam"] = [
        n + (f" {vb.TEKEN}" if s == vb.SOORT_VOORBEELD else "")
        for n, s in zip(data["naam"], data["soort"], strict=True)
    ]
    order = list(data["naam"])
    y = alt.Y("naam:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    tooltip = [
        alt.Tooltip("naam:N", title="Gebied"),
        alt.Tooltip("waarde_tekst:N", title=indicator_label),
        alt.Tooltip("ondergrens_tekst:N", title="Ondergrens 95%"),
        alt.Tooltip("bovengrens_tekst:N", title="Bovengrens 95%"),
        alt.Tooltip("soort:N", title="Soort cijfer"),
    ]
    data = getallen.met_tekst(data, dict.fromkeys(("waarde", "ondergrens", "bovengrens"), "procent"))
    data["kleur"] = WIJK_KLEUR
    base = alt.Chart(data)
    bars = base.mark_bar(strokeWidth=1.5).encode(
        x=alt.X("waarde:Q", title=f"{indicator_label} ({eenheid})", scale=alt.Scale(zero=True)),
        y=y,
        **vaste_kleur(),
        fillOpacity=soort_fill(),
        strokeDash=soort_dash(voorbeeld_legenda(WIJK_KLEUR, bool((data["soort"] == vb.SOORT_VOORBEELD).any()))),
        tooltip=tooltip,
    )
    margins = (
        base.transform_filter(alt.datum.ondergrens != None)  # noqa: E711 (Vega expression; counts have no margin)
        .mark_rule(color="#222222", strokeWidth=1.5)
        .encode(x="ondergrens:Q", x2="bovengrens:Q", y=y)
    )

    def ref_tekst(naam: str, w: Waarde) -> str:
        if eenheid != "%":
            return f"{naam} ({getallen.getal(w.waarde, 0)} {eenheid})"
        return f"{naam} ({getallen.procent(w.waarde)}{vb.kort_merk(w)})"

    refs = []
    if gemeente is not None and (eenheid == "%" or gemeente.waarde <= data["waarde"].max() * 1.5):
        refs.append({"referentie": ref_tekst(gemeente_naam, gemeente), "waarde": gemeente.waarde})
    if nl is not None:
        refs.append({"referentie": ref_tekst("Nederland", nl), "waarde": nl.waarde})
    layers = [bars, margins]
    if refs:
        ref_df = pd.DataFrame(refs)
        domain = list(ref_df["referentie"])
        colours = [GEMEENTE_KLEUR if gemeente is not None and i == 0 else NL_KLEUR for i in range(len(domain))]
        layers.append(
            alt.Chart(ref_df)
            .mark_rule(strokeWidth=2.5, strokeDash=[6, 3])
            .encode(
                x="waarde:Q",
                color=alt.Color(
                    "referentie:N",
                    scale=alt.Scale(domain=domain, range=colours),
                    legend=alt.Legend(title="Ter vergelijking", orient="bottom", labelLimit=0),
                ),
                tooltip=[alt.Tooltip("referentie:N", title="Referentie")],
            )
        )
    return alt.layer(*layers).properties(height=alt.Step(20))


def trend_chart(t: pd.DataFrame, indicator_label: str) -> alt.LayerChart:
    """Lines over the periods for the wijk, the gemeente and NL, with the wijk's 95% band."""
    regios = list(
        dict.fromkeys(t.sort_values("regio_code", key=lambda s: s.str[:2].map({"WK": 0, "GM": 1, "NL": 2}))["regio"])
    )
    colours = [WIJK_KLEUR, GEMEENTE_KLEUR, NL_KLEUR][: len(regios)]
    colour = alt.Color(
        "regio:N",
        scale=alt.Scale(domain=regios, range=colours),
        legend=alt.Legend(title=None, orient="bottom", columns=1, labelLimit=0),
    )
    x = alt.X("periode:O", title="Periode")
    t = t.assign(soort=vb.soorten(t["illustratief"]))
    t = getallen.met_tekst(t, {"waarde": "procent"})
    if "bron" in t:  # the plan's figure is filed under 2016 but has no year of measurement
        t["waarde_tekst"] = t["waarde_tekst"] + t["bron"].map(meetjaar_noot)
    base = alt.Chart(t)
    band = (
        base.transform_filter(alt.datum.ondergrens != None)  # noqa: E711 (Vega expression)
        .mark_area(opacity=0.18)
        .encode(x=x, y="ondergrens:Q", y2="bovengrens:Q", color=colour)
    )
    y = alt.Y("waarde:Q", title=f"{indicator_label} (%)", scale=alt.Scale(zero=False))
    lines = base.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=colour)
    # Each point shows what it is: a filled circle for a measurement, a hollow diamond for an example.
    points = base.mark_point(size=90, strokeWidth=2, filled=False).encode(
        x=x,
        y=y,
        color=colour,
        shape=alt.Shape(
            "soort:N",
            scale=alt.Scale(domain=list(vb.SOORTEN), range=["circle", "diamond"]),
            legend=alt.Legend(title=None, orient="bottom", columns=1, labelLimit=0),  # whole: '◇ voorbeeldcijfer'
        ),
        fill=alt.condition(alt.datum.soort == vb.SOORT_ECHT, colour, alt.value("white")),
        tooltip=[
            alt.Tooltip("regio:N", title="Gebied"),
            alt.Tooltip("periode:O", title="Periode"),
            alt.Tooltip("waarde_tekst:N", title=indicator_label),
            alt.Tooltip("soort:N", title="Soort cijfer"),
        ],
    )
    return alt.layer(band, lines, points).properties(height=260)


def age_chart(a: pd.DataFrame, indicator_label: str) -> alt.Chart:
    """Bars per age group, the wijk beside the gemeente, with margins."""
    regios = list(dict.fromkeys(a.sort_values("regio_code", key=lambda s: s.str[:2].map({"WK": 0, "GM": 1}))["regio"]))
    colour = alt.Color(
        "regio:N",
        scale=alt.Scale(domain=regios, range=[WIJK_KLEUR, GEMEENTE_KLEUR][: len(regios)]),
        legend=alt.Legend(title=None, orient="bottom", columns=1, labelLimit=0),
    )
    order = list(dict.fromkeys(a["leeftijdsgroep"]))
    a = a.assign(soort=vb.soorten(a["illustratief"]))
    base = alt.Chart(getallen.met_tekst(a, {"waarde": "procent"})).encode(
        y=alt.Y("leeftijdsgroep:N", sort=order, title=None),
        yOffset=alt.YOffset("regio:N", sort=regios),
    )
    bars = base.mark_bar(strokeWidth=1.5).encode(
        x=alt.X("waarde:Q", title=f"{indicator_label} (%)"),
        color=colour,
        stroke=colour,
        fillOpacity=soort_fill(),
        strokeDash=soort_dash(voorbeeld_legenda(NL_KLEUR, bool(a["illustratief"].any()))),
        tooltip=[
            alt.Tooltip("regio:N", title="Gebied"),
            alt.Tooltip("leeftijdsgroep:N", title="Leeftijd"),
            alt.Tooltip("waarde_tekst:N", title=indicator_label),
            alt.Tooltip("soort:N", title="Soort cijfer"),
        ],
    )
    margins = base.mark_rule(color="#222222").encode(x="ondergrens:Q", x2="bovengrens:Q")
    return alt.layer(bars, margins).properties(height=220)
