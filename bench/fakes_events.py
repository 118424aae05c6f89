"""FA-KES dev: governorate and date of each article's main event against the gold columns.

Runs the real extraction (clean.make_stories -> annotate -> extract) over
/work/shared/eval/fakes/fakes_dev.csv (or the CSV given as the first argument) and compares

* the governorate of the main event's place with ``location`` (both mapped through the
  geocoder's governorate aliases), and
* the main event's date with ``date`` (M/D/YYYY, the event date): exact day and within 3 days;
  ``date_exact_reachable`` is the share of articles whose gold date is the dateline or a date the
  text gives at all, the ceiling of any choice among the text's own dates.

FA-KES has no publication-date column; dates come from the text (datelines, explicit dates).
Prints the figures and writes them to bench/results/fakes_events.json.

``--speed`` instead measures extraction speed (stories/s, ratio to one plain spaCy pass of the
full pipeline, sentences parsed vs total); ``bench/throughput.py --extraction`` saves them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

from crosswire import clean, geocode
from crosswire.errors import CrosswireError
from crosswire.extract import extract_stories, main_event
from crosswire.extract.dates import publication_date
from crosswire.models import RawDocument, Story

DEFAULT_CSV = Path("/work/shared/eval/fakes/fakes_dev.csv")
RESULTS = Path(__file__).resolve().parent / "results" / "fakes_events.json"


def load_stories(path: Path) -> list[tuple[dict[str, str], Story | None]]:
    """(gold row, story) for each FA-KES row, cleaned exactly as ingested text is."""
    csv.field_size_limit(10**9)
    out: list[tuple[dict[str, str], Story | None]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            text = row.get("article_content") or ""
            doc = RawDocument(
                input_id=hashlib.sha256(f"{path}:{n}:{text}".encode()).hexdigest(),
                path=str(path),
                fmt="csv",
                text=text,
                title=row.get("article_title") or None,
                outlet=row.get("source") or None,
                record_key=str(n),
            )
            try:
                stories = clean.make_stories(doc)
            except CrosswireError:
                stories = []
            out.append((row, stories[0] if stories else None))
    return out


#: FA-KES labels a governorate and its countryside alike ("damascus" covers Rural Damascus, which
#: has no label of its own in the dataset), so a prediction is compared at the gold's granularity
GOLD_GRANULARITY = {"Rural Damascus": "Damascus"}


def _gold_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def _text_dates(story: Story, pub: str | None) -> set[str]:
    """The publication date and every date the story's sentences give, resolved against it."""
    from crosswire.annotate import split_sentences
    from crosswire.extract.dates import find_dates

    found = {pub} if pub else set()
    for sent in split_sentences(story.text):
        found.update(d.iso for d in find_dates(sent.text, pub) if d.iso)
    return found


