"""Page furniture: navigation, captions, credits, links and promotions that are not the
article's prose, recognised by what they are and masked, never deleted.

A line classifier. Each line of a page gets the features it shows (what it says: a caption
label, a credit, words glued together by a browser copy, no finite verb; and where it sits: a
repeat of an earlier line, a section label above the headline, inside the promotions that end
the page). Every feature has a weight in `ontology/furniture/features.tsv`, every cue word a
kind in `ontology/furniture/cues.tsv`; a line whose weights add up to `THRESHOLD` is furniture.
Each `Verdict` says why (`Verdict.explain()`; `python -m kg.sources FILE` prints them).
Furniture is blanked with spaces in `Article.nlp_text`: same length, newlines kept, every
offset still pointing into the file as stored.

Site patterns (`ontology/furniture/patterns.txt`, regular expressions) add what the classifier
misses on one site.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

from kg.errors import KgError
from kg.lexicon import DEFAULT_DIR

__all__ = [
    "CUE_KINDS",
    "FEATURES",
    "FURNITURE_DIR",
    "FURNITURE_FILE",
    "THRESHOLD",
    "Cues",
    "Line",
    "Verdict",
    "blank",
    "classify",
    "lines",
    "load_cues",
    "load_furniture",
    "mask_furniture",
    "scan_copy",
]

FURNITURE_DIR = DEFAULT_DIR / "furniture"
FURNITURE_FILE = FURNITURE_DIR / "patterns.txt"

THRESHOLD = 1.0

# The kinds of cues.tsv; the last four are read by kg.sources.dates (the words around a page's
# own date and a dateline), which shares this lexicon of page words.
CUE_KINDS = (
    "ui",
    "media",
    "player",
    "link",
    "slot",
    "sponsor",
    "promo",
    "call",
    "credit",
    "picture",
    "wire",
    "browser",
    "consent",
    "reader",
    "finite",
    "bullet",
    "byline",
    "label",
    "dated",
    "updated",
    "shift",
    "ahead",
    "since",
    "kicker",
    "skip",
    "revision",
)

# The features this module computes, each named in features.tsv with its weight.
FEATURES = (
    "media_label",
    "player",
    "link_label",
    "slot",
    "sponsor",
    "sponsor_words",
    "credit",
    "picture_credit",
    "copyright",
    "wire",
    "notice",
    "page_label",
    "byline",
    "url",
    "ui_line",
    "ui_words",
    "glued_words",
    "promo",
    "call_to_action",
    "reader",
    "bullet",
    "label_shape",
    "no_finite_verb",
    "repeat",
    "section_label",
    "beside_credit",
    "beside_caption",
    "sponsor_block",
    "trailing_block",
    "pattern",
    "skip_link",
    "slug",
    "revision_note",
)

# What a furniture line is, named after the feature that weighs most in it: a reader of the
# verdicts (kg.sources.dates) needs to tell a caption, whose date may describe the story's
# event, from a link or a promotion, whose dates say nothing about the article.
_KIND_OF = {
    "media_label": "caption",
    "player": "caption",
    "picture_credit": "caption",
    "copyright": "caption",
    "beside_credit": "caption",
    "link_label": "link",
    "url": "link",
    "slot": "slot",
    "sponsor": "advertisement",
    "sponsor_words": "advertisement",
    "sponsor_block": "advertisement",
    "credit": "credit",
    "byline": "byline",
    "wire": "marker",
    "notice": "notice",
    "page_label": "label",
    "beside_caption": "caption",
    "ui_line": "navigation",
    "ui_words": "navigation",
    "glued_words": "navigation",
    "promo": "promotion",
    "call_to_action": "promotion",
    "reader": "promotion",
    "bullet": "promotion",
    "label_shape": "label",
    "no_finite_verb": "label",
    "repeat": "repeat",
    "section_label": "label",
    "trailing_block": "trailing",
    "pattern": "pattern",
    "skip_link": "navigation",
    "slug": "marker",
    "revision_note": "marker",
}

_SP = r"[^\S\n]"  # horizontal space: no pattern here may run onto the next line
_LABEL_MAX_WORDS = 10  # a label, a button or a kicker is shorter than a sentence
_SECTION_LABEL_MAX_WORDS = 3
_HEADLINE_MIN_WORDS = 4
_HEADLINE_MAX_DIGITS = 4  # "G-20 leaders meet in 2023": a date and time line has more
_PROSE_MIN_WORDS = 8
_REPEAT_MIN_WORDS = 4
_PREFIX_REPEAT_MIN_WORDS = 6
_HEAD_LINES = 30  # headline, standfirst, byline and caption sit in a page's first lines
_COPYRIGHT_MAX_WORDS = 16
_UI_MAX_TOKENS = 40
_TAIL_CHARS = 80  # a picture credit closes its caption within this many characters


# ---------------------------------------------------------------------------------------------
# The lexicon and the weights, as data.


@dataclass(frozen=True)
class Feature:
    name: str
    weight: float
    why: str


# Compared and hashed by identity: what is compiled from a lexicon is cached per lexicon.
@dataclass(frozen=True, eq=False)
class Cues:
    """The cue lexicon (`cues.tsv`) and the feature weights (`features.tsv`)."""

    words: Mapping[str, frozenset[str]]  # kind -> cues, case-folded
    features: Mapping[str, Feature]


def _read_tsv(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) != columns or not all(c.strip() for c in cells):
            raise KgError(f"{path}:{number}: expected {columns} tab-separated columns")
        yield number, [c.strip() for c in cells]


def load_cues(folder: Path = FURNITURE_DIR) -> Cues:
    """Read `cues.tsv` and `features.tsv` from `folder`.

    Raises KgError naming the file and line of an unknown kind or feature, a bad weight, or a
    feature of `FEATURES` the file leaves out.
    """
    words: dict[str, set[str]] = {kind: set() for kind in CUE_KINDS}
    path = folder / "cues.tsv"
    for number, (kind, cue) in _read_tsv(path, 2):
        if kind not in words:
            raise KgError(f"{path}:{number}: unknown cue kind {kind!r}")
        words[kind].add(_fold(cue))
    features: dict[str, Feature] = {}
    path = folder / "features.tsv"
    for number, (name, weight, why) in _read_tsv(path, 3):
        if name not in FEATURES:
            raise KgError(f"{path}:{number}: unknown feature {name!r}")
        try:
            value = float(weight)
        except ValueError:
            raise KgError(f"{path}:{number}: weight {weight!r} is not a number") from None
        features[name] = Feature(name, value, why)
    missing = [name for name in FEATURES if name not in features]
    if missing:
        raise KgError(f"{path}: no weight for {', '.join(missing)}")
    return Cues(
        MappingProxyType({k: frozenset(v) for k, v in words.items()}),
        MappingProxyType(features),
    )


@cache
def default_cues() -> Cues:
    """The lexicon and weights of `FURNITURE_DIR`, read once per process."""
    return load_cues()


@cache
def _phrase(cues: Cues, kind: str) -> str:
    """A regex alternation of the kind's cues, longest first, as whole words."""
    alternatives = sorted(cues.words[kind], key=lambda c: (-len(c), c))
    body = "|".join(re.escape(c).replace(r"\ ", rf"{_SP}+") for c in alternatives)
    return rf"(?<![\w'])(?:{body})(?![\w'])" if body else r"(?!x)x"


