"""The same claim made by different speakers and outlets.

A claim's content is reduced to a bag of *concepts* (synonym groups from
``data/claim_synonyms.json``: truce ≈ ceasefire, regroup ≈ recuperate ≈ lick
their wounds, rearm ≈ supply themselves with arms, militants ≈ terrorists ≈
armed factions ...) and light-stemmed content words. Two claims are the same
claim when they share at least two strong (not ``weak``) concepts, are not
an accusation and a denial of each other, and their weighted overlap coefficient reaches
``settings.claim_link_threshold``. Candidate pairs come from an inverted index
over *pairs* of strong concepts (exact, since a match needs two shared), so
claims with nothing specific in common are never compared. Union-find turns
linked pairs into clusters; a cluster's id is a hash of its smallest member
claim id.

Refinements, each for a way that bag overlap alone goes wrong on real news:

* concepts listed under ``topic`` say what a claim is *about* (airstrikes, a ceasefire, a
  chemical attack), not what it asserts; claims that share only topics ("air strikes battered
  Idlib despite the ceasefire", "the moratorium on air strikes could not be extended") are two
  claims about one subject, so a concept match needs a shared concept that is not a topic;
* a claim copied from a wire story into other stories says the same thing whatever concepts it
  holds, so two claims of different stories that share most of the keys of the longer one
  (``settings.claim_copy_threshold``, at least ``settings.claim_copy_min_shared`` words and
  concepts: shorter shared wording such as "caused material damage to houses" is house style,
  not one claim) are linked without the concept rule. Candidates come from a prefix filter (each
  claim indexed by its rarest keys), exact for that bound;
* vetoes (:func:`veto`): a speaker repeating themselves in one story, or two claims read from
  one stretch of one sentence, is one source; an accusation and its denial are a conflict for
  verify; claims that both give figures and share none are different counts ("213 killed" is
  not "359 killed"); claims about different sides (both name whom they are about, no side in
  common) are different accusations.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from crosswire.errors import DataFileError
from crosswire.link.events import _UnionFind, as_dict, cluster_id_for
from crosswire.models import Claim, Link, Story
from crosswire.settings import DEFAULT, Settings, data_files

CONCEPT_WEIGHT = 2.0
WEAK_CONCEPT_WEIGHT = 1.0
WORD_WEIGHT = 1.0
_WORD = re.compile(r"[a-z][a-z'-]+|\d[\d,.]*")
_FIGURE = re.compile(r"\d[\d,.]*")


@dataclass(frozen=True)
class Synonyms:
    phrases: tuple[tuple[re.Pattern[str], str], ...]  # longest first
    weak: frozenset[str]
    topic: frozenset[str] = frozenset()  # concepts a claim is about, not what it asserts


@dataclass(frozen=True)
class ClaimCluster:
    cluster_id: str
    claim_ids: tuple[str, ...]
    speakers: tuple[str, ...]
    outlets: tuple[str, ...]
    stories: tuple[str, ...]
    concepts: tuple[str, ...]  # concepts shared by most members


@dataclass(frozen=True)
class ClaimLinks:
    clusters: dict[str, str]  # claim_id -> cluster_id (members of multi-claim clusters only)
    links: list[Link]
    groups: list[ClaimCluster] = field(default_factory=list)


def load_synonyms() -> Synonyms:
    groups: dict[str, set[str]] = defaultdict(set)
    weak: set[str] = set()
    topic: set[str] = set()
    paths = data_files("claim_synonyms.json")
    if not paths:
        raise DataFileError("claim_synonyms.json not found in any data folder", "CW303")
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            for concept, phrases in data.get("groups", {}).items():
                groups[str(concept)].update(str(p).lower() for p in phrases)
            weak.update(data.get("weak", []))
            topic.update(data.get("topic", []))
        except (OSError, ValueError, AttributeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    pairs = [(p, c) for c, ps in groups.items() for p in ps]
    pairs.sort(key=lambda pc: (-len(pc[0]), pc[0]))
    compiled = tuple(
        (re.compile(r"(?<![a-z])" + r"\s+".join(re.escape(w) for w in p.split()) + r"(?![a-z])"), c)
        for p, c in pairs
    )
    return Synonyms(phrases=compiled, weak=frozenset(weak), topic=frozenset(topic))


@lru_cache(maxsize=1)
def _synonyms() -> Synonyms:
    return load_synonyms()


def _stem(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)] + repl
    return word


def normalise(content: str, syn: Synonyms | None = None) -> dict[str, float]:
    """Concept and content-word weights of a claim's content."""
    syn = syn or _synonyms()
    text = " " + re.sub(r"\s+", " ", content.lower().replace("’", "'")) + " "
    out: dict[str, float] = {}
    for pat, concept in syn.phrases:
        if pat.search(text):
            out[concept] = WEAK_CONCEPT_WEIGHT if concept in syn.weak else CONCEPT_WEIGHT
            text = pat.sub(" ", text)
    for w in _WORD.findall(text):
        w = w.strip("'-")
        if len(w) < 3 or w in ENGLISH_STOP_WORDS:
            continue
        out.setdefault(_stem(w), WORD_WEIGHT)
    return out


