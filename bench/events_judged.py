"""FA-KES dev: accuracy of whole events (is it an event, what kind, who did it to whom, where,
when, how many died), judged by a human reader sentence by sentence.

There is no event-level gold for FA-KES (its columns give one governorate and date per article,
bench/fakes_events.py), so this bench keeps its own, written by a person beside it in
bench/events_sample.jsonl (``--sample-file`` for another), one row per judged sentence. It is
the measure PETRARCH's published validation reported (68% of events and 27% of actors right).

1. Runs the real extraction (clean.make_stories -> annotate -> extract) over
   /work/shared/eval/fakes/fakes_dev.csv. The pool is every body sentence that holds a trigger
   candidate (the classifier's high-recall pre-filter, ``classify.is_candidate``) or the trigger
   of an extracted event, so that sentences reporting an event the extractor missed can be drawn
   too; each event belongs to the sentence of its trigger (``Event.evidence["trigger"]``) and to
   each further sentence that carries it (a report merged into it, in its ``notes``).
2. ``--sample``: draws ``--n`` sentences (``--seed``): a share ``--event-share`` of them from
   the sentences with an extracted event (``"stratum": "extracted"``), the rest from the whole
   pool (``"stratum": "pool"``; recall is only unbiased over this stratum, so it is reported
   apart), and appends a row for each sentence not judged yet. ``--exclude-judged`` draws only
   sentences not judged yet (a fresh sample after fixes). A row holds the story's ``title``,
   ``outlet`` and ``published`` (the dateline date crosswire reads, to resolve "on Tuesday"),
   the ``previous`` sentence, the ``sentence``, the ``next`` sentence, the judge's
   ``gold_events`` (null until judged) and, after it, the ``stratum`` and what crosswire
   ``extracted`` from the sentence (both telling whether crosswire found an event).

How to judge a row (in this order, so the extraction does not lead the reading):

A. Cover everything after ``gold_events`` (``stratum``, ``extracted``). Read ``sentence``
   (with ``previous``/``next`` and the title for
   context only) and write ``gold_events``: every ACLED event **this sentence** reports, one
   object each, ``[]`` when it reports none. ACLED conventions:

   * an event is one act of political violence, a protest or a strategic development that
     happened; background ("since the war began in 2011"), habitual or general acts ("the
     regime routinely bombs hospitals"), hypothetical, planned, threatened, demanded or denied
     acts ("denied carrying out the strike") are **no** events. An act another sentence of the
     row already reported is still an event of this sentence when this sentence reports it too.
   * ``sub_event_type``: one of ACLED's 25 sub-event types, spelled exactly so: Battles:
     "Armed clash", "Government regains territory", "Non-state actor overtakes territory";
     Explosions/Remote violence: "Chemical weapon", "Suicide bomb", "Air/drone strike",
     "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade";
     Violence against civilians: "Sexual violence", "Attack", "Abduction/forced
     disappearance"; Protests: "Peaceful protest", "Protest with intervention", "Excessive
     force against protesters"; Riots: "Violent demonstration", "Mob violence"; Strategic
     developments: "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
     "Headquarters or base established", "Looting/property destruction", "Non-violent
     transfer of territory", "Other". A list of acceptable ones where the text truly allows two.
   * ``actor1``: the perpetrator (who strikes, shells, attacks, arrests, protests); ``actor2``:
     the other side or the target (victims of an attack on civilians: "Civilians (Syria)").
     Write the name the text uses ("Syrian army", "Russian warplanes", "Islamic State") or the
     canonical name of src/crosswire/data/actors.csv; a list of acceptable forms is fine; null
     when the text names none (an unnamed gunman, a strike by "unknown warplanes"). In an
     "Armed clash" the two sides may be scored in either order.
   * ``place``: the most precise place the event happened at as named ("Douma", "eastern
     Ghouta") in the sentence or, where it continues the previous sentence or the title, there;
     a list of spellings where they differ, null when none is named; ``admin1``: its
     governorate (Syria's first-level unit, e.g. "Rural Damascus", "Idlib"), null when unknown.
   * ``date``: the day the event happened, YYYY-MM-DD, resolved against ``published`` or a
     date the story gives; "YYYY-MM" when only the month can be told; null when not even that;
     a list of acceptable days where the text allows two ("overnight Saturday into Sunday").
     An event reported as news of the day with no date of its own is on ``published``
     (which is null when the story has no dateline: then only a date the text gives counts).
   * ``fatalities``: the number killed in that event, the most conservative figure the sentence
     (or the next one, continuing the same event) gives ("at least 12, up to 20" -> 12); 0 when
     none are reported; a list of acceptable values when the figures conflict.
   * optionally ``note``: anything a later reader needs ("toll for two raids together").

B. Then uncover ``extracted`` and fill each event's ``verdict`` (null until judged):
   ``{"real": true|false, "gold": <index into gold_events or null>, "sub_event_type": ...,
   "actor1": ..., "actor2": ..., "admin1": ..., "place": ..., "date": ..., "fatalities": ...}``.
   ``real`` is false for a non-event, a misread one, or a repeat of an event listed above it in
   the same row; ``gold`` is the gold event it is; the field verdicts (true/false, right or
   wrong against that gold event) only when ``real`` is true. Finally set ``judged_by``.

3. Default: scores the current run against the judged rows of one ``--seed`` set. In each
   sentence this run's events are paired one to one with the gold events
   (:func:`pair_events`): first the pairs the judge made (``verdict.gold``) for events that are
   still extracted (same trigger span and sub-event type), then by agreement (same sub-event
   type, same event type, same actors), never across event types. Figures:

   * precision: extracted events that are real / extracted events in judged sentences (the
     judge's ``real`` where the event was judged, else whether it was paired);
   * recall: gold events paired with an extracted event of the same sentence / gold events, over
     all rows and over the ``pool`` stratum alone (the unbiased one);
   * per field, over the pairs, this run's value against the gold event: sub-event type, actor1,
     actor2 (the phrase or its canonical actor), admin1, exact place, date exact, fatalities
     exact; and the share of pairs right on type, both actors, place and date together;
   * ``judged_field_accuracy``: the judge's own field verdicts over the judged real events that
     are still extracted (a check of this bench's loose comparison).

Writes bench/results/events_judged.json (one entry per seed and ``--label``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fakes_events import DEFAULT_CSV, load_stories  # noqa: E402
from judging import (  # noqa: E402
    cached_run,
    fixed_sample,
    judged_bench_args,
    norm_speaker,
    one_of,
    read_rows,
    save_result,
    sentence_key,
    write_rows,
)

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "events_sample.jsonl"
RESULTS = HERE / "results" / "events_judged.json"
DEFAULT_SEED = 20261202
DEFAULT_EVENT_SHARE = 0.5

#: ACLED's 25 sub-event types and their event types (the classifier's taxonomy file gives the
#: same; kept here so that judging rows needs no code)
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
GOLD_KEYS = ("sub_event_type", "actor1", "actor2", "place", "admin1", "date", "fatalities")
FIELDS = ("sub_event_type", "actor1", "actor2", "admin1", "place", "date", "fatalities")
_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


# --- the run -----------------------------------------------------------------------------------


def collect(csv_path: Path) -> dict[str, list[dict[str, Any]]]:
    """The pool of sentences (with their context) and every event of the run, keyed by sentence."""
    from crosswire.annotate import split_sentences
    from crosswire.extract import classify, extract_stories
    from crosswire.extract.dates import publication_date

    pairs = load_stories(csv_path)
    row_of = {s.story_id: n for n, (_, s) in enumerate(pairs) if s is not None}
    stories = [s for _, s in pairs if s is not None]
    by_story = {sid: evs for sid, evs, _, _ in extract_stories(stories)}
    pool: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for story in stories:
        row = row_of[story.story_id]
        sents = split_sentences(story.text)
        found = [e for e in by_story.get(story.story_id, []) if "trigger" in e.evidence]
        mine = [_event_row(row, e) for e in found]
        events.extend(mine)
        with_event = {e["key"] for e in mine}
        events.extend(_carried_rows(row, found, sents))
        published = publication_date(story.published, story.text).value
        seen: set[str] = set()
        for i, s in enumerate(sents):
            key = sentence_key(row, s.text)
            if key in seen or not (key in with_event or classify.is_candidate(s.text)):
                continue  # a sentence a story repeats is one judged sentence
            seen.add(key)
            pool.append(
                {
                    "row": row,
                    "key": key,
                    "has_event": key in with_event,
                    "title": story.title,
                    "outlet": story.outlet,
                    "published": published,
                    "previous": sents[i - 1].text if i else None,
                    "sentence": s.text,
                    "next": sents[i + 1].text if i + 1 < len(sents) else None,
                }
            )
    return {"pool": pool, "events": events}


def _carried_rows(row: int, found: Sequence[Any], sents: Sequence[Any]) -> list[dict[str, Any]]:
    """An event in each further sentence that carries it (its ``notes``: a report merged into it,
    "Four civilians were killed in the blast area" after the bombing), without a trigger span:
    the judge lists an act in every sentence that reports it, so the extraction is credited (or
    blamed) there too. Paired with gold events by agreement only (no verdict is keyed to it)."""
    out: list[dict[str, Any]] = []
    for e in found:
        own = e.evidence["trigger"].sentence
        keys: set[str] = set()
        for s in sents:
            if s.text != own and len(s.text) >= 20 and s.text in e.notes:
                key = sentence_key(row, s.text)
                if key not in keys:
                    keys.add(key)
                    out.append({**_event_row(row, e), "key": key, "start": None, "end": None, "carried": True})
    return out


def _event_row(row: int, e: Any) -> dict[str, Any]:
    """One event as the bench keeps it: the fields judged, the trigger's span in its sentence."""
    t = e.evidence["trigger"]
    p = e.place
    return {
        "row": row,
        "key": sentence_key(row, t.sentence),
        "start": t.start - t.sentence_start,
        "end": t.end - t.sentence_start,
        "trigger": t.text,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": {"name": e.actor1.name, "mention": e.actor1.mention} if e.actor1 else None,
        "actor2": {"name": e.actor2.name, "mention": e.actor2.mention} if e.actor2 else None,
        "place": (
            {"name": p.name, "mention": p.mention, "admin1": p.admin1, "geo_precision": p.geo_precision} if p else None
        ),
        "event_date": e.event_date,
        "time_precision": e.time_precision,
        "fatalities": e.fatalities,
    }


