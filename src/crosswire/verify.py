"""Cross-checking: contradictions, corroboration across camps, framing, credibility.

Everything here works on the records the store holds (events, claims, stories,
near-duplicate links, cluster ids) and returns new records:

* :func:`contradictions` — inside each event cluster (a single event too): casualty
  figures that disagree (with each figure's source and evidence, including two
  sources quoted by one story), different perpetrators (actor1), places in
  different districts, dates more than a day apart; and, at claim level, one
  speaker accusing an actor of an attack that another speaker says was staged
  or denies (a perpetrator conflict).
* :func:`corroboration` — per event cluster, how many independent reports
  (near-duplicate stories count once) from which outlet camps (``data/outlets.csv``)
  and blocs (``data/camp_blocs.json``); a report from another bloc weighs more
  than another report from the same bloc, and opposing blocs agreeing weigh most.
* :func:`framing` — loaded versus neutral terms (``data/framing_lexicon.json``)
  counted per outlet and side, with example sentences.
* :func:`credibility` — a per-story score in [0, 1] from a logistic model over
  features crosswire extracts itself (coefficients in
  ``data/credibility_model.json``, fitted by ``bench/credibility.py``), always
  with the reasons: each factor's value, its weight in the score and evidence.

:func:`update` recomputes all of it over the store and writes it with
``Store.replace_cross_checks``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from statistics import median
from typing import Any

from crosswire.errors import CrosswireError, DataFileError
from crosswire.link.events import _UnionFind, as_dict
from crosswire.models import Claim, Contradiction, Credibility, Event, Evidence, Link, Story
from crosswire.settings import DEFAULT, Settings, data_files

#: two casualty figures disagree when they differ by more than this share of the larger one
FATALITY_TOLERANCE = 0.1
#: claims in stories dated further apart than this are about different incidents
ATTRIBUTION_WINDOW_DAYS = 7
#: accusations listed against one denial (nearest first)
MAX_ACCUSATIONS = 5
#: reports after the first from a bloc already reporting count this much each (a new bloc counts 1)
SAME_CAMP_WEIGHT = 0.5
#: added when outlets of opposing blocs report the same event
OPPOSING_BONUS = 0.5

Record = Mapping[str, Any]

# --- outlets and camps ----------------------------------------------------------


@dataclass(frozen=True)
class OutletInfo:
    name: str
    camp: str | None
    country: str | None


@lru_cache(maxsize=1)
def load_outlets() -> dict[str, OutletInfo]:
    """casefolded name or alias -> outlet (bundled ``outlets.csv`` then the user's)."""
    out: dict[str, OutletInfo] = {}
    for path in data_files("outlets.csv"):
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    name = (row.get("name") or "").strip()
                    if not name:
                        continue
                    info = OutletInfo(
                        name, (row.get("camp") or "").strip() or None, row.get("country") or None
                    )
                    for alias in [name, *(row.get("aliases") or "").split("|")]:
                        if alias.strip():
                            out[alias.strip().casefold()] = info
        except (OSError, csv.Error) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    return out


def outlet_info(outlet: str | None) -> OutletInfo | None:
    if not outlet:
        return None
    return load_outlets().get(outlet.strip().casefold())


def camp_of(outlet: str | None) -> str | None:
    info = outlet_info(outlet)
    return info.camp if info else None


def _story_outlet(s: Record) -> str:
    return str(s.get("outlet") or s.get("publisher") or "unknown outlet")


# --- inputs -------------------------------------------------------------------


@dataclass
class Corpus:
    """The records verification works on, as plain dicts keyed by id."""

    stories: dict[str, dict[str, Any]]
    events: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    event_clusters: dict[str, str]
    claim_clusters: dict[str, str]
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        stories: Iterable[Story | Record],
        events: Iterable[Event | Record],
        claims: Iterable[Claim | Record] = (),
        event_clusters: Mapping[str, str] | None = None,
        claim_clusters: Mapping[str, str] | None = None,
        near_duplicates: Iterable[Link | tuple[str, str]] = (),
    ) -> Corpus:
        st: dict[str, dict[str, Any]] = {}
        for s in stories:
            d = as_dict(s)
            if not isinstance(s, Story) and isinstance(s, Mapping):
                # store rows carry flat columns the record JSON may not (outlet, flags)
                for k in ("outlet", "publisher", "published", "date_flags", "flags", "title", "text"):
                    if k in s and k not in d:
                        d[k] = s[k]
            st[str(d["story_id"])] = d
        evs = [as_dict(e) for e in events]
        cls_ = [as_dict(c) for c in claims]
        ec = dict(event_clusters or {})
        for e in evs:
            ec.setdefault(str(e["event_id"]), str(e.get("cluster_id") or e["event_id"]))
        cc = dict(claim_clusters or {})
        if not cc:
            cc = {str(c["claim_id"]): str(c["cluster_id"]) for c in cls_ if c.get("cluster_id")}
        nd = [(ln.a, ln.b) if isinstance(ln, Link) else (ln[0], ln[1]) for ln in near_duplicates]
        return cls(st, evs, cls_, ec, cc, nd)

    def report_groups(self) -> dict[str, str]:
        """story_id -> id of its near-duplicate group (the same report republished counts once)."""
        ids = sorted(self.stories)
        pos = {s: i for i, s in enumerate(ids)}
        uf = _UnionFind(len(ids))
        for a, b in self.near_duplicates:
            if a in pos and b in pos:
                uf.union(pos[a], pos[b])
        return {s: ids[uf.find(pos[s])] for s in ids}

    def clusters(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in self.events:
            out[self.event_clusters[str(e["event_id"])]].append(e)
        return out


def _ev_evidence(e: Record, *names: str) -> Any:
    ev = e.get("evidence") or {}
    for n in names:
        if ev.get(n):
            return ev[n]
    return next(iter(ev.values()), None) if ev else None


def _day(value: Any) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def _published(s: Record) -> Any:
    pub = s.get("published")
    return pub.get("value") if isinstance(pub, Mapping) else pub


# --- contradictions -------------------------------------------------------------


def _fatality_contradictions(cid: str, members: Sequence[Record], corpus: Corpus) -> list[Contradiction]:
    out: list[Contradiction] = []
    for kind, label in (("killed", "fatalities"), ("injured", "injuries")):
        figures: list[dict[str, Any]] = []
        seen: set[tuple[str, int, int]] = set()
        for e in members:
            story = corpus.stories.get(str(e["story_id"]), {})
            for fc in e.get("fatality_claims") or []:
                if fc.get("kind") != kind:
                    continue
                evd = fc.get("evidence") or {}
                key = (str(e["story_id"]), int(evd.get("start", -1)), int(fc.get("best", 0)))
                if key in seen:
                    continue
                seen.add(key)
                figures.append(
                    {
                        "value": int(fc.get("best", 0)),
                        "low": fc.get("low"),
                        "high": fc.get("high"),
                        "qualifier": fc.get("qualifier"),
                        "victims": fc.get("victims"),
                        "source": fc.get("source") or _story_outlet(story),
                        "named": fc.get("source"),
                        "cumulative": _cumulative(evd),
                        "outlet": _story_outlet(story),
                        "camp": camp_of(_story_outlet(story)),
                        "story_id": e["story_id"],
                        "event_id": e["event_id"],
                        "evidence": evd,
                    }
                )
        # a conflict needs two figures for the same victims (or one generic count) that differ
        # beyond the tolerance and come from different sources or different reports
        involved: dict[int, dict[str, Any]] = {}
        for x, f in enumerate(figures):
            for y in range(x + 1, len(figures)):
                g = figures[y]
                hi, lo = max(f["value"], g["value"]), min(f["value"], g["value"])
                if hi <= 0 or (hi - lo) / hi <= FATALITY_TOLERANCE:
                    continue
                if f["story_id"] == g["story_id"]:
                    # inside one story only two different named sources disagree; figures of one
                    # sentence are a breakdown or a range ("30 people including 24 civilians")
                    if (
                        not f["named"]
                        or not g["named"]
                        or _base_source(f["named"]) == _base_source(g["named"])
                    ):
                        continue
                    if f["evidence"].get("sentence_start") == g["evidence"].get("sentence_start"):
                        continue
                if f["cumulative"] or g["cumulative"]:
                    continue
                if not _same_victims(f.get("victims"), g.get("victims")):
                    continue
                involved[x], involved[y] = f, g
        if not involved:
            continue
        figures = list(involved.values())
        figures.sort(key=lambda f: (f["value"], str(f["source"])))
        out.append(Contradiction(cid, label, tuple(figures)))
    return out


_GENERIC_VICTIMS = {None, "", "people", "persons", "dead"}


@lru_cache(maxsize=1)
def _cumulative_cues() -> re.Pattern[str]:
    cues: list[str] = []
    for path in data_files("claim_verbs.json"):
        try:
            cues.extend(json.loads(path.read_text(encoding="utf-8")).get("cumulative_toll_cues", []))
        except (OSError, ValueError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    if not cues:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues) + r")\b", re.I)


