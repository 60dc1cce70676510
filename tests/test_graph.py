"""The knowledge graph model, its IRIs and its vocabulary: what every exporter reads."""

from __future__ import annotations

import ast
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import lexicon, model
from kg.errors import QueryError
from kg.export import rdf
from kg.graph import Edge, EntityNode, KnowledgeGraph, Mention
from kg.iris import Iris, UnknownTerm, entity_class, event_class, predicate, slug, status
from kg.terms import KG_IRI, RES_IRI, SEM, vocabulary
from kg.timeline import timeline, timeline_rows
from tests.conftest_browser import sample_graph

KG = Path(__file__).resolve().parent.parent / "kg"


def _turtle(graph: KnowledgeGraph) -> bytes:
    handle = io.BytesIO()
    rdf.writer(rdf.to_rdf(graph), "ttl")(handle)
    return handle.getvalue()


def test_the_vocabulary_is_the_ontology_s_and_the_model_s() -> None:
    vocab = vocabulary()
    assert vocab.roles == model.ROLES  # in kg.ttl's order, which the CSV's actors follow
    assert tuple(vocab.entity_classes) == model.ENTITY_TYPES
    assert vocab.entity_classes["Other"] == KG_IRI + "Entity"
    assert tuple(vocab.statuses) == model.STATUSES
    titles = {t.predicate for t in lexicon.load().titles.values()}
    assert titles <= set(vocab.relations) <= set(vocab.predicates)
    assert vocab.predicates["hasPlace"] == str(SEM.hasPlace)
    assert {"claimedBy", *vocab.roles} <= set(vocab.predicates)


def test_terms_are_checked_against_the_ontology() -> None:
    assert event_class("Call") == KG_IRI + "Call"
    assert entity_class("Person") == KG_IRI + "Person"
    assert predicate("leaderOf") == KG_IRI + "leaderOf"
    assert status("Planned") == KG_IRI + "Planned"
    for check, name in (
        (event_class, "NavalDrill"),
        (entity_class, "Animal"),
        (predicate, "employeeOf"),  # once silently written kg:affiliatedWith
        (predicate, "hasActor"),
        (status, "Rumoured"),
    ):
        with pytest.raises(UnknownTerm):
            check(name)


def test_node_iris_are_slugs_deduplicated_in_minting_order() -> None:
    assert slug("São Paulo's  Mayor") == "sao-paulo-s-mayor" and slug("!!!") == "x"
    nodes = Iris("http://x/").nodes()
    assert nodes.entity("Person", "Xi Jinping") == "http://x/person/xi-jinping"
    assert nodes.entity("Person", "Xi  Jinping") == "http://x/person/xi-jinping-2"
    assert nodes.entity("State", "China", "state/china") == "http://x/state/china"
    assert nodes.event("Call", "2022-12-30", ["Xi Jinping", "Vladimir Putin"], "call") == (
        "http://x/event/call-2022-12-30-vladimir-putin-xi-jinping"
    )
    assert nodes.event("Visit", None, [], "visit") == "http://x/event/visit-undated-visit"
    with pytest.raises(UnknownTerm):
        nodes.event("Picnic", None, [], "picnic")
    with pytest.raises(ValueError, match="gazetteer key"):
        nodes.entity("State", "China", "China")


def test_statement_iris_depend_on_the_whole_edge_and_the_article() -> None:
    iris = Iris()
    one = iris.statement("s", "p", "o", None, "a")
    assert one.startswith(RES_IRI + "statement/") and len(one) == len(RES_IRI) + 26
    assert len({one, iris.statement("s", "p", "o", "President", "a"),
                iris.statement("s", "p", "o", None, "b"), Iris("x/").statement(
                    "s", "p", "o", None, "a")}) == 4  # fmt: skip


def test_lookups_of_the_sample_graph() -> None:
    g = sample_graph()
    visit = RES_IRI + "event/visit-2023-sp"
    putin = RES_IRI + "person/vladimir-putin"
    assert g.participants(visit) == (("agent", RES_IRI + "person/xi-jinping"),)
    assert g.places(visit) == (RES_IRI + "place/moscow",)
    assert g.claimant(visit) == putin
    assert g.claimant(RES_IRI + "event/strike-1") is None
    assert g.degree(putin) == 3  # agent of the call, claimant of the visit, leaderOf Russia
    assert g.label(putin) == "Vladimir Putin" and g.label("urn:x") == "urn:x"
    assert g.statements() == 10
    assert [n.iri for n in g.nodes()] == sorted(n.iri for n in (*g.entities, *g.events))


def test_mention_types_and_external_ids_are_exported() -> None:
    g = sample_graph()
    xi = next(e for e in g.entities if e.label == "Xi Jinping")
    he = Mention("a2", 100, 102, "He", "He said so.", None, "pronoun")
    xi2 = replace(
        xi, evidence=(*xi.evidence, he), same_as=("http://www.wikidata.org/entity/Q15031",)
    )
    g2 = replace(g, entities=tuple(xi2 if e is xi else e for e in g.entities))
    text = _turtle(g2).decode()
    assert "<https://w3id.org/newskg/resource/mention/a2-100-102> a kg:Mention" in text
    assert 'kg:mentionType "pronoun"' in text
    assert text.count("kg:mentionType") == 1  # a name is not marked
    assert "owl:sameAs <http://www.wikidata.org/entity/Q15031>" in text
    assert 'kg:quote "Xi will visit Moscow in spring"' in text


