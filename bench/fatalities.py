"""FA-KES dev: quality of the attributed casualty figures, judged by a human reader.

There is no gold for figures, so this bench keeps its own, written by a person beside it in
bench/fatalities_sample.jsonl (one row per judged sentence):

1. Runs the real extraction (clean.make_stories -> annotate -> extract) over
   /work/shared/eval/fakes/fakes_dev.csv and collects every fatality claim attached to an event
   (one per figure span and kind, however many events of the story carry it).
2. ``--sample``: draws ``--n`` claims at random (``--seed``) and appends a row for each sentence
   not judged yet, listing what the extractor found (``extracted``, for reference only) and an
   empty ``figures``. A person reads the sentence and writes **every** casualty figure it reports
   in ``figures``: ``text`` (the quantity as written, e.g. "at least 32"; ``occurrence`` when it
   appears twice), ``low``/``high``, ``kind`` (killed | injured), ``victims`` (the category the
   sentence states, else null), ``source`` (the speaker phrase that reports it, a list of
   acceptable forms, or null when the sentence names none) and ``per_event`` (false for a
   running or war-wide total). ``figures: []`` says the sentence reports none. Rows already
   judged are kept; ``--exclude-judged`` draws only from sentences not judged yet (a fresh
   sample after fixes).
3. Default: scores the current extraction against the judged rows of one ``--set`` (the seed the
   rows were drawn with), two ways:

   * ``sampled``: the claims of this run that are the sampled ones (same sentence, overlapping
     span), or the whole set's claims when the sample was drawn from an earlier run;
   * per claim: number right (low and high), kind right, victims right, source right (the right
     speaker, or correctly none) and per-event (not a cumulative toll); a claim on no judged
     figure is wrong on every count;
   * recall: judged figures of those sentences that some claim of this run found (any kind),
     all and per-event only. Only sentences where the extractor found something are sampled,
     so this recall misses sentences with no claim at all.

Writes bench/results/fatalities.json (one entry per set and ``--label``, e.g. before/after).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from crosswire.extract import extract_stories
from crosswire.models import FatalityClaim

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
SAMPLE = HERE / "fatalities_sample.jsonl"
RESULTS = HERE / "results" / "fatalities.json"
DEFAULT_SEED = 20261124


def collect(csv_path: Path) -> list[dict[str, Any]]:
    """Every claim attached to an event, once per (story, span, kind), in story order."""
    pairs = load_stories(csv_path)
    row_of = {s.story_id: n for n, (_, s) in enumerate(pairs) if s is not None}
    stories = [s for _, s in pairs if s is not None]
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int, str]] = set()
    for sid, events, _, _ in extract_stories(stories):
        for ev in events:
            for c in ev.fatality_claims:
                if c.evidence is None:
                    continue
                k = (sid, c.evidence.start, c.kind)
                if k in seen:
                    continue
                seen.add(k)
                out.append(_claim_row(row_of[sid], c))
    return out


def _claim_row(row: int, c: FatalityClaim) -> dict[str, Any]:
    assert c.evidence is not None
    e = c.evidence
    return {
        "row": row,
        "key": sentence_key(row, e.sentence),
        "sentence": e.sentence,
        "start": e.start - e.sentence_start,
        "end": e.end - e.sentence_start,
        "text": e.text,
        "low": c.low,
        "high": c.high,
        "kind": c.kind,
        "victims": c.victims,
        "source": c.source,
        "qualifier": c.qualifier,
    }


def _read() -> list[dict[str, Any]]:
    return read_rows(SAMPLE)


def _write(rows: list[dict[str, Any]]) -> None:
    write_rows(SAMPLE, rows)


def _brief(c: dict[str, Any]) -> dict[str, Any]:
    keep = ("start", "end", "text", "low", "high", "kind", "victims", "source")
    return {k: c[k] for k in keep}


def draw(claims: list[dict[str, Any]], n: int, seed: int, exclude_judged: bool) -> list[dict[str, Any]]:
    rows = _read()
    judged = {r["key"] for r in rows}
    pool = [c for c in claims if not (exclude_judged and c["key"] in judged)]
    chosen = fixed_sample(pool, n, seed)
    by_key: dict[str, list[dict[str, Any]]] = {}
    for c in claims:
        by_key.setdefault(c["key"], []).append(c)
    index = {r["key"]: r for r in rows}
    for c in sorted(chosen, key=lambda c: (c["row"], c["key"], c["start"])):
        r = index.get(c["key"])
        if r is None:
            r = {
                "key": c["key"],
                "row": c["row"],
                "set": seed,
                "sentence": c["sentence"],
                "extracted": [_brief(x) for x in by_key[c["key"]]],
                "sampled": [],
                "figures": None,
            }
            index[c["key"]] = r
            rows.append(r)
        if r.get("set") == seed:
            span = [c["start"], c["end"], c["kind"]]
            if span not in r["sampled"]:
                r["sampled"].append(span)
    _write(rows)
    return chosen


def _gold_spans(sentence: str, fig: dict[str, Any]) -> list[tuple[int, int]]:
    """Where a judged figure lies: its ``text`` (``occurrence``-th) and any ``also`` fragments
    (the far end of a range split by other words, "from 500 to well over 1000 people")."""
    spans = []
    for n, text in enumerate([fig["text"], *fig.get("also", [])]):
        at = -1
        for _ in range(int(fig.get("occurrence", 1)) if n == 0 else 1):
            at = sentence.find(text, at + 1)
            if at < 0:
                raise ValueError(f"figure text {text!r} not in sentence {sentence[:80]!r}")
        spans.append((at, at + len(text)))
    return spans


Figure = tuple[list[tuple[int, int]], dict[str, Any]]


def _overlaps(c: dict[str, Any], spans: list[tuple[int, int]]) -> bool:
    return any(a < c["end"] and c["start"] < b for a, b in spans)


def _match(claim: dict[str, Any], figs: list[Figure]) -> dict[str, Any] | None:
    over = [f for spans, f in figs if _overlaps(claim, spans)]
    same = [f for f in over if f["kind"] == claim["kind"]]
    return (same or over or [None])[0]


CHECKS = ("number", "kind", "victims", "source", "per_event")


def _verdict(c: dict[str, Any], f: dict[str, Any] | None) -> dict[str, bool]:
    if f is None:  # not a casualty figure at all: wrong on every count
        return {k: False for k in CHECKS}
    return {
        "number": (c["low"], c["high"]) == (f["low"], f["high"]),
        "kind": c["kind"] == f["kind"],
        "victims": one_of(c["victims"], f["victims"]),
        "source": one_of(c["source"], f["source"], norm_speaker),
        "per_event": bool(f["per_event"]),
    }


def _judged(seed: int) -> list[dict[str, Any]]:
    return [r for r in _read() if r.get("set") == seed and r.get("figures") is not None]


def _claims_by_sentence(claims: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The run's claims per sentence key, once per span and kind (a sentence a story repeats,
    headline and body, is one judged sentence)."""
    out: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, int, int, str]] = set()
    for c in claims:
        k = (c["key"], c["start"], c["end"], c["kind"])
        if k not in seen:
            seen.add(k)
            out.setdefault(c["key"], []).append(c)
    return out


