"""How resolution's time grows with the corpus, without parsing it again and again.

    .venv/bin/python -m bench.resolve_scale [--sizes 258,1000,2000,5000,10000] [--keep FILE]

Parses EventStoryLine's 258 documents once, then replicates their extractions under new
article ids (copy n of article a is article "n_a", every span moved with it) up to each size,
and times `resolve()` alone. Copies repeat the same names, events and dates, as a story
followed for years repeats its actors: clusters grow with the corpus. `--keep FILE` keeps the
parsed extractions (a pickle this script wrote: never point it at a file from elsewhere) for
the next run, e.g. one against another checkout's kg.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import time
from pathlib import Path
from typing import Any

from bench.esc import esc_articles
from kg.model import Article, Extraction, Span
from kg.pipeline import extract
from kg.resolve import resolve


def _moved(value: Any, old: str, new: str) -> Any:
    """`value` with every Span and Article of article `old` moved to article `new`."""
    if isinstance(value, Span) and value.article == old:
        return dataclasses.replace(value, article=new)
    if isinstance(value, Article):
        return dataclasses.replace(value, id=new, path=f"{new}.txt")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _moved(getattr(value, f.name), old, new) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_moved(v, old, new) for v in value)
    return value


def replicate(found: list[Extraction], n: int) -> list[Extraction]:
    out = []
    for i in range(n):
        copy, x = divmod(i, len(found))
        base = found[x]
        out.append(
            base if copy == 0 else _moved(base, base.article.id, f"{copy:03d}_{base.article.id}")
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="258,1000,2000,5000,10000")
    parser.add_argument("--keep", type=Path, help="pickle of the parsed extractions, reused")
    args = parser.parse_args()
    if args.keep is not None and args.keep.is_file():
        found = pickle.loads(args.keep.read_bytes())  # written by this script, see --help
    else:
        found = extract(list(esc_articles()))
        if args.keep is not None:
            args.keep.write_bytes(pickle.dumps(found))
    print("| articles | entity + event mentions | resolve s | s per 1,000 mentions |")
    print("|---:|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        corpus = replicate(found, n)
        mentions = sum(len(x.entities) + len(x.events) for x in corpus)
        start = time.perf_counter()
        resolve(corpus)
        seconds = time.perf_counter() - start
        print(
            f"| {n:,} | {mentions:,} | {seconds:.2f} | {1000 * seconds / mentions:.3f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
