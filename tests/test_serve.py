"""The HTTP API through the real app (FastAPI TestClient) on a real DuckDB file."""

from __future__ import annotations

import html
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

import serve_fixture
from crosswire import verify
from crosswire.serve import create_app, highlight_html, mark_segments, safe_filename
from crosswire.store import Store

TOKEN = "s3cret-token"

NEWS = (
    "ALEPPO - Government forces shelled the town of Anadan north of Aleppo on Friday, "
    "killing four civilians, "
    "the Syrian Observatory for Human Rights said. Local activists said the shelling also damaged a school "
    "and a bakery in the town, and that rescue teams were still searching the rubble on Saturday.\n"
)


@pytest.fixture()
def user_outlets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user's outlets.csv (CROSSWIRE_DATA) giving the fixture outlets a camp."""
    folder = tmp_path / "userdata"
    folder.mkdir()
    (folder / "outlets.csv").write_text(
        "name,aliases,camp\nOrient News,,opposition\nSANA,,pro-government-syria\nDaraa 24,,opposition\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CROSSWIRE_DATA", str(folder))
    verify.load_outlets.cache_clear()
    yield folder
    verify.load_outlets.cache_clear()


@pytest.fixture()
def db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "fixture.duckdb"
    return path, serve_fixture.build(path)


@pytest.fixture()
def client(db: tuple[Path, dict[str, str]], user_outlets: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db[0])) as c:
        yield c


@pytest.fixture()
def writer(db: tuple[Path, dict[str, str]], user_outlets: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db[0], write_token=TOKEN, max_upload_bytes=4096)) as c:
        yield c


