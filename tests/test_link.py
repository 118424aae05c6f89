"""Linking: same real event across stories (blocked pair scoring), same claim across outlets."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from crosswire.link.claims import link_claims, normalise
from crosswire.link.events import link_events
from crosswire.models import Actor, Claim, Event, Evidence, FatalityClaim, Place
from crosswire.store import Store

ALEPPO = Place("Aleppo", "Syria", "Aleppo", "Jebel Saman", None, 36.2, 37.16, 1)
ATMA = Place("Atma", "Syria", "Idlib", "Harim", None, 36.32, 36.68, 1)
DARAA = Place("Daraa", "Syria", "Daraa", "Daraa", None, 32.62, 36.1, 1)
ISIS = Actor("Islamic State (ISIS)", 2, "jihadist")
SAA = Actor("Military Forces of Syria", 1, "pro-government")


def _event(eid: str, story: str, place: Place | None, day: str | None, notes: str, **kw: Any) -> Event:
    return Event(
        event_id=eid,
        story_id=story,
        event_type=kw.get("event_type", "Explosions/Remote violence"),
        sub_event_type=kw.get("sub", "Suicide bomb"),
        actor1=kw.get("actor1", ISIS),
        actor2=None,
        civilian_targeting=False,
        place=place,
        event_date=day,
        time_precision=1,
        fatalities=kw.get("fatalities", 0),
        notes=notes,
    )


BUS = "A suicide bomber blew up a bus carrying rebel fighters near the Atma border crossing, killing dozens."


def test_reports_of_one_bombing_from_two_stories_form_one_cluster() -> None:
    events = [
        _event("e1", "s1", ATMA, "2016-08-14", BUS),
        _event("e2", "s2", ATMA, "2016-08-15", "ISIS bombed a bus of rebel fighters near the Atma crossing."),
        _event("e3", "s3", DARAA, "2016-08-14", "Shelling hit a market in Daraa.", sub="Shelling"),
    ]
    res = link_events(events)
    assert res.clusters["e1"] == res.clusters["e2"]
    assert res.clusters["e3"] != res.clusters["e1"]
    assert [(ln.kind, ln.a, ln.b) for ln in res.links] == [("same_event", "e1", "e2")]
    assert res.links[0].details["place"] == 1.0


def test_events_of_one_story_are_never_linked() -> None:
    events = [_event("e1", "s1", ATMA, "2016-08-14", BUS), _event("e2", "s1", ATMA, "2016-08-14", BUS)]
    res = link_events(events)
    assert res.clusters["e1"] != res.clusters["e2"]


def test_events_outside_the_date_window_are_not_compared() -> None:
    events = [_event("e1", "s1", ATMA, "2016-08-14", BUS), _event("e2", "s2", ATMA, "2016-09-30", BUS)]
    res = link_events(events)
    assert res.pairs_scored == 0
    assert res.clusters["e1"] != res.clusters["e2"]


def test_cluster_ids_are_stable_when_inputs_are_reordered() -> None:
    events = [
        _event("e1", "s1", ATMA, "2016-08-14", BUS),
        _event("e2", "s2", ATMA, "2016-08-14", BUS),
        _event("e3", "s3", ALEPPO, "2016-08-14", "Army shelled rebel positions in Aleppo.", actor1=SAA),
    ]
    assert link_events(events).clusters == link_events(list(reversed(events))).clusters


def test_blocking_keeps_pair_count_far_below_all_pairs() -> None:
    places = [ATMA, ALEPPO, DARAA]
    events = [
        _event(f"e{i}", f"s{i}", places[i % 3], f"2016-{1 + (i // 30) % 12:02d}-{1 + i % 28:02d}", BUS)
        for i in range(300)
    ]
    res = link_events(events)
    all_pairs = 300 * 299 // 2
    assert res.pairs_scored < all_pairs / 10


def test_event_dicts_from_the_store_record_column_are_accepted() -> None:
    a = _event("e1", "s1", ATMA, "2016-08-14", BUS)
    b = _event("e2", "s2", ATMA, "2016-08-14", BUS)
    from crosswire.models import to_dict

    rows = [{"event_id": e.event_id, "record": json.dumps(to_dict(e))} for e in (a, b)]
    assert link_events(rows).clusters["e1"] == link_events(rows).clusters["e2"]


def _claim(
    cid: str,
    story: str,
    speaker: str,
    content: str,
    ctype: str = "assessment",
    start: int = 0,
    about: str | None = None,
) -> Claim:
    return Claim(
        cid,
        story,
        speaker,
        None,
        "said",
        False,
        content,
        about,
        ctype,
        Evidence(story, start, start + len(content), content, content, start, start + len(content)),
    )


def test_synonyms_normalise_truce_and_ceasefire_to_one_concept() -> None:
    a = normalise("the terrorists regroup and rearm with every truce")
    b = normalise("armed factions used the ceasefire to supply themselves with arms")
    assert {"CEASEFIRE", "REARM", "ARMED_OPPOSITION"} <= set(a) & set(b)


def test_paraphrases_across_outlets_form_one_claim_cluster() -> None:
    claims = [
        _claim(
            "c1",
            "s1",
            "Defence spokesman",
            "Militants are using the ceasefire to lick their wounds and regroup",
        ),
        _claim("c2", "s2", "Foreign minister", "militants had used temporary truces to regroup and rearm"),
        _claim("c3", "s3", "opposition sources", "armed factions benefited from the truce to rearm"),
        _claim("c4", "s4", "health official", "the hospital received 40 wounded people on Monday"),
    ]
    stories = [{"story_id": f"s{i}", "outlet": f"Outlet {i}"} for i in range(1, 5)]
    res = link_claims(claims, stories)
    assert len(res.groups) == 1
    g = res.groups[0]
    assert set(g.claim_ids) == {"c1", "c2", "c3"}
    assert set(g.outlets) == {"Outlet 1", "Outlet 2", "Outlet 3"}
    assert "c4" not in res.clusters


def test_accusation_and_denial_are_not_the_same_claim() -> None:
    claims = [
        _claim(
            "c1",
            "s1",
            "A",
            "the regime used chemical weapons and poisonous gas in a staged ceasefire",
            "accusation",
        ),
        _claim("c2", "s2", "B", "the chemical attack during the ceasefire was staged", "denial"),
    ]
    assert link_claims(claims).clusters == {}


def test_claims_sharing_only_what_they_are_about_are_not_one_claim() -> None:
    # airstrikes and a ceasefire are the subject of both; neither asserts what the other does
    claims = [
        _claim(
            "c1", "s1", "Moscow", "its moratorium on air strikes on Aleppo could not go on because of rebel shelling"
        ),
        _claim("c2", "s2", "monitor", "Russian air strikes have pounded Idlib despite the truce agreed in December"),
    ]
    assert link_claims(claims).links == []
    # a shared assertion (violating the truce) on top of the shared subject is one claim
    claims = [
        _claim("c1", "s1", "opposition", "Russian jets violated the truce with air strikes on Idlib"),
        _claim("c2", "s2", "rescuers", "air strikes on Idlib violated the ceasefire"),
    ]
    assert [ln.method for ln in link_claims(claims).links] == ["concept-overlap-v1"]


def test_one_claim_copied_by_two_outlets_is_linked_without_shared_concepts() -> None:
    wire = (
        "the monitor works out which aircraft carried out a raid from their type, location, flight pattern and weapons"
    )
    claims = [
        _claim("c1", "s1", "Observatory", wire),
        _claim(
            "c2",
            "s2",
            "Britain-based monitor",
            wire.replace("their type", "the type").replace("weapons", "the weapons used"),
        ),
        _claim("c3", "s3", "monitor", "the aircraft carried out raids on the market in the morning"),
    ]
    stories = [{"story_id": f"s{i}", "outlet": f"Outlet {i}"} for i in range(1, 4)]
    res = link_claims(claims, stories)
    assert [(ln.a, ln.b, ln.method) for ln in res.links] == [("c1", "c2", "word-copy-v1")]
    assert res.groups[0].outlets == ("Outlet 1", "Outlet 2")


def test_shared_house_style_wording_is_not_a_copied_claim() -> None:
    # a short stock phrase about two different attacks: too few shared words to be one claim
    claims = [
        _claim("c1", "s1", "source", "the shelling caused material damage to the houses and properties of locals"),
        _claim("c2", "s2", "source", "the attack caused material damage to the houses and properties of locals"),
    ]
    assert link_claims(claims).links == []


def test_claims_with_different_figures_are_different_counts() -> None:
    text = "regime barrel bombs killed {} civilians in the eastern districts of Aleppo on Tuesday, rescuers reported"
    claims = [_claim("c1", "s1", "monitor", text.format(12)), _claim("c2", "s2", "monitor", text.format(21))]
    assert link_claims(claims).links == []
    claims[1] = _claim("c2", "s2", "monitor", text.format(12))
    assert len(link_claims(claims).links) == 1


def test_claims_of_one_story_repeating_one_statement_are_not_two_sources() -> None:
    long = "every time Moscow declares a truce it is the first to violate it with air strikes on rebel towns"
    tail = "it is the first to violate it with air strikes on rebel towns"
    # the same stretch of one sentence read twice, under two speakers
    claims = [
        _claim("c1", "s1", "Coalition", long, "accusation"),
        _claim("c2", "s1", "Russia", tail, start=len(long) - len(tail)),
    ]
    assert link_claims(claims).links == []
    # a story that repeats its lead word for word (a dateline copy) is still one source
    lead = "state media accused rebels of firing chemical shells at troops storming a Damascus district on Saturday"
    claims = [_claim("c1", "s1", "state media", lead), _claim("c2", "s1", "news agency", lead, start=400)]
    assert link_claims(claims).links == []
    # a second outlet's copy of that lead is a second source
    claims.append(_claim("c3", "s2", "state media", lead))
    assert {(ln.a, ln.b) for ln in link_claims(claims).links} == {("c1", "c3"), ("c2", "c3")}


def test_the_same_accusation_against_different_sides_is_not_one_claim() -> None:
    claims = [
        _claim("c1", "s1", "Damascus", "violated the ceasefire by bombing Idlib", "accusation", about="Russia"),
        _claim(
            "c2", "s2", "Ankara", "violated the ceasefire by bombing Idlib", "accusation", about="Hayat Tahrir al-Sham"
        ),
    ]
    assert link_claims(claims).links == []
    claims[1] = replace(claims[1], about_actor="Russia")
    assert len(link_claims(claims).links) == 1
    # the regime's government and its army are one side accused, not two
    gov, army = (
        Actor("Government of Syria", 1, "pro-government"),
        Actor("Military Forces of Syria", 1, "pro-government"),
    )
    claims = [
        replace(claims[0], about_actor=gov.name, about_actors=(gov,)),
        replace(claims[1], about_actor=army.name, about_actors=(army,)),
    ]
    assert len(link_claims(claims).links) == 1
    claims[1] = replace(claims[1], about_actor=ISIS.name, about_actors=(ISIS,))
    assert link_claims(claims).links == []


def test_seed_claim_cluster_spans_several_outlets_and_speakers(seed_run: Any) -> None:
    with Store(seed_run.db, read_only=True) as store:
        rows = store.query(
            "SELECT c.cluster_id, c.story_id, c.speaker, c.content, s.outlet"
            " FROM claims c JOIN stories s USING (story_id) WHERE c.cluster_id IS NOT NULL"
        )
    clusters: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        clusters.setdefault(r["cluster_id"], []).append(r)
    regroup = [
        members
        for members in clusters.values()
        if any("regroup" in m["content"] for m in members) and any("truce" in m["content"] for m in members)
    ]
    assert regroup
    members = max(regroup, key=len)
    speakers = {m["speaker"] for m in members}
    assert {"Igor Konashenkov", "Bouthaina Shaaban", "Sergei Lavrov"} <= speakers
    assert len({m["story_id"] for m in members}) >= 3
    assert {"Press TV", "Asharq Al-Awsat"} <= {m["outlet"] for m in members}


def test_relinking_the_same_corpus_keeps_every_cluster_id(seed_run: Any, tmp_path: Any) -> None:
    import shutil

    from crosswire import link

    db = tmp_path / "copy.duckdb"
    shutil.copy(seed_run.db, db)
    query = "SELECT event_id AS id, cluster_id FROM events UNION ALL SELECT claim_id, cluster_id FROM claims"
    with Store(db) as store:
        before = {r["id"]: r["cluster_id"] for r in store.query(query)}
        link.update(store)
        after = {r["id"]: r["cluster_id"] for r in store.query(query)}
    assert before == after
    assert any(v for v in after.values())


def test_events_of_near_duplicate_stories_are_linked_and_flagged() -> None:
    events = [_event("e1", "s1", ATMA, "2016-08-14", BUS), _event("e2", "s2", ATMA, "2016-08-14", BUS)]
    res = link_events(events, near_duplicates=[("s1", "s2")])
    assert res.links[0].details["near_duplicate"] is True


RAQQA = Place("Ar-Raqqa", "Syria", "Raqqa", "Raqqa", None, 35.95, 39.01, 1)
STOCK = "a source at Aleppo Police Command told SANA that terrorists fired rocket shells on"


def _sana(eid: str, story: str, day: str, notes: str, **kw: Any) -> Event:
    return _event(eid, story, ALEPPO, day, notes, sub="Shelling/artillery/missile attack", actor1=None, **kw)


def test_a_governorate_capital_in_another_spelling_is_as_unspecific_as_the_governorate() -> None:
    from crosswire.link.events import _prepare, place_score

    a, b = _prepare([_event("e1", "s1", RAQQA, "2016-11-21", BUS), _event("e2", "s2", RAQQA, "2016-11-21", BUS)], {})
    c, d = _prepare([_event("e3", "s3", ATMA, "2016-11-21", BUS), _event("e4", "s4", ATMA, "2016-11-21", BUS)], {})
    assert place_score(a, b) == 0.6
    assert place_score(c, d) == 1.0


def test_one_outlets_stock_wording_on_different_days_is_no_evidence_of_one_event() -> None:
    events = [
        _sana("e1", "s1", "2016-10-18", f"{STOCK} al-Hamadaniyeh, a woman wounded in her house near the bakery."),
        _sana("e2", "s2", "2016-10-19", f"{STOCK} al-Midan, two children hurt while walking to school with parents."),
    ]
    assert 0.1 < link_events(events).links[0].details["text"] < 0.5
    same_outlet = [{"story_id": "s1", "outlet": "SANA"}, {"story_id": "s2", "outlet": "SANA"}]
    two_outlets = [{"story_id": "s1", "outlet": "SANA"}, {"story_id": "s2", "outlet": "Al-Manar"}]
    assert link_events(events, two_outlets).links, "wording shared across outlets is still evidence"
    assert not link_events(events, same_outlet).links
    same_day = [replace(events[1], event_date="2016-10-18")]
    assert link_events([events[0], *same_day], same_outlet).links, "one day's reports may share wording"


def test_a_small_casualty_figure_agreeing_is_no_evidence_of_one_event() -> None:
    def pair(n: int) -> list[Event]:
        return [
            _event("e1", "s1", ATMA, "2016-08-14", "Gunmen opened fire at a checkpoint.", fatalities=n),
            _event("e2", "s2", ATMA, "2016-08-14", "An explosion hit the market square.", fatalities=n),
        ]

    assert not link_events(pair(1)).links
    assert link_events(pair(12)).links


def test_events_on_other_days_in_one_city_need_close_wording_not_just_the_same_toll() -> None:
    # a city sees an air strike most days, and "18 killed" recurs: a day apart in Aleppo with
    # little wording in common is two events; the same wording makes it one, reported a day late
    def pair(second_day: str, notes_b: str) -> list[Event]:
        return [
            _event("e1", "s1", ALEPPO, "2016-07-21", "Regime helicopters dropped barrel bombs on the Bab al-Nairab "
                   "neighbourhood of Aleppo, killing 18 people.", sub="Air/drone strike", fatalities=18),
            _event("e2", "s2", ALEPPO, second_day, notes_b, sub="Air/drone strike", fatalities=18),
        ]

    other = "Warplanes struck a market in a rebel-held district of Aleppo, killing 18 people, medics said."
    assert link_events(pair("2016-07-21", other)).links, "the same day, city, type and toll"
    shaar = other.replace("a rebel-held district", "the rebel-held Shaar district")
    assert not link_events(pair("2016-07-21", shaar)).links, "another named part of the city"
    assert not link_events(pair("2016-07-22", other)).links
    retold = "Barrel bombs dropped by regime helicopters on Bab al-Nairab in Aleppo killed 18 people."
    assert link_events(pair("2016-07-22", retold)).links


def test_events_days_apart_at_one_named_place_need_an_agreeing_toll_or_close_wording() -> None:
    def pair(fat_b: int) -> list[Event]:
        return [
            _event("e1", "s1", ATMA, "2016-08-14", BUS, fatalities=32),
            _event("e2", "s2", ATMA, "2016-08-16", "Rebels mourned the fighters killed near the Atma crossing.",
                   fatalities=fat_b),
        ]

    assert link_events(pair(32)).links, "the toll agrees"
    assert not link_events(pair(3)).links


KOBANI = Place("Kobani", "Syria", "Aleppo", "Ain al Arab", None, 36.89, 38.35, 1)


def test_events_a_day_apart_at_one_named_place_need_closer_wording_than_one_days() -> None:
    # a besieged town sees a bombing on Monday and fighting with explosions on Tuesday
    bombing = _event("e1", "s1", KOBANI, "2014-10-06", "Twin suicide bombings killed Kurdish fighters in the "
                     "besieged town of Kobani on Monday as jihadists pressed their assault.")
    fighting = _event("e2", "s2", KOBANI, "2014-10-06", "Gunfire and explosions were heard from across the border "
                      "as Kurdish fighters held the centre of Kobani, a journalist said.")
    same_day = link_events([bombing, fighting]).links
    assert same_day and 0.1 < same_day[0].details["text"] < 0.2
    assert not link_events([bombing, replace(fighting, event_date="2014-10-07")]).links


def test_an_undated_report_joins_a_dated_one_only_by_close_wording() -> None:
    # a story without a publication date tells the same bombing as a dated one; an undated report
    # with little wording in common is not taken for it
    dated = _event("e1", "s1", ATMA, "2016-08-15", BUS, fatalities=32)
    retold = _event("e2", "s2", ATMA, None, "A suicide bomber blew up a bus carrying rebel fighters near the Atma "
                    "border crossing, killing 32.", fatalities=32)
    vague = _event("e3", "s3", ATMA, None, "Mourners gathered for a funeral in the town on the border.", fatalities=3)
    assert [(ln.a, ln.b) for ln in link_events([dated, retold]).links] == [("e1", "e2")]
    assert not link_events([dated, vague]).links


def _shelling(eid: str, story: str, day: str, notes: str, **kw: Any) -> Event:
    return _event(eid, story, ALEPPO, day, notes, sub="Shelling/artillery/missile attack", actor1=None, **kw)


def test_reports_naming_different_parts_of_one_city_are_two_incidents() -> None:
    # one day's shells on two neighbourhoods of Aleppo: same city, day, type and wording, two events
    midan = _shelling("e1", "s1", "2016-04-04", "Militants fired rocket shells on al-Midan neighbourhood in "
                      "Aleppo city on Monday, killing two civilians and wounding five.")
    sukkari = _shelling("e2", "s2", "2016-04-04", "Militants fired rocket shells on the Sukkari neighbourhood "
                        "in Aleppo city on Monday, wounding three civilians.")
    unnamed = _shelling("e3", "s3", "2016-04-04", "Militants fired rocket shells on a neighbourhood in Aleppo "
                        "city on Monday, killing two civilians.")
    assert not link_events([midan, sukkari]).links
    assert link_events([midan, unnamed]).links, "a report naming no part of the city may be either"
    retold = replace(sukkari, notes="Rocket shells fired by militants on Midan district of Aleppo city killed two "
                     "civilians on Monday.")
    assert link_events([midan, retold]).links, "one part of the city in another spelling"
    assert link_events([midan, sukkari], near_duplicates=[("s1", "s2")]).links, "one report republished"


ROUNDUP = ("Four people were killed and 12 injured in terrorist attacks with rocket shells and explosive devices "
           "in Aleppo, Hama and Latakia on {day}, a source told SANA.")


def test_a_round_up_over_several_places_is_one_days_not_another_days() -> None:
    # each day's round-up of attacks across governorates reads like the next day's: two events
    first = _shelling("e1", "s1", "2016-10-18", ROUNDUP.format(day="Tuesday"), fatalities=4)
    next_day = _shelling("e2", "s2", "2016-10-19", ROUNDUP.format(day="Wednesday"), fatalities=4)
    assert not link_events([first, next_day]).links
    same_day = replace(next_day, event_date="2016-10-18", notes=ROUNDUP.format(day="Tuesday"))
    assert link_events([first, same_day]).links, "two outlets' round-ups of one day"


def test_a_round_up_and_one_attack_it_may_count_are_not_one_event_on_loose_wording() -> None:
    roundup = _event("e1", "s1", ALEPPO, "2016-10-17", "Air strikes killed at least 40 civilians in Aleppo over the "
                     "past 24 hours, the Observatory said, as the bombardment of the city went on.",
                     sub="Air/drone strike", fatalities=40)
    strike = _event("e2", "s2", ALEPPO, "2016-10-17", "An air strike on a bakery in the city of Aleppo killed 12 "
                    "civilians queuing for bread, the civil defence said.", sub="Air/drone strike", fatalities=12)
    assert not link_events([roundup, strike]).links
    one_day = replace(roundup, notes=roundup.notes.replace(" over the past 24 hours", " on Monday"))
    assert 0.1 < link_events([one_day, strike]).links[0].details["text"] < 0.5, "one report of the day's strikes"
    retold = replace(strike, notes="At least 40 civilians were killed by air strikes in Aleppo over the past 24 "
                     "hours, the Observatory said.", fatalities=40)
    assert link_events([roundup, retold]).links, "the round-up retold by another outlet"


def _killed(e: Event, *figures: int) -> Event:
    """``e`` with killed figures read in its own sentence (its notes)."""
    ev = Evidence(e.story_id, 0, len(e.notes), e.notes, e.notes, 0, len(e.notes))
    return replace(e, fatality_claims=tuple(FatalityClaim(n, n, n, "killed", None, "civilians", None, ev)
                                            for n in figures))


def test_a_headline_giving_a_round_ups_toll_is_the_round_up_retold() -> None:
    # "57 killed in continued attacks" carries no period cue, but it gives the round-up's own toll
    roundup = _shelling("e1", "s1", "2016-04-29", "In recent days 57 civilians have been killed and 150 injured in "
                        "rocket attacks by militants on the government-held parts of Aleppo.")
    headline = _shelling("e2", "s2", "2016-04-29", "Fri Apr 29 2016 57 civilians killed, 150 injured in continued "
                         "terrorist attacks on Aleppo.")
    assert not link_events([_killed(roundup, 57), _killed(headline, 2)]).links
    assert link_events([_killed(roundup, 57), _killed(headline, 57)]).links


def test_a_round_up_whose_toll_disagrees_is_not_an_attack_it_tells_however_alike_the_wording() -> None:
    # a round-up's story goes on to tell each attack it counts, so its notes share the attack's
    # words; the counts tell them apart: "3 killed in Deir Ezzor and Aleppo" is not "two killed"
    attack = ("Two civilians were killed and five injured when rocket shells fired by militants hit "
              "residential neighbourhoods in Deir Ezzor city at dawn.")
    roundup = _shelling("e1", "s1", "2016-06-01", "Three civilians killed, 40 injured in rocket attacks on Deir "
                        "Ezzor and Aleppo. " + attack)
    single = _shelling("e2", "s2", "2016-06-01", attack)
    assert link_events([_killed(roundup), _killed(single)]).links[0].details["text"] >= 0.5
    assert not link_events([_killed(roundup, 3), _killed(single, 2)]).links
    assert link_events([_killed(roundup, 3), _killed(single, 3)]).links, "the round-up retold: its own toll"


def test_an_attack_on_a_neighbourhood_and_a_city_report_with_another_toll_are_two_events() -> None:
    # one attack on a named part of the city and a report of the city's (or one side of it) day
    # whose count is another: the day's tally, or another attack; the same count makes it one
    part = _shelling("e1", "s1", "2016-08-25", "Two people were killed and four injured when rocket shells hit "
                     "al-Midan neighbourhood in Aleppo city on Thursday.")
    city = _shelling("e2", "s2", "2016-08-25", "Eight civilians were killed on Thursday by rebel shelling on the "
                     "government-held west of the city, the monitor said.")
    assert not link_events([_killed(part, 2), _killed(city, 8)]).links
    assert link_events([_killed(part, 2), _killed(city, 2)]).links
    assert link_events([_killed(part, 2), _killed(city)]).links, "a city report with no count may be the attack"


def test_a_vague_figure_is_no_toll_to_compare() -> None:
    from crosswire.link.events import _own_tolls

    sentence = "Coalition air strikes killed dozens of people in the town on Tuesday, the monitor said."
    ev = {"start": 0, "end": 5, "sentence": sentence}
    record = {"notes": sentence, "fatality_claims": [
        {"kind": "killed", "best": 12, "qualifier": "dozens of", "vague": True, "evidence": ev}]}
    assert _own_tolls(record) == []


def test_a_breakdown_of_a_toll_is_no_toll_of_its_own() -> None:
    from crosswire.link.events import _own_tolls

    sentence = "Eight civilians including two children were killed in shelling on the city on Thursday."
    ev = {"start": 0, "end": 5, "sentence": sentence}
    record = {
        "notes": sentence,
        "fatality_claims": [
            {"kind": "killed", "best": 8, "qualifier": None, "evidence": ev},
            {"kind": "killed", "best": 2, "qualifier": "including", "evidence": ev},
            {"kind": "injured", "best": 30, "qualifier": None, "evidence": ev},
        ],
    }
    assert _own_tolls(record) == [8]


def test_an_undated_event_is_scored_with_a_bounded_number_of_dated_ones() -> None:
    from crosswire.link.events import MAX_UNDATED_CANDIDATES

    # dated reports a week apart (never compared with each other) and one undated report: it is
    # scored only with those it can be one event with (close wording), and with a bounded number
    unrelated = [
        _event(f"d{k}", f"s{k}", ATMA, f"2016-{1 + k // 4:02d}-{1 + 7 * (k % 4):02d}",
               f"Protesters gathered in the square number {k} to demand the release of detainees.",
               event_type="Protests", sub="Peaceful protest", fatalities=0)
        for k in range(40)
    ]
    told = [replace(e, event_id=f"b{e.event_id}", story_id=f"t{e.story_id}", notes=BUS) for e in unrelated[:30]]
    undated = _event("u1", "su", ATMA, None, BUS, fatalities=30)
    few = link_events([*unrelated, undated])
    assert few.pairs_scored == 0
    many = link_events([*told, undated])
    assert many.pairs_scored == MAX_UNDATED_CANDIDATES
    assert many.links, "the undated report still joins a dated one it retells"


def test_a_report_of_a_battles_week_and_one_of_its_day_stay_comparable() -> None:
    # an offensive is reported as it runs over days: its week's report is no round-up of attacks
    week = _event("e1", "s1", ALEPPO, "2015-02-18", "The army's offensive north of Aleppo this week aimed to "
                  "encircle rebel-held districts and reach two besieged villages.", event_type="Battles",
                  sub="Armed clash", actor1=SAA)
    day = _event("e2", "s2", ALEPPO, "2015-02-18", "Government troops fought insurgents north of Aleppo on "
                 "Wednesday in an offensive to cut their supply route.", event_type="Battles", sub="Armed clash",
                 actor1=SAA)
    links = link_events([week, day]).links
    assert links and links[0].details["text"] < 0.5, "linked on wording a round-up of attacks would not do with"


# --- bench/claim_links.py: the figures and scoring a judged claim-link sample rests on --------


def _claim_bench() -> Any:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import claim_links

    return claim_links


def test_claim_bench_pair_kinds_count_a_camp_crossing_only_between_known_camps() -> None:
    bench = _claim_bench()
    outlets = {"s1": "SANA", "s2": "Orient News", "s3": "Local Blog", "s4": "SANA"}
    camps = {"SANA": "pro-government-syria", "Orient News": "opposition", "Local Blog": None}
    copies = {frozenset(("s1", "s4"))}
    a, b, c, d = ({"story_id": s} for s in ("s1", "s2", "s3", "s4"))
    assert bench.pair_kinds(a, b, outlets, camps, copies) == {
        "same_story": False,
        "cross_outlet": True,
        "cross_camp": True,
        "near_duplicate": False,
    }
    assert bench.pair_kinds(a, c, outlets, camps, copies)["cross_camp"] is False  # camp unknown
    assert bench.pair_kinds(a, d, outlets, camps, copies) == {
        "same_story": False,
        "cross_outlet": False,
        "cross_camp": False,
        "near_duplicate": True,
    }
    assert bench.pair_kinds(a, a, outlets, camps, copies)["same_story"] is True


def test_claim_bench_similarity_distribution_bins_scores_by_tenths() -> None:
    dist = _claim_bench().similarity_distribution([0.5, 0.55, 0.8, 1.0])
    assert dist["histogram"] == {"0.5-0.6": 2, "0.8-0.9": 1, "0.9-1.0": 1}
    assert (dist["n"], dist["min"], dist["max"]) == (4, 0.5, 1.0)
    assert _claim_bench().similarity_distribution([]) == {"n": 0}


def test_claim_bench_precision_scores_judged_pairs_this_run_still_links() -> None:
    bench = _claim_bench()
    rows = [
        {"pair": "a|b", "verdict": "same", "near_duplicate": True},
        {"pair": "a|c", "verdict": "different", "near_duplicate": False},
        {"pair": "b|c", "verdict": "same", "near_duplicate": False},
        {"pair": "c|d", "verdict": "unsure", "near_duplicate": False},
        {"pair": "d|e", "verdict": None, "near_duplicate": False},
    ]
    p = bench.precision(rows)
    assert (p["judged"], p["same"], p["unsure_or_unjudged"], p["precision"]) == (3, 2, 2, 0.667)
    assert p["precision_not_near_duplicate"] == 0.5
    now = bench.sample_precision(rows, {"a|b", "b|c", "c|d"})["precision_this_run"]
    assert (now["pairs"], now["judged"], now["precision"]) == (3, 2, 1.0)  # a|c is no longer linked


def test_claim_bench_recall_draw_takes_unlinked_cross_outlet_pairs_with_shared_wording() -> None:
    from crosswire import verify

    bench = _claim_bench()
    text = "the convoy carrying evacuees from Fuaa and Kefraya was hit by a car bomb near Rashidin"
    stories = [{"story_id": f"s{i}", "outlet": o} for i, o in enumerate(("SANA", "Reuters", "SANA", "Reuters"))]
    claims = [
        {"claim_id": "c0", "story_id": "s0", "content": text},
        {"claim_id": "c1", "story_id": "s1", "content": text.replace("car bomb", "suicide car bomb")},
        {"claim_id": "c2", "story_id": "s2", "content": text},  # same outlet as c0
        {"claim_id": "c3", "story_id": "s3", "content": "the Syrian army said it killed people in Aleppo"},
    ]
    corpus = verify.Corpus.build(stories, [], claims)
    got = {(r["a"], r["b"]) for r in bench.recall_candidates(corpus, linked=set(), min_overlap=0.5)}
    assert got == {("c0", "c1"), ("c1", "c2")}
    got = {(r["a"], r["b"]) for r in bench.recall_candidates(corpus, linked={"c0|c1"}, min_overlap=0.5)}
    assert got == {("c1", "c2")}
    # boilerplate words ("said", "Syrian", "killed", "people") are no shared wording
    assert bench.content_words("the Syrian army said it killed people in Aleppo") == {"army", "aleppo"}


IRAQ = Place("Iraq", "IQ", None, None, None, 33.2, 43.7, 3)


def test_events_placed_in_different_countries_are_never_linked() -> None:
    # one day's near-identical wording, but one bombing is in Iraq: two events however alike
    events = [
        _event("e1", "s1", ATMA, "2016-08-14", BUS),
        _event("e2", "s2", IRAQ, "2016-08-14", BUS),
    ]
    assert link_events(events).links == []
    # the same pair with both events in Syria is linked, so the country is what keeps them apart
    assert len(link_events([events[0], replace(events[1], place=ATMA)]).links) == 1


def test_two_events_known_only_by_one_country_share_no_named_place() -> None:
    from crosswire.link.events import _prepare, place_score

    a, b = _prepare([_event("e1", "s1", IRAQ, "2016-08-14", BUS), _event("e2", "s2", IRAQ, "2016-08-14", BUS)], {})
    assert place_score(a, b) == 0.4  # as loose as one governorate, not one town
