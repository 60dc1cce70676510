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

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from kg import lexicon
from kg.graph import ArticleNode, Edge, EntityNode, EventNode, KnowledgeGraph, Mention
from kg.iris import Iris

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


def _article(aid: str, **meta: object) -> ArticleNode:
    return ArticleNode(id=aid, path=f"{aid}.txt", sha256="0" * 64, **meta)  # type: ignore[arg-type]


def _ev(article: str, sentence: str, anchor: str, quote: str | None = None) -> Mention:
    start = sentence.index(anchor)
    return Mention(article, start, start + len(anchor), anchor, sentence, quote)


def _event(iri: str, cls: str, label: str, status: str, **fields: object) -> EventNode:
    return EventNode(
        iri=RES + iri,
        cls=lexicon.load().event_classes[cls],
        label=label,
        alt_labels=(),
        status=status,
        **fields,  # type: ignore[arg-type]
    )


def sample_graph(reverse: bool = False) -> KnowledgeGraph:
    """Eleven nodes, ten edges; `reverse` lists them in the opposite order (same graph)."""
    articles = (
        _article(
            "a1",
            title="Putin and Xi hold video call",
            publisher="Reuters",
            published=date(2022, 12, 30),
            url="https://example.org/news/a1?x=1&y=2",
        ),
        _article(
            "a2",
            title="Leaders <b>meet</b> & talk",
            publisher='Evil "News" <i>',
            published=None,
            url=HOSTILE_URL,
        ),
    )
    s1 = "Vladimir Putin spoke to Xi Jinping by video call on December 30."
    s2 = "Xi will visit Moscow in spring, Putin said."
    s3 = "Russian forces struck a depot near Kharkiv."
    s4 = "Russia did not hold the naval drill, the ministry said."
    s5 = "If talks fail, the sides may sign nothing."
    putin, xi, russia = (
        RES + "person/vladimir-putin",
        RES + "person/xi-jinping",
        RES + "state/russia",
    )
    entities = [
        EntityNode(
            putin,
            "Person",
            "Vladimir Putin",
            ("Putin",),
            ("a1", "a2"),
            (_ev("a1", s1, "Vladimir Putin"), _ev("a2", s2, "Putin")),
        ),
        EntityNode(
            xi,
            "Person",
            "Xi Jinping",
            ("Xi",),
            ("a1", "a2"),
            (_ev("a1", s1, "Xi Jinping"), _ev("a2", s2, "Xi")),
        ),
        EntityNode(
            russia, "State", "Russia", ("Russian Federation",), ("a2",), (_ev("a2", s4, "Russia"),)
        ),
        EntityNode(RES + "organization/kremlin", "Organization", "Kremlin", (), ("a1",), ()),
        EntityNode(
            RES + "place/moscow", "Place", "Moscow", (), ("a2",), (_ev("a2", s2, "Moscow"),)
        ),
        EntityNode(
            HOSTILE_ID,
            "Person",
            HOSTILE_LABEL,
            (HOSTILE_ALT,),
            ("a2",),
            (_ev("a2", HOSTILE_SENTENCE, "He"),),
        ),
    ]
    call, visit = RES + "event/call-2022-12-30", RES + "event/visit-2023-sp"
    events = [
        _event(
            "event/call-2022-12-30",
            "Call",
            "video call",
            "Occurred",
            time_value="2022-12-30",
            time_type="DATE",
            begin=date(2022, 12, 30),
            end=date(2022, 12, 30),
            time_conflicts=("2022-12-29 (article a2)",),
            sources=("a1",),
            evidence=(_ev("a1", s1, "video call"),),
        ),
        _event(
            "event/visit-2023-sp",
            "Visit",
            "visit",
            "Planned",
            time_value="2023-SP",
            time_type="DATE",
            begin=date(2023, 3, 1),
            end=date(2023, 5, 31),
            sources=("a2",),
            evidence=(_ev("a2", s2, "visit", quote="Xi will visit Moscow in spring"),),
        ),
        _event(
            "event/strike-1",
            "MilitaryAction",
            "strike",
            "Occurred",
            sources=("a1", "a2"),
            evidence=(_ev("a1", s3, "struck"), _ev("a2", s3, "struck")),
        ),
        _event(
            "event/drill-1",
            "MilitaryExercise",
            "naval drill",
            "Negated",
            sources=("a2",),
            evidence=(_ev("a2", s4, "naval drill"),),
        ),
        _event(
            "event/deal-1",
            "Agreement",
            "sign",
            "Hypothetical",
            sources=("a2",),
            evidence=(_ev("a2", s5, "sign"),),
        ),
    ]
    edges = [
        Edge(call, "agent", putin, (_ev("a1", s1, "Vladimir Putin"),)),
        Edge(call, "coParticipant", xi, (_ev("a1", s1, "Xi Jinping"),)),
        Edge(visit, "agent", xi, (_ev("a2", s2, "Xi"),)),
        Edge(visit, "hasPlace", RES + "place/moscow", (_ev("a2", s2, "Moscow"),)),
        Edge(visit, "claimedBy", putin, (_ev("a2", s2, "Putin"),)),
        Edge(RES + "event/strike-1", "agent", russia, (_ev("a1", s3, "Russian"),)),
        Edge(RES + "event/drill-1", "agent", russia, (_ev("a2", s4, "Russia"),)),
        # The hostile name as an event participant: it shows on the timeline too.
        Edge(RES + "event/deal-1", "coParticipant", HOSTILE_ID, (_ev("a2", s5, "sides"),)),
        Edge(putin, "leaderOf", russia, (_ev("a1", s1, "Vladimir Putin"),), "President"),
        Edge(
            HOSTILE_ID,
            "spokespersonOf",
            RES + "organization/kremlin",
            (_ev("a2", HOSTILE_SENTENCE, "He"),),
            '<b onmouseover="x">',
        ),
    ]
    if reverse:
        entities.reverse()
        events.reverse()
        edges.reverse()
    return KnowledgeGraph(Iris(), articles, tuple(entities), tuple(events), tuple(edges))
