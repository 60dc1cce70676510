"""Resolution: mentions from every article become one node per real-world entity and event.

Entities: a gazetteer key ("state/china") or a normalised name decides the group; then a lone
surname joins the one full name that ends with it ("Putin" -> "Vladimir Putin"), a shortened
name joins the one longer name it begins ("Carnegie Endowment"), and an acronym joins the one
name whose initials it spells. Each step looks candidates up in an index, never pairwise.

Events follow NewsReader's rule: same class, compatible time (the spans of their TIMEX3 values
overlap, or one is unknown), same status, and at least one shared participant. Candidates come
from an index of (class, participant), so the cost grows with mentions, not their square.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import cache, lru_cache

from kg import lexicon, timex
from kg.model import (
    Edge,
    Entity,
    EntityMention,
    Event,
    EventMention,
    Extraction,
    Resolved,
    Span,
)

_TYPE_PRIORITY = {"Person": 0, "Organization": 1, "State": 2, "Place": 3, "Other": 4}
_ROLE_PREDICATE = {"place": "hasPlace"}


def resolve(extractions: Sequence[Extraction]) -> Resolved:
    """Merge every article's mentions into entities, events and sourced edges."""
    mentions = [m for x in extractions for m in _entity_mentions(x)]
    entities, entity_of = _resolve_entities(mentions)
    labels = {e.id: e.label for e in entities}
    relations = _relation_edges(extractions, entity_of)
    events, edges = _resolve_events(
        [e for x in extractions for e in x.events], entity_of, labels, _led(relations, entities)
    )
    edges += relations
    articles = tuple(sorted((x.article for x in extractions), key=lambda a: a.id))
    return Resolved(articles, entities, events, tuple(_merge_edges(edges)))


# -- entities ------------------------------------------------------------------------------


def mention_key(m: EntityMention) -> tuple[str, int, int, str]:
    return (m.span.article, m.span.start, m.span.end, m.name)


def _entity_mentions(x: Extraction) -> Iterable[EntityMention]:
    """Every entity mention, including those only events and relations hold (demonyms)."""
    yield from x.entities
    for r in x.relations:
        yield r.subject
        yield r.object
    for e in x.events:
        yield from (p.entity for p in e.participants)
        if e.claimed_by is not None:
            yield e.claimed_by


@cache
def _value_bounds(value: str) -> tuple[date | None, date | None]:
    """`timex.bounds`, once per distinct value: a large corpus repeats its dates."""
    return timex.bounds(value)


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """The blocking key of a name: the gazetteer's folding (accents, dots, hyphens, a leading
    "the"), ignoring case. No "/" survives: keys with a "/" are gazetteer keys ("state/china")."""
    return " ".join(re.split(r"[\s_/]+", lexicon.fold(name).casefold())).strip()


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def _resolve_entities(
    mentions: list[EntityMention],
) -> tuple[tuple[Entity, ...], dict[tuple[str, int, int, str], str]]:
    groups: dict[str, list[EntityMention]] = defaultdict(list)
    for m in mentions:
        groups[m.key or normalise_name(m.name)].append(m)
    # the key a name's group answers to: a gazetteer key wins over the bare name
    # ("Moscow" acting is the state, "Moscow" as a place stays the city)
    alias: dict[tuple[str, str], str] = {}
    for key, ms in groups.items():
        if "/" in key:
            for m in ms:
                alias.setdefault((normalise_name(m.name), m.type), key)
    for name in [k for k in groups if "/" not in k]:
        into = alias.get((name, _vote_type(groups[name])))
        if into is not None:
            groups[into].extend(groups.pop(name))
    _link_short_forms(groups)
    _link_spelling_variants(groups)

    lex = lexicon.load()
    entities: list[Entity] = []
    entity_of: dict[tuple[str, int, int, str], str] = {}
    used: set[str] = set()
    for key in sorted(groups):
        ms = sorted(groups[key], key=lambda m: (m.span.article, m.span.start))
        kind = _vote_type(ms)
        label = _label(key, ms, lex)
        ident = key if "/" in key else f"{kind.lower()}/{slug(label)}"
        base, n = ident, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        alts = sorted({m.name for m in ms} - {label})
        entities.append(Entity(ident, kind, label, tuple(alts), tuple(ms)))
        for m in ms:
            entity_of[mention_key(m)] = ident
    return tuple(sorted(entities, key=lambda e: e.id)), entity_of


