"""kg's results as the scorers read them: per-article `Extraction`s from `kg.pipeline.extract`,
and the event nodes of a built graph, read back from its Turtle with SPARQL.

Nothing here looks inside kg's resolution: a merged event is what `graph.ttl` says it is (a
`kg:Event` with its `kg:evidence` mentions, `kg:begin` / `kg:end`, classes), exactly what a
user querying the graph sees.

Runs over whole corpora take minutes, so extractions are cached as JSON by `kg.cache.Cache`
(never pickled) under KG_BENCH_CACHE (default /tmp/kg-bench-cache), keyed by the article and by
a digest of all of kg's code, model and ontology: any change to kg makes a fresh entry. A
build's own cache goes there too, in a folder named by the same digest.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph
import yaml

from kg import lexicon
from kg.cache import Cache, code_version, pipeline_version
from kg.model import Article, EventMention, Extraction
from kg.pipeline import build, extract
from kg.terms import KG_IRI

CACHE = Path(os.environ.get("KG_BENCH_CACHE") or "/tmp/kg-bench-cache")


def kg_version() -> str:
    """A digest of everything in kg that shapes what it finds (code, model, ontology)."""
    return hashlib.sha256(f"{pipeline_version()}\n{code_version()}".encode()).hexdigest()


def extractions(
    articles: Sequence[Article],
    cache: Path | None = CACHE,
    progress: Callable[[int, int], None] | None = None,
) -> list[Extraction]:
    """`kg.pipeline.extract` over `articles`, in order, reusing cached results when `cache` is
    a folder (None: no cache). `progress(done, total)` is called as articles finish."""
    store = Cache(cache / "extract", kg_version()) if cache is not None else None
    hits, todo = store.split(articles) if store else ({}, list(range(len(articles))))
    results = dict(hits)
    done = len(hits)

    def finished(_: Article) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(articles))

    fresh = extract([articles[i] for i in todo], on_article=finished) if todo else []
    for i, found in zip(todo, fresh, strict=True):
        results[i] = found
        if store is not None:
            store.put(found)
    return [results[i] for i in range(len(articles))]


def is_reporting(event: EventMention) -> bool:
    """A Statement triggered by a reporting verb ("said", "told"): kg:ReportingCue in
    ontology/kg.ttl lists those verbs."""
    return event.cls == "Statement" and event.label in _reporting_cues()


_CUES: list[frozenset[str]] = []


def _reporting_cues() -> frozenset[str]:
    if not _CUES:
        _CUES.append(lexicon.load().reporting_cues)
    return _CUES[0]


def stderr_progress(label: str) -> Callable[[int, int], None]:
    """A progress callback writing "label done/total" to a terminal, nothing to a pipe."""

    def report(done: int, total: int) -> None:
        if sys.stderr.isatty():
            end = "\n" if done == total else ""
            print(f"\r{label} {done}/{total}", end=end, file=sys.stderr, flush=True)

    return report


# -- the built graph -----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One document for `build_graph`: its name (the file stem), text and DCT."""

    name: str
    text: str
    dct: date | None = None


@dataclass(frozen=True)
class EvidenceMention:
    article: str  # the source file's stem, the `Source.name`
    start: int
    end: int


@dataclass(frozen=True)
class GraphEvent:
    """One kg:Event node as graph.ttl states it."""

    iri: str
    classes: tuple[str, ...]  # local names of its classes besides kg:Event, sorted
    begin: date | None
    end: date | None
    value: str | None  # kg:timeValue
    origin: str | None  # kg:timeOrigin, where kg says the date came from
    mentions: tuple[EvidenceMention, ...]  # kg:evidence, sorted


def build_graph(
    sources: Sequence[Source],
    out: Path,
    cache: Path | None = CACHE,
    on_article: Callable[[Article], None] | None = None,
) -> Path:
    """Write `sources` as `out/sources/<name>.txt` (the DCT in the folder's `sources.yaml`, so
    that offsets into the file are offsets into `text`), build them with `kg.pipeline.build`
    into `out/graph`, and return the path of graph.ttl."""
    folder = out / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for source in sources:
        (folder / f"{source.name}.txt").write_text(source.text, encoding="utf-8", newline="")
        if source.dct is not None:
            manifest[f"{source.name}.txt"] = {"published": source.dct.isoformat()}
    (folder / "sources.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    build_cache = cache / "build" / kg_version()[:16] if cache is not None else None
    build([folder], out / "graph", cache=build_cache, on_article=on_article)
    return out / "graph" / "graph.ttl"


_EVENTS = f"""
PREFIX kg: <{KG_IRI}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?event ?class ?begin ?end ?value ?origin ?file ?start ?stop WHERE {{
  ?event a kg:Event ; a ?class .
  OPTIONAL {{ ?event kg:begin ?begin }}
  OPTIONAL {{ ?event kg:end ?end }}
  OPTIONAL {{ ?event kg:timeValue ?value }}
  OPTIONAL {{ ?event kg:timeOrigin ?origin }}
  OPTIONAL {{
    ?event kg:evidence ?mention .
    ?mention kg:inArticle ?article ; kg:start ?start ; kg:end ?stop .
    ?article kg:sourceFile ?file .
  }}
}}
"""


@dataclass
class _Node:
    """A GraphEvent while its rows are read (one row per class and evidence mention)."""

    classes: set[str] = field(default_factory=set)
    mentions: set[EvidenceMention] = field(default_factory=set)
    begin: date | None = None
    end: date | None = None
    value: str | None = None
    origin: str | None = None


def graph_events(ttl: Path) -> list[GraphEvent]:
    """Every kg:Event of a Turtle file, with its evidence mentions, sorted by IRI."""
    store = pyoxigraph.Store()
    with ttl.open("rb") as handle:
        store.bulk_load(handle, pyoxigraph.RdfFormat.TURTLE)
    nodes: dict[str, _Node] = {}
    for row in store.query(_EVENTS):  # type: ignore[union-attr]
        node = nodes.setdefault(row["event"].value, _Node())
        cls = row["class"].value
        if cls.startswith(KG_IRI) and cls != f"{KG_IRI}Event":
            node.classes.add(cls[len(KG_IRI) :])
        if row["begin"] is not None:
            node.begin = date.fromisoformat(row["begin"].value)
        if row["end"] is not None:
            node.end = date.fromisoformat(row["end"].value)
        if row["value"] is not None:
            node.value = row["value"].value
        if row["origin"] is not None:
            node.origin = _local(row["origin"].value)
        if row["file"] is not None:
            stem = Path(row["file"].value).stem
            node.mentions.add(
                EvidenceMention(stem, int(row["start"].value), int(row["stop"].value))
            )
    return [
        GraphEvent(
            iri=iri,
            classes=tuple(sorted(n.classes)),
            begin=n.begin,
            end=n.end,
            value=n.value,
            origin=n.origin,
            mentions=tuple(sorted(n.mentions, key=_mention_order)),
        )
        for iri, n in sorted(nodes.items())
    ]


def _mention_order(m: EvidenceMention) -> tuple[str, int, int]:
    return (m.article, m.start, m.end)


def _local(value: str) -> str:
    return value[len(KG_IRI) :] if value.startswith(KG_IRI) else value
