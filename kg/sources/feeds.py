"""RSS and Atom feeds: each entry one article, read by feedparser after a defusedxml screen.

feedparser never expands an entity a feed declares, but it does not refuse such a feed either:
it falls back to its loose parser and hands back entries with the references left in the text
("Laugh &e;"). A feed that declares entities (an expansion bomb such as "billion laughs", an
external entity reaching for a local file or a URL) is not a feed anyone meant to publish, so
defusedxml screens the bytes first and such a feed is refused whole, unexpanded and unresolved.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from kg.errors import SourceError
from kg.model import Article
from kg.sources.html import compose, derived_article, entry_id, fragment_text

# A feed carries summaries, sometimes full texts: hundreds of entries stay under a few MB.
MAX_FEED_BYTES = 16 * 1024 * 1024


def _screen(path: str, data: bytes) -> None:
    """SourceError unless `data` is well-formed XML that declares no entity and refers to no
    external one."""
    import defusedxml
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden:
        raise SourceError(path, "feed declares XML entities; refused unexpanded") from None
    except defusedxml.ExternalReferenceForbidden:
        raise SourceError(
            path, "feed refers to an external entity; refused, never resolved"
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise SourceError(path, f"feed refused: {exc}") from None
    except ParseError as exc:
        raise SourceError(path, f"not XML: {exc}") from None


def _entry_text(entry: Mapping[str, Any]) -> list[str]:
    """The entry's fullest text: its longest content, else its summary, as blocks."""
    contents = [c.get("value", "") for c in entry.get("content") or () if c.get("value")]
    best = max(contents, key=len, default="") or entry.get("summary", "")
    return fragment_text(best)


def _published(entry: Mapping[str, Any]) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            # feedparser normalises every date to UTC as a struct_time
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date()
    return None


def read_feed(
    path: str,
    stem: str,
    data: bytes,
    dct: date | None,
    max_chars: int,
    furniture: Sequence[re.Pattern[str]] | None,
) -> tuple[list[Article], list[SourceError]]:
    """Every entry of the feed in `data` as an Article, and one problem per entry that could
    not be used (or one for the whole feed).

    An entry's id is `<stem>-<12 hex digits>` from its GUID (else its link, else its title and
    date), its path `<path>#<n>` (n counts entries from 1), its text the headline and its
    fullest content or summary; title, author, link and date come from the entry, the
    publisher from the feed's title. `sha256` is that of the entry's text.
    """
    import feedparser

    _screen(path, data)
    # a stream, never a string: feedparser fetches a string that looks like a URL
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        raise SourceError(path, "not an RSS or Atom feed (no channel or feed element)")
    publisher = parsed.feed.get("title")
    articles: list[Article] = []
    problems: list[SourceError] = []
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{path}#{n}"
        title = entry.get("title")
        key = entry.get("id") or entry.get("link") or f"{title}\n{entry.get('published', '')}"
        text = compose(title, _entry_text(entry))
        meta = {
            "title": title,
            "publisher": publisher,
            "published": _published(entry),
            "url": entry.get("link"),
            "author": entry.get("author"),
        }
        try:
            article, warning = derived_article(
                ident=entry_id(stem, key),
                path=where,
                text=text,
                sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                source_format="feed",
                meta=meta,
                found=None,
                dct=dct,
                max_chars=max_chars,
                furniture=furniture,
            )
        except SourceError as exc:
            if "no article text" in exc.problem:
                exc = SourceError(where, "entry has no text (no content or summary)")
            problems.append(exc)
            continue
        articles.append(article)
        if warning is not None:
            problems.append(warning)
    if not parsed.entries:
        problems.append(SourceError(path, "feed has no entries"))
    return articles, problems
