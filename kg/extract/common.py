"""Small helpers the built-in extractors share."""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.lexicon import DEFAULT_DIR, Lexicon, read_word_list
from kg.model import EntityMention, Span

# The edges from reported speech up to the verb that reports it.
REPORTED = frozenset({"ccomp", "parataxis"})
# the determiners of a definite noun phrase: what it names the text takes as known or told
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# the marks a sentence of the body ends with; a headline ends with none of them
SENTENCE_ENDS = frozenset({".", "!", "?", '"', "\u201d"})


def _index(doc: Doc) -> tuple[str, list[int], list[SpacySpan]]:
    """The Doc's text and sentences, computed once: spaCy rebuilds `Doc.text` from the tokens
    and walks the document for `Span.sent` on every call."""
    index = doc.user_data.get("kg_index")
    if index is None:
        sents = list(doc.sents)
        index = doc.user_data["kg_index"] = (doc.text, [s.start_char for s in sents], sents)
    return index


# A token of a line: its index, text and whether it is all letters
LineToken = tuple[int, str, bool]


def text_lines(doc: Doc) -> list[list[LineToken]]:
    """The Doc's lines (a line ends at a token with a line break in it or after it), each its
    tokens that are not whitespace, computed once: the headline tests of the entity extractor
    and of coreference each read every line, and a pass over a Doc makes a Token per word."""
    lines = doc.user_data.get("kg_lines")
    if lines is None:
        lines = doc.user_data["kg_lines"] = []
        line: list[LineToken] = []
        for token in doc:
            if not token.is_space:
                line.append((token.i, token.text, token.is_alpha))
            if "\n" in token.text_with_ws:
                lines.append(line)
                line = []
        lines.append(line)
    return lines


def _sentence_at(doc: Doc, char: int) -> SpacySpan:
    """The sentence holding character `char`, from the Doc's index (`Token.sent` walks the
    document)."""
    _, starts, sents = _index(doc)
    return sents[max(0, bisect_right(starts, char) - 1)]


def make_span(doc: Doc, start: int, end: int, article: str) -> Span:
    """A provenance span for characters [start, end) of `doc`, with its whole sentence."""
    text = _index(doc)[0]
    sentence = _sentence_at(doc, start)
    whole = text[sentence.start_char : sentence.end_char]
    lead = len(whole) - len(whole.lstrip())
    return Span(
        article=article,
        start=start,
        end=end,
        text=text[start:end],
        sentence=whole.strip(),
        sentence_start=sentence.start_char + lead,
    )


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-word-a-line cue list from `ontology/cues/` (comments start with #)."""
    return frozenset(read_word_list(DEFAULT_DIR / "cues" / name))


def entity_index(doc: Doc, mentions: tuple[EntityMention, ...]) -> dict[int, EntityMention]:
    """Token index -> the entity mention covering that token."""
    index: dict[int, EntityMention] = {}
    for mention in mentions:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is not None:
            for token in span:
                index[token.i] = mention
    return index


def demonym_mention(lex: Lexicon, token: Token, article: str) -> EntityMention | None:
    """ "Russian missiles", "Chinese President", "South Korean President": a capitalised
    demonym (of one word, or two with the word before it) names its state."""
    if not token.text[:1].isupper():
        return None
    first = token
    before = token.doc[token.i - 1] if token.i > 0 else None
    state = None
    if before is not None and before.text[:1].isupper() and before.whitespace_ != "":
        state = lex.state_by_demonym(f"{before.text} {token.text}")
        first = before if state is not None else token
    state = state or lex.state_by_demonym(token.text)
    if state is None:
        return None
    span = make_span(token.doc, first.idx, token.idx + len(token), article)
    return EntityMention(span=span, type="State", name=state.name, key=f"state/{state.key}")


# Opening quotation marks and the marks that close them; a straight quote closes itself.
_QUOTES = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’"}


def quotation(verb: Token) -> str | None:
    """The direct quotation a reporting verb introduces in its sentence ("“We expect you in
    Moscow,” Putin said"): every quoted stretch that hangs from `verb` in the parse, joined by
    " … ". A mark left open runs to the sentence's end (the quote goes on in the next one)."""
    text = _index(verb.doc)[0]
    parts: list[str] = []
    tokens = list(_sentence_at(verb.doc, verb.idx))
    i = 0
    while i < len(tokens):
        close = _QUOTES.get(tokens[i].text)
        if close is None:
            i += 1
            continue
        j = next((k for k in range(i + 1, len(tokens)) if tokens[k].text == close), len(tokens))
        inside = tokens[i + 1 : j]
        if inside and not any(t.i == verb.i for t in inside) and _hangs_from(inside, verb):
            quoted = text[inside[0].idx : inside[-1].idx + len(inside[-1])]
            parts.append(quoted.rstrip(" ,;:"))
        i = j + 1
    return " … ".join(p for p in parts if p) or None


# A quotation is what the verb says: a clause, or a phrase reached through one ("said ties were
# “the best in history”"), not a scare-quoted phrase in its object ("signed a “no limits” pact").
_CLAUSAL = {"ccomp", "parataxis", "xcomp", "advcl"}


def _hangs_from(tokens: list[Token], verb: Token) -> bool:
    """Whether a top token of the stretch (its head outside it) sits in a clause that `verb`
    governs."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i in inside and token.head.i != token.i:
            continue
        node, clausal = token, token.pos_ in {"VERB", "AUX"}  # the quote is a clause itself
        while node.head.i != node.i:  # compare positions: spaCy makes new Token objects
            clausal = clausal or node.dep_ in _CLAUSAL
            node = node.head
            if node.i == verb.i:
                break
        if node.i == verb.i and clausal:
            return True
    return False


def measure(noun: Token) -> bool:
    """A noun of `ontology/cues/measure-nouns.txt`: a measure of markets and business ("sales",
    "the rouble"; "Shares" too where the tagger leaves a capitalised word unlemmatised)."""
    words = word_list("measure-nouns.txt")
    word = noun.lower_
    return noun.lemma_.lower() in words or word in words or word.removesuffix("s") in words


def report_before_clause(span: SpacySpan) -> Token | None:
    """The reporting verb a time dates when the parser hung it on the reported clause: "Apple
    said on Tuesday it would buy Beats" (the time stands between the reporting verb and the
    clause's subject, the news convention "X said on DAY that ..."); None otherwise."""
    clause = span.root
    while clause.head.i != clause.i and clause.dep_ not in REPORTED:
        clause = clause.head
    if clause.dep_ not in REPORTED:
        return None
    verb = clause.head
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    before_subject = all(span.end <= s.left_edge.i for s in subjects) and bool(subjects)
    return verb if verb.i < span.start and before_subject else None


def amount(token: Token) -> bool:
    """Whether `token` is part of an amount of money or a percentage: spaCy's MONEY and PERCENT
    entities, or a number before a currency noun of `ontology/cues/currency-nouns.txt` (the
    small model leaves "252 million euros" a bare CARDINAL)."""
    if token.ent_type_ in {"MONEY", "PERCENT"}:
        return True
    currencies = word_list("currency-nouns.txt")
    if token.lower_ in currencies:
        return any(c.dep_ in {"nummod", "compound"} and c.like_num for c in token.children)
    return token.like_num and token.head.lower_ in currencies
