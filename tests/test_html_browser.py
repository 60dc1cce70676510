"""The HTML page in a real browser (Debian's chromium, headless), with the network switched off.

`open_offline(path)` is the reusable part: point it at any page kg wrote. To check a real build,
set KG_HTML_PAGE=/path/to/graph.html and KG_HTML_NODES=<node count>; the page checks then run on it
as well as on the hand-built sample.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from bench.html_scale import synthetic_graph
from kg.export.files import atomic_write
from kg.export.html import SHOW_FIRST, render_html
from tests.conftest_browser import (
    CHROMEDRIVER,
    CHROMIUM,
    HOSTILE_ID,
    HOSTILE_LABEL,
    RES,
    chromium,
    sample_graph,
)

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = ("file:", "data:", "about:")
_BROWSER_SCHEMES = ("chrome:", "chrome-untrusted:", "devtools:")
LAYOUT_TIMEOUT = 60  # seconds; a big real graph takes a while to stabilise


def open_offline(path: Path | str, timeout: float = LAYOUT_TIMEOUT) -> WebDriver:
    """Open `path` in headless chromium with the network off and every request logged.

    Wait for the page's layout to finish (`window.kgStable`). Fail, never skip, when chromium or
    chromedriver is missing: CI installs them (`.ci/run`).
    """
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not binary.exists():
            pytest.fail(
                f"{binary} is missing: the browser test needs Debian's chromium and "
                "chromium-driver; `.ci/run` installs them "
                "(apt-get install chromium chromium-driver)"
            )
    driver = chromium(CHROMIUM, CHROMEDRIVER)
    try:
        # Drop what the browser's own start page requested (chrome:// URLs) before ours loads.
        driver.get_log("performance")
        driver.get(Path(path).resolve().as_uri())
        WebDriverWait(driver, timeout).until(
            lambda d: d.execute_script("return window.kgStable === true")
        )
    except BaseException:
        driver.quit()
        raise
    return driver


def requested_urls(driver: WebDriver) -> list[str]:
    """Every URL the page asked for since the last call, from chromium's performance log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            # chromium's own pages (the new-tab page it starts on) load chrome:// resources,
            # sometimes after ours began: the browser's internals, not the page's requests
            if not url.startswith(_BROWSER_SCHEMES):
                urls.append(url)
    return urls


