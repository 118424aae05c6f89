"""Actors: who did what to whom.

:func:`find_actor_mentions` finds the aliases of the actors listed in
``data/actors.csv`` (bundled, plus any ``actors.csv`` in the user's
``CROSSWIRE_DATA`` folders) and resolves each to its canonical ACLED-style
name, and :func:`find_state_references` reads a bare "the government" as the
government of the state the story names; :func:`actor_info` gives the actor's
ACLED inter code, side, parent and country; :func:`read_roles` reads the
dependency parse of a sentence to say which mention is the perpetrator (actor1),
which is acted upon (actor2), whether civilians were targeted and whether the act is
only alleged (what someone is accused of).
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from crosswire.annotate import doc_lemmas as _doc_lemmas
from crosswire.annotate import doc_text as _doc_text
from crosswire.errors import DataFileError
from crosswire.extract.classify import TypeHit
from crosswire.models import Mention
from crosswire.patterns import first_char_alternation
from crosswire.settings import DATA_ENV, data_files

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ACTORS_FILE = "actors.csv"
_COLUMNS = ("name", "aliases", "actor_type", "side", "parent", "country", "source")

#: ACLED inter codes
STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(
    1, 9
)

#: label of a bare country name standing for its state's forces (see :func:`find_state_mentions`):
#: an actor only where the parse makes it the doer or the target itself
STATE_LABEL = "STATE"

#: canonical name used for civilian victims found by the parse when no alias matched
CIVILIANS_DEFAULT = "Civilians (Syria)"


@dataclass(frozen=True)
class ActorInfo:
    """What the actors file says about one canonical actor."""

    name: str
    actor_type: int | None  # ACLED inter code (1 state forces ... 8 external/other)
    side: str | None
    parent: str | None
    country: str | None
    source: str = ""
    aliases: tuple[str, ...] = ()
    #: how the actor fights when the text does not say: "air" for an air force or a coalition
    #: that only strikes from the air (an attack it makes is an air strike); "speech" for a
    #: political body that acts only by statements (no party to an event); None when unknown
    means: str | None = None

    @property
    def is_state(self) -> bool:
        """State forces at home (inter 1) or a state's forces abroad (inter 8, 'Military Forces of ...')."""
        if self.actor_type == STATE_FORCES:
            return True
        return self.actor_type == EXTERNAL and self.name.startswith(
            ("Military Forces of", "Police Forces of")
        )

    @property
    def inter(self) -> int | None:
        """The ACLED inter code (same as ``actor_type``)."""
        return self.actor_type

    @property
    def is_civilian(self) -> bool:
        return self.actor_type == CIVILIANS

    @property
    def speaks_only(self) -> bool:
        """A body that acts only by statements (``means`` = speech: the Syrian opposition's National
        Coalition): a speaker of claims, never a party to an event ("The Coalition condemned the
        air strikes by Russian forces": the strikes are Russia's)."""
        return self.means == "speech"


@dataclass(frozen=True)
class _Table:
    actors: dict[str, ActorInfo]
    alias_to_name: dict[str, str]  # casefolded alias (or exact alias when case-sensitive) -> canonical
    pattern: re.Pattern[str] | None
    #: casefolded demonym ("russian") -> the row that gives it (its Military Forces row)
    demonyms: dict[str, str] = field(default_factory=dict)
    #: :func:`_canonical`'s answers, by matched text (the same few dozen names recur in a batch)
    canonical_memo: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)


