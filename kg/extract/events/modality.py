"""Whether an event happened, and on whose word: its status (kg:Occurred, kg:Planned,
kg:Negated, kg:Hypothetical) from the cues on the way up to the clause that governs its trigger,
and its claimant (kg:claimedBy) from the reporting verb or the cue that plans it."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg import timex
from kg.extract.events.participants import entity_of
from kg.extract.events.syntax import CLAUSE_EDGES, SUBJECT, Context, Draft, ancestors, pobjs
from kg.model import EntityMention

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can"}

_ADJUNCT_PREPS = {
    "in",
    "during",
    "after",
    "before",
    "since",
    "amid",
    "despite",
    "following",
    "throughout",
}


def _status_path(trigger: Token, drafts: dict[int, Draft]) -> Iterator[Token]:
    """The trigger and the heads that govern its modality: up through complements and
    prepositions, stopping at the next trigger or at a clause edge."""
    token = trigger
    yield token
    while token.head.i != token.i and token.dep_ not in CLAUSE_EDGES:
        if token.dep_ == "prep" and token.lower_ in _ADJUNCT_PREPS:
            return  # "in its account of the call, X did not refer to ...": an adjunct
        token = token.head
        yield token
        if token.i in drafts:
            return


def _going_to(token: Token) -> bool:
    """ "is going to visit": the future without "will"."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lower_ == "going"
        and any(c.lower_ == "to" for c in token.children)
    )


def assess(ctx: Context, draft: Draft) -> None:
    lex = ctx.lex
    negated = hypothetical = planned = False
    claimant: EntityMention | None = None
    for token in _status_path(draft.trigger, ctx.drafts):
        kids = list(token.children)
        if any(c.dep_ == "neg" for c in kids) or any(
            c.dep_ == "det" and c.lower_ == "no" for c in kids
        ):
            negated = True
        lemma = token.lemma_.lower()
        if lemma in lex.negation_cues and token.i != draft.trigger.i:
            negated = True
        aux = {c.lower_ for c in kids if c.dep_ in {"aux", "auxpass"}}
        if aux & _FUTURE_AUX or _going_to(token):
            planned = True
        if aux & _HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ == "if" for c in kids):
            hypothetical = True
        if token.i != draft.trigger.i and lemma in lex.planned_cues:
            planned = True
            claimant = claimant or subject_of(ctx, token)
        if token.pos_ == "NOUN":  # "the planned visit", "a possible visit"
            mods = {c.lemma_.lower() for c in kids if c.dep_ == "amod"}
            planned = planned or bool(mods & lex.planned_cues)
            hypothetical = hypothetical or bool(mods & lex.hypothetical_cues)
    claimant = _reporter(ctx, draft.trigger) or claimant
    dct = ctx.found.article.published
    if draft.time is not None and dct is not None:
        begin, _ = timex.bounds(draft.time.value)
        planned = planned or (begin is not None and begin > dct)
    draft.status = (
        "Negated"
        if negated
        else "Hypothetical"
        if hypothetical
        else "Planned"
        if planned
        else "Occurred"
    )
    if draft.cls != "Statement":
        draft.claimed_by = claimant


def _reporter(ctx: Context, trigger: Token) -> EntityMention | None:
    """Who the sentence says the event comes from: the subject of a governing reporting
    verb, or the object of "according to"."""
    for token in ancestors(trigger.head) if trigger.head.i != trigger.i else ():
        if token.lemma_.lower() in ctx.lex.reporting_cues and token.pos_ == "VERB":
            subject = subject_of(ctx, token)
            if subject is not None:
                return subject
    for token in trigger.sent:
        if token.lower_ == "according":
            for to in (c for c in token.children if c.lower_ == "to"):
                for pobj in pobjs(to):
                    mention = entity_of(ctx, pobj)
                    if mention is not None:
                        return mention
    return None


def subject_of(ctx: Context, verb: Token) -> EntityMention | None:
    for child in verb.children:
        if child.dep_ in SUBJECT:
            return entity_of(ctx, child)
    return None
