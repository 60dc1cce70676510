"""Event dating: whether the days kg gives an event (`kg:begin`..`kg:end` in graph.ttl) agree
with the times TimeBank + AQUAINT (TBAQ-cleaned) link the event to, beside two floors.

    .venv/bin/python -m bench.dating [--limit N] [--errors FILE] [--keep DIR] [--together]
        [--no-cache]

How
  kg builds each TBAQ document on its own (`kg.pipeline.build`, the DCT in the folder's
  sources.yaml; `--together` builds them into one graph, where kg merges events across
  articles) and the event nodes are read from graph.ttl with their kg:evidence mentions. A
  gold EVENT is found when one of a node's evidence mentions shares a token with it (one-to-one
  per document, bench.triggers.match); the node's kg:begin / kg:end are then kg's date for it,
  and an event node without them is undated.
  Every TLINK between an event instance and a TIMEX3 (the DCT included) is read as "event REL
  time" (bench.timeml turns time-to-event links round). The time's days come from its value
  (bench.timeml.interval: a day, month, week, quarter, season, year, decade; PAST_REF up to the
  DCT, FUTURE_REF from it); links to a duration or a set are left out and counted.
  kg agrees with a link when its days entail the relation:
    within   IS_INCLUDED, DURING, SIMULTANEOUS, IDENTITY: kg's days lie inside the time's;
    overlap  INCLUDES, DURING_INV, BEGINS, BEGUN_BY, ENDS, ENDED_BY: kg's days meet the time's;
    before   BEFORE, IBEFORE: kg's last day is before the time's first (for the DCT, a moment
             of its day, on or before that day);
    after    AFTER, IAFTER: likewise the other way.
  Anchoring ("within") is the headline: it is what a timeline shows. BEFORE / AFTER only bound
  one side, so a date far off still satisfies them: they are counted apart, never mixed in.
  Shares are of links whose gold event kg found ("of found", an undated event counting as wrong)
  and of those kg dated ("of dated").
Floors, given the gold events: every event on the day of its DCT; and every event on the time
of the nearest TIMEX3 of its sentence (gold values; spaCy's sentences), else the DCT's day.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench import timeml
from bench.kgout import CACHE, GraphEvent, Source, build_graph, graph_events, stderr_progress
from bench.parses import parse_texts
from bench.triggers import Trigger, match

Interval = tuple[date, date]

GROUPS = {
    "within": ("IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY"),
    "overlap": ("INCLUDES", "DURING_INV", "BEGINS", "BEGUN_BY", "ENDS", "ENDED_BY"),
    "before": ("BEFORE", "IBEFORE"),
    "after": ("AFTER", "IAFTER"),
}
GROUP_OF = {rel: group for group, rels in GROUPS.items() for rel in rels}


def agrees(relation: str, event: Interval, time: Interval, time_is_dct: bool = False) -> bool:
    """Whether an event dated `event` (first day, last day) is sure to stand in `relation`
    to `time` (a DCT is a moment within its day). An unknown relation never agrees."""
    (b, e), (tb, te) = event, time
    group = GROUP_OF.get(relation)
    if group == "within":
        return tb <= b and e <= te
    if group == "overlap":
        return b <= te and tb <= e
    if group == "before":
        return e <= tb if time_is_dct or relation == "IBEFORE" else e < tb
    if group == "after":
        return b >= te if time_is_dct or relation == "IAFTER" else b > te
    return False


@dataclass(frozen=True)
class Link:
    """One gold TLINK with what kg and the floors say about its event."""

    doc: str
    event: timeml.Event
    relation: str
    time: timeml.Timex
    days: Interval | None  # the time's days; None when its value names none
    found: bool  # kg has an event node with a mention on the gold event
    kg: Interval | None  # the node's kg:begin..kg:end; None when undated or not found
    kg_value: str | None
    origin: str | None
    sentence_time: Interval | None  # a floor: the nearest gold time of the sentence, or DCT
    dct_day: Interval | None  # the other floor: the DCT's day

    @property
    def group(self) -> str:
        return GROUP_OF.get(self.relation, "other")

    def kg_agrees(self) -> bool:
        return (
            self.days is not None
            and self.kg is not None
            and agrees(self.relation, self.kg, self.days, self.time.is_dct)
        )

    def agrees_with(self, guess: Interval | None) -> bool:
        return (
            self.days is not None
            and guess is not None
            and agrees(self.relation, guess, self.days, self.time.is_dct)
        )


def node_of_events(doc: timeml.TimeMLDoc, nodes: Sequence[GraphEvent]) -> dict[str, GraphEvent]:
    """Gold event id -> the kg event node one of whose mentions shares a token with it."""
    mentions = [(m, n) for n in nodes for m in n.mentions if m.article == doc.name]
    gold = [Trigger(((e.start, e.end),), e.cls) for e in doc.events]
    system = [Trigger(((m.start, m.end),), "kg") for m, _ in mentions]
    return {doc.events[gi].eid: mentions[si][1] for gi, si in match(gold, system)}


def sentence_times(
    doc: timeml.TimeMLDoc, sentences: Sequence[tuple[int, int]]
) -> dict[str, Interval]:
    """The floor's date of every gold event: the interval of the nearest TIMEX3 with one in its
    sentence, else the DCT's day (no DCT: none)."""
    out = {}
    times = [(t, timeml.interval(t.value, doc.dct)) for t in doc.timexes if not t.is_dct]
    for e in doc.events:
        sentence = next(((s, x) for s, x in sentences if s <= e.start < x), (e.start, e.end))
        near = [
            (abs(t.start - e.start), days)
            for t, days in times
            if days is not None and sentence[0] <= t.start < sentence[1]
        ]
        if near:
            out[e.eid] = min(near, key=lambda pair: pair[0])[1]
        elif doc.dct is not None:
            out[e.eid] = (doc.dct, doc.dct)
    return out


