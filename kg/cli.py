"""The command line: each command parses options, calls one library function, prints."""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from kg import nlp
from kg.errors import BuildError, KgError
from kg.executors import EXECUTORS
from kg.export.rdf import FORMATS
from kg.export.tabular import FILES as TABULAR_FILES
from kg.fetch import MAX_REDIRECTS, TIMEOUT, Fetched, FetchFailure, read_list
from kg.fetch import fetch as fetch_pages
from kg.fetch import summary as fetch_summary
from kg.pipeline import REFUSALS_SHOWN
from kg.pipeline import build as build_graph_files
from kg.pipeline import extract as extract_articles
from kg.push import PASSWORD_ENV
from kg.push import push as push_graph
from kg.query import (
    OUTPUT_FORMATS,
    NamedQuery,
    find_query,
    list_text,
    named_queries,
    read_query,
    run_query,
)
from kg.report import extraction_record
from kg.serve import is_loopback
from kg.serve import serve as serve_graph
from kg.sources import read_sources
from kg.sources.html import MAX_HTML_BYTES
from kg.terms import RES_IRI
from kg.timeline import FORMATS as TIMELINE_FORMATS
from kg.timeline import format_rows, timeline_rows
from kg.validate import format_report
from kg.validate import validate as validate_graph


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def _base_iri(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """An absolute http(s) IRI with no spaces, ending in "/" or "#" (a "/" is added), so that
    minted IRIs read BASE + "article/..."."""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or any(c.isspace() for c in value):
        raise click.BadParameter(f"{value!r} is not an absolute http(s) IRI")
    return value if value.endswith(("/", "#")) else value + "/"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newskg", prog_name="kg")
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
    type=click.Choice(sorted({*FORMATS, *TABULAR_FILES})),
    help="Also write graph.<format>, events.csv or graph.graphml (repeatable); Turtle is "
    "always written.",
)
@click.option(
    "--dct", callback=_date, help="Publication date (YYYY-MM-DD) for every article given."
)
@click.option("--model", default=nlp.DEFAULT_MODEL, show_default=True, help="spaCy model name.")
@click.option(
    "--base-iri",
    default=RES_IRI,
    show_default=True,
    callback=_base_iri,
    help='Base of minted IRIs: an http(s) IRI ("/" is added unless it ends in "/" or "#").',
)
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
    bar = ProgressBar() if sys.stderr.isatty() else None
    try:
        report = build_graph_files(
            paths,
            out,
            formats,
            model=model,
            base_iri=base_iri,
            dct=dct,
            strict=strict,
            cache=None if no_cache else cache_dir or out / ".kg-cache",
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            on_wait=lambda: click.echo(f"waiting for another build writing to {out}/", err=True),
            on_progress=bar,
        )
    except KgError as exc:
        for line in exc.lines[:REFUSALS_SHOWN] if isinstance(exc, BuildError) else ():
            _error(line)  # the articles refused, one a line, before why the build stops
        raise _fail(exc) from None
    finally:
        if bar is not None:
            bar.close()
    for line in report.errors:
        _error(line)
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
        if problem.fatal:
            _error(str(problem))
        else:
            click.echo(f"warning: {problem}", err=True)
    try:
        for found in extract_articles(articles, model):
            for warning in found.warnings:
                click.echo(f"warning: {found.article.path}: {warning}", err=True)
            click.echo(json.dumps(extraction_record(found), ensure_ascii=False))
    except KgError as exc:
        raise _fail(exc) from None
    if any(p.fatal for p in problems):
        sys.exit(1)


