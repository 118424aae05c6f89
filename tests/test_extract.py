"""Extraction through the real pipeline (``crosswire run samples``): events, figures, dates, evidence."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from crosswire import pipeline
from crosswire.extract import extract_stories, main_event
from crosswire.models import DateInfo, Event, Story
from crosswire.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    db = tmp_path_factory.mktemp("extract") / "cw.duckdb"
    summary = pipeline.run([str(SAMPLES)], str(db))
    assert summary.events > 0 and not [e for e in summary.stage_errors if "CW302" in e]
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT e.record, s.text FROM events e JOIN stories s USING (story_id)")
    out = []
    for r in rows:
        rec = json.loads(r["record"])
        rec["_text"] = r["text"]
        out.append(rec)
    return out


def _find(events: list[dict[str, Any]], sub: str, phrase: str) -> dict[str, Any]:
    found = [e for e in events if e["sub_event_type"] == sub and phrase in e["notes"]]
    assert found, f"no {sub} event whose notes hold {phrase!r}"
    return found[0]


def test_suicide_bombing_with_two_attributed_figures(events: list[dict[str, Any]]) -> None:
    ev = _find(events, "Suicide bomb", "suicide bombing on a bus")
    assert ev["event_type"] == "Explosions/Remote violence"
    assert "Islamic State" in ev["actor1"]["name"]
    place = ev["place"]
    assert place["admin1"] in {"Idlib", "Idleb"}
    assert _km(place["latitude"], place["longitude"], 36.3098, 36.6898) < 10  # Atmeh
    figures = {(c["low"], c["kind"]): c["source"] or "" for c in ev["fatality_claims"]}
    assert "Syrian Observatory" in figures[(32, "killed")]
    assert "Islamic State" in figures[(50, "killed")] and "statement" in figures[(50, "killed")]
    assert ev["fatalities"] == 32
    assert ev["evidence"]["fatalities"]["text"].endswith("32 people")


def test_coalition_strike_killing_soldiers(events: list[dict[str, Any]]) -> None:
    ev = next(e for e in events if e["fatalities"] == 62)
    # "a US-led coalition attack ... killed 62 Syrian soldiers": the coalition only strikes from the air
    assert (ev["event_type"], ev["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert "Coalition" in ev["actor1"]["name"] or "coalition" in ev["actor1"]["name"].lower()
    assert ev["place"]["admin1"] == "Deir ez-Zor"
    assert ev["event_date"] == "2016-09-17" and ev["time_precision"] == 1  # "On Saturday", published Mon 19th
    assert {(c["low"], c["kind"], c["victims"]) for c in ev["fatality_claims"]} >= {
        (62, "killed", "soldiers"),
        (100, "injured", "people"),
    }


def test_generic_attack_by_an_air_only_actor_is_an_air_strike() -> None:
    coalition = _story("A US-led coalition attack on the village of Kafr Nabl in Idlib killed nine civilians.", "air")
    rebels = _story("A rebel attack on the village of Kafr Nabl in Idlib killed nine civilians.", "ground")
    (_, by_air, _, _), (_, by_rebels, _, _) = extract_stories([coalition, rebels])
    air = main_event(by_air)
    ground = main_event(by_rebels)
    assert air is not None and ground is not None
    assert air.actor1 is not None and air.actor1.name == "US-led Coalition"
    assert (air.event_type, air.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert air.civilian_targeting
    assert ground.sub_event_type == "Attack"  # rebels have no "means" in the actors file


def test_a_country_that_strikes_is_its_military_and_a_country_that_speaks_is_not() -> None:
    strikes = _story("Russia has been launching airstrikes on rebel positions in Idlib province.", "ru")
    speaks = _story("Russia said rebels shelled the town of Mhardeh in Hama, killing two civilians.", "sp")
    (_, by_russia, _, _), (_, reported, _, _) = extract_stories([strikes, speaks])
    strike = main_event(by_russia)
    shelling = main_event(reported)
    assert strike is not None and strike.sub_event_type == "Air/drone strike"
    assert strike.actor1 is not None and strike.actor1.name == "Military Forces of Russia"
    assert strike.actor1.evidence is not None and strike.actor1.evidence.text == "Russia"
    assert shelling is not None and shelling.actor1 is not None
    assert shelling.actor1.name == "Syrian opposition (armed factions)"  # the speaker is not the shooter
    staged = _story("Russia again stands up for Assad, asserts that the chemical attack in Syria was staged.", "st")
    ((_, denied, _, _),) = extract_stories([staged])
    chem = main_event(denied)
    assert chem is not None and chem.sub_event_type == "Chemical weapon"
    assert chem.actor1 is None and chem.actor2 is None  # neither the asserting state nor "in Syria"


def test_a_government_that_bombs_is_coded_to_its_military() -> None:
    bombs = _story("The Syrian government dropped barrel bombs on Daraya on Monday, killing 12 civilians.", "gb")
    signs = _story("The Syrian government signed an agreement with the rebels in Daraya.", "gs")
    (_, bombing, _, _), (_, deal, _, _) = extract_stories([bombs, signs])
    strike, agreement = main_event(bombing), main_event(deal)
    assert strike is not None and strike.actor1 is not None
    assert (strike.actor1.name, strike.actor1.mention) == ("Military Forces of Syria", "Syrian government")
    assert agreement is not None and agreement.actor1 is not None
    assert agreement.actor1.name == "Government of Syria"  # a political act stays with the government


def test_the_government_named_bare_is_the_state_the_story_names() -> None:
    # "the government" refers back to the state whose actors the story has named: using barrel
    # bombs, it is that state's military (ACLED codes a state's armed action to its forces)
    syria = _story(
        "Syrian government forces shelled rebel positions in Aleppo on Sunday. "
        "\u201cThe government has resumed using barrel bombs,\u201d an opposition spokeswoman said.",
        "gov-sy",
    )
    turkey = _story(
        "The Turkish government said it would not allow a Kurdish corridor. "
        "The government launched air strikes on Kurdish positions near Afrin on Saturday.",
        "gov-tr",
    )
    alone = _story("\u201cThe government has resumed using barrel bombs,\u201d an activist said.", "gov-none")
    (_, by_syria, _, _), (_, by_turkey, _, _), (_, unknown, _, _) = extract_stories([syria, turkey, alone])
    bombs = [e for e in by_syria if e.trigger == "barrel bombs"]
    assert bombs and bombs[0].actor1 is not None
    assert (bombs[0].actor1.name, bombs[0].actor1.mention) == ("Military Forces of Syria", "The government")
    strikes = [e for e in by_turkey if e.sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].actor1 is not None and strikes[0].actor1.name == "Military Forces of Turkey"
    # no state named before it: whose government is unknown
    assert [e.actor1 for e in unknown if e.trigger == "barrel bombs"] == [None]


def test_the_army_named_bare_is_the_forces_of_the_state_the_story_names() -> None:
    syria = _story(
        "Syrian warplanes bombed rebel areas of Aleppo on Friday. "
        "Shelling by the army killed at least 21 civilians in Eastern Ghouta on Saturday.",
        "army-sy",
    )
    turkey = _story(
        "Turkish tanks crossed into Syria on Monday. "
        "The army then shelled Kurdish positions near Afrin, killing five fighters.",
        "army-tr",
    )
    alone = _story("Shelling by the army killed at least 21 civilians in Eastern Ghouta on Saturday.", "army-none")
    group = _story(
        "Syrian warplanes bombed rebel areas of Aleppo on Friday. "
        "The Army of Conquest seized the town of Jisr al-Shughour on Saturday.",
        "army-of",
    )
    results = extract_stories([syria, turkey, alone, group])
    by_syria, by_turkey, unknown, by_group = (evs for _, evs, _, _ in results)
    shelling = [e for e in by_syria if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].actor1 is not None
    assert (shelling[0].actor1.name, shelling[0].actor1.mention) == ("Military Forces of Syria", "the army")
    shelling = [e for e in by_turkey if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].actor1 is not None and shelling[0].actor1.name == "Military Forces of Turkey"
    assert [e.actor1 for e in unknown if e.sub_event_type == "Shelling/artillery/missile attack"] == [None]
    held = _story(
        "Syrian jets bombed Hama on Sunday. Rebels attacked army positions near Hama on Monday.", "army-pos"
    )
    ((_, by_rebels, _, _),) = extract_stories([held])
    clash = [e for e in by_rebels if e.event_type == "Battles"]
    assert clash and clash[0].actor2 is not None and clash[0].actor2.name == "Military Forces of Syria"
    # "the Army of Conquest" is a rebel alliance of its own, not the state's army
    taken = [e for e in by_group if e.event_type == "Battles"]
    assert taken and taken[0].actor1 is not None and taken[0].actor1.name == "Jaish al-Fatah"
    assert taken[0].sub_event_type == "Non-state actor overtakes territory"


def test_a_report_naming_the_victims_acting_lends_the_event_no_doer() -> None:
    # the second sentence tells the same clashes from the army's side; the army, acted upon in
    # the first report, does not become the doer as well
    text = (
        "Fierce clashes erupted on Thursday against government forces near Deir Ezzor. "
        "Syrian troops battled the attackers near Deir Ezzor on Thursday."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "victims")])
    (clash,) = [e for e in evs if e.sub_event_type == "Armed clash"]
    assert clash.actor2 is not None and clash.actor2.name == "Military Forces of Syria"
    assert clash.actor1 is None


@pytest.mark.parametrize(
    "text",
    [
        "\u201cThere is always the same logic: reports on chemical attacks come after the army gains another "
        "victory against militants,\u201d the article read.",
        "Allegations of barrel bomb attacks are part of a media campaign, the minister said.",
        "Reports of new chemical attacks have emerged since the offensive began.",
    ],
)
def test_talk_of_reports_of_attacks_in_general_is_no_event(text: str) -> None:
    # a bare plural under "reports of", with no date and no place: attacks in general, not one attack
    ((_, evs, _, _),) = extract_stories([_story(text, "generic")])
    assert evs == []


@pytest.mark.parametrize(
    "text, place",
    [
        ("There were reports of chemical attacks on Douma on Monday.", "Duma"),
        ("Reports of a chemical attack on Khan Sheikhoun emerged on Tuesday.", "Khan Shaykun"),
        ("A chemical attack on Khan Sheikhoun killed at least 80 people, activists said.", "Khan Shaykun"),
        ("Shortly after the army took Ramouseh, reports of new chemical attacks appeared.", "Ramouseh"),
    ],
)
def test_reports_of_one_attack_stay_events(text: str, place: str) -> None:
    ((_, evs, _, _),) = extract_stories([_story(text, "specific")])
    chem = [e for e in evs if e.sub_event_type == "Chemical weapon"]
    assert chem and chem[0].place is not None and chem[0].place.name == place, text


def test_a_retake_in_an_adverbial_clause_survives_the_chemical_override() -> None:
    text = (
        "Shortly after the Syrian army recaptured the village of Khan Tuman on Monday, "
        "reports of new chemical attacks on the village appeared."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "retake")])
    by_sub = {e.sub_event_type: e for e in evs}
    retake = by_sub["Government regains territory"]
    assert retake.actor1 is not None and retake.actor1.name == "Military Forces of Syria"
    assert retake.place is not None and retake.place.admin1 == "Aleppo"
    assert retake.evidence["trigger"].text == "recaptured"
    chem = by_sub["Chemical weapon"]
    assert chem.actor1 is None  # the army is the subject of the retake, not of the attacks


@pytest.mark.parametrize(
    "text",
    [
        "An air strike with chlorine gas hit the town of Sarmin on Monday, wounding 20 people.",
        "Three civilians were killed in Sarmin on Tuesday after a helicopter dropped chlorine gas on the town.",
        "Warplanes carried out strikes that released toxic gas over Sarmin on Tuesday.",
    ],
)
def test_one_chemical_attack_told_by_several_triggers_stays_one_event(text: str) -> None:
    ((_, evs, _, _),) = extract_stories([_story(text, "one")])
    assert [e.sub_event_type for e in evs] == ["Chemical weapon"], text


@pytest.mark.parametrize(
    "text, sub, reading",
    [
        ("Regime air strikes on Aleppo killed at least 16 civilians on Sunday.", "Attack", True),
        ("The airstrikes on Douma have claimed dozens of lives and demolished entire buildings.",
         "Looting/property destruction", True),
        ("A suicide bomber detonated his belt at a checkpoint in Azaz, killing 14 fighters.", "Armed clash", True),
        # a territorial change names an action of its own, whatever the weapon
        ("Hours after the Syrian army recaptured Khan Tuman, reports of a chlorine attack emerged.",
         "Government regains territory", False),
    ],
)
def test_a_trigger_naming_no_weapon_is_the_named_weapons_violence(text: str, sub: str, reading: bool) -> None:
    from crosswire.extract import _weapon_reading
    from crosswire.extract.classify import overridden_hits

    (lost,) = [o for o in overridden_hits(text) if o.hit.sub_event_type == sub]
    assert _weapon_reading(lost) is reading


_REPORTED = "A chlorine attack hit the town of Saraqib on Monday, wounding 30 people. "


def test_an_accusation_after_the_report_is_the_same_event_and_names_the_accused() -> None:
    text = _REPORTED + "The opposition accused the Syrian army of the chlorine attack."
    ((_, evs, claims, _),) = extract_stories([_story(text, "acc1")])
    (chem,) = [e for e in evs if e.sub_event_type == "Chemical weapon"]
    assert chem.actor1 is not None and chem.actor1.name == "Military Forces of Syria"
    assert chem.actor1.evidence is not None and "accused" in chem.actor1.evidence.sentence
    assert [c.about_actor for c in claims if c.claim_type == "accusation"] == ["Military Forces of Syria"]


def test_accusations_of_different_doers_leave_the_perpetrator_empty_and_stay_claims() -> None:
    text = (
        _REPORTED + "The opposition accused the Syrian army of the chlorine attack. "
        "Russia accused rebels of using toxic gas."
    )
    ((_, evs, claims, _),) = extract_stories([_story(text, "acc2")])
    (chem,) = [e for e in evs if e.sub_event_type == "Chemical weapon"]
    assert chem.actor1 is None and "actor1" not in chem.evidence
    accused = {c.about_actor for c in claims if c.claim_type == "accusation"}
    assert accused == {"Military Forces of Syria", "Syrian opposition (armed factions)"}


def test_an_accusation_of_several_picks_none_of_them() -> None:
    text = (
        "Reports of a new chemical attack on the town of Saraqib emerged on Monday. "
        "Rebel groups accused both the Syrian army and Russia of using chlorine."
    )
    ((_, evs, claims, _),) = extract_stories([_story(text, "acc3")])
    (chem,) = [e for e in evs if e.sub_event_type == "Chemical weapon"]
    assert chem.actor1 is None
    (acc,) = [c for c in claims if c.claim_type == "accusation"]
    assert acc.speaker == "Rebel groups" and "Syrian army and Russia" in acc.content


def test_an_accusation_of_several_is_not_settled_by_a_later_sentence_naming_one() -> None:
    # the dispute stands: a later, unplaced mention of one accused's chemical attacks does not
    # make that one the perpetrator of the event the accusation is about
    text = (
        "Reports of a new chemical attack on the town of Saraqib emerged on Monday. "
        "Rebel groups accused both the Syrian army and Russia of using chlorine. "
        "The report also said Russian forces were involved in chlorine attacks in Syria."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "acc4")])
    saraqib = [e for e in evs if e.sub_event_type == "Chemical weapon" and e.place is not None]
    assert saraqib and all(e.actor1 is None for e in saraqib)


def test_two_perpetrators_of_one_kind_of_attack_are_two_events() -> None:
    text = (
        "Regime helicopters dropped chlorine on Kafr Zita on Monday, activists said. "
        "Separately, Islamic State militants used mustard gas against Kurdish fighters."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "two")])
    chem = sorted((e.actor1.name if e.actor1 else "", e.place.name if e.place else "") for e in evs
                  if e.sub_event_type == "Chemical weapon")
    assert [a for a, _ in chem] == ["Islamic State (ISIS)", "Military Forces of Syria"]


def test_an_event_placed_in_a_whole_country_inherits_no_town_or_listed_date() -> None:
    text = (
        "On Monday 4 April 2016 (AFP) - Chlorine was dropped on Talmenes in April 2014 and on Sarmin in "
        "March 2015, the report said. It added that Islamic State militants used mustard gas in Syria."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "cty")])
    mustard = [e for e in evs if e.actor1 is not None and e.actor1.name == "Islamic State (ISIS)"]
    assert len(mustard) == 1
    assert mustard[0].place is None  # "in Syria": not Sarmin from the sentence before
    assert mustard[0].event_date != "2014-04-15"  # that sentence dated two events, so none is inherited
    listed = sorted(e.event_date or "" for e in evs if e.actor1 is None and e.sub_event_type == "Chemical weapon")
    assert listed == ["2014-04-15", "2015-03-15"]


def test_army_retaking_ground_is_government_regains_territory(events: list[dict[str, Any]]) -> None:
    ev = _find(events, "Government regains territory", "retook control")
    assert ev["actor1"]["name"].startswith("Military Forces of Syria")
    assert ev["place"]["admin1"] == "Aleppo"


def test_seed_ramouseh_retake_is_placed_at_ramouseh_itself(events: list[dict[str, Any]]) -> None:
    ev = _find(events, "Government regains territory", "Ramuse region")
    assert (ev["place"]["name"], ev["place"]["geo_precision"]) == ("Ramouseh", 1)


def test_seed_retake_told_again_in_an_after_clause_joins_the_retake(events: list[dict[str, Any]]) -> None:
    # "shortly after the Syrian Army took control over Ramuse reports of new chemical attacks
    # appeared": the retake is not lost to the chemical attack's precedence
    ev = _find(events, "Government regains territory", "took control over Ramuse reports")
    assert ev["actor1"]["name"] == "Military Forces of Syria" and ev["place"]["name"] == "Ramouseh"


def test_seed_accusation_of_two_names_neither_as_perpetrator(events: list[dict[str, Any]]) -> None:
    for e in events:
        a1 = e["evidence"].get("actor1") or {}
        assert "accused both Damascus and Daesh" not in a1.get("sentence", ""), e["sub_event_type"]
    # and the dispute stands: the report's later "Daesh militants were involved in sulfur mustard
    # gas attacks in Syria" does not make Daesh the perpetrator of the attacks at Ramouseh
    (ramouseh,) = [e for e in events if e["sub_event_type"] == "Chemical weapon"
                   and (e["place"] or {}).get("name") == "Ramouseh"]
    assert ramouseh["actor1"] is None


def test_seed_government_using_barrel_bombs_is_the_syrian_military(events: list[dict[str, Any]]) -> None:
    ev = _find(events, "Air/drone strike", "The government has resumed using barrel bombs")
    assert (ev["actor1"]["name"], ev["actor1"]["mention"]) == ("Military Forces of Syria", "The government")


def test_seed_quote_about_chemical_attack_reports_in_general_is_no_event(events: list[dict[str, Any]]) -> None:
    assert not [e for e in events if "reports on chemical attacks come after" in e["notes"]]
    chem = [e for e in events if e["sub_event_type"] == "Chemical weapon"]
    assert {e["place"]["name"] for e in chem if e["place"]} >= {"Telamnas", "Sarmin", "Khan Shaykun"}


def test_russian_air_strikes_near_aleppo(events: list[dict[str, Any]]) -> None:
    ev = _find(events, "Air/drone strike", "Russian Aerospace Forces attacked")
    assert "Russia" in ev["actor1"]["name"]
    assert ev["place"]["admin1"] == "Aleppo"


def test_sdf_taking_manbij(events: list[dict[str, Any]]) -> None:
    ev = _find(events, "Non-state actor overtakes territory", "Manbij")
    assert "Syrian Democratic Forces" in ev["actor1"]["name"]
    assert _km(ev["place"]["latitude"], ev["place"]["longitude"], 36.5258, 37.9510) < 10


def test_past_chemical_attacks_get_their_own_month_dates(events: list[dict[str, Any]]) -> None:
    chem = [e for e in events if e["sub_event_type"] == "Chemical weapon" and "chlorine" in e["notes"]]
    dates = sorted((e["event_date"], e["time_precision"]) for e in chem)
    assert dates == [("2014-04-15", 3), ("2015-03-15", 3)]
    assert {e["place"]["admin1"] for e in chem} <= {"Idlib", "Idleb"}
    assert len({e["event_id"] for e in chem}) == 2


def test_cumulative_war_toll_is_not_an_event_fatality(events: list[dict[str, Any]]) -> None:
    assert not [e for e in events if e["fatalities"] >= 1000]
    for e in events:
        assert all(c["low"] < 1000 for c in e["fatality_claims"])


def test_every_evidence_span_points_into_its_story(events: list[dict[str, Any]]) -> None:
    for e in events:
        text = e["_text"]
        assert "trigger" in e["evidence"] and "event_type" in e["evidence"]
        spans = list(e["evidence"].values()) + [c["evidence"] for c in e["fatality_claims"]]
        for ev in spans:
            assert ev["story_id"] == e["story_id"]
            assert text[ev["start"] : ev["end"]] == ev["text"]
            assert text[ev["sentence_start"] : ev["sentence_end"]] == ev["sentence"]


def test_a_body_that_only_speaks_is_no_party_to_an_event() -> None:
    # the National Coalition (means: speech in the actors file) mourns; it did not strike
    story = _story("Syrian Coalition Mourns 4 Medics Killed by Airstrikes on Rural Idlib.", "nc")
    ((_, evs, _, _),) = extract_stories([story])
    ev = main_event(evs)
    assert ev is not None and ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 is None or ev.actor1.name != "National Coalition for Syrian Revolutionary and Opposition Forces"


def _story(text: str, sid: str) -> Story:
    return Story(story_id=sid, input_id="in-" + sid, index=0, title=None, text=text, content_hash=sid)


TEXT = (
    "Government warplanes struck the town of Saraqib in Idlib province on Tuesday, killing at least "
    "nine civilians, the Syrian Observatory for Human Rights said. Rescue workers said the raids "
    "also wounded 20 people."
)


def test_event_ids_are_deterministic_and_main_event_is_the_lede() -> None:
    first = extract_stories([_story(TEXT, "a1")])
    second = extract_stories([_story(TEXT, "a1")])
    ids = [e.event_id for e in first[0][1]]
    assert ids and ids == [e.event_id for e in second[0][1]]
    ev: Event | None = main_event(first[0][1])
    assert ev is not None and ev.sub_event_type == "Air/drone strike"
    assert ev.fatalities == 9
    assert {(c.low, c.kind) for c in ev.fatality_claims} == {(9, "killed"), (20, "injured")}


def test_one_failing_story_is_recorded_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from crosswire.extract import classify

    real = classify.classify_sentence

    def flaky(text: str, base: int = 0) -> Any:
        if "Saraqib" in text:
            raise RuntimeError("broken trigger table")
        return real(text, base)

    monkeypatch.setattr(classify, "classify_sentence", flaky)
    other = "Rebels shelled the village of Kafr Nabudah in Hama province on Monday, killing two soldiers."
    results = extract_stories([_story(TEXT, "bad"), _story(other, "good")])
    by_id = {sid: (events, err) for sid, events, _, err in results}
    assert by_id["bad"][1] is not None and "CW302" in by_id["bad"][1]
    assert by_id["good"][1] is None and by_id["good"][0]


FAKES = Path("/work/shared/eval/fakes/fakes_dev.csv")


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES dev set not available")
def test_fakes_main_event_quality_floor() -> None:
    """A regression gate on the first 40 FA-KES dev articles (the bench measures all 413)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import fakes_events

    figures = fakes_events.evaluate(FAKES, limit=40)
    assert figures["extraction_errors"] == 0
    assert figures["governorate_accuracy"] >= 0.75
    assert figures["date_within_3_days"] >= 0.8
    assert figures["date_exact"] >= 0.45


