"""Golden graphs: one folder per case under tests/golden/ with its articles, manifest and the
expected Turtle, compared byte for byte (kg's Turtle is deterministic); when they differ, the
failure says whether the graphs differ (rdflib.compare) or only their serialisation.

Each expected.ttl was read by hand when written (the case's CASE file says what it pins).
After a deliberate change, regenerate with `KG_UPDATE_GOLDEN=1 pytest tests/test_golden.py`
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic

from kg.pipeline import build

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_golden_graph(case: str, tmp_path: Path) -> None:
    folder = GOLDEN / case
    build([folder], tmp_path)
    got = (tmp_path / "graph.ttl").read_text("utf-8")
    expected_file = folder / "expected.ttl"
    if os.environ.get("KG_UPDATE_GOLDEN"):
        expected_file.write_text(got, encoding="utf-8")
    if got == expected_file.read_text("utf-8"):
        return
    actual = Graph().parse(data=got, format="turtle")
    expected = Graph().parse(expected_file, format="turtle")
    if isomorphic(actual, expected):
        pytest.fail(f"{case}: the same graph, serialised differently (kg's Turtle is sorted)")
    else:
        _, only_expected, only_actual = graph_diff(expected, actual)
        missing = sorted(only_expected.serialize(format="nt").splitlines())[:15]
        extra = sorted(only_actual.serialize(format="nt").splitlines())[:15]
        pytest.fail(
            f"{case}: graph differs\nmissing:\n"
            + "\n".join(missing)
            + "\nunexpected:\n"
            + "\n".join(extra)
        )
