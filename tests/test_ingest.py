"""Ingestion: path expansion, per-format readers, content-hash ids and idempotency."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import SHARED
from crosswire import ingest, pipeline
from crosswire.errors import UsageError
from crosswire.models import InputStatus
from crosswire.settings import DEFAULT
from crosswire.store import Store

ARTICLE = (
    "Syrian government forces shelled rebel positions in the south of Idlib province on Tuesday, "
    "killing three fighters, a monitoring group said. Rebels responded with rocket fire on nearby villages."
)
HTML = (
    "<html><head><title>Shelling in Idlib</title></head><body><article><h1>Shelling in Idlib</h1>"
    + "".join(f"<p>{ARTICLE} ({i})</p>" for i in range(4))
    + "</article></body></html>"
)


def _never(_: str) -> str | None:
    return None


def _read(path: Path) -> tuple[object, list[object]]:
    rec, docs = ingest.read_input(str(path), DEFAULT, _never)
    return rec, list(docs)


def test_expand_paths_walks_folders_globs_and_deduplicates(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / "b" / "two.html").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "config").write_text("x")
    files = ingest.expand_paths(
        [str(tmp_path / "a"), str(tmp_path / "a" / "one.txt"), str(tmp_path / "**" / "*.html")]
    )
    assert files == sorted([str(tmp_path / "a" / "b" / "two.html"), str(tmp_path / "a" / "one.txt")])


def test_expand_paths_keeps_what_matched_nothing_so_it_is_recorded(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    assert ingest.expand_paths([missing]) == [missing]
    with pytest.raises(UsageError) as err:
        ingest.expand_paths([])
    assert err.value.code == "CW902"


def test_input_id_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    p = tmp_path / "page.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    rec, docs = ingest.read_input(str(p), DEFAULT, _never)
    assert rec.input_id == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert rec.status is InputStatus.OK and rec.fmt == "text"
    assert len(docs) == 1 and docs[0].text == ARTICLE


def test_already_stored_input_is_skipped_without_documents(tmp_path: Path) -> None:
    p = tmp_path / "page.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    rec, docs = ingest.read_input(str(p), DEFAULT, lambda _id: "ok")
    assert rec.status is InputStatus.SKIPPED and docs == [] and rec.error_code == "CW112"
    rec, docs = ingest.read_input(str(p), DEFAULT, lambda _id: "failed")  # failures are retried
    assert rec.status is InputStatus.OK and len(docs) == 1


def test_html_file_keeps_raw_html(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    rec, docs = ingest.read_input(str(p), DEFAULT, _never)
    assert rec.fmt == "html" and docs[0].html == HTML and docs[0].text == ""


def test_fakes_layout_loads_as_is() -> None:
    path = SHARED / "eval" / "fakes" / "fakes_dev.csv"
    rec, docs = ingest.read_input(str(path), DEFAULT, _never)
    assert rec.status is InputStatus.OK and len(docs) == 413
    first = docs[0]
    assert first.title == "Death toll from Aleppo bomb attack at least 112"
    assert first.text.startswith("Sun 16 Apr 2017 Death toll")
    assert first.outlet and first.date and first.record_key == "row 1"
    assert set(first.extra) == {"unit_id", "location", "labels"}


def test_jsonl_records_with_a_content_field(tmp_path: Path) -> None:
    p = tmp_path / "items.jsonl"
    rows = [
        {"id": i, "content": f"{ARTICLE} {i}", "headline": f"Item {i}", "url": f"https://sana.sy/{i}"}
        for i in range(3)
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    rec, docs = ingest.read_input(str(p), DEFAULT, _never)
    assert rec.status is InputStatus.OK and [d.record_key for d in docs] == ["line 1", "line 2", "line 3"]
    assert docs[1].title == "Item 1" and docs[1].url == "https://sana.sy/1" and docs[1].extra == {"id": 1}


def _warc(records: list[tuple[str, str, bytes]], gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        )
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_documents(tmp_path: Path, gz: bool) -> None:
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    p.write_bytes(
        _warc(
            [
                ("https://www.reuters.com/a", "text/html; charset=utf-8", HTML.encode()),
                ("https://www.reuters.com/logo.png", "image/png", b"\x89PNG...."),
                ("https://sana.sy/b", "text/html", HTML.replace("Idlib", "Hama").encode()),
            ],
            gz,
        )
    )
    rec, docs = ingest.read_input(str(p), DEFAULT, _never)
    assert rec.status is InputStatus.OK and rec.fmt == "warc"
    assert [d.url for d in docs] == ["https://www.reuters.com/a", "https://sana.sy/b"]
    assert all(d.html and "<article>" in d.html for d in docs)


def test_run_over_mixed_formats_stores_every_story(tmp_path: Path, ingest_only: None) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Shelling in Hama\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "c.csv").write_text(
        f'title,text,source\nOne,"{ARTICLE} one",SANA\nTwo,"{ARTICLE} two",Reuters\n', encoding="utf-8"
    )
    (tmp_path / "in" / "d.warc.gz").write_bytes(
        _warc([("https://www.aawsat.com/x", "text/html", HTML.encode())], True)
    )
    db = str(tmp_path / "db.duckdb")
    summary = pipeline.run([str(tmp_path / "in")], db)
    assert summary.inputs_failed == 0 and summary.stories_new == 5
    with Store(db) as store:
        rows = store.stories()
        assert {r["outlet"] for r in rows} >= {"SANA", "Reuters", "Asharq Al-Awsat"}
        assert store.counts()["inputs"] == 4


def test_gzip_page_is_not_read_as_text(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(HTML.encode()))
    rec, _ = ingest.read_input(str(p), DEFAULT, _never)
    assert rec.status is InputStatus.FAILED and rec.error_code == "CW103"
