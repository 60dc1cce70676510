"""Mention detection for coreference: the names the extractors found, and the descriptions and
pronouns of the spaCy parse that can refer to a person, organisation, state or place.

A description ("the Chinese leader", "two guards", "the company") is a noun phrase whose head
is in `ontology/coreference/nominal-heads.tsv` or is a one-word title; it spans from the
phrase's left edge to its head. A pronoun is one of `ontology/coreference/pronouns.tsv`, less
the pleonastic "it" ("it is likely that") and relative pronouns that open no relative clause.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg import lexicon, names
from kg.extract.common import DEFINITE_DETERMINERS, SENTENCE_ENDS, text_lines, word_list
from kg.extract.referring import Head, Pronoun, age_head, heads, of_a_condition, pronouns
from kg.model import EntityMention

_LEFT_DEPS = {"det", "poss", "amod", "compound", "nummod", "nmod", "quantmod", "predet", "case"}
# A singular description with no determiner is a role or a mass ("took office", "by force"),
# not a mention, except for the collective nouns news uses bare ("police said").
_BARE_SINGULAR = {"police", "staff", "security"}
_OPEN_QUOTES = {"“", '"', "«", "„", "‘"}


@dataclass(frozen=True)
class Mention:
    """One mention as coreference sees it. Tokens [first, last) of the Doc; `head` is the
    syntactic head's index."""

    index: int  # position in document order
    start: int
    end: int
    first: int
    last: int
    head: int
    sentence: int
    kind: str  # "name", "nominal" or "pronoun"
    type: str | None  # kg type, None for a pronoun (the chain decides)
    number: str  # "sg", "pl" or "u"
    gender: str  # "m", "f", "n" or "u"
    animacy: str  # "a", "i" or "u"
    text: str
    head_word: str  # lowercase: a name's last word, a description's head noun
    words: frozenset[str]  # lowercase content words
    definite: bool = False
    possessed: bool = False  # "his wife", "its president": a description with a possessor
    cued: bool = False  # a title or honorific beside a name ("Mr", "President", "spokesman")
    # a name in the background that no pronoun or description refers back to: a dateline's
    # town ("STOCKHOLM, April 26 (Reuters) -"), a modifier of a common noun ("a Reuters poll")
    background: bool = False
    pronoun: Pronoun | None = None
    source: EntityMention | None = None

    @property
    def name(self) -> str:
        return self.source.name if self.source is not None else self.text


def detect(doc: Doc, found: Iterable[EntityMention]) -> list[Mention]:
    """Every mention of the article in document order: the extractors' names (deduplicated
    by span), then the descriptions and pronouns outside them."""
    lex = lexicon.load()
    sentence_of = _sentence_index(doc)
    by_span: dict[tuple[int, int], EntityMention] = {}
    for mention in found:
        # a description or pronoun another stage made a participant is found again below,
        # from the parse, at the same span
        if mention.mention_type == "name":
            by_span.setdefault((mention.span.start, mention.span.end), mention)
    out: list[Mention] = []
    covered: set[int] = set()
    for (start, end), mention in sorted(by_span.items()):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        covered.update(range(span.start, span.end))
        out.append(_name(doc, span.start, span.end, mention, sentence_of, lex))
    nominal_heads = heads()
    words = pronouns()
    headline = _headlines(doc)
    for token in doc:
        if token.i in covered:
            continue
        pronoun = words.get(token.lower_)
        if pronoun is not None and _is_mention_pronoun(token, pronoun):
            out.append(_pronoun(token, pronoun, sentence_of))
            continue
        made = _nominal(token, nominal_heads, covered, sentence_of, headline)
        if made is not None:
            out.append(made)
    out.sort(key=lambda m: (m.start, -m.end))
    return [_renumber(m, i) for i, m in enumerate(out)]


def _renumber(m: Mention, index: int) -> Mention:
    return replace(m, index=index)


