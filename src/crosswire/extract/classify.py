"""ACLED event classification of sentences and snippets.

The knowledge is data: ``data/event_types.json`` (bundled, plus any
``event_types.json`` in the user's ``CROSSWIRE_DATA`` folders) lists ACLED's 25
sub-event types with their trigger patterns and the codebook's precedence rules
("overrides": a chemical weapon overrides an air strike, a suicide bomb a
remote explosive, a territorial change the battle that caused it), the cue
groups some triggers need ("attacked" is an armed clash when soldiers are the
target and violence against civilians when villagers are), the things ACLED
does not code (disasters, crime, diplomacy) and the cues that mark a trigger as
negated, hypothetical, planned or future ("will launch an offensive", "called
for an end to air strikes").

The code only does what the data cannot: it finds the triggers, checks their
cues and modality, resolves a territorial change to "Government regains
territory" or "Non-state actor overtakes territory" by the actor who takes the
place, applies the precedence rules and scores the hits.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from crosswire.errors import DataFileError
from crosswire.patterns import (
    ascii_firsts,
    first_chars,
    guarded_alternation,
    literal_prefixes,
    split_alternatives,
)
from crosswire.settings import DATA_ENV, data_files

EVENT_TYPES_FILE = "event_types.json"

#: boundary wrappers for trigger and cue patterns: whole words (a hyphen joins words)
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w])"


@dataclass(frozen=True)
class TypeHit:
    """One ACLED event reported in a sentence: its type, the trigger and its absolute span."""

    event_type: str
    sub_event_type: str
    trigger: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Overridden:
    """A hit that ACLED precedence dropped in favour of other hits of the same sentence.

    Precedence is read from the words alone and is right when both triggers tell one action
    ("an air strike with chlorine gas" is one chemical attack); the caller, who has the parse,
    may keep ``hit`` as an event of its own when it lies in another clause than every hit of
    ``by`` ("after the army took the town, reports of chemical attacks appeared").
    """

    hit: TypeHit
    by: tuple[TypeHit, ...]  # every trigger of the sub-types that override it
    same: tuple[TypeHit, ...] = ()  # every trigger of hit's own sub-type (hit among them)


@dataclass(frozen=True)
class _Trigger:
    code: str
    pattern: re.Pattern[str]
    weight: float
    requires: tuple[str, ...]
    window: int | None
    excludes: tuple[str, ...]
    exclude_window: int | None  # if set, an excluding cue counts only this close to the trigger
    default_side: str | None  # territory triggers: who takes the place when no actor is found


@dataclass(frozen=True)
class _Candidate:
    code: str  # sub-type code (territory already resolved)
    start: int  # offsets into the sentence
    end: int
    weight: float
    modal: bool


@dataclass(frozen=True)
class _TriggerIndex:
    """Where a set of triggers can match: one scan instead of one per trigger (:func:`_matches`)."""

    triggers: tuple[_Trigger, ...]
    any_start: re.Pattern[str]  # a match where the body of any trigger matches
    starts: re.Pattern[str]  # the same, zero-width: every such position
    by_first: dict[str, tuple[int, ...]]  # lower-cased ASCII character -> triggers that can begin so
    anywhere: tuple[int, ...]  # triggers whose first characters are not known
    # lower-cased ASCII first three characters -> the triggers that can begin so: those whose
    # every match begins with one of a few known three letters under these, joined (once, at
    # build) by the others their first character begins (``short``: prefix unknown or shorter)
    by_three: dict[str, frozenset[int]]
    short: dict[str, frozenset[int]]  # lower-cased ASCII character -> the others beginning so

    @classmethod
    def build(cls, triggers: tuple[_Trigger, ...]) -> _TriggerIndex:
        bodies = [t.pattern.pattern[len(_LEFT) + 3 : -len(_RIGHT) - 1] for t in triggers]
        # every branch of every trigger behind look-aheads for the letters it can begin with
        branches = [b for body in bodies for b in split_alternatives(body)]
        alternation = guarded_alternation(branches, re.IGNORECASE) if branches else "(?!)"
        any_start = re.compile(_LEFT + "(?:" + alternation + ")", re.IGNORECASE)
        firsts = [first_chars(body, re.IGNORECASE) for body in bodies]
        firsts = [ascii_firsts(f) if f is not None else None for f in firsts]
        chars = sorted({ch for f in firsts if f is not None for ch in f})
        by_first = {ch: tuple(k for k, f in enumerate(firsts) if f is None or ch in f) for ch in chars}
        threes = [_three_letter_prefixes(body) for body in bodies]
        by_three: dict[str, set[int]] = {}
        for k, three in enumerate(threes):
            for p in three or ():
                by_three.setdefault(p, set()).add(k)
        short = {ch: frozenset(k for k in ks if threes[k] is None) for ch, ks in by_first.items()}
        return cls(
            triggers,
            any_start,
            re.compile("(?=" + any_start.pattern + ")", re.IGNORECASE),
            by_first,
            tuple(k for k, f in enumerate(firsts) if f is None),
            {p: frozenset(ks) | short.get(p[0], frozenset()) for p, ks in by_three.items()},
            short,
        )

    def at(self, sentence: str, pos: int) -> Iterable[int]:
        """The triggers that can match at ``pos``: by the three characters there when they are
        ASCII (the triggers beginning with them, and those whose prefix is not known that
        begin with the first), else by the first (every trigger, at a non-ASCII character)."""
        head = sentence[pos : pos + 3]
        ch = head[:1]
        if len(head) == 3 and head.isascii():
            low = head.lower()
            known = self.by_three.get(low)
            return known if known is not None else self.short.get(low[0], frozenset())
        if ch.isascii():
            return self.by_first.get(ch.lower(), self.anywhere)
        return range(len(self.triggers))


def _three_letter_prefixes(body: str) -> frozenset[str] | None:
    """The three-letter beginnings (lower-cased ASCII) of a trigger's pattern, one of which
    every match has; None when some alternative's is not known or is shorter."""
    found: set[str] = set()
    for branch in split_alternatives(body):
        prefixes = literal_prefixes(branch)
        if not prefixes or any(len(p) < 3 for p in prefixes):
            return None
        found.update(prefixes)
    return frozenset(found) if found else None


