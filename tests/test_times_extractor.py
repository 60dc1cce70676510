"""The time extractor on small real news sentences, with the real spaCy model."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import Extractor
from kg.extract.times import TimeExtractor, sentence_tense
from kg.model import Article, Extraction, TimeMention
from kg.nlp import load
from kg.pipeline import extract
from kg.sources import read_sources
from tests.shared import shared


def _times(text: str, published: date | None = date(2022, 12, 30)) -> list[TimeMention]:
    article = Article.from_text("t", text, published)
    doc = load()(text)
    found = TimeExtractor().extract(doc, Extraction(article=article))
    for mention in found.times:
        assert text[mention.span.start : mention.span.end] == mention.span.text
        assert mention.span.sentence in text
        assert text[mention.span.sentence_start :].startswith(mention.span.sentence)
    return list(found.times)


def _found(text: str, published: date | None = date(2022, 12, 30)) -> list[tuple[str, str, str]]:
    return [(t.span.text, t.type, t.value) for t in _times(text, published)]


def test_is_an_extractor() -> None:
    extractor = TimeExtractor()
    assert isinstance(extractor, Extractor)
    assert (extractor.name, extractor.order) == ("times.v1", 20)


def test_spaCy_date_with_value() -> None:
    text = "Chinese leader Xi Jinping held a video call with Vladimir Putin on Friday."
    assert _found(text, date(2022, 12, 31)) == [("Friday", "DATE", "2022-12-30")]


def test_possessive_is_cut_from_the_span() -> None:
    text = "The leaders met on the sidelines of last month's G-20 summit in Bali."
    assert _found(text) == [("last month", "DATE", "2022-11")]


def test_fraction_is_not_a_time() -> None:
    text = "Exports to Russia rose by around a quarter in the first eleven months."
    found = _found(text)
    assert all("quarter" not in span for span, _, _ in found)


def test_age_is_not_a_time() -> None:
    text = "The 70 years old senator said he would run again."
    assert _found(text) == []


def test_tense_decides_direction() -> None:
    past = "Putin said on Monday that the talks had been useful."
    future = "Putin will visit Beijing on Monday, the Kremlin said."
    assert _found(past) == [("Monday", "DATE", "2022-12-26")]
    assert _found(future) == [("Monday", "DATE", "2023-01-02")]


def test_time_between_report_and_its_clause_takes_the_reports_tense() -> None:
    # the parser hangs "on Tuesday" on "buy", but the news convention "X said on DAY it
    # would ..." dates the saying: last Tuesday, not next
    text = "Apple said on Tuesday it would buy Beats Electronics."
    assert _found(text) == [("Tuesday", "DATE", "2022-12-27")]


def test_month_direction_by_tense() -> None:
    assert _found("Russia invaded Ukraine in February.") == [("February", "DATE", "2022-02")]
    assert _found("Xi is expected to visit Moscow in February.") == [
        ("February", "DATE", "2023-02")
    ]


def test_next_spring_and_a_full_date() -> None:
    text = "He said on December 30, 2022 that Xi would visit Moscow next spring."
    assert _found(text) == [
        ("December 30, 2022", "DATE", "2022-12-30"),
        ("next spring", "DATE", "2023-SP"),
    ]


def test_season_counted_from_the_dct_before_a_preposition_is_a_time() -> None:
    """Regression: "last fall in his home" was read as an event ("the fall in oil prices")."""
    text = "He is charged with gunning down the doctor last fall in his home in Buffalo."
    assert _found(text, date(1999, 6, 7)) == [("last fall", "DATE", "1998-FA")]
    text = "The stock began trading this summer at $14 apiece."
    assert _found(text, date(1989, 11, 1)) == [("this summer", "DATE", "1989-SU")]
    text = "Analysts expect the fall in oil prices to continue."
    assert _found(text) == []


def test_latest_period_is_the_last_quarter_reported() -> None:
    """Regression: spaCy does not call "the latest period" a date, and nothing else proposed it."""
    text = "The latest period had profit from continuing operations of $4 million."
    assert _found(text, date(1989, 11, 1)) == [("The latest period", "DATE", "1989-Q3")]


def test_period_of_a_year_marks_the_year_too() -> None:
    """Regression: "the first nine months of 1997" kept the duration and dropped the year,
    which TimeML marks as a TIMEX3 of its own (the period's anchor)."""
    text = "Jobs grew after averaging 242,000 for the first nine months of 1997."
    assert _found(text, date(1998, 2, 6)) == [
        ("the first nine months", "DURATION", "P9M"),
        ("1997", "DATE", "1997"),
    ]


def _ranges(text: str, published: date | None = date(2022, 12, 30)) -> list[tuple[str, ...]]:
    return [(t.span.text, t.value, str(t.begin), str(t.end)) for t in _times(text, published)]


def test_range_is_one_time_with_both_ends() -> None:
    text = "Trade grew by a third between January and November this year, customs data showed."
    assert _ranges(text) == [("January and November this year", "2022-01", "2022-01", "2022-11")]


def test_duration_and_set() -> None:
    text = "The call lasted eight minutes. The two leaders speak every year."
    assert _found(text) == [("eight minutes", "DURATION", "PT8M"), ("every year", "SET", "P1Y")]


def test_references() -> None:
    text = "The relationship is now stronger than it was recently, officials said."
    assert _found(text) == [("now", "DATE", "PRESENT_REF"), ("recently", "DATE", "PAST_REF")]


def test_no_dct_keeps_x_digits() -> None:
    text = "The minister arrived in Delhi yesterday and will leave in February."
    assert _found(text, None) == [
        ("yesterday", "DATE", "XXXX-XX-XX"),
        ("February", "DATE", "XXXX-02"),
    ]


def test_year_earlier_counts_from_the_quarter_under_discussion() -> None:
    text = "Net income rose 10% in the third quarter. Sales fell from $2 billion a year earlier."
    found = _found(text, date(1989, 10, 26))
    assert found == [
        ("the third quarter", "DATE", "1989-Q3"),
        ("a year earlier", "DATE", "1988-Q3"),
    ]


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        ("Putin met Xi on Friday.", "Friday", "past"),
        ("Putin will meet Xi on Friday.", "Friday", "future"),
        ("Putin is going to meet Xi on Friday.", "Friday", "future"),
        ("Putin has met Xi on Friday.", "Friday", "past"),
        ("Putin meets Xi on Friday.", "Friday", "present"),
        ("Putin plans to meet Xi on Friday.", "Friday", "future"),
        ("The decision, announced Wednesday, surprised many.", "Wednesday", "past"),
        # a plan told in the past perfect lay before a past time
        ("The talks had been planned for Monday.", "Monday", "past"),
        ("The offer had been scheduled to expire at midnight Friday.", "Friday", "past"),
        ("It had been due to expire Friday evening.", "evening", "past"),
        ("The offer is scheduled to expire Friday.", "Friday", "future"),
    ],
)
def test_sentence_tense(text: str, word: str, tense: str) -> None:
    doc = load()(text)
    token = next(t for t in doc if t.text == word)
    assert sentence_tense(token) == tense


