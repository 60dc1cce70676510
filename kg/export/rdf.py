"""RDF export: the vocabulary of ONTOLOGY.md, every edge also a reified, sourced statement.

Minted IRIs are derived from content (entity names, event class, time and participants,
article ids, offsets), never from counters or blank nodes, and triples are written sorted, so
the same sources give the same Turtle byte for byte. Triples are built as Oxigraph terms and
written by Oxigraph's serialisers, which are about a hundred times faster than rdflib's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import BinaryIO
from urllib.parse import quote

import networkx as nx
import pyoxigraph as ox

from kg.model import Article, Evidence
from kg.terms import DCTERMS, KG, KG_IRI, PREFIXES, PROV, RDF, RDFS, RES_IRI, SCHEMA, SEM, SKOS, XSD

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
}
_QUAD_FORMATS = {"trig", "nq"}
_ENTITY_CLASS = {
    "Person": KG.Person,
    "State": KG.State,
    "Organization": KG.Organization,
    "Place": KG.Place,
    "Other": KG.Entity,
}
_STATUS = {
    "Occurred": KG.Occurred,
    "Planned": KG.Planned,
    "Negated": KG.Negated,
    "Hypothetical": KG.Hypothetical,
}
_EDGE_PREDICATES = {"agent", "target", "coParticipant", "claimedBy", "affiliatedWith",
                    "leaderOf", "memberOf", "spokespersonOf"}  # fmt: skip


def _iri(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


# A lone surrogate is no Unicode character: RDF literals (and UTF-8) cannot hold one. Files are
# read as strict UTF-8 and cannot contain one; text given through the library API can.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _lit(value: object, datatype: str | None = None) -> ox.Literal:
    # U+FFFD for each lone surrogate keeps the length, so offsets into `kg:sentence` still hold
    text = _SURROGATE.sub("\ufffd", str(value))
    if datatype is None:
        return ox.Literal(text)
    return ox.Literal(text, datatype=ox.NamedNode(datatype))


def _part(text: str) -> str:
    """A file stem made safe for an IRI path segment ("my notes.txt" -> "my%20notes")."""
    # surrogatepass: two ids that differ only in a lone surrogate still get two IRIs
    return quote(text, safe="-._~", errors="surrogatepass")


def predicate_iri(name: str) -> str:
    """The property an edge name stands for: sem:hasPlace, else a term of kg."""
    if name == "hasPlace":
        return str(SEM.hasPlace)
    return KG_IRI + (name if name in _EDGE_PREDICATES else "affiliatedWith")


class _Triples:
    """A set of triples that comes out sorted."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, str], ox.NamedNode | ox.Literal] = {}
        self.mentions: set[str] = set()  # mention IRIs already described

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self._seen[(s, p, str(o))] = o

    def sorted(self) -> list[ox.Triple]:
        # terms are made once per distinct triple, not once per time it was stated
        return [ox.Triple(_iri(s), _iri(p), self._seen[s, p, o]) for s, p, o in sorted(self._seen)]


def to_rdf(
    graph: nx.MultiDiGraph, articles: Mapping[str, Article], base: str = RES_IRI
) -> list[ox.Triple]:
    """The whole graph as RDF triples (see ../shared/guides/ONTOLOGY.md), sorted."""
    t = _Triples()
    art = {aid: f"{base}article/{_part(aid)}" for aid in articles}
    for aid in articles:
        _article(t, art[aid], articles[aid])
    for node, data in graph.nodes(data=True):
        if data["kind"] == "Event":
            t.add(node, RDF.type, _iri(KG.Event))
            t.add(node, RDF.type, _iri(KG_IRI + data["cls"]))
            _event(t, node, data)
        else:
            t.add(node, RDF.type, _iri(_ENTITY_CLASS[data["kind"]]))
        t.add(node, RDFS.label, _lit(data["label"]))
        for alt in data["alt_labels"]:
            t.add(node, SKOS.altLabel, _lit(alt))
        for aid in data["sources"]:
            t.add(node, PROV.wasDerivedFrom, _iri(art[aid]))
        t.add(node, KG.sourceCount, _lit(len(data["sources"]), XSD.integer))
        for ev in data["evidence"]:
            t.add(node, KG.evidence, _iri(_mention(t, ev, art, base)))
    for s, o, data in graph.edges(data=True):
        p = predicate_iri(data["predicate"])
        t.add(s, p, _iri(o))
        _statements(t, (s, p, o), data["role"], data["evidence"], art, base)
    return t.sorted()


