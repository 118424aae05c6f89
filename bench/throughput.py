"""Ingestion throughput: files -> cleaned stories, stories per second and peak memory.

Measures the ingest + clean stages exactly as ``crosswire run`` performs them
(``ingest.iter_documents`` then ``pipeline.stories_from_documents``), without writing to a
database and without the derived stages, on:

* ``../shared/eval/fakes/fakes_dev.csv`` (413 FA-KES records in one CSV file), and
* ``samples/`` (the five seed pages), repeated ``--repeat`` times for a stable figure.

Peak memory is the tracemalloc peak of Python allocations during the pass (run separately
from the timed pass, since tracing slows Python down) and the process's max RSS.

Usage: python bench/throughput.py [--repeat N]
       python bench/throughput.py --extraction [--repeat N]   (the extraction-speed section, see
       extraction_main; N alternating passes of each side, default 3)
Prints the figures and writes bench/results/throughput.json (the "ingestion" section; other
sections of that file are kept).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from crosswire import ingest
from crosswire.pipeline import stories_from_documents
from crosswire.settings import DEFAULT

ROOT = Path(__file__).resolve().parent.parent
FAKES = ROOT.parent / "shared" / "eval" / "fakes" / "fakes_dev.csv"
SAMPLES = ROOT / "samples"
OUT = ROOT / "bench" / "results" / "throughput.json"


def _pass(paths: list[str]) -> tuple[int, int, int]:
    files = ingest.expand_paths(paths)
    inputs = stories = failed = 0
    for record, docs in ingest.iter_documents(files, DEFAULT, already_done=lambda _id: None):
        inputs += 1
        record, out = stories_from_documents(record, docs, DEFAULT)
        stories += len(out)
        failed += record.status.value == "failed"
    return inputs, stories, failed


def measure(name: str, paths: list[str], repeat: int) -> dict[str, Any]:
    _pass(paths)  # warm-up: data files, language model, trafilatura imports
    t0 = time.perf_counter()
    totals = (0, 0, 0)
    for _ in range(repeat):
        r = _pass(paths)
        totals = (totals[0] + r[0], totals[1] + r[1], totals[2] + r[2])
    elapsed = time.perf_counter() - t0
    tracemalloc.start()
    _pass(paths)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    bytes_in = sum(Path(f).stat().st_size for f in ingest.expand_paths(paths)) * repeat
    return {
        "corpus": name,
        "passes": repeat,
        "inputs": totals[0],
        "stories": totals[1],
        "failed_inputs": totals[2],
        "seconds": round(elapsed, 3),
        "stories_per_second": round(totals[1] / elapsed, 1),
        "mb_per_second": round(bytes_in / elapsed / 1e6, 3),
        "tracemalloc_peak_mb": round(peak / 1e6, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    results = [
        measure("fakes_dev.csv (413 FA-KES records)", [str(FAKES)], args.repeat),
        measure("samples/ (5 seed pages)", [str(SAMPLES)], args.repeat * 20),
    ]
    ingestion = {
        "stage": "ingest + clean (no database, no extraction)",
        "results": results,
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(ingestion, indent=2))
    data: dict[str, Any] = {}
    if OUT.exists():
        try:
            data = json.loads(OUT.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            data = {}
    data["ingestion"] = ingestion
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


# --- extraction speed (owned by the extraction stage) -------------------------------------------


def extraction_main() -> int:
    """``--extraction``: stories/s of annotate + extract on FA-KES dev, and the ratio to one plain
    pass of spaCy's full pipeline over the same texts; sentences parsed vs total (the candidate
    filter) and why each was parsed. Writes the "extraction" section of
    bench/results/throughput.json.

    Exactly what is compared is in ``fakes_events.extraction_speed``: one single-process
    ``nlp.pipe`` over the whole story texts with every component enabled, against
    ``extract_stories`` (sentences, the filter, the full pipeline over the sentences that need a
    parse, and all of extraction) with its caches emptied; alternated, fastest pass of each.
    The extraction is faster only because it parses fewer sentences and does less work per
    sentence, never because the comparison differs.
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from fakes_events import extraction_speed

    ap = argparse.ArgumentParser(description="extraction speed on FA-KES dev")
    ap.add_argument("--extraction", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="alternating passes of each side (fastest kept)")
    args = ap.parse_args()
    section = extraction_speed(FAKES, repeat=args.repeat)
    print(json.dumps(section, indent=2))
    data: dict[str, Any] = {}
    if OUT.exists():
        try:
            data = json.loads(OUT.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            data = {}
    data["extraction"] = section
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__" and "--extraction" in sys.argv:
    sys.exit(extraction_main())
elif __name__ == "__main__":
    sys.exit(main())
