"""kg.sources on real files in tmp_path, and on the seed corpus in sources/."""

from __future__ import annotations

import hashlib
import os
import re
from datetime import date
from pathlib import Path

import pytest

from kg.errors import ManifestError, SourceError
from kg.model import Article
from kg.sources import SourceWarning, date_from_text, read_sources
from kg.sources.dates import read_head

SEEDS = Path(__file__).resolve().parent.parent / "sources"
BODY = "Vladimir Putin invited Xi Jinping to Moscow on Friday.\n"
DATED = " date 2022-12-30\n" + BODY  # dated in its text, so reading it raises no warning


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def read(*paths: Path, dct: date | None = None) -> tuple[list[Article], list[SourceError]]:
    return read_sources(list(paths), dct)


def errors(problems: list[SourceError]) -> list[SourceError]:
    return [p for p in problems if not isinstance(p, SourceWarning)]


def warnings(problems: list[SourceError]) -> list[SourceError]:
    return [p for p in problems if isinstance(p, SourceWarning)]


def only_problem(problems: list[SourceError]) -> str:
    assert len(problems) == 1, problems
    message = str(problems[0])
    assert "\n" not in message  # one problem, one line
    return message


# --- finding files, ids, order ------------------------------------------------------------


def test_folder_is_read_recursively_in_relative_path_order(tmp_path: Path) -> None:
    # Written out of order on purpose: the result must not follow creation order.
    write(tmp_path / "b.md", BODY)
    write(tmp_path / "sub" / "a.txt", BODY)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "notes.pdf", BODY)
    write(tmp_path / "data.json", BODY)
    articles, _ = read(tmp_path)
    assert [a.path for a in articles] == ["a.txt", "b.md", "sub/a.txt"]
    assert [a.id for a in articles] == ["a", "b", "sub__a"]


def test_ids_are_unique_and_deterministic(tmp_path: Path) -> None:
    write(tmp_path / "x.txt", BODY)
    write(tmp_path / "x.md", BODY)
    write(tmp_path / "d" / "x.txt", BODY)
    write(tmp_path / "lonely.txt", BODY)
    first, _ = read(tmp_path)
    second, _ = read(tmp_path)
    assert first == second
    ids = [a.id for a in first]
    assert len(set(ids)) == len(ids)
    assert dict(zip([a.path for a in first], ids, strict=True)) == {
        "d/x.txt": "d__x",
        "lonely.txt": "lonely",
        "x.md": "x",
        "x.txt": "x_txt",
    }


def test_same_stem_in_two_roots_gets_distinct_ids(tmp_path: Path) -> None:
    write(tmp_path / "one" / "story.txt", DATED)
    write(tmp_path / "two" / "story.txt", "Xi Jinping spoke.\n" + DATED)
    articles, problems = read(tmp_path / "one", tmp_path / "two")
    assert problems == []
    assert [a.path for a in articles] == ["story.txt", "story.txt"]
    assert len({a.id for a in articles}) == 2


def test_a_file_given_directly_is_relative_to_its_own_folder(tmp_path: Path) -> None:
    file = write(tmp_path / "deep" / "story.text", BODY)  # any suffix when named directly
    write(tmp_path / "deep" / "sources.yaml", "story.text:\n  published: 2022-12-30\n")
    articles, problems = read(file)
    assert problems == []
    assert articles[0].path == "story.text"
    assert articles[0].id == "story"
    assert articles[0].published == date(2022, 12, 30)


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    file = write(tmp_path / "a.txt", BODY)
    articles, _ = read(tmp_path, file)
    assert len(articles) == 1


# --- text as stored -----------------------------------------------------------------------


def test_text_is_the_decoded_bytes_untranslated(tmp_path: Path) -> None:
    raw = "\ufeffTitle line\r\nPutin spoke.\r\nXi listened.\rEnd\n".encode()
    write(tmp_path / "a.txt", raw)
    (article,), _ = read(tmp_path)
    assert article.text == raw.decode("utf-8")  # BOM and CR/CRLF kept
    assert article.sha256 == hashlib.sha256(raw).hexdigest()
    assert len(article.nlp_text) == len(article.text)
    assert article.nlp_text[0] == " "  # the BOM is not something to parse
    assert article.title == "Title line"


