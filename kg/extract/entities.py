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
import itertools
import re
from functools import cache

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from kg import lexicon, names, nlp
from kg.extract.common import SENTENCE_ENDS, make_span, measure, text_lines, word_list
from kg.extract.referring import heads, pronouns
from kg.lexicon import DEFAULT_DIR, read_word_list
from kg.model import EntityMention, Extraction
from kg.timex import ZONES

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


@cache
def _gazetteer_matcher(vocab: Vocab, lex: lexicon.Lexicon) -> PhraseMatcher:
    """A case-sensitive matcher of every gazetteer name, built once per vocabulary and lexicon
    in a process, not once per extractor: `kg.extract.pipeline` makes new extractors for every
    `extract` call (a build makes them twice), and building it costs ~0.3 s."""
    matcher = PhraseMatcher(vocab, attr="ORTH")
    names: set[str] = set()
    for state in lex.states:
        names.update((state.name, *state.aliases, *state.seats, *state.capitals))
    for org in lex.organizations:
        names.update((org.name, *org.aliases))
    # A blank English pipeline on the same vocabulary tokenises names as the model does.
    make_doc = spacy.blank("en", vocab=vocab).make_doc
    matcher.add("GAZ", [make_doc(n) for n in sorted(names) if n.strip()])
    return matcher


