"""Example statuses: the plan file marks them (status_voorbeeld), they stay examples until an editor
saves the action, they are counted apart, and no sentence draws a conclusion from them."""

from __future__ import annotations

import copy
import io
from datetime import date

import pytest
import yaml
from pypdf import PdfReader

from lib.briefing import bouwen, dias
from lib.briefing import grafieken as briefgrafieken
from lib.briefing import pdf as bp
from lib.briefing import records as br
from lib.briefing import tekst as brieftekst
from lib.cijfers import loaders
from lib.kern import auth, storage
from lib.kern.errors import DataFout
from lib.plan import evaluatie, voortgang
from lib.plan import grafieken as plan_grafieken
from lib.plan import lezen as plan_lezen
from lib.plan import model as plan_model
from lib.plan import status as plan_status

PLAN = plan_lezen.load_plan()
VOORBEELDEN = [a.id for a in PLAN.acties if a.status_voorbeeld]


@pytest.fixture
def conn(tmp_path):
    return storage.connect(tmp_path / "db.sqlite3")


@pytest.fixture
def editor():
    token = auth.login("geheim", "Redacteur", auth.hash_password("geheim", iterations=1000), throttle=auth.Throttle())
    yield token
    auth.logout(token)


@pytest.fixture(scope="module")
def briefing_input():
    """The briefing's view model for the shipped figures with a given plan section."""
    shipped = (loaders.load_figures(), loaders.load_wijken(), loaders.load_gemeente(), loaders.load_wijk_geojson())

    def make(plan_sectie):
        return bouwen.build_briefing(*shipped, None, date(2026, 11, 27), plan=plan_sectie)

    return make


def _set_all(conn, editor, status: str = "lopend") -> None:
    for a in PLAN.acties:
        plan_status.update_action(conn, editor, a.id, status=status, plan=PLAN)


# --- the plan file -------------------------------------------------------------------------------


def test_the_shipped_example_statuses_are_marked_in_the_file():
    """The twelve 'lopend' statuses that only match the example budget and offer are flagged; the plan's
    own starting status (gepland) is not an example."""
    assert len(VOORBEELDEN) == 12
    assert all(PLAN.actie(i).status == "lopend" for i in VOORBEELDEN)
    assert {a.id for a in PLAN.acties if not a.status_voorbeeld} == {"1.2", "3.2"}
    assert "# voorbeeld" not in plan_model.PLAN_PATH.read_text(encoding="utf-8").split("themas:")[1]


