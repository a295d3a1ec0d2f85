"""The figures of the kaart and wijk pages as small view models: summaries, tiles, trend, age split.

Pure functions over the long loneliness table (lib.cijfers.loaders.load_figures); no Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from lib.cijfers import figures as fig
from lib.cijfers.figures import GEEN_VERSCHIL, HOGER, LAGER, Waarde
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, format_pct
from lib.kaart import wijkkaart as maps
from lib.kaart.klassen import _num, verschil_punten
from lib.kern.tekst import escape_markdown
from lib.wijk import grafieken as wijkcharts

WIJK_CODE = re.compile(r"^WK\d{6}$")
LANDELIJK = "NL01"


# --- query parameters ------------------------------------------------------------------------------


def parse_choice(raw: str | None, options) -> tuple[object | None, bool]:
    """Validate one query parameter against known options.

    Returns (value, rejected): (None, False) when absent, (option, False) when known (periods
    are matched as text, so '2022' finds 2022), (None, True) when present but unknown.
    """
    if raw is None:
        return None, False
    text = str(raw).strip()
    for option in options:
        if str(option) == text:
            return option, False
    return None, True


def parse_wijk_code(raw: str | None, known: set[str] | dict) -> tuple[str | None, str | None]:
    """(code, problem) for a ?wijk= value: a known code, or None with a Dutch reason."""
    if raw is None or str(raw).strip() == "":
        return None, None
    text = str(raw).strip().upper()
    if not WIJK_CODE.match(text):
        return None, "Dit is geen geldige wijkcode (een wijkcode ziet eruit als WK050207)."
    if text not in known:
        return None, "Deze wijk ligt niet in de gemeente of bestaat niet."
    return text, None


def safe_text(raw: str, limit: int = 40) -> str:
    """Show a user-typed value inside Markdown as inert text: shortened and with Markdown/HTML
    characters escaped."""
    text = str(raw)[:limit] + ("…" if len(str(raw)) > limit else "")
    return escape_markdown(text)


# --- kaart summary ---------------------------------------------------------------------------------


def samenvatting(tabel: pd.DataFrame, gebied: str, gemeente: Waarde | None, nl: Waarde | None) -> str:
    """A plain-language summary of a map for screen readers: highest, lowest, spread, references.

    `tabel` is KaartView.tabel (columns naam, waarde, vergelijking_gemeente); `gebied` is
    'wijken' or 'buurten'.
    """
    met = tabel.dropna(subset=["waarde"])
    zonder = len(tabel) - len(met)
    if met.empty:
        return f"Voor deze keuze zijn er geen cijfers per {gebied[:-2] if gebied.endswith('en') else gebied}."
    top = met.loc[met["waarde"].idxmax()]
    low = met.loc[met["waarde"].idxmin()]
    parts = [
        f"Hoogste: {top['naam']} ({format_pct(top['waarde'])}).",
        f"Laagste: {low['naam']} ({format_pct(low['waarde'])}).",
        f"Verschil tussen hoogste en laagste: {_num(top['waarde'] - low['waarde'])} procentpunt.",
    ]
    if gemeente is not None:
        hoger = int((met["vergelijking_gemeente"] == HOGER).sum())
        lager = int((met["vergelijking_gemeente"] == LAGER).sum())
        parts.append(
            f"Gemeente: {format_pct(gemeente.waarde)}; {hoger} van de {len(met)} {gebied} duidelijk hoger, "
            f"{lager} duidelijk lager."
        )
    else:
        parts.append("Geen gemeentelijk cijfer voor deze keuze.")
    parts.append(f"Nederland: {format_pct(nl.waarde)}." if nl else "Geen landelijk cijfer voor deze keuze.")
    if zonder:
        parts.append(
            f"{zonder} {gebied if zonder > 1 else gebied[:-2] if gebied.endswith('en') else gebied}: geen gegevens."
        )
    return " ".join(parts)


# --- wijk profile -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tegel:
    """One indicator of one wijk against the gemeente and the Netherlands."""

    indicator: str
    label: str
    waarde: Waarde | None
    gemeente: Waarde | None
    nl: Waarde | None

    @property
    def waarde_tekst(self) -> str:
        return format_pct(self.waarde.waarde) if self.waarde else "geen gegevens"

    @property
    def verschil_gemeente(self) -> str:
        if not self.waarde or not self.gemeente:
            return ""
        return verschil_punten(self.waarde.waarde, self.gemeente.waarde)

    @property
    def vergelijking(self) -> str:
        """HOGER / GEEN_VERSCHIL / LAGER against the gemeente with the wijk's 95% margin, or ''."""
        if not self.waarde or not self.gemeente:
            return ""
        return fig.compare(self.waarde, self.gemeente.waarde)

    @property
    def gemeente_tekst(self) -> str:
        """'▲ Duidelijk hoger dan de gemeente (53,1%)' and the like; '' without a gemeente figure."""
        if not self.vergelijking:
            return "Geen gemeentelijk cijfer" if self.waarde else ""
        zin = {HOGER: "Duidelijk hoger dan", LAGER: "Duidelijk lager dan", GEEN_VERSCHIL: "Geen duidelijk verschil met"}
        return f"{COMPARE_ICON[self.vergelijking]} {zin[self.vergelijking]} de gemeente ({format_pct(self.gemeente.waarde)})"

    @property
    def nl_tekst(self) -> str:
        if not self.nl:
            return "Nederland: geen landelijk cijfer"
        d = verschil_punten(self.waarde.waarde, self.nl.waarde) if self.waarde else ""
        return f"Nederland: {format_pct(self.nl.waarde)}" + (f" ({d})" if d else "")