@cache
def _compiled(cues: Cues, template: str) -> re.Pattern[str]:
    """`template` with `{kind}` replaced by the kind's cue alternation, compiled once."""
    return re.compile(re.sub(r"\{(\w+)\}", lambda m: _phrase(cues, m[1]), template), re.IGNORECASE)


def load_furniture(path: Path = FURNITURE_FILE) -> tuple[re.Pattern[str], ...]:
    """Compile the site patterns in `path` (one regex a line, `#` comment lines)."""
    patterns: list[re.Pattern[str]] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            patterns.append(re.compile(line, re.MULTILINE))
        except re.error as exc:
            raise KgError(f"{path}:{number}: bad furniture pattern: {exc}") from None
    return tuple(patterns)


@cache
def _default_patterns() -> tuple[re.Pattern[str], ...]:
    return load_furniture()


# ---------------------------------------------------------------------------------------------
# Lines and verdicts.


@dataclass(frozen=True)
class Line:
    """One line of a page: its 1-based number, offsets (end before the newline) and text."""

    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Verdict:
    """A stretch of a page judged furniture: usually a whole line, sometimes part of one (a
    credit in brackets after the last sentence, a standfirst repeated at the start of a
    paragraph). `reasons` pairs each feature that fired with what it saw."""

    line: int
    start: int
    end: int
    kind: str  # caption, link, advertisement, credit, byline, promotion, navigation, ...
    score: float
    reasons: tuple[tuple[str, str], ...]  # (feature, what it saw)

    def explain(self, cues: Cues | None = None) -> str:
        """One line for a reader: where, what, and the weight and reason of each feature."""
        features = (cues or default_cues()).features
        parts = []
        for name, seen in self.reasons:
            feature = features[name]
            detail = f": {seen}" if seen else ""
            parts.append(f"{feature.why} [{name} {feature.weight:g}{detail}]")
        return f"line {self.line}: {self.kind} ({self.score:g}): " + "; ".join(parts)


