"""Comparing the gemeente with Nederland and with other gemeenten, per indicator, age group and period.

The other gemeenten's figures come only from imports of table 50120NED (the national file, or
``fetch``): they are stored with the import but never laid over the map (lib.cijfers.imports).
Table 50120NED has no rows per GGD region, so the GGD region cannot be shown from it; the comparison
says so rather than computing a regional figure of its own.

"Duidelijk hoger/lager" follows the rule of the rest of the dashboard: only when the two 95%
intervals do not overlap. Without margins we say the difference is uncertain.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

import pandas as pd

from lib.cijfers import imports
from lib.cijfers import voorbeeld as vb
from lib.cijfers.indicators import INDICATOREN, LEEFTIJDEN, format_pct
from lib.cijfers.loaders import FIGURE_COLUMNS
from lib.cijfers.referentie import meetjaar_noot
from lib.kern import getallen
from lib.wijk import grafieken as wg

GEMEENTE_CODE = re.compile(r"^GM\d{4}$")
MAX_GEKOZEN = 12
# The picked gemeenten travel with the user: in the link (?vergelijk=GM0599,GM0606) and, for the
# briefing, in the session under this key; both pages (Wijkprofiel and briefing) read these names.
URL_PARAM = "vergelijk"
SESSIE_SLEUTEL = "vergelijk_gemeenten"
ROLLEN = ("Deze gemeente", "Nederland", "Gekozen gemeente")
ROL_KLEUREN = ("#0072B2", "#000000", "#E69F00")

HOGER, LAGER, GEEN, ONZEKER = "duidelijk hoger", "duidelijk lager", "geen duidelijk verschil", "marge onbekend"
GEEN_OORDEEL_ZIN = f"Naast een voorbeeldcijfer {vb.TEKEN} staat geen oordeel: dat zou geen uitkomst zijn."


def andere_gemeenten(conn: sqlite3.Connection, gemeente_code: str) -> pd.DataFrame:
    """Every other gemeente's own figures from the active imports (later imports win), long format."""
    layers = [layer[layer["regio_code"].str.match(r"^GM\d{4}$")] for layer in imports.active_layers(conn)]
    empty = pd.DataFrame(columns=FIGURE_COLUMNS)
    out = imports.merge(empty, *[layer for layer in layers if not layer.empty]) if layers else empty
    return out[out["regio_code"] != gemeente_code].reset_index(drop=True)


def keuzes(andere: pd.DataFrame, namen: dict[str, str]) -> dict[str, str]:
    """Gemeente code -> label for the picker, sorted by name; a gemeente without a name shows its code."""
    codes = sorted(set(andere["regio_code"]))
    labels = {c: f"{namen[c]} ({c})" if namen.get(c) else c for c in codes}
    return dict(sorted(labels.items(), key=lambda kv: kv[1].lower()))


def lees_keuze(raw: str | None, beschikbaar: dict[str, str]) -> tuple[list[str], bool]:
    """The gemeenten in a link (?vergelijk=GM0599,GM0606): the known ones, and whether any was dropped."""
    if not raw:
        return [], False
    gevraagd = [c.strip().upper() for c in str(raw).split(",") if c.strip()]
    goed = [c for c in dict.fromkeys(gevraagd) if GEMEENTE_CODE.match(c) and c in beschikbaar][:MAX_GEKOZEN]
    return goed, len(goed) != len(gevraagd)


def oordeel(w: pd.Series | None, ref: pd.Series | None) -> str:
    """How a figure compares with the reference (our gemeente), by its 95% interval."""
    if w is None or ref is None:
        return ""
    lo, hi, rlo, rhi = w["ondergrens"], w["bovengrens"], ref["ondergrens"], ref["bovengrens"]
    if any(pd.isna(v) for v in (lo, hi, rlo, rhi)):
        return ONZEKER
    if lo > rhi:
        return HOGER
    if hi < rlo:
        return LAGER
    return GEEN


