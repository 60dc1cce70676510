"""TIMEX3 values in words: what a value fixes, and what it leaves open, said."""

from __future__ import annotations

import pytest

from kg.humantime import human_time


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2022-12-30", "30 December 2022"),
        ("2022-12", "December 2022"),
        ("2022", "2022"),
        ("2023-SP", "spring 2023"),
        ("2023-FA", "autumn 2023"),
        ("2023-Q1", "first quarter of 2023"),
        ("2023-H2", "second half of 2023"),
        ("XXXX-WXX-5", "Friday (week unknown)"),
        ("XXXX-03-05", "5 March (year unknown)"),
        ("XXXX-02", "February (year unknown)"),
        ("XXXX-SP", "spring (year unknown)"),
        ("2023-W05", "week 5, 2023"),
        ("2023-W05-1", "Monday of week 5, 2023"),
        ("2023-W05-WE", "the weekend of week 5, 2023"),
        ("2022-12-30T21:00", "30 December 2022, 21:00"),
        ("2022-12-30T21:00-05:00", "30 December 2022, 21:00 (UTC-05:00)"),
        ("2022-12-30TEV", "30 December 2022, evening"),
        ("PRESENT_REF", "now"),
        ("PAST_REF", "in the past"),
        ("201", "the 2010s"),
        ("19", "the 20th century"),
        ("20XX", "the 21st century"),
        ("P3D", "3 days"),
        ("P1W", "1 week"),
        (None, "date unknown"),
        ("", "date unknown"),
        ("2022-13", "2022-13"),  # not a month: shown as it is
        ("PT2H30M", "PT2H30M"),  # a form it does not know: shown as it is
    ],
)
def test_human_time(value: str | None, words: str) -> None:
    assert human_time(value) == words


def test_raw_timeml_never_reaches_a_reader_for_the_issue_s_values() -> None:
    """Regression: tooltips showed `XXXX-WXX-5`, and `XXXX-03-05` was "Undated"."""
    for value in ("XXXX-WXX-5", "XXXX-03-05", "2023-SP"):
        assert "X" not in human_time(value) and "-" not in human_time(value)
