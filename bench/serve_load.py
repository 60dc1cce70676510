"""`kg serve` under 200 concurrent clients.

    .venv/bin/python -m bench.serve_load [--clients 200] [--seconds 20] [--graph out/graph.ttl]
                                         [--query-file queries/actor-timeline.rq] [--workers N]

Starts `kg serve` on the seed graph (out/graph.ttl, or a fresh build of sources/ when it is
missing) as a separate process on a free port, then runs CLIENTS threads, each with its own
keep-alive HTTP/1.1 connection (http.client), sending GET queries back to back for SECONDS.
Prints requests per second, latency p50/p90/p99/max, and errors (any status but 200, or a
failed connection). The load generator shares the machine with the server: on two cores the
figures are the pair's, not the server's alone.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIMPLE = "SELECT ?s ?type WHERE { ?s a ?type } LIMIT 10"


def _seed_graph() -> tuple[Path, tempfile.TemporaryDirectory[str] | None]:
    built = ROOT / "out" / "graph.ttl"
    if built.is_file():
        return built, None
    from kg.pipeline import build

    folder = tempfile.TemporaryDirectory(prefix="kg-serve-load-")
    build([ROOT / "sources"], Path(folder.name))
    return Path(folder.name) / "graph.ttl", folder


def _start(graph: Path, workers: int | None) -> tuple[subprocess.Popen[bytes], str]:
    command = [sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", "0"]
    if workers:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE)
    line = process.stdout.readline().decode() if process.stdout else ""
    if not line.startswith("SPARQL endpoint at "):
        process.kill()
        raise SystemExit(f"kg serve did not start: {line!r}")
    return process, line.split()[3]


def _client(
    url: str,
    path: str,
    stop_at: float,
    latencies: list[float],
    errors: Counter[str],
    lock: threading.Lock,
) -> None:
    parts = urllib.parse.urlsplit(url)
    own: list[float] = []
    failures: Counter[str] = Counter()
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=120)
    headers = {"Accept": "application/sparql-results+json"}
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                own.append(time.perf_counter() - started)
            else:
                failures[f"HTTP {response.status}"] += 1
        except (OSError, http.client.HTTPException) as exc:
            failures[type(exc).__name__] += 1
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=120)
    conn.close()
    with lock:
        latencies.extend(own)
        errors.update(failures)


def _percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--graph", type=Path, help="Turtle file [out/graph.ttl or a fresh build]")
    parser.add_argument("--query-file", type=Path, help=f"SPARQL query [{SIMPLE}]")
    parser.add_argument("--workers", type=int, help="kg serve --workers")
    args = parser.parse_args(argv)
    graph, folder = (args.graph, None) if args.graph else _seed_graph()
    query = args.query_file.read_text("utf-8") if args.query_file else SIMPLE
    process, url = _start(graph, args.workers)
    try:
        path = f"{urllib.parse.urlsplit(url).path}?{urllib.parse.urlencode({'query': query})}"
        latencies: list[float] = []
        errors: Counter[str] = Counter()
        lock = threading.Lock()
        started = time.monotonic()
        stop_at = started + args.seconds
        threads = [
            threading.Thread(target=_client, args=(url, path, stop_at, latencies, errors, lock))
            for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        process.terminate()
        process.wait(60)
        if folder is not None:
            folder.cleanup()
    latencies.sort()
    done = len(latencies)
    shown = " ".join(query.split())[:80]
    print(f"graph {graph}, {args.clients} clients, {elapsed:.1f} s, query: {shown}")
    print(f"  {done} answers, {done / elapsed:.0f} requests/s")
    if latencies:
        ms = [1000 * _percentile(latencies, f) for f in (0.5, 0.9, 0.99)]
        print(
            f"  latency p50 {ms[0]:.1f} ms, p90 {ms[1]:.1f} ms, p99 {ms[2]:.1f} ms, "
            f"max {1000 * latencies[-1]:.1f} ms, mean {1000 * statistics.fmean(latencies):.1f} ms"
        )
    print(f"  errors: {sum(errors.values())}" + (f" {dict(errors)}" if errors else ""))
    return 1 if errors or not latencies else 0


if __name__ == "__main__":
    raise SystemExit(main())