@dataclass(frozen=True)
class _Taxonomy:
    names: dict[str, tuple[str, str]]  # code -> (event_type, sub_event_type)
    triggers: tuple[_Trigger, ...]
    non_event_triggers: tuple[_Trigger, ...]
    suppresses: dict[str, frozenset[str]]  # non-event code -> event codes it cancels
    sentence_scoped: frozenset[str]  # non-event codes that weigh only in their own sentence
    overrides: dict[str, frozenset[str]]  # code -> codes it overrides (split codes expanded)
    cues: dict[str, re.Pattern[str]]
    modality: tuple[re.Pattern[str], ...]
    modality_factor: float
    modality_window: int
    condition: tuple[re.Pattern[str], ...]  # state predicates before a trigger ("faces", "is under")
    condition_window: int
    split: dict[str, dict[str, str]]  # split code -> {"state": code, "nonstate": code}
    min_score: float
    secondary_min_score: float
    override_margin: float
    override_floor: float
    later_sentence_factor: float
    event_index: _TriggerIndex  # its any_start is the pre-filter: where any event trigger begins
    non_event_index: _TriggerIndex


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(_LEFT + "(?:" + pattern + ")" + _RIGHT, re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"{where}: bad pattern {pattern!r}: {exc}", "CW303") from exc


def _load_json(paths: Iterable[Path]) -> list[dict[str, Any]]:
    out = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
        if not isinstance(data, dict):
            raise DataFileError(f"{path}: expected a JSON object", "CW303")
        out.append(data)
    return out


