"""Issue 7.4: size and time limits. Each oversized input is refused with one line, before it is
read in full, or processed in bounded memory; never an out-of-memory kill or a hang.

The figures (time, peak memory) are measured by `python -m bench.limits`, not here: these tests
check the bound's mechanism, so that they fail if it is removed.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.tokens import Doc

from kg import nlp
from kg.cli import main
from kg.errors import BuildError, ManifestError
from kg.extract.relations import RelationExtractor
from kg.pipeline import build
from kg.sources import (
    MAX_FILE_BYTES,
    MAX_FRONT_MATTER_CHARS,
    MAX_MANIFEST_BYTES,
    MAX_TEXT_CHARS,
    read_sources,
)
from tests.test_sources import DATED, only_problem, write


def peak_bytes_of(task: object) -> int:
    """Peak bytes Python allocated while running `task()`."""
    tracemalloc.start()
    try:
        task()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_bounds_agree() -> None:
    # a file over MAX_FILE_BYTES cannot hold MAX_TEXT_CHARS characters or fewer (UTF-8 takes
    # at most 4 bytes a character), so refusing it unread loses nothing
    assert MAX_FILE_BYTES == 4 * MAX_TEXT_CHARS
    assert nlp.load().max_length >= MAX_TEXT_CHARS  # spaCy's own refusal never comes first


def test_size_limit(tmp_path: Path) -> None:
    write(tmp_path / "big.txt", "Putin spoke. " * 100)
    articles, problems = read_sources([tmp_path], max_bytes=1000)
    assert articles == []
    assert "too large: 1300 bytes (the limit is 1000 bytes)" in only_problem(problems)


def test_a_50_mb_article_is_refused_unread(tmp_path: Path) -> None:
    with open(tmp_path / "big.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    write(tmp_path / "good.txt", DATED)
    found: list[object] = []
    peak = peak_bytes_of(lambda: found.append(read_sources([tmp_path])))
    articles, problems = found[0]  # type: ignore[misc]
    assert [a.id for a in articles] == ["good"]
    assert "big.txt: too large: 52428800 bytes" in only_problem(problems)
    assert peak < 2 * 1024 * 1024  # not one of its 50 MB was read


def test_a_10_mb_single_line_is_refused_unread(tmp_path: Path) -> None:
    write(tmp_path / "line.txt", "Putin spoke to Xi on Friday, " * (10 * 1024 * 1024 // 29))
    found: list[object] = []
    peak = peak_bytes_of(lambda: found.append(read_sources([tmp_path])))
    articles, problems = found[0]  # type: ignore[misc]
    assert articles == []
    assert "too large" in only_problem(problems)
    assert peak < 2 * 1024 * 1024


def test_regression_text_over_the_model_limit_is_refused_not_a_crash(tmp_path: Path) -> None:
    """A 1,000,001-character article made spaCy raise E088 mid-build, a traceback."""
    write(tmp_path / "long.txt", "a" * 1_000_001)
    articles, problems = read_sources([tmp_path], max_bytes=10**7, max_chars=10**6)
    assert articles == []
    assert "too long: 1000001 characters (the limit is 1000000)" in only_problem(problems)
    write(tmp_path / "long.txt", "é" * (MAX_TEXT_CHARS + 1))  # under the default byte limit
    articles, problems = read_sources([tmp_path])
    assert articles == []
    assert f"too long: {MAX_TEXT_CHARS + 1} characters" in only_problem(problems)
    with pytest.raises(BuildError, match="no usable article"):
        build([tmp_path], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_text_at_the_limit_is_read(tmp_path: Path) -> None:
    write(tmp_path / "long.txt", " date 2022-12-30\n" + "a" * (MAX_TEXT_CHARS - 17))
    articles, problems = read_sources([tmp_path])
    assert problems == [] and len(articles[0].text) == MAX_TEXT_CHARS


def test_manifest_over_the_limit_is_refused_unparsed(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DATED)
    entry = "f{:07d}.txt:\n  title: T\n"
    write(tmp_path / "sources.yaml", "".join(entry.format(i) for i in range(70_000)))
    assert (tmp_path / "sources.yaml").stat().st_size > MAX_MANIFEST_BYTES
    articles, problems = read_sources([tmp_path])
    assert articles == []
    message = only_problem(problems)
    assert isinstance(problems[0], ManifestError)
    assert f"too large: 1750000 bytes (the limit is {MAX_MANIFEST_BYTES} bytes)" in message


def test_front_matter_over_the_limit_is_refused_unparsed(tmp_path: Path) -> None:
    padding = "# " + "x" * 100 + "\n"
    front = "---\ntitle: T\n" + padding * (MAX_FRONT_MATTER_CHARS // len(padding) + 1) + "---\n"
    write(tmp_path / "a.md", front + DATED)
    _, problems = read_sources([tmp_path])
    assert f"front matter: 65620 characters (the limit is {MAX_FRONT_MATTER_CHARS})" in (
        only_problem(problems)
    )


def test_ten_thousand_empty_files_each_get_one_line(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").touch()
    articles, problems = read_sources([tmp_path])
    assert articles == [] and len(problems) == 10_000
    assert all(str(p).endswith(".txt: empty file") and "\n" not in str(p) for p in problems)
    result = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    # the first ten refusals, one a line, then the one-line summary
    assert result.output.count("\n") == 11
    assert result.output.splitlines()[0].endswith("00000.txt: empty file")
    assert result.output.endswith(
        f"no usable article in {tmp_path} (10000 refused; the first 10 above)\n"
    )
    assert not (tmp_path / "out").exists()


def test_ten_thousand_empty_files_and_one_article(tmp_path: Path) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").touch()
    write(tmp_path / "zz-real.txt", DATED)
    articles, problems = read_sources([tmp_path])
    assert [a.id for a in articles] == ["zz-real"] and len(problems) == 10_000


def test_deep_and_empty_pages_are_refused_quickly(tmp_path: Path) -> None:
    """Pages are read now (kg.sources.html); 100,000 nested <div>s and a page of one word give
    one line each, fast, and no article."""
    write(tmp_path / "deep.html", "<div>" * 100_000 + "Putin" + "</div>" * 100_000)
    write(tmp_path / "page.htm", "<p>Putin</p>")
    started = time.monotonic()
    articles, problems = read_sources([tmp_path])
    assert time.monotonic() - started < 30
    assert articles == []
    assert (
        sorted(p.problem for p in problems)
        == ["no article text could be extracted from the page"] * 2
    )


# --- bounds inside the pipeline --------------------------------------------------------------


@pytest.mark.slow
def test_regression_a_sentence_without_full_stops_is_cut() -> None:
    """Every mention carries its sentence and the extractors look across it: a 100 kB text
    with no full stop once made one sentence, a 978 MB Turtle file, 116 s and 5.2 GB."""
    text = "Putin Xi Moscow Beijing talks call visit " * 300  # 2,100 tokens, no full stop
    doc = nlp.load()(text)
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= nlp.MAX_SENTENCE_TOKENS
    assert len(lengths) >= len(doc) // nlp.MAX_SENTENCE_TOKENS


@pytest.mark.slow
def test_deeply_nested_html_in_markdown_is_processed_within_bounds(tmp_path: Path) -> None:
    deep = "<div>" * 5_000 + "Putin spoke to Xi." + "</div>" * 5_000
    write(tmp_path / "a.md", DATED + deep + "\n")
    (article,), problems = read_sources([tmp_path])
    assert problems == []
    doc = nlp.load()(article.nlp_text)
    assert max(len(s) for s in doc.sents) <= nlp.MAX_SENTENCE_TOKENS


class _CountingLexicon:
    """The real lexicon, counting title look-ups."""

    def __init__(self, real: object) -> None:
        self.real, self.calls = real, 0

    def title(self, words: str) -> object:
        self.calls += 1
        return self.real.title(words)  # type: ignore[attr-defined]


def test_regression_title_matching_is_linear_in_premodifiers() -> None:
    """A name after 300 premodifier tokens once cost 45,000 title look-ups (2 minutes for one
    100 kB article); a title is at most a few tokens, so runs longer than that are not tried."""
    extractor = RelationExtractor()
    counting = _CountingLexicon(extractor.lex)
    extractor.lex = counting  # type: ignore[assignment]
    doc = Doc(spacy.blank("en").vocab, words=["word"] * 300 + ["foreign", "minister"])
    best = extractor._match_title(list(doc))
    assert [t.text for t in best] == ["foreign", "minister"]
    assert counting.calls <= len(doc) * extractor.longest
