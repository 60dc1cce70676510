"""The events table (CSV) and GraphML: what `kg build --format csv|graphml` writes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pytest

from kg.export.tabular import COLUMNS, events_csv, graphml
from kg.model import Article, Evidence
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


def _graph(reverse: bool = False) -> tuple[nx.MultiDiGraph, dict[str, Article]]:
    """A small graph whose labels come from a hostile article."""
    text = '=HYPERLINK("http://evil.example","click") met @SUM(1), "Quote, Inc."\x0b and -2.'
    article = Article.from_text("a1", text)
    ev = (Evidence("a1", 0, 10, text[:10], text),)
    nodes = [
        (RES + "event/e1", {"kind": "Event", "cls": "Meeting", "cameo": "036",
                            "label": '=HYPERLINK("http://evil.example","click")',
                            "status": "Occurred", "time_value": "2022-12-30",
                            "begin": "2022-12-30", "end": "2022-12-30"}),
        (RES + "event/e2", {"kind": "Event", "cls": "Event", "label": "+1 undated",
                            "status": "Planned", "time_value": None, "begin": None, "end": None}),
        (RES + "person/p1", {"kind": "Person", "label": "@SUM(1)"}),
        (RES + "organization/o1", {"kind": "Organization", "label": 'Quote, "Inc."\x0b\nLtd'}),
        (RES + "place/x", {"kind": "Place", "label": "-2 Street"}),
    ]  # fmt: skip
    edges = [
        (RES + "event/e1", RES + "person/p1", "agent", None),
        (RES + "event/e1", RES + "organization/o1", "target", None),
        (RES + "event/e1", RES + "place/x", "hasPlace", None),
        (RES + "person/p1", RES + "organization/o1", "leaderOf", "=chief"),
    ]
    g = nx.MultiDiGraph()
    for node, data in reversed(nodes) if reverse else nodes:
        g.add_node(node, alt_labels=(), sources=("a1",), evidence=ev, **data)
    for s, o, p, role in reversed(edges) if reverse else edges:
        g.add_edge(s, o, key=p + (f"|{role}" if role else ""), predicate=p, role=role, evidence=ev)
    return g, {"a1": article}


def test_formula_cells_are_escaped_and_quoting_round_trips() -> None:
    g, articles = _graph()
    rows = _rows(events_csv(g, articles))
    assert [r["id"] for r in rows] == [RES + "event/e1", RES + "event/e2"]  # dated first
    e1, e2 = rows
    assert e1["label"] == "'" + '=HYPERLINK("http://evil.example","click")'
    assert e1["actors"] == '\'@SUM(1) (agent); Quote, "Inc."\x0b\nLtd (target)'
    assert e1["place"] == "'-2 Street"
    assert e2["label"] == "'+1 undated" and e2["begin"] == "" and e2["class"] == "Event"
    assert e1["sources"] == "a1.txt"
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r.values())


def test_graphml_drops_what_xml_cannot_hold() -> None:
    g, _ = _graph()
    back = nx.read_graphml(io.BytesIO(graphml(g).encode("utf-8")), force_multigraph=True)
    assert back.nodes[RES + "organization/o1"]["label"] == 'Quote, "Inc."\nLtd'
    assert "begin" not in back.nodes[RES + "event/e2"]
    roles = {d.get("role") for _, _, d in back.edges(data=True)}
    assert roles == {None, "=chief"}


def test_bytes_do_not_depend_on_insertion_order() -> None:
    g1, articles = _graph()
    g2, _ = _graph(reverse=True)
    assert events_csv(g1, articles) == events_csv(g2, articles)
    assert graphml(g1) == graphml(g2)
