"""Whether an event happened, and on whose word: its status (kg:Occurred, kg:Planned,
kg:Negated, kg:Hypothetical) from the cues on the way up to the clause that governs its trigger,
and its claimant (kg:claimedBy) from the reporting verb or the cue that plans it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from kg import timex
from kg.extract.common import word_list
from kg.extract.events.participants import entity_of
from kg.extract.events.syntax import (
    CLAUSE_EDGES,
    SUBJECT,
    Context,
    Draft,
    according_to,
    ancestors,
    conjoined_verb,
    governing_verb,
    headline_participle,
    indefinite,
    phrasal_lemma,
    takes_part,
    to_infinitive,
)
from kg.model import EntityMention

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can"}

_ADJUNCT_PREPS = {
    "in",
    "at",  # "at the G-20 summit, China did not block a communique": the summit was held
    "during",
    "after",
    "before",
    "since",
    "amid",
    "despite",
    "following",
    "throughout",
}


def _status_path(trigger: Token, drafts: dict[int, Draft]) -> Iterator[tuple[Token, str | None]]:
    """The trigger and the heads that govern its modality, each with the edge the path came up
    by (None for the trigger): up through complements (to-infinitives included) and
    prepositions, stopping at the next trigger or at a clause edge."""
    token = trigger
    yield token, None
    while token.head.i != token.i and (
        token.dep_ not in CLAUSE_EDGES or (token.dep_ == "ccomp" and to_infinitive(token))
    ):
        # a to-infinitive is its verb's complement even where the parser gives it a subject
        # ("expecting Xi to make a state visit" parses as a ccomp): not a clause of its own
        if token.dep_ == "prep" and (
            (token.lower_ in _ADJUNCT_PREPS and not _takes_part(token)) or _concessive(token)
        ):
            return  # "in its account of the call, X did not refer to ...": an adjunct
        via = token.dep_
        token = token.head
        yield token, via
        if token.i in drafts:
            return


def _auxiliaries(verb: Token) -> set[str]:
    """The auxiliaries of `verb`, lowercased; a verb conjoined with no subject or auxiliary of
    its own shares those of the verb it is conjoined with ("will lay off 1,200 employees and
    acquire Kestrel": the acquiring is to come too)."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    bare = not aux and not any(c.dep_ in SUBJECT for c in verb.children)
    if bare and verb.dep_ == "conj" and verb.head.i != verb.i:
        return _auxiliaries(verb.head)
    return aux


def _concessive(prep: Token) -> bool:
    """ "for all the sanctions imposed on it": "for all" concedes what it names (as "despite"
    does), so the clause's negation is not said of it."""
    return prep.lower_ == "for" and any(
        c.dep_ == "predet" and c.lower_ == "all" for o in prep.children for c in o.children
    )


def _appeal(ctx: Context, token: Token) -> bool:
    """Whether `token` triggers a kg:Appeal (an appeal, demand or request; CAMEO 02)."""
    draft = ctx.drafts.get(token.i)
    return draft is not None and "Appeal" in ctx.lex.lineage(draft.cls)


def _headline_participles(noun: Token) -> list[Token]:
    """ "Armenia-Azerbaijan summit called off", "Yemen talks delayed": a headline writes the
    passive as a bare participle after the noun it tells of."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return []
    found = [c for c in noun.children if c.dep_ == "acl" and c.tag_ in {"VBN", "VBD"}]
    if noun.dep_ == "nsubj" and headline_participle(noun.head):
        found.append(noun.head)  # "Yemen talks delayed": no auxiliary, no object, no full stop
    return [c for c in found if c.i > noun.i]


def _ahead_of(noun: Token) -> bool:
    """ "Ruto will host Ramaphosa ahead of the AU summit", "troops deployed ahead of Sunday's
    election": what something happens ahead of is still to come."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ == "of"
        and prep.head.lower_ == "ahead"
        and noun.pos_ in {"NOUN", "PROPN"}
    )


