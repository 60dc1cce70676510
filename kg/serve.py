"""A read-only SPARQL 1.1 endpoint over a graph file on localhost, for browser tools and scripts.

The HTTP side is the standard library's ThreadingHTTPServer speaking the SPARQL 1.1 Protocol
(GET ?query=, POST application/sparql-query and form-encoded, content negotiation, CORS). The
queries run on pyoxigraph in worker processes (`kg/sparql_worker.py`), each over the same
read-only on-disk store, and the server kills a worker whose query outlives the time limit and
starts another.

Why not Oxigraph's own `oxigraph serve-read-only`: its `--timeout-s` only cancels at points the
engine checks, and a COUNT over a cross product of all triples ran on for ten minutes under a
2 s limit; a query nested a few thousand brackets deep overflows the engine's stack, which in a
single server process takes the endpoint down; and it answers SERVICE clauses by fetching from
the network. Worker processes make the time limit and a crash the worker's problem, not the
server's, and SERVICE is refused before a query reaches the engine.
"""

from __future__ import annotations

import contextlib
import gc
import ipaddress
import os
import queue
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import types
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import ServeError
from kg.sparql_worker import (
    LIMIT_STATUS,
    MAX_RESULT_BYTES,
    Reply,
    SparqlRequest,
    evaluate,
    negotiate,
)

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "LIMIT_STATUS",
    "Endpoint",
    "Reply",
    "SparqlRequest",
    "evaluate",
    "is_loopback",
    "negotiate",
    "serve",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
MAX_QUERY_BYTES = 1 << 20
# A request body over the query limit is still read and thrown away up to this size, so that the
# client gets its 413 instead of a reset connection.
_MAX_DRAIN = 64 << 20
_QUERY_PATHS = ("/query", "/sparql")


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine only (so nothing else on the network can connect)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


_WORKER_SCRIPT = Path(__file__).with_name("sparql_worker.py")


class _Worker:
    """One `sparql_worker.py` process and the server's end of its socket pair."""

    def __init__(self, store_dir: Path, max_bytes: int) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            fd = theirs.fileno()
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-I",
                    str(_WORKER_SCRIPT),
                    str(store_dir),
                    str(fd),
                    str(max_bytes),
                ],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        self.conn = Connection(ours.detach())

    def wait_ready(self, timeout: float) -> None:
        try:
            ready = self.conn.poll(timeout)
            problem = self.conn.recv() if ready else "did not start in time"
        except (EOFError, OSError):
            problem = "exited while starting"
        if problem is not None:
            self.stop()
            raise ServeError(f"query worker: {problem}")

    def ask(self, request: SparqlRequest, timeout: float) -> Reply | None:
        """The worker's reply, or None if it took longer than `timeout` seconds. EOFError or
        OSError if it died on the query."""
        self.conn.send(
            (request.query, request.accept, request.default_graphs, request.named_graphs)
        )
        if not self.conn.poll(timeout):
            return None
        status, content_type, body = self.conn.recv()
        return Reply(status, content_type, body)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.conn.close()


