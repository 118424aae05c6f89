"""The embedded DuckDB store.

One database file holds every input seen (with its status), the stories, and
what later stages derive from them (events, claims, entities, links,
clusters, contradictions). Each input is written in one transaction together
with its stories, so a run killed half-way loses nothing that was committed
and re-running duplicates nothing: ids are content hashes and writes replace.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from crosswire.errors import StoreError
from crosswire.models import Claim, Contradiction, Credibility, Event, InputRecord, Link, Story, to_dict

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS inputs (
    input_id VARCHAR PRIMARY KEY,
    path VARCHAR NOT NULL,
    fmt VARCHAR,
    status VARCHAR NOT NULL,
    size_bytes BIGINT,
    error_code VARCHAR,
    message VARCHAR,
    n_stories INTEGER,
    record_key VARCHAR,
    seen_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR PRIMARY KEY,
    input_id VARCHAR NOT NULL,
    idx INTEGER,
    title VARCHAR,
    text VARCHAR,
    content_hash VARCHAR,
    outlet VARCHAR,
    publisher VARCHAR,
    url VARCHAR,
    published DATE,
    date_source VARCHAR,
    date_confidence DOUBLE,
    date_flags JSON,
    language VARCHAR,
    language_confidence DOUBLE,
    outlet_evidence VARCHAR,
    removed_lines INTEGER,
    flags JSON,
    extra JSON,
    credibility_score DOUBLE,
    credibility JSON,
    record JSON
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL,
    event_type VARCHAR,
    sub_event_type VARCHAR,
    actor1 VARCHAR,
    actor2 VARCHAR,
    civilian_targeting BOOLEAN,
    location VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    admin3 VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geo_precision INTEGER,
    event_date DATE,
    time_precision INTEGER,
    fatalities INTEGER,
    confidence DOUBLE,
    cluster_id VARCHAR,
    record JSON
);
CREATE TABLE IF NOT EXISTS claims (
    claim_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL,
    speaker VARCHAR,
    speaker_actor VARCHAR,
    reporting_verb VARCHAR,
    quote BOOLEAN,
    content VARCHAR,
    about_actor VARCHAR,
    claim_type VARCHAR,
    cluster_id VARCHAR,
    record JSON
);
CREATE TABLE IF NOT EXISTS entities (
    story_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR,
    label VARCHAR,
    canonical VARCHAR,
    kind VARCHAR,
    PRIMARY KEY (story_id, start_char, end_char, kind)
);
CREATE TABLE IF NOT EXISTS links (
    kind VARCHAR NOT NULL,
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    score DOUBLE,
    method VARCHAR,
    details JSON,
    PRIMARY KEY (kind, a, b)
);
CREATE TABLE IF NOT EXISTS contradictions (
    cluster_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    "values" JSON,
    PRIMARY KEY (cluster_id, kind)
);
"""


def _json(value: Any) -> str:
    return json.dumps(to_dict(value), ensure_ascii=False)


def json_value(value: Any) -> Any:
    """A JSON column's value decoded (DuckDB returns JSON as text); other values unchanged."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Run ``sql`` on ``con`` and return the rows as dicts keyed by column name."""
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


