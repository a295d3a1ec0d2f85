"""Text safety: show what users typed as text, never as Markdown or HTML.

The one home for escaping user text before it goes into st.markdown, st.error, st.success and
friends (which all render Markdown).
"""

from __future__ import annotations

import re

# Every Markdown/HTML punctuation mark gets a backslash, so no emphasis, link or tag can form.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")
# GFM also turns bare URLs and e-mail addresses into links after escapes are applied; a zero-width
# space inside "//", "www." and "@" keeps them plain text while reading the same.
_AUTOLINK = re.compile(r"(//)|(www)(\.)|(@)", re.IGNORECASE)
_ZWSP = "\u200b"


def escape_markdown(text: object, *, keep_newlines: bool = False) -> str:
    """Make user text inert for Markdown: it shows literally, with no links, emphasis or HTML.

    By default newlines become spaces (a typed name or title is one line); with keep_newlines they
    become Markdown line breaks (for notes).
    """
    raw = str(text)
    raw = _AUTOLINK.sub(lambda m: _ZWSP.join(g for g in m.groups() if g) + _ZWSP, raw)
    if keep_newlines:
        return "  \n".join(_MD_SPECIAL.sub(r"\\\1", line) for line in raw.split("\n"))
    return _MD_SPECIAL.sub(r"\\\1", " ".join(raw.split()))
