"""Affiliations of people, with the role title as written (kg:affiliatedWith and sub-properties).

Three shapes cover most news prose, all read off the dependency parse:
  premodifiers  "Chinese President Xi Jinping", "Kremlin spokesman Dmitry Peskov",
                "Kyiv mayor Vitali Klitschko", "Russia's Foreign Minister Sergei Lavrov"
  appositions   "Alexander Gabuev, senior fellow at the Carnegie Endowment",
                "Dmitry Peskov, the Kremlin's spokesman"
  possessors    "Alexis Tsipras' Syriza party" (affiliatedWith, no role)
The title decides the predicate (`ontology/gazetteer/titles.tsv`); the affiliation is the
entity or demonym that goes with the title: for a premodifier, inside the words before the name
("German Chancellor Olaf Scholz ... in Paris" leads Germany, never Paris); for an apposition,
inside the apposition. A title marked as past ("former", "ex-", "the late": `ontology/cues/
former.txt`) states no current affiliation, and no relation is emitted for it: the graph's
affiliations are current ones.
"""

from __future__ import annotations

import dataclasses
import itertools

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.common import demonym_mention, entity_index, make_span, word_list
from kg.model import EntityMention, Extraction, RelationMention


def _possessed_organization(
    root: Token, by_token: dict[int, EntityMention]
) -> EntityMention | None:
    """ "Alexis Tsipras' Syriza party", "Macron's Renaissance party": the organisation a
    person's name possesses is the person's own (kg:affiliatedWith, with no role: the
    possessive says belonging, not which office)."""
    if root.dep_ != "poss":
        return None
    owned = by_token.get(root.head.i)
    return owned if owned is not None and owned.type == "Organization" else None


