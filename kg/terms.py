"""The graph's vocabulary, pre-bound. `KG` is closed: a typo in a term is an error, not a new IRI.

Event classes are not listed here: they are data in `ontology/kg.ttl` (see `kg.lexicon`), so a
user adds one by editing the ontology. Nor are the entity kinds, the event roles, the edge
predicates and the statuses: `vocabulary()` reads them from `kg.ttl`, once, for every exporter.
`tests/test_ontology.py` checks this module against the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.errors import KgError
from kg.resources import ONTOLOGY_DIR

KG_IRI = "https://w3id.org/newskg/ontology#"
RES_IRI = "https://w3id.org/newskg/resource/"


class KG(DefinedNamespace):
    # classes
    Article: URIRef
    Entity: URIRef
    Person: URIRef
    State: URIRef
    Organization: URIRef
    Place: URIRef
    Event: URIRef
    Mention: URIRef
    EventStatus: URIRef
    # status individuals
    Occurred: URIRef
    Planned: URIRef
    Negated: URIRef
    Hypothetical: URIRef
    # article properties
    sourceFile: URIRef
    dateOrigin: URIRef
    dateEvidence: URIRef
    dateline: URIRef
    agency: URIRef
    sha256: URIRef
    # event properties
    agent: URIRef
    target: URIRef
    coParticipant: URIRef
    timeValue: URIRef
    timeType: URIRef
    begin: URIRef
    end: URIRef
    status: URIRef
    claimedBy: URIRef
    cameoCode: URIRef
    sourceCount: URIRef
    evidence: URIRef
    # mention properties
    inArticle: URIRef
    start: URIRef
    anchorOf: URIRef
    sentence: URIRef
    quote: URIRef
    mentionType: URIRef
    # entity relations
    affiliatedWith: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    spokespersonOf: URIRef
    role: URIRef
    # where the timeline disagrees across outlets, and where an event's time came from
    timeConflict: URIRef
    timeOrigin: URIRef

    _NS = Namespace(KG_IRI)
    _fail = True


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
RES = Namespace(RES_IRI)

PREFIXES = {
    "kg": KG_IRI,
    "res": RES_IRI,
    "sem": str(SEM),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "rdf": str(RDF),
}

# The kind of an entity that no subclass of kg:Entity fits (extractors' "Other"): typed kg:Entity
OTHER_KIND = "Other"


@dataclass(frozen=True)
class Vocabulary:
    """What `ontology/kg.ttl` says the graph's nodes and edges may be, each in the order the
    file states it. Names are local names in kg: ("Person", "agent", "Occurred"), except
    `OTHER_KIND` and "hasPlace" (sem:hasPlace, which ONTOLOGY.md takes from SEM)."""

    entity_classes: Mapping[str, str]  # kind -> class IRI: direct subclasses of kg:Entity
    roles: tuple[str, ...]  # the kg: sub-properties of sem:hasActor: an event's participants
    relations: tuple[str, ...]  # kg:affiliatedWith and its sub-properties: entity -> entity
    predicates: Mapping[str, str]  # every edge's name -> IRI: kg: object properties whose
    # rdfs:range is kg:Entity (the roles, kg:claimedBy, the relations), and sem:hasPlace
    statuses: Mapping[str, str]  # the kg:EventStatus individuals


@cache
def vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary `path` (default: `kg.ttl` of kg's ontology folder) defines, read once per
    process. KgError naming the file when it cannot be read or parsed."""
    path = path or ONTOLOGY_DIR / "kg.ttl"
    try:
        # the streaming parser yields triples in file order, which orders roles and kinds
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError, ValueError) as exc:
        raise KgError(f"{path}: cannot read the ontology: {exc}") from None
    kg = KG_IRI

    def objects(subject: str, predicate: str) -> set[str]:
        return {
            t.object.value
            for t in triples
            if t.subject.value == subject and t.predicate.value == predicate
        }

    def subjects(predicate: str, obj: str) -> list[str]:
        found = (
            t.subject.value
            for t in triples
            if t.predicate.value == predicate and t.object.value == obj
        )
        return [s for s in dict.fromkeys(found) if s.startswith(kg)]

    def below(top: str) -> list[str]:
        """`top` and its sub-properties, transitively, in file order."""
        found = [top]
        for prop in found:
            found += [s for s in subjects(str(RDFS.subPropertyOf), prop) if s not in found]
        return found

    entity = kg + "Entity"
    kinds = {s[len(kg) :]: s for s in subjects(str(RDFS.subClassOf), entity)}
    kinds[OTHER_KIND] = entity
    edges = [
        s
        for s in subjects(str(RDF.type), str(OWL.ObjectProperty))
        if entity in objects(s, str(RDFS.range))
    ]
    predicates = {s[len(kg) :]: s for s in edges}
    predicates["hasPlace"] = str(SEM.hasPlace)
    statuses = {s[len(kg) :]: s for s in subjects(str(RDF.type), kg + "EventStatus")}
    return Vocabulary(
        entity_classes=MappingProxyType(kinds),
        roles=tuple(s[len(kg) :] for s in subjects(str(RDFS.subPropertyOf), str(SEM.hasActor))),
        relations=tuple(s[len(kg) :] for s in below(kg + "affiliatedWith")),
        predicates=MappingProxyType(predicates),
        statuses=MappingProxyType(statuses),
    )


__all__ = [
    "DCTERMS",
    "KG",
    "OTHER_KIND",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RES",
    "SCHEMA",
    "SEM",
    "SKOS",
    "XSD",
    "Vocabulary",
    "vocabulary",
]
