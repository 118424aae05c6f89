"""What an event's own sentence says about its scope: one incident, or a round-up of several;
and which parts of a city it names.

Same-event linking compares two reports' place, day, type, actors, toll and wording. Two kinds
of report defeat that comparison, and both are told by the event's own sentence (the evidence
sentence of its trigger):

* a *round-up* counts many incidents at once, so its place, day and type agree with each of
  them: a *period* round-up counts a span of days ("15 suicide car bombs during the week",
  "killed in 24 hours", "over the past week"), a *places* round-up puts one count over several
  places ("terrorist attacks in Aleppo, Hama and Damascus", "across Syria", "rocket attacks on the
  neighbourhoods of A, B and C", or any two governorates named in it);
* a report that names the *part of a city* it happened in (a neighbourhood or district:
  "shells hit al-Zahraa neighbourhood") says where in a city whose name, type and day other
  incidents share.

The cues are data (``data/link_cues.json``); the governorates and the named neighbourhoods of the
gazetteer (feature code ``PPLX``) are found with :func:`crosswire.geocode.find_place_mentions`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crosswire import geocode
from crosswire.settings import merged_json

#: a sentence that names at least this many governorates puts its count over several places
MIN_GOVERNORATES_ROUNDUP = 2
#: the gazetteer's feature code of a named part of a city (a neighbourhood, a district)
SUBPLACE_FEATURE_CODE = "PPLX"

#: gazetteer feature classes of no part of a city: administrative units (A) and regions (L:
#: "the Eastern Ghouta district")
_NOT_PARTS = frozenset({"A", "L"})

PERIOD = "period"
PLACES = "places"

_WORD = r"(?:[A-Z][\w'\u2019-]*|al-[A-Z][\w'-]*|el-[A-Z][\w'-]*)"
_NAME = rf"{_WORD}(?:\s+(?:{_WORD}|(?:al|el|ad|ash|as)\b))*"


@dataclass(frozen=True)
class Scope:
    """An event's scope: ``roundup`` is ``"period"``, ``"places"`` or None (one incident);
    ``subplaces`` the match keys (:func:`crosswire.geocode.normalise_toponym`) of the parts of
    a city its sentence or its place names; ``tolls`` the killed figures its sentence gives (not
    their breakdowns: "eight civilians including two children" gives 8; nor vague ones: "dozens")."""

    roundup: str | None = None
    subplaces: frozenset[str] = frozenset()
    tolls: frozenset[int] = frozenset()


@functools.cache
def _cues() -> dict[str, Any]:
    return merged_json("link_cues.json")


@functools.cache
def _patterns(key: str) -> re.Pattern[str]:
    pats = list(_cues().get(key, []))
    return re.compile("|".join(f"(?:{p})" for p in pats), re.I) if pats else re.compile(r"(?!)")


@functools.cache
def _subplace_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "<Name> neighbourhood" and "neighbourhood of <Name>" (the nouns are data)."""
    nouns = "|".join(re.escape(n) for n in sorted(_cues()["subplace_nouns"], key=len, reverse=True))
    return (
        re.compile(rf"({_NAME})\s+(?:{nouns})\b"),
        re.compile(rf"\b(?:{nouns})\s+of\s+(?:the\s+)?({_NAME})"),
    )


def incident_types() -> frozenset[str]:
    """ACLED event types whose events are single attacks (``incident_event_types``)."""
    return frozenset(_cues().get("incident_event_types", []))


def governorates_named(sentence: str, mentions: list[Any] | None = None) -> set[str]:
    """The governorates a sentence names: the unit itself, or its capital, which shares its name
    in any spelling ("Hama", "Deir Ezzor", "Damascus Countryside")."""
    gaz = geocode.Gazetteer.default()
    out: set[str] = set()
    for m in geocode.find_place_mentions(sentence) if mentions is None else mentions:
        entry = gaz.by_id.get(m.canonical or "")
        if entry is None or not entry.admin1:
            continue
        if entry.admin_level == 1 or geocode.canonical_admin1(m.text) == entry.admin1:
            out.add(entry.admin1)
    return out


def roundup_kind(sentence: str, mentions: list[Any] | None = None) -> str | None:
    """``"period"``, ``"places"`` or None: whether the sentence counts several incidents at once.

    A clause adding the sentence's figure to a running total ("..., bringing to 45 the number
    killed in 24 hours") is no period of the sentence's own event (``running_total_patterns``).
    """
    total = _patterns("running_total_patterns").search(sentence)
    if _patterns("period_roundup_patterns").search(sentence[: total.start()] if total else sentence):
        return PERIOD
    if _patterns("place_roundup_patterns").search(sentence):
        return PLACES
    if len(governorates_named(sentence, mentions)) >= MIN_GOVERNORATES_ROUNDUP:
        return PLACES
    return None


