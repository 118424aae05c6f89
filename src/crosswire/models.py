"""The typed data model that flows through crosswire's stages.

A raw input (file or record) becomes one or more :class:`Story` records; the
extract stage turns a story into :class:`Event` and :class:`Claim` records; the
link and verify stages add :class:`Link`, :class:`Cluster` and
:class:`Contradiction` records and a :class:`Credibility` per story.

Every record is a frozen dataclass: a stage returns new records and never
mutates what it was given (use :func:`dataclasses.replace`). Every extracted
value carries :class:`Evidence`: the story, the sentence and the character span
it came from, so that a user can ask "why?" of any field.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import Any


class InputStatus(enum.StrEnum):
    """What happened to one input file or record."""

    OK = "ok"
    PARTIAL = "partial"  # some records of a multi-record input failed
    SKIPPED = "skipped"  # seen before with the same content hash
    FAILED = "failed"


@dataclass(frozen=True)
class Evidence:
    """Where a value came from: character offsets into ``Story.text`` (or ``Story.title``).

    ``start``/``end`` delimit the exact span (a number, a name, a verb);
    ``sentence`` is the whole sentence holding it, with its own offsets, so a
    reader sees the value in context. ``part`` names the story field the offsets
    index: ``"text"`` (the body, nearly always) or ``"title"`` (a claim of a
    headline that the body does not repeat, "Syrian opposition: 1300 killed in
    chemical attack"); a reader that marks spans in the body skips the others.
    """

    story_id: str
    start: int
    end: int
    text: str
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    part: str = "text"  # the Story field the offsets index: "text" | "title"


@dataclass(frozen=True)
class InputRecord:
    """One file (or one record of a CSV/JSONL/WARC file) seen by ingest."""

    input_id: str  # sha256 of the raw bytes (plus record key for multi-record files)
    path: str
    fmt: str
    status: InputStatus
    size_bytes: int = 0
    error_code: str | None = None
    message: str | None = None
    n_stories: int = 0
    record_key: str | None = None  # row number / WARC record id inside the file


@dataclass(frozen=True)
class RawDocument:
    """A decoded document before cleaning: what one input (or record) holds."""

    input_id: str
    path: str
    fmt: str  # html | text | csv | jsonl | warc
    text: str = ""  # plain text (for text, csv, jsonl records)
    html: str | None = None  # raw HTML (for html and WARC responses)
    url: str | None = None
    title: str | None = None
    date: str | None = None  # publication date as given by the record, if any
    outlet: str | None = None  # outlet name as given by the record, if any
    record_key: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. FA-KES gold columns


@dataclass(frozen=True)
class DateInfo:
    """A resolved date with where it came from and how sure we are."""

    value: str | None  # ISO yyyy-mm-dd (or None when unknown)
    source: str  # e.g. "header", "record", "url", "dateline", "text", "none"
    confidence: float  # 0..1
    flags: tuple[str, ...] = ()  # e.g. ("republication_stamp",)
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Story:
    """One article or teaser: clean text plus metadata.

    ``story_id`` is derived from the content hash of the clean text and the
    input it came from, so re-ingesting the same input yields the same id.
    """

    story_id: str
    input_id: str
    index: int  # position of the story inside its input (teasers of a tag page)
    title: str | None
    text: str
    content_hash: str
    outlet: str | None = None  # the outlet whose journalism this is (original)
    publisher: str | None = None  # the site that published this copy
    url: str | None = None
    published: DateInfo = DateInfo(None, "none", 0.0)
    language: str = "en"
    language_confidence: float = 1.0
    outlet_evidence: str | None = None  # why we think it is this outlet
    removed_lines: int = 0  # boilerplate lines dropped by the cleaner
    flags: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Actor:
    """A canonical actor resolved from a mention."""

    name: str  # canonical name from the actors data file
    actor_type: int | None  # ACLED inter code (1 state forces ... 8 external/other)
    side: str | None = None
    mention: str = ""
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Place:
    """An event location resolved against the gazetteer."""

    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int  # ACLED: 1 the place itself, 2 near it / part of region, 3 province only
    pcode: str | None = None
    gazetteer_id: str | None = None
    mention: str = ""
    evidence: Evidence | None = None


@dataclass(frozen=True)
class FatalityClaim:
    """One casualty figure a story reports, with who reported it."""

    low: int
    best: int
    high: int
    kind: str  # killed | injured
    source: str | None  # who says so ("Syrian Observatory for Human Rights")
    victims: str | None  # civilians | children | soldiers | fighters | people | None
    qualifier: str | None  # "at least", "about", "more than", "dozens" ...
    evidence: Evidence | None = None
    # an ACLED-convention value of a vague quantity ("dozens" = 12, "several" = 10), not a count
    vague: bool = False


@dataclass(frozen=True)
class Event:
    """One ACLED-coded event reported by one story."""

    event_id: str
    story_id: str
    event_type: str
    sub_event_type: str
    actor1: Actor | None
    actor2: Actor | None
    civilian_targeting: bool
    place: Place | None
    event_date: str | None
    time_precision: int  # ACLED: 1 day, 2 week, 3 month or coarser
    fatalities: int
    fatality_claims: tuple[FatalityClaim, ...] = ()
    trigger: str = ""
    confidence: float = 0.0
    evidence: dict[str, Evidence] = field(default_factory=dict)  # field name -> evidence
    notes: str = ""  # the sentence(s) that carry the event, ACLED-style
    cluster_id: str | None = None


@dataclass(frozen=True)
class Claim:
    """An attributed statement: who says what, about whom."""

    claim_id: str
    story_id: str
    speaker: str | None  # None when unattributed ("reports appeared")
    speaker_actor: str | None  # canonical actor of the speaker's affiliation
    reporting_verb: str | None
    quote: bool  # direct quote (True) or paraphrase (False)
    content: str
    about_actor: str | None  # the first of ``about_actors`` (kept for readers of one actor)
    claim_type: str  # accusation | denial | casualty_report | threat | announcement | assessment
    evidence: Evidence | None = None
    cluster_id: str | None = None
    # every actor the claim is about, each with the span naming it: the accused of an accusation
    # ("accused the regime and Russia of ..." -> two), else the one ``about_actor`` names
    about_actors: tuple[Actor, ...] = ()


@dataclass(frozen=True)
class Link:
    """A scored relation between two records (stories, events or claims)."""

    kind: str  # near_duplicate | same_event | same_claim
    a: str
    b: str
    score: float
    method: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Contradiction:
    """Conflicting values inside one cluster of events."""

    cluster_id: str
    kind: str  # fatalities | perpetrator | place | date
    values: tuple[dict[str, Any], ...]  # each: value, source/outlet, story_id, event_id, evidence


@dataclass(frozen=True)
class Credibility:
    """A per-story score with the reasons behind it."""

    story_id: str
    score: float
    reasons: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a story: offsets into ``Story.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A span recognised in a story: a named entity, a gazetteer place or an actor alias."""

    start: int
    end: int
    text: str
    label: str  # spaCy label (GPE, ORG, ...) or GAZ (gazetteer match) or ACTOR (actor alias)
    canonical: str | None = None  # resolved canonical name, when known


@dataclass(frozen=True)
class AnnotatedStory:
    """A story with its sentences and mentions; what extraction works from.

    ``candidates`` holds the indexes of the sentences that passed the cheap
    pre-filter (they may report an event or a claim); only those are parsed.
    """

    story: Story
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...] = ()
    candidates: tuple[int, ...] = ()
    # spaCy Docs of the candidate sentences, aligned with ``candidates`` (token offsets are
    # relative to the sentence: add ``sentences[i].start``). Not part of the record's value.
    docs: tuple[Any, ...] = field(default=(), compare=False, repr=False)


def to_dict(record: Any) -> Any:
    """A JSON-ready copy of a record (enums as values, tuples as lists)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, enum.Enum):
        return record.value
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    if isinstance(record, (list, tuple)):
        return [to_dict(v) for v in record]
    return record
