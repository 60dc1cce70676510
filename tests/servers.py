"""Real servers on localhost for the tests: `kg serve` as a user starts it, and a writable
Oxigraph server to push into."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Generous: six engineers share two cores, and `kg serve` imports spaCy with the CLI.
START_TIMEOUT = 120.0


def free_port() -> int:
    """A port the OS says is free now (another process may take it before we do: rare)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def find_oxigraph() -> Path:
    """The `oxigraph` server binary the oxigraph package installs: beside this Python first,
    then on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the oxigraph binary is missing: pip install oxigraph")
    return Path(found)


def http(
    url: str,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 60.0,
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body; an HTTP error status is a result here."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, _lower(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, _lower(exc.headers), exc.read()


def _lower(headers: object) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}  # type: ignore[attr-defined]


def sparql(url: str, query: str, accept: str = "application/sparql-results+json") -> bytes:
    """The body of a successful GET query (fails the test on any other status)."""
    status, _, body = http(
        f"{url}?{urllib.parse.urlencode({'query': query})}", None, {"Accept": accept}
    )
    assert status == 200, (status, body[:300])
    return body


def wait_until_answers(url: str, process: subprocess.Popen[bytes] | None = None) -> None:
    """Poll `url` until it answers at all (any HTTP status), or fail after START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} while starting")
        try:
            http(url, timeout=5)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT:g} s")


@dataclass
class Running:
    """A `kg serve` process; `stop()` fills in what it printed."""

    url: str
    process: subprocess.Popen[bytes]
    stdout: str = ""
    stderr: str = ""

    def stop(self) -> None:
        if self.process.returncode is None:
            out, err = stop(self.process)
            self.stdout, self.stderr = out.decode(), err.decode()


def kg_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


@contextmanager
def kg_serve(graph: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Running]:
    """`kg serve GRAPH --port FREE ARGS...` as a subprocess, answering; stopped with SIGTERM."""
    port = free_port()
    process = subprocess.Popen(
        kg_command("serve", str(graph), "--port", str(port), *args),
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    running = Running(f"http://127.0.0.1:{port}/query", process)
    try:
        wait_until_answers(f"http://127.0.0.1:{port}/", process)
        yield running
    finally:
        running.stop()


def stop(process: subprocess.Popen[bytes], timeout: float = 60) -> tuple[bytes, bytes]:
    """SIGTERM, then SIGKILL if it lingers; what it printed (empty where not piped)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return out or b"", err or b""


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A writable Oxigraph server (`oxigraph serve`) on a free port; yields its base URL."""
    bind = f"127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        [str(find_oxigraph()), "serve", "--location", str(location), "--bind", bind],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://{bind}"
    try:
        wait_until_answers(f"{base}/query", process)
        yield base
    finally:
        stop(process)
