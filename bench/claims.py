"""FA-KES dev: quality of the attributed claims (reported speech), judged by a human reader.

There is no gold for claims, so this bench keeps its own, written by a person beside it in
bench/claims_sample.jsonl (one row per judged sentence):

1. Runs the real extraction (clean.make_stories -> annotate -> extract) over
   /work/shared/eval/fakes/fakes_dev.csv. The pool is every sentence that looks like reported
   speech by this bench's own broad cue (:data:`SPEECH_CUE`: a reporting word, "according to",
   a quotation mark, "statement", "sources"), whether or not the extractor found a claim in it,
   so that recall can be judged; each claim belongs to the sentence its content starts in. A
   story's title that its text does not repeat is one more pool sentence (``"part": "title"``)
   when it has that cue or a headline's colon (:data:`TITLE_CUE`: "Syrian opposition: 1300
   killed ..."); the claims whose evidence is in the title (``Evidence.part``) belong to it.
2. ``--sample``: draws ``--n`` pool sentences at random (``--seed``) and appends a row for each
   one not judged yet, listing what the extractor found (``extracted``, for reference only)
   and an empty ``claims``. A person reads the sentence and writes **every** attributed (or
   explicitly unattributed) statement it holds in ``claims``: ``content`` (a fragment of the
   sentence inside what is claimed; ``occurrence`` when it appears twice), ``speaker`` (the
   speaker phrase, a list of acceptable forms, null for "reports appeared"), ``speaker_actor``
   (the canonical actor of data/actors.csv the speaker speaks for, or null where the list has
   none), ``quote`` (direct quotation), ``type`` (accusation | denial | casualty_report |
   threat | announcement | assessment) and ``about`` (the canonical actor the claim is about,
   or null); any value may be a list of acceptable ones. ``claims: []`` says the sentence
   holds no reported speech. ``--exclude-judged`` draws only sentences not judged yet (a fresh
   sample after fixes).
3. Default: scores the current extraction against the judged rows of one ``--set`` (the seed):
   a claim of this run matches a judged claim when its content span overlaps the judged
   fragment (one to one, largest overlap first); recall is judged claims matched, precision
   is claims of this run in the judged sentences that match one; per field over the matched
   pairs: speaker (the phrase, loosely compared), speaker actor, type, about, quote.

Writes bench/results/claims.json (one entry per set and ``--label``, e.g. before/after).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from crosswire import annotate
from crosswire.extract import extract_stories
from crosswire.models import Sentence, Story

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
SAMPLE = HERE / "claims_sample.jsonl"
RESULTS = HERE / "results" / "claims.json"
DEFAULT_SEED = 20261201

#: broader than the extractor's own pre-filter on purpose: the pool must hold the sentences
#: the extractor misses too
SPEECH_CUE = re.compile(
    r"\b(?:say|says|said|saying|told|tell|tells|according to|report(?:s|ed|ing)?|claim\w*|statement\w*|"
    r"announc\w*|accus\w*|blam\w*|condemn\w*|den(?:y|ies|ied|ial)|reject\w*|warn\w*|threat\w*|"
    r"vow\w*|quot\w*|stat(?:ed|es|ing)|confirm\w*|insist\w*|add(?:ed|s)|believ\w*|cit(?:ed|ing)|"
    r"tweet\w*|wr(?:ote|ites)|alleg\w*|spokes\w*|sources?)\b|[\"“”]",
    re.I,
)
#: a title is reported speech by that cue or by a headline's colon between a speaker and its words
TITLE_CUE = re.compile(rf"{SPEECH_CUE.pattern}|[^\W\d]: \S", re.I)
FIELDS = ("speaker", "speaker_actor", "type", "about", "quote")


def _title_sentence(story: Story) -> Sentence | None:
    """The title as a pool sentence of its own, when the text does not repeat it (as extract does)."""
    title = (story.title or "").strip()
    if not title or " ".join(title.split()).casefold() in " ".join(story.text.split()).casefold():
        return None
    return Sentence(0, len(title), title)


def collect(csv_path: Path) -> dict[str, list[dict[str, Any]]]:
    """The pool of reported-speech sentences and every claim of the run, both keyed by sentence."""
    pairs = load_stories(csv_path)
    row_of = {s.story_id: n for n, (_, s) in enumerate(pairs) if s is not None}
    stories = [s for _, s in pairs if s is not None]
    annotated = annotate.annotate(stories)
    pool: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    seen: set[str] = set()
    by_story = {sid: cl for sid, _, cl, _ in extract_stories(annotated)}
    for a in annotated:
        row = row_of[a.story.story_id]
        for s in a.sentences:
            key = sentence_key(row, s.text)
            if SPEECH_CUE.search(s.text) and key not in seen:
                seen.add(key)
                pool.append({"row": row, "key": key, "sentence": s.text})
        title = _title_sentence(a.story)
        if title is not None and TITLE_CUE.search(title.text) and sentence_key(row, title.text) not in seen:
            seen.add(sentence_key(row, title.text))
            pool.append({"row": row, "key": sentence_key(row, title.text), "sentence": title.text, "part": "title"})
        done: set[tuple[str, int, int, str | None]] = set()
        for c in by_story.get(a.story.story_id, []):
            if c.evidence is None:
                continue
            e = c.evidence
            in_part = (title,) if e.part == "title" else a.sentences
            sent = next((s for s in in_part if s is not None and s.start <= e.start < s.end), None)
            if sent is None:
                continue
            key = sentence_key(row, sent.text)
            k = (key, e.start - sent.start, e.end - sent.start, c.speaker)
            if k in done:  # a sentence a story repeats (headline and body) is one judged sentence
                continue
            done.add(k)
            claims.append(
                {
                    "row": row,
                    "key": key,
                    "start": e.start - sent.start,
                    "end": e.end - sent.start,
                    "content": c.content,
                    "speaker": c.speaker,
                    "speaker_actor": c.speaker_actor,
                    "verb": c.reporting_verb,
                    "quote": c.quote,
                    "type": c.claim_type,
                    "about": c.about_actor,
                    "about_all": [x.name for x in c.about_actors],
                }
            )
    return {"pool": pool, "claims": claims}


def _brief(c: dict[str, Any]) -> dict[str, Any]:
    keep = ("start", "end", "content", "speaker", "speaker_actor", "verb", "quote", "type", "about", "about_all")
    return {k: c[k] for k in keep if k in c}


def _by_key(claims: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for c in claims:
        out.setdefault(c["key"], []).append(c)
    return out


def draw(run: dict[str, list[dict[str, Any]]], n: int, seed: int, exclude_judged: bool) -> int:
    rows = read_rows(SAMPLE)
    judged = {r["key"] for r in rows}
    pool = [p for p in run["pool"] if not (exclude_judged and p["key"] in judged)]
    chosen = fixed_sample(pool, n, seed)
    by_key = _by_key(run["claims"])
    added = 0
    for p in sorted(chosen, key=lambda p: (p["row"], p["key"])):
        if p["key"] in judged:
            continue
        rows.append(
            {
                "key": p["key"],
                "row": p["row"],
                "set": seed,
                **({"part": p["part"]} if "part" in p else {}),
                "sentence": p["sentence"],
                "extracted": [_brief(c) for c in by_key.get(p["key"], [])],
                "claims": None,
            }
        )
        added += 1
    write_rows(SAMPLE, rows)
    return added


def _gold_span(sentence: str, g: dict[str, Any]) -> tuple[int, int]:
    at = -1
    for _ in range(int(g.get("occurrence", 1))):
        at = sentence.find(g["content"], at + 1)
        if at < 0:
            raise ValueError(f"claim content {g['content']!r} not in sentence {sentence[:80]!r}")
    return at, at + len(g["content"])


def _pairs(
    sentence: str, gold: list[dict[str, Any]], mine: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Judged and extracted claims paired one to one, the largest content overlap first."""
    spans = [_gold_span(sentence, g) for g in gold]
    cand = []
    for gi, (a, b) in enumerate(spans):
        for ci, c in enumerate(mine):
            ov = min(b, c["end"]) - max(a, c["start"])
            if ov > 0:
                cand.append((ov, gi, ci))
    used_g: set[int] = set()
    used_c: set[int] = set()
    out = []
    for _, gi, ci in sorted(cand, key=lambda x: -x[0]):
        if gi not in used_g and ci not in used_c:
            used_g.add(gi)
            used_c.add(ci)
            out.append((gold[gi], mine[ci]))
    return out


