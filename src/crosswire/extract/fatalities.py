"""Casualty figures: every "killed at least 32 people" a sentence reports, with who reports it.

A figure is a quantity (digits, number words, ranges, ACLED-style vague quantities such as
"dozens of") next to a kill or injure cue ("killed 62 soldiers", "50 fighters were killed",
"the death toll reached 112") and, usually, a victim noun. Its *source* is who reports it, read
from the dependency parse: the speaker of the reporting verb that closes the figure's clause
("... killed 14 civilians activists said", "..., said the source"), else of the one that governs
it ("that the Syrian Observatory for Human Rights said killed ..."), else an "according to X"
phrase; without a parse a surface fallback is used. A speaker phrase is a noun phrase that can
speak (a name, or a speaker noun of ``claim_verbs.json``) without the place, date or headline
words a stripped comma glued to it ("Aleppo Syrian state television", "Tags ...").

The vocabulary (number words, vague quantities, qualifiers, cues, victim categories, cumulative
toll cues) is data: ``data/casualty_terms.json``. ACLED's ``fatalities`` is the most conservative
killed figure among the claims attached to one event (:func:`acled_fatalities`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from crosswire.errors import DataFileError
from crosswire.models import Evidence, FatalityClaim
from crosswire.settings import data_files

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z\u00C0-\u024F][\w'’\-]*|[^\s\w]")
_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_AUX = {
    "were",
    "was",
    "are",
    "is",
    "have",
    "has",
    "had",
    "been",
    "being",
    "be",
    "reportedly",
    "also",
    "later",
    "all",
    "allegedly",
    "confirmed",
    "already",
    "got",
    "left",
    "found",
    "reported",
    "seriously",
    "critically",
    "severely",
    "lightly",
    "fatally",
    "mortally",
}
_SUBSET = {"including", "incl", "among them", "of whom", "of them"}
#: active verb forms: after a figure they start a new clause ("kills 12 wounds 50"), so they are
#: never the figure's own cue the way a participle is ("12 wounded", "50 fighters were killed")
_ACTIVE = {"kill", "kills", "killing", "wound", "wounds", "wounding", "injure", "injures", "injuring"}
#: participles that may stand between a quantity and its victim noun ("several injured civilians")
_PARTICIPLES = {"killed", "dead", "injured", "wounded"}
_PRONOUNS = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "which", "who"}
_BOUNDARY = {".", ";", ":", "?", "!", '"'}
_SOURCE_WORDS = {
    "sources",
    "source",
    "monitor",
    "activists",
    "officials",
    "official",
    "ministry",
    "agency",
    "television",
    "tv",
    "media",
    "spokesman",
    "spokeswoman",
    "witnesses",
    "medics",
    "state",
    "news",
    "local",
    "rebel",
    "opposition",
    "security",
    "military",
    "medical",
    "group",
    "monitoring",
    "observatory",
    "residents",
    "army",
    "police",
}
_REPORT_LEMMAS = {
    "say",
    "report",
    "tell",
    "claim",
    "state",
    "announce",
    "confirm",
    "estimate",
    "add",
    "document",
    "record",
    "count",
    "cite",
    "quote",
    "put",
}


@dataclass(frozen=True)
class CasualtyTerms:
    number_words: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, int]
    qualifiers: tuple[tuple[str, ...], ...]
    kill: frozenset[str]
    injure: frozenset[str]
    victims: dict[str, str]
    reporting: frozenset[str]
    statement_nouns: frozenset[str]
    cumulative: tuple[str, ...]
    cumulative_patterns: tuple[re.Pattern[str], ...]
    non_person: frozenset[str]
    share_words: tuple[tuple[str, ...], ...] = ()
    partitive: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()
    page_labels: tuple[tuple[str, ...], ...] = ()
    not_speaker_words: frozenset[str] = frozenset()
    plural_modifiers: frozenset[str] = frozenset()
    toll_nouns: frozenset[str] = frozenset()
    toll_raise_verbs: frozenset[str] = frozenset()
    toll_rise_verbs: frozenset[str] = frozenset()
    single_event_nouns: frozenset[str] = frozenset()
    loss_cues: frozenset[str] = frozenset()
    time_units: frozenset[str] = frozenset()
    victim_sides: dict[str, str] = dataclasses.field(default_factory=dict)
    state_side_modifiers: frozenset[str] = frozenset()
    added_words: frozenset[str] = frozenset()
    victim_demonyms: frozenset[str] = frozenset()
    demonym_suffixes: tuple[str, ...] = ()
    family_nouns: frozenset[str] = frozenset()
    umbrella_victims: frozenset[str] = frozenset()
    combatant_sides: dict[str, str] = dataclasses.field(default_factory=dict)
    kin_possessives: frozenset[str] = frozenset()
    irregular_plurals: frozenset[str] = frozenset()
    kin_counts: dict[str, int] = dataclasses.field(default_factory=dict)
    plural_kin_count: int = 2


#: the optional word sets of :class:`CasualtyTerms` whose casualty_terms.json key is the field's name
_OPTIONAL_WORD_SETS = (
    "speaker_nouns", "not_speaker_words", "plural_modifiers", "toll_nouns", "toll_raise_verbs",
    "toll_rise_verbs", "single_event_nouns", "loss_cues", "time_units", "state_side_modifiers",
    "added_words", "victim_demonyms", "family_nouns", "umbrella_victims", "kin_possessives",
    "irregular_plurals",
)


def _word_set(merged: dict[str, Any], key: str) -> frozenset[str]:
    """The lower-cased words of an optional list of the merged vocabulary (none when absent)."""
    return frozenset(v.lower() for v in merged.get(key, []))


@functools.cache
def terms() -> CasualtyTerms:
    """The merged casualty vocabulary (bundled file first, then the user's, key by key)."""
    merged: dict[str, Any] = {}
    paths = data_files("casualty_terms.json")
    if not paths:
        raise DataFileError("casualty_terms.json not found in any data folder", "CW303")
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            elif isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = merged[key] + [v for v in value if v not in merged[key]]
            else:
                merged[key] = value
    try:
        return CasualtyTerms(
            number_words={k.lower(): int(v) for k, v in merged["number_words"].items()},
            multipliers={k.lower(): int(v) for k, v in merged["multipliers"].items()},
            vague={k.lower(): int(v) for k, v in merged["vague_quantities"].items()},
            qualifiers=tuple(
                sorted((tuple(q.lower().split()) for q in merged["qualifiers"]), key=len, reverse=True)
            ),
            kill=frozenset(c.lower() for c in merged["kill_cues"]),
            injure=frozenset(c.lower() for c in merged["injure_cues"]),
            victims={k.lower(): v for k, v in merged["victims"].items()},
            reporting=frozenset(v.lower() for v in merged["reporting_verbs"]),
            statement_nouns=frozenset(v.lower() for v in merged["statement_nouns"]),
            cumulative=tuple(c.lower() for c in merged["cumulative_cues"]),
            cumulative_patterns=tuple(re.compile(p, re.I) for p in merged.get("cumulative_patterns", [])),
            non_person=frozenset(v.lower() for v in merged["non_person_units"]),
            share_words=tuple(
                sorted((tuple(w.lower().split()) for w in merged.get("share_words", [])), key=len, reverse=True)
            ),
            partitive=_word_set(merged, "partitive_pronouns"),
            victim_sides={k.lower(): str(v) for k, v in merged.get("victim_sides", {}).items()},
            combatant_sides={k.lower(): str(v or "") for k, v in merged.get("combatant_sides", {}).items()},
            kin_counts={k.lower(): int(v) for k, v in merged.get("kin_counts", {}).items()},
            plural_kin_count=int(merged.get("plural_kin_count", 2)),
            demonym_suffixes=tuple(str(v).lower() for v in merged.get("demonym_suffixes", [])),
            **{field: _word_set(merged, field) for field in _OPTIONAL_WORD_SETS},
            page_labels=tuple(
                sorted((tuple(w.lower().split()) for w in merged.get("page_labels", [])), key=len, reverse=True)
            ),
        )
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise DataFileError(f"casualty_terms.json malformed: {exc}", "CW303") from exc


class _Tok(NamedTuple):
    text: str
    low: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _match_seq(toks: list[_Tok], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """Length (in tokens) of the longest phrase starting at token ``i``, 0 if none."""
    if i >= len(toks):
        return 0
    entry = _INDEXES.get(id(phrases))
    if entry is None or entry[0] is not phrases:
        entry = _INDEXES[id(phrases)] = (phrases, _by_first(tuple(phrases)))
    for phrase in entry[1].get(toks[i].low, ()):
        n = len(phrase)
        if i + n <= len(toks) and all(toks[i + k].low == phrase[k] for k in range(1, n)):
            return n
    return 0


# phrase tables are cached singletons (terms(), _phrase_table()), so their id is a stable key
_INDEXES: dict[int, tuple[Sequence[tuple[str, ...]], dict[str, tuple[tuple[str, ...], ...]]]] = {}


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their first word, longest first (a phrase table is looked up per token)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def _phrase_table(kind: str) -> tuple[tuple[str, ...], ...]:
    t = terms()
    src: list[str]
    if kind == "number":
        src = list(t.number_words)
    elif kind == "vague":
        src = list(t.vague)
    elif kind == "kill":
        src = list(t.kill)
    elif kind == "injure":
        src = list(t.injure)
    else:
        src = list(t.victims)
    return tuple(sorted((tuple(_TOKEN.findall(p.lower())) for p in src), key=len, reverse=True))


def _number_value(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """(value, tokens used) of a single quantity at token ``i`` (digits or number words)."""
    t = terms()
    tok = toks[i]
    if tok.low[0].isdigit():
        try:
            value = int(float(tok.low.replace(",", "")))
        except ValueError:
            return None
        used = 1
        if i + 1 < len(toks) and toks[i + 1].low in t.multipliers:
            value *= t.multipliers[toks[i + 1].low]
            used = 2
        return value, used
    if "-" in tok.low:  # twenty-five
        parts = tok.low.split("-")
        if all(p in t.number_words for p in parts):
            return sum(t.number_words[p] for p in parts), 1
    n = _match_seq(toks, i, _phrase_table("number"))
    if n:
        value = t.number_words[" ".join(x.low for x in toks[i : i + n])]
        used = n
        unit = toks[i + n].low if i + n < len(toks) else ""
        if n == 1 and value % 10 == 0 and 20 <= value <= 90 and 0 < t.number_words.get(unit, 0) < 10:
            value += t.number_words[unit]  # "Thirty one": a hyphen stripped
            used += 1
        if i + used < len(toks) and toks[i + used].low in t.multipliers:
            value *= t.multipliers[toks[i + used].low]
            used += 1
        return value, used
    return None


@dataclass(frozen=True)
class _Figure:
    low: int
    best: int
    high: int
    qualifier: str | None
    start_tok: int  # first token of the figure (qualifier included)
    qty_tok: int  # first token of the quantity itself
    end_tok: int  # one past the last token of the quantity (victim noun excluded)
    vague: bool = False  # an ACLED-convention quantity ("dozens of", "several"), not a count


@functools.cache
def _figure_starts() -> frozenset[str]:
    """The words a figure can begin with, besides digits and hyphenated number words: the first
    word of a qualifier ("at least"), a vague quantity ("dozens of") or a number word, "between"
    and "a"/"an" (what :func:`_figure_at` can start from)."""
    t = terms()
    firsts = {q[0] for q in t.qualifiers if q}
    firsts |= {p[0] for kind in ("number", "vague") for p in _phrase_table(kind) if p}
    return frozenset(firsts | {"between", "a", "an"})


def _figure_at(toks: list[_Tok], i: int) -> _Figure | None:
    low0 = toks[i].low
    if low0 not in _figure_starts() and not low0[:1].isdigit() and "-" not in low0:
        return None  # no figure starts with this word (the common case: most words)
    t = terms()
    qn = _match_seq(toks, i, t.qualifiers)
    qualifier = " ".join(x.low for x in toks[i : i + qn]) if qn else None
    j = i + qn
    if j >= len(toks):
        return None
    if toks[j].low == "between":  # between 20 and 30
        a = _number_value(toks, j + 1)
        if a and j + 1 + a[1] < len(toks) and toks[j + 1 + a[1]].low == "and":
            b = _number_value(toks, j + 2 + a[1])
            if b:
                lo, hi = sorted((a[0], b[0]))
                return _Figure(lo, (lo + hi) // 2, hi, qualifier or "between", i, j + 1, j + 2 + a[1] + b[1])
        return None
    vn = _match_seq(toks, j, _phrase_table("vague"))
    if vn:
        value = t.vague[" ".join(x.low for x in toks[j : j + vn])]
        return _Figure(
            value, value, value, qualifier or " ".join(x.low for x in toks[j : j + vn]), i, j, j + vn, True
        )
    a = _number_value(toks, j)
    # "killed by a militant"; but "claimed the lives of a man"
    after_prep = j > 0 and toks[j - 1].low in _PREPS | {"against", "than"} and not (
        j > 1 and toks[j - 2].low == "lives" and toks[j - 1].low == "of"
    )
    if a is None and toks[j].low in {"a", "an"} and j + 1 < len(toks) and not after_prep:
        # "a woman was killed", "an officer was wounded": one, when a victim noun follows at once
        age = _age_at(toks, j + 1)  # "a 10-year-old boy was killed": one boy
        n = _match_seq(toks, j + 1 + age, _phrase_table("victims"))
        if not n and _plain_modifier(toks, j + 1 + age):  # "an American fighter", "a young boy"
            age += 1
            n = _match_seq(toks, j + 1 + age, _phrase_table("victims"))
        noun_end = j + 1 + age + n
        if n and noun_end < len(toks) and toks[noun_end].low in _CASUALTY_NOUNS:
            n = 0  # "a heavy civilian death toll": the noun modifies the toll
        if n and j > 0 and toks[j - 1].low in {"-", "–", "—"}:
            n = 0  # "Ahmad al-Zoabi - a field commander": who a named dead man was
        if n and not toks[j + age + n].low.endswith("s"):
            return _Figure(1, 1, 1, qualifier, i, j, j + 1 + age)
    if a is None:
        return None
    k = j + a[1]
    if k + 1 < len(toks) and toks[k].low in {"to", "-", "–", "or"}:
        b = _number_value(toks, k + 1)
        if b and b[0] > a[0] and not (toks[j].low[0].isdigit() and _date_part(toks, j)):
            return _Figure(a[0], (a[0] + b[0]) // 2, b[0], qualifier, i, j, k + 1 + b[1])
    if k < len(toks) and toks[k].low == "+" and toks[k].start == toks[k - 1].end:  # "35+ dead"
        return _Figure(a[0], a[0], a[0], qualifier or "more than", i, j, k + 1)
    return _Figure(a[0], a[0], a[0], qualifier, i, j, k)


def _cue_kind(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """('killed'|'injured', tokens used) when a casualty cue starts at token ``i``."""
    n = _match_seq(toks, i, _phrase_table("kill"))
    m = _match_seq(toks, i, _phrase_table("injure"))
    if n >= m and n:
        return "killed", n
    if m:
        return "injured", m
    return None


_COPULAS = {"were", "was", "are", "is"}


def _victim_at(toks: list[_Tok], i: int, limit: int = 4) -> tuple[str, int] | None:
    """(category, index of the victim noun's last token) within ``limit`` tokens from ``i``."""
    t = terms()
    for k in range(i, min(len(toks), i + limit)):
        tok = toks[k]
        if tok.low == "and" and k > i and _joins_modifiers(toks, k):
            continue  # "70 regime and rebel fighters": two modifiers of one victim noun
        if tok.low in _BOUNDARY or tok.low in {",", "and", "in", "on", "at", "by", "from", "with", "including"}:
            return None  # ("11 including children": the part's noun, not the figure's)
        if tok.low in _COPULAS and not tok.text.isupper():  # ("IS fighters": the group)
            return None  # "four were foreign volunteers": what they were, not a victim noun of the figure
        if tok.low in t.non_person or _cue_kind(toks, k) is not None:
            return None
        n = _match_seq(toks, k, _phrase_table("victims"))
        if n:
            # "rebel fighters", "army soldiers": a singular victim word modifying the victim noun
            # after it, which heads the phrase and says who they were (a plural before another,
            # "four civilians residents said", is a victim and then someone else)
            while (
                not toks[k + n - 1].low.endswith("s")
                and (m := _match_seq(toks, k + n, _phrase_table("victims")))
                and toks[k + n].low[0].isalpha()
            ):
                k, n = k + n, m
            family = _family_after(toks, k + n) if toks[k + n - 1].low in {"members", "member"} else None
            if family is not None:
                return "people", family  # "five members of one family": no armed group's members
            return t.victims[" ".join(x.low for x in toks[k : k + n])], k + n - 1
        if _demonym(tok):
            return "people", k  # "Two Syrians were killed", "30 Alawites"
        if tok.low[0].isdigit() or tok.low in t.number_words:
            return None  # another quantity: "17:27 Nine Civilians"
    return None


def _demonym(tok: _Tok) -> bool:
    """A people or nationality in the plural ("Syrians", "Kurds", "foreigners":
    ``victim_demonyms``), or a capitalised word with a plural demonym's ending ("Tunisians",
    "Pakistanis", "Chinese": ``demonym_suffixes``); not an acronym, a short word ("Plans") or
    a noun in "-sis" ("Crisis")."""
    t = terms()
    if tok.low in t.victim_demonyms:
        return True
    text = tok.text
    return (
        len(text) >= 6
        and text[0].isupper()
        and text[1:].islower()
        and text.isalpha()
        and not text.endswith("sis")
        and text.lower().endswith(t.demonym_suffixes)
    )


def _family_after(toks: list[_Tok], k: int) -> int | None:
    """The index of the family noun of "of (one | the same | a | his ...) family" at ``k``."""
    if k >= len(toks) or toks[k].low != "of":
        return None
    for j in range(k + 1, min(len(toks), k + 4)):
        if toks[j].low in terms().family_nouns:
            return j
        if not toks[j].low.isalpha():
            return None
    return None


def _kin_after(toks: list[_Tok], k: int) -> tuple[int, str, int] | None:
    """(how many, category, index of the last noun) of the kin told with a victim ending before
    ``k``: "and his wife", ", her son and her daughter", "and her two children", "and their three
    young children", "and his parents" (``kin_possessives`` before a victim noun). A kin noun
    without a number counts one (or its ``kin_counts``: "parents" two), one in the plural without
    a number ("and her children") the fewest a plural can be (``plural_kin_count``)."""
    t = terms()
    count, categories, last = 0, set(), -1
    while k + 2 < len(toks) and toks[k].low in {"and", ","}:
        j = k + 1 + (toks[k].low == "," and toks[k + 1].low == "and")
        if j >= len(toks) or toks[j].low not in t.kin_possessives:
            break
        j += 1
        number = _number_value(toks, j) if j < len(toks) else None
        if number is not None:
            j += number[1]
        j += _age_at(toks, j)
        if not _match_seq(toks, j, _phrase_table("victims")) and _plain_modifier(toks, j):
            j += 1  # "his pregnant wife", "her young son"
        n = _match_seq(toks, j, _phrase_table("victims"))
        if not n:
            break
        noun = " ".join(x.low for x in toks[j : j + n])
        if j + n < len(toks) and toks[j + n].low in t.reporting:
            break  # "killed five soldiers, their commander said": who tells it
        if number is not None:
            value = number[0]
        elif noun in t.kin_counts:
            value = t.kin_counts[noun]
        elif noun.endswith("s") or noun in t.irregular_plurals:
            value = t.plural_kin_count  # "and her children": at least two
        else:
            value = 1
        count, last = count + value, j + n - 1
        categories.add(t.victims[noun])
        k = j + n
    if not count:
        return None
    return count, categories.pop() if len(categories) == 1 else "people", last


def _family_before(toks: list[_Tok], s: int) -> bool:
    """Is the figure at ``s`` the size of a family ("a family of six", "an entire family of
    four": ``family_nouns``)?"""
    return s >= 2 and toks[s - 1].low == "of" and toks[s - 2].low in terms().family_nouns


def _joins_modifiers(toks: list[_Tok], k: int) -> bool:
    """Does the "and" at ``k`` join two modifiers of one noun ("regime and rebel fighters", "Syrian
    and Iraqi soldiers"), not two phrases ("five civilians and ...", "killed and wounded")? Both
    words round it are plain words: no number, cue or unit, and no victim noun before it."""
    t = terms()
    if k + 1 >= len(toks):
        return False

    def plain(tok: _Tok) -> bool:
        return (
            tok.low.isalpha()
            and tok.low not in t.number_words
            and tok.low not in t.non_person
            and tok.low not in _BOUNDARY
            and tok.low not in _AUX
        )

    before, after = toks[k - 1], toks[k + 1]
    return (
        plain(before)
        and plain(after)
        and not _match_seq(toks, k - 1, _phrase_table("victims"))
        and _cue_kind(toks, k - 1) is None
        and _cue_kind(toks, k + 1) is None
    )


def _glued_number(toks: list[_Tok], i: int, step: int) -> bool:
    """Is token ``i`` joined without spaces through "-", ":", "/" or "." to a number on one side?"""
    j, k = i + step, i + 2 * step
    if not (0 <= j < len(toks) and 0 <= k < len(toks)) or toks[j].low not in {"-", ":", "/", "."}:
        return False
    a, b = (toks[i], toks[j]) if step > 0 else (toks[j], toks[i])
    c, d = (toks[j], toks[k]) if step > 0 else (toks[k], toks[j])
    return a.end == b.start and c.end == d.start and toks[k].low[0].isdigit()


def _date_part(toks: list[_Tok], i: int) -> bool:
    """Digits that are part of a date or a time ("23-04-2016", "05.10.2017", "17:27"), or that
    no casualty figure is written as (a leading zero)."""
    tok = toks[i]
    if len(tok.low) > 1 and tok.low[0] == "0":
        return True
    for step in (1, -1):
        if _glued_number(toks, i, step):
            sep = toks[i + step].low
            other = toks[i + 2 * step].low
            if sep in {":", "/", "."} or _glued_number(toks, i + 2 * step, step):
                return True  # a time, a d/m or d.m date, or one link of a d-m-y chain
            if (len(other) > 1 and other[0] == "0") or (len(other) == 4 and other.startswith(("19", "20"))):
                return True  # "04-2016"
    return False


#: casualty cues that are nouns: a victim noun right before one modifies it ("civilian deaths")
_CASUALTY_NOUNS = {"death", "deaths", "toll", "casualties", "fatalities", "injuries", "lives"}


def _plain_modifier(toks: list[_Tok], k: int) -> bool:
    """A word that can modify a victim noun after it ("American", "young", "local"): a plain word,
    no number, cue, unit, victim noun, auxiliary, preposition or clause word."""
    if k >= len(toks):
        return False
    t = terms()
    w = toks[k].low
    return (
        toks[k].text.isalpha()
        and w not in t.victims
        and w not in t.number_words
        and w not in t.non_person
        and w not in _AUX
        and w not in _PREPOSITIONS | _CLAUSE_WORDS
        and _cue_kind(toks, k) is None
    )


_AGE = re.compile(r"(?:year|month|week|day)s?-old$")


def _age_at(toks: list[_Tok], k: int) -> int:
    """Tokens of an age at ``k`` ("10-year-old", "five-month-old"), 0 when none starts there."""
    if k + 2 < len(toks) and toks[k + 1].low == "-" and _AGE.match(toks[k + 2].low):
        glued = toks[k].end == toks[k + 1].start and toks[k + 1].end == toks[k + 2].start
        return 3 if glued and (toks[k].low[0].isdigit() or toks[k].low in terms().number_words) else 0
    return 0


def _is_date_number(toks: list[_Tok], i: int, end: int) -> bool:
    tok = toks[i]
    if _age_at(toks, i):
        return True  # "a 10-year-old boy": an age, no count
    if not tok.low[0].isdigit():
        return False
    if _date_part(toks, i):
        return True
    if i > 0 and toks[i - 1].low in _MONTHS:
        return True
    if end < len(toks) and toks[end].low in _MONTHS:
        return True
    if end < len(toks) and toks[end].low in {":", "am", "pm", "gmt", "km", "%"}:
        return True
    value = tok.low.replace(",", "")
    return len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2100


def _object_figure(toks: list[_Tok], i: int) -> bool:
    """Does a figure without a cue of its own start at token ``i`` ("injured two others and")?
    One followed by its own cue ("57 Civilians killed 150 Injured") is the next item of a list."""
    fig = _figure_at(toks, i) if i < len(toks) else None
    if fig is None:
        return False
    victim = _victim_at(toks, fig.end_tok)
    k = victim[1] + 1 if victim else fig.end_tok
    while k < len(toks) and toks[k].low in _AUX:
        k += 1
    return k >= len(toks) or _cue_kind(toks, k) is None


_JOINERS = {",", "-", "–", "—", "("}


def _share_clause(toks: list[_Tok], k: int) -> int | None:
    """One past a partitive share phrase starting at token ``k`` (after a comma or dash), if any:
    "many of them children", "most of whom were civilians", "five of them", "a few women among
    them". It points back at the figure before it, so it is part of that figure's noun phrase."""
    t = terms()
    while k < len(toks) and toks[k].low in _JOINERS:
        k += 1
    if k >= len(toks):
        return None
    n = _match_seq(toks, k, t.share_words)
    if not n:
        fig = _figure_at(toks, k)
        if fig is None:
            return None
        n = fig.end_tok - k
    j = k + n
    if j + 1 < len(toks) and toks[j].low == "of" and toks[j + 1].low in t.partitive:
        j += 2
        while j < len(toks) and toks[j].low in _AUX:
            j += 1
        victim = _victim_at(toks, j, limit=3)
        return victim[1] + 1 if victim else j
    victim = _victim_at(toks, j, limit=3)
    if victim and victim[1] + 2 < len(toks) and toks[victim[1] + 1].low == "among":
        if toks[victim[1] + 2].low in t.partitive:
            return victim[1] + 3
    return None


def _share_of_previous(
    toks: list[_Tok], fig: _Figure, victim: tuple[str, int] | None, last_end: int
) -> tuple[bool, int] | None:
    """Is the figure a share of the counted figure just before it, and does it count a part?

    Right after a figure (nothing but a comma or dash between), "many of them children", "most
    of whom were civilians", "a few women among them" and "many with gunshot wounds" say who the
    counted dead were, not how many: ACLED codes the counted figure, so such a vague quantity is
    no figure of its own ((False, end)). A number in the same place ("five of them children",
    "two women among them") counts a part of the figure, like "including five children"
    ((True, end)). None when the figure is not such a share."""
    if last_end < 0 or fig.start_tok < last_end:
        return None
    end = _share_clause(toks, fig.start_tok)
    if end is not None and fig.start_tok > 0 and toks[fig.start_tok - 1].low in _JOINERS:
        # "of them", "of whom" point back at the figure before, however far: "At least 30
        # fighters were killed in the ambush, several of them foreigners"
        return (not fig.vague, end)
    if any(toks[x].low not in _JOINERS for x in range(last_end, fig.start_tok)):
        return None
    if end is not None:
        return (not fig.vague, end)
    if not fig.vague:
        return None
    e = fig.end_tok
    if e < len(toks) and toks[e].low in {"with", "in"}:  # "50 bodies, many with gunshot wounds"
        return (False, e)
    if victim is not None and fig.start_tok > last_end:  # "25 people, many children"
        return (False, victim[1] + 1)
    return None


#: "-ing" words that are no verb of a new clause between a cue and its figure
_NOT_VERBS_ING = {"including", "according", "during", "morning", "evening", "building", "buildings"}


def _new_verb_between(toks: list[_Tok], a: int, b: int) -> bool:
    """Is there a gerund that is no casualty cue between tokens ``a`` and ``b``? Past an earlier
    figure, "killing two children burning many civilians", "killing 40 soldiers and expelling many
    others": the later figure is that verb's object, not the first cue's."""
    for x in range(a, b):
        w = toks[x].low
        if w.endswith("ing") and len(w) > 4 and w not in _NOT_VERBS_ING and _cue_kind(toks, x) is None:
            return True
    return False


def _not_a_count(toks: list[_Tok], fig: _Figure, victim: tuple[str, int] | None) -> bool:
    """A quantity a cue before it does not count: the agent of a passive cue ("killed by dozens of
    shells"), a vague quantity of things ("dozens of shells", "hundreds of rockets"), or a bare
    vague quantity that is the subject of a verb of its own ("many suffered breathing problems",
    "several fled"): ACLED's vague-number conventions apply to counts of people only. Nor does it
    count a number of a unit that is no person ("killed in 24 hours", "in the past 24 hours",
    "killed 12 people in 20 raids"): how long, how far, how many strikes."""
    t = terms()
    s, e = fig.start_tok, fig.end_tok
    if s >= 2 and toks[s - 1].low == "by" and _cue_kind(toks, s - 2) is not None:
        return True
    if victim is None and e < len(toks) and toks[e].low in t.non_person:
        return True
    if victim is None and e + 1 < len(toks) and toks[e + 1].low in t.non_person and toks[e].low.isalpha():
        # "several air strikes", "ten Russian raids": a modifier and a unit; not "1300 after shells"
        mod = toks[e].low
        return _cue_kind(toks, e) is None and mod not in t.victims and mod not in _PREPOSITIONS | _CLAUSE_WORDS
    if not fig.vague or victim is not None:
        return False
    nxt = toks[e].low if e < len(toks) else ""
    return nxt.endswith("ed") and nxt not in _AUX and _cue_kind(toks, e) is None


_BE = {"was", "were", "been", "being", "is", "are"}


def _passive_cue(low: list[str], j: int) -> bool:
    """Is the cue at ``j`` a passive participle ("were killed", "was also wounded")? It takes no
    object, so a figure after it begins a clause of its own."""
    w = low[j]
    if not (w.endswith("ed") or w in {"dead", "slain", "hurt"}):
        return False
    return (j > 0 and low[j - 1] in _BE) or (j > 1 and low[j - 2] in _BE and low[j - 1] in _AUX)


def _among_before(low: list[str], s: int) -> bool:
    """ "Among those killed were 105 children", "among the dead are two women", "among the
    civilians killed in the town was a child": a part of a toll told before it."""
    if s < 4 or low[s - 1] not in {"were", "was", "are", "is"}:
        return False
    return any(
        low[j] == "among" and low[j + 1] in {"those", "the"} and not _BOUNDARY.intersection(low[j:s])
        for j in range(max(0, s - 9), s - 2)
    )


def _past_parts(toks: list[_Tok], k: int, victim: bool) -> tuple[int, bool]:
    """Where the cue after a figure's noun phrase is, past what lies between: a part of it
    ("including 24 civilians", "among them two children"), auxiliaries ("were", "have been"),
    and the whole it is among ("Six civilians were among at least 22 people killed", "one
    civilian was among those killed") or the figure it is joined to ("At least 50 fighters and
    two civilians were killed"), whose cue is this one's too. True with it when the figure is
    among a whole: a part of another figure, like "including six children"."""
    among = False
    for _ in range(3):
        start = k
        if k < len(toks) and toks[k].low in {"including", "among"}:  # skip "including 24 civilians"
            k1 = k + 1 + (k + 1 < len(toks) and toks[k + 1].low in {"them", "whom"})
            # "were among at least 22 people killed": the whole; "among them two children": a part
            whole = toks[k].low == "among" and k1 == k + 1 and k > 0 and toks[k - 1].low in _AUX
            if whole and k1 + 1 < len(toks) and toks[k1].low in {"those", "the"}:
                if _cue_kind(toks, k1 + 1) is not None:  # "among those killed", "among the dead"
                    return k1 + 1, True
            sub = _figure_at(toks, k1) if k1 < len(toks) else None
            if sub is not None:
                sv = _victim_at(toks, sub.end_tok)
                k = sv[1] + 1 if sv else sub.end_tok
                among = among or whole
        elif victim and k + 1 < len(toks) and toks[k].low == "and":
            sub = _figure_at(toks, k + 1)
            sv = _victim_at(toks, sub.end_tok) if sub is not None else None
            if sv is None:
                break
            k = sv[1] + 1  # "50 fighters and two civilians were killed"
        while k < len(toks) and toks[k].low in _AUX:
            k += 1
        if k == start:
            break
    return k, among


def _running_total(toks: list[_Tok], fig: _Figure) -> str | None:
    """The kind of a running total the figure is ("killed", "injured"), or None.

    A toll brought up to the figure adds this event's dead to earlier ones: "bringing the number
    killed in 24 hours to 45", "raising the death toll to 45", "bringing to 45 the number killed",
    "took to 89 the number of civilians killed in the past seven days", "the toll in 24 hours
    rose to 45" (``toll_nouns``, ``toll_raise_verbs``, ``toll_rise_verbs``; a toll that rose over
    no span of time is the story's event's latest count, :func:`_updated_toll`). Its figure is no one event's,
    unless the toll is that of one event ("raising the death toll from the bombing to 20", "the
    death toll from the raid rose to 115"): a ``single_event_nouns`` word after "from", "of" or
    "in", and no span of time ("in 24 hours", "this week", "since")."""
    t = terms()
    s = fig.start_tok
    if s < 2 or toks[s - 1].low != "to":
        return None
    if toks[s - 2].low in t.toll_raise_verbs:  # "bringing to 45 the number killed"
        phrase = []
        for x in toks[fig.end_tok : fig.end_tok + 20]:
            if x.low in _BOUNDARY or x.low == ",":
                break
            phrase.append(x)
        if not any(x.low in t.toll_nouns for x in phrase[:3]):
            return None
        return None if _one_event(phrase) else _toll_kind(phrase)
    before = _toll_before(toks, fig)
    if before is None:
        return None
    j, between, phrase = before
    rises = any(x.low in t.toll_rise_verbs for x in between)
    raised = any(x.low in t.toll_raise_verbs for x in toks[max(0, j - 3) : j])
    if not (rises or raised):
        return None
    if rises and not raised and not _time_span([*between, *toks[fig.end_tok : fig.end_tok + 8]]):
        return None  # the latest count of the story's event: :func:`_updated_toll`
    return None if _one_event(between) else _toll_kind(phrase)


def _toll_before(toks: list[_Tok], fig: _Figure) -> tuple[int, list[_Tok], list[_Tok]] | None:
    """The toll noun of the figure's clause before "to <figure>" ("the death toll ... rose to 45"):
    its index, the words between it and "to", and the phrase that says whose toll it is; None
    when the clause has none, or a noun that counts no dead or wounded ("a number of", "the
    total")."""
    t = terms()
    s = fig.start_tok
    for back in range(2, 18):
        j = s - back
        if j < 0 or toks[j].low in _BOUNDARY or toks[j].low == ",":
            return None
        if toks[j].low not in t.toll_nouns:
            continue
        phrase = toks[max(0, j - 1) : s - 1]
        if toks[j].low != "toll" and not _toll_kind(phrase, strict=True):
            return None
        return j, toks[j + 1 : s - 1], phrase
    return None


def _updated_toll(toks: list[_Tok], fig: _Figure) -> str | None:
    """The kind of a toll that rose to the figure over no span of time ("the death toll has risen
    to 85", "the number of wounded rose to 50 overnight"): the latest count of the story's event,
    which ACLED codes (a toll of a span, "the toll in 24 hours rose to 45", adds events up:
    :func:`_running_total`, which the caller has found the figure is not)."""
    if fig.start_tok < 3 or toks[fig.start_tok - 1].low != "to":
        return None
    before = _toll_before(toks, fig)
    if before is None or not any(x.low in terms().toll_rise_verbs for x in before[1]):
        return None
    return _toll_kind(before[2])


def _time_span(scope: Sequence[_Tok]) -> bool:
    """Does a toll phrase count over a span of time ("in 24 hours", "this week", "since April")?"""
    low = [x.low for x in scope]
    return "since" in low or any(w in terms().time_units for w in low)


def _one_event(scope: Sequence[_Tok]) -> bool:
    """Is a toll phrase's scope one event ("from the bombing", "of the attack in Homs")?"""
    t = terms()
    low = [x.low for x in scope]
    if "since" in low or any(w in t.time_units for w in low):
        return False  # "in 24 hours", "this week", "since April": a span of time
    return any(
        w in {"from", "of", "in"} and any(v in t.single_event_nouns for v in low[k + 1 : k + 6])
        for k, w in enumerate(low)
    )


def _toll_kind(phrase: Sequence[_Tok], strict: bool = False) -> str | None:
    """ "killed" for a toll of the dead, "injured" for one of the wounded ("the number of
    wounded"); a bare toll counts the dead unless ``strict``."""
    t = terms()
    words = [x.low for x in phrase]
    if any(w in t.injure for w in words) and not any(w in t.kill for w in words):
        return "injured"
    if any(w in t.kill for w in words) or not strict:
        return "killed"
    return None


def is_cumulative(sentence: str) -> bool:
    """True when the sentence reports a cumulative toll (a war's total) rather than one event's."""
    low = " ".join(sentence.lower().split())
    t = terms()
    return any(cue in low for cue in t.cumulative) or any(p.search(low) for p in t.cumulative_patterns)


def _surface_source(
    sentence: str, toks: list[_Tok], fig_tok: int, doc: Any = None
) -> tuple[str, int, int] | None:
    """Fallback without a parse: "according to X" or the capitalised phrase before a reporting verb.

    With a parse that found no speaker, a reporting word counts only where the tagger read a
    verb: "states" in "United States" and "reports" in "media reports" are names and nouns."""
    t = terms()
    verbs = None if doc is None else {x.idx for x in doc if x.tag_.startswith("VB")}
    low = [x.low for x in toks]
    for k in range(len(toks) - 2):
        if low[k] == "according" and low[k + 1] == "to" and not _new_sentence_after(toks[k].text, k, fig_tok):
            j = k + 2
            while j < len(toks) and toks[j].low not in _BOUNDARY | {","} and j - k < 10:
                j += 1
            if j > k + 2:
                return (
                    _clean_source(sentence[toks[k + 2].start : toks[j - 1].end]),
                    toks[k + 2].start,
                    toks[j - 1].end,
                )
    best: tuple[int, int] | None = None
    for k, tok in enumerate(toks):
        lives = k + 1 < len(toks) and toks[k + 1].low in {"the", "lives"}
        if verbs is not None and tok.start not in verbs:
            continue
        if tok.low in t.reporting and tok.low != "according" and not (tok.low.startswith("claim") and lives):
            # a participle ("..., saying the blast killed") shares the finite verb's subject
            dist = abs(k - fig_tok) + (20 if tok.low.endswith("ing") else 0)
            if best is None or dist < best[0]:
                best = (dist, k)
    if best is None:
        return None
    k = best[1]
    j = k - 1
    words: list[int] = []
    while j >= 0 and len(words) < 8:
        w = toks[j]
        if w.low in _BOUNDARY or w.low in {",", "that", "which", "who"}:
            break
        if w.text[0].isupper() or w.low in {"for", "of", "al", "the", "'s"} or w.low in t.victims:
            words.append(j)
            j -= 1
            continue
        if w.low in _SOURCE_WORDS:
            words.append(j)
            j -= 1
            continue
        break
    if not words:
        return None
    a, b = min(words), max(words)
    return _clean_source(sentence[toks[a].start : toks[b].end]), toks[a].start, toks[b].end


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PREPS = {"of", "for", "at", "in", "by", "from", "on", "to", "with"}


def _outside(sentence: str, source: tuple[str, int, int], start: int, end: int) -> tuple[str, int, int] | None:
    """A speaker span that runs into the figure keeps only its words outside the figure ("a source
    at the Police Command two people were ..." -> "source at the Police Command"): the figure
    and its victims are never the speaker."""
    a, b = source[1], source[2]
    if a < start:
        a2, b2 = a, start
    elif b > end:
        a2, b2 = end, b
    else:
        return None
    text = _clean_source(sentence[a2:b2])
    return (text, a2, b2) if text else None


def _clean_source(text: str) -> str:
    """The speaker phrase alone, without words of the clause before it.

    With punctuation stripped ("on Saturday the Syrian Observatory said", "near Damascus the
    monitor said") a span often starts with the end of the previous clause: a determiner not
    after a preposition starts the speaker's noun phrase, so what precedes it goes, as do leading
    dates and numbers ("Oct 2016 Syrias army", "50 state media"). "X according to Y" is Y's
    figure, and a relative clause ("the claim which did not mention ...") is no part of the name.
    """
    text = _past_page_furniture(text.strip())
    m = re.search(r"\baccording to\s+(.+)$", text, flags=re.I)
    if m:
        text = m.group(1)
    words = text.split()
    for k in range(len(words) - 1, 0, -1):
        if words[k].lower() in {"the", "a", "an"} and words[k - 1].lower() not in _PREPS:
            words = words[k:]
            break
    for k in range(1, len(words)):
        if words[k].lower() in {"which", "who", "that"}:
            words = words[:k]
            break
    while words and (
        words[0][0].isdigit()
        or words[0].lower() in _MONTHS
        or words[0].lower() in _WEEKDAYS
        or (len(words) > 1 and words[0].lower() in {"early", "late", "mid"} and words[1].lower() in _MONTHS)
    ):
        words = words[1:]
    text = re.sub(r"^(?:(?:the|a|an|of|for|by|from)\s+)+", "", " ".join(words), flags=re.I)
    text = text.strip(" ,\"'“”")
    last = text.split()[-1].lower() if text else ""
    if last in _PRONOUNS or text.lower() in {"the", "a", "an"}:
        # "It said ...", and "... Nusra Front It added" (the words before belong to another
        # clause): not a speaker anyone can use
        return ""
    return text


def _past_page_furniture(text: str) -> str:
    """A speaker phrase without the page text a stripped headline or dateline glued before it:
    what an unopened bracket closes ("TRT World and Agencies) Syrian Observatory ..."), a page
    label before a capitalised word or a date ("Tags ...", "Related ...", "Date of publication
    27 October 2016 State media", "Source TRTWorld"; ``page_labels``) and a headline kicker in
    capitals ("SLEEPING DEAD Opposition activists")."""
    close = text.find(")")
    if close >= 0 and "(" not in text[:close]:
        text = text[close + 1 :].strip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]  # "(AFP)"
    words = text.split()
    while words and words[0][:1].isdigit():
        words = words[1:]  # "427 Related ..."
    toks = [_Tok(w, w.lower(), 0, 0) for w in words]
    n = _match_seq(toks, 0, terms().page_labels)
    if n and n < len(words) and (words[n][:1].isupper() or words[n][:1].isdigit()):
        words = words[n:]
    caps = 0
    while caps < len(words) and words[caps].isalpha() and words[caps].isupper() and len(words[caps]) > 1:
        caps += 1
    if 2 <= caps < len(words):
        words = words[caps:]  # a kicker of two or more words in capitals before the phrase
    return " ".join(words)


def _parse_source(doc: Any, fig_char: int, fig_end: int | None = None) -> tuple[str, int, int] | None:
    """The speaker who reports the figure, from a spaCy parse of the sentence.

    News attributes a figure in one of two places: a reporting verb before it that governs it
    ("the Observatory said 12 people were killed") or one at the end of its clause ("... killed
    14 civilians activists said", "..., the broadcaster said", "..., said the source"). With the
    punctuation of FA-KES stripped the small model often hangs such a tail verb off the figure's
    own verb or noun, so it is looked for first, by position (:func:`_tail_report`); then the
    reporting verbs among the figure's ancestors; then "according to X". ``fig_end`` is where
    the figure's phrase (victims included) ends: a speaker is never inside it.
    """
    tok = None
    for t in doc:
        if t.idx <= fig_char < t.idx + len(t.text):
            tok = t
            break
    if tok is None:
        return None
    end = tok.idx + len(tok.text) if fig_end is None else fig_end
    tail = _tail_report(doc, tok, end)
    if tail is not None:
        if _pronoun_subject(tail, end):
            return None  # "... killed 122 civilians he said": the speaker is in another sentence
        found = _speaker_of(doc, tail, end)
        if found is not None:
            return found
    prev = tok
    for anc in tok.ancestors:
        child, prev = prev, anc  # ``child``: the ancestor's dependent on the way to the figure
        if anc is tail or _claims_lives(anc):
            continue  # "the fighting claimed the lives of 129": a kill cue, not a report
        if anc.lemma_.lower() == "claim" and child.dep_ not in {"ccomp", "xcomp", "conj"}:
            continue  # "IS claimed (responsibility for) the bombing that killed 30": no report of them
        # the small model sometimes attaches "X said killed" as an auxiliary of the verb
        said_aux = any(c.dep_ == "aux" and _reports(c) and c.i < anc.i for c in anc.children)
        if said_aux:
            subj = _subjects(anc)
            if subj:
                found = _speaker_span(doc, subj[0])
                if found is not None:
                    return found
        elif _reports(anc):
            found = _speaker_of(doc, anc, end)
            if found is not None:
                return found
    for t in doc:
        if t.lower_ == "according":
            if _new_sentence_after(t.text, t.i, tok.i):
                continue
            for c in t.children:
                if c.lower_ == "to":
                    objs = [o for o in c.children if o.dep_ == "pobj"]
                    if objs:
                        who = _informant(objs[0])
                        if who.lower_ in _speech().count_nouns:
                            return None  # "according to the latest death toll": no one's
                        return _span_text(doc, who)
    return None


def _reports(tok: Any) -> bool:
    """Is the token a reporting word ("said", "reported", "told")?"""
    return tok.lemma_.lower() in _REPORT_LEMMAS or tok.lower_ in terms().reporting


def _claims_lives(verb: Any) -> bool:
    """ "claimed the lives of", "has claimed hundreds of lives": a kill cue, not a report."""
    if verb.lemma_.lower() != "claim":
        return False
    objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(t.lemma_.lower() in {"life", "lives"} for o in objs for t in o.subtree if t.i - o.i <= 3)


def _subjects(verb: Any) -> list[Any]:
    """The verb's active subjects that can name a speaker: a relative pronoun ("an attack that
    claimed the lives of") or a personal one ("he said") names no one here."""
    return [c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in {"WDT", "WP", "PRP"}]


def _passive(verb: Any) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


#: dependents by which a reporting verb takes what it reports after itself
_CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "attr", "oprd"}


def _tail_report(doc: Any, fig: Any, fig_end: int) -> Any | None:
    """The reporting verb that closes the figure's clause ("... were killed, the monitor said on
    Friday", "... wounded 56 people the broadcaster said", "... said the source adding that"):
    the first reporting verb after the figure, if what it reports lies before it (it takes no
    clause or object of its own after itself: "the army said 10 more were killed" and "residents
    said was hit" report something else). A passive one ("were reported killed") and a claim of
    responsibility ("the attack claimed by ISIS") are no report of the figure. The parse may
    hang the verb on the speaker ("the observatory reported on Thursday" as a modifier of
    "observatory"); it is looked for in the 80 words after the figure (a headline and a lede
    joined without their full stops)."""
    words = [t for t in doc if not t.is_punct]
    last = words[-1].i if words else -1
    for t in doc[fig.i + 1 : fig.i + 81]:
        # a name and a reporting word ending the sentence report it whatever the tag ("FNA reports")
        closing = t.i == last and t.i > 0 and _proper(doc[t.i - 1]) and t.lower_ in terms().reporting
        if t.idx < fig_end or not (t.tag_.startswith("VB") or closing) or t.tag_ == "VBG":
            continue
        if not _reports(t) or t.lower_ == "according" or t.dep_ in {"compound", "amod", "nmod"}:
            continue  # "others [state] news agency": a noun the tagger read as a verb
        if _passive(t):
            if t in fig.ancestors:
                return None  # "Three deaths were reported by the civil defence": its agent speaks
            continue
        if t.lemma_.lower() == "claim" and (_claims_lives(t) or t.dep_ in {"acl", "amod"} or _agent(t) is not None):
            continue
        if any(c.i > t.i and c.dep_ in _CONTENT_DEPS and not _inverted_subject(t, c) for c in t.children):
            return None
        return t
    return None


def _agent(verb: Any) -> Any | None:
    """The object of the verb's "by" agent ("reported by state television")."""
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _inverted_subject(verb: Any, child: Any) -> bool:
    """A noun the parse made the object of "said" after it is its speaker ("..., said the
    source", "said Rami Abdel Rahman"): "say" takes a clause, never a noun object. A gerund
    ("said adding that ...") continues the speaker's words."""
    if child.tag_ == "VBG" or _new_sentence(verb, child):
        return True
    if child.dep_ != "dobj":
        return False
    lemma = verb.lemma_.lower()
    return lemma == "tell" or (child.tag_.startswith("NN") and lemma in _speech().clause_verbs)


def _new_sentence(verb: Any, child: Any) -> bool:
    """Does the verb's complement begin a new sentence whose full stop was stripped ("... the
    Observatory said The hospital in the town is ...")? It starts right after the verb with a
    capitalised function word."""
    first = child.left_edge
    return first.i == verb.i + 1 and first.text[:1].isupper() and first.tag_ in {"DT", "PRP", "IN", "EX", "WRB", "RB"}


def _pronoun_subject(verb: Any, fig_end: int) -> bool:
    return any(c.dep_ == "nsubj" and c.tag_ == "PRP" and c.idx >= fig_end for c in verb.children)


def _speaker_of(doc: Any, verb: Any, fig_end: int) -> tuple[str, int, int] | None:
    """Who says what ``verb`` reports: its agent when it is passive ("was reported by state
    television"; none in "466 patients have been reported wounded"), else its subject. A verb
    after the figure takes the noun phrase right before it ("... on Tuesday the monitoring
    group said"), which the parse often gives to the figure's clause ("A missile ... killed 18
    civilians [a monitoring group] said" read as the missile saying), then the one right after
    it ("said the source"), and only then a subject before the figure ("The Observatory, which
    counted 12 dead, said")."""
    agent = _agent(verb)
    if agent is not None:
        return _speaker_span(doc, agent, fig_end if verb.idx >= fig_end else 0)
    if _passive(verb):
        return None
    subj = _subjects(verb)
    if not subj and verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp", "conj"}:
        # "The group claimed responsibility ..., saying the blast killed 40": a participle
        # shares the subject of the verb it hangs on
        subj = _subjects(verb.head)
    if verb.idx < fig_end:
        found = _first_speaker(doc, subj)
        # a verb of its own ("the Observatory reported that ...", tagged or hung as a modifier),
        # not a participle or an auxiliary's ("saying", "has said")
        own = verb.tag_ in {"VBD", "VBZ", "VBP", "VBN"} and not any(c.dep_ == "aux" for c in verb.children)
        np = _np_before(doc, verb, 0) if own else None
        if np is not None and (found is None or np[1] <= found[1] < np[2]):
            return np  # the whole phrase before the verb: the parse cut "opponents of [X] said"
        return found
    return (
        _np_before(doc, verb, fig_end)
        or _first_speaker(doc, sorted((s for s in subj if s.left_edge.idx >= fig_end), key=lambda c: -c.i), fig_end)
        or _np_after(doc, verb)
        or _first_speaker(doc, subj)
    )


def _first_speaker(doc: Any, heads: list[Any], lo: int = 0) -> tuple[str, int, int] | None:
    for head in heads:
        found = _speaker_span(doc, head, lo)
        if found is not None:
            return found
    return None


def _speech() -> Any:
    """The speaker vocabulary of ``claim_verbs.json`` (speaker nouns, verbs that take a clause
    only): the lexicon :mod:`crosswire.extract.claims` reads speakers with, loaded once there."""
    from crosswire.extract import claims  # claims reads figures' words through annotate

    return claims._lexicon()


_NAME_PREPS = {"of", "for"}
#: prepositions by which a speaker phrase says where its speaker is ("a reporter in Aleppo")
_SEAT_PREPS = {"in", "at", "from", "with"}


def _np_before(doc: Any, verb: Any, lo: int) -> tuple[str, int, int] | None:
    """The noun phrase that ends right before ``verb`` (an adverb or auxiliary between: "also said", "has said"), read
    by part of speech leftwards and not past ``lo``: "the Syrian Observatory for Human Rights",
    "Britain-based monitor", "SANA reporter in Aleppo", "FNA dispatches" (after "on Friday").

    It stops where a stripped comma joined it to the clause before: at a date or number, a
    place glued to it (:func:`_glued_place`) and a word that is no part of a speaker's name
    (``not_speaker_words``: "in the area [residents] said", "in the past 24 hours [military
    sources] said"; victims, units and casualty words likewise). A phrase that is the object of
    a preposition ("in Syria announced") is no subject."""
    i = verb.i - 1
    while i >= 0 and (doc[i].tag_ in {"RB", "RBR"} or doc[i].dep_ == "aux") and doc[i].lower_ not in {"not", "never"}:
        i -= 1  # "the Observatory also said", "UNICEF has said"
    if i > 0 and doc[i].text == ")":
        # "the Syrian Observatory for Human Rights (SOHR) said": the name before its acronym
        opening = [j for j in range(max(0, i - 6), i) if doc[j].text == "("]
        i = opening[-1] - 1 if opening else i
    if i < 0 or doc[i].idx < lo or not (doc[i].tag_.startswith("NN") or _proper(doc[i])):
        return None
    keep = [i]
    k = i - 1
    boundary = False  # stopped at a mark of a clause boundary (date, number, glued place)
    while k >= 0 and doc[k].idx >= lo:
        t = doc[k]
        if _date_word(t) or _glued_place(doc, k, keep[-1]):
            boundary = True
            break
        if _possessive_country(t):
            keep.append(k)  # "[near Deir al-Zor] Syrias SANA state news agency": it opens the phrase
            boundary = True
            break
        if _not_in_name(t) or (doc[keep[-1]].tag_.startswith(("NN", "JJ")) and _plural_before_noun(t)):
            break
        if t.tag_.startswith("JJ") and t.dep_ in {"acomp", "oprd", "attr", "advmod", "xcomp", "ccomp", "conj"}:
            break  # "... which was keeping them alive [Observatory chief X] told": a predicate
        # a word the parse makes a modifier is one whatever its tag ("chief" read as a verb)
        modifier = t.dep_ in {"amod", "compound"} and t.is_alpha and t.head.i > k
        # ... and a speaker noun before a noun ("others [state news agency SANA]", "state" read as a verb)
        modifier = modifier or (
            t.is_alpha and t.text.islower() and _speaker_noun(t) and doc[keep[-1]].tag_.startswith("NN")
        )
        if t.tag_.startswith(("NN", "JJ")) or t.tag_ in {"HYPH", "POS"} or _compound_participle(doc, k) or _proper(t):
            keep.append(k)
        elif modifier:
            keep.append(k)
        elif t.tag_ == "DT":
            keep.append(k)
            if not (k > 0 and _phrase_preposition(doc, k - 1)):
                k -= 1
                break
        elif _phrase_preposition(doc, k):
            keep.append(k)
        else:
            break
        k -= 1
    if not boundary and k >= 0 and doc[k].idx >= lo and doc[k].tag_ == "IN" and doc[k].lower_ in _PREPOSITIONS:
        return None
    toks = [doc[x] for x in sorted(keep)]
    while toks and (toks[0].tag_ in {"HYPH", "POS"} or toks[0].lower_ in _NAME_PREPS | _SEAT_PREPS):
        toks = toks[1:]
    return _phrase(doc, toks)


#: words that begin a clause or join two: no modifier of the noun after them
_CLAUSE_WORDS = {"after", "before", "when", "as", "and", "or", "while", "than", "but", "since", "until"}
#: prepositions whose object a noun phrase before a verb would be, were it one
_PREPOSITIONS = {
    "of", "for", "at", "in", "by", "from", "on", "to", "with", "near", "within", "into", "across",
    "against", "over", "under", "around", "during", "between", "among", "outside", "inside",
    "through", "toward", "towards", "behind", "beyond", "off",
}


def _plural_before_noun(tok: Any) -> bool:
    """A lowercase plural before a noun is no part of its phrase: English compounds do not modify
    a noun by a plural ("rights group", ``plural_modifiers``, aside), so "killing eight volunteers
    [opposition activists] said" and "its surroundings [local media] reported" join two phrases.
    A possessive whose apostrophe was stripped ("the UN childrens agency") is no plural."""
    t = terms()
    low = tok.lower_
    return (
        tok.tag_ == "NNS"
        and tok.text.islower()
        and low not in t.plural_modifiers
        and not (low.endswith("s") and low[:-1] in t.victims)
        and not re.search(r"[^aeiou]ys$", low)  # "the observatorys chief": "ies" is the plural
    )


def _not_in_name(tok: Any) -> bool:
    """A word a speaker phrase never holds before its head: a victim, a unit, a casualty word,
    a place or time noun (``not_speaker_words``), a number or date."""
    t = terms()
    low = tok.lower_
    if low in t.vague or low in t.number_words or tok.like_num:
        return True  # "wounding dozens [opposition activists] said"
    if _speaker_noun(tok):
        return False
    return low in t.not_speaker_words or low in t.victims or low in t.non_person or low in t.kill or low in t.injure


def _np_after(doc: Any, verb: Any) -> tuple[str, int, int] | None:
    """The speaker after a verb that news puts first ("..., said the source", "added the
    Observatory"): a noun phrase right after it, read rightwards by part of speech."""
    if verb.lemma_.lower() not in _speech().inverting_verbs:
        return None
    keep: list[int] = []
    k = verb.i + 1
    if k < len(doc) and doc[k].tag_ == "DT":
        keep.append(k)
        k += 1
    while k < len(doc):
        t = doc[k]
        if _date_word(t):
            break
        if t.tag_.startswith(("NN", "JJ")) or t.tag_ in {"HYPH", "POS"} or _compound_participle(doc, k):
            keep.append(k)
        elif t.lower_ in _NAME_PREPS and k + 1 < len(doc) and (doc[k + 1].tag_ == "DT" or _capitalised(doc[k + 1])):
            keep.append(k)
        elif t.tag_ == "DT" and keep and doc[keep[-1]].lower_ in _NAME_PREPS:
            keep.append(k)
        else:
            break
        k += 1
    while keep and not doc[keep[-1]].tag_.startswith("NN"):
        keep.pop()
    return _phrase(doc, [doc[x] for x in keep])


def _capitalised(tok: Any) -> bool:
    return tok.text[:1].isupper()


def _date_word(tok: Any) -> bool:
    """A weekday, month, number or ordinal, which ends a speaker phrase read across a stripped
    comma ("on Friday FNA dispatches said", "6 September 2016 SANA reporter said", "injuring a
    fourth SANA said")."""
    low = tok.lower_
    return low in _WEEKDAYS or low in _MONTHS or tok.tag_ == "CD" or low[:1].isdigit() or tok.like_num


def _compound_participle(doc: Any, k: int) -> bool:
    """ "based" in "Britain-based", "run" in "state-run", "led" in "US-led": a participle joined
    by a hyphen to the word before it, or one the parse reads as a modifier ("the opposing
    Syrian Observatory")."""
    t = doc[k]
    return t.tag_ in {"VBN", "VBG", "VBD"} and ((k > 0 and doc[k - 1].tag_ == "HYPH") or t.dep_ == "amod")


def _phrase_preposition(doc: Any, k: int) -> bool:
    """Does the preposition at ``k`` hold a speaker phrase together: "of"/"for" inside a name
    after a noun ("Observatory for Human Rights", "director of the monitor"), or "in"/"at"/"from"
    after a speaker noun ("reporter in Aleppo", "source at the Police Command")?"""
    low = doc[k].lower_
    if k == 0 or not doc[k - 1].tag_.startswith("NN"):
        return False
    if low in _NAME_PREPS:
        # "Observatory for Human Rights", "Ministry of Defence", "director of the monitor"; not
        # "the area of explosion"
        nxt = doc[k + 1] if k + 1 < len(doc) else None
        return _speaker_noun(doc[k - 1]) or (nxt is not None and _capitalised(nxt))
    return low in _SEAT_PREPS and _speaker_noun(doc[k - 1])


def _speaker_noun(tok: Any) -> bool:
    """A common noun that heads a speaker phrase ("source", "activists", "media")."""
    nouns = _speech().speaker_nouns | terms().speaker_nouns
    return tok.lower_ in nouns or tok.lemma_.lower() in nouns


def _glued_place(doc: Any, k: int, right: int) -> bool:
    """Is token ``k`` (with the one before it: "Deir Ezzor") a known place that a stripped
    comma or dateline glued to the speaker phrase after it ("district of Aleppo Syrian state
    television", "west of Raqqa local media", "Damascus SANA")? The word after it is then no part
    of a name with it: a lowercase word, an adjective, an acronym. "Aleppo Media Center" and
    "Damascus Police Command" stay whole."""
    nxt = doc[right]
    if not (nxt.text[:1].islower() or nxt.tag_.startswith("JJ") or (nxt.text.isupper() and len(nxt.text) > 1)):
        return False
    if not _capitalised(doc[k]):
        return False
    if k > 0 and _capitalised(doc[k - 1]) and _known_place(f"{doc[k - 1].text} {doc[k].text}"):
        return True
    # a country before its own "state television" is whose it is; before a name ("UNICEF"), glued
    return _known_place(doc[k].text) or (_country(doc[k].text) and _proper(nxt))


def _country(name: str) -> bool:
    """A country's name ("in eastern Syria UNICEF has said")."""
    try:
        from crosswire.geocode import countries

        return len(name) > 3 and name.casefold() in countries()
    except Exception:  # noqa: BLE001 - no country list: no country is read
        return False


def _possessive_country(tok: Any) -> bool:
    """ "Syrias", "Turkeys": a country's possessive with its apostrophe stripped, which opens a
    speaker phrase like a determiner ("Syrias SANA state news agency")."""
    text = tok.text
    return len(text) >= 5 and text.endswith("s") and _capitalised(tok) and _country(text[:-1])


#: a gazetteer entry this important (a governorate, district or town of note) is read as a place
#: when it is glued to a speaker phrase; villages share too many names with words
_PLACE_RANK = 45.0


@functools.lru_cache(maxsize=4096)
def _known_place(name: str) -> bool:
    try:
        from crosswire.geocode import Gazetteer

        found = Gazetteer.default().candidates(name, fuzzy=False)
    except Exception:  # noqa: BLE001 - no gazetteer: no place is stripped
        return False
    return any(score >= 100.0 and e.rank >= _PLACE_RANK for e, score in found)


def _phrase(doc: Any, toks: list[Any]) -> tuple[str, int, int] | None:
    """The speaker phrase of these tokens, when its head can speak (:func:`_can_speak`)."""
    while toks and toks[0].tag_ in {"DT", "HYPH", "POS"}:
        toks = toks[1:]
    if not toks or not _can_speak(toks):
        return None
    from crosswire.annotate import doc_text  # annotate imports this module

    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = _clean_source(doc_text(doc)[start:end])
    return (text, start, end) if text else None


def _can_speak(toks: list[Any]) -> bool:
    """Can a phrase with these tokens be a speaker? Its head (the last noun before any "of",
    "in", ...) is no casualty word, unit or date, nor a victim noun that names no speaker
    ("civilians"); the phrase is no casualty figure ("at least 48 people", "two more people");
    and a common noun heads it only when it is a speaker or record noun (``claim_verbs.json``,
    "the monitoring group", "media reports", and ``casualty_terms.json``'s own) or the phrase
    holds a proper name ("FNA dispatches"). "A suicide bomb blast" and "the airstrikes" say
    nothing."""
    t = terms()
    head = toks[-1]
    for x in toks:
        if x.tag_ == "IN" or x.lower_ in _NAME_PREPS | _SEAT_PREPS:
            break
        head = x
    low = head.lower_
    if low in t.kill or low in t.injure or low in t.non_person or _date_word(head):
        return False
    if low in t.victims and any(x.i < head.i and x.lower_ in t.victims for x in toks):
        return False  # "2600 civilians citizens": the victims of a figure
    words = [x.lower_ for x in toks]
    counted = any(x.like_num or x.lower_ in t.vague for x in toks)
    if _match_seq([_Tok(w, w, 0, 0) for w in words], 0, t.qualifiers) or (counted and {"more", "other"} & set(words)):
        return False
    if low in t.victims and not _speaker_noun(head):
        # "civilians" speak for no one; "Al-Qaeda-affiliated extremists" name who speaks
        return any(_proper(x) for x in toks if x.i < head.i)
    lex = _speech()
    if _proper(head) or _speaker_noun(head) or (low in lex.source_nouns and low not in lex.count_nouns):
        return True
    return any(_proper(x) for x in toks)


def _proper(tok: Any) -> bool:
    """A proper name or an acronym ("MSF", which the tagger may read as a plural noun)."""
    return tok.tag_ in {"NNP", "NNPS"} or (tok.text.isupper() and len(tok.text) > 1 and tok.text.isalpha())


def _speaker_span(doc: Any, head: Any, lo: int = 0) -> tuple[str, int, int] | None:
    """The speaker phrase a parse gives by its head: the head's subtree (a long relative clause
    cut, as :func:`_span_text`), nothing of it before ``lo`` (the figure's end: "... left
    another 30 [injured Ahmed Mustafa] told"), no casualty participle or glued place before the
    name, and only when it can speak (:func:`_can_speak`)."""
    toks = list(head.subtree)
    if len(toks) > 14 or (len(toks) > 9 and any(t.pos_ in {"VERB", "AUX"} for t in toks)):
        toks = [t for t in toks if t.i <= head.i]
    toks = [t for t in toks if t.idx >= lo]
    # a quote or bracket before the head closes what came before ('the residential area"
    # activist Mansoor Hussain'); a time after it is no part of the name ("forces on Sunday")
    marks = [k for k, x in enumerate(toks) if x.i < head.i and (x.is_punct and x.text not in {"-", "'", "’"})]
    if marks:
        toks = toks[marks[-1] + 1 :]
    for k, x in enumerate(toks):
        if x.i > head.i and x.tag_ == "IN" and _dated(doc, x.i + 1):
            toks = toks[:k]
            break
    t = terms()
    if head.lower_ in t.victims and any(x.i < head.i and (x.like_num or x.lower_ in t.vague) for x in toks):
        return None  # "two more people", "some 300 fighters": a figure, not who tells it
    while toks and (toks[0].dep_ in {"det", "punct"} or toks[0].lower_ in t.kill or toks[0].lower_ in t.injure):
        toks = toks[1:]
    if len(toks) > 1 and _glued_place(doc, toks[0].i, toks[1].i):
        toks = toks[1:]
    elif len(toks) > 2 and _glued_place(doc, toks[1].i, toks[2].i) and toks[1].i == toks[0].i + 1:
        toks = toks[2:]  # "Deir Ezzor SANA news agency"
    if not toks:
        return None
    return _phrase(doc, toks)


def _dated(doc: Any, k: int) -> bool:
    """Does a date or time start at token ``k`` ("Sunday", "the weekend", "last week")?"""
    while k < len(doc) and doc[k].tag_ in {"DT", "JJ"} and not _date_word(doc[k]):
        k += 1
    if k >= len(doc):
        return False
    low = doc[k].lower_
    return low in _WEEKDAYS or low in _MONTHS or doc[k].ent_type_ in {"DATE", "TIME"}


def _new_sentence_after(word: str, at: int, fig: int) -> bool:
    """A capitalised "According" inside a sentence starts a new one whose full stop was stripped
    ("... in Aleppo city According to a source two people were killed"): it covers only what follows."""
    return at > 0 and word[:1].isupper() and fig < at


#: what someone's figures come in: "according to information handed over by the local council"
_INFO_NOUNS = {"information", "report", "reports", "figures", "data", "estimate", "estimates", "toll",
               "tally", "count", "statistics", "documentation"}


def _informant(obj: Any) -> Any:
    """The body behind "according to <information noun>": the agent ("by X", "from X") or the
    noun's own modifier ("an Observatory toll")."""
    if obj.lower_ not in _INFO_NOUNS:
        return obj
    for t in obj.subtree:
        if t.lower_ in {"by", "from"} and t.dep_ in {"agent", "prep"}:
            objs = [o for o in t.children if o.dep_ == "pobj"]
            if objs:
                return objs[0]
    mods = [c for c in obj.children if c.dep_ in {"compound", "poss"} and c.text[:1].isupper()]
    return mods[0] if mods else obj


def _span_text(doc: Any, head: Any) -> tuple[str, int, int]:
    toks = list(head.subtree)
    # a long modifier (a relative clause): keep the noun phrase up to its head; a long name
    # without a verb ("Rami Abdel Rahman head of the Syrian Observatory for Human Rights") stays
    if len(toks) > 14 or (len(toks) > 9 and any(t.pos_ in {"VERB", "AUX"} for t in toks)):
        toks = [t for t in toks if t.i <= head.i]
    while toks and toks[0].dep_ in {"det", "punct"}:
        toks = toks[1:]
    if not toks:
        toks = [head]
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    from crosswire.annotate import doc_text  # annotate imports this module

    return _clean_source(doc_text(doc)[start:end]), start, end


def _canonical_source(text: str) -> str:
    try:
        from crosswire.extract import actors
    except ImportError:
        return text
    try:
        found = actors.find_actor_mentions(text)
    except Exception:  # noqa: BLE001 - an actor lookup must never lose the figure
        return text
    bare = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    for m in found:
        # only a mention that is the whole phrase names the speaker: "Syrian state television"
        # is a broadcaster, not "Government of Syria" because it begins with a demonym
        if not m.canonical or len(m.text.strip()) < len(bare) - 2:
            continue
        info = actors.lookup_actor(str(m.canonical))
        # "residents said", "a reporter said": the civilians category is no speaker's name
        if info is not None and info.actor_type == actors.CIVILIANS and "(" in str(m.canonical):
            continue
        return str(m.canonical)
    return text


def find_fatality_claims(
    sentence: str,
    sentence_start: int,
    story_id: str,
    sentence_span: tuple[int, int] | None = None,
    doc: Any = None,
    include_cumulative: bool = False,
) -> list[FatalityClaim]:
    """Every casualty figure in ``sentence`` (offsets into the story start at ``sentence_start``).

    ``doc`` is an optional spaCy parse of the sentence text, used to find who reports each
    figure; ``include_cumulative`` keeps figures of sentences about a war's total toll, which
    are not any one event's fatalities and are dropped by default.
    """
    if not include_cumulative and is_cumulative(sentence):
        return []
    span_start, span_end = sentence_span or (sentence_start, sentence_start + len(sentence))
    toks = _tokens(sentence)
    low = [t.low for t in toks]
    out: list[FatalityClaim] = []
    last_end = -1  # one past the last token (victim included) of the last figure kept
    part_end = -1  # the same, when that figure is a part of another ("including six children")
    i = 0
    while i < len(toks):
        fig = _figure_at(toks, i)
        if fig is None or _is_date_number(toks, fig.qty_tok, fig.end_tok):
            i += 1
            continue
        running = _running_total(toks, fig)
        if running is not None and not include_cumulative:
            i = max(i + 1, fig.end_tok)  # "bringing the number killed in 24 hours to 45": no one event's
            continue
        victim = _victim_at(toks, fig.end_tok)
        if victim is None and _family_before(toks, fig.start_tok):
            # "a family of six was killed": six people, the phrase from its article
            s0 = fig.start_tok - 2
            det = [d for d in range(max(0, s0 - 3), s0) if low[d] in {"a", "an", "the", "one"}]
            if det and all(low[x].isalpha() and low[x] not in _AUX for x in range(det[-1], s0)):
                s0 = det[-1]  # "an entire family of four", "an Iraqi family of four"
            fig, victim = dataclasses.replace(fig, start_tok=s0), ("people", fig.end_tok - 1)
        if victim is not None and not fig.vague and (kin := _kin_after(toks, victim[1] + 1)) is not None:
            # "a man and his wife", "a mother and her two children": one figure of them all
            n_kin, kin_category, kin_end = kin
            fig = dataclasses.replace(fig, low=fig.low + n_kin, best=fig.best + n_kin, high=fig.high + n_kin)
            victim = (victim[0] if victim[0] == kin_category else "people", kin_end)
        share = _share_of_previous(toks, fig, victim, last_end)
        if share is not None and not share[0]:
            i = max(i + 1, share[1])  # "killed 25 people, many of them children": who, not how many
            continue
        nxt = toks[victim[1] + 1].low if victim and victim[1] + 1 < len(toks) else ""
        prev = low[fig.start_tok - 1] if fig.start_tok > 0 else ""
        one = fig.high == 1 and not fig.vague
        if victim and nxt in terms().reporting and nxt != "according" and (prev in terms().victims or one):
            # "killing four civilians two residents said", "... were killed in the attack a
            # relative told AFP", "one of his relatives said": the speakers
            i = victim[1] + 1
            continue
        updated = _updated_toll(toks, fig) if running is None else None
        kinds: list[str] = [running] if running is not None else [updated] if updated is not None else []
        e = fig.end_tok
        if not kinds and victim is None and e + 1 < len(toks) and low[e] in _PARTICIPLES:
            # "several injured civilians", "two wounded soldiers"
            victim = _victim_at(toks, e + 1, limit=3)
            cue0 = _cue_kind(toks, e) if victim else None
            if cue0:
                kinds.append(cue0[0])
        after = victim[1] + 1 if victim else fig.end_tok
        # "50 fighters were killed", "12 dead", "dozens more injured", "five of the dead"
        k = after
        shared = _share_clause(toks, k) if victim else None
        if shared is not None:
            k = shared  # "200 people, most of whom were civilians, were killed": the cue is beyond
        if not victim and k < len(toks) and toks[k].low in {"more", "other"}:
            k += 1
        if not victim and k + 1 < len(toks) and toks[k].low == "of" and toks[k + 1].low in {"the", "them"}:
            k += 2
        before = " ".join(low[max(0, fig.start_tok - 2) : fig.start_tok])
        part = any(before.endswith(s) for s in _SUBSET) or _among_before(low, fig.start_tok)
        # a part ("including a child and 37 others were injured") joins no figure after it
        k, among = _past_parts(toks, k, bool(victim) and not part)
        cue = _cue_kind(toks, k) if k < len(toks) and not kinds and toks[k].low not in _ACTIVE else None
        if cue and victim and _object_figure(toks, k + cue[1]):
            cue = None  # "... three citizens injured two others": the verb of the next figure
        cue_end = -1
        if cue and (victim or k == fig.end_tok or toks[k].low in {"dead", "killed", "injured", "wounded"}):
            kinds.append(cue[0])
            m = k + cue[1]
            both = _cue_kind(toks, m + 1) if m + 1 < len(toks) and low[m] == "and" else None
            if both and both[0] != cue[0] and not _object_figure(toks, m + 1 + both[1]):
                kinds.append(both[0])  # "were killed and wounded": a figure of each
            if shared is None:
                cue_end = k + cue[1]  # "50 bodies", "12 were killed": the figure's phrase ends here
        if not kinds and not _not_a_count(toks, fig, victim):
            # "killed at least 32 people", "killing and wounding dozens", "the death toll reached 112"
            for back in range(1, 16):
                j = fig.start_tok - back
                if j < 0 or low[j] in _BOUNDARY:
                    break
                if j < last_end and _new_verb_between(toks, last_end, fig.start_tok):
                    break  # "killing two children, burning many civilians": another verb's object
                c = _cue_kind(toks, j)
                if c is None and back == 1 and victim and low[j] in terms().loss_cues:
                    c = ("killed", 1)  # "the army lost 12 soldiers": a side's dead (of people only)
                if c is None:
                    continue
                if _passive_cue(low, j) and low[j + c[1]] in {"and", ","}:
                    break  # "a woman was killed and twenty civilians were treated": a new subject
                window = 15 if low[j] in {"toll", "death"} else 6
                if back > window:
                    continue
                if not victim and back > 2 and low[j] not in {"toll", "death"}:
                    break
                kinds.append(c[0])
                if j >= 2 and low[j - 1] == "and":
                    c2 = _cue_kind(toks, j - 2)
                    if c2 and c2[0] != c[0]:
                        kinds.append(c2[0])
                break
        subset = part or share is not None or among
        if not kinds and subset and out:
            # "killed 19 people on Tuesday including six children": a part of the figure before
            kinds.append(out[-1].kind)
        if not kinds:
            i = max(i + 1, fig.end_tok)
            continue
        if not subset and part_end >= 0 and out and kinds[0] == out[-1].kind:
            # "including a woman and two children were killed", "Among those killed were 105
            # children and 76 women": the figure joined to a part is a part of the same whole
            subset = all(low[x] in {"and", ","} for x in range(part_end, fig.start_tok)) and part_end < fig.start_tok
        qualifier = fig.qualifier
        if subset:
            qualifier = "including" + (f" {qualifier}" if qualifier else "")
        end_char = toks[victim[1]].end if victim else toks[fig.end_tok - 1].end
        start_char = toks[fig.start_tok].start
        source: tuple[str, int, int] | None = None
        if doc is not None:
            try:
                source = _parse_source(doc, toks[fig.end_tok - 1].start, end_char)
            except Exception:  # noqa: BLE001 - a parse quirk must not lose the figure
                source = None
        if source is None and doc is None:
            source = _surface_source(sentence, toks, fig.start_tok, doc)
        if source is not None and source[1] < end_char and start_char < source[2]:
            source = _outside(sentence, source, start_char, end_char)
        source_name: str | None = None
        if source is not None and source[0]:
            source_name = _canonical_source(source[0])
            between = sentence[min(source[2], start_char) : max(source[1], start_char)].lower()
            if any(re.search(rf"\b{re.escape(n)}\b", between) for n in terms().statement_nouns):
                source_name = f"{source_name} (statement)"
        ev = Evidence(
            story_id=story_id,
            start=sentence_start + start_char,
            end=sentence_start + end_char,
            text=sentence[start_char:end_char],
            sentence=sentence,
            sentence_start=span_start,
            sentence_end=span_end,
        )
        for kind in kinds:
            out.append(
                FatalityClaim(
                    low=fig.low,
                    best=fig.best,
                    high=fig.high,
                    kind=kind,
                    source=source_name,
                    victims=victim[0] if victim else None,
                    qualifier=qualifier,
                    evidence=ev,
                    vague=fig.vague,
                )
            )
        last_end = (victim[1] + 1) if victim else fig.end_tok
        part_end = last_end if subset else -1
        i = max(i + 1, last_end)
        last_end = max(last_end, cue_end)
    return out


def acled_fatalities(claims: Sequence[FatalityClaim]) -> int:
    """ACLED's fatalities: the most conservative killed figure reported (0 when none).

    Sub-figures ("including 24 civilians") are parts of another figure and never the total
    where that figure is told (an event told only by its parts has at least their dead). A
    vague quantity's conventional value ("tens" = 10, "dozens" = 12) stands in for a count no
    report gives, so it counts only when no figure of the event is a count: "tens killed" beside
    "14 of the dead" is the 14, not 10. Figures joined by "and" ("killed 31 jihadists and eight
    civilians", "50 fighters and two civilians were killed") are the parts of one report's toll:
    their sum is that report's figure (:func:`_runs`). ACLED sums the dead of all sides
    of one event, so figures of different sides ("12 soldiers were killed ... 20 rebels died")
    add up, while competing figures for the same victims (the Observatory's 32 militants, the
    group's 50) keep the lowest (:func:`_side_sum`).
    """
    return acled_toll(claims)[0]


def acled_toll(claims: Sequence[FatalityClaim]) -> tuple[int, Evidence | None]:
    """:func:`acled_fatalities` with its evidence: the span of the figure (or of the joined
    figures, "At least 50 fighters and two civilians") it is; for a sum of sides told apart, the
    span over them when one sentence holds them all, else the largest part's."""
    killed = [c for c in claims if c.kind == "killed"]
    # parts ("including six children", "a child was among the civilians killed") count only
    # where no figure of the whole is told: at least that many died
    killed = [c for c in killed if not (c.qualifier or "").startswith("including")] or killed
    counted = [c for c in killed if not c.vague]
    killed = counted or killed
    runs = _runs(killed)
    # a run with a figure of all the dead ("a child and 37 others") is a toll of its own
    totals = [(sum(c.low for c in run), _run_evidence(run)) for run in runs if any(_side(c) is None for c in run)]
    pool = totals + _side_sum([run for run in runs if all(_side(c) is not None for c in run)])
    if not pool:
        return 0, None
    low, evidence = min(pool, key=lambda t: t[0])
    return low, evidence


def _side(claim: FatalityClaim) -> str | None:
    """The group of victims whose dead a figure counts: its victim category when that names one
    (``victim_sides``: "soldiers", "fighters", "civilians", "children" ...), or None for a
    figure of all the dead ("32 people", "12 killed") or of several sides at once ("70 regime
    and rebel fighters"). Fighters named as the state's ("regime fighters", "pro-government
    militiamen": ``state_side_modifiers``) count with the state's own (the first category of
    side "state"): a report of "30 regime forces" and another of "30 regime fighters" count the
    same dead."""
    t = terms()
    category = claim.victims or ""
    side = t.victim_sides.get(category)
    if side == "civilian" and category == "civilians" and claim.evidence is not None:
        noun = _tokens(claim.evidence.text)[-1].low
        # "six teachers", "three workers": civilians of their own, whom "civilians" may hold
        return category if noun in t.umbrella_victims else f"{category}:{noun}"
    if side != "armed" or claim.evidence is None:
        return category if side is not None else None
    words = [x.low for x in _tokens(claim.evidence.text)]
    if any(w in t.state_side_modifiers for w in words):
        if "and" in words:
            return None
        return next((c for c, s in t.victim_sides.items() if s == "state"), category)
    return category


def combatant_side(claim: FatalityClaim) -> str | None:
    """The fighting side whose dead a figure counts ("state" for "12 regime soldiers", "armed" for
    "9 rebels": a side of ``combatant_sides``), or None for civilians, all the dead or several
    sides at once: the figures that tell battle dead and the dead of opposed sides of a clash."""
    group = _side(claim)
    return _fighting_side(group) if group is not None else None


def _fighting_side(group: str) -> str | None:
    """The fighting side (``combatant_sides``) a victim group's dead are of ("soldiers" or
    "soldiers:<actor>" -> "state"), or None for civilians and groups of no one side."""
    side = terms().victim_sides.get(group.split(":")[0])
    return side if side in terms().combatant_sides else None


def unnamed_camp(side: str) -> str | None:
    """The camp (an actors.csv side) the dead of a fighting side belong to when no group is
    named with them ("12 soldiers" are the state's: pro-government; "9 fighters" may be anyone's)."""
    return terms().combatant_sides.get(side) or None


class _Part(NamedTuple):
    """One group of victims' figure in one report (:func:`_side`): its value and evidence, the
    stretch of text it is told in (:func:`_stretch`) and whether it is told as more dead beside
    others ("also", "another")."""

    side: str
    value: int
    evidence: Evidence | None
    stretch: tuple[int, str, int]
    added: bool


def _side_sum(runs: Sequence[list[FatalityClaim]]) -> list[tuple[int, Evidence | None]]:
    """The dead of different groups of victims told together, from runs of figures that each
    count one group's (:func:`_side`).

    Per group the lowest report counts (competing figures for the same dead: "32 militants" by
    one source, "50 fighters" by another). Groups are added up when one stretch of text tells
    them together ("12 soldiers were killed and 20 rebels died", "killed 14 jihadists 5
    civilians", "22 children had been killed along with six teachers") or a figure is told as
    more dead beside those already counted ("One civilian was also killed in the strikes",
    "Another five rebel fighters were killed"), or opposed fighting sides are told in consecutive
    sentences (:func:`_facing`): ACLED sums the dead of all sides of one event.
    A group told alone elsewhere may be another event's the story mentions, or a part of a
    figure told before ("Four children were among them"), so it stays a total of its own, which
    the most conservative figure weighs as before. The figures of one group in a run joined by
    "and" are one report of their sum."""
    parts: list[_Part] = []
    for run in runs:
        by_side: dict[str, list[FatalityClaim]] = {}
        for c in run:
            by_side.setdefault(_side(c) or "", []).append(c)
        for side, claims in by_side.items():
            ev = _run_evidence(claims)
            parts.append(_Part(side, sum(c.low for c in claims), ev, _stretch(ev), _added(claims[0])))
    if not parts:
        return []
    lowest: dict[str, tuple[int, Evidence | None]] = {}
    for p in parts:
        if p.side not in lowest or p.value < lowest[p.side][0]:
            lowest[p.side] = (p.value, p.evidence)
    group = {side: side for side in lowest}

    def root(side: str) -> str:
        while group[side] != side:
            side = group[side]
        return side

    told: dict[tuple[int, str, int], list[str]] = {}
    for p in parts:
        told.setdefault(p.stretch, []).append(p.side)
    first = next((p.side for p in parts if not p.added), None)
    # the other side's dead told in the next sentence ("Eight soldiers were killed." "At least 15
    # militants died."): the two sides of one clash, as if told together
    facing = [[a.side, b.side] for a in parts for b in parts if _facing(a, b)]
    for sides in [*told.values(), *([first, p.side] for p in parts if p.added and first is not None), *facing]:
        for other in sides[1:]:
            group[root(other)] = root(str(sides[0]))
    components: dict[str, dict[str, tuple[int, Evidence | None]]] = {}
    for group_key, low in lowest.items():
        components.setdefault(root(group_key), {})[group_key] = low
    return [_component_total(members) for members in components.values()]


def _facing(a: _Part, b: _Part) -> bool:
    """Are two parts the dead of opposed fighting sides (``combatant_sides``: "state" soldiers,
    "armed" rebels) told in consecutive sentences, ``a`` first ("Eight soldiers were killed in the
    clashes. At least 15 militants died, the Observatory said")? Figures of one side told by two
    sources ("32 soldiers" by the monitor, "50 troops" by the rebels) are competing counts of the
    same dead, never facing; nor are civilians, who may be a part of a figure told before."""
    sa, sb = _fighting_side(a.side), _fighting_side(b.side)
    if sa is None or sb is None or sa == sb:
        return False
    ea, eb = a.evidence, b.evidence
    if ea is None or eb is None:
        return False
    return 0 <= eb.sentence_start - ea.sentence_end <= 3


def _component_total(members: dict[str, tuple[int, Evidence | None]]) -> tuple[int, Evidence | None]:
    """The dead of groups told together: their sum, but a figure of civilians at large ("58
    civilians": ``umbrella_victims``) beside other civilians' ("25 children", "six teachers")
    may hold them ("killed 58 civilians ... 25 casualties were children"), so the civilian side
    counts the larger of the two."""
    sides = terms().victim_sides
    inside = [v for k, v in members.items() if k != "civilians" and sides.get(k.split(":")[0]) == "civilian"]
    parts = [v for k, v in members.items() if k != "civilians" and v not in inside]
    if "civilians" in members and members["civilians"][0] >= sum(n for n, _ in inside):
        parts.append(members["civilians"])
    else:
        parts.extend(inside)
    return sum(n for n, _ in parts), _sum_evidence(parts)


def _stretch(ev: Evidence | None) -> tuple[int, str, int]:
    """The stretch of text a figure is told in: its sentence, cut where a page label ("Related",
    "Tags": ``page_labels``) glued another story's headline to it."""
    if ev is None:
        return (-1, "", 0)
    before = _tokens(ev.sentence[: max(0, ev.start - ev.sentence_start)])
    labels = terms().page_labels
    cuts = sum(1 for k, tok in enumerate(before) if tok.text[:1].isupper() and _match_seq(before, k, labels))
    return (ev.sentence_start, ev.sentence, cuts)


def _added(claim: FatalityClaim) -> bool:
    """Is the figure told as more dead beside others: "another"/"a further" before it, "more"
    in it, or "also" between it and its cue ("One civilian was also killed")? (``added_words``)"""
    ev = claim.evidence
    if ev is None:
        return False
    words = terms().added_words
    a, b = ev.start - ev.sentence_start, ev.end - ev.sentence_start
    before = [x.low for x in _tokens(ev.sentence[:a])][-2:]
    inside = [x.low for x in _tokens(ev.text)]
    after = [x.low for x in _tokens(ev.sentence[b:])][:3]
    more = any(w == "more" and inside[k + 1 : k + 2] != ["than"] for k, w in enumerate(inside))
    if any(w in words and w not in {"also", "more"} for w in before) or (more and "more" in words):
        return True
    for w in after:
        if w == "also":
            return True
        if w not in _AUX:
            return False
    return False


def _sum_evidence(parts: list[tuple[int, Evidence | None]]) -> Evidence | None:
    """The evidence of a sum of parts: the span from the first to the last when they lie in one
    sentence, else the largest part's."""
    evs = sorted((e for _, e in parts if e is not None), key=lambda e: e.start)
    if not evs:
        return None
    first = evs[0]
    if all(e.sentence_start == first.sentence_start and e.sentence == first.sentence for e in evs):
        a, b = first.start - first.sentence_start, max(e.end for e in evs) - first.sentence_start
        return dataclasses.replace(first, end=first.sentence_start + b, text=first.sentence[a:b])
    return max(parts, key=lambda t: t[0])[1]


def _runs(killed: Sequence[FatalityClaim]) -> list[list[FatalityClaim]]:
    """The figures in story order, grouped into runs joined by a bare "and" (:func:`_joined`):
    a run of one sentence ("two children and three women") is one report of their sum, its
    evidence the span from the first to the last (:func:`_run_evidence`)."""
    ordered = sorted(
        killed,
        key=lambda c: (c.evidence.sentence_start, c.evidence.start) if c.evidence else (-1, -1),
    )
    runs: list[list[FatalityClaim]] = []
    for c in ordered:
        last = runs[-1][-1] if runs else None
        if last is not None and _joined(last, c):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def _run_evidence(run: list[FatalityClaim]) -> Evidence | None:
    first, last = run[0].evidence, run[-1].evidence
    if first is None or last is None or len(run) == 1:
        return first
    a, b = first.start - first.sentence_start, last.end - first.sentence_start
    return dataclasses.replace(first, end=last.end, text=first.sentence[a:b])


def _joined(a: FatalityClaim, b: FatalityClaim) -> bool:
    ea, eb = a.evidence, b.evidence
    if ea is None or eb is None or ea.sentence_start != eb.sentence_start or ea.sentence != eb.sentence:
        return False
    if eb.start < ea.end:
        return False
    gap = ea.sentence[ea.end - ea.sentence_start : eb.start - ea.sentence_start]
    return gap.strip(" ,").lower() == "and"
