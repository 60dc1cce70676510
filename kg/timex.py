"""TimeML TIMEX3 normalisation in pure Python: a phrase and a document date in, type and value out.

The grammar is small on purpose: a phrase is cleaned (number words to digits, modifiers such as
"about" or "early" set aside since they do not change the value), then tried against rules from
the most specific (a full date) to the most vague (`PAST_REF`). Relative phrases are anchored on
the document creation time (DCT); without one they keep TimeML's X digits ("XXXX-02"), never
today's date, so a build is reproducible. Named points without a year ("Friday", "in February",
"the third quarter") take the direction of the sentence's tense: the last one at or before the DCT
in a past-tense sentence, the next one at or after it in a future-tense one, the nearest otherwise.

The normalisation tables (months, weekdays, parts of the day and year, holidays and their
rules, time zones, look-ahead verbs) are data files in `ontology/timex/`, one concern a file, as
HeidelTime keeps its resources; this module only applies them. A clock time keeps its zone as a
UTC offset; all-numeric dates read day and month in the article's locale (`day_first`); a range
is one `Timex` with `begin` and `end`.

`bounds` turns a DATE value back into the first and last day it can cover, for the timeline.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.relativedelta import relativedelta

from kg.errors import KgError
from kg.resources import ONTOLOGY_DIR

__all__ = [
    "HOLIDAYS",
    "HOLIDAY_NAMES",
    "LOOK_AHEAD_VERBS",
    "MONTHS",
    "PARTS_OF_DAY",
    "PARTS_OF_YEAR",
    "WEEKDAYS",
    "ZONES",
    "Timex",
    "bounds",
    "day_first",
    "holiday",
    "normalise",
]


@dataclass(frozen=True)
class Timex:
    """A normalised time expression: TIMEX3 `type` and `value`.

    A range ("Jan. 5-7", "from Monday to Wednesday", "between 2019 and 2021") is one Timex whose
    `begin` and `end` are the TIMEX3 values of its first and last points (TimeML's beginPoint
    and endPoint); its `type` is theirs and its `value` is `begin`, so that a reader of values
    alone places the range where it starts. Anything else has `begin` = `end` = None.
    """

    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str  # TIMEX3 value: "2022-12-30", "2023-SP", "P1M", "XXXX-02", "PAST_REF"
    begin: str | None = None
    end: str | None = None


# --------------------------------------------------------------------------- tables
# The normalisation tables are data, one concern a file in ontology/timex/, as HeidelTime keeps
# its resources: a linguist adds a holiday, a time zone or an abbreviation without touching code.

TABLES = ONTOLOGY_DIR / "timex"


def _rows(name: str, columns: int) -> list[tuple[str, ...]]:
    """The rows of a tab-separated table in ontology/timex/, its header and comments (#) left
    out. Raises KgError naming the file and line of a row with the wrong number of cells."""
    path = TABLES / name
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise KgError(f"{path}: cannot read: {exc}") from exc
    rows: list[tuple[str, ...]] = []
    header = True
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != columns:
            raise KgError(f"{path}:{number}: expected {columns} tab-separated cells: {line!r}")
        if header:
            header = False
            continue
        rows.append(cells)
    return rows


def _key(name: str) -> str:
    """How table names are matched: case, full stops, apostrophes and hyphens do not count."""
    folded = name.lower().replace("’", "'").replace("'", "").replace(".", "")
    return " ".join(folded.replace("-", " ").split())


def _numbers(name: str, low: int, high: int) -> dict[str, int]:
    table: dict[str, int] = {}
    for word, number in _rows(name, 2):
        if not number.isdigit() or not low <= int(number) <= high:
            raise KgError(f"{TABLES / name}: {word!r}: {number!r} is not a number {low}-{high}")
        table[_key(word)] = int(number)
    return table


def _codes(name: str, pattern: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for word, code in _rows(name, 2):
        if not re.fullmatch(pattern, code):
            raise KgError(f"{TABLES / name}: {word!r}: {code!r} is not a code of {pattern}")
        table[_key(word)] = code
    return table


MONTHS = _numbers("months.tsv", 1, 12)
WEEKDAYS = _numbers("weekdays.tsv", 1, 7)  # ISO 8601: 1 is Monday
PARTS_OF_DAY = _codes("parts-of-day.tsv", "MO|MI|AF|EV|NI|DT")
PARTS_OF_YEAR = _codes("parts-of-year.tsv", "SP|SU|FA|WI|Q[1-4]|H[12]")
SEASONS = {k: v for k, v in PARTS_OF_YEAR.items() if v in ("SP", "SU", "FA", "WI")}

_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOLIDAY_RULE = re.compile(
    r"(?P<mm>\d{2})-(?P<dd>\d{2})"
    r"|(?P<orthodox>orthodox-)?easter(?P<easter_shift>[+-]\d+)?"
    rf"|(?P<month>\d{{2}})-(?P<weekday>{'|'.join(_WEEKDAY_NAMES)})-(?P<n>[1-5]|last)"
    r"(?P<shift>[+-]\d+)?"
)


def _holiday_rule(rule: str) -> Callable[[int], date] | None:
    """A holidays.tsv rule as a function of the year (see the file's head for the grammar)."""
    m = _HOLIDAY_RULE.fullmatch(rule)
    if m is None:
        return None
    if m["mm"]:
        month, day = int(m["mm"]), int(m["dd"])
        # 2000 had a 29 February; in other years that day falls back to the 28th
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
            return None
        return lambda y: date(y, month, min(day, calendar.monthrange(y, month)[1]))
    if m["month"] is None:
        method = EASTER_ORTHODOX if m["orthodox"] else EASTER_WESTERN
        days = int(m["easter_shift"] or 0)
        return lambda y: easter(y, method) + timedelta(days=days)
    month, weekday = int(m["month"]), _WEEKDAY_NAMES.index(m["weekday"]) + 1
    n = -1 if m["n"] == "last" else int(m["n"])
    shift = int(m["shift"] or 0)
    if not 1 <= month <= 12:
        return None
    # a fifth weekday some months lack: the rule is the month's last one
    return lambda y: _nth_weekday(y, month, weekday, n) + timedelta(days=shift)


def _holidays() -> tuple[dict[str, Callable[[int], date]], tuple[str, ...]]:
    table: dict[str, Callable[[int], date]] = {}
    written: list[str] = []
    for name, rule in _rows("holidays.tsv", 2):
        found = _holiday_rule(rule)
        if found is None:
            raise KgError(f"{TABLES / 'holidays.tsv'}: {name!r}: {rule!r} is not a holiday rule")
        table[_key(name)] = found
        written.append(name)
    return table, tuple(written)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ISO `weekday` (1 = Monday) of a month; n = -1 (or past the month's end) is the
    last."""
    days = [
        date(year, month, d)
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).isoweekday() == weekday
    ]
    return days[n - 1] if 0 < n <= len(days) else days[-1]


# name (as `_key` folds it) -> the holiday's date in a given year; the names as written
HOLIDAYS, HOLIDAY_NAMES = _holidays()
_EVE = re.compile(r"(?:the )?eve of (?P<of>.+)|(?P<before>.+?) eve")


@lru_cache(maxsize=4096)
def holiday(name: str) -> Callable[[int], date] | None:
    """The rule of a holiday named in `name` ("Christmas", "St. Patrick's Day"), or of a day
    before one ("Easter eve", "the eve of Thanksgiving"); None when it names none."""
    key = _key(name)
    if key in HOLIDAYS:
        return HOLIDAYS[key]
    m = _EVE.fullmatch(key)
    if m is None:
        return None
    before = m["of"] or m["before"]
    # "New Year's Eve" unlisted would fold to "new years": the possessive's s is not the name's
    base = HOLIDAYS.get(before) or HOLIDAYS.get(before.removesuffix("s"))
    if base is None:
        return None
    return lambda y: base(y) - timedelta(days=1)


_OFFSET = re.compile(r"Z|[+-](?:0\d|1[0-4]):[0-5]\d")
_IANA = re.compile(r"[A-Z][A-Za-z_]+(?:/[A-Za-z_+-]+)+")


def _zones() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, offset in _rows("time-zones.tsv", 2):
        if offset and not _OFFSET.fullmatch(offset) and not _IANA.fullmatch(offset):
            raise KgError(
                f"{TABLES / 'time-zones.tsv'}: {name!r}: {offset!r} is neither an offset"
                " (+HH:MM, -HH:MM, Z) nor an IANA time zone name (America/New_York)"
            )
        table[_key(name)] = offset
    return table


# zone name -> "Z", "+HH:MM", "-HH:MM", an IANA zone name, or "" (no offset: "local time")
ZONES = _zones()


def _look_ahead() -> dict[str, str]:
    table: dict[str, str] = {}
    for lemma, reach in _rows("look-ahead-verbs.tsv", 2):
        if reach not in ("any", "slot"):
            raise KgError(f"{TABLES / 'look-ahead-verbs.tsv'}: {lemma!r}: reach {reach!r}")
        table[lemma.lower()] = reach
    return table


# verb lemma -> "any" | "slot": verbs whose time lies ahead of them (see the file's head)
LOOK_AHEAD_VERBS = _look_ahead()


def _alternation(names: Iterable[str]) -> str:
    """A regex alternation of table names, longest first so "sept" wins over "sep"."""
    return "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"


# --------------------------------------------------------------------------- vocabulary

# Duration unit -> (TIMEX3 letter, needs the "T" time designator, multiplier)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "sec": ("S", True, 1), "minute": ("M", True, 1),
    "min": ("M", True, 1), "hour": ("H", True, 1), "hr": ("H", True, 1), "day": ("D", False, 1),
    "night": ("D", False, 1), "week": ("W", False, 1), "fortnight": ("W", False, 2),
    "month": ("M", False, 1), "quarter": ("M", False, 3), "year": ("Y", False, 1),
    "decade": ("Y", False, 10), "century": ("Y", False, 100), "millennium": ("Y", False, 1000),
}  # fmt: skip
_PLURAL_UNITS = {"centuries": "century", "millennia": "millennium"}
# Smaller unit for fractions: "2 1/2 years" -> P2Y6M
_FRACTION_UNIT = {
    ("Y", False): ("M", 12, False), ("M", False): ("D", 30, False), ("W", False): ("D", 7, False),
    ("D", False): ("H", 24, True), ("H", True): ("M", 60, True), ("M", True): ("S", 60, True),
}  # fmt: skip

SETS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H", "quarterly": "P3M",
    "semiannually": "P6M", "every day": "P1D", "every night": "P1D", "every week": "P1W",
    "every month": "P1M", "every year": "P1Y", "every hour": "PT1H",
}  # fmt: skip
PRESENT_WORDS = frozenset({
    "now", "currently", "current", "presently", "at present", "present", "these days",
    "nowadays", "right now", "just now", "at the moment", "the moment", "the present",
    "for now", "the time being", "today's",
})  # fmt: skip
PAST_WORDS = frozenset({
    "recently", "recent", "lately", "the past", "past", "previously", "formerly", "earlier",
    "once", "in the past", "some time ago", "long ago", "a while ago", "not long ago",
    "recent times",
    "years ago", "decades ago", "months ago", "weeks ago", "days ago", "the old days",
})  # fmt: skip
FUTURE_WORDS = frozenset({
    "the future", "future", "soon", "shortly", "eventually", "later", "in the future",
    "the near future", "near future", "as soon as possible", "soon as possible",
})  # fmt: skip

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty first": 21, "twenty second": 22,
    "twenty third": 23, "thirtieth": 30, "thirty first": 31, "last": -1, "final": -1,
}  # fmt: skip
_VAGUE_COUNTS = frozenset(
    {
        "few",
        "a few",
        "several",
        "many",
        "some",
        "couple of",
        "a couple of",
        "a number of",
        "the",
        "numerous",
        "a couple",
    }
)
# Words that set a value's modifier (TIMEX3 `mod`) but leave the value alone.
_MODIFIERS = (
    "about", "around", "approximately", "roughly", "some", "nearly", "almost", "more than",
    "less than", "fewer than", "over", "under", "at least", "at most", "no more than",
    "no less than", "up to", "just", "only", "early", "late", "mid", "the end of", "end of",
    "the beginning of", "beginning of", "the start of", "start of", "the middle of",
    "middle of", "the rest of", "sometime", "sometime in", "as early as", "as late as",
    "as of", "by", "in", "on", "at", "since", "until", "till", "through", "during", "within",
    "for", "from", "after", "before", "earlier", "later", "the", "a full", "full", "well",
    "throughout", "all", "the whole", "the entire", "this past", "the latter part of",
    "the first part of", "the early part of", "the later part of", "the close of",
    "the turn of", "some time in", "the dawn of", "around the", "the very", "the same",
    "fiscal", "calendar", "financial", "its", "their", "his", "her", "our", "late in",
    "early in", "earlier in", "later in", "the next few", "or so",
)  # fmt: skip

# --------------------------------------------------------------------------- cleaning

_MONTH_RE = _alternation(MONTHS)
_WEEKDAY_RE = _alternation(WEEKDAYS)
_NUMBER_WORD = "|".join([*_SMALL, *_TENS, "hundred", "thousand"])
_NUMBER_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_NUMBER_WORD}))*\b")


def _words_to_number(words: list[str]) -> int:
    """Convert number words to an int; "nineteen ninety six" is read as a year, 1996."""
    chunks: list[int] = []
    for word in words:
        if word in _TENS or (word in _SMALL and _SMALL[word] >= 10):
            chunks.append(_TENS.get(word, _SMALL.get(word, 0)))
        elif word in _SMALL:
            if chunks and chunks[-1] % 10 == 0 and 20 <= chunks[-1] < 100:
                chunks[-1] += _SMALL[word]
            else:
                chunks.append(_SMALL[word])
        else:
            chunks.append(-1 if word == "hundred" else -2)
    if len(chunks) == 2 and all(10 <= c < 100 for c in chunks):
        return chunks[0] * 100 + chunks[1]
    total = current = 0
    for chunk in chunks:
        if chunk == -1:
            current = max(current, 1) * 100
        elif chunk == -2:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += chunk
    return total + current


def _digits(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        words = [w for w in re.split(r"[\s-]+", match.group(0)) if w and w != "and"]
        return str(_words_to_number(words))

    return _NUMBER_RUN.sub(repl, text)


# day, month name and year with hyphens or slashes between: "19-Nov-21", "19/nov/2021"
_DAY_MON_YEAR = re.compile(rf"\b(\d{{1,2}})([-/])({_MONTH_RE})\.?\2(\d{{4}}|\d{{2}})\b")
_UNIT_WORD = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur)"


# "q3", "h1" (parts-of-year.tsv) in the words the rules read: "3 quarter", "1 half"
_SHORT_PARTS = {
    word: f"{code[1]} {'quarter' if code[0] == 'Q' else 'half'}"
    for word, code in PARTS_OF_YEAR.items()
    if code[0] in "QH"
}
_SHORT_PART = re.compile(rf"\b{_alternation(_SHORT_PARTS)}\b")


def _day_mon_year(m: re.Match[str]) -> str:
    year = m[4] if len(m[4]) == 4 else "'" + m[4]
    return f"{m[1]} {m[3]} {year}"


def _clean(expr: str) -> str:
    s = expr.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    s = re.sub(r"\s+", " ", s).strip(' ,;:!?"`()[]')
    s = re.sub(r"'s$", "", s)
    s = _DAY_MON_YEAR.sub(_day_mon_year, s)  # "19-nov-21" -> "19 nov '21"
    # "this year's third quarter", but not "New Year's Day"
    s = re.sub(r"\b(year|month|week|quarter)'s (?!day\b|eve\b)(?=\w)", r"\1 ", s)
    s = re.sub(r"(?<=[a-z])\.(?=\s|$|,)", "", s)  # "sept." -> "sept", "p.m." -> "p.m"
    # "the april-june quarter": a range of months, one period of the calendar (`_month_span`)
    s = re.sub(rf"\b({_MONTH_RE})\.?-(?=(?:{_MONTH_RE})\b)", r"\1 - ", s)
    s = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", s)  # "third-quarter", "year-earlier", "mid-may"
    s = re.sub(r"(?<=\d)-(?=[a-z])", " ", s)  # "two-year" after digits: "10-year"
    s = re.sub(r"(?<=[a-z])-(?=\d)", " ", s)  # "mid-1990s"
    s = _digits(s)
    # "the final three months of 2015" is its fourth quarter, "the first six months of the
    # year" its first half (a span of a year named, not a duration)
    s = re.sub(
        r"\b(first|last|final) (3|6) months (?=of\b)",
        lambda m: (
            f"{'first' if m[1] == 'first' else 'fourth' if m[2] == '3' else 'second'} "
            f"{'quarter' if m[2] == '3' else 'half'} "
        ),
        s,
    )
    s = re.sub(r"\ba (?=\d+ )", "", s)  # "almost a hundred years": a hundred is 100
    s = re.sub(r" or so\b", "", s)
    s = re.sub(r"\b(?:fiscal|calendar|financial) (?=\w)", "", s)  # "fiscal 1989" is 1989
    s = re.sub(r"\b(?:a )?couple of\b", "2", s)
    s = _SHORT_PART.sub(lambda m: _SHORT_PARTS[m[0]], s)  # "q3 2023" -> "3 quarter 2023"
    # "two more weeks", "an additional year", "eight trading days": the count of the unit
    s = re.sub(rf"\b(\d+|an?) (?:more|additional|extra|further) (?={_UNIT_WORD})", r"\1 ", s)
    s = re.sub(r"\b(?:trading|business|working) (?=days?\b)", "", s)
    s = re.sub(r"\bthis coming\b", "next", s)
    # a spread of counts ("12 to 18 months") is normalised by its lower end
    s = re.sub(rf"(?<![\d/.-])\b(\d+) ?(?:to|-|or) ?\d+\b(?= {_UNIT_WORD})", r"\1", s)
    s = re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", r"\1", s)
    s = re.sub(
        r"\b(?:an?|(\d+)) (second|minute|hour|day|week|month|year|decade)s? and a half\b",
        lambda m: f"{m.group(1) or 1} and a half {m.group(2)}s",
        s,
    )
    return re.sub(r"\s+", " ", s).strip(" ,.")


# --------------------------------------------------------------------------- values


def _day(d: date) -> str:
    return d.isoformat()


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _quarter_start(d: date) -> date:
    """The first day of the quarter `d` falls in."""
    return date(d.year, (_quarter_of(d) - 1) * 3 + 1, 1)


_SEASON_ORDER = ("SP", "SU", "FA", "WI")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_of(d: date) -> tuple[int, str]:
    """The season a day falls in; winter belongs to the year it starts in (Dec-Feb)."""
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, _SEASON_ORDER[(d.month - 3) // 3]


def _shift_season(year: int, season: str, n: int) -> tuple[int, str]:
    index = year * 4 + _SEASON_ORDER.index(season) + n
    return index // 4, _SEASON_ORDER[index % 4]


@dataclass(frozen=True)
class _Ctx:
    dct: date | None
    tense: str | None
    anchor: str | None = None  # the last explicit date before the phrase, for "a year earlier"
    day_first: bool = False  # "3/4/2021" is 3 April (see `day_first`)


def _shift_anchor(anchor: str | None, unit: str, n: int) -> str | None:
    """Move a reference date by n units at its own granularity ("1989-Q3", year, -1 ->
    "1988-Q3"); None when the unit is finer than the anchor ("two days after" 1989)."""
    if anchor is None:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|\d{2})(?:-(\d{2}))?)?", anchor)
    if m is None:
        return None
    year, part, day = int(m[1]), m[2], m[3]
    if unit == "year":
        if day:
            moved = _safe_date(year + n, int(part), int(day)) or date(year + n, int(part), 28)
            return _day(moved)
        return f"{year + n:04d}" + (f"-{part}" if part else "")
    if unit == "quarter" and part and part.startswith("Q"):
        index = year * 4 + int(part[1]) - 1 + n
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if part is None or not part.isdigit():
        return None
    start = date(year, int(part), int(day or 1))
    if unit == "month":
        moved = start + relativedelta(months=n)
        return _day(moved) if day else _month(moved.year, moved.month)
    if day and unit in ("week", "day"):
        return _day(start + timedelta(days=n * (7 if unit == "week" else 1)))
    return None


def _at_granularity(anchor: str | None, unit: str) -> str | None:
    """The anchor cut to a unit: ("1988-10-23", "year") -> "1988"; None if it is coarser."""
    if anchor is None:
        return None
    if unit == "year":
        return anchor[:4]
    if unit == "month" and re.match(r"\d{4}-\d{2}", anchor):
        return anchor[:7]
    if unit == "quarter" and re.fullmatch(r"\d{4}-Q[1-4]", anchor):
        return anchor
    if unit == "day" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", anchor):
        return anchor
    return None


def _fine_anchor(ctx: _Ctx) -> bool:
    """Whether the anchor is a quarter, half or month of the DCT's year: comparisons such as
    "a year ago" then mean the same period a year before ("up from $2 a year ago")."""
    anchor, dct = ctx.anchor, ctx.dct
    return bool(
        anchor and dct and re.fullmatch(rf"{dct.year:04d}-(?:Q[1-4]|H[12]|\d{{2}})", anchor)
    )


def _pick(cands: Iterable[tuple[str, date, date]], ctx: _Ctx, by_month: bool = False) -> str | None:
    """Choose among occurrences of a named point by the sentence's tense (see module doc).

    `by_month` lets a dated day a month either side of the DCT win whatever the tense, so
    "Nov. 10" in a past-tense sentence of Nov. 2 stays in the DCT's year (a dividend "was
    declared, payable Nov. 10") while "invaded on Feb. 24" in December is this year's."""
    dct = ctx.dct
    if dct is None:
        return None
    options = sorted(cands, key=lambda c: c[1])
    late = dct + timedelta(days=31) if by_month else dct
    early = dct - timedelta(days=31) if by_month else dct
    if ctx.tense == "past":
        past = [c for c in options if c[1] <= late]
        if past:
            return past[-1][0]
    elif ctx.tense == "future":
        future = [c for c in options if c[2] >= early]
        if future:
            return future[0][0]
    # undecided: the nearest, with the past favoured since news mostly reports what happened
    best = min(options, key=lambda c: _distance(c, dct) * (1.5 if c[1] > dct else 1.0))
    return best[0]


# Results for a quarter come out weeks after it ends (US filings allow 45 days), so until then
# "will report for the third quarter" still means the one just ended.
_REPORTING_LAG = timedelta(days=45)


def _pick_period(cands: list[tuple[str, date, date]], ctx: _Ctx) -> str:
    """A quarter or half without a year: looking ahead, the first not yet reported; otherwise
    the latest begun, as business news reports periods under way or just closed."""
    dct = ctx.dct
    if dct is None:
        return "XXXX"
    options = sorted(cands, key=lambda c: c[1])
    if ctx.tense == "future":
        ahead = [c for c in options if c[2] >= dct - _REPORTING_LAG]
        return ahead[0][0] if ahead else options[-1][0]
    if ctx.tense != "past":
        # a clause that does not say, on the eve of a period: "a heavy workload for the second
        # half" in late June is this year's, not the one that ended six months ago
        imminent = [c for c in options if dct < c[1] <= dct + timedelta(days=31)]
        if imminent:
            return imminent[0][0]
    begun = [c for c in options if c[1] <= dct]
    return begun[-1][0] if begun else options[0][0]


def _distance(cand: tuple[str, date, date], dct: date) -> int:
    if cand[1] <= dct <= cand[2]:
        return 0
    return min(abs((cand[1] - dct).days), abs((cand[2] - dct).days))


def _month_cands(month: int, years: Iterable[int]) -> list[tuple[str, date, date]]:
    return [(_month(y, month), *_month_bounds(y, month)) for y in years]


def _month_bounds(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _around(dct: date | None) -> range:
    return range(dct.year - 1, dct.year + 2) if dct else range(0)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# --------------------------------------------------------------------------- rules

_AMPM = r"(?P<ampm>a\.?m|p\.?m)\b\.?"
_CLOCK = re.compile(
    # "9.35am" is how British copy writes 9:35 a.m.
    rf"\b(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?:{_AMPM}|o'clock"
    r"|in the (?P<part>morning|afternoon|evening|night))"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)\b"
    r"|\b(?P<named>noon|midnight|midday)\b"
)


def _time_of_day(s: str, ctx: _Ctx) -> Timex | None:
    """Clock times, alone or with a day: "10:35 a.m.", "5 p.m. Nov. 9", "midnight Friday"."""
    m = _CLOCK.search(s)
    if m is None:
        return None
    if m.group("named"):
        clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("named")]
    elif m.group("h24") is not None:
        clock = f"{int(m.group('h24')):02d}:{m.group('mi24')}"
    else:
        hour = int(m.group("h"))
        if hour > 12 or (hour == 0 and not m.group("ampm")):
            return None
        pm = (m.group("ampm") or "").startswith("p") or m.group("part") in (
            "afternoon",
            "evening",
            "night",
        )
        if pm and hour < 12:
            hour += 12
        elif not pm and hour == 12 and m.group("ampm"):
            hour = 0
        clock = f"{hour:02d}:{m.group('mi') or '00'}"
    rest = (s[: m.start()] + " " + s[m.end() :]).strip(" ,")
    rest = re.sub(r"^(?:on|at|of|the)\s+|\s+(?:on|at|of)$", "", rest).strip(" ,")
    if rest:
        day = _normalise(rest, ctx)
        if (
            day is None
            or day.type not in ("DATE", "TIME")
            or not re.match(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}", day.value)
        ):
            return None
        base = day.value[:10]
    else:
        base = _day(ctx.dct) if ctx.dct else "XXXX-XX-XX"
    return Timex("TIME", f"{base}T{clock}")


_PARTS = _alternation(k for k in PARTS_OF_DAY if k != "overnight")
_PART_RE = re.compile(rf"^(?P<rest>.*?)\s*\b(?P<part>{_PARTS})s?$")


# the part of the day before its day: "mid-afternoon yesterday", "the morning of Oct. 5"
_PART_FIRST_RE = re.compile(rf"(?:the )?(?P<part>{_PARTS}) (?:of )?(?P<rest>.+)")


def _part_of_day(s: str, ctx: _Ctx) -> Timex | None:
    """ "this morning", "Friday night", "last night", "tonight", "overnight"."""
    if s in ("tonight", "overnight"):
        return Timex("TIME", (_day(ctx.dct) if ctx.dct else "XXXX-XX-XX") + "TNI")
    m = _PART_RE.match(s) or _PART_FIRST_RE.fullmatch(s)
    if m is None:
        return None
    part = PARTS_OF_DAY[m.group("part")]
    rest = m.group("rest").strip()
    if s.endswith("s") and rest in WEEKDAYS:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[rest]}T{part}")
    if re.fullmatch(rf"(?:every |each )?{_WEEKDAY_RE}s", rest) or (
        rest.startswith(("every ", "each ")) and rest[5:].strip() in WEEKDAYS
    ):
        name = rest.split()[-1].rstrip("s")
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[name]}T{part}")
    if rest in ("", "this", "the", "that", "early this", "late this", "early", "late"):
        base = _day(ctx.dct) if ctx.dct else "XXXX-XX-XX"
    elif rest in ("last", "yesterday", "late last", "early last"):
        if m.group("part") == "night" or rest == "yesterday":
            base = _day(ctx.dct - timedelta(days=1)) if ctx.dct else "XXXX-XX-XX"
        else:
            return None
    elif rest in ("the next", "the following", "the previous") and (
        (step := _anchor_step(rest, ctx)) is not None and (told := _anchor_day(ctx.anchor))
    ):
        base = _day(told + timedelta(days=step))  # "the next morning" after the day just told
    elif rest in ("tomorrow", "next", "the next", "the following"):
        base = _day(ctx.dct + timedelta(days=1)) if ctx.dct else "XXXX-XX-XX"
    else:
        day = _normalise(rest, ctx)
        # "the early hours of Sunday morning": the day may name its part of the day too
        found = day and re.fullmatch(
            r"(?P<day>[\dX]{4}-[\dX]{2}-[\dX]{2}|XXXX-WXX-\d)(?:T(?:MO|MI|AF|EV|NI|DT))?",
            day.value,
        )
        if not found:
            return None
        base = found["day"]
    return Timex("TIME", f"{base}T{part}")


