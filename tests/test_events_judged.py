"""bench/events_judged.py: pairing extracted events with judged ones and the figures over them."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import events_judged as ej  # noqa: E402

SENTENCE = (
    "Russian warplanes struck a market in Maaret al-Numan on Monday, killing at least 15 civilians, "
    "while rebels shelled government-held neighbourhoods of Aleppo."
)


def _ev(
    sub: str,
    start: int,
    end: int,
    actor1: tuple[str, str] | None = None,
    actor2: tuple[str, str] | None = None,
    place: tuple[str, str, str] | None = None,
    date: str | None = None,
    fatalities: int = 0,
) -> dict[str, Any]:
    return {
        "key": "k1",
        "start": start,
        "end": end,
        "trigger": SENTENCE[start:end],
        "sub_event_type": sub,
        "actor1": {"name": actor1[0], "mention": actor1[1]} if actor1 else None,
        "actor2": {"name": actor2[0], "mention": actor2[1]} if actor2 else None,
        "place": {"name": place[0], "mention": place[1], "admin1": place[2], "geo_precision": 1} if place else None,
        "event_date": date,
        "time_precision": 1,
        "fatalities": fatalities,
    }


STRIKE = _ev(
    "Air/drone strike",
    18,
    24,
    ("Military Forces of Russia", "Russian warplanes"),
    ("Civilians (Syria)", "civilians"),
    ("Maarat an Nu'man", "Maaret al-Numan", "Idleb"),
    "2019-07-22",
    15,
)
SHELLING = _ev(
    "Shelling/artillery/missile attack",
    108,
    115,
    ("Syrian opposition (armed factions)", "rebels"),
    None,
    ("Aleppo", "Aleppo", "Aleppo"),
    "2019-07-22",
)
GOLD_STRIKE = {
    "sub_event_type": "Air/drone strike",
    "actor1": "Russian warplanes",
    "actor2": "civilians",
    "place": ["Maaret al-Numan", "Maarat an Nu'man"],
    "admin1": "Idlib",
    "date": "2019-07-22",
    "fatalities": 15,
}
GOLD_SHELLING = {
    "sub_event_type": "Shelling/artillery/missile attack",
    "actor1": "rebels",
    "actor2": "Military Forces of Syria",
    "place": "Aleppo",
    "admin1": "Aleppo",
    "date": "2019-07-22",
    "fatalities": 0,
}


def test_sub_event_types_are_the_classifiers_taxonomy() -> None:
    from crosswire.extract import classify

    assert ej.SUB_EVENT_TYPES == {sub: typ for typ, sub in classify.taxonomy().values()}


def test_the_judging_instructions_list_every_sub_event_type() -> None:
    """Judges read the module docstring, not the code: its list must be the 25 names."""
    assert ej.__doc__ is not None
    listed = ej.__doc__.split("spelled exactly so:")[1].split("A list of acceptable")[0]
    names = {" ".join(n.split()) for n in re.findall(r'"([^"]+)"', listed)}
    assert names == set(ej.SUB_EVENT_TYPES)


def test_events_pair_by_sub_event_type_whatever_their_order() -> None:
    pairs = ej.pair_events([GOLD_STRIKE, GOLD_SHELLING], [SHELLING, STRIKE], [None, None])
    assert pairs == [(0, 1), (1, 0)]


def test_no_automatic_pair_across_event_types() -> None:
    clash = _ev("Armed clash", 108, 115, ("Syrian opposition (armed factions)", "rebels"))
    assert ej.pair_events([GOLD_SHELLING], [clash], [None]) == []
    # the same event type, another sub-type: still the same event, misclassified
    missile = {**SHELLING, "sub_event_type": "Air/drone strike"}
    assert ej.pair_events([GOLD_SHELLING], [missile], [None]) == [(0, 0)]


def test_the_judges_verdict_decides_the_pair() -> None:
    clash = _ev("Armed clash", 108, 115)
    # the judge says this misread clash is the shelling: paired although the types differ
    assert ej.pair_events([GOLD_SHELLING], [clash], [{"real": True, "gold": 0}]) == [(0, 0)]
    # the judge says a look-alike is a repeat, not real: never paired, the other one is
    assert ej.pair_events([GOLD_STRIKE], [STRIKE, STRIKE], [{"real": False, "gold": None}, None]) == [(0, 1)]


def test_fields_compare_loosely_with_the_gold_event() -> None:
    v = ej.field_verdicts(STRIKE, GOLD_STRIKE)
    assert v == dict.fromkeys(ej.FIELDS, True)  # "Idleb" is Idlib; the mention is the gold place
    wrong = {**STRIKE, "actor1": None, "event_date": "2019-07-21", "fatalities": 20}
    v = ej.field_verdicts(wrong, GOLD_STRIKE)
    assert (v["actor1"], v["date"], v["fatalities"], v["sub_event_type"]) == (False, False, False, True)


def test_actor_phrase_matches_its_canonical_actor_and_null_matches_none() -> None:
    army = {"name": "Military Forces of Syria", "mention": "government troops"}
    assert ej.actor_right(army, "the Syrian army")
    assert not ej.actor_right(army, "Hezbollah")
    assert ej.actor_right(None, None) and not ej.actor_right(army, None)
    assert ej.actor_right(None, ["Hezbollah", None])


def test_clash_sides_count_in_either_order() -> None:
    clash = _ev("Armed clash", 0, 8, ("Hezbollah", "Hezbollah"), ("Islamic State (ISIS)", "Islamic State"))
    gold = {**GOLD_SHELLING, "sub_event_type": "Armed clash", "actor1": "ISIS", "actor2": "Hezbollah"}
    v = ej.field_verdicts(clash, gold)
    assert v["actor1"] and v["actor2"]
    # one side named, as the other side of the gold clash
    half = {**clash, "actor1": None}
    assert (ej.field_verdicts(half, gold)["actor1"], ej.field_verdicts(half, gold)["actor2"]) == (False, True)
    attack = {**clash, "sub_event_type": "Attack"}
    assert not ej.field_verdicts(attack, {**gold, "sub_event_type": "Attack"})["actor1"]


def test_a_month_date_accepts_any_day_of_it() -> None:
    assert ej.date_right("2016-02-11", "2016-02")
    assert not ej.date_right("2016-03-01", "2016-02")
    assert not ej.date_right(None, "2016-02-11") and ej.date_right(None, None)


def _row(key: str, stratum: str, gold: list[dict[str, Any]], extracted: list[dict[str, Any]]) -> dict[str, Any]:
    return {"key": key, "set": 1, "stratum": stratum, "sentence": SENTENCE, "gold_events": gold, "extracted": extracted}


def test_score_rows_counts_precision_recall_and_fields() -> None:
    spurious = _ev("Armed clash", 0, 17, ("Military Forces of Russia", "Russian warplanes"))
    drawn_spurious = {**spurious, "verdict": {"real": False, "gold": None}}
    drawn_strike = {
        **STRIKE,
        "verdict": {"real": True, "gold": 0, **dict.fromkeys(ej.FIELDS, True), "place": False},
    }
    rows = [
        # the extraction finds the strike, misses the shelling, adds a clash the judge rejected
        _row("k1", "pool", [GOLD_STRIKE, GOLD_SHELLING], [drawn_strike, drawn_spurious]),
        # a sentence reporting no event and none extracted
        _row("k2", "pool", [], []),
        # drawn for its extracted event, which is real and right but for the toll
        _row("k3", "extracted", [GOLD_SHELLING], []),
        # not judged yet: left out
        {**_row("k4", "pool", [], []), "gold_events": None},
    ]
    by_key = {"k1": [STRIKE, spurious], "k3": [{**SHELLING, "key": "k3", "fatalities": 3}], "k4": [STRIKE]}
    res = ej.score_rows(rows, by_key)
    assert res["sentences_judged"] == 3 and res["sentences_pool_stratum"] == 2
    assert (res["extracted_events"], res["extracted_real"], res["precision"]) == (3, 2, 0.667)
    assert (res["gold_events"], res["paired"], res["recall"]) == (3, 2, 0.667)
    assert (res["gold_events_pool_stratum"], res["recall_pool_stratum"]) == (2, 0.5)
    assert res["field_accuracy"]["sub_event_type"] == 1.0
    assert res["field_accuracy"]["fatalities"] == 0.5
    # the shelling's actor2 (government forces) was not extracted
    assert res["field_accuracy"]["actor2"] == 0.5
    assert res["judged_field_accuracy"]["place"] == 0.0 and res["judged_field_accuracy"]["date"] == 1.0
    lines = ej.errors(rows, by_key)
    assert any("SPURIOUS Armed clash" in x for x in lines)
    assert any("MISSED Shelling" in x for x in lines)


def test_check_gold_reports_judging_slips() -> None:
    bad = {**GOLD_STRIKE, "sub_event_type": "Airstrike", "date": "22/07/2019"}
    row = _row("k1", "pool", [bad], [{**STRIKE, "verdict": {"real": True, "gold": 3}}])
    problems = ej.check_gold(row)
    assert len(problems) == 3
    assert "Airstrike" in problems[0] and "22/07/2019" in problems[1] and "gold 3" in problems[2]
    assert ej.check_gold(_row("k1", "pool", [GOLD_STRIKE], [])) == []


def test_choose_draws_the_event_share_from_event_sentences_without_repeats() -> None:
    pool = [{"key": f"k{i}", "row": i, "has_event": i % 3 == 0} for i in range(60)]
    chosen = ej.choose(pool, 10, 5, 0.5)
    assert chosen == ej.choose(pool, 10, 5, 0.5)
    assert [s for s, _ in chosen].count("extracted") == 5
    assert all(p["has_event"] for s, p in chosen if s == "extracted")
    assert len({p["key"] for _, p in chosen}) == 10


def test_draw_writes_rows_to_judge_with_the_extraction_last(tmp_path: Path) -> None:
    base = {"title": "Strikes hit Idlib", "outlet": "Wire", "published": "2019-07-22", "previous": None, "next": None}
    pool = [
        {**base, "row": 0, "key": "k1", "has_event": True, "sentence": SENTENCE},
        {**base, "row": 1, "key": "k2", "has_event": False, "sentence": "Rebels said they would attack."},
    ]
    path = tmp_path / "sample.jsonl"
    run = {"pool": pool, "events": [{**STRIKE, "row": 0, "event_type": "Explosions/Remote violence"}]}
    assert ej.draw(run, path, 2, 9, 0.5, exclude_judged=False) == 2
    rows = ej.read_rows(path)
    assert [(r["key"], r["stratum"]) for r in rows] == [("k1", "extracted"), ("k2", "pool")]
    first = rows[0]
    # what tells whether crosswire found an event comes after what the judge writes first
    assert list(first)[-4:] == ["gold_events", "stratum", "extracted", "judged_by"]
    assert first["gold_events"] is None and first["extracted"][0]["verdict"] is None
    assert first["extracted"][0]["actor1"]["name"] == "Military Forces of Russia"
    assert rows[1]["extracted"] == []
    # drawing again adds nothing: both sentences are in the file already
    assert ej.draw(run, path, 2, 9, 0.5, exclude_judged=True) == 0


def test_an_event_is_also_in_each_further_sentence_that_carries_it() -> None:
    from crosswire.annotate import split_sentences
    from crosswire.extract import extract_stories
    from crosswire.models import Story

    text = (
        "A suicide bomber blew himself up at a checkpoint in the town of Azaz on Monday. "
        "Four civilians were killed and 23 wounded in the blast area, activists said."
    )
    ((_, evs, _, _),) = extract_stories([Story("s1", "in", 0, None, text, "h1")])
    found = [e for e in evs if "trigger" in e.evidence]
    sents = split_sentences(text)
    carried = ej._carried_rows(7, found, sents)
    # the bombing's own row is keyed to its trigger's sentence; its carried row to the next one
    assert [ej._event_row(7, e)["key"] for e in found] == [ej.sentence_key(7, sents[0].text)]
    assert [(r["key"], r["start"], r["sub_event_type"]) for r in carried] == [
        (ej.sentence_key(7, sents[1].text), None, "Suicide bomb")
    ]