def _cumulative(evidence: Mapping[str, Any]) -> bool:
    """A running or war-wide total: a cue in the clause right after the figure."""
    sentence = str(evidence.get("sentence") or "")
    end = int(evidence.get("end") or 0) - int(evidence.get("sentence_start") or 0)
    window = sentence[max(0, end) : max(0, end) + 80] if 0 <= end <= len(sentence) else sentence
    return bool(_cumulative_cues().search(window))


def _base_source(source: str) -> str:
    return re.sub(r"\s*\(.*?\)\s*", " ", source).strip().casefold()


def _same_victims(a: str | None, b: str | None) -> bool:
    """Figures about the same victims: equal groups, or one of them a generic count."""
    return a == b or a in _GENERIC_VICTIMS or b in _GENERIC_VICTIMS


def _about_names(claim: Mapping[str, Any]) -> list[str]:
    """Every actor a stored claim is about (all the accused), in order; a record stored before
    claims had ``about_actors`` gives its one ``about_actor``."""
    names = [str(a.get("name")) for a in claim.get("about_actors") or [] if isinstance(a, Mapping) and a.get("name")]
    if not names and claim.get("about_actor"):
        names = [str(claim["about_actor"])]
    return names


def _actor_side(name: str | None) -> str | None:
    if not name:
        return None
    try:
        from crosswire.extract.actors import lookup_actor

        info = lookup_actor(name)
        return info.side if info else None
    except (ImportError, CrosswireError):
        return None


def _field_contradictions(cid: str, members: Sequence[Record], corpus: Corpus) -> list[Contradiction]:
    out: list[Contradiction] = []
    if len({str(e["story_id"]) for e in members}) < 2:
        return out

    def row(e: Record, value: Any, *ev_names: str) -> dict[str, Any]:
        story = corpus.stories.get(str(e["story_id"]), {})
        return {
            "value": value,
            "outlet": _story_outlet(story),
            "camp": camp_of(_story_outlet(story)),
            "source": _story_outlet(story),
            "story_id": e["story_id"],
            "event_id": e["event_id"],
            "evidence": _ev_evidence(e, *ev_names),
        }

    # perpetrator: different actor1
    perps = [e for e in members if (e.get("actor1") or {}).get("name")]
    names = {e["actor1"]["name"] for e in perps}
    if len(names) >= 2:
        rows = []
        for e in perps:
            r = row(e, e["actor1"]["name"], "actor1")
            r["side"] = e["actor1"].get("side") or _actor_side(e["actor1"]["name"])
            r["level"] = "event"
            rows.append(r)
        out.append(Contradiction(cid, "perpetrator", tuple(sorted(rows, key=lambda r: str(r["value"])))))
    # place: named places in different districts (neighbourhoods of one town are not a conflict)
    placed = [e for e in members if (e.get("place") or {}).get("name")]
    districts = {(e["place"].get("admin2") or e["place"]["name"]).lower() for e in placed}
    precise = [e for e in placed if int(e["place"].get("geo_precision") or 3) <= 2]
    if len(districts) >= 2 and len(precise) >= 2:
        rows = [row(e, e["place"]["name"], "place") for e in placed]
        for r, e in zip(rows, placed, strict=True):
            r["admin1"], r["admin2"] = e["place"].get("admin1"), e["place"].get("admin2")
        out.append(Contradiction(cid, "place", tuple(sorted(rows, key=lambda r: str(r["value"])))))
    # date: day-precise dates more than a day apart
    dated = [e for e in members if _day(e.get("event_date")) and int(e.get("time_precision") or 3) == 1]
    days = [_day(e["event_date"]) or 0 for e in dated]
    if days and max(days) - min(days) > 1:
        rows = [row(e, e["event_date"], "event_date", "date") for e in dated]
        out.append(Contradiction(cid, "date", tuple(sorted(rows, key=lambda r: str(r["value"])))))
    return out


