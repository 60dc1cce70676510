"""Cross-document event merging on ECB+: kg's event nodes against the CROSS_DOC_COREF chains of
ECB+'s action mentions, per topic and micro-averaged, beside the same-lemma baselines.

    .venv/bin/python -m bench.ecb_events [--topics 1,3,41] [--limit N] [--errors FILE]
        [--no-cache]

Gold  every ACTION_* and NEG_ACTION_* mention in the sentences ECBplus_coreference_sentences.csv
      lists; its event is its CROSS_DOC_COREF instance (shared across documents), its
      INTRA_DOC_COREF chain, or itself alone.
(a) kg end-to-end  kg builds each topic's documents into one graph (`kg.pipeline.build`; text
      rebuilt from the tokens, bench.cat; the DCT where EventStoryLine gives one, otherwise
      whatever kg reads from the text). Each kg:Event node of graph.ttl is one system cluster
      of its kg:evidence mentions that lie in the scored sentences. A system mention that
      shares a token with a gold mention (one-to-one per document, bench.triggers.match)
      stands for it; one that matches none stays in as a mention the key lacks (it costs
      precision, as in the CoNLL-2012 reference scorer: Pradhan et al. 2014). "found" is the
      share of gold mentions some kg mention stands for.
(b) baselines given the gold mentions  same lemma: every gold mention of one topic whose head
      (the token of the mention spaCy's parse makes head of the others) has the same lemma is
      one event: the standard floor of ECB+, reported across its literature (e.g. the LEMMA
      baseline of Upadhyay et al. 2016; Barhom et al. 2019 run it within document clusters
      as "Cluster+Lemma"). Same lemma and date: as
      well, the documents' publication dates (the ESC DCT, else the first date written in the
      first four sentences or in the URL) lie in one run of dates no more than 7 days apart;
      undated documents form one run. Same lemma in the gold subtopic (ECB's documents
      apart from ECB+'s), the figure most ECB+ papers print, for reference.
(c) kg given the mentions it found: key and response cut down to the gold mentions kg found,
      which scores kg's merging apart from its detection.
Scores: MUC, B³, CEAF-e and their mean (CoNLL F1), bench.metrics, summed over topics before
dividing (micro-average; the clusters never cross topics, so this equals scoring all at once).
Singletons: the headline leaves them out of key and response alike, with mention detection
reported apart ("found"), as Cattan et al. (2021, "Realistic Evaluation Principles for
Cross-document Coreference Resolution", *SEM) recommend; the figures with singletons, the
convention of the earlier ECB+ literature (Barhom et al. 2019), are printed beside them. Topics
are scored one by one (the lenient setting Cattan et al. warn of: each topic still holds two
incidents of one kind, so lexical ambiguity stays).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from bench import cat, metrics
from bench.kgout import CACHE, GraphEvent, Source, build_graph, graph_events, stderr_progress
from bench.parses import parse_texts
from bench.triggers import Trigger, match

Cluster = frozenset[Hashable]
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december")
    )
    for m in names.split()
}  # fmt: skip
DATE_RUN_DAYS = 7


@dataclass(frozen=True)
class GoldMention:
    doc: str
    id: str  # m_id
    pieces: tuple[tuple[int, int], ...]
    tag: str
    event: str  # the chain (instance) it belongs to, or "<doc>/<m_id>" alone
    text: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.id)


def gold_mentions(doc: cat.CatDoc, selected: frozenset[tuple[str, int]]) -> list[GoldMention]:
    """`doc`'s action mentions in the fully annotated sentences."""
    chains = doc.chain_of
    return [
        GoldMention(doc.name, m.id, m.pieces, m.tag, chains.get(m.id, f"{doc.name}/{m.id}"), m.text)
        for m in doc.mentions
        if m.is_action and (doc.name, m.sentence) in selected
    ]


def clusters(labels: Iterable[tuple[Hashable, Hashable]]) -> list[Cluster]:
    """(mention, cluster label) pairs -> the clusters, each a frozenset of mentions."""
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in labels:
        groups[label].add(mention)
    return [frozenset(g) for _, g in sorted(groups.items(), key=lambda kv: str(kv[0]))]


def without_singletons(partition: Iterable[Cluster]) -> list[Cluster]:
    return [c for c in partition if len(c) > 1]


def restricted(partition: Iterable[Cluster], keep: set[Hashable]) -> list[Cluster]:
    """Each cluster cut down to the mentions in `keep`; emptied clusters dropped."""
    return [c & keep for c in partition if c & keep]


@dataclass(frozen=True)
class SystemMentions:
    """kg's clusters of one topic, their mentions named by the gold mention each stands for."""

    clusters: list[Cluster]
    found: set[Hashable]  # gold keys some kg mention stands for
    twinless: int  # kg mentions in scope that stand for no gold mention
    shared: int  # kg mentions that evidence more than one node (kept in the first only)


