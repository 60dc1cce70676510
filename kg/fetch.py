"""`kg fetch`: download web pages into a sources folder. The only part of kg that reaches the
network, and only when a user runs it.

Each URL becomes one file (`<host>_<path words>_<8 hex digits>.html`, named from the URL so the
same URL always lands in the same file) and one entry in the folder's `sources.yaml` manifest
(`url`, `retrieved`: when, UTC). A URL the manifest already lists, with its file still there, is
not downloaded again. Bounded the way kg bounds its input:

- a timeout: `timeout` seconds for the whole download of a page (connecting, waiting, reading),
  however the server trickles its bytes;
- a size limit: `max_bytes` (by default the reader's limit for a page), checked against the
  Content-Length the server announces and again while the body streams in, which stops at the
  limit: a 50 MB answer costs at most `max_bytes` read;
- redirects: at most `max_redirects`, a loop is cut at once, and only to http or https (never
  `file:`, `ftp:`, `data:` ...);
- only web pages (HTML or XHTML), feeds (RSS, Atom) and plain text are kept, as `.html`, `.rss`,
  `.atom` or `.txt`.

A failed URL is one line (`FetchFailure`), and the others are still fetched; a page is written
to a temporary file and renamed into place, the manifest rewritten whole the same way, so an
interrupted fetch leaves no half page and no half manifest.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from kg import __version__
from kg.errors import KgError, SourceError
from kg.export.files import atomic_write
from kg.sources.html import MAX_HTML_BYTES
from kg.sources.metadata import MANIFEST, MAX_MANIFEST_BYTES, load_manifest

TIMEOUT = 30.0
MAX_REDIRECTS = 5
USER_AGENT = f"kg/{__version__} (news knowledge graph; fetches only the pages a user names)"
# what a response is saved as, by its media type
SUFFIXES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "text/plain": ".txt",
}


class FetchError(KgError):
    """The sources folder cannot take fetched pages (a broken manifest, a file in the way)."""


@dataclass(frozen=True)
class Fetched:
    """A URL whose page is in the folder: `saved` now, or found there already."""

    url: str
    file: Path
    saved: bool


@dataclass(frozen=True)
class FetchFailure:
    url: str
    problem: str

    def __str__(self) -> str:
        return f"{self.url}: {self.problem}"


class _Failed(Exception):
    pass


def read_list(path: Path) -> list[str]:
    """URLs from a file, one a line; blank lines and lines starting with # are skipped."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FetchError(f"{path}: cannot read the list of URLs: {exc}") from None
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def file_name(url: str, suffix: str = ".html") -> str:
    """The file a URL is saved as: host, up to 60 characters of its path's words, 8 hex digits
    of the URL's SHA-256 (`news.example.org_world-putin-xi-call_3fa2b9c1.html`)."""
    parts = urlsplit(url)
    words = re.sub(r"[^a-z0-9]+", "-", f"{parts.path} {parts.query}".lower()).strip("-")[:60]
    host = re.sub(r"[^a-z0-9.-]+", "-", (parts.hostname or "page").lower())
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return "_".join(p for p in (host, words.strip("-"), digest) if p) + suffix


