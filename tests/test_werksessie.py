"""Workshop personas: share links round-trip and reject tampering, editors save with author and date,
the gallery filters, and every life event says whether the plan names it."""

from __future__ import annotations

import base64
import json

import pytest

from lib.aanbod import begrippen
from lib.aanbod.begrippen import LEVENSGEBEURTENIS_IN_PLAN, LEVENSGEBEURTENISSEN, levensgebeurtenis_label
from lib.aanbod.catalogus import load_aanbod
from lib.cijfers.loaders import load_wijken
from lib.kern import auth, storage
from lib.kern.errors import DataFout, GeenToegang
from lib.personas import matching
from lib.personas import werksessie as ws
from lib.personas.persona import filter_personas, load_personas

WIJKEN = set(load_wijken()["wijk_code"])
NOOR = ws.WerkPersona(
    naam="Noor",
    leeftijd=14,
    wijk="WK050205",
    doelgroepen=("jongeren",),
    vormen=("sociaal", "emotioneel"),
    levensgebeurtenissen=("pesten", "overstap_vo"),
    drempels=("schaamte",),
    mechanismen=("ontmoeting",),
)


@pytest.fixture
def editor():
    stored = auth.hash_password("werksessie-wachtwoord", iterations=1000)
    token = auth.login("werksessie-wachtwoord", "Werk Redacteur", stored, throttle=auth.Throttle())
    yield token
    auth.logout(token)


def test_share_link_round_trips_and_is_url_safe():
    value = ws.encode(NOOR)
    assert set(value) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert ws.decode(value, WIJKEN) == NOOR
    assert ws.share_query(NOOR) == f"werksessie={value}"
    # Non-ASCII names survive too.
    zoe = ws.WerkPersona(naam="Zoë", leeftijd=16, wijk="WK050201", doelgroepen=("jongeren",))
    assert ws.decode(ws.encode(zoe), WIJKEN).naam == "Zoë"


def _link(raw: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("change", "veld", "fragment"),
    [
        ({"leeftijd": 300}, "leeftijd", "tussen 0 en 110"),
        ({"leeftijd": "14"}, "leeftijd", "geheel getal"),
        ({"wijk": "WK050299"}, "wijk", "Onbekende wijk"),
        ({"levensgebeurtenissen": ["ruzie"]}, "levensgebeurtenissen", "'ruzie'"),
        ({"vormen": "sociaal"}, "vormen", "lijst"),
        ({"wachtwoord": "x"}, "wachtwoord", "Onbekend veld"),
        ({"naam": "x" * 61}, "naam", "60"),
    ],
)
def test_tampered_link_names_the_field(change, veld, fragment):
    with pytest.raises(DataFout) as err:
        ws.decode(_link({**NOOR.as_dict(), **change}), WIJKEN)
    assert err.value.kolom == veld and fragment in str(err.value)


@pytest.mark.parametrize("value", ["", "!!!", "bm9nZWVu", "x" * 5000])
def test_broken_link_gives_a_dutch_message(value):
    with pytest.raises(DataFout, match="link"):
        ws.decode(value, WIJKEN)


def test_editor_saves_with_author_and_date_and_audit(tmp_path, editor):
    conn = storage.connect(tmp_path / "db.sqlite3")
    assert ws.saved(conn) == []
    opgeslagen = ws.save(conn, editor, NOOR)
    lijst = ws.saved(conn, WIJKEN)
    assert [(o.persona, o.auteur) for o in lijst] == [(NOOR, "Werk Redacteur")]
    assert lijst[0].aangemaakt == opgeslagen.aangemaakt and lijst[0].aangemaakt[:4].isdigit()
    trail = storage.audit_trail(conn, ws.TABEL, str(opgeslagen.id))
    # The shared password: the name given at login, marked as typed.
    assert trail[0]["door_label"] == "Werk Redacteur (getypte naam)" and "pesten" in trail[0]["nieuw"]
    # Newest first.
    ws.save(conn, editor, ws.WerkPersona(naam="Bram", leeftijd=70, wijk="WK050206", doelgroepen=("ouderen",)))
    assert [o.persona.naam for o in ws.saved(conn)] == ["Bram", "Noor"]


def test_saving_needs_an_editor_and_a_usable_persona(tmp_path, editor):
    conn = storage.connect(tmp_path / "db.sqlite3")
    with pytest.raises(GeenToegang):
        ws.save(conn, None, NOOR)
    auth.logout(editor)
    with pytest.raises(GeenToegang):
        ws.save(conn, editor, NOOR)
    assert ws.saved(conn) == []


@pytest.mark.parametrize(
    ("persona", "veld"),
    [
        (ws.WerkPersona(naam="", leeftijd=14, wijk="WK050205", doelgroepen=("jongeren",)), "naam"),
        (ws.WerkPersona(naam="Leeg", leeftijd=14, wijk="WK050205", vormen=("sociaal",)), "doelgroepen"),
    ],
)
def test_incomplete_persona_is_refused_and_nothing_is_stored(tmp_path, editor, persona, veld):
    conn = storage.connect(tmp_path / "db.sqlite3")
    with pytest.raises(DataFout) as err:
        ws.save(conn, editor, persona)
    assert err.value.kolom == veld
    assert ws.saved(conn) == [] and storage.audit_trail(conn, ws.TABEL, "1") == []


