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


def test_running_tolls_without_a_fixed_phrase_are_cumulative() -> None:
    for s in [
        "The five-year war that has claimed over 300000 lives shows no sign of ending.",
        "More than 230000 people have been killed in the country's multi-front civil war.",
        "At least 280000 people have been killed and millions displaced.",
        "More than 300 civilians have been killed in the city since April.",
        "A major offensive that has left dozens dead entered its fifth day.",
    ]:
        assert is_cumulative(s), s
        assert _claims(s) == []
    # one day's strike with a war word in it stays an event figure
    s = "Regime war planes on Sunday have killed around 32 civilians in the town, a monitor said."
    assert not is_cumulative(s)
    assert [c.low for c in _claims(s)] == [32]


def test_date_and_time_digits_are_not_figures() -> None:
    assert _summary("23-04-2016 Child killed 9 Civilians Injured in attacks.") == [
        (9, 9, 9, "injured", "civilians", None)
    ]
    assert [c.low for c in _claims("Thursday 28 January 2016 17:27 Nine Civilians Killed in Raids.")] == [9]
    assert [c.low for c in _claims("14-05-2016 Five Civilians Killed in a Car Bomb.")] == [5]


def test_a_glued_plus_is_more_than_and_keeps_its_own_cue() -> None:
    assert _summary("Idlib: 35+ dead & 70+ wounded after the strike.") == [
        (35, 35, 35, "killed", None, "more than"),
        (70, 70, 70, "injured", None, "more than"),
    ]


def test_more_others_and_the_next_clause_verb_keep_the_kind() -> None:
    s = "At least 35 civilians were killed and dozens more injured in the airstrikes."
    assert [(c.low, c.kind) for c in _claims(s)] == [(35, "killed"), (12, "injured")]
    s = "Mortar fire kills 12 wounds 50 in the capital."
    assert [(c.low, c.kind) for c in _claims(s)] == [(12, "killed"), (50, "injured")]
    s = "Rockets hit the district killing 2 people injuring 7 others."
    assert [(c.low, c.kind) for c in _claims(s)] == [(2, "killed"), (7, "injured")]
    s = "The blast claimed the lives of three citizens injured two others."
    assert [(c.low, c.kind) for c in _claims(s)] == [(3, "killed"), (2, "injured")]


def test_subset_and_partitive_figures_take_the_kind_of_their_whole() -> None:
    s = "At least 19 people were killed near the town on Tuesday including six children."
    assert [(c.low, c.kind, c.victims, c.qualifier) for c in _claims(s)] == [
        (19, "killed", "people", "at least"),
        (6, "killed", "children", "including"),
    ]
    s = "Civil sources said 8 persons among them two children were wounded."
    assert [(c.low, c.kind) for c in _claims(s)] == [(8, "injured"), (2, "injured")]
    s = "The source said five of the dead were killed in the market."
    assert [(c.low, c.kind) for c in _claims(s)] == [(5, "killed")]


def test_a_participle_before_the_victim_and_a_singular_victim() -> None:
    assert _summary("The hospital received several injured civilians.") == [
        (10, 10, 10, "injured", "civilians", "several")
    ]
    assert _summary("A woman was killed and 35 others were injured.") == [
        (1, 1, 1, "killed", "women", None),
        (35, 35, 35, "injured", "people", None),
    ]
    assert _claims("Five people were killed by a militant.")[0].low == 5
    assert len(_claims("Five people were killed by a militant.")) == 1


def test_speakers_counted_like_victims_are_not_figures() -> None:
    s = "Tanks shelled the district killing four more civilians two residents said."
    assert [(c.low, c.source) for c in _claims(s)] == [(4, "residents")]


def test_surface_sources_lose_the_previous_clause() -> None:
    s = "An air strike killed 15 civilians on Saturday the Syrian Observatory for Human Rights said."
    assert [c.source for c in _claims(s)] == ["Syrian Observatory for Human Rights"]
    s = "At least 15 civilians were killed near the bastion Raqqa a monitor said."
    assert [c.source for c in _claims(s)] == ["monitor"]
    s = "A barrage that killed 12 people and wounded 50 state media reported."
    assert {c.source for c in _claims(s)} == {"state media"}
    s = "The shells hit the school killing 3 children on Tuesday It added."
    assert [c.source for c in _claims(s)] == [None]


