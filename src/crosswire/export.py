"""Export the store: articles, events and claims as CSV, JSON lines or GeoJSON.

Events use ACLED's column names (``event_id_cnty`` ... ``timestamp``) followed by crosswire's own
columns (``story_id``, ``outlet``, ``fatality_claims``, ``evidence``, ``cluster_id``,
``contradictions``, ``confidence``). In CSV the structured columns hold JSON text; in JSON lines
and GeoJSON they are JSON values. ``crosswire extract`` writes rows built by the same functions,
so its field names are the JSONL export's.

GeoJSON holds events only, one Point feature per event with coordinates. Events without
coordinates cannot be features: they are left out, counted in the returned summary (the CLI
prints the count to stderr) and in the collection's ``crosswire:skipped_without_coordinates``
member.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from crosswire.errors import UsageError
from crosswire.models import Claim, Event, Story, to_dict
from crosswire.store import Store

WHAT = ("articles", "events", "claims")
#: ACLED country names, ISO numeric codes and regions (bundled file plus the user's)
FORMATS = ("csv", "jsonl", "geojson")

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS = (
    "story_id",
    "outlet",
    "fatality_claims",
    "evidence",
    "cluster_id",
    "contradictions",
    "confidence",
)
EVENT_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
ARTICLE_COLUMNS = (
    "story_id",
    "input_id",
    "index",
    "title",
    "outlet",
    "publisher",
    "url",
    "published",
    "date_source",
    "date_confidence",
    "language",
    "flags",
    "credibility_score",
    "credibility",
    "text",
)
CLAIM_COLUMNS = (
    "claim_id",
    "story_id",
    "speaker",
    "speaker_actor",
    "reporting_verb",
    "quote",
    "content",
    "about_actor",
    "about_actors",
    "claim_type",
    "cluster_id",
    "evidence",
)
_JSON_COLUMNS = {"fatality_claims", "evidence", "contradictions", "flags", "credibility", "about_actors"}

#: ACLED's disorder type of each event type
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@dataclass(frozen=True)
class ExportSummary:
    written: int
    skipped_without_coordinates: int = 0


def _country(value: str | None) -> dict[str, str]:
    from crosswire.geocode import countries

    return countries().get((value or "").casefold(), {"country": value or "", "iso": "", "region": ""})


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first ("10" when there is no actor2)."""
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def event_row(
    event: Event | dict[str, Any],
    outlet: str | None = None,
    contradictions: Iterable[dict[str, Any]] = (),
    timestamp: int | None = None,
) -> dict[str, Any]:
    """One event as an ACLED-style row (structured columns as JSON values)."""
    ev = to_dict(event) if isinstance(event, Event) else event
    a1, a2, place = ev.get("actor1") or {}, ev.get("actor2") or {}, ev.get("place") or {}
    inter1, inter2 = a1.get("actor_type"), a2.get("actor_type")
    date = ev.get("event_date")
    country = _country(place.get("country"))
    return {
        "event_id_cnty": ev["event_id"],
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": ev.get("time_precision"),
        "disorder_type": DISORDER.get(ev.get("event_type") or "", ""),
        "event_type": ev.get("event_type"),
        "sub_event_type": ev.get("sub_event_type"),
        "actor1": a1.get("name"),
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": a2.get("name"),
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if ev.get("civilian_targeting") else "",
        "iso": int(country["iso"]) if country["iso"].isdigit() else None,
        "region": country["region"] or None,
        "country": country["country"] or None,
        "admin1": place.get("admin1"),
        "admin2": place.get("admin2"),
        "admin3": place.get("admin3"),
        "location": place.get("name"),
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": place.get("geo_precision"),
        "source": outlet,
        "source_scale": "",
        "notes": ev.get("notes", ""),
        "fatalities": ev.get("fatalities", 0),
        "tags": "",
        "timestamp": int(time.time()) if timestamp is None else timestamp,
        "story_id": ev.get("story_id"),
        "outlet": outlet,
        "fatality_claims": ev.get("fatality_claims", []),
        "evidence": ev.get("evidence", {}),
        "cluster_id": ev.get("cluster_id"),
        "contradictions": list(contradictions),
        "confidence": ev.get("confidence"),
    }


