"""Claims: reported speech through the real annotator and spaCy model."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from crosswire.annotate import annotate, nlp
from crosswire.extract.claims import _lexicon, extract_claims, needs_parse, verb_forms
from crosswire.models import Claim, Story

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _story(text: str, sid: str = "s1") -> Story:
    return Story(sid, "in", 0, None, text, hashlib.sha1(text.encode()).hexdigest())


def _claims(text: str) -> list[Claim]:
    return extract_claims(annotate([_story(text)])[0])


@pytest.fixture(scope="module")
def press_tv_claims() -> list[Claim]:
    text = next(SAMPLES.glob("003_*.txt")).read_text(encoding="utf-8")
    return extract_claims(annotate([_story(text, "ptv")])[0])


def test_every_claim_carries_evidence_that_points_into_the_story_text() -> None:
    text = (
        "The health ministry said on Monday that 14 people were killed in the shelling. "
        "According to the governor, the market was hit twice."
    )
    story = _story(text)
    claims = extract_claims(annotate([story])[0])
    assert claims
    for c in claims:
        assert c.evidence is not None
        assert text[c.evidence.start : c.evidence.end] == c.content
        assert text[c.evidence.sentence_start : c.evidence.sentence_end] == c.evidence.sentence


def test_named_speaker_with_affiliation_resolves_to_the_actor_list(press_tv_claims: list[Claim]) -> None:
    kona = [c for c in press_tv_claims if c.speaker == "Igor Konashenkov"]
    assert kona, [c.speaker for c in press_tv_claims]
    assert {c.speaker_actor for c in kona} == {"Military Forces of Russia"}


def test_pronoun_speaker_is_the_last_named_speaker(press_tv_claims: list[Claim]) -> None:
    lick = [c for c in press_tv_claims if "lick wounds" in c.content]
    assert len(lick) == 1
    assert lick[0].speaker == "Igor Konashenkov"
    assert lick[0].quote is True
    assert lick[0].reporting_verb == "said"


def test_surname_alone_is_the_same_speaker_as_the_full_name(press_tv_claims: list[Claim]) -> None:
    speakers = {c.speaker for c in press_tv_claims}
    assert "Konashenkov" not in speakers
    assert "Bouthaina Shaaban" in speakers


def test_claim_types_follow_the_reporting_verb() -> None:
    claims = _claims(
        "The opposition council accused government forces of shelling the town. "
        "The army denied any involvement in the attack on the hospital. "
        "The defence ministry rejected claims that its jets hit the school. "
        "The group claimed responsibility for the bombing in an online statement."
    )
    by_type = {c.claim_type for c in claims}
    assert {"accusation", "denial", "announcement"} <= by_type
    acc = next(c for c in claims if c.claim_type == "accusation")
    assert acc.reporting_verb == "accused"
    assert acc.about_actor == "Military Forces of Syria"  # "government forces" in the actor list


def test_according_to_and_told_patterns_name_the_speaker() -> None:
    claims = _claims(
        "According to the Syrian Observatory for Human Rights, 12 civilians were killed in the raid. "
        "A local official told reporters that the road had been closed since Friday."
    )
    speakers = {c.speaker for c in claims}
    assert "Syrian Observatory for Human Rights" in speakers
    obs = next(c for c in claims if c.speaker == "Syrian Observatory for Human Rights")
    assert obs.claim_type == "casualty_report"
    assert obs.reporting_verb == "according to"
    assert any(c.reporting_verb == "told" for c in claims)


def test_unattributed_reports_have_no_speaker() -> None:
    claims = _claims("Shortly after the offensive, reports of a gas attack appeared on social media.")
    assert len(claims) == 1
    assert claims[0].speaker is None
    assert claims[0].speaker_actor is None


def test_statement_attributed_in_the_next_sentence_takes_the_previous_sentence() -> None:
    claims = _claims(
        "The government will present evidence that the militia shelled the camp. "
        "This was stated by the foreign minister, Ahmed Karimi, on Tuesday."
    )
    stated = [c for c in claims if c.reporting_verb == "stated"]
    assert len(stated) == 1
    assert stated[0].content.startswith("The government will present evidence")


def test_claim_ids_are_deterministic() -> None:
    text = "“We will not withdraw,” the commander said on Sunday."
    assert [c.claim_id for c in _claims(text)] == [c.claim_id for c in _claims(text)]


def test_a_continued_quotation_is_a_claim_without_a_parse() -> None:
    text = (
        "“We will not withdraw from the town,” Ahmed Hamdan said on Sunday. "
        "“Our fighters are ready for a long siege of the eastern districts.” "
        "The markets were open on Monday."
    )
    (a,) = annotate([_story(text)])
    assert len(a.sentences) == 3
    assert a.candidates == (0,)  # only the sentence with a reporting verb was parsed
    claims = extract_claims(a)
    assert [c.speaker for c in claims] == ["Ahmed Hamdan", "Ahmed Hamdan"]
    assert claims[1].quote and claims[1].content.startswith("Our fighters are ready")


def test_only_a_reporting_verb_or_according_to_needs_a_parse() -> None:
    assert needs_parse("The ministry denied the reports.")
    assert needs_parse("According to the governor, the market was hit twice.")
    assert needs_parse("Officials have admitted the mistake.")
    # "Saturday", "same", "statement" share a reporting verb's stem but are no form of it
    assert not needs_parse("On Saturday the same convoy returned with a statement of intent.")
    assert not needs_parse("“Our fighters are ready for a long siege.”")


def test_reporting_verb_forms_cover_every_form_the_lemmatizer_reduces_to_them() -> None:
    lemmatizer = nlp().get_pipe("lemmatizer")
    rules = lemmatizer.lookups.get_table("lemma_rules")["verb"]
    exceptions = lemmatizer.lookups.get_table("lemma_exc")["verb"]
    lemmas = {lemma for lemma in _lexicon().verb_type if " " not in lemma}
    for lemma in lemmas:
        forms = verb_forms(lemma)
        for old, new in rules:
            if lemma.endswith(new):
                assert lemma[: len(lemma) - len(new)] + old in forms, (lemma, old)
        for surface, targets in exceptions.items():
            if lemma in targets:
                assert surface in forms, (lemma, surface)


def test_speaker_with_affiliation_and_a_that_clause_the_parser_hung_on_the_statement() -> None:
    claims = _claims(
        "Karim Haddad of the Hama Relief Board said in a statement carried by local media that "
        "twelve people were killed in the shelling of the market."
    )
    assert len(claims) == 1
    assert claims[0].speaker == "Karim Haddad"
    assert claims[0].content.startswith("that twelve people were killed")
    assert claims[0].claim_type == "casualty_report"


def test_a_quote_closed_after_its_first_sentence_is_a_quote_of_the_speaker_after_it() -> None:
    claims = _claims(
        'The fighting is fierce. Rebels are shelling the old town every night" a local doctor told reporters.'
    )
    told = [c for c in claims if c.reporting_verb == "told"]
    assert len(told) == 1
    assert told[0].quote is True
    assert told[0].speaker == "local doctor"
    assert told[0].content.startswith("Rebels are shelling")


def test_a_quote_that_only_closes_continues_the_last_speaker_even_a_common_noun() -> None:
    claims = _claims(
        "The ministry added that the raid had hit a depot. "
        '"More than thirty fighters were killed in the strike on the depot."'
    )
    cont = [c for c in claims if c.reporting_verb is None]
    assert len(cont) == 1
    assert cont[0].speaker == "ministry"
    assert cont[0].quote is True


def test_a_passive_subject_is_not_the_speaker() -> None:
    claims = _claims("Up to 5000 families are still believed to be trapped in the old quarter of the town.")
    assert len(claims) == 1
    assert claims[0].speaker is None


def test_inner_passive_report_does_not_take_the_claim_from_the_speaker() -> None:
    claims = _claims("Abdul-Karim said more than 40 people have been confirmed dead in the eastern suburbs.")
    assert [(c.speaker, c.claim_type) for c in claims] == [("Abdul-Karim", "casualty_report")]


def test_it_said_is_the_last_body_that_spoke_not_a_person() -> None:
    claims = _claims(
        "The monitoring group said the town was shelled overnight. "
        "Ahmed Karimi, a resident, said he heard the jets. "
        "It said at least 15 fighters were killed in the offensive."
    )
    it = [c for c in claims if "15 fighters" in c.content]
    assert len(it) == 1
    assert it[0].speaker == "monitoring group"


def test_speaker_standing_right_before_the_verb_without_commas() -> None:
    claims = _claims(
        "Government jets struck the market killing at least nine civilians in the east of the province "
        "the Syrian Observatory for Human Rights (SOHR) said on Friday."
    )
    assert len(claims) == 1
    assert claims[0].speaker == "Syrian Observatory for Human Rights"
    assert claims[0].content.startswith("Government jets struck the market")
    assert claims[0].claim_type == "casualty_report"


def test_a_speaker_after_the_statement_joined_by_and() -> None:
    claims = _claims(
        "The siege is starving the population and leaving the clinics without medicine activists and NGOs say."
    )
    assert len(claims) == 1
    assert claims[0].speaker == "activists and NGOs"


def test_reported_takes_its_object_as_what_was_reported() -> None:
    claims = _claims("On Sunday residents reported a heavy bombardment of the northern districts.")
    assert len(claims) == 1
    assert claims[0].speaker == "residents"
    assert claims[0].content == "a heavy bombardment of the northern districts"


def test_a_noun_with_a_past_tense_clause_is_its_speaker() -> None:
    # the stripped dateline ("Aleppo") and the missing comma make the parser read "announced"
    # as a clause on "source"
    claims = _claims(
        "Aleppo A military source announced on Sunday that the army units established full control "
        "over the Jabal Badro neighborhood."
    )
    assert len(claims) == 1
    assert claims[0].speaker == "military source"
    assert claims[0].claim_type == "announcement"


def test_scare_quotes_are_not_the_statement() -> None:
    claims = _claims('A coalition of rebel groups denounced the new talks in Geneva as "meaningless" on Sunday.')
    assert len(claims) == 1
    assert claims[0].quote is False
    assert "talks in Geneva" in claims[0].content
    assert claims[0].claim_type == "accusation"


def test_a_body_reporting_its_own_completed_action_announces_it() -> None:
    claims = _claims("The group said it had captured the hills north of the town after two days of fighting.")
    assert [c.claim_type for c in claims] == ["announcement"]
    hit = _claims("The group said it had been hit by shelling north of the town after two days of fighting.")
    assert [c.claim_type for c in hit] == ["assessment"]


def test_a_text_condemning_something_is_no_speaker() -> None:
    claims = _claims("The council met on Wednesday to debate a draft resolution condemning the air strike.")
    assert claims == []


def test_casualty_report_by_the_participle_of_a_casualty_verb() -> None:
    claims = _claims('"A car bomb went off at the checkpoint killing at least 12 people," the governor said.')
    assert [c.claim_type for c in claims] == ["casualty_report"]


def test_one_victim_told_with_no_noun_is_a_casualty_report() -> None:
    # "one was killed": a count of one with no victim noun, as "a young girl was killed" is
    for text in (
        "Activists said one was killed on Monday and another on Tuesday in the shelling of the town.",
        "Activists said a young girl was killed in the raid on the town.",
    ):
        assert [c.claim_type for c in _claims(text)] == ["casualty_report"], text
    assert [c.claim_type for c in _claims("Activists said one of the roads was closed.")] != ["casualty_report"]


def test_a_country_speaking_is_its_government() -> None:
    (claim,) = _claims("Russia denied that its jets had struck the hospital in Idlib.")
    assert claim.speaker == "Russia" and claim.speaker_actor == "Government of Russia"
    (other,) = _claims("Qatar said the talks in Doha would resume next week.")
    assert other.speaker == "Qatar" and other.speaker_actor is None  # no such row in the actors file


def test_speaker_phrase_is_who_speaks_not_a_place_date_or_stray_word_before_it() -> None:
    cases = {
        # a place the model takes for a person, inside the head's prepositional phrase
        "Doctors in the town of Khan Sheikhoun said victims started to choke and vomit after the strike.": "Doctors",
        # the comma after the previous clause lost: its last word is no part of the name
        "The death toll from the blast has reached 20 people in addition to ten injured SANA said.": "SANA",
        # a numeric dateline before the speaker
        "24.08.2013 Syrian state media said weapons were seized from rebel hideouts in the area.": "Syrian state media",
    }
    for text, want in cases.items():
        speakers = [c.speaker for c in _claims(text)]
        assert speakers and speakers[0] is not None, text
        assert speakers[0].startswith(want), speakers  # not "Khan Sheikhoun", "injured SANA", "24.08.2013 ..."


def test_a_report_with_an_object_is_the_object_and_where_it_happened_not_the_next_verbs_clause() -> None:
    text = (
        "The Observatory reported Russian air raids on the western front lines but said that a halt to the "
        "bombing of the east of the city was holding."
    )
    by_verb = {c.reporting_verb: c.content for c in _claims(text)}
    assert by_verb["reported"] == "Russian air raids on the western front lines"
    assert by_verb["said"].startswith("that a halt to the bombing")
    text = "The Britain-based watchdog had earlier reported 12 dead in the strikes on the town of Harem."
    (claim,) = _claims(text)
    assert claim.content.startswith("12 dead in the strikes") and claim.claim_type == "casualty_report"


def test_according_to_survives_a_doubled_to_an_adverb_before_it_and_a_name_read_as_a_clause() -> None:
    cases = {
        "More than two million people have fled the province since March according to to the U.N.": "U.N.",
        "Thus according to the bulletin the militants shelled two villages north of the city overnight.": "bulletin",
        # "Save" taken for a verb: the name after "according to" is still who says it
        "According to Save the Children more than 300 schools in the province were damaged.": "Save the Children",
        # an acronym the tagger took for a common noun
        "According to UNICEF more than 300 schools in the province were damaged this year.": "UNICEF",
    }
    for text, want in cases.items():
        claims = _claims(text)
        assert [(c.speaker, c.reporting_verb) for c in claims] == [(want, "according to")], text
        assert "schools" in claims[0].content or "fled" in claims[0].content or "shelled" in claims[0].content


def test_according_to_a_record_is_its_source_when_named() -> None:
    (claim,) = _claims(
        "According to figures compiled by the provincial health directorate 52 people were killed in the raids."
    )
    assert claim.speaker == "provincial health directorate"
    assert claim.content.startswith("52 people were killed")
    (toll,) = _claims("Nine civilians were killed in the shelling of the market according to the latest toll.")
    assert toll.speaker == "latest toll" and toll.content.startswith("Nine civilians were killed")
    # "according to" that says how, not who: no claim
    how = _claims("The Observatory says it identifies the planes according to type and flight patterns.")
    assert [(c.speaker, c.reporting_verb) for c in how] == [("Observatory", "says")]
    assert [c.reporting_verb for c in _claims("The aid is shared according to need between the two camps.")] == []


def test_according_to_inside_a_quotation_is_the_quoted_speakers_claim() -> None:
    claims = _claims(
        '"According to our sources the convoy was hit twice near the crossing" the governor told reporters.'
    )
    assert [(c.speaker, c.reporting_verb) for c in claims] == [("governor", "told")]
    (quoted,) = _claims('"Forty fighters were killed in the battle for the hill" according to the rebel statement.')
    assert quoted.quote is True and quoted.speaker == "rebel statement"


def test_a_speaker_after_the_report_without_commas_is_its_whole_noun_phrase() -> None:
    cases = {
        "The toll from the car bomb in the market rose to 31 people the Syrian Observatory for Human Rights "
        "monitoring group said on Monday.": (
            "Syrian Observatory for Human Rights monitoring group",
            "rose to 31 people",
        ),
        "Government helicopters dropped barrel bombs on two villages overnight a monitoring group said.": (
            "monitoring group",
            "on two villages overnight",
        ),
        "The militia has used chlorine in fighting near the airport the US-based rights group said in a report.": (
            "US-based rights group",
            "near the airport",
        ),
    }
    for text, (speaker, end) in cases.items():
        (claim,) = _claims(text)
        assert claim.speaker == speaker, text
        assert claim.content.endswith(end), claim.content  # the speaker phrase is no part of the report


def test_a_place_after_a_preposition_is_not_the_speaker_before_the_verb() -> None:
    claims = _claims("Two children were killed by shelling on the main road in Aleppo Mahmoud Haddad told reporters.")
    assert [c.speaker for c in claims] == ["Mahmoud Haddad"]
    assert claims[0].content.endswith("in Aleppo")
    (res,) = _claims("The clinics have run out of fuel after weeks of siege in the town of Douma residents said.")
    assert res.speaker == "residents"
    (amb,) = _claims(
        "The gas was probably sarin dropped from a government jet the British ambassador to the United Nations said."
    )
    assert amb.speaker == "British ambassador to the United Nations" and amb.speaker_actor == "United Nations"


def test_a_count_or_a_second_subject_of_the_parse_is_not_the_speaker() -> None:
    (claim,) = _claims("The rocket attack on the market killed 12 people SANA said.")
    assert claim.speaker == "SANA" and claim.content.endswith("killed 12 people")
    (two,) = _claims(
        "Nine children were among at least 30 people killed in the raids a monitoring group said on Sunday."
    )
    assert two.speaker == "monitoring group"
    assert "at least 30 people killed in the raids" in two.content


def test_speaker_nouns_of_countries_and_names_with_small_words() -> None:
    (west,) = _claims("Western powers say the government has used chlorine against the rebel-held towns.")
    assert west.speaker == "Western powers" and west.claim_type == "assessment"
    (rsf,) = _claims("Media watchdog Reporters Without Borders said four journalists had been killed in the province.")
    assert rsf.speaker.endswith("Reporters Without Borders")


def test_a_participle_going_on_with_a_statement_is_a_claim_of_the_same_speaker() -> None:
    claims = _claims(
        "The ministry said the raid destroyed two weapons depots near the airport adding that twelve fighters "
        "were killed in the strike."
    )
    assert [(c.speaker, c.reporting_verb) for c in claims] == [("ministry", "said"), ("ministry", "adding")]
    assert claims[0].content == "the raid destroyed two weapons depots near the airport"
    assert claims[1].content.startswith("that twelve fighters were killed")
    assert claims[1].claim_type == "casualty_report"
    quoted = _claims(
        '"We will not leave the city whatever happens" the commander said adding "our men are ready for a long siege."'
    )
    assert [(c.speaker, c.quote) for c in quoted] == [("commander", True), ("commander", True)]
    assert quoted[0].content.startswith("We will not leave") and quoted[1].content.startswith("our men are ready")


def test_a_participle_after_a_clause_speaks_for_the_clause_subject_not_a_noun_of_it() -> None:
    (claim,) = _claims("The Russian envoy Sergei Lavrov cast doubt on the findings saying he was amazed at them.")
    assert claim.speaker == "Sergei Lavrov" and claim.content == "he was amazed at them"
    # the verb's own object and its participle are one statement when the object says nothing alone
    (one,) = _claims("The opposition coalition condemned the attack saying it was the third on the clinic this month.")
    assert one.reporting_verb == "condemned" and "third on the clinic" in one.content


def test_a_noun_the_parse_made_the_object_of_say_begins_what_was_said() -> None:
    (claim,) = _claims("Tribal sources say the feud between the two clans flared after the militants seized the wells.")
    assert claim.speaker == "Tribal sources"
    assert claim.content == "the feud between the two clans flared after the militants seized the wells"
    assert _claims("The governor said nothing about the talks in the capital on Monday.") == []


def test_a_passive_verb_in_what_was_said_reports_nothing_of_its_own() -> None:
    (claim,) = _claims(
        "French diplomats say the draft presented by Britain at the end of the month was not even read by Russia."
    )
    assert claim.speaker == "French diplomats" and claim.reporting_verb == "say"


def test_the_speaker_of_a_verb_the_parse_hung_on_a_clause_of_another() -> None:
    (claim,) = _claims(
        "The state news agency did not say when the raid took place and said at least four fighters were killed."
    )
    assert claim.speaker == "state news agency" and claim.content.startswith("at least four fighters")


def test_a_speaker_after_the_verb_that_ends_the_clause() -> None:
    (obs,) = _claims("Two children were killed by shelling in the village of Kafr Nabl said the Syrian Observatory.")
    assert obs.speaker == "Syrian Observatory" and obs.content.endswith("village of Kafr Nabl")
    (res,) = _claims("The militants collect a tax on every shop in the town said a resident who asked not to be named.")
    assert res.speaker == "resident" and res.content.startswith("The militants collect a tax")
    # a clause after the verb is what was said, its subject no speaker after the verb
    (head,) = _claims("Activists in the town said the head of the local clinic and two nurses were killed.")
    assert head.speaker == "Activists in the town" and head.content.startswith("the head of the local clinic")
    # "Said" inside a name is no reporting verb
    assert _claims("Photo by Omar Said Tanks Enter Aleppo Suburbs is on the front page.") == []


def test_who_said_is_the_noun_it_stands_for() -> None:
    claims = _claims("The figures were confirmed by local officials who said at least nine people died in the fire.")
    said = [c for c in claims if c.reporting_verb == "said"]
    assert [c.speaker for c in said] == ["local officials"]
    assert said[0].content.startswith("at least nine people died")


def test_a_headline_colon_between_a_speaker_and_what_it_says() -> None:
    (before,) = _claims("Monday 3 April 2017 Syrian opposition: 40 killed in air strikes on Idlib market.")
    assert before.speaker == "Syrian opposition" and before.reporting_verb == ":"
    assert before.content.startswith("40 killed in air strikes") and before.claim_type == "casualty_report"
    (after,) = _claims("June 2 2015 Rebels seize army base near the border: monitor.")
    assert after.speaker == "monitor" and after.content == "Rebels seize army base near the border"
    # a label, a long phrase or a clause before the colon is no speaker
    assert _claims("May 5 2016 Factbox: the rebel groups fighting around the city.") == []
    assert _claims("Here are the main steps in the negotiations: a truce and an aid corridor.") == []
    assert needs_parse("Syrian opposition: 40 killed in air strikes.")
    assert not needs_parse("The convoy left at 10:30 in the morning.")


def test_a_speaker_name_stops_before_its_apposition_and_a_count_is_no_subject() -> None:
    (manal,) = _claims("Rima a 30-year-old nurse living in Douma said she heard three blasts on Monday.")
    assert manal.speaker == "Rima"
    (act,) = _claims("The strikes on the market killed at least 17 people on Sunday activists said.")
    assert act.speaker == "activists" and act.content.endswith("at least 17 people on Sunday")


def test_according_to_a_record_the_report_runs_into_without_a_comma() -> None:
    (claim,) = _claims("According to a military statement rebel fighters destroyed two tanks near the airport.")
    assert claim.speaker == "military statement"
    assert claim.content.startswith("rebel fighters destroyed two tanks")


def test_a_speaker_phrase_of_a_name_and_a_common_noun_joined_by_and() -> None:
    (claim,) = _claims(
        "A car bomb killed nine people near a mosque in the northern city of Qamishli the Syrian Network for "
        "Human Rights and medics said."
    )
    assert claim.speaker == "Syrian Network for Human Rights and medics"
    assert claim.content.endswith("city of Qamishli")


def _about(claim: Claim, text: str) -> list[tuple[str, str]]:
    """(actor, the words naming it) of every actor a claim is about, each checked against its span."""
    for a in claim.about_actors:
        assert a.evidence is not None and text[a.evidence.start : a.evidence.end] == a.mention
        assert a.evidence.sentence == claim.evidence.sentence if claim.evidence else False
    assert claim.about_actor == (claim.about_actors[0].name if claim.about_actors else None)
    return [(a.name, a.mention) for a in claim.about_actors]


def test_an_accusation_is_about_every_one_it_accuses() -> None:
    text = "Rebel commanders accused the regime and its Russian allies of shelling a bakery in Ariha."
    (claim,) = _claims(text)
    assert claim.claim_type == "accusation"
    assert _about(claim, text) == [
        ("Military Forces of Syria", "the regime"),
        ("Military Forces of Russia", "its Russian allies"),
    ]
    text = "Local residents blamed the attack on Turkish drones and the Syrian army."
    (claim,) = _claims(text)
    assert [name for name, _ in _about(claim, text)] == ["Military Forces of Turkey", "Military Forces of Syria"]


def test_an_accused_the_actor_list_does_not_know_is_no_actor_of_the_act() -> None:
    # not the children the act killed: whom the verb accuses is named by no listed actor
    text = "The ministry accused the smugglers of an ambush that killed four children near Tal Abyad."
    (claim,) = _claims(text)
    assert claim.claim_type == "accusation" and _about(claim, text) == []
    # a bare country accused is its government, as a speaker is
    text = "The opposition accused Russia of bombing the hospital in Maarat al-Numan."
    (claim,) = _claims(text)
    assert _about(claim, text) == [("Government of Russia", "Russia")]


def test_a_condemned_act_and_other_claims_are_about_the_first_actor_they_name() -> None:
    text = "The Syrian Coalition condemned the shelling carried out by regime forces on a school in Douma."
    (claim,) = _claims(text)
    assert _about(claim, text) == [("Military Forces of Syria", "regime forces")]
    text = "Activists said Russian warplanes struck a market in Jisr al-Shughur on Friday."
    (claim,) = _claims(text)
    assert _about(claim, text) == [("Military Forces of Russia", "Russian warplanes")]


def _titled(title: str, text: str) -> list[Claim]:
    story = Story("t1", "in", 0, title, text, hashlib.sha1(text.encode()).hexdigest())
    return extract_claims(annotate([story])[0])


def test_a_claim_of_the_title_has_its_evidence_in_the_title() -> None:
    title = "Syrian opposition: 300 killed in gas attack on eastern Ghouta"
    text = "Rescue workers in eastern Ghouta pulled bodies from cellars on Thursday. The toll is still rising."
    claims = _titled(title, text)
    (head,) = [c for c in claims if c.evidence and c.evidence.part == "title"]
    assert head.speaker == "Syrian opposition" and head.claim_type == "casualty_report"
    assert head.evidence is not None and title[head.evidence.start : head.evidence.end] == head.content
    assert head.evidence.sentence == title and head.evidence.sentence_start == 0
    assert all(c.evidence is not None and c.evidence.part == "text" for c in claims if c is not head)
    # the same headline as the text's first line: a claim of the text, none of the title
    body = _titled(title, title + ". " + text)
    assert [c.evidence.part for c in body if c.evidence] == ["text"]
    assert body[0].content.rstrip(".") == head.content


def test_a_title_the_text_repeats_gives_no_second_claim() -> None:
    title = "Rebels seize army base near the border: monitor"
    claims = _titled(title, f"{title}\n\nThe rebels took the base after two days of fighting, a monitor said.")
    assert claims and all(c.evidence is not None and c.evidence.part == "text" for c in claims)
    assert len([c for c in claims if c.content == "Rebels seize army base near the border"]) == 1


def _one(claims: list[Claim], start: str) -> Claim:
    found = [c for c in claims if c.content.startswith(start)]
    assert len(found) == 1, [(c.speaker, c.content) for c in claims]
    return found[0]


def test_he_after_an_introduced_person_or_a_source_is_that_person() -> None:
    text = (
        "A car bomb killed 12 people on Sunday at a market in the town of Azaz. "
        "A shopkeeper named Khaled who lost his brother in the blast described the scene. "
        '"The whole street was on fire and people were screaming" he said.'
    )
    assert _one(_claims(text), "The whole street").speaker == "Khaled"
    text = (
        "At least eight people were killed when rockets hit a school in Aleppo a source in the local police said. "
        "Damage is also reported in the old city. "
        '"The shells fell on the playground and many children are wounded" he told reporters.'
    )
    claims = _claims(text)
    assert _one(claims, "At least eight").speaker == "source in the local police"
    assert _one(claims, "The shells fell").speaker == "source in the local police"


def test_a_pronoun_inside_a_statement_means_its_speaker() -> None:
    text = (
        "The Guardian spoke to several residents. In interviews with the newspaper the tribal leaders said they "
        "were tired of promises by foreign governments which they blamed for the collapse of the town."
    )
    blamed = _one(_claims(text), "which they blamed")
    assert blamed.speaker == "tribal leaders" and blamed.claim_type == "accusation"
    text = "A spokesman for the rescue service said 40 people were affected by the smoke which they believe was toxic."
    claims = _claims(text)
    assert _one(claims, "which they believe").speaker == "spokesman for the rescue service"
    assert _one(claims, "40 people were affected").claim_type == "casualty_report"


def test_the_speaker_is_not_joined_to_the_clause_before_it() -> None:
    text = (
        "Iran is among a few states that are not members of the agreement that limits missile exports and "
        "European governments believe it has stockpiles of long-range rockets."
    )
    assert _one(_claims(text), "it has stockpiles").speaker == "European governments"


def test_a_persons_officials_are_the_speaker_not_the_person() -> None:
    claims = _claims("Prime Minister Boris Johnsons aides have said they would never accept a delay to the deal.")
    assert _one(claims, "they would never").speaker == "Prime Minister Boris Johnsons aides"
    # a person before a singular title is the person
    claims = _claims("Rami Abdel Rahman head of the Observatory said 20 fighters were killed in the clashes.")
    assert _one(claims, "20 fighters").speaker == "Rami Abdel Rahman"


def test_a_quote_before_a_new_report_goes_on_with_the_last_speaker() -> None:
    text = (
        '"The army has inflicted heavy losses on the militants in the hills" the military sources said. '
        '"Nearly 30 more militants were killed in the valley near the camp of Jaish al-Islam" Reports also said on '
        "Friday that the militants lost over sixty fighters in the battle near Douma."
    )
    claims = _claims(text)
    assert _one(claims, "Nearly 30").speaker == "military sources"
    assert _one(claims, "Nearly 30").quote
    reports = _one(claims, "that the militants lost")
    assert reports.speaker == "Reports" and not reports.quote


def test_a_record_can_be_the_speaker() -> None:
    claims = _claims("The report which did not name the pilots said 17 people had been killed in the raid.")
    assert _one(claims, "17 people").speaker == "report"
    claims = _claims("The claim which did not mention the market said 12 people had been killed.")
    assert _one(claims, "12 people").speaker == "claim"
    # a toll is no speaker of the verb it is the subject of
    text = "With the death toll estimated between 50 and 90 what would be the worst attack this year shocked the town."
    assert not [c for c in _claims(text) if c.speaker == "death toll"]


def test_a_count_given_is_a_report_of_it() -> None:
    claims = _claims(
        "The Observatory also reported heavy shelling on the town but gave a lower toll of five civilians killed."
    )
    toll = _one(claims, "a lower toll")
    assert toll.speaker == "Observatory" and toll.claim_type == "casualty_report"
    claims = _claims("Local officials reported clashes near the bakery and put the death toll at 23.")
    assert _one(claims, "the death toll at 23").speaker == "Local officials"
    claims = _claims("The council reported the return of the families and gave a warm welcome to them on Monday.")
    assert [c.reporting_verb for c in claims] == ["reported"]


def test_unattributed_reported_casualties() -> None:
    claims = _claims(
        "Later three more people were reported killed and 15 others were injured in the shelling of the old quarter."
    )
    c = _one(claims, "Later three more")
    assert c.speaker is None and c.claim_type == "casualty_report"


def test_negated_or_unused_reporting_verbs_state_nothing() -> None:
    assert not _claims("It did not say whether any soldiers were among the dead in the town.")
    assert not _claims("The ministry would not confirm the number of soldiers killed in the ambush.")
    text = '"Two buildings collapsed and the numbers are difficult to estimate at the moment" the official said.'
    claims = _claims(text)
    assert [c.reporting_verb for c in claims] == ["said"]


def test_an_act_in_a_clause_of_time_is_no_announcement() -> None:
    text = (
        "The officer added that the militants planned to storm the checkpoints using trucks packed with "
        "explosives but the trucks were destroyed before they were deployed near the front."
    )
    assert _one(_claims(text), "that the militants planned").claim_type == "assessment"
    assert _one(
        _claims("The ministry said it deployed two battalions to the border town."), "it deployed"
    ).claim_type == ("announcement")


def test_where_the_speaker_sits_may_name_its_actor() -> None:
    claims = _claims("The center based in Hmeimim added that militants shelled the villages of Kafr Nabl and Maarat.")
    assert _one(claims, "that militants shelled").speaker_actor == "Military Forces of Russia"
    claims = _claims("Activists based in Turkey said that militants shelled the villages of Kafr Nabl and Maarat.")
    assert _one(claims, "that militants shelled").speaker_actor is None


@pytest.mark.parametrize(
    ("title", "speaker"),
    [
        ("Car bomb attack kills at least 26 in Syria war monitor says", "war monitor"),
        ("Air strike on Syrian hospital kills 10 monitoring group says", "monitoring group"),
        ("Islamic State recaptures gas fields kills 30 monitoring group says", "monitoring group"),
    ],
)
def test_a_titles_counted_report_keeps_its_whole_speaker(title: str, speaker: str) -> None:
    claims = [c for c in _titled(title, "Fighting went on in the east of the country.") if c.evidence.part == "title"]
    assert [c.speaker for c in claims] == [speaker]
    assert claims[0].claim_type == "casualty_report"


def test_the_speaker_before_a_verb_is_read_once_however_often_it_is_asked_for(monkeypatch: Any) -> None:
    from crosswire.extract import claims as claims_module

    text = (
        "Eight children were among at least 40 people killed in the village last week when gunmen "
        "stormed it a monitoring group said on Sunday."
    )
    (a,) = annotate([_story(text)])
    asked: list[int] = []
    read: list[int] = []
    ask, read_it = claims_module._StoryClaims.speaker_before, claims_module._StoryClaims.read_speaker_before

    def counting_ask(self: Any, verb: Any, off: int) -> Any:
        asked.append(verb.i)
        return ask(self, verb, off)

    def counting_read(self: Any, verb: Any, off: int) -> Any:
        read.append(verb.i)
        return read_it(self, verb, off)

    monkeypatch.setattr(claims_module._StoryClaims, "speaker_before", counting_ask)
    monkeypatch.setattr(claims_module._StoryClaims, "read_speaker_before", counting_read)
    (claim,) = extract_claims(a)
    # a count the parse made the subject, and two subjects: asked twice for "said", read once
    assert claim.speaker == "monitoring group" and claim.content.startswith("Eight children were among")
    assert len(asked) > len(set(asked)) and sorted(read) == sorted(set(asked))


def test_a_count_giving_sentence_with_no_reporting_verb_is_parsed_and_gives_the_count() -> None:
    assert needs_parse("The monitor put the toll at 23 dead on Monday.")
    assert not needs_parse("The fighters gave up their positions on Monday.")
    claims = _claims("Clashes raged in the town overnight. The monitor put the toll at 23 dead on Monday.")
    (claim,) = [c for c in claims if "23" in c.content]
    assert claim.speaker == "monitor" and claim.claim_type == "casualty_report"


def test_a_modal_or_negated_verb_inside_a_warning_is_what_the_warning_says_not_a_report() -> None:
    claims = _claims(
        "The envoy Maria Lund said the talks had stalled. "
        "She also warned that the warring parties should not think they can act with impunity."
    )
    (claim,) = [c for c in claims if "impunity" in c.content]
    assert claim.speaker == "Maria Lund" and claim.reporting_verb == "warned"
    assert "should not think" in claim.content


def test_shelling_reported_with_no_source_is_an_unattributed_claim() -> None:
    (claim,) = _claims("Heavy shelling was also reported in the eastern districts of the city.")
    assert claim.speaker is None and "shelling" in claim.content
    assert not _claims("Heavy shelling hit the eastern districts of the city.")


def test_it_had_no_confirmation_is_no_self_reported_act() -> None:
    (claim,) = _claims("The ministry said it had no independent confirmation that the convoy was hit.")
    assert claim.claim_type != "announcement"
    (act,) = _claims("The ministry said it had destroyed three depots near the border.")
    assert act.claim_type == "announcement"


def test_one_victim_with_no_numeral_is_a_casualty_report() -> None:
    (claim,) = _claims("Local sources said that a mortar round hit the market killing a civilian.")
    assert claim.claim_type == "casualty_report"
    (none,) = _claims("Local sources said that a mortar round hit the empty market.")
    assert none.claim_type != "casualty_report"


def test_a_quotation_after_a_count_goes_on_with_the_speaker_quoted_before_it() -> None:
    claims = _claims(
        '"We lost everything" said Omar Haddad a resident of the town. '
        "The monitor gave a higher toll of 31 people killed. "
        '"The children cannot sleep."'
    )
    (cont,) = [c for c in claims if "cannot sleep" in c.content]
    assert cont.speaker == "Omar Haddad"
    assert any(c.speaker == "monitor" and "31" in c.content for c in claims)


def test_a_sentence_final_attribution_the_parse_hung_on_the_report_is_a_claim() -> None:
    # "he added" parsed as a relative clause of "raid"; "SANA news agency reported" as a clause
    # on "attack"; "the Observatory added" as a complement of "left ... wounded"
    claims = _claims(
        "Hassan Omar, head of the clinic, said the hospital was full. "
        "At least nine people were also hurt in the second raid he added."
    )
    (added,) = [c for c in claims if c.reporting_verb == "added"]
    assert added.speaker == "Hassan Omar"
    assert added.content == "At least nine people were also hurt in the second raid"
    (sana,) = _claims(
        "Government troops destroyed two rocket launchers in an attack on militant positions near Palmyra "
        "SANA news agency reported on Monday."
    )
    assert sana.speaker == "SANA news agency" and sana.content.endswith("near Palmyra")
    (obs,) = _claims("The shelling left 14 others wounded the Observatory added.")
    assert obs.speaker == "Observatory" and obs.content == "The shelling left 14 others wounded"
    assert obs.claim_type == "casualty_report"


def test_no_sentence_final_attribution_in_a_relative_clause_an_infinitive_or_a_relay() -> None:
    assert not _claims("We could not verify the figures that the ministry reported.")
    assert not _claims("Ministers urged waiting for the inspectors to report before any action.")
    claims = _claims(
        "Turkey said on Monday it would close the crossing and called on Damascus to reopen the road "
        "Reuters reported."
    )
    assert [c.speaker for c in claims] == ["Turkey"]  # the outlet relaying Turkey's words


@pytest.mark.parametrize(
    ("text", "speaker", "content_end"),
    [
        # an entity the model ran across the lost comma: the article begins the speaker's name
        ("Two men were shot dead in the nearby village of al-Mansura the Observatory said.", "Observatory",
         "al-Mansura"),
        # the parse joined the report's last words to the subject; the phrase read from its article
        ("Two soldiers were hurt in clashes four kilometres west of Jarablus the Turkish army said.", "Turkish army",
         "Jarablus"),
        # when it happened ends the report; "state-run news agency" describes the name it ends with
        ("Two car bombs killed 12 people in Homs on Tuesday state-run news agency SANA reported.",
         "SANA", "on Tuesday"),
        # a count of the report ("a fourth") is no part of who speaks
        ("A rocket hit a house in the old city killing two brothers and injuring a fourth SANA said.", "SANA",
         "a fourth"),
        # a plural that modifies the noun after it belongs to the phrase; another one ends the report
        ("An assault on the town killed at least 40 people in Hama rights groups said.", "rights groups", "in Hama"),
        ("Air strikes hit the town of Saraqeb activists and rescue workers said.", "activists and rescue workers",
         "Saraqeb"),
        ("The shelling killed six people and wounded several others activists said.", "activists", "several others"),
    ],
)
def test_the_speaker_at_a_sentences_end_is_read_where_the_report_ends(
    text: str, speaker: str, content_end: str
) -> None:
    (claim,) = _claims(text)
    assert claim.speaker == speaker
    assert claim.content.endswith(content_end)


def test_the_coalition_that_speaks_is_the_one_the_story_names_or_whose_outlet_it_is() -> None:
    national = "National Coalition for Syrian Revolutionary and Opposition Forces"
    claims = _claims(
        "The Syrian Coalition condemned the bombing of the hospital in Idlib. "
        "Further delay in taking a firm stance will open the door to more crimes by the regime the Coalition said."
    )
    assert [c.speaker_actor for c in claims] == [national, national]
    (us,) = _claims("The coalition said it had destroyed two bridges used by the militants near Raqqa.")
    assert us.speaker_actor == "US-led Coalition"
    text = "The Coalition said the international community bears responsibility for the massacre in Aleppo."
    own = Story("s1", "in", 0, None, text, hashlib.sha1(text.encode()).hexdigest(), outlet="Etilaf")
    (etilaf,) = extract_claims(annotate([own])[0])
    assert etilaf.speaker_actor == national


def test_a_second_reporting_verb_the_parse_joined_to_the_statement_is_the_same_speakers() -> None:
    # "added"/"warned" parsed as conjuncts of the reported clause's verb ("shelled", "hit")
    claims = _claims(
        "The governor of Hama said on Monday that rebels had shelled the town of Mhardeh and added that "
        "at least four civilians were wounded."
    )
    said, added = sorted(claims, key=lambda c: c.evidence.start if c.evidence else 0)
    assert said.content == "that rebels had shelled the town of Mhardeh"
    assert added.speaker == "governor of Hama" and added.reporting_verb == "added"
    assert "four civilians were wounded" in added.content and added.claim_type == "casualty_report"
    text = "The ministry said the convoy was hit by a drone and warned that further attacks would be answered."
    (warned,) = [c for c in _claims(text) if c.reporting_verb == "warned"]
    assert warned.speaker == "ministry" and warned.claim_type == "threat"
    # another clause's subject between them: the second verb may be that subject's, not the first speaker's
    claims = _claims(
        "The agency said that 16 civilians were killed in raids on the village whilst a coalition source did not "
        "deny that strikes had been carried out and said that an investigation is under way."
    )
    assert all(c.speaker != "agency" for c in claims if c.content.startswith("that an investigation"))


def test_a_reporting_verb_inside_the_quotation_an_outer_verb_reports_is_the_quoted_speakers_words() -> None:
    # "announce" is inside the quotation (its subject before it, outside): the words Abu Omar is
    # quoted saying, so "he told AFP" after it is his too
    claims = _claims(
        'Rebel factions "announce the start of the battle to open the road to Daraa" said Abu Omar al-Halabi '
        "a commander with Jaish al-Izza. "
        'The offensive "will cut the regime supply line south of the city" he told AFP.'
    )
    assert [c.speaker for c in claims] == ["Abu Omar al-Halabi", "Abu Omar al-Halabi"]
    assert claims[0].quote and claims[0].content.startswith("announce the start")
    # a report quoted whole is still its own speaker's ('"The minister said ..." the statement said')
    whole = _claims('"President Erdogan said such attacks are unacceptable" a statement from his office said.')
    assert any(c.speaker == "Erdogan" for c in whole)


def test_a_persons_words_going_on_in_the_first_person_without_quotation_marks() -> None:
    claims = _claims(
        "This is a crime against children ambassador Karen Pierce told reporters. "
        "I call on the members who vetoed the draft to change their course. "
        "The council meets again on Friday."
    )
    assert [c.speaker for c in claims] == ["Karen Pierce", "Karen Pierce"]
    assert claims[1].content.startswith("I call on the members") and not claims[1].quote
    # after a body's claim the first person may be the outlet's own voice: no claim
    body = _claims("Activists said the fighters were executed. We call on the world to support the rebels.")
    assert [c.speaker for c in body] == ["Activists"]


def test_page_furniture_run_into_a_speaker_phrase_is_no_part_of_it() -> None:
    (credit,) = _claims("(Reuters) Local civil defence workers told Reuters that bodies were still under the rubble.")
    assert credit.speaker == "Local civil defence workers"
    slideshow = _claims(
        "Slideshow (3 Images) A resident of Deir al-Zor Omar Khaled al-Hassan said that two villages had fallen."
    )
    assert [c.speaker for c in slideshow] == ["Omar Khaled al-Hassan"]
    assert not _claims("H. Zain/ R.J/ Ghossoun/H. Said")  # an editors' line: "Said" is a name
    # a label that ends a name is the name's
    (hrw,) = _claims("Human Rights Watch said that the strike killed at least 12 civilians in the town.")
    assert hrw.speaker == "Human Rights Watch"


def test_what_a_sentence_ending_told_x_that_says_is_the_next_sentence() -> None:
    claims = _claims(
        "A military source spoke about the raid. The source told the agency that. "
        "We have seen the reports that people were killed and we are collecting information on the matter."
    )
    (said,) = [c for c in claims if c.content.startswith("We have seen")]
    assert said.speaker == "source" and not said.quote
    claims = _claims("The governor told reporters that. The road to the city will reopen on Monday.")
    assert [(c.speaker, c.content) for c in claims] == [("governor", "The road to the city will reopen on Monday.")]


def test_one_of_a_group_of_speakers_speaks_and_a_place_before_a_participle_is_the_reports() -> None:
    claims = _claims(
        "One of the guards at the gate told AFP his detector began beeping when a truck pulled up. "
        '"We stopped the car at the checkpoint" he said.'
    )
    assert [c.speaker for c in claims] == ["One of the guards at the gate"] * 2  # "he": the guard
    (sources,) = _claims("The families fled to shelters in Lebanon Jordan or Turkey informed sources said.")
    assert sources.speaker == "informed sources" and sources.content.endswith("or Turkey")
    (monitor,) = _claims("Rebels retook the village near Idlib on Sunday the London based monitor said.")
    assert monitor.speaker == "London based monitor"


def test_it_ending_a_sentence_is_the_body_that_spoke_before_not_the_reports_subject() -> None:
    claims = _claims(
        "Fighting erupted overnight in the Qaboun district the Britain-based watchdog said. "
        "The army shelled both Qaboun and the Jobar district of the capital it added."
    )
    (added,) = [c for c in claims if c.reporting_verb == "added"]
    assert added.speaker == "Britain-based watchdog" and added.content.startswith("The army shelled")


def _speaker_of(claims: list[Claim], start: str) -> str | None:
    (claim,) = [c for c in claims if c.content.startswith(start)]
    return claim.speaker


def test_he_and_she_mean_the_last_person_of_fitting_gender_never_a_body() -> None:
    claims = _claims(
        "A spokeswoman for the UN refugee agency said 3000 people had fled the town. "
        "Mohammed Ali a local commander said the road to the north was cut. "
        "She said aid convoys could not reach the town."
    )
    assert _speaker_of(claims, "aid convoys") == "spokeswoman for the UN refugee agency"  # not Mohammed Ali
    claims = _claims(
        "Ms Leila Haddad a nurse at the hospital said 14 children were treated. "
        "The defence ministry said its jets had struck only militant positions. "
        "Hassan Omar a rescue worker said two buildings collapsed. "
        "She added that the hospital had run out of oxygen."
    )
    assert _speaker_of(claims, "that the hospital had run out") in ("Leila Haddad", "Ms Leila Haddad")
    claims = _claims(
        "The Syrian Observatory for Human Rights said 30 people were killed in the raids. "
        '"My brother was killed in the shelling" he said.'
    )
    assert _speaker_of(claims, "My brother") != "Syrian Observatory for Human Rights"


def test_a_guards_first_person_words_are_his_not_an_organisations_named_before() -> None:
    claims = _claims(
        "Amnesty International accused the guards of torture at the prison. "
        '"I saw them beat the prisoners every night" said a former guard. '
        '"I never saw a doctor come to the cells" he said.'
    )
    assert _speaker_of(claims, "I saw them") == "former guard"
    assert _speaker_of(claims, "I never saw") == "former guard"


def test_it_means_the_last_body_not_a_person_noun() -> None:
    claims = _claims(
        "The health ministry said 20 people were killed in the strike on the market. "
        "A doctor at the main hospital said the wards were full. "
        "It said the toll was likely to rise."
    )
    assert _speaker_of(claims, "the toll was likely") == "health ministry"


def test_the_source_means_the_source_the_story_introduced() -> None:
    claims = _claims(
        "A military source told SANA that army units destroyed a rebel position in Jobar. "
        "The Syrian Observatory for Human Rights said 12 fighters were killed in the clashes. "
        "The source added that the army seized a large quantity of weapons."
    )
    assert _speaker_of(claims, "that the army seized") == "military source"
    claims = _claims(
        "The weapons were hidden in a farm near the town a police source said. "
        "The bombers came from Idlib the source said."
    )
    assert _speaker_of(claims, "The bombers came") == "police source"
    # a noun inside a name is no back-reference ("the army" is not the Free Syrian Army)
    claims = _claims(
        "The Free Syrian Army said its fighters had taken the hill. The army said the rebels had withdrawn."
    )
    assert _speaker_of(claims, "the rebels had withdrawn") == "army"


def test_a_statement_relayed_by_a_sentence_final_attribution_ends_before_it() -> None:
    (britain,) = _claims(
        "Britain said on Wednesday it would raise the attack at the Security Council and called on "
        "Damascus to give inspectors access to the site Reuters reported."
    )
    assert britain.speaker == "Britain" and britain.content.endswith("access to the site")
    (ministry,) = _claims(
        "At the same time the ministry said that Turkish jets struck Kurdish positions near Afrin "
        "within the specified time RT reports."
    )
    assert ministry.content.endswith("within the specified time")
    text = "The governor said the rebels had fired 20 rockets at the city on Monday state media reported."
    governor = [c for c in _claims(text) if c.speaker == "governor"]
    assert [c.content for c in governor] == ["the rebels had fired 20 rockets at the city on Monday"]


def test_a_persons_name_ends_where_the_organisation_before_the_title_begins() -> None:
    # the commas and the apostrophe lost: the tagger reads "Philip Luther Amnesty" as one person
    claims = _claims(
        "Amnesty International said the prisoners were tortured. "
        '"The prison is a human slaughterhouse" said Philip Luther Amnesty Internationals research director.'
    )
    assert _speaker_of(claims, "The prison is") == "Philip Luther"
    claims = _claims(
        "Human Rights Watch accused the government of using cluster munitions. "
        '"The strikes on the market were unlawful" said Sarah Leah Whitson Human Rights Watchs Middle East director.'
    )
    assert _speaker_of(claims, "The strikes on the market") == "Sarah Leah Whitson"
    # a surname the story writes on its own is no organisation
    claims = _claims(
        "Rami Abdel Rahman said 20 people were killed in the raids. Abdel Rahman said the toll could rise."
    )
    assert _speaker_of(claims, "20 people") == "Rami Abdel Rahman"


def test_a_headline_run_into_a_speaker_phrase_is_no_part_of_it() -> None:
    from crosswire.extract.claims import _actor_finder, _StoryClaims

    title = "Over 40 fighters killed in car bomb blast near Hasaka"
    text = title + " The Islamic State group on Sunday claimed the bombing."
    story = Story("s1", "in", 0, title, text, hashlib.sha1(text.encode()).hexdigest())
    state = _StoryClaims(annotate([story])[0], _lexicon(), _actor_finder())
    doc = nlp()(text)
    group = next(t for t in doc if t.text == "group")
    # the story's title, glued to the lede, is no part of the phrase that ends with "group"
    assert [t.text for t in state.past_headline(list(doc[: group.i + 1]), 0)] == ["The", "Islamic", "State", "group"]
    doc = nlp()("Rebels Push Into Hama Countryside 25 Soldiers Killed Reports said the rebels took two villages.")
    said = next(t for t in doc if t.text == "said")
    # a title-case headline: the phrase begins after its last capitalised verb
    assert [t.text for t in state.past_headline(list(doc[6 : said.i]), 0)] == ["Reports"]
    # a name with no verb of a headline keeps every word
    doc = nlp()("Doctors Without Borders said the hospital was hit.")
    assert len(state.past_headline(list(doc[:3]), 0)) == 3


def test_a_quotation_he_said_is_not_given_to_a_body_when_he_means_nobody_known() -> None:
    claims = _claims(
        "Moscow denied any involvement in the raids on the school. "
        '"It is an outrage and if deliberate it is a war crime" he said adding that the school had been hit twice.'
    )
    quoted = [c for c in claims if c.content.startswith("It is an outrage")]
    assert quoted and all(c.speaker != "Moscow" for c in quoted)


def _claims_from(text: str, outlet: str | None) -> list[Claim]:
    story = Story("s1", "in", 0, None, text, hashlib.sha1(text.encode()).hexdigest(), outlet=outlet)
    return extract_claims(annotate([story])[0])


def test_unnamed_military_source_of_a_state_agency_is_that_states_army() -> None:
    text = "A military source told SANA that army units destroyed four tanks of the militants near Deir Ezzor."
    (c,) = _claims_from(text, None)
    assert c.speaker_actor == "Military Forces of Syria"


def test_unnamed_police_source_in_a_state_agencys_own_story() -> None:
    text = "A source at Homs Police Command said that terrorists fired three mortar shells on the city, wounding one."
    (c,) = _claims_from(text, "SANA")
    assert c.speaker_actor == "Police Forces of Syria"


def test_unnamed_source_of_a_wire_stays_unresolved() -> None:
    (c,) = _claims_from("A military source told Reuters that the army had pushed into the eastern districts.", "SANA")
    assert c.speaker_actor is None
    (c,) = _claims_from("A source told SANA that the convoy had left the town at dawn.", None)
    assert c.speaker_actor is None  # no affiliation stated: whose source is not said


def test_a_partys_report_of_its_own_strikes_is_an_announcement_about_itself() -> None:
    (c,) = _claims("The Turkish army said its artillery hit 30 positions of the militants near Afrin.")
    assert (c.claim_type, c.about_actor) == ("announcement", "Military Forces of Turkey")


def test_own_operation_told_with_its_dead_is_still_an_announcement() -> None:
    (c,) = _claims("The Syrian army said 40 ISIS militants were killed in the fighting near Palmyra.")
    assert c.claim_type == "announcement"
    assert [a.name for a in c.about_actors] == ["Military Forces of Syria", "Islamic State (ISIS)"]


def test_a_monitors_count_of_dead_is_a_casualty_report_about_the_perpetrator() -> None:
    (c,) = _claims("The Syrian Observatory for Human Rights said 12 civilians died in Russian air strikes on Idlib.")
    assert (c.claim_type, c.about_actor) == ("casualty_report", "Military Forces of Russia")
    assert c.about_actors[0].evidence is not None and c.about_actors[0].evidence.text == "Russian"


def test_anothers_armed_act_without_dead_is_an_accusation_about_the_doer() -> None:
    (c,) = _claims("Regime forces are continuing to shell the villages of the Ghab plain, the activists said.")
    assert (c.claim_type, c.about_actor) == ("accusation", "Military Forces of Syria")


def test_victims_of_a_passive_harm_are_no_doer() -> None:
    (c,) = _claims("Activists said ISIS militants were killed near Raqqa on Sunday.")
    assert c.claim_type != "accusation"
    assert c.about_actor == "Islamic State (ISIS)"  # no doer named: the first actor named, as before


def test_a_state_agencys_army_source_reporting_enemy_dead_announces_its_own_operation() -> None:
    text = (
        "A military source told SANA that army units clashed with terrorists near Deraa. "
        "About 30 terrorists were killed in the clashes, the source added."
    )
    claims = _claims_from(text, None)
    last = claims[-1]
    assert last.speaker_actor == "Military Forces of Syria"  # "the source": the military source
    assert last.claim_type == "announcement"
    assert last.about_actor == "Military Forces of Syria"


def test_the_object_of_a_participle_is_no_doer() -> None:
    text = "An air strike by the US-led coalition fighting ISIS killed 18 Kurdish fighters, the Pentagon said."
    (c,) = _claims(text)
    assert c.about_actor == "US-led Coalition"  # the doer, not the enemy it was fighting


def test_perished_is_a_casualty_word() -> None:
    (c,) = _claims("At least 20 civilians perished when Russian air strikes hit a market in Idlib, the monitor said.")
    assert (c.claim_type, c.about_actor) == ("casualty_report", "Military Forces of Russia")


def test_an_allys_dead_are_no_announcement_of_the_speaker() -> None:
    (c,) = _claims("The Russian Defence Ministry said 30 Syrian soldiers were killed in the fighting near Palmyra.")
    assert c.claim_type == "casualty_report"  # Russia's ally's losses, not Russia's own operation


def test_a_bridge_used_by_an_actor_makes_it_no_doer() -> None:
    (c,) = _claims("The coalition said it had carried out two strikes near Raqqa, hitting a bridge used by ISIS.")
    assert c.claim_type == "announcement"


def test_own_doing_in_a_later_clause_leaves_the_first_doer() -> None:
    text = (
        "We were shocked by Nusra fighters executing the pilot whose plane we shot down, "
        "the Jaish al-Islam spokesman said."
    )
    (c,) = _claims(text)
    assert c.about_actor == "Jabhat al-Nusra"


def test_an_act_not_done_names_no_victims_to_announce() -> None:
    (c,) = _claims("The Syrian army said the US is hesitant to strike at the terrorists in eastern Syria.")
    assert c.claim_type != "announcement"


def test_a_body_that_never_fights_announces_no_operation() -> None:
    (c,) = _claims("The United Nations said 40 ISIS militants were killed in the fighting near Palmyra.")
    assert c.claim_type == "casualty_report"


def test_a_claim_that_leaves_the_doer_open_accuses_no_one() -> None:
    (c,) = _claims("Activists said it was unclear whether the strikes on Saraqeb were carried out by Russian jets.")
    assert c.claim_type == "assessment"
    (c,) = _claims("Activists said the strikes on Saraqeb were carried out by Russian jets.")
    assert (c.claim_type, c.about_actor) == ("accusation", "Military Forces of Russia")


def test_a_diplomat_speaks_for_the_state_that_sends_them_not_the_body_they_are_sent_to() -> None:
    (c,) = _claims("Russian Envoy to UN Vitaly Churkin said the report could have been falsified.")
    assert c.speaker_actor == "Government of Russia"
    (c,) = _claims("UN envoy to Syria Staffan de Mistura said the talks would resume next month.")
    assert c.speaker_actor == "United Nations"
