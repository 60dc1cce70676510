"""Event triggers: the verbs and nouns that name an event, and the class each names.

Event detection in TimeML's sense (Saurí et al. 2006, TimeML Annotation Guidelines 1.2.1,
section 2.1: verbs, event nominals and predicative states), typed in three tiers:

  1. a class of ontology/kg.ttl whose hand-written kg:verbTrigger / kg:nounTrigger lists the
     lemma: a verb with its particle or preposition ("shoot down"), or a noun with the
     modifiers before it ("video call"), the longest match winning;
  2. a class that WordNet 3.0 gives the lemma: ontology/events/lexicon.tsv, derived from the
     classes' kg:wordnetSense anchors by bench/build_event_lexicon.py ("blizzard" -> Storm);
  3. a generic event (kg:OtherEvent, labelled by its lemma): any other verb, and any event
     nominal of that lexicon ("rampage", "reinstatement").

Tiers 1 and 2 always make an event. A generic event becomes a node only under `NODES`, the
node policy: by default when it names a participant the graph can name (an entity mention as
agent, target or co-participant) or has a time of its own clause, never for verbs that only
carry, govern or report another event (ontology/events/no-node-verbs.txt and the cue lists).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from spacy.tokens import Token

from kg import lexicon, names, nlp
from kg.errors import KgError
from kg.extract.common import amount, measure, word_list
from kg.extract.events.anchoring import clause_times, give_time, rescheduled_to
from kg.extract.events.modality import assess, subject_of
from kg.extract.events.participants import add_participants, entity_of
from kg.extract.events.syntax import (
    PARTICLES,
    Context,
    Draft,
    according_to,
    clause_ancestors,
    governing_verb,
    past_transparent,
    phrasal_lemma,
    pobjs,
    small_clause,
    subject_verb,
)
from kg.extract.referring import heads
from kg.lexicon import DEFAULT_DIR
from kg.model import TimeMention

LEXICON = DEFAULT_DIR / "events" / "lexicon.tsv"
STATE_VERBS = DEFAULT_DIR / "events" / "state-verbs.tsv"
_COLUMNS = ("lemma", "pos", "class", "sense", "via", "verb")
_ACTORS = frozenset({"agent", "target", "coParticipant"})
# the prepositions that order two events in time (TimeML's SIGNALs of BEFORE and AFTER:
# Pustejovsky et al. 2003; "fled after the robbery", "died days before the trial", "resigned
# following the merger"); "during" and "amid" are left out: "spoke during the call" is the call
ORDERING_PREPOSITIONS = frozenset({"after", "before", "following", "since", "until", "till"})
# "spoke by telephone", "talked over a video link": the means makes a verb of talking a call
_MEANS_PREPS = frozenset({"by", "over", "via", "on"})


@dataclass(frozen=True)
class DerivedTrigger:
    """One line of ontology/events/lexicon.tsv."""

    cls: str | None  # a kg: event class, None for an event nominal no class covers
    sense: str  # the WordNet 3.0 sense key that makes the lemma an event (of that class)
    verb: str | None  # the verb a nominal derives from ("acquisition" -> "acquire")


@dataclass(frozen=True)
class NodePolicy:
    """Which generic events (tier 3) become event mentions, and so graph nodes.

    verbs / nominals: "none"; "actor" (a named agent, and a target or a time: kg's rule before
    the news taxonomy); "named" (any named agent, target or co-participant); "dated" (as
    "named", or a time expression of its own clause: "the plant exploded on Tuesday" is on
    the timeline whoever took part); "clauses" (as "dated", or any verb heading a clause of
    its own, `heads_a_clause`: "the suspect fled", "police said he surrendered"); "joining" (as
    "named", and besides any candidate that names no actor at all: resolution lets such a
    mention only join an event the story already has, `kg.resolve.events`); "all" (every
    candidate: TimeML's event detection, for measuring recall). Measured with bench.triggers
    and bench.ecb_events (see the reports of issue 13 for the figures of each setting):
    "joining" finds more of ECB+'s mentions and merges a little better (end-to-end CoNLL 28.4
    against 27.6), but every event mention it adds names no one, which halves what `kg
    extract` says of each event's arguments. "dated" adds the events a timeline needs most (a
    stated time) at nearly the precision of "named" (TBAQ: recall 44.6 at precision 83.0,
    against 43.1 at 82.8). For verbs "clauses" is the default: news of an incident tells its
    acts by who did them, described more often than named ("the gunman fled"), and TimeML
    (and ECB+) annotate every verb that heads a clause; resolution still makes a node of such
    a verb only when it names or describes an actor or joins an event the story has
    (`kg.resolve.events`). Measured (bench.triggers, P / R, verbs under each setting): TBAQ
    "dated" 83.5 / 52.5, "clauses" 83.7 / 57.4, "all" 80.2 / 61.8 (its extras mostly
    participles that modify a noun: "Chicago-based", "allied", which "clauses" leaves out);
    ECB+ "dated" 94.2 / 53.9, "clauses" 93.6 / 57.1 (on six topics "all" 94.3 / 68.4 against
    "dated" 95.1 / 53.2). Nominals stay "dated": "all" there costs TBAQ another 4 points of
    precision."""

    verbs: str = "clauses"
    nominals: str = "dated"
    deverbal_only: bool = True  # a generic nominal must derive from a verb ("takeover")


NODES = NodePolicy()
_SETTINGS = frozenset({"none", "actor", "named", "dated", "clauses", "joining", "all"})


@cache
def derived_triggers(path: Path = LEXICON) -> Mapping[tuple[str, str], DerivedTrigger]:
    """(lemma, "NOUN" | "VERB") -> its derived trigger, read from ontology/events/lexicon.tsv.
    A malformed line raises KgError naming the file and line."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise KgError(f"{path}: cannot read: {exc}") from exc
    classes = lexicon.load().event_classes
    found: dict[tuple[str, str], DerivedTrigger] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if tuple(fields) == _COLUMNS:
            continue
        if len(fields) != len(_COLUMNS) or fields[1] not in lexicon.POS_TAGS:
            raise KgError(f"{path}:{number}: expected {len(_COLUMNS)} tab-separated fields")
        lemma, pos, cls, sense, _, verb = fields
        if cls != "-" and cls not in classes:
            raise KgError(f"{path}:{number}: kg:{cls} is not an event class of kg.ttl")
        found[(lemma, pos)] = DerivedTrigger(
            None if cls == "-" else cls, sense, None if verb == "-" else verb
        )
    return MappingProxyType(found)


