"""Precision of kg's page reading on clean, annotated news: what it masks must hold no event.

    .venv/bin/python -m bench.furniture [--show]

kg masks page furniture (`kg.sources.furniture.classify`) and reads the page's head as
metadata (`kg.sources.dates.read_head`: date header and byline lines, the dateline). On clean
news nearly nothing is furniture, so every masked stretch that holds an annotated event or
time is a precision error. Corpora, read where they lie in ../shared/devdata (never copied):
EventStoryLine 1.5 (258 documents, text rebuilt from its tokens, a sentence a line; events are
the ACTION_* and NEG_ACTION_* markables, times the TIME_* ones) and TimeBank + AQUAINT
(TBAQ-cleaned, 256 documents; EVENT and TIMEX3 tags of <TEXT>).

Counted per corpus: masked stretches (furniture), those holding an annotated event or time
(must be 0), metadata stretches, those holding an annotated event (must be 0), and those
holding an annotated time. A metadata stretch is a line or dateline the page states its own
date in ("Published: April 10, 2007", "JOHANNESBURG, August 7 (Xinhua) --"): kg reads that date
as the article's (`Article.published`) instead of parsing it, so a time annotated there is
read, not lost.
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.esc import DEVDATA, esc_files, read_esc
from kg.sources.dates import read_head
from kg.sources.furniture import classify

TBAQ = DEVDATA / "TBAQ-cleaned"


@dataclass(frozen=True)
class Annotated:
    """A document's text and its annotated mentions: (start, end, "event" | "time")."""

    name: str
    text: str
    mentions: tuple[tuple[int, int, str], ...]


def esc_documents(root: Path) -> Iterator[Annotated]:
    """EventStoryLine documents under `root` (the `esc_eventstoryline` folder)."""
    for path in esc_files(root):
        text, _, offsets = read_esc(path)
        mentions = []
        for markable in ET.parse(path).getroot().find("Markables") or ():
            kind = _esc_kind(markable.tag)
            anchors = [offsets[a.get("t_id", "")] for a in markable.iter("token_anchor")]
            if kind and anchors:
                mentions.append((min(s for s, _ in anchors), max(e for _, e in anchors), kind))
        yield Annotated(path.name, text, tuple(mentions))


def _esc_kind(tag: str) -> str | None:
    if tag.startswith(("ACTION_", "NEG_ACTION_")):
        return "event"
    if tag.startswith("TIME_"):
        return "time"
    return None


def tbaq_documents(root: Path) -> Iterator[Annotated]:
    """TimeBank and AQUAINT documents under `root` (the `TBAQ-cleaned` folder): <TEXT>
    stripped of its tags, with its EVENT and TIMEX3 spans."""
    for path in sorted(root.rglob("*.tml")):
        node = ET.parse(path).getroot().find("TEXT")
        if node is None:
            continue
        parts: list[str] = []
        mentions: list[tuple[int, int, str]] = []
        _walk(node, parts, mentions)
        yield Annotated(path.name, "".join(parts), tuple(mentions))


def _walk(node: ET.Element, parts: list[str], mentions: list[tuple[int, int, str]]) -> None:
    start = sum(map(len, parts))
    parts.append(node.text or "")
    for child in node:
        _walk(child, parts, mentions)
        parts.append(child.tail or "")
    if node.tag in ("EVENT", "TIMEX3"):
        kind = "event" if node.tag == "EVENT" else "time"
        mentions.append((start, sum(map(len, parts)), kind))


@dataclass
class Precision:
    documents: int = 0
    masked: int = 0  # furniture stretches
    masked_annotated: int = 0  # ... holding an annotated event or time: must be 0
    metadata: int = 0  # date lines and datelines read as metadata
    metadata_events: int = 0  # ... holding an annotated event: must be 0
    metadata_times: int = 0  # ... holding an annotated time (the page's own date)
    errors: list[str] = field(default_factory=list)

    def line(self, corpus: str) -> str:
        return (
            f"{corpus}: {self.documents} documents; furniture masked {self.masked}, "
            f"holding an annotated event or time {self.masked_annotated}; metadata read "
            f"{self.metadata}, holding an event {self.metadata_events}, a time "
            f"{self.metadata_times}"
        )


def score(documents: Iterator[Annotated]) -> Precision:
    """Count what kg masks in `documents` and what of it was annotated."""
    found = Precision()
    for doc in documents:
        found.documents += 1
        verdicts = classify(doc.text)
        for verdict in verdicts:
            found.masked += 1
            held = _held(doc, verdict.start, verdict.end)
            if held:
                found.masked_annotated += 1
                found.errors.append(f"{doc.name}: {verdict.explain()} holds {held}")
        for start, end in read_head(doc.text, verdicts).metadata:
            found.metadata += 1
            held = _held(doc, start, end)
            if any(kind == "event" for _, kind in held):
                found.metadata_events += 1
                found.errors.append(f"{doc.name}: metadata {doc.text[start:end]!r} holds {held}")
            elif held:
                found.metadata_times += 1
    return found


def _held(doc: Annotated, start: int, end: int) -> list[tuple[str, str]]:
    return [(doc.text[s:e], kind) for s, e, kind in doc.mentions if s < end and e > start]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every error")
    args = parser.parse_args(argv)
    failed = False
    for corpus, documents in (
        ("EventStoryLine", esc_documents(DEVDATA / "esc_eventstoryline")),
        ("TBAQ", tbaq_documents(TBAQ)),
    ):
        found = score(documents)
        print(found.line(corpus))
        failed |= bool(found.errors)
        if args.show:
            for error in found.errors:
                print("  " + error)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
