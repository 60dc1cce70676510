"""Who took part in an event, and where: read off the dependency parse around its trigger.

subject -> kg:agent, object -> kg:target, "with"/"between" -> kg:coParticipant; for a noun, its
possessor and modifiers, and the clause it sits in ("Putin told Xi during a video call", "the
pact Putin and Xi declared"); a place or state under "in"/"at"/"to" -> sem:hasPlace.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from kg import lexicon
from kg.extract.common import demonym_mention, entity_index, make_span, measure, word_list
from kg.extract.events.syntax import (
    OBJECT,
    PLACE_PREPS,
    SUBJECT,
    Context,
    Draft,
    according_to,
    argument_slot,
    conjoined_verb,
    described_noun,
    governing_verb,
    headline_participle,
    indefinite,
    own_figures,
    phrasal_lemma,
    pobjs,
    relative_hosts,
    small_clause,
    subject_verb,
    takes_part,
    to_infinitive,
    with_conjuncts,
)
from kg.extract.referring import Head, age_head, heads, of_a_condition, position_head, pronouns
from kg.model import EntityMention

_TOGETHER_PREPS = {"with", "between", "among", "alongside"}
_TARGET_PREPS = {"against", "on", "of", "toward", "towards", "into"}
_OBJECT_CONTROL = {"dobj", "dative"}


def add_participants(ctx: Context, draft: Draft) -> None:
    trigger = draft.trigger
    source = according_to(trigger)
    if source is not None:
        draft.add(entity_of(ctx, source), "agent")
    elif trigger.pos_ == "ADJ" and trigger.dep_ in {"oprd", "acomp"}:
        clause_participants(ctx, draft, trigger, subject_role="agent", object_role="target")
    elif trigger.pos_ == "VERB":
        clause_participants(ctx, draft, trigger, subject_role="agent", object_role="target")
        for small in (c for c in trigger.children if small_clause(c)):
            # "found him guilty", "found the man dead": the small clause's subject is the
            # verb's object all the same
            for subject in (c for c in small.children if c.dep_ == "nsubj"):
                draft.add(entity_of(ctx, subject), "target")
        _where_it_struck(ctx, draft)  # "voting began in Turkmenistan"
        if trigger.dep_ == "pcomp":
            shared = {k for k, p in draft.participants.items() if p.role == "agent"}
            accused = {m.name for m in _accused_of(ctx, draft)}
            if accused:
                # "prosecutors charged Okafor with defrauding investors": the accused did it,
                # not whoever holds them to account (the subject the gerund would share)
                for key in shared - {k for k in shared if k[0] in accused}:
                    del draft.participants[key]
        for purpose in ctx.purposes.get(trigger.i, ()):
            for child in (c for c in purpose.children if c.dep_ in OBJECT):
                for token in with_conjuncts(child):
                    draft.add(entity_of(ctx, token), "target")
    else:
        for child in trigger.children:
            if child.dep_ == "poss":
                draft.add(entity_of(ctx, child), "agent")
            elif child.dep_ in {"compound", "amod", "nmod"}:
                draft.add(entity_of(ctx, child) or _demonym(ctx, child), "coParticipant")
            elif child.dep_ in {"relcl", "acl"} and not _is_cue(ctx, child):
                # "the pact Putin and Xi declared": the relative clause says who
                clause_participants(ctx, draft, child, "agent", "coParticipant")
        named = _name_before(ctx, trigger)
        if named is not None:
            draft.add(named, "place" if named.type == "Place" else "coParticipant")
        _prep_participants(ctx, draft, trigger)
        for host in relative_hosts(trigger, word_list("support-verbs.txt")):
            _prep_participants(ctx, draft, host)  # "... that was due to be held in Brussels"
        _where_it_struck(ctx, draft)
        _accused_of(ctx, draft)
        _to_death(ctx, draft)
        _put_into(ctx, draft)
        draft.add(_party_described_by(ctx, trigger), "coParticipant")
        verb = governing_verb(trigger)
        # "Putin held a call with Xi", "Putin told Xi during a video call", "the two
        # presidents spoke by video link"; but an event verb's subject does not take part
        # in its object ("Beijing refused to condemn the invasion")
        # nor does the teller in what is told ("Klitschko reported explosions")
        # nor does the actor of a verb the noun only dates or explains ("pointed to the rise
        # in trade since the start of the war", "acted after the attack")
        # nor does whoever only talks about it ("Washington welcomed the deal")
        told = verb is not None and (
            _is_cue(ctx, verb)
            or verb.lemma_.lower() in word_list("topic-verbs.txt")
            or _says(ctx, verb)
        )
        # and within it only who speaks, meets or holds it: "congratulated Xi on his
        # re-election at the party congress" does not make the congratulator a delegate
        # ("said in a call" is within it, but "commented on the talks" only about them)
        prep = _verb_prep(trigger, verb) if verb is not None else None
        within = (
            verb is not None
            and prep in _WITHIN_PREPS
            and not (told and prep == "on")
            and _takes_part_within(ctx, draft, verb)
        )
        carried = (
            verb is not None and argument_slot(trigger).dep_ != "pobj" and verb.i not in ctx.drafts
        )
        # but a firm that reports or announces its own figures is theirs: "Apple reported a
        # quarterly profit", "Ford posted record earnings"
        told = told and not own_figures(draft.cls, trigger) and not _plans(ctx, trigger, verb)
        # and whoever announces a decided act of no one else's does it ("Airbus announced job
        # cuts"), though the announcing is an event of its own
        announced = _announced_own(ctx, draft, verb)
        # and who refrains from it would have done it: "China has refrained from condemnation"
        refrained = (
            prep == "from" and verb is not None and verb.lemma_.lower() in ctx.lex.negation_cues
        )
        if verb is not None and (within or refrained or announced or (carried and not told)):
            clause_participants(ctx, draft, verb, "agent", "coParticipant")
        elif verb is not None and prep in {"in", "during"}:
            _harmed_in(ctx, draft, verb)
        if not draft.participants:
            _in_a_state(ctx, draft)
    _counted_harmed(ctx, draft)


def _counted_harmed(ctx: Context, draft: Draft) -> None:
    """ "Three dead after fire-bomb hits bank", "1 dead, 2 hurt in office shooting", "Five dead
    in shooting at a bar": a headline counts the people a word of dying or hurting befell
    before it, and the parser hangs the count anywhere (the word an adjective of the number,
    the number a modifier or the subject of the word); the count is whom it befell, as
    "Three killed" is (`_harmed_counted`). Emits kg:target."""
    trigger = draft.trigger
    if trigger.pos_ not in {"ADJ", "VERB"}:
        return
    counts = [
        c
        for c in trigger.children
        if c.i < trigger.i and c.dep_ in {"nummod", "meta", "nsubj", "npadvmod", "dep"}
    ]
    if trigger.dep_ == "amod" and trigger.head.i < trigger.i:
        counts.append(trigger.head)  # "Three dead": "dead" modifies "Three"
    for count in counts:
        draft.add(_harmed_counted(ctx, draft, count), "target")


def _party_described_by(ctx: Context, noun: Token) -> EntityMention | None:
    """ "The suspect in the shooting", "survivors of the earthquake", "victims of the attack",
    "Crooks at heist": a person described by the event noun under "in", "of" or "at" took
    part in it (in what role, the describing noun says, and no rule here reads it). Not a
    predicate noun, which says what its subject is like ("relations were a model of
    cooperation")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in {"in", "of", "at"}:
        return None
    holder = prep.head
    if holder.dep_ == "attr":
        return None
    head = heads().get(holder.lower_)
    # a headline capitalises the noun ("Crooks at heist on Paris jewelry store")
    noun_like = holder.pos_ == "NOUN" or (holder.pos_ == "PROPN" and holder.is_title)
    if not noun_like or holder.i in ctx.drafts or head is None or head.type != "Person":
        return None
    return entity_of(ctx, holder)


def _to_death(ctx: Context, draft: Draft) -> None:
    """ "He stabbed his mother to death", "was beaten to death", "a climber fell to his
    death": a death after "to" is the result of the verb it hangs on, so whom the verb acts
    on died, or its subject when it acts on no one; its agent, if the verb has one, caused it
    (ACE's Life.Die Agent and Victim), where and when the verb happened. Emits kg:agent,
    kg:target and sem:hasPlace."""
    noun = draft.trigger
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "to" or prep.dep_ != "prep":
        return
    verb = prep.head
    if verb.pos_ != "VERB" or "Death" not in ctx.lex.lineage(draft.cls):
        return
    acts_on = _passive(verb) or any(c.dep_ in OBJECT for c in verb.children)
    clause_participants(ctx, draft, verb, "agent" if acts_on else "target", "target")


def _put_into(ctx: Context, draft: Draft) -> None:
    """ "Rioters set several cars on fire", "put the general on trial", "police placed him under
    arrest": an event noun after "on" or "under" that a verb of `ontology/cues/placing-verbs.txt`
    puts its object into is done by the verb's subject (or its passive's agent) to its object
    (or its passive subject: "two cars were set on fire"), as "set fire to the cars" has it
    with the noun for object. Emits kg:agent, kg:target and sem:hasPlace."""
    noun = draft.trigger
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in {"on", "under"}:
        return
    verb = prep.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in word_list("placing-verbs.txt"):
        return
    if not any(c.dep_ in OBJECT or c.dep_ == "nsubjpass" for c in verb.children):
        return  # "set on fire" with nothing put: no telling who is in it
    clause_participants(ctx, draft, verb, "agent", "target")


def _in_a_state(ctx: Context, draft: Draft) -> None:
    """ "She is in rehab", "checked into rehab", "was placed under arrest": a bare singular
    event noun (no article, no owner) after "in", "into" or "under" names what the subject of
    the verb above is going through. Not after "on", which as often names a topic
    ("congratulated Xi on re-election"), nor under a verb of saying."""
    noun = draft.trigger
    prep = noun.head
    if (
        noun.dep_ != "pobj"
        or noun.tag_ not in {"NN", "NNP"}
        or prep.lower_ not in {"in", "into", "under"}
    ):
        return
    if any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children):
        return
    verb = prep.head
    if prep.dep_ != "prep" or verb.pos_ not in {"VERB", "AUX"} or _is_cue(ctx, verb):
        return
    if verb.lemma_.lower() in word_list("topic-verbs.txt") or _says(ctx, verb):
        return
    for child in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if child.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
            child = verb.head
        for token in with_conjuncts(child):
            draft.add(entity_of(ctx, token), "agent" if child.dep_ == "nsubj" else "target")