def test_deterministic() -> None:
    text = "Xi said last week that he would travel to Moscow in the spring of 2023."
    assert _times(text) == _times(text)


def test_following_year_counts_from_the_story() -> None:
    text = (
        "On May 22, 1995, Farkas was made a brigadier general, and the following year "
        "he was appointed military attache in Washington."
    )
    assert ("the following year", "DATE", "1996") in _found(text, date(1998, 4, 18))
    text = "Munero fled to Florida in June 1998 and returned to Cuba later that year."
    assert ("later that year", "DATE", "1998") in _found(text, date(2000, 1, 28))


def test_impossible_dates_in_text_give_no_value() -> None:
    text = "The ministry said the vote set for February 30 and the 2022-13-01 deadline stand."
    found = _found(text)
    assert all(value not in ("2022-02-30", "2022-13-01", "2023-02-30") for _, _, value in found)
    assert not any("30" in span or "13" in span for span, _, _ in found)


def test_year_ended_on_a_day_is_a_duration() -> None:
    text = "For the year ended July 2, Rally had net income of $2.4 million."
    found = _found(text, date(1989, 10, 27))
    assert ("the year", "DURATION", "P1Y") in found
    assert ("July 2", "DATE", "1989-07-02") in found
    assert ("this year", "DATE", "1989") in _found("Sales rose this year.", date(1989, 10, 27))


def test_weekday_and_date_side_by_side_are_one_day() -> None:
    text = "Only $14 million seeped out Friday Oct. 13 alone."
    assert _found(text, date(1989, 10, 27)) == [("Friday Oct. 13", "DATE", "1989-10-13")]


def test_clock_time_falls_on_the_day_just_told() -> None:
    text = "The embassy was bombed on Aug. 7. The blast occurred at about 10:35 a.m., police said."
    found = _found(text, date(1998, 8, 8))
    assert ("10:35 a.m.", "TIME", "1998-08-07T10:35") in found
    text = "The blast occurred at about 10:35 a.m., police said."
    assert _found(text, date(1998, 8, 8)) == [("10:35 a.m.", "TIME", "1998-08-08T10:35")]