def tegels(df: pd.DataFrame, wijk_code: str, gemeente_code: str, periode: int, leeftijd: str) -> list[Tegel]:
    """A tile per indicator for one wijk, period and age group."""
    return [
        Tegel(
            code,
            ind.label,
            fig.value_of(df, wijk_code, code, periode, leeftijd),
            fig.value_of(df, gemeente_code, code, periode, leeftijd),
            fig.value_of(df, LANDELIJK, code, periode, leeftijd),
        )
        for code, ind in INDICATOREN.items()
    ]


def _regio_label(code: str, wijk_naam: str, gemeente_naam: str) -> str:
    if code == LANDELIJK:
        return "Nederland"
    if code.startswith("GM"):
        return gemeente_naam
    return wijk_naam


def trend(
    df: pd.DataFrame,
    wijk_code: str,
    gemeente_code: str,
    indicator: str,
    leeftijd: str,
    wijk_naam: str,
    gemeente_naam: str,
) -> pd.DataFrame:
    """The indicator over the periods for the wijk, the gemeente and NL (long; missing rows absent)."""
    rows = df[
        df["regio_code"].isin([wijk_code, gemeente_code, LANDELIJK])
        & (df["indicator"] == indicator)
        & (df["leeftijd"] == leeftijd)
    ]
    out = rows[["regio_code", "periode", "waarde", "ondergrens", "bovengrens", "illustratief"]].copy()
    out["regio"] = out["regio_code"].map(lambda c: _regio_label(c, wijk_naam, gemeente_naam))
    return out.sort_values(["regio_code", "periode"]).reset_index(drop=True)


def leeftijdsopbouw(
    df: pd.DataFrame,
    wijk_code: str,
    gemeente_code: str,
    indicator: str,
    periode: int,
    wijk_naam: str,
    gemeente_naam: str,
) -> pd.DataFrame:
    """The indicator per age group for the wijk and the gemeente."""
    rows = df[
        df["regio_code"].isin([wijk_code, gemeente_code]) & (df["indicator"] == indicator) & (df["periode"] == periode)
    ]
    out = rows[["regio_code", "leeftijd", "waarde", "ondergrens", "bovengrens", "illustratief"]].copy()
    out["leeftijdsgroep"] = out["leeftijd"].map(lambda k: LEEFTIJDEN[k][0])
    out["regio"] = out["regio_code"].map(lambda c: _regio_label(c, wijk_naam, gemeente_naam))
    order = {k: i for i, k in enumerate(LEEFTIJDEN)}
    return out.sort_values(["regio_code", "leeftijd"], key=lambda s: s.map(order) if s.name == "leeftijd" else s)


def trend_tekst(t: pd.DataFrame, wijk_naam: str) -> str:
    """One sentence on the wijk's trend (first to last period)."""
    w = t[t["regio"] == wijk_naam].sort_values("periode")
    if len(w) < 2:
        return f"Voor {wijk_naam} is er te weinig om een ontwikkeling te laten zien."
    first, last = w.iloc[0], w.iloc[-1]
    d = last["waarde"] - first["waarde"]
    richting = "gestegen" if d > 0.05 else "gedaald" if d < -0.05 else "gelijk gebleven"
    return (
        f"In {wijk_naam} is dit cijfer van {format_pct(first['waarde'])} ({int(first['periode'])}) "
        f"{richting} naar {format_pct(last['waarde'])} ({int(last['periode'])})."
    )


def leeftijd_tekst(a: pd.DataFrame, wijk_naam: str) -> str:
    w = a[a["regio"] == wijk_naam].set_index("leeftijd")
    if not {"18-64", "65+"} <= set(w.index):
        return "Geen cijfers per leeftijdsgroep voor deze keuze."
    jong, oud = w.loc["18-64", "waarde"], w.loc["65+", "waarde"]
    return (
        f"In {wijk_naam}: 18 tot 65 jaar {format_pct(jong)}, 65 jaar en ouder {format_pct(oud)} "
        f"({verschil_punten(oud, jong) or 'geen verschil'} voor ouderen)."
    )