def share_with_consequences(ctx: Context) -> None:
    """ "A Russian missile strike hit Kharkiv, killing four civilians and wounding 11",
    "Azerbaijani forces shelled Terter, killing a civilian": a participle clause of result (an
    adverbial "-ing" clause, and the participles coordinated with it) tells what the event of
    its governing clause did, so it happened where that event did and was done by its agent
    when the clause names none of its own (PropBank annotates the shared subject of such a
    clause as its ARG0; the place is the governing event's, as in ACE's event arguments).
    Run once every draft has its own participants; drafts in text order, so a conjunct takes
    what its first conjunct took. Emits kg:agent and sem:hasPlace on the consequence, and on
    the cause, as kg:target, whom a consequence of dying or hurting killed or hurt."""
    for i in sorted(ctx.drafts):
        draft = ctx.drafts[i]
        cause = _cause(ctx, draft.trigger)
        if cause is None:
            continue
        roles = {p.role for p in draft.participants.values()}
        for p in list(cause.participants.values()):
            if p.role in {"agent", "place"} and p.role not in roles:
                draft.add(p.entity, p.role, p.basis)
        if _HARM & set(ctx.lex.lineage(draft.cls)):
            # "a bomb exploded at a bank, killing a police officer": whom it killed or hurt,
            # it struck (ACE's Attack Target; as `_where_it_struck` for an event noun)
            struck = _first_cause(ctx, cause)
            for p in list(draft.participants.values()):
                if p.role == "target" and p.entity.type == "Person":
                    struck.add(p.entity, "target")


def share_with_outcomes(ctx: Context) -> None:
    """ "A bomb explosion at a bank killed a police officer", "three people were killed when
    rioters threw petrol bombs at a bank in Athens": a death or an injury told as the outcome
    of an event of `ontology/cues/harm-cause-families.txt` (an explosion, a fire, an attack),
    its verb having that event's noun for subject or a clause of time ("when", "as") telling
    it, happened where that event did and was caused by its agent (ACE's Life.Die and
    Life.Injure take Agent and Place from the attack that killed or hurt). Only the roles the
    outcome lacks. Run once every draft has its own participants. Emits kg:agent and
    sem:hasPlace."""
    causes = word_list("harm-cause-families.txt")
    for i in sorted(ctx.drafts):
        draft = ctx.drafts[i]
        if draft.trigger.pos_ != "VERB" or not _HARM & set(ctx.lex.lineage(draft.cls)):
            continue
        cause = _harm_cause(ctx, draft.trigger)
        if cause is None or cause is draft or not causes & set(ctx.lex.lineage(cause.cls)):
            continue
        roles = {p.role for p in draft.participants.values()}
        for p in list(cause.participants.values()):
            if p.role in {"agent", "place"} and p.role not in roles:
                draft.add(p.entity, p.role)


# the words that open a clause of time telling what caused a death or injury
_CAUSE_CLAUSE_MARKS = frozenset({"when", "as"})


def _harm_cause(ctx: Context, verb: Token) -> Draft | None:
    """The event `verb` (of dying or hurting) tells the outcome of: its subject's event noun
    ("the explosion killed"), or the event of its clause of time ("were killed when a bomb
    exploded"); a verb coordinated with it and with no subject of its own shares its cause
    ("killed one and injured two")."""
    for _ in range(4):
        if verb.dep_ != "conj" or any(c.dep_ in SUBJECT for c in verb.children):
            break
        verb = verb.head
    for child in verb.children:
        if child.dep_ == "nsubj" and child.i in ctx.drafts:
            return ctx.drafts[child.i]
        if child.dep_ == "advcl" and any(
            g.dep_ in {"mark", "advmod"} and g.lower_ in _CAUSE_CLAUSE_MARKS for g in child.children
        ):
            if child.i in ctx.drafts:
                return ctx.drafts[child.i]
            for noun in (g for g in child.children if g.dep_ == "nsubj" and g.i in ctx.drafts):
                return ctx.drafts[noun.i]
    return None


def _first_cause(ctx: Context, draft: Draft) -> Draft:
    """The event a chain of result participles goes back to: "exploded" for "injuring" in
    "a bomb exploded, killing one and injuring two" (whose `_cause` is "killing")."""
    for _ in range(4):
        above = _cause(ctx, draft.trigger)
        if above is None:
            break
        draft = above
    return draft


def place_of_the_sentence(ctx: Context, drafts: list[Draft]) -> None:
    """ "A bomb exploded Friday at a bank in Woodburn, killing a police officer", "A judge in
    Fulton County sentenced Nichols for his deadly rampage": a sentence that says where once
    says it of all it tells; an event with no place of its own takes the sentence's one
    location, named or described under "in", "at", "near", "outside" or "inside" (ACE's
    event Place argument is read off the whole sentence the same way). Not when the sentence
    has two locations, nor for a statement (who says it is often elsewhere), nor for an event
    noun the text takes as known ("condemned the war": `indefinite`), nor from a
    location another event noun has for its own ("condemned the war in Ukraine"). Run once
    every draft has its own participants, and those a definite noun takes from the event it
    refers back to (`definite_anaphora` takes only a draft with none). Emits sem:hasPlace."""
    by_sentence: dict[int, list[Draft]] = {}
    for draft in drafts:
        by_sentence.setdefault(draft.trigger.sent.start, []).append(draft)
    for drafts in by_sentence.values():
        where = _sentence_location(ctx, drafts[0].trigger)
        if not where:
            continue
        for draft in drafts:
            if any(p.role == "place" for p in draft.participants.values()):
                continue
            if draft.trigger.pos_ == "NOUN" and not indefinite(draft.trigger):
                continue  # "the war", "Russia's invasion": an event known, not told here
            if ctx.lex.lineage(draft.cls)[-1:] == ("Statement",) or _is_cue(ctx, draft.trigger):
                continue
            for mention in where:
                draft.add(mention, "place", "sentence")


def _sentence_location(ctx: Context, token: Token) -> list[EntityMention]:
    """The one location `token`'s sentence names under a preposition of where, as its
    mentions (a description and the named place it lies in: "at a bank branch in Woodburn");
    none if it names two, or none."""
    groups: list[list[EntityMention]] = []
    for prep in token.sent:
        if prep.dep_ != "prep" or prep.lower_ not in _WHERE_PREPS:
            continue
        if prep.head.pos_ in {"NOUN", "PROPN"} and (
            prep.head.i in ctx.drafts or entity_of(ctx, prep.head) is None
        ):
            # "the war in Ukraine": that event's own place; "sentenced to life in prison":
            # only a verb's, or a party's ("a judge in Fulton County"), is where things happen
            continue
        if any(t.dep_ == "pobj" and t.head.lower_ in _WHERE_PREPS for t in _heads(prep)):
            continue  # "at a bank in Woodburn": "in Woodburn" refines the location above it
        for pobj in pobjs(prep):
            group = [m for t in (pobj, *_nested(pobj)) if (m := _location(ctx, t)) is not None]
            if group:
                groups.append(group)
    names = {tuple(m.name for m in g[:1]) for g in groups}
    return groups[0] if len(names) == 1 else []


def _heads(token: Token) -> list[Token]:
    """The heads above `token` up to the root, nearest first."""
    out = []
    while token.head.i != token.i:
        token = token.head
        out.append(token)
    return out


def _nested(noun: Token) -> list[Token]:
    """The objects of the prepositions of where under `noun` ("a branch in Woodburn")."""
    return [
        pobj
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in _WHERE_PREPS
        for pobj in pobjs(prep)
    ]


def _location(ctx: Context, noun: Token) -> EntityMention | None:
    """A named or described place (`_where`), or a body described after "at" that is its
    premises ("at a bank"); None for anything else ("in the head", "in June")."""
    found = _where(ctx, noun)
    if found is not None:
        return found
    mention = entity_of(ctx, noun) if noun.head.lower_ != "in" else None
    if mention is not None and mention.type == "Organization" and mention.mention_type == "nominal":
        return mention
    return None


def _cause(ctx: Context, verb: Token) -> Draft | None:
    """The event a result participle tells the outcome of: the draft of its governing verb, or
    of the event noun that verb has for subject ("a strike hit ..., killing"); for a later
    conjunct ("killing ... and wounding"), the first conjunct's draft."""
    if verb.tag_ != "VBG" or verb.pos_ != "VERB":
        return None
    if verb.dep_ == "conj" and verb.head.tag_ == "VBG" and verb.head.dep_ == "advcl":
        return ctx.drafts.get(verb.head.i)
    if verb.dep_ != "advcl" or any(c.dep_ in SUBJECT for c in verb.children):
        return None
    if any(c.dep_ in {"mark", "prep"} for c in verb.children):
        # "while fleeing": a clause of time, not of result. A preposition of its own rules one
        # out too, more than it should: "..., killing nine soldiers in the attack" takes
        # nothing ("after killing" never gets here: the parser makes it a pcomp)
        return None
    head = verb.head
    if verb.i < head.i:
        return None  # "Speaking to Xi, Putin said": a clause before its head sets the scene
    if head.i in ctx.drafts:
        return ctx.drafts[head.i]
    event = next((c for c in head.children if c.dep_ == "nsubj" and c.i in ctx.drafts), None)
    return ctx.drafts.get(event.i) if event is not None else None