def _param(_ctx: click.Context, _p: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in value:
        name, eq, raw = item.partition("=")
        if not eq or not name.strip():
            raise click.BadParameter(f"{item!r} is not of the form NAME=VALUE")
        params[name.strip()] = raw
    return params


@main.command()
@click.argument(
    "graph", required=False, type=click.Path(path_type=Path, exists=True, dir_okay=False)
)
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Read the SPARQL query from a file.",
)
@click.option("-n", "--name", help="Run the named query shipped in queries/ (see --list).")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    callback=_param,
    metavar="NAME=VALUE",
    help="Bind a parameter the query declares (repeatable); <...> makes an IRI.",
)
@click.option("--list", "list_only", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True
)
def query(
    graph: Path | None,
    query: str | None,
    query_file: Path | None,
    name: str | None,
    params: dict[str, str],
    list_only: bool,
    fmt: str,
) -> None:
    """Run a SPARQL QUERY (or -f FILE, or --name NAME) over GRAPH (Turtle) on Oxigraph."""
    try:
        if list_only:
            click.echo(list_text(list(named_queries().values())), nl=False)
            return
        if graph is None or sum(x is not None for x in (query, query_file, name)) != 1:
            raise click.UsageError("give GRAPH and one of QUERY, -f FILE or --name NAME")
        if name is not None:
            chosen: str | NamedQuery = find_query(name)
        elif query_file is not None:
            chosen = read_query(query_file)
        else:
            chosen = query  # type: ignore[assignment]  # the one left
        click.echo(run_query(graph, chosen, fmt, params), nl=False)
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
@click.option(
    "--wide",
    is_flag=True,
    help="Every column in full (the end day, the event's IRI), however wide the terminal.",
)
def timeline(graph: Path, actor: str | None, fmt: str, wide: bool) -> None:
    """Print the events of GRAPH (Turtle; default out/graph.ttl) ordered by date."""
    # a table on a terminal (or with COLUMNS set) fits its width; in a pipe it is whole
    fits = not wide and (sys.stdout.isatty() or "COLUMNS" in os.environ)
    width = shutil.get_terminal_size().columns if fits else None
    try:
        click.echo(format_rows(timeline_rows(graph, actor), fmt, width), nl=False)
    except KgError as exc:
        raise _fail(exc) from None


@main.command()
@click.argument("graph", type=click.Path(path_type=Path), default=Path("out/graph.ttl"))
@click.option(
    "--shapes",
    type=click.Path(path_type=Path, dir_okay=False),
    help="SHACL shapes (Turtle) to check against  [default: ontology/shapes.ttl]",
)
def validate(graph: Path, shapes: Path | None) -> None:
    """Check GRAPH (Turtle; default out/graph.ttl) against the SHACL shapes every export must
    satisfy; print each violation (focus node, path, message) and exit 1 if there is any."""
    try:
        report = validate_graph(graph, shapes)
    except KgError as exc:
        raise _fail(exc) from None
    # the summary is part of the report: `kg validate > report.txt` keeps it, conforming or not
    click.echo(format_report(report), nl=False)
    click.echo(report.summary(graph))
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.argument("graph", type=click.Path(path_type=Path), default=Path("out/graph.ttl"))
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (this machine)."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds a query may run before it is stopped (HTTP 503).",
)
@click.option("--workers", type=click.IntRange(min=1), help="Query worker processes [CPUs, >= 2].")
def serve(graph: Path, port: int, host: str, timeout: float, workers: int | None) -> None:
    """Serve GRAPH (default out/graph.ttl) as a read-only SPARQL 1.1 endpoint with CORS."""
    if not is_loopback(host):
        click.echo(f"warning: {host} is not a loopback address: other machines can query", err=True)

    def ready(url: str) -> None:
        click.echo(f"SPARQL endpoint at {url} (read-only; Ctrl-C stops it)")
        sys.stdout.flush()

    try:
        serve_graph(graph, host, port, timeout, workers, on_ready=ready)
    except KgError as exc:
        raise _fail(exc) from None


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store Protocol URL, e.g. http://localhost:3030/ds/data (Fuseki), "
    "http://localhost:7878/store (Oxigraph).",
)
@click.option("--graph", "graph_iri", help="IRI of the named graph [default: the default graph].")
@click.option(
    "--replace/--add",
    default=True,
    help="Replace the graph's content (HTTP PUT, the default) or add to it (POST).",
)
@click.option("--user", help=f"User name for basic auth; the password is read from {PASSWORD_ENV}.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=60.0,
    show_default=True,
    help="Seconds to wait for the endpoint.",
)
def push(
    graph: Path,
    endpoint: str,
    graph_iri: str | None,
    replace: bool,
    user: str | None,
    timeout: float,
) -> None:
    """Upload GRAPH (Turtle) to a SPARQL 1.1 Graph Store endpoint (bearer token: KG_PUSH_TOKEN)."""
    try:
        report = push_graph(graph, endpoint, graph_iri, replace, user, timeout)
    except KgError as exc:
        raise _fail(exc) from None
    target = f"graph <{report.graph}>" if report.graph else "the default graph"
    done = "replaced" if report.method == "PUT" else "added to"
    click.echo(f"pushed {report.triples} triples: {done} {target} at {endpoint}")


