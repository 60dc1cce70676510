"""The build cache: each article's extraction, kept as JSON, keyed by its content and the
pipeline's version, so a rebuild parses only the articles that changed.

Entries are JSON, not pickle: a cache directory is just files on disk, possibly copied from
elsewhere, and unpickling one would run whatever code it names. JSON decodes to plain values
that are checked field by field against the frozen dataclasses of `kg.model`; an entry that is
truncated, malformed, of another format or pipeline version, or filed under the wrong key is
dropped and the article parsed again. Entries are written whole or not at all (`atomic_write`).

    <cache>/v<FORMAT>-<version[:16]>/<key[:2]>/<key>.json
    {"format": 1, "version": "<pipeline version>", "key": "<key>", "extraction": {...}}
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import spacy.about

import kg
from kg import extract as extractors
from kg import lexicon, nlp
from kg.export.files import atomic_write
from kg.model import Article, Extraction

FORMAT = 1
_KG_DIR = Path(kg.__file__).resolve().parent


class _Invalid(Exception):
    """An entry that does not decode to the dataclass it claims to hold."""


def pipeline_version(model: str = nlp.DEFAULT_MODEL, names: Sequence[str] | None = None) -> str:
    """A digest of everything besides the article that decides what extraction finds: kg's
    version and source, spaCy's and the model's versions, the extractors' versioned names,
    and the ontology files they read."""
    digest = hashlib.sha256()
    parts = [
        f"kg {kg.__version__}",
        f"spacy {spacy.about.__version__}",
        f"model {model} {nlp.model_version(model)}",
        "extractors " + " ".join(e.name for e in extractors.pipeline(names)),
    ]
    for part in parts:
        digest.update(part.encode() + b"\n")
    for root in (_KG_DIR, lexicon.DEFAULT_DIR):
        digest.update(_tree_digest(root).encode())
    return digest.hexdigest()


@cache
def _tree_digest(root: Path) -> str:
    """One digest of every file under `root` (names and bytes), skipping caches."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class Cache:
    """Extractions on disk under `root`, for one pipeline `version`."""

    def __init__(self, root: Path, version: str) -> None:
        self.root = root
        self.version = version
        self._dir = root / f"v{FORMAT}-{version[:16]}"

    def key(self, article: Article) -> str:
        """The entry's name: the pipeline version and every field of the article (its text,
        masked text, id, path and metadata such as the publication date)."""
        record = json.dumps(_encode(article), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(
            f"{self.version}\n{record}".encode("utf-8", "surrogatepass")
        ).hexdigest()

    def _path(self, key: str) -> Path:
        return self._dir / key[:2] / f"{key}.json"

    def get(self, article: Article) -> Extraction | None:
        """The cached extraction of `article`, or None (a missing or unusable entry; an
        unusable one is deleted)."""
        key = self.key(article)
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        try:
            entry = json.loads(raw)
            if not isinstance(entry, dict) or (
                entry.get("format"),
                entry.get("version"),
                entry.get("key"),
            ) != (FORMAT, self.version, key):
                raise _Invalid("header")
            fields = entry.get("extraction")
            if not isinstance(fields, dict):
                raise _Invalid("extraction")
            found: Extraction = _decode(Extraction, {**fields, "article": _encode(article)})
            return found
        except (ValueError, TypeError, RecursionError, _Invalid):
            path.unlink(missing_ok=True)
            return None

    def put(self, found: Extraction) -> None:
        """Store `found` under its article's key, atomically."""
        key = self.key(found.article)
        fields = _encode(found)
        del fields["article"]  # the key stands for it; it is given back on reading
        entry = {"format": FORMAT, "version": self.version, "key": key, "extraction": fields}
        text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        atomic_write(self._path(key), text.encode("utf-8", "surrogatepass"))

    def split(self, articles: Iterable[Article]) -> tuple[dict[int, Extraction], list[int]]:
        """Cached extractions by position in `articles`, and the positions still to parse."""
        hits: dict[int, Extraction] = {}
        misses: list[int] = []
        for i, article in enumerate(articles):
            found = self.get(article)
            if found is None:
                misses.append(i)
            else:
                hits[i] = found
        return hits, misses


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode(tp: Any, data: Any) -> Any:
    """`data` as a value of type `tp`, checking every field; raises _Invalid."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = get_args(tp)
        if data is None and type(None) in options:
            return None
        (inner,) = [o for o in options if o is not type(None)]
        return _decode(inner, data)
    if origin is tuple:
        item, _ = get_args(tp)
        if not isinstance(data, list):
            raise _Invalid(tp)
        return tuple(_decode(item, d) for d in data)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)  # type: ignore[arg-type]
        names = [f.name for f in dataclasses.fields(tp)]
        if not isinstance(data, dict) or sorted(data) != sorted(names):
            raise _Invalid(tp)
        return tp(**{n: _decode(hints[n], data[n]) for n in names})  # type: ignore[operator]
    if tp is date:
        if not isinstance(data, str):
            raise _Invalid(tp)
        return date.fromisoformat(data)
    if tp in (str, int, bool) and type(data) is tp:
        return data
    raise _Invalid(tp)


__all__ = ["FORMAT", "Cache", "pipeline_version"]