class EntityExtractor:
    """Finds people, states, organisations and places (emits kg:Person/State/Organization/Place)."""

    name = "entities.v1"
    order = 10

    def __init__(self) -> None:
        self.lex = lexicon.load()
        self.org_heads = word_list("organization-heads.txt")
        self.facility_heads = word_list("facility-heads.txt")
        self.place_heads = word_list("place-heads.txt")
        self.place_prefixes = word_list("place-prefixes.txt")
        self.occasion_heads = word_list("occasion-heads.txt")

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        # the lines in capitals, which both the candidates and the headline names skip
        caps = _caps_lines(doc)
        spans = self._candidates(doc, caps)
        mentions = []
        for span in spans:
            mention = self._mention(doc, span, found.article.id)
            if mention is not None:
                mentions.append(mention)
        mentions += _headline_names(doc, mentions, found.article.id, caps)
        mentions += _short_forms(doc, mentions, found.article.id, caps)
        mentions.sort(key=lambda m: m.span.start)
        mentions = _without_products(doc, mentions, self.org_heads)
        return dataclasses.replace(found, entities=_firms_throughout(doc, mentions))

    # -- candidates --------------------------------------------------------------------

    def _matcher(self, doc: Doc) -> PhraseMatcher:
        """A case-sensitive matcher of every gazetteer name for the Doc's vocabulary."""
        return _gazetteer_matcher(doc.vocab, self.lex)

    def _candidates(self, doc: Doc, caps: set[int]) -> list[SpacySpan]:
        """spaCy's entities (cut where a name cannot run on, joined across name particles),
        gazetteer matches and unlabelled proper names that open with a given name, longest
        first where they overlap. All-capitals lines (headlines) are read apart:
        `_headline_names`. `caps`: the tokens of `_caps_lines`."""
        spans = [
            part
            for e in doc.ents
            if (e.label_ in _LABELS or self._unknown_people_place(e)) and e.start not in caps
            for part in _split(e)
        ]
        spans += [SpacySpan(doc, s, e, label="GAZ") for _, s, e in self._matcher(doc)(doc)]
        spans += _proper_runs(doc, spans, caps)
        spans += _headed_names(doc, spans, caps, self.org_heads)
        spans += _company_runs(doc, spans, caps, self.lex)
        chosen: list[SpacySpan] = []
        taken: set[int] = set()
        for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.label_ == "GAZ")):
            if taken.isdisjoint(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        chosen = _join_particles(sorted(chosen, key=lambda s: s.start))
        return [
            self._with_office(_with_legal_form(self._with_place_head(s, chosen), chosen), chosen)
            for s in chosen
        ]

    def _with_office(self, span: SpacySpan, chosen: list[SpacySpan]) -> SpacySpan:
        """ "the Delaware State Bank Commissioner, which is pending": an organisation's name
        runs on to the capitalised title it modifies when no name follows the title (an
        office, not "Delaware State Bank" with a commissioner after it); with a name after it
        the title is that person's ("IG Metall Chairman Joerg Hofmann")."""
        doc = span.doc
        head = doc[span.end] if span.end < len(doc) else None
        if (
            span.label_ != "ORG"
            or head is None
            or not head.is_title
            or self.lex.title(head.lower_) is None
            or span.root.head.i != head.i
            or _name_follows(doc, head.i + 1)
            or any(o.start <= head.i < o.end for o in chosen)
        ):
            return span
        return SpacySpan(doc, span.start, head.i + 1, label=span.label_)

    def _with_place_head(self, span: SpacySpan, chosen: list[SpacySpan]) -> SpacySpan:
        """ "Henderson Street", "Calder River", "Brantley Hospital": a name runs on to the
        capitalised place or facility head it modifies (`ontology/cues/place-heads.txt`,
        `facility-heads.txt`), which spaCy often leaves out ("Henderson" as a town, then
        taken for the suspect "Mark Henderson")."""
        doc = span.doc
        head = doc[span.end] if span.end < len(doc) else None
        if (
            head is None
            or not head.is_title
            or head.lower_ not in self.place_heads | self.facility_heads
            or span.root.head.i != head.i
            or span.root.dep_ not in {"compound", "nmod"}
            or not span[-1].whitespace_
            or any(o.start <= head.i < o.end for o in chosen)
        ):
            return span
        return SpacySpan(doc, span.start, head.i + 1, label=span.label_)

    def _unknown_people_place(self, span: SpacySpan) -> bool:
        """spaCy's small model takes many a town it does not know for a nationality (NORP:
        "the city of Omdurman", "the Belgorod region"): one no state's demonym names, in a
        place noun's name position, is that place."""
        return (
            span.label_ == "NORP"
            and self.lex.state_by_demonym(span.text) is None
            and self.lex.state(span.text) is None
            and _named_place(span)
        )

    # -- one mention -------------------------------------------------------------------

    def _mention(self, doc: Doc, found: SpacySpan, article: str) -> EntityMention | None:
        span = self._trim(found)
        if span is None or _agency_tag(span) or _time_zone(span) or _ends_a_title(span):
            return None
        name = _clean(span.text)
        if not name or not any(c.isalpha() for c in name) or _CURRENCY.search(name):
            return None  # "HK$11.18" is an amount, no name
        typed = self._type(span, name)
        if typed is None:
            return None
        kind, key = typed
        if kind == "Organization" and key is None:
            owner = _owning_state(span, self.lex) if _generic_body(span) else None
            if owner is not None:
                # "Russia's Foreign Ministry" and "China's Foreign Ministry" are two bodies:
                # a body named by common nouns alone is known by its state
                adjective = owner.demonyms[0] if owner.demonyms else owner.name
                if not name.startswith(adjective):  # "Japanese Foreign Ministry" has it
                    name = f"{adjective} {name}"
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
        while start < end - 1 and span.label_ in {"PERSON", "ORG"}:
            # a title of several words before the name: "Crown Prince Muhammad bin Salman"
            words = [t.lower_ for t in doc[start : min(end - 1, start + 3)]]
            k = next((k for k in (3, 2) if self.lex.title(" ".join(words[:k]))), 0)
            if k < 2 or len(words) < k:
                break
            start += k
        while start < end and (
            doc[start].lower_ in {"the", "a", "an"}
            or doc[start].lower_.rstrip(".") in self.lex.honorifics
            or doc[start].is_punct
            or (
                span.label_ in {"PERSON", "ORG"}
                and end - start > 1
                and self._is_title_or_demonym(doc[start])
                and doc[start].whitespace_  # "Sino-Pac Holdings" is one name
                and not self._opens_company_name(span, start, end)
            )
        ):
            start += 1
        for i in range(start + 1, end):
            if doc[i].text == "(":
                end = i
                break
        # a title at the end belongs to the name after it: "Abu Dhabi Crown Prince [Mohamed
        # bin Zayed]", "[Dutch] Foreign [Minister Wopke Hoekstra]"
        for cut in range(start, end):
            tail = " ".join(t.lower_ for t in doc[cut : min(end + 2, len(doc))])
            words = tail.split()
            if any(
                self.lex.title(" ".join(words[:k])) is not None
                and cut + k >= end
                and _name_follows(doc, cut + k)
                for k in range(1, len(words) + 1)
            ):
                end = cut
                break
        if end - start > 1 and _score_before(doc, end) is not None:
            end = _score_before(doc, end) or end  # "Ipswich Town 4-1": the match's score
        while end > start and (
            doc[end - 1].is_punct
            or doc[end - 1].tag_ == "POS"
            or doc[end - 1].is_space
            or not any(c.isalnum() for c in doc[end - 1].text)  # half an emoji flag
        ):
            end -= 1
        # "Yoon Suk-yeol", "Jean-Claude": a name runs on over a hyphen inside a word
        while (
            span.label_ in {"PERSON", "PROPN"}
            and end + 1 < len(doc)
            and doc[end].text in {"-", "\u2010", "\u2011"}
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and doc[end + 1].lower_ != "based"  # "Bangalore-based" is where a firm is based
        ):
            end += 2
        if start >= end:
            return None
        return SpacySpan(doc, start, end, label=span.label_)

    def _opens_company_name(self, span: SpacySpan, start: int, end: int) -> bool:
        """A nationality or a title that spaCy's organisation opens with, one word before its
        end, is part of the company's name: "American Airlines", "Swiss Re", "Russian
        Railways", "General Motors" (a title only of `ontology/cues/company-name-titles.txt`:
        a "General Milley" stays a general). Stripped, they left "Airlines" and the person
        "Motors", and made American and United Airlines one company."""
        # after a determiner too: "the Premier League"
        opening = all(t.lower_ in {"the", "a", "an"} for t in span.doc[span.start : start])
        if span.label_ != "ORG" or not opening or end - start != 2:
            return False
        word = span.doc[start]
        if self.lex.title(word.lower_) is not None:
            return word.lower_ in word_list("company-name-titles.txt")
        return True  # a demonym, as `_is_title_or_demonym` holds

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
        if _dateline(span) or _based_in(span):
            return "Place", None  # "HERZOGENAURACH, Germany (Reuters) -", "Boise-based"
        if len(span) == 1 and lex.title(span[0].lower_) is not None:
            return None  # a title alone ("fires CFO" in a headline) names no one
        if _model_name(span):
            return None  # "a 737 MAX 9 jet": a product's model, no one who acts
        if _MODEL_CODE.fullmatch(span.text) and not _on_the_way(span):
            return None  # "paused the wide-body C-700": a model's code (but "on the M25")
        if len(span) == 1 and _common_acronym(span[0].text):
            return None  # "the IPO was delayed", "GDP grew": a common noun's acronym
        if len(span) == 1 and _event_noun(span[0], lex):
            return None  # "DOHA - Negotiations between ...": a capitalised common noun
        if _company_evidence(span):
            return "Organization", None  # "Nvidia's shares", "appliances maker Electrolux"
        if len(span) == 1 and names.brand_casing(span[0].text):
            return "Organization", None  # "SpaceX", "PayPal": a firm's own spelling
        head = span[-1].lower_
        if head in self.occasion_heads:
            return None  # "the Academy Awards", "the World Cup": an occasion, no entity
        if head in word_list("currency-nouns.txt") and len(span) > 1:
            country = _clean(span[:-1].text)  # not "Park Jae-won", whose "won" is a name
            if lex.state_by_demonym(country) or lex.state(country):
                return None  # "Chinese yuan", "the Swiss franc": a currency, no one who acts
        if head in self.facility_heads and _locative(span):
            return "Place", None  # "checked into the Betty Ford Center"
        if head in self.org_heads or _legal_form(span[-1]):
            return "Organization", None  # "Helvetia Motorenwerke AG", "Acme Corp."
        if head in self.place_heads or (
            len(span) > 1 and span[0].lower_.rstrip(".") in self.place_prefixes
        ):
            return "Place", None  # "Newton Street", "Mount Sefton", "Route 94"
        if span.label_ in {"ORG", "PERSON", "PROPN"} and (
            _named_place(span) or _contested_ground(span) or _settlement(span)
        ):
            return "Place", None
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if (
            after is not None
            and after.is_lower
            and after.lower_ in self.facility_heads | self.place_heads
            and span.root.head.i == after.i
        ):
            return "Place", None  # "Charles de Gaulle airport", "the Hudson river"
        if span.label_ == "PERSON" and len(span) == 1 and _acronym_of_a_body(span[0]):
            return "Organization", None  # "HP bought EDS": no one's name is an acronym
        if span.label_ == "PERSON":
            if any(c.isdigit() for c in span.text):
                return None  # "recalls 280,000 RAV4s": a model's name, no one's
            if _names_a_place(span, lex) and not _state_as_given_name(span, lex):
                return ("Organization", None) if len(span) > 1 else ("Place", None)
            return "Person", None
        if span.label_ in {"ORG", "FAC", "PROPN"}:
            # "Olaf Scholz" taken for an organisation after a dateline: a given name opens it
            personal = len(span) > 1 and (
                names.given_name(span[0].text) or self._after_demonym(span)
            )
            if self._titled(span) or personal or _spoken_of_as_a_person(span):
                return "Person", None
            if _particle_name(span) and self._speaks(span) and not _names_a_place(span, lex):
                # "Sanne de Vries said": a firm speaks too, but none is named with a
                # family name's particle
                return "Person", None
            return ("Organization", None) if span.label_ != "PROPN" else None
        if len(span) > 1 and names.given_name(span[0].text) and not _names_a_place(span, lex):
            return "Person", None  # "Olaf Scholz" the model takes for a place: a given name
        if self._title_before(span) or _who(span):
            # "Chief executive Tamsin Veldhuis" the model takes for a place; "Lindsay Lohan,
            # who ...": a place has no title and is no "who" (but an apposition may be a
            # state's abbreviation: "Rancho Mirage, Calif.")
            return "Person", None
        return "Place", None

    def _titled(self, span: SpacySpan) -> bool:
        """A name with a title beside it is a person: "President X", "X, the president"; so is
        one in apposition with a description of a person ("Bettie Page, the 1950s pinup and
        bondage model") or one a relative "who" describes ("X, who died ...")."""
        if self._title_before(span) or self._title_apposed(span):
            return True
        for child in span.root.children:
            if child.dep_ == "appos" and any(
                self._person_noun(t) for t in (child, *child.conjuncts)
            ):
                return True
        return _who(span)

    def _title_apposed(self, span: SpacySpan) -> bool:
        """A name of two or more words in apposition to a title ("Trelawney's chief
        executive, Sanne de Vries, will join"): the one who holds it. (One word may be a
        firm's: "its adviser, Lazard"; a name with an organisation's head word is typed
        before this.)"""
        root = span.root
        small = names.particles()
        if (
            len(span) < 2
            or root.dep_ != "appos"
            or not all(t.is_title or t.text in small for t in span)
        ):
            return False
        head = root.head
        before = span.doc[head.i - 1] if head.i > 0 else None
        return self.lex.title(head.lower_) is not None or (
            before is not None
            and before.head.i == head.i
            and self.lex.title(f"{before.lower_} {head.lower_}") is not None
        )

    def _speaks(self, span: SpacySpan) -> bool:
        """The name is the subject of a verb of saying ("X said", "X told analysts")."""
        root = span.root
        return (
            root.dep_ == "nsubj"
            and root.head.pos_ == "VERB"
            and root.head.lemma_.lower() in self.lex.reporting_cues
        )

    def _title_before(self, span: SpacySpan) -> bool:
        """A title of one to three words right before the name: "Judge X", "chief executive
        X", "chief financial officer X" (`ontology/gazetteer/titles.tsv`)."""
        doc = span.doc
        return any(
            span.start >= k
            and not any(_ends_a_sentence(t) for t in doc[span.start - k : span.start])
            and self.lex.title(" ".join(t.lower_ for t in doc[span.start - k : span.start]))
            is not None
            for k in (1, 2, 3)
        )

    def _after_demonym(self, span: SpacySpan) -> bool:
        """ "American Hasim Rahman", "Russian Vladimir Putin": a name of capitalised words
        right after a nationality word is a person's (a company's name would hold the word:
        "American Airlines"), unless its words are all common ones ("American Stock
        Exchange", which spaCy names whole and `_trim` cut)."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        common = nlp.known_common_words()
        return (
            before is not None
            and before.text[:1].isupper()
            and self.lex.state_by_demonym(before.text) is not None
            and self.lex.state(before.text) is None
            and all(t.is_title for t in span)
            and not all(t.lower_ in common for t in span)
        )

    def _person_noun(self, token: Token) -> bool:
        head = heads().get(token.lower_)
        return self.lex.title(token.lower_) is not None or (
            head is not None and head.type == "Person"
        )


def _particle_name(span: SpacySpan) -> bool:
    """A name with lowercase particles between a capitalised first and last word ("Sanne de
    Vries", "Ursula von der Leyen", `ontology/gazetteer/name-particles.txt`): a person's
    shape, which firms' names do not take ("Bank of America" has no particle of a name)."""
    small = names.particles()
    return (
        len(span) >= 3
        and span[0].is_title
        and span[-1].is_title
        and all(t.text in small for t in span[1:-1])
    )


def _name_follows(doc: Doc, i: int) -> bool:
    """Whether a capitalised word starts at token `i`: the name a title before it belongs to
    ("Foreign Minister Wopke Hoekstra"). With none ("approval from the Delaware State Bank
    Commissioner, which"), the title ends the office's own name."""
    return i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha


def _ends_a_sentence(token: Token) -> bool:
    """A full stop, question or exclamation mark, or a line break: what a title and the name it
    stands before are never split by ("met the king. HP bought EDS": the title's lookup reads
    "king ." as "king", and made HP a person)."""
    return token.text in {".", "!", "?"} or "\n" in token.text_with_ws


def _generic_body(span: SpacySpan) -> bool:
    """Whether a name is a public body's made of common words alone ("Foreign Ministry",
    "Supreme Court", "Interior Ministry"), which every state has one of: its head in
    `ontology/cues/public-body-heads.txt` and every word one the model's lemma tables know
    in lower case."""
    common = nlp.known_common_words()
    return span[-1].lower_ in word_list("public-body-heads.txt") and all(
        t.lower_ in common for t in span if t.is_alpha
    )


def _owning_state(span: SpacySpan, lex: lexicon.Lexicon) -> lexicon.StateEntry | None:
    """The state a body's name is written with: its possessor ("Russia's Foreign Ministry") or
    a demonym before or opening it ("the Japanese Foreign Ministry")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in {"'s", "’s", "'"} and span.start > 1:
        return lex.state(doc[span.start - 2].text)
    for token in (before, span[0]):
        if token is not None and (state := lex.state_by_demonym(token.text)) is not None:
            return state
    return None


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = _TRIM.sub("", text)
    return _POSSESSIVE.sub("", text).strip() if text.endswith(("'s", "’s", "s'", "s’")) else text


def _based_in(span: SpacySpan) -> bool:
    """ "the Boise-based company", "Cupertino-based Apple", and the town before its region
    in "the Toulouse, France-based company", "The Columbus, Ohio-based retailer": where a
    firm is based."""
    doc = span.doc
    end = span.end
    if (
        end + 2 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].is_alpha
    ):
        end += 2  # the town of "Toulouse, France-based": its region follows after a comma
    return (
        end + 1 < len(doc)
        and doc[end].text in {"-", "\u2010", "\u2011"}
        and doc[end + 1].lower_ == "based"
    )


def _model_name(span: SpacySpan) -> bool:
    """One word between two numbers ("a 737 MAX 9 jet", "the 777 X 9"): a product's model name
    (kg types no products), not a company."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return (
        len(span) == 1
        and before is not None
        and after is not None
        and before.text.isdigit()
        and after.text.isdigit()
    )


# a model's designation: letters, then two or more digits ("C-700", "F-16", "A320", "S-300");
# "G7" and "E3", with one digit, are groups of states
_MODEL_CODE = re.compile(r"[A-Z]{1,3}-?\d{2,4}[A-Z]{0,2}")


def _on_the_way(span: SpacySpan) -> bool:
    """A name that a preposition of place governs ("on the M25", "off I-95", "near A1"): a
    road, where a model's code ("the C-700") names a thing."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS | {"on", "along", "off"}


def _dateline(span: SpacySpan) -> bool:
    """A name in capitals at the head of a line, before a comma, a bracket or a dash: a
    dateline's town ("HERZOGENAURACH, Germany (Reuters) -", "SANTA CLARA (AP) —")."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return (
        _capitals_heading_a_line(span)
        and len(span.text) > 3  # not an acronym ("NATO, the alliance")
        and after is not None
        and after.text in {",", "(", "-", "\u2013", "\u2014"}
    )


