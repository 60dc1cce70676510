"""How builds scale: the cache, --jobs, the Dask executor, memory and resolution.

    .venv/bin/python -m bench.scale [--articles N]... [--runs clean,nochange,...] [--jobs J]

Writes EventStoryLine's 258 documents as files (replicated with distinct ids and a distinct
closing sentence per copy, up to N articles, so the cache cannot share entries between copies),
then times, each build in a fresh process (so its peak memory is its own):

- clean: `kg build` with an empty cache (1 process); aim for the rest is relative to it;
- nochange: a rebuild with nothing changed (aim < 5% of clean);
- one: a rebuild after one article changed (aim < 10% of clean);
- jobs: a clean build with `--jobs J` (aim 1.7x on 2 cores);
- dask: a clean build with `--executor dask` on a LocalCluster of J processes (against jobs);
- bare: bare `nlp.pipe` over the same texts (kg's throughput over it: aim 0.8 or better);
- resolve: `resolve()` alone over the cached extractions (how resolution grows with N).

Peak memory is the build process's high-water RSS (getrusage) and, with workers, the process
tree's total RSS sampled every 0.25 s from /proc. The machine's cores are shared: timings are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

RUNS = ("clean", "nochange", "one", "jobs", "dask", "bare", "resolve")


def write_corpus(folder: Path, n: int) -> list[Path]:
    """N articles from EventStoryLine as .txt files with a manifest of their dates."""
    from bench.esc import esc_articles, esc_files

    copies = -(-n // len(esc_files()))
    manifest: dict[str, dict[str, str]] = {}
    paths = []
    for article in list(esc_articles(copies=copies))[:n]:
        copy = int(article.id.split("_", 1)[0])
        text = article.text
        if copy:
            text += f"\n\nThis report was filed as copy {copy} of the archive.\n"
        path = folder / f"{article.id}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
        if article.published is not None:
            manifest[path.name] = {"published": article.published.isoformat()}
    (folder / "sources.yaml").write_text(yaml.safe_dump(manifest), "utf-8")
    return paths


def child(args: list[str]) -> dict[str, object]:
    """Run one measured step in a fresh interpreter; it prints one JSON object."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.scale", "--child", json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench step {args} failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def _tree_rss_mb(root: int) -> float:
    """The resident memory of `root` and all its descendants now, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21])  # pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total * resource.getpagesize() / 2**20


class _TreeWatch(threading.Thread):
    """Samples the process tree's total RSS; workers of a forkserver or a Dask nanny are
    grandchildren that getrusage(RUSAGE_CHILDREN) never sees."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.25):
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))


def _step(spec: list[str]) -> dict[str, object]:
    """Inside the fresh interpreter: one build, bare nlp.pipe, or resolve over the cache."""
    kind, src, out, *rest = spec
    watch = _TreeWatch()
    watch.start()
    start = time.perf_counter()
    result: dict[str, object] = {}
    if kind == "build":
        from kg.pipeline import build

        jobs, executor, cache = int(rest[0]), rest[1], rest[2]
        report = build(
            [Path(src)],
            Path(out),
            jobs=jobs,
            executor=executor,
            cache=Path(cache) if cache else None,
        )
        result = {"parsed": report.parsed, "cached": report.cached, "errors": len(report.errors)}
    elif kind == "bare":
        from kg import nlp
        from kg.sources import read_sources

        articles, _ = read_sources([Path(src)])
        model = nlp.load()
        start = time.perf_counter()
        tokens = sum(len(d) for d in model.pipe((a.nlp_text for a in articles), batch_size=16))
        result = {"tokens": tokens}
    elif kind == "resolve":
        from kg.cache import Cache, pipeline_version
        from kg.resolve import resolve
        from kg.sources import read_sources

        articles, _ = read_sources([Path(src)])
        store = Cache(Path(rest[0]), pipeline_version())
        found = [store.get(a) for a in articles]
        assert all(x is not None for x in found), "resolve needs a full cache"
        start = time.perf_counter()
        resolved = resolve([x for x in found if x is not None])
        result = {
            "mentions": sum(len(x.entities) + len(x.events) for x in found if x is not None),
            "events": len(resolved.events),
        }
    result["seconds"] = time.perf_counter() - start
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    watch.stop.set()
    result["tree_rss_mb"] = max(watch.peak, result["rss_mb"])  # type: ignore[call-overload]
    return result


