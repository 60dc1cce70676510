"""Time and peak memory of kg's input bounds on hostile input (issue 7, part 4).

    .venv/bin/python -m bench.limits [--quick]

Each case runs in a fresh child process, so its peak resident memory (ru_maxrss) is its own;
the figure includes the Python interpreter and, for whole builds, spaCy and its model (about
350 MB when idle). `--quick` leaves out the two builds of a 1,000,000-character article.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.sources import MAX_MANIFEST_BYTES, MAX_TEXT_CHARS

PROSE = "Putin spoke to Xi Jinping on Friday in Moscow. "
NO_STOPS = "Putin Xi Moscow Beijing talks call visit "


def _fill(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _laughs(levels: int) -> str:
    items = ["&a0 [x, x, x, x, x, x, x, x, x, x]"]
    items += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "published: [" + ", ".join(items) + "]\n"


def _manifest(size: int) -> str:
    entry = "f{:07d}.txt:\n  title: Some title of an article\n  published: 2022-12-30\n"
    return "".join(entry.format(i) for i in range(size // len(entry.format(0)) + 1))


def setup(case: str, folder: Path) -> list[Path]:
    """Write the hostile input of `case` into `folder`; the paths to give kg."""
    body = " date 2022-12-30\nPutin spoke to Xi.\n"
    if case == "50 MB article (sparse file)":
        with open(folder / "big.txt", "wb") as handle:
            handle.truncate(50 * 1024 * 1024)
    elif case == "10 MB single line":
        (folder / "line.txt").write_text(_fill(PROSE, 10 * 1024 * 1024))
    elif case.startswith("article at the limit"):
        unit = NO_STOPS if "no full stop" in case else PROSE
        (folder / "a.txt").write_text(" date 2022-12-30\n" + _fill(unit, MAX_TEXT_CHARS - 17))
    elif case == "10,000 empty files":
        for i in range(10_000):
            (folder / f"{i:05d}.txt").touch()
    elif case == "10 MB manifest":
        (folder / "a.txt").write_text(body)
        (folder / "sources.yaml").write_text(_manifest(10 * 1024 * 1024))
    elif case == "manifest at the limit":
        (folder / "a.txt").write_text(body)
        (folder / "sources.yaml").write_text(_manifest(MAX_MANIFEST_BYTES - 100))
    elif case == "billion laughs front matter":
        (folder / "a.md").write_text("---\n" + _laughs(9) + "---\n" + body)
    elif case == "15,000-deep HTML in .md":
        deep = "<div>" * 15_000 + "Putin spoke to Xi." + "</div>" * 15_000
        (folder / "a.md").write_text(body + deep + "\n")
    return [folder]


CASES: dict[str, str] = {  # case -> "read" (kg.sources only) or "build" (the whole pipeline)
    "50 MB article (sparse file)": "read",
    "10 MB single line": "read",
    "10,000 empty files": "read",
    "10 MB manifest": "read",
    "manifest at the limit": "read",
    "billion laughs front matter": "read",
    "15,000-deep HTML in .md": "build",
    "article at the limit, prose": "build",
    "article at the limit, no full stop": "build",
}


def child(case: str) -> None:
    """Run one case in this process and print its figures as JSON."""
    import resource

    from kg.errors import BuildError
    from kg.pipeline import build
    from kg.sources import read_sources

    with tempfile.TemporaryDirectory() as tmp:
        paths = setup(case, Path(tmp))
        start = time.perf_counter()
        outcome: str
        if CASES[case] == "read":
            articles, problems = read_sources(paths)
            outcome = f"{len(articles)} read, {len(problems)} problems: {problems[0]}"[:160]
        else:
            try:
                report = build(paths, Path(tmp) / "out")
                size = os.path.getsize(Path(tmp) / "out" / "graph.ttl")
                outcome = f"built: {report.events} events, graph.ttl {size / 1e6:.1f} MB"
            except BuildError as exc:
                outcome = str(exc)[:160]
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak), "outcome": outcome}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the 1M-character builds")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # internal: run one case here
    args = parser.parse_args()
    if args.case:
        child(args.case)
        return
    run: Callable[[str], dict[str, object]] = lambda case: json.loads(  # noqa: E731
        subprocess.run(
            [sys.executable, "-m", "bench.limits", "--case", case],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    print(f"| {'case':38} | {'time':>8} | {'peak RSS':>8} | outcome |")
    print(f"|{'-' * 40}|{'-' * 10}|{'-' * 10}|---|")
    for case in CASES:
        if args.quick and case.startswith("article at the limit"):
            continue
        r = run(case)
        print(f"| {case:38} | {r['seconds']:>6} s | {r['peak_mb']:>5} MB | {r['outcome']} |")


if __name__ == "__main__":
    main()