def links(
    doc: timeml.TimeMLDoc,
    nodes: Sequence[GraphEvent],
    sentences: Sequence[tuple[int, int]],
) -> list[Link]:
    """Every event-time TLINK of `doc`, with kg's date and the floors' for its event."""
    events = {e.eid: e for e in doc.events}
    times = {t.tid: t for t in doc.timexes}
    node_of = node_of_events(doc, nodes)
    floor = sentence_times(doc, sentences)
    out = []
    for link in doc.links:
        event, time = events.get(link.eid), times[link.tid]
        if event is None:
            continue
        node = node_of.get(link.eid)
        kg = (node.begin, node.end) if node and node.begin and node.end else None
        out.append(
            Link(
                doc=doc.name,
                event=event,
                relation=link.relation,
                time=time,
                days=timeml.interval(time.value, doc.dct),
                found=node is not None,
                kg=kg,
                kg_value=node.value if node else None,
                origin=node.origin if node else None,
                sentence_time=floor.get(link.eid),
                dct_day=(doc.dct, doc.dct) if doc.dct else None,
            )
        )
    return out


# -- the report -----------------------------------------------------------------------------


def _pct(n: int, d: int) -> str:
    return f"{n / d * 100:6.1f}" if d else "     -"


def report(all_links: Sequence[Link], docs: int) -> list[str]:
    scorable = [x for x in all_links if x.days is not None]
    events = {(x.doc, x.event.eid) for x in scorable}
    found = {(x.doc, x.event.eid) for x in scorable if x.found}
    dated = {(x.doc, x.event.eid) for x in scorable if x.kg is not None}
    lines = [
        f"== TBAQ: {docs} documents, {len(all_links)} event-time TLINKs, {len(scorable)} to a "
        f"time with calendar days ({len(all_links) - len(scorable)} to durations, sets or "
        "unanchored values left out)",
        f"gold events with such a link: {len(events)}; kg finds {len(found)} "
        f"({_pct(len(found), len(events)).strip()}%) and dates {len(dated)} of them "
        f"({_pct(len(dated), len(found)).strip()}% of found)",
        "",
        "links whose event kg found: how many kg dates, how many it dates in agreement (% of "
        "found, % of dated), and the floors (% of found)",
        f"{'':24}{'links':>6}{'found':>6}{'dated':>6}{'agree':>6}{'%found':>7}{'%dated':>7}"
        f"{'DCT day':>9}{'sent.time':>10}",
    ]

    def line(label: str, chosen: Iterable[Link]) -> str:
        chosen = list(chosen)
        f = [x for x in chosen if x.found]
        d = [x for x in f if x.kg is not None]
        a = sum(x.kg_agrees() for x in d)
        dct_floor = sum(x.agrees_with(x.dct_day) for x in f)
        sent_floor = sum(x.agrees_with(x.sentence_time) for x in f)
        return (
            f"{label:24}{len(chosen):6}{len(f):6}{len(d):6}{a:6}{_pct(a, len(f)):>7}"
            f"{_pct(a, len(d)):>7}{_pct(dct_floor, len(f)):>9}{_pct(sent_floor, len(f)):>10}"
        )

    for group in GROUPS:
        mine = [x for x in scorable if x.group == group]
        lines.append(line(group, mine))
        lines.append(line("  to the DCT", (x for x in mine if x.time.is_dct)))
        lines.append(line("  to a time in the text", (x for x in mine if not x.time.is_dct)))
    lines += ["", "floors over every gold-linked event (% of links)"]
    lines.append(f"{'':24}{'links':>6}{'DCT day':>9}{'sent.time':>10}")
    for group in GROUPS:
        mine = [x for x in scorable if x.group == group]
        dct_floor = sum(x.agrees_with(x.dct_day) for x in mine)
        sent_floor = sum(x.agrees_with(x.sentence_time) for x in mine)
        lines.append(
            f"{group:24}{len(mine):6}{_pct(dct_floor, len(mine)):>9}"
            f"{_pct(sent_floor, len(mine)):>10}"
        )
    origins = sorted({x.origin or "none" for x in scorable if x.kg is not None})
    if origins != ["none"] and origins:
        lines += ["", "within, by kg:timeOrigin of the dated event: agree / dated"]
        for origin in origins:
            mine = [
                x
                for x in scorable
                if x.group == "within" and x.kg is not None and (x.origin or "none") == origin
            ]
            lines.append(f"  {origin:22}{sum(x.kg_agrees() for x in mine):6}/{len(mine)}")
    lines += ["", "groups: " + "; ".join(f"{g} {', '.join(r)}" for g, r in GROUPS.items())]
    return lines


