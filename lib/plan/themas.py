"""The four themes of the uitvoeringsplan: one home for their numbers, names and short meaning."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thema:
    nummer: int
    naam: str
    kort: str


THEMAS: dict[int, Thema] = {
    t.nummer: t
    for t in (
        Thema(
            1,
            "Ken elkaar, vind elkaar",
            "Professionals en vrijwilligers kennen elkaar en het aanbod; al het aanbod staat op één plek online.",
        ),
        Thema(
            2,
            "Kwetsbare Capellenaren en life events",
            "Risico's eerder zien, professionals leren signaleren, één advies- en kennispunt en een publiekscampagne.",
        ),
        Thema(
            3,
            "Eenzaamheid onder jongeren",
            "Jongeren van 12 tot 24 jaar: signaleren, vragen wat zij nodig hebben, een maatjesproject en online bereik.",
        ),
        Thema(
            4,
            "Verbuurzamen",
            "Buren leren elkaar kennen: een welkomstpakket voor nieuwe bewoners en kleine acties in de straat.",
        ),
    )
}

JAARBUDGET_WMO = 514_000  # EUR per year 2020-2022 for meeting and loneliness (plan, Wmo meerjarenbudget)
# The plan's national reference (47% in Capelle against 43% or 44% in the Netherlands) is explained
# once, in lib/cijfers/referentie.py.
