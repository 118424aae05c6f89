"""Annotation: sentences, a cheap candidate filter, parses of the candidates only, and mentions.

The expensive part of extraction is spaCy's full pipeline (tagger, parser, NER). Many sentences
of a news story report no event and no casualty figure, so ``annotate`` splits sentences with a
fast rule-based splitter, keeps the *candidate* sentences (an event the regex classifier of
:mod:`crosswire.extract.classify` finds, a casualty cue, or a reporting verb / "according to"
that only a parse can attribute, see :func:`is_candidate`) and runs the full pipeline over those
sentences only, in batches across stories. Gazetteer and actor-alias mentions are found over
the whole text (they are dictionary look-ups, cheap).

spaCy is loaded once per process (:func:`nlp`); its attribute ruler is applied by
:class:`AttributeRules` (the same annotations without the general Matcher, :func:`run_pipeline`),
and its matrix products go through numpy's BLAS on one thread rather than blis
(:func:`_numpy_blas`).
"""

from __future__ import annotations

import contextlib
import functools
import operator
import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from crosswire.errors import CrosswireError
from crosswire.extract import fatalities
from crosswire.models import AnnotatedStory, Mention, Sentence, Story
from crosswire.patterns import first_char_alternation
from crosswire.settings import DEFAULT, Settings

#: NER labels kept as mentions (places, organisations, groups, people, dates)
NER_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "DATE"})

_ABBREV = frozenset(
    """mr mrs ms dr prof gen col lt maj capt sgt st no vs etc jr sr rep sen gov brig adm cmdr
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e a.m p.m approx est dept""".split()
)
# a sentence ends at . ! ? (optionally closed by quotes/brackets) followed by space and a capital,
# digit or opening quote; or at a blank line / a line break between short lines (headings)
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[•\-*]\s)|\n")


def nlp(model: str = DEFAULT.spacy_model) -> Any:
    """The spaCy pipeline, loaded once per process (CW301 if it cannot be)."""
    return _load(model)


@functools.cache
def _load(model: str) -> Any:
    # keyed by the name alone: nlp() and nlp(settings.spacy_model) are the same pipeline
    try:
        import spacy

        # a thinc layer keeps the ops current when it was built: the choice is made at load
        with _numpy_blas() as chosen:
            pipeline = spacy.load(model)
        pipeline.meta.setdefault("crosswire", {})["blas"] = chosen
        return pipeline
    except (OSError, ImportError, ValueError) as exc:
        raise CrosswireError(f"cannot load spaCy model {model!r}: {exc}", "CW301") from exc


#: numpy BLAS libraries (threadpoolctl's ``internal_api``) tuned enough to replace blis
_TUNED_BLAS = frozenset({"openblas", "mkl"})


@contextlib.contextmanager
def _numpy_blas() -> Iterator[str]:
    """Build spaCy's layers on thinc's NumpyOps without blis, i.e. numpy's own BLAS, when numpy
    has a tuned one (OpenBLAS in numpy's wheels, MKL) and thinc would use its CPU ops anyway
    (not a GPU, not Apple's ops). Yields which: ``"numpy"`` or ``"blis"``.

    Why: with that BLAS held to one thread (:func:`_one_blas_thread`), spaCy's pipeline runs
    about a quarter faster than with blis on this project's machines (``bench/throughput.py
    --extraction``: ``plain_spacy_seconds`` against ``plain_spacy_crosswire_blas_seconds``), and
    the extraction of FA-KES dev is byte-identical. The price: a Doc's tensor differs from blis's
    in the sixth decimal, and, unlike blis's, it depends that little on the other texts of the
    batch (the order a product is summed in follows the matrix's shape); no tag, parse, lemma or
    entity of FA-KES dev's 4,138 candidate sentences changed with it.
    """
    from thinc.api import NumpyOps, get_current_ops, use_ops

    current = get_current_ops()
    if type(current) is not NumpyOps or not getattr(current, "use_blis", False) or not _tuned_blas():
        yield "blis" if getattr(current, "use_blis", False) else type(current).__name__
        return
    with use_ops("numpy", use_blis=False):
        yield "numpy"


def _tuned_blas() -> bool:
    from threadpoolctl import threadpool_info

    return any(i.get("user_api") == "blas" and i.get("internal_api") in _TUNED_BLAS for i in threadpool_info())


