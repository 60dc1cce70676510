"""Parallel and distributed builds: the same bytes as a build in one process, and a worker
that dies on one article costs that article only."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import executors
from kg import extract as extractors
from kg.pipeline import build
from tests.conftest import SOURCES

ALL = ("entities", "events", "relations", "times")

# A test-only extractor, installed for the test as a real plug-in (a module and a dist-info
# on sys.path, found through the kg.extractors entry point group): it does nothing, except on
# articles holding a marker, where it kills its process or raises.
_PLUGIN = """
import os

class Saboteur:
    name = "saboteur.v1"
    order = 5

    def extract(self, doc, found):
        if "KILL-THE-WORKER" in doc.text:
            os._exit(70)
        if "RAISE-IN-THE-EXTRACTOR" in doc.text:
            raise ValueError("sabotaged")
        return found
"""


@pytest.fixture()
def saboteur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("plugin")
    (root / "kg_saboteur.py").write_text(_PLUGIN, "utf-8")
    info = root / "kg_saboteur-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kg-saboteur\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[kg.extractors]\nsaboteur = kg_saboteur:Saboteur\n")
    sys.path.insert(0, str(root))
    extractors.registry.cache_clear()
    try:
        yield "saboteur"
    finally:
        sys.path.remove(str(root))
        extractors.registry.cache_clear()
        executors._chain.cache_clear()


def _same_outputs(a: Path, b: Path) -> None:
    for name in ("graph.ttl", "graph.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_two_processes_give_the_bytes_of_one(seed_out: Path, tmp_path: Path) -> None:
    report = build([SOURCES], tmp_path, jobs=2)
    assert report.parsed == 5 and not report.errors
    _same_outputs(tmp_path, seed_out)


def test_dask_cluster_gives_the_bytes_of_one_process(seed_out: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        report = build(
            [SOURCES], tmp_path, executor="dask", scheduler=cluster.scheduler_address, jobs=2
        )
    assert report.parsed == 5 and not report.errors
    _same_outputs(tmp_path, seed_out)


def test_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    from kg.errors import ExecutorError

    pytest.importorskip("dask.distributed")
    import socket

    with socket.socket() as s:  # a free port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ExecutorError, match=f"127.0.0.1:{port}"):
        build([SOURCES], tmp_path, executor="dask", scheduler=f"tcp://127.0.0.1:{port}")
    assert not (tmp_path / "graph.ttl").exists()


def _sources_with(tmp_path: Path, marker: str) -> tuple[Path, Path]:
    """The seeds plus an article holding `marker`, and the seeds alone."""
    src = Path(shutil.copytree(SOURCES, tmp_path / "src"))
    (src / "zz_bad.txt").write_text(f"Putin called Xi on Friday. {marker}\n", "utf-8")
    return src, SOURCES


def test_an_article_that_kills_its_worker_is_reported_and_the_rest_build(
    saboteur: str, seed_out: Path, tmp_path: Path
) -> None:
    src, _ = _sources_with(tmp_path, "KILL-THE-WORKER")
    out = tmp_path / "out"
    report = build([src], out, jobs=2, names=[*ALL, saboteur], dct=None)
    assert [e for e in report.errors if "zz_bad.txt" in e] == [
        "zz_bad.txt: killed the worker process parsing it twice"
    ]
    assert report.articles == 5
    _same_outputs(out, seed_out)


def test_an_article_that_breaks_an_extractor_is_reported_and_the_rest_build(
    saboteur: str, seed_out: Path, tmp_path: Path
) -> None:
    src, _ = _sources_with(tmp_path, "RAISE-IN-THE-EXTRACTOR")
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        report = build([src], out, jobs=jobs, names=[*ALL, saboteur])
        assert [e for e in report.errors if "zz_bad.txt" in e] == [
            "zz_bad.txt: extraction failed: ValueError: sabotaged"
        ]
        _same_outputs(out, seed_out)