def similarity(
    a: Mapping[str, float],
    b: Mapping[str, float],
    weak: frozenset[str] = frozenset(),
    topic: frozenset[str] = frozenset(),
) -> float:
    """Weighted overlap coefficient; 0 unless two strong concepts are shared, one of them not a
    topic (a shared subject alone is not a shared assertion)."""
    shared = set(a) & set(b)
    strong = [k for k in shared if k.isupper() and k not in weak]
    if len(strong) < 2 or all(k in topic for k in strong):
        return 0.0
    num = sum(min(a[k], b[k]) for k in shared)
    den = min(sum(a.values()), sum(b.values()))
    return num / den if den else 0.0


def copy_overlap(a: Mapping[str, float], b: Mapping[str, float]) -> tuple[float, int]:
    """Share of the longer claim's keys (words and concepts) the other holds, and how many."""
    shared = len(set(a) & set(b))
    longer = max(len(a), len(b))
    return (shared / longer if longer else 0.0), shared


def _copy_prefix(keys: Iterable[str], rank: Mapping[str, int], threshold: float, min_shared: int) -> list[str]:
    """The rarest keys of a claim, enough that any copy of it must share one of them.

    A copy shares at least ``need`` = max(min_shared, ceil(threshold * n)) of the claim's ``n``
    keys, so it holds one of any ``n - need + 1`` of them (the prefix filter of set-similarity
    joins); taking the rarest keeps the posting lists short.
    """
    ordered = sorted(keys, key=lambda k: (rank[k], k))
    need = max(min_shared, math.ceil(threshold * len(ordered) - 1e-9))
    return ordered[: max(0, len(ordered) - need + 1)]


def _figures(content: str) -> frozenset[str]:
    return frozenset(f.rstrip(".,").replace(",", "") for f in _FIGURE.findall(content))


def _span(c: Mapping[str, Any]) -> tuple[int, int] | None:
    ev = c.get("evidence")
    if isinstance(ev, Mapping) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
        return int(ev["start"]), int(ev["end"])
    return None


def _about(c: Mapping[str, Any]) -> frozenset[str]:
    """The sides a claim is about (an actor's name where its side is unknown): the regime's
    government and its army are one target, the regime and the rebels two."""
    out: set[str] = set()
    for a in c.get("about_actors") or ():
        if isinstance(a, Mapping) and a.get("name"):
            side = a.get("side")
            out.add(str(side) if side and side != "unknown" else str(a["name"]))
    if not out and c.get("about_actor"):
        out.add(str(c["about_actor"]))
    return frozenset(out)


def veto(a: Mapping[str, Any], b: Mapping[str, Any]) -> str | None:
    """Why two claims are not the same claim whatever their words share (None when nothing says so)."""
    if a.get("story_id") == b.get("story_id"):
        if a.get("speaker") == b.get("speaker"):
            return "same speaker in one story"  # repeating oneself is not a second source
        sa, sb = _span(a), _span(b)
        if sa and sb and sa[0] < sb[1] and sb[0] < sa[1]:
            return "one stretch of one sentence"
    if {a.get("claim_type"), b.get("claim_type")} == {"accusation", "denial"}:
        return "accusation and denial"  # opposite claims about one thing: a conflict for verify
    fa, fb = _figures(str(a.get("content") or "")), _figures(str(b.get("content") or ""))
    if fa and fb and not fa & fb:
        return "different figures"
    ta, tb = _about(a), _about(b)
    if ta and tb and not ta & tb:
        return "about different sides"
    return None