def test_a_source_is_never_the_figure_nor_a_victim_category() -> None:
    s = "Eight persons wounded in the town as shells fell."
    assert [c.source for c in _claims(s)] == [None]
    s = "Shelling killed four civilians residents said."
    assert [c.source for c in _claims(s)] == ["residents"]  # not the "Civilians (Syria)" actor


def test_a_mid_sentence_according_covers_only_what_follows() -> None:
    s = (
        "Six civilians were killed on Thursday in rocket attacks on the city According to a source "
        "at the Police Command two people were killed."
    )
    assert [(c.low, c.source) for c in _claims(s)] == [(6, None), (2, "source at the Police Command")]


def test_parsed_sources_behind_information_nouns_and_kill_cues(parse: object) -> None:
    s = "The heavy fighting claimed the lives of 129 soldiers and 116 rebels according to an Observatory toll."
    claims = _claims(s, doc=parse(s))  # type: ignore[operator]
    assert [c.source for c in claims] == ["Observatory", "Observatory"]
    s = (
        "According to information handed over by the local council of the city the village suffered "
        "an air attack in which six people died."
    )
    (c,) = _claims(s, doc=parse(s))  # type: ignore[operator]
    assert c.source == "local council of the city"


def test_headline_lists_of_figures_keep_each_cue() -> None:
    assert [(c.low, c.kind) for c in _claims("57 Civilians killed 150 Injured in Attacks on the City.")] == [
        (57, "killed"),
        (150, "injured"),
    ]
    assert [(c.low, c.kind) for c in _claims("Among at least 25 injured eight were in critical condition.")][0] == (
        25,
        "injured",
    )


@pytest.mark.parametrize(
    "sentence, counted",
    [
        ("Government air strikes killed 25 people, many of them children, in Douma on Friday.", 25),
        ("The shelling of the market killed 12 civilians, a few women among them.", 12),
        ("A car bomb in Azaz killed 40 people, most of whom were fighters of a rebel faction.", 40),
        ("Activists said at least 200 people many of whom were civilians were killed in the raids.", 200),
        ("Rescuers pulled more than 50 bodies from the rubble, many with shrapnel wounds.", 50),
        ("At least 30 fighters were killed in the ambush, several of them foreigners.", 30),
    ],
)
def test_a_share_of_a_counted_figure_is_no_figure_of_its_own(sentence: str, counted: int) -> None:
    # "many of them children" says who the 25 were, not how many: ACLED codes the counted figure,
    # never the vague-quantity convention (10) of the share
    claims = [c for c in _claims(sentence) if c.kind == "killed"]
    assert [c.low for c in claims] == [counted]
    assert acled_fatalities(claims) == counted


def test_a_counted_share_is_a_part_of_the_figure() -> None:
    claims = _claims("The strike on the school killed 25 people, five of them children.")
    assert [(c.low, c.victims, c.qualifier) for c in claims] == [
        (25, "people", None),
        (5, "children", "including"),
    ]
    assert acled_fatalities(claims) == 25
    claims = _claims("Mortar fire killed 12 civilians, two women among them, in the old city.")
    assert [(c.low, c.qualifier) for c in claims] == [(12, None), (2, "including")]


def test_vague_quantities_standing_alone_keep_the_acled_conventions() -> None:
    # no counted figure before them: the share is the only figure the report gives
    assert _summary("Rebels said several of them were killed in the clashes.") == [
        (10, 10, 10, "killed", None, "several")
    ]
    assert _summary("The bombing killed dozens of people and wounded tens of others.") == [
        (12, 12, 12, "killed", "people", "dozens of"),
        (10, 10, 10, "injured", "people", "tens of"),
    ]
    assert _summary("Hundreds were killed when the regime shelled the town.")[0][:4] == (100, 100, 100, "killed")
    # a later vague figure with a cue of its own is another figure, of another kind
    assert [(c.low, c.kind) for c in _claims("Troops killed 15 militants and injured dozens of them.")] == [
        (15, "killed"),
        (12, "injured"),
    ]


