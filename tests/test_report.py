"""The static HTML report, rendered from a real database."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from crosswire import link
from crosswire.cli import main
from crosswire.models import Event, Evidence, FatalityClaim, InputRecord, InputStatus, Place, Story
from crosswire.report import highlight, write_report
from crosswire.store import Store


def test_report_from_the_seeds_has_cards_contradictions_claims_framing_and_credibility(
    seed_run: Any, tmp_path: Path
) -> None:
    out = write_report(seed_run.db, tmp_path / "report.html")
    html = out.read_text(encoding="utf-8")
    assert html.count('<div class="card') >= 2
    assert 'class="contra"' in html
    assert "<mark>" in html
    for section in ("contradictions", "events", "claims", "framing", "credibility"):
        assert f'id="{section}"' in html
    assert "Konashenkov" in html and "Asharq Al-Awsat" in html
    assert "<script" not in html  # self-contained and script-free
    assert not re.search(r'(?:src|href)="https?://', html)


def _hostile_db(path: Path) -> Path:
    text = 'Officials said <script>alert("x")</script> 12 people were killed in Atma on Monday.'
    story = Story("s-evil", "in-evil", 0, "<b>title</b>", text, "h", outlet="<i>Outlet</i>")
    ev = Evidence("s-evil", 75, 77, "12", text, 0, len(text))
    event = Event(
        "e-evil",
        "s-evil",
        "Violence against civilians",
        "Attack",
        None,
        None,
        True,
        Place("Atma", "Syria", "Idlib", "Harim", None, 36.3, 36.7, 1),
        "2016-08-14",
        1,
        12,
        (
            FatalityClaim(12, 12, 12, "killed", "Officials", "people", None, ev),
            FatalityClaim(
                20,
                20,
                20,
                "killed",
                "<script>x</script>",
                "people",
                None,
                Evidence("s-evil", 10, 12, "20", text, 0, len(text)),
            ),
        ),
        evidence={"trigger": ev},
    )
    with Store(path) as store:
        store.write_input(InputRecord("in-evil", "evil.txt", "text", InputStatus.OK, n_stories=1), [story])
        store.replace_story_extractions("s-evil", [event], [])
        link.update(store)
    return path


def test_report_escapes_markup_from_story_text(tmp_path: Path) -> None:
    db = _hostile_db(tmp_path / "evil.duckdb")
    html = write_report(db, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "<i>Outlet</i>" not in html and "&lt;i&gt;Outlet&lt;/i&gt;" in html


def test_highlight_marks_the_span_and_escapes_the_rest() -> None:
    ev = {"sentence": "a <b> 32 killed", "sentence_start": 100, "start": 106, "end": 108}
    assert str(highlight(ev)) == "a &lt;b&gt; <mark>32</mark> killed"


def test_cli_report_writes_the_file(seed_run: Any, tmp_path: Path) -> None:
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(main, ["report", "--db", str(seed_run.db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_report_on_a_missing_database_fails_with_a_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", "--db", str(tmp_path / "nope.duckdb"), "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 2
    assert "CW201" in result.output


def test_cli_report_json_twin_holds_the_same_summary(seed_run: Any, tmp_path: Path) -> None:
    import json

    html, data = tmp_path / "r.html", tmp_path / "r.json"
    result = CliRunner().invoke(
        main, ["report", "--db", str(seed_run.db), "-o", str(html), "--json", str(data)]
    )
    assert result.exit_code == 0, result.output
    twin = json.loads(data.read_text(encoding="utf-8"))
    assert twin["summary"]["stories"] > 0
    assert {"contradictions", "claim_clusters", "framing", "credibility"} <= set(twin)
    assert f"<b>{twin['summary']['claims']}</b>claims" in html.read_text(encoding="utf-8")