@dataclass(frozen=True)
class Vergelijking:
    """What the comparison shows for one indicator, period and age group."""

    tabel: pd.DataFrame  # Rol, Gemeente, Code, waarde, ondergrens, bovengrens, Verschil, Oordeel, Voorbeeld, bron
    tekst: str
    andere_beschikbaar: bool  # are there other gemeenten at all (an import of the national file)?
    illustratief: bool  # is any shown figure an example figure?
    bronnen: tuple[str, ...]
    ggd_tekst: str

    def spec(self) -> dict:
        """A Vega-Lite chart: each area's estimate with its 95% interval, our gemeente highlighted."""
        data = self.tabel.dropna(subset=["waarde"])
        records = [
            {
                "gebied": r["Gemeente"] + vb.kort_merk(r["Voorbeeld"]),
                "rol": r["Rol"],
                "waarde": r["waarde"],
                "ondergrens": None if pd.isna(r["ondergrens"]) else r["ondergrens"],
                "bovengrens": None if pd.isna(r["bovengrens"]) else r["bovengrens"],
                "tekst": format_pct(r["waarde"]) + vb.merk(r["Voorbeeld"]),
                "soort": vb.soort(r["Voorbeeld"]),
            }
            for _, r in data.iterrows()
        ]
        # example points drawn in the dashboard's example style (light fill, dashed outline, legend entry)
        legenda = wg.voorbeeld_legenda(ROL_KLEUREN[0], any(r["soort"] == vb.SOORT_VOORBEELD for r in records))
        volgorde = [r["gebied"] for r in records]
        y = {"field": "gebied", "type": "nominal", "sort": volgorde, "title": None, "axis": {"labelLimit": 220}}
        kleur = {
            "field": "rol",
            "type": "nominal",
            "title": None,
            "scale": {"domain": list(ROLLEN), "range": list(ROL_KLEUREN)},
            "legend": None,  # the axis names every area; the colour only sets our gemeente apart
        }
        return {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "data": {"values": records},
            "height": {"step": 26},
            "layer": [
                {
                    "mark": {"type": "rule", "strokeWidth": 2, "opacity": 0.6},
                    "encoding": {
                        "y": y,
                        "x": {"field": "ondergrens", "type": "quantitative", "title": "Percentage (met 95%-marge)"},
                        "x2": {"field": "bovengrens"},
                        "color": kleur,
                        "strokeDash": wg.soort_dash(legenda).to_dict(),  # one legend for both layers
                    },
                },
                {
                    "mark": {"type": "point", "filled": True, "size": 110, "strokeWidth": 1.5},
                    "encoding": {
                        "y": y,
                        "x": {"field": "waarde", "type": "quantitative"},
                        "fill": kleur,
                        "stroke": kleur,
                        "fillOpacity": wg.soort_fill().to_dict(),
                        "strokeDash": wg.soort_dash(legenda).to_dict(),
                        "tooltip": [
                            {"field": "gebied", "title": "Gebied"},
                            {"field": "tekst", "title": "Waarde"},
                            {"field": "ondergrens", "title": "Ondergrens", "format": ".1f"},
                            {"field": "bovengrens", "title": "Bovengrens", "format": ".1f"},
                        ],
                    },
                },
            ],
        }


def vergelijk(
    eigen: pd.DataFrame,
    andere: pd.DataFrame,
    namen: dict[str, str],
    gemeente_code: str,
    gemeente_naam: str,
    gekozen: list[str],
    indicator: str,
    periode: int,
    leeftijd: str,
) -> Vergelijking:
    """The gemeente, Nederland and the chosen gemeenten side by side, with margins and a plain verdict.

    ``eigen`` is the table the app shows (shipped figures with imports over them); ``andere`` the
    other gemeenten's figures (``andere_gemeenten``).
    """

    def rij(df: pd.DataFrame, code: str) -> pd.Series | None:
        hit = df[
            (df["regio_code"] == code)
            & (df["indicator"] == indicator)
            & (df["periode"].astype(int) == int(periode))
            & (df["leeftijd"] == leeftijd)
        ]
        return None if hit.empty else hit.iloc[0]

    ref = rij(eigen, gemeente_code)
    regels = [
        ("Deze gemeente", gemeente_code, gemeente_naam, ref),
        ("Nederland", "NL01", "Nederland", rij(eigen, "NL01")),
    ]
    regels += [("Gekozen gemeente", c, namen.get(c, c), rij(andere, c)) for c in gekozen]
    rows = []
    for rol, code, naam, w in regels:
        # against an example (on either side) there is no verdict and no difference to state
        voorbeeld = vb.een_voorbeeld(x["illustratief"] for x in (w, ref) if x is not None)
        rows.append(
            {
                "Rol": rol,
                "Gemeente": naam,
                "Code": code,
                "waarde": float("nan") if w is None else float(w["waarde"]),
                "ondergrens": float("nan") if w is None else float(w["ondergrens"]),
                "bovengrens": float("nan") if w is None else float(w["bovengrens"]),
                "Verschil": ""
                if w is None or ref is None or code == gemeente_code
                else vb.oordeel(_punten(w, ref), voorbeeld),
                "Oordeel": ""
                if code == gemeente_code
                else (vb.oordeel(oordeel(w, ref), voorbeeld) if w is not None else "geen gegevens"),
                "Voorbeeld": bool(w is not None and w["illustratief"]),
                "bron": "" if w is None else str(w["bron"]),
            }
        )
    tabel = pd.DataFrame(rows)
    label = INDICATOREN[indicator].label.lower()
    leeftijd_tekst = LEEFTIJDEN[leeftijd][0]
    if ref is None:
        tekst = f"Er is geen cijfer '{label}' voor {gemeente_naam} ({leeftijd_tekst}, {periode})."
    else:
        eigen_tekst = format_pct(ref["waarde"]) + vb.kort_merk(ref["illustratief"]) + meetjaar_noot(str(ref["bron"]))
        delen = [f"{gemeente_naam}: {eigen_tekst} {label} ({leeftijd_tekst}, {periode})."]
        for _, r in tabel.iloc[1:].iterrows():
            if pd.isna(r["waarde"]):
                delen.append(f"{r['Gemeente']}: geen cijfer.")
            elif r["Oordeel"] == vb.GEEN_OORDEEL:  # no verdict stated next to an example
                delen.append(f"{r['Gemeente']}: {format_pct(r['waarde'])}{vb.kort_merk(r['Voorbeeld'])}.")
            else:
                delen.append(f"{r['Gemeente']}: {format_pct(r['waarde'])}, {r['Oordeel']}.")
        if (tabel["Oordeel"] == vb.GEEN_OORDEEL).any():
            delen.append(GEEN_OORDEEL_ZIN)
        tekst = " ".join(delen)
    return Vergelijking(
        tabel=tabel,
        tekst=tekst,
        andere_beschikbaar=not andere.empty,
        illustratief=bool(tabel["Voorbeeld"].any()),
        bronnen=tuple(dict.fromkeys(b for b in tabel["bron"] if b)),
        ggd_tekst=(
            # Which GGD region a gemeente belongs to is in none of the data, so no region is named here.
            f"De GGD-regio van {gemeente_naam} staat er niet bij: tabel 50120NED geeft cijfers per "
            "gemeente, wijk en buurt, niet per GGD-regio. Kies de gemeenten van de regio hieronder om ze naast "
            "elkaar te zien."
        ),
    )


