"""The README's commands, run as a reader runs them on a fresh checkout, print what the README
shows: the first build's summary (every figure), the second build's (all cached), `kg
validate`'s line; the named queries it shows run; its SPARQL listings are the shipped files."""

from __future__ import annotations

import contextlib
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import main
from tests.conftest import ROOT, SOURCES

README = (ROOT / "README.md").read_text("utf-8")
PROMPT = "$ .venv/bin/kg "
# what needs the network, a server or a pipe: shown in the README, tested elsewhere
_NOT_RUN = ("fetch", "serve", "push", "extract")


def _shown() -> list[tuple[str, str]]:
    """Each `$ .venv/bin/kg ...` line of the README's sh blocks, with the output shown under it."""
    shown: list[tuple[str, str]] = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL):
        for part in re.split(r"^(?=\$ )", block, flags=re.MULTILINE):
            if part.startswith(PROMPT):
                command, _, output = part.partition("\n")
                shown.append((command[len(PROMPT) :], output))
    return shown


def _the(prefix: str) -> tuple[list[str], str]:
    (found,) = [(c, o) for c, o in _shown() if c.startswith(prefix)]
    return shlex.split(found[0]), found[1]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as after a clone: the seed articles in sources/, nothing built yet."""
    folder = tmp_path_factory.mktemp("readme")
    shutil.copytree(SOURCES, folder / "sources")
    return folder


def _run(folder: Path, args: list[str]) -> Result:
    with contextlib.chdir(folder):
        return CliRunner().invoke(main, args)


@pytest.fixture(scope="module")
def builds(checkout: Path) -> tuple[Result, Result]:
    """`kg build sources -o out --json` twice, as the README shows it: a clean build, then one
    with everything cached (what one sees right after `make run`)."""
    args, _ = _the("build ")
    return _run(checkout, args), _run(checkout, args)


def _summary(result: Result) -> dict[str, object]:
    assert result.exit_code == 0, result.output
    summary: dict[str, object] = json.loads(result.stdout)
    return summary


@pytest.mark.slow
def test_the_first_build_prints_the_readme_figures(builds: tuple[Result, Result]) -> None:
    _, shown = _the("build ")
    printed = _summary(builds[0])
    assert printed == json.loads(shown), (
        "README's `kg build sources -o out --json` output is stale; a clean build prints:\n"
        + json.dumps(printed, indent=2, sort_keys=True)
    )


@pytest.mark.slow
def test_a_second_build_parses_nothing_as_the_readme_says(builds: tuple[Result, Result]) -> None:
    first, second = (_summary(r) for r in builds)
    assert second == {**first, "cached": first["articles"], "parsed": 0}
    assert f'"cached": {first["articles"]}, "parsed": 0' in README


@pytest.mark.slow
def test_validate_prints_the_readme_line(checkout: Path, builds: tuple[Result, Result]) -> None:
    args, shown = _the("validate ")
    result = _run(checkout, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == shown, (
        f"README's `kg validate` line is stale; kg prints:\n{result.stdout}"
    )


@pytest.mark.slow
def test_every_other_command_shown_runs(checkout: Path, builds: tuple[Result, Result]) -> None:
    ran = 0
    for command, _ in _shown():
        name = command.split()[0]
        if name in ("build", "validate", *_NOT_RUN):
            continue
        result = _run(checkout, shlex.split(command))
        assert result.exit_code == 0, (command, result.output)
        assert result.stdout.strip(), command
        ran += 1
    assert ran >= 3


def test_the_readme_sparql_listings_are_the_shipped_queries() -> None:
    # a listing that opens with a comment line, as every shipped query does, is a shipped query
    # whole (the federated example, which kg cannot run, opens with its prefixes)
    shipped = {p.read_text("utf-8") for p in (ROOT / "queries").glob("*.rq")}
    listings = re.findall(r"```sparql\n(.*?)```", README, re.DOTALL)
    headed = [text for text in listings if text.startswith("# ")]
    for text in headed:
        assert text in shipped, (
            f"the README's query {text.splitlines()[0]!r} is not the shipped one"
        )
    assert len(headed) >= 3
