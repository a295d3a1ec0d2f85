"""The briefing page and its presentation view under AppTest."""

from __future__ import annotations

from tests.pagetest import run_page

NOTICE = "Voorbeeldcijfers, geen echte meting"


def _titles(at) -> list[str]:
    return [t.value for t in at.title]


def test_page_defaults_preview_and_notice():
    at = run_page("views/briefing.py")
    assert not at.exception, [e.value for e in at.exception]
    assert _titles(at) == ["Raadsbriefing"]
    assert at.selectbox(key="briefing_indicator").value == "eenzaam"
    assert at.selectbox(key="briefing_periode").value == "2022"
    assert at.selectbox(key="briefing_leeftijd").value == "18+"
    assert at.selectbox(key="briefing_budgetjaar").value == "2022"
    assert [t.label for t in at.tabs] == ["Kerncijfers", "Eenzaam door de jaren", "Eenzaam per wijk, 2022",
                                          "Wijken van hoog naar laag", "Budget per thema, 2022",
                                          "Voortgang van het plan", "Bronnen"]  # fmt: skip
    # Lazy tabs: only the open one (Kerncijfers) is built; each other tab draws its chart once opened.
    assert not at.get("vega_lite_chart")
    assert any(NOTICE in w.value for w in at.warning)
    metrics = {m.label: m.value for m in at.metric}
    # an example keeps its mark in the tile, as on /wijk: the symbol with the value (which now fits a third of
    # a laptop screen) and the word in place of a difference
    assert metrics["Capelle aan den IJssel, eenzaam"] == "53,1% ◇"
    assert {m.label: m.delta for m in at.metric}["Capelle aan den IJssel, eenzaam"] == "◇ voorbeeld"
    assert not {m.label: m.delta for m in at.metric}["Nederland, eenzaam"]
    assert metrics["Nederland, eenzaam"] == "48,6%"
    assert any("Bron:" in c.value and "RIVM" in c.value for c in at.caption)
    assert at.query_params["indicator"] == "eenzaam"
    for tab in ("Eenzaam door de jaren", "Eenzaam per wijk, 2022", "Wijken van hoog naar laag",
                "Budget per thema, 2022", "Voortgang van het plan"):  # fmt: skip
        at.session_state["briefing_tab"] = tab
        at.run()
        assert not at.exception and len(at.get("vega_lite_chart")) == 1, tab
        if tab.startswith("Budget"):
            assert any("De bedragen per thema zijn een voorbeeldverdeling" in w.value for w in at.warning)


