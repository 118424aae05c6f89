"""Verification: contradictions, corroboration across camps, framing, credibility."""

from __future__ import annotations

import json
from typing import Any

import pytest

from crosswire import verify
from crosswire.models import Actor, Claim, Event, Evidence, FatalityClaim, Place, Story
from crosswire.store import Store

ATMA = Place("Atma", "Syria", "Idlib", "Harim", None, 36.32, 36.68, 1)
ISIS = Actor("Islamic State (ISIS)", 2, "jihadist")
REBELS = Actor("Syrian opposition (armed factions)", 2, "opposition")


def _story(sid: str, outlet: str, text: str = "A bus was bombed near Atma.") -> Story:
    return Story(sid, "in", 0, None, text, sid, outlet=outlet)


def _fig(best: int, source: str, story: str, start: int) -> FatalityClaim:
    ev = Evidence(story, start, start + 2, str(best), f"... killed {best} ...", start - 10, start + 20)
    return FatalityClaim(best, best, best, "killed", source, "people", None, ev)


def _event(
    eid: str,
    story: str,
    figures: tuple[FatalityClaim, ...] = (),
    actor1: Actor | None = ISIS,
    place: Place | None = ATMA,
) -> Event:
    return Event(
        eid,
        story,
        "Explosions/Remote violence",
        "Suicide bomb",
        actor1,
        None,
        False,
        place,
        "2016-08-14",
        1,
        max((f.best for f in figures), default=0),
        figures,
    )


def test_two_sources_in_one_story_disagreeing_on_the_toll_is_a_contradiction() -> None:
    ev = _event(
        "e1",
        "s1",
        (
            _fig(32, "Syrian Observatory for Human Rights", "s1", 100),
            _fig(50, "Islamic State (ISIS) (statement)", "s1", 300),
        ),
    )
    corpus = verify.Corpus.build([_story("s1", "Reuters")], [ev])
    found = [c for c in verify.contradictions(corpus) if c.kind == "fatalities"]
    assert len(found) == 1
    values = found[0].values
    assert [v["value"] for v in values] == [32, 50]
    assert values[0]["source"] == "Syrian Observatory for Human Rights"
    assert values[1]["source"] == "Islamic State (ISIS) (statement)"
    assert all(v["evidence"]["story_id"] == "s1" for v in values)


def test_close_figures_are_not_a_contradiction() -> None:
    ev = _event("e1", "s1", (_fig(100, "A", "s1", 100), _fig(104, "B", "s1", 300)))
    corpus = verify.Corpus.build([_story("s1", "Reuters")], [ev])
    assert not [c for c in verify.contradictions(corpus) if c.kind == "fatalities"]


def test_different_perpetrators_in_one_event_cluster() -> None:
    events = [_event("e1", "s1", actor1=ISIS), _event("e2", "s2", actor1=REBELS)]
    corpus = verify.Corpus.build(
        [_story("s1", "SANA"), _story("s2", "Asharq Al-Awsat")], events, event_clusters={"e1": "c", "e2": "c"}
    )
    perp = [c for c in verify.contradictions(corpus) if c.kind == "perpetrator"]
    assert len(perp) == 1
    assert {v["value"] for v in perp[0].values} == {
        "Islamic State (ISIS)",
        "Syrian opposition (armed factions)",
    }
    assert {v["outlet"] for v in perp[0].values} == {"SANA", "Asharq Al-Awsat"}


def _claim(
    cid: str, story: str, speaker: str, actor: str | None, ctype: str, content: str, about: str | None = None
) -> Claim:
    return Claim(
        cid,
        story,
        speaker,
        actor,
        "said",
        False,
        content,
        about,
        ctype,
        Evidence(story, 0, len(content), content, content, 0, len(content)),
    )


def test_accusation_against_a_denial_of_the_same_incident_is_an_attribution_conflict() -> None:
    claims = [
        _claim(
            "c1",
            "s1",
            "Foreign minister A",
            None,
            "accusation",
            "the army deliberately used chemical weapons on the town",
            "Military Forces of Syria",
        ),
        _claim("c2", "s2", "Envoy B", None, "denial", "the poison gas attack was staged"),
        _claim("c3", "s3", "Envoy C", None, "denial", "the report of shelling in Daraa is fabricated"),
    ]
    corpus = verify.Corpus.build([_story(s, "Reuters") for s in ("s1", "s2", "s3")], [], claims)
    perp = [c for c in verify.contradictions(corpus) if c.kind == "perpetrator"]
    assert len(perp) == 1
    stances = {v["stance"]: v for v in perp[0].values}
    assert set(stances) == {"accusation", "denial"}
    assert stances["accusation"]["about_actor"] == "Military Forces of Syria"
    assert stances["denial"]["speaker"] == "Envoy B"


