"""FA-KES dev: how often claim linking links claims that say the same thing, judged by a person.

Claim linking (``crosswire.link.claims``) joins claims of different speakers and outlets that
assert the same thing into one ``cluster_id``. There is no gold for it, so this bench keeps its
own judged samples beside it, the way bench/linking.py does for same-event links:

1. Runs the whole pipeline over a copy of /work/shared/eval/fakes/fakes_dev.csv without its gold
   columns (``fakes_gold``) into a database (``--db``; reused when it exists). ``--relink`` links
   the stored claims again with the current ``link/claims.py`` instead of reading the stored
   ``same_claim`` links (enough after a change to the linker alone; a change to extraction needs
   a fresh ``--db``). Figures over the run: claims, ``same_claim`` links and clusters with 2+
   claims; links within one story, across stories, across outlets and across camps (camps from
   data/outlets.csv via ``verify.camp_of``; a pair with an outlet of unknown camp is not
   cross-camp); links between copies of one text (near-duplicate stories); the similarity
   distribution of linked pairs and the concepts they share.
2. ``--sample --sample-file F --n 50 --seed S``: draws linked claim pairs at random (seeded)
   into F, each row with both claims' speaker, outlet, camp, date, type, content and evidence
   sentence, and an empty ``verdict`` and ``reason``. A person reads each pair and writes
   ``verdict``: "same" (the two claims assert the same thing: both say militants use ceasefires
   to regroup, or both make the same accusation against the same actor about the same event),
   "different" or "unsure", and a one-line ``reason``. Verdicts already in F are kept when it is
   redrawn. ``--exclude-judged`` draws no pair another bench/claim_links_sample*.jsonl holds.
   ``--sample-recall --n-recall 30``: draws cross-outlet claim pairs the run does *not* link
   whose contents share many words (:func:`lexical_overlap` >= ``--min-overlap``) into
   bench/claim_links_recall_sample.jsonl (or ``--recall-file``), judged the same way: the
   "same" ones are claims the linker misses.
3. Default: precision = same / (same + different) over the judged rows of every
   bench/claim_links_sample*.jsonl (and ``--sample-file`` when it lies elsewhere), as drawn and
   over the rows whose pair this run still links (with and without copies of one text); for the
   recall sample, how many pairs judged "same" this run now links.

Writes bench/results/claim_links.json.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from crosswire import verify
from crosswire.link.claims import link_claims
from crosswire.store import Store
from fakes_gold import DEFAULT_CSV, check_gold_free
from judging import fixed_sample, read_rows, verdict_precision, write_rows
from linking import _judgement, ensure_db

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "claim_links_sample.jsonl"
RECALL_SAMPLE = HERE / "claim_links_recall_sample.jsonl"
RESULTS = HERE / "results" / "claim_links.json"
COMMAND = ".venv/bin/python bench/claim_links.py --db DB"
_WORD = re.compile(r"[a-z][a-z'-]+|\d[\d,.]*")
# words that every claim about the war shares; they say nothing about whether two claims agree
_BOILERPLATE = frozenset(
    "the and that said says was were has have had been for with from this its their they his her "
    "syria syrian syrias killed people civilians forces government regime state news agency".split()
)


def _load(db: Path, relink: bool) -> tuple[verify.Corpus, list[dict[str, Any]]]:
    """The run's stories and claims, and its same-claim links (stored, or made again now)."""
    with Store(db, read_only=True) as store:
        corpus = verify.load_corpus(store)
        links = store.query("SELECT a, b, score, method, details FROM links WHERE kind = 'same_claim' ORDER BY a, b")
    check_gold_free(db, corpus.stories)
    if relink:
        res = link_claims(corpus.claims, corpus.stories.values())
        links = [
            {"a": ln.a, "b": ln.b, "score": ln.score, "method": ln.method, "details": ln.details} for ln in res.links
        ]
        corpus.claim_clusters = dict(res.clusters)
    for ln in links:
        if isinstance(ln["details"], str):
            ln["details"] = json.loads(ln["details"])
    return corpus, sorted(links, key=lambda r: (r["a"], r["b"]))


def pair_key(a: str, b: str) -> str:
    """A linked pair's key in a sample file (the two claim ids in order)."""
    return "|".join(sorted((a, b)))