def test_week_of_a_date_and_weekday_nights() -> None:
    text = "The case may be resolved in a court hearing the week of March 6, his uncle said."
    assert ("the week of March 6", "DATE", "2000-W10") in _found(text, date(2000, 2, 24))
    text = "Two new flights would leave Bombay on Tuesday nights from March 30."
    assert ("Tuesday nights", "SET", "XXXX-WXX-2TNI") in _found(text, date(1998, 2, 13))


# --------------------------------------------------------------------------- issue 13 item 3

CASES = [
    # (file, DCT, [(text, type, value, begin, end)] that must be among the file's times)
    (
        "date-dd-mon-yy.txt",
        date(2022, 3, 2),
        [("19-Nov-21", "DATE", "2021-11-19", None, None),
         ("Wednesday", "DATE", "2022-03-02", None, None)],
    ),
    (
        "date-range-and-her-office.txt",
        date(2022, 10, 3),
        [("Jan. 5-7", "DATE", "2023-01-05", "2023-01-05", "2023-01-07"),
         ("January", "DATE", "2022-01", None, None),
         ("February", "DATE", "2023-02", None, None)],
    ),
    (
        "time-zone-and-headline-names.txt",
        date(2023, 1, 1),
        [("New Year's Eve", "DATE", "2022-12-31", None, None),
         ("9 p.m. EST on Saturday", "TIME", "2022-12-31T21:00-05:00", None, None)],
    ),
    ("near-miss.txt", date(2023, 3, 6), [("last month", "DATE", "2023-02", None, None)]),
    (
        "postponed.txt",
        date(2015, 2, 22),
        [("Friday", "DATE", "2015-02-20", None, None),
         ("Monday", "DATE", "2015-02-23", None, None)],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "dct", "expected"), CASES, ids=[c[0] for c in CASES])
def test_cases(name: str, dct: date, expected: list[tuple[str | None, ...]]) -> None:
    """The cases of ../shared/cases, read and extracted as `kg extract FILE --dct` does."""
    articles, problems = read_sources([shared("cases") / name], dct=dct)
    assert not problems
    (found,) = extract(articles)
    times = [(t.span.text, t.type, t.value, t.begin, t.end) for t in found.times]
    for time in expected:
        assert time in times


def test_numeric_date_takes_the_articles_locale() -> None:
    """An ambiguous numeric date is read in the order the article's other dates show."""
    british = "The deal signed on 25/12/2020 was amended on 03/04/2021."
    american = "The deal signed on 12/25/2020 was amended on 03/04/2021."
    named = "The court sat on 19 November. The deal was amended on 03/04/2021."
    assert ("03/04/2021", "DATE", "2021-04-03") in _found(british)
    assert ("03/04/2021", "DATE", "2021-03-04") in _found(american)
    assert ("03/04/2021", "DATE", "2021-04-03") in _found(named)


def test_range_in_text_is_one_time() -> None:
    text = "Officials will meet from Monday to Wednesday. Exports rose between 2019 and 2021."
    assert _ranges(text) == [
        ("Monday to Wednesday", "2023-01-02", "2023-01-02", "2023-01-04"),
        ("2019 and 2021", "2019", "2019", "2021"),
    ]


def test_list_is_a_time_per_item() -> None:
    text = "A summit will be held on April 24 and 25. Doctors were shot at in 1994, 1995 and 1997."
    assert _found(text, date(1999, 2, 10)) == [
        ("April 24", "DATE", "1999-04-24"),
        ("25", "DATE", "1999-04-25"),
        ("1994", "DATE", "1994"),
        ("1995", "DATE", "1995"),
        ("1997", "DATE", "1997"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels and the army held talks on Christmas Eve.", ("Christmas Eve", "2022-12-24")),
        ("The markets were closed for Boxing Day.", ("Boxing Day", "2022-12-26")),
        ("Crowds gathered on St. Patrick's Day.", ("St. Patrick's Day", "2022-03-17")),
        ("Shops opened early on the eve of Thanksgiving.", ("eve of Thanksgiving", "2022-11-23")),
    ],
)
def test_holidays_in_text(text: str, expected: tuple[str, str]) -> None:
    assert (expected[0], "DATE", expected[1]) in _found(text)


