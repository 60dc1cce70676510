"""Score the event extractor against the gold events in tests/eval/events.yaml.

    .venv/bin/python -m bench.events [--corpus seeds|esc|all] [--errors FILE] [--no-graph]

System events come from kg extract's library path: `kg.sources.read_sources` (seeds) or the
EventStoryLine text rebuilt by `bench.esc.read_esc`, then `kg.extract_articles`, with ids from
`kg.report.extraction_record`. Only system events whose trigger starts inside a document's
annotated `scope` count; Statements triggered by a reporting verb ("said") are set aside and
counted apart, since the gold treats those verbs as attribution, not events.

Matching rule: a system event and a gold event correspond when their spans overlap, or, when
the anchors differ, when the gold anchor lies in the system event's sentence and both have the
same class. Pairs are made one-to-one, greedily: overlapping pairs first, then same-sentence
pairs by distance, each in text order. Levels are cumulative; at each level a pair must also pass
every check below it, and the pairing is redone with that stricter test:

  span          the rule above
  class         + the same class (exact local name; a subclass or superclass does not count)
  participants  + at least one gold agent/target/coParticipant id among the system's
                agent/target/coParticipant ids, role ignored (a partial overlap passes; a gold
                event naming nobody passes trivially). Id-level P/R over class matches is
                reported beside it, with and without roles.
  date          + the same TIMEX3 value (both null counts as the same)
  status        + the same status

P = matched / system events in scope, R = matched / gold events.

The graph check builds `kg build sources` into a temporary folder and asks SPARQL questions of
its Turtle output (one per gold fact of the seed story), printing which hold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph
import yaml

from bench.esc import ESC, read_esc
from kg import lexicon
from kg.model import ROLES, Article
from kg.pipeline import build, extract
from kg.report import extraction_record
from kg.sources import read_sources
from kg.terms import RES_IRI

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "eval" / "events.yaml"
SOURCES = ROOT / "sources"
LEVELS = ("span", "class", "participants", "date", "status")
CORPORA = ("seeds", "esc")


@dataclass(frozen=True)
class GoldEvent:
    anchor: str
    start: int
    end: int
    cls: str
    status: str
    date: str | None
    participants: tuple[tuple[str, str], ...]  # (id, role)


@dataclass(frozen=True)
class GoldDoc:
    corpus: str
    id: str
    path: str
    dct: date
    scope: tuple[tuple[int, int], ...]
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class SysEvent:
    start: int
    end: int
    text: str
    cls: str
    label: str
    status: str
    date: str | None
    participants: tuple[tuple[str, str], ...]  # (id, role), places left out
    sentence: tuple[int, int]
    sentence_text: str


def load_gold(path: Path = GOLD) -> list[GoldDoc]:
    """The gold documents, in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs = []
    for d in data["documents"]:
        events = tuple(
            GoldEvent(
                anchor=e["anchor"],
                start=e["start"],
                end=e["end"],
                cls=e["class"],
                status=e["status"],
                date=None if e["date"] is None else str(e["date"]),
                participants=tuple((p["id"], p["role"]) for p in e["participants"]),
            )
            for e in d["events"]
        )
        docs.append(
            GoldDoc(
                corpus=d["corpus"],
                id=str(d["id"]),
                path=d["path"],
                dct=date.fromisoformat(d["dct"]),
                scope=tuple((lo, hi) for lo, hi in d["scope"]),
                events=events,
            )
        )
    return docs


def articles(docs: Sequence[GoldDoc]) -> list[Article]:
    """The articles the gold documents were annotated on, in the same order."""
    out = []
    seeds = {a.id: a for a in read_sources([SOURCES])[0]} if any_seed(docs) else {}
    for doc in docs:
        if doc.corpus == "seeds":
            out.append(seeds[doc.id])
            continue
        # built as bench.esc.esc_articles builds it, so text and offsets are the same
        text, dct, _ = read_esc(ESC / doc.path)
        out.append(
            Article(
                id=doc.id,
                path=f"{doc.id}.txt",
                text=text,
                nlp_text=text,
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                published=dct,
                date_origin="metadata" if dct else None,
            )
        )
    return out