def scan_copy(text: str) -> str:
    """`text` with CRLF read as " \\n" and a lone CR as "\\n": same length, so patterns
    written for LF files work on Windows and old-Mac files too."""
    return text.replace("\r\n", " \n").replace("\r", "\n")


def lines(text: str, skip: int = 0) -> list[Line]:
    """The non-blank lines of `text` from offset `skip` on (after a byte-order mark), CR and
    CRLF read as newlines."""
    skip = max(skip, 1 if text.startswith("\ufeff") else 0)
    scan = scan_copy(text)
    found: list[Line] = []
    start = 0
    for number, raw in enumerate(scan.split("\n"), start=1):
        end = start + len(raw)
        if end > skip and raw.strip():
            begin = max(start, skip)
            found.append(Line(number, begin, end, scan[begin:end]))
        start = end + 1
    return found


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with every span replaced by spaces, newlines (CR and LF) kept."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(end, len(chars))):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


# ---------------------------------------------------------------------------------------------
# What a line says.

_WORD = re.compile(r"[^\W_](?:[\w'’\-]*\w)?")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_CLOSING = "\"'”’)]"
_PAST = re.compile(r"(?<![\w'’])[a-z]{2,}ed(?![\w'’])")
_GLUED = re.compile(r"[a-z]{2}[A-Z]|[a-z]\.[A-Z][a-z]")
_GLUED_TOKEN = re.compile(r"(?<!\S)[^\s.]*?(?:[a-z]{2}[A-Z]|[a-z]\.[A-Z][a-z])\S*")
_URL = re.compile(r"(?i)(?:https?://|www\.)\S+|[\w\-]+(?:\.[\w\-]+)+/\S*")
_QUOTED = re.compile(r"[:\-–—][^\S\n]*['‘\"“](?P<title>.+)['’\"”][^\S\n]*$")


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """A word as the lexicon holds it (for lookups, not offsets: folding may change length)."""
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()


def _same_length(text: str) -> str:
    """`text` with curly apostrophes read as straight ones, every offset kept: cue regexes
    match it case-insensitively."""
    return text.translate(_APOSTROPHES)


@lru_cache(maxsize=1 << 12)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _ends_sentence(text: str) -> bool:
    """Whether `text` closes with a full stop, ? or ! (quotes and brackets aside)."""
    return text.rstrip().rstrip(_CLOSING)[-1:] in (".", "!", "?", "…")


def _norm(text: str) -> str:
    """A line as a repeat would print it again: case, punctuation and spacing aside."""
    return " ".join(re.findall(r"\w+", _fold(text)))


def _label_shaped(text: str, words: Sequence[str]) -> bool:
    return 0 < len(words) <= _LABEL_MAX_WORDS and not _ends_sentence(text)


def is_prose(text: str) -> bool:
    """A sentence-like line: at least eight words closed by a full stop, ? or !."""
    return len(_words(text)) >= _PROSE_MIN_WORDS and _ends_sentence(text)


@cache
def _cue_index(cues: Cues) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Every cue by its first word: (kind, its words)."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for kind, words in cues.words.items():
        for cue in words:
            parts = tuple(_WORD.findall(cue)) or (cue,)
            index.setdefault(parts[0], []).append((kind, parts))
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1 << 12)
def _found_cues(text: str, cues: Cues) -> Mapping[str, frozenset[str]]:
    """The cues of every kind found anywhere in `text`, as whole words: one pass over its
    words, each looked up by the cues it may start (a regex alternation of every cue, tried
    at every offset, is many times slower)."""
    words = _WORD.findall(text.translate(_APOSTROPHES).casefold())
    index = _cue_index(cues)
    found: dict[str, set[str]] = {}
    for i, word in enumerate(words):
        for kind, parts in index.get(word, ()):
            if len(parts) == 1 or tuple(words[i : i + len(parts)]) == parts:
                found.setdefault(kind, set()).add(" ".join(parts))
    return {kind: frozenset(hits) for kind, hits in found.items()}


def _cues_in(text: str, cues: Cues, kind: str) -> frozenset[str]:
    return _found_cues(text, cues).get(kind, frozenset())


def _cue_in(text: str, cues: Cues, kind: str) -> str | None:
    """The longest cue of `kind` in `text` (the first in order on a tie), or None."""
    hits = _cues_in(text, cues, kind)
    return min(hits, key=lambda h: (-len(h), h)) if hits else None


