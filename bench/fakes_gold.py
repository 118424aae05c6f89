"""FA-KES dev without its gold columns: build the run, join the gold back by ``unit_id``.

FA-KES's ``date`` column is the *event* date. Given to the pipeline it becomes every story's
publication date and anchors relative dates ("on Sunday") on the answer, and ``location`` and
``labels`` are answers too. Benches that judge crosswire on FA-KES therefore run it on a copy of
the CSV without those columns and look the gold up afterwards by the story's ``unit_id`` (kept in
``Story.extra``), which no stage uses.
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path
from typing import Any

DEFAULT_CSV = Path("/work/shared/eval/fakes/fakes_dev.csv")
GOLD_COLUMNS = ("date", "location", "labels")


def strip_gold(csv_path: Path, out: Path) -> None:
    """A copy of the FA-KES CSV without its gold columns (the text, outlet and unit_id stay)."""
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    cols = [c for c in rows[0] if c not in GOLD_COLUMNS]
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({c: r[c] for c in cols})


def build_db(csv_path: Path, db: Path) -> None:
    """Run the whole pipeline over the gold-free copy of ``csv_path`` into ``db``."""
    from crosswire import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        stripped = Path(tmp) / csv_path.name
        strip_gold(csv_path, stripped)
        pipeline.run([str(stripped)], str(db))


def check_gold_free(db: Path, stories: dict[str, dict[str, Any]]) -> None:
    """Stop when ``db`` was built from the CSV with its gold columns (dates read from ``date``)."""
    if any((s.get("published") or {}).get("source") == "record" for s in stories.values()):
        raise SystemExit(
            f"{db}: stories take their publication date from a record column (FA-KES's gold"
            " 'date'); rebuild it without the gold columns: delete it and run this script again"
        )


def story_extra(story: dict[str, Any]) -> dict[str, Any]:
    extra = story.get("extra") or {}
    return json.loads(extra) if isinstance(extra, str) else dict(extra)


def gold_by_story(csv_path: Path, stories: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """story_id -> the FA-KES row (with its gold columns) of the story's ``unit_id``."""
    with csv_path.open(encoding="utf-8", newline="") as fh:
        gold = {r["unit_id"]: r for r in csv.DictReader(fh)}
    out: dict[str, dict[str, str]] = {}
    for sid, s in stories.items():
        row = gold.get(str(story_extra(s).get("unit_id")))
        if row is not None:
            out[sid] = row
    return out