def _merge(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Bundled file first, then the user's: types with a known code extend it, new codes are added."""
    merged: dict[str, Any] = {
        "types": {},
        "non_events": {},
        "cues": {},
        "modality": {"patterns": []},
        "condition": {"patterns": []},
    }
    for doc in docs:
        for key in (
            "min_score",
            "secondary_min_score",
            "override_margin",
            "override_floor",
            "later_sentence_factor",
        ):
            if key in doc:
                merged[key] = doc[key]
        for name, pats in doc.get("cues", {}).items():
            merged["cues"].setdefault(name, []).extend(pats)
        for section in ("modality", "condition"):
            mod = doc.get(section, {})
            merged[section]["patterns"].extend(mod.get("patterns", []))
            for key in ("factor", "window_chars"):
                if key in mod:
                    merged[section][key] = mod[key]
        for section in ("types", "non_events"):
            for entry in doc.get(section, []):
                code = entry.get("code")
                if not code:
                    raise DataFileError(f"{EVENT_TYPES_FILE}: an entry of {section} has no code", "CW303")
                if code in merged[section]:
                    old = merged[section][code]
                    old["triggers"] = [*old.get("triggers", []), *entry.get("triggers", [])]
                    old["overrides"] = [*old.get("overrides", []), *entry.get("overrides", [])]
                    old["suppresses"] = [*old.get("suppresses", []), *entry.get("suppresses", [])]
                else:
                    merged[section][code] = dict(entry)
    return merged


def _triggers(code: str, entry: dict[str, Any]) -> list[_Trigger]:
    out = []
    for t in entry.get("triggers", []):
        if "p" not in t:
            raise DataFileError(f"{EVENT_TYPES_FILE}: a trigger of {code} has no pattern 'p'", "CW303")
        out.append(
            _Trigger(
                code=code,
                pattern=_compile(t["p"], f"{EVENT_TYPES_FILE} {code}"),
                weight=float(t.get("w", 2)),
                requires=tuple(t.get("requires", ())),
                window=t.get("window"),
                excludes=tuple(t.get("excludes", ())),
                exclude_window=t.get("exclude_window"),
                default_side=t.get("default"),
            )
        )
    return out


@lru_cache(maxsize=4)
def _taxonomy_for(paths: tuple[Path, ...]) -> _Taxonomy:
    data = _merge(_load_json(paths))
    names: dict[str, tuple[str, str]] = {}
    split: dict[str, dict[str, str]] = {}
    triggers: list[_Trigger] = []
    overrides: dict[str, set[str]] = {}
    for code, entry in data["types"].items():
        if "split_by_actor" in entry:
            sides = {}
            for side, target in entry["split_by_actor"].items():
                names[target["code"]] = (entry["event_type"], target["sub_event_type"])
                sides[side] = target["code"]
            if set(sides) != {"state", "nonstate"}:
                raise DataFileError(
                    f"{EVENT_TYPES_FILE} {code}: split_by_actor needs state and nonstate", "CW303"
                )
            split[code] = sides
        else:
            try:
                names[code] = (entry["event_type"], entry["sub_event_type"])
            except KeyError as exc:
                raise DataFileError(f"{EVENT_TYPES_FILE} {code}: missing {exc}", "CW303") from exc
        triggers.extend(_triggers(code, entry))
        overrides[code] = set(entry.get("overrides", []))

    def expand(codes: Iterable[str]) -> frozenset[str]:
        out: set[str] = set()
        for c in codes:
            out |= set(split[c].values()) if c in split else {c}
        return frozenset(out)

    final_overrides: dict[str, frozenset[str]] = {}
    for code, over in overrides.items():
        for target in split.get(code, {code: code}).values():
            final_overrides[target] = expand(over)
    non_event_triggers: list[_Trigger] = []
    suppresses: dict[str, frozenset[str]] = {}
    scoped: set[str] = set()
    for code, entry in data["non_events"].items():
        non_event_triggers.extend(_triggers(code, entry))
        suppresses[code] = expand(entry.get("suppresses", []))
        if entry.get("scope") == "sentence":
            scoped.add(code)
    cues = {
        name: _compile("|".join(f"(?:{p})" for p in pats), f"{EVENT_TYPES_FILE} cue {name}")
        for name, pats in data["cues"].items()
    }
    for t in [*triggers, *non_event_triggers]:
        for cue in (*t.requires, *t.excludes):
            if cue not in cues:
                raise DataFileError(f"{EVENT_TYPES_FILE} {t.code}: unknown cue group {cue!r}", "CW303")
    mod = data["modality"]
    cond = data["condition"]
    try:
        modality = tuple(re.compile(r"(?<![\w-])" + p, re.IGNORECASE) for p in mod["patterns"])
        condition = tuple(re.compile(r"(?<![\w-])" + p, re.IGNORECASE) for p in cond["patterns"])
    except re.error as exc:
        raise DataFileError(f"{EVENT_TYPES_FILE}: bad modality or condition pattern: {exc}", "CW303") from exc
    events = _TriggerIndex.build(tuple(triggers))
    return _Taxonomy(
        names=names,
        triggers=tuple(triggers),
        non_event_triggers=tuple(non_event_triggers),
        suppresses=suppresses,
        sentence_scoped=frozenset(scoped),
        overrides=final_overrides,
        cues=cues,
        modality=modality,
        modality_factor=float(mod.get("factor", 0.15)),
        modality_window=int(mod.get("window_chars", 70)),
        condition=condition,
        condition_window=int(cond.get("window_chars", 120)),
        split=split,
        min_score=float(data.get("min_score", 1.0)),
        secondary_min_score=float(data.get("secondary_min_score", 2.0)),
        override_margin=float(data.get("override_margin", 1.0)),
        override_floor=float(data.get("override_floor", 1.5)),
        later_sentence_factor=float(data.get("later_sentence_factor", 0.85)),
        event_index=events,
        non_event_index=_TriggerIndex.build(tuple(non_event_triggers)),
    )


def _tax() -> _Taxonomy:
    return _tax_for(os.environ.get(DATA_ENV, ""))


@lru_cache(maxsize=4)
def _tax_for(user_dirs: str) -> _Taxonomy:
    # keyed by the user's data folders: every sentence asks for the taxonomy (several times), and
    # finding the files means a stat per folder; a file added to a folder already read needs a
    # new process (or ``_tax_for.cache_clear()``)
    paths = tuple(data_files(EVENT_TYPES_FILE))
    if not paths:
        raise DataFileError(f"no {EVENT_TYPES_FILE} data file found", "CW303")
    return _taxonomy_for(paths)


def taxonomy() -> dict[str, tuple[str, str]]:
    """Sub-type code (CASE 2021 / ACLED style, e.g. ``AIR_STRIKE``) -> (event type, sub-event type)."""
    return dict(_tax().names)


def sub_event_code(sub_event_type: str) -> str | None:
    """The code of an ACLED sub-event type name ("Air/drone strike" -> "AIR_STRIKE")."""
    for code, (_, sub) in _tax().names.items():
        if sub == sub_event_type:
            return code
    return None


def cue_pattern(name: str) -> re.Pattern[str]:
    """The compiled cue group ``name`` of the event-types data (whole words, case-insensitive)."""
    cues = _tax().cues
    if name not in cues:
        raise DataFileError(f"{EVENT_TYPES_FILE}: no cue group {name!r}", "CW303")
    return cues[name]


def is_candidate(text: str) -> bool:
    """Cheap pre-filter: could this sentence report an ACLED event? (One regex; high recall.)"""
    return bool(_tax().event_index.any_start.search(text))


# --- per-sentence analysis -------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[;:()\[\]\"“”]|,\s|\s[-–—]\s|\bbut\b|\bwhile\b|\bwhereas\b|\bafter\b|\bas\b")


def _is_modal(tax: _Taxonomy, sentence: str, start: int) -> bool:
    """A trigger preceded, in its own clause, by a negation, a plan, a future or a hypothesis."""
    window = sentence[max(0, start - tax.modality_window) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    return any(p.search(window) for p in tax.modality)


#: where a state predicate's clause ends: as _CLAUSE_BREAK, but a quoted name ("local
#: "reconciliation deals"") stays inside its clause
_CONDITION_BREAK = re.compile(r"[;:()\[\]]|,\s|\s[-–—]\s|\bbut\b|\bwhile\b|\bwhereas\b|\bafter\b|\bas\b")


def _in_condition(tax: _Taxonomy, sentence: str, start: int, end: int) -> bool:
    """A trigger told as a lasting state of a place or people, not as an occurrence: the object
    of a state predicate in its clause ("civilians continue to face relentless bombardment",
    "the group is under attack in its remaining strongholds", "the area has seen intense
    battles"), or a description of a place ("It is the last opposition stronghold where ...").

    A time anchor (a weekday, "today", a date: cue group ``time_anchor``) between the predicate
    and the end of the trigger's clause makes it an occurrence after all ("the town came under
    heavy bombardment on Sunday", "has seen fresh clashes today").
    """
    if not tax.condition:
        return False
    window = sentence[max(0, start - tax.condition_window) : start]
    breaks = list(_CONDITION_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    found = next((m for p in tax.condition if (m := p.search(window))), None)
    if found is None:
        return False
    after = sentence[end : end + tax.condition_window]
    stop = _CONDITION_BREAK.search(after)
    clause = window[found.start() :] + sentence[start:end] + (after[: stop.start()] if stop else after)
    anchor = tax.cues.get("time_anchor")
    return anchor is None or not anchor.search(clause)


def _cue_ok(tax: _Taxonomy, t: _Trigger, sentence: str, start: int, end: int) -> bool:
    if t.exclude_window is None:
        ex_scope = sentence
    else:
        ex_scope = sentence[max(0, start - t.exclude_window) : end + t.exclude_window]
    for cue in t.excludes:
        if tax.cues[cue].search(ex_scope):
            return False
    if not t.requires:
        return True
    if t.window is None:
        scope = sentence
    else:
        scope = sentence[max(0, start - t.window) : min(len(sentence), end + t.window)]
    for cue in t.requires:
        for m in tax.cues[cue].finditer(scope):
            # a cue is another word than the trigger itself
            if t.window is None and start <= m.start() < end:
                continue
            if t.window is not None:
                off = max(0, start - t.window)
                if start <= m.start() + off < end:
                    continue
            return True
    return False


_PASSIVE_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:by|to)\b", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are|has been|have been|had been)\s+(?:\w+\s+)?$", re.I
)


#: what may stand between two members of one actor group ("the army and allied militias",
#: "government forces backed by the Lebanese group Hezbollah")
_CONJOINED = re.compile(
    r"[\s,]*(?:(?:and|&|with|alongside|along with|as well as|together with|backed by|supported by|"
    r"aided by|allied with|loyal to|with (?:the )?support (?:of|from))\b(?:\s+[\w'’-]+){0,3}|"
    r"(?:the|its|their|allied|\s))*[\s,]*",
    re.IGNORECASE,
)


def _side_of(tax: _Taxonomy, sentence: str, start: int, end: int, default: str | None) -> str:
    """Who takes the place: 'state' or 'nonstate', from the actor nearest the trigger.

    Active voice ("the army retook X"): the nearest actor before the trigger. Passive voice
    ("X was captured by rebels", "X fell to the army"): the nearest actor after it.
    """
    from crosswire.extract import actors  # actors imports TypeHit from here

    found: list[tuple[int, int, str]] = []
    for m in actors.find_actor_mentions(sentence):
        info = actors.lookup_actor(m.canonical or m.text)
        if info is None or info.actor_type is None or info.is_civilian or info.actor_type in (5, 6):
            continue
        # ACLED: government forces *or their affiliates* regain territory (pro-government militias)
        state_side = info.is_state or info.side == "pro-government"
        found.append((m.start, m.end, "state" if state_side else "nonstate"))
    named = list(found)
    for side, cue in (("state", "state_actor"), ("nonstate", "nonstate_actor")):
        if cue in tax.cues:
            for cm in tax.cues[cue].finditer(sentence):
                # a generic word in apposition to a named actor ("the Shiite militia Hezbollah") is that actor
                if any(s - 2 <= cm.end() and cm.start() <= e + 2 for s, e, _ in named):
                    continue
                if not any(s <= cm.start() < e for s, e, _ in found):
                    found.append((cm.start(), cm.end(), side))
    trigger_text = sentence[start:end].lower()
    progressive = bool(re.match(r"\w+ing\b", trigger_text))  # "has been gaining ground" is not passive
    passive = (
        not progressive and bool(_PASSIVE_BEFORE.search(sentence[max(0, start - 30) : start]))
    ) or trigger_text.startswith(("fell", "fall", "fallen", "under"))
    before = sorted((s for s in found if s[1] <= start), key=lambda s: s[1])
    after = sorted((s for s in found if s[0] >= end), key=lambda s: s[0])
    if passive and _PASSIVE_AFTER.search(sentence[end : end + 40]) and after:
        return after[0][2]
    # "X-held" names the loser, not the taker: skip those before the trigger
    before = [s for s in before if not sentence[s[1] : s[1] + 5].lower().startswith("-held")]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence[:start])]
    if breaks and re.match(r"\s*(?:and\s+|then\s+)?\w+ing\b", sentence[breaks[-1] : start]) and before:
        # a participle clause ("..., clashing with insurgents and capturing a village") has the
        # sentence's subject: the first actor of the sentence
        return before[0][2]
    # the subject is the actor group nearest the trigger, read from its first member:
    # "the Syrian army and militias retook ..." is the army
    group = len(before) - 1
    while group > 0 and _CONJOINED.fullmatch(sentence[before[group - 1][1] : before[group][0]][:40]):
        group -= 1
    subject = before[group] if before else None
    adjacent = subject is not None and start - before[-1][1] <= 30
    if subject and passive and adjacent and not trigger_text.startswith(("fell", "fall", "under")):
        # "the terrorists were pushed back from ...": the passive subject lost the place
        return "nonstate" if subject[2] == "state" else "state"
    if passive and default and not adjacent:
        return default  # "ground was regained": no taker named in the clause
    if subject:
        return subject[2]
    if after and passive:
        return after[0][2]
    return default or "nonstate"


