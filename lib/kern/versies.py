"""Optimistic concurrency: a save based on an old version is refused instead of overwriting silently.

Every stored plan action and scenario carries a version number (``versie``) that each save raises by
one; a counter, so two saves within the same second still differ. A form remembers the version it
showed; saving with an older one raises VersieConflict, naming who changed it and when, and stores
nothing. The page keeps the user's input, so it can be applied again on top of the new version.
"""

from __future__ import annotations

from lib.kern.errors import DataFout


class VersieConflict(DataFout):
    """The record changed since the user's form was shown. ``versie`` is the current version."""

    def __init__(self, wat: str, door: str | None, wanneer: str, versie: int):
        self.wat, self.door, self.wanneer, self.versie = wat, door, wanneer, versie
        wie = door or "een andere redacteur"
        om = f" om {wanneer}" if wanneer else ""
        super().__init__(f"{wat} is intussen gewijzigd door {wie}{om}; uw wijziging is niet opgeslagen.")
