"""The dashboard in real Chromium (Playwright), against servers started here on real databases.

One database is built by the real pipeline from ``samples/`` (the seed pages); one is the
small fixture corpus of ``serve_fixture`` (two outlets contradicting each other). Screenshots
of the main views go to ``tests/artifacts/``; with ``CROSSWIRE_UPDATE_SCREENSHOTS=1`` the
dashboard's also replaces the README's picture in ``docs/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

import serve_fixture
from crosswire.serve import create_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
TOKEN = "browser-test-token"
DROPPED = (
    "Turkish drones struck a checkpoint near the town of Tal Tamr in Hasakah province on Monday, "
    "killing two fighters of the Syrian Democratic Forces, the SDF media office said."
)
XSS_MARKER = "Zorvath"  # an unusual word to find the hostile story by full-text search


def _ensure_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.geteuid() != 0:
        pytest.skip(f"{CHROMIUM} missing and not root: run 'sudo apt-get install chromium' (or make browser)")
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, capture_output=True)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing and 'apt-get install chromium' failed: run make browser")


class Server:
    """uvicorn in a thread on a free local port."""

    def __init__(self, db_path: Path, write_token: str | None = None) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        app = create_app(db_path, write_token=write_token)
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def api(self, path: str, **params: Any) -> Any:
        return httpx.get(self.url + path, params=params, timeout=30).json()


@pytest.fixture(scope="module")
def seeds_db(seed_run: Any) -> Path:
    """The session's real pipeline run over samples/ (conftest); served read-only, copied for writes."""
    return Path(seed_run.db)


@pytest.fixture(scope="module")
def seeds_server(seeds_db: Path) -> Iterator[Server]:
    with Server(seeds_db) as server:
        yield server


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    serve_fixture.build(path)
    with Server(path) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.dialogs = []  # every alert/confirm would be an executed payload
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready]", state="attached")


def _shot(page: Any, name: str, also_docs: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    if also_docs and os.environ.get("CROSSWIRE_UPDATE_SCREENSHOTS"):  # the README's picture, on request
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))  # the first screenful only


def test_map_shows_the_seed_events(seeds_server: Server, page: Any) -> None:
    expected = seeds_server.api("/api/events.geojson")["features"]
    assert expected, "the pipeline produced no geolocated events from the seeds"
    _open(page, seeds_server.url + "/")
    page.wait_for_selector(f"body[data-events='{len(expected)}']", state="attached")
    assert page.locator("#map path.cw-event").count() == len(expected)
    ids = {
        page.locator("#map path.cw-event").nth(i).get_attribute("data-event-id") for i in range(len(expected))
    }
    assert ids == {f["properties"]["event_id"] for f in expected}
    assert page.locator("#map path.leaflet-interactive").count() > len(expected)  # outlines drawn too
    assert page.locator("#timeline rect.bar").count() >= 1
    total = seeds_server.api("/api/events")["total"]
    assert page.locator("#events-table tbody tr").count() == min(total, 500)
    assert page.locator("#legend").inner_text().count("Geo-precision") == 1
    time.sleep(0.3)  # let Leaflet finish its zoom animation before the picture
    _shot(page, "dashboard", also_docs=True)
    assert page.errors == []


def test_filtering_by_governorate_changes_map_and_table(seeds_server: Server, page: Any) -> None:
    meta = seeds_server.api("/api/meta")
    governorates = meta["facets"]["governorates"]
    assert len(governorates) >= 2
    counts = {g: seeds_server.api("/api/events", governorate=g, limit=1)["total"] for g in governorates}
    chosen = min(governorates, key=lambda g: counts[g])
    on_map = len(seeds_server.api("/api/events.geojson", governorate=chosen)["features"])
    assert counts[chosen] < meta["counts"]["events"]
    _open(page, seeds_server.url + "/")
    page.select_option("#filters select[name=governorate]", chosen)
    page.wait_for_selector(f"body[data-events='{on_map}']", state="attached")
    page.wait_for_selector(f"#events-table tbody tr >> nth={counts[chosen] - 1}", state="attached")
    assert page.locator("#events-table tbody tr").count() == counts[chosen]
    cells = page.locator("#events-table tbody tr td:nth-child(4)").all_inner_texts()
    assert set(cells) == {chosen}
    assert page.locator("#map path.cw-event").count() == on_map
    assert page.locator("#map path.selected-gov").count() >= 1
    assert "governorate=" in page.url  # the filter state is in the address, so the view can be shared
    _shot(page, "dashboard-filtered")


def test_atmeh_event_page_shows_both_fatality_figures_with_sources(seeds_server: Server, page: Any) -> None:
    stories = [h["story_id"] for h in seeds_server.api("/api/search", q="Atmeh")["items"]]
    events = [e for sid in stories for e in seeds_server.api("/api/events", story_id=sid)["items"]]
    candidates = []
    for e in events:
        full = seeds_server.api(f"/api/events/{e['event_id']}")
        claims = full["event"]["record"]["fatality_claims"]
        text = " ".join(c["evidence"]["sentence"] for c in claims if c.get("evidence"))
        if "Atmeh" in text and len({c["best"] for c in claims}) >= 2:
            candidates.append((e["event_id"], claims))
    assert candidates, "no Atmeh event with two fatality figures in the seeds database"
    event_id, claims = candidates[0]
    _open(page, f"{seeds_server.url}/events/{event_id}")
    page.wait_for_selector(".report .figure")
    figures = page.locator(".report .figure").all_inner_texts()
    for claim in claims:
        assert any(str(claim["best"]) in f and (claim["source"] or "unattributed") in f for f in figures), (
            claim
        )
    marks = page.locator(".report mark").all_inner_texts()
    assert any(str(c["best"]) in m for c in claims for m in marks)
    _shot(page, "event-atmeh")


