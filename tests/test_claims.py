"""Claims: reported speech through the real annotator and spaCy model."""

from __future__ import annotations

import hashlib
from pathlib import Path

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