def _capitals_heading_a_line(span: SpacySpan) -> bool:
    """A name in capitals that opens a line ("MOSCOW, Dec 30 -", "SANTA CLARA (AP) —")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return span.text.isupper() and (before is None or "\n" in before.text_with_ws)


def _agentive(span: SpacySpan) -> bool:
    """Does the name act ("Beijing has refused", "Beijing's stance") rather than locate?
    A capital in capitals at the head of a line is a dateline ("MOSCOW, Dec 30 -"): a place."""
    if _capitals_heading_a_line(span):
        return False
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "Seoul and Pyongyang agreed"
        root = root.head
    return root.dep_ in _AGENTIVE_DEPS


_GROUND_PREPS = {"in", "near", "around", "outside", "for", "from"}


def _who(span: SpacySpan) -> bool:
    """A relative "who" on the name or on its apposition ("X, who died ...", "X, a boxer from
    Queens who ...") describes a person."""
    root = span.root
    for token in (root, *(c for c in root.children if c.dep_ == "appos")):
        for child in token.children:
            if child.dep_ == "relcl" and any(
                c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ == "who" for c in child.children
            ):
                return True
    return False


# Prepositions that put a bare name somewhere ("died in Decatur", "a town near Joliet")
_SETTLEMENT_PREPS = frozenset({"in", "near", "outside", "around", "across", "throughout"})
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)