def _incident_concepts(content: str) -> set[str]:
    from crosswire.link.claims import _synonyms, normalise

    syn = _synonyms()
    return {k for k in normalise(content, syn) if k.isupper() and k not in syn.weak}


def _attribution_conflicts(corpus: Corpus) -> list[Contradiction]:
    """A denial ("it was staged", "we deny") against accusations naming a perpetrator of the same
    kind of incident, by other speakers, in the same governorate and week (when known).

    One contradiction per denial, listing the accusations it answers (nearest first), so a
    corpus with many chemical-attack stories does not chain them all into one record.
    """
    story_admin1: dict[str, set[str]] = defaultdict(set)
    story_cluster: dict[str, set[str]] = defaultdict(set)
    for e in corpus.events:
        a1 = (e.get("place") or {}).get("admin1")
        if a1:
            story_admin1[str(e["story_id"])].add(str(a1).lower())
        story_cluster[str(e["story_id"])].add(corpus.event_clusters[str(e["event_id"])])
    # an attribution conflict needs someone accused
    acc = [c for c in corpus.claims if c.get("claim_type") == "accusation" and c.get("about_actor")]
    den = [c for c in corpus.claims if c.get("claim_type") == "denial"]
    if not acc or not den:
        return []
    concepts = {str(c["claim_id"]): _incident_concepts(str(c.get("content") or "")) for c in acc + den}
    # one speaker's denials in one story (a headline and its body) answer the same accusations
    by_speaker: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in den:
        by_speaker[(str(c["story_id"]), str(c.get("speaker") or ""))].append(c)
    out: list[Contradiction] = []
    for denials in by_speaker.values():
        denials.sort(key=lambda c: str(c["claim_id"]))
        d = denials[0]
        sd = str(d["story_id"])
        pd = _day(_published(corpus.stories.get(sd, {})))
        matches: list[tuple[int, str, dict[str, Any]]] = []
        for a in acc:
            if not any(concepts[str(a["claim_id"])] & concepts[str(x["claim_id"])] for x in denials):
                continue
            if (a.get("speaker"), a.get("speaker_actor")) == (d.get("speaker"), d.get("speaker_actor")):
                continue
            sa = str(a["story_id"])
            pa = _day(_published(corpus.stories.get(sa, {})))
            if pa and pd and abs(pa - pd) > ATTRIBUTION_WINDOW_DAYS:
                continue
            if story_admin1[sa] and story_admin1[sd] and not (story_admin1[sa] & story_admin1[sd]):
                continue  # the two stories' events are in different governorates: different incidents
            distance = 0 if sa == sd else (abs(pa - pd) if pa and pd else ATTRIBUTION_WINDOW_DAYS)
            matches.append((distance, str(a["claim_id"]), a))
        if not matches:
            continue
        matches.sort(key=lambda m: (m[0], m[1]))
        members = denials + [m[2] for m in matches[:MAX_ACCUSATIONS]]
        rows = []
        for c in members:
            story = corpus.stories.get(str(c["story_id"]), {})
            accused = _about_names(c)
            rows.append(
                {
                    "value": "denies / calls it staged"
                    if c["claim_type"] == "denial"
                    else f"accuses {', '.join(accused)}",
                    "stance": c["claim_type"],
                    "about_actor": c.get("about_actor"),
                    "about_actors": accused,
                    "speaker": c.get("speaker") or "unattributed",
                    "speaker_actor": c.get("speaker_actor"),
                    "side": _actor_side(c.get("speaker_actor")),
                    "source": c.get("speaker") or "unattributed",
                    "outlet": _story_outlet(story),
                    "camp": camp_of(_story_outlet(story)),
                    "story_id": c["story_id"],
                    "claim_id": c["claim_id"],
                    "level": "claim",
                    "incident": sorted(concepts[str(c["claim_id"])]),
                    "evidence": c.get("evidence"),
                }
            )
        common = set.intersection(*(story_cluster[str(c["story_id"])] or {""} for c in members))
        common.discard("")
        digest = hashlib.sha1(str(d["claim_id"]).encode()).hexdigest()[:16]
        cid = sorted(common)[0] if len(common) == 1 else "ac_" + digest
        rows.sort(key=lambda r: (r["stance"], str(r["speaker"])))
        out.append(Contradiction(cid, "perpetrator", tuple(rows)))
    return out


