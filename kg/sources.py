"""The sources stage: files on disk in, `Article` values out.

Choices a caller can rely on:

- Text is the file's bytes decoded as strict UTF-8 and nothing else: no newline translation, and a
  UTF-8 byte-order mark stays in `text` as U+FEFF (it counts as one code point; `nlp_text` blanks
  it). Every offset kg reports is a code-point offset into that string.
- `nlp_text` has the same length as `text`; front matter, page furniture (`ontology/furniture.txt`)
  and the BOM are replaced by spaces, newlines kept. Nothing is ever deleted.
- Metadata, per field, first found wins: the `dct` argument (published only), YAML front matter,
  the folder's `sources.yaml` manifest, then the text (a header line, a byline, a date line or a
  dateline). `date_origin` is "metadata" for the first three, "text" for a full date in the text,
  "inferred" when a dateline gives only month and day and the year is the one the text mentions
  most.
- Problems come back as `SourceError`s, one line each, never raised: a file with an error is left
  out and the others are returned. A `SourceWarning` (a `SourceError` with `fatal = False`) leaves
  its article in: no date anywhere, a manifest entry for a missing file, a folder with no articles.
- Input is untrusted and bounded: a file over MAX_FILE_BYTES is refused unread, a text over
  MAX_TEXT_CHARS after decoding; a manifest over MAX_MANIFEST_BYTES and front matter over
  MAX_FRONT_MATTER_CHARS are not parsed; YAML is safe-loaded without aliases, nested at most 8
  deep; a file name with a control character or bytes that are not UTF-8 is refused.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kg.errors import KgError, ManifestError, SourceError, SourceWarning
from kg.lexicon import DEFAULT_DIR
from kg.model import Article

__all__ = [
    "FIELDS",
    "FURNITURE_FILE",
    "MANIFEST",
    "MAX_FILE_BYTES",
    "MAX_FRONT_MATTER_CHARS",
    "MAX_MANIFEST_BYTES",
    "MAX_TEXT_CHARS",
    "SUFFIXES",
    "SourceWarning",
    "date_from_text",
    "load_furniture",
    "mask_furniture",
    "read_sources",
]

# A news article, even a long-form feature, is under 100,000 characters; these bounds are for
# mistakes and attacks. A build's time and memory grow with an article's length (bench/limits.py:
# 1,000,000 characters took 200 s and 3.5 GB), and spaCy refuses texts over 1,000,000.
MAX_TEXT_CHARS = 200_000
# A UTF-8 character takes at most 4 bytes, so a bigger file cannot hold fewer characters: it is
# refused before it is read.
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS
# PyYAML's pure-Python parser reads about 0.3 MB/s; a manifest entry takes about 100 bytes.
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_FRONT_MATTER_CHARS = 64 * 1024
_YAML_DEPTH = 8  # metadata is a mapping of mappings of scalars; deeper is not metadata
SUFFIXES = (".txt", ".md")
MANIFEST = "sources.yaml"
FIELDS = ("title", "publisher", "published", "url")
FURNITURE_FILE = DEFAULT_DIR / "furniture.txt"
_HEAD_LINES = 20  # header, byline and dateline sit in the first lines of a page
_TITLE_MAX = 150
_OUTSIDE = "symlink leads outside the sources root; not followed"


# ---------------------------------------------------------------------------------------------
# YAML: safe loading, with dates left as text so a date that does not exist (2022-02-30) is
# reported for its own file instead of failing the whole document inside the YAML parser.


class _Loader(yaml.SafeLoader):
    """SafeLoader without aliases (a "billion laughs" bomb expands them) and with a bounded
    nesting depth (PyYAML's composer recurses: deep nesting is a RecursionError)."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        problem = None
        if isinstance(event, yaml.AliasEvent):
            problem = "aliases (*name) are not allowed in metadata"
        elif self._depth >= _YAML_DEPTH:
            problem = f"nested deeper than {_YAML_DEPTH} levels"
        if problem is not None:
            raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_yaml(text: str, first_line: int) -> Any:
    """Parse YAML with SafeLoader semantics; errors name the line in the file (1-based)."""
    try:
        # _Loader is a yaml.SafeLoader: it builds plain Python values only, never objects.
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + first_line}" if mark is not None else ""
        what = exc.problem or exc.context or "malformed"
        # The context ("while parsing a flow sequence") often points at the real culprit.
        if exc.problem and exc.context and exc.context_mark is not None:
            what += f" ({exc.context} started at line {exc.context_mark.line + first_line})"
        raise _YamlProblem(f"YAML error{where}: {what}") from exc
    except yaml.reader.ReaderError as exc:  # its message spans two lines
        line = text.count("\n", 0, exc.position) + first_line
        what = f": {chr(exc.character)!a}" if isinstance(exc.character, int) else ""
        raise _YamlProblem(f"YAML error at line {line}: {exc.reason}{what}") from exc
    except yaml.YAMLError as exc:
        raise _YamlProblem(f"YAML error: {' '.join(str(exc).split())}") from exc
    except ValueError as exc:  # a constructor's own: an integer of over 4,300 digits
        raise _YamlProblem(f"YAML error: {_shown(str(exc), 100)}") from exc


