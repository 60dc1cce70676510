"""`kg validate`: the seed graph against ontology/shapes.ttl, and each constraint made to fire.

Breaking the seed graph once per constraint, each on a node of its own, and validating all the
breaks in one pySHACL run keeps this quick: a result names its focus node, so each test reads
the results of the node it broke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import SH

from kg.cli import main
from kg.errors import ValidationError
from kg.terms import KG_IRI, RES_IRI
from kg.validate import SHAPES, Report, Violation, validate

runner = CliRunner()

PREFIXES = f"""
PREFIX kg: <{KG_IRI}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
# Events the extractor makes from a verb no class lists: typed kg:Event only (see the report).
EVENTS = PREFIXES + "SELECT ?n WHERE { ?n a kg:Event, ?c FILTER (?c != kg:Event) }"
DATED = PREFIXES + "SELECT ?n WHERE { ?n a kg:Event ; kg:begin ?b ; kg:end ?e }"
ENTITIES = PREFIXES + "SELECT ?n WHERE { VALUES ?c { kg:Person kg:State kg:Organization } ?n a ?c }"
MENTIONS = PREFIXES + "SELECT ?n WHERE { ?n a kg:Mention }"
STATEMENTS = PREFIXES + "SELECT ?n WHERE { ?n a rdf:Statement }"
STATES = PREFIXES + "SELECT ?n WHERE { ?n a kg:State }"
ARTICLES = PREFIXES + "SELECT ?n WHERE { ?n a kg:Article }"
# an event some article does not tell, so that the break has an article to add
PARTLY_SOURCED = PREFIXES + (
    "SELECT ?n WHERE { ?n a kg:Event . ?a a kg:Article "
    "FILTER NOT EXISTS { ?n kg:evidence/kg:inArticle ?a } }"
)
OTHER_ARTICLE = "<https://w3id.org/newskg/resource/article/elsewhere>"
OWL = "http://www.w3.org/2002/07/owl#"
WD = "http://www.wikidata.org/entity/"
GN = "http://www.geonames.org/ontology#"


@dataclass(frozen=True)
class Break:
    """One deliberate fault: which nodes may take it, the SPARQL Update ($n the node), the
    path and message the result must carry."""

    name: str
    pick: str
    update: str
    path: str
    message: str