def _case_sensitive(alias: str) -> bool:
    """Short all-capital acronyms (IS, SDF, HTS, UN) are matched exactly: 'is' and 'un' are words."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 5 and all(c.isupper() for c in letters)


def _alias_regex(alias: str) -> str:
    # any apostrophe matches any apostrophe; spaces and hyphens are interchangeable-ish
    out = []
    for ch in alias:
        if ch in "'’‘`":
            out.append("['’‘`]")
        elif ch == " ":
            out.append(r"\s+")
        elif ch == "-":
            out.append(r"[-\s]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _read_rows(paths: Iterable[Path]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in paths:
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
                if missing:
                    raise DataFileError(f"{path}: missing columns {', '.join(missing)}", "CW303")
                for i, row in enumerate(reader, start=2):
                    if not (row.get("name") or "").strip():
                        raise DataFileError(f"{path}:{i}: empty actor name", "CW303")
                    code = (row.get("actor_type") or "").strip()
                    if code and (not code.isdigit() or not 1 <= int(code) <= 8):
                        raise DataFileError(
                            f"{path}:{i}: actor_type must be an ACLED inter code 1-8", "CW303"
                        )
                    rows.append({k: (v or "").strip() for k, v in row.items() if k})
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    return rows


FORMS_FILE = "actor_forms.json"


def _force_nouns() -> tuple[str, ...]:
    """The nouns of ``actor_forms.json`` (bundled and the user's) that follow a state's demonym."""
    return _forms_for(tuple(data_files(FORMS_FILE)), "state_force_nouns")


@lru_cache(maxsize=8)
def _forms_for(paths: tuple[Path, ...], key: str) -> tuple[str, ...]:
    """The list ``key`` of every ``actor_forms.json`` (bundled first), without repeats."""
    words_out: list[str] = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            words = data.get(key, [])
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f"{key} must be a list of strings")
        except (OSError, ValueError, AttributeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
        words_out.extend(w.strip() for w in words if w.strip() and w.strip() not in words_out)
    return tuple(words_out)


def _build(rows: list[dict[str, str]]) -> _Table:
    actors: dict[str, ActorInfo] = {}
    alias_to_name: dict[str, str] = {}
    demonym_of: dict[str, str] = {}
    nouns = _force_nouns()
    for row in rows:  # bundled first, then the user's: a later row for the same name overrides
        name = row["name"]
        aliases = tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip())
        demonyms = [d.strip() for d in row.get("demonym", "").split("|") if d.strip()]
        demonym_of.update((d.casefold(), name) for d in demonyms)
        generated = [f"{d} {n}" for d in demonyms for n in nouns]
        aliases += tuple(a for a in generated if a.casefold() not in {x.casefold() for x in aliases})
        code = row.get("actor_type", "")
        actors[name] = ActorInfo(
            name=name,
            actor_type=int(code) if code else None,
            side=row.get("side") or None,
            parent=row.get("parent") or None,
            country=row.get("country") or None,
            source=row.get("source", ""),
            aliases=aliases,
            means=row.get("means") or None,
        )
        for alias in (name, *aliases):
            key = alias if _case_sensitive(alias) else alias.casefold()
            alias_to_name[key] = name  # a later file may re-point an alias
    for info in actors.values():
        if info.parent and info.parent not in actors:
            raise DataFileError(
                f"actors: parent {info.parent!r} of {info.name!r} is not a listed actor", "CW303"
            )
    if not alias_to_name:
        return _Table(actors, alias_to_name, None, demonym_of)
    # longest alias first, so that the regex prefers "Syrian Democratic Forces" to "Syrian"
    keys = sorted({a for info in actors.values() for a in (info.name, *info.aliases)}, key=len, reverse=True)
    parts = []
    for alias in keys:
        body = _alias_regex(alias)
        parts.append((alias[0], body if _case_sensitive(alias) else f"(?i:{body})"))
    # a possessive may lose its apostrophe in scraped text ("the Assad regimes air force")
    pattern = re.compile(r"(?<![\w-])(?:" + first_char_alternation(parts) + r")(?:['’]s|['’]|s)?(?![\w-])")
    return _Table(actors, alias_to_name, pattern, demonym_of)


@lru_cache(maxsize=4)
def _table_for(paths: tuple[Path, ...]) -> _Table:
    return _build(_read_rows(paths))


def _table() -> _Table:
    return _table_for_env(os.environ.get(DATA_ENV, ""))


@lru_cache(maxsize=4)
def _table_for_env(user_dirs: str) -> _Table:
    # keyed by the user's data folders: every mention asks for the table (see classify._tax_for)
    paths = tuple(data_files(ACTORS_FILE))
    if not paths:
        raise DataFileError(f"no {ACTORS_FILE} data file found", "CW303")
    return _table_for(paths)


def _canonical(table: _Table, text: str) -> str | None:
    memo = table.canonical_memo
    if text not in memo:
        if len(memo) >= _CANONICAL_MEMO_SIZE:
            memo.clear()  # a long run looking up many free-text names: start again
        memo[text] = _canonical_of(table, text)
    return memo[text]


_CANONICAL_MEMO_SIZE = 50_000


def _canonical_of(table: _Table, text: str) -> str | None:
    norm = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").replace("`", "'"))
    bare = re.sub(r"(?:'s|'|s)$", "", norm)
    for key in (norm, norm.casefold(), bare, bare.casefold()):
        if key in table.alias_to_name:
            return table.alias_to_name[key]
    # hyphen/space variants ("Hayat Tahrir al Sham"): compare with both removed
    squashed = re.sub(r"[-\s]", "", norm.casefold())
    for alias, name in table.alias_to_name.items():
        if re.sub(r"[-\s]", "", alias.casefold()) == squashed:
            return name
    return None


def find_actor_mentions(text: str, base: int = 0) -> list[Mention]:
    """Every actor alias in ``text`` as a Mention (label "ACTOR", canonical = canonical name).

    Offsets are ``base`` + offsets into ``text``. Matches do not overlap; at each
    position the longest alias wins. Matching ignores case except for short
    acronyms; "Assad's forces" and "Assad’s forces" both match.
    """
    table = _table()
    if table.pattern is None:
        return []
    out: list[Mention] = []
    end = 0
    for m in table.pattern.finditer(text):
        if m.start() < end:
            continue  # the group noun of the named actor before it
        name = _canonical(table, m.group(0))
        if name is None:
            continue
        end = _group_noun_end(text, m.start(), m.end())
        out.append(Mention(base + m.start(), base + end, text[m.start() : end], "ACTOR", name))
    return out


_SPACE = re.compile(r"[ \t]+")


def _group_noun_end(text: str, start: int, end: int) -> int:
    """Where a named actor's mention ends: after a group noun that directly follows the name.

    "Daesh militants", "Hezbollah fighters": the noun names the same group, not a second actor
    (cue group ``group_noun`` of data/event_types.json). Only after a proper name (a capital
    letter in the match), so "the militants fighters" stays as it is.
    """
    name = text[start:end]
    if not any(c.isupper() for c in name) or _cue("group_noun").search(name):
        return end
    gap = _SPACE.match(text, end)
    if gap is None:
        return end
    noun = _cue("group_noun").match(text, gap.end())
    return noun.end() if noun is not None else end


@dataclass(frozen=True)
class _Countries:
    """The actors of the actors file that stand for a country, keyed by :func:`_country_key`."""

    forces: dict[str, str]  # country -> its "Military Forces of <country>"
    governments: dict[str, str]  # country -> its "Government of <country>"
    pattern: re.Pattern[str] | None  # a bare name of a country that has forces


def _country_key(text: str) -> str:
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text.strip()), flags=re.I).casefold()


@lru_cache(maxsize=4)
def _countries(user_dirs: str) -> _Countries:
    table = _table_for_env(user_dirs)  # keyed like the actor table

    def of(prefix: str) -> dict[str, str]:
        return {
            _country_key(info.country): info.name
            for info in table.actors.values()
            if info.country and info.name.startswith(prefix)
        }

    forces = of("Military Forces of")
    pattern = None
    if forces:
        names = sorted(forces, key=len, reverse=True)
        body = "|".join(r"(?:the\s+)?" + _alias_regex(n) if n.startswith("united") else _alias_regex(n) for n in names)
        pattern = re.compile(r"(?<![\w-])(?i:" + body + r")(?![\w-])")
    return _Countries(forces, of("Government of "), pattern)


def find_state_mentions(text: str, base: int = 0) -> list[Mention]:
    """Bare country names ("Russia", "Turkey") as that state's military (label :data:`STATE_LABEL`).

    Only for the perpetrator or target of a violent event: "Russia has been launching air
    strikes" is the Military Forces of Russia (ACLED's coding of a state's armed action), while
    "Russia said" is a speaker, so these mentions are not among :func:`find_actor_mentions`. The
    countries are those of the "Military Forces of <country>" rows of the actors file.
    """
    known = _countries(os.environ.get(DATA_ENV, ""))
    if known.pattern is None:
        return []
    out = []
    for m in known.pattern.finditer(text):
        key = _country_key(m.group(0))
        if key in known.forces and not _first_name(text, m.start(), m.end(), known.pattern):
            out.append(Mention(base + m.start(), base + m.end(), m.group(0), STATE_LABEL, known.forces[key]))
    return out


_SURNAME = re.compile(
    r" (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)"
    r"[A-Z][a-z]+\b"
)
_BYLINE = re.compile(r"\b(?:by|By|BY)\s+$")


def _first_name(text: str, start: int, end: int, countries: re.Pattern[str]) -> bool:
    """Is the country name at ``start:end`` a person's first name in a byline ("Posted on August
    3 2016 by Jordan Dakamseh")? A state's forces are never the author of the page. (Not when
    another country follows: "by Russia Turkey and Iran" in text stripped of its commas.)"""
    if not _BYLINE.search(text[max(0, start - 4) : start]) or not _SURNAME.match(text, end):
        return False
    return countries.match(text, end + 1) is None


#: the ``actor_forms.json`` lists of phrases that name a state's organ without saying whose
#: state, and the organ each names: "the government" (its Government of <country>), "the army"
#: (its Military Forces of <country>)
_STATE_REFERENCES = (("government_references", "governments"), ("force_references", "forces"))


@lru_cache(maxsize=8)
def _state_reference_pattern(paths: tuple[Path, ...], key: str) -> re.Pattern[str] | None:
    phrases = sorted(_forms_for(paths, key), key=len, reverse=True)
    if not phrases:
        return None
    body = "|".join(_alias_regex(p) for p in phrases)
    # "the government of Iraq", "the Army of Conquest" say whose: left to the aliases (or to no one)
    return re.compile(r"(?<![\w-])(?i:" + body + r")(?:['’]s)?(?![\w-])(?!\s+of\b)")


def find_state_references(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Bare references to a state's government or forces ("the government", "the army") as the
    story's Government of <country> or Military Forces of <country>.

    "The government has resumed using barrel bombs", "shelling by the army killed 21" name no
    country; the story has said whose state it is about. Of the states whose actors (government,
    forces) ``mentions`` name before the reference, the conflict's own (ACLED inter 1: "the army"
    in a Syrian story that also names Russia is Syria's), else the one named most often, the
    latest on a tie. A reference before any such mention, or inside one, gives nothing.
    ``mentions`` are :func:`find_actor_mentions` of the same ``text``; the phrases are the
    ``government_references`` and ``force_references`` of ``actor_forms.json``.
    """
    paths = tuple(data_files(FORMS_FILE))
    known = _countries(os.environ.get(DATA_ENV, ""))
    states: list[tuple[int, str, bool]] = []  # (mention end, country key, the conflict's own)
    for m in mentions:
        info = lookup_actor(m.canonical or m.text)
        if info is None or not info.country or not (info.is_state or info.name in known.governments.values()):
            continue
        states.append((m.end, _country_key(info.country), info.actor_type == STATE_FORCES))
    out = []
    for key, organ in _STATE_REFERENCES:
        pattern = _state_reference_pattern(paths, key)
        names: dict[str, str] = getattr(known, organ)
        if pattern is None:
            continue
        for ref in pattern.finditer(text):
            if any(m.start < ref.end() and ref.start() < m.end for m in mentions):
                continue
            before = [s for s in states if s[0] <= ref.start() and s[1] in names]
            before = [s for s in before if s[2]] or before
            if not before:
                continue
            counts: dict[str, int] = {}
            latest: dict[str, int] = {}
            for end, country, _ in before:
                counts[country] = counts.get(country, 0) + 1
                latest[country] = end
            country = max(counts, key=lambda c: (counts[c], latest[c]))
            out.append(Mention(ref.start(), ref.end(), ref.group(0), "ACTOR", names[country]))
    return out


