"""The lexicon of referring expressions, as data in `ontology/coreference/`: pronouns with their
person, number, gender and animacy, and the head nouns that make a description an entity
mention. The extractors read it to write pronouns and descriptions as mentions; within-article
coreference (a later stage) to link them. Loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from kg.errors import KgError
from kg.lexicon import DEFAULT_DIR, load, read_word_list

ENTITY_KINDS = ("Person", "Organization", "State", "Place")
# One-word titles that name a position rather than a person when they stand alone.
_NOT_HEADS = frozenset({"head", "general", "chair", "member", "chief", "deputy", "official"})


@dataclass(frozen=True)
class Pronoun:
    word: str
    person: int  # 1 or 3
    number: str  # "sg", "pl" or "u"
    gender: str  # "m", "f", "n" or "u"
    animacy: str  # "a", "i" or "u"
    kind: str  # "personal", "possessive", "reflexive" or "relative"


@dataclass(frozen=True)
class Head:
    word: str
    type: str  # one of ENTITY_KINDS
    gender: str  # "m", "f", "n" or "u"


def _rows(path: Path, columns: tuple[str, ...]) -> list[list[str]]:
    rows: list[list[str]] = []
    seen_header = False
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not seen_header:
            if tuple(fields) != columns:
                raise KgError(f"{path}:{number}: header must be {' '.join(columns)}")
            seen_header = True
            continue
        if len(fields) != len(columns):
            raise KgError(f"{path}:{number}: {len(fields)} fields, expected {len(columns)}")
        rows.append(fields)
    return rows


@cache
def pronouns(root: Path = DEFAULT_DIR) -> dict[str, Pronoun]:
    """Lowercase word -> its features, from `ontology/coreference/pronouns.tsv`."""
    path = root / "coreference" / "pronouns.tsv"
    columns = ("word", "person", "number", "gender", "animacy", "kind")
    return {
        word: Pronoun(word, int(person), number, gender, animacy, kind)
        for word, person, number, gender, animacy, kind in _rows(path, columns)
    }


@cache
def heads(root: Path = DEFAULT_DIR) -> dict[str, Head]:
    """Lowercase head noun -> the type it gives a description: `ontology/coreference/
    nominal-heads.tsv` and the plurals of its people and places (`plural`, `irregular_plurals`),
    every one-word title of `ontology/gazetteer/titles.tsv` (a Person: "the president", "the
    spokesman"), then the people and places of `wordnet-heads.tsv` (generated from WordNet by
    bench/build_noun_heads.py, with their irregular plurals), then the business descriptions of
    `ontology/cues/company-heads.txt` none of those lists (an Organization: "the giant"). The
    plural of a demonym of `ontology/gazetteer/states.tsv` is a Person ("Americans")."""
    path = root / "coreference" / "nominal-heads.tsv"
    table: dict[str, Head] = {}
    for word, kind, gender in _rows(path, ("head", "type", "gender")):
        if kind not in ENTITY_KINDS:
            raise KgError(f"{path}: {word!r}: type {kind!r} is not one of {ENTITY_KINDS}")
        table[word] = Head(word, kind, gender)
    for title in load().titles:
        if " " not in title and title not in table and title not in _NOT_HEADS:
            gender = "m" if title.endswith("man") else "f" if title.endswith("woman") else "u"
            table[title] = Head(title, "Person", gender)
    for word, head in list(table.items()):  # "robbers" as "robber", unless listed apart
        if head.type in {"Person", "Place"}:
            for form in (plural(word), *irregular_plurals(word)):
                table.setdefault(form, Head(form, head.type, "u"))
    # a nationality's people ("12 Americans", "the Saudis"): a group of persons, whom the
    # nationality only describes (as for "British tourists"); "the Chinese" is no plural
    for state in load().states:
        for demonym in state.demonyms:
            if not demonym.endswith(("ese", "ch", "sh", "s", "x")):
                table.setdefault(f"{demonym.casefold()}s", Head(f"{demonym}s", "Person", "u"))
    # WordNet's people and places ("an arsonist", "the climbers"): the hand table wins
    generated = root / "coreference" / "wordnet-heads.tsv"
    for word, kind, _ in _rows(generated, ("head", "type", "sense")):
        if word not in table and word not in _NOT_HEADS:
            table[word] = Head(word, kind, "u")
            for form in irregular_plurals(word):  # the file has the regular plural only
                table.setdefault(form, Head(form, kind, "u"))
    # a business description neither table knows ("the search giant", "the luxury brand"):
    # the coreference stage reads `company-heads.txt` as a company's description anyway
    for word in read_word_list(root / "cues" / "company-heads.txt"):
        for form in (word, plural(word)):
            table.setdefault(form, Head(form, "Organization", "n"))
    return table


def position_head(token: Token) -> Head | None:
    """ "The head of the crime family", "a member of the gang", "the chief of Interpol": a
    word that names a position rather than a person when it stands alone ("head", "member",
    "chief", ...) names the person who holds it when an "of" phrase says of what body; None
    otherwise, and for a title of a bare noun ("the Russian head of state", "chief of staff"),
    which says whose it is by the word before it."""
    word = token.lower_
    singular = word[:-1] if word.endswith("s") and word[:-1] in _NOT_HEADS else word
    if singular not in _NOT_HEADS or token.pos_ != "NOUN":
        return None
    bodies = [
        o
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
        and (o.pos_ == "PROPN" or any(d.dep_ in {"det", "poss"} for d in o.children))
    ]
    return Head(word, "Person", "u") if bodies else None


def age_head(token: Token) -> bool:
    """Whether `token` is the "old" of "10-year-old" or "70-year-old": the head of a
    description by age ("the 70-year-old", a person)."""
    return (
        token.lower_ == "old"
        and token.i >= 2
        and token.doc[token.i - 2].lower_ in {"year", "years"}
    )


def irregular_plurals(word: str) -> tuple[str, ...]:
    """The plurals of English compounds of "man" and nouns in "-f(e)" that `plural` misses,
    beside the regular form ("policeman" -> "policemen", "thief" -> "thieves", "wife" ->
    "wives"): without them "Thieves pulled off a heist" or "two policemen were hurt" named no
    one. A word that takes the regular form ("chiefs", "humans") keeps it too, and the
    irregular form no text writes ("chieves") finds nothing."""
    if word.endswith("man"):
        return (word[:-3] + "men",)
    if word.endswith("fe"):
        return (word[:-2] + "ves",)
    if word.endswith("f") and not word.endswith("ff"):
        return (word[:-1] + "ves",)
    return ()


def plural(word: str) -> str:
    """The regular English plural of a noun ("thief" -> "thiefs" is wrong, and harmless: a
    word no text writes finds nothing)."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def of_a_condition(token: Token) -> bool:
    """A noun with "of" and a bare singular common noun after it ("a state of emergency",
    "a state of war", "a state of alert"): a condition. A place's "of" has a name, a number, a
    determiner or a name before its noun ("the state of California", "a city of 5 million",
    "the land of the free", "the tip of Sumatra island")."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "of"
        and any(
            o.dep_ == "pobj"
            and o.tag_ == "NN"
            and not any(c.dep_ in {"det", "poss", "nummod", "compound"} for c in o.children)
            for o in prep.children
        )
        for prep in token.rights
    )
