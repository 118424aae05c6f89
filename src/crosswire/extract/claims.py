"""Attributed statements: who says what, about whom, in what kind of speech act.

``extract_claims`` finds reported speech in a story's sentences with spaCy's
dependency parse: "X said (that) ...", "“...,” X said", "X told Y ...",
"according to X, ...", "X accused Y of ...", "X denied / rejected claims ...",
"X claimed responsibility for ...", "... was stated by X" (the content is the
previous sentence), quotations that continue a speaker's earlier quote, and
unattributed reports ("reports appeared", "it was reported": speaker ``None``).
A pronoun speaker ("he said") is resolved to the last named speaker of the story.

The reporting verbs by claim type and the content cues live in
``data/claim_verbs.json``; speakers are resolved to canonical actors through the
actor list (``extract.actors.find_actor_mentions``) applied to the whole speaker
phrase, affiliation included ("Igor Konashenkov, the Russian Defense Ministry's
spokesman" resolves through "Russian Defense Ministry").
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice
from typing import Any

from crosswire.annotate import doc_text
from crosswire.errors import DataFileError
from crosswire.models import Actor, AnnotatedStory, Claim, Evidence, Mention, Sentence, Story
from crosswire.patterns import first_char_alternation
from crosswire.settings import DEFAULT, data_files

CLAIM_TYPES = ("accusation", "denial", "casualty_report", "threat", "announcement", "assessment")

_QUOTE_CHARS = '"“”„«»'
_OPEN_QUOTES = '"“„«'
_NUMBER_RE = re.compile(
    r"\b(?:\d[\d,.]*|dozens?|scores?|hundreds?|thousands?|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b",
    re.I,
)
_ANAPHORIC = {"this", "that", "it"}
_ONE_PERSON = {"he", "she", "him", "her"}
#: a passive in a clause of time ("before they were", "after it was"): what it says sets the scene
_SCENE_PASSIVE = re.compile(r"\b(?:before|after|until|when|once)\s+(?:\w+\s+){0,3}(?:were|was|been|are|is)\s+$")
_SELF_REPORT = re.compile(
    r"(?:that\s+)?(?:it|we)\s+(?:had|has|have)\s+(?:\w+ly\s+)?(?!(?:been|no|not|never|nothing)\b)(\w+)"
)
#: one victim named with no numeral ("killing a civilian", "a child was wounded"): a count of one
_ONE_VICTIM = re.compile(
    r"\b(?:kill|wound|injur|kidnapp?|abduct|execut)\w*\s+(?:a|an|one)\s+\w+"
    r"|\b(?:a|an|one)\s+(?:\w+\s+){0,2}(?:was|has\s+been)\s+(?:killed|wounded|injured|executed)\b"
)
#: a modal or a negation on a verb: what it says is not stated ("should not think", "would confirm")
_UNSTATED_AUX = frozenset({"should", "must", "would", "could", "might", "may", "can", "ought", "will", "shall"})
# English irregular forms of the reporting verbs (morphology, not domain knowledge); the regular
# ones are made by :func:`verb_forms` with the suffix rules of spaCy's English lemmatizer
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "read": ("read",),
    "hold responsible": ("held",),
    "mean": ("meant",),
    "speak": ("spoke", "spoken"),
    "give": ("gave", "given"),
    "strike": ("struck", "stricken"),
    "shoot": ("shot",),
    "hit": ("hit", "hitting"),
}
_CONSONANTS = frozenset("bcdfgklmnprstvz")


@dataclass(frozen=True)
class ClaimLexicon:
    """The reporting-verb lexicon (``data/claim_verbs.json``, merged with the user's)."""

    verb_type: dict[str, str]  # lemma -> claim type ("neutral" for say/tell/...)
    phrase_verbs: dict[str, str]  # "claim responsibility" -> announcement
    cues: dict[str, tuple[str, ...]]  # claim type -> content cue words/phrases
    precedence: tuple[str, ...]
    default_type: str
    unattributed: tuple[re.Pattern[str], ...]
    pronouns: frozenset[str]
    speaker_nouns: frozenset[str] = frozenset()
    object_verbs: frozenset[str] = frozenset()  # neutral verbs whose object is what is said
    source_nouns: frozenset[str] = frozenset()  # records a claim is "according to" ("figures", "the bulletin")
    clause_verbs: frozenset[str] = frozenset()  # neutral verbs that take a clause, never a noun object
    inverting_verbs: frozenset[str] = frozenset()  # "..., said the Observatory": the speaker after
    headline_labels: frozenset[str] = frozenset()  # "Factbox:", "Watch:": no speaker before a colon
    accused_object_verbs: frozenset[str] = frozenset()  # "accused X (and Y) of": the object is the accused
    ally_nouns: frozenset[str] = frozenset()  # "its Russian allies": a demonym names the state
    count_nouns: frozenset[str] = frozenset()  # "a toll", "figures": records that carry a number
    count_giving_verbs: frozenset[str] = frozenset()  # "gave a lower toll of ...": a count reported
    person_nouns: frozenset[str] = frozenset()  # "a source", "the spokesman": whom "he" can mean
    location_participles: frozenset[str] = frozenset()  # "the center based in Hmeimim"
    addressee_verbs: frozenset[str] = frozenset()  # "told AFP": the object is whom it is said to
    attribution_prepositions: frozenset[str] = frozenset()  # "said on Sunday", "told AFP by telephone"
    plural_modifiers: frozenset[str] = frozenset()  # "rights groups": a plural that modifies a noun
    speaker_modifiers: frozenset[str] = frozenset()  # "rescue workers", "news agency": nouns on speakers
    first_person_words: frozenset[str] = frozenset()  # "We", "I": a person's words going on unquoted
    page_labels: frozenset[str] = frozenset()  # "Slideshow", "Tags": page furniture before a speaker
    page_label_nouns: frozenset[str] = frozenset()  # "News" of "Related News"
    partitive_heads: frozenset[str] = frozenset()  # "one" of "one of the guards"
    female_words: frozenset[str] = frozenset()  # "Ms", "spokeswoman": a woman, whom "she" means
    male_words: frozenset[str] = frozenset()  # "Mr", "spokesman": a man, whom "he" means
    female_first_names: frozenset[str] = frozenset()  # "Maria": a woman
    male_first_names: frozenset[str] = frozenset()  # "Ahmed": a man
    headline_verb_forms: frozenset[str] = frozenset()  # "Kills", "Seized": a title-case headline
    harm_verbs: frozenset[str] = frozenset()  # "kill", "shell": lemmas of an armed act
    harm_nouns: frozenset[str] = frozenset()  # "air strikes", "rocket attack": nouns of one
    own_force_words: frozenset[str] = frozenset()  # "jets" of "its jets": the speaker's own forces
    doubt_phrases: frozenset[str] = frozenset()  # "unclear whether": who did it is left open
    diplomat_titles: frozenset[str] = frozenset()  # "envoy" of "the Russian envoy to the UN"

    @cached_property
    def diplomat_regex(self) -> re.Pattern[str]:
        """A diplomat's title and the body or state it is sent to ("Envoy to UN", "ambassador at")."""
        return re.compile(rf"\b(?:{_alternation(self.diplomat_titles)})s?\s+(?:to|at)\b", re.I)

    @cached_property
    def harm_verb_alternation(self) -> str:
        """Every form of every harm verb, as one alternation (longest first)."""
        return _alternation({f for v in self.harm_verbs for f in verb_forms(v)})

    @cached_property
    def harm_verb_regex(self) -> re.Pattern[str]:
        """Any form of a harm verb, as a whole word (lower-cased text)."""
        return re.compile(rf"\b(?:{self.harm_verb_alternation})\b")

    @cached_property
    def harm_noun_regex(self) -> re.Pattern[str]:
        """Any harm noun, as a whole word or phrase (lower-cased text)."""
        return re.compile(rf"\b(?:{_alternation(self.harm_nouns)})\b")

    @cached_property
    def victim_after_harm_regex(self) -> re.Pattern[str]:
        """A harm verb a few words before the end of the text before an actor ("killed at least 12
        ISIS"), not after "to" ("hesitant to strike at the terrorists": no act done)."""
        return re.compile(rf"(?<!\bto )(?:{self.harm_verb_regex.pattern})\s+(?:[\w-]+\s+){{0,3}}$")

    @cached_property
    def demonym_before_harm_regex(self) -> re.Pattern[str]:
        """A capitalised word a word or two before a harm noun ("Russian air strikes"), the doer's
        demonym when it is one (checked by the caller)."""
        return re.compile(r"\b([A-Z][a-z]+)\s+(?=(?:[\w-]+\s+)?(?:" + _alternation(self.harm_nouns) + r")\b)", re.I)

    @cached_property
    def harm_noun_after_regex(self) -> re.Pattern[str]:
        """A harm noun within two words after an actor ("'s rocket attacks", "terrorist groups
        shelling"), the words between in group 1."""
        return re.compile(r"^(?:'s|’s|s)?\s+((?:[\w-]+\s+){0,2}?)(?:" + _alternation(self.harm_nouns) + r")\b")

    @cached_property
    def own_force_regex(self) -> re.Pattern[str]:
        """The speaker's own doing: "its jets", "our forces", "we (have) destroyed"."""
        return re.compile(
            rf"\b(?:(?:its|our)\s+(?:[\w-]+\s+)?(?:{_alternation(self.own_force_words)})"
            rf"|we\s+(?:have\s+|had\s+)?(?:\w+ly\s+)?(?:{self.harm_verb_alternation}))\b"
        )

    @cached_property
    def parse_regex(self) -> re.Pattern[str]:
        """A form of a reporting verb, "according to" or a headline's colon: what only the parse can
        turn into a claim."""
        return _parse_regex(tuple(sorted(self.verb_type)), self.count_giving)

    @property
    def count_giving(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(count-giving verbs, count nouns), sorted: "put the toll at 20" needs the parse too."""
        return tuple(sorted(self.count_giving_verbs)), tuple(sorted(self.count_nouns))

    @cached_property
    def cue_regex(self) -> re.Pattern[str]:
        """The claims pre-filter: :attr:`parse_regex` or a quotation mark (with the unattributed
        patterns, every sentence that can hold a claim matches)."""
        return _cue_regex(tuple(sorted(self.verb_type)), self.count_giving)

    @cached_property
    def phrase_rests(self) -> dict[tuple[str, str], tuple[frozenset[str], ...]]:
        """(first word, claim type) -> the other words of each phrase verb of that type that
        begins so ("hold responsible": ``("hold", "accusation") -> ({"responsible"},)``), so
        that a verb is matched against the phrases it can begin, not against every phrase."""
        out: dict[tuple[str, str], list[frozenset[str]]] = {}
        for phrase, ctype in self.phrase_verbs.items():
            words = phrase.split()
            if words:
                out.setdefault((words[0], ctype), []).append(frozenset(words[1:]))
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def any_cue(self) -> dict[str, re.Pattern[str]]:
        """Claim type -> one pattern that matches where any of its content cues does (as
        :func:`_word`), so that :meth:`_StoryClaims.claim_type` tries the cues one by one only
        for the types that have one in the text."""
        return {
            ctype: re.compile(r"\b(?:" + first_char_alternation([(c[0], re.escape(c)) for c in cues if c]) + r")\b")
            for ctype, cues in self.cues.items()
            if all(cues)
        }


def verb_forms(lemma: str) -> frozenset[str]:
    """Every word form spaCy's English lemmatizer can reduce to ``lemma`` (a one-word verb).

    Its suffix rules run backwards (said -> say is listed in ``_IRREGULAR``, admitted -> admit is
    the doubled final consonant); a test checks the result against the model's own tables.
    """
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    # the lemmatizer's rules: s, ies->y, es->e, es, ed->e, ed, ing->e, ing
    for old, new in (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
                     ("ing", "")):
        if lemma.endswith(new):
            forms.add(lemma[: len(lemma) - len(new)] + old)
    if lemma.endswith("y"):
        forms.add(lemma[:-1] + "ied")  # denied
    if len(lemma) >= 3 and lemma[-1] in _CONSONANTS and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms.update((lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"))  # admitted, slamming
    return frozenset(forms)


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so that "air strikes" beats "air");
    one that matches nothing for no words."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(map(re.escape, ordered)) if ordered else "(?!x)x"


@lru_cache(maxsize=1024)
def _word(phrase: str) -> re.Pattern[str]:
    """A content cue as a whole word or phrase (compiled once, not per claim)."""
    return re.compile(rf"\b{re.escape(phrase)}\b")


#: a headline's colon between a speaker and what it says ("Syrian opposition: 1300 killed in
#: chemical attack", "Islamic State killed 270 in gas field battle: monitor")
_HEADLINE_COLON = re.compile(r"[^\W\d]: (?=\S)")


@lru_cache(maxsize=8)
def _parse_regex(
    lemmas: tuple[str, ...], count_giving: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
) -> re.Pattern[str]:
    """A reporting verb's form, "according to", a headline's colon, or a count-giving verb a few
    words before a count noun ("put the toll at 20", "gave a lower toll of eight"): what only a
    parse reads."""
    forms = {f for lemma in lemmas if " " not in lemma for f in verb_forms(lemma)}
    alt = first_char_alternation([(f[0], re.escape(f)) for f in sorted(forms, key=lambda f: (-len(f), f))])
    givers, nouns = count_giving
    extra = ""
    if givers and nouns:
        gforms = _alternation({f for g in givers for f in verb_forms(g)})
        extra = rf"|\b(?:{gforms})\s+(?:\w+\s+){{0,3}}(?:{_alternation(nouns)})\b"
    return re.compile(rf"\b(?:{alt})\b|according to|{_HEADLINE_COLON.pattern}{extra}", re.I)


@lru_cache(maxsize=8)
def _cue_regex(
    lemmas: tuple[str, ...], count_giving: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
) -> re.Pattern[str]:
    return re.compile(rf"{_parse_regex(lemmas, count_giving).pattern}|[{_QUOTE_CHARS}]", re.I)


def needs_parse(text: str) -> bool:
    """Can only a parse of ``text`` (one sentence) find its claims? A reporting verb's form,
    "according to" or a headline's colon; a quotation or an unattributed pattern alone is handled
    without one."""
    return bool(_lexicon().parse_regex.search(text))


def is_candidate(text: str) -> bool:
    """Could ``text`` (one sentence) hold a claim? (The claims stage looks at no other sentence.)"""
    lex = _lexicon()
    return (
        bool(lex.cue_regex.search(text))
        or any(p.search(text) for p in lex.unattributed)
    )


#: the lexicon's plain word sets: field of :class:`ClaimLexicon` -> its key in claim_verbs.json
#: (the words of every file, lower-cased, make one set)
_WORD_SETS = {
    "pronouns": "speaker_pronouns",
    "speaker_nouns": "speaker_nouns",
    "object_verbs": "object_content_verbs",
    "source_nouns": "source_nouns",
    "clause_verbs": "clause_only_verbs",
    "inverting_verbs": "inverting_verbs",
    "headline_labels": "headline_labels",
    "accused_object_verbs": "accused_object_verbs",
    "ally_nouns": "ally_nouns",
    "count_nouns": "count_nouns",
    "count_giving_verbs": "count_giving_verbs",
    "person_nouns": "person_nouns",
    "location_participles": "location_participles",
    "addressee_verbs": "addressee_verbs",
    "attribution_prepositions": "attribution_prepositions",
    "plural_modifiers": "plural_modifiers",
    "speaker_modifiers": "speaker_modifiers",
    "first_person_words": "first_person_words",
    "page_labels": "page_labels",
    "page_label_nouns": "page_label_nouns",
    "partitive_heads": "partitive_heads",
    "female_words": "female_words",
    "male_words": "male_words",
    "female_first_names": "female_first_names",
    "male_first_names": "male_first_names",
    "headline_verb_forms": "headline_verb_forms",
    "harm_verbs": "harm_verbs",
    "harm_nouns": "harm_nouns",
    "own_force_words": "own_force_words",
    "doubt_phrases": "doubt_phrases",
    "diplomat_titles": "diplomat_titles",
}


def load_lexicon() -> ClaimLexicon:
    """Merge every ``claim_verbs.json`` (bundled first, then the user's folders)."""
    verb_type: dict[str, str] = {}
    phrase_verbs: dict[str, str] = {}
    cues: dict[str, list[str]] = {}
    precedence: list[str] = list(CLAIM_TYPES)
    default_type = "assessment"
    unattributed: list[re.Pattern[str]] = []
    word_sets: dict[str, set[str]] = {field: set() for field in _WORD_SETS}
    paths = data_files("claim_verbs.json")
    if not paths:
        raise DataFileError("claim_verbs.json not found in any data folder", "CW303")
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            # specific types after "neutral" so that e.g. "allege" ends up an accusation
            verbs: dict[str, list[str]] = data.get("reporting_verbs", {})
            for ctype in ["neutral", *[t for t in verbs if t != "neutral"]]:
                for lemma in verbs.get(ctype, []):
                    (phrase_verbs if " " in lemma else verb_type)[lemma.lower()] = ctype
            for ctype, words in data.get("content_cues", {}).items():
                cues.setdefault(ctype, []).extend(w.lower() for w in words)
            precedence = list(data.get("type_precedence", precedence))
            default_type = str(data.get("default_type", default_type))
            unattributed.extend(re.compile(p.replace(" ", r"\s+"), re.I) for p in data.get("unattributed_patterns", []))
            for field, key in _WORD_SETS.items():
                word_sets[field].update(p.lower() for p in data.get(key, []))
        except (OSError, ValueError, re.error, AttributeError, TypeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    return ClaimLexicon(
        verb_type=verb_type,
        phrase_verbs=phrase_verbs,
        cues={k: tuple(v) for k, v in cues.items()},
        precedence=tuple(precedence),
        default_type=default_type,
        unattributed=tuple(unattributed),
        **{field: frozenset(words) for field, words in word_sets.items()},
    )


@lru_cache(maxsize=1)
def _lexicon() -> ClaimLexicon:
    return load_lexicon()


def _nlp() -> Any:
    """The spaCy pipeline, shared with annotate.py when it provides one (loaded once per process)."""
    try:
        from crosswire import annotate

        for name in ("nlp", "get_nlp", "load_nlp"):
            fn = getattr(annotate, name, None)
            if callable(fn):
                return fn()
    except ImportError:
        pass
    return _own_nlp()


@lru_cache(maxsize=1)
def _own_nlp() -> Any:
    import spacy

    from crosswire.errors import ExtractError

    try:
        return spacy.load(DEFAULT.spacy_model)
    except OSError as exc:
        raise ExtractError(f"cannot load spaCy model {DEFAULT.spacy_model}: {exc}", "CW301") from exc


ActorFinder = Callable[[str, int], list[Mention]]


def _actor_finder() -> ActorFinder:
    """``extract.actors.find_actor_mentions`` when the actor list is available, else a finder of nothing."""
    try:
        from crosswire.extract.actors import find_actor_mentions
    except ImportError:
        return lambda text, base: []
    return find_actor_mentions


@dataclass(frozen=True)
class AnonymousSources:
    """``anonymous_source_nouns``, ``source_affiliations`` and ``state_news_agencies`` of
    ``data/actor_forms.json``: the unnamed speakers whose affiliation a state agency vouches for."""

    nouns: frozenset[str]
    affiliations: tuple[tuple[str, str], ...]  # (lower-case word, actor template), longest word first
    agencies: dict[str, str]  # lower-case outlet name -> the state whose agency it is


@lru_cache(maxsize=4)
def _anonymous_sources_for(paths: tuple[Any, ...]) -> AnonymousSources:
    nouns: set[str] = set()
    affiliations: dict[str, str] = {}
    agencies: dict[str, str] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            nouns.update(w.lower() for w in data.get("anonymous_source_nouns", []))
            affiliations.update({k.lower(): str(v) for k, v in data.get("source_affiliations", {}).items()})
            agencies.update({k.lower(): str(v) for k, v in data.get("state_news_agencies", {}).items()})
        except (OSError, ValueError, AttributeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    ordered = tuple(sorted(affiliations.items(), key=lambda kv: (-len(kv[0]), kv[0])))
    return AnonymousSources(frozenset(nouns), ordered, agencies)


def anonymous_sources() -> AnonymousSources:
    """The bundled and the user's ``actor_forms.json`` entries for unnamed sources, merged."""
    return _anonymous_sources_for(tuple(data_files("actor_forms.json")))


@lru_cache(maxsize=1)
def _outlet_names() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern of a name or alias, the outlet's canonical name, lower-case) for every outlet of
    outlets.csv, so that a sentence's "told SANA" names who quotes the speaker."""
    from crosswire.clean import load_outlets

    out = []
    for o in load_outlets():
        for name in (o.name, *o.aliases):
            if len(name) > 2:
                out.append((re.compile(rf"(?<!\w){re.escape(name)}(?!\w)"), o.name.lower()))
    return tuple(out)


def affiliated_source_actor(phrase: str, sentence: str, outlet: str | None) -> str | None:
    """The actor an unnamed source speaks for ("a military source told SANA" -> Military Forces of
    Syria), by ``source_affiliations``, when a state news agency quotes it; None otherwise.

    Why the state may be inferred: a state agency's "military source" or "source at the Police
    Command" is by its house formula that state's own spokesman (a foreign one it names: "a
    Russian military source"). A wire or a private outlet gives no such warrant ("a source told
    Reuters", "a military source told AFP" stay unresolved): whose military is not said. The
    quoting agency is the outlet the sentence names, else the story's own outlet when the
    sentence names none.
    """
    src = anonymous_sources()
    low = phrase.lower()
    if not any(w in src.nouns for w in re.findall(r"[a-z]+", low)):
        return None
    template = next((t for word, t in src.affiliations if _word(word).search(low)), None)
    if template is None:
        return None
    named = {name for rx, name in _outlet_names() if rx.search(sentence)}
    if not named and outlet:
        from crosswire.clean import outlet_by_name

        known = outlet_by_name(outlet)
        named = {(known.name if known is not None else outlet).lower()}
    countries = {src.agencies.get(n) for n in named}
    if len(countries) != 1 or None in countries:
        return None  # no outlet known, or one that is no state agency, or agencies of two states
    from crosswire.extract.actors import lookup_actor

    name = template.format(country=next(iter(countries)))
    return name if lookup_actor(name) is not None else None


# --- parse helpers -----------------------------------------------------------


@dataclass
class _Speaker:
    name: str
    actor: str | None
    start: int
    end: int
    person: bool = False
    one_person: bool = False  # headed by a noun naming one person ("a source"): whom "he" may mean
    noun: str = ""  # its lower-case speaker noun ("source" of "a military source"): "the source" later


#: returned for a subject that cannot be a speaker ("the rocket said"): the statement is dropped
_NOT_A_SPEAKER = _Speaker("", None, -1, -1)


_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def _tok_span(tokens: Sequence[Any], off: int) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx + off, last.idx + len(last.text) + off


def _speaker_tokens(head: Any) -> list[Any]:
    """The speaker phrase: the head's subtree without relative clauses and time phrases."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl"):
            drop.update(t.i for t in child.subtree)
        if child.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree):
            drop.update(t.i for t in child.subtree)
    toks = [t for t in head.subtree if t.i not in drop]
    # "On Saturday activists reported", "24.08.2013 state media": the time is no part of who
    while toks and toks[0].i < head.i and (
        toks[0].ent_type_ in ("DATE", "TIME")
        or _NUMERIC_DATE.fullmatch(toks[0].text)
        or (toks[0].text.isdigit() and toks[1:2] and toks[1].ent_type_ in ("DATE", "TIME"))
    ):
        toks.pop(0)  # "13 April 2017 British scientists": the "13" the model left out of the date
    det = next((c for c in head.children if c.dep_ == "det" and c.lower_ in ("a", "an", "the")), None)
    if det is not None:
        # "Aleppo A military source": a dateline's place before the article is no part of it
        toks = [t for t in toks if t.i >= det.i]
    casualty = _lexicon().cues.get("casualty_report", ())
    if head.pos_ == "PROPN" or head.pos_ == "NOUN":
        # "committed by rebels Pillay said", "injured SANA reported", "left scores wounded reports
        # say": with the comma lost, the end of the clause before is parsed as a modifier
        stray = [
            t.i
            for t in toks
            if t.i < head.i
            and t.dep_ in ("compound", "amod", "nmod")
            and not _glued_hyphen(head.doc, t.i - 1)  # "the Britain-based Observatory"
            and (
                (head.pos_ == "PROPN" and t.head.pos_ == "PROPN" and t.tag_ in ("NNS", "VBN", "VBD"))
                or (t.tag_ in ("VBN", "VBD") and t.lower_ in casualty)
            )
        ]
        if stray:
            toks = [t for t in toks if t.i > stray[-1]]
    toks = _cut_at_number(head, toks)
    places = [
        t.i
        for t in toks
        if t.i < head.i
        and t.ent_type_ in ("GPE", "LOC")
        and t.dep_ == "npadvmod"
        and t.head.pos_ == "VERB"
        and t.head.lemma_.lower() not in _lexicon().location_participles  # "the London based monitor"
        and not _glued_hyphen(head.doc, t.i + 1)
    ]
    if places:
        # "... in Syria Iraq or Turkey informed sources said": a place the report names, parsed as
        # a modifier of the participle after it (not "Turkey-based", "London based": where it is)
        toks = [t for t in toks if t.i > places[-1]]
    if head.pos_ == "NOUN":
        # "... and wounded several others activists said": a plural before the head ends the
        # report, the comma after it lost
        plural = [t.i for t in toks if t.i < head.i and t.pos_ == "NOUN" and _plural_before_noun(head.doc, t.i)]
        if plural and toks[0].i > 0 and not any(t.pos_ == "DET" and t.i < plural[-1] for t in toks):
            # (not inside one article's phrase: "the UN childrens agency", the apostrophe lost)
            toks = [t for t in toks if t.i > plural[-1]]
    if (
        len(toks) > 1
        and toks[0].i < head.i
        and toks[0].pos_ == "NUM"
        and toks[0].ent_type_ not in ("DATE", "TIME")
        and toks[0].i > 0
        and head.doc[toks[0].i - 1].pos_ == "VERB"
    ):
        # "Air strike on hospital kills 10 monitoring group says": with the comma lost, the count
        # is the object of the verb before, no part of who speaks
        toks = toks[1:]
    if head.dep_ == "nsubj" and toks and toks[-1].i + 1 == head.head.i:
        toks = _cut_clause_before(head, toks)
    # 'their pockets" activists told': a quotation mark before the head ends the quote, not
    # the speaker phrase
    marks = [t.i for t in toks if t.i < head.i and t.text in _QUOTE_CHARS]
    if marks:
        toks = [t for t in toks if t.i > marks[-1]]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    return toks


def _cut_clause_before(head: Any, toks: list[Any]) -> list[Any]:
    """A subject right before its verb ('... after the strike in the town of Khan Sheikhoun
    activists said'): with the commas lost, the parser may hang the end of the report on it. A
    preposition (not one inside a name) or a verb of a clause before the head ends the report;
    a name right after that preposition is its object."""
    doc = head.doc
    cut = None
    for n, t in enumerate(toks):
        if t.i >= head.i:
            break
        if t.pos_ == "ADP" and not _inside_name(doc, t.i) and not (t.ent_type_ and t.ent_type_ == head.ent_type_):
            cut = n
        elif t.pos_ in ("VERB", "AUX", "SCONJ") and t.dep_ not in ("amod", "compound", "npadvmod", "nmod"):
            cut = n
    if cut is None:
        return toks
    rest = toks[cut + 1 :]
    if rest and rest[0].lower_ == "the":
        rest = rest[1:]
    if rest and rest[0].pos_ == "PROPN" and rest[0].ent_type_ and rest[0].i < head.i:
        # "of Khan Sheikhoun": the place the report names, unless the name goes on ("for")
        ent = rest[0].ent_type_
        k = 1
        while k < len(rest) and rest[k].ent_iob_ == "I" and rest[k].ent_type_ == ent and rest[k].i < head.i:
            k += 1
        if k < len(rest) and not _inside_name(doc, rest[k].i):
            rest = rest[k:]
    return rest or toks


def _cut_at_number(head: Any, toks: list[Any]) -> list[Any]:
    """A number inside a speaker phrase, right after a name, is no part of it: with the commas
    lost, "by the health directorate 52 people were killed" (a count: the report begins),
    "Ahmed 24 said" (an age), "Get short URL 11990 Russias Defense Ministry" (page debris)."""
    for k in range(1, len(toks)):
        t, before = toks[k], toks[k - 1]
        if not t.text[:1].isdigit() or before.pos_ not in ("NOUN", "PROPN"):
            continue  # "Redur Khalil one of the spokespersons": a word, not debris
        if t.ent_type_ in ("DATE", "TIME") or before.ent_type_ in ("DATE", "TIME"):
            continue  # "3 Jun 2016": a dateline, dropped elsewhere
        if t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-":
            continue  # "its 16-page report"
        counted = head.pos_ == "NOUN" and t.head.i == head.i and all(x.pos_ != "PROPN" for x in toks[k + 1 :])
        if t.i > head.i or counted:
            return toks[:k]
        return toks[k + 1 :]
    return toks


def _described_name(toks: Sequence[Any], ent: Any | None) -> str | None:
    """The name that ends the phrase ``toks`` after only common words that describe it ("state-run
    news agency SANA" is "SANA"; not "the UN childrens agency UNICEF": "UN" is a name too): an
    organisation's entity ``ent`` at the end, else the proper nouns that end it."""
    if ent is not None and ent.label_ != "ORG":
        return None
    if ent is not None:
        start = ent.start
    else:
        start = toks[-1].i + 1
        for t in reversed(toks):
            if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.i != start - 1:
                break
            start = t.i
    before = [t for t in toks if t.i < start]
    if start > toks[-1].i or not before or not any(t.pos_ == "NOUN" for t in before):
        return None
    ok = all(
        t.pos_ in ("NOUN", "ADJ", "DET", "VERB", "PUNCT")
        and (t.ent_type_ in ("", "NORP") or t.pos_ == "ADJ")
        and (t.text[:1].islower() or not t.text[:1].isalpha() or t.ent_type_ == "NORP" or t.i == toks[0].i)
        for t in before
    )
    if not ok:
        return None
    doc = toks[0].doc
    return str(doc_text(doc)[doc[start].idx : toks[-1].idx + len(toks[-1].text)])


def _capitalized(tok: Any) -> bool:
    return bool(tok.text[:1].isupper())


def _inside_name(doc: Any, i: int) -> bool:
    """Is ``doc[i]`` a small word inside a multi-word name ("Observatory *for* Human Rights",
    "Organisation for *the* Prohibition *of* Chemical Weapons")?"""
    t = doc[i]
    if i == 0 or i + 1 >= len(doc) or not _capitalized(doc[i + 1]):
        return False
    if t.lower_ in ("of", "for"):
        return _capitalized(doc[i - 1]) and doc[i - 1].pos_ in ("PROPN", "NOUN")
    if t.pos_ == "ADP" and _capitalized(t) and _capitalized(doc[i - 1]) and doc[i - 1].pos_ in ("PROPN", "NOUN"):
        return True  # "Reporters Without Borders"
    if t.lower_ == "the":
        return i >= 2 and doc[i - 1].lower_ in ("of", "for") and _capitalized(doc[i - 2])
    return False


def _preposition_before(doc: Any, i: int) -> int | None:
    """The preposition whose object the name at ``doc[i]`` is ("in Aleppo", "the city of
    Ashara"; not a small word of a name): its index."""
    if doc[i].pos_ != "PROPN" or i == 0:
        return None
    j = i - 1
    if doc[j].lower_ == "the" and j > 0:
        j -= 1
    return j if doc[j].pos_ == "ADP" and not _inside_name(doc, j) else None


def _joins(doc: Any, i: int, first: int, end: int) -> bool:
    """May the name at ``doc[i]`` begin the phrase ``doc[first:end]``? Before a common noun
    ("SANA reporter", "Human Rights monitoring group") only if the parse hangs it on a word of
    the phrase or it is one name with one; before a name, always ("Rami Abdel Rahman")."""
    if doc[first].pos_ != "NOUN" or any(doc[k].lower_ == "and" for k in range(i + 1, first)):
        return True  # before a name, or joined by "and" ("the Observatory and medics")
    t = doc[i]
    if first <= t.head.i < end:
        return True
    return bool(t.ent_type_) and any(
        doc[k].ent_type_ == t.ent_type_ and all(doc[m].ent_iob_ == "I" for m in range(i + 1, k + 1))
        for k in range(first, end)
    )


def _glued_hyphen(doc: Any, i: int) -> bool:
    """Is ``doc[i]`` a hyphen inside a word ("al-Zinki", "US-based"), not a dash between words?"""
    return bool(
        0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
    )


def _counted(doc: Any, i: int) -> bool:
    """Is the noun at ``doc[i]`` counted ("60 people", "at least 12 fighters"), not dated ("2016
    State media")?"""
    n = doc[i - 1] if i > 0 else None
    return bool(
        n is not None
        and n.pos_ == "NUM"
        and n.ent_type_ not in ("DATE", "TIME")
        and not (len(n.text) == 4 and n.text.isdigit())
    )


def _plural_before_noun(doc: Any, i: int) -> bool:
    """A plural noun right before another noun ("regime forces activists", "residents
    activists", "several others activists"): two phrases, the comma between them lost ("media
    sources" is one, and so is a plural that modifies nouns, ``plural_modifiers``: "rights
    groups", "special operations forces")."""
    t = doc[i]
    return bool(
        t.tag_ == "NNS"
        and t.lower_.endswith("s")
        and i + 1 < len(doc)
        and doc[i + 1].pos_ in ("NOUN", "PROPN")
        and t.lower_ not in _lexicon().plural_modifiers
        and not t.text[:1].isupper()  # "Assads regime", "ISs statement": a name's lost apostrophe
    )


def _past_place(doc: Any, lo: int, end: int) -> int:
    """Past the place that begins at ``doc[lo]`` (after a preposition): its article and
    adjectives and one name, or two joined by "and" ("of Raqqa and Deir Ezzor"); ``lo`` when
    there is no name, or nothing would be left before ``end``."""
    k = lo
    while k < end and doc[k].pos_ in ("DET", "ADJ"):
        k += 1
    j = _place_end(doc, k, end)
    if j == k:
        return lo
    if j + 1 < end and doc[j].lower_ == "and":
        j2 = _place_end(doc, j + 1, end)
        if j + 1 < j2 < end:
            j = j2
    return j if j < end else lo


def _place_end(doc: Any, k: int, end: int) -> int:
    """The end of the place named at ``doc[k]`` (``k`` when none is): a place or country the
    gazetteer or the actors file knows ("Aleppo" of "in Aleppo Ibrahim Abu Leith", which the
    model takes for one person), else a place entity; "run by the Lebanese Hezbollah group"
    names no place."""
    if k >= end:
        return k
    known = _known_place_end(doc, k, end)
    if known is not None:
        return known
    if doc[k].ent_iob_ == "B" and doc[k].ent_type_ in ("GPE", "LOC", "FAC"):
        e = k + 1
        while e < end and doc[e].ent_iob_ == "I":
            e += 1
        return e
    return k


def _known_place_end(doc: Any, k: int, end: int) -> int | None:
    """The token after a known place or country that starts at ``doc[k]`` (before ``end``)."""
    if doc[k].pos_ != "PROPN":
        return None
    from crosswire.extract.actors import find_state_mentions
    from crosswire.geocode import find_place_mentions

    base = doc[k].idx
    text = doc_text(doc)[base : doc[end - 1].idx + len(doc[end - 1].text)]
    ends = [m.end for m in (*find_place_mentions(text), *find_state_mentions(text)) if m.start == 0]
    if not ends:
        return None
    stop = base + max(ends)
    after = next((t.i for t in doc[k:end] if t.idx >= stop), None)
    return after if after is not None and after > k else None


def _modifies(tok: Any, first: int, end: int) -> bool:
    """Does ``tok`` modify a word of the phrase ``doc[first:end]`` ("monitoring" in "monitoring
    group", "US" and "-" in "US-based")?"""
    if tok.pos_ == "VERB" and (tok.i == 0 or tok.doc[tok.i - 1].text != "-"):
        return False  # "ten injured SANA said": the clause before; "state-run" is a modifier
    return bool(
        tok.dep_ in ("compound", "amod", "npadvmod", "nmod", "poss", "punct")
        and first <= tok.head.i < end
        and (tok.dep_ != "punct" or tok.text == "-")
    )


def _speaker_name(head: Any, toks: list[Any]) -> str:
    ids = {t.i for t in toks}
    # a name inside a prepositional phrase of the head says where or of whom, not who speaks:
    # "doctors in the town of Khan Sheikhoun" (a place the model took for a person)
    persons = [
        e
        for e in head.doc.ents
        if e.label_ == "PERSON"
        and e.start in ids
        and (e.start <= head.i < e.end or not _under_prep(e.root, head))
        and not _holder(e, head)
    ]
    if persons:
        # the person the phrase is about: the one holding the head, else the first
        for e in persons:
            if e.start <= head.i < e.end:
                return _clean_name(_own_part(e, ids))
        return _clean_name(_own_part(persons[0], ids))
    for child in head.children:
        # "the French foreign minister, Jean-Marc Ayrault": a proper-name apposition names the
        # person even when the NER model misses the PERSON label
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            name_toks = [t for t in child.subtree if t.i <= child.i and t.i >= child.left_edge.i]
            verbs = [n for n, t in enumerate(name_toks[:-1]) if t.lower_ in _lexicon().headline_verb_forms]
            if verbs:
                # "Daesh on the Run ... 30 Terrorists Killed Reports": a title-case headline ran
                # into the apposition; the name is what follows its last verb
                return _clean_name(" ".join(t.text for t in name_toks[verbs[-1] + 1 :]))
            if len(name_toks) >= 2 and all(t.pos_ == "PROPN" or t.text == "-" for t in name_toks):
                return _clean_name(doc_text(head.doc)[name_toks[0].idx : child.idx + len(child.text)])
    for e in head.doc.ents:
        if e.start <= head.i < e.end and e.label_ in ("ORG", "GPE", "NORP", "PERSON"):
            return _clean_name(re.sub(r"^(?:the|The)\s+", "", _own_part(e, ids)))
    # the noun phrase up to the first apposition/comma
    core: list[Any] = []
    for t in toks:
        if t.dep_ == "appos" or t.text == ",":
            break
        if core and core[-1].pos_ == "PROPN" and t.lower_ in ("a", "an", "the"):
            break  # "Manal a 28-year-old teacher", "The Observatory an anti-Assad group": an apposition
        if t.text in _QUOTE_CHARS:
            break  # 'Coalition forces "successfully engaged ...': the quotation is no part of who
        core.append(t)
    while len(core) > 1 and core[-1].is_punct:
        core.pop()  # "Doctors Without Borders (MSF)": the bracket of the acronym the apposition holds
    core = core or [head]
    if core[-1].i == head.i and (named := _described_name(core, None)) is not None:
        return named  # "state-run news agency SANA": the name it describes
    text = doc_text(head.doc)[core[0].idx : core[-1].idx + len(core[-1].text)]
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)[:120]


def _own_part(ent: Any, ids: set[int]) -> str:
    """The words of an entity inside the speaker phrase: 'Jaish Al Fath" Reports', one entity to
    the model across a closing quotation mark, is "Reports" after it; "the town of al-Bulel the
    Observatory said", one entity to the model across the lost comma, is "the Observatory" (a
    person's name is the model's whole entity: "Leys al-Faris", the parse leaving "Leys al-" out)."""
    marks = [t.i for t in ent if t.text in _QUOTE_CHARS]
    if not marks:
        # "al-Bulel the Observatory": an article inside the entity begins the phrase's own name
        art = next(
            (t for t in ent[1:] if t.lower_ in ("the", "a", "an") and all(x.i in ids for x in ent[t.i - ent.start :])),
            None,
        )
        if art is None or ent.label_ == "PERSON" or ent.start in ids:
            return str(ent.text)
        marks = [art.i - 1]
    inside = [t for t in ent if t.i in ids and t.i > marks[-1]]
    if not inside:
        return str(ent.text)
    doc = ent.doc
    return str(doc_text(doc)[inside[0].idx : inside[-1].idx + len(inside[-1].text)])


def _holder(ent: Any, head: Any) -> bool:
    """Is the person ``ent`` only whose the common noun ``head`` is ("Putin's spokesman", "President
    Bashar al-Assads officials", the apostrophe lost): the speaker is the noun, not the person? A
    person before a singular title is that person ("Rami Abdel Rahman head of the Observatory")."""
    return bool(
        head.pos_ == "NOUN"
        and ent.end <= head.i
        and ent.root.head.i == head.i
        and (
            ent.root.dep_ == "poss"
            # the apostrophe lost ("Assads officials"), not a name before a plural ("Charles Lister analysts")
            or (ent.root.dep_ == "compound" and head.tag_ == "NNS" and ent[-1].lower_.endswith("s"))
        )
    )


def _person_phrase(head: Any, toks: list[Any]) -> bool:
    """Does the phrase name a person speaking (not only a person whose officials speak)?"""
    return any(
        e.label_ == "PERSON" and any(e.start <= t.i < e.end for t in toks) and not _holder(e, head)
        for e in head.doc.ents
    )


def _path_up(tok: Any, top: Any) -> Iterator[Any]:
    """``tok`` and the words above it up to ``top``, left out: the links by which ``tok`` hangs
    below ``top`` (each word's ``dep_`` and ``head``). None past the root, so a ``tok`` not in
    ``top``'s subtree gives its path up to the root, the root left out."""
    cur = tok
    for _ in range(len(tok.doc)):  # no parse tree is deeper than its doc is long
        if cur.i == top.i or cur.head.i == cur.i:
            return
        yield cur
        cur = cur.head


def _under_prep(tok: Any, head: Any) -> bool:
    """Is ``tok`` inside a prepositional phrase below ``head`` (in its subtree)?"""
    return any(t.dep_ in ("prep", "pobj", "agent") for t in _path_up(tok, head))


def _clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t([{-,;:")
    return text.removesuffix("'s").removesuffix("’s")


def _is_verb(tok: Any) -> bool:
    return bool(tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"))


def _subject(verb: Any) -> Any | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)


def _agent(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _speaker_head(verb: Any) -> Any | None:
    """Who speaks for ``verb``: subject, passive agent, or (for 'saying') the governing verb's."""
    v = verb
    for _ in range(4):
        agent = _agent(v)
        if agent is not None:
            return agent
        lemma = v.lemma_.lower()
        if lemma in ("cite", "quote"):
            # "the agency cited Shoigu as saying", "Shoigu was cited as saying", "Reuters quoted the ministry"
            for child in v.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    return child
        subj = _subject(v)
        if (
            subj is not None
            and subj.tag_ == "WP"
            and v.dep_ == "relcl"
            and v.head.pos_ in ("NOUN", "PROPN")
            and not _not_speaking(v.head)
        ):
            return v.head  # "Turkish health officials who said ...": whom "who" stands for
        if subj is not None and subj.dep_ != "nsubjpass":
            return subj
        if (
            subj is None
            and v.dep_ == "acl"
            and v.tag_ == "VBG"
            and _not_speaking(v.head)
            and any(c.dep_ == "ccomp" for c in v.children)
        ):
            # "cast doubt on the British findings saying he was amazed": the participle with a
            # clause goes on with the clause the noun is in, whose subject speaks ("a resolution
            # condemning the strike" is a text)
            v = v.head
            while v.head.i != v.i and not _is_verb(v):
                v = v.head
            continue
        if (
            subj is None
            and v.dep_ == "acl"
            and v.head.pos_ in ("NOUN", "PROPN")
            and (v.tag_ == "VBD" or any(c.dep_ == "ccomp" for c in v.children))
        ):
            # "A military source announced that ...", parsed as a clause on the noun: a past
            # tense or a clause of what was said (not "a statement carried by") makes the noun
            # its subject
            return v.head
        if v.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "prep") and v.head is not v:
            v = v.head
            continue
        # a passive subject is what is reported, never who reports it ("people are believed to
        # be trapped"): without an agent the speaker is unknown
        return None
    return None


def _to_object(to: Any) -> Any | None:
    """The object of "according to", also of a doubled "to to"."""
    inner = next((c for c in to.children if c.lower_ == "to"), to)
    return next((c for c in inner.children if c.dep_ == "pobj"), None)


def _source_of(record: Any) -> Any | None:
    """Who a record comes from: "figures compiled by X", "information provided by X",
    "figures from X" (the head of X)."""
    for child in record.children:
        if child.dep_ == "acl":
            agent = _agent(child)
            if agent is not None:
                return agent
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _listed(tok: Any, words: frozenset[str]) -> bool:
    """Whether ``tok`` is one of a lexicon's word lists (lower case), by its lemma or by its form
    (the lemmatizer may give a plural noun as its own lemma, or a form the list spells out)."""
    return tok.lemma_.lower() in words or tok.lower_ in words


def _one_person_noun(tok: Any, lex: ClaimLexicon) -> bool:
    """Is ``tok`` a singular noun of one person ("a source", "the spokesman"): whom a later "he"
    or "she" may mean?"""
    return bool(tok.tag_ == "NN" and tok.lemma_.lower() in lex.person_nouns)


def _not_speaking(noun: Any) -> bool:
    """A common noun that is no speaker ("findings", "the strike"): not a name, not one of the
    lexicon's speaker nouns."""
    return bool(noun.pos_ == "NOUN" and not noun.ent_type_ and not _listed(noun, _lexicon().speaker_nouns))


#: prepositions whose phrase after the object of a report belongs to it
_OBJECT_PREPS = ("of", "for", "over", "in", "on", "at", "near", "during")


def _that_clause(verb: Any, exclude: frozenset[int] = frozenset()) -> Any | None:
    """A "that" clause the parser hung elsewhere in the verb's phrase ("said in a statement
    carried by local media that ..."): the clause's verb. ``exclude``: tokens of the phrases of
    other statements (a participle going on with this one)."""
    # a verb coordinated with this one has its own complements ("reported X but said that ...")
    others = {t.i for c in verb.children if c.dep_ == "conj" and _is_verb(c) for t in c.subtree} | exclude
    for t in verb.subtree:
        if t.dep_ == "mark" and t.lower_ == "that" and t.i > verb.i and t.head is not verb and t.i not in others:
            return t.head
    return None


def _title_case_word(tok: Any) -> bool:
    """A capitalised past form inside a run of capitalised words, or ending one: a name ("REUTERS
    Rodi Said US Tanks to Storm Raqqa", an editors' line "H. Zain/ R.J/ Ghossoun/H. Said"; a
    headline's verb is in the present, "Coalition Confirms ...")."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return bool(
        tok.text[:1].isupper()
        and tok.tag_ in ("VBD", "VBN")
        and tok.i > 0
        and doc[tok.i - 1].text[:1].isupper()
        and (nxt is None or nxt.text[:1].isupper() or (nxt.is_punct and nxt.i == len(doc) - 1))
    )


def _in_modifier(tok: Any, verb: Any) -> bool:
    """Is ``tok`` inside a relative clause, a clause on a noun or a participle below ``verb``
    ("said the resident who asked for anonymity", "said the source adding that it was ...")?"""
    start = tok.head if tok.dep_ in ("aux", "auxpass") else tok  # "was discussing": one verb
    return any(
        t.dep_ in ("relcl", "acl") or (t.tag_ == "VBG" and t.i != start.i) for t in _path_up(start, verb)
    )


def _claims_lives(verb: Any) -> bool:
    """ "claimed the lives of", "claiming two lives": a death toll, no claim."""
    return bool(
        verb.lemma_.lower() == "claim"
        and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "live") for c in verb.children)
    )


def _states(verb: Any, quotes: list[tuple[int, int]], off: int) -> bool:
    """Does a neutral reporting verb say something: a clause ("adding that ...", "noting the
    toll had risen") or a quotation right after it ('adding "..."')?"""
    if any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return True
    if any(t.dep_ == "mark" and t.lower_ == "that" for t in verb.subtree):
        return True
    after = verb.idx + len(verb.text) + off
    return any(0 <= q[0] - after <= 3 for q in quotes)


def _top_clause(verb: Any) -> Any:
    """The clause a participle ('as saying', 'claiming') hangs from."""
    v = verb
    while v.dep_ in ("advcl", "xcomp", "pcomp", "prep", "acl") and v.head is not v:
        v = v.head
    return v


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (inside the marks) of quotations in a sentence; an unclosed one runs to the end."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"' and not spans and i > 3 and _closes(text, i):
            # 'women" said Dr X': a straight mark after a word, before a space, closes a quote
            # opened in an earlier sentence
            spans.append((0, i))
            i += 1
        elif ch in _OPEN_QUOTES:
            close = "”" if ch == "“" else ("»" if ch == "«" else '"“”')
            j = i + 1
            while j < n and text[j] not in close:
                j += 1
            if j - i > 3:
                spans.append((i + 1, j))
            i = j + 1
        elif ch == "”" and not spans and i > 3:
            # a quote opened in an earlier sentence closes here
            spans.append((0, i))
            i += 1
        else:
            i += 1
    return spans


def _closes(text: str, i: int) -> bool:
    """A straight quotation mark at ``i`` that can only close: glued to the word before it, not
    to the word after, and no other straight mark later in the sentence to pair with."""
    before, after = text[i - 1], text[i + 1 : i + 2]
    return not before.isspace() and (not after or after.isspace() or after in ".,;:") and '"' not in text[i + 1 :]


#: what hangs on an accused noun without naming it: its fellow conjuncts, clauses about it, an
#: apposition ("Belgium, a member of the coalition"), the act ("of using chlorine", "for the attack")
_NOT_OWN = frozenset({"conj", "cc", "punct", "relcl", "acl", "advcl", "appos", "prep", "preconj"})


def _own_phrase(tok: Any) -> list[Any]:
    """The words of one conjunct of a noun phrase that name it: ``tok`` and its modifiers
    ("the Syrian government", "its Russian allies", "forces loyal to the Assad regime"), without
    the other conjuncts, relative clauses, appositions and prepositional phrases."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in _NOT_OWN:
            out.extend(c.subtree)
    return sorted(out, key=lambda t: t.i)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _QUOTE_CHARS + ",;:…"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTE_CHARS + ",;:…"):
        end -= 1
    return start, end


# --- the extractor -------------------------------------------------------------


#: auxiliaries of a passive ("were killed"), which make the noun before a harm verb its victim
_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "be", "is", "are", "get", "got", "gets"})
#: function words that cannot stand between a doer and its harm noun ("ISIS in the attack")
_NOT_MODIFIER = frozenset(
    {"in", "on", "of", "the", "a", "an", "to", "after", "during", "from", "at", "by", "with", "for", "against"}
)
#: the words that may stand between a doer and its harm verb: auxiliaries of a done or going act
#: ("have shelled", "are continuing to kill"), never a modal, a passive or a verb of intent
_DONE_LINKS = frozenset(
    {"has", "have", "had", "is", "are", "was", "were", "also", "again", "then", "continue", "continues",
     "continued", "continuing", "to", "and"}
)
#: actor types (ACLED inter codes) of the armed parties: state forces, rebels, militias, external
_ARMED_TYPES = frozenset({1, 2, 3, 4, 8})


def same_side(a: str | None, b: str | None) -> bool:
    """Whether two listed actors are one party: the same, one the other's parent or both one
    parent's, or organs of one state (Government and Military Forces of Syria: same country, same
    actor type and side)."""
    if not a or not b:
        return False
    if a == b:
        return True
    from crosswire.extract.actors import lookup_actor

    ia, ib = lookup_actor(a), lookup_actor(b)
    if ia is None or ib is None:
        return False
    if ia.parent == b or ib.parent == a or (ia.parent is not None and ia.parent == ib.parent):
        return True
    return bool(ia.country) and (ia.country, ia.actor_type, ia.side) == (ib.country, ib.actor_type, ib.side)


def _allied(a: str | None, b: str | None) -> bool:
    """One party (:func:`same_side`) or one camp by the actor list's ``side`` (the Syrian army and
    Russia are both "pro-government"): an ally's dead are no enemy the speaker announces."""
    if same_side(a, b):
        return True
    from crosswire.extract.actors import lookup_actor

    ia, ib = (lookup_actor(a) if a else None), (lookup_actor(b) if b else None)
    return ia is not None and ib is not None and bool(ia.side) and ia.side == ib.side


def _civilian(name: str | None) -> bool:
    from crosswire.extract.actors import lookup_actor

    info = lookup_actor(name) if name else None
    return info is not None and info.is_civilian


def _armed(name: str | None) -> bool:
    """An armed party of the actor list (not civilians, not a monitor nor a body that only speaks)."""
    from crosswire.extract.actors import lookup_actor

    info = lookup_actor(name) if name else None
    if info is None or info.actor_type not in _ARMED_TYPES or info.is_civilian or info.speaks_only:
        return False
    # inter 8 holds bodies that never fight (the UN): of those only a state's forces are armed
    return info.actor_type != 8 or info.is_state or info.side not in (None, "", "neutral")


def _object_before(before: str) -> bool:
    """Whether the words before an actor make it an object, not a subject: a participle or a
    preposition right before it ("a coalition fighting Daesh mistakenly killed ...", "against
    ISIS"), an article aside."""
    words = re.sub(r"\b(?:the|a|an)\s*$", "", before).split()
    # (not after "by": "surprised by Nusra members killing the pilot", whose doer it names)
    return bool(words) and (words[-1].endswith("ing") or (words[-1] in _NOT_MODIFIER and words[-1] != "by"))


@dataclass(frozen=True)
class _Doing:
    """Whose armed act a claim's content tells (see :meth:`_StoryClaims.doing`)."""

    harm: bool  # the content names an armed act at all
    doer: Mention | None = None  # the actor it makes the doer
    own: Mention | None = None  # "its jets", "we destroyed": the speaker's own doing (its span)
    victims: tuple[Mention, ...] = ()  # listed non-civilian actors the act is done to


class _StoryClaims:
    def __init__(
        self, annotated: AnnotatedStory, lex: ClaimLexicon, find_actors: ActorFinder, part: str = "text"
    ) -> None:
        self.story = annotated.story
        self.text = annotated.story.text
        self.part = part  # the Story field ``text`` is (see Evidence.part)
        self.lex = lex
        self.find_actors = find_actors
        self.last_speaker: _Speaker | None = None  # the last named one: whom "he"/"she" means
        self.last_any: _Speaker | None = None  # the last of any claim: whose quote continues
        self.last_body: _Speaker | None = None  # the last that is no person: whom "it" means
        self.people: list[_Speaker] = []  # every speaker that is one person, in order: whom "he"/"she" means
        self.spoken: list[_Speaker] = []  # every claim's speaker, in order: whom "the source" means
        self.unresolved: set[tuple[int, int]] = set()  # spans said by a "he"/"she" that means nobody known
        self.prev: Sentence | None = None  # the sentence before the one being read
        self.prev_doc: Any = None  # its parse, when the story holds one (a Doc of its text)
        self.named: list[_Speaker] = []
        self.claims: list[Claim] = []
        self.story_mentions: list[Mention] | None = None  # every actor alias in the text, when asked
        self.said_at: tuple[int, _Speaker | None] | None = None  # the last sentence with a claim, its speaker
        self.dangling: tuple[int, _Speaker] | None = None  # a sentence that ends "told X that.", its speaker
        self.index = -1  # the sentence being read
        self.current: Sentence | None = None  # that sentence (whose outlet quotes an unnamed source)
        #: :meth:`speaker_before`'s answers for the sentence being parsed, by (verb, offset)
        self.before: dict[tuple[int, int], _Speaker | None] = {}

    def speaker_actor(self, start: int, end: int) -> str | None:
        """The listed actor named in the speaker phrase; a country speaking is its government
        ("Russia said" -> Government of Russia, when the actors file has that row); an unnamed
        source of a state's body that a state agency quotes is that body
        (:func:`affiliated_source_actor`); a diplomat is the state that sends them, not the body
        they are sent to (:meth:`envoy_of`)."""
        envoy = self.envoy_of(start, end)
        if envoy is not None:
            return envoy
        found = self.actor_in(start, end)
        if found is not None or end <= start:
            return found
        from crosswire.extract.actors import government_of

        phrase = self.text[start:end]
        return government_of(phrase) or affiliated_source_actor(phrase, self.sentence_around(start), self.story.outlet)

    def envoy_of(self, start: int, end: int) -> str | None:
        """The government of the state named before a diplomat's title that sends them somewhere
        ("Russian Envoy to UN Vitaly Churkin" -> Government of Russia, not the United Nations;
        "the US ambassador to Turkey"): None when no state is named before it ("UN envoy to Syria
        Staffan de Mistura" stays the UN's, read by :meth:`actor_in`)."""
        if not self.lex.diplomat_titles or end <= start:
            return None
        m = self.lex.diplomat_regex.search(self.text, start, end)
        if m is None:
            return None
        from crosswire.extract.actors import government_of, government_of_demonym

        for w in re.findall(r"[A-Z][\w.-]*", self.text[start : m.start()]):
            gov = government_of_demonym(w) or government_of(w)
            if gov is not None:
                return gov
        return None

    def sentence_around(self, at: int) -> str:
        """The text of the sentence being read when it holds ``at``, else the line around it."""
        cur = self.current
        if cur is not None and cur.start <= at < cur.end:
            return self.text[cur.start : cur.end]
        lo = self.text.rfind("\n", 0, at) + 1
        hi = self.text.find("\n", at)
        return self.text[lo : hi if hi >= 0 else len(self.text)]

    def seat_actor(self, head: Any, off: int) -> str | None:
        """The listed actor where the speaker sits ("the center based in Hmeimim": the base is an
        alias of the force it hosts), when the phrase itself names none; a place that is no
        listed alias ("activists based in Turkey") names nobody."""
        for child in head.children:
            if child.dep_ == "acl" and child.lemma_.lower() in self.lex.location_participles:
                found = self.actor_in(*_tok_span(list(child.subtree), off))
                if found is not None:
                    return found
        return None

    def actor_in(self, start: int, end: int, exclude: str | None = None) -> str | None:
        m = self.mention_in(start, end, exclude)
        return m.canonical if m is not None else None

    def mention_in(self, start: int, end: int, exclude: str | None = None) -> Mention | None:
        """The first listed actor named in ``text[start:end]`` other than ``exclude``; an alias that
        names different actors by context read as the story means it ("the Coalition" after the
        Syrian Coalition: ``extract.actors.read_in_context``)."""
        if end <= start:
            return None
        for m in self.find_actors(self.text[start:end], start):
            m = self.in_context(m)
            if m.canonical and m.canonical != exclude:
                return m
        return None

    def in_context(self, m: Mention) -> Mention:
        """``m`` as the story means it (see :meth:`mention_in`)."""
        try:
            from crosswire.extract.actors import read_in_context
        except ImportError:
            return m
        if self.story_mentions is None:
            self.story_mentions = self.find_actors(self.text, 0)
        return read_in_context(m, self.story_mentions, self.story.outlet)

    def accused_mention(self, tok: Any, off: int, exclude: str | None) -> Mention | None:
        """The actor one accused conjunct names: a listed alias in its own phrase, a bare country
        (its government, as for a speaker: "accused Russia of ..."), or a state's demonym before
        a noun of alliance ("its Russian allies")."""
        toks = _own_phrase(tok)
        start, end = _tok_span(toks, off)
        m = self.mention_in(start, end, exclude)
        if m is not None:
            return m
        from crosswire.extract.actors import actor_of_demonym, government_of

        phrase = self.text[start:end]
        gov = government_of(phrase)
        if gov is None and _listed(tok, self.lex.ally_nouns):
            gov = next((a for t in toks if t.dep_ == "amod" and (a := actor_of_demonym(t.text))), None)
        if gov is None or gov == exclude:
            return None
        return Mention(start, end, phrase, "ACTOR", gov)

    def accused_mentions(self, verb: Any, dobj: Any, off: int, exclude: str | None) -> list[Mention] | None:
        """Whom a verb of ``accused_object_verbs`` accuses, one mention per conjunct of its object
        ("accused the regime and its Russian allies of ..." -> two; "blamed the attack on X" -> the
        object of "on"); None for another verb (its object is the act: "condemned the attack by X")."""
        if verb.lemma_.lower() not in self.lex.accused_object_verbs:
            return None
        on = sorted(
            (g for h in (verb, dobj) for p in h.children if p.dep_ == "prep" and p.lower_ == "on"
             for g in p.children if g.dep_ == "pobj"),
            key=lambda g: g.i,
        )
        head = on[-1] if verb.lemma_.lower() == "blame" and on else dobj
        found: list[Mention] = []
        for t in (head, *head.conjuncts):
            m = self.accused_mention(t, off, exclude)
            if m is not None and all(m.canonical != f.canonical for f in found):
                found.append(m)
        return found

    def actor_record(self, m: Mention, sent: Evidence) -> Actor:
        """An actor the claim is about, with the span naming it (in the claim's sentence)."""
        from crosswire.extract.actors import lookup_actor

        name = m.canonical or m.text
        info = lookup_actor(name)
        return Actor(
            name=name,
            actor_type=info.actor_type if info is not None else None,
            side=info.side if info is not None else None,
            mention=m.text,
            evidence=dataclasses.replace(sent, start=m.start, end=m.end, text=self.text[m.start : m.end]),
        )

    def doing(self, start: int, end: int) -> _Doing:
        """Whose armed act ``text[start:end]`` tells, by the words around each listed actor it
        names: the subject of an active harm verb ("regime forces are continuing to kill"), the
        agent after "by" of an act named before it ("an attack carried out by Assad's forces"), an
        actor or a state's demonym right before a harm noun ("a government rocket attack",
        "Russian air strikes"); "its jets", "our forces", "we destroyed": the speaker's own. An
        actor followed by a passive harm ("70 terrorists were killed") or right after a harm verb
        ("destroyed five vehicles of terrorists") is a victim. Civilians are never the doer."""
        lex = self.lex
        content = self.text[start:end]
        low = content.lower()
        if not (lex.harm_verb_regex.search(low) or lex.harm_noun_regex.search(low)):
            return _Doing(False)
        own_m = lex.own_force_regex.search(low)
        own = None
        if own_m is not None:
            own = Mention(start + own_m.start(), start + own_m.end(), content[own_m.start() : own_m.end()], "ACTOR")
        doers: list[Mention] = []
        victims: list[Mention] = []
        for m in self.find_actors(content, start):
            m = self.in_context(m)
            if not m.canonical or _civilian(m.canonical):
                continue
            before = low[: m.start - start]
            after = low[m.end - start :]
            if self.does_after(after, _object_before(before)) or (
                re.search(r"\bby\s+(?:the\s+)?$", before) and self.harm_before(before)
            ):
                doers.append(m)
            elif self.suffers_after(after) or lex.victim_after_harm_regex.search(before):
                victims.append(m)  # (not "hesitant to strike at the terrorists": no act done)
        from crosswire.extract.actors import actor_of_demonym

        for d in lex.demonym_before_harm_regex.finditer(content):
            word = content[d.start(1) : d.end(1)]
            if word[:1].isupper() and (name := actor_of_demonym(word)) is not None:
                doers.append(Mention(start + d.start(1), start + d.end(1), word, "ACTOR", name))
        doers.sort(key=lambda m: m.start)
        doer = doers[0] if doers else None
        if doer is not None and doer.canonical:
            from crosswire.extract.actors import armed_forces_of

            # ACLED codes a state's armed action to its military ("Assad's forces" read as the
            # government by the bare name): the doer of an armed act is the state's forces
            doer = dataclasses.replace(doer, canonical=armed_forces_of(doer.canonical) or doer.canonical)
        return _Doing(True, doer, own, tuple(victims))

    def does_after(self, after: str, object_before: bool = False) -> bool:
        """Whether the words after an actor make it the doer: an active harm verb right after it,
        or after auxiliaries and adverbs of a done or going act only ("have shelled", "are
        continuing to kill", "reportedly executed"; not "planned to storm", "would strike", nor a
        passive's "were killed"), or a harm noun within two words that are no function words
        ("terrorist groups rocket attacks", "regime and Russian bombings"); ``object_before``: the
        actor is the object of what stands before it ("fighting Daesh"), so of no verb after it
        the subject (but still the doer of a harm noun: "in a Nusra shelling")."""
        words = [w.strip(",;:.'\"’") for w in after.split()[:5]]
        for i, w in enumerate(words):
            if self.lex.harm_verb_regex.fullmatch(w):
                between = words[:i]
                passive = any(b in _PASSIVE_AUX and not words[j + 1].endswith("ing") for j, b in enumerate(between))
                intent = bool(between) and between[-1] == "to"
                intent = intent and not (len(between) > 1 and between[-2].startswith("continu"))
                done = all(b in _DONE_LINKS or b.endswith("ly") for b in between)
                return not object_before and not passive and not intent and done
        m = self.lex.harm_noun_after_regex.match(after)
        return m is not None and not any(w in _NOT_MODIFIER for w in m.group(1).split())

    def suffers_after(self, after: str) -> bool:
        """Whether the words after an actor make it a victim: a passive harm ("were killed",
        "have been struck") within a few words."""
        m = re.match(r"^\s*(?:[\w-]+\s+){0,2}?(?:was|were|been|are|is|got|get)\s+(?:\w+ly\s+)?(\w+)", after)
        return m is not None and self.lex.harm_verb_regex.fullmatch(m.group(1)) is not None

    def harm_before(self, before: str) -> bool:
        """A harm verb or noun within the three words before "by" ("carried out by", "strikes
        by", "shells fired by"; not "a bridge used by")."""
        tail = " ".join(before.split()[-4:-1])
        lex = self.lex
        return bool(lex.harm_verb_regex.search(tail) or lex.harm_noun_regex.search(tail) or "carried out" in tail)

    def counts_dead(self, low: str) -> bool:
        """Whether lower-cased content counts dead or wounded: a casualty cue and a number, or one
        victim named ("killed 58 civilians", "a child was wounded")."""
        cue = self.lex.any_cue.get("casualty_report")
        return cue is not None and bool(cue.search(low)) and bool(_NUMBER_RE.search(low) or _ONE_VICTIM.search(low))

    def typed_by_doing(
        self, ctype: str, speaker: _Speaker | None, start: int, end: int
    ) -> tuple[str, list[Mention]] | None:
        """The type and the actors a claim of an armed act is about, by whose act it is (None when
        the content names no armed act, or its type is one that a verb or a cue of denial, threat
        or accusation gave):

        * the speaker's own side's act ("the ministry said its jets struck 40 targets", "the army
          destroyed 5 terrorist vehicles, the army said"): an **announcement**, even when it names
          dead; about the speaker's side first (the doer), then the targets it names;
        * another's act: a **casualty report** when the claim counts dead ("SOHR said 12
          civilians were killed in Russian air strikes"), else an **accusation** ("the Observatory
          reported a government rocket attack"); about the doer (the perpetrator, the accused);
        * no doer named, an armed party's speaker telling of harm done to its enemy ("70
          terrorists were killed in the airstrikes, the military source said"): that party's
          **announcement**, about the speaker's side (when the sentence names it), then the enemy.
        """
        if ctype not in ("casualty_report", "announcement", "assessment"):
            return None
        low = self.text[start:end].lower()
        if any(p in low for p in self.lex.doubt_phrases):
            # "it was unclear whether the strikes were carried out by Russian or Syrian jets": who
            # did it is what the claim leaves open, so it accuses no one and keeps its type
            return None
        d = self.doing(start, end)
        if not d.harm:
            return None
        mine = speaker.actor if speaker is not None else None
        armed = _armed(mine)
        targets = [v for v in d.victims if not _allied(v.canonical, mine)]
        if armed and d.own is not None and (d.doer is None or d.own.start < d.doer.start):
            # (not "surprised by members of al-Nusra killing the pilot whose plane we shot down")
            return "announcement", [dataclasses.replace(d.own, canonical=mine), *targets]
        if armed and ctype == "announcement" and self.self_report(low):
            return "announcement", targets  # "it had conducted 16 airstrikes"
        if d.doer is not None and not same_side(d.doer.canonical, mine):
            kind = "casualty_report" if ctype == "casualty_report" or self.counts_dead(low) else "accusation"
            return kind, [d.doer, *d.victims]
        if mine is None or not armed:
            return None
        if d.doer is not None:
            return "announcement", [d.doer, *targets]
        if targets:
            assert speaker is not None
            said = self.current is not None and self.current.start <= speaker.start and speaker.end <= self.current.end
            phrase = self.text[speaker.start : speaker.end]
            side = [Mention(speaker.start, speaker.end, phrase, "ACTOR", mine)] if said else []
            return "announcement", [*side, *targets]
        return None

    def claim_type(self, verb_key: str | None, content: str) -> str:
        vtype = self.lex.phrase_verbs.get(verb_key or "") or self.lex.verb_type.get(verb_key or "")
        if vtype and vtype != "neutral":
            return vtype
        low = content.lower()
        for ctype in self.lex.precedence:
            if ctype == "announcement" and self.self_report(low):
                return ctype
            any_cue = self.lex.any_cue.get(ctype)
            if any_cue is not None and not any_cue.search(low):
                continue  # none of its cues is in the text
            for cue in self.lex.cues.get(ctype, ()):
                m = _word(cue).search(low)
                if m:
                    if ctype == "casualty_report" and not (_NUMBER_RE.search(low) or _ONE_VICTIM.search(low)):
                        continue
                    if ctype == "denial" and re.search(r"\b(?:not|n't|never|no)\s+(?:\w+\s+)?$", low[: m.start()]):
                        continue  # "did not deny": not a denial
                    if ctype == "announcement" and _SCENE_PASSIVE.search(low[: m.start()]):
                        continue  # "exploded before they were deployed": the scene, no act announced
                    return ctype
        return self.lex.default_type

    def self_report(self, low: str) -> bool:
        """'(the coalition said) it had conducted 16 airstrikes': a speaker reporting its own
        completed action announces it (not 'it had been hit', nor 'we have seen/said'); 'they'
        is left out, as often as not others ('Lavrov said ... as they had done')."""
        m = _SELF_REPORT.match(low)
        if m is None:
            return False
        word = m.group(1)
        return not any(word.startswith(v[:-1] if v[-1:] in "ey" else v) for v in self.lex.verb_type)

    def add(
        self,
        sent: Sentence,
        speaker: _Speaker | None,
        verb: str | None,
        verb_key: str | None,
        quote: bool,
        start: int,
        end: int,
        ev_sentence: Sentence | None = None,
        accused: Sequence[Mention] | None = None,
    ) -> None:
        """One claim; ``accused``: whom its verb accuses (by the parse), else the claim is about
        the first actor its content names other than the speaker's."""
        start, end = _strip(self.text, start, end)
        if end - start < 12:
            return
        content = self.text[start:end]
        ev_sent = ev_sentence or sent
        ctype = self.claim_type(verb_key, content)
        if accused is None:
            typed = self.typed_by_doing(ctype, speaker, start, end)
            if typed is not None:
                ctype, accused = typed
            else:
                first = self.mention_in(start, end, exclude=speaker.actor if speaker else None)
                accused = [first] if first is not None else []
        key = f"{self.story.story_id}|{start}|{end}|{speaker.name if speaker else ''}|{verb or ''}"
        if self.part != "text":
            key = f"{self.part}|{key}"
        claim_id = "cl_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        if any(c.claim_id == claim_id for c in self.claims):
            return
        if speaker is not None:
            self.last_any = speaker
            if not speaker.person and not speaker.one_person:
                self.last_body = speaker  # "it" means a body, not "a source"
            self.note_person(speaker)
            self.spoken.append(speaker)
        s0 = min(ev_sent.start, sent.start)
        s1 = max(ev_sent.end, sent.end)
        evidence = Evidence(
            story_id=self.story.story_id,
            start=start,
            end=end,
            text=content,
            sentence=self.text[s0:s1],
            sentence_start=s0,
            sentence_end=s1,
            part=self.part,
        )
        about = tuple(self.actor_record(m, evidence) for m in accused)
        self.claims.append(
            Claim(
                claim_id=claim_id,
                story_id=self.story.story_id,
                speaker=speaker.name if speaker else None,
                speaker_actor=speaker.actor if speaker else None,
                reporting_verb=verb,
                quote=quote,
                content=content,
                about_actor=about[0].name if about else None,
                claim_type=ctype,
                evidence=evidence,
                about_actors=about,
            )
        )

    def reports_anew(self, verb: Any, quotes: Sequence[tuple[int, int]] = (), off: int = 0) -> bool:
        """Whether a reporting verb inside another's complement has a speaker of its own ("TASS
        writes that the ministry reported ..."), not a passive or a non-speaker subject, nor a
        verb under a modal or a negation ("warned that all sides should not think they are
        immune"): that says what the outer speaker states, nobody reports it."""
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _UNSTATED_AUX) for c in verb.children):
            return False
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        quoted = next((q for q in quotes if q[0] <= verb.idx + off < q[1]), None)
        if quoted is not None and (subj is None or not quoted[0] <= subj.idx + off < quoted[1]):
            # 'Rebel groups "announce the start of the battle" said X': words X is quoted saying
            # (but '"President Erdogan said ..." the statement said' quotes a report whole)
            return False
        if _agent(verb) is not None:
            # "it was reported by SANA that ...", not "a draft was not even read by Russia"
            return any(c.dep_ == "ccomp" for c in verb.children) or _that_clause(verb) is not None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        return bool(subj.pos_ == "PRON" or self.plausible_speaker(subj, _speaker_tokens(subj)))

    def speaker_noun(self, tok: Any) -> bool:
        """One of the lexicon's speaker nouns ("sources", "spokesman", "activists")."""
        return _listed(tok, self.lex.speaker_nouns)

    def it_speaker(self, head: Any, off: int) -> _Speaker | None:
        """'it said': the body the sentence is about ("State TV broadcast images that it said
        were seized"), else the last body that spoke ("the Observatory ... It said")."""
        root = head.sent.root
        subj = _subject(root)
        if subj is not None and subj.i < head.i and subj.pos_ != "PRON" and subj.dep_ == "nsubj":
            sp = self.speaker_from(subj, off)
            if sp is not None and sp is not _NOT_A_SPEAKER and not sp.person:
                return sp
        return self.last_body

    def antecedent(self) -> _Speaker | None:
        """Whom "he"/"she" means when no speaker is known yet: the person the sentence before is
        about, its subject a name or a noun of one person ("A witness named Ahmad who was wounded
        in the blast described the moment ..."; "he said" follows)."""
        prev = self.prev
        if prev is None or not any(ch.isalpha() for ch in prev.text):
            return None
        # the parse the story already holds, else one made here (a Span of a story-wide doc has
        # other offsets)
        held = self.prev_doc
        doc = held if held is not None and not hasattr(held, "start_char") else _nlp()(prev.text)
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        subj = _subject(root) if root is not None else None
        if subj is None or subj.dep_ != "nsubj" or subj.pos_ == "PRON":
            return None
        # "A shopkeeper named Khaled who lost his brother": the name, in a clause on the noun
        inside = {t.i for c in subj.children if c.dep_ == "acl" for t in c.subtree}
        person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start in inside), None)
        if person is not None:
            return self.phrase_speaker(list(person), prev.start)
        if not _person_phrase(subj, _speaker_tokens(subj)) and not _one_person_noun(subj, self.lex):
            return None
        sp = self.speaker_from(subj, prev.start)
        return sp if sp is not _NOT_A_SPEAKER else None

    def speaker_before(self, verb: Any, off: int) -> _Speaker | None:
        """'<what was said> activists and NGOs say', '... the Syrian Observatory for Human Rights
        (SOHR) said on Friday': with the commas gone the parser often loses the speaker that
        stands right before the verb. The phrase runs back over names, speaker nouns, their
        modifiers, 'and' and the small words of names and titles ('head of the ...') up to an
        article; where it runs into the report instead ('... in the town of Khan Sheikhoun
        activists said', '... of divided Aleppo city state media said') only its sure words count.

        :meth:`parsed` may ask several times for one verb (a counted subject, a subject joined
        across a clause, a verb left without one, two subjects, no subject, no content): the phrase
        is read once per sentence, and each asking remembers the speaker as :meth:`phrase_speaker`
        does."""
        key = (verb.i, off)
        if key not in self.before:
            self.before[key] = self.read_speaker_before(verb, off)
        sp = self.before[key]
        if sp is not None:
            self.remember(sp)
        return sp

    def read_speaker_before(self, verb: Any, off: int) -> _Speaker | None:
        """:meth:`speaker_before`'s phrase, read from the parse (not remembered)."""
        doc = verb.doc
        stop = _phrase_stop(verb)
        first, clean, low, place = self.run_back(doc, stop)
        if first is None:
            return None
        if not clean:
            first = self.sure_suffix(doc, low, stop, place)
        if first is None or first == 0:
            return None
        return self.read_phrase_speaker(list(doc[first:stop]), off)

    def clean_speaker_before(self, verb: Any, off: int) -> _Speaker | None:
        """The phrase right before ``verb`` when it begins at a clean boundary (an article or a
        punctuation mark: "... in the nearby town of al-Bulel the Observatory said", "... wounded
        several others activists said" is not), not remembered: where that reading and the
        parse's subject differ at the end of a sentence, the parse has joined the report's last
        words to the speaker."""
        doc = verb.doc
        stop = _phrase_stop(verb)
        first, clean, _, _ = self.run_back(doc, stop)
        if first is None or not clean or first == 0:
            return None
        return self.read_phrase_speaker(list(doc[first:stop]), off)

    def only_describes(self, doc: Any, clean: _Speaker, subject: _Speaker, off: int) -> bool:
        """May the phrase ``clean`` read before a verb stand for the parse's ``subject`` phrase?
        When it is the shorter (the subject took in the report's last words: "the town of
        al-Bulel the Observatory"), or longer only by words that describe the subject (an
        article, adjectives, "Britain-based": "the Britain-based Observatory"), not by a noun or
        a name of the report ("Aleppo city state media", "the Emirates, members of the coalition,
        Pentagon officials")."""
        if clean.start >= subject.start:
            return True
        extra = [t for t in doc if clean.start <= t.idx + off < subject.start]
        return all(
            t.pos_ in ("DET", "ADJ", "PUNCT")
            or t.ent_type_ == "NORP"
            or _glued_hyphen(doc, t.i + 1)
            or _glued_hyphen(doc, t.i - 1)
            or (t.pos_ == "NOUN" and (self.speaker_noun(t) or t.lower_ in self.lex.speaker_modifiers))
            for t in extra
        )

    def speaker_after(self, verb: Any, off: int) -> _Speaker | None:
        """'<what was said> said the Syrian Observatory for Human Rights', '... said the resident
        who asked for anonymity': the speaker after the verb, a phrase of names and speaker nouns
        that ends the clause (the sentence ends, or a relative clause, an apposition, a
        preposition or a participle follows, not a verb of its own as in 'said the ministry
        had ...')."""
        doc = verb.doc
        j = verb.i + 1
        if j < len(doc) and doc[j].pos_ == "DET":
            j += 1
        start = j
        while j < len(doc):
            t = doc[j]
            if t.ent_type_ in ("DATE", "TIME"):
                break  # "said Sunday"
            if (
                t.pos_ in ("PROPN", "ADJ")
                or (t.pos_ == "NOUN" and (self.speaker_noun(t) or (j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN")))
                or t.ent_type_ in ("ORG", "PERSON", "NORP")
                or _inside_name(doc, j)
                or _glued_hyphen(doc, j)
                or _glued_hyphen(doc, j - 1)  # "a UK-based monitoring group"
            ):
                j += 1
            else:
                break
        person = next((e for e in doc.ents if e.start == start and e.label_ == "PERSON"), None)
        if person is not None and (cut := self.name_before_affiliation(doc, start, j, off)) is not None:
            # "said Kenneth Roth Human Rights Watchs executive director": the person, who speaks
            # for the organisation and the title after the name
            p0, p1 = doc[start].idx + off, doc[j - 1].idx + len(doc[j - 1].text) + off
            name = _clean_name(str(doc[start:cut].text))
            sp = _Speaker(name=name, actor=self.speaker_actor(p0, p1), start=p0, end=p1, person=True)
            self.remember(sp)
            return sp
        if person is not None and person.end < j:
            j = person.end  # "said Rami Abdel Rahman director of the Observatory": the person
        phrase = list(doc[start:j])
        if not phrase or not any(self.speaker_noun(t) or t.pos_ == "PROPN" or t.ent_type_ for t in phrase):
            return None
        nxt = doc[j] if j < len(doc) else None
        if nxt is not None and not (
            (nxt.is_punct and nxt.text != "-")
            or nxt.tag_ in ("WDT", "WP")
            or nxt.pos_ == "DET"
            or (nxt.pos_ == "ADP" and nxt.lower_ != "as")
            or nxt.tag_ == "VBG"
            or nxt.ent_type_ in ("DATE", "TIME")
        ):
            return None
        for t in doc[j:]:
            if t.text in ";:":
                break
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not _in_modifier(t, verb):
                return None  # "said the head of the medical centre was killed": a clause, no speaker
        return self.phrase_speaker(phrase, off)

    def name_before_affiliation(self, doc: Any, start: int, end: int, off: int) -> int | None:
        """Where a person's name that begins the run of proper nouns at ``doc[start]`` ends, when
        the run goes on with the name of an organisation ("Kenneth Roth Human Rights Watchs
        executive director", the commas and apostrophe lost, the tagger's person "Kenneth Roth
        Human"): the first word of a name the story writes elsewhere on its own ("Human Rights
        Watch accused ...", its possessive "s" aside) or a listed actor's alias; None if none.
        Only where a title of one person follows the run ("executive director", "spokesman") and
        two words at least are left to the name ("Rami Abdel Rahman said" is one name, though the
        story writes "Abdel Rahman" on its own)."""
        run = start
        while run < end and doc[run].pos_ == "PROPN" and doc[run].text[:1].isupper():
            run += 1
        if run - start < 4:
            return None
        title, persons = run, self.lex.person_nouns
        while title < min(end, run + 3) and doc[title].text.islower() and doc[title].lower_ not in persons:
            title += 1  # "executive" of "executive director"
        if title >= end or doc[title].lower_ not in persons:
            return None
        for p in range(start + 2, run - 1):
            for q in range(run, p + 1, -1):
                s0, s1 = doc[p].idx + off, doc[q - 1].idx + len(doc[q - 1].text) + off
                if self.names_elsewhere(s0, s1, doc[p - 1].text) or any(
                    m.start == s0 and m.end == s1 and m.canonical for m in self.find_actors(self.text[s0:s1], s0)
                ):
                    return p
        return None

    def affiliated_name(self, toks: Sequence[Any], off: int) -> str | None:
        """The person's name of a speaker phrase whose first person's name runs into an
        organisation's (:meth:`name_before_affiliation`), else None."""
        ids = {t.i for t in toks}
        doc = toks[0].doc
        ent = next((e for e in doc.ents if e.label_ == "PERSON" and e.start in ids), None)
        if ent is None:
            return None
        cut = self.name_before_affiliation(doc, ent.start, max(ids) + 1, off)
        return _clean_name(str(doc[ent.start : cut].text)) if cut is not None else None

    def names_elsewhere(self, s0: int, s1: int, before: str) -> bool:
        """Does the story write ``text[s0:s1]`` (or it without a possessive "s" lost from its
        last word) elsewhere, not after the same word ``before`` (then it is a part of the same
        longer name)?"""
        phrase = self.text[s0:s1]
        forms = [phrase] + ([phrase[:-1]] if phrase.endswith("s") and not phrase.endswith("ss") else [])
        for form in forms:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", self.text):
                if s0 <= m.start() < s1:
                    continue
                words = self.text[: m.start()].split()
                if not words or words[-1] != before:
                    return True
        return False

    def phrase_speaker(self, toks: list[Any], off: int) -> _Speaker | None:
        """The speaker a run of tokens names (see :meth:`speaker_before`), remembered."""
        sp = self.read_phrase_speaker(toks, off)
        if sp is not None:
            self.remember(sp)
        return sp

    def remember(self, sp: _Speaker) -> None:
        """A person named as a speaker is whom a later "he said" means (and, with a full name,
        whom a later surname alone means)."""
        if sp.person:
            self.last_speaker = sp
            self.note_person(sp)
            if " " in sp.name:
                self.named.append(sp)

    def note_person(self, sp: _Speaker, maybe: bool = False) -> None:
        """Keep ``sp`` as the latest person a later "he"/"she" may mean, when it is one: a name,
        a noun of one person ("a former guard"), a name whose first name is a known one, or
        (``maybe``) a name the tagger did not read as a person's but not as a body's either."""
        if not (maybe or sp.person or sp.one_person or self.first_name_gender(sp.name) is not None):
            return
        if sp in self.people:
            self.people.remove(sp)
        self.people.append(sp)

    def may_be_person(self, head: Any, off: int) -> bool:
        """Can a proper noun that heads a speaker phrase be a person's name the tagger missed
        ("Manal a teacher", "Qassem Saadeddine a commander ...", "Head of the media center ...")?
        A noun of one person, or a name that no entity type, speaker noun ("Observatory") or
        listed actor's alias ("Hezbollah"; the name itself, not its apposition) makes a body's."""
        if head.lower_ in self.lex.person_nouns:
            return True
        if head.ent_type_ not in ("", "PERSON") or self.speaker_noun(head):
            return False
        first = head.i
        while first > 0 and head.doc[first - 1].pos_ == "PROPN":
            first -= 1
        return self.actor_in(*_tok_span(list(head.doc[first : head.i + 1]), off)) is None

    def first_name_gender(self, name: str) -> str | None:
        """'f' or 'm' when the first word of a name is a known first name (data
        ``female_first_names``, ``male_first_names``), else None."""
        first = name.split()[0].lower() if name.split() else ""
        if first in self.lex.female_first_names:
            return "f"
        if first in self.lex.male_first_names:
            return "m"
        return None

    def gender(self, sp: _Speaker) -> str | None:
        """The gender a speaker phrase says: a title or noun of its own ("Ms", "spokeswoman":
        data ``female_words``, ``male_words``), else its first name; None when it says none or
        both ("a mother and her son")."""
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", self.text[sp.start : sp.end] + " " + sp.name)}
        female, male = bool(words & self.lex.female_words), bool(words & self.lex.male_words)
        if female != male:
            return "f" if female else "m"
        if female:
            return None
        return self.first_name_gender(re.sub(r"^(?:the|a|an)\s+", "", sp.name, flags=re.I))

    def person_meant(self, pronoun: str) -> _Speaker | None:
        """Whom "he"/"she" (or "I") means: the latest person (:meth:`note_person`) whose gender,
        where known, fits it; never a body, which "it" means."""
        want = "f" if pronoun in ("she", "her") else "m" if pronoun in ("he", "him") else None
        for sp in reversed(self.people):
            got = self.gender(sp)
            if want is None or got is None or got == want:
                return sp
        return None

    def back_reference(self, toks: Sequence[Any], off: int) -> _Speaker | None:
        """'A military source told SANA ... The source added ...': a bare "the" and a speaker noun
        means the last claim's speaker whose phrase has that noun in lower case ("military source",
        not "Free Syrian Army" for "the army"), with more words than the noun alone: that speaker,
        at the span of the phrase read here (where the statement's own span is cut)."""
        words = [t for t in toks if not t.is_punct]
        if len(words) != 2 or words[0].lower_ != "the" or not self.speaker_noun(words[1]):
            return None
        noun = words[1].lower_
        for sp in reversed(self.spoken):
            if sp.noun == noun and sp.name.lower() != noun:
                start, end = _tok_span(words, off)
                actor = sp.actor
                if actor is None:
                    # "according to a Police Command source ... the source told SANA": the agency
                    # quoting it now vouches for whose source it is
                    actor = affiliated_source_actor(
                        self.text[sp.start : sp.end], self.sentence_around(start), self.story.outlet
                    )
                return dataclasses.replace(sp, start=start, end=end, actor=actor)
        return None

    def speaker_noun_of(self, toks: Sequence[Any]) -> str:
        """The speaker noun that heads a phrase or describes the name that does, written in lower
        case ("source" of "a military source in the police", "group" of "terrorist group Al-Nusra
        Front"; none in "the Russian Defence Ministry", a name, nor in "a resident of the
        government-controlled west"), and not one of two speakers
        joined ("the Local Coordination Committees and the observatory"; but "local and media
        sources" is one): see :meth:`back_reference`."""
        ids = {t.i for t in toks}
        head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), None)  # the phrase's own head
        if head is None or head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children):
            return ""
        # the head, else a noun that describes the name it heads ("terrorist group Al-Nusra Front",
        # "the Observatory a Britain-based monitoring group")
        described = [c for c in head.children if c.dep_ in ("compound", "appos", "nmod") and c.i in ids]
        for t in (head, *reversed(described)):
            if t.text.islower() and self.speaker_noun(t):
                return str(t.lower_)
        return ""

    def read_phrase_speaker(self, toks: list[Any], off: int) -> _Speaker | None:
        """:meth:`phrase_speaker`'s speaker, not remembered."""
        toks = self.past_headline(self.past_furniture(toks), off)
        if not toks:
            return None
        doc = toks[0].doc
        while toks and (toks[0].pos_ in ("CCONJ", "ADP", "PUNCT") and toks[0].text not in "("):
            toks.pop(0)
        if toks and toks[-1].text == ")" and any(t.text == "(" for t in toks):
            # "(SOHR)": the acronym repeats the name
            toks = toks[: max(n for n, t in enumerate(toks) if t.text == "(")]
        while toks and toks[-1].pos_ not in ("NOUN", "PROPN") and toks[-1].ent_type_ not in ("ORG", "PERSON"):
            toks.pop()  # (an acronym the tagger took for an adjective, "SANA", is a name)
        if not toks:
            return None
        start, end = _tok_span(toks, off)  # toks are in order: the phrase's own text
        text = re.sub(r"\s+", " ", self.text[start:end])
        name = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
        person = any(t.ent_type_ == "PERSON" for t in toks)
        last = next((e for e in doc.ents if e.end == toks[-1].i + 1 and e.start >= toks[0].i), None)
        if last is not None and last.label_ == "PERSON" and last.start > toks[0].i and toks[0].tag_ != "NNS":
            # "head of the Observatory Rami Abdel Rahman": the person (not in "opponents of Bashar
            # al-Assad")
            name = str(last.text)
        elif (named := _described_name(toks, last)) is not None:
            name = named  # "state-run news agency SANA", "medical charity Doctors Without Borders"
        if (affiliated := self.affiliated_name(toks, off)) is not None:
            name = affiliated  # "Kenneth Roth Human Rights Watchs executive director"
        # "..., said the source": the phrase after an inverted verb begins past its article
        art = doc[toks[0].i - 1] if toks[0].i > 0 else None
        ref = [art, *toks] if art is not None and art.lower_ == "the" and toks[0].lower_ != "the" else toks
        after = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
        if ref is not toks and after is not None and after.tag_ in ("WP", "WDT"):
            ref = toks  # "said the resident who asked for anonymity": described anew, maybe another
        if (earlier := self.back_reference(ref, off)) is not None:
            return earlier
        actor = self.speaker_actor(start, end)
        noun = next((t for t in toks if t.pos_ in ("NOUN", "PROPN")), toks[-1])  # "source in the police"
        one = _one_person_noun(noun, self.lex)
        return _Speaker(
            name=_clean_name(name),
            actor=actor,
            start=start,
            end=end,
            person=person,
            one_person=one,
            noun=self.speaker_noun_of(toks),
        )

    def run_back(self, doc: Any, end: int) -> tuple[int | None, bool, int, bool]:
        """The phrase before ``doc[end]`` (see :meth:`speaker_before`): its first token, whether
        it starts at a clean boundary (an article, punctuation), the first token after where it
        stopped, and whether it stopped at a preposition (whose object, a place, it may have
        begun to take)."""
        i = end - 1
        first = None
        modifier = None  # "monitoring" of "a monitoring group": kept if an article or name precedes
        while i >= 0 and end - i <= 16:
            t = doc[i]
            if first is not None and _glued_hyphen(doc, i):
                first = i - 1  # "al-Zinki", "US-based": one word
                i -= 2
                continue
            if _inside_name(doc, i) or self.affiliation(doc, i):
                pass  # "Observatory for Human Rights", "head of the Observatory", "envoy to the UN"
            elif first is None and t.pos_ == "NOUN" and t.dep_ == "pobj" and self.affiliation(doc, t.head.i):
                first = i  # "a source in the Syrian militia": whom the speaker is with, any noun
            elif t.pos_ == "DET":
                if i > 0 and self.affiliation(doc, i - 1):
                    pass  # "head of the ..."
                elif first is None:
                    return None, False, i + 1, False
                elif i > 0 and doc[i - 1].pos_ == "ADP" and not _inside_name(doc, i - 1):
                    return first, False, i + 1, True  # "... in the Zahra neighborhood activists said"
                else:
                    return i, True, i + 1, False
            elif t.ent_type_ in ("DATE", "TIME"):
                break  # "on Friday Turkish military said": when, not who
            elif first is not None and (t.ent_type_ in ("ORDINAL", "CARDINAL") or t.pos_ == "NUM"):
                break  # "... and injuring a fourth SANA said": the report's count, not who
            elif (p := _preposition_before(doc, i)) is not None and not self.affiliation(doc, p):
                # "in the town of Khan Sheikhoun activists said", "based in Aleppo reported"; but
                # "an AFP journalist in Aleppo said", "activists in Homs said": where they are
                if first is None and p > 0 and doc[p - 1].pos_ == "NOUN" and self.speaker_noun(doc[p - 1]):
                    first = i
                    i = p - 1
                    continue
                return (first, False, i, True) if first is not None else (None, False, i, False)
            elif t.pos_ == "PROPN" and first is not None and not _joins(doc, i, first, end):
                break  # "killing the Imam Sheikh Salman al-Afandi state-run TV reported": two phrases
            elif t.ent_type_ in ("ORG", "PERSON", "NORP") or t.text in "()":
                first = i
            elif t.pos_ in ("NOUN", "PROPN") and (self.speaker_noun(t) or t.pos_ == "PROPN"):
                if t.pos_ == "NOUN" and first is not None and (_counted(doc, i) or _plural_before_noun(doc, i)):
                    break  # "killed 60 people SANA said", "clashes with regime forces activists said"
                first = i
            elif (
                first is not None
                and (
                    modifier is not None
                    or first == end - 1
                    or _glued_hyphen(doc, i - 1)
                    # "news" of "news agency SANA": a noun that modifies speakers, on the first
                    or (t.head.i == first and doc[first].pos_ == "NOUN" and t.lower_ in self.lex.speaker_modifiers)
                )
                and _modifies(t, modifier if modifier is not None else first, end)
                # "... of the city state news agency", "... wounded children opposition activists":
                # a place's noun, a plural or a count before the phrase is the report's
                and not (t.pos_ == "NOUN" and (_place_noun(t) or _plural_before_noun(doc, i)))
            ):
                # "the US-based rights group", but not "(the clinics were left) without medicine
                # activists say": a modifier needs an article or a name before it
                modifier = i
            elif t.pos_ in ("ADJ", "CCONJ") or (t.pos_ == "ADP" and t.ent_type_):
                pass
            else:
                break
            if modifier is not None and first is not None and first < modifier:
                modifier = None  # confirmed by a name before it ("... Human Rights monitoring group")
            i -= 1
        if first is None:
            return None, False, i + 1, False
        if i < 0 or (doc[i].is_punct and doc[i].text != "-") or doc[i].ent_type_ in ("DATE", "TIME"):
            # '"..." local sources said', the sentence start, or "... on Wednesday state-run news
            # agency SANA reported": when it happened, the report's last words
            return i + 1, True, i + 1, False
        return first, False, i + 1, doc[i].pos_ == "ADP"

    def past_furniture(self, toks: list[Any]) -> list[Any]:
        """A speaker phrase without the page furniture the scrape ran into it: a dateline's credit
        up to its closing bracket ("(Reuters) Local civil defence personnel", "TRT World and
        Agencies) International leaders") and what comes up to a page label and its count or
        noun ("Slideshow (2 Images) Another resident ...", "... agencies Related News Turkey
        tells ...": ``page_labels`` and ``page_label_nouns``, capitalised as labels are)."""
        opened = 0
        cut = -1
        for n, t in enumerate(toks):
            if t.text == "(":
                opened += 1
            elif t.text == ")":
                if opened:
                    opened -= 1
                else:
                    cut = n  # a bracket closed that the phrase never opened
        toks = toks[cut + 1 :]
        labels = [
            n
            for n, t in enumerate(toks)
            if t.text[:1].isupper()
            and t.lower_ in self.lex.page_labels
            and t.ent_iob_ != "I"  # "Human Rights Watch", "Siege Watch": the end of a name
            and not (n > 0 and toks[n - 1].pos_ == "PROPN" and n == len(toks) - 1)
        ]
        if not labels:
            return toks
        rest = toks[labels[-1] + 1 :]
        while rest and rest[0].text[:1].isupper() and rest[0].lower_ in self.lex.page_label_nouns:
            rest = rest[1:]  # "Related News"
        if rest and rest[0].text == "(":
            close = next((k for k, t in enumerate(rest) if t.text == ")"), None)
            rest = rest[close + 1 :] if close is not None else rest
        while rest and (rest[0].like_num or rest[0].is_punct):
            rest = rest[1:]
        return rest

    def past_headline(self, toks: list[Any], off: int) -> list[Any]:
        """A speaker phrase without the headline the scrape ran into it: the story's title, where
        the text repeats it glued to the lede ("More than 30 rebels killed in IS group suicide
        blast The Islamic State group on Monday claimed ..."), and a headline in title case, up
        to its last capitalised verb ("... Raqqa Province 30 Terrorists Killed Reports said":
        ``headline_verb_forms``; not the phrase's first word, nor one inside a name)."""
        if not toks:
            return toks
        t0, t1 = _tok_span(toks, off)
        for m0, m1 in self.title_copies:
            if m0 <= t0 < m1 < t1:
                rest = [t for t in toks if t.idx + off >= m1]
                return rest or toks
        cut = None
        for n, t in enumerate(toks[1:-1], 1):
            if self.headline_verb(t):
                cut = n
        if cut is not None and any(t.pos_ in ("NOUN", "PROPN") for t in toks[cut + 1 :]):
            return toks[cut + 1 :]
        return toks

    @cached_property
    def title_copies(self) -> list[tuple[int, int]]:
        """Where the text repeats the story's title (of four words or more), as spans: the same
        for every speaker phrase of the story, so found once (:meth:`past_headline`)."""
        words = re.findall(r"\w+", self.story.title or "") if self.part == "text" else []
        if len(words) < 4:
            return []
        pattern = r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)"
        return [(m.start(), m.end()) for m in re.finditer(pattern, self.text, re.I)]

    def headline_verb(self, tok: Any) -> bool:
        """A capitalised inflected verb of a headline ("Killed", "Seizes": ``headline_verb_forms``),
        not inside a name."""
        return bool(tok.text[:1].isupper() and not tok.ent_type_ and tok.lower_ in self.lex.headline_verb_forms)

    def affiliation(self, doc: Any, i: int) -> bool:
        """Is ``doc[i]`` the preposition of a title ("head *of* the Observatory", "spokesman *for*
        the army", "ambassador *to* the United Nations", "an official *from* the group")?"""
        word = doc[i].lower_
        return bool(
            (word in ("of", "for", "to", "from") or (word in ("in", "at") and doc[i - 1].tag_ == "NN"))
            and i > 0
            and doc[i - 1].pos_ == "NOUN"
            and self.speaker_noun(doc[i - 1])
            and not _counted(doc, i - 1)
            and i + 1 < len(doc)
            and (doc[i + 1].lower_ == "the" or _capitalized(doc[i + 1]))
        )

    def sure_suffix(self, doc: Any, low: int, end: int, place: bool) -> int | None:
        """The part of ``doc[low:end]`` that is surely the speaker when the phrase ran into the
        report: from the verb back, names, speaker nouns, 'and' and the small words of names
        and titles (no modifier of unknown standing, no count: "60 people"), then the adjectives
        before them ("local sources"). ``place``: ``doc[low]`` begins the object of a
        preposition ("in eastern Syria", "of Raqqa and Deir Ezzor"), no part of the speaker."""
        lo = _past_place(doc, low, end) if place else low
        start = None
        j = end - 1
        while j >= lo:
            t = doc[j]
            hyphened = (
                _glued_hyphen(doc, j)
                or _glued_hyphen(doc, j + 1)
                or (j > lo and _glued_hyphen(doc, j - 1))  # "run" of "state-run"
            )
            if (
                start is not None
                and t.pos_ == "NOUN"
                and t.dep_ == "compound"
                and start <= t.head.i < end
                and (
                    t.head.tag_ == "NN"
                    # before a plural only a noun that modifies speakers: "rescue workers", "rights
                    # groups"; not "in Jayrud town rebels", "without medicine activists"
                    or t.lower_ in self.lex.plural_modifiers
                    or t.lower_ in self.lex.speaker_modifiers
                )
            ):
                start = j  # "war monitor", "monitoring group": a noun the parse hangs on the speaker's
                j -= 1
                continue
            if t.pos_ == "NOUN" and start is not None and (_counted(doc, j) or _plural_before_noun(doc, j)):
                break
            if (
                (t.pos_ in ("NOUN", "PROPN") and (self.speaker_noun(t) or t.pos_ == "PROPN"))
                or t.ent_type_ in ("ORG", "PERSON", "NORP")
                or t.lower_ == "and"
                or t.text in "()"
                or hyphened
                or _inside_name(doc, j)
                or self.affiliation(doc, j)
            ):
                start = j
            else:
                break
            j -= 1
        if start is None:
            return None
        while start - 1 >= lo and doc[start - 1].pos_ == "ADJ" and doc[start - 1].dep_ == "amod":
            start -= 1  # "local sources", not "(the regime is) responsible Fabius said"
        while start < end and (doc[start].pos_ in ("CCONJ", "ADP") or doc[start].text in "-)"):
            start += 1
        return start if start < end else None

    def according_speaker(self, to: Any, off: int) -> _Speaker | None:
        """Who a claim is "according to": the object of "to" (also of a doubled "to to"), or a
        name right after it that the parser took for a clause ("according to Save the
        Children"); a record ("figures compiled by the health ministry") speaks for its source."""
        pobj = _to_object(to)
        if pobj is None:
            return self.name_after(next((c for c in to.children if c.lower_ == "to"), to), off)
        if self.source_noun(pobj):
            source = _source_of(pobj)
            if source is not None:
                sp = self.speaker_from(source, off)
                if sp is not None and sp is not _NOT_A_SPEAKER:
                    return sp
        doc = to.doc
        # "according to a military statement rebel fighters destroyed ...": with the comma lost,
        # the parse's object is a word of the report; the source ends with the record before it
        record = next((t for t in doc[to.i + 1 : pobj.i] if t.pos_ == "NOUN" and self.source_noun(t)), None)
        if record is not None and not self.source_noun(pobj):
            return self.phrase_speaker(list(doc[to.i + 1 : record.i + 1]), off)
        sp = self.speaker_from(pobj, off, record=True)
        if sp is _NOT_A_SPEAKER:
            # or with the first word before it that can speak
            first = next((t for t in doc[to.i + 1 : pobj.i] if t.pos_ == "NOUN" and self.speaker_noun(t)), None)
            if first is not None:
                return self.phrase_speaker(list(doc[to.i + 1 : first.i + 1]), off) or sp
        return sp

    def name_after(self, tok: Any, off: int) -> _Speaker | None:
        """A name (an entity that can speak) starting right after ``tok`` or its article."""
        doc = tok.doc
        at = tok.i + 1 + (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "the")
        for e in doc.ents:
            if e.start <= at < e.end and e.start >= tok.i + 1 and e.label_ in ("ORG", "PERSON", "GPE", "NORP"):
                start, end = doc[e.start].idx + off, doc[e.end - 1].idx + len(doc[e.end - 1].text) + off
                return _Speaker(
                    name=_clean_name(re.sub(r"^(?:the|The)\s+", "", str(e.text))),
                    actor=self.speaker_actor(start, end),
                    start=start,
                    end=end,
                    person=e.label_ == "PERSON",
                )
        return None

    def source_noun(self, tok: Any) -> bool:
        """One of the lexicon's records a claim may be according to ("figures", "the bulletin")."""
        return _listed(tok, self.lex.source_nouns)

    def plausible_speaker(self, head: Any, toks: list[Any]) -> bool:
        """A name, an entity, or a common noun that can speak ('a military source', 'residents')."""
        if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        # a name in the phrase makes it a speaker ("his counterpart Sergei Lavrov"), not a place or
        # people an adjective or a preposition names ("British findings", "the strike in the town
        # of Khan Sheikhoun")
        if any(t.ent_type_ in ("PERSON", "ORG") and t.dep_ != "amod" and not _under_prep(t, head) for t in toks):
            return True
        if len(head.text) >= 3 and head.text.isalpha() and head.text.isupper():
            return True  # an acronym the tagger took for a common noun ("according to UNICEF")
        if not self.lex.speaker_nouns:
            return True
        return self.speaker_noun(head) or self.partitive(head) is not None

    def partitive(self, head: Any) -> Any | None:
        """The speaker noun of a part of a group: "one of the guards", "some of the residents"
        (``partitive_heads`` of data/claim_verbs.json)."""
        if head.lower_ not in self.lex.partitive_heads:
            return None
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return pobj if pobj is not None and self.speaker_noun(pobj) else None

    def past_place(self, head: Any, toks: list[Any]) -> list[Any]:
        """A subject right before its verb that begins right after a preposition ("... in Aleppo
        Ibrahim Abu Leith told"): with the commas lost, its first name is the report's place."""
        if not toks or head.dep_ != "nsubj" or toks[-1].i + 1 != head.head.i or toks[0].i == 0:
            return toks
        doc = head.doc
        p = toks[0].i - 1
        if doc[p].pos_ != "ADP" or _inside_name(doc, p) or self.affiliation(doc, p):
            return toks
        k = _past_place(doc, toks[0].i, head.i + 1)
        return [t for t in toks if t.i >= k]

    def speaker_from(self, head: Any, off: int, record: bool = False) -> _Speaker | None:
        """The speaker phrase headed by ``head`` (``_NOT_A_SPEAKER`` when it cannot speak;
        ``record``: a record such as "the bulletin" may stand for its unnamed source)."""
        if head.lower_ in self.lex.pronouns and head.pos_ == "PRON":
            if head.lower_ in _ONE_PERSON or head.lower_ == "i":
                # a person of fitting gender, else the one the sentence before is about; never a
                # body ("The Observatory said ... 'My colleagues were killed' he said")
                return self.person_meant(head.lower_) or self.antecedent()
            return self.last_speaker
        if head.lower_ == "it" and head.dep_ == "nsubj":
            return self.it_speaker(head, off)
        if head.lower_ in _ANAPHORIC or head.pos_ == "PRON":
            return None
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children) and not self.speaker_noun(head):
            # "according to our data", inside someone's quote (not "according to their type")
            return self.last_speaker if self.source_noun(head) else None
        read = self.past_place(head, _speaker_tokens(head))
        toks = self.past_furniture(read)
        if not toks or (len(toks) < len(read) and all(t.i != head.i for t in toks)):
            return None  # (the head a page label: "Slideshow (2 Images) Another resident ... said")
        past = self.past_headline(toks, off)
        if len(past) < len(toks) and all(t.i != head.i for t in past):
            # the head a word of the headline ("Rebels on the Run ... 20 Militants Killed Reports
            # said"): the phrase after the headline, by its own head
            ids = {t.i for t in past}
            head = next(t for t in past if t.head.i not in ids or t.head.i == t.i)
        toks = past
        if not self.plausible_speaker(head, toks) and not (
            (record or (head.dep_ == "nsubj" and head.tag_ == "NN" and head.lemma_.lower() not in self.lex.count_nouns))
            and self.source_noun(head)
        ):
            # a record may stand for its source: "according to the bulletin", "The claim which did
            # not mention a wedding said ..."
            return _NOT_A_SPEAKER
        if (earlier := self.back_reference(toks, off)) is not None:
            return earlier
        start, end = _tok_span(toks, off)
        name = self.affiliated_name(toks, off) or _speaker_name(head, toks)
        if " " not in name:
            # "Konashenkov said" after "Igor Konashenkov said": the same person
            for known in self.named:
                if known.name.endswith(" " + name):
                    self.last_speaker = known
                    self.note_person(known)
                    return known
        person = _person_phrase(head, toks)
        actor = self.speaker_actor(start, end) or self.seat_actor(head, off)
        part = self.partitive(head)
        one = _one_person_noun(head, self.lex) or (
            head.lower_ == "one" and part is not None and part.lemma_.lower() in self.lex.person_nouns
        )  # "one of the guards": whom a later "he" may mean
        sp = _Speaker(
            name=name, actor=actor, start=start, end=end, person=person, one_person=one, noun=self.speaker_noun_of(toks)
        )
        if person or head.pos_ == "PROPN":
            self.last_speaker = sp
            self.note_person(sp, maybe=self.may_be_person(head, off))
            if " " in sp.name:
                self.named.append(sp)
        return sp

    def sentence(
        self, idx: int, sent: Sentence, doc: Any, off: int, prev: Sentence | None, prev_doc: Any = None
    ) -> None:
        """The claims of one sentence; ``doc`` (its parse) is None when it needs none (no reporting
        verb, no "according to": only a continued quotation, an unattributed pattern or a first
        person's words going on can match); ``prev_doc``: the parse of ``prev``, if the story
        holds one."""
        n_before = len(self.claims)
        self.index = idx
        self.current = sent
        self.sentence_claims(idx, sent, doc, off, prev, prev_doc)
        if len(self.claims) == n_before and self.dangling is not None and self.dangling[0] == idx - 1:
            # "The source told Asharq Al-Awsat that." ends where what it said begins: this sentence
            self.add(sent, self.dangling[1], None, None, False, sent.start, sent.end)
        if len(self.claims) == n_before and (person := self.goes_on_in_first_person(idx, sent)) is not None:
            self.add(sent, person, None, None, False, sent.start, sent.end)
        if len(self.claims) > n_before:
            self.said_at = (idx, self.last_any)

    def goes_on_in_first_person(self, idx: int, sent: Sentence) -> _Speaker | None:
        """'Rycroft told reporters this was a war crime. I call on the Council members ...': a
        sentence in the first person, no quotation marks, right after one whose claim a person
        made (a name, or a noun of one person: "the source"), goes on with that person's words
        (the marks lost in scraping): that person; never after a body's claim, which an outlet
        speaking for itself in the first person could follow."""
        if self.said_at is None or self.said_at[0] != idx - 1:
            return None
        person = self.said_at[1]
        if person is None or not (person.person or person.one_person) or any(ch in sent.text for ch in _QUOTE_CHARS):
            return None
        return person if _opens_first_person(sent.text, self.lex) else None

    def sentence_claims(
        self, idx: int, sent: Sentence, doc: Any, off: int, prev: Sentence | None, prev_doc: Any = None
    ) -> None:
        """:meth:`sentence`'s claims but the first person's going on."""
        n_before = len(self.claims)
        self.prev, self.prev_doc = prev, prev_doc
        quotes = [(sent.start + a, sent.start + b) for a, b in _quote_spans(sent.text)]
        if doc is not None:
            self.parsed(sent, doc, off, prev, quotes)
            if len(self.claims) == n_before:
                self.headline(sent, doc, off)
        if len(self.claims) > n_before:
            return
        # a quotation with no verb of its own continues the previous speaker's statement
        text = sent.text.lstrip()
        continues = text[:1] in _OPEN_QUOTES or (quotes and quotes[0][0] == sent.start)
        if quotes and continues and self.last_any is not None and prev is not None:
            self.add(sent, self.last_any, None, None, True, quotes[0][0], quotes[-1][1])
            return
        for pat in self.lex.unattributed:
            m = pat.search(sent.text)
            if m:
                self.add(sent, None, m.group(0), None, False, sent.start, sent.end)
                return

    def outer_head(self, verb: Any, pron: Any) -> Any | None:
        """ "the tribal leaders said they were wary of powers which they blamed for ...": a pronoun
        subject of a reporting verb inside another's statement means that statement's speaker
        (named in the sentence); "he"/"she" only a person's."""
        for cur in islice(verb.ancestors, 32):  # the heads above the verb, up to the root
            if cur.lemma_.lower() in self.lex.verb_type and _is_verb(cur):
                outer = _speaker_head(cur)
                if outer is None or outer.pos_ == "PRON" or outer.i > verb.i:
                    return None
                one = outer.ent_type_ == "PERSON" or _one_person_noun(outer, self.lex)
                if pron.lower_ in _ONE_PERSON and not one:
                    return None
                return outer
        return None

    def trailing_speaker(
        self, sent: Sentence, verb: Any, head: Any | None, speaker: _Speaker | None, off: int
    ) -> tuple[_Speaker, int] | None:
        """Who a sentence-final attribution (:func:`_attribution_tail`) names, and where its phrase
        begins (the report ends there): the verb's own subject right before it, a pronoun resolved
        as any ("... he added"), else the speaker phrase right before the verb (a verb the parse
        left without a subject); a person named right before that phrase is whom it describes
        ("... Fadi Ismail an official in the ministry told Reuters"). "as" before the speaker ("...
        as an AFP correspondent said") is no part of the report."""
        doc = verb.doc
        if (
            head is not None
            and head.dep_ == "nsubj"
            and head.head.i == verb.i
            and head.i < verb.i
            and speaker is not None
            and speaker is not _NOT_A_SPEAKER
        ):
            if head.lower_ == "it" and self.last_body is not None:
                # "... the Britain-based watchdog said. The army shelled Barzeh it added": "it" at
                # the end is the body that spoke before, not the report's subject
                speaker = self.last_body
            if head.pos_ != "PRON" and sent.start <= speaker.start <= head.idx + off:
                first = next(t.i for t in doc if t.idx + off >= speaker.start)  # the phrase as read
            else:
                first = head.i  # a pronoun, or a name remembered from an earlier sentence
                if first > 0 and doc[first - 1].lower_ in ("the", "a", "an") and doc[first - 1].head.i == head.i:
                    first -= 1  # "... the official said": its article too
            ent = next((e for e in doc.ents if e.start <= first < e.end and e.label_ == "PERSON"), None)
            if ent is not None:
                first = min(first, ent.start)  # "Leys al-Faris": a name the parse did not join
            while first < head.i and doc[first].ent_type_ in ("DATE", "TIME"):
                first += 1  # "... on Wednesday Al-Alam News Network reports": when, in the report
            start = doc[first].idx + off
            found: _Speaker | None = speaker
        else:
            found = self.speaker_before(verb, off)
            start = found.start if found is not None else -1
        if found is None:
            return None
        k = next((t.i for t in doc if t.idx + off >= start), verb.i)
        if 0 < k < verb.i and doc[k].lower_ in ("a", "an", "the"):
            person = next((e for e in doc.ents if e.end == k and e.label_ == "PERSON"), None)
            if person is not None:
                # "Fadi Ismail an official ...": the person, who speaks for the phrase's affiliation
                p0, p1 = doc[person.start].idx + off, doc[verb.i - 1].idx + len(doc[verb.i - 1].text) + off
                found = _Speaker(_clean_name(str(person.text)), self.speaker_actor(p0, p1), p0, p1, person=True)
                self.remember(found)
                start, k = p0, person.start
        if k > 0 and doc[k - 1].lower_ == "as":
            start = doc[k - 1].idx + off
        return found, start

    def before_relaying_tail(self, verb: Any, content: tuple[int, int], off: int) -> tuple[int, int]:
        """'Britain said on Wednesday it would raise the attack at the Security Council Reuters
        reported': the statement of ``verb`` ends where a sentence-final attribution after it
        (:func:`_attribution_tail`: the outlet relaying it, "... the official said") begins; the
        relaying verb is no part of what was said."""
        doc = verb.doc
        for tail in doc[verb.i + 1 :]:
            if tail.lemma_.lower() not in self.lex.verb_type or not _is_verb(tail):
                continue
            if not content[0] < tail.idx + off <= content[1] + 1 or not _attribution_tail(tail, self.lex):
                continue
            sp = self.read_speaker_before(tail, off)
            if sp is None or not content[0] < sp.start < tail.idx + off:
                return content
            k = next(t.i for t in doc if t.idx + off >= sp.start)
            subj = next((c for c in tail.children if c.dep_ == "nsubj" and c.i < tail.i), None)
            own = _speaker_tokens(subj) if subj is not None and subj.pos_ != "PRON" else []
            if own and own[-1].i + 1 >= _phrase_stop(tail) and own[0].i > k:
                k = own[0].i  # "... access to the site Reuters reported": the subject's own phrase
            k = self.tail_phrase_start(doc, k, _phrase_stop(tail))
            if k > 0 and doc[k - 1].lower_ == "as":
                k -= 1  # "... as Reuters reported"
            start = doc[k].idx + off
            if len(self.text[content[0] : start].strip()) < 12:
                return content
            return _before_article(self.text, content[0], start)
        return content

    def tail_phrase_start(self, doc: Any, k: int, stop: int) -> int:
        """Where a sentence-final speaker phrase read to begin at ``doc[k]`` begins: with the title
        of one person before it ("... chief of the General Staff Sergei Rudskoi said"), not with
        the object of a preposition, which is the report's ("... controlled by IS activists said")."""
        j = k - 1 if k > 0 and doc[k - 1].lower_ in ("the", "a", "an") else k
        if j >= 2 and doc[j - 1].lower_ == "of" and doc[j - 2].lower_ in self.lex.person_nouns:
            j -= 2
            return j - 1 if j > 0 and doc[j - 1].lower_ in ("the", "a", "an") else j
        if k > 0 and doc[k - 1].pos_ == "ADP" and doc[k - 1].lower_ != "as" and k + 1 < stop:
            return k + 1
        return k

    def attributed(self, start: int, end: int) -> bool:
        """Is the quotation ``text[start:end]`` already said by a "he"/"she" of its own verb that
        means nobody known ('"..." he said adding that ...')? That is no reason to give it to the
        last speaker, who may be a body."""
        return _strip(self.text, start, end) in self.unresolved

    def relayed(self, sent: Sentence, end: int) -> bool:
        """Does a claim of this sentence, its speaker named there, already lie before ``end``, so
        that a sentence-final attribution relays it ("Britain said on Wednesday it would ...
        Reuters reported"): the outlet reporting a statement is no claim of its own."""
        return any(
            c.evidence is not None
            and c.evidence.part == self.part
            and sent.start <= c.evidence.start < end
            and c.speaker is not None
            and c.speaker in self.text[sent.start : end]
            for c in self.claims
        )

    def count_given(self, sent: Sentence, verb: Any, off: int) -> None:
        """ "(The Observatory also reported strikes) but gave a lower toll of eight civilians
        killed", "put the toll at 20": a verb of ``count_giving_verbs`` whose object is a record
        of ``count_nouns`` reports the count (its speaker the verb's subject)."""
        dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if dobj is None or dobj.lemma_.lower() not in self.lex.count_nouns:
            return
        toks = list(dobj.subtree)
        toks.extend(t for c in verb.children if c.dep_ == "prep" and c.i > dobj.i for t in c.subtree)
        start, end = _tok_span(toks, off)
        if not _NUMBER_RE.search(self.text[start:end]):
            return  # "gave no toll": no count given
        head = _speaker_head(verb)
        # a count is no statement that a following quotation or "he said" goes on with: whom
        # those mean stays as it was
        kept = (self.last_speaker, self.last_any, self.last_body, list(self.named))
        kept_lists = (list(self.people), list(self.spoken))
        speaker = self.speaker_from(head, off) if head is not None else None
        if speaker is not None and speaker is not _NOT_A_SPEAKER:
            self.add(sent, speaker, verb.text, verb.lemma_.lower(), False, start, end)
        self.last_speaker, self.last_any, self.last_body, self.named = kept
        self.people, self.spoken = kept_lists

    def going_on(self, verb: Any, quotes: list[tuple[int, int]], off: int) -> list[Any]:
        """The participles that go on with the statement of ``verb`` ("X said Y adding that Z",
        "... warning the toll could rise", "condemned the attack saying ..."): reporting verbs in
        -ing with no subject of their own, in its clause, not inside a quotation, a relative
        clause or the clause of a noun that speaks itself ("a statement saying")."""
        out = []
        for t in verb.subtree:
            if t.i <= verb.i or t.tag_ != "VBG" or t.dep_ not in ("advcl", "xcomp", "acl"):
                continue
            if t.lemma_.lower() not in self.lex.verb_type or any(c.dep_.startswith("nsubj") for c in t.children):
                continue
            if t.lemma_.lower() in ("cite", "quote") or _claims_lives(t):
                continue  # "said citing medical sources", "claiming the lives of": no statement
            if self.lex.verb_type[t.lemma_.lower()] == "neutral" and not _states(t, quotes, off):
                continue  # "he said pointing to his meagre stock of vegetables": no statement
            if any(q[0] <= t.idx + off < q[1] for q in quotes):
                continue
            if not any(
                c.dep_ == "relcl" or (c.dep_ == "acl" and self.speaker_noun(c.head)) for c in _path_up(t, verb)
            ):
                out.append(t)
        return out

    def verb_key(self, tok: Any) -> str | None:
        """The lexicon key a reporting verb is read by ("claim responsibility" for "claimed the
        attack"), or None for one that states nothing here: a name in a title ("REUTERS Rodi Said
        US Tanks ..."), a negated neutral verb ("did not say whether", "would not confirm"), an
        infinitive nobody uses ("difficult to estimate"), "claimed the lives of", "cited X as
        saying" (the "saying" carries it)."""
        lemma = tok.lemma_.lower()
        if _title_case_word(tok) or _bare_infinitive(tok):
            return None
        if self.lex.verb_type.get(lemma) == "neutral" and any(c.dep_ == "neg" for c in tok.children):
            return None
        if lemma == "claim" and any(c.dep_ == "dobj" for c in tok.children):
            return None if _claims_lives(tok) else "claim responsibility"
        if lemma in ("cite", "quote") and any(t.lemma_.lower() == "say" and t.i != tok.i for t in tok.subtree):
            return None
        return lemma

    def inner(self, tok: Any, verb_key: str, quotes: list[tuple[int, int]], off: int) -> tuple[list[Any], Any, bool]:
        """A reporting verb's participles and conjoined verbs that go on with its statement, its
        clausal complement, and whether that complement is a report of its own that is the claim
        ("TASS writes that X reported ...": True, a pronoun speaker of it being ``tok``'s) rather
        than words of ``tok``'s statement ("said more than 40 people have been confirmed dead",
        a negated or modal verb, a verb inside the quotation ``tok`` introduces: False)."""
        goes_on = self.going_on(tok, quotes, off)
        goes_on += self.conjoined_reports(tok, {g.i for g in goes_on}, quotes, off)
        going = {g.i for g in goes_on}
        comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.i not in going), None)
        relays = bool(
            verb_key != "claim responsibility"
            and comp is not None
            and comp.lemma_.lower() in self.lex.verb_type
            and _is_verb(comp)
            and self.reports_anew(comp, quotes, off)
            and not any(c.dep_ == "nsubj" and c.pos_ != "PRON" and c.left_edge.i == tok.i + 1 for c in comp.children)
        )
        return goes_on, comp, relays

    def conjoined_reports(self, verb: Any, going: set[int], quotes: list[tuple[int, int]], off: int) -> list[Any]:
        """Reporting verbs the parse joined to the last verb of ``verb``'s statement that go on
        with it ("the ministry said the convoy was hit by a drone and warned that ...", "said that
        rebels had shelled the town and added that ..."): a verb in a tense, with no subject of
        its own, that states something (a clause, "that", a quotation), not inside a quotation,
        with no other clause's subject between them; its speaker is ``verb``'s and the first
        statement ends before it."""
        comp = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i not in going), None)
        if comp is None or comp.i < verb.i:
            return []
        out = []
        doc = verb.doc
        for c in comp.conjuncts:
            if (
                c.i > comp.i
                # "... whilst a coalition source did not deny that ... and said ...": a subject of
                # another clause between them may be whose the verb is
                and not any(t.dep_.startswith("nsubj") and t.head.i != comp.i for t in doc[comp.i + 1 : c.i])
                and c.lemma_.lower() in self.lex.verb_type
                and c.tag_ in ("VBD", "VBZ", "VBP")
                and not any(x.dep_.startswith("nsubj") for x in c.children)
                and _states(c, quotes, off)
                and not any(q[0] <= c.idx + off < q[1] for q in quotes)
            ):
                out.append(c)
        return out

    def other_subject(
        self, verb: Any, head: Any, speaker: _Speaker | None, subjects: list[Any], off: int
    ) -> _Speaker | None:
        """Two subjects, the parse's error: "Ten children were among at least 48 people killed
        ... a monitoring group said" (the first a count), "One media activist who spoke to BBC
        Arabic and witnessed the attack said" (the second no speaker). When the first cannot
        speak or is counted, the speaker right before the verb, else the next that can speak."""
        doc = head.doc
        for other in subjects:
            if (
                other.i > head.i
                and head.pos_ == "NOUN"
                and other.ent_type_ == "PERSON"
                and max(t.i for t in head.subtree) + 1 == min(t.i for t in other.subtree)
            ):
                # "Swedish chemical weapons expert Ake Sellstrom says": a title and the person
                last = max(t.i for t in other.subtree)
                last = max([last] + [e.end - 1 for e in doc.ents if e.start <= other.i < e.end])
                return self.phrase_speaker(list(doc[head.left_edge.i : last + 1]), off) or speaker
        final = max(subjects, key=lambda t: t.i)
        if final.i > head.i and any(self.headline_verb(t) for t in doc[head.i + 1 : final.i]):
            # "Daesh on the Run From Villages ... 40 Terrorists Killed Reports said": the first
            # subject is a word of a title-case headline run into the sentence; the last speaks
            alt = self.speaker_from(final, off)
            if alt is not None and alt is not _NOT_A_SPEAKER:
                return alt
        if speaker is not _NOT_A_SPEAKER and not (speaker is not None and _counted(head.doc, head.i)):
            return speaker
        before = self.speaker_before(verb, off)
        if before is not None:
            return before
        for other in subjects:
            if other.i != head.i and (alt := self.speaker_from(other, off)) not in (None, _NOT_A_SPEAKER):
                return alt
        return speaker

    def headline(self, sent: Sentence, doc: Any, off: int) -> None:
        """A headline's "X: Y" or "Y: X", the speaker a short phrase of names and speaker nouns
        on one side of the colon, not a label ("Factbox:", "Watch:"; data/claim_verbs.json)."""
        colons = [
            t for t in doc if t.text == ":" and t.i > 0 and _HEADLINE_COLON.match(self.text, t.idx + off - 1, sent.end)
        ]
        if not colons:
            return
        first, last = colons[0], colons[-1]
        # "X: Y", after a dateline ("Wednesday 21 August 2013 Syrian opposition: ...")
        k = 0
        while k < first.i and (
            doc[k].ent_type_ in ("DATE", "TIME") or doc[k].like_num or _CLOCK.fullmatch(doc[k].text)
        ):
            k += 1
        before = self.headline_speaker(list(doc[k : first.i]), off)
        if before is not None and len(doc) > first.i + 1:
            self.add(sent, before, ":", None, False, doc[first.i + 1].idx + off, sent.end)
            return
        # "Y: X" ("... clash near army airport: monitor.")
        tail = [t for t in doc[last.i + 1 :] if not t.is_punct]
        after = self.headline_speaker(tail, off)
        if after is not None:
            start = k if k < last.i else 0
            self.add(sent, after, ":", None, False, doc[start].idx + off, last.idx + off)

    def headline_speaker(self, toks: list[Any], off: int) -> _Speaker | None:
        """A short speaker phrase standing alone (one to five words): names, speaker nouns and
        their adjectives, no verb, not a headline label."""
        words = [t for t in toks if not t.is_punct or t.text == "-"]
        if not 1 <= len(words) <= 5 or " ".join(t.lower_ for t in words) in self.lex.headline_labels:
            return None
        if any(t.lower_ in self.lex.headline_labels for t in words[:1]):
            return None
        ok = all(
            t.pos_ in ("PROPN", "ADJ", "DET")
            or t.ent_type_
            or self.speaker_noun(t)
            or t.text == "-"
            or (t.pos_ == "NOUN" and t.text[:1].isupper())  # a name the tagger took for a noun
            for t in words
        )
        if not ok or not any(t.pos_ == "PROPN" or t.ent_type_ or self.speaker_noun(t) for t in words):
            return None
        return self.phrase_speaker(words, off)

    def according(self, sent: Sentence, tok: Any, off: int, quotes: list[tuple[int, int]]) -> None:
        """The claim of "according to X, ..." (``tok`` is "according")."""
        if any(q[0] <= tok.idx + off < q[1] for q in quotes):
            return  # the quoted speaker's own sourcing: the claim is the quote's
        to = next(c for c in tok.children if c.lower_ == "to")
        speaker = self.according_speaker(to, off)
        if speaker is None or speaker is _NOT_A_SPEAKER:
            return
        p0, p1 = _tok_span(list(tok.subtree), off)
        rest = [t for t in tok.subtree if t.idx + off >= speaker.end]
        obj = _to_object(to)
        objects = [  # a second object the parse gave "to": the report's subject, not an apposition
            t
            for t in tok.subtree
            if t.dep_ == "pobj" and obj is not None and t.head.i == obj.head.i and t.left_edge.pos_ != "DET"
        ]
        inside = p0 <= speaker.start and speaker.end <= p1
        cut = obj is None or (rest and rest[0].pos_ == "NUM") or obj.idx + off >= speaker.end or len(objects) > 1
        if inside and cut:
            # a name the parser made a clause of, a report it hung on the speaker ("by the
            # directorate 52 people were killed", "according to report ISIS has executed"): the
            # phrase ends with the speaker
            p1 = speaker.end
        # the content is the rest of the sentence on the longer side of the phrase
        a, b = (sent.start, p0) if p0 - sent.start >= sent.end - p1 else (p1, sent.end)
        c0, c1 = _strip(self.text, a, b)
        quote = any(q[0] <= c0 and c1 <= q[1] for q in quotes)  # '"..." according to X'
        self.add(sent, speaker, "according to", "according to", quote, a, b)

    def parsed(
        self, sent: Sentence, doc: Any, off: int, prev: Sentence | None, quotes: list[tuple[int, int]]
    ) -> None:
        """Claims the parse finds: "according to X", and each reporting verb with its speaker."""
        used_verbs: set[int] = set()
        relay: dict[int, Any] = {}
        self.before = {}  # token indices are this sentence's
        carried: dict[int, _Speaker] = {}  # a participle that goes on with a speaker's statement

        for tok in doc:
            if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
                self.according(sent, tok, off, quotes)

        # which inner reporting verbs relay an outer speaker or report nothing of their own, known
        # before the loop reaches them ('"..." X said' puts the inner verb first)
        for tok in doc:
            if tok.lemma_.lower() in self.lex.verb_type and _is_verb(tok):
                key = self.verb_key(tok)
                if key is None:
                    continue
                _, comp, relays = self.inner(tok, key, quotes, off)
                if comp is None or comp.lemma_.lower() not in self.lex.verb_type:
                    continue
                if relays and (outer := _speaker_head(tok)) is not None:
                    relay[comp.i] = outer
                elif not relays and not self.reports_anew(comp, quotes, off):
                    used_verbs.add(comp.i)

        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma in self.lex.count_giving_verbs and _is_verb(tok) and tok.i not in used_verbs:
                self.count_given(sent, tok, off)
                continue
            if lemma not in self.lex.verb_type or not _is_verb(tok) or tok.i in used_verbs:
                continue
            verb_key = self.verb_key(tok)
            if verb_key is None:
                continue
            vtype = self.lex.verb_type[lemma]
            dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            subjpass = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            goes_on, comp, relays = self.inner(tok, verb_key, quotes, off)
            going = {g.i for g in goes_on}
            if relays:
                continue  # the inner report is the claim (relay, filled before the loop)
            reported = comp is not None and comp.lemma_.lower() in self.lex.verb_type
            if reported and not self.reports_anew(comp, quotes, off):
                used_verbs.add(comp.i)  # it reports nothing of its own (see inner)
            head = _speaker_head(tok)
            if head is not None and head.pos_ == "PRON" and tok.i in relay:
                if self.speaker_from(relay[tok.i], off) not in (None, _NOT_A_SPEAKER):
                    head = relay[tok.i]  # else the pronoun is read as any ("We warn ..." the staff said)
            elif head is not None and head.pos_ == "PRON" and head.lower_ in self.lex.pronouns:
                head = self.outer_head(tok, head) or head
            speaker = self.speaker_from(head, off) if head is not None else None
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            if speaker is _NOT_A_SPEAKER and head is not None and head.head.i != tok.i:
                # "didnt say when the attack occurred and said ...": the subject of the clause it
                # was hung on is no speaker; the one of the clause above may be
                up = _speaker_head(head.head.head) if head.head.dep_ in ("advcl", "conj", "xcomp") else None
                alt = self.speaker_from(up, off) if up is not None else None
                if alt is not None and alt is not _NOT_A_SPEAKER:
                    head, speaker = up, alt
            if (
                speaker not in (None, _NOT_A_SPEAKER)
                and head is not None
                and head.dep_ == "nsubj"
                and head.i + 1 < tok.i
                and _counted(doc, head.i)
                and (alt := self.speaker_before(tok, off)) is not None
            ):
                # "... killed at least 27 people on Monday activists said": a count the parse made
                # the subject; the speaker stands right before the verb
                speaker = alt
            elif (
                speaker not in (None, _NOT_A_SPEAKER)
                and head is not None
                and head.dep_ == "nsubj"
                and _joined_across_clause(head, tok)
                and (alt := self.speaker_before(tok, off)) is not None
            ):
                # "countries that are not parties to the treaty that bans chemical weapons and
                # Western nations believe ...": the parse joined the speaker to a word of the clause
                # before; the speaker is the phrase right before the verb
                speaker = alt
            unsubjected = None  # the speaker before a finite verb the parse left without a subject
            if (
                head is not None
                and tok.dep_ == "advcl"
                and tok.tag_ in ("VBD", "VBZ", "VBP")
                and not subjects
                and not any(c.dep_ == "mark" for c in tok.children)
                and (alt := self.speaker_before(tok, off)) is not None
            ):
                # "Iran is among the states that ... and European governments believe it has ...":
                # a finite verb the parse left without its subject hangs on the clause before; its
                # speaker is the phrase right before it, not that clause's subject
                speaker = unsubjected = alt
            if tok.i in carried:
                speaker = carried[tok.i]  # "..., adding that ...": the statement's speaker goes on
            elif head is not None and head in subjects and len(subjects) > 1:
                speaker = self.other_subject(tok, head, speaker, subjects, off)
            elif (
                head is not None
                and head.dep_ == "nsubj"
                and head.pos_ != "PRON"
                and head.i < tok.i
                and speaker is not None
                and speaker is not _NOT_A_SPEAKER
                and speaker.start >= sent.start  # read here, not a name remembered from before
                and _attribution_tail(tok, self.lex)
                and not speaker.person
                and (clean := self.clean_speaker_before(tok, off)) is not None
                and (clean.start, clean.name) != (speaker.start, speaker.name)
                and _one_within(clean.name, speaker.name)
                and self.only_describes(doc, clean, speaker, off)
            ):
                # "... in the nearby town of al-Bulel the Observatory said", "... east of Dabiq the
                # Turkish army said": at the sentence's end a phrase that begins with its article
                # is the speaker, where the parse joined the report's last words to its subject
                if self.named and self.named[-1] is speaker:
                    self.named.pop()
                speaker = clean
                self.remember(clean)
            before = unsubjected
            finite = tok.tag_ in ("VBD", "VBZ", "VBP")
            inverted = None
            parsed_after = head is not None and head.i > tok.i and speaker not in (None, _NOT_A_SPEAKER)
            if finite and lemma in self.lex.inverting_verbs and tok.i not in carried and not parsed_after:
                # "... in the town of Ghandoura said the Syrian Observatory for Human Rights"
                if len(self.text[sent.start : tok.idx + off].strip(' "“”')) >= 12:
                    inverted = self.speaker_after(tok, off)
                    speaker = inverted or speaker
            if inverted is None and (speaker is None or speaker is _NOT_A_SPEAKER) and vtype == "neutral" and finite:
                # no subject, or a word of the report taken for one: the speaker may stand
                # right before the verb
                if head is None or head.dep_ != "nsubjpass":
                    before = self.speaker_before(tok, off)
                    speaker = before or speaker
            if speaker is _NOT_A_SPEAKER:
                continue
            if head is None and tok.dep_ in ("acl", "amod") and tok.tag_ == "VBG" and tok.i not in carried:
                continue  # "a resolution condemning the strike": a text, nobody speaking
            # content: a quotation outside the speaker phrase, a clausal complement, or an object
            content: tuple[int, int] | None = None
            accused: list[Mention] | None = None  # whom the verb accuses, when its object says
            quote = False
            v0 = tok.idx + off
            # a scare-quoted word or two ('as "meaningless"') is no quotation of the statement
            outside = [q for q in quotes if not (q[0] <= v0 < q[1]) and len(self.text[q[0] : q[1]].split()) >= 3]
            # '"..." the army said adding "..."': each verb its own quotation
            if goes_on:
                outside = [q for q in outside if q[0] < goes_on[0].idx + off]
            if tok.i in carried:
                outside = [q for q in outside if q[0] > v0]
            that_comp = _that_complement(tok)
            if (
                that_comp is not None
                and outside
                and all(q[1] < v0 for q in outside)
                and not goes_on
                and (head is None or head.i < tok.i)
            ):
                # '"..." Reports also said that ...': the verb says what its "that" clause holds;
                # the quotation before it goes on with the previous speaker's
                if (
                    outside[0][0] <= sent.start + 1
                    and self.last_any is not None
                    and prev is not None
                    and not self.attributed(outside[0][0], outside[-1][1])
                ):
                    self.add(sent, self.last_any, None, None, True, outside[0][0], outside[-1][1])
                outside, comp = [], that_comp
            if verb_key == "claim responsibility" and dobj is not None:
                toks = list(dobj.subtree)
                toks.extend(t for c in tok.children if c.dep_ == "prep" for t in c.subtree)
                content = _tok_span(toks, off)
            elif outside and (comp is None or any(q[0] <= comp.idx + off < q[1] for q in outside)):
                content = (outside[0][0], outside[-1][1])
                quote = True
            elif inverted is not None:
                content = (sent.start, v0)  # what stands before "said the Observatory"
            elif tok.i in carried:
                # "..., warning the death toll could rise": the rest of the sentence (the parse
                # often hangs part of it elsewhere)
                nxt = tok.i + 1
                while nxt < len(doc) and doc[nxt].dep_ == "prt" and doc[nxt].head.i == tok.i:
                    nxt += 1
                content = (doc[nxt].idx + off, sent.end) if nxt < len(doc) else None
            elif comp is not None:
                content = _tok_span(list(comp.subtree), off)
            elif (clause := _that_clause(tok, frozenset(t.i for g in goes_on for t in g.subtree))) is not None:
                content = _tok_span([t for t in clause.subtree if t.i > tok.i], off)
            elif (
                dobj is not None
                and lemma in self.lex.clause_verbs
                and dobj.pos_ in ("NOUN", "PROPN", "NUM")
                and dobj.left_edge.i == tok.i + 1
                # not after the report ("<report> a monitoring group said part of ...")
                and not (tok.dep_ == "conj" and tok.head.i < tok.i)
                and not any(c.dep_ in ("ccomp", "parataxis") and c.i < tok.i for c in tok.children)
            ):
                # "Tribal sources say the conflict between the tribe and IS flared after ...": a
                # verb that takes a clause has no noun object; the parse lost the clause's verb
                clause = [t for t in tok.subtree if t.i >= dobj.left_edge.i and not (t.is_punct and t.head.i == tok.i)]
                content = _tok_span(clause, off)
            elif dobj is not None and (vtype != "neutral" or lemma in self.lex.object_verbs):
                # "accused Y of Z", "denied the report that ...", "rejected claims that ..."
                toks = list(dobj.subtree)
                # "reported 12 dead in the strikes on the town": where and when belong to what is
                # reported, after the object of a verb whose object is the report
                reported = lemma in self.lex.object_verbs
                preps = _OBJECT_PREPS if reported else ("of", "for", "over")
                toks.extend(
                    t
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in preps and (c.i > dobj.i or not reported)
                    for t in c.subtree
                )
                content = _tok_span(toks, off)
                accused = self.accused_mentions(tok, dobj, off, speaker.actor if speaker else None)
            elif vtype != "neutral":
                prep = next((c for c in tok.children if c.dep_ == "prep"), None)
                if prep is not None:
                    content = _tok_span(list(prep.subtree), off)
            anaphoric = subjpass is not None and subjpass.lower_ in _ANAPHORIC
            if content is None and anaphoric and prev is not None:
                # "This was stated by X": the statement is the previous sentence
                used_verbs.add(tok.i)
                self.add(sent, speaker, tok.text, verb_key, False, prev.start, prev.end, ev_sentence=prev)
                continue
            if content is None and finite and (before is not None or tok.dep_ in ("ROOT", "conj")):
                # "... eastern Syria the Syrian Observatory for Human Rights (SOHR) said on Friday":
                # the parser took a word of the report for the subject; the speaker stands
                # right before the verb and the report is everything before it
                before = before or self.speaker_before(tok, off)
                if before is not None and before.start - sent.start >= 12:
                    speaker = before
                    content = (sent.start, before.start)
            ends_at_speaker = False  # the content ends where a sentence-final attribution begins
            if content is None and _attribution_tail(tok, self.lex):
                # "... in the air raids he added", "... in Deir Ezzor SANA news agency reported on
                # Tuesday", "... in the site the source told SANA reporter": the sentence ends with
                # its attribution, which the parse hung on a word of the report (a relative
                # clause, a clause on a noun, a complement); the report is all before the speaker
                trailing = self.trailing_speaker(sent, tok, head, speaker, off)
                if (
                    trailing is not None
                    and trailing[1] - sent.start >= 12
                    and not self.relayed(sent, trailing[1])
                ):
                    speaker, content = trailing[0], (sent.start, trailing[1])
                    ends_at_speaker = True
            if content is None and lemma == "say" and speaker is not None:
                # "..., the agency cited Shoigu as saying": the rest of the sentence is what was said
                top = _top_clause(tok)
                tcomp = next((c for c in top.children if c.dep_ in ("ccomp", "parataxis")), None)
                if tcomp is not None and top is not tok:
                    content = _tok_span(list(tcomp.subtree), off)
                elif top.dep_ != "ROOT":
                    c0, c1 = _tok_span(list(top.subtree), off)
                    content = (sent.start, c0) if c0 - sent.start >= sent.end - c1 else (c1, sent.end)
            if content is None:
                if speaker is not None and _ends_with_that(doc) and tok.i < len(doc) - 1:
                    self.dangling = (self.index, speaker)  # "The source told Asharq Al-Awsat that."
                continue
            if ends_at_speaker:
                pass
            elif speaker is not None and speaker.start <= content[0] < speaker.end:
                content = (speaker.end, content[1])
            elif (
                speaker is not None
                and not quote
                and content[0] < speaker.start < content[1] <= max(speaker.end, v0)
            ):
                content = _before_article(self.text, content[0], speaker.start)  # "... in Tabqa the Observatory said"
            elif (
                speaker is not None
                and not quote
                and content[0] <= sent.start + 1
                and content[1] < speaker.start < v0
            ):
                # "<report> <speaker> said" with the report's clause broken by the parse ("Ten
                # children were among | at least 48 people killed ... | a monitoring group said"):
                # the report runs up to the speaker (not its article)
                content = _before_article(self.text, content[0], speaker.start)
            if goes_on:
                # "said three strikes hit the town warning the toll could rise": the statement
                # stops where the participle that goes on with it begins; but "condemned the
                # attack saying ..." is one statement
                cut = min(_goes_on_start(g) for g in goes_on) + off
                if content[0] < cut < content[1] and len(self.text[content[0] : cut].strip()) >= 20:
                    content = (content[0], cut)
                elif content[0] < cut < content[1]:
                    used_verbs.update(g.i for g in goes_on)
                    goes_on = []
            # a participle or infinitive in the statement is part of it ("said it would continue to
            # insist"), unless it goes on with a statement of its own
            used_verbs.update(
                t.i for t in tok.subtree if t.dep_ in ("advcl", "xcomp") and t.i != tok.i and t.i not in going
            )
            if speaker is not None:
                carried.update((g.i, speaker) for g in goes_on)
            if not quote and not ends_at_speaker:
                content = self.before_relaying_tail(tok, content, off)
            if speaker is None and head is not None and head.pos_ == "PRON" and head.lower_ in _ONE_PERSON:
                self.unresolved.add(_strip(self.text, content[0], content[1]))
            self.add(sent, speaker, tok.text, verb_key, quote, content[0], content[1], accused=accused)