def _has_finite_verb(text: str, cues: Cues) -> bool:
    return bool(_cues_in(text, cues, "finite") or _PAST.search(text))


def _ui_share(text: str, cues: Cues) -> tuple[int, int, list[str]]:
    """(control labels, words, the labels) with glued tokens split at their capitals."""
    hits: list[str] = []
    total = 0
    for token in text.split():
        count, labels = _token_labels(token, cues.words["ui"])
        total += count
        hits.extend(labels)
    return len(hits), total, hits


@lru_cache(maxsize=1 << 16)
def _token_labels(token: str, ui: frozenset[str]) -> tuple[int, tuple[str, ...]]:
    """How many words a token holds and which of them are control labels."""
    bare = _fold(token.strip(".,;:|/·•()[]\"'"))
    if bare in ui:
        return 1, (token,)
    parts = _CAMEL.findall(token)
    return len(parts), tuple(p for p in parts if _fold(p) in ui)


def _own_features(text: str, cues: Cues) -> list[tuple[str, str]]:
    """The features a line shows by itself, with what each one saw."""
    found: list[tuple[str, str]] = []
    words = _words(text)
    plain = _same_length(text)  # for cue regexes, which ignore case
    stripped = text.strip()

    def fire(name: str, seen: str = "") -> None:
        found.append((name, seen))

    def start(template: str) -> re.Match[str] | None:
        return _compiled(cues, template).match(plain)

    label = _label_shaped(text, words)
    media = start(rf"^{_SP}*(?:{{bullet}}{_SP}*)?{{media}}(?:{_SP}+credit)?{_SP}*[:|]")
    if media:
        fire("media_label", media[0].strip())
    player = start(
        rf"^{_SP}*(?:{{player}}){_SP}+(?:here|to|on)\b|"
        rf"^{_SP}*(?:{{player}}){_SP}+(?:\w+{_SP}+){{0,2}}(?:{{media}})(?={_SP}*(?:[:'\"‘“]|$))"
    )
    if player:
        fire("player", player[0].strip())
    # "Read more: ...", "Related", and a heading over links ("More from Europe"); a one-word
    # cue before words is a sentence or a headline ("More troops were sent").
    link = start(rf"^{_SP}*(?:{{bullet}}{_SP}*)?(?:{{link}}){_SP}*(?:[:|»›>]|$)")
    heading = start(rf"^{_SP}*(?:{{link}})(?P<rest>(?:{_SP}+(?-i:[A-Z])[\w'’\-]*){{1,3}}){_SP}*$")
    if link:
        fire("link_label", link[0].strip(" :|»›>"))
    elif heading and len(heading[0].split()) - len(heading["rest"].split()) >= 2:
        fire("link_label", heading[0].strip())
    slot = start(r"^\W*(?:{slot})\W*$")
    if slot:
        fire("slot", stripped)
    if label and start(r"^\W*(?:{sponsor})"):
        fire("sponsor", stripped)
    # Two cues, not one cue inside another ("sponsored content" holds "sponsored").
    sponsors = _cues_in(text, cues, "sponsor")
    sponsors = frozenset(c for c in sponsors if not any(c != o and c in o for o in sponsors))
    if len(sponsors) >= 2:
        fire("sponsor_words", ", ".join(sorted(sponsors)))
    credit = start(r"^\W*(?:{credit})")
    if credit:
        fire("credit", credit[0].strip(" (—–-"))
    elif _cues_in(text, cues, "credit") & {"contributed to this report", "contributed reporting"}:
        fire("credit", "contributed to this report")
    # The bracket closes the line: "(Xinhua) --" after a place opens a dateline instead. Some
    # pages credit without brackets: "... on 5 May. Photograph: Name/Agency".
    tail = text[-_TAIL_CHARS:]
    picture = None
    if tail.rstrip(" .\t\"'”’")[-1:] in (")", "]"):
        picture = re.search(r"[(\[](?P<inside>[^()\[\]\n]{1,60})[)\]][.\s\"'”’]*$", tail)
    if picture and len(words) - len(_words(picture["inside"])) >= 2:
        if _compiled(cues, "{picture}").search(_fold(picture["inside"])):
            fire("picture_credit", picture[0].strip())
    elif len(words) >= 4 and ":" in tail:
        credit_at_end = _compiled(
            cues, rf"[.!?]{_SP}+(?:{{media}})(?:{_SP}+credit)?:{_SP}*[^.\n]{{1,60}}$"
        )
        at_end = credit_at_end.search(_same_length(tail))
        if at_end:
            fire("picture_credit", at_end[0][1:].strip())
    elif len(words) >= 4 and (slashed := _SLASHED_CREDIT.search(tail)):
        fire("picture_credit", slashed[0].strip())
    if len(words) <= _COPYRIGHT_MAX_WORDS and (
        "©" in text or re.search(r"(?i)\(c\)\s*(?:19|20)\d\d|all rights reserved", text)
    ):
        fire("copyright", stripped[:40])
    # A marker alone on its line, or a short line it opens as a sentence ("This is a developing
    # story and will be updated."); "Breaking news: ..." before a headline is only a prefix
    # (masked alone by `classify`).
    wire = start(r"^\W*(?:{wire})")
    if wire and (
        not re.search(r"\w", plain[wire.end() :])
        or (len(wire[0].split()) >= 3 and len(words) <= _LABEL_MAX_WORDS + 2)
    ):
        fire("wire", wire[0].strip(" \t-–—"))
    if _cue_in(text, cues, "browser") and (
        _cue_in(text, cues, "consent") or _cue_in(text, cues, "reader")
    ):
        fire("notice")
    if start(r"^[\W\d]*(?:{label})[\W\d]*$"):
        fire("page_label", stripped)
    # An accessibility link's label: the cue and the few words naming where it goes ("Skip
    # to main content", "Jump to navigation"); a sentence goes on past them.
    skip = start(rf"^\W*(?:{{skip}})(?:{_SP}+[\w'’\-]+){{0,3}}\W*$")
    if skip:
        fire("skip_link", stripped)
    # A wire story's revision note, in brackets on a line of its own: "(Updates with Kremlin
    # comment, adds background)", "(Corrects spelling of name in paragraph 3)".
    revision = start(rf"^{_SP}*\({_SP}*(?:{{revision}})[^()\n]*\){_SP}*$")
    if revision:
        fire("revision_note", stripped)
    # Names only after "By": a paragraph starting "By noon, the fighting had stopped" goes on.
    if stripped[:1].isupper() and re.match(
        rf"^{_SP}*(?i:{_phrase(cues, 'byline')}){_SP}+(?:[A-Z][\w.'’\-]*|and|&)"
        rf"(?:(?:{_SP}*[,|&])?{_SP}+(?:[A-Z][\w.'’\-]*|and)){{0,7}}"
        rf"(?:{_SP}+in(?:{_SP}+[A-Z][\w.'’\-]*){{1,3}})?{_SP}*$",
        text,
    ):
        fire("byline", stripped)
    if "/" in text or "www" in text:
        squeezed = re.sub(r"\s+", "", text)
        if _URL.fullmatch(squeezed) and len(squeezed) >= 8:
            fire("url", squeezed[:40])
    tokens = len(text.split())
    glued = _GLUED_TOKEN.findall(text) if _GLUED.search(text) else []
    # A long line of plain words holds too few labels to be made of them: not worth counting.
    if glued or (tokens <= _UI_MAX_TOKENS and _cue_in(text, cues, "ui")):
        hits, total, labels = _ui_share(text, cues)
        # One label alone is a button ("Share"), but not one letter ("X", the network).
        alone = hits == total and (hits >= 2 or len(labels[0]) > 1)
        if total and (alone or (hits >= 2 and hits >= 0.6 * total)):
            fire("ui_line", " ".join(labels[:6]))
        elif hits >= 2 and hits >= 0.3 * total:
            fire("ui_words", " ".join(labels[:6]))
    if len(glued) >= 2 and len(glued) >= 0.2 * tokens:
        fire("glued_words", ", ".join(glued[:4]))
    promo = _cue_in(text, cues, "promo")
    if promo:
        fire("promo", promo)
    call = start(rf"^{_SP}*(?:{{bullet}}{_SP}*)?(?:{{call}})\b")
    if call:
        fire("call_to_action", call[0].strip(" •▪◦‣►▶·*"))
    reader = _cue_in(text, cues, "reader")
    if reader:
        fire("reader", reader)
    if start(rf"^{_SP}*(?:{{bullet}}|[-–](?={_SP}))"):
        fire("bullet")
    if label:
        fire("label_shape")
    if words and not _has_finite_verb(text, cues):
        fire("no_finite_verb")
    return found


