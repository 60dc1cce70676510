"""The knowledge graph: the typed, frozen model that resolution's clusters become and that every
exporter reads (RDF, HTML, CSV, GraphML, `kg extract`, `kg timeline`).

    Resolution --build_graph--> KnowledgeGraph --> kg.export.rdf / html / tabular,
                                                   kg.timeline, kg.report

Nodes are articles, entities and events; an edge joins two nodes by a predicate of
`ontology/kg.ttl` and holds every mention that states it. Labels are composed here (an entity's
canonical name, an event's "Class: actors"), IRIs are minted by `kg.iris`, and the ontology
decides what a class, kind, predicate or status may be: an unknown one raises
`kg.iris.UnknownTerm`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import MappingProxyType

from kg import ids, lexicon
from kg import iris as iri_terms
from kg.iris import Iris
from kg.lexicon import EventClass
from kg.model import Article, Span
from kg.resolve import Resolution, ResolvedEntity, ResolvedEvent
from kg.terms import RES_IRI, vocabulary

__all__ = [
    "ArticleNode",
    "Edge",
    "EntityNode",
    "EventNode",
    "KnowledgeGraph",
    "Mention",
    "Naming",
    "Node",
    "build_graph",
    "by_iri",
    "in_text_order",
    "name_nodes",
]

# an event participant's role "place" is the edge sem:hasPlace
_ROLE_PREDICATE = {"place": "hasPlace"}


@dataclass(frozen=True)
class Mention:
    """One stretch of an article that backs a node or an edge (kg:Mention)."""

    article: str  # article id
    start: int  # code-point offsets into the article's text as stored, end exclusive
    end: int
    anchor: str  # the mention's text, == article text[start:end]
    sentence: str
    quote: str | None = None  # for a statement: the quotation its verb introduces
    # for an entity mention, how it refers (kg:mentionType): "name", "nominal" or "pronoun";
    # None for an event's trigger and a relation's stretch of text
    mention_type: str | None = None


@dataclass(frozen=True)
class ArticleNode:
    """A source article as the graph states it (kg:Article): what is known of it, no text."""

    id: str  # the file stem, unique within a build
    path: str  # POSIX path relative to the sources root
    sha256: str
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    date_origin: str | None = None  # "metadata", "text" or "inferred"
    url: str | None = None
    date_evidence: tuple[str, ...] = ()  # what an inferred date was inferred from
    dateline: str | None = None  # the lede's place line ("MOSCOW")
    agency: str | None = None  # the news agency the dateline names

    @classmethod
    def of(cls, article: Article) -> ArticleNode:
        return cls(
            article.id,
            article.path,
            article.sha256,
            article.title,
            article.publisher,
            article.published,
            article.date_origin,
            article.url,
            article.date_evidence,
            article.dateline,
            article.agency,
        )


@dataclass(frozen=True)
class EntityNode:
    """A real-world entity (kg:Person, kg:State, kg:Organization, kg:Place or kg:Entity)."""

    iri: str
    kind: str  # an entity kind of the ontology: "Person", ..., "Other" (kg:Entity)
    label: str  # the canonical name: the gazetteer's, else the fullest name seen most often
    alt_labels: tuple[str, ...]  # every other name seen, sorted
    sources: tuple[str, ...]  # ids of the articles that mention it, sorted
    evidence: tuple[Mention, ...]  # by article and offsets
    same_as: tuple[str, ...] = ()  # external ids (owl:sameAs): Wikidata, GeoNames, ...
    country_code: str | None = None  # a state's ISO 3166-1 alpha-2 code (gn:countryCode)


@dataclass(frozen=True)
class EventNode:
    """A real-world event (kg:Event and its class), placed on the timeline."""

    iri: str
    cls: EventClass  # its class in the ontology ("Call"), with CAMEO code and quad class
    label: str  # "Call: Vladimir Putin, Xi Jinping"
    alt_labels: tuple[str, ...]  # the trigger lemmas its mentions use, sorted
    sources: tuple[str, ...]
    evidence: tuple[Mention, ...]
    status: str  # a kg:EventStatus: Occurred, Planned, Negated, Hypothetical
    time_value: str | None = None  # TIMEX3 value: "2022-12-30", "2023-SP"
    time_type: str | None = None  # TIMEX3 type: DATE, TIME, DURATION, SET
    begin: date | None = None  # the earliest and the latest day it can fall on
    end: date | None = None
    time_origin: str | None = None  # where its time came from: model.TIME_ORIGINS
    time_conflicts: tuple[str, ...] = ()  # other values outlets gave: "2022-12-29 (article id)"


Node = EntityNode | EventNode


def by_iri(node: Node) -> str:
    """The order of nodes: by IRI."""
    return node.iri


def in_text_order(m: Mention) -> tuple[str, int, int]:
    """The order of mentions: by article, then offsets."""
    return (m.article, m.start, m.end)


@dataclass(frozen=True)
class Edge:
    """A sourced edge: one predicate between two nodes, with every mention that states it."""

    subject: str  # node IRI
    predicate: str  # its name in `terms.vocabulary().predicates`: "agent", "hasPlace", ...
    object: str
    evidence: tuple[Mention, ...]  # by article and offsets
    role: str | None = None  # the title as written, on affiliations: "President"

    @property
    def articles(self) -> tuple[str, ...]:
        """The ids of the articles that state it, sorted: one reified statement each."""
        return tuple(sorted({m.article for m in self.evidence}))


@dataclass(frozen=True)
class KnowledgeGraph:
    """The whole graph. Articles come by id, entities and events by IRI, edges by subject,
    predicate, object and role."""

    iris: Iris  # mints the IRIs of its articles, mentions, statements and named graph
    articles: tuple[ArticleNode, ...]
    entities: tuple[EntityNode, ...]
    events: tuple[EventNode, ...]
    edges: tuple[Edge, ...]
    # places more than one GeoNames feature could be: left without owl:sameAs, and counted
    unlinked_places: int = 0

    @cached_property
    def _nodes(self) -> Mapping[str, Node]:
        nodes: dict[str, Node] = {n.iri: n for n in self.entities}
        nodes.update((n.iri, n) for n in self.events)
        return MappingProxyType(nodes)

    @cached_property
    def _articles(self) -> Mapping[str, ArticleNode]:
        return MappingProxyType({a.id: a for a in self.articles})

    @cached_property
    def _out(self) -> Mapping[str, tuple[Edge, ...]]:
        out: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            out[edge.subject].append(edge)
        return MappingProxyType({k: tuple(v) for k, v in out.items()})

    @cached_property
    def _degree(self) -> Mapping[str, int]:
        degree: Counter[str] = Counter()
        for edge in self.edges:
            degree[edge.subject] += 1
            degree[edge.object] += 1
        return MappingProxyType(degree)

    def nodes(self) -> Iterator[Node]:
        """Every entity and event, by IRI."""
        nodes: list[Node] = [*self.entities, *self.events]
        return iter(sorted(nodes, key=by_iri))

    def node(self, iri: str) -> Node | None:
        return self._nodes.get(iri)

    def label(self, iri: str) -> str:
        """The label of node `iri`, or the IRI itself for a node the graph does not hold."""
        found = self._nodes.get(iri)
        return found.label if found is not None else iri

    def article(self, ident: str) -> ArticleNode | None:
        return self._articles.get(ident)

    def edges_from(self, iri: str) -> tuple[Edge, ...]:
        """The edges whose subject is `iri`, in the graph's edge order."""
        return self._out.get(iri, ())

    def degree(self, iri: str) -> int:
        """How many edges start or end at `iri`."""
        return self._degree.get(iri, 0)

    def participants(self, event: str) -> tuple[tuple[str, str], ...]:
        """(role, entity IRI) of each participant of `event` (agents, targets,
        co-participants: the ontology's roles), in edge order."""
        roles = vocabulary().roles
        return tuple(
            (e.predicate, e.object) for e in self.edges_from(event) if e.predicate in roles
        )

    def places(self, event: str) -> tuple[str, ...]:
        """The IRIs of the places of `event` (sem:hasPlace)."""
        return tuple(e.object for e in self.edges_from(event) if e.predicate == "hasPlace")

    def claimant(self, event: str) -> str | None:
        """The IRI of the entity `event` is claimed by (kg:claimedBy); the first by IRI when
        outlets name several."""
        claims = [e.object for e in self.edges_from(event) if e.predicate == "claimedBy"]
        return min(claims, default=None)

    def statements(self) -> int:
        """Reified statements: one per edge per article that states it."""
        return sum(len(e.articles) for e in self.edges)


