"""User text is made inert for Markdown: no links, emphasis, headings or HTML can form."""

import pytest

from lib.kern.tekst import escape_markdown

HOSTILE = [
    "[klik hier](javascript:alert(1))",
    "<script>window.__xss = 1</script>",
    "<img src=x onerror=alert(1)>",
    "**vet** _schuin_ `code`",
    "# kop",
    "https://evil.example/pad",
    "www.evil.example",
    "iemand@evil.example",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_has_no_unescaped_markup(text):
    out = escape_markdown(text)
    for ch in "[]()<>*_`#":
        assert ch not in out.replace("\\" + ch, ""), (text, out)
    # reads the same once the escapes and invisible spaces are taken out
    assert out.replace("\\", "").replace("\u200b", "") == text


def test_bare_links_are_broken_with_an_invisible_space():
    assert "\u200b" in escape_markdown("https://evil.example")
    assert "\u200b" in escape_markdown("www.evil.example")
    assert "\u200b" in escape_markdown("iemand@evil.example")


def test_newlines_folded_or_kept_as_line_breaks():
    assert escape_markdown("a\nb") == "a b"
    assert escape_markdown("titel\n===", keep_newlines=True) == "titel  \n\\=\\=\\="