def pair_kinds(
    a: dict[str, Any],
    b: dict[str, Any],
    outlets: dict[str, str],
    camps: dict[str, str | None],
    copies: set[frozenset[str]],
) -> dict[str, bool]:
    """What a link between claims ``a`` and ``b`` crosses: story, outlet, camp; and whether the
    two stories are copies of one text (such a link is trivially right)."""
    sa, sb = str(a.get("story_id")), str(b.get("story_id"))
    oa, ob = outlets.get(sa, "unknown outlet"), outlets.get(sb, "unknown outlet")
    ca, cb = camps.get(oa), camps.get(ob)
    return {
        "same_story": sa == sb,
        "cross_outlet": oa != ob,
        "cross_camp": bool(ca and cb and ca != cb),
        "near_duplicate": frozenset((sa, sb)) in copies,
    }


def similarity_distribution(scores: list[float]) -> dict[str, Any]:
    """Quartiles and a 0.1-wide histogram of linked pairs' similarity."""
    if not scores:
        return {"n": 0}
    hist: Counter[str] = Counter()
    for s in scores:
        lo = min(int(s * 10), 9) / 10
        hist[f"{lo:.1f}-{lo + 0.1:.1f}"] += 1
    qs = statistics.quantiles(scores, n=4) if len(scores) > 1 else [scores[0]] * 3
    return {
        "n": len(scores),
        "min": round(min(scores), 3),
        "q1": round(qs[0], 3),
        "median": round(qs[1], 3),
        "q3": round(qs[2], 3),
        "max": round(max(scores), 3),
        "histogram": dict(sorted(hist.items())),
    }


def _context(corpus: verify.Corpus) -> tuple[dict[str, str], dict[str, str | None], set[frozenset[str]]]:
    outlets = {sid: str(s.get("outlet") or s.get("publisher") or "unknown outlet") for sid, s in corpus.stories.items()}
    camps = {o: verify.camp_of(o) for o in set(outlets.values())}
    copies = {frozenset(p) for p in corpus.near_duplicates}
    return outlets, camps, copies


def stats(corpus: verify.Corpus, links: list[dict[str, Any]]) -> dict[str, Any]:
    claims = {str(c["claim_id"]): c for c in corpus.claims}
    outlets, camps, copies = _context(corpus)
    kinds = [pair_kinds(claims[str(ln["a"])], claims[str(ln["b"])], outlets, camps, copies) for ln in links]
    members: dict[str, list[str]] = defaultdict(list)
    for cl, cid in corpus.claim_clusters.items():
        members[cid].append(cl)
    sizes = [len(m) for m in members.values() if len(m) > 1]

    def spread(cids: list[str], of: dict[str, Any]) -> int:
        return len({of.get(str(claims[c].get("story_id"))) for c in cids})

    concepts: Counter[str] = Counter(c for ln in links for c in ln["details"].get("shared_concepts", []))
    pairs: Counter[str] = Counter("+".join(ln["details"].get("shared_concepts", [])) for ln in links)
    story_camp = {sid: camps.get(o) for sid, o in outlets.items()}
    return {
        "stories": len(corpus.stories),
        "claims": len(claims),
        "same_claim_links": len(links),
        "links_by_method": dict(Counter(str(ln.get("method")) for ln in links).most_common()),
        "links_same_story": sum(k["same_story"] for k in kinds),
        "links_cross_story": sum(not k["same_story"] for k in kinds),
        "links_cross_outlet": sum(k["cross_outlet"] for k in kinds),
        "links_cross_camp": sum(k["cross_camp"] for k in kinds),
        "links_between_copies": sum(k["near_duplicate"] for k in kinds),
        "clusters_with_2plus_claims": len(sizes),
        "claims_in_clusters": sum(sizes),
        "largest_cluster": max(sizes, default=0),
        "clusters_2plus_outlets": sum(1 for m in members.values() if len(m) > 1 and spread(m, outlets) > 1),
        "clusters_2plus_camps": sum(
            1
            for m in members.values()
            if len(m) > 1 and len({story_camp.get(str(claims[c].get("story_id"))) for c in m} - {None}) > 1
        ),
        "similarity": similarity_distribution([float(ln["score"]) for ln in links]),
        "shared_concepts": dict(concepts.most_common()),
        "shared_concept_sets": dict(pairs.most_common(10)),
    }


def _side(c: dict[str, Any], story: dict[str, Any], camps: dict[str, str | None]) -> dict[str, Any]:
    ev = c.get("evidence") or {}
    outlet = str(story.get("outlet") or story.get("publisher") or "unknown outlet")
    return {
        "claim_id": c["claim_id"],
        "story_id": c["story_id"],
        "outlet": outlet,
        "camp": camps.get(outlet),
        "title": story.get("title"),
        "published": (story.get("published") or {}).get("value"),
        "speaker": c.get("speaker"),
        "claim_type": c.get("claim_type"),
        "content": c.get("content"),
        "evidence_sentence": ev.get("sentence"),
    }