def _calls_off_a_thing(ctx: Context, verb: Token) -> bool:
    """ "Lufthansa cancelled 900 flights", "scrapped its dividend": a verb that calls off or
    puts off (a status cue) whose object is no event does something of its own; with an event
    for object ("cancelled the talks") it only tells that event's status."""
    lex = ctx.lex
    if phrasal_lemma(verb) not in lex.negation_cues | lex.reschedule_cues:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and not any(o.i in ctx.drafts or _names_an_event(ctx, o) for o in objects)


def _plans_a_thing(ctx: Context, verb: Token) -> bool:
    """ "Sony offered $3.4 billion for Columbia", "Kopp is being sought by the FBI": a verb of
    intending or attempting (ontology/kg.ttl's PlannedCue) that is an act, not a state
    (`_state_verbs`, `ontology/cues/not-events.txt`), and governs no event (no clause, and an
    object that names none) does something of its own, as TimeML annotates it (I_ACTION,
    Saurí et al. 2006, section 2.1.3); governing one ("offered to buy", "sought talks") it
    only says that event is planned."""
    lemma = verb.lemma_.lower()
    if lemma not in ctx.lex.planned_cues or lemma in _state_verbs():
        return False
    if lemma in word_list("not-events.txt"):
        return False
    if any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return bool(objects) and not any(o.i in ctx.drafts or _names_an_event(ctx, o) for o in objects)


def _stops_a_thing(ctx: Context, verb: Token) -> bool:
    """ "stopped the C-400 assembly line", "police stopped the car": an aspectual verb
    of ending (`ontology/cues/ending-verbs.txt`) says when another event ends ("stopped
    talking", "ceased fire"), no node of its own; with an object that names no event it stops
    a thing, an act of its own (TimeML annotates "stop" as an event either way: ASPECTUAL,
    Saurí et al. 2006, section 2.1.3)."""
    if verb.lemma_.lower() not in word_list("ending-verbs.txt"):
        return False
    if any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children):
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return bool(objects) and not any(o.i in ctx.drafts or _names_an_event(ctx, o) for o in objects)


def _transfers_an_amount(verb: Token) -> bool:
    """ "Cilcorp will pay Hunter $4 million", "QVC agreed to pay $19 for each share": a light
    verb (`ontology/cues/light-verbs.txt`) is light only with an event for object ("paid a
    visit", "made a decision", Saurí et al. 2006, section 2.1.1 on support verbs); with an
    amount of money or a number of things it moves them, an act of its own. Not a verb of
    having (`ontology/cues/not-events.txt`: "had $5 billion in assets" is a state)."""
    lemma = verb.lemma_.lower()
    if lemma not in word_list("light-verbs.txt") or lemma in word_list("not-events.txt"):
        return False
    return any(
        amount(o) or any(amount(c) or (c.dep_ == "nummod" and c.like_num) for c in o.children)
        for o in verb.children
        if o.dep_ == "dobj"
    )


def _never(ctx: Context) -> frozenset[str]:
    """Verbs that never make a generic event node."""
    lex = ctx.lex
    return (
        word_list("not-events.txt") | word_list("topic-verbs.txt")
        | word_list("light-verbs.txt") | _no_node_verbs() | lex.reporting_cues
        | lex.planned_cues | lex.negation_cues | lex.hypothetical_cues
    )  # fmt: skip


@cache
def _no_node_verbs() -> frozenset[str]:
    """ontology/events/no-node-verbs.txt: aspectual, intensional, light verbs (by hand)."""
    return frozenset(lexicon.read_word_list(DEFAULT_DIR / "events" / "no-node-verbs.txt"))


# WordNet's verbs of saying are acts, not states: TimeML annotates "issued a warrant", "filed
# an appeal", "ordered an inquiry" as OCCURRENCE or I_ACTION (Saurí et al. 2006, section 2.1.3)
_ACT_LEXFILES = frozenset({"verb.communication"})


@cache
def _state_verbs() -> frozenset[str]:
    """The verbs of ontology/events/state-verbs.tsv whose sense is one of being, thinking,
    perceiving or feeling (WordNet's verb.stative, verb.cognition, verb.perception and
    verb.emotion): they need a named actor and a target or a time to make a generic node
    ("Putin feared Xi", "lived in Miami in 1999"). Verbs of saying (verb.communication) are
    not among them: an act of saying is kept like any other verb ("the court issued a
    warrant", "the family filed an appeal"): measured on TBAQ with bench.triggers, such verbs
    with a named agent and no target are 89% TimeML events."""
    lines = STATE_VERBS.read_text("utf-8").splitlines()
    verbs = nlp.known_verbs() or frozenset()
    return frozenset(  # as the parse spells them (kg.nlp): WordNet lists "advertise" alone
        nlp.american_spelling(fields[0], verbs)
        for line in lines
        if line
        and not line.startswith(("#", "lemma\t"))
        and (fields := line.split("\t"))[-1] not in _ACT_LEXFILES
    )


