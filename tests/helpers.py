"""Run the real extractors over a sentence or two, as `kg extract` would."""

from __future__ import annotations

from datetime import date

from kg.model import Article, Extraction
from kg.pipeline import extract


def article(text: str, published: date | None = date(2022, 12, 30), ident: str = "t") -> Article:
    return Article.from_text(ident, text, published)


def run(text: str, published: date | None = date(2022, 12, 30)) -> Extraction:
    return extract([article(text, published)])[0]


def entity_types(found: Extraction) -> dict[str, str]:
    return {m.name: m.type for m in found.entities}
