"""The sieve passes of deterministic coreference (Lee et al. 2013, "Deterministic Coreference
Resolution Based on Entity-Centric, Precision-Ranked Rules", Computational Linguistics 39(4);
Stanford CoreNLP's `dcoref/sievepasses`).

Each pass is one small unit with one rule. Passes run in order of precision; each sees the
clusters the earlier ones built. In a pass, every mention that is the first of its cluster
looks back through candidate antecedents in order (its own sentence in breadth-first order of
the parse, which puts subjects first, then earlier sentences, most recent first) and joins the
cluster of the first candidate the rule accepts. Agreement is checked against the whole
candidate cluster (the entity-centric part): a pronoun agrees with everything its antecedent's
cluster knows (number, gender, animacy, type).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar

from spacy.attrs import HEAD
from spacy.tokens import Doc, Token

from kg import lexicon, names
from kg.coreference.mentions import Mention, in_quote
from kg.extract.common import SENTENCE_ENDS, word_list
from kg.extract.referring import heads

_TYPE_PRIORITY = {"Person": 0, "Organization": 1, "State": 2, "Place": 3, "Other": 4}
_SUBJECTS = {"nsubj", "nsubjpass"}
_OBJECTS = {"dobj", "dative", "pobj", "iobj", "attr"}
_ORG_HEADS = "organization-heads.txt"
_ROLE_HEADS = "role-heads.txt"
_COLLECTIVE = {"Organization"}  # "the company ... they"; a state is "it"


@dataclass
class Document:
    """What the passes share about one article: the parse, the mentions, the clusters so far,
    and the affiliations its relations state (person name -> predicates, roles and states)."""

    doc: Doc
    mentions: list[Mention]
    roles: dict[int, set[str]] = field(default_factory=dict)  # mention index -> role words
    affiliations: dict[int, set[str]] = field(default_factory=dict)  # index -> entity keys/names
    parent: list[int] = field(default_factory=list)
    members: dict[int, list[Mention]] = field(default_factory=dict)
    _by_sentence: dict[int, list[Mention]] = field(default_factory=dict)
    _rank: dict[int, int] = field(default_factory=dict)
    _heads: list[int] = field(default_factory=list)  # token index -> its head's index
    _here: dict[int, list[Mention]] = field(default_factory=dict)  # same-sentence order, cached
    _agree: dict[tuple[int, int], bool] = field(default_factory=dict)
    # NameMatch's test of two names: a candidate's whole cluster is tried for each of its
    # members, so without it one pair is tried again for every mention of a long chain
    _forms: dict[tuple[int, int], bool] = field(default_factory=dict)
    _topic: int | None = None  # `topic()`, found once; -1 for none

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.mentions)))
        self.members = {m.index: [m] for m in self.mentions}
        self._heads = _head_indices(self.doc)
        self._rank = _bfs_rank(self.doc, self._heads)
        for m in self.mentions:
            self._by_sentence.setdefault(m.sentence, []).append(m)
        for ms in self._by_sentence.values():
            ms.sort(key=lambda m: (self._rank.get(m.head, 0), m.start))

    # -- clusters ----------------------------------------------------------------------

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def merge(self, a: int, b: int) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            keep, gone = min(ra, rb), max(ra, rb)
            self.parent[gone] = keep
            self.members[keep] = sorted(
                self.members[keep] + self.members.pop(gone), key=lambda m: m.index
            )

    def cluster(self, i: int) -> list[Mention]:
        return self.members[self.root(i)]

    def conflict(self, a: int, b: int) -> bool:
        """Would joining the clusters of mentions `a` and `b` put two names that cannot be one
        entity in one chain ("Vitali Klitschko" and "Volodymyr Zelenskiy", "Moscow" the state
        and "Moscow" the city)? Every pass is held to this."""
        named_a = [x for x in self.cluster(a) if x.kind == "name"]
        named_b = [x for x in self.cluster(b) if x.kind == "name"]
        for x in named_a:
            for y in named_b:
                pair = (x.index, y.index)
                if pair not in self._agree:
                    self._agree[pair] = _names_agree(x, y)
                if not self._agree[pair]:
                    return True
        return False

    def topic(self) -> int | None:
        """The mention that says what the article is about: its first name that is the
        subject of a verb, or whose shares are ("Volkswagen plans to shut ...", "Airbus SE
        shares plunged ..."), headline included; None when no name is."""
        if self._topic is None:
            doc = self.doc
            self._topic = next(
                (
                    m.index
                    for m in self.mentions
                    if m.kind == "name"
                    and m.type != "Place"  # a place does not act: a misparse's town
                    and _subject_or_its_shares(doc[m.head])
                ),
                -1,
            )
        return self._topic if self._topic >= 0 else None

    def of_topic(self, m: Mention) -> bool:
        """Whether `m` is a mention of the article's topic, which is never in the background
        (a headline's "Big Lots files for bankruptcy" the parser read as a noun phrase)."""
        topic = self.topic()
        return topic is not None and self.root(topic) == self.root(m.index)

    def first_of_cluster(self, m: Mention) -> bool:
        return self.root(m.index) == m.index

    # -- candidates --------------------------------------------------------------------

    def candidates(self, m: Mention, window: int | None) -> Iterator[Mention]:
        """Antecedents in Lee et al.'s order: the mention's own sentence first (only mentions
        that start before it), nearest clause out (Hobbs: the clauses that hold the mention,
        innermost first), breadth-first within a clause; then each earlier sentence, most
        recent first, breadth-first (subjects before objects); `window` sentences back at
        most."""
        here = self._here.get(m.index)
        if here is None:
            before = [c for c in self._by_sentence.get(m.sentence, ()) if c.start < m.start]
            here = self._here[m.index] = sorted(
                before, key=lambda c: (self._clause_distance(m, c), self._rank[c.head])
            )
        yield from here
        lowest = -1 if window is None else m.sentence - window - 1
        for n in range(m.sentence - 1, max(lowest, -1), -1):
            yield from self._by_sentence.get(n, ())

    def _clause_distance(self, m: Mention, c: Mention) -> int:
        """How many heads up from `m` the first one that dominates `c` is."""
        heads = self._heads
        above = {c.head}
        i = c.head
        while heads[i] != i:
            i = heads[i]
            above.add(i)
        i, steps = m.head, 0
        while heads[i] != i:
            i, steps = heads[i], steps + 1
            if i in above:
                return steps
        return steps + 1

    # -- what a cluster knows ----------------------------------------------------------

    def agrees(self, m: Mention, cluster: Sequence[Mention]) -> bool:
        """Number, gender and animacy agreement with every mention of the cluster, and a
        type the mention can have."""
        kind = cluster_type(cluster)
        named = any(c.kind == "name" for c in cluster)
        for c in cluster:
            if c.kind != "pronoun" and kind is not None and c.type != kind:
                # a name the extractor mistyped ("Marin" in a headline taken for a place), or
                # a description its apposition joined ("Infosys, India's largest exporter":
                # an exporter may be a person), has features guessed from that type, which
                # the chain overrules
                continue
            if m.pronoun and c.pronoun and m.pronoun.person != c.pronoun.person and not named:
                return False  # "me" and "her" are two people until a name says otherwise
            # a body is "it" and "they" alike: "they" for it, or an "it" for a body that has
            # been "they" ("Shares of Big Lots fell, having lost 90% of their value. Last
            # year, Big Lots sold its distribution center")
            plural = m.number == "pl" or (c.kind == "pronoun" and c.number == "pl")
            collective = plural and kind in _COLLECTIVE and m.kind == "pronoun"
            features = _compatible(m.number, c.number) and _compatible(m.gender, c.gender)
            if not features and not collective:
                return False
            if not _compatible(m.animacy, c.animacy):
                return False
        if m.kind == "pronoun" and kind is not None:
            if m.animacy == "a" and kind != "Person" and m.number != "pl":
                return False
            if m.animacy == "i" and kind == "Person":
                return False
        return not (m.type is not None and kind is not None and m.type != kind)


def _subject_or_its_shares(token: Token) -> bool:
    """A subject, or the firm whose shares or stock are the subject ("Airbus SE shares
    plunged", "Shares of Big Lots fell": `ontology/cues/company-measures.txt`)."""
    if token.dep_ in _SUBJECTS:
        return True
    owner = token.head
    if token.dep_ == "pobj" and owner.lower_ == "of":
        owner = owner.head
    elif token.dep_ not in {"compound", "poss"}:
        return False
    measures = word_list("company-measures.txt")
    return owner.dep_ in _SUBJECTS and (
        owner.lower_ in measures or owner.lemma_.lower() in measures
    )


def _compatible(a: str, b: str) -> bool:
    return a == "u" or b == "u" or a == b


def _head_indices(doc: Doc) -> list[int]:
    """Each token's head's index, read off the Doc's HEAD column (offsets, stored unsigned) at
    once: `t.head.i` for every token made two Token objects each."""
    offsets = doc.to_array(HEAD).astype("int64")
    return [i + int(offset) for i, offset in enumerate(offsets)]


def _bfs_rank(doc: Doc, heads: list[int]) -> dict[int, int]:
    """Each token's place in a breadth-first walk of its sentence's parse from the root. The
    children come from `heads` in index order, as `Token.children` gives them, which scans a
    token's whole subtree on every call."""
    children: list[list[int]] = [[] for _ in heads]
    for i, head in enumerate(heads):
        if head != i:
            children[head].append(i)
    rank: dict[int, int] = {}
    for sent in doc.sents:
        queue = deque([sent.root.i])
        while queue:
            i = queue.popleft()
            rank[i] = len(rank)
            queue.extend(children[i])
    return rank


def cluster_type(cluster: Sequence[Mention]) -> str | None:
    """The one type a chain gets: a gazetteer-keyed name's; else Person when its names are
    single words spaCy alone typed and one of its mentions is a quotation's "I"; else Person
    when a title or honorific stands beside one of its names, or its fullest name opens with
    a known given name; else the type of its fullest name (most words; ties by votes); else
    a description's type; None for pronouns alone."""
    named = [m for m in cluster if m.kind == "name"]
    keyed = [m for m in named if m.source is not None and m.source.key]
    if keyed:
        return keyed[0].type
    if named and all(_bare_word(m) for m in named) and any(_says_i(m) for m in cluster):
        # '"I will not give up the city," Zelenskiy said': spaCy's organisation or place
        # speaks as "I" (the speaker pass), which only a person does
        return "Person"
    if named and all(_unsure(m) for m in named) and any(_company_description(m) for m in cluster):
        return "Organization"  # "Xiaomi ... the company": spaCy's person is a firm
    if named:
        if any(m.cued for m in named):
            return "Person"
        longest = max(len(names.words(m.name)) for m in named)
        full = [m for m in named if len(names.words(m.name)) == longest]
        ws = names.words(full[0].name)
        if (
            len(ws) >= 2
            and names.given_name(ws[0])
            and ws[-1] not in word_list(_ORG_HEADS)
            and names.company_stem(ws) == ws  # no legal form ends it ("Philip Morris Cos.")
            and all(m.type != "Place" for m in full)
        ):
            # "Olaf Scholz" after a dateline; never "Betty Ford Center", nor a place the
            # extractor read as one ("landed at Charles de Gaulle airport")
            return "Person"
        votes = Counter(m.type for m in full if m.type)
        if votes:
            return min(votes, key=lambda t: (-votes[t], _TYPE_PRIORITY.get(t, 9)))
    for m in cluster:
        if m.kind == "nominal" and m.type:
            return m.type
    if any(m.kind == "pronoun" and m.animacy == "a" and m.number != "pl" for m in cluster):
        return "Person"  # "he", "she", "who" with nothing else to go on
    return None


def _bare_word(name: Mention) -> bool:
    """A name of one word in lower or title case that only spaCy's guess types: no gazetteer
    key, no title or honorific beside it, not an acronym ("NATO")."""
    words = names.words(name.name)
    keyed = name.source is not None and name.source.key is not None
    return len(words) == 1 and not keyed and not name.cued and not name.name.isupper()


def _says_i(m: Mention) -> bool:
    """ "I", "me", "my": the first person singular."""
    return m.pronoun is not None and m.pronoun.person == 1 and m.pronoun.number == "sg"


def _same_referent_keys(m: Mention, c: Mention) -> bool:
    """Two gazetteer keys that differ are two entities; a keyed and an unkeyed name of
    different types are a capital as state and as city ("Beijing has refused" / "talks in
    Beijing"), also two."""
    mk = m.source.key if m.source is not None else None
    ck = c.source.key if c.source is not None else None
    if mk and ck:
        return mk == ck
    if mk or ck:
        return m.type == c.type
    return True


def _names_agree(x: Mention, y: Mention) -> bool:
    xk = x.source.key if x.source is not None else None
    yk = y.source.key if y.source is not None else None
    if xk or yk:
        return xk == yk or (not (xk and yk) and x.type == y.type and _forms_agree(x, y))
    return _forms_agree(x, y)


def _forms_agree(x: Mention, y: Mention) -> bool:
    if _word_of_another_kind(x, y) or _word_of_another_kind(y, x):
        return False
    return (
        names.compatible(x.name, y.name)
        or _acronym_of(x.name, y.name)
        or _acronym_of(y.name, x.name)
        or _short_form(x, y)
        or _short_form(y, x)
    )


def _nested(m: Mention, c: Mention) -> bool:
    """i-within-i: one mention inside the other ("[his] wife")."""
    return c.start <= m.start < c.end or m.start <= c.start < m.end


# -- the passes --------------------------------------------------------------------------


class Sieve:
    """One pass: which mentions look for an antecedent, how far back, and the rule."""

    name: ClassVar[str] = "sieve"
    window: ClassVar[int | None] = None  # sentences back; None: the whole article
    # Lee et al. let only a cluster's first mention look back; a pass may let every one
    every_mention: ClassVar[bool] = False

    def anaphor(self, m: Mention, d: Document) -> bool:
        return True

    def reach(self, m: Mention) -> int | None:
        """How many sentences back `m` looks: the pass's `window`."""
        return self.window

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        raise NotImplementedError

    def run(self, d: Document) -> None:
        for m in d.mentions:
            if not (self.every_mention or d.first_of_cluster(m)) or not self.anaphor(m, d):
                continue
            found = (
                c
                for c in d.candidates(m, self.reach(m))
                # "a Reuters poll ... The maker of Frigidaire" is not Reuters
                if not (c.background and m.kind != "name" and not d.of_topic(c))
                and d.root(c.index) != d.root(m.index)
                and self.match(m, c, d)
                and not d.conflict(m.index, c.index)
            )
            chosen = self.choose(m, found, d)
            if chosen is not None:
                d.merge(m.index, chosen.index)

    def choose(self, m: Mention, found: Iterator[Mention], d: Document) -> Mention | None:
        """The antecedent among the candidates that match, in candidate order: the first."""
        return next(found, None)


class SpeakerMatch(Sieve):
    """ "I" and "my" inside a quotation are its speaker: the subject of the sentence's
    reporting verb ("'I will not give up,' Zelenskyy told reporters")."""

    name = "speaker"
    window = 0

    def anaphor(self, m: Mention, d: Document) -> bool:
        p = m.pronoun
        return p is not None and p.person == 1 and p.number == "sg"

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        token = d.doc[c.head]
        if c.kind == "pronoun" or token.dep_ not in _SUBJECTS:
            return False
        verb = token.head
        cues = lexicon.load().reporting_cues
        return (
            (verb.lemma_.lower() in cues or verb.lemma_.lower() == "tell")
            and in_quote(d.doc, d.doc[m.head])
            and not in_quote(d.doc, token)
        )

    def run(self, d: Document) -> None:
        # the speaker may come after the quotation: look through the whole sentence
        for m in d.mentions:
            if not self.anaphor(m, d):
                continue
            for c in d.mentions:
                if c.sentence != m.sentence or c.index == m.index or d.conflict(m.index, c.index):
                    continue
                if self.match(m, c, d):
                    d.merge(m.index, c.index)
                    break


class ExactMatch(Sieve):
    """The same name, or the same definite description, written twice."""

    name = "exact"

    def anaphor(self, m: Mention, d: Document) -> bool:
        return m.kind == "name" or (m.kind == "nominal" and m.definite and not m.possessed)

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        if c.kind != m.kind:
            return False
        if m.kind == "name":
            return names.name_key(m.name) == names.name_key(c.name) and _same_referent_keys(m, c)
        # "the country" three paragraphs apart may be two countries; "the Russian leader" not
        near = len(m.words) >= 2 or m.sentence - c.sentence <= 1
        return near and c.definite and not c.possessed and _description(m) == _description(c)


def _description(m: Mention) -> str:
    words = m.text.casefold().split()
    return " ".join(words[1:] if words and words[0] in {"the", "this", "that"} else words)


class PreciseConstructs(Sieve):
    """Appositions ("Xi Jinping, the Chinese leader"), predicate nominatives ("Peskov is the
    Kremlin's spokesman"), relative pronouns ("Meloni, who met ..."), a name as the modifier of
    its own description ("the Syriza party"), and acronyms ("the International Monetary Fund
    (IMF)")."""

    name = "precise"
    window = 0

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        doc = d.doc
        token = doc[m.head]
        inside_c = range(c.first, c.last)
        if token.dep_ == "appos" and token.head.i in inside_c:
            # two descriptions side by side with nothing to set one off ("the ex-president
            # and the vice-president", hyphens the parser misread) are no apposition
            set_off = any(t.is_punct and t.text != "-" for t in doc[c.last : m.first])
            return (set_off or m.kind == "name" or c.kind == "name") and _kinds_fit(m, c)
        if token.dep_ == "appos" and _closes_of_phrase(token, doc[c.head]):
            return m.type == c.type == "Person" and c.kind == "nominal"
        if token.dep_ == "attr" and doc[c.head].dep_ in _SUBJECTS:
            verb = token.head
            return doc[c.head].head.i == verb.i and verb.lemma_ == "be" and _kinds_fit(m, c)
        if m.pronoun is not None and m.pronoun.kind == "relative":
            clause = token.head
            while clause.dep_ not in {"relcl", "acl"} and clause.head.i != clause.i:
                clause = clause.head
            return clause.head.i in inside_c and d.agrees(m, d.cluster(c.index))
        if m.kind == "nominal" and m.type == c.type and c.kind == "name":
            return (
                any(t.dep_ == "compound" and t.i in inside_c for t in token.lefts)
                and c.end <= m.end
            )
        return False


def _closes_of_phrase(name: Token, head: Token) -> bool:
    """ "the former chief executive of Vantage Lending, Daniel Okafor": the parser hangs a
    person's name in apposition on the nearest noun, the "of" phrase's non-person object,
    when it stands beside the description that phrase completes."""
    host = name.head
    prep = host.head
    return (
        host.dep_ == "pobj"
        and host.ent_type_ != "PERSON"
        and prep.dep_ == "prep"
        and prep.lower_ == "of"
        and prep.head.i == head.i
    )


def _kinds_fit(m: Mention, c: Mention) -> bool:
    """An apposition or copula joins a name and a description (or two names) unless the
    description's type rules the name out (a Person description fits any unkeyed name:
    spaCy's label is the weaker evidence)."""
    if m.kind == "pronoun" or c.kind == "pronoun":
        return False
    if m.type == c.type or m.type is None or c.type is None:
        return True
    for a, b in ((m, c), (c, m)):
        if a.kind == "nominal" and a.type == "Person" and b.kind == "name":
            return not (b.source is not None and b.source.key)
    return False


class AcronymMatch(Sieve):
    """An acronym and the name whose initials it spells ("IMF" / "International Monetary
    Fund"; "FAA" / "U.S. Federal Aviation Administration", whose state opening the acronym
    leaves out), and two names the gazetteer gives one key ("China", "Beijing" acting for
    it)."""

    name = "alias"

    def anaphor(self, m: Mention, d: Document) -> bool:
        return m.kind == "name"

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        if c.kind != "name":
            return False
        mk = m.source.key if m.source is not None else None
        ck = c.source.key if c.source is not None else None
        if mk and ck:
            return mk == ck
        return _acronym_of(m.name, c.name) or _acronym_of(c.name, m.name)


def _acronym_of(short: str, full: str) -> bool:
    """Does `short` spell the initials of `full`, or of `full` without the state that opens
    it ("FAA" of "U.S. Federal Aviation Administration")?"""
    if names.is_acronym_of(short, full):
        return True
    bare = lexicon.load().without_state(full)
    return bare != full and names.is_acronym_of(short, bare)


class StrictHeadMatch(Sieve):
    """The same head word as a mention of the candidate's cluster, with no word the cluster
    lacks ("the ministry" ... "Russia's Defence Ministry"; "Comeaux" ... "Arcade Joseph Comeaux
    Jr"; never "Jeb Bush" ... "George W. Bush")."""

    name = "strict-head"

    def anaphor(self, m: Mention, d: Document) -> bool:
        return m.kind == "name" or (m.kind == "nominal" and m.definite and not m.possessed)

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        if c.kind == "pronoun" or _nested(m, c) or not _same_referent_keys(m, c):
            return False
        cluster = [x for x in d.cluster(c.index) if x.kind != "pronoun"]
        if not any(x.head_word == m.head_word for x in cluster):
            return False
        words: set[str] = set().union(*(x.words for x in cluster))
        if not m.words <= words:
            return False
        if m.kind == "nominal" and m.number != c.number and c.kind == "nominal":
            return False
        if m.kind == "nominal" and {_kind_of_body(m, d), _kind_of_body(cluster, d)} == {
            "company",
            "public",
        }:
            return False  # "the bank" of a business is not "the central bank" named before
        return m.kind == "name" or d.agrees(m, cluster)


class NameMatch(Sieve):
    """A later short form or spelling of a name: surname ("Erdogan"), name without middle
    names ("Tayyip Erdogan"), particles ("von der Leyen"), initials, transliteration variants
    ("Zelenskiy" / "Zelenskyy"), all capitals ("MACRON"), the leading words of an
    organisation's name ("the Carnegie Endowment")."""

    name = "name-match"

    def anaphor(self, m: Mention, d: Document) -> bool:
        return m.kind == "name"

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        if c.kind != "name" or not _same_referent_keys(m, c):
            return False
        for x in d.cluster(c.index):
            if x.kind != "name":
                continue
            pair = (m.index, x.index)
            if pair not in d._forms:
                d._forms[pair] = _one_name(m, x, d)
            if d._forms[pair]:
                return True
        return False


def _one_name(m: Mention, x: Mention, d: Document) -> bool:
    """`NameMatch`'s rule for two names: one a short form or spelling of the other, and
    neither named first alone."""
    if _named_first(m, x, d) or _named_first(x, m, d):
        return False
    return _short_form(m, x) or _short_form(x, m) or names.is_variant(m.name, x.name)


def _named_first(short: Mention, full: Mention, d: Document) -> bool:
    """Whether a sentence of the body (a headline does not count: it shortens everything)
    named a company by `short`'s one word before `full` was named: then "Apple" and "the new
    Apple Watch" are two. News names a company in full first and shortens it after
    ("Peloton Interactive ... Peloton")."""
    ws, wf = names.words(short.name), names.words(full.name)
    if len(ws) != 1 or len(wf) < 2 or ws[0] != wf[0] or short.type != "Organization":
        return False
    return any(
        y.kind == "name"
        and y.start < full.start
        and names.words(y.name) == ws
        and d.doc[y.first].sent[-1].text in SENTENCE_ENDS  # not a headline
        for y in d.mentions
    )


def _word_of_another_kind(short: Mention, full: Mention) -> bool:
    """A person's name that is a word of a longer place's name is no short form of it:
    "Henderson" the suspect is not "Henderson Street". But a building is known by its name
    without its head ("Betty Ford" of "the Betty Ford Center", `ontology/cues/
    facility-heads.txt`), and a body by any of its words whatever spaCy took them for ("the
    Jaguars" of "the Jacksonville Jaguars", "Lumatek" of "Lumatek Holdings")."""
    ws, wf = names.words(short.name), names.words(full.name)
    if short.type != "Person" or full.type != "Place":
        return False
    if len(ws) >= len(wf) or not set(ws) <= set(wf):
        return False
    return wf[-1] not in word_list("facility-heads.txt")


def _short_form(short: Mention, full: Mention) -> bool:
    ws, wf = names.words(short.name), names.words(full.name)
    if _word_of_another_kind(short, full):
        return False
    if full.type != "Person" and len(ws) < len(wf) and names.company_stem(wf) == ws:
        return True  # "Acme" of "Acme Corp"
    company = short.type == full.type == "Organization"
    # a company's first word spaCy took for a town or a person ("Carrington's sales" of
    # "Carrington Home Stores Inc"): the full name's legal form says it is a firm, and no
    # gazetteer knows the word for a place
    misread = (
        full.type == "Organization"
        and short.type in {"Place", "Person"}
        and (short.source is None or not short.source.key)
        and names.company_stem(wf) != wf
    )
    if len(ws) == 1 and len(wf) >= 2 and ws[0] == wf[0] and (company or misread):
        # a company's first word, as news shortens it ("Brightwater" of "Brightwater
        # Chemicals", "Peloton" of "Peloton Interactive"); `NameMatch` keeps apart a name the
        # body used before the longer one ("Apple ... the new Apple Watch")
        return True
    if len(ws) == 1 and len(wf) == 2 and ws[0] == wf[0] and ws[0] != wf[-1]:
        # family name first ("Xi" of "Xi Jinping") only for a name taken for a person
        return short.type == "Person" and names.is_short_form(short.name, full.name)
    if names.is_short_form(short.name, full.name):
        return True
    # "the Carnegie Endowment" of "the Carnegie Endowment for International Peace"
    return full.type != "Person" and len(ws) >= 2 and wf[: len(ws)] == ws and len(wf) > len(ws)


class DescriptionMatch(Sieve):
    """A definite description refers back to the nearest entity its head can name, agreeing
    with what the article says of it: "the company" to a company, "the Chinese leader" to a
    person who leads China, "the president" to someone titled president, "the 70-year-old"
    to a person, "the actress" to an actress named before. A head of ontology/cues/role-heads.txt
    names a part in the story ("the victim", "the man" may be anyone), and a description is
    never the mention that c-commands it ("Ketsoyan said the star went"). Indefinite ("a
    man"), possessed ("his wife") and plural descriptions start entities of their own."""

    name = "description"
    window = 4
    # a headline's "Russian leader" has nothing before it; the body's "the Russian leader",
    # exactly matched to it, still looks back for the name
    every_mention = True

    def anaphor(self, m: Mention, d: Document) -> bool:
        return (
            m.kind == "nominal"
            and m.definite
            and not m.possessed
            and m.number == "sg"
            and m.type != "Place"  # "the city", "the region", "the village": too many fit
            and not any(x.kind == "name" for x in d.cluster(m.index))
        )

    def reach(self, m: Mention) -> int | None:
        """A business described ("the carmaker") may be the article's topic however far back
        it was named: `choose` weighs the firms that fit by salience, not by distance."""
        return None if _company_description(m) else self.window

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        if c.kind == "pronoun" or _nested(m, c):
            return False
        if m.type == "Person" and m.head_word in word_list(_ROLE_HEADS):
            return False  # "the victim", "the man": parts in the story, anyone unnamed
        if m.type == "Person" and _c_commands(c, m, d):
            return False  # "Ketsoyan said the star went": a description is free (Principle C)
        cluster = d.cluster(c.index)
        named = [x for x in cluster if x.kind == "name"]
        if named and _company_description(m) and all(_unsure(x) for x in named):
            # "Xiaomi ... The company announced": spaCy took the unknown name for a person;
            # what the article calls it decides (`cluster_type`)
            return True
        if not named or cluster_type(cluster) != m.type or not d.agrees(m, cluster):
            return False
        if m.type == "Organization" and not self._head_fits(m, named):
            return False
        own, told = _company_kinds(m, d), {k for x in cluster for k in _company_kinds(x, d)}
        if own and told and own.isdisjoint(told):
            return False  # "the carrier" is not the firm the article called "the planemaker"
        own_kind, told_kind = _kind_of_body(m, d), _kind_of_body(cluster, d)
        if m.type == "Organization" and own_kind == "public" and told_kind != "public":
            # "the regulator" is no body the article called "the carmaker", nor one whose
            # name says nothing public ("Tesla"): the one named "... Administration" is
            return False
        told_other = told_kind not in {None, "company"}
        if m.type == "Organization" and own_kind == "company" and told_other:
            # "the company" is no body the article called "the regulator", nor one whose name
            # says it is none ("Calloway University", "the Brenton Medical Journal")
            return False
        if (
            m.type == "Organization"
            and own_kind == "other"
            and told_kind is not None
            and (told_kind != "other" or m.head_word not in _body_heads(cluster, d))
        ):
            # "the union" is no firm the article called "the German airline", nor the
            # university it named: a body of another kind is one of that same kind
            return False
        states = self._states(m, d)
        if m.type == "State" and not states:
            return False  # "the country" alone may be any of the article's states
        if (
            states
            and not self._belongs(states, named, d)
            and not self._unplaced_firm(m, named, d)
            and not self._unplaced(named, d)
        ):
            return False
        # "the Chinese leader" of "his Chinese counterpart Xi Jinping": the state agrees and
        # the article gives him no title that could disagree
        return self._title_agrees(m, named, d, untitled_fits=bool(states))

    def choose(self, m: Mention, found: Iterator[Mention], d: Document) -> Mention | None:
        """ "The Midland, Michigan-based company" after "directors backed by Third Point to
        Dow's board": news calls the firm it is about "the company", so a business described
        goes to the most salient firm that fits (Lappin and Leass 1994: each earlier mention
        weighs by its role, halved for every sentence back), not merely the nearest; other
        descriptions keep the nearest."""
        if m.type == "Person" and self._states(m, d):
            return self._placed_or_alone(m, list(found), d)
        if not _company_description(m):
            return next(found, None)
        fits = list(found)
        by_chain = {d.root(c.index): c for c in reversed(fits)}  # the nearest of each chain
        if len(by_chain) < 2:
            return fits[0] if fits else None
        return max(by_chain.values(), key=lambda c: _salience(d.cluster(c.index), m, d))

    @staticmethod
    def _head_fits(m: Mention, named: list[Mention]) -> bool:
        """A name that ends in a description's own kind of head ("Syriza party", "Foreign
        Ministry") is described by that head only: "the party", not "the government". A name
        whose head says only that it is a business, whatever line ("Airbus Group", "Cascadia
        Aerospace", "Northwind Holdings"), is described by any business's head as well: "the
        company", "the planemaker"; one whose head names a public body, by a description of what
        such a body does as well (`ontology/cues/public-body-functions.txt`: "the regulator")."""
        kinds = {x.head_word for x in named if x.head_word in heads()}
        public = word_list("public-body-heads.txt")
        bodies = kinds & (public | word_list("non-company-heads.txt"))
        if bodies and bodies <= public and m.head_word in word_list("public-body-functions.txt"):
            return True  # "the regulator" of "the Federal Aviation Administration"
        if bodies:
            return m.head_word in bodies
        return not kinds or m.head_word in kinds or m.head_word in word_list("company-heads.txt")

    def _states(self, m: Mention, d: Document) -> set[str]:
        """The states a description's modifiers name ("Chinese", "Russia")."""
        lex = lexicon.load()
        doc = d.doc
        states = set()
        for token in doc[m.first : m.last - 1]:
            state = lex.state_by_demonym(token.text) or (
                lex.state(token.text) if token.text[:1].isupper() else None
            )
            if state is not None:
                states.add(f"state/{state.key}")
        return states

    def _unplaced_firm(self, m: Mention, named: list[Mention], d: Document) -> bool:
        """ "The German carmaker" of Volkswagen: a company the article ties to no state
        may be from any; the nationality only says where it is from."""
        return _company_description(m) and not any(
            d.affiliations.get(x.index)
            or (x.source is not None and x.source.key)
            or self._states(x, d)  # "Russian Railways" is Russia's
            for x in named
        )

    def _unplaced(self, named: list[Mention], d: Document) -> bool:
        """Whether the article ties no name of the chain to any state or body: no
        affiliation, no key, no state in the name ("Emmanuel Macron", met with no "French")."""
        return not any(
            d.affiliations.get(x.index)
            or (x.source is not None and x.source.key)
            or self._states(x, d)
            for x in named
        )

    def _placed_or_alone(self, m: Mention, fits: list[Mention], d: Document) -> Mention | None:
        """ "Sunak met Emmanuel Macron. The French president said ...": a person described by
        a state ("the French president") goes to the nearest person the article ties to that
        state; failing one, to a person it ties to none only when that person's chain is the
        only one that fits (two people of unknown nationality may be either)."""
        for c in fits:
            if not self._unplaced([x for x in d.cluster(c.index) if x.kind == "name"], d):
                return c
        # one the article titles otherwise ("Prime Minister Rishi Sunak" for "the French
        # president") is not the one described
        titled = {
            c.index
            for c in fits
            if (told := set().union(*(_titles(x, d) for x in d.cluster(c.index))))
            and m.head_word not in told
        }
        fits = [c for c in fits if c.index not in titled]
        chains = {d.root(c.index) for c in fits}
        return fits[0] if len(chains) == 1 else None

    def _belongs(self, states: set[str], named: list[Mention], d: Document) -> bool:
        known: set[str] = set()
        for x in named:
            known |= d.affiliations.get(x.index, set())
            if x.source is not None and x.source.key:
                known.add(x.source.key)
        return bool(states & known)

    def _title_agrees(
        self, m: Mention, named: list[Mention], d: Document, untitled_fits: bool
    ) -> bool:
        """ "the president" is someone the article titles president; "the leader" anyone
        it says leads something."""
        title = lexicon.load().title(m.head_word)
        if title is None:
            return True
        roles: set[str] = set()
        for x in named:
            roles |= d.roles.get(x.index, set())
        if not roles:
            return untitled_fits
        return m.head_word in roles or (title.predicate == "leaderOf" and "leaderOf" in roles)


def _titles(x: Mention, d: Document) -> set[str]:
    """The titles the article gives a name: its relations' roles, and the title of one to
    three words right before it ("Prime Minister Rishi Sunak" -> "prime minister",
    "minister"), each with its last word."""
    found = set(d.roles.get(x.index, set())) if x.kind == "name" else set()
    lex, doc = lexicon.load(), d.doc
    for k in (1, 2, 3):
        words = [t.lower_ for t in doc[max(x.first - k, 0) : x.first]]
        if len(words) == k and lex.title(" ".join(words)) is not None:
            found |= {" ".join(words), words[-1]}
    return found


# Lappin and Leass's (1994) salience weights of a mention by its grammatical role
_ROLE_WEIGHTS = {"nsubj": 80, "nsubjpass": 80, "dobj": 50, "dative": 40, "pobj": 40}
_TOPIC_WEIGHT = _ROLE_WEIGHTS["nsubj"] / 2


def _salience(cluster: Sequence[Mention], m: Mention, d: Document) -> float:
    """How prominent a chain is where `m` stands: its mentions before `m`, each weighed by its
    role (subject 80, object 50, indirect or oblique 40, any other 30: Lappin and Leass's
    factors, simplified) and halved for each sentence between it and `m`; and, for the
    article's topic (`Document.topic`), the weight of a subject one sentence back that never
    decays: the firm a story is about stays "the company" however many firms it names on
    the way ("Volkswagen plans to shut plants ... its Audi plant ... The carmaker will
    report")."""
    doc = d.doc
    score = _TOPIC_WEIGHT if d.of_topic(cluster[0]) else 0
    return score + sum(
        _ROLE_WEIGHTS.get(doc[x.head].dep_, 30) * 0.5 ** (m.sentence - x.sentence)
        for x in cluster
        # a relative pronoun restates the noun it hangs on ("Third Point, which disclosed")
        if x.start < m.start and doc[x.head].tag_ not in {"WDT", "WP"}
    )


def _company_description(m: Mention) -> bool:
    """ "the company", "the carmaker", "the German group": a description of a business
    (`ontology/cues/company-heads.txt`)."""
    return (
        m.kind == "nominal"
        and m.type == "Organization"
        and m.head_word in word_list("company-heads.txt")
        and _head_phrase(m) not in word_list("public-body-heads.txt")  # "the central bank"
    )


def _head_phrase(m: Mention) -> str:
    """A description's head with the word before it ("central bank" of "the U.S. central
    bank"), lowercase: the public bodies whose head alone names a business."""
    return " ".join(m.text.casefold().split()[-2:])


@cache
def _kinds_of_business() -> dict[str, str]:
    """Head -> its kind, a line of `ontology/cues/company-kinds.txt` ("carrier" and "airline"
    share one)."""
    return {head: line for line in word_list("company-kinds.txt") for head in line.split()}


def _company_kinds(m: Mention, d: Document) -> set[str]:
    """The kinds of business a mention says its firm is: its own head ("the carrier") or, for a
    name, the head before it or in apposition ("budget carrier VietJet", "VietJet, the
    carrier")."""
    kinds = _kinds_of_business()
    if m.kind == "nominal":
        return {kinds[m.head_word]} if m.head_word in kinds else set()
    if m.kind != "name":
        return set()
    doc = d.doc
    first = doc[m.head]
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "engine makers CFM International and Pratt & Whitney": both
    start = min(m.first, first.left_edge.i if first.i != doc[m.head].i else m.first)
    words = [doc[start - 1]] if start > 0 else []
    words += [c for c in doc[m.head].children if c.dep_ == "appos"]
    found = set()
    for w in words:
        # "engine makers": the compound before the head says which kind of maker
        lemma = w.lemma_.lower()
        compound = [c.lemma_.lower() for c in w.lefts if c.dep_ == "compound"]
        for key in (f"{compound[-1]}-{lemma}" if compound else None, w.lower_, lemma):
            if key in kinds:
                found.add(kinds[key])
                break
    return found


def _kind_of_body(mentions: Mention | Sequence[Mention], d: Document) -> str | None:
    """ "company" when a description calls the body a business ("the carmaker"), "public"
    when one or its name's head calls it a public body (`ontology/cues/public-body-heads.txt`:
    "the regulator", "the Department of Minerals and Energy", "the High Court"), "other" when
    one's head says it is another kind of body (`ontology/cues/non-company-heads.txt`:
    "Calloway University", "the Brenton Medical Journal"), None when none says."""
    bodies = [
        x
        for x in ([mentions] if isinstance(mentions, Mention) else mentions)
        if x.kind in {"nominal", "name"} and x.type == "Organization"
    ]
    described = [x for x in bodies if x.kind == "nominal"]
    if any(_company_description(x) for x in described):
        return "company"
    public = word_list("public-body-heads.txt")
    heads = [x.head_word if x.kind == "nominal" else d.doc[x.head].lower_ for x in bodies]
    if any(h in public for h in heads) or any(_head_phrase(x) in public for x in described):
        return "public"
    other = word_list("non-company-heads.txt")
    return "other" if any(h in other for h in heads) else None


def _body_heads(cluster: Sequence[Mention], d: Document) -> set[str]:
    """The head words of a chain's bodies: its descriptions' heads and its names' last words
    ("union" of "the Vereinigung Cockpit union")."""
    return {
        x.head_word if x.kind == "nominal" else d.doc[x.head].lower_
        for x in cluster
        if x.kind in {"nominal", "name"} and x.type == "Organization"
    }


def _unsure(name: Mention) -> bool:
    """A person's name whose type rests on spaCy's guess alone: one word, no gazetteer key, no
    title or honorific, no given name ("Xiaomi", "Adidas"). Places are left alone: too many
    towns stand near a company's description."""
    words = names.words(name.name)
    keyed = name.source is not None and name.source.key is not None
    return (
        len(words) == 1
        and not keyed
        and not name.cued
        and not names.given_name(words[0])
        and name.type == "Person"
    )


def _c_commands(c: Mention, m: Mention, d: Document) -> bool:
    """Whether `c`, a mention of `m`'s sentence, c-commands `m`: the verb or noun `c` hangs
    from dominates `m` ("Ketsoyan said that the star went": the subject of "said" c-commands
    all of its complement). Binding theory's Principle C (Chomsky 1981): a description is
    free, never coreferent with a mention that c-commands it."""
    if c.sentence != m.sentence:
        return False
    doc = d.doc
    governor = doc[c.head].head
    return governor.i != c.head and any(t.i == governor.i for t in doc[m.head].ancestors)


class PronounMatch(Sieve):
    """A third-person pronoun refers to the first candidate that agrees with it in number,
    gender, animacy and type, within the three sentences before it (Lee et al.'s pronoun
    sieve; the candidate order gives salience and recency). A non-reflexive pronoun never
    refers to the subject of its own verb ("he thanked him")."""

    name = "pronoun"
    window = 3

    def anaphor(self, m: Mention, d: Document) -> bool:
        p = m.pronoun
        return p is not None and p.person == 3 and p.kind != "relative"

    def match(self, m: Mention, c: Mention, d: Document) -> bool:
        if _nested(m, c) or self._bound(m, c, d):
            return False
        if m.number == "sg" and _coordinated(d.doc[c.head]):
            return False  # "Tusk and Scholz have ignored it, she added": not one of a pair
        if _inside_where_clause(d.doc[m.head], c):
            return False  # "demand in China, where it agreed to sell its plant": not China
        cluster = d.cluster(c.index)
        kind = cluster_type(cluster)
        if kind == "Place" and (d.doc[m.head].dep_ in _SUBJECTS or m.number == "pl"):
            return False  # a place does not act ("Washington said it welcomed"), nor is it "they"
        if m.number == "pl" and kind != "Organization" and all(x.number != "pl" for x in cluster):
            return False  # "they" is a plural or a body ("the company ... they"), not a state
        return d.agrees(m, cluster)

    @staticmethod
    def _bound(m: Mention, c: Mention, d: Document) -> bool:
        if m.pronoun is None or m.pronoun.kind in {"reflexive", "possessive"}:
            return False
        token, other = d.doc[m.head], d.doc[c.head]
        if token.dep_ not in _OBJECTS or other.dep_ not in _SUBJECTS:
            return False
        verb = token.head
        # "Xi wanted to meet him": a clause with no subject of its own shares its head's; "a
        # congress that handed him a term" has its own ("that"), and the higher subject is free
        own_subject = any(c.dep_ in _SUBJECTS for c in verb.children)
        return verb.i == other.head.i or (not own_subject and verb.head.i == other.head.i)


def _inside_where_clause(token: Token, c: Mention) -> bool:
    """Whether `token` is in a relative clause opened by "where" or "when" on `c` ("slumping
    demand in China, where it recently agreed to sell its plant"): the clause says what
    happened in that place or at that time, so its pronouns are something else."""
    for clause in token.ancestors:
        if clause.dep_ in {"relcl", "acl"}:
            return c.first <= clause.head.i < c.last and any(
                w.lower_ in {"where", "when"} and w.dep_ == "advmod" for w in clause.children
            )
    return False


def _coordinated(token: Token) -> bool:
    """One of a coordination ("Tusk" of "Tusk and Scholz"), which a singular pronoun does not
    pick out of it."""
    return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)


PASSES: tuple[type[Sieve], ...] = (
    SpeakerMatch,
    ExactMatch,
    PreciseConstructs,
    StrictHeadMatch,
    NameMatch,
    AcronymMatch,
    DescriptionMatch,
    PronounMatch,
)
"""The default passes, most precise first (configuration: `kg.coreference.link(...,
passes=...)` runs any list of them, and a pass can be measured alone)."""

BY_NAME = {p.name: p for p in PASSES}