def generic_events(
    ctx: Context, times: tuple[TimeMention, ...], policy: NodePolicy | None = None
) -> list[Draft]:
    """Generic events (kg:OtherEvent, labelled by lemma): verbs no class lists ("Apple sued
    Samsung", "the quake struck Haiti on Tuesday") and event nominals of
    ontology/events/lexicon.tsv ("Apple's reorganisation"), kept as `policy` (default `NODES`)
    says. Found after the classed events, so they never take their times or participants."""
    policy = policy or NODES
    never = _never(ctx)
    known = nlp.known_verbs()
    derived = derived_triggers()
    # a verb above a classed noun event is that event's vehicle ("spoke by video call"), and
    # so is the verb of its happening ("an earthquake hit Iran")
    carriers = {
        v.i
        for d in ctx.drafts.values()
        if (
            v := governing_verb(d.trigger) or (d.trigger.pos_ == "NOUN" and subject_verb(d.trigger))
        )
        and _carries(d.trigger, v)
    }
    drafts: dict[int, Draft] = {}
    for token in ctx.doc:
        if token.i in ctx.drafts or token.i in carriers or token.i in ctx.ents:
            continue
        if token.i in ctx.folded or _market_session(token) or _currency(token):
            continue  # restated, "in Paris trading", "7 billion won"
        if _degree_compound(token):
            continue  # "best-selling", "fast-growing": a property
        lemma = token.lemma_.lower()
        if not lemma.isalpha():
            continue
        if (
            token.pos_ == "VERB"
            and policy.verbs != "none"
            # "called off its merger": the verb with its particle is the cue ("call off")
            and (
                {lemma, phrasal_lemma(token)}.isdisjoint(never)
                or _calls_off_a_thing(ctx, token)
                or _plans_a_thing(ctx, token)
                or _stops_a_thing(ctx, token)
                or _transfers_an_amount(token)
            )
            and (known is None or lemma in known)
            and not _support_alone(ctx, token)
            and not _object_predicative(token)
        ):
            drafts[token.i] = Draft(token, token, token, lexicon.GENERIC_CLASS, lemma)
        elif token.pos_ == "NOUN" and policy.nominals != "none" and token.dep_ != "compound":
            entry = derived.get((lemma, "NOUN"))
            if (
                entry is not None
                and entry.cls is None
                and (entry.verb is not None or not policy.deverbal_only)
            ):
                drafts[token.i] = Draft(token, token, token, lexicon.GENERIC_CLASS, lemma)
    carried = _carried(drafts)
    for time, span in clause_times(ctx, times):
        if rescheduled_to(ctx, span):
            continue  # the date of what is put off ("postponed the launch to 2026")
        for token in clause_ancestors(span.root):
            if token.i in ctx.drafts:
                break
            if (draft := drafts.get(token.i) or carried.get(token.i)) is not None:
                give_time(draft, time)
                break
    kept = []
    states = _state_verbs()
    for draft in drafts.values():
        verb = draft.trigger.pos_ == "VERB"
        setting = policy.verbs if verb else policy.nominals
        if verb:
            add_participants(ctx, draft)
            if draft.label in states and setting in {"named", "dated", "clauses", "joining"}:
                setting = "actor"
        else:
            _nominal_participants(ctx, draft)
            if draft.trigger.head.i in carried:
                # "Nokia completed the transaction": who completes it transacts
                draft.add(subject_of(ctx, draft.trigger.head), "agent")
        if _keeps(draft, setting):
            assess(ctx, draft)
            kept.append(draft)
    return kept


def _carried(drafts: Mapping[int, Draft]) -> dict[int, Draft]:
    """Aspectual verbs by index, each with the generic event noun it takes as object
    ("completed the transaction", "began production": `ontology/cues/aspectual-verbs.txt`),
    whose clause says who did the noun's event and when. Not the light verbs ("had a rare
    admission of daylight"): "have", "make" and "take" carry too many things that are no
    events."""
    aspectual = word_list("aspectual-verbs.txt")
    return {
        noun.head.i: draft
        for draft in drafts.values()
        if (noun := draft.trigger).pos_ == "NOUN"
        and noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in aspectual
        and noun.head.i not in drafts
    }


def _anothers(noun: Token) -> bool:
    """Whether a name owns `noun` ("Tesla's record earnings"): then a verb with it as its
    object is no trigger of the phrase's class ("Analysts reported Tesla's earnings" is
    Tesla's result, not the analysts'); "its earnings" are the subject's own."""
    return any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children)


def _object_predicative(verb: Token) -> bool:
    """Whether the verb gives its object a state and so tells no event of its own: "Xi called
    Putin his dear friend", "deemed the talks a success", "the war has left the Kremlin
    isolated" (a bare adjective or participle after the object, which the parser may hang on
    the verb as a clause)."""
    return any(_object_s_state(c) for c in verb.children)


def _object_s_state(token: Token) -> bool:
    """Whether `token` is the state a verb gives its object ("left the Kremlin isolated",
    "called Putin his dear friend"): the object's predicate, or a bare adjective or
    participle after the object that the parser hung on the verb as a clause."""
    if token.dep_ == "oprd":
        return True
    objects = [c.i for c in token.head.children if c.dep_ == "dobj"]
    if token.i > 0 and token.doc[token.i - 1].text == ",":
        # "secured $250 million from its lenders, led by Ares Management": a participle set
        # off by a comma describes a noun before it (a reduced relative), no state given to
        # the object
        return False
    return (
        bool(objects)
        and token.i > objects[0]
        and token.dep_ in {"advcl", "acomp", "xcomp", "ccomp"}
        and token.tag_ in {"JJ", "VBN"}
        and not any(
            g.dep_ in {"mark", "nsubj", "nsubjpass", "aux", "auxpass"} for g in token.children
        )
    )