def test_pdf_button_makes_the_pdf_and_offers_the_download():
    at = run_page("views/briefing.py")
    assert not [d for d in at.get("download_button") if d.proto.label == "Download de PDF"]
    at.button(key="briefing_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("De PDF is klaar: 7 pagina's" in s.value for s in at.success)
    downloads = [d for d in at.get("download_button") if d.proto.label == "Download de PDF"]
    assert len(downloads) == 1


def test_changing_the_choice_drops_the_old_pdf():
    at = run_page("views/briefing.py")
    at.button(key="briefing_make").click().run()
    at.selectbox(key="briefing_leeftijd").select("65+").run()
    assert not at.exception
    assert not [d for d in at.get("download_button") if d.proto.label == "Download de PDF"]
    assert {m.label: m.value for m in at.metric}["Capelle aan den IJssel, eenzaam"] == "56,8% ◇"


def test_deep_link_choice_and_unknown_values():
    at = run_page("views/briefing.py", query={"indicator": "ernstig_eenzaam", "periode": "2016", "leeftijd": "65+"})
    assert not at.exception
    assert at.selectbox(key="briefing_indicator").value == "ernstig_eenzaam"
    assert at.selectbox(key="briefing_periode").value == "2016"
    at = run_page("views/briefing.py", query={"indicator": "<b>x</b>", "periode": "1999"})
    assert not at.exception
    infos = " ".join(i.value for i in at.info)
    assert "onbekende waarde voor: indicator, periode" in infos and "<b>x</b>" not in infos  # not echoed
    assert at.selectbox(key="briefing_indicator").value == "eenzaam"


def test_presentation_next_and_previous_change_the_slide():
    at = run_page("views/briefing.py", query={"presentatie": "1", "dia": "1"})
    assert not at.exception, [e.value for e in at.exception]
    assert _titles(at) == ["Kerncijfers"]
    assert at.button(key="dia_vorige").disabled
    at.button(key="dia_volgende").click().run()
    assert _titles(at) == ["Eenzaam door de jaren"] and at.query_params["dia"] == "2"
    at.button(key="dia_volgende").click().run()
    assert _titles(at) == ["Eenzaam per wijk, 2022"] and at.query_params["dia"] == "3"
    assert len(at.get("vega_lite_chart")) == 1  # one figure at a time
    assert any(NOTICE in w.value for w in at.warning)
    at.button(key="dia_vorige").click().run()
    assert _titles(at) == ["Eenzaam door de jaren"] and at.query_params["dia"] == "2"


def test_presentation_last_slide_and_linked_choice():
    at = run_page("views/briefing.py", query={"presentatie": "1", "dia": "7", "leeftijd": "65+"})
    assert not at.exception
    assert _titles(at) == ["Bronnen"]
    assert at.button(key="dia_volgende").disabled
    at = run_page("views/briefing.py", query={"presentatie": "1", "dia": "3", "leeftijd": "65+"})
    assert any("65 jaar en ouder" in c.value for c in at.caption)


def test_presentation_unknown_slide_starts_at_one():
    at = run_page("views/briefing.py", query={"presentatie": "1", "dia": "99"})
    assert not at.exception
    assert _titles(at) == ["Kerncijfers"]
    assert any("Dia 99 bestaat niet" in i.value for i in at.info)
    at = run_page("views/briefing.py", query={"presentatie": "1", "dia": "twee"})
    assert _titles(at) == ["Kerncijfers"] and any("geen dianummer" in i.value for i in at.info)


def test_presentation_param_on_another_page_is_dropped():
    at = run_page("views/data.py", query={"presentatie": "1"})
    assert not at.exception
    assert [t.value for t in at.title] == ["Data en bronnen"]  # the page itself, no slides
    # (that the sidebar is hidden on the briefing and back here is checked in the browser test)


def test_presentation_budget_slide_follows_the_budget_year():
    at = run_page("views/briefing.py", query={"presentatie": "1", "dia": "5", "budgetjaar": "2020"})
    assert not at.exception, [e.value for e in at.exception]
    assert _titles(at) == ["Budget per thema, 2020"]
    assert any("voorbeeldverdeling" in w.value for w in at.warning)
    at.button(key="dia_volgende").click().run()
    assert _titles(at) == ["Voortgang van het plan"]
    # 12 statuses are still the plan file's examples: the slide says so, in its own words
    (notice,) = at.warning
    assert "Voorbeeldstatus, geen stand van zaken" in notice.value
    assert "De status van 12 van de 14 acties is een voorbeeld" in notice.value and NOTICE not in notice.value
    assert any("12 lopend (◇ voorbeeldstatus)" in m.value and "Het verst" not in m.value for m in at.markdown)


def test_plan_slide_has_no_notice_once_an_editor_set_every_status():
    from lib.kern import auth, storage
    from lib.plan import lezen as plan_lezen
    from lib.plan import status as plan_status

    token = auth.login("geheim", "Test", auth.hash_password("geheim", iterations=1000), auth.Throttle())
    plan = plan_lezen.load_plan()
    with storage.connect() as conn:
        for actie in plan.acties:
            plan_status.update_action(conn, token, actie.id, status=actie.status, door="Griffie", plan=plan)
    at = run_page("views/briefing.py", query={"presentatie": "1", "dia": "6"})
    assert not at.exception, [e.value for e in at.exception]
    assert _titles(at) == ["Voortgang van het plan"]
    assert not at.warning
    assert any("Het verst is thema" in m.value and "◇" not in m.value for m in at.markdown)


def test_plan_progress_on_the_page_is_read_fresh(tmp_path, monkeypatch):
    from lib.kern import auth, storage
    from lib.plan import lezen as plan_lezen
    from lib.plan import status as plan_status

    at = run_page("views/briefing.py", query={"presentatie": "1", "dia": "6"})
    assert any("Nog geen actie is door een redacteur bijgewerkt" in m.value for m in at.markdown)
    token = auth.login("geheim", "Test", auth.hash_password("geheim", iterations=1000), auth.Throttle())
    plan = plan_lezen.load_plan()
    with storage.connect() as conn:
        plan_status.update_action(conn, token, plan.themas[0].acties[0].id, status="afgerond", door="Griffie", plan=plan)
    at.run()
    assert any("1 van de 14 acties zijn door een redacteur bijgewerkt" in m.value for m in at.markdown)