def _attribution_tail(verb: Any, lex: ClaimLexicon) -> bool:
    """Does the sentence end with ``verb``'s own attribution, nothing of the report after it ("...
    the source told SANA reporter.", "... SANA news agency reported on Tuesday.", "... he added in
    a statement.")? Only whom it was said to (after a verb of ``addressee_verbs``) and phrases of
    ``attribution_prepositions`` (when, how, where: "on Sunday", "by telephone") may follow, none
    with a verb of its own. The verb states (not an infinitive: "waiting for the inspectors to
    report before any action"; not a capitalised headline verb: "Militants Claimed in Syria"); on
    a noun it heads no relative clause of its own ("the figures that the ministry reported") and
    takes no object the noun could be ("an accusation the YPG has denied"): only a neutral verb."""
    doc = verb.doc
    tail = [t for t in doc[verb.i + 1 :] if not t.is_punct]
    if len(tail) > 8 or not _states_finitely(verb) or (verb.i > 0 and verb.text[:1].isupper()):
        return False
    if any(c.tag_ in ("WDT", "WP") or c.lower_ in ("that", "which", "who", "whom") for c in verb.children):
        return False
    if verb.dep_ == "relcl" and lex.verb_type.get(verb.lemma_.lower()) != "neutral":
        return False
    addressee = verb.lemma_.lower() in lex.addressee_verbs
    allowed = {
        t.i
        for c in verb.children
        if c.i > verb.i
        and (
            (c.dep_ in ("prep", "agent") and c.lower_ in lex.attribution_prepositions)
            or c.dep_ in ("npadvmod", "advmod", "prt", "dative")
            or (addressee and c.dep_ == "dobj")
        )
        for t in c.subtree
    }
    return all((t.i in allowed or t.ent_type_ in ("DATE", "TIME")) and not _is_verb(t) for t in tail)


