"""Named local accounts: the simple mode for one laptop, without an identity provider.

Each account is a name, a role (redacteur or beheerder) and a salted PBKDF2 hash of its own
password, in one small JSON file outside the repository and outside the database (so a back-up
never carries password hashes, and a restore never brings back a removed account):
MEER_SAMEN_ACCOUNTS, else ``accounts.json`` in the user data folder.

    python -m lib.kern.accounts add-editor "Anna Jansen"
    python -m lib.kern.accounts add-beheerder "Ilse de Vries"
    python -m lib.kern.accounts remove "Anna Jansen"
    python -m lib.kern.accounts list

The role is read from the file again at every write: removing an account ends its rights at once.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import tempfile
from pathlib import Path

from lib.kern import auth, identiteit
from lib.kern.config import user_data_dir
from lib.kern.errors import DataFout
from lib.kern.identiteit import BEHEERDER, REDACTEUR, Identiteit

ENV_VAR = "MEER_SAMEN_ACCOUNTS"
MIN_WACHTWOORD = 10
MAX_NAAM = 80
PREFIX = "lokaal:"


def accounts_path() -> Path:
    explicit = os.environ.get(ENV_VAR)
    return Path(explicit).expanduser() if explicit else user_data_dir() / "accounts.json"


def _sleutel(naam: str) -> str:
    """Names compare without case and surrounding spaces: 'anna jansen' is 'Anna Jansen'."""
    return " ".join(naam.split()).casefold()


def _load(path: Path | None = None) -> dict[str, dict]:
    path = path or accounts_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        raise DataFout(f"Het accountbestand is onleesbaar: {err}", bestand=str(path)) from err
    rows = raw.get("accounts", []) if isinstance(raw, dict) else []
    return {_sleutel(r["naam"]): r for r in rows if isinstance(r, dict) and r.get("naam") and r.get("hash")}


def _save(accounts: dict[str, dict], path: Path | None = None) -> None:
    """Write atomically and readable by the owner only: a crash never leaves half a file."""
    path = path or accounts_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"accounts": sorted(accounts.values(), key=lambda r: _sleutel(r["naam"]))}, indent=2,
                      ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".accounts-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(body + "\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_naam(naam: str) -> str:
    naam = " ".join((naam or "").split())
    if not naam:
        raise ValueError("Geef een naam voor het account.")
    if len(naam) > MAX_NAAM:
        raise ValueError(f"Een naam mag hoogstens {MAX_NAAM} tekens hebben.")
    if not naam.isprintable():
        raise ValueError("Een naam mag geen stuurtekens bevatten.")
    return naam


def add_account(naam: str, wachtwoord: str, rol: str = REDACTEUR, *, path: Path | None = None,
                iterations: int = auth.ITERATIONS) -> None:
    """Create an account, or give an existing one a new password and role."""
    naam = _check_naam(naam)
    if rol not in (REDACTEUR, BEHEERDER):
        raise ValueError(f"Onbekende rol '{rol}': kies {REDACTEUR} of {BEHEERDER}.")
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise ValueError(f"Kies een wachtwoord van minstens {MIN_WACHTWOORD} tekens.")
    accounts = _load(path)
    accounts[_sleutel(naam)] = {"naam": naam, "rol": rol, "hash": auth.hash_password(wachtwoord, iterations=iterations)}
    _save(accounts, path)


def remove_account(naam: str, *, path: Path | None = None) -> bool:
    """Remove an account; its rights end at the next write. False if there was none."""
    accounts = _load(path)
    if accounts.pop(_sleutel(naam), None) is None:
        return False
    _save(accounts, path)
    return True


def list_accounts(path: Path | None = None) -> list[tuple[str, str]]:
    """(naam, rol) of every account, by name."""
    return [(r["naam"], r.get("rol", REDACTEUR)) for r in sorted(_load(path).values(), key=lambda r: _sleutel(r["naam"]))]


def any_accounts(path: Path | None = None) -> bool:
    try:
        return bool(_load(path))
    except DataFout:
        return True  # a damaged file still means this mode is meant; login then says what is wrong


def rol(sub: str, path: Path | None = None) -> str | None:
    """The current role of a local identity ('lokaal:<name>'), None once the account is gone."""
    if not sub.startswith(PREFIX):
        return None
    try:
        row = _load(path).get(sub.removeprefix(PREFIX))
    except DataFout:
        return None
    return row.get("rol", REDACTEUR) if row else None


identiteit.registreer_rolzoeker("lokaal", lambda ident: rol(ident.sub))

_DUMMY: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(auth.hash_password(os.urandom(16).hex()))
    return _DUMMY[0]


def login(naam: str, wachtwoord: str, *, throttle: auth.Throttle | None = None,
          path: Path | None = None, client: tuple[str, ...] = auth.ANONIEM) -> auth.Redacteur | None:
    """A token for the right name and password, None otherwise; raises auth.TeVeelPogingen while
    throttled. A wrong name costs as much time as a wrong password, so names cannot be probed.
    ``client`` names who is trying (session and address keys, lib.kern.throttle), as in auth.login:
    wrong tries slow down that client only, under the process-wide ceiling."""
    throttle = throttle if throttle is not None else auth.THROTTLE
    wait = throttle.wait_seconds(client=client)
    if wait > 0:
        raise auth.TeVeelPogingen(wait)
    row = _load(path).get(_sleutel(naam or ""))
    stored = row["hash"] if row else _dummy_hash()
    if not auth.check_password(wachtwoord, stored) or row is None:
        throttle.failed(client=client)
        return None
    throttle.succeeded(client=client)
    key = _sleutel(row["naam"])
    return auth.issue(Identiteit(sub=PREFIX + key, naam=row["naam"], bron="lokaal"))


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog een keer: ") != first:
        raise SystemExit("De wachtwoorden verschillen.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.kern.accounts", description="Benoemde accounts voor Meer Samen.")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    for name, help_text in (("add-editor", "redacteur toevoegen (mag alles wijzigen)"),
                            ("add-beheerder", "beheerder toevoegen (alleen inlezen en back-ups)")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("naam")
        p.add_argument("--wachtwoord-stdin", action="store_true", help="wachtwoord van standaardinvoer lezen")
    sub.add_parser("remove", help="account verwijderen").add_argument("naam")
    sub.add_parser("list", help="accounts tonen")
    args = parser.parse_args(argv)
    try:
        if args.opdracht in ("add-editor", "add-beheerder"):
            rol_ = REDACTEUR if args.opdracht == "add-editor" else BEHEERDER
            add_account(args.naam, _read_password(args.wachtwoord_stdin), rol_)
            print(f"Account '{_check_naam(args.naam)}' ({rol_}) opgeslagen in {accounts_path()}.")
        elif args.opdracht == "remove":
            if not remove_account(args.naam):
                print(f"Geen account met de naam '{args.naam}'.", file=sys.stderr)
                return 1
            print(f"Account '{args.naam}' verwijderd; de rechten vervallen bij de volgende wijziging.")
        else:
            for naam, rol_ in list_accounts():
                print(f"{naam}\t{rol_}")
    except (ValueError, DataFout) as err:
        print(str(err), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