# -- composing the graph from a resolution -------------------------------------------------


@dataclass(frozen=True)
class Naming:
    """The labels and IRIs of a resolution's clusters: entities by key, events in the
    resolution's order."""

    entity_iris: Mapping[str, str]
    entity_labels: Mapping[str, str]
    event_iris: tuple[str, ...]
    event_labels: tuple[str, ...]


def entity_label(entity: ResolvedEntity) -> str:
    """An entity's canonical name: the gazetteer's for an entity it knows, else the fullest of
    its names (most words) seen most often, then the first in alphabetical order."""
    lex = lexicon.load()
    kind, _, key = (entity.gazetteer_key or "").partition("/")
    entry = (
        lex.state_by_key(key)
        if kind == "state"
        else lex.organization_by_key(key)
        if kind == "organization"
        else None
    )
    if entry is not None:
        return entry.name
    counts = Counter(m.name for m in entity.names or entity.mentions)

    def fullest(name: str) -> tuple[int, int, str]:
        return (-len(name.split()), -counts[name], name)

    return min(counts, key=fullest)


def _event_label(
    event: ResolvedEvent, resolution: Resolution, labels: Mapping[str, str]
) -> tuple[str, list[str], str]:
    """An event's label ("Call: Vladimir Putin, Xi Jinping"), its actors' labels (up to three,
    the most often named first) and its most used trigger lemma."""
    word = Counter(m.label for m in event.mentions).most_common(1)[0][0]
    actors: Counter[str] = Counter()
    for m in event.mentions:
        for p in m.participants:
            entity = resolution.entity(p.entity)
            if p.role != "place" and entity is not None:
                actors[labels[entity.key]] += 1

    def most_named(actor: str) -> tuple[int, str]:
        return (-actors[actor], actor)

    top = sorted(actors, key=most_named)[:3]
    # the class's own name reads better across outlets than any one trigger ("Say", "Talk")
    known = lexicon.load().event_classes.get(event.cls)
    name = known.label if known is not None and event.cls != lexicon.GENERIC_CLASS else word
    label = name[:1].upper() + name[1:]
    if top:
        label += ": " + ", ".join(sorted(top))
    return label, top, word


