"""Issue 7.2: Turtle, N-Triples, JSON-LD and TriG stay well-formed whatever the text holds.

Every serialisation is parsed back by rdflib and by pyoxigraph, and each parse must be
isomorphic to the triples kg meant to write, with every string coming back exactly. Exotic
strings go straight through `kg.export.rdf` on a fabricated graph (fast, so hypothesis drives
it too); a few hostile articles go through the real pipeline, files and library API both.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg import lexicon
from kg.export import rdf
from kg.graph import ArticleNode, Edge, EntityNode, EventNode, KnowledgeGraph, Mention, build_graph
from kg.iris import Iris
from kg.model import Article
from kg.pipeline import build, extract
from kg.resolve import resolve
from kg.terms import RES_IRI
from tests.hostile.fuzzing import budget

HOSTILE = {
    "quotes": "He said \"no\" and 'never' and \"\"\"triple\"\"\" and '''single'''",
    "backslashes": r"C:\path\to\"file\" \u0041 \U0001F600 \\ \n (written, not escapes)",
    "newlines": "line one\nline two\r\nline three\rline four\u2028\u2029\x85end",
    "controls": "".join(chr(c) for c in range(1, 32)) + "\x7f\x80\x9f",
    "nul": "before\x00after",
    "bidi": "\u202eevil\u202c \u200fRTL\u200e \u2066isolate\u2069 \u061cmark",
    "bom and nonchars": "\ufeffstart \ufffe \uffff \U0010ffff \ufdd0 end",
    "astral and combining": "😀 𝔘𝔫𝔦 e\u0301 \u0300lone combining Z\u0351\u0352\u0353",
    "markup": "<script>alert(1)</script> ]]> <!-- --> &amp; {{x}} ${x}",
    "rdf syntax": '@prefix x: <http://evil/> . <a> <b> "c" . _:b1 a [] ; # comment',
    "json": '{"@id": "http://evil/", "@context": null, "@value": "x"}',
    "empty": "",
    "spaces": "   \t  ",
}
LONG = "Putin and Xi spoke " * 6_000  # a 114 kB "sentence"


def fabricated(text: str, article_id: str = "a") -> KnowledgeGraph:
    """A small graph in the shape `kg.graph.build_graph` makes, with `text` in every string
    field that comes from a source: labels, alternative names, anchors, sentences, quotes,
    title, publisher, URL, file name, role, time conflicts."""
    article = ArticleNode(
        id=article_id,
        path=f"{text}.txt",
        sha256="0" * 64,
        title=text or None,
        publisher=text or None,
        published=date(2022, 12, 30),
        date_origin="text",
        url=text or None,
    )
    ev = (Mention(article_id, 0, len(text), text, text, text or None, "nominal"),)
    person, state, event = (RES_IRI + p for p in ("person/x", "state/y", "event/call-x"))
    entities = tuple(
        EntityNode(node, kind, text, (text, text + "!"), (article_id,), ev)
        for node, kind in ((person, "Person"), (state, "State"))
    )
    call = EventNode(
        iri=event,
        cls=lexicon.load().event_classes["Call"],
        label=text,
        alt_labels=(text + "?",),
        sources=(article_id,),
        evidence=ev,
        status="Occurred",
        time_value="2022-12-30",
        time_type="DATE",
        begin=date(2022, 12, 30),
        end=date(2022, 12, 30),
        time_conflicts=(f"2022-12-29 ({text})",),
    )
    edges = (Edge(event, "agent", person, ev), Edge(person, "leaderOf", state, ev, text))
    return KnowledgeGraph(Iris(), (article,), entities, (call,), edges)


def serialised(triples: list[ox.Triple], fmt: str) -> str:
    handle = io.BytesIO()
    rdf.writer(triples, fmt)(handle)
    return handle.getvalue().decode("utf-8")


def _to_rdflib(term: object) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):  # RDF 1.1: a simple literal; rdflib: not
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _graph_of(triples: list[ox.Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for t in triples:
        graph.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
    return graph


_RDFLIB_FORMAT = {
    "ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"
}  # fmt: skip


def parsed_both_ways(text: str, fmt: str) -> list[rdflib.Graph]:
    """`text` (a serialisation in `fmt`) parsed by rdflib and by pyoxigraph."""
    if fmt in {"trig", "nq"}:
        dataset = rdflib.Dataset()
        with warnings.catch_warnings():  # rdflib 7 warns about its own Dataset.parse
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(data=text, format=_RDFLIB_FORMAT[fmt])
        by_rdflib = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            by_rdflib.add((s, p, o))
    else:
        by_rdflib = rdflib.Graph().parse(data=text, format=_RDFLIB_FORMAT[fmt])
    quads = ox.parse(text.encode("utf-8"), format=rdf.FORMATS[fmt])
    by_oxigraph = _graph_of([ox.Triple(q.subject, q.predicate, q.object) for q in quads])
    return [by_rdflib, by_oxigraph]


def assert_round_trip(triples: list[ox.Triple], must_hold: str | None = None) -> None:
    """Every format, parsed by both libraries, is isomorphic to `triples`; `must_hold` comes
    back as some literal's exact value."""
    expected = _graph_of(triples)
    assert len(expected) == len(triples)
    for fmt in rdf.FORMATS:
        text = serialised(triples, fmt)
        for graph in parsed_both_ways(text, fmt):
            assert isomorphic(graph, expected), fmt
            if must_hold is not None:
                assert any(str(o) == must_hold for o in graph.objects()), fmt


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_strings_round_trip(name: str) -> None:
    text = HOSTILE[name]
    assert_round_trip(rdf.to_rdf(fabricated(text)), must_hold=text or None)


