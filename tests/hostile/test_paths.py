"""Issue 7.3: metadata is data, never a path out. A manifest names files in its own folder
only, symlinks that leave the sources folder are not followed (the manifest included), and a
file name no output can carry is refused with a printable one-line message."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.errors import ManifestError
from kg.sources import read_sources
from tests.test_sources import BODY, DATED, errors, only_problem, read, write

SECRET = "root:x:0:0:SECRET-VALUE\n"


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        ".",
        "sub/a.txt",
        "..\\..\\etc\\passwd",
        "C:\\Windows\\win.ini",
        "a.txt/../../../etc/passwd",
        "./a.txt/..",
    ],
)
def test_manifest_path_outside_its_folder_is_refused(tmp_path: Path, name: str) -> None:
    write(tmp_path / "news" / "a.txt", " date 2022-12-30\n" + BODY)
    write(tmp_path / "news" / "sub" / "a.txt", " date 2022-12-30\n" + BODY)
    write(tmp_path / "news" / "sources.yaml", f"'{name}':\n  title: Stolen\n")
    articles, problems = read(tmp_path / "news")
    assert {a.path for a in articles} == {"a.txt", "sub/a.txt"}
    assert all(a.title != "Stolen" for a in articles)
    assert "refused: a manifest may only name files in its own folder" in only_problem(
        errors(problems)
    )


def test_symlink_out_of_the_root_is_not_followed(tmp_path: Path) -> None:
    outside = write(tmp_path / "secret" / "passwd.txt", SECRET)
    write(tmp_path / "secret" / "more" / "x.txt", SECRET)
    root = tmp_path / "root"
    write(root / "a.txt", DATED)
    (root / "link.txt").symlink_to(outside)
    write(tmp_path / "secret" / "shadow.txt", SECRET)
    (root / "relative.txt").symlink_to(Path("..") / "secret" / "shadow.txt")
    (root / "dirlink").symlink_to(tmp_path / "secret" / "more", target_is_directory=True)
    write(root / "inner" / "hop.txt", "")
    (root / "inner" / "hop.txt").unlink()
    # through a symlinked folder inside the root that leads out
    (root / "inner" / "hop.txt").symlink_to(root / "dirlink" / "x.txt")
    articles, problems = read(root)
    assert [a.id for a in articles] == ["a"]
    assert len(errors(problems)) == 4
    assert all("outside the sources root; not followed" in str(p) for p in problems)
    assert {Path(p.path).name for p in problems} == {
        "link.txt",
        "relative.txt",
        "dirlink",
        "hop.txt",
    }
    assert not any("SECRET" in str(p) for p in problems)


def test_regression_a_manifest_symlinked_out_of_the_root_is_not_read(tmp_path: Path) -> None:
    """sources.yaml itself was opened wherever its symlink led, and its keys were quoted back
    in error messages ("unknown field 'root:x:0:0...'")."""
    write(tmp_path / "secret.yaml", "a.txt:\n  SECRET-VALUE: 1\n")
    root = tmp_path / "root"
    write(root / "a.txt", DATED)
    (root / "sources.yaml").symlink_to(tmp_path / "secret.yaml")
    articles, problems = read(root)
    assert articles == []
    message = only_problem(problems)
    assert isinstance(problems[0], ManifestError)
    assert "sources.yaml: symlink leads outside the sources root; not followed" in message
    assert "SECRET" not in message


def test_a_manifest_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DATED)
    os.mkfifo(tmp_path / "sources.yaml")
    articles, problems = read(tmp_path)  # must not wait for a writer
    assert articles == []
    assert "sources.yaml: not a regular file" in only_problem(problems)


@pytest.mark.parametrize(
    ("raw_name", "shown"),
    [
        (b"bad\xff.txt", "bad\\udcff.txt"),  # not UTF-8: comes back as a lone surrogate
        (b"new\nline.txt", "new\\nline.txt"),  # would split the one-line message
        (b"esc\x1b[31mred.txt", "esc\\x1b[31mred.txt"),  # terminal escape in the message
    ],
)
def test_regression_unprintable_file_names_are_refused(
    tmp_path: Path, raw_name: bytes, shown: str
) -> None:
    """Such names once reached the exporters: a lone surrogate crashed them, a newline split
    the message naming the file."""
    (tmp_path / "ok.txt").write_text(DATED)
    with open(os.fsencode(tmp_path) + b"/" + raw_name, "wb") as handle:
        handle.write(DATED.encode())
    articles, problems = read_sources([tmp_path])
    assert [a.id for a in articles] == ["ok"]
    message = only_problem(problems)
    assert message.startswith(f"{tmp_path}/{shown}: file name holds a control character")
    assert message.isprintable()
    message.encode("utf-8")  # no lone surrogate left: any output can carry it


def test_an_unprintable_file_given_by_name_is_refused(tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/x\xfe.txt"))
    path.write_bytes(DATED.encode())
    articles, problems = read_sources([path])
    assert articles == []
    assert "x\\udcfe.txt: file name holds" in only_problem(problems)


def test_regression_a_symlink_loop_in_a_folder_is_one_error(tmp_path: Path) -> None:
    """A folder holding two links to each other stopped the build with a traceback."""
    root = tmp_path / "root"
    write(root / "a.txt", DATED)
    (root / "loop1.txt").symlink_to("loop2.txt")
    (root / "loop2.txt").symlink_to("loop1.txt")
    (root / "loopdir").symlink_to("loopdir", target_is_directory=True)
    articles, problems = read(root)
    assert [a.id for a in articles] == ["a"]
    assert {Path(p.path).name for p in errors(problems)} == {"loop1.txt", "loop2.txt"}
    assert all("symlink loop" in str(p) for p in errors(problems))
