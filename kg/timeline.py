"""The events of a built graph in time order, read back from its Turtle file with SPARQL.

This reads the published graph (not the in-memory one), so what `kg timeline` prints is exactly
what a SPARQL user of `graph.ttl` sees.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError
from kg.query import load
from kg.tables import csv_text, text_table
from kg.terms import KG_IRI

__all__ = ["FORMATS", "TimelineRow", "format_rows", "timeline_rows"]

FORMATS = ("table", "csv", "json")

_PREFIXES = f"""
PREFIX kg: <{KG_IRI}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# One row per (event, class): an event has kg:Event and usually one specific class.
_EVENTS = (
    _PREFIXES
    + """
SELECT ?e ?type ?label ?time ?begin ?end ?status ?count WHERE {
  ?e a kg:Event .
  OPTIONAL { ?e a ?type . FILTER (?type != kg:Event) }
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e kg:timeValue ?time }
  OPTIONAL { ?e kg:begin ?begin }
  OPTIONAL { ?e kg:end ?end }
  OPTIONAL { ?e kg:status ?status }
  OPTIONAL { ?e kg:sourceCount ?count }
}
"""
)
# The roles are sub-properties of sem:hasActor; the file states them without inference, so ask
# for each (and for plain sem:hasActor, which a hand-written graph may use).
_PARTICIPANTS = (
    _PREFIXES
    + """
SELECT ?e ?who ?label WHERE {
  VALUES ?role { kg:agent kg:target kg:coParticipant sem:hasActor }
  ?e a kg:Event ; ?role ?who .
  OPTIONAL { ?who rdfs:label ?label }
}
"""
)
_NAMES = (
    _PREFIXES
    + """
SELECT ?who ?name WHERE {
  VALUES ?p { rdfs:label skos:altLabel }
  ?who ?p ?name .
}
"""
)
_DERIVED = (
    _PREFIXES
    + """
SELECT ?e ?article WHERE { ?e a kg:Event ; prov:wasDerivedFrom ?article . }
"""
)

Graph = Path | str | ox.Store | rdflib.Graph


@dataclass(frozen=True)
class TimelineRow:
    """One event on the timeline. Dates are ISO strings; `begin`/`end` are None when undated."""

    event: str  # the event's IRI
    cls: str  # local name of its specific class ("Event" when it has none)
    label: str
    time_value: str | None  # the TIMEX3 value, e.g. "2022-02" or "2023-SP"
    begin: str | None
    end: str | None
    status: str  # local name: Occurred, Planned, Negated, Hypothetical ("" when unstated)
    participants: tuple[str, ...]  # labels of agents, targets and co-participants, sorted
    sources: int  # kg:sourceCount, else the number of prov:wasDerivedFrom articles


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _value(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal | ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


def _norm(name: str) -> str:
    # The same name typed by a user and stored by an outlet may differ in case and in composed
    # versus decomposed accents.
    return unicodedata.normalize("NFC", name).casefold().strip()


def _store(graph: Graph) -> ox.Store:
    if isinstance(graph, ox.Store):
        return graph
    if isinstance(graph, rdflib.Graph):
        store = ox.Store()
        data = graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, ox.RdfFormat.N_TRIPLES)
        return store
    path = Path(graph)
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file (write one with `kg build`)")
    return load(path)


def _select(store: ox.Store, query: str) -> Iterable[list[str | None]]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    for solution in result:
        yield [_value(solution[n]) for n in names]


def _count(stated: str | None, articles: set[str]) -> int:
    if stated is not None and stated.isdigit():
        return int(stated)
    return len(articles)


def _sort_key(row: TimelineRow) -> tuple[bool, str, str, str]:
    return (row.begin is None, row.begin or "", row.label, row.event)


def timeline_rows(graph: Graph, actor: str | None = None) -> list[TimelineRow]:
    """The events of `graph` (a Turtle file's path, a pyoxigraph Store or an rdflib Graph),
    ordered by kg:begin, undated events last, ties by label then IRI.

    With `actor`, keep only events in which an entity whose rdfs:label or skos:altLabel equals
    `actor` (case-insensitively) is agent, target or co-participant. Raises QueryError when the
    file cannot be read or no entity has that name.
    """
    store = _store(graph)
    events: dict[str, dict[str, str]] = {}
    classes: dict[str, set[str]] = {}
    for iri, type_, label, time, begin, end, status, count in _select(store, _EVENTS):
        assert iri is not None
        classes.setdefault(iri, set())
        if type_:
            classes[iri].add(_local(type_))
        # A malformed graph could state a property twice; keep the smallest so output is stable.
        seen = events.setdefault(iri, {})
        for key, value in (
            ("label", label),
            ("time", time),
            ("begin", begin),
            ("end", end),
            ("status", status),
            ("count", count),
        ):
            if value is not None and (key not in seen or value < seen[key]):
                seen[key] = value

    participants: dict[str, dict[str, str]] = {}
    for iri, who, label in _select(store, _PARTICIPANTS):
        assert iri is not None and who is not None
        participants.setdefault(iri, {})[who] = label or who

    keep: set[str] | None = None
    if actor is not None:
        wanted = _norm(actor)
        named = {who for who, name in _select(store, _NAMES) if name and _norm(name) == wanted}
        if not named:
            raise QueryError(f"no entity is named {actor.strip()!r} in the graph")
        keep = {e for e, who in participants.items() if named & who.keys()}

    derived: dict[str, set[str]] = {}
    for iri, article in _select(store, _DERIVED):
        assert iri is not None and article is not None
        derived.setdefault(iri, set()).add(article)

    rows = []
    for iri, seen in events.items():
        if keep is not None and iri not in keep:
            continue
        count = seen.get("count")
        begin = seen.get("begin")
        rows.append(
            TimelineRow(
                event=iri,
                cls=min(classes[iri]) if classes[iri] else "Event",
                label=seen.get("label") or _local(iri),
                time_value=seen.get("time"),
                begin=begin,
                end=seen.get("end", begin) if begin is not None else None,
                status=_local(seen.get("status", "")),
                participants=tuple(sorted(set(participants.get(iri, {}).values()))),
                sources=_count(count, derived.get(iri, set())),
            )
        )
    return sorted(rows, key=_sort_key)


_COLUMNS = ("begin", "end", "time", "class", "status", "label", "participants", "sources", "event")


def _cells(row: TimelineRow, joiner: str) -> list[str]:
    return [
        row.begin or "",
        row.end or "",
        row.time_value or "",
        row.cls,
        row.status,
        row.label,
        joiner.join(row.participants),
        str(row.sources),
        row.event,
    ]


def _record(row: TimelineRow) -> dict[str, object]:
    record = asdict(row)
    record["participants"] = list(row.participants)
    return record


def format_rows(rows: Sequence[TimelineRow], fmt: str = "table") -> str:
    """`rows` as an aligned text table, CSV (participants joined by "; ") or a JSON list."""
    if fmt == "json":
        return json.dumps([_record(r) for r in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return csv_text(_COLUMNS, [_cells(r, "; ") for r in rows])
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    rows_text = [_cells(r, ", ") for r in rows]
    return text_table(_COLUMNS, rows_text, noun="events", width=48, keep_last=True)
