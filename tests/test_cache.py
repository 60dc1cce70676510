"""The build cache: same bytes as a clean build, one changed article parsed again, and bad
entries (truncated, foreign, of another version, a pickle) dropped and rebuilt."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cache import Cache, pipeline_version
from kg.pipeline import build, extract
from kg.sources import read_sources
from tests.conftest import SOURCES


@pytest.fixture()
def src(tmp_path: Path) -> Path:
    """A copy of the seed sources that a test may edit."""
    return Path(shutil.copytree(SOURCES, tmp_path / "src"))


def _same_outputs(a: Path, b: Path) -> None:
    for name in ("graph.ttl", "graph.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _entries(cache: Path) -> list[Path]:
    """The per-article entries (not the records of whole builds)."""
    return sorted(cache.glob("*/??/*.json"))


def test_rebuild_from_the_cache_gives_the_same_bytes(
    src: Path, seed_out: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = build([src], tmp_path / "a", cache=cache)
    assert (first.parsed, first.cached) == (5, 0)
    assert len(_entries(cache)) == 5
    again = build([src], tmp_path / "b", cache=cache)
    assert (again.parsed, again.cached) == (0, 5)
    _same_outputs(tmp_path / "b", seed_out)


def test_a_rebuild_with_nothing_changed_keeps_the_outputs(src: Path, tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = build([src], out, cache=cache)
    before = {n: (out / n).stat().st_mtime_ns for n in ("graph.ttl", "graph.html")}
    again = build([src], out, cache=cache)
    assert (again.parsed, again.cached) == (0, 5)
    assert again.as_dict() == {**first.as_dict(), "parsed": 0, "cached": 5}
    assert {n: (out / n).stat().st_mtime_ns for n in before} == before  # not even rewritten
    # an output edited or removed since is written again, from the cache
    (out / "graph.html").write_text("edited", "utf-8")
    (out / "graph.ttl").unlink()
    build([src], out, cache=cache)
    build([src], tmp_path / "clean")
    _same_outputs(out, tmp_path / "clean")
    # another format is another build
    assert (out / "graph.nt").exists() is False
    build([src], out, ("nt",), cache=cache)
    assert (out / "graph.nt").is_file()


def test_one_changed_article_is_the_only_one_parsed(src: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build([src], tmp_path / "a", cache=cache)
    changed = src / "001_8d61eb3d5f937bb5.txt"
    changed.write_text(
        changed.read_text("utf-8") + "\nPutin met Lukashenko in Minsk on 19 December.\n", "utf-8"
    )
    report = build([src], tmp_path / "b", cache=cache)
    assert (report.parsed, report.cached) == (1, 4)
    build([src], tmp_path / "clean")
    _same_outputs(tmp_path / "b", tmp_path / "clean")


def test_metadata_that_changes_extraction_is_part_of_the_key(tmp_path: Path) -> None:
    """The publication date anchors relative dates: a new --dct must not reuse old entries."""
    cache = tmp_path / "cache"
    build([SOURCES], tmp_path / "a", cache=cache)
    from datetime import date

    report = build([SOURCES], tmp_path / "b", cache=cache, dct=date(2023, 1, 5))
    assert report.parsed == 5


def _corrupt_and_rebuild(src: Path, tmp_path: Path, spoil: object) -> None:
    cache = tmp_path / "cache"
    build([src], tmp_path / "a", cache=cache)
    victim = _entries(cache)[0]
    spoil(victim)  # type: ignore[operator]
    report = build([src], tmp_path / "b", cache=cache)
    assert (report.parsed, report.cached) == (1, 4)
    _same_outputs(tmp_path / "a", tmp_path / "b")
    assert json.loads(victim.read_bytes())["format"] == 1  # rewritten whole


def test_truncated_entry_is_rebuilt(src: Path, tmp_path: Path) -> None:
    _corrupt_and_rebuild(src, tmp_path, lambda p: p.write_bytes(p.read_bytes()[:200]))


def test_entry_of_another_version_is_rebuilt(src: Path, tmp_path: Path) -> None:
    def other_version(p: Path) -> None:
        entry = json.loads(p.read_bytes())
        entry["version"] = "0" * 64
        p.write_text(json.dumps(entry), "utf-8")

    _corrupt_and_rebuild(src, tmp_path, other_version)


def test_entry_with_a_wrongly_typed_field_is_rebuilt(src: Path, tmp_path: Path) -> None:
    def bad_offset(p: Path) -> None:
        entry = json.loads(p.read_bytes())
        entry["extraction"]["entities"][0]["span"]["start"] = "0"
        p.write_text(json.dumps(entry), "utf-8")

    _corrupt_and_rebuild(src, tmp_path, bad_offset)


def test_entry_filed_under_another_key_is_rebuilt(src: Path, tmp_path: Path) -> None:
    """Another article's entry copied over this one's: well-formed, but not this article's."""
    cache = tmp_path / "cache"
    build([src], tmp_path / "a", cache=cache)
    first, second = _entries(cache)[:2]
    second.write_bytes(first.read_bytes())
    report = build([src], tmp_path / "b", cache=cache)
    assert report.parsed == 1
    _same_outputs(tmp_path / "a", tmp_path / "b")


def test_a_pickle_is_never_unpickled(src: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (marker.write_text, ("unpickled",))

    _corrupt_and_rebuild(src, tmp_path, lambda p: p.write_bytes(pickle.dumps(Payload())))
    assert not marker.exists()


def test_entries_round_trip_to_equal_values(tmp_path: Path) -> None:
    articles, _ = read_sources([SOURCES])
    found = extract(articles)
    cache = Cache(tmp_path, pipeline_version())
    for x in found:
        cache.put(x)
    assert [cache.get(a) for a in articles] == found


_VERSION = "import sys; from kg.cache import pipeline_version; sys.stdout.write(pipeline_version())"


def test_pipeline_version_follows_the_extractors_not_the_process() -> None:
    # a later build (another process, another hash seed) must find this one's entries
    root = Path(__file__).resolve().parent.parent
    seen = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _VERSION], env=env, cwd=root, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        seen.add(run.stdout)
    assert seen == {pipeline_version()}
    assert pipeline_version(names=["entities", "times"]) != pipeline_version()


def test_cli_no_cache_parses_everything(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import main

    out = tmp_path / "out"
    runner = CliRunner()
    args = ["build", str(SOURCES), "-o", str(out), "--json"]
    first = json.loads(runner.invoke(main, args).stdout)
    assert (out / ".kg-cache").is_dir() and first["parsed"] == 5
    assert json.loads(runner.invoke(main, args).stdout)["cached"] == 5
    assert json.loads(runner.invoke(main, [*args, "--no-cache"]).stdout)["parsed"] == 5
    elsewhere = tmp_path / "elsewhere"
    json.loads(runner.invoke(main, [*args, "--cache", str(elsewhere)]).stdout)
    assert len(_entries(elsewhere)) == 5