def severe_console(driver: WebDriver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def assert_no_alert(driver: WebDriver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018  (reading it is what raises)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    graph = sample_graph()
    path = tmp_path_factory.mktemp("html") / "graph.html"
    atomic_write(path, render_html(graph))
    return path, len(graph.entities) + len(graph.events)


def _pages() -> list[str]:
    return ["sample", "seed"] + (["env"] if os.environ.get("KG_HTML_PAGE") else [])


def _seed_page() -> tuple[Path, int]:
    """The committed out/graph.html, and how many entities and events out/graph.ttl holds
    (kept fresh against sources/ by tests/test_build.py)."""
    out = Path(__file__).resolve().parent.parent / "out"
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    query = """PREFIX kg: <https://w3id.org/newskg/ontology#>
        SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
          VALUES ?t { kg:Person kg:State kg:Organization kg:Place kg:Entity kg:Event }
          ?n a ?t }"""
    count = next(iter(store.query(query)))["c"]  # type: ignore[index, call-overload]
    return out / "graph.html", int(count.value)


@pytest.fixture(params=_pages())
def page(request: pytest.FixtureRequest, sample_page: tuple[Path, int]) -> tuple[Path, int]:
    """(path, expected node count) of each page to check: a hand-made graph with hostile
    text, the seed graph as committed, and any page named in KG_HTML_PAGE."""
    if request.param == "env":
        return Path(os.environ["KG_HTML_PAGE"]), int(os.environ["KG_HTML_NODES"])
    if request.param == "seed":
        return _seed_page()
    return sample_page


@pytest.fixture
def sample_driver(sample_page: tuple[Path, int]) -> Iterator[WebDriver]:
    driver = open_offline(sample_page[0])
    yield driver
    driver.quit()


def test_page_draws_every_node_offline_without_errors(page: tuple[Path, int]) -> None:
    path, expected = page
    driver = open_offline(path)
    try:
        assert driver.execute_script("return network.body.data.nodes.length") == expected
        # Nodes vis actually placed on the canvas, not only loaded into the DataSet.
        assert driver.execute_script("return network.body.nodeIndices.length") == expected
        # Physics stops once laid out, so a big page does not keep the CPU busy.
        assert driver.execute_script("return network.physics.options.enabled") is False
        urls = requested_urls(driver)
        assert urls, "the performance log recorded nothing: the request check would be blind"
        assert [u for u in urls if not u.startswith(LOCAL_SCHEMES)] == []
        assert severe_console(driver) == []
        assert_no_alert(driver)
    finally:
        driver.quit()


def search(driver: WebDriver, text: str) -> None:
    box = driver.find_element(By.ID, "kg-search")
    box.clear()
    box.send_keys(text + Keys.ENTER)


def test_search_selects_node_by_label_and_alt_label(sample_driver: WebDriver) -> None:
    search(sample_driver, "Xi Jinping")
    assert sample_driver.execute_script("return network.getSelectedNodes()") == [
        RES + "person/xi-jinping"
    ]
    # "Putin" is an alt label of Vladimir Putin, and an exact match beats "Putin" in sentences.
    search(sample_driver, "putin")
    assert sample_driver.execute_script("return network.getSelectedNodes()") == [
        RES + "person/vladimir-putin"
    ]
    details = sample_driver.find_element(By.ID, "kg-details-body").text
    assert "Vladimir Putin" in details
    assert "Reuters" in details
    search(sample_driver, "no such node anywhere")
    assert sample_driver.find_element(By.ID, "kg-search-status").text == "no match"
    assert severe_console(sample_driver) == []


def test_hostile_label_shows_as_text(sample_driver: WebDriver) -> None:
    search(sample_driver, HOSTILE_LABEL)
    assert sample_driver.execute_script("return network.getSelectedNodes()") == [HOSTILE_ID]
    details = sample_driver.find_element(By.ID, "kg-details-body")
    assert HOSTILE_LABEL in details.text
    assert "<img src=x onerror=alert(1)>" in details.text
    assert details.find_elements(By.TAG_NAME, "img") == []
    assert details.find_elements(By.TAG_NAME, "script") == []
    # The javascript: URL of the hostile article is not a link.
    hrefs = [a.get_attribute("href") for a in details.find_elements(By.TAG_NAME, "a")]
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    # The tooltip, shown by a real hover: the text is there as text, no element of it.
    tooltip = hover_node(sample_driver, HOSTILE_ID)
    assert HOSTILE_LABEL in tooltip.text
    assert "<img src=x onerror=alert(1)>" in tooltip.text
    assert tooltip.find_elements(By.CSS_SELECTOR, "img, script, b, i") == []
    assert_no_alert(sample_driver)
    assert severe_console(sample_driver) == []


def test_filters_hide_events_and_their_edges(sample_driver: WebDriver) -> None:
    visit = RES + "event/visit-2023-sp"
    box = sample_driver.find_element(
        By.CSS_SELECTOR, 'input[data-filter="status"][value="Planned"]'
    )
    box.click()
    assert sample_driver.execute_script("return nodes.get(arguments[0]).hidden", visit) is True
    hidden_edges = sample_driver.execute_script(
        "return edges.get().filter(function (e) { return e.hidden; }).length"
    )
    assert hidden_edges == 3  # the visit's agent, place and claimedBy edges
    call = RES + "event/call-2022-12-30"
    assert sample_driver.execute_script("return nodes.get(arguments[0]).hidden", call) is False
    box.click()
    assert sample_driver.execute_script("return nodes.get(arguments[0]).hidden", visit) is False
    sample_driver.find_element(By.CSS_SELECTOR, 'input[data-filter="cls"][value="Call"]').click()
    assert sample_driver.execute_script("return nodes.get(arguments[0]).hidden", call) is True
    assert severe_console(sample_driver) == []


def timeline_item(driver: WebDriver, node: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f'#kg-timeline .kg-tl-item[data-id="{node}"]')


def marked(driver: WebDriver) -> list[str]:
    """IRIs of the timeline items marked as selected."""
    return driver.execute_script(  # type: ignore[no-any-return]
        "return Array.from(document.querySelectorAll('#kg-timeline .kg-tl-sel'))"
        ".map(function (e) { return e.dataset.id; })"
    )


def _point_at(driver: WebDriver, node: str) -> ActionChains:
    """The mouse moved onto `node` where vis drew it on the canvas."""
    canvas = driver.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    where = (
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);"
        "return [p.x, p.y];"
    )
    # Wait out a focus animation: the node stays put on screen for 100 ms.
    seen: list[list[float]] = []
    WebDriverWait(driver, 10, poll_frequency=0.1).until(
        lambda d: seen.append(d.execute_script(where, node)) or seen[-2:-1] == seen[-1:]
    )
    x, y = seen[-1]
    assert (
        driver.execute_script("return network.getNodeAt({x: arguments[0], y: arguments[1]})", x, y)
        == node
    )
    return ActionChains(driver).move_to_element_with_offset(
        canvas, round(x - canvas.size["width"] / 2), round(y - canvas.size["height"] / 2)
    )


def click_node(driver: WebDriver, node: str) -> None:
    """A real mouse click on `node` where vis drew it on the canvas."""
    _point_at(driver, node).click().perform()


def hover_node(driver: WebDriver, node: str) -> WebElement:
    """Hover over `node` until vis shows its tooltip; the tooltip element."""
    # Move off first: vis only reacts to the mouse arriving.
    canvas = driver.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, 0, 0).perform()
    _point_at(driver, node).pause(0.3).move_by_offset(1, 0).perform()
    tooltip = driver.find_element(By.CSS_SELECTOR, "div.vis-tooltip")
    WebDriverWait(driver, 10).until(lambda d: tooltip.is_displayed() and tooltip.text)
    return tooltip


