"""The figures of the kaart and wijk pages as small view models: summaries, tiles, trend, age split.

Pure functions over the long loneliness table (lib.cijfers.loaders.load_figures); no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.cijfers import figures as fig
from lib.cijfers import voorbeeld as vb
from lib.cijfers.figures import GEEN_VERSCHIL, HOGER, LAGER, Waarde
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, format_pct
from lib.cijfers.onderdrukking import GEEN_SCHATTING, ONDERDRUKT, ONDERDRUKT_TEGEL
from lib.kaart import wijkkaart as maps
from lib.kaart.klassen import _num, verschil_punten
from lib.kern import getallen
from lib.regio import codes, geometrie
from lib.wijk import grafieken as wijkcharts

# --- kaart summary ---------------------------------------------------------------------------------


def samenvatting(
    tabel: pd.DataFrame, gebied: str, gemeente: Waarde | None, nl: Waarde | None, eenheid: str = "%"
) -> str:
    """A plain-language summary of a map for screen readers: highest, lowest, spread, references.

    `tabel` is KaartView.tabel (columns naam, waarde, vergelijking_gemeente); `gebied` is
    'wijken' or 'buurten'. For example figures the ranking is phrased as an example; for a real CBS
    layer (`eenheid` 'inwoners', or shares without margins) there is no 'clearly higher' count.
    """
    if "ondergrens" in tabel and tabel["ondergrens"].isna().all() and tabel["waarde"].notna().any():
        return _samenvatting_telling(tabel, gebied, gemeente, eenheid)
    met = tabel.dropna(subset=["waarde"])
    zonder = len(tabel) - len(met)
    if met.empty:
        return f"Voor deze keuze zijn er geen cijfers per {gebied[:-2] if gebied.endswith('en') else gebied}."
    top = met.loc[met["waarde"].idxmax()]
    low = met.loc[met["waarde"].idxmin()]
    # Rankings and 'x duidelijk hoger' are findings only for real figures (lib.cijfers.voorbeeld).
    voorbeeld = vb.is_voorbeeld(gemeente) or (
        "illustratief" in met and bool(met["illustratief"].astype(str).str.startswith("ja").any())
    )
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
    tekst = vb.als_voorbeeld(" ".join(parts), voorbeeld)
    tail = [f"Nederland: {format_pct(nl.waarde)}{vb.merk(nl)}." if nl else "Geen landelijk cijfer voor deze keuze."]
    if zonder:
        tail.append(
            f"{zonder} {gebied if zonder > 1 else gebied[:-2] if gebied.endswith('en') else gebied}: geen gegevens "
            "of geen schatting."
        )
    return " ".join([tekst, *tail])


def _samenvatting_telling(tabel: pd.DataFrame, gebied: str, gemeente: Waarde | None, eenheid: str) -> str:
    """Summary of a real CBS layer: highest, lowest and the gemeente (counts, no margins)."""
    met = tabel.dropna(subset=["waarde"])

    def tekst(v: float) -> str:
        return format_pct(v) if eenheid == "%" else f"{getallen.getal(round(v))} inwoners"

    top = met.loc[met["waarde"].idxmax()]
    low = met.loc[met["waarde"].idxmin()]
    parts = [f"Hoogste: {top['naam']} ({tekst(top['waarde'])}).", f"Laagste: {low['naam']} ({tekst(low['waarde'])})."]
    if gemeente is not None:
        parts.append(f"Gemeente: {tekst(gemeente.waarde)}.")
    zonder = len(tabel) - len(met)
    if zonder:
        parts.append(f"{zonder} {gebied} zonder inwoners: geen aandeel.")
    return " ".join(parts) + " Echte tellingen van het CBS (1 januari 2024)."


# --- wijk profile -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tegel:
    """One indicator of one wijk against the gemeente and the Netherlands."""

    indicator: str
    label: str
    waarde: Waarde | None
    gemeente: Waarde | None
    nl: Waarde | None
    onderdrukt: bool = False  # a real import covers it, the source left the value out

    @property
    def waarde_tekst(self) -> str:
        """'53,1% ◇' for an example (the tile spells out 'voorbeeld' beside it), '47,0%' for a real figure."""
        if self.waarde:
            return format_pct(self.waarde.waarde) + vb.kort_merk(self.waarde)
        return ONDERDRUKT_TEGEL if self.onderdrukt else "geen gegevens"

    @property
    def voorbeeld(self) -> bool:
        """The tile rests on an example value (its own or the gemeente's): no comparison as a finding."""
        return vb.een_voorbeeld((self.waarde, self.gemeente))

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
        gemeente = f"de gemeente ({format_pct(self.gemeente.waarde)}{vb.kort_merk(self.gemeente)})"
        if self.voorbeeld:
            return f"{vb.TEKEN} In de voorbeeldcijfers: {zin[self.vergelijking].lower()} {gemeente}, geen uitkomst"
        return f"{COMPARE_ICON[self.vergelijking]} {zin[self.vergelijking]} {gemeente}"

    @property
    def nl_tekst(self) -> str:
        if not self.nl:
            return "Nederland: geen landelijk cijfer"
        # no difference from an example value: it would read as a comparison
        d = verschil_punten(self.waarde.waarde, self.nl.waarde) if self.waarde and not self.voorbeeld else ""
        return f"Nederland: {format_pct(self.nl.waarde)}{vb.kort_merk(self.nl)}" + (f" ({d})" if d else "")


def tegels(
    df: pd.DataFrame,
    wijk_code: str,
    gemeente_code: str,
    periode: int,
    leeftijd: str,
    onderdrukt: frozenset[tuple] | set[tuple] = frozenset(),
) -> list[Tegel]:
    """A tile per indicator for one wijk, period and age group; `onderdrukt` as in build_profiel."""
    return [
        Tegel(
            code,
            ind.label,
            fig.value_of(df, wijk_code, code, periode, leeftijd),
            fig.value_of(df, gemeente_code, code, periode, leeftijd),
            fig.value_of(df, codes.NEDERLAND, code, periode, leeftijd),
            (wijk_code, code, periode, leeftijd) in onderdrukt,
        )
        for code, ind in INDICATOREN.items()
    ]


def _regio_label(code: str, wijk_naam: str, gemeente_naam: str) -> str:
    if code == codes.NEDERLAND:
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
        df["regio_code"].isin([wijk_code, gemeente_code, codes.NEDERLAND])
        & (df["indicator"] == indicator)
        & (df["leeftijd"] == leeftijd)
    ]
    out = rows[["regio_code", "periode", "waarde", "ondergrens", "bovengrens", "illustratief", "bron"]].copy()
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
    zin = (
        f"In {wijk_naam} is dit cijfer van {format_pct(first['waarde'])} ({int(first['periode'])}) "
        f"{richting} naar {format_pct(last['waarde'])} ({int(last['periode'])})."
    )
    return vb.als_voorbeeld(zin, bool(first["illustratief"] or last["illustratief"]))