_FULL_NUMERIC = re.compile(r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})$")
# day and month in either order ("19/11/21", "11/19/2021", "19.11.2021", "19-11-2021"); without
# a year only with a slash ("11/19"), since "5-7" and "5.7" are more often a range or a number
_NUMERIC = re.compile(
    r"^(?P<a>\d{1,2})(?:(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{2}|\d{4})"
    r"|/(?P<b2>\d{1,2}))$"
)
_YEAR = r"(?P<y>\d{4}|'\d{2})"
_MONTH_DAY = re.compile(
    rf"^(?:(?P<wd>{_WEEKDAY_RE}),? )?(?P<month>{_MONTH_RE}) (?P<d>\d{{1,2}})(?:,? {_YEAR})?$"
)
_DAY_MONTH = re.compile(
    rf"^(?:(?P<wd>{_WEEKDAY_RE}),? )?(?:the )?(?P<d>\d{{1,2}}) (?:of )?(?P<month>{_MONTH_RE})"
    rf"(?:,? {_YEAR})?$"
)
_MONTH_YEAR = re.compile(rf"^(?P<month>{_MONTH_RE}),? (?:of )?{_YEAR}$")


def _full_year(text: str, dct: date | None) -> int:
    """A written year; two digits ("'21", "19/11/21") are the year of that number nearest the
    DCT that is at most ten years ahead of it (1950-2049 without a DCT)."""
    year = int(text.lstrip("'"))
    if year >= 100:
        return year
    if dct is None:
        return year + (1900 if year >= 50 else 2000)
    candidate = dct.year // 100 * 100 + year
    if candidate > dct.year + 10:
        candidate -= 100
    return candidate


