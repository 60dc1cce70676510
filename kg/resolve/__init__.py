"""Resolution: the mentions of every article become one cluster per real-world entity and per
real-world event.

Two steps, one module each, in this order: `entities` links entity mentions (within an article
by their coreference chain, then across articles by gazetteer key and name), and `events` merges
event mentions whose class, status, time and participants agree. What comes out is a
`Resolution`: which mentions belong together, with no IRI and no label (`kg.graph` composes
those).
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.model import Extraction
from kg.resolve.entities import link_entities, normalise_name
from kg.resolve.events import merge_events
from kg.resolve.types import MentionKey, Resolution, ResolvedEntity, ResolvedEvent, mention_key

__all__ = [
    "MentionKey",
    "Resolution",
    "ResolvedEntity",
    "ResolvedEvent",
    "mention_key",
    "normalise_name",
    "resolve",
]


def resolve(extractions: Sequence[Extraction]) -> Resolution:
    """Link every article's entity mentions into entities and merge its event mentions into
    events. Articles come out sorted by id, entities by key, events in the order merging made
    them (the order their IRIs are minted in)."""
    entities, entity_of = link_entities(extractions)
    relations = tuple(r for x in extractions for r in x.relations)
    events = merge_events(
        [e for x in extractions for e in x.events], entities, entity_of, relations
    )
    articles = tuple(sorted((x.article for x in extractions), key=lambda a: a.id))
    return Resolution(articles, entities, events, relations, entity_of)
