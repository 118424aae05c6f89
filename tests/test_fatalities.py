"""Casualty figures: values, ranges, vague quantities, kinds, victims, qualifiers and sources."""

from __future__ import annotations

import pytest

from crosswire.extract.fatalities import acled_fatalities, find_fatality_claims, is_cumulative
from crosswire.models import FatalityClaim


def _claims(sentence: str, doc: object = None, **kw: bool) -> list[FatalityClaim]:
    return find_fatality_claims(sentence, 100, "story-1", doc=doc, **kw)


def _summary(sentence: str) -> list[tuple[int, int, int, str, str | None, str | None]]:
    return [(c.low, c.best, c.high, c.kind, c.victims, c.qualifier) for c in _claims(sentence)]


def test_killed_and_injured_figures_of_one_sentence() -> None:
    s = "An air raid on the market killed 17 Syrian civilians and injured over 40 others."
    assert _summary(s) == [
        (17, 17, 17, "killed", "civilians", None),
        (40, 40, 40, "injured", "people", "over"),
    ]


def test_passive_and_adjectival_figures() -> None:
    assert _summary("At least 11 soldiers were killed in the ambush.") == [
        (11, 11, 11, "killed", "soldiers", "at least")
    ]
    assert _summary("The shelling left nine people dead.") == [(9, 9, 9, "killed", "people", None)]


def test_number_words_ranges_and_vague_quantities() -> None:
    assert _summary("Four children died when the shell hit.") == [(4, 4, 4, "killed", "children", None)]
    assert _summary("Between 15 and 25 fighters were wounded.") == [
        (15, 20, 25, "injured", "fighters", "between")
    ]
    assert _summary("Clashes left 30 to 40 militants dead.") == [(30, 35, 40, "killed", "fighters", None)]
    assert _summary("The strike killed dozens of civilians.") == [
        (12, 12, 12, "killed", "civilians", "dozens of")
    ]
    assert _summary("The raid killed a dozen rebels.") == [(12, 12, 12, "killed", "fighters", None)]
    assert _summary("The blast claimed the lives of scores of recruits.")[0][:4] == (20, 20, 20, "killed")


def test_killing_and_wounding_gives_both_kinds() -> None:
    kinds = sorted(c.kind for c in _claims("A car bomb exploded, killing and wounding dozens of people."))
    assert kinds == ["injured", "killed"]


def test_a_death_toll_reaching_a_figure() -> None:
    s = "The death toll from the car bomb in the crowded square reached at least 48 people on Monday."
    assert _summary(s) == [(48, 48, 48, "killed", "people", "at least")]


def test_numbers_that_are_not_casualties_are_ignored() -> None:
    assert _claims("The rebels committed 50 violations of the truce in 24 hours.") == []
    assert _claims("They bought 20 missiles on September 12 for 25 thousand dollars.") == []
    assert _claims("Since 2014 the coalition has carried out raids.") == []


def test_subset_figures_are_not_the_total() -> None:
    claims = _claims("At least 30 people including 24 civilians were killed in the raids.")
    assert [(c.low, c.qualifier) for c in claims] == [(30, "at least"), (24, "including")]
    assert acled_fatalities(claims) == 30


def test_cumulative_war_tolls_are_not_event_figures() -> None:
    s = "More than 300,000 people have been killed in the conflict since 2011, a monitor said."
    assert is_cumulative(s)
    assert _claims(s) == []
    assert [c.low for c in _claims(s, include_cumulative=True)] == [300000]


def test_surface_sources_without_a_parse() -> None:
    s = "According to local medics, the strike killed 14 people."
    assert [c.source for c in _claims(s)] == ["local medics"]
    s = "A bomb killed eight people in the town, Syrian state television reported."
    assert [c.source for c in _claims(s)] == ["Syrian state television"]


def test_evidence_offsets_point_into_the_story() -> None:
    s = "Shelling killed at least seven civilians."
    (c,) = _claims(s)
    assert c.evidence is not None
    assert c.evidence.text == "at least seven civilians"
    assert c.evidence.start == 100 + s.index("at least")
    assert c.evidence.sentence == s and c.evidence.story_id == "story-1"


def test_acled_fatalities_is_the_most_conservative_killed_figure() -> None:
    claims = _claims("The monitor said 32 people were killed, the group said the blast killed 50 fighters.")
    assert sorted(c.low for c in claims) == [32, 50]
    assert acled_fatalities(claims) == 32
    assert acled_fatalities(_claims("Two soldiers were wounded.")) == 0
    assert acled_fatalities([]) == 0


@pytest.fixture(scope="module")
def parse() -> object:
    from crosswire.annotate import nlp

    return nlp()


def test_parsed_sources_follow_the_reporting_verb(parse: object) -> None:
    s = (
        "Late on Tuesday, the group claimed a bombing at the crossing that the Syrian Observatory for "
        "Human Rights said killed at least 21 people."
    )
    (c,) = _claims(s, doc=parse(s))  # type: ignore[operator]
    assert (c.low, c.source) == (21, "Syrian Observatory for Human Rights")
    s = "The group claimed responsibility in an online statement, saying the blast killed 40 soldiers."
    (c,) = _claims(s, doc=parse(s))  # type: ignore[operator]
    assert c.low == 40 and c.source is not None and c.source.endswith("(statement)")