def buurten_tabel(
    df: pd.DataFrame, buurten: pd.DataFrame, wijk_code: str, indicator: str, periode: int, leeftijd: str
) -> pd.DataFrame:
    """The buurten of one wijk with their value and margin ('geen gegevens' where none)."""
    mine = buurten[buurten["wijk_code"] == wijk_code][["buurt_code", "buurt_naam"]]
    vals = fig.slice_of(df, indicator, periode, leeftijd, niveau="buurt")
    vals = vals[["regio_code", "waarde", "ondergrens", "bovengrens", "illustratief"]].rename(
        columns={"regio_code": "buurt_code"}
    )
    out = mine.merge(vals, on="buurt_code", how="left")
    out["toelichting"] = out["waarde"].map(lambda v: "geen gegevens" if pd.isna(v) else "")
    out["illustratief"] = out["illustratief"].map(lambda v: "" if pd.isna(v) else ("ja" if v else "nee"))
    return out.sort_values("waarde", ascending=False, na_position="last").reset_index(drop=True)


COMPARE_ICON = {HOGER: "▲", GEEN_VERSCHIL: "●", LAGER: "▼"}


def buurten_tekst(bt: pd.DataFrame, wijk_naam: str) -> str:
    """'X heeft 7 buurten. Hoogste: …; laagste: … . 2 zonder gegevens.'"""
    met = bt.dropna(subset=["waarde"])
    text = f"{wijk_naam} heeft {len(bt)} buurten. "
    if len(met):
        text += (
            f"Hoogste: {met.iloc[0]['buurt_naam']} ({format_pct(met.iloc[0]['waarde'])}); "
            f"laagste: {met.iloc[-1]['buurt_naam']} ({format_pct(met.iloc[-1]['waarde'])})."
        )
    else:
        text += "Voor geen van de buurten zijn cijfers."
    if len(bt) > len(met):
        text += f" {len(bt) - len(met)} zonder gegevens."
    return text


@dataclass(frozen=True)
class Profiel:
    """Everything the Wijkprofiel page draws for one wijk and choice (built once, then cached)."""

    wijk_code: str
    naam: str
    tegels: list
    tegel_bronnen: tuple[str, ...]
    trend: pd.DataFrame
    trend_tekst: str
    trend_spec: dict
    trend_bronnen: tuple[str, ...]
    leeftijd: pd.DataFrame
    leeftijd_tekst: str
    leeftijd_spec: dict
    buurten: pd.DataFrame
    buurten_tekst: str
    buurt_kaart: object  # maps.KaartView
    illustratief: bool


def build_profiel(
    df: pd.DataFrame,
    buurten: pd.DataFrame,
    buurt_geojson: dict,
    wijk_code: str,
    wijk_naam: str,
    gemeente_code: str,
    gemeente_naam: str,
    indicator: str,
    periode: int,
    leeftijd: str,
) -> Profiel:
    """The wijk profile view model: tiles, trend, age split and the wijk's buurten (map + table)."""

    label = INDICATOREN[indicator].label
    tiles = tegels(df, wijk_code, gemeente_code, periode, leeftijd)
    t = trend(df, wijk_code, gemeente_code, indicator, leeftijd, wijk_naam, gemeente_naam)
    a = leeftijdsopbouw(df, wijk_code, gemeente_code, indicator, periode, wijk_naam, gemeente_naam)
    bt = buurten_tabel(df, buurten, wijk_code, indicator, periode, leeftijd)
    own = {
        "type": "FeatureCollection",
        "features": [f for f in buurt_geojson["features"] if f["properties"]["wijk_code"] == wijk_code],
    }
    own_figures = fig.slice_of(df, indicator, periode, leeftijd, niveau="buurt")
    own_figures = own_figures[own_figures["regio_code"].isin(set(bt["buurt_code"]))]
    bview = maps.build_kaart(
        own,
        own_figures,
        dict(zip(buurten["buurt_code"], buurten["buurt_naam"], strict=True)),
        niveau="buurt",
        gemeente=fig.value_of(df, gemeente_code, indicator, periode, leeftijd),
        nl=fig.value_of(df, LANDELIJK, indicator, periode, leeftijd),
        view=maps.fit_view(maps._bounds(own), 560, 340) if own["features"] else None,
    )
    mine = df[df["regio_code"].str.startswith(("WK" + wijk_code[2:], "BU" + wijk_code[2:]))]
    trend_rows = df[
        df["regio_code"].isin([wijk_code, gemeente_code, LANDELIJK])
        & (df["indicator"] == indicator)
        & (df["leeftijd"] == leeftijd)
    ]
    return Profiel(
        wijk_code,
        wijk_naam,
        tiles,
        tuple(sorted({x.waarde.bron for x in tiles if x.waarde} | {x.nl.bron for x in tiles if x.nl})),
        t,
        trend_tekst(t, wijk_naam),
        wijkcharts.trend_chart(t, label).to_dict(),
        tuple(dict.fromkeys(trend_rows["bron"])),
        a,
        leeftijd_tekst(a, wijk_naam),
        wijkcharts.age_chart(a, label).to_dict(),
        bt,
        buurten_tekst(bt, wijk_naam),
        bview,
        bool(mine["illustratief"].any()),
    )
