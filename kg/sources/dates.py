"""What the top of a page says about the article: its publication date, its title and its
dateline; and, when the page states no date, the date its own text implies.

The date header, byline date and dateline are metadata: `read_head` finds them in the first
lines, wherever they sit (on a line of their own, or glued to the lede: ` date 2022-12-30
MOSCOW - President ...`), records them and gives their spans to mask, so that the parser sees
the lede's first word as the start of its sentence and the agency never becomes a participant.
Furniture (kg.sources.furniture) is never read for the publication date: a caption's or a
link's date is the date of what it shows or links to. A caption's month and day may still date
the story's event when the text gives that event's weekday (see `publication_date`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from kg.sources.furniture import (
    Cues,
    Line,
    Verdict,
    blank,
    classify,
    default_cues,
    is_prose,
    lines,
)

__all__ = [
    "Dateline",
    "PageHead",
    "PublicationDate",
    "date_from_text",
    "publication_date",
    "read_head",
    "title_from_text",
]

_HEAD_LINES = 20  # header, byline and dateline sit in the first lines of a page
_DATELINE_PROSE = 2  # the dateline opens the lede, which may follow a standfirst
_TITLE_MAX = 150
_SP = r"[^\S\n]"
# A weekday fixes a month-day's year only within the years a page can be about; kg reads news
# of 1900-2099 (TIMEX3 values outside are not dated by it either).
_YEARS = range(1900, 2100)
_RECENT = range(2000, 2031)  # the years an undated article's warning lists
_NEAR_YEAR = 1  # a report mentions its own year, the last or the next one
_LOOK_BACK = 2  # or the one before the last
_WEEK = 7
_LEDE_PARAGRAPHS = 2  # the news peg's weekday is in the first paragraphs ("said on Friday")

# ---------------------------------------------------------------------------------------------
# Dates as written.

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
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MON = rf"(?<![\w])(?P<mon>{_MONTH_NAME})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
_FULL_DATES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
        r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])",
        rf"(?<!\d){_DAY}{_SP}+{_MON}{_SP}*(?:,{_SP}*)?{_YEAR}",
        rf"{_MON}{_SP}*{_DAY}{_SP}*(?:,{_SP}*)?{_YEAR}",
    )
)
_PARTIAL_DATES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?<!\d){_DAY}{_SP}+{_MON}(?![\w])(?!{_SP}*(?:,{_SP}*)?(?:19|20)\d\d)",
        rf"{_MON}{_SP}*{_DAY}(?!{_SP}*(?:,{_SP}*)?(?:19|20)\d\d)",
    )
)
_WEEKDAY = re.compile(r"(?<![\w])(?P<weekday>" + "|".join(WEEKDAYS) + r")(?![\w])", re.IGNORECASE)
_WEEKDAY_ABBR = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
_TIME = (
    rf"\d{{1,2}}{_SP}*[:.]{_SP}*\d{{2}}(?:{_SP}*:{_SP}*\d{{2}})?"
    rf"(?:{_SP}*[ap]\.?{_SP}?m\.?)?(?:{_SP}*hrs)?"
)
# What may stand beside a date on a line that holds nothing else: times, weekdays, zones, "on".
_ZONE = r"(?-i:[A-Z]{2,5})(?:[+-]\d{1,2}(?::?\d{2})?)?(?![\w])"
_STAMP_RESIDUE = re.compile(
    rf"(?:{_SP}|[,|@()/\-–—•·]|{_TIME}|(?:{'|'.join(WEEKDAYS)}|{_WEEKDAY_ABBR})(?![\w])"
    rf"|on\b|at\b|{_ZONE}|(?:updated|posted)\b|\d+{_SP}*(?:min(?:ute)?s?|hours?|hrs?|days?)"
    rf"{_SP}+ago\b|just{_SP}+now\b)*",
    re.IGNORECASE,
)
_YEAR_MENTION = re.compile(r"(?<![\w$£€.,-])(?:19|20)\d{2}(?![\w%.,]\d|\d|%)")


def _month(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip("."))


@dataclass(frozen=True)
class _Found:
    """A date written in the text: where, what, and how much of it."""

    start: int
    end: int
    month: int
    day: int
    year: int | None

    def date(self, year: int | None = None) -> date | None:
        try:
            return date(year or self.year or 0, self.month, self.day)
        except ValueError:
            return None


def _found(match: re.Match[str], offset: int = 0) -> _Found | None:
    groups = match.groupdict()
    month = int(groups["month"]) if groups.get("month") else _month(groups["mon"])
    if month is None:
        return None
    year = int(groups["year"]) if groups.get("year") else None
    found = _Found(offset + match.start(), offset + match.end(), month, int(groups["day"]), year)
    return found if found.date(year or 2000) is not None else None  # 2000 lets 29 February by


def _dates(text: str, partial: bool = False) -> Iterator[_Found]:
    """Every full date (or, with `partial`, every month and day with no year) in `text`."""
    for pattern in _PARTIAL_DATES if partial else _FULL_DATES:
        for match in pattern.finditer(text):
            found = _found(match)
            if found is not None:
                yield found


_WEEKDAY_BEFORE = re.compile(
    rf"(?:(?:{'|'.join(WEEKDAYS)}|{_WEEKDAY_ABBR})(?:{_SP}*,{_SP}*|{_SP}+))?", re.I
)
_TIME_AFTER = re.compile(
    rf"(?:{_SP}*(?:[,|@]{_SP}*)?(?:at{_SP}+)?{_TIME}(?:{_SP}+{_ZONE})?)?", re.I
)


def _full_date_at(text: str, pos: int) -> _Found | None:
    """A full date starting at `pos` (after an optional weekday), its time included."""
    weekday = _WEEKDAY_BEFORE.match(text, pos)
    start = weekday.end() if weekday else pos
    for pattern in _FULL_DATES:
        match = pattern.match(text, start)
        found = _found(match) if match else None
        if found is not None:
            time = _TIME_AFTER.match(text, found.end)
            end = time.end() if time else found.end
            return _Found(pos, end, found.month, found.day, found.year)
    return None


# ---------------------------------------------------------------------------------------------
# The page's head: header lines, bylines, date lines and the dateline.


@dataclass(frozen=True)
class Dateline:
    """The place line that opens a lede: `BERLIN, Jan 2 (Reuters) -`, `MOSCOW (AP) —`."""

    start: int  # offsets of the whole dateline, dash included: masked in nlp_text
    end: int
    place: str | None  # as written: "BERLIN", "BAGHDAD, Iraq"; None for "(Reuters) -"
    agency: str | None  # the news agency in brackets: "Reuters", "AP"
    date: str | None  # the date as written ("Jan 2"), when the dateline carries one


@dataclass(frozen=True)
class PublicationDate:
    """An article's date as the text gives it: `origin` "text" when written whole near the
    top, "inferred" when reasoned out; `evidence` quotes the phrases it came from."""

    date: date
    origin: str  # "text" or "inferred"
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class PageHead:
    """What `read_head` found at the top of a page."""

    published: PublicationDate | None
    title: str | None
    dateline: Dateline | None
    metadata: tuple[tuple[int, int], ...]  # header, byline-date and dateline spans to mask
    undated: str | None  # when `published` is None: why, in a sentence for the user

    def publication(
        self, stated: object, dct: date | None
    ) -> tuple[date | None, str | None, tuple[str, ...]]:
        """The article's date, its kg:dateOrigin and the evidence for it: the date given on
        the command line (`--dct`), else the one its metadata states (`stated`: front matter,
        sources.yaml, a page's markup), else the one this head read from the text; (None,
        None, ()) when there is none."""
        if dct is not None:
            return dct, "metadata", ()
        if stated is not None:
            assert isinstance(stated, date)
            return stated, "metadata", ()
        if self.published is not None:
            return self.published.date, self.published.origin, self.published.evidence
        return None, None, ()

    def undated_message(self) -> str:
        """The one warning of an article left undated: why, what it costs, how to give a
        date."""
        why = f": {self.undated}" if self.undated else ""
        return (
            f'no publication date{why}. Read undated, its relative dates ("on Friday", "last '
            "month\") cannot be placed; give its date with --dct YYYY-MM-DD, 'published: "
            "YYYY-MM-DD' in its front matter, or its entry in sources.yaml"
        )


def _cues() -> Cues:
    return default_cues()


@cache
def _keys(kind: str) -> str:
    return "|".join(
        re.escape(k).replace(r"\ ", rf"{_SP}+")
        for k in sorted(_cues().words[kind], key=len, reverse=True)
    )


@dataclass(frozen=True)
class _Header:
    # lower wins: 0 a date header, 1 a byline's date, 2 an update, 3 a date line, 4 a dateline
    rank: int
    line: int
    found: _Found
    span: tuple[int, int]


# A byline and, after a bar, comma or dash, nothing but the date, perhaps after the outlet or
# the writer's post: "By Min-ji Park | September 7", "*By Priya Natarajan | Bloomberg | Nov. 17,
# 2026*" (a Markdown page sets it in emphasis). A writer, outlet and post fit in 160 characters.
_BYLINE = re.compile(rf"{_SP}*[*_]{{0,2}}By{_SP}+")
_BYLINE_BREAK = re.compile(rf"(?:{_SP}*[|,–—]|{_SP}+-){_SP}*")
_BYLINE_REACH = 160


@cache
def _header_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A key at a line's start, a key further in, and a key of an update."""
    keys = rf"(?P<key>{_keys('dated')}|{_keys('updated')})"
    return (
        re.compile(rf"{_SP}*{keys}(?:{_SP}+on)?{_SP}*(?:[:|\-–—]{_SP}*)?", re.I),
        re.compile(rf"(?<![\w]){keys}(?:{_SP}+on)?{_SP}*(?::{_SP}*)?", re.I),
        re.compile(rf"(?:{_keys('updated')})$", re.I),
    )


