"""Build throughput against bare `nlp.pipe` on the same texts.

    .venv/bin/python -m bench.throughput [--limit N] [--repeat R]

Prints articles/s and tokens/s for spaCy alone and for kg's whole pipeline (NLP, extractors,
resolution, graph, Turtle and HTML rendering; no disk writes), and kg's overhead on top of
spaCy. Aim (issue 2): under 25%.
"""

from __future__ import annotations

import argparse
import io
import time

from bench.esc import esc_articles
from kg import nlp
from kg.export import html, rdf
from kg.graph import build_graph
from kg.pipeline import extract
from kg.resolve import resolve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N ESC documents only")
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs")
    args = parser.parse_args()
    articles = list(esc_articles(args.limit))
    model = nlp.load()
    model(articles[0].nlp_text)  # warm up, as a long build would be
    tokens = sum(len(d) for d in model.pipe(a.nlp_text for a in articles))

    def bare() -> None:
        for _ in model.pipe((a.nlp_text for a in articles), batch_size=16):
            pass

    def whole() -> None:
        graph = build_graph(resolve(extract(articles)))
        rdf.writer(rdf.to_rdf(graph))(io.BytesIO())
        html.render_html(graph)

    t_bare = min(_time(bare) for _ in range(args.repeat))
    t_kg = min(_time(whole) for _ in range(args.repeat))
    n = len(articles)
    print(f"articles: {n}, tokens: {tokens}")
    print(f"{'':12}{'seconds':>10}{'articles/s':>12}{'tokens/s':>12}")
    for name, t in (("nlp.pipe", t_bare), ("kg", t_kg)):
        print(f"{name:12}{t:10.2f}{n / t:12.1f}{tokens / t:12.0f}")
    print(f"kg overhead on top of spaCy: {100 * (t_kg - t_bare) / t_bare:.1f}%")


def _time(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