@pytest.mark.parametrize(
    "sentence, figures",
    [
        # the agent of a passive cue, and a vague quantity of things, count no victims
        ("Some 14 people were killed by dozens of shells that hit the old city.", [14]),
        # a bare vague quantity that is the subject of a verb of its own
        ("At least four people were killed and many suffered breathing problems after the attack.", [4]),
        # past an earlier figure, another verb's object is not the first cue's
        ("The mortar landed on a school killing two children and burning many others.", [2]),
        ("The offensive began on Monday killing 40 soldiers and expelling many others from the town.", [40]),
    ],
)
def test_vague_quantities_that_count_no_dead(sentence: str, figures: list[int]) -> None:
    assert [c.low for c in _claims(sentence) if c.kind == "killed"] == figures


def test_coordinated_figures_of_one_cue_are_all_kept() -> None:
    assert [c.low for c in _claims("The strikes killed two children and three women in Ariha.")] == [2, 3]


def test_a_vague_quantity_sets_the_toll_only_when_no_figure_is_a_count() -> None:
    # "tens" is ACLED's 10 for a count nobody gives; beside a count, the count is the toll
    claims = _claims("Tens of people were killed in the shelling of the market, and 14 of the dead were children.")
    assert any(c.vague and c.low == 10 for c in claims) and any(not c.vague and c.low == 14 for c in claims)
    assert acled_fatalities(claims) == 14
    assert acled_fatalities(_claims("Dozens of people were killed in the shelling of the market.")) == 12


def test_a_number_of_hours_or_strikes_is_no_count_of_the_dead() -> None:
    assert [c.low for c in _claims("Scores of fighters were killed in 24 hours of clashes, the monitor said.")] == [20]
    assert not _claims("Rebels said fighters were killed in 24 hours of clashes.")
    assert [c.low for c in _claims("Jets killed 12 people in 30 raids on the town.")] == [12]


def test_modifiers_of_one_victim_noun_make_one_victim_phrase() -> None:
    (c,) = _claims("At least 70 regime and rebel fighters were killed in clashes north of Aleppo, the monitor said.")
    assert (c.low, c.kind, c.victims) == (70, "killed", "fighters")
    assert c.evidence.text == "At least 70 regime and rebel fighters"
    (c,) = _claims("At least 40 rebel fighters were killed in the ambush.")
    assert (c.low, c.victims) == (40, "fighters")


def _sources(parse: object, sentence: str) -> list[str | None]:
    return [c.source for c in _claims(sentence, doc=parse(sentence))]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # the speaker after the figure, its comma stripped
        ("Government shelling killed 14 civilians in the town on Friday activists said.", "activists"),
        ("The car bomb near the market also wounded 23 people the broadcaster said.", "broadcaster"),
        # the parse reads "a rocket ... said"; the phrase right before the verb speaks
        ("A rocket fired by rebels killed nine people in the old city on Sunday a monitoring group said.",
         "monitoring group"),
        # news puts the speaker after "said"
        ("Nine soldiers were killed in the ambush said the army spokesman adding that the attackers fled.",
         "army spokesman"),
        ("Twelve people were killed in the raid the opposition Observatory claimed on Thursday.",
         "opposition Observatory"),
        ("Rockets hit the neighbourhood killing seven people a reporter in Hama told the agency.", "reporter in Hama"),
        ("Dozens of militants were killed in the raids near the city on Sunday IRNA dispatches said.",
         "IRNA dispatches"),
    ],
)
def test_a_speaker_after_the_figure_reports_it(parse: object, sentence: str, source: str) -> None:
    assert _sources(parse, sentence) == [source]


def test_a_passive_report_is_told_by_its_agent_or_no_one(parse: object) -> None:
    assert _sources(parse, "Four deaths were reported by the local health directorate after the raid.") == [
        "local health directorate"
    ]
    assert _sources(parse, "Two more people were reported killed in the shelling.") == [None]
    assert _sources(parse, "The fighting is reported to have killed 50 people since Tuesday.") == [None]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # a place the stripped comma glued to the speaker is no part of its name ...
        ("Mortar fire killed five people in the eastern district of Homs Syrian state television reported.",
         "Syrian state television"),
        ("An air strike killed eight civilians in a village west of Hama local media reported on Sunday.",
         "local media"),
        # ... unless it is ("Aleppo Media Center")
        ("Shelling killed three children the Aleppo Media Center said.", "Aleppo Media Center"),
        # a country's possessive without its apostrophe opens the phrase
        ("A car bomb killed 11 people near the city of Homs Syrias SANA state news agency reported.",
         "Syrias SANA state news agency"),
        # a plural before the phrase is the previous clause's ("five teachers")
        ("Air strikes hit a school killing five teachers opposition activists said.", "opposition activists"),
        # a headline kicker and a page's date label
        ("SLEEPING DEAD Opposition activists said about 300 people were killed in the attack.", "Opposition activists"),
        ("Date of publication 12 May 2016 State media said nine people were killed in the blast.", "State media"),
    ],
)
def test_page_and_place_words_glued_to_a_speaker_are_dropped(parse: object, sentence: str, source: str) -> None:
    assert _sources(parse, sentence) == [source]