class _YamlProblem(Exception):
    pass


_SURROGATE = re.compile(r"[\ud800-\udfff]")  # YAML's "\ud800" escapes can write one


def _shown(value: str, limit: int = 60) -> str:
    """`value` quoted for a one-line message, cut short: metadata is untrusted and may be long."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


def _parse_published(value: object) -> date:
    if not isinstance(value, str | int):
        raise ValueError(f"published: expected YYYY-MM-DD, got a {type(value).__name__}")
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z ]*)?", text):
        raise ValueError(f"published: expected YYYY-MM-DD, got {_shown(text)}")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"published: {text[:10]} is not a real date") from None


def _check_fields(raw: object) -> dict[str, object]:
    """Validate one metadata mapping (front matter or manifest entry); ValueError says why."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError(f"expected a mapping of {', '.join(FIELDS)}, got {type(raw).__name__}")
    fields: dict[str, object] = {}
    for key, value in raw.items():
        if key not in FIELDS:
            raise ValueError(f"unknown field {_shown(str(key))} (known: {', '.join(FIELDS)})")
        if value is None:
            continue
        if isinstance(value, str) and _SURROGATE.search(value):
            raise ValueError(f"{key}: holds a lone surrogate, which is not a character")
        if key == "published":
            fields[key] = _parse_published(value)
        elif isinstance(value, str | int | float):
            fields[key] = str(value).strip()
        else:
            raise ValueError(f"{key}: expected text, got {type(value).__name__}")
    return fields


# ---------------------------------------------------------------------------------------------
# Front matter.

_FRONT_OPEN = re.compile(r"\ufeff?---[^\S\n]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[^\S\n]*\r?$", re.MULTILINE)


def _front_matter(text: str) -> tuple[dict[str, object], int]:
    """The front matter's fields and where it ends (0 when there is none); ValueError on error."""
    opening = _FRONT_OPEN.match(text)
    if opening is None:
        return {}, 0
    closing = _FRONT_CLOSE.search(text, opening.end())
    if closing is None:
        raise ValueError("front matter: no closing '---' line")
    body = text[opening.end() : closing.start()]
    if len(body) > MAX_FRONT_MATTER_CHARS:
        raise ValueError(
            f"front matter: {len(body)} characters (the limit is {MAX_FRONT_MATTER_CHARS})"
        )
    try:
        raw = _load_yaml(body, first_line=2)
    except _YamlProblem as exc:
        raise ValueError(f"front matter: {exc}") from None
    try:
        fields = _check_fields(raw)
    except ValueError as exc:
        raise ValueError(f"front matter: {exc}") from None
    end = closing.end()
    if text.startswith("\n", end):
        end += 1
    return fields, end


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


