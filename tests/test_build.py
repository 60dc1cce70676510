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
