"""Score the time extractor against EventStoryLine's time markables, a held-out check beside TBAQ.

    .venv/bin/python -m bench.esc_timex [--limit N] [--errors FILE]

EventStoryLine v1.5 (web news of 2005-2013 on ECB+ topics, CAT XML) marks times as
TIME_DATE, TIME_OF_THE_DAY, TIME_DURATION and TIME_REPETITION markables over tokens, each with
a TimeML `value`; the markable flagged DCT="TRUE" is the document date. Types are read as the
TIMEX3 types DATE, TIME, DURATION and SET, and the scores are bench.tbaq's (TempEval-3: strict
and relaxed span, value over relaxed matches, exact strings).

The corpus keeps only tokens, so the text is rebuilt from them: joined by spaces, except that
punctuation closes up the way news prints it ("Jan. 5", "1:30 a.m.", "05/02/2013", "90-day"),
so that the extractor sees running text rather than a token list. Caveats, which make this a
check of direction rather than a target: ECB+ annotators' extents differ from TimeML's (they
include "at", "around"), some values are converted to UTC ("2005-11-28T04:40Z"), and a few
documents have no DCT.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from bench.esc import esc_files
from bench.tbaq import Timex3, score_corpus
from kg.model import Article

TYPES = {
    "TIME_DATE": "DATE",
    "TIME_OF_THE_DAY": "TIME",
    "TIME_DURATION": "DURATION",
    "TIME_REPETITION": "SET",
}
# no space before these tokens, none after the opening ones
_CLOSING = frozenset({".", ",", ":", ";", "!", "?", "%", ")", "]", "'s", "n't", "'", "''", "'re"})
_OPENING = frozenset({"(", "[", "$", "``", "#"})
_GLUE = frozenset({"-", "/"})  # between two words: "90-day", "05/02/2013"


def _joined(tokens: list[str], i: int) -> bool:
    """Whether token i is printed without a space before it."""
    word, before = tokens[i], tokens[i - 1]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if before in _OPENING or word in _CLOSING:
        return True
    if word in _GLUE and after[:1].isalnum() and before[-1:].isalnum():
        return True
    if before in _GLUE and i >= 2 and tokens[i - 2][-1:].isalnum() and word[:1].isalnum():
        return True
    if word == ":" and before.isdigit():
        return True
    if before == ":" and word[:1].isdigit() and tokens[i - 2].isdigit():
        return True
    if i >= 2 and tokens[i - 2].isdigit() and word.isdigit():
        # "08.07.2012", "$2.5", "200,000" (not "May 2, 2013")
        return before == "." or (before == "," and len(word) == 3 and len(tokens[i - 2]) <= 3)
    # the letters of an abbreviation: "a . m ." -> "a.m.", "U . S ." -> "U.S."
    return before == "." and len(word) == 1 and word.isalpha() and len(tokens[i - 2]) == 1


def read_document(path: Path) -> tuple[str, date | None, list[Timex3]]:
    """The document's rebuilt text (a sentence a line), its DCT and its gold times. The first
    line of every document is the page's web address, as crawled."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos, sentence = 0, None
    tokens = list(root.iter("token"))
    words = [t.text or "" for t in tokens]
    for i, tok in enumerate(tokens):
        if sentence is not None and tok.get("sentence") != sentence:
            parts.append("\n")
            pos += 1
        elif i and not _joined(words, i):
            parts.append(" ")
            pos += 1
        sentence = tok.get("sentence")
        offsets[tok.get("t_id", "")] = (pos, pos + len(words[i]))
        parts.append(words[i])
        pos += len(words[i])
    text = "".join(parts)
    dct: date | None = None
    gold: list[Timex3] = []
    for markable in root.find("Markables") or ():
        value = markable.get("value", "")
        if markable.get("DCT") == "TRUE" and dct is None and re.match(r"\d{4}-\d{2}-\d{2}", value):
            dct = date.fromisoformat(value[:10])
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        if markable.tag not in TYPES or not anchors:
            continue
        start, end = offsets[anchors[0]][0], offsets[anchors[-1]][1]
        gold.append(Timex3(start, end, text[start:end], TYPES[markable.tag], value))
    return text, dct, sorted(gold, key=lambda g: g.start)


def crawled_article(ident: str, text: str, dct: date | None) -> Article:
    """The document as kg would read it from a crawl: its address (the first line, tokens
    joined) as the article's URL metadata, the rest as its text."""
    first = text.split("\n", 1)[0]
    url = first.replace(" ", "") if first.startswith("http") else None
    return dataclasses.replace(Article.from_text(ident, text, dct), url=url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N files")
    parser.add_argument("--errors", type=Path, default=None, help="write per-document errors")
    args = parser.parse_args(argv)
    files = esc_files()[: args.limit]
    if not files:
        print("no EventStoryLine files found (../shared/devdata/esc_eventstoryline)")
        return 1
    articles, docs = [], {}
    for path in files:
        text, dct, gold = read_document(path)
        ident = path.name.removesuffix(".xml.xml")
        articles.append(crawled_article(ident, text, dct))
        docs[ident] = (gold, dct)
    lines, report = score_corpus("ESC", "gold times", articles, docs)
    print("\n".join(lines))
    if args.errors:
        args.errors.write_text("\n".join(report) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
