"""Event triggers: kg's event mentions against the EVENTs of TimeBank + AQUAINT (TBAQ-cleaned)
and the ACTION_* / NEG_ACTION_* mentions of EventStoryLine and ECB+, overall, per class of news
and per gold event type, beside a naive spaCy baseline.

    .venv/bin/python -m bench.triggers [--corpus tbaq|esc|ecbplus|all] [--limit N]
        [--topics 1,3,41] [--errors FILE] [--no-cache]

What is scored
  gold    TBAQ: every EVENT (its class: OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE,
          ASPECTUAL, PERCEPTION). ECB+ and ESC: every ACTION_* and NEG_ACTION_* mention in the
          sentences ECBplus_coreference_sentences.csv lists (the ECB+ README: the sentences
          annotated in full); system triggers elsewhere are not counted. ESC is ECB+'s 258
          `ecbplus` documents of 22 topics, re-annotated, so its figures overlap ECB+'s.
  system  kg's event mentions (`kg.pipeline.extract`: `Extraction.events`, the span of each
          trigger) on the text rebuilt from the corpus (bench.cat, bench.timeml), with the DCT
          where the corpus gives one.
  match   a system trigger and a gold mention correspond when they share a token: their
          character spans overlap (a gold mention's tokens, not the gaps between them). kg's
          span is the trigger word with its particle or compound ("shot down", "video call"),
          so this is the usual head-token overlap. Pairs are one-to-one, as many as possible
          (a maximum bipartite matching).
  P, R    matched / system triggers in scope, matched / gold mentions. The gold of ECB+ and ESC
          marks only the events of its seminal stories in full, so their P is a lower bound.
  reporting  kg's Statements triggered by a reporting verb (kg:ReportingCue: "said", "told")
          are scored apart against the gold's reporting events (TBAQ class REPORTING, ECB+
          ACTION_REPORTING / NEG_ACTION_REPORTING), and the "reporting set aside" row drops
          them from both sides.
  classes of news  ECB+ / ESC topics map to a class (bench/news_classes.tsv); TBAQ has no
          topics. Per class: P/R/F1 of kg and of the baseline, and kg's event classes (how many
          of kg's triggers of each class matched a gold mention).
  baseline  the floor (bench.parses: kg's own spaCy parse): every token spaCy tags VERB, and
          every NOUN whose form ends in a nominalising suffix (-tion, -sion, -ment, -ance,
          -ence, -ure, -al, -ing: "election", "shipment", "closure", "trial", "shooting").
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import networkx as nx
from spacy.tokens import Doc

from bench import cat, timeml
from bench.kgout import CACHE, extractions, is_reporting, stderr_progress
from bench.parses import parse_texts
from kg.model import Article, Extraction

CORPORA = ("tbaq", "esc", "ecbplus")
NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al", "ing")
_REPORTING_TYPES = frozenset({"REPORTING", "ACTION_REPORTING", "NEG_ACTION_REPORTING"})


@dataclass(frozen=True)
class Trigger:
    """A gold or system event trigger: where it lies and what type it has."""

    pieces: tuple[tuple[int, int], ...]  # character spans of its tokens
    type: str  # gold: the corpus's event type; kg: the event class; baseline: VERB / NOUN
    reporting: bool = False
    text: str = ""

    @property
    def start(self) -> int:
        return self.pieces[0][0]


@dataclass(frozen=True)
class ScoredDoc:
    """A document with its gold triggers and the stretches of it that are scored."""

    name: str
    text: str
    dct: date | None
    news_class: str  # "" when the corpus has no classes of news
    scope: tuple[tuple[int, int], ...] | None  # None: all of it
    gold: tuple[Trigger, ...]

    def keeps(self, trigger: Trigger) -> bool:
        return self.scope is None or cat.in_scope(trigger.start, self.scope)


# -- matching and counting ----------------------------------------------------------------


def match(gold: Sequence[Trigger], system: Sequence[Trigger]) -> list[tuple[int, int]]:
    """As many one-to-one (gold index, system index) pairs of overlapping triggers as
    possible, sorted."""
    at: dict[int, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        for start, end in g.pieces:
            for offset in range(start, end):
                at[offset].append(gi)
    # nodes are ints (gold 2i, system 2i+1), not tuples of strings: hopcroft_karp_matching
    # iterates sets of nodes, and a string's hash changes with PYTHONHASHSEED, so among
    # matchings of one size it chose another in every process (ECB+ merging moved by 2 CoNLL)
    graph = nx.Graph()
    for si, s in enumerate(system):
        for start, end in s.pieces:
            for offset in range(start, end):
                for gi in at.get(offset, ()):
                    graph.add_edge(2 * gi, 2 * si + 1)
    if not graph:
        return []
    tops = [n for n in graph if n % 2 == 0]
    pairs = nx.bipartite.hopcroft_karp_matching(graph, top_nodes=tops)
    return sorted((g // 2, s // 2) for g, s in pairs.items() if g % 2 == 0)


@dataclass(frozen=True)
class Tally:
    gold: int = 0
    system: int = 0
    matched: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.gold + other.gold, self.system + other.system, self.matched + other.matched
        )

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Paired:
    """One document's gold and system triggers (those in scope) and their pairs."""

    doc: ScoredDoc
    gold: tuple[Trigger, ...]
    system: tuple[Trigger, ...]
    pairs: tuple[tuple[int, int], ...]

    @property
    def tally(self) -> Tally:
        return Tally(len(self.gold), len(self.system), len(self.pairs))


