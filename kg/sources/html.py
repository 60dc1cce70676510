"""Saved web pages: the article's text, title, author, site name, canonical URL and publication
date, read from the page by trafilatura (main-text extraction) and htmldate (dates in the
markup), and the helpers every reader of extracted text shares (feeds, JSON Lines).

The text kg analyses is the extracted text, laid out as plain text: the headline, then one
paragraph (heading, list item, quotation, table row) per block, blocks separated by a blank line
so a block always ends a sentence. A build stores it at `Article.text_file` so that every offset
in the graph points into a text a reader can open. Page furniture that survives extraction is
masked as in text files (`kg.sources.furniture`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kg.errors import SourceError, SourceWarning, UndatedWarning
from kg.model import Article
from kg.sources.dates import read_head
from kg.sources.furniture import blank, classify

# A news page with its markup, scripts and inline styles is rarely over 2 MB; this bound is for
# mistakes and attacks (lxml's tree of a 10 MB page takes about 100 MB).
MAX_HTML_BYTES = 10 * 1024 * 1024
# Fewer words than this besides the headline is a page without an article (a login wall, an
# index page, a consent screen): reported, not analysed
MIN_WORDS = 8


@dataclass(frozen=True)
class Page:
    """What a page says about itself, as extracted."""

    text: str  # headline and blocks, blank-line separated ("" when nothing was found)
    title: str | None
    author: str | None
    site_name: str | None
    url: str | None  # the canonical URL (<link rel="canonical">, og:url), else None
    published: date | None  # from the markup: JSON-LD, <meta>, <time>, the URL


def read_page(data: bytes | str, url: str | None = None) -> Page:
    """Extract a page (its bytes, any encoding trafilatura can detect, or its text).

    The date is htmldate's original publication date found in the markup only (JSON-LD
    `datePublished`, Open Graph and other <meta> tags, <time> elements, a date in the URL),
    never guessed from the running text: `extensive_search=False`.
    """
    import htmldate
    import trafilatura

    # Related-article lists, navigation and cookie banners are left out by trafilatura; so are
    # comments, reader copy rather than the article's. Precision first: a line of furniture let
    # through becomes a spurious event, and on short articles the balanced setting falls back to
    # a baseline extractor that keeps the byline and runs the paragraphs together.
    doc = trafilatura.bare_extraction(
        data,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
    )
    if doc is None or isinstance(doc, dict):
        return Page("", None, None, None, None, None)
    found = None
    try:
        stamp = htmldate.find_date(data, extensive_search=False, original_date=True, url=url)
        found = date.fromisoformat(stamp) if stamp else None
    except ValueError:  # htmldate refuses what lxml cannot parse; the text may still be there
        found = None
    title = _clean(doc.title)
    text = compose(title, (doc.text or "").split("\n"))
    if len(text.split()) - len((title or "").split()) < MIN_WORDS:
        text = ""  # trafilatura's fallback keeps any text: a lone "Home" link is no article
    return Page(
        text=text,
        title=title,
        author=_clean(doc.author),
        site_name=_clean(doc.sitename),
        url=_clean(doc.url),
        published=found,
    )


_SPACES = re.compile(r"[^\S\n]+")
_BLOCKS = (
    *("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td"),
    *("th", "dt", "dd", "section", "article", "header", "footer", "figcaption", "address"),
    *("table", "ul", "ol", "dl"),
)


def fragment_text(html: str) -> list[str]:
    """The blocks of text of an HTML fragment (a feed entry's content or summary, a crawl's
    HTML when it is not a whole page): one string per block element or <br>-separated line."""
    import lxml.html

    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return [html]
    for bad in root.xpath("//script | //style | //noscript | //template"):
        bad.drop_tree()
    for element in root.iter("br", *_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    text: str = root.text_content()
    return text.split("\n")


def compose(title: str | None, lines: Sequence[str]) -> str:
    """The text kg analyses: the headline (unless the body starts with it), then the non-blank
    lines, one block each, separated by blank lines; runs of spaces and tabs become one space.
    "" when the body has nothing besides the headline: a title is not an article."""
    blocks = [b for b in (_SPACES.sub(" ", line).strip() for line in lines) if b]
    if title and blocks and blocks[0] == title:
        blocks.pop(0)
    if not blocks:
        return ""
    return "\n\n".join([title, *blocks] if title else blocks)


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value if v)
    text = _SPACES.sub(" ", str(value)).replace("\n", " ").strip()
    return text or None


def entry_id(stem: str, key: str) -> str:
    """A stable id for one entry of a feed or a crawl: the file's stem and 12 hex digits of the
    SHA-256 of the entry's own id (GUID, id field or URL), so the id survives entries being
    added, removed or reordered."""
    return f"{stem}-{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


def derived_article(
    *,
    ident: str,
    path: str,
    text: str,
    sha256: str,
    source_format: str,
    meta: Mapping[str, object],
    found: Page | None,
    dct: date | None,
    max_chars: int,
    furniture: Sequence[re.Pattern[str]] | None,
) -> tuple[Article, SourceWarning | None]:
    """An Article whose text was extracted (a page, a feed entry, a JSON Lines record).

    Metadata, per field, first found wins: `dct` (the date only), `meta` (the manifest entry,
    or the feed's or record's own fields: title, publisher, published, url, author), `found`
    (what the page's markup says), then the text, read as text files are (`read_head`: title,
    dateline, a date stated in the text, with its evidence). A date from `dct`, `meta` or the
    markup has `date_origin` "metadata". Furniture that survived extraction is masked as in
    text files (`furniture.classify`). Raises SourceError for an empty or over-long text."""
    if not text.strip():
        raise SourceError(path, "no article text could be extracted")
    if len(text) > max_chars:
        raise SourceError(path, f"too long: {len(text)} characters (the limit is {max_chars})")
    # the same reading of the text as for text files: furniture, then the head (title,
    # dateline, a date stated in the text) and the metadata lines it masks
    verdicts = classify(text, 0, furniture)
    head = read_head(text, verdicts)
    nlp_text = blank(text, [*((v.start, v.end) for v in verdicts), *head.metadata])
    stated = meta.get("published")
    if stated is None and found is not None:
        stated = found.published
    published, origin, evidence = head.publication(stated, dct)
    warning = None
    if published is None:
        warning = UndatedWarning(path, head.undated_message(), path)
    page = found or Page("", None, None, None, None, None)
    article = Article(
        id=ident,
        path=path,
        text=text,
        nlp_text=nlp_text,
        sha256=sha256,
        title=_clean(meta.get("title")) or page.title or _clean(head.title),
        publisher=_clean(meta.get("publisher")) or page.site_name,
        published=published,
        date_origin=origin,
        url=_clean(meta.get("url")) or page.url,
        dateline=head.dateline.place if head.dateline else None,
        agency=head.dateline.agency if head.dateline else None,
        date_evidence=evidence,
        author=_clean(meta.get("author")) or page.author,
        source_format=source_format,
    )
    return article, warning


def read_html(
    path: str,
    ident: str,
    data: bytes,
    meta: Mapping[str, object],
    dct: date | None,
    max_chars: int,
    furniture: Sequence[re.Pattern[str]] | None,
) -> tuple[Article, SourceWarning | None]:
    """One saved page as an Article (`path` relative to the sources root, for messages and
    kg:sourceFile; `meta` the manifest's entry for it). SourceError when the page holds no
    article text."""
    if b"\x00" in data[:1024]:
        raise SourceError(path, "binary file (NUL byte), not a web page")
    page = read_page(data, url=_clean(meta.get("url")))
    if not page.text:
        raise SourceError(path, "no article text could be extracted from the page")
    return derived_article(
        ident=ident,
        path=path,
        text=page.text,
        sha256=hashlib.sha256(data).hexdigest(),
        source_format="html",
        meta=meta,
        found=page,
        dct=dct,
        max_chars=max_chars,
        furniture=furniture,
    )