def _headers(line: Line) -> Iterator[_Header]:
    """Dates the line states as the page's own: a header, a byline date, a date line."""
    text = line.text
    at_start_key, inner_key, updated = _header_patterns()
    covered = 0
    at_start = at_start_key.match(text)
    if at_start:
        found = _full_date_at(text, at_start.end())
        if found:
            rank = 2 if updated.match(at_start["key"]) else 0
            covered = found.end
            yield _Header(rank, line.number, found, (line.start, line.start + found.end))
    # Further in, only a capitalised key counts ("By X | Published Dec. 30, 2022"): "the
    # report, published Dec. 30, 2022, said" is a sentence.
    for key in inner_key.finditer(text):
        if key.start() < covered or not key[0][:1].isupper():
            continue
        found = _full_date_at(text, key.end())
        if found is None:
            continue
        rank = 2 if updated.match(key["key"]) else 1
        byline = re.fullmatch(rf"{_SP}*By{_SP}+[^\n]{{1,80}}?", text[: key.start()])
        begin = 0 if byline else key.start()
        covered = found.end
        yield _Header(rank, line.number, found, (line.start + begin, line.start + found.end))
    byline = _BYLINE.match(text) if not covered else None
    if byline:
        # "By Min-ji Park | September 7, 2024", "By Jane Doe, Sept. 7, 2024 10:02 a.m.": the
        # date after whichever break it follows, and only stamp residue after it
        reach = byline.end() + _BYLINE_REACH
        for cut in _BYLINE_BREAK.finditer(text, byline.end(), reach):
            found = _full_date_at(text, cut.end())
            if found and _STAMP_RESIDUE.fullmatch(text[found.end :].rstrip("*_")):
                covered = found.end
                yield _Header(1, line.number, found, (line.start, line.end))
                break
    if not covered:
        found = next(_dates(text), None)
        if found and _STAMP_RESIDUE.fullmatch(text[: found.start] + " " + text[found.end :]):
            yield _Header(3, line.number, found, (line.start, line.end))


