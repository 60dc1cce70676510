"""The library entry points: `extract` (articles -> mentions) and `build` (-> graph files)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import networkx as nx

from kg import extract as extractors
from kg import nlp
from kg.errors import BuildError
from kg.export import html, rdf, tabular
from kg.export.files import atomic_write
from kg.graph import build_graph
from kg.model import Article, Extraction
from kg.resolve import resolve
from kg.sources import read_sources
from kg.terms import RES_IRI


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for `kg build --json` and for scripts."""

    articles: int
    entities: int
    events: int
    statements: int
    errors: tuple[str, ...]  # one line per article that could not be used
    warnings: tuple[str, ...]  # problems that did not stop an article being used
    outputs: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "entities": self.entities,
            "events": self.events,
            "statements": self.statements,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "outputs": list(self.outputs),
        }


def extract(
    articles: Sequence[Article],
    model: str = nlp.DEFAULT_MODEL,
    names: Sequence[str] | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> list[Extraction]:
    """Run the NLP and every extractor over each article, in order."""
    chain = extractors.pipeline(names)
    results = []
    for article, doc in nlp.parse(articles, model):
        results.append(extractors.run(chain, doc, Extraction(article)))
        if on_article is not None:
            on_article(article)
    return results


def build(
    paths: Sequence[Path],
    out: Path,
    formats: Sequence[str] = ("ttl",),
    *,
    model: str = nlp.DEFAULT_MODEL,
    base_iri: str = RES_IRI,
    dct: date | None = None,
    strict: bool = False,
    on_article: Callable[[Article], None] | None = None,
) -> BuildReport:
    """Read `paths`, extract, resolve, and write `out/graph.ttl`, `out/graph.html` and any
    other `formats`. Bad articles are reported and skipped (with `strict`, they stop the build
    before anything is written)."""
    articles, problems = read_sources(paths, dct=dct)
    errors = tuple(str(p) for p in problems if p.fatal)
    warnings = tuple(str(p) for p in problems if not p.fatal)
    if strict and errors:
        raise BuildError(f"{len(errors)} bad article(s), nothing written (--strict): {errors[0]}")
    if not articles:
        # one line, however many files were refused: the first says why
        why = f" ({len(errors)} refused; the first: {errors[0]})" if errors else ""
        raise BuildError("no usable article in " + ", ".join(str(p) for p in paths) + why)
    found = extract(articles, model, on_article=on_article)
    warnings += tuple(f"{x.article.path}: {w}" for x in found for w in x.warnings)
    resolved = resolve(found)
    graph = build_graph(resolved, base_iri)
    by_id = {a.id: a for a in resolved.articles}
    triples = rdf.to_rdf(graph, by_id, base_iri)
    # render everything first, then rename into place: a failure leaves the old outputs whole
    rendered: dict[Path, str] = {}
    for fmt in dict.fromkeys(("ttl", *formats)):
        if fmt in tabular.FILES:
            rendered[out / tabular.FILES[fmt]] = tabular.render(fmt, graph, by_id)
        else:
            rendered[out / f"graph.{fmt}"] = rdf.serialise(triples, fmt, base_iri)
    rendered[out / "graph.html"] = html.render_html(graph, by_id)
    for path, text in rendered.items():
        atomic_write(path, text)
    return BuildReport(
        articles=len(articles),
        entities=sum(1 for _, d in graph.nodes(data=True) if d["kind"] != "Event"),
        events=sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "Event"),
        statements=_count_statements(graph),
        errors=errors,
        warnings=warnings,
        outputs=tuple(str(p) for p in rendered),
    )


def _count_statements(graph: nx.MultiDiGraph) -> int:
    """Reified statements: one per edge per supporting article."""
    return sum(len({e.article for e in d["evidence"]}) for _, _, d in graph.edges(data=True))


__all__ = ["BuildReport", "build", "extract"]