def leeftijd_tekst(a: pd.DataFrame, wijk_naam: str) -> str:
    w = a[a["regio"] == wijk_naam].set_index("leeftijd")
    if not {"18-64", "65+"} <= set(w.index):
        return "Geen cijfers per leeftijdsgroep voor deze keuze."
    jong, oud = w.loc["18-64", "waarde"], w.loc["65+", "waarde"]
    zin = (
        f"In {wijk_naam}: 18 tot 65 jaar {format_pct(jong)}, 65 jaar en ouder {format_pct(oud)} "
        f"({verschil_punten(oud, jong) or 'geen verschil'} voor ouderen)."
    )
    return vb.als_voorbeeld(zin, bool(w.loc["18-64", "illustratief"] or w.loc["65+", "illustratief"]))


def buurten_tabel(
    df: pd.DataFrame,
    buurten: pd.DataFrame,
    wijk_code: str,
    indicator: str,
    periode: int,
    leeftijd: str,
    klein: frozenset[str] | set[str] = frozenset(),
    onderdrukt: frozenset[str] | set[str] = frozenset(),
) -> pd.DataFrame:
    """The buurten of one wijk with their value and margin.

    Without a figure the toelichting says why: 'geen schatting (te weinig inwoners)' for the buurten
    in `klein` (lib.cijfers.onderdrukking), else 'geen gegevens'. The illustratief column carries
    the example mark per row (lib.cijfers.voorbeeld.cel).
    """
    mine = buurten[buurten["wijk_code"] == wijk_code][["buurt_code", "buurt_naam"]]
    vals = fig.slice_of(df, indicator, periode, leeftijd, niveau="buurt")
    vals = vals[["regio_code", "waarde", "ondergrens", "bovengrens", "illustratief"]].rename(
        columns={"regio_code": "buurt_code"}
    )
    out = mine.merge(vals, on="buurt_code", how="left")
    out["toelichting"] = [
        (GEEN_SCHATTING if code in klein else ONDERDRUKT if code in onderdrukt else "geen gegevens")
        if pd.isna(v)
        else ""
        for code, v in zip(out["buurt_code"], out["waarde"], strict=True)
    ]
    out["illustratief"] = out["illustratief"].map(lambda v: "" if pd.isna(v) else vb.cel(bool(v)))
    return out.sort_values("waarde", ascending=False, na_position="last").reset_index(drop=True)