def _by_key(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        out.setdefault(e["key"], []).append(e)
    return out


# --- drawing a sample ------------------------------------------------------------------------


def choose(pool: Sequence[dict[str, Any]], n: int, seed: int, event_share: float) -> list[tuple[str, dict[str, Any]]]:
    """(stratum, sentence) for ``n`` pool sentences: ``round(n * event_share)`` of those with an
    extracted event, the rest from the whole pool (less those already chosen)."""
    n_event = round(n * event_share)
    first = fixed_sample([p for p in pool if p["has_event"]], n_event, seed)
    taken = {p["key"] for p in first}
    rest = fixed_sample([p for p in pool if p["key"] not in taken], n - len(first), seed + 1)
    return [("extracted", p) for p in first] + [("pool", p) for p in rest]


_SHOWN = ("start", "end", "trigger", "sub_event_type", "actor1", "actor2", "place", "event_date",
          "time_precision", "fatalities")  # fmt: skip


def draw(
    run: dict[str, list[dict[str, Any]]], path: Path, n: int, seed: int, event_share: float, exclude_judged: bool
) -> int:
    rows = read_rows(path)
    judged = {r["key"] for r in rows}
    pool = [p for p in run["pool"] if not (exclude_judged and p["key"] in judged)]
    by_key = _by_key(run["events"])
    added = 0
    for stratum, p in sorted(choose(pool, n, seed, event_share), key=lambda x: (x[1]["row"], x[1]["key"])):
        if p["key"] in judged:
            continue
        rows.append(
            {
                "key": p["key"],
                "row": p["row"],
                "set": seed,
                "title": p["title"],
                "outlet": p["outlet"],
                "published": p["published"],
                "previous": p["previous"],
                "sentence": p["sentence"],
                "next": p["next"],
                "gold_events": None,
                "stratum": stratum,
                "extracted": [{**{k: e[k] for k in _SHOWN}, "verdict": None} for e in by_key.get(p["key"], [])],
                "judged_by": None,
            }
        )
        added += 1
    write_rows(path, rows)
    return added


def check_gold(row: dict[str, Any]) -> list[str]:
    """What is malformed in a judged row (an unknown sub-event type, a bad date, a missing key),
    so that a judging slip fails loudly instead of scoring as a wrong field."""
    out: list[str] = []
    gold = row.get("gold_events")
    if gold is None:
        return out
    for i, g in enumerate(gold):
        where = f"{row['key']} gold_events[{i}]"
        missing = [k for k in GOLD_KEYS if k not in g]
        if missing:
            out.append(f"{where}: missing {', '.join(missing)}")
        subs = g.get("sub_event_type")
        for s in subs if isinstance(subs, list) else [subs]:
            if s not in SUB_EVENT_TYPES:
                out.append(f"{where}: sub_event_type {s!r} is not one of ACLED's 25")
        dates = g.get("date")
        for d in dates if isinstance(dates, list) else [dates]:
            if d is not None and not _DATE.fullmatch(str(d)):
                out.append(f"{where}: date {d!r} is not YYYY-MM-DD, YYYY-MM or null")
        f = g.get("fatalities")
        if not all(isinstance(x, int) and x >= 0 for x in (f if isinstance(f, list) else [f])):
            out.append(f"{where}: fatalities {f!r} is not a count")
    for j, e in enumerate(row.get("extracted", [])):
        v = e.get("verdict")
        if v is not None and v.get("gold") is not None and not 0 <= v["gold"] < len(gold):
            out.append(f"{row['key']} extracted[{j}]: verdict.gold {v['gold']} is no gold event")
    return out


# --- comparing one event with a gold one (pure) ----------------------------------------------


def _acceptable(want: Any) -> list[Any]:
    return want if isinstance(want, list) else [want]


def _canonical_actor(phrase: str) -> str | None:
    from crosswire.extract.actors import lookup_actor

    info = lookup_actor(phrase) or lookup_actor(re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I))
    return info.name if info is not None else None