def test_meta_reports_counts_facets_and_read_only(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert meta["counts"]["stories"] == 4
    assert meta["counts"]["events"] == 4
    assert meta["counts"]["contradictions"] == 1
    assert set(meta["facets"]["governorates"]) == {"Idleb", "Dar'a"}
    assert set(meta["facets"]["camps"]) == {"opposition", "pro-government-syria"}
    assert meta["write_enabled"] is False
    assert meta["date_range"] == ["2021-02-28", "2021-03-02"]


def test_events_filter_by_governorate_camp_date_and_actor(client: TestClient) -> None:
    all_events = client.get("/api/events").json()
    assert all_events["total"] == 4
    idleb = client.get("/api/events", params={"governorate": "Idleb"}).json()
    assert idleb["total"] == 3 and {e["admin1"] for e in idleb["items"]} == {"Idleb"}
    gov = client.get("/api/events", params={"camp": "pro-government-syria"}).json()
    assert [e["outlet"] for e in gov["items"]] == ["SANA"]
    assert gov["items"][0]["camp"] == "pro-government-syria"
    dated = client.get("/api/events", params={"start": "2021-03-01", "end": "2021-03-01"}).json()
    assert [e["location"] for e in dated["items"]] == ["Kafr Nabl"]
    russia = client.get("/api/events", params={"actor": "Military Forces of Russia"}).json()
    assert [e["event_id"] for e in russia["items"]] == ["ev-atmeh-a"]


def test_events_paginate_with_stable_totals(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 3}).json()
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert first["total"] == second["total"] == 4
    ids = [e["event_id"] for e in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 4


def test_geojson_and_timeline_follow_the_filters(client: TestClient) -> None:
    gj = client.get("/api/events.geojson", params={"governorate": "Dar'a"})
    assert gj.headers["content-type"].startswith("application/geo+json")
    feats = gj.json()["features"]
    assert len(feats) == 1 and feats[0]["geometry"]["coordinates"] == [36.043, 32.888]
    assert feats[0]["properties"]["geo_precision"] == 1
    tl = client.get("/api/timeline", params={"bucket": "day"}).json()
    assert sum(r["n"] for r in tl["items"]) == 4
    assert {r["period"] for r in tl["items"]} == {"2021-02-28", "2021-03-01", "2021-03-02"}
    idleb = client.get("/api/timeline", params={"governorate": "Idleb"}).json()
    assert sum(r["n"] for r in idleb["items"]) == 3


def test_event_page_puts_every_outlets_report_side_by_side(client: TestClient) -> None:
    page = client.get("/api/events/ev-atmeh-a").json()
    assert page["cluster_id"] == "cl-atmeh"
    outlets = {r["story"]["outlet"]: r for r in page["reports"]}
    assert set(outlets) == {"Orient News", "SANA"}
    figures = {(f["best"], f["source"]) for r in page["reports"] for f in r["fatality_claims"]}
    assert figures == {(12, "Syrian Observatory for Human Rights"), (3, "a military source")}
    assert [c["kind"] for c in page["contradictions"]] == ["fatalities"]
    assert {v["value"] for v in page["contradictions"][0]["values"]} == {12, 3}
    for report in page["reports"]:
        text = report["story"]["text"]
        assert "".join(s["text"] for s in report["segments"]) == text
        covered = {i for s in report["segments"] if s["labels"] for i in range(s["start"], s["end"])}
        for fc in report["fatality_claims"]:
            ev = fc["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["text"]
            assert set(range(ev["start"], ev["end"])) <= covered
    # SANA's denial is in a sentence of its own: listed apart from the event's own sentences
    assert outlets["SANA"]["claims"] == []
    assert [c["claim_type"] for c in outlets["SANA"]["other_claims"]] == ["denial"]
    event_kinds = {k for s in outlets["SANA"]["segments"] for k in s["kinds"]}
    assert event_kinds == {"event"}


def test_unlinked_event_page_holds_only_its_own_report(client: TestClient) -> None:
    page = client.get("/api/events/ev-nawa").json()
    assert page["cluster_id"] is None and len(page["reports"]) == 1 and page["contradictions"] == []


def test_missing_records_answer_404_with_a_code(client: TestClient) -> None:
    for path in ("/api/events/nope", "/api/stories/nope", "/api/outlets/Nobody"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "CW504"


def test_bad_parameters_answer_422_with_a_code(client: TestClient) -> None:
    r = client.get("/api/events", params={"start": "not-a-date"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "CW506"
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/timeline", params={"bucket": "year"}).status_code == 422


def test_clusters_claims_and_stories_lists(client: TestClient, db: tuple[Path, dict[str, str]]) -> None:
    clusters = client.get("/api/clusters").json()
    assert clusters["total"] == 1
    c = clusters["items"][0]
    assert c["n_outlets"] == 2 and c["n_contradictions"] == 1
    assert (c["min_fatalities"], c["max_fatalities"]) == (3, 12)
    claims = client.get("/api/claims", params={"outlet": "SANA"}).json()
    assert claims["total"] == 1 and claims["items"][0]["speaker"] == "a military source"
    assert client.get("/api/claims", params={"outlet": "Orient News"}).json()["total"] == 0
    stories = client.get("/api/stories", params={"outlet": "Orient News"}).json()
    assert stories["total"] == 2 and all("text" not in s for s in stories["items"])
    story = client.get(f"/api/stories/{db[1]['story_b']}").json()
    assert story["event_ids"] == ["ev-atmeh-b"] and story["claim_ids"] == ["cl-denial"]


def test_outlets_count_corroboration_contradiction_and_framing(client: TestClient) -> None:
    rows = {o["outlet"]: o for o in client.get("/api/outlets").json()["items"]}
    assert rows["Orient News"]["n_stories"] == 2 and rows["Orient News"]["n_events"] == 2
    assert rows["Orient News"]["n_corroborated"] == 1 and rows["Orient News"]["n_contradicted"] == 1
    assert rows["Daraa 24"]["n_corroborated"] == 0 and rows["Daraa 24"]["camp"] == "opposition"
    assert rows["Orient News"]["n_cross_camp"] == 1 and rows["Daraa 24"]["n_cross_camp"] == 0
    sana = client.get("/api/outlets/SANA").json()
    assert sana["camp"] == "pro-government-syria"
    # framing comes from verify's lexicon over the outlet's own text, with evidence
    story_b = client.get(f"/api/stories/{sana['stories'][0]['story_id']}").json()
    assert sana["framing"] and any(f["loaded"] for f in sana["framing"])
    for f in sana["framing"]:
        for ex in f["examples"]:
            assert story_b["text"][ex["start"] : ex["end"]] == ex["text"]
    assert {a["actor"] for a in sana["actors"]} == {"Military Forces of Syria", "Islamist Militia (Syria)"}


def test_search_uses_full_text_index_and_rebuilds_it_when_stories_change(
    client: TestClient, db: tuple[Path, dict[str, str]]
) -> None:
    hits = client.get("/api/search", params={"q": "Atmeh"}).json()
    assert hits["total"] == 2 and all("Atmeh" in h["snippet"] for h in hits["items"])
    assert client.get("/api/search", params={"q": "Anadan"}).json()["total"] == 0
    # another process (crosswire run) adds a story between requests
    from crosswire.models import InputRecord, InputStatus

    story = serve_fixture._story("in-e", "Shelling on Anadan", NEWS, "Enab Baladi", "2021-03-05")
    with Store(db[0]) as store:
        store.write_input(InputRecord("in-e", "e.txt", "text", InputStatus.OK, 10, n_stories=1), [story])
    hits = client.get("/api/search", params={"q": "anadan bakery"}).json()
    assert [h["story_id"] for h in hits["items"]] == [story.story_id]


def test_every_response_carries_security_headers_and_html_views_share_the_page(client: TestClient) -> None:
    for path in ("/", "/events/ev-atmeh-a", "/outlets", "/outlets/SANA", "/search", "/ingest", "/api/meta"):
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    page = client.get("/events/ev-atmeh-a").text
    assert '<script src="/static/app.js"' in page and "<script>" not in page
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    outlines = client.get("/outlines.geojson").json()
    kinds = [f["properties"]["kind"] for f in outlines["features"]]
    assert kinds.count("governorate") == 14 and kinds.count("country") == 1


def test_openapi_schema_lists_the_json_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/events",
        "/api/events.geojson",
        "/api/events/{event_id}",
        "/api/clusters",
        "/api/claims",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/outlets",
        "/api/outlets/{outlet}",
        "/api/search",
        "/api/timeline",
        "/api/ingest",
        "/api/inputs/{input_id}",
    ):
        assert p in paths, p


def test_hostile_text_is_escaped_and_marks_follow_offsets() -> None:
    text = serve_fixture.TEXT_C
    start = text.index("<script>")
    spans = [{"start": 0, "end": 17, "label": "actor"}, {"start": start, "end": start + 8, "label": "odd"}]
    segs = mark_segments(text, spans)
    assert "".join(s["text"] for s in segs) == text
    assert [s["text"] for s in segs if s["labels"]] == ["Government forces", "<script>"]
    out = highlight_html(text, spans)
    assert "<script>" not in out and 'onerror="' not in out
    assert '<mark title="actor">Government forces</mark>' in out
    assert '<mark title="odd">&lt;script&gt;</mark>' in out
    assert (
        html.unescape(
            out.replace('<mark title="actor">', "").replace('<mark title="odd">', "").replace("</mark>", "")
        )
        == text
    )
    # spans outside the text or empty are ignored, overlapping spans split into labelled pieces
    segs = mark_segments(
        "abcdef",
        [
            {"start": 1, "end": 4, "label": "x"},
            {"start": 2, "end": 6, "label": "y"},
            {"start": 5, "end": 99, "label": "bad"},
        ],
    )
    assert [(s["text"], s["labels"]) for s in segs] == [
        ("a", []),
        ("b", ["x"]),
        ("cd", ["x", "y"]),
        ("ef", ["y"]),
    ]


def test_safe_filename_drops_paths_and_odd_characters() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\x\\report 1.html") == "report_1.html"
    assert safe_filename("...") == "upload"


def test_writes_are_refused_without_the_right_token(
    writer: TestClient, client: TestClient, db: tuple[Path, dict[str, str]]
) -> None:
    files = {"files": ("news.txt", NEWS.encode(), "text/plain")}
    r = client.post("/api/ingest", files=files, headers={"X-Crosswire-Token": TOKEN})
    assert r.status_code == 403 and r.json()["error"]["code"] == "CW501"  # read-only server
    r = writer.post("/api/ingest", files=files, headers={"X-Crosswire-Token": "wrong"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "CW501"
    r = writer.post("/api/ingest", files=files)
    assert r.status_code == 403
    assert writer.delete("/api/inputs/in-a").status_code == 403
    with duckdb.connect(str(db[0]), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM inputs").fetchone() == (4,)


def test_malformed_or_oversized_uploads_change_nothing(
    writer: TestClient, db: tuple[Path, dict[str, str]]
) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writer.post("/api/ingest", headers=auth, data={"nothing": "here"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "CW503"
    r = writer.post(
        "/api/ingest",
        headers=auth,
        content=b"not multipart",
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "CW503"
    big = {"files": ("big.txt", b"x" * 5000, "text/plain")}
    r = writer.post("/api/ingest", headers=auth, files=big)
    assert r.status_code == 413 and r.json()["error"]["code"] == "CW502"
    with duckdb.connect(str(db[0]), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM inputs").fetchone() == (4,)


def test_ingest_with_token_runs_the_pipeline_and_reports_each_file(
    writer: TestClient, db: tuple[Path, dict[str, str]]
) -> None:
    auth = {"X-Crosswire-Token": TOKEN}
    files = [
        ("files", ("anadan.txt", NEWS.encode(), "text/plain")),
        ("files", ("empty.txt", b"", "text/plain")),
    ]
    r = writer.post("/api/ingest", headers=auth, files=files)
    assert r.status_code == 200, r.text
    results = {x["file"]: x for x in r.json()["results"]}
    assert results["anadan.txt"]["status"] == "ok" and results["anadan.txt"]["n_stories"] >= 1
    assert results["empty.txt"]["status"] == "failed" and results["empty.txt"]["error_code"]
    assert writer.get("/api/meta").json()["counts"]["stories"] == 4 + results["anadan.txt"]["n_stories"]
    assert writer.get("/api/search", params={"q": "bakery"}).json()["total"] == 1
    again = writer.post("/api/ingest", headers=auth, files=[files[0]]).json()["results"][0]
    assert again["status"] == "skipped" and again["error_code"] == "CW112"
    gone = writer.delete(f"/api/inputs/{results['anadan.txt']['input_id']}", headers=auth)
    assert gone.status_code == 200 and gone.json()["stories_deleted"] >= 1
    assert writer.get("/api/search", params={"q": "bakery"}).json()["total"] == 0
    assert writer.delete("/api/inputs/nope", headers=auth).status_code == 404


def test_crosswire_serve_command_binds_localhost_and_is_read_only(db: tuple[Path, dict[str, str]]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("crosswire")
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", str(db[0]), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                meta = httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=5).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else b""
                assert time.monotonic() < deadline, "crosswire serve did not come up"
                time.sleep(0.2)
        assert meta["write_enabled"] is False and meta["counts"]["events"] == 4
        r = httpx.post(f"http://127.0.0.1:{port}/api/ingest", files={"files": ("a.txt", b"x")}, timeout=10)
        assert r.status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_configured_tile_server_is_allowed_by_the_policy_and_announced(
    db: tuple[Path, dict[str, str]],
) -> None:
    url = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    with TestClient(create_app(db[0], tile_url=url)) as c:
        r = c.get("/api/meta")
        assert r.json()["tile_url"] == url
        img_src = next(p for p in r.headers["content-security-policy"].split(";") if "img-src" in p)
        assert (
            "https://*.tile.example.org" in img_src
            and "connect-src 'self'" in r.headers["content-security-policy"]
        )
    with TestClient(create_app(db[0])) as c:
        assert "example.org" not in c.get("/").headers["content-security-policy"]


def _title_claim(db_path: Path, story_id: str, title: str) -> None:
    """A claim of a story's title (its spans index Story.title), written as the extractor would."""
    from crosswire.models import Actor, Claim, Evidence

    start = title.index("12")
    ev = Evidence(story_id, start, len(title), title[start:], title, 0, len(title), part="title")
    who = Evidence(story_id, 0, 7, title[:7], title, 0, len(title), part="title")
    claim = Claim(
        "cl-title", story_id, "Rescuers", None, ":", False, title[start:], "Military Forces of Russia",
        "casualty_report", ev, about_actors=(Actor("Military Forces of Russia", 8, None, title[:7], who),),
    )
    with Store(db_path) as store, store.transaction() as con:
        store._write_claim(con, claim)


def test_a_title_claim_is_marked_in_the_title_never_at_its_offsets_in_the_body(
    db: tuple[Path, dict[str, str]], user_outlets: Path
) -> None:
    title = "Russian strike on Atmeh camp kills 12"  # the fixture's title of story a
    _title_claim(db[0], db[1]["story_a"], title)
    with TestClient(create_app(db[0])) as client:
        story = client.get(f"/api/stories/{db[1]['story_a']}").json()
        marked = [(s["text"], s["labels"]) for s in story["title_segments"] if s["labels"]]
        assert marked == [
            ("Russian", ["claim (casualty_report): about_actors"]),
            ("12", ["claim (casualty_report): evidence"]),
        ]
        assert "".join(s["text"] for s in story["title_segments"]) == title
        # the body's marks are the event's only: no claim span at the title's offsets
        assert story["segments"] and all("claim" not in s["kinds"] for s in story["segments"])
        page = client.get("/api/events/ev-atmeh-a").json()
        (report,) = [r for r in page["reports"] if r["story"]["story_id"] == db[1]["story_a"]]
        assert [c["claim_id"] for c in report["other_claims"]] == ["cl-title"] and report["claims"] == []
        assert all("claim" not in s["kinds"] for s in report["segments"])


def test_mark_segments_keeps_to_the_spans_of_its_own_part() -> None:
    spans = [
        {"start": 0, "end": 5, "label": "body", "part": "text"},
        {"start": 6, "end": 11, "label": "head", "part": "title"},
        {"start": 0, "end": 3, "label": "old"},  # stored before spans said their part: the body
    ]
    assert [(s["text"], s["labels"]) for s in mark_segments("hello world", spans) if s["labels"]] == [
        ("hel", ["body", "old"]),
        ("lo", ["body"]),
    ]
    assert [s["text"] for s in mark_segments("hello world", spans, part="title") if s["labels"]] == ["world"]
