"""Accessibility frame (WCAG 2.1 AA): the page's language, Dutch texts in Streamlit's own widgets,
contrast and focus styles, and the navigation drawn with st.page_link.

Why each piece exists is explained in the README (Toegankelijkheid). In short:
- Streamlit serves ``<html lang="en">`` and has no setting for it; a tiny script sets ``nl``.
- Some texts are built into Streamlit's widgets (skip link, "Select all", the file uploader); the same
  script replaces exactly those texts (a fixed list below), nothing else.
- The caption grey and a few built-in colours are too light (4.1:1); CSS darkens them to >= 4.5:1.
- The built-in sidebar page list renders list items outside a list (axe: list/listitem); the app hides
  it (``st.navigation(position="hidden")`` keeps every url path) and draws its own links here.
"""

from __future__ import annotations

import copy
import json

import streamlit as st

from lib.kern.navigation import PAGES, SECTIES

# Text colours measured against white (#ffffff) and the sidebar grey (#f2f5f7):
# #4d5560 gives 7.5:1 and 6.9:1, well above the 4.5:1 that WCAG 1.4.3 asks for normal text.
GEDEMPT = "#4d5560"
FOCUS = "#1f6f8b"

CSS = f"""
<style>
/* 1.4.3 contrast: captions, help texts and widget hints are a faded text colour (#777e85, 4.1:1). */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *,
[data-testid="stWidgetLabel"] small, [data-testid="stFileUploaderDropzoneInstructions"] *,
[data-testid="InputInstructions"], [data-testid="stMetricDelta"] ~ div,
[data-testid="stTooltipHoverTarget"] svg {{ color: {GEDEMPT} !important; }}
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; }}  /* Streamlit fades captions to 60% */
/* Chart axis labels, titles and legends: Streamlit's chart theme draws them in #808495 (3.8:1 on white).
   CSS beats SVG presentation attributes, so only text in exactly that grey gets the darker colour. */
.vega-embed svg text[fill="#808495"] {{ fill: {GEDEMPT} !important; }}
/* 1.4.10 reflow: a tile's texts wrap at spaces instead of being cut off ("Emotioneel eenz…" in five narrow
   tiles, "geen schatting (t…" in the map's area panel, only a first digit on /wijk on a small laptop). */
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"], [data-testid="stMetricLabel"] p,
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"], [data-testid="stMetricValue"] p,
[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"], [data-testid="stMetricDelta"] p {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }}
/* A value never breaks inside a number (two halves read as two numbers): in a narrow tile it gets smaller,
   so a percentage with its example mark fits on one line (cqi: a percent of the tile's width). */
[data-testid="stMetric"] {{ container-type: inline-size; }}
[data-testid="stMetricValue"] {{ font-size: min(2.25rem, 25cqi) !important; }}
[data-testid="stMetricValue"] p {{ line-height: 1.2 !important; overflow-wrap: normal !important;
  word-break: normal !important; }}
/* Keyboard-shortcut badges on primary buttons (light blue on blue, 3.1:1). */
button kbd {{ color: #ffffff !important; opacity: 1 !important; }}
/* 2.4.7 visible focus: a clear ring on everything that can take keyboard focus. */
a:focus-visible, button:focus-visible, input:focus-visible, [role="button"]:focus-visible,
[role="option"]:focus-visible, [role="tab"]:focus-visible, [tabindex]:focus-visible, summary:focus-visible,
[data-baseweb="select"]:focus-within, [data-testid="stSkipToContent"]:focus {{
  outline: 3px solid {FOCUS} !important; outline-offset: 2px !important; }}
/* Our own page navigation in the sidebar (the built-in list is hidden, see module docstring). */
.st-key-meer_samen_nav p.meer-samen-sectie {{ margin: .6rem 0 0 .5rem; font-size: .8rem; font-weight: 600;
  color: {GEDEMPT}; text-transform: uppercase; letter-spacing: .03em; }}
</style>
"""