def test_masking_keeps_length_newlines_and_offsets(tmp_path: Path) -> None:
    text = (
        "Headline here\n"
        "Story continues below advertisement\r\n"
        "Putin said ties were the best in history.\n"
        "Click to play video: 'Xi and Putin talk'\n"
        "Xi and Putin talk\n"
        "Facebook Twitter WhatsApp Email\n"
        "Xi said China would stay objective and fair.\n"
        "— With files from Reuters\n"
    )
    write(tmp_path / "a.txt", text)
    (article,), _ = read(tmp_path)
    masked = article.nlp_text
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"
    ]
    for sentence in ("Putin said ties were the best in history.", "objective and fair"):
        start = text.index(sentence)
        assert masked[start : start + len(sentence)] == sentence
    for junk in ("Story continues", "Click to play", "Xi and Putin talk\n", "WhatsApp", "files"):
        assert junk not in masked
    # Every character that changed became a space; nothing moved.
    assert all(m == t or m == " " for m, t in zip(masked, text, strict=True))


@pytest.mark.parametrize(
    "header",
    [
        " date 2022-12-30",
        "Published December 30, 2022",
        "30 Dec, 2022 12:04",
        "By Jane Doe | Published Dec. 30, 2022 6:12 PM ET",
    ],
)
def test_a_date_line_is_read_as_metadata_and_masked(tmp_path: Path, header: str) -> None:
    write(tmp_path / "a.txt", f"Headline\n{header}\n{BODY}")
    (article,), problems = read(tmp_path)
    assert problems == []
    assert (article.published, article.date_origin) == (date(2022, 12, 30), "text")
    assert article.nlp_text == f"Headline\n{' ' * len(header)}\n{BODY}"


# --- metadata precedence ------------------------------------------------------------------


