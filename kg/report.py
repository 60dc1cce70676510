"""What `kg extract` prints: one JSON-able record per article."""

from __future__ import annotations

from typing import Any

from kg.graph import name_nodes
from kg.iris import Iris
from kg.model import EntityMention, Extraction
from kg.resolve import resolve

# ids are IRIs relative to the base: "person/vladimir-putin"
_RELATIVE = Iris(base="")


def extraction_record(found: Extraction) -> dict[str, Any]:
    """Offsets are code-point offsets into the file's text; `text == file_text[start:end]`.
    Ids are those of the graph nodes the article's own mentions resolve to, as minted by
    `kg.graph.name_nodes` (the function that names every graph node) under an empty base; a
    mention resolution dropped (a pronoun whose chain names no one) has the id null."""
    resolution = resolve([found])
    naming = name_nodes(resolution, _RELATIVE)
    event_id = {
        (m.span.start, m.span.end, m.cls): iri
        for event, iri in zip(resolution.events, naming.event_iris, strict=True)
        for m in event.mentions
    }

    def entity_id(m: EntityMention) -> str | None:
        entity = resolution.entity(m)
        return naming.entity_iris[entity.key] if entity is not None else None

    def entity_type(m: EntityMention) -> str:
        # the type of the node the mention refers to, as `kg build` writes it ("Reyes" after
        # "Maria Reyes" is a Person even where the model took the surname for a company)
        entity = resolution.entity(m)
        return entity.kind if entity is not None else m.type

    article = found.article
    return {
        "source": article.path,
        "dct": article.published.isoformat() if article.published else None,
        "entities": [
            {
                "start": m.span.start,
                "end": m.span.end,
                "text": m.span.text,
                "type": entity_type(m),
                # name, nominal ("the company") or pronoun ("he"); chain: within-article
                # coreference; id null for a description or pronoun that names no entity
                "kind": m.mention_type,
                "chain": m.chain,
                "id": entity_id(m),
            }
            for m in found.entities
        ],
        "times": [
            {
                "start": t.span.start,
                "end": t.span.end,
                "text": t.span.text,
                "type": t.type,
                "value": t.value,
                # a range ("Jan. 5-7"): the TIMEX3 values of its first and last points
                "range": {"begin": t.begin, "end": t.end} if t.begin and t.end else None,
            }
            for t in found.times
        ],
        "events": [
            {
                "start": e.span.start,
                "end": e.span.end,
                "text": e.span.text,
                "type": e.cls,
                # null: a bare mention ("a visit") that resolution found no event for
                "id": event_id.get((e.span.start, e.span.end, e.cls)),
                "value": e.time.value if e.time else None,
                "status": e.status,
                "time_origin": e.time_origin,
                # each participant's mention as written ("two workers", "he"), and the node
                # it refers to (null for one the article never names)
                "participants": [
                    _where(p.entity, entity_id(p.entity), p.role) for p in e.participants
                ],
                "claimed_by": entity_id(e.claimed_by) if e.claimed_by else None,
                "claimant": _where(e.claimed_by) if e.claimed_by else None,
                "quote": e.quote,
                # a reporting verb that only attributes another event: its claimant, no node
                "attribution": e.attribution,
            }
            for e in found.events
        ],
        "relations": [
            {
                "subject": entity_id(r.subject),
                "predicate": r.predicate,
                "object": entity_id(r.object),
                "role": r.role,
                "start": r.span.start,
                "end": r.span.end,
            }
            for r in found.relations
        ],
    }


def _where(
    m: EntityMention, ident: str | None = None, role: str | None = None
) -> dict[str, str | int | None]:
    """A mention's place in the text and its kind (offsets, text, type, name/nominal/pronoun),
    after the node it refers to and its role when it is an event's participant."""
    where: dict[str, str | int | None] = {"id": ident, "role": role} if role else {}
    return where | {
        "start": m.span.start,
        "end": m.span.end,
        "text": m.span.text,
        "type": m.type,
        "kind": m.mention_type,
    }
