"""The HTML export without a browser: self-contained, escaped, deterministic, written atomically."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg import lexicon
from kg.export import html as html_export
from kg.export.html import EDGE_QUAD_COLOURS, event_colour, render_html
from kg.graph import ArticleNode, EventNode, KnowledgeGraph, Mention
from kg.iris import Iris
from tests.conftest_browser import (
    HOSTILE_ALT,
    HOSTILE_ID,
    HOSTILE_LABEL,
    HOSTILE_SENTENCE,
    HOSTILE_URL,
    RES,
    sample_graph,
)


class _Tags(HTMLParser):
    """Every start tag with its attributes, as the browser's parser sees the static markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(markup)
    parser.close()
    return parser.tags


def page_data(page: str, name: str) -> object:
    """The JSON the page hands to its scripts as `var <name> = ...;`."""
    match = re.search(rf"^var {name} = (.*);$", page, re.MULTILINE)
    assert match, f"no `var {name}` in the page"
    return json.loads(match.group(1))


EMPTY = KnowledgeGraph(Iris(), (), (), (), ())


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(sample_graph())


@pytest.fixture(scope="module")
def titles(page: str) -> dict[str, str]:
    nodes = page_data(page, "kgNodes")
    edges = page_data(page, "kgEdges")
    assert isinstance(nodes, list) and isinstance(edges, list)
    return {item["id"]: item["title"] for item in nodes + edges}


def test_no_script_or_stylesheet_comes_from_the_network(page: str) -> None:
    found = tags(page)
    for tag, attrs in found:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.lower().startswith(("http://", "https://", "//")), (tag, attrs)
    # Everything is inline: no external script or stylesheet at all.
    assert [a for t, a in found if t == "script" and "src" in a] == []
    assert [a for t, a in found if t == "link"] == []
    assert "cdn." not in page.lower()


def test_content_security_policy_allows_exactly_the_page_scripts(page: str) -> None:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert policy
    assert "default-src 'none'" in policy.group(1)
    bodies = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(bodies) == 3
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy.group(1)
    assert "unsafe-inline" not in policy.group(1).split("script-src")[1].split(";")[0]


def test_hostile_text_never_reaches_the_page_raw(page: str) -> None:
    for raw in (HOSTILE_LABEL, HOSTILE_ALT, "<img src=x onerror=alert(1)>", "<b>meet</b>"):
        assert raw not in page
    # Nothing injected became a tag: the only <img>/<script> are none and ours.
    assert [t for t, _ in tags(page) if t in ("img", "iframe", "object", "b", "i")] == []


def test_hostile_text_is_escaped_in_tooltips(titles: dict[str, str]) -> None:
    title = titles[HOSTILE_ID]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in title
    assert "&lt;img src=x onerror=alert(1)&gt;" in title
    assert "&quot;left&quot;" in title
    assert "&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in title
    assert "Evil &quot;News&quot; &lt;i&gt;" in title
    assert "Leaders &lt;b&gt;meet&lt;/b&gt; &amp; talk" in title
    edge = next(t for t in titles.values() if "spokespersonOf" in t)
    assert "&lt;b onmouseover=&quot;x&quot;&gt;" in edge
    assert HOSTILE_SENTENCE not in title


def test_tooltip_markup_is_only_ours(titles: dict[str, str]) -> None:
    allowed = {"div", "span", "ul", "li", "q", "a"}
    for item, title in titles.items():
        for tag, attrs in tags(title):
            assert tag in allowed, (item, tag)
            assert set(attrs) <= {"class", "href", "target", "rel"}, (item, attrs)
            if tag == "a":
                assert (attrs["href"] or "").startswith(("http://", "https://")), attrs


def test_only_http_urls_become_links(titles: dict[str, str]) -> None:
    links = {a["href"] for t in titles.values() for tag, a in tags(t) if tag == "a"}
    assert links == {"https://example.org/news/a1?x=1&y=2"}
    assert not any(HOSTILE_URL in t for t in titles.values())
    assert any('href="https://example.org/news/a1?x=1&amp;y=2"' in t for t in titles.values())


