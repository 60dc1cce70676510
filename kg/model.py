"""Values passed between pipeline stages, up to resolution: an article and the mentions its
extractors find. All frozen: a stage never edits what it was given. What resolution makes of
them is `kg.resolve.Resolution`, and the graph every exporter reads is `kg.graph.KnowledgeGraph`.

Offsets are 0-based code-point offsets into the article's text as stored, end exclusive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

ENTITY_TYPES = ("Person", "State", "Organization", "Place", "Other")
STATUSES = ("Occurred", "Planned", "Negated", "Hypothetical")
ROLES = ("agent", "target", "coParticipant")
MENTION_TYPES = ("name", "nominal", "pronoun")
TIME_ORIGINS = ("text", "relative", "sentence", "narrative", "article", "inferred")
# Dates given by default rather than stated for the event: they lose to a stated date, and they
# do not keep two reports of one event apart.
DEFAULT_TIME_ORIGINS = frozenset({"sentence", "narrative", "article"})
# An article's date origins (`Article.date_origin`) that the source states, as against one
# inferred from its text's clues or from other articles.
STATED_DATE_ORIGINS = frozenset({"metadata", "text"})
SOURCE_FORMATS = ("text", "html", "feed", "jsonl")
TEXTS_DIR = "texts"  # in a build's output folder: the extracted texts of pages and entries


@dataclass(frozen=True)
class Article:
    """One source file and what is known about it."""

    id: str  # file stem, unique within a build: "000_9fc50ed6bb54a523"
    path: str  # POSIX path relative to the sources root
    text: str  # the file's text as read; every offset points here
    nlp_text: str  # same length as `text`, page furniture blanked out with spaces
    sha256: str
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    date_origin: str | None = None  # "metadata", "text" or "inferred"
    url: str | None = None
    # the dateline opening the lede ("MOSCOW (Reuters) --"), masked in nlp_text: its place as
    # written ("MOSCOW", "BAGHDAD, Iraq") and its news agency ("Reuters"); None when absent
    dateline: str | None = None
    agency: str | None = None
    # the phrases of the text the publication date was read or inferred from, each with its
    # line: ('"Dec. 30" (line 7, a caption)', '"Friday" (line 9)'); () for metadata dates
    date_evidence: tuple[str, ...] = ()
    author: str | None = None  # as the page, feed or crawl names it ("Anna Example")
    # what the text was read from: "text" (a .txt or .md file: `text` is the file), "html" (a
    # saved web page), "feed" (an RSS or Atom entry), "jsonl" (a JSON Lines record); for all but
    # "text", `text` is extracted and the build stores it at `text_file`
    source_format: str = "text"

    @property
    def text_file(self) -> str | None:
        """Where a build stores the text its offsets point into, relative to the output folder
        ("texts/<id>.txt"), when that text is not the source file's own; None for text files."""
        return None if self.source_format == "text" else f"{TEXTS_DIR}/{self.id}.txt"

    @classmethod
    def from_text(cls, ident: str, text: str, published: date | None = None) -> Article:
        """An article held in memory (a corpus reader, a test), with nothing to mask."""
        return cls(
            id=ident,
            path=f"{ident}.txt",
            text=text,
            nlp_text=text,
            sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            published=published,
            date_origin="metadata" if published else None,
        )


@dataclass(frozen=True)
class Span:
    """Where a mention sits: the article, its offsets, and the sentence around it."""

    article: str
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int


@dataclass(frozen=True)
class EntityMention:
    span: Span
    type: str  # one of ENTITY_TYPES
    name: str  # surface form cleaned of honorifics and possessives ("Mr Putin's" -> "Putin")
    key: str | None = None  # a gazetteer key ("state/china") when the lexicon knows the name
    # kg:mentionType: "name" ("Xi Jinping"), "nominal" ("the Chinese leader") or "pronoun" ("he")
    mention_type: str = "name"
    # the within-article coreference chain (kg.coreference): mentions of one article sharing a
    # chain refer to one entity; None until coreference has run, or for a mention left alone
    chain: int | None = None


@dataclass(frozen=True)
class TimeMention:
    span: Span
    type: str  # TIMEX3 type: DATE, TIME, DURATION or SET
    value: str  # TIMEX3 value: "2022-12-30", "2023-SP", "P1M", "XXXX-02", "PAST_REF"
    # a range ("Jan. 5-7", "from Monday to Wednesday"): the TIMEX3 values of its first and last
    # points (TimeML's beginPoint / endPoint); None for a single point or period. A range's
    # `value` is its `begin` and its `type` its points' (see kg.timex.Timex)
    begin: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Participant:
    entity: EntityMention
    role: str  # one of ROLES, or "place"
    # where the role was read: "clause" (the dependency path from the trigger) or "sentence"
    # (the one location its sentence names, `place_of_the_sentence`: likely, not certain, so
    # it never tells two events apart when merging)
    basis: str = "clause"


@dataclass(frozen=True)
class EventMention:
    span: Span  # the trigger word or noun phrase
    cls: str  # local name of the event class in ontology/kg.ttl ("Call", "Visit", ...)
    label: str  # lemma of the trigger ("invite", "video call")
    status: str = "Occurred"
    participants: tuple[Participant, ...] = ()
    time: TimeMention | None = None
    claimed_by: EntityMention | None = None
    quote: str | None = None  # the direct quotation a reporting verb introduces, as written
    # kg:timeOrigin, where `time` came from: "text" (a time expression of its own clause),
    # "relative" (anchored to another event: "a day after he spoke"), "sentence" (the nearest
    # time of its sentence, when its clause has none), "narrative" (the day an earlier
    # sentence tells the story on, for a past event with no time in its sentence), "article"
    # (the article's date, for a report or a present-tense event), "inferred" (from other
    # articles); None undated
    time_origin: str | None = None
    # a reporting verb that only attributes another event of the article ("..., the White House
    # said"): that event's claimant, kept for what it says of dates, never a node of its own
    attribution: bool = False


@dataclass(frozen=True)
class RelationMention:
    """An entity-to-entity edge stated in one sentence ("Kremlin spokesman Dmitry Peskov")."""

    subject: EntityMention
    predicate: str  # local name of a sub-property of kg:affiliatedWith
    object: EntityMention
    role: str | None  # the title as written: "spokesman", "senior fellow"
    span: Span  # the evidence: the stretch of text that states it


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one article. Each extractor adds its own part."""

    article: Article
    entities: tuple[EntityMention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    relations: tuple[RelationMention, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def entity_mentions(self) -> Iterator[EntityMention]:
        """Every entity mention of the article, those only relations and events hold included
        (demonyms, claimants): the copies that coreference gives a chain and resolution links."""
        yield from self.entities
        for r in self.relations:
            yield r.subject
            yield r.object
        for e in self.events:
            yield from (p.entity for p in e.participants)
            if e.claimed_by is not None:
                yield e.claimed_by
