"""`kg serve` under hostile requests: malformed HTTP, garbage and enormous queries, invalid
UTF-8, a query that never ends, 200 clients at once. Every one gets an answer, none a 5xx but
the documented 503 of a query over the time limit, and the server answers normally after."""

from __future__ import annotations

import contextlib
import json
import socket
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kg.serve import LIMIT_STATUS
from tests.servers import Running, http, kg_serve, sparql

TIMEOUT = 3  # the server's query time limit in these tests
# Every triple with every triple, five deep: 6,000 ** 5 rows to count. It never ends.
EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(5)) + " }"
)


@pytest.fixture(scope="module")
def endpoint(seed_out: Path) -> Iterator[Running]:
    with kg_serve(seed_out / "graph.ttl", "--timeout", str(TIMEOUT), "--workers", "3") as running:
        yield running


def healthy(url: str) -> bool:
    return bool(json.loads(sparql(url, "ASK { ?s ?p ?o }"))["boolean"])


def raw(url: str, data: bytes, timeout: float = 60) -> bytes:
    """Send bytes as they are; everything the server sends back until it closes."""
    parts = urllib.parse.urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        with contextlib.suppress(OSError):  # the server may have answered and closed already
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"HELLO\r\n\r\n",
        b"GET /query?query=ASK%7B%7D HTTP/1.1 trailing words\r\n\r\n",
        b"\x00\xff\xfe\xfd garbage \x80\r\n\r\n",
        b"GET /query?query=ASK%7B%7D HTTP/banana\r\n\r\n",
        b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(500)) + b"\r\n",
        b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n",
        b"POST /query HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n\r\n",
    ],
)
def test_broken_http_gets_a_4xx(endpoint: Running, request_bytes: bytes) -> None:
    response = raw(endpoint.url, request_bytes)
    assert 400 <= status_of(response) < 500, response[:200]
    assert healthy(endpoint.url)


@pytest.mark.parametrize(
    "query_string",
    [
        "query=%%%zz%%",
        "query=SELECT",
        "query=%FF%FE%FD",  # invalid UTF-8 once decoded
        "query=ASK%7B%7D&query=ASK%7B%7D",
        "&&&===&&&",
        "",
        "query=" + urllib.parse.quote("ASK {" + "(" * 100_000 + "1" + ")" * 100_000 + "}"),
        "query=" + urllib.parse.quote("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> {?s ?p ?o}}"),
        "query=" + urllib.parse.quote("\x00\x01\x02 DROP ALL"),
        "update=" + urllib.parse.quote("DROP ALL"),
    ],
)
def test_garbage_queries_get_a_4xx(endpoint: Running, query_string: str) -> None:
    # The deeply nested one is sent as POST: it does not fit in a request line.
    if len(query_string) > 60_000:
        status, _, body = http(
            endpoint.url,
            query_string.encode(),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
    else:
        status, _, body = http(f"{endpoint.url}?{query_string}")
    assert 400 <= status < 500, (status, body[:200])
    assert healthy(endpoint.url)


def test_invalid_utf8_in_a_posted_query_is_a_400(endpoint: Running) -> None:
    status, _, body = http(
        endpoint.url, b"ASK { \xff\xfe }", {"Content-Type": "application/sparql-query"}
    )
    assert status == 400 and b"UTF-8" in body


def test_an_enormous_query_is_refused_and_a_large_one_answered(endpoint: Running) -> None:
    enormous = b"ASK { " + b" " * (4 << 20) + b"}"
    status, _, body = http(endpoint.url, enormous, {"Content-Type": "application/sparql-query"})
    assert status == 413, body[:200]
    values = " ".join(f'"{i}"' for i in range(60_000))  # about 500 KB
    large = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {values} }} }}"
    status, _, body = http(
        endpoint.url,
        large.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert (status, body.split()) == (200, [b"n", b"60000"])


def test_a_query_that_never_ends_is_stopped_at_the_limit(endpoint: Running) -> None:
    started = time.monotonic()
    status, _, body = http(
        endpoint.url, EXPLOSIVE.encode(), {"Content-Type": "application/sparql-query"}
    )
    took = time.monotonic() - started
    assert status == LIMIT_STATUS, body[:200]
    assert b"longer than 3 s" in body
    assert TIMEOUT <= took < TIMEOUT + 60  # generous: the CI machine is slow and shared
    assert healthy(endpoint.url)
    # The killed worker is replaced: as many never-ending queries as workers, then more, and
    # the endpoint still answers once they are stopped.
    with ThreadPoolExecutor(4) as pool:
        statuses = list(
            pool.map(
                lambda _: http(
                    endpoint.url, EXPLOSIVE.encode(), {"Content-Type": "application/sparql-query"}
                )[0],
                range(4),
            )
        )
    assert statuses == [LIMIT_STATUS] * 4
    assert healthy(endpoint.url)


def test_idle_connections_do_not_block_others(endpoint: Running) -> None:
    parts = urllib.parse.urlsplit(endpoint.url)
    idle = [socket.create_connection((parts.hostname, parts.port), timeout=60) for _ in range(50)]
    try:
        for sock in idle[:25]:
            sock.sendall(b"GET /query?query=ASK")  # half a request line, never finished
        assert healthy(endpoint.url)
    finally:
        for sock in idle:
            sock.close()


def test_200_concurrent_clients_all_answered(endpoint: Running) -> None:
    query = "SELECT ?s WHERE { ?s a ?type } LIMIT 5"
    url = f"{endpoint.url}?{urllib.parse.urlencode({'query': query})}"

    def one(_: int) -> tuple[int, int]:
        status, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
        return status, len(json.loads(body)["results"]["bindings"]) if status == 200 else -1

    with ThreadPoolExecutor(200) as pool:
        answers = list(pool.map(one, range(200)))
    assert answers == [(200, 5)] * 200
    assert healthy(endpoint.url)
