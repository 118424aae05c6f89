"""Reports of the same real event across stories and outlets.

Pairs are only scored inside *blocks*: events sharing a place key (the
governorate, else the place name, else the sub-event type for events with no
place) and, inside a block, only events whose dates lie within
``settings.link_date_window_days`` of each other (a sweep over the block sorted
by date). An undated event (its story has no publication date) is one event with a
dated one only on the evidence asked of reports days apart, so it is scored only
with the dated events of its block that can give it (close wording, or one named
place and an agreeing toll), at most ``MAX_UNDATED_CANDIDATES`` of them. The pair
count therefore grows with the density of events per place and week, not with the
square of the corpus.

Sharding: blocks are independent, so a corpus too large for one machine is
split by place key (every event of a governorate goes to the same worker, plus
the events of the adjacent date window at a shard's date boundary when shards
are also cut by time); each worker emits scored pairs, and the union-find over
all pairs (a tiny graph) is done in one place. The TF-IDF vocabulary can be
replaced by a ``HashingVectorizer`` so that workers need no shared fit.

A pair's score is a weighted sum of place proximity, date difference, sub-event
type compatibility, actor compatibility, casualty-figure agreement and TF-IDF
cosine of the event notes. A pair is linked when the score reaches
``settings.link_threshold`` and it has one specific piece of evidence (similar
wording, the same casualty figure of at least ``MIN_SPECIFIC_FATALITIES``, or
near-duplicate stories): the same city, day and event type alone is not enough
where a city sees many events a day. A governorate capital counts as the
governorate in any spelling ("Ar-Raqqa" in Raqqa). Two stories of one outlet
dated to different days share its stock wording (a daily roundup's "a source at
Aleppo Police Command told SANA"), so their wording counts only from
``MIN_TEXT_SIMILARITY_SAME_OUTLET``. The further apart two events' days, the more their wording
must agree: a city or a governorate sees an event of one type most days, so events on different
days that share no one named place are one event only from ``MIN_TEXT_SIMILARITY_OTHER_DAY``
(a day apart) or ``MIN_TEXT_SIMILARITY_DAYS_APART`` (more), a casualty figure that agrees being
no evidence there (tolls repeat: "18 killed" in Aleppo on Tuesday and on Wednesday); at one
named place, events a day apart need ``MIN_TEXT_SIMILARITY_NEXT_DAY`` and events two or more
days apart ``MIN_TEXT_SIMILARITY_OTHER_DAY``, or an agreeing figure (a besieged town sees a
bombing on Monday and street fighting on Tuesday).
An event's own sentence can also set it apart (:func:`same_scope`, :mod:`crosswire.link.scope`):
two reports naming different parts of a city (neighbourhoods) are two incidents in it, a
round-up over several places is one day's, and a round-up (of a period or of places) is one
event with a single attack only on wording of ``MIN_TEXT_SIMILARITY_ROUNDUP``.
Linked pairs are merged greedily, best first, into clusters that never hold two
events of one story (extraction already told those apart), which also keeps a
chain of weak links from growing into one giant cluster. A cluster's id is a
hash of its smallest member event id (stable across re-runs over the same
events). Near-duplicate stories are the same report republished: their events
are linked (flagged ``near_duplicate`` in the link details) but verification
counts them once.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from crosswire.geocode import canonical_admin1, countries
from crosswire.link.scope import PLACES, Scope, incident_types, scope_of, share_a_subplace, tolls_disagree
from crosswire.models import Event, Link, Story, to_dict
from crosswire.settings import DEFAULT, Settings

#: weights of the pair-score components (sum 1)
WEIGHTS: dict[str, float] = {
    "place": 0.2,
    "date": 0.15,
    "type": 0.15,
    "actors": 0.1,
    "text": 0.3,
    "fatalities": 0.1,
}
#: a pair also needs one piece of specific evidence: similar wording or the same casualty figure
MIN_TEXT_SIMILARITY = 0.1
#: a casualty figure below this agrees by chance too often ("one killed") to be specific evidence
MIN_SPECIFIC_FATALITIES = 5
#: two stories of one outlet on different days share its stock wording ("a source at Aleppo Police
#: Command told SANA"): their wording is specific evidence only from this similarity
MIN_TEXT_SIMILARITY_SAME_OUTLET = 0.5
#: events on different days that share only a city or governorate (place score below 1: not one
#: named place) are one event only from this similarity of wording, a day apart; and events two
#: or more days apart at one named place, unless their casualty figures agree
MIN_TEXT_SIMILARITY_OTHER_DAY = 0.3
#: events two or more days apart that share no one named place: only from this similarity
MIN_TEXT_SIMILARITY_DAYS_APART = 0.5
#: events a day apart at one named place (a besieged or front-line town sees an attack or a
#: clash of one type on consecutive days): from this similarity, between a day's
#: ``MIN_TEXT_SIMILARITY`` and the two days' ``MIN_TEXT_SIMILARITY_OTHER_DAY``, unless their
#: casualty figures agree
MIN_TEXT_SIMILARITY_NEXT_DAY = 0.2
#: km at which place proximity falls to zero
PLACE_RADIUS_KM = 50.0
#: a round-up (many incidents counted at once: :mod:`crosswire.link.scope`) and one single attack
#: it may count share place, day and type by construction: they are one event only from this
#: similarity of wording (a near-duplicate aside)
MIN_TEXT_SIMILARITY_ROUNDUP = 0.5
#: the qualifier extraction gives a figure that breaks a toll down ("including two children")
BREAKDOWN_QUALIFIER = "including"
#: an undated event is scored with at most this many dated events of its block, those whose
#: wording is closest (its wording must be close to join a dated one: :func:`specific_evidence`)
MAX_UNDATED_CANDIDATES = 20


@dataclass(frozen=True)
class _Ev:
    event_id: str
    story_id: str
    outlet: str | None
    day: int | None
    place_name: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    notes: str
    fatalities: int
    scope: Scope = Scope()
    country: str | None = None
    country_level: bool = False  # placed only in a country ("in Iraq meanwhile ...")


@dataclass(frozen=True)
class EventLinks:
    clusters: dict[str, str]  # event_id -> cluster_id (every event; singletons have their own)
    links: list[Link]
    pairs_scored: int


def _ordinal(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.toordinal()
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def _name(actor: Any) -> str | None:
    if isinstance(actor, Mapping):
        v = actor.get("name")
        return str(v) if v else None
    return str(actor) if actor else None


def _norm(value: Any) -> str | None:
    return str(value).strip().lower() or None if value else None


def as_dict(record: Any) -> dict[str, Any]:
    """An event/story/claim record as the plain dict the store's ``record`` column holds."""
    if isinstance(record, Mapping):
        rec = record.get("record")
        if isinstance(rec, str):
            import json

            merged = dict(json.loads(rec))
            for k in ("cluster_id", "credibility_score"):
                if k in record and k not in merged:
                    merged[k] = record[k]
            return merged
        if isinstance(rec, Mapping):
            return dict(rec)
        return dict(record)
    out = to_dict(record)
    return dict(out) if isinstance(out, dict) else {}


