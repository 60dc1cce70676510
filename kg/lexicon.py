"""The lexicons the extractors read: the event taxonomy and cues in `ontology/kg.ttl`, and the
gazetteers in `ontology/gazetteer/` (states, organisations, titles, honorifics).

Everything is loaded once per process (`load()` is cached) and answered from dictionaries.
Names are matched after folding: accents, dots, hyphens and a leading "the" do not count, and
case does not count either, except for acronyms ("US" is the United States, "us" is nothing).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.errors import KgError
from kg.resources import ONTOLOGY_DIR
from kg.terms import KG_IRI

__all__ = [
    "DEFAULT_DIR",
    "GENERIC_CLASS",
    "QUAD_CLASSES",
    "EventClass",
    "Lexicon",
    "OrgEntry",
    "StateEntry",
    "Title",
    "load",
    "read_word_list",
]

# The class of events that no more specific class fits (a generic event, labelled by its lemma).
GENERIC_CLASS = "OtherEvent"

# ontology/ in the checkout or in the installed wheel (kg.resources)
DEFAULT_DIR = ONTOLOGY_DIR
QUAD_CLASSES = (
    "verbal-cooperation",
    "material-cooperation",
    "verbal-conflict",
    "material-conflict",
)
POS_TAGS = ("VERB", "NOUN")

_CAMEO = re.compile(r"\d{2,4}")
_ISO3 = re.compile(r"[A-Z]{3}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({c: " " for c in "-‐‑‒–—"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@dataclass(frozen=True)
class EventClass:
    """One class of the event taxonomy: a kg:Event subclass, or kg:Event itself."""

    name: str  # local name in kg:, e.g. "Call"
    parent: str | None  # local name of its kg: superclass; None for "Event"
    cameo: str | None  # CAMEO code, 2-4 digits ("041")
    quad: str | None  # one of QUAD_CLASSES
    label: str
    comment: str


@dataclass(frozen=True)
class StateEntry:
    """A sovereign state as `ontology/gazetteer/states.tsv` lists it."""

    key: str  # IRI slug: "united-states"
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]
    iso3: str


@dataclass(frozen=True)
class OrgEntry:
    """An international organisation, alliance or news organisation."""

    key: str
    name: str
    aliases: tuple[str, ...]
    type: str


@dataclass(frozen=True)
class Title:
    """A role title and the affiliation property it gives ("leaderOf", "spokespersonOf", ...)."""

    words: str
    predicate: str


class _Names:
    """Name -> entry, matching acronyms by case and other names ignoring case."""

    def __init__(self) -> None:
        self.exact: dict[str, int] = {}
        self.folded: dict[str, int] = {}

    def add(self, name: str, index: int) -> int | None:
        """Index `name`; returns the index of another entry that already holds it, if any."""
        form = fold(name)
        if not form:
            return None
        table, key = (self.exact, form) if is_acronym(form) else (self.folded, form.casefold())
        held = table.setdefault(key, index)
        return held if held != index else None

    def get(self, name: str) -> int | None:
        form = fold(name)
        if form in self.exact:
            return self.exact[form]
        return self.folded.get(form.casefold())


# every trigger and title look-up folds its words, and a name is looked up many times over:
# the same few thousand strings each build
@lru_cache(maxsize=1 << 15)
def fold(name: str, article: bool = True) -> str:
    """The form names are compared in: no accents, dots, hyphens or (with `article`) leading
    "the"; one space between words."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_QUOTES).translate(_DASHES).replace(".", "")
    text = _SPACE.sub(" ", text).strip()
    if article and text[:4].casefold() == "the " and len(text) > 4:
        text = text[4:]
    return text


def is_acronym(form: str) -> bool:
    """All capitals ("US", "NATO", "G20", "OPEC+"): such names must match in case."""
    return form.isupper()