BREAKS = [
    # events and entities
    Break("no-label", ENTITIES, "DELETE WHERE { $n rdfs:label ?l }", "rdfs:label",
          "exactly one rdfs:label"),
    Break("two-labels", ENTITIES, 'INSERT DATA { $n rdfs:label "Another name" }', "rdfs:label",
          "exactly one rdfs:label"),
    Break("no-source", EVENTS, "DELETE WHERE { $n prov:wasDerivedFrom ?a }",
          "prov:wasDerivedFrom", "at least one source article"),
    Break("source-not-article", ENTITIES,
          f"INSERT DATA {{ $n prov:wasDerivedFrom {OTHER_ARTICLE} }}", "prov:wasDerivedFrom",
          "a source must be a kg:Article"),
    Break("no-evidence", EVENTS, "DELETE WHERE { $n kg:evidence ?m }", "kg:evidence",
          "at least one kg:evidence"),
    Break("evidence-not-mention", ENTITIES, f"INSERT DATA {{ $n kg:evidence {OTHER_ARTICLE} }}",
          "kg:evidence", "evidence must be a kg:Mention"),
    Break("source-count-string", EVENTS,
          'DELETE { $n kg:sourceCount ?c } INSERT { $n kg:sourceCount "many" } '
          "WHERE { $n kg:sourceCount ?c }", "kg:sourceCount", "exactly one kg:sourceCount"),
    Break("source-without-evidence", PARTLY_SOURCED,
          "INSERT { $n prov:wasDerivedFrom ?a } WHERE { ?a a kg:Article "
          "FILTER NOT EXISTS { $n kg:evidence/kg:inArticle ?a } }",
          "prov:wasDerivedFrom", "but no evidence mention is in that article"),
    Break("source-count-wrong", ENTITIES,
          "DELETE { $n kg:sourceCount ?c } INSERT { $n kg:sourceCount 99 } "
          "WHERE { $n kg:sourceCount ?c }", "kg:sourceCount", "kg:sourceCount is 99"),
    # events
    Break("no-class", EVENTS,
          "DELETE { $n a ?c } WHERE { $n a ?c FILTER (?c != kg:Event) }", "rdf:type",
          "no event class of the ontology"),
    Break("class-not-in-ontology", EVENTS,
          "DELETE { $n a ?c } INSERT { $n a kg:Teleportation } "
          "WHERE { $n a ?c FILTER (?c != kg:Event) }", "rdf:type",
          "no event class of the ontology"),
    Break("no-status", EVENTS, "DELETE WHERE { $n kg:status ?s }", "kg:status",
          "exactly one kg:status"),
    Break("unknown-status", EVENTS,
          "DELETE { $n kg:status ?s } INSERT { $n kg:status kg:Rumoured } "
          "WHERE { $n kg:status ?s }",
          "kg:status", "exactly one kg:status"),
    Break("begin-not-date", DATED,
          "DELETE { $n kg:begin ?b } INSERT { $n kg:begin \"soon\" } WHERE { $n kg:begin ?b }",
          "kg:begin", "kg:begin must be one xsd:date"),
    Break("two-ends", DATED, 'INSERT DATA { $n kg:end "2099-01-01"^^xsd:date }', "kg:end",
          "kg:end must be one xsd:date"),
    Break("begins-after-end", DATED,
          'DELETE { $n kg:begin ?b } INSERT { $n kg:begin "2099-01-01"^^xsd:date } '
          "WHERE { $n kg:begin ?b }", "kg:begin", "begins after it ends"),
    Break("begin-without-end", DATED, "DELETE WHERE { $n kg:end ?e }", "",
          "kg:begin without a kg:end"),
    # mentions
    Break("mention-no-article", MENTIONS, "DELETE WHERE { $n kg:inArticle ?a }", "kg:inArticle",
          "exactly one kg:Article"),
    Break("mention-negative-start", MENTIONS,
          "DELETE { $n kg:start ?s } INSERT { $n kg:start -1 } WHERE { $n kg:start ?s }",
          "kg:start", "an xsd:integer >= 0"),
    Break("mention-start-string", MENTIONS,
          'DELETE { $n kg:start ?s } INSERT { $n kg:start "early" } WHERE { $n kg:start ?s }',
          "kg:start", "an xsd:integer >= 0"),
    Break("mention-no-end", MENTIONS, "DELETE WHERE { $n kg:end ?e }", "kg:end",
          "one kg:end, an xsd:integer"),
    Break("mention-empty", MENTIONS,
          "DELETE { $n kg:end ?e } INSERT { $n kg:end ?s } WHERE { $n kg:start ?s ; kg:end ?e }",
          "kg:start", "must start before it ends"),
    Break("mention-no-anchor", MENTIONS, "DELETE WHERE { $n kg:anchorOf ?a }", "kg:anchorOf",
          "exactly one kg:anchorOf"),
    Break("mention-no-sentence", MENTIONS, "DELETE WHERE { $n kg:sentence ?a }", "kg:sentence",
          "exactly one kg:sentence"),
    Break("mention-offsets-off", MENTIONS,
          "DELETE { $n kg:end ?e } INSERT { $n kg:end ?e2 } "
          "WHERE { $n kg:end ?e BIND (?e + 3 AS ?e2) }",
          "kg:anchorOf", "but its offsets span"),
    Break("mention-not-in-sentence", MENTIONS,
          'DELETE { $n kg:sentence ?s } INSERT { $n kg:sentence "Nothing to see." } '
          "WHERE { $n kg:sentence ?s }", "kg:sentence", "does not occur in its sentence"),
    # reified statements
    Break("statement-no-subject", STATEMENTS, "DELETE WHERE { $n rdf:subject ?s }", "rdf:subject",
          "exactly one rdf:subject"),
    Break("statement-two-predicates", STATEMENTS, "INSERT DATA { $n rdf:predicate kg:target }",
          "rdf:predicate", "exactly one rdf:predicate"),
    Break("statement-literal-object", STATEMENTS,
          'DELETE { $n rdf:object ?o } INSERT { $n rdf:object "Putin" } WHERE { $n rdf:object ?o }',
          "rdf:object", "exactly one rdf:object, an IRI"),
    Break("statement-no-source", STATEMENTS, "DELETE WHERE { $n prov:wasDerivedFrom ?a }",
          "prov:wasDerivedFrom", "must name its one source article"),
    Break("statement-no-evidence", STATEMENTS, "DELETE WHERE { $n kg:evidence ?m }", "kg:evidence",
          "at least one kg:Mention"),
    Break("statement-not-asserted", STATEMENTS,
          "DELETE { ?s ?p ?o } WHERE { $n rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }",
          "rdf:subject", "an edge the graph does not contain"),
    Break("statement-evidence-elsewhere", STATEMENTS,
          "DELETE { $n prov:wasDerivedFrom ?a } INSERT { $n prov:wasDerivedFrom ?b } "
          "WHERE { $n prov:wasDerivedFrom ?a . ?b a kg:Article FILTER (?b != ?a) } ",
          "kg:evidence", "not in the statement's source article"),
    # articles
    Break("article-no-file", ARTICLES, "DELETE WHERE { $n kg:sourceFile ?f }", "kg:sourceFile",
          "exactly one kg:sourceFile"),
    Break("article-bad-sha", ARTICLES,
          'DELETE { $n kg:sha256 ?h } INSERT { $n kg:sha256 "XYZ" } WHERE { $n kg:sha256 ?h }',
          "kg:sha256", "64 lowercase hex digits"),
    # public ids (kg/ids.py)
    Break("same-as-page-iri", ENTITIES,
          f"INSERT DATA {{ $n <{OWL}sameAs> <https://www.wikidata.org/wiki/Q159> }}",
          "owl:sameAs", "must be a Wikidata item"),
    Break("same-as-two-items", ENTITIES,
          f"INSERT DATA {{ $n <{OWL}sameAs> <{WD}Q1>, <{WD}Q2> }}", "owl:sameAs",
          "at most one each"),
    Break("country-code-not-a-state", EVENTS, f'INSERT DATA {{ $n <{GN}countryCode> "RU" }}', "",
          "only a kg:State has an ISO 3166 code"),
    Break("country-code-alpha-3", STATES, f'INSERT DATA {{ $n <{GN}countryCode> "RUS" }}',
          "gn:countryCode", "two capital letters"),
    Break("article-date-string", ARTICLES,
          'DELETE { $n dcterms:date ?d } INSERT { $n dcterms:date "yesterday" } '
          "WHERE { $n dcterms:date ?d }", "dcterms:date", "an xsd:date"),
]  # fmt: skip