@cache
def _dateline_patterns() -> tuple[re.Pattern[str], ...]:
    caps_word = r"[A-Z][A-Z.'’\-]*[A-Z.]"
    name_word = r"[A-Z][\w.'’\-]*"
    caps_place = rf"{caps_word}(?:{_SP}+{caps_word}){{0,3}}"
    mixed_place = rf"[A-Z][a-z][\w.'’\-]*(?:{_SP}+{name_word}){{0,2}}"
    region = rf"{_SP}*,{_SP}*{name_word}(?:{_SP}+{name_word}){{0,2}}"
    day = (
        rf"(?P<when>(?i:(?:{_MONTH_NAME})\.?{_SP}*[0-3]?\d|[0-3]?\d{_SP}+(?:{_MONTH_NAME})\.?)"
        rf"(?:{_SP}*(?:,{_SP}*)?(?:19|20)\d\d)?)(?![\w])"
    )
    when = rf"{_SP}*,{_SP}*{day}"
    agency = rf"{_SP}*\({_SP}*(?P<agency>[A-Z][\w.&'’/\-]*(?:{_SP}+[\w.&'’/\-]+){{0,3}}){_SP}*\)"
    dash = rf"{_SP}*(?:--|[—–\-_])(?={_SP}|$)"
    return (
        re.compile(rf"{_SP}*(?P<place>{caps_place}(?:{region})?)(?:{when})?(?:{agency})?{dash}"),
        # A place in lower case only with a date or an agency ("Mumbai, Nov 11 -"): without
        # them "Putin - the..." would be one.
        re.compile(rf"{_SP}*(?P<place>{mixed_place}(?:{region})?)(?:{when})?(?:{agency})?{dash}"),
        re.compile(rf"{_SP}*{agency}{dash}"),
        # no place, a day and an agency: Reuters' "May 19 (Reuters) -", Bloomberg's "April 22
        # (Bloomberg) --"
        re.compile(rf"{_SP}*{day}{agency}{dash}"),
    )


