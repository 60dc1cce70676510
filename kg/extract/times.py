"""Time expressions (`TimeMention`s) with TimeML TIMEX3 type and value.

Feeds `kg:timeValue`, `kg:timeType`, `kg:begin` and `kg:end` of the events they anchor.
spaCy's DATE and TIME entities are the first proposals; one `Matcher` adds what it misses
("now", "recently", weekdays, "for years", "the current quarter"), a `PhraseMatcher` the
holidays of `ontology/timex/holidays.tsv` and their eves, and a pattern the numeric dates
("19/11/21", "19-Nov-21", "2021-11-19"). Each proposal is trimmed to what `kg.timex.normalise`
can read (so "last month's Group of 20 summit" keeps "last month"). A range ("Jan. 5-7", "from
Monday to Wednesday", "between 2019 and 2021") is one mention whose `begin` and `end` are its
points; a list ("April 24 and 25", "in 1994, 1995 and 1997") is a mention per item. Ages ("70
years old") and fractions ("around a quarter") are dropped. The direction of "Friday" or "in
February" comes from the tense of the verb that governs the expression (`sentence_tense`), and
the order of day and month in "03/04/2021" from the article's locale (`kg.timex.day_first`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.lang.en import English
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from kg import lexicon, nlp
from kg.extract.common import make_span, report_before_clause, word_list
from kg.model import Extraction, TimeMention
from kg.timex import (
    HOLIDAY_NAMES,
    LOOK_AHEAD_VERBS,
    MONTHS,
    PARTS_OF_DAY,
    PARTS_OF_YEAR,
    WEEKDAYS,
    ZONES,
    Timex,
    day_first,
    holiday,
    impossible_date,
    normalise,
)

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "'d"})
_NAMES = ["PERSON", "ORG", "GPE", "FAC", "WORK_OF_ART", "PRODUCT", "NORP", "LAW"]
_MAYBE_AUX = frozenset({"may", "might", "should"})
_INTENT = frozenset({
    "plan", "expect", "want", "hope", "intend", "aim", "agree", "decide", "schedule", "seek",
    "promise", "vow", "threaten", "prepare", "set", "propose", "offer", "pledge", "wish",
    "need", "have", "ask", "urge", "invite", "call", "be", "go",
})  # fmt: skip
# not "try" nor "attempt": what one tries is done when one tries ("tried to kill the mayor on
# Monday" is last Monday after a past "tried")
# the prepositions through which a look-ahead verb of reach "slot" is given its time
_SLOT_SIGNALS = frozenset({"for", "until", "till", "through", "to", "til"})
_UNIT_WORDS = ["year", "month", "week", "day", "decade", "quarter", "hour", "minute", "century"]
_UNIT_PLURALS = ["years", "months", "weeks", "days", "decades", "hours", "minutes", "centuries"]
# Words a time expression may start with that TimeML keeps in the extent ("about a decade").
_KEEP_LEADING = frozenset({
    "around", "over", "under", "nearly", "almost", "approximately", "roughly", "more", "less",
    "at", "early", "late", "mid", "the", "this", "last", "next", "past", "up",
})  # fmt: skip
# Leading words that are signals or focus particles, outside the extent ("only five hours",
# "earlier this week", "its third quarter").
_DROP_LEADING = frozenset({
    "only", "just", "earlier", "later", "sometime", "about", "its", "his", "her", "their",
    "our", "my", "your", "within", "some", "all", "between", "from", "since", "by", "until",
    "of", "and", "in", "on", "during", "through", "throughout", "for", "after", "before",
    "both", "either", "shortly", "immediately",
})  # fmt: skip
# Bare words spaCy calls DATE/TIME but which anchor nothing by themselves.
_TOO_VAGUE = frozenset({
    "the day", "day", "the night", "night", "morning", "evening", "afternoon", "the morning",
    "the evening", "the afternoon", "that day", "that night", "the time", "nights", "days",
})  # fmt: skip
# where a proposal that does not read as one time is split into the times it lists
_LIST_WORDS = frozenset({",", "and", "or", "&", "to", "through", "until", "till", "-", "–", "—"})
_RANGE_SIGNALS = frozenset({"from", "between"})
_BARE_UNITS = frozenset({*_UNIT_WORDS, *_UNIT_PLURALS, "period", "weekend", "night", "nights"})
_ORDINAL_WORDS = frozenset({"first", "second", "third", "fourth", "final", "last"})
# words that count a season from the article's date ("last fall", "this summer")
_SEASON_DEICTICS = frozenset({"last", "this", "next", "past", "coming"})
# time words that, capitalised inside a sentence, are part of a title ("60 Minutes", "This Week")
_TITLE_WORDS = frozenset({
    *_UNIT_WORDS, *_UNIT_PLURALS, "today", "tonight", "tomorrow", "yesterday", "now",
})  # fmt: skip
_YEAR_QUALIFIER = re.compile(r"(?:,? )((?:this|last|next) year|\d{4})$", re.I)
# a possessive inside a day's name: "New Year's Eve", "Presidents' Day"
_NAMED_DAY_HEADS = frozenset({"Day", "Eve", "Night", "Birthday"})
# all-numeric and hyphenated dates ("19/11/21", "2021-11-19", "19-Nov-21", "19.11.2021"),
# which spaCy may split into pieces or call a number; dotted ones only with four-digit years,
# since "3.10.12" is more often a version than a day
_NUMERIC_DATE = re.compile(
    r"(?<![\w/.-])(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{1,2}([-/])(?:\d{1,2}|[A-Za-z]{3,9})\2(?:\d{4}|\d{2}))(?![\w/-]|\.\d)"
)


# Proposals found in the text rather than by the Matcher, whose per-token tests cost more
# than a pattern over the text for expressions this rare:
# clock times, which spaCy misses in datelines and British copy ("22:46 GMT", "9.35am",
# "0737 GMT"), with the zone or "local time" after them for `normalise` to read or drop
_CLOCK_TIME = re.compile(
    r"(?<![\w:.,])(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?"
    r"|\d{1,2}\.\d{2}\s*[ap]\.?m\b\.?|\d{1,2}\s*[ap]\.m\.|\d{1,2}\s*[ap]m\b"
    r"|(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:GMT|UTC)\b))"
    r"(?:\s*(?:\((?:[A-Z]{2,5}(?:[+-]\d{1,2})?|local time)\)|[A-Z]{2,5}\b|local time))?"
)
_COUNT_WORDS = (
    r"\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|hundred|dozen"
)
_TEXT_PATTERNS = (
    ("CLOCK", _CLOCK_TIME),
    # "Q3 2023", "2023 Q3", "H1 results": the short names of quarters and halves
    ("PART_OF_YEAR", re.compile(
        r"\b(?:(?:19|20)\d\d )?[QH][1-4](?: (?:of )?(?:19|20)\d\d)?\b"
    )),
    # "yesterday evening": a day and its part ("Friday morning" is the Matcher's)
    ("DAY_PART", re.compile(
        r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow) (?:morning|afternoon|evening|night)\b"
    )),
    # counted units spaCy may leave out: "four decades ago", "eight trading days", "two more
    # weeks" ("more than", "the past" before them are taken in by `_widened`)
    ("COUNT", re.compile(
        rf"\b(?:{_COUNT_WORDS}) (?:more |additional |trading |business )?"
        r"(?:years|months|weeks|days|decades|hours|minutes|centuries)(?: (?:ago|earlier|later))?\b",
        re.IGNORECASE,
    )),
    # "a day after he spoke", "an hour before the vote": one unit measuring a gap, which
    # spaCy labels in some sentences and not in others
    ("GAP", re.compile(
        r"\b(?:[Aa]n?|[Oo]ne) (?:year|month|week|day|decade|hour|minute)"
        r"(?= (?:after|before|earlier|later)\b)"
    )),
    # "in the fall", "this summer": a season after a word that makes it a time ("the fall
    # of Rome" is an event: `_readings` drops a season before "of" and no year)
    ("SEASON", re.compile(r"\b(?:spring|summer|fall|autumn|winter)\b", re.IGNORECASE)),
)  # fmt: skip


@dataclass(frozen=True)
class _Article:
    """What reading a time needs from its article: the DCT and the locale's order of day and
    month in numeric dates."""

    dct: date | None
    day_first: bool = False

    def read(self, text: str, tense: str | None, anchor: str | None = None) -> Timex | None:
        return normalise(text, self.dct, tense, anchor=anchor, day_first=self.day_first)


def sentence_tense(token: Token) -> str:
    """Tense of the clause `token` sits in: "past", "present" or "future".

    Climbs to the governing verb; "will"/"'ll"/"would", "going to", "may"/"might"/"should",
    bare infinitives ("plans to visit") and the look-ahead verbs of
    `ontology/timex/look-ahead-verbs.tsv` ("has scheduled a news conference Thursday", "were
    postponed until Monday", "a summit set for April") count as future, the simple past,
    perfects and bare participles ("announced Wednesday") as past. "present" also stands for a
    clause that does not say, such as an infinitive a past verb asks for ("urged him to visit
    on Monday"), whose time may lie either side of the article's date.
    """
    return _tense(token) or "present"


def _tense(token: Token) -> str | None:
    """`sentence_tense`, or None when the clause says nothing: a time that modifies a noun
    on the way to the verb ("Wednesday's ruling") or a sentence without a verb."""
    verb = token
    nouns: list[Token] = []
    signal: str | None = None  # the preposition the time hangs from, if any
    for _ in range(12):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
        if verb.pos_ == "ADP" and signal is None and not nouns:
            signal = verb.lower_
        if verb.pos_ in ("NOUN", "PROPN", "ADJ") and verb.head.i != verb.i:
            nouns.append(verb)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if _called_off(verb, nouns) or any(
        n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lower_ == "ahead" for n in nouns
    ):
        return "future"  # "... ahead of Sunday's election": what one acts ahead of is to come
    reach = LOOK_AHEAD_VERBS.get(verb.lemma_.lower())
    direct = len(nouns) == 1 and nouns[0].dep_ in ("dobj", "nsubjpass")
    direct = direct and nouns[0].pos_ != "ADJ"  # "payable Dec. 15" looks ahead
    # the past perfect tells of a time before a past one, even a plan's ("had been set for")
    if (
        reach is not None
        and (not nouns or direct)
        and not any(c.lower_ == "had" for c in verb.children)
    ):
        # a "slot" verb looks ahead when it is given a slot: "set for April", "delayed until
        # Monday", "moved to Tuesday", but not "a record set on Aug. 6"
        given = signal in _SLOT_SIGNALS or any(
            c.dep_ == "prep" and c.lower_ in _SLOT_SIGNALS - {"to"} for c in verb.children
        )
        if reach == "any" or given:
            if (
                verb.dep_ in ("acl", "relcl")
                and verb.tag_ not in ("VBZ", "VBP")
                and _clause_tense(verb.head) == "past"
            ):
                # "a service planned for Saturday was canceled": a plan told in the past may
                # have fallen either side of the article's date; one told in the present
                # looks ahead from it ("delayed the delivery, which it now expects in the
                # third quarter")
                return "present"
            return "future"
    if token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.i != token.i:
        # "started the year with a declaration ... at a February summit": a month naming an
        # event is on the clause's side of the article's date
        tense = _verb_tense(verb)
        if tense in ("past", "future"):
            return tense
    if _unforeseen(token):
        return "past"  # "found no link to Friday's shooting": no one schedules a shooting
    if nouns:
        # "proclaimed a partnership in February": the object of a past verb was made then, so
        # its time is past too, and the object of a future one is yet to be; any other noun
        # ("the notes, due Dec. 15") may point anywhere
        tense = _verb_tense(verb)
        return tense if direct and tense in ("past", "future") else None
    return _verb_tense(verb)


def _unforeseen(token: Token) -> bool:
    """Whether a time names, by possessive or compound, an event no one schedules ("Friday's
    shooting", "the Tuesday quake": `ontology/cues/unforeseen-event-families.txt`), under no
    cue of a plan ("a planned attack on Friday")."""
    noun = token.head
    if token.dep_ not in ("poss", "compound") or noun.pos_ != "NOUN" or noun.i == token.i:
        return False
    lex = lexicon.load()
    if any(c.dep_ == "amod" and c.lower_ in lex.planned_cues for c in noun.children):
        return False
    return noun.lemma_.lower() in _unforeseen_nouns()


@cache
def _unforeseen_nouns() -> frozenset[str]:
    """The noun triggers (kg.ttl) of the classes of the unforeseen families."""
    lex = lexicon.load()
    families = word_list("unforeseen-event-families.txt")
    return frozenset(
        phrase
        for cls in lex.event_classes
        if (lex.lineage(cls) or (cls,))[-1] in families
        for pos, phrase in lex.triggers(cls)
        if pos == "NOUN"
    )


def _called_off(verb: Token, nouns: list[Token]) -> bool:
    """ "A planned match on Sunday was cancelled": the time of a noun a plan's adjective
    modifies, under a verb that calls it off or puts it off, lies ahead of the news (plans are
    called off before they fall due). A plan told by a participle ("a memorial service
    planned for Saturday was canceled") keeps the reading either side of the article's date:
    TimeBank has such a Saturday the day before."""
    lex = lexicon.load()
    cues = lex.negation_cues | lex.reschedule_cues
    planned = any(
        c.dep_ == "amod" and c.lower_ in lex.planned_cues for n in nouns for c in n.children
    )
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")][:1]
    phrasal = " ".join([verb.lemma_.lower(), *particles])
    return planned and (verb.lemma_.lower() in cues or phrasal in cues)


def _clause_tense(token: Token) -> str | None:
    """The tense of the verb that governs `token` (a noun), or None without one."""
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX"):
            return _verb_tense(token)
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token) -> str:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if words & _FUTURE_AUX or words & _MAYBE_AUX:
        return "past" if "have" in words else "future"
    if "had" in words:
        return "past"  # the past perfect tells of a time before a past one, even a plan's
    if LOOK_AHEAD_VERBS.get(verb.lemma_.lower()) == "any":
        return "future"
    if verb.head.i != verb.i and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return "future"  # "is going to visit"
    if "to" in words and verb.tag_ == "VB":
        # "plans to visit" looks ahead; "staged celebrations to mark" shares its head's tense
        head = verb.head
        # "had been scheduled to expire Friday", "had been due to expire": a past plan
        governor = head.head if head.pos_ == "ADJ" else head
        if head.i != verb.i and any(
            c.lower_ == "had" and c.dep_ == "aux" for c in governor.children
        ):
            return "past"
        if head.i != verb.i and head.pos_ == "ADJ" and _clause_tense(head) == "past":
            # "was able to restore services by Saturday", "was ready to leave on Tuesday":
            # done or meant to be done after a past moment, either side of the article's date
            return "present"
        if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
            return "future"
        if verb.dep_ in ("xcomp", "ccomp") and head.lemma_ in _INTENT:
            return "future"
        head_tense = _tense(head) or "present"
        if head.lemma_.lower() in word_list("object-control-verbs.txt"):
            # "urged him to visit on Monday": after the urging, so ahead of a present or future
            # urging, and either side of the article's date after a past one
            return "present" if head_tense == "past" else "future"
        return head_tense
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "since":
        return "past"  # "since sending troops into Ukraine in February": "since" looks back
    if verb.tag_ == "VBG" and not aux and verb.dep_ in ("advcl", "pcomp") and verb.head.i != verb.i:
        # a bare participle has no tense of its own (TimeML gives it tense NONE): "has
        # fluctuated, rising to $42 in June from $29 in March" and "would leave from March 30,
        # with the third departing from August 6" tell of the time of the clause they hang from
        frame = _clause_tense(verb.head)
        if frame in ("past", "future"):
            return frame
    if words & {"has", "have", "'ve", "had"}:
        return "past"
    if verb.tag_ == "VBN" and not words & {"is", "are", "am", "be", "'s", "'re"}:
        return "past"
    return "present"


class TimeExtractor:
    """Finds TIMEX3 time expressions; emits `TimeMention`s (DATE, TIME, DURATION, SET), a
    range as one mention with `begin` and `end`."""

    name = "times.v1"
    order = 20

    def __init__(self) -> None:
        self._matchers: tuple[Matcher, PhraseMatcher] | None = None
        self._vocab: Vocab | None = None

    def _matchers_for(self, vocab: Vocab) -> tuple[Matcher, PhraseMatcher]:
        if self._matchers is None or self._vocab is not vocab:
            self._matchers = (_build_matcher(vocab), _build_holidays(vocab))
            self._vocab = vocab
        return self._matchers

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        """Return `found` with the article's time expressions added."""
        article = found.article
        numeric = _numeric_dates(doc, article.nlp_text)
        # the locale matters only to numeric dates, and costs a look through the whole text
        locale = day_first(article.text, article.url) if numeric else False
        art = _Article(article.published, locale)
        matcher, holidays = self._matchers_for(doc.vocab)
        ents = doc.ents
        spans = [e for e in ents if e.label_ in ("DATE", "TIME")]
        # "about 5 1/2 hours" is a QUANTITY to spaCy; kept below only if it reads as a duration
        quantities = [e for e in ents if e.label_ == "QUANTITY"]
        spans += [_widened(doc, doc.vocab.strings[label], s, e) for label, s, e in matcher(doc)]
        spans += _text_proposals(doc, article.nlp_text)
        spans += [
            doc[start:end]
            for _, start, end in holidays(doc)
            if any(t.is_title or t.is_upper for t in doc[start:end])
        ]
        spans += numeric
        proposals: list[tuple[SpacySpan, Timex]] = []
        warnings: list[str] = []
        for span in spans:
            proposals.extend(_readings(span, art))
            bad = impossible_date(span.text)
            if bad is not None:  # reported: at most its month or year is kept
                warnings.append(f"no such date {bad!r} at offset {span.start_char}")
        for span in quantities:
            proposals.extend(r for r in _readings(span, art) if r[1].type == "DURATION")
        chosen = _anchored(_joined(_non_overlapping(proposals), art), art)
        chosen = [(s, Timex("DURATION", "P1Y") if _closing_year(s) else t) for s, t in chosen]
        mentions = tuple(
            TimeMention(
                span=make_span(doc, s.start_char, s.end_char, article.id),
                type=t.type,
                value=t.value,
                begin=t.begin,
                end=t.end,
            )
            for s, t in chosen
        )
        return dataclasses.replace(
            found,
            times=found.times + mentions,
            warnings=found.warnings + tuple(dict.fromkeys(warnings)),
        )


def _build_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    # "soon", "previously" and the like are left out: they place nothing on a timeline
    single = [
        "now", "currently", "recently", "today", "yesterday", "tomorrow", "tonight",
        "overnight", "nowadays",
    ]  # fmt: skip
    matcher.add("WORD", [[{"LOWER": {"IN": single}, "POS": {"IN": ["ADV", "NOUN", "ADJ"]}}]])
    # as adjectives ("a daily newspaper", "quarterly dividend") they are not times
    frequency = ["daily", "weekly", "monthly", "yearly", "hourly", "nightly"]
    matcher.add("SET", [
        [{"LOWER": {"IN": frequency}, "POS": "ADV"}],
        [{"LOWER": {"IN": ["every", "each"]}}, {"LOWER": {"IN": [*_UNIT_WORDS, "night"]}}],
        [{"LOWER": {"IN": ["every", "each"]}},
         {"LOWER": {"IN": sorted(w for w in [*WEEKDAYS, *MONTHS] if len(w) > 3)}}],
    ])  # fmt: skip
    matcher.add("YEAR_PERIOD", [
        [{"LOWER": "the", "OP": "?"}, {"SHAPE": "dddd"},
         {"LOWER": {"IN": ["quarter", "period", "half", "fiscal"]}},
         {"LOWER": {"IN": ["year", "quarter"]}, "OP": "?"}],
    ])  # fmt: skip
    year = {"SHAPE": "dddd"}
    matcher.add(
        "REF",
        [
            [{"LOWER": {"IN": ["in", "for"]}, "OP": "?"}, {"LOWER": "the"},
             {"LOWER": {"IN": ["future", "past", "present"]}, "POS": {"IN": ["NOUN", "ADJ"]}}],
            [{"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ["recent", "coming", "current"]}},
             {"LOWER": {"IN": ["fiscal", "calendar"]}, "OP": "?"},
             {"LOWER": {"IN": _UNIT_PLURALS + _UNIT_WORDS}}],
            [{"LOWER": {"IN": ["for", "in", "within"]}}, {"LOWER": {"IN": _UNIT_PLURALS}}],
            # "the latest period", "the latest quarter": the last one reported (business news
            # says "period" for the quarter its figures cover)
            [{"LOWER": "the", "OP": "?"}, {"LOWER": "latest"},
             {"LOWER": {"IN": ["fiscal", "calendar"]}, "OP": "?"},
             {"LOWER": {"IN": ["quarter", "period"]}}],
        ],
    )  # fmt: skip
    weekday = {"LOWER": {"IN": sorted(w for w in WEEKDAYS if len(w) > 3)}}
    parts = sorted(p for p in PARTS_OF_DAY if " " not in p and p != "overnight")
    part = {"LOWER": {"IN": parts + [p + "s" for p in parts]}, "OP": "?"}
    # "Friday morning": the day and its part as one expression (a leading "early" or "late"
    # is taken in by `_widened`: optional first tokens slow the Matcher)
    matcher.add("WEEKDAY", [[weekday, part]])
    # abbreviations ("Jan", "Sept.") only with a day: alone they are more often names
    full = sorted(m for m in MONTHS if len(m) > 4 or m in ("june", "july"))
    months = sorted(m for m in MONTHS if m != "may")
    month = {"LOWER": {"IN": months + [m + "." for m in months]}, "IS_TITLE": True}
    alone = {"LOWER": {"IN": full}, "IS_TITLE": True, "ENT_TYPE": {"NOT_IN": _NAMES}}
    day = {"LIKE_NUM": True, "LENGTH": {"<=": 2}}
    comma = {"ORTH": ","}
    matcher.add(
        "MONTH",
        [
            [alone], [{"LOWER": "may", "POS": "PROPN"}], [month, day], [month, day, comma, year],
            [month, day, year], [month, year], [day, month], [day, month, year],
        ],
    )  # fmt: skip
    ordinal = {"LOWER": {"IN": ["first", "second", "third", "fourth"]}, "OP": "?"}
    matcher.add(
        "YEAR_AGO",
        [
            [{"LOWER": "the", "OP": "?"},
             {"LOWER": {"IN": ["comparable", "corresponding", "same"]}, "OP": "?"},
             {"LOWER": "year"}, {"ORTH": "-"}, {"LOWER": {"IN": ["ago", "earlier"]}}, ordinal,
             {"LOWER": {"IN": ["quarter", "period", "half", "month", "year"]}}],
            [{"LOWER": "year"}, {"ORTH": "-"}, {"LOWER": {"IN": ["ago", "earlier"]}}],
        ],
    )  # fmt: skip
    mod = {"LOWER": {"IN": ["earlier", "later", "early", "late"]}}
    rel = {"LOWER": {"IN": ["this", "last", "next"]}}
    unit = {"LOWER": {"IN": [*_UNIT_WORDS, "spring", "summer", "fall", "autumn", "winter"]}}
    matcher.add("REL", [[mod, rel, unit], [rel, unit]])
    return matcher


# words a match of the Matcher may take in before it, by the match's label
_WIDEN = {
    "WEEKDAY": frozenset({"early", "late"}),
    "DAY_PART": frozenset({"early", "late"}),
    "SEASON": frozenset({"the", "this", "last", "next", "early", "late", "mid"}),
    # not "over" and "at least", signals TimeML leaves out ("over the past 20 years")
    "COUNT": frozenset({
        "about", "almost", "nearly", "some", "more", "less", "than", "the", "past", "last",
        "next", "coming", "first", "previous", "following",
    }),
}  # fmt: skip


_ORDINAL_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)")


def _widened(doc: Doc, name: str, start: int, end: int) -> SpacySpan:
    """A match with the modifiers before it that its label allows ("early Friday morning",
    "more than four decades ago", "the past three years"), and a month with the ordinal day
    before it ("09th June 2013", "the 5th of May")."""
    words = _WIDEN.get(name)
    while words and start > 0 and doc[start - 1].lower_ in words:
        start -= 1
    if name == "MONTH" and start > 0:
        before = start - 2 if doc[start - 1].lower_ == "of" and start > 1 else start - 1
        if _ORDINAL_DAY.fullmatch(doc[before].lower_):
            start = before
    return doc[start:end]


@cache
def _tokenizer() -> English:
    """English tokenisation without a model, to turn holiday names into match patterns that
    split as the model's tokeniser splits text ("New Year's Eve" is New|Year|'s|Eve)."""
    return English()


def _build_holidays(vocab: Vocab) -> PhraseMatcher:
    """Every name of `ontology/timex/holidays.tsv`, its eve ("Easter Eve") and "the eve of" it,
    matched ignoring case (the extractor keeps matches with a capital letter)."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    names = sorted(HOLIDAY_NAMES)
    forms = [*names, *(f"{n} Eve" for n in names), *(f"eve of {n}" for n in names)]
    nlp = _tokenizer()
    matcher.add("HOLIDAY", [Doc(vocab, words=[t.text for t in nlp.make_doc(f)]) for f in forms])
    return matcher


def _numeric_dates(doc: Doc, text: str) -> list[SpacySpan]:
    """ "19/11/21", "2021-11-19", "19-Nov-21": dates in digits in `text` (the doc's text), as
    spans of the doc."""
    spans = []
    for m in _NUMERIC_DATE.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


def _text_proposals(doc: Doc, text: str) -> list[SpacySpan]:
    """What `_TEXT_PATTERNS` find in `text` (the doc's), as spans of the doc, each widened by
    its label; a season that no word before makes a time is left out."""
    spans = []
    for name, pattern in _TEXT_PATTERNS:
        for m in pattern.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            widened = _widened(doc, name, span.start, span.end)
            if name != "SEASON" or (widened.start < span.start and span[0].pos_ == "NOUN"):
                spans.append(widened)
    return spans


def _readings(span: SpacySpan, art: _Article) -> list[tuple[SpacySpan, Timex]]:
    """The time expressions in one proposal: trimmed, read whole (a range included), else
    split into the times it lists, else its longest readable beginning."""
    trimmed = _trim(span)
    if trimmed is None or _is_age(trimmed) or trimmed.text.lower() in _TOO_VAGUE:
        return []
    if _is_name(trimmed) or _is_event(trimmed):
        return []
    if len(trimmed) == 1 and trimmed[0].dep_ == "amod" and trimmed[0].head.pos_ == "NOUN":
        return []  # "quarterly dividend", "a daily newspaper", "recent talks"
    report = report_before_clause(trimmed)
    if _headline_infinitive(trimmed):
        tense: str | None = "future"
    elif report is not None:
        tense = _verb_tense(report)  # "said on Tuesday it would buy": the saying's Tuesday
    else:
        tense = _tense(trimmed.root)
    signal = _range_signal(span, trimmed)
    whole = _read(trimmed, art, tense, signal)
    if whole is None and signal:
        whole = _read(trimmed, art, tense)  # "between two to six days"
    if whole is not None:
        return [(trimmed, whole)]
    for i in range(trimmed.start + 1, trimmed.end - 1):
        # "a third between January and November": the range after its signal
        if span.doc[i].lower_ in _RANGE_SIGNALS and (rest := _trim(span.doc[i + 1 : trimmed.end])):
            ranged = _read(rest, art, tense, span.doc[i].lower_)
            if ranged is not None and ranged.begin is not None:
                return [(rest, ranged)]
    listed = _listed(trimmed, art, tense)
    if listed:
        return listed
    # the longest prefix that reads as a time ("last month" of "last month's G-20 summit"),
    # else the longest ending ("this morning" of "downtime this morning")
    for end in range(len(trimmed) - 1, 0, -1):
        head = _trim(trimmed[:end])
        if head is not None and (time := _read(head, art, tense)) is not None:
            return [(head, time), *_of_date(trimmed.doc[head.end : trimmed.end], art, tense)]
    for start in range(1, len(trimmed)):
        tail = _trim(trimmed[start:])
        if tail is None or (len(tail) == 1 and tail[0].lower_ in _BARE_UNITS):
            continue  # "day" of "the eighth day" names no day
        if (time := _read(tail, art, _tense(tail.root))) is not None:
            return [(tail, time)]
    return []


def _of_date(rest: SpacySpan, art: _Article, tense: str | None) -> list[tuple[SpacySpan, Timex]]:
    """The date after "of" that a period names its part of ("the first nine months of 1997",
    "the first nine months of the year"): TimeML marks it as a TIMEX3 of its own, the anchor
    of the period before it (TimeML 1.2.1 guidelines, anchorTimeID); [] when `rest`, the words
    after the period, are not "of" and a date."""
    if len(rest) < 2 or rest[0].lower_ != "of":
        return []
    date = _trim(rest)
    time = _read(date, art, tense) if date is not None else None
    return [(date, time)] if date is not None and time is not None and time.type == "DATE" else []


def _range_signal(span: SpacySpan, trimmed: SpacySpan) -> str | None:
    """ "from" or "between" just before the trimmed expression, in the proposal or the text:
    the signal that makes "2019 and 2021" or "Monday to Wednesday" one range."""
    doc = trimmed.doc
    i = trimmed.start - 1
    while i >= max(span.start - 1, 0) and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    if i >= 0 and doc[i].lower_ in _RANGE_SIGNALS:
        return doc[i].lower_
    return None


def _listed(span: SpacySpan, art: _Article, tense: str | None) -> list[tuple[SpacySpan, Timex]]:
    """ "Monday and Tuesday", "April 24 and 25", "in 1994, 1995 and 1997": a time per item,
    each item borrowing the month ("25") or the year ("Jan. 5 and Feb. 7, 2023") it leaves to
    its neighbour; [] unless every item reads, all of one type."""
    doc = span.doc
    items: list[SpacySpan] = []
    start = span.start
    for i in range(span.start, span.end):
        if doc[i].lower_ in _LIST_WORDS or doc[i].text in _LIST_WORDS:
            if i > start:
                items.append(doc[start:i])
            start = i + 1
    if start < span.end:
        items.append(doc[start : span.end])
    trimmed = [t for t in (_trim(item) for item in items) if t is not None]
    if len(trimmed) < 2:
        return []
    last = trimmed[-1].text
    qualifier = _YEAR_QUALIFIER.search(last)
    month = next(
        (t.lower_.rstrip(".") for item in trimmed for t in item if t.lower_.rstrip(".") in MONTHS),
        None,
    )
    out: list[tuple[SpacySpan, Timex]] = []
    for item in trimmed:
        text = item.text
        if re.fullmatch(r"\d{1,2}", text) and month:
            text = f"{month} {text}"  # "April 24 and 25"
        if qualifier and item is not trimmed[-1] and not re.search(r"\d{4}", text):
            text = f"{text} {qualifier.group(1)}"
        time = art.read(text, tense)
        if time is None or (out and time.type != out[0][1].type):
            return []
        out.append((item, time))
    return out


def _closing_year(span: SpacySpan) -> bool:
    """ "the year ended March 31", "the fiscal year ending June 30": twelve months closing on
    a day, a span TimeML gives as a duration since no calendar year matches it."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    words = [t.lower_ for t in span if t.lower_ not in ("the", "its", "fiscal", "financial")]
    return words == ["year"] and after is not None and after.lower_ in ("ended", "ending")


def _read(
    span: SpacySpan, art: _Article, tense: str | None, signal: str | None = None
) -> Timex | None:
    text = span.text
    if not re.search(r"[A-Za-z0-9]", text):
        return None
    if re.fullmatch(r"\d{1,3}|\d{1,3}(?:\.\d+)?%?", text):
        return None  # a bare small number is a count, not a time
    return art.read(f"{signal} {text}" if signal else text, tense)


def _trim(span: SpacySpan) -> SpacySpan | None:
    """Cut prepositions, punctuation and possessives that are not part of the TIMEX3 extent."""
    start, end = span.start, span.end
    doc = span.doc
    for i in range(start, end):
        # a possessive ends the expression unless a time noun follows ("this year's third
        # quarter") or it is inside a day's name ("New Year's Eve"): "last month's Group of
        # 20" is "last month"
        if doc[i].tag_ == "POS" and not (
            i + 1 < end
            and (
                doc[i + 1].lower_ in ("first", "second", "third", "fourth", "quarter")
                or doc[i + 1].text in _NAMED_DAY_HEADS
            )
        ):
            end = i
            break
    while start < end and (
        doc[start].is_punct
        or doc[start].is_space
        or (doc[start].lower_ in _DROP_LEADING and not _keeps_signal(span, start, end))
        or (
            # "the Aug. 7, 1998", "the 1960s", "the weeks": no determiner in the extent
            doc[start].lower_ == "the"
            and start + 1 < end
            and (
                doc[start + 1].lower_.rstrip(".") in MONTHS
                or re.fullmatch(r"\d{4}s|'\d0s", doc[start + 1].lower_) is not None
                or (end - start == 2 and doc[start + 1].tag_ == "NNS")
            )
        )
        or (doc[start].pos_ in ("ADP", "SCONJ", "CCONJ") and doc[start].lower_ not in _KEEP_LEADING)
        or (
            # "a fourth-quarter charge", "a 2012 car crash": the article counts the noun after
            doc[start].lower_ in ("a", "an")
            and start + 1 < end
            and (
                doc[start + 1].lower_ in _ORDINAL_WORDS
                or doc[start + 1].lower_.rstrip(".") in MONTHS
                or re.fullmatch(r"\d{4}", doc[start + 1].text) is not None
            )
        )
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ in ("ADP", "CCONJ")
    ):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


# After "earlier"/"later" these make a point in time the word narrows ("earlier this year",
# "later that day", "Earlier Sunday"); TimeML keeps the word in the extent as a modifier.
_NARROWED = frozenset({"this", "that", "today", "yesterday", "tomorrow", "tonight"})


def _keeps_signal(span: SpacySpan, start: int, end: int) -> bool:
    doc = span.doc
    if doc[start].lower_ not in ("earlier", "later") or start + 1 >= end:
        return False
    after = doc[start + 1].lower_
    return after in _NARROWED or after in WEEKDAYS


def _is_name(span: SpacySpan) -> bool:
    """A time word inside a name or owned by someone, not a time: "60 Minutes", "This Week",
    "VOA Today" (a capital unit or day word inside a sentence: a title), "the March for Life" (a
    month before a
    preposition and a capitalised word: an event's name), "his year", "Kellogg's year" (a
    unit owned by someone: their period, not the calendar's)."""
    doc = span.doc
    # capitalised after another word of its sentence, not after its start or a quotation mark
    capitals = [
        t
        for t in span
        if t.is_title
        and t.lower_ in _TITLE_WORDS
        and t.i > t.sent.start
        and any(c.isalnum() for c in doc[t.i - 1].text)  # "``Today, I'm here"
    ]
    if capitals and holiday(span.text) is None and not _headline(capitals[0].sent):
        return True
    if len(span) == 1 and span[0].lower_ in MONTHS and span.end + 1 < len(doc):
        after, then = doc[span.end], doc[span.end + 1]
        if after.lower_ in ("for", "of", "on", "against") and then.is_title:
            return True
    before = doc[span.start - 1] if span.start > 0 else None
    return (
        len(span) == 1
        and span[0].lower_ in _UNIT_WORDS
        and before is not None
        and (before.tag_ in ("PRP$", "POS"))
    )


def _headline_infinitive(span: SpacySpan) -> bool:
    """A time in a headline that writes the future as "to" and a verb ("BIDEN TO HOST MODI AT
    WHITE HOUSE IN JUNE", "Macron to Visit Kyiv in May"), whose capitals defeat the tagger."""
    sentence = span.sent
    if not _headline(sentence) or sentence[-1].text in {".", "!", "?"}:
        return False
    verbs = nlp.known_verbs() or frozenset()
    return any(
        t.lower_ == "to" and t.i + 1 < sentence.end and t.doc[t.i + 1].lower_ in verbs
        for t in sentence
        if t.i < span.start
    )


def _headline(sentence: SpacySpan) -> bool:
    """A headline in title case ("Biden to Meet Scholz Next Week"): at least three words of four
    letters or more, every one capitalised, so its capitals say nothing of names."""
    words = [t for t in sentence if t.is_alpha and len(t) >= 4]
    return len(words) >= 3 and all(t.is_title or t.is_upper for t in words)


def _is_event(span: SpacySpan) -> bool:
    """ "the fall of Rome", "the fall in oil prices", "the spring of discontent": a season word
    that names an event, a change or a quality, followed by a preposition and no year."""
    doc = span.doc
    if span[-1].lower_ not in PARTS_OF_YEAR or span.end + 1 >= len(doc):
        return False
    if len(span) > 1 and span[-2].lower_ in _SEASON_DEICTICS:
        # "shot last fall in his home", "began trading this summer at $14": a season counted
        # from the article's date is a time whatever preposition follows it (TIDES 2005 reads
        # "last"/"this"/"next" + season as a relative DATE)
        return False
    after, then = doc[span.end], doc[span.end + 1]
    return after.lower_ in ("of", "in", "from", "to", "by", "at") and not then.like_num


def _is_age(span: SpacySpan) -> bool:
    """ "70 years old", "a 44-year-old", "aged 70": an age, not a time on the timeline."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in ("old", "-old", "older", "younger"):
        return True
    if after is not None and after.text == "-" and span.end + 1 < len(doc):
        return doc[span.end + 1].lower_ == "old"
    return bool(re.search(r"\b(?:years?|months?)[- ]old\b", span.text, re.I))


# what is read against the last concrete date: "a year earlier", "that day", and a year's
# quarter or period ("the 1988 quarter", "in the 1989 period"), which names the year of the
# period under discussion, not the period itself
_ANAPHORIC = re.compile(
    r"\b(?:earlier|later|before|after|ago|previously|year[- ](?:ago|earlier)|that|same"
    r"|following|previous|prior|preceding|next|\d{4} (?:quarter|period))\b",
    re.I,
)
_CONCRETE = re.compile(r"\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}(?:-\d{2})?))?")


def _anchored(
    chosen: list[tuple[SpacySpan, Timex]], art: _Article
) -> list[tuple[SpacySpan, Timex]]:
    """Re-read "a year earlier", "two days later" against the last explicit date before them
    (TimeML's anchor), which is usually what the writer counts from."""
    anchor: str | None = None
    out: list[tuple[SpacySpan, Timex]] = []
    for span, time in chosen:
        if _ANAPHORIC.search(span.text):
            again = art.read(span.text, _tense(span.root), anchor=anchor)
            time = again or time
        elif time.type == "DATE" and _CONCRETE.fullmatch(time.value):
            anchor = time.value
        elif time.type == "TIME" and anchor and re.fullmatch(r"\d{4}-\d{2}-\d{2}", anchor):
            # a clock time without its day ("at 10 p.m.") falls on the day just told of
            bare = normalise(span.text, None)
            if bare is not None and re.fullmatch(
                r"XXXX-XX-XXT\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})?", bare.value
            ):
                time = Timex("TIME", anchor + bare.value[10:])
        out.append((span, time))
    return out


def _joined(chosen: list[tuple[SpacySpan, Timex]], art: _Article) -> list[tuple[SpacySpan, Timex]]:
    """Join a clock time and the day beside it ("noon Saturday", "9 a.m. EST Tuesday",
    "3 p.m. local time on Monday", "mid-afternoon yesterday"), and the two points of a range
    ("from 2002 to 2010", "between May and September"), which spaCy often proposes as two
    pieces."""
    out: list[tuple[SpacySpan, Timex]] = []
    for span, time in chosen:
        if out:
            prev_span, prev_time = out[-1]
            gap = span.doc[prev_span.end : span.start]
            # a zone written after the clock ("local time") stays between it and its day; a
            # bracket closes an aside ("10:35 a.m. (0735 GMT) Friday")
            near = len(gap) <= 3
            words = [
                t
                for t in (gap if near else ())
                if not (t.is_punct or t.lower_ in ("on", "of")) or t.is_bracket
            ]
            zone = " ".join(t.lower_ for t in words)
            if (
                near
                and "TIME" in (prev_time.type, time.type)
                and (not words or (zone in ZONES and prev_time.type == "TIME"))
                and len(gap) - len(words) <= 1
            ):
                both = span.doc[prev_span.start : span.end]
                joined = art.read(both.text, _tense(both.root))
                if joined is not None and joined.type == "TIME":
                    out[-1] = (both, joined)
                    continue
            if (
                prev_time.type == "DATE"
                and prev_span[-1].lower_ in ("week", "weekend")
                and [t.lower_ for t in gap] == ["of"]
            ):
                # "the week of March 6": the week is the expression, the date says which
                both = span.doc[prev_span.start : span.end]
                joined = art.read(both.text, _tense(both.root))
                if joined is not None:
                    out[-1] = (both, joined)
                    continue
            if (
                prev_time.type == time.type == "DATE"
                and len(prev_span) == 1
                and prev_span[0].lower_ in WEEKDAYS
                and all(t.is_punct for t in gap)
                and len(gap) <= 1
            ):
                # "Friday Oct. 13", "Monday, Oct. 26": one day, named twice
                both = span.doc[prev_span.start : span.end]
                joined = art.read(both.text, _tense(both.root))
                if joined is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", joined.value):
                    out[-1] = (both, joined)
                    continue
            signal = _range_signal(prev_span, prev_span)
            if (
                signal is not None
                and prev_time.begin is None
                and len(gap) == 1
                and gap[0].lower_ in _LIST_WORDS
            ):
                both = span.doc[prev_span.start : span.end]
                ranged = art.read(f"{signal} {both.text}", _tense(prev_span.root))
                if ranged is not None and ranged.begin is not None:
                    out[-1] = (both, ranged)
                    continue
        out.append((span, time))
    return out


def _non_overlapping(
    proposals: list[tuple[SpacySpan, Timex]],
) -> list[tuple[SpacySpan, Timex]]:
    """Keep the longest reading where proposals overlap; output in text order."""
    taken: set[int] = set()
    chosen: list[tuple[SpacySpan, Timex]] = []
    for span, time in sorted(proposals, key=lambda p: (-(p[0].end - p[0].start), p[0].start)):
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        chosen.append((span, time))
    return sorted(chosen, key=lambda p: p[0].start)
