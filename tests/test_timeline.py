"""`kg timeline` and kg.timeline: events read back from graph.ttl with SPARQL, in time order."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.pipeline import build
from kg.timeline import TimelineRow, format_rows, timeline_rows

RES = "https://w3id.org/newskg/resource/"
TEXT = """Vladimir Putin held a video call with Xi Jinping on Friday.
Xi will visit Moscow in the spring, Putin said.
Russia did not hold a naval exercise in the Baltic Sea.
Olaf Scholz met Emmanuel Macron in Paris in March 2022.
"""

# Hand-written, so the checks below do not move with the extractors: two events on one day
# (ties go by label), a month, an undated pair, a class-less event, a kg:sourceCount that
# disagrees with the articles (the articles count: kg:sourceCount only restates them).
HAND = """
@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix r: <https://w3id.org/newskg/resource/> .

r:zelenskyy a kg:Person ; rdfs:label "Volodymyr Zelenskyy" ; skos:altLabel "Zelensky" .
r:kyiv a kg:Place ; rdfs:label "Kyiv" .
r:biden a kg:Person ; rdfs:label "Joe Biden" .
r:poland a kg:State ; rdfs:label "Poland" .
r:ue a kg:Person ; rdfs:label "Ünal Érdem" .

r:visit a kg:Event, kg:Visit ; rdfs:label "Visit: Joe Biden" ;
    kg:timeValue "2023-02-20" ; kg:begin "2023-02-20"^^xsd:date ; kg:end "2023-02-20"^^xsd:date ;
    kg:status kg:Occurred ; kg:agent r:biden ; kg:target r:zelenskyy ; sem:hasPlace r:kyiv ;
    prov:wasDerivedFrom r:article-1, r:article-2 ; kg:sourceCount 7 .
r:aid a kg:Event, kg:Aid ; rdfs:label "Aid: Joe Biden" ;
    kg:timeValue "2023-02-20" ; kg:begin "2023-02-20"^^xsd:date ; kg:end "2023-02-20"^^xsd:date ;
    kg:status kg:Planned ; kg:agent r:biden ; prov:wasDerivedFrom r:article-1 .
r:talks a kg:Event, kg:Meeting ; rdfs:label "Talks" ;
    kg:timeValue "2022-03" ; kg:begin "2022-03-01"^^xsd:date ; kg:end "2022-03-31"^^xsd:date ;
    kg:status kg:Occurred ; kg:coParticipant r:poland, r:zelenskyy ;
    prov:wasDerivedFrom r:article-1, r:article-2, r:article-3 .
r:sanction a kg:Event, kg:Sanction ; rdfs:label "Sanction" ; kg:status kg:Negated ;
    kg:target r:ue ; prov:wasDerivedFrom r:article-2 .
r:appeal a kg:Event ; rdfs:label "Appeal" ; kg:status kg:Hypothetical ;
    kg:agent r:zelenskyy ; prov:wasDerivedFrom r:article-3 .
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """graph.ttl and graph.html built by the real pipeline from four short sentences."""
    root = tmp_path_factory.mktemp("timeline")
    (root / "src").mkdir()
    (root / "src" / "a.txt").write_text(TEXT, encoding="utf-8")
    build([root / "src"], root / "out", dct=date(2023, 1, 10))
    return root / "out"


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hand") / "graph.ttl"
    path.write_text(HAND, encoding="utf-8")
    return path


def _is_ordered(rows: list[TimelineRow]) -> bool:
    keys = [(r.begin is None, r.begin or date.min, r.label, r.event) for r in rows]
    return keys == sorted(keys)