def _link_short_forms(groups: dict[str, list[EntityMention]]) -> None:
    """Fold "Putin" into "Vladimir Putin", "Carnegie Endowment" into "Carnegie Endowment for
    International Peace" and "IMF" into "International Monetary Fund" when exactly one longer
    name fits; ambiguous short forms stay apart."""
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)  # family name first: "Xi" -> "Xi Jinping"
    by_prefix: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key, ms in groups.items():
        words = key.split()
        if "/" in key or len(words) < 2:
            continue
        if _vote_type(ms) == "Person":
            by_last[words[-1]].add(key)
            by_first[words[0]].add(key)
        else:
            for i in range(2, len(words)):
                by_prefix[" ".join(words[:i])].add(key)
            caps = [w for w in ms[0].name.split() if w[:1].isupper()]
            by_initials["".join(w[0] for w in caps).casefold()].add(key)
    for key in sorted(groups):
        if "/" in key or key not in groups:
            continue
        kind = _vote_type(groups[key])
        words = key.split()
        target: set[str] = set()
        # a lone surname that the model took for a place ("Macron and Scholz talk") is still
        # the person, unless the gazetteer knows the place
        if len(words) == 1 and (kind in {"Person", "Organization"} or _unknown_place(groups[key])):
            target = by_last.get(key, set()) or by_first.get(key, set())
        if not target and kind != "Person":
            target = by_prefix.get(key, set())
        if not target and len(words) == 1 and groups[key][0].name.isupper():
            target = by_initials.get(key, set())
        if len(target) == 1 and (into := next(iter(target))) != key and into in groups:
            groups[into].extend(groups.pop(key))


def _unknown_place(ms: Sequence[EntityMention]) -> bool:
    lex = lexicon.load()
    name = ms[0].name
    return _vote_type(ms) == "Place" and not (lex.state(name) or lex.state_by_capital(name))


def _link_spelling_variants(groups: dict[str, list[EntityMention]]) -> None:
    """Fold transliteration variants of one name ("Volodymyr Zelenskiy" / "Volodymyr
    Zelenskyy"): same first word, same number of words, nearly the same letters. Only names
    sharing a first word are compared."""
    block: dict[tuple[str, int], list[str]] = defaultdict(list)
    for key in sorted(groups):
        words = key.split()
        if "/" not in key and len(words) >= 2:
            block[(words[0], len(words))].append(key)
    for keys in block.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if a in groups and b in groups and SequenceMatcher(None, a, b).ratio() >= 0.9:
                    keep, fold = sorted((a, b), key=lambda k: (-len(groups[k]), k))
                    groups[keep].extend(groups.pop(fold))


def _vote_type(ms: Sequence[EntityMention]) -> str:
    keyed = [m.type for m in ms if m.key]
    counts = Counter(keyed or [m.type for m in ms])
    return min(counts, key=lambda t: (-counts[t], _TYPE_PRIORITY.get(t, 9)))


def _label(key: str, ms: Sequence[EntityMention], lex: lexicon.Lexicon) -> str:
    """The canonical name: the gazetteer's, else the fullest form seen most often."""
    kind, _, k = key.partition("/")
    entry = (
        lex.state_by_key(k)
        if kind == "state"
        else lex.organization_by_key(k)
        if kind == "organization"
        else None
    )
    if entry is not None:
        return entry.name
    counts = Counter(m.name for m in ms)
    return min(counts, key=lambda n: (-len(n.split()), -counts[n], n))