def _is_part_name(name: str) -> bool:
    """Whether a name beside a subdivision noun names a part of a city, not the city, its
    governorate or an administrative district ("the Aleppo district of Marjeh": Aleppo is not)."""
    if geocode.canonical_admin1(name) is not None:
        return False
    cands = geocode.Gazetteer.default().candidates(name, fuzzy=False)
    return not cands or cands[0][0].feature_class not in _NOT_PARTS


@functools.cache
def _qualifiers() -> frozenset[str]:
    """``name_qualifiers`` and English function words (a sentence's "On Monday ...")."""
    function_words = merged_json("place_cues.json").get("english_function_words", [])
    return frozenset(w.lower() for w in [*_cues().get("name_qualifiers", []), *function_words])


def _clean_name(name: str) -> str:
    """The name without the words before it that only qualify it ("eastern", "On Monday")."""
    words = name.split()
    skip = _qualifiers()
    # "Syrias Aleppo": the news text has lost the apostrophe of a possessive
    while words and (words[0].lower() in skip or words[0].lower().removesuffix("s") in skip):
        words.pop(0)
    return " ".join(words)


def subplaces(sentence: str, place: Mapping[str, Any] | None, mentions: list[Any] | None = None) -> frozenset[str]:
    """Match keys of the parts of a city an event names: its place when the gazetteer holds that
    as a neighbourhood, the gazetteer's neighbourhoods of its governorate named in its sentence,
    and the names its sentence puts beside a subdivision noun ("al-Zahraa neighbourhood")."""
    gaz = geocode.Gazetteer.default()
    place = place or {}
    admin1 = str(place.get("admin1") or "")
    keys: set[str] = set()
    own = gaz.by_id.get(str(place.get("gazetteer_id") or ""))
    if own is not None and own.feature_code == SUBPLACE_FEATURE_CODE:
        keys.add(geocode.normalise_toponym(own.name))
    for m in geocode.find_place_mentions(sentence) if mentions is None else mentions:
        entry = gaz.by_id.get(m.canonical or "")
        if entry is None or entry.feature_code != SUBPLACE_FEATURE_CODE:
            continue
        if admin1 and entry.admin1 and entry.admin1 != admin1:
            continue  # a neighbourhood of another governorate's city: a misread name
        keys.add(geocode.normalise_toponym(entry.name))
        keys.add(geocode.normalise_toponym(m.text))
    for pattern in _subplace_patterns():
        for mm in pattern.finditer(sentence):
            name = _clean_name(mm.group(1))
            if name and _is_part_name(name) and _is_part_name(mm.group(1)):
                keys.add(geocode.normalise_toponym(name))
    keys.discard("")
    return frozenset(keys)


def share_a_subplace(a: Scope, b: Scope) -> bool:
    """Whether two scopes name one part of a city: one key's words all among the other's ("zahr"
    in "zahr"; "badru" in "jabal badru"; a name in a list the text ran together)."""
    words_b = [set(k.split()) for k in b.subplaces]
    return any(wa <= wb or wb <= wa for wa in (set(k.split()) for k in a.subplaces) for wb in words_b)


#: two killed figures within this share of the larger are one toll (as ``fatality_score`` has it)
TOLL_TOLERANCE = 0.1


def tolls_disagree(a: Scope, b: Scope) -> bool:
    """Whether both sentences give killed figures and none of one is within ``TOLL_TOLERANCE`` of
    one of the other's: "3 killed" and "2 killed" (small figures included: what matters is that
    the two counts are not one count, not that one figure is rare enough to be evidence)."""
    if not a.tolls or not b.tolls:
        return False
    return not any(abs(x - y) <= TOLL_TOLERANCE * max(x, y) for x in a.tolls for y in b.tolls)


def scope_of(sentence: str, place: Mapping[str, Any] | None = None, tolls: Iterable[int] = ()) -> Scope:
    """An event's :class:`Scope` from its own sentence, its place record and the killed figures
    extraction read in that sentence."""
    if not sentence.strip():
        return Scope()
    mentions = geocode.find_place_mentions(sentence)
    return Scope(roundup_kind(sentence, mentions), subplaces(sentence, place, mentions), frozenset(tolls))
