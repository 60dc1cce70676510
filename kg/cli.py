"""The command line: each command parses options, calls one library function, prints."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from kg import nlp
from kg.errors import KgError
from kg.executors import EXECUTORS
from kg.export.rdf import FORMATS
from kg.pipeline import build as build_graph_files
from kg.pipeline import extract as extract_articles
from kg.query import OUTPUT_FORMATS, run_query
from kg.report import extraction_record
from kg.sources import read_sources
from kg.terms import RES_IRI
from kg.timeline import FORMATS as TIMELINE_FORMATS
from kg.timeline import format_rows, timeline_rows


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: news articles in, an event-timeline knowledge graph out."""


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for graph.ttl, graph.html and other formats.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(sorted(FORMATS)),
    help="Also write graph.<format> (repeatable); Turtle is always written.",
)
@click.option(
    "--dct", callback=_date, help="Publication date (YYYY-MM-DD) for every article given."
)
@click.option("--model", default=nlp.DEFAULT_MODEL, show_default=True, help="spaCy model name.")
@click.option("--base-iri", default=RES_IRI, show_default=True, help="Base of minted IRIs.")
@click.option("--strict", is_flag=True, help="Fail, writing nothing, if any article is bad.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes for the per-article NLP (or Dask workers to start).",
)
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="local",
    show_default=True,
    help="Where the per-article work runs: local processes, or a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler (tcp://host:port) for --executor dask; default: start a local one.",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of cached per-article extractions [default: OUT/.kg-cache].",
)
@click.option("--no-cache", is_flag=True, help="Parse every article again; read no cache.")
def build(
    sources: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    dct: date | None,
    model: str,
    base_iri: str,
    strict: bool,
    as_json: bool,
    jobs: int,
    executor: str,
    scheduler: str | None,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Build the graph from SOURCES (folders or files; default: ./sources)."""
    paths = list(sources) or [Path("sources")]
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    interactive = sys.stderr.isatty() and not as_json

    def progress(article: object) -> None:
        if interactive:
            click.echo(f"  read {getattr(article, 'path', article)}", err=True)

    try:
        report = build_graph_files(
            paths,
            out,
            formats,
            model=model,
            base_iri=base_iri,
            dct=dct,
            strict=strict,
            on_article=progress,
            cache=None if no_cache else cache_dir or out / ".kg-cache",
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            on_wait=lambda: click.echo(f"waiting for another build writing to {out}/", err=True),
        )
    except KgError as exc:
        raise _fail(exc) from None
    for line in report.errors:
        click.echo(f"error: {line}", err=True)
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, sort_keys=True))
    elif interactive or sys.stdout.isatty():
        click.echo(
            f"{report.articles} articles -> {report.entities} entities, {report.events} "
            f"events, {report.statements} sourced statements in {out}/",
            err=True,
        )
    if report.errors:
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dct", callback=_date, help="Publication date (YYYY-MM-DD), overriding metadata.")
@click.option("--model", default=nlp.DEFAULT_MODEL, show_default=True, help="spaCy model name.")
def extract(files: tuple[Path, ...], dct: date | None, model: str) -> None:
    """Print what the extractors find in FILES, one JSON object per file (JSON Lines)."""
    articles, problems = read_sources(list(files), dct=dct)
    for problem in problems:
        click.echo(f"{'error' if problem.fatal else 'warning'}: {problem}", err=True)
    try:
        for found in extract_articles(articles, model):
            for warning in found.warnings:
                click.echo(f"warning: {found.article.path}: {warning}", err=True)
            click.echo(json.dumps(extraction_record(found), ensure_ascii=False))
    except KgError as exc:
        raise _fail(exc) from None
    if any(p.fatal for p in problems):
        sys.exit(1)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(path_type=Path, exists=True),
    help="Read the SPARQL query from a file.",
)
@click.option(
    "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True
)
def query(graph: Path, query: str | None, query_file: Path | None, fmt: str) -> None:
    """Run a SPARQL QUERY (or -f FILE) over GRAPH (Turtle) on Oxigraph."""
    if (query is None) == (query_file is None):
        raise click.UsageError("give either a QUERY or -f FILE")
    text = query if query is not None else query_file.read_text("utf-8")  # type: ignore[union-attr]
    try:
        click.echo(run_query(graph, text, fmt), nl=False)
    except KgError as exc:
        raise _fail(exc) from None


@main.command()
@click.argument("graph", type=click.Path(path_type=Path), default=Path("out/graph.ttl"))
@click.option(
    "--actor", help="Only events in which the entity with this name or alternative name takes part."
)
@click.option(
    "--format", "fmt", type=click.Choice(TIMELINE_FORMATS), default="table", show_default=True
)
def timeline(graph: Path, actor: str | None, fmt: str) -> None:
    """Print the events of GRAPH (Turtle; default out/graph.ttl) ordered by date."""
    try:
        click.echo(format_rows(timeline_rows(graph, actor), fmt), nl=False)
    except KgError as exc:
        raise _fail(exc) from None


class _Failure(click.ClickException):
    """A library error as click prints it: one line, with the error's own exit code."""

    def __init__(self, exc: KgError) -> None:
        super().__init__(str(exc))
        self.exit_code = exc.exit_code  # type: ignore[misc]  # click declares it on the class


def _fail(exc: KgError) -> click.ClickException:
    return _Failure(exc)


if __name__ == "__main__":
    main()
