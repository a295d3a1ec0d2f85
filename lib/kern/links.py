"""Reading a value from a link (?param=value): matched against the known options, and shown back
to the user only as inert, shortened text. The pickers that keep their value in the URL
(lib.ui.widgets.url_choice) use these; so does any page that reads a link."""

from __future__ import annotations

from lib.kern.tekst import escape_markdown


def parse_choice(raw: str | None, options) -> tuple[object | None, bool]:
    """Validate one query parameter against known options.

    Returns (value, rejected): (None, False) when absent, (option, False) when known (periods
    are matched as text, so '2022' finds 2022), (None, True) when present but unknown.
    """
    if raw is None:
        return None, False
    text = str(raw).strip()
    for option in options:
        if str(option) == text:
            return option, False
    return None, True


def safe_text(raw: str, limit: int = 40) -> str:
    """Show a user-typed value inside Markdown as inert text: shortened and with Markdown/HTML
    characters escaped."""
    text = str(raw)[:limit] + ("…" if len(str(raw)) > limit else "")
    return escape_markdown(text)