def _score(reasons: Iterable[tuple[str, str]], cues: Cues) -> float:
    # Rounded so that 0.85 + 0.15 is 1.0 and not a hair under it.
    return round(sum(cues.features[name].weight for name, _ in reasons), 6)


def _verdict(
    line: Line, reasons: list[tuple[str, str]], cues: Cues, start: int, end: int
) -> Verdict:
    weights = cues.features
    ordered = sorted(reasons, key=lambda r: -weights[r[0]].weight)
    return Verdict(
        line=line.number,
        start=start,
        end=end,
        kind=_KIND_OF[ordered[0][0]],
        score=_score(reasons, cues),
        reasons=tuple(ordered),
    )


# ---------------------------------------------------------------------------------------------
# Classifying a page.

_OPENERS = frozenset({"advertisement", "promotion", "credit", "link", "notice"})
# Reuters' and AFP's credit after a caption's full stop, no brackets: "... June 25, 2024.
# REUTERS/Jason Redmond/File Photo" (an agency in capitals, then names after slashes)
_SLASHED_CREDIT = re.compile(
    r"[.!?]\s+[A-Z]{2,}(?: [A-Z]{2,})?(?:/[A-Z][\w'’-]*(?: [A-Z][\w'’.-]*){0,3}){1,3}\s*$"
)