# where an event noun's verb says it struck: "struck off the island", "ripped through a store"
_STRUCK_PREPS = frozenset((PLACE_PREPS - {"on", "over", "to"}) | {"through"})

# the families of events that say who was hurt: those hurt in another event suffered it
_HARM = frozenset({"Death", "Injury"})


def _harmed_in(ctx: Context, draft: Draft, verb: Token) -> None:
    """ "A woman was killed in a hit-and-run crash", "three died in the fire": who is killed,
    hurt or dies in an event is its victim (its target)."""
    for host in _harm_hosts(ctx, verb):
        deps = {"nsubjpass", "dobj"} if host.cls != "Death" else {"nsubj"}
        if _elliptical_passive(host.trigger):
            deps = deps | {"nsubj"}  # "20 injured in the attack": "20 (were) injured"
        for child in (c for c in host.trigger.children if c.dep_ in deps):
            for token in with_conjuncts(child):
                draft.add(entity_of(ctx, token) or _harmed_counted(ctx, host, token), "target")


def _harm_hosts(ctx: Context, verb: Token) -> list[Draft]:
    """The drafts of dying or hurting that an event under `verb`'s "in" was the cause of:
    `verb`'s own, and those of the verbs coordinated with it ("three people were killed and
    20 injured in the attack": the parser hangs the attack on the last conjunct only)."""
    verbs = [verb, *verb.conjuncts] if verb.dep_ == "conj" or verb.conjuncts else [verb]
    hosts = [ctx.drafts.get(v.i) for v in verbs]
    return [h for h in hosts if h is not None and _HARM & set(ctx.lex.lineage(h.cls))]


def _elliptical_passive(verb: Token) -> bool:
    """ "Three killed, 20 injured": a past participle with no auxiliary whose subject the
    parser gives as active; a headline's or a list's passive with "were" left out."""
    return verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _headline_by(token: Token) -> bool:
    """Whether `token` is a "by" (or a verb with one) of a headline's passive left without
    "was" ("France hit by jewellery heist", "Paris hit by 2 mn-euro heist"), which the parser
    reads as an active verb with a subject: no auxiliary, a subject, and "by"."""
    verb = token.head if token.lower_ == "by" else token
    if token.lower_ == "by" and token.dep_ not in {"agent", "prep"}:
        return False
    return (
        verb.pos_ == "VERB"
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
        and any(c.lower_ == "by" and c.dep_ in {"agent", "prep"} for c in verb.children)
    )


def _where_it_struck(ctx: Context, draft: Draft) -> None:
    """ "An earthquake hit southern Iran", "the blast rocked a market in Kabul", "a fire that
    ripped through a store": an event noun that is the subject of a verb, or of a relative
    clause on it, happens where the verb's object or locative phrase is; so does one that is
    a passive's agent, or what a passive happened in, where the passive's subject is ("the
    building was destroyed by a fire", "a supermarket was destroyed in a fire")."""
    trigger = draft.trigger
    verb = subject_verb(trigger) or _relative_verb(trigger)
    prep = trigger.head
    # "a village destroyed in the fire": a participle describing the noun is a passive too
    reduced = prep.head.dep_ == "acl" and prep.head.tag_ == "VBN"
    within = prep.lower_ == "in" and prep.dep_ == "prep" and (_passive(prep.head) or reduced)
    by = trigger.dep_ == "pobj" and (prep.dep_ == "agent" or within or _headline_by(prep))
    if verb is None and by and trigger.head.head.pos_ == "VERB":
        verb = trigger.head.head
    if verb is None:
        return
    # "a quake levelled buildings and killed one person": the verbs coordinated with it
    # that have no subject of their own say what it did too
    shared = [
        c
        for c in verb.conjuncts
        if c.i > verb.i and c.pos_ == "VERB" and not any(g.dep_ in SUBJECT for g in c.children)
    ]
    for struck in [verb, *shared] if not by else [verb]:
        _struck_by(ctx, draft, struck, by)


def _relative_verb(noun: Token) -> Token | None:
    """The verb of a relative clause whose subject is the noun it describes ("a fire that
    ripped through a store", "the quake, which struck Sumatra"), or None."""
    for clause in (c for c in noun.children if c.dep_ == "relcl" and c.pos_ == "VERB"):
        if any(c.dep_ == "nsubj" and c.tag_ in {"WDT", "WP"} for c in clause.children):
            return clause
    return None


def _struck_by(ctx: Context, draft: Draft, verb: Token, by: bool) -> None:
    """What `_where_it_struck` reads off one verb the event noun is the subject (or, `by`,
    the passive's agent) of."""
    # "the explosion killed ...", and "the blast left three people dead": a result that is a
    # death or an injury
    harmed = [
        ctx.drafts[t.i]
        for t in (verb, *(c for c in verb.children if c.dep_ == "oprd"))
        if t.i in ctx.drafts and _HARM & set(ctx.lex.lineage(ctx.drafts[t.i].cls))
    ]
    if not by:
        _off_a_place(ctx, draft, verb)  # "the blast occurred 20 km north of Baghdad"
    elif verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "a town hit by an earthquake", "Italy hit by jewellery heist": the noun the
        # participle describes is its passive subject
        draft.add(_where(ctx, verb.head), "place")
        draft.add(_nested_place(ctx, verb.head), "place")
    for child in verb.children:
        if harmed and child.dep_ in OBJECT and not by:
            # "the explosion killed a police officer", "the quake injured two people", "left
            # hundreds injured": whom it killed or hurt, however counted, it struck
            for token in with_conjuncts(child):
                victim = entity_of(ctx, token) or _harmed(ctx, harmed[0], token)
                if victim is not None and victim.type in {"Person", "Organization"}:
                    draft.add(victim, "target")
        # "France hit by jewellery heist": a headline's passive, whose subject the parser
        # takes for an active one
        passive_subject = {"nsubjpass"} | ({"nsubj"} if _headline_by(verb) else set())
        if child.dep_ in OBJECT or (by and child.dep_ in passive_subject):
            if child.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                child = verb.head  # "the city, which was hit by the quake"
            draft.add(_where(ctx, child), "place")
            draft.add(_nested_place(ctx, child), "place")  # "a supermarket in Surrey"
        elif child.dep_ in {"prep", "prt"} and child.lower_ in _STRUCK_PREPS:
            # "struck off the island of Keranji": spaCy takes "off" for a particle with an object
            for pobj in pobjs(child):
                draft.add(_where(ctx, pobj), "place")
                draft.add(_nested_place(ctx, pobj), "place")


def _name_before(ctx: Context, noun: Token) -> EntityMention | None:
    """A name written right before the event noun, which modifies it whatever the parse says
    ("last month's Group of 20 (G-20) summit", parsed as a summit of 20; "a NATO summit"):
    its short form in brackets may stand between."""
    i = noun.i - 1
    doc = noun.doc
    if i >= 0 and doc[i].text == ")":
        i -= 1  # "(G-20)": the bracketed form is the name's
    if i < noun.sent.start:
        return None
    mention = ctx.ents.get(i)
    if mention is None or mention.span.end != doc[i].idx + len(doc[i]):
        return None
    return mention


def _where(ctx: Context, token: Token) -> EntityMention | None:
    """The place a noun names: a place or state named ("Iran"), the name a described place
    holds ("Indonesia's West Papua province", "the village of Harbacha"), or the description
    ("a market", "the coastal city")."""
    found = ctx.ents.get(token.i)
    if found is None and token.lower_ in heads() and heads()[token.lower_].type == "Place":
        named = [
            ctx.ents[c.i]
            for c in token.children
            if c.dep_ in {"compound", "poss"} and c.i in ctx.ents
        ]
        found = next((m for m in named if m.type == "Place"), None) or next(iter(named), None)
    found = found or entity_of(ctx, token) or _place_description(ctx, token)
    return found if found is not None and found.type in {"Place", "State"} else None


# The families of events that hold someone to account for another event: the one charged,
# arrested, tried or accused is that event's agent
_ACCOUNTING = frozenset({"CourtCase", "Arrest", "Criticism", "Investigation"})
# those that hold one to account for an offence that merely came before them
_CHARGING = frozenset({"CourtCase", "Arrest"})


