"""bench.kgout and bench.parses: kg's results read back from a real build and a real extraction,
and the caches that keep whole-corpus runs short."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bench.kgout import Source, build_graph, extractions, graph_events, is_reporting
from bench.parses import parse_texts
from kg.model import Article

TEXT_A = "Apple sued Samsung on Tuesday in Seoul, the company said."
TEXT_B = "Apple filed a lawsuit against Samsung on May 1, 2012."


def test_graph_events_carry_their_evidence_offsets_and_dates(tmp_path: Path) -> None:
    sources = [Source("a", TEXT_A, date(2012, 5, 3)), Source("b", TEXT_B, date(2012, 5, 3))]
    nodes = graph_events(build_graph(sources, tmp_path, cache=tmp_path / "cache"))
    texts = {"a": TEXT_A, "b": TEXT_B}
    by_anchor = {texts[m.article][m.start : m.end]: n for n in nodes for m in n.mentions}
    sued = by_anchor["sued"]
    # "on Tuesday" before Thursday 3 May 2012 is 1 May; the other outlet says so outright
    assert (sued.begin, sued.end, sued.value) == (date(2012, 5, 1), date(2012, 5, 1), "2012-05-01")
    assert by_anchor["lawsuit"] is sued  # one node for the two reports
    assert "Event" not in sued.classes and sued.classes
    # the manifest carried the DCT without moving any offset
    assert (tmp_path / "sources" / "a.txt").read_text(encoding="utf-8") == TEXT_A


def test_extractions_are_cached_and_come_back_equal(tmp_path: Path) -> None:
    articles = [Article.from_text("a", TEXT_A, date(2012, 5, 3))]
    first = extractions(articles, tmp_path)
    assert list((tmp_path / "extract").rglob("*.json"))
    seen: list[int] = []
    again = extractions(articles, tmp_path, lambda done, total: seen.append(done))
    assert again == first and seen == []  # nothing parsed the second time
    said = [e for e in first[0].events if e.span.text == "said"]
    assert said and all(is_reporting(e) for e in said)
    assert not any(is_reporting(e) for e in first[0].events if e.span.text == "sued")


def test_parses_are_cached_and_a_broken_entry_is_parsed_again(tmp_path: Path) -> None:
    first = parse_texts([TEXT_A, TEXT_B], tmp_path)
    entries = sorted((tmp_path / "parses").rglob("*.spacy"))
    assert len(entries) == 2
    entries[0].write_bytes(b"not a DocBin")
    again = parse_texts([TEXT_A, TEXT_B], tmp_path)
    for one, two in zip(first, again, strict=True):
        assert [(t.text, t.pos_, t.dep_, t.head.i) for t in one] == [
            (t.text, t.pos_, t.dep_, t.head.i) for t in two
        ]
    assert [s.text for s in again[0].sents] == [TEXT_A]
