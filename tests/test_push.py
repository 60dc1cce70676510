"""`kg push` into a real, writable Oxigraph server on localhost over the Graph Store Protocol."""

from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from kg.cli import main
from kg.push import PASSWORD_ENV, TOKEN_ENV, target_url
from tests.servers import free_port, http, oxigraph_server

NAMED = "https://example.org/graphs/seed"


def file_triples(path: Path) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def kg_push(*args: str, env: dict[str, str] | None = None) -> Result:
    """`kg push ARGS` as the user types it, with no secret in the environment but `env`'s."""
    clean: dict[str, str | None] = {PASSWORD_ENV: None, TOKEN_ENV: None, **(env or {})}
    return CliRunner().invoke(main, ["push", *args], env=clean)


def triples_in(base: str, graph: str | None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
    status, _, body = http(
        f"{base}/query?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def graph(seed_out: Path) -> Path:
    return seed_out / "graph.ttl"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[str]:
    with oxigraph_server(tmp_path / "oxigraph") as base:
        yield base


def test_replace_add_and_replace_again(store: str, graph: Path) -> None:
    expected = file_triples(graph)
    done = kg_push(str(graph), "--endpoint", f"{store}/store", "--graph", NAMED)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.strip() == (
        f"pushed {expected} triples: replaced graph <{NAMED}> at {store}/store"
    )
    assert triples_in(store, NAMED) == expected
    assert triples_in(store, None) == 0  # nothing leaked into the default graph

    for _ in range(2):
        done = kg_push(str(graph), "--endpoint", f"{store}/store", "--graph", NAMED, "--add")
        assert done.exit_code == 0, done.stderr
        assert "added to graph" in done.stdout
    # The graph has no blank nodes, so adding the same triples again changes nothing;
    # a blank node would be a new one on every add.
    assert triples_in(store, NAMED) == expected

    extra = graph.parent / "extra.ttl"
    extra.write_text("<https://example.org/a> <https://example.org/b> 1 .\n", "utf-8")
    done = kg_push(str(extra), "--endpoint", f"{store}/store", "--graph", NAMED, "--add")
    assert done.exit_code == 0, done.stderr
    assert triples_in(store, NAMED) == expected + 1
    done = kg_push(str(graph), "--endpoint", f"{store}/store", "--graph", NAMED, "--replace")
    assert done.exit_code == 0, done.stderr
    assert triples_in(store, NAMED) == expected


def test_default_graph(store: str, graph: Path) -> None:
    done = kg_push(str(graph), "--endpoint", f"{store}/store")
    assert done.exit_code == 0, done.stderr
    assert "the default graph" in done.stdout
    assert triples_in(store, None) == file_triples(graph)


def test_an_unreachable_endpoint_fails_with_one_line(graph: Path) -> None:
    port = free_port()  # nothing listens there
    done = kg_push(str(graph), "--endpoint", f"http://127.0.0.1:{port}/store")
    assert done.exit_code == 1
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"Error: http://127.0.0.1:{port}/store: cannot reach the endpoint: Connection refused"
    ]


def test_an_endpoint_that_never_answers_times_out(graph: Path) -> None:
    with socket.socket() as silent:  # the kernel accepts the connection; nobody reads
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/store"
        done = kg_push(str(graph), "--endpoint", url, "--timeout", "1")
    assert done.exit_code == 1
    assert done.stderr.strip() == f"Error: {url}: no answer within 1 s"


def test_a_4xx_fails_with_the_status_and_the_servers_words(store: str, graph: Path) -> None:
    done = kg_push(str(graph), "--endpoint", f"{store}/nonexistent", "--graph", NAMED)
    assert done.exit_code == 1 and done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"Error: {store}/nonexistent: PUT refused: HTTP 404 ")
    # A body that is not Turtle is the server's 400, not a success.
    bad = graph.parent / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/b> 1 .\n", "utf-8")
    done = kg_push(str(bad), "--endpoint", f"{store}/store?graph=%20bad", "--add")
    assert done.exit_code == 1
    assert "HTTP 400" in done.stderr


def test_bad_input_fails_before_sending(tmp_path: Path, graph: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", "utf-8")
    port = free_port()
    done = kg_push(str(broken), "--endpoint", f"http://127.0.0.1:{port}/store")
    assert done.exit_code == 1 and f"{broken}: not valid Turtle" in done.stderr
    done = kg_push(str(graph), "--endpoint", "http://127.0.0.1:1/s", "--graph", "no iri")
    assert done.exit_code == 1 and "not an absolute IRI" in done.stderr
    done = kg_push(str(graph), "--endpoint", "http://bob:hunter2@127.0.0.1:1/store")
    assert done.exit_code == 1 and "hunter2" not in done.stderr + done.stdout
    done = kg_push(str(graph), "--endpoint", "http://127.0.0.1:1/store", "--user", "bob")
    assert done.exit_code == 1 and "KG_PUSH_PASSWORD" in done.stderr


class _Recorder(BaseHTTPRequestHandler):
    """Accepts every upload and keeps what arrived: the client is what is under test."""

    seen: ClassVar[list[tuple[str, str, dict[str, str], bytes]]] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _accept(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append((self.command, self.path, dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _accept


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[tuple[str, str, dict[str, str], bytes]]]]:
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    finally:
        server.shutdown()
        server.server_close()


def test_token_and_basic_auth_are_sent_as_headers_and_never_printed(
    recorder: tuple[str, list[tuple[str, str, dict[str, str], bytes]]], graph: Path
) -> None:
    base, seen = recorder
    done = kg_push(
        str(graph), "--endpoint", f"{base}/ds/data", env={"KG_PUSH_TOKEN": "t0ken-s3cret"}
    )
    assert done.exit_code == 0, done.stderr
    method, path, headers, body = seen[-1]
    assert (method, path) == ("PUT", "/ds/data?default")
    assert headers["Authorization"] == "Bearer t0ken-s3cret"
    assert headers["Content-Type"].startswith("text/turtle")
    assert body == graph.read_bytes()

    done = kg_push(
        str(graph),
        "--endpoint",
        f"{base}/ds/data",
        "--graph",
        NAMED,
        "--add",
        "--user",
        "bob",
        env={"KG_PUSH_PASSWORD": "pa55-s3cret"},
    )
    assert done.exit_code == 0, done.stderr
    method, path, headers, _ = seen[-1]
    assert method == "POST"
    assert path == f"/ds/data?graph={urllib.parse.quote(NAMED, safe='')}"
    assert headers["Authorization"] == "Basic Ym9iOnBhNTUtczNjcmV0"  # bob:pa55-s3cret
    assert "s3cret" not in done.stdout + done.stderr


def test_target_url() -> None:
    assert target_url("http://h/store", None) == "http://h/store?default"
    assert target_url("http://h/ds?x=1", "https://e.org/g#a") == (
        "http://h/ds?x=1&graph=https%3A%2F%2Fe.org%2Fg%23a"
    )