#: a photo caption (an earlier air strike) before the story's own event
_CAPTIONED = (
    "A boy walks past a house hit by an air strike in the town of Saraqib on March 2 2015. "
    "Government helicopters dropped barrel bombs on Jisr al-Shughur on Tuesday, killing seven people, "
    "activists said."
)


def test_photo_caption_and_earlier_reference_event_are_not_the_main_event() -> None:
    events = extract_stories([_story(_CAPTIONED, "cap")])[0][1]
    # the caption's air strike in Saraqib (a picture of another day) is no event of its own
    assert not any(e.place is not None and e.place.name == "Saraqab" for e in events)
    ev = main_event(events)
    assert ev is not None and ev.place is not None and ev.place.admin1 == "Idlib"
    assert ev.place.name != "Saraqab" and "Jisr" in (ev.place.mention or "")
    earlier = (
        "Mourners gathered just days after an air strike on a market in Saraqib killed 30 people. "
        "Government forces shelled the town of Rastan in Homs province on Monday, killing four."
    )
    ev = main_event(extract_stories([_story(earlier, "ref")])[0][1])
    assert ev is not None and ev.place is not None and ev.place.admin1 == "Homs"


def test_a_caption_that_only_the_picture_tells_makes_no_event() -> None:
    text = (
        "A man inspects the damage at a market hit by air strikes in the town of Ariha on June 5 2016 "
        "(Photo AFP) Government forces shelled the town of Rastan in Homs province on Monday, "
        "killing four people, activists said."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "capcredit")])
    assert [e.sub_event_type for e in evs] == ["Shelling/artillery/missile attack"]
    assert evs[0].place is not None and evs[0].place.admin1 == "Homs"


