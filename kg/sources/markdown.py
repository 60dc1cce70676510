"""Markdown markup in a .md file, found by character offsets so that it can be blanked with
spaces in `Article.nlp_text` while every offset still points into the file as written.

Why our own masker and not a parser: markdown-it-py (pinned, installed) gives a block token
its lines (`Token.map`) but no inline token any position, and it gathers inline text in a
pending buffer that no token records the start of; placing emphasis, link targets and code
spans in the file would mean subclassing its inline state and wrapping every rule, which ties
kg to that library's private internals. pyromark's (pulldown-cmark's) Python events carry no
offsets either. So this module reads the few constructs news copy carries, line by line, and
is conservative: markup is blanked only when it is well formed on one line (an emphasis needs
its closing run; `*` after a letter or before a space is an asterisk, "5 * 3" stays).

What is kept and what is blanked:

- headings (`# Title`, `## Sub`, closing `#`s, setext underlines): the marks; the words stay;
- list bullets (`- `, `* `, `+ `, `1. `), block-quote marks (`> `), horizontal rules;
- links `[text](url "title")`: the brackets and the target, the text stays; reference links
  and their definitions likewise; autolinks `<https://...>` and images `![alt](src)` whole
  (an image's alt text describes a picture, like a caption, and is not the article's prose);
- emphasis (`*x*`, `**x**`, `_x_`, `__x__`, `~~x~~`) and code spans: the marks only;
- HTML comments (over several lines too) and inline HTML tags; code fences' fence lines (the
  code between them is not read as Markdown);
- a backslash that escapes punctuation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.sources.furniture import scan_copy

__all__ = ["Markup", "markup"]

_SP = r"[^\S\n]"
_HEAD_LINES = 20  # the title sits in the first lines, as for `kg.sources.dates`

_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_ATX = re.compile(rf" {{0,3}}(?P<marks>#{{1,6}})(?:{_SP}+|$)")
_ATX_CLOSE = re.compile(rf"{_SP}+#+{_SP}*$")
_SETEXT = re.compile(rf"^ {{0,3}}(?:=+|-+){_SP}*$")
_RULE = re.compile(rf"^ {{0,3}}(?:(?:\*{_SP}*){{3,}}|(?:-{_SP}*){{3,}}|(?:_{_SP}*){{3,}})$")
_QUOTE = re.compile(rf"(?:{_SP}{{0,3}}>{_SP}?)+")
_BULLET = re.compile(rf"{_SP}*(?:[-*+]|\d{{1,9}}[.)]){_SP}+(?=\S)")
_DEFINITION = re.compile(rf"^ {{0,3}}\[[^\]\n]+\]:{_SP}*\S+.*$")

# A link's target: <anything but > and newline>, or no spaces and balanced one-deep brackets
# (Wikipedia's "Bali_(province)"); an optional title in quotes.
_TARGET = r"(?:<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)"
_TITLE = rf"(?:{_SP}+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
_IMAGE = re.compile(rf"!\[[^\[\]\n]*\](?:\({_SP}*{_TARGET}{_TITLE}{_SP}*\)|\[[^\[\]\n]*\])")
_LINK = re.compile(
    rf"(?<![\\!])\[(?P<text>[^\[\]\n]+)\]"
    rf"(?P<target>\({_SP}*{_TARGET}{_TITLE}{_SP}*\)|\[[^\[\]\n]*\])"
)
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^\s<>]+>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
# Bodies are bounded: a hostile line of openings with no closing would otherwise be scanned
# to its end from each of them (quadratic); an emphasis or a code span is never this long.
_CODE = re.compile(r"(?<!`)(?P<ticks>`{1,8})(?!`)(?P<code>[^\n]{1,300}?)(?<!`)(?P=ticks)(?!`)")
# Emphasis: the run opens before a letter, digit or punctuation (not a space) and not after a
# word character; it closes after one and not before a word character, on the same line.
_EMPHASIS = re.compile(
    r"(?<![\w\\*_~])(?P<run>\*{1,3}|_{1,3}|~~)(?=[^\s*_~])"
    r"(?P<body>[^\n]{0,300}?[^\s\\*_~])(?P=run)(?![\w*_~])"
)
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class Markup:
    """The markup of a Markdown text: `spans` to blank ((start, end) offsets into the text,
    sorted) and `heading`, the offsets of the title heading's words (the first level-one
    heading near the top, else the first heading there), None when there is none."""

    spans: tuple[tuple[int, int], ...]
    heading: tuple[int, int] | None


def markup(text: str, skip: int = 0) -> Markup:
    """The Markdown markup of `text`, from offset `skip` on (after front matter).

    `text` is untrusted: every pattern here matches within one line, with one way to match
    each repetition, except HTML comments (closed by the first `-->`). Never raises.
    """
    scan = scan_copy(text)
    spans: list[tuple[int, int]] = []
    spans.extend(_comments(scan, skip))
    commented = _in_spans(spans)
    headings: list[tuple[int, int, int]] = []  # (level, start, end) of a heading's words
    fence: str | None = None
    previous_text = False  # the line above holds paragraph text (for setext underlines)
    start = 0
    for raw in scan.split("\n"):
        end = start + len(raw)
        line_start, start = start, end + 1
        if end <= skip or commented(line_start, end):
            previous_text = False
            continue
        # A fence line is markup; the code between fences is kept as written, unread.
        fenced = _FENCE.match(raw)
        if (
            fence is None
            and fenced
            and not (fenced["fence"][0] == "`" and "`" in raw[fenced.end() :])
        ):
            spans.append((line_start, end))
            fence, previous_text = fenced["fence"], False
            continue
        if fence is not None:
            if (
                fenced
                and fenced["fence"][0] == fence[0]
                and len(fenced["fence"]) >= len(fence)
                and not raw[fenced.end() :].strip()
            ):
                spans.append((line_start, end))
                fence = None
            continue
        if not raw.strip():
            previous_text = False
            continue
        if _RULE.match(raw) or (previous_text and _SETEXT.match(raw)):
            spans.append((line_start, end))
            previous_text = False
            continue
        if _DEFINITION.match(raw):
            spans.append((line_start, end))
            continue
        body = 0  # where the line's own text begins, after its block marks
        for block in (_QUOTE, _BULLET, _QUOTE, _BULLET):  # "> - item", "- > quote"
            found = block.match(raw, body)
            if found:
                body = found.end()
        heading = _ATX.match(raw, body) if not body or _QUOTE.match(raw) else None
        stop = len(raw)
        if heading:
            closing = _ATX_CLOSE.search(raw, heading.end())
            stop = closing.start() if closing else stop
            spans.append((line_start + stop, end))
            headings.append((len(heading["marks"]), line_start + heading.end(), line_start + stop))
            body = heading.end()
        spans.append((line_start, line_start + body))
        spans.extend((line_start + a, line_start + b) for a, b in _inline(raw[:stop], body))
        previous_text = not heading
    spans.sort()
    return Markup(tuple(spans), _heading(text, headings))


def _comments(scan: str, skip: int) -> list[tuple[int, int]]:
    """HTML comments from `skip` on, each closed by the first `-->` after it (one pass: a
    regex would scan to the end again from every unclosed `<!--`)."""
    found: list[tuple[int, int]] = []
    at = scan.find("<!--", skip)
    while at >= 0:
        close = scan.find("-->", at + 4)
        if close < 0:
            break
        found.append((at, close + 3))
        at = scan.find("<!--", close + 3)
    return found


def _in_spans(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether a line lies wholly inside one of `spans` (disjoint and in order)."""
    frozen = tuple(spans)
    starts = [a for a, _ in frozen]

    def inside(start: int, end: int) -> bool:
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and frozen[i][1] >= end

    return inside