def contradictions(corpus: Corpus) -> list[Contradiction]:
    """Every contradiction in the corpus (one record per cluster and kind)."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for cid, members in sorted(corpus.clusters().items()):
        for c in _fatality_contradictions(cid, members, corpus) + _field_contradictions(cid, members, corpus):
            found.setdefault((c.cluster_id, c.kind), []).extend(c.values)
    for c in _attribution_conflicts(corpus):
        found.setdefault((c.cluster_id, c.kind), []).extend(c.values)
    return [Contradiction(cid, kind, tuple(vals)) for (cid, kind), vals in sorted(found.items())]


# --- corroboration --------------------------------------------------------------


@dataclass(frozen=True)
class Corroboration:
    cluster_id: str
    n_stories: int
    n_reports: int  # near-duplicate stories counted once
    outlets: tuple[str, ...]
    camps: tuple[str, ...]
    cross_camp: bool  # reported by outlets of opposing blocs (data/camp_blocs.json)
    score: float  # weighted count of independent reports beyond the first


@dataclass(frozen=True)
class CampBlocs:
    bloc_of: dict[str, str]  # camp -> bloc
    opposing: frozenset[frozenset[str]]

    def bloc(self, camp: str) -> str:
        return self.bloc_of.get(camp, camp)


@lru_cache(maxsize=1)
def load_blocs() -> CampBlocs:
    bloc_of: dict[str, str] = {}
    opposing: set[frozenset[str]] = set()
    for path in data_files("camp_blocs.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            bloc_of.update({str(k): str(v) for k, v in data.get("blocs", {}).items()})
            opposing.update(frozenset(map(str, pair)) for pair in data.get("opposing", []))
        except (OSError, ValueError, TypeError) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    return CampBlocs(bloc_of, frozenset(opposing))


def corroboration(corpus: Corpus) -> dict[str, Corroboration]:
    """Per event cluster: independent reports (near-duplicates once), their camps and blocs.

    The score counts reports beyond the first: one from a bloc not seen yet counts 1, another
    from a bloc already reporting counts ``SAME_CAMP_WEIGHT``, and reports from opposing blocs
    add ``OPPOSING_BONUS``.
    """
    groups = corpus.report_groups()
    blocs = load_blocs()
    out: dict[str, Corroboration] = {}
    for cid, members in corpus.clusters().items():
        sids = sorted({str(e["story_id"]) for e in members})
        reports: dict[str, str] = {}  # report group -> outlet
        for sid in sids:
            reports.setdefault(groups.get(sid, sid), _story_outlet(corpus.stories.get(sid, {})))
        outlets = sorted(set(reports.values()))
        per_bloc: dict[str, int] = defaultdict(int)
        camps: set[str] = set()
        for outlet in reports.values():
            camp = camp_of(outlet)
            if camp:
                camps.add(camp)
            per_bloc[blocs.bloc(camp) if camp else f"unknown:{outlet}"] += 1
        known = {b for b in per_bloc if not b.startswith("unknown:")}
        opposing = any(frozenset((a, b)) in blocs.opposing for a in known for b in known if a < b)
        score = sum(1 + SAME_CAMP_WEIGHT * (n - 1) for n in per_bloc.values()) - 1
        if opposing:
            score += OPPOSING_BONUS
        out[cid] = Corroboration(
            cluster_id=cid,
            n_stories=len(sids),
            n_reports=len(reports),
            outlets=tuple(outlets),
            camps=tuple(sorted(camps)),
            cross_camp=opposing,
            score=round(max(0.0, score), 3),
        )
    return out


# --- framing --------------------------------------------------------------------


@dataclass(frozen=True)
class FramingTerm:
    term: str
    pattern: re.Pattern[str]
    target: str
    loaded: bool
    stance: str
    note: str


@dataclass(frozen=True)
class FramingLexicon:
    terms: tuple[FramingTerm, ...]
    sides: dict[str, str]
    context: dict[str, re.Pattern[str]]
    window: int


@lru_cache(maxsize=1)
def load_framing() -> FramingLexicon:
    terms: list[FramingTerm] = []
    sides: dict[str, str] = {}
    context: dict[str, list[str]] = defaultdict(list)
    window = 40
    paths = data_files("framing_lexicon.json")
    if not paths:
        raise DataFileError("framing_lexicon.json not found in any data folder", "CW303")
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            sides.update(data.get("sides", {}))
            window = int(data.get("context_window", window))
            for side, pats in data.get("context", {}).items():
                context[side].extend(pats)
            for t in data.get("terms", []):
                alt = "|".join(p.replace(" ", r"\s+") for p in t["patterns"])
                terms.append(
                    FramingTerm(
                        term=t["term"],
                        pattern=re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.I),
                        target=t["target"],
                        loaded=bool(t.get("loaded")),
                        stance=t.get("stance", ""),
                        note=t.get("note", ""),
                    )
                )
        except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
            raise DataFileError(f"{path}: {exc}", "CW303") from exc
    ctx = {
        side: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in pats) + r")(?!\w)", re.I)
        for side, pats in context.items()
    }
    return FramingLexicon(tuple(terms), sides, ctx, window)


@dataclass(frozen=True)
class TermUse:
    story_id: str
    term: str
    side: str
    loaded: bool
    start: int
    end: int
    text: str


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    s = 0 if s < 0 else s + 1
    e_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    e = min(e_candidates) + 1 if e_candidates else len(text)
    while s < e and text[s].isspace():
        s += 1
    return s, e


def term_uses(story_id: str, text: str, lex: FramingLexicon | None = None) -> list[TermUse]:
    """Every framing-lexicon term in a text: longest match wins, matches do not overlap."""
    lex = lex or load_framing()
    found: list[tuple[int, int, FramingTerm]] = []
    for t in lex.terms:
        for m in t.pattern.finditer(text):
            found.append((m.start(), m.end(), t))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[TermUse] = []
    last_end = -1
    for start, end, t in found:
        if start < last_end:
            continue
        last_end = end
        side = t.target
        if side not in ("territory", "casualties"):
            # the group named right before the term ("ISIS terrorists") or attached after it
            # ("terrorists of Daesh", "militants (al-Nusra)"), never across a clause
            before = re.split(r"[.;,:!?]", text[max(0, start - lex.window) : start])[-1]
            after = text[end : end + lex.window]
            for ctx_side, pat in lex.context.items():
                m_after = pat.search(after)
                attached = m_after is not None and re.fullmatch(
                    r"\W{0,3}(?:(?:of|from|such as|including|like|belonging to|linked to|loyal to)\s+)?"
                    r"(?:the\s+)?",
                    after[: m_after.start()],
                )
                if pat.search(before) or attached:
                    side = ctx_side
                    break
        out.append(TermUse(story_id, t.term, side, t.loaded, start, end, text[start:end]))
    return out


@dataclass
class FramingRow:
    outlet: str
    side: str
    term: str
    loaded: bool
    count: int = 0
    stories: set[str] = field(default_factory=set)
    examples: list[dict[str, Any]] = field(default_factory=list)


def framing(corpus: Corpus, max_examples: int = 2) -> list[FramingRow]:
    """Counts of each term per outlet and side, with example sentences (evidence)."""
    lex = load_framing()
    rows: dict[tuple[str, str, str], FramingRow] = {}
    for sid, s in sorted(corpus.stories.items()):
        text = str(s.get("text") or "")
        outlet = _story_outlet(s)
        for u in term_uses(sid, text, lex):
            key = (outlet, u.side, u.term)
            row = rows.setdefault(key, FramingRow(outlet, u.side, u.term, u.loaded))
            row.count += 1
            row.stories.add(sid)
            if len(row.examples) < max_examples:
                s0, s1 = _sentence_around(text, u.start, u.end)
                row.examples.append(
                    {
                        "story_id": sid,
                        "start": u.start,
                        "end": u.end,
                        "text": u.text,
                        "sentence": text[s0:s1],
                        "sentence_start": s0,
                        "sentence_end": s1,
                    }
                )
    return sorted(rows.values(), key=lambda r: (r.outlet, r.side, -r.count, r.term))


# --- consensus of the other reports ---------------------------------------------

#: main events of other stories this many days apart (same governorate and event type) are
#: reports of the same event even when linking did not put them in one cluster
CONSENSUS_WINDOW_DAYS = 1
#: victim groups that are one count ("people", "dead" or no group at all)
_ALL_VICTIMS = "all"


def main_event_of(events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """A story's most prominent event among its stored rows: extraction's own choice
    (:func:`crosswire.extract.pick_main`), ties broken by event id."""
    from crosswire.extract import pick_main

    return pick_main(events, lambda e: bool(e.get("place")), _trigger_evidence, lambda e: str(e["event_id"]))


def _trigger_evidence(e: dict[str, Any]) -> Evidence | None:
    trig = (e.get("evidence") or {}).get("trigger")
    if not trig or trig.get("start") is None:
        return None
    return Evidence(
        story_id=str(trig.get("story_id") or e.get("story_id") or ""),
        start=int(trig["start"]),
        end=int(trig.get("end") or trig["start"]),
        text=str(trig.get("text") or ""),
        sentence=str(trig.get("sentence") or ""),
        sentence_start=int(trig.get("sentence_start") or 0),
        sentence_end=int(trig.get("sentence_end") or 0),
    )


def _killed_by_victims(e: Record) -> dict[str, int]:
    """The largest non-cumulative killed figure per victim group, plus the event's ACLED fatalities."""
    out: dict[str, int] = {}
    for fc in e.get("fatality_claims") or []:
        if fc.get("kind") != "killed" or _cumulative(fc.get("evidence") or {}):
            continue
        victims = fc.get("victims")
        group = _ALL_VICTIMS if victims in _GENERIC_VICTIMS else str(victims)
        out[group] = max(out.get(group, 0), int(fc.get("best") or 0))
    if int(e.get("fatalities") or 0) > 0:
        out[_ALL_VICTIMS] = int(e["fatalities"])
    return {k: v for k, v in out.items() if v > 0}