# Exact texts Streamlit draws itself, with their Dutch text. Only whole texts are replaced.
VERTALINGEN = {
    "Skip to main content": "Naar de hoofdinhoud",
    "Select all": "Alles selecteren",
    "Deselect all": "Alles deselecteren",
    "Clear all": "Alles wissen",
    "Clear value": "Waarde wissen",
    "Choose an option": "Kies een optie",
    "Choose options": "Kies opties",
    "No results": "Geen resultaten",
    "No options to select": "Geen opties",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Drag and drop a file here": "Sleep een bestand hierheen",
    "Browse files": "Bestand kiezen",
    "Upload": "Bestand kiezen",
    "Add files": "Bestanden toevoegen",
    "Show password": "Tekens tonen",
    "Hide password": "Tekens verbergen",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Download as CSV": "Downloaden als CSV",
    "Search": "Zoeken",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Exit fullscreen": "Volledig scherm sluiten",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Close": "Sluiten",
    "Open": "Openen",
    "Main menu": "Menu",
    "Sidebar": "Zijbalk",
    "Running...": "Bezig…",
    "Stop": "Stoppen",
    "Increment": "Hoger",
    "Decrement": "Lager",
    "Copy to clipboard": "Kopiëren",
    "Link to heading": "Link naar deze kop",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Previous page": "Vorige pagina",
    "Next page": "Volgende pagina",
    "Selected values": "Gekozen waarden",
    "Notifications": "Meldingen",
    "Show data": "Gegevens tonen",
    "Hide data": "Gegevens verbergen",
    "Download as PNG": "Downloaden als PNG",
    "Download as SVG": "Downloaden als SVG",
    "Copy Vega-Lite spec": "Vega-Lite-specificatie kopiëren",
    "Map": "Kaart",
    "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen",
    "Reset": "Herstellen",
    # Found in Streamlit 1.67's own code: the uploader's input, the tab bar on a phone, the date input.
    "file upload": "Bestand kiezen",
    "Scroll tabs left": "Tabbladen naar links schuiven",
    "Scroll tabs right": "Tabbladen naar rechts schuiven",
    "Choose date": "Datum kiezen",
    "Choose date range": "Periode kiezen",
    "Choose date and time": "Datum en tijd kiezen",
    "Clear date": "Datum wissen",
    "Clear dates": "Datums wissen",
    "Clear time": "Tijd wissen",
    "Previous month": "Vorige maand",
    "Next month": "Volgende maand",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "Kies een datum met de pijltjestoetsen. Enter kiest, Escape sluit."
    ),
}
# Texts with a variable part: [regular expression, Dutch replacement with $1 .. $n].
PATRONEN = [
    [r"^Limit (.+) per file(?: • (.+))?$", "Maximaal $1 per bestand"],
    [r"^(\d+(?:\.\d+)?\s*[KMG]?B) per file$", "Maximaal $1 per bestand"],
    [r"^Select (\d+) matches$", "$1 resultaten selecteren"],
    [r"^Add: (.+)$", "Toevoegen: $1"],
    [r"^Shortcut (.+)$", "Sneltoets $1"],
    [r"^Help for (.+)$", "Uitleg bij $1"],
    [r"^Download as (.+)$", "Downloaden als $1"],
    [r"^Save as (.+)$", "Opslaan als $1"],
    [r"^Vega visualization$", "Grafiek; de cijfers staan ook in de tekst of tabel erbij"],
    [r"^Fullscreen: (.+)$", "Volledig scherm: $1"],
    [r"^Exit fullscreen: (.+)$", "Volledig scherm sluiten: $1"],
    [r"^Press (.+) to (.+)$", "Sneltoets $1"],
    # The date input's parts (day, month, year), read out as "day, Datum".
    [r"^Choose date, (.+)$", "Datum kiezen, $1"],
    [r"^day, (.+)$", "dag, $1"],
    [r"^month, (.+)$", "maand, $1"],
    [r"^year, (.+)$", "jaar, $1"],
]