def _inline(line: str, start: int) -> list[tuple[int, int]]:
    """The inline markup of `line` from `start` on, as offsets into the line."""
    spans: list[tuple[int, int]] = []
    taken = [False] * len(line)  # characters already judged (code, images, links)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(a: int, b: int, blank: bool = True) -> None:
        for i in range(a, b):
            taken[i] = True
        if blank:
            spans.append((a, b))

    for code in _CODE.finditer(line, start):
        if free(*code.span()):
            ticks = len(code["ticks"])
            take(code.start(), code.start() + ticks)
            take(code.start("code"), code.end("code"), blank=False)
            take(code.end() - ticks, code.end())
    for pattern in (_AUTOLINK, _IMAGE, _TAG):
        for found in pattern.finditer(line, start):
            if free(*found.span()):
                take(*found.span())
    for link in _LINK.finditer(line, start):
        if free(*link.span()):
            take(link.start(), link.start("text"))
            take(link.end("text"), link.end())
    # Emphasis may hold a link ("**[Reuters](url)**") and sit in one: only its runs must be
    # free. Nested emphasis ("***x***", "**_x_**") is found by going over the body again.
    pending = [(start, len(line))]
    while pending:
        a, b = pending.pop()
        for found in _EMPHASIS.finditer(line, a, b):
            run = len(found["run"])
            opening, closing = (
                (found.start(), found.start() + run),
                (found.end() - run, found.end()),
            )
            if free(*opening) and free(*closing):
                take(*opening)
                take(*closing)
                pending.append((found.start("body"), found.end("body")))
    for escape in _ESCAPE.finditer(line, start):
        if free(*escape.span()):
            take(*escape.span())
    return spans


def _heading(text: str, headings: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """The words of the first level-one heading, else of the first heading, within the
    first lines that hold text."""
    limit = 0
    for count, line in enumerate(line for line in text.splitlines(keepends=True)):
        limit += len(line)
        if count >= _HEAD_LINES * 4:  # blank lines between them; never past a long page's head
            break
    near = [h for h in headings if h[1] < limit][:_HEAD_LINES]
    if not near:
        return None
    _, begin, end = min(near, key=lambda h: (h[0] != 1, h[1]))
    return begin, end
