"""Bad input: every broken file gets a specific recorded status and code, and the run goes on."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosswire import clean, ingest, pipeline
from crosswire.cli import main
from crosswire.errors import EXIT_INPUT_FAILURES
from crosswire.models import InputStatus
from crosswire.settings import DEFAULT, Settings
from crosswire.store import Store

ARTICLE = (
    "Government forces shelled rebel positions south of Idlib on Tuesday, killing three fighters, "
    "a monitoring group said. Rebels responded with rocket fire on two nearby villages, residents said."
)


def _never(_: str) -> str | None:
    return None


def _record(path: Path, settings: Settings = DEFAULT) -> tuple[ingest.InputRecord, list[ingest.RawDocument]]:
    return ingest.read_input(str(path), settings, _never)


def test_missing_path_is_a_failed_input(tmp_path: Path) -> None:
    rec, docs = _record(tmp_path / "nowhere.txt")
    assert rec.status is InputStatus.FAILED and rec.error_code == "CW101" and docs == []
    assert "no such file" in str(rec.message)


def test_run_on_nonexistent_path_exits_non_zero_with_one_line_reason(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "nonexistent-folder", "--db", str(tmp_path / "db.duckdb")])
    assert result.exit_code == EXIT_INPUT_FAILURES
    assert "[CW101]" in result.output and "nonexistent-folder" in result.output


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    rec, _ = _record(p)
    assert rec.status is InputStatus.FAILED and rec.error_code == "CW102"


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "photo.html"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    rec, _ = _record(p)
    assert rec.status is InputStatus.FAILED and rec.error_code == "CW103"


def test_cp1252_text_is_decoded_with_a_recorded_fallback(tmp_path: Path) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(
        ("Clashes in Homs\n\n" + ARTICLE.replace("said.", "said \u201cyesterday\u201d.")).encode("cp1252")
    )
    rec, docs = _record(p)
    assert rec.status is InputStatus.OK and "cp1252" in str(rec.message)
    (story,) = clean.make_stories(docs[0])
    assert "encoding_fallback:cp1252" in story.flags and "\u201cyesterday\u201d" in story.text


def test_undecodable_bytes_fail_cw104(tmp_path: Path) -> None:
    p = tmp_path / "garbage.txt"
    # not UTF-8; bytes 0x81/0x8d/0x9d are undefined in cp1252
    p.write_bytes(("Clashes in Homs " * 5).encode() + b"\x81\x8d\x9d\xfe" * 40)
    rec, _ = _record(p)
    assert rec.status is InputStatus.FAILED and rec.error_code == "CW104"


def test_truncated_html_keeps_what_it_has_and_is_flagged(tmp_path: Path) -> None:
    body = "".join(f"<p>{ARTICLE} ({i})</p>" for i in range(5))
    p = tmp_path / "cut.html"
    p.write_text(
        f"<html><head><title>Idlib</title></head><body><article>{body}<p>Rebels sai", encoding="utf-8"
    )
    rec, docs = _record(p)
    (story,) = clean.make_stories(docs[0])
    assert rec.status is InputStatus.OK and "html_truncated" in story.flags and "(4)" in story.text


def test_html_without_article_text_fails_cw106(tmp_path: Path, ingest_only: None) -> None:
    p = tmp_path / "shell.html"
    p.write_text(
        "<html><body><nav><a href='/'>Home</a></nav><div id='app'></div></body></html>", encoding="utf-8"
    )
    summary = pipeline.run([str(p)], str(tmp_path / "db.duckdb"))
    (rec,) = summary.failures
    assert rec.status is InputStatus.FAILED and rec.error_code == "CW106"


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text(ARTICLE * 10, encoding="utf-8")
    rec, _ = _record(p, Settings(max_file_bytes=100))
    assert (
        rec.status is InputStatus.FAILED
        and rec.error_code == "CW105"
        and "max_file_bytes" in str(rec.message)
    )


def test_200_mb_sparse_file_is_refused_with_default_settings(tmp_path: Path) -> None:
    p = tmp_path / "huge.warc"
    with open(p, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no 200 MB is written or read
    rec, docs = _record(p)
    assert rec.status is InputStatus.FAILED and rec.error_code == "CW105" and docs == []
    assert rec.size_bytes == 200 * 1024 * 1024


def test_csv_without_a_text_column_fails_cw107(tmp_path: Path) -> None:
    p = tmp_path / "numbers.csv"
    p.write_text("id,count,place\n1,4,Homs\n2,7,Hama\n", encoding="utf-8")
    rec, _ = _record(p)
    assert (
        rec.status is InputStatus.FAILED and rec.error_code == "CW107" and "text column" in str(rec.message)
    )


def test_csv_with_malformed_rows_is_partial(tmp_path: Path) -> None:
    p = tmp_path / "rows.csv"
    p.write_text(
        f'title,text,source\nGood,"{ARTICLE}",SANA\nBad row with too many,fields,here,and,here\nEmpty,,SANA\n'
        f'Also good,"{ARTICLE} Again.",Reuters\n',
        encoding="utf-8",
    )
    rec, docs = _record(p)
    assert rec.status is InputStatus.PARTIAL and rec.error_code == "CW108"
    assert [d.record_key for d in docs] == ["row 1", "row 4"]
    assert "row 2" in str(rec.message) and "row 3" in str(rec.message)


def test_jsonl_with_broken_lines_is_partial(tmp_path: Path) -> None:
    p = tmp_path / "items.jsonl"
    p.write_text(f'{{"text": "{ARTICLE}"}}\n{{broken json\n[1, 2]\n', encoding="utf-8")
    rec, docs = _record(p)
    assert rec.status is InputStatus.PARTIAL and len(docs) == 1 and "line 2" in str(rec.message)


def test_unreadable_warc_fails_cw109(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc"
    p.write_text("this is not a WARC archive\n" * 20, encoding="utf-8")
    rec, _ = _record(p)
    assert rec.status is InputStatus.FAILED and rec.error_code == "CW109"


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    html = f"<html><body><article><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>".encode()
    for i in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record(
                f"https://sana.sy/{i}", "response", payload=io.BytesIO(html), http_headers=headers
            )
        )
    data = buf.getvalue()
    p = tmp_path / "cut.warc.gz"
    p.write_bytes(data[: int(len(data) * 0.8)])
    rec, docs = _record(p)
    assert rec.status is InputStatus.PARTIAL and rec.error_code == "CW109"
    assert 1 <= len(docs) < 3


def test_folder_of_thousands_of_files_records_each_and_continues(tmp_path: Path, ingest_only: None) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(1500):
        kind = i % 3
        if kind == 0:
            (folder / f"{i:04d}.txt").write_bytes(b"")
        elif kind == 1:
            (folder / f"{i:04d}.bin").write_bytes(b"\x00\x01\x02" * 10 + bytes([i % 256]))
        else:
            (folder / f"{i:04d}.txt").write_text(f"Report {i}\n\n{ARTICLE} Number {i}.", encoding="utf-8")
    db = str(tmp_path / "db.duckdb")
    summary = pipeline.run([str(folder)], db)
    assert summary.inputs_seen == 1500 and summary.inputs_ok == 500 and summary.inputs_failed == 1000
    with Store(db) as store:
        codes = store.query("SELECT error_code, count(*) AS n FROM inputs GROUP BY error_code ORDER BY 1")
        assert {r["error_code"]: r["n"] for r in codes} == {"CW102": 500, "CW103": 500, None: 500}
        assert store.counts()["stories"] == 500


def test_failure_between_inputs_leaves_first_committed_and_rerun_completes(
    tmp_path: Path, samples_dir: Path, ingest_only: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "db.duckdb")
    real = clean.make_stories
    calls = {"n": 0}

    def dies_on_second_input(doc: ingest.RawDocument, settings: Settings = DEFAULT) -> list[clean.Story]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the process is killed between two inputs
        return real(doc, settings)

    monkeypatch.setattr(clean, "make_stories", dies_on_second_input)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run([str(samples_dir)], db)
    with Store(db) as store:
        assert store.counts()["inputs"] == 1 and store.counts()["stories"] == 1
    monkeypatch.setattr(clean, "make_stories", real)
    summary = pipeline.run([str(samples_dir)], db)
    assert summary.inputs_skipped == 1 and summary.inputs_ok == 4
    with Store(db) as store:
        assert store.counts()["inputs"] == 5 and store.counts()["stories"] == 14
        rows = store.query("SELECT count(DISTINCT story_id) AS n FROM stories")
        assert rows[0]["n"] == 14


def test_one_bad_file_among_good_ones_exits_1_and_stores_the_rest(tmp_path: Path, ingest_only: None) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(f"Clashes in Homs\n\n{ARTICLE}", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["run", str(folder), "--db", str(tmp_path / "db.duckdb")])
    assert result.exit_code == EXIT_INPUT_FAILURES
    assert "[CW102]" in result.output and "1 stored" in result.output
    assert os.path.exists(tmp_path / "db.duckdb")
