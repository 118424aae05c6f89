"""Cleaning: a raw document becomes one or more stories with clean text and metadata.

Two paths lead to the same line cleaner:

* HTML (files, WARC responses, an ``html`` column) goes through trafilatura, which drops
  navigation, comments and related-link blocks and gives title/date/site metadata;
* plain text (scraped pages saved as text, CSV/JSONL records) keeps its page chrome, so
  :func:`clean_lines` classifies every line with general features (length, terminal
  punctuation, capitalised-word ratio, bullets, position relative to the article body,
  runs of headline-like lines, comma-separated tag clouds) and the boilerplate patterns of
  ``data/boilerplate.csv``.

A tag/index page (several bullet-prefixed headlines each followed by a teaser, or a page
announcing itself as an index, e.g. "Contents tagged with ...") becomes one story per
teaser. Outlets are recognised against ``data/outlets.csv`` in the page chrome only (URL,
site name, masthead lines, page-title suffixes, footers), never in the article body,
where outlets are merely quoted. A page may be published by one site (``publisher``)
but be the journalism of another (``outlet``).

Decoding problems are the ingest stage's; everything that fails here raises
:class:`~crosswire.errors.IngestError` with a code, never a foreign exception.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crosswire.errors import DataFileError, IngestError
from crosswire.models import DateInfo, Evidence, RawDocument, Story
from crosswire.settings import DEFAULT, Settings, data_files

# --------------------------------------------------------------------------- data files


@dataclass(frozen=True)
class Outlet:
    """One row of ``outlets.csv``."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str = ""
    owner: str = ""
    camp: str = ""
    camp_source: str = ""


@dataclass(frozen=True)
class BoilerplatePattern:
    pattern: re.Pattern[str]
    category: str
    # line | next (this line and the next) | list (this line and the headline run after it) |
    # tail (from where it matches to the line's end: a footer glued to the last sentence of a
    # page flattened to one line, "... the United Nations. 11 Tags Damascus Comment via Facebook")
    scope: str


