"""Who someone is, and what they may do: identities and roles from configuration.

Logging in only makes someone known. Whether they may edit is decided here, from configuration,
and decided again on every write (``huidige_rol``), so taking someone off the list takes effect at
once, without a restart.

Two kinds of identity:
- ``oidc``: from the municipality's identity provider (Streamlit's ``st.user``): subject, name,
  email and the claims. Roles come from the ``[roles]`` table in ``.streamlit/secrets.toml``:

      [roles]
      editors = ["a.jansen@capelleaandenijssel.nl"]   # by email
      editor_claim = "groups"                          # or by a group/role claim ...
      editor_values = ["meer-samen-redacteur"]         # ... holding one of these values
      beheerders = ["i.de.vries@capelleaandenijssel.nl"]
      beheerder_values = ["meer-samen-beheer"]

- ``lokaal``: a named account on this computer (lib.kern.accounts); its role is stored with it.

Roles: ``redacteur`` may make every change; ``beheerder`` may only import figures, undo an import,
and make or restore a back-up. Everyone else (logged in or not) only views.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

REDACTEUR = "redacteur"
BEHEERDER = "beheerder"
# What each role may do: a redacteur everything a beheerder may, and more.
MAG_BEHEREN = frozenset({REDACTEUR, BEHEERDER})

SECRETS_ENV = "MEER_SAMEN_SECRETS_FILE"


@dataclass(frozen=True)
class Identiteit:
    """An authenticated person: ``sub`` is the stable id (provider subject or local account)."""

    sub: str
    naam: str
    bron: str  # "oidc" or "lokaal"
    email: str = ""
    claims: tuple[tuple[str, tuple[str, ...]], ...] = ()
    verloopt: float | None = None  # provider token expiry (Unix time), if the provider gave one

    def claim(self, name: str) -> tuple[str, ...]:
        return dict(self.claims).get(name, ())

    def verlopen(self, now: float | None = None) -> bool:
        """True once the provider's login has expired: then the identity gives no rights."""
        now = time.time() if now is None else now
        return self.verloopt is not None and now >= self.verloopt

    @property
    def login_sleutel(self) -> tuple[str, tuple[str, ...]] | None:
        """This particular provider login (subject and issue time), None if the provider gave no
        issue time: used to refuse a login that was logged out in another window."""
        iat = self.claim("iat")
        return (self.sub, iat) if self.bron == "oidc" and iat else None

    @property
    def label(self) -> str:
        """How the audit trail shows this person: name and, for clarity, email or account."""
        extra = self.email if self.email and self.email != self.naam else ""
        return f"{self.naam} ({extra})" if extra else self.naam