COMPARE_ICON = {HOGER: "▲", GEEN_VERSCHIL: "●", LAGER: "▼"}


def buurten_tekst(bt: pd.DataFrame, wijk_naam: str) -> str:
    """'X heeft 7 buurten. Hoogste: …; laagste: … . 2 zonder gegevens.'"""
    met = bt.dropna(subset=["waarde"])
    text = f"{wijk_naam} heeft {getallen.aantal(len(bt), 'buurt', 'buurten')}. "
    if len(met):
        rang = (
            f"Hoogste: {met.iloc[0]['buurt_naam']} ({format_pct(met.iloc[0]['waarde'])}); "
            f"laagste: {met.iloc[-1]['buurt_naam']} ({format_pct(met.iloc[-1]['waarde'])})."
        )
        text += vb.als_voorbeeld(rang, bool(met["illustratief"].astype(str).str.startswith("ja").any()))
    else:
        text += "Voor geen van de buurten zijn cijfers."
    klein = int((bt["toelichting"] == GEEN_SCHATTING).sum())
    rest = len(bt) - len(met) - klein
    if klein:
        text += f" {klein} met te weinig inwoners: geen schatting."
    if rest:
        text += f" {rest} zonder gegevens."
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
    klein: frozenset[str] | set[str] = frozenset(),
    onderdrukt: frozenset[tuple] | set[tuple] = frozenset(),
) -> Profiel:
    """The wijk profile view model: tiles, trend, age split and the wijk's buurten (map + table).

    `klein`: buurten with too few inhabitants (lib.cijfers.onderdrukking); they show no estimate.
    `onderdrukt`: (region, indicator, period, age) a real import covers but the source left out.
    """

    label = INDICATOREN[indicator].label
    tiles = tegels(df, wijk_code, gemeente_code, periode, leeftijd, onderdrukt)
    stil = frozenset(c for c, i, p, a in onderdrukt if (i, p, a) == (indicator, periode, leeftijd))
    t = trend(df, wijk_code, gemeente_code, indicator, leeftijd, wijk_naam, gemeente_naam)
    a = leeftijdsopbouw(df, wijk_code, gemeente_code, indicator, periode, wijk_naam, gemeente_naam)
    bt = buurten_tabel(df, buurten, wijk_code, indicator, periode, leeftijd, klein, stil)
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
        klein=klein,
        gemeente=fig.value_of(df, gemeente_code, indicator, periode, leeftijd),
        nl=fig.value_of(df, codes.NEDERLAND, indicator, periode, leeftijd),
        view=maps.fit_view(geometrie.bounds(own), 560, 340) if own["features"] else None,
        onderdrukt=stil,
    )
    mine = df[df["regio_code"].str.startswith(codes.binnen_wijk(wijk_code))]
    trend_rows = df[
        df["regio_code"].isin([wijk_code, gemeente_code, codes.NEDERLAND])
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