def pair(
    doc: ScoredDoc,
    system: Iterable[Trigger],
    keep_gold: Callable[[Trigger], bool] = lambda t: True,
    keep_system: Callable[[Trigger], bool] = lambda t: True,
) -> Paired:
    """Match the system triggers in `doc`'s scope against its gold, both sides filtered."""
    gold = tuple(t for t in doc.gold if keep_gold(t))
    found = tuple(t for t in system if doc.keeps(t) and keep_system(t))
    return Paired(doc, gold, found, tuple(match(gold, found)))


def total(rows: Iterable[Paired]) -> Tally:
    return sum((r.tally for r in rows), Tally())


def by_gold_type(rows: Iterable[Paired]) -> dict[str, Tally]:
    """Recall per gold type: gold and matched gold counted by the gold mention's type."""
    gold: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for r in rows:
        gold.update(t.type for t in r.gold)
        hit.update(r.gold[gi].type for gi, _ in r.pairs)
    return {k: Tally(gold=gold[k], matched=hit[k]) for k in sorted(gold)}


def by_system_type(rows: Iterable[Paired]) -> dict[str, Tally]:
    """Precision per system type: system and matched system counted by the trigger's type."""
    system: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for r in rows:
        system.update(t.type for t in r.system)
        hit.update(r.system[si].type for _, si in r.pairs)
    return {k: Tally(system=system[k], matched=hit[k]) for k in sorted(system)}


# -- the corpora ----------------------------------------------------------------------------


def tbaq_docs(limit: int | None = None) -> list[ScoredDoc]:
    docs = []
    for path in timeml.tbaq_files()[:limit]:
        d = timeml.read_timeml(path)
        gold = tuple(
            Trigger(((e.start, e.end),), e.cls, e.cls in _REPORTING_TYPES, e.text) for e in d.events
        )
        docs.append(ScoredDoc(d.name, d.text, d.dct, "", None, gold))
    return docs


def cat_docs(docs: Iterable[cat.CatDoc]) -> list[ScoredDoc]:
    """ECB+ or ESC documents: gold actions in the fully annotated sentences, scored there."""
    selected = cat.coreference_sentences()
    out = []
    for d in docs:
        ranges = cat.scope(d, selected)
        gold = tuple(
            Trigger(m.pieces, m.tag, m.tag in _REPORTING_TYPES, m.text)
            for m in d.mentions
            if m.is_action and cat.in_scope(m.start, ranges)
        )
        out.append(ScoredDoc(d.name, d.text, d.dct, cat.news_class(d.topic), ranges, gold))
    return out