def pair_rows(corpus: verify.Corpus, pairs: list[dict[str, Any]], drawn: str, old_file: Path) -> list[dict[str, Any]]:
    """Rows to judge for claim pairs (``a``, ``b``, optional ``score``/``details``), keeping the
    verdicts ``old_file`` already holds for them."""
    claims = {str(c["claim_id"]): c for c in corpus.claims}
    outlets, camps, copies = _context(corpus)
    old = {r["pair"]: r for r in read_rows(old_file)}
    out = []
    for p in pairs:
        a, b = claims[str(p["a"])], claims[str(p["b"])]
        key = pair_key(str(p["a"]), str(p["b"]))
        out.append(
            {
                "pair": key,
                "score": p.get("score"),
                "method": p.get("method"),
                "shared_concepts": (p.get("details") or {}).get("shared_concepts"),
                **pair_kinds(a, b, outlets, camps, copies),
                "a": _side(a, corpus.stories.get(str(a["story_id"]), {}), camps),
                "b": _side(b, corpus.stories.get(str(b["story_id"]), {}), camps),
                "drawn": drawn,
                **_judgement(old.get(key, {})),
            }
        )
    return out


def held_pairs(sample_file: Path) -> set[str]:
    """Pairs every other bench/claim_links_sample*.jsonl holds (kept out of a fresh draw)."""
    return {
        r["pair"]
        for p in HERE.glob("claim_links_sample*.jsonl")
        if p.resolve() != sample_file.resolve()
        for r in read_rows(p)
    }


def sample(
    corpus: verify.Corpus, links: list[dict[str, Any]], n: int, seed: int, sample_file: Path, exclude_judged: bool
) -> list[dict[str, Any]]:
    if exclude_judged:
        held = held_pairs(sample_file)
        links = [ln for ln in links if pair_key(str(ln["a"]), str(ln["b"])) not in held]
    chosen = sorted(fixed_sample(links, n, seed), key=lambda r: (r["a"], r["b"]))
    rows = pair_rows(corpus, chosen, f"seed {seed}", sample_file)
    write_rows(sample_file, rows)
    return rows


def content_words(text: str) -> frozenset[str]:
    """A claim's words for the recall draw: no stop or boilerplate words, independent of the
    linker's synonym groups so that the draw is not blind to what those groups miss."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = (w.strip("'-") for w in _WORD.findall(text.lower().replace("’", "'")))
    return frozenset(w for w in words if len(w) >= 3 and w not in ENGLISH_STOP_WORDS and w not in _BOILERPLATE)


def lexical_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two claims' content words."""
    return len(a & b) / len(a | b) if a and b else 0.0


def recall_candidates(
    corpus: verify.Corpus, linked: set[str], min_overlap: float, min_shared: int = 4
) -> list[dict[str, Any]]:
    """Cross-outlet claim pairs (not copies of one text) the run does not link whose contents
    share at least ``min_shared`` content words and ``min_overlap`` of them."""
    outlets, _, copies = _context(corpus)
    words = {str(c["claim_id"]): content_words(str(c.get("content") or "")) for c in corpus.claims}
    story = {str(c["claim_id"]): str(c["story_id"]) for c in corpus.claims}
    index: dict[str, list[str]] = defaultdict(list)
    for cid in sorted(words):
        for w in words[cid]:
            index[w].append(cid)
    shared: Counter[tuple[str, str]] = Counter()
    for ids in index.values():
        if len(ids) <= 200:  # a word in hundreds of claims says nothing about any two of them
            for x, y in combinations(ids, 2):
                shared[(x, y)] += 1
    out = []
    for (x, y), k in sorted(shared.items()):
        sx, sy = story[x], story[y]
        if k < min_shared or outlets.get(sx) == outlets.get(sy) or frozenset((sx, sy)) in copies:
            continue
        if pair_key(x, y) in linked:
            continue
        ov = lexical_overlap(words[x], words[y])
        if ov >= min_overlap:
            out.append({"a": x, "b": y, "score": round(ov, 4)})
    return out


