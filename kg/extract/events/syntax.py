"""What the parts of the event extractor share: the mention under construction, the document
being read, and walks over the dependency parse."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Token

from kg.extract.common import (
    DEFINITE_DETERMINERS,
    REPORTED,
    SENTENCE_ENDS,
    measure,
    word_list,
)
from kg.lexicon import Lexicon
from kg.model import EntityMention, Extraction, Participant, TimeMention

SUBJECT = {"nsubj", "csubj", "expl"}
OBJECT = {"dobj", "dative", "obj", "iobj"}
PLACE_PREPS = {"in", "at", "to", "into", "near", "inside", "outside", "across", "over", "on", "off"}


@dataclasses.dataclass
class Draft:
    """A mention under construction (mutable only inside the event extractor)."""

    trigger: Token
    first: Token  # the span runs from `first` to `last`: "video call", "shot down"
    last: Token
    cls: str
    label: str
    participants: dict[tuple[str, str, int], Participant] = dataclasses.field(default_factory=dict)
    time: TimeMention | None = None
    time_origin: str | None = None  # kg:timeOrigin of `time`: "text", "relative" or "article"
    status: str = "Occurred"
    claimed_by: EntityMention | None = None

    def add(self, mention: EntityMention | None, role: str, basis: str = "clause") -> None:
        if mention is None or (mention.type == "Place" and role != "place"):
            return  # a place does not act: as a subject it is a dateline ("MOSCOW, Dec 30 -")
        key = (mention.name, mention.type, mention.span.start)
        if not any(k[0] == mention.name for k in self.participants):
            self.participants[key] = Participant(mention, role, basis)


@dataclasses.dataclass
class Context:
    """What the parts share about the one document being read."""

    doc: Doc
    found: Extraction
    lex: Lexicon
    ents: dict[int, EntityMention]  # token index -> the entity mention covering it
    drafts: dict[int, Draft] = dataclasses.field(default_factory=dict)  # classed, by trigger
    # reporting verbs that attribute another event of the document ("..., the Kremlin said")
    reporters: set[int] = dataclasses.field(default_factory=set)
    # triggers folded into another event's mention ("an earthquake struck", "held a call ... to
    # discuss aid"): no event of their own, generic or classed
    folded: set[int] = dataclasses.field(default_factory=set)
    # host trigger -> the verbs of purpose folded into it ("travel to Seoul to meet Yoon"),
    # whose objects take part in the host's event
    purposes: dict[int, list[Token]] = dataclasses.field(default_factory=dict)
    # (head, dependent, +1 after / -1 before, gap): "the call came a day after Russia launched
    # a barrage", the head = the dependent + sign * gap; kept so that dates given by default
    # after the links were first read can still be carried across them
    measured: list[tuple[Draft, Draft, int, relativedelta]] = dataclasses.field(
        default_factory=list
    )


def ancestors(token: Token) -> Iterator[Token]:
    """The token and its heads up to the root of the sentence."""
    yield token
    # spaCy makes a new Token object on every access: compare positions, not identity
    while token.head.i != token.i:
        token = token.head
        yield token


# Arriving at a head through one of these, the head's modality no longer governs: an active
# subject ("the account of the call did not mention ..."), an adverbial or relative clause, a
# conjunct, reported speech. A passive subject is the verb's object and stays governed ("the
# talks were called off", "the summit was postponed").
CLAUSE_EDGES = {
    "nsubj",
    "csubj",
    "advcl",
    "relcl",
    "acl",
    "conj",
    "parataxis",
    "appos",
    "ccomp",
}


def clause_ancestors(token: Token) -> Iterator[Token]:
    """The token and its heads within its own clause (plus the head of that clause)."""
    yield token
    while token.head.i != token.i:
        edge = token.dep_
        if edge in REPORTED:
            return  # a time in reported speech dates what is reported, never the report
        if edge == "xcomp" and _controlled_by_object(token):
            return  # "ordered Boyle to report to prison on Jan. 15": the reporting's day
        token = token.head
        yield token
        if edge in CLAUSE_EDGES - {"nsubj", "nsubjpass", "appos"}:
            return


def indefinite(noun: Token) -> bool:
    """A noun the text brings in as new, indefinite or bare ("an explosion", "such a visit",
    "job cuts"), not one it takes as known, definite or possessed ("the war", "Russia's
    invasion"): the given/new distinction of definiteness (Prince 1981)."""
    return noun.pos_ == "NOUN" and not any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS) or c.dep_ == "poss"
        for c in noun.children
    )


