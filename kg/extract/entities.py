"""Entity mentions typed kg:Person, kg:State, kg:Organization or kg:Place.

spaCy's NER proposes spans; the gazetteers in `ontology/gazetteer/` add what it missed and
decide the type of names they know. For names they do not know, the type comes from the
name's head word (`ontology/cues/organization-heads.txt`), from a title beside the name
("President Volodymyr Zelenskiy" is a person whatever the label) and from the syntax around a
capital or government seat ("Beijing has refused" is the state; "talks in Beijing" the place).
Emits `EntityMention`s; their `key` ("state/china") feeds resolution.
"""

from __future__ import annotations

import dataclasses
import re

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg import lexicon
from kg.extract.common import make_span, word_list
from kg.model import EntityMention, Extraction

_LABELS = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
_AGENTIVE_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
_LOCATIVE_PREPS = {"in", "at", "inside", "outside", "near", "to", "from", "into", "across"}
# quotes and brackets at either end, and closing punctuation, except the dot of an
# abbreviation ("U.S.")
_TRIM = re.compile(r"^[\s\"'“”‘’(\[]+|(?<!\b[A-Z]\.)(?<![A-Z])[\s\"'“”‘’)\].,;:]+$")
_POSSESSIVE = re.compile(r"[’']s?$")


class EntityExtractor:
    """Finds people, states, organisations and places (emits kg:Person/State/Organization/Place)."""

    name = "entities.v1"
    order = 10

    def __init__(self) -> None:
        self.lex = lexicon.load()
        self.org_heads = word_list("organization-heads.txt")
        self._matchers: dict[int, PhraseMatcher] = {}

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        spans = self._candidates(doc)
        mentions = []
        for span in spans:
            mention = self._mention(doc, span, found.article.id)
            if mention is not None:
                mentions.append(mention)
        return dataclasses.replace(found, entities=tuple(mentions))

    # -- candidates --------------------------------------------------------------------

    def _matcher(self, doc: Doc) -> PhraseMatcher:
        """A case-sensitive matcher of every gazetteer name, built once per vocabulary."""
        key = id(doc.vocab)
        if key not in self._matchers:
            matcher = PhraseMatcher(doc.vocab, attr="ORTH")
            names: set[str] = set()
            for state in self.lex.states:
                names.update((state.name, *state.aliases, *state.seats, *state.capitals))
            for org in self.lex.organizations:
                names.update((org.name, *org.aliases))
            # A blank English pipeline on the same vocabulary tokenises names as the model does.
            make_doc = spacy.blank("en", vocab=doc.vocab).make_doc
            matcher.add("GAZ", [make_doc(n) for n in sorted(names) if n.strip()])
            self._matchers[key] = matcher
        return self._matchers[key]

    def _candidates(self, doc: Doc) -> list[SpacySpan]:
        """spaCy's entities plus gazetteer matches, longest first where they overlap."""
        spans = [e for e in doc.ents if e.label_ in _LABELS]
        spans += [SpacySpan(doc, s, e, label="GAZ") for _, s, e in self._matcher(doc)(doc)]
        spans.sort(key=lambda s: (s.start, -(s.end - s.start), s.label_ == "GAZ"))
        chosen: list[SpacySpan] = []
        taken: set[int] = set()
        for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
            if taken.isdisjoint(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        return sorted(chosen, key=lambda s: s.start)

    # -- one mention -------------------------------------------------------------------

    def _mention(self, doc: Doc, found: SpacySpan, article: str) -> EntityMention | None:
        span = self._trim(found)
        if span is None:
            return None
        name = _clean(span.text)
        if not name or not any(c.isalpha() for c in name):
            return None
        typed = self._type(span, name)
        if typed is None:
            return None
        kind, key = typed
        return EntityMention(
            span=make_span(doc, span.start_char, span.end_char, article),
            type=kind,
            name=name,
            key=key,
        )

    def _trim(self, span: SpacySpan) -> SpacySpan | None:
        """Drop determiners, honorifics, titles and demonyms at the edges: "Mr Putin" -> "Putin"."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (
            doc[start].lower_ in {"the", "a", "an"}
            or doc[start].lower_.rstrip(".") in self.lex.honorifics
            or doc[start].is_punct
            or (
                span.label_ in {"PERSON", "ORG"}
                and end - start > 1
                and self._is_title_or_demonym(doc[start])
            )
        ):
            start += 1
        for i in range(start + 1, end):
            if doc[i].text == "(":
                end = i
                break
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].is_space
        ):
            end -= 1
        if start >= end:
            return None
        return SpacySpan(doc, start, end, label=span.label_)

    def _is_title_or_demonym(self, token: Token) -> bool:
        word = token.lower_
        return self.lex.title(word) is not None or (
            token.text[:1].isupper() and self.lex.state_by_demonym(token.text) is not None
        )

    def _type(self, span: SpacySpan, name: str) -> tuple[str, str | None] | None:
        lex = self.lex
        if (state := lex.state(name) or lex.state_by_demonym(name)) is not None:
            return "State", f"state/{state.key}"
        if (org := lex.organization(name)) is not None:
            return "Organization", f"organization/{org.key}"
        if (state := lex.state_by_seat(name)) is not None:
            return ("Place", None) if _locative(span) else ("State", f"state/{state.key}")
        if (state := lex.state_by_capital(name)) is not None:
            return ("State", f"state/{state.key}") if _agentive(span) else ("Place", None)
        if span.label_ == "GAZ" or not any(t.text[:1].isupper() for t in span):
            return None  # a name has a capital letter somewhere; "congress" alone is no name
        head = span[-1].lower_
        if head in self.org_heads:
            return "Organization", None
        if span.label_ == "PERSON":
            if _names_a_place(span, lex):
                return ("Organization", None) if len(span) > 1 else ("Place", None)
            return "Person", None
        if span.label_ == "ORG":
            return ("Person", None) if self._titled(span) else ("Organization", None)
        return "Place", None

    def _titled(self, span: SpacySpan) -> bool:
        """A name with a title beside it is a person: "President X", "X, the president"."""
        doc = span.doc
        if span.start > 0 and self.lex.title(doc[span.start - 1].lower_) is not None:
            return True
        return any(
            child.dep_ == "appos" and self.lex.title(child.lower_) is not None
            for child in span.root.children
        )


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = _TRIM.sub("", text)
    return _POSSESSIVE.sub("", text).strip() if text.endswith(("'s", "’s", "s'", "s’")) else text


def _agentive(span: SpacySpan) -> bool:
    """Does the name act ("Beijing has refused", "Beijing's stance") rather than locate?
    A capital in capitals at the head of a line is a dateline ("MOSCOW, Dec 30 -"): a place."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if span.text.isupper() and (before is None or "\n" in before.text_with_ws):
        return False
    return span.root.dep_ in _AGENTIVE_DEPS


def _locative(span: SpacySpan) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS


def _names_a_place(span: SpacySpan, lex: lexicon.Lexicon) -> bool:
    """A "person" whose name holds a state or capital ("Sputnik Belarus") is no person."""
    return any(
        lex.state(t.text) is not None or lex.state_by_capital(t.text) is not None for t in span
    )