def _accused_of(ctx: Context, draft: Draft) -> list[EntityMention]:
    """ "Smith was charged with murder", "police arrested him for the killing", "found guilty
    of fraud", "pleaded guilty to murder": whom a court, the police or a critic holds to account
    is the agent of the event they are held to account for. Those it found."""
    trigger = _charged_through(draft.trigger)
    prep = trigger.head
    through = trigger.i != draft.trigger.i
    # "arrested in the fatal shooting": one is held to account in an offence
    # (`ontology/cues/offence-families.txt`), though not in a raid or an operation; and
    # "charged with murder after a shooting at an office party": for an offence that came
    # before ("arrested after the meeting" holds no one to account for a meeting)
    offence = bool(word_list("offence-families.txt") & set(ctx.lex.lineage(draft.cls)))
    if trigger.dep_ not in {"pobj", "pcomp"} or prep.lower_ not in {
        "with",
        "for",
        "of",
        "to",
        "over",
        *(("on", "in") if through else ()),
        *(("in", "after", "following") if offence else ()),
    }:
        return []  # "charged with murder", "accused of shooting Rafael Ortiz"
    above = prep.head.head if prep.head.pos_ == "ADJ" else prep.head  # "pleaded guilty to"
    if prep.lower_ == "of" and above.dep_ in {"dobj", "nsubjpass"} and above.head.i in ctx.drafts:
        above = above.head  # "convicted Peterson of murder": the parser hangs "of" on Peterson
    host = ctx.drafts.get(above.i)
    if host is None or not _ACCOUNTING & set(ctx.lex.lineage(host.cls)):
        return []
    if prep.lower_ in {"after", "following"} and not _CHARGING & set(ctx.lex.lineage(host.cls)):
        return []  # "was criticised after the explosion" blames no one for it
    verb = host.trigger
    deps = {"nsubj"} if host.label.startswith("plead") else {"nsubjpass", "dobj"}
    accused = [c for c in verb.children if c.dep_ in deps]
    if not accused and not host.label.startswith("plead") and _passive(verb):
        accused = _understood_subjects(verb)  # "Smith was arrested and charged with murder"
    if not accused and verb.dep_ == "pobj" and verb.head.lower_ == "under":
        # "two men are under arrest for the murder": whoever is under it
        accused = [c for c in verb.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    described = described_noun(verb)  # "a fired accountant accused of wounding two bosses"
    found = [
        mention
        for child in accused or ([described] if described is not None else [])
        for token in with_conjuncts(child)
        if (mention := entity_of(ctx, token)) is not None
    ]
    for mention in found:
        draft.add(mention, "agent")
    return found


def _charged_through(noun: Token) -> Token:
    """ "Charged with two counts of murder", "arrested on suspicion of murder", "charged in
    connection with the shooting": the noun of `ontology/cues/charge-nouns.txt` an event noun
    hangs from, which the verb of accounting governs; the event noun itself if none."""
    token = noun
    while (
        token.dep_ == "pobj"
        and token.head.lower_ in {"of", "with"}
        and token.head.head.lemma_.lower() in word_list("charge-nouns.txt")
        and (token.head.lower_ == "with") == (token.head.head.lemma_.lower() == "connection")
    ):
        token = token.head.head
    return token


def _takes_part_within(ctx: Context, draft: Draft, verb: Token) -> bool:
    """Whether the actors of `verb` take part in the noun event it happens within: anyone who
    does something in a meeting, call or visit takes part in it ("urged Xi in a call", "told
    him at the start of a video conference"); in an event of another kind, only a support verb
    ("held a congress") or an event of the same family does ("were re-elected at the
    election"), not whatever the parser hangs on it ("congratulated Xi on his re-election at
    the party congress"); a deal, in whatever act of a class it frames ("bought ATI in a
    $5.4 billion deal")."""
    family = ctx.lex.lineage(draft.cls)[-1:]
    if family == ("Meeting",) or verb.lemma_.lower() in word_list("support-verbs.txt"):
        return True
    if takes_part(verb):
        return True  # "voters had participated in parliamentary elections"
    host = ctx.drafts.get(verb.i)
    if host is not None and family == ("Agreement",) and host.cls != lexicon.GENERIC_CLASS:
        # "AMD bought ATI in a $5.4 billion deal": the deal is the terms of the act it frames
        # (a purchase, a sale, an investment), whose parties are its parties
        return True
    return host is not None and bool(family) and ctx.lex.lineage(host.cls)[-1:] == family


# The prepositions by which a verb's event happens within, or by means of, a noun event ("told
# Xi during a video call", "spoke by video link", "said in a call"): their actors take part in it.
_WITHIN_PREPS = frozenset(
    {"during", "in", "at", "by", "via", "over", "on", "through", "from", "with"}
)


def _verb_prep(noun: Token, verb: Token) -> str | None:
    """The preposition that attaches a noun event (perhaps through a transparent noun: "at the
    start of a video conference") to the verb above it, if one does."""
    token = noun
    while token.head.i != token.i and token.i != verb.i:
        if token.dep_ == "prep" and token.head.i == verb.i:
            return token.lower_
        token = token.head
    return None


# Planned cues whose subject need not take part in what it names: a forecast ("analysts expect
# a recession")
_FORECASTS = frozenset({"expect"})


def _plans(ctx: Context, noun: Token, verb: Token | None) -> bool:
    """ "Rioters set fire to a bank", "the group planned an attack", "sought a deal": an event
    noun that a planned cue, or a verb that calls off its subject's own event
    (`ontology/cues/call-off-verbs.txt`: "cancelled a trip"), has for its direct object is the
    subject's own act (its status, planned, negated or not, is modality's business)."""
    if verb is None or noun.dep_ != "dobj" or noun.head.i != verb.i:
        return False
    lemma = verb.lemma_.lower()
    lex = ctx.lex
    if phrasal_lemma(verb) in word_list("call-off-verbs.txt"):
        return True  # "Carney cancelled a planned trip": his trip, called off
    return (
        lemma in lex.planned_cues
        and lemma not in _FORECASTS
        and lemma not in lex.reporting_cues
        and lemma not in lex.negation_cues
    )


def _announced_own(ctx: Context, draft: Draft, verb: Token | None) -> bool:
    """ "Airbus announced job cuts", "Volkswagen unveiled an investment in China": an event
    noun with no owner of its own that a verb of `ontology/cues/announce-verbs.txt` has for
    its direct object is the announcer's own act, unless it is of a family no one decides on
    (`ontology/cues/unforeseen-event-families.txt`: "announced the death of its founder")."""
    noun = draft.trigger
    if verb is None or noun.dep_ != "dobj" or noun.head.i != verb.i:
        return False
    if verb.lemma_.lower() not in word_list("announce-verbs.txt"):
        return False
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children):
        return False  # "announced Boeing's cuts", "announced the arrest by police"
    return not _unforeseen(ctx, draft)


def _unforeseen(ctx: Context, draft: Draft) -> bool:
    """Whether the event is of a family no one decides on or schedules (a death, an accident:
    `ontology/cues/unforeseen-event-families.txt`)."""
    return bool(word_list("unforeseen-event-families.txt") & set(ctx.lex.lineage(draft.cls)))


def _says(ctx: Context, verb: Token) -> bool:
    """Whether `verb` triggers an event of kg:Statement or a kind of it ("commented",
    "criticised"): a verb of saying, whose "on" names its topic."""
    host = ctx.drafts.get(verb.i)
    return host is not None and ctx.lex.lineage(host.cls)[-1:] == ("Statement",)


def _is_cue(ctx: Context, verb: Token) -> bool:
    """Verbs of saying, hoping and denying report on an event; they take no part in it."""
    lemma = verb.lemma_.lower()
    lex = ctx.lex
    return lemma in lex.reporting_cues or lemma in lex.planned_cues or lemma in lex.negation_cues


