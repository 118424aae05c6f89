"""FA-KES dev: precision of same-event links, judged by a human reader.

1. Runs the whole pipeline (ingest -> clean -> annotate/extract -> link -> verify) over
   /work/shared/eval/fakes/fakes_dev.csv into a database (``--db``; reused when it exists).
2. ``--sample``: draws ``--n`` same-event links at random (seeded) and writes them to
   bench/linking_sample.jsonl with both events' fields and evidence sentences; verdicts already
   written for a pair are kept. A person reads each pair and fills in ``verdict`` ("same",
   "different" or "unsure") and a one-line ``reason``.
3. Default: reads the judged sample and prints/saves precision (same / (same + different)),
   with link statistics over the whole run (pairs scored by the blocker versus all pairs).

Writes bench/results/linking.json.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

from crosswire import pipeline, verify
from crosswire.link.events import link_events
from crosswire.store import Store

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = Path("/work/shared/eval/fakes/fakes_dev.csv")
SAMPLE = HERE / "linking_sample.jsonl"
RESULTS = HERE / "results" / "linking.json"


def ensure_db(db: Path, csv_path: Path) -> float:
    if db.exists():
        return 0.0
    t0 = time.perf_counter()
    pipeline.run([str(csv_path)], str(db))
    return time.perf_counter() - t0


def _side(e: dict[str, Any], story: dict[str, Any]) -> dict[str, Any]:
    ev = verify._ev_evidence(e, "trigger", "event_type", "sub_event_type") or {}
    extra = story.get("extra") or {}
    if isinstance(extra, str):
        extra = json.loads(extra)
    return {
        "event_id": e["event_id"],
        "story_id": e["story_id"],
        "outlet": story.get("outlet"),
        "title": story.get("title"),
        "sub_event_type": e.get("sub_event_type"),
        "event_date": e.get("event_date"),
        "place": (e.get("place") or {}).get("name"),
        "admin1": (e.get("place") or {}).get("admin1"),
        "actor1": (e.get("actor1") or {}).get("name"),
        "actor2": (e.get("actor2") or {}).get("name"),
        "fatalities": e.get("fatalities"),
        "evidence_sentence": ev.get("sentence") or e.get("notes"),
        "notes": (e.get("notes") or "")[:600],
        "gold_date": extra.get("date"),
        "gold_location": extra.get("location"),
    }


def sample(db: Path, n: int, seed: int) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        corpus = verify.load_corpus(store)
        links = store.query("SELECT a, b, score, details FROM links WHERE kind = 'same_event' ORDER BY a, b")
    events = {str(e["event_id"]): e for e in corpus.events}
    rng = random.Random(seed)
    chosen = rng.sample(links, min(n, len(links)))
    old: dict[str, dict[str, Any]] = {}
    if SAMPLE.exists():
        for line in SAMPLE.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                old[row["pair"]] = row
    out = []
    for ln in sorted(chosen, key=lambda r: (r["a"], r["b"])):
        a, b = events[str(ln["a"])], events[str(ln["b"])]
        key = f"{ln['a']}|{ln['b']}"
        details = json.loads(ln["details"]) if isinstance(ln["details"], str) else ln["details"]
        row = {
            "pair": key,
            "score": ln["score"],
            "components": {k: v for k, v in details.items() if k not in ("stories",)},
            "a": _side(a, corpus.stories.get(str(a["story_id"]), {})),
            "b": _side(b, corpus.stories.get(str(b["story_id"]), {})),
            "verdict": old.get(key, {}).get("verdict"),
            "reason": old.get(key, {}).get("reason"),
        }
        out.append(row)
    SAMPLE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    return out


def stats(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        corpus = verify.load_corpus(store)
        n_links = store.query("SELECT count(*) AS n FROM links WHERE kind = 'same_event'")[0]["n"]
    t0 = time.perf_counter()
    res = link_events(corpus.events, corpus.stories.values(), corpus.near_duplicates)
    secs = time.perf_counter() - t0
    n = len(corpus.events)
    sizes: dict[str, int] = {}
    for cid in res.clusters.values():
        sizes[cid] = sizes.get(cid, 0) + 1
    return {
        "stories": len(corpus.stories),
        "events": n,
        "same_event_links": int(n_links),
        "clusters_with_2plus_events": sum(1 for s in sizes.values() if s > 1),
        "largest_cluster": max(sizes.values(), default=0),
        "pairs_scored": res.pairs_scored,
        "all_pairs": n * (n - 1) // 2,
        "link_seconds": round(secs, 2),
    }


def precision() -> dict[str, Any]:
    rows = [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x.strip()]
    judged = [r for r in rows if r.get("verdict") in ("same", "different")]
    same = sum(1 for r in judged if r["verdict"] == "same")
    # near-duplicate copies are trivially the same event; precision on the rest is the harder figure
    other = [r for r in judged if not r["components"].get("near_duplicate")]
    other_same = sum(1 for r in other if r["verdict"] == "same")
    return {
        "sampled": len(rows),
        "judged": len(judged),
        "unsure_or_unjudged": len(rows) - len(judged),
        "same": same,
        "different": len(judged) - same,
        "precision": round(same / len(judged), 3) if judged else None,
        "judged_not_near_duplicate": len(other),
        "precision_not_near_duplicate": round(other_same / len(other), 3) if other else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path, default=Path("/tmp/crosswire_bench_fakes.duckdb"))
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--sample", action="store_true", help="(re)draw the sample to judge")
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20261123)
    args = ap.parse_args()
    run_secs = ensure_db(args.db, args.csv)
    if args.sample:
        rows = sample(args.db, args.n, args.seed)
        print(f"wrote {len(rows)} pairs to {SAMPLE}; judge them, then run without --sample")
        return
    result = {"dataset": str(args.csv), "seed": args.seed, **stats(args.db), **precision()}
    # the judged sample belongs to one run; say how much of it this database still holds
    with Store(args.db, read_only=True) as store:
        pairs = store.query("SELECT a, b FROM links WHERE kind = 'same_event'")
    linked = {f"{r['a']}|{r['b']}" for r in pairs}
    rows = [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines() if x.strip()]
    result["sample_pairs_linked_in_this_db"] = sum(1 for r in rows if r["pair"] in linked)
    if run_secs:
        result["pipeline_seconds"] = round(run_secs, 1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for k, v in result.items():
        print(f"{k:>28}: {v}")


if __name__ == "__main__":
    main()
