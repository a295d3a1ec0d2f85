"""The Persona's page under AppTest: theme filter, theme on the cards, cards row by row, share link, saving,
and the workshop form kept through a login, a logout and a visit to another page."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from lib.kern import accounts, auth, storage
from lib.personas import werksessie as ws
from lib.personas.persona import load_personas
from lib.plan.themas import THEMAS
from tests.pagetest import run_page, run_page_met_login

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

NOOR = ws.WerkPersona(
    naam="Noor", leeftijd=14, wijk="WK050205", doelgroepen=("jongeren",), levensgebeurtenissen=("pesten",)
)
NOOR_VOL = ws.WerkPersona(  # every choice of the form differs from its default
    naam="Noor",
    leeftijd=14,
    wijk="WK050205",
    doelgroepen=("jongeren", "migranten"),
    vormen=("emotioneel", "sociaal"),
    levensgebeurtenissen=("pesten", "overstap_vo"),
    drempels=("schaamte", "digitaal"),
    mechanismen=("ontmoeting", "zingeving"),
)


@pytest.fixture
def editor():
    stored = auth.hash_password("pagina-wachtwoord", iterations=1000)
    token = auth.login("pagina-wachtwoord", "Pagina Redacteur", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


def card_titles(at) -> list[str]:
    return [m.value for m in at.markdown if re.fullmatch(r"#### .+, \d+", m.value)]


def test_theme_filter_narrows_the_gallery_and_cards_show_their_theme():
    at = run_page("views/personas.py")
    assert not at.exception
    alle = card_titles(at)
    assert len(alle) == 7
    assert any(":violet-badge[Thema 3: " in m.value for m in at.markdown)
    at.selectbox(key="pf_thema").set_value(3).run()
    thema3 = card_titles(at)
    assert "#### Jayden, 13" in thema3 and "#### Daan, 19" in thema3 and len(thema3) < len(alle)
    assert at.query_params["thema"] == ["3"] or at.query_params["thema"] == "3"


def test_every_card_carries_its_theme_badges():
    at = run_page("views/personas.py")
    waarden = [m.value for m in at.markdown]
    titels = [i for i, v in enumerate(waarden) if re.fullmatch(r"#### .+, \d+", v)]
    assert len(titels) == len(load_personas()) == 7
    per_naam = {f"#### {p.naam}, {p.leeftijd}": p for p in load_personas()}
    for i in titels:
        persona = per_naam[waarden[i]]
        assert persona.themas, persona.id
        badges = waarden[i + 1]  # the markdown right under the card's title
        assert badges == " ".join(f":violet-badge[Thema {n}: {THEMAS[n].naam}]" for n in persona.themas)


def test_risk_group_and_wijk_filters_narrow_the_gallery():
    at = run_page("views/personas.py")
    at.selectbox(key="pf_groep").set_value("jongeren").run()
    assert not at.exception
    assert sorted(card_titles(at)) == ["#### Daan, 19", "#### Jayden, 13"]
    at.selectbox(key="pf_wijk").set_value("WK050204").run()
    assert card_titles(at) == ["#### Jayden, 13"]
    assert any("1 van de 7 persona's passen" in c.value for c in at.caption)


def test_theme_deep_link_preselects_the_filter():
    at = run_page("views/personas.py", query={"thema": "3"})
    assert at.selectbox(key="pf_thema").value == 3
    assert "#### Riet, 78" not in card_titles(at)


def test_match_cards_are_numbered_row_by_row():
    at = run_page("views/personas.py", query={"persona": "jayden"})
    assert not at.exception
    # The first block of columns holds cards 1 and 2, the next 3 and 4: read along the rows.
    koppen = [re.fullmatch(r"\*\*(\d+)\. [^*]+\*\*", m.value) for m in at.markdown]
    nummers = [k.group(1) for k in koppen if k]
    assert nummers[:6] == ["1", "2", "3", "4", "5", "6"]


def test_share_link_fills_the_workshop_form():
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR)})
    assert not at.exception
    assert at.text_input(key="ws_naam").value == "Noor"
    assert at.number_input(key="ws_leeftijd").value == 14
    assert at.multiselect(key="ws_events").value == ["pesten"]
    assert any("werksessie=" in c.value for c in at.code)


def test_share_link_restores_every_choice():
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR_VOL)})
    assert not at.exception
    assert at.text_input(key="ws_naam").value == "Noor"
    assert at.number_input(key="ws_leeftijd").value == 14
    assert at.selectbox(key="ws_wijk").value == "WK050205"
    assert at.multiselect(key="ws_doelgroepen").value == ["jongeren", "migranten"]
    assert at.multiselect(key="ws_events").value == ["pesten", "overstap_vo"]
    for key, waarde in (
        ("ws_vormen", NOOR_VOL.vormen),
        ("ws_drempels", NOOR_VOL.drempels),
        ("ws_mech", NOOR_VOL.mechanismen),
    ):
        pills = next(w for w in at.get("button_group") if w.key == key)
        assert sorted(pills.value) == sorted(waarde), key
    # and what the page shares again is the same persona
    link = next(c.value for c in at.code if "werksessie=" in c.value)
    assert ws.decode(link.split("werksessie=")[1].split("&")[0]) == NOOR_VOL


def test_broken_share_link_gives_a_message_and_the_page_works():
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: "kapot!!"})
    assert not at.exception
    assert any("kon niet worden geopend" in w.value for w in at.warning)


def test_editor_saves_a_workshop_persona_and_it_is_listed_apart(editor):
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR)}, session={"redacteur": editor})
    at.text_input(key="ws_naam").set_value("Noor uit de werksessie")
    at.run()
    next(b for b in at.button if b.label == "Opslaan in de catalogus").click()
    at.run()
    assert not at.exception and not [e for e in at.error if "Niet opgeslagen" in e.value]
    assert any("is opgeslagen in de catalogus" in s.value for s in at.success)
    [opgeslagen] = ws.saved(storage.connect())
    assert opgeslagen.persona.naam == "Noor uit de werksessie" and opgeslagen.auteur == "Pagina Redacteur"

    view = run_page("views/personas.py")
    assert any(m.value.startswith("**Noor uit de werksessie, 14**") for m in view.markdown)
    # the card says who made it and on which day (today, Dutch local time)
    kaart = next(c.value for c in view.caption if "gemaakt door Pagina Redacteur op " in c.value)
    datum = re.search(r"gemaakt door Pagina Redacteur op (\d\d-\d\d-\d{4}) \d\d:\d\d", kaart)
    assert datum, kaart
    assert dt.datetime.strptime(datum.group(1), "%d-%m-%Y").date() == dt.datetime.now(AMSTERDAM).date()
    assert "#### Noor uit de werksessie, 14" not in card_titles(view)  # not among the shipped ones


def test_view_mode_has_no_save_button():
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR)})
    assert not [b for b in at.button if b.label == "Opslaan in de catalogus"]
    assert any("redacteursmodus" in c.value for c in at.caption)


# --- the workshop form keeps what the group typed ------------------------------------------------

PASSWORD = "werksessie-lokaal-wachtwoord"
# NOOR from the link, as the group changed it afterwards: name, age, wijk, a risk group and two pill rows.
NOOR_BEWERKT = ws.WerkPersona(
    naam="Noor, na de tweede ronde",
    leeftijd=15,
    wijk="WK050201",
    doelgroepen=("jongeren", "migranten"),
    vormen=("sociaal",),
    levensgebeurtenissen=("pesten",),
    drempels=("schaamte",),
    mechanismen=("ontmoeting",),
)


def _pills(at, key: str):
    return next(w for w in at.get("button_group") if w.key == key)


def _bewerk(at) -> None:
    """Change the form the way a workshop group does after opening the link."""
    at.text_input(key="ws_naam").set_value(NOOR_BEWERKT.naam)
    at.number_input(key="ws_leeftijd").set_value(NOOR_BEWERKT.leeftijd)
    at.selectbox(key="ws_wijk").set_value(NOOR_BEWERKT.wijk)
    at.multiselect(key="ws_doelgroepen").set_value(list(NOOR_BEWERKT.doelgroepen))
    _pills(at, "ws_vormen").set_value(list(NOOR_BEWERKT.vormen))
    _pills(at, "ws_drempels").set_value(list(NOOR_BEWERKT.drempels))
    _pills(at, "ws_mech").set_value(list(NOOR_BEWERKT.mechanismen))
    at.run()


def _formulier(at) -> ws.WerkPersona:
    """What the form holds now, every field, read back from the share link the page shows for it."""
    assert not at.exception
    link = next(c.value for c in at.code if "werksessie=" in c.value)
    return ws.decode(link.split("werksessie=")[1].split("&")[0])


def _lokaal_inloggen(at, naam: str, wachtwoord: str):
    velden = {t.label: t for t in at.sidebar.text_input}
    velden["Naam van uw account"].input(naam)
    velden["Wachtwoord"].input(wachtwoord)
    next(b for b in at.sidebar.get("form_submit_button") if b.label == "Inloggen").click()
    return at.run()


def test_workshop_edits_survive_a_local_login_and_logout():
    accounts.add_account("Anna Jansen", PASSWORD, iterations=1000)
    at = run_page_met_login("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR)})
    assert _formulier(at) == NOOR
    _bewerk(at)
    assert _formulier(at) == NOOR_BEWERKT

    _lokaal_inloggen(at, "Anna Jansen", PASSWORD)
    assert any("Ingelogd als Anna Jansen, lokaal account" in s.value for s in at.sidebar.success)
    assert [b.label for b in at.button if b.label == "Opslaan in de catalogus"]  # now in editor mode
    assert _formulier(at) == NOOR_BEWERKT  # not emptied, not back to the link's persona

    next(b for b in at.sidebar.button if b.label == "Uitloggen").click().run()
    assert "redacteur" not in at.session_state
    assert _formulier(at) == NOOR_BEWERKT


def test_workshop_edits_survive_a_visit_to_another_page():
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR)})
    _bewerk(at)
    at.switch_page("views/aanbod.py").run()
    assert not at.exception
    at.switch_page("views/personas.py").run()
    assert _formulier(at) == NOOR_BEWERKT


def test_a_new_share_link_still_loads_over_the_edits():
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR)})
    _bewerk(at)
    at.query_params[ws.QUERY_PARAM] = ws.encode(NOOR_VOL)
    at.run()
    assert _formulier(at) == NOOR_VOL
    # The same link again (a rerun keeps it in the address) leaves later edits alone.
    at.text_input(key="ws_naam").set_value("Noor, bijgewerkt").run()
    assert _formulier(at).naam == "Noor, bijgewerkt"


def test_with_the_organisation_login_the_workshop_says_to_copy_the_link_first():
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR)})
    assert not [w for w in at.warning if "organisatieaccount" in w.value]  # no provider: no such note
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "geheim",
        "client_id": "meer-samen",
        "client_secret": "geheim",
        "server_metadata_url": "https://login.example/.well-known/openid-configuration",
    }
    at.run()
    [melding] = [w.value for w in at.warning if "organisatieaccount" in w.value]
    assert "Kopieer daarom eerst de deellink" in melding and "startpagina" in melding
    assert _formulier(at) == NOOR


def test_a_refused_save_keeps_the_form_and_names_the_field():
    stored = auth.hash_password("pagina-wachtwoord", iterations=1000)
    te_lang = auth.login("pagina-wachtwoord", "R" * (ws.MAX_AUTEUR + 1), stored, throttle=auth.Throttle())
    at = run_page("views/personas.py", query={ws.QUERY_PARAM: ws.encode(NOOR)}, session={"redacteur": te_lang})
    _bewerk(at)
    next(b for b in at.button if b.label == "Opslaan in de catalogus").click()
    at.run()
    [fout] = [e.value for e in at.error if "Niet opgeslagen" in e.value]
    assert "kolom 'auteur'" in fout
    assert ws.saved(storage.connect()) == []
    assert _formulier(at) == NOOR_BEWERKT
    auth.logout(te_lang)
