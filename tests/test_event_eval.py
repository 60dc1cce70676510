"""The event gold standard and its scorer (bench/events.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
import yaml

from bench import events as ev
from kg.model import ROLES, STATUSES
from kg.pipeline import extract
from kg.report import extraction_record
from kg.terms import KG_IRI

DOCS = ev.load_gold()


def _classes() -> set[str]:
    """Local names of kg:Event and its subclasses, read from the ontology."""
    g = rdflib.Graph().parse(Path(ev.ROOT) / "ontology" / "kg.ttl")
    event = rdflib.URIRef(KG_IRI + "Event")
    sub = rdflib.RDFS.subClassOf
    return {str(c).removeprefix(KG_IRI) for c in g.transitive_subjects(sub, event)}


def test_gold_is_safe_yaml_of_both_corpora() -> None:
    data = yaml.safe_load(ev.GOLD.read_text(encoding="utf-8"))
    assert {d["corpus"] for d in data["documents"]} == {"seeds", "esc"}
    assert 60 <= sum(len(d.events) for d in DOCS) <= 140
    assert sum(d.corpus == "seeds" for d in DOCS) == 5
    assert 6 <= sum(d.corpus == "esc" for d in DOCS) <= 8


def test_every_anchor_matches_its_text_and_scope() -> None:
    for doc, article in zip(DOCS, ev.articles(DOCS), strict=True):
        assert article.id == doc.id
        assert article.published == doc.dct, doc.id
        for lo, hi in doc.scope:
            assert 0 <= lo < hi <= len(article.text)
        for g in doc.events:
            assert article.text[g.start : g.end] == g.anchor, (doc.id, g)
            assert any(lo <= g.start < hi for lo, hi in doc.scope), (doc.id, g)


def test_gold_values_come_from_the_ontology_and_model() -> None:
    classes = _classes()
    for doc in DOCS:
        for g in doc.events:
            assert g.cls in classes, g
            assert g.status in STATUSES, g
            assert all(role in ROLES and "/" in i for i, role in g.participants), g


def _sys(start: int, end: int, cls: str, sentence: tuple[int, int] = (0, 100)) -> ev.SysEvent:
    return ev.SysEvent(start, end, "x", cls, "x", "Occurred", None, (), sentence, "")


def _gold(start: int, end: int, cls: str) -> ev.GoldEvent:
    return ev.GoldEvent("x", start, end, cls, "Occurred", None, ())


def test_matching_rule_is_one_to_one_overlap_first() -> None:
    gold = [_gold(10, 14, "Call"), _gold(30, 35, "Visit")]
    # overlaps the first; the second shares a sentence and class with the second gold
    system = [_sys(12, 20, "Meeting"), _sys(50, 55, "Visit"), _sys(51, 52, "Visit")]
    assert len(ev.match(gold, system, "span")) == 2
    pairs = ev.match(gold, system, "class")
    assert [(g.start, s.start) for g, s in pairs] == [(30, 50)]
    # outside the system event's sentence, a different anchor does not match
    assert ev.match(gold, [_sys(50, 55, "Visit", sentence=(40, 100))], "span") == []


@pytest.fixture(scope="module")
def seed_report() -> ev.Report:
    (report,) = ev.run("seeds")
    return report


def test_seed_report_counts_add_up(seed_report: ev.Report) -> None:
    """A pair is matched once: no level matches more than either side holds, the per-class
    counts add up to the class level, and each level is stricter than the last."""
    scores = [*seed_report.levels.values(), seed_report.participant_ids]
    scores += seed_report.per_class.values()
    for s in scores:
        assert s.matched <= min(s.system, s.gold)
    by_class = seed_report.levels["class"]
    for part in ("matched", "system", "gold"):
        total = sum(getattr(s, part) for s in seed_report.per_class.values())
        assert total == getattr(by_class, part), part
    levels = [seed_report.levels[level].matched for level in ev.LEVELS]
    assert levels == sorted(levels, reverse=True)  # each level is stricter than the last
    assert seed_report.levels["span"].gold == sum(
        len(d.events) for d in DOCS if d.corpus == "seeds"
    )


@pytest.fixture(scope="module")
def facts() -> dict[str, bool]:
    return ev.graph_facts()


# Every fact held when this test was written; a regression in the merged graph fails here.
@pytest.mark.parametrize("fact", list(ev.GRAPH_FACTS))
def test_seed_graph_fact_holds(facts: dict[str, bool], fact: str) -> None:
    assert facts[fact]


def test_graph_facts_fail_on_a_graph_without_them(tmp_path: Path) -> None:
    ttl = tmp_path / "graph.ttl"
    ttl.write_text(
        "@prefix kg: <https://w3id.org/newskg/ontology#> .\n"
        '<https://w3id.org/newskg/resource/event/x> a kg:Call ; kg:timeValue "2022-12-30" ;'
        " kg:sourceCount 4 .\n",
        encoding="utf-8",
    )
    assert not any(ev.graph_facts(ttl).values())


# kg.resolve drops an undated mention that names nobody ("hoped a visit to Moscow"), and
# kg.report.extraction_record gives it the id null.
def test_extraction_record_covers_every_event_mention() -> None:
    """Regression: a bare mention that resolution drops ("he hoped a visit to Moscow") made
    extraction_record raise KeyError, so `kg extract` crashed on every seed article."""
    (found,) = extract(ev.articles([d for d in DOCS if d.id.startswith("000_")]))
    assert len(extraction_record(found)["events"]) == len(found.events)
