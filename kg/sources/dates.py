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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from datetime import date, timedelta

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
_DATELINE_PROSE = 3  # the dateline opens the lede: look no further than the third paragraph
_TITLE_MAX = 150
_SP = r"[^\S\n]"
# A weekday fixes a month-day's year only within the years a page can be about; kg reads news
# of 1900-2099 (TIMEX3 values outside are not dated by it either).
_YEARS = range(1900, 2100)
_NEAR_YEAR = 1  # a report mentions its own year, the last or the next one
_WEEK = 7

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
        rf"(?<!\d){_DAY}{_SP}+{_MON}{_SP}*,?{_SP}*{_YEAR}",
        rf"{_MON}{_SP}*{_DAY}{_SP}*,?{_SP}*{_YEAR}",
    )
)
_PARTIAL_DATES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?<!\d){_DAY}{_SP}+{_MON}(?![\w])(?!{_SP}*,?{_SP}*(?:19|20)\d\d)",
        rf"{_MON}{_SP}*{_DAY}(?!{_SP}*,?{_SP}*(?:19|20)\d\d)",
    )
)
_WEEKDAY = re.compile(r"(?<![\w])(?P<weekday>" + "|".join(WEEKDAYS) + r")(?![\w])", re.IGNORECASE)
_WEEKDAY_ABBR = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
_TIME = (
    rf"\d{{1,2}}{_SP}*[:.]{_SP}*\d{{2}}(?:{_SP}*:{_SP}*\d{{2}})?"
    rf"(?:{_SP}*[ap]\.?{_SP}?m\.?)?(?:{_SP}*hrs)?"
)
# What may stand beside a date on a line that holds nothing else: times, weekdays, zones, "on".
_STAMP_RESIDUE = re.compile(
    rf"(?:{_SP}|[,|@()/\-–—•·]|{_TIME}|(?:{'|'.join(WEEKDAYS)}|{_WEEKDAY_ABBR})(?![\w])"
    rf"|on\b|at\b|(?-i:[A-Z]{{2,5}})(?![\w]))*",
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


_WEEKDAY_BEFORE = re.compile(rf"(?:(?:{'|'.join(WEEKDAYS)}|{_WEEKDAY_ABBR}),?{_SP}+)?", re.I)
_TIME_AFTER = re.compile(
    rf"(?:{_SP}*[,|@]?{_SP}*(?:at{_SP}+)?{_TIME}(?:{_SP}+(?-i:[A-Z]{{2,5}})(?![\w]))?)?", re.I
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


def _cues() -> Cues:
    return default_cues()


def _keys(kind: str) -> str:
    return "|".join(
        re.escape(k).replace(r"\ ", rf"{_SP}+") for k in sorted(_cues().words[kind], key=len, reverse=True)
    )


@dataclass(frozen=True)
class _Header:
    rank: int  # lower wins: 0 a date header, 1 a byline's date, 2 an update, 3 a date line, 4 a dateline
    line: int
    found: _Found
    span: tuple[int, int]


def _headers(line: Line) -> Iterator[_Header]:
    """Dates the line states as the page's own: a header, a byline date, a date line."""
    text = line.text
    keys = rf"(?P<key>{_keys('dated')}|{_keys('updated')})"
    updated = re.compile(rf"(?:{_keys('updated')})$", re.I)
    covered = 0
    at_start = re.compile(rf"{_SP}*{keys}(?:{_SP}+on)?{_SP}*[:|\-–—]?{_SP}*", re.I).match(text)
    if at_start:
        found = _full_date_at(text, at_start.end())
        if found:
            rank = 2 if updated.match(at_start["key"]) else 0
            covered = found.end
            yield _Header(rank, line.number, found, (line.start, line.start + found.end))
    # Further in, only a capitalised key counts ("By X | Published Dec. 30, 2022"): "the
    # report, published Dec. 30, 2022, said" is a sentence.
    for key in re.finditer(rf"(?<![\w]){keys}(?:{_SP}+on)?{_SP}*:?{_SP}*", text, re.I):
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
    when = (
        rf"{_SP}*,{_SP}*(?P<when>(?i:(?:{_MONTH_NAME})\.?{_SP}*[0-3]?\d|[0-3]?\d{_SP}+(?:{_MONTH_NAME})\.?)"
        rf"(?:{_SP}*,?{_SP}*(?:19|20)\d\d)?)(?![\w])"
    )
    agency = rf"{_SP}*\({_SP}*(?P<agency>[A-Z][\w.&'’/\-]*(?:{_SP}+[\w.&'’/\-]+){{0,3}}){_SP}*\)"
    dash = rf"{_SP}*(?:--|[—–\-_])(?={_SP}|$)"
    return (
        re.compile(rf"{_SP}*(?P<place>{caps_place}(?:{region})?)(?:{when})?(?:{agency})?{dash}"),
        re.compile(rf"{_SP}*(?P<place>{caps_place}(?:{region})?){_SP}*:(?={_SP})"),
        # A place in lower case only with a date or an agency ("Mumbai, Nov 11 -"): without
        # them "Putin - the..." would be one.
        re.compile(rf"{_SP}*(?P<place>{mixed_place}(?:{region})?)(?:{when})?(?:{agency})?{dash}"),
        re.compile(rf"{_SP}*{agency}{dash}"),
    )


def _dateline(line: Line, text: str) -> Dateline | None:
    """The dateline opening `text` (the line with its header already blanked), if any."""
    kicker = _cues().words["kicker"]
    for number, pattern in enumerate(_dateline_patterns()):
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        if number == 2 and not (groups["when"] or groups["agency"]):
            continue
        place = groups.get("place")
        if place and " ".join(place.split()).casefold().replace("’", "'") in kicker:
            continue
        begin = match.start("place") if place else match.start("agency") - 1
        begin = text.rfind("(", 0, match.start("agency")) if not place else begin
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
class _Evidence:
    """The date cues of a page's own prose and captions."""

    month_days: tuple[tuple[_Found, _Cue], ...]
    weekdays: tuple[tuple[int, _Cue], ...]
    years: tuple[tuple[int, _Cue], ...]
    full_dates: tuple[tuple[date, _Cue], ...]  # in the prose only


def _evidence(page: Sequence[Line], masked: str, kinds: dict[int, str], cues: Cues) -> _Evidence:
    """Date cues from the prose (what `masked` keeps) and from captions, nothing else."""
    shift = re.compile(rf"(?:{_keys('shift')}){_SP}+$", re.I)
    month_days: list[tuple[_Found, _Cue]] = []
    weekdays: list[tuple[int, _Cue]] = []
    years: list[tuple[int, _Cue]] = []
    full: list[tuple[date, _Cue]] = []
    for line in page:
        kind = kinds.get(line.number, "")
        if kind and kind != "caption":
            continue  # a link's, a promotion's or a button's dates say nothing of the story
        text = line.text if kind else masked[line.start : line.end]
        for match in _WEEKDAY.finditer(text):
            if not shift.search(text[max(0, match.start() - 20) : match.start()]):
                weekday = WEEKDAYS.index(match["weekday"].lower())
                weekdays.append((weekday, _Cue(match[0], line.number, kind)))
        for match in _YEAR_MENTION.finditer(text):
            years.append((int(match[0]), _Cue(match[0], line.number, kind)))
        for found in _dates(text):
            named = _WEEKDAY.search(text, max(0, found.start - 12), found.start)
            day = found.date()
            if day is None or (named and WEEKDAYS.index(named["weekday"].lower()) != day.weekday()):
                continue  # "Thursday, December 30, 2022": the weekday and the date disagree
            cue = _Cue(text[found.start : found.end], line.number, kind)
            if kind:
                month_days.append((found, cue))  # a caption's date: evidence, never the date
            else:
                full.append((day, cue))
                if named:
                    month_days.append((found, cue))
        for found in _dates(text, partial=True):
            before = text[max(0, found.start - 14) : found.start]
            # In the prose, only a month-day written with its weekday ("Friday, Dec. 30") is
            # the story's day; others may be any day the story mentions ("due on March 15").
            if kind or _WEEKDAY.search(before):
                month_days.append((found, _Cue(text[found.start : found.end], line.number, kind)))
    return _Evidence(tuple(month_days), tuple(weekdays), tuple(years), tuple(full))


def _matching_years(month: int, day: int, weekday: int) -> list[int]:
    return [
        y
        for y in _YEARS
        if (d := _Found(0, 0, month, day, y).date()) is not None and d.weekday() == weekday
    ]


def _by_weekday(
    evidence: _Evidence, candidates: Sequence[date]
) -> tuple[PublicationDate | None, str | None]:
    """A month-day fixed by a weekday: (the date, None) or (None, why not)."""
    allowed = Counter(
        y + shift
        for y in [y for y, _ in evidence.years] + [c.year for c in candidates]
        for shift in range(-_NEAR_YEAR, _NEAR_YEAR + 1)
    )
    latest = max([y for y, _ in evidence.years] + [c.year for c in candidates], default=None)
    best: tuple[date, tuple[str, ...]] | None = None
    unresolved: list[str] = []
    for found, md_cue in evidence.month_days:
        for weekday, wd_cue in evidence.weekdays:
            years = [found.year] if found.year else _matching_years(found.month, found.day, weekday)
            years = [y for y in years if (d := found.date(y)) is not None and d.weekday() == weekday]
            if not years:
                continue
            fitting = years if found.year else [y for y in years if allowed[y]]
            if not fitting:
                recent = [y for y in years if 2000 <= y <= 2030][::-1][:4]
                if recent:
                    unresolved.append(
                        f'the text says "{md_cue.text}" and "{wd_cue.text}" but gives no year '
                        f"({found.date(recent[0]):%-d %B} fell on a {WEEKDAYS[weekday].title()} "
                        f"in {', '.join(map(str, recent))})"
                    )
                continue
            assert latest is not None or found.year
            year = min(fitting, key=lambda y: (abs(y - (latest or y)), -y))
            day = found.date(year)
            assert day is not None
            why = [_quote(md_cue), _quote(wd_cue)]
            if not found.year:
                years_cited = [c for y, c in evidence.years if abs(y - year) <= _NEAR_YEAR][:2]
                why += [_quote(c) for c in years_cited]
                near = sorted({c.isoformat() for c in candidates if abs(c.year - year) <= _NEAR_YEAR})
                if near:
                    why.append("other articles dated " + ", ".join(near[:3]))
            if best is None or day > best[0]:
                best = (day, tuple(why))
    if best is not None:
        return PublicationDate(best[0], "inferred", best[1]), None
    return None, (unresolved[0] if unresolved else None)


def _by_candidates(evidence: _Evidence, candidates: Sequence[date]) -> PublicationDate | None:
    """A weekday the story names, placed in the week of other articles' dates.

    For each candidate date, the last day on or before it that falls on a weekday the story
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
    return PublicationDate(day, "inferred", (_quote(cue), "other articles dated " + ", ".join(near[:3])))


def _partial_dateline(dateline: Dateline, line: int, evidence: _Evidence) -> PublicationDate | None:
    """A dateline's month and day with the year the text mentions most (the latest on a tie)."""
    found = next(_dates(dateline.date or "", partial=True), None)
    years = Counter(y for y, _ in evidence.years)
    if found is None or not years:
        return None
    year = max(years, key=lambda y: (years[y], y))
    day = found.date(year)
    if day is None:
        return None
    cited = next(c for y, c in evidence.years if y == year)
    return PublicationDate(day, "inferred", (_quote(_Cue(dateline.date or "", line, "dateline")), _quote(cited)))


# ---------------------------------------------------------------------------------------------
# Reading the head.


def read_head(
    text: str,
    verdicts: Sequence[Verdict] | None = None,
    skip: int = 0,
    candidates: Sequence[date] = (),
) -> PageHead:
    """The publication date, title and dateline of a page, and the metadata spans to mask.

    `text` is the page as read; `verdicts` its furniture (`classify(text, skip)` when None);
    `skip` characters of front matter are not read. `candidates` are dates of other articles
    that report the same story (the build supplies them; see `publication_date`).
    """
    if verdicts is None:
        verdicts = classify(text, skip)
    masked = blank(text, [(0, skip)] + [(v.start, v.end) for v in verdicts])
    page = lines(text, skip)
    whole = {v.line: v.kind for v in verdicts if _covers(v, page)}
    head = [line for line in page if line.number not in whole][:_HEAD_LINES]

    headers: list[_Header] = []
    spans: list[tuple[int, int]] = []
    for line in head:
        shown = Line(line.number, line.start, line.end, masked[line.start : line.end])
        for header in _headers(shown):
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

    kinds = {v.line: v.kind for v in verdicts if _covers(v, page)}
    for v in verdicts:  # a repeat of a caption's title is a caption too
        if v.kind == "repeat" and v.line in kinds and v.line - 1 in kinds and kinds[v.line - 1] == "caption":
            kinds[v.line] = "caption"
    published, undated = _publication(text, page, masked, kinds, headers, dateline, candidates)
    return PageHead(
        published=published,
        title=title_from_text(masked),
        dateline=dateline[0] if dateline else None,
        metadata=tuple(sorted(spans)),
        undated=undated,
    )


def _covers(verdict: Verdict, page: Sequence[Line]) -> bool:
    line = next((l for l in page if l.number == verdict.line), None)
    return line is not None and verdict.start <= line.start and verdict.end >= line.end


def _publication(
    text: str,
    page: Sequence[Line],
    masked: str,
    kinds: dict[int, str],
    headers: Sequence[_Header],
    dateline: tuple[Dateline, int] | None,
    candidates: Sequence[date],
) -> tuple[PublicationDate | None, str | None]:
    if headers:
        best = min(headers, key=lambda h: (h.rank, h.line))
        day = best.found.date()
        if day is not None:
            written = text[best.span[0] : best.span[1]].strip()
            return PublicationDate(day, "text", (f'"{written}" (line {best.line})',)), None
    evidence = _evidence(page, masked, kinds, _cues())
    if dateline is not None and dateline[0].date:
        found = _partial_dateline(dateline[0], dateline[1], evidence)
        if found is not None:
            return found, None
    found, why_not = _by_weekday(evidence, candidates)
    if found is None:
        found = _by_candidates(evidence, candidates)
    if found is None and evidence.full_dates:
        # The latest date the prose writes in full: a report comes on or after every day it
        # dates, so this is a lower bound taken as the date.
        day, cue = max(evidence.full_dates, key=lambda d: d[0])
        found = PublicationDate(day, "inferred", (_quote(cue), "the latest date the text gives"))
    if found is not None:
        return found, None
    return None, why_not or "the text gives no date line, dateline or byline date, and no date to infer one from"


def publication_date(
    text: str,
    verdicts: Sequence[Verdict] | None = None,
    skip: int = 0,
    candidates: Sequence[date] = (),
) -> PublicationDate | None:
    """The publication date a page gives or implies, with its origin and evidence.

    Tried in order, first found wins (only the page's own lines count, never furniture):

    1. stated near the top, origin "text": a header line (` date 2022-12-30`, `Date: 30
       December 2022`, `Published: ...`, also glued to the lede), a byline date (`By X |
       Published December 30, 2022`), an `Updated` date, a line holding only a date and time,
       a dateline with a full date (`MOSCOW, 30 December 2022 (TASS) -`);
    2. a dateline's month and day (`BEIJING, Dec 30 (Reuters) -`) with the year the text
       mentions most: "inferred";
    3. a month and day with no year plus a weekday that fixes the year: the month-day of a
       caption (a photo of the event: "on Dec. 30") or one written beside its weekday, and a
       weekday the text names ("on Friday", not "last Friday"). 30 December is a Friday in
       2005, 2011, 2016, 2022, 2033: the year taken is one within a year of a year the text
       mentions (or of a `candidates` date), the nearest to the latest such year. No year cue
       at all leaves it undated, and the reason names the possible years. "inferred";
    4. with `candidates` (dates of other articles of the same story, from the build): the
       weekday the story names, in the week those dates point to most. "inferred";
    5. the latest date the prose writes in full, a lower bound of the publication date.

    A caption's, video label's or link's date is never taken as the publication date (rule 1
    and 5 read the prose only); a caption's month-day is only evidence for rule 3, because
    the caption dates the event it shows, whose weekday the prose gives.
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
