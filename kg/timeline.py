"""The timeline: a graph's events in time order, with span, status, participants and source
count. One function, `timeline`, orders them for both `kg timeline` and the page's timeline
panel (`kg.export.html`).

`kg timeline` reads the published graph (not the in-memory one) back into a `KnowledgeGraph`, so
what it prints is exactly what a SPARQL user of `graph.ttl` sees.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.errors import QueryError
from kg.export.rdf import read_graph
from kg.graph import KnowledgeGraph
from kg.humantime import human_time
from kg.names import company_stem, words
from kg.query import load
from kg.tables import csv_text, text_table

__all__ = ["FORMATS", "TimelineRow", "format_rows", "timeline", "timeline_rows"]

FORMATS = ("table", "csv", "json")

Graph = Path | str | ox.Store | rdflib.Graph


@dataclass(frozen=True)
class TimelineRow:
    """One event on the timeline; `begin`/`end` are None when it is undated."""

    event: str  # the event's IRI
    cls: str  # local name of its class ("Call"; "Event" when it has none more specific)
    label: str
    time_value: str | None  # the TIMEX3 value, e.g. "2022-02" or "2023-SP"
    # kg:timeOrigin: "text", "relative", "inferred", or a default ("article", "sentence",
    # "narrative")
    time_origin: str | None
    begin: date | None  # the earliest day it can fall on
    end: date | None  # the latest (its begin when the graph states no end)
    status: str  # local name: Occurred, Planned, Negated, Hypothetical
    participants: tuple[str, ...]  # labels of agents, targets and co-participants, sorted
    sources: int  # how many articles report it


def _norm(name: str) -> str:
    # The same name typed by a user and stored by an outlet may differ in case and in composed
    # versus decomposed accents.
    return unicodedata.normalize("NFC", name).casefold().strip()


def _in_time_order(row: TimelineRow) -> tuple[bool, date, str, str]:
    return (row.begin is None, row.begin or date.min, row.label, row.event)


def timeline(graph: KnowledgeGraph, actor: str | None = None) -> list[TimelineRow]:
    """The events of `graph` ordered by begin (undated last), then label, then IRI. An event
    whose end comes before its begin spans end..begin.

    With `actor`, keep only events in which an entity whose label or alternative label equals
    `actor` (ignoring case, accents composed or not) is a participant in one of the ontology's
    roles (agent, target, co-participant; not a place); words no name equals match the names
    that end in them (a surname: "holloway" for "Jane Holloway", "von der leyen" for "Ursula
    von der Leyen"), and failing that, a company's name matches with or without its dots and
    legal form ("Toyota Motor Corp." for "Toyota Motor Corp"), and then by its first words
    ("Honda" for "Honda Motor Co"). QueryError when no entity has that name."""
    keep: set[str] | None = None
    if actor is not None:
        wanted = _norm(actor)
        names = {e.iri: [_norm(n) for n in (e.label, *e.alt_labels)] for e in graph.entities}
        named = {iri for iri, ns in names.items() if wanted in ns}
        if not named:
            # a surname alone ("holloway", "von der leyen") names the people whose name ends
            # in it
            tail = wanted.split()
            named = {
                iri
                for iri, ns in names.items()
                if any(len(n.split()) > len(tail) and n.split()[-len(tail) :] == tail for n in ns)
            }
        if not named:
            # a company as its article wrote it ("Toyota Motor Corp.", legal form or not)
            stem = company_stem(words(actor))
            named = {
                e.iri
                for e in graph.entities
                if stem and any(company_stem(words(n)) == stem for n in (e.label, *e.alt_labels))
            }
        if not named and stem:
            # a company by the first words of its name ("Honda" for "Honda Motor Co"), as news
            # shortens it after the first mention
            named = {
                e.iri
                for e in graph.entities
                if e.kind == "Organization"
                and any(
                    (full := company_stem(words(n)))[: len(stem)] == stem and len(full) > len(stem)
                    for n in (e.label, *e.alt_labels)
                )
            }
        if not named:
            raise QueryError(f"no entity is named {actor.strip()!r} in the graph")
        keep = {
            e.iri for e in graph.events if any(w in named for _, w in graph.participants(e.iri))
        }
    rows = []
    for event in graph.events:
        if keep is not None and event.iri not in keep:
            continue
        begin, end = event.begin, event.end or event.begin
        if begin is not None and end is not None and end < begin:
            begin, end = end, begin
        rows.append(
            TimelineRow(
                event=event.iri,
                cls=event.cls.name,
                label=event.label,
                time_value=event.time_value,
                time_origin=event.time_origin,
                begin=begin,
                end=end if begin is not None else None,
                status=event.status,
                participants=tuple(
                    sorted({graph.label(w) for _, w in graph.participants(event.iri)})
                ),
                sources=len(event.sources),
            )
        )
    return sorted(rows, key=_in_time_order)


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


def timeline_rows(graph: Graph, actor: str | None = None) -> list[TimelineRow]:
    """`timeline` of a published graph: a Turtle file's path, a pyoxigraph Store or an rdflib
    Graph, read with `kg.export.rdf.read_graph`. QueryError when the file cannot be read, the
    graph is not one kg can read (the message names the file), or no entity has the name
    `actor`."""
    store = _store(graph)
    try:
        read = read_graph(store)
    except QueryError as exc:
        if isinstance(graph, (str, Path)):  # "out/graph.ttl: <event IRI>: has no kg:status"
            raise QueryError(f"{graph}: {exc}") from exc
        raise
    return timeline(read, actor)


_COLUMNS = (
    "begin", "end", "time", "origin", "class", "status", "label", "participants", "sources",
    "event",
)  # fmt: skip


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _cells(row: TimelineRow, joiner: str) -> list[str]:
    return [
        _iso(row.begin) or "",
        _iso(row.end) or "",
        row.time_value or "",
        row.time_origin or "",
        row.cls,
        row.status,
        row.label,
        joiner.join(row.participants),
        str(row.sources),
        row.event,
    ]


def _record(row: TimelineRow) -> dict[str, object]:
    return {
        "event": row.event,
        "class": row.cls,
        "label": row.label,
        "time_value": row.time_value,
        "time_origin": row.time_origin,
        "begin": _iso(row.begin),
        "end": _iso(row.end),
        "status": row.status,
        "participants": list(row.participants),
        "sources": row.sources,
    }


def format_rows(rows: Sequence[TimelineRow], fmt: str = "table", width: int | None = None) -> str:
    """`rows` as an aligned text table, CSV (participants joined by "; ") or a JSON list.

    A table has every column, each cell whole, the event's IRI last; with `width` (characters: a
    terminal's), it gives the time in words ("spring 2023", `kg.humantime`; "(article's
    date)" after a date that is only the article's), leaves out the IRI, the end day, the
    time's origin and the class (the label names it) and cuts the time, the label and the
    participants to fit that width where they can (at least 12 characters each)."""
    if fmt == "json":
        records: list[dict[str, object]] = [_record(r) for r in rows]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return csv_text(_COLUMNS, [_cells(r, "; ") for r in rows])
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    rows_text = [_cells(r, ", ") for r in rows]
    if width is None:
        return text_table(_COLUMNS, rows_text, noun="events", width=None)
    keep = [i for i, c in enumerate(_COLUMNS) if c not in _WIDE_ONLY]
    columns = ["when" if _COLUMNS[i] == "time" else _COLUMNS[i] for i in keep]
    shrink = [columns.index("when"), columns.index("label"), columns.index("participants")]
    # a person reads this one: the time in words ("spring 2023"); --wide keeps the TIMEX3 value
    narrow = [
        [_when(r) if _COLUMNS[i] == "time" else cells[i] for i in keep]
        for r, cells in zip(rows, rows_text, strict=True)
    ]
    return text_table(columns, narrow, noun="events", width=48, total=width, shrink=shrink)


def _when(row: TimelineRow) -> str:
    """The time in words, marked when it is only a default ("30 December 2022 (article's
    date)"): the text gives the event no time of its own."""
    when = human_time(row.time_value)
    return f"{when} (article's date)" if row.time_origin == "article" and row.time_value else when


# left out of a table fitted to a terminal (`kg timeline --wide` shows them): the end day, the
# origin of the time (the "when" marks a default), the class (the label starts with it:
# "Visit: Vladimir Putin") and the IRI
_WIDE_ONLY = ("end", "origin", "class", "event")