def _story_info(stories: Iterable[Any]) -> dict[str, tuple[int | None, str | None]]:
    """story_id -> (publication day, normalised outlet)."""
    out: dict[str, tuple[int | None, str | None]] = {}
    for s in stories:
        if isinstance(s, Story):
            out[s.story_id] = (_ordinal(s.published.value), _norm(s.outlet))
            continue
        d = dict(s)
        pub = d.get("published")
        if isinstance(pub, Mapping):
            pub = pub.get("value")
        out[str(d.get("story_id"))] = (_ordinal(pub), _norm(d.get("outlet")))
    return out


def _prepare(
    events: Iterable[Event | Mapping[str, Any]], stories: Mapping[str, tuple[int | None, str | None]]
) -> list[_Ev]:
    out: list[_Ev] = []
    for raw in events:
        e = as_dict(raw)
        if not e.get("event_id") or not e.get("story_id"):
            continue  # a malformed record is left out of linking, never fatal for the corpus
        place = e.get("place") or {}
        sid = str(e.get("story_id"))
        published, outlet = stories.get(sid, (None, None))
        out.append(
            _Ev(
                event_id=str(e["event_id"]),
                story_id=sid,
                outlet=outlet,
                day=_ordinal(e.get("event_date")) or published,
                place_name=_norm(place.get("name")),
                admin1=_norm(place.get("admin1")),
                admin2=_norm(place.get("admin2")),
                lat=place.get("latitude"),
                lon=place.get("longitude"),
                event_type=str(e.get("event_type") or ""),
                sub_event_type=str(e.get("sub_event_type") or ""),
                actor1=_name(e.get("actor1")),
                actor2=_name(e.get("actor2")),
                notes=str(e.get("notes") or ""),
                fatalities=int(e.get("fatalities") or 0),
                scope=scope_of(_own_sentence(e), place, _own_tolls(e)),
                country=_country_key(place.get("country")),
                country_level=bool(place.get("name")) and not place.get("admin1") and not place.get("gazetteer_id"),
            )
        )
    return out