def _outlets(stories: Iterable[Story | Mapping[str, Any]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in stories:
        if isinstance(s, Story):
            out[s.story_id] = s.outlet or s.publisher or "unknown outlet"
        else:
            d = dict(s)
            out[str(d.get("story_id"))] = str(d.get("outlet") or d.get("publisher") or "unknown outlet")
    return out


def _pairs(postings: Iterable[list[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for members in postings:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                out.add((i, j))
    return out


def _concept_candidates(bags: Sequence[Mapping[str, float]], syn: Synonyms) -> set[tuple[int, int]]:
    """Pairs sharing two strong concepts: indexing every pair of a claim's strong concepts finds
    all of them exactly while keeping posting lists short."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, bag in enumerate(bags):
        strong = sorted(k for k in bag if k.isupper() and k not in syn.weak)
        for x, k1 in enumerate(strong):
            for k2 in strong[x + 1 :]:
                index[(k1, k2)].append(i)
    return _pairs(index.values())


def _copy_candidates(bags: Sequence[Mapping[str, float]], settings: Settings) -> set[tuple[int, int]]:
    """Pairs that may be copies of one claim: they share a key of each other's rare prefix."""
    df: dict[str, int] = defaultdict(int)
    for bag in bags:
        for k in bag:
            df[k] += 1
    index: dict[str, list[int]] = defaultdict(list)
    for i, bag in enumerate(bags):
        for k in _copy_prefix(bag, df, settings.claim_copy_threshold, settings.claim_copy_min_shared):
            index[k].append(i)
    return _pairs(index.values())


def _match(
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    bag_a: Mapping[str, float],
    bag_b: Mapping[str, float],
    syn: Synonyms,
    settings: Settings,
) -> Link | None:
    """The same-claim link of two claims by shared concepts, else as copies of one claim."""
    shared = sorted(k for k in set(bag_a) & set(bag_b) if k.isupper())
    score = similarity(bag_a, bag_b, syn.weak, syn.topic)
    method = "concept-overlap-v1"
    if score < settings.claim_link_threshold:
        if a.get("story_id") == b.get("story_id"):
            return None  # a story repeating its own wording (a lead and its dateline copy) is one source
        score, n = copy_overlap(bag_a, bag_b)
        if score < settings.claim_copy_threshold or n < settings.claim_copy_min_shared:
            return None
        method = "word-copy-v1"
    details = {"shared_concepts": shared}
    return Link("same_claim", str(a["claim_id"]), str(b["claim_id"]), round(score, 4), method, details)


def link_claims(
    claims: Sequence[Claim | Mapping[str, Any]],
    stories: Iterable[Story | Mapping[str, Any]] = (),
    settings: Settings = DEFAULT,
) -> ClaimLinks:
    """Link claims that say the same thing; cluster them with their speakers and outlets."""
    syn = _synonyms()
    recs = sorted((as_dict(c) for c in claims), key=lambda c: str(c["claim_id"]))
    bags = [normalise(str(c.get("content") or ""), syn) for c in recs]
    candidates = _concept_candidates(bags, syn) | _copy_candidates(bags, settings)
    uf = _UnionFind(len(recs))
    links: list[Link] = []
    for i, j in sorted(candidates):
        a, b = recs[i], recs[j]
        if veto(a, b):
            continue
        link = _match(a, b, bags[i], bags[j], syn, settings)
        if link is not None:
            uf.union(i, j)
            links.append(link)
    outlet_of = _outlets(stories)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(recs)):
        groups[uf.find(i)].append(i)
    clusters: dict[str, str] = {}
    out_groups: list[ClaimCluster] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        ids = [str(recs[i]["claim_id"]) for i in members]
        cid = cluster_id_for(ids, prefix="kc_")
        for cl in ids:
            clusters[cl] = cid
        counts: dict[str, int] = defaultdict(int)
        for i in members:
            for k in bags[i]:
                if k.isupper():
                    counts[k] += 1
        common = tuple(sorted(k for k, n in counts.items() if n * 2 >= len(members)))
        out_groups.append(
            ClaimCluster(
                cluster_id=cid,
                claim_ids=tuple(ids),
                speakers=tuple(dict.fromkeys(str(recs[i].get("speaker") or "unattributed") for i in members)),
                outlets=tuple(
                    dict.fromkeys(
                        outlet_of.get(str(recs[i].get("story_id")), "unknown outlet") for i in members
                    )
                ),
                stories=tuple(dict.fromkeys(str(recs[i].get("story_id")) for i in members)),
                concepts=common,
            )
        )
    out_groups.sort(key=lambda g: (-len(g.claim_ids), g.cluster_id))
    return ClaimLinks(clusters=clusters, links=links, groups=out_groups)


def cluster_claims(
    claims: Sequence[Claim | Mapping[str, Any]],
    stories: Iterable[Story | Mapping[str, Any]] = (),
    settings: Settings = DEFAULT,
) -> dict[str, str]:
    """claim_id -> cluster_id for claims that share a cluster with at least one other claim."""
    return link_claims(claims, stories, settings).clusters
