"""Metadata of an article: YAML front matter and the folder's `sources.yaml` manifest, loaded
safely (no aliases, bounded depth, dates left as text) and checked field by field."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kg.errors import ManifestError, SourceError, SourceWarning
from kg.sources.files import read_bounded
from kg.text import LONE_SURROGATE

# PyYAML's pure-Python parser reads about 0.3 MB/s; a manifest entry takes about 100 bytes.
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_FRONT_MATTER_CHARS = 64 * 1024
_YAML_DEPTH = 8  # metadata is a mapping of mappings of scalars; deeper is not metadata
MANIFEST = "sources.yaml"
FIELDS = ("title", "publisher", "published", "url")

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
        # YAML's "\ud800" escapes can write a lone surrogate
        if isinstance(value, str) and LONE_SURROGATE.search(value):
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


def front_matter(text: str) -> tuple[dict[str, object], int]:
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
# Manifests.


@dataclass(frozen=True)
class Manifest:
    entries: dict[str, dict[str, object]]
    bad_entries: frozenset[str]  # entries already reported: their files are not read
    broken: bool  # unreadable as a whole: no file in its folder is read


_NO_MANIFEST = Manifest({}, frozenset(), broken=False)


def load_manifest(folder: Path, root: Path, problems: list[SourceError]) -> Manifest:
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return _NO_MANIFEST
    refuse = "; no article in this folder is read until it is fixed"
    try:
        raw = _load_yaml(read_bounded(path, root, MAX_MANIFEST_BYTES).decode("utf-8"), 1)
    except SourceError as exc:
        problems.append(ManifestError(path, f"{exc.problem}{refuse}"))
        return Manifest({}, frozenset(), broken=True)
    except UnicodeDecodeError as exc:
        problems.append(ManifestError(path, f"not UTF-8 at byte offset {exc.start}{refuse}"))
        return Manifest({}, frozenset(), broken=True)
    except _YamlProblem as exc:
        problems.append(ManifestError(path, f"{exc}{refuse}"))
        return Manifest({}, frozenset(), broken=True)
    if raw is None:
        return _NO_MANIFEST
    if not isinstance(raw, Mapping):
        problems.append(ManifestError(path, f"expected a mapping from file name to fields{refuse}"))
        return Manifest({}, frozenset(), broken=True)
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
    return Manifest(entries, frozenset(bad), broken=False)