def system_clusters(
    nodes: Sequence[GraphEvent],
    docs: Sequence[cat.CatDoc],
    gold: Sequence[GoldMention],
    selected: frozenset[tuple[str, int]],
) -> SystemMentions:
    """Map each node's evidence mentions in the scored sentences to gold keys (a shared token,
    one-to-one per document) or, failing that, to ("kg", doc, start, end)."""
    by_doc = {d.name: d for d in docs}
    gold_by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc].append(g)
    mentions_by_doc: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for node in nodes:
        for m in node.mentions:
            doc = by_doc.get(m.article)
            if doc is not None and (doc.name, doc.sentence_of(m.start)) in selected:
                mentions_by_doc[m.article].append((m.start, m.end))
    name: dict[tuple[str, int, int], Hashable] = {}
    found: set[Hashable] = set()
    for doc_name, spans in mentions_by_doc.items():
        spans = sorted(set(spans))
        golds = gold_by_doc.get(doc_name, [])
        pairs = match(
            [Trigger(g.pieces, g.tag) for g in golds], [Trigger((s,), "kg") for s in spans]
        )
        for gi, si in pairs:
            name[(doc_name, *spans[si])] = golds[gi].key
            found.add(golds[gi].key)
        for s in spans:
            name.setdefault((doc_name, *s), ("kg", doc_name, *s))
    seen: set[Hashable] = set()
    shared = 0
    out = []
    for node in nodes:
        members = set()
        for m in node.mentions:
            key = name.get((m.article, m.start, m.end))
            if key is None:
                continue
            if key in seen:
                shared += 1
                continue
            seen.add(key)
            members.add(key)
        if members:
            out.append(frozenset(members))
    twinless = sum(1 for k in seen if isinstance(k, tuple) and k[0] == "kg")
    return SystemMentions(out, found, twinless, shared)


# -- the baselines --------------------------------------------------------------------------


def head_lemma(doc: Doc, pieces: Sequence[tuple[int, int]]) -> str:
    """The lemma of the mention's head: of the spaCy tokens its pieces cover, the one whose
    syntactic head lies outside them (the first such), lower-cased."""
    tokens = [t for t in doc if any(t.idx < e and s < t.idx + len(t.text) for s, e in pieces)]
    if not tokens:
        return ""
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    return head.lemma_.lower()


_DATE_PATTERNS = (
    # "May 03, 2013", "Dec. 7, 2009", "Sept 9 2010"
    re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})\b"),
    # "27 November, 2005", "Monday 16 September 2013"
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?\s*,?\s+(\d{4})\b"),
    # a URL's "/2013/may/03/" or "/2013/05/03/"
    re.compile(r"/\s*(\d{4})\s*/\s*([A-Za-z]{3,9}|\d{1,2})\s*/\s*(\d{1,2})\s*/"),
    # "8 / 2 / 13", "10/25/11", "12/19/2005" (month first, as American copy writes it)
    re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}|\d{2})\b"),
)


def written_date(text: str) -> date | None:
    """The first full date written in `text` (the forms of `_DATE_PATTERNS`), or None."""
    found: list[tuple[int, date]] = []
    for n, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            parts = m.groups()
            try:
                if n == 0:
                    month, day, year = MONTHS[parts[0].lower()], int(parts[1]), int(parts[2])
                elif n == 1:
                    day, month, year = int(parts[0]), MONTHS[parts[1].lower()], int(parts[2])
                elif n == 2:
                    year, day = int(parts[0]), int(parts[2])
                    month = int(parts[1]) if parts[1].isdigit() else MONTHS[parts[1].lower()]
                else:
                    month, day, year = int(parts[0]), int(parts[1]), int(parts[2])
                    year += 2000 if year < 100 else 0
                found.append((m.start(), date(year, month, day)))
                break
            except (KeyError, ValueError):
                continue
    return min(found)[1] if found else None


def document_date(doc: cat.CatDoc) -> date | None:
    """The publication date the baseline uses: the DCT, else the first date written in the
    first four sentences (the URL line included)."""
    if doc.dct is not None:
        return doc.dct
    first = [(s, e) for _, s, e in doc.sentences[:4]]
    return written_date(doc.text[first[0][0] : first[-1][1]]) if first else None


def date_runs(dates: dict[str, date | None]) -> dict[str, int]:
    """Documents -> run number: dated documents sorted by date, a new run after a gap of more
    than DATE_RUN_DAYS; undated documents all in run -1."""
    runs: dict[str, int] = {}
    dated = sorted((d, name) for name, d in dates.items() if d is not None)
    run, last = 0, None
    for d, name in dated:
        if last is not None and (d - last).days > DATE_RUN_DAYS:
            run += 1
        runs[name], last = run, d
    for name, d in dates.items():
        if d is None:
            runs[name] = -1
    return runs


