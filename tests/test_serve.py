"""`kg serve`: a real SPARQL 1.1 endpoint over the seed graph, queried over HTTP with urllib."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.serve import is_loopback, negotiate
from tests.servers import (
    ROOT,
    Running,
    free_port,
    http,
    kg_command,
    kg_serve,
    sparql,
    stop,
    wait_until_answers,
)

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CALL = "https://w3id.org/newskg/ontology#Call"


def file_triples(path: Path) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def count(url: str) -> int:
    body = json.loads(sparql(url, COUNT))
    return int(body["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def graph(seed_out: Path) -> Path:
    return seed_out / "graph.ttl"


@pytest.fixture(scope="module")
def endpoint(graph: Path) -> Iterator[Running]:
    with kg_serve(graph) as running:
        yield running


def test_select_answers_json_results_over_the_whole_graph(endpoint: Running, graph: Path) -> None:
    assert count(endpoint.url) == file_triples(graph)
    query = f"SELECT ?e WHERE {{ ?e a <{CALL}> }}"
    status, headers, body = http(
        f"{endpoint.url}?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    assert status == 200
    assert headers["content-type"].startswith("application/sparql-results+json")
    bindings = json.loads(body)["results"]["bindings"]
    assert bindings and all(b["e"]["type"] == "uri" for b in bindings)


def test_post_both_ways_and_other_result_formats(endpoint: Running, graph: Path) -> None:
    expected = str(file_triples(graph))
    status, headers, body = http(
        endpoint.url,
        COUNT.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["n"], [expected]]
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    status, headers, body = http(
        endpoint.url,
        form,
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "text/tab-separated-values",
        },
    )
    assert status == 200 and body.decode().splitlines()[1].startswith(expected)
    xml = sparql(endpoint.url, COUNT, "application/sparql-results+xml")
    assert b"<sparql" in xml and expected.encode() in xml


def test_ask(endpoint: Running) -> None:
    yes = json.loads(sparql(endpoint.url, f"ASK {{ ?e a <{CALL}> }}"))
    no = json.loads(sparql(endpoint.url, "ASK { ?e a <https://example.org/Nothing> }"))
    assert (yes["boolean"], no["boolean"]) == (True, False)


def test_construct_answers_turtle(endpoint: Running) -> None:
    query = f"CONSTRUCT {{ ?e a <{CALL}> }} WHERE {{ ?e a <{CALL}> }}"
    status, headers, body = http(
        f"{endpoint.url}?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "text/turtle"},
    )
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    assert triples and {t.object.value for t in triples} == {CALL}
    ntriples = sparql(endpoint.url, query, "application/n-triples")
    assert len(ntriples.decode().splitlines()) == len(triples)


def test_cors_on_a_get_and_a_preflight(endpoint: Running) -> None:
    origin = {"Origin": "https://yasgui.example"}
    status, headers, _ = http(
        f"{endpoint.url}?{urllib.parse.urlencode({'query': 'ASK {}'})}", headers=origin
    )
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    status, headers, _ = http(
        endpoint.url,
        method="OPTIONS",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert status == 204
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()


def test_updates_are_refused_and_change_nothing(endpoint: Running, graph: Path) -> None:
    update = b"INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }"
    base = endpoint.url.removesuffix("/query")
    refused = [
        http(endpoint.url, update, {"Content-Type": "application/sparql-update"}),
        http(f"{base}/update", update, {"Content-Type": "application/sparql-update"}),
        http(
            f"{base}/update",
            b"update=" + urllib.parse.quote_from_bytes(update).encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        ),
        http(f"{base}/store?default", b"<a:b> <a:c> <a:d> .", {"Content-Type": "text/turtle"}),
        http(
            f"{base}/store?default",
            b"<a:b> <a:c> <a:d> .",
            {"Content-Type": "text/turtle"},
            method="PUT",
        ),
        http(f"{base}/query", method="DELETE"),
    ]
    assert all(400 <= status < 500 for status, _, _ in refused), [s for s, _, _ in refused]
    assert count(endpoint.url) == file_triples(graph)
    assert not json.loads(sparql(endpoint.url, "ASK { <https://example.org/a> ?p ?o }"))["boolean"]


def test_a_syntax_error_and_an_unacceptable_format_are_4xx(endpoint: Running) -> None:
    status, _, body = http(f"{endpoint.url}?query=SELEKT")
    assert status == 400 and b"syntax" in body
    status, _, _ = http(
        f"{endpoint.url}?{urllib.parse.urlencode({'query': 'ASK {}'})}",
        headers={"Accept": "image/png"},
    )
    assert status == 406


def test_port_in_use_is_one_line_and_exit_1(graph: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run(
            kg_command("serve", str(graph), "--port", str(port)),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]


def test_a_missing_graph_is_one_line_and_exit_1(tmp_path: Path) -> None:
    done = subprocess.run(
        kg_command("serve", str(tmp_path / "none.ttl"), "--port", str(free_port())),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: {tmp_path / 'none.ttl'}: no such file"


def test_sigterm_stops_it_and_removes_the_temporary_store(graph: Path, tmp_path: Path) -> None:
    with kg_serve(graph, env={"TMPDIR": str(tmp_path)}) as running:
        assert count(running.url) > 0
        assert [p.name[:9] for p in tmp_path.iterdir()] == ["kg-serve-"]
        running.stop()
    assert running.process.returncode == 0, running.stderr
    assert running.stdout.startswith(f"SPARQL endpoint at {running.url} ")
    assert list(tmp_path.iterdir()) == []


def test_negotiate_ranks_by_quality_then_our_order() -> None:
    offers = {"application/sparql-results+json": 1, "text/csv": 2, "text/tab-separated-values": 3}
    assert negotiate("", offers) == ("application/sparql-results+json", 1)
    assert negotiate("text/csv", offers) == ("text/csv", 2)
    assert negotiate("text/*;q=0.9, application/json;q=0.1", offers) == ("text/csv", 2)
    assert negotiate("*/*;q=0.1, text/tab-separated-values", offers) == (
        "text/tab-separated-values",
        3,
    )
    assert negotiate("text/csv;q=0, */*", offers) == ("application/sparql-results+json", 1)
    assert negotiate("image/png", offers) is None


def test_loopback_hosts() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.4", "example.org", "::"]))


def test_ctrl_c_stops_it_and_removes_the_temporary_store(graph: Path, tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        kg_command("serve", str(graph), "--port", str(port)),
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal's job
    )
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/", process)
        assert list(tmp_path.iterdir())
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does: the server and its workers
        out, err = process.communicate(timeout=60)
    finally:
        stop(process)
    assert process.returncode == 0 and err == b"", err
    assert out.decode().startswith("SPARQL endpoint at ")
    assert list(tmp_path.iterdir()) == []


def test_a_non_loopback_host_is_warned_about(graph: Path) -> None:
    # 192.0.2.1 is reserved for documentation: no machine has it, so nothing is exposed here.
    done = subprocess.run(
        kg_command("serve", str(graph), "--host", "192.0.2.1", "--port", str(free_port())),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1
    assert lines[0] == "warning: 192.0.2.1 is not a loopback address: other machines can query"
    assert lines[1].startswith("Error: cannot listen on 192.0.2.1:")
