"""The database's migrations, append-only: add one by appending, never by editing an applied one."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_basis",
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            tabel TEXT NOT NULL,
            sleutel TEXT NOT NULL,
            veld TEXT NOT NULL,
            oud TEXT,
            nieuw TEXT,
            tijdstip TEXT NOT NULL,
            door TEXT NOT NULL
        );
        CREATE INDEX audit_log_sleutel ON audit_log (tabel, sleutel);
        CREATE TABLE scenarios (
            id INTEGER PRIMARY KEY,
            naam TEXT NOT NULL UNIQUE,
            inhoud TEXT NOT NULL,          -- JSON of the scenario's budget lines
            aangemaakt TEXT NOT NULL,
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE actie_status (
            actie_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            eigenaar TEXT NOT NULL DEFAULT '',
            startdatum TEXT,
            einddatum TEXT,
            voortgang TEXT NOT NULL DEFAULT '',
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            tijdstip TEXT NOT NULL,
            bestandsnaam TEXT NOT NULL,
            door TEXT NOT NULL DEFAULT '',
            rijen TEXT NOT NULL,           -- JSON of the rows this import added or replaced
            vervangen TEXT NOT NULL,       -- JSON of the rows it replaced, for undo
            ongedaan INTEGER NOT NULL DEFAULT 0
        );
    """,
    ),
    (
        # Version counters for optimistic concurrency (lib.kern.versies): a stale save is refused.
        "0014_versies",
        """
        ALTER TABLE actie_status ADD COLUMN versie INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE scenarios ADD COLUMN versie INTEGER NOT NULL DEFAULT 0
    """,
    ),
    (
        # Issue 15: who made a change, as the login proved it. door_id is the provider subject or
        # local account; door_bron says how 'door' was established. Rows from before this
        # migration hold a name someone typed: they are marked 'getypt'.
        "0015_identiteit",
        """
        ALTER TABLE audit_log ADD COLUMN door_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE audit_log ADD COLUMN door_bron TEXT NOT NULL DEFAULT 'getypt'
    """,
    ),
    (
        "0017_werksessie_personas",
        """
        CREATE TABLE werksessie_personas (
            id INTEGER PRIMARY KEY,
            naam TEXT NOT NULL,
            inhoud TEXT NOT NULL,          -- JSON of the persona as built in the workshop
            auteur TEXT NOT NULL,
            aangemaakt TEXT NOT NULL
        )
    """,
    ),
    (
        "0017b_plan_tijdlijn",
        """
        CREATE TABLE plan_gebeurtenissen (
            id INTEGER PRIMARY KEY,
            datum TEXT NOT NULL,           -- ISO date of the event
            soort TEXT NOT NULL,           -- key of lib.plan.tijdlijn.SOORTEN
            actie_id TEXT,                 -- the action it is about, if any
            omschrijving TEXT NOT NULL,
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL
        );
        CREATE TABLE indicator_metingen (
            id INTEGER PRIMARY KEY,
            indicator_id TEXT NOT NULL,    -- key of data/plan_indicatoren.yaml
            jaar INTEGER NOT NULL,
            waarde REAL NOT NULL,
            bron TEXT NOT NULL,
            peildatum TEXT NOT NULL,       -- ISO date the value was measured or reported
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL,
            UNIQUE (indicator_id, jaar)
        );
        CREATE TABLE indicator_streef (
            indicator_id TEXT PRIMARY KEY,
            streefwaarde REAL NOT NULL,
            bron TEXT NOT NULL,            -- where the target was agreed (e.g. kerngroep, date)
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL
        )
    """,
    ),
    (
        "0017c_gebieden",
        """
        CREATE TABLE gebieden (
            id TEXT PRIMARY KEY,           -- same id as in data/gebieden.yaml overrides the shipped area
            naam TEXT NOT NULL,
            wijken TEXT NOT NULL,          -- JSON list of wijk codes
            toelichting TEXT NOT NULL DEFAULT '',
            gewijzigd TEXT NOT NULL,
            door TEXT NOT NULL
        )
    """,
    ),
]
