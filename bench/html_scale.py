"""The HTML page at scale, measured in headless Chromium.

    .venv/bin/python -m bench.html_scale [--nodes 100,1000,5000] [--edges-per-node 4] [--keep DIR]

For each size it fabricates a graph the way the pipeline would leave it (a `kg.graph.
KnowledgeGraph` of entities, events, sourced edges and articles, with source counts skewed like
real news: most nodes cite one article, a few cite dozens), renders it with
`kg.export.html.render_html`, opens the page in headless Chromium (the browser tests' flags,
network off) and reports:

  page        the page's size in MB, and how long render_html took
  shown       nodes drawn at first (the page shows the top nodes by source count on big graphs)
  dcl         DOMContentLoaded, ms after navigation start
  first draw  the network's first `afterDrawing`, ms after navigation start
  stable      layout done and physics off, ms after navigation start
  longest     the longest the main thread stayed blocked from navigation to `stable`, ms (from a
              20 ms ticker installed before the page's scripts)
  search      a search typed and submitted through the real form (WebDriver), until the node is
              selected, ms
  filter      unticking a class filter by a real click until the network has applied it, ms
  more        the "show more" control clicked until the added nodes are laid out, ms, and the
              longest the main thread stayed blocked meanwhile
  tick        a setTimeout(0) round trip after load: the page is idle, not spinning, ms

Figures are for one run on the machine at hand; repeat a run before trusting a difference.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kg import lexicon
from kg.export.html import render_html
from kg.graph import ArticleNode, Edge, EntityNode, EventNode, KnowledgeGraph, Mention
from kg.iris import Iris
from kg.terms import RES_IRI, vocabulary

_SYLLABLES = (
    "ka",
    "ri",
    "to",
    "mo",
    "an",
    "vel",
    "sar",
    "din",
    "lo",
    "pe",
    "tra",
    "mir",
    "os",
    "ul",
    "zen",
    "ba",
    "go",
    "ne",
    "ha",
    "li",
    "vo",
    "ter",
    "sun",
    "da",
    "mar",
    "el",
    "ki",
    "ro",
    "ta",
    "nu",
    "fal",
    "ser",
    "ben",
    "id",
)
_TYPES = (("Person", 5), ("State", 1), ("Organization", 3), ("Place", 2), ("Other", 1))
_STATUSES = (("Occurred", 14), ("Planned", 3), ("Negated", 1), ("Hypothetical", 1))
_ROLES = (("agent", 4), ("target", 3), ("coParticipant", 2), ("hasPlace", 1))
_PUBLISHERS = ("Wire Service", "Daily Courier", "Evening Post", "State Agency", "News Site")
_SENTENCE = (
    "{a} said on {d} that {b} had agreed to the proposal after talks that lasted well into the "
    "night, according to two officials familiar with the matter."
)


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


def _name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(words)
    )


def _source_count(rng: random.Random, articles: int) -> int:
    # Pareto-like: most nodes come from one article, a few from many outlets.
    return min(articles, max(1, int(rng.paretovariate(1.6))))


def synthetic_graph(nodes: int, edges_per_node: float = 4.0, seed: int = 0) -> KnowledgeGraph:
    """A graph as the pipeline leaves it: `nodes` entities and events (about 40/60), about
    `edges_per_node * nodes` sourced edges, and one article per ten nodes. Deterministic."""
    rng = random.Random(seed)
    n_articles = max(5, nodes // 10)
    articles = tuple(
        ArticleNode(
            id=f"{i:05d}_synthetic",
            path=f"{i:05d}_synthetic.txt",
            sha256="0" * 64,
            title=f"{_name(rng, 2)} and {_name(rng, 1)} in talks",
            publisher=_PUBLISHERS[i % len(_PUBLISHERS)],
            published=date(2022, 1, 1) + timedelta(days=rng.randrange(730)),
            url=f"https://news.example.org/{i}",
        )
        for i in range(n_articles)
    )

    def mention(word: str, article: str) -> Mention:
        sentence = _SENTENCE.format(a=word, b=_name(rng, 2), d="Tuesday")
        return Mention(article, 0, len(word), word, sentence)

    def evidence(word: str) -> tuple[Mention, ...]:
        count = _source_count(rng, n_articles)
        chosen = sorted(a.id for a in rng.sample(articles, count))
        return tuple(mention(word, a) for a in chosen)

    n_entities = max(2, nodes * 2 // 5)
    entities: list[EntityNode] = []
    for i in range(n_entities):
        kind = _pick(rng, _TYPES)
        label = _name(rng, 2 if kind == "Person" else 1)
        found = evidence(label)
        iri = f"{RES_IRI}{kind.lower()}/e{i}"
        sources = tuple(m.article for m in found)
        entities.append(EntityNode(iri, kind, label, (), sources, found))

    classes = lexicon.load().event_classes
    events: list[EventNode] = []
    for i in range(nodes - n_entities):
        cls = classes[rng.choice(sorted(classes))]
        begin = (
            date(2020, 1, 1) + timedelta(days=rng.randrange(1460)) if rng.random() < 0.8 else None
        )
        end = begin + timedelta(days=rng.choice((0, 0, 0, 1, 30))) if begin else None
        status = _pick(rng, _STATUSES)
        found = evidence(cls.name.lower())
        events.append(
            EventNode(
                iri=f"{RES_IRI}event/v{i}",
                cls=cls,
                label=cls.name.lower(),
                alt_labels=(),
                sources=tuple(m.article for m in found),
                evidence=found,
                status=status,
                time_value=begin.isoformat() if begin else None,
                time_type="DATE" if begin else None,
                begin=begin,
                end=end,
            )
        )

    # Preferential attachment: an entity already in many events draws more, as leaders do.
    weights = [1.0] * len(entities)
    target_edges = round(edges_per_node * nodes)
    edges: dict[tuple[str, str, str], Edge] = {}
    event_edges = target_edges * 4 // 5
    while len(edges) < event_edges and events:
        event = rng.choice(events)
        index = rng.choices(range(len(entities)), weights)[0]
        weights[index] += 1.0
        role = _pick(rng, _ROLES)
        who = entities[index]
        edge = Edge(event.iri, role, who.iri, evidence(who.label)[:2])
        edges.setdefault((event.iri, role, who.iri), edge)
    relations = vocabulary().relations
    while len(edges) < target_edges:
        a, b = rng.sample(range(len(entities)), 2)
        predicate = rng.choice(relations)
        key = (entities[a].iri, predicate, entities[b].iri)
        edges.setdefault(key, Edge(key[0], predicate, key[2], evidence(entities[a].label)[:1]))
    return KnowledgeGraph(
        Iris(),
        articles,
        tuple(sorted(entities, key=lambda n: n.iri)),
        tuple(sorted(events, key=lambda n: n.iri)),
        tuple(edges[k] for k in sorted(edges)),
    )


# Installed before the page's own scripts (DevTools, so the page's CSP does not apply): a ticker
# whose gaps show how long the main thread was blocked.
_TICKER = """
window.kgBench = { last: performance.now(), longest: 0 };
setInterval(function () {
  var now = performance.now();
  kgBench.longest = Math.max(kgBench.longest, now - kgBench.last - 20);
  kgBench.last = now;
}, 20);
"""


# `framed(t, done)` reports the time from `t` to the next frame the page draws.
_FRAME = """
var done = arguments[arguments.length - 1];
function framed(t) {
  requestAnimationFrame(function () { setTimeout(function () { done(performance.now() - t); }); });
}
"""
# The least-cited node's name (likely not drawn yet) searched through the form.
_SEARCH = """
var id = kgView.rank.map(function (i) { return kgNodes[i].id; }).pop();
document.getElementById("kg-search").value = kgMeta[id].labels[0];
var t = performance.now();
document.getElementById("kg-search-form").requestSubmit();
framed(t);
"""
_FILTER = """
var box = document.querySelector('input[data-filter="status"]');
var t = performance.now();
box.click();
framed(t);
box.click();
"""


def measure(path: Path, timeout: float = 600) -> dict[str, Any]:
    """Open the page in headless Chromium and time its drawing and its answers."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.conftest_browser import chromium

    driver = chromium()
    try:
        driver.set_page_load_timeout(timeout)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _TICKER})
        driver.get(path.resolve().as_uri())
        WebDriverWait(driver, timeout).until(
            lambda d: d.execute_script("return window.kgStable === true")
        )
        found: dict[str, Any] = driver.execute_script(
            "var n = performance.getEntriesByType('navigation')[0];"
            "return {dcl: n.domContentLoadedEventEnd, first: kgTimings.firstDraw,"
            " stable: kgTimings.stable, longest: kgBench.longest,"
            " shown: nodes.length, total: Object.keys(kgMeta).length};"
        )
        # Each answer timed inside the page, from the event to the next frame drawn: what the
        # user waits for, without WebDriver's own round trips.
        found["search"] = driver.execute_async_script(_FRAME + _SEARCH)
        time.sleep(1)  # the search's focus animation runs out before the next answer is timed
        found["filter"] = driver.execute_async_script(_FRAME + _FILTER)
        more = driver.find_element(By.ID, "kg-more")
        found["more"] = found["more_block"] = None
        if more.is_displayed():
            driver.execute_script("kgBench.longest = 0")
            more.click()
            WebDriverWait(driver, timeout).until(
                lambda d: d.execute_script("return window.kgStable === true")
            )
            found["more"], found["more_block"] = driver.execute_script(
                "return [kgTimings.lastLayout, kgBench.longest]"
            )
        time.sleep(1)
        found["tick"] = driver.execute_async_script(
            "var done = arguments[arguments.length - 1], t = performance.now();"
            "setTimeout(function () { done(performance.now() - t); }, 0);"
        )
        return found
    finally:
        driver.quit()


