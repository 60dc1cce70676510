"""Event merging: event mentions from every article become one `ResolvedEvent` per real-world
event.

NewsReader's rule: same class (or one a kind of the other: "spoke with" and "a video call";
two kinds of one family, such as talks and a call, only on one stated day between the same
two actors), compatible time (the spans of their TIMEX3 values overlap, or one
is unknown), same status, and at least one shared participant; never two different towns or
states, a time of another year written beside one of them, or, for conflict, two different
agents. Candidates come from an index of (class, participant, year), so the cost grows with
mentions, not their square. A mention that names no participant ("Friday's call") refers back
to its own article's event of that class, or to another article's only when the two articles
share an entity (`_one_story`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from kg import lexicon, timex
from kg.model import DEFAULT_TIME_ORIGINS, EventMention, RelationMention, TimeMention
from kg.resolve.types import MentionKey, ResolvedEntity, ResolvedEvent, mention_key

__all__ = ["merge_events", "time_bounds"]

_DATED = frozenset({"DATE", "TIME"})
# how close to its article's date an event must be for an undated mention to be it
_RECENT_DAYS = 7
# how far apart two times written of two mentions must lie for them to be two events, when one
# is a time of another year the sentence names ("an earthquake in 2016 that killed 650 people")
_APART_DAYS = 31
# a time written of a mention: its first and last day, and whether its sentence names it
# without anchoring it to the mention
_Written = tuple[date, date, bool]
# (TIMEX3 type, value, range begin, range end): what decides the days a time allows
_TimeKey = tuple[str, str, str | None, str | None]


@cache
def _value_bounds(value: str) -> tuple[date | None, date | None]:
    """`timex.bounds`, once per distinct value: a large corpus repeats its dates."""
    return timex.bounds(value)


@cache
def _key_bounds(key: _TimeKey) -> tuple[date | None, date | None]:
    type_, value, begin, end = key
    if begin is not None and end is not None:
        first, last = _value_bounds(begin)[0], _value_bounds(end)[1]
        if first is not None and last is not None and first <= last:
            return first, last
    if type_ not in _DATED:
        return None, None
    return _value_bounds(value)


def _time_key(t: TimeMention) -> _TimeKey:
    return (t.type, t.value, t.begin, t.end)


def time_bounds(t: TimeMention | None) -> tuple[date | None, date | None]:
    """The earliest and the latest day a time expression allows: from its range points
    (TimeML beginPoint / endPoint: "Jan. 5-7" gives Jan. 5 .. Jan. 7) when it has both, else
    from a DATE or TIME value ("2022-02" gives 2022-02-01 .. 2022-02-28); (None, None) for
    durations, sets and times with no calendar date."""
    return (None, None) if t is None else _key_bounds(_time_key(t))


def _written(m: EventMention) -> set[_Written]:
    """The times written of a mention: its own anchored time, or the time of its sentence
    (kg:timeOrigin "sentence": "In 2017, a fire at a warehouse killed 11 people"), flagged."""
    if m.time_origin in DEFAULT_TIME_ORIGINS - {"sentence"}:
        return set()
    begin, end = time_bounds(m.time)
    if begin is None or end is None or m.time is None:
        return set()
    return {(begin, end, m.time_origin == "sentence")}


def _mention_bounds(m: EventMention) -> tuple[date | None, date | None]:
    """The days a mention's own time allows, for deciding what it can merge with; none for
    the article's date given by default ("Leaders hold video call" in a headline is the call
    the lede dates to Monday)."""
    return (None, None) if m.time_origin in DEFAULT_TIME_ORIGINS else time_bounds(m.time)


@dataclass(frozen=True)
class _Roles:
    """Who a mention names, as entity keys: everyone (with the states its people lead), the
    agents among them, the towns (places the gazetteer does not hold for a state) and the
    states it happens in."""

    people: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    towns: frozenset[str] = frozenset()
    lands: frozenset[str] = frozenset()


def _kind(m: EventMention) -> str:
    """The merge block: the class, and for a generic event its verb too ("congratulate")."""
    return m.cls if m.cls != lexicon.GENERIC_CLASS else f"{m.cls}/{m.label}"


@cache
def _lineage(cls: str) -> tuple[str, ...]:
    """The class and its superclasses up to kg:Event (`Lexicon.lineage`); an unknown name is a
    family of its own."""
    return lexicon.load().lineage(cls) or (cls,)


def _related(a: str, b: str) -> str:
    """How two classes of one family stand: "same", "kind" (one a kind of the other: a Call is
    a Meeting) or "sibling" (two kinds of one thing: talks and a call)."""
    if a == b:
        return "same"
    return "kind" if a in _lineage(b) or b in _lineage(a) else "sibling"


def cluster_class(ms: Sequence[EventMention]) -> str:
    """The class of merged mentions: the most specific one any outlet gives (a call is a
    meeting; the outlet that names the medium knows more), then the one most outlets give,
    then by name. "spoke with" (Meeting) and "video call" (Call) make a Call."""
    named = Counter(m.cls for m in ms)
    return min(named, key=lambda c: (-len(_lineage(c)), -named[c], c))


class _Cluster:
    """Mentions taken for one event, with what they jointly say: who, where, when."""

    def __init__(self, mention: EventMention, roles: _Roles) -> None:
        self.mentions = [mention]
        self.participants = set(roles.people)
        self.agents = set(roles.agents)
        self.towns = set(roles.towns)
        self.lands = set(roles.lands)
        self.status = mention.status
        self.classes = {mention.cls}
        self.begin, self.end = _mention_bounds(mention)
        self.written = _written(mention)
        known = lexicon.load().event_classes.get(mention.cls)
        # who strikes tells two attacks apart; who "held" a call depends on the outlet
        self.one_agent = bool(known and known.quad and known.quad.endswith("conflict"))
        self.labels = {mention.label}
        # the articles that tell it: which story it belongs to (`_story_overlap`)
        self.articles = {mention.span.article}
        # an agent described but not named ("the Ukrainian military said it shot down")
        self.unnamed_agent = _unnamed_agent(mention, roles)
        # the head words of such agents ("composite" of "the Nasdaq Composite")
        self.described = set(_described_agents(mention, roles))

    def accepts(self, mention: EventMention, roles: _Roles) -> bool:
        """Same status; no two different towns or regions, nor two different states (one state
        as place is too coarse to tell events apart, two are not); for conflict, no two
        different agents ("Belarus downed a missile" and "Russia fired missiles" on one day are
        two events); no time of another year written beside it (`fits_times`); and
        overlapping times, or times a day apart when two participants agree (outlets do
        disagree by a day: time zones, a misread weekday; the graph keeps the disagreement)."""
        if mention.status != self.status:
            return False
        if self.towns and roles.towns and not self.towns & roles.towns:
            return False
        if self.lands and roles.lands and not self.lands & roles.lands:
            return False  # one state holds many events, but two states tell two apart
        if self.one_agent and self.agents and roles.agents and not self.agents & roles.agents:
            return False
        if not self.fits_times(_written(mention)):
            return False
        begin, end = _mention_bounds(mention)
        if begin is None or self.begin is None or end is None or self.end is None:
            return True
        if begin <= self.end and self.begin <= end:
            return True
        gap = max((begin - self.end).days, (self.begin - end).days)
        return gap <= 1 and len(roles.people & self.participants) >= 2

    def fits_times(self, times: Iterable[_Written]) -> bool:
        """Whether `times` (`_written`) may be those of this event. A time its sentence
        names is too loosely tied to an event to date a merged event, but one of another year
        still tells two events apart: "an earthquake in 2016 that killed 650 people", "a
        tremor in the same region in June 2019" are not the day's quake, however alike the
        words. Within one year a sentence's time is as often another event's ("checked into
        rehab on Friday after her May sentencing"), so it sets none apart."""
        return all(
            not (a[2] or b[2]) or _share_a_year(a, b) or _days_between(a, b) <= _APART_DAYS
            for a in times
            for b in self.written
        )

    def takes_bare(self, mention: EventMention, unnamed_agent: bool) -> bool:
        """Whether a mention naming no one the graph can name may be this event: not when it
        describes an agent of its own and this event's agent is named ("a State Department
        spokesperson said" is not Putin's statement); for a conflict whose agent is named,
        only under the same word and with no agent of its own ("the night strikes", "the war",
        "it shot down drones" are not Belarus's downing of a missile). Two reports by unnamed
        speakers ("a spokesperson said", "officials said") are two statements: what is said
        is told apart by who says it."""
        if unnamed_agent and self.agents:
            return False
        if self.one_agent and self.agents and any(p.role == "agent" for p in mention.participants):
            return False  # who strikes tells two attacks apart: "it shot down" is not Belarus
        if unnamed_agent and self.unnamed_agent and self.family() == "Statement":
            return False
        described = _described_agents(mention, _Roles()) if unnamed_agent else frozenset()
        if described and self.described and not described & self.described:
            return False  # "the S&P 500 rose", "the Nasdaq Composite gained": two indices move
        return not (self.one_agent and self.agents) or mention.label in self.labels

    def days_from(self, day: date | None) -> int:
        """How many days the event's dates lie from `day`; an undated event, or no `day`, is
        as far as can be."""
        if day is None or self.begin is None or self.end is None:
            return 1 << 30
        if self.begin <= day <= self.end:
            return 0
        return min(abs((self.begin - day).days), abs((self.end - day).days))

    def family(self) -> str:
        """The ancestor just below kg:Event of the cluster's classes ("Meeting" for a Call);
        a generic event is a family of its own."""
        cls = next(iter(self.classes))
        return cls if cls == lexicon.GENERIC_CLASS else _lineage(cls)[-1]

    def recent(self, dct: date | None) -> bool:
        """Whether an undated mention in an article of date `dct` may be this event: it is
        undated too, or not over more than a week before the article (a plan to come is
        fine). News reports the latest event and dates the older ones it recalls ("met in
        Samarkand in September"), so an undated "the talks" is not the September meeting."""
        if self.end is None or dct is None:
            return True
        return self.end >= dct - timedelta(days=_RECENT_DAYS)

    def takes_undated(self, roles: _Roles, dct: date | None) -> bool:
        """Whether an undated mention naming `roles` in an article of date `dct` may be this
        event: it is undated too; or it is recent (`recent`) and two of its actors are the
        mention's (one shared actor is too little to tie "the war" to a strike of the day;
        for a plan one will do: "Xi will visit Moscow" is the visit planned for the spring);
        or it is a statement of the article's day by the same speaker."""
        if self.begin is None:
            return True
        if self.family() == "Statement" and dct is not None and self.day() == dct:
            # a report undated in its text is of its article's day: one speaker's reports of
            # that day are one statement ("Lufthansa said on Tuesday ...", "the German
            # airline said ...")
            return bool(roles.agents & self.agents)
        needed = 1 if self.status == "Planned" else 2
        return self.recent(dct) and len(roles.people & self.participants) >= needed

    def day(self) -> date | None:
        """The one day the event is dated to, if it is dated to a day."""
        return self.begin if self.begin is not None and self.begin == self.end else None

    def absorbs(
        self, other: _Cluster, same_article: bool, published: Mapping[str, date | None]
    ) -> bool:
        """Whether `other`, an event of another kind of this one's family, is this event:
        "spoke with Xi" (a Meeting) is the "video call"; "held talks by video link" is the
        call (two kinds of one thing) only on one stated day between the same two actors.
        Dated to the day as this one is, or undated (a later "the video conference" refers
        back to the day's call): a coarse date names an older event of the background ("met
        at a summit earlier this year"). Who: two of the same actors, or none named at all in
        an article that reports this event."""
        if other.status != self.status or other.family() != self.family():
            return False
        if self.towns and other.towns and not self.towns & other.towns:
            return False
        if self.lands and other.lands and not self.lands & other.lands:
            return False
        if self.one_agent and self.agents and other.agents and not self.agents & other.agents:
            return False
        if not self.fits_times(other.written):
            return False
        shared = len(self.participants & other.participants)
        if not (shared >= 2 or (not other.participants and same_article)):
            return False
        if not other.participants and not self.takes_bare(other.mentions[0], other.unnamed_agent):
            return False
        siblings = any(_related(a, b) == "sibling" for a in self.classes for b in other.classes)
        mine, theirs = self.day(), other.day()
        if siblings:
            return mine is not None and mine == theirs and shared >= 2
        if other.begin is None:
            return self.recent(published.get(other.mentions[0].span.article))
        if self.begin is None:
            return other.recent(published.get(self.mentions[0].span.article))
        return mine is not None and theirs is not None and abs((mine - theirs).days) <= 1

    def merge(self, other: _Cluster) -> None:
        """Take `other`'s mentions and what they say."""
        self.mentions.extend(other.mentions)
        self.articles |= other.articles
        self.written |= other.written
        self.classes |= other.classes
        self.labels |= other.labels
        self.described |= other.described
        self.participants |= other.participants
        self.agents |= other.agents
        self.towns |= other.towns
        self.lands |= other.lands
        if other.begin is not None and other.end is not None:
            if self.begin is None or self.end is None:
                self.begin, self.end = other.begin, other.end
            elif other.begin <= self.end and self.begin <= other.end:
                self.begin, self.end = max(self.begin, other.begin), min(self.end, other.end)

    def add(self, mention: EventMention, roles: _Roles) -> None:
        self.mentions.append(mention)
        self.articles.add(mention.span.article)
        self.written |= _written(mention)
        self.classes.add(mention.cls)
        self.labels.add(mention.label)
        self.described |= _described_agents(mention, roles)
        self.participants |= roles.people
        self.agents |= roles.agents
        self.towns |= roles.towns
        self.lands |= roles.lands
        begin, end = _mention_bounds(mention)
        if begin is not None and end is not None:
            if self.begin is None or self.end is None:
                self.begin, self.end = begin, end
            elif begin <= self.end and self.begin <= end:
                # narrow to what every dated mention allows
                self.begin, self.end = max(self.begin, begin), min(self.end, end)


def _share_a_year(a: _Written, b: _Written) -> bool:
    """Whether two spans of days touch one calendar year."""
    return a[0].year <= b[1].year and b[0].year <= a[1].year


def _days_between(a: _Written, b: _Written) -> int:
    """Days between two spans of days; 0 when they overlap."""
    return max((a[0] - b[1]).days, (b[0] - a[1]).days, 0)


def _led(
    relations: Iterable[RelationMention],
    entities: Sequence[ResolvedEntity],
    entity_of: Mapping[MentionKey, ResolvedEntity | None],
) -> dict[str, set[str]]:
    """Who stands for which state or organisation, as entity keys: a person for what they
    lead or speak for, an organisation for the state its name holds ("defence ministry of
    Belarus", "Russian Foreign Ministry"). "Putin and Xi spoke" and "Russia and China spoke"
    can report one event; so can "Belarus said" and "Belarus's defence ministry said"."""
    led: dict[str, set[str]] = defaultdict(set)
    for r in relations:
        subject, obj = entity_of[mention_key(r.subject)], entity_of[mention_key(r.object)]
        if r.predicate in {"leaderOf", "spokespersonOf"} and subject and obj and subject != obj:
            led[subject.key].add(obj.key)
    lex = lexicon.load()
    for entity in entities:
        if entity.kind != "Organization" or any(m.key for m in entity.mentions):
            continue  # the gazetteer's organisations (NATO, the G-20) belong to no one state
        for word in re.findall(r"[A-Z][\w-]+", _label_words(entity)):
            state = lex.state(word) or lex.state_by_demonym(word)
            if state is not None:
                led[entity.key].add(f"state/{state.key}")
    return led


def _label_words(entity: ResolvedEntity) -> str:
    """The fullest form of an organisation's name seen most often: the name whose words may
    name a state ("Russian Foreign Ministry")."""
    counts = Counter(m.name for m in entity.names)
    return min(counts, key=lambda n: (-len(n.split()), -counts[n], n)) if counts else ""


_MAX_YEARS = 10  # a cluster dated over more years than this sits in every year's block


def _years(begin: date | None, end: date | None, slack: int = 0) -> range | None:
    """The years [begin - slack days, end + slack days] touches; None when undated."""
    if begin is None or end is None:
        return None
    first = (begin - timedelta(days=slack)) if begin > date.min + timedelta(days=slack) else begin
    last = (end + timedelta(days=slack)) if end < date.max - timedelta(days=slack) else end
    return range(first.year, last.year + 1)


class _Blocks:
    """Candidate blocks over event clusters, so that a mention is compared with the clusters
    it could join, not with all of them. A block may hold clusters that cannot join (stale
    entries, after a cluster's dates narrow): `_Cluster.accepts` decides; it never misses one
    that can. Every cluster is filed under its kind (class) with, per participant, its years
    (or "undated"), and under the articles of its mentions."""

    def __init__(self, clusters: list[_Cluster]) -> None:
        self.clusters = clusters
        self.by_participant: dict[tuple[str, str], dict[int, None]] = defaultdict(dict)
        self.undated: dict[tuple[str, str], dict[int, None]] = defaultdict(dict)
        self.wide: dict[tuple[str, str], dict[int, None]] = defaultdict(dict)
        self.by_year: dict[tuple[str, str, int], dict[int, None]] = defaultdict(dict)
        self.kind_by_year: dict[tuple[str, int], dict[int, None]] = defaultdict(dict)
        self.kind_wide: dict[str, dict[int, None]] = defaultdict(dict)
        self.kind_dated: dict[str, dict[int, None]] = defaultdict(dict)
        self.in_article: dict[tuple[str, str], dict[int, None]] = defaultdict(dict)
        self.by_kind: dict[str, dict[int, None]] = defaultdict(dict)

    def file(self, c: int, kind: str, m: EventMention, who: _Roles, was_dated: bool) -> None:
        """File cluster `c` after it was created with, or joined by, `m`."""
        cluster = self.clusters[c]
        self.in_article[(kind, m.span.article)][c] = None
        self.by_kind[kind][c] = None
        for p in who.people:
            self.by_participant[(kind, p)][c] = None
        years = _years(cluster.begin, cluster.end)
        if years is None:
            for p in who.people:
                self.undated[(kind, p)][c] = None
            return
        # newly dated: every participant so far; else only the newcomers (dates only narrow)
        people = who.people if was_dated else cluster.participants
        if len(years) > _MAX_YEARS:
            self.kind_wide[kind][c] = None
            for p in people:
                self.wide[(kind, p)][c] = None
            return
        self.kind_dated[kind][c] = None
        for year in years:
            self.kind_by_year[(kind, year)][c] = None
            for p in people:
                self.by_year[(kind, p, year)][c] = None

    def sharing(self, kind: str, m: EventMention, who: _Roles) -> set[int]:
        """Clusters of `kind` sharing a participant with `m` whose dates may fit its own."""
        years = _years(*_mention_bounds(m), slack=1)
        if years is None or len(years) > _MAX_YEARS:
            return {c for p in who.people for c in self.by_participant[(kind, p)]}
        found: set[int] = set()
        for p in who.people:
            found.update(self.undated[(kind, p)], self.wide[(kind, p)])
            for year in years:
                found.update(self.by_year[(kind, p, year)])
        return found

    def dated(self, kind: str, m: EventMention) -> set[int]:
        """Clusters of `kind` whose dates may overlap those of `m`."""
        years = _years(*_mention_bounds(m))
        if years is None or len(years) > _MAX_YEARS:
            return set(self.kind_dated[kind]) | set(self.kind_wide[kind])
        found = set(self.kind_wide[kind])
        for year in years:
            found.update(self.kind_by_year[(kind, year)])
        return found


def merge_events(
    mentions: list[EventMention],
    entities: Sequence[ResolvedEntity],
    entity_of: Mapping[MentionKey, ResolvedEntity | None],
    relations: Sequence[RelationMention],
    published: Mapping[str, date | None] | None = None,
) -> tuple[ResolvedEvent, ...]:
    """Merge event mentions (of every article) into events, in the order the merging makes
    them: mentions with a date of their own first, then the undated, each by article, offset
    and class. A participant whose mention was dropped by entity linking does not count.

    An undated mention that more than one event could take goes to the one nearest its
    article's date (`published`, article id -> DCT): news reports the latest event, and an
    older one it names is dated ("the video conference" is Friday's call, not the meeting "in
    September")."""
    published = published or {}
    mentions = sorted(
        (m for m in mentions if not m.attribution),
        key=lambda m: (_mention_bounds(m)[0] is None, m.span.article, m.span.start, m.cls),
    )
    led = _led(relations, entities, entity_of)
    named = _named_in(entities)
    clusters: list[_Cluster] = []
    blocks = _Blocks(clusters)
    bare: list[EventMention] = []

    def roles(m: EventMention) -> _Roles:
        # a place its sentence names is likely the event's, too loosely to tell two apart
        found = [
            (p.role, entity_of[mention_key(p.entity)])
            for p in m.participants
            if p.role != "place" or p.basis == "clause"
        ]
        ids = [(r, e) for r, e in found if e is not None]

        def leading(keys: set[str]) -> frozenset[str]:
            return frozenset(keys | {state for person in keys for state in led.get(person, ())})

        return _Roles(
            people=leading({e.key for r, e in ids if r != "place"}),
            agents=leading({e.key for r, e in ids if r == "agent"}),
            towns=frozenset(
                e.key for r, e in ids if r == "place" and e.kind == "Place" and not e.gazetteer_key
            ),
            lands=frozenset(e.key for r, e in ids if r == "place" and e.kind == "State"),
        )

    def join(home: int | None, kind: str, m: EventMention, who: _Roles) -> None:
        if home is None:
            home = len(clusters)
            clusters.append(_Cluster(m, who))
            blocks.file(home, kind, m, who, was_dated=False)
        else:
            was_dated = clusters[home].begin is not None
            clusters[home].add(m, who)
            blocks.file(home, kind, m, who, was_dated)

    for m in mentions:
        who = roles(m)
        if not who.people:
            bare.append(m)
            continue
        kind = _kind(m)
        dct = published.get(m.span.article)
        undated = _mention_bounds(m)[0] is None
        fits = [
            c
            for c in sorted(blocks.sharing(kind, m, who))
            if clusters[c].accepts(m, who) and (not undated or clusters[c].takes_undated(who, dct))
        ]
        # the event sharing the most participants, then (for an undated mention) the one
        # nearest its article's date, then the best attested
        home = max(
            fits,
            key=lambda c: (
                len(who.people & clusters[c].participants),
                -clusters[c].days_from(dct) if _mention_bounds(m)[0] is None else 0,
                len(clusters[c].mentions),
                -c,
            ),
            default=None,
        )
        join(home, kind, m, who)
    # A mention that names no participant ("Friday's call", "the summit", "a gunman killed
    # three people") refers back to an event of its class that its own article names, else to
    # the one event of its class and time the corpus has, else to the one event of its class
    # the news of its article's week tells; failing all three, one of a class stands alone if
    # it is dated or describes who took part.
    for m in bare:
        who = roles(m)
        kind = _kind(m)
        dct = published.get(m.span.article)
        undated = _mention_bounds(m)[0] is None
        unnamed = _unnamed_agent(m, who)
        local = [
            c
            for c in blocks.in_article[(kind, m.span.article)]
            if clusters[c].accepts(m, who)
            and (not undated or clusters[c].recent(dct))
            and clusters[c].takes_bare(m, unnamed)
        ]
        elsewhere: list[int] = []
        story = named.get(m.span.article, frozenset())
        if not local and not undated:
            for candidate in sorted(blocks.dated(kind, m)):
                cluster = clusters[candidate]
                if (
                    cluster.begin is not None
                    and cluster.accepts(m, who)
                    and cluster.takes_bare(m, unnamed)
                    and _one_story(cluster, story, named)
                ):
                    elsewhere.append(candidate)
            # of several, the one whose articles share the most names with this one's: the
            # same story told by another outlet (a town's shooting, not another town's)
            elsewhere = _closest_story(elsewhere, clusters, story, named)
        elif not local:
            week = [
                c
                for c in blocks.by_kind[kind]
                if _same_week(clusters[c], m, who, dct, published)
                and clusters[c].takes_bare(m, unnamed)
                and _one_story(clusters[c], story, named)
            ]
            # the one whose articles share the most names with this one's, then the nearest
            # the article's date, if only one is
            days = sorted(
                (
                    (
                        -_story_overlap(clusters[c], story, named),
                        _days_apart(clusters[c], dct, published),
                    ),
                    c,
                )
                for c in week
            )
            if days and (len(days) == 1 or days[0][0] < days[1][0]):
                elsewhere = [days[0][1]]
        pool = local or (elsewhere if len(elsewhere) == 1 else [])
        if pool:
            # the article's own event nearest its date ("the video conference" is the call
            # reported, not the meeting it recalls), then the best attested
            home = max(
                pool, key=lambda c: (-clusters[c].days_from(dct), len(clusters[c].mentions), -c)
            )
            join(home, kind, m, who)
        elif (
            (
                m.cls != lexicon.GENERIC_CLASS
                and (not undated or any(p.role != "place" for p in m.participants))
            )
            or (m.time_origin == "text" and who.towns)
            or _described_actor(m)
        ):
            # a dated event, or one whose actors the article describes without naming them
            # ("a gunman killed three people", "the suspect fled": generic or not, outlets
            # report the incident's acts by who did them, not by name); an undated noun naming
            # no one ("to discuss military aid") is a topic, and a generic verb of no one
            # ("trade grew in 2022") says too little for a node of its own, unless the text
            # says when and in which town ("EU foreign ministers will gather in Stockholm from
            # Monday to Wednesday")
            join(None, kind, m, who)
    return tuple(_event(c) for c in _merge_kinds(clusters, published))


def _named_in(entities: Sequence[ResolvedEntity]) -> dict[str, frozenset[str]]:
    """Article id -> the entities (keys) it mentions: what tells the story it belongs to."""
    found: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for mention in entity.mentions:
            found[mention.span.article].add(entity.key)
    return {article: frozenset(keys) for article, keys in found.items()}


def _described_actor(m: EventMention) -> bool:
    """Whether a generic event describes who took part without naming them ("the gunman
    fled", "police evacuated the building"): a participant, no place, that a description
    gives (a pronoun left unresolved describes no one: "they will develop" says too little)."""
    return m.cls == lexicon.GENERIC_CLASS and any(
        p.role != "place" and p.entity.mention_type == "nominal" for p in m.participants
    )


def _story_overlap(
    cluster: _Cluster, story: frozenset[str], named: Mapping[str, frozenset[str]]
) -> int:
    """How many entities an article mentioning `story` shares with the articles that tell
    `cluster`: outlets of one incident name its people and places, so of two events of one
    kind the one sharing more names is the article's."""
    theirs: set[str] = set()
    for article in cluster.articles:
        theirs |= named.get(article, frozenset())
    return len(story & theirs)


def _closest_story(
    candidates: list[int],
    clusters: Sequence[_Cluster],
    story: frozenset[str],
    named: Mapping[str, frozenset[str]],
) -> list[int]:
    """Of candidate events (indexes into `clusters`), the one whose articles share the most
    entities with `story`, as a list of one; all of them when none is ahead (no one can be
    told apart: the caller takes only a single candidate)."""
    if len(candidates) < 2:
        return candidates
    ranked = sorted((-_story_overlap(clusters[c], story, named), c) for c in candidates)
    if ranked[0][0] < ranked[1][0]:
        return [ranked[0][1]]
    return candidates


def _one_story(
    cluster: _Cluster, story: frozenset[str], named: Mapping[str, frozenset[str]]
) -> bool:
    """Whether an article mentioning the entities `story` tells the story of `cluster`: it
    shares an entity with an article that reports the event. A mention naming no one ("a fire
    killed nine workers") may be another outlet's report of an event only then: two outlets of
    one incident name its people and places (ECB+'s topics hold two incidents of one kind
    apart this way), while "rocket fire" over Stepanakert and a factory fire in Jakarta of the
    same week share none. An article that names no one cannot be told apart, and may."""
    theirs = [named.get(m.span.article, frozenset()) for m in cluster.mentions]
    return not story or not any(theirs) or any(story & names for names in theirs)


def _unnamed_agent(m: EventMention, who: _Roles) -> bool:
    """Whether `m` describes an agent that names no one the graph can name ("a spokesperson",
    "the Ukrainian military"); a pronoun left unresolved ("she") may well be someone named."""
    return not who.agents and any(
        p.role == "agent" and p.entity.mention_type == "nominal" for p in m.participants
    )


def _described_agents(m: EventMention, who: _Roles) -> frozenset[str]:
    """The head words (last words, lowercased) of the things, no parties, that `m` has for
    agents without naming anyone the graph can name ("the S&P 500", "the Nasdaq Composite":
    what a price change moved): they tell two such events apart, as who says it tells two
    statements apart. Not a party described ("the gunman", "the suspect"): outlets describe
    one actor in many words."""
    if who.agents:
        return frozenset()
    return frozenset(
        p.entity.name.split()[-1].lower()
        for p in m.participants
        if p.role == "agent"
        and p.entity.mention_type == "nominal"
        and p.entity.type == "Other"
        and p.entity.name.split()
    )


def _same_week(
    cluster: _Cluster,
    m: EventMention,
    who: _Roles,
    dct: date | None,
    published: Mapping[str, date | None],
) -> bool:
    """Whether `cluster` may be the event an undated mention naming no one tells, in an
    article of date `dct`: news tells the latest event of its kind, so the event lies within
    `_RECENT_DAYS` before the article (by its own date, or for an undated event by the dates
    of the articles that tell it) and not after it."""
    if dct is None or not cluster.accepts(m, who):
        return False
    if cluster.begin is not None and cluster.end is not None:
        return cluster.begin <= dct and cluster.recent(dct)
    return _days_apart(cluster, dct, published) <= _RECENT_DAYS


def _days_apart(cluster: _Cluster, dct: date | None, published: Mapping[str, date | None]) -> int:
    """How far an event lies from `dct`: by its own dates, or for an undated event by the
    dates of the articles that tell it."""
    if cluster.begin is not None or dct is None:
        return cluster.days_from(dct)
    told = [d for c in cluster.mentions if (d := published.get(c.span.article)) is not None]
    return min((abs((d - dct).days) for d in told), default=1 << 30)


def _merge_kinds(clusters: list[_Cluster], published: Mapping[str, date | None]) -> list[_Cluster]:
    """The second pass: events of different kinds of one family that are one event become one
    (`_Cluster.absorbs`): undated events first, each into the event nearest its article's
    date that shares the most actors with it. Candidates come from an index of (family, actor)
    and (family, article), never from all pairs."""
    by_actor: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_article: dict[tuple[str, str], list[int]] = defaultdict(list)

    def articles(c: _Cluster) -> set[str]:
        return {m.span.article for m in c.mentions}

    def index(i: int, c: _Cluster, family: str) -> None:
        for who in c.participants:
            by_actor[(family, who)].append(i)
        for article in articles(c):
            by_article[(family, article)].append(i)

    for i, c in enumerate(clusters):
        index(i, c, c.family())
    gone: set[int] = set()
    order = sorted(
        range(len(clusters)),
        key=lambda i: (
            clusters[i].begin is not None,
            min(map(len, map(_lineage, clusters[i].classes))),
            i,
        ),
    )
    for i in order:
        mover = clusters[i]
        family = mover.family()
        if family == lexicon.GENERIC_CLASS:
            continue
        mine = articles(mover)
        dct = published.get(mover.mentions[0].span.article)
        candidates = {j for who in mover.participants for j in by_actor[(family, who)]}
        if not mover.participants:
            candidates = {j for a in mine for j in by_article[(family, a)]}
        fits = [
            j
            for j in sorted(candidates - gone - {i})
            if clusters[j].absorbs(mover, bool(mine & articles(clusters[j])), published)
        ]
        if not fits:
            continue
        home = max(
            fits,
            key=lambda j: (
                len(mover.participants & clusters[j].participants),
                -clusters[j].days_from(dct) if mover.begin is None else 0,
                len(clusters[j].mentions),
                -j,
            ),
        )
        clusters[home].merge(mover)
        gone.add(i)
        index(home, mover, family)
    return [c for i, c in enumerate(clusters) if i not in gone]


def _event(c: _Cluster) -> ResolvedEvent:
    ms = tuple(c.mentions)
    time, conflicts = _choose_time(ms)
    begin, end = time_bounds(time)
    # the origin of a mention that gives the chosen time, a stated one first: by equality, as
    # a default "sentence" time may be the very object a stated one is (a fresh parse) or an
    # equal copy (read back from the cache), and both must build the same bytes
    givers = [m.time_origin for m in ms if time is not None and m.time == time]
    stated = [o for o in givers if o not in DEFAULT_TIME_ORIGINS]
    origin = (stated or givers or [None])[0]
    return ResolvedEvent(cluster_class(ms), c.status, ms, time, begin, end, origin, conflicts)


# the mentions' time origins from the most to the least trusted (`_choose_time`)
_ORIGIN_TIERS = ("stated", "from the text", "article")


def _tier(m: EventMention) -> str:
    if m.time_origin not in DEFAULT_TIME_ORIGINS:
        return "stated"
    return "article" if m.time_origin == "article" else "from the text"


@cache
def _within(inner: _TimeKey, outer: _TimeKey) -> bool:
    """Do the days time `inner` allows fall inside those of `outer` ("2022-12-30" inside
    "2022-12")?"""
    (ib, ie), (ob, oe) = _key_bounds(inner), _key_bounds(outer)
    return (
        ib is not None
        and ie is not None
        and ob is not None
        and oe is not None
        and (ob <= ib and ie <= oe)
    )


def _choose_time(
    ms: Sequence[EventMention],
) -> tuple[TimeMention | None, tuple[tuple[str, str], ...]]:
    """The most specific time the other outlets' times agree with (the first in mention order
    of equals); the (value, article) of each dated time it does not fall within are kept as
    conflicts."""
    # a time the text states wins over one given by default, and a default the text gives (a
    # time of the sentence or of the story so far) over the article's date: "travelled in
    # February" in one outlet, "the visit" dated by another's day, is February's
    times = next(
        (
            tier
            for origins in _ORIGIN_TIERS
            if (tier := [m.time for m in ms if m.time is not None and _tier(m) == origins])
        ),
        [],
    )
    if not times:
        return None, ()
    dated = [t for t in times if time_bounds(t)[0] is not None]
    # how many outlets' times each time falls within, counted per distinct time: a big cluster
    # repeats a few values many times
    counts = Counter(_time_key(o) for o in dated)
    agree = {
        k: sum(n for other, n in counts.items() if _within(k, other))
        for k in {_time_key(t) for t in dated or times}
    }
    best = min(dated or times, key=lambda t: (-agree[_time_key(t)], -len(t.value), t.value))
    conflicts = {
        (t.value, t.span.article) for t in dated if not _within(_time_key(best), _time_key(t))
    }
    return best, tuple(sorted(conflicts))
