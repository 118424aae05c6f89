"""Linking: near-duplicate stories, reports of the same real event, the same claim across outlets.

``update`` recomputes every kind of link over the whole corpus in the store;
each kind lives in its own module.
"""

from __future__ import annotations

from crosswire.settings import DEFAULT, Settings
from crosswire.store import Store


def update(store: Store, settings: Settings = DEFAULT) -> None:
    """Recompute all links over the stored corpus (idempotent: links of each kind are replaced)."""
    from crosswire.link import duplicates

    store.replace_links("near_duplicate", duplicates.near_duplicate_links(store.stories(), settings))
