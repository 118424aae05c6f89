"""Regular-expression helpers shared by the stages.

Python's ``re`` tries every branch of an alternation at every position it scans, so a pattern
of a thousand actor aliases or reporting-verb forms costs a thousand attempts per word start.
:func:`first_char_alternation` groups the branches by their first character behind a one-char
look-ahead, so only the branches that can start with the character at hand are tried. The
pattern matches exactly what the flat alternation matches, in the same order of preference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any


def first_char_alternation(branches: Sequence[tuple[str, str]]) -> str:
    """``"|".join(body for _, body in branches)``, grouped by first character.

    Each branch is ``(first, body)``: ``first`` is the literal character every match of the
    regex ``body`` begins with (compared ignoring case), ``body`` the branch as written for the
    flat alternation. Branches keep their order within a group, and at any one position only
    the branches of one group can match, so the preferred match at each position (the first
    branch that matches, e.g. the longest alias when the branches are sorted longest first) is
    the same as the flat alternation's. Characters that ``re`` takes for one another ignoring
    case (``k`` and the Kelvin sign, ``σ`` and ``ς``) share a group, so no character of a text
    passes the look-ahead of two groups. A first character that is not a letter or a digit (a
    quote, a space) is not trusted: then the flat alternation is returned.

    A group of more than :data:`_SPLIT_OVER` branches that all begin with a longer literal
    prefix (read from the regex itself, :func:`_literal_prefix`) is split the same way by its
    next character, and so on: a thousand actor aliases are a few dozen per first letter, and
    ``re`` tries each of them at every word with that letter; behind a second look-ahead it
    tries the few that share two letters with the word.
    """
    if not all(len(first) == 1 and first.isalnum() for first, _ in branches):
        return "|".join(body for _, body in branches)
    items = []
    for first, body in branches:
        prefix = _literal_prefix(body)
        if not prefix or not _same_ignoring_case(first, prefix[0]):
            prefix = first
        items.append((prefix, body))
    return _grouped(items, 0)


#: a group of this many branches or fewer is not split by its next character
_SPLIT_OVER = 3


def _grouped(items: list[tuple[str, str]], depth: int) -> str:
    """The alternation of the bodies of ``items`` (``(literal prefix, body)``, prefixes the same
    ignoring case up to ``depth``), grouped by the prefixes' character at ``depth``."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for prefix, body in items:
        key = prefix[depth].lower()
        if key not in groups:
            # the group of a character re's IGNORECASE takes for this one, if there is one
            key = next((k for k in groups if _same_ignoring_case(k, key)), key)
        groups.setdefault(key, []).append((prefix, body))
    parts = []
    for key, group in groups.items():
        guard = f"(?=(?i:{re.escape(key)}))" if depth == 0 else f"(?=[\\s\\S]{{{depth}}}(?i:{re.escape(key)}))"
        deeper = len(group) > _SPLIT_OVER and all(len(p) > depth + 1 for p, _ in group)
        inner = _grouped(group, depth + 1) if deeper else "|".join(body for _, body in group)
        parts.append(f"{guard}(?:{inner})")
    return "|".join(parts)


def _same_ignoring_case(a: str, b: str) -> bool:
    return re.fullmatch(f"(?i:{re.escape(a)})", b) is not None


