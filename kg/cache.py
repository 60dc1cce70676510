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
import tempfile
import types
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import spacy.about

import kg
from kg import extract as extractors
from kg import lexicon, nlp
from kg.errors import OutputError
from kg.export.files import atomic_write
from kg.model import Article, Extraction

FORMAT = 1
_KG_DIR = Path(kg.__file__).resolve().parent
# the code extraction runs: editing an exporter must not throw the cache away
_EXTRACTION_CODE = (
    "extract",
    "coreference",
    "names.py",
    "nlp.py",
    "timex.py",
    "lexicon.py",
    "model.py",
    "terms.py",
    "text.py",
    "cache.py",
)


class _Invalid(Exception):
    """An entry that does not decode to the dataclass it claims to hold."""


def pipeline_version(model: str = nlp.DEFAULT_MODEL, names: Sequence[str] | None = None) -> str:
    """A digest of everything besides the article that decides what extraction finds: kg's
    version and the source of its extraction code, spaCy's and the model's versions, the
    extractors' versioned names, and the ontology files they read."""
    digest = hashlib.sha256()
    parts = [
        f"kg {kg.__version__}",
        f"spacy {spacy.about.__version__}",
        f"model {model} {nlp.model_version(model)}",
        "extractors " + " ".join(_extractor_versions(names)),
    ]
    for part in parts:
        digest.update(part.encode() + b"\n")
    for path in _EXTRACTION_CODE:
        digest.update(_tree_digest(_KG_DIR / path).encode())
    digest.update(_tree_digest(lexicon.DEFAULT_DIR).encode())
    return digest.hexdigest()


def code_version() -> str:
    """A digest of all of kg's code and assets: whatever shapes a build's outputs."""
    return _tree_digest(_KG_DIR)


def _extractor_versions(names: Sequence[str] | None) -> list[str]:
    """The chosen extractors' versioned names ("entities.v1"), read off their classes: making
    them would load the lexicons, which a build that finds everything cached never needs."""
    available = extractors.registry()
    chosen = sorted(available) if names is None else list(names)
    if any(n not in available for n in chosen):
        extractors.pipeline(chosen)  # raises the one-line error that names them
    return sorted(str(getattr(available[n], "name", n)) for n in chosen)


@cache
def _tree_digest(root: Path) -> str:
    """One digest of every file under `root`, or of the file `root` (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
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

    def check_writable(self) -> None:
        """Raise OutputError naming the cache folder when it cannot be written (a read-only
        disk, no permission): before a build's work, not after it."""
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=self._dir):
                pass
        except OSError as exc:
            raise OutputError(
                self.root,
                f"cannot write the cache into it: {exc.strerror or exc} (--no-cache "
                "builds without one)",
            ) from None

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

    def stamp(self, articles: Iterable[Article], settings: str) -> str:
        """A digest of a whole build's inputs: every article's key, in order, all of kg's code,
        and the other settings that shape the outputs (formats, base IRI, problems met reading
        sources)."""
        digest = hashlib.sha256(f"{self.version}\n{code_version()}\n{settings}\n".encode())
        for article in articles:
            digest.update(self.key(article).encode())
        return digest.hexdigest()

    def _build_record(self, out: Path) -> Path:
        where = hashlib.sha256(str(out.resolve()).encode()).hexdigest()
        return self._dir / "builds" / f"{where}.json"

    def last_build(self, out: Path, stamp: str) -> dict[str, Any] | None:
        """The report of the last build into `out` if it had the inputs `stamp` digests and
        its outputs are still there, byte for byte; else None."""
        try:
            record = json.loads(self._build_record(out).read_bytes())
            if not isinstance(record, dict) or record.get("stamp") != stamp:
                return None
            outputs, report = record["outputs"], record["report"]
            for name, sha in outputs.items():
                if _digest(out / name) != sha:
                    return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return report if isinstance(report, dict) else None

    def record_build(self, out: Path, stamp: str, report: dict[str, Any]) -> None:
        """Remember a finished build into `out`: its inputs' stamp, its outputs' digests."""
        outputs = {Path(p).name: _digest(Path(p)) for p in report["outputs"]}
        record = {"stamp": stamp, "outputs": outputs, "report": report}
        atomic_write(self._build_record(out), json.dumps(record, sort_keys=True))

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


def _digest(path: Path) -> str:
    """SHA-256 of an output file, or of a folder of them (texts/: each file's name and digest)."""
    if not path.is_dir():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    listing = "".join(f"{f.name}\t{_digest(f)}\n" for f in sorted(path.iterdir()))
    return hashlib.sha256(listing.encode("utf-8", "surrogatepass")).hexdigest()


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decode(tp: Any, data: Any) -> Any:
    """`data` as a value of type `tp`, checking every field; raises _Invalid."""
    return _decoder(tp)(data)


@cache
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A checking decoder for type `tp`, built once per type: entries are decoded by the
    hundred thousand, so the type is not re-inspected for every value."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        (inner,) = [o for o in get_args(tp) if o is not type(None)]
        decode_inner = _decoder(inner)
        return lambda data: None if data is None else decode_inner(data)
    if origin is tuple:
        decode_item = _decoder(get_args(tp)[0])

        def decode_tuple(data: Any) -> tuple[Any, ...]:
            if type(data) is not list:
                raise _Invalid(tp)
            return tuple(decode_item(d) for d in data)

        return decode_tuple
    if dataclasses.is_dataclass(tp):
        hints = get_type_hints(tp)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(tp)]
        names = {n for n, _ in fields}

        def decode_dataclass(data: Any) -> Any:
            if type(data) is not dict or data.keys() != names:
                raise _Invalid(tp)
            return tp(**{n: decode(data[n]) for n, decode in fields})  # type: ignore[operator]

        return decode_dataclass
    if tp is date:

        def decode_date(data: Any) -> date:
            if type(data) is not str:
                raise _Invalid(tp)
            return date.fromisoformat(data)

        return decode_date
    if tp in (str, int, bool):

        def decode_plain(data: Any) -> Any:
            if type(data) is not tp:
                raise _Invalid(tp)
            return data

        return decode_plain
    raise TypeError(f"no decoder for {tp!r}")


__all__ = ["FORMAT", "Cache", "code_version", "pipeline_version"]
