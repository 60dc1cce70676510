"""Typed entity mentions and within-document entity coreference on ECB+ 1.0.

    .venv/bin/python -m bench.ecb_entities [--limit N] [--baseline] [--errors FILE]
                                           [--passes exact,name-match,...]

Gold: the human and location participant mentions of `../shared/devdata/ecbplus` (CAT XML,
token-anchored), in the sentences `ECBplus_coreference_sentences.csv` lists as annotated in
full, typed by this mapping to kg's types:

    HUMAN_PART_PER -> Person      HUMAN_PART_ORG -> Organization     HUMAN_PART_GPE -> State
    LOC_GEO, LOC_FAC, LOC_OTHER -> Place

The other participant tags (HUMAN_PART_GENERIC, _MET, _VEH, _FAC, NON_HUMAN_PART*, UNKNOWN_*)
are neither gold nor errors: a system mention that overlaps one of them and no mapped mention is
left out of the count. Within-document chains: mentions linked to one target by a
CROSS_DOC_COREF or INTRA_DOC_COREF relation are one entity (the release moved within-document
links into the cross-document chains); a mention in no relation is a singleton.

System: `kg.pipeline.extract` over the text rebuilt from the tokens (a sentence a line, tokens
joined by spaces), every `EntityMention` in `entities` whose start falls in a scored sentence.
Chains are `EntityMention.chain` where coreference set it, else the entity ids that resolution
gives the article alone (main before the coreference stage). `--passes` runs coreference with
those sieve passes only, in the order given (`kg.coreference.sieves.BY_NAME`; "none" for no
pass), to measure a pass alone. `--baseline` adds spaCy's own NER
(PERSON -> Person, ORG -> Organization, GPE/LOC/FAC -> Place; no coreference, every mention a
singleton).

Matching: strict = the same character span; relaxed = overlapping spans, paired one-to-one,
largest overlap first. Typed F1 requires the mapped type too; "coarse" types count State and
Place as one (ECB+ types a country by its role in the event, kg by the name: "in Iran" is
LOC_GEO, kg's Iran is a State wherever it stands). Coreference is scored end to end (MUC, B³,
CEAF-e and their CoNLL mean, `bench.metrics`) over relaxed-aligned mentions: a system mention
paired with a gold one takes its id, any other keeps its own.
"""

from __future__ import annotations

import argparse
import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.esc import DEVDATA
from bench.metrics import Score, b_cubed, ceaf_e, muc
from kg import coreference, nlp
from kg import extract as extractors
from kg.coreference import sieves
from kg.model import Article, Extraction
from kg.pipeline import extract
from kg.resolve import mention_key, resolve

ECB = DEVDATA / "ecbplus"
TYPES = {
    "HUMAN_PART_PER": "Person",
    "HUMAN_PART_ORG": "Organization",
    "HUMAN_PART_GPE": "State",
    "LOC_GEO": "Place",
    "LOC_FAC": "Place",
    "LOC_OTHER": "Place",
}
IGNORED = ("HUMAN_PART", "NON_HUMAN_PART", "UNKNOWN_INSTANCE_TAG")
SPACY_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int
    type: str
    chain: str  # a document-local cluster id
    text: str = ""
    kind: str = ""  # name / nominal / pronoun (system only)


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    gold: tuple[Mention, ...]
    ignored: tuple[tuple[int, int], ...]  # spans of participants of unmapped tags
    scored: tuple[tuple[int, int], ...]  # character ranges of the scored sentences


