"""Event dates: absolute and relative date expressions resolved against the publication date.

News rarely gives an event's date in full: "on Sunday" is the most recent Sunday on or before
publication, "a day earlier" is relative to the date just mentioned, "in April 2014" is a month.
Precision follows ACLED's ``time_precision``: 1 the day is known, 2 the week, 3 the month or
coarser. A week or month is coded at its middle (ACLED's convention).

When the publication date is unknown, absolute dates ("16 April 2017") still resolve; relative
ones cannot and are left unresolved.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from crosswire.clean import DATELINE_WINDOW, find_date
from crosswire.errors import DataFileError
from crosswire.models import DateInfo, Evidence
from crosswire.patterns import guarded_alternation
from crosswire.settings import merged_json

_MONTH_NAMES = {
    "January": 1,
    "February": 2,
    "March": 3,
    "April": 4,
    "May": 5,
    "June": 6,
    "July": 7,
    "August": 8,
    "September": 9,
    "October": 10,
    "November": 11,
    "December": 12,
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_SMALL_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "few": 3,
    "a few": 3,
}

# Month names are matched case-sensitively: "may" the verb is not "May" the month.
_M = r"(?P<mon>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_N = r"(?P<n>\d+|" + "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True)) + r")"
_WD = r"(?P<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<day>[0-3]?\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>[0-3]?\d)[/.\-](?P<b>[01]?\d)[/.\-](?P<year>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(rf"\b{_D}\s+(?:of\s+)?{_M},?\s+{_Y}\b")),
    ("mdy", re.compile(rf"\b{_M}\s+{_D},?\s+{_Y}\b")),
    ("my", re.compile(rf"\b{_M},?\s+(?:of\s+)?{_Y}\b")),
    ("md", re.compile(rf"\b{_M}\s+{_D}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?![\d:])")),
    ("dm", re.compile(rf"\b{_D}\s+(?:of\s+)?{_M}\b(?!\.?,?\s+(?:of\s+)?(?:19|20)\d\d)")),
    ("last_wd", re.compile(rf"(?i:\b(?:last|past|previous)\s+){_WD}\b")),
    ("next_wd", re.compile(rf"(?i:\b(?:next|coming|following)\s+){_WD}\b")),
    ("wd", re.compile(rf"\b{_WD}\b")),
    ("yesterday", re.compile(r"(?i)\b(?:yesterday|last night)\b")),
    ("today", re.compile(r"(?i)\b(?:today|this morning|this afternoon|this evening|tonight)\b")),
    ("day_before", re.compile(r"(?i)\b(?:a|one|the)\s+day\s+(?:earlier|before)\b|\bthe\s+previous\s+day\b")),
    ("days_ago", re.compile(rf"(?i)\b{_N}\s+days?\s+(?:ago|earlier)\b")),
    ("weeks_ago", re.compile(rf"(?i)\b{_N}\s+weeks?\s+(?:ago|earlier)\b")),
    ("last_week", re.compile(r"(?i)\b(?:last|past|previous)\s+week\b|\bearlier\s+this\s+week\b")),
    ("months_ago", re.compile(rf"(?i)\b{_N}\s+months?\s+(?:ago|earlier)\b")),
    ("last_month", re.compile(r"(?i)\b(?:last|previous)\s+month\b|\bearlier\s+this\s+month\b")),
    ("years_ago", re.compile(rf"(?i)\b{_N}\s+years?\s+(?:ago|earlier)\b")),
    ("last_year", re.compile(r"(?i)\blast\s+year\b")),
]


def _any_date_pattern() -> re.Pattern[str]:
    """Matches where any of :data:`_PATTERNS` matches (their groups unnamed, their global case
    flags made local): a sentence it does not match has no date expression to resolve."""
    branches = []
    for _, p in _PATTERNS:
        body = re.sub(r"\(\?P<\w+>", "(?:", p.pattern)
        branches.append("(?i:" + body[4:] + ")" if body.startswith("(?i)") else body)
    return re.compile(guarded_alternation(branches))


_ANY_DATE = _any_date_pattern()


#: a day named after a future or planned action ("the meeting to be held in Gaziantep on Monday",
#: "a truce set to begin on Thursday", "talks will resume on March 23"): the coming day, not an
#: event's date, and never the past one a bare weekday or month-day would resolve to. A plan
#: ("to be held", "set to take place") may be up to eight words before its date, a bare "will"
#: up to three ("will meet in Geneva on Monday", not "will never forget what happened on Monday")
_FUTURE_BEFORE = re.compile(
    r"(?i)(?:\b(?:to\s+be\s+held|(?:set|due|scheduled|expected|planned|going|is|are)\s+to"
    r"\s+(?:be|take|begin|start|meet|hold|resume|open|close|arrive|visit|vote|convene|expire)"
    r"|scheduled\s+for|planned\s+for|due\s+on)(?:\s+[\w'-]+){0,8}?"
    r"|\b(?:will|shall)(?:\s+[\w'-]+){0,3}?)"
    r"\s+(?:on\s+|this\s+|by\s+)?$"
)
#: a month-day at most this many days after the publication date is a coming day, not the same
#: day a year before (which a later month-day is: "on October 24" in an August story)
NEAR_FUTURE_DAYS = 31
#: the date kinds a future context turns into "no event date" (a full date with its year or a
#: "last ..." is unambiguous, and a "next ..." already is no event date)
_FUTURE_KINDS = frozenset({"wd", "md", "dm"})

#: "since March 2011", "since a truce collapsed on September 19": the date marks when something
#: ongoing began (or a reference event in a "since" clause), not the event the sentence reports
_SINCE = re.compile(
    r"\b(?:since|ever since|until|till)\s+(?:(?:the\s+)?(?:early|late|mid|end of|start of)\s+)?$"
    r"|\bsince\s+(?:(?:the|a|an|its|their|his|her)\s+[\w'-]+|it|they|he|she)"
    r"(?:\s+[\w'-]+){0,5}?\s+(?:on|in)\s+$",
    re.I,
)


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    text: str
    iso: str | None
    precision: int
    relative: bool  # needs the publication date (or the previous date) to resolve


def _n(value: str) -> int:
    return int(value) if value.isdigit() else _SMALL_NUMBERS.get(value.lower(), 1)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _parse_pub(published: DateInfo | str | None) -> dt.date | None:
    value = published.value if isinstance(published, DateInfo) else published
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _shift_months(d: dt.date, months: int, day: int | None = None) -> dt.date:
    total = d.year * 12 + d.month - 1 - months
    y, m = divmod(total, 12)
    return dt.date(y, m + 1, day or min(d.day, 28))


def find_dates(sentence: str, published: DateInfo | str | None = None) -> list[DateMatch]:
    """Every date expression in ``sentence``, resolved where the publication date allows."""
    pub = _parse_pub(published)
    return list(_find_dates(sentence, pub))


@functools.lru_cache(maxsize=8192)
def _find_dates(sentence: str, pub: dt.date | None) -> tuple[DateMatch, ...]:
    # cached: extraction asks about the same sentence for its own date and for continuations
    if not _ANY_DATE.search(sentence):
        return ()
    taken: list[tuple[int, int]] = []
    out: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(kind, m, pub)
            if resolved is None:
                continue
            if kind in _FUTURE_KINDS and _FUTURE_BEFORE.search(sentence, max(0, m.start() - 120), m.start()):
                resolved = (None, 1, True)
            date, precision, relative = resolved
            taken.append((m.start(), m.end()))
            out.append(
                DateMatch(
                    m.start(), m.end(), m.group(), date.isoformat() if date else None, precision, relative
                )
            )
    out.sort(key=lambda d: d.start)
    # "a day earlier" is relative to the date just mentioned, when there is one
    fixed: list[DateMatch] = []
    for d in out:
        if d.text.lower().startswith(("a day", "one day", "the day", "the previous")):
            prev = next((p for p in reversed(fixed) if p.iso), None)
            base = dt.date.fromisoformat(prev.iso) if prev and prev.iso else pub
            d = DateMatch(
                d.start, d.end, d.text, (base - dt.timedelta(days=1)).isoformat() if base else None, 1, True
            )
        fixed.append(d)
    return tuple(fixed)


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, int, bool] | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe(int(g["year"]), int(g["m"]), int(g["day"]))
        return (d, 1, False) if d else None
    if kind == "numeric":  # day first (the usual order outside the US) unless impossible
        a, b, y = int(g["a"]), int(g["b"]), int(g["year"])
        d = _safe(y, b, a) if b <= 12 else _safe(y, a, b)
        return (d, 1, False) if d else None
    if kind in {"dmy", "mdy"}:
        d = _safe(int(g["year"]), _MONTH_NAMES[g["mon"]], int(g["day"]))
        return (d, 1, False) if d else None
    if kind == "my":
        return dt.date(int(g["year"]), _MONTH_NAMES[g["mon"]], 15), 3, False
    if kind in {"md", "dm"}:
        if pub is None:
            return None, 1, True
        month, day = _MONTH_NAMES[g["mon"]], int(g["day"])
        d = _safe(pub.year, month, day)
        if d is None:
            return None
        if d > pub and (d - pub).days <= NEAR_FUTURE_DAYS:
            return None, 1, True  # "on September 25" in a story of September 17: days ahead
        if d > pub:  # "on August 24" in a story of February: last year's August
            d = _safe(pub.year - 1, month, day)
        return (d, 1, True) if d else None
    if kind == "next_wd":  # a future day is no event date, but must not read as the past one
        return None, 1, True
    if kind in {"wd", "last_wd"}:
        if pub is None:
            return None, 1, True
        back = (pub.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        if kind == "last_wd" and back == 0:
            back = 7
        return pub - dt.timedelta(days=back), 1, True
    if pub is None:
        return None, 1, True
    if kind == "yesterday":
        return pub - dt.timedelta(days=1), 1, True
    if kind == "today":
        return pub, 1, True
    if kind == "day_before":
        return pub - dt.timedelta(days=1), 1, True
    if kind == "days_ago":
        return pub - dt.timedelta(days=_n(g["n"])), 1, True
    if kind == "weeks_ago":
        return pub - dt.timedelta(days=7 * _n(g["n"])), 2, True
    if kind == "last_week":
        return (
            pub - dt.timedelta(days=7 if m.group().lower().startswith(("last", "past", "prev")) else 2),
            2,
            True,
        )
    if kind == "months_ago":
        return _shift_months(pub, _n(g["n"]), 15), 3, True
    if kind == "last_month":
        return _shift_months(pub, 1 if not m.group().lower().startswith("earlier") else 0, 15), 3, True
    if kind == "years_ago":
        return _shift_months(pub, 12 * _n(g["n"])), 3, True
    if kind == "last_year":
        return dt.date(pub.year - 1, 7, 1), 3, True
    return None


def resolve_event_date(
    sentence: str,
    sentence_start: int,
    published: DateInfo,
    story_id: str,
    story_text: str,
    anchor: int | None = None,
) -> tuple[str | None, int, Evidence | None]:
    """The date of the event a sentence reports: (ISO date or None, time_precision, evidence).

    ``anchor`` (an offset into the story, usually the event trigger) picks among several date
    expressions the one nearest the trigger, preferring those in the same clause. Returns
    ``(None, 3, None)`` when the sentence holds no date that resolves.
    """
    found = event_dates(sentence, sentence_start, published)
    if not found:
        return None, 3, None
    if anchor is not None and len(found) > 1:
        rel = anchor - sentence_start
        best = min(found, key=lambda d: min(abs(d.start - rel), abs(d.end - rel)))
    else:
        best = found[0]
    ev = Evidence(
        story_id=story_id,
        start=sentence_start + best.start,
        end=sentence_start + best.end,
        text=story_text[sentence_start + best.start : sentence_start + best.end] or best.text,
        sentence=sentence,
        sentence_start=sentence_start,
        sentence_end=sentence_start + len(sentence),
    )
    return best.iso, best.precision, ev


def event_dates(sentence: str, sentence_start: int, published: DateInfo) -> list[DateMatch]:
    """The resolved date expressions of a sentence that may date an event it reports.

    "since March 2011" dates the start of something ongoing, not an event; the story's dateline
    ("AFP Wednesday 22 Jun 2016 Air strikes ...") dates the report, not the event it reports.
    """
    stamp = _dateline_span(published, sentence_start, len(sentence))
    return [
        d
        for d in find_dates(sentence, published)
        if d.iso and not _SINCE.search(sentence[: d.start]) and not _in_stamp(sentence, d, stamp)
    ]


def _dateline_span(published: DateInfo, sentence_start: int, length: int) -> tuple[int, int] | None:
    """Where the publication date read from the story's dateline lies in a sentence, if it does."""
    ev = published.evidence if published.source == "dateline" else None
    if ev is None or ev.end <= sentence_start or ev.start >= sentence_start + length:
        return None
    return ev.start - sentence_start, ev.end - sentence_start