def measure(n: int, runs: set[str], jobs: int, tmp: Path) -> dict[str, dict[str, object]]:
    src = tmp / f"src-{n}"
    src.mkdir()
    paths = write_corpus(src, n)
    got: dict[str, dict[str, object]] = {}
    cache = tmp / f"cache-{n}"

    def build(name: str, jobs: int = 1, executor: str = "local", cached: bool = True) -> None:
        # the clean build and the rebuilds share their output folder and cache, as a user's do
        out = tmp / (f"out-{n}" if cached else f"out-{n}-{name}")
        where = str(cache) if cached else str(tmp / f"cache-{n}-{name}")
        got[name] = child(["build", str(src), str(out), str(jobs), executor, where])
        print(f"  {n:>6} {name:9} {got[name]}", file=sys.stderr, flush=True)

    build("clean")
    if "nochange" in runs:
        build("nochange")
    if "one" in runs:
        paths[len(paths) // 2].write_text(
            paths[len(paths) // 2].read_text("utf-8") + "\nOfficials met in Paris on Monday.\n",
            "utf-8",
        )
        build("one")
    if "jobs" in runs:
        build("jobs", jobs=jobs, cached=False)
    if "dask" in runs:
        build("dask", jobs=jobs, executor="dask", cached=False)
    if "bare" in runs:
        got["bare"] = child(["bare", str(src), ""])
    if "resolve" in runs:
        got["resolve"] = child(["resolve", str(src), "", str(cache)])
    shutil.rmtree(src)
    return got


def table(results: dict[int, dict[str, dict[str, object]]], jobs: int) -> str:
    def s(r: dict[str, object] | None) -> float | None:
        return None if r is None else float(r["seconds"])  # type: ignore[arg-type]

    def cell(value: float | None, fmt: str = "{:.1f}") -> str:
        return "-" if value is None else fmt.format(value)

    rows = [
        f"| articles | clean s (1 proc) | no-change rebuild | one-article rebuild | --jobs {jobs} "
        f"| dask ({jobs} workers) | bare nlp.pipe: kg throughput ratio | peak RSS MB: clean "
        f"(1 proc) / --jobs (process tree, sampled) | resolve s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, got in sorted(results.items()):
        clean = s(got["clean"])
        assert clean is not None

        def rel(
            name: str, of: float | None, label: str, got: dict[str, dict[str, object]] = got
        ) -> str:
            t = s(got.get(name))
            if t is None or of is None:
                return "-"
            return f"{t:.1f} s ({label.format(t / of)})"

        jobs_rss = f"{got['jobs']['tree_rss_mb']:.0f}" if "jobs" in got else "-"
        rows.append(
            f"| {n:,} | {clean:.1f} "
            f"| {rel('nochange', clean, '{:.1%} of clean')} "
            f"| {rel('one', clean, '{:.1%} of clean')} "
            f"| {rel('jobs', clean, '{:.2f}x the time of 1 proc')} "
            f"| {rel('dask', s(got.get('jobs')), '{:.2f}x the time of --jobs')} "
            f"| {rel('bare', clean, 'kg/bare {:.2f}')} "
            f"| {got['clean']['rss_mb']:.0f} / {jobs_rss} "
            f"| {cell(s(got.get('resolve')), '{:.2f}')} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", help="corpus sizes (258)")
    parser.add_argument("--runs", default=",".join(RUNS), help=f"of {','.join(RUNS)}")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_step(json.loads(args.child))))
        return
    runs = set(args.runs.split(","))
    results = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-scale-") as tmp:
        for n in args.articles or [258]:
            results[n] = measure(n, runs, args.jobs, Path(tmp))
            print(table(results, args.jobs), flush=True)
    print(json.dumps({str(k): v for k, v in results.items()}, indent=1), file=sys.stderr)


if __name__ == "__main__":
    main()