def _own_sentence(e: Mapping[str, Any]) -> str:
    """The sentence that carries the event (its trigger's evidence), else its notes."""
    ev = (e.get("evidence") or {}).get("trigger") or {}
    return str(ev.get("sentence") or e.get("notes") or "")


def _own_tolls(e: Mapping[str, Any]) -> list[int]:
    """The killed figures extraction read in the event's own sentence, less the breakdowns of a
    toll ("eight civilians including two children": 2 is part of the 8, no toll of its own) and
    the vague ones ("dozens killed" is read as a figure, but counts nothing one could compare)."""
    sentence = _own_sentence(e)
    return [
        int(fc.get("best") or 0)
        for fc in e.get("fatality_claims") or []
        if fc.get("kind") == "killed"
        and (fc.get("evidence") or {}).get("sentence") == sentence
        and not str(fc.get("qualifier") or "").startswith(BREAKDOWN_QUALIFIER)
        and not fc.get("vague")
    ]


def _country_key(value: Any) -> str | None:
    """One key per country however a record spells it ("SY", "Syria"): its ISO number where the
    country list knows it."""
    name = _norm(value)
    if name is None:
        return None
    return countries().get(name, {}).get("iso") or name


def _other_countries(a: _Ev, b: _Ev) -> bool:
    """Two events placed in different countries are two events, however alike their wording:
    "in Iraq meanwhile a suicide bomber ..." beside a bombing in Kobane the same day."""
    return bool(a.country and b.country and a.country != b.country)


def _one_toll(a: Iterable[int], b: Iterable[int]) -> bool:
    """Two sentences give one killed figure (within 10 %, not a small one)."""
    big = [x for x in b if x >= MIN_SPECIFIC_FATALITIES]
    return any(
        abs(x - y) <= 0.1 * max(x, y) for x in a if x >= MIN_SPECIFIC_FATALITIES for y in big
    )


def _block_key(ev: _Ev) -> str:
    if ev.admin1:
        return "a1:" + ev.admin1
    if ev.place_name:
        return "pl:" + ev.place_name
    return "ty:" + (ev.sub_event_type or ev.event_type).lower()


def _km(a: _Ev, b: _Ev) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (float(a.lat), float(a.lon), float(b.lat), float(b.lon)))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _names_governorate(ev: _Ev) -> bool:
    """The place is the governorate itself or its capital, which shares its name in any spelling
    ("Ar-Raqqa" in Raqqa, "Hamah" in Hama, "Idleb" in Idlib)."""
    if not ev.place_name or not ev.admin1:
        return False
    if ev.place_name == ev.admin1:
        return True
    gov = canonical_admin1(ev.place_name)
    return gov is not None and gov.lower() == (canonical_admin1(ev.admin1) or ev.admin1).lower()


def place_score(a: _Ev, b: _Ev) -> float:
    if a.country_level or b.country_level:
        # a whole country is no closer a place than a governorate: it says only that both are there
        return 0.4 if a.country and a.country == b.country else 0.0
    if a.place_name and a.place_name == b.place_name:
        # a governorate's name (or its capital, which shares it) covers many events a day
        return 0.6 if _names_governorate(a) else 1.0
    km = _km(a, b)
    if km is not None and (a.place_name or b.place_name):
        near = max(0.0, 1.0 - km / PLACE_RADIUS_KM)
        if near > 0:
            return near
    if a.admin2 and a.admin2 == b.admin2:
        return 0.6
    if a.admin1 and a.admin1 == b.admin1:
        return 0.4
    return 0.0


def date_score(a: _Ev, b: _Ev, window: int) -> float:
    if a.day is None or b.day is None:
        return 0.4
    return max(0.0, 1.0 - abs(a.day - b.day) / (window + 1))