def test_built_graph_rows_in_time_order_with_content(built: Path) -> None:
    rows = timeline_rows(built / "graph.ttl")
    assert rows and _is_ordered(rows)
    by_class = {(r.cls, r.begin and r.begin.isoformat()): r for r in rows}
    # "on Friday" before a Tuesday DCT (2023-01-10) is the Friday before.
    call = by_class[("Call", "2023-01-06")]
    assert (call.end, call.time_value, call.status) == (date(2023, 1, 6), "2023-01-06", "Occurred")
    assert {"Vladimir Putin", "Xi Jinping"} <= set(call.participants)
    assert call.sources == 1 and call.event.startswith(RES + "event/")
    visit = by_class[("Visit", "2023-03-01")]
    assert (visit.end, visit.time_value, visit.status) == (date(2023, 5, 31), "2023-SP", "Planned")
    meeting = by_class[("Meeting", "2022-03-01")]
    assert meeting.end == date(2022, 3, 31)  # a month-precise event spans the month
    assert {"Olaf Scholz", "Emmanuel Macron"} <= set(meeting.participants)
    exercise = next(r for r in rows if r.cls == "MilitaryExercise")
    assert exercise.begin is None and exercise.end is None and exercise.status == "Negated"
    assert rows.index(exercise) > rows.index(visit)  # undated events last
    assert all(list(r.participants) == sorted(set(r.participants)) for r in rows)


def test_rows_from_a_store_or_an_rdflib_graph_match_the_file(built: Path) -> None:
    path = built / "graph.ttl"
    store = ox.Store()
    store.bulk_load(path.read_bytes(), ox.RdfFormat.TURTLE)
    graph = rdflib.Graph().parse(path, format="turtle")
    assert timeline_rows(store) == timeline_rows(graph) == timeline_rows(str(path))