def _states_finitely(verb: Any) -> bool:
    """A verb in a tense, not an infinitive or participle ("said", "has reported"); also a past
    form the tagger read as a participle where no passive auxiliary makes it one ("... SANA news
    agency reported on Tuesday", hung on a noun)."""
    if verb.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in verb.children)


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    """The common nouns that name a kind of place (data/place_cues.json: "town", "district",
    "province", "countryside")."""
    from crosswire.settings import merged_json

    cues = merged_json("place_cues.json")
    keys = ("settlement_nouns", "subdivision_nouns", "region_after", "province_after")
    return frozenset(w.lower() for k in keys for w in cues.get(k, []) if isinstance(w, str))


def _place_noun(tok: Any) -> bool:
    """Is ``tok`` a noun of a kind of place ("town" of "in Jayrud town rebels")?"""
    return tok.lower_ in _place_nouns() or tok.lemma_.lower() in _place_nouns()


def _one_within(a: str, b: str) -> bool:
    """Is one name inside the other ("Observatory", "the Britain-based Observatory"), case aside?"""
    return a.casefold() in b.casefold() or b.casefold() in a.casefold()


def _phrase_stop(verb: Any) -> int:
    """Where a speaker phrase before ``verb`` ends: before the verb, its adverbs ("Reports also
    said") and when it was said ("US officials on Wednesday said")."""
    doc = verb.doc
    stop = verb.i
    while stop > 0 and doc[stop - 1].dep_ == "advmod" and doc[stop - 1].head.i == verb.i:
        stop -= 1
    while stop > 0 and doc[stop - 1].ent_type_ in ("DATE", "TIME"):
        stop -= 1
    if stop < verb.i and stop > 0 and doc[stop - 1].lower_ in ("on", "late", "early", "in"):
        stop -= 1
    return stop