def fatality_score(a: _Ev, b: _Ev) -> float:
    if a.fatalities <= 0 or b.fatalities <= 0:
        return 0.5
    hi, lo = max(a.fatalities, b.fatalities), min(a.fatalities, b.fatalities)
    return 1.0 if (hi - lo) / hi <= 0.1 else 0.0


def type_score(a: _Ev, b: _Ev) -> float:
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return 1.0
    if a.event_type and a.event_type == b.event_type:
        return 0.6
    return 0.1


def actor_score(a: _Ev, b: _Ev) -> float:
    sa = {x for x in (a.actor1, a.actor2) if x}
    sb = {x for x in (b.actor1, b.actor2) if x}
    if not sa or not sb:
        return 0.5
    if a.actor1 and b.actor1 and a.actor1 != b.actor1 and not (sa & sb):
        # possibly the same event with a disputed perpetrator: keep the pair alive, verify will flag it
        return 0.2
    return len(sa & sb) / len(sa | sb)


def _day_gap(a: _Ev, b: _Ev) -> int:
    """Days between two events; an undated one is as far from a dated one as days can be."""
    if a.day is None and b.day is None:
        return 0
    if a.day is None or b.day is None:
        return 2  # one report dates nothing: the wording must agree as for reports days apart
    return abs(a.day - b.day)


def same_scope(a: _Ev, b: _Ev, text: float, near_duplicate: bool) -> bool:
    """Whether two events' own sentences allow one incident (:mod:`crosswire.link.scope`).

    * Two reports naming parts of a city (neighbourhoods, districts) with none in common tell
      two incidents in it ("shells on New Aleppo" / "shells on al-Zahraa neighbourhood"); an
      attack on one part and a report naming none whose killed figure disagrees are the part's
      attack and the city's tally (:func:`_city_tally_of_a_part`).
    * A round-up over several places (a day's attacks in three governorates) is that day's: a
      report of another day is not it, however alike the wording of two days' round-ups.
    * A round-up (of a period or of places) and one single attack (``incident_event_types``: a
      strike, a shelling, a bombing) share place, day and type by construction; they are one
      event only from ``MIN_TEXT_SIMILARITY_ROUNDUP``, or when the other sentence gives the
      round-up's own toll (the round-up retold: "57 civilians killed in continued attacks on
      Aleppo" / "in recent days 57 civilians were killed"). When both sentences give killed
      figures and they disagree (:func:`crosswire.link.scope.tolls_disagree`: "3 killed in Deir
      Ezzor and Aleppo" / "two killed in Deir Ezzor"), the round-up counts the attack with others
      and is not it, however alike the wording: a round-up's story often goes on to tell each
      attack it counts, so its notes share the attack's own words. Two round-ups of one day are
      compared as any two reports are.

    Near-duplicate stories are one report republished, whatever their sentences say.
    """
    if near_duplicate:
        return True
    sa, sb = a.scope, b.scope
    if sa.subplaces and sb.subplaces and not share_a_subplace(sa, sb):
        return False
    if PLACES in (sa.roundup, sb.roundup) and _day_gap(a, b):
        return False
    if _city_tally_of_a_part(a, b, text):
        return False
    if bool(sa.roundup) != bool(sb.roundup):
        single = b if sa.roundup else a
        if single.event_type in incident_types():
            if tolls_disagree(sa, sb):
                return False
            if text < MIN_TEXT_SIMILARITY_ROUNDUP:
                return _one_toll(sa.tolls, sb.tolls)
    return True


def _city_tally_of_a_part(a: _Ev, b: _Ev, text: float) -> bool:
    """Whether one report is an attack on a named part of a city and the other, naming no part,
    gives a killed figure that is not the attack's: a report of the city (or of one side of it)
    whose count is another than the neighbourhood's is its day's tally or another attack in it
    ("two killed in a similar attack on al-Zahraa neighbourhood" / "eight civilians were killed
    Thursday in rebel fire on the west of the city"). One event only on the wording asked of a
    round-up retold (``MIN_TEXT_SIMILARITY_ROUNDUP``)."""
    sa, sb = a.scope, b.scope
    if bool(sa.subplaces) == bool(sb.subplaces) or sa.roundup or sb.roundup:
        return False
    part = a if sa.subplaces else b
    return part.event_type in incident_types() and tolls_disagree(sa, sb) and text < MIN_TEXT_SIMILARITY_ROUNDUP


