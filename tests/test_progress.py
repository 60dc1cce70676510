"""`kg build` draws one progress bar on a terminal and nothing in a pipe; `--json` is the same
either way. The terminal is a real pseudo-terminal given to a real `kg build` process."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from kg.cli import ProgressBar
from tests.servers import ROOT


def _sources(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for n, who in enumerate(("Olaf Scholz", "Giorgia Meloni", "Ulf Kristersson")):
        (src / f"a{n}.txt").write_text(
            f"{who} met Joe Biden in Washington on Monday, officials said.\n", "utf-8"
        )
    (src / "broken.txt").write_bytes(b"\xff\xfe not text")
    return src


def _run(args: list[str], tty_stderr: bool) -> tuple[int, str, str]:
    """Run `kg ARGS`: stdout piped; stderr a pseudo-terminal or a pipe."""
    command = [sys.executable, "-m", "kg.cli", *args]
    if not tty_stderr:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
        return done.returncode, done.stdout, done.stderr
    leader, follower = pty.openpty()
    # a terminal of 30 rows of 120 columns (a new pseudo-terminal has none: tqdm draws nothing)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=follower, env={**os.environ}
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.stdout is not None
    with process.stdout:
        stdout = process.stdout.read()
    code = process.wait(timeout=600)
    os.close(leader)
    return code, stdout.decode(), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_one_bar_on_a_terminal_nothing_in_a_pipe(tmp_path: Path) -> None:
    src = _sources(tmp_path)
    code, out, err = _run(
        ["build", str(src), "-o", str(tmp_path / "tty"), "--no-cache", "--json"], True
    )
    assert code == 1  # the broken file
    # redrawn in place: the last state shows all articles done, the rate, and one failure
    states = re.findall(r"kg build: +(\d+)%\|.*?\| (\d+)/(\d+) \[[^\]]*\b(\d+) failed\]", err)
    assert states and states[-1][1:] == ("3", "3", "1"), err
    assert re.search(r"article/s|s/article", err) and "<" in err  # rate, elapsed<remaining
    assert err.count("Error: ") == 1 and "broken.txt" in err
    piped_code, piped_out, piped_err = _run(
        ["build", str(src), "-o", str(tmp_path / "pipe"), "--no-cache", "--json"], False
    )
    assert piped_code == 1
    assert "kg build:" not in piped_err and "\r" not in piped_err
    said = [line for line in re.split(r"\r\n|\n|\r", err) if line.startswith(("Error", "warn"))]
    assert piped_err.strip().splitlines() == said
    # the summary is the same JSON, whatever stderr is
    first, second = json.loads(out), json.loads(piped_out)
    assert first.pop("outputs") != second.pop("outputs")
    assert first == second


def test_bar_counts(capsys: pytest.CaptureFixture[str]) -> None:
    bar = ProgressBar()
    bar(0, 4, 1)
    bar(2, 4, 1)
    bar(4, 4, 2)
    assert bar._bar.n == 4 and bar._bar.total == 4
    assert bar._bar.postfix == "2 failed"
    bar.close()
