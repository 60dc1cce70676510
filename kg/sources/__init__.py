"""The sources stage: files on disk in, `Article` values out.

Choices a caller can rely on:

- Text is the file's bytes decoded as strict UTF-8 and nothing else: no newline translation, and a
  UTF-8 byte-order mark stays in `text` as U+FEFF (it counts as one code point; `nlp_text` blanks
  it). Every offset kg reports is a code-point offset into that string.
- `nlp_text` has the same length as `text`; front matter, page furniture (recognised by
  `kg.sources.furniture`'s classifier, `ontology/furniture/`), the date header, the byline date,
  the dateline, the BOM and, in a .md file, Markdown's markup (`kg.sources.markdown`: a link's
  text stays, its target goes) are replaced by spaces, newlines kept. Nothing is ever deleted.
- Metadata, per field, first found wins: the `dct` argument (published only), YAML front matter,
  the folder's `sources.yaml` manifest, then the text (`kg.sources.dates`: a header line, a
  byline, a date line or a dateline; a title, a .md file's first heading first; the dateline's
  place and agency). `date_origin` is
  "metadata" for the first three, "text" for a full date the page states, "inferred" for one
  reasoned out of the text (`Article.date_evidence` quotes the phrases).
- Problems come back as `SourceError`s, one line each, never raised: a file with an error is left
  out and the others are returned. A `SourceWarning` (a `SourceError` with `fatal = False`) leaves
  its article in: no date anywhere, a manifest entry for a missing file, a folder with no articles.
- Input is untrusted and bounded: a file over MAX_FILE_BYTES is refused unread, a text over
  MAX_TEXT_CHARS after decoding; a manifest over MAX_MANIFEST_BYTES and front matter over
  MAX_FRONT_MATTER_CHARS are not parsed; YAML is safe-loaded without aliases, nested at most 8
  deep; a file name with a control character or bytes that are not UTF-8 is refused.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

from kg.errors import ManifestError, SourceError, SourceWarning, UndatedWarning
from kg.model import STATED_DATE_ORIGINS, Article
from kg.sources.dates import PublicationDate, date_from_text, publication_date, read_head
from kg.sources.feeds import MAX_FEED_BYTES, read_feed
from kg.sources.files import (
    FORMATS,
    LOOP,
    SUFFIXES,
    Found,
    discover,
    format_of,
    known_suffix,
    read_bounded,
    resolved,
    sniff,
)
from kg.sources.furniture import (
    FURNITURE_FILE,
    Verdict,
    blank,
    classify,
    load_furniture,
    mask_furniture,
)
from kg.sources.html import MAX_HTML_BYTES, read_html
from kg.sources.jsonl import MAX_JSONL_BYTES, read_jsonl
from kg.sources.markdown import Markup, markup
from kg.sources.metadata import (
    FIELDS,
    MANIFEST,
    MAX_FRONT_MATTER_CHARS,
    MAX_MANIFEST_BYTES,
    Manifest,
    front_matter,
    load_manifest,
)

__all__ = [
    "FIELDS",
    "FORMATS",
    "FURNITURE_FILE",
    "MANIFEST",
    "MAX_FILE_BYTES",
    "MAX_FRONT_MATTER_CHARS",
    "MAX_MANIFEST_BYTES",
    "MAX_TEXT_CHARS",
    "SUFFIXES",
    "SourceWarning",
    "classify",
    "date_among",
    "date_from_text",
    "load_furniture",
    "mask_furniture",
    "publication_date",
    "read_head",
    "read_sources",
]

# A news article, even a long-form feature, is under 100,000 characters; these bounds are for
# mistakes and attacks. A build's time and memory grow with an article's length (bench/limits.py:
# 1,000,000 characters took 200 s and 3.5 GB), and spaCy refuses texts over 1,000,000.
MAX_TEXT_CHARS = 200_000
# A UTF-8 character takes at most 4 bytes, so a bigger file cannot hold fewer characters: it is
# refused before it is read.
MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS
# Read as Markdown (`kg.sources.markdown`). A .txt file is not, even when it looks like
# Markdown: in plain copy an asterisk is a footnote or a multiplication and an underscore part
# of a handle, and blanking them would be silent loss.
MARKDOWN_SUFFIXES = (".md",)

# ---------------------------------------------------------------------------------------------
# Dating an article among others.


# how far apart the dates a build's articles state may lie for their years to date the others'
# datelines: one story's reports, a year's coverage (the seeds span two days)
ONE_PERIOD = timedelta(days=366)


def date_among(article: Article, others: Sequence[date]) -> PublicationDate | None:
    """The publication date `article`'s own head implies once `others`, the dates the other
    articles of a build state, are known: a dateline's month and day whose year the lede's
    weekday and those dates fix ("WASHINGTON, June 22 (Reuters)" with "on Thursday" and others
    of 2023: 2023-06-22, not a day an event of theirs falls on): rule 2 of `publication_date`
    with their years, never rule 3 (they need not report the same story). Only when `others`
    lie within a year of one another (`ONE_PERIOD`): a build whose articles span years holds
    several stories, and their years say nothing of this one's (an unseen batch of business
    copy of 2005-2024: 6 of 9 datelines so dated took another article's year). None for an
    article that states its date (metadata or a whole date in its text) or whose head implies
    nothing."""
    if article.date_origin in STATED_DATE_ORIGINS or not others:
        return None
    if max(others) - min(others) > ONE_PERIOD:
        return None
    try:
        _, skip = front_matter(article.text)
    except ValueError:
        skip = 0
    _, plain, verdicts = read_page(article.path, article.text, skip)
    return read_head(plain, verdicts, skip, others, same_story=False).published


# ---------------------------------------------------------------------------------------------
# Reading one file.


def _read_text(item: Found, max_bytes: int, max_chars: int) -> tuple[bytes, str]:
    """The raw bytes and their text; SourceError when the file cannot be used."""
    data = read_bounded(item.file, item.root, max_bytes)
    if not data:
        raise SourceError(item.file, "empty file")
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        # Windows editors save "Unicode" text as UTF-16 with its byte-order mark
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(
                item.file, f"opens as UTF-16 but byte offset {exc.start} cannot be decoded"
            ) from None
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise SourceError(item.file, f"binary file (NUL byte at byte offset {nul}), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(
                item.file,
                f"not UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
                f"cannot be decoded ({exc.reason}); save it as UTF-8 to read it",
            ) from None
    if len(text) > max_chars:
        raise SourceError(item.file, f"too long: {len(text)} characters (the limit is {max_chars})")
    return data, text


def _read_one(
    item: Found,
    entry: Mapping[str, object],
    dct: date | None,
    max_bytes: int,
    max_chars: int,
    furniture: Sequence[re.Pattern[str]] | None,
) -> tuple[Article, SourceWarning | None]:
    data, text = _read_text(item, max_bytes, max_chars)
    try:
        front, body_start = front_matter(text)
    except ValueError as exc:
        raise ManifestError(item.file, str(exc)) from None
    if not text[body_start:].strip("\ufeff \t\r\n"):
        raise SourceError(item.file, "empty file (no text besides front matter and blanks)")
    # A byte-order mark is not text: the page's first line starts after it.
    skip = body_start or (1 if text.startswith("\ufeff") else 0)
    # Markdown's marks are blanked before the head is read (a bold dateline, a heading's
    # link); the furniture classifier reads the file both ways (`read_page`)
    marks, plain, verdicts = read_page(item.rel, text, skip, furniture)
    head = read_head(plain, verdicts, skip)
    nlp_text = blank(plain, [(0, skip), *((v.start, v.end) for v in verdicts), *head.metadata])
    meta: dict[str, object] = {**entry, **front}

    published, origin, evidence = head.publication(meta.get("published"), dct)
    warning = None
    if published is None:
        warning = UndatedWarning(item.file, head.undated_message(), item.rel)
    title = meta.get("title") or _heading_title(nlp_text, marks) or head.title
    article = Article(
        id=Path(item.rel).stem,
        path=item.rel,
        text=text,
        nlp_text=nlp_text,
        sha256=hashlib.sha256(data).hexdigest(),
        title=_text_or_none(title),
        publisher=_text_or_none(meta.get("publisher")),
        published=published,
        date_origin=origin,
        url=_text_or_none(meta.get("url")),
        dateline=head.dateline.place if head.dateline else None,
        agency=head.dateline.agency if head.dateline else None,
        date_evidence=evidence,
        author=_text_or_none(meta.get("author")),
    )
    return article, warning


def _read_file(
    item: Found,
    entry: Mapping[str, object],
    dct: date | None,
    max_bytes: int,
    max_chars: int,
    furniture: Sequence[re.Pattern[str]] | None,
) -> tuple[list[Article], list[SourceError]]:
    """The articles of one file, read by its format (`files.format_of`; for a file named
    without a known suffix, by what its first bytes hold: `files.sniff`), and its problems."""
    kind = format_of(item.file)
    if not known_suffix(item.file):
        head = read_bounded(item.file, item.root, max(max_bytes, MAX_HTML_BYTES))[:4096]
        try:
            kind = sniff(head)
        except ValueError as exc:
            raise SourceError(item.file, str(exc)) from None
    if kind == "text":
        article, warning = _read_one(item, entry, dct, max_bytes, max_chars, furniture)
        return [article], [warning] if warning else []
    limit = {"html": MAX_HTML_BYTES, "feed": MAX_FEED_BYTES, "jsonl": MAX_JSONL_BYTES}[kind]
    data = read_bounded(item.file, item.root, limit)
    if not data:
        raise SourceError(item.file, "empty file")
    stem = Path(item.rel).stem
    try:
        if kind == "html":
            article, warning = read_html(item.rel, stem, data, entry, dct, max_chars, furniture)
            return [article], [warning] if warning else []
        read = read_feed if kind == "feed" else read_jsonl
        articles, problems = read(item.rel, stem, data, dct, max_chars, furniture)
    except SourceError as exc:
        raise _as_given(exc, item) from None
    return articles, [_as_given(p, item) for p in problems]


def _as_given(problem: SourceError, item: Found) -> SourceError:
    """The problem named by the file as the user gave it ("sources/crawl.jsonl:12"), as text
    files' problems are, rather than by its path within the sources root."""
    if not problem.path.startswith(item.rel):
        return problem
    shown = f"{item.file}{problem.path[len(item.rel) :]}"
    if isinstance(problem, UndatedWarning):
        return UndatedWarning(shown, problem.problem, problem.article_path)
    return type(problem)(shown, problem.problem)