def _scan_copy(text: str) -> str:
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
    scan = _scan_copy("".join(chars))
    for pattern in _default_furniture() if patterns is None else patterns:
        for match in pattern.finditer(scan):
            _blank(chars, match.start(), match.end())
    return "".join(chars)


# ---------------------------------------------------------------------------------------------
# Dates and titles found in the text.

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FULL_DATES = (
    re.compile(rf"\b{_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})\b"),
    re.compile(rf"\b{_DAY}[^\S\n]+{_MON},?[^\S\n]+{_YEAR}\b"),
    re.compile(rf"\b{_MON}[^\S\n]+{_DAY},?[^\S\n]+{_YEAR}\b"),
)
_PARTIAL_DATES = (
    re.compile(rf"^{_DAY}[^\S\n]+{_MON}$"),
    re.compile(rf"^{_MON}[^\S\n]+{_DAY}$"),
)
_TIME = (
    r"(?:,?[^\S\n]+\d{1,2}:\d{2}(?::\d{2})?(?:[^\S\n]*[AaPp]\.?[Mm]\.?)?(?:[^\S\n]+[A-Z]{2,5})?)?"
)
_HEADER = re.compile(
    r"^[^\S\n]*(?P<key>date|dated|published|updated|posted|last updated|first published)"
    r"(?:[^\S\n]+on)?[^\S\n]*:?[^\S\n]+(?P<rest>[^\n]{1,60})$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"\b(?P<key>Published|Posted|First published|Updated|Last updated)(?:[^\S\n]+on)?[^\S\n]*:?"
    r"[^\S\n]+(?P<rest>[^\n]{1,60})",
)
_DATELINE = re.compile(
    r"^[^\S\n]*[A-Z][A-Z.'’\- ]{1,40}(?:,[^\S\n]*[A-Z][\w.' ]{1,30}?)?,[^\S\n]+"
    r"(?P<rest>[^()\n—–]{3,30}?)[^\S\n]*(?:\([^)\n]{1,40}\))?[^\S\n]*[—–-]"
)
_STANDALONE = re.compile(rf"[^\S\n]*(?P<date>.+?){_TIME}[^\S\n]*")
_DATE_LINE_MAX = 80  # bounds the lazy match above; a date-and-time line is short
_YEAR_MENTION = re.compile(r"\b(?:19|20)\d{2}\b")


def _month(name: str) -> int | None:
    return _MONTHS.get(name.lower())