def article_row(story: Story | dict[str, Any]) -> dict[str, Any]:
    """One story as an article row (from a :class:`Story` or a ``stories`` table row)."""
    if isinstance(story, Story):
        return {
            "story_id": story.story_id,
            "input_id": story.input_id,
            "index": story.index,
            "title": story.title,
            "outlet": story.outlet,
            "publisher": story.publisher,
            "url": story.url,
            "published": story.published.value,
            "date_source": story.published.source,
            "date_confidence": story.published.confidence,
            "language": story.language,
            "flags": list(story.flags),
            "credibility_score": None,
            "credibility": None,
            "text": story.text,
        }
    published = story.get("published")
    flags = story.get("flags")
    return {
        "story_id": story["story_id"],
        "input_id": story.get("input_id"),
        "index": story.get("idx"),
        "title": story.get("title"),
        "outlet": story.get("outlet"),
        "publisher": story.get("publisher"),
        "url": story.get("url"),
        "published": _iso(published),
        "date_source": story.get("date_source"),
        "date_confidence": story.get("date_confidence"),
        "language": story.get("language"),
        "flags": json.loads(flags) if isinstance(flags, str) else (flags or []),
        "credibility_score": story.get("credibility_score"),
        "credibility": json.loads(cred) if isinstance(cred := story.get("credibility"), str) else cred,
        "text": story.get("text"),
    }


def _iso(value: Any) -> str | None:
    """A DATE column value (datetime.date from DuckDB, or already a string) as ISO text."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def claim_row(claim: Claim | dict[str, Any]) -> dict[str, Any]:
    """One claim as a row (structured columns as JSON values)."""
    c = to_dict(claim) if isinstance(claim, Claim) else claim
    row = {col: c.get(col) for col in CLAIM_COLUMNS}
    # every actor it is about, each with its evidence; a record stored before the field had one
    row["about_actors"] = c.get("about_actors") or []
    return row


def rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The rows of one kind of record, from the store."""
    if what == "articles":
        for r in store.stories():
            yield article_row(r)
    elif what == "events":
        contradictions: dict[str, list[dict[str, Any]]] = {}
        for c in store.query('SELECT cluster_id, kind, "values" FROM contradictions'):
            values = json.loads(c["values"]) if isinstance(c["values"], str) else c["values"]
            contradictions.setdefault(c["cluster_id"], []).append({"kind": c["kind"], "values": values})
        stamp = int(time.time())
        for r in store.query(
            "SELECT e.record, e.cluster_id, s.outlet, s.publisher FROM events e"
            " LEFT JOIN stories s USING (story_id) ORDER BY e.event_date NULLS LAST, e.story_id, e.event_id"
        ):
            ev = json.loads(r["record"]) if isinstance(r["record"], str) else dict(r["record"])
            ev["cluster_id"] = r["cluster_id"]
            yield event_row(
                ev, r["outlet"] or r["publisher"], contradictions.get(r["cluster_id"] or "", []), stamp
            )
    elif what == "claims":
        for r in store.query("SELECT record, cluster_id FROM claims ORDER BY story_id, claim_id"):
            c = json.loads(r["record"]) if isinstance(r["record"], str) else dict(r["record"])
            c["cluster_id"] = r["cluster_id"]
            yield claim_row(c)
    else:
        raise UsageError(f"cannot export {what!r}: choose one of {', '.join(WHAT)}", "CW901")


def _columns(what: str) -> tuple[str, ...]:
    return {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS, "claims": CLAIM_COLUMNS}[what]


def _csv_value(col: str, value: Any) -> Any:
    if col in _JSON_COLUMNS or isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def export(store: Store, what: str, fmt: str, out: TextIO) -> ExportSummary:
    """Write every record of kind ``what`` to ``out`` in format ``fmt`` (csv, jsonl, geojson)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}", "CW901")
    if what not in WHAT:
        raise UsageError(f"cannot export {what!r}: choose one of {', '.join(WHAT)}", "CW901")
    if fmt == "geojson" and what != "events":
        raise UsageError("GeoJSON export holds events only (they have coordinates)", "CW901")
    written = skipped = 0
    if fmt == "csv":
        cols = _columns(what)
        writer = csv.DictWriter(out, fieldnames=list(cols), extrasaction="ignore")
        writer.writeheader()
        for row in rows(store, what):
            writer.writerow({c: _csv_value(c, row.get(c)) for c in cols})
            written += 1
    elif fmt == "jsonl":
        for row in rows(store, what):
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            written += 1
    else:
        features = []
        for row in rows(store, what):
            lat, lon = row.get("latitude"), row.get("longitude")
            if lat is None or lon is None:
                skipped += 1
                continue
            props = {k: v for k, v in row.items() if k not in {"latitude", "longitude"}}
            features.append(
                {
                    "type": "Feature",
                    "id": row["event_id_cnty"],
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": props,
                }
            )
        written = len(features)
        json.dump(
            {
                "type": "FeatureCollection",
                "features": features,
                "crosswire:skipped_without_coordinates": skipped,
            },
            out,
            ensure_ascii=False,
            default=str,
        )
        out.write("\n")
    return ExportSummary(written, skipped)
