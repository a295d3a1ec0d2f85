"""The sidebar login for named editors: OpenID Connect (production) or local named accounts.

- With an ``[auth]`` section in the secrets, people log in with their organisation account
  (``st.login``); ``st.user`` says who they are, lib.kern.identiteit decides their role.
- Without it, named local accounts (lib.kern.accounts) log in with their own password.
- The old shared password remains only as a fallback when neither is set up (lib.ui.basis).

The session keeps a lib.kern.auth token that carries the identity; every write checks the role
again, so this module only decides what to show.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lib.kern import accounts, auth, identiteit, throttle
from lib.kern.errors import DataFout
from lib.kern.tekst import escape_markdown

SESSIE_SLEUTEL = "redacteur"
ROL_TEKST = {
    identiteit.REDACTEUR: "redacteur: u kunt alles bijwerken",
    identiteit.BEHEERDER: "beheerder: u kunt cijfers inlezen en back-ups maken en terugzetten",
}


def _auth_section() -> Mapping | None:
    try:
        section = st.secrets.get("auth")
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return None
    return section if isinstance(section, Mapping) and section else None


def modus() -> str | None:
    """'oidc' with an [auth] section, 'lokaal' with named accounts, else None (old fallback)."""
    if met_organisatieaccount():
        return "oidc"
    if accounts.any_accounts():
        return "lokaal"
    return None


def met_organisatieaccount() -> bool:
    """True when editors log in with the organisation account (OIDC). That login leaves the app for the
    provider and comes back in a new session on the home page, so what was typed on a page is not kept.
    Cheap: the parsed secrets only, no accounts file."""
    return _auth_section() is not None


def organisatie_ingelogd() -> bool:
    """True when someone is logged in with the organisation account (OIDC) in this browser. Cheap for
    an anonymous visitor: the parsed secrets and this session's st.user, no file, no network."""
    return met_organisatieaccount() and bool(st.user.is_logged_in)


def _provider(section: Mapping) -> str | None:
    """st.login's provider argument: None for a single flat [auth] block, else the first named one."""
    if "client_id" in section:
        return None
    named = [k for k, v in section.items() if isinstance(v, Mapping)]
    return named[0] if named else None


def current_token() -> auth.Redacteur | None:
    """This session's live token, whatever its role (None when logged out or revoked)."""
    token = st.session_state.get(SESSIE_SLEUTEL)
    return token if auth.rol(token) is not None else None


def current_beheerder() -> auth.Redacteur | None:
    """The session's token when it may import and restore (redacteur or beheerder), else None."""
    token = st.session_state.get(SESSIE_SLEUTEL)
    return token if auth.is_beheerder(token) else None


def _drop_token() -> None:
    token = st.session_state.pop(SESSIE_SLEUTEL, None)
    if isinstance(token, auth.Redacteur):
        auth.logout(token)


def _oidc_token(ident: identiteit.Identiteit) -> auth.Redacteur:
    """One token per session and identity: reused on every rerun, replaced when someone else logs in."""
    held = st.session_state.get(SESSIE_SLEUTEL)
    if isinstance(held, auth.Redacteur) and held.identiteit == ident and auth.is_live(held):
        return held
    _drop_token()
    token = auth.issue(ident)
    st.session_state[SESSIE_SLEUTEL] = token
    return token


def _show_identity(token: auth.Redacteur, soort: str) -> None:
    ident = token.identiteit
    rol = auth.rol(token)
    wie = escape_markdown(ident.naam if ident else token.naam)
    if ident is not None and ident.email and ident.email != ident.naam:
        wie += f" ({escape_markdown(ident.email)})"
    if rol:
        st.success(f"Ingelogd als {wie}, {soort}. Rol: {ROL_TEKST[rol]}.")
    else:
        st.info(
            f"Ingelogd als {wie}, {soort}. U kijkt mee, zonder bewerkrechten. Wilt u bewerken? Vraag de "
            "beheerder van het dashboard om u als redacteur toe te voegen."
        )


def oidc_login() -> None:
    """Log in and out with the organisation account; show who is logged in and in what role."""
    section = _auth_section() or {}
    user = st.user.to_dict() if st.user.is_logged_in else {}
    ident = identiteit.from_oidc(user)
    if ident is None:
        _drop_token()
        st.caption("Bekijken kan iedereen. Bewerken kan alleen wie is ingelogd en als redacteur is aangewezen.")
        if st.button("Inloggen met uw organisatieaccount", key="oidc_login", icon=":material/login:"):
            st.login(_provider(section))
        return
    if ident.verlopen():
        _drop_token()
        st.warning("Uw inlogsessie is verlopen. Log opnieuw in om te bewerken.")
        if st.button("Opnieuw inloggen", key="oidc_relogin", icon=":material/login:"):
            st.logout()
        return
    if auth.afgemeld(ident):  # logged out in another window of this browser
        _drop_token()
        st.warning("U bent uitgelogd. Log opnieuw in om te bewerken.")
        if st.button("Opnieuw inloggen", key="oidc_relogin_na_afmelden", icon=":material/login:"):
            st.logout()
        return
    token = _oidc_token(ident)
    _show_identity(token, "met uw organisatieaccount")
    if ident.verloopt is not None:
        st.caption(f"Ingelogd {identiteit.verloop_tekst(ident)}.")
    if st.button("Uitloggen", key="oidc_logout", icon=":material/logout:"):
        # Rights end here, before the provider round trip, in every window of this person.
        auth.logout_everywhere(st.session_state.pop(SESSIE_SLEUTEL, None))
        st.logout()


def login_client() -> tuple[str, ...]:
    """Who is trying to log in, for the login throttle: this browser session and its network address.
    An unknown address (localhost, or a proxy whose forwarded address is not trusted) gives the key
    that all such clients share, so a new session per guess does not escape the throttle."""
    keys = []
    ctx = get_script_run_ctx()
    if ctx is not None:
        keys.append(f"sessie:{ctx.session_id}")
    try:
        ip = st.context.ip_address
    except Exception:  # noqa: BLE001 - no request context (AppTest): the address is unknown
        ip = None
    keys.append(f"adres:{ip}" if ip else throttle.ONBEKEND)
    return tuple(keys)


def local_login() -> None:
    """Named local accounts: name and own password; the audit trail names the account."""
    token = current_token()
    if token is not None and token.identiteit is not None:
        _show_identity(token, "lokaal account")
        if st.button("Uitloggen", key="editor_logout", icon=":material/logout:"):
            _drop_token()
            st.rerun()
        return
    _drop_token()  # a token whose account was removed: gone from the session as well
    with st.form("account_login", border=False):
        naam = st.text_input("Naam van uw account", max_chars=accounts.MAX_NAAM)
        wachtwoord = st.text_input("Wachtwoord", type="password")
        if st.form_submit_button("Inloggen"):
            try:
                token = accounts.login(naam, wachtwoord, client=login_client())
            except auth.TeVeelPogingen as err:
                st.error(str(err))
                return
            except DataFout as err:
                st.error(f"Inloggen lukt niet. {err}")
                return
            if token is None:
                st.error("Onbekende naam of onjuist wachtwoord.")
            else:
                st.session_state[SESSIE_SLEUTEL] = token
                st.rerun()


def named_login() -> bool:
    """Draw the named login if OIDC or local accounts are set up; False leaves it to the fallback."""
    soort = modus()
    if soort == "oidc":
        oidc_login()
    elif soort == "lokaal":
        local_login()
    else:
        return False
    return True