def _full_date(text: str, whole: bool = False) -> date | None:
    """The first complete date written in `text` (the whole of it when `whole`)."""
    for pattern in _FULL_DATES:
        match = pattern.fullmatch(text.strip()) if whole else pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["month"]) if "month" in groups else _month(groups["mon"])
        if month is None:
            continue
        try:
            return date(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            continue
    return None


def _head_lines(text: str) -> Iterator[str]:
    count = 0
    for line in _scan_copy(text).split("\n"):
        if line.strip():
            yield line
            count += 1
            if count == _HEAD_LINES:
                return


def date_from_text(text: str) -> tuple[date, str] | None:
    """The publication date a page states near its top, and "text" or "inferred".

    Tried in order, first found wins: a header line (`date 2022-12-30`, `Date: 30 December
    2022`, `Published: ...`), a byline (`By X | Published December 30, 2022`), an `Updated`
    line, a line holding only a date (`30 Dec, 2022 12:04`), a dateline with a full date
    (`MOSCOW, 30 December 2022 (TASS) -`), and last a dateline with month and day only
    (`BEIJING, Dec 30 (Reuters) -`), whose year is the one the text mentions most ("inferred").
    A dateline without a date (`MOSCOW (AP) —`) says nothing about when.
    """
    best: tuple[int, int, date, str] | None = None

    def offer(rank: int, position: int, found: date | None, origin: str = "text") -> None:
        nonlocal best
        if found is not None and (best is None or (rank, position) < best[:2]):
            best = (rank, position, found, origin)

    partial: tuple[int, int] | None = None
    for position, line in enumerate(_head_lines(text)):
        header = _HEADER.match(line)
        if header:
            rank = 2 if "updated" in header["key"].lower() else 0
            offer(rank, position, _full_date(header["rest"]))
        for byline in _BYLINE.finditer(line):
            rank = 2 if "updated" in byline["key"].lower() else 1
            offer(rank, position, _full_date(byline["rest"]))
        standalone = _STANDALONE.fullmatch(line) if len(line) <= _DATE_LINE_MAX else None
        if standalone:
            offer(3, position, _full_date(standalone["date"], whole=True))
        dateline = _DATELINE.match(line)
        if dateline:
            rest = dateline["rest"].strip()
            offer(4, position, _full_date(rest, whole=True))
            for pattern in _PARTIAL_DATES:
                match = pattern.match(rest)
                month = _month(match["mon"]) if match else None
                if match and month and partial is None:
                    partial = (month, int(match["day"]))
    if best is not None:
        return best[2], best[3]
    if partial is not None:
        years = Counter(int(y) for y in _YEAR_MENTION.findall(text))
        if years:
            year = max(years, key=lambda y: (years[y], y))
            try:
                return date(year, *partial), "inferred"
            except ValueError:
                return None
    latest = _latest_date(text)
    return (latest, "inferred") if latest is not None else None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_BEFORE = re.compile(
    r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r"),?[^\S\n]+$", re.IGNORECASE
)


def _latest_date(text: str) -> date | None:
    """The latest fully written date anywhere in the text: a report is published on or after
    every day it dates. A date whose own weekday is written beside it and disagrees ("Friday,
    December 29, 2022") is a slip and does not count."""
    found: list[date] = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["month"]) if "month" in groups else _month(groups["mon"])
            if month is None:
                continue
            try:
                day = date(int(groups["year"]), month, int(groups["day"]))
            except ValueError:
                continue  # "February 30, 2022"
            named = _WEEKDAY_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if named and _WEEKDAYS.index(named["weekday"].lower()) != day.weekday():
                continue
            found.append(day)
    return max(found, default=None)


_HEADING = re.compile(r"^[^\S\n]*#[^\S\n]+(?P<title>\S[^\n]*?)[^\S\n]*#*[^\S\n]*$")


def _title_from_text(nlp_text: str) -> str | None:
    """A first-level Markdown heading near the top, else the first line if it reads as one."""
    lines = list(_head_lines(nlp_text))
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            return heading["title"].strip()
    if lines:
        first = lines[0].strip()
        if len(first) <= _TITLE_MAX and not first.endswith((".", ":", ",", ";")):
            return first
    return None


# ---------------------------------------------------------------------------------------------
# Finding files.


@dataclass(frozen=True)
class _Found:
    root: Path  # the sources root, resolved
    folder: Path  # the folder the file sits in as listed (its manifest lives here)
    file: Path  # the file as listed (may be a symlink)
    rel: str  # POSIX path relative to the root


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


# A name Linux allows but no output can carry: a control character would break the one-line
# message and the Turtle literal reads oddly; bytes that are not UTF-8 come back from os.walk as
# lone surrogates, which no UTF-8 output (Turtle, HTML, JSON) can hold.
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_BAD_NAME = "file name holds a control character or bytes that are not UTF-8; rename it to read it"


def _printable(path: Path) -> str:
    return _UNSAFE_NAME.sub(lambda m: ascii(m[0])[1:-1], str(path))


def _read_bounded(path: Path, root: Path, limit: int) -> bytes:
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


def _discover(paths: Sequence[Path]) -> tuple[list[_Found], list[SourceError]]:
    found: list[_Found] = []
    problems: list[SourceError] = []
    for given in paths:
        if not os.path.lexists(given):
            problems.append(SourceError(given, "no such file or folder"))
        elif given.is_dir():
            root = given.resolve()
            inside: list[_Found] = []
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
                            inside.append(_Found(root, here, file, rel))
            if not inside:
                problems.append(SourceWarning(given, "no .txt or .md files in this folder"))
            found.extend(sorted(inside, key=lambda f: f.rel))
        elif given.is_symlink() and not given.exists():
            problems.append(SourceError(given, "broken symlink"))
        elif _UNSAFE_NAME.search(given.name):
            problems.append(SourceError(_printable(given), _BAD_NAME))
        else:
            parent = given.absolute().parent
            found.append(_Found(parent.resolve(), parent, given, given.name))
    return found, problems