# -- events --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Roles:
    """Who a mention names, as resolved ids: everyone (with the states its people lead), the
    agents among them, and the places."""

    people: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()


def _kind(m: EventMention) -> str:
    """The merge block: the class, and for a generic event its verb too ("congratulate")."""
    return m.cls if m.cls != lexicon.GENERIC_CLASS else f"{m.cls}/{m.label}"


class _Cluster:
    """Mentions taken for one event, with what they jointly say: who, where, when."""

    def __init__(self, mention: EventMention, roles: _Roles) -> None:
        self.mentions = [mention]
        self.participants = set(roles.people)
        self.agents = set(roles.agents)
        self.places = set(roles.places)
        self.status = mention.status
        self.begin, self.end = _bounds(mention)
        known = lexicon.load().event_classes.get(mention.cls)
        # who strikes tells two attacks apart; who "held" a call depends on the outlet
        self.one_agent = bool(known and known.quad and known.quad.endswith("conflict"))

    def accepts(self, mention: EventMention, roles: _Roles) -> bool:
        """Same status; no two different towns or regions (a state as place is too coarse to
        tell events apart); for conflict, no two different agents ("Belarus downed a missile"
        and "Russia fired missiles" on one day are two events); and overlapping times, or
        times a day apart when two participants agree (outlets do disagree by a day: time
        zones, a misread weekday; the graph keeps the disagreement)."""
        if mention.status != self.status:
            return False
        mine = {p for p in self.places if p.startswith("place/")}
        theirs = {p for p in roles.places if p.startswith("place/")}
        if mine and theirs and not mine & theirs:
            return False
        if self.one_agent and self.agents and roles.agents and not self.agents & roles.agents:
            return False
        begin, end = _bounds(mention)
        if begin is None or self.begin is None or end is None or self.end is None:
            return True
        if begin <= self.end and self.begin <= end:
            return True
        gap = max((begin - self.end).days, (self.begin - end).days)
        return gap <= 1 and len(roles.people & self.participants) >= 2

    def add(self, mention: EventMention, roles: _Roles) -> None:
        self.mentions.append(mention)
        self.participants |= roles.people
        self.agents |= roles.agents
        self.places |= roles.places
        begin, end = _bounds(mention)
        if begin is not None and end is not None:
            if self.begin is None or self.end is None:
                self.begin, self.end = begin, end
            elif begin <= self.end and self.begin <= end:
                # narrow to what every dated mention allows
                self.begin, self.end = max(self.begin, begin), min(self.end, end)


def _bounds(m: EventMention) -> tuple[date | None, date | None]:
    """The days a mention's own time allows; none for the article's date given by default
    ("Leaders hold video call" in a headline is the call the lede dates to Monday)."""
    if m.time is None or m.time.type not in {"DATE", "TIME"} or m.time_origin == "article":
        return None, None
    return _value_bounds(m.time.value)


def _led(relations: list[Edge], entities: Sequence[Entity]) -> dict[str, set[str]]:
    """Who stands for which state or organisation: a person for what they lead or speak for,
    an organisation for the state its name holds ("defence ministry of Belarus", "Russian
    Foreign Ministry"). "Putin and Xi spoke" and "Russia and China spoke" can report one
    event; so can "Belarus said" and "Belarus's defence ministry said"."""
    led: dict[str, set[str]] = defaultdict(set)
    for edge in relations:
        if edge.predicate in {"leaderOf", "spokespersonOf"}:
            led[edge.subject].add(edge.object)
    lex = lexicon.load()
    for entity in entities:
        if entity.type != "Organization" or any(m.key for m in entity.mentions):
            continue  # the gazetteer's organisations (NATO, the G-20) belong to no one state
        for word in re.findall(r"[A-Z][\w-]+", entity.label):
            state = lex.state(word) or lex.state_by_demonym(word)
            if state is not None:
                led[entity.id].add(f"state/{state.key}")
    return led


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

    def file(self, c: int, kind: str, m: EventMention, who: _Roles, was_dated: bool) -> None:
        """File cluster `c` after it was created with, or joined by, `m`."""
        cluster = self.clusters[c]
        self.in_article[(kind, m.span.article)][c] = None
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
        years = _years(*_bounds(m), slack=1)
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
        years = _years(*_bounds(m))
        if years is None or len(years) > _MAX_YEARS:
            return set(self.kind_dated[kind]) | set(self.kind_wide[kind])
        found = set(self.kind_wide[kind])
        for year in years:
            found.update(self.kind_by_year[(kind, year)])
        return found


