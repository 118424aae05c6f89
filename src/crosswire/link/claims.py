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
"""

from __future__ import annotations

import json
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


@dataclass(frozen=True)
class Synonyms:
    phrases: tuple[tuple[re.Pattern[str], str], ...]  # longest first
    weak: frozenset[str]


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
    paths = data_files("claim_synonyms.json")
    if not paths:
        raise DataFileError("claim_synonyms.json not found in any data folder", "CW303")
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            for concept, phrases in data.get("groups", {}).items():
                groups[str(concept)].update(str(p).lower() for p in phrases)
            weak.update(data.get("weak", []))
        except (OSError, ValueError, AttributeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    pairs = [(p, c) for c, ps in groups.items() for p in ps]
    pairs.sort(key=lambda pc: (-len(pc[0]), pc[0]))
    compiled = tuple(
        (re.compile(r"(?<![a-z])" + r"\s+".join(re.escape(w) for w in p.split()) + r"(?![a-z])"), c)
        for p, c in pairs
    )
    return Synonyms(phrases=compiled, weak=frozenset(weak))


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


def similarity(a: Mapping[str, float], b: Mapping[str, float], weak: frozenset[str] = frozenset()) -> float:
    """Weighted overlap coefficient; 0 unless two strong concepts are shared."""
    shared = set(a) & set(b)
    if len([k for k in shared if k.isupper() and k not in weak]) < 2:
        return 0.0
    num = sum(min(a[k], b[k]) for k in shared)
    den = min(sum(a.values()), sum(b.values()))
    return num / den if den else 0.0


def _outlets(stories: Iterable[Story | Mapping[str, Any]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in stories:
        if isinstance(s, Story):
            out[s.story_id] = s.outlet or s.publisher or "unknown outlet"
        else:
            d = dict(s)
            out[str(d.get("story_id"))] = str(d.get("outlet") or d.get("publisher") or "unknown outlet")
    return out


def link_claims(
    claims: Sequence[Claim | Mapping[str, Any]],
    stories: Iterable[Story | Mapping[str, Any]] = (),
    settings: Settings = DEFAULT,
) -> ClaimLinks:
    """Link claims that say the same thing; cluster them with their speakers and outlets."""
    syn = _synonyms()
    recs = sorted((as_dict(c) for c in claims), key=lambda c: str(c["claim_id"]))
    bags = [normalise(str(c.get("content") or ""), syn) for c in recs]
    # two claims can only match if they share two strong concepts, so indexing every pair of a
    # claim's strong concepts finds all candidates exactly while keeping posting lists short
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, bag in enumerate(bags):
        strong = sorted(k for k in bag if k.isupper() and k not in syn.weak)
        for x, k1 in enumerate(strong):
            for k2 in strong[x + 1 :]:
                index[(k1, k2)].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in index.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                candidates.add((i, j))
    uf = _UnionFind(len(recs))
    links: list[Link] = []
    for i, j in sorted(candidates):
        a, b = recs[i], recs[j]
        if a.get("story_id") == b.get("story_id") and a.get("speaker") == b.get("speaker"):
            continue  # one speaker repeating themselves in one story is not a second source
        if {a.get("claim_type"), b.get("claim_type")} == {"accusation", "denial"}:
            continue  # opposite claims about one thing: a conflict for verify, not the same claim
        score = similarity(bags[i], bags[j], syn.weak)
        if score < settings.claim_link_threshold:
            continue
        uf.union(i, j)
        shared = sorted(k for k in set(bags[i]) & set(bags[j]) if k.isupper())
        links.append(
            Link(
                "same_claim",
                str(a["claim_id"]),
                str(b["claim_id"]),
                round(score, 4),
                "concept-overlap-v1",
                {"shared_concepts": shared},
            )
        )
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
