"""When an event happened, dated the TimeML way, each date with where it came from
(`kg:timeOrigin`):

  "text"      the time expression of the event's own clause, reached through the dependency
              path (TimeML's anchoring of an EVENT to a TIMEX3), or carried by the verb that
              holds a noun event ("held talks by video link on Friday") or puts it off
              ("the talks were postponed until Monday" dates the talks, not the postponing);
  "relative"  the time of another event: the report that tells of it ("Belarus said on
              Thursday it had shot down a missile"), or an event it is measured from ("told
              reporters on Wednesday, a day after he spoke": the speaking is Tuesday);
  "sentence"  the nearest time of the event's sentence, for an event that happened and whose
              own clause has none ("police said on Monday a man was arrested", "the blast
              left 3 dead, police said on Monday");
  "narrative" the day an earlier sentence tells the story on (the last stated day of an event
              that happened), for a past-tense verb's event with no time in its sentence:
              "Apple on Tuesday unveiled the phone. The firm also cut prices" cuts them on
              Tuesday, as a reader does (on TimeBank, 30 of 50 such events within the linked
              time, against 28 of 52 for the article's date, bench.dating);
  "article"   the article's date (the DCT): for a report or a present-tense event with no time
              of its own, which TimeML anchors to the document's time; and, as a default, for
              a verb's event that happened with no time in its sentence ("Apple cut jobs"):
              news tells the latest, so the article's day is the likeliest and what a timeline
              reader expects (on TimeBank the DCT's day agrees with 89% of such events linked
              to the DCT, bench.dating).
"sentence", "narrative" and "article" are defaults (`kg.model.DEFAULT_TIME_ORIGINS`): they lose
to a stated date and never keep two reports apart. A noun's event with no time in its sentence
stays undated when the article takes it as known ("Russia's invasion", "the 2008 crisis" name
an older event as often as the day's); one it brings in as new ("job cuts", "an explosion"),
or one a support verb does ("Putin and Xi held talks"), takes the article's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from dateutil.relativedelta import relativedelta
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg import lexicon, timex
from kg.extract.common import REPORTED, make_span, report_before_clause, word_list
from kg.extract.events.syntax import (
    OBJECT,
    PARTICLES,
    SUBJECT,
    Context,
    Draft,
    ancestors,
    clause_ancestors,
    completed,
    conjoined_verb,
    governing_verb,
    indefinite,
    own_figures,
    past_transparent,
    phrasal_lemma,
    pluperfect,
    pobjs,
    relative_hosts,
    subject_verb,
    tense,
)
from kg.model import DEFAULT_TIME_ORIGINS, TimeMention

# TimeML signals that place one event a measured gap after (+1) or before (-1) another
_SIGNALS = {"after": 1, "following": 1, "since": 1, "before": -1, "ahead": -1}
# the prepositions of a rescheduling verb that give the new time ("postponed until Monday")
# words that order two events of a sentence (TimeML's SIGNALs of BEFORE and AFTER): in their
# presence a time of the sentence may well be the other event's
_ORDERING_SIGNALS = frozenset({*_SIGNALS, "until", "till", "prior", "later", "earlier", "then"})
_NEW_TIME_PREPS = {"until", "till", "to", "for"}
# verbs whose subject is the event they report on ("the call came hours after ...")
_EVENT_SUBJECT_VERBS = {"come", "happen", "occur", "follow", "take", "precede"}
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MEASURE = re.compile(r"P(?P<n>\d+)(?P<unit>[DWMY])|PT")


def attach_times(ctx: Context, times: tuple[TimeMention, ...]) -> None:
    """Each time goes to the first trigger on its chain of heads (not the nearest one); a time
    under a rescheduling verb ("postponed until Monday") goes to the event it puts off, whose
    earlier date no longer holds."""
    hosts = _hosts(ctx)
    plans = _planning_verbs(ctx)
    expected: set[int] = set()  # events a planning in the present tense dates anew
    for time, span in clause_times(ctx, times):
        report = report_before_clause(span)
        if report is not None and report.i in ctx.drafts:
            give_time(ctx.drafts[report.i], time)
            continue
        if _baseline(span):
            continue  # "fell to $3 billion from $4 billion a year earlier"
        for token in clause_ancestors(span.root):
            draft = ctx.drafts.get(token.i)
            if draft is None and token.i in hosts and len(hosts[token.i]) == 1:
                draft = hosts[token.i][0]
            if draft is None and token.i in plans and _ahead(ctx, time):
                draft = plans[token.i]
                if token.tag_ in {"VBZ", "VBP"}:
                    expected.add(draft.trigger.i)
            if draft is not None:
                give_time(draft, time)
                # "the pact they signed in February": a relative clause of the same
                # class dates the noun it describes
                noun = ctx.drafts.get(token.head.i)
                if token.dep_ in {"relcl", "acl"} and noun and noun.cls == draft.cls:
                    give_time(noun, time)
                break
    _reschedule(ctx, times, expected)


def clause_times(ctx: Context, times: Iterable[TimeMention]) -> list[tuple[TimeMention, SpacySpan]]:
    """The points in time among `times` that may date an event of their clause, with their
    tokens, in text order: DATE and TIME ("a day after", "for eight minutes" tell how long,
    not when), but not a period that modifies a noun of a target (`ontology/cues/
    target-nouns.txt`: "cut its 2024 delivery target", "will announce its third-quarter
    earnings guidance in early October"), which is the period the target covers, not when
    the event happened: TimeML anchors an event to a time of its own clause, not to one
    inside its object."""
    found = []
    targets = word_list("target-nouns.txt")
    for time in times:
        if time.type not in {"DATE", "TIME"}:
            continue
        span = ctx.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None:
            continue
        noun = _modified_noun(span)
        if (
            noun is not None
            and noun.lemma_.lower() in targets
            and len(time.value) < len("YYYY-MM-DD")
        ):
            continue
        found.append((time, span))
    return found


def _modified_noun(span: SpacySpan) -> Token | None:
    """The noun a time modifies ("2024" in "its 2024 delivery target", or in "a forecast for
    2027": "target", "forecast"), over the nouns compounded with it; None for a time that
    modifies no noun."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "for":
        # "a forecast for 2027", "did not give a forecast for 2027" (the parser hangs "for" on
        # the verb): the period the object covers, as in "its 2027 forecast"
        prep = root.head
        if prep.head.pos_ == "NOUN":
            return prep.head
        return next((c for c in prep.head.children if c.dep_ == "dobj"), None)
    if root.dep_ not in {"compound", "amod", "nmod", "nummod", "poss", "npadvmod"}:
        return None
    noun = root.head
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    return (
        noun
        if noun.pos_ in {"NOUN", "PROPN"} and noun.i not in range(span.start, span.end)
        else None
    )


# the prepositions of the value a change is measured against ("fell to 885 million crowns from
# 1.4 billion a year earlier", "up from 15 rupees a year ago", "more than a year ago")
_BASELINE_PREPS = frozenset({"from", "than", "versus", "vs", "vs."})


def _baseline(span: SpacySpan) -> bool:
    """A time that dates the value a change is measured against, not the change: it hangs on
    the object of "from", "than" or "versus" ("from 1.4 billion a year earlier"), or it opens
    the range a superlative ranks within ("slid to its lowest level since 2016", "the first
    strike since 1998": TimeML anchors neither event at 2016 or 1998)."""
    token = span.root
    while token.head.i != token.i and token.dep_ not in REPORTED:
        token = token.head
        if token.dep_ != "prep":
            continue
        # whether the time is the preposition's object itself, not a noun it dates
        own = any(span.start <= p.i < span.end for p in pobjs(token))
        if token.lower_ in _BASELINE_PREPS:
            # "down 6% from a year earlier", "rose from a year ago": the time is itself what
            # the change is measured from ("from Monday to Wednesday" is a range)
            return not own or _measures_change(token.head)
        if token.lower_ == "since":
            return own and _ranks(token.head, token)  # not "the heaviest since a 1994 war"
    return False


def _measures_change(head: Token) -> bool:
    """ "down 6%", "rose 5%": a word of a quantity's change (`ontology/cues/change-verbs.txt`,
    or "up", "down") that a measure hangs on."""
    change = head.lemma_.lower() in word_list("change-verbs.txt") or head.lower_ in {"up", "down"}
    return change and any(c.dep_ in {"npadvmod", "dobj", "nummod"} for c in head.children)


def _ranks(head: Token, since: Token) -> bool:
    """Whether the clause or phrase of `head` holds a superlative or "first" (outside the
    "since" phrase `since`): what "since" then opens is the range it ranks within."""
    apart = {
        t.i
        for c in head.children
        if c.i == since.i or c.dep_ in {"ccomp", "advcl", "conj", "relcl"}
        for t in c.subtree
    }
    return any(
        t.tag_ in {"JJS", "RBS"} or (t.lower_ == "first" and t.dep_ == "amod")
        for t in head.subtree
        if t.i not in apart
    )


def _baseline_time(ctx: Context, time: TimeMention) -> bool:
    span = ctx.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    return span is not None and _baseline(span)


def _reschedule(ctx: Context, times: tuple[TimeMention, ...], expected: set[int]) -> None:
    """ "Talks, which had been due to open on Friday, were postponed until Monday": the talks
    take Monday; put off with no new date ("postponed indefinitely"), they are undated, unless
    a planning told in the present gives the new one (`expected`: "delayed the delivery of 15
    jets, which it now expects in the third quarter")."""
    new_time: dict[int, TimeMention] = {}
    for time in times:
        span = ctx.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None or time.type not in {"DATE", "TIME"}:
            continue
        anchor = _new_time_anchor(span)
        if anchor is not None:
            new_time.setdefault(anchor.i, time)
    for draft in ctx.drafts.values():
        verb = rescheduling_verb(ctx, draft.trigger)
        if verb is not None and draft.trigger.i not in expected:
            draft.time = new_time.get(verb.i)
            draft.time_origin = "text" if draft.time is not None else None


def _new_time_anchor(span: SpacySpan) -> Token | None:
    """The verb a time is the new date set by, if it hangs on one through "until", "to" or
    "for" ("postponed until Monday", "pushed back to next Tuesday")."""
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.lower_ not in _NEW_TIME_PREPS:
        return None
    anchor = prep.head
    if anchor.dep_ in {"advmod", "prt"} and anchor.lower_ in PARTICLES:
        anchor = anchor.head  # "pushed back to next Tuesday"
    return anchor


def rescheduled_to(ctx: Context, span: SpacySpan) -> bool:
    """Whether a time is the new date a rescheduling verb gives what it puts off ("Toyota
    postponed the launch to 2026"): the launch's time, never the postponing's."""
    anchor = _new_time_anchor(span)
    return anchor is not None and phrasal_lemma(anchor) in ctx.lex.reschedule_cues


def rescheduling_verb(ctx: Context, trigger: Token) -> Token | None:
    """The verb that puts this event off ("the talks were postponed", "delayed the launch"),
    if one governs it as its subject or object."""
    head = trigger.head
    if trigger.dep_ == "nsubj" and head.lemma_.lower() in ctx.lex.planned_cues:
        # "a summit planned for next week has been postponed", parsed as the summit planning
        # and the planning put off: what is put off is the summit
        trigger, head = head, head.head
    put_off = {"nsubjpass", "csubjpass", *OBJECT}
    if trigger.dep_ in put_off and phrasal_lemma(head) in ctx.lex.reschedule_cues:
        return head
    return None


def inherit_report_times(ctx: Context) -> None:
    """ "Belarus said on Thursday it had shot down a missile": a completed event reported
    without a time of its own takes the day of the report that tells of it (TimeML would
    say BEFORE; the day is the closest the text allows)."""
    for draft in ctx.drafts.values():
        trigger = draft.trigger
        if draft.time is not None or trigger.pos_ != "VERB" or not completed(trigger):
            continue
        clause = trigger
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp":
            continue
        report = ctx.drafts.get(clause.head.i)
        if report is not None and report.time is not None and report.time.type == "DATE":
            draft.time, draft.time_origin = report.time, "relative"


def relate_events(ctx: Context, drafts: Iterable[Draft], times: tuple[TimeMention, ...]) -> None:
    """Date an event from another one measured from it, as TimeML's signals say: "told reporters
    on Wednesday, a day after he spoke" (the speaking: Wednesday - 1 day), "two days before the
    summit, the ministers met" (the meeting: the summit's day - 2), "the call came hours after
    Ukraine was attacked" (the attack: the call's day). Only full dates are shifted, and only
    by a measured gap: "after the summit" orders two events without dating either."""
    by_token = {d.trigger.i: d for d in drafts}
    durations = {
        i: t.value
        for t in times
        if t.type == "DURATION"
        and (span := ctx.doc.char_span(t.span.start, t.span.end, alignment_mode="expand"))
        for i in range(span.start, span.end)
    }
    links = ctx.measured
    for token in _signalled(ctx.doc):
        for dependent, sign, gap in _measured(token, by_token, durations):
            head = _event_at(token, by_token)
            if token.dep_ in REPORTED and (head is None or _quote_between(token, dependent)):
                # "told reporters on Friday: “We will not approve ...,” a day after he spoke":
                # the parser hangs the measure on the quotation's verb, but a measure outside
                # the quotation measures the telling
                head = _event_at(token.head, by_token)
            if head is not None and head is not dependent:
                links.append((head, dependent, sign, gap))
    for _ in range(2):  # a chain of two links ("a day after the talks that followed ...")
        for head, dependent, sign, gap in links:
            # head = dependent + sign * gap
            if head.time is None and (value := _shifted(dependent, sign * gap)) is not None:
                _set_value(ctx, head, value, "relative")
            elif dependent.time is None and (value := _shifted(head, -sign * gap)) is not None:
                _set_value(ctx, dependent, value, "relative")
    for draft in by_token.values():
        setting = _setting(ctx, draft, by_token)
        if setting is not None:
            # "commented on the talks" dates the comment, but joins no one to the talks
            _share_setting(draft, setting, join=ctx.lex.lineage(draft.cls)[-1:] != ("Statement",))
    for draft in by_token.values():
        head = _participle_head(draft, by_token)
        if head is None and ctx.lex.lineage(draft.cls)[-1:] != ("Statement",):
            # "a statement issued in Bali that said ...": the saying is the statement itself
            head = _relative_head(draft, by_token)
        if draft.time is None and head is not None and head.time is not None:
            draft.time, draft.time_origin = head.time, "relative"
    for draft in by_token.values():
        period = _period_of_measure(draft, by_token)
        if period is not None:
            draft.time, draft.time_origin = period, "text"


def measure_from_defaults(ctx: Context) -> None:
    """Carry a date given by default (`date_by_default`) across the measured links of
    `relate_events`, which read only the dates the text states: "Putin and Xi spoke on
    Friday. The video call came a day after Russia launched a barrage of missiles" puts the
    barrage on Thursday, where the defaults gave it the call's day, or the article's. A date the
    text states for one side ("text", "relative") wins over a default on the other; with
    defaults on both, the measured-from event (the dependent) is dated from the head, whose
    clause tells the story; measured by a day or more from an undated head, it loses its
    default, which the gap says is not its day."""
    for head, dependent, sign, gap in ctx.measured:
        if head.status != "Occurred" or dependent.status != "Occurred":
            continue  # a plan or a denial has no day to measure from
        head_stated = head.time is not None and head.time_origin not in DEFAULT_TIME_ORIGINS
        dependent_stated = (
            dependent.time is not None and dependent.time_origin not in DEFAULT_TIME_ORIGINS
        )
        if head.time is not None and not dependent_stated:
            value = _shifted(head, -sign * gap)
            target = dependent
        elif dependent_stated and not head_stated:
            value = _shifted(dependent, sign * gap)
            target = head
        elif head.time is None and dependent.time is not None and gap != relativedelta():
            # "the call took place a day after Russia unleashed ...", the call undated: a day
            # away from an undated event is not the default's day either
            dependent.time = dependent.time_origin = None
            continue
        else:
            continue
        if value is not None:
            _set_value(ctx, target, value, "relative")


def _period_of_measure(draft: Draft, by_token: dict[int, Draft]) -> TimeMention | None:
    """ "Last month, Oriel reported a 12% rise in fourth-quarter revenue": a change of a
    measure of a period happened in that period, whenever it was reported (the period as it
    dates the measure's own event: its result noun, "revenue")."""
    if draft.cls != "PriceChange" or draft.trigger.pos_ != "NOUN":
        return None
    for prep in (c for c in draft.trigger.children if c.dep_ == "prep" and c.lower_ == "in"):
        for measure in pobjs(prep):
            inner = by_token.get(measure.i)
            if inner is None or inner.time is None or inner.time_origin != "text":
                continue
            if measure.left_edge.idx <= inner.time.span.start < measure.idx:
                return inner.time  # a modifier of the measure: "fourth-quarter revenue"
    return None


def _participle_head(draft: Draft, by_token: dict[int, Draft]) -> Draft | None:
    """ "A bomb exploded late Friday, killing two officers": a participle clause with no
    subordinating word tells what came of its head's event, at its time (TimeML's
    SIMULTANEOUS or IBEFORE, one day either way)."""
    trigger = draft.trigger
    if trigger.tag_ != "VBG" or trigger.dep_ not in {"advcl", "xcomp", "conj"}:
        return None
    if any(c.dep_ in {"mark", "nsubj", "nsubjpass"} for c in trigger.children):
        return None  # "after killing ...", "while X was ...": a clause of its own
    return by_token.get(trigger.head.i)


def _relative_head(draft: Draft, by_token: dict[int, Draft]) -> Draft | None:
    """ "a congress in October that handed him a third term": a relative clause whose subject
    is the event noun it modifies tells what that event did, at its time (TimeML's
    SIMULTANEOUS), as "the call came" does for a verb of happening. So do verbs joined to the
    clause's ("that killed an officer and maimed a nurse"). The parser may hang the clause on
    a noun in the event's own phrase ("the bombing of a clinic that killed ...": a clinic
    kills no one; "a congress in October that ...") or take it for a complement of the verb
    before ("thanked him ... after a congress in October that handed him"): the relative
    pronoun's own noun, and the event whose phrase holds it, say which event it is."""
    clause = draft.trigger
    while clause.dep_ == "conj" and not any(
        c.dep_ in SUBJECT | {"nsubjpass"} for c in clause.children
    ):
        clause = clause.head
    pronoun = next((c for c in clause.children if c.dep_ == "nsubj" and c.tag_ == "WDT"), None)
    if pronoun is None:
        return None  # "the summit Xi attended", "the deal under which ...": not its doing
    if clause.dep_ == "relcl":
        noun = clause.head
    elif clause.dep_ in REPORTED and pronoun.i > 0 and pronoun.nbor(-1).pos_ in {"NOUN", "PROPN"}:
        noun = pronoun.nbor(-1)  # "that" right after a noun opens no complement clause
    else:
        return None
    for _ in range(2):  # up from a noun in the event's phrase: "of a clinic", "in October"
        if noun.i in by_token or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
            break
        noun = noun.head.head
    return by_token.get(noun.i)


# Prepositions that put an event inside another: TimeML's IS_INCLUDED ("signed at the summit",
# "spoke during the talks").
_SETTING_PREPS = frozenset({"at", "during"})


# the prepositions by which one speaks within a meeting or a call ("said on a conference call
# Friday", "told Xi in a video call")
_SPOKEN_IN_PREPS = frozenset({"on", "in", "over"})


def _setting(ctx: Context, draft: Draft, by_token: dict[int, Draft]) -> Draft | None:
    """The event another takes place at: the first event noun inside an "at"/"during" phrase
    of its trigger ("signed off on a communique at last month's G-20 summit in Bali"); for
    what is said, a meeting or call inside an "on"/"in" phrase ("said on a conference call
    Friday"); for a death or an injury, the event it came "in" ("killed in a crash").
    The phrase may hang on an event noun under the trigger's "of" ("a declaration of a
    partnership at a February summit"): the parser cannot tell which noun it belongs to, and
    the declaration and what it declares happened at one summit."""
    for prep in _setting_preps(draft.trigger, by_token):
        if prep.lower_ not in _SETTING_PREPS | _SPOKEN_IN_PREPS:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for token in pobj.subtree:
                found = by_token.get(token.i)
                if found is None or found is draft or found.trigger.pos_ != "NOUN":
                    continue
                lineage, word = ctx.lex.lineage(draft.cls), prep.lower_
                # "said on a conference call", "told him in talks" (but "commented on the
                # talks" names what was said, not where)
                setting = ctx.lex.lineage(found.cls)
                spoken = lineage[-1:] == ("Statement",) and (
                    "Call" in setting or (word == "in" and setting[-1:] == ("Meeting",))
                )
                # "three died in the fire", "killed in a crash": hurt when it happened
                harmed = word == "in" and bool({"Death", "Injury"} & set(lineage))
                if word in _SETTING_PREPS or spoken or harmed:
                    return found
    return None


def _setting_preps(trigger: Token, by_token: dict[int, Draft]) -> Iterator[Token]:
    """The prepositions of `trigger`, then those of an event noun its "of" names."""
    preps = [c for c in trigger.children if c.dep_ == "prep"]
    yield from preps
    if trigger.pos_ == "NOUN":
        for of in (p for p in preps if p.lower_ == "of"):
            for pobj in (c for c in of.children if c.dep_ == "pobj" and c.i in by_token):
                yield from (c for c in pobj.children if c.dep_ == "prep")


def _share_setting(inner: Draft, setting: Draft, join: bool) -> None:
    """An event inside another happens when and where that one does: the time of whichever is
    dated dates the other (kg:timeOrigin "relative"), the setting's place locates the inner
    event that names none, and (`join`) the inner event's actors take part in a setting that
    names no one."""
    if setting.time is None and inner.time is not None:
        setting.time, setting.time_origin = inner.time, "relative"
    elif setting.time is not None and (inner.time is None or _finer(setting.time, inner.time)):
        # "started the year with a declaration at a February summit": inside the summit, the
        # declaration took place in February, which the year only bounds
        inner.time, inner.time_origin = setting.time, "relative"
    places = {k: p for k, p in setting.participants.items() if p.role == "place"}
    if places and not any(p.role == "place" for p in inner.participants.values()):
        inner.participants.update(places)
    # "the nations started the year with a declaration at a February summit": who acts at a
    # meeting that names no one took part in it
    if join and not any(p.role != "place" for p in setting.participants.values()):
        for p in inner.participants.values():
            if p.role in {"agent", "coParticipant"}:
                setting.add(p.entity, "coParticipant")


def _finer(time: TimeMention, than: TimeMention) -> bool:
    """Whether `time` lies within `than` and is shorter: February 2022 within 2022."""
    (begin, end), (outer_begin, outer_end) = timex.bounds(time.value), timex.bounds(than.value)
    if begin is None or end is None or outer_begin is None or outer_end is None:
        return False
    return outer_begin <= begin and end <= outer_end and (begin, end) != (outer_begin, outer_end)


def _signalled(doc: Doc) -> list[Token]:
    """The tokens `_measured` may find a signal under, in document order: the heads of an
    adverbial clause and of a preposition of `_SIGNALS`. Any other token has none, and asking
    every token for its children scanned each one's whole subtree."""
    found = {
        t.head.i for t in doc if t.dep_ == "advcl" or (t.dep_ == "prep" and t.lower_ in _SIGNALS)
    }
    return [doc[i] for i in sorted(found)]


def _measured(
    token: Token, by_token: dict[int, Draft], durations: dict[int, str]
) -> Iterable[tuple[Draft, int, relativedelta]]:
    """(the event measured from, +1 after / -1 before, the gap) for each signal under `token`:
    an adverbial clause with "after"/"before" as its mark, or a preposition "after"/"before"
    with an event as its object, the gap hanging from either as a bare noun phrase."""
    for child in token.children:
        if child.dep_ == "advcl":
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ in _SIGNALS]
            if marks:
                # the measure hangs from the clause, its mark, or the verb the clause modifies
                # ("the call came a day after Russia launched ...")
                gap = _gap(child, durations)
                if gap is None:  # an empty relativedelta ("hours after") is falsy: test None
                    gap = _gap(marks[0], durations)
                if gap is None:
                    gap = _gap(token, durations)
                dependent = _event_at(child, by_token)
                if gap is not None and dependent is not None:
                    yield dependent, _SIGNALS[marks[0].lower_], gap
        elif child.dep_ == "prep" and child.lower_ in _SIGNALS:
            gap = _gap(child, durations)
            for pobj in (c for c in child.children if c.dep_ in {"pobj", "pcomp"}):
                dependent = _event_at(pobj, by_token)
                if gap is not None and dependent is not None:
                    yield dependent, _SIGNALS[child.lower_], gap


# The marks that close a quotation (a straight quote closes itself)
_CLOSING_QUOTES = frozenset({"”", '"', "»", "’"})


def _quote_between(verb: Token, dependent: Draft) -> bool:
    """Whether a quotation closes between a quoted verb and the event measured from it."""
    first, last = sorted((verb.i, dependent.trigger.i))
    return any(t.text in _CLOSING_QUOTES for t in verb.doc[first + 1 : last])


def _event_at(token: Token, by_token: dict[int, Draft]) -> Draft | None:
    """The event a clause or noun stands for: its own trigger; the event noun its verb carries
    ("after he held talks"); or, for "the call came", the event that is the subject of a verb of
    happening."""
    if token.i in by_token:
        return by_token[token.i]
    for child in token.children:
        if child.dep_ in OBJECT and (noun := past_transparent(child)).i in by_token:
            return by_token[noun.i]  # "after Russia unleashed a wave of strikes"
    if token.lemma_.lower() in _EVENT_SUBJECT_VERBS:
        for child in token.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child.i in by_token:
                return by_token[child.i]
    return None


def _gap(token: Token, durations: dict[int, str]) -> relativedelta | None:
    """The measured gap a bare noun phrase under `token` gives ("a day", "two weeks";
    "hours" and "minutes" keep the day), from the TIMEX3 DURATION covering it."""
    for child in token.children:
        if child.dep_ != "npadvmod" or child.i not in durations:
            continue
        match = _MEASURE.match(durations[child.i])
        if match is None:
            return None  # "days after": a gap, but not how long
        if match.group(0) == "PT":
            return relativedelta()
        n, unit = int(match["n"]), match["unit"]
        return {
            "D": relativedelta(days=n),
            "W": relativedelta(weeks=n),
            "M": relativedelta(months=n),
            "Y": relativedelta(years=n),
        }[unit]
    return None


_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(\d{4})$")


def _shifted(draft: Draft, gap: relativedelta) -> str | None:
    """The TIMEX3 value `gap` away from the event's date: a day from a day ("a day after he
    spoke"); from a month or a year, a month or a year for a gap of whole months or years
    ("in September 2014, a month after it withdrew the drug" -> 2014-08; "in April 2013, six
    years after it bought Gerber" -> 2007). A gap of days from a month says no day."""
    if (day := _day(draft)) is not None:
        moved: date = day + gap
        return moved.isoformat()
    value = draft.time.value if draft.time is not None else ""
    whole_years = not (gap.months or gap.days or gap.weeks)
    if (month := _MONTH.match(value)) is not None and not (gap.days or gap.weeks):
        shifted: date = date(int(month[1]), int(month[2]), 1) + gap
        return f"{shifted.year:04d}" if whole_years and gap.years else shifted.isoformat()[:7]
    if (year := _YEAR.match(value)) is not None and whole_years and gap.years:
        return f"{int(year[1]) + gap.years:04d}"
    return None


def _set_value(ctx: Context, draft: Draft, value: str, origin: str) -> None:
    """Date `draft` to a TIMEX3 `value` no time expression writes (so the time's span is the
    trigger's), with where it came from (`kg:timeOrigin`)."""
    trigger = draft.trigger
    span = make_span(ctx.doc, trigger.idx, trigger.idx + len(trigger), ctx.found.article.id)
    draft.time = TimeMention(span=span, type="DATE", value=value)
    draft.time_origin = origin


def _day(draft: Draft) -> date | None:
    if draft.time is None or not _FULL_DATE.match(draft.time.value):
        return None
    return date.fromisoformat(draft.time.value[:10])


def _set_day(ctx: Context, draft: Draft, day: date, origin: str) -> None:
    """Date `draft` to `day` (`_set_value`)."""
    _set_value(ctx, draft, day.isoformat(), origin)


def date_by_default(ctx: Context, drafts: Iterable[Draft], times: Sequence[TimeMention]) -> None:
    """Date each event that happened and has no time yet by default, in this order:
      - a report ("the Kremlin said") or a present-tense event ("China stands ready"): the
        article's date, to which TimeML anchors both (kg:timeOrigin "article");
      - a verb's event: the nearest calendar time of its sentence not after the article's
        date ("The storm that hit Florida on Monday killed three people" puts the killing on
        Monday; "sentence"), unless a signal orders two events of the sentence ("met Xi after
        he held talks on Friday": the time is the other event's); for a verb in the simple
        past, the day the story was last told on ("narrative"); otherwise the article's date
        ("article").
      - a noun's event of a class: the nearest calendar time of its sentence, on the same
        terms; a noun of no class ("Russia's actions") none. The article's date for a noun
        a support verb does or a firm's figures it reports ("held talks", "posted record
        earnings"), or one brought in indefinite or bare in a sentence with no time ("job cuts
        at its plants"), never for a definite or possessed one ("the war", "Russia's
        invasion"): on TimeBank that dated 22 more found events, 17 of them within the linked
        time.
    A plan, a denial or a possibility has no day the article fixes. On TimeBank's event-time
    links (bench.dating) the nearest time of the sentence agrees with about 83% of the events
    linked, the article's date with 50%; dating nouns so raised kg's agreement within the
    linked time from 714 to 728 of 960 found."""
    dct = ctx.found.article.published
    calendar = [
        t
        for t, _ in clause_times(ctx, times)
        if not _ERA.fullmatch(t.value)
        and (begin := timex.bounds(t.value)[0]) is not None
        and (dct is None or begin <= dct)  # what happened did not happen after the report
        and not _baseline_time(ctx, t)
    ]
    drafts = list(drafts)
    # a time a past-perfect event holds is before the sentence's story ("received the larger
    # fine because it had been fined in 2008"): Reichenbach's E < R, so it dates no other event
    earlier = {
        d.time.span.start
        for d in drafts
        if d.time is not None and d.time_origin == "text" and pluperfect(d.trigger)
    }
    calendar = [t for t in calendar if t.span.start not in earlier]
    story: TimeMention | None = None  # the day the story is told on so far
    for draft in drafts:
        if _tells_the_day(draft, dct):
            story = draft.time
        if draft.time is not None or draft.status != "Occurred":
            continue
        sentence = draft.trigger.sent
        near = [
            t
            for t in calendar
            if sentence.start_char <= t.span.start < sentence.end_char
            and not _in_relative_clause_apart(ctx, t, draft.trigger)
        ]
        ordered = any(t.lower_ in _ORDERING_SIGNALS for t in sentence)
        if near and _ordered_clause(draft.trigger):
            # "proclaimed a partnership in February, a few days before Russia sent its forces
            # into Ukraine": the time is the other event's, and this one's day is not the
            # story's nor the article's
            continue
        first = _first_conjunct(ctx, draft)
        if (
            first is not None
            and first.time is not None
            and first.time_origin not in DEFAULT_TIME_ORIGINS
        ):
            # "reported a loss last Wednesday and said it delivered ...": one subject's acts
            # told in one breath share their time
            draft.time, draft.time_origin = first.time, "relative"
        elif _reports(ctx, draft) or _present(draft.trigger):
            if dct is not None:
                _set_day(ctx, draft, dct, "article")
        elif near and not ordered and not _vague(draft) and not _known(draft.trigger):
            at = draft.trigger.idx
            draft.time = min(near, key=lambda t: (abs(t.span.start - at), t.span.start))
            draft.time_origin = "sentence"
        elif story is not None and story.span.start < sentence.start_char and _past(draft):
            draft.time, draft.time_origin = story, "narrative"
        elif dct is not None and (
            draft.trigger.pos_ == "VERB"
            or _done_by_verb(ctx, draft)
            # a sentence with a time of its own tells of that time ("a congress in October
            # that handed him a third term")
            or (indefinite(draft.trigger) and not near)
        ):
            _set_day(ctx, draft, dct, "article")


def _in_relative_clause_apart(ctx: Context, time: TimeMention, trigger: Token) -> bool:
    """Whether a time lies in a relative clause on a participant that does not hold the event
    ("Barclays, which paid a fine in 2015, declined to comment"): it dates what that clause
    tells, not the sentence's other events."""
    token = ctx.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
    if token is None:
        return False
    above = {t.i for t in ancestors(trigger)}
    # a clause on an event noun tells of that event, which the sentence's others go with ("the
    # bombing, which killed 270 people on Dec. 21, 1988"; "the storm that hit Florida on
    # Monday killed three people")
    return any(
        t.dep_ in {"relcl", "acl"}
        and t.i not in above
        and t.head.i not in above
        and t.head.i not in ctx.drafts
        for t in ancestors(token.root)
    )


def _ordered_clause(trigger: Token) -> bool:
    """Whether the event is the one a signal of `_SIGNALS` orders another against: the verb
    of a clause it opens ("before Russia sent its forces") or its object ("after the talks",
    "since sending troops")."""
    if any(c.dep_ == "mark" and c.lower_ in _SIGNALS for c in trigger.children):
        return True
    return trigger.dep_ in {"pobj", "pcomp"} and trigger.head.lower_ in _SIGNALS


def _first_conjunct(ctx: Context, draft: Draft) -> Draft | None:
    """The event of the verb a subjectless verb is coordinated with ("reported ... and said"),
    in the same tense."""
    verb = draft.trigger
    head = conjoined_verb(verb)
    if head is None:
        return None
    first = _event_at(head, ctx.drafts)  # "reported a loss": the loss the verb carries
    return first if first is not None and tense(head) == tense(verb) else None


def _tells_the_day(draft: Draft, dct: date | None) -> bool:
    """An event that happened on a day its own clause states, not after the article's date:
    the day the story is told on until another such event ("Apple on Tuesday unveiled ...")."""
    time = draft.time
    if time is None or draft.time_origin != "text" or draft.status != "Occurred":
        return False
    begin, end = timex.bounds(time.value)
    return begin is not None and begin == end and (dct is None or begin <= dct)


def _past(draft: Draft) -> bool:
    """A verb in the simple past ("introduced", "said"): the narrative tense of news."""
    return draft.trigger.pos_ == "VERB" and draft.trigger.tag_ == "VBD"


def _vague(draft: Draft) -> bool:
    """A noun event of no class ("Russia's actions", "the move"): too vague a happening for a
    time of the sentence to date it."""
    return draft.trigger.pos_ != "VERB" and draft.cls == lexicon.GENERIC_CLASS


def _done_by_verb(ctx: Context, draft: Draft) -> bool:
    """A noun event that its verb does, and so dated as a verb would be: the object of a
    support verb ("Putin and Xi held talks") or a firm's figures it reports ("Ford posted
    record earnings"). Other verbs' objects stay undated: on TimeBank, dating them so agreed
    with 1 of the 8 more events it dated (bench.dating)."""
    noun, verb = draft.trigger, draft.trigger.head
    if noun.pos_ != "NOUN" or noun.dep_ not in OBJECT or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    reports = lemma in ctx.lex.reporting_cues and own_figures(draft.cls, noun)
    return verb.i not in ctx.drafts and (lemma in word_list("support-verbs.txt") or reports)


def _known(noun: Token) -> bool:
    """A noun event the article takes as known by naming whose it is ("Russia's flailing
    invasion", "his re-election"): an older event as often as the day's, which a time of its
    sentence does not date ("Putin said on Friday ... amid Russia's flailing invasion"). A
    definite one alone may be the day's news ("The blast left three dead, police said on
    Monday"), but not one that is only the cause or the setting of what is told ("isolation
    due to the war", "amid the war": `_BACKGROUND_PREPS`)."""
    if noun.pos_ != "NOUN":
        return False
    if any(c.dep_ == "poss" for c in noun.children):
        return True
    prep = noun.head
    background = noun.dep_ == "pobj" and (
        prep.lower_ in _BACKGROUND_PREPS
        or (prep.i > 0 and f"{prep.nbor(-1).lower_} {prep.lower_}" in _BACKGROUND_PREPS)
    )
    return background and not indefinite(noun)


# prepositions of a known event's cause or setting ("isolation due to the war", "amid the
# war", "talks over the conflict"), not of its time or place
_BACKGROUND_PREPS = frozenset(
    {"amid", "amidst", "despite", "over", "about", "regarding", "due to", "because of"}
)


def _reports(ctx: Context, draft: Draft) -> bool:
    return draft.cls == "Statement" or (
        draft.trigger.pos_ == "VERB" and draft.trigger.lemma_.lower() in ctx.lex.reporting_cues
    )


def _present(trigger: Token) -> bool:
    """A verb in the present ("stands ready", "has refused", "is seeking"), or a noun event
    that a present-tense verb carries as its object or as a support verb ("holds talks"); a
    noun the verb only mentions ("have drawn closer despite the war") takes nothing from it."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return tense(trigger) == "present"
    verb = trigger.head
    carried = trigger.dep_ in OBJECT and verb.pos_ == "VERB"
    return carried and tense(verb) == "present"


# A decade or a century ("196X", "20XX": "the 1960s", "the 21st century"): an age an event is
# set in, not its date; dated so, a partnership "of the 21st century" drew a bar over 100 years
# and merged every cooperation of the story into one.
_ERA = re.compile(r"\d{2}(?:XX)?|\d{3}X?")


def give_time(draft: Draft, time: TimeMention) -> None:
    """Date `draft` from a time expression of the text, the most specific one it is given; a
    decade or a century dates nothing, nor does "now", "recently" or "in the future"
    (PRESENT_REF, PAST_REF, FUTURE_REF: no days of their own; the event is dated as one
    with no time, `date_by_default`)."""
    if _ERA.fullmatch(time.value) or time.value.endswith("_REF"):
        return
    if draft.time is None or _specificity(time.value) > _specificity(draft.time.value):
        draft.time, draft.time_origin = time, "text"


def _planning_verbs(ctx: Context) -> dict[int, Draft]:
    """Verbs of planning that are no event themselves, with the noun event each governs: its
    object, or the one it governs through a preposition ("we are expecting you next spring on
    a state visit", "set a vote on the merger for Dec. 5"), or a subject the parser gives it
    ("a summit planned for next week" read as a clause), or the noun its relative clause's
    object stands for ("the delivery of 15 jets, which it now expects in the third
    quarter"). A time still to come under such a verb is when the planned event is to be
    (`_ahead`); a past one is the planning's ("planned the raid last year")."""
    governed: dict[int, list[Draft]] = {}
    for draft in ctx.drafts.values():
        verb = governing_verb(draft.trigger)
        if (
            verb is not None
            and verb.i not in ctx.drafts
            and verb.lemma_.lower() in ctx.lex.planned_cues
            and draft.trigger.dep_ in {"dobj", "pobj"}
        ):
            governed.setdefault(verb.i, []).append(draft)
        elif (
            draft.trigger.dep_ in {"nsubj", "nsubjpass"}
            and draft.trigger.pos_ == "NOUN"
            and draft.trigger.head.i not in ctx.drafts
            and draft.trigger.head.lemma_.lower() in ctx.lex.planned_cues
        ):
            # "a summit ... planned for next week", parsed as the summit planning: an event
            # is no planner, so it is what is planned
            governed.setdefault(draft.trigger.head.i, []).append(draft)
        # "the delivery of 15 jets, which it now expects in the third quarter": the relative
        # pronoun is the planning's object, and stands for the event or for what it moves
        themes = [o for c in draft.trigger.children if c.lower_ == "of" for o in pobjs(c)]
        for clause in (c for t in (draft.trigger, *themes) for c in t.children):
            if (
                clause.dep_ == "relcl"
                and clause.i not in ctx.drafts
                and clause.lemma_.lower() in ctx.lex.planned_cues
                and any(c.dep_ == "dobj" and c.tag_ in {"WDT", "WP"} for c in clause.children)
            ):
                governed.setdefault(clause.i, []).append(draft)
    plans: dict[int, Draft] = {}
    for at, drafts in governed.items():
        objects = [d for d in drafts if d.trigger.dep_ == "dobj"] or drafts
        if len(objects) == 1:
            plans[at] = objects[0]
    return plans


def _ahead(ctx: Context, time: TimeMention) -> bool:
    """Whether `time` begins after the article's date (False when either is unknown)."""
    dct = ctx.found.article.published
    begin = timex.bounds(time.value)[0]
    return dct is not None and begin is not None and begin > dct


def _specificity(value: str) -> int:
    """How closely a TIMEX3 calendar value pins a time: the longer, the closer ("2025-03-14"
    over "2025-03")."""
    return len(value)


def _hosts(ctx: Context) -> dict[int, list[Draft]]:
    """Verbs that carry a noun event, and so its time: a support verb with the noun
    anywhere in its clause ("held talks by video link on Friday"), or any verb but a
    topic verb with the noun as its object ("Xi secured a third term in October")."""
    hosts: dict[int, list[Draft]] = {}
    support = word_list("support-verbs.txt")
    lex = ctx.lex
    topic = word_list("topic-verbs.txt") | lex.reporting_cues | lex.planned_cues
    topic |= lex.negation_cues | lex.reschedule_cues
    for draft in ctx.drafts.values():
        subject = subject_verb(draft.trigger)
        verb = subject or governing_verb(draft.trigger)
        if verb is None or verb.i in ctx.drafts:
            continue
        lemma = verb.lemma_.lower()
        carried = draft.trigger.dep_ in OBJECT and draft.trigger.head.i == verb.i
        # "an earthquake hit Iran on Friday": the verb of a noun event's happening
        # "reported a loss last Wednesday": a firm's own figures are dated by their report
        own = carried and own_figures(draft.cls, draft.trigger)
        if lemma in support or own or ((carried or subject) and lemma not in topic):
            hosts.setdefault(verb.i, []).append(draft)
    for draft in ctx.drafts.values():
        if draft.trigger.pos_ == "NOUN":
            for verb in relative_hosts(draft.trigger, support):
                if verb.i not in ctx.drafts:
                    hosts.setdefault(verb.i, []).append(draft)
    return hosts