def _literal_prefix(pattern: str) -> str:
    """The (ASCII) letters and digits every match of ``pattern`` begins with, lower-cased, of any
    length (``"(?i:Syrian\\s+army)"`` -> ``"syrian"``); matched ignoring case, they are a
    necessary condition for a match. Empty when the pattern does not begin with one. Unlike
    :func:`literal_prefixes` the alternatives of a branch are not spelt out: it ends the prefix."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]  # the stdlib's parser

        found = _spell(list(_parser.parse(pattern)), [""], _constants, limit=None, alternatives=False)
    except Exception:  # noqa: BLE001 - an unknown construct or another Python: no prefix, never wrong
        return ""
    return found[0][0] if len(found) == 1 else ""


def split_alternatives(pattern: str) -> list[str]:
    """The top-level branches of ``pattern`` (``"a|b(?:c|d)"`` -> ``["a", "b(?:c|d)"]``)."""
    out: list[str] = []
    depth = 0
    in_class = False
    class_start = 0  # where the members of the class being read begin
    start = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]" and i > class_start:
                in_class = False
        elif ch == "[":
            in_class = True
            # a "]" right after "[" or "[^" is a literal member of the class
            class_start = i + 2 if pattern.startswith("^", i + 1) else i + 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


_SMALL_RANGE = 64


#: in :func:`first_chars`' answer, any decimal digit (``\\d``: ASCII and other scripts' digits)
DIGIT = "\\d"


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-cased characters a match of ``pattern`` can begin with (:data:`DIGIT` for any
    decimal digit), or None when that is not a small set of cased ASCII letters, digits and
    uncased characters (a class like ``\\w``, ``.``, a negated set, a branch that can match the
    empty string, a non-ASCII cased letter).

    Zero-width assertions are skipped, which can only make the set larger: it is a necessary
    condition for a match, never a sufficient one.
    """
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]  # the stdlib's parser

        parsed = _parser.parse(pattern, flags)
        chars, nullable = _first(list(parsed), _constants)
    except Exception:  # noqa: BLE001 - an unknown construct or another Python: no guard, never wrong
        return None
    # a cased non-ASCII character could stand for an ASCII one ignoring case ("ſ" for "s"), and
    # callers look characters up by their ASCII lower case: refuse rather than miss a match
    if chars is None or nullable or not all(c.isascii() or c.lower() == c.upper() for c in chars):
        return None
    return frozenset(chars)


def _first(items: list[Any], c: Any) -> tuple[set[str] | None, bool]:
    """(first characters, can be empty) of a parsed sequence; None characters: unknown.
    ``c`` is ``re._constants`` (the opcodes)."""
    out: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero width
        if op is c.LITERAL:
            out.add(chr(av).lower())
            return out, False
        if op is c.IN:
            members = _class_members(av, c)
            if members is None:
                return None, False
            out |= members
            return out, False
        if op is c.SUBPATTERN:
            sub, nullable = _first(list(av[-1]), c)
        elif op is c.BRANCH:
            sub, nullable = set(), False
            for branch in av[1]:
                b, n = _first(list(branch), c)
                if b is None:
                    return None, False
                sub |= b
                nullable = nullable or n
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, _hi, body = av
            sub, nullable = _first(list(body), c)
            nullable = nullable or lo == 0
        elif op is c.ATOMIC_GROUP:
            sub, nullable = _first(list(av), c)
        else:
            return None, False  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...
        if sub is None:
            return None, False
        out |= sub
        if not nullable:
            return out, False
    return out, True


def _class_members(av: list[Any], c: Any) -> set[str] | None:
    out: set[str] = set()
    for op, arg in av:
        if op is c.LITERAL:
            out.add(chr(arg).lower())
        elif op is c.RANGE:
            lo, hi = arg
            if hi - lo > _SMALL_RANGE:
                return None
            out.update(chr(x).lower() for x in range(lo, hi + 1))
        elif op is c.CATEGORY and arg is c.CATEGORY_DIGIT:
            out.add(DIGIT)
        else:
            return None  # NEGATE, another CATEGORY
    return out


def guarded_alternation(branches: Sequence[str], flags: int = 0) -> str:
    """An alternation of ``branches`` that matches at the same positions as the flat one, for
    a search that only asks *whether* (or *where*) some branch matches, not which.

    Each branch stands behind a one-character look-ahead for each character it can begin with
    (:func:`first_chars`); branches with no known first characters are tried everywhere.
    The order of the branches changes, so a caller that needs the flat alternation's choice
    between branches matching at one position must not use this.
    """
    groups: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for b in branches:
        chars = first_chars(b, flags)
        if chars is None:
            anywhere.append(b)
            continue
        for ch in sorted(chars):
            groups.setdefault(ch, []).append(b)
    prefixes = {b: literal_prefixes(b) for bs in groups.values() for b in bs}
    parts = []
    for k, bs in sorted(groups.items()):
        # the branch's prefixes that begin with this group's character (none: it stays unsplit)
        items = [(b, [p for p in prefixes[b] if p[:1] == k]) for b in bs]
        parts.append(f"{_guard(k)}(?:{_split_by_next_letter(items, 1)})")
    return "|".join(parts + anywhere)