def clause_participants(
    ctx: Context, draft: Draft, verb: Token, subject_role: str, object_role: str
) -> None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT]
    if subjects and _elliptical_passive(verb) and _HARM & set(ctx.lex.lineage(draft.cls)):
        subject_role = "target"  # "Three killed, 20 injured": they were
    if not subjects and verb.dep_ in {"oprd", "acomp"} and _HARM & set(ctx.lex.lineage(draft.cls)):
        # "Dozens have been reported injured", "was declared dead", "is dead": a predicate of
        # the verb's subject; "left three people dead": of its object
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
        subjects = objects or [c for c in verb.head.children if c.dep_ in SUBJECT | {"nsubjpass"}]
        subject_role = "target" if verb.tag_ == "VBN" else subject_role
    if not subjects and verb.dep_ in {"xcomp", "advcl", "conj"}:
        head = verb.head
        # "invited Xi to visit": the object of the governing verb is the one who visits;
        # "Speaking to Xi, Putin said": an adverbial clause shares its head's subject
        controls = verb.dep_ == "xcomp" or (
            to_infinitive(verb) and head.lemma_.lower() in word_list("object-control-verbs.txt")
        )
        controlled = [c for c in head.children if c.dep_ in _OBJECT_CONTROL] if controls else []
        subjects = controlled or [c for c in head.children if c.dep_ in SUBJECT]
        if not subjects and verb.dep_ == "xcomp":
            # "Erdogan is expected to visit", "was invited to speak": the passive's subject
            subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
        own = verb.i == draft.trigger.i  # the event's own verb, not one carrying its noun
        if not subjects and own and head.pos_ == "ADJ" and head.dep_ in {"acomp", "xcomp"}:
            # "Duda is due to receive Zelenskiy", "is ready to meet": the adjective's subject
            subjects = [c for c in head.head.children if c.dep_ in SUBJECT]
    # "Meloni, who met von der Leyen": a relative pronoun is the noun its clause describes,
    # also for a conjunct that borrows it ("an employee who shot and killed two co-workers")
    subjects = [
        s.head.head if s.tag_ in {"WP", "WDT"} and s.head.dep_ == "relcl" else s for s in subjects
    ]
    if subjects and headline_participle(verb):
        subject_role = "target"  # "Keller jailed for six years": done to Keller
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if not subjects and verb.dep_ == "pcomp" and (verb.tag_ == "VBG" or passive):
        # "Since sending troops into Ukraine, Russia has ...", "after meeting Xi, Putin said":
        # a gerund under a preposition shares the subject of the verb the phrase modifies
        # ("hanged himself hours after being arrested": as the one it was done to)
        attached = verb.head.head
        kept = _kept_from(ctx, verb)
        if kept:
            subjects = kept
        elif attached.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in attached.children if c.dep_ in SUBJECT]
            subject_role = "target" if passive else subject_role
    if not subjects and verb.dep_ in {"conj", "xcomp", "advcl", "pcomp"}:
        # "Smith was arrested and charged", "was arrested after trying to rob a bank": the
        # subject of the clause above, passive or not, however deep
        subjects = _understood_subjects(verb)
        if subjects and _passive(verb):
            subject_role = "target"
    if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.pos_ != "VERB":
        # "The actress, 33, headed to a clinic": a finite verb the parser hung on its subject
        # as a modifier (an age or an apposition between them) says what that subject did
        subjects = [verb.head]
    described = described_noun(verb)
    if not subjects and described is not None:
        # "a girl killed by a stray bullet", "convicted rapist Arcade Comeaux": a participle
        # tells of the noun it describes, done to it; "the retiring Matt Smith", "the first
        # woman to win": done by it
        subjects = [described]
        subject_role = "target" if verb.tag_ == "VBN" else subject_role
        holder = described.head
        if entity_of(ctx, described) is None and described.dep_ in OBJECT:
            # "he has plans to visit Moscow", "made efforts to rescue the miners": whoever
            # has the plan or makes the effort
            subjects = [c for c in holder.children if c.dep_ in SUBJECT]
    # "Cheeks became the fifth coach fired this season", "LaCalamita is the man accused of
    # shooting them": the noun a participle or relative clause describes, said of a subject
    subjects = [*subjects, *(t for s in subjects for t in _predicated_of(s))]
    for subject in subjects:
        for token in with_conjuncts(subject):
            group: list[EntityMention | None] = [
                *_group(ctx, token),
                *_owners(ctx, token),
                *_measured_group(ctx, token),
            ]
            # "Three die in bank fire", "20 injured": whom a verb of dying or hurting has for
            # subject is people, however it counts them
            for member in group or [entity_of(ctx, token) or _harmed_counted(ctx, draft, token)]:
                draft.add(member, subject_role)
            if not group:
                draft.add(_described_body(ctx, token), subject_role)
                # "an Indian warship foiled an attack": a vessel acts for its crew
                draft.add(_vehicle(ctx, token), subject_role)
                if not draft.participants and "PriceChange" in ctx.lex.lineage(draft.cls):
                    draft.add(_unlinked_subject(ctx, token), subject_role)
            # the firm takes part in what its officer does, not in what is done to them or
            # befalls them ("Sheriff's Deputy Jerry Ortiz died")
            acts = subject_role == "agent" and not _unforeseen(ctx, draft)
            for employer in _employers(ctx, token) if acts else ():
                draft.add(employer, "coParticipant")
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            if child.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                child = verb.head  # "Koh, who was promoted in December": Koh was
            for token in with_conjuncts(child):
                found = entity_of(ctx, token) or _harmed(ctx, draft, token) or _vehicle(ctx, token)
                draft.add(found, "target")
                draft.add(_described_body(ctx, token), "target")
                _place_hung_on(ctx, draft, token)
        elif child.dep_ == "dative" and child.pos_ == "ADP":
            # "sold its stake to Fiat", "gave the award to Smith": spaCy makes the "to" of a
            # recipient a dative; the recipient is another party, or where it went
            for pobj in pobjs(child):
                found = entity_of(ctx, pobj)
                draft.add(
                    found,
                    "place" if found is not None and found.type == "Place" else "coParticipant",
                )
        elif child.dep_ in OBJECT:
            if child.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                child = verb.head  # "the man whom police arrested": the man
            for token in with_conjuncts(child):
                # "bombed a refugee camp", "stormed the store": a place described as object
                found = (
                    entity_of(ctx, token)
                    or _place_description(ctx, token)
                    or _harmed(ctx, draft, token)
                    or _vehicle(ctx, token)
                )
                # "visit Moscow": a place as object is where, not whom
                role = "place" if found is not None and found.type == "Place" else object_role
                draft.add(found, role)
                draft.add(_described_body(ctx, token), object_role)
                # a state after the object is as often the object's own ("condemned the
                # conflict in Ukraine") as where the event happened
                _place_hung_on(ctx, draft, token, {"Place"})
        elif child.dep_ == "agent":
            for pobj in pobjs(child):
                draft.add(entity_of(ctx, pobj), "agent")
                draft.add(_described_body(ctx, pobj), "agent")
                _place_hung_on(ctx, draft, pobj)
    _prep_participants(ctx, draft, verb)
    _raised_objects(ctx, draft, verb, object_role)


# copulas that say what their subject is: "is the man who", "became the first woman to"
_COPULAS = frozenset({"be", "become", "remain"})


def _unlinked_subject(ctx: Context, token: Token) -> EntityMention | None:
    """What a price change moved when no node of the graph stands for it: a name the entity
    extractor keeps out ("The S&P 500 rose", "the Nasdaq Composite gained": an index), or a
    measure of something else than a party ("Yields on Treasury notes fell", "oil prices
    rose"), as a nominal mention of type Other. It names no entity, but it says the move is
    not the story's firm's: a verb whose subject is written is no back-reference to a move
    of the article (resolution's `takes_bare`), as "the slide" with no one named may be. A
    bare measure ("shares fell") is left out: in a firm's story it is the firm's. Only price
    changes: what moved tells two moves apart, where an unknown name as another event's
    subject is as likely a person the tagger missed."""
    if token.i in ctx.ents or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if token.pos_ == "NOUN":
        specified = any(
            c.dep_ in {"compound", "nmod"} or (c.dep_ == "prep" and c.lower_ in _MEASURED_PREPS)
            for c in token.children
        )
        currency = token.lower_ in word_list("currency-nouns.txt")
        if not measure(token) or not (specified or currency):
            return None
    first, last = token.left_edge, token
    while last.i + 1 < len(ctx.doc) and ctx.doc[last.i + 1] in token.children:
        if ctx.doc[last.i + 1].dep_ not in {"nummod", "compound", "flat"}:
            break
        last = ctx.doc[last.i + 1]  # "The S&P 500": the number is the index's name
    span = make_span(ctx.doc, first.idx, last.idx + len(last), ctx.found.article.id)
    return EntityMention(span=span, type="Other", name=span.text, mention_type="nominal")


# what a measure noun's "of" or "on" phrase says it measures: "yields on Treasury notes"
_MEASURED_PREPS = frozenset({"of", "on", "in", "at"})


def _predicated_of(noun: Token) -> list[Token]:
    """The subject a predicate noun is said of ("Cheeks became the fifth coach"): the
    subject of the copula whose attribute `noun` is; none for any other noun."""
    if noun.dep_ != "attr" or noun.head.lemma_.lower() not in _COPULAS:
        return []
    return [c for c in noun.head.children if c.dep_ == "nsubj"]


def _kept_from(ctx: Context, gerund: Token) -> list[Token]:
    """ "The navy prevented pirates from attacking a ship", "police stopped the man from
    fleeing", "barred him from entering": a gerund after "from" whose verb has a party for
    object is that party's act, kept from happening (object control, as "persuaded him to
    go"), not the subject's. A party only: "made millions from selling" sold no millions."""
    if gerund.head.lower_ != "from" or gerund.tag_ != "VBG" or gerund.head.dep_ != "prep":
        return []
    objects = [c for c in gerund.head.head.children if c.dep_ == "dobj"]
    return [
        o
        for o in objects
        if (m := entity_of(ctx, o)) is not None and m.type in {"Person", "Organization", "State"}
    ]


def _employers(ctx: Context, token: Token) -> list[EntityMention]:
    """ "Toyota's chief executive resigned", "Toyota chief executive Akio Toyoda said", "Akio
    Toyoda, Toyota's president, said": the organisation a person is described as acting for,
    by a possessive or a name before the role, or after "of" or "for" ("a spokesman for the
    ministry"), there or in apposition, takes part in what the person does for it (as
    `_as_role_of` finds it after "as ... of"). Organisations only: a minister's state has its
    own relation (kg:leaderOf), and "Lohan's attorney" works for a client, not as her."""
    found = ctx.ents.get(token.i)
    head = heads().get(token.lower_)
    person = (found is not None and found.type == "Person") or (
        head is not None and head.type == "Person"
    )
    if not person:
        return []
    owners = []
    described = [token, *(c for c in token.children if c.dep_ == "appos")]
    for noun in described:
        # "Larry Waldie of the sheriff's department", "a spokesman for the ministry": the
        # body named or described after "of" or "for"
        owners += [
            m
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in {"of", "for"}
            for pobj in pobjs(prep)
            if (m := entity_of(ctx, pobj)) is not None and m.type == "Organization"
        ]
        stack = [c for c in noun.children if c.dep_ in {"poss", "compound"}]
        while stack:
            child = stack.pop()
            mention = ctx.ents.get(child.i)
            if child.dep_ == "poss" and mention is None:
                mention = entity_of(ctx, child)  # "its chief executive"
            if mention is not None and mention.type == "Organization" and mention is not found:
                owners.append(mention)
            elif mention is None or mention is found:
                stack += [c for c in child.children if c.dep_ in {"poss", "compound"}]
    return owners


def _described_body(ctx: Context, token: Token) -> EntityMention | None:
    """ "The Indian navy captured 23 pirates", "French police say", "Egypt's communications
    ministry says", "two NYPD officers shot a teenager", "police arrested a Kraft employee": a
    body or group that a state's adjective or possessive describes, or people an organisation's
    name describes, act (or are acted on) themselves as well as for the state or body (which
    `entity_of` gives): the description as a nominal mention of its own, for coreference to link
    to the body's name if the article gives one. ECB+ annotates both, the people as
    HUMAN_PART_PER and their body as HUMAN_PART_ORG."""
    if token.i in ctx.ents or token.pos_ != "NOUN":
        return None
    head = heads().get(token.lower_)
    if head is None or head.type not in {"Organization", "Person"}:
        return None
    owner = entity_of(ctx, token)
    if owner is None or owner.mention_type == "nominal":
        return None
    if owner.type != "State" and not (owner.type == "Organization" and head.type == "Person"):
        return None
    return _referring(ctx, token.left_edge, token, head.type, "nominal")


