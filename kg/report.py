"""What `kg extract` prints: one JSON-able record per article."""

from __future__ import annotations

from typing import Any

from kg.coreference import named_only
from kg.model import Extraction
from kg.resolve import mention_key, resolve


def extraction_record(found: Extraction) -> dict[str, Any]:
    """Offsets are code-point offsets into the file's text; `text == file_text[start:end]`.
    Ids are those the article's own mentions resolve to."""
    resolved = resolve([named_only(found)])
    entity_id = {mention_key(m): e.id for e in resolved.entities for m in e.mentions}
    event_id = {
        (m.span.start, m.span.end, m.cls): e.id for e in resolved.events for m in e.mentions
    }
    article = found.article
    return {
        "source": article.path,
        "dct": article.published.isoformat() if article.published else None,
        "entities": [
            {
                "start": m.span.start,
                "end": m.span.end,
                "text": m.span.text,
                "type": m.type,
                # name, nominal ("the company") or pronoun ("he"); chain: within-article
                # coreference; id null for a description or pronoun that names no entity
                "kind": m.mention_type,
                "chain": m.chain,
                "id": entity_id.get(mention_key(m)),
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
                "participants": [
                    {"id": entity_id[mention_key(p.entity)], "role": p.role} for p in e.participants
                ],
                "claimed_by": entity_id[mention_key(e.claimed_by)] if e.claimed_by else None,
                "quote": e.quote,
            }
            for e in found.events
        ],
        "relations": [
            {
                "subject": entity_id[mention_key(r.subject)],
                "predicate": r.predicate,
                "object": entity_id[mention_key(r.object)],
                "role": r.role,
                "start": r.span.start,
                "end": r.span.end,
            }
            for r in found.relations
        ],
    }
