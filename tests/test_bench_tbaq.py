"""bench.tbaq: a range kg finds as one mention is scored as TimeML's two TIMEX3 points."""

from __future__ import annotations

from bench.tbaq import Timex3, points
from kg.model import Span, TimeMention


def _mention(text: str, start: int, begin: str | None, end: str | None) -> TimeMention:
    span = Span("t", start, start + len(text), text, text, start)
    return TimeMention(span, "DATE", begin or "2022", begin, end)


def test_range_is_scored_as_its_two_points() -> None:
    """Regression: "between 1994 and 1997" was one system TIMEX3 against the gold "1994" and
    "1997", so the gold "1997" was a miss though kg had read it."""
    text = "shot at between 1994 and 1997 in Canada"
    start = text.index("between")
    found = points(_mention("between 1994 and 1997", start, "1994", "1997"))
    assert found == [
        Timex3(start + 8, start + 12, "1994", "DATE", "1994"),
        Timex3(start + 17, start + 21, "1997", "DATE", "1997"),
    ]
    ranged = points(_mention("Sept. 14 to Thursday", 0, "1989-09-14", "1989-10-26"))
    assert [(p.text, p.value) for p in ranged] == [
        ("Sept. 14", "1989-09-14"),
        ("Thursday", "1989-10-26"),
    ]


def test_single_time_and_hyphenated_range_stay_whole() -> None:
    assert points(_mention("2021-11-19", 3, None, None)) == [
        Timex3(3, 13, "2021-11-19", "DATE", "2022")
    ]
    # "1998-99" is one unit of writing, which neither TBAQ nor EventStoryLine splits
    assert [p.text for p in points(_mention("1998-99", 0, "1998", "1999"))] == ["1998-99"]