def test_event_tooltip_has_class_date_status_claim_and_quoted_sources(
    titles: dict[str, str],
) -> None:
    visit = titles[RES + "event/visit-2023-sp"]
    for part in (
        "Event: Visit",
        "spring 2023 (2023-03-01 .. 2023-05-31)",  # in words, not TimeML's 2023-SP
        "Planned",
        "claimed by</span> Vladimir Putin",
        "verbal-cooperation",
        "<q>Xi will visit Moscow in spring, Putin said.</q>",
        "Sources (1)",
    ):
        assert part in visit
    call = titles[RES + "event/call-2022-12-30"]
    assert "Reuters — Putin and Xi hold video call (2022-12-30)" in call
    assert "2022-12-29 (article a2)" in call  # what another outlet said
    assert "verbal-cooperation 041" in call  # the class's quad class and CAMEO code
    edge = next(t for t in titles.values() if ">leaderOf<" in t)
    assert "President" in edge and "Vladimir Putin spoke to Xi Jinping" in edge
    assert "leaderOf|" not in edge


def test_a_date_given_by_default_says_so_in_tooltip_and_timeline() -> None:
    graph = sample_graph()
    events = tuple(
        dataclasses.replace(e, time_origin="article") if e.iri.endswith("call-2022-12-30") else e
        for e in graph.events
    )
    page = render_html(
        KnowledgeGraph(graph.iris, graph.articles, graph.entities, events, graph.edges)
    )
    nodes = page_data(page, "kgNodes")
    assert isinstance(nodes, list)
    call = next(n for n in nodes if n["id"].endswith("call-2022-12-30"))
    assert "the text gives none" in call["title"]
    visit = next(n for n in nodes if n["id"].endswith("visit-2023-sp"))
    assert "the text gives none" not in visit["title"]
    assert "the text gives none" in _timeline(page)


def test_nodes_styled_by_kind_class_status_and_sources(page: str) -> None:
    graph = sample_graph()
    nodes = {n["id"]: n for n in page_data(page, "kgNodes")}  # type: ignore[union-attr]
    assert sorted(nodes) == [n.iri for n in graph.nodes()]
    putin, moscow = nodes[RES + "person/vladimir-putin"], nodes[RES + "place/moscow"]
    assert putin["shape"] != moscow["shape"] and putin["color"] != moscow["color"]
    assert putin["size"] > moscow["size"]  # two sources against one
    strike, call = nodes[RES + "event/strike-1"], nodes[RES + "event/call-2022-12-30"]
    assert strike["shape"] == call["shape"] == "diamond"
    assert strike["color"] == event_colour("MilitaryAction") != call["color"]
    assert nodes[RES + "event/visit-2023-sp"]["shapeProperties"]["borderDashes"]
    assert "shapeProperties" not in call
    assert nodes[HOSTILE_ID]["label"] == HOSTILE_LABEL  # drawn on the canvas as text


def test_edges_coloured_by_event_quad(page: str) -> None:
    edges = page_data(page, "kgEdges")
    assert isinstance(edges, list)
    by_end = {(e["from"], e["to"]): e for e in edges}
    strike = by_end[(RES + "event/strike-1", RES + "state/russia")]
    assert strike["color"] == EDGE_QUAD_COLOURS["material-conflict"]
    call = by_end[(RES + "event/call-2022-12-30", RES + "person/vladimir-putin")]
    assert call["color"] == EDGE_QUAD_COLOURS["verbal-cooperation"]
    leader = by_end[(RES + "person/vladimir-putin", RES + "state/russia")]
    assert leader["color"] not in EDGE_QUAD_COLOURS.values() and leader["dashes"] is True
    assert leader["label"] == "leaderOf (President)"
    assert len({e["id"] for e in edges}) == len(edges) == 10


def test_legend_and_filters_list_what_the_graph_holds(page: str) -> None:
    boxes = [a for t, a in tags(page) if t == "input" and a.get("type") == "checkbox"]
    classes = {a["value"] for a in boxes if a["data-filter"] == "cls"}
    statuses = {a["value"] for a in boxes if a["data-filter"] == "status"}
    assert classes == {"Agreement", "Call", "MilitaryAction", "MilitaryExercise", "Visit"}
    assert statuses == {"Occurred", "Planned", "Negated", "Hypothetical"}
    assert {"search"} <= {a.get("type") for t, a in tags(page) if t == "input"}


