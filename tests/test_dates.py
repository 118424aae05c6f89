"""Event dates: relative expressions against the publication date, absolute dates without one."""

from __future__ import annotations

import pytest

from crosswire.clean import resolve_date
from crosswire.extract import dates
from crosswire.extract.dates import dateline_date, find_dates, publication_date, resolve_event_date
from crosswire.models import DateInfo

# Wednesday 2016-08-17
PUB = DateInfo("2016-08-17", "header", 1.0)
NO_PUB = DateInfo(None, "none", 0.0)


def _resolve(sentence: str, published: DateInfo = PUB, anchor: int | None = None) -> tuple[str | None, int]:
    iso, precision, _ = resolve_event_date(sentence, 0, published, "s1", sentence, anchor)
    return iso, precision


def test_weekday_is_the_most_recent_on_or_before_publication() -> None:
    assert _resolve("Gunmen attacked a checkpoint on Tuesday.") == ("2016-08-16", 1)
    assert _resolve("Gunmen attacked a checkpoint on Wednesday.") == ("2016-08-17", 1)
    assert _resolve("Late on Thursday, a car bomb went off.") == ("2016-08-11", 1)
    assert _resolve("Earlier on Monday, the town was shelled.") == ("2016-08-15", 1)


def test_last_weekday_on_the_same_weekday_is_a_week_back() -> None:
    assert _resolve("Jets struck the bakery last Wednesday.") == ("2016-08-10", 1)
    assert _resolve("Jets struck the bakery last Sunday.") == ("2016-08-14", 1)


def test_next_weekday_is_not_an_event_date() -> None:
    assert _resolve("Talks will resume next Friday in Geneva.") == (None, 3)


def test_yesterday_today_and_days_ago() -> None:
    assert _resolve("Two mortars hit the market yesterday.") == ("2016-08-16", 1)
    assert _resolve("Clashes broke out today near the airport.") == ("2016-08-17", 1)
    assert _resolve("The convoy was ambushed three days ago.") == ("2016-08-14", 1)


def test_a_day_earlier_is_relative_to_the_date_just_mentioned() -> None:
    found = find_dates("Troops retook the hill on Monday, a day earlier they had lost it.", PUB)
    assert [(d.text, d.iso) for d in found] == [("Monday", "2016-08-15"), ("a day earlier", "2016-08-14")]


def test_month_day_takes_the_publication_year_unless_that_is_in_the_future() -> None:
    assert _resolve("On August 3, the report was published.") == ("2016-08-03", 1)
    assert _resolve("On October 24, the report was published.") == ("2015-10-24", 1)
    assert _resolve("The truce began on 9 August.") == ("2016-08-09", 1)


def test_month_and_year_are_month_precision() -> None:
    assert _resolve("Barrels were dropped on the village in April 2014.") == ("2014-04-15", 3)
    assert _resolve("Barrels were dropped on the village in April 2014.", NO_PUB) == ("2014-04-15", 3)


def test_week_and_year_spans() -> None:
    assert _resolve("The bridge was destroyed last week.") == ("2016-08-10", 2)
    assert _resolve("The town fell two years ago.") == ("2014-08-17", 3)


def test_full_dates_resolve_without_a_publication_date() -> None:
    assert _resolve("The attack happened on 16 April 2017 at dawn.", NO_PUB) == ("2017-04-16", 1)
    assert _resolve("The attack happened on April 16, 2017.", NO_PUB) == ("2017-04-16", 1)
    assert _resolve("Shelling on Sunday killed four.", NO_PUB) == (None, 3)


def test_the_date_nearest_the_trigger_wins() -> None:
    s = "A report on Monday said the market was bombed on Saturday."
    iso, _ = _resolve(s, anchor=s.index("bombed"))
    assert iso == "2016-08-13"


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Rebels may 3 times have tried.", PUB) == []


def test_evidence_points_into_the_story() -> None:
    story = "Header line. Jets struck the bakery on Sunday."
    start = story.index("Jets")
    iso, precision, ev = resolve_event_date(story[start:], start, PUB, "s9", story)
    assert iso == "2016-08-14" and precision == 1
    assert ev is not None and story[ev.start : ev.end] == "Sunday" and ev.story_id == "s9"


def test_dateline_gives_a_publication_date_when_none_is_known() -> None:
    assert dateline_date("Sun 16 Apr 2017 Death toll from the bomb attack rises").value == "2017-04-16"
    assert dateline_date("Published June 3 2016 Regime bombing raids").value == "2016-06-03"
    assert dateline_date("Government forces advanced on Sunday").value is None
    assert publication_date(PUB, "Sun 16 Apr 2017 text").value == "2016-08-17"
    assert publication_date(NO_PUB, "Sun 16 Apr 2017 text").source == "dateline"


def test_since_and_until_dates_are_not_event_dates() -> None:
    assert _resolve("The country has been at war since March 2011.") == (None, 3)
    assert _resolve("Raids have continued since last Wednesday.") == (None, 3)
    assert _resolve("The truce held until Sunday, when jets struck again on Monday.") == ("2016-08-15", 1)