def any_seed(docs: Sequence[GoldDoc]) -> bool:
    return any(d.corpus == "seeds" for d in docs)


def system_events(
    docs: Sequence[GoldDoc], warn: Callable[[str], None] | None = None
) -> dict[str, list[SysEvent]]:
    """kg's event mentions per document id, as `kg extract` reports them."""
    out: dict[str, list[SysEvent]] = {}
    for found in extract(articles(docs)):
        record = extraction_record(found)
        events = []
        # the record lists found.events in order; the mention adds sentence and label
        for mention, rec in zip(found.events, record["events"], strict=True):
            span = mention.span
            events.append(
                SysEvent(
                    start=rec["start"],
                    end=rec["end"],
                    text=rec["text"],
                    cls=rec["type"],
                    label=mention.label,
                    status=rec["status"],
                    date=rec["value"],
                    participants=tuple(
                        (p["id"], p["role"]) for p in rec["participants"] if p["role"] in ROLES
                    ),
                    sentence=(span.sentence_start, span.sentence_start + len(span.sentence)),
                    sentence_text=span.sentence,
                )
            )
        out[found.article.id] = events
    return out


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


# -- matching ----------------------------------------------------------------------------


def _overlap(g: GoldEvent, s: SysEvent) -> bool:
    return g.start < s.end and s.start < g.end


def _same_sentence(g: GoldEvent, s: SysEvent) -> bool:
    return s.sentence[0] <= g.start < s.sentence[1] and g.cls == s.cls


def _participants_ok(g: GoldEvent, s: SysEvent) -> bool:
    gold = {i for i, _ in g.participants}
    return not gold or bool(gold & {i for i, _ in s.participants})


_CHECKS: dict[str, Callable[[GoldEvent, SysEvent], bool]] = {
    "span": lambda g, s: True,
    "class": lambda g, s: g.cls == s.cls,
    "participants": _participants_ok,
    "date": lambda g, s: g.date == s.date,
    "status": lambda g, s: g.status == s.status,
}


def match(
    gold: Sequence[GoldEvent], system: Sequence[SysEvent], level: str
) -> list[tuple[GoldEvent, SysEvent]]:
    """One-to-one pairs that correspond and pass every check up to `level`."""
    checks = [_CHECKS[name] for name in LEVELS[: LEVELS.index(level) + 1]]
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if not all(check(g, s) for check in checks):
                continue
            if _overlap(g, s):
                candidates.append((0, 0, gi, si))
            elif _same_sentence(g, s):
                candidates.append((1, abs(g.start - s.start), gi, si))
    pairs, used_g, used_s = [], set(), set()
    for _, _, gi, si in sorted(candidates):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


# -- scoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    matched: int
    system: int
    gold: int

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
class Report:
    corpus: str
    levels: dict[str, Score]
    participant_ids: Score  # id-level, over class matches
    participant_roles: Score  # (id, role)-level, over class matches
    per_class: dict[str, Score]  # at the class level, keyed by class
    set_aside: int  # reporting-verb Statements not scored
    errors: list[dict[str, Any]]


def in_scope(doc: GoldDoc, s: SysEvent) -> bool:
    return any(lo <= s.start < hi for lo, hi in doc.scope)


def scored_events(
    doc: GoldDoc, events: Sequence[SysEvent], reporting: frozenset[str]
) -> tuple[list[SysEvent], int]:
    """The system events of `doc` that count, and how many reporting Statements were set aside."""
    kept, aside = [], 0
    for s in events:
        if not in_scope(doc, s):
            continue
        if s.cls == "Statement" and s.label in reporting:
            aside += 1
            continue
        kept.append(s)
    return kept, aside