def _phrase(words: str) -> str:
    """Lowercase words joined by one space, hyphens read as spaces, accents dropped."""
    return fold(words.casefold(), article=False)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Look-ups over the ontology's data. Build with `load()`."""

    event_classes: Mapping[str, EventClass]
    states: tuple[StateEntry, ...]
    organizations: tuple[OrgEntry, ...]
    titles: Mapping[str, Title]
    honorifics: frozenset[str]
    planned_cues: frozenset[str]
    negation_cues: frozenset[str]
    hypothetical_cues: frozenset[str]
    reporting_cues: frozenset[str]
    clausal_negation_cues: frozenset[str]
    near_miss_cues: frozenset[str]
    reschedule_cues: frozenset[str]
    max_trigger_words: int
    _triggers: Mapping[tuple[str, str], str]
    _state_names: _Names
    _demonyms: Mapping[str, int]
    _capitals: Mapping[str, int]
    _seats: Mapping[str, int]
    _org_names: _Names

    def event_trigger(self, phrase: str, pos: str) -> str | None:
        """The event class a trigger lemma names, or None. `phrase` is the lowercase lemma(s)
        joined by one space ("video call", "shoot down"); `pos` is "VERB" or "NOUN" ("PROPN"
        counts as "NOUN")."""
        tag = "NOUN" if pos == "PROPN" else pos
        return self._triggers.get((tag, _phrase(phrase)))

    def lineage(self, cls: str) -> tuple[str, ...]:
        """The class and its superclasses up to, not including, kg:Event: ("Call", "Meeting");
        its last element is the class's family. () for an unknown name and for kg:Event."""
        chain: list[str] = []
        entry = self.event_classes.get(cls)
        while entry is not None and entry.parent is not None:
            chain.append(entry.name)
            entry = self.event_classes.get(entry.parent)
        return tuple(chain)

    def triggers(self, cls: str) -> Iterator[tuple[str, str]]:
        """(part of speech, phrase) of every trigger of one class, sorted."""
        return iter(sorted((p, w) for (p, w), c in self._triggers.items() if c == cls))

    def state(self, name: str) -> StateEntry | None:
        """The state a name or alias denotes ("U.S.", "the United States", "Türkiye")."""
        index = self._state_names.get(name)
        return None if index is None else self.states[index]

    def state_by_key(self, key: str) -> StateEntry | None:
        """The state with this IRI slug ("united-states")."""
        return next((s for s in self.states if s.key == key), None)

    def state_by_demonym(self, word: str) -> StateEntry | None:
        """The state a capitalised demonym names ("Chinese", "Americans"); lowercase words are
        not demonyms ("polish")."""
        form = fold(word)
        if not form[:1].isupper():
            return None
        for candidate in (form, form[:-1] if form.endswith("s") else ""):
            index = self._demonyms.get(candidate.casefold()) if candidate else None
            if index is not None:
                return self.states[index]
        return None

    def state_by_capital(self, name: str) -> StateEntry | None:
        """The state whose capital or seat of government this city is ("Kyiv", "Kiev")."""
        index = self._capitals.get(fold(name).casefold())
        return None if index is None else self.states[index]

    def state_by_seat(self, name: str) -> StateEntry | None:
        """The state a government building or street stands for ("the Kremlin")."""
        index = self._seats.get(fold(name).casefold())
        return None if index is None else self.states[index]

    def without_state(self, name: str) -> str:
        """A body's name without the state's name or demonym that opens it ("U.S. Federal
        Aviation Administration" -> "Federal Aviation Administration", "British Gas" ->
        "Gas"), which its acronym often leaves out ("FAA"); the name itself when no state
        opens it, or nothing would be left."""
        words = name.split()
        for k in (3, 2, 1):
            if len(words) > k:
                opening = " ".join(words[:k])
                if self.state(opening) is not None or (
                    k == 1 and self.state_by_demonym(opening) is not None
                ):
                    return " ".join(words[k:])
        return name

    def organization(self, name: str) -> OrgEntry | None:
        """The organisation a name, alias or acronym denotes ("Nato", "G-20", "AP")."""
        index = self._org_names.get(name)
        return None if index is None else self.organizations[index]

    def organization_by_key(self, key: str) -> OrgEntry | None:
        """The organisation with this IRI slug ("nato")."""
        return next((o for o in self.organizations if o.key == key), None)

    def title(self, words: str) -> Title | None:
        """The role title these words are ("senior fellow", "Prime Minister"), or None."""
        return self.titles.get(_phrase(words))


