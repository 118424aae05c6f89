"""The CLI commands crosswire extract and crosswire export, through click's runner."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from crosswire.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

TEXT = (
    "Government warplanes struck the town of Saraqib in Idlib province on Tuesday, killing at least "
    "nine civilians, the Syrian Observatory for Human Rights said."
)
HTML = (
    "<html><head><title>Shelling in Hama</title></head><body><article><h1>Shelling in Hama</h1>"
    "<p>Rebels shelled the village of Kafr Nabudah in Hama province on Monday, killing two soldiers "
    "and wounding five others, the army said in a statement carried by state media.</p>"
    "<p>The army said it had responded to the sources of fire and that its units had repelled the "
    "attackers after hours of fighting on the northern edge of the village.</p></article></body></html>"
)


def test_extract_reads_text_and_html_lines(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "t1", "text": TEXT, "date": "2017-05-10", "outlet": "Reuters"},
        {"id": "h1", "html": HTML, "date": "2017-05-09"},
        {"id": "bad"},
    ]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", "--jsonl", str(src), "-o", str(out)])
    assert result.exit_code == 1  # two lines could not be used
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(rows) == {"t1", "h1", "bad", "line 4"}
    assert "CW107" in rows["bad"]["error"] and "CW108" in rows["line 4"]["error"]
    t1 = rows["t1"]
    assert len(t1["articles"]) == 1 and "error" not in t1
    (strike,) = [e for e in t1["events"] if e["sub_event_type"] == "Air/drone strike"]
    assert strike["fatalities"] == 9 and strike["event_date"] == "2017-05-09"
    assert (
        strike["admin1"] in {"Idlib", "Idleb"}
        and strike["evidence"]["trigger"]["story_id"] == t1["articles"][0]["story_id"]
    )
    h1 = rows["h1"]
    assert h1["articles"] and "Kafr Nabudah" in h1["articles"][0]["text"]
    assert any(e["fatalities"] == 2 for e in h1["events"])
    assert h1["claims"]


def test_extract_scores_each_article_against_the_other_lines_of_the_input(tmp_path: Path) -> None:
    strike = (
        "Government warplanes struck the town of Saraqib in Idlib province on Tuesday, killing at least "
        "{n} civilians, {who} said. Residents said the strike hit a market in the town centre."
    )
    lines = [
        {"id": "a", "text": strike.format(n=9, who="the Syrian Observatory for Human Rights"), "outlet": "Reuters"},
        {"id": "b", "text": strike.format(n=9, who="a monitoring group"), "outlet": "Al Jazeera", "date": "2017-05-10"},
        {"id": "c", "text": strike.format(n=40, who="activists"), "outlet": "SANA", "date": "2017-05-10"},
    ]
    lines[0]["date"] = "2017-05-10"
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["extract", "--jsonl", str(src), "-o", str(out)]).exit_code == 0
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    for row in rows.values():
        (article,) = row["articles"]
        cred = article["credibility"]
        assert 0 <= cred["score"] <= 1 and cred["score"] == article["credibility_score"]
        assert {r["factor"] for r in cred["reasons"]} >= {"figure_outlier", "other_reports"}
        assert all(r["text"] for r in cred["reasons"])
    reasons = {r["factor"]: r for r in rows["c"]["articles"][0]["credibility"]["reasons"]}
    assert reasons["figure_outlier"]["value"] == 1.0
    assert re.match(r"reports 40 (civilians )?killed where 2 other reports say 9 ", reasons["figure_outlier"]["text"])
    assert "Reuters" in reasons["figure_outlier"]["text"] and "Al Jazeera" in reasons["figure_outlier"]["text"]
    agreeing = {r["factor"]: r for r in rows["a"]["articles"][0]["credibility"]["reasons"]}
    assert agreeing["figure_outlier"]["value"] == 0.0 and agreeing["other_reports"]["value"] == 2.0


def test_export_command_writes_each_format(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = sorted(p.name for p in SAMPLES.iterdir())[-1]
    shutil.copy(SAMPLES / name, folder / name)
    db = tmp_path / "cw.duckdb"
    runner = CliRunner()
    assert runner.invoke(main, ["run", str(folder), "--db", str(db), "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["export", "--db", str(db), "--what", "events", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["event_id_cnty"]
    out = tmp_path / "events.geojson"
    result = runner.invoke(
        main, ["export", "--db", str(db), "--what", "events", "--format", "geojson", "-o", str(out)]
    )
    assert result.exit_code == 0
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and fc["features"]
    result = runner.invoke(main, ["export", "--db", str(db), "--what", "claims", "--format", "jsonl"])
    assert result.exit_code == 0 and all(json.loads(x)["claim_id"] for x in result.stdout.splitlines())
    bad = runner.invoke(main, ["export", "--db", str(db), "--what", "claims", "--format", "geojson"])
    assert bad.exit_code == 2 and "CW901" in bad.output