class _Workers:
    """Query worker processes, each lent to one request at a time."""

    def __init__(self, store_dir: Path, size: int, timeout: float, max_bytes: int) -> None:
        self.store_dir = store_dir
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.all: set[_Worker] = set()
        self.lock = threading.Lock()
        self.closed = False
        started = [self._start() for _ in range(size)]
        for worker in started:
            worker.wait_ready(120)
            self.idle.put(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self.store_dir, self.max_bytes)
        with self.lock:
            if self.closed:  # stopped while this one was starting
                worker.stop()
                raise ServeError("the endpoint is closed")
            self.all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        with self.lock:
            self.all.discard(worker)
            if self.closed:
                return

        def replace() -> None:
            for attempt in range(3):
                try:
                    fresh = self._start()
                    fresh.wait_ready(120)
                except ServeError as exc:
                    if self.closed:
                        return
                    print(f"kg serve: {exc}", file=sys.stderr)
                    time.sleep(1 + attempt)
                    continue
                self.idle.put(fresh)
                return

        threading.Thread(target=replace, daemon=True).start()

    def run(self, request: SparqlRequest) -> Reply:
        """Evaluate on the next idle worker, killing it if the query outlives the limit."""
        try:
            # Every running query ends within the limit, so a long wait means a long queue.
            worker = self.idle.get(timeout=max(60, 4 * self.timeout))
        except queue.Empty:
            return Reply.text(LIMIT_STATUS, "every query worker is busy: try again later")
        try:
            reply = worker.ask(request, self.timeout)
            if reply is not None:
                self.idle.put(worker)
                return reply
        except (EOFError, OSError):
            self._retire(worker)
            return Reply.text(500, "the query engine crashed on this query")
        self._retire(worker)
        return Reply.text(LIMIT_STATUS, f"the query ran longer than {self.timeout:g} s")

    def close(self) -> None:
        with self.lock:
            self.closed = True
            workers = list(self.all)
            self.all.clear()
        for worker in workers:
            worker.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # A request too broken to name its HTTP version still gets a status line (the standard
    # library would answer it as HTTP/0.9: a bare body a client cannot tell from an answer).
    default_request_version = "HTTP/1.0"
    server_version = "kg-serve"
    # A client that goes quiet mid-request loses its connection instead of holding a thread.
    timeout = 60
    server: _HttpServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a busy endpoint would flood the terminal."""

    def _send(self, reply: Reply, allow: str | None = None) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        if allow:
            self.send_header("Allow", allow)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _path(self) -> str:
        return urlsplit(self.path).path

    def do_OPTIONS(self) -> None:
        """CORS preflight, so that browser SPARQL tools on other origins can POST."""
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        requested = self.headers.get("Access-Control-Request-Headers")
        self.send_header("Access-Control-Allow-Headers", requested or "Accept, Content-Type")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        if self._path() == "/":
            self._send(self._home())
        else:
            self._send(Reply.text(405, "HEAD is only for /"), allow="GET, POST, OPTIONS")

    def do_GET(self) -> None:
        path = self._path()
        if path == "/":
            self._send(self._home())
        elif path in _QUERY_PATHS:
            self._send(self._query(urlsplit(self.path).query.encode("latin-1")))
        elif path == "/update" or path.startswith("/store"):
            self._send(Reply.text(403, "this endpoint is read-only"))
        else:
            self._send(Reply.text(404, f"no such path; query at {_QUERY_PATHS[0]}"))

    def do_POST(self) -> None:
        path = self._path()
        body = self._body()
        if body is None:
            return
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if path == "/update" or path.startswith("/store") or media == "application/sparql-update":
            self._send(Reply.text(403, "this endpoint is read-only"))
        elif path not in _QUERY_PATHS:
            self._send(Reply.text(404, f"no such path; query at {_QUERY_PATHS[0]}"))
        elif media == "application/sparql-query":
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                self._send(Reply.text(400, "the query is not valid UTF-8"))
                return
            self._send(self._query(urlsplit(self.path).query.encode("latin-1"), text))
        elif media == "application/x-www-form-urlencoded":
            both = urlsplit(self.path).query.encode("latin-1") + b"&" + body
            self._send(self._query(both))
        else:
            self._send(
                Reply.text(
                    415,
                    "send the query as application/sparql-query or "
                    "application/x-www-form-urlencoded",
                )
            )

    def _refuse_write(self) -> None:
        self._send(Reply.text(405, "this endpoint is read-only"), allow="GET, POST, OPTIONS")

    do_PUT = do_DELETE = do_PATCH = _refuse_write

    def _body(self) -> bytes | None:
        """The request body, or None once an error has been sent for it."""
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True  # the unread body would be taken for the next request
            self._send(Reply.text(411, "send a Content-Length, not a chunked body"))
            return None
        raw = self.headers.get("Content-Length")
        try:
            length = int(raw) if raw is not None else -1
        except ValueError:
            length = -2
        if length < 0:
            self.close_connection = True
            self._send(Reply.text(400 if length == -2 else 411, "a valid Content-Length needed"))
            return None
        if length > MAX_QUERY_BYTES:
            if length <= _MAX_DRAIN:
                remaining = length
                while remaining > 0:
                    chunk = self.rfile.read(min(remaining, 1 << 16))
                    if not chunk:
                        break
                    remaining -= len(chunk)
            else:
                self.close_connection = True
            self._send(Reply.text(413, f"the request is over {MAX_QUERY_BYTES >> 20} MB"))
            return None
        return self.rfile.read(length)

    def _query(self, encoded: bytes, text: str | None = None) -> Reply:
        try:
            params = parse_qs(encoded.decode("utf-8"), errors="strict", max_num_fields=1000)
        except UnicodeDecodeError:
            return Reply.text(400, "the request's parameters are not valid UTF-8")
        except ValueError as exc:
            return Reply.text(400, f"bad parameters: {exc}")
        if "update" in params:
            return Reply.text(403, "this endpoint is read-only")
        queries = params.get("query", [])
        if text is not None:
            queries = [text, *queries]
        if len(queries) != 1:
            return Reply.text(400, "give exactly one query (the `query` parameter)")
        if len(queries[0].encode("utf-8")) > MAX_QUERY_BYTES:
            return Reply.text(413, f"the query is over {MAX_QUERY_BYTES >> 20} MB")
        request = SparqlRequest(
            queries[0],
            self.headers.get("Accept") or "",
            tuple(params.get("default-graph-uri", ())),
            tuple(params.get("named-graph-uri", ())),
        )
        return self.server.workers.run(request)

    def _home(self) -> Reply:
        return Reply.text(
            200,
            f"kg SPARQL endpoint (read-only) over {self.server.graph_name}: GET or POST SPARQL "
            f"1.1 queries to {_QUERY_PATHS[0]}",
        )


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the default 5 refuses connections under a burst of clients
    # One thread per open connection, up to this many; more wait in the kernel's queue.
    max_connections = 1000
    workers: _Workers
    graph_name: str

    def server_activate(self) -> None:
        super().server_activate()
        self._slots = threading.BoundedSemaphore(self.max_connections)

    def process_request(self, request: Any, client_address: Any) -> None:
        # ThreadingMixIn.process_request with a slot: the thread gives the slot back when it
        # ends, so it is given back here only for a thread that never ran. Ctrl-C landing just
        # after the thread started released it twice ("Semaphore released too many times").
        self._slots.acquire()
        thread = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        try:
            thread.start()
        except BaseException:
            if thread.ident is None:
                self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name; nothing here needs it.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def shutdown_request(self, request: Any) -> None:
        # Read on for a moment what the client still sends before closing: closing a socket
        # with unread input resets the connection, and the client loses the answer (a 414 for
        # an overlong request line, say) before it reads it. Apache calls this lingering close.
        with contextlib.suppress(OSError):
            request.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + 2
            drained = 0
            while drained < _MAX_DRAIN and (left := deadline - time.monotonic()) > 0:
                request.settimeout(left)
                chunk = request.recv(1 << 16)
                if not chunk:
                    break
                drained += len(chunk)
        self.close_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        kind = sys.exc_info()[0]
        if kind is not None and issubclass(kind, OSError):  # a client hung up: its business
            return
        print(
            f"kg serve: error answering {client_address[0]}: {sys.exc_info()[1]!r}", file=sys.stderr
        )


class _HttpServer6(_HttpServer):
    address_family = socket.AF_INET6


def _load(graph: Path, store_dir: Path) -> None:
    if not graph.is_file():
        raise ServeError(f"{graph}: no such file")
    fmt = ox.RdfFormat.from_extension(graph.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    store = ox.Store(str(store_dir))
    try:
        with graph.open("rb") as handle:
            store.bulk_load(handle, fmt)
        store.flush()
    except (SyntaxError, ValueError, OSError) as exc:
        raise ServeError(f"{graph}: cannot read the graph: {exc}") from None
    finally:
        # The workers open the store read-only; the writer must let go of it first.
        del store
        gc.collect()


class Endpoint:
    """A running endpoint: bound to its port, the graph loaded into a temporary store, the
    query workers started. Serve with `serve_forever()`, stop with `shutdown()` from another
    thread, release everything with `close()` (or use it as a context manager)."""

    def __init__(
        self,
        graph: Path,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: float = DEFAULT_TIMEOUT,
        workers: int | None = None,
        max_result_bytes: int = MAX_RESULT_BYTES,
    ) -> None:
        if timeout <= 0:
            raise ServeError(f"timeout must be positive, not {timeout:g}")
        server_class = _HttpServer6 if ":" in host else _HttpServer
        try:
            # Bind first: a port in use fails at once, before any loading.
            self._server = server_class((host.strip("[]"), port), _Handler)
        except OSError as exc:
            raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self._store_dir = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        try:
            _load(graph, self._store_dir)
            count = workers if workers is not None else max(2, os.cpu_count() or 2)
            self._workers = _Workers(self._store_dir, max(1, count), timeout, max_result_bytes)
        except BaseException:
            self._server.server_close()
            shutil.rmtree(self._store_dir, ignore_errors=True)
            raise
        self._server.workers = self._workers
        self._server.graph_name = graph.name
        self.timeout = timeout

    @property
    def url(self) -> str:
        """The query URL, with the port the OS chose if port 0 was asked for."""
        host, port = cast("tuple[str, int]", self._server.server_address[:2])
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}{_QUERY_PATHS[0]}"

    def serve_forever(self) -> None:
        self._server.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        self._server.shutdown()

    def close(self) -> None:
        self._server.server_close()
        self._workers.close()
        shutil.rmtree(self._store_dir, ignore_errors=True)

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class _Stop(Exception):
    pass


def _raise_stop(_signum: int, _frame: types.FrameType | None) -> None:
    raise _Stop


@contextlib.contextmanager
def _stopping_on_sigterm() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(
    graph: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int | None = None,
    on_ready: Callable[[str], None] = lambda url: None,
) -> None:
    """Serve `graph` read-only at http://HOST:PORT/query until Ctrl-C or SIGTERM, then stop the
    workers and delete the temporary store. `on_ready` gets the URL once queries are answered."""
    with _stopping_on_sigterm():
        try:
            with Endpoint(graph, host, port, timeout, workers) as endpoint:
                on_ready(endpoint.url)
                endpoint.serve_forever()
        except (KeyboardInterrupt, _Stop):
            pass
