"""Where the per-article work (NLP and extractors) runs: in this process, in a pool of local
processes, or on a Dask cluster. Every executor yields `(position, outcome)` pairs as work
finishes; the caller puts them back in order, so where the work ran never shows in the output.

A worker process that dies (a crash in native code, the kernel's OOM killer, `os._exit`) takes
its chunk of articles with it. The local pool then re-runs those articles one at a time in a
fresh single-worker pool: the innocent ones go through, and an article that kills its worker a
second time is reported as a failure for that file while the build goes on.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg import coreference, nlp
from kg import extract as extractors
from kg.errors import ExecutorError, KgError
from kg.model import Article, Extraction

EXECUTORS = ("local", "dask")
_MAX_CHUNK = 16  # articles per task: enough to amortise a task's overhead, small enough to balance


@dataclass(frozen=True)
class Failed:
    """An article the per-article work could not handle."""

    path: str
    problem: str


Outcome = Extraction | Failed


@cache
def _chain(names: tuple[str, ...] | None) -> tuple[extractors.Extractor, ...]:
    return extractors.pipeline(names)


def extract_each(
    articles: Sequence[Article], model: str = nlp.DEFAULT_MODEL, names: Sequence[str] | None = None
) -> Iterator[Outcome]:
    """Parse, extract and link (within-article coreference) each article in order. An
    extractor that fails on one article fails that article only; a KgError (a missing model, a
    broken lexicon) stops everything."""
    chain = _chain(None if names is None else tuple(names))
    for article, doc in nlp.parse(articles, model):
        try:
            yield coreference.link(doc, extractors.run(chain, doc, Extraction(article)))
        except KgError:
            raise
        except Exception as exc:  # an extractor's bug, confined to the article that shows it
            yield Failed(article.path, f"extraction failed: {type(exc).__name__}: {exc}")


def extract_chunk(
    articles: Sequence[Article], model: str = nlp.DEFAULT_MODEL, names: Sequence[str] | None = None
) -> list[Outcome]:
    """One task for a worker process: a chunk of articles through `extract_each`."""
    return list(extract_each(articles, model, names))


def _warm(model: str, names: Sequence[str] | None) -> None:
    """Load the model and extractors once per worker process, before its first task."""
    try:
        nlp.load(model)
        _chain(None if names is None else tuple(names))
    except KgError:
        pass  # the first task raises it again, where the caller can see it


def chunk_size(n: int, workers: int) -> int:
    """About four tasks per worker, at most _MAX_CHUNK articles each."""
    return max(1, min(_MAX_CHUNK, math.ceil(n / (4 * max(1, workers)))))


def run_serial(
    articles: Sequence[Article], model: str, names: Sequence[str] | None
) -> Iterator[tuple[int, Outcome]]:
    """Everything in this process, streaming through spaCy's batches."""
    yield from enumerate(extract_each(articles, model, names))


def run_processes(
    articles: Sequence[Article], model: str, names: Sequence[str] | None, jobs: int
) -> Iterator[tuple[int, Outcome]]:
    """Chunks of articles across `jobs` local worker processes."""
    size = chunk_size(len(articles), jobs)
    pending = deque(
        list(range(i, min(i + size, len(articles)))) for i in range(0, len(articles), size)
    )
    while pending:
        suspects: list[int] = []
        with _pool(jobs, model, names) as pool:
            running: dict[Future[list[Outcome]], list[int]] = {}
            while pending or running:
                # at most one queued task per worker: a dead worker then leaves few suspects
                while pending and len(running) <= jobs:
                    chunk = pending.popleft()
                    task = pool.submit(extract_chunk, [articles[i] for i in chunk], model, names)
                    running[task] = chunk
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for task in done:
                    chunk = running.pop(task)
                    if isinstance(task.exception(), BrokenProcessPool):
                        broken = True
                        suspects += chunk
                    else:
                        yield from zip(chunk, task.result(), strict=True)
                if broken:
                    wait(running)
                    for task, chunk in running.items():
                        if isinstance(task.exception(), BrokenProcessPool):
                            suspects += chunk
                        else:
                            yield from zip(chunk, task.result(), strict=True)
                    break
        yield from _isolate(sorted(suspects), articles, model, names)


def _isolate(
    suspects: list[int], articles: Sequence[Article], model: str, names: Sequence[str] | None
) -> Iterator[tuple[int, Outcome]]:
    """Each suspect alone in a one-worker pool: a death now is that article's doing, its
    second (the first took down the shared pool)."""
    queue = deque(suspects)
    while queue:
        with _pool(1, model, names) as pool:
            while queue:
                i = queue.popleft()
                task = pool.submit(extract_chunk, [articles[i]], model, names)
                try:
                    (outcome,) = task.result()
                except BrokenProcessPool:
                    yield i, Failed(articles[i].path, "killed the worker process parsing it twice")
                    break
                yield i, outcome


def _pool(workers: int, model: str, names: Sequence[str] | None) -> ProcessPoolExecutor:
    # forkserver: workers fork from a clean server process that has imported kg and spaCy
    # once, so they start fast and never inherit the caller's threads (a Dask client, a GUI)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kg.executors"])
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_warm, initargs=(model, names)
    )


def run_dask(
    articles: Sequence[Article],
    model: str,
    names: Sequence[str] | None,
    scheduler: str | None,
    workers: int,
) -> Iterator[tuple[int, Outcome]]:
    """Chunks of articles mapped over a Dask cluster: the scheduler at `scheduler`, else a
    LocalCluster of `workers` single-threaded processes on 127.0.0.1, started and stopped here.
    Workers need kg installed; each loads the model once (kg caches it per process)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise ExecutorError("--executor dask needs Dask: pip install 'newskg[dask]'") from None
    size = chunk_size(len(articles), workers)
    chunks = [list(range(i, min(i + size, len(articles)))) for i in range(0, len(articles), size)]
    with ExitStack() as stack:
        target: Any = scheduler
        if scheduler is None:
            target = stack.enter_context(
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
        try:
            client = stack.enter_context(
                Client(target, timeout="20s")  # type: ignore[no-untyped-call]
            )
        except (OSError, TimeoutError) as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        tasks = client.map(
            extract_chunk,
            [tuple(articles[i] for i in chunk) for chunk in chunks],
            model=model,
            names=None if names is None else tuple(names),
            pure=False,
        )
        chunk_of = {task.key: chunk for task, chunk in zip(tasks, chunks, strict=True)}
        for task in as_completed(tasks):  # type: ignore[no-untyped-call]
            chunk = chunk_of[task.key]
            try:
                outcomes = task.result()
            except KilledWorker:
                outcomes = [
                    Failed(articles[i].path, "killed the Dask workers parsing its chunk")
                    for i in chunk
                ]
            yield from zip(chunk, outcomes, strict=True)


__all__ = [
    "EXECUTORS",
    "Failed",
    "Outcome",
    "extract_chunk",
    "extract_each",
    "run_dask",
    "run_processes",
    "run_serial",
]
