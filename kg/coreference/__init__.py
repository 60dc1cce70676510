"""Within-article coreference: which mentions of one article refer to one entity.

A stage of its own, run per article right after the extractors, on the same spaCy Doc:

    found = kg.coreference.link(doc, found)

Mentions are the extractors' names plus the descriptions ("the Chinese leader", "the company")
and pronouns ("he", "its") of the parse (`kg.coreference.mentions`). The multi-pass sieve of
Lee et al. (2013) links them (`kg.coreference.sieves`: speaker, exact string, appositions and
predicate nominatives, strict head match, name forms, aliases and acronyms, descriptions,
pronouns), each pass one rule, most precise first; `passes` picks and orders them.

What `link` returns: the extraction with `entities` holding every name, description and
pronoun mention (each with `mention_type` and `chain`), and `chain` set on every copy of a
mention (entities, event participants and claimants, relation ends), the same copy for the same
span. Within a chain a name keeps one type (the chain's: a gazetteer key's, a title's, the
fullest name's), so "Jobs" after "Steve Jobs" is a Person. A description or pronoun in a chain
that holds a name takes that name's `name`, `key` and `type` (its `span` keeps it as written);
one in a chain without a name keeps its own words as `name`, and a pronoun whose chain says
nothing of its type is left out. Chains are numbered 0, 1, ... in order of their first mention.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc

from kg import lexicon
from kg.coreference import sieves
from kg.coreference.mentions import Mention, detect
from kg.coreference.sieves import PASSES, Sieve, cluster_type
from kg.extract.common import make_span
from kg.extract.referring import pronouns
from kg.model import EntityMention, Extraction, Participant

__all__ = ["PASSES", "Sieve", "link", "named_only", "sieves"]


def link(doc: Doc, found: Extraction, passes: Sequence[type[Sieve]] = PASSES) -> Extraction:
    """`found` with every entity mention chained (see the module's docstring). `doc` is the
    parse the extractors read (offsets into the article's text). Pure: `found` is not changed."""
    copies = list(found.entity_mentions())
    mentions = detect(doc, copies)
    document = sieves.Document(doc, mentions)
    _facts(document, found)
    for sieve in passes:
        sieve().run(document)
    chained = _chained(document, found.article.id)
    by_span = {(m.span.start, m.span.end): m for m in chained}
    # a participant another stage wrote as a description may span less of the phrase ("the
    # ministry" of "the Russian defence ministry"): it ends at the same head
    by_end = {m.span.end: m for m in chained if m.mention_type != "name"}

    def swap(m: EntityMention) -> EntityMention:
        found = by_span.get((m.span.start, m.span.end))
        if found is None and m.mention_type != "name":
            found = by_end.get(m.span.end)
        return found or m

    names = {(m.span.start, m.span.end) for m in found.entities}
    entities = [
        m for m in chained if m.mention_type != "name" or (m.span.start, m.span.end) in names
    ]
    events = tuple(
        dataclasses.replace(
            e,
            participants=_not_the_agent_again(
                tuple(dataclasses.replace(p, entity=swap(p.entity)) for p in e.participants)
            ),
            claimed_by=swap(e.claimed_by) if e.claimed_by is not None else None,
        )
        for e in found.events
    )
    relations = tuple(
        dataclasses.replace(r, subject=swap(r.subject), object=swap(r.object))
        for r in found.relations
    )
    return dataclasses.replace(found, entities=tuple(entities), events=events, relations=relations)


def _not_the_agent_again(participants: tuple[Participant, ...]) -> tuple[Participant, ...]:
    """The participants less the repeats of one entity as agent and as target or
    co-participant. A clause says its agent is also its patient with a reflexive ("sold
    itself"), never with a possessive or another pronoun (binding, Chomsky 1981): so the repeat
    read off a possessive goes ("it halted production of its jet": "its" owns the jet; "a man
    fell to his death": "his" is whose death, the man's), else the one that is no agent."""
    agents = {p.entity.chain for p in participants if p.role == "agent"} - {None}
    patients = {p.entity.chain for p in participants if p.role in _PATIENTS} - {None}
    both = agents & patients

    def repeat(p: Participant) -> bool:
        if p.entity.chain not in both or _pronoun_kind(p) == "reflexive":
            return False
        if p.role not in {"agent", *_PATIENTS}:
            return False  # a place
        twins = [q for q in participants if q.entity.chain == p.entity.chain and q is not p]
        plain_twin = any(_pronoun_kind(q) != "possessive" for q in twins)
        if _pronoun_kind(p) == "possessive":
            return plain_twin or p.role != "agent"
        return p.role != "agent" and all(_pronoun_kind(q) != "possessive" for q in twins)

    return tuple(p for p in participants if not repeat(p))


_PATIENTS = frozenset({"target", "coParticipant"})


def _pronoun_kind(p: Participant) -> str | None:
    """ "possessive" ("its", "his"), "reflexive" ("itself"), "personal", or None for a name or
    a description (`ontology/coreference/pronouns.tsv`)."""
    if p.entity.mention_type != "pronoun":
        return None
    found = pronouns().get(p.entity.span.text.casefold())
    return found.kind if found is not None else None


def named_only(found: Extraction) -> Extraction:
    """`found` without the descriptions and pronouns whose chain holds no name: what entity
    resolution keeps (they name no entity the graph can hold)."""
    named = {m.chain for m in found.entities if m.mention_type == "name"}
    keep = tuple(m for m in found.entities if m.mention_type == "name" or m.chain in named)
    return dataclasses.replace(found, entities=keep)


def _facts(document: sieves.Document, found: Extraction) -> None:
    """What the article's relations say of each name: its titles ("president", "leaderOf")
    and what it belongs to ("state/china"), for the description pass."""
    lex = lexicon.load()
    doc = document.doc
    for m in document.mentions:
        if m.kind != "name" or m.type != "Person":
            continue
        # "his Chinese counterpart Xi Jinping", "Russian President Vladimir Putin"
        head = doc[m.head]
        if head.dep_ in {"appos", "compound"}:
            head = head.head  # "counterpart" in "his Chinese counterpart Xi Jinping"
        for token in doc[min(head.left_edge.i, m.first) : m.first]:
            state = lex.state_by_demonym(token.text) if token.text[:1].isupper() else None
            if state is not None:
                document.affiliations.setdefault(m.index, set()).add(f"state/{state.key}")
    at = {(m.start, m.end): m.index for m in document.mentions}
    for r in found.relations:
        i = at.get((r.subject.span.start, r.subject.span.end))
        if i is None:
            continue
        roles = document.roles.setdefault(i, set())
        roles.add(r.predicate)
        if r.role:
            words = r.role.casefold().split()
            roles.update((" ".join(words), words[-1]))
        target = r.object.key or r.object.name
        document.affiliations.setdefault(i, set()).add(target)


def _chained(document: sieves.Document, article: str) -> list[EntityMention]:
    """One EntityMention per mention, with its chain and the chain's type."""
    order: dict[int, int] = {}
    out: list[EntityMention] = []
    for m in document.mentions:
        root = document.root(m.index)
        cluster = document.cluster(m.index)
        kind = cluster_type(cluster)
        chain = order.setdefault(root, len(order))
        if m.source is not None:
            keyed = m.source.key is not None
            out.append(
                dataclasses.replace(
                    m.source, type=m.source.type if keyed or kind is None else kind, chain=chain
                )
            )
            continue
        if kind is None:
            continue  # a pronoun nothing types ("it" with no antecedent)
        out.append(_mention(document, m, cluster, kind, chain, article))
    # chains numbered by first mention, without gaps left by dropped pronouns
    used = sorted({m.chain for m in out if m.chain is not None})
    renumber = {c: n for n, c in enumerate(used)}
    return [dataclasses.replace(m, chain=renumber[m.chain]) for m in out if m.chain is not None]


def _mention(
    document: sieves.Document,
    m: Mention,
    cluster: list[Mention],
    kind: str,
    chain: int,
    article: str,
) -> EntityMention:
    named = [x for x in cluster if x.source is not None and x.kind == "name"]
    # the chain's representative name: keyed first, then the fullest, then the earliest
    best = min(
        named,
        key=lambda x: (x.source.key is None, -len(x.name.split()), x.index),  # type: ignore[union-attr]
        default=None,
    )
    span = make_span(document.doc, m.start, m.end, article)
    if best is not None and best.source is not None:
        name, key = best.source.name, best.source.key
    else:
        name, key = " ".join(m.text.split()), None
    return EntityMention(
        span=span,
        type=kind,
        name=name,
        key=key,
        mention_type=m.kind,
        chain=chain,
    )