def load(
    corpus: str, limit: int | None = None, topics: Sequence[str] | None = None
) -> list[ScoredDoc]:
    if corpus == "tbaq":
        return tbaq_docs(limit)
    if corpus == "esc":
        return cat_docs(cat.load_esc(topics, limit))
    if corpus == "ecbplus":
        return cat_docs(cat.load_ecbplus(topics, limit))
    raise ValueError(f"unknown corpus {corpus!r}; known: {', '.join(CORPORA)}")


# -- system and baseline triggers -------------------------------------------------------------


def kg_triggers(found: Extraction) -> list[Trigger]:
    return [
        Trigger(((e.span.start, e.span.end),), e.cls, is_reporting(e), e.span.text)
        for e in found.events
    ]


def baseline_triggers(doc: Doc) -> list[Trigger]:
    """Every VERB, and every NOUN ending in a nominalising suffix."""
    out = []
    for token in doc:
        noun = token.pos_ == "NOUN" and token.lower_.endswith(NOMINAL_SUFFIXES)
        if token.pos_ == "VERB" or noun:
            span = ((token.idx, token.idx + len(token.text)),)
            out.append(Trigger(span, token.pos_, False, token.text))
    return out


def verbs_only(t: Trigger) -> bool:
    return t.type == "VERB"


# -- the report -----------------------------------------------------------------------------


def _row(label: str, t: Tally, width: int = 44) -> str:
    return (
        f"{label:{width}}{t.gold:7}{t.system:8}{t.matched:7}"
        f"{t.precision * 100:7.1f}{t.recall * 100:7.1f}{t.f1 * 100:7.1f}"
    )


def _pct(n: int, d: int) -> str:
    return f"{n / d * 100:5.1f}" if d else "    -"


def report(
    corpus: str,
    docs: Sequence[ScoredDoc],
    kg: Sequence[Sequence[Trigger]],
    base: Sequence[Sequence[Trigger]] | None,
) -> list[str]:
    """The tables for one corpus; `kg` and `base` hold each document's triggers, in order."""
    rows = [pair(d, s) for d, s in zip(docs, kg, strict=True)]
    not_reporting = [
        pair(d, s, lambda t: not t.reporting, lambda t: not t.reporting)
        for d, s in zip(docs, kg, strict=True)
    ]
    reporting = [
        pair(d, s, lambda t: t.reporting, lambda t: t.reporting)
        for d, s in zip(docs, kg, strict=True)
    ]
    lines = [
        f"== {corpus}: {len(docs)} documents, {sum(len(d.gold) for d in docs)} gold event mentions"
        + (" (in the fully annotated sentences)" if docs and docs[0].scope is not None else ""),
        f"{'':44}{'gold':>7}{'system':>8}{'match':>7}{'P':>7}{'R':>7}{'F1':>7}",
        _row("kg", total(rows)),
        _row("kg, reporting set aside (both sides)", total(not_reporting)),
        _row("kg reporting Statements vs gold reporting", total(reporting)),
    ]
    base_rows: list[Paired] = []
    if base is not None:
        base_rows = [pair(d, s) for d, s in zip(docs, base, strict=True)]
        verb_rows = [pair(d, s, keep_system=verbs_only) for d, s in zip(docs, base, strict=True)]
        lines.append(_row("baseline: every VERB", total(verb_rows)))
        lines.append(_row("baseline: VERB + NOUN with -tion, -ment, ...", total(base_rows)))

    classes = sorted({d.news_class for d in docs if d.news_class})
    if classes:
        lines += ["", "by class of news" + ("  (baseline: VERB + nominal NOUN)" if base else "")]
        lines.append(
            f"{'':16}{'docs':>5}{'gold':>6}{'kg P':>7}{'R':>6}{'F1':>6}"
            + (f"{'base P':>9}{'R':>6}{'F1':>6}" if base else "")
        )
        for news in classes:
            mine = [r for r in rows if r.doc.news_class == news]
            t = total(mine)
            line = (
                f"{news:16}{len(mine):5}{t.gold:6}{t.precision * 100:7.1f}"
                f"{t.recall * 100:6.1f}{t.f1 * 100:6.1f}"
            )
            if base_rows:
                b = total(r for r in base_rows if r.doc.news_class == news)
                line += f"{b.precision * 100:9.1f}{b.recall * 100:6.1f}{b.f1 * 100:6.1f}"
            lines.append(line)

    lines += [
        "",
        "recall by gold event type",
        f"{'':26}{'gold':>6}{'kg R':>7}" + ("  base R" if base else ""),
    ]
    kg_types = by_gold_type(rows)
    base_types = by_gold_type(base_rows) if base_rows else {}
    for name, t in sorted(kg_types.items(), key=lambda kv: -kv[1].gold):
        line = f"{name:26}{t.gold:6}{_pct(t.matched, t.gold):>7}"
        if base_types:
            b = base_types[name]
            line += f"{_pct(b.matched, b.gold):>8}"
        lines.append(line)

    lines += [
        "",
        "kg's event classes: matched / system triggers" + (" by class of news" if classes else ""),
    ]
    columns = classes or [""]
    lines.append(f"{'':20}{'all':>10}" + "".join(f"{c[:13]:>14}" for c in classes))
    per_class = {c: by_system_type(r for r in rows if r.doc.news_class == c) for c in columns}
    everything = by_system_type(rows)
    for name, t in sorted(everything.items(), key=lambda kv: -kv[1].system):
        cells = ""
        for c in classes:
            cell = per_class[c].get(name, Tally())
            cells += f"{cell.matched:>7}/{cell.system:<6}" if cell.system else " " * 14
        lines.append(f"{name:20}{t.matched:>5}/{t.system:<4}{cells}")
    return lines


