"""Progress of the plan: shares per theme and result, actions per group, the alliance's hours."""

from __future__ import annotations

import pandas as pd

from lib.cijfers import voorbeeld as vb
from lib.kern.errors import DataFout
from lib.kern.getallen import aantal
from lib.plan.model import STATUSSEN, Plan
from lib.plan.themas import THEMAS

# --- progress -----------------------------------------------------------------------------------

# How many of the counted statuses are examples (lib.plan.status.action_states, column voorbeeld),
# per status and in total: a chart draws them apart, a sentence draws no conclusion from them.
VOORBEELD_KOLOMMEN = {s: f"voorbeeld_{s}" for s in STATUSSEN}
VOORBEELDSTATUS = f"{vb.TEKEN} voorbeeldstatus"
VOORBEELD_KOP = f"Waarvan voorbeeld ({vb.TEKEN})"  # table header of the `voorbeeld` count
TELKOLOMMEN = (*STATUSSEN, "totaal", *VOORBEELD_KOLOMMEN.values(), "voorbeeld")


def _flags(df: pd.DataFrame) -> pd.Series:
    """The example flag per row; states without the column (older callers) hold no examples."""
    if "voorbeeld" not in df:
        return pd.Series(False, index=df.index)
    return df["voorbeeld"].fillna(False).astype(bool)


