"""The NLP stage: the pieces the parser reads (kg.nlp.paragraph_chunks) and the joined Doc."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kg import nlp
from kg.model import Article
from kg.nlp import paragraph_chunks


@given(st.text(alphabet="ab .\n\t"))
def test_the_pieces_join_back_to_the_text(text: str) -> None:
    assert "".join(paragraph_chunks(text)) == text


def test_a_headline_is_parsed_apart_and_prose_together() -> None:
    text = "Koreas agree to reopen hotline\n\nSeoul and Pyongyang agreed.\n\nWashington said so.\n"
    assert paragraph_chunks(text) == [
        "Koreas agree to reopen hotline\n\n",
        "Seoul and Pyongyang agreed.\n\nWashington said so.\n",
    ]


def test_regression_a_headline_no_longer_bends_the_ledes_parse() -> None:
    """ "Seoul" was a sentence of its own and "and Pyongyang agreed ..." another, so Seoul was
    read as a place, not the state that agreed."""
    text = (
        "Koreas agree to reopen hotline\n\n"
        "Seoul and Pyongyang agreed on Thursday to restore a military hotline.\n"
    )
    ((_, doc),) = list(nlp.parse([Article.from_text("k", text, date(2023, 2, 9))]))
    assert doc.text == text
    seoul = next(t for t in doc if t.text == "Seoul")
    assert seoul.dep_ == "nsubj" and seoul.head.lemma_ == "agree"


def test_a_headline_right_above_its_lede_is_a_sentence_of_its_own() -> None:
    """A new user's trial: with no blank line under it, the headline's "to buy" ran into the
    lede's sentence and made an Occurred purchase beside the lede's Planned one."""
    text = (
        "Microsoft to buy Activision Blizzard for $68.7 billion\n"
        "Microsoft Corp said on Tuesday it would buy Activision Blizzard.\n"
    )
    assert paragraph_chunks(text)[0] == "Microsoft to buy Activision Blizzard for $68.7 billion\n"
    # a hard-wrapped sentence goes on in lower case: one piece
    assert len(paragraph_chunks("The nations started the year\nwith a declaration.\n")) == 1
    ((_, doc),) = list(nlp.parse([Article.from_text("m", text, date(2022, 1, 18))]))
    assert doc.text == text
    assert len(list(doc.sents)) == 2


def test_lemmas_are_mended_where_the_rule_lemmatizer_errs() -> None:
    doc = nlp.load()(
        "Lee hoped to win, taped a message and dined, then hopped off. The allies co-ordinated"
        " their positions and pledged co-operation. Seoul organised the talks."
    )
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["hoped"] == "hope" and lemmas["taped"] == "tape" and lemmas["dined"] == "dine"
    assert lemmas["hopped"] == "hop"  # a doubled consonant keeps the short stem
    assert lemmas["co-ordinated"] == "coordinate" and lemmas["co-operation"] == "cooperation"
    assert lemmas["organised"] == "organize"
    # the text is untouched: one token for the hyphenated word, its offsets as written
    token = next(t for t in doc if t.text == "co-ordinated")
    assert doc.text[token.idx : token.idx + len(token)] == "co-ordinated"


def test_a_line_break_before_a_dateline_ends_the_headline() -> None:
    doc = nlp.load()(
        "Dutch officials coordinate dike repairs\nROTTERDAM (AP) — The minister spoke.\n"
        "Allies of\nNATO met.\n"
    )
    starts = [s.text.split()[0] for s in doc.sents]
    assert starts[:2] == ["Dutch", "ROTTERDAM"]
    assert "NATO" not in starts  # a capitalised word after a wrapped line opens no dateline