def _one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """numpy's BLAS on one thread while spaCy runs: its matrices are small (a batch of tokens
    by 96 or 64 columns), so a second thread costs more in hand-over than it computes, and a
    process of a cluster's worker pool must not take the other workers' cores."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


# --- spaCy's attribute ruler without its Matcher ------------------------------------------------

#: token attributes the ruler's patterns may test, by Matcher key
_RULE_KEYS = {"TAG": "tag_", "LOWER": "lower_", "ORTH": "orth_", "DEP": "dep_", "IS_SPACE": "is_space"}
_RULE_VALUES = operator.attrgetter(*_RULE_KEYS.values())  # a token -> those attributes' values
_RULE_INDEX = {attr: k for k, attr in enumerate(_RULE_KEYS.values())}  # attribute -> its place there

_Test = tuple[str, str, Any]  # (token attribute, operator, value)


class AttributeRules:
    """spaCy's ``attribute_ruler`` (tag map and exceptions: POS, MORPH, LEMMA from TAG, word, DEP)
    applied with dictionary look-ups instead of its general Matcher, with the same result.

    The Matcher tries all of the model's ~180 patterns at every token and is a sixth of the
    pipeline's time; these patterns are fixed-length token tests (equal, IN, NOT_IN, REGEX) on
    five attributes, so which rules a token starts is decided once per combination of the
    five values it has (a handful of tags and words recur) and remembered; only a multi-token
    rule's later tokens are tested one by one. The rules are applied in the ruler's own
    order (a later rule overrides an earlier one) through spaCy's own ``set_token_attrs``. A
    ruler with any other kind of pattern is not compiled (:meth:`compile` returns None) and runs
    itself.
    """

    def __init__(self, ruler: Any, rules: list[tuple[int, list[list[_Test]], int]]) -> None:
        self.ruler = ruler
        # each rule under the values its first token needs: (tag, word), tag, word, or none
        self.by_pair: dict[tuple[str, str], list[tuple[int, list[list[_Test]], int]]] = {}
        self.by_tag: dict[str, list[tuple[int, list[list[_Test]], int]]] = {}
        self.by_lower: dict[str, list[tuple[int, list[list[_Test]], int]]] = {}
        self.any_token: list[tuple[int, list[list[_Test]], int]] = []
        for rule in rules:
            first = rule[1][0]
            tags = _values(first, "tag_")
            lowers = _values(first, "lower_")
            if tags is not None and lowers is not None:
                for t in tags:
                    for w in lowers:
                        self.by_pair.setdefault((t, w), []).append(rule)
            elif tags is not None:
                for t in tags:
                    self.by_tag.setdefault(t, []).append(rule)
            elif lowers is not None:
                for w in lowers:
                    self.by_lower.setdefault(w, []).append(rule)
            else:
                self.any_token.append(rule)
        self._plans: dict[tuple[Any, ...], tuple[tuple[int, list[list[_Test]], int], ...]] = {}

    @classmethod
    def compile(cls, ruler: Any) -> AttributeRules | None:
        rules: list[tuple[int, list[list[_Test]], int]] = []
        for k, p in enumerate(ruler.patterns):
            for pattern in p["patterns"]:
                tokens: list[list[_Test]] = []
                for spec in pattern:
                    tests: list[_Test] = []
                    for key, value in spec.items():
                        if key not in _RULE_KEYS:
                            return None
                        attr = _RULE_KEYS[key]
                        if isinstance(value, (str, bool)):
                            tests.append((attr, "==", value))
                        elif isinstance(value, dict) and len(value) == 1:
                            ((op, arg),) = value.items()
                            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                                tests.append((attr, op, frozenset(arg)))
                            elif op == "REGEX" and isinstance(arg, str):
                                tests.append((attr, op, re.compile(arg)))
                            else:
                                return None
                        else:
                            return None
                    tokens.append(tests)
                if not tokens:
                    return None
                rules.append((k, tokens, int(p.get("index", 0))))
        return cls(ruler, rules)

    def _plan(self, values: tuple[Any, ...]) -> tuple[tuple[int, list[list[_Test]], int], ...]:
        """The rules whose first token a token with these attribute values (:data:`_RULE_KEYS`
        order) matches, remembered per combination of values."""
        plan = self._plans.get(values)
        if plan is not None:
            return plan
        known = dict(zip(_RULE_KEYS.values(), values, strict=True))
        tag, lower = known["tag_"], known["lower_"]
        out = []
        for k, tokens, index in (
            *self.by_pair.get((tag, lower), ()),
            *self.by_tag.get(tag, ()),
            *self.by_lower.get(lower, ()),
            *self.any_token,
        ):
            if all(_holds(known[a], op, arg) for a, op, arg in tokens[0]):
                out.append((k, tokens, index))
        plan = self._plans[values] = tuple(out)
        return plan

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        toks = list(doc)
        n = len(toks)
        values = [_RULE_VALUES(t) for t in toks]
        plans = self._plans

        def holds(i: int, tests: list[_Test]) -> bool:
            return all(_holds(values[i][_RULE_INDEX[attr]], op, arg) for attr, op, arg in tests)

        found: list[tuple[int, int, int]] = []  # (rule, start, target token)
        for i in range(n):
            for k, tokens, index in plans.get(values[i]) or self._plan(values[i]):
                if len(tokens) > 1 and (
                    i + len(tokens) > n or not all(holds(i + j, tests) for j, tests in enumerate(tokens) if j)
                ):
                    continue
                target = i + index if index >= 0 else i + len(tokens) + index
                found.append((k, i, target))
        # the ruler sorts its matches by rule: a later rule's attributes override an earlier one's
        found.sort()
        for k, _start, target in found:
            set_token_attrs(toks[target], self.ruler.attrs[k])
        return doc


def _holds(value: Any, op: str, arg: Any) -> bool:
    if op == "==":
        return bool(value == arg)
    if op == "IN":
        return value in arg
    if op == "NOT_IN":
        return value not in arg
    return arg.search(value) is not None


def _values(tests: list[_Test], attr: str) -> frozenset[str] | None:
    """The values a token's ``attr`` must take for ``tests`` to hold (None: not one of them)."""
    for a, op, v in tests:
        if a == attr and op == "==":
            return frozenset({v})
        if a == attr and op == "IN":
            return frozenset(v)
    return None