def _carries(noun: Token, verb: Token) -> bool:
    """Whether `verb` only carries the event its argument `noun` names: through a preposition
    ("spoke by video call"), as its subject with no object or as an onset verb ("an earthquake
    hit Iran") or as a support or light verb's object ("held talks"); a verb that acts on an
    event ("approved a merger") or by which an event acts on something ("the fire destroyed
    the church") is an event of its own (TimeML annotates both)."""
    lemma = verb.lemma_.lower()
    if _orders(noun, verb):
        return False  # "fled after the robbery": another event, placed in time by the noun's
    if noun.dep_ == "pobj" and noun.head.lower_ == "from" and noun.head.head.i == verb.i:
        # "emerge from bankruptcy", "returned from the summit", "withdrew from the talks": a
        # verb of leaving the event is an event of its own (TimeML annotates both), not the
        # event's vehicle as "spoke by video call" is
        return False
    if noun.dep_ == "nsubj" and noun.head.i == verb.i:
        # "an earthquake hit Iran", "a fire broke out": the verb of its happening; "the fire
        # destroyed the church": what the event did to something, an event of its own
        return lemma in word_list("onset-verbs.txt") or not any(
            c.dep_ == "dobj" for c in verb.children
        )
    if noun.dep_ != "dobj" or noun.head.i != verb.i:
        return True
    return lemma in word_list("support-verbs.txt") | word_list("light-verbs.txt")


