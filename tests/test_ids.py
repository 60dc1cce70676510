"""Public ids (kg/ids.py): the states' table, the place rule, the ids a build writes (every
kg:State its `state_ids` and ISO code, every kg:Place its `place_ids` with the states of its
articles as context), their SHACL form checks and the named query that joins on them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ids import (
    WIKIDATA,
    WIKIDATA_FILE,
    place_candidates,
    place_ids,
    state_ids,
    state_record,
)
from kg.lexicon import load
from kg.pipeline import build
from kg.query import run_query
from kg.validate import validate
from tests.conftest import ROOT

OWL_SAME = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
COUNTRY_CODE = ox.NamedNode("http://www.geonames.org/ontology#countryCode")
KG = "https://w3id.org/newskg/ontology#"


def test_every_state_has_its_ids() -> None:
    lexicon = load()
    states = [s.key for s in lexicon.states]
    assert len(states) == 197
    for key in states:
        record = state_record(key)
        assert record is not None and record.wikidata and record.geonames, key
        assert re.fullmatch(r"Q[1-9][0-9]*", record.wikidata), key
        # Kosovo alone has no ISO 3166 code (XK is user-assigned)
        assert (record.iso3166 is None) == (key == "kosovo"), key


def test_wikidata_table_matches_the_gazetteer() -> None:
    """Each row's iso3 is the gazetteer's for that key (a row shifted by one would not be)."""
    iso3 = {s.key: s.iso3 for s in load().states}
    rows = [
        line.split("\t")
        for line in WIKIDATA_FILE.read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    assert {key for key, _, _ in rows} == set(iso3)
    assert all(iso3[key] == code for key, code, _ in rows)
    qids = [qid for _, _, qid in rows]
    assert len(set(qids)) == len(qids)


def test_state_ids_known_values() -> None:
    # spot checks against the two public tables the file was built from
    assert state_ids("state/china") == (
        "http://www.wikidata.org/entity/Q148",
        "http://sws.geonames.org/1814991/",
    )
    assert state_ids("russia")[0] == "http://www.wikidata.org/entity/Q159"
    record = state_record("united-states")
    assert record is not None and record.iso3166 == "US" and record.wikidata == "Q30"
    assert state_ids("atlantis") == ()


@pytest.mark.parametrize(
    ("name", "context", "expected"),
    [
        ("Kyiv", [], "703448"),  # one place of that name, a capital
        ("Kiev", ["ukraine"], "703448"),  # an alternate name
        ("Bakhmut", ["ukraine"], "713174"),  # one place, its country named
        ("Samarkand", ["uzbekistan"], "1216265"),
        ("Paris", [], "2988507"),  # a capital, nothing against it
        ("Paris", ["france", "united-states"], "2988507"),  # Paris, Texas too: the capital
        ("Washington", ["united-states"], "4140963"),  # three US namesakes: the capital
    ],
)
def test_place_linked(name: str, context: list[str], expected: str) -> None:
    assert place_ids(name, context) == (f"http://sws.geonames.org/{expected}/",)


@pytest.mark.parametrize(
    ("name", "context"),
    [
        ("Samarkand", []),  # one place, but nothing in the article points to Uzbekistan
        ("Bali", ["indonesia"]),  # only a town in Cameroon has that name in GeoNames' table
        ("Paris", ["united-states"]),  # Paris, Texas against the capital of France
        ("Moscow", ["united-states"]),  # Moscow, Idaho against the capital of Russia
        ("Springfield", ["united-states"]),  # nine US namesakes, none a capital
    ],
)
def test_place_ambiguous_is_left_unlinked(name: str, context: list[str]) -> None:
    assert place_candidates(name)
    assert place_ids(name, context) is None


def test_place_unknown() -> None:
    assert place_ids("Nowhereville", ["france"]) == ()


# ---------------------------------------------------------------------------------------------
# The seed graph a build writes, with its ids


def _values(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return [tuple(term.value for term in row) for row in result]


@pytest.fixture(scope="module")
def seed_with_ids(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """The graph of sources/ as built; how many places it links, and how many it left
    unlinked as ambiguous (the build's report counts them)."""
    out = tmp_path_factory.mktemp("ids")
    report = build([ROOT / "sources"], out)
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    linked = _values(store, f"SELECT ?p ?id WHERE {{ ?p a <{KG}Place> ; <{OWL_SAME.value}> ?id }}")
    return out / "graph.ttl", len(linked), report.unlinked_places


def test_the_build_writes_every_states_ids(seed_with_ids: tuple[Path, int, int]) -> None:
    store = ox.Store()
    store.load(path=str(seed_with_ids[0]), format=ox.RdfFormat.TURTLE)
    for (state,) in _values(store, f"SELECT ?s WHERE {{ ?s a <{KG}State> }}"):
        key = state.rsplit("/", 1)[1]
        got = {
            v for (v,) in _values(store, f"SELECT ?v WHERE {{ <{state}> <{OWL_SAME.value}> ?v }}")
        }
        assert got == set(state_ids(key)), state
        record = state_record(key)
        codes = _values(store, f"SELECT ?c WHERE {{ <{state}> <{COUNTRY_CODE.value}> ?c }}")
        assert codes == ([(record.iso3166,)] if record and record.iso3166 else []), state


def test_seed_graph_with_ids_conforms(seed_with_ids: tuple[Path, int, int]) -> None:
    path, linked, _ = seed_with_ids
    report = validate(path)
    assert report.conforms, report.violations
    assert linked >= 3  # Beijing, Moscow, Kyiv, Bali's Nusa Dua ... whichever the seeds name


def _readme_query() -> str:
    """The named query that joins on public ids, as shipped (the README prints it whole)."""
    query = (ROOT / "queries" / "state-events.rq").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert query in re.findall(r"```sparql\n(.*?)```", readme, re.DOTALL)
    return query


def test_readme_query_joins_on_wikidata(seed_with_ids: tuple[Path, int, int]) -> None:
    rows = json.loads(run_query(seed_with_ids[0], _readme_query(), "json"))
    assert rows and {r["name"] for r in rows} == {"Russia"}
    assert {r["iso"] for r in rows} == {"RU"}
    assert any(r["class"] == "Call" for r in rows)
    china = json.loads(
        run_query(seed_with_ids[0], _readme_query(), "json", {"state": f"<{WIKIDATA}Q148>"})
    )
    assert china and {(r["name"], r["iso"]) for r in china} == {("China", "CN")}


@pytest.mark.parametrize(
    ("triple", "message"),
    [
        ("owl:sameAs <https://www.wikidata.org/wiki/Q159>", "must be a Wikidata item"),
        ("owl:sameAs <http://sws.geonames.org/2017370>", "must be a Wikidata item"),
        ('owl:sameAs "Q159"', "must be a Wikidata item"),
        ("owl:sameAs <http://www.wikidata.org/entity/Q148>", "at most one each"),
        ('gn:countryCode "RUS"', "two capital letters"),
        ('gn:countryCode "ru"', "two capital letters"),
        ('gn:countryCode "CN"', "two capital letters"),  # a second code
    ],
)
def test_bad_ids_fail_validation(
    seed_with_ids: tuple[Path, int, int], tmp_path: Path, triple: str, message: str
) -> None:
    store = ox.Store()
    store.load(path=str(seed_with_ids[0]), format=ox.RdfFormat.TURTLE)
    store.update(
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        "PREFIX gn: <http://www.geonames.org/ontology#> "
        f"INSERT DATA {{ <https://w3id.org/newskg/resource/state/russia> {triple} }}"
    )
    path = tmp_path / "graph.ttl"
    path.write_bytes(store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()) or b"")
    report = validate(path)
    assert not report.conforms
    hits = [v for v in report.violations if message in v.message]
    assert hits and all("state/russia" in v.node for v in hits), report.violations


def test_country_code_only_on_states(seed_with_ids: tuple[Path, int, int], tmp_path: Path) -> None:
    store = ox.Store()
    store.load(path=str(seed_with_ids[0]), format=ox.RdfFormat.TURTLE)
    store.update(
        "PREFIX gn: <http://www.geonames.org/ontology#> INSERT DATA { "
        '<https://w3id.org/newskg/resource/person/vladimir-putin> gn:countryCode "RU" }'
    )
    path = tmp_path / "graph.ttl"
    path.write_bytes(store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()) or b"")
    messages = [v.message for v in validate(path).violations]
    assert any("only a kg:State has an ISO 3166 code" in m for m in messages), messages
