"""Every bundled data file is cited in NOTICE (the brief: cite sources of bundled data)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "crosswire" / "data"


def test_every_bundled_data_file_has_a_notice_entry() -> None:
    lines = (ROOT / "NOTICE").read_text(encoding="utf-8").splitlines()
    headings = {line[3:].strip() for line in lines if line.startswith("## ")}
    files = [p for p in DATA.rglob("*") if p.is_file() and p.suffix in {".csv", ".json", ".txt", ".tsv"}]
    assert files
    missing = [str(p.relative_to(ROOT)) for p in files if str(p.relative_to(ROOT)) not in headings]
    assert missing == []
