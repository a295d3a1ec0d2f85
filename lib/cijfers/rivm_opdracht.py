"""The command line: ``python -m lib.cijfers.rivm fetch|import`` (also ``python -m lib.rivm``)."""

from __future__ import annotations

import argparse
import getpass
import json
import re
import sys
import tomllib
from contextlib import closing
from pathlib import Path

from lib.cijfers import imports, loaders
from lib.cijfers.rivm import ODATA_URL, TABEL
from lib.cijfers.rivm_lezen import lees
from lib.cijfers.rivm_ophalen import OfflineFout, fetch
from lib.kern import accounts, auth, getallen, storage
from lib.kern.config import gemeente
from lib.kern.errors import DataFout


class Balk:
    """A progress bar on a terminal (one line, redrawn); nothing when the output is not a terminal."""

    def __init__(self, stream=None, breedte: int = 30):
        self.stream = stream or sys.stderr
        self.aan = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.breedte, self.laatst = breedte, -1

    def __call__(self, deel: float) -> None:
        procent = int(deel * 100)
        if not self.aan or procent == self.laatst:
            return
        self.laatst = procent
        vol = int(deel * self.breedte)
        self.stream.write(f"\r[{'#' * vol}{'.' * (self.breedte - vol)}] {procent:3d}% gelezen")
        self.stream.flush()
        if procent >= 100:
            self.stream.write("\n")


def _gemeentecode(raw: str | None) -> str | None:

    code = (raw or gemeente().code).strip().upper()
    if not re.fullmatch(r"GM\d{4}", code):
        print(f"Ongeldige gemeentecode '{code}': gebruik GM gevolgd door vier cijfers, bijvoorbeeld GM0502.")
        return None
    return code


def _redacteur(naam: str):
    """A login for the command line, the password asked without echo: a named local account when
    accounts are set up (``python -m lib.kern.accounts``), else the configured shared hash."""
    if accounts.any_accounts():
        editor = accounts.login(naam, getpass.getpass(f"Wachtwoord van {naam}: "))
        if editor is None:
            print("Onbekende naam of onjuist wachtwoord; er is niets opgeslagen.", file=sys.stderr)
        return editor
    secret = None
    secrets_file = Path(".streamlit/secrets.toml")
    if secrets_file.exists():
        try:
            secret = tomllib.loads(secrets_file.read_text(encoding="utf-8")).get("editor_hash")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            secret = None
    stored = auth.configured_hash(secret)
    if stored is None:
        print(
            "Opslaan kan alleen met een account (zie Beveiliging in de README: python -m lib.kern.accounts "
            "add-beheerder NAAM). Controleer het bestand zonder op te slaan met --controleer.",
            file=sys.stderr,
        )
        return None
    password = getpass.getpass("Redacteurswachtwoord: ")
    editor = auth.login(password, naam, stored)
    if editor is None:
        print("Onjuist wachtwoord; er is niets opgeslagen.", file=sys.stderr)
    return editor


def import_command(args) -> int:
    """Read a file of any size, print what is kept, and store it as one import (editors only)."""
    code = _gemeentecode(args.gemeente)
    if code is None:
        return 2
    path = Path(args.bestand)
    if not path.is_file():
        print(f"Bestand niet gevonden: {path}", file=sys.stderr)
        return 1
    print(f"{path.name} lezen ({getallen.megabytes(path.stat().st_size / 1024 / 1024)}) voor {code}…", flush=True)
    try:
        result = lees(path, code, voortgang=Balk())
    except DataFout as err:
        print(f"Niet ingelezen; er is niets veranderd. {err}", file=sys.stderr)
        return 1
    print(result.samenvatting())
    return _opslaan(result, path.name, args)


def _opslaan(result, bestandsnaam: str, args) -> int:
    """Store a read file as one import, as the Data page does (editors only); --controleer stores nothing."""
    if args.controleer:
        print("Alleen gecontroleerd (--controleer): er is niets opgeslagen.")
        return 0
    editor = _redacteur(args.naam)
    if editor is None:
        return 1
    with closing(storage.connect()) as conn:
        import_id = imports.apply(
            conn, editor, result.cijfers, bestandsnaam, loaders.load_figures(), namen=result.namen,
            onderdrukt=result.onderdrukt,
        )
    print(
        f"Opgeslagen als import {import_id}: {getallen.getal(len(result.cijfers))} cijfers. Het dashboard toont ze "
        "meteen (een geopend dashboard bij de volgende klik)."
    )
    return 0


def fetch_command(args) -> int:
    code = _gemeentecode(args.gemeente)
    if code is None:
        return 2
    out = Path(args.out or f"{TABEL}_{code}.json")
    print(f"Tabel {TABEL} ophalen voor {code} en alle gemeenten bij het CBS…", flush=True)
    try:
        rows = fetch(code, base=args.url, progress=lambda s: print(s, flush=True))
    except OfflineFout as err:
        print(str(err), file=sys.stderr)
        return 1
    if not rows:
        print(f"Het CBS gaf geen rijen voor {code}. Bestaat deze gemeentecode in tabel {TABEL}?", file=sys.stderr)
        return 1
    out.write_text(json.dumps({"value": rows}, ensure_ascii=False), encoding="utf-8")
    try:
        result = lees(out, code)
    except DataFout as err:
        print(f"Opgeslagen in {out}, maar het bestand is niet in te lezen: {err}", file=sys.stderr)
        return 1
    print(
        f"Klaar: {len(rows)} rijen opgeslagen in {out} ({len(result.cijfers)} cijfers, "
        f"{result.cijfers['regio_code'].nunique()} regio's), gecontroleerd zoals bij het inlezen."
    )
    print(result.samenvatting())
    return _opslaan(result, out.name, args)


def main(argv: list[str] | None = None, prog: str = "python -m lib.cijfers.rivm") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="RIVM/CBS-tabel 50120NED ophalen en inlezen")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    f = sub.add_parser("fetch", help="haal de tabel op bij het CBS (internet nodig)")
    f.add_argument("--gemeente", default=None, help="gemeentecode, bijvoorbeeld GM0502 (standaard: de ingestelde)")
    f.add_argument("--out", default=None, help="uitvoerbestand (standaard 50120NED_<code>.json)")
    f.add_argument("--url", default=None, help=f"andere OData-basis-URL (standaard {ODATA_URL})")
    f.add_argument("--controleer", action="store_true", help="alleen ophalen en controleren, niet opslaan")
    f.add_argument("--naam", default="opdrachtregel", help="naam van de redacteur in het wijzigingslog")
    i = sub.add_parser("import", help="lees een bestand van elke grootte in (CSV van StatLine of JSON)")
    i.add_argument("bestand", help="het bestand, bijvoorbeeld de hele tabel als CSV")
    i.add_argument("--gemeente", default=None, help="gemeentecode (standaard: de ingestelde)")
    i.add_argument("--controleer", action="store_true", help="alleen controleren en tonen, niets opslaan")
    i.add_argument("--naam", default="opdrachtregel", help="naam van de redacteur in het wijzigingslog")
    args = parser.parse_args(argv)
    return fetch_command(args) if args.opdracht == "fetch" else import_command(args)