def _resolve_events(
    mentions: list[EventMention],
    entity_of: dict[tuple[str, int, int, str], str],
    labels: dict[str, str],
    led: dict[str, set[str]],
) -> tuple[tuple[Event, ...], list[Edge]]:
    mentions.sort(key=lambda m: (m.span.article, m.span.start, m.cls))
    clusters: list[_Cluster] = []
    blocks = _Blocks(clusters)
    bare: list[EventMention] = []

    def roles(m: EventMention) -> _Roles:
        ids = [(p.role, entity_of[mention_key(p.entity)]) for p in m.participants]

        def leading(found: set[str]) -> frozenset[str]:
            return frozenset(found | {state for person in found for state in led.get(person, ())})

        return _Roles(
            people=leading({i for r, i in ids if r != "place"}),
            agents=leading({i for r, i in ids if r == "agent"}),
            places=frozenset(i for r, i in ids if r == "place"),
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
        fits = [c for c in sorted(blocks.sharing(kind, m, who)) if clusters[c].accepts(m, who)]
        # the event sharing the most participants, then the best attested
        home = max(
            fits,
            key=lambda c: (
                len(who.people & clusters[c].participants),
                len(clusters[c].mentions),
                -c,
            ),
            default=None,
        )
        join(home, kind, m, who)
    # A mention that names no participant ("Friday's call", "the summit") refers back to an
    # event of its class that its own article names, else to the one event of its class and
    # time the corpus has; failing both it stands alone.
    for m in bare:
        who = roles(m)
        kind = _kind(m)
        local = [
            c for c in blocks.in_article[(kind, m.span.article)] if clusters[c].accepts(m, who)
        ]
        dated: list[int] = []
        if not local and m.time is not None:
            for candidate in sorted(blocks.dated(kind, m)):
                cluster = clusters[candidate]
                if cluster.begin is not None and cluster.accepts(m, who):
                    dated.append(candidate)
                    if len(dated) > 1:
                        break  # only a single dated candidate is taken
        pool = local or (dated if len(dated) == 1 else [])
        if pool:
            join(max(pool, key=lambda c: (len(clusters[c].mentions), -c)), kind, m, who)
        elif m.time is not None and m.time_origin != "article":
            # a dated event on its own; an undated bare noun (or one dated only by default to
            # its article) says nothing
            join(None, kind, m, who)
    events: list[Event] = []
    edges: list[Edge] = []
    used: set[str] = set()
    for c in clusters:
        event = _event(c, entity_of, labels, used)
        events.append(event)
        edges += _event_edges(event, entity_of)
    return tuple(sorted(events, key=lambda e: e.id)), edges


def _event(
    c: _Cluster,
    entity_of: dict[tuple[str, int, int, str], str],
    labels: dict[str, str],
    used: set[str],
) -> Event:
    ms = c.mentions
    cls = ms[0].cls
    time_value, time_type, conflicts = _choose_time(ms)
    begin, end = (
        _value_bounds(time_value) if time_value and time_type in {"DATE", "TIME"} else (None, None)
    )
    label_word = Counter(m.label for m in ms).most_common(1)[0][0]
    actors: Counter[str] = Counter()
    for m in ms:
        for p in m.participants:
            if p.role != "place":
                actors[labels[entity_of[mention_key(p.entity)]]] += 1
    top = sorted(actors, key=lambda a: (-actors[a], a))[:3]
    # the class's own name reads better across outlets than any one trigger ("Say", "Talk")
    known = lexicon.load().event_classes.get(cls)
    name = known.label if known is not None and cls != lexicon.GENERIC_CLASS else label_word
    label = name[:1].upper() + name[1:]
    if top:
        label += ": " + ", ".join(sorted(top))
    who = slug("-".join(sorted(top[:2]))) if top else slug(label_word)
    ident = f"event/{slug(cls)}-{time_value or 'undated'}-{who}"
    base, n = ident, 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return Event(
        ident, cls, label, c.status, time_value, time_type, begin, end, tuple(ms), conflicts
    )


@cache
def _within(inner: str, outer: str) -> bool:
    """Does TIMEX3 value `inner` fall inside `outer` ("2022-12-30" inside "2022-12")?"""
    (ib, ie), (ob, oe) = _value_bounds(inner), _value_bounds(outer)
    return (
        ib is not None
        and ie is not None
        and ob is not None
        and oe is not None
        and (ob <= ib and ie <= oe)
    )


def _choose_time(ms: Sequence[EventMention]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """The most specific value the other outlets' values agree with; values it does not fall
    within are kept as conflicts ("2022-12-29 (article 001_...)")."""
    # a time the text states wins over the article's date given by default
    stated = [m.time for m in ms if m.time is not None and m.time_origin != "article"]
    times = stated or [m.time for m in ms if m.time is not None]
    if not times:
        return None, None, ()
    dated = [t for t in times if t.type in {"DATE", "TIME"} and _value_bounds(t.value)[0]]
    # how many outlets' values each value falls within, counted per distinct value: a big
    # cluster repeats a few values many times
    counts = Counter(o.value for o in dated)
    agree = {
        v: sum(n for other, n in counts.items() if _within(v, other))
        for v in {t.value for t in dated or times}
    }
    best = min(dated or times, key=lambda t: (-agree[t.value], -len(t.value), t.value))
    conflicts = {f"{t.value} ({t.span.article})" for t in dated if not _within(best.value, t.value)}
    return best.value, best.type, tuple(sorted(conflicts))


def _event_edges(event: Event, entity_of: dict[tuple[str, int, int, str], str]) -> list[Edge]:
    edges = []
    for m in event.mentions:
        for p in m.participants:
            predicate = _ROLE_PREDICATE.get(p.role, p.role)
            edges.append(Edge(event.id, predicate, entity_of[mention_key(p.entity)], (m.span,)))
        if m.claimed_by is not None:
            edges.append(
                Edge(event.id, "claimedBy", entity_of[mention_key(m.claimed_by)], (m.span,))
            )
    return edges


def _relation_edges(
    extractions: Sequence[Extraction], entity_of: dict[tuple[str, int, int, str], str]
) -> list[Edge]:
    return [
        Edge(
            entity_of[mention_key(r.subject)],
            r.predicate,
            entity_of[mention_key(r.object)],
            (r.span,),
            r.role,
        )
        for x in extractions
        for r in x.relations
        if entity_of[mention_key(r.subject)] != entity_of[mention_key(r.object)]
    ]


def _merge_edges(edges: Iterable[Edge]) -> list[Edge]:
    """One edge per (subject, predicate, object, role), holding every span that states it."""
    merged: dict[tuple[str, str, str, str], list[Span]] = defaultdict(list)
    for e in edges:
        merged[(e.subject, e.predicate, e.object, e.role or "")].extend(e.evidence)
    out = []
    for (s, p, o, role), spans in sorted(merged.items()):
        unique = sorted(set(spans), key=lambda sp: (sp.article, sp.start, sp.end))
        out.append(Edge(s, p, o, tuple(unique), role or None))
    return out


__all__ = ["normalise_name", "resolve", "slug"]
