"""`kg query`: named queries, parameters bound as RDF terms by the engine, output formats."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.query import QUERIES_DIR, bind, find_query, named_queries, parse_query, run_query

runner = CliRunner()

KG = "https://w3id.org/newskg/ontology#"
EVIL = '"} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
TINY = f"""
@prefix kg: <{KG}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://ex.org/a> a kg:Person ; rdfs:label "Ann" ; kg:sourceCount 2 .
<http://ex.org/b> a kg:Person ; rdfs:label "Bob\\tthe\\nbuilder" ; kg:sourceCount 5 .
<http://ex.org/c> a kg:Person ; rdfs:label {json.dumps(EVIL)} ; kg:sourceCount 1 .
"""
BY_LABEL = """# People by label.
# param: name = "Ann"  the label
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name ?who WHERE { ?who rdfs:label ?name }
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.ttl"
    path.write_text(TINY, "utf-8")
    return path


def _kg(*args: str) -> tuple[int, str]:
    result = runner.invoke(main, ["query", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _one_line_error(code: int, output: str) -> str:
    assert code == 1, output
    assert output.count("\n") == 1 and output.startswith("Error: "), output
    return output


def test_list_names_descriptions_and_parameters() -> None:
    code, out = _kg("--list")
    assert code == 0, out
    for name in ("actor-timeline", "edge-sentences", "outlet-agreement", "planned-events"):
        assert re.search(rf"^{name}\s+\S", out, re.M), name
    assert '--param actor="Xi Jinping"' in out
    assert "--param class=kg:Call" in out


def test_every_shipped_query_declares_variables_it_uses_and_runs(seed_out: Path) -> None:
    queries = named_queries()
    assert {p.stem for p in QUERIES_DIR.glob("*.rq")} == set(queries)
    for query in queries.values():
        assert query.description, query.name
        for param in query.params:
            assert f"?{param.name}" in query.text, (query.name, param.name)
        rows = json.loads(run_query(seed_out / "graph.ttl", query, "json"))
        assert rows, query.name


def test_named_query_with_a_parameter(seed_out: Path) -> None:
    graph = str(seed_out / "graph.ttl")
    code, out = _kg(graph, "--name", "actor-timeline", "--param", "actor=Vladimir Putin")
    assert code == 0, out
    code, raw = _kg(graph, "-n", "actor-timeline", "-p", "actor=Vladimir Putin", "--format", "json")
    rows = json.loads(raw)
    assert rows and {r["actor"] for r in rows} == {"Vladimir Putin"}
    assert any(r["class"] == "Call" and r["time"] == "2022-12-30" for r in rows)
    xi = json.loads(_kg(graph, "-n", "actor-timeline", "--format", "json")[1])
    assert {r["actor"] for r in xi} == {"Xi Jinping"}  # the default


def test_a_name_parameter_matches_any_alternative_name_in_any_case(seed_out: Path) -> None:
    """Regression: `--param actor=Macron` found nothing where `kg timeline --actor macron`
    found his events: the named query matched the canonical label only, case and all."""
    graph = str(seed_out / "graph.ttl")

    def rows(actor: str) -> list[dict[str, str]]:
        code, raw = _kg(graph, "-n", "actor-timeline", "-p", f"actor={actor}", "--format", "json")
        assert code == 0, raw
        found: list[dict[str, str]] = json.loads(raw)
        return found

    full = rows("Vladimir Putin")
    for other in ("putin", "PUTIN", "vladimir putin"):  # an alternative name; the label's case
        found = rows(other)
        assert {r["name"] for r in found} == {"Vladimir Putin"} and {r["actor"] for r in found} == {
            other
        }
        assert [r["event"] for r in found] == [r["event"] for r in full]
    assert rows("Puti") == []  # a name, not a substring


def test_iri_parameter_as_prefixed_name_or_in_angle_brackets(seed_out: Path) -> None:
    graph = seed_out / "graph.ttl"
    query = find_query("edge-sentences")
    short = run_query(graph, query, "json", {"predicate": "kg:coParticipant"})
    full = run_query(graph, query, "json", {"predicate": f"<{KG}coParticipant>"})
    assert short == full
    rows = json.loads(short)
    assert rows and {r["predicate"] for r in rows} == {f"{KG}coParticipant"}
    assert rows != json.loads(run_query(graph, query, "json"))


def test_a_hostile_value_stays_one_literal(tiny: Path) -> None:
    query = parse_query(BY_LABEL)
    rows = json.loads(run_query(tiny, query, "json", {"name": EVIL}))
    # it matches the node whose label is exactly that text, and nothing else
    assert rows == [{"name": EVIL, "who": "http://ex.org/c"}]
    code, out = _kg(str(tiny), BY_LABEL, "-p", "name=" + EVIL + "}", "--format", "json")
    assert code == 0 and json.loads(out) == []


def test_typed_default_types_the_value(tiny: Path) -> None:
    text = f"""# Nodes with this many sources.
# param: n = 5  how many
PREFIX kg: <{KG}>
SELECT * WHERE {{ ?who kg:sourceCount ?n }}
"""
    assert json.loads(run_query(tiny, text, "json")) == [{"who": "http://ex.org/b", "n": "5"}]
    assert json.loads(run_query(tiny, text, "json", {"n": "2"}))[0]["who"] == "http://ex.org/a"
    with pytest.raises(QueryError, match="bad value 'five'"):
        run_query(tiny, text, "json", {"n": "five"})


def test_query_text_and_file_still_work(tiny: Path, tmp_path: Path) -> None:
    code, out = _kg(str(tiny), "SELECT ?s WHERE { ?s a ?c } ORDER BY ?s", "--format", "csv")
    assert code == 0 and out.splitlines() == [
        "s",
        "http://ex.org/a",
        "http://ex.org/b",
        *["http://ex.org/c"],
    ]
    rq = tmp_path / "by-label.rq"
    rq.write_text(BY_LABEL, "utf-8")
    code, out = _kg(str(tiny), "-f", str(rq), "-p", "name=Ann", "--format", "json")
    assert code == 0 and json.loads(out) == [{"name": "Ann", "who": "http://ex.org/a"}]
    code, out = _kg(str(tiny), "CONSTRUCT WHERE { ?s a ?c }")
    assert code == 0 and "<http://ex.org/a>" in out


def test_tsv_escapes_tabs_and_newlines(tiny: Path) -> None:
    code, out = _kg(
        str(tiny),
        "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l",
        "--format",
        "tsv",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "l" and len(lines) == 4
    assert "Bob\\tthe\\nbuilder" in lines
    rows = list(
        csv.reader(
            io.StringIO(
                _kg(
                    str(tiny),
                    "SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
                    "--format",
                    "csv",
                )[1]
            )
        )
    )
    assert ["Bob\tthe\nbuilder"] in rows


def test_errors_are_one_line(tiny: Path, tmp_path: Path) -> None:
    out = _one_line_error(*_kg(str(tiny), "--name", "no-such-query"))
    assert "actor-timeline" in out  # the names there are
    out = _one_line_error(*_kg(str(tiny), "--name", "actor-timeline", "-p", "actr=Xi"))
    assert "unknown parameter 'actr'" in out and "actor" in out
    _one_line_error(*_kg(str(tiny), "SELECT * WHERE { ?s ?p }"))
    required = tmp_path / "required.rq"
    required.write_text("# param: name  the label\nSELECT * WHERE { ?s ?p ?name }\n", "utf-8")
    out = _one_line_error(*_kg(str(tiny), "-f", str(required)))
    assert "missing required parameter 'name'" in out and "required.rq" in out
    unprojected = '# param: name = "Ann"\nSELECT ?s WHERE { ?s ?p ?name }'
    out = _one_line_error(*_kg(str(tiny), unprojected))
    assert "?name" in out
    bad_default = '# param: name = "Ann\n\nSELECT * WHERE { ?s ?p ?name }'
    _one_line_error(*_kg(str(tiny), bad_default))
    code, out = _kg(str(tiny), "--name", "actor-timeline", "-f", str(required))
    assert code == 2  # a usage error, click's code


def test_bind_rejects_iri_with_spaces() -> None:
    query = parse_query("# param: who = <http://ex.org/a>\nSELECT * WHERE { ?who ?p ?o }")
    assert str(bind(query, {})["who"]) == "<http://ex.org/a>"
    assert str(bind(query, {"who": "http://ex.org/b"})["who"]) == "<http://ex.org/b>"
    with pytest.raises(QueryError, match="bad value"):
        bind(query, {"who": "http://ex.org/a> } DROP ALL"})


def test_a_service_clause_is_refused_before_the_engine_sees_it(seed_out: Path) -> None:
    """Oxigraph would fetch SERVICE <http://...> over the network; kg never reaches it."""
    result = CliRunner().invoke(
        main,
        [
            "query",
            str(seed_out / "graph.ttl"),
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        ],
    )
    assert result.exit_code == 1
    assert "SERVICE" in result.output and "network" in result.output


def test_kg_s_own_prefixes_need_no_declaring_and_a_query_s_own_win(tiny: Path) -> None:
    """A new user's first query ("SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l }") was a
    syntax error about character ranges: kg's vocabulary is the query's without PREFIX lines."""
    code, out = _kg(str(tiny), "SELECT ?l WHERE { ?p a kg:Person ; rdfs:label ?l } ORDER BY ?l")
    assert code == 0 and "Ann" in out
    own = "PREFIX kg: <http://ex.org/other#> SELECT ?p WHERE { ?p a kg:Person }"
    assert json.loads(run_query(tiny, parse_query(own), "json")) == []


def test_a_typo_in_an_iri_parameter_is_an_error_not_an_empty_answer(seed_out: Path) -> None:
    """A new user's `--param class=kg:Vist` and `class=foo:Visit` quietly returned no rows."""
    graph = str(seed_out / "graph.ttl")
    code, out = _kg(graph, "--name", "edge-sentences", "-p", "class=kg:Vist")
    assert "kg:Vist is no term of ontology/kg.ttl" in _one_line_error(code, out)
    code, out = _kg(graph, "--name", "edge-sentences", "-p", "class=foo:Visit")
    assert "no prefix foo: is declared" in _one_line_error(code, out)
    code, out = _kg(graph, "--name", "edge-sentences", "-p", "class=kg:Visit")
    assert code == 0 and "Visit" in out


def test_a_typo_in_a_query_s_own_names_is_an_error_not_an_empty_answer(tiny: Path) -> None:
    """A new user's trial: `?e a kg:Layof` gave 0 rows and exit 0, and an undeclared prefix
    (`kgg:Layoff`) an engine message listing character classes that never named it."""
    code, out = _kg(str(tiny), "SELECT ?l WHERE { ?e a kg:Layof ; rdfs:label ?l }")
    assert "kg:Layof is no term of ontology/kg.ttl (did you mean kg:Layoff?)" in _one_line_error(
        code, out
    )
    code, out = _kg(str(tiny), "SELECT ?l WHERE { ?e a kgg:Layoff ; rdfs:label ?l }")
    assert "no prefix kgg: is declared" in _one_line_error(code, out)
    # names inside strings and IRIs are no names: "kg:x" and <http://a/b:c> pass
    fine = 'SELECT ?l WHERE { ?p rdfs:label ?l FILTER(?l != "kg:x" && ?p != <http://a/b:c>) }'
    code, out = _kg(str(tiny), fine)
    assert code == 0 and "Ann" in out


def test_a_table_keeps_every_iri_whole(tmp_path: Path) -> None:
    """The trial's IRIs came out cut with "…" at 60 characters; a follow-up query needs them."""
    graph = tmp_path / "g.ttl"
    iri = "https://w3id.org/newskg/resource/event/" + "x" * 80
    graph.write_text(f'<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> "a" .\n', "utf-8")
    table = run_query(graph, "SELECT ?e WHERE { ?e ?p ?o }")
    assert iri in table and "…" not in table