def _orders(noun: Token, verb: Token) -> bool:
    """Whether `noun` is the object of a preposition of `verb` that orders two events in time
    (TimeML's SIGNALs of BEFORE and AFTER: "fled after the robbery", "was arrested before the
    trial", "resigned following the merger"): the verb is then an event of its own, which the
    noun's event only dates, not the vehicle of it ("spoke by video call")."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.head.i == verb.i
        and prep.lower_ in ORDERING_PREPOSITIONS
    )


def _nominal_participants(ctx: Context, draft: Draft) -> None:
    """Who a generic event nominal names as its arguments: its possessor ("Google's
    reorganization") or a name before it ("the Apple reorganization") as agent, the object of
    "of", "by", "against", "on" or "with" ("the reorganization of Chrysler") as target or
    co-participant. Not a demonym ("the official Russian translation") nor the clause around
    it: those say little about who took part in what the noun names."""
    trigger = draft.trigger
    for child in trigger.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
            draft.add(entity_of(ctx, child), "agent")
        elif child.dep_ == "prep" and child.lower_ in {"of", "by", "against", "on", "with"}:
            role = {"by": "agent", "with": "coParticipant"}.get(child.lower_, "target")
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                draft.add(ctx.ents.get(pobj.i), role)


# how a verb hangs when it only modifies a noun or stands for a preposition ("Chicago-based",
# "a company called Acme", "allied forces", "compared with", "following the talks")
_MODIFIER_DEPS = frozenset({"amod", "acl", "compound", "prep", "pcomp", "advmod", "npadvmod"})


def heads_a_clause(verb: Token) -> bool:
    """Whether a verb heads a clause of its own (the sentence's, a coordinated, reported,
    adverbial, relative or infinitive clause: "the suspect fled", "police said he surrendered",
    "who escaped"), where TimeML finds its events; not a participle that only modifies a noun
    ("the Chicago-based firm", "a company called Acme", "allied forces") or does a
    preposition's work ("compared with", "following the talks")."""
    # "left the Kremlin isolated": a participle that gives the verb's object a state
    return verb.pos_ == "VERB" and verb.dep_ not in _MODIFIER_DEPS and not _object_s_state(verb)


def _keeps(draft: Draft, setting: str) -> bool:
    """Whether a generic event is worth a node under one setting of `NodePolicy`."""
    if setting not in _SETTINGS:
        raise ValueError(f"node policy {setting!r} is not one of {sorted(_SETTINGS)}")
    roles = {p.role for p in draft.participants.values()}
    if setting == "all":
        return True
    if setting == "named":
        return bool(roles & _ACTORS)
    if setting == "clauses":
        return bool(roles & _ACTORS) or draft.time is not None or heads_a_clause(draft.trigger)
    if setting == "dated":
        return bool(roles & _ACTORS) or draft.time is not None
    if setting == "joining":
        return not roles - {"place"} or bool(roles & _ACTORS)
    if setting == "actor":
        return "agent" in roles and bool(roles - {"agent", "place"} or draft.time is not None)
    return False


def find_trigger(ctx: Context, token: Token) -> Draft | None:
    """A classed event (tiers 1 and 2): a verb with its particle or preposition ("shoot down",
    "call on"), or a noun with the modifiers before it ("video call", "cease-fire"), that the
    ontology lists or WordNet classes; or a verb of talking by a means of calling ("spoke by
    telephone"), a Call."""
    if token.i in ctx.ents and token.pos_ != "VERB":
        return None
    if _market_session(token) or _currency(token) or _degree_compound(token):
        return None
    derived = derived_triggers()
    source = according_to(token)
    if source is not None and entity_of(ctx, source) is not None:
        # "according to police": a statement by its source (TimeBank's REPORTING "according")
        return Draft(token, token, token.nbor(), "Statement", "according to")
    if token.pos_ == "ADJ" and (cls := _state_adjective(ctx, token)) is not None:
        return Draft(token, token, token, cls, token.lemma_.lower())
    if token.pos_ == "VERB":
        call = _call_by_means(ctx, token)
        if call is not None:
            return call
        # a particle or preposition ("shoot down"), the head of the object for the verbs whose
        # sense it fixes ("send troops", "send its armed forces"), or a predicative adjective
        # ("pleaded guilty", "was found dead", "found him guilty")
        extras = [
            c
            for c in token.children
            if c.i > token.i
            and (
                c.dep_ in {"prt", "prep", "dobj", "acomp", "oprd"}
                or small_clause(c)
                # a particle the parser took for an adverb: "pilots walked out"
                or (c.dep_ == "advmod" and c.i == token.i + 1 and c.lower_ in PARTICLES)
            )
            and not _dates(c)  # "called off ... on Wednesday" is no "call on"
        ]
        extras += _after_its_object(token)
        if _is_status_cue(ctx, token):
            return None  # "called off", "put off", "ruled out": a cue of another event's status
        # the object of a preposition fixes the sense too ("appear in court")
        objects = [[token, c, o] for c in extras if c.dep_ == "prep" for o in pobjs(c)]
        candidates = [*objects, *([token, c] for c in extras), [token]]
        if _carries_an_event(ctx, token):
            return None
        if _quantity_moves(token):  # before the lexicon: "sales declined" refused nothing
            return Draft(token, token, token, "PriceChange", token.lemma_.lower())
        if (cls := _company_sense(ctx, token)) is not None:  # "Ford recalled 1.2 million cars"
            return Draft(token, token, token, cls, token.lemma_.lower())
        for lookup in (ctx.lex.event_trigger, _derived_lookup(derived)):
            for words in candidates:
                phrase = _verb_phrase(words)
                cls = lookup(phrase, "VERB")
                if cls is not None and _not_a_meeting(ctx, token, cls):
                    return None
                if cls == lexicon.GENERIC_CLASS and any(
                    c.dep_ == "nsubj" and c.i in ctx.drafts for c in token.children
                ):
                    return None  # "the blast happened at 9 p.m.": the blast's time, no event
                if cls == "PriceChange" and any(
                    c.dep_ == "dobj" and entity_of(ctx, c) is not None for c in token.children
                ):
                    # "plunging Ukraine into darkness", "lifted the team": a party moved, no price
                    cls = lexicon.GENERIC_CLASS
                if words[-1].dep_ == "dobj" and _anothers(words[-1]):
                    continue  # "Analysts reported Tesla's earnings": Tesla's, the noun's event
                if cls is not None:
                    # the mention as written runs to the word that fixes the sense when that
                    # is the verb's object ("posted a net loss", "cut 1,800 jobs"), so a reader
                    # and a scorer find both words in it
                    contiguous = words[-1].i == token.i + len(words) - 1
                    its_object = len(words) == 2 and words[-1].dep_ == "dobj"
                    last = words[-1] if contiguous or its_object else token
                    return Draft(token, token, last, cls, phrase)
        if _reports(ctx, token):
            return Draft(token, token, token, "Statement", token.lemma_.lower())
        return None
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None  # only a noun below names an event (asked of every token of the article)
    if token.dep_ == "nsubj" and token.head.pos_ == "VERB" and _quantity_moves(token.head):
        return None  # "sales fell 3 percent": the quantity that moved, not a sale
    if _moving_measure(token):
        return None  # "two years of falling sales": the quantity that moves, not a sale
    if _in_its_verb_s_trigger(ctx, token):
        return None  # "opened fire", "went on strike": the noun is part of its verb's trigger
    if token.pos_ == "NOUN" and token.dep_ != "compound" and (cls := _amount_noun(token)):
        return Draft(token, token, token, cls, token.lemma_.lower())
    if token.pos_ in {"NOUN", "PROPN"} and token.dep_ != "compound":
        if (of_phrase := _of_object_sense(ctx, token)) is not None:
            return of_phrase
        # a noun that only modifies another ("air raid sirens") names no event
        left = list(token.doc[max(token.sent.start, token.i - 6) : token.i])
        mods = [t for t in left if t.head.i == token.i or t.text == "-"]
        for lookup in (ctx.lex.event_trigger, _derived_lookup(derived)):
            for n in range(min(len(mods), 2 * ctx.lex.max_trigger_words), -1, -1):
                words = [*mods[len(mods) - n :], token]
                if words[0].text == "-" or any(
                    b.i - a.i != 1 for a, b in itertools.pairwise(words)
                ):
                    continue  # not contiguous, or half a hyphenated word ("-election")
                before = " ".join(t.lemma_.lower() for t in words[:-1] if t.text != "-")
                for head in _noun_lemmas(token):
                    phrase = f"{before} {head}".strip()
                    cls = lookup(phrase, "NOUN")
                    if cls is not None and _an_amount(ctx, token, cls):
                        return None
                    if cls is not None and _market_measure(ctx, token, cls):
                        return None
                    if cls is not None and n == 0:
                        # "military and military-technical cooperation": a modifier apart
                        cls = _narrowed(ctx, token, cls, head, lookup)
                        cls = _labour_sense(ctx, token, cls, head)
                    if cls is not None:
                        return Draft(token, words[0], token, cls, phrase)
    return None


def _verb_phrase(words: list[Token]) -> str:
    """The lemmas of a verb and the words that fix its sense, with the "not" a sense word
    takes: "pleaded not guilty" is "plead not guilty", a plea of its own, never the "plead
    guilty" the lexicon would find without it (the verb's own "not" is its status)."""
    return " ".join(
        f"not {t.lemma_.lower()}"
        if i and any(c.dep_ == "neg" for c in t.children)
        else t.lemma_.lower()
        for i, t in enumerate(words)
    )


def _of_object_sense(ctx: Context, noun: Token) -> Draft | None:
    """ "The launch of an Electron rocket" is a "rocket launch", "the release of the
    prisoners" a "prisoner release": the object of "of" fixes a noun's sense as a compound
    would, so the lexicon's compound phrase classes it (before the bare noun, which may name
    another kind: a product's launch). None when no such phrase is in the lexicon."""
    if noun.pos_ != "NOUN":
        return None
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in pobjs(of):
            phrase = f"{obj.lemma_.lower()} {noun.lemma_.lower()}"
            cls = ctx.lex.event_trigger(phrase, "NOUN")
            if cls is not None:
                return Draft(noun, noun, noun, cls, phrase)
    return None


def _narrowed(
    ctx: Context, noun: Token, cls: str, head: str, lookup: Callable[[str, str], str | None]
) -> str:
    """The narrower class a modifier of `noun` that is not next to it gives, with the noun,
    in the lexicon ("military and economic cooperation": "military cooperation", a
    kg:MilitaryCooperation); `cls` when none does."""
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound"}]
    mods += [c for m in mods for c in m.conjuncts]
    for mod in mods:
        narrower = lookup(f"{mod.lemma_.lower()} {head}", "NOUN")
        if narrower is not None and narrower != cls and cls in ctx.lex.lineage(narrower):
            return narrower
    return cls


def _labour_sense(ctx: Context, noun: Token, cls: str, head: str) -> str:
    """A stoppage that workers or their union make ("a strike by its pilots", "the nurses'
    strike", "after pilot strike", `ontology/cues/labour-bodies.txt`) takes the labour sense
    the lexicon gives the noun ("labour strike", a kg:Protest: CAMEO 143 conduct strike or
    boycott), not the attack it names when a state or its troops (`ontology/cues/
    state-agent-heads.txt`) strike; `cls` otherwise."""
    labour = ctx.lex.event_trigger(f"labour {head}", "NOUN")
    if labour is None or labour == cls:
        return cls
    for mod in (c for c in noun.children if c.dep_ == "compound"):
        kind = heads().get(mod.lemma_.lower())
        if (  # "after pilot strike"
            kind is not None
            and kind.type == "Person"
            and mod.lemma_.lower() not in word_list("state-agent-heads.txt")
        ):
            return labour
    makers = [c for c in noun.children if c.dep_ == "poss"]
    makers += [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for o in pobjs(c)]
    for maker in makers:
        mention = entity_of(ctx, maker)
        word = maker.lemma_.lower()
        if mention is None or mention.mention_type == "pronoun":
            continue
        if mention.type == "Person" and mention.mention_type == "nominal":
            if word not in word_list("state-agent-heads.txt"):
                return labour
        elif mention.type == "Organization" and {word, names.words(mention.name)[-1]} & word_list(
            "labour-bodies.txt"
        ):
            return labour
    return cls


def bought_a_company(draft: Draft) -> None:
    """ "Apple bought Beats Electronics", "the purchase of Altair by Siemens": a sale or
    purchase whose buyer and what is bought are both companies is a kg:Acquisition, as
    ontology/kg.ttl defines it (the verb alone cannot say: "buy oil" is trade)."""
    if draft.cls != "Transaction":
        return
    roles = {p.role for p in draft.participants.values() if p.entity.type == "Organization"}
    if "agent" in roles and roles & {"target", "coParticipant"}:
        draft.cls = "Acquisition"


def _currency(token: Token) -> bool:
    """ "A 7 billion won contract": a currency noun after a number (`ontology/cues/
    currency-nouns.txt`), which the parser may take for a verb, is money, no event."""
    # the word first: asked of every token, it rules out nearly all without making a Token of
    # the one before
    if token.i == 0 or token.lower_ not in word_list("currency-nouns.txt"):
        return False
    return token.nbor(-1).like_num


def _degree_compound(token: Token) -> bool:
    """ "Its best-selling jet", "a fast-growing firm", "a long-awaited summit": a participle
    that a word of degree joins by a hyphen to modify a noun is the noun's property, no event
    (TimeBank tags no EVENT on "fast-growing" or "top-selling", though it does on a noun's
    own "price-cutting")."""
    if token.dep_ != "amod" or token.tag_ not in {"VBG", "VBN"} or token.i < 2:
        return False
    hyphen, degree = token.nbor(-1), token.nbor(-2)
    return (
        hyphen.text == "-"
        and not hyphen.whitespace_
        and not degree.whitespace_
        and degree.dep_ == "advmod"
        and degree.head.i == token.i
    )


def _market_session(token: Token) -> bool:
    """ "Rose 1.8 percent in Paris trading", "fell in early New York trading": the session
    of a market, no event (the parser makes the word a noun or a clause of its own)."""
    if token.lower_ != "trading":
        return False
    for before in reversed(token.doc[max(token.sent.start, token.i - 5) : token.i]):
        if before.lower_ in {"in", "during"}:
            return True
        if before.pos_ not in {"PROPN", "ADJ", "NOUN", "DET", "PUNCT"}:
            return False
    return False


def _reports(ctx: Context, verb: Token) -> bool:
    """A verb of ontology/kg.ttl's ReportingCue list that reports a clause ("confirmed that
    the plant had closed", "“We will rebuild,” he added"): a statement, as TimeBank annotates
    REPORTING events, though no class lists the verb."""
    if verb.lemma_.lower() not in ctx.lex.reporting_cues:
        return False
    return verb.dep_ == "parataxis" or any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children)


