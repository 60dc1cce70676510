"""kg's page reading on pages written for these tests in the manner of real outlets' pages
(tests/pages/, expectations in tests/pages/pages.yaml): the classifier and the date and
dateline readers must generalise beyond the five seeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.sources import SourceWarning, read_sources

PAGES = Path(__file__).resolve().parent / "pages"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((PAGES / "pages.yaml").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_is_read_as_a_reader_would(name: str) -> None:
    want = EXPECTED[name]
    (article,), problems = read_sources([PAGES / name])
    assert (article.published, article.date_origin) == (want["published"], want["origin"])
    assert article.title == want["title"]
    assert (article.dateline, article.agency) == (want["dateline"], want["agency"])
    if want["published"] is None:
        (warning,) = problems
        assert isinstance(warning, SourceWarning) and "--dct" in str(warning)
    else:
        assert problems == []
    lines = article.text.split("\n")
    masked = article.nlp_text.split("\n")
    for start in want["masked"]:
        hits = [i for i, line in enumerate(lines) if line.startswith(start)]
        assert hits, f"no line starts {start!r}"
        for i in hits:
            assert not masked[i].strip(), f"line {i + 1} reached the parser: {masked[i]!r}"
    for text in want["kept"]:
        at = article.text.index(text)
        assert article.nlp_text[at : at + len(text)] == text
    if "lede" in want:
        at = article.text.index(want["lede"])
        line_start = article.text.rfind("\n", 0, at) + 1
        assert not article.nlp_text[line_start:at].strip()  # the dateline is masked


def test_no_date_comes_from_a_caption() -> None:
    (article,), _ = read_sources([PAGES / "broadcaster-video.txt"])
    assert article.published != date(2023, 5, 15)  # "WATCH: ... – May 15, 2023"
