"""The graph's vocabulary, pre-bound. `KG` is closed: a typo in a term is an error, not a new IRI.

Event classes are not listed here: they are data in `ontology/kg.ttl` (see `kg.lexicon`), so a
user adds one by editing the ontology. `tests/test_ontology.py` checks this module against it.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

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
    # entity relations
    affiliatedWith: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    spokespersonOf: URIRef
    role: URIRef
    # where the timeline disagrees across outlets
    timeConflict: URIRef

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

__all__ = [
    "DCTERMS",
    "KG",
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
]