# -- loading -------------------------------------------------------------------------------


@cache
def load(ontology_dir: Path | None = None) -> Lexicon:
    """Read `kg.ttl` and the gazetteers under `ontology_dir` (default: the repository's
    `ontology/`), once per process. Malformed files raise KgError naming file and line."""
    root = (ontology_dir or DEFAULT_DIR).resolve()
    ttl = root / "kg.ttl"
    gaz = root / "gazetteer"
    graph, text = _parse(ttl)
    classes = _event_classes(graph, ttl, text)
    triggers = _triggers(graph, ttl, text, classes)
    cues = _cues(graph)
    states, state_names, demonyms, capitals, seats = _states(gaz / "states.tsv")
    orgs, org_names = _organizations(gaz / "organizations.tsv")
    titles = _titles(gaz / "titles.tsv", _affiliation_properties(graph))
    return Lexicon(
        event_classes=MappingProxyType(classes),
        states=states,
        organizations=orgs,
        titles=MappingProxyType(titles),
        honorifics=frozenset(
            w.casefold().rstrip(".") for w in read_word_list(gaz / "honorifics.txt")
        ),
        planned_cues=cues.get("PlannedCue", frozenset()),
        negation_cues=cues.get("NegationCue", frozenset()),
        hypothetical_cues=cues.get("HypotheticalCue", frozenset()),
        reporting_cues=cues.get("ReportingCue", frozenset()),
        clausal_negation_cues=cues.get("ClausalNegationCue", frozenset()),
        near_miss_cues=cues.get("NearMissCue", frozenset()),
        reschedule_cues=cues.get("RescheduleCue", frozenset()),
        max_trigger_words=max((len(w.split()) for _, w in triggers), default=1),
        _triggers=MappingProxyType(triggers),
        _state_names=state_names,
        _demonyms=MappingProxyType(demonyms),
        _capitals=MappingProxyType(capitals),
        _seats=MappingProxyType(seats),
        _org_names=org_names,
    )


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{path}: cannot read: {exc}") from exc


def _parse(path: Path) -> tuple[Graph, str]:
    text = _read(path)
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.as_uri())
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise KgError(f"{path}:{_syntax_error(text, exc)}") from exc
    return graph, text


def _syntax_error(text: str, exc: Exception) -> str:
    """ "LINE: message" for bad Turtle. rdflib's line is where it gave up, often lines later,
    so ask oxigraph, which points at the offending token."""
    try:
        for _ in pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE):
            pass
    except SyntaxError as ox:
        if ox.lineno is not None:
            return f"{ox.lineno}: not valid Turtle: {ox.msg}"
    line = getattr(exc, "lines", None)
    where = f"{line + 1}" if isinstance(line, int) else "1"
    return f"{where}: not valid Turtle: {' '.join(str(exc).split())}"