# -- scoring --------------------------------------------------------------------------------

SYSTEMS = (
    "kg end-to-end",
    "kg given the mentions it found",
    "same lemma",
    "same lemma and date",
    "same lemma in gold subtopic",
)


@dataclass(frozen=True)
class TopicScore:
    topic: str
    docs: int
    gold: int  # gold mentions
    found: int
    twinless: int
    kg_mentions: int
    scores: dict[tuple[str, bool], tuple[metrics.Score, metrics.Score, metrics.Score, float]]


def score_topic(
    topic: str,
    docs: Sequence[cat.CatDoc],
    nodes: Sequence[GraphEvent],
    parses: dict[str, Doc],
    selected: frozenset[tuple[str, int]] | None = None,
) -> TopicScore:
    """Every system of SYSTEMS on one topic, with and without singletons, in the `selected`
    sentences (default: ECBplus_coreference_sentences.csv's)."""
    selected = cat.coreference_sentences() if selected is None else selected
    gold = [g for d in docs for g in gold_mentions(d, selected)]
    key = clusters((g.key, g.event) for g in gold)
    system = system_clusters(nodes, docs, gold, selected)
    lemma = {g.key: head_lemma(parses[g.doc], g.pieces) for g in gold}
    runs = date_runs({d.name: document_date(d) for d in docs})
    subtopic = {d.name: "ecbplus" if d.name.endswith("plus") else "ecb" for d in docs}
    responses = {
        "kg end-to-end": system.clusters,
        "kg given the mentions it found": restricted(system.clusters, system.found),
        "same lemma": clusters((g.key, lemma[g.key]) for g in gold),
        "same lemma and date": clusters((g.key, (lemma[g.key], runs[g.doc])) for g in gold),
        "same lemma in gold subtopic": clusters(
            (g.key, (lemma[g.key], subtopic[g.doc])) for g in gold
        ),
    }
    scores = {}
    for name, response in responses.items():
        k = restricted(key, system.found) if name == "kg given the mentions it found" else key
        scores[(name, True)] = metrics.conll(k, response)
        scores[(name, False)] = metrics.conll(without_singletons(k), without_singletons(response))
    return TopicScore(
        topic=topic,
        docs=len(docs),
        gold=len(gold),
        found=len(system.found),
        twinless=system.twinless,
        kg_mentions=len(system.found) + system.twinless,
        scores=scores,
    )


def micro(
    topics: Iterable[TopicScore], system: str, singletons: bool
) -> tuple[metrics.Score, metrics.Score, metrics.Score, float]:
    m = b = c = metrics.Score()
    for t in topics:
        tm, tb, tc, _ = t.scores[(system, singletons)]
        m, b, c = m + tm, b + tb, c + tc
    return m, b, c, (m.f1 + b.f1 + c.f1) / 3


def _f(x: float) -> str:
    return f"{x * 100:6.1f}"


