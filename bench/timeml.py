"""TimeML documents (TimeBank, AQUAINT: TBAQ-cleaned) with their EVENTs, TIMEX3s and the TLINKs
between an event and a time, and the calendar interval of a TIMEX3 value.

The text is <TEXT> with its tags stripped (offsets fall out of the walk, as in bench.tbaq); the
DCT is /TimeML/DCT/TIMEX3 (`functionInDocument="CREATION_TIME"`, usually tid t0). An EVENT's
instances (MAKEINSTANCE eiid -> eventID) carry the TLINKs; a TLINK links an event instance to a
time in either direction (`eventInstanceID` + `relatedToTime`, or `timeID` +
`relatedToEventInstance`); the second is turned round (`INVERSE`) so every link reads "event
REL time". Pustejovsky et al. 2003, TimeML 1.2.1 specification, section on TLINK.
"""

from __future__ import annotations

import calendar
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.esc import DEVDATA

TBAQ = DEVDATA / "TBAQ-cleaned"

# "A REL B" == "B INVERSE[REL] A" (TimeML's 13 relations, after Allen 1983)
INVERSE = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "DURING": "DURING_INV",
    "DURING_INV": "DURING",
    "SIMULTANEOUS": "SIMULTANEOUS",
    "IDENTITY": "IDENTITY",
}


@dataclass(frozen=True)
class Event:
    eid: str
    start: int
    end: int
    text: str
    cls: str  # OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE, ASPECTUAL, PERCEPTION


@dataclass(frozen=True)
class Timex:
    tid: str
    start: int  # -1 for the DCT, which lies outside <TEXT>
    end: int
    text: str
    type: str
    value: str
    is_dct: bool = False


@dataclass(frozen=True)
class TimeLink:
    """A TLINK read as "event `relation` time"."""

    lid: str
    eid: str
    tid: str
    relation: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    dct: date | None
    events: tuple[Event, ...]
    timexes: tuple[Timex, ...]  # the DCT first, when there is one
    links: tuple[TimeLink, ...]


def read_timeml(path: Path) -> TimeMLDoc:
    """One .tml file. Raises ET.ParseError on malformed XML."""
    root = ET.parse(path).getroot()
    timexes: list[Timex] = []
    dct = None
    dct_node = root.find("DCT/TIMEX3")
    if dct_node is not None:
        value = dct_node.get("value", "")
        try:
            dct = date.fromisoformat(value[:10])
        except ValueError:
            dct = None
        timexes.append(
            Timex(dct_node.get("tid", "t0"), -1, -1, dct_node.text or "", "DATE", value, True)
        )
    parts: list[str] = []
    events: list[Event] = []
    pos = 0

    def add(piece: str | None) -> None:
        nonlocal pos
        parts.append(piece or "")
        pos += len(piece or "")

    def walk(node: ET.Element) -> None:
        start = pos
        add(node.text)
        for child in node:
            walk(child)
            add(child.tail)
        body = "".join(parts)[start:] if node.tag in ("EVENT", "TIMEX3") else ""
        if node.tag == "EVENT":
            events.append(Event(node.get("eid", ""), start, pos, body, node.get("class", "")))
        elif node.tag == "TIMEX3":
            timexes.append(
                Timex(
                    node.get("tid", ""),
                    start,
                    pos,
                    body,
                    node.get("type", ""),
                    node.get("value", ""),
                )
            )

    text_node = root.find("TEXT")
    if text_node is not None:
        walk(text_node)
    instance = {m.get("eiid", ""): m.get("eventID", "") for m in root.iter("MAKEINSTANCE")}
    times = {t.tid for t in timexes}
    links = []
    for link in root.iter("TLINK"):
        relation = link.get("relType", "")
        if link.get("eventInstanceID") and link.get("relatedToTime"):
            eiid, tid = link.get("eventInstanceID", ""), link.get("relatedToTime", "")
        elif link.get("timeID") and link.get("relatedToEventInstance"):
            eiid, tid = link.get("relatedToEventInstance", ""), link.get("timeID", "")
            relation = INVERSE.get(relation, relation)
        else:
            continue  # event-event or time-time
        if eiid in instance and tid in times:
            links.append(TimeLink(link.get("lid", ""), instance[eiid], tid, relation))
    return TimeMLDoc(
        name=path.stem,
        text="".join(parts),
        dct=dct,
        events=tuple(events),
        timexes=tuple(timexes),
        links=tuple(links),
    )


def tbaq_files(root: Path = TBAQ) -> list[Path]:
    return sorted(root.glob("*/*.tml"))


# -- TIMEX3 values as calendar intervals ----------------------------------------------------

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def interval(value: str, dct: date | None = None) -> tuple[date, date] | None:
    """The first and the last day a TIMEX3 DATE/TIME value covers, or None when it names no
    stretch of the calendar (a duration "P1M", an unanchored "XXXX-05").

    "1998-02-13" and "1998-02-13T14:00" -> that day; "1998-02" -> the month; "1998" -> the year;
    "1998-W07" -> its ISO week, Monday to Sunday; "1998-Q1" -> Jan 1 .. Mar 31; "1998-H2" ->
    Jul 1 .. Dec 31; "1998-SP" -> Mar 1 .. May 31 (seasons as docs/ONTOLOGY: SP, SU, FA, WI,
    winter running into the next year); "199X" -> 1990 .. 1999; "19XX" -> 1900 .. 1999; a
    part left unspecified widens to what is known ("1998-10-XX" -> October, "1989-QX" -> 1989).
    Given the `dct`: "PRESENT_REF" -> the DCT's day, "PAST_REF" -> any day up to it,
    "FUTURE_REF" -> any day from it."""
    v = value.strip()
    if dct is not None and v in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return {
            "PRESENT_REF": (dct, dct),
            "PAST_REF": (date.min, dct),
            "FUTURE_REF": (dct, date.max),
        }[v]
    v = re.sub(r"(?:-(?:XX|W?XX|QX|HX))+$", "", v)  # "1994-XX-XX" -> "1994"
    try:
        return _interval(v)
    except ValueError:  # a month 13, a day 31 of a short month: no such date
        return None


def _interval(v: str) -> tuple[date, date] | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", v):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if m := re.fullmatch(r"(\d{4})-W(\d{1,2})(?:-WE)?", v):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, monday + timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        y, q = int(m[1]), int(m[2])
        last = 3 * q
        return date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1])
    if m := re.fullmatch(r"(\d{4})-H([12])", v):
        y = int(m[1])
        return (date(y, 1, 1), date(y, 6, 30)) if m[2] == "1" else (date(y, 7, 1), date(y, 12, 31))
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
        y = int(m[1])
        first, last = _SEASONS[m[2]]
        end_year = y + 1 if last < first else y
        return date(y, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])
    if m := re.fullmatch(r"(\d{4})", v):
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31)
    if m := re.fullmatch(r"(\d{3})X", v):
        decade = int(m[1]) * 10
        return date(decade, 1, 1), date(decade + 9, 12, 31)
    if m := re.fullmatch(r"(\d{2})XX", v):
        century = int(m[1]) * 100
        return date(max(century, 1), 1, 1), date(century + 99, 12, 31)
    return None
