"""RDF: the `KnowledgeGraph` in the vocabulary of ONTOLOGY.md, every edge also a reified, sourced
statement; and a published graph read back into a `KnowledgeGraph`.

Triples are written sorted, so the same graph gives the same Turtle byte for byte. They are
built as Oxigraph terms and written by Oxigraph's serialisers, which are about a hundred times
faster than rdflib's. Every IRI comes from the model or from `kg.iris`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import BinaryIO, Protocol
from urllib.parse import unquote

import pyoxigraph as ox

from kg import iris as terms
from kg import lexicon
from kg import terms as namespaces
from kg.errors import QueryError
from kg.graph import (
    ArticleNode,
    Edge,
    EntityNode,
    EventNode,
    KnowledgeGraph,
    Mention,
    Node,
    by_iri,
    in_text_order,
)
from kg.iris import Iris, UnknownTerm
from kg.terms import KG_IRI, OTHER_KIND, PREFIXES, RES_IRI, vocabulary
from kg.text import replace_surrogates

__all__ = ["FORMATS", "UnknownTerm", "read_graph", "to_rdf", "writer"]

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
_QUAD_FORMATS = {"trig", "nq"}
# minted IRIs hold "/", which a prefixed name can only escape: they are written in full
_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "res"}

Object = ox.NamedNode | ox.Literal


class _Namespace(Protocol):
    def __getitem__(self, name: str) -> str: ...


class _Terms:
    """A namespace's terms as plain strings, each read once. An rdflib namespace makes a new
    URIRef on every attribute read (~36k reads for 60 articles, a third of `to_rdf`'s time),
    and URIRefs compare in Python where the triples are sorted. A term the namespace lacks is
    still its error (kg.terms.KG is closed)."""

    def __init__(self, namespace: _Namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = str(self._namespace[name])
        setattr(self, name, term)
        return term


DCTERMS, GN, KG, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD = (
    _Terms(n)
    for n in (
        namespaces.DCTERMS,
        namespaces.GN,
        namespaces.KG,
        namespaces.OWL,
        namespaces.PROV,
        namespaces.RDF,
        namespaces.RDFS,
        namespaces.SCHEMA,
        namespaces.SKOS,
        namespaces.XSD,
    )
)
_TYPE = str(RDF.type)


def _lit(value: str | int, datatype: str | None = None) -> ox.Literal:
    # Text given through the library API may hold lone surrogates, which no RDF literal can;
    # U+FFFD keeps the length, so offsets into `kg:sentence` still hold
    text = replace_surrogates(str(value))
    if datatype is None:
        return ox.Literal(text)
    return ox.Literal(text, datatype=ox.NamedNode(datatype))


class _Triples:
    """A set of triples that comes out sorted."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, str], Object] = {}
        self.mentions: set[str] = set()  # mention IRIs already described
        # a graph names the same few thousand IRIs ~120k times (every triple's subject and
        # predicate, most objects), and each NamedNode parses and checks its IRI: one each
        self._nodes: dict[str, ox.NamedNode] = {}

    def iri(self, iri: str) -> ox.NamedNode:
        node = self._nodes.get(iri)
        if node is None:
            node = self._nodes[iri] = ox.NamedNode(iri)
        return node

    def add(self, s: str, p: str, o: Object) -> None:
        self._seen[(s, p, str(o))] = o

    def sorted(self) -> list[ox.Triple]:
        # a triple is made once, not once per time it was stated
        return [
            ox.Triple(self.iri(s), self.iri(p), self._seen[s, p, o])
            for s, p, o in sorted(self._seen)
        ]


def to_rdf(graph: KnowledgeGraph) -> list[ox.Triple]:
    """The whole graph as RDF triples (see docs/ONTOLOGY.md), sorted."""
    t = _Triples()
    for article in graph.articles:
        _article(t, graph.iris.article(article.id), article)
    for entity in graph.entities:
        t.add(entity.iri, RDF.type, t.iri(terms.entity_class(entity.kind)))
        for external in entity.same_as:
            t.add(entity.iri, OWL.sameAs, t.iri(external))
        if entity.country_code:
            t.add(entity.iri, GN.countryCode, _lit(entity.country_code))
        _node(t, graph.iris, entity)
    for event in graph.events:
        t.add(event.iri, RDF.type, t.iri(KG.Event))
        t.add(event.iri, RDF.type, t.iri(terms.event_class(event.cls.name)))
        _event(t, event)
        _node(t, graph.iris, event)
    for edge in graph.edges:
        _edge(t, graph.iris, edge)
    return t.sorted()


def _article(t: _Triples, s: str, a: ArticleNode) -> None:
    t.add(s, RDF.type, t.iri(KG.Article))
    t.add(s, RDFS.label, _lit(a.title or a.path))
    t.add(s, KG.sourceFile, _lit(a.path))
    t.add(s, KG.sha256, _lit(a.sha256))
    if a.title:
        t.add(s, DCTERMS.title, _lit(a.title))
    if a.published:
        t.add(s, DCTERMS.date, _lit(a.published.isoformat(), XSD.date))
    if a.date_origin:
        t.add(s, KG.dateOrigin, _lit(a.date_origin))
    if a.publisher:
        t.add(s, DCTERMS.publisher, _lit(a.publisher))
    if a.url:
        t.add(s, SCHEMA.url, _lit(a.url, XSD.anyURI))
    for evidence in a.date_evidence:
        t.add(s, KG.dateEvidence, _lit(evidence))
    if a.dateline:
        t.add(s, KG.dateline, _lit(a.dateline))
    if a.agency:
        t.add(s, KG.agency, _lit(a.agency))


def _node(t: _Triples, iris: Iris, node: Node) -> None:
    t.add(node.iri, RDFS.label, _lit(node.label))
    for alt in node.alt_labels:
        t.add(node.iri, SKOS.altLabel, _lit(alt))
    for aid in node.sources:
        t.add(node.iri, PROV.wasDerivedFrom, t.iri(iris.article(aid)))
    t.add(node.iri, KG.sourceCount, _lit(len(node.sources), XSD.integer))
    for m in node.evidence:
        t.add(node.iri, KG.evidence, t.iri(_mention(t, iris, m)))


def _event(t: _Triples, e: EventNode) -> None:
    t.add(e.iri, KG.status, t.iri(terms.status(e.status)))
    if e.time_value:
        t.add(e.iri, KG.timeValue, _lit(e.time_value))
        t.add(e.iri, KG.timeType, _lit(e.time_type or ""))
    if e.time_origin:
        t.add(e.iri, KG.timeOrigin, _lit(e.time_origin))
    if e.begin:
        t.add(e.iri, KG.begin, _lit(e.begin.isoformat(), XSD.date))
    if e.end:
        t.add(e.iri, KG.end, _lit(e.end.isoformat(), XSD.date))
    for conflict in e.time_conflicts:
        t.add(e.iri, KG.timeConflict, _lit(conflict))


def _mention(t: _Triples, iris: Iris, m: Mention) -> str:
    s = iris.mention(m.article, m.start, m.end)
    if s in t.mentions:
        return s
    t.mentions.add(s)
    t.add(s, RDF.type, t.iri(KG.Mention))
    t.add(s, KG.inArticle, t.iri(iris.article(m.article)))
    t.add(s, KG.start, _lit(m.start, XSD.integer))
    t.add(s, KG.end, _lit(m.end, XSD.integer))
    t.add(s, KG.anchorOf, _lit(m.anchor))
    t.add(s, KG.sentence, _lit(m.sentence))
    if m.quote:
        t.add(s, KG.quote, _lit(m.quote))
    if m.mention_type and m.mention_type != "name":
        t.add(s, KG.mentionType, _lit(m.mention_type))
    return s


def _edge(t: _Triples, iris: Iris, edge: Edge) -> None:
    """The edge, and one rdf:Statement per article that supports it, citing its mentions."""
    p = terms.predicate(edge.predicate)
    t.add(edge.subject, p, t.iri(edge.object))
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in edge.evidence:
        by_article[m.article].append(m)
    for aid, found in by_article.items():
        st = iris.statement(edge.subject, p, edge.object, edge.role, aid)
        t.add(st, RDF.type, t.iri(RDF.Statement))
        t.add(st, RDF.subject, t.iri(edge.subject))
        t.add(st, RDF.predicate, t.iri(p))
        t.add(st, RDF.object, t.iri(edge.object))
        t.add(st, PROV.wasDerivedFrom, t.iri(iris.article(aid)))
        if edge.role:
            t.add(st, KG.role, _lit(edge.role))
        for m in found:
            t.add(st, KG.evidence, t.iri(_mention(t, iris, m)))


def _statements_in(
    triples: list[ox.Triple], fmt: str, graph_iri: str
) -> Iterator[ox.Triple] | Iterator[ox.Quad]:
    if fmt in _QUAD_FORMATS:
        graph = ox.NamedNode(graph_iri)
        return (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return iter(triples)


def writer(
    triples: list[ox.Triple], fmt: str = "ttl", graph_iri: str = Iris().graph()
) -> Callable[[BinaryIO], None]:
    """A function that writes sorted triples in one of FORMATS into an open binary file,
    streamed: no copy of the whole serialisation is ever held in memory. TriG and N-Quads hold
    them in the named graph `graph_iri` (`KnowledgeGraph.iris.graph()`)."""

    def write(handle: BinaryIO) -> None:
        ox.serialize(
            _statements_in(triples, fmt, graph_iri), handle, format=FORMATS[fmt], prefixes=_PREFIXES
        )

    return write


# -- reading a published graph back --------------------------------------------------------


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class _Read:
    """The triples of a store, indexed by subject: predicate IRI -> its objects."""

    def __init__(self, store: ox.Store) -> None:
        self.about: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for quad in store.quads_for_pattern(None, None, None):
            s, o = quad.subject, quad.object
            if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode | ox.Literal):
                self.about[s.value][quad.predicate.value].append(o)

    def values(self, s: str, p: str) -> list[str]:
        return sorted(o.value for o in self.about.get(s, {}).get(p, ()))

    def one(self, s: str, p: str) -> str | None:
        """The smallest value: a malformed graph may state a property twice."""
        found = self.values(s, p)
        return found[0] if found else None

    def typed(self, cls: str) -> list[str]:
        return sorted(
            s for s, ps in self.about.items() if any(o.value == cls for o in ps.get(_TYPE, ()))
        )


def _article_id(article: ArticleNode) -> str:
    return article.id


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_graph(store: ox.Store, base: str = RES_IRI) -> KnowledgeGraph:
    """The `KnowledgeGraph` a published graph states (`to_rdf`'s inverse for a graph kg built
    with `base`). What kg's shapes require and the model cannot do without raises QueryError:
    a node with no rdfs:label, an event with no kg:status or with a class `ontology/kg.ttl` does
    not define. A node's sources are its prov:wasDerivedFrom articles; edges are the triples
    whose predicate the ontology gives an edge, with the mentions of their reified statements;
    anything else is not read."""
    g = _Read(store)
    vocab = vocabulary()
    kinds = {iri: kind for kind, iri in vocab.entity_classes.items()}
    statuses = {iri: name for name, iri in vocab.statuses.items()}
    predicates = {iri: name for name, iri in vocab.predicates.items()}
    classes = lexicon.load().event_classes
    ids: dict[str, str] = {}  # article IRI -> id
    articles = []
    for s in g.typed(str(KG.Article)):
        ident = unquote(_local(s))
        ids[s] = ident
        articles.append(
            ArticleNode(
                id=ident,
                path=g.one(s, str(KG.sourceFile)) or ident,
                sha256=g.one(s, str(KG.sha256)) or "",
                title=g.one(s, str(DCTERMS.title)),
                publisher=g.one(s, str(DCTERMS.publisher)),
                published=_date(g.one(s, str(DCTERMS.date))),
                date_origin=g.one(s, str(KG.dateOrigin)),
                url=g.one(s, str(SCHEMA.url)),
                date_evidence=tuple(sorted(g.values(s, str(KG.dateEvidence)))),
                dateline=g.one(s, str(KG.dateline)),
                agency=g.one(s, str(KG.agency)),
            )
        )

    def article_id(iri: str) -> str:
        return ids.get(iri) or unquote(_local(iri))

    def mention(iri: str) -> Mention:
        start, end = g.one(iri, str(KG.start)), g.one(iri, str(KG.end))
        return Mention(
            article=article_id(g.one(iri, str(KG.inArticle)) or ""),
            start=int(start) if start and start.lstrip("-").isdigit() else 0,
            end=int(end) if end and end.lstrip("-").isdigit() else 0,
            anchor=g.one(iri, str(KG.anchorOf)) or "",
            sentence=g.one(iri, str(KG.sentence)) or "",
            quote=g.one(iri, str(KG.quote)),
            # absent on a mention that names its entity, and on an event's trigger
            mention_type=g.one(iri, str(KG.mentionType)),
        )

    def evidence(iri: str) -> tuple[Mention, ...]:
        found = set(map(mention, g.values(iri, str(KG.evidence))))
        return tuple(sorted(found, key=in_text_order))

    def label(iri: str) -> str:
        found = g.one(iri, str(RDFS.label))
        if found is None:
            raise QueryError(f"{iri}: has no rdfs:label")
        return found

    def common(iri: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[Mention, ...]]:
        name = label(iri)
        alts = tuple(a for a in g.values(iri, str(SKOS.altLabel)) if a != name)
        sources = tuple(sorted({article_id(a) for a in g.values(iri, str(PROV.wasDerivedFrom))}))
        return name, alts, sources, evidence(iri)

    entities = []
    for s, props in g.about.items():
        found = sorted(kinds[c.value] for c in props.get(_TYPE, ()) if c.value in kinds)
        if found:
            # a node typed kg:Entity and a subclass of it is of the subclass
            kind = min(k for k in found if k != OTHER_KIND) if len(set(found)) > 1 else found[0]
            name, alts, sources, ev = common(s)
            entities.append(
                EntityNode(
                    s,
                    kind,
                    name,
                    alts,
                    sources,
                    ev,
                    tuple(sorted(g.values(s, str(OWL.sameAs)))),
                    g.one(s, str(GN.countryCode)),
                )
            )
    events = []
    for s in g.typed(str(KG.Event)):
        specific = [c for c in g.values(s, str(RDF.type)) if c != str(KG.Event)]
        named = [c[len(KG_IRI) :] for c in specific if c.startswith(KG_IRI)]
        cls = min(named, default="Event")
        if cls not in classes:
            raise QueryError(f"{s}: its class kg:{cls} is not defined in ontology/kg.ttl")
        status = statuses.get(g.one(s, str(KG.status)) or "")
        if status is None:
            raise QueryError(f"{s}: has no kg:status of ontology/kg.ttl")
        name, alts, sources, ev = common(s)
        events.append(
            EventNode(
                iri=s,
                cls=classes[cls],
                label=name,
                alt_labels=alts,
                sources=sources,
                evidence=ev,
                status=status,
                time_value=g.one(s, str(KG.timeValue)),
                time_type=g.one(s, str(KG.timeType)),
                begin=_date(g.one(s, str(KG.begin))),
                end=_date(g.one(s, str(KG.end))),
                time_origin=g.one(s, str(KG.timeOrigin)),
                time_conflicts=tuple(g.values(s, str(KG.timeConflict))),
            )
        )
    return KnowledgeGraph(
        iris=Iris(base),
        articles=tuple(sorted(articles, key=_article_id)),
        entities=tuple(sorted(entities, key=by_iri)),
        events=tuple(sorted(events, key=by_iri)),
        edges=tuple(_read_edges(g, predicates, mention)),
    )


def _read_edges(
    g: _Read, predicates: dict[str, str], mention: Callable[[str], Mention]
) -> Iterable[Edge]:
    """Every (subject, predicate, object, role) edge: from the reified statements, with their
    role and mentions, and from plain triples that no statement reifies (no role, no
    evidence)."""
    found: dict[tuple[str, str, str, str], set[Mention]] = defaultdict(set)
    stated: set[tuple[str, str, str]] = set()
    for st in g.typed(str(RDF.Statement)):
        s, p, o = (g.one(st, str(x)) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is None or o is None or p not in predicates:
            continue
        stated.add((s, p, o))
        key = (s, predicates[p], o, g.one(st, str(KG.role)) or "")
        found[key].update(map(mention, g.values(st, str(KG.evidence))))
    for s, props in g.about.items():
        for p, objects in props.items():
            if p in predicates:
                for node in objects:
                    if isinstance(node, ox.NamedNode) and (s, p, node.value) not in stated:
                        found[(s, predicates[p], node.value, "")] = set()
    for (s, p, o, role), mentions in sorted(found.items()):
        evidence = tuple(sorted(mentions, key=in_text_order))
        yield Edge(s, p, o, evidence, role or None)