@pytest.mark.parametrize(
    "sentence",
    [
        "A blast claimed by the group killed 20 people at the checkpoint.",  # responsibility, not a report
        "The Islamic State group claimed responsibility for a bombing that killed 30 soldiers.",
        "Tags Syria Idlib United States At least eight civilians were killed in raids on the town.",  # a name
        "The strikes killed 30 people he said.",  # a pronoun: the speaker is in another sentence
    ],
)
def test_no_speaker_where_none_reports_the_figure(parse: object, sentence: str) -> None:
    assert _sources(parse, sentence) == [None]


@pytest.mark.parametrize(
    "sentence",
    [
        "Shelling killed 9 people on Monday bringing the number killed in 48 hours of bombardment to 61.",
        "Shelling killed 9 people on Monday bringing to 61 the number killed this week.",
        "Shelling killed 9 people on Monday raising the death toll to 61.",
        "The death toll in 24 hours rose to 61 the monitor said.",
        "The number of civilians killed rose to 61 since Sunday.",
    ],
)
def test_a_toll_brought_up_to_a_figure_is_a_running_total(sentence: str) -> None:
    assert 61 not in [c.low for c in _claims(sentence)]
    running = [c for c in _claims(sentence, include_cumulative=True) if c.low == 61]
    assert [(c.kind, c.low) for c in running] == [("killed", 61)]


def test_the_updated_toll_of_one_event_stays_its_figure() -> None:
    s = "Two more people died of their wounds raising the death toll from the bombing to 20."
    assert [(c.low, c.kind) for c in _claims(s)] == [(2, "killed"), (20, "killed")]
    s = "The death toll from the raid rose to 115 on Friday."
    assert [c.low for c in _claims(s)] == [115]
    s = "The number of wounded rose to 50 overnight."
    assert [(c.low, c.kind) for c in _claims(s, include_cumulative=True)] == [(50, "injured")]
    # a toll that rose, over no span of time, is the latest count of the story's event
    assert [c.low for c in _claims("The death toll has risen to 85 the monitor said.")] == [85]


def test_a_side_that_lost_people_lost_its_dead() -> None:
    assert _summary("The army lost 12 soldiers in the fighting near the airport.") == [
        (12, 12, 12, "killed", "soldiers", None)
    ]
    assert [(c.low, c.kind) for c in _claims("The group said the jihadists lost 13 of their fighters.")] == [
        (13, "killed")
    ]
    # what is lost is no person: no figure
    assert _claims("The army lost six tanks in the battle.") == []
    assert _claims("Rebels lost two of their positions.") == []
    assert _claims("The rebels lost contact with 12 fighters.") == []


def test_perished_and_bodies_report_the_dead() -> None:
    assert _summary("Scores perished in the fire.") == [(20, 20, 20, "killed", None, "scores")]
    assert [(c.low, c.kind) for c in _claims("Rescuers recovered 14 bodies from the rubble.")] == [(14, "killed")]
    assert [(c.low, c.kind) for c in _claims("The bodies of 23 people were found in a mass grave.")] == [
        (23, "killed")
    ]


def test_figures_joined_or_among_a_whole_share_its_cue() -> None:
    s = "At least 40 fighters and three civilians were killed in the clashes."
    assert [(c.low, c.kind, c.victims) for c in _claims(s)] == [
        (40, "killed", "fighters"),
        (3, "killed", "civilians"),
    ]
    s = "Five civilians including a child were among at least 19 people killed in the strikes."
    claims = _claims(s)
    assert [(c.low, c.kind, c.qualifier) for c in claims] == [
        (5, "killed", "including"),
        (1, "killed", "including"),
        (19, "killed", "at least"),
    ]
    assert acled_fatalities(claims) == 19  # the parts are not the toll
    s = "Seventeen children were among those killed."
    assert [(c.low, c.qualifier) for c in _claims(s)] == [(17, "including")]
    # a part of the figure before it joins no figure after it
    s = "Ten civilians were killed including a child and 37 others were injured."
    assert [(c.low, c.kind) for c in _claims(s)] == [(10, "killed"), (1, "killed"), (37, "injured")]


