"""Facts of the accessibility statement (toegankelijkheidsverklaring): the standard, how and when
it was tested, and where to report a problem. The page views/toegankelijkheid.py shows them.

Keep AXE_CORE_VERSIE and GETEST_OP true: tests/test_toegankelijkheid.py checks the version against the
axe-core that the browser tests run, and the statement shows the date.
"""

from __future__ import annotations

import os
from datetime import date

from lib.kern import getallen

STANDAARD = "WCAG 2.1 niveau AA"
NORM = "EN 301 549"
AXE_CORE_VERSIE = "4.12.1"  # bundled by axe-playwright-python (requirements-dev.txt)
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
GETEST_OP = date(2026, 12, 2)
OPGESTELD_OP = date(2026, 12, 2)  # the date of the statement itself (model statement: 'opgesteld op')
# Compliance status in the words of the Dutch model statement (voldoet volledig / gedeeltelijk / niet).
# 'Gedeeltelijk': the PDF briefing has no tags for screen readers (see 'Wat nog niet goed is' on the page).
NALEVING = "voldoet gedeeltelijk"
OMBUDSMAN = "https://www.nationaleombudsman.nl"
CONTACT_SETTING = "MEER_SAMEN_TOEGANKELIJKHEID_CONTACT"


def contact() -> str | None:
    """Where users report an accessibility problem (an e-mail address or web address), or None when the
    publishing organisation has not set it yet (MEER_SAMEN_TOEGANKELIJKHEID_CONTACT)."""
    value = os.environ.get(CONTACT_SETTING, "").strip()
    return value or None


def contact_link(value: str) -> str:
    """A markdown link for the contact: mailto for an e-mail address, the address itself for a web page."""
    if value.startswith(("http://", "https://")):
        return f"[{value}]({value})"
    if "@" in value and " " not in value:
        return f"[{value}](mailto:{value})"
    return value


def datum_tekst(d: date) -> str:
    """A date the Dutch way: 2 december 2026."""
    return getallen.datum(d)