def specific_evidence(a: _Ev, b: _Ev, text: float, near_duplicate: bool, place: float = 1.0) -> bool:
    """Whether a pair has one piece of evidence that the city, day and type alone do not give:
    near-duplicate stories, similar wording, or the same casualty figure (not a small one).

    Two stories of one outlet dated to different days share the outlet's stock wording, so their
    wording counts only when it is much closer (``MIN_TEXT_SIMILARITY_SAME_OUTLET``). Events on
    different days need closer wording the less else ties them (``place``: :func:`place_score`):
    with no one named place in common, ``MIN_TEXT_SIMILARITY_OTHER_DAY`` a day apart and
    ``MIN_TEXT_SIMILARITY_DAYS_APART`` beyond, an agreeing figure not counting; at one named
    place a day apart, ``MIN_TEXT_SIMILARITY_NEXT_DAY`` or an agreeing figure, and two or more
    days apart, ``MIN_TEXT_SIMILARITY_OTHER_DAY`` or an agreeing figure.
    """
    if near_duplicate:
        return True
    gap = _day_gap(a, b)
    coarse = bool(gap) and place < 1.0
    min_text = MIN_TEXT_SIMILARITY
    if gap and bool(a.outlet) and a.outlet == b.outlet:
        min_text = MIN_TEXT_SIMILARITY_SAME_OUTLET
    if coarse:
        floor = MIN_TEXT_SIMILARITY_OTHER_DAY if gap == 1 else MIN_TEXT_SIMILARITY_DAYS_APART
        return text >= max(min_text, floor)
    if gap >= 2:
        min_text = max(min_text, MIN_TEXT_SIMILARITY_OTHER_DAY)
    elif gap == 1:
        min_text = max(min_text, MIN_TEXT_SIMILARITY_NEXT_DAY)
    if text >= min_text:
        return True
    return _agreeing_toll(a, b)


def _text_vectors(evs: Sequence[_Ev]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [e.notes or "" for e in evs]
    if not any(t.strip() for t in texts):
        return None
    vec = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, min_df=1, token_pattern=r"(?u)\b[a-zA-Z]{3,}\b"
    )
    try:
        return vec.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return None


def _agreeing_toll(a: _Ev, b: _Ev) -> bool:
    """The same casualty figure, large enough to be specific evidence (:func:`specific_evidence`)."""
    return fatality_score(a, b) == 1.0 and min(a.fatalities, b.fatalities) >= MIN_SPECIFIC_FATALITIES


def _undated_candidates(
    evs: Sequence[_Ev], undated: Sequence[int], dated: Sequence[int], vectors: Any
) -> Iterable[tuple[int, int]]:
    """The dated events of a block each undated event of it is scored with.

    An undated event joins a dated one only on the evidence asked of reports days apart
    (:func:`specific_evidence`): wording at least ``MIN_TEXT_SIMILARITY_OTHER_DAY`` alike, or one
    named place and an agreeing casualty figure. Only the pairs that can meet it are scored, at
    most ``MAX_UNDATED_CANDIDATES`` per undated event (the closest wording first), so that an
    undated event costs a bounded number of pairs however many events its block holds.
    """
    if not undated or not dated:
        return
    sims = None
    if vectors is not None:
        sims = (vectors[list(undated)] @ vectors[list(dated)].T).toarray()
    for x, i in enumerate(undated):
        row = sims[x] if sims is not None else [0.0] * len(dated)
        keep = [
            (float(sim), j)
            for sim, j in zip(row, dated, strict=True)
            if sim >= MIN_TEXT_SIMILARITY_OTHER_DAY
            or (evs[i].place_name and evs[i].place_name == evs[j].place_name and _agreeing_toll(evs[i], evs[j]))
        ]
        keep.sort(key=lambda t: (-t[0], t[1]))
        for _, j in keep[:MAX_UNDATED_CANDIDATES]:
            yield (i, j) if i < j else (j, i)