# ---------------------------------------------------------------------------------------------
# Manifests.


@dataclass(frozen=True)
class _Manifest:
    entries: dict[str, dict[str, object]]
    bad_entries: frozenset[str]  # entries already reported: their files are not read
    broken: bool  # unreadable as a whole: no file in its folder is read


_NO_MANIFEST = _Manifest({}, frozenset(), broken=False)


def _load_manifest(folder: Path, root: Path, problems: list[SourceError]) -> _Manifest:
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return _NO_MANIFEST
    refuse = "; no article in this folder is read until it is fixed"
    try:
        raw = _load_yaml(_read_bounded(path, root, MAX_MANIFEST_BYTES).decode("utf-8"), 1)
    except SourceError as exc:
        problems.append(ManifestError(path, f"{exc.problem}{refuse}"))
        return _Manifest({}, frozenset(), broken=True)
    except UnicodeDecodeError as exc:
        problems.append(ManifestError(path, f"not UTF-8 at byte offset {exc.start}{refuse}"))
        return _Manifest({}, frozenset(), broken=True)
    except _YamlProblem as exc:
        problems.append(ManifestError(path, f"{exc}{refuse}"))
        return _Manifest({}, frozenset(), broken=True)
    if raw is None:
        return _NO_MANIFEST
    if not isinstance(raw, Mapping):
        problems.append(ManifestError(path, f"expected a mapping from file name to fields{refuse}"))
        return _Manifest({}, frozenset(), broken=True)
    entries: dict[str, dict[str, object]] = {}
    bad: set[str] = set()
    for key in sorted(raw, key=str):
        name = str(key)
        shown = _shown(name)
        pure = PurePosixPath(name.replace("\\", "/"))
        if pure.is_absolute() or len(pure.parts) != 1 or pure.name in ("", ".", ".."):
            problems.append(
                ManifestError(
                    path,
                    f"entry {shown} refused: a manifest may only name files in its own folder",
                )
            )
            continue
        try:
            entries[name] = _check_fields(raw[key])
        except ValueError as exc:
            problems.append(ManifestError(path, f"entry {shown}: {exc}; the file is not read"))
            bad.add(name)
            continue
        if not os.path.lexists(folder / name):
            problems.append(SourceWarning(path, f"entry {shown}: no such file in this folder"))
    return _Manifest(entries, frozenset(bad), broken=False)


# ---------------------------------------------------------------------------------------------
# Reading one file.


def _read_text(item: _Found, max_bytes: int, max_chars: int) -> tuple[bytes, str]:
    """The raw bytes and their text; SourceError when the file cannot be used."""
    data = _read_bounded(item.file, item.root, max_bytes)
    if not data:
        raise SourceError(item.file, "empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(item.file, f"binary file (NUL byte at byte offset {nul}), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            item.file,
            f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
            f"cannot be decoded ({exc.reason})",
        ) from None
    if len(text) > max_chars:
        raise SourceError(item.file, f"too long: {len(text)} characters (the limit is {max_chars})")
    return data, text