@dataclass(frozen=True)
class Consensus:
    """How a story's main event compares with the other reports of the same event in the corpus."""

    story_id: str
    event_id: str | None
    reports: tuple[dict[str, Any], ...]  # one per other independent report: outlet, camp, facts
    figure: dict[str, Any] | None  # the most deviant victim group: own value, others' values, median
    figure_deviation: float  # |log(1 + own) - log(1 + median of the others)|, 0 without a comparison
    figure_outlier: bool  # 2+ other reports give a figure and none is within FATALITY_TOLERANCE of it
    perpetrator: dict[str, Any] | None  # own side and the others' majority side, when they differ
    place: dict[str, Any] | None  # own district and the others' majority district, when they differ
    date: dict[str, Any] | None  # own date and the others' median, when over a day apart


def _district(e: Record) -> str | None:
    """The district of a precisely placed event (linking already keeps a cluster in one governorate)."""
    place = e.get("place") or {}
    if not place.get("name") or int(place.get("geo_precision") or 3) > 2:
        return None
    return str(place.get("admin2") or place["name"])


def _majority(values: Sequence[str]) -> str | None:
    """The strict majority value, if any."""
    if not values:
        return None
    value, n = Counter(values).most_common(1)[0]
    return value if n * 2 > len(values) else None


def consensus(corpus: Corpus) -> dict[str, Consensus]:
    """Per story: its main event against the other reports of that event.

    The other reports are the stories (near-duplicates of the story excluded, near-duplicates of
    each other counted once) with an event in the main event's cluster, or whose own main event
    is of the same type, in the same governorate, within ``CONSENSUS_WINDOW_DAYS`` days.
    """
    groups = corpus.report_groups()
    ev_by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in corpus.events:
        ev_by_story[str(e["story_id"])].append(e)
    mains = {sid: main_event_of(evs) for sid, evs in ev_by_story.items()}
    by_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in corpus.events:
        by_cluster[corpus.event_clusters[str(e["event_id"])]].append(e)
    by_place_type: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for m in mains.values():
        a1 = (m.get("place") or {}).get("admin1") if m else None
        if m and a1 and _day(m.get("event_date")):
            by_place_type[(str(a1), str(m.get("event_type")))].append(m)
    out: dict[str, Consensus] = {}
    for sid in corpus.stories:
        m = mains.get(sid)
        if m is None:
            out[sid] = Consensus(sid, None, (), None, 0.0, False, None, None, None)
            continue
        own_group = groups.get(sid, sid)
        # one event per other report: the one in the main event's cluster, else its main event
        others: dict[str, dict[str, Any]] = {}
        for e in sorted(by_cluster[corpus.event_clusters[str(m["event_id"])]], key=lambda e: str(e["story_id"])):
            g = groups.get(str(e["story_id"]), str(e["story_id"]))
            if g != own_group:
                others.setdefault(g, e)
        a1, day = (m.get("place") or {}).get("admin1"), _day(m.get("event_date"))
        if a1 and day:
            for e in by_place_type.get((str(a1), str(m.get("event_type"))), []):
                g = groups.get(str(e["story_id"]), str(e["story_id"]))
                if g != own_group and abs((_day(e.get("event_date")) or 0) - day) <= CONSENSUS_WINDOW_DAYS:
                    others.setdefault(g, e)
        reports = []
        for e in sorted(others.values(), key=lambda e: str(e["story_id"])):
            story = corpus.stories.get(str(e["story_id"]), {})
            reports.append(
                {
                    "story_id": e["story_id"],
                    "event_id": e["event_id"],
                    "outlet": _story_outlet(story),
                    "camp": camp_of(_story_outlet(story)),
                    "killed": _killed_by_victims(e),
                    "side": (e.get("actor1") or {}).get("side") or _actor_side((e.get("actor1") or {}).get("name")),
                    "actor1": (e.get("actor1") or {}).get("name"),
                    "district": _district(e),
                    "event_date": e.get("event_date") if int(e.get("time_precision") or 3) == 1 else None,
                    "source": ", ".join(
                        sorted({str(fc["source"]) for fc in e.get("fatality_claims") or [] if fc.get("source")})
                    )
                    or None,
                }
            )
        out[sid] = _compare(sid, m, reports)
    return out


