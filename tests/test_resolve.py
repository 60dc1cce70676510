"""Resolution across articles: one node per entity and per event, on real extractions."""

from __future__ import annotations

from datetime import date

from kg.model import Resolved
from kg.pipeline import extract
from kg.resolve import resolve
from tests.helpers import article

DCT = date(2022, 12, 30)


def _resolve(*texts: str) -> Resolved:
    articles = [article(t, DCT, ident=f"a{i}") for i, t in enumerate(texts)]
    return resolve(extract(articles))


def _entity(r: Resolved, ident: str) -> set[str]:
    entity = next(e for e in r.entities if e.id == ident)
    return {entity.label, *entity.alt_labels}


def test_one_node_per_person_state_and_alliance() -> None:
    r = _resolve(
        "Russian President Vladimir Putin spoke to U.S. officials and Nato envoys.",
        "Mr Putin said the United States and the North Atlantic Treaty Organisation had failed.",
        "Putin met officials of the US and the Group of 20. The G-20 said nothing.",
    )
    assert _entity(r, "person/vladimir-putin") >= {"Vladimir Putin", "Putin"}
    assert _entity(r, "state/united-states") >= {"United States", "U.S.", "US"}
    assert len([e for e in r.entities if e.type == "Person" and "Putin" in e.label]) == 1
    nato = next(e for e in r.entities if "Nato" in (e.label, *e.alt_labels))
    assert "North Atlantic Treaty Organisation" in (nato.label, *nato.alt_labels)
    g20 = next(e for e in r.entities if "G-20" in (e.label, *e.alt_labels))
    assert "Group of 20" in (g20.label, *g20.alt_labels)


def test_family_name_first() -> None:
    r = _resolve("Chinese President Xi Jinping spoke on Friday. Xi said ties were strong.")
    assert _entity(r, "person/xi-jinping") >= {"Xi Jinping", "Xi"}


def test_title_ties_person_to_state() -> None:
    r = _resolve("Chinese President Xi Jinping arrived.")
    edge = next(e for e in r.edges if e.predicate == "leaderOf")
    assert (edge.subject, edge.object, edge.role) == (
        "person/xi-jinping",
        "state/china",
        "President",
    )


def test_one_call_from_two_outlets_with_a_time_conflict() -> None:
    r = _resolve(
        "Vladimir Putin held a video call with Xi Jinping on Friday.",
        "Putin and Xi Jinping held a video call on Thursday.",
        "Vladimir Putin held a video call with Xi Jinping in December.",
    )
    calls = [e for e in r.events if e.cls == "Call"]
    assert len(calls) == 1
    call = calls[0]
    assert {m.span.article for m in call.mentions} == {"a0", "a1", "a2"}
    # the day the month agrees with, first in text order of ties; the other day is kept
    assert call.time_value in {"2022-12-30", "2022-12-29"}
    other = "2022-12-29" if call.time_value == "2022-12-30" else "2022-12-30"
    assert any(c.startswith(other) for c in call.time_conflicts)


def test_different_towns_are_different_events() -> None:
    r = _resolve(
        "Putin met Xi Jinping in Samarkand in September.",
        "Putin met Xi Jinping in Bali in September.",
    )
    assert len([e for e in r.events if e.cls == "Meeting"]) == 2


def test_no_shared_participant_no_merge() -> None:
    r = _resolve(
        "Vladimir Putin held a video call with Xi Jinping on Friday.",
        "Joe Biden held a video call with Olaf Scholz on Friday.",
    )
    assert len([e for e in r.events if e.cls == "Call"]) == 2


def test_planned_and_occurred_stay_apart() -> None:
    r = _resolve(
        "Xi Jinping will visit Moscow in the spring.",
        "Xi Jinping visited Moscow in September.",
    )
    visits = {(e.status, e.time_value) for e in r.events if e.cls == "Visit"}
    assert visits == {("Planned", "2023-SP"), ("Occurred", "2022-09")}


def test_two_attackers_on_one_day_are_two_attacks() -> None:
    r = _resolve(
        "Belarus shot down a Ukrainian missile on Thursday.",
        "Russia attacked Ukraine on Thursday.",
    )
    assert len([e for e in r.events if e.cls == "MilitaryAction"]) == 2


def test_a_ministry_named_for_its_state_acts_for_it() -> None:
    r = _resolve(
        "Belarus shot down a Ukrainian missile on Thursday.",
        "The defence ministry of Belarus shot down a Ukrainian missile on Thursday.",
    )
    actions = [e for e in r.events if e.cls == "MilitaryAction"]
    assert len(actions) == 1 and {m.span.article for m in actions[0].mentions} == {"a0", "a1"}


def test_generic_events_merge_only_with_their_own_verb() -> None:
    r = _resolve(
        "Vladimir Putin congratulated Xi Jinping on Friday.",
        "Vladimir Putin thanked Xi Jinping on Friday.",
    )
    assert sorted(m.label for e in r.events if e.cls == "OtherEvent" for m in e.mentions) == [
        "congratulate",
        "thank",
    ]
    assert len([e for e in r.events if e.cls == "OtherEvent"]) == 2