def _shares(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    flags = _flags(df)
    d = df[keys].copy()
    for s in STATUSSEN:
        d[s] = (df["status"] == s).astype(int)
        d[VOORBEELD_KOLOMMEN[s]] = ((df["status"] == s) & flags).astype(int)
    counts = d.groupby(keys, sort=False)[[*STATUSSEN, *VOORBEELD_KOLOMMEN.values()]].sum().astype(int)
    counts["totaal"] = counts[list(STATUSSEN)].sum(axis=1)
    counts["voorbeeld"] = counts[list(VOORBEELD_KOLOMMEN.values())].sum(axis=1)
    counts["aandeel_afgerond"] = counts["afgerond"] / counts["totaal"]
    counts["aandeel_lopend"] = counts["lopend"] / counts["totaal"]
    counts.columns.name = None
    return counts.reset_index()


def progress_by_theme(states: pd.DataFrame) -> pd.DataFrame:
    """Per theme (in theme order): number of actions per status, total, and the share afgerond and lopend.

    Columns: thema, thema_naam, gepland, lopend, afgerond, gestopt, totaal, voorbeeld_<status> and
    voorbeeld (how many of those statuses are examples), aandeel_afgerond, aandeel_lopend (fractions
    0-1). Every theme of ``lib.plan.themas`` appears, also without actions.
    """
    out = _shares(states, ["thema", "thema_naam"]) if len(states) else pd.DataFrame(columns=["thema", "thema_naam"])
    full = pd.DataFrame({"thema": list(THEMAS), "thema_naam": [t.naam for t in THEMAS.values()]})
    out = full.merge(out.drop(columns="thema_naam"), on="thema", how="left")
    for col in TELKOLOMMEN:
        out[col] = out[col].fillna(0).astype(int) if col in out else 0
    for col in ("aandeel_afgerond", "aandeel_lopend"):
        out[col] = (out[col] if col in out else pd.Series(float("nan"), index=out.index)).astype(float)
    return out[["thema", "thema_naam", *TELKOLOMMEN, "aandeel_afgerond", "aandeel_lopend"]]


def progress_by_result(states: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """Per result of the plan: how many of the actions working towards it have each status.

    An action can serve several results, so it is counted once for each. Columns: thema,
    resultaat_id, resultaat, the four statuses, totaal, the example counts (as ``progress_by_theme``),
    aandeel_afgerond, aandeel_lopend.
    """
    status_of = dict(zip(states["actie_id"], states["status"], strict=True))
    voorbeeld_of = dict(zip(states["actie_id"], _flags(states), strict=True))
    rows = [
        {
            "thema": r.thema,
            "resultaat_id": r.id,
            "resultaat": r.tekst,
            "actie_id": a.id,
            "status": status_of.get(a.id),
            "voorbeeld": bool(voorbeeld_of.get(a.id, False)),
        }
        for t in plan.themas
        for r in t.resultaten
        for a in t.acties
        if r.id in a.resultaten
    ]
    df = pd.DataFrame(rows, columns=["thema", "resultaat_id", "resultaat", "actie_id", "status", "voorbeeld"]).dropna(
        subset=["status"]
    )
    out = _shares(df, ["thema", "resultaat_id", "resultaat"]) if len(df) else df
    # Results no action works towards still show up (with zero actions), so a gap is visible.
    full = pd.DataFrame([{"thema": r.thema, "resultaat_id": r.id, "resultaat": r.tekst} for r in plan.resultaten])
    out = full.merge(
        out.drop(columns=["thema", "resultaat", "actie_id", "status"], errors="ignore"), on="resultaat_id", how="left"
    )
    for col in TELKOLOMMEN:
        out[col] = out[col].fillna(0).astype(int) if col in out else 0
    for col in ("aandeel_afgerond", "aandeel_lopend"):
        out[col] = (out[col] if col in out else pd.Series(float("nan"), index=out.index)).astype(float)
    return out[["thema", "resultaat_id", "resultaat", *TELKOLOMMEN, "aandeel_afgerond", "aandeel_lopend"]]


def actions_per_group(plan: Plan, states: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which actions each theme group carries: theme, group, action id, title and (current) owner and
    status, and voorbeeld (True while that status is the plan file's example status)."""
    current = (
        {}
        if states is None
        else states.assign(voorbeeld=_flags(states)).set_index("actie_id")[["eigenaar", "status", "voorbeeld"]]
        .to_dict("index")
    )
    rows = []
    for t in plan.themas:
        for a in t.acties:
            now_ = current.get(a.id, {"eigenaar": a.eigenaar, "status": a.status, "voorbeeld": a.status_voorbeeld})
            rows.append(
                {
                    "thema": t.nummer,
                    "themagroep": t.themagroep,
                    "actie_id": a.id,
                    "actie": a.titel,
                    "eigenaar": now_["eigenaar"],
                    "status": now_["status"],
                    "voorbeeld": bool(now_["voorbeeld"]),
                }
            )
    return pd.DataFrame(rows)


def hours_table(plan: Plan) -> pd.DataFrame:
    """Time per role per year as the plan estimates it: one row per role with min, max and the breakdown."""
    return pd.DataFrame(
        [
            {
                "rol": r.naam,
                "uren_min": r.uren_min,
                "uren_max": r.uren_max,
                "uren": r.uren_label,
                "opbouw": "; ".join(f"{p.onderdeel}: {p.uren} uur" for p in r.opbouw),
            }
            for r in plan.alliantie.rollen
        ]
    )


def alliance_hours(plan: Plan, aantallen: dict[str, int]) -> pd.DataFrame:
    """Total hours per year for a number of people per role (rol id -> count): min and max per role and in total.

    Negative counts are refused (DataFout); unknown role ids too.
    """
    known = {r.id: r for r in plan.alliantie.rollen}
    rows = []
    for rol_id, n in aantallen.items():
        if rol_id not in known:
            raise DataFout(f"Onbekende rol '{rol_id}'", kolom="rol")
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise DataFout(f"Aantal personen voor {known[rol_id].naam} moet 0 of meer zijn, niet '{n}'", kolom="aantal")
        r = known[rol_id]
        rows.append({"rol": r.naam, "personen": n, "uren_min": n * r.uren_min, "uren_max": n * r.uren_max})
    df = pd.DataFrame(rows, columns=["rol", "personen", "uren_min", "uren_max"])
    total = pd.DataFrame(
        [
            {
                "rol": "Totaal",
                "personen": int(df["personen"].sum()),
                "uren_min": int(df["uren_min"].sum()),
                "uren_max": int(df["uren_max"].sum()),
            }
        ]
    )
    return pd.concat([df, total], ignore_index=True)


def _met_voorbeeld(n: int, status: str, n_voorbeeld: int) -> str:
    """'12 lopend', '12 lopend (◇ voorbeeldstatus)' or '12 lopend (waarvan 3 ◇ voorbeeldstatus)'."""
    if not n_voorbeeld:
        return f"{n} {status}"
    if n_voorbeeld == n:
        return f"{n} {status} ({VOORBEELDSTATUS})"
    return f"{n} {status} (waarvan {n_voorbeeld} {VOORBEELDSTATUS})"


def _voorbeelden(row) -> dict[str, int]:
    """Example statuses per status in one row (or the sums of a table); 0 where the column is missing."""
    return {s: int(row[VOORBEELD_KOLOMMEN[s]]) if VOORBEELD_KOLOMMEN[s] in row else 0 for s in STATUSSEN}


def progress_summary(progress: pd.DataFrame) -> str:
    """One Dutch sentence or two describing a ``progress_by_theme`` table (the chart's text alternative).

    While any counted status is an example, the counts carry the mark and the text says why it draws
    no conclusion (no theme is named as the furthest): an example status is no state of affairs.
    """
    totals = {s: int(progress[s].sum()) for s in STATUSSEN}
    total = sum(totals.values())
    if total == 0:
        return "Er zijn nog geen acties."
    voorbeeld = _voorbeelden(progress.sum(numeric_only=True))
    deel = {s: _met_voorbeeld(totals[s], s, voorbeeld[s]) for s in STATUSSEN}
    text = (
        f"Van de {aantal(total, 'actie', 'acties')} zijn er {deel['afgerond']}, {deel['lopend']}, "
        f"{deel['gepland']} en {deel['gestopt']}."
    )
    n_voorbeeld = sum(voorbeeld.values())
    if n_voorbeeld:
        return text + (
            f" Bij {aantal(n_voorbeeld, 'actie', 'acties')} is de status een voorbeeld: nog geen redacteur heeft "
            f"{'die' if n_voorbeeld == 1 else 'ze'} bijgewerkt, dus hieruit valt nog niet af te lezen hoe ver het plan "
            "of een thema is."
        )
    with_actions = progress[progress["totaal"] > 0]
    if totals["afgerond"] + totals["lopend"] > 0:
        score = (with_actions["afgerond"] + with_actions["lopend"] / 2) / with_actions["totaal"]
        best = with_actions.loc[score.idxmax()]
        text += f" Het verst is thema {int(best['thema'])}, {best['thema_naam']}."
    else:
        text += " Nog geen enkele actie is gestart."
    return text


def counts_text(row) -> str:
    """'3 acties: 1 afgerond, 2 gepland' for one row of a progress table (only statuses that occur);
    example statuses carry the mark: '2 acties: 2 lopend (◇ voorbeeldstatus)'."""
    total = int(row["totaal"])
    if total == 0:
        return "nog geen actie"
    voorbeeld = _voorbeelden(row)
    parts = [
        _met_voorbeeld(int(row[s]), s, voorbeeld[s]) for s in ("afgerond", "lopend", "gepland", "gestopt") if int(row[s])
    ]
    return f"{aantal(total, 'actie', 'acties')}: {', '.join(parts)}"