def _in_stamp(sentence: str, d: DateMatch, stamp: tuple[int, int] | None) -> bool:
    """Is a date expression the dateline itself, or a weekday written beside it ("Wednesday 22 Jun")?"""
    if stamp is None:
        return False
    s, e = stamp
    if d.start < e and s < d.end:
        return True
    gap = sentence[d.end : s] if d.end <= s else sentence[e : d.start]
    return len(gap) <= 3 and not gap.strip(" ,")


def dateline_date(text: str, story_id: str = "", window: int = DATELINE_WINDOW) -> DateInfo:
    """A full date at the head of a story ("Sun 16 Apr 2017 ...", "Published June 3 2016").

    Used as the publication date when the record and the page carried none. Read by the
    cleaner's own dateline parser (:func:`crosswire.clean.find_date`), so a story's dateline means
    the same date whichever stage reads it.
    """
    head = text[:window]
    found = find_date(head)
    if found is None:
        return DateInfo(None, "none", 0.0)
    day, start, end = found
    ev = Evidence(story_id, start, end, head[start:end], head, 0, len(head))
    return DateInfo(day.isoformat(), "dateline", 0.6, evidence=ev)


def publication_date(published: DateInfo, text: str, story_id: str = "") -> DateInfo:
    """The story's publication date, falling back to a dateline at the head of its text.

    A date the cleaner flagged as a republication stamp or as contradicted by the text is not
    the publication date: resolving "on Friday" against it would invent a date.
    """
    if published.value and not set(published.flags) & UNRELIABLE_FLAGS:
        return published
    return dateline_date(text, story_id)


