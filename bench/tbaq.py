"""Score the time extractor against TimeBank + AQUAINT (TBAQ-cleaned) by TempEval-3 rules.

    .venv/bin/python bench/tbaq.py [--corpus DIR] [--limit N] [--errors FILE]

Each .tml file's <TEXT> is stripped of tags (offsets fall out of the walk); the DCT is the
value of /TimeML/DCT/TIMEX3. Strict span: exact offsets. Relaxed span: overlap, one-to-one.
Value and type are attribute scores over relaxed matches, as TempEval-3 defines them:
value P = relaxed P * value accuracy, value R = relaxed R * value accuracy.
A range kg finds as one mention ("between 1994 and 1997", "Sept. 14 to Thursday") is scored as
the two TIMEX3s TimeML marks for it, its beginPoint and endPoint, each with its own extent
(`points`).
The corpus is read where it lies and never copied into the repository.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.esc import DEVDATA
from kg.extract.times import TimeExtractor
from kg.model import Article, Extraction, TimeMention
from kg.nlp import parse

DEFAULT_CORPUS = DEVDATA / "TBAQ-cleaned"


@dataclass(frozen=True)
class Timex3:
    start: int
    end: int
    text: str
    type: str
    value: str


def read_tml(path: Path) -> tuple[str, date | None, list[Timex3]]:
    """Plain text of <TEXT>, the DCT and the gold TIMEX3s with their offsets."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = None
    if dct_node is not None:
        try:
            dct = date.fromisoformat(dct_node.get("value", "")[:10])
        except ValueError:
            dct = None
    text_node = root.find("TEXT")
    if text_node is None:
        return "", dct, []
    parts: list[str] = []
    gold: list[Timex3] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if node.tag == "TIMEX3":
            end = sum(map(len, parts))
            body = "".join(parts)[start:end]
            gold.append(Timex3(start, end, body, node.get("type", ""), node.get("value", "")))

    walk(text_node)
    return "".join(parts), dct, gold


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0


def _prf(hits: float, system: int, gold: int) -> tuple[float, float, float]:
    p = hits / system if system else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# what joins a range's two points in words; a hyphenated range ("1998-99", "Jan. 5-7") is
# written as one unit, which neither corpus splits into two
_SIGNAL = re.compile(r"(?:from|between)\s+", re.I)
_JOIN = re.compile(r"\s+(?:to|through|thru|until|till|and)\s+", re.I)


def points(time: TimeMention) -> list[Timex3]:
    """`time` as the TIMEX3s TimeML marks: one, or for a range (`begin` and `end` set) its two
    points, each with the extent of its own words and its own value. TimeML annotates each
    point of "from 1991 to 1997" as a TIMEX3 (TimeML 1.2.1 guidelines, beginPoint/endPoint),
    where kg keeps one mention with `begin` and `end`; the signal ("from", "between") and the
    word that joins the points are in neither. A range written with a hyphen ("1998-99") is one
    TIMEX3, as neither TBAQ nor EventStoryLine splits it."""
    span = time.span
    whole = Timex3(span.start, span.end, span.text, time.type, time.value)
    if time.begin is None or time.end is None:
        return [whole]
    lead = _SIGNAL.match(span.text)
    body_start = lead.end() if lead else 0
    body = span.text[body_start:]
    m = _JOIN.search(body)
    if m is None or not body[: m.start()] or not body[m.end() :]:
        return [whole]
    first_end = span.start + body_start + m.start()
    second_start = span.start + body_start + m.end()
    return [
        Timex3(span.start + body_start, first_end, body[: m.start()], time.type, time.begin),
        Timex3(second_start, span.end, body[m.end() :], time.type, time.end),
    ]


def score(gold: list[Timex3], system: list[Timex3], counts: Counts) -> list[str]:
    """Add one document's matches to `counts`; return its error lines."""
    errors: list[str] = []
    counts.gold += len(gold)
    counts.system += len(system)
    gold_spans = {(g.start, g.end) for g in gold}
    counts.strict += sum((s.start, s.end) in gold_spans for s in system)
    used: set[int] = set()
    for g in gold:
        match = None
        for i, s in enumerate(system):
            if i not in used and s.start < g.end and g.start < s.end:
                match = i
                break
        if match is None:
            errors.append(f"  MISS  {g.text!r:40} {g.type:9} {g.value}")
            continue
        used.add(match)
        s = system[match]
        counts.relaxed += 1
        counts.value += s.value == g.value
        counts.type += s.type == g.type
        if s.value != g.value or (s.start, s.end) != (g.start, g.end):
            errors.append(
                f"  DIFF  {g.text!r:40} {g.type:9} {g.value:14} | sys {s.text!r} {s.type} {s.value}"
            )
    for i, s in enumerate(system):
        if i not in used:
            errors.append(f"  EXTRA {s.text!r:40} {s.type:9} {s.value}")
    return errors


def score_corpus(
    name: str,
    unit: str,
    articles: Sequence[Article],
    docs: Mapping[str, tuple[Sequence[Timex3], date | None]],
) -> tuple[list[str], list[str]]:
    """Run the time extractor over `articles` and score it against `docs` (article id -> its
    gold TIMEX3s and DCT): the printed table's lines, and the errors by document."""
    extractor = TimeExtractor()
    counts = Counts()
    report: list[str] = []
    for article, doc in parse(articles):
        found = extractor.extract(doc, Extraction(article=article))
        system = [point for t in found.times for point in points(t)]
        gold, dct = docs[article.id]
        errors = score(gold, system, counts)
        if errors:
            report.append(f"{article.id} (DCT {dct})")
            report.extend(errors)
    sp, sr, sf = _prf(counts.strict, counts.system, counts.gold)
    rp, rr, rf = _prf(counts.relaxed, counts.system, counts.gold)
    value_acc = counts.value / counts.relaxed if counts.relaxed else 0.0
    type_acc = counts.type / counts.relaxed if counts.relaxed else 0.0
    vp, vr = rp * value_acc, rr * value_acc
    vf = 2 * vp * vr / (vp + vr) if vp + vr else 0.0
    lines = [
        f"{name}: {len(articles)} documents, {counts.gold} {unit}, {counts.system} system",
        f"{'':16}{'P':>7}{'R':>7}{'F1':>7}",
        f"{'strict span':16}{sp * 100:7.1f}{sr * 100:7.1f}{sf * 100:7.1f}",
        f"{'relaxed span':16}{rp * 100:7.1f}{rr * 100:7.1f}{rf * 100:7.1f}",
        f"{'value':16}{vp * 100:7.1f}{vr * 100:7.1f}{vf * 100:7.1f}",
        f"value accuracy {value_acc * 100:.1f}  type accuracy {type_acc * 100:.1f}",
    ]
    return lines, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N files")
    parser.add_argument("--errors", type=Path, default=None, help="write per-document errors")
    args = parser.parse_args(argv)

    files = sorted(args.corpus.glob("*/*.tml"))[: args.limit]
    if not files:
        print(f"no .tml files under {args.corpus}", file=sys.stderr)
        return 1
    docs = {}
    articles = []
    for path in files:
        text, dct, gold = read_tml(path)
        article = Article.from_text(path.stem, text, dct)
        articles.append(article)
        docs[path.stem] = (gold, dct)

    lines, report = score_corpus("TBAQ", "gold TIMEX3", articles, docs)
    print("\n".join(lines))
    if args.errors:
        args.errors.write_text("\n".join(report) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