def test_timeline_click_selects_and_focuses_the_event(sample_driver: WebDriver) -> None:
    visit = RES + "event/visit-2023-sp"
    timeline_item(sample_driver, visit).click()
    assert sample_driver.execute_script("return network.getSelectedNodes()") == [visit]
    assert marked(sample_driver) == [visit]
    assert "Event: Visit" in sample_driver.find_element(By.ID, "kg-details-body").text
    # Focus: the view ends up centred on the event.
    WebDriverWait(sample_driver, 5).until(
        lambda d: d.execute_script(
            "var v = network.getViewPosition(), p = network.getPositions([arguments[0]])"
            "[arguments[0]]; return Math.abs(v.x - p.x) < 2 && Math.abs(v.y - p.y) < 2;",
            visit,
        )
    )
    # An undated event is listed apart and selects the same way, by keyboard too.
    strike = RES + "event/strike-1"
    timeline_item(sample_driver, strike).send_keys(Keys.ENTER)
    assert sample_driver.execute_script("return network.getSelectedNodes()") == [strike]
    assert marked(sample_driver) == [strike]
    assert severe_console(sample_driver) == []


def test_network_selection_marks_the_timeline(sample_driver: WebDriver) -> None:
    call = RES + "event/call-2022-12-30"
    click_node(sample_driver, call)
    assert sample_driver.execute_script("return network.getSelectedNodes()") == [call]
    assert marked(sample_driver) == [call]
    item = timeline_item(sample_driver, call)
    assert "kg-tl-sel" in (item.get_attribute("class") or "")
    # An entity has no timeline item: the mark goes.
    click_node(sample_driver, RES + "place/moscow")
    assert marked(sample_driver) == []
    # Search selects in the network and so marks the timeline too.
    search(sample_driver, "naval drill")
    assert marked(sample_driver) == [RES + "event/drill-1"]
    assert severe_console(sample_driver) == []