def _dateline(line: Line, text: str) -> Dateline | None:
    """The dateline opening `text` (the line with its header already blanked), if any."""
    kicker = _cues().words["kicker"]
    for number, pattern in enumerate(_dateline_patterns()):
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        if number == 1 and not (groups["when"] or groups["agency"]):
            continue
        place = groups.get("place")
        first = place.split()[0].rstrip(",.").casefold() if place else ""
        if place and (
            " ".join(place.split()).casefold().replace("’", "'") in kicker
            or first in _MONTHS
            or first in WEEKDAYS
        ):
            continue  # "EXCLUSIVE -", "Sunday, November 27 - 2005": a label or a date
        if place:
            begin = match.start("place")
        elif groups.get("when"):
            begin = match.start("when")
        else:
            begin = text.rfind("(", 0, match.start("agency"))
        return Dateline(
            start=line.start + begin,
            end=line.start + match.end(),
            place=" ".join(place.split()) if place else None,
            agency=" ".join(groups["agency"].split()) if groups.get("agency") else None,
            date=" ".join(groups["when"].split()) if groups.get("when") else None,
        )
    return None


# ---------------------------------------------------------------------------------------------
# The publication date from the story itself.


@dataclass(frozen=True)
class _Cue:
    text: str  # as written
    line: int
    where: str  # "" in the prose, or the furniture kind ("caption")


def _quote(cue: _Cue) -> str:
    where = f", a {cue.where}" if cue.where else ""
    return f'"{cue.text}" (line {cue.line}{where})'


@dataclass(frozen=True)
class _MonthDay:
    """A month and day with no year that dates the story's news: a dateline's (the day of
    filing, whose lede reports that day or the day before) or a caption's (the day of the
    event the picture shows, which the lede dates by its weekday)."""

    found: _Found
    cue: _Cue
    days_after: tuple[int, ...]  # how many days after the lede's weekday it may fall


@dataclass(frozen=True)
class _Evidence:
    """The date cues of a page's own prose and captions."""

    month_days: tuple[_MonthDay, ...]
    weekdays: tuple[tuple[int, _Cue], ...]  # the weekdays the lede names ("said on Friday")
    years: tuple[tuple[int, _Cue], ...]  # the years the prose and captions write
    # the years the story was written after ("its biggest loss since 2009"): a later one dates it
    after: tuple[tuple[int, _Cue], ...] = ()