def _read_csv(path: Path, required: Sequence[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError(f"{path}: missing column(s) {', '.join(missing)}", "CW303")
            return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"{path}: {exc}", "CW303") from exc


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _files_key(name: str) -> tuple[tuple[str, int], ...]:
    """The data files named ``name`` with their modification times: loaders cache on this."""
    return tuple((str(p), p.stat().st_mtime_ns) for p in data_files(name))


def load_outlets() -> tuple[Outlet, ...]:
    """Every outlet from the bundled ``outlets.csv`` and the user's (a user row with the same name wins)."""
    return _load_outlets(_files_key("outlets.csv"))


@functools.cache
def _load_outlets(files: tuple[tuple[str, int], ...]) -> tuple[Outlet, ...]:
    merged: dict[str, Outlet] = {}
    for path in (Path(f) for f, _ in files):
        for row in _read_csv(path, ("name", "aliases", "domains")):
            if not row["name"]:
                continue
            merged[row["name"].lower()] = Outlet(
                name=row["name"],
                aliases=_split(row.get("aliases", "")),
                domains=tuple(d.lower() for d in _split(row.get("domains", ""))),
                country=row.get("country", ""),
                owner=row.get("owner", ""),
                camp=row.get("camp", ""),
                camp_source=row.get("camp_source", ""),
            )
    return tuple(merged.values())


def outlet_by_name(name: str | None) -> Outlet | None:
    """The outlet record for a canonical name or alias (case-insensitive), if known."""
    if not name:
        return None
    key = name.strip().lower()
    for o in load_outlets():
        if key == o.name.lower() or key in (a.lower() for a in o.aliases):
            return o
    return None


def load_boilerplate() -> tuple[BoilerplatePattern, ...]:
    """Known boilerplate line patterns (bundled plus the user's ``boilerplate.csv``)."""
    return _load_boilerplate(_files_key("boilerplate.csv"))


@functools.cache
def _load_boilerplate(files: tuple[tuple[str, int], ...]) -> tuple[BoilerplatePattern, ...]:
    out: list[BoilerplatePattern] = []
    for path in (Path(f) for f, _ in files):
        for row in _read_csv(path, ("pattern", "category", "scope")):
            try:
                rx = re.compile(row["pattern"], re.IGNORECASE)
            except re.error as exc:
                raise DataFileError(f"{path}: bad pattern {row['pattern']!r}: {exc}", "CW303") from exc
            out.append(BoilerplatePattern(rx, row["category"], row["scope"] or "line"))
    return tuple(out)


@dataclass(frozen=True)
class _OutletMatcher:
    names: tuple[tuple[re.Pattern[str], Outlet], ...]
    domains: tuple[tuple[str, Outlet], ...]


def _outlet_matcher() -> _OutletMatcher:
    return _build_matcher(load_outlets())


@functools.cache
def _build_matcher(outlets: tuple[Outlet, ...]) -> _OutletMatcher:
    names: list[tuple[re.Pattern[str], Outlet]] = []
    domains: list[tuple[str, Outlet]] = []
    for o in outlets:
        for term in sorted({o.name, *o.aliases}, key=len, reverse=True):
            # short all-caps acronyms (AP, RT, SANA) only match in capitals
            flags = 0 if (term.isupper() and len(term) <= 5) else re.IGNORECASE
            # a name glued to the next word by a lost tag ("SputnikComment") still ends at the capital
            names.append((re.compile(rf"(?<![\w.]){re.escape(term)}(?!(?-i:[a-z0-9_]))", flags), o))
        for d in o.domains:
            domains.append((d, o))
    names.sort(key=lambda t: len(t[0].pattern), reverse=True)
    return _OutletMatcher(tuple(names), tuple(domains))


def outlet_in(text: str) -> tuple[Outlet, str] | None:
    """The outlet named in a chrome line (longest name first), with the matched text."""
    low = text.lower()
    for d, o in _outlet_matcher().domains:
        if d in low:
            return o, d
    for rx, o in _outlet_matcher().names:
        m = rx.search(text)
        if m:
            return o, m.group(0)
    return None


def outlet_for_url(url: str | None) -> Outlet | None:
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    for d, o in _outlet_matcher().domains:
        if host == d or host.endswith("." + d):
            return o
    return None


def _is_exact_outlet(line: str) -> Outlet | None:
    """A masthead/source line that is nothing but an outlet's name or alias ("Iran Press TV")."""
    key = re.sub(r"[\s:|–—-]+$", "", line.strip()).lower()
    for o in load_outlets():
        if key == o.name.lower() or key in (a.lower() for a in o.aliases) or key in o.domains:
            return o
    return None


# --------------------------------------------------------------------------- line features

_BULLET = re.compile(r"^\s*([•·▪►▶»◦●■–—*-])\s+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.:]*")
_TERMINAL = re.compile(r"[.!?…\"”’»)\]]\s*$")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to under up via vs with"
    " after before about amid near".split()
)


_FUNCTION_WORDS = frozenset(
    "the a an who which that is was were has have had said in on at to by with from won will would".split()
)


@dataclass(frozen=True)
class _Line:
    """One non-blank line of a page with the features the cleaner decides on."""

    raw: str  # as in the page
    text: str  # stripped, bullet removed, NBSP normalised
    block: int  # index of the blank-line-separated block it belongs to
    bullet: bool
    words: int
    terminal: bool  # ends like a sentence
    cap_ratio: float  # share of capitalised words among the non-small words

    @property
    def prose(self) -> bool:
        """A sentence-like line: the body of an article is made of these."""
        return (self.terminal and self.words >= 6 and not self.text.endswith(":")) or self.words >= 30

    @property
    def headline_like(self) -> bool:
        """A title: a few words, no sentence end (a trailing "…" or "?" is allowed)."""
        t = self.text
        return 3 <= self.words <= 30 and (not self.terminal or t.endswith("?")) and not t.endswith(",")

    @property
    def tag_cloud(self) -> bool:
        """A comma-separated list of short keywords ("chemical weapons, Aleppo, Syria")."""
        if self.terminal or self.text.count(",") < 3:
            return False
        parts = [p.strip() for p in self.text.split(",")]
        # keywords are noun phrases: a clause cut by commas has function words in its parts
        return all(0 < len(p.split()) <= 4 and not _FUNCTION_WORDS & set(p.lower().split()) for p in parts)