def _article(t: _Triples, s: str, a: Article) -> None:
    t.add(s, RDF.type, _iri(KG.Article))
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


def _event(t: _Triples, s: str, data: Mapping[str, object]) -> None:
    t.add(s, KG.status, _iri(_STATUS[str(data["status"])]))
    if data.get("time_value"):
        t.add(s, KG.timeValue, _lit(data["time_value"]))
        t.add(s, KG.timeType, _lit(data["time_type"]))
    if data.get("begin"):
        t.add(s, KG.begin, _lit(data["begin"], XSD.date))
    if data.get("end"):
        t.add(s, KG.end, _lit(data["end"], XSD.date))
    for conflict in data.get("time_conflicts") or ():  # type: ignore[attr-defined]
        t.add(s, KG.timeConflict, _lit(conflict))


def _mention(t: _Triples, ev: Evidence, art: Mapping[str, str], base: str) -> str:
    m = f"{base}mention/{_part(ev.article)}-{ev.start}-{ev.end}"
    if ev.quote:  # an edge's evidence may describe the same mention first, without its quote
        t.add(m, KG.quote, _lit(ev.quote))
    if m in t.mentions:
        return m
    t.mentions.add(m)
    t.add(m, RDF.type, _iri(KG.Mention))
    t.add(m, KG.inArticle, _iri(art[ev.article]))
    t.add(m, KG.start, _lit(ev.start, XSD.integer))
    t.add(m, KG.end, _lit(ev.end, XSD.integer))
    t.add(m, KG.anchorOf, _lit(ev.anchor))
    t.add(m, KG.sentence, _lit(ev.sentence))
    return m


def _statements(
    t: _Triples,
    spo: tuple[str, str, str],
    role: str | None,
    evidence: Iterable[Evidence],
    art: Mapping[str, str],
    base: str,
) -> None:
    """One rdf:Statement per article that supports the edge, citing its mentions."""
    s, p, o = spo
    by_article: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_article.setdefault(ev.article, []).append(ev)
    for aid, found in by_article.items():
        key = f"{s}|{p}|{o}|{role or ''}|{aid}"
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        st = f"{base}statement/{digest}"
        t.add(st, RDF.type, _iri(RDF.Statement))
        t.add(st, RDF.subject, _iri(s))
        t.add(st, RDF.predicate, _iri(p))
        t.add(st, RDF.object, _iri(o))
        t.add(st, PROV.wasDerivedFrom, _iri(art[aid]))
        if role:
            t.add(st, KG.role, _lit(role))
        for ev in found:
            t.add(st, KG.evidence, _iri(_mention(t, ev, art, base)))


def _statements_in(
    triples: list[ox.Triple], fmt: str, base: str
) -> Iterator[ox.Triple] | Iterator[ox.Quad]:
    if fmt in _QUAD_FORMATS:
        graph = ox.NamedNode(f"{base}graph")
        return (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return iter(triples)


# minted IRIs hold "/", which a prefixed name can only escape: they are written in full
_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "res"}


def serialise(triples: list[ox.Triple], fmt: str = "ttl", base: str = RES_IRI) -> str:
    """Serialise sorted triples in one of FORMATS. TriG and N-Quads hold them in one named
    graph, `<base>graph`."""
    out = ox.serialize(_statements_in(triples, fmt, base), format=FORMATS[fmt], prefixes=_PREFIXES)
    return (out or b"").decode("utf-8")


def writer(
    triples: list[ox.Triple], fmt: str = "ttl", base: str = RES_IRI
) -> Callable[[BinaryIO], None]:
    """`serialise`, streamed: a function that writes the same bytes into an open file, so
    no copy of the whole serialisation is ever held in memory."""

    def write(handle: BinaryIO) -> None:
        ox.serialize(
            _statements_in(triples, fmt, base), handle, format=FORMATS[fmt], prefixes=_PREFIXES
        )

    return write
