"""Finding article files under the paths given, and reading them within bounds, never following
a link out of the sources root."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import SourceError, SourceWarning
from kg.text import SURROGATES

SUFFIXES = (".txt", ".md")
_OUTSIDE = "symlink leads outside the sources root; not followed"

# ---------------------------------------------------------------------------------------------
# Finding files.


@dataclass(frozen=True)
class Found:
    root: Path  # the sources root, resolved
    folder: Path  # the folder the file sits in as listed (its manifest lives here)
    file: Path  # the file as listed (may be a symlink)
    rel: str  # POSIX path relative to the root


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


# A name Linux allows but no output can carry: a control character would break the one-line
# message and the Turtle literal reads oddly; bytes that are not UTF-8 come back from os.walk as
# lone surrogates, which no UTF-8 output (Turtle, HTML, JSON) can hold.
_UNSAFE_NAME = re.compile(f"[\x00-\x1f\x7f{SURROGATES}]")
_BAD_NAME = "file name holds a control character or bytes that are not UTF-8; rename it to read it"


def _printable(path: Path) -> str:
    return _UNSAFE_NAME.sub(lambda m: ascii(m[0])[1:-1], str(path))


def read_bounded(path: Path, root: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file that lies inside `root`; SourceError otherwise.

    The file is opened without following a last symlink and without blocking, and checked on
    the open descriptor: a file swapped for a FIFO, a device or a link after the checks above is
    refused, never read or waited on.
    """
    real = path.resolve()
    if path.is_symlink() and not real.exists():
        raise SourceError(path, "broken symlink")
    if not _inside(real, root):
        raise SourceError(path, _OUTSIDE)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(real, flags)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise SourceError(path, "not a regular file")
            if info.st_size > limit:
                raise SourceError(
                    path, f"too large: {info.st_size} bytes (the limit is {limit} bytes)"
                )
            # one byte more than fstat promised tells a file that is still being written
            data = handle.read(info.st_size + 1)
    except PermissionError:
        raise SourceError(path, "cannot read: permission denied") from None
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > info.st_size:
        raise SourceError(path, "cannot read: it grew while being read")
    return data


def discover(paths: Sequence[Path]) -> tuple[list[Found], list[SourceError]]:
    found: list[Found] = []
    problems: list[SourceError] = []
    for given in paths:
        if not os.path.lexists(given):
            problems.append(SourceError(given, "no such file or folder"))
        elif given.is_dir():
            root = given.resolve()
            inside: list[Found] = []
            for folder, subdirs, files in os.walk(root, followlinks=False):
                here = Path(folder)
                for sub in sorted(subdirs):
                    link = here / sub
                    if link.is_symlink() and not _inside(link.resolve(), root):
                        problems.append(
                            SourceError(
                                link, "symlink leads outside the sources root; not followed"
                            )
                        )
                for name in files:
                    if Path(name).suffix.lower() in SUFFIXES:
                        file = here / name
                        rel = file.relative_to(root).as_posix()
                        if _UNSAFE_NAME.search(rel):
                            problems.append(SourceError(_printable(file), _BAD_NAME))
                        else:
                            inside.append(Found(root, here, file, rel))
            if not inside:
                problems.append(SourceWarning(given, "no .txt or .md files in this folder"))
            found.extend(sorted(inside, key=lambda f: f.rel))
        elif given.is_symlink() and not given.exists():
            problems.append(SourceError(given, "broken symlink"))
        elif _UNSAFE_NAME.search(given.name):
            problems.append(SourceError(_printable(given), _BAD_NAME))
        else:
            parent = given.absolute().parent
            found.append(Found(parent.resolve(), parent, given, given.name))
    return found, problems