def read_selected(root: Path = ECB) -> dict[str, set[int]]:
    """File stem ("3_1ecbplus") -> sentence numbers annotated in full."""
    selected: dict[str, set[int]] = defaultdict(set)
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            selected[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return selected


def read_document(path: Path, sentences: set[int]) -> Document:
    """The text (a sentence a line), the gold mentions and chains in the scored sentences."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    ranges: dict[int, list[int]] = {}
    pos, current = 0, None
    for tok in root.iter("token"):
        sentence = int(tok.get("sentence", "0"))
        if current is not None:
            sep = "\n" if sentence != current else " "
            parts.append(sep)
            pos += 1
        current = sentence
        word = tok.text or ""
        ident = tok.get("t_id", "")
        offsets[ident] = (pos, pos + len(word))
        sentence_of[ident] = sentence
        span = ranges.setdefault(sentence, [pos, pos + len(word)])
        span[1] = pos + len(word)
        parts.append(word)
        pos += len(word)
    text = "".join(parts)
    chain_of: dict[str, str] = {}
    for relation in root.find("Relations") or ():
        if relation.tag not in {"CROSS_DOC_COREF", "INTRA_DOC_COREF"}:
            continue
        target = relation.find("target")
        key = relation.get("note") or (target.get("m_id", "") if target is not None else "")
        for source in relation.findall("source"):
            chain_of[source.get("m_id", "")] = f"g{key}"
    gold: list[Mention] = []
    ignored: list[tuple[int, int]] = []
    for markable in root.find("Markables") or ():
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        anchors = [a for a in anchors if a in offsets]
        if not anchors or sentence_of[anchors[0]] not in sentences:
            continue
        start = min(offsets[a][0] for a in anchors)
        end = max(offsets[a][1] for a in anchors)
        kind = TYPES.get(markable.tag)
        if kind is None:
            if markable.tag.startswith(IGNORED):
                ignored.append((start, end))
            continue
        m_id = markable.get("m_id", "")
        gold.append(
            Mention(path.stem, start, end, kind, chain_of.get(m_id, f"m{m_id}"), text[start:end])
        )
    scored = tuple((ranges[s][0], ranges[s][1]) for s in sorted(sentences) if s in ranges)
    return Document(path.stem, text, tuple(gold), tuple(ignored), scored)


def documents(limit: int | None = None, root: Path = ECB) -> list[Document]:
    selected = read_selected(root)
    paths = sorted((root / "ECB+").glob("*/*.xml"), key=lambda p: _order(p.stem))
    docs = [read_document(p, selected[p.stem]) for p in paths if p.stem in selected]
    return docs[:limit]


def _order(stem: str) -> tuple[int, str]:
    topic, _, rest = stem.partition("_")
    return int(topic) if topic.isdigit() else 0, rest


def _in_scored(doc: Document, start: int) -> bool:
    return any(a <= start < b for a, b in doc.scored)


def kg_mentions(
    docs: Sequence[Document], passes: Sequence[str] | None = None
) -> dict[str, list[Mention]]:
    """Every entity mention kg's extraction (with its coreference stage) finds in the scored
    sentences, with its chain; with `passes`, coreference runs only those sieve passes."""
    articles = [Article.from_text(d.name, d.text) for d in docs]
    if passes is None:
        extractions = extract(articles)
    else:
        chosen = [sieves.BY_NAME[p] for p in passes]
        chain = extractors.pipeline()
        extractions = [
            coreference.link(doc, extractors.run(chain, doc, Extraction(a)), chosen)
            for a, doc in nlp.parse(articles)
        ]
    found: dict[str, list[Mention]] = {}
    for doc, x in zip(docs, extractions, strict=True):
        found[doc.name] = _system(doc, x)
    return found


def _system(doc: Document, x: Extraction) -> list[Mention]:
    chained = any(m.chain is not None for m in x.entities)
    ids: dict[tuple[str, int, int, str], str] = {}
    if not chained:
        ids = {mention_key(m): e.id for e in resolve([x]).entities for m in e.mentions}
    out = []
    for m in x.entities:
        if not _in_scored(doc, m.span.start):
            continue
        chain = f"c{m.chain}" if chained else ids.get(mention_key(m), f"s{m.span.start}")
        out.append(
            Mention(doc.name, m.span.start, m.span.end, m.type, chain, m.span.text, m.mention_type)
        )
    return out


def spacy_mentions(docs: Sequence[Document]) -> dict[str, list[Mention]]:
    """The naive baseline: spaCy's entity spans and labels, no coreference."""
    articles = [Article.from_text(d.name, d.text) for d in docs]
    found: dict[str, list[Mention]] = {}
    by_name = {d.name: d for d in docs}
    for article, parsed in nlp.parse(articles):
        doc = by_name[article.id]
        found[doc.name] = [
            Mention(doc.name, e.start_char, e.end_char, SPACY_TYPES[e.label_], f"s{e.start_char}")
            for e in parsed.ents
            if e.label_ in SPACY_TYPES and _in_scored(doc, e.start_char)
        ]
    return found


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align(gold: Sequence[Mention], system: Sequence[Mention], strict: bool) -> dict[int, int]:
    """System index -> gold index, one-to-one: equal spans (strict), or overlapping spans,
    largest overlap first (relaxed)."""
    pairs = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            if strict:
                if (s.start, s.end) == (g.start, g.end):
                    pairs.append((0, i, j))
            elif (size := _overlap((s.start, s.end), (g.start, g.end))) > 0:
                pairs.append((-size, i, j))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _coarse(kind: str) -> str:
    return "Place" if kind == "State" else kind


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    strict_typed: int = 0
    relaxed_typed: int = 0
    relaxed_coarse: int = 0

    def line(self, label: str, matched: int) -> str:
        p = matched / self.system if self.system else 0.0
        r = matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"  {label:28} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}"


def score(
    docs: Sequence[Document], found: dict[str, list[Mention]], errors: list[str] | None = None
) -> tuple[Tally, tuple[Score, Score, Score]]:
    tally = Tally()
    coref = [Score(), Score(), Score()]
    for doc in docs:
        system = [
            m
            for m in found.get(doc.name, [])
            if not (
                any(_overlap((m.start, m.end), ig) for ig in doc.ignored)
                and not any(_overlap((m.start, m.end), (g.start, g.end)) for g in doc.gold)
            )
        ]
        gold = list(doc.gold)
        tally.gold += len(gold)
        tally.system += len(system)
        exact = align(gold, system, strict=True)
        loose = align(gold, system, strict=False)
        tally.strict += len(exact)
        tally.relaxed += len(loose)
        tally.strict_typed += sum(1 for i, j in exact.items() if system[i].type == gold[j].type)
        tally.relaxed_typed += sum(1 for i, j in loose.items() if system[i].type == gold[j].type)
        tally.relaxed_coarse += sum(
            1 for i, j in loose.items() if _coarse(system[i].type) == _coarse(gold[j].type)
        )
        key = _partition((j, g.chain) for j, g in enumerate(gold))
        response = _partition((loose.get(i, ("sys", i)), s.chain) for i, s in enumerate(system))
        for n, metric in enumerate((muc, b_cubed, ceaf_e)):
            coref[n] = coref[n] + metric(key, response)
        if errors is not None:
            errors.extend(_errors(doc, gold, system, loose))
    return tally, (coref[0], coref[1], coref[2])


def _partition(items: Iterable[tuple[object, str]]) -> list[set[object]]:
    clusters: dict[str, set[object]] = defaultdict(set)
    for ident, chain in items:
        clusters[chain].add(ident)
    return list(clusters.values())


def _errors(
    doc: Document, gold: list[Mention], system: list[Mention], loose: dict[int, int]
) -> list[str]:
    out = []
    matched = set(loose.values())
    for j, g in enumerate(gold):
        if j not in matched:
            out.append(f"{doc.name}\tmissed\t{g.type}\t{g.text!r}")
    for i, s in enumerate(system):
        paired = loose.get(i)
        if paired is None:
            out.append(f"{doc.name}\tspurious\t{s.type}\t{s.kind}\t{s.text!r}")
        elif gold[paired].type != s.type:
            out.append(f"{doc.name}\ttype\t{gold[paired].type}->{s.type}\t{s.kind}\t{s.text!r}")
    return out


def report(label: str, tally: Tally, coref: tuple[Score, Score, Score]) -> None:
    print(f"{label}: {tally.system} system mentions, {tally.gold} gold")
    print(tally.line("strict span", tally.strict))
    print(tally.line("strict span + type", tally.strict_typed))
    print(tally.line("relaxed span", tally.relaxed))
    print(tally.line("relaxed span + type", tally.relaxed_typed))
    print(tally.line("relaxed + coarse type", tally.relaxed_coarse))
    names = ("MUC", "B3", "CEAF-e")
    for name, s in zip(names, coref, strict=True):
        line = f"P {100 * s.precision:5.1f}  R {100 * s.recall:5.1f}  F1 {100 * s.f1:5.1f}"
        print(f"  {name:28} {line}")
    print(f"  {'CoNLL F1':28} {100 * sum(s.f1 for s in coref) / 3:5.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--baseline", action="store_true", help="also score spaCy's own NER")
    parser.add_argument("--errors", type=Path, default=None, help="write kg's errors here")
    parser.add_argument("--passes", default=None, help="comma-separated sieve passes, or none")
    args = parser.parse_args()
    passes = None
    if args.passes is not None:
        passes = [p for p in args.passes.split(",") if p and p != "none"]
        unknown = [p for p in passes if p not in sieves.BY_NAME]
        if unknown:
            parser.error(f"unknown pass(es) {unknown}; known: {', '.join(sieves.BY_NAME)}")
    docs = documents(args.limit)
    print(f"ECB+: {len(docs)} documents, {sum(len(d.gold) for d in docs)} gold mentions")
    errors: list[str] | None = [] if args.errors else None
    tally, coref = score(docs, kg_mentions(docs, passes), errors)
    report("kg", tally, coref)
    if args.errors and errors is not None:
        args.errors.write_text("\n".join(errors) + "\n", encoding="utf-8")
    if args.baseline:
        tally, coref = score(docs, spacy_mentions(docs))
        report("spaCy NER baseline", tally, coref)


if __name__ == "__main__":
    main()