class _Failure(click.ClickException):
    """A library error as click prints it: one line, with the error's own exit code."""

    def __init__(self, exc: KgError) -> None:
        super().__init__(str(exc))
        self.exit_code = exc.exit_code  # type: ignore[misc]  # click declares it on the class


@main.command()
@click.argument("urls", nargs=-1)
@click.option(
    "-i",
    "--input",
    "url_list",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A file of URLs, one a line (# starts a comment line).",
)
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="The sources folder to save pages into (its sources.yaml records each URL).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=TIMEOUT,
    show_default=True,
    help="Seconds for the whole download of one page.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=MAX_HTML_BYTES,
    show_default=True,
    help="Largest page kept; a bigger one is cut off and refused.",
)
@click.option(
    "--max-redirects",
    type=click.IntRange(min=0),
    default=MAX_REDIRECTS,
    show_default=True,
    help="Redirects followed (http and https only).",
)
def fetch(
    urls: tuple[str, ...],
    url_list: Path | None,
    out: Path,
    timeout: float,
    max_bytes: int,
    max_redirects: int,
) -> None:
    """Download web pages (URLS, or -i LIST) into a sources folder for `kg build`.

    The one command that uses the network. A URL already in the folder's manifest is not
    downloaded again."""
    try:
        wanted = [*urls, *(read_list(url_list) if url_list else [])]
        if not wanted:
            raise click.UsageError("give URLs, or -i FILE with one URL a line")

        def said(result: Fetched | FetchFailure) -> None:
            if isinstance(result, FetchFailure):
                _error(str(result))
            else:
                verb = "saved" if result.saved else "already there"
                click.echo(f"{verb}: {result.url} -> {result.file}")

        done, failed = fetch_pages(
            wanted,
            out,
            timeout=timeout,
            max_bytes=max_bytes,
            max_redirects=max_redirects,
            on_url=said,
        )
    except KgError as exc:
        raise _fail(exc) from None
    click.echo(fetch_summary(done, failed), err=True)
    if failed:
        sys.exit(1)


class ProgressBar:
    """One line on a terminal's stderr for a build: articles done of all, rate, time left, and
    how many failed (refused when read, or broken in extraction), redrawn in place by tqdm."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, done: int, total: int, failed: int) -> None:
        from tqdm import tqdm

        if self._bar is None:
            self._bar = tqdm(
                total=total,
                desc="kg build",
                unit="article",
                file=sys.stderr,
                dynamic_ncols=True,
                smoothing=0.1,
            )
        self._bar.set_postfix_str(f"{failed} failed", refresh=False)
        self._bar.update(done - self._bar.n)
        if done == total:
            self._bar.refresh()  # tqdm skips updates closer than 0.1 s: show the last one

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _fail(exc: KgError) -> click.ClickException:
    return _Failure(exc)


def _error(line: str) -> None:
    """An error kg reports and goes on after (a bad article, a page not fetched), in the form
    click gives the errors that stop a command, so that every error line reads alike."""
    click.echo(f"Error: {line}", err=True)


if __name__ == "__main__":
    main()
