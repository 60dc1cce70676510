"""RDF written as a stream into its file: the same bytes as in memory, and N-Quads."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox

from kg.export import rdf
from kg.pipeline import build
from tests.conftest import SOURCES


def test_streamed_files_hold_the_serialised_bytes(seed_out: Path, tmp_path: Path) -> None:
    build([SOURCES], tmp_path, formats=("nt", "nq", "trig"))
    for name in ("graph.ttl", "graph.nt", "graph.trig"):
        assert (tmp_path / name).read_bytes() == (seed_out / name).read_bytes(), name
    store = ox.Store()
    store.bulk_load(path=str(tmp_path / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    graphs = {q.graph_name for q in store}
    assert graphs == {ox.NamedNode("https://w3id.org/newskg/resource/graph")}
    triples = list(ox.parse(path=str(tmp_path / "graph.nt"), format=ox.RdfFormat.N_TRIPLES))
    assert len(store) == len(triples) > 1000


def test_writer_writes_every_format_back_to_the_same_triples() -> None:
    triples = [
        ox.Triple(
            ox.NamedNode(f"http://example.org/{i}"), ox.NamedNode("http://p"), ox.Literal("é")
        )
        for i in range(3)
    ]
    graph = ox.NamedNode("http://example.org/graph")
    for fmt in rdf.FORMATS:
        handle = io.BytesIO()
        rdf.writer(triples, fmt, graph.value)(handle)
        back = list(ox.parse(handle.getvalue(), format=rdf.FORMATS[fmt]))
        assert {ox.Triple(q.subject, q.predicate, q.object) for q in back} == set(triples), fmt
        if fmt in {"nq", "trig"}:
            assert {q.graph_name for q in back} == {graph}, fmt
