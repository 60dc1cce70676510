"""Every error kg raises, and the exit code each maps to (the CLI's only source of codes)."""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_INPUT = 1  # bad articles, bad graph, failed query: the user's data is at fault
EXIT_USAGE = 2  # click's own code for a bad command line


class KgError(Exception):
    """Base class: a problem kg can explain in one line."""

    exit_code = EXIT_INPUT


class SourceError(KgError):
    """One input file cannot be used; the build goes on without it."""

    fatal = True

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class SourceWarning(SourceError):
    """A problem worth telling the user about that does not stop the article being used
    (no date anywhere, a manifest entry for a missing file)."""

    fatal = False


class UndatedWarning(SourceWarning):
    """An article with no publication date in its metadata or text. The build may still date it
    from the other articles (`kg.dct`), and then says so instead."""

    def __init__(self, path: Path | str, problem: str, article_path: str) -> None:
        super().__init__(path, problem)
        self.article_path = article_path  # the article's path relative to its sources root


class NothingToReadWarning(SourceWarning):
    """A folder given holds no file kg reads (empty, or only other kinds of file); when no
    article is read at all, the build's error gives this reason."""


class ManifestError(SourceError):
    """A `sources.yaml` manifest or a front-matter block is malformed."""


class OutputError(KgError):
    """The output folder cannot be written (a file is in its place or above it, no permission,
    a full disk); the message names the folder and why. Nothing is left half-written."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class BuildError(KgError):
    """The build as a whole cannot go on (no usable article, `--strict` with a bad one).
    `lines` are the one-line errors of the articles refused, each naming its file."""

    def __init__(self, message: str, lines: tuple[str, ...] = ()) -> None:
        self.lines = lines
        super().__init__(message)


class QueryError(KgError):
    """A SPARQL query failed; the message is the engine's."""


class ModelError(KgError):
    """The spaCy model named in the settings cannot be loaded."""


class ValidationError(KgError):
    """A graph or a shapes file cannot be read for `kg validate` (not that it breaks a shape:
    that is a `kg.validate.Report` that does not conform)."""


class ServeError(KgError):
    """The SPARQL endpoint cannot start (port in use, unreadable graph, workers that fail)."""


class PushError(KgError):
    """An upload to a Graph Store endpoint failed; the message names the endpoint and why."""


class ExecutorError(KgError):
    """The chosen executor cannot run (Dask missing, its scheduler unreachable)."""
