"""Errors a user can act on: Dutch messages that name the file, row and column."""

from __future__ import annotations


class DataFout(ValueError):
    """A data file (shipped or uploaded) is not as expected.

    ``str(err)`` is the Dutch message for the user; ``bestand``, ``rij`` (1-based, counting the
    header as row 1 as a spreadsheet does) and ``kolom`` say where.
    """

    def __init__(self, melding: str, *, bestand: str | None = None, rij: int | None = None, kolom: str | None = None):
        self.melding, self.bestand, self.rij, self.kolom = melding, bestand, rij, kolom
        waar = []
        if bestand:
            waar.append(f"bestand {bestand}")
        if rij is not None:
            waar.append(f"rij {rij}")
        if kolom:
            waar.append(f"kolom '{kolom}'")
        super().__init__(f"{melding} ({', '.join(waar)})" if waar else melding)


class GeenToegang(PermissionError):
    """A write was attempted without editor rights."""

    def __init__(self, actie: str = "deze wijziging"):
        super().__init__(f"Geen toegang: voor {actie} moet u ingelogd zijn als redacteur.")
