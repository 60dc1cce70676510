"""ECB+ and EventStoryLine documents (CAT XML) as text with offsets, mentions and coreference.

Both corpora are CAT XML (Bartalesi et al. 2012; the ECB+ README, "ECB+ FORMAT"): tokens carry
`t_id` and `sentence`; markables (ACTION_OCCURRENCE, HUMAN_PART_PER, TIME_DATE, ...) point at
tokens with `token_anchor`; relations (CROSS_DOC_COREF, INTRA_DOC_COREF, TLINK, ...) link
markables by `m_id`. Markables without tokens are the instance descriptors that cross-document
chains point at (`TAG_DESCRIPTOR`, `instance_id`).

The text is rebuilt from the tokens: a sentence a paragraph (sentences joined by a blank line,
so that kg's reader and the parser see the headline, the date line and the lede apart, as a
page shows them), tokens joined by one space except where English writes none (before
`, . : ; ! ? ) %` and clitics such as `'s` and `n't`, after `( $`, and a colon between digits:
"7:15"). Every token keeps its character offsets, so gold mentions map onto kg's offsets.

The ECB+ sentences annotated in full are listed in `ECBplus_coreference_sentences.csv`
(topic, file, sentence number); ECB+ and ESC mentions are scored there. A document's creation
time (DCT) is the ESC markable flagged DCT="TRUE" (ESC covers 258 of ECB+'s 502 `ecbplus`
documents; the older `ecb` documents have none). The corpora stay in ../shared/devdata.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path

from bench.esc import DEVDATA

ECBPLUS = DEVDATA / "ecbplus"
ESC = DEVDATA / "esc_eventstoryline"
SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
NEWS_CLASSES = Path(__file__).resolve().parent / "news_classes.tsv"

_NO_SPACE_BEFORE = frozenset(
    {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "''", "'s", "'S", "n't", "N'T"}
    | {"'re", "'ve", "'ll", "'d", "'m"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#"})


@dataclass(frozen=True)
class Mention:
    """One markable with tokens: `start`..`end` from its first token's start to its last
    token's end; `pieces` the offsets of each of its tokens (a mention may skip tokens)."""

    id: str  # m_id, unique within its document
    tag: str  # ACTION_OCCURRENCE, NEG_ACTION_STATE, HUMAN_PART_PER, LOC_GEO, TIME_DATE, ...
    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    sentence: int
    text: str

    @property
    def is_action(self) -> bool:
        """An event mention: ECB+ tags actions ACTION_* and negated actions NEG_ACTION_*."""
        return self.tag.startswith(("ACTION_", "NEG_ACTION_"))


@dataclass(frozen=True)
class CatDoc:
    """One CAT XML document."""

    name: str  # "1_10ecbplus"
    topic: str  # "1"
    text: str
    dct: date | None
    sentences: tuple[tuple[int, int, int], ...]  # (sentence number, start, end)
    mentions: tuple[Mention, ...]
    # coreference chain of a mention id: the instance_id of a CROSS_DOC_COREF target (shared
    # across documents) or "<doc>/intra/<r_id>" for an INTRA_DOC_COREF chain; unlisted = singleton
    chains: tuple[tuple[str, str], ...]

    @property
    def chain_of(self) -> dict[str, str]:
        return dict(self.chains)

    def sentence_of(self, offset: int) -> int | None:
        """The number of the sentence holding character `offset`, or None."""
        for number, start, end in self.sentences:
            if start <= offset < end:
                return number
        return None


def _spaced(before2: str | None, before: str, word: str) -> bool:
    """Whether one space separates token `word` from the `before` it follows (`before2`
    precedes that) in the rebuilt text."""
    if word in _NO_SPACE_BEFORE or before in _NO_SPACE_AFTER:
        return False
    return not (before == ":" and word.isdigit() and (before2 or "").isdigit())