def _values(value: object) -> tuple[str, ...]:
    """A claim as a tuple of strings: providers send a string, a list, or nothing."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return tuple(str(v) for v in value)
    return (str(value),)


def from_oidc(user: Mapping[str, object]) -> Identiteit | None:
    """The identity in Streamlit's ``st.user`` (the provider's ID-token claims), or None when the
    user is not logged in or the provider gave no subject."""
    if not user or not user.get("is_logged_in"):
        return None
    sub = str(user.get("sub") or "").strip()
    if not sub:
        return None
    email = str(user.get("email") or "").strip()
    naam = str(user.get("name") or user.get("preferred_username") or email or sub).strip()
    skip = {"is_logged_in", "origin", "provider"}
    claims = tuple(sorted((k, _values(v)) for k, v in user.items() if k not in skip))
    exp = user.get("exp")
    try:
        verloopt = float(exp) if exp is not None else None
    except (TypeError, ValueError):
        verloopt = None
    iss = str(user.get("iss") or "").strip()
    # The subject is unique per issuer only: keep the issuer with it.
    return Identiteit(sub=f"{iss}|{sub}" if iss else sub, naam=naam, bron="oidc", email=email, claims=claims,
                      verloopt=verloopt)


@dataclass(frozen=True)
class Rollen:
    """The role configuration: who is redacteur or beheerder, by email or by claim value."""

    editors: frozenset[str] = field(default_factory=frozenset)
    editor_claim: str = ""
    editor_values: frozenset[str] = field(default_factory=frozenset)
    beheerders: frozenset[str] = field(default_factory=frozenset)
    beheerder_claim: str = ""
    beheerder_values: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object] | None) -> Rollen:
        raw = raw or {}

        def lower_set(key: str) -> frozenset[str]:
            return frozenset(v.strip().lower() for v in _values(raw.get(key)) if v.strip())

        def plain_set(key: str) -> frozenset[str]:
            return frozenset(v.strip() for v in _values(raw.get(key)) if v.strip())

        claim = str(raw.get("editor_claim") or "").strip()
        return cls(
            editors=lower_set("editors"),
            editor_claim=claim,
            editor_values=plain_set("editor_values"),
            beheerders=lower_set("beheerders"),
            beheerder_claim=str(raw.get("beheerder_claim") or claim).strip(),
            beheerder_values=plain_set("beheerder_values"),
        )

    def rol(self, ident: Identiteit) -> str | None:
        """'redacteur', 'beheerder' or None for an OIDC identity. An email only counts when the
        provider says it is verified or does not say (Entra ID and Keycloak often leave it out)."""
        email_ok = ident.email and ident.claim("email_verified") not in (("False",), ("false",))
        email = ident.email.lower() if email_ok else ""
        if (email and email in self.editors) or (
            self.editor_claim and self.editor_values & set(ident.claim(self.editor_claim))
        ):
            return REDACTEUR
        if (email and email in self.beheerders) or (
            self.beheerder_claim and self.beheerder_values & set(ident.claim(self.beheerder_claim))
        ):
            return BEHEERDER
        return None


def secrets_files() -> list[Path]:
    """The secrets files Streamlit reads by default, lowest priority first (MEER_SAMEN_SECRETS_FILE
    replaces them, e.g. for tests and servers that keep secrets elsewhere)."""
    explicit = os.environ.get(SECRETS_ENV)
    if explicit:
        return [Path(p).expanduser() for p in explicit.split(os.pathsep) if p]
    return [Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"]


_CACHE: dict[Path, tuple[tuple[int, ...], dict]] = {}


def _read_toml(path: Path) -> dict:
    """A secrets file, re-read only when it changed (checked on every write, so kept cheap). A change
    is any of modification time, change time, size or file (inode): file clocks can be coarse, so a
    rewrite within one tick keeps the modification time, and a file moved into place is a new file."""
    try:
        st = path.stat()
    except OSError:
        return {}
    sleutel = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev)
    held = _CACHE.get(path)
    if held and held[0] == sleutel:
        return held[1]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        data = {}  # an unreadable file gives no roles: safe side
    _CACHE[path] = (sleutel, data)
    return data


def rollen_config() -> Rollen:
    """The current ``[roles]`` table (later files override earlier ones, as in Streamlit)."""
    merged: dict = {}
    seen: set[Path] = set()
    for path in secrets_files():
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        table = _read_toml(path).get("roles")
        if isinstance(table, Mapping):
            merged.update(table)
    return Rollen.from_mapping(merged)


# How the current role of other kinds of identity is looked up: lib.kern.accounts adds 'lokaal'.
# (A registry rather than an import: accounts imports auth, which imports this module.)
_ROLZOEKERS: dict[str, Callable[[Identiteit], str | None]] = {}


def registreer_rolzoeker(bron: str, zoeker: Callable[[Identiteit], str | None]) -> None:
    _ROLZOEKERS[bron] = zoeker


def huidige_rol(ident: Identiteit | None, rollen: Rollen | None = None) -> str | None:
    """The role this identity has right now, from the configuration as it is now."""
    if ident is None or ident.verlopen():
        return None
    if ident.bron == "oidc":
        return (rollen or rollen_config()).rol(ident)
    zoeker = _ROLZOEKERS.get(ident.bron)
    return zoeker(ident) if zoeker else None


def verloop_tekst(ident: Identiteit) -> str:
    """'tot 14:05' (Dutch time) for a login that expires, else ''."""
    if ident.verloopt is None:
        return ""
    try:
        zone = ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:  # no time zone database: say UTC rather than guess
        return f"tot {datetime.fromtimestamp(ident.verloopt, UTC):%H:%M} (UTC)"
    return f"tot {datetime.fromtimestamp(ident.verloopt, zone):%H:%M}"