# how a market's session ends: "closed 1.2% higher", "ended down 2%", "traded 3% lower"
_SESSION_VERBS = frozenset({"close", "end", "finish", "open", "trade", "settle"})
_DIRECTIONS = frozenset({"up", "down", "higher", "lower"})


def _quantity_moves(verb: Token) -> bool:
    """A verb of `ontology/cues/change-verbs.txt` that says a quantity moved, a kg:PriceChange:
    measured by money or a percentage (spaCy's MONEY and PERCENT entities: "shares rose 5%",
    "profit increased to $1.2 billion"), or said of a measure (`ontology/cues/measure-nouns.txt`)
    with no object or clause of its own ("sales at Ford declined sharply", "the rouble
    slumped"; but "declined to comment", "lost the election"); so is a market's close by an
    amount up or down ("the stock closed 1.2% higher", "shares ended down 2%")."""
    directions = [c for c in verb.children if c.dep_ == "advmod" and c.lower_ in _DIRECTIONS]
    if verb.lemma_.lower() in _SESSION_VERBS and directions:
        return any(amount(t) for d in directions for t in d.subtree)
    if verb.lemma_.lower() not in word_list("change-verbs.txt"):
        return False
    measures = [c for c in verb.children if c.dep_ in {"npadvmod", "dobj", "advmod"}]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "by", "from"}):
        measures += pobjs(prep)
    if any(amount(m) for m in measures):
        return True
    if any(c.dep_ in {"dobj", "xcomp", "ccomp", "nsubjpass"} for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and measure(c) for c in verb.children)


def _classed_entries(name: str, fields: int, shape: str) -> dict[str, tuple[str, ...]]:
    """The entries of `ontology/cues/<name>`, each a word, a kg: event class and then any other
    fields, `fields` in all, by their word. KgError naming the file for a malformed entry
    (`shape` says what one holds)."""
    classes = lexicon.load().event_classes
    table: dict[str, tuple[str, ...]] = {}
    for entry in word_list(name):
        parts = entry.split()
        if len(parts) != fields or parts[1] not in classes:
            raise KgError(f"ontology/cues/{name}: {entry!r}: expected {shape}")
        table[parts[0]] = tuple(parts[1:])
    return table


