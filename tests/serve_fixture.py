"""A small crosswire database written through the real Store API, for the dashboard and API tests.

Two outlets of opposing camps report the same air strike with different death tolls (a
fatalities contradiction), a third story reports a separate shelling in another governorate,
and one story carries hostile markup that must be shown as text everywhere.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from crosswire.models import (
    Actor,
    Claim,
    Contradiction,
    Credibility,
    DateInfo,
    Event,
    Evidence,
    FatalityClaim,
    InputRecord,
    InputStatus,
    Place,
    Story,
)
from crosswire.store import Store

XSS = '<script>window.__xss = 1; alert("xss")</script><img src=x onerror="window.__xss=2; alert(1)">'

TEXT_A = (
    "Idlib, Syria - Russian warplanes struck a camp for displaced people near the town of Atmeh on Tuesday, "
    "killing at least 12 civilians, the Syrian Observatory for Human Rights said. "
    "Rescue workers said the strike hit tents close to the Turkish border."
)
TEXT_B = (
    "DAMASCUS - The Syrian army targeted a terrorist headquarters near Atmeh in Idlib countryside "
    "on Tuesday, "
    "killing 3 militants, a military source told SANA. "
    "The source denied that any civilians were harmed in the operation."
)
TEXT_C = (
    "Government forces shelled the town of Kafr Nabl in southern Idlib on Monday, wounding five people, "
    "local activists reported. Separately, clashes were reported near Maarat al-Numan. " + XSS
)
TEXT_D = (
    "Regime artillery shelled the village of Nawa in Daraa province on Sunday, killing two children, "
    "according to local sources quoted by the opposition media office."
)


def _ev(story_id: str, text: str, needle: str) -> Evidence:
    start = text.index(needle)
    # the sentence holding the needle: from the previous full stop to the next
    s0 = text.rfind(". ", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = text.find(". ", start)
    s1 = len(text) if s1 < 0 else s1 + 1
    return Evidence(story_id, start, start + len(needle), needle, text[s0:s1], s0, s1)


def _story(input_id: str, title: str, text: str, outlet: str, published: str) -> Story:
    sid = hashlib.sha256(f"{input_id}:{text}".encode()).hexdigest()[:16]
    return Story(
        story_id=sid,
        input_id=input_id,
        index=0,
        title=title,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        outlet=outlet,
        publisher=outlet,
        url=f"https://example.org/{sid}",
        published=DateInfo(published, "header", 0.9),
    )


def _place(name: str, admin1: str, lat: float, lon: float, precision: int, ev: Evidence) -> Place:
    return Place(name, "Syria", admin1, None, None, lat, lon, precision, mention=ev.text, evidence=ev)


def build(db_path: str | Path) -> dict[str, str]:
    """Write the fixture corpus to ``db_path``; returns the ids the tests refer to."""
    stories = {
        "a": _story("in-a", "Russian strike on Atmeh camp kills 12", TEXT_A, "Orient News", "2021-03-02"),
        "b": _story("in-b", "Army destroys terrorist HQ near Atmeh", TEXT_B, "SANA", "2021-03-02"),
        "c": _story("in-c", "Shelling on Kafr Nabl " + XSS, TEXT_C, "Orient News", "2021-03-01"),
        "d": _story("in-d", "Children killed in Nawa shelling", TEXT_D, "Daraa 24", "2021-02-28"),
    }
    ids = {k: s.story_id for k, s in stories.items()}
    with Store(db_path) as store:
        for key, story in stories.items():
            store.write_input(
                InputRecord(
                    f"in-{key}", f"fixture/{key}.txt", "text", InputStatus.OK, len(story.text), n_stories=1
                ),
                [story],
            )
        a, b, c, d = (stories[k] for k in "abcd")
        fa = FatalityClaim(
            12,
            12,
            12,
            "killed",
            "Syrian Observatory for Human Rights",
            "civilians",
            "at least",
            _ev(a.story_id, a.text, "killing at least 12 civilians"),
        )
        fb = FatalityClaim(
            3,
            3,
            3,
            "killed",
            "a military source",
            "fighters",
            None,
            _ev(b.story_id, b.text, "killing 3 militants"),
        )
        ev_a = Event(
            "ev-atmeh-a",
            a.story_id,
            "Explosions/Remote violence",
            "Air/drone strike",
            Actor(
                "Military Forces of Russia",
                8,
                "government",
                "Russian warplanes",
                _ev(a.story_id, a.text, "Russian warplanes"),
            ),
            Actor("Civilians (Syria)", 7, None, "civilians", _ev(a.story_id, a.text, "civilians")),
            True,
            _place("Atmeh", "Idleb", 36.207, 36.685, 1, _ev(a.story_id, a.text, "Atmeh")),
            "2021-03-02",
            1,
            12,
            (fa,),
            "struck",
            0.8,
            {"trigger": _ev(a.story_id, a.text, "struck"), "fatalities": fa.evidence},  # type: ignore[dict-item]
            "Russian warplanes struck a camp for displaced people near Atmeh.",
            "cl-atmeh",
        )
        ev_b = Event(
            "ev-atmeh-b",
            b.story_id,
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            Actor(
                "Military Forces of Syria",
                1,
                "government",
                "The Syrian army",
                _ev(b.story_id, b.text, "The Syrian army"),
            ),
            Actor(
                "Islamist Militia (Syria)", 2, "opposition", "terrorist", _ev(b.story_id, b.text, "terrorist")
            ),
            False,
            _place("Atmeh", "Idleb", 36.207, 36.685, 2, _ev(b.story_id, b.text, "Atmeh")),
            "2021-03-02",
            1,
            3,
            (fb,),
            "targeted",
            0.7,
            {"trigger": _ev(b.story_id, b.text, "targeted"), "fatalities": fb.evidence},  # type: ignore[dict-item]
            "The Syrian army targeted a headquarters near Atmeh.",
            "cl-atmeh",
        )
        ev_c = Event(
            "ev-kafrnabl",
            c.story_id,
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            Actor(
                "Military Forces of Syria",
                1,
                "government",
                "Government forces",
                _ev(c.story_id, c.text, "Government forces"),
            ),
            None,
            False,
            _place("Kafr Nabl", "Idleb", 35.614, 36.562, 1, _ev(c.story_id, c.text, "Kafr Nabl")),
            "2021-03-01",
            1,
            0,
            (),
            "shelled",
            0.6,
            {"trigger": _ev(c.story_id, c.text, "shelled")},
        )
        ev_d = Event(
            "ev-nawa",
            d.story_id,
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            Actor(
                "Military Forces of Syria",
                1,
                "government",
                "Regime artillery",
                _ev(d.story_id, d.text, "Regime artillery"),
            ),
            Actor("Civilians (Syria)", 7, None, "children", _ev(d.story_id, d.text, "children")),
            True,
            _place("Nawa", "Dar'a", 32.888, 36.043, 1, _ev(d.story_id, d.text, "Nawa")),
            "2021-02-28",
            1,
            2,
            (),
            "shelled",
            0.7,
            {"trigger": _ev(d.story_id, d.text, "shelled")},
        )
        claim_b = Claim(
            "cl-denial",
            b.story_id,
            "a military source",
            "Military Forces of Syria",
            "denied",
            False,
            "any civilians were harmed in the operation",
            "Military Forces of Syria",
            "denial",
            _ev(b.story_id, b.text, "The source denied that any civilians were harmed in the operation."),
        )
        store.replace_story_extractions(a.story_id, [ev_a], [])
        store.replace_story_extractions(b.story_id, [ev_b], [claim_b])
        store.replace_story_extractions(c.story_id, [ev_c], [])
        store.replace_story_extractions(d.story_id, [ev_d], [])
        contradiction = Contradiction(
            "cl-atmeh",
            "fatalities",
            (
                {
                    "value": 12,
                    "source": "Syrian Observatory for Human Rights",
                    "outlet": a.outlet,
                    "story_id": a.story_id,
                    "event_id": ev_a.event_id,
                    "evidence": fa.evidence,
                },
                {
                    "value": 3,
                    "source": "a military source",
                    "outlet": b.outlet,
                    "story_id": b.story_id,
                    "event_id": ev_b.event_id,
                    "evidence": fb.evidence,
                },
            ),
        )
        store.replace_cross_checks(
            {ev_a.event_id: "cl-atmeh", ev_b.event_id: "cl-atmeh"},
            {},
            [contradiction],
            [
                Credibility(a.story_id, 0.7, ({"feature": "cross_camp", "value": 1.0},)),
                Credibility(b.story_id, 0.4, ({"feature": "contradicted", "value": 1.0},)),
            ],
        )
    return {**{f"story_{k}": v for k, v in ids.items()}, "atmeh_event": "ev-atmeh-a", "cluster": "cl-atmeh"}
