"""What the top of a page says about the article: its publication date and its title."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from kg.sources.furniture import scan_copy

_HEAD_LINES = 20  # header, byline and dateline sit in the first lines of a page
_TITLE_MAX = 150

# ---------------------------------------------------------------------------------------------
# Dates and titles found in the text.

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MON = r"(?P<mon>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_FULL_DATES = (
    re.compile(rf"\b{_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})\b"),
    re.compile(rf"\b{_DAY}[^\S\n]+{_MON},?[^\S\n]+{_YEAR}\b"),
    re.compile(rf"\b{_MON}[^\S\n]+{_DAY},?[^\S\n]+{_YEAR}\b"),
)
_PARTIAL_DATES = (
    re.compile(rf"^{_DAY}[^\S\n]+{_MON}$"),
    re.compile(rf"^{_MON}[^\S\n]+{_DAY}$"),
)
_TIME = (
    r"(?:,?[^\S\n]+\d{1,2}:\d{2}(?::\d{2})?(?:[^\S\n]*[AaPp]\.?[Mm]\.?)?(?:[^\S\n]+[A-Z]{2,5})?)?"
)
_HEADER = re.compile(
    r"^[^\S\n]*(?P<key>date|dated|published|updated|posted|last updated|first published)"
    r"(?:[^\S\n]+on)?[^\S\n]*:?[^\S\n]+(?P<rest>[^\n]{1,60})$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"\b(?P<key>Published|Posted|First published|Updated|Last updated)(?:[^\S\n]+on)?[^\S\n]*:?"
    r"[^\S\n]+(?P<rest>[^\n]{1,60})",
)
_DATELINE = re.compile(
    r"^[^\S\n]*[A-Z][A-Z.'’\- ]{1,40}(?:,[^\S\n]*[A-Z][\w.' ]{1,30}?)?,[^\S\n]+"
    r"(?P<rest>[^()\n—–]{3,30}?)[^\S\n]*(?:\([^)\n]{1,40}\))?[^\S\n]*[—–-]"
)
_STANDALONE = re.compile(rf"[^\S\n]*(?P<date>.+?){_TIME}[^\S\n]*")
_DATE_LINE_MAX = 80  # bounds the lazy match above; a date-and-time line is short
_YEAR_MENTION = re.compile(r"\b(?:19|20)\d{2}\b")


def _month(name: str) -> int | None:
    return _MONTHS.get(name.lower())


def _full_date(text: str, whole: bool = False) -> date | None:
    """The first complete date written in `text` (the whole of it when `whole`)."""
    for pattern in _FULL_DATES:
        match = pattern.fullmatch(text.strip()) if whole else pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        month = int(groups["month"]) if "month" in groups else _month(groups["mon"])
        if month is None:
            continue
        try:
            return date(int(groups["year"]), month, int(groups["day"]))
        except ValueError:
            continue
    return None


def _head_lines(text: str) -> Iterator[str]:
    count = 0
    for line in scan_copy(text).split("\n"):
        if line.strip():
            yield line
            count += 1
            if count == _HEAD_LINES:
                return


def date_from_text(text: str) -> tuple[date, str] | None:
    """The publication date a page states near its top, and "text" or "inferred".

    Tried in order, first found wins: a header line (`date 2022-12-30`, `Date: 30 December
    2022`, `Published: ...`), a byline (`By X | Published December 30, 2022`), an `Updated`
    line, a line holding only a date (`30 Dec, 2022 12:04`), a dateline with a full date
    (`MOSCOW, 30 December 2022 (TASS) -`), and last a dateline with month and day only
    (`BEIJING, Dec 30 (Reuters) -`), whose year is the one the text mentions most ("inferred").
    A dateline without a date (`MOSCOW (AP) —`) says nothing about when.
    """
    best: tuple[int, int, date, str] | None = None

    def offer(rank: int, position: int, found: date | None, origin: str = "text") -> None:
        nonlocal best
        if found is not None and (best is None or (rank, position) < best[:2]):
            best = (rank, position, found, origin)

    partial: tuple[int, int] | None = None
    for position, line in enumerate(_head_lines(text)):
        header = _HEADER.match(line)
        if header:
            rank = 2 if "updated" in header["key"].lower() else 0
            offer(rank, position, _full_date(header["rest"]))
        for byline in _BYLINE.finditer(line):
            rank = 2 if "updated" in byline["key"].lower() else 1
            offer(rank, position, _full_date(byline["rest"]))
        standalone = _STANDALONE.fullmatch(line) if len(line) <= _DATE_LINE_MAX else None
        if standalone:
            offer(3, position, _full_date(standalone["date"], whole=True))
        dateline = _DATELINE.match(line)
        if dateline:
            rest = dateline["rest"].strip()
            offer(4, position, _full_date(rest, whole=True))
            for pattern in _PARTIAL_DATES:
                match = pattern.match(rest)
                month = _month(match["mon"]) if match else None
                if match and month and partial is None:
                    partial = (month, int(match["day"]))
    if best is not None:
        return best[2], best[3]
    if partial is not None:
        years = Counter(int(y) for y in _YEAR_MENTION.findall(text))
        if years:
            year = max(years, key=lambda y: (years[y], y))
            try:
                return date(year, *partial), "inferred"
            except ValueError:
                return None
    latest = _latest_date(text)
    return (latest, "inferred") if latest is not None else None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_BEFORE = re.compile(
    r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r"),?[^\S\n]+$", re.IGNORECASE
)


def _latest_date(text: str) -> date | None:
    """The latest fully written date anywhere in the text: a report is published on or after
    every day it dates. A date whose own weekday is written beside it and disagrees ("Friday,
    December 29, 2022") is a slip and does not count."""
    found: list[date] = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["month"]) if "month" in groups else _month(groups["mon"])
            if month is None:
                continue
            try:
                day = date(int(groups["year"]), month, int(groups["day"]))
            except ValueError:
                continue  # "February 30, 2022"
            named = _WEEKDAY_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if named and _WEEKDAYS.index(named["weekday"].lower()) != day.weekday():
                continue
            found.append(day)
    return max(found, default=None)


_HEADING = re.compile(r"^[^\S\n]*#[^\S\n]+(?P<title>\S[^\n]*?)[^\S\n]*#*[^\S\n]*$")


def title_from_text(nlp_text: str) -> str | None:
    """A first-level Markdown heading near the top, else the first line if it reads as one."""
    lines = list(_head_lines(nlp_text))
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            return heading["title"].strip()
    if lines:
        first = lines[0].strip()
        if len(first) <= _TITLE_MAX and not first.endswith((".", ":", ",", ";")):
            return first
    return None
