"""Annotation: sentences, a cheap candidate filter, parses of the candidates only, and mentions.

The expensive part of extraction is spaCy's full pipeline (tagger, parser, NER). Most sentences
of a news story report no event and no casualty figure, so ``annotate`` splits sentences with a
fast rule-based splitter, keeps the *candidate* sentences (those that pass the event-trigger
pre-filter of :mod:`crosswire.extract.classify` or carry a casualty or claim cue) and runs the
full pipeline over those sentences only, in batches across stories. Gazetteer and actor-alias
mentions are found over the whole text (they are dictionary look-ups, cheap).

spaCy is loaded once per process (:func:`nlp`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from crosswire.errors import CrosswireError
from crosswire.extract import fatalities
from crosswire.models import AnnotatedStory, Mention, Sentence, Story
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


@functools.cache
def nlp(model: str = DEFAULT.spacy_model) -> Any:
    """The spaCy pipeline, loaded once per process (CW301 if it cannot be)."""
    try:
        import spacy

        return spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        raise CrosswireError(f"cannot load spaCy model {model!r}: {exc}", "CW301") from exc


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
    words = sorted(t.kill | t.injure, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


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
    """Sentences, candidates, parses of the candidates and mentions for each story, in order."""
    model = nlp(settings.spacy_model)
    splits = [split_sentences(s.text) for s in stories]
    cands = [tuple(i for i, sent in enumerate(sents) if is_candidate(sent.text)) for sents in splits]
    texts = [splits[k][i].text for k, idx in enumerate(cands) for i in idx]
    docs = list(model.pipe(texts, batch_size=batch_size))
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
        mentions = [*ner, *_places(story.text, ner), *_actors(story.text)]
        mentions.sort(key=lambda m: (m.start, -m.end, m.label))
        out.append(AnnotatedStory(story, tuple(sents), tuple(mentions), idx, story_docs))
    return out


def _places(text: str, ner: Sequence[Mention]) -> list[Mention]:
    from crosswire import geocode

    return list(geocode.find_place_mentions(text, 0, ner=tuple(ner)))


def _actors(text: str) -> list[Mention]:
    from crosswire.extract import actors

    return list(actors.find_actor_mentions(text, 0))