class RelationExtractor:
    """Person -> state/organization/place affiliations (kg:affiliatedWith, kg:leaderOf, ...)."""

    name = "relations.v1"
    order = 15

    def __init__(self) -> None:
        self.lex = lexicon.load()
        # The longest run of tokens a title can be (a hyphen is a token of its own): without this
        # bound, matching is cubic in the length of a name's premodifiers.
        self.longest = 2 * max((len(t.split()) for t in self.lex.titles), default=0) + 1

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        by_token = entity_index(doc, found.entities)
        relations: list[RelationMention] = []
        for person in found.entities:
            if person.type != "Person":
                continue
            span = doc.char_span(person.span.start, person.span.end, alignment_mode="expand")
            if span is None:
                continue
            for title_tokens, anchor in self._titles(span.root, span.start):
                if _former(title_tokens, anchor):
                    continue
                rel = self._relation(doc, person, title_tokens, anchor, by_token, found, span.start)
                if rel is not None:
                    relations.append(rel)
            owned = _possessed_organization(span.root, by_token)
            if owned is not None:
                first, last = (
                    min(person.span.start, owned.span.start),
                    max(person.span.end, owned.span.end),
                )
                relations.append(
                    RelationMention(
                        subject=person,
                        predicate="affiliatedWith",
                        object=owned,
                        role=None,
                        span=make_span(doc, first, last, found.article.id),
                    )
                )
        return dataclasses.replace(found, relations=found.relations + tuple(relations))

    def _titles(self, head: Token, name_start: int) -> list[tuple[list[Token], Token]]:
        """Title words before the name and in appositions: (title tokens, where to look for
        the affiliation)."""
        doc = head.doc
        found: list[tuple[list[Token], Token]] = []
        # premodifiers: the run of compound/amod/poss tokens left of the name in its phrase
        left = [t for t in head.subtree if t.i < name_start and t.dep_ not in {"det", "punct"}]
        left = [t for t in left if t.head.i >= name_start or t.head in left]
        words = self._match_title(left)
        if words:
            found.append((words, doc[words[0].i]))
        for child in head.children:
            if child.dep_ == "appos":
                phrase = [
                    t for t in child.subtree if t.i <= child.i and t.dep_ not in {"det", "punct"}
                ]
                words = self._match_title(phrase)
                if words:
                    found.append((words, child))
        return found

    def _match_title(self, tokens: list[Token]) -> list[Token]:
        """The longest run of tokens that is a title ("foreign minister", "senior fellow")."""
        best: list[Token] = []
        for i in range(len(tokens)):
            for j in range(min(len(tokens), i + self.longest), i, -1):
                run = tokens[i:j]
                if any(b.i - a.i != 1 for a, b in itertools.pairwise(run)):
                    continue
                if self.lex.title(" ".join(t.lower_ for t in run)) and len(run) > len(best):
                    best = run
        return best

    def _relation(
        self,
        doc: Doc,
        person: EntityMention,
        title: list[Token],
        anchor: Token,
        by_token: dict[int, EntityMention],
        found: Extraction,
        name_start: int,
    ) -> RelationMention | None:
        words = " ".join(t.text for t in title)
        entry = self.lex.title(words.lower())
        if entry is None:
            return None
        target = self._affiliation(doc, title, anchor, by_token, found, name_start)
        if target is None:
            return None
        first = min(person.span.start, target.span.start, title[0].idx)
        last = max(person.span.end, target.span.end, title[-1].idx + len(title[-1]))
        predicate = entry.predicate
        before = doc[title[0].i - 1] if title[0].i > 0 else None
        if (
            predicate == "leaderOf"
            and before is not None
            and before.pos_ == "NOUN"
            and before.is_lower
            and before.i not in by_token
            and before.head.i == title[0].i
            and before.dep_ in {"compound", "nmod", "amod"}
        ):
            # "finance chief", "security chief": the head of a part of the body, not of the
            # body itself (a title the gazetteer lists whole, "party chief", was matched whole)
            predicate = "affiliatedWith"
        return RelationMention(
            subject=person,
            predicate=predicate,
            object=target,
            role=words,
            span=make_span(doc, first, last, found.article.id),
        )

    def _affiliation(
        self,
        doc: Doc,
        title: list[Token],
        anchor: Token,
        by_token: dict[int, EntityMention],
        found: Extraction,
        name_start: int,
    ) -> EntityMention | None:
        """The entity the title belongs to: a modifier of the title ("Kremlin spokesman",
        "Russia's foreign minister"), a prepositional object ("fellow at the Carnegie
        Endowment", "president of Ukraine"), or a demonym ("Chinese President")."""
        head = title[-1]
        title_at = {t.i for t in title}
        # look only inside the phrase that holds the title: the name's own modifiers, or the
        # apposition ("senior fellow at the Carnegie Endowment")
        scope = anchor if anchor.dep_ == "appos" else head.head if head.dep_ == "compound" else head
        candidates = [t for t in scope.subtree if t.i not in title_at and t.dep_ != "appos"]
        if anchor.dep_ != "appos":
            # a premodifier's affiliation stands before the name, never after it, and in the
            # same run of words: "ROME - Italian Prime Minister Giorgia Meloni" (a dateline the
            # parser hangs on the name) is not her office's
            run = title[0].i
            while run > 0 and not doc[run - 1].is_punct and not doc[run - 1].is_space:
                run -= 1
            candidates = [t for t in candidates if run <= t.i < name_start]
        for token in sorted(candidates, key=lambda t: abs(t.i - head.i)):
            if token.i in by_token and by_token[token.i].type != "Person":
                return by_token[token.i]
        for token in sorted(candidates, key=lambda t: abs(t.i - head.i)):
            state = demonym_mention(self.lex, token, found.article.id)
            if state is not None:
                return state
        return None


def _former(title: list[Token], anchor: Token) -> bool:
    """Is the title marked as past: a cue word among the words that modify it ("Former German
    defence minister", "ex-president", "the late king")?"""
    cues = word_list("former.txt")
    head = title[-1]
    modifiers = [t for t in head.lefts] + [t for t in title]
    if anchor.dep_ == "appos":
        modifiers += list(anchor.lefts)
    for token in modifiers:
        for t in token.subtree if token.i < head.i else (token,):
            if t.lower_ in cues and t.i < head.i:
                return True
    return False
