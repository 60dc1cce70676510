"""The entity and relation parts of the shared cases (../shared/cases, README table), through
the real extractors and kg.coreference.link: names as news writes them, one referent and one
type per name within an article, offices attached to what their title names. The event parts
of these cases belong to the event extractor's tests."""

from __future__ import annotations

from datetime import date

from kg import names
from kg.model import Article, EntityMention, Extraction
from kg.pipeline import extract
from kg.sources import read_sources
from tests.shared import shared


def case(name: str, dct: date) -> Extraction:
    path = shared("cases") / name
    text = path.read_text("utf-8")
    return extract([Article.from_text(path.stem, text, dct)])[0]


def by_text(found: Extraction, text: str) -> list[EntityMention]:
    return [m for m in found.entities if m.span.text == text]


def one(found: Extraction, text: str) -> EntityMention:
    hits = by_text(found, text)
    assert len(hits) == 1, f"{text!r}: {[(m.span.text, m.type) for m in found.entities]}"
    return hits[0]


def relations(found: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.name, r.predicate, r.object.key or r.object.name) for r in found.relations}


def test_dateline_hyphen() -> None:
    found = case("dateline-hyphen.txt", date(2023, 1, 3))
    assert one(found, "Olaf Scholz").type == "Person"
    assert one(found, "BERLIN").type == "Place"
    assert all("BERLIN" not in m.span.text or m.span.text == "BERLIN" for m in found.entities)


def test_dateline_agency() -> None:
    found = case("dateline-agency.txt", date(2023, 1, 3))
    assert one(found, "Olaf Scholz").type == "Person"
    assert one(found, "Joe Biden").type == "Person"
    assert not by_text(found, "Reuters"), "a news agency's tag is the source, not an entity"
    assert all("BERLIN" not in m.span.text or m.span.text == "BERLIN" for m in found.entities)


def test_possessive_names() -> None:
    found = case("possessive-names.txt", date(2023, 5, 11))
    tsipras = [m for m in found.entities if "Tsipras" in m.span.text and m.mention_type == "name"]
    assert {m.span.text for m in tsipras} == {"Tsipras", "Alexis Tsipras"}
    assert {m.type for m in tsipras} == {"Person"}
    assert len({m.chain for m in tsipras}) == 1
    assert one(found, "Xi").type == "Person"
    assert one(found, "Li Hui").type == "Person"
    party = [m for m in found.entities if "Syriza" in m.span.text and m.type == "Organization"]
    assert party, "the Syriza party is an organisation"


def test_name_particles_and_former() -> None:
    found = case("name-particles-and-former.txt", date(2023, 3, 6))
    assert one(found, "Ursula von der Leyen").type == "Person"
    assert not [m for m in found.entities if m.span.text in {"Leyen", "Ursula von der"}]
    assert one(found, "Annegret Kramp-Karrenbauer").type == "Person"
    assert one(found, "Mohammed bin Salman").type == "Person"
    found_relations = relations(found)
    assert ("Mark Rutte", "leaderOf", "state/netherlands") in found_relations
    assert not [r for r in found_relations if r[0] == "Mark Rutte" and "brussels" in r[2].lower()]
    # "Former German defence minister": no current affiliation
    assert not [r for r in found_relations if r[0] == "Annegret Kramp-Karrenbauer"]


def test_all_caps_headline() -> None:
    found = case("all-caps-headline.txt", date(2023, 1, 23))
    for short, full in (("MACRON", "Emmanuel Macron"), ("SCHOLZ", "Olaf Scholz")):
        assert one(found, short).type == "Person"
        assert one(found, short).chain == one(found, full).chain


def test_one_person_two_spellings() -> None:
    folder = shared("cases", "one-person-two-spellings")
    articles, problems = read_sources([folder])
    assert not problems
    found = extract(articles)
    forms: dict[str, set[str]] = {}
    for x in found:
        erdogan = [m for m in x.entities if "rdo" in m.name and m.mention_type == "name"]
        assert erdogan and {m.type for m in erdogan} == {"Person"}
        assert len({m.chain for m in erdogan}) == 1, "one person within each article"
        forms[x.article.id] = {m.name for m in erdogan}
    spelled = sorted(set().union(*forms.values()))
    assert {"Recep Tayyip Erdoğan", "Tayyip Erdogan", "Erdogan"} <= set(spelled) | {"Erdogan"}
    full = max(spelled, key=lambda n: len(names.words(n)))
    assert all(names.compatible(n, full) for n in spelled)
    assert names.pick_full("Erdogan", forms[found[1].article.id], spelled) == "Tayyip Erdogan"


def test_capitals_for_states() -> None:
    found = case("capitals-for-states.txt", date(2023, 2, 9))
    seoul = [m for m in by_text(found, "Seoul")]
    assert [(m.type, m.key) for m in seoul] == [("State", "state/south-korea")]
    assert (one(found, "Pyongyang").type, one(found, "Pyongyang").key) == (
        "State",
        "state/north-korea",
    )
    washington = one(found, "Washington")
    assert washington.key == "state/united-states"
    assert one(found, "it").chain == washington.chain


def test_office_not_the_venue() -> None:
    found = case("office-not-the-venue.txt", date(2023, 1, 23))
    found_relations = relations(found)
    assert ("Olaf Scholz", "leaderOf", "state/germany") in found_relations
    assert ("Emmanuel Macron", "leaderOf", "state/france") in found_relations
    assert not [r for r in found_relations if "paris" in r[2].lower()]


def test_quote_then_told() -> None:
    found = case("quote-then-told.txt", date(2023, 3, 8))
    full = one(found, "Volodymyr Zelenskyy")
    assert full.type == "Person"
    assert one(found, "Zelenskiy").chain == full.chain, "the headline's spelling is one person"
    assert one(found, "he").chain == full.chain
    assert one(found, "Kyiv").type == "Place"
    assert one(found, "Bakhmut").type == "Place"
    assert one(found, "Emmanuel Macron").type == "Person"


def test_date_range_and_her_office() -> None:
    found = case("date-range-and-her-office.txt", date(2022, 10, 3))
    meloni = one(found, "Giorgia Meloni")
    assert one(found, "Ursula von der Leyen").type == "Person"
    assert one(found, "her").chain == meloni.chain, "her office is Meloni's"
    assert one(found, "her").chain != one(found, "Ursula von der Leyen").chain
    assert ("Giorgia Meloni", "leaderOf", "state/italy") in relations(found)