#: each Doc's text, once worked out (:func:`doc_text`); a Doc's text never changes
_DOC_TEXTS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Any) -> str:
    """``doc.text``, remembered per Doc: spaCy joins it anew from the tokens at every access
    (about a microsecond per token), and extraction asks for it per event, figure and speaker."""
    text = _DOC_TEXTS.get(doc)
    if text is None:
        text = _DOC_TEXTS[doc] = doc.text
    return text


#: each Doc's lemmas, once read (:func:`doc_lemmas`)
_DOC_LEMMAS: weakref.WeakKeyDictionary[Any, tuple[str, ...]] = weakref.WeakKeyDictionary()


def doc_lemmas(doc: Any) -> tuple[str, ...]:
    """The lemma of each token of ``doc``, read once per Doc: the role rules look for a few verbs
    in the whole sentence for every event hit, and a Token's ``lemma_`` is a look-up each time."""
    lemmas = _DOC_LEMMAS.get(doc)
    if lemmas is None:
        lemmas = _DOC_LEMMAS[doc] = tuple(t.lemma_ for t in doc)
    return lemmas


def run_pipeline(model: Any, texts: Sequence[str], batch_size: int = 256) -> list[Any]:
    """``model.pipe(texts)``, the same components in the same order, with the attribute ruler
    applied by :class:`AttributeRules` and the rule lemmatizer's answers remembered per word,
    POS and morphology (:func:`_lemmatize`): same annotations, a fraction of the time."""
    docs = [model.make_doc(t) for t in texts]
    for doc, text in zip(docs, texts, strict=True):
        _DOC_TEXTS[doc] = text  # the tokenizer keeps every character: the Doc's text is the input
    with _one_blas_thread():
        return _run_components(model, docs, batch_size)


def _run_components(model: Any, docs: list[Any], batch_size: int) -> list[Any]:
    for name, proc in model.pipeline:
        rules = _rules(model, name)
        if rules is not None:
            docs = [rules(d) for d in docs]
        elif _is_rule_lemmatizer(proc) and docs:
            docs = _lemmatize(proc, docs)
        elif hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(d) for d in docs]
    return docs


def _is_rule_lemmatizer(proc: Any) -> bool:
    from spacy.pipeline import Lemmatizer

    return isinstance(proc, Lemmatizer) and type(proc).__call__ is Lemmatizer.__call__ and proc.mode == "rule"


def _lemmatize(proc: Any, docs: list[Any]) -> list[Any]:
    """spaCy's rule lemmatizer over ``docs``, each answer remembered by the key spaCy's own
    cache uses (word, POS, morphology): that cache skips the words it returns early for (base
    forms, most of a text), so they are worked out again at every occurrence."""
    docs[0] = proc(docs[0])  # the component itself first: it checks its tables
    memo: dict[tuple[int, int, int], str] = {}
    for doc in docs[1:]:
        for tok in doc:
            if proc.overwrite or tok.lemma == 0:
                key = (tok.orth, tok.pos, tok.morph.key)
                lemma = memo.get(key)
                if lemma is None:
                    lemma = memo[key] = proc.lemmatize(tok)[0]
                tok.lemma_ = lemma
    return docs


_RULES: dict[tuple[int, str], AttributeRules | None] = {}


def _rules(model: Any, name: str) -> AttributeRules | None:
    proc = model.get_pipe(name)
    if type(proc).__name__ != "AttributeRuler":
        return None
    key = (id(proc), name)
    if key not in _RULES:
        _RULES[key] = AttributeRules.compile(proc)
    return _RULES[key]