def _check_scheme(url: str, what: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise _Failed(f"{what} a {scheme or 'relative'}: URL; only http and https are followed")


def _download(
    client: object, url: str, timeout: float, max_bytes: int, max_redirects: int
) -> tuple[bytes, str]:
    """The body and media type at `url`, following redirects by hand so that each hop's
    scheme is checked; _Failed says why not."""
    import httpx

    assert isinstance(client, httpx.Client)
    deadline = time.monotonic() + timeout
    _check_scheme(url, "not an http(s) URL:")
    seen = {url}
    current = url
    for _ in range(max_redirects + 1):
        with client.stream("GET", current) as response:
            if response.is_redirect:
                target = urljoin(current, response.headers.get("location", ""))
                _check_scheme(target, "redirects to")
                if target in seen:
                    raise _Failed(f"redirect loop ({target} again)")
                seen.add(target)
                current = target
                continue
            if response.status_code >= 400:
                raise _Failed(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            media = response.headers.get("content-type", "text/html").split(";")[0].strip()
            if media.lower() not in SUFFIXES:
                raise _Failed(f"not a web page, feed or text ({media})")
            announced = response.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > max_bytes:
                raise _Failed(f"too large: {announced} bytes (the limit is {max_bytes})")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise _Failed(f"too large: over {max_bytes} bytes; stopped reading")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("deadline")
            return bytes(body), media.lower()
    raise _Failed(f"more than {max_redirects} redirects")


def _load_entries(folder: Path) -> dict[str, dict[str, object]]:
    """The folder's manifest entries, loaded with the reader's safety rules; FetchError when
    the manifest cannot be read (fetching into it would hide the problem)."""
    problems: list[SourceError] = []
    manifest = load_manifest(folder, folder.resolve(), problems)
    fatal = [p for p in problems if p.fatal]
    if manifest.broken or fatal:
        raise FetchError(f"{fatal[0] if fatal else folder / MANIFEST}; nothing fetched")
    return dict(manifest.entries)


def fetch(
    urls: Iterable[str],
    folder: Path,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_HTML_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    on_url: Callable[[Fetched | FetchFailure], None] | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> tuple[list[Fetched], list[FetchFailure]]:
    """Download `urls` into `folder` (created if missing); return what is there and what
    failed, one FetchFailure per URL with its reason. `on_url` is told about each URL as it is
    done. Raises FetchError, before any download, when the folder's manifest is unreadable."""
    import httpx

    folder.mkdir(parents=True, exist_ok=True)
    entries = _load_entries(folder)
    by_url = {str(e.get("url")): name for name, e in entries.items() if e.get("url")}
    done: list[Fetched] = []
    failed: list[FetchFailure] = []
    added: dict[str, dict[str, str]] = {}

    def report(result: Fetched | FetchFailure) -> None:
        (done if isinstance(result, Fetched) else failed).append(result)  # type: ignore[arg-type]
        if on_url is not None:
            on_url(result)

    with httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.5"},
        trust_env=False,  # no proxy or netrc from the environment: the user named the URLs
    ) as client:
        for url in dict.fromkeys(u.strip() for u in urls if u.strip()):
            known = by_url.get(url)
            if known and (folder / known).is_file():
                report(Fetched(url, folder / known, saved=False))
                continue
            try:
                body, media = _download(client, url, timeout, max_bytes, max_redirects)
            except _Failed as exc:
                report(FetchFailure(url, str(exc)))
                continue
            except httpx.TimeoutException:
                report(FetchFailure(url, f"timed out after {timeout:g} s"))
                continue
            except httpx.HTTPError as exc:
                report(FetchFailure(url, _network_problem(exc)))
                continue
            if not body:
                report(FetchFailure(url, "empty answer"))
                continue
            name = file_name(url, SUFFIXES[media])
            atomic_write(folder / name, body)
            added[name] = {"url": url, "retrieved": now().strftime("%Y-%m-%dT%H:%M:%SZ")}
            by_url[url] = name
            report(Fetched(url, folder / name, saved=True))
    if added:
        _add_to_manifest(folder, added)
    return done, failed


def _network_problem(exc: Exception) -> str:
    """One line for a connection failure ("cannot connect: [Errno 111] Connection refused")."""
    first = " ".join(str(exc).split()) or type(exc).__name__
    return f"cannot connect: {first}" if "connect" in type(exc).__name__.lower() else first


def _add_to_manifest(folder: Path, added: dict[str, dict[str, str]]) -> None:
    """Append entries to the folder's manifest, keeping what is there (comments included),
    written whole to a temporary file and renamed."""
    path = folder / MANIFEST
    old = path.read_text("utf-8") if path.is_file() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    new = yaml.safe_dump(added, sort_keys=True, allow_unicode=True, default_flow_style=False)
    text = old + ("\n" if old else "") + new
    if len(text.encode("utf-8")) > MAX_MANIFEST_BYTES:
        raise FetchError(f"{path}: would pass {MAX_MANIFEST_BYTES} bytes; use another folder")
    atomic_write(path, text)


def summary(done: Sequence[Fetched], failed: Sequence[FetchFailure]) -> str:
    saved = sum(1 for d in done if d.saved)
    kept = len(done) - saved
    return f"{saved} saved, {kept} already there, {len(failed)} failed"


__all__ = [
    "MAX_REDIRECTS",
    "TIMEOUT",
    "FetchError",
    "FetchFailure",
    "Fetched",
    "fetch",
    "file_name",
    "read_list",
    "summary",
]