def score(docs: Sequence[GoldDoc], found: dict[str, list[SysEvent]], corpus: str) -> Report:
    """Precision and recall of `found` against the gold of `docs` at every level."""
    reporting = lexicon.load().reporting_cues
    totals = {level: Counter[str]() for level in LEVELS}
    ids, roles = Counter[str](), Counter[str]()
    per_class: dict[str, Counter[str]] = {}
    set_aside = 0
    errors: list[dict[str, Any]] = []
    for doc in docs:
        system, aside = scored_events(doc, found[doc.id], reporting)
        set_aside += aside
        for level in LEVELS:
            pairs = match(doc.events, system, level)
            totals[level].update(matched=len(pairs), system=len(system), gold=len(doc.events))
        for g in doc.events:
            per_class.setdefault(g.cls, Counter())["gold"] += 1
        for s in system:
            per_class.setdefault(s.cls, Counter())["system"] += 1
        by_class = match(doc.events, system, "class")
        for g, s in by_class:
            per_class[g.cls]["matched"] += 1
            gold_ids, sys_ids = {i for i, _ in g.participants}, {i for i, _ in s.participants}
            ids.update(matched=len(gold_ids & sys_ids), system=len(sys_ids), gold=len(gold_ids))
            gp, sp = set(g.participants), set(s.participants)
            roles.update(matched=len(gp & sp), system=len(sp), gold=len(gp))
        errors.extend(_errors(doc, system))
    return Report(
        corpus=corpus,
        levels={level: _score(c) for level, c in totals.items()},
        participant_ids=_score(ids),
        participant_roles=_score(roles),
        per_class={cls: _score(c) for cls, c in sorted(per_class.items())},
        set_aside=set_aside,
        errors=errors,
    )


def _score(c: Counter[str]) -> Score:
    return Score(c["matched"], c["system"], c["gold"])


def _errors(doc: GoldDoc, system: Sequence[SysEvent]) -> list[dict[str, Any]]:
    """One record per gold event missed or wrong at some level, and per spurious system event."""
    out: list[dict[str, Any]] = []
    span_pairs = match(doc.events, system, "span")
    paired = {id(g): s for g, s in span_pairs}
    used = {id(s) for _, s in span_pairs}
    for g in doc.events:
        s = paired.get(id(g))
        gold = {
            "anchor": g.anchor,
            "start": g.start,
            "class": g.cls,
            "participants": [i for i, _ in g.participants],
            "date": g.date,
            "status": g.status,
        }
        if s is None:
            out.append({"doc": doc.id, "kind": "missed", "gold": gold})
            continue
        wrong = [lv for lv in LEVELS[1:] if not _CHECKS[lv](g, s)]
        if wrong:
            out.append(
                {"doc": doc.id, "kind": "wrong", "fields": wrong, "gold": gold, "system": _sys(s)}
            )
    for s in system:
        if id(s) not in used:
            out.append({"doc": doc.id, "kind": "spurious", "system": _sys(s)})
    return out


def _sys(s: SysEvent) -> dict[str, Any]:
    return {
        "text": s.text,
        "start": s.start,
        "class": s.cls,
        "participants": [f"{r}:{i}" for i, r in s.participants],
        "date": s.date,
        "status": s.status,
        "sentence": s.sentence_text.strip(),
    }


# -- the merged graph ---------------------------------------------------------------------

