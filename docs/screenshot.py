"""Regenerate docs/graph.png: the page `kg build` makes of a folder of articles, as headless
Chromium draws it at 1366x768 (the README's picture).

    .venv/bin/python docs/screenshot.py [SOURCES]   # default: sources/, the project's sample

Needs Debian's chromium (`apt-get install chromium`). The page is opened from a file with the
network off, as a reader would; Chromium's virtual time lets the layout settle before the shot.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)


def main(argv: list[str]) -> int:
    sources = Path(argv[0]) if argv else ROOT / "sources"
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is missing: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build([sources], out, cache=None)
        shot = Path(tmp) / "graph.png"
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--hide-scrollbars",
                "--virtual-time-budget=20000",
                f"--window-size={SIZE[0]},{SIZE[1]}",
                f"--user-data-dir={tmp}/profile",
                f"--screenshot={shot}",
                (out / "graph.html").as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copyfile(shot, ROOT / "docs" / "graph.png")
    print(f"docs/graph.png: {sources} at {SIZE[0]}x{SIZE[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