def _candidate_pairs(evs: Sequence[_Ev], window: int, vectors: Any = None) -> Iterable[tuple[int, int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(evs):
        blocks[_block_key(e)].append(i)
    for members in blocks.values():
        dated = sorted((i for i in members if evs[i].day is not None), key=lambda i: evs[i].day or 0)
        undated = [i for i in members if evs[i].day is None]
        for x, i in enumerate(dated):
            di = evs[i].day or 0
            for j in dated[x + 1 :]:
                if (evs[j].day or 0) - di > window:
                    break
                yield i, j
        # undated events are compared with each other, and with the dated ones of their block
        # that they can be one event with (a story with no publication date reports the same
        # events as dated ones, on the evidence asked of reports days apart)
        for x, i in enumerate(undated):
            for j in undated[x + 1 :]:
                yield i, j
        yield from _undated_candidates(evs, undated, dated, vectors)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def cluster_id_for(member_ids: Iterable[str], prefix: str = "ec_") -> str:
    """A cluster id that depends only on its members (the smallest member id)."""
    return prefix + hashlib.sha1(min(member_ids).encode("utf-8")).hexdigest()[:16]


def link_events(
    events: Sequence[Event | Mapping[str, Any]],
    stories: Iterable[Story | Mapping[str, Any]] = (),
    near_duplicates: Iterable[Link | tuple[str, str]] = (),
    settings: Settings = DEFAULT,
) -> EventLinks:
    """Score candidate pairs inside blocks, keep those above the threshold, cluster them."""
    evs = _prepare(events, _story_info(stories))
    evs.sort(key=lambda e: e.event_id)
    dup_pairs: set[frozenset[str]] = set()
    for nd in near_duplicates:
        pair = (nd.a, nd.b) if isinstance(nd, Link) else (nd[0], nd[1])
        dup_pairs.add(frozenset(pair))
    vectors = _text_vectors(evs)
    window = settings.link_date_window_days
    uf = _UnionFind(len(evs))
    links: list[Link] = []
    accepted: list[tuple[float, int, int, dict[str, float], bool]] = []
    scored = 0
    for i, j in _candidate_pairs(evs, window, vectors):
        a, b = evs[i], evs[j]
        if a.story_id == b.story_id or _other_countries(a, b):
            continue
        scored += 1
        text = 0.0
        if vectors is not None:
            text = float(vectors[i].multiply(vectors[j]).sum())
        parts = {
            "place": place_score(a, b),
            "date": date_score(a, b, window),
            "type": type_score(a, b),
            "actors": actor_score(a, b),
            "text": text,
            "fatalities": fatality_score(a, b),
        }
        score = sum(WEIGHTS[k] * v for k, v in parts.items())
        near_dup = frozenset((a.story_id, b.story_id)) in dup_pairs
        if score < settings.link_threshold or not specific_evidence(a, b, text, near_dup, parts["place"]):
            continue
        if not same_scope(a, b, text, near_dup):
            continue
        accepted.append((score, i, j, parts, near_dup))
    # greedy, best pairs first; a cluster never holds two events of one story (extraction already
    # told them apart), which also stops chains of weak links from growing one giant cluster
    stories_of: dict[int, set[str]] = {i: {e.story_id} for i, e in enumerate(evs)}
    for score, i, j, parts, near_dup in sorted(accepted, key=lambda x: (-x[0], x[1], x[2])):
        a, b = evs[i], evs[j]
        ri, rj = uf.find(i), uf.find(j)
        if ri != rj:
            if stories_of[ri] & stories_of[rj]:
                continue
            uf.union(ri, rj)
            stories_of[uf.find(ri)] = stories_of[ri] | stories_of[rj]
        details: dict[str, Any] = {k: round(v, 3) for k, v in parts.items()}
        details["stories"] = [a.story_id, b.story_id]
        details["near_duplicate"] = near_dup
        links.append(
            Link("same_event", a.event_id, b.event_id, round(score, 4), "blocked-weighted-v3", details)
        )
    groups: dict[int, list[str]] = defaultdict(list)
    for i, e in enumerate(evs):
        groups[uf.find(i)].append(e.event_id)
    clusters: dict[str, str] = {}
    for members in groups.values():
        cid = cluster_id_for(members)
        for m in members:
            clusters[m] = cid
    return EventLinks(clusters=clusters, links=links, pairs_scored=scored)


def cluster_events(
    events: Sequence[Event | Mapping[str, Any]],
    stories: Iterable[Story | Mapping[str, Any]] = (),
    near_duplicates: Iterable[Link | tuple[str, str]] = (),
    settings: Settings = DEFAULT,
) -> dict[str, str]:
    """event_id -> cluster_id for every event (see :func:`link_events` for the links themselves)."""
    return link_events(events, stories, near_duplicates, settings).clusters
