"""A self-contained static HTML report of a crosswire database.

``write_report(db_path, out_path)`` reads the store (events, claims, clusters,
stored contradictions and credibility), recomputes the parts verification does
not store (corroboration per cluster, the framing table) and renders
``templates/report.html.j2`` with Jinja2 autoescaping: every value taken from a
story is escaped, and evidence sentences are shown with the exact span marked.
The page has no external resources (inline CSS, no scripts).
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from crosswire import __version__, verify
from crosswire.store import Store, json_value


def highlight(evidence: Any) -> Markup:
    """The evidence sentence, escaped, with the evidence span wrapped in <mark>."""
    if not isinstance(evidence, Mapping):
        return Markup("")
    sentence = str(evidence.get("sentence") or evidence.get("text") or "")
    s0 = int(evidence.get("sentence_start") or 0)
    start = int(evidence.get("start") or 0) - s0
    end = int(evidence.get("end") or 0) - s0
    if not sentence:
        return Markup("")
    if 0 <= start < end <= len(sentence):
        return (
            escape(sentence[:start])
            + Markup("<mark>")
            + escape(sentence[start:end])
            + Markup("</mark>")
            + escape(sentence[end:])
        )
    return escape(sentence)


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("crosswire", "templates"),
        autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    env.filters["pct"] = lambda x: f"{100 * float(x):.0f}%"
    env.filters["signed"] = lambda x: f"{float(x):+.2f}"
    env.filters["tojson_short"] = lambda x: json.dumps(x, ensure_ascii=False)[:300]
    return env


def report_data(store: Store) -> dict[str, Any]:
    """Everything the report shows, as plain data (also useful as a JSON twin of the page)."""
    corpus = verify.load_corpus(store)
    stories = corpus.stories
    corr = verify.corroboration(corpus)
    framing = verify.framing(corpus)
    contras = [
        {"cluster_id": r["cluster_id"], "kind": r["kind"], "values": json_value(r["values"])}
        for r in store.query(
            'SELECT cluster_id, kind, "values" FROM contradictions ORDER BY cluster_id, kind'
        )
    ]
    contra_by_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in contras:
        contra_by_cluster[c["cluster_id"]].append(c)

    def story_meta(sid: str) -> dict[str, Any]:
        s = stories.get(sid, {})
        outlet = verify._story_outlet(s)
        return {
            "story_id": sid,
            "outlet": outlet,
            "camp": verify.camp_of(outlet),
            "title": s.get("title"),
            "url": s.get("url"),
            "published": verify._published(s),
        }

    cards: list[dict[str, Any]] = []
    for cid, members in corpus.clusters().items():
        n_stories = len({str(e["story_id"]) for e in members})
        if n_stories < 2 and cid not in contra_by_cluster:
            continue
        versions = []
        for e in sorted(
            members,
            key=lambda e: (verify._story_outlet(stories.get(str(e["story_id"]), {})), str(e["event_id"])),
        ):
            versions.append(
                {
                    "event": e,
                    "story": story_meta(str(e["story_id"])),
                    "evidence": verify._ev_evidence(e, "trigger", "event_type", "sub_event_type"),
                }
            )
        cards.append(
            {
                "cluster_id": cid,
                "title": f"{members[0].get('sub_event_type') or members[0].get('event_type')} — "
                + str((members[0].get("place") or {}).get("name") or "place unknown"),
                "versions": versions,
                "corroboration": corr.get(cid),
                "contradictions": contra_by_cluster.get(cid, []),
            }
        )
    cards.sort(key=lambda c: (-len(c["contradictions"]), -len(c["versions"]), c["cluster_id"]))

    claims_by_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in corpus.claims:
        kcid = corpus.claim_clusters.get(str(claim["claim_id"]))
        if kcid:
            claims_by_cluster[kcid].append({"claim": claim, "story": story_meta(str(claim["story_id"]))})
    claim_clusters: list[dict[str, Any]] = [
        {
            "cluster_id": cid,
            "members": members,
            "speakers": sorted({str(m["claim"].get("speaker") or "unattributed") for m in members}),
            "outlets": sorted({m["story"]["outlet"] for m in members}),
        }
        for cid, members in claims_by_cluster.items()
    ]
    claim_clusters.sort(key=lambda g: (-len(g["outlets"]), -len(g["members"]), g["cluster_id"]))

    # framing pivot: outlet -> side -> [(term, loaded, count, example)]
    pivot: dict[str, dict[str, list[verify.FramingRow]]] = defaultdict(lambda: defaultdict(list))
    for row in framing:
        pivot[row.outlet][row.side].append(row)
    lex = verify.load_framing()
    sides = [s for s in lex.sides if any(s in v for v in pivot.values())]

    cred = []
    for r in store.query(
        "SELECT story_id, credibility_score, credibility FROM stories ORDER BY credibility_score NULLS LAST"
    ):
        detail = json_value(r["credibility"]) or {}
        cred.append(
            {
                "story": story_meta(str(r["story_id"])),
                "score": r["credibility_score"],
                "reasons": detail.get("reasons", []) if isinstance(detail, dict) else [],
            }
        )

    multi = sum(1 for c in cards if len({v["story"]["story_id"] for v in c["versions"]}) > 1)
    counts = store.counts()
    kinds: dict[str, int] = defaultdict(int)
    for c in contras:
        kinds[c["kind"]] += 1
    summary = {
        "stories": counts["stories"],
        "outlets": len({verify._story_outlet(s) for s in stories.values()}),
        "events": counts["events"],
        "event_clusters_multi": multi,
        "cross_camp_clusters": sum(1 for c in corr.values() if c.cross_camp),
        "claims": counts["claims"],
        "claim_clusters": len(claim_clusters),
        "contradictions": len(contras),
        "contradiction_kinds": dict(sorted(kinds.items())),
    }
    return {
        "summary": summary,
        "cards": cards,
        "contradictions": contras,
        "claim_clusters": claim_clusters,
        "framing": {o: dict(v) for o, v in sorted(pivot.items())},
        "framing_sides": sides,
        "side_labels": lex.sides,
        "credibility": cred,
        "stories": {sid: story_meta(sid) for sid in stories},
    }


def _plain(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def report_json(store: Store) -> dict[str, Any]:
    """The report's data as plain JSON-ready values (the HTML page's JSON twin)."""
    return dict(_plain(report_data(store)))


def render_report(store: Store, title: str = "crosswire report") -> str:
    data = report_data(store)
    template = _env().get_template("report.html.j2")
    return template.render(
        title=title, version=__version__, generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), **data
    )


def write_report(
    db_path: str | Path,
    out_path: str | Path,
    title: str = "crosswire report",
    json_path: str | Path | None = None,
) -> Path:
    """Render the report for the database at ``db_path`` into ``out_path`` (one HTML file),
    and its data into ``json_path`` when given."""
    with Store(db_path, read_only=True) as store:
        html = render_report(store, title)
        data = report_json(store) if json_path is not None else None
    out = Path(out_path)
    out.write_text(html, encoding="utf-8")
    if json_path is not None:
        Path(json_path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return out
