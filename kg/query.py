"""SPARQL over a Turtle file, on Oxigraph (rdflib's own engine is far slower on large graphs)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.tables import csv_text, text_table

OUTPUT_FORMATS = ("table", "csv", "json")


def load(path: Path) -> ox.Store:
    store = ox.Store()
    try:
        with path.open("rb") as handle:
            store.bulk_load(handle, ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"{path}: cannot read the graph: {exc}") from None
    return store


def _term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def run_query(path: Path, query: str, fmt: str = "table") -> str:
    """Run `query` over the Turtle file at `path`; SELECT/ASK results as a table, CSV or JSON,
    CONSTRUCT/DESCRIBE results as Turtle."""
    store = load(path)
    try:
        result = store.query(query)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None
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
    return text_table(names, rows)