def test_status_voorbeeld_is_optional_and_must_be_a_boolean(tmp_path):
    raw = yaml.safe_load(plan_model.PLAN_PATH.read_text(encoding="utf-8"))
    actie = raw["themas"][0]["acties"][0]
    actie.pop("status_voorbeeld")
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert plan_lezen.load_plan(path).actie("1.1").status_voorbeeld is False
    kapot = copy.deepcopy(raw)
    kapot["themas"][0]["acties"][0]["status_voorbeeld"] = "ja"
    path.write_text(yaml.safe_dump(kapot, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFout, match=r"Verwacht true of false, niet 'ja' in thema 1 > actie 1.1"):
        plan_lezen.load_plan(path)


# --- stored status -------------------------------------------------------------------------------


def test_example_status_until_an_editor_saves_it(conn, editor):
    before = plan_status.action_states(conn, PLAN).set_index("actie_id")
    assert sorted(before.index[before["voorbeeld"]]) == sorted(VOORBEELDEN)
    plan_status.update_action(conn, editor, "4.1", status="afgerond", plan=PLAN)
    after = plan_status.action_states(conn, PLAN).set_index("actie_id")
    assert not after.loc["4.1", "voorbeeld"] and after.loc["4.1", "status"] == "afgerond"
    assert after["voorbeeld"].sum() == 11


def test_saving_the_same_example_status_confirms_it(conn, editor):
    """The form always sends the status: saving 'lopend' unchanged makes it real, with a trace."""
    row = plan_status.update_action(conn, editor, "2.2", status="lopend", door="Anna", plan=PLAN)
    assert row["status"] == "lopend" and not row["voorbeeld"] and row["bijgewerkt"] and row["versie"] == 1
    (entry,) = storage.audit_trail(conn, "actie_status", "2.2")
    assert (entry["veld"], entry["oud"], entry["nieuw"], entry["door"]) == ("status", "lopend ◇ voorbeeld", "lopend", "Anna")
    # Saving it again changes nothing any more.
    plan_status.update_action(conn, editor, "2.2", status="lopend", plan=PLAN)
    assert len(storage.audit_trail(conn, "actie_status", "2.2")) == 1


# --- counts --------------------------------------------------------------------------------------


def test_counts_say_how_many_statuses_are_examples(conn, editor):
    plan_status.update_action(conn, editor, "2.1", status="afgerond", plan=PLAN)
    plan_status.update_action(conn, editor, "2.2", status="lopend", plan=PLAN)
    states = plan_status.action_states(conn, PLAN)
    per_thema = voortgang.progress_by_theme(states).set_index("thema")
    t2 = per_thema.loc[2]
    assert (t2["afgerond"], t2["lopend"], t2["voorbeeld_lopend"], t2["voorbeeld_afgerond"], t2["voorbeeld"]) == (
        1,
        3,
        2,
        0,
        2,
    )
    assert list(per_thema["voorbeeld"]) == [1, 2, 3, 4]
    assert (per_thema["voorbeeld_gepland"] == 0).all()
    per_result = voortgang.progress_by_result(states, PLAN).set_index("resultaat_id")
    # 2.d is served by 2.1 (now afgerond) and 2.2 (now confirmed lopend): no example left there.
    assert per_result.loc["2.d", "voorbeeld"] == 0 and per_result.loc["2.d", "totaal"] == 2
    assert per_result.loc["4.a", "voorbeeld"] == per_result.loc["4.a", "totaal"] > 0
    assert voortgang.counts_text(per_result.loc["4.a"]).endswith("lopend (◇ voorbeeldstatus)")
    groups = voortgang.actions_per_group(PLAN, states).set_index("actie_id")
    assert not groups.loc["2.1", "voorbeeld"] and groups.loc["2.3", "voorbeeld"]
    assert voortgang.actions_per_group(PLAN)["voorbeeld"].sum() == 12  # without states: the file's marks


def test_counts_without_a_voorbeeld_column_hold_no_examples(conn):
    states = plan_status.action_states(conn, PLAN).drop(columns="voorbeeld")
    assert voortgang.progress_by_theme(states)["voorbeeld"].sum() == 0
    assert "Het verst is" in voortgang.progress_summary(voortgang.progress_by_theme(states))


# --- the sentence ----------------------------------------------------------------------------------


def test_summary_marks_examples_and_draws_no_conclusion(conn):
    text = voortgang.progress_summary(voortgang.progress_by_theme(plan_status.action_states(conn, PLAN)))
    assert text.startswith("Van de 14 acties zijn er 0 afgerond, 12 lopend (◇ voorbeeldstatus), 2 gepland en 0 gestopt.")
    assert "Bij 12 acties is de status een voorbeeld: nog geen redacteur heeft ze bijgewerkt" in text
    assert "Het verst" not in text and "Nog geen enkele actie is gestart" not in text


def test_summary_with_some_examples_left(conn, editor):
    plan_status.update_action(conn, editor, "4.1", status="afgerond", plan=PLAN)
    text = voortgang.progress_summary(voortgang.progress_by_theme(plan_status.action_states(conn, PLAN)))
    assert "1 afgerond, 11 lopend (◇ voorbeeldstatus), 2 gepland" in text
    assert "Het verst" not in text
    for a in VOORBEELDEN:
        if a not in ("4.1", "4.4"):  # confirm every example but one
            plan_status.update_action(conn, editor, a, status="lopend", plan=PLAN)
    text = voortgang.progress_summary(voortgang.progress_by_theme(plan_status.action_states(conn, PLAN)))
    assert "1 afgerond, 11 lopend (waarvan 1 ◇ voorbeeldstatus), 2 gepland" in text
    assert "Bij 1 actie is de status een voorbeeld: nog geen redacteur heeft die bijgewerkt" in text
    assert "Het verst" not in text


def test_summary_draws_its_conclusion_once_all_statuses_are_real(conn, editor):
    _set_all(conn, editor, "gepland")
    plan_status.update_action(conn, editor, "3.1", status="afgerond", plan=PLAN)
    text = voortgang.progress_summary(voortgang.progress_by_theme(plan_status.action_states(conn, PLAN)))
    assert text == (
        "Van de 14 acties zijn er 1 afgerond, 0 lopend, 13 gepland en 0 gestopt. "
        "Het verst is thema 3, Eenzaamheid onder jongeren."
    )
    assert "◇" not in text


# --- the chart ---------------------------------------------------------------------------------------


def _chart_data(chart) -> tuple[list[dict], dict]:
    spec = chart.to_dict()
    return next(iter(spec["datasets"].values())), spec["encoding"]


def test_chart_draws_example_statuses_as_their_own_pale_dashed_segment(conn):
    rows, enc = _chart_data(plan_grafieken.progress_chart(voortgang.progress_by_theme(plan_status.action_states(conn, PLAN))))
    soorten = {(r["thema_naam"], r["status"], r["soort"]): r["acties"] for r in rows}
    assert soorten[("Verbuurzamen", "lopend", voortgang.VOORBEELDSTATUS)] == 4
    assert ("Verbuurzamen", "lopend", plan_grafieken.SOORT_ECHT) not in soorten  # no zero-width segments
    assert soorten[("Ken elkaar, vind elkaar", "gepland", plan_grafieken.SOORT_ECHT)] == 1
    assert enc["fillOpacity"]["scale"]["range"] == [1.0, 0.25]
    assert enc["strokeDash"]["scale"]["range"] == [[1, 0], [4, 3]]
    assert enc["strokeDash"]["legend"]["values"] == ["◇ voorbeeldstatus"]


def test_chart_has_no_example_legend_when_all_statuses_are_real(conn, editor):
    _set_all(conn, editor)
    rows, enc = _chart_data(plan_grafieken.progress_chart(voortgang.progress_by_theme(plan_status.action_states(conn, PLAN))))
    assert {r["soort"] for r in rows} == {plan_grafieken.SOORT_ECHT}
    assert enc["strokeDash"]["legend"] is None


# --- the briefing and the evaluation --------------------------------------------------------------------


def test_briefing_plan_section_slide_and_pdf_are_marked(conn, editor, briefing_input):
    sectie = bouwen.plan_section(plan_status.action_states(conn, PLAN))
    assert sectie.voorbeeld == 12 and sectie.illustratief
    assert [r.voorbeeld_lopend for r in sectie.rijen] == [1, 4, 3, 4]
    inp = briefing_input(sectie)
    assert inp.plan_illustratief and inp.illustratief
    slide = next(d for d in dias.slides(inp) if d.key == "plan")
    assert slide.illustratief and "Het verst" not in slide.samenvatting
    assert brieftekst.plan_voorbeeld(inp).startswith("De status van 12 van de 14 acties is een voorbeeld (◇)")
    assert list(inp.plan_tabel()["Waarvan voorbeeld (◇)"]) == [1, 4, 3, 4]
    rows, _ = _chart_data(briefgrafieken.plan_chart(inp))
    assert sum(r["acties"] for r in rows if r["soort"] == voortgang.VOORBEELDSTATUS) == 12


def test_briefing_plan_is_real_once_every_status_is_saved(conn, editor, briefing_input):
    _set_all(conn, editor)
    sectie = bouwen.plan_section(plan_status.action_states(conn, PLAN))
    inp = briefing_input(sectie)
    assert sectie.voorbeeld == 0 and not inp.plan_illustratief
    assert not next(d for d in dias.slides(inp) if d.key == "plan").illustratief
    assert "Waarvan voorbeeld (◇)" not in inp.plan_tabel()
    assert brieftekst.plan_voorbeeld(inp) == ""
    assert "Het verst is thema" in sectie.samenvatting


def test_evaluation_pdf_marks_example_statuses(conn, editor):
    ev = evaluatie.build(conn, PLAN, 2026, ())
    kop, rows, breedtes = evaluatie.status_rows(ev.per_thema)
    assert kop[-2] == "Waarvan voorbeeld (◇)" and [r[-2] for r in rows] == ["1", "4", "3", "4"]
    assert len(breedtes) == len(kop)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(evaluatie.to_pdf(ev, "Capelle"))).pages)
    assert "Bij 12 acties is de status een voorbeeld" in text.replace("\n", " ")
    _set_all(conn, editor)
    kop, rows, _ = evaluatie.status_rows(evaluatie.build(conn, PLAN, 2026, ()).per_thema)
    assert "Waarvan voorbeeld (◇)" not in kop and len(rows[0]) == len(kop)



