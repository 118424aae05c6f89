"""Near-duplicate stories: the same text republished by another site, or a lightly edited copy.

Stories are compared by MinHash signatures of their word shingles and candidate pairs are
found with MinHash LSH (datasketch), so the work grows with the corpus, not its square.
A near duplicate is recorded as a link, never deleted: a copy on another outlet is itself
a fact (who republished whom).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from datasketch import MinHash, MinHashLSH

from crosswire.errors import LinkError
from crosswire.models import Link
from crosswire.settings import DEFAULT, Settings

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int) -> set[bytes]:
    """Lower-cased word ``size``-grams (the whole text as one shingle when it is shorter)."""
    words = _TOKEN.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, settings: Settings = DEFAULT) -> MinHash | None:
    sh = shingles(text, settings.minhash_shingle)
    if not sh:
        return None
    mh = MinHash(num_perm=settings.minhash_perm, seed=1)
    mh.update_batch(list(sh))
    return mh


def near_duplicate_links(stories: Sequence[dict[str, Any]], settings: Settings = DEFAULT) -> list[Link]:
    """Links between every pair of stories whose estimated Jaccard similarity reaches the threshold."""
    try:
        lsh = MinHashLSH(threshold=settings.near_duplicate_threshold, num_perm=settings.minhash_perm)
        sigs: dict[str, MinHash] = {}
        for row in stories:
            sid = str(row["story_id"])
            if sid in sigs:
                continue
            mh = signature(str(row.get("text") or ""), settings)
            if mh is None:
                continue
            sigs[sid] = mh
            lsh.insert(sid, mh)
        links: dict[tuple[str, str], Link] = {}
        for sid, mh in sigs.items():
            for other in lsh.query(mh):
                if other == sid:
                    continue
                a, b = sorted((sid, str(other)))
                if (a, b) in links:
                    continue
                score = float(sigs[a].jaccard(sigs[b]))
                if score >= settings.near_duplicate_threshold:
                    links[(a, b)] = Link(
                        kind="near_duplicate",
                        a=a,
                        b=b,
                        score=round(score, 4),
                        method="minhash-lsh",
                        details={
                            "shingle_words": settings.minhash_shingle,
                            "num_perm": settings.minhash_perm,
                        },
                    )
    except (ValueError, KeyError) as exc:
        raise LinkError(f"near-duplicate detection failed: {exc}", "CW401") from exc
    return sorted(links.values(), key=lambda ln: (ln.a, ln.b))
