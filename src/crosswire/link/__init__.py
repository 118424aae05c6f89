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
    _update_cross_checks(store, settings)


def _update_cross_checks(store: Store, settings: Settings) -> None:
    """Same-event and same-claim links and clusters, then verification (contradictions, credibility)."""
    from crosswire import verify
    from crosswire.errors import LinkError
    from crosswire.link import claims as claim_links
    from crosswire.link import events as event_links

    corpus = verify.load_corpus(store)
    try:
        ev = event_links.link_events(corpus.events, corpus.stories.values(), corpus.near_duplicates, settings)
        cl = claim_links.link_claims(corpus.claims, corpus.stories.values(), settings)
    except (ValueError, KeyError, TypeError) as exc:
        raise LinkError(f"linking events/claims failed: {exc}", "CW401") from exc
    store.replace_links("same_event", ev.links)
    store.replace_links("same_claim", cl.links)
    verify.update(store, settings, event_clusters=ev.clusters, claim_clusters=cl.clusters)