def score(claims: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    rows = [r for r in _read() if r.get("set") == seed]
    judged = _judged(seed)
    by_key = _claims_by_sentence(claims)
    ok_all = dict.fromkeys(CHECKS, 0)
    ok_sampled = dict.fromkeys(CHECKS, 0)
    n_all = n_sampled = all_right = 0
    gold_n = gold_found = gold_event_n = gold_event_found = 0
    not_a_figure = 0
    for r in judged:
        figs = [(_gold_spans(r["sentence"], f), f) for f in r["figures"]]
        sampled_spans = {(a, b, k) for a, b, k in r.get("sampled", [])}
        for c in by_key.get(r["key"], []):
            f = _match(c, figs)
            verdict = _verdict(c, f)
            not_a_figure += f is None
            n_all += 1
            all_right += all(verdict.values())
            for k in CHECKS:
                ok_all[k] += verdict[k]
            if any(a < c["end"] and c["start"] < b and k == c["kind"] for a, b, k in sampled_spans):
                n_sampled += 1
                for k in CHECKS:
                    ok_sampled[k] += verdict[k]
        mine = by_key.get(r["key"], [])
        for spans, f in figs:
            hit = any(_overlaps(c, spans) for c in mine)
            gold_n += 1
            gold_found += hit
            if f["per_event"]:
                gold_event_n += 1
                gold_event_found += hit

    def prec(ok: dict[str, int], n: int) -> dict[str, float | None]:
        return {k: round(v / n, 3) if n else None for k, v in ok.items()}

    return {
        "seed": seed,
        "sentences": len(rows),
        "sentences_judged": len(judged),
        "sampled_claims": sum(len(r.get("sampled", [])) for r in judged),
        "sampled_claims_still_extracted": n_sampled,
        "precision_sampled_claims": prec(ok_sampled, n_sampled),
        "claims_in_judged_sentences": n_all,
        "claims_on_no_figure": not_a_figure,
        "precision_all_claims_in_sentences": prec(ok_all, n_all),
        "claims_right_on_every_check": round(all_right / n_all, 3) if n_all else None,
        "gold_figures": gold_n,
        "recall": round(gold_found / gold_n, 3) if gold_n else None,
        "gold_per_event_figures": gold_event_n,
        "recall_per_event": round(gold_event_found / gold_event_n, 3) if gold_event_n else None,
    }


def errors(claims: list[dict[str, Any]], seed: int) -> list[str]:
    """One line per wrong check or missed figure, for reading while fixing."""
    out: list[str] = []
    by_key = _claims_by_sentence(claims)
    for r in _judged(seed):
        figs = [(_gold_spans(r["sentence"], f), f) for f in r["figures"]]
        mine = by_key.get(r["key"], [])
        for c in mine:
            f = _match(c, figs)
            if f is None:
                out.append(f"[{r['key']}] NOT A FIGURE {c['text']!r} {c['kind']}")
                continue
            v = _verdict(c, f)
            bad = []
            if not v["number"]:
                bad.append(f"number {c['low']}-{c['high']} want {f['low']}-{f['high']}")
            if not v["kind"]:
                bad.append(f"kind {c['kind']} want {f['kind']}")
            if not v["victims"]:
                bad.append(f"victims {c['victims']} want {f['victims']}")
            if not v["source"]:
                bad.append(f"source {c['source']!r} want {f['source']!r}")
            if not v["per_event"]:
                bad.append("cumulative")
            if bad:
                out.append(f"[{r['key']}] {c['text']!r}: " + "; ".join(bad))
        for spans, f in figs:
            if not any(_overlaps(c, spans) for c in mine):
                out.append(f"[{r['key']}] MISSED {f['text']!r} {f['kind']}")
    return out


def main() -> None:
    ap = judged_bench_args(__doc__, DEFAULT_CSV, DEFAULT_SEED, 90, "claims", "claims")
    args = ap.parse_args()
    claims = cached_run(args.claims, lambda: collect(args.csv))
    if args.sample:
        chosen = draw(claims, args.n, args.seed, args.exclude_judged)
        print(f"drew {len(chosen)} of {len(claims)} claims into {SAMPLE}; judge the rows, then score")
        return
    result = {"dataset": str(args.csv), "claims_in_run": len(claims), **score(claims, args.seed)}
    save_result(RESULTS, f"{args.seed}:{args.label}", result)
    for k, v in result.items():
        print(f"{k:>34}: {v}")
    if args.errors:
        for line in errors(claims, args.seed):
            print(line)


if __name__ == "__main__":
    main()