def _headlines(doc: Doc) -> set[int]:
    """Tokens of short lines that end without a full stop: headlines."""
    found: set[int] = set()
    for line in text_lines(doc):
        if line and len(line) <= 15 and line[-1][1] not in SENTENCE_ENDS:
            found.update(i for i, _, _ in line)
    return found


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _name(
    doc: Doc,
    first: int,
    last: int,
    mention: EntityMention,
    sentence_of: list[int],
    lex: lexicon.Lexicon,
) -> Mention:
    span = doc[first:last]
    ws = names.words(mention.name) or (mention.name.casefold(),)
    person = mention.type == "Person"
    return Mention(
        index=0,
        start=mention.span.start,
        end=mention.span.end,
        first=first,
        last=last,
        head=span.root.i,
        sentence=sentence_of[first],
        kind="name",
        type=mention.type,
        # a body's name takes "it" or "they" whatever its last word: "Beta Machines said it
        # would ...", "General Motors", "the Netherlands"
        number="sg" if person else "u",
        gender=(names.gender(mention.name) or "u") if person else "n",
        animacy="a" if person else "u",
        text=mention.span.text,
        head_word=ws[-1],
        words=frozenset(ws),
        definite=True,
        cued=mention.type != "Place" and _cued(doc, first, last, lex),
        background=_background(span),
        source=mention,
    )


def _background(span: Span) -> bool:
    """A name a reader does not take up again with "it" or "the company": a modifier of a
    common noun outside it ("a Reuters poll of analysts"), or a dateline's town in capitals
    opening a line."""
    root = span.root
    if root.dep_ == "compound" and _office_title(root.head, span):
        return True  # "the Delaware State Bank Commissioner": a name in an office's title
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i >= span.end:
        # but a firm before its officer's title or its shares is where the story is
        # ("Lumatek chief executive Ann Croyle ...", "Norvell Pharma shares rose ... the
        # company said")
        return not (_names_a_person(root.head) or _company_measure(root.head))
    # (the token before, not the doc's text: Doc.text joins every token anew)
    opens_line = span.start == 0 or "\n" in span.doc[span.start - 1].text_with_ws
    return opens_line and span.text.isupper() and len(span.text) > 1


def _office_title(head: Token, span: Span) -> bool:
    """Whether `head`, after the name `span`, is the title of an office the name is part of:
    a title that heads the phrase, with its determiner before the name and no one's name
    after it ("approval from the Delaware State Bank Commissioner", not "the Lumatek chief
    executive Ann Croyle", where the firm is the officer's)."""
    return (
        head.i >= span.end
        and lexicon.load().title(head.lower_) is not None
        and head.ent_type_ != "PERSON"
        and head.dep_ != "compound"
        and any(c.dep_ == "det" and c.i < span.start for c in head.children)
    )


def _names_a_person(noun: Token) -> bool:
    """A title or a description of a person ("executive", "spokesman", "shareholders")."""
    head = heads().get(noun.lower_)
    return lexicon.load().title(noun.lower_) is not None or (
        head is not None and head.type == "Person"
    )


def _company_measure(noun: Token) -> bool:
    """What only a company has (`ontology/cues/company-measures.txt`: "shares", "stock")."""
    measures = word_list("company-measures.txt")
    return noun.lower_ in measures or noun.lemma_.lower() in measures


def _cued(doc: Doc, first: int, last: int, lex: lexicon.Lexicon) -> bool:
    """A title or honorific right before the name ("Mr Putin", "President Xi", "spokesman
    Dmitry Peskov", "Prime Minister Mark Rutte") or a title in apposition ("Peskov, the
    Kremlin's spokesman")."""
    i = first - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
        # the dot of an abbreviation written apart ("Mr . Putin", "Gov . Brown"), never a
        # sentence's full stop ("met the king. HP bought EDS": HP is no king)
        if i >= 0 and not (doc[i].is_title and len(doc[i]) <= 4):
            i = -1
    if i >= 0:
        word = doc[i].lower_.rstrip(".")
        if word in lex.honorifics or lex.title(word) is not None:
            return True
        if i >= 1 and lex.title(f"{doc[i - 1].lower_} {word}") is not None:
            return True
    root = doc[first:last].root
    return any(
        child.dep_ == "appos"
        and child.i > last
        and doc[last].text == ","
        and lex.title(child.lower_) is not None
        for child in root.children
    )


def _is_mention_pronoun(token: Token, pronoun: Pronoun) -> bool:
    if token.dep_ == "expl" or (pronoun.word == "us" and token.text != "us"):
        return False
    if pronoun.word == "i" and token.text != "I":
        return False
    if pronoun.kind == "relative":
        # "Meloni, who met ...": the pronoun opens a relative clause on a noun or name
        clause = token.head
        return clause.dep_ in {"relcl", "acl"} or (token.dep_ == "poss" and clause.dep_ != "ROOT")
    if pronoun.word == "it" and _pleonastic(token):
        return False
    return token.pos_ in {"PRON", "DET"}


