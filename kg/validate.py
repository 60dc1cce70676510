"""Check a graph against `ontology/shapes.ttl` (SHACL) with pySHACL: what every export must hold.

The graph is read together with `ontology/kg.ttl`, so a shape can ask whether an event's class
is one the ontology defines; there is no inference (RDFS or OWL), which keeps large graphs
quick and means a shape sees exactly the triples written. The data sits in an Oxigraph store,
which pySHACL queries directly: its SPARQL constraints run once per focus node, and rdflib's
engine would parse each of those queries anew (30 s on the five seed articles, against 2 s).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from pyshacl.graph_abstraction import OxigraphDataGraph
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import ValidationError
from kg.lexicon import DEFAULT_DIR
from kg.terms import KG, PREFIXES, RDF

__all__ = ["SHAPES", "Report", "Violation", "format_report", "validate"]

SHAPES = DEFAULT_DIR / "shapes.ttl"
ONTOLOGY = DEFAULT_DIR / "kg.ttl"
# What the summary counts, so a graph that conforms because it is empty says so.
_COUNTED = (
    ("articles", KG.Article),
    ("events", KG.Event),
    ("mentions", KG.Mention),
    ("statements", RDF.Statement),
)
_DISPLAY = {**PREFIXES, "sh": str(SH)}


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the focus node, the property path ("" when the constraint is about
    the node as a whole), the shape's message, and the severity (Violation, Warning, Info),
    IRIs written with the graph's prefixes (`res:event/...`, `kg:begin`)."""

    node: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        where = f"{self.node} {self.path}" if self.path else self.node
        return f"{self.severity}: {where}: {self.message}"


@dataclass(frozen=True)
class Report:
    """Whether a graph conforms, each result (sorted), and how many nodes of each kind the
    graph holds."""

    conforms: bool
    violations: tuple[Violation, ...]
    counts: tuple[tuple[str, int], ...]  # ("articles", 5), ("events", 61), ...

    def summary(self, graph: Path | str) -> str:
        """One line: conforms (with what was checked), or how many results there are."""
        counted = ", ".join(f"{n} {what}" for what, n in self.counts)
        if self.conforms:
            return f"{graph}: conforms ({counted})"
        return f"{graph}: does not conform: {len(self.violations)} result(s) ({counted})"


def _missing(path: Path, what: str) -> None:
    if not path.is_file():
        hint = " (write one with `kg build`)" if what == "graph" else ""
        raise ValidationError(f"{path}: no such {what} file{hint}")


def _problem(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _load(store: ox.Store, path: Path, what: str) -> None:
    _missing(path, what)
    try:
        with path.open("rb") as handle:
            store.bulk_load(handle, ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, OSError) as exc:
        raise ValidationError(
            f"{path}: cannot read the {what} as Turtle: {_problem(exc)}"
        ) from None


def _parse(graph: rdflib.Graph, path: Path, what: str) -> None:
    _missing(path, what)
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises assorted errors (BadSyntax, ValueError, ...)
        raise ValidationError(
            f"{path}: cannot read the {what} as Turtle: {_problem(exc)}"
        ) from None


class _DataGraph(OxigraphDataGraph):
    """pySHACL's view of an Oxigraph store, always true. pySHACL writes `datagraph or shapes`
    for every result it reports, and the truth of its Oxigraph graph is `len()`, a count of
    every triple: 160 results on a 90,000-triple graph took two minutes."""

    def __bool__(self) -> bool:
        return True


def _count(store: ox.Store, cls: str) -> int:
    query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{cls}> }}"
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    return int(next(iter(result))["n"].value)


def _show(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        for prefix, iri in sorted(_DISPLAY.items(), key=lambda p: -len(p[1])):
            if node.startswith(iri) and len(node) > len(iri):
                return f"{prefix}:{node[len(iri) :]}"
        return f"<{node}>"
    if isinstance(node, rdflib.BNode):
        return "[]"  # a path expression or a blank node: its id would differ run to run
    return str(node.n3())


def _results(results: rdflib.Graph) -> list[Violation]:
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        found.add(
            Violation(
                node=_show(results.value(result, SH.focusNode)),
                path=_show(results.value(result, SH.resultPath)),
                message=str(message) if message is not None else "",
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            )
        )
    return sorted(found, key=lambda v: (v.node, v.path, v.message, v.severity))


def validate(graph_path: Path, shapes: Path | None = None) -> Report:
    """Check the Turtle file at `graph_path` against `shapes` (default `ontology/shapes.ttl`).
    Raises ValidationError, naming the file, when the graph or the shapes cannot be read."""
    shapes = shapes or SHAPES
    data = ox.Store()
    _load(data, graph_path, "graph")
    counts = tuple((what, _count(data, cls)) for what, cls in _COUNTED)
    _load(data, ONTOLOGY, "ontology")
    shacl = rdflib.Graph()
    _parse(shacl, shapes, "shapes")
    try:
        conforms, results, _ = pyshacl.validate(
            _DataGraph(data),
            shacl_graph=shacl,
            inference="none",
            inplace=True,  # the graph is ours: no copy of a large graph
            allow_warnings=True,
            allow_infos=True,
        )
    except Exception as exc:  # pySHACL reports a malformed shapes graph with its own errors
        raise ValidationError(
            f"{shapes}: cannot check with these shapes: {_problem(exc)}"
        ) from None
    assert isinstance(results, rdflib.Graph)
    return Report(bool(conforms), tuple(_results(results)), counts)


def format_report(report: Report) -> str:
    """The results, one a line."""
    return "".join(f"{v}\n" for v in report.violations)