def sample_recall(
    corpus: verify.Corpus, links: list[dict[str, Any]], n: int, seed: int, min_overlap: float, recall_file: Path
) -> list[dict[str, Any]]:
    linked = {pair_key(str(ln["a"]), str(ln["b"])) for ln in links}
    pool = recall_candidates(corpus, linked, min_overlap)
    chosen = sorted(fixed_sample(pool, n, seed), key=lambda r: (r["a"], r["b"]))
    rows = pair_rows(corpus, chosen, f"seed {seed}, unlinked, overlap >= {min_overlap}", recall_file)
    for r in rows:
        r["lexical_overlap"] = r.pop("score")
    write_rows(recall_file, rows)
    print(f"{len(pool)} unlinked cross-outlet pairs with overlap >= {min_overlap}")
    return rows


def precision(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """same / (same + different) over judged rows, and the same without copies of one text."""
    return verdict_precision(rows, lambda r: bool(r.get("near_duplicate")), "pairs")


def sample_precision(rows: list[dict[str, Any]], made: set[str]) -> dict[str, Any]:
    """One sample's precision as drawn and over the pairs this run still links."""
    return {
        "drawn": sorted({str(r.get("drawn")) for r in rows}),
        "precision_as_drawn": precision(rows),
        "precision_this_run": precision([r for r in rows if r["pair"] in made]),
    }


def recall_check(rows: list[dict[str, Any]], made: set[str]) -> dict[str, Any]:
    """Unlinked high-overlap pairs judged "same": claims the linker missed, and how many this run links."""
    same = [r for r in rows if r.get("verdict") == "same"]
    return {
        "pairs": len(rows),
        "judged_same": len(same),
        "judged_different": sum(1 for r in rows if r.get("verdict") == "different"),
        "unsure_or_unjudged": sum(1 for r in rows if r.get("verdict") not in ("same", "different")),
        "same_linked_this_run": sum(1 for r in same if r["pair"] in made),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path("/tmp/crosswire_bench_claim_links.duckdb"))
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--relink", action="store_true", help="link the stored claims again with the current linker")
    ap.add_argument("--sample", action="store_true", help="(re)draw the linked-pair sample to judge")
    ap.add_argument("--sample-file", type=Path, default=SAMPLE)
    ap.add_argument("--exclude-judged", action="store_true", help="with --sample: no pair another sample file holds")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20261201)
    ap.add_argument("--sample-recall", action="store_true", help="draw unlinked high-overlap pairs to judge")
    ap.add_argument("--recall-file", type=Path, default=RECALL_SAMPLE)
    ap.add_argument("--n-recall", type=int, default=30)
    ap.add_argument("--min-overlap", type=float, default=0.3)
    ap.add_argument("--list", action="store_true", help="also print every linked pair (for reading the linker)")
    args = ap.parse_args()
    run_secs = ensure_db(args.db, args.csv)
    corpus, links = _load(args.db, args.relink)
    if args.sample or args.sample_recall:
        if args.sample:
            rows = sample(corpus, links, args.n, args.seed, args.sample_file, args.exclude_judged)
            print(f"wrote {len(rows)} linked claim pairs to {args.sample_file}")
        if args.sample_recall:
            rows = sample_recall(corpus, links, args.n_recall, args.seed, args.min_overlap, args.recall_file)
            print(f"wrote {len(rows)} unlinked claim pairs to {args.recall_file}")
        print("judge them (verdict: same / different / unsure, and a reason), then run without --sample")
        return
    made = {pair_key(str(ln["a"]), str(ln["b"])) for ln in links}
    files = sorted(
        set(HERE.glob("claim_links_sample*.jsonl")) | ({args.sample_file} if args.sample_file.exists() else set())
    )
    samples = {str(p.name if p.parent == HERE else p): sample_precision(read_rows(p), made) for p in files}
    result: dict[str, Any] = {
        "dataset": str(args.csv),
        "command": COMMAND
        + (" --relink" if args.relink else "")
        + " (built from the CSV without date, location, labels)",
        "note": "precision_this_run: the judged pairs this run still links (a pair it no longer links drops "
        "out; pairs it newly links are not judged). near_duplicate: the two claims' stories are copies.",
        **stats(corpus, links),
        "precision_samples": samples,
    }
    if args.recall_file.exists():
        result["recall_check"] = recall_check(read_rows(args.recall_file), made)
    if run_secs:
        result["pipeline_seconds"] = round(run_secs, 1)
    if args.list:
        for r in pair_rows(corpus, links, "listed", Path("/nonexistent")):
            print(json.dumps({k: r[k] for k in ("pair", "score", "shared_concepts", "same_story", "near_duplicate")}))
            for s in ("a", "b"):
                print(f"  {s}: {r[s]['outlet']} | {r[s]['speaker']} | {r[s]['claim_type']} | {r[s]['content']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
