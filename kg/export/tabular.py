"""Flat exports of the graph for other tools: an events table (CSV) and GraphML for Gephi.

Both read the `KnowledgeGraph` and come out byte-identical for the same graph; GraphML is
written by networkx from a flat copy of it. Text taken from articles is untrusted: in the CSV a
cell that a spreadsheet would run as a formula gets a leading apostrophe; in GraphML characters
XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import csv
import io
import re

import networkx as nx

from kg.graph import Edge, EventNode, KnowledgeGraph
from kg.terms import vocabulary
from kg.text import SURROGATES

__all__ = ["COLUMNS", "FILES", "events_csv", "graphml", "render"]

# `kg build --format` names, and the file each writes in the output folder
FILES = {"csv": "events.csv", "graphml": "graph.graphml"}
COLUMNS = (
    "id",
    "class",
    "cameo",
    "label",
    "time",
    "begin",
    "end",
    "status",
    "claimed_by",
    "actors",
    "place",
    "sources",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list of formula triggers
_NOT_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{SURROGATES}\ufffe\uffff]")


def _cell(text: str) -> str:
    # Excel, LibreOffice and Sheets run a cell starting with one of these as a formula
    # (CSV injection); the apostrophe makes it text and is not displayed.
    return "'" + text if text.startswith(_FORMULA) else text


def _event_row(graph: KnowledgeGraph, event: EventNode) -> list[str]:
    roles = vocabulary().roles
    actors = sorted(
        {(roles.index(role), graph.label(who), role) for role, who in graph.participants(event.iri)}
    )
    places = sorted({graph.label(p) for p in graph.places(event.iri)})
    claimant = graph.claimant(event.iri)
    sources = [a.path if (a := graph.article(s)) else s for s in event.sources]
    return [
        event.iri,
        event.cls.name,
        event.cls.cameo or "",
        event.label,
        event.time_value or "",
        event.begin.isoformat() if event.begin else "",
        event.end.isoformat() if event.end else "",
        event.status,
        graph.label(claimant) if claimant else "",
        "; ".join(f"{label} ({role})" for _, label, role in actors),
        "; ".join(places),
        "; ".join(sources),
    ]


def _by_begin(row: list[str]) -> tuple[bool, str, str, str]:
    # undated last, then by begin (ISO dates sort as text), label and IRI
    return (row[5] == "", row[5], row[3], row[0])


def events_csv(graph: KnowledgeGraph) -> str:
    """One row per event (UTF-8, a header row, RFC 4180 quoting and CRLF line ends), ordered
    by begin date (undated last), label and IRI. Actors are "label (role)" by role (in the
    ontology's order) then label, places and source files sorted, each cell's values joined
    with "; ". Every cell starting with = + - @ (or a tab or carriage return) gets a leading
    apostrophe, so a spreadsheet shows it as text instead of running it."""
    rows = sorted((_event_row(graph, e) for e in graph.events), key=_by_begin)
    cells: list[list[str]] = [[_cell(c) for c in row] for row in rows]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(cells)
    return buf.getvalue()


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _edge_key(edge: Edge) -> tuple[str, str, str]:
    # the order networkx's keyed multigraph gave parallel edges: "leaderOf|President"
    return (edge.subject, edge.object, edge.predicate + (f"|{edge.role}" if edge.role else ""))


def graphml(graph: KnowledgeGraph) -> str:
    """The graph as GraphML: nodes with label, kind, class, cameo, time, begin, end, status and
    source_count; edges with predicate, role and source_count (articles that state the edge).
    An attribute a node lacks is left out rather than written empty. Nodes are sorted by IRI,
    edges by source, target, predicate and role, so the bytes depend only on the graph."""
    flat = nx.MultiDiGraph()  # type: ignore[misc]  # networkx is untyped
    for node in graph.nodes():
        attrs: dict[str, str | int] = {"label": _xml(node.label)}
        if isinstance(node, EventNode):
            attrs["kind"] = "Event"
            for name, value in (
                ("class", node.cls.name),
                ("cameo", node.cls.cameo),
                ("time", node.time_value),
                ("begin", node.begin.isoformat() if node.begin else None),
                ("end", node.end.isoformat() if node.end else None),
                ("status", node.status),
            ):
                if value:
                    attrs[name] = _xml(value)
        else:
            attrs["kind"] = node.kind
        attrs["source_count"] = len(node.sources)
        flat.add_node(node.iri, **attrs)  # type: ignore[misc]
    for index, edge in enumerate(sorted(graph.edges, key=_edge_key)):
        attrs = {"predicate": edge.predicate}
        if edge.role:
            attrs["role"] = _xml(edge.role)
        attrs["source_count"] = len(edge.articles)
        # GraphML edge ids are XML ids, unique in the file: Gephi keys edges by them
        flat.add_edge(edge.subject, edge.object, key=f"e{index}", **attrs)  # type: ignore[misc]
    lines: list[str] = list(nx.generate_graphml(flat))  # type: ignore[misc]
    return "\n".join(lines) + "\n"


def render(fmt: str, graph: KnowledgeGraph) -> str:
    """The text of `FILES[fmt]`."""
    if fmt == "csv":
        return events_csv(graph)
    return graphml(graph)
