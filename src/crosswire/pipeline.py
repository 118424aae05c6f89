"""The pipeline: ingest -> clean -> store -> annotate/extract -> link -> verify.

``run`` is what ``crosswire run`` calls; ``extract_batch`` is what
``crosswire extract`` calls. Both are plain library functions: the CLI only
parses arguments and formats the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from crosswire import clean, ingest
from crosswire.errors import CrosswireError
from crosswire.models import InputRecord, InputStatus, RawDocument, Story
from crosswire.settings import DEFAULT, Settings
from crosswire.store import Store

ProgressHook = Callable[[str], None]


@dataclass
class RunSummary:
    inputs_seen: int = 0
    inputs_ok: int = 0
    inputs_skipped: int = 0
    inputs_failed: int = 0
    stories_new: int = 0
    events: int = 0
    claims: int = 0
    failures: list[InputRecord] = field(default_factory=list)
    stage_errors: list[str] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.inputs_failed == 0 and not self.stage_errors


def stories_from_documents(
    record: InputRecord, docs: Sequence[RawDocument], settings: Settings = DEFAULT
) -> tuple[InputRecord, list[Story]]:
    """Clean every document of one input into stories; failures are recorded, not raised."""
    stories: list[Story] = []
    errors: list[str] = []
    for doc in docs:
        try:
            stories.extend(clean.make_stories(doc, settings))
        except CrosswireError as exc:
            errors.append(f"{doc.record_key or doc.path}: {exc}")
    status = record.status
    message = record.message
    if docs and not stories:
        status = InputStatus.FAILED
        message = "; ".join(errors[:5]) or "[CW111] no story text left after cleaning"
        code = record.error_code or (errors[0][errors[0].find("[") + 1 : errors[0].find("]")] if errors else "CW111")
        return replace(record, status=status, message=message, error_code=code, n_stories=0), []
    if errors:
        status = InputStatus.PARTIAL
        message = "; ".join(([message] if message else []) + errors[:5])
    return replace(record, status=status, message=message, n_stories=len(stories)), stories


def run(
    paths: Sequence[str],
    db_path: str,
    settings: Settings = DEFAULT,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
) -> RunSummary:
    """Ingest ``paths`` into the database at ``db_path`` and run every stage.

    Idempotent: an input whose content hash was already stored successfully is
    skipped; derived records are replaced, never duplicated.
    """
    summary = RunSummary()
    new_story_ids: list[str] = []
    with Store(db_path) as store:
        files = ingest.expand_paths(paths)
        iterator: Iterable[Any] = ingest.iter_documents(files, settings, already_done=store.input_status)
        if progress is not None:
            iterator = progress(iterator, len(files))
        for record, docs in iterator:
            summary.inputs_seen += 1
            if record.status is InputStatus.SKIPPED:
                summary.inputs_skipped += 1
                continue
            if record.status is InputStatus.FAILED:
                store.write_input(record)
                summary.inputs_failed += 1
                summary.failures.append(record)
                continue
            record, stories = stories_from_documents(record, docs, settings)
            store.write_input(record, stories)
            if record.status is InputStatus.FAILED:
                summary.inputs_failed += 1
                summary.failures.append(record)
                continue
            if record.status is InputStatus.PARTIAL:
                summary.failures.append(record)
            summary.inputs_ok += 1
            summary.stories_new += len(stories)
            new_story_ids.extend(s.story_id for s in stories)
        _run_derived_stages(store, new_story_ids, settings, summary)
        summary.totals = store.counts()
    return summary


def _run_derived_stages(store: Store, new_story_ids: list[str], settings: Settings, summary: RunSummary) -> None:
    """Extraction for new stories, then corpus-level linking and verification.

    Each stage is imported lazily so that ingestion works (and is testable) on
    its own; a stage that fails is reported in the summary, never silently.
    """
    from crosswire import link

    try:
        link.update(store, settings)
    except CrosswireError as exc:
        summary.stage_errors.append(str(exc))
