"""Within-article event coreference: mentions that restate an event the article tells
elsewhere become one mention, or take that event's participants, time and status so that
resolution makes them one node (ECB+ annotates such links as INTRA_DOC_COREF of events).

  fold_restatements  a noun under a verb of its family, an infinitive of purpose ("held a call
                     ... to discuss aid"): one mention
  fold_means         "talks by video link": the means tells what kind of event the talks were
  fold_onsets        "an earthquake struck Indonesia": the verb tells of its subject's event
  fold_levels        "rose 5%, reaching a record $10 billion": where the change ended
  definite_anaphora  "the deal", "the call" with no who or when: the event told before
  headline_is_lede   the headline's event is the lede's
"""

from __future__ import annotations

from kg import lexicon, names
from kg.extract.common import DEFINITE_DETERMINERS, word_list
from kg.extract.events.syntax import Context, Draft, governing_verb, to_infinitive


def fold_restatements(ctx: Context) -> None:
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
        elif trigger.dep_ in {"xcomp", "advcl"} and to_infinitive(trigger):
            hosts = [trigger.head, *(c for c in trigger.head.children if c.dep_ == "dobj")]
        else:
            continue
        family = ctx.lex.lineage(draft.cls)[-1:]
        host = next(
            (
                found
                for h in hosts
                if (found := ctx.drafts.get(h.i)) is not None
                and h.i != i
                and ctx.lex.lineage(found.cls)[-1:] == family
            ),
            None,
        )
        if host is not None:
            del ctx.drafts[i]
            ctx.folded.add(i)
            if trigger.pos_ == "VERB":  # "travel to Seoul to meet Yoon": Yoon takes part
                ctx.purposes.setdefault(host.trigger.i, []).append(trigger)


# the prepositions that name the means an event is held by ("talks by video link", "a meeting
# via videoconference", "a conversation over the phone")
_MEANS = frozenset({"by", "via", "over"})


def fold_means(ctx: Context) -> None:
    """A noun event that names the means of a broader event it hangs on is that event, told
    more closely: "held talks by video link" is one Call, not talks and a call."""
    for i, draft in list(ctx.drafts.items()):
        prep = draft.trigger.head
        if draft.trigger.dep_ != "pobj" or prep.lower_ not in _MEANS or prep.dep_ != "prep":
            continue
        broader = ctx.drafts.get(prep.head.i)
        if (
            broader is not None
            and broader.trigger.pos_ == "NOUN"
            and broader.cls != draft.cls
            and broader.cls in ctx.lex.lineage(draft.cls)
        ):
            broader.cls = draft.cls
            del ctx.drafts[i]
            ctx.folded.add(i)


# spaCy's entities of an amount: what a change ends at ("reaching a record $172 billion")
_AMOUNTS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})


def fold_levels(ctx: Context, generic: list[Draft]) -> list[Draft]:
    """ "Trade increased by 32%, reaching a record $172 billion", "shares fell 3%, closing at
    $41": a generic participle clause that says where a quantity's change ended restates the
    change, no event of its own. `generic`: the generic events; returns those left."""

    def restates(draft: Draft) -> bool:
        verb = draft.trigger
        host = ctx.drafts.get(verb.head.i)
        return (
            verb.tag_ == "VBG"
            and verb.dep_ == "advcl"
            and host is not None
            and host.cls == "PriceChange"
            and any(t.ent_type_ in _AMOUNTS for c in verb.children for t in c.subtree)
        )

    return [d for d in generic if not restates(d)]


def fold_onsets(ctx: Context) -> None:
    """ "An earthquake struck eastern Indonesia on Sunday": a verb of onset
    (`ontology/cues/onset-verbs.txt`) whose subject is an event noun tells of that event, not of
    an attack: the noun's event takes the verb's time and objects (a place where it struck, or
    whom it hit) and the verb is no event of its own."""
    onsets = word_list("onset-verbs.txt")
    for i, draft in list(ctx.drafts.items()):
        verb = draft.trigger
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in onsets:
            continue
        # the parser may split "A magnitude 6.1 earthquake struck" into two subjects, or make
        # "earthquake" an apposition of "magnitude": the event noun among them is the one
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        subjects += [a for c in subjects for a in c.children if a.dep_ == "appos"]
        found = (ctx.drafts.get(c.i) for c in subjects)
        event = next((d for d in found if d is not None and d.trigger.pos_ == "NOUN"), None)
        if event is None:
            continue
        for participant in draft.participants.values():
            if participant.role != "agent":
                place = participant.entity.type in {"Place", "State"}
                event.add(participant.entity, "place" if place else participant.role)
        if event.time is None:
            event.time, event.time_origin = draft.time, draft.time_origin
        del ctx.drafts[i]
        ctx.folded.add(i)


