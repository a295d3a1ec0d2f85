"""The one URL-synced picker (lib.ui.widgets.url_choice and friends): every variant the pages use.

Each case runs a tiny script under AppTest, so the real Streamlit widgets, session state and query
parameters are exercised; the pages' own tests cover the pickers in place."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def _app(script, query: dict | None = None) -> AppTest:
    at = AppTest.from_function(script, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _multi():
    import streamlit as st

    from lib.ui.widgets import url_choice, url_notices

    kolom = st.columns(2)[0]
    url_choice(kolom.multiselect, "Wijk", ["WK1", "WK2", "WK3"], param="wijk", default=[], key="w")
    url_notices()


def test_multiselect_reads_a_comma_list_drops_unknown_and_writes_back():
    at = _app(_multi, {"wijk": "WK3,WK9,WK1,WK3"})
    assert at.multiselect(key="w").value == ["WK3", "WK1"]  # order of the link, no repeats
    assert any("onbekende waarde voor: wijk" in i.value for i in at.info)
    assert at.query_params["wijk"] == "WK3,WK1"
    at.multiselect(key="w").set_value(["WK2"]).run()
    assert at.query_params["wijk"] == "WK2" and not at.info
    at.multiselect(key="w").set_value([]).run()
    assert "wijk" not in at.query_params  # nothing chosen: no parameter


def test_multiselect_follows_a_new_link_but_keeps_its_choice_when_the_link_is_all_wrong():
    at = _app(_multi, {"wijk": "WK1"})
    at.query_params["wijk"] = "WK2,WK3"  # a link to the same page with another value
    at.run()
    assert at.multiselect(key="w").value == ["WK2", "WK3"]
    at.query_params["wijk"] = "WK7"
    at.run()
    assert at.multiselect(key="w").value == ["WK2", "WK3"]
    assert any("onbekende waarde voor: wijk" in i.value for i in at.info)


def _leeg():
    import streamlit as st

    from lib.ui.widgets import url_choice, url_notices

    def lees(raw):
        code = raw.strip().upper()
        return (code, None) if code in {"A", "B"} else (None, f"Code {code[:5]} ken ik niet.")

    gekozen = url_choice(
        st.selectbox, "Keuze", ["A", "B"], param="k", default=None, parse=lees, index=None, placeholder="Kies"
    )
    url_notices()
    st.write(f"gekozen={gekozen}")


def test_selectbox_without_a_choice_and_a_parser_with_its_own_message():
    at = _app(_leeg)
    assert at.selectbox[0].value is None and "k" not in at.query_params
    at = _app(_leeg, {"k": " b "})
    assert at.selectbox[0].value == "B" and at.query_params["k"] == "B"
    at = _app(_leeg, {"k": "zzz"})
    assert at.selectbox[0].value is None
    assert [w.value for w in at.warning] == ["Code ZZZ ken ik niet."]
    assert not at.info  # the parser's message replaces the general one
    at.selectbox[0].set_value("A").run()
    assert at.query_params["k"] == "A" and not at.warning  # the note is shown once


def _toggle_en_waarde():
    import streamlit as st

    from lib.ui.widgets import url_notices, url_toggle, url_value

    aan = url_toggle("Extra pagina", param="extra", key="t")
    jaar = url_value("jaar", ["2020", "2021"], "2021")
    url_notices()
    st.write(f"aan={aan} jaar={jaar}")


def test_toggle_and_a_value_read_without_a_widget():
    at = _app(_toggle_en_waarde, {"extra": "1", "jaar": "2020"})
    assert at.checkbox(key="t").value is True and at.markdown[0].value == "aan=True jaar=2020"
    at.checkbox(key="t").uncheck().run()
    assert "extra" not in at.query_params
    at = _app(_toggle_en_waarde, {"jaar": "1999"})
    assert at.markdown[0].value == "aan=False jaar=2021"
    assert any("onbekende waarde voor: jaar" in i.value for i in at.info)
    assert "1999" not in " ".join(i.value for i in at.info)  # an unknown value is not echoed


def test_no_page_writes_the_query_by_hand():
    """One home for URL-synced choices: outside lib/ui/widgets.py only the presentation's slide
    navigation, the workshop share link, a saved area and the briefing's carried-over comparison write
    the query themselves."""
    toegestaan = {
        "lib/ui/presentatie.py": 2,  # leaving the presentation; presentatie=1 and dia=n on previous/next
        "lib/ui/briefing.py": 1,  # the briefing carries the gemeenten picked on the Wijkprofiel into its link
        "lib/ui/werksessie.py": 1,  # a broken share link is removed
        "lib/ui/gebied.py": 1,  # after saving an area the page opens it
    }
    schrijven = re.compile(r"st\.query_params(\[[^\]]+\]\s*=|\.update\(|\.pop\(|\.clear\()|del st\.query_params")
    gevonden = {}
    for pad in [*ROOT.glob("lib/ui/*.py"), *ROOT.glob("views/*.py")]:
        rel = pad.relative_to(ROOT).as_posix()
        if rel == "lib/ui/widgets.py":
            continue
        n = len(schrijven.findall(pad.read_text(encoding="utf-8")))
        if n:
            gevonden[rel] = n
    assert gevonden == toegestaan