def _day_and_month(m: re.Match[str], ctx: _Ctx) -> tuple[int, int] | None:
    """(month, day) of an all-numeric date: a number above 12 is the day; otherwise the
    article's locale decides (`day_first`), and dots ("19.11.2021") are written day first."""
    a, b = int(m["a"]), int(m["b"] or m["b2"])
    if a > 12 >= b:
        return b, a
    if b > 12 >= a:
        return a, b
    if a > 12 or b > 12:
        return None
    return (b, a) if ctx.day_first or m["sep"] == "." else (a, b)


def _full_date(s: str, ctx: _Ctx) -> Timex | None:
    """Dates with a day in them, in any common written order, year optional."""
    for pattern in (_FULL_NUMERIC, _NUMERIC, _MONTH_DAY, _DAY_MONTH):
        m = pattern.match(s)
        if m is None:
            continue
        groups = m.groupdict()
        if pattern is _NUMERIC:
            order = _day_and_month(m, ctx)
            if order is None:
                return None
            month, day = order
        else:
            month = MONTHS[groups["month"]] if "month" in groups else int(groups["m"])
            day = int(groups["d"])
        year_text = groups.get("y")
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        if year_text:
            found = _safe_date(_full_year(year_text, ctx.dct), month, day)
            return Timex("DATE", _day(found)) if found else None
        if ctx.dct is None:
            if day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
                return None
            return Timex("DATE", f"XXXX-{month:02d}-{day:02d}")
        cands = [(_day(d), d, d) for y in _around(ctx.dct) if (d := _safe_date(y, month, day))]
        if groups.get("wd"):
            # "Monday, Oct. 26": the year in which that day is a Monday
            weekday = WEEKDAYS[groups["wd"]]
            cands = [c for c in cands if c[1].isoweekday() == weekday] or cands
        value = _pick(cands, ctx, by_month=True) if cands else None
        return Timex("DATE", value) if value else None
    m = _MONTH_YEAR.match(s)
    if m:
        return Timex("DATE", _month(_full_year(m["y"], ctx.dct), MONTHS[m["month"]]))
    return None