def name_nodes(resolution: Resolution, iris: Iris) -> Naming:
    """Label every entity and event of `resolution` and mint its IRI: entities in key order,
    then events in the order merging made them (so a clash's "-2" always goes to the same
    one)."""
    minter = iris.nodes()
    entity_iris: dict[str, str] = {}
    entity_labels: dict[str, str] = {}
    for entity in resolution.entities:
        label = entity_labels[entity.key] = entity_label(entity)
        entity_iris[entity.key] = minter.entity(entity.kind, label, entity.gazetteer_key)
    event_iris: list[str] = []
    event_labels: list[str] = []
    for event in resolution.events:
        label, top, word = _event_label(event, resolution, entity_labels)
        time_value = event.time.value if event.time else None
        event_iris.append(minter.event(event.cls, time_value, top[:2], word))
        event_labels.append(label)
    return Naming(
        MappingProxyType(entity_iris),
        MappingProxyType(entity_labels),
        tuple(event_iris),
        tuple(event_labels),
    )


class _Mentions:
    """One `Mention` per stretch of text (article, start, end), whatever it backs: an entity's
    mention says how it refers, a statement's trigger the quotation its verb introduces."""

    def __init__(self) -> None:
        self._spans: dict[tuple[str, int, int], Span] = {}
        self._quotes: dict[tuple[str, int, int], str] = {}
        self._types: dict[tuple[str, int, int], str] = {}
        self._made: dict[tuple[str, int, int], Mention] = {}

    def note(self, span: Span, quote: str | None = None, mention_type: str | None = None) -> None:
        key = (span.article, span.start, span.end)
        self._spans.setdefault(key, span)
        if quote is not None:
            self._quotes.setdefault(key, quote)
        if mention_type is not None:
            self._types.setdefault(key, mention_type)

    def __call__(self, spans: Iterable[Span]) -> tuple[Mention, ...]:
        """The distinct mentions of `spans`, by article and offsets."""
        found: dict[tuple[str, int, int], Mention] = {}
        for span in spans:
            key = (span.article, span.start, span.end)
            if key not in found:
                found[key] = self._made.get(key) or self._make(key)
        return tuple(found[k] for k in sorted(found))

    def _make(self, key: tuple[str, int, int]) -> Mention:
        span = self._spans[key]
        made = self._made[key] = Mention(
            span.article,
            span.start,
            span.end,
            span.text,
            span.sentence,
            self._quotes.get(key),
            self._types.get(key),
        )
        return made


def _sources(evidence: Sequence[Mention]) -> tuple[str, ...]:
    return tuple(sorted({m.article for m in evidence}))


class _Linking:
    """Public ids of the resolved entities (`kg.ids`): a state's Wikidata item, GeoNames
    feature and ISO code; a place's GeoNames feature when its name and the states its articles
    name pick one."""

    def __init__(self, resolution: Resolution) -> None:
        self.states_of: dict[str, set[str]] = defaultdict(set)  # article -> state keys
        for entity in resolution.entities:
            if entity.kind == "State" and entity.gazetteer_key:
                for m in entity.mentions:
                    self.states_of[m.span.article].add(entity.gazetteer_key)
        self.unlinked = 0  # places more than one feature fits: left unlinked, counted

    def ids(self, entity: ResolvedEntity, label: str) -> tuple[tuple[str, ...], str | None]:
        if entity.kind == "State" and entity.gazetteer_key:
            record = ids.state_record(entity.gazetteer_key)
            return ids.state_ids(entity.gazetteer_key), record.iso3166 if record else None
        if entity.kind != "Place":
            return (), None
        context = {k for m in entity.mentions for k in self.states_of[m.span.article]}
        found = ids.place_ids(label, sorted(context))
        if found is None:
            self.unlinked += 1
            return (), None
        return found, None