_CAPTIONS = frozenset({"media_label", "picture_credit", "copyright", "player"})
_CREDITS = frozenset({"picture_credit", "copyright"})


def classify(
    text: str,
    skip: int = 0,
    patterns: Sequence[re.Pattern[str]] | None = None,
    cues: Cues | None = None,
) -> tuple[Verdict, ...]:
    """The furniture of a page, in text order: one `Verdict` per masked stretch.

    `text` is the page as read (any newlines); `skip` characters at its start (front matter)
    are not looked at. `patterns` replace the site patterns of `FURNITURE_FILE`; `cues` the
    lexicon and weights of `FURNITURE_DIR`. Three passes: each line's own features (what it
    says); then where it sits (a repeat of an earlier line or of a video's title, a section
    label above the headline, a caption against a picture credit, the lines after a sponsored
    label); then the page's trailing block (a credit or promotion after which the lines that
    are not furniture are fewer than half of those that are).
    """
    cues = cues or default_cues()
    page = lines(text, skip)
    reasons: list[list[tuple[str, str]]] = [_own_features(line.text, cues) for line in page]
    furniture = [_score(r, cues) >= THRESHOLD for r in reasons]
    partial: dict[int, tuple[int, int, list[tuple[str, str]]]] = {}

    # A credit in brackets closing a paragraph's last sentence is masked alone, and so is a
    # marker before a headline ("Breaking news: ...") and a wire slug glued to a headline
    # ("UPDATE 1-", "REFILE-UPDATE 2-": capitals and a hyphen with no space before it).
    for i, line in enumerate(page):
        if furniture[i]:
            continue
        copy = _same_length(line.text)
        credit = _compiled(cues, r"\((?:[^()\n]*?;\s*)?(?:{credit})[^()\n]*\)").search(copy)
        marker = _compiled(cues, rf"^\W*(?:{{wire}}){_SP}*[:|\-–—]+{_SP}*").match(copy)
        slug = _compiled(cues, rf"^\W*(?:(?:{{kicker}})(?:{_SP}+\d{{1,2}})?-)+(?=\w)").match(copy)
        if slug and (i >= _HEAD_LINES or not slug[0].isupper()):
            slug = None
        byline = _byline_before_date(cues).match(copy) if i < _HEAD_LINES else None
        for match, name in (
            (credit, "credit"),
            (marker, "wire"),
            (slug, "slug"),
            (byline, "byline"),
        ):
            if match:
                where = (line.start + match.start(), line.start + match.end())
                partial[i] = (*where, [(name, match[0].strip(" ()-–—:|"))])

    _repeats(page, reasons, furniture, partial, cues)
    _neighbours(page, reasons, furniture, cues)
    _trailing_block(page, reasons, furniture, cues)

    verdicts: list[Verdict] = []
    for i, line in enumerate(page):
        if furniture[i]:
            verdicts.append(_verdict(line, reasons[i], cues, line.start, line.end))
        elif i in partial:
            begin, end, why = partial[i]
            verdicts.append(_verdict(line, why, cues, begin, end))
    scan = scan_copy(text)
    for pattern in _default_patterns() if patterns is None else patterns:
        for match in pattern.finditer(scan):
            if match.end() <= skip or match.start() == match.end():
                continue
            number = scan.count("\n", 0, match.start()) + 1
            hit = Line(number, max(skip, match.start()), match.end(), match[0])
            why = [("pattern", pattern.pattern[:40])]
            verdicts.append(_verdict(hit, why, cues, hit.start, hit.end))
    verdicts.sort(key=lambda v: (v.start, v.end))
    return tuple(verdicts)


