"""Headless Chromium for the HTML tests and bench.html_scale, and a small hand-built graph with
hostile text.

Not a pytest conftest (pytest does not load it by name): test modules import it.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from datetime import date
from pathlib import Path

import networkx as nx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from kg.model import Article, Evidence

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
)


def chromium(chromium: Path = CHROMIUM, chromedriver: Path = CHROMEDRIVER) -> WebDriver:
    """Headless Chromium, its network switched off, every request and console line logged.

    A throwaway profile folder goes when the driver does.
    """
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for arg in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(chromedriver)), options=options)
    weakref.finalize(driver, shutil.rmtree, profile, True)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
    except BaseException:
        driver.quit()
        raise
    return driver


RES = "https://w3id.org/newskg/resource/"
HOSTILE_LABEL = "<script>alert(1)</script>"
HOSTILE_ALT = '"><img src=x onerror="window.__pwned=1">'
HOSTILE_SENTENCE = 'He wrote <img src=x onerror=alert(1)> and "left" it there.'
HOSTILE_URL = "javascript:window.__pwned=1"
HOSTILE_ID = RES + "person/hostile"


def _article(aid: str, **meta: object) -> Article:
    text = f"Text of {aid}."
    return Article(id=aid, path=f"{aid}.txt", text=text, nlp_text=text, sha256="0" * 64, **meta)  # type: ignore[arg-type]


def _ev(article: str, sentence: str, anchor: str) -> Evidence:
    start = sentence.index(anchor)
    return Evidence(article, start, start + len(anchor), anchor, sentence)


def sample_graph(reverse: bool = False) -> tuple[nx.MultiDiGraph, dict[str, Article]]:
    """Eleven nodes, ten edges; `reverse` inserts them in the opposite order (same graph)."""
    articles = {
        "a1": _article(
            "a1",
            title="Putin and Xi hold video call",
            publisher="Reuters",
            published=date(2022, 12, 30),
            url="https://example.org/news/a1?x=1&y=2",
        ),
        "a2": _article(
            "a2",
            title="Leaders <b>meet</b> & talk",
            publisher='Evil "News" <i>',
            published=None,
            url=HOSTILE_URL,
        ),
    }
    s1 = "Vladimir Putin spoke to Xi Jinping by video call on December 30."
    s2 = "Xi will visit Moscow in spring, Putin said."
    s3 = "Russian forces struck a depot near Kharkiv."
    s4 = "Russia did not hold the naval drill, the ministry said."
    s5 = "If talks fail, the sides may sign nothing."
    # kg.graph stores article ids in `sources`; article IRIs are accepted too (Putin uses them).
    a1, a2 = "a1", "a2"
    nodes: list[tuple[str, dict[str, object]]] = [
        (
            RES + "person/vladimir-putin",
            dict(
                kind="Person",
                label="Vladimir Putin",
                alt_labels=("Putin",),
                sources=(RES + "article/a1", RES + "article/a2"),
                evidence=(_ev("a1", s1, "Vladimir Putin"), _ev("a2", s2, "Putin")),
            ),
        ),
        (
            RES + "person/xi-jinping",
            dict(
                kind="Person",
                label="Xi Jinping",
                alt_labels=("Xi",),
                sources=(a1, a2),
                evidence=(_ev("a1", s1, "Xi Jinping"), _ev("a2", s2, "Xi")),
            ),
        ),
        (
            RES + "state/russia",
            dict(
                kind="State",
                label="Russia",
                alt_labels=("Russian Federation",),
                sources=(a2,),
                evidence=(_ev("a2", s4, "Russia"),),
            ),
        ),
        (
            RES + "organization/kremlin",
            dict(kind="Organization", label="Kremlin", alt_labels=(), sources=(a1,), evidence=()),
        ),
        (
            RES + "place/moscow",
            dict(
                kind="Place",
                label="Moscow",
                alt_labels=(),
                sources=(a2,),
                evidence=(_ev("a2", s2, "Moscow"),),
            ),
        ),
        (
            HOSTILE_ID,
            dict(
                kind="Person",
                label=HOSTILE_LABEL,
                alt_labels=(HOSTILE_ALT,),
                sources=(a2,),
                evidence=(_ev("a2", HOSTILE_SENTENCE, "He"),),
            ),
        ),
        (
            RES + "event/call-2022-12-30",
            dict(
                kind="Event",
                cls="Call",
                label="video call",
                alt_labels=(),
                status="Occurred",
                time_value="2022-12-30",
                begin="2022-12-30",
                end="2022-12-30",
                claimed_by=None,
                quad="verbal-cooperation",
                cameo="040",
                time_conflicts=("2022-12-29 (article a2)",),
                sources=(a1,),
                evidence=(_ev("a1", s1, "video call"),),
            ),
        ),
        (
            RES + "event/visit-2023-sp",
            dict(
                kind="Event",
                cls="Visit",
                label="visit",
                alt_labels=(),
                status="Planned",
                time_value="2023-SP",
                begin="2023-03-01",
                end="2023-05-31",
                claimed_by=RES + "person/vladimir-putin",
                quad="verbal-cooperation",
                sources=(a2,),
                evidence=(_ev("a2", s2, "visit"),),
            ),
        ),
        (
            RES + "event/strike-1",
            dict(
                kind="Event",
                cls="MilitaryAction",
                label="strike",
                alt_labels=(),
                status="Occurred",
                time_value=None,
                begin=None,
                end=None,
                claimed_by=None,
                quad="material-conflict",
                sources=(a1, a2),
                evidence=(_ev("a1", s3, "struck"), _ev("a2", s3, "struck")),
            ),
        ),
        (
            RES + "event/drill-1",
            dict(
                kind="Event",
                cls="NavalDrill",
                label="naval drill",
                alt_labels=(),
                status="Negated",
                time_value=None,
                begin=None,
                end=None,
                claimed_by=None,
                quad=None,
                sources=(a2,),
                evidence=(_ev("a2", s4, "naval drill"),),
            ),
        ),
        (
            RES + "event/deal-1",
            dict(
                kind="Event",
                cls="Agreement",
                label="sign",
                alt_labels=(),
                status="Hypothetical",
                time_value=None,
                begin=None,
                end=None,
                claimed_by=None,
                quad="material-cooperation",
                sources=(a2,),
                evidence=(_ev("a2", s5, "sign"),),
            ),
        ),
    ]
    call, visit = RES + "event/call-2022-12-30", RES + "event/visit-2023-sp"
    putin, xi, russia = (
        RES + "person/vladimir-putin",
        RES + "person/xi-jinping",
        RES + "state/russia",
    )
    edges: list[tuple[str, str, str, dict[str, object]]] = [
        (call, putin, "agent", dict(evidence=(_ev("a1", s1, "Vladimir Putin"),), role=None)),
        (call, xi, "coParticipant", dict(evidence=(_ev("a1", s1, "Xi Jinping"),), role=None)),
        (visit, xi, "agent", dict(evidence=(_ev("a2", s2, "Xi"),), role=None)),
        (
            visit,
            RES + "place/moscow",
            "hasPlace",
            dict(evidence=(_ev("a2", s2, "Moscow"),), role=None),
        ),
        (visit, putin, "claimedBy", dict(evidence=(_ev("a2", s2, "Putin"),), role=None)),
        (
            RES + "event/strike-1",
            russia,
            "agent",
            dict(evidence=(_ev("a1", s3, "Russian"),), role=None),
        ),
        (
            RES + "event/drill-1",
            russia,
            "agent",
            dict(evidence=(_ev("a2", s4, "Russia"),), role=None),
        ),
        # The hostile name as an event participant: it shows on the timeline too.
        (
            RES + "event/deal-1",
            HOSTILE_ID,
            "coParticipant",
            dict(evidence=(_ev("a2", s5, "sides"),), role=None),
        ),
        (
            putin,
            russia,
            "leaderOf",
            dict(evidence=(_ev("a1", s1, "Vladimir Putin"),), role="President"),
        ),
        (
            HOSTILE_ID,
            RES + "organization/kremlin",
            "spokespersonOf",
            dict(evidence=(_ev("a2", HOSTILE_SENTENCE, "He"),), role='<b onmouseover="x">'),
        ),
    ]
    if reverse:
        nodes.reverse()
        edges.reverse()
    graph = nx.MultiDiGraph()
    for node, attrs in nodes:
        graph.add_node(node, **attrs)
    for u, v, predicate, attrs in edges:
        if u == HOSTILE_ID:
            # The plain form: keyed by the predicate alone, no `predicate` attribute.
            graph.add_edge(u, v, key=predicate, **attrs)
            continue
        # kg.graph's form: parallel edges keyed "leaderOf|President", local name in `predicate`.
        role = attrs["role"]
        key = predicate + (f"|{role}" if role else "")
        graph.add_edge(u, v, key=key, predicate=predicate, **attrs)
    return graph, articles
