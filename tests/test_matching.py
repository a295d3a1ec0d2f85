"""Matching: hand-computed scores for small, made-up activities (see the weights in lib/matching.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lib.aanbod.catalogus import Activiteit, load_aanbod
from lib.personas.matching import Match, Profiel, Uitgesloten, afstand_km, match, score_activiteit

CENTRA = {"WK050206": (51.9375, 4.57187)}  # fixed centre of Schenkel, so distances are hand-checkable

BASE = Activiteit(
    id="a",
    naam="A",
    organisatie="Org",
    omschrijving="…",
    doelgroepen=("weduwen",),
    vormen=("emotioneel", "existentieel"),
    mechanismen=("ontmoeting",),
    levensgebeurtenissen=("verlies_partner",),
    thema=2,
    wijk="WK050206",
    locatie="Ergens in Schenkel",
    lat=51.9375,
    lon=4.57187,
    dagen=("di",),
    tijden="di",
    kosten_eur=0.0,
    kosten_toelichting="",
    toegankelijkheid=(),
    leeftijd_min=None,
    leeftijd_max=None,
    contact="",
    bewijs="goed_onderbouwd",
    bijgewerkt=dt.date(2026, 11, 27),
    status="lopend",
    illustratief=(),
)

RIET = Profiel(
    leeftijd=78,
    wijk="WK050206",
    doelgroepen=("ouderen", "weduwen"),
    vormen=("sociaal", "emotioneel"),
    levensgebeurtenissen=("verlies_partner",),
    drempels=("mobiliteit",),
    mechanismen=("ontmoeting",),
)


def act(**changes) -> Activiteit:
    return dataclasses.replace(BASE, **changes)


def test_full_fit_in_own_wijk():
    m = score_activiteit(RIET, BASE, CENTRA)
    assert isinstance(m, Match)
    # doelgroep 3 + one shared form 2 + life event 2 + mechanism 1 + own wijk 2 + goed onderbouwd 1 = 11
    assert m.onderdelen_dict == {
        "doelgroep": 3,
        "vormen": 2,
        "levensgebeurtenis": 2,
        "mechanisme": 1,
        "afstand": 2,
        "bewijs": 1,
    }
    assert m.score == 11 and m.goed and m.afstand_km == 0.0
    assert "past omdat het bedoeld is voor weduwen, weduwnaars en rouwenden" in m.match_reasons
    assert "past omdat het helpt bij emotionele eenzaamheid" in m.match_reasons
    assert "past omdat het in de eigen wijk is" in m.match_reasons
    assert m.waarschuwingen == ()


def test_two_shared_forms_count_twice():
    m = score_activiteit(RIET, act(vormen=("sociaal", "emotioneel")), CENTRA)
    assert m.onderdelen_dict["vormen"] == 4
    assert "past omdat het helpt bij sociale en emotionele eenzaamheid" in m.match_reasons


def test_far_away_with_mobility_barrier():
    # Schollevaar Noord point: 0.02 deg north (2.22 km) and 0.00719 deg east (0.49 km): about 2.3 km.
    far = act(
        doelgroepen=("iedereen",), vormen=("sociaal",), mechanismen=("praktisch",), levensgebeurtenissen=(),
        wijk="WK050208", lat=51.9575, lon=4.57906, bewijs="onbekend",
    )  # fmt: skip
    m = score_activiteit(RIET, far, CENTRA)
    # iedereen 1 + sociaal 2 + far with mobility -2 = 1
    assert m.onderdelen_dict == {"doelgroep": 1, "vormen": 2, "afstand": -2}
    assert m.score == 1 and not m.goed
    assert m.afstand_km == pytest.approx(2.3, abs=0.05)
    assert any(w.startswith("let op: ongeveer 2,3 km weg") for w in m.waarschuwingen)
    # With transport arranged the distance no longer counts against, and transport counts for.
    m2 = score_activiteit(RIET, dataclasses.replace(far, toegankelijkheid=("vervoer",)), CENTRA)
    assert m2.onderdelen_dict == {"doelgroep": 1, "vormen": 2, "mobiliteit": 1}
    assert m2.score == 4


def test_far_neighbourhood_activity_counts_against_everyone():
    buurt = act(thema=4, wijk="WK050208", lat=51.9575, lon=4.57906, bewijs="onbekend")
    young = Profiel(leeftijd=30, wijk="WK050206", doelgroepen=("weduwen",), vormen=("emotioneel",))
    m = score_activiteit(young, buurt, CENTRA)
    # doelgroep 3 + emotioneel 2 + neighbourhood activity elsewhere -2 = 3
    assert m.onderdelen_dict == {"doelgroep": 3, "vormen": 2, "afstand": -2}
    assert "buurtactiviteit in een andere wijk" in m.waarschuwingen[0]


def test_nearby_other_wijk_gets_one_point():
    near = act(wijk="WK050202", lat=51.9285, lon=4.57688, bewijs="onbekend")  # about 1.1 km south
    m = score_activiteit(RIET, near, CENTRA)
    assert m.onderdelen_dict["afstand"] == 1
    assert m.afstand_km == pytest.approx(1.06, abs=0.05)


@pytest.mark.parametrize(("kosten", "punten", "tekst"), [(0, 1, "gratis"), (3, -1, "€ 3"), (6.5, -3, "€ 6,50")])
def test_money_barrier(kosten, punten, tekst):
    profiel = dataclasses.replace(RIET, drempels=("geld",))
    m = score_activiteit(profiel, act(kosten_eur=kosten), CENTRA)
    assert m.onderdelen_dict["kosten"] == punten
    assert any(tekst in r for r in m.match_reasons + m.waarschuwingen)
    assert m.score == 11 + punten


def test_language_shame_and_home_barriers():
    profiel = dataclasses.replace(RIET, drempels=("taal", "schaamte", "mobiliteit"))
    plain = score_activiteit(profiel, act(), CENTRA)
    assert plain.onderdelen_dict["taal"] == -1 and "let op: vraagt redelijk Nederlands" in plain.waarschuwingen
    easy = score_activiteit(profiel, act(toegankelijkheid=("weinig_taal", "aan_huis", "anoniem")), CENTRA)
    assert easy.onderdelen_dict["taal"] == 1
    assert easy.onderdelen_dict["mobiliteit"] == 1
    assert easy.onderdelen_dict["schaamte"] == 1
    assert easy.score == 11 + 3


@pytest.mark.parametrize(
    ("changes", "profiel_changes", "reden"),
    [
        ({"leeftijd_max": 24}, {}, "tot en met 24 jaar"),
        ({"leeftijd_min": 80}, {}, "vanaf 80 jaar"),
        ({"doelgroepen": ("professionals",)}, {}, "professionals"),
        ({"toegankelijkheid": ("online_nodig",)}, {"drempels": ("digitaal",)}, "alleen online"),
        ({"doelgroepen": ("jongeren",), "levensgebeurtenissen": ()}, {}, "andere doelgroep"),
    ],
)
def test_exclusions(changes, profiel_changes, reden):
    result = score_activiteit(dataclasses.replace(RIET, **profiel_changes), act(**changes), CENTRA)
    assert isinstance(result, Uitgesloten)
    assert reden in result.reden


def test_other_group_with_shared_life_event_is_kept():
    m = score_activiteit(RIET, act(doelgroepen=("gescheiden",)), CENTRA)
    assert isinstance(m, Match) and "doelgroep" not in m.onderdelen_dict
    assert m.score == 11 - 3


def test_in_opbouw_penalised_and_never_counts_as_good_fit():
    m = score_activiteit(RIET, act(status="in_opbouw"), CENTRA)
    assert m.onderdelen_dict["status"] == -1 and m.score == 10
    assert not m.goed
    assert any("in opbouw" in w for w in m.waarschuwingen)


def test_evidence_levels():
    assert score_activiteit(RIET, act(bewijs="effectief"), CENTRA).onderdelen_dict["bewijs"] == 2
    assert "bewijs" not in score_activiteit(RIET, act(bewijs="goed_beschreven"), CENTRA).onderdelen_dict


def test_ranking_is_deterministic_and_gap_detected():
    acts = [
        act(id="b", naam="B"),  # 11, distance 0
        act(id="a2", naam="A", wijk="WK050202", lat=51.9285, lon=4.57688, bewijs="effectief"),  # 3+2+2+1+1+2=11, 1.1 km
        act(id="c", naam="C", bewijs="onbekend", mechanismen=("praktisch",)),  # 3+2+2+2 = 9
        act(id="d", naam="D", doelgroepen=("jongeren",), levensgebeurtenissen=()),  # excluded
    ]
    result = match(RIET, acts, CENTRA)
    assert [m.activiteit.id for m in result.matches] == ["b", "a2", "c"]
    assert [m.score for m in result.matches] == [11, 11, 9]
    assert [u.activiteit.id for u in result.uitgesloten] == ["d"]
    assert not result.tekort
    assert match(RIET, acts[:2], CENTRA).tekort  # only two good fits
    assert match(RIET, list(reversed(acts)), CENTRA) == result


def test_score_is_sum_of_parts_for_real_catalogue():
    catalogue = load_aanbod()
    result = match(RIET, catalogue, CENTRA)
    assert result.matches
    for m in result.matches:
        assert m.score == sum(p for _, p in m.onderdelen)
        assert m.match_reasons  # every kept activity says why


def test_haversine():
    assert afstand_km((52.0, 4.0), (52.0, 5.0)) == pytest.approx(68.5, abs=0.2)
    assert afstand_km((51.9, 4.5), (51.9, 4.5)) == 0
