"""Personas: the shipped ones are valid and cover the plan's groups; bad files give clear errors."""

from __future__ import annotations

import shutil

import pytest
import yaml

from lib.aanbod.catalogus import load_aanbod, wijk_centra
from lib.cijfers.loaders import load_wijk_geojson, load_wijken
from lib.kern.config import PERSONA_DIR
from lib.kern.errors import DataFout
from lib.personas.matching import match
from lib.personas.persona import load_persona, load_personas, parse_persona

WIJKEN = set(load_wijken()["wijk_code"])


@pytest.fixture(scope="module")
def personas():
    return load_personas(wijk_codes=WIJKEN)


def test_shipped_personas_cover_the_plans_groups(personas):
    assert len(personas) == 7
    # Theme 3 is about young people of 12-24: at least one scholier of 12-17 with a school-age life event.
    assert any(
        12 <= p.leeftijd <= 17 and 3 in p.themas and {"pesten", "overstap_vo"} & set(p.levensgebeurtenissen)
        for p in personas
    )
    by_id = {p.id: p for p in personas}
    assert any(16 <= p.leeftijd <= 23 and "jongeren" in p.doelgroepen for p in personas)
    assert any(p.leeftijd > 75 and "verlies_partner" in p.levensgebeurtenissen for p in personas)
    assert any("scheiding" in p.levensgebeurtenissen for p in personas)
    assert any("gezondheid" in p.doelgroepen for p in personas)
    assert any("migranten" in p.doelgroepen and "taal" in p.drempels for p in personas)
    assert any("nieuwe_bewoners" in p.doelgroepen for p in personas)
    assert {v for p in personas for v in p.vormen} == {"sociaal", "emotioneel", "existentieel"}
    assert by_id["riet"].signaleerders[0].wat_te_doen  # every signaleerder has an action
    assert [p.leeftijd for p in personas] == sorted(p.leeftijd for p in personas)


def test_every_persona_gets_matches_with_reasons(personas):
    catalogue = load_aanbod()
    centra = wijk_centra(load_wijk_geojson())
    for p in personas:
        result = match(p.profiel(), catalogue, centra)
        assert len(result.matches) >= 3, p.id
        assert all(m.match_reasons for m in result.matches[:3]), p.id


def raw(name: str = "riet") -> dict:
    return yaml.safe_load((PERSONA_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("changes", "veld", "fragment"),
    [
        ({"naam": None}, "naam", "ontbreekt"),
        ({"leeftijd": "oud"}, "leeftijd", "geheel getal"),
        ({"leeftijd": 140}, "leeftijd", "tussen"),
        ({"wijk": "WK050299"}, "wijk", "Onbekende wijk"),
        ({"vormen": ["verdriet"]}, "vormen", "verdriet"),
        ({"vormen": []}, "vormen", "leeg"),
        ({"themas": [7]}, "themas", "'7'"),
        ({"drempels": ["trap"]}, "drempels", "trap"),
        ({"signaleerders": [{"wie": "postbode", "signaal": "x"}]}, "signaleerders", "postbode"),
        ({"signaleerders": [{"wie": "buren"}]}, "signaleerders", "signaal"),
        ({"hobby": "breien"}, "hobby", "Onbekend veld"),
        ({"risicofactoren": "alleen"}, "risicofactoren", "lijst"),
    ],
)
def test_bad_persona_names_file_persona_and_field(changes, veld, fragment):
    data = {**raw(), **changes}
    with pytest.raises(DataFout) as err:
        parse_persona(data, "riet.yaml", WIJKEN, expected_id="riet")
    assert err.value.bestand == "riet.yaml" and err.value.kolom == veld
    assert fragment in str(err.value) and "riet" in str(err.value)


def test_id_must_match_file_name(tmp_path):
    path = tmp_path / "oma.yaml"
    path.write_text(yaml.safe_dump(raw()), encoding="utf-8")
    with pytest.raises(DataFout, match="bestandsnaam"):
        load_persona(path)


def test_one_more_persona_works_by_dropping_in_a_file(tmp_path):
    folder = tmp_path / "personas"
    shutil.copytree(PERSONA_DIR, folder)
    seventh = {**raw("lotte"), "id": "kees", "naam": "Kees", "leeftijd": 67, "levensgebeurtenissen": ["pensioen"]}
    (folder / "kees.yaml").write_text(yaml.safe_dump(seventh, allow_unicode=True), encoding="utf-8")
    personas = load_personas(folder, WIJKEN)
    assert len(personas) == len(load_personas(PERSONA_DIR, WIJKEN)) + 1 and "kees" in {p.id for p in personas}


def test_broken_file_in_folder_is_named(tmp_path):
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "kapot.yaml").write_text("id: kapot\nnaam: [\n", encoding="utf-8")
    with pytest.raises(DataFout) as err:
        load_personas(folder)
    assert err.value.bestand == "kapot.yaml"


def test_empty_folder(tmp_path):
    with pytest.raises(DataFout, match="Geen persona"):
        load_personas(tmp_path)