def _bare_form(text: str) -> str:
    """An alias as context aliases are keyed: case, a leading "the" and a possessive aside."""
    low = re.sub(r"\s+", " ", text.replace("’", "'")).strip().casefold()
    low = re.sub(r"^the ", "", low)
    return re.sub(r"(?:'s|'|s)$", "", low) if not low.endswith("ss") else low


@lru_cache(maxsize=4)
def _context_aliases_for(paths: tuple[Path, ...]) -> dict[str, tuple[str, ...]]:
    """``context_aliases`` of every ``actor_forms.json`` (bundled first): bare form -> the actors it
    can mean, the one it means when the story says nothing first."""
    out: dict[str, tuple[str, ...]] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data.get("context_aliases", {})
            if not isinstance(entries, dict):
                raise ValueError("context_aliases must map an alias to a list of actor names")
            for alias, names in entries.items():
                if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
                    raise ValueError(f"context_aliases[{alias!r}] must be a non-empty list of actor names")
                out[_bare_form(alias)] = tuple(names)
        except (OSError, ValueError, AttributeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    return out


def _context_aliases() -> dict[str, tuple[str, ...]]:
    return _context_aliases_for(tuple(data_files(FORMS_FILE)))


@lru_cache(maxsize=64)
def _outlet_actor(outlet: str | None) -> str | None:
    """The listed actor an outlet of outlets.csv is the voice of (Etilaf: the National Coalition),
    by an actor alias among the outlet's name and aliases."""
    if not outlet:
        return None
    from crosswire.clean import outlet_by_name

    known = outlet_by_name(outlet)
    names = (known.name, *known.aliases) if known is not None else (outlet,)
    for name in names:
        for m in find_actor_mentions(name):
            if m.start == 0 and m.end == len(name) and m.canonical:
                return m.canonical
    return None


def read_in_context(m: Mention, story: Sequence[Mention], outlet: str | None) -> Mention:
    """An alias that names different actors by context (``context_aliases`` of actor_forms.json:
    "the Coalition" is the US-led coalition, or in the Syrian opposition's statements its National
    Coalition) as the one the story means: of the actors it can mean, the one the story named last
    before it by another alias ("the Syrian Coalition condemned ... the Coalition said"), else the
    one whose own outlet the story is from (Etilaf), else the first. ``story``: the story's actor
    mentions (:func:`find_actor_mentions` of its text, in the offsets ``m`` has); any other
    mention is returned as it is."""
    aliases = _context_aliases()
    readings = aliases.get(_bare_form(m.text))
    if not readings or m.canonical not in readings:
        return m
    named = [
        x.canonical
        for x in story
        if x.end <= m.start and x.canonical in readings and _bare_form(x.text) not in aliases
    ]
    if named:
        pick = named[-1]
    elif (own := _outlet_actor(outlet)) in readings:
        pick = own
    else:
        pick = readings[0]
    return m if pick == m.canonical else replace(m, canonical=pick)


def government_of(phrase: str) -> str | None:
    """"Government of <country>" for a phrase that is just that country's name ("Russia", "the
    United States"), when the actors file lists that government; else None."""
    return _countries(os.environ.get(DATA_ENV, "")).governments.get(_country_key(phrase))


def actor_of_demonym(word: str) -> str | None:
    """The actor whose row gives ``word`` as its demonym ("Russian" -> Military Forces of Russia),
    for a phrase the aliases do not cover ("its Russian allies"); None for any other word."""
    return _table().demonyms.get(word.casefold())


def government_of_demonym(word: str) -> str | None:
    """"Government of <country>" for the country whose demonym ``word`` is ("Russian" ->
    Government of Russia), when the actors file lists both rows: the state a diplomat speaks for
    ("the Russian envoy to the UN")."""
    row = actor_of_demonym(word)
    info = _table().actors.get(row) if row else None
    if info is None or not info.country:
        return None
    return government_of(info.country)


def armed_forces_of(name: str) -> str | None:
    """The "Military Forces of <country>" actor for a "Government of <country>" one, if listed.

    ACLED codes a state's armed action to its military, so when a story says "the Syrian
    government dropped barrel bombs" the perpetrator is Military Forces of Syria.
    """
    table = _table()
    if not name.startswith("Government of "):
        return None
    forces = "Military Forces of " + name[len("Government of ") :]
    return forces if forces in table.actors else None


def actor_info(name: str) -> ActorInfo:
    """The actors-file entry for a canonical name (or an alias). Raises KeyError when unknown."""
    table = _table()
    if name in table.actors:
        return table.actors[name]
    canonical = _canonical(table, name)
    if canonical is None:
        raise KeyError(name)
    return table.actors[canonical]


def lookup_actor(name: str) -> ActorInfo | None:
    """Like :func:`actor_info`, but None for a name the actors file does not know."""
    try:
        return actor_info(name)
    except KeyError:
        return None


# --- roles from the dependency parse -------------------------------------------------------

_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj", "attr", "oprd"}
_TARGET_PREPS = {"against", "on", "at", "upon", "targeting", "toward", "towards"}
_CLAIM_VERBS = {"claim", "admit", "acknowledge"}
#: passives whose subject is the (alleged) doer, not the one hit: "ISIS was involved in the attacks"
_AGENTIVE_PASSIVES = {"involve", "implicate", "accuse", "blame", "suspect", "hold", "believe"}
_COPULA_REPORT = {"say", "report", "state", "announce", "add", "tell", "confirm", "accuse", "claim", "blame"}


def _cue(name: str) -> re.Pattern[str]:
    """A cue group of data/event_types.json (victim words, associate markers)."""
    from crosswire.extract.classify import cue_pattern

    return cue_pattern(name)


#: verbs whose objects are an event's victims wherever they stand in the sentence
_VICTIM_VERBS = frozenset({"kill", "wound", "injure", "target", "hit", "strike"})
_CIVILIAN_VICTIM_VERBS = _VICTIM_VERBS | {"carry", "shoot"}


def _tokens_with_lemma(sentence: Span, wanted: Collection[str]) -> list[Token]:
    """``[t for t in sentence if t.lemma_ in wanted]``, from the Doc's remembered lemmas."""
    doc = sentence.doc
    lemmas = _doc_lemmas(doc)
    return [doc[i] for i in range(sentence.start, sentence.end) if lemmas[i] in wanted]


def _token_span(sentence: Span, start: int, end: int) -> list[Token]:
    return [t for t in sentence if t.idx < end and t.idx + len(t) > start]


def _trigger_token(sentence: Span, hit: TypeHit) -> Token | None:
    toks = _token_span(sentence, hit.start, hit.end)
    if not toks:
        return None
    # the syntactic head of the trigger phrase: the token whose head lies outside the phrase
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")] or [t for t in toks if t.pos_ == "VERB"]
    return (verbs or heads or toks)[0]


#: the dependencies by which a clause names its own subject
_CLAUSE_SUBJ = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def _heads_clause(tok: Token) -> bool:
    """Whether ``tok`` heads a clause of its own: it has a subject of its own, or it is the
    sentence's root. A word below it belongs to its clause, never to one above it."""
    return tok.head.i == tok.i or any(c.dep_ in _CLAUSE_SUBJ for c in tok.children)


def own_clause(sentence: Span, hit: TypeHit) -> Token | None:
    """The head of the clause a trigger belongs to: the nearest word at or above the trigger
    that has a subject of its own ("took" in "after the army took control over X", "appeared"
    in "reports of new chemical attacks appeared"), else the sentence's root. A participle or
    a second verb sharing the subject ("dropped barrels containing chlorine", "retook the town
    and used chlorine") belongs to the clause of that subject. None without a token."""
    cur = _trigger_token(sentence, hit)
    if cur is None:
        return None
    for _ in range(len(sentence)):
        if _heads_clause(cur):
            return cur
        cur = cur.head
    return cur


def in_separate_clauses(
    sentence: Span, hit: TypeHit, others: Sequence[TypeHit], same: Sequence[TypeHit] = ()
) -> bool:
    """Whether ``hit`` tells another action than ``others`` (two events), not one action told
    by two triggers ("an air strike with chlorine gas", "warplanes dropped barrels filled with
    chlorine"): it lies in a clause that names its own doer (an active subject or a passive
    "by" agent) and holds none of ``others`` ("shortly after the army took X, reports of
    chemical attacks appeared", "... after a pilot was executed by rebels").

    Not two actions: a clause whose only subject is the one hit tells an outcome ("three
    civilians were killed after a toxic gas was released"); a trigger that modifies a noun
    names a kind of thing ("Daesh fighting positions"); a relative or participle clause
    describes a noun, so a trigger inside one is background ("Hezbollah, which is fighting
    alongside the army, reported ...") and an overriding trigger inside one tells the act of
    the noun it hangs on ("warplanes carried out strikes that released toxic gas"); and when
    another trigger of ``hit``'s sub-type (``same``) shares a clause with one of ``others``,
    the sentence tells that action twice ("regime bombs kill 28 ... when its warplanes
    dropped makeshift bombs").
    """
    tok, mine = _trigger_token(sentence, hit), own_clause(sentence, hit)
    if tok is None or mine is None or not any(c.dep_ in _SUBJ or c.dep_ == "agent" for c in mine.children):
        return False
    if tok.dep_ in _NOUN_MODIFIERS or any(t.dep_ in _DESCRIPTIVE for t in (tok, *tok.ancestors)):
        return False  # "destroyed Daesh fighting positions", "aid to civilians injured in bombing"
    theirs = [own_clause(sentence, o) for o in others]
    if any(t is None or t.i == mine.i or _nested(t, mine) for t in theirs):
        return False
    again = {c.i for c in (own_clause(sentence, h) for h in same) if c is not None}
    if any(t is not None and t.i in again for t in theirs):
        return False
    return not any(
        t is not None and o.event_type == hit.event_type and _steps_of_one_act(mine, t)
        for o, t in zip(others, theirs, strict=True)
    )


#: verbs of harm suffered: a clause of one with no doer tells an outcome ("two children died of
#: suffocation", "three people were killed")
_HARM_LEMMAS = frozenset(
    {"die", "kill", "injure", "wound", "suffocate", "choke", "perish", "succumb", "poison", "hurt"}
)
_PERSONAL = frozenset({"he", "she", "they", "it", "we"})


def _steps_of_one_act(mine: Token, theirs: Token) -> bool:
    """Are two clauses, one an adverbial clause ("after ...", "before ...") of the other, the
    steps of one act rather than two actions? Asked only of triggers of one event type (two
    weapons of one attack): a killing of civilians after a capture ("12 residents were killed by
    government forces after they regained control of the town") stays two events.

    So when the overriding trigger's clause tells harm suffered without a doer and the other
    clause its cause ("a woman and a child died of suffocation after helicopters dropped explosive
    barrels": one chemical attack delivered by helicopter), or when the adverbial clause's subject
    is a pronoun taking up the other's doer ("one of the bombers used a hand grenade ... before he
    detonated his explosive device": one suicide bombing), as a second verb sharing one subject
    is ("retook the town and used chlorine"). A clause with a doer of its own named anew stays
    another action ("shortly after the army took X, reports of chemical attacks appeared")."""
    if mine.dep_ == "advcl" and mine.head.i == theirs.i:
        sub = mine
    elif theirs.dep_ == "advcl" and theirs.head.i == mine.i:
        sub = theirs
    else:
        return False
    if _harm_without_doer(theirs):
        return True
    subjects = [c for c in sub.children if c.dep_ in _SUBJ]
    return bool(subjects) and all(c.lower_ in _PERSONAL for c in subjects)


def _harm_without_doer(clause: Token) -> bool:
    """A clause of harm suffered: "died of suffocation", "were killed" with no "by" agent."""
    if clause.lemma_.lower() not in _HARM_LEMMAS:
        return False
    deps = {c.dep_ for c in clause.children}
    if "agent" in deps:
        return False
    return "nsubjpass" in deps or clause.lemma_.lower() in {"die", "perish", "suffocate", "choke", "succumb"}


#: clauses that describe a noun (relative, participle) rather than tell an action of their own
_DESCRIPTIVE = {"relcl", "acl"}
#: a trigger word in these relations names a kind of thing ("fighting positions"), not an action
_NOUN_MODIFIERS = {"compound", "amod", "nmod", "poss"}


def _nested(clause: Token, other: Token) -> bool:
    """``clause`` hangs, below where it meets ``other``'s clause, from a relative or participle
    clause: it tells what some noun there is or did, not a parallel action."""
    above = {t.i for t in (other, *other.ancestors)}
    for t in (clause, *clause.ancestors):
        if t.i in above:
            return False
        if t.dep_ in _DESCRIPTIVE:
            return True
    return False


def _under_target_prep(tok: Token, m: Mention) -> bool:
    """Is mention ``m`` (inside ``tok``'s subtree) the object of a target preposition on the way
    up to ``tok`` ("strikes *on the Islamic State's capital*", "an attack *against rebels*")?"""
    path = _path_below(tok, m)
    return path is not None and any(a.dep_ == "prep" and a.lower_ in _TARGET_PREPS for a in path)


def _mention_for_token(
    tok: Token, mentions: Sequence[Mention], used_subtree: bool = True, doer: bool = False
) -> Mention | None:
    """The mention covering ``tok`` or, failing that, the first mention inside its subtree
    (for a ``doer``, not one the phrase says is struck: :func:`_under_target_prep`)."""
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m
    if not used_subtree:
        return None
    lo = min(t.idx for t in tok.subtree)
    hi = max(t.idx + len(t) for t in tok.subtree)
    # a bare country name counts only as the token itself ("Russia asserts"), never from inside a
    # phrase ("the attack in Syria" is not Syria's forces)
    inside = [m for m in mentions if lo <= m.start and m.end <= hi and m.label != STATE_LABEL]
    if doer:
        # "air strikes on rebel positions killed 12": what the subject phrase strikes is no doer
        inside = [m for m in inside if not _under_target_prep(tok, m)]
    if not inside:
        return None
    # prefer a mention not introduced by a nested preposition ("forces of X" -> forces, not X)
    return min(inside, key=lambda m: (_depth_below(tok, m), m.start))


def _path_below(tok: Token, m: Mention) -> list[Token] | None:
    """The words by which mention ``m`` hangs below ``tok``: its first word and those above it,
    ``tok`` left out (up to the root, the root left out, when ``m`` is not below ``tok``; at most
    50). None when the doc has no word at ``m``."""
    t = next((t for t in tok.doc if t.idx >= m.start), None)
    if t is None:
        return None
    path: list[Token] = []
    cur = t
    while cur.i != tok.i and cur.head.i != cur.i and len(path) < 50:
        path.append(cur)
        cur = cur.head
    return path


def _depth_below(tok: Token, m: Mention) -> int:
    path = _path_below(tok, m)
    return len(path) if path is not None else 99


def _is_associate(sentence: Span, m: Mention, doc_text: str) -> bool:
    # doc_text is the text of sentence.doc (annotate.doc_text: spaCy joins it anew on every access)
    before = doc_text[max(sentence.start_char, m.start - 60) : m.start].rstrip()
    return any(x.end() == len(before) for x in _cue("associate_marker").finditer(before))


def _children(tok: Token, deps: set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _agent_objects(tok: Token) -> list[Token]:
    return [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(g for g in c.children if g.dep_ == "pobj")
        if c.dep_ == "acl" and c.lower_ in ("targeting", "targetting", "hitting", "striking"):
            out.extend(_children(c, _OBJ))
    return out


def _is_reporting(lemma: str) -> bool:
    """A reporting verb: one of the copula reports or any verb of the claims lexicon (claim_verbs.json)."""
    from crosswire.extract import claims

    return lemma in _COPULA_REPORT or lemma in claims._lexicon().verb_type


def _reported_clause_start(tok: Token | None) -> int:
    """Where the reported clause holding the trigger starts ("X asserts that [the attack was staged]"),
    so that the word-order fallback never takes the speaker, or whom the speaker stands up for, as
    the doer; 0 when the trigger is not inside reported speech or the clause's subject is a pronoun."""
    if tok is None:
        return 0
    top = _climb(tok)[-1]
    if top.dep_ != "ccomp" or not _is_reporting(top.head.lemma_):
        return 0
    if any(c.dep_ in _SUBJ and c.pos_ == "PRON" for c in top.children):
        return 0  # "the SDF said they had seized Manbij": the pronoun is the speaker, who did it
    return min(t.idx for t in top.subtree)


def _is_accusation(v: Token) -> bool:
    """A verb of accusation of the claims lexicon (claim type "accusation": "accuse", "blame",
    "condemn", the phrase "hold ... responsible")."""
    from crosswire.extract import claims

    if v.pos_ != "VERB":
        return False
    lex = claims._lexicon()
    if lex.verb_type.get(v.lemma_) == "accusation":
        return True
    rests = lex.phrase_rests.get((v.lemma_, "accusation"))
    if not rests:
        return False  # no phrase of accusation begins with this verb: its subtree is not read
    words = {t.lemma_.lower() for t in v.subtree}
    return any(rest <= words for rest in rests)


def is_accused_act(sentence: Span, hit: TypeHit) -> bool:
    """Whether the trigger's act is what a verb of accusation accuses someone of ("X accused Y of
    using chlorine", "blamed the attack on Y"): then actor1, if any, is an alleged doer."""
    tok = _trigger_token(sentence, hit)
    return tok is not None and _accusation_over(tok) is not None


def _accusation_over(tok: Token) -> Token | None:
    """The verb of accusation whose complement tells the trigger's act, in the trigger's own
    clause: "accused the army [of using chlorine]", "blamed [the attack] on X", "X was held
    responsible [for the shelling]". Its subject is the accuser, who is never the doer.

    None when the trigger is elsewhere under the verb: in a clause with its own subject ("accused
    X of lying after ISIS used chlorine"), in another clause the act leads to ("accused IS of
    keeping civilians in order to use them as shields against air strikes"), in the phrase that
    names the accused ("accused Belgium, a member of a coalition fighting IS, of ...") or in the
    accuser's ("survivors of the attack accused X")."""
    child = tok
    head = _phrase_head(tok)
    path: list[Token] = []
    for _ in range(len(tok.doc)):
        if _heads_clause(child):
            return None
        if child.dep_ in _OTHER_CLAUSE:
            return None
        path.append(child)
        v = child.head
        if _is_accusation(v):
            if child.dep_ == "prep" or child.dep_ in ("oprd", "acomp"):
                return v
            if child.dep_ in _OBJ or child.dep_ in _PASS_SUBJ:
                # the act itself ("blamed the attack on X"); or the accused, when the act is the
                # "of"/"for" phrase the parser hung on them ("accused [the regime and its allies]
                # of using ...", "held X responsible for the attack")
                accused = {child.i, *(c.i for c in child.conjuncts)}
                of_them = any(
                    (t.dep_ == "prep" and t.lower_ in ("of", "for") and t.head.i in accused)
                    or t.lemma_ == "responsible"
                    for t in path
                )
                return v if child.i == head.i or of_them else None
            return None
        child = v
    return None


#: clauses the act leads to or that report it, not the act an accusation names
_OTHER_CLAUSE = {"advcl", "xcomp", "ccomp", "relcl", "parataxis"}


def _phrase_head(tok: Token) -> Token:
    """The noun a trigger word modifies: "attack" for "chlorine" in "the chlorine attack"."""
    while tok.dep_ in ("compound", "amod") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _accused(v: Token, tok: Token) -> list[Token]:
    """Whom the verb of accusation ``v`` accuses of the trigger ``tok``'s act: its object or
    passive subject ("accused the army of", "the army was blamed for"), or, when the act itself
    is the one blamed, the object of "on" ("blamed the attack on X"); each conjunct counts
    ("accused both Damascus and Daesh of ...": two)."""
    act = _phrase_head(tok)
    if act.head.i == v.i and (act.dep_ in _OBJ or act.dep_ in _PASS_SUBJ):
        # the act itself is blamed; the parser hangs "on X" from the verb or from the act, and
        # of several ("the attack on Saraqib on the army") the last is the one blamed
        on = sorted((g for h in (v, act) for g in _prep_objects(h, {"on"})), key=lambda g: g.i)
        heads = on[-1:]
    else:
        heads = [c for c in v.children if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ]
    return [t for h in heads for t in (h, *h.conjuncts)]


def _climb(tok: Token) -> list[Token]:
    """The trigger, then the verbs it hangs from (nominal triggers: 'an attack ... killed' -> 'killed')."""
    chain = [tok]
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        if cur.dep_ == "ccomp" and _is_reporting(cur.head.lemma_):
            break  # "X said (that) Y attacked", "X asserts the attack was staged": never climb into the speaker
        cur = cur.head
        chain.append(cur)
    return chain


def _nominal_actor(v: Token, pick: Callable[[Iterable[Token]], Mention | None]) -> Mention | None:
    """The doer named inside a nominal trigger: a modifier, or 'by'/'from' X."""
    mod = pick([c for c in v.children if c.dep_ in ("compound", "amod", "nmod", "poss")])
    return mod if mod is not None else pick(_prep_objects(v, {"by", "from", "of"}))


def _demonym_actor(tok: Token) -> Mention | None:
    """"Russian air strikes", "Turkish shelling": a state's demonym on a nominal act of violence
    names that state's forces (the listed forms cover only the forces: "Russian jets")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    for c in tok.children:
        forces = actor_of_demonym(c.text) if c.dep_ == "amod" else None
        if forces is not None:
            return Mention(c.idx, c.idx + len(c), c.text, "ACTOR", forces)
    return None


def _civilian_victim(sentence: Span, hit: TypeHit, tok: Token | None, doc_text: str) -> Token | None:
    """A token naming civilian victims/targets related to the trigger, from the parse."""
    candidates: list[Token] = []
    if tok is not None:
        for v in _climb(tok):
            candidates += _children(v, _OBJ) + _children(v, _PASS_SUBJ) + _prep_objects(v, _TARGET_PREPS)
            for clause in v.children:
                if clause.dep_ in ("advcl", "xcomp", "conj", "relcl"):
                    candidates += _children(clause, _OBJ)
        # "killing 12 civilians" as an adverbial clause of any verb in the sentence
        for t in _tokens_with_lemma(sentence, _CIVILIAN_VICTIM_VERBS):
            candidates += _children(t, _OBJ) + _prep_objects(t, _TARGET_PREPS) + _children(t, _PASS_SUBJ)
    for c in candidates:
        phrase = doc_text[min(x.idx for x in c.subtree) : max(x.idx + len(x) for x in c.subtree)]
        if _cue("victim_civilian").search(phrase) and not _cue("victim_military").search(phrase):
            return c
    return None


class Roles(NamedTuple):
    """Who did what to whom in one event hit, as :func:`read_roles` reads it."""

    actor1: Mention | None
    actor2: Mention | None
    civilian_targeting: bool
    #: the act is what a verb of accusation accuses someone of ("X accused Y of using chlorine",
    #: :func:`is_accused_act`): actor1, if any, is only the one accused
    alleged: bool = False


def assign_roles(
    sentence: Span | tuple[int, int],
    hit: TypeHit,
    mentions: Sequence[Mention],
    base: int = 0,
) -> tuple[Mention | None, Mention | None, bool]:
    """(actor1, actor2, civilian_targeting) of :func:`read_roles`."""
    roles = read_roles(sentence, hit, mentions, base)
    return roles.actor1, roles.actor2, roles.civilian_targeting


def read_roles(
    sentence: Span | tuple[int, int],
    hit: TypeHit,
    mentions: Sequence[Mention],
    base: int = 0,
) -> Roles:
    """actor1, actor2, civilian targeting and whether the act is an accused one, for one event
    hit in a parsed sentence.

    actor1 is the perpetrator: the subject (or passive agent, "killed by X") of
    the trigger verb or of the verb a nominal trigger depends on ("a coalition
    attack ... killed 62 soldiers"); "X claimed (responsibility for) a bombing"
    makes X actor1. actor2 is the acted upon: the object, or the object of
    "against"/"on"/"targeting". Mentions introduced by "backed by" / "with
    support from" are associates and never actor2. When the victims are
    civilians (objects such as "civilians", "a bus carrying passengers", "a
    residential quarter") civilian_targeting is True and actor2 is a civilian
    actor (a listed one, else a Mention labelled "CIVILIANS").

    ``hit`` and ``mentions`` carry offsets into the story text; ``base`` is where
    the sentence's doc text starts in it (0 when the doc is the whole story, the
    sentence start when each sentence was parsed on its own). Given only a
    ``(start, end)`` pair instead of a parse, the roles fall back to word order:
    the nearest actor before the trigger and the first one after it (and no accusation).
    """
    if isinstance(sentence, tuple):
        return _roles_by_order(sentence, hit, mentions)
    if base:
        shifted = [replace(m, start=m.start - base, end=m.end - base) for m in mentions]
        local = replace(hit, start=hit.start - base, end=hit.end - base)
        a1, a2, civ, alleged = _assign_roles(sentence, local, shifted)
        return Roles(
            replace(a1, start=a1.start + base, end=a1.end + base) if a1 else None,
            replace(a2, start=a2.start + base, end=a2.end + base) if a2 else None,
            civ,
            alleged,
        )
    return _assign_roles(sentence, hit, mentions)


def _roles_by_order(bounds: tuple[int, int], hit: TypeHit, mentions: Sequence[Mention]) -> Roles:
    in_sent = [m for m in mentions if bounds[0] <= m.start and m.end <= bounds[1]]
    before = [m for m in in_sent if m.end <= hit.start and not _is_civilian(m)]
    actor1 = before[-1] if before else None
    after = [m for m in in_sent if m.start >= hit.start and not _same(actor1, m)]
    actor2 = after[0] if after else None
    return Roles(actor1, actor2, actor2 is not None and _is_civilian(actor2))


def _assign_roles(sentence: Span, hit: TypeHit, mentions: Sequence[Mention]) -> Roles:
    doc_text = _doc_text(sentence.doc)
    in_sent = [m for m in mentions if sentence.start_char <= m.start and m.end <= sentence.end_char]
    usable = [m for m in in_sent if not _is_associate(sentence, m, doc_text)]
    tok = _trigger_token(sentence, hit)
    actor1: Mention | None = None
    actor2: Mention | None = None

    def pick(tokens: Iterable[Token]) -> Mention | None:
        for t in tokens:
            m = _mention_for_token(t, usable)
            if m is not None:
                return m
        return None

    def pick_doer(tokens: Iterable[Token]) -> Mention | None:
        for t in tokens:
            m = _mention_for_token(t, usable, doer=True)
            if m is not None:
                return m
        return None

    # a trigger inside an actor's name ("Russian warplanes", "Turkish drones") names the doer itself
    covering = [m for m in in_sent if m.start <= hit.start and hit.end <= m.end and not _is_civilian(m)]
    if covering:
        actor1 = covering[0]
    accusation = _accusation_over(tok) if tok is not None else None
    if tok is not None:
        chain = _climb(tok)
        if accusation is not None and accusation in chain:
            # the accuser (the subject) and the accused (the object) are not the doer and the target
            chain = chain[: chain.index(accusation)]
        deferred: list[Token] = []  # object nouns: their modifiers name the target's owner, not the doer
        for v in chain if actor1 is None else []:
            # passive: "were killed by X" -> X actor1, the passive subject actor2
            agent = pick(_agent_objects(v))
            if agent is not None:
                actor1 = agent
                actor2 = actor2 or pick(_children(v, _PASS_SUBJ))
                break
            subj = pick_doer(_children(v, _SUBJ)) or _stranded_subject(v, usable, doc_text)
            if subj is not None:
                actor1 = subj
                break
            if v.pos_ in ("NOUN", "PROPN"):
                if v.dep_ in _OBJ:
                    deferred.append(v)
                    continue
                # nominal trigger: its own modifiers ("a US-led coalition attack", "Russian air strikes"),
                # or the agent of a participle on it ("hostages taken by ISIS")
                actor1 = _nominal_actor(v, pick) or pick(
                    g for c in v.children if c.dep_ == "acl" for g in _agent_objects(c)
                )
                if actor1 is not None:
                    break
        if actor1 is None:
            for v in deferred:
                actor1 = _nominal_actor(v, pick)
                if actor1 is not None:
                    break
        if actor1 is None and accusation is None and hit.event_type in _VIOLENT_TYPES:
            actor1 = _demonym_actor(tok)
        accused = _accused(accusation, tok) if accusation is not None else []
        if actor1 is None and accusation is not None:
            # the alleged doer is the one accused, and only when one is: of "both A and B" the
            # accusation picks none (the claims keep whom it accuses)
            actor1 = pick(accused) if len(accused) == 1 else None
        # the accused are never the ones acted upon
        if accused:
            usable = [m for m in usable if not any(m.start <= t.idx < m.end for t in accused)]
        # actor2: objects of the trigger or of the verb it depends on
        for v in chain:
            if actor2 is not None:
                break
            # in a battle the other party follows "with" ("clashed with ISIS"); elsewhere "with" is a means
            preps = _TARGET_PREPS | ({"with"} if hit.event_type == "Battles" else set())
            actor2 = pick(_children(v, _OBJ) + _prep_objects(v, preps) + _children(v, _PASS_SUBJ))
            if actor2 is not None and _same(actor1, actor2):
                actor2 = None
        # "X claimed (responsibility for) a bombing"
        if actor1 is None and accusation is None:
            for t in _tokens_with_lemma(sentence, _CLAIM_VERBS):
                if t.idx < hit.start:
                    actor1 = pick(_children(t, _SUBJ))
                    if actor1 is not None:
                        break
        if actor2 is None:
            # the victims of "killing 62 soldiers" in the same sentence
            for t in _tokens_with_lemma(sentence, _VICTIM_VERBS):
                if t.i != tok.i:
                    cand = pick(_children(t, _OBJ) + _children(t, _PASS_SUBJ))
                    if cand is not None and not _same(actor1, cand):
                        actor2 = cand
                        break
    if actor1 is None and accusation is None:
        # no parse link: the nearest non-civilian mention before the trigger (subject position in English),
        # but never the passive subject ("three US servicemen were killed by an IED"): that one was hit
        victims = [
            t
            for v in (_climb(tok) if tok is not None else [])
            if v.lemma_ not in _AGENTIVE_PASSIVES
            for t in _children(v, _PASS_SUBJ)
        ]
        hit_ones = [m for t in victims for m in [_mention_for_token(t, usable)] if m is not None]
        lo = _reported_clause_start(tok)
        before = [
            m
            for m in usable
            if lo <= m.start
            and m.end <= hit.start
            and not _is_civilian(m)
            and m not in hit_ones
            and m.label != STATE_LABEL
            and not (tok is not None and _elsewhere(sentence, m, tok))
        ]
        if actor2 is None and hit_ones:
            actor2 = hit_ones[0]
        if before:
            actor1 = before[-1]
    if actor2 is not None and _same(actor1, actor2):
        actor2 = None
    if actor2 is None and actor1 is not None and hit.event_type != "Protests":
        actor2 = _next_in_clause(sentence, hit, usable, actor1)
    victim = _civilian_victim(sentence, hit, tok, doc_text)
    civilian = victim is not None or (actor2 is not None and _is_civilian(actor2))
    if civilian and (actor2 is None or not _is_civilian(actor2)):
        if victim is not None:
            lo = min(x.idx for x in victim.subtree)
            hi = max(x.idx + len(x) for x in victim.subtree)
            listed = [m for m in in_sent if lo <= m.start and m.end <= hi and _is_civilian(m)]
            # the victim noun with its left modifiers ("Palestinian homes", "12 civilians")
            left = min([victim.idx, *(c.idx for c in victim.lefts if c.dep_ not in ("det", "punct"))])
            actor2 = (
                listed[0]
                if listed
                else Mention(
                    left,
                    victim.idx + len(victim),
                    doc_text[left : victim.idx + len(victim)],
                    "CIVILIANS",
                    CIVILIANS_DEFAULT if lookup_actor(CIVILIANS_DEFAULT) else None,
                )
            )
    if actor1 is not None and _is_civilian(actor1) and actor2 is not None and not _is_civilian(actor2):
        # "civilians were killed by X" parsed the wrong way round
        actor1, actor2 = actor2, actor1
    if actor1 is not None and _is_civilian(actor1) and hit.event_type in _VIOLENT_TYPES:
        # civilians do not carry out political violence, they suffer it (ACLED codes them as
        # actor2 only): "3 Civilians Killed in Terrorist Rocket Attacks" read as "civilians killed"
        actor1, actor2 = None, actor2 if actor2 is not None else actor1
        civilian = True
    return Roles(actor1, actor2, civilian, accusation is not None)


#: the event types of political violence, whose actor1 is never a civilian
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


#: a fronted adverbial the parser may swallow the subject into ("after long clashes ... the army")
_FRONTED = {"prep", "advcl", "advmod", "npadvmod"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _stranded_subject(v: Token, mentions: Sequence[Mention], doc_text: str) -> Mention | None:
    """The subject the parser hung inside a long fronted adverbial of ``v``.

    "After long clashes and with massive support from the Russian Aerospace Forces the Syrian
    Army destroyed ...": with no comma after the adverbial, the small model reads "the Syrian
    Army" as one more object of "from", and the finite verb is left without a subject. The actor
    mention that ends right before the verb (or its auxiliaries) and that the parse puts inside
    a phrase before the verb is then the subject. A verb with a subject of its own is never asked.
    """
    if v.pos_ != "VERB" or any(c.dep_ in _CLAUSE_SUBJ or c.dep_ == "agent" for c in v.children):
        return None
    aux = [c for c in v.children if c.dep_ == "aux" and c.i < v.i]
    if v.tag_ not in _FINITE and not any(a.tag_ in _FINITE for a in aux):
        return None
    first = min([v, *aux], key=lambda t: t.i)
    fronted = [c for c in v.children if c.dep_ in _FRONTED and c.i < first.i]
    if not fronted:
        return None
    for m in mentions:
        if m.end > first.idx or doc_text[m.end : first.idx].strip() or _is_civilian(m):
            continue
        if m.label == STATE_LABEL:
            continue  # a bare country name ends many a subject phrase ("strikes in eastern Syria")
        inside = [t for t in v.doc if m.start <= t.idx < m.end]
        if inside and any(f.i in {a.i for a in inside[-1].ancestors} for f in fronted):
            return m
    return None


def _elsewhere(sentence: Span, m: Mention, tok: Token) -> bool:
    """A mention the word-order fallback must not take as the trigger's doer: the subject or
    object of another clause below the trigger's ("shortly after the army took X, reports of
    chemical attacks appeared": the army took X) or the source of the report ("according to
    the government, chemical weapons were used")."""
    inside = [t for t in sentence if m.start <= t.idx < m.end]
    if not inside:
        return False
    ids = {t.i for t in inside}
    word = next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[0])
    if any(a.lower_ == "according" for a in word.ancestors):
        return True
    # only a direct subject or object: a mention the parser buried in a phrase of another clause
    # ("After their offensive began in late September pro-government forces managed ...") may
    # be a misparse of the trigger's own subject
    if word.dep_ not in _SUBJ | _PASS_SUBJ | _OBJ:
        return False
    verb = word.head
    # a subordinate clause (never the root) with a subject of its own
    if verb.dep_ not in _SUBORDINATE or not _heads_clause(verb):
        # a reported clause may well name the doer ('"The regime has committed crimes," he said,
        # citing sexual assault ...')
        return False
    return verb.i != tok.i and all(a.i != verb.i for a in tok.ancestors)


#: clauses that set another action beside the trigger's: adverbial ("after the army took X"),
#: relative ("rebels, who had seized X, ...")
_SUBORDINATE = {"advcl", "relcl", "acl"}


_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|of|outside|inside|across|around|to|into)\s+(?:the\s+)?\S*\s*)$", re.I
)
_CLAUSE_END = re.compile(r"[,;:()]|\b(?:and|but|while|after|before|as|which|who|said|says)\b", re.I)


def _next_in_clause(
    sentence: Span, hit: TypeHit, mentions: Sequence[Mention], actor1: Mention
) -> Mention | None:
    """Word-order fallback when the parse gives no object: the first mention after the trigger in its
    clause, unless a preposition makes it a place ("in Kabul")."""
    text = _doc_text(sentence.doc)
    for m in mentions:
        if m.start < hit.end or _same(actor1, m) or m.label == STATE_LABEL:
            continue
        between = text[hit.end : m.start]
        if len(between) > 60 or _CLAUSE_END.search(between) or _LOCATIVE.search(between):
            return None
        return m
    return None


def _same(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None:
        return False
    if a.canonical is not None and a.canonical == b.canonical:
        return True
    return a.start == b.start and a.end == b.end


def _is_civilian(m: Mention) -> bool:
    if m.label == "CIVILIANS":
        return True
    info = lookup_actor(m.canonical) if m.canonical else None
    return info is not None and info.is_civilian