def errors(rows: Iterable[Paired]) -> list[str]:
    """Per document: gold mentions kg missed and kg triggers that matched nothing."""
    out = []
    for r in rows:
        hit_g = {gi for gi, _ in r.pairs}
        hit_s = {si for _, si in r.pairs}
        lines = [f"  MISS  {g.type:22} {g.text!r}" for i, g in enumerate(r.gold) if i not in hit_g]
        lines += [
            f"  EXTRA {s.type:22} {s.text!r}" for i, s in enumerate(r.system) if i not in hit_s
        ]
        if lines:
            out.append(f"{r.doc.name} ({r.doc.news_class or 'no class'})")
            out.extend(lines)
    return out


def run(
    corpus: str,
    limit: int | None,
    topics: Sequence[str] | None,
    cache: Path | None,
    baseline: bool = True,
) -> tuple[list[str], list[str]]:
    """The report and the error lines for one corpus."""
    docs = load(corpus, limit, topics)
    articles = [Article.from_text(d.name, d.text, d.dct) for d in docs]
    found = extractions(articles, cache, stderr_progress(f"kg extract {corpus}"))
    kg = [kg_triggers(f) for f in found]
    base = (
        [baseline_triggers(p) for p in parse_texts([d.text for d in docs], cache)]
        if baseline
        else None
    )
    lines = report(corpus, docs, kg, base)
    return lines, errors(pair(d, s) for d, s in zip(docs, kg, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", choices=(*CORPORA, "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="the first N documents only")
    parser.add_argument("--topics", default=None, help="ECB+/ESC topics, comma-separated")
    parser.add_argument("--errors", type=Path, default=None, help="write misses and extras here")
    parser.add_argument("--no-cache", action="store_true", help=f"neither read nor write {CACHE}")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    topics = args.topics.split(",") if args.topics else None
    cache = None if args.no_cache else CACHE
    print("match: a kg trigger and a gold mention share a token, one-to-one (bench/triggers.py)\n")
    problems: list[str] = []
    for corpus in CORPORA if args.corpus == "all" else (args.corpus,):
        if corpus == "tbaq" and topics is not None and args.corpus == "all":
            continue  # topics are ECB+'s
        lines, errs = run(corpus, args.limit, topics, cache, not args.no_baseline)
        print("\n".join(lines), end="\n\n")
        problems += [f"== {corpus}", *errs]
    if args.errors:
        args.errors.write_text("\n".join(problems) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
