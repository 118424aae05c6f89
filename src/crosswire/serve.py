"""The dashboard and its HTTP API: a FastAPI app over one crosswire database.

Every HTML view of the single-page dashboard (``/``, ``/events/{id}``, ``/stories/{id}``,
``/outlets``, ``/outlets/{name}``, ``/search``, ``/ingest``) has a JSON twin under ``/api``; the
OpenAPI schema is at ``/openapi.json``. The app is read-only unless it was created with a write
token: ingest and delete then need that token (``X-Crosswire-Token`` or ``Authorization: Bearer``).

DuckDB allows one writing process per file and, inside a process, one configuration per file.
So the server keeps no long-lived connection: each request opens the file read-only under a
process-wide lock and closes it, and a write (ingest, delete, full-text index rebuild) takes
the same lock and goes through :class:`crosswire.store.Store` / :func:`crosswire.pipeline.run`.
A ``crosswire run`` in another process can therefore write between requests; a request that
meets its lock gets a CW505 answer (503) instead of a crash.
"""

from __future__ import annotations

import glob
import hashlib
import hmac
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, File, Header, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crosswire import __version__
from crosswire.errors import CODES, CrosswireError, ServeError, StoreError
from crosswire.settings import DEFAULT, Settings
from crosswire.store import Store, json_value
from crosswire.store import rows as query_rows

WEB_DIR = Path(__file__).parent / "web"

#: the policy for every response: no inline script, nothing from elsewhere except the optional tiles
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: {tiles}; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

#: HTML views of the single-page app; each is served index.html and renders from its /api twin
HTML_VIEWS = (
    "/",
    "/events/{event_id}",
    "/stories/{story_id}",
    "/outlets",
    "/outlets/{outlet}",
    "/search",
    "/ingest",
)

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PAGE = 1000


# --- the database ------------------------------------------------------------


def fts_extension_path() -> str:
    """The FTS extension shipped by the ``duckdb-extension-fts`` wheel (loaded from file, no INSTALL)."""
    import duckdb_extension_fts

    base = os.path.dirname(duckdb_extension_fts.__file__)
    found = sorted(
        glob.glob(os.path.join(base, "extensions", f"v{duckdb.__version__}", "fts.duckdb_extension"))
    )
    found = found or sorted(glob.glob(os.path.join(base, "extensions", "*", "fts.duckdb_extension")))
    if not found:
        raise StoreError(f"no DuckDB fts extension under {base}", "CW201")
    return found[-1]