def test_killed_and_wounded_after_the_figure_gives_both_kinds() -> None:
    s = "A large number of militants were killed and wounded in the raid."
    assert sorted((c.low, c.kind) for c in _claims(s)) == [(10, "injured"), (10, "killed")]


def test_a_figure_reported_killed_or_injured_has_that_kind() -> None:
    s = "The source put the death toll at 5 civilians while 9 other people were reported injured."
    assert [(c.low, c.kind) for c in _claims(s)] == [(5, "killed"), (9, "injured")]


def test_number_words_without_their_hyphen() -> None:
    assert [c.low for c in _claims("Thirty one militants have been killed in clashes.")] == [31]
    assert [(c.low, c.kind) for c in _claims("The blast left more than hundred other wounded.")] == [
        (100, "injured")
    ]


def test_a_number_of_strikes_before_a_toll_is_no_count() -> None:
    s = "The toll in several air strikes on the town rose to at least 20 people."
    assert [c.low for c in _claims(s)] == [20]
    assert [c.low for c in _claims("Dozens were wounded when ten Russian raids hit the city.")] == [12]


def test_figures_joined_by_and_are_summed_into_one_reports_toll() -> None:
    from crosswire.extract.fatalities import acled_toll

    s = "The raid killed 31 jihadists and eight civilians in the town."
    n, evidence = acled_toll(_claims(s))
    assert n == 39
    assert evidence is not None and evidence.text == "31 jihadists and eight civilians"
    assert evidence.start == 100 + s.index("31")
    # two reports of one toll: the more conservative, as before
    s = "The monitor said 32 people were killed while the group said the blast killed 20 fighters and 15 civilians."
    assert acled_fatalities(_claims(s)) == 32
    # a part is no addend, a wounded figure neither
    assert acled_fatalities(_claims("Ten civilians were killed including a child and 37 others were injured.")) == 10
    assert acled_fatalities(_claims("Strikes killed 5 people and wounded 10 others.")) == 5


def test_a_figure_joined_to_a_part_is_a_part_too() -> None:
    s = "Among those killed were 15 children and 9 women from one family."
    assert [(c.low, c.qualifier) for c in _claims(s)] == [(15, "including"), (9, "including")]
    s = "The source said 8 civilians including a woman and two children were killed in the shelling."
    claims = _claims(s)
    assert [(c.low, c.qualifier) for c in claims] == [(8, None), (1, "including"), (2, "including")]
    assert acled_fatalities(claims) == 8


def test_a_toll_since_something_began_is_cumulative() -> None:
    s = "At least 90 civilians have been killed by air strikes since the army launched its offensive a week ago."
    assert is_cumulative(s)
    assert _claims(s) == []
    assert not is_cumulative("Twelve people were killed on Monday when the shelling began.")


def test_a_country_glued_before_a_speaker_name_is_dropped(parse: object) -> None:
    s = "Twenty-five children were killed in strikes on a town in eastern Syria UNICEF has said."
    assert _sources(parse, s) == ["UNICEF"]


def test_the_dead_of_different_sides_told_together_are_summed() -> None:
    # ACLED sums the dead of all sides of one event ...
    s = "At least 12 soldiers were killed and 20 rebels died in the clashes, the Observatory said."
    assert acled_fatalities(_claims(s)) == 32
    assert acled_fatalities(_claims("Overnight raids killed 14 jihadists 5 civilians near Raqqa.")) == 19
    # ... while competing figures for the same dead keep the lowest
    s = "The Observatory said 32 militants were killed while the group said 50 fighters were killed."
    assert acled_fatalities(_claims(s)) == 32


