"""Personas built in a workshop: shared by link, saved by editors, so the next session builds on them.

- A share link carries the whole persona in one query parameter (``werksessie``): compact JSON,
  URL-safe base64. Nothing is stored; anyone with the link sees the same persona.
- Reading a link validates every field against the shared vocabulary; a broken or tampered link
  gives a Dutch message naming the field, never a traceback.
- Editors save a persona to the ``werksessie_personas`` table (migration 0017_werksessie_personas)
  with author and date; the save is audited like every other write.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from dataclasses import asdict, dataclass

from lib.aanbod.begrippen import DOELGROEPEN, DREMPELS, LEVENSGEBEURTENISSEN, MECHANISMEN
from lib.cijfers.indicators import VORMEN
from lib.kern import auth, invoer, storage
from lib.kern.errors import DataFout
from lib.personas.matching import Profiel

QUERY_PARAM = "werksessie"
TABEL = "werksessie_personas"
MAX_NAAM = 60
MAX_AUTEUR = 80
MAX_LINK = 4000  # characters of the encoded value; far above a real persona, blocks abuse
LIJSTEN: dict[str, dict] = {
    "doelgroepen": DOELGROEPEN,
    "vormen": VORMEN,
    "levensgebeurtenissen": LEVENSGEBEURTENISSEN,
    "drempels": DREMPELS,
    "mechanismen": MECHANISMEN,
}
VELD_LABELS = {
    "naam": "naam",
    "leeftijd": "leeftijd",
    "wijk": "wijk",
    "doelgroepen": "risicogroepen",
    "vormen": "vormen van eenzaamheid",
    "levensgebeurtenissen": "levensgebeurtenissen",
    "drempels": "drempels",
    "mechanismen": "wat zou helpen",
}


@dataclass(frozen=True)
class WerkPersona:
    """A persona as built in the workshop form: the fields matching needs, plus a name."""

    naam: str
    leeftijd: int
    wijk: str
    doelgroepen: tuple[str, ...] = ()
    vormen: tuple[str, ...] = ()
    levensgebeurtenissen: tuple[str, ...] = ()
    drempels: tuple[str, ...] = ()
    mechanismen: tuple[str, ...] = ()

    def profiel(self) -> Profiel:
        return Profiel.van(self)

    def as_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


@dataclass(frozen=True)
class OpgeslagenPersona:
    """A workshop persona saved by an editor."""

    id: int
    persona: WerkPersona
    auteur: str
    aangemaakt: str  # ISO timestamp, UTC


def valideer(raw, wijk_codes: set[str] | None = None) -> WerkPersona:
    """A WerkPersona from a dict (a decoded link or a stored row); raises DataFout naming the field."""
    if not isinstance(raw, dict):
        raise DataFout("De persona in de link is onleesbaar (geen lijst met velden)")
    onbekend = set(raw) - set(VELD_LABELS)
    if onbekend:
        veld = sorted(onbekend)[0]
        raise DataFout(f"Onbekend veld '{veld}' in de persona", kolom=veld)
    naam = raw.get("naam", "")
    if not isinstance(naam, str) or len(naam.strip()) > MAX_NAAM:
        raise DataFout(f"De naam moet tekst zijn van hooguit {MAX_NAAM} tekens", kolom="naam")
    leeftijd = raw.get("leeftijd")
    if not isinstance(leeftijd, int) or isinstance(leeftijd, bool) or not 0 <= leeftijd <= 110:
        raise DataFout(f"De leeftijd moet een geheel getal tussen 0 en 110 zijn, niet '{leeftijd}'", kolom="leeftijd")
    wijk = raw.get("wijk")
    if not isinstance(wijk, str) or not wijk.startswith("WK") or (wijk_codes is not None and wijk not in wijk_codes):
        raise DataFout(f"Onbekende wijk '{wijk}' in de persona", kolom="wijk")
    lijsten = {}
    for veld, bekend in LIJSTEN.items():
        waarden = raw.get(veld, [])
        if not isinstance(waarden, list) or not all(isinstance(w, str) for w in waarden):
            raise DataFout(f"Het veld {VELD_LABELS[veld]} moet een lijst zijn", kolom=veld)
        fout = [w for w in waarden if w not in bekend]
        if fout:
            raise DataFout(f"Onbekende waarde '{fout[0]}' bij {VELD_LABELS[veld]}", kolom=veld)
        lijsten[veld] = tuple(dict.fromkeys(waarden))  # keep order, drop doubles
    return WerkPersona(naam=naam.strip(), leeftijd=leeftijd, wijk=wijk, **lijsten)


def uit_inhoud(inhoud: str, wijk_codes: set[str] | None = None) -> WerkPersona:
    """A stored persona (its JSON text, as ``save`` writes it); DataFout for anything else, also
    for JSON nested too deep (a restored back-up is checked with this too)."""
    return valideer(invoer.json_laden(inhoud), wijk_codes)


# --- share link -----------------------------------------------------------------------------------


def encode(persona: WerkPersona) -> str:
    """The value of the ``werksessie`` query parameter for this persona (URL-safe, no padding)."""
    data = json.dumps(persona.as_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode(value: str, wijk_codes: set[str] | None = None) -> WerkPersona:
    """The persona in a share link; raises DataFout with a Dutch message for a broken link."""
    if not isinstance(value, str) or not value or len(value) > MAX_LINK:
        raise DataFout("De link met de persona is leeg of te lang", kolom=QUERY_PARAM)
    try:
        data = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        raw = invoer.json_laden(data.decode("utf-8"))  # DataFout also for JSON nested too deep
    except (binascii.Error, ValueError, UnicodeDecodeError) as err:  # DataFout is a ValueError
        raise DataFout("De link met de persona is beschadigd (niet volledig gekopieerd?)", kolom=QUERY_PARAM) from err
    return valideer(raw, wijk_codes)


def share_query(persona: WerkPersona) -> str:
    """The query string of a share link, e.g. 'werksessie=eyJ...'."""
    return f"{QUERY_PARAM}={encode(persona)}"


# --- the catalogue of saved workshop personas -----------------------------------------------------


def save(conn: sqlite3.Connection, redacteur, persona: WerkPersona) -> OpgeslagenPersona:
    """Save a workshop persona (editors only) with its author and date; audited.

    The author is whoever logged in (the token's identity), never a typed name, and at most
    MAX_AUTEUR characters. A persona needs a name, and at least one risk group or life event (what
    matching searches on).
    """
    redacteur = auth.require_editor(redacteur, "het opslaan van een persona")
    auteur = redacteur.naam
    # Local account names (when made) and the typed name (its login field) stop at 80; a provider's name claim does not.
    if len(auteur) > MAX_AUTEUR:
        raise DataFout(
            f"De naam van de auteur (de naam waarmee u bent ingelogd) is {len(auteur)} tekens lang; hooguit "
            f"{MAX_AUTEUR} past in de catalogus. Vraag de beheerder om een kortere naam voor uw account",
            kolom="auteur",
        )
    persona = valideer(persona.as_dict())
    if not persona.naam:
        raise DataFout("Geef de persona een naam voordat u hem opslaat", kolom="naam")
    if not (persona.doelgroepen or persona.levensgebeurtenissen):
        raise DataFout("Kies minstens één risicogroep of levensgebeurtenis", kolom="doelgroepen")
    inhoud = json.dumps(persona.as_dict(), ensure_ascii=False, sort_keys=True)
    stamp = storage.now()
    with storage.transaction(conn):
        cur = conn.execute(
            f"INSERT INTO {TABEL} (naam, inhoud, auteur, aangemaakt) VALUES (?, ?, ?, ?)",
            (persona.naam, inhoud, auteur, stamp),
        )
        storage.audit(conn, TABEL, str(cur.lastrowid), "persona", None, inhoud, redacteur)
    return OpgeslagenPersona(cur.lastrowid, persona, auteur, stamp)


def saved(conn: sqlite3.Connection, wijk_codes: set[str] | None = None) -> list[OpgeslagenPersona]:
    """The saved workshop personas, newest first. A stored row that no longer validates (a word was
    removed from the vocabulary) is skipped rather than breaking the page."""
    out = []
    for row in conn.execute(f"SELECT id, inhoud, auteur, aangemaakt FROM {TABEL} ORDER BY id DESC"):
        try:
            persona = uit_inhoud(row["inhoud"], wijk_codes)
        except DataFout:
            continue
        out.append(OpgeslagenPersona(row["id"], persona, row["auteur"], row["aangemaakt"]))
    return out