_COLOURS = """
import sys
from kg.export.html import event_colour
sys.stdout.write(" ".join(event_colour(c) for c in ("NavalDrill", "Coup", "Call")))
"""


def test_every_event_class_has_its_own_colour_in_every_process() -> None:
    classes = sorted(lexicon.load().event_classes)
    colours = [event_colour(c) for c in classes]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    # the ontology's classes are told apart, fixed or hashed
    assert len(set(colours)) > 0.9 * len(classes)
    assert event_colour("NavalDrill") != event_colour("Coup")
    # a hashed colour depends on the name alone, not on the process's hash seed
    root = Path(__file__).resolve().parent.parent
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        out = subprocess.run(
            [sys.executable, "-c", _COLOURS], env=env, cwd=root, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        outputs.add(out.stdout)
    assert outputs == {" ".join(event_colour(c) for c in ("NavalDrill", "Coup", "Call"))}


def test_same_graph_gives_byte_identical_html(page: str) -> None:
    assert render_html(sample_graph()) == page
    # The order nodes and edges are listed in is not part of the graph: the same bytes.
    assert render_html(sample_graph(reverse=True)) == page


_DIGEST = """
import hashlib, sys
from tests.conftest_browser import sample_graph
from kg.export.html import render_html
sys.stdout.write(hashlib.sha256(render_html(sample_graph()).encode()).hexdigest())
"""


def test_same_bytes_across_processes_and_hash_seeds(page: str) -> None:
    # Set and dict order over strings changes with PYTHONHASHSEED; the page must not.
    root = Path(__file__).resolve().parent.parent
    expected = hashlib.sha256(page.encode()).hexdigest()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST], env=env, cwd=root, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        assert out.stdout == expected


def test_empty_graph_renders() -> None:
    page = render_html(EMPTY)
    assert page_data(page, "kgNodes") == [] and page_data(page, "kgEdges") == []


def _timeline(page: str) -> str:
    return page[
        page.index('<section id="kg-timeline"') : page.index(
            "</section>", page.index('<section id="kg-timeline"')
        )
    ]


def _items(page: str) -> list[dict[str, str | None]]:
    return [a for t, a in tags(_timeline(page)) if "kg-tl-item" in (a.get("class") or "")]


def _bars(page: str) -> list[dict[str, str | None]]:
    return [a for t, a in tags(_timeline(page)) if (a.get("class") or "").startswith("kg-tl-bar")]


def test_timeline_orders_dated_events_then_undated_by_label(page: str) -> None:
    ids = [a["data-id"] for a in _items(page)]
    assert ids == [
        RES + "event/call-2022-12-30",  # 2022-12-30
        RES + "event/visit-2023-sp",  # 2023-03-01 .. 2023-05-31
        RES + "event/drill-1",  # undated: "naval drill", "sign", "strike"
        RES + "event/deal-1",
        RES + "event/strike-1",
    ]
    section = _timeline(page)
    assert "2 dated ·\n    3 undated events" in section
    assert (
        "spring 2023 (2023-03-01 .. 2023-05-31) · Visit · Planned · 1 source · Xi Jinping"
        in section
    )
    assert "30 December 2022 · Call · Occurred · 1 source · Vladimir Putin, Xi Jinping" in section
    assert "strike</span>" in section and "MilitaryAction · Occurred · 2 sources" in section


def test_timeline_bars_span_begin_to_end_on_one_axis(page: str) -> None:
    # The axis runs 2022-12-30 .. 2023-05-31: 153 days, each bar covering its days inclusive.
    call, visit = _bars(page)
    assert (
        call["style"]
        == f"left: 0.000%; width: {100 / 153:.3f}%; background: {event_colour('Call')}"
    )
    assert visit["style"] == (
        f"left: {100 * 61 / 153:.3f}%; width: {100 * 92 / 153:.3f}%; "
        f"background: {event_colour('Visit')}"
    )
    ticks = re.findall(r'<span class="kg-tl-tick" style="left: ([0-9.]+)%">([^<]*)</span>', page)
    assert [label for _, label in ticks] == ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05"]
    assert ticks[2][0] == f"{100 * 61 / 153:.3f}"  # 2023-03 sits where the visit starts


