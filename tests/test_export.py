"""Export: articles, events and claims as CSV, JSON lines and GeoJSON, parsed back."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from crosswire import pipeline
from crosswire.errors import UsageError
from crosswire.export import ACLED_COLUMNS, EVENT_COLUMNS, export
from crosswire.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export_in")
    for name in sorted(p.name for p in SAMPLES.iterdir())[-2:]:
        shutil.copy(SAMPLES / name, folder / name)
    path = tmp_path_factory.mktemp("export_db") / "cw.duckdb"
    summary = pipeline.run([str(folder)], str(path))
    assert summary.events > 0
    return path


def _export(db: Path, what: str, fmt: str) -> str:
    out = io.StringIO()
    with Store(db, read_only=True) as store:
        export(store, what, fmt, out)
    return out.getvalue()


def test_events_csv_has_acled_columns_then_crosswire_columns(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(db, "events", "csv"))))
    assert rows
    assert tuple(rows[0].keys()) == EVENT_COLUMNS
    assert EVENT_COLUMNS[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    for r in rows:
        assert r["event_type"] and r["sub_event_type"]
        assert int(r["fatalities"]) >= 0
        claims = json.loads(r["fatality_claims"])
        evidence = json.loads(r["evidence"])
        assert "trigger" in evidence
        if claims:
            assert int(r["fatalities"]) == min(
                [
                    c["low"]
                    for c in claims
                    if c["kind"] == "killed" and not (c["qualifier"] or "").startswith("incl")
                ]
                or [0]
            )
    bomb = [r for r in rows if r["sub_event_type"] == "Suicide bomb"]
    assert (
        bomb and bomb[0]["fatalities"] == "32" and bomb[0]["civilian_targeting"] in {"", "Civilian targeting"}
    )
    assert bomb[0]["disorder_type"] == "Political violence"
    assert (bomb[0]["country"], bomb[0]["iso"], bomb[0]["region"]) == ("Syria", "760", "Middle East")


def test_events_jsonl_matches_csv_rows(db: Path) -> None:
    lines = [json.loads(x) for x in _export(db, "events", "jsonl").splitlines()]
    rows = list(csv.DictReader(io.StringIO(_export(db, "events", "csv"))))
    assert [x["event_id_cnty"] for x in lines] == [r["event_id_cnty"] for r in rows]
    assert set(lines[0]) == set(EVENT_COLUMNS)
    assert isinstance(lines[0]["evidence"], dict) and isinstance(lines[0]["fatality_claims"], list)


def test_geojson_points_and_events_without_coordinates_counted(db: Path) -> None:
    fc = json.loads(_export(db, "events", "geojson"))
    n_events = len(_export(db, "events", "jsonl").splitlines())
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) + fc["crosswire:skipped_without_coordinates"] == n_events
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and 32 < lat < 38 and 35 < lon < 43
        assert f["properties"]["event_id_cnty"] == f["id"]


def test_articles_and_claims(db: Path) -> None:
    articles = list(csv.DictReader(io.StringIO(_export(db, "articles", "csv"))))
    assert articles and all(a["story_id"] and a["text"] for a in articles)
    for a in map(json.loads, _export(db, "articles", "jsonl").splitlines()):
        assert a["credibility"]["score"] == a["credibility_score"] and a["credibility"]["reasons"]
        assert all(r["text"] for r in a["credibility"]["reasons"])
    claims = [json.loads(x) for x in _export(db, "claims", "jsonl").splitlines()]
    assert claims and all(c["claim_id"] and c["content"] for c in claims)


def test_bad_requests_are_usage_errors(db: Path) -> None:
    with pytest.raises(UsageError):
        _export(db, "claims", "geojson")
    with pytest.raises(UsageError):
        _export(db, "events", "xml")


def test_a_claim_exports_every_accused_and_the_part_its_evidence_is_in(tmp_path: Path) -> None:
    from crosswire.models import Actor, Claim, Evidence, InputRecord, InputStatus, Story

    title = "Opposition: regime and Russian jets hit Ariha bakery"
    story = Story("s1", "in1", 0, title, "The bakery in Ariha was hit twice on Monday morning.", "h1")
    ev = Evidence("s1", 12, len(title), title[12:], title, 0, len(title), part="title")
    accused = tuple(
        Actor(name, 8, None, words, Evidence("s1", at, at + len(words), words, title, 0, len(title), part="title"))
        for name, words, at in (
            ("Military Forces of Syria", "regime", 12),
            ("Military Forces of Russia", "Russian jets", 23),
        )
    )
    claim = Claim("cl1", "s1", "Opposition", None, ":", False, title[12:], accused[0].name, "accusation", ev,
                  about_actors=accused)
    path = tmp_path / "cw.duckdb"
    with Store(path) as store:
        store.write_input(InputRecord("in1", "a.txt", "text", InputStatus.OK, 10, n_stories=1), [story])
        store.replace_story_extractions("s1", [], [claim])
    (row,) = csv.DictReader(io.StringIO(_export(path, "claims", "csv")))
    assert row["about_actor"] == "Military Forces of Syria"
    about = json.loads(row["about_actors"])
    assert [a["name"] for a in about] == ["Military Forces of Syria", "Military Forces of Russia"]
    assert all(title[a["evidence"]["start"] : a["evidence"]["end"]] == a["mention"] for a in about)
    assert json.loads(row["evidence"])["part"] == "title"
    (line,) = map(json.loads, _export(path, "claims", "jsonl").splitlines())
    assert line["about_actors"] == about and line["evidence"]["part"] == "title"