def _vehicle(ctx: Context, token: Token) -> EntityMention | None:
    """ "Attacked a merchant vessel", "an attack on a tanker", "the plane was shot down": a
    vehicle (`ontology/cues/vehicle-heads.txt`) an event is done to, as a nominal mention of
    type Other (no coreference links it, and entity linking drops a mention with no name: it is
    evidence, not a node)."""
    if token.i in ctx.ents or token.i in ctx.drafts or token.pos_ != "NOUN":
        return None
    if token.lemma_.lower() not in word_list("vehicle-heads.txt"):
        return None
    return _referring(ctx, token.left_edge, token, "Other", "nominal")


def _harmed(ctx: Context, draft: Draft, token: Token) -> EntityMention | None:
    """ "Killing ten people and injuring dozens more", "injured two others", "kills 1,
    injures 2", "Dozens injured": whom a verb of killing or hurting (an event of the Death or
    Injury family) has for its object, or its passive's subject, is people, however it counts
    them; a nominal mention of a person when no entity stands for it (coreference links none:
    "others" names no one in particular)."""
    if not _HARM & set(ctx.lex.lineage(draft.cls)) or token.i in ctx.drafts:
        return None
    if token.pos_ not in {"NOUN", "NUM", "PRON", "ADJ"} or token.tag_ in {"WP", "WDT", "PRP"}:
        return None
    return _referring(ctx, token.left_edge, token, "Person", "nominal")


# nouns that count people as numbers do ("dozens were injured", "hundreds died")
_NUMBER_NOUNS = frozenset({"dozen", "hundred", "thousand", "million", "score"})


def _harmed_counted(ctx: Context, draft: Draft, token: Token) -> EntityMention | None:
    """ "Three die in bank fire", "20 injured", "Dozens have been reported injured": a subject
    of dying or hurting that counts, a numeral or a number noun, is people (`_harmed`); a
    subject that does not count may be the cause ("a bomb killed")."""
    counted = (
        token.pos_ == "NUM"
        or token.lemma_.lower() in _NUMBER_NOUNS
        or any(c.dep_ == "nummod" for c in token.children)
    )
    return _harmed(ctx, draft, token) if counted else None


def _raised_objects(ctx: Context, draft: Draft, verb: Token, object_role: str) -> None:
    """ "The woman shot and killed two co-workers at the plant": a verb with no object of its
    own, coordinated right away with the next ("and", an adverb at most between them),
    shares that verb's object and its place."""
    if any(c.dep_ in OBJECT or c.dep_ == "nsubjpass" for c in verb.children):
        return
    later = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    between = ctx.doc[verb.i + 1 : later.i] if later is not None else ()
    if later is None or not all(t.dep_ in {"cc", "advmod"} for t in between):
        return
    for child in later.children:
        if child.dep_ in OBJECT and child.tag_ not in {"WP", "WDT"}:
            for token in with_conjuncts(child):
                found = entity_of(ctx, token)
                role = "place" if found is not None and found.type == "Place" else object_role
                draft.add(found, role)
        elif child.dep_ == "prep" and child.lower_ in _WHERE_PREPS:
            for pobj in pobjs(child):
                draft.add(_where(ctx, pobj), "place")


def _understood_subjects(verb: Token) -> list[Token]:
    """The subject a verb with none of its own shares with the clause it hangs from through a
    conjunction ("Smith was arrested and charged"), an infinitive, an adverbial clause ("was
    injured while trying to stop the robbers") or a gerund after a preposition ("was arrested
    after trying to rob a bank"), climbing while each clause on the way has none either; a
    passive subject counts, and a relative pronoun is the noun its clause describes."""
    token = verb
    for _ in range(4):
        reduced = token.tag_ == "VBN" and not any(
            c.dep_ in {"aux", "auxpass"} for c in token.children
        )
        if token.i != verb.i and token.dep_ in {"xcomp", "advcl"} and reduced:
            return []  # "drills the ministry described as aimed at deepening ...": the drills
        if token.dep_ in {"conj", "xcomp", "advcl"}:
            token = token.head
        elif token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head.head
        else:
            return []
        if token.pos_ not in {"VERB", "AUX"} or token.lemma_ == "be":
            return []  # "It should be time to re-think protecting ...": no doer
        own = [c for c in token.children if c.dep_ in SUBJECT | {"nsubjpass"}]
        if own:
            relative = token.dep_ == "relcl"
            return [token.head if relative and s.tag_ in {"WP", "WDT"} else s for s in own]
    return []


def _passive(verb: Token) -> bool:
    """ "was arrested", and "charged" in "was arrested and charged": a passive auxiliary of
    its own, or a past participle coordinated with a passive verb."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" for c in verb.children)
        and _passive(verb.head)
    )


# what an event's place can be: a named place, or a state ("killed in Iraq")
_WHERE = frozenset({"Place", "State"})


def _place_hung_on(
    ctx: Context, draft: Draft, participant: Token, kinds: frozenset[str] | set[str] = _WHERE
) -> None:
    """ "met Xi in Samarkand", "was killed by a driver in Queens": the parser hangs the place
    of the event on its participant; a named place under "in", "at" or "near" is where. Not
    an event's own place: "condemned the war in Ukraine" was not said in Ukraine."""
    where = _nested_place(ctx, participant) if participant.i not in ctx.drafts else None
    if where is not None and where.type in kinds:
        draft.add(where, "place")


# "spoke by telephone with Macron": the parser hangs "with" on the means, not the verb
_MEANS_PREPS = frozenset({"by", "via", "over"})


def _prep_participants(ctx: Context, draft: Draft, head: Token) -> None:
    # "the invasion of Ukraine" is done to Ukraine; "a summit of the SCO" is held by it:
    # conflict acts on, cooperation acts with
    quad = ctx.lex.event_classes[draft.cls].quad if draft.cls in ctx.lex.event_classes else None
    conflict = quad is not None and quad.endswith("conflict")
    # an attack on a place described happens there ("a raid on a jewelry store"); one goes
    # to or leaves one ("headed to a treatment facility", "disappeared from the couple's home")
    # and a verb of doing, not of saying, happens on a place described ("killed on an Albany
    # street", "speeding on a freeway"): "on" after a verb of saying names its topic
    # and so does an offence ("a heist on a jewelry store")
    offence = bool(word_list("offence-families.txt") & set(ctx.lex.lineage(draft.cls)))
    on_a_place = (
        conflict
        or offence
        or (
            head.pos_ == "VERB"
            and not _is_cue(ctx, head)
            and not _says(ctx, head)
            and head.lemma_.lower() not in word_list("topic-verbs.txt")
        )
    )
    described_places = (PLACE_PREPS | {"from"}) - {"over"} - (set() if on_a_place else {"on"})
    _off_a_place(ctx, draft, head)
    for prep in (c for c in head.children if c.dep_ == "prep"):
        word = prep.lower_
        if word == "as":
            for employer in _as_role_of(ctx, prep):
                draft.add(employer, "coParticipant")
            continue
        for pobj in pobjs(prep):
            if word in described_places and pobj.i not in ctx.ents:
                draft.add(_nested_place(ctx, pobj), "place")
            elif (
                word in {"of", "against", "on"}
                and head.i == draft.trigger.i
                and head.pos_ == "NOUN"
            ):
                # "the shooting of a teenager in Chicago": the parser hangs the event noun's
                # place on its object, as it does a verb's
                _place_hung_on(ctx, draft, pobj)
            members = (
                (_group(ctx, pobj) or _leaders_of(ctx, pobj)) if word in _TOGETHER_PREPS else []
            )
            for member in members:  # "a video summit between the two leaders"
                draft.add(member, "coParticipant")
            mention = None if members else entity_of(ctx, pobj)
            if mention is None and word in _TARGET_PREPS:
                mention = _vehicle(ctx, pobj)  # "an attack on a merchant vessel"
            if mention is None and not members and word in described_places:
                mention = _place_description(ctx, pobj)  # "a shooting at a bar"
            if mention is None:
                if word in _MEANS_PREPS and pobj.i not in ctx.ents:
                    _prep_participants(ctx, draft, pobj)
                continue
            if word in _TOGETHER_PREPS:
                draft.add(mention, "coParticipant")
            elif (
                word in PLACE_PREPS
                and mention.type in {"Place", "State"}
                and (
                    word != "on"
                    or (
                        mention.type == "Place"
                        and (
                            conflict
                            or (
                                on_a_place
                                # "on a street", "on a Brooklyn street": a place described
                                and (mention.mention_type == "nominal" or pobj.i not in ctx.ents)
                            )
                        )
                    )
                )
            ):  # "strikes on Kyiv" hit there; "sanctions on Russia" are aimed at it
                draft.add(mention, "place")
            elif (
                word in _WHERE_PREPS - {"in"}
                and mention.type == "Organization"
                and mention.mention_type == "nominal"
            ):
                # "an explosion at a bank", "hurled firebombs at the store": a body described
                # after "at" is its premises ("in the government" is not)
                draft.add(mention, "place")
            elif (
                word == "at"
                and mention.type == "Person"
                and mention.span.start <= pobj.idx < mention.span.end
            ):
                # "fired at deputies", "threw stones at officers", "pointed a gun at him": a
                # person is not where an act happens but whom it is aimed at ("at his home"
                # stands for its owner, and is where)
                draft.add(mention, "target")
            elif word == "by" and mention.type != "Place":
                draft.add(mention, "agent")  # "the killing by police", "an attack by pirates"
            elif word in _TARGET_PREPS and mention.type != "Place":
                draft.add(mention, "target" if word != "of" or conflict else "coParticipant")
            elif word == "from" and mention.type in {"Place", "State"}:
                draft.add(mention, "place")  # "fled from Syria", "disappeared from the home"
            elif word in _OTHER_PARTY_PREPS and mention.type in {"Person", "Organization"}:
                # "took over from Matt Smith", "played for the Bluejays", "voting for MPs"
                draft.add(mention, "coParticipant")