def to_infinitive(verb: Token) -> bool:
    """A verb with "to" before it: "to visit", "plans to meet"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _controlled_by_object(infinitive: Token) -> bool:
    """An infinitive whose doer is its head verb's object ("ordered Boyle to report", "urged
    Iran to return"): another's act, in a clause of its own."""
    return to_infinitive(infinitive) and any(c.dep_ == "dobj" for c in infinitive.head.children)


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is an argument of, directly, through a preposition, or through
    a transparent noun ("at the start of a video conference" -> "speaking")."""
    token = noun
    for _ in range(5):
        if token.dep_ not in {"dobj", "pobj", "prep", "attr", "npadvmod", "nsubjpass", "oprd"}:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.pos_ == "NOUN" and token.lemma_.lower() not in word_list("transparent-nouns.txt"):
            return None
    return None


def small_clause(token: Token) -> bool:
    """An adjective the parser hangs under a verb as its clause ("found him guilty": spaCy
    parses "him guilty" as a small clause headed by the adjective, "him" its subject)."""
    return token.pos_ == "ADJ" and token.dep_ in {"ccomp", "xcomp"}


def past_transparent(noun: Token) -> Token:
    """The event noun a transparent noun stands before ("launched a wave of missile strikes"
    -> "strikes"; `ontology/cues/transparent-nouns.txt`), else the noun itself."""
    if noun.lemma_.lower() in word_list("transparent-nouns.txt"):
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                return pobj
    return noun


def argument_slot(noun: Token) -> Token:
    """The token that stands in its verb's argument slot for an event noun: the transparent
    noun it hangs from ("a wave of missile strikes" -> "wave"), else the noun itself; the
    inverse of `past_transparent`."""
    of = noun.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and past_transparent(of.head).i == noun.i:
        return of.head
    return noun


def relative_hosts(noun: Token, support: frozenset[str]) -> list[Token]:
    """ "A summit between the leaders of A and B that was due to be held in Brussels on
    Monday": a relative clause the parser hangs on a noun inside the event noun's own
    phrase, whose support verb ("held") can only hold the event; its verbs, which give the
    event's time and place."""
    found = []
    for token in noun.subtree:
        if token.dep_ in {"relcl", "acl"} and token.head.i != noun.i and token.head.dep_ == "pobj":
            found += [
                v
                for v in token.subtree
                if v.pos_ in {"VERB", "AUX"} and v.lemma_.lower() in support
            ]
    return found


def subject_verb(noun: Token) -> Token | None:
    """The verb an event noun (or gerund) is the subject of ("an earthquake hit Iran on
    Friday", "the blast rocked the city"): a verb that says the event happened, and when and
    where."""
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ == "csubj" and noun.tag_ == "VBG" and noun.head.pos_ == "VERB":
        return noun.head  # "Voting began in Turkmenistan on Dec. 14": a gerund's event
    return None


def conjoined_verb(verb: Token) -> Token | None:
    """The verb a verb with no subject of its own is coordinated with ("reported a loss and
    said ...", "plans to close the plant and lay off workers"): its first conjunct, whose
    subject it shares, and with it the time and the cues of its clause; None for any other
    token."""
    if verb.pos_ != "VERB" or verb.dep_ != "conj" or any(c.dep_ in SUBJECT for c in verb.children):
        return None
    return verb.head


def with_conjuncts(token: Token) -> list[Token]:
    """The token and those coordinated with it ("Putin and Xi"), including a first conjunct
    the parser hung on the last name as a modifier ("Prime Minister Fumio Kishida and South
    Korean President Yoon Suk Yeol": "Kishida" an nmod of "Yeol", with its own "and")."""
    hung = [
        c
        for c in token.children
        if c.dep_ in {"nmod", "compound"}
        and c.pos_ == "PROPN"
        and any(g.dep_ == "cc" and g.lower_ == "and" for g in c.children)
    ]
    return [token, *(c for c in token.conjuncts), *hung]


