"""Article-body extraction quality of clean.make_stories' HTML path.

Runs over the Zyte/Scrapinghub article-extraction benchmark (dev copy in
../shared/eval/article_extraction: gzipped HTML + ground-truth.json) and scores the text
with the benchmark's official metric, re-implemented here from its README/evaluate.py:
texts are tokenised on ``\\w+``; each document's 4-token shingles are compared as
multisets (tp = overlap, fp = extra predicted, fn = missed), normalised by their sum so
long pages weigh no more than short ones; precision and recall are the means of the
per-document scores (documents with no predicted / no true shingles left out of the
respective mean), F1 their harmonic mean. Confidence intervals by bootstrap (1.96 sd).

A second figure measures the plain-text path (the data-driven line cleaner) on the same
pages saved as text the way a scraper saves them: every visible text node, one line per
block element, scripts and styles dropped (``page_text``). "page text as is" is the score
of that text before cleaning.

Usage: python bench/extraction.py [--limit N] [--baseline]
  --baseline also scores trafilatura.extract alone, for comparison.
Prints the figures and writes bench/results/extraction.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from crosswire.clean import make_stories
from crosswire.errors import CrosswireError
from crosswire.models import RawDocument

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "article_extraction"
OUT = ROOT / "bench" / "results" / "extraction.json"

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
Counts = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    grams = [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))]
    return Counter(g for g in grams if g)


def tp_fp_fn(true: str, pred: str) -> Counts:
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(counts: list[Counts]) -> dict[str, float]:
    p = statistics.mean([_precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([_recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def with_ci(counts: list[Counts], n_bootstrap: int = 1000) -> dict[str, float]:
    out = metrics(counts)
    rng = random.Random(0)
    samples: dict[str, list[float]] = {k: [] for k in out}
    for _ in range(n_bootstrap):
        b = metrics([counts[rng.randrange(len(counts))] for _ in counts])
        for k, v in b.items():
            samples[k].append(v)
    out.update({f"{k}_ci": 1.96 * statistics.stdev(v) for k, v in samples.items()})
    return {k: round(v, 4) for k, v in out.items()}


_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer nav aside blockquote"
    " figure figcaption dd dt form main pre hr".split()
)


def page_text(html: str) -> str:
    """All visible text of a page, one line per block element (what a text scraper keeps)."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg|//head"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        block = isinstance(el.tag, str) and el.tag in _BLOCKS
        parts.append("\n" if block else "")
        parts.append(el.text or "")
        for child in el:
            walk(child)
        parts.append("\n" if block else "")
        parts.append(el.tail or "")

    walk(tree)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return re.sub(r"\n{2,}", "\n\n", "\n".join(lines)).strip()


def ours_text(item_id: str, text: str) -> str:
    doc = RawDocument(input_id=item_id, path=f"{item_id}.txt", fmt="text", text=text)
    try:
        return "\n\n".join(s.text for s in make_stories(doc))
    except CrosswireError:
        return ""


def ours(item_id: str, html: str, url: str | None) -> str:
    doc = RawDocument(input_id=item_id, path=f"{item_id}.html", fmt="html", html=html, url=url)
    try:
        return "\n\n".join(s.text for s in make_stories(doc))
    except CrosswireError:
        return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--baseline", action="store_true")
    args = ap.parse_args()
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    ours_counts: list[Counts] = []
    base_counts: list[Counts] = []
    raw_text_counts: list[Counts] = []
    text_counts: list[Counts] = []
    t0 = time.perf_counter()
    for item_id in ids:
        html = gzip.decompress((DATA / "html" / f"{item_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        gold = truth[item_id].get("articleBody", "")
        ours_counts.append(tp_fp_fn(gold, ours(item_id, html, truth[item_id].get("url"))))
        text = page_text(html)
        raw_text_counts.append(tp_fp_fn(gold, text))
        text_counts.append(tp_fp_fn(gold, ours_text(item_id, text)))
        if args.baseline:
            import trafilatura

            base_counts.append(tp_fp_fn(gold, trafilatura.extract(html, include_comments=False) or ""))
    elapsed = time.perf_counter() - t0
    result: dict[str, object] = {
        "dataset": "scrapinghub/article-extraction-benchmark (dev copy)",
        "pages": len(ids),
        "metric": "token 4-shingle precision/recall/F1, per-document normalised (official)",
        "crosswire": with_ci(ours_counts),
        "text_path": {"page text as is": with_ci(raw_text_counts), "line cleaner": with_ci(text_counts)},
        "seconds": round(elapsed, 1),
        "reference_published": {"trafilatura 2.0.0": 0.958, "newspaper4k": 0.949, "readability": 0.947},
    }
    if base_counts:
        result["trafilatura_extract_here"] = with_ci(base_counts)
    print(json.dumps(result, indent=2))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