def _split_by_next_letter(items: list[tuple[str, list[str]]], depth: int) -> str:
    """The alternation of the branches of ``items`` (``(branch, its literal prefixes)``: every
    match of the branch begins with one of them, ignoring case, and they agree with the text up
    to ``depth``), a group of more than :data:`_SPLIT_OVER` split by the letter at ``depth``: each
    branch under every letter its prefixes have there, a branch with a prefix that ends there
    tried whatever the letter (only *whether* some branch matches counts, see
    :func:`guarded_alternation`)."""
    if len(items) <= _SPLIT_OVER:
        return "|".join(b for b, _ in items)
    groups: dict[str, dict[str, list[str]]] = {}
    always: list[str] = []
    for b, prefixes in items:
        if not prefixes or any(len(p) <= depth for p in prefixes):
            always.append(b)
            continue
        for p in prefixes:
            key = p[depth]
            if key not in groups:
                key = next((k for k in groups if _same_ignoring_case(k, key)), key)
            groups.setdefault(key, {}).setdefault(b, []).append(p)
    if not groups:
        return "|".join(always)
    parts = [
        f"(?=[\\s\\S]{{{depth}}}(?i:{re.escape(k)}))(?:{_split_by_next_letter(list(g.items()), depth + 1)})"
        for k, g in groups.items()
    ]
    return "|".join(parts + always)


#: the most prefixes :func:`literal_prefixes` spells out, and their longest length
_MAX_PREFIXES = 32
_PREFIX_LENGTH = 3


def literal_prefixes(pattern: str) -> list[str]:
    """Lower-cased (ASCII) letters and digits one of which every match of ``pattern`` begins with,
    alternatives spelt out (``"(?:air|aerial) ?strikes?"`` -> ``["air", "aer"]``), at most
    :data:`_PREFIX_LENGTH` long; matched ignoring case they are a necessary condition for a
    match. Empty when not known (a class, a repeat, too many alternatives)."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]  # the stdlib's parser

        found = _spell(list(_parser.parse(pattern)), [""], _constants, _PREFIX_LENGTH, alternatives=True)
    except Exception:  # noqa: BLE001 - an unknown construct or another Python: no prefix, never wrong
        return []
    return sorted({p for p, _ in found if p}) if found and all(p for p, _ in found) else []


def _spell(
    items: list[Any], starts: list[str], c: Any, limit: int | None, alternatives: bool
) -> list[tuple[str, bool]]:
    """(prefix, open) for each way a parsed sequence can begin after each of ``starts``: open while
    the sequence could still add letters to it (it is all literal so far and shorter than
    ``limit``; None: any length). ``alternatives``: a branch goes on with each of its
    alternatives (several prefixes); else it ends the prefix, so that one start gives one prefix.
    ``c`` is ``re._constants`` (the opcodes)."""

    def short(p: str) -> bool:
        return limit is None or len(p) < limit

    out: list[tuple[str, bool]] = [(s, True) for s in starts]
    for op, av in items:
        todo = [p for p, open_ in out if open_ and short(p)]
        if not todo:
            break
        done = [(p, False) for p, open_ in out if not open_ or not short(p)]
        if op is c.LITERAL and chr(av).isascii() and chr(av).isalnum():
            nxt = [(p + chr(av).lower(), True) for p in todo]
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            nxt = [(p, True) for p in todo]  # zero width: the letters go on after it
        elif op is c.SUBPATTERN:
            nxt = _spell(list(av[-1]), todo, c, limit, alternatives)
        elif op is c.BRANCH and alternatives:
            nxt = [x for branch in av[1] for x in _spell(list(branch), todo, c, limit, alternatives)]
        else:
            nxt = [(p, False) for p in todo]  # anything else ends the literal prefix here
        out = done + nxt
        if len(out) > _MAX_PREFIXES:
            return []
    return [(p, open_ and short(p)) for p, open_ in out]


def _guard(first: str) -> str:
    return r"(?=\d)" if first == DIGIT else f"(?=(?i:{re.escape(first)}))"


def ascii_firsts(chars: frozenset[str]) -> frozenset[str]:
    """``chars`` (an answer of :func:`first_chars`) as single characters, :data:`DIGIT` as the
    ASCII digits: for a look-up by a text's ASCII character (a non-ASCII one must try all)."""
    return frozenset(c for c in chars if c != DIGIT) | (frozenset("0123456789") if DIGIT in chars else frozenset())