def _editor_named(naam: str) -> auth.Redacteur:
    stored = auth.hash_password("werksessie-wachtwoord", iterations=1000)
    return auth.login("werksessie-wachtwoord", naam, stored, throttle=auth.Throttle())


def test_an_author_name_longer_than_the_catalogue_holds_is_refused(tmp_path):
    # A provider's name claim (or a hand-edited accounts file) has no length limit of its own.
    conn = storage.connect(tmp_path / "db.sqlite3")
    te_lang = _editor_named("Anna " + "x" * (ws.MAX_AUTEUR - 4))
    assert len(te_lang.naam) == ws.MAX_AUTEUR + 1
    with pytest.raises(DataFout) as err:
        ws.save(conn, te_lang, NOOR)
    assert err.value.kolom == "auteur" and f"hooguit {ws.MAX_AUTEUR}" in str(err.value)
    assert ws.saved(conn) == [] and storage.audit_trail(conn, ws.TABEL, "1") == []
    precies = _editor_named("Anna " + "x" * (ws.MAX_AUTEUR - 5))
    assert ws.save(conn, precies, NOOR).auteur == precies.naam
    assert [o.auteur for o in ws.saved(conn)] == [precies.naam]
    auth.logout(te_lang)
    auth.logout(precies)


def test_a_stored_row_that_no_longer_validates_is_skipped(tmp_path, editor):
    conn = storage.connect(tmp_path / "db.sqlite3")
    ws.save(conn, editor, NOOR)
    with storage.transaction(conn):
        conn.execute("UPDATE werksessie_personas SET inhoud = ?", (json.dumps({**NOOR.as_dict(), "wijk": "WK999"}),))
    assert ws.saved(conn, WIJKEN) == []


def test_filter_by_theme_group_and_wijk():
    personas = load_personas(wijk_codes=WIJKEN)
    thema3 = filter_personas(personas, thema=3)
    assert thema3 and all(3 in p.themas for p in thema3)
    assert len(thema3) < len(personas)
    assert {p.id for p in thema3} == {p.id for p in personas if 3 in p.themas}
    jong_zuid = filter_personas(personas, doelgroep="jongeren", wijk="WK050204")
    assert [p.id for p in jong_zuid] == [p.id for p in personas if "jongeren" in p.doelgroepen and p.wijk == "WK050204"]
    assert filter_personas(personas) == personas


def test_every_life_event_says_whether_the_plan_names_it():
    assert set(LEVENSGEBEURTENIS_IN_PLAN) == set(LEVENSGEBEURTENISSEN)
    for sleutel in ("pesten", "overstap_vo", "baanverlies", "scheiding"):
        assert sleutel in LEVENSGEBEURTENISSEN
    assert LEVENSGEBEURTENIS_IN_PLAN["scheiding"] and not LEVENSGEBEURTENIS_IN_PLAN["pesten"]
    assert levensgebeurtenis_label("pesten").endswith("(toevoeging dashboard)")
    assert levensgebeurtenis_label("scheiding") == LEVENSGEBEURTENISSEN["scheiding"]
    # Never marked twice, whatever the label above already says.
    assert all(levensgebeurtenis_label(k).count("toevoeging") <= 1 for k in LEVENSGEBEURTENISSEN)


def test_life_event_labels_have_one_home_and_the_exports_use_it():
    """The mark comes only from levensgebeurtenis_label: the vocabulary holds plain names, additions are
    marked the same way on screen, in the Markdown report and in the CSV's reasons."""
    assert not [k for k, v in LEVENSGEBEURTENISSEN.items() if "toevoeging" in v]
    toegevoegd = {k for k, v in LEVENSGEBEURTENIS_IN_PLAN.items() if not v}
    assert toegevoegd == {"verhuizing", "migratie", "pesten", "overstap_vo", "baanverlies"}
    assert toegevoegd <= begrippen.NIET_IN_PLAN
    for k in LEVENSGEBEURTENISSEN:
        assert levensgebeurtenis_label(k).endswith("(toevoeging dashboard)") == (k in toegevoegd)

    alle = tuple(LEVENSGEBEURTENISSEN)
    profiel = matching.Profiel(leeftijd=40, wijk="WK050207", doelgroepen=("iedereen",), levensgebeurtenissen=alle)
    resultaat = matching.match(profiel, load_aanbod())
    md = matching.export_markdown("Test", profiel, resultaat, top=100)
    regel = next(r for r in md.splitlines() if r.startswith("- **Levensgebeurtenissen**"))
    assert regel == "- **Levensgebeurtenissen**: " + ", ".join(levensgebeurtenis_label(k) for k in alle)
    assert "Gepest worden (toevoeging dashboard)" in regel and "Echtscheiding," in regel
    redenen = [r for m in resultaat.matches for r in m.match_reasons if "aansluit bij" in r]
    assert redenen, "no activity matched a life event"
    for reden in redenen:
        for k in alle:
            naam = LEVENSGEBEURTENISSEN[k].lower()
            if naam in reden.lower():
                assert (naam + " (toevoeging dashboard)" in reden.lower()) == (k in toegevoegd), reden
    csv = matching.matches_frame(resultaat)
    assert set(redenen) <= {r for w in csv["waarom"] for r in w.split("; ")}