def _pleonastic(token: Token) -> bool:
    """ "It is likely that ...", "it seems", "it was not clear whether": an "it" that stands
    for a clause, not a thing."""
    verb = token.head
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    clausal = any(c.dep_ in {"ccomp", "xcomp", "csubj"} for c in verb.children)
    return clausal and verb.lemma_ in {"be", "seem", "appear", "remain", "take", "make"}


def _pronoun(token: Token, pronoun: Pronoun, sentence_of: list[int]) -> Mention:
    return Mention(
        index=0,
        start=token.idx,
        end=token.idx + len(token),
        first=token.i,
        last=token.i + 1,
        head=token.i,
        sentence=sentence_of[token.i],
        kind="pronoun",
        type=None,
        number=pronoun.number,
        gender=pronoun.gender,
        animacy=pronoun.animacy,
        text=token.text,
        head_word=pronoun.word,
        words=frozenset(),
        pronoun=pronoun,
    )


def _made_thing(token: Token) -> bool:
    """A product noun (`ontology/cues/product-heads.txt`) that a name or a number modifies:
    "Corolla and RAV4 models", "some 2020-2022 models" are made things, whatever else the
    noun may name ("the model" who posed is a person)."""
    return token.lemma_.lower() in word_list("product-heads.txt") and any(
        c.dep_ in {"compound", "nmod", "nummod", "amod"}
        and c.pos_ in {"PROPN", "NUM"}
        and not c.text.endswith("s")  # a decade: "the 1950s pin-up model" is a person
        for c in token.lefts
    )


def _nominal(
    token: Token,
    table: Mapping[str, Head],
    covered: set[int],
    sentence_of: list[int],
    headline: set[int],
) -> Mention | None:
    if token.pos_ not in {"NOUN", "PROPN", "ADJ"} or token.dep_ == "compound":
        return None
    head = table.get(token.lower_) or table.get(token.lemma_.lower())
    age = age_head(token)
    if head is None and not age:
        return None
    if (token.pos_ == "ADJ" and not age) or (age and token.dep_ in {"amod", "compound", "acomp"}):
        return None  # "a 61-year-old man": the age describes the man; "the 70-year-old" is one
    kind, gender = ("Person", "u") if head is None else (head.type, head.gender)
    if _made_thing(token):
        return None  # "the Camry and Corolla models", "2020-2022 models": cars, no models
    if kind == "Place" and of_a_condition(token):
        return None  # "a state of emergency", "a state of war": a condition, no place
    doc = token.doc
    # "his ex-girlfriend", "the vice-president": the parser hangs the determiner or owner on
    # the prefix before the hyphen, which it takes for a noun of its own
    glued = _glued_prefix(token)
    lefts = [*token.lefts, *(c for t in glued for c in t.lefts if c.i < glued[0].i)]
    reach = glued[0].i if glued else token.i
    # the owner is a mention of its own ("[Lindsay Lohan]'s [attorney]", "[its] [chief]"): the
    # description starts after it, so the two never overlap (ECB+ annotates them so)
    owner_end = max((c.right_edge.i for c in lefts if c.dep_ == "poss"), default=-1)
    for child in lefts:
        if child.i <= owner_end:
            continue
        if child.dep_ in _LEFT_DEPS or (child.dep_ == "punct" and child.text == "-"):
            reach = min(reach, child.left_edge.i)
    # the phrase runs left from its head while words stay joined: no line break, no spaced
    # dash or bracket between (a dateline "ATHENS - A Greek court" is no part of it)
    left = token.i
    while left > reach and not _stops(doc[left - 1]):
        left -= 1
    while left < token.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    if kind != "Person" and any(c.dep_ == "compound" and c.i in covered for c in token.lefts):
        # a body a name modifies ("Syriza party", a "Defence Ministry" the model cut short) is
        # the name's own head; a person is not ("a Vancouver man", "the Pentagon spokesman")
        return None
    # "his mother and sister", "the chairman and chief executive": a conjunct shares the
    # determiner or possessor of the first noun of its coordination
    first = token
    while first.dep_ == "conj" and first.head.i < first.i and first.head.pos_ in {"NOUN", "PROPN"}:
        first = first.head
    dets = {c.lower_ for t in {token, first} for c in t.lefts if c.dep_ in {"det", "predet"}}
    dets |= {c.lower_ for c in lefts if c.dep_ in {"det", "predet"}}
    dets |= _based_determiner(doc, left)
    possessed = any(c.dep_ == "poss" for t in {token, first} for c in t.lefts) or any(
        c.dep_ == "poss" for c in lefts
    )
    if possessed and kind == "Organization" and _superlative_of_a_place(token, lefts):
        # "the world's largest planemaker", "Germany's biggest bank": the place says where it
        # is largest, owning nothing; the superlative makes one firm of it, a definite one
        # (but "China's most powerful leader" is China's: a person a state's possessive
        # describes stays possessed)
        possessed = False
        dets.add("the")
    counted = any(c.dep_ == "nummod" for c in token.lefts)
    plural = token.tag_ in {"NNS", "NNPS"}
    bare = not (plural or dets or possessed or counted or age)
    if bare and token.lower_ not in _BARE_SINGULAR and token.i not in headline:
        return None  # headlines drop their articles: "man charged with arson"
    words = frozenset(
        t.lower_ for t in doc[left : token.i + 1] if t.is_alpha and t.dep_ not in {"det", "poss"}
    )
    return Mention(
        index=0,
        start=doc[left].idx,
        end=token.idx + len(token),
        first=left,
        last=token.i + 1,
        head=token.i,
        sentence=sentence_of[token.i],
        kind="nominal",
        type=kind,
        number="pl" if plural else "sg",
        gender=gender,
        animacy="a" if kind == "Person" else "i",
        # the span's own text: `doc.text` joins the whole document on every call
        text=doc[left : token.i + 1].text,
        # "ex-president" and "vice-president" are no one head
        head_word="old" if age else "".join(t.lower_ for t in (*glued, token)),
        words=words,
        definite=bool(dets & DEFINITE_DETERMINERS) or possessed,
        possessed=possessed,
    )


