"""The library entry points: `extract` (articles -> mentions) and `build` (-> graph files)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from kg import coreference, executors, nlp
from kg import extract as extractors
from kg.cache import Cache, pipeline_version
from kg.dct import infer_publication_dates
from kg.errors import BuildError, KgError, NothingToReadWarning, UndatedWarning
from kg.executors import Failed, Outcome
from kg.export import html, rdf, tabular
from kg.export.files import Content, build_lock, check_folder, write_outputs
from kg.graph import build_graph
from kg.model import STATED_DATE_ORIGINS, Article, Extraction
from kg.resolve import resolve
from kg.sources import date_among, read_sources
from kg.sources.files import resolved
from kg.terms import RES_IRI


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for `kg build --json` and for scripts."""

    articles: int
    entities: int
    events: int
    statements: int
    errors: tuple[str, ...]  # one line per article that could not be used
    warnings: tuple[str, ...]  # problems that did not stop an article being used
    outputs: tuple[str, ...]
    parsed: int = 0  # articles that went through the NLP in this build
    cached: int = 0  # articles whose extraction came from the cache
    unlinked_places: int = 0  # places more than one GeoNames feature fits: no owl:sameAs

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BuildReport:
        """The inverse of `as_dict`."""
        lists = ("errors", "warnings", "outputs")
        fields: dict[str, Any] = {k: tuple(v) if k in lists else v for k, v in data.items()}
        return cls(**fields)

    def as_dict(self) -> dict[str, object]:
        return {
            "articles": self.articles,
            "entities": self.entities,
            "events": self.events,
            "statements": self.statements,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "outputs": list(self.outputs),
            "parsed": self.parsed,
            "cached": self.cached,
            "unlinked_places": self.unlinked_places,
        }


# How many refused articles a build that reads none lists (`BuildError.lines`, printed by the
# CLI) before its summary: enough to see every kind of problem in a small folder, never ten
# thousand lines for a big one
REFUSALS_SHOWN = 10


