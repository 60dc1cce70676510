"""Event arguments on ECB+: for the gold events kg finds, how many of their participants and
places kg names, and how many have none at all, beside a naive spaCy baseline.

    .venv/bin/python -m bench.ecb_arguments [--topics 1,3,41] [--limit N] [--no-cache] [--errors]

--errors prints, after the table, each found action whose arguments kg misses in part or in
whole: its sentence, its trigger, kg's participants (role:text) and the arguments it missed
(tag:text), "exact" marking a one-action sentence.

No corpus in ../shared/devdata links an event to its arguments. TimeBank has none; EventStoryLine
adds temporal, causal and plot links; ECB+ annotates, in the sentences it annotates in full
(ECBplus_coreference_sentences.csv), every action, every human participant (HUMAN_PART_PER,
_ORG, _GPE, ...), place (LOC_*) and time of its events, with coreference of each, but no
relation saying which action a participant belongs to (its relations are CROSS_DOC_COREF and
INTRA_DOC_COREF only). So this measures at the level of the sentence, which ECB+ does fix:
  arguments  of a gold action: the HUMAN_PART_* and LOC_* mentions of its sentence, one per
             entity (mentions of one gold coreference chain in the sentence count once);
             NON_HUMAN_PART (objects) and times are left out.
  exact      in sentences with a single gold action, those are its arguments: recall there is
             the honest figure, on few events (about 170 of ECB+'s 6,833 scored actions).
  all        in every sentence: each action's candidates include the arguments of its
             neighbours, so recall is a lower bound and precision (kg participants that are
             an argument of the sentence) an upper bound.
  found      a gold action is found when a kg trigger shares a token with it (bench.triggers);
             its argument is named when one of kg's participants of that event (any role:
             agent, target, coParticipant, place) is a mention overlapping a gold mention of
             the argument's chain in the document, or is in kg's own coreference chain
             (`EntityMention.chain`) with such a mention.
  none       found events for which kg names no participant at all.
Baseline: the triggers of bench.triggers' baseline (every VERB, nominal NOUNs), and as
arguments the trigger's syntactic dependents in spaCy's parse (nsubj, nsubjpass, dobj, dative,
poss, and the object of each preposition under it); a dependent names an argument when it lies
inside a gold mention of the argument's chain.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from bench import cat
from bench.kgout import CACHE, extractions, stderr_progress
from bench.parses import parse_texts
from bench.triggers import Trigger, baseline_triggers, match
from kg.model import Article, EventMention, Extraction

_DEPENDENTS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "obj", "iobj", "poss"})
_PREPOSITIONS = frozenset({"prep", "agent"})
Span = tuple[int, int]


def is_argument(tag: str) -> bool:
    """A mention that can be an event's participant or place."""
    return tag.startswith(("HUMAN_PART", "LOC_"))


@dataclass(frozen=True)
class Argument:
    """One gold argument of a sentence: an entity, known by all its mentions in the document."""

    id: str  # the gold chain, or "<doc>/<m_id>" for a mention alone
    tag: str
    mentions: tuple[Span, ...]  # every mention of the chain in the document
    text: str


@dataclass(frozen=True)
class GoldAction:
    doc: str
    pieces: tuple[Span, ...]
    tag: str
    sentence: int
    arguments: tuple[Argument, ...]
    alone: bool  # the only gold action of its sentence


def gold_actions(doc: cat.CatDoc, selected: frozenset[tuple[str, int]]) -> list[GoldAction]:
    """The actions of `doc`'s fully annotated sentences, each with its sentence's arguments."""
    chain_of = doc.chain_of

    def ident(m: cat.Mention) -> str:
        return chain_of.get(m.id, f"{doc.name}/{m.id}")

    spans_of: dict[str, list[Span]] = defaultdict(list)
    for m in doc.mentions:
        if is_argument(m.tag):
            spans_of[ident(m)] += list(m.pieces)
    scored = [m for m in doc.mentions if (doc.name, m.sentence) in selected]
    actions_in: dict[int, int] = defaultdict(int)
    arguments_in: dict[int, dict[str, Argument]] = defaultdict(dict)
    for m in scored:
        if m.is_action:
            actions_in[m.sentence] += 1
        elif is_argument(m.tag):
            arguments_in[m.sentence].setdefault(
                ident(m), Argument(ident(m), m.tag, tuple(sorted(spans_of[ident(m)])), m.text)
            )
    return [
        GoldAction(
            doc.name,
            m.pieces,
            m.tag,
            m.sentence,
            tuple(arguments_in[m.sentence].values()),
            actions_in[m.sentence] == 1,
        )
        for m in scored
        if m.is_action
    ]