def _compare(sid: str, m: Record, reports: list[dict[str, Any]]) -> Consensus:
    own = _killed_by_victims(m)
    compared: list[tuple[bool, float, dict[str, Any]]] = []
    for group, value in sorted(own.items()):
        theirs = [(r["killed"][group], r) for r in reports if group in r["killed"]]
        if not theirs:
            continue
        med = float(median(v for v, _ in theirs))
        # the odd one out: two or more other reports give a figure and none is within tolerance
        odd = len(theirs) >= 2 and all(abs(value - v) > FATALITY_TOLERANCE * max(value, v) for v, _ in theirs)
        fig = {
            "victims": None if group == _ALL_VICTIMS else group,
            "value": value,
            "median_of_others": med,
            "others": [
                {"value": v, "outlet": r["outlet"], "source": r["source"], "story_id": r["story_id"]}
                for v, r in theirs
            ],
            "outlier": odd,
        }
        compared.append((odd, abs(math.log1p(value) - math.log1p(med)), fig))
    # the evidence shown is the odd-one-out figure if any, else the most deviant one
    outlier, _, figure = max(compared, key=lambda c: (c[0], c[1])) if compared else (False, 0.0, None)
    deviation = max((c[1] for c in compared), default=0.0)  # the largest, whichever figure is shown
    side = (m.get("actor1") or {}).get("side") or _actor_side((m.get("actor1") or {}).get("name"))
    perpetrator = None
    their_sides = [str(r["side"]) for r in reports if r["side"]]
    majority = _majority(their_sides)
    if side and majority and side != majority:
        perpetrator = {
            "value": (m.get("actor1") or {}).get("name"),
            "side": side,
            "others_side": majority,
            "others": [{"actor1": r["actor1"], "outlet": r["outlet"]} for r in reports if r["side"]],
        }
    place = None
    own_district = _district(m)
    their_district = _majority([str(r["district"]) for r in reports if r["district"]])
    if own_district and their_district and own_district != their_district:
        place = {
            "value": own_district,
            "others": their_district,
            "outlets": [r["outlet"] for r in reports if r["district"]],
        }
    date_ = None
    own_day = _day(m.get("event_date")) if int(m.get("time_precision") or 3) == 1 else None
    their_days = [d for d in (_day(r["event_date"]) for r in reports) if d]
    if own_day and their_days:
        med_day = int(median(their_days))
        if abs(own_day - med_day) > 1:
            date_ = {
                "value": m.get("event_date"),
                "others": date.fromordinal(med_day).isoformat(),
                "outlets": [r["outlet"] for r in reports if r["event_date"]],
            }
    return Consensus(
        sid, str(m["event_id"]), tuple(reports), figure, round(deviation, 4), outlier, perpetrator, place, date_
    )


# --- credibility ----------------------------------------------------------------

FEATURES = (
    "corroboration",
    "cross_camp",
    "contradicted",
    "named_sources",
    "unattributed",
    "loaded_density",
    "date_issue",
    "n_events",
    "sourced_figures",
    "other_reports",
    "figure_deviation",
    "figure_outlier",
    "perpetrator_dissent",
    "place_dissent",
    "date_dissent",
    "unsourced_figure",
)


@dataclass(frozen=True)
class CredibilityModel:
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    about: str = ""
    log_features: frozenset[str] = frozenset()  # counts enter the model as log(1 + x)


def model_input(name: str, value: float, model: CredibilityModel) -> float:
    """A feature value as the model sees it (counts are log-compressed so one outlier cannot dominate)."""
    return math.log1p(max(0.0, value)) if name in model.log_features else value


@lru_cache(maxsize=1)
def load_model() -> CredibilityModel:
    paths = data_files("credibility_model.json")
    if not paths:
        raise DataFileError("credibility_model.json not found in any data folder", "CW303")
    try:
        data = json.loads(paths[-1].read_text(encoding="utf-8"))
        feats = tuple(data["features"])
        return CredibilityModel(
            features=feats,
            coef=tuple(float(x) for x in data["coef"]),
            intercept=float(data["intercept"]),
            mean=tuple(float(x) for x in data.get("mean", [0.0] * len(feats))),
            scale=tuple(float(x) or 1.0 for x in data.get("scale", [1.0] * len(feats))),
            about=str(data.get("about", "")),
            log_features=frozenset(data.get("log_features", [])),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"{paths[-1]}: {exc}", "CW303") from exc


@dataclass
class StoryFeatures:
    story_id: str
    values: dict[str, float]
    evidence: dict[str, Any]


