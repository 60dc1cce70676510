"""End to end on the seeds: determinism, formats, and that the committed out/ is fresh."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.pipeline import build
from tests.conftest import ROOT, SOURCES


def test_two_builds_give_identical_bytes(seed_out: Path, tmp_path: Path) -> None:
    build([SOURCES], tmp_path, formats=("ttl", "jsonld", "nt", "trig"))
    for name in ("graph.ttl", "graph.html", "graph.nt", "graph.jsonld", "graph.trig"):
        assert (tmp_path / name).read_bytes() == (seed_out / name).read_bytes(), name


def test_every_format_parses_to_the_same_graph(seed_out: Path) -> None:
    ttl = Graph().parse(seed_out / "graph.ttl", format="turtle")
    for name, fmt in (("graph.nt", "nt"), ("graph.jsonld", "json-ld")):
        assert isomorphic(ttl, Graph().parse(seed_out / name, format=fmt)), name
    store = ox.Store()
    store.bulk_load(path=str(seed_out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(ttl)


def test_committed_outputs_are_fresh(seed_out: Path) -> None:
    """out/graph.ttl and out/graph.html are committed; rebuild with `make run` when this fails."""
    for name in ("graph.ttl", "graph.html"):
        committed = ROOT / "out" / name
        assert committed.is_file(), f"out/{name} is missing: run `make run`"
        assert committed.read_bytes() == (seed_out / name).read_bytes(), (
            f"out/{name} is stale against sources/: run `make run` and commit out/"
        )


def test_no_temporary_files_left(seed_out: Path) -> None:
    assert not [p for p in seed_out.iterdir() if p.name.startswith(".")]


def test_same_bytes_across_processes_and_hash_seeds(seed_out: Path, tmp_path: Path) -> None:
    """Set and dict order must never reach the output: build in fresh interpreters."""
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "kg.cli", "build", str(SOURCES), "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert (out / "graph.ttl").read_bytes() == (seed_out / "graph.ttl").read_bytes(), seed


def test_names_that_are_no_iris_still_export(tmp_path: Path) -> None:
    """Regression: a name holding "/" (a URL in the text) and a file name with a space once
    made IRIs that Turtle cannot write."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "my notes.txt").write_text(
        "The story at Uk/News/World Europe/France was read by President Emmanuel Macron "
        "in Paris on 3 May 2013.\n",
        encoding="utf-8",
    )
    build([src], tmp_path / "out", dct=None)
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert any("my%20notes" in str(s) for s in g.subjects())


def test_quotations_are_kept_on_the_statements_evidence(seed_out: Path) -> None:
    """Putin's invitation, quoted by several outlets, is evidence of his statement on the day
    of the call, with the quotation itself as kg:quote."""
    store = ox.Store()
    store.bulk_load(path=str(seed_out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    rows = list(
        store.query(
            """PREFIX kg: <https://w3id.org/newskg/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?quote ?file WHERE {
              ?e a kg:Statement ; kg:agent/rdfs:label "Vladimir Putin" ;
                 kg:timeValue "2022-12-30" ; kg:evidence ?m .
              ?m kg:quote ?quote ; kg:inArticle/kg:sourceFile ?file .
            }"""
        )
    )
    quotes = {(r["quote"].value, r["file"].value) for r in rows}  # type: ignore[index]
    assert sum("expecting you" in q for q, _ in quotes) >= 2, quotes
