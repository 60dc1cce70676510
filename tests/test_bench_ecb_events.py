"""bench.ecb_events on two tiny hand-made documents: the mapping of kg's nodes to gold mentions,
twinless mentions, singleton removal, the lemma baselines and the dates they use."""

from __future__ import annotations

from datetime import date

import pytest

from bench import metrics
from bench.cat import CatDoc, Mention
from bench.ecb_events import (
    date_runs,
    document_date,
    gold_mentions,
    head_lemma,
    restricted,
    score_topic,
    system_clusters,
    without_singletons,
    written_date,
)
from bench.kgout import EvidenceMention, GraphEvent
from kg.nlp import load

#     0         1         2         3
#     0123456789012345678901234567890123
A = "Gunmen attacked a bank. Police fired."
B = "An attack on the bank killed two."


def action(mid: str, start: int, end: int, text: str) -> Mention:
    return Mention(mid, "ACTION_OCCURRENCE", start, end, ((start, end),), 0, text[start:end])


def docs() -> list[CatDoc]:
    a = CatDoc(
        "9_1ecb",
        "9",
        A,
        date(2008, 1, 5),
        ((0, 0, len(A)),),
        (action("1", 7, 15, A), action("2", 31, 36, A)),
        (("1", "ATTACK"),),
    )
    b = CatDoc(
        "9_2ecb",
        "9",
        B,
        None,
        ((0, 0, len(B)),),
        (action("1", 3, 9, B), action("2", 22, 28, B)),
        (("1", "ATTACK"),),
    )
    return [a, b]


SELECTED = frozenset({("9_1ecb", 0), ("9_2ecb", 0)})


def node(name: str, *mentions: tuple[str, int, int]) -> GraphEvent:
    evidence = tuple(EvidenceMention(*m) for m in mentions)
    return GraphEvent(name, ("Attack",), None, None, None, None, evidence)


def test_nodes_map_to_gold_keys_and_spurious_mentions_stay_twinless() -> None:
    gold = [g for d in docs() for g in gold_mentions(d, SELECTED)]
    nodes = [
        node("attack", ("9_1ecb", 7, 15), ("9_2ecb", 3, 9)),
        node("bank", ("9_1ecb", 18, 22)),  # no gold mention there
        node("outside", ("9_1ecb", 7, 15)),  # the same mention again: kept once
    ]
    found = system_clusters(nodes, docs(), gold, SELECTED)
    assert found.clusters == [
        frozenset({("9_1ecb", "1"), ("9_2ecb", "1")}),
        frozenset({("kg", "9_1ecb", 18, 22)}),
    ]
    assert found.found == {("9_1ecb", "1"), ("9_2ecb", "1")}
    assert (found.twinless, found.shared) == (1, 1)


def test_a_perfect_merge_scores_one_and_a_missed_mention_costs_recall() -> None:
    parses = {d.name: load()(d.text) for d in docs()}
    right = [node("attack", ("9_1ecb", 7, 15), ("9_2ecb", 3, 9))]
    score = score_topic("9", docs(), right, parses, SELECTED)
    muc, b3, ceaf, conll = score.scores[("kg end-to-end", False)]
    # without singletons the key is the one attack chain, found whole
    assert (muc.recall, muc.precision, b3.f1, ceaf.f1, conll) == (1.0, 1.0, 1.0, 1.0, 1.0)
    assert score.scores[("kg given the mentions it found", False)][3] == 1.0
    with_singletons = score.scores[("kg end-to-end", True)]
    assert with_singletons[1].recall == pytest.approx(2 / 4)  # B³: "fired", "killed" missed
    assert with_singletons[1].precision == 1.0
    assert (score.gold, score.found, score.twinless) == (4, 2, 0)


def test_a_wrong_merge_costs_precision() -> None:
    parses = {d.name: load()(d.text) for d in docs()}
    wrong = [node("all", ("9_1ecb", 7, 15), ("9_2ecb", 3, 9), ("9_2ecb", 22, 28))]
    score = score_topic("9", docs(), wrong, parses, SELECTED)
    muc = score.scores[("kg end-to-end", True)][0]
    # key {a1, b1}: one link, found; response {a1, b1, b2}: two links, one right
    assert (muc.recall, muc.precision) == (1.0, 0.5)


def test_same_lemma_merges_attacked_and_attack() -> None:
    parses = {d.name: load()(d.text) for d in docs()}
    score = score_topic("9", docs(), [], parses, SELECTED)
    # "attacked" and "attack" share the lemma; "fired" and "killed" stand alone: the key
    muc = score.scores[("same lemma", True)][0]
    assert (muc.recall, muc.precision) == (1.0, 1.0)
    # one document has a DCT, the other no date at all: the date splits them
    dated = score.scores[("same lemma and date", True)][0]
    assert dated.recall == 0.0
    assert score.scores[("kg end-to-end", True)][3] == 0.0


def test_head_lemma_is_the_head_of_the_mention() -> None:
    doc = load()("Lindsay Lohan checked herself into rehab.")
    start = doc.text.index("checked")
    pieces = ((start, start + len("checked herself into")),)
    assert head_lemma(doc, pieces) == "check"


def test_singletons_and_restriction() -> None:
    key = [frozenset({"a", "b"}), frozenset({"c"})]
    assert without_singletons(key) == [frozenset({"a", "b"})]
    assert restricted(key, {"a", "c"}) == [frozenset({"a"}), frozenset({"c"})]
    assert metrics.muc(without_singletons(key), key).recall == 1.0


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Lindsay Lohan checks in\n\nMay 03, 2013\n\nAfter", date(2013, 5, 3)),
        ("Posted Dec. 7, 2009 7:15 a.m.", date(2009, 12, 7)),
        ("Monday 16 September 2013", date(2013, 9, 16)),
        ("http: / / articles. latimes. com / 2013 / may / 03 / local", date(2013, 5, 3)),
        ("8 / 2 / 13 at 1:30 PM", date(2013, 8, 2)),
        ("No date here, only 2013.", None),
    ],
)
def test_written_date(text: str, day: date | None) -> None:
    assert written_date(text) == day


def test_document_date_prefers_the_dct() -> None:
    a, b = docs()
    assert document_date(a) == date(2008, 1, 5)
    assert document_date(b) is None


def test_date_runs_split_at_gaps_of_more_than_a_week() -> None:
    runs = date_runs(
        {
            "a": date(2008, 1, 1),
            "b": date(2008, 1, 6),
            "c": date(2008, 1, 12),
            "d": date(2013, 5, 3),
            "e": None,
        }
    )
    assert runs["a"] == runs["b"] == runs["c"] != runs["d"]
    assert runs["e"] == -1