def test_event_page_shows_contradicting_reports_side_by_side(fixture_server: Server, page: Any) -> None:
    _open(page, fixture_server.url + "/")
    page.locator("#events-table a", has_text="Air/drone strike").click()
    page.wait_for_selector(".report >> nth=1")
    assert page.locator(".report").count() == 2
    contradiction = page.locator(".contradiction").inner_text()
    assert "fatalities" in contradiction and "12" in contradiction and "3" in contradiction
    outlets = page.locator(".report h3 a").all_inner_texts()
    assert sorted(outlets) == ["Orient News", "SANA"]
    assert page.locator(".report .camp").count() == 2
    _shot(page, "event-contradiction")


def test_outlet_search_and_story_views_render(fixture_server: Server, page: Any) -> None:
    _open(page, fixture_server.url + "/outlets")
    page.locator("#outlets-table a", has_text="SANA").click()
    page.wait_for_selector("#framing-table td")
    assert "terrorist" in page.locator("#framing-table").inner_text()
    _shot(page, "outlet")
    _open(page, fixture_server.url + "/search?q=Atmeh")
    page.wait_for_selector("#search-results li >> nth=1")
    assert page.locator("#search-results li").count() == 2
    _shot(page, "search")


def test_hostile_markup_in_stories_shows_as_text(fixture_server: Server, page: Any) -> None:
    """The fixture's story title and text hold <script> and onerror= payloads."""
    _open(page, fixture_server.url + "/search?q=Kafr+Nabl")
    page.wait_for_selector("#search-results li a")
    assert "<script>" in page.locator("#search-results li a").first.inner_text()
    page.locator("#search-results li a").first.click()
    page.wait_for_selector("body[data-ready^='/stories/']", state="attached")
    assert "<script>" in page.locator("#story-title").inner_text()
    assert 'onerror="window.__xss=2' in page.locator("#story-text").inner_text()
    assert page.locator("main script, main img").count() == 0
    assert page.evaluate("() => window.__xss") is None
    assert page.dialogs == []


def test_ingest_from_the_browser_shows_progress_and_results_and_keeps_xss_inert(
    seeds_db: Path, tmp_path: Path, page: Any
) -> None:
    db = tmp_path / "writable.duckdb"
    shutil.copyfile(seeds_db, db)
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        f"{XSS_MARKER} reports: <script>alert('xss')</script> Government forces shelled the town of Anadan "
        "north of Aleppo on Friday, killing four civilians, activists said. "
        '<img src=x onerror="alert(document.domain)"> Rescue teams searched the rubble on Saturday '
        "while the shelling continued into the evening, the activists added.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with Server(db, write_token=TOKEN) as server:
        _open(page, server.url + "/ingest")
        assert page.locator("#ingest-disabled").is_hidden()
        page.fill("#ingest-form input[name=token]", TOKEN)
        page.set_input_files("#ingest-form input[type=file]", [str(hostile), str(empty)])
        page.wait_for_selector("#ingest-results tr[data-file='hostile.txt'][data-status]", timeout=120_000)
        page.wait_for_selector("#ingest-results tr[data-file='empty.txt'][data-status]", timeout=120_000)
        assert page.locator("tr[data-file='hostile.txt']").get_attribute("data-status") == "ok"
        assert page.locator("tr[data-file='empty.txt']").get_attribute("data-status") == "failed"
        assert page.locator("tr[data-file='hostile.txt'] progress").get_attribute("value") == "1"
        # drag and drop: a file dropped on the zone goes the same way
        transfer = page.evaluate_handle(
            """(text) => { const dt = new DataTransfer();
                dt.items.add(new File([text], 'dropped.txt', {type: 'text/plain'})); return dt; }""",
            DROPPED,
        )
        page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
        page.wait_for_selector("#ingest-results tr[data-file='dropped.txt'][data-status]", timeout=120_000)
        assert page.locator("tr[data-file='dropped.txt']").get_attribute("data-status") == "ok"
        _shot(page, "ingest")
        _open(page, f"{server.url}/search?q={XSS_MARKER}")
        page.wait_for_selector("#search-results li a")
        page.locator("#search-results li a").first.click()
        page.wait_for_selector("body[data-ready^='/stories/']", state="attached")
        text = page.locator("#story-text").inner_text()
        assert "<script>alert('xss')</script>" in text and "onerror=" in text
        assert page.locator("main script, main img").count() == 0
        assert page.dialogs == []


def test_ingest_is_disabled_on_a_read_only_server(fixture_server: Server, page: Any) -> None:
    _open(page, fixture_server.url + "/ingest")
    assert page.locator("#ingest-disabled").is_visible()
    assert page.locator("#ingest-form input[type=file]").is_disabled()
