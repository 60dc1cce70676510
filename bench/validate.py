"""How long `kg validate` takes on a graph of the whole EventStoryLine corpus.

    .venv/bin/python -m bench.validate [--limit N]

Builds the graph of the ESC documents (not timed), writes its Turtle to a temporary folder,
then times `kg.validate.validate` on it (pySHACL, no inference, over an Oxigraph store) and the
tabular exports. Prints the graph's size, the seconds, and how many results the shapes gave.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.esc import esc_articles
from kg.export import rdf, tabular
from kg.graph import build_graph
from kg.pipeline import extract
from kg.resolve import resolve
from kg.validate import validate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N ESC documents only")
    args = parser.parse_args()
    articles = list(esc_articles(args.limit))
    graph = build_graph(resolve(extract(articles)))
    triples = rdf.to_rdf(graph)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.ttl"
        with path.open("wb") as handle:
            rdf.writer(triples)(handle)
        start = time.perf_counter()
        report = validate(path)
        t_validate = time.perf_counter() - start
    start = time.perf_counter()
    tabular.events_csv(graph)
    tabular.graphml(graph)
    t_tabular = time.perf_counter() - start
    print(
        f"articles: {len(articles)}, triples: {len(triples)}, "
        + ", ".join(f"{what}: {n}" for what, n in report.counts)
    )
    print(f"validate: {t_validate:.2f} s, {len(report.violations)} result(s)")
    print(f"events.csv + graph.graphml: {t_tabular:.2f} s")
    for violation in sorted({v.message for v in report.violations}):
        count = sum(1 for v in report.violations if v.message == violation)
        print(f"  {count:5}  {violation}")


if __name__ == "__main__":
    main()