def _settlement(span: SpacySpan) -> bool:
    """A name the sentence uses as a location: the bare object (no article, no possessor) of
    a preposition of location on the same line ("killed in Decatur"), the "of" of a person's
    home after an age ("John Smith, 59, of Queens") or of a compass point ("14 miles northeast
    of Wanaka"). spaCy's small model labels many towns PERSON or ORG."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or any(c.dep_ in {"det", "poss"} for c in root.children):
        return False
    if any("\n" in t.text_with_ws for t in span.doc[prep.i : span.start]):
        return False  # a dateline or headline run into the next line
    if prep.lower_ == "of":
        doc = span.doc
        after_age = prep.i >= 2 and doc[prep.i - 1].text == "," and doc[prep.i - 2].like_num
        return after_age or prep.head.like_num or prep.head.lower_ in _COMPASS
    if prep.head.pos_ == "NOUN" and measure(prep.head):
        return False  # "shares in Airbus", "a stake in Twitter": a company's
    return prep.lower_ in _SETTLEMENT_PREPS and prep.head.pos_ in {"VERB", "AUX", "NOUN"}


def _short_forms(
    doc: Doc, mentions: list[EntityMention], article: str, caps: set[int]
) -> list[EntityMention]:
    """A person's surname the model left untagged after their full name ("Park Jae-won ...
    Park was first arrested", "Carlos Mendoza ... Mendoza was released"): the alias pass of
    a deterministic coreference sieve (Lee et al. 2013) needs the short form as a mention.
    A capitalised proper noun equal to the first or last word of a full name of a person
    mentioned before it (not a given name: "Carlos" alone may be anyone) is that person."""
    taken = {i for m in mentions for i in range(m.span.start, m.span.end)}
    parts: dict[str, int] = {}  # a name's part -> where the first full name holding it ends
    for m in mentions:
        words = m.name.split()
        if m.type == "Person" and m.mention_type == "name" and len(words) > 1:
            for word in {words[0], words[-1]} - set(words[1:-1]):
                if not names.given_name(word) and word[:1].isupper() and word.isalpha():
                    parts.setdefault(word, m.span.end)
    found = []
    for token in doc:
        if (
            token.text in parts
            and parts[token.text] <= token.idx
            and token.tag_ == "NNP"
            and token.idx not in taken
            and token.i not in caps
            and not token.ent_type_
        ):
            span = make_span(doc, token.idx, token.idx + len(token), article)
            found.append(EntityMention(span=span, type="Person", name=token.text))
    return found


def _owns_company_things(span: SpacySpan) -> bool:
    """A name that has what only a company has: owning it (`ontology/cues/
    company-measures.txt`), for a name of one word and no given name ("Nvidia's shares
    surged", "Adidas' chief executive": "Smith's shares" may be a person's), or modifying a
    security it issues (`ontology/cues/company-securities.txt`), whatever its words ("Philip
    Morris shares closed", "Upjohn shareholders")."""
    root = span.root
    owned = root.head
    if owned.i == root.i:
        return False
    securities = word_list("company-securities.txt")
    if root.dep_ == "compound":
        return owned.pos_ == "NOUN" and owned.lemma_.lower() in securities
    if root.dep_ == "pobj" and owned.lower_ == "of" and owned.head.i != owned.i:
        # "Shares of Big Lots fell 19%"; not "the share of Chinese yuan in its reserves"
        held = owned.head
        return held.lemma_.lower() in securities and held.tag_ in {"NNS", "NNPS"}
    measures = word_list("company-measures.txt")
    return (
        len(span) == 1
        and root.dep_ == "poss"
        and not names.given_name(root.text)
        and (owned.lemma_.lower() in measures or owned.lower_ in measures)
    )


def _company_evidence(span: SpacySpan) -> bool:
    """What shows a name to be a company's wherever it stands: what it owns or issues
    (`_owns_company_things`), a description (`_described_as_company`), its legal form
    (`_legal_form_after`), what it does (`_does_company_things`), the part of it the name
    stands before (`_names_a_company_part`) or a company it is coordinated with
    (`_coordinated_with_firm`)."""
    return (
        _owns_company_things(span)
        or _plays_a_match(span)
        or _described_as_company(span)
        or _legal_form_after(span)
        or _does_company_things(span)
        or _names_a_company_part(span)
        or _coordinated_with_firm(span)
        or _employer(span)
    )


def _employer(span: SpacySpan) -> bool:
    """A name that employs the people before it (`ontology/cues/employee-nouns.txt`):
    "Analysts at Jefferies", "an economist with Capital Economics" (not "from", which may
    say where they come from: "traders from Texas")."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in {"at", "with"} or prep.i == prep.head.i:
        return False
    return prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() in word_list("employee-nouns.txt")


# a match's score written as one token or three ("2-0", "4 - 1" as the tokenizer splits "4-1")
_SCORE = re.compile(r"\d{1,2}[-–]\d{1,2}")


def _score_at(doc: Doc, i: int) -> int | None:
    """Where a match's score that starts at token `i` ends ("4-1", "2-0"), or None."""
    if i >= len(doc):
        return None
    if _SCORE.fullmatch(doc[i].text):
        return i + 1
    if (
        i + 2 < len(doc)
        and doc[i].text.isdigit()
        and len(doc[i].text) <= 2
        and doc[i + 1].text in {"-", "–"}
        and doc[i + 2].text.isdigit()
        and len(doc[i + 2].text) <= 2
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
    ):
        return i + 3
    return None


def _score_before(doc: Doc, end: int) -> int | None:
    """Where a match's score that ends at token `end` starts, or None."""
    for start in (end - 1, end - 3):
        if start >= 0 and _score_at(doc, start) == end:
            return start
    return None


def _plays_a_match(span: SpacySpan) -> bool:
    """A side in a match: a name right beside its score ("beat Ipswich Town 4-1", "Arsenal 2-0
    Chelsea"), or the subject or object of a verb of playing (`ontology/cues/
    contest-verbs.txt`) with a score after it in its sentence ("Liverpool beat Everton on
    Saturday to win 2-0"). A team is an organisation whatever town it is named after. Not a
    player: a name with a given name or spaCy's person label, or a player's sets ("6-3, 6-4");
    nor a day ("31-24 Thursday")."""
    doc = span.doc
    if any(t.ent_type_ in {"DATE", "TIME"} for t in span):
        return False  # "beat Jacksonville 31-24 Thursday night"
    if len(span) > 1 and (
        names.given_name(span[0].text) or all(t.ent_type_ == "PERSON" for t in span)
    ):
        return False  # a player: "Marvin Harrison missed the 31-24 win"
    after = _score_at(doc, span.end)
    if after is not None:
        return not _sets(doc, after)
    before = _score_before(doc, span.start)
    if before is not None:  # "Arsenal 2-0 Chelsea": a side on each hand of the score
        return before > 0 and doc[before - 1].text[:1].isupper() and doc[before - 1].is_alpha
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    verb = root.head
    if root.dep_ not in {"nsubj", "dobj", "npadvmod", "nsubjpass"}:
        return False
    if verb.lemma_.lower() not in word_list("contest-verbs.txt"):
        return False
    # the score anywhere after the verb in its sentence: the parser often hangs it elsewhere
    # ("beat promoted Ipswich Town 4-1", with "promoted" taken for a verb of its own)
    score = next(
        (end for i in range(verb.i + 1, verb.sent.end) if (end := _score_at(doc, i)) is not None),
        None,
    )
    return score is not None and not _sets(doc, score)


def _sets(doc: Doc, end: int) -> bool:
    """Whether another score follows the one that ends at token `end`: a player's sets
    ("Sinner beat Medvedev 6-3, 6-4"), not a team's match."""
    return _score_at(doc, end + (end < len(doc) and doc[end].text == ",")) is not None


@cache
def _company_predicates() -> frozenset[tuple[str, str]]:
    """(verb, noun) pairs of `ontology/cues/company-predicates.txt`."""
    pairs = (
        line.split() for line in read_word_list(DEFAULT_DIR / "cues" / "company-predicates.txt")
    )
    return frozenset((p[0], p[1]) for p in pairs if len(p) == 2)


def _does_company_things(span: SpacySpan) -> bool:
    """A name that is the subject of what only a company does (`ontology/cues/
    company-predicates.txt`: "Big Lots filed for Chapter 11 bankruptcy", "Red Lobster sought
    bankruptcy protection"), itself or through a relative "which" ("SK Hynix, which reported
    record profit"), a verb with a noun of the pair in its object or prepositional phrase."""
    root = span.root
    verbs = []
    if root.dep_ in {"nsubj", "nsubjpass"}:
        verbs.append(root.head)
    for child in root.children:
        if child.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in {"which", "that"} for c in child.children
        ):
            verbs.append(child)
    pairs = _company_predicates()
    for verb in verbs:
        lemma = verb.lemma_.lower()
        for child in verb.children:
            if child.dep_ in {"dobj", "prep", "attr", "dative"} and any(
                (lemma, t.lemma_.lower()) in pairs for t in child.subtree
            ):
                return True
    return False


def _names_a_company_part(span: SpacySpan) -> bool:
    """A name before a noun for a part of a company (`ontology/cues/company-parts.txt`): "its
    Airbus Defence and Space unit"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    return (
        after is not None
        and after.is_lower
        and after.lemma_.lower() in word_list("company-parts.txt")
        and span.root.head.i == after.i
    )


def _coordinated_with_firm(span: SpacySpan) -> bool:
    """A one-word name coordinated with a company ("talks with Thales and Leonardo", "a rival
    to Visa and Mastercard", "retailers including Joann and the Express clothing chain"): a
    name spaCy labels an organisation (no public body: "Obama and Congress") or a company's
    description (`ontology/cues/company-heads.txt`). Not a person's family name the article
    gives in full elsewhere ("Hamas and Netanyahu")."""
    if len(span) != 1 or span.root.tag_ not in {"NNP", "NNPS"}:
        return False  # "1 Dead, 2 Injured, and Suspect Caught": no name
    root = span.root
    partners = [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        partners.append(root.head)
    doc = span.doc
    # joined by "and" or "or", not a list of commas ("Newton Street, Millom, Cumbria")
    partners = [
        p
        for p in partners
        if any(t.dep_ == "cc" for t in doc[min(p.i, root.i) + 1 : max(p.i, root.i)])
    ]
    companies = word_list("company-heads.txt")
    bodies = word_list("organization-heads.txt") | _other_bodies()
    firm = any(
        (p.ent_type_ == "ORG" and p.is_title and p.lower_ not in bodies)
        or (p.pos_ == "NOUN" and p.lemma_.lower() in companies)
        for p in partners
    )
    if not firm:
        return False
    word = span.text
    return not any(
        e.label_ == "PERSON" and len(e) > 1 and word in {t.text for t in e} for e in span.doc.ents
    )


def _company_runs(
    doc: Doc, spans: list[SpacySpan], caps: set[int], lex: lexicon.Lexicon
) -> list[SpacySpan]:
    """Runs of capitalised words spaCy gave no name's label (or took for a nationality) that
    the sentence shows to be a company (`_company_evidence`: "Big Lots, the discount retailer,
    filed", "Shares of suppliers Safran", "rival SK Hynix, which reported record profit"), or
    that follow a state's possessive ("India's IndiGo ordered 30 jets": the state is a
    modifier, the name after it the entity), or a word in a firm's own spelling ("DeepMind":
    `names.brand_casing`); and a town where a firm is based (`_based_in`).
    A word capitalised only because it opens a sentence counts only when the model's lemma
    tables do not know it."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    titled = _title_case_lines(doc)
    found: list[SpacySpan] = []
    i = 0
    while i < len(doc):
        if not _run_word(doc[i]) or i in taken or i in caps or i in titled:
            i += 1
            continue
        j = i + 1
        while (
            j < len(doc)
            and _run_word(doc[j])
            and j not in taken
            and j not in caps
            and "\n" not in doc[j - 1].text_with_ws
        ):
            j += 1
        start = i
        while start < j and doc[start].tag_ in {"DT", "PRP$", "IN", "CC", "WDT", "PRP"}:
            start += 1  # "The", "Its": a sentence's first word, no name's
        i = j
        if start >= j:
            continue
        run = SpacySpan(doc, start, j, label="ORG")
        first = doc[start]
        if (
            j - start == 1
            and (first.is_sent_start or _after_line_opening(first))
            and {first.lower_, first.lemma_.lower()} & nlp.known_common_words()
            and not _plays_a_match(run)  # "Leeds beat Burnley 3-1"
        ):
            continue  # "Retailers filed for bankruptcy"
        if all(_legal_form(t) for t in run):
            continue  # the "SE" of "Airbus SE shares", which `_with_legal_form` joins
        before = doc[start - 2 : start] if start >= 2 else None
        after_state = (
            before is not None and before[1].tag_ == "POS" and lex.state(before[0].text) is not None
        )
        # a coordination with a label of spaCy's is too weak to make a name ("Newton Street,
        # Millom, Cumbria" with "Millom" taken for an organisation)
        if (
            after_state
            or (_company_evidence(run) and not _coordinated_with_firm(run))
            or (j - start == 1 and names.brand_casing(first.text))  # "DeepMind unveiled"
        ):
            found.append(run)
        elif _based_in(run) and doc[j].text == ",":
            found.append(SpacySpan(doc, start, j, label="GPE"))  # "The Grenoble, France-based"
    return found


def _title_case_lines(doc: Doc) -> set[int]:
    """Tokens of lines whose words are mostly capitalised (title-case headlines: "Troy,
    Michigan Office Shooting Follow-Up - 1 Dead, 2 Injured"), where a capital marks no name."""
    found: set[int] = set()
    for line in text_lines(doc):
        words = [text for _, text, alpha in line if alpha]
        if (
            len(words) >= 3
            and line[-1][1] not in SENTENCE_ENDS
            and sum(w[:1].isupper() for w in words) * 2 > len(words)
        ):
            found.update(i for i, _, _ in line)
    return found


def _run_word(token: Token) -> bool:
    """A word of a name: letters (an ampersand inside: "AT&T"), opening with a capital."""
    return token.text[:1].isupper() and token.text.replace("&", "").isalpha()


def _after_line_opening(token: Token) -> bool:
    """A word right after a dateline's dash ("NEW YORK (AP) — Big Lots"), capitalised as a
    sentence's first word is."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.text in _DASHES


def _with_legal_form(span: SpacySpan, chosen: list[SpacySpan]) -> SpacySpan:
    """ "Airbus SE shares plunged": an organisation's name runs on to the legal form right
    after it (`ontology/gazetteer/legal-forms.txt`, written with a capital), which the
    gazetteer's "Airbus" or spaCy's label left out."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if (
        span.label_ not in {"ORG", "GAZ"}
        or after is None
        or not after.text[:1].isupper()
        or not _legal_form(after)
        or not span[-1].whitespace_
        or "\n" in span[-1].text_with_ws
        or any(o.start <= after.i < o.end for o in chosen)
    ):
        return span
    return SpacySpan(doc, span.start, after.i + 1, label=span.label_)