@cache
def company_verbs() -> Mapping[str, tuple[str, str]]:
    """lemma -> (event class, the object's entity type or "any"), read from
    `ontology/cues/company-verbs.txt`. KgError naming the file for a malformed entry."""
    shape = "a verb, a kg: event class and an object type"
    entries = _classed_entries("company-verbs.txt", 3, shape)
    return MappingProxyType({verb: (cls, kind) for verb, (cls, kind) in entries.items()})


def _company_sense(ctx: Context, verb: Token) -> str | None:
    """The business event a verb of `ontology/cues/company-verbs.txt` names when an
    organisation does it to an object of the listed kind ("Ford recalled 1.2 million
    vehicles", "Rite Aid named Jeffrey Stein as its chief executive"); None otherwise."""
    sense = company_verbs().get(verb.lemma_.lower())
    if sense is None:
        return None
    cls, wanted = sense
    subjects = [entity_of(ctx, c) for c in verb.children if c.dep_ == "nsubj"]
    if not any(s is not None and s.type == "Organization" for s in subjects):
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if wanted == "any":
        return cls if objects else None
    kinds = {m.type for c in objects if (m := entity_of(ctx, c)) is not None}
    return cls if wanted in kinds else None


@cache
def state_adjectives() -> Mapping[str, str]:
    """lemma -> event class, read from `ontology/cues/state-adjectives.txt`. KgError naming the
    file for a malformed entry."""
    entries = _classed_entries("state-adjectives.txt", 2, "an adjective and a kg: event class")
    return MappingProxyType({adjective: cls for adjective, (cls,) in entries.items()})


def _state_adjective(ctx: Context, adj: Token) -> str | None:
    """The class of the event whose state a predicative adjective of
    `ontology/cues/state-adjectives.txt` names: after a copula ("one man is dead"), as a verb's
    object predicate ("left a receptionist dead"), alone or after a number in a headline ("3
    dead after protesters torch bank"); None before a noun ("the dead man") or when its verb
    and it are one trigger already ("was found dead": kg.ttl's "find dead")."""
    cls = state_adjectives().get(adj.lemma_.lower())
    if cls is None:
        return None
    if adj.dep_ == "amod":
        return cls if adj.head.pos_ == "NUM" else None
    if adj.dep_ not in {"acomp", "oprd", "ccomp", "xcomp", "ROOT"}:
        return None
    phrase = f"{adj.head.lemma_.lower()} {adj.lemma_.lower()}"
    return None if ctx.lex.event_trigger(phrase, "VERB") is not None else cls


def _dates(prep: Token) -> bool:
    """A preposition whose object is a time ("on Wednesday", "in March")."""
    return prep.dep_ == "prep" and any(o.ent_type_ in {"DATE", "TIME"} for o in pobjs(prep))


def _is_status_cue(ctx: Context, verb: Token) -> bool:
    """A verb whose particle makes it a cue of another event's status ("call off", "put off",
    "rule out"), as ontology/kg.ttl's status cues list them."""
    phrasal = phrasal_lemma(verb)
    lex = ctx.lex
    cues = lex.negation_cues | lex.reschedule_cues | lex.planned_cues
    return phrasal != verb.lemma_.lower() and phrasal in cues


def _amount_noun(noun: Token) -> str | None:
    """A noun measured by money or a percentage (spaCy's MONEY and PERCENT entities before it
    or in its "of", "to" or "by"): a change (`ontology/cues/change-verbs.txt`: "a 4% drop in
    revenue", "a rise of 5%") is a kg:PriceChange, a result (`ontology/cues/result-nouns.txt`:
    "a first-quarter loss of $355 million", or of a period without its amount: "a quarterly
    profit") a kg:FinancialResult; None otherwise."""
    lemma = noun.lemma_.lower()
    change = lemma in word_list("change-verbs.txt")
    if not change and lemma not in word_list("result-nouns.txt"):
        return None
    measures = [t for left in noun.lefts for t in left.subtree]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "to", "by"}):
        measures += [t for p in pobjs(prep) for t in p.subtree]
    if any(amount(t) for t in measures):
        return "PriceChange" if change else "FinancialResult"
    # "posted a first-quarter operating loss", "reported a quarterly profit": a result of a
    # period is one without its amount
    period = any(t.ent_type_ == "DATE" for left in noun.lefts for t in left.subtree)
    return "FinancialResult" if period and not change else None


def _noun_lemmas(token: Token) -> list[str]:
    """The lemma of a noun trigger, and for a capitalised word the parser took for a proper
    noun ("DOHA - Negotiations between ...", a headline's "Talks") its common noun's: the
    word in lower case, singular by the regular English plural endings."""
    lemmas = [token.lemma_.lower()]
    if token.tag_ in {"NNP", "NNPS"} and token.is_title:
        word = token.lower_
        lemmas += [word, word[:-1] if word.endswith("s") else word]
        if word.endswith("ies"):
            lemmas.append(word[:-3] + "y")
    return list(dict.fromkeys(lemmas))


def _an_amount(ctx: Context, noun: Token, cls: str) -> bool:
    """ "Earnings rose", "sales were $3 billion": a bare plural noun of a class of
    `ontology/cues/quantity-classes.txt` (no article, possessor, modifier or complement)
    names an amount, not an event."""
    if noun.tag_ not in {"NNS", "NNPS"} or not set(ctx.lex.lineage(cls)) & word_list(
        "quantity-classes.txt"
    ):
        return False
    return not any(
        c.dep_ in {"det", "poss", "compound", "amod", "nmod", "prep", "nummod"}
        for c in noun.children
    )