def _evidence(
    page: Sequence[Line], masked: str, kinds: dict[int, str], dateline: tuple[Dateline, int] | None
) -> _Evidence:
    """Date cues from the prose (what `masked` keeps) and from captions, nothing else."""
    shift = re.compile(rf"(?:{_keys('shift')}){_SP}+$", re.I)
    ahead = re.compile(rf"\b(?:{_keys('ahead')}){_SP}+(?:(?:the{_SP}+)?end{_SP}+of{_SP}+)?$", re.I)
    since = re.compile(rf"\b(?:{_keys('since')}){_SP}+$", re.I)
    after: list[tuple[int, _Cue]] = []
    month_days: list[_MonthDay] = []
    if dateline is not None and dateline[0].date:
        written = next(_dates(dateline[0].date, partial=True), None)
        if written is not None:
            cue = _Cue(dateline[0].date, dateline[1], "dateline")
            month_days.append(_MonthDay(written, cue, (0, 1)))
    weekdays: list[tuple[int, _Cue]] = []
    years: list[tuple[int, _Cue]] = []
    paragraphs = 0
    for line in page:
        kind = kinds.get(line.number, "")
        if kind and kind != "caption":
            continue  # a link's, a promotion's or a button's dates say nothing of the story
        text = line.text if kind else masked[line.start : line.end]
        if not kind and paragraphs < _LEDE_PARAGRAPHS:
            for match in _WEEKDAY.finditer(text):
                if not shift.search(text[max(0, match.start() - 20) : match.start()]):
                    weekday = WEEKDAYS.index(match["weekday"].lower())
                    weekdays.append((weekday, _Cue(match[0], line.number, kind)))
        paragraphs += not kind and is_prose(text)
        for match in _YEAR_MENTION.finditer(text):
            cue = _Cue(match[0], line.number, kind)
            before = text[max(0, match.start() - 20) : match.start()]
            if since.search(before):
                after.append((int(match[0]), cue))
            if not ahead.search(before):  # "cut emissions by 2030" is no year of the story's
                years.append((int(match[0]), cue))
        if kind:
            for found in _dates(text, partial=True):
                cue = _Cue(text[found.start : found.end], line.number, kind)
                month_days.append(_MonthDay(found, cue, (0,)))
    return _Evidence(tuple(month_days), tuple(weekdays), tuple(years), tuple(after))


def _by_weekday(
    evidence: _Evidence, candidates: Sequence[date]
) -> tuple[PublicationDate | None, str | None]:
    """A month-day with no year, its year fixed by the lede's weekday: (the date, None) or
    (None, why not). The year must lie within a year of one the text writes (or two after it)
    or of a candidate's: a weekday recurs on a month-day every 5, 6 or 11 years, so at most one
    fits each."""
    mentioned = [y for y, _ in evidence.years] + [c.year for c in candidates]
    allowed = {y + s for y in mentioned for s in range(-_NEAR_YEAR, _NEAR_YEAR + 1)}
    # a report looks back further than ahead: "losses in 2018" in May 2020
    allowed |= {y + _LOOK_BACK for y, _ in evidence.years}
    latest = max(mentioned, default=None)
    floor = max((y + 1 for y, _ in evidence.after), default=0)
    best: tuple[date, tuple[str, ...]] | None = None
    unresolved: list[str] = []
    for month_day in evidence.month_days:
        found = month_day.found
        for weekday, wd_cue in evidence.weekdays:
            # The same day first: a dateline's lede reports the day before only if not that day.
            for after in month_day.days_after:
                years = _matching_years(found.month, found.day, (weekday + after) % _WEEK)
                fitting = [y for y in years if y in allowed and y >= floor]
                if fitting:
                    break
            if not fitting:
                years = _matching_years(found.month, found.day, weekday)
                recent = sorted((y for y in years if y in _RECENT), reverse=True)[:4]
                if recent:
                    unresolved.append(
                        f'the text says "{month_day.cue.text}" and "{wd_cue.text}" but gives no '
                        f"year ({found.date(recent[0]):%-d %B} fell on a {wd_cue.text.title()} "
                        f"in {', '.join(map(str, recent[:-1]))} and {recent[-1]})"
                    )
                continue
            year = min(fitting, key=lambda y: (abs(y - (latest or y)), -y))
            day = found.date(year)
            assert day is not None
            why = [_quote(month_day.cue), _quote(wd_cue)]
            why += [_quote(c) for y, c in evidence.years if abs(y - year) <= _NEAR_YEAR][:2]
            near = sorted({c.isoformat() for c in candidates if abs(c.year - year) <= _NEAR_YEAR})
            if near:
                why.append("other articles dated " + ", ".join(near[:3]))
            if best is None or day > best[0]:
                best = (day, tuple(why))
            break  # the lede's first weekday that fits dates it: a later one tells the past
    if best is not None:
        return PublicationDate(best[0], "inferred", best[1]), None
    return None, (unresolved[0] if unresolved else None)