def _legal_form_after(span: SpacySpan) -> bool:
    """A name the model cut before its legal form ("[Philip Morris] Cos., New York"): the
    form (`ontology/gazetteer/legal-forms.txt`) says it is a company's, whatever its words."""
    doc = span.doc
    if span.end >= len(doc) or not _legal_form(doc[span.end]):
        return False
    after = doc[span.end]
    # "The Chicago company has grown": a lowercase word that also describes a business is
    # the head the name modifies, which says where the firm is, not the firm's legal form
    return not (after.is_lower and after.lemma_.lower() in word_list("company-heads.txt"))


def _legal_form(token: Token) -> bool:
    """ "Corp.", "AG", "Cos.": a word of `ontology/gazetteer/legal-forms.txt`, dot or not."""
    return token.lower_.rstrip(".") in names.legal_forms()


def _firms_throughout(doc: Doc, mentions: list[EntityMention]) -> tuple[EntityMention, ...]:
    """A name the article once shows to be a business ("appliances maker Electrolux",
    "Nvidia's shares", "Philip Morris Cos.") is one everywhere in it, its legal form or not,
    whatever spaCy guessed elsewhere ("has pushed Electrolux to expand" taken for a place):
    within an article a name keeps one type. So does one it shows to be a town and never a
    business ("talks resume in Wolfsburg": "the Wolfsburg headquarters" is no company)."""
    firms = set()
    places = set()
    for m in mentions:
        span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if span is not None and m.key is None and (_settlement(span) or _based_in(span)):
            places.add(_stem(m.name))  # "talks resume on Wednesday in Wolfsburg"
        # the town of "the Blagnac, France-based company" stands beside the firm's
        # description but is where it is based
        if (
            span is not None
            and not _based_in(span)
            and (_company_evidence(span) or (m.type == "Organization" and _legal_form(span[-1])))
        ):
            firms.add(_stem(m.name))
        if m.type == "Organization" and m.mention_type == "name":
            firms.add(_short_of_firm(_stem(m.name)))
    places -= firms
    return tuple(
        dataclasses.replace(m, type="Organization")
        if _stem(m.name) in firms and m.type != "Organization" and m.key is None
        else dataclasses.replace(m, type="Place")
        if _stem(m.name) in places
        and m.type == "Organization"
        and m.key is None
        and m.mention_type == "name"
        else m
        for m in mentions
    )


# verbs that give a made thing its name: "a satellite called PREFIRE", "a rover named Juno"
_NAMING_VERBS = frozenset({"call", "name", "dub"})


def _names_a_product(span: SpacySpan) -> bool:
    """A name that is a made thing's model: one that modifies a product noun (`ontology/cues/
    product-heads.txt`: "an Electron rocket", "its Prologue electric SUV", "the Camry, Corolla
    and RAV4 models", with the names coordinated with it) or one a "called", "named" or
    "dubbed" on such a noun gives ("the satellite, called PREFIRE")."""
    products = word_list("product-heads.txt")

    def product(token: Token) -> bool:
        return token.pos_ in {"NOUN", "PROPN"} and (
            token.lower_ in products or token.lemma_.lower() in products
        )

    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    noun = root.head
    if root.dep_ in {"compound", "nmod", "amod"} and noun.i >= span.end:
        return product(noun)
    if root.dep_ in {"oprd", "attr", "dobj", "xcomp"} and noun.lemma_.lower() in _NAMING_VERBS:
        return noun.dep_ == "acl" and product(noun.head)
    return False


def _without_products(
    doc: Doc, mentions: list[EntityMention], org_heads: frozenset[str]
) -> list[EntityMention]:
    """The mentions but those of a name the article once shows to be a product's
    (`_names_a_product`): kg types no products, and "Electron" of "an Electron rocket" is the
    rocket, no company, in "an earlier Electron flight" too. A name the gazetteer knows, or
    one the article shows to be a firm's (`_company_evidence`, a legal form or an
    organisation's head word) is kept: "a Toyota sedan" after "Toyota Motor Corp. said"."""
    products: set[tuple[str, ...]] = set()
    firms: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.mention_type != "name":
            continue
        span = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if span is None:
            continue
        if (
            m.key is not None
            or _company_evidence(span)
            or _legal_form(span[-1])
            or span[-1].lower_ in org_heads
        ):
            firms.add(_stem(m.name))
        elif _names_a_product(span):
            products.add(_stem(m.name))
    products -= firms
    return [
        m
        for m in mentions
        if m.mention_type != "name" or m.key is not None or _stem(m.name) not in products
    ]


