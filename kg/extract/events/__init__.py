"""Event mentions: what happened (or is planned, denied, imagined), who took part, where, when.

The extractor runs its parts in order over one parsed document (each part a module):
  triggers      the verbs and nouns that name an event, and its class in ontology/kg.ttl
  anchoring     time: the time expression whose chain of heads reaches the trigger first, or
                the time of the report that tells of a completed event
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
from kg.extract.common import entity_index, make_span, quotation
from kg.extract.events.anchoring import attach_times, inherit_report_times
from kg.extract.events.modality import assess
from kg.extract.events.participants import add_participants
from kg.extract.events.syntax import Context, Draft
from kg.extract.events.triggers import find_trigger, generic_events
from kg.model import EventMention, Extraction


class EventExtractor:
    """Events typed by the taxonomy in ontology/kg.ttl (kg:Event subclasses), with kg:agent,
    kg:target, kg:coParticipant, sem:hasPlace, kg:timeValue, kg:status and kg:claimedBy."""

    name = "events.v1"
    order = 30

    def __init__(self) -> None:
        self.lex = lexicon.load()

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        ctx = Context(doc, found, self.lex, entity_index(doc, found.entities))
        for token in doc:
            draft = find_trigger(ctx, token)
            if draft is not None:
                ctx.drafts[token.i] = draft
        attach_times(ctx, found.times)
        inherit_report_times(ctx)
        for draft in ctx.drafts.values():
            add_participants(ctx, draft)
            assess(ctx, draft)
        generic = generic_events(ctx, found.times)
        ordered = sorted([*ctx.drafts.values(), *generic], key=lambda d: d.trigger.i)
        return dataclasses.replace(found, events=tuple(_finish(ctx, d) for d in ordered))


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
        claimed_by=draft.claimed_by,
        quote=quotation(draft.trigger) if draft.trigger.pos_ in {"VERB", "AUX"} else None,
    )


__all__ = ["EventExtractor"]
