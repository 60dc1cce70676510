"""The README's queries return the right rows on the seed graph."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.query import run_query
from tests.conftest import ROOT

QUERIES = ROOT / "queries"


def _rows(graph: Path, name: str) -> list[dict[str, str]]:
    text = (QUERIES / name).read_text("utf-8")
    rows: list[dict[str, str]] = json.loads(run_query(graph, text, "json"))
    return rows


def test_every_shipped_query_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for path in sorted(QUERIES.glob("*.rq")):
        assert f"queries/{path.name}" in readme, path.name


def test_actor_timeline(seed_out: Path) -> None:
    rows = _rows(seed_out / "graph.ttl", "actor-timeline.rq")
    classes = {(r["class"], r["time"], r["status"]) for r in rows}
    assert ("Call", "2022-12-30", "Occurred") in classes
    assert ("Visit", "2023-SP", "Planned") in classes
    begins = [r["begin"] for r in rows if r["begin"]]
    assert begins == sorted(begins)


def test_edge_sentences(seed_out: Path) -> None:
    rows = _rows(seed_out / "graph.ttl", "edge-sentences.rq")
    putin = [r for r in rows if r["actor"] == "Vladimir Putin"]
    assert len({r["file"] for r in putin}) >= 2
    # each sentence names him, or refers to him ("he", "the two leaders", "the Russian leader")
    refers = re.compile(r"Putin|\b(?:he|his|him|leaders?|president)\b", re.IGNORECASE)
    assert all(refers.search(r["sentence"]) for r in putin), putin


def test_outlet_agreement(seed_out: Path) -> None:
    rows = _rows(seed_out / "graph.ttl", "outlet-agreement.rq")
    call = next(r for r in rows if r["event"].startswith("Call") and r["time"] == "2022-12-30")
    assert int(call["sources"]) >= 4
    assert any(r["sources"] == "1" for r in rows)


def test_planned_events_and_claimants(seed_out: Path) -> None:
    rows = _rows(seed_out / "graph.ttl", "planned-events.rq")
    visits = [r for r in rows if r["event"].startswith("Visit") and r["status"] == "Planned"]
    assert any(r["time"] == "2023-SP" and r.get("claimant") == "Vladimir Putin" for r in visits)
    assert any(r["status"] == "Negated" for r in rows)