def test_filters_and_toggle_apply_to_the_timeline(sample_driver: WebDriver) -> None:
    visit = RES + "event/visit-2023-sp"
    sample_driver.find_element(
        By.CSS_SELECTOR, 'input[data-filter="status"][value="Planned"]'
    ).click()
    assert not timeline_item(sample_driver, visit).is_displayed()
    assert timeline_item(sample_driver, RES + "event/call-2022-12-30").is_displayed()
    height = sample_driver.find_element(By.ID, "mynetwork").size["height"]
    toggle = sample_driver.find_element(By.ID, "kg-timeline-toggle")
    toggle.click()
    assert not sample_driver.find_element(By.ID, "kg-timeline").is_displayed()
    assert toggle.get_attribute("aria-pressed") == "false"
    # The network takes the room and vis redraws its canvas to the new size.
    assert sample_driver.find_element(By.ID, "mynetwork").size["height"] > height
    assert (
        sample_driver.execute_script("return network.canvas.frame.canvas.clientHeight")
        == sample_driver.find_element(By.ID, "mynetwork").size["height"]
    )
    toggle.click()
    assert sample_driver.find_element(By.ID, "kg-timeline").is_displayed()
    assert severe_console(sample_driver) == []


# Bounds that only catch a hang on a slow, shared CI machine; the figures live in
# bench/html_scale.py.
HANG = 180


def test_big_graph_draws_its_most_cited_nodes_and_answers(tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    atomic_write(path, render_html(synthetic_graph(2000)))
    driver = open_offline(path, timeout=HANG)
    try:
        assert driver.execute_script("return network.body.nodeIndices.length") == SHOW_FIRST
        assert driver.execute_script("return network.physics.options.enabled") is False
        assert driver.execute_script("return kgTimings.firstDraw > 0")
        assert "showing 1000 most-cited of 2000 nodes" in driver.find_element(By.ID, "kg-bar").text
        more = driver.find_element(By.ID, "kg-more")
        assert more.is_displayed() and more.text == "Show 1000 more"
        # The main thread is free: a timer fires at once.
        assert (
            driver.execute_async_script(
                "var done = arguments[arguments.length - 1], t = performance.now();"
                "setTimeout(function () { done(performance.now() - t); }, 0);"
            )
            < 5000
        )
        # Search finds a node not drawn yet, adds it beside its neighbours and selects it.
        last = driver.execute_script("return kgNodes[kgView.rank[kgView.rank.length - 1]].id")
        label = driver.execute_script("return kgMeta[arguments[0]].labels[0]", last)
        search(driver, label)
        WebDriverWait(driver, HANG).until(
            lambda d: (
                d.execute_script("return network.getSelectedNodes()[0] === arguments[0]", last)
                or d.execute_script("return kgFindNode(arguments[0]) !== arguments[0]", label, last)
            )
        )
        selected = driver.execute_script("return network.getSelectedNodes()[0]")
        assert selected == driver.execute_script("return kgFindNode(arguments[0])", label)
        assert driver.execute_script("return nodes.length") == SHOW_FIRST + (selected == last)
        # A filter answers.
        box = driver.find_element(By.CSS_SELECTOR, 'input[data-filter="status"][value="Planned"]')
        box.click()
        WebDriverWait(driver, HANG).until(
            lambda d: "events shown" in d.find_element(By.ID, "kg-filter-status").text
        )
        hidden = driver.execute_script(
            "return nodes.get({filter: function (n) { return n.hidden; }}).length"
        )
        assert hidden > 0
        # Show more: every node drawn, laid out, physics off again.
        more.click()
        WebDriverWait(driver, HANG).until(
            lambda d: d.execute_script("return window.kgStable === true && nodes.length === 2000")
        )
        assert not more.is_displayed()
        assert driver.execute_script("return network.physics.options.enabled") is False
        # Nodes added under a ticked-off filter come in hidden; vis draws all the others.
        now_hidden = driver.execute_script(
            "return nodes.get({filter: function (n) { return n.hidden; }}).length"
        )
        assert now_hidden > hidden
        assert driver.execute_script("return network.body.nodeIndices.length") == 2000 - now_hidden
        assert severe_console(driver) == []
        assert_no_alert(driver)
    finally:
        driver.quit()


def test_missing_chromium_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(pytest.fail.Exception, match=r"`\.ci/run` installs them"):
        open_offline(tmp_path / "graph.html")
