"""ontology/kg.ttl: it parses in both RDF engines, defines the public vocabulary, and its event
taxonomy is well-formed data for the events extractor."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.lexicon import DEFAULT_DIR, QUAD_CLASSES
from kg.terms import KG, KG_IRI, SCHEMA, SEM

TTL = DEFAULT_DIR / "kg.ttl"
EVENT = URIRef(KG_IRI + "Event")
CAMEO_CODE = URIRef(KG_IRI + "cameoCode")
QUAD = URIRef(KG_IRI + "quadClass")
VERB = URIRef(KG_IRI + "verbTrigger")
NOUN = URIRef(KG_IRI + "nounTrigger")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(TTL, format="turtle")


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(path=str(TTL), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def _kg_terms() -> list[str]:
    return sorted(n for n in KG.__annotations__ if not n.startswith("_"))


def _event_classes(graph: Graph) -> set[URIRef]:
    found = {EVENT}
    frontier = [EVENT]
    while frontier:
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return found


def test_both_engines_read_the_same_triples(graph: Graph, store: pyoxigraph.Store) -> None:
    assert len(store) == len(graph) > 500


@pytest.mark.parametrize("name", _kg_terms())
def test_every_public_term_is_defined_with_label_and_comment(graph: Graph, name: str) -> None:
    term = URIRef(KG_IRI + name)
    assert (term, RDF.type, None) in graph, f"kg:{name} has no rdf:type"
    assert isinstance(graph.value(term, RDFS.label), Literal), f"kg:{name} has no rdfs:label"
    assert isinstance(graph.value(term, RDFS.comment), Literal), f"kg:{name} has no rdfs:comment"


def test_every_kg_term_the_ontology_uses_is_defined(graph: Graph) -> None:
    used = {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(KG_IRI)
    }
    undefined = sorted(str(t) for t in used if (t, RDF.type, None) not in graph)
    assert undefined == []
    unlabelled = sorted(str(t) for t in used if (t, RDFS.label, None) not in graph)
    assert unlabelled == []


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (KG.Person, SCHEMA.Person),
        (KG.Person, SEM.Actor),
        (KG.Place, SCHEMA.Place),
        (KG.Place, SEM.Place),
        (KG.State, SCHEMA.Country),
        (KG.Organization, SCHEMA.Organization),
        (KG.Organization, SEM.Actor),
        (KG.Event, SEM.Event),
        (KG.Person, KG.Entity),
        (KG.State, KG.Entity),
        (KG.Organization, KG.Entity),
        (KG.Place, KG.Entity),
    ],
)
def test_class_alignments(graph: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in graph


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (KG.agent, SEM.hasActor),
        (KG.target, SEM.hasActor),
        (KG.coParticipant, SEM.hasActor),
        (KG.begin, SEM.hasEarliestBeginTimeStamp),
        (KG.end, SEM.hasLatestEndTimeStamp),
        (KG.leaderOf, KG.affiliatedWith),
        (KG.memberOf, KG.affiliatedWith),
        (KG.spokespersonOf, KG.affiliatedWith),
        (VERB, SKOS.altLabel),
        (NOUN, SKOS.altLabel),
    ],
)
def test_property_alignments(graph: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subPropertyOf, sup) in graph


def test_status_individuals(graph: Graph) -> None:
    statuses = set(graph.subjects(RDF.type, KG.EventStatus))
    assert statuses == {KG.Occurred, KG.Planned, KG.Negated, KG.Hypothetical}
    assert (KG.EventStatus, RDF.type, OWL.Class) in graph
    assert graph.value(KG.status, RDFS.range) == KG.EventStatus


def test_sparql_sees_the_same_taxonomy(graph: Graph, store: pyoxigraph.Store) -> None:
    query = f"""
        PREFIX rdfs: <{RDFS}>
        SELECT DISTINCT ?c WHERE {{ ?c rdfs:subClassOf* <{EVENT}> }}
    """
    found = {URIRef(row["c"].value) for row in store.query(query)}
    assert found == _event_classes(graph)
    assert len(found) >= 40


def test_every_event_class_has_label_comment_and_a_trigger(graph: Graph) -> None:
    for cls in _event_classes(graph):
        assert (cls, RDF.type, OWL.Class) in graph, cls
        assert graph.value(cls, RDFS.label), cls
        assert graph.value(cls, RDFS.comment), cls
        triggers = [*graph.objects(cls, VERB), *graph.objects(cls, NOUN)]
        # kg:Event itself is abstract: every event node has one of its subclasses
        assert triggers or cls == EVENT, f"{cls} has no trigger"


def test_cameo_codes_and_quad_classes(graph: Graph) -> None:
    # CAMEO's root codes 01-05 are verbal cooperation, 06-08 material cooperation, 09-13 verbal
    # conflict, 14-20 material conflict.
    quads = ["verbal-cooperation"] * 5 + ["material-cooperation"] * 3
    quads += ["verbal-conflict"] * 5 + ["material-conflict"] * 7
    coded = 0
    for cls in _event_classes(graph):
        codes = [str(c) for c in graph.objects(cls, CAMEO_CODE)]
        quad = [str(q) for q in graph.objects(cls, QUAD)]
        assert len(codes) <= 1 and len(quad) <= 1, cls
        assert all(q in QUAD_CLASSES for q in quad), cls
        if codes:
            coded += 1
            assert re.fullmatch(r"\d{2,4}", codes[0]), (cls, codes)
            assert quad == [quads[int(codes[0][:2]) - 1]], (cls, codes, quad)
    assert coded >= 30


def test_triggers_are_lowercase_and_in_one_class_only(graph: Graph) -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for prop in (VERB, NOUN):
        for cls, value in graph.subject_objects(prop):
            text = str(value)
            assert text == text.lower().strip() and "  " not in text, (cls, text)
            owners[(str(prop), text.replace("-", " "))].add(str(cls))
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert shared == {}


@pytest.mark.parametrize(
    ("prop", "phrase", "cls"),
    [
        (NOUN, "video call", "Call"),
        (NOUN, "video conference", "Call"),
        (NOUN, "talk", "Meeting"),
        (NOUN, "state visit", "Visit"),
        (VERB, "shoot down", "MilitaryAction"),
        (NOUN, "partnership", "Agreement"),
        (NOUN, "pact", "Agreement"),
        (NOUN, "declaration", "Agreement"),
        (NOUN, "communique", "Agreement"),
        (NOUN, "summit", "Summit"),
        (VERB, "invite", "Invitation"),
        (NOUN, "missile strike", "AerialAttack"),
        (NOUN, "sanction", "Sanction"),
        (NOUN, "exercise", "MilitaryExercise"),
    ],
)
def test_trigger_examples(graph: Graph, prop: URIRef, phrase: str, cls: str) -> None:
    assert (URIRef(KG_IRI + cls), prop, Literal(phrase)) in graph


def test_no_limits_is_not_a_trigger(graph: Graph) -> None:
    assert not any(str(o) in {"no limit", "no limits"} for o in graph.objects(None, NOUN))


def test_status_cues_are_a_skos_scheme(graph: Graph) -> None:
    cue = URIRef(KG_IRI + "cue")
    for name in ("PlannedCue", "NegationCue", "HypotheticalCue", "ReportingCue"):
        concept = URIRef(KG_IRI + name)
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert (concept, SKOS.inScheme, URIRef(KG_IRI + "StatusCues")) in graph
        assert len(set(graph.objects(concept, cue))) >= 5


def test_terms_module_names_the_ontology_namespace() -> None:
    # The closed namespace rejects a term the ontology does not define.
    with pytest.raises(AttributeError):
        _ = KG.Nonexistent
    assert Path(TTL).is_file()