def actor_right(got: dict[str, Any] | None, want: Any) -> bool:
    """An actor is right when the gold phrase (or one of its acceptable forms) is the extracted
    canonical name or mention, loosely compared, or names the same canonical actor; null
    matches only no actor."""
    wants = _acceptable(want)
    if got is None:
        return None in wants
    names = {norm_speaker(got.get("name")), norm_speaker(got.get("mention"))} - {None}
    for w in wants:
        if w is None:
            continue
        if norm_speaker(w) in names or _canonical_actor(w) == got.get("name"):
            return True
    return False


def _admin1(name: str | None) -> str | None:
    from crosswire import geocode

    return geocode.canonical_admin1(name) or (name.strip().casefold() if name else None)


def admin1_right(got: dict[str, Any] | None, want: Any) -> bool:
    have = _admin1(got.get("admin1")) if got else None
    return have in {_admin1(w) for w in _acceptable(want)}


def place_right(got: dict[str, Any] | None, want: Any) -> bool:
    """The exact place: the extracted gazetteer name or the mention is the gold place (loosely)."""
    wants = _acceptable(want)
    if got is None:
        return None in wants
    names = {norm_speaker(got.get("name")), norm_speaker(got.get("mention"))} - {None}
    return any(norm_speaker(w) in names for w in wants if w is not None)


