"""Flat exports of the graph for other tools: an events table (CSV) and GraphML for Gephi.

Both read the networkx graph of `kg.graph` and come out byte-identical for the same graph.
Text taken from articles is untrusted: in the CSV a cell that a spreadsheet would run as a
formula gets a leading apostrophe; in GraphML characters XML 1.0 cannot hold are dropped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping

import networkx as nx

from kg.model import Article

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
_ROLES = ("agent", "target", "coParticipant")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list of formula triggers
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _cell(text: str) -> str:
    # Excel, LibreOffice and Sheets run a cell starting with one of these as a formula
    # (CSV injection); the apostrophe makes it text and is not displayed.
    return "'" + text if text.startswith(_FORMULA) else text


def _labels(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    return sorted({graph.nodes[n]["label"] for n in nodes if n in graph})


def _event_row(graph: nx.MultiDiGraph, node: str, articles: Mapping[str, Article]) -> list[str]:
    data = graph.nodes[node]
    actors: set[tuple[int, str, str]] = set()
    places: set[str] = set()
    for _, target, edge in graph.out_edges(node, data=True):
        if edge["predicate"] in _ROLES:
            order = _ROLES.index(edge["predicate"])
            actors.add((order, graph.nodes[target]["label"], edge["predicate"]))
        elif edge["predicate"] == "hasPlace":
            places.add(graph.nodes[target]["label"])
    claimed = data.get("claimed_by")
    sources = [articles[a].path if a in articles else a for a in sorted(data["sources"])]
    return [
        node,
        data.get("cls") or "Event",
        data.get("cameo") or "",
        data["label"],
        data.get("time_value") or "",
        data.get("begin") or "",
        data.get("end") or "",
        data.get("status") or "",
        "; ".join(_labels(graph, [claimed] if claimed else [])),
        "; ".join(f"{label} ({role})" for _, label, role in sorted(actors)),
        "; ".join(sorted(places)),
        "; ".join(sources),
    ]


def events_csv(graph: nx.MultiDiGraph, articles_by_id: Mapping[str, Article]) -> str:
    """One row per event (UTF-8, a header row, RFC 4180 quoting and CRLF line ends), ordered
    by begin date (undated last), label and IRI. Actors are "label (role)" by role then label,
    places and source files sorted, each cell's values joined with "; ". Every cell starting
    with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a spreadsheet
    shows it as text instead of running it."""
    events = [n for n, d in graph.nodes(data=True) if d["kind"] == "Event"]
    rows = [_event_row(graph, n, articles_by_id) for n in events]
    rows.sort(key=lambda r: (r[5] == "", r[5], r[3], r[0]))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([_cell(c) for c in row] for row in rows)
    return buf.getvalue()


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def graphml(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML: nodes with label, kind, class, cameo, time, begin, end, status and
    source_count; edges with predicate, role and source_count (articles that state the edge).
    An attribute a node lacks is left out rather than written empty. Nodes and edges are
    sorted by IRI, so the bytes depend only on the graph."""
    flat = nx.MultiDiGraph()
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        attrs: dict[str, str | int] = {"label": _xml(data["label"]), "kind": data["kind"]}
        for key, name in (
            ("cls", "class"),
            ("cameo", "cameo"),
            ("time_value", "time"),
            ("begin", "begin"),
            ("end", "end"),
            ("status", "status"),
        ):
            if data.get(key):
                attrs[name] = _xml(str(data[key]))
        attrs["source_count"] = len(data["sources"])
        flat.add_node(node, **attrs)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for index, (source, target, _, data) in enumerate(edges):
        attrs = {"predicate": data["predicate"]}
        if data.get("role"):
            attrs["role"] = _xml(data["role"])
        attrs["source_count"] = len({e.article for e in data["evidence"]})
        # GraphML edge ids are XML ids, unique in the file: Gephi keys edges by them
        flat.add_edge(source, target, key=f"e{index}", **attrs)
    return "\n".join(nx.generate_graphml(flat)) + "\n"


def render(fmt: str, graph: nx.MultiDiGraph, articles_by_id: Mapping[str, Article]) -> str:
    """The text of `FILES[fmt]`."""
    if fmt == "csv":
        return events_csv(graph, articles_by_id)
    return graphml(graph)
