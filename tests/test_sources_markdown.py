"""Markdown in .md sources: the markup is blanked in nlp_text, offsets kept (a new user's
trial: a bold dateline, headings, a link's URL and bullets reached the parser)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kg.model import Article
from kg.sources import date_among, read_sources

STORY = """\
# German *officials* meet [Siemens](https://example.com/siemens) bosses

## Talks on energy prices

![A gas plant near Munich](https://img.example.com/plant.jpg "Plant")

<!-- syndication: do not edit
     below this line -->

**MUNICH** — German officials met executives of [Siemens Energy](https://example.com/se "SE")
on Tuesday, the company said.

> "We agreed on a plan," a spokesman said.

- Prices rose 5 * 3 percent in _May_, said the `grid` office.
* Gas use fell.
1. Another point here.

---

The snake_case_name stays, and so does a footnote*.
"""


def read_one(tmp_path: Path, name: str, text: str) -> Article:
    (tmp_path / name).write_text(text, "utf-8")
    articles, _ = read_sources([tmp_path])
    assert len(articles) == 1
    return articles[0]


def test_regression_markdown_markup_is_blanked_and_offsets_kept(tmp_path: Path) -> None:
    article = read_one(tmp_path, "story.md", STORY)
    nlp = article.nlp_text
    assert len(nlp) == len(article.text) and nlp.count("\n") == article.text.count("\n")
    for gone in ("https://", "img.example.com", "**", "#", "](", "![", "<!--", "> ", "- ", "`"):
        assert gone not in nlp, gone
    # link text, emphasis's words and list items stay where they were written
    for kept in ("Siemens Energy", "officials", "May", "grid", "Gas use fell.", "Another point"):
        at = article.text.index(kept)
        assert nlp[at : at + len(kept)] == kept, kept
    assert "A gas plant" not in nlp  # an image's alt text describes a picture
    # an asterisk or underscore that opens no emphasis is text
    assert "5 * 3" in nlp and "snake_case_name" in nlp and "footnote*." in nlp


def test_regression_a_bold_dateline_is_read_like_a_plain_one(tmp_path: Path) -> None:
    article = read_one(tmp_path, "story.md", STORY)
    assert article.dateline == "MUNICH"
    assert "MUNICH" not in article.nlp_text


def test_regression_the_first_heading_is_the_title_without_its_markup(tmp_path: Path) -> None:
    article = read_one(tmp_path, "story.md", "Skip to main content\n\n" + STORY)
    assert article.title == "German officials meet Siemens bosses"


def test_front_matter_title_beats_the_heading(tmp_path: Path) -> None:
    article = read_one(tmp_path, "story.md", '---\ntitle: "Given"\n---\n' + STORY)
    assert article.title == "Given"


def test_a_text_file_is_not_read_as_markdown(tmp_path: Path) -> None:
    text = "Officials said *only* 5 * 3 units [sic] were lost.\n\n- Gas use fell.\n"
    article = read_one(tmp_path, "story.txt", text)
    assert "*only*" in article.nlp_text and "[sic]" in article.nlp_text


def test_code_between_fences_is_not_read_as_markdown(tmp_path: Path) -> None:
    text = "Officials released the figures.\n\n```\nrate = a*b*c\n```\n"
    article = read_one(tmp_path, "story.md", text)
    assert "```" not in article.nlp_text and "rate = a*b*c" in article.nlp_text


def test_regression_a_bold_dateline_dates_a_markdown_article_among_others(tmp_path: Path) -> None:
    text = (
        "**WASHINGTON, June 22 (Reuters)** - The central bank said on Thursday it would hold "
        "interest rates steady.\n"
    )
    article = read_one(tmp_path, "story.md", text)
    assert article.agency == "Reuters"
    found = date_among(article, [date(2023, 5, 2)])
    assert found is not None and found.date == date(2023, 6, 22)


def test_a_credit_read_through_its_link_is_furniture(tmp_path: Path) -> None:
    """A new user's trial: "([Reporting](https://...) by ...; Editing by Paul Carrel)" was
    masked in a .txt but not in a .md, and became an event of editing."""
    story = (
        "# Siemens to cut jobs\n\n**BERLIN, March 4 (Reuters)** - Siemens said on Tuesday it "
        "would cut 5,000 jobs.\n\n([Reporting](https://www.reuters.com) by Anna Schmidt; "
        "Editing by Paul Carrel)\n"
    )
    article = read_one(tmp_path, "story.md", story)
    assert "Editing" not in article.nlp_text and "Anna Schmidt" not in article.nlp_text
    assert "Siemens said on Tuesday" in article.nlp_text


def test_a_byline_of_names_and_an_outlet_before_its_date_is_furniture(tmp_path: Path) -> None:
    """A new user's trial: the Markdown byline "*By Priya Natarajan | Bloomberg | Nov. 17,
    2026*" was read as prose, and its reporter became a person of the story and the outlet a
    place. Its names and outlet are masked (its date is the date reader's)."""
    story = (
        "# Halcyon Retail to Cut 1,200 Jobs\n\n*By Priya Natarajan | Bloomberg | Nov. 17, "
        "2026*\n\nMINNEAPOLIS (Bloomberg) -- Halcyon Retail Group Inc. will cut 1,200 jobs by "
        "June, the company said in a statement on Tuesday.\n"
    )
    article = read_one(tmp_path, "story.md", story)
    assert "Priya Natarajan" not in article.nlp_text and "Bloomberg" not in article.nlp_text
    assert "Halcyon Retail Group Inc. will cut" in article.nlp_text