def build_graph(resolution: Resolution, base: str = RES_IRI) -> KnowledgeGraph:
    """The graph of a resolved corpus, its IRIs under `base`: a node per entity and event, an
    edge per (subject, predicate, object, role) holding every mention that states it.
    UnknownTerm when a class, kind, predicate or status is not in `ontology/kg.ttl`."""
    iris = Iris(base)
    naming = name_nodes(resolution, iris)
    mentions = _Mentions()
    for entity in resolution.entities:
        for em in entity.mentions:
            mentions.note(em.span, mention_type=em.mention_type)
    for event in resolution.events:
        for m in event.mentions:
            mentions.note(m.span, quote=m.quote)
    for r in resolution.relations:
        mentions.note(r.span)

    entities = []
    linking = _Linking(resolution)
    for entity in resolution.entities:
        evidence = mentions(m.span for m in entity.mentions)
        label = naming.entity_labels[entity.key]
        names = entity.names or entity.mentions
        same_as, country_code = linking.ids(entity, label)
        entities.append(
            EntityNode(
                iri=naming.entity_iris[entity.key],
                kind=entity.kind,
                label=label,
                alt_labels=tuple(sorted({m.name for m in names} - {label})),
                sources=_sources(evidence),
                evidence=evidence,
                same_as=same_as,
                country_code=country_code,
            )
        )
    events = []
    edges: dict[tuple[str, str, str, str], list[Span]] = defaultdict(list)
    borrowed: dict[tuple[str, str, str, str], list[Span]] = defaultdict(list)
    for event, iri, label in zip(
        resolution.events, naming.event_iris, naming.event_labels, strict=True
    ):
        evidence = mentions(m.span for m in event.mentions)
        iri_terms.status(event.status)
        events.append(
            EventNode(
                iri=iri,
                cls=lexicon.load().event_classes[_checked_class(event.cls)],
                label=label,
                alt_labels=tuple(sorted({m.label for m in event.mentions} - {label})),
                sources=_sources(evidence),
                evidence=evidence,
                status=event.status,
                time_value=event.time.value if event.time else None,
                time_type=event.time.type if event.time else None,
                begin=event.begin,
                end=event.end,
                time_origin=event.time_origin,
                time_conflicts=tuple(sorted({f"{v} ({a})" for v, a in event.conflicts})),
            )
        )
        for m in event.mentions:
            for p in m.participants:
                who = resolution.entity(p.entity)
                if who is not None:
                    predicate = _ROLE_PREDICATE.get(p.role, p.role)
                    key = (iri, predicate, naming.entity_iris[who.key], "")
                    # a mention cites the edge when its sentence names the participant: "the
                    # call" that took its callers from an earlier sentence (extract's event
                    # anaphora) only stands in when no sentence of the event names them
                    here = (
                        m.span.sentence_start
                        <= p.entity.span.start
                        < (m.span.sentence_start + len(m.span.sentence))
                    )
                    (edges if here else borrowed)[key].append(m.span)
            claimant = resolution.entity(m.claimed_by) if m.claimed_by is not None else None
            if claimant is not None:
                edges[(iri, "claimedBy", naming.entity_iris[claimant.key], "")].append(m.span)
    for key, spans in borrowed.items():
        if key not in edges:
            edges[key] = spans
    for r in resolution.relations:
        head, tail = resolution.entity(r.subject), resolution.entity(r.object)
        if head is not None and tail is not None and head.key != tail.key:
            pair = (naming.entity_iris[head.key], r.predicate, naming.entity_iris[tail.key])
            edges[(*pair, r.role or "")].append(r.span)
    return KnowledgeGraph(
        iris=iris,
        articles=tuple(ArticleNode.of(a) for a in resolution.articles),
        entities=tuple(sorted(entities, key=by_iri)),
        events=tuple(sorted(events, key=by_iri)),
        edges=tuple(
            Edge(s, _checked_predicate(p), o, mentions(spans), role or None)
            for (s, p, o, role), spans in sorted(edges.items())
        ),
        unlinked_places=linking.unlinked,
    )


def _checked_class(name: str) -> str:
    iri_terms.event_class(name)
    return name


def _checked_predicate(name: str) -> str:
    iri_terms.predicate(name)
    return name