def test_a_side_told_as_more_dead_adds_to_the_figures_before() -> None:
    first = _claims("Coalition air strikes killed at least 20 militants near the border.")
    assert acled_fatalities(first + _claims("One civilian was also killed in the strikes, the monitor said.")) == 21
    assert acled_fatalities(first + _claims("Another three soldiers were killed in the clashes.")) == 23
    # a side told alone elsewhere may be another event's: the most conservative figure stands
    assert acled_fatalities(first + _claims("Rebels said they killed 15 soldiers in Hama.")) == 15


def test_fighters_named_as_the_states_are_on_its_side() -> None:
    claims = _claims("Clashes killed 30 regime forces.") + _claims(
        "The fighting killed 30 pro-government fighters and 12 rebels, a monitor said."
    )
    assert acled_fatalities(claims) == 42  # not 72: the regime forces and its fighters are one side
    assert acled_fatalities(_claims("At least 70 regime and rebel fighters were killed in the clashes.")) == 70


def test_a_page_label_cuts_a_sentence_into_stories() -> None:
    s = "Air strikes killed 20 militants near Raqqa Related Shelling kills 43 civilians in Idlib"
    assert [c.low for c in _claims(s)] == [20, 43]
    assert acled_fatalities(_claims(s)) == 20


def test_different_groups_of_civilians_told_together_are_summed() -> None:
    s = "The agency said 22 children had been killed along with six teachers in strikes on a school."
    assert acled_fatalities(_claims(s)) == 28
    # a part of a figure told before, in a sentence of its own, is no more dead
    claims = _claims("Shelling killed 12 civilians in the town.") + _claims("Four children were among them.")
    assert acled_fatalities(claims) == 12


def test_civilians_at_large_may_hold_the_other_civilians_told_beside_them() -> None:
    s = "Air raids killed 58 civilians in the east of the country and UNICEF said 25 children died."
    assert acled_fatalities(_claims(s)) == 58


def test_new_victim_nouns_demonyms_occupations_and_families() -> None:
    assert _summary("Two Syrians were killed in the shelling.") == [(2, 2, 2, "killed", "people", None)]
    assert _summary("At least 30 migrants died when their boat sank.")[0][:5] == (30, 30, 30, "killed", "civilians")
    assert [(c.low, c.victims) for c in _claims("The strike killed five workers at the plant.")] == [(5, "civilians")]
    assert [(c.low, c.victims) for c in _claims("Three paramedics were killed in the raid.")] == [(3, "civilians")]
    assert [(c.low, c.victims) for c in _claims("Shelling killed four Tunisians in the town.")] == [(4, "people")]
    (c,) = _claims("A family of six was killed in the air strike.")
    assert (c.low, c.victims, c.evidence.text) == (6, "people", "A family of six")
    (c,) = _claims("The raid killed five members of one family in Douma.")
    assert (c.low, c.victims) == (5, "people")  # no armed group's members


def test_ages_units_and_places_are_no_counts_of_the_dead() -> None:
    (c,) = _claims("The strike killed a 10-year-old boy near the school.")
    assert (c.low, c.victims, c.evidence.text) == (1, "children", "a 10-year-old boy")
    assert [c.low for c in _claims("The raid killed 12 people in 5 villages 10 km from Aleppo.")] == [12]
    assert [c.low for c in _claims("Jets killed 12 people and destroyed 20 vehicles in the Crisis zone.")] == [12]


def test_a_person_who_tells_the_figure_is_no_figure() -> None:
    s = "The groom's father was killed in the attack a relative told AFP."
    assert [c.evidence.text for c in _claims(s)] == []
    s = "At least six of those killed were rebel fighters while four were foreign volunteers he added."
    assert [c.low for c in _claims(s)] == []


def test_an_event_told_only_by_its_parts_has_at_least_their_dead() -> None:
    (c,) = _claims("Among the civilians killed in the village was a child, he added.")
    assert c.qualifier == "including"
    assert acled_fatalities([c]) == 1
    assert acled_fatalities(_claims("Seventeen children were among those killed.")) == 17


def test_one_victim_with_a_modifier_and_what_is_no_victim() -> None:
    assert [(c.low, c.victims) for c in _claims("Shelling killed a local journalist in Aleppo.")] == [(1, "civilians")]
    assert [(c.low, c.victims) for c in _claims("A civilian was killed and a soldier died.")] == [
        (1, "civilians"),
        (1, "soldiers"),
    ]
    assert _claims("The advances have cost a heavy civilian death toll.") == []
    assert _claims("Among the dead was Ahmad al-Zoabi - a field commander.") == []
    assert [c.low for c in _claims("A suicide bomber killed 30 people at the checkpoint.")] == [30]


