"""spaCy parses for the naive baselines, cached outside the repo.

The model is kg's (`kg.nlp.load`: en_core_web_sm with kg's paragraph splitter), so a baseline
and kg read the same parse. Each parse is kept as a spaCy `DocBin` (msgpack, not pickle: reading
one runs no code) under KG_BENCH_CACHE/parses/<model version>/, named by a SHA-256 of the text;
an unreadable entry is parsed again.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin

from bench.kgout import CACHE
from kg import nlp
from kg.export.files import atomic_write


def parse_texts(texts: Sequence[str], cache: Path | None = CACHE) -> list[Doc]:
    """One spaCy Doc per text, in order."""
    model = nlp.load(nlp.DEFAULT_MODEL)
    folder = cache / "parses" / nlp.model_version()[:16] if cache is not None else None
    docs: dict[int, Doc] = {}
    todo: list[int] = []
    for i, text in enumerate(texts):
        path = _path(folder, text)
        if path is not None and path.is_file():
            try:
                docs[i] = next(iter(DocBin().from_bytes(path.read_bytes()).get_docs(model.vocab)))
                continue
            except (ValueError, KeyError, StopIteration, zlib.error):
                path.unlink(missing_ok=True)
        todo.append(i)
    for i, doc in zip(todo, model.pipe(texts[i] for i in todo), strict=True):
        docs[i] = doc
        path = _path(folder, texts[i])
        if path is not None:
            atomic_write(path, DocBin(docs=[doc]).to_bytes())
    return [docs[i] for i in range(len(texts))]


def _path(folder: Path | None, text: str) -> Path | None:
    if folder is None:
        return None
    return folder / f"{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()}.spacy"
