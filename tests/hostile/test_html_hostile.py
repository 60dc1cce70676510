"""No script from an article ever runs: hostile articles and metadata through the real pipeline,
the page opened in headless Chromium, every place their text reaches exercised.

The page is checked twice: as written, and with its Content-Security-Policy taken out, so that
escaping alone is shown to hold (the CSP is the second wall, not the first).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from kg.pipeline import build
from tests.test_html_browser import (
    assert_no_alert,
    click_node,
    hover_node,
    open_offline,
    search,
    severe_console,
    timeline_item,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCRIPT = "<script>window.pwned=1</script>"
IMG = '<img src=x onerror="window.pwned=1">'
ATTR = "' onmouseover='window.pwned=1' x='"
TITLE = '"><img src=x onerror=alert(1)>'
PUBLISHER = "</script><script>window.pwned=1</script><!--"
SVG_TITLE = "<svg onload=window.pwned=1>"
QUOTE_PUBLISHER = '" onmouseover="window.pwned=1" x="'
RES = "https://w3id.org/newskg/resource/"
BIDEN = RES + "person/joe-biden"
# Names spaCy takes with the markup glued on: these reach labels, the search list, the timeline
# and the JSON the page's scripts read, raw.
XI = "Xi</script><script"
OBRIEN = "O'Brien\"><img src"

ARTICLE_A = f"""President Joe Biden visited Kyiv on Monday, February 20, 2023.

Biden met President Volodymyr Zelenskyy in Kyiv and wrote {SCRIPT} in the guest book.

Zelenskyy said Biden had brought {IMG} and {ATTR} with him to Kyiv.

President Joe Biden met President Xi</script><script>window.pwned=1</script> in Kyiv on Monday.

Biden said President O'Brien"><img src=x onerror=window.pwned=1> had met Zelenskyy</script><!--.
"""
ARTICLE_B = f"""---
title: {SVG_TITLE!r}
publisher: {QUOTE_PUBLISHER!r}
published: 2023-02-21
url: "JaVaScRiPt:window.pwned=1"
---
Joe Biden met Volodymyr Zelenskyy in Kyiv on Monday. A banner read \u2028{SCRIPT}\u2029 there.
"""
MANIFEST = f"""a.txt:
  title: {TITLE!r}
  publisher: {PUBLISHER!r}
  published: 2023-02-20
  url: "javascript:alert(1)"
"""
# Text that must be on the page as text, once the tooltips and details have been shown.
VISIBLE = (SCRIPT, IMG, ATTR, TITLE, PUBLISHER, SVG_TITLE, QUOTE_PUBLISHER)

# Anything the hostile text could have made: no element of these kinds is the page's own.
INJECTED = (
    "img, iframe, object, embed, svg:not(.kg-sw), a[href^='javascript' i], "
    "[onerror], [onload], [onmouseover], [onclick]"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources = tmp_path_factory.mktemp("hostile-sources")
    (sources / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (sources / "b.md").write_text(ARTICLE_B, encoding="utf-8")
    (sources / "sources.yaml").write_text(MANIFEST, encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    report = build([sources], out)
    assert report.errors == () and report.articles == 2
    return out / "graph.html"


@pytest.fixture(params=["with-csp", "escaping-alone"])
def driver(request: pytest.FixtureRequest, built: Path, tmp_path: Path) -> Iterator[WebDriver]:
    path = built
    if request.param == "escaping-alone":
        page = built.read_text(encoding="utf-8")
        start = page.index('<meta http-equiv="Content-Security-Policy"')
        page = page[:start] + page[page.index(">", start) + 1 :]
        path = tmp_path / "graph.html"
        path.write_text(page, encoding="utf-8")
    driver = open_offline(path)
    yield driver
    driver.quit()


def assert_untouched(driver: WebDriver) -> None:
    """No dialog, the sentinel unset, no element the hostile text could have made."""
    assert_no_alert(driver)
    assert driver.execute_script("return typeof window.pwned") == "undefined"
    assert driver.find_elements(By.CSS_SELECTOR, INJECTED) == []
    # Only the page's own three scripts.
    assert len(driver.find_elements(By.TAG_NAME, "script")) == 3


def test_the_page_holds_no_hostile_markup(built: Path) -> None:
    page = built.read_text(encoding="utf-8")
    for raw in (SCRIPT, IMG, ATTR, TITLE, PUBLISHER, SVG_TITLE, QUOTE_PUBLISHER):
        assert raw not in page
    assert "javascript:alert(1)" not in page and "JaVaScRiPt:" not in page
    # The one `<!--` and `</script>` of the publisher stayed inside the JSON as escapes.
    assert page.count("</script>") == 3


def test_no_script_from_an_article_runs(driver: WebDriver) -> None:
    assert_untouched(driver)
    details = driver.find_element(By.ID, "kg-details-body")

    # A node clicked: its sources and sentences in the details panel.
    click_node(driver, BIDEN)
    assert driver.execute_script("return network.getSelectedNodes()") == [BIDEN]
    shown = details.text
    # The same node hovered: the tooltip.
    tooltip = hover_node(driver, BIDEN).text
    assert_untouched(driver)
    for text in VISIBLE:
        assert text in shown, text
        assert text in tooltip, text
    # javascript: URLs are not links; the panel has no link at all here (no http(s) URL given).
    assert details.find_elements(By.TAG_NAME, "a") == []

    # The timeline: the meeting with "President Xi..." lists him among its participants, as text.
    timeline = driver.find_element(By.ID, "kg-timeline")
    assert XI in timeline.text
    event = driver.execute_script(
        "return Object.keys(kgMeta).filter(function (id) {"
        " return kgMeta[id].kind === 'Event'; }).sort()[0]"
    )
    timeline_item(driver, event).click()
    assert driver.execute_script("return network.getSelectedNodes()") == [event]
    assert_untouched(driver)

    # The search box: the hostile text typed finds nothing and shows as typed.
    for text in (SCRIPT, TITLE, ATTR):
        search(driver, text)
        assert driver.find_element(By.ID, "kg-search-status").text == "no match"
        assert_untouched(driver)
    search(driver, "Joe Biden")
    assert driver.execute_script("return network.getSelectedNodes()") == [BIDEN]
    assert SCRIPT in details.text
    assert_untouched(driver)
    # The names with markup in them: found by search, shown as text, hovered.
    for name in (XI, OBRIEN):
        search(driver, name)
        (node,) = driver.execute_script("return network.getSelectedNodes()")
        assert driver.find_element(By.ID, "kg-search-status").text == name
        assert details.text.startswith(name)
        assert hover_node(driver, node).text.startswith(name)
        assert_untouched(driver)
    assert severe_console(driver) == []
