"""Evaluating one SPARQL query for `kg serve`, and the worker process that does it.

This module imports nothing of kg's, only pyoxigraph and the standard library, so that a worker
started as `python -I kg/sparql_worker.py STORE FD MAX_BYTES` is up in a few hundredths of a
second (importing the `kg` package would load spaCy). The server and the worker pass plain
tuples over a socket pair: (query, accept, default graphs, named graphs) one way,
(status, content type, body) the other.
"""

from __future__ import annotations

import io
import re
import signal
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

import pyoxigraph as ox

__all__ = ["LIMIT_STATUS", "MAX_RESULT_BYTES", "Reply", "SparqlRequest", "evaluate", "negotiate"]

# The one 5xx a well-formed request can get: the query ran out of time or its result out of
# room. Fuseki answers a timed-out query with the same status.
LIMIT_STATUS = 503
MAX_RESULT_BYTES = 64 << 20
# pyoxigraph's recursive-descent parser overflows its stack somewhere between 2,000 and 5,000
# nested brackets; refuse long before that.
MAX_NESTING = 500

_SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}

T = TypeVar("T")


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type and the whole body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


@dataclass(frozen=True)
class SparqlRequest:
    """One SPARQL query as the protocol delivers it."""

    query: str
    accept: str = ""
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def negotiate(accept: str, offers: Mapping[str, T]) -> tuple[str, T] | None:
    """The offered media type the Accept header ranks highest (the first offer breaks ties
    and answers an empty header), or None if the header accepts none of them."""
    ranges: list[tuple[str, float]] = []
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    if not ranges:
        first = next(iter(offers))
        return first, offers[first]
    best: tuple[float, str] | None = None
    for offer in offers:
        kind = offer.split("/")[0]
        # The most specific range that matches decides the offer's quality.
        found = [
            (3 if media == offer else 2 if media == f"{kind}/*" else 1, quality)
            for media, quality in ranges
            if media in (offer, f"{kind}/*", "*/*")
        ]
        if not found:
            continue
        quality = max(found)[1]
        if quality > 0 and (best is None or quality > best[0]):
            best = (quality, offer)
    return None if best is None else (best[1], offers[best[1]])


_HIDDEN = re.compile(
    r"""'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>|\#[^\n]*""",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w:?$.-])service(?![\w:.-])", re.IGNORECASE)


def refusal(query: str) -> str | None:
    """Why the query is refused before it reaches the engine, if it is."""
    bare = _HIDDEN.sub(" ", query)  # strings, IRIs and comments can say anything
    if _SERVICE.search(bare):
        return "SERVICE (federated query) is disabled: this endpoint never reaches the network"
    depth = deepest = 0
    for char in bare:
        if char in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")}]":
            depth -= 1
    if deepest > MAX_NESTING:
        return f"the query nests brackets {deepest} deep; the limit is {MAX_NESTING}"
    return None


class _TooLarge(Exception):
    pass


class _CappedBuffer(io.BytesIO):
    """A write target that gives up once the result passes the size limit."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: Any, /) -> int:
        if self.tell() + memoryview(data).nbytes > self.limit:
            raise _TooLarge
        return super().write(data)


def evaluate(store: ox.Store, request: SparqlRequest, max_bytes: int = MAX_RESULT_BYTES) -> Reply:
    """Run one query on `store` and serialise the result as the request's Accept header asks
    (SELECT/ASK: SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE: Turtle, N-Triples, RDF/XML,
    JSON-LD). Every failure is a Reply, never an exception."""
    refused = refusal(request.query)
    if refused:
        return Reply.text(400, refused)
    try:
        default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = [
            ox.NamedNode(iri) for iri in request.default_graphs
        ] or None
        named: list[ox.NamedNode | ox.BlankNode] | None = [
            ox.NamedNode(iri) for iri in request.named_graphs
        ] or None
    except ValueError as exc:
        return Reply.text(400, f"bad graph IRI: {exc}")
    try:
        result = store.query(request.query, default_graph=default, named_graphs=named)
    except SyntaxError as exc:
        return Reply.text(400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError) as exc:
        return Reply.text(400, f"query failed: {exc}")
    offers: Mapping[str, Any] = (
        _GRAPH_FORMATS if isinstance(result, ox.QueryTriples) else _SOLUTION_FORMATS
    )
    chosen = negotiate(request.accept, offers)
    if chosen is None:
        return Reply.text(406, "none of the accepted media types fits: try " + ", ".join(offers))
    media, fmt = chosen
    out = _CappedBuffer(max_bytes)
    try:
        result.serialize(out, format=fmt)
    except _TooLarge:
        return Reply.text(
            LIMIT_STATUS, f"the result is larger than {max_bytes >> 20} MB: add a LIMIT"
        )
    except (OSError, ValueError) as exc:
        return Reply.text(400, f"query failed: {exc}")
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Reply(200, media + charset, out.getvalue())


def _main(argv: list[str]) -> None:
    store_dir, fd, max_bytes = argv[1], int(argv[2]), int(argv[3])
    # Ctrl-C reaches the whole process group; the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn = Connection(fd)
    try:
        store = ox.Store.read_only(store_dir)
    except OSError as exc:
        conn.send(str(exc))
        return
    conn.send(None)
    while True:
        try:
            query, accept, default_graphs, named_graphs = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        reply = evaluate(
            store, SparqlRequest(query, accept, default_graphs, named_graphs), max_bytes
        )
        conn.send((reply.status, reply.content_type, reply.body))


if __name__ == "__main__":
    _main(sys.argv)