@pytest.mark.parametrize(
    ("text", "dct", "expected"),
    [
        # the time a look-ahead verb is given lies ahead of the article's date
        ("The talks were postponed until Monday, mediators said.", date(2015, 2, 22),
         ("Monday", "2015-02-23")),
        ("Lenders have extended the loans through January.", date(1989, 10, 30),
         ("January", "1990-01")),
        ("The issue will dominate a summit set for Washington in April.", date(1999, 3, 12),
         ("April", "1999-04")),
        # a plan told in the past may have fallen either side: the nearest
        ("A memorial service planned for Saturday was canceled.", date(1999, 10, 24),
         ("Saturday", "1999-10-23")),
        # "set" that sets nothing ahead
        ("Stocks neared the record high set on Aug. 6.", date(1998, 2, 6),
         ("Aug. 6", "1997-08-06")),
    ],
)  # fmt: skip
def test_look_ahead_verbs(text: str, dct: date, expected: tuple[str, str]) -> None:
    assert (expected[0], "DATE", expected[1]) in _found(text, dct)


@pytest.mark.parametrize(
    "text",
    [
        "He told 60 Minutes that he would run again.",
        "The senator appeared on ABC's This Week with the host.",
        "This is VOA Today.",
        "Thousands joined the annual March for Life on Capitol Hill.",
        "This hasn't been Kellogg's year.",
    ],
)
def test_names_holding_time_words_are_not_times(text: str) -> None:
    assert _found(text) == []


def test_capital_time_words_in_a_title_case_headline_are_times() -> None:
    text = "Biden to Meet Scholz Next Week\n\nThe two leaders will talk trade."
    assert _found(text) == [("Next Week", "DATE", "2023-W01")]


def test_capital_day_word_after_a_quotation_mark_is_a_time() -> None:
    text = "``Today, I'm here to tell you we have our suspect,'' the agent said."
    assert _found(text) == [("Today", "DATE", "2022-12-30")]


def test_day_and_its_part_are_one_time() -> None:
    text = "Police were called early Friday morning and again yesterday evening."
    assert _found(text) == [
        ("early Friday morning", "TIME", "2022-12-30TMO"),
        ("yesterday evening", "TIME", "2022-12-29TEV"),
    ]


def test_counted_units_spacy_misses() -> None:
    text = "The revolution began more than four decades ago; the ban lasts two more weeks."
    found = _found(text, date(2000, 4, 1))
    assert ("more than four decades ago", "DATE", "196X") in found
    assert ("two more weeks", "DURATION", "P2W") in found


def test_clock_times_spacy_misses() -> None:
    text = "The quake struck at 22:46 GMT. Police came at 9.35am; the blast (0737 GMT) followed."
    found = _found(text, date(2013, 7, 21))
    assert ("22:46 GMT", "TIME", "2013-07-21T22:46Z") in found
    assert ("9.35am", "TIME", "2013-07-21T09:35") in found
    assert ("0737 GMT", "TIME", "2013-07-21T07:37Z") in found


def test_time_at_the_end_of_a_proposal() -> None:
    """spaCy's "downtime this morning": the time is the proposal's end."""
    text = "SEACOM experienced downtime this morning, the company said."
    assert ("this morning", "TIME", "2022-12-30TMO") in _found(text)


def test_year_named_period_takes_the_quarter_under_discussion() -> None:
    # TimeML anchors "the 1989 period" to the period the story reports (HeidelTime date_r11b
    # reads "the year-earlier quarter" the same way); the quarter then anchors what follows
    text = (
        "Kimberly-Clark Corp. posted a 20% gain in third-quarter net income. "
        "In the 1989 period also, interest expense and tax rates were lower than a year ago."
    )
    found = _found(text, date(1989, 11, 1))
    assert ("the 1989 period", "DATE", "1989-Q3") in found
    assert ("a year ago", "DATE", "1988-Q3") in found


def test_participle_clause_shares_the_tense_of_its_verb() -> None:
    # a bare participle ("rising", "with the third departing") has no tense of its own; it
    # tells of the time frame of the clause it hangs from (TimeML: tense NONE, aspect from it)
    past = (
        "The company's stock has fluctuated sharply on takeover speculation, rising to a high "
        "of $42.875 a share in June from $29.75 in March."
    )
    assert ("March", "DATE", "1989-03") in _found(past, date(1989, 10, 30))
    ahead = (
        "The airline said two new flights would leave Bombay from March 30, with the third "
        "departing from August 6."
    )
    assert ("August 6", "DATE", "1998-08-06") in _found(ahead, date(1998, 2, 13))
