"""FA-KES dev: precision and recall of same-event links, judged by a human reader.

1. Runs the whole pipeline (ingest -> clean -> annotate/extract -> link -> verify) over a copy of
   /work/shared/eval/fakes/fakes_dev.csv without its gold columns (``fakes_gold``: the gold
   ``date`` would otherwise become every story's publication date and anchor relative dates) into
   a database (``--db``; reused when it exists). The gold is joined back by ``unit_id`` only to
   show it to the reader and to draw the recall sample; the linker never sees it.
2. ``--sample``: draws ``--n`` same-event links at random (seeded) into bench/linking_sample.jsonl
   with both events' fields and evidence sentences. A person reads each pair and fills in
   ``verdict`` ("same", "different" or "unsure") and a one-line ``reason``.
   ``--sample-recall``: draws ``--n-recall`` story pairs that share a gold (date, location) into
   bench/linking_recall_sample.jsonl; a person judges whether the two stories report the same
   real event (the verdict does not depend on crosswire). Verdicts already written are kept when
   a sample is redrawn. ``--sample-file`` draws a further link sample into another file (a fresh
   draw on a later run, judged blind) instead of redrawing the first; every
   ``bench/linking_sample*.jsonl`` is scored, each under ``precision_samples``.
3. Default: precision = same / (same + different) over the judged links, overall and without
   near-duplicate copies; recall = share of the story pairs judged "same" in which crosswire put
   an event of each story into one cluster. Both are given for the sample as drawn and for the
   run in ``--db`` (a sampled link no longer made there drops out of its precision; a story pair
   counts as linked when the run links it), with link statistics over the whole run.
4. ``--add-new BEFORE_DB``: after a linker change, appends to the link sample every link the run in
   ``--db`` makes that the run in BEFORE_DB (the one the sample was drawn from) did not, marked
   ``"drawn": "added"``, to be judged too; their precision is reported apart and folded into an
   estimate for the whole run weighted by link counts.

Writes bench/results/linking.json.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import defaultdict
from collections.abc import Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

from crosswire import verify
from crosswire.link.events import link_events
from crosswire.store import Store
from fakes_gold import DEFAULT_CSV, build_db, check_gold_free, gold_by_story
from judging import read_rows, verdict_precision, write_rows

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "linking_sample.jsonl"
RECALL_SAMPLE = HERE / "linking_recall_sample.jsonl"
RESULTS = HERE / "results" / "linking.json"
COMMAND = ".venv/bin/python bench/linking.py --db DB"


def ensure_db(db: Path, csv_path: Path) -> float:
    if db.exists():
        return 0.0
    t0 = time.perf_counter()
    build_db(csv_path, db)
    return time.perf_counter() - t0


def _judgement(old: dict[str, Any]) -> dict[str, Any]:
    """The verdict fields of a pair judged before (kept when a sample is redrawn)."""
    return {k: old.get(k) for k in ("verdict", "reason", "judged_by")}


def _load(db: Path, csv_path: Path) -> tuple[verify.Corpus, list[dict[str, Any]], dict[str, dict[str, str]]]:
    with Store(db, read_only=True) as store:
        corpus = verify.load_corpus(store)
        links = store.query("SELECT a, b, score, details FROM links WHERE kind = 'same_event' ORDER BY a, b")
    check_gold_free(db, corpus.stories)
    return corpus, links, gold_by_story(csv_path, corpus.stories)


def _side(e: dict[str, Any], story: dict[str, Any], gold: dict[str, str] | None) -> dict[str, Any]:
    ev = verify._ev_evidence(e, "trigger", "event_type", "sub_event_type") or {}
    return {
        "event_id": e["event_id"],
        "story_id": e["story_id"],
        "outlet": story.get("outlet"),
        "title": story.get("title"),
        "published": (story.get("published") or {}).get("value"),
        "sub_event_type": e.get("sub_event_type"),
        "event_date": e.get("event_date"),
        "place": (e.get("place") or {}).get("name"),
        "admin1": (e.get("place") or {}).get("admin1"),
        "actor1": (e.get("actor1") or {}).get("name"),
        "actor2": (e.get("actor2") or {}).get("name"),
        "fatalities": e.get("fatalities"),
        "evidence_sentence": ev.get("sentence") or e.get("notes"),
        "notes": (e.get("notes") or "")[:600],
        "gold_date": (gold or {}).get("date"),
        "gold_location": (gold or {}).get("location"),
    }


def _link_rows(
    corpus: verify.Corpus,
    gold: dict[str, dict[str, str]],
    links: list[dict[str, Any]],
    drawn: str,
    sample_file: Path = SAMPLE,
) -> list[dict[str, Any]]:
    events = {str(e["event_id"]): e for e in corpus.events}
    old = {r["pair"]: r for r in read_rows(sample_file)}
    out = []
    for ln in sorted(links, key=lambda r: (r["a"], r["b"])):
        a, b = events[str(ln["a"])], events[str(ln["b"])]
        key = f"{ln['a']}|{ln['b']}"
        details = json.loads(ln["details"]) if isinstance(ln["details"], str) else ln["details"]
        sa, sb = str(a["story_id"]), str(b["story_id"])
        out.append(
            {
                "pair": key,
                "score": ln["score"],
                "components": {k: v for k, v in details.items() if k != "stories"},
                "a": _side(a, corpus.stories.get(sa, {}), gold.get(sa)),
                "b": _side(b, corpus.stories.get(sb, {}), gold.get(sb)),
                "drawn": drawn,
                **_judgement(old.get(key, {})),
            }
        )
    return out


def sample(
    db: Path, csv_path: Path, n: int, seed: int, sample_file: Path = SAMPLE, exclude_judged: bool = False
) -> list[dict[str, Any]]:
    corpus, links, gold = _load(db, csv_path)
    if exclude_judged:  # a fresh draw: no link another sample file holds
        held = {r["pair"] for p in HERE.glob("linking_sample*.jsonl") if p != sample_file for r in read_rows(p)}
        links = [ln for ln in links if f"{ln['a']}|{ln['b']}" not in held]
    chosen = random.Random(seed).sample(links, min(n, len(links)))
    added = [r for r in read_rows(sample_file) if r.get("drawn") == "added"]
    out = _link_rows(corpus, gold, chosen, f"seed {seed}", sample_file) + added
    write_rows(sample_file, out)
    return out


def add_new(db: Path, before_db: Path, csv_path: Path, sample_file: Path = SAMPLE) -> list[dict[str, Any]]:
    """Append the links of ``db`` that ``before_db`` lacks (and the sample does not hold yet)."""
    corpus, links, gold = _load(db, csv_path)
    with Store(before_db, read_only=True) as store:
        query = "SELECT a, b FROM links WHERE kind = 'same_event'"
        before = {f"{r['a']}|{r['b']}" for r in store.query(query)}
    rows = read_rows(sample_file)
    held = before | {r["pair"] for r in rows}
    new = [ln for ln in links if f"{ln['a']}|{ln['b']}" not in held]
    added = _link_rows(corpus, gold, new, "added", sample_file)
    write_rows(sample_file, rows + added)
    return added


def sample_precision(rows: list[dict[str, Any]], made: set[str], n_links: int) -> dict[str, Any]:
    """One link sample's figures: as drawn, on this run, its added links, and the run's estimate."""
    drawn = [r for r in rows if r.get("drawn") != "added"]
    added = [r for r in rows if r.get("drawn") == "added" and r["pair"] in made]
    kept = precision([r for r in drawn if r["pair"] in made])
    return {
        "drawn": sorted({str(r.get("drawn")) for r in drawn}),
        "precision_as_drawn": precision(drawn),
        "precision_this_run": kept,
        "precision_added_links": precision(added),
        "precision_this_run_estimate": _weighted(kept, precision(added), n_links - len(added), len(added)),
    }


def _story_side(sid: str, story: dict[str, Any], gold: dict[str, str]) -> dict[str, Any]:
    return {
        "story_id": sid,
        "unit_id": gold.get("unit_id"),
        "outlet": story.get("outlet"),
        "title": story.get("title"),
        "lead": str(story.get("text") or "")[:500],
    }


def _linked_story_pairs(corpus: verify.Corpus) -> set[frozenset[str]]:
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for e in corpus.events:
        by_cluster[corpus.event_clusters[str(e["event_id"])]].add(str(e["story_id"]))
    out: set[frozenset[str]] = set()
    for stories in by_cluster.values():
        for a, b in combinations(sorted(stories), 2):
            out.add(frozenset((a, b)))
    return out


def _near_duplicate_story_pairs(corpus: verify.Corpus) -> set[frozenset[str]]:
    return {frozenset(p) for p in corpus.near_duplicates}


def sample_recall(db: Path, csv_path: Path, n: int, seed: int) -> list[dict[str, Any]]:
    """Story pairs with the same gold (date, location): the candidates a recall judge reads."""
    corpus, _, gold = _load(db, csv_path)
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sid, row in gold.items():
        by_key[(row["date"], row["location"])].append(sid)
    pairs = sorted((a, b) for sids in by_key.values() for a, b in combinations(sorted(sids), 2) if a != b)
    chosen = random.Random(seed).sample(pairs, min(n, len(pairs)))
    linked = _linked_story_pairs(corpus)
    dups = _near_duplicate_story_pairs(corpus)
    old = {r["pair"]: r for r in read_rows(RECALL_SAMPLE)}
    out = []
    for a, b in sorted(chosen):
        key = f"{a}|{b}"
        out.append(
            {
                "pair": key,
                "gold_date": gold[a]["date"],
                "gold_location": gold[a]["location"],
                "near_duplicate": frozenset((a, b)) in dups,
                "linked_when_drawn": frozenset((a, b)) in linked,
                "a": _story_side(a, corpus.stories[a], gold[a]),
                "b": _story_side(b, corpus.stories[b], gold[b]),
                **_judgement(old.get(key, {})),
            }
        )
    write_rows(RECALL_SAMPLE, out)
    return out


def stats(corpus: verify.Corpus, n_links: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    res = link_events(corpus.events, corpus.stories.values(), corpus.near_duplicates)
    secs = time.perf_counter() - t0
    n = len(corpus.events)
    sizes: dict[str, int] = defaultdict(int)
    for cid in res.clusters.values():
        sizes[cid] += 1
    return {
        "stories": len(corpus.stories),
        "events": n,
        "same_event_links": n_links,
        "clusters_with_2plus_events": sum(1 for s in sizes.values() if s > 1),
        "largest_cluster": max(sizes.values(), default=0),
        "pairs_scored": res.pairs_scored,
        "all_pairs": n * (n - 1) // 2,
        "link_seconds": round(secs, 2),
    }


def precision(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """same / (same + different) over judged links; near-duplicate copies are trivially the same
    event, so precision on the rest is the harder figure."""
    return verdict_precision(rows, lambda r: bool(r["components"].get("near_duplicate")), "links")


def _weighted(kept: dict[str, Any], added: dict[str, Any], n_kept: int, n_added: int) -> float | None:
    """Precision over all links of a run: the sampled old links and the (all judged) added links,
    each weighted by how many of the run's links it stands for."""
    if kept["precision"] is None:
        return None
    if not n_added or added["precision"] is None:
        return float(kept["precision"])
    return round((kept["precision"] * n_kept + added["precision"] * n_added) / (n_kept + n_added), 3)


