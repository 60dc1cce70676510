"""Event mentions: what happened (or is planned, denied, imagined), who took part, where, when.

The extractor runs its parts in order over one parsed document (each part a module):
  triggers      the verbs and nouns that name an event, and its class in ontology/kg.ttl
  anchoring     time, the TimeML way: the time expression of the trigger's clause, the time of
                the report that tells of it or of an event measured from it ("a day after
                he spoke"), else the article's date for a report or a present-tense event;
                each with its kg:timeOrigin
  participants  subject -> kg:agent, object -> kg:target, "with"/"between" ->
                kg:coParticipant, "in"/"at"/"to" a place -> sem:hasPlace
  modality      status (negation, modals, plans, a date after the article's) and claimant
                (the subject of a reporting verb, "according to", or of the cue that plans it)
Emits `EventMention`s.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from kg import lexicon
from kg.extract.common import entity_index, make_span, quotation, word_list
from kg.extract.events.anchoring import (
    attach_times,
    date_from_article,
    date_from_sentence,
    inherit_report_times,
    relate_events,
)
from kg.extract.events.modality import assess
from kg.extract.events.participants import add_participants
from kg.extract.events.syntax import Context, Draft, governing_verb
from kg.extract.events.triggers import find_trigger, generic_events
from kg.model import EventMention, Extraction


class EventExtractor:
    """Events typed by the taxonomy in ontology/kg.ttl (kg:Event subclasses), with kg:agent,
    kg:target, kg:coParticipant, sem:hasPlace, kg:timeValue, kg:status and kg:claimedBy."""

    name = "events.v2"
    order = 30

    def __init__(self) -> None:
        self.lex = lexicon.load()

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        ctx = Context(doc, found, self.lex, entity_index(doc, found.entities))
        for token in doc:
            draft = find_trigger(ctx, token)
            if draft is not None:
                ctx.drafts[token.i] = draft
        _fold_restatements(ctx)
        attach_times(ctx, found.times)
        inherit_report_times(ctx)
        for draft in ctx.drafts.values():
            add_participants(ctx, draft)
            assess(ctx, draft)
        _fold_onsets(ctx)
        generic = generic_events(ctx, found.times)
        ordered = sorted([*ctx.drafts.values(), *generic], key=lambda d: d.trigger.i)
        relate_events(ctx, ordered, found.times)
        _definite_anaphora(ctx, ordered)
        _headline_is_lede(ctx, ordered)
        date_from_article(ctx, ordered)
        date_from_sentence(ctx, ordered, found.times)
        return dataclasses.replace(found, events=tuple(_finish(ctx, d) for d in ordered))


def _fold_restatements(ctx: Context) -> None:
    """A noun event that an event verb of the same family governs restates it: "hosted
    Kristersson for talks", "met in Samarkand for talks" are one meeting, not two. So does an
    infinitive of purpose of the same family: "held a phone call ... to discuss aid"."""
    for i, draft in list(ctx.drafts.items()):
        if draft.cls == lexicon.GENERIC_CLASS:
            continue
        trigger = draft.trigger
        if trigger.pos_ != "VERB":
            verb = governing_verb(trigger)
            hosts = [verb] if verb is not None else []
        elif trigger.dep_ in {"xcomp", "advcl"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
        ):
            hosts = [trigger.head, *(c for c in trigger.head.children if c.dep_ == "dobj")]
        else:
            continue
        family = ctx.lex.lineage(draft.cls)[-1:]
        if any(
            (host := ctx.drafts.get(h.i)) is not None
            and h.i != i
            and ctx.lex.lineage(host.cls)[-1:] == family
            for h in hosts
        ):
            del ctx.drafts[i]
            ctx.folded.add(i)


def _fold_onsets(ctx: Context) -> None:
    """ "An earthquake struck eastern Indonesia on Sunday": a verb of onset
    (`ontology/cues/onset-verbs.txt`) whose subject is an event noun tells of that event, not of
    an attack: the noun's event takes the verb's time and objects (a place where it struck, or
    whom it hit) and the verb is no event of its own."""
    onsets = word_list("onset-verbs.txt")
    for i, draft in list(ctx.drafts.items()):
        verb = draft.trigger
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in onsets:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        event = ctx.drafts.get(subject.i) if subject is not None else None
        if event is None or event.trigger.pos_ != "NOUN":
            continue
        for participant in draft.participants.values():
            if participant.role != "agent":
                place = participant.entity.type in {"Place", "State"}
                event.add(participant.entity, "place" if place else participant.role)
        if event.time is None:
            event.time, event.time_origin = draft.time, draft.time_origin
        del ctx.drafts[i]
        ctx.folded.add(i)


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _definite_anaphora(ctx: Context, drafts: list[Draft]) -> None:
    """A definite event noun that says neither who nor when ("Washington welcomed the deal",
    "the talks were useful") refers back to the last event the article told of that is of its
    class or a subclass ("Seoul and Pyongyang agreed on Thursday ..."; "the meeting" may be a
    call told before, "the call" is never a visit): it takes that event's participants and
    time and status, so resolution makes the two one node (event coreference by definite
    description, as ECB+ annotates it)."""
    for n, draft in enumerate(drafts):
        trigger = draft.trigger
        definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in trigger.children)
        if trigger.pos_ != "NOUN" or not definite or draft.participants or draft.time:
            continue
        # "the meeting" may be the call told before it; "the call" is never the visit
        antecedent = next(
            (
                d
                for d in reversed(drafts[:n])
                if draft.cls in ctx.lex.lineage(d.cls) and d.participants
            ),
            None,
        )
        if antecedent is None:
            continue
        draft.participants = dict(antecedent.participants)
        draft.time, draft.time_origin = antecedent.time, antecedent.time_origin
        # what its own sentence does with it ("did not mention the invitation") is said of
        # the mention, not of the event the article already told
        draft.status = antecedent.status
        draft.claimed_by = draft.claimed_by or antecedent.claimed_by


def _headline_is_lede(ctx: Context, drafts: list[Draft]) -> None:
    """A headline announces the story its lede tells: an event of the headline ("EU chief meets
    Dutch leader", "MACRON TO MEET SCHOLZ") is the first event of the same family in the body
    (the meeting of von der Leyen and Rutte "in Brussels on Monday"), and takes what the body
    says of it: who, when, whether it happened. Headlines name people by role and clip their
    verbs, and the body says it in full."""
    title = ctx.found.article.title
    if not title:
        return
    # the first sentence with words: front matter and furniture before it are blanks
    first = next((t.sent for t in ctx.doc if not t.is_space), None)
    if first is None or " ".join(first.text.split()) != " ".join(title.split()):
        return
    body = [d for d in drafts if d.trigger.i >= first.end]
    for draft in (d for d in drafts if d.trigger.i < first.end):
        family = ctx.lex.lineage(draft.cls)[-1:] if draft.cls != lexicon.GENERIC_CLASS else ()
        lede = next((b for b in body if family and ctx.lex.lineage(b.cls)[-1:] == family), None)
        if lede is not None:
            draft.participants = dict(lede.participants)
            draft.time, draft.time_origin = lede.time, lede.time_origin
            draft.status, draft.claimed_by = lede.status, lede.claimed_by


def _attribution(ctx: Context, draft: Draft) -> bool:
    """A reporting verb that only says who an event of the article comes from ("..., the
    White House said") is that event's kg:claimedBy, not an event of its own (resolution
    leaves it out of the graph); one that says something of its own (a quotation: "“We will
    not give up Bakhmut,” Zelenskyy told reporters") stays a Statement."""
    trigger = draft.trigger
    return draft.cls == "Statement" and trigger.i in ctx.reporters and quotation(trigger) is None


def _finish(ctx: Context, draft: Draft) -> EventMention:
    span = make_span(
        ctx.doc, draft.first.idx, draft.last.idx + len(draft.last), ctx.found.article.id
    )
    return EventMention(
        span=span,
        cls=draft.cls,
        label=draft.label,
        status=draft.status,
        participants=tuple(draft.participants.values()),
        time=draft.time,
        time_origin=draft.time_origin if draft.time is not None else None,
        claimed_by=draft.claimed_by,
        quote=quotation(draft.trigger) if draft.trigger.pos_ in {"VERB", "AUX"} else None,
        attribution=_attribution(ctx, draft),
    )


__all__ = ["EventExtractor"]
