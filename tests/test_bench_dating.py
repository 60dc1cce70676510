"""bench.dating and bench.timeml.interval on hand-made links whose answers are worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from bench.dating import agrees, links, report, sentence_times
from bench.kgout import EvidenceMention, GraphEvent
from bench.timeml import Event, TimeLink, TimeMLDoc, Timex, interval

D = date


@pytest.mark.parametrize(
    ("value", "days"),
    [
        ("1998-02-13", (D(1998, 2, 13), D(1998, 2, 13))),
        ("1998-02-13T14:30", (D(1998, 2, 13), D(1998, 2, 13))),
        ("1998-02", (D(1998, 2, 1), D(1998, 2, 28))),
        ("2000-02", (D(2000, 2, 1), D(2000, 2, 29))),
        ("1998", (D(1998, 1, 1), D(1998, 12, 31))),
        ("1998-W07", (D(1998, 2, 9), D(1998, 2, 15))),
        ("1998-Q2", (D(1998, 4, 1), D(1998, 6, 30))),
        ("1998-H1", (D(1998, 1, 1), D(1998, 6, 30))),
        ("1998-WI", (D(1998, 12, 1), D(1999, 2, 28))),
        ("1998-SP", (D(1998, 3, 1), D(1998, 5, 31))),
        ("199X", (D(1990, 1, 1), D(1999, 12, 31))),
        ("1998-10-XX", (D(1998, 10, 1), D(1998, 10, 31))),
        ("PRESENT_REF", (D(1998, 2, 13), D(1998, 2, 13))),
        ("P1M", None),
        ("XXXX-05", None),
        ("1998-02-30", None),
    ],
)
def test_interval(value: str, days: tuple[date, date] | None) -> None:
    assert interval(value, dct=D(1998, 2, 13)) == days


def test_past_ref_is_any_day_up_to_the_dct() -> None:
    days = interval("PAST_REF", D(1998, 2, 13))
    assert days is not None and days[1] == D(1998, 2, 13)
    assert interval("PAST_REF") is None


FEB = (D(1998, 2, 1), D(1998, 2, 28))
DAY = (D(1998, 2, 12), D(1998, 2, 12))


def test_within_needs_the_event_inside_the_time() -> None:
    assert agrees("IS_INCLUDED", DAY, FEB)
    assert agrees("DURING", DAY, DAY)
    assert not agrees("IS_INCLUDED", FEB, DAY)  # a month is not sure to lie in one day
    assert not agrees("SIMULTANEOUS", (D(1998, 3, 1), D(1998, 3, 1)), FEB)


def test_overlap_needs_a_shared_day() -> None:
    assert agrees("INCLUDES", FEB, DAY)
    assert agrees("BEGINS", DAY, FEB)
    assert not agrees("ENDS", (D(1998, 3, 1), D(1998, 3, 2)), FEB)


def test_before_and_after_the_dct_and_a_time() -> None:
    dct = (D(1998, 2, 13), D(1998, 2, 13))
    same_day = dct
    assert agrees("BEFORE", same_day, dct, time_is_dct=True)  # earlier that day
    assert not agrees("BEFORE", same_day, dct)  # before a whole day: not the same day
    assert agrees("BEFORE", DAY, dct)
    assert not agrees("AFTER", DAY, dct, time_is_dct=True)
    assert agrees("AFTER", (D(1998, 3, 1), D(1998, 3, 1)), FEB)
    assert not agrees("AFTER", FEB, FEB)
    assert not agrees("UNKNOWN", DAY, DAY)


def tiny_doc() -> TimeMLDoc:
    #       0         1         2         3         4
    #       012345678901234567890123456789012345678901234567
    text = "Rebels attacked on Thursday. Police said so today."
    dct = D(1998, 2, 13)
    return TimeMLDoc(
        name="doc",
        text=text,
        dct=dct,
        events=(
            Event("e1", 7, 15, "attacked", "OCCURRENCE"),
            Event("e2", 36, 40, "said", "REPORTING"),
            Event("e3", 44, 49, "today", "OCCURRENCE"),  # kg misses it
        ),
        timexes=(
            Timex("t0", -1, -1, "", "DATE", "1998-02-13", is_dct=True),
            Timex("t1", 19, 27, "Thursday", "DATE", "1998-02-12"),
            Timex("t2", 30, 34, "x", "DURATION", "P1D"),
        ),
        links=(
            TimeLink("l1", "e1", "t1", "IS_INCLUDED"),
            TimeLink("l2", "e2", "t0", "IS_INCLUDED"),
            TimeLink("l3", "e1", "t0", "BEFORE"),
            TimeLink("l4", "e3", "t0", "IS_INCLUDED"),
            TimeLink("l5", "e1", "t2", "DURING"),  # a duration: no days, left out
        ),
    )


def node(start: int, end: int, begin: date | None, stop: date | None) -> GraphEvent:
    value = begin.isoformat() if begin else None
    mention = EvidenceMention("doc", start, end)
    return GraphEvent(f"e{start}", ("X",), begin, stop, value, None, (mention,))


def test_links_take_kg_dates_from_the_node_whose_mention_is_the_event() -> None:
    doc = tiny_doc()
    sentences = [(0, 28), (29, 50)]
    nodes = [
        node(7, 15, D(1998, 2, 12), D(1998, 2, 12)),  # attacked, on Thursday: right
        node(36, 40, D(1998, 2, 12), D(1998, 2, 12)),  # said, dated Thursday: wrong
        node(0, 6, D(1998, 2, 13), D(1998, 2, 13)),  # "Rebels": no gold event
    ]
    found = {x.event.eid + x.relation: x for x in links(doc, nodes, sentences)}
    attacked = found["e1IS_INCLUDED"]
    assert attacked.found and attacked.kg_agrees()
    assert attacked.agrees_with(attacked.sentence_time)  # the floor takes Thursday too
    assert found["e1BEFORE"].kg_agrees()
    said = found["e2IS_INCLUDED"]
    assert said.found and said.kg is not None and not said.kg_agrees()
    assert said.agrees_with(said.dct_day)
    today = found["e3IS_INCLUDED"]
    assert not today.found and today.kg is None and not today.kg_agrees()
    assert found["e1DURING"].days is None
    lines = report(list(found.values()), 1)
    within = next(line for line in lines if line.startswith("within"))
    # links, found, dated, agree, %found, %dated, floors: DCT day, sentence time
    assert within.split()[1:7] == ["3", "2", "2", "1", "50.0", "50.0"]


def test_an_undated_node_is_found_but_not_dated() -> None:
    doc = tiny_doc()
    found = links(doc, [node(7, 15, None, None)], [(0, 28), (29, 50)])
    attacked = next(x for x in found if x.relation == "IS_INCLUDED" and x.event.eid == "e1")
    assert attacked.found and attacked.kg is None and not attacked.kg_agrees()


def test_the_sentence_floor_takes_the_nearest_time_of_the_sentence_else_the_dct() -> None:
    floor = sentence_times(tiny_doc(), [(0, 28), (29, 50)])
    assert floor["e1"] == DAY
    assert floor["e2"] == (D(1998, 2, 13), D(1998, 2, 13))
