"""Issue 7.3: metadata is data, never code. Front matter and `sources.yaml` go through a safe
loader that also refuses aliases and deep nesting; values are checked, and quoted back (cut
short) only in one-line messages."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from kg.errors import ManifestError
from kg.sources import read_sources
from tests.test_sources import BODY, DATED, only_problem, write


def laughs(levels: int) -> str:
    """A "billion laughs" list: `levels` anchors, each ten aliases of the one before."""
    items = ["&a0 [x, x, x, x, x, x, x, x, x, x]"]
    items += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "[" + ", ".join(items) + "]"


def place(tmp_path: Path, where: str, yaml_text: str) -> None:
    """`yaml_text` (the fields of one article) as front matter of a.md, or as its manifest
    entry."""
    if where == "front matter":
        write(tmp_path / "a.md", f"---\n{yaml_text}\n---\n{DATED}")
    else:
        write(tmp_path / "a.md", DATED)
        indented = "\n".join("  " + line for line in yaml_text.splitlines())
        write(tmp_path / "sources.yaml", f"a.md:\n{indented}\n")


WHERE = ["front matter", "manifest"]


@pytest.mark.parametrize("where", WHERE)
def test_regression_billion_laughs_is_refused_at_once(tmp_path: Path, where: str) -> None:
    """`published` was turned into text with str(): six levels made a 5 MB error message,
    nine would have filled the memory. Aliases are now refused while parsing."""
    place(tmp_path, where, f"published: {laughs(6)}")
    tracemalloc.start()
    try:
        articles, problems = read_sources([tmp_path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert articles == []
    message = only_problem(problems)
    assert isinstance(problems[0], ManifestError)
    assert "aliases (*name) are not allowed in metadata" in message
    assert len(message) < 300
    assert peak < 5 * 1024 * 1024


@pytest.mark.parametrize("where", WHERE)
def test_a_plain_alias_is_refused_too(tmp_path: Path, where: str) -> None:
    place(tmp_path, where, "title: &t Putin\npublisher: *t")
    _, problems = read_sources([tmp_path])
    assert "aliases (*name) are not allowed" in only_problem(problems)


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['touch {pwned}']",
        "!!python/object/new:os.system ['touch {pwned}']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object:kg.model.Article {{}}",
    ],
)
def test_python_tags_are_refused_and_never_run(tmp_path: Path, where: str, tag: str) -> None:
    pwned = tmp_path / "pwned"
    place(tmp_path, where, "title: " + tag.format(pwned=pwned))
    articles, problems = read_sources([tmp_path])
    assert not pwned.exists()
    assert articles == []
    message = only_problem(problems)
    assert "could not determine a constructor for the tag 'tag:yaml.org,2002:python/" in message


@pytest.mark.parametrize("where", WHERE)
def test_regression_deep_nesting_is_refused_not_a_recursion_error(
    tmp_path: Path, where: str
) -> None:
    """PyYAML's composer recurses once per level: 30,000 "[" raised RecursionError."""
    place(tmp_path, where, "title: " + "[" * 30_000 + "]" * 30_000)
    articles, problems = read_sources([tmp_path])
    assert articles == []
    assert "nested deeper than 8 levels" in only_problem(problems)


@pytest.mark.parametrize("where", WHERE)
def test_regression_lone_surrogate_escapes_are_refused(tmp_path: Path, where: str) -> None:
    """YAML's "\\ud800" escape writes a lone surrogate, which no output can encode."""
    place(tmp_path, where, 'title: "Putin \\ud800 Xi"')
    articles, problems = read_sources([tmp_path])
    assert articles == []
    assert "title: holds a lone surrogate" in only_problem(problems)


@pytest.mark.parametrize("where", WHERE)
def test_long_values_are_cut_short_in_messages(tmp_path: Path, where: str) -> None:
    place(tmp_path, where, f"published: '{'9' * 50_000}'")
    _, problems = read_sources([tmp_path])
    message = only_problem(problems)
    assert "published: expected YYYY-MM-DD, got '99999" in message and "...'" in message
    assert len(message) < 300
    (tmp_path / "a.md").unlink(missing_ok=True)
    (tmp_path / "sources.yaml").unlink(missing_ok=True)
    place(tmp_path, where, f"{'k' * 1_000}: 1")
    _, problems = read_sources([tmp_path])
    message = only_problem(problems)
    assert "unknown field 'kkkkk" in message and "...'" in message
    assert len(message) < 300


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("{a: 1}", "published: expected YYYY-MM-DD, got a dict"),
        ("[2022-12-30]", "published: expected YYYY-MM-DD, got a list"),
        ("!!binary aGVsbG8=", "published: expected YYYY-MM-DD, got a bytes"),
        ("2022-12-30junk", "published: expected YYYY-MM-DD"),
        (".inf", "published: expected YYYY-MM-DD, got a float"),
    ],
)
def test_published_must_be_a_date(tmp_path: Path, value: str, problem: str) -> None:
    place(tmp_path, "front matter", f"published: {value}")
    _, problems = read_sources([tmp_path])
    assert problem in only_problem(problems)


@pytest.mark.parametrize(
    "manifest",
    ["1: {title: x}", "null: {title: x}", "true: {title: x}", "? [a, b]\n: {title: x}", "[a.md]"],
)
def test_odd_manifest_keys_are_one_line_problems(tmp_path: Path, manifest: str) -> None:
    write(tmp_path / "a.md", BODY)
    write(tmp_path / "sources.yaml", manifest + "\n")
    _, problems = read_sources([tmp_path])
    assert problems and all("\n" not in str(p) for p in problems)
    assert any("sources.yaml" in str(p) for p in problems)


@pytest.mark.parametrize("where", WHERE)
def test_regression_a_huge_integer_is_a_yaml_error_not_a_crash(tmp_path: Path, where: str) -> None:
    """Python refuses to convert an integer of over 4,300 digits: PyYAML's ValueError escaped
    from a manifest as a traceback."""
    place(tmp_path, where, f"title: {'9' * 5_000}")
    articles, problems = read_sources([tmp_path])
    assert articles == []
    message = only_problem(problems)
    assert "YAML error: 'Exceeds the limit (4300 digits) for integer string conversion" in message


@pytest.mark.parametrize("where", WHERE)
def test_regression_a_control_character_is_a_one_line_yaml_error(
    tmp_path: Path, where: str
) -> None:
    """Found by test_fuzz: PyYAML's reader error ("unacceptable character #x001f") spans two
    lines, which broke "one problem, one line"."""
    place(tmp_path, where, "title: ok\npublisher: a\x1fb")
    articles, problems = read_sources([tmp_path])
    assert articles == []
    assert "YAML error at line 3: special characters are not allowed: '\\x1f'" in (
        only_problem(problems)
    )