def _line_of(text: str, name: str) -> int:
    """The line that defines kg:`name`, so errors about parsed triples can point at it."""
    pattern = re.compile(rf"^\s*kg:{re.escape(name)}\b", re.MULTILINE)
    match = pattern.search(text) or re.search(rf"kg:{re.escape(name)}\b", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _local(term: object) -> str | None:
    if isinstance(term, URIRef) and str(term).startswith(KG_IRI):
        return str(term)[len(KG_IRI) :]
    return None


def _one_literal(graph: Graph, subject: URIRef, prop: URIRef) -> str | None:
    values = sorted(str(o) for o in graph.objects(subject, prop) if isinstance(o, Literal))
    return values[0] if values else None


def _event_classes(graph: Graph, path: Path, text: str) -> dict[str, EventClass]:
    event = URIRef(KG_IRI + "Event")
    names: dict[URIRef, str] = {}
    frontier = [event]
    while frontier:
        cls = frontier.pop()
        name = _local(cls)
        if name is None or cls in names:
            continue
        names[cls] = name
        frontier.extend(s for s in graph.subjects(RDFS.subClassOf, cls) if isinstance(s, URIRef))
    classes: dict[str, EventClass] = {}
    for cls, name in sorted(names.items(), key=lambda kv: kv[1]):
        where = f"{path}:{_line_of(text, name)}: kg:{name}"
        parents = sorted(p for o in graph.objects(cls, RDFS.subClassOf) if (p := _local(o)))
        parents = [p for p in parents if URIRef(KG_IRI + p) in names]
        if cls != event and len(parents) != 1:
            raise KgError(f"{where}: an event class needs exactly one kg: event superclass")
        cameo = _one_literal(graph, cls, URIRef(KG_IRI + "cameoCode"))
        if cameo is not None and not _CAMEO.fullmatch(cameo):
            raise KgError(f"{where}: kg:cameoCode {cameo!r} is not 2 to 4 digits")
        quad = _one_literal(graph, cls, URIRef(KG_IRI + "quadClass"))
        if quad is not None and quad not in QUAD_CLASSES:
            raise KgError(f"{where}: kg:quadClass {quad!r} is not one of {QUAD_CLASSES}")
        label = _one_literal(graph, cls, RDFS.label)
        comment = _one_literal(graph, cls, RDFS.comment)
        if not label or not comment:
            raise KgError(f"{where}: an event class needs rdfs:label and rdfs:comment")
        classes[name] = EventClass(
            name=name,
            parent=parents[0] if cls != event else None,
            cameo=cameo,
            quad=quad,
            label=label,
            comment=comment,
        )
    if "Event" not in classes:
        raise KgError(f"{path}:1: kg:Event is not defined")
    return classes


def _triggers(
    graph: Graph, path: Path, text: str, classes: Mapping[str, EventClass]
) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for pos, prop in (("VERB", "verbTrigger"), ("NOUN", "nounTrigger")):
        for subject, value in sorted(graph.subject_objects(URIRef(KG_IRI + prop))):
            name = _local(subject)
            if name is None or name not in classes:
                where = f"{path}:{_line_of(text, name or prop)}"
                raise KgError(f"{where}: kg:{prop} on {subject}, which is not an event class")
            phrase = _phrase(str(value))
            if not phrase or str(value) != str(value).lower():
                where = f"{path}:{_line_of(text, name)}"
                raise KgError(
                    f"{where}: kg:{prop} {str(value)!r} of kg:{name} is not a lowercase lemma"
                )
            held = found.setdefault((pos, phrase), name)
            if held != name:
                where = f"{path}:{_line_of(text, name)}"
                raise KgError(
                    f"{where}: {pos.lower()} trigger {phrase!r} is in both kg:{held} and kg:{name}"
                )
    return found


def _cues(graph: Graph) -> dict[str, frozenset[str]]:
    cues: dict[str, set[str]] = {}
    for subject, value in graph.subject_objects(URIRef(KG_IRI + "cue")):
        name = _local(subject)
        if name is not None:
            cues.setdefault(name, set()).add(_phrase(str(value)))
    return {k: frozenset(v) for k, v in cues.items()}


def _affiliation_properties(graph: Graph) -> frozenset[str]:
    """kg:affiliatedWith and its sub-properties: the predicates a title may give."""
    top = URIRef(KG_IRI + "affiliatedWith")
    found = {top}
    frontier = [top]
    while frontier:
        prop = frontier.pop()
        for sub in graph.subjects(RDFS.subPropertyOf, prop):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return frozenset(name for p in found if (name := _local(p)))


# -- gazetteers ----------------------------------------------------------------------------


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each data row of a tab-separated file with a header row."""
    header_seen = False
    for number, raw in enumerate(_read(path).splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if not header_seen:
            if tuple(fields) != columns:
                raise KgError(f"{path}:{number}: header must be {' '.join(columns)}")
            header_seen = True
            continue
        if len(fields) != len(columns):
            raise KgError(f"{path}:{number}: {len(fields)} fields, expected {len(columns)}")
        yield number, fields


def _split(field: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in field.split(";") if p.strip()))


def _check_key(path: Path, number: int, key: str, seen: set[str]) -> None:
    if not _SLUG.fullmatch(key):
        raise KgError(f"{path}:{number}: key {key!r} is not a lowercase slug")
    if key in seen:
        raise KgError(f"{path}:{number}: key {key!r} is listed twice")
    seen.add(key)


def _index(
    table: dict[str, int], path: Path, number: int, names: tuple[str, ...], index: int
) -> None:
    for name in names:
        held = table.setdefault(fold(name).casefold(), index)
        if held != index:
            raise KgError(f"{path}:{number}: {name!r} is already given to another entry")


def _states(
    path: Path,
) -> tuple[tuple[StateEntry, ...], _Names, dict[str, int], dict[str, int], dict[str, int]]:
    columns = ("key", "name", "aliases", "demonyms", "capitals", "seats", "iso3")
    entries: list[StateEntry] = []
    names = _Names()
    demonyms: dict[str, int] = {}
    capitals: dict[str, int] = {}
    seats: dict[str, int] = {}
    keys: set[str] = set()
    for number, (key, name, aliases, dems, caps, sts, iso3) in _rows(path, columns):
        _check_key(path, number, key, keys)
        if not name or not _ISO3.fullmatch(iso3):
            raise KgError(f"{path}:{number}: needs a name and a three-letter iso3 code")
        entry = StateEntry(
            key, name, _split(aliases), _split(dems), _split(caps), _split(sts), iso3
        )
        index = len(entries)
        entries.append(entry)
        for alias in (name, *entry.aliases):
            if (held := names.add(alias, index)) is not None:
                other = entries[held].key
                raise KgError(f"{path}:{number}: {alias!r} is already a name of {other!r}")
        _index(demonyms, path, number, entry.demonyms, index)
        _index(capitals, path, number, entry.capitals, index)
        _index(seats, path, number, entry.seats, index)
    return tuple(entries), names, demonyms, capitals, seats


def _organizations(path: Path) -> tuple[tuple[OrgEntry, ...], _Names]:
    entries: list[OrgEntry] = []
    names = _Names()
    keys: set[str] = set()
    for number, (key, name, aliases, kind) in _rows(path, ("key", "name", "aliases", "type")):
        _check_key(path, number, key, keys)
        if not name or not kind:
            raise KgError(f"{path}:{number}: needs a name and a type")
        entry = OrgEntry(key, name, _split(aliases), kind)
        index = len(entries)
        entries.append(entry)
        for alias in (name, *entry.aliases):
            if (held := names.add(alias, index)) is not None:
                other = entries[held].key
                raise KgError(f"{path}:{number}: {alias!r} is already a name of {other!r}")
    return tuple(entries), names


def _titles(path: Path, predicates: frozenset[str]) -> dict[str, Title]:
    titles: dict[str, Title] = {}
    for number, (words, predicate) in _rows(path, ("words", "predicate")):
        phrase = _phrase(words)
        if not phrase or words != words.lower():
            raise KgError(f"{path}:{number}: title {words!r} must be lowercase words")
        if predicate not in predicates:
            raise KgError(
                f"{path}:{number}: predicate {predicate!r} is not kg:affiliatedWith or one of "
                f"its sub-properties in kg.ttl ({', '.join(sorted(predicates))})"
            )
        held = titles.setdefault(phrase, Title(phrase, predicate))
        if held.predicate != predicate:
            raise KgError(f"{path}:{number}: title {words!r} is listed with two predicates")
    return titles


def read_word_list(path: Path) -> tuple[str, ...]:
    """The entries of a word list (`ontology/cues/*.txt`, `gazetteer/honorifics.txt`): one a
    line, "#" starts a comment, blank lines skipped, in file order. KgError naming the file when
    it cannot be read."""
    words = (line.split("#", 1)[0].strip() for line in _read(path).splitlines())
    return tuple(w for w in words if w)