def test_a_caption_of_the_reported_event_joins_it_as_evidence() -> None:
    text = (
        "People inspect a site hit by air strikes in the town of Maaret al-Numan in Idlib province "
        "on June 12 2016. Air strikes hit a vegetable market in Maaret al-Numan on Sunday, "
        "killing 23 civilians, the Syrian Observatory for Human Rights said."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "capsame")])
    (strike,) = [e for e in evs if e.sub_event_type == "Air/drone strike"]
    trig = strike.evidence["trigger"]
    assert trig.sentence.startswith("Air strikes hit")  # the report's trigger, not the caption's
    assert "People inspect a site" in strike.notes and strike.fatalities == 23


def test_captions_that_open_as_captions_make_no_event() -> None:
    from crosswire.extract import salience

    file_photo = (
        "File photo shows fighters of the Nusra Front firing a rocket launcher near Aleppo. "
        "Turkish officials met Russian diplomats in Ankara on Tuesday to discuss a ceasefire."
    )
    ((_, evs, _, _),) = extract_stories([_story(file_photo, "filephoto")])
    assert not any(e.event_type == "Explosions/Remote violence" for e in evs)
    first, second = file_photo.split(". ", 1)
    assert salience.is_caption(first, 20) and not salience.is_caption(second, 20)
    page = (
        "Regime prepares Aleppo offensive\nCaption:\n\nCivilians and paramedics rescuing an injured "
        "woman following an air raid on the town of Anadan north of Aleppo\n\n"
        "The foreign minister said on Sunday that talks would resume in Geneva next week."
    )
    ((_, evs, _, _),) = extract_stories([_story(page, "labelled")])
    assert not any(e.sub_event_type == "Air/drone strike" for e in evs)
    assert salience.labelled_caption("Media ID: 5534\nCaption:\n\n")
    assert not salience.labelled_caption("The caption read: ")


