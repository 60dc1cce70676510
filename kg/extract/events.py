"""Event mentions: what happened (or is planned, denied, imagined), who took part, where, when.

Triggers are verbs and nouns whose lemma, with its particle or compound modifiers ("shoot
down", "video call"), is a trigger of an event class in `ontology/kg.ttl`. Everything else is
read off the dependency parse around the trigger:
  participants  subject -> kg:agent, object -> kg:target, "with"/"between" -> kg:coParticipant;
                for a noun, its possessor and modifiers, and the clause it sits in ("Putin told
                Xi during a video call", "the pact Putin and Xi declared")
  place         a place or state under "in"/"at"/"to" (sem:hasPlace)
  time          the time expression whose chain of heads reaches the trigger first
  status        cues on the way up to the clause that governs the trigger: negation ("did not",
                "made no mention of", "refused to") -> Negated; modals ("could", "would") ->
                Hypothetical; "will", "invite", "expect", a date after the article's -> Planned
  claimed_by    the subject of a reporting verb ("Putin said ...", "according to the Kremlin"),
                or of the cue that plans the event ("Putin invited Xi to visit")
Emits `EventMention`s.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg import lexicon, timex
from kg.extract.common import demonym_mention, entity_index, make_span, quotation, word_list
from kg.model import EntityMention, EventMention, Extraction, Participant, TimeMention

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should", "can"}
_SUBJECT = {"nsubj", "csubj", "expl"}
_OBJECT = {"dobj", "dative", "obj", "iobj"}
_PLACE_PREPS = {"in", "at", "to", "into", "near", "inside", "outside", "across", "over", "on"}
_TOGETHER_PREPS = {"with", "between", "among", "alongside"}
_TARGET_PREPS = {"against", "on", "of", "toward", "towards", "into"}
_OBJECT_CONTROL = {"dobj", "dative"}
_PRONOUNS = {"he", "she", "him", "her"}


@dataclasses.dataclass
class _Draft:
    """A mention under construction (mutable only inside this module)."""

    trigger: Token
    first: Token  # the span runs from `first` to `last`: "video call", "shot down"
    last: Token
    cls: str
    label: str
    participants: dict[tuple[str, str, int], Participant] = dataclasses.field(default_factory=dict)
    time: TimeMention | None = None
    status: str = "Occurred"
    claimed_by: EntityMention | None = None

    def add(self, mention: EntityMention | None, role: str) -> None:
        if mention is None or (mention.type == "Place" and role != "place"):
            return  # a place does not act: as a subject it is a dateline ("MOSCOW, Dec 30 -")
        key = (mention.name, mention.type, mention.span.start)
        if not any(k[0] == mention.name for k in self.participants):
            self.participants[key] = Participant(mention, role)


class EventExtractor:
    """Events typed by the taxonomy in ontology/kg.ttl (kg:Event subclasses), with kg:agent,
    kg:target, kg:coParticipant, sem:hasPlace, kg:timeValue, kg:status and kg:claimedBy."""

    name = "events.v1"
    order = 30

    def __init__(self) -> None:
        self.lex = lexicon.load()

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        # what the methods below share about the one document being read
        self._ents = entity_index(doc, found.entities)
        self._found = found
        drafts: dict[int, _Draft] = {}
        for token in doc:
            draft = self._trigger(token)
            if draft is not None:
                drafts[token.i] = draft
        self._drafts = drafts
        self._attach_times(doc, found.times)
        self._inherit_report_times()
        for draft in drafts.values():
            self._participants(draft)
            self._status_and_claim(draft)
        generic = self._generic(doc, found.times)
        ordered = sorted([*drafts.values(), *generic], key=lambda d: d.trigger.i)
        events = tuple(self._finish(doc, draft) for draft in ordered)
        return dataclasses.replace(found, events=events)

    def _generic(self, doc: Doc, times: tuple[TimeMention, ...]) -> list[_Draft]:
        """A verb no class lists still makes a generic kg:OtherEvent (labelled with its lemma) when
        a named participant acts and the clause says on whom or when: "Apple sued Samsung",
        "the quake struck Haiti on Tuesday". Found after the classed events, so it never takes
        their times or participants. Without a named actor and an object or a time, a verb
        says too little to be worth a node: that is where precision is bought with recall."""
        lex = self.lex
        never = (
            word_list("not-events.txt") | word_list("topic-verbs.txt")
            | word_list("support-verbs.txt") | lex.reporting_cues | lex.planned_cues
            | lex.negation_cues | lex.hypothetical_cues
        )  # fmt: skip
        # a verb above a classed noun event is that event's vehicle ("spoke by video call")
        carriers = {v.i for d in self._drafts.values() if (v := _governing_verb(d.trigger))}
        drafts: dict[int, _Draft] = {}
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ != "VERB" or token.i in self._drafts or token.i in carriers:
                continue
            if lemma in never or not lemma.isalpha():
                continue
            drafts[token.i] = _Draft(token, token, token, lexicon.GENERIC_CLASS, lemma)
        for time in times:
            if time.type not in {"DATE", "TIME"}:
                continue
            span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
            for token in _clause_ancestors(span.root) if span is not None else ():
                if token.i in self._drafts:
                    break
                if token.i in drafts:
                    self._give_time(drafts[token.i], time)
                    break
        kept = []
        for draft in drafts.values():
            self._clause_participants(draft, draft.trigger, "agent", "target")
            roles = {p.role for p in draft.participants.values()}
            if "agent" in roles and (roles - {"agent", "place"} or draft.time is not None):
                self._status_and_claim(draft)
                kept.append(draft)
        return kept

    # -- triggers ----------------------------------------------------------------------

    def _trigger(self, token: Token) -> _Draft | None:
        """A verb with its particle or preposition ("shoot down", "call on"), or a noun with
        the modifiers before it ("video call", "cease-fire"), that the ontology lists."""
        if token.i in self._ents and token.pos_ != "VERB":
            return None
        if token.pos_ == "VERB":
            extras = [c for c in token.children if c.dep_ in {"prt", "prep"} and c.i > token.i]
            for words in (*([token, c] for c in extras), [token]):
                phrase = " ".join(t.lemma_.lower() for t in words)
                cls = self.lex.event_trigger(phrase, "VERB")
                if cls is not None:
                    last = words[-1] if words[-1].i == token.i + 1 else token
                    return _Draft(token, token, last, cls, phrase)
        elif token.pos_ in {"NOUN", "PROPN"} and token.dep_ != "compound":
            # a noun that only modifies another ("air raid sirens") names no event
            left = list(token.doc[max(token.sent.start, token.i - 6) : token.i])
            mods = [t for t in left if t.head.i == token.i or t.text == "-"]
            for n in range(min(len(mods), 2 * self.lex.max_trigger_words), -1, -1):
                words = [*mods[len(mods) - n :], token]
                if words[0].text == "-" or any(
                    b.i - a.i != 1 for a, b in itertools.pairwise(words)
                ):
                    continue  # not contiguous, or half a hyphenated word ("-election")
                phrase = " ".join(t.lemma_.lower() for t in words if t.text != "-")
                cls = self.lex.event_trigger(phrase, "NOUN")
                if cls is not None:
                    return _Draft(token, words[0], token, cls, phrase)
        return None

    # -- time --------------------------------------------------------------------------

    def _attach_times(self, doc: Doc, times: tuple[TimeMention, ...]) -> None:
        """Each time goes to the first trigger on its chain of heads (not the nearest one)."""
        hosts = self._hosts()
        for time in times:
            if time.type not in {"DATE", "TIME"}:
                continue  # "a day after", "for eight minutes": how long, not when
            span = doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
            if span is None:
                continue
            for token in _clause_ancestors(span.root):
                draft = self._drafts.get(token.i)
                if draft is None and token.i in hosts and len(hosts[token.i]) == 1:
                    draft = hosts[token.i][0]
                if draft is not None:
                    self._give_time(draft, time)
                    # "the pact they signed in February": a relative clause of the same
                    # class dates the noun it describes
                    noun = self._drafts.get(token.head.i)
                    if token.dep_ in {"relcl", "acl"} and noun and noun.cls == draft.cls:
                        self._give_time(noun, time)
                    break

    def _inherit_report_times(self) -> None:
        """ "Belarus said on Thursday it had shot down a missile": a completed event reported
        without a time of its own takes the day of the report that tells of it (TimeML would
        say BEFORE; the day is the closest the text allows)."""
        for draft in self._drafts.values():
            trigger = draft.trigger
            if draft.time is not None or trigger.pos_ != "VERB" or not _completed(trigger):
                continue
            clause = trigger
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            if clause.dep_ != "ccomp":
                continue
            report = self._drafts.get(clause.head.i)
            if report is not None and report.time is not None and report.time.type == "DATE":
                draft.time = report.time

    @staticmethod
    def _give_time(draft: _Draft, time: TimeMention) -> None:
        if draft.time is None or len(time.value) > len(draft.time.value):
            draft.time = time

    def _hosts(self) -> dict[int, list[_Draft]]:
        """Verbs that carry a noun event, and so its time: a support verb with the noun
        anywhere in its clause ("held talks by video link on Friday"), or any verb but a
        topic verb with the noun as its object ("Xi secured a third term in October")."""
        hosts: dict[int, list[_Draft]] = {}
        support = word_list("support-verbs.txt")
        lex = self.lex
        topic = word_list("topic-verbs.txt") | lex.reporting_cues | lex.planned_cues
        topic |= lex.negation_cues
        for draft in self._drafts.values():
            verb = _governing_verb(draft.trigger)
            if verb is None or verb.i in self._drafts:
                continue
            lemma = verb.lemma_.lower()
            carried = draft.trigger.dep_ in _OBJECT and draft.trigger.head.i == verb.i
            if lemma in support or (carried and lemma not in topic):
                hosts.setdefault(verb.i, []).append(draft)
        return hosts

    # -- participants ------------------------------------------------------------------

    def _participants(self, draft: _Draft) -> None:
        trigger = draft.trigger
        if trigger.pos_ == "VERB":
            self._clause_participants(draft, trigger, subject_role="agent", object_role="target")
        else:
            for child in trigger.children:
                if child.dep_ == "poss":
                    draft.add(self._entity(child), "agent")
                elif child.dep_ in {"compound", "amod", "nmod"}:
                    draft.add(self._entity(child) or self._demonym(child), "coParticipant")
                elif child.dep_ in {"relcl", "acl"} and not self._is_cue(child):
                    # "the pact Putin and Xi declared": the relative clause says who
                    self._clause_participants(draft, child, "agent", "coParticipant")
            self._prep_participants(draft, trigger)
            verb = _governing_verb(trigger)
            # "Putin held a call with Xi", "Putin told Xi during a video call", "the two
            # presidents spoke by video link"; but an event verb's subject does not take part
            # in its object ("Beijing refused to condemn the invasion")
            # nor does the teller in what is told ("Klitschko reported explosions")
            told = verb is not None and verb.lemma_.lower() in self.lex.reporting_cues
            if verb is not None and (
                trigger.dep_ == "pobj" or (verb.i not in self._drafts and not told)
            ):
                self._clause_participants(draft, verb, "agent", "coParticipant")

    def _is_cue(self, verb: Token) -> bool:
        """Verbs of saying, hoping and denying report on an event; they take no part in it."""
        lemma = verb.lemma_.lower()
        lex = self.lex
        return (
            lemma in lex.reporting_cues or lemma in lex.planned_cues or lemma in lex.negation_cues
        )

    def _clause_participants(
        self, draft: _Draft, verb: Token, subject_role: str, object_role: str
    ) -> None:
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT]
        if not subjects and verb.dep_ in {"xcomp", "advcl", "conj"}:
            head = verb.head
            # "invited Xi to visit": the object of the governing verb is the one who visits;
            # "Speaking to Xi, Putin said": an adverbial clause shares its head's subject
            infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            controls = verb.dep_ == "xcomp" or (
                infinitive and head.lemma_.lower() in word_list("object-control-verbs.txt")
            )
            controlled = [c for c in head.children if c.dep_ in _OBJECT_CONTROL] if controls else []
            subjects = controlled or [c for c in head.children if c.dep_ in _SUBJECT]
        for subject in subjects:
            for token in _with_conjuncts(subject):
                group: list[EntityMention | None] = [*self._group(token), *self._owners(token)]
                for member in group or [self._entity(token)]:
                    draft.add(member, subject_role)
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                for token in _with_conjuncts(child):
                    draft.add(self._entity(token), "target")
            elif child.dep_ in _OBJECT:
                for token in _with_conjuncts(child):
                    found = self._entity(token)
                    # "visit Moscow": a place as object is where, not whom
                    role = "place" if found is not None and found.type == "Place" else object_role
                    draft.add(found, role)
                    # "met Xi in Samarkand": the parser hangs the place on the object
                    for prep in (c for c in token.children if c.dep_ == "prep"):
                        for pobj in _pobjs(prep):
                            where = self._ents.get(pobj.i)
                            if prep.lower_ in _PLACE_PREPS and where and where.type == "Place":
                                draft.add(where, "place")
            elif child.dep_ == "agent":
                for pobj in _pobjs(child):
                    draft.add(self._entity(pobj), "agent")
        self._prep_participants(draft, verb)

    def _prep_participants(self, draft: _Draft, head: Token) -> None:
        for prep in (c for c in head.children if c.dep_ == "prep"):
            word = prep.lower_
            for pobj in _pobjs(prep):
                mention = self._entity(pobj)
                if mention is None:
                    continue
                if word in _TOGETHER_PREPS:
                    draft.add(mention, "coParticipant")
                elif word in _PLACE_PREPS and mention.type in {"Place", "State"} and word != "on":
                    draft.add(mention, "place")
                elif word in _TARGET_PREPS and mention.type != "Place":
                    # "the invasion of Ukraine" is done to Ukraine; "a summit of the SCO" is
                    # held by it: conflict acts on, cooperation acts with
                    quad = (
                        self.lex.event_classes[draft.cls].quad
                        if draft.cls in self.lex.event_classes
                        else None
                    )
                    conflict = quad is not None and quad.endswith("conflict")
                    draft.add(mention, "target" if word != "of" or conflict else "coParticipant")

    def _entity(self, token: Token) -> EntityMention | None:
        """The entity a participant token stands for: a name; "he"/"she"; the name in
        apposition ("his counterpart Xi Jinping"); or the owner a common noun names ("its air
        defence forces" -> the state before it, "a Ukrainian missile" -> Ukraine)."""
        mention = self._ents.get(token.i)
        if mention is not None:
            return mention
        if token.lower_ in _PRONOUNS:
            return self._antecedent(token)
        if token.lower_ in {"it", "its", "their"}:
            return self._antecedent(token, {"State", "Organization"})
        if token.pos_ not in {"NOUN", "PROPN"}:
            return None
        for child in token.children:
            if child.dep_ == "appos" and child.i in self._ents:
                return self._ents[child.i]
        for child in token.children:
            if child.dep_ == "poss":
                owner = self._entity(child)
                if owner is not None:
                    return owner
            if child.dep_ in {"amod", "compound"} and child.i < token.i:
                owner = self._ents.get(child.i) or self._demonym(child)
                if owner is not None and owner.type in {"State", "Organization"}:
                    return owner
        return None

    def _group(self, token: Token) -> list[EntityMention]:
        """ "The two presidents", "both leaders": the two people the article names most,
        the commonest such phrase in news about a meeting, without a coreference model."""
        counted = any(c.dep_ == "nummod" and c.lower_ == "two" for c in token.children) or any(
            c.lower_ == "both" for c in token.children
        )
        if not counted or token.tag_ not in {"NNS", "NNPS"}:
            return []
        people = Counter(m.name for m in self._found.entities if m.type == "Person")
        firsts: dict[str, EntityMention] = {}
        for m in self._found.entities:
            if m.type == "Person":
                firsts.setdefault(m.name, m)
        # a surname and its full name are one person: count them together under the full name
        for short in [n for n in people if " " not in n]:
            full = [n for n in people if n != short and short in n.split()]
            if len(full) == 1:
                people[full[0]] += people.pop(short)
        top = sorted(people, key=lambda n: (-people[n], n))[:2]
        return [firsts[n] for n in top] if len(top) == 2 else []

    def _owners(self, token: Token) -> list[EntityMention]:
        """ "The Russian and Chinese navies": every state or organisation a common noun's
        coordinated modifiers name (one owner alone is `_entity`'s business)."""
        if token.i in self._ents or token.pos_ != "NOUN":
            return []
        owners = []
        for child in token.children:
            if child.dep_ in {"amod", "compound"} and child.i < token.i and child.conjuncts:
                for part in (child, *child.conjuncts):
                    owner = self._ents.get(part.i) or self._demonym(part)
                    if owner is not None and owner.type in {"State", "Organization"}:
                        owners.append(owner)
        return owners if len(owners) > 1 else []

    def _antecedent(self, pronoun: Token, types: set[str] | None = None) -> EntityMention | None:
        """The nearest person named before "he"/"she" (or state or organisation before
        "its"), within the sentence or the one before: enough for "..., he said" without a
        coreference model."""
        wanted = types or {"Person"}
        sent_start = pronoun.sent.start
        prev = pronoun.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        for i in range(pronoun.i - 1, prev - 1, -1):
            mention = self._ents.get(i)
            if mention is not None and mention.type in wanted:
                return mention
        return None

    def _demonym(self, token: Token) -> EntityMention | None:
        return demonym_mention(self.lex, token, self._found.article.id)

    # -- status and attribution --------------------------------------------------------

    def _status_and_claim(self, draft: _Draft) -> None:
        lex = self.lex
        negated = hypothetical = planned = False
        claimant: EntityMention | None = None
        for token in _status_path(draft.trigger, self._drafts):
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
                claimant = claimant or self._subject(token)
            if token.pos_ == "NOUN":  # "the planned visit", "a possible visit"
                mods = {c.lemma_.lower() for c in kids if c.dep_ == "amod"}
                planned = planned or bool(mods & lex.planned_cues)
                hypothetical = hypothetical or bool(mods & lex.hypothetical_cues)
        claimant = self._reporter(draft.trigger) or claimant
        dct = self._found.article.published
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

    def _reporter(self, trigger: Token) -> EntityMention | None:
        """Who the sentence says the event comes from: the subject of a governing reporting
        verb, or the object of "according to"."""
        for token in _ancestors(trigger.head) if trigger.head.i != trigger.i else ():
            if token.lemma_.lower() in self.lex.reporting_cues and token.pos_ == "VERB":
                subject = self._subject(token)
                if subject is not None:
                    return subject
        for token in trigger.sent:
            if token.lower_ == "according":
                for to in (c for c in token.children if c.lower_ == "to"):
                    for pobj in _pobjs(to):
                        mention = self._entity(pobj)
                        if mention is not None:
                            return mention
        return None

    def _subject(self, verb: Token) -> EntityMention | None:
        for child in verb.children:
            if child.dep_ in _SUBJECT:
                return self._entity(child)
        return None

    # -- output ------------------------------------------------------------------------

    def _finish(self, doc: Doc, draft: _Draft) -> EventMention:
        span = make_span(
            doc, draft.first.idx, draft.last.idx + len(draft.last), self._found.article.id
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


def _ancestors(token: Token) -> Iterator[Token]:
    """The token and its heads up to the root of the sentence."""
    yield token
    # spaCy makes a new Token object on every access: compare positions, not identity
    while token.head.i != token.i:
        token = token.head
        yield token


# Arriving at a head through one of these, the head's modality no longer governs: a subject
# ("the account of the call did not mention ..."), an adverbial or relative clause, a conjunct,
# reported speech.
_CLAUSE_EDGES = {
    "nsubj",
    "nsubjpass",
    "csubj",
    "csubjpass",
    "advcl",
    "relcl",
    "acl",
    "conj",
    "parataxis",
    "appos",
    "ccomp",
}


# The edges from reported speech up to the verb that reports it.
_REPORTED = {"ccomp", "parataxis"}

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


def _status_path(trigger: Token, drafts: dict[int, _Draft]) -> Iterator[Token]:
    """The trigger and the heads that govern its modality: up through complements and
    prepositions, stopping at the next trigger or at a clause edge."""
    token = trigger
    yield token
    while token.head.i != token.i and token.dep_ not in _CLAUSE_EDGES:
        if token.dep_ == "prep" and token.lower_ in _ADJUNCT_PREPS:
            return  # "in its account of the call, X did not refer to ...": an adjunct
        token = token.head
        yield token
        if token.i in drafts:
            return


def _clause_ancestors(token: Token) -> Iterator[Token]:
    """The token and its heads within its own clause (plus the head of that clause)."""
    yield token
    while token.head.i != token.i:
        edge = token.dep_
        if edge in _REPORTED:
            return  # a time in reported speech dates what is reported, never the report
        token = token.head
        yield token
        if edge in _CLAUSE_EDGES - {"nsubj", "nsubjpass", "appos"}:
            return


def _governing_verb(noun: Token) -> Token | None:
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


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *(c for c in token.conjuncts)]


def _pobjs(prep: Token) -> list[Token]:
    objs = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
    return [t for o in objs for t in _with_conjuncts(o)]


def _completed(verb: Token) -> bool:
    """Past or perfect: "shot down", "had shot down", "has been shot down"."""
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and bool(aux & {"had", "has", "have", "was", "were", "been"})
    )


def _going_to(token: Token) -> bool:
    """ "is going to visit": the future without "will"."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lower_ == "going"
        and any(c.lower_ == "to" for c in token.children)
    )