@cache
def _other_bodies() -> frozenset[str]:
    """Heads of bodies that are no company: public ones ("police", "ministry") and others
    (`ontology/cues/public-body-heads.txt`, `non-company-heads.txt`)."""
    return word_list("public-body-heads.txt") | word_list("non-company-heads.txt")


def _short_of_firm(stem: tuple[str, ...]) -> tuple[str, ...]:
    """ "Discover Financial Services" -> "Discover", "Capital One Financial" -> "Capital One":
    a company's name without the heads of `ontology/cues/organization-heads.txt` that end
    it, which the article may call it by ("Shares of Discover rose"). Empty when no such head
    ends the name, or nothing would be left."""
    # a public body's or another body's head stays: "Surrey Police" is no "Surrey"
    heads = word_list("organization-heads.txt") - _other_bodies()
    end = len(stem)
    while end > 1 and (stem[end - 1] in heads or stem[end - 1].removesuffix("s") in heads):
        end -= 1  # "Financial Services"
    return stem[:end] if 0 < end < len(stem) else ()


def _stem(name: str) -> tuple[str, ...]:
    """ "Philip Morris Cos." and "Philip Morris" are one firm's names."""
    return names.company_stem(names.words(name))


def _described_as_company(span: SpacySpan) -> bool:
    """A name a business description stands before or beside (`ontology/cues/
    company-heads.txt`): "Swedish home appliances maker Electrolux", "budget carrier VietJet",
    "Electrolux, the appliances maker"."""
    doc, companies = span.doc, word_list("company-heads.txt")
    before = doc[span.start - 1] if span.start > 0 else None
    if (
        before is not None
        and before.is_lower  # a description, not a name's last word ("State Bank Commissioner")
        and {before.lower_, before.lemma_.lower()} & companies  # "suppliers Safran and ..."
        and (
            span.start <= before.head.i < span.end
            # or the name the description's apposition: "in the journal Science"
            or (span.root.dep_ == "appos" and span.root.head.i == before.i)
        )
    ):
        return True
    return any(c.dep_ == "appos" and c.lower_ in companies for c in span.root.children)


