"""Who did what to whom: actor1/actor2 direction on the PLOVER gold-standard sentences.

For the violent and coercive PLOVER event types (ASSAULT, FIGHT, COERCE) each
gold record gives the text, the source actor(s) and the target actor(s). We
parse the sentence with spaCy, take the event hit from
:func:`crosswire.extract.classify.classify_sentence` (or, when the classifier
finds no ACLED event, the sentence's main verb, reported separately), find
mentions with a generic finder (the actors list plus spaCy noun chunks that
hold a named entity, since PLOVER's actors are mostly not Syrian), and call
:func:`crosswire.extract.actors.assign_roles`.

A predicted actor matches a gold actor when they share a content word. We
report, over records where both actor1 and actor2 were found: how often the
direction agrees with gold (actor1 = a source and actor2 = a target) and how
often it is reversed; and actor1 / actor2 accuracy on their own.
Usage: ``.venv/bin/python bench/plover.py [path.jsonl]``; writes
``bench/results/plover.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from spacy.tokens import Span

from crosswire import annotate
from crosswire.extract.actors import assign_roles, find_actor_mentions
from crosswire.extract.classify import TypeHit, classify_sentence
from crosswire.models import Mention
from crosswire.settings import DEFAULT as SETTINGS

DEFAULT = Path("/work/shared/eval/plover/plover_gsr.jsonl")
OUT = Path(__file__).parent / "results" / "plover.json"
EVENTS = ("ASSAULT", "FIGHT", "COERCE")
ENTITY_LABELS = {"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"}
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = {"the", "of", "in", "and", "a", "an", "to", "on", "at", "for", "with", "by", "from", "its", "their"}


def content_words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower()) if w not in _STOP}


def matches(mention: Mention | None, gold: list[dict[str, Any]]) -> bool:
    if mention is None:
        return False
    words = content_words(mention.text) | content_words(mention.canonical or "")
    return any(words & content_words(g.get("actorText", "")) for g in gold)


def generic_mentions(sent: Span) -> list[Mention]:
    """Actors-list mentions, then noun chunks holding a named entity (not overlapping them)."""
    text = sent.doc.text
    out = list(find_actor_mentions(text))
    for chunk in sent.noun_chunks:
        if not any(t.ent_type_ in ENTITY_LABELS for t in chunk):
            continue
        toks = [t for t in chunk if t.dep_ != "det"]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        if any(m.start < end and start < m.end for m in out):
            continue
        out.append(Mention(start, end, text[start:end], "NP", None))
    return sorted(out, key=lambda m: m.start)


def root_hit(sent: Span) -> TypeHit:
    root = sent.root
    return TypeHit("(none)", "(main verb)", root.text, root.idx, root.idx + len(root), 0.0)


def evaluate(path: Path, nlp: Any = None) -> dict[str, Any]:
    """Direction figures over ``path``; ``nlp`` is a loaded spaCy pipeline (loaded here when None)."""
    nlp = nlp if nlp is not None else annotate.nlp(SETTINGS.spacy_model)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("event") in EVENTS and r.get("text")]
    stats = {
        k: 0
        for k in (
            "records",
            "classifier_hit",
            "both_found",
            "agree",
            "reversed",
            "a1_found",
            "a1_correct",
            "a2_found",
            "a2_correct",
            "civilian_flag",
        )
    }
    by_source: dict[str, dict[str, int]] = {
        "classifier": {"both": 0, "agree": 0, "reversed": 0},
        "main_verb": {"both": 0, "agree": 0, "reversed": 0},
    }
    examples = []
    for r in rows:
        stats["records"] += 1
        doc = nlp(r["text"])
        sent = doc[:]
        hits = classify_sentence(r["text"])
        hit = hits[0] if hits else root_hit(sent)
        kind = "classifier" if hits else "main_verb"
        stats["classifier_hit"] += bool(hits)
        mentions = generic_mentions(sent)
        a1, a2, civ = assign_roles(sent, hit, mentions)
        stats["civilian_flag"] += civ
        src, tgt = r.get("source") or [], r.get("target") or []
        if a1 is not None and src:
            stats["a1_found"] += 1
            stats["a1_correct"] += matches(a1, src)
        if a2 is not None and tgt:
            stats["a2_found"] += 1
            stats["a2_correct"] += matches(a2, tgt)
        if a1 is not None and a2 is not None and src and tgt:
            agree = matches(a1, src) and matches(a2, tgt)
            rev = matches(a1, tgt) and matches(a2, src) and not agree
            stats["both_found"] += 1
            stats["agree"] += agree
            stats["reversed"] += rev
            by_source[kind]["both"] += 1
            by_source[kind]["agree"] += agree
            by_source[kind]["reversed"] += rev
        examples.append(
            {
                "id": r["id"],
                "event": r["event"],
                "hit": hit.sub_event_type,
                "trigger": hit.trigger,
                "actor1": a1.text if a1 else None,
                "actor2": a2.text if a2 else None,
                "gold_source": [g.get("actorText") for g in src],
                "gold_target": [g.get("actorText") for g in tgt],
            }
        )

    def ratio(a: str, b: str) -> float:
        return round(stats[a] / stats[b], 4) if stats[b] else 0.0

    return {
        "dataset": str(path),
        "events": list(EVENTS),
        "counts": stats,
        "direction_agreement": ratio("agree", "both_found"),
        "direction_reversed": ratio("reversed", "both_found"),
        "actor1_precision": ratio("a1_correct", "a1_found"),
        "actor2_precision": ratio("a2_correct", "a2_found"),
        "actor1_coverage": round(stats["a1_found"] / max(1, stats["records"]), 4),
        "by_hit_source": by_source,
        "records": examples,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT, help="PLOVER gold file (default: dev)")
    path = ap.parse_args().path
    if not path.is_file():
        sys.exit(f"plover: no such file: {path}")
    res = evaluate(path)
    c = res["counts"]
    print(f"PLOVER {'/'.join(EVENTS)}: {c['records']} records, classifier hit on {c['classifier_hit']}")
    print(
        f"both actors found: {c['both_found']}; direction agrees {res['direction_agreement']:.3f}, "
        f"reversed {res['direction_reversed']:.3f}"
    )
    print(
        f"actor1 found on {res['actor1_coverage']:.3f} of records; "
        f"actor1 precision {res['actor1_precision']:.3f}, "
        f"actor2 precision {res['actor2_precision']:.3f}"
    )
    for kind, v in res["by_hit_source"].items():
        print(f"  hit from {kind:10s}: both found {v['both']:3d}, agree {v['agree']:3d}, reversed {v['reversed']:3d}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