def _ms(value: object) -> str:
    return "-" if value is None else f"{float(value):,.0f}"  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", default="100,1000,5000")
    parser.add_argument("--edges-per-node", type=float, default=4.0)
    parser.add_argument("--keep", type=Path, help="write the pages into this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-html-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        "| nodes | edges | page MB | render s | shown | dcl ms | first draw ms | stable ms "
        "| longest block ms | search ms | filter ms | more ms | more: longest block ms | tick ms |"
    )
    print("|---" * 14 + "|")
    for size in (int(n) for n in args.nodes.split(",")):
        graph = synthetic_graph(size, args.edges_per_node)
        start = time.perf_counter()
        page = render_html(graph)
        render = time.perf_counter() - start
        path = folder / f"graph-{size}.html"
        path.write_text(page, encoding="utf-8")
        found = measure(path)
        print(
            f"| {len(graph.entities) + len(graph.events):,} | {len(graph.edges):,} "
            f"| {len(page.encode()) / 1e6:.1f} | {render:.1f} | {found['shown']:,} "
            f"| {_ms(found['dcl'])} | {_ms(found['first'])} | {_ms(found['stable'])} "
            f"| {_ms(found['longest'])} | {_ms(found['search'])} | {_ms(found['filter'])} "
            f"| {_ms(found['more'])} | {_ms(found['more_block'])} | {found['tick']:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