def _off_a_place(ctx: Context, draft: Draft, head: Token) -> None:
    """ "Gunmen killed five soldiers 30 kilometres south of Kirkuk", "the quake struck 14 miles
    northeast of Healdsburg": a direction (`ontology/cues/compass-words.txt`) with "of" a named
    place, which the parser hangs on the verb as an adverb, says where the event happened.
    Emits sem:hasPlace."""
    for direction in head.children:
        if direction.dep_ != "advmod" or direction.lower_ not in word_list("compass-words.txt"):
            continue
        for prep in (c for c in direction.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in pobjs(prep):
                found = ctx.ents.get(pobj.i)
                if found is not None and found.type in _WHERE:
                    draft.add(found, "place")


def _as_role_of(ctx: Context, prep: Token) -> list[EntityMention]:
    """ "was fired as head coach of the Philadelphia 76ers", "introduced as the new president
    of Acme": the body or state a role after "as"
    belongs to, another party to the hiring, firing or naming."""
    found = []
    for role in pobjs(prep):
        head = heads().get(role.lower_)
        if head is None or head.type != "Person":
            continue
        for of in (c for c in role.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in pobjs(of):
                mention = entity_of(ctx, pobj)
                if mention is not None and mention.type in {"Organization", "State"}:
                    found.append(mention)
    return found


# The prepositions of another party to an event, neither its agent nor its target: "sold its
# stake to Fiat", "confirmed to People", "a victory over the Jaguars"
_OTHER_PARTY_PREPS = frozenset({"from", "for", "to", "over"})


# The prepositions of where an event happens, as against whom it is aimed at ("on", "to")
_WHERE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})


def _nested_place(ctx: Context, noun: Token) -> EntityMention | None:
    """ "exploded at a bank branch in Woodburn", "died at their home in Newton Street": the
    named place a described place lies in, which the parser hangs on the description; or
    the name that describes it ("a Brooklyn street", "a Somerset supermarket")."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _WHERE_PREPS):
        for pobj in pobjs(prep):
            found = ctx.ents.get(pobj.i)
            if found is not None and found.type in {"Place", "State"}:
                return found
    if noun.i in ctx.ents or noun.pos_ != "NOUN":
        return None
    if _place_description(ctx, noun) is None:
        return None
    for child in (c for c in noun.children if c.dep_ in {"compound", "nmod"} and c.i < noun.i):
        found = ctx.ents.get(child.i)
        if found is not None and found.type in {"Place", "State"}:
            return found
    return None


def entity_of(ctx: Context, token: Token) -> EntityMention | None:
    """The entity a participant token stands for: a name; a pronoun ("he", "its") or a
    description of a person ("the Chinese leader", "Russia's leader"), as a mention of its own
    that within-article coreference (`kg.coreference`) links to the name it refers to; the name
    in apposition ("his counterpart Xi Jinping"); the owner a common noun names ("its air
    defence forces" -> the state before it, "a Ukrainian missile" -> Ukraine); or another
    description ("the ministry", "the company")."""
    mention = ctx.ents.get(token.i)
    if mention is not None:
        return mention
    pronoun = pronouns().get(token.lower_)
    if pronoun is not None:
        if pronoun.person != 3 or pronoun.kind not in {"personal", "possessive"}:
            return None
        kind = "Person" if pronoun.animacy == "a" else "Organization"
        return _referring(ctx, token, token, kind, "pronoun")
    if age_head(token) and any(c.dep_ == "det" for c in token.children):
        return _referring(ctx, token.left_edge, token, "Person", "nominal")  # "the 10-year-old"
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if token.lower_ in word_list("currency-nouns.txt"):
        # "the Chinese yuan rose", "China's yuan weakened": money that moves on a market,
        # no stand-in for the state that issues it (as "Chinese troops" are for China)
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.i in ctx.ents:
            return ctx.ents[child.i]
    members = _members(ctx, token)
    if members is not None:
        return members
    head = heads().get(token.lower_) or position_head(token)
    if head is not None and head.type == "Place":
        # "near the village of Harbacha", "in the region of Brest", "from the Belgorod
        # region": the place is the name
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in pobjs(prep):
                if pobj.i in ctx.ents:
                    return ctx.ents[pobj.i]
        for child in token.children:
            named = ctx.ents.get(child.i) if child.dep_ in {"compound", "nmod"} else None
            if named is not None and named.type in {"Place", "State"}:
                return named
    described = head is not None and any(c.dep_ in {"det", "poss"} for c in token.children)
    counted = any(c.dep_ == "nummod" for c in token.children)  # "at least three people"
    # a person described with no article at all is a headline's or a title's way to name
    # someone ("Dutch leader meets ...", "EU chief"), and a bare plural is a group that acts
    # ("Firefighters battled the blaze"); "a Ukrainian soldier" is anyone
    bare = not any(c.dep_ in {"det", "nummod", "poss"} for c in token.children)
    if head is not None and head.type == "Person" and described:
        return _referring(ctx, token.left_edge, token, "Person", "nominal")
    if measure(token):
        owner = _measured(ctx, token)
        if owner is not None:
            return owner
    for child in token.children:
        if child.dep_ == "poss":
            owner = entity_of(ctx, child)
            # "its air defence forces": whoever "its" refers to; "an investigation into the
            # company's quality controls": the body described (a person described owns what
            # is no stand-in for them: "the man's car")
            if owner is not None and (
                owner.mention_type != "nominal" or owner.type == "Organization"
            ):
                return owner
        if child.dep_ in {"amod", "compound"} and child.i < token.i:
            owner = ctx.ents.get(child.i) or _demonym(ctx, child)
            if owner is not None and owner.type == "State" and _company(token):
                continue  # "the German group", "a Chinese carmaker": a firm, not Germany
            if owner is not None and _group_of_its_own(ctx, token, head):
                continue  # "23 Somali pirates" are not Somalia
            if owner is not None and owner.type in {"State", "Organization"}:
                return owner
    # "the ministry", "Police arrested a man", "killing three people": a body or a group
    # described, counted or named by its bare noun (after its owner: "Chinese officials" are
    # China's)
    if (described or counted or bare) and head is not None and head.type != "Place":
        return _referring(ctx, token.left_edge, token, head.type, "nominal")
    return None


def _members(ctx: Context, token: Token) -> EntityMention | None:
    """ "A gang of four thieves stole", "a group of protesters stormed the building": the
    people an "of" phrase on a noun of a group (`ontology/cues/group-nouns.txt`) names are who
    take part, as their bare plural would be; None for any other noun, or members that are
    no people ("a group of companies")."""
    if token.lemma_.lower() not in word_list("group-nouns.txt") or token.pos_ != "NOUN":
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in pobjs(prep):
            if pobj.tag_ not in {"NNS", "NNPS"}:
                continue  # "the team of owner John Henry" is the team's, not Henry's
            found = entity_of(ctx, pobj)
            if found is not None and found.type == "Person":
                return found
    return None


def _measured(ctx: Context, noun: Token) -> EntityMention | None:
    """Whose measure a noun of `ontology/cues/measure-nouns.txt` is: "the company's profit",
    "its shares", "shares of Apple", "sales at Ford", "deliveries of its jets", "Russia's
    exports" (the owner, a name or any mention that refers to one); a firm's measure with no
    owner (`ontology/cues/firm-measure-nouns.txt`: "Revenue fell") is the story's firm's."""
    for child in noun.children:
        if child.dep_ == "poss":
            return entity_of(ctx, child) or _short_firm_name(ctx, child)
        if child.dep_ == "prep" and child.lower_ in {"of", "at", "in"}:
            for pobj in pobjs(child):
                found = ctx.ents.get(pobj.i) or _short_firm_name(ctx, pobj)
                if found is not None and found.type in {"Organization", "State"}:
                    return found
                for owner in (c for c in pobj.children if c.dep_ == "poss"):
                    return entity_of(ctx, owner)  # "deliveries of its 737 MAX jets"
        if child.dep_ == "compound":
            short = _short_firm_name(ctx, child)
            if short is not None:
                return short
    # "Russian deliveries of oil", "Chinese output": a state's measure, no firm's (`entity_of`
    # takes the state from the modifier)
    stated = any(
        (ctx.ents.get(c.i) or _demonym(ctx, c)) is not None
        for c in noun.children
        if c.dep_ in {"amod", "compound"}
    )
    if (
        noun.lemma_.lower() in word_list("firm-measure-nouns.txt")
        and not stated
        and all(c.lower_ == "the" for c in noun.children if c.dep_ in {"det", "poss", "compound"})
    ):
        # "Intel said profit rose": the firm that tells of it; "the company had targeted 480
        # deliveries": the firm whose clause it is; else the story's firm ("Revenue fell")
        return _speaking_firm(ctx, noun) or _acting_firm(ctx, noun) or _story_firm(ctx, noun)
    return None


def _acting_firm(ctx: Context, noun: Token) -> EntityMention | None:
    """ "The company had targeted about 480 deliveries", "Intel expects revenue of $14
    billion": the organisation that is the subject of the verb whose object `noun` is (a name,
    or a description or pronoun that coreference links), a firm's own figures."""
    if noun.dep_ not in OBJECT:
        return None
    verb = noun.head
    while (shared := conjoined_verb(verb)) is not None:
        verb = shared  # "delivered 402 jets and had targeted 480 deliveries": one subject
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        found = entity_of(ctx, subject) or _short_firm_name(ctx, subject)
        if found is not None and found.type == "Organization":
            return found
    return None


