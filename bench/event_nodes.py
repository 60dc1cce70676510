"""How precision and recall of event triggers trade as more generic events become nodes: the
settings of `kg.extract.events.triggers.NodePolicy`, each scored by bench.triggers' matching.

    .venv/bin/python -m bench.event_nodes [--corpus tbaq|esc|ecbplus] [--limit N]

Each document is parsed once; the extractors then run once per setting (the policy is swapped
in `kg.extract.events.triggers.NODES`). Rows: P/R/F1 over all gold mentions, with reporting set
aside on both sides, and per class of news where the corpus has topics (bench/news_classes.tsv).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bench import triggers as scorer
from kg import extract as extractors
from kg import nlp
from kg.extract.events import triggers
from kg.extract.events.triggers import NodePolicy
from kg.model import Article, Extraction

SETTINGS: tuple[tuple[str, NodePolicy], ...] = (
    ("classed only (no generic events)", NodePolicy(verbs="none", nominals="none")),
    ("+ verbs: named agent and object or time", NodePolicy(verbs="actor", nominals="none")),
    ("+ verbs: any named participant", NodePolicy(verbs="named", nominals="none")),
    ("+ deverbal nominals: named participant", NodePolicy(verbs="named", nominals="named")),
    ("+ dated: own-clause time (default)", NodePolicy(verbs="dated", nominals="dated")),
    (
        "+ every nominal: named participant",
        NodePolicy(verbs="named", nominals="named", deverbal_only=False),
    ),
    ("every candidate (TimeML detection)", NodePolicy(verbs="all", nominals="all")),
)


def sweep(corpus: str, limit: int | None) -> list[str]:
    docs = scorer.load(corpus, limit)
    articles = [Article.from_text(d.name, d.text, d.dct) for d in docs]
    parsed = list(nlp.parse(articles, nlp.DEFAULT_MODEL))
    chain = extractors.pipeline(None)
    classes = sorted({d.news_class for d in docs if d.news_class})
    head = f"{'setting':44}{'system':>8}{'P':>6}{'R':>6}{'F1':>6}{'  P/R w/o reporting':>20}"
    lines = [
        f"== {corpus}: {len(docs)} documents",
        head + "".join(f"{c[:12]:>14}" for c in classes),
    ]
    saved = triggers.NODES
    try:
        for name, policy in SETTINGS:
            triggers.NODES = policy
            found: list[Extraction] = [
                extractors.run(chain, doc, Extraction(article)) for article, doc in parsed
            ]
            system = [scorer.kg_triggers(f) for f in found]
            lines.append(_row(name, docs, system, classes))
    finally:
        triggers.NODES = saved
    return lines


def _row(
    name: str,
    docs: Sequence[scorer.ScoredDoc],
    system: Sequence[Sequence[scorer.Trigger]],
    classes: Sequence[str],
) -> str:
    rows = [scorer.pair(d, s) for d, s in zip(docs, system, strict=True)]
    plain = [
        scorer.pair(d, s, lambda t: not t.reporting, lambda t: not t.reporting)
        for d, s in zip(docs, system, strict=True)
    ]
    t, n = scorer.total(rows), scorer.total(plain)
    line = (
        f"{name:44}{t.system:8}{t.precision * 100:6.1f}{t.recall * 100:6.1f}{t.f1 * 100:6.1f}"
        f"{n.precision * 100:13.1f}/{n.recall * 100:4.1f}"
    )
    for news in classes:
        c = scorer.total(r for r in rows if r.doc.news_class == news)
        line += f"{c.precision * 100:8.1f}/{c.recall * 100:4.1f}"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", choices=scorer.CORPORA, default="esc")
    parser.add_argument("--limit", type=int, default=None, help="the first N documents only")
    args = parser.parse_args(argv)
    print("\n".join(sweep(args.corpus, args.limit)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