def _superlative_of_a_place(token: Token, lefts: list[Token]) -> bool:
    """A description whose possessor is the world or a place and whose modifier is a
    superlative ("the world's largest planemaker", "Germany's biggest industrial group")."""
    owners = [c for c in lefts if c.dep_ == "poss"]
    superlative = any(
        c.tag_ in {"JJS", "RBS"} or any(g.tag_ == "RBS" for g in c.children)
        for c in lefts
        if c.dep_ == "amod"
    )
    return (
        superlative
        and bool(owners)
        and all(o.lower_ == "world" or o.ent_type_ in {"GPE", "LOC"} for o in owners)
    )


def _based_determiner(doc: Doc, left: int) -> set[str]:
    """The determiner of "The Toulouse, France-based company": the parser hangs it on the
    town, which a comma keeps out of the phrase, so the description would read as bare."""
    based = any(t.lower_ == "based" for t in doc[left : left + 3])
    i = left - 1
    if not based or i < 2 or doc[i].text != ",":
        return set()
    i -= 1
    while i > 0 and doc[i].pos_ == "PROPN":
        i -= 1
    return {doc[i].lower_} if doc[i].dep_ in {"det", "predet"} and i < left - 2 else set()


def _glued_prefix(token: Token) -> list[Token]:
    """The words written onto a noun with hyphens and no spaces ("ex" and "-" of
    "ex-girlfriend", "vice" and "-" of "vice-president"), leftmost first; empty for none."""
    doc, i = token.doc, token.i
    while (
        i >= 2
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].is_alpha
    ):
        i -= 2
    return list(doc[i : token.i])


def _stops(token: Token) -> bool:
    if token.is_space or "\n" in token.text_with_ws:
        return True
    if token.text in {"(", ")", "[", "]", ",", ";", ":", "—", "–"}:
        return True
    return token.text in {"-", "--"} and bool(token.whitespace_)


def in_quote(doc: Doc, token: Token) -> bool:
    """Is the token inside quotation marks in its sentence (an odd number of quote marks
    before it)?"""
    sent = token.sent
    marks = sum(1 for t in doc[sent.start : token.i] if t.text in _OPEN_QUOTES or t.text == "”")
    return marks % 2 == 1