def _short(iri: str) -> str:
    return "res:" + iri.removeprefix(RES_IRI)


def _load(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def _nodes(store: ox.Store, query: str) -> list[str]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return sorted({row["n"].value for row in result})  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def seed_report(seed_out: Path) -> Report:
    return validate(seed_out / "graph.ttl")


@pytest.fixture(scope="module")
def broken(
    seed_out: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Report, dict[str, str]]:
    """The seed graph with every break applied, each to a node of its own."""
    store = _load(seed_out / "graph.ttl")
    used: set[str] = set()
    chosen = {}
    for fault in BREAKS:
        node = next(n for n in _nodes(store, fault.pick) if n not in used)
        used.add(node)
        chosen[fault.name] = node
        store.update(PREFIXES + fault.update.replace("$n", f"<{node}>"))
    path = tmp_path_factory.mktemp("broken") / "graph.ttl"
    path.write_bytes(store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()) or b"")
    return validate(path), chosen


def test_seed_build_validates(seed_report: Report) -> None:
    assert seed_report.conforms, "\n".join(map(str, seed_report.violations))
    counts = dict(seed_report.counts)
    assert counts["articles"] == 5
    assert counts["events"] > 10 and counts["mentions"] > 100 and counts["statements"] > 100


@pytest.mark.parametrize("fault", BREAKS, ids=[b.name for b in BREAKS])
def test_each_constraint_fires(fault: Break, broken: tuple[Report, dict[str, str]]) -> None:
    report, chosen = broken
    assert not report.conforms
    node = _short(chosen[fault.name])
    at_node = [v for v in report.violations if v.node == node]
    assert any(v.path == fault.path and fault.message in v.message for v in at_node), at_node
    assert all(v.severity == "Violation" for v in at_node)


def test_every_constraint_of_the_shapes_file_fired(
    broken: tuple[Report, dict[str, str]],
) -> None:
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    messages = {str(m) for m in shapes.objects(None, SH.message)}
    assert len(messages) > 20
    produced = {v.message for v in broken[0].violations}
    for message in messages:
        pattern = re.sub(r"\\\{\\\?\w+\\\}", ".*", re.escape(message))
        assert any(re.fullmatch(pattern, m) for m in produced), message


def test_violation_prints_as_one_line() -> None:
    v = Violation(
        "res:event/x", "kg:begin", "begins after it ends (kg:begin > kg:end)", "Violation"
    )
    assert str(v) == "Violation: res:event/x kg:begin: begins after it ends (kg:begin > kg:end)"


def test_cli_prints_violations_and_exits_1(seed_out: Path, tmp_path: Path) -> None:
    store = _load(seed_out / "graph.ttl")
    # generic events stripped of kg:OtherEvent: typed kg:Event only, as ONTOLOGY.md forbids
    store.update(PREFIXES + "DELETE WHERE { ?n a kg:OtherEvent }")
    broken = tmp_path / "graph.ttl"
    broken.write_bytes(store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()) or b"")
    result = runner.invoke(main, ["validate", str(broken)])
    assert result.exit_code == 1
    *lines, summary = result.stdout.splitlines()
    assert lines and all(line.startswith("Violation: res:event/") for line in lines)
    assert summary.startswith(f"{broken}: does not conform: {len(lines)} result(s) (")
    assert result.stderr == ""


def test_cli_conforms_on_the_seed_graph(seed_out: Path) -> None:
    graph = seed_out / "graph.ttl"
    result = runner.invoke(main, ["validate", str(graph)])
    assert result.exit_code == 0, result.output
    # regression: the summary went to stderr, so `kg validate > report.txt` wrote an empty file
    assert result.stdout.startswith(f"{graph}: conforms (5 articles, ")
    assert result.stdout.count("\n") == 1 and result.stderr == ""


def test_not_turtle_is_a_one_line_error(tmp_path: Path, seed_out: Path) -> None:
    bad = tmp_path / "graph.ttl"
    bad.write_text("<html><body>not a graph</body></html>\n", "utf-8")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"Error: {bad}: cannot read the graph as Turtle")
    with pytest.raises(ValidationError, match="no such graph file"):
        validate(tmp_path / "missing.ttl")
    with pytest.raises(ValidationError, match="cannot read the shapes"):
        validate(seed_out / "graph.ttl", shapes=bad)
