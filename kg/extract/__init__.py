"""Extractors: one Protocol, one registry.

Built-ins register through the `kg.extractors` entry-point group exactly as a plug-in does
(see pyproject.toml). Each extractor reads the parsed `Doc` and what earlier extractors found,
and returns the `Extraction` with its own part added; `order` says who runs first.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from spacy.tokens import Doc

from kg.errors import KgError
from kg.model import Extraction

GROUP = "kg.extractors"


@runtime_checkable
class Extractor(Protocol):
    name: str  # versioned, e.g. "entities.v1": part of the build cache key
    order: int  # lower runs first; entities (10) before times (20) before events (30)

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        """Return `found` with this extractor's mentions added."""
        ...


@cache
def registry() -> dict[str, type[Extractor]]:
    """Every installed extractor by entry-point name."""
    return {ep.name: ep.load() for ep in entry_points(group=GROUP)}


def pipeline(names: Iterable[str] | None = None) -> tuple[Extractor, ...]:
    """Instantiate the named extractors (all installed ones by default) in run order."""
    available = registry()
    chosen = sorted(available) if names is None else list(names)
    unknown = [n for n in chosen if n not in available]
    if unknown:
        known = ", ".join(sorted(available))
        raise KgError(f"unknown extractor(s): {', '.join(unknown)}; known: {known}")
    extractors: list[Extractor] = [available[n]() for n in chosen]
    return tuple(sorted(extractors, key=lambda e: (e.order, e.name)))


def run(extractors: Iterable[Extractor], doc: Doc, found: Extraction) -> Extraction:
    for extractor in extractors:
        found = extractor.extract(doc, found)
    return found