def date_right(got: str | None, want: Any) -> bool:
    """A gold day wants that day; a gold month ("YYYY-MM") any day of it; null wants none."""
    for w in _acceptable(want):
        if w is None:
            if got is None:
                return True
        elif got is not None and (got == w or (len(w) == 7 and got[:7] == w)):
            return True
    return False


def field_verdicts(e: dict[str, Any], g: dict[str, Any]) -> dict[str, bool]:
    """Each judged field of extracted event ``e`` against gold event ``g``."""
    a1, a2 = actor_right(e["actor1"], g["actor1"]), actor_right(e["actor2"], g["actor2"])
    if e["sub_event_type"] == "Armed clash":
        # a clash has two sides and no one perpetrator: the sides in the order that fits better
        b1, b2 = actor_right(e["actor1"], g["actor2"]), actor_right(e["actor2"], g["actor1"])
        if b1 + b2 > a1 + a2:
            a1, a2 = b1, b2
    return {
        "sub_event_type": one_of(e["sub_event_type"], g["sub_event_type"]),
        "actor1": a1,
        "actor2": a2,
        "admin1": admin1_right(e["place"], g["admin1"]),
        "place": place_right(e["place"], g["place"]),
        "date": date_right(e["event_date"], g["date"]),
        "fatalities": one_of(e["fatalities"], g["fatalities"]),
    }


