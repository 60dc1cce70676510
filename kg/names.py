"""Names as news writes them: pure functions that tell whether two written names can be one
person or body.

News spells one name many ways: with and without diacritics ("Erdoğan" / "Erdogan"), middle
names and initials ("Recep Tayyip Erdoğan" / "Tayyip Erdogan", "George W. Bush"), particles
("Ursula von der Leyen", "Mohammed bin Salman"), possessives ("Tsipras'", "Tsipras's"), all
capitals in headlines ("MACRON"), generational suffixes ("Comeaux Jr"), transliteration variants
("Zelenskiy" / "Zelenskyy" / "Zelensky"), acronyms ("IMF"). Two different people can share a
family name (George W. Bush and Jeb Bush): a short form ("Bush") then goes to the full name the
article itself uses (`pick_full`), never to a guess across the corpus.

Everything here is a pure function of its arguments and of the word lists in
`ontology/gazetteer/` (`name-particles.txt`, `name-suffixes.txt`, `given-names.tsv`,
`legal-forms.txt`), read once.
Within an article `kg.coreference` uses these tests; across articles entity resolution does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.lexicon import DEFAULT_DIR

__all__ = [
    "PersonName",
    "acronym",
    "company_stem",
    "compatible",
    "family_key",
    "fold",
    "gender",
    "given_name",
    "is_acronym_of",
    "is_short_form",
    "is_variant",
    "name_key",
    "parse",
    "particles",
    "pick_full",
    "same_word",
    "strip_possessive",
    "words",
]

_POSSESSIVE = re.compile(r"(?<=\w)(?:['’][sS]|(?<=[sS])['’])$")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*\.?", re.UNICODE)


@cache
def _word_list(name: str) -> frozenset[str]:
    path = DEFAULT_DIR / "gazetteer" / name
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(w.casefold() for w in lines if w)


@cache
def _given_names() -> dict[str, str]:
    path = DEFAULT_DIR / "gazetteer" / "given-names.tsv"
    table: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("name\t"):
            continue
        name, _, kind = line.partition("\t")
        table[name.strip()] = kind.strip()
    return table


def particles() -> frozenset[str]:
    """The lowercase particles that sit inside family names ("von", "der", "bin", "van")."""
    return _word_list("name-particles.txt")


def strip_possessive(text: str) -> str:
    """ "Tsipras'" and "Tsipras's" -> "Tsipras"; "Xi’s" -> "Xi"; other text unchanged."""
    return _POSSESSIVE.sub("", text.strip())


@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Lowercase ASCII-ish letters: diacritics dropped, possessive and dots removed, curly
    apostrophes straightened, one space between words ("Erdoğan's" -> "erdogan")."""
    text = unicodedata.normalize("NFKD", strip_possessive(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace(".", " ")
    return " ".join(text.casefold().split())


@lru_cache(maxsize=1 << 15)
def words(name: str) -> tuple[str, ...]:
    """The folded words of a name, a hyphenated word kept whole ("kramp-karrenbauer"),
    generational suffixes dropped."""
    found = tuple(w.rstrip(".") for w in _WORD.findall(fold(name)))
    suffixes = _word_list("name-suffixes.txt")
    while len(found) > 1 and found[-1] in suffixes:
        found = found[:-1]
    return found


def legal_forms() -> frozenset[str]:
    """The words that end a company's name as its legal form ("AG", "Inc", "plc"), lowercase,
    from ontology/gazetteer/legal-forms.txt."""
    return _word_list("legal-forms.txt")


def company_stem(name_words: Sequence[str]) -> tuple[str, ...]:
    """Folded words of a body's name (`words`) without the legal forms that end it
    (`ontology/gazetteer/legal-forms.txt`): ("acme", "corp") -> ("acme",), so "Acme Corp" and
    "Acme" are one company. A name that is only legal forms keeps its first word."""
    forms = _word_list("legal-forms.txt")
    stem = tuple(name_words)
    while len(stem) > 1 and stem[-1].casefold().rstrip(".") in forms:
        stem = stem[:-1]
    return stem


def name_key(name: str) -> str:
    """The form two spellings of one name share when they differ only in case, accents,
    dots, possessives or suffixes: "ERDOĞAN'S" and "Erdogan" -> "erdogan"."""
    return " ".join(words(name))


@dataclass(frozen=True)
class PersonName:
    """A person's name split for matching: given names (with middle names and initials) and
    the family name (with its particles: ("von", "der", "leyen"))."""

    given: tuple[str, ...]
    family: tuple[str, ...]

    @property
    def surname(self) -> str:
        return " ".join(self.family)


@lru_cache(maxsize=1 << 15)
def parse(name: str) -> PersonName:
    """Given and family names: the family name is the last word with the particles before it
    ("Mohammed bin Salman" -> given ("mohammed",), family ("bin", "salman"))."""
    ws = words(name)
    if not ws:
        return PersonName((), ())
    cut = len(ws) - 1
    small = particles()
    while cut > 1 and ws[cut - 1] in small:
        cut -= 1
    return PersonName(ws[:cut], ws[cut:])


_INNER_CAPITAL = re.compile(r"([A-Z][a-z]{2,})[A-Z][A-Za-z]*")  # not "PhD"


def brand_casing(word: str) -> bool:
    """A word written with a capital inside after a lowercase run ("SpaceX", "PayPal",
    "YouTube", "OpenAI"), as companies write their names, unless the run before the capital is
    a family name's prefix (`ontology/gazetteer/surname-prefixes.txt`: "McDonald", "DeSantis",
    "LeBron")."""
    match = _INNER_CAPITAL.fullmatch(word)
    return match is not None and match.group(1).casefold() not in _word_list("surname-prefixes.txt")


def given_name(word: str) -> bool:
    """Is this word a given name the lexicon knows ("Olaf", "Giorgia")?"""
    return fold(word) in _given_names()


def gender(name: str) -> str | None:
    """ "m", "f" or None (unknown or either), from the name's first given name."""
    ws = words(name)
    if len(ws) < 2:
        return None
    kind = _given_names().get(ws[0])
    return kind if kind in {"m", "f"} else None


def _translit(word: str) -> str:
    """A loose phonetic key for transliteration variants: "zelenskiy", "zelenskyy" and
    "zelensky" -> "zelenski"."""
    key = word.replace("-", "")
    for a, b in (("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("ou", "u"), ("y", "i")):
        key = key.replace(a, b)
    key = re.sub(r"(.)\1+", r"\1", key)
    return re.sub(r"i[ij]$", "i", key)


def family_key(name: str) -> str:
    """A blocking key shared by every spelling and short form of one person's name: the loose
    phonetic form of its last word ("Recep Tayyip Erdoğan", "Erdogan" -> "erdogan";
    "Zelenskiy", "Zelenskyy" -> "zelenski")."""
    ws = words(name)
    return _translit(ws[-1]) if ws else ""


@lru_cache(maxsize=1 << 15)
def same_word(a: str, b: str) -> bool:
    """Two folded words that spell one name: equal, or transliteration variants of four or
    more letters ("zelenskiy" / "zelenskyy" / "zelensky")."""
    if a == b:
        return True
    return min(len(a), len(b)) >= 4 and _translit(a) == _translit(b)


def _word_fits(short: str, full: str) -> bool:
    """A word of a shorter form agrees with one of a fuller form: the same word, a variant,
    or its initial ("w" of "walker")."""
    if len(short) == 1:
        return full[:1] == short
    return len(full) > 1 and same_word(short, full)


@cache
def _diminutives() -> frozenset[tuple[str, str]]:
    """(short, full) pairs of ontology/gazetteer/diminutives.tsv: ("bill", "william")."""
    path = DEFAULT_DIR / "gazetteer" / "diminutives.tsv"
    pairs = (line.split("\t") for line in path.read_text("utf-8").splitlines())
    return frozenset(
        (p[0].strip(), p[1].strip()) for p in pairs if len(p) == 2 and not p[0].startswith("#")
    )


def _same_given(a: str, b: str) -> bool:
    """Two given names of one person: one word, or a short form of the other ("Bill" of
    "William")."""
    return same_word(a, b) or (a, b) in _diminutives() or (b, a) in _diminutives()


@lru_cache(maxsize=1 << 15)
def is_variant(a: str, b: str) -> bool:
    """Two spellings of one full name: the same number of words, each the same word or a
    transliteration variant ("Volodymyr Zelenskiy" / "Volodymyr Zelenskyy"), a given name
    perhaps in its short form ("Bill Hakim" / "William Hakim")."""
    wa, wb = words(a), words(b)
    if not wa or len(wa) != len(wb) or not same_word(wa[-1], wb[-1]):
        return False
    return all(_same_given(x, y) for x, y in zip(wa[:-1], wb[:-1], strict=True))


def _subsequence(short: Sequence[str], full: Sequence[str]) -> bool:
    i = 0
    for word in full:
        if i < len(short) and _word_fits(short[i], word):
            i += 1
    return i == len(short)


@lru_cache(maxsize=1 << 15)
def is_short_form(short: str, full: str) -> bool:
    """Can `short` stand for the person or body `full` names? Its words appear in order in
    `full` (initials for names and variants allowed) and it ends with the family name:
    "Erdogan", "Tayyip Erdogan" and "von der Leyen" are short forms of "Recep Tayyip Erdoğan"
    and "Ursula von der Leyen", "G. W. Bush" of "George W. Bush". A lone word that is the
    first of a two-word name no given name opens also counts (family name first: "Xi" of "Xi
    Jinping"). A different given name rules it out: "Jeb Bush" is no short form of "George W.
    Bush"."""
    ws, wf = words(short), words(full)
    if not ws or len(ws) > len(wf) or is_variant(short, full):
        return False
    if len(ws) == len(wf):  # initials for names: "G. W. Bush"
        return all(_word_fits(x, y) for x, y in zip(ws, wf, strict=False)) and any(
            len(x) == 1 < len(y) for x, y in zip(ws, wf, strict=False)
        )
    if len(ws) == 1 and len(wf) == 2 and ws[0] == wf[0] and not given_name(wf[0]):
        return True
    if len(ws) == 1 and len(wf) >= 4 and ws[0] in wf[1:-1] and ws[0] not in particles():
        return True  # the one name a long name is known by: "Lula" of "Luiz Inacio Lula da Silva"
    if len(ws) == 1 and len(wf) >= 3 and ws[0] == wf[0] and wf[1] in particles():
        return True  # "Lula" of "Lula da Silva": the name before the family name's particle
    return _word_fits(ws[-1], wf[-1]) and len(ws[-1]) > 1 and _subsequence(ws, wf)


@lru_cache(maxsize=1 << 15)
def compatible(a: str, b: str) -> bool:
    """Can the two names be one person: equal keys, variants, or one a short form of the
    other."""
    return (
        name_key(a) == name_key(b) or is_variant(a, b) or is_short_form(a, b) or is_short_form(b, a)
    )


def acronym(name: str) -> str:
    """The initials of a name's capitalised words ("International Monetary Fund" -> "IMF")."""
    caps = [w for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    return "".join(w[0] for w in caps)


@lru_cache(maxsize=1 << 15)
def is_acronym_of(short: str, full: str) -> bool:
    """Is `short` (all capitals, dots allowed: "IMF", "U.N.") the initials of `full`?"""
    letters = short.replace(".", "")
    return (
        len(letters) >= 2
        and letters.isupper()
        and letters.isalpha()
        and len(full.split()) >= 2
        and acronym(full) == letters
    )


def pick_full(
    short: str, article_names: Iterable[str], corpus_names: Iterable[str] = ()
) -> str | None:
    """The full name a short form means. The article's own names decide first (its chains:
    "Bush" in an article about Jeb Bush is Jeb Bush); failing them, the corpus's names, but
    only when exactly one fits. Variants of one name count once; the longest spelling is
    returned. None when nothing or more than one person fits."""
    for pool in (article_names, corpus_names):
        fits = sorted(
            {n for n in pool if is_short_form(short, n)}, key=lambda n: (-len(words(n)), n)
        )
        people: list[str] = []
        for name in fits:
            if not any(is_variant(name, p) or is_short_form(name, p) for p in people):
                people.append(name)
        if len(people) == 1:
            return people[0]
        if len(people) > 1:
            return None
    return None