def _intended(verb: Token, cues: frozenset[str]) -> bool:
    """An infinitive that completes a noun of intent or attempt ("a bid to annul", "an
    attempt to seize", "plans to visit"), a clause edge `_status_path` does not climb."""
    return verb.dep_ == "acl" and to_infinitive(verb) and verb.head.lemma_.lower() in cues


def _no_before(noun: Token) -> bool:
    """A "no" the parser hangs on a noun's modifier rather than on the noun ("no tsunami
    warning": "no" under "tsunami"): it still denies the whole noun phrase, unless the noun
    has a determiner of its own, when the "no" is inside a modifier ("a 'no limits'
    partnership", "a no-fly zone")."""
    if noun.pos_ not in {"NOUN", "PROPN"} or any(c.dep_ == "det" for c in noun.children):
        return False
    return any(g.dep_ == "det" and g.lower_ == "no" for c in noun.lefts for g in c.children)


# What makes the one a noun's infinitive names an act that happened: "the first woman to win",
# "the only country to vote against", "the last leader to visit"
_REALISED_MODIFIERS = frozenset({"first", "last", "only", "next", "second", "third", "latest"})


def _infinitive_relative(ctx: Context, verb: Token) -> str | None:
    """The status a noun's to-infinitive gives its event (TimeML: an infinitive is not
    asserted): "Planned" when the noun is an event that sets it ("a deal to buy Altair");
    "Hypothetical" for a noun of time, means or chance ("have 28 days to lodge an appeal",
    "a chance to win"); None for an infinitive after an ordinal or superlative, which
    happened ("the first woman to win"), for a noun of intent (`_intended`), or for any other
    clause."""
    noun = verb.head
    if verb.dep_ not in {"relcl", "acl"} or not to_infinitive(verb) or noun.i == verb.i:
        return None
    if noun.pos_ != "NOUN" or noun.i in ctx.ents or noun.lemma_.lower() in ctx.lex.planned_cues:
        return None  # a name is the doer: "Macron to meet Scholz" is a headline's plan
    if noun.lower_ in _REALISED_MODIFIERS or any(
        c.lower_ in _REALISED_MODIFIERS or c.tag_ in {"JJS", "RBS"} for c in noun.children
    ):
        return None
    return "Planned" if noun.i in ctx.drafts else "Hypothetical"


def _subordinate(clause: Token) -> bool:
    """An adverbial clause opened by a conjunction of contrast or time ("while", "as",
    "whereas", "after", "before", "when"), which the writer adds beside what is reported."""
    return any(
        c.dep_ == "mark" and c.lower_ in {"while", "whereas", "as", "after", "before", "when"}
        for c in clause.children
    )


def _takes_part(prep: Token) -> bool:
    """ "take part in the talks", "participate in negotiations": an "in" that names what one
    takes part in, so "would not take part in negotiations" negates them."""
    return prep.lower_ == "in" and takes_part(prep.head)


def _conditioned(clause: Token) -> bool:
    """A clause opened by "if" or "unless"."""
    return any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children)


def _asked(clause: Token) -> bool:
    """A clause that asks rather than tells ("asked whether Nvidia had completed its tests",
    "it is unclear if the talks will resume"): what it names is an open question."""
    return clause.dep_ in {"ccomp", "csubj", "pcomp"} and any(
        c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in clause.children
    )


def _says_what(ctx: Context, draft: Draft) -> bool:
    """Whether the event is one of saying (a statement, a threat, an appeal) with what it
    says as its object or complement ("threatened strikes", "warned it would leave")."""
    return ctx.lex.lineage(draft.cls)[-1:] in {("Statement",), ("Threat",), ("Appeal",)} and any(
        c.dep_ in {"dobj", "xcomp", "ccomp"} for c in draft.trigger.children
    )