def current_pair(row: dict[str, Any], by_unit: dict[str, str], known: Mapping[str, Any]) -> frozenset[str]:
    """A judged story pair in this run's story ids: a story id is a hash of the cleaned text, so a
    cleaning change gives a story a new one; an id this run lacks is found again by the FA-KES
    ``unit_id`` kept in the row (ids this run has stay: copies of one text share a unit's row)."""
    ids = row["pair"].split("|")
    out = []
    for sid, side in zip(ids, ("a", "b"), strict=True):
        unit = str((row.get(side) or {}).get("unit_id") or "")
        out.append(sid if sid in known else by_unit.get(unit, sid))
    return frozenset(out)


def recall(
    rows: list[dict[str, Any]],
    linked: set[frozenset[str]],
    by_unit: dict[str, str] | None = None,
    known: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    def key(r: dict[str, Any]) -> frozenset[str]:
        if by_unit is None or known is None:
            return frozenset(r["pair"].split("|"))
        return current_pair(r, by_unit, known)

    same = [r for r in rows if r.get("verdict") == "same"]
    hit = [r for r in same if key(r) in linked]
    other = [r for r in same if not r["near_duplicate"]]
    other_hit = [r for r in other if key(r) in linked]
    return {
        "story_pairs": len(rows),
        "judged_same_event": len(same),
        "judged_different": sum(1 for r in rows if r.get("verdict") == "different"),
        "unsure_or_unjudged": sum(1 for r in rows if r.get("verdict") not in ("same", "different")),
        "linked": len(hit),
        "recall": round(len(hit) / len(same), 3) if same else None,
        "same_event_not_near_duplicate": len(other),
        "recall_not_near_duplicate": round(len(other_hit) / len(other), 3) if other else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/crosswire_bench_linking.duckdb"))
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--sample", action="store_true", help="(re)draw the link sample to judge")
    ap.add_argument("--sample-recall", action="store_true", help="(re)draw the story-pair sample to judge")
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--n-recall", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--add-new", type=Path, metavar="BEFORE_DB", help="append the links BEFORE_DB did not make")
    ap.add_argument(
        "--sample-file",
        type=Path,
        default=SAMPLE,
        help="the link sample --sample draws into and --add-new appends to (every bench/linking_sample*.jsonl "
        "is scored)",
    )
    ap.add_argument(
        "--exclude-judged", action="store_true", help="with --sample: draw no link another sample file holds"
    )
    args = ap.parse_args()
    run_secs = ensure_db(args.db, args.csv)
    if args.add_new:
        added = add_new(args.db, args.add_new, args.csv, args.sample_file)
        print(f"appended {len(added)} new links to {args.sample_file}; judge them")
        return
    if args.sample or args.sample_recall:
        if args.sample:
            rows = sample(args.db, args.csv, args.n, args.seed, args.sample_file, args.exclude_judged)
            print(f"wrote {len(rows)} links to {args.sample_file}")
        if args.sample_recall:
            rows = sample_recall(args.db, args.csv, args.n_recall, args.seed)
            print(f"wrote {len(rows)} story pairs to {RECALL_SAMPLE}")
        print("judge them, then run without --sample/--sample-recall")
        return
    corpus, links, gold = _load(args.db, args.csv)
    by_unit = {str(g.get("unit_id")): sid for sid, g in gold.items() if g.get("unit_id")}
    made = {f"{r['a']}|{r['b']}" for r in links}
    # the first sample's figures stay at the top level; every sample's (a later fresh draw
    # judged on a later run included) under precision_samples
    files = sorted(HERE.glob("linking_sample*.jsonl"))
    samples = {p.name: sample_precision(read_rows(p), made, len(links)) for p in files}
    pairs = read_rows(RECALL_SAMPLE)
    linked_now = _linked_story_pairs(corpus)
    linked_then = {frozenset(r["pair"].split("|")) for r in pairs if r["linked_when_drawn"]}
    result: dict[str, Any] = {
        "dataset": str(args.csv),
        "command": COMMAND + " (built from the CSV without date, location, labels)",
        "seed": args.seed,
        "note": "*_as_drawn: the samples as judged on the run they were drawn from; *_this_run: the same "
        "judgements on this run (a link it no longer makes drops out, links it adds are judged apart). "
        "After a linker change the this_run figures are on samples looked at while making the change.",
        **stats(corpus, len(links)),
        **{k: v for k, v in samples.get(SAMPLE.name, {}).items() if k != "drawn"},
        "precision_samples": samples,
        "recall_as_drawn": recall(pairs, linked_then),
        "recall_this_run": recall(pairs, linked_now, by_unit, corpus.stories),
    }
    if run_secs:
        result["pipeline_seconds"] = round(run_secs, 1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
