"""The real seed articles (../shared/seeds, exactly as the user handed them over): the story's
graph from the texts users actually paste (issue 11). One test per landmark of the story, each
asked of the published Turtle with SPARQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.shared import shared
from tests.sparql import Built, built, entities, events, people

PUTIN, XI = "Vladimir Putin", "Xi Jinping"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield built([shared("seeds")], tmp_path_factory.mktemp("real-seeds"))


def _one(rows: list[dict[str, str]], what: str) -> dict[str, str]:
    assert len(rows) == 1, f"{what}: {len(rows)} events\n" + "\n".join(map(str, rows))
    return rows[0]


def _involving(rows: list[dict[str, str]], *names: str) -> list[dict[str, str]]:
    return [e for e in rows if set(names) <= people(e)]


def test_every_article_is_read(seeds: Built) -> None:
    assert seeds.report.articles == 5
    assert seeds.report.errors == ()


def test_publication_dates(seeds: Built) -> None:
    rows = seeds.rows(
        """SELECT ?file ?date ?origin WHERE {
             ?a a kg:Article ; kg:sourceFile ?file .
             OPTIONAL { ?a dcterms:date ?date } OPTIONAL { ?a kg:dateOrigin ?origin } }"""
    )
    got = {r["file"][:3]: (r.get("date"), r.get("origin")) for r in rows}
    assert got["000"] == ("2022-12-30", "text")
    assert got["001"] == ("2022-12-31", "text")
    for stem in ("002", "003", "004"):
        assert got[stem][0] in ("2022-12-30", "2022-12-31"), (stem, got[stem])
        assert got[stem][1] == "inferred", (stem, got[stem])


def test_the_video_call_is_one_call_citing_all_five(seeds: Built) -> None:
    calls = _involving(events(seeds, "Call"), PUTIN, XI)
    call = _one(calls, "calls between Putin and Xi")
    assert call["time"] == "2022-12-30"
    assert call["count"] == "5"
    assert call["status"] == "Occurred"


def test_no_other_event_is_the_call(seeds: Built) -> None:
    """The call reported as "spoke", "talks", "video conference", "video summit", "meeting"
    on 2022-12-30 is the Call, not a second node beside it. What was done within the call
    ("Putin thanked Xi") is an event of its own."""
    talking = ("Speak", "Talk", "Conference", "Video", "Hold", "Call", "Meet")
    beside = [
        e
        for e in events(seeds)
        if (
            e["cls"] in ("Meeting", "Summit", "Negotiation", "Call")
            or (e["cls"] == "OtherEvent" and e["label"].startswith(talking))
        )
        and e.get("time") == "2022-12-30"
        and {PUTIN, XI} <= people(e)
    ]
    assert len(beside) == 1, beside


def test_the_planned_state_visit(seeds: Built) -> None:
    visits = [e for e in events(seeds, "Visit") if e["status"] == "Planned" and XI in people(e)]
    visit = _one(visits, "planned visits by Xi")
    assert visit["time"] == "2023-SP"
    assert PUTIN in visit.get("claims", "").split("|")
    assert int(visit["count"]) >= 3


def test_the_no_limits_partnership_in_february(seeds: Built) -> None:
    pacts = [
        e
        for e in events(seeds, "Agreement")
        if e.get("time") == "2022-02" and people(e) & {PUTIN, XI, "Russia", "China"}
    ]
    assert len(pacts) == 1, pacts


def test_the_g20_communique_in_bali(seeds: Built) -> None:
    november = [e for e in events(seeds) if (e.get("time") or "").startswith("2022-11")]
    assert any("Bali" in e.get("places", "") for e in november), november
    assert any("China" in people(e) for e in november), november


def test_the_september_meeting_in_uzbekistan(seeds: Built) -> None:
    meetings = [
        e
        for e in _involving(events(seeds), PUTIN, XI)
        if e.get("time") == "2022-09" and e["cls"] in ("Meeting", "Summit")
    ]
    meeting = _one(meetings, "September meetings of Putin and Xi")
    assert "Uzbekistan" in meeting.get("places", "")


def test_the_party_congress_gave_xi_not_putin_a_third_term(seeds: Built) -> None:
    october = [e for e in events(seeds) if e.get("time") == "2022-10"]
    assert any(e["cls"] == "PartyCongress" for e in october), october
    for e in events(seeds):
        if e["cls"] in ("ElectionResult", "PartyCongress", "Election"):
            assert PUTIN not in people(e), e


def test_the_december_joint_exercises(seeds: Built) -> None:
    drills = [e for e in events(seeds, "MilitaryExercise") if {"Russia", "China"} <= people(e)]
    drill = _one(drills, "exercises of Russia and China")
    assert drill.get("time") == "2022-12"


def test_the_s300_shot_down_near_harbacha(seeds: Built) -> None:
    downed = [
        e
        for e in events(seeds)
        if e.get("time") == "2022-12-29" and "Harbacha" in e.get("places", "")
    ]
    assert len(downed) == 1, downed


def test_the_february_invasion_of_ukraine(seeds: Built) -> None:
    invasions = [
        e
        for e in events(seeds)
        if e["cls"] in ("MilitaryAction", "Invasion")
        and "Ukraine" in people(e) | set(e.get("places", "").split("|"))
        and (e.get("time") or "").startswith("2022-02")
    ]
    assert len(invasions) == 1, invasions


def test_an_analyst_is_no_combatant(seeds: Built) -> None:
    for e in events(seeds):
        quad = e["cls"] in ("MilitaryAction", "MilitaryExercise", "AerialAttack")
        if quad:
            assert "Alexander Gabuev" not in people(e), e


def test_entity_types(seeds: Built) -> None:
    kinds = entities(seeds)
    expected = {
        PUTIN: "Person",
        XI: "Person",
        "Dmitry Peskov": "Person",
        "Alexander Gabuev": "Person",
        "Vitali Klitschko": "Person",
        "Volodymyr Zelenskiy": "Person",
        "Harbacha": "Place",
        "Russia": "State",
        "China": "State",
        "Ukraine": "State",
        "Belarus": "State",
        "Uzbekistan": "State",
        "Bali": "Place",
    }
    for label, kind in expected.items():
        assert kinds.get(label) == {kind}, (label, kinds.get(label))
    assert any("State Department" in label for label in kinds), sorted(kinds)


def test_no_page_furniture_becomes_a_node(seeds: Built) -> None:
    for label in entities(seeds):
        assert not any(w in label for w in ("Icon", "Chevron", "Sketch", "Artboard")), label
        assert label not in ("Asian Century", "Nikkei Asia app"), label


def test_titles_are_headlines(seeds: Built) -> None:
    titles = {
        r["file"][:3]: r["title"]
        for r in seeds.rows(
            "SELECT ?file ?title WHERE { ?a kg:sourceFile ?file ; dcterms:title ?title }"
        )
    }
    assert titles["003"] == "Putin expects China's Xi to make state visit to Russia in spring"
    assert titles["002"].startswith("Putin courts Xi")


def test_the_headline_under_a_kicker_is_the_planned_visit(seeds: Built) -> None:
    """003's headline "Putin expects China's Xi to make state visit to Russia in spring" sits
    under a kicker line ("International relations"); read on its own it was an Occurred visit
    and merged with Putin's trip to the Winter Olympics "earlier this year"."""
    for e in events(seeds, "Visit"):
        if e["status"] == "Occurred":
            assert XI not in people(e), e