def share_with_conjuncts(drafts: Sequence[Draft]) -> None:
    """ "plans to close three plants, lay off 5,000 workers and shrink the rest", "did not
    attack or threaten anyone": a verb conjoined in the same form with no subject or
    auxiliary of its own is said under the same cues as its first conjunct, which
    `_status_path` does not climb to (a conjunct is a clause edge). Drafts in text order, so
    a chain of conjuncts takes the first one's status and claimant."""
    by_token = {d.trigger.i: d for d in drafts}
    for draft in drafts:
        verb = draft.trigger
        head = conjoined_verb(verb)
        first = by_token.get(head.i) if head is not None else None
        if (
            first is None
            or not _same_form(verb, first.trigger)
            or draft.status != "Occurred"
            or any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
        ):
            continue
        draft.status = first.status
        draft.claimed_by = draft.claimed_by or first.claimed_by


def _same_form(verb: Token, first: Token) -> bool:
    """Whether a conjunct is in the form of its first conjunct: the same tag, or a bare form
    after an infinitive that the tagger read as a past ("to close the plant and lay off")."""
    return verb.tag_ == first.tag_ or (first.tag_ == "VB" and verb.lower_ == verb.lemma_.lower())


def _going_to(token: Token) -> bool:
    """ "is going to visit": the future without "will"."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lower_ == "going"
        and any(c.lower_ == "to" for c in token.children)
    )


def _presupposed_by(ctx: Context, draft: Draft, verb: Token) -> bool:
    """Whether `draft` is a known event ("the invasion", "Russia's war": a definite or
    possessed noun) that `verb`, a verb of another event or of none, takes as its object or
    through a preposition: the definite presupposes that it happened (Karttunen 1973),
    whatever the verb's tense, modality or negation ("China did not condemn the invasion",
    "would appeal the verdict", "will not recognise the election"). Not under a support verb,
    which does the event ("will hold the talks"), nor under a cue of its status ("called off
    the summit"), nor the same event told twice ("will sign the agreement")."""
    noun = draft.trigger
    if verb.i == noun.i or verb.pos_ != "VERB" or noun.pos_ != "NOUN":
        return False
    if noun.dep_ not in {"dobj", "pobj"} or indefinite(noun):
        return False
    other = ctx.drafts.get(verb.i)
    if other is not None and other.cls == draft.cls:
        return False
    lex, lemmas = ctx.lex, {phrasal_lemma(verb), verb.lemma_.lower()}
    cues = (lex.planned_cues, lex.negation_cues, lex.reschedule_cues, lex.hypothetical_cues)
    if any(lemmas & found for found in cues):
        return False
    return verb.lemma_.lower() not in word_list("support-verbs.txt")


def _presupposed(trigger: Token) -> bool:
    """An event noun with a possessor, in a prepositional phrase ("no link to Friday's
    shooting", "did not comment on Russia's invasion"): the possessive presupposes the event,
    so a negation above the phrase denies what is said of it, not that it happened (the
    presupposition survives negation: Karttunen 1973)."""
    return (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "pobj"
        and any(c.dep_ == "poss" for c in trigger.children)
        and not any(c.dep_ == "neg" or c.lower_ == "no" for c in trigger.children)
    )


def assess(ctx: Context, draft: Draft) -> None:
    """Set the draft's status and claimant. Cues are read on the path from the trigger up to
    the clause that governs it: negation ("did not", "made no mention of", "refused to",
    "called off", "came close to", "nearly") -> Negated; a modal ("could", "would" unless it
    reports a plan) or "if" -> Hypothetical; "will", "going to", a plan ("invited Xi to
    visit", "the planned summit"), a rescheduling ("postponed until Monday"), a headline's
    infinitive ("MACRON TO MEET SCHOLZ") or a date after the article's -> Planned."""
    lex = ctx.lex
    negated = hypothetical = planned = past_intent = False
    claimant: EntityMention | None = None
    trigger = draft.trigger
    prev = trigger  # the token the path came up from
    for token, via in _status_path(trigger, ctx.drafts):
        kids = list(token.children)
        # the modality of another event is its own, not that of a known event it takes as
        # object ("did not condemn the invasion", "would appeal the verdict")
        own = not _presupposed_by(ctx, draft, token)
        if own and (
            any(c.dep_ == "neg" for c in kids)
            or any(c.dep_ == "det" and c.lower_ == "no" for c in kids)
        ):
            negated = True
        if own and any(c.dep_ == "advmod" and c.lemma_.lower() in lex.near_miss_cues for c in kids):
            negated = True  # "nearly collided"
        if token.i == trigger.i and _no_before(token):
            negated = True  # "no tsunami warning was issued"
        match _infinitive_relative(ctx, token):
            case "Planned":
                planned = True  # "the decision to cut 500 jobs"
            case "Hypothetical":
                hypothetical = True  # "have 28 days to lodge an appeal", "a chance to win"
        lemma = phrasal_lemma(token)
        if token.i != trigger.i:
            if lemma in lex.negation_cues and (
                lemma not in lex.clausal_negation_cues or via in _CLAUSAL
            ):
                if any(c.dep_ == "neg" for c in kids):
                    # "did not rule out further layoffs", "did not deny meeting him": two
                    # negations leave the event possible, not denied
                    negated, hypothetical = False, True
                    continue
                negated = True
            if f"{token.head.lemma_.lower()} {lemma}" in lex.near_miss_cues or any(
                f"{token.lemma_.lower()} {c.lower_}" in lex.near_miss_cues
                for c in kids
                if c.dep_ in {"advmod", "acomp"}
            ):
                negated = True  # "came close to a full-scale war", "stopped short of"
            if lemma in lex.reschedule_cues:
                planned = True
        aux = _auxiliaries(token) if own else set()
        if aux & _FUTURE_AUX or (own and (_going_to(token) or _headline_infinitive(token))):
            planned = True
        modal = aux & _HYPOTHETICAL_AUX
        # "if the talks fail", or a condition hung on the clause ("would attend if Beijing
        # agreed"); one hung on a verb of saying is the condition of what is said, not of the
        # saying ("has threatened strikes if no agreement is reached")
        said = token.i == trigger.i and _says_what(ctx, draft)
        conditional = own and (
            _conditioned(token)
            or _asked(token)
            or (not said and any(c.dep_ == "advcl" and _conditioned(c) for c in kids))
        )
        if modal == {"would"} and not conditional and _reported(ctx, token):
            planned = True  # "Xi said his country would maintain its stance"
        elif modal or conditional:
            hypothetical = True
        if token.lower_ == "subject" and via == "prep" and token.pos_ == "ADJ":
            hypothetical = True  # "subject to approval by the European Commission"
        if token.i != trigger.i and token.pos_ == "VERB" and lemma in lex.hypothetical_cues:
            hypothetical = True  # "was exploring a sale", "is considering an attack"
        if token.i != trigger.i and lemma in lex.planned_cues:
            planned = True
            claimant = claimant or subject_of(ctx, token)
            past_intent = past_intent or token.tag_ == "VBD"  # "tried to buy", "planned to"
        if (
            via in {"xcomp", "ccomp"}
            and to_infinitive(prev)
            and token.lemma_.lower() in word_list("directive-verbs.txt")
        ):
            planned = True  # "urged Xi to visit", "ordered the company to pay"
            claimant = claimant or subject_of(ctx, token)
        # ("appealed the ruling" contests what happened: a court's appeal takes its object)
        asked = (via == "dobj" and lemma != "appeal") or (via == "prep" and prev.lower_ == "for")
        if token.i != trigger.i and asked and _appeal(ctx, token):
            # "called for a ceasefire", "a request for comment": what is asked for is still
            # to come (TimeML's modal subordination), whoever asks for it
            planned = True
            claimant = claimant or subject_of(ctx, token)
        if token.pos_ == "NOUN":  # "the planned visit", "a possible visit"
            mods = {c.lemma_.lower() for c in kids if c.dep_ == "amod"}
            planned = planned or bool(mods & lex.planned_cues)
            hypothetical = hypothetical or bool(mods & lex.hypothetical_cues)
        prev = token
    if trigger.dep_ in {"nsubj", "nsubjpass"}:
        # "if the talks fail": the clause a subject noun belongs to is its verb's, which
        # `_status_path` does not climb to
        verb = trigger.head
        kids = list(verb.children)
        aux = {c.lower_ for c in kids if c.dep_ == "aux"}
        if phrasal_lemma(verb) in lex.planned_cues | lex.reschedule_cues:
            # "a summit ... planned for next week has been postponed", parsed with the summit
            # as the subject of "planned": an event is no planner, it is what is planned
            planned = True
        if (
            _conditioned(verb)
            or any(c.dep_ == "advcl" and _conditioned(c) for c in kids)
            or aux & (_HYPOTHETICAL_AUX - {"would"})
        ):
            hypothetical = True
        elif aux & (_FUTURE_AUX | {"would"}) and _happens(verb):
            planned = True  # "the launch would go ahead", "the talks will take place"
        elif indefinite(trigger) and aux & (_FUTURE_AUX | {"would"}):
            # "such a visit would underline the bond", "hoped a visit would show", "a deal
            # will lift shares": an event the clause brings in is still to come; "the war
            # would end" is not
            hoped = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in ctx.lex.planned_cues
            if aux & _FUTURE_AUX or hoped or _reported(ctx, verb):
                planned = True
            else:
                hypothetical = True
    if _intended(trigger, lex.planned_cues):
        planned = True  # "a bid to annul the contract", "plans to visit"
        intent = trigger.head
        # "GM has no plans to close its Lansing plant", "abandoned an attempt to acquire"
        negated = (
            negated
            or any(c.dep_ == "det" and c.lower_ == "no" for c in intent.children)
            or (intent.dep_ == "dobj" and phrasal_lemma(intent.head) in lex.negation_cues)
        )
    if _ahead_of(trigger):
        planned = True  # "ahead of the summit"
    for participle in _headline_participles(trigger):
        lemma = phrasal_lemma(participle)
        negated = negated or lemma in lex.negation_cues  # "Summit called off"
        planned = planned or lemma in lex.reschedule_cues  # "Yemen talks delayed"
    if negated and _presupposed(trigger):
        negated = False  # "found no link to Friday's shooting": the shooting happened
    denier = _denied_by(ctx, trigger)
    if denier is not None:
        negated = True  # "Tusk denied (reports) that Warsaw had threatened to close ..."
        claimant = claimant or subject_of(ctx, denier)
    claimant = _reporter(ctx, trigger) or claimant
    dct = ctx.found.article.published
    if draft.time is not None and dct is not None:
        begin, end = timex.bounds(draft.time.value)
        planned = planned or (begin is not None and begin > dct)
        if past_intent and end is not None and end < dct:
            # "it tried to buy Kessler Transport in 2021", "had planned to visit in May": an
            # intent of the past for a time before the report is no plan (kg:Planned is in
            # the future of the report) and no fact: the text does not say the purchase took
            # place (TimeML's I_ACTION "try" makes a MODAL link, FactBank's "uncommitted"), so
            # it stays possible only, kg:Hypothetical
            hypothetical = True
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


# Verbs that say their subject event happens, adding nothing of their own: whatever the
# subject, the clause's "will" or "would" is the event's ("the launch would go ahead")
_HAPPENING_VERBS = frozenset({"go ahead", "happen", "occur", "proceed", "go on", "come", "resume"})


def _happens(verb: Token) -> bool:
    """A verb of `_HAPPENING_VERBS`, or "take place"."""
    return phrasal_lemma(verb) in _HAPPENING_VERBS or (
        verb.lemma_.lower() == "take" and any(c.lower_ == "place" for c in verb.children)
    )


# Edges from a negation cue down to a clause it governs ("refused to meet", "denied that it
# attacked", "failed in attacking"), as opposed to a noun it takes as object.
_CLAUSAL = {"xcomp", "ccomp", "pcomp", "advcl"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def _headline_infinitive(verb: Token) -> bool:
    """ "Macron to meet Scholz in Paris": a headline writes the future as a bare infinitive,
    with no finite verb anywhere in the sentence and no verb above it."""
    if verb.pos_ != "VERB" or not to_infinitive(verb):
        return False
    if any(t.pos_ in {"VERB", "AUX"} for t in ancestors(verb.head) if t.i != verb.i):
        return False
    return not any(t.tag_ in _FINITE_TAGS for t in verb.sent)


def _reported(ctx: Context, verb: Token) -> bool:
    """Whether a clause is what a reporting verb reports ("Xi said his country would ...")."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "relcl" and _complement_misread(clause):
        # "told analysts on a conference call that the company would suspend its buyback":
        # spaCy hangs the "that" clause on the nearest noun as its relative clause; it is
        # the complement of the verb above that noun
        teller = governing_verb(clause.head)
        return teller is not None and teller.lemma_.lower() in ctx.lex.reporting_cues
    return clause.dep_ in {"ccomp", "parataxis"} and (
        clause.head.lemma_.lower() in ctx.lex.reporting_cues
    )


def _complement_misread(clause: Token) -> bool:
    """A relative clause that is none: its "that" is a complementizer (spaCy's "mark"), not
    a relative pronoun standing for the noun, and the clause has a subject of its own, so the
    noun fills no place in it ("a call that the company would suspend its buyback")."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children
    )


def _supports(verb: Token, trigger: Token) -> bool:
    """ "held a phone call": a support verb that only carries the event noun it takes."""
    return trigger.head.i == verb.i and verb.lemma_.lower() in word_list("support-verbs.txt")


def _reporter(ctx: Context, trigger: Token) -> EntityMention | None:
    """Who the sentence says the event comes from: the subject of a governing reporting
    verb, or the object of "according to"."""
    below = trigger  # the reporting verb's child on the way up: the head of what it reports
    for token in ancestors(trigger.head) if trigger.head.i != trigger.i else ():
        if below.dep_ == "advcl" and below.head.i == token.i and _subordinate(below):
            break  # "X said it would not ..., while Y visited Madrid": the writer's clause
        if token.lemma_.lower() in ctx.lex.reporting_cues and token.pos_ == "VERB":
            subject = _speaker(ctx, token)
            if subject is not None:
                # "..., the Elysee said" only attributes the call it reports; "Washington said
                # it welcomed the deal" reports a reaction to the deal, a statement of its own
                if below.i in {trigger.i, *ctx.drafts} or _supports(below, trigger):
                    ctx.reporters.add(token.i)
                return subject
        below = token
    for token in trigger.sent:
        source = according_to(token)
        mention = entity_of(ctx, source) if source is not None else None
        if mention is not None and token.i != trigger.i:
            ctx.reporters.add(token.i)  # it only attributes: a claimant, not a node
            return mention
    return None


def _denied_by(ctx: Context, trigger: Token) -> Token | None:
    """The verb of denial whose clause tells of the event ("denied that Warsaw had threatened
    to close the crossings"), or whose object's clause does ("denied reports that ..."); None
    when there is none. The clause a status path does not climb out of (`_status_path`)."""
    clause = trigger
    while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
        clause = clause.head  # "threatened to close": the clause of "threatened"
    if clause.pos_ != "VERB" or clause.dep_ not in {"ccomp", "acl"}:
        return None
    head = clause.head
    if head.pos_ == "NOUN" and head.dep_ in {"dobj", "nsubjpass"}:
        head = head.head  # "denied reports that ...", "claims that ... were rejected"
    negates = head.pos_ == "VERB" and phrasal_lemma(head) in ctx.lex.negation_cues
    return head if negates else None


def subject_of(ctx: Context, verb: Token) -> EntityMention | None:
    for child in verb.children:
        if child.dep_ in SUBJECT:
            return entity_of(ctx, child)
    return None


def _speaker(ctx: Context, verb: Token) -> EntityMention | None:
    """Who a reporting verb's subject speaks for: the subject, or for an unnamed speaker
    someone owns ("her spokeswoman said", "his office said") that owner, whom the graph can
    name."""
    mention = subject_of(ctx, verb)
    if mention is None or mention.mention_type != "nominal":
        return mention
    for child in verb.children:
        if child.dep_ in SUBJECT:
            for owner in (c for c in child.children if c.dep_ == "poss"):
                found = entity_of(ctx, owner)
                if found is not None:
                    return found
    return mention