def read_page(
    path: str, text: str, skip: int = 0, furniture: Sequence[re.Pattern[str]] | None = None
) -> tuple[Markup | None, str, tuple[Verdict, ...]]:
    """A text file's Markdown markup (None unless `path` names a Markdown file), its text with
    that markup blanked (`text` itself otherwise; same length), and its furniture, as the
    build reads them (`read_head(plain, verdicts, skip)` then gives its head). The furniture
    is read off the page as written and, for Markdown, off the blanked text too: a bullet or
    a link's target is evidence of a list of links, and a credit's words show only through
    its link ("([Reporting](https://...) by Anna Schmidt; Editing by ...)" became an event of
    editing in a new user's trial)."""
    marks = _markdown(path, text, skip)
    plain = blank(text, marks.spans) if marks else text
    verdicts = classify(text, skip, furniture)
    if marks is None:
        return None, text, verdicts
    lines = {v.line for v in verdicts}
    more = [v for v in classify(plain, skip, furniture) if v.line not in lines]
    return marks, plain, tuple(sorted([*verdicts, *more], key=lambda v: (v.start, v.end)))


def _markdown(path: str, text: str, skip: int) -> Markup | None:
    """The Markdown markup of a text file named `path` (by its suffix), or None."""
    return markup(text, skip) if PurePosixPath(path).suffix.lower() in MARKDOWN_SUFFIXES else None


