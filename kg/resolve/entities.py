"""Entity linking: entity mentions from every article become one `ResolvedEntity` per real-world
entity.

Within an article, the mentions of one coreference chain (`EntityMention.chain`, set by
`kg.coreference`) are one entity, which its names decide; a nominal or pronoun mention whose
chain holds no name, or that is in no chain, is dropped (it refers to someone the article never
names). Across articles a gazetteer key ("state/china") or a normalised name decides the group;
then a person's spellings and short forms join the one full name they fit (`kg.names`:
"Erdogan", "Tayyip Erdogan" -> "Recep Tayyip Erdoğan"; "Zelenskiy" / "Zelenskyy"), a shortened
name joins the one longer name it begins ("Carnegie Endowment"; "Acme" of "Acme Corp", its
legal form left out), and an acronym joins the one name whose initials it spells. Each step
looks candidates up in an index (by family name, first words, initials), never across all
pairs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from kg import lexicon, names
from kg.model import EntityMention, Extraction
from kg.resolve.types import MentionKey, ResolvedEntity, mention_key

__all__ = ["link_entities", "normalise_name"]

_TYPE_PRIORITY = {"Person": 0, "Organization": 1, "State": 2, "Place": 3, "Other": 4}


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """The blocking key of a name: the gazetteer's folding (accents, dots, hyphens, a leading
    "the"), ignoring case. No "/" survives: keys with a "/" are gazetteer keys ("state/china")."""
    return " ".join(re.split(r"[\s_/]+", lexicon.fold(name).casefold())).strip()


def _is_name(m: EntityMention) -> bool:
    return m.mention_type == "name"


def _names(ms: Sequence[EntityMention]) -> Sequence[EntityMention]:
    """The naming mentions of a group (all of them, for a group that has none)."""
    named = [m for m in ms if _is_name(m)]
    return named or ms


def _group_key(m: EntityMention) -> str:
    return m.key or normalise_name(m.name)


def _chain_keys(mentions: Sequence[EntityMention]) -> dict[tuple[str, int], str | None]:
    """(article, chain) -> the key its names give the whole chain: the gazetteer key most of
    them carry, else the fullest name (most words, then most frequent, then first in
    alphabetical order); None for a chain that holds no name."""
    chains: dict[tuple[str, int], list[EntityMention]] = defaultdict(list)
    for m in mentions:
        if m.chain is not None:
            chains[(m.span.article, m.chain)].append(m)
    keys: dict[tuple[str, int], str | None] = {}
    for chain, ms in chains.items():
        names = [m for m in ms if _is_name(m)]
        keyed = Counter(m.key for m in names if m.key)
        if keyed:
            keys[chain] = min(keyed, key=lambda k: (-keyed[k], k))
        elif names:
            counts = Counter(normalise_name(m.name) for m in names)
            keys[chain] = min(counts, key=lambda n: (-len(n.split()), -counts[n], n))
        else:
            keys[chain] = None
    return keys


def link_entities(
    extractions: Sequence[Extraction],
) -> tuple[tuple[ResolvedEntity, ...], dict[MentionKey, ResolvedEntity | None]]:
    """Every entity mention of `extractions`, linked: the entities by key, and each mention's
    entity (None for a mention dropped because nothing names what it refers to)."""
    mentions = [m for x in extractions for m in x.entity_mentions()]
    chain_key = _chain_keys(mentions)
    groups: dict[str, list[EntityMention]] = defaultdict(list)
    dropped: list[EntityMention] = []
    for m in mentions:
        key = chain_key[(m.span.article, m.chain)] if m.chain is not None else None
        if key is None and m.chain is None and _is_name(m):
            key = _group_key(m)
        if key is None:
            dropped.append(m)
        else:
            groups[key].append(m)
    # the key a name's group answers to: a gazetteer key wins over the bare name
    # ("Moscow" acting is the state, "Moscow" as a place stays the city)
    alias: dict[tuple[str, str], str] = {}
    for key, ms in groups.items():
        if "/" in key:
            for m in ms:
                if _is_name(m):
                    alias.setdefault((normalise_name(m.name), m.type), key)
    for name in [k for k in groups if "/" not in k]:
        into = alias.get((name, _vote_type(groups[name])))
        if into is not None:
            groups[into].extend(groups.pop(name))
    _link_people(groups)
    _link_short_forms(groups)

    entities: list[ResolvedEntity] = []
    entity_of: dict[MentionKey, ResolvedEntity | None] = {mention_key(m): None for m in dropped}
    for key in sorted(groups):
        ms = sorted(groups[key], key=lambda m: (m.span.article, m.span.start))
        entity = ResolvedEntity(key, _vote_type(ms), tuple(ms))
        entities.append(entity)
        for m in ms:
            entity_of[mention_key(m)] = entity
    return tuple(entities), entity_of


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
            stem = names.company_stem(words)
            if len(stem) < len(words):  # "acme" of "acme corp"
                by_prefix[" ".join(stem)].add(key)
            full = _names(ms)[0].name
            # "FAA" of "U.S. Federal Aviation Administration": the state that opens a name is
            # often left out of its acronym
            for name in {full, lexicon.load().without_state(full)}:
                caps = [w for w in name.split() if w[:1].isupper()]
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
        if not target and len(words) == 1 and _names(groups[key])[0].name.isupper():
            target = by_initials.get(key, set())
        if len(target) == 1 and (into := next(iter(target))) != key and into in groups:
            groups[into].extend(groups.pop(key))


def _unknown_place(ms: Sequence[EntityMention]) -> bool:
    lex = lexicon.load()
    name = _names(ms)[0].name
    return _vote_type(ms) == "Place" and not (lex.state(name) or lex.state_by_capital(name))


def _link_people(groups: dict[str, list[EntityMention]]) -> None:
    """Fold a person's other spellings and short forms into one name (`kg.names`): "Tayyip
    Erdogan" and "Erdogan" into "Recep Tayyip Erdoğan", "Volodymyr Zelenskiy" into
    "Volodymyr Zelenskyy". A short form goes to the one person it fits; where two fit ("Bush"
    beside George W. and Jeb Bush) it stays apart, as the article's own chains already said
    whom they mean. Only names sharing a family-name key are compared."""
    block: dict[str, list[str]] = defaultdict(list)
    for key in sorted(groups):
        if "/" not in key and _vote_type(groups[key]) == "Person":
            block[names.family_key(key)].append(key)
    for keys in block.values():
        # fullest names first, then the best attested: short forms fold into them
        keys.sort(key=lambda k: (-len(k.split()), -len(groups[k]), k))
        for short in reversed(keys):
            fits = [
                full
                for full in keys
                if full != short
                and full in groups
                and keys.index(full) < keys.index(short)
                and (names.is_variant(short, full) or names.is_short_form(short, full))
            ]
            people: list[str] = []
            for full in fits:
                if not any(names.compatible(full, p) for p in people):
                    people.append(full)
            if len(people) == 1 and short in groups:
                groups[people[0]].extend(groups.pop(short))


def _vote_type(ms: Sequence[EntityMention]) -> str:
    """The type most of a group's names carry, those with a gazetteer key first, each article
    voting once for each type it gives (an outlet that repeats a name it mistyped outvotes no
    one); ties go to the more specific type (Person before Organization before State before
    Place)."""
    named = _names(ms)
    keyed = {(m.span.article, m.type) for m in named if m.key}
    counts = Counter(t for _, t in keyed or {(m.span.article, m.type) for m in named})
    return min(counts, key=lambda t: (-counts[t], _TYPE_PRIORITY.get(t, 9)))
