"""bench.ecb_arguments on a tiny hand-made document: sentence arguments, coreference chains on
both sides, events with no participant, and the dependents baseline on a real parse."""

from __future__ import annotations

import pytest

from bench.cat import CatDoc, Mention
from bench.ecb_arguments import (
    Found,
    dependents,
    errors,
    found_by_baseline,
    gold_actions,
    kg_participants,
    named,
    tally,
)
from kg.model import (
    Article,
    EntityMention,
    EventMention,
    Extraction,
    Participant,
    Span,
)
from kg.nlp import load

#      0         1         2         3         4         5         6
#      0123456789012345678901234567890123456789012345678901234567890123
TEXT = "Police arrested Smith in Denver.\n\nHe had shot a guard and fled."


def mention(mid: str, tag: str, word: str, sentence: int, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    end = start + len(word)
    return Mention(mid, tag, start, end, ((start, end),), sentence, word)


def doc() -> CatDoc:
    mentions = (
        mention("1", "HUMAN_PART_ORG", "Police", 0),
        mention("2", "ACTION_OCCURRENCE", "arrested", 0),
        mention("3", "HUMAN_PART_PER", "Smith", 0),
        mention("4", "LOC_GEO", "Denver", 0),
        mention("5", "HUMAN_PART_PER", "He", 1),
        mention("6", "ACTION_OCCURRENCE", "shot", 1),
        mention("7", "HUMAN_PART_PER", "guard", 1),
        mention("8", "ACTION_OCCURRENCE", "fled", 1),
    )
    sentences = ((0, 0, 32), (1, 34, len(TEXT)))
    return CatDoc("5_1ecb", "5", TEXT, None, sentences, mentions, (("3", "SMITH"), ("5", "SMITH")))


SELECTED = frozenset({("5_1ecb", 0), ("5_1ecb", 1)})


def test_arguments_are_the_sentence_s_participants_one_per_chain() -> None:
    actions = {TEXT[a.pieces[0][0] : a.pieces[0][1]]: a for a in gold_actions(doc(), SELECTED)}
    arrested = actions["arrested"]
    assert arrested.alone
    assert [x.text for x in arrested.arguments] == ["Police", "Smith", "Denver"]
    smith = arrested.arguments[1]
    # Smith's chain holds "He" too, wherever it is
    assert smith.mentions == ((16, 21), (34, 36))
    shot = actions["shot"]
    assert not shot.alone and [x.text for x in shot.arguments] == ["He", "guard"]


def entity(word: str, kind: str, chain: int | None = None, nth: int = 0) -> EntityMention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    span = Span("5_1ecb", start, start + len(word), word, "", 0)
    return EntityMention(span, kind, word, chain=chain)


def event(word: str, *participants: Participant) -> EventMention:
    start = TEXT.index(word)
    return EventMention(
        Span("5_1ecb", start, start + len(word), word, "", 0), "X", word, "Occurred", participants
    )


def test_recall_precision_and_events_without_participants() -> None:
    actions = {TEXT[a.pieces[0][0] : a.pieces[0][1]]: a for a in gold_actions(doc(), SELECTED)}
    found = [
        # arrested: Police (right), "Denver" as place (right); Smith missed
        Found(actions["arrested"], (((0, 6),), ((25, 31),))),
        # shot: no participant
        Found(actions["shot"], ()),
        # fled: a wrong participant, "a" (no argument)
        Found(actions["fled"], (((46, 47),),)),
    ]
    t = tally(list(actions.values()), found)
    assert (t.gold_actions, t.found, t.none) == (3, 3, 1)
    # arguments: arrested 3, shot 2, fled 2 (He, guard): 7, of which 2 named
    assert (t.arguments, t.named) == (7, 2)
    assert (t.exact_arguments, t.exact_named) == (3, 2)
    assert t.exact_recall == pytest.approx(2 / 3)
    assert (t.participants, t.participants_right) == (3, 2)


def test_a_pronoun_linked_by_kg_s_chain_names_the_entity() -> None:
    he = entity("He", "Person", chain=4)
    smith = entity("Smith", "Person", chain=4)
    extraction = Extraction(
        Article.from_text("5_1ecb", TEXT),
        entities=(smith, he),
        events=(event("shot", Participant(he, "agent")),),
    )
    spans = kg_participants(extraction.events[0], extraction)
    assert spans == (((16, 21), (34, 36)),)
    actions = {TEXT[a.pieces[0][0] : a.pieces[0][1]]: a for a in gold_actions(doc(), SELECTED)}
    smith_argument = actions["arrested"].arguments[1]
    assert named(smith_argument, spans)
    # without kg's chain, "He" still overlaps a gold mention of Smith's gold chain
    assert named(smith_argument, (((34, 36),),))
    assert not named(smith_argument, (((0, 6),),))


def test_the_baseline_takes_the_trigger_s_dependents() -> None:
    parsed = load()(TEXT)
    arrested = next(t for t in parsed if t.text == "arrested")
    assert {d.text for d in dependents(arrested)} == {"Police", "Smith", "Denver"}
    actions = gold_actions(doc(), SELECTED)
    found = {
        TEXT[f.action.pieces[0][0] : f.action.pieces[0][1]]: f
        for f in found_by_baseline(actions, parsed)
    }
    assert tally(actions, list(found.values())).exact_named == 3


def test_errors_list_what_a_found_action_missed_with_its_sentence() -> None:
    actions = {TEXT[a.pieces[0][0] : a.pieces[0][1]]: a for a in gold_actions(doc(), SELECTED)}
    found = [
        Found(actions["arrested"], (((0, 6),), ((25, 31),)), "arrested", ("agent:Police",)),
        Found(actions["fled"], (((34, 36),), ((48, 53),))),  # He and guard: nothing missed
    ]
    assert errors(doc(), found) == [
        "-- 5_1ecb s0 exact [arrested] ACTION_OCCURRENCE",
        "   Police arrested Smith in Denver.",
        "   kg: agent:Police",
        "   missed: HUMAN_PART_PER:Smith",
    ]
