"""Shared fixtures: the real model, and one build of the seed sources per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import BuildReport, build

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


@pytest.fixture(scope="session")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh build of `sources/` (Turtle, HTML, JSON-LD, N-Triples, TriG)."""
    out = tmp_path_factory.mktemp("seed-out")
    build([SOURCES], out, formats=("ttl", "jsonld", "nt", "trig"))
    return out


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    return build([SOURCES], tmp_path_factory.mktemp("seed-report"))