@cache
def _byline_before_date(cues: Cues) -> re.Pattern[str]:
    """A byline of names and an outlet before the page's date: "By Priya Natarajan |
    Bloomberg | Nov. 17, 2026" (a Markdown export's byline). The names and the outlet are
    masked (they are no one in the story); the date after them is left to `kg.sources.dates`,
    which never reads furniture. Two groups at least, so that "By Jane Doe, Dec. 30, 2022",
    which the date reader takes whole as a byline date, is left to it."""
    word = r"[A-Z][\w.'’\-]*"
    group = rf"{word}(?:{_SP}+(?:{word}|and|&))*"
    separator = rf"{_SP}*[|,•·]{_SP}*"
    return re.compile(
        rf"^{_SP}*(?i:{_phrase(cues, 'byline')}){_SP}+{group}(?:{separator}{group})+"
        rf"{separator}(?=\d|[A-Z][a-z]{{2,8}}\.?{_SP}*\d)"
    )


def _repeats(
    page: list[Line],
    reasons: list[list[tuple[str, str]]],
    furniture: list[bool],
    partial: dict[int, tuple[int, int, list[tuple[str, str]]]],
    cues: Cues,
) -> None:
    """Mark later copies of an earlier line, and of a video title quoted in a player label.

    A headline and standfirst printed twice (once as the page's head, once above the body)
    would have their events counted twice. A standfirst that comes back as the first sentence
    of a paragraph is masked as that paragraph's prefix, up to its own end.
    """
    seen: dict[str, int] = {}
    head: list[tuple[int, str]] = []  # the first lines' texts, for prefix repeats
    for i, line in enumerate(page):
        key = _norm(line.text)
        if not furniture[i] and len(key.split()) >= _REPEAT_MIN_WORDS and key in seen:
            reasons[i].append(("repeat", f"line {seen[key]}"))
            furniture[i] = True
        elif not furniture[i] and i < _HEAD_LINES:
            for number, earlier in head:
                count = len(earlier.split())
                if count >= _PREFIX_REPEAT_MIN_WORDS and key.startswith(earlier + " "):
                    end = _prefix_end(line.text, count)
                    if end is not None:
                        partial[i] = (line.start, line.start + end, [("repeat", f"line {number}")])
                        break
        seen.setdefault(key, line.number)
        if furniture[i] and any(name in _CAPTIONS for name, _ in reasons[i]):
            quoted = _QUOTED.search(line.text)
            if quoted:
                seen.setdefault(_norm(quoted["title"]), line.number)
        if not furniture[i] and i < _HEAD_LINES and _ends_sentence(line.text):
            head.append((line.number, key))


def _prefix_end(text: str, count: int) -> int | None:
    """Where the first `count` words of `text` end, if a sentence ends there too."""
    for k, match in enumerate(re.finditer(r"\w+", text), start=1):
        if k == count:
            closing = re.match(r"[\"'”’)\]]*[.!?…][\"'”’)\]]*(?=\s)", text[match.end() :])
            return match.end() + closing.end() if closing else None
    return None


def _neighbours(
    page: list[Line], reasons: list[list[tuple[str, str]]], furniture: list[bool], cues: Cues
) -> None:
    """Captions beside picture credits, a section label, the lines of a sponsored paragraph."""

    def beside(i: int, features: frozenset[str]) -> int | None:
        """A furniture line right above or below line i (no blank line between) showing one
        of `features`."""
        for j in (i - 1, i + 1):
            if (
                0 <= j < len(page)
                and abs(page[j].number - page[i].number) == 1
                and furniture[j]
                and any(n in features for n, _ in reasons[j])
            ):
                return j
        return None

    for i, line in enumerate(page):
        if furniture[i]:
            continue
        caption = beside(i, _CAPTIONS | {"repeat"})
        if caption is not None and not re.search(r"[^\W\d_]", line.text):
            reasons[i].append(("beside_caption", f"line {page[caption].number}"))
            furniture[i] = True
            continue
        credit = beside(i, _CREDITS)
        if credit is not None and _words(line.text) and not _has_finite_verb(line.text, cues):
            reasons[i].append(("beside_credit", f"line {page[credit].number}"))
            if _score(reasons[i], cues) >= THRESHOLD:
                furniture[i] = True
            else:
                reasons[i].pop()

    # The section label: the first line that is not furniture, a few words with no finite
    # verb, above a headline (a longer line that is not yet prose).
    body = next(
        (i for i, line in enumerate(page) if not furniture[i] and is_prose(line.text)), None
    )
    first = [i for i in range(len(page) if body is None else body) if not furniture[i]][:2]
    if len(first) == 2:
        label, headline = (page[i].text for i in first)
        label_words, headline_words = _words(label), _LETTERS.findall(headline)
        if (
            len(label_words) <= _SECTION_LABEL_MAX_WORDS
            and not any(c.isdigit() for c in label)
            and _label_shaped(label, label_words)
            and not _has_finite_verb(label, cues)
            and len(headline_words) >= _HEADLINE_MIN_WORDS
            and not is_prose(headline)
            # not a byline or a date line ("By X | Published Dec. 30, 2022 6:12 PM")
            and sum(c.isdigit() for c in headline) <= _HEADLINE_MAX_DIGITS
            and not _compiled(cues, r"^\W*(?:{byline})\s").match(headline)
        ):
            reasons[first[0]].append(("section_label", f"above line {page[first[1]].number}"))
            furniture[first[0]] = True

    opened: Line | None = None  # the sponsored label whose paragraph this line is in
    for i, line in enumerate(page):
        if i and line.number != page[i - 1].number + 1:
            opened = None  # a blank line ends the paragraph
        if opened is not None and not furniture[i]:
            reasons[i].append(("sponsor_block", f"line {opened.number}"))
            furniture[i] = True
        elif furniture[i] and any(n == "sponsor" for n, _ in reasons[i]):
            opened = opened or line


