"""An event's own sentence: one incident or a round-up of several, and the parts of a city it names."""

from __future__ import annotations

import pytest

from crosswire.link.scope import PERIOD, PLACES, Scope, roundup_kind, scope_of, share_a_subplace, subplaces

ALEPPO = {"name": "Aleppo", "admin1": "Aleppo"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Regime air strikes have killed 45 people in Aleppo over the past 24 hours, the monitor said.",
        "The White Helmets said 38 people had been killed in three days of bombardment on the town.",
        "Rebels used nine car bombs against army lines during the week, a war monitor said.",
        "The Observatory has documented daily shelling of the town since early March.",
    ],
)
def test_a_sentence_counting_a_span_of_days_is_a_period_roundup(sentence: str) -> None:
    assert roundup_kind(sentence) == PERIOD


@pytest.mark.parametrize(
    "sentence",
    [
        "Shells and explosive devices killed five people in Homs, Hama and Latakia on Friday.",
        "Gunmen carried out fresh attacks on checkpoints across the country on Sunday, killing nine.",
        "Rocket attacks on the neighbourhoods of Salaheddin, al-Midan and Sulaymaniyah wounded 20 people.",
        # strikes spread over a city's parts or a province
        "Rescuers said warplanes hit neighbourhoods across the besieged eastern half of the city overnight.",
        "At least 15 people were killed in air raids throughout rebel-held Hama countryside on Saturday.",
    ],
)
def test_a_sentence_putting_one_count_over_several_places_is_a_places_roundup(sentence: str) -> None:
    assert roundup_kind(sentence) == PLACES


@pytest.mark.parametrize(
    "sentence",
    [
        "Warplanes struck a crowded market in Aleppo on Tuesday, killing 12 people.",
        "An air strike on a hospital in Idlib last week killed six people.",  # dates one incident
        "Earlier this week a chemical attack hit the town of Khan Sheikhoun.",
        "The dead were mostly residents of the villages of Nubl and Zahraa, the monitor said.",  # where from
        "More than a dozen air strikes hit rebel-held districts of east Aleppo overnight.",  # parts unnamed
        "Smugglers moved fighters across the border into the town of Azaz.",  # across, but no spread of strikes
        # the period belongs to a running total, not to the sentence's own strike
        "Air strikes killed 12 civilians in Aleppo on Monday, bringing to 45 the number killed in 24 hours.",
    ],
)
def test_a_sentence_about_one_incident_is_no_roundup(sentence: str) -> None:
    assert roundup_kind(sentence) is None


def test_the_parts_of_a_city_a_sentence_names_are_found_but_not_the_city_or_a_region() -> None:
    assert subplaces("Rebel shells hit the Sheikh Maqsoud neighbourhood of Aleppo, killing four.", ALEPPO) == {
        "shak maksud"
    }
    assert subplaces("On Monday barrel bombs fell on the Aleppo district of Marjeh.", ALEPPO) == {"marj"}
    assert subplaces("Shells fired by militants hit al-Midan neighbourhood, wounding three.", ALEPPO) == {"madan"}
    assert subplaces("Warplanes pounded the Eastern Ghouta district overnight.", ALEPPO) == frozenset()
    assert subplaces("Shells fell on the Jebel Saman district, the governor said.", ALEPPO) == frozenset()
    assert subplaces("Warplanes struck a crowded market in Aleppo on Tuesday.", ALEPPO) == frozenset()


def test_a_place_the_gazetteer_holds_as_a_neighbourhood_is_a_part_of_the_city() -> None:
    place = {"name": "New Aleppo", "admin1": "Aleppo", "gazetteer_id": "crosswire:alp-new-aleppo"}
    assert subplaces("Two civilians were killed by rocket shells on Monday.", place) == {"naw alapu"}


def test_one_part_of_a_city_is_shared_in_another_spelling_or_inside_a_list() -> None:
    midan = scope_of("Mortar rounds hit the al-Midan district, wounding three.", ALEPPO)
    maidan = scope_of("Three people were wounded when shells hit Midan neighbourhood.", ALEPPO)
    listed = Scope(PLACES, frozenset({"madan sulaman salahadan"}))
    sukkari = scope_of("Barrel bombs hit the Sukkari neighbourhood on Monday.", ALEPPO)
    assert share_a_subplace(midan, maidan)
    assert share_a_subplace(midan, listed)
    assert not share_a_subplace(midan, sukkari)
