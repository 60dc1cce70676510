"""SPARQL over a Turtle file, on Oxigraph (rdflib's own engine is far slower on large graphs).

A query may declare parameters in comment lines at its head (the shipped ones in `queries/` do):

    # The timeline of one actor: its events by kg:begin, with class, status and source count.
    # param: actor = "Xi Jinping"  the actor's rdfs:label

A parameter is a variable of the query; its default is one SPARQL term (a literal, an IRI, a
prefixed name, a number), and without a default the parameter is required. Values reach the
engine as RDF terms through Oxigraph's substitutions (SEP-0007), never as query text, so a value
such as `"} ; DROP ALL` is only ever a literal. Oxigraph substitutes projected variables only: a
SELECT that names its columns must list its parameters among them.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.resources import ONTOLOGY_DIR, QUERIES_DIR
from kg.sparql_worker import refusal
from kg.tables import csv_text, text_table, tsv_text
from kg.terms import PREFIXES

__all__ = [
    "OUTPUT_FORMATS",
    "QUERIES_DIR",
    "NamedQuery",
    "Param",
    "bind",
    "find_query",
    "list_text",
    "load",
    "named_queries",
    "parse_query",
    "read_query",
    "run_query",
]

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")

Term = ox.NamedNode | ox.Literal

_XSD = "http://www.w3.org/2001/XMLSchema#"
# One SPARQL term: a quoted literal (with escapes, a language tag or a datatype), an IRI in <>,
# or a token without spaces (a prefixed name, a number, true/false).
_PARAM = re.compile(
    r"""\#\s*param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*
        (?:=\s*(?P<default>"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^\S+)?|<[^>\s]*>|[^\s"<]+))?
        \s*(?P<description>.*)$""",
    re.VERBOSE,
)
_PREFIX = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Param:
    """A parameter a query declares: a variable, its default term (None: required), and what
    it stands for."""

    name: str
    default: Term | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with the description and parameters of its comment header."""

    name: str
    description: str  # the header's first line that is not a parameter
    params: tuple[Param, ...]
    text: str
    prefixes: Mapping[str, str]  # the query's PREFIX declarations, for prefixed-name values


def load(path: Path) -> ox.Store:
    """The Turtle file at `path` in an in-memory Oxigraph store; QueryError if unreadable."""
    store = ox.Store()
    try:
        with path.open("rb") as handle:
            store.bulk_load(handle, ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"{path}: cannot read the graph: {exc}") from None
    return store


def _default(name: str, text: str, prefixes: Mapping[str, str], where: str) -> Term:
    """A default as the engine reads it, in the scope of the query's own prefixes."""
    # The default comes from the query file itself, which the user runs anyway; the engine parses
    # it, so a prefixed name or a typed literal means what it means in SPARQL.
    probe = f"SELECT ?v WHERE {{ VALUES ?v {{ {text} }} }}"
    try:
        result = ox.Store().query(probe, prefixes=dict(prefixes))
    except SyntaxError as exc:
        raise QueryError(
            f"{where}: parameter {name}: bad default {text}: {_one_line(exc)}"
        ) from None
    assert isinstance(result, ox.QuerySolutions)
    terms = [row["v"] for row in result]
    if len(terms) != 1 or not isinstance(terms[0], ox.NamedNode | ox.Literal):
        raise QueryError(f"{where}: parameter {name}: the default must be one IRI or literal")
    return terms[0]


def parse_query(text: str, name: str = "query") -> NamedQuery:
    """Read the comment header of a query: its description and `# param:` lines. `name` names
    the query in error messages."""
    description = ""
    params: dict[str, Param] = {}
    # kg's own prefixes (kg:, sem:, prov:, rdfs: ...) hold in every query; its PREFIX lines win
    prefixes = {**PREFIXES, **{p or "": iri for p, iri in _PREFIX.findall(text)}}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break  # the header ends at the first line of SPARQL
        match = _PARAM.match(stripped)
        if match:
            pname = match["name"]
            if pname in params:
                raise QueryError(f"{name}: parameter {pname} is declared twice")
            default = match["default"]
            params[pname] = Param(
                pname,
                _default(pname, default, prefixes, name) if default else None,
                match["description"].strip(),
            )
        elif stripped.lstrip("#").strip().startswith("param:"):
            raise QueryError(f"{name}: cannot read the parameter line {stripped!r}")
        elif not description:
            description = stripped.lstrip("#").strip()
    return NamedQuery(name, description, tuple(params.values()), text, prefixes)


