"""The indicators, age groups and periods: labels and definitions live here and only here."""

from __future__ import annotations

from dataclasses import dataclass

from lib.kern import getallen
from lib.regio import codes


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str  # short label for pickers and axes
    uitleg: str  # one plain-language line
    cbs_kolom: str  # column in RIVM/CBS table 50120NED
    eenheid: str = "%"


INDICATOREN: dict[str, Indicator] = {
    i.code: i
    for i in (
        Indicator(
            "eenzaam",
            "Eenzaam",
            "Voelt zich matig tot zeer ernstig eenzaam (De Jong Gierveld-score 3 of hoger).",
            "Eenzaam_27",
        ),
        Indicator(
            "ernstig_eenzaam",
            "(Zeer) ernstig eenzaam",
            "Voelt zich ernstig of zeer ernstig eenzaam (score 9 of hoger).",
            "ErnstigZeerErnstigEenzaam_28",
        ),
        Indicator(
            "emotioneel_eenzaam",
            "Emotioneel eenzaam",
            "Mist een hechte, intieme band met iemand.",
            "EmotioneelEenzaam_29",
        ),
        Indicator(
            "sociaal_eenzaam",
            "Sociaal eenzaam",
            "Mist betekenisvolle contacten met een bredere groep mensen.",
            "SociaalEenzaam_30",
        ),
    )
}

# Age groups of 50120NED: our code -> (label, CBS key of the Leeftijd dimension).
LEEFTIJDEN: dict[str, tuple[str, str]] = {
    "18+": ("18 jaar en ouder", "20300"),
    "18-64": ("18 tot 65 jaar", "53115"),
    "65+": ("65 jaar en ouder", "80200"),
}

PERIODEN: tuple[int, ...] = (2016, 2020, 2022)

# The three forms of loneliness the plan names (existential loneliness is not measured by the monitor).
VORMEN: dict[str, str] = {
    "sociaal": "Je mist betekenisvolle contacten met een bredere kring: vrienden, buren, collega's.",
    "emotioneel": "Je mist een hechte band met één persoon, zoals een partner of beste vriend.",
    "existentieel": "Je mist zin of betekenis in je leven, ook als je genoeg mensen om je heen hebt.",
}


regio_niveau = codes.niveau  # kept under its old name: lib.regio.codes is its home


format_pct = getallen.procent  # kept under its old name: lib.kern.getallen is its home