def story_features(
    corpus: Corpus, contras: Sequence[Contradiction] | None = None
) -> dict[str, StoryFeatures]:
    """The credibility features of every story, from crosswire's own extraction only."""
    contras = contradictions(corpus) if contras is None else contras
    corr = corroboration(corpus)
    agree = consensus(corpus)
    lex = load_framing()
    ev_by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in corpus.events:
        ev_by_story[str(e["story_id"])].append(e)
    cl_by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in corpus.claims:
        cl_by_story[str(claim["story_id"])].append(claim)
    contra_by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for con in contras:
        if len({str(v.get("story_id")) for v in con.values}) < 2 and con.kind in ("fatalities", "injuries"):
            # two sources quoted inside one story: the story reports the disagreement itself
            continue
        for v in con.values:
            contra_by_story[str(v.get("story_id"))].append(
                {
                    "kind": con.kind,
                    "cluster_id": con.cluster_id,
                    "value": v.get("value"),
                    "source": v.get("source"),
                }
            )
    out: dict[str, StoryFeatures] = {}
    for sid, s in corpus.stories.items():
        text = str(s.get("text") or "")
        n_words = max(1, len(text.split()))
        events = ev_by_story.get(sid, [])
        claims = cl_by_story.get(sid, [])
        best_corr: Corroboration | None = None
        for e in events:
            cand = corr.get(corpus.event_clusters[str(e["event_id"])])
            if cand and (best_corr is None or cand.score > best_corr.score):
                best_corr = cand
        uses = [u for u in term_uses(sid, text, lex) if u.loaded]
        named = [c for c in claims if c.get("speaker")]
        figures = [fc for e in events for fc in e.get("fatality_claims") or []]
        flags = list(s.get("date_flags") or [])
        pub = s.get("published")
        if isinstance(pub, Mapping):
            flags = list(pub.get("flags") or [])
        flags += [f for f in (s.get("flags") or []) if "date" in str(f) or "republication" in str(f)]
        ag = agree[sid]
        main = next((e for e in events if str(e["event_id"]) == ag.event_id), None)
        main_killed = [
            fc for fc in (main or {}).get("fatality_claims") or [] if fc.get("kind") == "killed" and fc.get("best")
        ]
        vals = {
            "corroboration": best_corr.score if best_corr else 0.0,
            "cross_camp": 1.0 if best_corr and best_corr.cross_camp else 0.0,
            "contradicted": float(len(contra_by_story.get(sid, []))),
            "named_sources": float(len(named)),
            "unattributed": float(len(claims) - len(named)),
            "loaded_density": round(100.0 * len(uses) / n_words, 3),
            "date_issue": 1.0 if flags else 0.0,
            "n_events": float(len(events)),
            "sourced_figures": float(sum(1 for f in figures if f.get("source"))),
            "other_reports": float(len(ag.reports)),
            "figure_deviation": ag.figure_deviation,
            "figure_outlier": 1.0 if ag.figure_outlier else 0.0,
            "perpetrator_dissent": 1.0 if ag.perpetrator else 0.0,
            "place_dissent": 1.0 if ag.place else 0.0,
            "date_dissent": 1.0 if ag.date else 0.0,
            "unsourced_figure": 1.0 if main_killed and not any(fc.get("source") for fc in main_killed) else 0.0,
        }
        evid: dict[str, Any] = {
            "corroboration": {
                "outlets": list(best_corr.outlets),
                "camps": list(best_corr.camps),
                "cluster_id": best_corr.cluster_id,
            }
            if best_corr
            else None,
            "cross_camp": list(best_corr.camps) if best_corr else None,
            "contradicted": contra_by_story.get(sid, [])[:5],
            "named_sources": sorted({str(c["speaker"]) for c in named})[:8],
            "unattributed": [
                (c.get("evidence") or {}).get("sentence") for c in claims if not c.get("speaker")
            ][:3],
            "loaded_density": [u.text for u in uses][:10],
            "date_issue": sorted(set(map(str, flags))),
            "n_events": [e.get("sub_event_type") for e in events][:5],
            "sourced_figures": [f"{f.get('best')} ({f.get('source')})" for f in figures if f.get("source")][
                :5
            ],
            "other_reports": [
                {"outlet": r["outlet"], "camp": r["camp"], "story_id": r["story_id"]} for r in ag.reports
            ][:8],
            "figure_deviation": ag.figure,
            "figure_outlier": ag.figure,
            "perpetrator_dissent": ag.perpetrator,
            "place_dissent": ag.place,
            "date_dissent": ag.date,
            "unsourced_figure": [(fc.get("evidence") or {}).get("sentence") for fc in main_killed][:2],
        }
        out[sid] = StoryFeatures(sid, vals, evid)
    return out


def _outlets(rows: Sequence[Mapping[str, Any]], limit: int = 4) -> str:
    names = []
    for r in rows:
        label = str(r.get("outlet") or "?")
        if r.get("source"):
            label = f"{r['source']} via {label}"
        if label not in names:
            names.append(label)
    more = f", +{len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _figure_text(fig: Mapping[str, Any]) -> str:
    what = f"{fig['victims']} killed" if fig.get("victims") else "killed"
    others = list(fig.get("others") or [])
    values = sorted(int(o["value"]) for o in others)
    said = str(values[0])
    if values[0] != values[-1]:
        said = f"{values[0]}-{values[-1]} (median {fig['median_of_others']:g})"
    n = len(others)
    return f"reports {fig['value']} {what} where {n} other report{'s' if n > 1 else ''} say {said} ({_outlets(others)})"