def pobjs(prep: Token) -> list[Token]:
    objs = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
    return [t for o in objs for t in with_conjuncts(o)]


def according_to(token: Token) -> Token | None:
    """ "according to police", "according to the ministry": the source an "according" names,
    the object of its "to"; None for any other token."""
    if token.lower_ != "according":
        return None
    for to in (c for c in token.children if c.lower_ == "to"):
        for source in pobjs(to):
            return source
    return None


# Adverbs the parser often gives for a verb's particle ("pushed back to Tuesday")
PARTICLES = frozenset({"back", "off", "out", "up", "down", "over", "away", "ahead"})


def phrasal_lemma(verb: Token) -> str:
    """ "call off", "put off", "rule out", "push back": a verb's lemma with its particle, as
    cues are written (a particle the parser took for an adverb right after the verb too)."""
    particles = [
        c.lower_
        for c in verb.children
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1 and c.lower_ in PARTICLES)
    ]
    return " ".join([verb.lemma_.lower(), *particles[:1]])


def tense(verb: Token) -> str | None:
    """ "past", "present" or "future" of a verb's clause, from its tag and auxiliaries (None for a
    bare infinitive or a participle on its own). Present perfect ("has refused") is present:
    it holds at the time of speaking."""
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {c.lower_ for c in aux}
    if words & {"will", "shall", "'ll", "wo"}:
        return "future"
    finite = [verb, *aux]
    if any(t.tag_ in {"VBD"} for t in finite):
        return "past"
    if any(t.tag_ in {"VBZ", "VBP"} for t in finite):
        return "present"
    return None


def completed(verb: Token) -> bool:
    """Past or perfect: "shot down", "had shot down", "has been shot down"."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and bool(aux & {"had", "has", "have", "was", "were", "been"})
    )


def pluperfect(verb: Token) -> bool:
    """ "had been fined", "had agreed": a past participle with the auxiliary "had"."""
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in verb.children
    )


def own_figures(cls: str, noun: Token) -> bool:
    """A company's results or a measure of its business (`ontology/cues/measure-nouns.txt`)
    with no owner named ("a quarterly profit", "record sales", not "Tesla's sales"): whoever
    reports or posts them has them ("Apple reported a quarterly profit")."""
    figures = cls in {"FinancialResult", "PriceChange"} or measure(noun)
    return figures and not any(c.dep_ == "poss" for c in noun.children)


def headline_participle(verb: Token) -> bool:
    """ "Yemen talks delayed", "Keller jailed for six years": a headline writes the passive as
    a bare participle after its subject (and an act done by the subject in the present:
    "Putin woos Xi"), so a past form with a subject, no auxiliary, no object and no full stop
    after its sentence is passive."""
    last = next((t for t in reversed(verb.sent) if not t.is_space), verb)
    return (
        verb.tag_ in {"VBN", "VBD"}
        and last.text not in SENTENCE_ENDS
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in {"dobj", "dative", "aux", "auxpass"} for c in verb.children)
    )


def described_noun(verb: Token) -> Token | None:
    """The noun a participle or an infinitive describes ("a girl killed by a stray bullet",
    "convicted rapist Arcade Comeaux", "the retiring Matt Smith", "the first woman to win",
    a headline's "Macron to meet Scholz"), or None. A relative clause ("who was killed") is no
    such description: its pronoun is the verb's own subject."""
    if verb.dep_ not in {"acl", "amod"} and not (verb.dep_ == "relcl" and to_infinitive(verb)):
        return None
    if verb.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    if verb.tag_ not in {"VBN", "VBG", "VB"} or verb.head.i == verb.i:
        return None
    return verb.head


def takes_part(verb: Token) -> bool:
    """A verb of taking part in what its "in" names: "participate", "engage", "partake",
    "compete", "join", "take part"."""
    return verb.lemma_.lower() in {"participate", "engage", "partake", "compete", "join"} or any(
        c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children
    )
