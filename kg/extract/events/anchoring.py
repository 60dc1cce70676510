"""When an event happened: the time expression it is anchored to (TimeML's anchoring of an
event to a TIMEX3 through the dependency path), or the time of the report that tells of it."""

from __future__ import annotations

from kg.extract.common import word_list
from kg.extract.events.syntax import (
    OBJECT,
    Context,
    Draft,
    clause_ancestors,
    completed,
    governing_verb,
)
from kg.model import TimeMention


def attach_times(ctx: Context, times: tuple[TimeMention, ...]) -> None:
    """Each time goes to the first trigger on its chain of heads (not the nearest one)."""
    hosts = _hosts(ctx)
    for time in times:
        if time.type not in {"DATE", "TIME"}:
            continue  # "a day after", "for eight minutes": how long, not when
        span = ctx.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None:
            continue
        for token in clause_ancestors(span.root):
            draft = ctx.drafts.get(token.i)
            if draft is None and token.i in hosts and len(hosts[token.i]) == 1:
                draft = hosts[token.i][0]
            if draft is not None:
                give_time(draft, time)
                # "the pact they signed in February": a relative clause of the same
                # class dates the noun it describes
                noun = ctx.drafts.get(token.head.i)
                if token.dep_ in {"relcl", "acl"} and noun and noun.cls == draft.cls:
                    give_time(noun, time)
                break


def inherit_report_times(ctx: Context) -> None:
    """ "Belarus said on Thursday it had shot down a missile": a completed event reported
    without a time of its own takes the day of the report that tells of it (TimeML would
    say BEFORE; the day is the closest the text allows)."""
    for draft in ctx.drafts.values():
        trigger = draft.trigger
        if draft.time is not None or trigger.pos_ != "VERB" or not completed(trigger):
            continue
        clause = trigger
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp":
            continue
        report = ctx.drafts.get(clause.head.i)
        if report is not None and report.time is not None and report.time.type == "DATE":
            draft.time = report.time


def give_time(draft: Draft, time: TimeMention) -> None:
    if draft.time is None or len(time.value) > len(draft.time.value):
        draft.time = time


def _hosts(ctx: Context) -> dict[int, list[Draft]]:
    """Verbs that carry a noun event, and so its time: a support verb with the noun
    anywhere in its clause ("held talks by video link on Friday"), or any verb but a
    topic verb with the noun as its object ("Xi secured a third term in October")."""
    hosts: dict[int, list[Draft]] = {}
    support = word_list("support-verbs.txt")
    lex = ctx.lex
    topic = word_list("topic-verbs.txt") | lex.reporting_cues | lex.planned_cues
    topic |= lex.negation_cues
    for draft in ctx.drafts.values():
        verb = governing_verb(draft.trigger)
        if verb is None or verb.i in ctx.drafts:
            continue
        lemma = verb.lemma_.lower()
        carried = draft.trigger.dep_ in OBJECT and draft.trigger.head.i == verb.i
        if lemma in support or (carried and lemma not in topic):
            hosts.setdefault(verb.i, []).append(draft)
    return hosts
