"""Event classification: ACLED sub-types from real-style news sentences, precedence, modality, non-events."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from crosswire.errors import DataFileError
from crosswire.extract import classify
from crosswire.extract.classify import TypeHit, classify_sentence, classify_snippet, is_candidate

CASE_DEV = Path("/work/shared/eval/case2021/case2021_task2_dev.tsv")


def top(text: str) -> str | None:
    hits = classify_sentence(text)
    return hits[0].sub_event_type if hits else None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "ISIS claimed a suicide bombing on a bus in Damascus that killed at least 32 people.",
            "Suicide bomb",
        ),
        (
            "The Syrian army and militias retook control over Aleppo's Ramuse region on Sunday.",
            "Government regains territory",
        ),
        (
            "Warplanes of the Russian Aerospace Forces attacked the area near Khan Sheikhoun.",
            "Air/drone strike",
        ),
        (
            "Containers with chlorine gas were dropped from helicopters on the town of Sarmin.",
            "Chemical weapon",
        ),
        ("The SDF said they had seized full control of Manbij.", "Non-state actor overtakes territory"),
        ("Rebels and government troops clashed on the outskirts of Daraa on Tuesday.", "Armed clash"),
        (
            "A roadside bomb exploded near a military vehicle in Raqqa, wounding two soldiers.",
            "Remote explosive/landmine/IED",
        ),
        ("Unidentified gunmen shot dead a local council member and his son in Daraa countryside.", "Attack"),
        (
            "Gunmen kidnapped three aid workers on the road between Idlib and Saraqib.",
            "Abduction/forced disappearance",
        ),
        (
            "Regime forces pounded the town of Douma with mortar shells and rockets.",
            "Shelling/artillery/missile attack",
        ),
        ("Police fired tear gas to disperse hundreds of protesters in Suwayda.", "Protest with intervention"),
        (
            "Security forces opened fire on protesters in Deraa, killing four demonstrators.",
            "Excessive force against protesters",
        ),
        (
            "Hundreds of people took to the streets of Idlib to protest against the HTS leadership.",
            "Peaceful protest",
        ),
        (
            "Rioters torched cars and hurled stones at police after the demonstration turned violent.",
            "Violent demonstration",
        ),
        ("An angry mob lynched a man accused of theft in the village square.", "Mob violence"),
        (
            "Turkish forces have set up a new observation post in the countryside of Idlib.",
            "Headquarters or base established",
        ),
        ("Army engineers defused an explosive device planted on the road to Homs.", "Disrupted weapons use"),
        (
            "Militants looted shops and set houses on fire after entering the village.",
            "Looting/property destruction",
        ),
        ("The two sides signed a ceasefire agreement in Astana on Friday.", "Agreement"),
        (
            "Kurdish fighters withdrew from the town without a fight, handing it over to the army.",
            "Non-violent transfer of territory",
        ),
        ("Security forces arrested the leader of the opposition party in a dawn raid.", "Arrests"),
        ("Dozens of soldiers defected from the army and joined the rebels.", "Change to group/activity"),
        ("A man threw a hand grenade at a police patrol in the market, injuring two officers.", "Grenade"),
        ("Human rights groups said soldiers raped women in the detention centre.", "Sexual violence"),
        ("Rescue teams found a mass grave containing dozens of bodies near Raqqa.", "Other"),
    ],
)
def test_sentence_gets_its_acled_sub_event_type(sentence: str, expected: str) -> None:
    assert top(sentence) == expected


def test_hit_carries_the_trigger_and_its_absolute_span() -> None:
    text = "Russian warplanes carried out air strikes on Maarat al-Numan."
    hits = classify_sentence(text, base=100)
    assert hits and isinstance(hits[0], TypeHit)
    h = hits[0]
    assert h.event_type == "Explosions/Remote violence"
    assert text[h.start - 100 : h.end - 100] == h.trigger
    assert h.score > 0


@pytest.mark.parametrize(
    "sentence",
    [
        "Government forces are planning an operation to retake Aleppo.",
        "The army will launch an offensive on Idlib in the coming days.",
        "The UN called for an end to air strikes on hospitals in Idlib.",
        "We are readying ourselves for an operation against the terrorists in the north.",
        "The foreign ministers of Russia and Turkey met in Moscow to discuss the situation in Idlib.",
        "The Security Council condemned the missile tests and vowed to impose new sanctions.",
        "A strong earthquake killed eight people and damaged more than 1,300 buildings.",
        "A gas cylinder exploded at a factory in Aleppo, injuring four workers.",
        "Police seized two tonnes of cocaine and arrested five smugglers at the port.",
        "The ministry denied that any bombing had taken place in the area.",
    ],
)
def test_no_event_for_plans_negations_diplomacy_disasters_and_crime(sentence: str) -> None:
    assert classify_sentence(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The war, which began in 2011 with peaceful protests, has killed more than 400,000 people.",
        "Russian military aircraft have ceased flights over the de-escalation zones.",
        "Inspectors from the Organization for the Prohibition of Chemical Weapons arrived in Damascus.",
        "Aircraft of the Syrian Air Force dropped leaflets urging the fighters to surrender.",
        "Militants violated the ceasefire agreement in Aleppo.",
    ],
)
def test_background_references_and_non_violent_mentions_are_not_events(sentence: str) -> None:
    assert classify_sentence(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hezbollah fighters retook the hills overlooking Zabadani on Monday.",
            "Government regains territory",
        ),
        (
            "Rebels backed by Turkish troops captured the village of Qabasin.",
            "Non-state actor overtakes territory",
        ),
        (
            "The ISIS terrorists were pushed back from the outskirts of Palmyra.",
            "Government regains territory",
        ),
        (
            "Syrian troops pushed into the enclave, clashing with insurgents and capturing a village.",
            "Government regains territory",
        ),
        (
            "Houthi rebels seized the capital of a northern province on Sunday.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_territory_change_is_resolved_by_who_takes_the_place(sentence: str, expected: str) -> None:
    assert top(sentence) == expected


def test_planned_operation_scores_below_a_reported_one() -> None:
    assert classify_sentence("The army retook the town of Palmyra on Sunday.")
    assert not classify_sentence("The army is preparing to retake the town of Palmyra.")


def test_a_summary_of_months_is_no_event_but_a_dated_report_is() -> None:
    assert not classify_sentence(
        "Over the past few months the militants have suffered major setbacks as the army liberated several areas."
    )
    assert not classify_sentence("In recent months regime forces have waged an offensive in the area.")
    assert top("Regime forces launched an offensive on the area on Monday after months of siege.") == "Armed clash"


def test_an_agreement_still_to_be_reached_is_not_an_agreement() -> None:
    assert top("The two sides reached an agreement on a truce in Daraa on Monday.") == "Agreement"
    assert not classify_sentence("The dispute is an obstacle for both sides to reach an agreement on Daraa.")
    assert not classify_sentence("The rebels failed to reach a deal with the government.")


def test_warplanes_striking_positions_is_one_air_strike_and_a_told_clash_stays() -> None:
    hits = classify_sentence("Government warplanes struck rebel positions near Saraqib on Monday.")
    assert [h.sub_event_type for h in hits] == ["Air/drone strike"]
    both = classify_sentence("Clashes erupted between rebels and the army as warplanes pounded the area.")
    assert {h.sub_event_type for h in both} == {"Armed clash", "Air/drone strike"}


def test_chemical_weapon_overrides_air_strike_and_suicide_bomb_overrides_ied() -> None:
    assert (
        top("Regime helicopters dropped barrel bombs filled with chlorine on Saraqib.") == "Chemical weapon"
    )
    assert top("A suicide bomber detonated a car bomb at a checkpoint in Azaz.") == "Suicide bomb"


def test_precedence_reports_what_it_dropped_and_by_which_triggers() -> None:
    from crosswire.extract.classify import overridden_hits

    text = "Hours after the Syrian army recaptured Khan Tuman, reports of a chlorine attack emerged."
    assert [h.sub_event_type for h in classify_sentence(text)] == ["Chemical weapon"]
    (lost,) = [o for o in overridden_hits(text, base=50) if o.hit.sub_event_type == "Government regains territory"]
    assert text[lost.hit.start - 50 : lost.hit.end - 50] == lost.hit.trigger == "recaptured"
    assert {b.sub_event_type for b in lost.by} == {"Chemical weapon"}
    assert [h.trigger for h in lost.same] == ["recaptured"]
    assert all(text[b.start - 50 : b.end - 50] == b.trigger for b in lost.by)
    # nothing to report where precedence dropped nothing
    assert overridden_hits("Rebels shelled the town of Mhardeh on Monday.") == []


def test_air_strike_hitting_civilians_stays_explosions_remote_violence() -> None:
    hits = classify_sentence("An air strike hit a crowded market in Ariha, killing 12 civilians.")
    assert hits[0].sub_event_type == "Air/drone strike"
    assert all(h.event_type != "Violence against civilians" for h in hits)


def test_attack_on_soldiers_is_a_clash_and_on_villagers_violence_against_civilians() -> None:
    assert top("ISIS fighters attacked army positions near Deir ez-Zor overnight.") == "Armed clash"
    assert top("ISIS fighters attacked villagers in a farm near Deir ez-Zor, killing seven.") == "Attack"


def test_a_sentence_can_report_two_events() -> None:
    hits = classify_sentence(
        "Rebels shelled government-held neighbourhoods of Aleppo and kidnapped two journalists."
    )
    subs = {h.sub_event_type for h in hits}
    assert {"Shelling/artillery/missile attack", "Abduction/forced disappearance"} <= subs


def test_candidate_filter_has_recall_and_skips_plain_sentences() -> None:
    assert is_candidate("Turkish drones struck a car near Qamishli.")
    assert is_candidate("Clashes erupted in Jobar.")
    assert not is_candidate("The weather in Damascus was mild on Sunday.")


def test_snippet_decision_uses_the_lead_and_returns_none_without_event() -> None:
    hit = classify_snippet(
        "Syrian government forces captured the town of Khan Sheikhoun on Wednesday. "
        "The opposition said it would send reinforcements."
    )
    assert hit is not None and hit.sub_event_type == "Government regains territory"
    assert classify_snippet("Heavy rain caused flooding in several districts of Latakia.") is None


def test_user_data_folder_extends_the_taxonomy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = {"types": [{"code": "ARMED_CLASH", "triggers": [{"p": "skirmishedx", "w": 3}]}]}
    (tmp_path / "event_types.json").write_text(json.dumps(extra), encoding="utf-8")
    monkeypatch.setenv("CROSSWIRE_DATA", str(tmp_path))
    assert top("The two units skirmishedx near the river.") == "Armed clash"


def test_malformed_user_data_file_raises_a_coded_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "event_types.json").write_text('{"types": [{"code": "X", "triggers": [{"p": "(("}]}]}')
    monkeypatch.setenv("CROSSWIRE_DATA", str(tmp_path))
    with pytest.raises(DataFileError) as err:
        classify_sentence("Clashes erupted.")
    assert err.value.code == "CW303"


@pytest.mark.skipif(not CASE_DEV.exists(), reason="CASE 2021 dev set not available")
def test_case2021_dev_figures_stay_above_floor() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import case2021

    res = case2021.evaluate(CASE_DEV)
    # measured figures are in bench/results/case2021.json; these floors sit well below them
    assert float(res["macro_f1"]) >= 0.62  # type: ignore[arg-type]
    assert float(res["accuracy"]) >= 0.65  # type: ignore[arg-type]


def test_taxonomy_has_the_25_acled_sub_types() -> None:
    names = classify.taxonomy()
    assert len(names) == 25
    assert len({e for e, _ in names.values()}) == 6


def test_the_trigger_index_offers_every_trigger_that_matches_where_it_looks() -> None:
    from crosswire.extract import classify

    index = classify._tax().event_index
    text = "Warplanes struck Ariha; rebels shelled and stormed the base, clashes raged. ſtruck Ǆ"
    for pos in range(len(text)):
        offered = set(index.at(text, pos))
        matching = {k for k, t in enumerate(index.triggers) if t.pattern.match(text, pos)}
        assert matching <= offered, (pos, text[pos : pos + 10])
    # three ASCII letters narrow the choice well below the triggers of the first letter
    pos = text.index("struck")
    assert len(set(index.at(text, pos))) < len(index.by_first["s"])
    # a non-ASCII character ("ſ" is an s ignoring case) is offered every trigger
    assert set(index.at(text, text.index("ſ"))) == set(range(len(index.triggers)))


@pytest.mark.parametrize(
    "text",
    [
        "Footage posted by activists showed the bodies of women and children lying in the street.",
        "Pictures shared online showed medics treating wounded children at a field clinic.",
        "A video said to have been shot after the raid showed rescuers among destroyed buildings.",
        "State television aired footage of burned out cars outside the bakery.",
    ],
)
def test_a_sentence_about_what_pictures_show_of_the_aftermath_is_no_event(text: str) -> None:
    assert classify_sentence(text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # the same harm and damage, told as news and not as pictures, are events
        ("Gunmen wounded two children in the street.", "Attack"),
        ("Militants burned houses in the village.", "Looting/property destruction"),
        # an act that footage shows is how the act itself is reported
        ("A video released by the group showed the execution of 12 men.", "Attack"),
        ("Footage showed a helicopter dropping barrel bombs on the town.", "Air/drone strike"),
    ],
)
def test_harm_told_as_news_and_acts_shown_on_video_stay_events(text: str, sub: str) -> None:
    assert sub in [h.sub_event_type for h in classify_sentence(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Four of its fighters armed with rifles grenades and explosives took part in the assault on the base.",
        "The attackers, carrying hand grenades and automatic weapons, stormed the court building.",
    ],
)
def test_weapons_someone_is_armed_with_are_no_grenade_or_bomb_event(sentence: str) -> None:
    # equipment told as a detail of the act the story reports, not a use of it
    subs = {h.sub_event_type for h in classify_sentence(sentence)}
    assert "Grenade" not in subs and "Remote explosive/landmine/IED" not in subs


def test_a_grenade_thrown_by_armed_men_is_still_a_grenade_event() -> None:
    subs = [h.sub_event_type for h in classify_sentence("Gunmen armed with rifles threw grenades at a checkpoint.")]
    assert subs == ["Grenade"]
    subs = [h.sub_event_type for h in classify_sentence("A car packed with explosives blew up near the mosque.")]
    assert subs == ["Remote explosive/landmine/IED"]
    # "carried out" is no carrying
    subs = [h.sub_event_type for h in classify_sentence("The bombing was carried out with explosives hidden in a van.")]
    assert subs == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize(
    "text",
    [
        "Homs has been split between government and rebel-held districts"
        " since shortly after fighting began there in mid-2012.",
        "The old city has been divided between the army and rebels since mid-2013.",
        "Kurdish fighters and jihadists have been fighting for control of the border towns for years.",
        "The war that has killed more than 300,000 people since 2011 shows no sign of ending.",
        "The conflict in Syria which began with the repression of anti-government protests"
        " has killed more than 250000 people.",
        "More than 220000 people have been killed in Syria"
        " since the conflict began with anti-government protests in March 2011.",
    ],
)
def test_a_lasting_situation_or_the_wars_toll_is_no_event(text: str) -> None:
    assert classify_sentence(text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "In April 2014 helicopters dropped barrels of chlorine gas on Talmenes, killing three people.",
            "Chemical weapon",
        ),
        ("Government war planes struck Douma on Sunday and have killed around 30 civilians.", "Air/drone strike"),
        ("Rebels and troops have been fighting in Zabadani since Monday.", "Armed clash"),
    ],
)
def test_a_dated_incident_beside_background_words_stays_an_event(text: str, sub: str) -> None:
    assert [h.sub_event_type for h in classify_sentence(text)][:1] == [sub]


@pytest.mark.parametrize(
    "sentence",
    [
        "US-led strikes on the province of Raqqa killed more than 20 Islamic State fighters on Tuesday.",
        "A Russian strike hit a field hospital near Saraqeb overnight.",
        "Coalition strikes killed 12 civilians near Manbij, activists said.",
    ],
)
def test_strikes_of_an_air_power_are_air_strikes(sentence: str) -> None:
    hits = classify_sentence(sentence)
    assert hits and hits[0].sub_event_type == "Air/drone strike"
    assert hits[0].trigger.lower().startswith("strike")


def test_a_state_striking_a_deal_is_no_air_strike() -> None:
    assert all(h.sub_event_type != "Air/drone strike" for h in classify_sentence("Russia strikes a deal with Turkey."))


@pytest.mark.parametrize(
    "sentence",
    [
        "The military alliance has repeatedly been accused of targeting and killing civilians.",
        "Government forces have often shelled the town since the rebels took it.",
    ],
)
def test_habitual_acts_are_background_not_events(sentence: str) -> None:
    assert classify_sentence(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Sunday 14 Aug 2016 Warplanes pound rebel-held Idlib as battles rage in Aleppo.",
        "Published July 4 2015 Jets pounded the town of Ariha, killing eight people.",
    ],
)
def test_a_dateline_before_the_first_trigger_is_no_past_reference(sentence: str) -> None:
    # a year just before a trigger ("the 2013 attack") marks an earlier event; a full date
    # (a dateline glued to the lede) does not
    hits = classify_sentence(sentence)
    assert any(h.sub_event_type == "Air/drone strike" and h.trigger.lower() in ("warplanes", "jets") for h in hits)


@pytest.mark.parametrize(
    "sentence",
    [
        "Activists say the Syrian air force has in recent weeks stepped up attacks on positions held by Islamic State.",
        "Regime forces have intensified their bombardment of the besieged suburbs.",
    ],
)
def test_a_stepped_up_campaign_is_a_trend_not_an_event(sentence: str) -> None:
    assert classify_sentence(sentence) == []


def test_a_dated_attack_told_with_an_intensified_campaign_stays_an_event() -> None:
    hits = classify_sentence("Russian jets have intensified air strikes on Idlib, killing 12 people on Monday.")
    assert hits and hits[0].sub_event_type == "Air/drone strike"


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents of the besieged districts continue to face relentless bombardment.",
        "The jihadist group is under attack in its last strongholds by government troops and Kurdish fighters.",
        "The province has seen intense battles between rebels and pro-government militias.",
        "The town has been under heavy shelling by regime forces.",
        'It is the last rebel-held town in the valley where a string of local "truce agreements" '
        "have returned districts to the government.",
    ],
)
def test_a_lasting_condition_or_a_description_of_a_place_is_no_event(sentence: str) -> None:
    assert classify_sentence(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The northern province came under heavy bombardment on Sunday, activists said.",
        "The town has seen fresh clashes today between rebels and the army.",
        "Forces loyal to the government are facing off against rebels, who shelled the airport.",
    ],
)
def test_a_condition_predicate_with_a_time_anchor_or_another_clause_keeps_its_event(sentence: str) -> None:
    assert classify_sentence(sentence)


def test_a_condition_clause_silences_only_its_own_trigger() -> None:
    hits = classify_sentence(
        "Government air strikes killed 20 people in Douma on Friday as the main road out of the town "
        "faces intense bombardment."
    )
    assert [h.sub_event_type for h in hits] == ["Air/drone strike"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The statement came as a UN chemical weapons team arrived in Damascus.",
        "The report coincides with a visit by chemical weapons experts to the capital.",
        "Officials said the claims aimed to mislead the UN commission on chemical weapons.",
        "Activists said such strikes had killed civilians in the past.",
    ],
)
def test_chemical_weapons_experts_and_events_only_in_the_past_are_no_event(sentence: str) -> None:
    assert classify_sentence(sentence) == []


def test_a_count_over_the_past_days_stays_an_event() -> None:
    hits = classify_sentence("At least 40 people were killed in air strikes on Idlib in the past 24 hours.")
    assert hits and hits[0].sub_event_type == "Air/drone strike"
    hits = classify_sentence("Government troops used chemical weapons in Douma on Saturday, medics said.")
    assert hits and hits[0].sub_event_type == "Chemical weapon"


def test_territory_held_by_a_group_is_no_abduction_but_people_held_by_one_are() -> None:
    def subs(text: str) -> set[str]:
        return {h.sub_event_type for h in classify_sentence(text)}

    # "held by" of a place says who controls it, nothing about captives
    assert "Abduction/forced disappearance" not in subs(
        "Mortar bombs fell on western districts of the city that are held by the army and allied militias."
    )
    assert "Abduction/forced disappearance" not in subs("Warplanes struck a village held by Islamic State militants.")
    assert "Abduction/forced disappearance" in subs(
        "Several prisoners being held by the group were moved to a jail in Idlib."
    )
