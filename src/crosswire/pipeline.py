"""The pipeline: ingest -> clean -> store -> annotate/extract -> link -> verify.

``run`` is what ``crosswire run`` calls; ``extract_batch`` is what
``crosswire extract`` calls. Both are plain library functions: the CLI only
parses arguments and formats the summary.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from crosswire import clean, ingest
from crosswire.errors import CrosswireError
from crosswire.models import Claim, DateInfo, Event, InputRecord, InputStatus, RawDocument, Story
from crosswire.settings import DEFAULT, Settings, data_dir, user_data_dirs
from crosswire.store import Store

ProgressHook = Callable[[str], None]


@dataclass
class RunSummary:
    inputs_seen: int = 0
    inputs_ok: int = 0
    inputs_skipped: int = 0
    inputs_failed: int = 0
    stories_new: int = 0
    stories_reextracted: int = 0  # stored stories extracted again: the extraction knowledge changed
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


#: the meta key under which a database records the fingerprint of the extraction that filled it
FINGERPRINT_KEY = "extraction_fingerprint"
#: the modules whose code decides what extraction stores (their source is part of the fingerprint)
_EXTRACTION_MODULES = ("annotate.py", "geocode.py", "extract")


def extraction_fingerprint(settings: Settings = DEFAULT) -> str:
    """A hash of everything extraction's output depends on besides the text.

    crosswire's version, the spaCy model, the source of the extraction stages and every data
    file (bundled and the user's ``CROSSWIRE_DATA`` folders): edit an actors or gazetteer file,
    or upgrade crosswire, and the fingerprint changes, so ``run`` extracts the stored stories
    again instead of keeping records made with the old knowledge.
    """
    from crosswire import __version__

    h = hashlib.sha256(f"{__version__}\0{settings.spacy_model}\0".encode())
    package = Path(__file__).resolve().parent
    files: list[Path] = []
    for name in _EXTRACTION_MODULES:
        p = package / name
        files.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
    for base in [data_dir(), *user_data_dirs()]:
        if base.is_dir():
            files.extend(sorted(f for f in base.rglob("*") if f.is_file()))
    for f in files:
        try:
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
        except OSError:
            h.update(f"{f}: unreadable".encode())
    return h.hexdigest()[:24]


def run(
    paths: Sequence[str],
    db_path: str,
    settings: Settings = DEFAULT,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
    reextract: bool = False,
) -> RunSummary:
    """Ingest ``paths`` into the database at ``db_path`` and run every stage.

    Idempotent: an input whose content hash was already stored successfully is
    skipped; derived records are replaced, never duplicated. Stored stories are
    extracted again when :func:`extraction_fingerprint` differs from the one the
    database recorded (new data files or a new crosswire), or when ``reextract``.
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
        fingerprint = extraction_fingerprint(settings)
        recorded = store.get_meta(FINGERPRINT_KEY)
        fresh = set(new_story_ids)
        if reextract or (recorded is not None and recorded != fingerprint) or (
            recorded is None and store.counts().get("stories", 0) > len(fresh)
        ):
            # stories stored by an earlier run were extracted with other knowledge (or by a
            # crosswire that recorded none): extract them again with the current one
            old = [r["story_id"] for r in store.query("SELECT story_id FROM stories ORDER BY story_id")]
            again = [sid for sid in old if sid not in fresh]
            summary.stories_reextracted = len(again)
            new_story_ids.extend(again)
        _run_derived_stages(store, new_story_ids, settings, summary)
        if not any("CW301" in e for e in summary.stage_errors):  # no model: nothing was extracted
            store.set_meta(FINGERPRINT_KEY, fingerprint)
        summary.totals = store.counts()
    return summary


def _run_derived_stages(store: Store, new_story_ids: list[str], settings: Settings, summary: RunSummary) -> None:
    """Extraction for new stories, then corpus-level linking and verification.

    Each stage is imported lazily so that ingestion works (and is testable) on
    its own; a stage that fails is reported in the summary, never silently.
    """
    from crosswire import link

    try:
        _extract_new(store, new_story_ids, settings, summary)
    except CrosswireError as exc:  # e.g. the NLP model cannot be loaded (CW301)
        summary.stage_errors.append(str(exc))
    try:
        link.update(store, settings)
    except CrosswireError as exc:
        summary.stage_errors.append(str(exc))


#: stories annotated together (one nlp.pipe over their candidate sentences)
EXTRACT_CHUNK = 200


def story_from_row(row: dict[str, Any]) -> Story:
    """Rebuild a :class:`Story` from its row in the ``stories`` table."""
    def _j(value: Any, default: Any) -> Any:
        if value is None:
            return default
        return json.loads(value) if isinstance(value, str) else value

    published = row.get("published")
    return Story(
        story_id=row["story_id"],
        input_id=row["input_id"],
        index=int(row.get("idx") or 0),
        title=row.get("title"),
        text=row.get("text") or "",
        content_hash=row.get("content_hash") or "",
        outlet=row.get("outlet"),
        publisher=row.get("publisher"),
        url=row.get("url"),
        published=DateInfo(
            None if published is None else str(getattr(published, "isoformat", lambda: published)()),
            row.get("date_source") or "none",
            float(row.get("date_confidence") or 0.0),
            tuple(_j(row.get("date_flags"), [])),
        ),
        language=row.get("language") or "en",
        language_confidence=float(row.get("language_confidence") or 1.0),
        outlet_evidence=row.get("outlet_evidence"),
        removed_lines=int(row.get("removed_lines") or 0),
        flags=tuple(_j(row.get("flags"), [])),
        extra=_j(row.get("extra"), {}),
    )


def _extract_new(store: Store, story_ids: Sequence[str], settings: Settings, summary: RunSummary) -> None:
    """Annotate and extract the new stories, replacing what extraction stored for each before."""
    from crosswire.extract import extract_stories

    for k in range(0, len(story_ids), EXTRACT_CHUNK):
        ids = list(story_ids[k : k + EXTRACT_CHUNK])
        marks = ", ".join("?" for _ in ids)
        rows = store.stories(f"WHERE story_id IN ({marks})", ids)
        stories = [story_from_row(r) for r in rows if r.get("language", "en") in (None, "en")]
        for story_id, events, claims, error in extract_stories(stories):
            if error is not None:
                summary.stage_errors.append(f"{story_id}: {error}")
                continue
            store.replace_story_extractions(story_id, events, claims)
            summary.events += len(events)
            summary.claims += len(claims)


def extract_batch(
    lines: Iterable[str], settings: Settings = DEFAULT, chunk: int = EXTRACT_CHUNK
) -> Iterator[dict[str, Any]]:
    """``crosswire extract``: one JSON line in ({"id", "text" or "html", ...}) -> one output dict.

    Each output is ``{"id", "articles", "events", "claims"}`` (plus ``"error"`` when the line
    could not be used) with the same field names as the JSONL export. Each article carries its
    ``credibility`` ({"score", "reasons"}) computed against the other records of the same input (a
    batch is a corpus), so the outputs are written once the whole input has been read. Lines are cleaned by
    ``clean.make_stories`` exactly like ingested files, and extracted in chunks so the model is
    loaded once and run over many stories at a time.
    """
    from crosswire import export, verify
    from crosswire.extract import extract_stories

    pending: list[tuple[str, list[Story], str | None]] = []
    # credibility compares each story with the others of the same input: outputs wait for the end
    done: list[dict[str, Any]] = []
    batch: tuple[list[Story], list[Event], list[Claim]] = ([], [], [])

    def flush() -> None:
        stories = [s for _, ss, _ in pending for s in ss]
        results = {sid: (ev, cl, err) for sid, ev, cl, err in extract_stories(stories)} if stories else {}
        for rid, ss, err in pending:
            out: dict[str, Any] = {
                "id": rid,
                "articles": [export.article_row(s) for s in ss],
                "events": [],
                "claims": [],
            }
            errors = [err] if err else []
            for s in ss:
                ev, cl, e = results.get(s.story_id, ([], [], None))
                out["events"].extend(export.event_row(x, s.outlet or s.publisher) for x in ev)
                out["claims"].extend(export.claim_row(x) for x in cl)
                if e:
                    errors.append(e)
                else:
                    batch[0].append(s)
                    batch[1].extend(ev)
                    batch[2].extend(cl)
            if errors:
                out["error"] = "; ".join(errors)
            done.append(out)
        pending.clear()

    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        rid, stories, err = _stories_from_line(line, n, settings)
        pending.append((rid, stories, err))
        if len(pending) >= chunk:
            flush()
    flush()
    failure = None
    try:
        scores = verify.score_batch(*batch, settings=settings) if batch[0] else {}
    except (CrosswireError, ValueError, KeyError, TypeError) as exc:
        scores, failure = {}, f"[CW402] credibility scoring failed: {exc}"
    for out in done:
        if failure and out["articles"]:
            out["error"] = "; ".join(x for x in (out.get("error"), failure) if x)
        for article in out["articles"]:
            cred = scores.get(article["story_id"])
            if cred is not None:
                article["credibility_score"] = cred.score
                article["credibility"] = {"score": cred.score, "reasons": list(cred.reasons)}
        yield out


def _stories_from_line(line: str, n: int, settings: Settings) -> tuple[str, list[Story], str | None]:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"line {n}", [], f"[CW108] line {n}: malformed JSON: {exc.msg}"
    if not isinstance(rec, dict):
        return f"line {n}", [], f"[CW108] line {n}: not a JSON object"
    rid = str(rec.get("id") or f"line {n}")
    text, html = rec.get("text"), rec.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return rid, [], f"[CW107] {rid}: no \"text\" or \"html\" field"
    raw = json.dumps(rec, sort_keys=True, ensure_ascii=False).encode("utf-8")
    doc = RawDocument(
        input_id=hashlib.sha256(raw).hexdigest(),
        path=f"<stdin>:{n}",
        fmt="html" if isinstance(html, str) and not isinstance(text, str) else "jsonl",
        text=text if isinstance(text, str) else "",
        html=html if isinstance(html, str) else None,
        url=rec.get("url"),
        title=rec.get("title"),
        date=rec.get("date"),
        outlet=rec.get("outlet"),
        record_key=rid,
    )
    try:
        return rid, list(clean.make_stories(doc, settings)), None
    except CrosswireError as exc:
        return rid, [], str(exc)