def error_lines(all_links: Iterable[Link]) -> list[str]:
    out = []
    for x in all_links:
        if x.days is None or not x.found or x.kg_agrees():
            continue
        kg = f"{x.kg[0]}..{x.kg[1]} ({x.kg_value}, {x.origin})" if x.kg else "undated"
        time = "DCT" if x.time.is_dct else repr(x.time.text)
        out.append(f"{x.doc}\t{x.event.text!r}\t{x.relation}\t{time} {x.time.value}\tkg {kg}")
    return out


def run(
    limit: int | None, cache: Path | None, keep: Path | None, together: bool = False
) -> tuple[list[str], list[str]]:
    docs = [timeml.read_timeml(p) for p in timeml.tbaq_files()[:limit]]
    sources = [Source(d.name, d.text, d.dct) for d in docs]
    # one build per document unless `together`: TBAQ is not one story, and merging its
    # unrelated articles' events would date one article's event from another's
    batches = [sources] if together else [[s] for s in sources]
    nodes: list[GraphEvent] = []
    progress = stderr_progress("kg build TBAQ")
    with tempfile.TemporaryDirectory(prefix="kg-bench-dating-") as tmp:
        for i, batch in enumerate(batches):
            out = (keep or Path(tmp)) / (f"{i:03d}_{batch[0].name}" if not together else "all")
            nodes += graph_events(build_graph(batch, out, cache))
            progress(i + 1, len(batches))
    parses = parse_texts([d.text for d in docs], cache)
    found: list[Link] = []
    for d, parsed in zip(docs, parses, strict=True):
        sentences = [(s.start_char, s.end_char) for s in parsed.sents]
        found += links(d, nodes, sentences)
    lines = report(found, len(docs))
    lines.insert(1, "built " + ("together, one graph" if together else "one graph per document"))
    return lines, error_lines(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="the first N documents only")
    parser.add_argument("--errors", type=Path, default=None, help="write disagreements here")
    parser.add_argument("--keep", type=Path, default=None, help="build into DIR and keep it")
    parser.add_argument("--no-cache", action="store_true", help=f"neither read nor write {CACHE}")
    parser.add_argument(
        "--together", action="store_true", help="build all documents into one graph"
    )
    args = parser.parse_args(argv)
    lines, errors = run(args.limit, None if args.no_cache else CACHE, args.keep, args.together)
    print("\n".join(lines))
    if args.errors:
        args.errors.write_text("\n".join(errors) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