def _matches(index: _TriggerIndex, sentence: str) -> Iterable[tuple[_Trigger, re.Match[str]]]:
    """``(t, m) for t in index.triggers for m in t.pattern.finditer(sentence)``: the same matches
    in the same order, with each trigger tried only where it can begin.

    :attr:`_TriggerIndex.starts` finds, in one scan, every position at which the body of at
    least one trigger matches; every match of a trigger starts at one of them. There a trigger
    is tried if it can begin with the characters found (:meth:`_TriggerIndex.at`: by the three
    letters there, else the first; any trigger, at a non-ASCII character), and ``finditer`` is
    imitated: per trigger, the earliest such position not inside its previous match. Eighty-odd
    patterns each scanning the whole sentence cost several times more.
    """
    found: dict[int, list[re.Match[str]]] = {}
    ends: dict[int, int] = {}
    for start in index.starts.finditer(sentence):
        pos = start.start()
        for k in index.at(sentence, pos):
            if pos < ends.get(k, 0):
                continue
            m = index.triggers[k].pattern.match(sentence, pos)
            if m is not None:
                found.setdefault(k, []).append(m)
                ends[k] = max(m.end(), pos + 1)
    for k in sorted(found):
        for m in found[k]:
            yield index.triggers[k], m


def _candidates(tax: _Taxonomy, sentence: str) -> list[_Candidate]:
    out: list[_Candidate] = []
    for t, m in _matches(tax.event_index, sentence):
        if not _cue_ok(tax, t, sentence, m.start(), m.end()):
            continue
        code = t.code
        if code in tax.split:
            code = tax.split[code][_side_of(tax, sentence, m.start(), m.end(), t.default_side)]
        modal = _is_modal(tax, sentence, m.start()) or _in_condition(tax, sentence, m.start(), m.end())
        out.append(_Candidate(code, m.start(), m.end(), t.weight, modal))
    return out