def _goes_on_start(verb: Any) -> int:
    """Where the statement that goes on with another begins (a character offset in its doc): its
    verb's phrase, from the conjunction before it ("... and warned that ...")."""
    start = min(t.idx for t in verb.subtree if t.i >= verb.i - 1)
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.dep_ == "cc" and before.head.i != verb.i:
        start = min(start, before.idx)  # the conjunction hangs on the verb it joins this one to
    return int(start)


def _ends_with_that(doc: Any) -> bool:
    """Does the sentence end with "that" (its period aside): "The source told Asharq Al-Awsat
    that." -- the scrape split the report from what it says?"""
    words = [t for t in doc if not t.is_punct]
    return bool(words) and words[-1].lower_ == "that"


_ENDS_WITH_THAT = re.compile(r"\bthat\W*$", re.I)


def _opens_first_person(text: str, lex: ClaimLexicon) -> bool:
    """Does the sentence begin with a word of the first person ("We", "I", "Our"; data
    ``first_person_words``), capitalised as a sentence's first word?"""
    first = re.match(r"\s*([A-Z][a-z]*)\b", text)
    return bool(first and first.group(1).lower() in lex.first_person_words and len(text.strip()) >= 12)


def _bare_infinitive(verb: Any) -> bool:
    """ "difficult to estimate", "a chance to say": an infinitive on an adjective or a noun, with
    no subject of its own: nobody states anything."""
    return bool(
        verb.tag_ == "VB"
        and verb.head.i != verb.i
        and verb.head.pos_ in ("ADJ", "NOUN")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
    )