def test_verify_picks_the_same_main_event_from_stored_rows() -> None:
    from crosswire.models import to_dict
    from crosswire.verify import main_event_of

    events = extract_stories([_story(_CAPTIONED, "cap")])[0][1]
    ev = main_event(events)
    rows = [to_dict(e) for e in reversed(events)]  # stored rows come back in any order
    row = main_event_of(rows)
    assert ev is not None and row is not None
    assert row["event_id"] == ev.event_id and "Jisr" in str(row["place"]["mention"])


def test_caption_segments_end_at_a_photo_credit() -> None:
    from crosswire.extract import salience

    text = "A man runs past burning cars in Hasakeh on Monday (AFP photo) BEIRUT Air strikes killed nine in Aleppo."
    cut = text.index("BEIRUT")
    assert salience.segment(text, 5) == (0, text.index("(AFP"))
    assert salience.segment(text, cut + 3)[0] >= cut - 1
    assert salience.is_caption(text, 5) and not salience.is_caption(text, cut + 10)
    assert not salience.is_caption("Jets struck a market in Idlib on September 10 2016.", 5)


def test_what_a_video_shows_after_the_report_is_evidence_not_another_event() -> None:
    text = (
        "Air strikes hit a market in the town of Ariha in Idlib province on Monday, killing 23 "
        "civilians, the Syrian Observatory for Human Rights said. Video posted online showed the "
        "bodies of six children lying in the rubble."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "depicted")])
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]
    (strike,) = evs
    # the figure the camera saw is part of the dead, not a more conservative toll
    assert strike.fatalities == 23
    assert "Video posted online showed" in strike.notes


