"""TIMEX3 values in words, for whatever a person reads (the page's tooltips and timeline, `kg
timeline`'s table on a terminal). Machine outputs (RDF, CSV, JSON) keep the TIMEX3 value.

The one function, `human_time`, renders what a value fixes and says what it leaves open:
"2022-12-30" is "30 December 2022", "XXXX-03-05" "5 March (year unknown)", "XXXX-WXX-5"
"Friday (week unknown)", "2023-SP" "spring 2023". A value it does not know is returned as it
is, never dropped.
"""

from __future__ import annotations

import re

__all__ = ["human_time"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
_PARTS = {
    "Q1": "first quarter of", "Q2": "second quarter of", "Q3": "third quarter of",
    "Q4": "fourth quarter of", "H1": "first half of", "H2": "second half of",
}  # fmt: skip
_DAYTIMES = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}

_DATE = re.compile(
    r"(?P<year>\d{4}|XXXX)"
    r"(?:-(?:(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?"
    r"|W(?P<week>\d{2}|XX)(?:-(?P<weekday>[1-7]|WE))?"
    r"|(?P<part>SP|SU|FA|AU|WI|Q[1-4]|H[12])))?"
    r"(?:T(?P<time>\d{2}:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT)(?P<zone>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_DECADE = re.compile(r"(\d{3})X?")  # "201" or "201X": the 2010s
_CENTURY = re.compile(r"(\d{2})(?:XX)?")  # "19" or "19XX": the 20th century
_DURATION = re.compile(r"P(\d+)([YMWD])")
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def human_time(value: str | None) -> str:
    """`value`, a TIMEX3 value (DATE, TIME, a simple DURATION, a reference such as
    PRESENT_REF), in English words: "30 December 2022", "December 2022", "spring 2023",
    "first quarter of 2023", "Friday (week unknown)", "5 March (year unknown)",
    "30 December 2022, 21:00 (UTC+03:00)", "the 2010s", "the 21st century", "3 days". None or ""
    gives "date unknown"; a value of another form is returned unchanged. Never raises."""
    if not value:
        return "date unknown"
    value = value.strip()
    if value in _REFS:
        return _REFS[value]
    found = _DATE.fullmatch(value)
    if found:
        return _date_words(found)
    if _DECADE.fullmatch(value):
        return f"the {value[:3]}0s"
    if _CENTURY.fullmatch(value):
        # "20XX" is 2000-2099: the 21st century ("the 2000s" reads as a decade)
        number = int(value[:2]) + 1
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return f"the {number}{suffix} century"
    duration = _DURATION.fullmatch(value)
    if duration:
        n, unit = int(duration[1]), _UNITS[duration[2]]
        return f"{n} {unit}{'' if n == 1 else 's'}"
    return value


def _date_words(m: re.Match[str]) -> str:
    year = None if m["year"] == "XXXX" else m["year"]
    month = None if m["month"] in (None, "XX") else int(m["month"])
    day = None if m["day"] in (None, "XX") else int(m["day"])
    if month is not None and not 1 <= month <= 12:
        return m.group(0)
    unknown: list[str] = []
    if m["weekday"] is not None or m["week"] is not None:
        weekday = m["weekday"]
        words = (
            "the weekend"
            if weekday == "WE"
            else _WEEKDAYS[int(weekday) - 1]
            if weekday
            else "a week"
        )
        if m["week"] in (None, "XX"):
            unknown.append("week unknown")
            text = words
        else:
            text = f"{words} of week {int(m['week'])}" if weekday else f"week {int(m['week'])}"
            if year is not None:
                text += f", {year}"
        if year is None and m["week"] not in (None, "XX"):
            unknown.append("year unknown")
    elif m["part"] is not None:
        part = m["part"]
        named = _SEASONS.get(part) or _PARTS[part]
        text = f"{named} {year}" if year else named
        if year is None:
            unknown.append("year unknown")
    else:
        pieces = [str(day)] if day is not None and month is not None else []
        if month is not None:
            pieces.append(_MONTHS[month - 1])
        if year is not None:
            pieces.append(year)
        elif pieces:
            unknown.append("year unknown")
        text = " ".join(pieces) or "date unknown"
    clock = m["time"]
    if clock:
        text += f", {_DAYTIMES.get(clock, clock)}"
        if m["zone"]:
            text += " (UTC)" if m["zone"] == "Z" else f" (UTC{m['zone']})"
    if unknown:
        text += f" ({', '.join(unknown)})"
    return text


# kg:timeOrigin values that are defaults, not a time the text gives the event (kg.model)
_DEFAULT_NOTES = {
    "article": "the article's date: the text gives none",
    "sentence": "a time of its sentence",
    "narrative": "the day the story is told on",
}


def origin_note(origin: str | None) -> str:
    """A few words saying that an event's date is a default, for a reader beside the date:
    "the article's date: the text gives none" for kg:timeOrigin "article", "a time of its
    sentence" for "sentence", "the day the story is told on" for "narrative"; "" for a time
    the text gives the event ("text", "relative", "inferred") or none."""
    return _DEFAULT_NOTES.get(origin or "", "")