def _named_place(span: SpacySpan) -> bool:
    """ "the village of Harbacha", "the city of Bakhmut", "the Belgorod region", "Vrancea and
    Buzau counties": a name a place noun introduces with "of", or one before a place noun
    (with the names coordinated with it), is that place."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
    elif root.dep_ in {"compound", "nmod"} and root.head.i > root.i and root.head.is_lower:
        noun = root.head  # but "Mexico City", "Hudson Bay" are names of their own
    else:
        return False
    head = heads().get(noun.lower_)
    return head is not None and head.type == "Place"


def _contested_ground(span: SpacySpan) -> bool:
    """An unknown one-word name that is fought over ("give up Bakhmut", "fighting in
    Bakhmut", "the battle for Soledar") is a place (`ontology/cues/territory-verbs.txt`)."""
    root = span.root
    ground = word_list("territory-verbs.txt")
    if root.dep_ == "dobj":
        verb = root.head
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        lemma = verb.lemma_.lower()
        return lemma in ground or any(f"{lemma} {p}" in ground for p in particles)
    if root.dep_ == "pobj" and root.head.lower_ in _GROUND_PREPS:
        head = root.head.head
        lemma = head.lemma_.lower()
        return lemma in ground or f"{lemma} {root.head.lower_}" in ground
    return False


def _locative(span: SpacySpan) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS


def _state_as_given_name(span: SpacySpan, lex: lexicon.Lexicon) -> bool:
    """ "Chad Greene", "Jordan Peterson", "Israel Adesanya": a person's name whose first word
    is a state's name used as a given name, the rest no state, capital or organisation's head
    word (unlike an outlet's "Sputnik Belarus", "China Daily" or "Russia Today")."""
    bodies = word_list("organization-heads.txt")
    return (
        len(span) > 1
        and lex.state(span[0].text) is not None
        and all(
            lex.state(t.text) is None
            and lex.state_by_capital(t.text) is None
            and t.is_title
            and t.lower_ not in bodies
            for t in span[1:]
        )
    )


def _names_a_place(span: SpacySpan, lex: lexicon.Lexicon) -> bool:
    """A "person" whose name holds a state or capital ("Sputnik Belarus") is no person."""
    return any(
        lex.state(t.text) is not None or lex.state_by_capital(t.text) is not None for t in span
    )


# Where a name cannot run on: a line break, a spaced dash (a dateline: "BERLIN - Olaf
# Scholz"), a comma between two names ("Biden, Zelenskyy speak"), brackets.
_DASHES = {"-", "–", "—", "--"}
# a currency sign before a digit: "HK$11.18", "€5bn" are amounts
_CURRENCY = re.compile(r"[$€£¥₹₩]\s?\d")


def _breaks(token: Token, label: str) -> bool:
    if token.is_space or "\n" in token.text_with_ws:
        return True
    if token.text in _DASHES and (token.whitespace_ or token.i == 0):
        return True
    if token.text in {"(", ")", "[", "]"}:
        return True
    return token.text == "," and label in {"PERSON", "ORG"}


def _between_states(token: Token) -> bool:
    """ "Armenia-Azerbaijan summit", "US-China talks": a hyphen joining two states' names."""
    doc, lex = token.doc, lexicon.load()
    if token.text not in _DASHES or token.i == 0 or token.i + 1 >= len(doc):
        return False
    left, right = doc[token.i - 1].text, doc[token.i + 1].text
    return all(
        lex.state(w) is not None or lex.state_by_demonym(w) is not None for w in (left, right)
    )


def _clause_inside(span: SpacySpan) -> bool:
    """A person's or body's "name" holding a verb or a "to": a clause the model took whole
    for one ("Biden welcomes Modi to White House", a headline)."""
    return span.label_ in {"PERSON", "ORG"} and any(
        t.is_lower and (t.pos_ in {"VERB", "AUX"} or t.lower_ == "to") for t in span
    )


# what no name holds but a headline's clause does: "To", a modal, a verb's particle ("Snaps
# Up"), a number, a preposition or conjunction written in capitals ("As", "And")
_CLAUSE_TAGS = {"TO", "MD", "RP", "CD", "IN", "CC"}


def _headline_clause(span: SpacySpan) -> bool:
    """A headline in title case that the model took whole for one name ("Lumatek To Cut 300
    Jobs As Demand Slumps", "HP Snaps Up Data Center Consulting Firm"): a person's or body's
    name on a short line with no full stop that holds a word of a clause (`_CLAUSE_TAGS`, or a
    verb with its own subject or object)."""
    if span.label_ not in {"PERSON", "ORG"} or len(span) < 3:
        return False
    if not any(_clause_word(t) for t in span[1:]):
        return False
    doc = span.doc
    start = span.start
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    end = span.end
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    line = [t for t in doc[start:end] if not t.is_space]
    words = [t for t in line if t.is_alpha]
    return (
        bool(line)
        and 2 <= len(words) <= 15
        and line[-1].text not in SENTENCE_ENDS
        and sum(t.is_title for t in words) * 2 > len(words)
    )


def _clause_word(token: Token) -> bool:
    """A word of a title-case headline's clause, no part of a name: "To", "As", "300", "Up",
    a verb, or a word with a subject or object of its own ("Snaps" of "HP Snaps Up ...");
    never a lowercase "of" ("Bank of America")."""
    if token.is_lower:
        return False
    return (
        token.tag_ in _CLAUSE_TAGS
        or token.pos_ in {"VERB", "AUX"}
        or any(c.dep_ in {"nsubj", "dobj", "prt"} for c in token.children)
    )


def _split(span: SpacySpan) -> list[SpacySpan]:
    """The parts of an entity span between the tokens a name cannot cross. A clause taken for
    a name (`_clause_inside`) gives its runs of capitalised words, as proper nouns of no label
    for `_type` to read ("Biden", "Modi", "White House")."""
    if _headline_clause(span):
        # the names between the clause's words: "[Lumatek] To Cut 300 Jobs As Demand Slumps"
        runs = itertools.groupby(span, key=lambda t: not _clause_word(t) and t.is_alpha)
        return [
            SpacySpan(span.doc, run[0].i, run[-1].i + 1, label="PROPN")
            for named, tokens in runs
            if named
            and (run := list(tokens))
            and any(t.tag_ in {"NNP", "NNPS"} for t in run)
            and run[0].text[:1].isupper()
        ]
    if _clause_inside(span):
        runs = itertools.groupby(span, key=lambda t: t.is_alpha and t.text[:1].isupper())
        return [
            SpacySpan(span.doc, run[0].i, run[-1].i + 1, label="PROPN")
            for capital, tokens in runs
            if capital and (run := list(tokens))
        ]
    parts: list[SpacySpan] = []
    start = span.start
    for token in span:
        ends_here = "\n" in token.text_with_ws and not token.is_space
        if (_breaks(token, span.label_) or _between_states(token)) and not ends_here:
            if token.i > start:
                parts.append(SpacySpan(span.doc, start, token.i, label=span.label_))
            start = token.i + 1
        elif ends_here:
            parts.append(SpacySpan(span.doc, start, token.i + 1, label=span.label_))
            start = token.i + 1
    if span.end > start:
        parts.append(SpacySpan(span.doc, start, span.end, label=span.label_))
    return parts


def _join_particles(spans: list[SpacySpan]) -> list[SpacySpan]:
    """ "Ursula von der" + "Leyen", "Mohammed" + "bin Salman": a person's name runs on through
    lowercase name particles to the capitalised word after them, absorbing what spaCy made of
    that word."""
    small = names.particles()
    out: list[SpacySpan] = []
    skip_until = -1
    for span in spans:
        if span.start < skip_until:
            continue
        doc, end = span.doc, span.end
        while end > span.start and doc[end - 1].text in small:
            end -= 1  # "Ursula von der": the particles go with what follows
        k = end
        while k < len(doc) and doc[k].text in small and doc[k].whitespace_ != "":
            k += 1
        person = span.label_ in {"PERSON", "PROPN"}
        if person and end < k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha:
            last = k + 1
            while last < len(doc) and doc[last].tag_ == "NNP" and doc[last].is_alpha:
                last += 1
            out.append(SpacySpan(doc, span.start, last, label="PERSON"))
            skip_until = last
            continue
        out.append(span)
    return [
        s for s in out if not any(o is not s and o.start <= s.start and s.end <= o.end for o in out)
    ]


def _proper_runs(doc: Doc, spans: list[SpacySpan], caps: set[int]) -> list[SpacySpan]:
    """Runs of proper nouns spaCy gave no label ("ATHENS - Alexis Tsipras' Syriza party",
    "BERLIN (Reuters) - Olaf Scholz"), kept when a given name opens them: `_type` decides
    the rest."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    # a one-word person the model found elsewhere ("Xi" in the headline) opens a full name
    # it missed ("BEIJING — Xi Jinping and Emmanuel Macron spoke")
    people = {s.text for s in spans if s.label_ == "PERSON" and len(s) == 1}
    runs: list[SpacySpan] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if _unknown_word_opening(token) and i not in taken and i not in caps:
            if _speaks_of_its_own(doc[i : i + 1], it=True):
                runs.append(SpacySpan(doc, i, i + 1, label="ORG"))
            i += 1
        elif token.tag_ == "NNP" and token.is_alpha and i not in taken and i not in caps:
            j = i
            while j < len(doc) and doc[j].tag_ == "NNP" and doc[j].is_alpha and j not in taken:
                j += 1
            known = token.text in people
            if j - i >= 2 and (known or names.given_name(token.text)) and not token.is_upper:
                runs.append(SpacySpan(doc, i, j, label="PERSON" if known else "PROPN"))
            elif _speaks_of_its_own(doc[i:j], it=j - i == 1) and len(doc[i:j].text) > 1:
                # "Uber announced its buyback"; but the "S" of "Nordhavn Shipping A/S said"
                # is a legal form's letter, no name
                runs.append(SpacySpan(doc, i, j, label="ORG"))
            elif _spoken_of_as_a_person(doc[i:j]) and len(doc[i:j].text) > 1:
                runs.append(SpacySpan(doc, i, j, label="PERSON"))  # "Zelenskiy said he would"
            elif j - i == 1 and _acronym_of_a_body(token):
                runs.append(SpacySpan(doc, i, j, label="ORG"))  # "ATI shipped the chips"
            i = j
        else:
            i += 1
    return runs


def _speaks_of_its_own(run: SpacySpan, it: bool = False) -> bool:
    """A run of proper nouns that is the subject of a verb whose clause says "its" ("Uber
    announced its first share buyback", "WeWork sought protection from its creditors"): a
    body, not a person ("his", "her") or a word capitalised to open a sentence. With `it`,
    also one that says what "it" does ("Arianespace said it plans to launch")."""
    root = run.root
    if root.dep_ != "nsubj" or root.head.pos_ not in {"VERB", "AUX"}:
        return False
    verb = root.head
    if any(t.lower_ == "its" and t.dep_ == "poss" for t in verb.subtree):
        return True
    return it and any(
        c.dep_ == "ccomp"
        and c.lemma_ != "be"  # "Smith said it was a mistake": "it" may be anything
        and any(s.dep_ == "nsubj" and s.lower_ == "it" for s in c.children)
        for c in verb.children
    )


def _unknown_word_opening(token: Token) -> bool:
    """A capitalised word opening a sentence that the model tagged a common noun but whose
    lemma tables know no such word ("Arianespace said it plans ..."): a name spaCy missed,
    which `_speaks_of_its_own` may show to be a body's."""
    return (
        bool(token.is_sent_start)
        and token.tag_ in {"NN", "NNS"}
        and token.is_alpha
        and token.text[:1].isupper()
        and not token.is_upper
        and not {token.lower_, token.lemma_.lower()} & nlp.known_common_words()
    )


_ROMAN = re.compile(r"^[IVXLCM]+$")


def _acronym_of_a_body(token: Token) -> bool:
    """A proper noun in capitals the model gave no label ("ATI", "TMZ", "HP"): an acronym,
    which in news names an organisation (a state's, "US", is in the gazetteer and found
    before). Not a ticker symbol or its exchange beside a colon ("(NSDQ: MSFT)"), a time zone
    (`ontology/timex/time-zones.tsv`), an acronym of a common noun (`_common_acronym`:
    "GDP"), an English word in capitals ("OK", "NEW"), a Roman numeral ("III") or a lone
    letter. The caller skips lines in capitals, where every word is so written."""
    text, doc = token.text, token.doc
    beside = {doc[i].text for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)}
    return (
        token.tag_ == "NNP"
        and ":" not in beside  # a ticker symbol and its exchange: "(NSDQ: MSFT)"
        and text.lower() not in ZONES  # "3:37 a.m. EDT" the model split
        and 2 <= len(text) <= 5
        and text.isalpha()
        and text.isupper()
        and not _common_acronym(text)
        and not _ROMAN.match(text)
        and text.lower() not in nlp.known_common_words()
        and (nlp.known_verbs() is None or text.lower() not in (nlp.known_verbs() or ()))
        and text.lower() not in {"am", "pm"}
    )


def _spoken_of_as_a_person(span: SpacySpan) -> bool:
    """A name that is a clause's subject and that the first gendered pronoun after it in its
    sentence ("he", "her": `ontology/coreference/pronouns.tsv`) can only stand for: no other
    person comes between them, nor stands in the sentence before ("Zelenskiy said he would
    not give up the city", "Bettie Page, the pin-up model, has died, her agent said"). The
    pronoun's antecedent is the nearest subject that agrees with it (Lee et al. 2013's
    pronoun sieve, here used the other way round: the pronoun's gender types the name). A
    name in capitals (an acronym: "CNN said he had died") or one after a person named in the
    sentence before ("Musk resigned. Tesla said he would stay") is left alone."""
    root = span.root
    if root.dep_ not in {"nsubj", "nsubjpass"} or span.text.isupper():
        return False
    doc, sent = span.doc, root.sent
    # the name's own apposition and relative clause describe it, no one else
    own = {t.i for c in root.children if c.dep_ in {"appos", "relcl"} for t in c.subtree}
    gendered = {w for w, p in pronouns().items() if p.person == 3 and p.gender in {"m", "f"}}
    before = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for token in doc[before : sent.end]:
        if span.start <= token.i < span.end or token.i in own:
            continue
        if token.i >= span.end and token.lower_ in gendered and token.tag_ in {"PRP", "PRP$"}:
            return True
        if token.ent_type_ == "PERSON" or (
            token.tag_ in {"NN", "NNP"} and _names_a_person_noun(token)
        ):
            return False  # another person the pronoun may stand for ("reporters" cannot)
    return False


def _names_a_person_noun(token: Token) -> bool:
    """A noun that describes a person ("agent", "spokesman", "his wife"): a Person head of
    `kg.extract.referring.heads` or a title."""
    head = heads().get(token.lower_)
    return (head is not None and head.type == "Person") or lexicon.load().title(
        token.lower_
    ) is not None


def _headed_names(
    doc: Doc, spans: list[SpacySpan], caps: set[int], org_heads: frozenset[str]
) -> list[SpacySpan]:
    """Proper nouns spaCy gave no label that name the organisation head after them ("Syriza
    party", "Likud party", "Wagner group"): the name with its head, which `_type` reads as an
    organisation."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    found: list[SpacySpan] = []
    for head in doc:
        if head.lower_ not in org_heads or head.i in taken or head.i in caps:
            continue
        start = head.i
        while (
            start > 0
            and doc[start - 1].tag_ == "NNP"
            and doc[start - 1].is_alpha
            and doc[start - 1].dep_ == "compound"
            # "the Vereinigung Cockpit union": each word hangs on one after it in the name
            and start <= doc[start - 1].head.i <= head.i
            and start - 1 not in taken
        ):
            start -= 1
        if (
            start < head.i
            and start > 1
            and doc[start - 1].text in _DASHES
            and not doc[start - 2].whitespace_
            and not doc[start - 1].whitespace_
            and doc[start - 2].text[:1].isupper()
        ):
            start -= 2  # "Sino-Pac Holdings": a name's first part over a hyphen
        if start < head.i:
            found.append(SpacySpan(doc, start, head.i + 1, label="ORG"))
    return found


def _caps_lines(doc: Doc) -> set[int]:
    """Tokens of lines written in capitals (headlines: "MACRON TO MEET SCHOLZ IN PARIS"), where
    the model's labels are noise. A line counts when it has three or more words, all
    letters capitals."""
    found: set[int] = set()
    for line in text_lines(doc):
        words = [text for _, text, alpha in line if alpha]
        if len(words) >= 3 and all(w.isupper() for w in words):
            found.update(i for i, _, _ in line)
    return found


def _headline_lines(doc: Doc, caps: set[int]) -> set[int]:
    """Tokens of lines that are headlines: all capitals ("MACRON TO MEET SCHOLZ", `caps`, the
    tokens of `_caps_lines`), or short lines that end without a full stop ("Zelenskiy vows to
    hold eastern city")."""
    found = set(caps)
    for line in text_lines(doc):
        words = sum(alpha for _, _, alpha in line)
        if line and 2 <= words <= 15 and line[-1][1] not in SENTENCE_ENDS:
            found.update(i for i, _, _ in line)
    return found


def _ends_a_title(span: SpacySpan) -> bool:
    """ "Secretary of State Antony Blinken": the words before a name end a title with it
    (`ontology/gazetteer/titles.tsv`), so the name is the office's, no body of its own."""
    doc, lex = span.doc, lexicon.load()
    return any(
        lex.title(" ".join(t.lower_ for t in doc[span.start - k : span.end])) is not None
        for k in (1, 2, 3)
        if span.start - k >= 0
    )


def _headline_names(
    doc: Doc, mentions: list[EntityMention], article: str, caps: set[int]
) -> list[EntityMention]:
    """Names the model missed that the article itself names elsewhere: in a headline
    ("MACRON", "Zelenskiy" for the body's "Emmanuel Macron", "Volodymyr Zelenskyy"), and a
    proper noun anywhere that is the family name of a person the article names ("Jobs" after
    "Steve Jobs"). The mention takes the type and key of the name it repeats."""
    headline = _headline_lines(doc, caps)
    known: dict[str, EntityMention] = {}
    firsts: dict[str, EntityMention] = {}  # a company's first word: "Northwind" of "... Inc"
    for m in mentions:
        if m.type in {"Person", "Organization"} and not m.span.text.isupper():
            ws = names.words(m.name)
            if ws and (len(ws) > 1 or m.type == "Organization"):
                known.setdefault(ws[-1], m)
            if (
                m.type == "Organization"
                and m.key is None
                and len(ws) > 1
                and not names.given_name(ws[0])  # "Charles" of "Charles Schwab Corp"
            ):
                firsts.setdefault(ws[0], m)
    if not known:
        return []
    taken = {i for m in mentions for i in range(m.span.start, m.span.end)}
    found: list[EntityMention] = []
    for token in doc:
        if not token.is_alpha or not token.text[:1].isupper() or token.idx in taken:
            continue
        if (
            token.i not in headline
            and token.tag_ not in {"NNP", "NNPS"}
            and not _name_read_as_noun(token)
        ):
            continue
        if _ends_a_title(doc[token.i : token.i + 1]):
            continue  # "Secretary of State" repeats no "Department of State"
        word = names.fold(token.text)
        model = known.get(word)
        if model is None and token.i in headline and len(word) >= 5:
            model = next((m for w, m in known.items() if names.same_word(word, w)), None)
        if model is None and word in firsts and _agent(token):
            # "Northwind agreed to buy ..." after "Northwind Holdings Inc": a company's
            # first word as the subject of what it does is the company (the resolver's
            # short-form step links the two)
            model = firsts[word]
        if model is None:
            continue
        start = _start_of_full_name(doc, token, names.words(model.name), taken)
        name = token.text if not token.is_upper else token.text[:1] + token.text[1:].lower()
        if start.i < token.i:
            name = doc[start.i : token.i + 1].text
        found.append(
            EntityMention(
                span=make_span(doc, start.idx, token.idx + len(token), article),
                type=model.type,
                name=name,
                key=model.key,
            )
        )
    return found


def _name_read_as_noun(token: Token) -> bool:
    """A capitalised word the tagger took for a common noun ("Northwind agreed on Nov. 9 ...",
    right after a masked dateline, tagged NN): a word the model's lemma tables do not know,
    or, when they do know it, one written with its capital inside a sentence or acting as a
    verb's subject. Such a word repeats a name only if the article names it elsewhere."""
    if token.tag_ not in {"NN", "NNS"} or token.is_upper:
        return False
    if not {token.lower_, token.lemma_.lower()} & nlp.known_common_words():
        return True
    return not token.is_sent_start or _agent(token)


def _agent(token: Token) -> bool:
    """The subject of a verb: "Northwind agreed", "Northwind was fined"."""
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head.pos_ in {"VERB", "AUX"}


def _start_of_full_name(doc: Doc, token: Token, full: tuple[str, ...], taken: set[int]) -> Token:
    """Where a repeated last word starts the full name written before it: "Big" of "Big Lots
    has struggled", whose "Big" the model took for an adjective."""
    k = len(full) - 1
    start = token.i - k
    if (
        k < 1
        or start < 0
        or any(doc[j].idx in taken or "\n" in doc[j].text_with_ws for j in range(start, token.i))
        or tuple(names.fold(t.text) for t in doc[start : token.i]) != full[:-1]
    ):
        return token
    return doc[start]


def _common_acronym(word: str) -> bool:
    """An acronym of a common noun (`ontology/cues/common-acronyms.txt`: "IPO", "GDP", "ETFs"),
    written in capitals as acronyms are, which names no body."""
    letters = word.replace(".", "")
    if letters.endswith("s") and letters[:-1].isupper():
        letters = letters[:-1]  # "IPOs", "ETFs"
    return letters.isupper() and letters.lower() in word_list("common-acronyms.txt")


def _event_noun(token: Token, lex: lexicon.Lexicon) -> bool:
    """A word that opens a sentence or follows a dateline, capitalised only for that, and
    that in lower case is a noun naming an event of ontology/kg.ttl ("Negotiations", "Talks")."""
    word = token.lower_
    forms = {word, word[:-1] if word.endswith("s") else word}
    return token.is_title and any(lex.event_trigger(f, "NOUN") for f in forms)


def _time_zone(span: SpacySpan) -> bool:
    """ "10 a.m. JST", "9 p.m. EST", "at 1130 GMT": an abbreviation after a clock time is its
    time zone, and a zone of `ontology/timex/time-zones.tsv` after any number is one too."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (
        len(span) == 1
        and span.text.isupper()
        and before is not None
        and (
            before.ent_type_ == "TIME"
            or before.lower_ in {"a.m.", "p.m.", "am", "pm"}
            or (before.like_num and span.text.lower().replace(".", "") in ZONES)
        )
    )


def _agency_tag(span: SpacySpan) -> bool:
    """A news agency's tag in a dateline ("BERLIN (Reuters) -", "(AP) —"): the source, not an
    entity of the story."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is None or after is None or before.text != "(" or after.text != ")":
        return False
    nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return nxt is not None and nxt.text in _DASHES
