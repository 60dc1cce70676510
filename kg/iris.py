"""Every IRI the graph holds is made here, and nowhere else.

Resource IRIs live under the build's base (`RES_IRI` unless `kg build --base-iri` says otherwise)
and come from content, never from counters or blank nodes, so the same sources give the same
IRIs:

    <base>person/vladimir-putin           an entity: its kind and the slug of its label
    <base>state/china                     an entity the gazetteer knows: its gazetteer key
    <base>event/call-2022-12-30-vladimir-putin-xi-jinping
                                          an event: class, TIMEX3 value, its two first actors
    <base>article/000_9fc50ed6bb54a523    an article: its id (the file stem), %-escaped
    <base>mention/000_9fc50ed6bb54a523-120-134         a mention: article and offsets
    <base>statement/<16 hex digits>       a reified edge: SHA-256 of the edge and the article
    <base>graph                           the named graph of TriG and N-Quads

Two entities or two events whose IRIs would clash get "-2", "-3", ... in the order they are
minted. Ontology terms (event and entity classes, edge predicates, statuses) are checked against
`ontology/kg.ttl`: a name it does not define raises `UnknownTerm`, never a stand-in.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from kg import lexicon
from kg.errors import KgError
from kg.terms import KG_IRI, RES_IRI, vocabulary

__all__ = [
    "Iris",
    "NodeIris",
    "UnknownTerm",
    "entity_class",
    "event_class",
    "predicate",
    "slug",
    "status",
]

_GAZETTEER_KEY = re.compile(r"[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*")


class UnknownTerm(KgError):
    """A class, predicate or status that `ontology/kg.ttl` does not define."""


def slug(text: str) -> str:
    """Lowercase ASCII letters and digits joined by "-": accents dropped ("Zelenskyy" ->
    "zelenskyy", "São Paulo" -> "sao-paulo"); "x" when nothing is left."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


# an article's id is quoted again for each of its mentions (a few hundred times in one export),
# and `quote` encodes and scans the text every time; one entry per article of the process
@cache  # type: ignore[misc]  # functools.cache is typed with Callable[..., T]
def _part(text: str) -> str:
    """An id made safe for an IRI path segment ("my notes" -> "my%20notes")."""
    # surrogatepass: two ids that differ only in a lone surrogate still get two IRIs
    return quote(text, safe="-._~", errors="surrogatepass")


def event_class(name: str) -> str:
    """The IRI of event class `name` ("Call" -> kg:Call); UnknownTerm unless kg.ttl defines it
    as kg:Event or one of its subclasses."""
    if name not in lexicon.load().event_classes:
        raise UnknownTerm(f"kg:{name} is not an event class of ontology/kg.ttl")
    return KG_IRI + name


def entity_class(kind: str) -> str:
    """The IRI of an entity kind ("Person" -> kg:Person, "Other" -> kg:Entity); UnknownTerm
    unless kg.ttl defines it as a subclass of kg:Entity."""
    found = vocabulary().entity_classes.get(kind)
    if found is None:
        raise UnknownTerm(f"{kind!r} is not an entity kind of ontology/kg.ttl")
    return found


def predicate(name: str) -> str:
    """The IRI of an edge predicate ("agent" -> kg:agent, "hasPlace" -> sem:hasPlace);
    UnknownTerm for a name kg.ttl does not give an edge."""
    found = vocabulary().predicates.get(name)
    if found is None:
        raise UnknownTerm(f"{name!r} is not an edge predicate of ontology/kg.ttl")
    return found


def status(name: str) -> str:
    """The IRI of an event status ("Planned" -> kg:Planned); UnknownTerm for another name."""
    found = vocabulary().statuses.get(name)
    if found is None:
        raise UnknownTerm(f"{name!r} is not a kg:EventStatus of ontology/kg.ttl")
    return found


@dataclass(frozen=True)
class Iris:
    """The resource IRIs of one graph, under `base`."""

    base: str = RES_IRI

    def article(self, article: str) -> str:
        """The article whose id (file stem) is `article`."""
        return f"{self.base}article/{_part(article)}"

    def mention(self, article: str, start: int, end: int) -> str:
        """The mention at code-point offsets [start, end) of `article`."""
        return f"{self.base}mention/{_part(article)}-{start}-{end}"

    def statement(
        self, subject: str, predicate: str, obj: str, role: str | None, article: str
    ) -> str:
        """The rdf:Statement that `article` supports the edge (subject, predicate, object,
        role) with; `predicate` is the property's IRI."""
        key = f"{subject}|{predicate}|{obj}|{role or ''}|{article}"
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return f"{self.base}statement/{digest}"

    def graph(self) -> str:
        """The named graph TriG and N-Quads hold the triples in."""
        return f"{self.base}graph"

    def nodes(self) -> NodeIris:
        """A fresh minter of entity and event IRIs."""
        return NodeIris(self.base)


class NodeIris:
    """Entity and event IRIs under one base, each given once: a clash gets "-2", "-3", ...
    in the order minted, so callers mint in a deterministic order."""

    def __init__(self, base: str) -> None:
        self._base = base
        self._used: set[str] = set()

    def _unique(self, path: str) -> str:
        found, n = path, 2
        while found in self._used:
            found, n = f"{path}-{n}", n + 1
        self._used.add(found)
        return self._base + found

    def entity(self, kind: str, label: str, gazetteer_key: str | None = None) -> str:
        """An entity of `kind` ("Person") labelled `label`: `<base><kind>/<slug of label>`, or
        `<base><gazetteer key>` ("state/china") when the gazetteer knows it."""
        entity_class(kind)
        if gazetteer_key is not None:
            if not _GAZETTEER_KEY.fullmatch(gazetteer_key):
                raise ValueError(f"{gazetteer_key!r} is not a gazetteer key (kind/slug)")
            return self._unique(gazetteer_key)
        return self._unique(f"{kind.lower()}/{slug(label)}")

    def event(self, cls: str, time_value: str | None, actors: Sequence[str], word: str) -> str:
        """An event of class `cls` at TIMEX3 `time_value` (None: undated): `<base>event/
        <class>-<value>-<the slug of its actors' labels, sorted>`, or of `word` (the trigger
        lemma) when it names no one."""
        event_class(cls)
        who = slug("-".join(sorted(actors))) if actors else slug(word)
        return self._unique(f"event/{slug(cls)}-{time_value or 'undated'}-{who}")
