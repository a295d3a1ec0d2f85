"""Charts of the plan's progress and the alliance diagram (Vega-Lite via altair, Graphviz dot)."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from lib.cijfers import voorbeeld as vb
from lib.kern.getallen import aantal
from lib.plan.model import STATUS_LABELS, STATUSSEN, Plan
from lib.plan.voortgang import VOORBEELD_KOLOMMEN, VOORBEELDSTATUS, actions_per_group, hours_table
from lib.wijk.grafieken import voorbeeld_legenda

# --- views: summary text, chart and diagram (no Streamlit; the briefing uses them too) ---------

# Okabe-Ito colours: distinguishable with every common form of colour blindness.
STATUS_KLEUREN = {"gepland": "#999999", "lopend": "#0072B2", "afgerond": "#009E73", "gestopt": "#D55E00"}
# An example status is drawn as examples are everywhere (lib.cijfers.voorbeeld): pale, dashed outline.
SOORT_ECHT = "echte status"
SOORTEN = (SOORT_ECHT, VOORBEELDSTATUS)
VOLGORDE = ("afgerond", "lopend", "gepland", "gestopt")
# The bar labels' width. The legends above and under the bars start where the bars start, so in a narrow
# chart (a phone of 320 px) the labels give up room for them to stay inside it (WCAG 1.4.10): 170 px
# from a chart of 360 px up, down to 80 px. `0 * width` only makes Vega work it out again when the
# chart is resized (a phone turned upright). Outside a browser (the PDF) there is no container: 170 px.
LABEL_BREEDTE = alt.ExprRef(
    "0 * width + (isFinite(containerSize()[0]) ? clamp(containerSize()[0] - 190, 80, 170) : 170)"
)


def _long(progress: pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    """One row per bar row, status and kind (real or example status) with its number of actions."""
    parts = []
    for s in STATUSSEN:
        kolom = VOORBEELD_KOLOMMEN[s]
        voorbeeld = progress[kolom] if kolom in progress else pd.Series(0, index=progress.index)
        base = progress[keep]
        parts.append(base.assign(status=s, soort=SOORT_ECHT, acties=progress[s] - voorbeeld))
        parts.append(base.assign(status=s, soort=VOORBEELDSTATUS, acties=voorbeeld))
    long = pd.concat(parts, ignore_index=True)
    long["status_label"] = long["status"].map(STATUS_LABELS)
    # Stacked in status order; within a status the real part first, the example part after it.
    long["volgorde"] = long["status"].map({s: 2 * i for i, s in enumerate(VOLGORDE)}) + (
        long["soort"] == VOORBEELDSTATUS
    ).astype(int)
    return long[long["acties"] > 0]


def progress_chart(progress: pd.DataFrame, label: str = "thema_naam", titel: str = "Thema", tooltip: str | None = None):
    """Stacked horizontal bars: number of actions per status, one bar per row of a progress table.

    ``progress`` is the output of ``progress_by_theme`` or ``progress_by_result``; ``label`` names
    the column shown on the y axis and ``tooltip`` an optional extra column for the hover text.
    Example statuses (the ``voorbeeld_<status>`` columns) are their own segment, pale with a dashed
    outline, with a legend entry while there are any.
    """

    keep = [label] + ([tooltip] if tooltip and tooltip != label else [])
    long = _long(progress, keep)
    met_voorbeeld = bool((long["soort"] == VOORBEELDSTATUS).any())
    order = list(dict.fromkeys(progress[label]))
    tips = [alt.Tooltip(f"{label}:N", title=titel)]
    if tooltip and tooltip != label:
        tips.append(alt.Tooltip(f"{tooltip}:N", title="Omschrijving"))
    tips += [
        alt.Tooltip("status_label:N", title="Status"),
        alt.Tooltip("soort:N", title="Soort"),
        alt.Tooltip("acties:Q", title="Acties"),
    ]
    kleuren = alt.Scale(domain=[STATUS_LABELS[s] for s in STATUSSEN], range=[STATUS_KLEUREN[s] for s in STATUSSEN])
    # Only the example gets an entry (the status legend explains the rest), on top: beside the status
    # legend it would be cut off in a narrow column.
    soort_legenda = voorbeeld_legenda(STATUS_KLEUREN["lopend"], met_voorbeeld, "top", label=VOORBEELDSTATUS)
    return (
        alt.Chart(long)
        .mark_bar(strokeWidth=1.5)
        .encode(
            y=alt.Y(f"{label}:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_BREEDTE)),
            x=alt.X("sum(acties):Q", title="Aantal acties", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "status_label:N", title="Status", scale=kleuren, legend=alt.Legend(orient="bottom", columns=2)
            ),
            stroke=alt.Stroke("status_label:N", scale=kleuren, legend=None),
            fillOpacity=alt.FillOpacity(
                "soort:N",
                scale=alt.Scale(
                    domain=list(SOORTEN), range=[vb.STIJL_ECHT["fillOpacity"], vb.STIJL_VOORBEELD["fillOpacity"]]
                ),
                legend=None,  # Vega-Lite draws no legend for a nominal fill opacity: the dash's legend says it
            ),
            strokeDash=alt.StrokeDash(
                "soort:N",
                scale=alt.Scale(
                    domain=list(SOORTEN), range=[vb.STIJL_ECHT["strokeDash"], vb.STIJL_VOORBEELD["strokeDash"]]
                ),
                legend=soort_legenda,
            ),
            order=alt.Order("volgorde:Q"),
            tooltip=tips,
        )
        .properties(height=alt.Step(34))
    )


def _dot(text: str) -> str:
    """Text made safe inside a double-quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def alliance_dot(plan: Plan, states: pd.DataFrame | None = None) -> str:
    """The alliance structure as a Graphviz DOT string (rendered in the browser by st.graphviz_chart).

    Colours are set explicitly because Graphviz charts do not follow the app theme.
    """
    a = plan.alliantie
    rol = {r.id: r for r in a.rollen}
    counts = actions_per_group(plan, states).groupby("thema").size().to_dict()
    lines = [
        "digraph alliantie {",
        '  graph [rankdir=TB, bgcolor="transparent", fontname="Helvetica", nodesep=0.25, ranksep=0.55];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=12, color="#1f4e79",'
        ' fillcolor="#eaf1f8", fontcolor="#111111", margin="0.15,0.08"];',
        '  edge [color="#555555", fontname="Helvetica", fontsize=10, fontcolor="#333333"];',
        f'  gemeente [label="{_dot("Gemeente Capelle aan den IJssel")}\\nstimuleert, verbindt,\\nstuurt op resultaat",'
        ' fillcolor="#fff4e0", color="#a35c00"];',
        f'  aanjager [label="{_dot(rol["aanjager"].naam)}\\nbeleidsadviseur gemeente\\n{rol["aanjager"].uren_label} per jaar"];',
        f'  kerngroep [label="{_dot(rol["kerngroep"].naam)}\\nstrategie en resultaten\\n{rol["kerngroep"].uren_label}'
        f' per jaar\\nals voorzitter {rol["voorzitter"].uren_label}", penwidth=2];',
        f'  klankbord [label="{_dot(rol["klankbordgroep"].naam)}\\nreageert op voorstellen\\n'
        f'{rol["klankbordgroep"].uren_label} per jaar"];',
        '  opgaveteams [label="Opgaveteams\\nin vier wijken", fillcolor="#f2f2f2", color="#666666"];',
        "  subgraph cluster_themagroepen {",
        f'    label="Themagroepen · {_dot(rol["themagroep"].uren_label)} per jaar per lid";',
        '    fontname="Helvetica"; fontsize=12; color="#9bb7d4"; style="rounded,dashed"; labelloc="b";',
    ]
    for t in plan.themas:
        n = counts.get(t.nummer, 0)
        # Wrapped names keep the diagram narrow enough to read on a phone.
        label = f"Thema {t.nummer}\\n{_dot(textwrap.fill(t.naam, 24))}\\n{aantal(n, 'actie', 'acties')}"
        lines.append(f'    tg{t.nummer} [label="{label}", tooltip="{_dot(t.themagroep)}"];')
    lines.append("  }")
    lines += [
        '  gemeente -> aanjager [label="levert"];',
        '  aanjager -> kerngroep [label="ondersteunt"];',
        '  aanjager -> klankbord [label="organiseert"];',
        '  klankbord -> kerngroep [label="input", style=dashed];',
        '  opgaveteams -> kerngroep [label="gebiedsregisseur", dir=both];',
    ]
    for t in plan.themas:
        style = ', style=dashed, label="afstemming"' if t.nummer == 1 else ', label="voorzitter"'
        lines.append(f"  kerngroep -> tg{t.nummer} [dir=both{style}];")
    lines.append("  { rank=same; aanjager; opgaveteams; }")
    lines.append("}")
    return "\n".join(lines)


def hours_chart(plan: Plan):
    """Hours per person per year for each alliance role: a bar to the low estimate, a lighter part to the high one."""

    df = hours_table(plan)
    base = alt.Chart(df).encode(
        y=alt.Y("rol:N", sort=list(df["rol"]), title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("rol:N", title="Rol"),
            alt.Tooltip("uren:N", title="Uren per jaar"),
            alt.Tooltip("opbouw:N", title="Opbouw"),
        ],
    )
    low = base.mark_bar(color="#0072B2").encode(x=alt.X("uren_min:Q", title="Uren per persoon per jaar"))
    high = base.mark_bar(color="#56B4E9", opacity=0.7).encode(x="uren_min:Q", x2="uren_max:Q")
    label = base.mark_text(align="left", dx=4, color="#222222").encode(x="uren_max:Q", text="uren:N")
    return (low + high + label).properties(height=alt.Step(30))
