"""Text safety: show what users typed as text, never as Markdown or HTML."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Escape every Markdown/HTML-significant character, so st.markdown shows the text literally.

    Newlines become spaces: a typed name or title is one line.
    """
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", one_line)