def test_html_timeline_lists_the_same_events_in_the_same_order(built: Path) -> None:
    page = (built / "graph.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="kg-timeline"') :]
    ids = re.findall(r'class="kg-tl-(?:row kg-tl-)?item" data-id="([^"]+)"', section)
    assert ids == [r.event for r in timeline_rows(built / "graph.ttl")]


def test_hand_graph_order_ties_and_fallbacks(hand: Path) -> None:
    rows = timeline_rows(hand)
    assert [r.label for r in rows] == [
        "Talks",  # 2022-03
        "Aid: Joe Biden",  # 2023-02-20, ties by label
        "Visit: Joe Biden",
        "Appeal",  # undated, by label
        "Sanction",
    ]
    talks, aid, visit, appeal, sanction = rows
    assert talks == TimelineRow(
        event=RES + "talks",
        cls="Meeting",
        label="Talks",
        time_value="2022-03",
        time_origin=None,
        begin=date(2022, 3, 1),
        end=date(2022, 3, 31),
        status="Occurred",
        participants=("Poland", "Volodymyr Zelenskyy"),
        sources=3,  # its prov:wasDerivedFrom articles
    )
    # Places are not participants; the target is.
    assert visit.participants == ("Joe Biden", "Volodymyr Zelenskyy") and visit.sources == 2
    assert aid.status == "Planned"
    assert appeal.cls == "Event" and appeal.time_value is None and appeal.begin is None
    assert sanction.status == "Negated"


def test_actor_filter_by_label_or_alt_label_any_case(hand: Path) -> None:
    labels = ["Talks", "Visit: Joe Biden", "Appeal"]
    assert [r.label for r in timeline_rows(hand, "Volodymyr Zelenskyy")] == labels
    assert [r.label for r in timeline_rows(hand, "zelensky")] == labels  # the altLabel
    assert [r.label for r in timeline_rows(hand, "  ZELENSKY ")] == labels
    # Composed and decomposed accents are one name.
    assert [r.label for r in timeline_rows(hand, "U\u0308nal E\u0301rdem")] == ["Sanction"]
    assert [r.label for r in timeline_rows(hand, "joe biden")] == [
        "Aid: Joe Biden",
        "Visit: Joe Biden",
    ]
    # A surname alone names whoever's name ends in it.
    assert [r.label for r in timeline_rows(hand, "biden")] == ["Aid: Joe Biden", "Visit: Joe Biden"]
    # A place named on an event is not one of its actors.
    assert timeline_rows(hand, "Kyiv") == []
    with pytest.raises(QueryError, match="no entity is named 'Zelenskyi'"):
        timeline_rows(hand, "Zelenskyi")


def test_actor_filter_on_built_graph(built: Path) -> None:
    rows = timeline_rows(built / "graph.ttl", "xi jinping")
    assert rows and _is_ordered(rows)
    assert all("Xi Jinping" in r.participants for r in rows)
    everything = timeline_rows(built / "graph.ttl")
    assert [r for r in everything if "Xi Jinping" in r.participants] == rows


def test_formats(hand: Path) -> None:
    rows = timeline_rows(hand)
    records = json.loads(format_rows(rows, "json"))
    assert records[0] == {
        "event": RES + "talks",
        "class": "Meeting",
        "label": "Talks",
        "time_value": "2022-03",
        "time_origin": None,
        "begin": "2022-03-01",
        "end": "2022-03-31",
        "status": "Occurred",
        "participants": ["Poland", "Volodymyr Zelenskyy"],
        "sources": 3,
    }
    assert records[3]["begin"] is None
    table = list(csv.DictReader(io.StringIO(format_rows(rows, "csv"))))
    assert [t["label"] for t in table] == [r.label for r in rows]
    assert table[0]["participants"] == "Poland; Volodymyr Zelenskyy"
    assert table[0]["sources"] == "3" and table[3]["begin"] == ""
    text = format_rows(rows, "table")
    lines = text.splitlines()
    assert lines[0].split() == [
        "begin",
        "end",
        "time",
        "origin",
        "class",
        "status",
        "label",
        "participants",
        "sources",
        "event",
    ]
    assert lines[2].startswith("2022-03-01  2022-03-31  2022-03")
    assert lines[2].endswith(RES + "talks")  # the IRI is never cut
    assert lines[-1] == "(5 events)"
    assert format_rows([], "table").splitlines()[-1] == "(0 events)"
    assert json.loads(format_rows([], "json")) == []
    with pytest.raises(ValueError, match="unknown format"):
        format_rows(rows, "xml")


def test_cli_timeline(hand: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["timeline", str(hand), "--actor", "Zelensky", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["label"] for r in json.loads(result.output)] == [
        "Talks",
        "Visit: Joe Biden",
        "Appeal",
    ]
    result = runner.invoke(main, ["timeline", str(hand), "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("begin,end,time,origin,class")
    result = runner.invoke(main, ["timeline", str(hand), "--actor", "nobody"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no entity is named 'nobody' in the graph"


def test_cli_timeline_defaults_to_out_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["timeline"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "out/graph.ttl: no such graph file" in lines[0]
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.ttl").write_text(HAND, encoding="utf-8")
    result = runner.invoke(main, ["timeline"])
    assert result.exit_code == 0 and result.output.splitlines()[-1] == "(5 events)"


def test_cli_timeline_unreadable_graph_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "graph.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["timeline", str(bad)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"Error: {bad}: cannot read the graph")
    result = CliRunner().invoke(main, ["timeline", str(tmp_path)])  # a folder
    assert result.exit_code == 1 and "no such graph file" in result.output
    result = CliRunner().invoke(main, ["timeline", str(bad), "--format", "xml"])
    assert result.exit_code == 2  # a usage error, click's own


@pytest.mark.parametrize("columns", [80, 100, 140])
def test_the_table_fits_the_terminal_and_wide_shows_it_whole(seed_out: Path, columns: int) -> None:
    """Regression: `kg timeline`'s table was about 290 characters wide on any terminal."""
    graph = str(seed_out / "graph.ttl")
    runner = CliRunner(env={"COLUMNS": str(columns)})
    fitted = runner.invoke(main, ["timeline", graph])
    assert fitted.exit_code == 0, fitted.output
    lines = fitted.stdout.splitlines()
    assert max(map(len, lines)) <= columns, max(lines, key=len)
    assert lines[0].split() == [
        "begin", "when", "status", "label", "participants", "sources"
    ]  # fmt: skip
    assert "https://" not in fitted.stdout and "…" in fitted.stdout
    wide = runner.invoke(main, ["timeline", graph, "--wide"])
    assert wide.exit_code == 0, wide.output
    assert wide.stdout.splitlines()[0].split()[-1] == "event" and "https://" in wide.stdout
    assert max(map(len, wide.stdout.splitlines())) > columns
    # the same events, in the same order, either way
    assert len(wide.stdout.splitlines()) == len(lines)
    # every cell whole: no participant list cut short ("…" only where a terminal is fitted)
    assert "…" not in wide.stdout
    # in a pipe (no terminal, no COLUMNS) the table is whole, as with --wide
    assert CliRunner().invoke(main, ["timeline", graph]).stdout == wide.stdout


def test_a_date_given_by_default_is_marked() -> None:
    """kg:timeOrigin "article": the text gives the event no time, so the reader is told the
    date is the article's (in words in a terminal, as a column in CSV and JSON)."""
    row = TimelineRow(
        event=RES + "cut",
        cls="OtherEvent",
        label="Cut: Acme",
        time_value="2023-01-02",
        time_origin="article",
        begin=date(2023, 1, 2),
        end=date(2023, 1, 2),
        status="Occurred",
        participants=("Acme",),
        sources=1,
    )
    assert "2 January 2023 (article's date)" in format_rows([row], "table", width=200)
    assert ",article," in format_rows([row], "csv")
    assert '"time_origin": "article"' in format_rows([row], "json")


def test_a_graph_kg_cannot_read_is_named_in_the_error(tmp_path: Path) -> None:
    # a new user's broken file: the one-line error named an event IRI, not the file
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix kg: <https://w3id.org/newskg/ontology#> .\n<urn:e> a kg:Event, kg:Call .\n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["timeline", str(broken)])
    assert result.exit_code != 0
    assert result.output.startswith(f"Error: {broken}: ") and result.output.count("\n") == 1


def test_a_surname_of_several_words_names_its_person(tmp_path: Path) -> None:
    # a new user's trial: --actor "von der Leyen" found no one, --actor Leyen did
    src = tmp_path / "a.txt"
    src.write_text(
        "EU chief meets Rutte\n\nEuropean Commission President Ursula von der Leyen met Dutch"
        " Prime Minister Mark Rutte in Brussels on Monday.\n",
        "utf-8",
    )
    build([src], tmp_path / "out", dct=date(2023, 3, 14))
    rows = timeline_rows(tmp_path / "out" / "graph.ttl", "von der Leyen")
    assert rows and all("Ursula von der Leyen" in r.participants for r in rows)


def test_a_company_named_as_its_article_writes_it(tmp_path: Path) -> None:
    # a new user's trial: --actor "Toyota Motor Corp." (as written) found no one, since the
    # label keeps no final dot
    graph = tmp_path / "graph.ttl"
    graph.write_text(
        HAND.replace(
            'r:biden a kg:Person ; rdfs:label "Joe Biden"',
            'r:biden a kg:Organization ; rdfs:label "Toyota Motor Corp"',
        ),
        "utf-8",
    )
    rows = timeline_rows(graph, "Toyota Motor Corp.")
    assert {r.label for r in rows} == {"Visit: Joe Biden", "Aid: Joe Biden"}


def test_a_company_named_by_the_first_words_of_its_name(tmp_path: Path) -> None:
    # a new user's trial: --actor Honda found no one in a graph that calls it "Honda Motor Co"
    graph = tmp_path / "graph.ttl"
    graph.write_text(
        HAND.replace(
            'r:biden a kg:Person ; rdfs:label "Joe Biden"',
            'r:biden a kg:Organization ; rdfs:label "Honda Motor Co"',
        ),
        "utf-8",
    )
    rows = timeline_rows(graph, "Honda")
    assert {r.label for r in rows} == {"Visit: Joe Biden", "Aid: Joe Biden"}
    with pytest.raises(QueryError):
        timeline_rows(graph, "Honda Aircraft")  # not a shorter form