def test_timeline_styles_status_like_the_network(page: str) -> None:
    classes = {a["data-id"]: a for a in _items(page)}
    bars = _bars(page)
    assert bars[0]["class"] == "kg-tl-bar"  # occurred: solid
    assert bars[1]["class"] == "kg-tl-bar kg-st-dashed"  # planned
    swatches = [
        a["class"]
        for t, a in tags(_timeline(page))
        if (a.get("class") or "").startswith("kg-tl-sw")
    ]
    # drill (negated: dashed and faded), deal (hypothetical: dotted), strike (occurred)
    assert swatches == ["kg-tl-sw kg-st-dashed kg-st-faded", "kg-tl-sw kg-st-dotted", "kg-tl-sw"]
    assert len(classes) == 5


def test_timeline_escapes_participants(page: str) -> None:
    section = _timeline(page)
    assert "· &lt;script&gt;alert(1)&lt;/script&gt;</span>" in section
    ours = {"section", "h2", "h3", "span", "div", "ol", "ul", "li"}
    assert [t for t, _ in tags(section) if t not in ours] == []


def _dated(iri: str, begin: date | None, end: date | None, cls: str = "Call") -> EventNode:
    return EventNode(
        iri=iri,
        cls=lexicon.load().event_classes[cls],
        label=iri[2:],
        alt_labels=(),
        sources=("a",),
        evidence=(),
        status="Occurred",
        begin=begin,
        end=end,
    )


def test_timeline_tolerates_open_and_reversed_spans() -> None:
    events = (
        _dated("e:none", None, None),
        _dated("e:rev", date(2023, 2, 10), date(2023, 2, 1)),
        _dated("e:open", date(2023, 2, 5), None),
    )
    article = ArticleNode(id="a", path="a.txt", sha256="0" * 64)
    page = render_html(KnowledgeGraph(Iris(), (article,), (), events, ()))
    assert [a["data-id"] for a in _items(page)] == ["e:rev", "e:open", "e:none"]
    rev, open_ = _bars(page)
    assert rev["style"] == f"left: 0.000%; width: 100.000%; background: {event_colour('Call')}"
    assert (open_["style"] or "").startswith(f"left: {100 * 4 / 10:.3f}%; width: {100 / 10:.3f}%")
    ticks = re.findall(r'class="kg-tl-tick" style="left: [0-9.]+%">([^<]*)<', page)
    assert ticks[0] == "2023-02-01" and len(ticks) == 10  # a short span gets day ticks


def test_timeline_ticks_by_year_on_long_spans() -> None:
    events = (
        _dated("e:1", date(1990, 6, 1), date(1990, 6, 30), "MilitaryAction"),
        _dated("e:2", date(2023, 1, 1), date(2023, 12, 31), "MilitaryAction"),
    )
    page = render_html(KnowledgeGraph(Iris(), (), (), events, ()))
    ticks = re.findall(r'class="kg-tl-tick" style="left: [0-9.]+%">([^<]*)<', page)
    assert ticks[0] == "1991" and len(ticks) <= 12
    assert all(re.fullmatch(r"\d{4}", t) for t in ticks)


def test_a_vague_span_does_not_squash_the_axis() -> None:
    """A "20XX" event (2000..2099) stays on the timeline, clipped, and the axis fits the
    story's own dates (issue 11: it squashed every other bar into one pixel column)."""
    events = (
        _dated("e:century", date(2000, 1, 1), date(2099, 12, 31), "Cooperation"),
        _dated("e:call", date(2022, 12, 30), date(2022, 12, 30)),
        _dated("e:deal", date(2022, 2, 1), date(2022, 2, 28), "Agreement"),
    )
    page = render_html(KnowledgeGraph(Iris(), (), (), events, ()))
    bars = dict(zip([a["data-id"] for a in _items(page)], _bars(page), strict=True))
    assert "kg-tl-clipped" in (bars["e:century"]["class"] or "")
    assert (bars["e:century"]["style"] or "").startswith("left: 0.000%; width: 100.000%")
    days = (date(2022, 12, 30) - date(2022, 2, 1)).days + 1
    assert (bars["e:call"]["style"] or "").startswith(f"left: {100 * (days - 1) / days:.3f}%")
    ticks = re.findall(r'class="kg-tl-tick" style="left: [0-9.]+%">([^<]*)<', page)
    assert ticks[0] == "2022-02" and ticks[-1].startswith("2022-")


