"""/plan under AppTest: the timeline, the indicators and the evaluation export; editors record through forms."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from lib.kern import auth, storage
from lib.plan import evaluatie, tijdlijn
from lib.plan import indicatoren as ind
from lib.plan.lezen import load_plan
from tests.pagetest import run_page


@pytest.fixture
def editor():
    stored = auth.hash_password("pagina-wachtwoord", iterations=1000)
    token = auth.login("pagina-wachtwoord", "Pagina Redacteur", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


def test_view_mode_shows_timeline_indicators_and_evaluation_without_forms():
    at = run_page("views/plan.py")
    assert not at.exception
    koppen = [s.value for s in at.subheader]
    assert {"Het plan door de tijd", "Indicatoren per resultaat", "Evaluatie per jaar"} <= set(koppen)
    tijdlijn_tabel = next(d.value for d in at.dataframe if "Gebeurtenis" in d.value.columns)
    assert list(tijdlijn_tabel["Wanneer"]) == ["17-09-2018", "2019", "2020", "2021", "2022"]
    indicatoren = next(d.value for d in at.dataframe if "Streefwaarde" in d.value.columns)
    assert len(indicatoren) == 16 and indicatoren["Streefwaarde"].str.endswith("(voorbeeld)").all()
    assert (indicatoren["Gemeten"] == "nog niet gemeten").all()
    assert any("streefwaarden zijn **voorbeelden**" in c.value for c in at.caption)
    assert not [b for b in at.button if b.label in ("Gebeurtenis opslaan", "Meting opslaan")]
    assert at.selectbox(key="evaluatie_jaar").value == dt.date.today().year


def test_editor_records_event_and_measurement_and_the_evaluation_shows_them(editor):
    at = run_page("views/plan.py", session={"redacteur": editor})
    at.selectbox(key="tl_soort").set_value("actie_gestart")
    at.selectbox(key="tl_actie").set_value("3.4")
    at.text_area(key="tl_omschrijving").set_value("Eerste maatjes op pad")
    next(b for b in at.button if b.label == "Gebeurtenis opslaan").click()
    at.run()
    assert not at.exception and not [e for e in at.error if "Niet opgeslagen" in e.value]
    assert any("Gebeurtenis van" in s.value for s in at.success)
    # the rendered timeline on /plan shows the new event (not only the database)
    lijn_op_pagina = next(d.value for d in at.dataframe if "Gebeurtenis" in d.value.columns)
    assert lijn_op_pagina["Gebeurtenis"].str.contains("Eerste maatjes op pad", regex=False).any()

    at.selectbox(key="mt_indicator").set_value("maatjes-gekoppeld")
    at.number_input(key="mt_waarde").set_value(18)
    at.text_input(key="mt_bron").set_value("Registratie jongerenwerk")
    next(b for b in at.button if b.label == "Meting opslaan").click()
    at.run()
    assert not at.exception and not [e for e in at.error if "Niet opgeslagen" in e.value]

    conn = storage.connect()
    lijn = tijdlijn.timeline(conn, load_plan())
    assert "Eerste maatjes op pad" in lijn.iloc[-1]["titel"]
    row = ind.progress(conn, ind.load_indicatoren()).set_index("indicator_id").loc["maatjes-gekoppeld"]
    assert (row["waarde"], row["bron"], row["door"]) == (18.0, "Registratie jongerenwerk", "Pagina Redacteur")

    tabel = next(d.value for d in at.dataframe if "Streefwaarde" in d.value.columns).set_index("Resultaat")
    assert tabel.loc["3.d", "Gemeten"] == "18" and tabel.loc["3.d", "Voortgang"] == pytest.approx(45.0)
    pdf = next(b for b in at.get("download_button") if "evaluatie" in str(b.proto.label).lower())
    assert pdf is not None
    # The export of this year carries both (built by the same function the button uses).
    ev = evaluatie.build(conn, load_plan(), dt.date.today().year, ind.load_indicatoren())
    tekst = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(evaluatie.to_pdf(ev, "Capelle"))).pages).split()
    )
    assert "Eerste maatjes op pad" in tekst and "Registratie jongerenwerk" in tekst


def test_bad_measurement_gives_a_dutch_error_and_nothing_is_stored(editor):
    at = run_page("views/plan.py", session={"redacteur": editor})
    at.number_input(key="mt_waarde").set_value(5)
    next(b for b in at.button if b.label == "Meting opslaan").click()  # no source given
    at.run()
    assert any("Niet opgeslagen: Vul de bron in" in e.value for e in at.error)
    assert ind.measurements(storage.connect()).empty