class Store:
    """A connection to one crosswire database file (created on first use)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:  # translate at the boundary
            raise StoreError(f"cannot open database {self.path}: {exc}", "CW201") from exc
        if not read_only:
            self.con.execute(_SCHEMA)
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
            elif row[0] != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {row[0]}, this crosswire needs {SCHEMA_VERSION}",
                    "CW202",
                )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All writes inside commit together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    # --- meta ---------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    # --- inputs and stories -------------------------------------------------

    def input_status(self, input_id: str) -> str | None:
        row = self.con.execute("SELECT status FROM inputs WHERE input_id = ?", [input_id]).fetchone()
        return None if row is None else str(row[0])

    def write_input(self, record: InputRecord, stories: Sequence[Story] = ()) -> None:
        """Record one input and its stories atomically (replacing an earlier attempt)."""
        try:
            with self.transaction() as con:
                con.execute("DELETE FROM inputs WHERE input_id = ?", [record.input_id])
                con.execute(
                    "INSERT INTO inputs (input_id, path, fmt, status, size_bytes, error_code, message,"
                    " n_stories, record_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        record.input_id,
                        record.path,
                        record.fmt,
                        record.status.value,
                        record.size_bytes,
                        record.error_code,
                        record.message,
                        record.n_stories,
                        record.record_key,
                    ],
                )
                for story in stories:
                    self._write_story(con, story)
        except duckdb.Error as exc:
            raise StoreError(f"writing input {record.path}: {exc}", "CW203") from exc

    def _write_story(self, con: duckdb.DuckDBPyConnection, s: Story) -> None:
        con.execute("DELETE FROM stories WHERE story_id = ?", [s.story_id])
        con.execute(
            "INSERT INTO stories (story_id, input_id, idx, title, text, content_hash, outlet, publisher, url,"
            " published, date_source, date_confidence, date_flags, language, language_confidence,"
            " outlet_evidence, removed_lines, flags, extra, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                s.story_id,
                s.input_id,
                s.index,
                s.title,
                s.text,
                s.content_hash,
                s.outlet,
                s.publisher,
                s.url,
                s.published.value,
                s.published.source,
                s.published.confidence,
                json.dumps(list(s.published.flags)),
                s.language,
                s.language_confidence,
                s.outlet_evidence,
                s.removed_lines,
                json.dumps(list(s.flags)),
                _json(s.extra),
                _json(s),
            ],
        )

    def stories(self, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.query(f"SELECT * FROM stories {where} ORDER BY input_id, idx", params)

    # --- derived records ----------------------------------------------------

    def replace_story_extractions(
        self, story_id: str, events: Iterable[Event], claims: Iterable[Claim]
    ) -> None:
        """Replace what extraction produced for one story, atomically."""
        with self.transaction() as con:
            con.execute("DELETE FROM events WHERE story_id = ?", [story_id])
            con.execute("DELETE FROM claims WHERE story_id = ?", [story_id])
            for ev in events:
                self._write_event(con, ev)
            for cl in claims:
                self._write_claim(con, cl)

    def _write_event(self, con: duckdb.DuckDBPyConnection, ev: Event) -> None:
        p = ev.place
        con.execute(
            "INSERT OR REPLACE INTO events (event_id, story_id, event_type, sub_event_type, actor1, actor2,"
            " civilian_targeting, location, country, admin1, admin2, admin3, latitude, longitude,"
            " geo_precision, event_date, time_precision, fatalities, confidence, cluster_id, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                ev.event_id,
                ev.story_id,
                ev.event_type,
                ev.sub_event_type,
                ev.actor1.name if ev.actor1 else None,
                ev.actor2.name if ev.actor2 else None,
                ev.civilian_targeting,
                p.name if p else None,
                p.country if p else None,
                p.admin1 if p else None,
                p.admin2 if p else None,
                p.admin3 if p else None,
                p.latitude if p else None,
                p.longitude if p else None,
                p.geo_precision if p else None,
                ev.event_date,
                ev.time_precision,
                ev.fatalities,
                ev.confidence,
                ev.cluster_id,
                _json(ev),
            ],
        )

    def _write_claim(self, con: duckdb.DuckDBPyConnection, cl: Claim) -> None:
        con.execute(
            "INSERT OR REPLACE INTO claims (claim_id, story_id, speaker, speaker_actor, reporting_verb, quote,"
            " content, about_actor, claim_type, cluster_id, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                cl.claim_id,
                cl.story_id,
                cl.speaker,
                cl.speaker_actor,
                cl.reporting_verb,
                cl.quote,
                cl.content,
                cl.about_actor,
                cl.claim_type,
                cl.cluster_id,
                _json(cl),
            ],
        )

    def replace_links(self, kind: str, links: Iterable[Link]) -> None:
        """Replace every link of one kind (linking is recomputed over the corpus)."""
        with self.transaction() as con:
            con.execute("DELETE FROM links WHERE kind = ?", [kind])
            for ln in links:
                con.execute(
                    "INSERT OR REPLACE INTO links VALUES (?, ?, ?, ?, ?, ?)",
                    [ln.kind, ln.a, ln.b, ln.score, ln.method, _json(ln.details)],
                )

    def replace_cross_checks(
        self,
        event_clusters: dict[str, str],
        claim_clusters: dict[str, str],
        contradictions: Iterable[Contradiction],
        credibility: Iterable[Credibility],
    ) -> None:
        """Write the corpus-level results of link/verify in one transaction."""
        with self.transaction() as con:
            con.execute("UPDATE events SET cluster_id = NULL")
            con.execute("UPDATE claims SET cluster_id = NULL")
            for event_id, cid in event_clusters.items():
                con.execute(
                    "UPDATE events SET cluster_id = ?, record = json_merge_patch(record, ?) WHERE event_id = ?",
                    [cid, json.dumps({"cluster_id": cid}), event_id],
                )
            for claim_id, cid in claim_clusters.items():
                con.execute(
                    "UPDATE claims SET cluster_id = ?, record = json_merge_patch(record, ?) WHERE claim_id = ?",
                    [cid, json.dumps({"cluster_id": cid}), claim_id],
                )
            con.execute("DELETE FROM contradictions")
            for c in contradictions:
                con.execute(
                    "INSERT OR REPLACE INTO contradictions VALUES (?, ?, ?)",
                    [c.cluster_id, c.kind, _json(c.values)],
                )
            con.execute("UPDATE stories SET credibility_score = NULL, credibility = NULL")
            for cr in credibility:
                con.execute(
                    "UPDATE stories SET credibility_score = ?, credibility = ? WHERE story_id = ?",
                    [cr.score, _json({"score": cr.score, "reasons": cr.reasons}), cr.story_id],
                )

    # --- reading ------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return rows(self.con, sql, params)

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("inputs", "stories", "events", "claims", "links", "contradictions"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out