def test_manifest_gives_metadata_and_beats_the_text(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", " date 2021-01-01\nText headline\n" + BODY)
    write(
        tmp_path / "sources.yaml",
        "a.txt:\n  title: From manifest\n  publisher: Desk\n  published: 2022-12-30\n"
        "  url: https://example.org/a\n",
    )
    (article,), problems = read(tmp_path)
    assert problems == []
    assert article.title == "From manifest"
    assert article.publisher == "Desk"
    assert article.published == date(2022, 12, 30)
    assert article.date_origin == "metadata"
    assert article.url == "https://example.org/a"


def test_front_matter_beats_manifest_and_is_masked_not_removed(tmp_path: Path) -> None:
    front = "---\ntitle: From front matter\npublished: 2022-12-31\n---\n"
    write(tmp_path / "a.md", front + BODY)
    write(tmp_path / "sources.yaml", "a.md:\n  title: From manifest\n  published: 2022-12-30\n")
    (article,), problems = read(tmp_path)
    assert problems == []
    assert article.title == "From front matter"
    assert article.published == date(2022, 12, 31)
    assert article.text.startswith(front)
    assert article.nlp_text[: len(front)].strip() == ""
    assert article.nlp_text[len(front) :] == BODY


def test_manifest_fills_fields_the_front_matter_leaves_out(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: T\n---\n" + BODY)
    write(tmp_path / "sources.yaml", "a.md:\n  publisher: P\n  published: 2022-12-30\n")
    (article,), _ = read(tmp_path)
    assert (article.title, article.publisher, article.published) == ("T", "P", date(2022, 12, 30))


def test_dct_overrides_every_published_date(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\npublished: 2022-12-31\n---\n" + BODY)
    write(tmp_path / "b.txt", "Date: 30 December 2022\n" + BODY)
    write(tmp_path / "c.txt", BODY)
    articles, problems = read(tmp_path, dct=date(2023, 1, 5))
    assert problems == []
    assert {(a.published, a.date_origin) for a in articles} == {(date(2023, 1, 5), "metadata")}


def test_text_date_is_used_and_flagged_text(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", " date 2022-12-30\nHeadline\n" + BODY)
    (article,), problems = read(tmp_path)
    assert problems == []
    assert (article.published, article.date_origin) == (date(2022, 12, 30), "text")
    assert article.title == "Headline"  # the header line is metadata, not the title


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (" date 2022-12-30", date(2022, 12, 30)),
        ("Date: 30 December 2022", date(2022, 12, 30)),
        ("By Jane Doe | Published December 30, 2022", date(2022, 12, 30)),
        # a byline's date with no key, as a fresh user's articles had it
        ("By Min-ji Park | September 7, 2024", date(2024, 9, 7)),
        ("By Min-ji Park, September 7, 2024", date(2024, 9, 7)),
        ("By Jane Doe - Sept. 7, 2024 10:02 a.m.", date(2024, 9, 7)),
        # the outlet between writer and date, set in Markdown emphasis, as a trial's page had it
        ("*By Priya Natarajan | Bloomberg | Nov. 17, 2026*", date(2026, 11, 17)),
        ("By Ana Ruiz, Staff Writer, March 2, 2024", date(2024, 3, 2)),
        ("Published: Dec. 30, 2022 6:12 PM ET", date(2022, 12, 30)),
        ("30 Dec, 2022 12:04", date(2022, 12, 30)),
        ("MOSCOW, 30 December 2022 (Agency) - Putin spoke.", date(2022, 12, 30)),
        ("Updated: Dec 31, 2022 09:41 AM IST", date(2022, 12, 31)),
    ],
)
def test_dates_stated_in_the_text(head: str, expected: date) -> None:
    assert date_from_text(f"Headline\n{head}\n{BODY}") == (expected, "text")


def test_published_beats_updated() -> None:
    text = "Updated: Jan 2, 2023\nPublished: Dec 30, 2022\n" + BODY
    assert date_from_text(text) == (date(2022, 12, 30), "text")


def test_a_dateline_with_month_and_day_takes_the_year_its_weekday_allows() -> None:
    # 30 December was a Friday in 2022 (and 2016, 2011, ...): the text's 2023 allows 2022 only.
    text = "BEIJING, Dec 30 (Wire) - Xi and Putin spoke on Friday of a visit in spring 2023.\n"
    assert date_from_text(text) == (date(2022, 12, 30), "inferred")
    # A wire story's lede reports its dateline's day or the day before.
    text = "BEIJING, Dec 31 (Wire) - Xi and Putin spoke on Friday of a visit in spring 2023.\n"
    assert date_from_text(text) == (date(2022, 12, 31), "inferred")


def test_a_dateline_of_a_day_and_an_agency_alone_is_a_dateline() -> None:
    # Reuters' and Bloomberg's datelines with no town; a report looks two years back
    text = (
        "Pemberton files for bankruptcy\n\nMay 19 (Reuters) - Pemberton Retail Group filed for "
        "Chapter 11 protection on Tuesday after a loss in 2018.\n"
    )
    assert date_from_text(text) == (date(2020, 5, 19), "inferred")
    head = read_head("Head\n\nApril 22 (Bloomberg) -- Ardent sued a rival.\n")
    assert head.dateline is not None and head.dateline.date == "April 22"
    assert head.dateline.agency == "Bloomberg"
    assert read_head("Head\n\nMay 19 - the day began.\n").dateline is None


def test_a_year_looked_ahead_to_or_back_from_bounds_no_guess() -> None:
    # a new user's trial: "by 2030" dated a story 2032-03-03, "since 2009" one 2008-03-04
    ahead = (
        "LUDWIGSHAFEN, March 3 (Reuters) - BASF said on Wednesday it aims to cut emissions by "
        "2030.\n"
    )
    assert date_from_text(ahead) is None
    since = (
        "ESSEN, March 4 (Reuters) - Thyssenkrupp said on Tuesday it had posted its biggest "
        "quarterly loss since 2009.\n"
    )
    assert date_from_text(since) is None


def test_the_ledes_first_weekday_dates_the_dateline() -> None:
    # 10 August was a Wednesday in 2005, a Tuesday in 2010: the lede's second weekday tells
    # of the day before
    text = (
        "JOHANNESBURG, Aug 10 (Reuters) - Kgosi Platinum said on Wednesday it halted a shaft "
        "after a rock fall on Tuesday. Twelve workers died in 2004 and 14 in 2008.\n"
    )
    assert date_from_text(text) == (date(2005, 8, 10), "inferred")


def test_a_month_and_day_with_no_year_to_place_them_stays_undated() -> None:
    assert date_from_text("BEIJING, Dec 30 (Wire) - Xi and Putin spoke on Friday.\n") is None
    # Nor does a year the weekday does not fit: 30 December 2016 was a Friday, 2019 a Monday.
    text = "BEIJING, Dec 30 (Wire) - Xi and Putin spoke on Friday, as they did in 2019.\n"
    assert date_from_text(text) is None


def test_dateline_without_a_date_says_nothing() -> None:
    assert date_from_text("MOSCOW (AP) — Putin spoke on Friday.\n") is None


def test_a_date_in_the_story_is_not_its_publication_date() -> None:
    """A date the prose gives is the date of something the story tells (an invasion, a
    maturity, an anniversary): taking the latest as the publication date got 0 of 21
    TimeBank articles right."""
    text = "Russia invaded Ukraine on 24 February 2022. On 4 February 2022 a pact was signed.\n"
    assert date_from_text(text) is None


def test_a_caption_dates_the_event_its_weekday_places_in_a_year() -> None:
    text = (
        "Headline\n\nPutin and Xi on a screen in Moscow on Dec. 30. (Agency via Wire)\n\n"
        "MOSCOW (Wire) - Putin spoke to Xi on Friday about a state visit in spring 2023.\n"
    )
    assert date_from_text(text) == (date(2022, 12, 30), "inferred")
    # A date in a video label or a link is never the article's.
    text = "Headline\n\nWATCH: Putin speaks – Dec 26, 2022\n\nPutin spoke on Friday.\n"
    assert date_from_text(text) is None
    text = "Headline\n\nPutin spoke on Friday.\n\nRead more: Talks on Dec. 30, 2022\n"
    assert date_from_text(text) is None


def test_other_articles_dates_place_the_ledes_weekday() -> None:
    text = "Headline\n\nPutin spoke to Xi on Friday, the Kremlin said.\n"
    found = date_from_text(text, candidates=[date(2022, 12, 30), date(2022, 12, 31)])
    assert found == (date(2022, 12, 30), "inferred")


def test_no_date_anywhere_is_a_warning_not_an_error(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    (article,), problems = read(tmp_path)
    assert article.published is None and article.date_origin is None
    message = only_problem(problems)
    assert isinstance(problems[0], SourceWarning) and problems[0].fatal is False
    assert "a.txt" in message and "no publication date" in message
    for how in ("--dct YYYY-MM-DD", "'published: YYYY-MM-DD'", "sources.yaml"):
        assert how in message


def test_title_from_the_first_markdown_heading(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "Share this article\n\n# Putin invites Xi\n\n" + BODY)
    (article,), _ = read(tmp_path)
    assert article.title == "Putin invites Xi"


def test_no_title_when_the_first_line_is_a_paragraph(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    (article,), _ = read(tmp_path)
    assert article.title is None


# --- bad input: one line each, others still read ------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    write(tmp_path / "ok" / "a.txt", DATED)
    articles, problems = read(tmp_path / "nowhere", tmp_path / "ok", tmp_path / "gone.txt")
    assert [a.id for a in articles] == ["a"]
    assert len(problems) == 2
    assert all("no such file or folder" in str(p) for p in problems)
    assert {Path(p.path).name for p in problems} == {"nowhere", "gone.txt"}


def test_empty_folder_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    articles, problems = read(tmp_path / "empty")
    assert articles == []
    assert "no .txt or .md files" in only_problem(warnings(problems))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n", "empty file"),
        (b"---\ntitle: Only front matter\n---\n\n", "empty file"),
        (b"Putin\x00\x01\x02 spoke", "binary file (NUL byte at byte offset 5)"),
        (b"Putin spoke \xe2\x80 to Xi", "not UTF-8: byte 0xe2 at byte offset 12"),
        (b"Caf\xe9 talk", "not UTF-8: byte 0xe9 at byte offset 3"),
        # a new user's trial: the message said what was wrong, not what to do
        (b"Caf\xe9 talk", "; save it as UTF-8 to read it"),
    ],
)
def test_unusable_file_is_reported_and_others_are_read(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    write(tmp_path / "bad.txt", content)
    write(tmp_path / "good.txt", DATED)
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    message = only_problem(warnings(problems) + errors(problems))
    assert message.startswith(str(tmp_path / "bad.txt") + ": ")
    assert problem in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    bad = write(tmp_path / "locked.txt", BODY)
    bad.chmod(0)
    try:
        articles, problems = read(tmp_path)
    finally:
        bad.chmod(0o644)
    assert articles == []
    assert "permission denied" in only_problem(problems)


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "good.txt", DATED)
    articles, problems = read(tmp_path)  # must not block on the pipe
    assert [a.id for a in articles] == ["good"]
    assert "not a regular file" in only_problem(problems)


def test_broken_front_matter_names_the_line(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: ok\npublished: [2022\n---\n" + BODY)
    write(tmp_path / "b.md", BODY)
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["b"]
    message = only_problem(errors(problems))
    assert isinstance(problems[0], ManifestError)
    assert "a.md" in message and "front matter: YAML error at line" in message
    # The parser notices at the closing line; the list it was reading opened on line 3.
    assert "at line 4:" in message and "started at line 3" in message


def test_unclosed_front_matter(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "---\ntitle: x\n" + BODY)
    _, problems = read(tmp_path)
    assert "no closing '---' line" in only_problem(problems)


@pytest.mark.parametrize("where", ["front matter", "manifest"])
def test_a_date_that_does_not_exist_is_an_error_for_that_file(tmp_path: Path, where: str) -> None:
    if where == "front matter":
        write(tmp_path / "a.md", "---\npublished: 2022-02-30\n---\n" + BODY)
    else:
        write(tmp_path / "a.md", BODY)
        write(tmp_path / "sources.yaml", "a.md:\n  published: 2022-02-30\n")
    write(tmp_path / "b.txt", BODY)
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["b"]
    message = only_problem(errors(problems))
    assert "2022-02-30 is not a real date" in message


def test_broken_manifest_names_the_line_and_holds_back_its_folder(tmp_path: Path) -> None:
    write(tmp_path / "news" / "a.txt", BODY)
    write(tmp_path / "news" / "sources.yaml", "a.txt:\n  title: ok\n  published: [oops\n")
    write(tmp_path / "other" / "b.txt", BODY)
    articles, problems = read(tmp_path / "news", tmp_path / "other")
    assert [a.id for a in articles] == ["b"]
    message = only_problem(errors(problems))
    assert isinstance(problems[0], ManifestError)
    assert "sources.yaml" in message and "started at line 3" in message


def test_manifest_unknown_field_is_an_error_naming_the_field(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", BODY)
    write(tmp_path / "sources.yaml", "a.txt:\n  publshed: 2022-12-30\nb.txt:\n  title: B\n")
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["b"]
    assert "unknown field 'publshed'" in only_problem(errors(problems))


def test_manifest_entry_for_a_missing_file_is_a_warning(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", " date 2022-12-30\n" + BODY)
    write(tmp_path / "sources.yaml", "a.txt:\n  title: A\nghost.txt:\n  title: G\n")
    articles, problems = read(tmp_path)
    assert [a.title for a in articles] == ["A"]
    message = only_problem(problems)
    assert isinstance(problems[0], SourceWarning) and "'ghost.txt'" in message


def test_symlink_inside_the_root_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "real" / "a.txt", DATED)
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real" / "a.txt")
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.path for a in articles] == ["alias.txt"]  # the target itself is the same file


def test_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "dead.txt").symlink_to(tmp_path / "nothing.txt")
    _, problems = read(tmp_path)
    assert "broken symlink" in only_problem(problems)


# --- the seed corpus ----------------------------------------------------------------------


def test_seeds_all_read_with_a_date() -> None:
    articles, problems = read(SEEDS)
    assert problems == []
    assert len(articles) == 5
    assert [a.id[:3] for a in articles] == ["000", "001", "002", "003", "004"]
    for article in articles:
        assert re.fullmatch(r"\d{3}_[0-9a-f]{16}", article.id)
        assert article.published is not None
        assert article.title and article.publisher
        assert article.publisher.startswith("kg seed corpus")
        assert len(article.nlp_text) == len(article.text)
        assert 400 <= len(article.text.split()) <= 900
    by_id = {a.id[:3]: a for a in articles}
    assert (by_id["003"].published, by_id["003"].date_origin) == (date(2022, 12, 30), "text")
    assert (by_id["004"].published, by_id["004"].date_origin) == (date(2022, 12, 31), "metadata")
    assert by_id["004"].path.endswith(".md")
    for key in ("000", "001", "002"):
        assert by_id[key].published == date(2022, 12, 30)
    canadian = by_id["001"].nlp_text
    for junk in ("Click to play video", "Story continues below", "Sponsored content", "WhatsApp"):
        assert junk in by_id["001"].text and junk not in canadian
    assert "DETAILS TO FOLLOW" not in by_id["003"].nlp_text
    assert "©" not in by_id["003"].nlp_text


def test_bug_a_build_output_folder_among_the_sources_was_read_as_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DATED)
    old = tmp_path / "old-out"  # what an earlier `kg build SRC -o SRC/old-out` left
    write(old / "graph.ttl", "")
    write(old / "graph.html", "<!doctype html><html><body><p>Putin</p></body></html>")
    write(old / "texts" / "page.txt", BODY)
    write(tmp_path / "next-out" / "texts" / "page.txt", BODY)  # this build's, not written yet
    articles, problems = read_sources([tmp_path], skip=[tmp_path / "next-out"])
    assert [a.path for a in articles] == ["a.txt"] and problems == []
    # given by name, kg's output folder is refused, not read
    articles, problems = read_sources([old])
    assert articles == []
    assert only_problem(problems).startswith(f"{old}: this is a folder kg build wrote")


def test_utf16_text_with_its_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Windows editors save "Unicode" text as UTF-16 with a byte-order mark: it was reported
    as a binary file (its NUL bytes); it is text, and reads as the same article as UTF-8."""
    write(tmp_path / "a.txt", DATED.encode("utf-16"))
    articles, problems = read(tmp_path)
    assert [a.text for a in articles] and not errors(problems)
    write(tmp_path / "a.txt", DATED.encode("utf-8"))
    (again,) = read(tmp_path)[0]
    assert articles[0].text == again.text
