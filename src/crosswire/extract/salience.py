"""Salience: which reported events are not a story's main event, whatever their position.

Two news conventions put another event before the main one:

* a photo caption pasted into the text ("A man carries a child at the scene of an air strike in
  Idlib on September 10 2016.", "... on Monday (AFP photo)"): present tense, closed by the
  picture's full date or a photo credit;
* an earlier event given as a reference point ("... just hours after a chemical attack in Khan
  Sheikhun", "days after the bombing of ..."): it happened, but it is not what the story reports;
  so is one a sentence opens by recalling ("Recently on October 13 ...", "Last month ...").

The cues are data (``data/salience_cues.json``). A caption tells what a picture shows, often an
earlier or unrelated scene: :func:`crosswire.extract.extract` makes no event of it unless the
story's own text reports that event too (the caption then joins it as evidence).
:func:`crosswire.extract.main_event` passes over an earlier event when the story has another;
:func:`segment` also tells the geocoder where a caption ends inside a sentence that the splitter
left whole.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from crosswire.clean import find_date
from crosswire.errors import DataFileError
from crosswire.settings import merged_json


@dataclass(frozen=True)
class SalienceCues:
    credit_marks: tuple[re.Pattern[str], ...]
    caption_verbs: re.Pattern[str]
    caption_verb_window: int
    earlier_event_before: tuple[re.Pattern[str], ...]
    recalled_opening: tuple[re.Pattern[str], ...] = ()
    caption_openings: tuple[re.Pattern[str], ...] = ()
    caption_label_before: re.Pattern[str] | None = None
    related_marker: re.Pattern[str] | None = None
    headline_run_end: re.Pattern[str] | None = None
    headline_small_words: frozenset[str] = frozenset()
    headline_run_min_words: int = 6


@functools.cache
def cues() -> SalienceCues:
    """The merged cues (bundled file first, then the user's, key by key)."""
    merged = merged_json("salience_cues.json")
    try:
        verbs = sorted((str(v) for v in merged["caption_verbs"]), key=len, reverse=True)
        return SalienceCues(
            credit_marks=tuple(re.compile(str(p)) for p in merged["credit_marks"]),
            caption_verbs=re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b"),
            caption_verb_window=int(str(merged.get("caption_verb_window", 15))),
            earlier_event_before=tuple(
                re.compile(str(p), re.I) for p in merged["earlier_event_before"]
            ),
            recalled_opening=tuple(
                re.compile(str(p), re.I) for p in merged.get("recalled_event_opening", [])
            ),
            caption_openings=tuple(re.compile(str(p)) for p in merged.get("caption_openings", [])),
            caption_label_before=(
                re.compile(str(merged["caption_label_before"]), re.I)
                if merged.get("caption_label_before")
                else None
            ),
            related_marker=_optional(merged, "related_marker", 0),
            headline_run_end=_optional(merged, "headline_run_end", 0),
            headline_small_words=frozenset(str(w).lower() for w in merged.get("headline_small_words", [])),
            headline_run_min_words=int(str(merged.get("headline_run_min_words", 6))),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"salience_cues.json: {exc}", "CW303") from exc


def _optional(merged: dict[str, object], key: str, flags: int) -> re.Pattern[str] | None:
    value = merged.get(key)
    return re.compile(str(value), flags) if value else None


#: a word of a headline list: letters (with the apostrophes, hyphens and dots of names) or a number
_HEADLINE_WORD = re.compile(r"[^\W_][\w'’.&-]*")


def headline_runs(text: str) -> list[tuple[int, int]]:
    """The related-articles lists glued into ``text`` (a page flattened to one paragraph):
    "... 440 Related US-Led Coalition Destroys 22 Daesh Positions Near Syrias Manbij Syrian
    Arab Coalition Moves Toward Center of Manbij Tags ...", as (start, end) spans.

    A list opens with its label (``related_marker``) and runs on over headline words: capitalised
    or numbers, small words ("of", "near") between them, and one lower-case word at a time for
    names ("Deir ez-Zor", "al-Tabqa"); it ends at a word of ``headline_run_end`` ("Tags"), at
    two lower-case words in a row (prose) or at a sentence's full stop. Headlines tell other
    stories; the list is no part of this one. A list told in sentence case ("Related Syrias
    Assad says ...") cannot be told from the lede after it and is not found.
    """
    c = cues()
    if c.related_marker is None:
        return []
    spans: list[tuple[int, int]] = []
    for m in c.related_marker.finditer(text):
        end, capitals, lower = m.end(), 0, 0
        for w in _HEADLINE_WORD.finditer(text, m.end()):
            word = w.group(0)
            if c.headline_run_end is not None and c.headline_run_end.match(word):
                break
            if word.lower() in c.headline_small_words:
                continue
            if word[0].isupper() or word[0].isdigit():
                capitals, lower, end = capitals + 1, 0, w.end()
            else:
                lower += 1
                if lower > 1:
                    break
            if "." in text[w.end() : w.end() + 1] and not word[-1:].isupper():
                break  # a full stop closes the run ("... in Manbij. The army ...")
        if capitals >= c.headline_run_min_words:
            spans.append((m.start(), end))
    return spans


def credit_spans(text: str) -> list[tuple[int, int]]:
    """Photo credits and agency tags in ``text`` ("(AFP photo)", "(TRT World and Agencies)")."""
    return sorted((m.start(), m.end()) for rx in cues().credit_marks for m in rx.finditer(text))


def segment(text: str, pos: int) -> tuple[int, int]:
    """The stretch of ``text`` around ``pos`` between photo credits (the whole text when none)."""
    start, end = 0, len(text)
    for s, e in credit_spans(text):
        if e <= pos:
            start = max(start, e)
        elif s > pos:
            end = min(end, s)
            break
    return start, end


def is_caption(sentence: str, pos: int) -> bool:
    """Is the stretch of ``sentence`` holding offset ``pos`` a photo caption?

    A caption narrates in the present tense ("walks", "inspect", "is seen") within its first
    words and closes with the picture's full date or a photo credit; or it opens as one, in any
    tense ("File photo shows ...", "Caption: ...", "A picture taken on July 29 shows ...").
    """
    c = cues()
    s, e = segment(sentence, pos)
    seg = sentence[s:e]
    if any(rx.search(seg) for rx in c.caption_openings):
        return True
    if not c.caption_verbs.search(" ".join(seg.split()[: c.caption_verb_window])):
        return False
    if e < len(sentence):
        return True  # a photo credit closes it
    tail = seg.rstrip(" .)\"'")[-24:]
    last = find_date(tail)
    return last is not None and last[2] >= len(tail) - 1


def labelled_caption(before: str) -> bool:
    """Does the text just before a sentence label it a caption ("Caption:" on the line above,
    as scraped pages keep the picture's text)?"""
    rx = cues().caption_label_before
    return rx is not None and rx.search(before) is not None


def is_recalled(sentence: str) -> bool:
    """Does the sentence open by recalling an earlier event ("Recently on October 13 ...",
    "Last month ...")? What it reports is that earlier event, on its own date."""
    return any(rx.search(sentence) for rx in cues().recalled_opening)


def is_earlier_event(sentence: str, pos: int) -> bool:
    """Is the event at ``pos`` given as an earlier reference point ("hours after a gas attack in X")?"""
    left = sentence[max(0, pos - 80) : pos]
    return any(rx.search(left) for rx in cues().earlier_event_before)