def _matching_years(month: int, day: int, weekday: int) -> list[int]:
    return [
        y
        for y in _YEARS
        if (d := _Found(0, 0, month, day, y).date()) is not None and d.weekday() == weekday
    ]


def _by_candidates(evidence: _Evidence, candidates: Sequence[date]) -> PublicationDate | None:
    """The lede's weekday, placed in the week of other articles' dates.

    For each candidate date, the last day on or before it that falls on a weekday the lede
    names: the day most candidates point to is the story's, and the article is dated then.
    """
    if not evidence.weekdays or not candidates:
        return None
    votes: Counter[date] = Counter()
    for candidate in candidates:
        for weekday, _ in evidence.weekdays:
            votes[candidate - timedelta(days=(candidate.weekday() - weekday) % _WEEK)] += 1
    day = max(votes, key=lambda d: (votes[d], d))
    cue = next(c for w, c in evidence.weekdays if w == day.weekday())
    near = sorted({c.isoformat() for c in candidates if timedelta(0) <= c - day < timedelta(_WEEK)})
    return PublicationDate(
        day, "inferred", (_quote(cue), "other articles dated " + ", ".join(near[:3]))
    )


# ---------------------------------------------------------------------------------------------
# Reading the head.


def read_head(
    text: str,
    verdicts: Sequence[Verdict] | None = None,
    skip: int = 0,
    candidates: Sequence[date] = (),
    same_story: bool = True,
) -> PageHead:
    """The publication date, title and dateline of a page, and the metadata spans to mask.

    `text` is the page as read; `verdicts` its furniture (`classify(text, skip)` when None);
    `skip` characters of front matter are not read. `candidates` are dates of other articles
    that report the same story (the build supplies them; see `publication_date`); with
    `same_story` False they are only other articles of the build, whose years may fix a
    dateline's (rule 2) but whose days say nothing of this one (no rule 3).
    """
    if verdicts is None:
        verdicts = classify(text, skip)
    masked = blank(text, [(0, skip)] + [(v.start, v.end) for v in verdicts])
    page = lines(text, skip)
    by_number = {line.number: line for line in page}
    whole = {v.line: v.kind for v in verdicts if _covers(v, by_number)}
    head = [line for line in page if line.number not in whole][:_HEAD_LINES]

    headers: list[_Header] = []
    spans: list[tuple[int, int]] = []
    for line in head:
        visible = Line(line.number, line.start, line.end, masked[line.start : line.end])
        for header in _headers(visible):
            headers.append(header)
            spans.append(header.span)
    masked = blank(masked, spans)

    dateline: tuple[Dateline, int] | None = None
    prose = 0
    for line in head:
        shown = masked[line.start : line.end]
        if not shown.strip():
            continue
        found = _dateline(line, shown)
        if found is not None:
            dateline = (found, line.number)
            spans.append((found.start, found.end))
            masked = blank(masked, [(found.start, found.end)])
            break
        prose += is_prose(shown)
        if prose >= _DATELINE_PROSE:
            break
    if dateline is not None and dateline[0].date:
        full = next(_dates(dateline[0].date), None)
        if full is not None:
            headers.append(_Header(4, dateline[1], full, (dateline[0].start, dateline[0].end)))

    kinds = dict(whole)
    for v in verdicts:  # a repeat of a caption's title is a caption too
        if (
            v.kind == "repeat"
            and v.line in kinds
            and v.line - 1 in kinds
            and kinds[v.line - 1] == "caption"
        ):
            kinds[v.line] = "caption"
    published, undated = _publication(
        text, page, masked, kinds, headers, dateline, candidates, same_story
    )
    return PageHead(
        published=published,
        title=title_from_text(masked),
        dateline=dateline[0] if dateline else None,
        metadata=tuple(sorted(spans)),
        undated=undated,
    )