def _normalise(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", line).strip()


def _features(text: str, block: int, raw: str) -> _Line:
    bullet = bool(_BULLET.match(text))
    if bullet:
        text = _BULLET.sub("", text, count=1).strip()
    words = _WORD.findall(text)
    content = [w for w in words if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    caps = sum(1 for w in content if w[0].isupper())
    return _Line(
        raw=raw,
        text=text,
        block=block,
        bullet=bullet,
        words=len(words),
        terminal=bool(_TERMINAL.search(text)),
        cap_ratio=caps / len(content) if content else 0.0,
    )


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    block = 0
    blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        norm = _normalise(raw)
        if not norm:
            if not blank:
                block += 1
            blank = True
            continue
        blank = False
        for part in _cut_tail(norm):
            out.append(_features(part, block, part if part != norm else raw))
    return out


def _cut_tail(line: str) -> list[str]:
    """``line``, or its text before a glued footer (a ``tail`` pattern matching to the line's
    end) and that footer as a line of its own, which the footer's pattern then drops."""
    for bp in load_boilerplate():
        if bp.scope != "tail":
            continue
        m = bp.pattern.search(line)
        if m is not None and m.end() == len(line) and m.start() > 0:
            head = line[: m.start()].rstrip()
            if head:
                return [head, line[m.start() :]]
    return [line]


def _pattern(line: _Line) -> BoilerplatePattern | None:
    # a long sentence is article text even if it mentions "follow us on" or a donation
    if line.words > 30:
        return None
    for bp in load_boilerplate():
        if bp.pattern.search(line.text):
            return bp
    return None


# --------------------------------------------------------------------------- dates

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_PATTERNS = (
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(rf"\b{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    # slashes: month first (US records, FA-KES) unless the month is impossible
    re.compile(r"(?<!\d)(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),
    # dashes and dots: day first ("15-09-2013", "21.08.2013"); the year may be glued to the next
    # word in scraped text ("21.08.2013Get short URL")
    re.compile(r"(?<![\d.\-])(?P<day>\d{1,2})[.\-](?P<month>\d{1,2})[.\-](?P<year>(?:19|20)\d\d)(?!\d)"),
    # day and year glued by a lost space in scraped text ("Last updated at Apr 092017")
    re.compile(rf"\b{_MON}\s+(?P<day>\d{{2}})(?P<year>(?:19|20)\d\d)\b", re.I),
)
_STAMP_NOISE = re.compile(
    r"\b(?:\d{1,2}:\d{1,2}(?::\d\d)?\s*(?:am|pm)?|gmt|utc|est|edt|cet|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|"
    r"sat(?:ur)?|sun)(?:day)?|published|updated|last|posted|on|at|[+-]\d{2}:?\d{2})\b|[,|:–—-]",
    re.I,
)
_MONTH_DAY = re.compile(rf"\b[Oo]n\s+{_MON}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\s*,?\s*\d{{4}})\b", re.I)
_YEAR = re.compile(
    r"\b(?:in|since|of|from|until|by|during|early|late|mid|" + _MON + r")[\s-]+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    try:
        month = _MONTHS[g["mon"].lower().rstrip(".")] if g.get("mon") else int(g["month"])
        day = int(g["day"])
        if not g.get("mon") and month > 12 >= day:
            month, day = day, month  # the other numeric order ("22/06/2016", "06-22-2016")
        return dt.date(int(g["year"]), month, day)
    except (ValueError, KeyError):
        return None


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first full calendar date written in ``text`` (glued forms like "GMT29 May 2020" too)."""
    best: tuple[dt.date, int, int] | None = None
    for rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            d = _date_from_match(m)
            if d is not None and (best is None or m.start() < best[1]):
                best = (d, m.start(), m.end())
            break
    return best


def _stamp_date(line: str) -> dt.date | None:
    """The date of a line that is only a date stamp ("Mon Sep 19, 2016 5:5AM", "21:11 GMT29 May 2020")."""
    spaced = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z]{3})", " ", line)
    found = find_date(spaced)
    if found is None:
        return None
    d, s, e = found
    rest = _STAMP_NOISE.sub(" ", spaced[:s] + " " + spaced[e:])
    return d if len(rest.split()) <= 2 else None


def _parse_record_date(value: str) -> dt.date | None:
    v = value.strip()
    found = find_date(v)
    if found:
        return found[0]
    m = re.match(r"^((?:19|20)\d\d)(\d\d)(\d\d)", v)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def _text_contradictions(text: str, stamp: dt.date) -> list[tuple[int, int, str]]:
    """Spans of ``text`` whose dates say the story is older than the page's date stamp.

    Two general signals: the latest year the text mentions ("in April 2014", "since
    March 2015") is three or more years before the stamp (background years are common);
    or the text reports "On August 24" (a past event, no year) with a month/day that comes
    after the stamp in the stamp's year, which a news report cannot do.
    """
    spans: list[tuple[int, int, str]] = []
    years = [(int(m.group("year")), m.start("year"), m.end("year")) for m in _YEAR.finditer(text)]
    if years and max(y for y, _, _ in years) <= stamp.year - 3:
        spans.extend((s, e, text[s:e]) for y, s, e in years if y == max(yy for yy, _, _ in years))
    for m in _MONTH_DAY.finditer(text):
        try:
            d = dt.date(stamp.year, _MONTHS[m.group("mon").lower().rstrip(".")], int(m.group("day")))
        except (ValueError, KeyError):
            continue
        if d > stamp:
            spans.append((m.start(), m.end(), m.group(0)))
    return spans


#: how far into a story's text a dateline may start: a headline plus an agency credit fits
DATELINE_WINDOW = 160


def resolve_date(
    text: str, story_id: str, header: dt.date | None, header_source: str, record: str | None
) -> tuple[DateInfo, list[dict[str, Any]]]:
    """The publication date of a story, with a check of a page stamp against the text's own dates."""
    if header is not None:
        contra = _text_contradictions(text, header)
        if contra:
            return (
                DateInfo(
                    header.isoformat(), header_source, 0.3, ("republication_stamp", "contradicted_by_text")
                ),
                [{"start": s, "end": e, "text": t} for s, e, t in contra],
            )
        return DateInfo(header.isoformat(), header_source, 0.8), []
    if record:
        d = _parse_record_date(record)
        if d is not None:
            return DateInfo(d.isoformat(), "record", 0.6), []
    # a dateline date at the very start of the text ("Sun 16 Apr 2017 Death toll ..."), or after a
    # headline and agency line ("... monitor AFP Wednesday 22 Jun 2016 Air strikes ...")
    found = find_date(text[:DATELINE_WINDOW])
    if found is not None:
        d, s, e = found
        return DateInfo(d.isoformat(), "dateline", 0.6, evidence=_evidence(text, story_id, s, e)), []
    return DateInfo(None, "none", 0.0), []


def _evidence(text: str, story_id: str, start: int, end: int) -> Evidence:
    s0 = max(text.rfind("\n", 0, start) + 1, 0)
    e0 = text.find("\n", end)
    e0 = len(text) if e0 < 0 else e0
    return Evidence(story_id, start, end, text[start:end], text[s0:e0], s0, e0)


# --------------------------------------------------------------------------- language


@functools.cache
def _langid() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability (py3langid over the first 1,500 characters)."""
    lang, prob = _langid().classify(text[:1500])
    return str(lang), round(float(prob), 3)


# --------------------------------------------------------------------------- the line cleaner


@dataclass
class CleanPage:
    """What the line cleaner found on one page (or one teaser of an index page)."""

    title: str | None
    lines: list[_Line]  # kept lines, in order
    removed: list[tuple[_Line, str]] = field(default_factory=list)  # (line, why)
    header_date: dt.date | None = None
    masthead: Outlet | None = None  # a source line naming the outlet ("Iran Press TV")
    chrome_outlet: Outlet | None = None  # the site named by its own chrome (footer, title suffix)
    chrome_evidence: str | None = None
    masthead_evidence: str | None = None

    def text(self) -> str:
        paras: list[str] = []
        last_block = None
        for ln in self.lines:
            if last_block is not None and ln.block == last_block:
                paras[-1] += "\n" + ln.text
            else:
                paras.append(ln.text)
            last_block = ln.block
        return "\n\n".join(paras)


_TITLE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[|–—]\s+(?P<site>[^|–—]{2,80})$")
_CHROME_CATEGORIES = frozenset(
    {"newsletter", "comments", "copyright", "share", "social", "legal", "donation"}
)


def _title_suffix(line: _Line) -> tuple[str, Outlet, str] | None:
    """A page-title line "Headline | Outlet" (the site named after the bar)."""
    m = _TITLE_SUFFIX.match(line.text)
    if not m:
        return None
    hit = outlet_in(m.group("site"))
    if hit is None:
        return None
    return m.group("title").strip(), hit[0], m.group("site").strip()


def clean_lines(text: str, extracted: bool = False) -> CleanPage:
    """Separate the article from the page chrome of a page saved as text.

    ``extracted`` is for text that an HTML extractor already reduced to the article: then
    only lines positively identified as chrome go (patterns, dates, mastheads, related-headline
    runs, tag clouds); short non-sentence lines at the edges stay (list items, table rows).
    """
    return _clean(_split_lines(text), extracted=extracted)


#: this many consecutive non-sentence lines separate two runs of prose
BODY_GAP = 3


def _prose_runs(lines: list[_Line], drop: dict[int, str]) -> list[tuple[int, int, int]]:
    """Runs of prose lines (start, end, characters); short lines inside a run (quotes,
    subheadings) do not break it, ``BODY_GAP`` consecutive non-sentence or chrome lines do."""
    runs: list[tuple[int, int, int]] = []
    start = end = -1
    chars = gap = 0
    for i, ln in enumerate(lines):
        if ln.prose and i not in drop:
            if start < 0:
                start = i
            end, gap = i, 0
            chars += len(ln.text)
        elif start >= 0:
            gap += 1
            if gap >= BODY_GAP:
                runs.append((start, end, chars))
                start, chars, gap = -1, 0, 0
    if start >= 0:
        runs.append((start, end, chars))
    return runs


def _body_span(runs: list[tuple[int, int, int]], extracted: bool) -> tuple[int, int]:
    """First and last line of the article body: the runs of prose around the longest one
    that hold at least a third of its characters (text an extractor produced is all body)."""
    if not runs:
        return 1 << 30, -1
    if extracted:
        return runs[0][0], runs[-1][1]
    best = max(runs, key=lambda r: r[2])
    keep = [r for r in runs if r[2] >= best[2] / 3]
    return keep[0][0], keep[-1][1]


def _note_outlet(page: CleanPage, bp: BoilerplatePattern, ln: _Line) -> None:
    """An outlet named by chrome: a source credit names the original, site chrome the publisher."""
    if bp.category not in _CHROME_CATEGORIES and bp.category != "provenance":
        return
    hit = outlet_in(ln.text)
    if hit and bp.category == "provenance" and page.masthead is None:
        page.masthead, page.masthead_evidence = hit[0], ln.text
    elif hit and bp.category != "provenance" and page.chrome_outlet is None:
        page.chrome_outlet, page.chrome_evidence = hit[0], ln.text


def _clean(lines: list[_Line], titled: bool = False, extracted: bool = False) -> CleanPage:
    """Classify ``lines``; ``titled`` means the first line is this story's title (a teaser)."""
    page = CleanPage(title=None, lines=[])
    drop: dict[int, str] = {}
    list_mode = False
    skip_next = False
    for i, ln in enumerate(lines):
        if skip_next:
            drop[i] = "media"
            skip_next = False
            continue
        bp = _pattern(ln)
        if bp is not None:
            drop[i] = bp.category
            if bp.category == "meta" and page.header_date is None:
                page.header_date = _stamp_date(ln.text)  # "Published: 3 March 2019 10:15 GMT"
            list_mode = bp.scope == "list"
            skip_next = bp.scope == "next"
            _note_outlet(page, bp, ln)
            continue
        if list_mode and ln.headline_like and not ln.prose:
            drop[i] = "related"
            continue
        list_mode = False
        if ln.tag_cloud:
            drop[i] = "tags"

    runs = _prose_runs(lines, drop)
    first, last = _body_span(runs, extracted)
    if not extracted:
        # chrome between separate runs of prose (a comment section, a block of teasers) goes
        inside = [r for r in runs if first <= r[0] and r[1] <= last]
        for i in range(first + 1, last):
            if i not in drop and not any(r[0] <= i <= r[1] for r in inside):
                drop[i] = "outside_body"

    # header: page titles, mastheads, date stamps, section labels, captions; the title stays
    title_idx: int | None = 0 if titled and lines and 0 not in drop else None
    suffix_title: tuple[int, str] | None = None
    for i in range(0, min(first, len(lines))):
        if i in drop or (titled and i == 0):
            continue
        ln = lines[i]
        stamp = _stamp_date(ln.text)
        if stamp is not None:
            page.header_date = page.header_date or stamp
            drop[i] = "date"
            continue
        exact = _is_exact_outlet(ln.text)
        if exact is not None:
            page.masthead = page.masthead or exact
            page.masthead_evidence = page.masthead_evidence or ln.text
            drop[i] = "masthead"
            continue
        sfx = _title_suffix(ln)
        if sfx is not None:
            t, o, site = sfx
            if page.chrome_outlet is None:
                page.chrome_outlet, page.chrome_evidence = o, ln.text
            if len(t.split()) >= 3:
                suffix_title = (i, t)
            drop[i] = "page_title"
            continue
        if not extracted:
            drop[i] = "header"
        if ln.headline_like and ln.words >= 4:
            title_idx = i  # the last headline-like line above the body is the headline
    if title_idx is None and suffix_title is not None:
        page.title = suffix_title[1]
    elif title_idx is not None:
        drop.pop(title_idx, None)
        page.title = lines[title_idx].text

    # tail: after the last sentence of the article only chrome is left (related headlines,
    # tag clouds, comment prompts); short closing sentences are still prose and were kept above
    tail = [i for i in range(last + 1, len(lines)) if i not in drop]
    if extracted:
        # the extractor already dropped link lists; what is left after the last sentence is
        # content (lists, tables, tour dates) unless a pattern or a "Related" header said otherwise
        tail = []
    for i in tail:
        drop[i] = "tail"

    for i, ln in enumerate(lines):
        if i in drop:
            page.removed.append((ln, drop[i]))
        else:
            page.lines.append(ln)
    return page


# --------------------------------------------------------------------------- index pages


def split_teasers(text: str, extracted: bool = False) -> list[list[_Line]] | None:
    """The teaser blocks of a tag/index page, or None when the page is a single article.

    A page is an index when (a) at least three bullet-prefixed headline-like lines are each
    followed by prose, or (b) it announces itself as an index (an ``index_page`` boilerplate
    pattern) and at least two headline-like lines are each followed by prose. In text an
    HTML extractor produced, bullets are the article's own lists: only (b) applies.
    """
    lines = _split_lines(text)
    index_marker = any((bp := _pattern(ln)) is not None and bp.category == "index_page" for ln in lines)

    def heads(require_bullet: bool) -> list[int]:
        out = []
        for i, ln in enumerate(lines[:-1]):
            nxt = lines[i + 1]
            if (
                ln.headline_like
                and (ln.bullet or not require_bullet)
                and not nxt.bullet
                and nxt.prose
                and _pattern(ln) is None
            ):
                out.append(i)
        return out

    starts = [] if extracted else heads(require_bullet=True)
    if len(starts) < 3:
        starts = heads(require_bullet=False) if index_marker else []
        if len(starts) < 2:
            return None
    blocks: list[list[_Line]] = []
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(lines)
        blocks.append(lines[s:e])
    return blocks


# --------------------------------------------------------------------------- stories


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def story_id_for(input_id: str, index: int, content_hash: str) -> str:
    return hashlib.sha256(f"{input_id}:{index}:{content_hash}".encode()).hexdigest()[:20]


def _record_ordinal(doc: RawDocument) -> int | None:
    if not doc.record_key:
        return None
    m = re.search(r"\d+", doc.record_key)
    return int(m.group(0)) if m else None


def _html_page(doc: RawDocument) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of an HTML document via trafilatura (comments excluded)."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            doc.html or "",
            url=doc.url,
            include_comments=False,
            favor_precision=True,
            include_tables=True,
            include_links=False,
            with_metadata=True,
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds; translate at the boundary
        raise IngestError(f"HTML could not be parsed: {type(exc).__name__}: {exc}", "CW106") from exc
    meta = result.as_dict() if result is not None and hasattr(result, "as_dict") else {}
    if not isinstance(meta, dict) or not str(meta.get("text") or "").strip():
        raise IngestError("HTML held no article text", "CW106")
    return str(meta.get("text") or ""), meta


def _resolve_outlet(
    doc: RawDocument, page: CleanPage, whole: CleanPage, publisher: Outlet | None, pub_evidence: str | None
) -> tuple[str | None, str | None]:
    """The outlet whose journalism a story is, and why: record column > source line > publisher."""
    if doc.outlet:
        known = outlet_by_name(doc.outlet)
        return (known.name if known else doc.outlet), f"record column: {doc.outlet}"
    masthead = page.masthead or whole.masthead
    if masthead is not None:
        return masthead.name, f"source line: {page.masthead_evidence or whole.masthead_evidence}"
    if publisher is not None:
        return publisher.name, pub_evidence
    return None, None


def make_stories(doc: RawDocument, settings: Settings = DEFAULT) -> list[Story]:
    """Clean one raw document into stories (one per article, one per teaser of an index page).

    Raises :class:`IngestError` (CW106 unparseable HTML, CW111 nothing left) when the
    document yields no story; the pipeline records that against the input.
    """
    meta: dict[str, Any] = {}
    if doc.html is not None:
        body, meta = _html_page(doc)
    else:
        body = doc.text
    if not body.strip():
        raise IngestError("no text in document", "CW111")

    extracted = doc.html is not None
    if extracted:
        # trafilatura puts one paragraph per line; make them blank-line separated paragraphs
        body = re.sub(r"\n+", "\n\n", body)
    teasers = split_teasers(body, extracted=extracted)
    whole = clean_lines(body, extracted=extracted)
    pages = [_clean(block, titled=True, extracted=extracted) for block in teasers] if teasers else [whole]

    url = doc.url or (meta.get("url") if isinstance(meta.get("url"), str) else None)
    # publisher: the site (URL, site name, its own chrome); outlet: a source line, else the publisher
    publisher: Outlet | None = outlet_for_url(url)
    pub_evidence = f"url: {url}" if publisher else None
    if publisher is None and meta.get("sitename"):
        hit = outlet_in(str(meta["sitename"]))
        if hit:
            publisher, pub_evidence = hit[0], f"site name: {meta['sitename']}"
    if publisher is None and whole.chrome_outlet is not None:
        publisher, pub_evidence = whole.chrome_outlet, f"page chrome: {whole.chrome_evidence}"

    header_date = whole.header_date
    header_source = "header"
    if header_date is None and meta.get("date"):
        header_date = _parse_record_date(str(meta["date"]))
        header_source = "html_meta"

    base = _record_ordinal(doc)
    # lines of an index page before its first teaser ("Contents tagged with ...") count once
    preamble = len(_split_lines(body)) - sum(len(b) for b in teasers) if teasers else 0
    stories: list[Story] = []
    for k, page in enumerate(pages):
        text = page.text()
        if len(text) < settings.min_story_chars:
            continue
        index = k if base is None else base * 1000 + k
        chash = _content_hash(text)
        sid = story_id_for(doc.input_id, index, chash)
        outlet_name, outlet_ev = _resolve_outlet(doc, page, whole, publisher, pub_evidence)
        date, contra = resolve_date(text, sid, page.header_date or header_date, header_source, doc.date)
        lang, lang_p = detect_language(text)
        flags = list(doc.extra.get("_flags", ())) if isinstance(doc.extra.get("_flags"), list) else []
        if lang != "en":
            flags.append("non_english")
        if teasers:
            flags.append("teaser")
        if publisher is not None and outlet_name and publisher.name != outlet_name:
            flags.append("republished")
        extra = {k2: v for k2, v in doc.extra.items() if not k2.startswith("_")}
        if contra:
            extra["date_contradictions"] = contra
        title = page.title or (str(meta["title"]) if meta.get("title") else None) or doc.title
        if teasers is None and doc.title and page.title is None:
            title = doc.title
        stories.append(
            Story(
                story_id=sid,
                input_id=doc.input_id,
                index=index,
                title=title,
                text=text,
                content_hash=chash,
                outlet=outlet_name,
                publisher=publisher.name if publisher else (doc.outlet or outlet_name),
                url=url,
                published=date,
                language=lang,
                language_confidence=lang_p,
                outlet_evidence=outlet_ev,
                removed_lines=len(page.removed) + (preamble if k == 0 else 0),
                flags=tuple(dict.fromkeys(flags)),
                extra=extra,
            )
        )
    if not stories:
        raise IngestError(
            f"no story text left after cleaning (shorter than {settings.min_story_chars} characters)", "CW111"
        )
    return stories