def _moving_measure(noun: Token) -> bool:
    """ "falling sales", "rising prices", "declining orders": a noun of
    `ontology/cues/measure-nouns.txt` that a participle of a verb of a quantity moving
    (`ontology/cues/change-verbs.txt`) describes is the quantity, as the subject of "sales
    fell" is, not an event of selling; so is one a noun of change measures ("a 7% decline in
    comparable sales", "a drop in revenue")."""
    if not measure(noun):
        return False
    moves = word_list("change-verbs.txt")
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.pos_ == "NOUN":
        # a result of a period stays ("a 12% rise in fourth-quarter revenue"): it dates the
        # change by its period
        result = noun.lemma_.lower() in word_list("result-nouns.txt")
        return not result and noun.head.head.lemma_.lower() in moves
    return any(
        c.dep_ == "amod" and c.tag_ in {"VBG", "VBN"} and c.lemma_.lower() in moves
        for c in noun.children
    )


def _market_measure(ctx: Context, noun: Token, cls: str) -> bool:
    """ "could lift demand", "weak housing demand": a noun of `ontology/cues/measure-nouns.txt`
    that also names an act of asking (a kg:Appeal: "their demand", "demands for his
    resignation") is the market's measure when it is a mass noun (singular, no article,
    possessor or number: an appeal is made one at a time) that no party asks: no "by" or "from"
    of one, and no party for subject of the verb that takes it for object ("protesters renew
    demand for reforms", a headline's, is theirs)."""
    if "Appeal" not in ctx.lex.lineage(cls) or not measure(noun) or noun.tag_ != "NN":
        return False
    if any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"by", "from"} for c in noun.children):
        return False
    # only the verb that takes it for object makes its subject the asker: "buckled under weak
    # housing demand" is no retailer's demand
    verb = noun.head if noun.dep_ == "dobj" else None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}] if verb else []
    return not any(entity_of(ctx, s) is not None for s in subjects)


def _after_its_object(verb: Token) -> list[Token]:
    """An adjective the parser hangs on the verb's object though it follows it, past an
    apposition ("found Daniel Hartley, 45, guilty"): English puts a modifying adjective before
    its noun, so one after it is the verb's predicative."""
    return [
        a
        for o in verb.children
        if o.dep_ in {"dobj", "obj"}
        for a in o.children
        if a.dep_ == "amod" and a.pos_ == "ADJ" and a.i > o.i
    ]


def _not_a_meeting(ctx: Context, verb: Token, cls: str) -> bool:
    """ "Sweden would meet its obligations", "met the target": a verb of meeting whose object
    is a thing, not a party (a name, a pronoun, a person or body described), is another sense
    of the verb. Verbs that take a topic ("discuss the bid", `topic-verbs.txt`) are not."""
    if ctx.lex.lineage(cls)[-1:] != ("Meeting",) or verb.lemma_.lower() in word_list(
        "topic-verbs.txt"
    ):
        return False
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    return any(
        o.pos_ == "NOUN" and o.i not in ctx.ents and o.lower_ not in heads() for o in objects
    )


def _in_its_verb_s_trigger(ctx: Context, noun: Token) -> bool:
    """A noun that is part of its verb's trigger: its object ("opened fire", "held fire") or
    its preposition's ("went on strike", "appeared in court")."""
    if noun.dep_ == "dobj" and not _anothers(noun):
        words = [noun.head.lemma_, noun.lemma_]
    elif noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        words = [noun.head.head.lemma_, noun.head.lower_, noun.lemma_]
    else:
        return False
    return ctx.lex.event_trigger(" ".join(w.lower() for w in words), "VERB") is not None


def _support_alone(ctx: Context, verb: Token) -> bool:
    """A support verb that is no generic event of its own: one carrying an event
    (`_carries_an_event`: "conducted an audit") or with no object ("will attend"). With any
    other object it is one ("Hyundai opened a plant"); the lightest never are
    (`ontology/cues/light-verbs.txt`)."""
    if verb.lemma_.lower() not in word_list("support-verbs.txt"):
        return False
    return _carries_an_event(ctx, verb) or not any(c.dep_ == "dobj" for c in verb.children)


def _carries_an_event(ctx: Context, verb: Token) -> bool:
    """ "Launched an offensive", "held talks": a support verb whose object names an event
    carries that event; with any other object ("launched the iPhone") it is a trigger."""
    if verb.lemma_.lower() not in word_list("support-verbs.txt"):
        return False
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "obj"}):
        obj = past_transparent(obj)  # "launched a series of bombardments"
        if ctx.lex.event_trigger(f"{verb.lemma_.lower()} {obj.lemma_.lower()}", "VERB"):
            return False  # "opened fire": the verb and its object are one trigger
        if _names_an_event(ctx, obj):
            return True
    return False


def _names_an_event(ctx: Context, noun: Token) -> bool:
    """A noun the event lexicons list (ontology/kg.ttl's triggers or WordNet's nominals)."""
    lemma = noun.lemma_.lower()
    return bool(ctx.lex.event_trigger(lemma, "NOUN")) or (lemma, "NOUN") in derived_triggers()


def _derived_lookup(
    derived: Mapping[tuple[str, str], DerivedTrigger],
) -> Callable[[str, str], str | None]:
    def lookup(phrase: str, pos: str) -> str | None:
        entry = derived.get((phrase, pos))
        return entry.cls if entry is not None else None

    return lookup


def _call_by_means(ctx: Context, verb: Token) -> Draft | None:
    """ "Spoke by telephone with", "talked over the phone": a verb of talking whose means is a
    telephone or a video link is a Call (the instruments are kg:Call's verb triggers, as
    nouns)."""
    if verb.lemma_.lower() not in {"speak", "talk", "chat", "confer", "converse", "meet"}:
        return None
    means = {w for p, w in ctx.lex.triggers("Call") if p == "VERB"}
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _MEANS_PREPS):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if obj.lemma_.lower() in means or ctx.lex.event_trigger(obj.lemma_, "NOUN") == "Call":
                return Draft(verb, verb, verb, "Call", verb.lemma_.lower())
    return None