def test_a_tooltip_quotes_each_sentence_once_and_every_outlet() -> None:
    """Issue 16: one outlet's headline quoted three times used up the sentence cap and hid the
    other outlet's sentence; sources without a publisher are named by their site."""
    said = "Putin and Xi held a video call on Friday."
    other = "Xi told Putin that China would keep its stance."
    repeats = [Mention("a", start, start + 4, "call", said) for start in range(0, 90, 10)]
    evidence = (*repeats, Mention("b", 5, 9, "told", other))
    event = dataclasses.replace(_dated("e:call", None, None), sources=("a", "b"), evidence=evidence)
    articles = (
        ArticleNode(id="a", path="a.txt", sha256="0" * 64, url="https://www.example.org/x"),
        ArticleNode(id="b", path="b.txt", sha256="1" * 64, publisher="Outlet B"),
    )
    tooltip = html_export._node_title(KnowledgeGraph(Iris(), articles, (), (event,), ()), event)
    assert tooltip.count(said) == 1 and tooltip.count(other) == 1
    assert "example.org" in tooltip and "Outlet B" in tooltip
    assert "more sentence" not in tooltip


def test_a_day_without_a_year_sits_in_the_storys_year() -> None:
    """Issue 16: "XXXX-03-05" (an undated article's "March 5") was listed as undated although
    the story's other dates fix the year."""
    march = dataclasses.replace(_dated("e:march", None, None), time_value="XXXX-03-05")
    events = (march, _dated("e:call", date(2023, 3, 1), date(2023, 3, 1)))
    page = render_html(KnowledgeGraph(Iris(), (), (), events, ()))
    bars = dict(zip([a["data-id"] for a in _items(page)], _bars(page), strict=False))
    assert "e:march" in bars, "placed on the axis, not listed as undated"
    assert "5 March (year unknown)" in _timeline(page)


def test_empty_graph_has_an_empty_timeline() -> None:
    page = render_html(EMPTY)
    assert _items(page) == [] and "0 dated" in _timeline(page)


def test_script_json_cannot_end_its_script_element() -> None:
    hostile = {"a</script><script>x=1</script>": "<!-- & \u2028\u2029 é"}
    text = html_export.script_json(hostile)
    for raw in ("<", ">", "&", "\u2028", "\u2029", "é"):
        assert raw not in text
    assert json.loads(text) == hostile
    assert text == html_export.script_json(dict(reversed(list(hostile.items()))))


def test_big_graph_opens_on_its_most_cited_nodes() -> None:
    from bench.html_scale import synthetic_graph

    graph = synthetic_graph(html_export.SHOW_FIRST + 200)
    page = render_html(graph)
    view = page_data(page, "kgView")
    nodes = page_data(page, "kgNodes")
    assert isinstance(view, dict) and isinstance(nodes, list)
    assert view["first"] == html_export.SHOW_FIRST and view["step"] == html_export.SHOW_STEP
    # Every node is in the page, ranked by source count, most-cited first.
    order = list(graph.nodes())
    assert sorted(view["rank"]) == list(range(len(order))) == list(range(len(nodes)))
    counts = [len(order[i].sources) for i in view["rank"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    options = page_data(page, "kgOptions")
    assert isinstance(options, dict)
    assert options["edges"]["smooth"] is False
    assert options["layout"]["improvedLayout"] is False
    assert options["physics"]["stabilization"]["iterations"] <= 100


def test_small_graph_shows_everything_with_curved_edges(page: str) -> None:
    view = page_data(page, "kgView")
    options = page_data(page, "kgOptions")
    assert isinstance(view, dict) and isinstance(options, dict)
    assert view["first"] == 11
    assert options["edges"]["smooth"] == {"enabled": True, "type": "continuous"}