def evaluate(path: Path = DEFAULT_CSV, limit: int | None = None) -> dict[str, Any]:
    """The figures over the first ``limit`` rows (all when None)."""
    t0 = time.perf_counter()
    pairs = load_stories(path)[:limit]
    stories = [s for _, s in pairs if s is not None]
    results = {sid: (events, err) for sid, events, _, err in extract_stories(stories)}
    elapsed = time.perf_counter() - t0
    n = len(pairs)
    gov_ok = exact = within3 = with_event = with_place = with_date = errors = 0
    # how the gold date relates to the story's own publication date (dateline): it shows how
    # much of the gold is the article's date rather than a date written in the text
    pub_same = pub_far = pub_known = 0
    # the best any choice among the text's own dates could do: the gold is the dateline or one of
    # the dates the story gives (resolved against its publication date)
    reachable = 0
    confusion: dict[str, int] = {}
    for row, story in pairs:
        if story is None:
            continue
        pub = publication_date(story.published, story.text).value
        gold_day = _gold_date(row["date"])
        if pub and gold_day:
            pub_known += 1
            gap = abs((dt.date.fromisoformat(pub) - gold_day).days)
            pub_same += gap == 0
            pub_far += gap > 3
        if gold_day and gold_day.isoformat() in _text_dates(story, pub):
            reachable += 1
        events, err = results.get(story.story_id, ([], None))
        errors += err is not None
        ev = main_event(events)
        if ev is None:
            continue
        with_event += 1
        gold_gov = geocode.canonical_admin1(row["location"])
        got_gov = geocode.canonical_admin1(ev.place.admin1) if ev.place and ev.place.admin1 else None
        got_gov = GOLD_GRANULARITY.get(got_gov, got_gov) if got_gov else None
        with_place += got_gov is not None
        if got_gov is not None and got_gov == gold_gov:
            gov_ok += 1
        elif got_gov is not None:
            key = f"{gold_gov} -> {got_gov}"
            confusion[key] = confusion.get(key, 0) + 1
        gold = _gold_date(row["date"])
        if ev.event_date and gold:
            with_date += 1
            delta = abs((dt.date.fromisoformat(ev.event_date) - gold).days)
            exact += delta == 0
            within3 += delta <= 3
    figures = {
        "dataset": str(path),
        "articles": n,
        "stories": len(stories),
        "with_main_event": with_event,
        "events": sum(len(events) for events, _ in results.values()),
        "governorate_accuracy": round(gov_ok / n, 4),
        "governorate_accuracy_when_located": round(gov_ok / with_place, 4) if with_place else 0.0,
        "date_exact": round(exact / n, 4),
        "date_within_3_days": round(within3 / n, 4),
        "date_exact_when_dated": round(exact / with_date, 4) if with_date else 0.0,
        "date_exact_reachable": round(reachable / n, 4),
        "stories_with_publication_date": pub_known,
        "gold_date_equals_publication_date": pub_same,
        "gold_date_over_3_days_from_publication_date": pub_far,
        "extraction_errors": errors,
        "seconds": round(elapsed, 1),
        "top_governorate_confusions": dict(sorted(confusion.items(), key=lambda kv: -kv[1])[:8]),
    }
    return figures


