"""The TIMEX3 normaliser on real phrases from news, with and without a document date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import timex
from kg.errors import KgError
from kg.timex import (
    HOLIDAYS,
    MONTHS,
    PARTS_OF_DAY,
    ZONES,
    Timex,
    bounds,
    day_first,
    impossible_date,
    normalise,
)

DCT = date(2022, 12, 30)  # a Friday


@pytest.mark.parametrize(
    ("expr", "dct", "tense", "expected"),
    [
        # the reference examples
        ("on Friday", date(2022, 12, 31), "past", ("DATE", "2022-12-30")),
        ("last month", DCT, None, ("DATE", "2022-11")),
        ("in February", DCT, "past", ("DATE", "2022-02")),
        ("next spring", DCT, None, ("DATE", "2023-SP")),
        ("Thursday", DCT, "past", ("DATE", "2022-12-29")),
        ("in September", DCT, "past", ("DATE", "2022-09")),
        ("October", DCT, "past", ("DATE", "2022-10")),
        # full dates in the common written orders
        ("December 30, 2022", DCT, None, ("DATE", "2022-12-30")),
        ("30 December 2022", DCT, None, ("DATE", "2022-12-30")),
        ("Dec. 30, 2022", DCT, None, ("DATE", "2022-12-30")),
        ("the 30th of December 2022", DCT, None, ("DATE", "2022-12-30")),
        ("2022-12-30", DCT, None, ("DATE", "2022-12-30")),
        ("12/30/2022", DCT, None, ("DATE", "2022-12-30")),
        ("Friday, Dec. 30", DCT, "past", ("DATE", "2022-12-30")),
        ("Monday, Oct. 26", date(1998, 10, 27), None, ("DATE", "1998-10-26")),
        ("Nov. 10", date(1989, 11, 2), "past", ("DATE", "1989-11-10")),
        ("Feb. 24", DCT, "past", ("DATE", "2022-02-24")),
        ("Feb. 24", DCT, "future", ("DATE", "2023-02-24")),
        # months, years, seasons, quarters, halves, weeks, weekends, parts of day
        ("February 2022", DCT, None, ("DATE", "2022-02")),
        ("June last year", DCT, None, ("DATE", "2021-06")),
        ("1998", DCT, None, ("DATE", "1998")),
        ("fiscal 1989", DCT, None, ("DATE", "1989")),
        ("nineteen ninety-six", DCT, None, ("DATE", "1996")),
        ("summer 1998", DCT, None, ("DATE", "1998-SU")),
        ("the winter of nineteen ninety-four", DCT, None, ("DATE", "1994-WI")),
        ("this summer", DCT, None, ("DATE", "2022-SU")),
        ("last fall", date(1999, 4, 10), None, ("DATE", "1998-FA")),
        ("the third quarter", date(1989, 10, 26), "past", ("DATE", "1989-Q3")),
        ("fourth-quarter", date(1998, 2, 6), "past", ("DATE", "1997-Q4")),
        ("the 1989 third quarter", DCT, None, ("DATE", "1989-Q3")),
        ("the third quarter of 1989", DCT, None, ("DATE", "1989-Q3")),
        ("the current quarter", DCT, None, ("DATE", "2022-Q4")),
        ("the first half of 1990", DCT, None, ("DATE", "1990-H1")),
        ("the final three months of 1990", DCT, None, ("DATE", "1990-Q4")),
        ("the first six months of 1990", DCT, None, ("DATE", "1990-H1")),
        ("the last three months", DCT, "past", ("DURATION", "P3M")),
        ("this week", DCT, None, ("DATE", "2022-W52")),
        ("last week", date(1989, 10, 30), None, ("DATE", "1989-W43")),
        ("next week", DCT, None, ("DATE", "2023-W01")),
        ("this weekend", DCT, None, ("DATE", "2022-W52-WE")),
        ("this morning", DCT, None, ("TIME", "2022-12-30TMO")),
        ("Friday night", DCT, "past", ("TIME", "2022-12-30TNI")),
        ("last night", DCT, None, ("TIME", "2022-12-29TNI")),
        ("10:35 a.m.", DCT, None, ("TIME", "2022-12-30T10:35")),
        ("5 p.m. EST Nov. 9", date(1989, 11, 2), "future", ("TIME", "1989-11-09T17:00-05:00")),
        ("noon Saturday", DCT, "past", ("TIME", "2022-12-24T12:00")),
        ("5 p.m. EST, Nov. 6", date(1989, 10, 30), None, ("TIME", "1989-11-06T17:00-05:00")),
        ("the week of March 6", date(2000, 2, 24), None, ("DATE", "2000-W10")),
        ("Easter week", date(2000, 4, 17), "past", ("DATE", "2000-W16")),
        ("the weekend of Oct. 7", date(1999, 10, 1), None, ("DATE", "1999-W40-WE")),
        ("mid-afternoon yesterday", date(1989, 11, 2), None, ("TIME", "1989-11-01TAF")),
        ("the morning of Oct. 5", date(1989, 11, 2), "past", ("TIME", "1989-10-05TMO")),
        # decades and centuries
        ("the 1990s", DCT, None, ("DATE", "199X")),
        ("the mid-1990s", DCT, None, ("DATE", "199X")),
        ("the '80s", DCT, None, ("DATE", "198X")),
        ("the 20th century", DCT, None, ("DATE", "19XX")),
        ("this century", DCT, None, ("DATE", "20XX")),
        # references
        ("now", DCT, None, ("DATE", "PRESENT_REF")),
        ("currently", DCT, None, ("DATE", "PRESENT_REF")),
        ("recently", DCT, None, ("DATE", "PAST_REF")),
        ("the future", DCT, None, ("DATE", "FUTURE_REF")),
        ("several years ago", DCT, None, ("DATE", "PAST_REF")),
        # durations
        ("eight minutes", DCT, None, ("DURATION", "PT8M")),
        ("the past three years", DCT, None, ("DURATION", "P3Y")),
        ("three years", DCT, None, ("DURATION", "P3Y")),
        ("a month", DCT, None, ("DURATION", "P1M")),
        ("two hours", DCT, None, ("DURATION", "PT2H")),
        ("the first nine months", DCT, None, ("DURATION", "P9M")),
        ("two-year", DCT, None, ("DURATION", "P2Y")),
        ("5 1/2 hours", DCT, None, ("DURATION", "PT5H30M")),
        ("2 1/2 years", DCT, None, ("DURATION", "P2Y6M")),
        ("a minute and a half", DCT, None, ("DURATION", "PT1M30S")),
        ("two decades", DCT, None, ("DURATION", "P20Y")),
        ("years", DCT, None, ("DURATION", "PXY")),
        ("a few days", DCT, None, ("DURATION", "PXD")),
        ("recent months", DCT, None, ("DURATION", "PXM")),
        ("70 years old", DCT, None, ("DURATION", "P70Y")),
        # sets
        ("every year", DCT, None, ("SET", "P1Y")),
        ("weekly", DCT, None, ("SET", "P1W")),
        ("daily", DCT, None, ("SET", "P1D")),
        ("every Friday", DCT, None, ("SET", "XXXX-WXX-5")),
        ("Tuesday nights", DCT, None, ("SET", "XXXX-WXX-2TNI")),
        ("twice a year", DCT, None, ("SET", "P1Y")),
        # relative to the DCT
        ("yesterday", DCT, None, ("DATE", "2022-12-29")),
        ("today", DCT, None, ("DATE", "2022-12-30")),
        ("tomorrow", DCT, None, ("DATE", "2022-12-31")),
        ("this year", DCT, None, ("DATE", "2022")),
        ("last year", DCT, None, ("DATE", "2021")),
        ("earlier this year", DCT, None, ("DATE", "2022")),
        ("two weeks ago", DCT, None, ("DATE", "2022-W50")),
        ("three days ago", DCT, None, ("DATE", "2022-12-27")),
        ("a decade ago", DCT, None, ("DATE", "201X")),
        ("last Friday", DCT, None, ("DATE", "2022-12-23")),
        ("next Friday", DCT, None, ("DATE", "2023-01-06")),
        ("last November", DCT, None, ("DATE", "2022-11")),
        ("on Friday", DCT, "future", ("DATE", "2022-12-30")),
        ("on Monday", DCT, "future", ("DATE", "2023-01-02")),
        ("on Monday", DCT, "past", ("DATE", "2022-12-26")),
        ("in February", DCT, "future", ("DATE", "2023-02")),
        ("Thanksgiving Day", date(1998, 11, 30), "past", ("DATE", "1998-11-26")),
        ("Christmas", DCT, "past", ("DATE", "2022-12-25")),
        # without a DCT relative expressions keep X digits, never today's date
        ("in February", None, "past", ("DATE", "XXXX-02")),
        ("yesterday", None, None, ("DATE", "XXXX-XX-XX")),
        ("next year", None, None, ("DATE", "XXXX")),
        ("last month", None, None, ("DATE", "XXXX-XX")),
        ("on Friday", None, "past", ("DATE", "XXXX-WXX-5")),
        ("next spring", None, None, ("DATE", "XXXX-SP")),
        ("the third quarter", None, None, ("DATE", "XXXX-Q3")),
        ("March 3", None, None, ("DATE", "XXXX-03-03")),
        ("March 3, 2020", None, None, ("DATE", "2020-03-03")),
        ("now", None, None, ("DATE", "PRESENT_REF")),
    ],
)
def test_normalise(
    expr: str, dct: date | None, tense: str | None, expected: tuple[str, str]
) -> None:
    assert normalise(expr, dct, tense) == Timex(*expected)


@pytest.mark.parametrize(
    "expr",
    [
        "around a quarter",
        "the two",
        "February 30",
        "Group of 20",
        "the second",
        "a second",
        "",
        "20",
    ],
)
def test_not_a_time(expr: str) -> None:
    assert normalise(expr, DCT) is None


def test_anchor_for_comparisons() -> None:
    """ "a year earlier" counts from the time just talked about; "ago" from the DCT."""
    dct = date(1989, 10, 26)
    assert normalise("a year earlier", dct, "past", anchor="1989-Q3") == Timex("DATE", "1988-Q3")
    assert normalise("two days later", dct, "past", anchor="1989-10-02") == Timex(
        "DATE", "1989-10-04"
    )
    assert normalise("the year-earlier quarter", dct, "past") == Timex("DATE", "1988-Q3")
    assert normalise("that year", dct, "past", anchor="1987-05") == Timex("DATE", "1987")
    assert normalise("two years ago", dct, "past", anchor="1980") == Timex("DATE", "1987")


@pytest.mark.parametrize(
    ("expr", "tense", "anchor", "expected"),
    [
        ("the following year", "past", "1995-05-22", "1996"),
        ("the following month", "past", "1989-03", "1989-04"),
        ("the previous Friday", "past", "1989-10-27", "1989-10-20"),
        ("the next morning", "past", "2000-02-22", "2000-02-23TMO"),
        ("the prior quarter", "past", "1989-08-31", "1989-Q2"),
        ("later that year", "past", "1998-06", "1998"),
        # "the next" told in the present or future looks ahead from the DCT
        ("the next year", "future", "1995-05-22", "1990"),
        # an anchor too coarse for the unit leaves the DCT reading
        ("the following day", "past", "1995", "1989-10-27"),
    ],
)
def test_anaphoric_relatives_count_from_the_anchor(
    expr: str, tense: str, anchor: str, expected: str
) -> None:
    """TimeML anchors "the following year" on the time just talked about, not on the DCT."""
    found = normalise(expr, date(1989, 10, 26), tense, anchor=anchor)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("expr", "dct", "tense", "expected"),
    [
        # a quarter is still the one just closed while its results are due
        ("the third quarter", date(1989, 10, 27), "future", "1989-Q3"),
        ("the first quarter", date(1989, 10, 27), "future", "1990-Q1"),
        ("the quarter", date(1989, 10, 26), "future", "1989-Q3"),
        ("the quarter", date(1989, 12, 20), "future", "1989-Q4"),
        # without a tense: the latest begun
        ("the fiscal first quarter", date(1989, 10, 26), None, "1989-Q1"),
        ("the fourth quarter", date(1998, 1, 26), None, "1997-Q4"),
        ("the final quarter", date(1989, 10, 26), None, "1989-Q4"),
        # "last quarter" is the one before this one, not the fourth
        ("last quarter", date(1989, 10, 26), None, "1989-Q3"),
        ("the last quarter of 1989", date(1990, 3, 1), None, "1989-Q4"),
        # on the eve of a period, without a tense, the one about to begin
        ("the second half", date(2024, 6, 25), None, "2024-H2"),
        ("the first quarter", date(1989, 12, 20), "present", "1990-Q1"),
        ("the second half", date(2024, 6, 25), "past", "2023-H2"),
        # a range of months said as one period
        ("the April-June quarter", date(2024, 7, 31), "past", "2024-Q2"),
        ("the Jan.-March quarter", date(2024, 7, 31), "past", "2024-Q1"),
        ("the July-December period", date(2024, 7, 31), None, "2024-H2"),
    ],
)
def test_quarters(expr: str, dct: date, tense: str | None, expected: str) -> None:
    assert normalise(expr, dct, tense) == Timex("DATE", expected)


def test_a_range_of_months_that_is_no_quarter_is_a_range() -> None:
    assert normalise("March-May", date(2024, 7, 31), "past") == Timex(
        "DATE", "2024-03", "2024-03", "2024-05"
    )


@pytest.mark.parametrize("expr", ["February 30", "February 30, 2022", "2022-13-01", "2022-02-30"])
def test_impossible_dates_have_no_value(expr: str) -> None:
    assert normalise(expr, DCT) is None
    assert normalise(expr, None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02", (date(2022, 2, 1), date(2022, 2, 28))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-SP", (date(2023, 3, 1), date(2023, 5, 31))),
        ("2022-WI", (date(2022, 12, 1), date(2023, 2, 28))),
        ("2022-12-30", (date(2022, 12, 30), date(2022, 12, 30))),
        ("2022-W52", (date(2022, 12, 26), date(2023, 1, 1))),
        ("2022-W52-WE", (date(2022, 12, 31), date(2023, 1, 1))),
        ("2022-Q4", (date(2022, 10, 1), date(2022, 12, 31))),
        ("2022-H1", (date(2022, 1, 1), date(2022, 6, 30))),
        ("2022", (date(2022, 1, 1), date(2022, 12, 31))),
        ("199X", (date(1990, 1, 1), date(1999, 12, 31))),
        ("199", (date(1990, 1, 1), date(1999, 12, 31))),
        ("19XX", (date(1900, 1, 1), date(1999, 12, 31))),
        ("2022-12-30T10:00", (date(2022, 12, 30), date(2022, 12, 30))),
        ("2022-12-30TMO", (date(2022, 12, 30), date(2022, 12, 30))),
        ("PRESENT_REF", (None, None)),
        ("PAST_REF", (None, None)),
        ("FUTURE_REF", (None, None)),
        ("P1M", (None, None)),
        ("PT2H", (None, None)),
        ("XXXX-02", (None, None)),
        ("XXXX-WXX-5", (None, None)),
        ("1998-XX-XX", (None, None)),
        ("2022-02-30", (None, None)),
        ("nonsense", (None, None)),
    ],
)
def test_bounds(value: str, expected: tuple[date | None, date | None]) -> None:
    assert bounds(value) == expected


@given(
    st.text(max_size=40),
    st.one_of(st.none(), st.dates()),
    st.sampled_from([None, "past", "present", "future"]),
)
def test_never_raises(expr: str, dct: date | None, tense: str | None) -> None:
    found = normalise(expr, dct, tense)
    if found is not None:
        assert found.type in ("DATE", "TIME", "DURATION", "SET")
        bounds(found.value)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_relative_values_fall_in_their_bounds(dct: date) -> None:
    """Whatever the DCT, "yesterday" is one day and "last month" contains the day a month ago."""
    yesterday = normalise("yesterday", dct)
    assert yesterday is not None
    start, end = bounds(yesterday.value)
    assert start == end and start is not None and (dct - start).days == 1
    month = normalise("last month", dct)
    assert month is not None
    start, end = bounds(month.value)
    day_before_this_month = dct.replace(day=1) - timedelta(days=1)
    assert start is not None and end is not None
    assert start <= day_before_this_month == end


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("February 30", "February 30"),
        ("the 30 February 2022 vote", "30 February 2022"),
        ("Feb. 29, 2021", "Feb. 29, 2021"),
        ("2022-13-01", "2022-13-01"),
        ("Feb 29", None),  # some year has one
        ("December 30, 2022", None),
        ("next spring", None),
    ],
)
def test_impossible_date_names_the_day_no_calendar_has(text: str, bad: str | None) -> None:
    assert impossible_date(text) == bad


# --------------------------------------------------------------------------- issue 13 item 3


@pytest.mark.parametrize(
    ("expr", "dct", "expected"),
    [
        # day, month name and year with hyphens or slashes: the cases' "19-Nov-21"
        ("19-Nov-21", date(2022, 3, 2), "2021-11-19"),
        ("19-Nov-2021", date(2022, 3, 2), "2021-11-19"),
        ("19/nov/21", date(2022, 3, 2), "2021-11-19"),
        # all digits: a number above 12 is the day, whatever the locale
        ("19/11/21", date(2022, 3, 2), "2021-11-19"),
        ("11/19/21", date(2022, 3, 2), "2021-11-19"),
        ("19-11-2021", date(2022, 3, 2), "2021-11-19"),
        ("2021-11-19", date(2022, 3, 2), "2021-11-19"),
        ("2021/11/19", date(2022, 3, 2), "2021-11-19"),
        # dots are written day first
        ("03.04.2021", date(2022, 3, 2), "2021-04-03"),
        # two digits name the year nearest the DCT, at most ten years ahead of it
        ("05/03/99", date(2022, 3, 2), "1999-05-03"),
        ("05/03/31", date(2022, 3, 2), "2031-05-03"),
        ("05/03/33", date(2022, 3, 2), "1933-05-03"),
    ],
)
def test_numeric_dates(expr: str, dct: date, expected: str) -> None:
    assert normalise(expr, dct) == Timex("DATE", expected)


def test_ambiguous_numeric_date_follows_the_locale() -> None:
    dct = date(2022, 3, 2)
    assert normalise("03/04/2021", dct) == Timex("DATE", "2021-03-04")
    assert normalise("03/04/2021", dct, day_first=True) == Timex("DATE", "2021-04-03")
    # unambiguous dates ignore it
    assert normalise("11/19/2021", dct, day_first=True) == Timex("DATE", "2021-11-19")


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        # the article's own unambiguous numeric dates decide
        ("Filed 25/12/2020; amended 03/04/2021.", None, True),
        ("Filed 12/25/2020; amended 03/04/2021.", "https://www.bbc.co.uk/news", False),
        # then the order of days and month names
        ("The court sat on 19 November and again on 3 December. 03/04/2021", None, True),
        ("The court sat on November 19. 03/04/2021", "https://www.bbc.co.uk/news", False),
        # then a country's web domain
        ("03/04/2021", "https://www.abc.net.au/news/1", True),
        ("03/04/2021", "https://www.nytimes.com/2021/03/04/", False),
        ("03/04/2021", "https://example.us/a", False),
        # otherwise month first
        ("03/04/2021", None, False),
    ],
)
def test_day_first_reads_the_article(text: str, url: str | None, expected: bool) -> None:
    assert day_first(text, url) is expected


@pytest.mark.parametrize(
    ("expr", "dct", "tense", "expected"),
    [
        ("Jan. 5-7", date(2022, 10, 3), "future", ("DATE", "2023-01-05", "2023-01-07")),
        ("Jan. 5-7, 2024", date(2022, 10, 3), None, ("DATE", "2024-01-05", "2024-01-07")),
        ("5-7 January", date(2022, 10, 3), "future", ("DATE", "2023-01-05", "2023-01-07")),
        ("from Monday to Wednesday", DCT, "future", ("DATE", "2023-01-02", "2023-01-04")),
        ("Monday through Friday", DCT, "past", ("DATE", "2022-12-26", "2022-12-30")),
        ("between 2019 and 2021", DCT, None, ("DATE", "2019", "2021")),
        ("2019-2021", DCT, None, ("DATE", "2019", "2021")),
        ("1998-99", DCT, None, ("DATE", "1998", "1999")),
        ("March 30 - April 2", DCT, "past", ("DATE", "2022-03-30", "2022-04-02")),
        ("from January to March 2023", DCT, None, ("DATE", "2023-01", "2023-03")),
        ("between January and November this year", DCT, None, ("DATE", "2022-01", "2022-11")),
        # an end before the beginning is the next one of its name
        ("from Friday to Monday", DCT, "past", ("DATE", "2022-12-30", "2023-01-02")),
        ("from December to February", DCT, "future", ("DATE", "2022-12", "2023-02")),
        ("9 a.m. to 5 p.m.", DCT, None, ("TIME", "2022-12-30T09:00", "2022-12-30T17:00")),
    ],
)
def test_range_is_one_time_with_its_points(
    expr: str, dct: date, tense: str | None, expected: tuple[str, str, str]
) -> None:
    kind, begin, end = expected
    assert normalise(expr, dct, tense) == Timex(kind, begin, begin, end)


@pytest.mark.parametrize(
    "expr",
    [
        "Monday and Tuesday",  # two days, not a range: "and" needs "between"
        "Friday to December",  # "a revision Friday to December's figures": "to" needs "from"
        "between Monday",
    ],
)
def test_not_a_range(expr: str) -> None:
    found = normalise(expr, DCT)
    assert found is None or found.begin is None


@pytest.mark.parametrize(
    ("expr", "dct", "tense", "expected"),
    [
        # the cases' "9 p.m. EST on Saturday": the zone stays in the value
        ("9 p.m. EST on Saturday", date(2023, 1, 1), "past", "2022-12-31T21:00-05:00"),
        ("9 p.m. EDT", date(2023, 7, 1), None, "2023-07-01T21:00-04:00"),
        # "ET" says no season: the offset is New York's on that day
        ("9 p.m. ET", date(2023, 1, 10), None, "2023-01-10T21:00-05:00"),
        ("9 p.m. ET", date(2023, 7, 10), None, "2023-07-10T21:00-04:00"),
        ("10:35 a.m. GMT", DCT, None, "2022-12-30T10:35Z"),
        ("10:35 a.m. (GMT+2)", DCT, None, "2022-12-30T10:35+02:00"),
        ("1052 GMT", DCT, None, "2022-12-30T10:52Z"),
        ("5 p.m. IST", DCT, None, "2022-12-30T17:00+05:30"),
        ("noon local time", DCT, None, "2022-12-30T12:00"),
        ("5 p.m. EST, Nov. 6", date(1989, 10, 30), None, "1989-11-06T17:00-05:00"),
        # a zone word means one only after a clock time
        ("Friday night", DCT, "past", "2022-12-30TNI"),
    ],
)
def test_time_zone_kept(expr: str, dct: date, tense: str | None, expected: str) -> None:
    found = normalise(expr, dct, tense)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("expr", "dct", "tense", "expected"),
    [
        # the cases' headline: the eve is the day before, not New Year's Day
        ("New Year's Eve", date(2023, 1, 1), None, "2022-12-31"),
        ("New Year's Day", date(2023, 1, 1), None, "2023-01-01"),
        ("Christmas Eve", DCT, "past", "2022-12-24"),
        ("Boxing Day", DCT, "past", "2022-12-26"),
        # an eve nobody lists is the day before its holiday
        ("Easter eve", date(2023, 4, 20), "past", "2023-04-08"),
        ("the eve of Thanksgiving", date(2022, 11, 30), "past", "2022-11-23"),
        # moving holidays
        ("Good Friday", date(2023, 4, 20), "past", "2023-04-07"),
        ("Orthodox Easter", date(2023, 4, 20), "past", "2023-04-16"),
        ("Thanksgiving", date(2022, 11, 30), "past", "2022-11-24"),
        ("Memorial Day", date(2023, 6, 1), "past", "2023-05-29"),
        ("Labor Day", date(2023, 9, 10), "past", "2023-09-04"),
        ("Mother's Day", date(2023, 5, 20), "past", "2023-05-14"),
        ("Election Day", date(2022, 11, 20), "past", "2022-11-08"),
        ("Martin Luther King Jr. Day", date(2023, 1, 20), "past", "2023-01-16"),
        # spelling does not count: full stops, apostrophes, case
        ("Presidents Day", date(2023, 2, 25), "past", "2023-02-20"),
        ("St Patricks Day", date(2023, 3, 20), "past", "2023-03-17"),
        # without a DCT a fixed holiday keeps its day, a moving one nothing
        ("New Year's Eve", None, None, "XXXX-12-31"),
        ("Easter", None, None, "XXXX-XX-XX"),
    ],
)
def test_holidays_and_their_eves(
    expr: str, dct: date | None, tense: str | None, expected: str
) -> None:
    assert normalise(expr, dct, tense) == Timex("DATE", expected)


def test_every_holiday_has_a_day_each_year() -> None:
    """Every rule of ontology/timex/holidays.tsv gives a day in every year (a fifth weekday
    some months lack falls back to the last)."""
    for rule in HOLIDAYS.values():
        for year in range(1990, 2040):
            assert rule(year).year == year


def test_tables_are_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A malformed table row is reported with its file and line."""
    (tmp_path / "months.tsv").write_text("# months\nname\tmonth\nmaybe\n", "utf-8")
    monkeypatch.setattr(timex, "TABLES", tmp_path)
    with pytest.raises(KgError, match=r"months.tsv:3: expected 2 tab-separated cells"):
        timex._rows("months.tsv", 2)
    assert {"january", "jan", "sept"} <= set(MONTHS)
    assert {"morning", "early hours"} <= set(PARTS_OF_DAY)
    assert ZONES["est"] == "-05:00" and ZONES["gmt"] == "Z"


