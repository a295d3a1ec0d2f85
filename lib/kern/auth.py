"""Editor mode: who may change stored data.

The credential is a salted PBKDF2 hash from configuration (MEER_SAMEN_EDITOR_HASH or the
Streamlit secret ``editor_hash``), never a password in the repository. Make one with
``python -m lib.kern.auth``. Without a configured hash editing is off for everyone.

A successful login yields a ``Redacteur`` token. Every write function in lib/ takes that token
and calls ``require_editor`` itself, so hiding buttons is never the only protection.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field

from lib.kern import identiteit as ident_mod
from lib.kern.errors import GeenToegang
from lib.kern.throttle import ANONIEM, Throttle, wacht_tekst

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 240_000
ENV_VAR = "MEER_SAMEN_EDITOR_HASH"


def hash_password(password: str, *, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """'pbkdf2_sha256$iterations$salt$hash' for a password."""
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), iterations).hex()
    return f"{ALGORITHM}${iterations}${salt}${digest}"


def check_password(password: str, stored: str) -> bool:
    """True when the password matches the stored hash; compares in constant time."""
    try:
        algorithm, iterations, salt, digest = stored.strip().split("$")
        if algorithm != ALGORITHM:
            return False
        candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt), int(iterations)).hex()
    except ValueError:
        return False
    return hmac.compare_digest(candidate, digest)


def configured_hash(secrets_hash: str | None = None) -> str | None:
    """The configured credential: the Streamlit secret if given, else the environment."""
    value = secrets_hash or os.environ.get(ENV_VAR)
    return value.strip() if value and value.strip() else None


# One throttle for the whole server process, keeping count per client (lib.kern.throttle).
THROTTLE = Throttle()
_ISSUED: set[str] = set()


@dataclass(frozen=True)
class Redacteur:
    """Proof of a successful editor login. Only ``login`` makes valid ones."""

    naam: str
    token: str = field(repr=False)
    # Who logged in (provider or named local account); None for the old shared password, whose
    # name was typed and proves nothing. The role is looked up again on every write.
    identiteit: ident_mod.Identiteit | None = None


class TeVeelPogingen(Exception):
    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"Te veel onjuiste pogingen. Probeer het over {wacht_tekst(seconds)} opnieuw.")


def login(
    password: str,
    naam: str,
    stored_hash: str | None,
    throttle: Throttle | None = None,
    client: tuple[str, ...] = ANONIEM,
) -> Redacteur | None:
    """A Redacteur for the right password, None for a wrong one; raises TeVeelPogingen while throttled.

    Without an explicit throttle the process-wide one is used (looked up at call time). ``client``
    names who is trying (session and address keys, see lib.kern.throttle): wrong tries slow down
    that client only.
    """
    throttle = throttle if throttle is not None else THROTTLE
    if stored_hash is None:
        return None
    wait = throttle.wait_seconds(client=client)
    if wait > 0:
        raise TeVeelPogingen(wait)
    if not check_password(password, stored_hash):
        throttle.failed(client=client)
        return None
    throttle.succeeded(client=client)
    token = secrets.token_hex(16)
    _ISSUED.add(token)
    return Redacteur(naam=(naam or "").strip() or "redacteur", token=token)


def logout(redacteur: Redacteur | None) -> None:
    if redacteur is not None:
        _ISSUED.discard(redacteur.token)


def is_editor(redacteur: object) -> bool:
    return isinstance(redacteur, Redacteur) and redacteur.token in _ISSUED and _rol(redacteur) == ident_mod.REDACTEUR


def require_editor(redacteur: object, actie: str = "deze wijziging") -> Redacteur:
    """Raise GeenToegang unless this is a live editor login; call at the top of every write."""
    if not is_editor(redacteur):
        raise GeenToegang(actie)
    return redacteur  # type: ignore[return-value]


# --- named identities (OIDC or local accounts) and the beheerder role -----------------------------


def _rol(redacteur: Redacteur) -> str | None:
    """The role of a live token now: the shared password is always redacteur; a named identity
    gets the role the configuration gives it at this moment."""
    if redacteur.identiteit is None:
        return ident_mod.REDACTEUR
    return ident_mod.huidige_rol(redacteur.identiteit)


_NAMED: dict[str, str] = {}  # token -> identity subject, to end all sessions of one person at once
_AFGEMELD: set[tuple] = set()  # provider logins (subject, issue time) that were logged out


def issue(identiteit: ident_mod.Identiteit) -> Redacteur:
    """A token for an authenticated identity (after OIDC or a local account login). It gives only
    the rights the role configuration grants, checked again at every write."""
    token = secrets.token_hex(16)
    _ISSUED.add(token)
    _NAMED[token] = identiteit.sub
    return Redacteur(naam=identiteit.naam, token=token, identiteit=identiteit)


def logout_everywhere(redacteur: Redacteur | None) -> None:
    """Log out this person in every session of this server (other tabs keep their ``st.user``
    until reloaded, but lose their rights now), and refuse this provider login from now on."""
    if redacteur is None or redacteur.identiteit is None:
        logout(redacteur)
        return
    sub = redacteur.identiteit.sub
    for token, owner in list(_NAMED.items()):
        if owner == sub:
            _ISSUED.discard(token)
            _NAMED.pop(token, None)
    _ISSUED.discard(redacteur.token)
    if redacteur.identiteit.login_sleutel:
        _AFGEMELD.add(redacteur.identiteit.login_sleutel)


def afgemeld(identiteit: ident_mod.Identiteit) -> bool:
    """True for a provider login that was logged out (in this or another window)."""
    return identiteit.login_sleutel is not None and identiteit.login_sleutel in _AFGEMELD


def is_live(redacteur: object) -> bool:
    """A token login issued and logout has not ended, whatever its role."""
    return isinstance(redacteur, Redacteur) and redacteur.token in _ISSUED


def rol(redacteur: object) -> str | None:
    """'redacteur', 'beheerder' or None (view mode) for a session's token, right now."""
    return _rol(redacteur) if is_live(redacteur) else None


def is_beheerder(redacteur: object) -> bool:
    """May import figures, undo an import and make or restore a back-up (redacteur or beheerder)."""
    return rol(redacteur) in ident_mod.MAG_BEHEREN


def require_beheer(redacteur: object, actie: str = "deze wijziging") -> Redacteur:
    """Like require_editor, for imports, undo, back-up and restore: a beheerder may do these too."""
    if not is_beheerder(redacteur):
        raise GeenToegang(actie)
    return redacteur  # type: ignore[return-value]


def _main() -> None:
    password = getpass.getpass("Wachtwoord voor de redacteursmodus: ")
    if len(password) < 10:
        raise SystemExit("Kies een wachtwoord van minstens 10 tekens.")
    if getpass.getpass("Nog een keer: ") != password:
        raise SystemExit("De wachtwoorden verschillen.")
    print(f"Zet deze regel in .streamlit/secrets.toml (of als omgevingsvariabele {ENV_VAR}):")
    print(f'editor_hash = "{hash_password(password)}"')


if __name__ == "__main__":
    _main()