def definite_anaphora(ctx: Context, drafts: list[Draft]) -> None:
    """A definite event noun that says neither who nor when ("Washington welcomed the deal",
    "the talks were useful") refers back to the last event the article told of that is of its
    class or a subclass ("Seoul and Pyongyang agreed on Thursday ..."; "the meeting" may be a
    call told before, "the call" is never a visit): it takes that event's participants and
    time and status, and its class where that is narrower ("the meeting" that was a call is
    the Call), so resolution makes the two one node (event coreference by definite
    description, as ECB+ annotates it)."""
    for n, draft in enumerate(drafts):
        trigger = draft.trigger
        definite = any(
            c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in trigger.children
        )
        if trigger.pos_ != "NOUN" or not definite or draft.participants or draft.time:
            continue
        # "the meeting" may be the call told before it; "the call" is never the visit
        antecedent = next(
            (
                d
                for d in reversed(drafts[:n])
                if draft.cls in ctx.lex.lineage(d.cls)
                and d.participants
                # a generic event names its own kind by its word: "the incident" is no
                # "provoke" told before
                and (draft.cls != lexicon.GENERIC_CLASS or d.label == draft.label)
            ),
            None,
        )
        if antecedent is None:
            continue
        draft.participants = dict(antecedent.participants)
        draft.cls = antecedent.cls  # "the conversation" that a video call was: a Call
        draft.time, draft.time_origin = antecedent.time, antecedent.time_origin
        # what its own sentence does with it ("did not mention the invitation") is said of
        # the mention, not of the event the article already told
        draft.status = antecedent.status
        draft.claimed_by = draft.claimed_by or antecedent.claimed_by


def headline_is_lede(ctx: Context, drafts: list[Draft]) -> None:
    """A headline announces the story its lede tells: an event of the headline ("EU chief meets
    Dutch leader", "MACRON TO MEET SCHOLZ") is the first event of its class in the body
    (the meeting of von der Leyen and Rutte "in Brussels on Monday"), and takes what the body
    says of it: who, when, whether it happened, and what kind of event it was where the body
    says more ("hold talks" over a lede's video call). Headlines name people by role and clip
    their verbs, and the body says it in full."""
    title = ctx.found.article.title
    if not title:
        return
    # the title's own line: after front matter, and after any furniture or kicker line
    # ("International relations") the page puts above it
    wanted = " ".join(title.split())
    head = next((s for s in ctx.doc.sents if " ".join(s.text.split()) == wanted), None)
    if head is None:
        return
    body = [d for d in drafts if d.trigger.i >= head.end]
    offices: dict[str, set[str]] = {}
    for relation in ctx.found.relations:
        offices.setdefault(relation.subject.name, set()).add(relation.object.name)
    for draft in (d for d in drafts if head.start <= d.trigger.i < head.end):
        actors = [p.entity.name for p in draft.participants.values() if p.role != "place"]
        # the body's first telling of an event of the headline's class or a subclass that says
        # who or when ("make state visit ... in spring" is the lede's planned visit, not the
        # sub-headline's "no mention of trip"), those naming the headline's actors first; a
        # headline's loose verb ("Zelenskyy calls Sunak", "Macron receives De Croo") is the
        # body's event of the same actors, whatever its class
        telling = [b for b in body if b.participants or b.time]
        classed = [b for b in telling if draft.cls in ctx.lex.lineage(b.cls)]
        same_actors = [b for b in telling if actors and _names_all(actors, b, offices)]
        # in the lede's own sentence, one actor in common will do: "SUNAK AND MACRON TO HOLD
        # SUMMIT" is "Sunak will travel to Paris on Friday for a summit with Macron"
        first = telling[0].trigger.sent.start if telling else -1
        family = ctx.lex.lineage(draft.cls)[-1:]
        same_actors += [
            b
            for b in telling
            if b.trigger.sent.start == first
            and b not in same_actors
            and any(_names_all([a], b, offices) for a in actors)
            # a summit is a trip's, not a pact's; a headline's loose verb any event's
            and (draft.cls == lexicon.GENERIC_CLASS or ctx.lex.lineage(b.cls)[-1:] == family)
        ]
        if draft.cls == lexicon.GENERIC_CLASS:
            # a headline's verb of no class is the body's first telling of the same verb
            # ("British officials coordinate flood response": "Reed coordinated the response")
            classed = [b for b in telling if b.cls == draft.cls and b.label == draft.label][:1]
        lede = next((b for b in classed if b in same_actors), None) or next(iter(classed), None)
        own = {}
        if lede is None and same_actors:
            lede = same_actors[0]
            if draft.cls == lexicon.GENERIC_CLASS:
                draft.cls, draft.label = lede.cls, lede.label
            else:
                own = dict(draft.participants)  # the headline's own actors stay ("MACRON")
        if lede is not None:
            if draft.cls in ctx.lex.lineage(lede.cls):
                draft.cls = lede.cls  # "Putin, Xi hold talks" over a lede that tells a call
            draft.participants = {**own, **lede.participants}
            # a lede that dates nothing leaves a headline's own date of what happened ("hold
            # call on New Year's Day"); of a plan, a headline's time is as often another's
            # ("asks Xi to Moscow in spring, pledges closer military ties")
            if lede.time is not None or lede.status != "Occurred":
                draft.time, draft.time_origin = lede.time, lede.time_origin
            draft.status, draft.claimed_by = lede.status, lede.claimed_by


def _names_all(names_: list[str], draft: Draft, offices: dict[str, set[str]]) -> bool:
    """Whether `draft` names every one of `names_` (a headline's "Sunak", "MACRON"), by full
    name or a short form of it, or by someone holding an office of it (a headline's "Dutch
    minister meets Saudi counterpart" names the Netherlands: the body's Hoekstra is its
    foreign minister; `offices`, person -> the states and bodies the article's relations
    give them)."""
    named = [p.entity.name for p in draft.participants.values() if p.role != "place"]
    named += [o for m in list(named) for o in offices.get(m, ())]
    return all(
        any(names.compatible(n.title() if n.isupper() else n, m) for m in named) for n in names_
    )