def _trailing_block(
    page: list[Line], reasons: list[list[tuple[str, str]]], furniture: list[bool], cues: Cues
) -> None:
    """The promotions, credits and links that end a page, with whatever sits among them.

    Read back from the page's end, as far as the second paragraph of prose that is not
    furniture, and never above the story's last credit (a credit closes the story). The block
    opens at the earliest credit, promotion, sponsored label, notice or heading over links in
    that stretch, when after it the lines that are not furniture are no more than those that
    are and the page ends with furniture, or when it is a credit followed by short lines only.
    An advertisement slot ("Story continues below advertisement") or a link inside the story
    ("Read more: ...") opens none, nor does anything above a paragraph of two sentences or more
    ("Share this article" between two paragraphs of the story).
    """
    kinds = [_kind(reasons[i], cues) if furniture[i] else "" for i in range(len(page))]
    last_credit = max((i for i, k in enumerate(kinds) if k == "credit"), default=0)
    after_f = after_o = longest = prose = 0
    story = False  # a paragraph of the story below: no promotion ends the page above it
    opener: int | None = None
    for i in range(len(page) - 1, last_credit - 1, -1):
        if not furniture[i] and is_prose(page[i].text):
            prose += 1
            if prose == 2:
                break
        opens = kinds[i] in _OPENERS and not story
        if kinds[i] == "link":  # a heading over links, not a link inside the story
            opens = not re.search(r"[:|»›>]\W*\w", page[i].text)
        if opens and (
            (furniture[-1] and after_o <= after_f)
            or (kinds[i] == "credit" and longest <= _LABEL_MAX_WORDS + 2)
        ):
            opener = i
        if furniture[i]:
            after_f += 1
        else:
            after_o += 1
            longest = max(longest, len(_words(page[i].text)))
            story = story or _paragraph(page[i].text)
    if opener is None:
        return
    for i in range(opener + 1, len(page)):
        if not furniture[i]:
            reasons[i].append(("trailing_block", f"from line {page[opener].number}"))
            furniture[i] = True


def _paragraph(text: str) -> bool:
    """Prose of two sentences or more ("Analysts said ... . Union representatives said ..."):
    a paragraph of the story, where a teaser among promotions is one sentence."""
    return is_prose(text) and len(re.findall(r"[.!?][\"'”’)]?\s+[\"'“‘(]?[A-Z]", text)) >= 1


def _kind(reasons: list[tuple[str, str]], cues: Cues) -> str:
    best = max(reasons, key=lambda r: cues.features[r[0]].weight)
    return _KIND_OF[best[0]]


def mask_furniture(
    text: str, patterns: Sequence[re.Pattern[str]] | None = None, skip: int = 0
) -> str:
    """Blank page furniture out of `text`: same length, newlines kept, nothing deleted.

    `skip` characters at the start (front matter) are blanked whole, and a leading byte-order
    mark too; `patterns` replace the site patterns (see `classify`).
    """
    spans = [(0, skip)] + [(v.start, v.end) for v in classify(text, skip, patterns)]
    if text[:1] == "\ufeff":
        spans.append((0, 1))
    return blank(text, spans)