@pytest.mark.parametrize(
    ("expr", "dct", "expected"),
    [
        # the cases' near miss: the month before the DCT's
        ("last month", date(2023, 3, 6), ("DATE", "2023-02")),
        # "last" with a day of a month: the last one before the DCT
        ("last Oct. 23", date(1999, 4, 19), ("DATE", "1998-10-23")),
        ("last April 25", date(1999, 4, 19), ("DATE", "1998-04-25")),
        ("next March 3", date(1999, 4, 19), ("DATE", "2000-03-03")),
        # decade words: the latest decade of that name begun by the DCT
        ("the nineties", date(1998, 3, 3), ("DATE", "199X")),
        ("the twenties", date(2023, 3, 3), ("DATE", "202X")),
        # what more, additional and trading say of a duration
        ("two more weeks", DCT, ("DURATION", "P2W")),
        ("an additional year", DCT, ("DURATION", "P1Y")),
        ("eight trading days", DCT, ("DURATION", "P8D")),
        ("the early hours of Sunday morning", date(2013, 7, 21), ("TIME", "2013-07-21TMO")),
        ("Q3 2023", DCT, ("DATE", "2023-Q3")),
        ("H1 2023", DCT, ("DATE", "2023-H1")),
    ],
)
def test_more_forms(expr: str, dct: date, expected: tuple[str, str]) -> None:
    assert normalise(expr, dct) == Timex(*expected)


@given(
    st.text(max_size=40),
    st.one_of(st.none(), st.dates()),
    st.sampled_from([None, "past", "present", "future"]),
    st.booleans(),
)
def test_range_begins_before_it_ends(
    expr: str, dct: date | None, tense: str | None, first: bool
) -> None:
    found = normalise(expr, dct, tense, day_first=first)
    if found is not None and found.begin is not None:
        assert found.end is not None and found.value == found.begin
        (start, _), (_, end) = bounds(found.begin), bounds(found.end)
        assert start is not None and end is not None and start <= end


def test_every_zone_name_resolves() -> None:
    """The IANA zone names of ontology/timex/time-zones.tsv are ones zoneinfo knows."""
    from zoneinfo import ZoneInfo

    for offset in ZONES.values():
        if "/" in offset:
            ZoneInfo(offset)
