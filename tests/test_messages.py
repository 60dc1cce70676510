"""What kg tells a person, pinned: each message says what is wrong in the user's terms and
what to do, on the stream a person expects (summaries on stdout, problems on stderr)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main

runner = CliRunner()

PAGE = (
    "<!DOCTYPE html><html><head><title>Macron meets Scholz in Paris</title>"
    '<meta property="og:site_name" content="The Example Times">'
    '<meta property="article:published_time" content="2023-03-03">'
    "</head><body><article><h1>Macron meets Scholz in Paris</h1>"
    "<p>French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Friday "
    "to discuss the war in Ukraine and energy prices across Europe.</p>"
    "<p>The two leaders agreed to meet again in Berlin next month, officials said.</p>"
    "</article></body></html>"
)
UNDATED = "Emmanuel Macron met Olaf Scholz in Paris on Friday to discuss the war in Ukraine.\n"
READS = "kg reads text (.txt, .md), saved web pages (.html), feeds (.rss, .atom) and JSON Lines"


def test_an_undated_article_is_told_how_to_give_its_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(UNDATED, "utf-8")
    result = runner.invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"warning: {tmp_path / 'a.txt'}: no publication date: ")
    for how in ("--dct YYYY-MM-DD", "'published: YYYY-MM-DD' in its front matter", "sources.yaml"):
        assert how in line
    assert "published=None" not in line and "None" not in line


def test_an_empty_folder_says_it_is_empty(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    result = runner.invoke(main, ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no usable article: {tmp_path / 'in'}: no .txt or .md files in this folder, "
        "nor pages, feeds or JSON Lines: it is empty\n"
    )


def test_a_folder_of_files_kg_does_not_read_names_them(tmp_path: Path) -> None:
    """Regression: `kg build` on such a folder said "no usable article" and not why."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n...")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04...")
    result = runner.invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no usable article: {folder}: no .txt or .md files in this folder, nor pages, "
        f"feeds or JSON Lines, only other kinds of file (notes.docx, report.pdf); {READS}\n"
    )


def test_a_pdf_named_on_the_command_line_is_refused_with_the_reason(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n")
    result = runner.invoke(main, ["extract", str(pdf)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"Error: {pdf}: this is a PDF document, which kg cannot read; {READS}\n"
    )


def test_a_page_named_without_a_page_suffix_is_read_as_a_page(tmp_path: Path) -> None:
    """Regression: a saved page named on the command line was read as text (an Organization
    "DOCTYPE"); now the suffix decides, and without a known suffix the page's markup does."""
    for name in ("page.html", "page.htm2", "page"):
        (tmp_path / name).write_text(PAGE, "utf-8")
        result = runner.invoke(main, ["extract", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        (record,) = [json.loads(line) for line in result.stdout.splitlines()]
        texts = {e["text"] for e in record["entities"]}
        assert {"Emmanuel Macron", "Olaf Scholz"} <= texts, (name, texts)
        assert not any("DOCTYPE" in t or "<" in t for t in texts), (name, texts)
        assert record["dct"] == "2023-03-03"


def test_a_binary_file_named_on_the_command_line_is_refused(tmp_path: Path) -> None:
    blob = tmp_path / "data.bin"
    blob.write_bytes(b"\x00\x01\x02 not text")
    result = runner.invoke(main, ["extract", str(blob)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {blob}: this is a binary file, not text; {READS}\n"
