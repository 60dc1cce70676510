"""Page furniture: navigation, captions, credits and promotions that are not the article's
prose. Masked, never deleted: blanked with spaces in `Article.nlp_text`, offsets kept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from kg.errors import KgError
from kg.lexicon import DEFAULT_DIR

FURNITURE_FILE = DEFAULT_DIR / "furniture.txt"

# ---------------------------------------------------------------------------------------------
# Furniture.


def load_furniture(path: Path = FURNITURE_FILE) -> tuple[re.Pattern[str], ...]:
    """Compile the furniture patterns in `path` (one regex a line, `#` comment lines)."""
    patterns: list[re.Pattern[str]] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            patterns.append(re.compile(line, re.MULTILINE))
        except re.error as exc:
            raise KgError(f"{path}:{number}: bad furniture pattern: {exc}") from None
    return tuple(patterns)


@cache
def _default_furniture() -> tuple[re.Pattern[str], ...]:
    return load_furniture()


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def scan_copy(text: str) -> str:
    # Same length as text; CRLF looks like " \n" and a lone CR like "\n", so patterns written
    # for LF files work on Windows and old-Mac files too.
    return text.replace("\r\n", " \n").replace("\r", "\n")


def mask_furniture(
    text: str, patterns: Sequence[re.Pattern[str]] | None = None, skip: int = 0
) -> str:
    """Blank page furniture out of `text`: same length, newlines kept, nothing deleted.

    `skip` characters at the start (front matter) are blanked whole.
    """
    chars = list(text)
    _blank(chars, 0, skip)
    if chars and chars[0] == "\ufeff":
        chars[0] = " "
    scan = scan_copy("".join(chars))
    for pattern in _default_furniture() if patterns is None else patterns:
        for match in pattern.finditer(scan):
            _blank(chars, match.start(), match.end())
    return "".join(chars)
