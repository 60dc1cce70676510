"""The publication date (TimeML's document creation time, DCT) of an article that states none,
from the articles of the same build that do.

An article is published on or after every event it reports as having happened. So when an
undated article reports an event that a dated article also reports and dates ("Putin and Xi
held a video call" there, "Putin and Xi spoke on Friday, Dec 30" here), the undated one was
published on or after that day. A weekday the undated article gives the event ("on Friday")
must agree with the day, and places the article within the week after it. The earliest day
that every such report allows is taken, flagged `date_origin` "inferred", with the report it
came from as evidence.

Two mentions are taken for one event when they share the class, are both Occurred, and name at
least two of the same participants (or one, when the undated article's weekday agrees with the
day). Participants are compared before resolution, by gazetteer key or by the last word of a
person's name ("Mr Putin", "Vladimir Putin"), which is enough to pair reports of one event and
never merges anything in the graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from kg.lexicon import GENERIC_CLASS, fold
from kg.model import EventMention, Extraction, Participant

__all__ = ["InferredDate", "infer_publication_dates"]

_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEKDAY = re.compile(r"XXXX-WXX-([1-7])")
_MONTH_DAY = re.compile(r"XXXX-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class InferredDate:
    """An undated article's publication date, as the build's dated articles imply it."""

    article: str  # article id
    published: date
    evidence: str  # one line: the event and the article that dates it


@dataclass(frozen=True)
class _Dated:
    mention: EventMention
    day: date
    who: tuple[frozenset[str], ...]


def infer_publication_dates(extractions: Sequence[Extraction]) -> list[InferredDate]:
    """For each article without a publication date, the date the dated articles imply, if any
    (in the order of `extractions`). Articles nothing can be said of are left out."""
    dated: dict[str, list[_Dated]] = {}
    for found in extractions:
        if found.article.published is None:
            continue
        for m in found.events:
            day = _full_date(m)
            if day is not None and m.status == "Occurred":
                dated.setdefault(_kind(m), []).append(_Dated(m, day, _who(m.participants)))
    out: list[InferredDate] = []
    for found in extractions:
        if found.article.published is not None:
            continue
        best: tuple[date, str] | None = None
        for m in found.events:
            if m.status != "Occurred":
                continue
            for other in dated.get(_kind(m), ()):
                bound = _lower_bound(m, other)
                if bound is not None and (best is None or bound > best[0]):
                    best = (bound, _evidence(m, other))
        if best is not None:
            out.append(InferredDate(found.article.id, *best))
    return out


def _kind(m: EventMention) -> str:
    """The class, and for a generic event its lemma too: two generic events are one only if
    the same verb names them."""
    return m.cls if m.cls != GENERIC_CLASS else f"{m.cls}/{m.label}"


def _lower_bound(m: EventMention, other: _Dated) -> date | None:
    """The earliest publication date `m` allows if it reports the event `other` dates, or None
    when they are not taken for one event."""
    shared = _shared(_who(m.participants), other.who)
    value = m.time.value if m.time is not None else ""
    weekday = _WEEKDAY.fullmatch(value)
    month_day = _MONTH_DAY.fullmatch(value)
    if weekday is not None:
        if int(weekday.group(1)) != other.day.isoweekday() or shared < 1:
            return None
    elif month_day is not None:
        if (int(month_day.group(1)), int(month_day.group(2))) != (other.day.month, other.day.day):
            return None
        if shared < 1:
            return None
    elif value and value != "PRESENT_REF":
        return None  # a time of its own that is not partial: not this event, or dated already
    elif shared < 2:
        return None
    return other.day


def _full_date(m: EventMention) -> date | None:
    if m.time is None or m.time_origin == "article":
        return None
    match = _FULL_DATE.match(m.time.value)
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _who(participants: Iterable[Participant]) -> tuple[frozenset[str], ...]:
    """Per participant, the keys that pair its mentions across articles: the gazetteer key, or
    each word of a person's name ("Xi", "Xi Jinping" and "President Xi" share one, whichever
    order the name is written in)."""
    found: list[frozenset[str]] = []
    for p in participants:
        if p.role == "place":
            continue
        entity = p.entity
        words = fold(entity.name).casefold().split()
        if entity.key:
            found.append(frozenset({entity.key}))
        elif entity.type == "Person":
            found.append(frozenset(w for w in words if len(w) > 1))
        else:
            found.append(frozenset({" ".join(words)}))
    return tuple(found)


def _shared(mine: tuple[frozenset[str], ...], theirs: tuple[frozenset[str], ...]) -> int:
    """How many of my participants the other mention names too."""
    return sum(1 for keys in mine if any(keys & other for other in theirs))


def _evidence(m: EventMention, other: _Dated) -> str:
    names = sorted({p.entity.name for p in other.mention.participants if p.role != "place"})
    said = f' ("{m.span.text}" in "{_short(m.span.sentence)}")'
    return (
        f"reports the {_name(other.mention)} of {', '.join(names)}{said}, which "
        f"{other.mention.span.article} dates {other.day.isoformat()}"
    )


def _name(m: EventMention) -> str:
    return m.label if m.cls == GENERIC_CLASS else m.cls


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