def test_a_place_word_in_an_armed_groups_name_does_not_place_its_attack() -> None:
    text = "Hayat Tahrir al-Sham fighters shelled army positions on Monday, a military source said."
    ((_, evs, _, _),) = extract_stories([_story(text, "hts")])
    assert evs and all(e.place is None for e in evs)  # "Hayat" is also a village in Latakia


def test_a_recalled_earlier_attack_lends_its_date_to_no_undated_report() -> None:
    text = (
        "Published March 22 2017 Five pupils were killed in Homs on Tuesday, state media said. "
        "The rocket fire hit two districts of Homs with one of the attacks striking a primary school. "
        "Recently on March 2 state media said three people had been killed in rebel shelling of a school in Homs."
    )
    events = extract_stories([_story(text, "rc")])[0][1]
    shelling = {e.evidence["trigger"].sentence.split()[0]: e for e in events
                if e.sub_event_type == "Shelling/artillery/missile attack"}
    assert set(shelling) == {"The", "Recently"}  # two attacks, not one
    assert shelling["The"].event_date != "2017-03-02"
    assert shelling["Recently"].event_date == "2017-03-02"
    assert shelling["Recently"].evidence["event_date"].text == "March 2"


def test_a_sentence_of_the_wars_sum_lends_no_figure_to_the_event_before_it() -> None:
    text = (
        "Government forces retook the village of Tal Rifaat north of Aleppo on Sunday, state media said. "
        "Hundreds of thousands of people have been killed since the war began in 2011."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "sum")])
    (retake,) = [e for e in evs if e.sub_event_type == "Government regains territory"]
    assert retake.fatalities == 0 and not retake.fatality_claims
    assert "since the war began" not in (retake.notes or "")


