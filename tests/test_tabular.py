"""The events table (CSV) and GraphML: what `kg build --format csv|graphml` writes."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from kg import lexicon
from kg.export.tabular import COLUMNS, events_csv, graphml
from kg.graph import ArticleNode, Edge, EntityNode, EventNode, KnowledgeGraph, Mention
from kg.iris import Iris
from kg.pipeline import BuildReport, build
from tests.conftest import SOURCES

RES = "https://w3id.org/newskg/resource/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    out = tmp_path_factory.mktemp("tabular")
    return out, build([SOURCES], out, formats=("csv", "graphml"))


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_build_writes_both_files(built: tuple[Path, BuildReport]) -> None:
    out, report = built
    assert str(out / "events.csv") in report.outputs
    assert str(out / "graph.graphml") in report.outputs
    assert (out / "graph.ttl").is_file()


def test_events_csv_has_the_call_with_its_five_sources(built: tuple[Path, BuildReport]) -> None:
    out, report = built
    raw = (out / "events.csv").read_bytes()
    text = raw.decode("utf-8")
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = _rows(text)
    assert len(rows) == report.events
    assert len({r["id"] for r in rows}) == len(rows)
    call = next(r for r in rows if r["class"] == "Call" and r["time"] == "2022-12-30")
    sources = call["sources"].split("; ")
    assert len(sources) == 5 and sources == sorted(sources)
    assert {s.rsplit(".", 1)[-1] for s in sources} <= {"txt", "md"}
    actors = call["actors"].split("; ")
    assert "Vladimir Putin (agent)" in actors
    assert any(a.startswith("Xi Jinping (") for a in actors)
    assert call["begin"] == call["end"] == "2022-12-30" and call["status"] == "Occurred"
    assert call["cameo"] and call["id"].startswith(RES + "event/")
    begins = [r["begin"] for r in rows if r["begin"]]
    assert begins == sorted(begins)
    assert all(r["begin"] for r in rows[: len(begins)])  # undated events come last


def test_graphml_reads_back(built: tuple[Path, BuildReport]) -> None:
    out, report = built
    g = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    assert g.is_directed()
    kinds = [d["kind"] for _, d in g.nodes(data=True)]
    assert kinds.count("Event") == report.events
    assert len(kinds) - kinds.count("Event") == report.entities
    call = next(
        d
        for _, d in g.nodes(data=True)
        if d.get("class") == "Call" and d.get("time") == "2022-12-30"
    )
    assert call["source_count"] == 5 and call["begin"] == "2022-12-30"
    putin = RES + "person/vladimir-putin"
    assert g.nodes[putin]["label"] == "Vladimir Putin" and "class" not in g.nodes[putin]
    predicates = {d["predicate"] for _, _, d in g.edges(data=True)}
    assert {"agent", "hasPlace"} <= predicates
    assert all(d["source_count"] >= 1 for _, _, d in g.edges(data=True))
    assert any("role" in d for _, _, d in g.edges(data=True))  # "President", "spokesman", ...
    assert len({k for _, _, k in g.edges(keys=True)}) == g.number_of_edges()


def _graph(reverse: bool = False) -> KnowledgeGraph:
    """A small graph whose labels come from a hostile article."""
    text = '=HYPERLINK("http://evil.example","click") met @SUM(1), "Quote, Inc."\x0b and -2.'
    article = ArticleNode("a1", "a1.txt", "0" * 64)
    ev = (Mention("a1", 0, 10, text[:10], text),)
    classes = lexicon.load().event_classes

    def entity(path: str, kind: str, label: str) -> EntityNode:
        return EntityNode(RES + path, kind, label, (), ("a1",), ev)

    entities = [
        entity("person/p1", "Person", "@SUM(1)"),
        entity("organization/o1", "Organization", 'Quote, "Inc."\x0b\nLtd'),
        entity("place/x", "Place", "-2 Street"),
    ]
    events = [
        EventNode(
            iri=RES + "event/e1",
            cls=classes["Meeting"],
            label='=HYPERLINK("http://evil.example","click")',
            alt_labels=(),
            sources=("a1",),
            evidence=ev,
            status="Occurred",
            time_value="2022-12-30",
            begin=date(2022, 12, 30),
            end=date(2022, 12, 30),
        ),
        EventNode(RES + "event/e2", classes["Event"], "+1 undated", (), ("a1",), ev, "Planned"),
    ]
    edges = [
        Edge(RES + "event/e1", "agent", RES + "person/p1", ev),
        Edge(RES + "event/e1", "target", RES + "organization/o1", ev),
        Edge(RES + "event/e1", "hasPlace", RES + "place/x", ev),
        Edge(RES + "person/p1", "leaderOf", RES + "organization/o1", ev, "=chief"),
    ]
    if reverse:
        for items in (entities, events, edges):
            items.reverse()
    return KnowledgeGraph(Iris(), (article,), tuple(entities), tuple(events), tuple(edges))


def test_formula_cells_are_escaped_and_quoting_round_trips() -> None:
    rows = _rows(events_csv(_graph()))
    assert [r["id"] for r in rows] == [RES + "event/e1", RES + "event/e2"]  # dated first
    e1, e2 = rows
    assert e1["label"] == "'" + '=HYPERLINK("http://evil.example","click")'
    assert e1["actors"] == '\'@SUM(1) (agent); Quote, "Inc."\x0b\nLtd (target)'
    assert e1["cameo"] == "040"  # the class's CAMEO code, from the ontology
    assert e1["place"] == "'-2 Street"
    assert e2["label"] == "'+1 undated" and e2["begin"] == "" and e2["class"] == "Event"
    assert e1["sources"] == "a1.txt"
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r.values())


def test_graphml_drops_what_xml_cannot_hold() -> None:
    back = nx.read_graphml(io.BytesIO(graphml(_graph()).encode("utf-8")), force_multigraph=True)
    assert back.nodes[RES + "organization/o1"]["label"] == 'Quote, "Inc."\nLtd'
    assert "begin" not in back.nodes[RES + "event/e2"]
    roles = {d.get("role") for _, _, d in back.edges(data=True)}
    assert roles == {None, "=chief"}


def test_bytes_do_not_depend_on_insertion_order() -> None:
    assert events_csv(_graph()) == events_csv(_graph(reverse=True))
    assert graphml(_graph()) == graphml(_graph(reverse=True))