_UNIT_RE = r"(?P<unit>second|sec|minute|min|hour|hr|day|night|week|fortnight|month|quarter|year|decade|century|centuries|millennium|millennia)s?"  # noqa: E501
_REL_WORD = {
    "this": 0, "current": 0, "present": 0, "the current": 0, "the present": 0, "this past": -1,
    "last": -1, "past": -1, "previous": -1, "the previous": -1, "the last": -1, "the past": -1,
    "prior": -1, "the prior": -1, "latest": -1, "the latest": -1, "most recent": -1,
    "the most recent": -1, "next": 1, "coming": 1, "the coming": 1, "the next": 1,
    "following": 1, "the following": 1, "upcoming": 1, "the upcoming": 1, "that": 0,
    "the same": 0, "same": 0, "preceding": -1, "the preceding": -1,
}  # fmt: skip
_REL_RE = "|".join(sorted((re.escape(k) for k in _REL_WORD), key=len, reverse=True))
_ANAPHORIC = frozenset({"that", "the same", "same"})
# Words that count from the time just talked about, not from the DCT (TimeML's anchor):
# "the following year" is the year after the one in the story, "next year" the DCT's.
_FROM_ANCHOR = {
    "following": 1, "the following": 1, "previous": -1, "the previous": -1, "prior": -1,
    "the prior": -1, "preceding": -1, "the preceding": -1,
}  # fmt: skip


def _anchor_step(rel: str, ctx: _Ctx) -> int | None:
    """The step of an anaphoric `rel` ("the following"), or None when it counts from the DCT.
    "the next" is anaphoric only in a past-tense clause ("appeared in court the next morning"):
    told in the present or future it looks ahead from the DCT ("over the next year")."""
    if ctx.anchor is None:
        return None
    if rel in _FROM_ANCHOR:
        return _FROM_ANCHOR[rel]
    if rel == "the next" and ctx.tense == "past":
        return 1
    return None


def _anchor_day(anchor: str | None) -> date | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", anchor or "")
    return _safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _from_anchor(anchor: str, unit: str, n: int) -> str | None:
    """The `unit` the anchor falls in, moved n steps: ("1995-05-22", "year", 1) -> "1996";
    None when the anchor is coarser than the unit ("the following day" after "1995")."""
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|\d{2})(?:-(\d{2}))?)?", anchor)
    if m is None:
        return None
    year, part, day = int(m[1]), m[2], _anchor_day(anchor)
    if unit == "year":
        return f"{year + n:04d}"
    month = int(part) if part and part.isdigit() else None
    if unit == "quarter" and (month or (part and part.startswith("Q"))):
        quarter = (month - 1) // 3 + 1 if month else int(str(part)[1])
        index = year * 4 + quarter - 1 + n
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "month" and month:
        moved = date(year, month, 1) + relativedelta(months=n)
        return _month(moved.year, moved.month)
    if day is None:
        return None
    if unit in ("week", "weekend"):
        return _week(day + timedelta(weeks=n)) + ("-WE" if unit == "weekend" else "")
    if unit in ("day", "night"):
        return _day(day + timedelta(days=n))
    return None


def _shift_unit(unit: str, n: int, ctx: _Ctx) -> str:
    """The DCT's year/month/week/day/quarter/decade/century moved n steps, as a value."""
    dct = ctx.dct
    if unit == "year":
        return f"{dct.year + n:04d}" if dct else "XXXX"
    if unit == "month":
        if dct is None:
            return "XXXX-XX"
        moved = dct + relativedelta(months=n)
        return _month(moved.year, moved.month)
    if unit in ("week", "weekend"):
        suffix = "-WE" if unit == "weekend" else ""
        return (_week(dct + timedelta(weeks=n)) if dct else "XXXX-WXX") + suffix
    if unit in ("day", "night"):
        return _day(dct + timedelta(days=n)) if dct else "XXXX-XX-XX"
    if unit == "quarter":
        if dct is None:
            return "XXXX-QX"
        index = dct.year * 4 + _quarter_of(dct) - 1 + n
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "half":
        if dct is None:
            return "XXXX-HX"
        index = dct.year * 2 + (dct.month - 1) // 6 + n
        return f"{index // 2:04d}-H{index % 2 + 1}"
    if unit == "decade":
        return f"{dct.year // 10 + n:03d}X" if dct else "XXXX"
    if unit in ("century", "centuries"):
        return f"{dct.year // 100 + n:02d}XX" if dct else "XXXX"
    if unit in ("hour", "minute", "second"):
        return _day(dct) if dct else "XXXX-XX-XX"
    return "XXXX"


def _relative(s: str, ctx: _Ctx) -> Timex | None:
    """ "this year", "last month", "next week", "the past year", "that day", "last weekend"."""
    m = re.fullmatch(
        rf"(?P<rel>{_REL_RE}) (?P<unit>year|month|week|weekend|day|quarter|half|decade|century"
        r"|hour|minute|night)",
        s,
    )
    if m is None:
        return None
    rel, unit = m.group("rel"), m.group("unit")
    if rel in _ANAPHORIC:
        # "that year", "the same quarter": the time just talked about, at this granularity
        value = _at_granularity(ctx.anchor, unit)
        return Timex("DATE", value or _shift_unit(unit, 0, _Ctx(None, None)))
    step = _anchor_step(rel, ctx)
    if step is not None and ctx.anchor is not None:
        moved = _from_anchor(ctx.anchor, unit, step)
        if moved is not None:
            return Timex("TIME", moved + "TNI") if unit == "night" else Timex("DATE", moved)
    n = _REL_WORD[rel]
    if unit in ("hour", "minute"):
        return Timex("DURATION", "PT1H" if unit == "hour" else "PT1M")
    if unit == "quarter" and n == -1 and ctx.dct is not None:
        # "the latest quarter" and "last quarter" both mean the last one completed
        return Timex("DATE", _shift_unit("quarter", -1, ctx))
    if unit == "decade" and n == -1 and "past" in rel:
        return Timex("DURATION", "P10Y")
    if unit == "night":
        return Timex("TIME", _shift_unit("day", n, ctx) + "TNI")
    return Timex("DATE", _shift_unit(unit, n, ctx))