@functools.cache
def _topic_shift() -> re.Pattern[str]:
    """The cue group ``topic_shift`` of ``data/date_cues.json`` as one pattern (case-sensitive:
    "Meanwhile" opens a sentence or a glued subhead, "meanwhile" inside a clause does not)."""
    try:
        cues = sorted((str(c) for c in merged_json("date_cues.json")["topic_shift"]), key=len, reverse=True)
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"date_cues.json: {exc}", "CW303") from exc
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b")


def opens_new_topic(sentence: str) -> bool:
    """Does a sentence turn to another incident ("Meanwhile ...", "In another development ...",
    "Elsewhere ...")? An undated event it tells does not continue the dated event told before
    it, so it must not take that event's date (ACLED dates an event by what the text says of
    that event)."""
    return bool(_topic_shift().search(sentence))


@functools.cache
def _incident_recap() -> re.Pattern[str]:
    """The cue group ``incident_recap`` of ``data/date_cues.json``: one pattern."""
    try:
        return re.compile(str(merged_json("date_cues.json")["incident_recap"]), re.I)
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"date_cues.json: {exc}", "CW303") from exc


def recaps_incident(sentence: str) -> bool:
    """Does a sentence tell when the incident just told happened ("The incident occurred on
    April 11.", "The attack took place at dawn on Tuesday")? It reports no event of its own, but
    its date is that incident's, for the undated sentences that go on about it."""
    return bool(_incident_recap().search(sentence))


#: DateInfo flags (set by clean.py) that make a publication date unusable for relative dates
UNRELIABLE_FLAGS = frozenset({"republication_stamp", "contradicted_by_text"})
