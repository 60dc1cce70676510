"""Golden exports: the hand-made sample graph (`tests.conftest_browser.sample_graph`, no
extractor involved) in every text format kg writes, compared byte for byte with the files in
tests/exports/. An exporter that changes its output fails here; after a deliberate change,
regenerate with `KG_UPDATE_GOLDEN=1 pytest tests/test_exports_golden.py` and read the diff.

(The page is left out: it inlines vis-network, and tests/test_html.py checks its bytes are
stable across processes.)
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.export import rdf, tabular
from kg.graph import KnowledgeGraph
from kg.report import extraction_record
from kg.timeline import format_rows, timeline
from tests.conftest_browser import sample_graph

EXPORTS = Path(__file__).resolve().parent / "exports"


def _rdf(fmt: str) -> Callable[[KnowledgeGraph], str]:
    def render(graph: KnowledgeGraph) -> str:
        handle = io.BytesIO()
        rdf.writer(rdf.to_rdf(graph), fmt, graph.iris.graph())(handle)
        return handle.getvalue().decode("utf-8")

    return render


RENDER: dict[str, Callable[[KnowledgeGraph], str]] = {
    "graph.ttl": _rdf("ttl"),
    "graph.trig": _rdf("trig"),
    "graph.jsonld": _rdf("jsonld"),
    "events.csv": tabular.events_csv,
    "graph.graphml": tabular.graphml,
    "timeline.txt": lambda g: format_rows(timeline(g), "table"),
    "timeline.json": lambda g: format_rows(timeline(g), "json"),
    "timeline-putin.csv": lambda g: format_rows(timeline(g, "putin"), "csv"),
}


@pytest.mark.parametrize("name", list(RENDER))
def test_export_bytes(name: str) -> None:
    got = RENDER[name](sample_graph())
    path = EXPORTS / name
    if os.environ.get("KG_UPDATE_GOLDEN"):
        path.write_bytes(got.encode("utf-8"))
    assert got == path.read_bytes().decode("utf-8"), name


def test_every_golden_file_is_checked() -> None:
    assert sorted(p.name for p in EXPORTS.iterdir()) == sorted(RENDER)


def test_the_extract_report_is_json_lines_ready() -> None:
    from datetime import date

    from kg.model import Article, Extraction

    record = extraction_record(Extraction(Article.from_text("a", "Nothing.", date(2023, 1, 2))))
    assert json.loads(json.dumps(record)) == {
        "source": "a.txt",
        "dct": "2023-01-02",
        "entities": [],
        "times": [],
        "events": [],
        "relations": [],
    }