def _plan_page(inp) -> str:
    pages = [p.extract_text().replace("\n", " ") for p in PdfReader(io.BytesIO(bp.build_pdf(inp).pdf)).pages]
    titel = pages[0]  # the title page's notice lists what is an example, the plan's statuses too
    assert ("de statussen van 12 acties van het plan" in titel) == inp.plan_illustratief
    return pages[1 + bp.section_titles(inp).index("Voortgang van het plan")]


def test_briefing_pdf_plan_page_carries_the_band_while_statuses_are_examples(conn, editor, briefing_input):
    page = _plan_page(briefing_input(bouwen.plan_section(plan_status.action_states(conn, PLAN))))
    assert page.startswith(bp.WATERMERK) and bp.WATERMERK_BAND in page
    assert br.PLAN_VOORBEELD_KOP in page and "De status van 12 van de 14 acties is een voorbeeld" in page
    assert "12 lopend (◇ voorbeeldstatus)" in page and "Het verst" not in page
    _set_all(conn, editor)
    page = _plan_page(briefing_input(bouwen.plan_section(plan_status.action_states(conn, PLAN))))
    assert bp.WATERMERK_BAND not in page and br.PLAN_VOORBEELD_KOP not in page
    assert "14 lopend" in page and "Het verst is thema" in page