def _named_relative(s: str, ctx: _Ctx) -> Timex | None:
    """ "last November", "next spring", "this Friday", "last Thanksgiving"."""
    m = re.fullmatch(rf"(?P<rel>{_REL_RE}) (?P<name>.+)", s)
    if m is None:
        return None
    rel, name = m.group("rel"), m.group("name")
    n = _REL_WORD[rel]
    tense = {-1: "past", 0: None, 1: "future"}[n]
    if rel in _ANAPHORIC:
        return None
    dct = ctx.dct
    step = _anchor_step(rel, ctx)
    anchor_day = _anchor_day(ctx.anchor)
    if step is not None and anchor_day is not None and (name in WEEKDAYS or holiday(name)):
        # "the previous Friday": the last Friday before the day just talked about
        base = anchor_day + timedelta(days=step)
        return _named_point(name, _Ctx(base, "past" if step < 0 else "future"))
    if name in MONTHS or name in WEEKDAYS or name in SEASONS or holiday(name):
        if dct is None:
            return _named_point(name, ctx)
        if n == 0:
            point = _named_point(name, _Ctx(dct, ctx.tense))
            if name in MONTHS and point:
                return Timex("DATE", _month(dct.year, MONTHS[name]))
            if name in SEASONS:
                return Timex("DATE", f"{dct.year:04d}-{SEASONS[name]}")
            return point
        # "last Friday" is strictly before the DCT, "next May" strictly after its month
        shifted = dct - timedelta(days=1) if n < 0 else dct + timedelta(days=1)
        if name in MONTHS:
            moved = dct + relativedelta(months=n)
            return _named_point(name, _Ctx(date(moved.year, moved.month, 1), tense))
        if name in SEASONS:
            year, season = _season_of(dct)
            target = SEASONS[name]
            for step in range(1, 5):
                y, sname = _shift_season(year, season, step * n)
                if sname == target:
                    return Timex("DATE", f"{y:04d}-{sname}")
        return _named_point(name, _Ctx(shifted, tense))
    day = _MONTH_DAY.match(name) or _DAY_MONTH.match(name)
    if n and dct is not None and day is not None and not day["y"] and not day["wd"]:
        # "last Oct. 23": the last one before the DCT; "next March 3" the first after it
        month, number = MONTHS[day["month"]], int(day["d"])
        days = [d for y in _around(dct) if (d := _safe_date(y, month, number))]
        found = [d for d in days if (d < dct if n < 0 else d > dct)]
        return Timex("DATE", _day(found[-1] if n < 0 else found[0])) if found else None
    return None


def _named_point(name: str, ctx: _Ctx) -> Timex | None:
    """A month, weekday, season or holiday without a year, placed by tense."""
    dct = ctx.dct
    if name in MONTHS:
        month = MONTHS[name]
        if dct is None:
            return Timex("DATE", f"XXXX-{month:02d}")
        return Timex("DATE", _pick(_month_cands(month, _around(dct)), ctx) or "XXXX")
    if name in WEEKDAYS:
        wd = WEEKDAYS[name]
        if dct is None:
            return Timex("DATE", f"XXXX-WXX-{wd}")
        monday = dct - timedelta(days=dct.isoweekday() - 1)
        days = [monday + timedelta(days=wd - 1 + 7 * k) for k in (-1, 0, 1)]
        return Timex("DATE", _pick([(_day(d), d, d) for d in days], ctx) or "XXXX")
    if name in SEASONS:
        code = SEASONS[name]
        if dct is None:
            return Timex("DATE", f"XXXX-{code}")
        cands = []
        for y in _around(dct):
            start = date(y, _SEASON_START[code], 1)
            cands.append((f"{y:04d}-{code}", start, start + relativedelta(months=3, days=-1)))
        return Timex("DATE", _pick(cands, ctx) or "XXXX")
    rule = holiday(name)
    if rule is not None:
        if dct is None:
            fixed = rule(2001)
            later = rule(2002)
            moving = (later.month, later.day) != (fixed.month, fixed.day)
            return Timex("DATE", "XXXX-XX-XX" if moving else f"XXXX-{fixed:%m-%d}")
        days = [rule(y) for y in _around(dct)]
        return Timex("DATE", _pick([(_day(d), d, d) for d in days], ctx) or "XXXX")
    return None


_ORDINAL_RE = "|".join(sorted((re.escape(k) for k in _ORDINALS), key=len, reverse=True))


def _year_of(text: str, ctx: _Ctx) -> int | str | None:
    """The year a qualifier names: "1989", "this year", "last year"; "X" when unknown."""
    text = text.strip().removeprefix("of ").removeprefix("in ").strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    m = re.fullmatch(r"(this|last|next|the previous|the following|the same) year", text)
    if m:
        if ctx.dct is None or m.group(1) == "the same":
            return "X"
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1, "the previous": -1}.get(
            m.group(1), 1
        )
    return None


def _part_of_year(s: str, ctx: _Ctx) -> Timex | None:
    """Quarters, halves, seasons and months, with or without a year: "the 1989 third quarter",
    "the third quarter of 1989", "first half", "summer 1998", "June last year"."""
    m = re.fullmatch(
        rf"(?:the )?(?:(?P<y1>\d{{4}}|this year|last year|next year) )?(?P<ord>{_ORDINAL_RE}|\d)"
        r" (?P<unit>quarter|half|quarters|halves)(?:,? (?P<y2>.+))?",
        s,
    )
    if m:
        n = _ORDINALS.get(m.group("ord")) or int(m.group("ord"))
        unit = m.group("unit")[0].upper()
        size = 4 if unit == "Q" else 2
        qualifier = m.group("y1") or m.group("y2")
        if m.group("ord") == "last" and not qualifier:
            return None  # "last quarter" is the one before this, not the fourth
        if n == -1:
            n = size
        if not 1 <= n <= size:
            return None
        if qualifier:
            year = _year_of(qualifier, ctx)
            if year is None:
                return None
            return Timex("DATE", f"{year:04d}-{unit}{n}" if year != "X" else f"XXXX-{unit}{n}")
        if ctx.dct is None:
            return Timex("DATE", f"XXXX-{unit}{n}")
        months = 12 // size
        cands = []
        for y in _around(ctx.dct):
            start = date(y, (n - 1) * months + 1, 1)
            cands.append(
                (
                    f"{y:04d}-{unit}{n}",
                    start,
                    start + relativedelta(months=months) - timedelta(days=1),
                )
            )
        return Timex("DATE", _pick_period(cands, ctx))
    m = re.fullmatch(
        rf"(?:(?P<y1>\d{{4}}) )?(?P<name>{_MONTH_RE}|spring|summer|fall|autumn|winter)"
        r"(?:,? (?P<y2>.+))?",
        s,
    )
    if m and (m.group("y1") or m.group("y2")):
        qualifier = m.group("y1") or m.group("y2")
        year = _year_of(qualifier, ctx)
        if year is None:
            return None
        name = m.group("name")
        code = f"{MONTHS[name]:02d}" if name in MONTHS else SEASONS[name]
        return Timex("DATE", f"{year:04d}-{code}" if year != "X" else f"XXXX-{code}")
    return None


_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
_DECADE_RE = "|".join(_DECADE_WORDS)


def _years(s: str, ctx: _Ctx) -> Timex | None:
    """Years, decades and centuries: "1998", "fiscal 1989", "the 1990s", "the '80s",
    "the 20th century", "this century"."""
    if re.fullmatch(r"(?:the year )?\d{4}", s):
        year = int(s[-4:])
        return Timex("DATE", f"{year:04d}") if 1000 <= year <= 2999 else None
    m = re.fullmatch(r"(?:the )?(?P<d>\d{3})0'?s", s) or re.fullmatch(r"(?:the )?'(?P<d2>\d)0s", s)
    if m:
        if m.groupdict().get("d"):
            return Timex("DATE", f"{m.group('d')}X")
        decade = int(m.group("d2"))
        century = ctx.dct.year // 100 if ctx.dct else 19
        if ctx.dct and decade * 10 > ctx.dct.year % 100:
            century -= 1
        return Timex("DATE", f"{century:02d}{decade}X")
    m = re.fullmatch(rf"(?:the )?(?:early |mid |late )?'?(?P<word>{_DECADE_RE})", s)
    if m:
        # "the nineties": the latest decade of that name that has begun by the DCT
        tens = _DECADE_WORDS[m["word"]]
        year = ctx.dct.year if ctx.dct else 1999
        decade = year // 100 * 100 + tens
        return Timex("DATE", f"{(decade if decade <= year else decade - 100) // 10:03d}X")
    m = re.fullmatch(r"(?:the )?(?P<c>\d{1,2}) century", s)
    if m:
        return Timex("DATE", f"{int(m.group('c')) - 1:02d}XX")
    if s in ("'(\\d{2})",):
        return None
    m = re.fullmatch(r"'(?P<y>\d{2})", s)
    if m and ctx.dct is not None:
        year = ctx.dct.year // 100 * 100 + int(m.group("y"))
        return Timex("DATE", f"{year - 100 if year > ctx.dct.year + 10 else year:04d}")
    return None