def read_cat(path: Path, topic: str | None = None) -> CatDoc:
    """A CAT XML file (ECB+ or ESC) as a `CatDoc`. Raises ET.ParseError on malformed XML."""
    root = ET.parse(path).getroot()
    name = path.name.split(".")[0]
    tokens = list(root.iter("token"))
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of_token: dict[str, int] = {}
    sentences: list[tuple[int, int, int]] = []
    pos = 0
    current: int | None = None
    sent_start = 0
    for i, tok in enumerate(tokens):
        word = tok.text or ""
        number = int(tok.get("sentence", "0"))
        if current is not None and number != current:
            sentences.append((current, sent_start, pos))
            parts.append("\n\n")
            pos += 2
            sent_start = pos
        elif current is not None:
            before2 = tokens[i - 2].text if i >= 2 else None
            if _spaced(before2, tokens[i - 1].text or "", word):
                parts.append(" ")
                pos += 1
        current = number
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        sentence_of_token[tok.get("t_id", "")] = number
        parts.append(word)
        pos += len(word)
    if current is not None:
        sentences.append((current, sent_start, pos))
    text = "".join(parts)

    mentions: list[Mention] = []
    instance: dict[str, str] = {}
    dct = None
    for markable in root.find("Markables") or ():
        m_id = markable.get("m_id", "")
        if markable.get("instance_id"):
            instance[m_id] = markable.get("instance_id", "")
        if markable.get("DCT") == "TRUE" and dct is None:
            dct = _date(markable.get("value", ""))
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        pieces = sorted(offsets[t] for t in anchors if t in offsets)
        if not pieces:
            continue
        start, end = pieces[0][0], pieces[-1][1]
        mentions.append(
            Mention(
                id=m_id,
                tag=markable.tag,
                start=start,
                end=end,
                pieces=tuple(pieces),
                sentence=sentence_of_token[anchors[0]],
                text=text[start:end],
            )
        )
    has_tokens = {m.id for m in mentions}
    chains: dict[str, str] = {}
    for relation in root.find("Relations") or ():
        sources = [s.get("m_id", "") for s in relation.findall("source")]
        targets = [t.get("m_id", "") for t in relation.findall("target")]
        if relation.tag == "CROSS_DOC_COREF":
            chain = next((instance[t] for t in targets if t in instance), relation.get("note"))
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{name}/intra/{relation.get('r_id', '')}"
            sources += [t for t in targets if t in has_tokens]
        else:
            continue
        for m_id in sources:
            if m_id in has_tokens and chain:
                chains.setdefault(m_id, chain)
    return CatDoc(
        name=name,
        topic=topic if topic is not None else name.split("_")[0],
        text=text,
        dct=dct,
        sentences=tuple(sentences),
        mentions=tuple(sorted(mentions, key=lambda m: (m.start, m.end, m.id))),
        chains=tuple(sorted(chains.items())),
    )


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# -- the corpora ---------------------------------------------------------------------------


def ecbplus_files(root: Path = ECBPLUS, topics: Iterable[str] | None = None) -> list[Path]:
    """ECB+ documents, by topic number then file name."""
    wanted = set(topics) if topics is not None else None
    files = [
        p for p in (root / "ECB+").glob("*/*.xml") if wanted is None or p.parent.name in wanted
    ]
    return sorted(files, key=lambda p: (int(p.parent.name), _file_order(p.name)))


def esc_files(root: Path = ESC, topics: Iterable[str] | None = None) -> list[Path]:
    """EventStoryLine v1.5 documents, by topic number then file name."""
    wanted = set(topics) if topics is not None else None
    files = [
        p
        for p in (root / "annotated_data_v1.5").glob("*/*.xml")
        if wanted is None or p.parent.name in wanted
    ]
    return sorted(files, key=lambda p: (int(p.parent.name), _file_order(p.name)))


def _file_order(name: str) -> tuple[str, int]:
    """ "1_10ecbplus.xml" -> ("ecbplus", 10): ECB's documents, then ECB+'s, each by number."""
    match = re.match(r"\d+_(\d+)(ecb(?:plus)?)", name)
    return (match.group(2), int(match.group(1))) if match else (name, 0)


@cache
def esc_dcts(root: Path = ESC) -> dict[str, date]:
    """The DCT of every ESC document that has one, by document name ("1_10ecbplus")."""
    out = {}
    for path in esc_files(root):
        doc = read_cat(path)
        if doc.dct is not None:
            out[doc.name] = doc.dct
    return out


@cache
def coreference_sentences(root: Path = ECBPLUS) -> frozenset[tuple[str, int]]:
    """The (document name, sentence number) pairs ECB+ annotates in full."""
    with (root / SENTENCES_CSV).open(encoding="utf-8", newline="") as handle:
        return frozenset(
            (f"{row['Topic']}_{row['File']}", int(row["Sentence Number"]))
            for row in csv.DictReader(handle)
        )


def scope(doc: CatDoc, selected: frozenset[tuple[str, int]]) -> tuple[tuple[int, int], ...]:
    """The character ranges of `doc`'s sentences that `selected` lists."""
    return tuple((s, e) for n, s, e in doc.sentences if (doc.name, n) in selected)


def in_scope(offset: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in ranges)


def load_ecbplus(topics: Iterable[str] | None = None, limit: int | None = None) -> list[CatDoc]:
    """ECB+ documents (the first `limit` of the `topics` chosen), each with its ESC DCT where
    EventStoryLine gives one."""
    dcts = esc_dcts()
    docs = [read_cat(path) for path in ecbplus_files(topics=topics)[:limit]]
    return [replace(d, dct=dcts.get(d.name)) for d in docs]


def load_esc(topics: Iterable[str] | None = None, limit: int | None = None) -> list[CatDoc]:
    """EventStoryLine documents (the first `limit` of the `topics` chosen)."""
    return [read_cat(path) for path in esc_files(topics=topics)[:limit]]


# -- classes of news -----------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    number: str
    news_class: str
    seminal: str  # what the topic's two seminal events are (ECB's; ECB+'s)


@cache
def topics(path: Path = NEWS_CLASSES) -> dict[str, Topic]:
    """The class of news of every ECB+ topic (bench/news_classes.tsv), by topic number."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        number, news_class, seminal = line.split("\t")
        out[number] = Topic(number, news_class, seminal)
    return out


def news_class(topic: str) -> str:
    """The class of news of an ECB+ topic, "unknown" for a topic the table lacks."""
    found = topics().get(topic)
    return found.news_class if found else "unknown"