def _covers(verdict: Verdict, by_number: dict[int, Line]) -> bool:
    """Whether the verdict masks its whole line."""
    line = by_number.get(verdict.line)
    return line is not None and verdict.start <= line.start and verdict.end >= line.end


def _publication(
    text: str,
    page: Sequence[Line],
    masked: str,
    kinds: dict[int, str],
    headers: Sequence[_Header],
    dateline: tuple[Dateline, int] | None,
    candidates: Sequence[date],
    same_story: bool,
) -> tuple[PublicationDate | None, str | None]:
    if headers:
        best = min(headers, key=lambda h: (h.rank, h.line))
        day = best.found.date()
        if day is not None:
            written = text[best.span[0] : best.span[1]].strip()
            return PublicationDate(day, "text", (f'"{written}" (line {best.line})',)), None
    evidence = _evidence(page, masked, kinds, dateline)
    found, why_not = _by_weekday(evidence, candidates)
    if found is None and same_story:
        found = _by_candidates(evidence, candidates)
    if found is not None:
        return found, None
    return None, why_not or "the text states none and gives no month and day to infer it from"


def publication_date(
    text: str,
    verdicts: Sequence[Verdict] | None = None,
    skip: int = 0,
    candidates: Sequence[date] = (),
) -> PublicationDate | None:
    """The publication date a page gives or implies, with its origin and evidence.

    Only the page's own lines count, never its furniture. First found wins:

    1. stated near the top, origin "text": a header line (` date 2022-12-30`, `Date: 30
       December 2022`, `Published: ...`, also glued to the lede), a byline date (`By X |
       Published December 30, 2022`), an `Updated` date, a line holding only a date and time,
       a dateline with a full date (`MOSCOW, 30 December 2022 (TASS) -`);
    2. a month and day with no year whose year a weekday fixes, origin "inferred": a
       dateline's (`BEIJING, Dec 30 (Reuters) -`, the day of filing: the lede's weekday is that
       day or the day before) or a caption's (the day of the event the picture shows: "holds a
       video meeting ... on Dec. 30", whose weekday the lede gives, "said on Friday"). 30
       December is a Friday in 2005, 2011, 2016, 2022 and 2033: the year taken is the one within
       a year of a year the text writes ("spring 2023"; or two years after it: "a loss in
       2018") or of a `candidates` date, the nearest to the latest such year, by the lede's
       first weekday that fits one (a later one tells of an earlier day). Without one the
       article stays undated and the reason names the possible years;
    3. with `candidates` (dates of other articles reporting the same story; the build knows
       them): the lede's weekday in the week those dates point to most, "inferred".

    A caption's, video label's or link's date is never the publication date: a caption dates
    what it shows (rule 2 may use its month and day as the event's), a link what it links to.
    A date written in the prose is not one either: measured on TimeBank, taking the latest
    full date of the prose got 0 of 21 articles right (they cite maturities, anniversaries,
    history).

    `candidates` is how the build (phase B) dates an undated article from the articles that
    report the same events: `publication_date(article.text, candidates=[...])`.
    """
    return read_head(text, verdicts, skip, candidates).published


def date_from_text(text: str, candidates: Sequence[date] = ()) -> tuple[date, str] | None:
    """`publication_date` as (date, origin), or None."""
    found = publication_date(text, candidates=candidates)
    return (found.date, found.origin) if found else None


_HEADING = re.compile(r"^[^\S\n]*#[^\S\n]+(?P<title>\S[^\n]*?)[^\S\n]*#*[^\S\n]*$")


def title_from_text(nlp_text: str) -> str | None:
    """A first-level Markdown heading near the top, else the first line that is not furniture
    or metadata (blank in `nlp_text`) if it reads as a title: short, not closed by a full stop."""
    head = [line.text for line in lines(nlp_text)][:_HEAD_LINES]
    for line in head:
        heading = _HEADING.match(line)
        if heading:
            return heading["title"].strip()
    if head:
        first = " ".join(head[0].split())
        if len(first) <= _TITLE_MAX and not first.endswith((".", ":", ",", ";")):
            return first
    return None
