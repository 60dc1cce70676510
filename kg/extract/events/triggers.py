"""Event triggers: the verbs and nouns that name an event, and the class each names.

A verb with its particle or preposition ("shoot down"), or a noun with the modifiers before it
("video call"), whose lemmas the ontology lists as a trigger of an event class; and, after those,
generic events (kg:OtherEvent, labelled by the verb's lemma) where a named actor does something
to someone or at a stated time.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Token

from kg import lexicon
from kg.extract.common import word_list
from kg.extract.events.anchoring import give_time
from kg.extract.events.modality import assess
from kg.extract.events.participants import clause_participants
from kg.extract.events.syntax import Context, Draft, clause_ancestors, governing_verb
from kg.model import TimeMention


def generic_events(ctx: Context, times: tuple[TimeMention, ...]) -> list[Draft]:
    """A verb no class lists still makes a generic kg:OtherEvent (labelled with its lemma) when
    a named participant acts and the clause says on whom or when: "Apple sued Samsung",
    "the quake struck Haiti on Tuesday". Found after the classed events, so it never takes
    their times or participants. Without a named actor and an object or a time, a verb
    says too little to be worth a node: that is where precision is bought with recall."""
    lex = ctx.lex
    never = (
        word_list("not-events.txt") | word_list("topic-verbs.txt")
        | word_list("support-verbs.txt") | lex.reporting_cues | lex.planned_cues
        | lex.negation_cues | lex.hypothetical_cues
    )  # fmt: skip
    # a verb above a classed noun event is that event's vehicle ("spoke by video call")
    carriers = {v.i for d in ctx.drafts.values() if (v := governing_verb(d.trigger))}
    drafts: dict[int, Draft] = {}
    for token in ctx.doc:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or token.i in ctx.drafts or token.i in carriers:
            continue
        if lemma in never or not lemma.isalpha():
            continue
        drafts[token.i] = Draft(token, token, token, lexicon.GENERIC_CLASS, lemma)
    for time in times:
        if time.type not in {"DATE", "TIME"}:
            continue
        span = ctx.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        for token in clause_ancestors(span.root) if span is not None else ():
            if token.i in ctx.drafts:
                break
            if token.i in drafts:
                give_time(drafts[token.i], time)
                break
    kept = []
    for draft in drafts.values():
        clause_participants(ctx, draft, draft.trigger, "agent", "target")
        roles = {p.role for p in draft.participants.values()}
        if "agent" in roles and (roles - {"agent", "place"} or draft.time is not None):
            assess(ctx, draft)
            kept.append(draft)
    return kept


def find_trigger(ctx: Context, token: Token) -> Draft | None:
    """A verb with its particle or preposition ("shoot down", "call on"), or a noun with
    the modifiers before it ("video call", "cease-fire"), that the ontology lists."""
    if token.i in ctx.ents and token.pos_ != "VERB":
        return None
    if token.pos_ == "VERB":
        extras = [c for c in token.children if c.dep_ in {"prt", "prep"} and c.i > token.i]
        for words in (*([token, c] for c in extras), [token]):
            phrase = " ".join(t.lemma_.lower() for t in words)
            cls = ctx.lex.event_trigger(phrase, "VERB")
            if cls is not None:
                last = words[-1] if words[-1].i == token.i + 1 else token
                return Draft(token, token, last, cls, phrase)
    elif token.pos_ in {"NOUN", "PROPN"} and token.dep_ != "compound":
        # a noun that only modifies another ("air raid sirens") names no event
        left = list(token.doc[max(token.sent.start, token.i - 6) : token.i])
        mods = [t for t in left if t.head.i == token.i or t.text == "-"]
        for n in range(min(len(mods), 2 * ctx.lex.max_trigger_words), -1, -1):
            words = [*mods[len(mods) - n :], token]
            if words[0].text == "-" or any(b.i - a.i != 1 for a, b in itertools.pairwise(words)):
                continue  # not contiguous, or half a hyphenated word ("-election")
            phrase = " ".join(t.lemma_.lower() for t in words if t.text != "-")
            cls = ctx.lex.event_trigger(phrase, "NOUN")
            if cls is not None:
                return Draft(token, words[0], token, cls, phrase)
    return None
