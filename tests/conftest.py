"""Shared fixtures: the real seed pages, one real pipeline run over them per session.

Other modules' tests may add fixtures here; keep each one cheap or session-scoped (spaCy and
the seed run are loaded once per session).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crosswire import pipeline
from crosswire.pipeline import RunSummary

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@dataclass(frozen=True)
class SeedRun:
    db: Path
    first: RunSummary
    second: RunSummary


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> SeedRun:
    """The whole pipeline run twice over samples/ into a fresh database (the demo, for real)."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    first = pipeline.run([str(SAMPLES)], str(db))
    second = pipeline.run([str(SAMPLES)], str(db))
    return SeedRun(db, first, second)


@pytest.fixture()
def ingest_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``pipeline.run`` without the derived stages (extraction, linking).

    Ingestion tests are about inputs, records and stories; extraction is tested on its own,
    and skipping it keeps these tests fast on a shared machine.
    """
    monkeypatch.setattr(pipeline, "_run_derived_stages", lambda *args, **kwargs: None)
    yield
