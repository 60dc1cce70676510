"""`kg fetch` against a real HTTP server on loopback: pages saved with their manifest entries,
no second download, and every way a URL can fail giving one line while the others are fetched."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import main
from kg.fetch import FetchError, fetch, file_name
from kg.pipeline import build
from kg.sources import read_sources
from tests.test_inputs import ARTICLES, page

BIG = 50 * 1024 * 1024
LIMIT = 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        given = {name.replace("_", "-"): value for name, value in headers.items()}
        for name, value in {"Content-Type": "text/html; charset=utf-8", **given}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up first (a timeout test)
            self.wfile.write(body)

    def _stream(
        self, total: int, pause: float = 0.0, announce: bool = True, size: int = 65_536
    ) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if announce:
            self.send_header("Content-Length", str(total))
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"x" * (size - 7) + b"</p>"
        try:
            sent = 0
            while sent < total:
                self.wfile.write(chunk[: min(len(chunk), total - sent)])
                sent += len(chunk)
                if pause:
                    time.sleep(pause)
        except OSError:  # the client stopped reading: what it should do
            pass

    def do_GET(self) -> None:
        path = self.path
        _Handler.hits[path] += 1
        if path.startswith("/article/"):
            name = path.rsplit("/", 1)[1]
            published, title, paragraphs = ARTICLES[name]
            url = f"https://times.example.org/world/{name}"
            self._send(200, page(title, published, paragraphs, url).encode())
        elif path == "/moved":
            self._send(301, Location="/article/meloni-kyiv")
        elif path == "/loop-a":
            self._send(302, Location="/loop-b")
        elif path == "/loop-b":
            self._send(302, Location="/loop-a")
        elif path.startswith("/chain/"):
            self._send(302, Location=f"/chain/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/to-file":
            self._send(302, Location="file:///etc/passwd")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"<p>late</p>")
        elif path == "/trickle":
            self._stream(10_000, pause=0.3, size=100)  # 30 s, a little at a time
        elif path == "/big":
            self._stream(BIG)
        elif path == "/big-unannounced":
            self._stream(BIG, announce=False)
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4", Content_Type="application/pdf")
        else:
            self._send(404, b"not here")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


FIXED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_fetch_saves_pages_and_their_manifest_entries(server: str, tmp_path: Path) -> None:
    urls = [f"{server}/article/scholz-biden", f"{server}/moved"]
    done, failed = fetch(urls, tmp_path, now=lambda: FIXED)
    assert failed == [] and [d.saved for d in done] == [True, True]
    names = [d.file.name for d in done]
    assert names == [file_name(u) for u in urls]
    assert names[0].startswith("127.0.0.1_article-scholz-biden_") and names[0].endswith(".html")
    manifest = yaml.safe_load((tmp_path / "sources.yaml").read_text("utf-8"))
    assert manifest[names[1]] == {"url": urls[1], "retrieved": "2026-01-02T03:04:05Z"}
    # a second fetch finds them there and asks the server nothing
    before = _Handler.hits["/article/scholz-biden"]
    again, failed = fetch(urls, tmp_path)
    assert failed == [] and [d.saved for d in again] == [False, False]
    assert _Handler.hits["/article/scholz-biden"] == before
    # the folder reads: the pages' own dates, the manifest's URL
    articles, problems = read_sources([tmp_path])
    assert problems == []
    assert {(a.url, str(a.published), a.date_origin) for a in articles} == {
        (urls[0], "2023-01-03", "metadata"),
        (urls[1], "2023-02-10", "metadata"),
    }


def test_fetch_keeps_an_existing_manifest(server: str, tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("# my notes\nold.txt:\n  title: Kept\n", "utf-8")
    (tmp_path / "old.txt").write_text("An old article.\n", "utf-8")
    fetch([f"{server}/article/meloni-kyiv"], tmp_path)
    text = (tmp_path / "sources.yaml").read_text("utf-8")
    assert text.startswith("# my notes\nold.txt:\n  title: Kept\n")
    assert len(yaml.safe_load(text)) == 2


def test_broken_manifest_stops_before_any_download(server: str, tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("a: &x [1]\nb: *x\n", "utf-8")
    before = sum(_Handler.hits.values())
    with pytest.raises(FetchError, match="aliases"):
        fetch([f"{server}/article/meloni-kyiv"], tmp_path)
    assert sum(_Handler.hits.values()) == before


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/loop-a", "redirect loop"),
        ("/chain/0", "more than 5 redirects"),
        ("/to-file", "redirects to a file: URL; only http and https are followed"),
        ("/slow", "timed out after 1 s"),
        ("/trickle", "timed out after 1 s"),
        ("/big", f"too large: {BIG} bytes (the limit is {LIMIT})"),
        ("/big-unannounced", f"too large: over {LIMIT} bytes; stopped reading"),
        ("/pdf", "not a web page, feed or text (application/pdf)"),
        ("/missing", "HTTP 404 Not Found"),
    ],
)
def test_each_bad_url_is_one_line(server: str, tmp_path: Path, path: str, problem: str) -> None:
    started = time.monotonic()
    good = f"{server}/article/erdogan-kristersson"
    done, failed = fetch([f"{server}{path}", good], tmp_path, timeout=1, max_bytes=LIMIT)
    assert time.monotonic() - started < 15
    assert [f.url for f in failed] == [f"{server}{path}"]
    assert problem in failed[0].problem and "\n" not in str(failed[0]), failed
    assert [d.url for d in done] == [good]
    # nothing of the failed URL was written
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([file_name(good), "sources.yaml"])


def test_urls_that_are_not_http(tmp_path: Path) -> None:
    done, failed = fetch(["file:///etc/passwd", "ftp://x.example/a", "/relative"], tmp_path)
    assert done == []
    assert [f.problem for f in failed] == [
        "not an http(s) URL: a file: URL; only http and https are followed",
        "not an http(s) URL: a ftp: URL; only http and https are followed",
        "not an http(s) URL: a relative: URL; only http and https are followed",
    ]


def test_connection_refused(tmp_path: Path) -> None:
    from tests.servers import free_port

    done, failed = fetch([f"http://127.0.0.1:{free_port()}/x"], tmp_path, timeout=5)
    assert done == [] and failed[0].problem.startswith("cannot connect:")


def test_cli_fetch_then_build(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# this week's reading\n{server}/article/scholz-biden\n\n{server}/missing\n", "utf-8"
    )
    runner = CliRunner()
    result = runner.invoke(
        main, ["fetch", f"{server}/article/erdogan-kristersson", "-i", str(listing),
               "-o", str(tmp_path / "src")],
    )  # fmt: skip
    assert result.exit_code == 1
    out_lines = result.stdout.splitlines()
    assert len(out_lines) == 2 and all(line.startswith("saved: ") for line in out_lines)
    assert f"Error: {server}/missing: HTTP 404 Not Found" in result.stderr
    assert "2 saved, 0 already there, 1 failed" in result.stderr
    report = build([tmp_path / "src"], tmp_path / "out", cache=None)
    assert report.articles == 2 and report.errors == () and report.events >= 2


def test_cli_fetch_needs_urls(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fetch", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "give URLs" in result.stderr
