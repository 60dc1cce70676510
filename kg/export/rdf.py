"""RDF export: the vocabulary of ONTOLOGY.md, every edge also a reified, sourced statement.

Minted IRIs are derived from content (entity names, event class, time and participants,
article ids, offsets), never from counters or blank nodes, so the same sources give the same
Turtle byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from urllib.parse import quote

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.model import Article, Evidence
from kg.terms import KG, KG_IRI, PREFIXES, RES_IRI, SCHEMA, SEM

FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "trig": "trig"}
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
_RELATIONS = {"affiliatedWith", "leaderOf", "memberOf", "spokespersonOf"}


def _part(text: str) -> str:
    """A file stem made safe for an IRI path segment ("my notes.txt" -> "my%20notes")."""
    return quote(text, safe="-._~")


def predicate_iri(name: str) -> URIRef:
    """The property an edge name stands for: sem:hasPlace, else a term of kg."""
    if name == "hasPlace":
        return SEM.hasPlace
    if name in _RELATIONS or name in {"agent", "target", "coParticipant", "claimedBy"}:
        return URIRef(KG_IRI + name)
    return KG.affiliatedWith


def to_rdf(graph: nx.MultiDiGraph, articles: Mapping[str, Article], base: str = RES_IRI) -> Graph:
    """The whole graph as RDF (see ../shared/guides/ONTOLOGY.md)."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri if prefix != "res" else base)
    art = {aid: URIRef(f"{base}article/{_part(aid)}") for aid in articles}
    for aid in sorted(articles):
        _article(g, art[aid], articles[aid])
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        s = URIRef(node)
        if data["kind"] == "Event":
            g.add((s, RDF.type, KG.Event))
            g.add((s, RDF.type, URIRef(KG_IRI + data["cls"])))
            _event(g, s, data)
        else:
            g.add((s, RDF.type, _ENTITY_CLASS[data["kind"]]))
        g.add((s, RDFS.label, Literal(data["label"])))
        for alt in data["alt_labels"]:
            g.add((s, SKOS.altLabel, Literal(alt)))
        for aid in data["sources"]:
            g.add((s, PROV.wasDerivedFrom, art[aid]))
        g.add((s, KG.sourceCount, Literal(len(data["sources"]), datatype=XSD.integer)))
        for ev in data["evidence"]:
            g.add((s, KG.evidence, _mention(g, ev, art, base)))
    for s, o, data in sorted(
        graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"], e[2]["role"] or "")
    ):
        p = predicate_iri(data["predicate"])
        g.add((URIRef(s), p, URIRef(o)))
        _statements(g, URIRef(s), p, URIRef(o), data["role"], data["evidence"], art, base)
    return g


def _article(g: Graph, s: URIRef, a: Article) -> None:
    g.add((s, RDF.type, KG.Article))
    g.add((s, RDFS.label, Literal(a.title or a.path)))
    g.add((s, KG.sourceFile, Literal(a.path)))
    g.add((s, KG.sha256, Literal(a.sha256)))
    if a.title:
        g.add((s, DCTERMS.title, Literal(a.title)))
    if a.published:
        g.add((s, DCTERMS.date, Literal(a.published.isoformat(), datatype=XSD.date)))
    if a.date_origin:
        g.add((s, KG.dateOrigin, Literal(a.date_origin)))
    if a.publisher:
        g.add((s, DCTERMS.publisher, Literal(a.publisher)))
    if a.url:
        g.add((s, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))


def _event(g: Graph, s: URIRef, data: Mapping[str, object]) -> None:
    g.add((s, KG.status, _STATUS[str(data["status"])]))
    if data.get("time_value"):
        g.add((s, KG.timeValue, Literal(str(data["time_value"]))))
        g.add((s, KG.timeType, Literal(str(data["time_type"]))))
    if data.get("begin"):
        g.add((s, KG.begin, Literal(str(data["begin"]), datatype=XSD.date)))
    if data.get("end"):
        g.add((s, KG.end, Literal(str(data["end"]), datatype=XSD.date)))
    for conflict in data.get("time_conflicts") or ():  # type: ignore[attr-defined]
        g.add((s, KG.timeConflict, Literal(conflict)))


def _mention(g: Graph, ev: Evidence, art: Mapping[str, URIRef], base: str) -> URIRef:
    m = URIRef(f"{base}mention/{_part(ev.article)}-{ev.start}-{ev.end}")
    g.add((m, RDF.type, KG.Mention))
    g.add((m, KG.inArticle, art[ev.article]))
    g.add((m, KG.start, Literal(ev.start, datatype=XSD.integer)))
    g.add((m, KG.end, Literal(ev.end, datatype=XSD.integer)))
    g.add((m, KG.anchorOf, Literal(ev.anchor)))
    g.add((m, KG.sentence, Literal(ev.sentence)))
    return m


def _statements(
    g: Graph,
    s: URIRef,
    p: URIRef,
    o: URIRef,
    role: str | None,
    evidence: Iterable[Evidence],
    art: Mapping[str, URIRef],
    base: str,
) -> None:
    """One rdf:Statement per article that supports the edge, citing its mentions."""
    by_article: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_article.setdefault(ev.article, []).append(ev)
    for aid in sorted(by_article):
        digest = hashlib.sha256(f"{s}|{p}|{o}|{role or ''}|{aid}".encode()).hexdigest()[:16]
        st = URIRef(f"{base}statement/{digest}")
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, p))
        g.add((st, RDF.object, o))
        g.add((st, PROV.wasDerivedFrom, art[aid]))
        if role:
            g.add((st, KG.role, Literal(role)))
        for ev in by_article[aid]:
            g.add((st, KG.evidence, _mention(g, ev, art, base)))


def serialise(g: Graph, fmt: str = "ttl", base: str = RES_IRI) -> str:
    """Serialise in one of FORMATS, stable byte for byte. TriG holds the Turtle in one named
    graph, `<base>graph` (rdflib's own TriG names the default graph with a random id)."""
    if fmt == "nt":
        return "".join(sorted(g.serialize(format="nt").splitlines(keepends=True)))
    if fmt == "trig":
        lines = g.serialize(format="turtle").splitlines(keepends=True)
        head = [line for line in lines if line.startswith("@prefix")]
        body = [line for line in lines if not line.startswith("@prefix")]
        return "".join(head) + f"\n<{base}graph> {{\n" + "".join(body).strip("\n") + "\n}\n"
    return g.serialize(format=FORMATS[fmt])