_COUNT = r"(?P<n>\d+(?:\.\d+)?(?: 1/2| and a half)?|an?|half an?|a half)"


def _quantity(text: str) -> float:
    text = text.strip()
    half = 0.5 if text.endswith(("1/2", "and a half")) or text.startswith("half") else 0.0
    if text.startswith(("half", "a half")):
        return 0.5
    head = text.split(" ")[0]
    return (1.0 if head in ("a", "an") else float(head)) + half


def _duration_value(quantity: float | None, unit: str) -> str:
    unit = _PLURAL_UNITS.get(unit, unit)
    letter, timed, factor = UNITS[unit]
    prefix = "PT" if timed else "P"
    if quantity is None:
        return f"{prefix}X{'Y' if letter == 'Y' and factor > 1 else letter}"
    amount = quantity * factor
    whole = int(amount)
    frac = amount - whole
    if not frac:
        return f"{prefix}{whole}{letter}"
    smaller = _FRACTION_UNIT.get((letter, timed))
    if smaller is None:
        return f"{prefix}{amount:g}{letter}"
    small, per, small_timed = smaller
    head = f"{whole}{letter}" if whole else ""
    tail = f"{round(frac * per)}{small}"
    if timed or not small_timed:
        return f"{prefix}{head}{tail}"
    return f"P{head}T{tail}"


def _ago(s: str, ctx: _Ctx) -> Timex | None:
    """ "two weeks ago", "a year earlier", "three days later", "five years from now"."""
    m = re.fullmatch(
        rf"(?:{_COUNT}|(?P<vague>few|a few|several|many|some|a couple of|couple of)) {_UNIT_RE}"
        r" (?P<dir>ago|earlier|before|previously|back|later|after|from now|hence|from today)",
        s,
    )
    if m is None:
        return None
    back = m.group("dir") in ("ago", "earlier", "before", "previously", "back")
    if m.group("vague"):
        return Timex("DATE", "PAST_REF" if back else "FUTURE_REF")
    unit = _PLURAL_UNITS.get(m.group("unit"), m.group("unit"))
    quantity = _quantity(m.group("n"))
    if quantity != int(quantity):
        return Timex("DATE", "PAST_REF" if back else "FUTURE_REF")
    n = int(quantity) * (-1 if back else 1)
    if unit == "fortnight":
        unit, n = "week", n * 2
    # "earlier" and "later" count from the time just talked about, "ago" from the DCT
    relative_to_anchor = m.group("dir") not in ("ago", "back", "from now", "hence", "from today")
    if relative_to_anchor or (unit == "year" and _fine_anchor(ctx)):
        shifted = _shift_anchor(ctx.anchor, unit, n)
        if shifted is not None:
            return Timex("DATE", shifted)
    if unit in ("decade", "century", "millennium"):
        if ctx.dct is None:
            return Timex("DATE", "XXXX")
        years = n * UNITS[unit][2]
        year = ctx.dct.year + years
        return Timex("DATE", f"{year // 10:03d}X" if unit == "decade" else f"{year:04d}")
    if unit in ("hour", "minute", "second", "min", "sec", "hr"):
        if relative_to_anchor:
            return None  # "an hour later": the duration is the time expression, "later" a signal
        return Timex("TIME", _day(ctx.dct) if ctx.dct else "XXXX-XX-XXTXX:XX")
    if unit == "quarter":
        return Timex("DATE", _shift_unit("quarter", n, ctx))
    if unit == "night":
        unit = "day"
    return Timex("DATE", _shift_unit(unit, n, ctx))


def _duration(s: str, ctx: _Ctx) -> Timex | None:
    """ "eight minutes", "the past three years", "the first nine months", "two-year",
    "years", "a few days", "5 1/2 hours", "decades-long"."""
    m = re.fullmatch(
        r"(?:(?:the )?(?:past|last|next|first|coming|previous|following|latest|final|initial"
        r"|prior|remaining|ensuing|succeeding|preceding|year earlier|year ago|same|recent)"
        r"(?: (?:few|several|couple of))? )?"
        rf"(?:{_COUNT}|(?P<vague>few|a few|several|many|some|a couple of|couple of|a number of"
        r"|numerous|the))?\s?"
        rf"{_UNIT_RE}(?: (?:long|old|or more|running|straight|in a row|ahead|to come))?",
        s,
    )
    if m is None:
        return None
    unit = m.group("unit")
    if unit == "quarter" and m.group("n") in ("a", "an", "half a"):
        return None  # "around a quarter" of something is a fraction, not three months
    plural = s[m.start("unit") : m.end("unit") + 1].endswith("s") or unit in (
        "centuries",
        "millennia",
    )
    if unit in ("second", "sec") and m.group("n") in (None, "a", "an") and not plural:
        return None  # "the second", "a second" are ordinals more often than durations
    if m.group("n"):
        quantity: float | None = _quantity(m.group("n"))
    elif (m.group("vague") not in (None, "the")) or plural:
        quantity = None
    else:
        quantity = 1.0
    if unit == "night":
        unit = "day"
    return Timex("DURATION", _duration_value(quantity, unit))


def _set(s: str, ctx: _Ctx) -> Timex | None:
    """ "every year", "each month", "weekly", "every Friday", "Tuesdays", "twice a year"."""
    if s in SETS:
        return Timex("SET", SETS[s])
    m = re.fullmatch(
        rf"(?:(?:once|twice|\d+ times?) )?(?:every|each|per|a|an) (?:(?P<other>other) )?"
        rf"(?:(?P<n>\d+) )?{_UNIT_RE}",
        s,
    )
    if m and not s.startswith(("a ", "an ")):  # "a year" alone is a duration
        unit = _PLURAL_UNITS.get(m.group("unit"), m.group("unit"))
        count = int(m.group("n") or 1) * (2 if m.group("other") else 1)
        return Timex("SET", _duration_value(float(count), unit))
    m = re.fullmatch(
        rf"(?:every|each) (?P<name>{_WEEKDAY_RE}|{_MONTH_RE}|spring|summer|fall"
        r"|autumn|winter)",
        s,
    )
    if m:
        name = m.group("name")
        if name in WEEKDAYS:
            return Timex("SET", f"XXXX-WXX-{WEEKDAYS[name]}")
        if name in MONTHS:
            return Timex("SET", f"XXXX-{MONTHS[name]:02d}")
        return Timex("SET", f"XXXX-{SEASONS[name]}")
    m = re.fullmatch(r"(?P<name>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s", s)
    if m:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[m.group('name')]}")
    return None


def _deictic(s: str, ctx: _Ctx) -> Timex | None:
    """ "today", "yesterday", "the day before yesterday", "now", "recently", "the future"."""
    offsets = {
        "today": 0, "this day": 0, "yesterday": -1, "tomorrow": 1,
        "the day before yesterday": -2, "day before yesterday": -2,
        "the day after tomorrow": 2, "day after tomorrow": 2,
    }  # fmt: skip
    if s in offsets:
        return Timex("DATE", _shift_unit("day", offsets[s], ctx))
    if s in PRESENT_WORDS:
        return Timex("DATE", "PRESENT_REF")
    if s in PAST_WORDS:
        return Timex("DATE", "PAST_REF")
    if s in FUTURE_WORDS:
        return Timex("DATE", "FUTURE_REF")
    return None


def _week_of(s: str, ctx: _Ctx) -> Timex | None:
    """ "the week of March 6", "Easter week", "the weekend of Oct. 7": the week holding a day."""
    m = re.fullmatch(r"(?:the )?(?P<unit>week|weekend) of (?P<day>.+)", s) or re.fullmatch(
        r"(?P<day>.+) (?P<unit>week|weekend)", s
    )
    if m is None or (holiday(m.group("day")) is None and " of " not in s):
        return None
    suffix = "-WE" if m.group("unit") == "weekend" else ""
    rule = holiday(m.group("day"))
    if rule is not None and ctx.dct is not None:
        # the tense places the week, not the holiday: "as Easter week began" holds the DCT
        mondays = [rule(y) - timedelta(days=rule(y).isoweekday() - 1) for y in _around(ctx.dct)]
        cands = [(_week(d) + suffix, d, d + timedelta(days=6)) for d in mondays]
        return Timex("DATE", _pick(cands, ctx) or "XXXX")
    day = _normalise(m.group("day"), ctx)
    if day is None or day.type != "DATE" or (found := _anchor_day(day.value)) is None:
        return None
    return Timex("DATE", _week(found) + suffix)