def split_sentences(text: str) -> list[Sentence]:
    """Rule-based sentence split with offsets into ``text`` (paragraph and line breaks end one too)."""
    out: list[Sentence] = []
    for block in _blocks(text):
        bstart, btext = block
        pos = 0
        for m in _END.finditer(btext):
            word = re.search(r"([\w.]+)[.!?]*[\"'”’)\]]*$", btext[pos : m.end()])
            if m.group().startswith(".") and word is not None:
                w = word.group(1).rstrip(".").lower()
                # abbreviations and initials ("Gen.", "U.S.", "J.") do not end a sentence
                if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                    continue
            _add(out, text, bstart + pos, bstart + m.end())
            pos = m.end()
        _add(out, text, bstart + pos, bstart + len(btext))
    return out


def _blocks(text: str) -> Iterable[tuple[int, str]]:
    pos = 0
    for m in _BREAK.finditer(text):
        yield pos, text[pos : m.start()]
        pos = m.end()
    yield pos, text[pos:]


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        out.append(Sentence(start, end, text[start:end]))


@functools.cache
def _cue_pattern() -> re.Pattern[str]:
    t = fatalities.terms()
    words = sorted(t.kill | t.injure | t.loss_cues, key=lambda w: (-len(w), w))
    alternation = first_char_alternation([(w[:1], re.escape(w)) for w in words])
    return re.compile(r"\b(?:" + alternation + r")\b", re.I)


def is_candidate(text: str) -> bool:
    """Does the sentence need a parse? An event the classifier finds, a casualty cue, or a claim
    that only a parse can attribute (a reporting verb, "according to").

    The classifier is regular expressions only and remembers its answer, so extraction does not
    classify the sentence again; a quotation or an unattributed report alone needs no parse.
    """
    from crosswire.extract import claims, classify

    return bool(_cue_pattern().search(text)) or claims.needs_parse(text) or bool(classify.classify_sentence(text))


def annotate(
    stories: Sequence[Story], settings: Settings = DEFAULT, batch_size: int = 256
) -> list[AnnotatedStory]:
    """Sentences, candidates, parses of the candidates and mentions for each story, in order.

    A sentence repeated in the batch (syndicated wire copy, a story ingested twice) is parsed
    once and its repeats get a copy of that parse: spaCy annotates a text the same whatever else
    is in the batch (checked on FA-KES dev's 4,103 candidate sentences, 307 of them repeats).
    """
    model = nlp(settings.spacy_model)
    splits = [split_sentences(s.text) for s in stories]
    cands = [tuple(i for i, sent in enumerate(sents) if is_candidate(sent.text)) for sents in splits]
    texts = [splits[k][i].text for k, idx in enumerate(cands) for i in idx]
    docs = _parse_once(model, texts, batch_size)
    out: list[AnnotatedStory] = []
    pos = 0
    for story, sents, idx in zip(stories, splits, cands, strict=True):
        story_docs = tuple(docs[pos : pos + len(idx)])
        pos += len(idx)
        ner: list[Mention] = []
        for i, doc in zip(idx, story_docs, strict=True):
            base = sents[i].start
            for ent in doc.ents:
                if ent.label_ in NER_LABELS:
                    ner.append(Mention(base + ent.start_char, base + ent.end_char, ent.text, ent.label_))
        actors = _actors(story.text)
        mentions = [*ner, *_places(story.text, ner, actors), *actors]
        mentions.sort(key=lambda m: (m.start, -m.end, m.label))
        out.append(AnnotatedStory(story, tuple(sents), tuple(mentions), idx, story_docs))
    return out


def _parse_once(model: Any, texts: Sequence[str], batch_size: int) -> list[Any]:
    """:func:`run_pipeline` over the distinct texts; each repeat gets its own copy of the Doc."""
    distinct = list(dict.fromkeys(texts))
    parsed = dict(zip(distinct, run_pipeline(model, distinct, batch_size), strict=True))
    seen: set[str] = set()
    out = []
    for t in texts:
        out.append(parsed[t].copy() if t in seen else parsed[t])
        seen.add(t)
    return out


def _places(text: str, ner: Sequence[Mention], actors: Sequence[Mention]) -> list[Mention]:
    from crosswire import geocode

    # the actors' names veto the place words inside them ("Hayat" of "Hayat Tahrir al-Sham")
    return list(geocode.find_place_mentions(text, 0, ner=tuple(ner), actors=tuple(actors)))


def _actors(text: str) -> list[Mention]:
    from crosswire.extract import actors

    found = actors.find_actor_mentions(text, 0)
    # "the government", "the army" are those of the state the story has named (actors' docstring)
    return [*found, *actors.find_state_references(text, found)]