def extract(
    articles: Sequence[Article],
    model: str = nlp.DEFAULT_MODEL,
    names: Sequence[str] | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> list[Extraction]:
    """Run the NLP, every extractor and within-article coreference over each article, in
    order."""
    chain = extractors.pipeline(names)
    results = []
    for article, doc in nlp.parse(articles, model):
        results.append(coreference.link(doc, extractors.run(chain, doc, Extraction(article))))
        if on_article is not None:
            on_article(article)
    return results


def _check_apart(paths: Sequence[Path], out: Path) -> None:
    """BuildError when a source is the output folder or lies inside it: kg would read its own
    outputs (graph.html, texts/) as articles, and prune texts/ of files it did not write. An
    output folder inside a sources folder is fine: reading passes over it."""
    real_out = resolved(out)
    for given in paths:
        real = resolved(given)
        if real is None or real_out is None:
            continue  # a symlink loop: reading the sources says so
        if real == real_out:
            raise BuildError(
                f"{given}: is both a sources folder and the output folder; give the outputs a "
                f"folder of their own (one inside it, such as {given / 'out'}, is fine)"
            )
        if real_out in real.parents:
            raise BuildError(
                f"{given}: lies inside the output folder {out}, which kg writes; keep the "
                "sources out of it"
            )


def build(
    paths: Sequence[Path],
    out: Path,
    formats: Sequence[str] = ("ttl",),
    *,
    model: str = nlp.DEFAULT_MODEL,
    base_iri: str = RES_IRI,
    dct: date | None = None,
    strict: bool = False,
    on_article: Callable[[Article], None] | None = None,
    names: Sequence[str] | None = None,
    cache: Path | None = None,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    on_wait: Callable[[], None] | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
) -> BuildReport:
    """Read `paths`, extract, resolve, and write `out/graph.ttl`, `out/graph.html` and any
    other `formats`. Bad articles are reported and skipped (with `strict`, they stop the build
    before anything is written).

    `names` picks the extractors (default: all installed). With `cache`, a folder, each
    article's extraction is kept there and reused while the article and the pipeline are
    unchanged. The per-article work runs in this process (`jobs` 1), in `jobs` local processes,
    or with `executor="dask"` on the Dask scheduler at `scheduler` (default: a LocalCluster of
    `jobs` processes); the output is the same bytes wherever it runs. Outputs are written
    under an exclusive lock on `out`: a build that finds another writing there calls `on_wait`
    and waits for it to finish. `on_progress(done, total, failed)` is called once the sources
    are read (done 0; failed counts the files refused) and after each article's extraction,
    cached or not, for a progress display.

    `out` is never read as sources: inside a sources folder it is passed over, while `out`
    equal to a source, or a source inside `out`, is a BuildError; an `out` that cannot be a
    folder (a file in its place) is an OutputError before any work is done."""
    if jobs < 1:
        raise KgError(f"--jobs must be 1 or more, not {jobs}")
    if executor not in executors.EXECUTORS:
        raise KgError(f"unknown executor {executor!r}; known: {', '.join(executors.EXECUTORS)}")
    check_folder(out)
    _check_apart(paths, out)
    articles, problems = read_sources(paths, dct=dct, skip=[out])
    errors = tuple(str(p) for p in problems if p.fatal)
    warnings = tuple(str(p) for p in problems if not p.fatal and not isinstance(p, UndatedWarning))
    undated = {p.article_path: p for p in problems if isinstance(p, UndatedWarning)}
    if strict and errors:
        raise _strict_failure(errors)
    if not articles:
        # one line, however many files were refused: the first says why; with none refused, the
        # first warning does (an empty folder, a folder of files kg does not read)
        empty = [str(p) for p in problems if isinstance(p, NothingToReadWarning)]
        if empty and not errors:  # the warning names its folder and says why
            raise BuildError(f"no usable article: {empty[0]}")
        shown = "" if len(errors) <= REFUSALS_SHOWN else f"; the first {REFUSALS_SHOWN} above"
        why = f" ({len(errors)} refused{shown})" if errors else ""
        raise BuildError("no usable article in " + ", ".join(str(p) for p in paths) + why, errors)
    store = Cache(cache, pipeline_version(model, names)) if cache is not None else None
    if store is not None:
        store.check_writable()
        settings = json.dumps([list(dict.fromkeys(("ttl", *formats))), base_iri, errors, warnings])
        stamp = store.stamp(articles, settings)
        with build_lock(out, on_wait):
            previous = store.last_build(out, stamp)
        if previous is not None:  # nothing changed: the outputs there are this build's
            return BuildReport.from_dict({**previous, "parsed": 0, "cached": len(articles)})
    done, failures = 0, len(errors)
    if on_progress is not None:
        on_progress(done, len(articles), failures)

    def finished(article: Article, outcome: Outcome) -> None:
        nonlocal done, failures
        done += 1
        failures += isinstance(outcome, Failed)
        if on_article is not None:
            on_article(article)
        if on_progress is not None:
            on_progress(done, len(articles), failures)

    outcomes, parsed = _extract_all(
        articles, model, names, store, jobs, executor, scheduler, finished
    )
    failed = tuple(f"{o.path}: {o.problem}" for o in outcomes if isinstance(o, Failed))
    errors += failed
    if strict and failed:
        raise _strict_failure(failed)
    found = [o for o in outcomes if isinstance(o, Extraction)]
    if not found:
        raise BuildError("no article could be parsed: " + failed[0])
    # an undated article is said so once: dated from the other articles, or not at all
    found, dated = _dated_by_corpus(found, model, names, store, jobs, executor, scheduler)
    for path, problem in sorted(undated.items()):
        how = dated.get(path)
        warnings += (str(problem) if how is None else f"{problem.path}: {how}",)
    # and a date read from an article's own text that the others' years overrule
    warnings += tuple(
        f"{x.article.path}: {dated[x.article.path]}"
        for x in found
        if x.article.path in dated and x.article.path not in undated
    )
    warnings += tuple(f"{x.article.path}: {w}" for x in found for w in x.warnings)
    graph = build_graph(resolve(found), base_iri)
    triples = rdf.to_rdf(graph)
    # RDF streams into its file as it is written; everything lands in a staging folder first
    # and is renamed into place: a failure or a kill leaves the old outputs whole
    rendered: dict[Path, Content] = {}
    for fmt in dict.fromkeys(("ttl", *formats)):
        if fmt in tabular.FILES:
            rendered[out / tabular.FILES[fmt]] = tabular.render(fmt, graph)
        else:
            rendered[out / f"graph.{fmt}"] = rdf.writer(triples, fmt, graph.iris.graph())
    rendered[out / "graph.html"] = html.render_html(graph)
    # the extracted text of each page, feed entry or JSON line: its offsets point there
    for article in (x.article for x in found):
        if article.text_file is not None:
            rendered[out / article.text_file] = article.text
    write_outputs(out, rendered, on_wait)
    report = BuildReport(
        articles=len(found),
        entities=len(graph.entities),
        events=len(graph.events),
        statements=graph.statements(),
        errors=errors,
        warnings=warnings,
        # the texts folder once, not each of its files
        outputs=tuple(dict.fromkeys(str(p if p.parent == out else p.parent) for p in rendered)),
        parsed=parsed,
        cached=len(articles) - parsed,
        unlinked_places=graph.unlinked_places,
    )
    if store is not None:
        store.record_build(out, stamp, report.as_dict())
    return report


def _extract_all(
    articles: Sequence[Article],
    model: str,
    names: Sequence[str] | None,
    store: Cache | None,
    jobs: int,
    executor: str,
    scheduler: str | None,
    on_done: Callable[[Article, Outcome], None] | None,
) -> tuple[list[Outcome], int]:
    """Every article's extraction in order, from the cache or from an executor, and how many
    were parsed. Fresh results are cached as they arrive: a killed build keeps its work."""
    hits, todo = store.split(articles) if store else ({}, list(range(len(articles))))
    results: dict[int, Outcome] = dict(hits)
    for i in sorted(results):
        if on_done is not None:
            on_done(articles[i], results[i])
    work = [articles[i] for i in todo]
    runs: Iterable[tuple[int, Outcome]]
    if not work:
        runs = ()  # everything cached: not even the model is loaded
    elif executor == "dask":
        runs = executors.run_dask(work, model, names, scheduler, jobs)
    elif jobs > 1:
        runs = executors.run_processes(work, model, names, jobs)
    else:
        runs = executors.run_serial(work, model, names)
    for j, outcome in runs:
        results[todo[j]] = outcome
        if store is not None and isinstance(outcome, Extraction):
            store.put(outcome)
        if on_done is not None:
            on_done(articles[todo[j]], outcome)
    return [results[i] for i in range(len(articles))], len(todo)


def _dated_by_corpus(
    found: list[Extraction],
    model: str,
    names: Sequence[str] | None,
    store: Cache | None,
    jobs: int,
    executor: str,
    scheduler: str | None,
) -> tuple[list[Extraction], dict[str, str]]:
    """Date the articles that state no date from the ones that do, and extract them again with
    that date, so their "on Friday" and "last month" resolve: first by what an article's own
    dateline and lede imply once the others' years are known (`kg.sources.date_among`, which
    may also correct a year an article's text alone suggested), then by the events it shares
    with them (`kg.dct`). Returns the extractions and, per path of an article so dated, what to
    tell the user."""
    stated = sorted(
        {
            x.article.published
            for x in found
            if x.article.published is not None and x.article.date_origin in STATED_DATE_ORIGINS
        }
    )
    dates: dict[str, tuple[date, tuple[str, ...], str]] = {}
    for x in found:
        head = date_among(x.article, stated)
        if head is not None and head.date != x.article.published:
            why = "; ".join(head.evidence)
            dates[x.article.id] = (head.date, head.evidence, f"its head says {why}")
    for event_based in infer_publication_dates(found):
        dates.setdefault(
            event_based.article,
            (event_based.published, (event_based.evidence,), f"it {event_based.evidence}"),
        )
    if not dates:
        return found, {}
    again = [
        replace(x.article, published=d[0], date_origin="inferred", date_evidence=d[1])
        for x in found
        if (d := dates.get(x.article.id)) is not None
    ]
    outcomes, _ = _extract_all(again, model, names, store, jobs, executor, scheduler, None)
    redone = {o.article.id: o for o in outcomes if isinstance(o, Extraction)}
    was = {x.article.id: x.article.published for x in found}
    lines = {
        a.path: (
            f"no publication date given; dated {a.published} from the other articles, as "
            if was[a.id] is None
            else f"dated {a.published}, not {was[a.id]}, from the other articles' years, as "
        )
        + dates[a.id][2]
        for a in again
        if a.id in redone
    }
    return [redone.get(x.article.id, x) for x in found], lines


__all__ = ["BuildReport", "build", "extract"]


def _strict_failure(errors: Sequence[str]) -> BuildError:
    """`--strict`'s refusal: how many articles are bad, then each on its own line (file:
    problem), so one run names every file to mend."""
    return BuildError(
        f"{len(errors)} bad article(s), nothing written (--strict):"
        + "".join(f"\n  {e}" for e in errors)
    )