def _that_complement(verb: Any) -> Any | None:
    """The clause after ``verb`` that "that" introduces ("also said on Thursday that ...")."""
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )


def _joined_across_clause(head: Any, verb: Any) -> bool:
    """Does the subject phrase of ``verb`` end in a conjunct the parse hung on a word inside a
    relative clause of the phrase ("parties to the treaty that bans chemical weapons and Western
    nations believe")? Then the last conjunct is the speaker, the rest the clause before."""
    if verb.i == 0:
        return False
    last = head.doc[verb.i - 1]
    if last.dep_ != "conj" or last.i <= head.i or not any(t.i == last.i for t in head.subtree):
        return False
    cur = last.head
    for _ in range(32):
        if cur.i == head.i or cur.head.i == cur.i:
            return False
        if cur.dep_ == "relcl":
            # "the Observatory which relies on activists and medics said": a clause on the speaker
            # itself describes it
            return cur.head.i != head.i
        cur = cur.head
    return False


def _before_article(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without an article it ends with ("... in Tabqa the" before the speaker)."""
    art = re.search(r"\s(?:the|a|an)\s*$", text[start:end], re.I)
    return (start, start + art.start()) if art else (start, end)


def _sentences(annotated: AnnotatedStory) -> tuple[Sentence, ...]:
    if annotated.sentences:
        return annotated.sentences
    text = annotated.story.text
    out = []
    for m in re.finditer(r"[^\n.!?]+(?:[.!?]+[\"”’]?|$)", text):
        if m.group(0).strip():
            out.append(Sentence(m.start(), m.end(), m.group(0)))
    return tuple(out)


def extract_claims(annotated: AnnotatedStory, docs: Mapping[int, Any] | None = None) -> list[Claim]:
    """Every attributed (or explicitly unattributed) statement in one story, its title included.

    ``docs`` maps a sentence index to its parsed spaCy ``Doc`` (of the sentence
    text) or ``Span`` (of a story-wide doc) when the caller already parsed it;
    other sentences that need a parse (:func:`needs_parse`) are parsed here, in one batch.
    The claims of a title the text does not repeat follow those of the text (see :func:`title_claims`).
    """
    return [*_claims_of(annotated, docs), *title_claims(annotated.story)]


def _squashed(text: str) -> str:
    return " ".join(text.split()).casefold()


def title_claims(story: Story) -> list[Claim]:
    """The claims of a story's title ("Syrian opposition: 1300 killed in chemical attack"), their
    evidence spans offsets into ``Story.title`` (``Evidence.part == "title"``).

    A record's title (a CSV column, an HTML page's <title>) is not part of ``Story.text``, whose
    offsets every other evidence holds, so the title is read as a one-sentence story of its own
    and its spans say which text they index. A title the text repeats (a page whose headline
    line the cleaner kept) gives nothing here: its claims are the text's already.
    """
    title = (story.title or "").strip()
    if not title or _squashed(title) in _squashed(story.text):
        return []
    head = dataclasses.replace(story, text=title)
    annotated = AnnotatedStory(story=head, sentences=(Sentence(0, len(title), title),))
    return _claims_of(annotated, None, part="title")


def _claims_of(annotated: AnnotatedStory, docs: Mapping[int, Any] | None, part: str = "text") -> list[Claim]:
    """The claims of ``annotated.story.text``, which is the story field ``part`` (Evidence.part)."""
    lex = _lexicon()
    sentences = _sentences(annotated)
    if docs is None and annotated.docs:
        docs = dict(zip(annotated.candidates, annotated.docs, strict=False))
    wanted = [
        i
        for i, s in enumerate(sentences)
        if is_candidate(s.text)
        or _opens_first_person(s.text, lex)
        or (i > 0 and _ENDS_WITH_THAT.search(sentences[i - 1].text) is not None)  # what "told X that." says
    ]
    parsed: dict[int, Any] = {}
    todo: list[int] = []
    for i in wanted:
        if docs is not None and i in docs:
            parsed[i] = docs[i]
        elif needs_parse(sentences[i].text):
            todo.append(i)
    if todo:
        for i, doc in zip(todo, _nlp().pipe(sentences[i].text for i in todo), strict=True):
            parsed[i] = doc
    state = _StoryClaims(annotated, lex, _actor_finder(), part)
    for i in wanted:
        doc = parsed.get(i)
        sent = sentences[i]
        # token.idx is relative to the Doc; a Span of a story doc starts at its own char offset
        off = sent.start - int(getattr(doc, "start_char", 0))
        state.sentence(i, sent, doc, off, sentences[i - 1] if i > 0 else None, parsed.get(i - 1))
    return state.claims


def claims_for(annotated: Iterable[AnnotatedStory]) -> list[Claim]:
    """Claims of several stories (convenience for tests and benchmarks)."""
    out: list[Claim] = []
    for a in annotated:
        out.extend(extract_claims(a))
    return out
