"""Re-running ``crosswire run``: nothing changes on the same knowledge; new data files re-extract."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire import pipeline
from crosswire.settings import DATA_ENV
from crosswire.store import Store

TEXT = (
    "The Hama Relief Board said rebels shelled the village of Kafr Nabudah in Hama province on Monday, "
    "killing two soldiers."
)


def _speaker_actors(db: Path) -> set[str | None]:
    with Store(db, read_only=True) as store:
        return {r["speaker_actor"] for r in store.query("SELECT speaker_actor FROM claims")}


def test_rerun_is_idempotent_until_the_knowledge_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "story.txt"
    src.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "cw.duckdb"
    first = pipeline.run([str(src)], str(db))
    assert first.ok and first.stories_new == 1 and first.stories_reextracted == 0
    assert "Hama Relief Board" not in _speaker_actors(db)

    again = pipeline.run([str(src)], str(db))
    assert again.inputs_skipped == 1 and again.stories_reextracted == 0

    # a user adds an actor: the stored story is extracted again and the speaker now resolves
    data = tmp_path / "data"
    data.mkdir()
    (data / "actors.csv").write_text(
        "name,aliases,actor_type,side,parent,country,source\n"
        "Hama Relief Board,Hama Relief Board,7,civilian,,Syria,made up for this test\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(DATA_ENV, str(data))
    changed = pipeline.run([str(src)], str(db))
    assert changed.inputs_skipped == 1 and changed.stories_reextracted == 1
    assert "Hama Relief Board" in _speaker_actors(db)
    assert pipeline.run([str(src)], str(db)).stories_reextracted == 0  # recorded: idempotent again

    forced = pipeline.run([str(src)], str(db), reextract=True)
    assert forced.stories_reextracted == 1
    with Store(db, read_only=True) as store:
        assert store.counts()["stories"] == 1
