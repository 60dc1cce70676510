"""EventStoryLine (CAT XML) as kg articles: text rebuilt from its tokens, DCT from the
markable flagged DCT="TRUE". The corpus stays in ../shared/devdata; nothing is copied."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kg.model import Article

# ../shared/devdata beside the checkout; KG_DEVDATA names it for a checkout kept elsewhere
DEVDATA = Path(
    os.environ.get("KG_DEVDATA") or Path(__file__).resolve().parent.parent.parent / "shared/devdata"
)
ESC = DEVDATA / "esc_eventstoryline"


def esc_files(root: Path = ESC) -> list[Path]:
    return sorted((root / "annotated_data_v1.5").glob("*/*.xml"))


def read_esc(path: Path) -> tuple[str, date | None, dict[str, tuple[int, int]]]:
    """The document's text (tokens joined by spaces, a sentence a line), its DCT, and each
    token id's character offsets."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos, sentence = 0, None
    for tok in root.iter("token"):
        if sentence is not None and tok.get("sentence") != sentence:
            parts.append("\n")
            pos += 1
        elif parts:
            parts.append(" ")
            pos += 1
        sentence = tok.get("sentence")
        word = tok.text or ""
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
    dct = None
    for markable in root.find("Markables") or ():
        value = markable.get("value", "")
        if markable.get("DCT") == "TRUE" and len(value) >= 10:
            try:
                dct = date.fromisoformat(value[:10])
            except ValueError:
                continue
            break
    return "".join(parts), dct, offsets


def esc_articles(limit: int | None = None, copies: int = 1) -> Iterator[Article]:
    """Every ESC document as an Article; `copies` > 1 replicates the corpus with distinct ids
    (for scaling runs)."""
    files = esc_files()[:limit]
    for n in range(copies):
        for path in files:
            text, dct, _ = read_esc(path)
            ident = f"{n:03d}_{path.stem.replace('.xml', '')}"
            yield Article.from_text(ident, text, dct)