def test_the_fallen_of_the_perpetrator_do_not_become_its_victims_when_reports_merge() -> None:
    text = (
        "Islamic State fighters attacked an army checkpoint near Palmyra on Thursday, killing 30 soldiers. "
        "At least 12 Islamic State fighters were killed in the fighting near Palmyra, the monitor said."
    )
    (_, evs, _, _), = extract_stories([_story(text, "fallen")])
    for e in evs:
        if e.actor1 is not None and e.actor2 is not None:
            assert e.actor1.name != e.actor2.name, e
    assert any(e.actor1 is not None and e.actor1.name == "Islamic State (ISIS)" for e in evs)


@pytest.mark.parametrize(
    ("text", "doer"),
    [
        ("Russian air strikes killed 14 people near Mayadeen on Thursday.", "Military Forces of Russia"),
        ("Turkish shelling hit Kurdish positions near Afrin on Sunday.", "Military Forces of Turkey"),
        ("Three people were killed in a Russian airstrike on a market in Maarat al-Numan.",
         "Military Forces of Russia"),
    ],
)
def test_a_states_demonym_on_the_act_names_its_forces(text: str, doer: str) -> None:
    (_, evs, _, _), = extract_stories([_story(text, "demonym")])
    ev = main_event(evs)
    assert ev is not None and ev.actor1 is not None and ev.actor1.name == doer
    assert ev.actor1.evidence is not None and ev.actor1.evidence.text in ("Russian", "Turkish")


def test_a_demonym_on_talks_names_no_doer() -> None:
    text = "The attack could derail Syrian peace talks in Astana, the envoy said."
    (_, evs, _, _), = extract_stories([_story(text, "talks")])
    assert all(e.actor1 is None or e.actor1.name != "Military Forces of Syria" for e in evs)


LEDE = (
    "Government warplanes struck the town of Saraqib in Idlib province on Tuesday, killing at least "
    "nine civilians, the Syrian Observatory for Human Rights said. "
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Western governments blame the regime for chlorine attacks.",
        "Rights groups say the government has been responsible for sarin and other chemical attacks.",
        "The opposition has accused the army of carrying out chemical attacks.",
    ],
)
def test_blame_for_a_class_of_attacks_is_no_event(sentence: str) -> None:
    ((_, evs, _, err),) = extract_stories([_story(LEDE + sentence, "blame")])
    assert err is None
    assert [e.sub_event_type for e in evs] == ["Air/drone strike"]


def test_blame_for_one_attack_stays_an_event() -> None:
    text = "Activists blamed the army for chlorine attacks on the town of Kafr Zita on Monday."
    ((_, evs, _, _),) = extract_stories([_story(text, "blame1")])
    assert [e.sub_event_type for e in evs] == ["Chemical weapon"]


RELATED = (
    "Rebels shelled a government-held district of Aleppo on Monday, killing four civilians, state media "
    "said. ... 512 Related Syrian Army Repels Daesh Attack Near Palmyra Airstrikes Kill 20 Militants in "
    "Deir ez-Zor Province Turkish Forces Seize Village From Kurdish Fighters Tags Syria Aleppo Daesh"
)


def test_a_related_headline_list_glued_into_the_page_is_no_event() -> None:
    from crosswire.extract import salience

    ((start, end),) = salience.headline_runs(RELATED)
    assert RELATED[start:end].startswith("Related Syrian Army") and RELATED[end:].lstrip().startswith("Tags")
    ((_, evs, _, _),) = extract_stories([_story(RELATED, "related")])
    assert [e.sub_event_type for e in evs] == ["Shelling/artillery/missile attack"]


def test_prose_after_a_related_label_is_no_headline_list() -> None:
    from crosswire.extract import salience

    # sentence case: the label's list cannot be told from the lede; a short capitalised run is none
    assert salience.headline_runs("Views 1430 Related Syrias Assad says Turkeys Erdogan exploiting coup") == []


def _dated(text: str, sid: str, published: str) -> list[tuple[str, str | None, int, str]]:
    """(sub-event type, date, precision, first word of the trigger's sentence) of each event of a
    story published (by its record) on ``published``."""
    story = replace(_story(text, sid), published=DateInfo(published, "record", 0.9))
    ((_, evs, _, err),) = extract_stories([story])
    assert err is None
    return [(e.sub_event_type, e.event_date, e.time_precision, e.evidence["trigger"].sentence.split()[0])
            for e in evs]


def test_an_undated_report_after_a_topic_shift_takes_the_publication_date() -> None:
    text = (
        "Rebel rocket shells killed two civilians in the Sheikh Maqsoud neighbourhood "
        "of Aleppo on Wednesday, a police source said. The shells also wounded nine people. "
        "Meanwhile, a car bomb exploded in the neighbourhood of Salah al-Din in Aleppo, wounding eight people."
    )
    got = _dated(text, "shift", "2016-06-02")
    assert ("Shelling/artillery/missile attack", "2016-06-01", 1, "Rebel") in got
    later = [g for g in got if g[3] == "Meanwhile,"]
    assert later and all(g[1:3] == ("2016-06-02", 2) for g in later)


def test_an_undated_report_in_another_governorate_takes_the_publication_date() -> None:
    text = (
        "Rebel rocket shells killed two civilians in the Sheikh Maqsoud neighbourhood "
        "of Aleppo on Wednesday, a police source said. "
        "Eight people were wounded when rebels shelled the village of al-Foua in Idlib province."
    )
    got = _dated(text, "gov", "2016-06-02")
    assert ("Shelling/artillery/missile attack", "2016-06-01", 1, "Rebel") in got
    foua = [g for g in got if g[3] == "Eight"]
    assert foua and all(g[1:3] == ("2016-06-02", 2) for g in foua)