def test_dateline_after_a_headline_and_glued_day_year_are_read() -> None:
    head = "25 civilians killed in raids on Syria IS group bastion Raqa monitor AFP Wednesday 22 Jun 2016 Air strikes"
    assert dateline_date(head).value == "2016-06-22"
    info, _ = resolve_date("Last updated at Apr 092017 At least 15 civilians were killed", "s", None, "none", None)
    assert info.value == "2017-04-09"
    assert info.source == "dateline"


def test_dateline_reader_is_the_cleaners_for_every_stamp_form() -> None:
    # one parser: what the cleaner reads as a dateline, the extractor's fallback reads the same
    for head, want in [
        ("Last updated at Mar 072015 Shelling hit the old town", "2015-03-07"),
        ("07.03.2015Get short URL Shelling hit the old town", "2015-03-07"),
        ("07-03-2015 Shelling hit the old town", "2015-03-07"),
        ("Posted 23/03/2015 by a staff writer", "2015-03-23"),
    ]:
        info, _ = resolve_date(head, "s", None, "none", None)
        assert info.value == want, head
        assert dateline_date(head).value == want, head
        assert dateline_date(head).evidence is not None


def test_the_dateline_dates_the_report_not_the_event() -> None:
    story = "Mortars hit a market AFP Thursday 12 Mar 2015 Mortars hit a crowded market on Wednesday, killing six."
    pub = publication_date(NO_PUB, story, "s")
    assert pub.value == "2015-03-12"
    start = story.index("Mortars hit a crowded")
    assert resolve_event_date(story, 0, pub, "s", story, anchor=start)[:2] == ("2015-03-11", 1)
    # a sentence whose only date is the dateline has no date of its own (it inherits the report's)
    head = "Published March 12 2015 Mortars hit a crowded market, killing six."
    assert resolve_event_date(head, 0, publication_date(NO_PUB, head, "s"), "s", head) == (None, 3, None)


def test_a_day_named_for_a_planned_action_is_not_an_event_date() -> None:
    # the coming Monday, not the past one a bare weekday resolves to
    assert _resolve("The council's general assembly, to be held on Monday, will discuss aid.") == (None, 3)
    assert _resolve("A 48-hour truce is set to begin on Thursday night in the city.") == (None, 3)
    assert _resolve("Envoys will meet in Geneva on Friday to discuss the truce.") == (None, 3)
    # a month-day after the publication date in a future clause is not last year's
    assert _resolve("Talks will resume on August 23 in Vienna.") == (None, 3)


def test_a_future_word_elsewhere_leaves_the_event_date_alone() -> None:
    # "due to" a cause, a future clause in another sentence, a future word far from the date
    assert _resolve("The convoy turned back due to shelling by government forces on Sunday.") == (
        "2016-08-14",
        1,
    )
    found = find_dates("He said they will return. Rebels attacked the post on Monday.", PUB)
    assert [(d.text, d.iso) for d in found] == [("Monday", "2016-08-15")]
    assert _resolve("Residents will never forget what happened on Monday.") == ("2016-08-15", 1)


def test_a_month_day_days_after_publication_is_coming_not_last_year() -> None:
    # a forum on August 25 in a story of August 17, however far its plan-words are from the date
    assert _resolve("The forum is due to be held in the Turkish city of Gaziantep on August 25.") == (None, 3)
    assert _resolve("On August 25 the envoy arrives.") == (None, 3)
    assert _resolve("On October 24, the report was published.") == ("2015-10-24", 1)


def test_a_date_inside_a_since_clause_dates_what_began_not_the_event() -> None:
    assert _resolve("Over 300 civilians have died since a truce collapsed on August 9.") == (None, 3)
    assert _resolve("The war has killed 300,000 people since it began in March 2011.") == (None, 3)
    # a date the event itself carries, before a "since" clause, stays
    assert _resolve("Jets struck the town on Monday, since the truce had collapsed.") == ("2016-08-15", 1)


@pytest.mark.parametrize(
    "sentence, shift",
    [
        ("Meanwhile, rebel shelling wounded eight people in al-Foua.", True),
        ("Eight wounded in Foua and Kefraya Meanwhile civil sources told SANA that eight were wounded.", True),
        ("In another development, a car bomb exploded in Azaz.", True),
        ("Elsewhere, clashes broke out near Hama.", True),
        ("The army meanwhile pressed its advance on the town.", False),  # a clause's adverb, no new topic
        ("In the attack 18 lorries were destroyed.", False),
    ],
)
def test_a_topic_shift_is_read_from_its_cue_words(sentence: str, shift: bool) -> None:
    assert dates.opens_new_topic(sentence) is shift


@pytest.mark.parametrize(
    "sentence, recap",
    [
        ("The incident occurred on April 11.", True),
        ("The suicide attack took place at dawn on Tuesday.", True),
        ("Assad vowed in a speech last week to recapture every inch of Syria.", False),
        ("Talks will take place in Geneva on Monday.", False),
    ],
)
def test_a_sentence_dating_the_incident_just_told_is_recognised(sentence: str, recap: bool) -> None:
    assert dates.recaps_incident(sentence) is recap
