"""Verification: contradictions, corroboration across camps, framing, credibility."""

from __future__ import annotations

import json
from dataclasses import replace
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
    assert stances["accusation"]["about_actors"] == ["Military Forces of Syria"]  # a claim of one accused
    assert stances["denial"]["speaker"] == "Envoy B"


def test_an_attribution_conflict_names_every_one_the_accusation_accuses() -> None:
    content = "the army and Russian jets of dropping chlorine on the town"
    ev = Evidence("s1", 0, len(content), content, content, 0, len(content))
    accused = tuple(
        Actor(name, 8, None, words, Evidence("s1", at, at + len(words), words, content, 0, len(content)))
        for name, words, at in (
            ("Military Forces of Syria", "the army", 0),
            ("Military Forces of Russia", "Russian jets", 13),
        )
    )
    claims = [
        Claim("c1", "s1", "Minister A", None, "accused", False, content, "Military Forces of Syria",
              "accusation", ev, about_actors=accused),
        _claim("c2", "s2", "Envoy B", None, "denial", "the chlorine attack was staged"),
    ]
    corpus = verify.Corpus.build([_story(s, "Reuters") for s in ("s1", "s2")], [], claims)
    (perp,) = [c for c in verify.contradictions(corpus) if c.kind == "perpetrator"]
    (acc,) = [v for v in perp.values if v["stance"] == "accusation"]
    assert acc["about_actors"] == ["Military Forces of Syria", "Military Forces of Russia"]
    assert acc["value"] == "accuses Military Forces of Syria, Military Forces of Russia"


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


def _toll_corpus(own: int, others: tuple[int, ...], actor1: Actor | None = ISIS) -> verify.Corpus:
    """One bombing reported by s1 (``own`` killed, perpetrator ``actor1``) and by one story per other figure."""
    outlets = ["Reuters", "Al Jazeera", "SANA", "Anadolu"]
    stories = [_story("s1", "Al-Ahram")] + [_story(f"s{i}", outlets[i - 2]) for i in range(2, len(others) + 2)]
    events = [_event("e1", "s1", (_fig(own, "", "s1", 100),), actor1=actor1)]
    events += [_event(f"e{i}", f"s{i}", (_fig(v, "SOHR", f"s{i}", 100),)) for i, v in enumerate(others, 2)]
    return verify.Corpus.build(stories, events, event_clusters={e.event_id: "c1" for e in events})


def _model(**coef: float) -> verify.CredibilityModel:
    names = tuple(coef)
    return verify.CredibilityModel(names, tuple(coef.values()), 0.0, (0.0,) * len(names), (1.0,) * len(names))


def test_outlier_casualty_figure_lowers_the_score_and_the_reason_names_the_other_reports() -> None:
    corpus = _toll_corpus(50, (32, 32, 33))
    agree = verify.consensus(corpus)
    assert agree["s1"].figure_outlier and not agree["s2"].figure_outlier
    assert agree["s1"].figure_deviation > 0.4 > agree["s2"].figure_deviation
    feats = verify.story_features(corpus)
    model = _model(figure_outlier=-1.0, figure_deviation=-1.0)
    outlier, agreeing = verify.score_story(feats["s1"], model), verify.score_story(feats["s2"], model)
    assert outlier.score < 0.5 < agreeing.score + 0.01 and outlier.score < agreeing.score
    reason = next(r for r in outlier.reasons if r["factor"] == "figure_outlier")
    assert reason["text"].startswith("reports 50 killed where 3 other reports say 32-33")
    assert all(name in reason["text"] for name in ("Reuters", "Al Jazeera", "SANA"))
    assert {o["story_id"] for o in reason["evidence"]["others"]} == {"s2", "s3", "s4"}


def test_the_shipped_model_never_rewards_disagreeing_with_the_other_reports() -> None:
    model = verify.load_model()
    coef = dict(zip(model.features, model.coef, strict=True))
    for name in ("figure_deviation", "figure_outlier", "perpetrator_dissent", "place_dissent", "date_dissent"):
        assert coef[name] <= 0.0, name
    corpus = _toll_corpus(50, (32, 32, 33))
    feats = verify.story_features(corpus)
    assert verify.score_story(feats["s1"]).score <= verify.score_story(feats["s2"]).score


def test_one_other_report_is_a_deviation_but_not_an_odd_one_out() -> None:
    agree = verify.consensus(_toll_corpus(50, (32,)))
    assert not agree["s1"].figure_outlier and agree["s1"].figure_deviation > 0.4
    assert agree["s1"].figure is not None and agree["s1"].figure["median_of_others"] == 32


def test_a_perpetrator_from_another_side_than_the_other_reports_is_a_reason() -> None:
    corpus = _toll_corpus(32, (32, 32), actor1=REBELS)
    agree = verify.consensus(corpus)
    assert agree["s1"].perpetrator is not None and agree["s2"].perpetrator is None
    assert agree["s1"].perpetrator["side"] == "opposition" and agree["s1"].perpetrator["others_side"] == "jihadist"
    assert not agree["s1"].figure_outlier and agree["s1"].figure_deviation == 0.0
    text = verify.reason_text("perpetrator_dissent", 1.0, agree["s1"].perpetrator)
    assert "Syrian opposition" in text and "jihadist" in text and "Reuters" in text


def test_reports_of_the_same_place_type_and_day_are_compared_without_a_shared_cluster() -> None:
    stories = [_story("s1", "Al-Ahram"), _story("s2", "Reuters"), _story("s3", "SANA")]
    events = [
        _event("e1", "s1", (_fig(50, "", "s1", 100),)),
        _event("e2", "s2", (_fig(32, "SOHR", "s2", 100),)),
        replace(_event("e3", "s3", (_fig(32, "SOHR", "s3", 100),)), event_date="2016-08-20"),
    ]
    agree = verify.consensus(verify.Corpus.build(stories, events))  # every event its own cluster
    assert [r["story_id"] for r in agree["s1"].reports] == ["s2"]  # s3 is six days later
    assert agree["s1"].figure is not None and agree["s1"].figure["value"] == 50


def test_near_duplicates_are_one_report_and_never_the_story_itself() -> None:
    corpus = _toll_corpus(50, (32, 32, 33))
    corpus.near_duplicates = [("s1", "s4"), ("s2", "s3")]
    reports = verify.consensus(corpus)["s1"].reports
    assert [r["story_id"] for r in reports] == ["s2"]  # s3 republishes s2; s4 republishes s1


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