def test_an_undated_report_after_an_event_in_another_country_takes_the_publication_date() -> None:
    # the Iraqi event is placed only in its country; that is no licence to lend its date to a
    # stoning in Raqqa, which is another country's incident
    text = (
        "In Iraq last month the militants seized large areas from government forces. "
        "In Raqqa two women were stoned to death for adultery, the Observatory said."
    )
    got = _dated(text, "iq", "2014-07-18")
    stoning = [g for g in got if g[0] == "Mob violence"]
    assert stoning and all(g[1] == "2014-07-18" for g in stoning), got


def test_the_same_incident_told_on_keeps_its_date_across_sentences() -> None:
    text = (
        "On Monday evening a convoy of 31 lorries was hit by air strikes in "
        "Urum al-Kubra west of Aleppo. In the attack 18 of the lorries were destroyed and 20 civilians were "
        "killed. The UN said the convoy had received all clearances. Aid groups condemned the strikes on the "
        "convoy, which hit a warehouse of the Red Crescent."
    )
    got = _dated(text, "conv", "2016-09-21")
    assert got and all(g[1:3] == ("2016-09-19", 1) for g in got), got


def test_a_dated_sentence_reporting_no_event_dates_only_the_attack_it_names_next() -> None:
    speech = (
        "Assad vowed in a speech last week to recapture every inch of Syria. "
        "Government forces shelled rebel positions in Daraa."
    )
    got = _dated(speech, "speech", "2016-06-05")
    assert got and all(g[1:3] == ("2016-06-05", 2) for g in got), got
    recap = (
        "Obama is seeking backing for strikes in response to an alleged chemical "
        "weapons attack near Damascus on August 21. Washington blames the Syrian government for the attack, "
        "which it says killed more than 1,400 people."
    )
    got = _dated(recap, "recap", "2013-09-09")
    washington = [g for g in got if g[3] == "Washington"]
    assert washington and all(g[1:3] == ("2013-08-21", 1) for g in washington), got


def test_a_sentence_telling_when_the_incident_occurred_dates_the_sentences_after_it() -> None:
    text = (
        "A coalition air strike mistakenly hit Syrian Democratic Forces fighters "
        "near Tabqa, killing 18 of them. The incident occurred on April 11. "
        "The target had been identified as an ISIS fighting position, Central Command said. "
        "It was actually a forward position of the Syrian Democratic Forces, where fighting with ISIS went on."
    )
    got = _dated(text, "occ", "2017-04-13")
    after = [g for g in got if g[3] in ("The", "It")]
    assert after and all(g[1] == "2017-04-11" for g in after), got


def test_without_a_publication_date_a_fresh_report_takes_the_date_its_story_opens_with() -> None:
    text = (
        "At least 20 people were killed in air raids on villages of Latakia province on 10 Aug 2013, a monitor said. "
        "In Aleppo province further east government troops stormed a village overnight killing 12 people."
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "nopub")])
    stormed = [e for e in evs if e.evidence["trigger"].sentence.startswith("In Aleppo")]
    assert stormed and all((e.event_date, e.time_precision) == ("2013-08-10", 2) for e in stormed)


def _kinds(text: str, sid: str) -> list[tuple[str, int]]:
    ((_, evs, _, _),) = extract_stories([_story(text, sid)])
    return [(e.sub_event_type, e.fatalities) for e in evs]


@pytest.mark.parametrize(
    ("text", "kind", "toll"),
    [
        (
            "A suicide bomber blew himself up at a checkpoint in Azaz near the Turkish border on Tuesday, "
            "the Syrian Observatory said. Six civilians were killed and 20 wounded in the blast area, it said.",
            "Suicide bomb",
            6,
        ),
        (
            "Dozens of people were killed in a suspected poison gas attack on the town of Douma on Saturday, "
            "rescuers said. At least 70 people died, according to the medical relief group.",
            "Chemical weapon",
            70,
        ),
        (
            "Russian warplanes struck an aid convoy near the town of Urum al-Kubra west of Aleppo on Monday. "
            "The attack left 12 people dead, including aid workers.",
            "Air/drone strike",
            12,
        ),
        (
            "Air strikes by government warplanes hit the Mayssar neighbourhood of Aleppo on Sunday, a monitor "
            "said. Dozens of civilians were killed and wounded in the raids, he said.",
            "Air/drone strike",
            12,
        ),
    ],
)
def test_the_harm_told_after_a_bombing_or_strike_is_part_of_it(text: str, kind: str, toll: int) -> None:
    # "killed", "died", "the attack" name no weapon: no Attack of their own, the incident's toll
    assert _kinds(text, "harm") == [(kind, toll)]


def test_a_part_of_the_dead_told_after_a_strike_does_not_lower_its_toll() -> None:
    text = (
        "Air strikes by government warplanes killed at least 16 civilians in Aleppo on Sunday, a monitor "
        "said. Two more civilians, among them a child, were killed in the Mayssar neighbourhood of the city."
    )
    assert _kinds(text, "part") == [("Air/drone strike", 16)]
    # a part told with its wounded is kept among the strike's figures, as a part of its toll
    text = text.replace(
        "Two more civilians, among them a child, were killed", "Two civilians were killed and five wounded"
    )
    ((_, evs, _, _),) = extract_stories([_story(text, "part-kept")])
    (strike,) = evs
    figures = sorted((c.best, c.qualifier) for c in strike.fatality_claims if c.kind == "killed")
    assert figures[-1] == (16, "at least") and figures[0][0] == 2 and figures[0][1].startswith("including")
    assert strike.fatalities == 16 and [c.best for c in strike.fatality_claims if c.kind == "injured"] == [5]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (  # another means: gunmen at a checkpoint are an event of their own
            "Government forces shelled the town of Daraa on Monday, killing three people. "
            "Gunmen attacked a police checkpoint in Daraa, killing two policemen.",
            ["Shelling/artillery/missile attack", "Armed clash"],
        ),
        (  # killed in clashes: a battle
            "Air strikes hit the town of Saraqeb on Monday. "
            "Ten fighters were killed in clashes with the army near Saraqeb.",
            ["Air/drone strike", "Armed clash"],
        ),
        (  # another incident told
            "A car bomb exploded in the town of Azaz on Monday, killing eight people. "
            "Two other people were killed in a similar attack in Azaz hours later.",
            ["Remote explosive/landmine/IED", "Attack"],
        ),
        (  # a doer the strike does not name did its own killing
            "Air strikes hit the town of Saraqeb on Monday. Rebels killed 12 soldiers near Saraqeb, a monitor said.",
            ["Air/drone strike", "Armed clash"],
        ),
    ],
)
def test_harm_with_a_means_doer_or_incident_of_its_own_stays_apart(text: str, kinds: list[str]) -> None:
    assert [k for k, _ in _kinds(text, "apart")] == kinds