def _agreement(e: dict[str, Any], g: dict[str, Any]) -> int:
    """How alike an extracted and a gold event are; 0 (never paired automatically) across event
    types: a real event misread as another type is judged by the judge's ``verdict.gold``."""
    subs = _acceptable(g["sub_event_type"])
    if e["sub_event_type"] in subs:
        score = 4
    elif SUB_EVENT_TYPES.get(e["sub_event_type"]) in {SUB_EVENT_TYPES.get(s) for s in subs}:
        score = 2
    else:
        return 0
    return score + actor_right(e["actor1"], g["actor1"]) + actor_right(e["actor2"], g["actor2"])


def _same_event(e: dict[str, Any], drawn: dict[str, Any]) -> bool:
    return (e["start"], e["end"], e["sub_event_type"]) == (drawn["start"], drawn["end"], drawn["sub_event_type"])


def judged_twin(e: dict[str, Any], row: dict[str, Any]) -> dict[str, Any] | None:
    """The verdict the judge gave to this event when it was drawn (same trigger span and type)."""
    for drawn in row.get("extracted", []):
        if drawn.get("verdict") is not None and _same_event(e, drawn):
            return dict(drawn["verdict"])
    return None


def pair_events(
    gold: Sequence[dict[str, Any]], mine: Sequence[dict[str, Any]], verdicts: Sequence[dict[str, Any] | None]
) -> list[tuple[int, int]]:
    """(gold index, extracted index) pairs, one to one: first those the judge made
    (``verdicts[i]["gold"]`` of a real event), then the most alike by :func:`_agreement`; an
    event the judge called not real is never paired."""
    used_g: set[int] = set()
    used_e: set[int] = set()
    out: list[tuple[int, int]] = []
    for ei, v in enumerate(verdicts):
        if v is None:
            continue
        used_e.add(ei)  # judged: paired as the judge says or not at all
        gi = v.get("gold")
        if v.get("real") and gi is not None and gi not in used_g:
            used_g.add(gi)
            out.append((gi, ei))
    cand = sorted(
        ((_agreement(e, g), gi, ei) for gi, g in enumerate(gold) for ei, e in enumerate(mine)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    for score, gi, ei in cand:
        if score > 0 and gi not in used_g and ei not in used_e:
            used_g.add(gi)
            used_e.add(ei)
            out.append((gi, ei))
    return sorted(out)


def judge_row(row: dict[str, Any], mine: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One judged sentence scored: pairs, which extracted events are real, field verdicts."""
    gold = row["gold_events"]
    verdicts = [judged_twin(e, row) for e in mine]
    pairs = pair_events(gold, mine, verdicts)
    paired_e = {ei for _, ei in pairs}
    real = [bool(v["real"]) if v is not None else ei in paired_e for ei, v in enumerate(verdicts)]
    return {
        "pairs": pairs,
        "real": real,
        "fields": [field_verdicts(mine[ei], gold[gi]) for gi, ei in pairs],
        "judged_fields": [
            {k: bool(v[k]) for k in FIELDS if k in v} for v in verdicts if v is not None and v.get("real")
        ],
    }


def _share(k: int, n: int) -> float | None:
    return round(k / n, 3) if n else None


def score_rows(rows: Sequence[dict[str, Any]], by_key: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The figures over the judged rows (``gold_events`` not null) for a run's events by sentence."""
    judged = [r for r in rows if r.get("gold_events") is not None]
    n_mine = n_real = n_gold = n_paired = pool_gold = pool_paired = all_right = 0
    ok = dict.fromkeys(FIELDS, 0)
    jok = dict.fromkeys(FIELDS, 0)
    jn = dict.fromkeys(FIELDS, 0)
    for r in judged:
        mine = by_key.get(r["key"], [])
        res = judge_row(r, mine)
        n_mine += len(mine)
        n_real += sum(res["real"])
        n_gold += len(r["gold_events"])
        n_paired += len(res["pairs"])
        if r.get("stratum") == "pool":
            pool_gold += len(r["gold_events"])
            pool_paired += len(res["pairs"])
        for v in res["fields"]:
            all_right += all(v[k] for k in ("sub_event_type", "actor1", "actor2", "place", "date"))
            for k in FIELDS:
                ok[k] += v[k]
        for v in res["judged_fields"]:
            for k, b in v.items():
                jok[k] += b
                jn[k] += 1
    return {
        "sentences_judged": len(judged),
        "sentences_pool_stratum": sum(1 for r in judged if r.get("stratum") == "pool"),
        "sentences_with_gold_events": sum(1 for r in judged if r["gold_events"]),
        "extracted_events": n_mine,
        "extracted_real": n_real,
        "precision": _share(n_real, n_mine),
        "gold_events": n_gold,
        "paired": n_paired,
        "recall": _share(n_paired, n_gold),
        "gold_events_pool_stratum": pool_gold,
        "recall_pool_stratum": _share(pool_paired, pool_gold),
        "field_accuracy": {k: _share(v, n_paired) for k, v in ok.items()},
        "paired_right_on_type_actors_place_date": _share(all_right, n_paired),
        "judged_field_accuracy": {k: _share(jok[k], jn[k]) for k in FIELDS},
    }


def errors(rows: Sequence[dict[str, Any]], by_key: dict[str, list[dict[str, Any]]]) -> list[str]:
    """One line per spurious or missed event and per wrong field, for reading while fixing."""
    out: list[str] = []
    for r in rows:
        if r.get("gold_events") is None:
            continue
        mine = by_key.get(r["key"], [])
        res = judge_row(r, mine)
        for ei, e in enumerate(mine):
            if not res["real"][ei]:
                out.append(f"[{r['key']}] SPURIOUS {e['sub_event_type']} {e['trigger']!r}")
        got = {gi for gi, _ in res["pairs"]}
        for gi, g in enumerate(r["gold_events"]):
            if gi not in got:
                out.append(f"[{r['key']}] MISSED {g['sub_event_type']} by {g['actor1']!r} at {g['place']!r}")
        for (gi, ei), v in zip(res["pairs"], res["fields"], strict=True):
            e, g = mine[ei], r["gold_events"][gi]
            got_of = {
                "sub_event_type": e["sub_event_type"],
                "actor1": e["actor1"],
                "actor2": e["actor2"],
                "admin1": e["place"] and e["place"]["admin1"],
                "place": e["place"] and e["place"]["name"],
                "date": e["event_date"],
                "fatalities": e["fatalities"],
            }
            bad = [f"{k} {got_of[k]!r} want {g[k]!r}" for k in FIELDS if not v[k]]
            if bad:
                out.append(f"[{r['key']}] {e['trigger']!r}: " + "; ".join(bad))
    return out


def main() -> None:
    ap = judged_bench_args(__doc__, DEFAULT_CSV, DEFAULT_SEED, 40, "sentences", "run")
    ap.add_argument("--sample-file", type=Path, default=SAMPLE, help="the judged rows (JSON lines)")
    ap.add_argument("--event-share", type=float, default=DEFAULT_EVENT_SHARE,
                    help="share of a drawn sample taken from sentences with an extracted event")  # fmt: skip
    args = ap.parse_args()
    run = cached_run(args.run, lambda: collect(args.csv))
    if args.sample:
        added = draw(run, args.sample_file, args.n, args.seed, args.event_share, args.exclude_judged)
        print(f"drew {added} of {len(run['pool'])} sentences into {args.sample_file}; judge the rows, then score")
        return
    rows = [r for r in read_rows(args.sample_file) if r.get("set") == args.seed]
    problems = [p for r in rows for p in check_gold(r)]
    if problems:
        sys.exit("malformed judged rows:\n" + "\n".join(problems))
    by_key = _by_key(run["events"])
    result = {
        "dataset": str(args.csv),
        "sample_file": str(args.sample_file),
        "seed": args.seed,
        "pool_sentences": len(run["pool"]),
        "events_in_run": sum(1 for e in run["events"] if not e.get("carried")),
        **score_rows(rows, by_key),
    }
    save_result(RESULTS, f"{args.seed}:{args.label}", result)
    for k, v in result.items():
        print(f"{k:>40}: {v}")
    if args.errors:
        for line in errors(rows, by_key):
            print(line)


if __name__ == "__main__":
    main()