def test_time_origin_is_exported() -> None:
    g = sample_graph()
    call = next(e for e in g.events if e.cls.name == "Call")
    g2 = replace(g, events=tuple(replace(e, time_origin="text") if e is call else e
                                 for e in g.events))  # fmt: skip
    assert b'kg:timeOrigin "text"' in _turtle(g2) and b"kg:timeOrigin" not in _turtle(g)


def test_an_unknown_class_or_predicate_cannot_reach_the_turtle() -> None:
    g = sample_graph()
    bad = Edge(RES_IRI + "person/xi-jinping", "employeeOf", RES_IRI + "state/russia", ())
    with pytest.raises(UnknownTerm, match="employeeOf"):
        rdf.to_rdf(replace(g, edges=(*g.edges, bad)))
    animal = EntityNode(RES_IRI + "animal/x", "Animal", "X", (), (), ())
    with pytest.raises(UnknownTerm, match="Animal"):
        rdf.to_rdf(replace(g, entities=(*g.entities, animal)))


def test_a_published_graph_reads_back_to_the_same_turtle(seed_out: Path) -> None:
    """`read_graph` inverts `to_rdf`: the model holds everything the Turtle states."""
    written = (seed_out / "graph.ttl").read_bytes()
    store = ox.Store()
    store.bulk_load(written, ox.RdfFormat.TURTLE)
    again = rdf.read_graph(store)
    assert _turtle(again) == written
    assert len(again.events) > 20 and len(again.edges) > 100
    # kg timeline and the page order the same rows, from the file or from the model
    assert timeline(again) == timeline_rows(seed_out / "graph.ttl")


def test_the_sample_graph_reads_back_whole() -> None:
    g = sample_graph()
    store = ox.Store()
    store.bulk_load(_turtle(g), ox.RdfFormat.TURTLE)
    assert _turtle(rdf.read_graph(store)) == _turtle(g)


def test_a_graph_with_an_unknown_class_or_no_status_is_refused() -> None:
    head = "@prefix kg: <https://w3id.org/newskg/ontology#> .\n"
    head += "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    for body, problem in (
        ('<urn:e> a kg:Event, kg:Picnic ; rdfs:label "e" ; kg:status kg:Occurred .', "Picnic"),
        ('<urn:e> a kg:Event, kg:Call ; rdfs:label "e" .', "no kg:status"),
        ("<urn:e> a kg:Event, kg:Call ; kg:status kg:Occurred .", "no rdfs:label"),
    ):
        store = ox.Store()
        store.bulk_load((head + body).encode(), ox.RdfFormat.TURTLE)
        with pytest.raises(QueryError, match=problem):
            rdf.read_graph(store)


def test_a_read_edge_keeps_its_role_and_evidence() -> None:
    g = sample_graph()
    store = ox.Store()
    store.bulk_load(_turtle(g), ox.RdfFormat.TURTLE)
    back = rdf.read_graph(store)
    leader = next(e for e in back.edges if e.predicate == "leaderOf")
    assert leader.role == "President" and [m.anchor for m in leader.evidence] == ["Vladimir Putin"]
    assert back.articles[0].published == date(2022, 12, 30)


# -- where IRIs are made -------------------------------------------------------------------

_BASE_NAMES = {"base_iri", "RES_IRI", "KG_IRI"}  # variables
_BASE_ATTRIBUTES = {"base", "_base"}  # `iris.base`, `self._base`
_SEGMENTS = ("article/", "mention/", "statement/", "event/", "/resource/")


def _builds_an_iri(node: ast.AST) -> bool:
    """An f-string or `+` that joins an IRI base (the resource or the ontology namespace) or a
    path segment of a minted IRI with something else."""
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
        texts = [v.value for v in node.values if isinstance(v, ast.Constant)]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts, texts = [node.left, node.right], []
        texts += [p.value for p in parts if isinstance(p, ast.Constant)]
    else:
        return False
    names = {p.id for p in parts if isinstance(p, ast.Name)}
    attributes = {p.attr for p in parts if isinstance(p, ast.Attribute)}
    return bool(names & _BASE_NAMES or attributes & _BASE_ATTRIBUTES) or any(
        isinstance(t, str) and t.startswith(_SEGMENTS) for t in texts
    )


def test_no_module_but_iris_builds_an_iri() -> None:
    """Resource and term IRIs are joined only in kg/iris.py. kg/terms.py declares the
    namespaces and reads the vocabulary, kg/lexicon.py reads the ontology's own terms; both
    join the ontology namespace with a local name they read from kg.ttl."""
    allowed = {"iris.py", "terms.py", "lexicon.py"}
    found = []
    for path in sorted(KG.rglob("*.py")):
        if path.name in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if _builds_an_iri(node):
                found.append(f"{path.relative_to(KG.parent)}:{getattr(node, 'lineno', 0)}")
    assert found == []


def test_the_check_finds_an_iri_built_elsewhere() -> None:
    for code in ('f"{base}event/{x}"', "RES_IRI + path", 'KG_IRI + data["cls"]',
                 '"article/" + x', "graph.iris.base + x"):  # fmt: skip
        assert any(_builds_an_iri(n) for n in ast.walk(ast.parse(code))), code
    for code in ('f"{label} ({role})"', 'f"{base}T{clock}"', 'f"#{red:02x}"'):
        assert not any(_builds_an_iri(n) for n in ast.walk(ast.parse(code))), code