def reason_text(name: str, value: float, evidence: Any) -> str:
    """One readable sentence for a credibility factor and its evidence."""
    ev = evidence
    if name in ("figure_deviation", "figure_outlier"):
        if not ev:
            return "no other report of the same event gives a casualty figure to compare"
        text = _figure_text(ev)
        return text + (" (the odd one out)" if name == "figure_outlier" and value else "")
    if name == "perpetrator_dissent":
        if not ev:
            return "no disagreement with other reports on who did it"
        return (
            f"names {ev['value']} ({ev['side']}) as the perpetrator where other reports point to the"
            f" {ev['others_side']} side ({_outlets(ev['others'])})"
        )
    if name == "place_dissent":
        if not ev:
            return "no disagreement with other reports on the district"
        return f"places it in {ev['value']} where other reports say {ev['others']} ({', '.join(ev['outlets'][:4])})"
    if name == "date_dissent":
        if not ev:
            return "no disagreement with other reports on the date"
        return f"dates it {ev['value']} where other reports say {ev['others']} ({', '.join(ev['outlets'][:4])})"
    if name == "other_reports":
        if not ev:
            return "no other report of the same event in this corpus"
        return f"{len(ev)} other report{'s' if len(ev) > 1 else ''} of the same event ({_outlets(ev)})"
    if name == "unsourced_figure":
        if value:
            return "its casualty figure is attributed to no one"
        return "its casualty figure has a named source" if ev else "it gives no casualty figure for its main event"
    if name == "corroboration":
        if not ev or not value:
            return "its events are reported by no other independent report"
        return f"corroboration {value:g} from {', '.join(ev['outlets'][:5])}"
    if name == "cross_camp":
        if not value:
            return "not reported across opposing camps"
        return f"reported across opposing camps ({', '.join(ev or [])})"
    if name == "contradicted":
        return f"{int(value)} contradiction{'s' if value != 1 else ''} with other reports"
    if name == "named_sources":
        return f"{int(value)} named source{'s' if value != 1 else ''}" + (f" ({', '.join(ev[:4])})" if ev else "")
    if name == "unattributed":
        return f"{int(value)} unattributed claim{'s' if value != 1 else ''}"
    if name == "loaded_density":
        return f"{value:g} loaded terms per 100 words" + (f" ({', '.join(ev[:4])})" if ev else "")
    if name == "date_issue":
        return f"date problems: {', '.join(ev)}" if value else "no date problems"
    if name == "n_events":
        return f"{int(value)} event{'s' if value != 1 else ''} extracted"
    if name == "sourced_figures":
        return f"{int(value)} casualty figure{'s' if value != 1 else ''} with a named source"
    return f"{name} = {value:g}"


def score_story(feats: StoryFeatures, model: CredibilityModel | None = None) -> Credibility:
    """The calibrated score with one reason per factor (value, contribution to the log-odds, a sentence
    and the evidence), strongest contribution first."""
    model = model or load_model()
    z = model.intercept
    reasons: list[dict[str, Any]] = []
    for name, w, mu, sd in zip(model.features, model.coef, model.mean, model.scale, strict=True):
        x = float(feats.values.get(name, 0.0))
        contrib = w * (model_input(name, x, model) - mu) / sd
        z += contrib
        evidence = feats.evidence.get(name)
        reasons.append(
            {
                "factor": name,
                "value": x,
                "weight": round(contrib, 4),
                "text": reason_text(name, x, evidence),
                "evidence": evidence,
            }
        )
    reasons.sort(key=lambda r: -abs(float(r["weight"])))
    score = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return Credibility(feats.story_id, round(score, 4), tuple(reasons))


def credibility(corpus: Corpus, contras: Sequence[Contradiction] | None = None) -> list[Credibility]:
    model = load_model()
    feats = story_features(corpus, contras)
    return [score_story(feats[sid], model) for sid in sorted(feats)]


def score_batch(
    stories: Sequence[Story],
    events: Sequence[Event],
    claims: Sequence[Claim] = (),
    settings: Settings = DEFAULT,
) -> dict[str, Credibility]:
    """story_id -> credibility for one batch without a store, computed against that batch alone
    (``crosswire extract``: the records of one input file are the corpus): near-duplicates and
    same-event clusters are linked over the batch first."""
    from crosswire.link import duplicates
    from crosswire.link import events as event_links

    near = duplicates.near_duplicate_links([as_dict(s) for s in stories], settings)
    clusters = event_links.link_events(events, stories, near, settings).clusters
    corpus = Corpus.build(stories, events, claims, clusters, None, near)
    return {c.story_id: c for c in credibility(corpus)}


# --- the stage ------------------------------------------------------------------


@dataclass
class Verification:
    contradictions: list[Contradiction]
    corroboration: dict[str, Corroboration]
    framing: list[FramingRow]
    credibility: list[Credibility]


def cross_check(corpus: Corpus) -> Verification:
    contras = contradictions(corpus)
    return Verification(contras, corroboration(corpus), framing(corpus), credibility(corpus, contras))


def load_corpus(store: Any) -> Corpus:
    """Every story, event, claim and near-duplicate link of a store, with the stored cluster ids."""
    stories = store.stories()
    events = store.query("SELECT event_id, cluster_id, record FROM events ORDER BY event_id")
    claims = store.query("SELECT claim_id, cluster_id, record FROM claims ORDER BY claim_id")
    nd = store.query("SELECT a, b FROM links WHERE kind = 'near_duplicate'")
    ec = {str(e["event_id"]): str(e["cluster_id"]) for e in events if e.get("cluster_id")}
    cc = {str(c["claim_id"]): str(c["cluster_id"]) for c in claims if c.get("cluster_id")}
    return Corpus.build(stories, events, claims, ec, cc, [(r["a"], r["b"]) for r in nd])


def update(
    store: Any,
    settings: Settings = DEFAULT,
    event_clusters: Mapping[str, str] | None = None,
    claim_clusters: Mapping[str, str] | None = None,
) -> Verification:
    """Recompute contradictions and credibility over the store and write them (with the cluster ids)."""
    corpus = load_corpus(store)
    if event_clusters is not None:
        corpus.event_clusters.update(event_clusters)
    if claim_clusters is not None:
        corpus.claim_clusters = dict(claim_clusters)
    try:
        result = cross_check(corpus)
    except (ValueError, KeyError, TypeError, ZeroDivisionError) as exc:
        raise CrosswireError(f"verification failed: {exc}", "CW402") from exc
    store.replace_cross_checks(
        corpus.event_clusters, corpus.claim_clusters, result.contradictions, result.credibility
    )
    return result
