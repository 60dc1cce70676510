"""The CLI as a user runs it: exit codes, JSON Lines, summaries, errors as one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from tests.conftest import SOURCES

runner = CliRunner()


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    for name, command in main.commands.items():  # type: ignore[attr-defined]
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert command.help, name
        assert f"kg {name}" in readme, f"`kg {name}` is not documented in the README"


def test_extract_prints_one_json_object_per_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Russian President Vladimir Putin held a video call with Xi Jinping on Friday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("Xi said China would visit Moscow in the spring.\n", "utf-8")
    result = runner.invoke(
        main, ["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--dct", "2022-12-30"]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["dct"] for r in lines] == ["2022-12-30", "2022-12-30"]
    text = (tmp_path / "a.txt").read_text("utf-8")
    record = lines[0]
    assert set(record) >= {"source", "dct", "entities", "times", "events"}
    for key in ("entities", "times", "events"):
        for item in record[key]:
            assert text[item["start"] : item["end"]] == item["text"]
    assert {"type": "Person", "text": "Vladimir Putin"}.items() <= next(
        e for e in record["entities"] if e["text"] == "Vladimir Putin"
    ).items()
    assert any(t["value"] == "2022-12-30" and t["type"] == "DATE" for t in record["times"])
    call = next(e for e in record["events"] if e["type"] == "Call")
    assert call["value"] == "2022-12-30" and call["status"] == "Occurred"
    assert {p["role"] for p in call["participants"]} >= {"agent"}
    for event in record["events"]:  # a participant's mention as written, wherever it points
        for p in event["participants"]:
            assert text[p["start"] : p["end"]] == p["text"]
            assert p["kind"] in {"name", "nominal", "pronoun"}


def test_build_json_summary_and_exit_code(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(SOURCES), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["articles"] == 5
    assert summary["events"] > 5 and summary["entities"] > 10 and summary["statements"] > 10
    assert summary["warnings"] == []
    assert (out / "graph.ttl").is_file() and (out / "graph.html").is_file()


def test_bad_article_is_one_line_and_the_rest_still_builds(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("Putin met Xi in Moscow on 30 December 2022.\n", "utf-8")
    (src / "bad.txt").write_bytes(b"bad\x00\xff\xfe")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(src), "-o", str(out), "--dct", "2022-12-30"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "bad.txt" in line]
    assert len(errors) == 1
    assert (out / "graph.ttl").is_file()
    assert "good" in (out / "graph.ttl").read_text("utf-8")


def test_strict_fails_without_writing(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("Putin met Xi in Moscow.\n", "utf-8")
    (src / "empty.txt").write_text("", "utf-8")
    (src / "blank.txt").write_text("  \n", "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(src), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    # every bad file named, each on its own line
    named = [
        line for line in result.stderr.splitlines() if "empty.txt" in line or "blank.txt" in line
    ]
    assert len(named) == 2
    assert not (out / "graph.ttl").exists()


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "nope" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_usage_error_exits_2() -> None:
    assert runner.invoke(main, ["build", "--format", "docx"]).exit_code == 2
    assert runner.invoke(main, ["extract", "x.txt", "--dct", "30/12/2022"]).exit_code == 2


def test_query_formats_and_errors(seed_out: Path) -> None:
    ttl = str(seed_out / "graph.ttl")
    q = (
        "PREFIX kg: <https://w3id.org/newskg/ontology#> "
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a kg:Article }"
    )
    table = runner.invoke(main, ["query", ttl, q])
    assert table.exit_code == 0 and "5" in table.stdout
    as_json = runner.invoke(main, ["query", ttl, q, "--format", "json"])
    assert json.loads(as_json.stdout) == [{"n": "5"}]
    as_csv = runner.invoke(main, ["query", ttl, q, "--format", "csv"])
    assert as_csv.stdout.splitlines() == ["n", "5"]
    bad = runner.invoke(main, ["query", ttl, "SELECT WHERE {"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert "syntax" in bad.stderr.lower() or "error" in bad.stderr.lower()


def test_extract_on_every_seed_article() -> None:
    """Regression: a bare event mention made `kg extract` crash on every seed article."""
    files = sorted(str(p) for p in SOURCES.iterdir() if p.suffix in {".txt", ".md"})
    result = runner.invoke(main, ["extract", *files])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5
    for record in records:
        assert record["events"]
        assert all(e["id"] is None or e["id"].startswith("event/") for e in record["events"])


def test_impossible_date_is_reported_not_crashed_on(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("The vote set for February 30 was moved to March 3, officials said.\n", "utf-8")
    result = runner.invoke(main, ["extract", str(src), "--dct", "2022-12-30"])
    assert result.exit_code == 0, result.output
    assert "a.txt" in result.stderr and "February 30" in result.stderr
    record = json.loads(result.stdout)
    assert "2022-02-30" not in json.dumps(record)
    built = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "o"), "--json"])
    assert built.exit_code == 0
    assert any("February 30" in w for w in json.loads(built.stdout)["warnings"])


def test_version_names_the_command_kg_of_the_newskg_distribution() -> None:
    # the distribution is newskg (PyPI's `kg` is another project); the command stays `kg`
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("kg, version ")


# --- regression tests, each named after the bug it pins -------------------------------------

PAGE = (
    "<!doctype html><html><head><title>Putin invites Xi</title></head><body><article>"
    "<p>Russian President Vladimir Putin invited Xi Jinping to Moscow on 30 December 2022.</p>"
    "</article></body></html>"
)


def _sources(folder: Path) -> Path:
    """A small sources folder: a text and a page (so a build writes texts/ too)."""
    folder.mkdir()
    (folder / "call.txt").write_text("Putin held a call with Xi on 30 December 2022.\n", "utf-8")
    (folder / "visit.html").write_text(PAGE, "utf-8")
    return folder


def test_bug_build_into_an_existing_file_crashed_with_file_exists_error(tmp_path: Path) -> None:
    src = _sources(tmp_path / "src")
    taken = tmp_path / "taken"
    taken.write_text("not a folder\n", "utf-8")
    for out, where in ((taken, "it"), (taken / "sub", str(taken))):
        for cache in ([], ["--no-cache"]):  # without a cache the outputs come last
            result = runner.invoke(main, ["build", str(src), "-o", str(out), *cache])
            assert result.exit_code == 1, result.output
            assert result.exception is None or isinstance(result.exception, SystemExit)
            assert result.stderr == (
                f"Error: {out}: cannot write the outputs into it: {where} is a file, not a folder\n"
            )
    assert taken.read_text("utf-8") == "not a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["src", "taken"]


def test_bug_build_into_a_folder_inside_its_sources_read_its_own_outputs(tmp_path: Path) -> None:
    src = _sources(tmp_path / "src")
    out = src / "out"
    summaries = []
    for _ in range(2):  # the rebuild finds graph.html and texts/ from the first in src/out
        result = runner.invoke(main, ["build", str(src), "-o", str(out), "--json", "--no-cache"])
        assert result.exit_code == 0, result.output
        summaries.append(json.loads(result.stdout))
    assert (out / "graph.html").is_file() and list((out / "texts").iterdir())
    assert summaries[1] == summaries[0] and summaries[0]["articles"] == 2
    assert "out" not in result.stderr
    # kg extract, given the sources folder, passes over the build's output folder too
    result = runner.invoke(main, ["extract", str(src)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [
        "call.txt",
        "visit.html",
    ]


def test_bug_build_into_its_own_sources_folder_read_its_own_outputs(tmp_path: Path) -> None:
    src = _sources(tmp_path / "src")
    result = runner.invoke(main, ["build", str(src), "-o", str(src)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {src}: is both a sources folder and the output folder; give the outputs a "
        f"folder of their own (one inside it, such as {src / 'out'}, is fine)\n"
    )
    assert sorted(p.name for p in src.iterdir()) == ["call.txt", "visit.html"]
    # nor can a source lie inside the output folder, where the outputs' texts/ is pruned
    result = runner.invoke(main, ["build", str(src), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {src}: lies inside the output folder {tmp_path}")
    assert result.stderr.count("\n") == 1


def test_bug_error_lines_said_error_and_Error(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("Putin met Xi in Moscow on 30 December 2022.\n", "utf-8")
    (src / "empty.txt").write_text("", "utf-8")
    out = tmp_path / "out"
    runs = [
        ["build", str(src), "-o", str(out)],  # an article kg reports and goes on after
        ["extract", str(src / "empty.txt")],  # the same from kg extract
        ["build", str(tmp_path / "none"), "-o", str(out)],  # an error that stops the build
        ["build", "--format", "docx"],  # click's usage error
    ]
    for args in runs:
        result = runner.invoke(main, args)
        assert result.exit_code != 0, args
        said = [line for line in result.stderr.splitlines() if line.lower().startswith("error")]
        assert said and all(line.startswith("Error: ") for line in said), (args, said)


def test_extract_keeps_an_unnamed_claimant_and_participant_as_written(tmp_path: Path) -> None:
    # "police said", "two workers": no node names them, but the record keeps their mentions
    source = tmp_path / "a.txt"
    source.write_text("Police said an explosion killed two workers on Monday.\n", "utf-8")
    result = runner.invoke(main, ["extract", str(source), "--dct", "2022-12-30"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    killing = next(e for e in record["events"] if e["type"] == "Killing")
    assert killing["claimant"]["text"] == "Police" and killing["claimed_by"] is None
    assert [(p["text"], p["id"], p["kind"]) for p in killing["participants"]] == [
        ("two workers", None, "nominal")
    ]


def test_bug_an_unwritable_cache_folder_crashed_with_a_traceback(tmp_path: Path) -> None:
    # a read-only output folder's .kg-cache did; a file in the cache's place fails the same way
    src = _sources(tmp_path / "src")
    blocked = tmp_path / "cache"
    blocked.write_text("not a folder\n", "utf-8")
    out = tmp_path / "out"
    cache = blocked / "kg"
    result = runner.invoke(main, ["build", str(src), "-o", str(out), "--cache", str(cache)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"Error: {cache}: cannot write the cache into it: ")
    assert result.stderr.count("\n") == 1
    assert not out.exists() or not any(out.iterdir())


def test_bug_a_bad_base_iri_crashed_after_the_whole_nlp_stage(tmp_path: Path) -> None:
    src = _sources(tmp_path / "src")
    for bad in ("notaniri", "https://ex.org/a b/"):
        result = runner.invoke(
            main, ["build", str(src), "-o", str(tmp_path / "o"), "--base-iri", bad]
        )
        assert result.exit_code == 2 and "is not an absolute http(s) IRI" in result.output
        assert not (tmp_path / "o").exists()
    # one with no "/" at the end mints IRIs under it, not glued to it
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["build", str(src), "-o", str(out), "--base-iri", "http://example.org/kg"]
    )
    assert result.exit_code == 0, result.output
    turtle = (out / "graph.ttl").read_text("utf-8")
    assert "http://example.org/kg/article/" in turtle and "kgarticle" not in turtle


def test_python_dash_m_kg_runs_the_cli() -> None:
    # a venv that is not on PATH: `python -m kg` must be the `kg` script
    done = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: kg ")
