"""What resolution hands to the graph: clusters of mentions, each one real-world thing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kg.model import Article, EntityMention, EventMention, RelationMention, TimeMention

# An entity mention's identity across the copies extractors make of it (an event participant,
# a relation end): its article, offsets and cleaned name
MentionKey = tuple[str, int, int, str]


def mention_key(m: EntityMention) -> MentionKey:
    return (m.span.article, m.span.start, m.span.end, m.name)


@dataclass(frozen=True)
class ResolvedEntity:
    """One real-world entity: the mentions that refer to it, from every article."""

    # what grouped the mentions: a gazetteer key ("state/china", holding a "/") or a name
    # folded for comparison ("vladimir putin"); unique within a Resolution
    key: str
    kind: str  # voted over its names: one of model.ENTITY_TYPES
    mentions: tuple[EntityMention, ...]  # by article, then offset

    @property
    def gazetteer_key(self) -> str | None:
        """The gazetteer's key ("state/china") when the gazetteer knows the entity."""
        return self.key if "/" in self.key else None

    @property
    def names(self) -> tuple[EntityMention, ...]:
        """The mentions that name it ("Xi Jinping", not "the Chinese leader" or "he")."""
        return tuple(m for m in self.mentions if m.mention_type == "name")


@dataclass(frozen=True)
class ResolvedEvent:
    """One real-world event: the mentions that report it, and what they jointly say of it."""

    cls: str  # local name of its class in ontology/kg.ttl
    status: str
    mentions: tuple[EventMention, ...]  # in the order they joined
    time: TimeMention | None  # the most specific time the other outlets' times agree with
    begin: date | None  # the earliest and latest day `time` allows (TimeML range points first)
    end: date | None
    time_origin: str | None  # kg:timeOrigin of the mention `time` came from
    # times other outlets gave that `time` does not fall within: (TIMEX3 value, article id)
    conflicts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Resolution:
    """The whole corpus after resolution."""

    articles: tuple[Article, ...]  # by id
    entities: tuple[ResolvedEntity, ...]  # by key
    events: tuple[ResolvedEvent, ...]  # in the order merging made them
    relations: tuple[RelationMention, ...]  # every article's, in article order
    # every entity mention -> its entity; None for a nominal or pronoun mention whose
    # coreference chain holds no name (it refers to someone the article never names)
    entity_of: Mapping[MentionKey, ResolvedEntity | None]

    def entity(self, mention: EntityMention) -> ResolvedEntity | None:
        """The entity `mention` (or a copy of it) refers to; None when it was dropped. KeyError
        for a mention that was never resolved."""
        return self.entity_of[mention_key(mention)]