def report(topics: Sequence[TopicScore]) -> list[str]:
    gold = sum(t.gold for t in topics)
    found = sum(t.found for t in topics)
    lines = [
        f"== ECB+ cross-document event coreference: {len(topics)} topics, "
        f"{sum(t.docs for t in topics)} documents, {gold} gold event mentions "
        "in the fully annotated sentences",
        f"kg event mentions there: {sum(t.kg_mentions for t in topics)}, standing for {found} "
        f"gold mentions (found {found / gold * 100 if gold else 0:.1f}%), "
        f"{sum(t.twinless for t in topics)} standing for none",
    ]
    for singletons in (False, True):
        lines += [
            "",
            "singletons " + ("included (Barhom et al. 2019)" if singletons else
                             "excluded, key and response (Cattan et al. 2021): the headline"),
            f"{'micro-averaged':32}{'MUC R':>7}{'P':>6}{'F1':>6}{'B3 R':>7}{'P':>6}{'F1':>6}"
            f"{'CEAF R':>8}{'P':>6}{'F1':>6}{'CoNLL':>7}",
        ]  # fmt: skip
        for system in SYSTEMS:
            m, b, c, f1 = micro(topics, system, singletons)
            lines.append(
                f"{system:32}{_f(m.recall):>7}{_f(m.precision)}{_f(m.f1)}"
                f"{_f(b.recall):>7}{_f(b.precision)}{_f(b.f1)}"
                f"{_f(c.recall):>8}{_f(c.precision)}{_f(c.f1)}{_f(f1):>7}"
            )
    lines += [
        "",
        "per topic, CoNLL F1 without singletons (with them in brackets)",
        f"{'topic':6}{'class':15}{'docs':>5}{'gold':>6}{'found':>7}{'kg':>13}"
        f"{'lemma':>13}{'lemma+date':>13}",
    ]
    for t in topics:

        def cell(system: str, t: TopicScore = t) -> str:
            return f"{_f(t.scores[(system, False)][3])}({t.scores[(system, True)][3] * 100:4.1f})"

        lines.append(
            f"{t.topic:6}{cat.news_class(t.topic):15}{t.docs:5}{t.gold:6}"
            f"{t.found / t.gold * 100 if t.gold else 0:6.1f}%"
            f"{cell('kg end-to-end'):>13}{cell('same lemma'):>13}{cell('same lemma and date'):>13}"
        )
    by_class: dict[str, list[TopicScore]] = defaultdict(list)
    for t in topics:
        by_class[cat.news_class(t.topic)].append(t)
    lines += ["", "by class of news, micro-averaged CoNLL F1 without singletons"]
    lines.append(
        f"{'class':15}{'topics':>7}{'gold':>6}{'found':>7}{'kg':>7}{'lemma':>7}{'l+date':>7}"
    )
    for news, mine in sorted(by_class.items()):
        g, f = sum(t.gold for t in mine), sum(t.found for t in mine)
        lines.append(
            f"{news:15}{len(mine):7}{g:6}{f / g * 100 if g else 0:6.1f}%"
            f"{_f(micro(mine, 'kg end-to-end', False)[3]):>7}"
            f"{_f(micro(mine, 'same lemma', False)[3]):>7}"
            f"{_f(micro(mine, 'same lemma and date', False)[3]):>7}"
        )
    return lines


def cluster_lines(topic: str, docs: Sequence[cat.CatDoc], nodes: Sequence[GraphEvent]) -> list[str]:
    """kg's event nodes of one topic with a mention in the scored sentences: each mention's
    document, text and the gold event it stands for ("-": none), to read merges and splits."""
    selected = cat.coreference_sentences()
    by_doc = {d.name: d for d in docs}
    gold = [g for d in docs for g in gold_mentions(d, selected)]
    out = []
    for node in nodes:
        rows = []
        for m in node.mentions:
            doc = by_doc.get(m.article)
            if doc is None or (doc.name, doc.sentence_of(m.start)) not in selected:
                continue
            event = next(
                (
                    g.event
                    for g in gold
                    if g.doc == m.article and any(s < m.end and m.start < e for s, e in g.pieces)
                ),
                "-",
            )
            rows.append(f"    {m.article:16} {doc.text[m.start : m.end]!r:24} {event}")
        if rows:
            out += [f"  {node.iri.rsplit('/', 1)[-1]}", *rows]
    return [f"== topic {topic}", *out] if out else []


def run(
    topics: Sequence[str] | None, limit: int | None, cache: Path | None
) -> tuple[list[TopicScore], list[str]]:
    """Every chosen topic's scores, and kg's clusters for reading."""
    by_topic: dict[str, list[cat.CatDoc]] = defaultdict(list)
    for d in cat.load_ecbplus(topics):
        by_topic[d.topic].append(d)
    chosen = {t: by_topic[t][:limit] for t in sorted(by_topic, key=int)}
    docs = [d for mine in chosen.values() for d in mine]
    parsed = parse_texts([d.text for d in docs], cache)
    parses = {d.name: p for d, p in zip(docs, parsed, strict=True)}
    scores, lines = [], []
    progress = stderr_progress("kg build ECB+ topics")
    with tempfile.TemporaryDirectory(prefix="kg-bench-ecb-") as tmp:
        for i, (topic, mine) in enumerate(chosen.items()):
            sources = [Source(d.name, d.text, d.dct) for d in mine]
            nodes = graph_events(build_graph(sources, Path(tmp) / topic, cache))
            scores.append(score_topic(topic, mine, nodes, parses))
            lines += cluster_lines(topic, mine, nodes)
            progress(i + 1, len(chosen))
    return scores, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--topics", default=None, help="ECB+ topics, comma-separated")
    parser.add_argument("--limit", type=int, default=None, help="the first N documents per topic")
    parser.add_argument("--errors", type=Path, default=None, help="write kg's clusters here")
    parser.add_argument("--no-cache", action="store_true", help=f"neither read nor write {CACHE}")
    args = parser.parse_args(argv)
    topics = args.topics.split(",") if args.topics else None
    scores, clusters_read = run(topics, args.limit, None if args.no_cache else CACHE)
    print("\n".join(report(scores)))
    if args.errors:
        args.errors.write_text("\n".join(clusters_read) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
