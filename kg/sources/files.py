"""Finding article files under the paths given, and reading them within bounds, never following
a link out of the sources root."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import NothingToReadWarning, SourceError
from kg.text import SURROGATES

# What a suffix is read as: a file given by name is read by its suffix too, as text when the
# suffix is none of these (".xml" only when named: in a folder it is too often something else).
FORMATS = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SUFFIXES = tuple(FORMATS)


def format_of(path: Path) -> str:
    """ "text", "html", "feed" or "jsonl", by the file's suffix (any case)."""
    suffix = path.suffix.lower()
    return "feed" if suffix == ".xml" else FORMATS.get(suffix, "text")


def known_suffix(path: Path) -> bool:
    """Whether the file's suffix says what it is (FORMATS, or ".xml")."""
    return path.suffix.lower() in (*SUFFIXES, ".xml")


# What the opening bytes of a file with no known suffix say it is: a file kg cannot read is
# refused with the reason, never read as text (a PDF's bytes, a page's markup as words).
_CANNOT_READ = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a Word, OpenDocument or EPUB file is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_PAGE = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_FEED = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?<(?:rss|feed)\b", re.I)
READABLE = "kg reads text (.txt, .md), saved web pages (.html), feeds (.rss, .atom) and JSON Lines"


def sniff(head: bytes) -> str:
    """What the first bytes (a few KiB) of a file named without a known suffix hold: "html" (a
    web page), "feed" (RSS or Atom) or "text".

    Raises ValueError, a sentence naming what the file is (a PDF, an image, a binary file) and
    what kg reads, when kg cannot read it."""
    for magic, what in _CANNOT_READ:
        if head.startswith(magic):
            raise ValueError(f"this is {what}, which kg cannot read; {READABLE}")
    if _PAGE.match(head):
        return "html"
    if _FEED.match(head):
        return "feed"
    if b"\x00" in head:
        raise ValueError(f"this is a binary file, not text; {READABLE}")
    return "text"


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


LOOP = "symlink loop; not followed"


def resolved(path: Path) -> Path | None:
    """`path` with its links followed; None when they loop (Python raises RuntimeError)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def read_bounded(path: Path, root: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file that lies inside `root`; SourceError otherwise.

    The file is opened without following a last symlink and without blocking, and checked on
    the open descriptor: a file swapped for a FIFO, a device or a link after the checks above is
    refused, never read or waited on.
    """
    real = resolved(path)
    if real is None:
        raise SourceError(path, LOOP)
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


# The files every `kg build` writes into its output folder (Turtle is always written): a folder
# holding both is kg's output, whose graph.html and texts/ are never articles.
OUTPUT_MARKS = ("graph.ttl", "graph.html")
_OUTPUT_FOLDER = (
    "this is a folder kg build wrote (it holds graph.ttl and graph.html), not a folder of "
    "articles; give the folder the articles are in"
)


def is_output_folder(folder: Path) -> bool:
    """Whether `folder` holds the outputs of a `kg build` (OUTPUT_MARKS)."""
    return all((folder / name).is_file() for name in OUTPUT_MARKS)


def discover(
    paths: Sequence[Path], skip: Sequence[Path] = ()
) -> tuple[list[Found], list[SourceError]]:
    """The article files under `paths`, and a problem for each path or file that cannot be
    used. A folder in `skip` (the build's output folder) and any folder holding kg's outputs
    (`is_output_folder`) are passed over silently: kg never reads its own outputs as
    articles."""
    found: list[Found] = []
    problems: list[SourceError] = []
    passed_over = {real for real in map(resolved, skip) if real is not None}
    for given in paths:
        if not os.path.lexists(given):
            problems.append(SourceError(given, "no such file or folder"))
        elif given.is_dir() and is_output_folder(given):
            problems.append(SourceError(given, _OUTPUT_FOLDER))
        elif given.is_dir():
            root = given.resolve()
            inside: list[Found] = []
            skipped: list[str] = []  # files of kinds kg does not read, to say why none was read
            for folder, subdirs, files in os.walk(root, followlinks=False):
                here = Path(folder)
                # pruned in place, so os.walk does not go into them
                subdirs[:] = [
                    sub
                    for sub in subdirs
                    if here / sub not in passed_over and not is_output_folder(here / sub)
                ]
                for sub in sorted(subdirs):
                    link = here / sub
                    # a folder link that loops: os.walk does not follow it either
                    if link.is_symlink() and not _inside(resolved(link) or link, root):
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
                    elif name != "sources.yaml" and len(skipped) < 4:
                        skipped.append(_printable(here.relative_to(root) / name))
            if not inside:
                problems.append(NothingToReadWarning(given, _nothing_to_read(skipped)))
            found.extend(sorted(inside, key=lambda f: f.rel))
        elif given.is_symlink() and not given.exists():
            problems.append(SourceError(given, "broken symlink"))
        elif _UNSAFE_NAME.search(given.name):
            problems.append(SourceError(_printable(given), _BAD_NAME))
        else:
            parent = given.absolute().parent
            found.append(Found(parent.resolve(), parent, given, given.name))
    return found, problems


def _nothing_to_read(skipped: Sequence[str]) -> str:
    """Why a folder gave no article: it is empty, or it holds only files kg does not read
    (`skipped`: the first few, by walking order)."""
    none = "no .txt or .md files in this folder, nor pages, feeds or JSON Lines"
    if not skipped:
        return f"{none}: it is empty"
    shown = ", ".join(sorted(skipped)[:3]) + (", ..." if len(skipped) > 3 else "")
    return f"{none}, only other kinds of file ({shown}); {READABLE}"
