"""Helpers shared by the benches scored against sentences a person judged (no gold exists).

A judged file is JSON lines, one row per sentence, keyed by :func:`sentence_key`; a bench draws
a fixed-seed sample into it (:func:`fixed_sample`), a person fills in the judgement, and the
bench scores later runs against those rows. Speaker phrases are compared loosely
(:func:`norm_speaker`) against a judged value or a list of acceptable ones (:func:`one_of`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def sentence_key(row: int, sentence: str) -> str:
    """One judged sentence of one dataset row (a sentence a story repeats is judged once)."""
    return f"{row}:{hashlib.sha1(sentence.encode('utf-8')).hexdigest()[:12]}"


def read_rows(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def cached_run(path: Path | None, collect: Callable[[], T]) -> T:
    """The extraction run a bench scores: read from ``path`` when it exists, else ``collect()``
    (and saved to ``path`` when one is given), so that drawing and scoring can share one run."""
    if path and path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    run = collect()
    if path:
        path.write_text(json.dumps(run), encoding="utf-8")
    return run


def fixed_sample(pool: Sequence[T], n: int, seed: int) -> list[T]:
    """``n`` items of ``pool`` (all when fewer), the same for the same seed and pool order."""
    return random.Random(seed).sample(list(pool), min(n, len(pool)))


def norm_speaker(s: str | None) -> str | None:
    """A speaker phrase compared loosely: case, a leading article, spacing, '(statement)'."""
    if s is None:
        return None
    s = s.lower().replace("(statement)", "").strip()
    for art in ("the ", "a ", "an "):
        if s.startswith(art):
            s = s[len(art) :]
    return " ".join(s.split()) or None


def one_of(got: Any, want: Any, norm: Callable[[Any], Any] | None = None) -> bool:
    """``want`` is the judged value or a list of acceptable ones (``null`` included)."""
    wants = want if isinstance(want, list) else [want]
    f = norm or (lambda x: x)
    return f(got) in {f(w) for w in wants}


def verdict_precision(
    rows: Sequence[dict[str, Any]], is_copy: Callable[[dict[str, Any]], bool], count_key: str
) -> dict[str, Any]:
    """same / (same + different) over the rows judged "same" or "different" (a link sample of
    events or of claims), and the same over the rows that are not copies of one text
    (``is_copy``: trivially the same, so the harder figure is on the rest); ``count_key`` names
    the count of all rows ("links", "pairs")."""
    judged = [r for r in rows if r.get("verdict") in ("same", "different")]
    same = sum(1 for r in judged if r["verdict"] == "same")
    other = [r for r in judged if not is_copy(r)]
    other_same = sum(1 for r in other if r["verdict"] == "same")
    return {
        count_key: len(rows),
        "judged": len(judged),
        "unsure_or_unjudged": len(rows) - len(judged),
        "same": same,
        "different": len(judged) - same,
        "precision": round(same / len(judged), 3) if judged else None,
        "judged_not_near_duplicate": len(other),
        "precision_not_near_duplicate": round(other_same / len(other), 3) if other else None,
    }


def save_result(path: Path, key: str, result: dict[str, Any]) -> None:
    """Keep one entry per set and label in the bench's results file."""
    saved: dict[str, Any] = {}
    if path.exists():
        saved = json.loads(path.read_text(encoding="utf-8"))
    saved[key] = result
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")


def judged_bench_args(
    doc: str | None, default_csv: Path, default_seed: int, n: int, what: str, cache: str
) -> argparse.ArgumentParser:
    """The command line every judged-sample bench shares: score a seed, or draw one to judge."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", type=Path, default=default_csv)
    ap.add_argument("--sample", action="store_true", help=f"draw {what} to judge (appends rows)")
    ap.add_argument("--exclude-judged", action="store_true", help="draw only from unjudged sentences")
    ap.add_argument("--n", type=int, default=n)
    ap.add_argument("--seed", type=int, default=default_seed, help="the sample set to draw or score")
    ap.add_argument("--errors", action="store_true", help="also print each wrong field")
    ap.add_argument(f"--{cache}", type=Path, help="cache of the run's extraction (JSON) to reuse or write")
    ap.add_argument("--label", default="current", help="name of this run in the results file")
    return ap