class Database:
    """Short-lived DuckDB connections to one file, serialised by a lock (see the module docstring)."""

    def __init__(self, path: str | Path, settings: Settings = DEFAULT) -> None:
        self.path = str(path)
        self.settings = settings
        self.lock = threading.RLock()
        self._fts = fts_extension_path()
        Store(self.path).close()  # create the file and schema if missing; checks the schema version

    @contextmanager
    def read(self, fts: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection for one request; ``fts`` loads the full-text extension too."""
        with self.lock:
            try:
                con = duckdb.connect(self.path, read_only=True)
            except duckdb.Error as exc:
                raise StoreError(f"database {self.path} is busy or unreadable: {exc}", "CW505") from exc
            try:
                if fts:
                    con.execute(f"LOAD '{self._fts}'")
                yield con
            finally:
                con.close()

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self.lock:
            store = Store(self.path)
            try:
                store.con.execute(f"LOAD '{self._fts}'")
                yield store
            finally:
                store.close()

    def stories_key(self) -> str:
        """Changes whenever a story is added, removed or rewritten."""
        with self.read() as con:
            row = con.execute(
                "SELECT count(*), coalesce(bit_xor(hash(story_id || coalesce(content_hash, ''))), 0)"
                " FROM stories"
            ).fetchone()
        return f"{row[0]}:{row[1]}" if row else "0:0"

    def ensure_fts(self) -> None:
        """(Re)build the full-text index over stories when they changed since it was built."""
        key = self.stories_key()
        with self.lock:
            with self.read() as con:
                row = con.execute("SELECT value FROM meta WHERE key = 'fts_stories'").fetchone()
            if row is not None and row[0] == key:
                return
            with self.write() as store:
                try:
                    store.con.execute(
                        "PRAGMA create_fts_index('stories', 'story_id', 'title', 'text', overwrite=1)"
                    )
                    store.con.execute("DELETE FROM meta WHERE key = 'fts_stories'")
                    store.con.execute("INSERT INTO meta VALUES ('fts_stories', ?)", [key])
                except duckdb.Error as exc:
                    raise StoreError(f"full-text index rebuild failed: {exc}", "CW203") from exc


# --- outlets and camps ----------------------------------------------------------


def outlet_camps() -> dict[str, str]:
    """Outlet name or alias (casefolded) -> camp, from the verify stage's outlet knowledge.

    verify reads every ``outlets.csv`` data file (bundled, then the user's CROSSWIRE_DATA);
    the dashboard uses the same table so camps agree everywhere.
    """
    from crosswire import verify

    return {alias: info.camp for alias, info in verify.load_outlets().items() if info.camp}


class _ReadStore:
    """The reading methods of :class:`Store` that ``verify.load_corpus`` uses, on a read-only connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return query_rows(self.con, sql, params)

    def stories(self, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return query_rows(self.con, f"SELECT * FROM stories {where} ORDER BY input_id, idx", params)


# --- filters ---------------------------------------------------------------------


@dataclass
class EventFilter:
    """The dashboard's filters, turned into one SQL WHERE clause over ``events e JOIN stories s``."""

    start: date | None = None
    end: date | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    outlet: str | None = None
    camp: str | None = None
    cluster_id: str | None = None
    story_id: str | None = None
    camps: dict[str, str] = field(default_factory=dict)

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.start is not None:
            clauses.append("e.event_date >= ?")
            params.append(self.start)
        if self.end is not None:
            clauses.append("e.event_date <= ?")
            params.append(self.end)
        for col, value in (
            ("e.admin1", self.admin1),
            ("e.event_type", self.event_type),
            ("e.sub_event_type", self.sub_event_type),
            ("s.outlet", self.outlet),
            ("e.cluster_id", self.cluster_id),
            ("e.story_id", self.story_id),
        ):
            if value:
                clauses.append(f"{col} = ?")
                params.append(value)
        if self.actor:
            clauses.append("(e.actor1 = ? OR e.actor2 = ?)")
            params += [self.actor, self.actor]
        if self.camp:
            outlets = [o for o, c in self.camps.items() if c == self.camp]
            if outlets:
                clauses.append(f"lower(s.outlet) IN ({', '.join('?' for _ in outlets)})")
                params += outlets
            else:
                clauses.append("FALSE")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


EVENT_COLUMNS = (
    "e.event_id, e.story_id, e.event_type, e.sub_event_type, e.actor1, e.actor2, e.civilian_targeting,"
    " e.location, e.country, e.admin1, e.admin2, e.admin3, e.latitude, e.longitude, e.geo_precision,"
    " e.event_date, e.time_precision, e.fatalities, e.confidence, e.cluster_id,"
    " s.outlet, s.publisher, s.title, s.url, s.published"
)
EVENT_FROM = "FROM events e JOIN stories s ON s.story_id = e.story_id"


def _with_camp(rows: list[dict[str, Any]], camps: dict[str, str]) -> list[dict[str, Any]]:
    for r in rows:
        r["camp"] = camps.get(str(r.get("outlet") or "").lower())
    return rows


# --- highlighting ------------------------------------------------------------------


def evidence_spans(record: dict[str, Any], label: str, kind: str = "event") -> list[dict[str, Any]]:
    """Every Evidence inside a stored event/claim record, as ``{start, end, label, kind}`` spans.

    ``sentence_start``/``sentence_end`` ride along so a caller can tell which sentences carry a record;
    ``part`` says which story field the offsets index ("text", or "title" for a headline's claim).
    """
    out: list[dict[str, Any]] = []

    def visit(value: Any, name: str) -> None:
        if isinstance(value, dict):
            if {"story_id", "start", "end"} <= value.keys() and isinstance(value.get("start"), int):
                out.append(
                    {
                        "start": value["start"],
                        "end": value["end"],
                        "label": f"{label}: {name}",
                        "kind": kind,
                        "sentence_start": value.get("sentence_start") or value["start"],
                        "sentence_end": value.get("sentence_end") or value["end"],
                        "part": value.get("part") or "text",
                    }
                )
                return
            for k, v in value.items():
                visit(v, k if name in ("", "evidence") else f"{name}.{k}" if k != "evidence" else name)
        elif isinstance(value, list):
            for v in value:
                visit(v, name)

    visit(record, "")
    return out


def mark_segments(text: str, spans: Sequence[dict[str, Any]], part: str = "text") -> list[dict[str, Any]]:
    """Split ``text`` at every span boundary: non-overlapping segments with the labels covering each.

    The browser renders plain segments as text nodes and labelled ones as ``<mark>`` elements
    (``textContent`` only), so hostile article text can never become markup. ``text`` is the
    story field ``part``; spans into another field (a title's claim, when marking the body) are left out.
    """
    n = len(text)
    valid = [
        s for s in spans if s.get("part", "text") == part and 0 <= int(s["start"]) < int(s["end"]) <= n
    ]
    cuts = sorted({0, n, *(int(s["start"]) for s in valid), *(int(s["end"]) for s in valid)})
    segments: list[dict[str, Any]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        over = [s for s in valid if int(s["start"]) <= a and b <= int(s["end"])]
        labels = sorted({s["label"] for s in over})
        if segments and segments[-1]["labels"] == labels:
            segments[-1]["end"] = b
            segments[-1]["text"] += text[a:b]
        else:
            kinds = sorted({s.get("kind", "event") for s in over})
            segments.append({"start": a, "end": b, "text": text[a:b], "labels": labels, "kinds": kinds})
    return segments


def escape_html(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def highlight_html(text: str, spans: Sequence[dict[str, Any]]) -> str:
    """The same segments as escaped HTML with ``<mark>`` elements (for exports and the JSON twin)."""
    parts = []
    for seg in mark_segments(text, spans):
        body = escape_html(seg["text"])
        if seg["labels"]:
            parts.append(f'<mark title="{escape_html("; ".join(seg["labels"]))}">{body}</mark>')
        else:
            parts.append(body)
    return "".join(parts)


# --- read queries (the API's library functions) ------------------------------------


class Queries:
    """The read side of the API, each a plain function of a connection and typed arguments."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def meta(self) -> dict[str, Any]:
        camps = outlet_camps()
        with self.db.read() as con:
            counts = {
                t: int(query_rows(con, f"SELECT count(*) AS n FROM {t}")[0]["n"])
                for t in ("inputs", "stories", "events", "claims", "links", "contradictions")
            }

            def distinct(sql: str) -> list[Any]:
                return [r["v"] for r in query_rows(con, sql) if r["v"] is not None]

            span = query_rows(con, "SELECT min(event_date) AS lo, max(event_date) AS hi FROM events")[0]
            facets = {
                "event_types": distinct("SELECT DISTINCT event_type AS v FROM events ORDER BY 1"),
                "sub_event_types": distinct("SELECT DISTINCT sub_event_type AS v FROM events ORDER BY 1"),
                "governorates": distinct("SELECT DISTINCT admin1 AS v FROM events ORDER BY 1"),
                "actors": distinct(
                    "SELECT DISTINCT v FROM (SELECT actor1 AS v FROM events UNION SELECT actor2 FROM events)"
                    " ORDER BY 1"
                ),
                "outlets": distinct("SELECT DISTINCT outlet AS v FROM stories ORDER BY 1"),
            }
        outlets = {str(o).lower() for o in facets["outlets"]}
        facets["camps"] = sorted({c for o, c in camps.items() if o in outlets})
        return {
            "version": __version__,
            "counts": counts,
            "date_range": [span["lo"], span["hi"]],
            "facets": facets,
        }

    def events(self, f: EventFilter, limit: int, offset: int) -> dict[str, Any]:
        where, params = f.where()
        with self.db.read() as con:
            total = int(query_rows(con, f"SELECT count(*) AS n {EVENT_FROM} {where}", params)[0]["n"])
            items = query_rows(
                con,
                f"SELECT {EVENT_COLUMNS} {EVENT_FROM} {where}"
                " ORDER BY e.event_date DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        return {"total": total, "limit": limit, "offset": offset, "items": _with_camp(items, f.camps)}

    def geojson(self, f: EventFilter) -> dict[str, Any]:
        where, params = f.where()
        extra = "e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
        where = f"{where} AND {extra}" if where else f"WHERE {extra}"
        with self.db.read() as con:
            rows = _with_camp(
                query_rows(con, f"SELECT {EVENT_COLUMNS} {EVENT_FROM} {where} ORDER BY e.event_id", params),
                f.camps,
            )
        features = []
        for r in rows:
            lon, lat = r.pop("longitude"), r.pop("latitude")
            features.append(
                {
                    "type": "Feature",
                    "id": r["event_id"],
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": r,
                }
            )
        return {"type": "FeatureCollection", "features": features}

    def timeline(self, f: EventFilter, bucket: str) -> dict[str, Any]:
        where, params = f.where()
        extra = "e.event_date IS NOT NULL"
        where = f"{where} AND {extra}" if where else f"WHERE {extra}"
        unit = "week" if bucket == "week" else "day"
        with self.db.read() as con:
            rows = query_rows(
                con,
                f"SELECT date_trunc('{unit}', e.event_date)::DATE AS period, e.event_type, count(*) AS n,"
                f" sum(coalesce(e.fatalities, 0)) AS fatalities {EVENT_FROM} {where}"
                " GROUP BY 1, 2 ORDER BY 1, 2",
                params,
            )
        return {"bucket": unit, "items": rows}

    def _stories_by_id(
        self, con: duckdb.DuckDBPyConnection, ids: Sequence[str], camps: dict[str, str]
    ) -> dict[str, Any]:
        if not ids:
            return {}
        rows = query_rows(
            con,
            "SELECT story_id, input_id, title, text, outlet, publisher, url, published, language,"
            f" credibility_score, credibility FROM stories WHERE story_id IN ({', '.join('?' for _ in ids)})",
            list(ids),
        )
        for r in rows:
            r["credibility"] = json_value(r["credibility"])
        return {r["story_id"]: r for r in _with_camp(rows, camps)}

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with every report of the same real event (its cluster), side by side."""
        camps = outlet_camps()
        with self.db.read() as con:
            found = query_rows(con, "SELECT cluster_id FROM events WHERE event_id = ?", [event_id])
            if not found:
                return None
            cluster_id = found[0]["cluster_id"]
            cond, key = ("e.cluster_id = ?", cluster_id) if cluster_id else ("e.event_id = ?", event_id)
            events = query_rows(
                con,
                f"SELECT {EVENT_COLUMNS}, e.record {EVENT_FROM} WHERE {cond} ORDER BY s.outlet, e.event_id",
                [key],
            )
            story_ids = sorted({e["story_id"] for e in events})
            stories = self._stories_by_id(con, story_ids, camps)
            claims = query_rows(
                con,
                "SELECT claim_id, story_id, speaker, speaker_actor, reporting_verb, quote, content,"
                " about_actor, claim_type, cluster_id, record FROM claims"
                f" WHERE story_id IN ({', '.join('?' for _ in story_ids)})"
                " ORDER BY story_id, claim_id",
                story_ids,
            )
            contradictions = (
                query_rows(
                    con,
                    'SELECT cluster_id, kind, "values" FROM contradictions'
                    " WHERE cluster_id = ? ORDER BY kind",
                    [cluster_id],
                )
                if cluster_id
                else []
            )
        _with_camp(events, camps)
        for e in events:
            e["record"] = json_value(e["record"])
        for c in claims:
            c["record"] = json_value(c["record"])
        for c in contradictions:
            c["values"] = json_value(c["values"])
        reports = []
        for sid in story_ids:
            story = stories.get(sid)
            if story is None:
                continue
            own = [e for e in events if e["story_id"] == sid]
            spans = [s for e in own for s in evidence_spans(e["record"], e["sub_event_type"] or "event")]
            # claims made in the sentences that carry this event; the story's other claims apart
            sentences = [(s["sentence_start"], s["sentence_end"]) for s in spans]
            near: list[dict[str, Any]] = []
            other: list[dict[str, Any]] = []
            for c in (c for c in claims if c["story_id"] == sid):
                c_spans = evidence_spans(c["record"], f"claim ({c['claim_type']})", kind="claim")
                touches = any(
                    x["part"] == "text" and x["start"] < s1 and s0 < x["end"]
                    for x in c_spans
                    for (s0, s1) in sentences
                )
                (near if touches else other).append(c)
                if touches:
                    spans += c_spans
            reports.append(
                {
                    "story": story,
                    "events": own,
                    "claims": near,
                    "other_claims": other,
                    "fatality_claims": [
                        fc for e in own for fc in (e["record"] or {}).get("fatality_claims", [])
                    ],
                    "segments": mark_segments(story["text"] or "", spans),
                }
            )
        main = next(e for e in events if e["event_id"] == event_id)
        return {"event": main, "cluster_id": cluster_id, "reports": reports, "contradictions": contradictions}

    def clusters(self, f: EventFilter, limit: int, offset: int) -> dict[str, Any]:
        where, params = f.where()
        extra = "e.cluster_id IS NOT NULL"
        where = f"{where} AND {extra}" if where else f"WHERE {extra}"
        with self.db.read() as con:
            sql = (
                "SELECT e.cluster_id, count(*) AS n_events, count(DISTINCT s.outlet) AS n_outlets,"
                " list(DISTINCT s.outlet ORDER BY s.outlet) AS outlets, min(e.event_date) AS first_date,"
                " max(e.event_date) AS last_date, max(e.fatalities) AS max_fatalities,"
                " min(e.fatalities) AS min_fatalities, any_value(e.sub_event_type) AS sub_event_type,"
                " any_value(e.location) AS location, min(e.event_id) AS event_id,"
                " (SELECT count(*) FROM contradictions c WHERE c.cluster_id = e.cluster_id)"
                " AS n_contradictions"
                f" {EVENT_FROM} {where} GROUP BY e.cluster_id"
            )
            total = int(query_rows(con, f"SELECT count(*) AS n FROM ({sql})", params)[0]["n"])
            items = query_rows(
                con,
                f"{sql} ORDER BY n_outlets DESC, first_date DESC NULLS LAST, e.cluster_id LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    def claims(
        self,
        story_id: str | None,
        cluster_id: str | None,
        claim_type: str | None,
        speaker: str | None,
        outlet: str | None,
        limit: int,
        offset: int,
    ) -> dict[str, Any]:
        clauses, params = [], []
        for col, value in (
            ("c.story_id", story_id),
            ("c.cluster_id", cluster_id),
            ("c.claim_type", claim_type),
            ("s.outlet", outlet),
        ):
            if value:
                clauses.append(f"{col} = ?")
                params.append(value)
        if speaker:
            clauses.append("(c.speaker ILIKE ? OR c.speaker_actor ILIKE ?)")
            params += [f"%{speaker}%", f"%{speaker}%"]
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        base = "FROM claims c JOIN stories s ON s.story_id = c.story_id"
        with self.db.read() as con:
            total = int(query_rows(con, f"SELECT count(*) AS n {base} {where}", params)[0]["n"])
            items = query_rows(
                con,
                "SELECT c.claim_id, c.story_id, c.speaker, c.speaker_actor, c.reporting_verb, c.quote,"
                f" c.content, c.about_actor, c.claim_type, c.cluster_id, s.outlet {base} {where}"
                " ORDER BY c.claim_id LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    def stories(self, outlet: str | None, limit: int, offset: int) -> dict[str, Any]:
        where, params = ("WHERE outlet = ?", [outlet]) if outlet else ("", [])
        with self.db.read() as con:
            total = int(query_rows(con, f"SELECT count(*) AS n FROM stories {where}", params)[0]["n"])
            items = query_rows(
                con,
                "SELECT story_id, input_id, title, outlet, publisher, url, published, language,"
                f" length(text) AS chars, credibility_score FROM stories {where}"
                " ORDER BY published DESC NULLS LAST, story_id LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        return {"total": total, "limit": limit, "offset": offset, "items": _with_camp(items, outlet_camps())}

    def story(self, story_id: str) -> dict[str, Any] | None:
        camps = outlet_camps()
        with self.db.read() as con:
            found = self._stories_by_id(con, [story_id], camps)
            if not found:
                return None
            events = query_rows(
                con,
                "SELECT event_id, sub_event_type, record FROM events WHERE story_id = ? ORDER BY event_id",
                [story_id],
            )
            claims = query_rows(
                con,
                "SELECT claim_id, claim_type, record FROM claims WHERE story_id = ? ORDER BY claim_id",
                [story_id],
            )
        story = found[story_id]
        spans = [
            s for e in events for s in evidence_spans(json_value(e["record"]), e["sub_event_type"] or "event")
        ]
        spans += [
            s
            for c in claims
            for s in evidence_spans(json_value(c["record"]), f"claim ({c['claim_type']})", kind="claim")
        ]
        story["event_ids"] = [e["event_id"] for e in events]
        story["claim_ids"] = [c["claim_id"] for c in claims]
        story["segments"] = mark_segments(story["text"] or "", spans)
        story["title_segments"] = mark_segments(story["title"] or "", spans, part="title")
        return story

    def search(self, q: str, limit: int, offset: int) -> dict[str, Any]:
        self.db.ensure_fts()
        with self.db.read(fts=True) as con:
            base = (
                "FROM (SELECT story_id, title, outlet, published, text,"
                " fts_main_stories.match_bm25(story_id, ?) AS score FROM stories) WHERE score IS NOT NULL"
            )
            total = int(query_rows(con, f"SELECT count(*) AS n {base}", [q])[0]["n"])
            items = query_rows(
                con,
                f"SELECT story_id, title, outlet, published, score, text {base}"
                " ORDER BY score DESC, story_id LIMIT ? OFFSET ?",
                [q, limit, offset],
            )
        terms = [t for t in re.findall(r"\w+", q.lower()) if len(t) > 1]
        for item in items:
            text = item.pop("text") or ""
            item["snippet"] = _snippet(text, terms)
        return {
            "q": q,
            "total": total,
            "limit": limit,
            "offset": offset,
            "items": _with_camp(items, outlet_camps()),
        }

    def outlets(self) -> list[dict[str, Any]]:
        camps = outlet_camps()
        with self.db.read() as con:
            rows = query_rows(
                con,
                """
                WITH ev AS (
                    SELECT e.event_id, e.cluster_id, s.outlet, s.story_id
                    FROM events e JOIN stories s USING (story_id)
                ), corroborated AS (
                    SELECT DISTINCT a.event_id FROM ev a JOIN ev b
                    ON a.cluster_id = b.cluster_id AND b.outlet IS DISTINCT FROM a.outlet
                ), contradicted AS (
                    SELECT DISTINCT e.event_id FROM ev e JOIN contradictions c ON c.cluster_id = e.cluster_id
                    WHERE c."values"::VARCHAR LIKE '%' || e.story_id || '%'
                ), per_outlet AS (
                    SELECT outlet, count(*) AS n_stories, avg(credibility_score) AS mean_credibility
                    FROM stories GROUP BY outlet
                )
                SELECT p.outlet, p.n_stories, p.mean_credibility, count(ev.event_id) AS n_events,
                       count(corroborated.event_id) AS n_corroborated,
                       count(contradicted.event_id) AS n_contradicted
                FROM per_outlet p
                LEFT JOIN ev ON ev.outlet IS NOT DISTINCT FROM p.outlet
                LEFT JOIN corroborated ON corroborated.event_id = ev.event_id
                LEFT JOIN contradicted ON contradicted.event_id = ev.event_id
                GROUP BY p.outlet, p.n_stories, p.mean_credibility
                ORDER BY p.n_stories DESC, p.outlet
                """,
            )
            cross = query_rows(
                con,
                "SELECT s.outlet, e.cluster_id FROM events e JOIN stories s USING (story_id)"
                " WHERE e.cluster_id IS NOT NULL",
            )
            corroboration = self._verification(con)[1]
        n_cross: dict[Any, int] = {}
        for r in cross:
            c = corroboration.get(r["cluster_id"])
            if c is not None and c.cross_camp:
                n_cross[r["outlet"]] = n_cross.get(r["outlet"], 0) + 1
        for row in rows:
            row["n_cross_camp"] = n_cross.get(row["outlet"], 0)
        return _with_camp(rows, camps)

    def _verification(self, con: duckdb.DuckDBPyConnection) -> tuple[Any, dict[str, Any]]:
        """The verify stage's corpus and its per-cluster corroboration (computed, not stored)."""
        from crosswire import verify

        corpus = verify.load_corpus(_ReadStore(con))
        return corpus, verify.corroboration(corpus)

    def outlet(self, name: str) -> dict[str, Any] | None:
        summary = next((o for o in self.outlets() if o["outlet"] == name), None)
        if summary is None:
            return None
        from crosswire import verify

        with self.db.read() as con:
            stories = query_rows(
                con,
                "SELECT story_id, title, published, credibility_score FROM stories WHERE outlet = ?"
                " ORDER BY published DESC NULLS LAST, story_id",
                [name],
            )
            # framing needs only this outlet's own stories (with their text)
            corpus = verify.Corpus.build(
                _ReadStore(con).stories("WHERE outlet = ?", [name]), [], [], {}, {}, []
            )
            actors = query_rows(
                con,
                "SELECT v AS actor, count(*) AS n FROM ("
                " SELECT e.actor1 AS v FROM events e JOIN stories s USING (story_id) WHERE s.outlet = ?"
                " UNION ALL"
                " SELECT e.actor2 FROM events e JOIN stories s USING (story_id) WHERE s.outlet = ?)"
                " WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v",
                [name, name],
            )
        rows = [r for r in verify.framing(corpus) if r.outlet == name]
        summary["framing"] = [
            {
                "actor": r.side,
                "term": r.term,
                "loaded": r.loaded,
                "count": r.count,
                "n_stories": len(r.stories),
                "examples": r.examples,
            }
            for r in sorted(rows, key=lambda r: (-r.count, r.side, r.term))
        ]
        summary["actors"] = actors
        summary["stories"] = stories
        return summary


def _snippet(text: str, terms: Sequence[str], width: int = 160) -> str:
    low = text.lower()
    hits = [i for i in (low.find(t) for t in terms) if i >= 0]
    at = min(hits) if hits else 0
    lo = max(0, at - width // 3)
    if lo:  # start on a word boundary
        space = text.find(" ", lo)
        lo = space + 1 if 0 <= space < at else lo
    return (
        ("…" if lo else "")
        + text[lo : lo + width].replace("\n", " ")
        + ("…" if lo + width < len(text) else "")
    )


# --- writes -------------------------------------------------------------------------

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    """The base name of an uploaded file, reduced to harmless characters (no paths, no dotfiles)."""
    base = _SAFE_NAME.sub("_", os.path.basename(name.replace("\\", "/"))).strip("._")
    return base[:120] or "upload"


def ingest_files(
    db: Database, files: Sequence[tuple[str, bytes]], settings: Settings = DEFAULT
) -> list[dict[str, Any]]:
    """Write uploaded files to a private temporary folder and run the whole pipeline on them.

    Returns one result per file: its status, error code and message, and how many stories it gave.
    """
    from crosswire.pipeline import run as run_pipeline

    with tempfile.TemporaryDirectory(prefix="crosswire-upload-") as tmp:
        paths: list[tuple[str, str]] = []
        for i, (name, content) in enumerate(files):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            target = folder / safe_filename(name)
            target.write_bytes(content)
            paths.append((name, str(target)))
        with db.lock:
            summary = run_pipeline([p for _, p in paths], db.path, settings)
            failures = {r.path: r for r in summary.failures}
            results = []
            with db.read() as con:
                for name, path in paths:
                    sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
                    results.append({"file": name, **_input_result(con, path, sha, failures.get(path))})
        db.ensure_fts()
    for r in results:
        r["stage_errors"] = list(summary.stage_errors)
    return results


def _input_result(con: duckdb.DuckDBPyConnection, path: str, sha: str, failed: Any) -> dict[str, Any]:
    """What happened to one uploaded file: the pipeline's failure record, else what the store holds."""
    if failed is not None:
        return {
            "status": failed.status.value,
            "error_code": failed.error_code,
            "message": failed.message,
            "n_stories": failed.n_stories,
            "input_id": failed.input_id,
        }
    cols = "SELECT input_id, status, error_code, message, n_stories FROM inputs"
    row = query_rows(con, f"{cols} WHERE path = ? ORDER BY seen_at DESC LIMIT 1", [path])
    if row:
        return row[0]
    # not written this time: an input with the same content hash was stored before
    row = query_rows(con, f"{cols} WHERE input_id = ? OR input_id LIKE ? LIMIT 1", [sha, f"{sha}%"])
    if row:
        return {**row[0], "status": "skipped", "error_code": "CW112", "message": CODES["CW112"]}
    return {
        "status": "failed",
        "error_code": "CW110",
        "message": CODES["CW110"],
        "n_stories": 0,
        "input_id": None,
    }


def delete_input(db: Database, input_id: str, settings: Settings = DEFAULT) -> dict[str, int]:
    """Remove one input with its stories and what was extracted from them, then re-link the corpus."""
    with db.write() as store:
        ids = [
            r["story_id"] for r in store.query("SELECT story_id FROM stories WHERE input_id = ?", [input_id])
        ]
        exists = store.query("SELECT count(*) AS n FROM inputs WHERE input_id = ?", [input_id])[0]["n"]
        if not exists:
            raise ServeError(f"no input {input_id}", "CW504")
        with store.transaction() as con:
            for sid in ids:
                con.execute("DELETE FROM events WHERE story_id = ?", [sid])
                con.execute("DELETE FROM claims WHERE story_id = ?", [sid])
                con.execute("DELETE FROM stories WHERE story_id = ?", [sid])
            con.execute("DELETE FROM inputs WHERE input_id = ?", [input_id])
        try:
            from crosswire import link

            link.update(store, settings)
        except CrosswireError:
            pass  # the deletion stands; stale links are recomputed by the next run
    db.ensure_fts()
    return {"stories_deleted": len(ids)}


Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]


def event_filter(
    start: Annotated[date | None, Query(description="first event date (inclusive)")] = None,
    end: Annotated[date | None, Query(description="last event date (inclusive)")] = None,
    governorate: Annotated[str | None, Query(description="admin1 as stored on the event")] = None,
    actor: Annotated[str | None, Query(description="actor1 or actor2")] = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    outlet: str | None = None,
    camp: str | None = None,
    cluster_id: str | None = None,
    story_id: str | None = None,
) -> EventFilter:
    """The dashboard's filters as query parameters (shared by events, GeoJSON, timeline, clusters)."""
    return EventFilter(
        start,
        end,
        governorate,
        actor,
        event_type,
        sub_event_type,
        outlet,
        camp,
        cluster_id,
        story_id,
        camps=outlet_camps(),
    )


Filters = Annotated[EventFilter, Depends(event_filter)]


# --- the app --------------------------------------------------------------------------


class SecurityHeaders:
    """CSP, nosniff and friends on every response; refuses request bodies over the limit early."""

    def __init__(self, app: ASGIApp, csp: str, max_body: int) -> None:
        self.app = app
        self.csp = csp
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _error(413, "CW502", f"request body over {self.max_body} bytes")(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", self.csp.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def create_app(
    db_path: str | Path,
    write_token: str | None = None,
    tile_url: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    settings: Settings = DEFAULT,
) -> FastAPI:
    """The dashboard and API over the database at ``db_path`` (created if missing).

    Without ``write_token`` the app is read-only: ingest and delete answer 403 (CW501).
    ``tile_url`` (an ``{z}/{x}/{y}`` template) adds a tile layer under the bundled outlines.
    """
    db = Database(db_path, settings)
    q = Queries(db)
    app = FastAPI(
        title="crosswire",
        version=__version__,
        description="Cross-checked, geolocated conflict events: JSON twins of every dashboard view.",
    )
    tiles_origin = ""
    if tile_url:
        m = re.match(r"^(https?://[^/{}]+)", tile_url.replace("{s}.", ""))
        tiles_origin = (m.group(1) if m else "") + (
            " https://*." + m.group(1).split("://")[1] if m and "{s}" in tile_url else ""
        )
    app.add_middleware(
        SecurityHeaders,
        csp=CSP.format(tiles=tiles_origin).replace("  ", " "),
        max_body=max_upload_bytes + 64 * 1024,
    )
    app.state.db = db

    @app.exception_handler(CrosswireError)
    async def crosswire_error(request: Request, exc: CrosswireError) -> JSONResponse:
        status = {"CW501": 403, "CW502": 413, "CW503": 400, "CW504": 404}.get(exc.code, 503)
        return _error(status, exc.code, exc.message)

    @app.exception_handler(duckdb.Error)
    async def database_error(request: Request, exc: duckdb.Error) -> JSONResponse:
        return _error(503, "CW505", f"{CODES['CW505']}: {exc}"[:500])

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()
        )
        multipart = request.url.path == "/api/ingest"
        return _error(400 if multipart else 422, "CW503" if multipart else "CW506", problems[:500])

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = "CW504" if exc.status_code == 404 else "CW503"
        return _error(exc.status_code, code, str(exc.detail))

    def require_token(token: str | None, authorization: str | None) -> None:
        if write_token is None:
            raise ServeError("this server is read-only (start it with --write-token)", "CW501")
        given = token or (
            authorization[7:] if authorization and authorization.lower().startswith("bearer ") else ""
        )
        if not hmac.compare_digest(given.encode(), write_token.encode()):
            raise ServeError("write token missing or wrong", "CW501")

    @app.get("/api/meta", tags=["meta"])
    def api_meta() -> dict[str, Any]:
        """Counts, filter facets, and how this server was started (writable, tile URL)."""
        return {
            **q.meta(),
            "write_enabled": write_token is not None,
            "tile_url": tile_url,
            "max_upload_bytes": max_upload_bytes,
        }

    @app.get("/api/events", tags=["events"])
    def api_events(f: Filters, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Events (flattened ACLED-style columns plus outlet and camp), filtered and paginated."""
        return q.events(f, limit, offset)

    @app.get("/api/events.geojson", tags=["events"])
    def api_events_geojson(f: Filters) -> Response:
        """The filtered events with coordinates, as a GeoJSON FeatureCollection."""
        body = json.dumps(q.geojson(f), default=str, ensure_ascii=False, separators=(",", ":"))
        return Response(body, media_type="application/geo+json")

    @app.get("/api/timeline", tags=["events"])
    def api_timeline(
        f: Filters, bucket: Annotated[str, Query(pattern="^(day|week)$")] = "day"
    ) -> dict[str, Any]:
        """Events and fatalities per day or week and event type."""
        return q.timeline(f, bucket)

    @app.get("/api/events/{event_id}", tags=["events"])
    def api_event(event_id: str) -> dict[str, Any]:
        """One event with every linked report side by side: figures, evidence marks, contradictions."""
        found = q.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return found

    @app.get("/api/clusters", tags=["events"])
    def api_clusters(f: Filters, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Clusters of events (reports of the same real event), most outlets first."""
        return q.clusters(f, limit, offset)

    @app.get("/api/claims", tags=["claims"])
    def api_claims(
        story_id: str | None = None,
        cluster_id: str | None = None,
        claim_type: str | None = None,
        speaker: str | None = None,
        outlet: str | None = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Attributed claims, filtered and paginated."""
        return q.claims(story_id, cluster_id, claim_type, speaker, outlet, limit, offset)

    @app.get("/api/stories", tags=["stories"])
    def api_stories(outlet: str | None = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        """Stories (without text), newest first."""
        return q.stories(outlet, limit, offset)

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """One story with its text and evidence marks."""
        found = q.story(story_id)
        if found is None:
            raise HTTPException(404, f"no story {story_id}")
        return found

    @app.get("/api/search", tags=["stories"])
    def api_search(
        q_: Annotated[str, Query(alias="q", min_length=1, max_length=500)],
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search (BM25) over story titles and text."""
        return q.search(q_, limit, offset)

    @app.get("/api/outlets", tags=["outlets"])
    def api_outlets() -> dict[str, Any]:
        """Every outlet with its camp and how often its events are corroborated or contradicted."""
        return {"items": q.outlets()}

    @app.get("/api/outlets/{outlet}", tags=["outlets"])
    def api_outlet(outlet: str) -> dict[str, Any]:
        """One outlet: camp, corroboration, framing terms per actor, actors it reports, its stories."""
        found = q.outlet(outlet)
        if found is None:
            raise HTTPException(404, f"no outlet {outlet}")
        return found

    @app.post("/api/ingest", tags=["write"])
    async def api_ingest(
        files: Annotated[list[UploadFile], File(description="documents to ingest")],
        x_crosswire_token: Annotated[str | None, Header()] = None,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Ingest uploaded files through the whole pipeline (needs the write token)."""
        require_token(x_crosswire_token, authorization)
        if not files:
            raise ServeError("no files in the upload", "CW503")
        loaded: list[tuple[str, bytes]] = []
        total = 0
        for up in files:
            content = await up.read(max_upload_bytes + 1)
            total += len(content)
            if len(content) > max_upload_bytes or total > max_upload_bytes:
                raise ServeError(f"upload over {max_upload_bytes} bytes", "CW502")
            loaded.append((up.filename or "upload", content))
        from starlette.concurrency import run_in_threadpool

        results = await run_in_threadpool(ingest_files, db, loaded, settings)
        return {"results": results}

    @app.delete("/api/inputs/{input_id}", tags=["write"])
    def api_delete_input(
        input_id: str,
        x_crosswire_token: Annotated[str | None, Header()] = None,
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        """Delete one input, its stories and their events and claims (needs the write token)."""
        require_token(x_crosswire_token, authorization)
        return delete_input(db, input_id, settings)

    index = WEB_DIR / "index.html"

    def page() -> FileResponse:
        return FileResponse(index, media_type="text/html")

    for route in HTML_VIEWS:
        app.add_api_route(route, page, methods=["GET"], include_in_schema=False, response_class=FileResponse)

    @app.get("/outlines.geojson", include_in_schema=False)
    def outlines() -> FileResponse:
        return FileResponse(WEB_DIR / "outlines.geojson", media_type="application/geo+json")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


def serve(
    db_path: str | Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    write_token: str | None = None,
    tile_url: str | None = None,
) -> None:
    """Run the dashboard with uvicorn (what ``crosswire serve`` calls)."""
    import uvicorn

    uvicorn.run(
        create_app(db_path, write_token=write_token, tile_url=tile_url),
        host=host,
        port=port,
        log_level="info",
    )
