"""JSON Lines: one article per line, as crawlers export them (news-please, GDELT pulls, your own
scripts). Each line is a JSON object; the fields kg reads, first present wins:

| what | fields |
|---|---|
| text | `text`, `maintext` (news-please), `content`, `body` |
| HTML, when there is no text | `html`, `raw_html` (a whole page is read as a saved page) |
| title | `title`, `title_page`, `title_rss`, `headline` |
| publication date | `published`, `date_publish` (news-please), `date`, `datePublished`, `pubDate` |
| URL | `url`, `link` |
| publisher | `publisher`, `source_domain` (news-please), `site_name`, `source` |
| author | `author`, `authors` (a list is joined with "; ") |
| the record's own id | `id`, `guid`, else the URL, else the line's text |

Other fields (`language`, `description`, `image_url`, ...) are ignored. A date is an ISO 8601
date or date-time ("2022-12-30", "2022-12-30 14:05:00", "2022-12-30T14:05:00Z"); its date part
is the publication date.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from kg.errors import SourceError, SourceWarning
from kg.model import Article
from kg.sources.html import (
    MAX_HTML_BYTES,
    compose,
    derived_article,
    entry_id,
    fragment_text,
    read_page,
)

# A crawl of 10,000 articles with their text is about 50 MB; with raw HTML, more.
MAX_JSONL_BYTES = 256 * 1024 * 1024
TEXT_FIELDS = ("text", "maintext", "content", "body")
HTML_FIELDS = ("html", "raw_html")
TITLE_FIELDS = ("title", "title_page", "title_rss", "headline")
DATE_FIELDS = ("published", "date_publish", "date", "datePublished", "pubDate")
URL_FIELDS = ("url", "link")
PUBLISHER_FIELDS = ("publisher", "source_domain", "site_name", "source")
AUTHOR_FIELDS = ("author", "authors")
ID_FIELDS = ("id", "guid")

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z ]*)?")


def _first(record: Mapping[str, Any], fields: Sequence[str]) -> Any:
    for name in fields:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _text_of(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if isinstance(v, str | int | float)) or None
    return str(value) if isinstance(value, str | int | float) else None


def _date(value: Any) -> date:
    match = _DATE.fullmatch(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"date {str(value)[:40]!r} is not an ISO 8601 date")
    try:
        return date.fromisoformat(match[1])
    except ValueError:
        raise ValueError(f"date {match[1]} does not exist") from None


def _record(
    where: str,
    stem: str,
    line: str,
    record: Mapping[str, Any],
    dct: date | None,
    max_chars: int,
    furniture: Sequence[re.Pattern[str]] | None,
) -> tuple[Article, SourceWarning | None]:
    title = _text_of(_first(record, TITLE_FIELDS))
    text = _text_of(_first(record, TEXT_FIELDS))
    html = _text_of(_first(record, HTML_FIELDS))
    page = None
    if text:
        body = compose(title, text.split("\n"))
    elif html:
        if len(html) > MAX_HTML_BYTES:
            raise SourceError(where, f"html field over {MAX_HTML_BYTES} characters")
        if re.search(r"<(?:html|body)\b", html[:4096], re.IGNORECASE):
            page = read_page(html, url=_text_of(_first(record, URL_FIELDS)))
            body = compose(title, page.text.split("\n\n")) if page.text else ""
        else:
            body = compose(title, fragment_text(html))
    else:
        fields = ", ".join(TEXT_FIELDS + HTML_FIELDS)
        raise SourceError(where, f"record has no text (none of {fields})")
    published = _first(record, DATE_FIELDS)
    warning = None
    meta: dict[str, object] = {
        "title": title,
        "url": _text_of(_first(record, URL_FIELDS)),
        "publisher": _text_of(_first(record, PUBLISHER_FIELDS)),
        "author": _text_of(_first(record, AUTHOR_FIELDS)),
    }
    if published is not None:
        try:
            meta["published"] = _date(published)
        except ValueError as exc:
            warning = SourceWarning(where, f"{exc}; the date is looked for in the text")
    key = _text_of(_first(record, ID_FIELDS)) or meta["url"] or line
    article, missing = derived_article(
        ident=entry_id(stem, str(key)),
        path=where,
        text=body,
        sha256=hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest(),
        source_format="jsonl",
        meta=meta,
        found=page,
        dct=dct,
        max_chars=max_chars,
        furniture=furniture,
    )
    return article, warning or missing


def read_jsonl(
    path: str,
    stem: str,
    data: bytes,
    dct: date | None,
    max_chars: int,
    furniture: Sequence[re.Pattern[str]] | None,
) -> tuple[list[Article], list[SourceError]]:
    """Every line of a JSON Lines file as an Article, and one problem per line that could not be
    used (named `<path>:<line number>`). A record's id is `<stem>-<12 hex digits>` from its id
    field, else its URL, else the line; its path `<path>#<line number>`; its sha256 that of
    the line. Blank lines are skipped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"not UTF-8 at byte offset {exc.start}") from None
    articles: list[Article] = []
    problems: list[SourceError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(SourceError(where, f"not JSON: {exc.msg} (column {exc.colno})"))
            continue
        except RecursionError:
            problems.append(SourceError(where, "not an article: JSON nested too deeply"))
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__.replace("dict", "object").replace("list", "array")
            problems.append(SourceError(where, f"not a JSON object (a JSON {kind})"))
            continue
        try:
            article, warning = _record(
                f"{path}#{number}", stem, line, record, dct, max_chars, furniture
            )
        except SourceError as exc:
            problems.append(SourceError(where, exc.problem))
            continue
        articles.append(article)
        if warning is not None:
            problems.append(warning)
    if not articles and not problems:
        problems.append(SourceWarning(path, "no records in this JSON Lines file"))
    return articles, problems
