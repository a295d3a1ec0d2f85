"""Personas: fictive Capellenaren, one YAML file each in personas/, validated into typed records.

A seventh persona works by dropping in a file: `load_personas` reads every *.yaml in the folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lib.aanbod.begrippen import DOELGROEPEN, DREMPELS, LEVENSGEBEURTENISSEN, MECHANISMEN, SIGNALEERDERS
from lib.cijfers.indicators import VORMEN
from lib.kern.config import PERSONA_DIR
from lib.kern.errors import DataFout
from lib.kern.yamlcheck import Fields, read_yaml
from lib.personas.matching import Profiel
from lib.plan.themas import THEMAS

FIELDS = (
    "id",
    "naam",
    "leeftijd",
    "wijk",
    "kort",
    "woonsituatie",
    "levensgebeurtenissen",
    "vormen",
    "doelgroepen",
    "risicofactoren",
    "behoeften",
    "drempels",
    "mechanismen",
    "signaleerders",
    "citaat",
    "themas",
)


@dataclass(frozen=True)
class Signaal:
    """Who may notice (a SIGNALEERDERS key) and what they might see in this persona."""

    wie: str
    signaal: str

    @property
    def label(self) -> str:
        return SIGNALEERDERS[self.wie][0]

    @property
    def wat_te_doen(self) -> str:
        return SIGNALEERDERS[self.wie][1]


@dataclass(frozen=True)
class Persona:
    id: str
    naam: str
    leeftijd: int
    wijk: str
    kort: str
    woonsituatie: str
    levensgebeurtenissen: tuple[str, ...]
    vormen: tuple[str, ...]
    doelgroepen: tuple[str, ...]
    risicofactoren: tuple[str, ...]
    behoeften: tuple[str, ...]
    drempels: tuple[str, ...]
    mechanismen: tuple[str, ...]
    signaleerders: tuple[Signaal, ...]
    citaat: str
    themas: tuple[int, ...]

    def profiel(self) -> Profiel:
        """The part of the persona that matching uses."""
        return Profiel.van(self)


def _signalen(f: Fields) -> tuple[Signaal, ...]:
    raw = f.raw.get("signaleerders")
    if not isinstance(raw, list) or not raw:
        f.fail("Verwacht een lijst met wie de signalen kan opmerken (wie: ..., signaal: ...)", "signaleerders")
    out = []
    for entry in raw:
        if not isinstance(entry, dict) or set(entry) - {"wie", "signaal"} or "wie" not in entry:
            f.fail("Elke signaleerder heeft 'wie' en 'signaal'", "signaleerders")
        if entry["wie"] not in SIGNALEERDERS:
            f.fail(
                f"Onbekende signaleerder '{entry['wie']}' (kies uit: {', '.join(SIGNALEERDERS)})",
                "signaleerders",
            )
        signaal = entry.get("signaal")
        if not isinstance(signaal, str) or not signaal.strip():
            f.fail("Beschrijf bij elke signaleerder wat die kan opmerken ('signaal')", "signaleerders")
        out.append(Signaal(entry["wie"], signaal.strip()))
    return tuple(out)


def parse_persona(raw, bestand: str, wijk_codes: set[str] | None = None, expected_id: str | None = None) -> Persona:
    """Validate one parsed persona file; raises DataFout naming file, persona and field."""
    label = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else bestand
    f = Fields(raw, bestand, label, FIELDS)
    persona_id = f.slug("id")
    if expected_id is not None and persona_id != expected_id:
        f.fail(f"Id '{persona_id}' moet gelijk zijn aan de bestandsnaam ('{expected_id}')", "id")
    wijk = f.text("wijk")
    if not wijk.startswith("WK0502") or (wijk_codes is not None and wijk not in wijk_codes):
        f.fail(f"Onbekende wijk '{wijk}' (gebruik een wijkcode als WK050206)", "wijk")
    themas = f.choices("themas", THEMAS)
    return Persona(
        id=persona_id,
        naam=f.text("naam", max_len=80),
        leeftijd=f.integer("leeftijd", low=0, high=110),
        wijk=wijk,
        kort=f.text("kort", max_len=200),
        woonsituatie=f.text("woonsituatie", max_len=500),
        levensgebeurtenissen=f.choices("levensgebeurtenissen", LEVENSGEBEURTENISSEN),
        vormen=f.choices("vormen", VORMEN),
        doelgroepen=f.choices("doelgroepen", DOELGROEPEN),
        risicofactoren=f.strings("risicofactoren"),
        behoeften=f.strings("behoeften"),
        drempels=f.choices("drempels", DREMPELS, required=False),
        mechanismen=f.choices("mechanismen", MECHANISMEN, required=False),
        signaleerders=_signalen(f),
        citaat=f.text("citaat", max_len=400),
        themas=tuple(sorted(themas)),
    )


def load_persona(path: Path, wijk_codes: set[str] | None = None) -> Persona:
    """One persona file, validated; its id must equal the file name (without .yaml)."""
    path = Path(path)
    return parse_persona(read_yaml(path), path.name, wijk_codes, expected_id=path.stem)


def load_personas(folder: Path = PERSONA_DIR, wijk_codes: set[str] | None = None) -> tuple[Persona, ...]:
    """All personas in the folder, sorted by age (young to old) so the gallery reads as a life course."""
    files = sorted(Path(folder).glob("*.yaml"))
    if not files:
        raise DataFout("Geen persona's gevonden", bestand=Path(folder).name)
    personas = [load_persona(p, wijk_codes) for p in files]
    return tuple(sorted(personas, key=lambda p: (p.leeftijd, p.id)))


def filter_personas(
    personas: tuple[Persona, ...],
    thema: int | None = None,
    doelgroep: str | None = None,
    wijk: str | None = None,
) -> tuple[Persona, ...]:
    """The personas of one plan theme, risk group and/or wijk (None: no filter on that part)."""
    return tuple(
        p
        for p in personas
        if (thema is None or thema in p.themas)
        and (doelgroep is None or doelgroep in p.doelgroepen)
        and (wijk is None or p.wijk == wijk)
    )
