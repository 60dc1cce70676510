"""Killed and concurrent builds: a build killed at any moment leaves the previous outputs whole
and the cache usable, and two builds into one folder never mix their files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import OutputError
from kg.export.files import build_lock, write_outputs
from kg.pipeline import build
from tests.conftest import SOURCES

NAMES = ("graph.ttl", "graph.html")
TIMEOUT = 300  # seconds: generous, for a slow shared CI machine


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, bytes]]]:
    """Two source sets, A (the seeds) and B (the seeds less one article), each with the
    outputs of a solo build."""
    root = tmp_path_factory.mktemp("sets")
    b = Path(shutil.copytree(SOURCES, root / "b"))
    (b / "002_0edbca5f762f3630.txt").unlink()
    found = {}
    for name, src in (("A", SOURCES), ("B", b)):
        out = root / f"solo-{name}"
        build([src], out)
        found[name] = (src, {n: (out / n).read_bytes() for n in NAMES})
    assert found["A"][1] != found["B"][1]
    return found


def _start(src: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _which(out: Path, sets: dict[str, tuple[Path, dict[str, bytes]]]) -> str:
    """Which solo build the outputs in `out` are, as a set; fails on a mixture."""
    files = {n: (out / n).read_bytes() for n in NAMES}
    matches = [name for name, (_, solo) in sets.items() if solo == files]
    assert len(matches) == 1, "the outputs are a mixture of two builds"
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert len(store) > 100
    return matches[0]


def _kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=TIMEOUT)  # reaps it and closes its pipe


def _staging(out: Path) -> list[Path]:
    return list(out.glob(".kg-staging-*"))


def test_killed_build_leaves_previous_outputs_whole(
    sets: dict[str, tuple[Path, dict[str, bytes]]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([sets["A"][0]], out)
    # early: importing, parsing
    proc = _start(sets["B"][0], out, "--no-cache")
    time.sleep(0.5)
    _kill(proc)
    assert _which(out, sets) == "A"
    # while writing: as soon as the staging folder appears
    proc = _start(sets["B"][0], out, "--no-cache")
    deadline = time.monotonic() + TIMEOUT
    while not _staging(out) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    _kill(proc)
    # killed before its renames (nearly always) the outputs are A's, after them B's: whole
    # sets either way
    assert _which(out, sets) in {"A", "B"}
    # the next build clears what the killed one left behind
    build([sets["A"][0]], out)
    assert _which(out, sets) == "A"
    assert not _staging(out)


def test_killed_build_leaves_the_cache_usable(
    sets: dict[str, tuple[Path, dict[str, bytes]]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    for delay in (1.0, 2.0, 3.0):
        proc = _start(sets["A"][0], out)
        time.sleep(delay)
        _kill(proc)
        for entry in (out / ".kg-cache").rglob("*.json"):
            json.loads(entry.read_bytes())  # whole entries only
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(sets["A"][0]), "-o", str(out)],
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _which(out, sets) == "A"


def test_concurrent_builds_into_one_folder_give_one_whole_set(
    sets: dict[str, tuple[Path, dict[str, bytes]]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    procs = [_start(sets[name][0], out, "--no-cache") for name in ("A", "B")]
    for proc in procs:
        _, err = proc.communicate(timeout=TIMEOUT)
        assert proc.returncode == 0, err
    assert _which(out, sets) in {"A", "B"}
    assert not _staging(out)


def test_a_second_build_waits_for_the_lock(
    sets: dict[str, tuple[Path, dict[str, bytes]]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([sets["A"][0]], out)
    with build_lock(out):
        proc = _start(sets["B"][0], out, "--no-cache")
        assert proc.stderr is not None
        said = b""
        while b"waiting for another build" not in said:  # it says so, then blocks
            line = proc.stderr.readline()
            assert line, f"the build ended without waiting: {said!r}"
            said += line
        time.sleep(1)
        assert proc.poll() is None
        assert _which(out, sets) == "A"
        assert not _staging(out)
    _, err = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 0, err
    assert _which(out, sets) == "B"


def test_bug_an_output_that_cannot_be_written_raised_a_bare_os_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous\n", "utf-8")
    (out / "texts").write_text("a file where the texts folder goes\n", "utf-8")
    outputs = {out / "graph.ttl": "new\n", out / "texts" / "a.txt": "text\n"}
    with pytest.raises(OutputError, match=f"^{out}: cannot write the outputs into it: "):
        write_outputs(out, outputs)
    assert _staging(out) == []
    assert (out / "texts").read_text("utf-8") == "a file where the texts folder goes\n"
    assert (out / "graph.ttl").read_text("utf-8") == "previous\n"