def _non_event_scores(tax: _Taxonomy, sentence: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    counts: dict[str, set[str]] = {}
    for t, m in _matches(tax.non_event_index, sentence):
        if not _cue_ok(tax, t, sentence, m.start(), m.end()):
            continue
        scores[t.code] = max(scores.get(t.code, 0.0), t.weight)
        counts.setdefault(t.code, set()).add(m.group(0).lower())
    # several distinct cues of one kind ("sanctions", "diplomats", "summit") add up
    return {c: s + 0.5 * (len(counts[c]) - 1) for c, s in scores.items()}


def is_background(text: str) -> bool:
    """Does a sentence tell the war's history or its sum: a cue of a non-event whose ``scope`` is
    its sentence (BACKGROUND: "since the conflict began in 2011", "the war has killed more than
    300,000 people")? Extraction does not let such a sentence go on about an event."""
    tax = _tax()
    return any(code in tax.sentence_scoped for code in _non_event_scores(tax, text))


@dataclass(frozen=True)
class _Scored:
    code: str
    score: float
    start: int
    end: int


def _score(tax: _Taxonomy, cands: Sequence[_Candidate]) -> list[_Scored]:
    """One score per sub-type: its best trigger, plus a little for each further distinct trigger."""
    best: dict[str, _Candidate] = {}
    strength: dict[str, float] = {}
    extra: dict[str, set[tuple[int, int]]] = {}
    for c in cands:
        s = c.weight * (tax.modality_factor if c.modal else 1.0)
        if (
            c.code not in strength
            or s > strength[c.code]
            or (s == strength[c.code] and c.start < best[c.code].start)
        ):
            best[c.code], strength[c.code] = c, s
        if not c.modal:
            extra.setdefault(c.code, set()).add((c.start, c.end))
    out = []
    for code, c in best.items():
        bonus = 0.25 * min(3, max(0, len(extra.get(code, ())) - 1))
        out.append(_Scored(code, strength[code] + bonus, c.start, c.end))
    return out


def _precedence(tax: _Taxonomy, live: Sequence[_Scored]) -> dict[str, list[_Scored]]:
    """Sub-type code -> the hits that override it (ACLED precedence), best first.

    Precedence needs the overriding event found with some confidence: a weak cue (below
    override_floor) overrides only a hit about as weak as itself.
    """
    out: dict[str, list[_Scored]] = {}
    for s in sorted(live, key=lambda s: (-s.score, s.start)):
        targets = tax.overrides.get(s.code, frozenset())
        for o in live:
            if o.code in targets and s.score >= min(o.score - tax.override_margin, tax.override_floor):
                out.setdefault(o.code, []).append(s)
    return out


def _live(tax: _Taxonomy, scored: Iterable[_Scored]) -> list[_Scored]:
    """The hits strong enough to count (``min_score``), in their order."""
    return [s for s in scored if s.score >= tax.min_score]


def _resolve(
    tax: _Taxonomy, live: list[_Scored], non_events: dict[str, float], overridden: Collection[str] = ()
) -> list[_Scored]:
    """Drop the :func:`_live` hits of the ``overridden`` codes (ACLED precedence,
    :func:`_precedence`; none: the analysis without it) and apply the non-event competition;
    best first."""
    if overridden:
        live = [s for s in live if s.code not in overridden]
    if non_events:
        worst = max(non_events.values())
        cancelled: set[str] = set()
        for code in non_events:
            cancelled |= tax.suppresses.get(code, frozenset())
        live = [s for s in live if s.code not in cancelled and s.score > worst]
    return sorted(live, key=lambda s: (-s.score, s.start))


def _distinct(tax: _Taxonomy, ranked: list[_Scored]) -> list[_Scored]:
    """The best hit, then further events: strong enough, and not a word inside a better trigger."""
    out: list[_Scored] = []
    for s in ranked:
        if out and s.score < tax.secondary_min_score:
            continue
        if any(o.start <= s.start and s.end <= o.end for o in out):
            continue
        out.append(s)
    return out


def _hit(tax: _Taxonomy, s: _Scored, sentence: str, base: int) -> TypeHit:
    event_type, sub = tax.names[s.code]
    return TypeHit(
        event_type, sub, sentence[s.start : s.end], base + s.start, base + s.end, round(s.score, 3)
    )


def classify_sentence(text: str, base: int = 0) -> list[TypeHit]:
    """Every ACLED event ``text`` (one sentence) reports, best first.

    ``start``/``end`` of each hit are ``base`` + offsets of the trigger in ``text``.
    Negated, hypothetical, planned or future events ("will launch an offensive",
    "called for an end to air strikes") score below the threshold and are not
    returned; neither are disasters, crime or diplomacy.
    """
    hits = _classified(os.environ.get(DATA_ENV, ""), text).hits
    if not base:
        return list(hits)
    return [replace(h, start=h.start + base, end=h.end + base) for h in hits]


def overridden_hits(text: str, base: int = 0) -> list[Overridden]:
    """The hits of ``text`` (one sentence) that only ACLED precedence kept out of
    :func:`classify_sentence`: each would be returned (strong enough, not outweighed by a
    non-event, not inside a better trigger) but for the hits in its ``by``, which are."""
    found = _classified(os.environ.get(DATA_ENV, ""), text).overridden
    if not base:
        return list(found)

    def shift(h: TypeHit) -> TypeHit:
        return replace(h, start=h.start + base, end=h.end + base)

    return [
        Overridden(shift(o.hit), tuple(shift(b) for b in o.by), tuple(shift(h) for h in o.same)) for o in found
    ]


#: sentences whose hits are remembered: annotate's candidate filter classifies every sentence of a
#: batch of stories (``pipeline.EXTRACT_CHUNK``), then extraction asks again for the candidates
CLASSIFY_CACHE_SIZE = 16384


@dataclass(frozen=True)
class _Classified:
    hits: tuple[TypeHit, ...]
    overridden: tuple[Overridden, ...]


_NOTHING = _Classified((), ())


@lru_cache(maxsize=CLASSIFY_CACHE_SIZE)
def _classified(user_dirs: str, text: str) -> _Classified:
    tax = _tax_for(user_dirs)
    if not tax.event_index.any_start.search(text):
        return _NOTHING
    cands = _candidates(tax, text)
    scored = _score(tax, cands)
    non_events = _non_event_scores(tax, text)
    live = _live(tax, scored)
    over = _precedence(tax, live)
    kept = _distinct(tax, _strikes_from_the_air(tax, text, _resolve(tax, live, non_events, over)))
    hits = tuple(_hit(tax, s, text, 0) for s in kept)
    if not over:
        return _Classified(hits, ())
    # the same analysis without precedence: what precedence alone kept out
    free = _distinct(tax, _strikes_from_the_air(tax, text, _resolve(tax, live, non_events)))
    lost = []
    for s in free:
        if s.code not in over or s in kept or not any(b in kept for b in over[s.code]):
            continue
        # every trigger of the overriding sub-types, not only the best: any may tell the same action
        codes = {b.code for b in over[s.code]}
        by = [_hit(tax, _Scored(c.code, c.weight, c.start, c.end), text, 0) for c in cands if c.code in codes]
        same = [_hit(tax, _Scored(c.code, c.weight, c.start, c.end), text, 0) for c in cands if c.code == s.code]
        lost.append(Overridden(_hit(tax, s, text, 0), tuple(by), tuple(same)))
    return _Classified(hits, tuple(lost))


def _strikes_from_the_air(tax: _Taxonomy, sentence: str, ranked: list[_Scored]) -> list[_Scored]:
    """ "Warplanes struck rebel positions": the strike verb read as an armed clash is the air strike
    named just before it in the same clause (one event, coded Air/drone strike). A clash told in
    its own words ("clashes erupted as warplanes pounded the area") stays."""
    air = [s for s in ranked if s.code == "AIR_STRIKE"]
    if not air or "strike_verb" not in tax.cues:
        return ranked
    verb = tax.cues["strike_verb"]

    def by_air(s: _Scored) -> bool:
        if s.code != "ARMED_CLASH" or not verb.match(sentence, s.start):
            return False
        return any(
            a.end <= s.start and s.start - a.end <= 40 and not _CLAUSE_BREAK.search(sentence[a.end : s.start])
            for a in air
        )

    return [s for s in ranked if not by_air(s)]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


_ABBREV = re.compile(r"(?:^|[\s(])(?:[A-Z][a-z]{0,2}|[A-Z](?:\.[A-Z])+)\.$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """A light sentence splitter for snippets (the pipeline uses annotate's sentences)."""
    spans = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV.search(text, max(0, m.start() - 6), m.start()):
            continue  # "St. Petersburg", "Gen. Haftar", "U.S. forces"
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def classify_snippet(text: str) -> TypeHit | None:
    """The one ACLED event a short snippet reports (CASE 2021 task 2 style), or None.

    Each sentence is analysed as in :func:`classify_sentence`; sentences after the
    first count a little less (the lead usually carries the event). Precedence
    rules then apply across the whole snippet, and disasters, crime or diplomacy
    that outweigh every event trigger mean "no ACLED event".
    """
    tax = _tax()
    all_scored: list[_Scored] = []
    non_events: dict[str, float] = {}
    for k, (s, e) in enumerate(split_sentences(text)):
        sent = text[s:e]
        factor = 1.0 if k == 0 else tax.later_sentence_factor
        sent_non = _non_event_scores(tax, sent)
        # a background clause silences its own sentence only; a disaster, crime or diplomacy is the topic
        local = max((v for c, v in sent_non.items() if c in tax.sentence_scoped), default=0.0)
        for sc in _score(tax, _candidates(tax, sent)):
            if sc.score > local:
                all_scored.append(_Scored(sc.code, sc.score * factor, s + sc.start, s + sc.end))
        for code, v in sent_non.items():
            if code not in tax.sentence_scoped:
                non_events[code] = max(non_events.get(code, 0.0), v * factor)
    best: dict[str, _Scored] = {}
    for sc in all_scored:
        if sc.code not in best or sc.score > best[sc.code].score:
            best[sc.code] = sc
    live = _live(tax, best.values())
    resolved = _resolve(tax, live, non_events, _precedence(tax, live))
    return _hit(tax, resolved[0], text, 0) if resolved else None