SCRIPT = """
<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  doc.documentElement.lang = "nl";
  if (doc.defaultView.__meerSamenNl) return;
  doc.defaultView.__meerSamenNl = true;
  const exact = __VERTALINGEN__;
  const patronen = __PATRONEN__.map(([re, nl]) => [new RegExp(re), nl]);
  const vertaal = (tekst) => {
    const kaal = tekst.trim();
    if (!kaal) return null;
    if (Object.prototype.hasOwnProperty.call(exact, kaal)) return tekst.replace(kaal, exact[kaal]);
    for (const [re, nl] of patronen) {
      if (re.test(kaal)) return tekst.replace(kaal, kaal.replace(re, nl));
    }
    return null;
  };
  const ATTRS = ["aria-label", "title", "placeholder"];
  const werkBij = (root) => {
    if (doc.documentElement.lang !== "nl") doc.documentElement.lang = "nl";
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentElement;
      if (p && p.closest("[data-testid=stMarkdownContainer], [data-testid=stCaptionContainer], textarea")) continue;
      const nl = vertaal(n.nodeValue);
      if (nl !== null && nl !== n.nodeValue) n.nodeValue = nl;
    }
    const els = root.querySelectorAll ? root.querySelectorAll("[aria-label], [title], [placeholder]") : [];
    for (const el of els) {
      for (const a of ATTRS) {
        const v = el.getAttribute(a);
        if (v === null) continue;
        const nl = vertaal(v);
        if (nl !== null && nl !== v) el.setAttribute(a, nl);
      }
    }
  };
  // Vega writes English descriptions (and English number formats) into every chart's SVG. The chart
  // keeps one Dutch label (above); the numbers are in the text or table beside every chart.
  const verbergGrafiekTekst = () => {
    for (const svg of doc.querySelectorAll(".vega-embed svg:not([aria-hidden])")) svg.setAttribute("aria-hidden", "true");
  };
  let gepland = false;
  const plan = () => {
    if (gepland) return;
    gepland = true;
    doc.defaultView.requestAnimationFrame(() => { gepland = false; werkBij(doc.body); verbergGrafiekTekst(); });
  };
  werkBij(doc.body);
  verbergGrafiekTekst();
  new MutationObserver(plan).observe(doc.documentElement, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["lang", ...ATTRS],
  });
})();
</script>
"""


def script() -> str:
    """The language-and-texts script with its fixed word lists filled in (no user text in it)."""
    return SCRIPT.replace("__VERTALINGEN__", json.dumps(VERTALINGEN, ensure_ascii=False)).replace(
        "__PATRONEN__", json.dumps(PATRONEN, ensure_ascii=False)
    )


def frame() -> None:
    """On every page: the CSS and the language script (static; no user text goes into either)."""
    st.html(CSS)
    with st.container(key="meer_samen_taal", height=1, border=False):
        st.html(script(), unsafe_allow_javascript=True)


def paginas() -> dict[str, list]:
    """The registered pages as st.Page objects per section, for st.navigation in app.py.

    The objects are made once per process (building them and resolving their files was a tenth of
    a visit's work); each run gets its own shallow copies, because st.navigation marks the page it
    returns as callable once, and two visitors at the same moment must not share that mark."""
    return {sectie: [copy.copy(p) for p in pages] for sectie, pages in _paginas().items()}


@st.cache_resource(show_spinner=False)
def _paginas() -> dict[str, list]:
    return {
        sectie: [
            st.Page(p.bestand, title=p.titel, icon=p.icoon, url_path=p.url_path or None, default=not p.url_path)
            for p in PAGES
            if p.sectie == sectie
        ]
        for sectie in SECTIES
        if any(p.sectie == sectie for p in PAGES)
    }


def navigatie() -> None:
    """The page navigation in the sidebar, one st.page_link per registered page, grouped by section."""
    with st.sidebar.container(key="meer_samen_nav"):
        for sectie, pages in _paginas().items():
            specs = [p for p in PAGES if p.sectie == sectie]
            if sectie != specs[0].titel or len(specs) > 1:
                st.html(f'<p class="meer-samen-sectie">{sectie}</p>')
            for page in pages:
                st.page_link(page)