def _year_end(s: str, ctx: _Ctx) -> Timex | None:
    """ "year-end", "year end", "year's end", "the end of the year"."""
    if s in ("year end", "year's end", "year", "the year", "end of the year", "end of year"):
        return Timex("DATE", _shift_unit("year", 0, ctx))
    if s in ("month end", "month", "the month"):
        return Timex("DATE", _shift_unit("month", 0, ctx))
    if s in ("the week", "week"):
        return Timex("DATE", _shift_unit("week", 0, ctx))
    if s in ("the weekend", "weekend"):
        return _named_weekend(ctx)
    m = re.fullmatch(r"(?:the )?(?P<y>\d{4}) (?:quarter|period)", s)
    if m:
        # "the 1988 quarter": the quarter under discussion, in that year
        quarter = _at_granularity(ctx.anchor, "quarter")
        return Timex("DATE", m.group("y") + (quarter[4:] if quarter else ""))
    if s in (
        "quarter",
        "period",
        "the period",
        "the quarter",
        "the latest quarter",
        "latest quarter",
        "the latest period",
        "latest period",
    ):
        if ctx.dct is None:
            return Timex("DATE", "XXXX-QX")
        if _fine_anchor(ctx) and re.search(r"-Q\d$", ctx.anchor or ""):
            return Timex("DATE", ctx.anchor or "")
        unreported = ctx.dct - _REPORTING_LAG < _quarter_start(ctx.dct)
        ahead = ctx.tense == "future" and not unreported
        return Timex("DATE", _shift_unit("quarter", 0 if ahead else -1, ctx))
    m = re.fullmatch(
        r"(?:the )?(?:comparable |corresponding |same )?year (?:ago|earlier) (?P<rest>.+)", s
    )
    if m and m.group("rest") not in ("quarter", "period"):
        inner = _normalise(m.group("rest"), _Ctx(ctx.dct, "past", ctx.anchor))
        if inner is not None and inner.type == "DATE":
            return Timex("DATE", _shift_anchor(inner.value, "year", -1) or inner.value)
    m = re.fullmatch(
        r"(?:the )?(?:year ago|year earlier|corresponding|comparable|year ago "
        r"comparable|comparable year ago|same) (?:quarter|period)"
        r"(?: (?:a year ago|last year|a year earlier))?",
        s,
    )
    if m or s in ("quarter a year ago", "corresponding period last year", "last year's quarter"):
        if ctx.dct is None:
            return Timex("DATE", "XXXX-QX")
        if _fine_anchor(ctx):
            return Timex("DATE", _shift_anchor(ctx.anchor, "year", -1) or "XXXX")
        year_ago = _Ctx(ctx.dct - relativedelta(years=1), None)
        return Timex("DATE", _shift_unit("quarter", -1, year_ago))
    if s in (
        "year earlier",
        "year ago",
        "a year earlier",
        "a year ago",
        "year before",
        "a year before",
        "the year before",
        "the previous year",
        "the prior year",
    ):
        if _fine_anchor(ctx):
            return Timex("DATE", _shift_anchor(ctx.anchor, "year", -1) or "XXXX")
        return Timex("DATE", _shift_unit("year", -1, ctx))
    return None


def _named_weekend(ctx: _Ctx) -> Timex:
    if ctx.dct is None:
        return Timex("DATE", "XXXX-WXX-WE")
    n = -1 if ctx.tense == "past" and ctx.dct.isoweekday() < 6 else 0
    if ctx.tense == "future" and ctx.dct.isoweekday() >= 6:
        n = 1
    return Timex("DATE", _shift_unit("weekend", n, ctx))


def _bare_name(s: str, ctx: _Ctx) -> Timex | None:
    name = s.removeprefix("on ").removeprefix("in ")
    if name in MONTHS and name not in ("may", "mar", "jun", "sat", "sun"):
        return _named_point(name, ctx)
    if name == "may" and s == name:
        return _named_point(name, ctx)
    if name in WEEKDAYS or name in SEASONS or holiday(name):
        return _named_point(name, ctx)
    return None


def _anchored_phrase(s: str, ctx: _Ctx) -> Timex | None:
    """ "earlier this year", "later this month", "the end of this week": the named unit."""
    m = re.fullmatch(
        r"(?:earlier|later|early|late|the end of|end of|the beginning of|"
        r"the start of|the middle of|the rest of) (?P<rest>.+)",
        s,
    )
    if m:
        return _normalise(m.group("rest"), ctx)
    return None


# --------------------------------------------------------------------------- ranges

# what joins a range's two points: "and" only after "between" ("Monday and Tuesday" are two
# days), "to", "until" and "till" only after "from" ("a revision Friday to December's figures")
# or between clock times
_RANGE_SEP = re.compile(r" ?(?:-|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b|\band\b) ?")
_SIGNAL_NEEDED = {"and": "between", "to": "from", "until": "from", "till": "from"}
_BARE_DAY = re.compile(r"(?P<d>\d{1,2})(?:,? (?P<y>\d{4}))?")
_DAY_OF_MONTH = re.compile(
    rf"(?P<wd>(?:{_WEEKDAY_RE}),? )?(?:(?P<m1>{_MONTH_RE}) (?P<d1>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}}) (?:of )?(?P<m2>{_MONTH_RE}))(?:,? (?P<y>\d{{4}}))?"
)


def _month_span(s: str, ctx: _Ctx) -> Timex | None:
    """ "the April-June quarter", "the July-December period": a range of months said as one
    period, a quarter or a half when it is one (TimeBank gives "the July-September period" the
    quarter's value), else the range."""
    m = re.fullmatch(rf"(?:the )?({_MONTH_RE}) - ({_MONTH_RE})(?: (?:quarter|half|period))?", s)
    found = _range(f"{m[1]} - {m[2]}", ctx) if m else None
    if found is None or found.begin is None or found.end is None:
        return None
    first, last = bounds(found.begin)[0], bounds(found.end)[1]
    if first is None or last is None or first.year != last.year or first.day != 1:
        return found
    months = last.month - first.month + 1
    if months == 3 and first.month % 3 == 1:
        return Timex("DATE", f"{first.year:04d}-Q{first.month // 3 + 1}")
    if months == 6 and first.month % 6 == 1:
        return Timex("DATE", f"{first.year:04d}-H{first.month // 6 + 1}")
    return found


def _range(s: str, ctx: _Ctx) -> Timex | None:
    """ "jan 5-7", "from monday to wednesday", "between 2019 and 2021", "march 30 - april 2",
    "1998-99", "9 a.m to 5 p.m": one Timex whose begin and end are its points' values.

    A point borrows what it leaves out from the other: a bare day its month ("Jan. 5-7"), a
    first point its year ("January to March 2023"), two digits their century ("1998-99"). An
    end that a name without a year puts before the beginning ("Friday to Monday", "December to
    February") is the next one. Both points must be dates, or both clock times."""
    m = re.fullmatch(r"(?:(?P<signal>from|between) )?(?P<body>.+)", s)
    if m is None:
        return None
    body = m["body"]
    for sep in _RANGE_SEP.finditer(body):
        needed = _SIGNAL_NEEDED.get(sep.group().strip())
        first, last = body[: sep.start()].strip(), body[sep.end() :].strip()
        if needed == "from" and _CLOCK.search(first):
            needed = None  # "9 a.m. to 5 p.m." is a range without its "from"
        if needed != m["signal"] and (needed or m["signal"] == "between"):
            continue
        if first and last:
            found = _range_points(first, last, ctx)
            if found is not None:
                return found
    return None


def _range_points(first: str, last: str, ctx: _Ctx) -> Timex | None:
    named_first, named_last = _DAY_OF_MONTH.fullmatch(first), _DAY_OF_MONTH.fullmatch(last)
    bare_first, bare_last = _BARE_DAY.fullmatch(first), _BARE_DAY.fullmatch(last)
    if bare_last and named_first:
        year = bare_last["y"] or named_first["y"]
        month = named_first["m1"] or named_first["m2"]
        last = f"{month} {bare_last['d']}" + (f" {year}" if year else "")
    elif bare_first and not bare_first["y"] and named_last:
        first = f"{named_last['m1'] or named_last['m2']} {first}"
    elif re.fullmatch(r"\d{4}", first) and re.fullmatch(r"\d{2}", last):
        last = first[:2] + last  # "1998-99"
    # "January to March 2023", "between January and November this year"
    year = re.search(r"(?:,? )((?:this|last|next) year|\d{4})$", last)
    if year and not re.search(r"\d{4}|\byear\b|^\d{1,2}(?::\d{2})?\b", first):
        first = f"{first} {year[1]}"
    begin, end = _normalise(first, ctx), _normalise(last, ctx)
    if begin is None or end is None or begin.type != end.type or begin.type not in ("DATE", "TIME"):
        return None
    (b0, _), (e0, e1) = bounds(begin.value), bounds(end.value)
    if b0 is None or e0 is None or e1 is None:
        return None
    end_value = end.value
    if e1 < b0 and not re.search(r"\d{4}", last):
        # the name without a year is the next one after the beginning
        moved = _normalise(last, _Ctx(b0, "future", None, ctx.day_first))
        end_value = moved.value if moved is not None else end_value
        e1 = bounds(end_value)[1]
    if e1 is None or e1 < b0:
        return None
    return Timex(begin.type, begin.value, begin.value, end_value)


_RULES: tuple[Callable[[str, _Ctx], Timex | None], ...] = (
    _deictic,
    _set,
    _full_date,
    _time_of_day,
    _part_of_day,
    _years,
    _part_of_year,
    _relative,
    _named_relative,
    _ago,
    _week_of,
    _year_end,
    _bare_name,
    _duration,
    _anchored_phrase,
)


def _strip_modifier(s: str) -> str | None:
    for mod in sorted(_MODIFIERS, key=len, reverse=True):
        if s.startswith(mod + " ") and len(s) > len(mod) + 1:
            return s[len(mod) + 1 :].strip()
    m = re.fullmatch(
        r"(?P<head>.+?)(?: or (?:so|more|two|longer|less|earlier|later|\d+)"
        r"| and beyond| or \d+ \w+| or (?:a|an) \w+)$",
        s,
    )
    if m:
        return m.group("head")
    return None


