"""Uploading a graph file into any store that speaks the SPARQL 1.1 Graph Store HTTP Protocol
(Fuseki, GraphDB, Oxigraph, ...): PUT replaces a graph, POST adds to it.

Secrets come from the environment only (KG_PUSH_PASSWORD for basic auth with a user name,
KG_PUSH_TOKEN for a bearer token), so that they never sit in a shell history or a process list,
and no message here ever contains one.
"""

from __future__ import annotations

import base64
import os
import socket
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from http.client import HTTPException
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from kg.errors import PushError

__all__ = ["PASSWORD_ENV", "TOKEN_ENV", "PushReport", "push"]

PASSWORD_ENV = "KG_PUSH_PASSWORD"
TOKEN_ENV = "KG_PUSH_TOKEN"
DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True)
class PushReport:
    """What a successful push did."""

    url: str
    method: str  # PUT (replace) or POST (add)
    graph: str | None  # the named graph, None for the default graph
    triples: int
    status: int


def _count_triples(path: Path) -> int:
    """Parse the whole file first: a broken file fails here, before anything is sent."""
    try:
        return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, ValueError) as exc:
        raise PushError(f"{path}: not valid Turtle: {exc}") from None
    except OSError as exc:
        raise PushError(f"{path}: cannot read: {exc.strerror or exc}") from None


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL for `graph` (`?graph=IRI`, or `?default`) at `endpoint`."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"{endpoint}: the endpoint must be an http:// or https:// URL")
    if parts.username is not None or parts.password is not None:
        # Say so without repeating the URL: it holds a secret.
        raise PushError(
            f"the endpoint URL must not hold credentials: use --user and {PASSWORD_ENV}"
        )
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as exc:
            raise PushError(f"{graph}: not an absolute IRI: {exc}") from None
    param = "default" if graph is None else "graph=" + quote(graph, safe="")
    return f"{endpoint}{'&' if parts.query else '?'}{param}"


def _authorization(user: str | None, environ: Mapping[str, str]) -> str | None:
    if user is not None:
        password = environ.get(PASSWORD_ENV)
        if password is None:
            raise PushError(
                f"--user {user} needs the password in the environment as {PASSWORD_ENV}"
            )
        pair = f"{user}:{password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    token = environ.get(TOKEN_ENV)
    return f"Bearer {token}" if token else None


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace")
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line[:200]


def push(
    graph_file: Path,
    endpoint: str,
    graph: str | None = None,
    replace: bool = True,
    user: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    environ: Mapping[str, str] | None = None,
) -> PushReport:
    """Upload the Turtle file `graph_file` to the Graph Store endpoint (for instance
    http://localhost:3030/ds/data or http://localhost:7878/store), into the named graph
    `graph` or the default graph: PUT replaces its content, POST (`replace=False`) adds to it.
    Raises PushError, naming the endpoint and the problem, on any failure."""
    env = os.environ if environ is None else environ
    url = target_url(endpoint, graph)
    triples = _count_triples(graph_file)
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    authorization = _authorization(user, env)
    if authorization:
        headers["Authorization"] = authorization
    method = "PUT" if replace else "POST"
    request = urllib.request.Request(url, graph_file.read_bytes(), headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
            response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            detail = _first_line(exc.read(65536))
        reason = f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")
        raise PushError(f"{endpoint}: {method} refused: {reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise PushError(f"{endpoint}: no answer within {timeout:g} s") from None
        raise PushError(f"{endpoint}: cannot reach the endpoint: {_reason(exc.reason)}") from None
    except TimeoutError:
        raise PushError(f"{endpoint}: no answer within {timeout:g} s") from None
    except (OSError, HTTPException) as exc:
        raise PushError(f"{endpoint}: the connection failed: {exc}") from None
    if not 200 <= status < 300:  # urllib follows no redirect for PUT/POST; anything else fails
        raise PushError(f"{endpoint}: {method} answered HTTP {status}, not success")
    return PushReport(url, method, graph, triples, status)


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return f"unknown host ({reason.strerror})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)