def _speaking_firm(ctx: Context, noun: Token) -> EntityMention | None:
    """ "Intel said profit rose 20 percent", "the company said revenue fell": the organisation
    that is the subject of the verb of saying whose reported clause has `noun` for subject; a
    firm tells of its own figures (the nearest owner, before the story's most named firm)."""
    clause = noun.head
    if noun.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return None
    if clause.head.lemma_.lower() not in ctx.lex.reporting_cues:
        return None
    for subject in (c for c in clause.head.children if c.dep_ == "nsubj"):
        found = entity_of(ctx, subject)
        if found is not None and found.type == "Organization":
            return found
    return None


def _short_firm_name(ctx: Context, token: Token) -> EntityMention | None:
    """The firm an untagged capitalised word names by the first word of its full name, named
    before it ("Celtis shares rose", "Shares in Sakuragi rose", "Sakuragi's U.S. sales" after
    "Sakuragi Motor Co"): spaCy leaves a firm's short name beside a measure untagged. The
    latest such firm's name mention, or None."""
    if token.i in ctx.ents or not token.text[:1].isupper():
        return None
    short = [m for m in _firms_named_before(ctx, token) if m.name.split()[0] == token.text]
    return short[-1] if short else None


def _firms_named_before(ctx: Context, token: Token) -> list[EntityMention]:
    """The organisations' name mentions of the article before `token`, in text order."""
    return [
        m
        for m in ctx.found.entities
        if m.type == "Organization" and m.mention_type == "name" and m.span.end <= token.idx
    ]


def _story_firm(ctx: Context, before: Token) -> EntityMention | None:
    """The organisation the article has named most before `before` (the latest, of a tie),
    as its latest name mention there: whose measure a firm's measure with no owner is. A name
    counts for the fullest name it begins ("Cascadia" and "Cascadia Aerospace" for "Cascadia
    Aerospace Co"): coreference, which makes them one, runs after this stage."""
    names = _firms_named_before(ctx, before)
    if not names:
        return None
    fullest = sorted({m.name for m in names}, key=lambda n: -len(n.split()))

    def firm(name: str) -> str:
        words = name.split()
        return next(n for n in fullest if n.split()[: len(words)] == words)

    counts = Counter(firm(m.name) for m in names)
    latest = {firm(m.name): m for m in names}  # in order of offset: the last one stays
    return max(latest.values(), key=lambda m: (counts[firm(m.name)], m.span.start))


def _group_of_its_own(ctx: Context, noun: Token, head: Head | None) -> bool:
    """People a nationality or body only describes ("Somali pirates", "Australian climbers"),
    as against those who act for it: an office (`ontology/gazetteer/titles.tsv`: "Chinese
    officials", "the Russian leader") or `ontology/cues/state-agent-heads.txt` ("Russian
    troops")."""
    if head is None or head.type != "Person":
        return False
    lemma = noun.lemma_.lower()
    return lemma not in ctx.lex.titles and lemma not in word_list("state-agent-heads.txt")


def _company(noun: Token) -> bool:
    """A noun that describes a business (`ontology/cues/company-heads.txt`): a nationality
    before it says where the firm is from, not that the state owns or acts through it."""
    return noun.lemma_.lower() in word_list("company-heads.txt")


def _place_description(ctx: Context, token: Token) -> EntityMention | None:
    """A place described, not named, where an event happens ("at a bar", "in the area", "near
    the border": a place head of `nominal-heads.tsv` or a facility of `ontology/cues/
    facility-heads.txt`): a nominal mention for the event's place. No coreference links it (too many
    places fit "the city"), so it names the place in the evidence, not a node of the graph."""
    if token.i in ctx.ents or token.pos_ != "NOUN":
        return None
    head = heads().get(token.lower_)
    place = head is not None and head.type == "Place"
    # "schools", "stores": the list has the singular
    facility = {token.lower_, token.lemma_.lower()} & word_list("facility-heads.txt")
    if not place and not facility:
        return None
    if (
        token.dep_ == "dobj"
        and token.tag_ == "NN"
        and not any(c.dep_ in {"det", "poss", "nummod", "compound"} for c in token.lefts)
    ):
        # a bare singular object is an idiom's: "took place", "made room"; one a noun
        # describes is a headline's ("Sudan bombed refugee camp")
        return None
    if of_a_condition(token):
        return None  # "declared a state of emergency": a condition, no place
    return _referring(ctx, token.left_edge, token, "Place", "nominal")


def _referring(
    ctx: Context, first: Token, head: Token, kind: str, mention_type: str
) -> EntityMention:
    """A pronoun or description as an entity mention, from `first` to its head: coreference
    finds it by that span and gives it its chain (and the chain's name, key and type)."""
    span = make_span(ctx.doc, first.idx, head.idx + len(head), ctx.found.article.id)
    return EntityMention(span=span, type=kind, name=span.text, mention_type=mention_type)


def _group(ctx: Context, token: Token) -> list[EntityMention]:
    """ "The two presidents", "both countries", "the two companies", "the nations": two people,
    states or bodies of the kind the plural names, the commonest such phrase in news of two
    parties. Its antecedent is the last pair the text joined before it ("Russia and China",
    "Russia-China ties", "Putin and Xi"), else the two of the kind the article names most,
    when they stand clear of the third."""
    head = heads().get(token.lower_)
    if head is None or token.tag_ not in {"NNS", "NNPS"}:
        return []
    counted = any(c.dep_ == "nummod" and c.lower_ == "two" for c in token.children) or any(
        c.lower_ == "both" for c in token.children
    )
    definite = [c.lower_ for c in token.children] == ["the"]
    kind = "State" if token.lemma_.lower() == "state" else head.type  # "the two states"
    if not (counted or definite) or kind not in {"Person", "State", "Organization"}:
        return []
    mentions = [m for m in ctx.found.entities if m.type == kind]
    if kind == "State":  # "Moscow" and "Russian" are Russia too
        mentions += [m for t in token.doc if (m := _demonym(ctx, t)) is not None]
    return _pair_before(ctx, token, mentions) or _most_named_pair(
        [m for m in mentions if not _a_setting(ctx, m)]
    )


def _a_setting(ctx: Context, mention: EntityMention) -> bool:
    """A mention under a preposition of place ("the war in Ukraine"): where things happen,
    not a party to them."""
    span = ctx.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    root = span.root if span is not None else None
    return root is not None and root.dep_ == "pobj" and root.head.lower_ in _WHERE_PREPS


def _identity(mention: EntityMention) -> str:
    return mention.key or mention.name


def _pair_before(ctx: Context, token: Token, mentions: list[EntityMention]) -> list[EntityMention]:
    """The last two mentions of `mentions` before `token` that the text joins: coordinated
    ("Russia and China") or hyphenated ("Russia-China relations")."""
    at = entity_index(ctx.doc, tuple(mentions))
    for i in range(token.i - 1, -1, -1):
        first = at.get(i)
        if first is None:
            continue
        word = ctx.doc[i]
        joined = [ctx.doc[c.i] for c in word.conjuncts if c.i in at]
        if i + 2 < token.i and ctx.doc[i + 1].text in {"-", "–"} and i + 2 in at:
            joined.append(ctx.doc[i + 2])
        for other in joined:
            second = at[other.i]
            if _identity(second) != _identity(first):
                return sorted([first, second], key=lambda m: m.span.start)
    return []


def _most_named_pair(mentions: list[EntityMention]) -> list[EntityMention]:
    """The two of `mentions` named most (a surname counted with its full name), if the third
    is named less often than the second."""
    named = Counter(_identity(m) for m in mentions)
    firsts: dict[str, EntityMention] = {}
    for m in mentions:
        firsts.setdefault(_identity(m), m)
    for short in [n for n in named if " " not in n]:
        full = [n for n in named if n != short and short in n.split()]
        if len(full) == 1:
            named[full[0]] += named.pop(short)
    ranked = sorted(named, key=lambda n: (-named[n], n))
    if len(ranked) < 2 or (len(ranked) > 2 and named[ranked[2]] == named[ranked[1]]):
        return []
    return [firsts[n] for n in ranked[:2]]


def _measured_group(ctx: Context, noun: Token) -> list[EntityMention]:
    """ "The bilateral trade of the two countries": the group a measure belongs to."""
    if not measure(noun):
        return []
    return [
        member
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in {"of", "between"}
        for pobj in pobjs(prep)
        for member in _group(ctx, pobj)
    ]


def _leaders_of(ctx: Context, token: Token) -> list[EntityMention]:
    """ "A summit between the leaders of Armenia and Azerbaijan": people described by whom
    they act for, more than one, stand for those states or bodies."""
    head = heads().get(token.lower_)
    if token.tag_ != "NNS" or head is None or head.type != "Person":
        return []
    owners = [
        found
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in pobjs(prep)
        if (found := ctx.ents.get(pobj.i)) is not None and found.type in {"State", "Organization"}
    ]
    return owners if len(owners) > 1 else []


def _owners(ctx: Context, token: Token) -> list[EntityMention]:
    """ "The Russian and Chinese navies": every state or organisation a common noun's
    coordinated modifiers name (one owner alone is `_entity`'s business)."""
    if token.i in ctx.ents or token.pos_ != "NOUN":
        return []
    owners = []
    for child in token.children:
        if child.dep_ in {"amod", "compound"} and child.i < token.i and child.conjuncts:
            for part in (child, *child.conjuncts):
                owner = ctx.ents.get(part.i) or _demonym(ctx, part)
                if owner is not None and owner.type in {"State", "Organization"}:
                    owners.append(owner)
    return owners if len(owners) > 1 else []


def _demonym(ctx: Context, token: Token) -> EntityMention | None:
    return demonym_mention(ctx.lex, token, ctx.found.article.id)