def extraction_speed(path: Path = DEFAULT_CSV, limit: int | None = None, repeat: int = 3) -> dict[str, Any]:
    """Stories/s of the whole extraction vs one plain pass of the full spaCy pipeline.

    What is compared, over the same cleaned FA-KES texts, both in this one process, with one CPU
    process each (no ``n_process``) and the model already loaded (a warm-up story first):

    * plain: ``nlp.pipe(story texts, batch_size=64)`` with every component of the model enabled
      (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner), the Docs kept in a list, the
      model loaded by a plain ``spacy.load`` (thinc's default ops: blis), as a naive spaCy-based
      coder would run it: the cost floor the ratio is defined against;
    * plain, crosswire's BLAS: the same pass with the model as crosswire loads it (numpy's BLAS
      on one thread instead of blis, ``annotate._numpy_blas``), so the ratio to it shows how
      much of the lead is the BLAS choice and how much is parsing less;
    * extraction: ``extract_stories(stories)``, i.e. sentence split, candidate filter, spaCy's
      full pipeline over the candidate sentences (a sentence repeated in the batch parsed once,
      ``distinct_sentences_parsed``), mentions, classification, actors, places,
      dates, figures, claims: everything up to the Event and Claim records. Its caches (the
      classifier's remembered sentences) are emptied before each pass, so no pass profits from
      an earlier one.

    The two alternate ``repeat`` times; the figures are each side's fastest pass (the machine is
    shared, so the slowest passes measure the neighbours). Also reports how many sentences the
    candidate filter sent to the parser, and why.
    """
    import spacy

    from crosswire.annotate import _cue_pattern, _one_blas_thread, annotate, nlp, split_sentences
    from crosswire.extract import claims, classify

    stories = [s for _, s in load_stories(path) if s is not None][:limit]
    model = nlp()
    naive = spacy.load(model.meta["lang"] + "_" + model.meta["name"])
    extract_stories(stories[:1])  # warm-up: data files, gazetteer, actor table
    texts = [s.text for s in stories]
    list(naive.pipe(texts[:1]))
    plain_runs: list[float] = []
    same_blas_runs: list[float] = []
    ours_runs: list[float] = []
    results: list[Any] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        list(naive.pipe(texts, batch_size=64))
        plain_runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        with _one_blas_thread():
            list(model.pipe(texts, batch_size=64))
        same_blas_runs.append(time.perf_counter() - t0)
        classify._classified.cache_clear()
        t0 = time.perf_counter()
        results = extract_stories(stories)
        ours_runs.append(time.perf_counter() - t0)
    plain, same_blas, ours = min(plain_runs), min(same_blas_runs), min(ours_runs)
    annotated = annotate(stories)
    # why a sentence was parsed (a sentence can have several reasons)
    why = {"event": 0, "casualty_cue": 0, "claim_needs_parse": 0}
    for a in annotated:
        for i in a.candidates:
            text = a.sentences[i].text
            why["event"] += bool(classify.classify_sentence(text))
            why["casualty_cue"] += bool(_cue_pattern().search(text))
            why["claim_needs_parse"] += claims.needs_parse(text)
    # the sentence splitter: annotate's rule-based one vs spaCy's senter with all else disabled
    t0 = time.perf_counter()
    n_rule = sum(len(split_sentences(t)) for t in texts)
    rule_s = time.perf_counter() - t0
    senter = spacy.load(
        model.meta["lang"] + "_" + model.meta["name"],
        exclude=[p for p in model.component_names if p != "senter"],
    )
    senter.enable_pipe("senter")
    t0 = time.perf_counter()
    n_senter = sum(len(list(d.sents)) for d in senter.pipe(texts, batch_size=64))
    senter_s = time.perf_counter() - t0
    total = sum(len(a.sentences) for a in annotated)
    parsed = sum(len(a.candidates) for a in annotated)
    # a sentence repeated in the batch is parsed once (annotate._parse_once)
    distinct = len({a.sentences[i].text for a in annotated for i in a.candidates})
    return {
        "dataset": str(path),
        "stories": len(stories),
        "events": sum(len(r[1]) for r in results),
        "claims": sum(len(r[2]) for r in results),
        "passes": repeat,
        "extraction_seconds": round(ours, 2),
        "extraction_seconds_all_passes": [round(x, 2) for x in ours_runs],
        "extraction_stories_per_s": round(len(stories) / ours, 2),
        "plain_spacy_seconds": round(plain, 2),
        "plain_spacy_seconds_all_passes": [round(x, 2) for x in plain_runs],
        "plain_spacy_stories_per_s": round(len(stories) / plain, 2),
        "ratio_extraction_to_plain_spacy": round(ours / plain, 3),
        "ratio_per_pass": [round(o / p, 3) for o, p in zip(ours_runs, plain_runs, strict=True)],
        "blas": model.meta.get("crosswire", {}).get("blas"),
        "plain_spacy_crosswire_blas_seconds": round(same_blas, 2),
        "plain_spacy_crosswire_blas_seconds_all_passes": [round(x, 2) for x in same_blas_runs],
        "ratio_extraction_to_plain_spacy_crosswire_blas": round(ours / same_blas, 3),
        "sentences_total": total,
        "sentences_parsed": parsed,
        "parsed_fraction": round(parsed / total, 3) if total else 0.0,
        "distinct_sentences_parsed": distinct,
        "parsed_because": why,
        "rule_splitter_seconds": round(rule_s, 3),
        "rule_splitter_sentences": n_rule,
        "spacy_senter_seconds": round(senter_s, 3),
        "spacy_senter_sentences": n_senter,
    }


def _parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV, help="FA-KES CSV (default: dev)")
    ap.add_argument(
        "--speed",
        action="store_true",
        help="only print the extraction's speed (bench/throughput.py --extraction saves it)",
    )
    return ap.parse_args(argv)


if __name__ == "__main__":
    opts = _parse_args(sys.argv[1:])
    if not opts.csv.is_file():
        sys.exit(f"fakes_events: no such CSV: {opts.csv}")
    if opts.speed:
        for k, v in extraction_speed(opts.csv).items():
            print(f"{k}: {v}")
    else:
        figs = evaluate(opts.csv)
        for k, v in figs.items():
            print(f"{k}: {v}")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(figs, indent=2) + "\n", encoding="utf-8")