def _overlaps(span: Span, spans: Iterable[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def named(argument: Argument, participants: Sequence[Sequence[Span]]) -> bool:
    """Whether one of `participants` (each the spans of one participant: its mention, and
    the other mentions of its coreference chain) overlaps a mention of `argument`."""
    return any(_overlaps(s, argument.mentions) for spans in participants for s in spans)


@dataclass(frozen=True)
class Found:
    """A gold action some system found, with the spans of each participant it gives."""

    action: GoldAction
    participants: tuple[tuple[Span, ...], ...]
    trigger: str = ""
    labels: tuple[str, ...] = ()  # role:text of each participant, for --errors


def kg_participants(event: EventMention, found: Extraction) -> tuple[tuple[Span, ...], ...]:
    """Each participant of `event`: its mention's span and those of its chain's mentions."""
    chains: dict[int, list[Span]] = defaultdict(list)
    for entity in found.entities:
        if entity.chain is not None:
            chains[entity.chain].append((entity.span.start, entity.span.end))
    out = []
    for p in event.participants:
        spans = [(p.entity.span.start, p.entity.span.end)]
        if p.entity.chain is not None:
            spans += chains[p.entity.chain]
        out.append(tuple(sorted(set(spans))))
    return tuple(out)


def dependents(token: Token) -> list[Token]:
    """The baseline's arguments of a trigger token: its subject, objects and possessor, and
    the object of each preposition it governs."""
    out = [c for c in token.children if c.dep_ in _DEPENDENTS]
    for prep in (c for c in token.children if c.dep_ in _PREPOSITIONS):
        out += [g for g in prep.children if g.dep_ == "pobj"]
    return out


def found_by_kg(actions: Sequence[GoldAction], found: Extraction) -> list[Found]:
    events = list(found.events)
    pairs = match(
        [Trigger(a.pieces, a.tag) for a in actions],
        [Trigger(((e.span.start, e.span.end),), e.cls) for e in events],
    )
    return [
        Found(
            actions[gi],
            kg_participants(events[si], found),
            events[si].span.text,
            tuple(f"{p.role}:{p.entity.span.text}" for p in events[si].participants),
        )
        for gi, si in pairs
    ]


def errors(doc: cat.CatDoc, found: Sequence[Found]) -> list[str]:
    """For --errors: each of `found` that misses an argument, with its sentence."""
    bounds = {number: (start, end) for number, start, end in doc.sentences}
    out = []
    for f in found:
        missed = [a for a in f.action.arguments if not named(a, f.participants)]
        if not missed:
            continue
        start, end = bounds[f.action.sentence]
        text = " ".join(doc.text[start:end].split())
        exact = " exact" if f.action.alone else ""
        out += [
            f"-- {doc.name} s{f.action.sentence}{exact} [{f.trigger}] {f.action.tag}",
            f"   {text}",
            f"   kg: {'; '.join(f.labels) or '(none)'}",
            f"   missed: {'; '.join(f'{a.tag}:{a.text}' for a in missed)}",
        ]
    return out


def found_by_baseline(actions: Sequence[GoldAction], doc: Doc) -> list[Found]:
    triggers = baseline_triggers(doc)
    tokens = {t.idx: t for t in doc}
    pairs = match([Trigger(a.pieces, a.tag) for a in actions], triggers)
    out = []
    for gi, si in pairs:
        token = tokens[triggers[si].start]
        spans = tuple(((d.idx, d.idx + len(d.text)),) for d in dependents(token))
        out.append(Found(actions[gi], spans))
    return out


# -- counting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    gold_actions: int
    found: int
    none: int  # found events with no participant
    arguments: int  # of found actions
    named: int
    exact_actions: int  # found, alone in their sentence
    exact_arguments: int
    exact_named: int
    participants: int  # the system's participants of found events
    participants_right: int  # those that are an argument of the sentence

    @property
    def recall(self) -> float:
        return self.named / self.arguments if self.arguments else 0.0

    @property
    def exact_recall(self) -> float:
        return self.exact_named / self.exact_arguments if self.exact_arguments else 0.0

    @property
    def precision(self) -> float:
        return self.participants_right / self.participants if self.participants else 0.0


def tally(actions: Sequence[GoldAction], found: Sequence[Found]) -> Tally:
    arguments = named_n = exact_actions = exact_arguments = exact_named = 0
    participants = right = none = 0
    for f in found:
        hits = sum(named(a, f.participants) for a in f.action.arguments)
        arguments += len(f.action.arguments)
        named_n += hits
        if f.action.alone:
            exact_actions += 1
            exact_arguments += len(f.action.arguments)
            exact_named += hits
        none += not f.participants
        participants += len(f.participants)
        right += sum(
            any(_overlaps(s, a.mentions) for a in f.action.arguments for s in spans)
            for spans in f.participants
        )
    return Tally(
        len(actions),
        len(found),
        none,
        arguments,
        named_n,
        exact_actions,
        exact_arguments,
        exact_named,
        participants,
        right,
    )


def _p(x: float) -> str:
    return f"{x * 100:6.1f}"


def report(rows: Sequence[tuple[str, str, Tally]]) -> list[str]:
    """`rows`: (system, class of news or "all", tally)."""
    lines = [
        f"{'':30}{'gold':>6}{'found':>7}{'none':>6}{'%none':>7}{'args':>6}{'named':>6}"
        f"{'R all':>7}{'ex.args':>8}{'R ex.':>7}{'P':>7}"
    ]
    for system, news, t in rows:
        label = system if news == "all" else f"  {news}"
        lines.append(
            f"{label:30}{t.gold_actions:6}{t.found:7}{t.none:6}"
            f"{_p(t.none / t.found if t.found else 0):>7}{t.arguments:6}{t.named:6}"
            f"{_p(t.recall):>7}{t.exact_arguments:8}{_p(t.exact_recall):>7}{_p(t.precision):>7}"
        )
    return lines


def run(
    topics: Sequence[str] | None, limit: int | None, cache: Path | None, show: bool = False
) -> list[str]:
    docs = cat.load_ecbplus(topics, limit)
    selected = cat.coreference_sentences()
    articles = [Article.from_text(d.name, d.text, d.dct) for d in docs]
    kg = extractions(articles, cache, stderr_progress("kg extract ECB+"))
    parses = parse_texts([d.text for d in docs], cache)
    actions: dict[str, list[GoldAction]] = defaultdict(list)
    found: dict[str, dict[str, list[Found]]] = {"kg": defaultdict(list), "base": defaultdict(list)}
    missed: list[str] = []
    for d, extraction, parsed in zip(docs, kg, parses, strict=True):
        news = cat.news_class(d.topic)
        mine = gold_actions(d, selected)
        actions[news] += mine
        by_kg = found_by_kg(mine, extraction)
        found["kg"][news] += by_kg
        if show:
            missed += errors(d, by_kg)
        found["base"][news] += found_by_baseline(mine, parsed)
    rows = []
    for system, label in (("kg", "kg"), ("base", "baseline: trigger's dependents")):
        every = [a for news in sorted(actions) for a in actions[news]]
        hits = [f for news in sorted(actions) for f in found[system][news]]
        rows.append((label, "all", tally(every, hits)))
        rows += [
            (label, news, tally(actions[news], found[system][news])) for news in sorted(actions)
        ]
    head = [
        f"== ECB+ event arguments: {len(docs)} documents; arguments = the HUMAN_PART_* and "
        "LOC_* entities of the gold action's sentence (ECB+ links no argument to its action)",
        "gold: actions in the scored sentences; found: those a system's trigger matches; none: "
        "found with no participant; args/named: arguments of found actions and those named;",
        "R all: named / args over all sentences (a lower bound); exact, R ex.: arguments and "
        "recall in one-action sentences; P: participants that are arguments (an upper bound)",
    ]
    return head + report(rows) + missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--topics", default=None, help="ECB+ topics, comma-separated")
    parser.add_argument("--limit", type=int, default=None, help="the first N documents only")
    parser.add_argument("--no-cache", action="store_true", help=f"neither read nor write {CACHE}")
    parser.add_argument(
        "--errors", action="store_true", help="print each found action's missed arguments"
    )
    args = parser.parse_args(argv)
    topics = args.topics.split(",") if args.topics else None
    print("\n".join(run(topics, args.limit, None if args.no_cache else CACHE, args.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