def test_a_headline_of_one_side_does_not_cut_the_sum_of_both() -> None:
    # the headline counts one side, the lede both: the soldiers' lowest report and the rebels'
    claims = _claims("Clashes in Hama kill 12 soldiers") + _claims(
        "At least 12 soldiers and 20 rebels were killed in the clashes, the monitor said."
    )
    assert acled_fatalities(claims) == 32
    claims = _claims("The fighting killed 30 IS militants and eight SDF fighters.")
    assert acled_fatalities(claims) == 38  # both fighters, of two sides: one report of their sum


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A man and his wife were killed when a shell hit their home in Aleppo.", (2, "people", "A man and his wife")),
        ("A mother and her two children died in the strike.", (3, "people", "A mother and her two children")),
        ("Shelling killed a woman and her son in the town of Daraa.", (2, "people", "a woman and her son")),
        (
            "A farmer, his wife and their three young children were killed.",
            (5, "people", "A farmer, his wife and their three young children"),
        ),
        ("A boy and his parents were killed by a barrel bomb.", (3, "people", "A boy and his parents")),
        ("Two brothers and their father were killed in the raid.", (3, "people", "Two brothers and their father")),
    ],
)
def test_kin_told_with_a_victim_are_victims_of_the_same_figure(
    sentence: str, expected: tuple[int, str, str]
) -> None:
    (claim,) = [c for c in _claims(sentence) if c.kind == "killed"]
    assert claim.evidence is not None
    assert (claim.best, claim.victims, claim.evidence.text) == expected


def test_kin_in_the_plural_without_a_count_and_kin_in_a_clause_of_their_own() -> None:
    # "her children": at least two; the wife wounded in a clause of her own is no victim of the figure
    (claim,) = _claims("A woman and her children were killed in the strike.")
    assert (claim.best, claim.kind, claim.evidence and claim.evidence.text) == (3, "killed", "A woman and her children")
    got = [(c.best, c.kind) for c in _claims("A man was killed and his wife was wounded in the shelling.")]
    assert got == [(1, "killed")]


def test_kin_that_tell_the_toll_are_speakers_not_victims() -> None:
    (claim,) = _claims("The strike killed five soldiers, their commander said.")
    assert (claim.best, claim.victims) == (5, "soldiers")


def _story_claims(*sentences: str) -> list[FatalityClaim]:
    """The figures of consecutive sentences of one story (one space between them)."""
    out: list[FatalityClaim] = []
    start = 0
    for s in sentences:
        out += find_fatality_claims(s, start, "story-1")
        start += len(s) + 1
    return out


def test_the_sides_of_a_clash_told_in_consecutive_sentences_add_up() -> None:
    claims = _story_claims(
        "Eight soldiers were killed in the fighting near Morek.", "At least 15 militants died, the monitor said."
    )
    assert acled_fatalities(claims) == 23
    # each figure stays a claim of its own
    assert sorted((c.low, c.victims) for c in claims) == [(8, "soldiers"), (15, "fighters")]
    # a side's competing counts keep the lowest: 9 soldiers (not 10) and the 25 rebels
    claims = _story_claims(
        "The monitor said 10 soldiers were killed in the battle.",
        "State media said 25 terrorists were killed, while 9 soldiers died.",
    )
    assert acled_fatalities(claims) == 34


def test_competing_counts_and_far_apart_sides_do_not_add_up() -> None:
    # the same victims by two sources: the lowest
    same = _story_claims("The monitor said 20 rebels were killed.", "The Islamic State said it killed 50 fighters.")
    assert acled_fatalities(same) == 20
    # civilians told after a side's dead may be a part of them, or another event's: no sum
    civilians = _story_claims("Twelve soldiers were killed in the attack.", "Three civilians died, residents said.")
    assert acled_fatalities(civilians) == 3
    # sides told with a sentence between them are not taken as one clash's
    apart = _story_claims(
        "Eight soldiers were killed near Morek.", "The army sent reinforcements.", "Fifteen militants died in Hama."
    )
    assert acled_fatalities(apart) == 8