def test_cross_camp_reports_weigh_more_than_same_camp_and_near_duplicates_count_once() -> None:
    stories = [
        _story("s1", "SANA"),
        _story("s2", "Asharq Al-Awsat"),
        _story("s3", "Sputnik"),
        _story("s4", "TASS"),
        _story("s5", "TASS"),
    ]
    events = [_event(f"e{i}", f"s{i}") for i in range(1, 6)]
    cross = verify.Corpus.build(stories[:2], events[:2], event_clusters={"e1": "c", "e2": "c"})
    same = verify.Corpus.build(stories[2:4], events[2:4], event_clusters={"e3": "c", "e4": "c"})
    dup = verify.Corpus.build(
        stories[3:5], events[3:5], event_clusters={"e4": "c", "e5": "c"}, near_duplicates=[("s4", "s5")]
    )
    c_cross, c_same, c_dup = (verify.corroboration(c)["c"] for c in (cross, same, dup))
    assert c_cross.cross_camp and not c_same.cross_camp
    assert c_cross.score > c_same.score > 0
    assert c_dup.n_stories == 2 and c_dup.n_reports == 1 and c_dup.score == 0


def test_framing_term_next_to_a_jihadist_group_is_counted_for_that_group() -> None:
    uses = verify.term_uses("s", "ISIS terrorists attacked the town while rebels held the hills.")
    sides = {(u.term, u.side) for u in uses}
    assert ("terrorists", "jihadist") in sides
    assert ("rebels", "armed_opposition") in sides


def test_credibility_is_a_probability_with_a_reason_for_every_factor() -> None:
    ev = _event("e1", "s1", (_fig(32, "SOHR", "s1", 100),))
    corpus = verify.Corpus.build([_story("s1", "Reuters", "Terrorists and militants attacked.")], [ev])
    (cred,) = verify.credibility(corpus)
    assert 0.0 <= cred.score <= 1.0
    factors = {r["factor"] for r in cred.reasons}
    assert factors == set(verify.load_model().features)
    loaded = next(r for r in cred.reasons if r["factor"] == "loaded_density")
    assert loaded["value"] > 0 and loaded["evidence"] == ["Terrorists", "militants"]


# --- the seeds through the real pipeline ------------------------------------------------


@pytest.fixture(scope="module")
def seed_store(seed_run: Any) -> Any:
    with Store(seed_run.db, read_only=True) as store:
        yield store


def _contradictions(store: Store, kind: str) -> list[list[dict[str, Any]]]:
    rows = store.query('SELECT "values" FROM contradictions WHERE kind = ?', [kind])
    return [json.loads(r["values"]) for r in rows]


def test_seed_atmeh_bombing_has_the_32_versus_50_toll_contradiction(seed_store: Store) -> None:
    found = [v for v in _contradictions(seed_store, "fatalities") if {x["value"] for x in v} >= {32, 50}]
    assert found
    by_value = {x["value"]: x for x in found[0]}
    assert "Observatory" in by_value[32]["source"]
    assert "ISIS" in by_value[50]["source"] or "Islamic State" in by_value[50]["source"]
    assert "32" in by_value[32]["evidence"]["sentence"] and "50" in by_value[50]["evidence"]["sentence"]


def test_seed_khan_sheikhoun_attribution_conflict(seed_store: Store) -> None:
    conflicts = [
        v for v in _contradictions(seed_store, "perpetrator") if any(x.get("level") == "claim" for x in v)
    ]
    assert conflicts
    rows = [x for v in conflicts for x in v]
    accuse = [x for x in rows if x["stance"] == "accusation" and "regime" in x["evidence"]["sentence"]]
    deny = [x for x in rows if x["stance"] == "denial" and "staged" in x["evidence"]["sentence"]]
    assert accuse and deny
    assert any("chemical" in x["evidence"]["sentence"] for x in accuse)


def test_seed_framing_table_shows_each_outlets_terms(seed_store: Store) -> None:
    corpus = verify.load_corpus(seed_store)
    rows = verify.framing(corpus)
    table = {(r.outlet, r.side, r.term): r for r in rows}
    for outlet in ("Sputnik", "Press TV"):
        loaded = {
            t for (o, side, t), r in table.items() if o == outlet and side == "armed_opposition" and r.loaded
        }
        assert loaded & {"terrorists", "militants"}, outlet
    regime = table.get(("Asharq Al-Awsat", "government", "regime"))
    assert regime is not None and regime.loaded and regime.count >= 2
    assert all(ex["sentence"] for ex in regime.examples)


def test_seed_stories_all_have_a_credibility_score_with_reasons(seed_store: Store) -> None:
    rows = seed_store.query("SELECT credibility_score, credibility FROM stories")
    assert rows and all(r["credibility_score"] is not None for r in rows)
    for r in rows:
        detail = json.loads(r["credibility"])
        assert 0 <= detail["score"] <= 1 and detail["reasons"]


def test_allied_camps_are_not_a_cross_camp_corroboration() -> None:
    stories = [
        _story("s1", "Sputnik"),
        _story("s2", "Press TV"),
        _story("s3", "SANA"),
        _story("s4", "Al Jazeera"),
    ]
    events = [_event(f"e{i}", f"s{i}") for i in range(1, 5)]
    allied = verify.Corpus.build(stories[:2], events[:2], event_clusters={"e1": "c", "e2": "c"})
    opposed = verify.Corpus.build(stories[2:], events[2:], event_clusters={"e3": "c", "e4": "c"})
    c_allied, c_opposed = verify.corroboration(allied)["c"], verify.corroboration(opposed)["c"]
    assert set(c_allied.camps) == {"pro-russia", "pro-iran"} and not c_allied.cross_camp
    assert c_opposed.cross_camp and c_opposed.score > c_allied.score
