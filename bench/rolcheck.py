"""What the role re-check on every write costs: ``auth.require_editor`` for a named identity (OIDC role
from the secrets file, local account from the accounts file) against the old shared-password token
(a set lookup) as the baseline, in the same run. Median of several runs.

    python -m bench.rolcheck
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

RUNS, CALLS = 7, 2000


def median_us(check, token) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(CALLS):
            check(token)
        times.append((time.perf_counter() - start) / CALLS * 1e6)
    return statistics.median(times)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    os.environ["MEER_SAMEN_DATA_DIR"] = str(tmp)
    os.environ.pop("MEER_SAMEN_ACCOUNTS", None)
    secrets_file = tmp / "secrets.toml"
    secrets_file.write_text('[roles]\neditors = ["anna@capelle.example"]\n', encoding="utf-8")
    os.environ["MEER_SAMEN_SECRETS_FILE"] = str(secrets_file)
    from lib.kern import accounts, auth, identiteit

    gedeeld = auth.login("wachtwoord-123", "x", auth.hash_password("wachtwoord-123", iterations=1000), auth.Throttle())
    oidc = auth.issue(identiteit.from_oidc({"is_logged_in": True, "sub": "1", "email": "anna@capelle.example",
                                            "name": "Anna"}))
    accounts.add_account("Anna", "wachtwoord-123", iterations=1000)
    lokaal = accounts.login("Anna", "wachtwoord-123")
    base = median_us(auth.require_editor, gedeeld)
    for label, token in (("gedeeld wachtwoord (basis)", gedeeld), ("organisatieaccount", oidc), ("lokaal account", lokaal)):
        us = median_us(auth.require_editor, token)
        print(f"{label:28} {us:8.1f} µs per controle  ({us / base:7.0f}x de basis)")


if __name__ == "__main__":
    main()