def _verdict(g: dict[str, Any], c: dict[str, Any]) -> dict[str, bool]:
    return {
        "speaker": one_of(c["speaker"], g["speaker"], norm_speaker),
        "speaker_actor": one_of(c["speaker_actor"], g["speaker_actor"]),
        "type": one_of(c["type"], g["type"]),
        "about": one_of(c["about"], g["about"]),
        "quote": one_of(c["quote"], g["quote"]),
    }


def _judged(seed: int) -> list[dict[str, Any]]:
    return [r for r in read_rows(SAMPLE) if r.get("set") == seed and r.get("claims") is not None]


def score(claims: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    judged = _judged(seed)
    by_key = _by_key(claims)
    gold_n = mine_n = matched = all_right = 0
    ok = dict.fromkeys(FIELDS, 0)
    for r in judged:
        mine = by_key.get(r["key"], [])
        pairs = _pairs(r["sentence"], r["claims"], mine)
        gold_n += len(r["claims"])
        mine_n += len(mine)
        matched += len(pairs)
        for g, c in pairs:
            v = _verdict(g, c)
            all_right += all(v.values())
            for k in FIELDS:
                ok[k] += v[k]
    return {
        "seed": seed,
        "sentences_judged": len(judged),
        "sentences_with_claims": sum(1 for r in judged if r["claims"]),
        "gold_claims": gold_n,
        "extracted_claims": mine_n,
        "matched": matched,
        "recall": round(matched / gold_n, 3) if gold_n else None,
        "precision": round(matched / mine_n, 3) if mine_n else None,
        "field_accuracy": {k: round(v / matched, 3) if matched else None for k, v in ok.items()},
        "matched_right_on_every_field": round(all_right / matched, 3) if matched else None,
    }


def errors(claims: list[dict[str, Any]], seed: int) -> list[str]:
    """One line per missed or spurious claim and per wrong field, for reading while fixing."""
    out: list[str] = []
    by_key = _by_key(claims)
    for r in _judged(seed):
        mine = by_key.get(r["key"], [])
        pairs = _pairs(r["sentence"], r["claims"], mine)
        got_g = {id(g) for g, _ in pairs}
        got_c = {id(c) for _, c in pairs}
        for g in r["claims"]:
            if id(g) not in got_g:
                out.append(f"[{r['key']}] MISSED {g['speaker']!r}: {g['content']!r}")
        for c in mine:
            if id(c) not in got_c:
                out.append(f"[{r['key']}] SPURIOUS {c['speaker']!r} {c['verb']!r}: {c['content'][:70]!r}")
        for g, c in pairs:
            v = _verdict(g, c)
            bad = [f"{k} {c[k]!r} want {g[k]!r}" for k in FIELDS if not v[k]]
            if bad:
                out.append(f"[{r['key']}] {g['content'][:40]!r}: " + "; ".join(bad))
    return out


def main() -> None:
    ap = judged_bench_args(__doc__, DEFAULT_CSV, DEFAULT_SEED, 60, "sentences", "run")
    args = ap.parse_args()
    run = cached_run(args.run, lambda: collect(args.csv))
    if args.sample:
        added = draw(run, args.n, args.seed, args.exclude_judged)
        print(f"drew {added} of {len(run['pool'])} sentences into {SAMPLE}; judge the rows, then score")
        return
    result = {
        "dataset": str(args.csv),
        "pool_sentences": len(run["pool"]),
        "claims_in_run": len(run["claims"]),
        **score(run["claims"], args.seed),
    }
    save_result(RESULTS, f"{args.seed}:{args.label}", result)
    for k, v in result.items():
        print(f"{k:>30}: {v}")
    if args.errors:
        for line in errors(run["claims"], args.seed):
            print(line)


if __name__ == "__main__":
    main()
