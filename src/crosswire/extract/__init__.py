"""Extraction: an annotated story -> ACLED-style events and attributed claims.

For each candidate sentence the event classifier proposes (event type, sub-event type, trigger)
hits; for each hit the orchestrator asks the actor module for actor1/actor2, the geocoder for the
event place, :mod:`.dates` for the event date (a sentence that gives none takes the date of the
incident it continues, else the publication date: :func:`_continued`) and :mod:`.fatalities`
for every casualty figure in the sentence and in the next sentences that continue the same
event ("The bus was carrying...", "... saying the blast killed 50 fighters"). Hits of one story
that describe the same event are merged into one :class:`Event` carrying all their figures.
Every field keeps its evidence.

One story failing records an error (CW302) and never stops the batch (:func:`extract_stories`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from crosswire.errors import CrosswireError, ExtractError
from crosswire.extract import dates, fatalities
from crosswire.models import (
    Actor,
    AnnotatedStory,
    Claim,
    DateInfo,
    Event,
    Evidence,
    FatalityClaim,
    Mention,
    Place,
    Sentence,
    Story,
)

__all__ = ["extract", "extract_stories", "main_event", "pick_main", "ExtractionResult"]

#: how many sentences after an event's sentence may continue it (carry its casualty figures)
CONTINUATION_SENTENCES = 2
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its)\s+(?:\w+\s+){0,2}$", re.I)

#: ACLED event types whose events carry fatalities (strategic developments, protests: 0)
LETHAL_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
#: event types in which a bare country name acts as its state's forces (violent action)
STATE_ACTION_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: ACLED codes a territorial change by who made it: state forces regain, anyone else overtakes
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")

ExtractionResult = tuple[str, list[Event], list[Claim], str | None]


@dataclass
class _Draft:
    """An event being assembled (mutable until it becomes a frozen :class:`Event`)."""

    hit: Any
    sentence_index: int
    sentences: list[int]
    actor1: Actor | None
    actor2: Actor | None
    civilian_targeting: bool
    place: Place | None
    event_date: str | None
    time_precision: int
    date_own: bool  # the date came from the event's own sentence (not inherited)
    date_carried: bool = False  # inherited from the dated incident its sentence continues
    recalled: bool = False  # its sentence opens by recalling an earlier event ("Recently on October 13")
    claims: list[FatalityClaim] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    key: str = ""
    distinct: bool = False  # one conjunct of "in A in April 2014 and B in March 2015": never merged
    alleged: bool = False  # actor1 (if any) is only the one accused ("X accused Y of using chlorine")
    disputed: bool = False  # reports merged into it accuse different doers: actor1 stays empty
    caption: bool = False  # its trigger is in a photo caption: evidence for an event, never one alone
    harm_types: set[str] = field(default_factory=set)  # types of the bare harm reports it took in
    battle: bool = False  # a bare harm of two fighting sides' dead: a battle's (:func:`_battle_dead`)
    # one of ``split_count`` events split from one report of an act at a list of places
    # (:func:`_split_by_place`): its rank in the list, and the starts of the figures that count
    # the dead of all of them, whose toll it shares (:func:`_finish`)
    split_index: int = 0
    split_count: int = 0
    split_shared: frozenset[int] = frozenset()
    split_note: str = ""


def _ev(story: Story, start: int, end: int, sent: Sentence) -> Evidence:
    return Evidence(story.story_id, start, end, story.text[start:end], sent.text, sent.start, sent.end)


def _sentence_of(sentences: Sequence[Sentence], pos: int) -> Sentence:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return Sentence(pos, pos, "")


def _actor(story: Story, sentences: Sequence[Sentence], mention: Mention | None) -> Actor | None:
    if mention is None:
        return None
    from crosswire.extract import actors

    name = mention.canonical or mention.text
    info = actors.lookup_actor(name)
    ev = _ev(story, mention.start, mention.end, _sentence_of(sentences, mention.start))
    return Actor(
        name=name,
        actor_type=info.actor_type if info is not None else None,
        side=info.side if info is not None else None,
        mention=mention.text,
        evidence=ev,
    )


def _doc_for(annotated: AnnotatedStory, index: int) -> Any:
    for i, doc in zip(annotated.candidates, annotated.docs, strict=False):
        if i == index:
            return doc
    return None


def _roles(
    annotated: AnnotatedStory, index: int, hit: Any, actor_mentions: Sequence[Mention]
) -> tuple[Mention | None, Mention | None, bool, bool]:
    """actor1, actor2, civilian targeting and whether the hit's act is what someone is accused
    of in its sentence, from the parse of the hit's sentence.

    The parse is of the sentence alone, so the hit and mentions are shifted to sentence offsets
    for :func:`actors.read_roles` and the chosen mentions shifted back.
    """
    from crosswire.extract import actors

    doc = _doc_for(annotated, index)
    if doc is None:
        return None, None, False, False
    base = annotated.sentences[index].start
    end = annotated.sentences[index].end
    local = [
        replace(m, start=m.start - base, end=m.end - base) for m in actor_mentions if base <= m.start < end
    ]
    if hit.event_type in STATE_ACTION_TYPES:
        # a bare country name may be the state's forces here ("Russia launched air strikes")
        text = annotated.sentences[index].text
        local += [
            m for m in actors.find_state_mentions(text)
            if not any(o.start < m.end and m.start < o.end for o in local)
        ]
        local.sort(key=lambda m: m.start)
    m1, m2, civ, alleged = actors.read_roles(
        doc[:], replace(hit, start=hit.start - base, end=hit.end - base), local
    )

    def back(m: Mention | None) -> Mention | None:
        if m is None:
            return None
        forces = actors.armed_forces_of(m.canonical or "") if hit.event_type in STATE_ACTION_TYPES else None
        return replace(m, start=m.start + base, end=m.end + base, canonical=forces or m.canonical)

    return back(m1), back(m2), bool(civ), alleged


def _kept_apart(annotated: AnnotatedStory, index: int) -> list[Any]:
    """The hits ACLED precedence dropped from a sentence that the parse shows to be events of
    their own: in a clause with its own subject apart from every hit that overrides them.

    Precedence is read from the words and holds for one action told by two triggers ("an air
    strike with chlorine gas" is one chemical attack), not for two actions in one sentence
    ("shortly after the army took control over X, reports of chemical attacks appeared").
    """
    from crosswire.extract import actors, classify

    sent = annotated.sentences[index]
    lost = [o for o in classify.overridden_hits(sent.text) if not _weapon_reading(o)]
    doc = _doc_for(annotated, index) if lost else None
    if doc is None:
        return []
    span = doc[:]
    return [
        replace(o.hit, start=o.hit.start + sent.start, end=o.hit.end + sent.start)
        for o in lost
        if actors.in_separate_clauses(span, o.hit, o.by, o.same)
    ]


def _weapon_reading(o: Any) -> bool:
    """A hit that names no weapon (an attack, a clash, a bomb of unknown delivery, destruction),
    overridden by one that does: in a sentence that names the weapon it tells that weapon's
    violence, in any clause ("a suicide bomber detonated his belt ..., killing 14 fighters",
    "the airstrikes have claimed hundreds of lives ... and demolished entire buildings")."""
    return o.hit.sub_event_type in _UNNAMED_WEAPON and any(
        b.event_type == "Explosions/Remote violence" for b in o.by
    )


def _territory_by_actor(hit: Any, actor1: Mention | None) -> Any:
    """ACLED: a territorial gain is "Government regains" when state forces (inter 1) made it."""
    if hit.sub_event_type not in TERRITORY or actor1 is None:
        return hit
    from crosswire.extract import actors

    info = actors.lookup_actor(actor1.canonical or actor1.text)
    if info is None or info.actor_type is None:
        return hit
    wanted = TERRITORY[0] if info.actor_type == actors.STATE_FORCES else TERRITORY[1]
    return hit if wanted == hit.sub_event_type else replace(hit, sub_event_type=wanted)


#: ground-combat codes a trigger reaches without naming a weapon ("an attack killed 62 soldiers")
_GENERIC_ATTACKS = frozenset({"Armed clash", "Attack"})
#: ... and with them a bomb whose delivery is not told ("bombs", "explosives") and destruction
#: told without its means ("demolished entire buildings")
_UNNAMED_WEAPON = _GENERIC_ATTACKS | {"Remote explosive/landmine/IED", "Looting/property destruction"}


def _speaks_only(m: Mention) -> bool:
    """Is ``m`` an actor that acts only by statements (``ActorInfo.speaks_only``), no party to
    an event?"""
    from crosswire.extract import actors

    info = actors.lookup_actor(m.canonical or m.text)
    return info is not None and info.speaks_only


def _means_by_actor(hit: Any, actor1: Mention | None) -> Any:
    """An attack by an actor that only fights from the air (``means`` = air in the actors file,
    e.g. the US-led coalition in Syria) is an air strike, whoever its victims: ACLED codes air
    strikes on civilians as Air/drone strike with civilian targeting, not as Attack."""
    if hit.sub_event_type not in _GENERIC_ATTACKS or actor1 is None:
        return hit
    from crosswire.extract import actors

    info = actors.lookup_actor(actor1.canonical or actor1.text)
    if info is None or info.means != "air":
        return hit
    return replace(hit, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")


def _figures(annotated: AnnotatedStory, index: int) -> list[FatalityClaim]:
    sent = annotated.sentences[index]
    return fatalities.find_fatality_claims(
        sent.text,
        sent.start,
        annotated.story.story_id,
        (sent.start, sent.end),
        doc=_doc_for(annotated, index),
    )


def _is_anaphoric(text: str, hit: Any, base: int) -> bool:
    """A trigger introduced by a definite determiner ("the blast") refers back to an event."""
    return bool(_DEFINITE.search(text[: max(0, hit.start - base)][-40:]))


#: prepositions by which talk is about something ("reports on", "allegations of")
_ABOUT = frozenset({"of", "on", "about", "over", "regarding", "concerning", "into"})
_SPECIFIERS = frozenset({"det", "poss", "nummod", "predet"})


def _talk_in_general(
    annotated: AnnotatedStory, index: int, hit: Any, places: Sequence[Mention], dated: bool
) -> bool:
    """ "Reports on chemical attacks come after every army victory": talk of attacks in general.

    The trigger is a bare plural (no determiner, possessive or number; or one conjunct of a
    phrase with one: "chlorine and other chemical attacks") governed by a noun of talk (cue
    group ``report_noun`` of the event types: "reports of", "allegations of") or by a word of
    blame (``blame_word``: "blame the government for chlorine attacks", "responsible for
    chemical attacks", "accused the regime of carrying out chemical attacks"), and its sentence
    gives no date and names no place: no one attack is reported. "Reports of a chemical attack
    on Khan Sheikhoun", "blamed the army for the attack" and "reports of chemical attacks on
    Douma on Monday" stay events.
    """
    sent = annotated.sentences[index]
    if dated or any(sent.start <= m.start < sent.end for m in places):
        return False
    doc = _doc_for(annotated, index)
    if doc is None:
        return False
    from crosswire.extract import classify

    lo, hi = hit.start - sent.start, hit.end - sent.start
    toks = [t for t in doc if t.idx < hi and t.idx + len(t) > lo]
    heads = [t for t in toks if t.head.i == t.i or not lo <= t.head.idx < hi]
    if not heads:
        return False
    head = heads[0]
    while head.dep_ in ("compound", "amod") and head.head.i != head.i and head.head.pos_ == "NOUN":
        head = head.head  # "barrel bomb" in "barrel bomb attacks": the phrase's noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "attacks" in "chlorine and other chemical attacks": the first conjunct
    conjuncts = [head, *head.conjuncts]
    if not any(t.tag_ in ("NNS", "NNPS") for t in conjuncts) or any(
        c.dep_ in _SPECIFIERS for c in head.children
    ):
        return False
    if head.dep_ == "dobj" and head.head.dep_ == "pcomp":
        head = head.head  # "of carrying out chemical attacks": the gerund stands for its object
    prep = head.head
    if head.dep_ not in ("pobj", "pcomp"):
        return False
    if prep.lower_ in _ABOUT and prep.head.pos_ in ("NOUN", "PROPN"):
        if classify.cue_pattern("report_noun").fullmatch(prep.head.text):
            return True
    if prep.lower_ not in ("for", "of"):
        return False
    blame = classify.cue_pattern("blame_word")
    # "blame X for": the verb; "accused the regime of": spaCy may hang "of" on the object
    return any(blame.fullmatch(w.text) for w in (prep.head, prep.head.head))


def _coordinated_pairs(
    sent: Sentence, hit: Any, places: Sequence[Mention], pub: DateInfo
) -> list[tuple[Mention, dates.DateMatch]]:
    """ "... in Talmenes in April 2014 and Sarmin in March 2015": one (place, date) per conjunct.

    Only when a sentence lists at least two places after the trigger, each directly followed by
    its own date; otherwise the sentence is one event.
    """
    after = [m for m in places if sent.start <= m.start < sent.end and m.start >= hit.start]
    found = [d for d in dates.find_dates(sent.text, pub) if d.iso]
    if len(after) < 2 or len(found) < 2:
        return []
    pairs: list[tuple[Mention, dates.DateMatch]] = []
    for k, m in enumerate(after):
        nxt = after[k + 1].start if k + 1 < len(after) else sent.end
        own = [d for d in found if m.end <= sent.start + d.start < nxt and sent.start + d.start - m.end <= 30]
        if own:
            pairs.append((m, own[0]))
    if len(pairs) < 2 or len({d.iso for _, d in pairs}) < 2:
        return []
    return pairs


def extract(annotated: AnnotatedStory) -> tuple[list[Event], list[Claim]]:
    """The events and claims one story reports."""
    from crosswire import geocode
    from crosswire.extract import claims, classify, salience

    story = annotated.story
    text = story.text
    sentences = annotated.sentences
    pub = dates.publication_date(story.published, text, story.story_id)
    places = [m for m in annotated.mentions if m.label == "GAZ"]
    actor_mentions = [m for m in annotated.mentions if m.label == "ACTOR" and not _speaks_only(m)]
    annotated_actors = [m for m in annotated.mentions if m.label == "ACTOR"]  # victims named by group too
    candidates = set(annotated.candidates)
    # related-articles lists glued into the page: their headlines are other stories
    related = salience.headline_runs(text)

    # an undated event takes the date of the incident it continues, else the publication date
    published: tuple[str | None, int, Evidence | None] = (
        pub.value,
        2 if pub.value else 3,
        pub.evidence,
    )
    if pub.value is None and sentences:
        # no publication date known: the date the story's first sentence gives (often a stamp
        # the dateline reader did not take, "... NGO AFP Saturday 10 Aug 2013 At least 20 ...")
        # is the nearest to it a fresh report can take, at the week's precision
        lede = dates.resolve_event_date(sentences[0].text, sentences[0].start, pub, story.story_id, text)
        if lede[0] is not None:
            published = (lede[0], max(2, lede[1]), lede[2])
    incidents: list[_Incident] = []  # the incidents told so far, the latest told last
    hits_by_sentence: dict[int, list[Any]] = {}
    for i in sorted(candidates):
        hits_by_sentence[i] = [
            *classify.classify_sentence(sentences[i].text, base=sentences[i].start),
            *_kept_apart(annotated, i),
        ]

    drafts: list[_Draft] = []
    figures_cache: dict[int, list[FatalityClaim]] = {}

    def named_places(i: int) -> list[Place | None]:
        """Every place a sentence names, each geocoded alone: the area of the incident it dates
        (the event's own place may be another the sentence names, or a wrong reading)."""
        sent = sentences[i]
        return [
            geocode.locate_event(text, sent.start, sent.end, m.start, [m], story.story_id)
            for m in places
            if sent.start <= m.start < sent.end
        ]

    def figures(i: int) -> list[FatalityClaim]:
        if i not in figures_cache:
            figures_cache[i] = _figures(annotated, i) if i in candidates else []
        return figures_cache[i]

    for i, sent in enumerate(sentences):
        own_date = dates.resolve_event_date(sent.text, sent.start, pub, story.story_id, text)
        dated_here: list[tuple[Place | None, str]] = []  # (place, sub-event type) of its dated events
        for hit in hits_by_sentence.get(i, []):
            if any(s <= hit.start < e for s, e in related):
                continue
            # alleged: one answer for every target of the hit (the territory and means recodings
            # below keep the trigger's span, which is all the accusation is read from)
            m1, m2, civ, alleged = _roles(annotated, i, hit, actor_mentions)
            hit = _territory_by_actor(hit, m1)
            hit = _means_by_actor(hit, m1)
            battle = _bare_harm(sent, hit) and _battle_dead(sent, figures(i), annotated_actors)
            if battle and classify.cue_pattern("bare_harm").search(hit.trigger):
                # "12 regime soldiers and 9 rebels were killed": the dead of a battle
                hit = replace(hit, event_type="Battles", sub_event_type="Armed clash")
            else:
                battle = False
            a1 = _actor(story, sentences, m1)
            a2 = _actor(story, sentences, m2)
            pairs = _coordinated_pairs(sent, hit, places, pub)
            targets: list[tuple[Place | None, tuple[str | None, int, Evidence | None], str]] = []
            dev: Evidence | None
            if pairs:
                for k, (pm, dm) in enumerate(pairs):
                    place = geocode.locate_event(text, sent.start, sent.end, pm.start, [pm], story.story_id)
                    dev = _ev(story, sent.start + dm.start, sent.start + dm.end, sent)
                    targets.append((place, (dm.iso, dm.precision, dev), f":{k}"))
            else:
                d = dates.resolve_event_date(
                    sent.text, sent.start, pub, story.story_id, text, anchor=hit.start
                )
                if _talk_in_general(annotated, i, hit, places, dated=d[0] is not None):
                    continue
                place = geocode.locate_event(text, sent.start, sent.end, hit.start, places, story.story_id)
                targets.append((place, d, ""))
            for place, d, suffix in targets:
                date_own = d[0] is not None
                incident = None if date_own else _continued(incidents, sentences, i, hit, place)
                if date_own:
                    iso, precision, dev = d
                    dated_here.append((place, hit.sub_event_type))
                elif incident is not None:
                    iso, precision, dev = incident.date
                    incident.extend(i, place, hit.sub_event_type)
                else:  # a fresh undated report: the publication date, at its coarser precision
                    iso, precision, dev = published
                    incidents.append(_Incident(published, i, [place], {hit.sub_event_type}, from_text=False))
                draft = _Draft(
                    hit=hit,
                    sentence_index=i,
                    sentences=[i],
                    actor1=a1,
                    actor2=a2,
                    civilian_targeting=bool(civ),
                    place=place,
                    event_date=iso,
                    time_precision=precision,
                    date_own=date_own,
                    date_carried=incident is not None and incident.from_text,
                    recalled=date_own and salience.is_recalled(sent.text),
                    caption=_in_caption(story.text, sent, hit.start),
                    key=f"{story.story_id}:{hit.start}:{hit.end}{suffix}",
                    distinct=bool(pairs),
                    alleged=alleged,
                    # an accusation that names no one doer ("accused both Damascus and Daesh")
                    disputed=alleged and a1 is None,
                    battle=battle,
                )
                trig = _ev(story, hit.start, hit.end, sent)
                draft.evidence["trigger"] = trig
                draft.evidence["event_type"] = trig
                draft.evidence["sub_event_type"] = trig
                if a1 and a1.evidence:
                    draft.evidence["actor1"] = a1.evidence
                if a2 and a2.evidence:
                    draft.evidence["actor2"] = a2.evidence
                if place is not None and place.evidence is not None:
                    draft.evidence["place"] = place.evidence
                if dev is not None:
                    draft.evidence["event_date"] = dev
                if not pairs and hit.event_type in LETHAL_EVENT_TYPES:
                    draft.claims.extend(figures(i))
                    for j in range(i + 1, min(len(sentences), i + 1 + CONTINUATION_SENTENCES)):
                        if not _continues(sentences[j], hits_by_sentence.get(j, []), hit, iso, pub):
                            break
                        if not _depicts(sentences[j].text) and not (
                            hit.event_type == "Explosions/Remote violence"
                            and _battle_dead(sentences[j], figures(j), annotated_actors)
                        ):  # (two sides' dead told after a strike are a battle's, not its toll)
                            draft.claims.extend(figures(j))
                        draft.sentences.append(j)
                drafts.append(draft)
                if not pairs and place is not None and place.evidence is not None:
                    drafts.extend(_split_by_place(story, sent, draft, places))
        if own_date[0] is not None:
            # a sentence dating several events ("in Talmenes in April 2014 and Sarmin in March 2015")
            # gives a later undated sentence no one date to inherit: back to the publication date.
            # A dated sentence that reports no event ("Assad vowed in a speech last week") dates
            # only what the next sentence refers back to ("... an alleged chemical attack near
            # Damascus on August 21. Washington blames the government for the attack"), unless
            # it dates the incident just told ("The incident occurred on April 11.").
            several = len({d.iso for d in dates.event_dates(sent.text, sent.start, pub)}) > 1
            incidents.append(
                _Incident(
                    published if several else own_date,
                    i,
                    [p for p, _ in dated_here] + named_places(i),
                    {t for _, t in dated_here},
                    from_text=not several,
                    mention_only=not dated_here and not dates.recaps_incident(sent.text),
                )
            )
    merged = _merge(drafts, sentences)
    events = [_finish(story, sentences, d) for d in merged]
    story_claims = claims.extract_claims(
        annotated, dict(zip(annotated.candidates, annotated.docs, strict=False))
    )
    return events, list(story_claims)


@dataclass
class _Incident:
    """The incident a story is telling, as far as its date goes: the date (a sentence's own, or
    the publication date for a fresh undated report), the last sentence that told it, and the
    places and kinds of event told of it so far."""

    date: tuple[str | None, int, Evidence | None]
    last: int
    places: list[Place | None]
    types: set[str]
    from_text: bool = True  # the date is one the text gives, not the publication date
    mention_only: bool = False  # its sentence reports no event: it dates only "the attack" next

    def extend(self, index: int, place: Place | None, sub_event_type: str) -> None:
        self.last = max(self.last, index)
        self.places.append(place)
        self.types.add(sub_event_type)


def _continued(
    incidents: Sequence[_Incident], sentences: Sequence[Sentence], index: int, hit: Any, place: Place | None
) -> _Incident | None:
    """The incident an undated event goes on with: the most recently told one it continues
    (:func:`_carries`), or None for a fresh report. An event that is no part of the latest
    incident (a village in another governorate the geocoder read from a name) may still be
    part of one told before it."""
    for incident in sorted(incidents, key=lambda inc: inc.last, reverse=True):
        if _carries(incident, sentences, index, hit, place):
            return incident
    return None


def _carries(incident: _Incident, sentences: Sequence[Sentence], index: int, hit: Any, place: Place | None) -> bool:
    """Does an undated event continue the incident told before it, and so take its date?

    ACLED dates an event by what the text says of that event: a sentence that gives no date
    for it tells the same incident on ("In the attack 18 lorries were destroyed" after "On
    Monday a convoy was hit") or is a fresh report, which takes the publication date. It goes
    on with the incident unless a sentence since turned to another ("Meanwhile", "Elsewhere":
    :func:`dates.opens_new_topic`) or it names a place in another governorate than all of the
    incident's (rebel shelling of al-Foua in Idlib after a Wednesday's rockets on Aleppo).
    Further than :data:`CONTINUATION_SENTENCES` from the incident's last report, it must also
    be the same kind of event, refer back ("the attack") or name a place of the incident's area.
    An incident only mentioned in a dated sentence that reports no event dates only the next
    sentence's event that refers back to it. A trigger that refers back ("the strike") close
    after the incident continues it whatever place the geocoder reads for it.
    """
    if _topic_turns(sentences, incident.last, index):
        return False
    anaphoric = _is_anaphoric(sentences[index].text, hit, sentences[index].start)
    if incident.mention_only:
        return anaphoric and index - incident.last == 1
    if anaphoric and index - incident.last <= CONTINUATION_SENTENCES:
        return True  # "the strike on Heneyda" right after the strike: whatever place is read
    known = [p for p in incident.places if p is not None]
    near = [p for p in known if place is not None and _same_area(place, p)]
    if place is not None and known and not near:
        return False
    return (
        index - incident.last <= CONTINUATION_SENTENCES
        or hit.sub_event_type in incident.types
        or bool(near)
        or anaphoric
    )


def _topic_turns(sentences: Sequence[Sentence], last: int, index: int) -> bool:
    """Does a sentence after ``last``, up to ``index``, turn to another incident ("Meanwhile",
    "Elsewhere": :func:`dates.opens_new_topic`)?"""
    return any(dates.opens_new_topic(sentences[k].text) for k in range(last + 1, index + 1))


def _same_area(a: Place, b: Place) -> bool:
    """Are two places one incident's, as far as its date goes: the same place, or two in one
    governorate (the geocoder often reads a lede's city and a later sentence's village, or a
    neighbourhood, for one incident)? A place without a governorate (the country) is any of its
    country's; places in two countries are two incidents ("In Iraq last month ..." and then a
    stoning in Raqqa)."""
    if a.country and b.country and a.country != b.country:
        return False
    if _place_compatible(a, b) or a.admin1 is None or b.admin1 is None:
        return True
    return a.admin1 == b.admin1


def _in_caption(text: str, sent: Sentence, pos: int) -> bool:
    """Is the trigger at ``pos`` in a photo caption (the sentence's stretch around it reads as one,
    or the line above labels the sentence "Caption:")?"""
    from crosswire.extract import salience

    return salience.is_caption(sent.text, pos - sent.start) or salience.labelled_caption(
        text[max(0, sent.start - 40) : sent.start]
    )


def _depicts(text: str) -> bool:
    """Does a sentence tell what footage or pictures show (cue group ``depiction``)?

    Such a sentence after an event's own goes on about it, but its figures count what one
    camera saw ("a video showed a room filled with more than 90 bodies", "a photograph showed
    the bodies of 16 children"): a part of the dead, not a report of the toll, and never the
    most conservative toll ACLED takes. The sentence stays in the event's notes.
    """
    from crosswire.extract import classify

    return bool(classify.cue_pattern("depiction").search(text))


def _continues(sent: Sentence, hits: Sequence[Any], hit: Any, iso: str | None, pub: DateInfo) -> bool:
    """Does the next sentence go on about the same event (and so may carry its figures)?

    Not a sentence of the war's history or sum, which the classifier silences as background
    ("more than 300,000 people have been killed since the war began in 2011"): its figure is
    no part of the event's toll.
    """
    from crosswire.extract import classify

    if not hits and classify.is_background(sent.text):
        return False
    own = [d for d in dates.find_dates(sent.text, pub) if d.iso]
    if own and (iso is None or all(abs(_days(d.iso, iso)) > 1 for d in own if d.iso)):
        return False  # a dated sentence about another day (or the event has none): another event
    for h in hits:
        if h.sub_event_type != hit.sub_event_type and not _is_anaphoric(sent.text, h, sent.start):
            return False  # a new event of another kind begins
    return True


def _days(a: str | None, b: str | None) -> int:
    import datetime as dt

    if not a or not b:
        return 0
    return (dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days


def _same_place(a: Place | None, b: Place | None) -> bool:
    """One named place (or one of them unknown): the same gazetteer row or name."""
    if a is None or b is None:
        return True
    return bool(a.gazetteer_id and a.gazetteer_id == b.gazetteer_id) or a.name == b.name


def _place_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        return True
    if a.name == b.name:
        return True
    if (
        a.latitude is not None
        and b.latitude is not None
        and a.longitude is not None
        and b.longitude is not None
    ):
        return abs(a.latitude - b.latitude) < 0.1 and abs(a.longitude - b.longitude) < 0.1
    return False


def _actors_compatible(a: _Draft, b: _Draft) -> bool:
    """Two reports of one event name the same perpetrator, or one of them names none (a chemical
    attack by the army and one by the Islamic State in the same story are two events), or one of
    them only accuses ("Damascus accused rebels of using toxic gas" after a report of the attack
    is the dispute over who did it, not another attack)."""
    if a.actor1 is None or b.actor1 is None or a.actor1.name == b.actor1.name:
        return True
    if a.alleged or b.alleged:
        return True
    return a.actor1.side is not None and a.actor1.side == b.actor1.side


def _merge_actor1(target: _Draft, d: _Draft) -> None:
    """actor1 of a merged event: the first named; two accusations of different doers ("the
    opposition accused the army of the attack", "Russia accused rebels of using toxic gas")
    leave it disputed, empty (the claims keep who accused whom), and so does an accusation of
    several ("accused both Damascus and Daesh of using chemical weapons"): a later sentence naming
    one of them does not settle who did it. The event's victims are not its doer: a report that
    names them acting ("the army" of "the army's losses" told again) lends no actor1."""
    if d.disputed and target.actor1 is None:
        target.disputed = True
    if d.actor1 is None or target.disputed:
        return
    if target.actor2 is not None and target.actor2.name == d.actor1.name:
        return
    if target.actor1 is None:
        target.actor1, target.alleged = d.actor1, d.alleged
        if d.actor1.evidence:
            target.evidence["actor1"] = d.actor1.evidence
    elif target.actor1.name != d.actor1.name and target.alleged and d.alleged:
        target.actor1, target.disputed = None, True
        target.evidence.pop("actor1", None)


def _dates_agree(a: _Draft, b: _Draft) -> bool:
    """May two reports be one event by their dates? Two own dates must lie within a day. A report
    whose sentence opens by recalling an earlier event ("Recently on October 13 four people had
    been killed in rebel shelling of a school") is that event on its own date: it is not the
    story's undated report ("The rocket fire hit a school"), which would otherwise take its date,
    unless that report's date, inherited or the publication's, is within a day of it."""
    dated_a, dated_b = a.date_own or a.date_carried, b.date_own or b.date_carried
    if dated_a and dated_b or a.recalled or b.recalled:
        return abs(_days(a.event_date, b.event_date)) <= 1
    return True


def _bare_harm(sent: Sentence, hit: Any) -> bool:
    """Is ``hit`` an attack or a clash told only by the harm done ("four civilians were killed",
    "wounded", "IS said it killed 50 fighters": cue group ``bare_harm`` in the trigger) or, referring
    back, only as an attack ("the attack", "the incident": ``bare_attack``), in a sentence that
    names no means of violence of its own (``ground_means``: "killed in clashes", "gunmen
    attacked a checkpoint", "shot dead", "rebel fire") nor another incident (``other_incident``:
    "in a similar attack", a sentence opening "Also")? Such a trigger tells no kind of event by itself: the
    classifier codes it Attack or Armed clash only for want of a weapon."""
    from crosswire.extract import classify

    if hit.sub_event_type not in _GENERIC_ATTACKS:
        return False
    if any(classify.cue_pattern(g).search(sent.text) for g in ("ground_means", "other_incident")):
        return False  # "killed in clashes", "gunmen attacked", "in a similar attack on al-Zahraa"
    if classify.cue_pattern("bare_harm").search(hit.trigger):
        return True
    return _is_anaphoric(sent.text, hit, sent.start) and bool(
        classify.cue_pattern("bare_attack").fullmatch(hit.trigger)
    )


def _battle_dead(sent: Sentence, claims: Sequence[FatalityClaim], mentions: Sequence[Mention]) -> bool:
    """Does a sentence count the dead of two fighting sides ("12 regime soldiers and 9 rebels were
    killed", "45 Islamic State militants and 20 Kurdish fighters", "fighters from both sides were
    killed": cue group ``both_sides``)?

    Such dead fell in a battle: told after an air strike or shelling they are not its victims
    (one side's aircraft do not kill both sides) but an Armed clash's. A figure's camp is the side
    (actors.csv) of the group named in it, else the camp its victims belong to
    (:func:`fatalities.unnamed_camp`: soldiers are the state's); fighters of no named group count
    as a camp apart from any named one. Parts ("including 13 police officers") count no camp.
    """
    from crosswire.extract import actors, classify

    if classify.cue_pattern("both_sides").search(sent.text):
        return True
    camps: set[str] = set()
    for c in claims:
        ev = c.evidence
        if c.kind != "killed" or ev is None or (c.qualifier or "").startswith("including"):
            continue
        if ev.sentence_start != sent.start:
            continue
        side = fatalities.combatant_side(c)
        if side is None:
            continue
        named = [m for m in mentions if m.start < ev.end and ev.start < m.end]
        info = actors.lookup_actor(named[0].canonical or named[0].text) if named else None
        camps.add((info.side if info is not None else None) or fatalities.unnamed_camp(side) or "?")
    return len(camps) >= 2


def _harm_of_incident(prev: _Draft, d: _Draft, sentences: Sequence[Sentence], out: Sequence[_Draft]) -> bool:
    """Is report ``d`` the harm told of bombing, strike, shelling or chemical attack ``prev``,
    and so part of it, not an Attack or Armed clash of its own?

    ``d`` is a bare harm (:func:`_bare_harm`: "Four civilians were killed and 23 wounded in the
    blast area", "At least 100 people died", "The attack left 12 dead") told within
    :data:`CONTINUATION_SENTENCES` after ``prev``'s sentences, with no other event told in
    between and no turn to another topic ("Meanwhile"); a doer it names is ``prev``'s (or of its
    side: :func:`_actors_compatible`), since one that ``prev`` does not name did killing of its own
    ("Kurdish fighters killed 20 militants" after an air strike); and its place, if any, is in
    ``prev``'s area, or it refers back ("the attack on eastern Damascus"), which continues the
    incident whatever place the geocoder reads (as in :func:`_carries`). The dates are checked
    by the caller.
    """
    if prev.hit.event_type != "Explosions/Remote violence" or d.distinct or d.caption or d.battle:
        return False  # (the dead of two fighting sides are a battle's: :func:`_battle_dead`)
    told = max(prev.sentences)
    if not 0 < d.sentence_index - told <= CONTINUATION_SENTENCES:
        return False
    sent = sentences[d.sentence_index]
    if not _bare_harm(sent, d.hit) or d.recalled:
        return False
    from crosswire.extract import salience

    if salience.is_earlier_event(sent.text, d.hit.start - sent.start):
        return False  # "just a day after more than 100 civilians were killed in ...": another event
    if any(p is not prev and not p.caption and prev.sentence_index < p.sentence_index < d.sentence_index for p in out):
        return False
    if _topic_turns(sentences, told, d.sentence_index):
        return False
    if d.actor1 is not None and (prev.actor1 is None or not _actors_compatible(prev, d)):
        return False
    anaphor = _is_anaphoric(sent.text, d.hit, sent.start)
    return anaphor or prev.place is None or d.place is None or _same_area(prev.place, d.place)


def _has_toll(d: _Draft) -> bool:
    """Has an event a counted toll of its own ("killed at least 16 civilians", not "dozens")?

    The harm told after it (:func:`_harm_of_incident`) then lends it its killed figures as parts
    of that toll (qualifier "including ..."), kept among the event's figures but no toll of
    their own: such sentences often count a part of the dead ("two others were killed in the
    Mayssar neighbourhood", "6 of them women", "the monitor had initially given a toll of 34"),
    which must not become the most conservative toll of the whole, whoever tells them (a lower
    figure of another source for the whole toll is lost to the minimum so: the rarer case)."""
    return any(c.kind == "killed" and not c.vague for c in d.claims)


def _merge(drafts: list[_Draft], sentences: Sequence[Sentence]) -> list[_Draft]:
    """Merge hits that describe the same event into the first (most specific) report of it.

    A photo caption tells what a picture shows, often an earlier or another scene ("A boy walks
    past a house hit by an air strike in Saraqib on March 2 2015."): ACLED codes what the story
    reports, so a caption's hit is merged last, only into an event the text itself reports (it
    lends that event its sentences and figures as evidence, not its trigger, place, date or
    actors), and one that joins no such event is dropped.
    """
    out: list[_Draft] = []
    for d in [d for d in drafts if not d.caption] + [d for d in drafts if d.caption]:
        target, harm = None, False
        for prev in [] if d.distinct else [p for p in out if not p.distinct]:
            same_type = prev.hit.sub_event_type == d.hit.sub_event_type
            continuation = d.sentence_index in prev.sentences and d.sentence_index != prev.sentence_index
            anaphor = _is_anaphoric(
                sentences[d.sentence_index].text, d.hit, sentences[d.sentence_index].start
            )
            same_sentence = d.sentence_index == prev.sentence_index and same_type
            date_ok = _dates_agree(prev, d)
            if date_ok and _harm_of_incident(prev, d, sentences, out):
                target, harm = prev, True  # "Four civilians were killed in the blast area" after the bombing
                break
            told_again = (
                d.hit.sub_event_type in prev.harm_types
                and _bare_harm(sentences[d.sentence_index], d.hit)
                and not d.battle
            )
            same_type = same_type or told_again  # the harm told again of an incident that took it in
            # (harm told again lies in the incident's area, like the harm it took in; so do the
            # battle dead of the clash the story reports, where the geocoder often reads another
            # village of the fighting for them)
            in_area = told_again or (d.battle and same_type)
            place_ok = _place_compatible(prev.place, d.place) or (
                in_area and prev.place is not None and d.place is not None and _same_area(prev.place, d.place)
            )
            if (prev.split_note or d.split_note) and not _same_place(prev.place, d.place):
                # an event split from a list of places is its own place's: never taken into a
                # neighbouring village's event (:func:`_place_compatible` allows ~10 km apart)
                continue
            if not date_ok or not place_ok or not _actors_compatible(prev, d):
                continue
            # the same kind of event at a compatible place and date is the same event told again
            # (headline, lede, recap); another kind merges only as a continuation or "the blast"
            # (or as the harm told of the incident: :func:`_harm_of_incident`)
            if same_type or same_sentence or (continuation and anaphor):
                target, harm = prev, told_again
                break
        if target is None:
            out.append(d)
            continue
        if harm:
            target.harm_types.add(d.hit.sub_event_type)
        seen = {(c.evidence.start if c.evidence else -1, c.kind) for c in target.claims}
        parts = harm and _has_toll(target)
        for c in d.claims:
            if parts and c.kind == "killed" and not (c.qualifier or "").startswith("including"):
                # kept, as every figure is, but as a part of the incident's toll (:func:`_has_toll`)
                c = replace(c, qualifier="including" + (f" {c.qualifier}" if c.qualifier else ""))
            if (c.evidence.start if c.evidence else -1, c.kind) not in seen:
                target.claims.append(c)
        for k in d.sentences:
            if k not in target.sentences:
                target.sentences.append(k)
        if d.caption:
            continue  # what a picture shows sets none of the reported event's fields
        _merge_actor1(target, d)
        if target.actor2 is None and d.actor2 is not None and not (
            target.actor1 is not None and target.actor1.name == d.actor2.name
        ):
            # (the victims of one report are not the perpetrator of the event it joins)
            target.actor2 = d.actor2
            if d.actor2.evidence:
                target.evidence["actor2"] = d.actor2.evidence
        if target.place is None and d.place is not None:
            target.place = d.place
            if d.place.evidence:
                target.evidence["place"] = d.place.evidence
        if not target.date_own and not target.date_carried and d.date_own:
            # (a date carried from the incident the report continues is the text's date for it)
            target.event_date, target.time_precision, target.date_own = d.event_date, d.time_precision, True
            if "event_date" in d.evidence:
                target.evidence["event_date"] = d.evidence["event_date"]
        target.civilian_targeting = target.civilian_targeting or d.civilian_targeting
    return [d for d in out if not d.caption]


#: a place's own count just before it: "killing five civilians in X", "and three in the town of Y"
_OWN_COUNT_GAP = re.compile(r"(?:\s+[A-Za-z]+){0,2}?\s+(?:in|at)\s+(?:the\s+(?:town|village|city)\s+of\s+)?")


def _split_by_place(story: Story, sent: Sentence, draft: _Draft, places: Sequence[Mention]) -> list[_Draft]:
    """The further events of a report of one act at a coordinated list of places ("Russian
    warplanes struck Kafr Nabl, Maarat al-Numan and Saraqeb, killing 9"), one per place other
    than ``draft``'s own (:func:`geocode.coordinated_places`): ACLED codes one event per
    location. Each is a full copy of the event (type, actors, date) with its own place and
    place evidence; ``draft`` stays the first of them, so the story's main event is the same act
    at the same place it was before. Every one keeps the whole list as evidence (``place_list``)
    and says in its notes that it was split from one report.

    Fatalities: a figure the sentence gives a place of its own ("killing five in Kafr Nabl and
    three in Saraqeb": :data:`_OWN_COUNT_GAP`) is that place's event's alone; a figure told for
    no one place stays with ``draft``. When no figure is a place's own, the figures are the
    total of all of them and every event keeps them (with their sources), its fatalities being
    an even share. ACLED's FAQ on fatalities (Uses and limitations of ACLED data, 27 February
    2023) has a rule for "summarized fatalities ... reported but events occur across several days
    or in multiple locations"; the copy we could read breaks off there, so the even division is
    ACLED's practice as we understand it, not text we checked. The remainder of an uneven
    division goes to the first place listed (crosswire's choice, so that the events' fatalities
    still sum to the reported total; every figure stays among each event's claims).
    """
    from crosswire import geocode

    assert draft.place is not None and draft.place.evidence is not None
    own = draft.place.evidence
    run = geocode.coordinated_places(story.text, sent.start, sent.end, (own.start, own.end), places)
    if not run or not _governs(draft.hit, run):
        return []
    members: list[tuple[Mention, Place]] = []
    for m in run:
        if m.start < own.end and own.start < m.end:
            members.append((m, draft.place))
            continue
        p = geocode.locate_event(story.text, sent.start, sent.end, m.start, [m], story.story_id)
        if p is not None and not any(_place_compatible(p, q) for _, q in members):
            members.append((m, p))
    if len(members) < 2:
        return []
    drafts: list[_Draft] = []
    for m, p in members:
        drafts.append(draft if p is draft.place else _copy_draft(draft, p, m))
    by_place = _own_counts(story.text, draft.claims, [m for m, _ in members], sent)
    span = _ev(story, run[0].start, run[-1].end, sent)
    names = ", ".join(p.name for _, p in members)
    # the total of all is the sentence's own figure: a sentence after it that goes on often
    # gives one place's part ("In Aleppo, six civilians were killed"), which is no shared total
    shared = frozenset(
        c.evidence.start for c in draft.claims if c.evidence is not None and sent.start <= c.evidence.start < sent.end
    )
    told = list(draft.claims)
    for k, d in enumerate(drafts):
        d.evidence["place_list"] = span
        d.split_note = (
            f"[Split: one of {len(members)} events ({names}), one per place, of one report of "
            f"'{draft.hit.trigger}' at '{span.text}'"
        )
        if by_place:
            # a figure told for no one place stays with the report's own event
            d.claims = [c for c in told if by_place.get(id(c), -1) == k or (d is draft and id(c) not in by_place)]
            d.split_note += "; each place's own figures]"
        else:
            d.split_index, d.split_count, d.split_shared = k, len(members), shared
            d.split_note += "; a total told for all: divided evenly (ACLED)]" if shared else "]"
    return [d for d in drafts if d is not draft]


#: how far (characters) a list of places may lie after / before the trigger whose clause it is in
SPLIT_REACH_AFTER = 80
SPLIT_REACH_BEFORE = 40


def _governs(hit: Any, run: Sequence[Mention]) -> bool:
    """Is the list of places near enough to the trigger to be its clause's ("warplanes struck
    X, Y and Z", "X, Y and Z villages were shelled")? In a run-on sentence a list told of another
    act ("fighting in Idlib and Aleppo DAESH said they were responsible for a suicide bombing on
    a bus") lies far from the trigger: that act's, not this one's."""
    if run[0].start >= hit.end:
        return run[0].start - hit.end <= SPLIT_REACH_AFTER
    if run[-1].end <= hit.start:
        return hit.start - run[-1].end <= SPLIT_REACH_BEFORE
    return False


def _copy_draft(draft: _Draft, place: Place, m: Mention) -> _Draft:
    """``draft`` at another place of its list: every field its own copy (the drafts are merged
    and extended apart), the place and its evidence the new place's, its key the place's."""
    d = replace(
        draft,
        place=place,
        sentences=list(draft.sentences),
        claims=list(draft.claims),
        evidence=dict(draft.evidence),
        harm_types=set(draft.harm_types),
        key=f"{draft.key}@{m.start}",
    )
    if place.evidence is not None:
        d.evidence["place"] = place.evidence
    return d


def _own_counts(
    text: str, claims: Sequence[FatalityClaim], members: Sequence[Mention], sent: Sentence
) -> dict[int, int]:
    """id(claim) -> the rank of the place of ``members`` whose own count it is ("five civilians
    in Kafr Nabl"): a figure of the sentence ending just before the place, after the place
    before it, with only a victim noun and "in"/"at" between. Empty when no figure is a place's own."""
    out: dict[int, int] = {}
    for c in claims:
        ev = c.evidence
        if ev is None or not sent.start <= ev.start < sent.end:
            continue
        for k, m in enumerate(members):
            after_prev = k == 0 or ev.start >= members[k - 1].end
            if after_prev and ev.end <= m.start and _OWN_COUNT_GAP.fullmatch(text[ev.end : m.start]):
                out[id(c)] = k
    return out


def _finish(story: Story, sentences: Sequence[Sentence], d: _Draft) -> Event:
    claims = tuple(d.claims)
    n, toll = fatalities.acled_toll(claims)
    if d.split_count and toll is not None and toll.start in d.split_shared:
        # a total told for all the places of one report: divided evenly (:func:`_split_by_place`)
        n = n // d.split_count + (n % d.split_count if d.split_index == 0 else 0)
    evidence = dict(d.evidence)
    if toll is not None:
        evidence["fatalities"] = toll
    confidence = float(getattr(d.hit, "score", 0.5) or 0.5)
    confidence = 0.5 * min(1.0, confidence) + 0.2 * (d.place is not None) + 0.15 * (d.actor1 is not None)
    confidence += 0.15 * d.date_own
    notes = " ".join([*(sentences[k].text for k in sorted(d.sentences)), *([d.split_note] if d.split_note else [])])
    event_id = hashlib.sha1(d.key.encode("utf-8")).hexdigest()[:16]
    return Event(
        event_id=event_id,
        story_id=story.story_id,
        event_type=d.hit.event_type,
        sub_event_type=d.hit.sub_event_type,
        actor1=d.actor1,
        actor2=d.actor2,
        civilian_targeting=d.civilian_targeting,
        place=d.place,
        event_date=d.event_date,
        time_precision=d.time_precision,
        fatalities=n,
        fatality_claims=claims,
        trigger=d.hit.trigger,
        confidence=round(confidence, 3),
        evidence=evidence,
        notes=notes,
    )


def extract_stories(stories: Sequence[Story] | Sequence[AnnotatedStory]) -> list[ExtractionResult]:
    """Annotate (when given plain stories) and extract each story: (story_id, events, claims, error).

    A story whose extraction fails yields no records and an error message with code CW302; the
    others go on. Annotation runs once over the whole batch (one model, candidate sentences only).
    """
    from crosswire import annotate

    annotated: list[AnnotatedStory]
    if stories and isinstance(stories[0], Story):
        annotated = _annotate_safely(annotate, [s for s in stories if isinstance(s, Story)])
    else:
        annotated = [s for s in stories if isinstance(s, AnnotatedStory)]
    out: list[ExtractionResult] = []
    for a in annotated:
        if not a.sentences and a.story.extra.get("_annotate_error"):
            out.append((a.story.story_id, [], [], str(a.story.extra["_annotate_error"])))
            continue
        try:
            events, claims = extract(a)
        except CrosswireError as exc:
            out.append((a.story.story_id, [], [], str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad story is recorded, never kills the batch
            out.append((a.story.story_id, [], [], str(ExtractError(f"{type(exc).__name__}: {exc}", "CW302"))))
            continue
        out.append((a.story.story_id, events, claims, None))
    return out


def _annotate_safely(annotate: Any, stories: list[Story]) -> list[AnnotatedStory]:
    """Annotate in one batch; if the batch fails, fall back to one story at a time."""
    try:
        return list(annotate.annotate(stories))
    except CrosswireError as exc:
        if exc.code == "CW301":
            raise
    except Exception:  # noqa: BLE001 - retry one by one to find the bad story
        pass
    out: list[AnnotatedStory] = []
    for s in stories:
        try:
            out.extend(annotate.annotate([s]))
        except Exception as exc:  # noqa: BLE001
            err = ExtractError(f"annotation failed: {type(exc).__name__}: {exc}", "CW302")
            bad = replace(s, extra={**s.extra, "_annotate_error": str(err)})
            out.append(AnnotatedStory(bad, ()))
    return out


def main_event(events: Sequence[Event]) -> Event | None:
    """The story's most prominent event: the first one reported that has a place.

    News puts the main event first (headline, lede); an event the geocoder could not place is
    taken only when no event has a place, and a photo caption or an earlier event the text
    names as a reference point ("hours after the gas attack in X") only when nothing else is.
    """
    return pick_main(events, lambda e: e.place is not None, lambda e: e.evidence.get("trigger"))


_T = TypeVar("_T")


def pick_main(
    events: Sequence[_T],
    located: Callable[[_T], bool],
    trigger: Callable[[_T], Evidence | None],
    tiebreak: Callable[[_T], str] | None = None,
) -> _T | None:
    """:func:`main_event`'s choice over any record of an event (an :class:`Event`, a stored
    row): ``located`` says whether it has a place, ``trigger`` gives its trigger's evidence;
    ``tiebreak`` orders events whose triggers start at the same offset (default: list order)."""
    if not events:
        return None
    pool = [e for e in events if located(e)] or list(events)
    # a photo caption or an earlier event named as a reference point is not the story's subject
    pool = [e for e in pool if not _aside(trigger(e))] or pool

    def key(e: _T) -> tuple[int, str]:
        trig = trigger(e)
        # min() keeps the first of equal keys: without a tiebreak, the earlier in the list
        return (trig.start if trig is not None else 10**9, tiebreak(e) if tiebreak else "")

    return min(pool, key=key)


def _aside(trig: Evidence | None) -> bool:
    from crosswire.extract import salience

    if trig is None:
        return False
    pos = trig.start - trig.sentence_start
    return salience.is_caption(trig.sentence, pos) or salience.is_earlier_event(trig.sentence, pos)