def _read_one(
    item: _Found,
    entry: Mapping[str, object],
    dct: date | None,
    max_bytes: int,
    max_chars: int,
    furniture: Sequence[re.Pattern[str]] | None,
) -> tuple[Article, SourceWarning | None]:
    data, text = _read_text(item, max_bytes, max_chars)
    try:
        front, body_start = _front_matter(text)
    except ValueError as exc:
        raise ManifestError(item.file, str(exc)) from None
    if not text[body_start:].strip("\ufeff \t\r\n"):
        raise SourceError(item.file, "empty file (no text besides front matter and blanks)")
    nlp_text = mask_furniture(text, furniture, skip=body_start)
    meta: dict[str, object] = {**entry, **front}

    published = meta.get("published")
    origin: str | None = "metadata" if published is not None else None
    if dct is not None:
        published, origin = dct, "metadata"
    warning = None
    if published is None:
        stated = date_from_text((" " * body_start + text[body_start:]).replace("\ufeff", " ", 1))
        if stated is not None:
            published, origin = stated
        else:
            warning = SourceWarning(
                item.file, "no publication date in metadata or text; read with published=None"
            )
    title = meta.get("title") or _title_from_text(nlp_text)
    assert published is None or isinstance(published, date)
    article = Article(
        id=Path(item.rel).stem,
        path=item.rel,
        text=text,
        nlp_text=nlp_text,
        sha256=hashlib.sha256(data).hexdigest(),
        title=_text_or_none(title),
        publisher=_text_or_none(meta.get("publisher")),
        published=published,
        date_origin=origin,
        url=_text_or_none(meta.get("url")),
    )
    return article, warning


def _text_or_none(value: object) -> str | None:
    return str(value) if value else None


def _unique_ids(articles: Iterable[Article]) -> list[Article]:
    """Give every article a distinct id, deterministically, keeping the plain stem when alone."""
    articles = list(articles)
    stems = Counter(a.id for a in articles)
    used: set[str] = {a.id for a in articles if stems[a.id] == 1}
    result: list[Article] = []
    for article in articles:
        if stems[article.id] == 1:
            result.append(article)
            continue
        rel = PurePosixPath(article.path)
        candidate = "__".join((*rel.parent.parts, rel.stem))
        if candidate in used:
            candidate = "__".join((*rel.parent.parts, rel.name.replace(".", "_")))
        base, n = candidate, 2
        while candidate in used:
            candidate, n = f"{base}__{n}", n + 1
        used.add(candidate)
        result.append(replace(article, id=candidate))
    return result


def read_sources(
    paths: Sequence[Path],
    dct: date | None = None,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_chars: int = MAX_TEXT_CHARS,
    furniture: Sequence[re.Pattern[str]] | None = None,
) -> tuple[list[Article], list[SourceError]]:
    """Read every article under `paths`; return the usable ones and one problem per line.

    `paths` are folders (every `*.txt` and `*.md` inside, recursively, in order of relative
    path) or files (read whatever their suffix). `dct` sets every article's publication date.
    `max_bytes` bounds a file's size (checked before it is read), `max_chars` its text's
    length (at most spaCy's `max_length`, 1,000,000); `furniture` replaces the patterns of
    `ontology/furniture.txt`. Problems are returned, not raised: `SourceWarning`s leave their
    article in, every other `SourceError` means a file was left out.

    A file's sources root is the folder given, or the file's own folder when a file is given;
    a symlink that resolves outside it is not followed. A manifest names files in its own folder
    only; a broken manifest holds back every article in its folder (one `ManifestError`), a bad
    entry holds back its file.
    """
    found, problems = _discover([Path(p) for p in paths])
    manifests: dict[Path, _Manifest] = {}
    articles: list[Article] = []
    seen: set[Path] = set()
    for item in found:
        real = item.file.resolve()
        if real in seen:  # the same file reached twice (a folder and a file inside it)
            continue
        seen.add(real)
        folder = item.folder.absolute()
        if folder not in manifests:
            manifests[folder] = _load_manifest(folder, item.root, problems)
        manifest = manifests[folder]
        if manifest.broken or item.file.name in manifest.bad_entries:
            continue
        try:
            article, warning = _read_one(
                item,
                manifest.entries.get(item.file.name, {}),
                dct,
                max_bytes,
                max_chars,
                furniture,
            )
        except SourceError as exc:
            problems.append(exc)
            continue
        articles.append(article)
        if warning is not None:
            problems.append(warning)
    return _unique_ids(articles), problems