def read_query(path: Path) -> NamedQuery:
    """The query in the file at `path`, with its header read; errors name the file."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query: {_one_line(exc)}") from None
    return parse_query(text, str(path))


def named_queries(folder: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """The `*.rq` files of `folder` (default: the repository's `queries/`), by file stem."""
    return {
        path.stem: replace(read_query(path), name=path.stem) for path in sorted(folder.glob("*.rq"))
    }


def find_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    """The named query `name`; QueryError naming the ones there are if it does not exist."""
    queries = named_queries(folder)
    if name not in queries:
        known = ", ".join(queries) or "none"
        raise QueryError(f"no query named {name!r} in {folder} (there are: {known})")
    return queries[name]


def _value(param: Param, raw: str, query: NamedQuery) -> Term:
    """The term a command-line value stands for: an IRI when written in <> or when the
    default is an IRI (then also a prefixed name of the query's), else a literal of the
    default's datatype or language."""
    try:
        default = param.default
        if raw.startswith("<") and raw.endswith(">"):
            return ox.NamedNode(raw[1:-1])
        if isinstance(default, ox.NamedNode):
            prefix, colon, local = raw.partition(":")
            if colon and (prefix in query.prefixes or not local.startswith("//")):
                problem = _name_problem(prefix, local, query.prefixes)
                if problem is not None:
                    raise ValueError(problem)
                return ox.NamedNode(query.prefixes[prefix] + local)
            return ox.NamedNode(raw)  # a full IRI without <> ("https://...")
        if isinstance(default, ox.Literal) and default.language:
            return ox.Literal(raw, language=default.language)
        if isinstance(default, ox.Literal) and default.datatype.value != _XSD + "string":
            _check_lexical(raw, default.datatype.value)
            return ox.Literal(raw, datatype=default.datatype)
        return ox.Literal(raw)
    except ValueError as exc:
        raise QueryError(
            f"{query.name}: parameter {param.name}: bad value {raw!r}: {exc}"
        ) from None


@cache
def _kg_terms() -> frozenset[str]:
    """The local names ontology/kg.ttl defines (its subjects "kg:Visit a owl:Class"), so that
    a typo in a parameter ("kg:Vist") is an error, not a query that quietly matches nothing."""
    text = (ONTOLOGY_DIR / "kg.ttl").read_text(encoding="utf-8")
    return frozenset(re.findall(r"^kg:(\w+)\s", text, re.MULTILINE))


def _check_lexical(raw: str, datatype: str) -> None:
    # An ill-typed literal compares as nothing, so a typo would quietly give no rows.
    kind = datatype.removeprefix(_XSD)
    if kind in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
        int(raw)
    elif kind in ("decimal", "double", "float"):
        float(raw)
    elif kind == "date":
        date.fromisoformat(raw)
    elif kind == "boolean" and raw not in ("true", "false", "1", "0"):
        raise ValueError("not true or false")


def bind(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Each parameter's term: the value given (as `_value` types it) or the default.
    QueryError for an unknown parameter or a missing required one."""
    declared = {p.name: p for p in query.params}
    for name in values:
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise QueryError(f"{query.name}: unknown parameter {name!r} (parameters: {known})")
    bound: dict[str, Term] = {}
    for param in query.params:
        if param.name in values:
            bound[param.name] = _value(param, values[param.name], query)
        elif param.default is not None:
            bound[param.name] = param.default
        else:
            raise QueryError(f"{query.name}: missing required parameter {param.name!r}")
    return bound


def _term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal | ox.NamedNode):
        return term.value
    return str(term)


def run_query(
    path: Path,
    query: str | NamedQuery,
    fmt: str = "table",
    params: Mapping[str, str] | None = None,
) -> str:
    """Run `query` over the Turtle file at `path`, its parameters bound to `params` (names to
    values as typed on a command line) or their defaults. SELECT/ASK results as a table (every
    cell whole), CSV, TSV or JSON, CONSTRUCT/DESCRIBE results as Turtle."""
    named = query if isinstance(query, NamedQuery) else parse_query(query)
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): v for k, v in bind(named, params or {}).items()
    }
    refused = refusal(named.text) or _unknown_names(named)
    if refused:  # SERVICE would reach the network; deep nesting crashes; a typo matches nothing
        raise QueryError(f"{named.name}: {refused}")
    store = load(path)
    try:
        result = store.query(
            named.text, substitutions=substitutions or None, prefixes=dict(named.prefixes)
        )
    except SyntaxError as exc:
        raise QueryError(f"{named.name}: SPARQL syntax error: {_one_line(exc)}") from None
    except RuntimeError as exc:
        # Oxigraph's refusal to substitute a variable the SELECT does not project
        raise QueryError(f"{named.name}: {_one_line(exc)}") from None
    except (OSError, ValueError) as exc:
        raise QueryError(f"{named.name}: query failed: {_one_line(exc)}") from None
    if isinstance(result, ox.QueryBoolean):
        answer = bool(result)
        return json.dumps(answer) + "\n" if fmt == "json" else f"{str(answer).lower()}\n"
    if isinstance(result, ox.QueryTriples):
        return (ox.serialize(result, format=ox.RdfFormat.TURTLE) or b"").decode("utf-8")
    names = [v.value for v in result.variables]
    rows = [[_term(sol[n]) for n in names] for sol in result]
    if fmt == "json":
        return json.dumps([dict(zip(names, r, strict=True)) for r in rows], indent=2) + "\n"
    if fmt == "csv":
        return csv_text(names, rows)
    if fmt == "tsv":
        return tsv_text(names, rows)
    return text_table(names, rows, width=None)  # an IRI cut short names nothing


# what a query's text holds that is no prefixed name: strings, IRIs, comments
_NOT_NAMES = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_PREFIXED = re.compile(r"(?<![\w?$:])([A-Za-z][\w.-]*)?:([A-Za-z_][\w-]*)")


def _unknown_names(query: NamedQuery) -> str | None:
    """Why a prefixed name of `query` can match nothing, or None: its prefix is declared
    nowhere ("kgg:Layoff": the engine's own message lists character classes), or it is a kg:
    term ontology/kg.ttl does not define ("kg:Layof", "rdfs:lable" aside: only kg's own
    vocabulary is known here), with the nearest defined term."""
    text = _NOT_NAMES.sub(" ", query.text)
    for prefix, local in _PREFIXED.findall(text):
        if prefix.upper() not in {"PREFIX", "BASE"}:
            problem = _name_problem(prefix, local, query.prefixes)
            if problem is not None:
                return problem
    return None


def _name_problem(prefix: str, local: str, prefixes: Mapping[str, str]) -> str | None:
    """Why the prefixed name `prefix:local` can name nothing, for a query's text and its
    parameters alike: its prefix is not declared, or it is a kg: term ontology/kg.ttl does not
    define (with the nearest one that it does); None when neither."""
    if prefix not in prefixes:
        known = ", ".join(sorted(p for p in prefixes if p))
        return f"no prefix {prefix}: is declared (there are: {known})"
    if prefixes[prefix] == PREFIXES["kg"] and local not in _kg_terms():
        near = difflib.get_close_matches(local, sorted(_kg_terms()), n=1)
        hint = f" (did you mean {prefix}:{near[0]}?)" if near else ""
        return f"{prefix}:{local} is no term of ontology/kg.ttl{hint}"
    return None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _show(term: Term, prefixes: Mapping[str, str]) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, iri in sorted(prefixes.items()):
            if (
                iri
                and term.value.startswith(iri)
                and re.fullmatch(r"[\w-]+", term.value[len(iri) :])
            ):
                return f"{prefix}:{term.value[len(iri) :]}"
    if isinstance(term, ox.Literal) and term.datatype.value in (
        _XSD + "integer",
        _XSD + "decimal",
        _XSD + "boolean",
    ):
        return term.value
    return str(term)


def list_text(queries: Sequence[NamedQuery]) -> str:
    """The named queries for `kg query --list`: name and description, then one line per
    parameter with its default (or "required") and what it stands for."""
    lines = []
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        lines.append(f"{q.name.ljust(width)}  {q.description}".rstrip())
        for p in q.params:
            value = _show(p.default, q.prefixes) if p.default is not None else "(required)"
            lines.append(f"{'':{width}}    --param {p.name}={value}  {p.description}".rstrip())
    return "".join(line + "\n" for line in lines)