def _heading_title(nlp_text: str, marks: Markup | None) -> str | None:
    """A Markdown file's title heading as the parser reads it (its marks, a link's target
    and a wire slug blanked), or None."""
    if marks is None or marks.heading is None:
        return None
    begin, end = marks.heading
    return " ".join(nlp_text[begin:end].split()) or None


def _text_or_none(value: object) -> str | None:
    return str(value) if value else None


def _unique_ids(articles: Iterable[Article]) -> list[Article]:
    """Give every article a distinct id, deterministically, keeping the plain stem when alone."""
    articles = list(articles)
    stems = Counter(a.id for a in articles)
    used: set[str] = {a.id for a in articles if stems[a.id] == 1}
    result: list[Article] = []
    for article in articles:
        if stems[article.id] == 1:
            result.append(article)
            continue
        rel = PurePosixPath(article.path)
        candidate = "__".join((*rel.parent.parts, rel.stem))
        if candidate in used:
            candidate = "__".join((*rel.parent.parts, rel.name.replace(".", "_")))
        base, n = candidate, 2
        while candidate in used:
            candidate, n = f"{base}__{n}", n + 1
        used.add(candidate)
        result.append(replace(article, id=candidate))
    return result


def read_sources(
    paths: Sequence[Path],
    dct: date | None = None,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_chars: int = MAX_TEXT_CHARS,
    furniture: Sequence[re.Pattern[str]] | None = None,
    skip: Sequence[Path] = (),
) -> tuple[list[Article], list[SourceError]]:
    """Read every article under `paths`; return the usable ones and one problem per line.

    `paths` are folders (every file of a suffix in FORMATS inside, recursively, in order of
    relative path) or files (read by their suffix, as text when it is none of those): text and
    Markdown, saved web pages (`kg.sources.html`), RSS and Atom feeds (`kg.sources.feeds`) and
    JSON Lines (`kg.sources.jsonl`), a feed entry or a JSON line being one article. `dct` sets
    every article's publication date. `max_bytes` bounds a text file's size (checked before it
    is read; pages, feeds and JSON Lines have their own bounds), `max_chars` a text's
    length (at most spaCy's `max_length`, 1,000,000); `furniture` replaces the patterns of
    the site patterns of `ontology/furniture/patterns.txt`. Folders in `skip` (a build's output
    folder) and folders holding kg's outputs (graph.ttl and graph.html) are never read; a folder
    given that holds them is refused. Problems are returned, not raised:
    `SourceWarning`s leave their article in, every other `SourceError` means a file was left out.

    A file's sources root is the folder given, or the file's own folder when a file is given;
    a symlink that resolves outside it is not followed. A manifest names files in its own folder
    only; a broken manifest holds back every article in its folder (one `ManifestError`), a bad
    entry holds back its file.
    """
    found, problems = discover([Path(p) for p in paths], skip)
    manifests: dict[Path, Manifest] = {}
    articles: list[Article] = []
    seen: set[Path] = set()
    for item in found:
        real = resolved(item.file)
        if real is None:
            problems.append(SourceError(item.file, LOOP))
            continue
        if real in seen:  # the same file reached twice (a folder and a file inside it)
            continue
        seen.add(real)
        folder = item.folder.absolute()
        if folder not in manifests:
            manifests[folder] = load_manifest(folder, item.root, problems)
        manifest = manifests[folder]
        if manifest.broken or item.file.name in manifest.bad_entries:
            continue
        try:
            read, found_problems = _read_file(
                item,
                manifest.entries.get(item.file.name, {}),
                dct,
                max_bytes,
                max_chars,
                furniture,
            )
        except SourceError as exc:
            problems.append(exc)
            continue
        articles.extend(read)
        problems.extend(found_problems)
    return _unique_ids(articles), problems