@pytest.mark.parametrize(
    ("text", "clash_toll"),
    [
        (  # the dead of the two sides by category: soldiers and rebels
            "Government warplanes bombed rebel positions near the town of Morek in Hama on Sunday, a monitor said. "
            "It said 14 regime soldiers and 11 rebels had been killed.",
            25,
        ),
        (  # fighters of two named groups
            "Coalition aircraft carried out eight air strikes around the town of Manbij on Friday to repel an assault. "
            "At least 40 Islamic State militants and 17 Kurdish fighters were killed, the Observatory said.",
            57,
        ),
        (  # both sides, no figure
            "Russian jets pounded the outskirts of Saraqeb on Monday, activists said. "
            "Fighters from both sides were killed, they said.",
            0,
        ),
    ],
)
def test_two_sides_dead_after_a_strike_are_a_battles_not_the_strikes(text: str, clash_toll: int) -> None:
    kinds = _kinds(text, "battle")
    assert ("Armed clash", clash_toll) in kinds, kinds
    strikes = [toll for kind, toll in kinds if kind != "Armed clash"]
    assert strikes == [0], kinds  # the strike takes none of the battle's dead


def test_one_sides_dead_after_a_strike_stay_the_strikes() -> None:
    # the victims of one camp (soldiers and allied militiamen are both pro-government) are the strike's
    text = (
        "Israeli warplanes struck a weapons depot near Damascus airport on Sunday, a monitor said. "
        "Eight regime soldiers and six Hezbollah fighters were killed, it said."
    )
    assert _kinds(text, "one-camp") == [("Air/drone strike", 14)]


def test_battle_dead_told_after_a_strike_join_the_clash_the_story_reports_in_its_area() -> None:
    text = (
        "Islamic State fighters attacked the town of Suluk in Raqqa province on Saturday. "
        "Coalition warplanes carried out air strikes to repel the assault. "
        "At least 30 Islamic State militants and 12 Kurdish fighters were killed in Tal Abyad, the Observatory said."
    )
    # Tal Abyad is another town of the fighting, in the same governorate: the same clash
    assert _kinds(text, "clash-area") == [("Armed clash", 42), ("Air/drone strike", 0)]


def test_one_strike_report_at_a_list_of_towns_is_one_event_per_town() -> None:
    story = _story(
        "Russian warplanes struck Kafr Nabl, Maarat al-Numan and Saraqeb on Tuesday, killing 10 "
        "civilians, the Syrian Observatory for Human Rights said.",
        "towns",
    )
    ((_, evs, _, _),) = extract_stories([story])
    strikes = [e for e in evs if e.sub_event_type == "Air/drone strike"]
    assert [e.place.evidence.text for e in strikes if e.place and e.place.evidence] == [
        "Kafr Nabl", "Maarat al-Numan", "Saraqeb"
    ]
    assert len({e.event_id for e in strikes}) == 3
    assert all(e.actor1 is not None and e.actor1.name == "Military Forces of Russia" for e in strikes)
    assert all(e.evidence["place_list"].text == "Kafr Nabl, Maarat al-Numan and Saraqeb" for e in strikes)
    assert all("[Split: one of 3 events" in e.notes for e in strikes)
    # ACLED: a total told for several places without a breakdown is divided evenly among them
    assert [e.fatalities for e in strikes] == [4, 3, 3]
    assert all([c.best for c in e.fatality_claims] == [10] for e in strikes)  # the figure kept, sourced
    main = main_event(evs)
    assert main is not None and main.place is not None and main.place.evidence is not None
    assert main.place.evidence.text == "Kafr Nabl"


def test_each_place_of_a_list_keeps_its_own_count() -> None:
    story = _story(
        "Regime shelling killed five civilians in Kafr Nabl and three civilians were killed in Saraqeb on Monday.",
        "own",
    )
    ((_, evs, _, _),) = extract_stories([story])
    by_place = {e.place.evidence.text: e for e in evs if e.place and e.place.evidence}
    assert set(by_place) == {"Kafr Nabl", "Saraqeb"}
    assert by_place["Kafr Nabl"].fatalities == 5 and by_place["Saraqeb"].fatalities == 3
    assert [c.best for c in by_place["Kafr Nabl"].fatality_claims] == [5]
    assert [c.best for c in by_place["Saraqeb"].fatality_claims] == [3]


@pytest.mark.parametrize(
    "text",
    [
        "Clashes raged on Sunday between Harasta and Arbin, activists said.",  # the extent of one battle
        "Government aircraft bombed Douma in eastern Ghouta on Friday, killing seven people.",  # a region's part
        "Fighters from Douma and Harasta attacked an army checkpoint in Jobar on Friday.",  # the doers' home
    ],
)
def test_a_place_list_that_is_one_act_s_extent_or_origin_is_not_split(text: str) -> None:
    ((_, evs, _, _),) = extract_stories([_story(text, "one")])
    assert evs and all("[Split:" not in e.notes and "place_list" not in e.evidence for e in evs)


def test_a_split_event_is_not_taken_into_a_neighbouring_town_s_event() -> None:
    story = _story(
        "Government warplanes struck Kafr Zita on Monday, killing seven people. Ten rebels were killed "
        "in airstrikes on Abu al-Duhour and Khan Sheikhoun on Monday, activists said.",
        "near",
    )
    ((_, evs, _, _),) = extract_stories([story])
    places = [e.place.evidence.text for e in evs if e.place and e.place.evidence]
    assert {"Kafr Zita", "Abu al-Duhour", "Khan Sheikhoun"} <= set(places)
