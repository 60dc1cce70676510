"""The in-memory model: a networkx MultiDiGraph built from the resolved corpus.

Node ids are IRIs. Node attributes: `kind` (Person, State, Organization, Place, Other, Event),
`label`, `alt_labels`, `sources` (article ids), `evidence` (tuple of `Evidence`); events add
`cls`, `status`, `time_value`, `time_type`, `begin`, `end` (ISO strings or None), `claimed_by`,
`quad`, `cameo`, `time_conflicts`. Edges are keyed by predicate local name ("agent",
"hasPlace", "leaderOf", ...) and carry `evidence` and `role`. Articles are not nodes here:
exporters take them beside the graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import networkx as nx

from kg import lexicon
from kg.model import Evidence, Resolved, Span
from kg.terms import RES_IRI


def _evidence(
    spans: tuple[Span, ...] | list[Span], quotes: Mapping[Span, str | None] | None = None
) -> tuple[Evidence, ...]:
    """The distinct spans, in article and text order, as exported mentions (with the quotation
    a statement's verb introduces, where `quotes` has one)."""
    unique = {(s.article, s.start, s.end): s for s in spans}
    quotes = quotes or {}
    return tuple(
        Evidence(s.article, s.start, s.end, s.text, s.sentence, quotes.get(s))
        for _, s in sorted(unique.items())
    )


def build_graph(resolved: Resolved, base: str = RES_IRI) -> nx.MultiDiGraph:
    """Nodes for entities and events, one edge per (subject, predicate, object, role)."""
    lex = lexicon.load()
    graph = nx.MultiDiGraph()
    for entity in resolved.entities:
        ev = _evidence([m.span for m in entity.mentions])
        graph.add_node(
            base + entity.id,
            kind=entity.type,
            label=entity.label,
            alt_labels=entity.alt_labels,
            sources=tuple(sorted({e.article for e in ev})),
            evidence=ev,
        )
    claims: dict[str, set[str]] = defaultdict(set)  # event -> claimants, looked up per event
    for e in resolved.edges:
        if e.predicate == "claimedBy":
            claims[e.subject].add(e.object)
    for event in resolved.events:
        ev = _evidence([m.span for m in event.mentions], {m.span: m.quote for m in event.mentions})
        cls = lex.event_classes.get(event.cls)
        claimed = sorted(base + o for o in claims.get(event.id, ()))
        graph.add_node(
            base + event.id,
            kind="Event",
            cls=event.cls,
            label=event.label,
            alt_labels=tuple(sorted({m.label for m in event.mentions} - {event.label})),
            sources=tuple(sorted({e.article for e in ev})),
            evidence=ev,
            status=event.status,
            time_value=event.time_value,
            time_type=event.time_type,
            begin=event.begin.isoformat() if event.begin else None,
            end=event.end.isoformat() if event.end else None,
            claimed_by=claimed[0] if claimed else None,
            quad=cls.quad if cls else None,
            cameo=cls.cameo if cls else None,
            time_conflicts=event.time_conflicts,
        )
    for edge in resolved.edges:
        graph.add_edge(
            base + edge.subject,
            base + edge.object,
            key=edge.predicate + (f"|{edge.role}" if edge.role else ""),
            predicate=edge.predicate,
            role=edge.role,
            evidence=_evidence(edge.evidence),
        )
    return graph