def _normalise(s: str, ctx: _Ctx) -> Timex | None:
    seen = set()
    while s and s not in seen:
        seen.add(s)
        for rule in _RULES:
            found = rule(s, ctx)
            if found is not None:
                return found
        stripped = _strip_modifier(s)
        if stripped is None:
            break
        s = stripped
    return None


@lru_cache(maxsize=8192)
def normalise(
    expr: str,
    dct: date | None,
    tense: str | None = None,
    *,
    anchor: str | None = None,
    day_first: bool = False,
) -> Timex | None:
    """Normalise a time expression to a TIMEX3 type and value, or None if it is not one.

    `dct` anchors relative expressions; without it they keep X digits ("XXXX-02").
    `tense` ("past", "present", "future" or None) decides which "Friday" or "February" is meant.
    `anchor`, the value of the last explicit date before the phrase, is what "two days later"
    and "a year earlier" count from (TimeML's anchorTimeID); without it they count from the DCT.
    `day_first` reads an all-numeric date whose first two numbers could both be a month
    ("03/04/2021") day first, as the article's locale writes them (see `day_first()`).
    A clock time keeps the zone written after it as a UTC offset ("9 p.m. EST" is T21:00-05:00,
    "GMT" is Z; `ZONES`). A range ("Jan. 5-7", "between 2019 and 2021") comes back as one Timex
    with `begin` and `end` (see `Timex`).
    Never raises on odd input ("February 30" gives None).
    """
    cleaned = _clean(expr)
    if not cleaned or len(cleaned) > 80:
        return None
    try:
        ctx = _Ctx(
            dct, tense if tense in ("past", "present", "future") else None, anchor, day_first
        )
        cleaned, zone = _split_zone(cleaned)
        found = _normalise(cleaned, ctx) or _month_span(cleaned, ctx) or _range(cleaned, ctx)
        return _zoned(found, zone) if found is not None and zone else found
    except (ValueError, OverflowError, KeyError, IndexError):
        return None


# --------------------------------------------------------------------------- time zones

_ZONE = re.compile(
    r"(?P<time>.*?(?:\d|\b[ap]\.?m|\bnoon|\bmidnight|o'clock))\s*\(?"
    rf"(?P<zone>{_alternation(ZONES)})"
    r"(?:\s?(?P<sign>[+-])\s?(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?)?\)?"
    r"(?P<rest>(?:[\s,].*)?)$"
)


def _split_zone(s: str) -> tuple[str, str | None]:
    """The expression without the zone after its clock time, and that zone's offset, "" for
    "local time", None when no zone is written ("9 p.m est on saturday" -> "9 p.m on
    saturday", "-05:00"; "10:52 gmt+2" -> "+02:00"). A zone name means one only after a
    clock time: "et", "pt" and "eastern" are other words elsewhere."""
    m = _ZONE.match(s)
    if m is None:
        return s, None
    time = m["time"]
    if re.fullmatch(r"(?:[01]\d|2[0-3])[0-5]\d", time):
        time = f"{time[:2]}:{time[2:]}"  # "1052 GMT": a clock in four digits, not a year
    rest = (time + m["rest"]).strip()
    if m["sign"]:
        minutes = int(m["minutes"] or 0)
        if int(m["hours"]) > 14 or minutes > 59:
            return rest, None
        return rest, f"{m['sign']}{int(m['hours']):02d}:{minutes:02d}"
    return rest, ZONES[m["zone"]]


def _zoned(found: Timex, zone: str) -> Timex:
    """A clock time with its zone's offset added; anything else as it was."""

    def offset(value: str) -> str:
        if not re.search(r"T\d{2}:\d{2}(?::\d{2})?$", value):
            return value  # a part of the day ("TNI") or no time at all
        if "/" not in zone:
            return value + zone
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?", value)
        if m is None or m[4] == "24":
            return value  # no day, no summer time: the zone's offset is unknown
        moment = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))
        try:
            delta = ZoneInfo(zone).utcoffset(moment)
        except (ZoneInfoNotFoundError, ValueError):
            return value  # no time zone database here (the tzdata package provides one)
        if delta is None:
            return value
        minutes = int(delta.total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        return f"{value}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

    if found.type != "TIME":
        return found
    return Timex(
        found.type,
        offset(found.value),
        offset(found.begin) if found.begin else None,
        offset(found.end) if found.end else None,
    )


# --------------------------------------------------------------------------- locale

_NUMERIC_ANYWHERE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})(?![\w/-])")
_TITLE_MONTHS = "|".join(
    sorted((re.escape(m.title()) for m in MONTHS if m != "may"), key=len, reverse=True)
)
_DAY_THEN_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_TITLE_MONTHS}|May)\b")
_MONTH_THEN_DAY = re.compile(rf"\b(?:{_TITLE_MONTHS}|May)\.? \d{{1,2}}(?:st|nd|rd|th)?(?![\d:])")
# country-code domains whose publishers write the month first, or either way, or that are
# bought for their letters (".io", ".tv") and so say nothing of a country
_NOT_DAY_FIRST_DOMAINS = frozenset({
    "us", "ph", "fm", "pw", "mh", "ca", "io", "co", "tv", "me", "ai", "ly", "cc", "ws", "to",
})  # fmt: skip


def day_first(text: str, url: str | None = None) -> bool:
    """Whether an article writes all-numeric dates day first ("03/04/2021" is 3 April), from
    what the article itself shows, the strongest evidence first:

    1. its numeric dates that only one order can read: "19/11/2021" is written day first,
       "11/19/2021" month first. The article's own convention, stated; the majority wins.
    2. the order in which it writes days beside month names: "19 November" is the order of
       British, Irish, Commonwealth and European English, "November 19" American; a house
       style follows one locale for both forms.
    3. its web address: a country-code domain ("bbc.co.uk", ".com.au", ".in", ".ie") other
       than those of the United States and the few countries that write the month first.
    4. otherwise month first: the United States' order, the one American agencies (AP,
       Bloomberg) use and TimeML's tools assume (HeidelTime's rule date_r0c).

    The dateline's place is not evidence: agencies date copy from everywhere in their home
    style, so "KYIV, Ukraine (AP)" says nothing of how AP writes dates. Nor is spelling
    ("colour", "organise"): syndicated copy keeps its spelling while outlets restyle dates.
    """
    votes = 0
    for m in _NUMERIC_ANYWHERE.finditer(text):
        first, second = int(m[1]), int(m[3])
        if first > 12 >= second:
            votes += 1
        elif second > 12 >= first:
            votes -= 1
    if votes:
        return votes > 0
    named = len(_DAY_THEN_MONTH.findall(text)) - len(_MONTH_THEN_DAY.findall(text))
    if named:
        return named > 0
    if url:
        host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/", 1)[0].split(":")[0]
        suffix = host.rsplit(".", 1)[-1]
        return len(suffix) == 2 and suffix.isalpha() and suffix not in _NOT_DAY_FIRST_DOMAINS
    return False


# --------------------------------------------------------------------------- bounds


def bounds(value: str) -> tuple[date | None, date | None]:
    """The earliest and latest day a TIMEX3 DATE (or TIME) value can fall on.

    (None, None) for references such as PRESENT_REF, durations, sets and values whose
    missing part is not a trailing decade or century ("XXXX-02", "1998-XX-XX").
    """
    try:
        return _bounds(value.split("T", 1)[0] if not value.startswith("P") else value)
    except (ValueError, OverflowError):
        return None, None


def _bounds(v: str) -> tuple[date | None, date | None]:
    none: tuple[date | None, date | None] = (None, None)
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
        return _month_bounds(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})", v):
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
        start = date(int(m[1]), _SEASON_START[m[2]], 1)
        return start, start + relativedelta(months=3, days=-1)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        start = date(int(m[1]), (int(m[2]) - 1) * 3 + 1, 1)
        return start, start + relativedelta(months=3, days=-1)
    if m := re.fullmatch(r"(\d{4})-H([12])", v):
        start = date(int(m[1]), (int(m[2]) - 1) * 6 + 1, 1)
        return start, start + relativedelta(months=6, days=-1)
    if m := re.fullmatch(r"(\d{4})-W(\d{1,2})(-WE|-(\d))?", v):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3] == "-WE":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        if m[4]:
            d = monday + timedelta(days=int(m[4]) - 1)
            return d, d
        return monday, monday + timedelta(days=6)
    if m := re.fullmatch(r"(\d{3})X?", v):
        start_year = int(m[1]) * 10
        return date(max(start_year, 1), 1, 1), date(start_year + 9, 12, 31)
    if m := re.fullmatch(r"(\d{2})(?:XX)?", v):
        start_year = int(m[1]) * 100
        return date(max(start_year, 1), 1, 1), date(start_year + 99, 12, 31)
    return none


_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_NAMED_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH_NAME})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MONTH_NAME})\b(?:,?\s+(?P<year2>\d{{4}}))?"
    r"|\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b",
    re.IGNORECASE,
)


def impossible_date(expr: str) -> str | None:
    """The part of `expr` that names a day no calendar has ("February 30", "2022-13-01"),
    so that it can be reported rather than silently dropped; None when there is none."""
    for match in _NAMED_DAY.finditer(expr):
        if match["y"]:
            year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        else:
            month = MONTHS.get((match["mon"] or match["mon2"]).lower(), 0)
            if not month:
                continue
            day = int(match["day"] or match["day2"])
            year = int(match["year"] or match["year2"] or 2000)  # 2000 had a 29 February
        if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
            return match.group(0)
    return None
