"""CASE 2021 task 2 (fine-grained event classification) on the development half.

Runs :func:`crosswire.extract.classify.classify_snippet` on every snippet of
``/work/shared/eval/case2021/case2021_task2_dev.tsv`` and scores it against the
gold sub-type: the 25 ACLED sub-types plus one "NO_EVENT" class for the five
non-ACLED types (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, ATTRIB, DIPLO).
Prints accuracy, macro-F1 (26 classes), a per-class table and the most frequent
confusions; writes them to ``bench/results/case2021.json``.

The classifier is rule-based (data/event_types.json): nothing is trained on
these rows. Usage: ``.venv/bin/python bench/case2021.py [path.tsv]``
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

from crosswire.extract.classify import classify_snippet, sub_event_code

DEFAULT = Path("/work/shared/eval/case2021/case2021_task2_dev.tsv")
OUT = Path(__file__).parent / "results" / "case2021.json"
NON_ACLED = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "ATTRIB", "DIPLO"}
NO_EVENT = "NO_EVENT"


def gold_label(code: str) -> str:
    return NO_EVENT if code in NON_ACLED else code


def predict(snippet: str) -> str:
    hit = classify_snippet(snippet)
    if hit is None:
        return NO_EVENT
    return sub_event_code(hit.sub_event_type) or NO_EVENT


def per_class(gold: list[str], pred: list[str]) -> dict[str, dict[str, float]]:
    labels = sorted(set(gold))
    table = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[lab] = {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    return table


def evaluate(path: Path) -> dict[str, object]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    t0 = time.perf_counter()
    pred = [predict(r["EventSnippet"]) for r in rows]
    elapsed = time.perf_counter() - t0
    gold = [gold_label(r["SubType"]) for r in rows]
    table = per_class(gold, pred)
    macro = sum(v["f1"] for v in table.values()) / len(table)
    acc = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold)
    confusions = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    event_gold = [g != NO_EVENT for g in gold]
    event_pred = [p != NO_EVENT for p in pred]
    tp = sum(1 for g, p in zip(event_gold, event_pred, strict=True) if g and p)
    det_p = tp / max(1, sum(event_pred))
    det_r = tp / max(1, sum(event_gold))
    return {
        "dataset": str(path),
        "rows": len(rows),
        "classes": len(table),
        "method": "rule-based (data/event_types.json); no training on these rows",
        "accuracy": round(acc, 4),
        "macro_f1": round(macro, 4),
        "event_detection": {"precision": round(det_p, 4), "recall": round(det_r, 4)},
        "snippets_per_second": round(len(rows) / elapsed, 1),
        "per_class": table,
        "top_confusions": [{"gold": g, "pred": p, "count": n} for (g, p), n in confusions.most_common(25)],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT, help="CASE 2021 task 2 TSV (default: dev)")
    path = ap.parse_args().path
    if not path.is_file():
        sys.exit(f"case2021: no such file: {path}")
    res = evaluate(path)
    print(f"CASE 2021 task 2 dev: {res['rows']} snippets, {res['classes']} classes")
    print(f"accuracy {res['accuracy']:.3f}  macro-F1 {res['macro_f1']:.3f}")
    det = res["event_detection"]
    assert isinstance(det, dict)
    print(f"event vs no-event: precision {det['precision']:.3f} recall {det['recall']:.3f}")
    print(f"{'class':32s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>4s}")
    table = res["per_class"]
    assert isinstance(table, dict)
    for lab, v in sorted(table.items(), key=lambda kv: kv[1]["f1"]):
        print(f"{lab:32s} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:4d}")
    print("top confusions (gold -> predicted):")
    confusions = res["top_confusions"]
    assert isinstance(confusions, list)
    for c in confusions[:15]:
        print(f"  {c['gold']:30s} -> {c['pred']:30s} {c['count']}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