def _punten(w: pd.Series, ref: pd.Series) -> str:
    d = float(w["waarde"]) - float(ref["waarde"])
    return "0 procentpunt" if abs(d) < 0.05 else getallen.procentpunt(d, 1)


def tabel_voor_scherm(v: Vergelijking) -> pd.DataFrame:
    """The comparison table with Dutch headers and Dutch numbers, for the page, the CSV and the briefing."""
    t = v.tabel
    return pd.DataFrame(
        {
            "Gebied": t["Gemeente"],
            "Code": t["Code"],
            "Waarde": [
                format_pct(w) + vb.kort_merk(f) + meetjaar_noot(b)
                for w, f, b in zip(t["waarde"], t["Voorbeeld"], t["bron"], strict=True)
            ],
            "95%-marge": [
                f"{format_pct(lo)} tot {format_pct(hi)}" if pd.notna(lo) and pd.notna(hi) else "onbekend"
                for lo, hi in zip(t["ondergrens"], t["bovengrens"], strict=True)
            ],
            "Verschil met deze gemeente": t["Verschil"],
            "Oordeel": t["Oordeel"],
            vb.KOLOM: t["Voorbeeld"].map(vb.cel),
        }
    )


@dataclass(frozen=True)
class BriefingVergelijking:
    """The optional briefing page: only text and tuples, so the briefing's view model stays comparable."""

    titel: str
    tekst: str
    kolommen: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]
    illustratief: bool
    bron: str
    toelichting: str


def voor_briefing(v: Vergelijking, bron_labels: dict[str, str]) -> BriefingVergelijking:
    """The comparison as the briefing's page: title, summary, table and sources (labels with year)."""
    tabel = tabel_voor_scherm(v).drop(columns=["Code"])
    toelichting = "Duidelijk hoger of lager: de 95%-marges overlappen niet. " + v.ggd_tekst.split(" Kies")[0]
    if not v.andere_beschikbaar:
        toelichting = (
            "Er zijn nog geen cijfers van andere gemeenten ingelezen (de landelijke tabel 50120NED); daarom staan "
            "hier alleen de gemeente en Nederland. " + toelichting
        )
    return BriefingVergelijking(
        titel="Vergelijking met andere gemeenten",
        tekst=v.tekst,
        kolommen=tuple(tabel.columns),
        rijen=tuple(tuple(str(x) for x in r) for r in tabel.itertuples(index=False)),
        illustratief=v.illustratief,
        bron="; ".join(bron_labels.get(b, b) for b in v.bronnen),
        toelichting=toelichting,
    )