_PREFIXES = """
PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_R = RES_IRI  # full IRIs: a "/" cannot stand in a SPARQL prefixed name

# each a graph pattern on ?e, the event; a participant is any of the three roles
GRAPH_FACTS: dict[str, str] = {
    "video call (Call, 2022-12-30, Putin and Xi, 5 sources)": """
        ?e a kg:Call ; kg:timeValue "2022-12-30" ; kg:sourceCount 5 ;
           kg:agent|kg:target|kg:coParticipant <{R}person/vladimir-putin> ;
           kg:agent|kg:target|kg:coParticipant <{R}person/xi-jinping> .""",
    "state visit (Visit, Planned, 2023-SP, claimed by Putin)": """
        ?e a kg:Visit ; kg:status kg:Planned ; kg:timeValue "2023-SP" ;
           kg:claimedBy <{R}person/vladimir-putin> .""",
    "'no limits' declaration (Agreement, 2022-02)": """
        ?e a kg:Agreement ; kg:timeValue ?v . FILTER(STRSTARTS(?v, "2022-02"))""",
    "G-20 summit (Summit, 2022-11, place Bali)": """
        ?e a kg:Summit ; kg:timeValue "2022-11" ; sem:hasPlace/rdfs:label "Bali" .""",
    "Xi-Putin meeting in Uzbekistan (Meeting, 2022-09, Putin and Xi)": """
        ?e a kg:Meeting ; kg:timeValue ?v ;
           kg:agent|kg:target|kg:coParticipant <{R}person/vladimir-putin> ;
           kg:agent|kg:target|kg:coParticipant <{R}person/xi-jinping> .
        FILTER(STRSTARTS(?v, "2022-09"))""",
    "party congress (PartyCongress, 2022-10)": """
        ?e a kg:PartyCongress ; kg:timeValue ?v . FILTER(STRSTARTS(?v, "2022-10"))""",
    "joint military exercises (MilitaryExercise, 2022-12)": """
        ?e a kg:MilitaryExercise ; kg:timeValue ?v . FILTER(STRSTARTS(?v, "2022-12"))""",
    "S-300 downing (MilitaryAction, 2022-12-29)": """
        ?e a kg:MilitaryAction ; kg:timeValue "2022-12-29" .""",
}


def graph_facts(turtle: Path | None = None) -> dict[str, bool]:
    """Which seed-story facts hold in the graph `kg build sources` writes (built here into a
    temporary folder unless a Turtle file is given)."""
    store = pyoxigraph.Store()
    with tempfile.TemporaryDirectory() as tmp:
        if turtle is None:
            build([SOURCES], Path(tmp))
            turtle = Path(tmp) / "graph.ttl"
        store.load(turtle.read_bytes(), pyoxigraph.RdfFormat.TURTLE)
    return {
        name: bool(store.query(f"{_PREFIXES} ASK {{ {pattern.replace('{R}', _R)} }}"))
        for name, pattern in GRAPH_FACTS.items()
    }


# -- report ------------------------------------------------------------------------------


def run(corpus: str = "all", gold: Path = GOLD) -> list[Report]:
    """Score each corpus of the gold ("seeds", "esc" or "all")."""
    docs = load_gold(gold)
    wanted = CORPORA if corpus == "all" else (corpus,)
    docs = [d for d in docs if d.corpus in wanted]
    found = system_events(docs)
    return [score([d for d in docs if d.corpus == c], found, c) for c in wanted]


def format_report(report: Report) -> str:
    lines = [f"== {report.corpus} ({report.levels['span'].gold} gold events)"]
    lines.append(f"{'level':<14}{'P':>7}{'R':>7}{'F1':>7}   matched/system/gold")
    rows = [(level, report.levels[level]) for level in LEVELS]
    rows += [("  part. ids", report.participant_ids), ("  part.+role", report.participant_roles)]
    for name, s in rows:
        lines.append(
            f"{name:<14}{100 * s.precision:7.1f}{100 * s.recall:7.1f}{100 * s.f1:7.1f}"
            f"   {s.matched}/{s.system}/{s.gold}"
        )
    lines.append(f"(reporting-verb Statements set aside: {report.set_aside})")
    return "\n".join(lines)


def format_classes(reports: Sequence[Report]) -> str:
    merged: dict[str, Counter[str]] = {}
    for r in reports:
        for cls, s in r.per_class.items():
            merged.setdefault(cls, Counter()).update(
                matched=s.matched, system=s.system, gold=s.gold
            )
    lines = ["== per class (class level, all corpora scored)"]
    lines.append(f"{'class':<22}{'gold':>5}{'sys':>5}{'match':>6}{'P':>7}{'R':>7}")
    for cls in sorted(merged):
        s = _score(merged[cls])
        lines.append(
            f"{cls:<22}{s.gold:5d}{s.system:5d}{s.matched:6d}"
            f"{100 * s.precision:7.1f}{100 * s.recall:7.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", choices=("seeds", "esc", "all"), default="all")
    parser.add_argument("--errors", type=Path, help="write every miss as JSON Lines here")
    parser.add_argument("--no-graph", action="store_true", help="skip the merged-graph check")
    args = parser.parse_args(argv)
    reports = run(args.corpus)
    for report in reports:
        print(format_report(report))
    print(format_classes(reports))
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for report in reports:
                for err in report.errors:
                    fh.write(json.dumps({"corpus": report.corpus, **err}) + "\n")
    if not args.no_graph:
        print("== merged seed graph (kg build sources)")
        for name, holds in graph_facts().items():
            print(f"  [{'x' if holds else ' '}] {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