def test_a_100_kb_sentence_round_trips() -> None:
    assert_round_trip(rdf.to_rdf(fabricated(LONG)), must_hold=LONG)


def test_file_names_become_iris_that_parse() -> None:
    """An article id with IRI-breaking characters is percent-encoded, never written raw."""
    ident = 'a b<c>"d"{e}|f^g`h\\i#j?k%l/é\U0001f600'
    triples = rdf.to_rdf(fabricated("x", article_id=ident))
    assert_round_trip(triples)
    subjects = {t.subject.value for t in triples if "/article/" in t.subject.value}
    assert subjects == {RES_IRI + "article/a%20b%3Cc%3E%22d%22%7Be%7D%7Cf%5Eg%60h%5Ci%23j%3Fk%25l"
                        "%2F%C3%A9%F0%9F%98%80"}  # fmt: skip


def test_regression_lone_surrogates_through_the_library_api() -> None:
    """A lone surrogate (possible in text given to the library, never in a file read as
    UTF-8) once made the exporter raise "The literal value must be a str"; it is written as
    U+FFFD, one code point for one, so offsets hold, and ids that differ only there stay two."""
    graph = fabricated("bad \udcff and \ud800 here", article_id="x\udcff")
    other = fabricated("fine", article_id="x\udcfe")
    graph = replace(graph, articles=graph.articles + other.articles)
    triples = rdf.to_rdf(graph)
    assert_round_trip(triples, must_hold="bad \ufffd and \ufffd here")
    articles_iris = {t.subject.value for t in triples if "/article/" in t.subject.value}
    assert articles_iris == {RES_IRI + "article/x%ED%B3%BF", RES_IRI + "article/x%ED%B3%BE"}


@budget
@given(st.text(), st.text(min_size=1, alphabet=st.characters(codec="utf-8")))
def test_any_text_round_trips(text: str, ident: str) -> None:
    assert_round_trip(rdf.to_rdf(fabricated(text, article_id=ident)))


# --- the real pipeline ----------------------------------------------------------------------

HOSTILE_ARTICLE = (
    "---\n"
    'title: "Putin \\"calls\\" Xi \\\\ a\\tb \\u202e\\u0001 <b>x</b>"\n'
    "publisher: 'O''Brien \"Desk\"'\n"
    'url: "javascript:alert(1)\\n<>\\" x"\n'
    "---\n"
    "\ufeffMOSCOW \u200f(\u202eAgency\u202c) \u2014 Russian President Vladimir Putin said "
    '"we will \\"meet\\" soon" to Chinese President Xi Jinping on Friday.\r\n\r\n'
    "Xi Jinping \x1b[31mreplied\x1b[0m that Beijing \x07 would visit Moscow in spring.\x0b\x0c\n"
    "\u2028The Kremlin said Putin and Xi spoke by video link on 30 December 2022.\n"
)


@pytest.mark.slow
def test_hostile_articles_through_the_whole_build(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / 'l\'été "x" <y> #1.md').write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (sources / "plain.txt").write_text(
        " date 2022-12-30\n" + HOSTILE["quotes"] + ". Putin met Xi in Moscow.\n" + HOSTILE["bidi"]
    )
    report = build([sources], tmp_path / "out", formats=("jsonld", "nt", "trig"))
    assert report.errors == () and report.articles == 2 and report.events >= 1
    turtle = (tmp_path / "out" / "graph.ttl").read_text("utf-8")
    expected = parsed_both_ways(turtle, "ttl")[0]
    assert any("\x1b[31mreplied" in str(o) for o in expected.objects())
    assert any(str(o).startswith('Putin "calls" Xi \\ a\tb \u202e\x01') for o in expected.objects())
    for fmt in ("ttl", "jsonld", "nt", "trig"):
        text = (tmp_path / "out" / f"graph.{fmt}").read_text("utf-8")
        for graph in parsed_both_ways(text, fmt):
            assert isomorphic(graph, expected), fmt


@pytest.mark.slow
def test_regression_lone_surrogate_article_builds_rdf() -> None:
    text = "Vladimir Putin called Xi Jinping on Friday \udc80 from Moscow.\n"
    graph = build_graph(resolve(extract([Article.from_text("s\udcff", text, date(2022, 12, 30))])))
    triples = rdf.to_rdf(graph)
    sentence = text.strip().replace("\udc80", "\ufffd")
    assert_round_trip(triples, must_hold=sentence)
