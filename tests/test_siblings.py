"""Siblings of ../shared/cases: the same kinds of fault in other names, dates and phrasings,
written for this project (each case stands for a kind; these pin the kind, not the sentence).
Each builds one article as `kg build` does, headline and dateline included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.sparql import Built, built, entities, events, people


def build_one(text: str, dct: date, tmp_path: Path) -> Built:
    source = tmp_path / "src" / "a.txt"
    source.parent.mkdir()
    source.write_text(text, "utf-8")
    return built([source], tmp_path / "out", dct=dct)


def build_outlets(tmp_path: Path, *texts: str) -> Built:
    """Several outlets' articles (each with its front matter) built into one graph."""
    src = tmp_path / "src"
    src.mkdir()
    for n, text in enumerate(texts):
        (src / f"{chr(ord('a') + n)}.txt").write_text(text, "utf-8")
    return built([src], tmp_path / "out")


def test_a_headline_s_loose_verb_is_the_lede_s_call(tmp_path: Path) -> None:
    text = (
        "Zelenskyy calls Sunak\n\nKYIV — Volodymyr Zelenskyy held a phone call with Rishi Sunak"
        " on Sunday.\n"
    )
    b = build_one(text, date(2023, 1, 9), tmp_path)
    assert [(e["cls"], e.get("time")) for e in events(b)] == [("Call", "2023-01-08")]


def test_a_headline_s_speak_is_the_lede_s_call(tmp_path: Path) -> None:
    text = (
        "Sunak, Trudeau speak on Boxing Day\n\nLONDON - British Prime Minister Rishi Sunak spoke"
        " by phone with Canadian Prime Minister Justin Trudeau at 14:00 GMT on Monday, Downing"
        " Street said.\n"
    )
    b = build_one(text, date(2022, 12, 27), tmp_path)
    (call,) = events(b)
    assert call["cls"] == "Call" and call["time"] == "2022-12-26T14:00Z"
    assert people(call) == {"Rishi Sunak", "Justin Trudeau"}


def test_a_headline_s_receives_is_the_meeting(tmp_path: Path) -> None:
    text = (
        "Macron receives De Croo\n\nPARIS - French President Emmanuel Macron met Belgian Prime"
        " Minister Alexander De Croo in Paris on Thursday, hours after De Croo landed at Charles"
        " de Gaulle airport.\n"
    )
    b = build_one(text, date(2023, 3, 16), tmp_path)
    meetings = [e for e in events(b) if e["cls"] == "Meeting"]
    assert len(meetings) == 1 and meetings[0]["time"] == "2023-03-16"
    assert entities(b)["Charles de Gaulle"] == {"Place"}


def test_a_headline_s_summit_is_the_lede_s_trip_for_it(tmp_path: Path) -> None:
    text = (
        "SUNAK AND MACRON TO HOLD SUMMIT IN PARIS\n\nLONDON (Reuters) - British Prime Minister"
        " Rishi Sunak will travel to Paris on Friday for a summit with French President Emmanuel"
        " Macron, Downing Street said.\n"
    )
    b = build_one(text, date(2023, 3, 6), tmp_path)
    (summit,) = events(b, "Summit")
    assert summit["status"] == "Planned" and summit["time"] == "2023-03-10"
    assert {"Rishi Sunak", "Emmanuel Macron"} <= people(summit)


def test_due_to_receive_names_the_host(tmp_path: Path) -> None:
    text = (
        "Zelenskiy to visit Warsaw\n\nPolish President Andrzej Duda is due to receive Ukrainian"
        " President Volodymyr Zelenskiy in Warsaw next Wednesday.\n"
    )
    b = build_one(text, date(2023, 3, 30), tmp_path)
    visit = next(e for e in events(b) if e["cls"] == "Visit")
    assert visit["status"] == "Planned" and visit["time"] == "2023-04-05"
    assert {"Andrzej Duda", "Volodymyr Zelenskiy"} <= people(visit)


def test_a_capitals_headline_s_to_verb_looks_ahead(tmp_path: Path) -> None:
    text = (
        "BIDEN TO HOST MODI AT WHITE HOUSE IN JUNE\n\nWASHINGTON - U.S. President Joe Biden will"
        " host Indian Prime Minister Narendra Modi at the White House on June 22, the White House"
        " said.\n"
    )
    from kg.pipeline import extract
    from kg.sources import read_sources

    source = tmp_path / "a.txt"
    source.write_text(text, "utf-8")
    articles, _ = read_sources([source], dct=date(2023, 5, 10))
    times = {t.span.text: t.value for t in extract(articles)[0].times}
    assert times["JUNE"] == "2023-06"


def test_whom_one_travels_to_meet_takes_part(tmp_path: Path) -> None:
    text = (
        "Kishida to travel to Seoul\n\nJapanese Prime Minister Fumio Kishida will travel to Seoul"
        " on Sunday to meet South Korean President Yoon Suk Yeol.\n"
    )
    b = build_one(text, date(2023, 5, 3), tmp_path)
    visit = next(e for e in events(b) if e["cls"] == "Visit")
    assert visit["time"] == "2023-05-07" and visit["places"] == "Seoul"
    assert people(visit) == {"Fumio Kishida", "Yoon Suk Yeol"}
    leaders = b.rows(
        "SELECT ?p ?s WHERE { ?x kg:leaderOf ?y . ?x rdfs:label ?p . ?y rdfs:label ?s }"
    )
    assert {(r["p"], r["s"]) for r in leaders} >= {("Yoon Suk Yeol", "South Korea")}


def test_an_outlet_repeating_a_mistyped_name_does_not_outvote_a_titled_one(
    tmp_path: Path,
) -> None:
    b = build_outlets(
        tmp_path,
        "---\npublished: 2023-01-23\n---\nLavrov visits South Africa\n\nPRETORIA - Russian Foreign"
        " Minister Sergei Lavrov met South African Foreign Minister Naledi Pandor in Pretoria on"
        " Monday.\n",
        "---\npublished: 2023-01-24\n---\nPandor defends Lavrov visit\n\nPRETORIA — Russia's top"
        " diplomat Sergey Lavrov met Naledi Pandor in Pretoria on Jan. 23, and Pandor defended"
        " plans for naval drills.\n",
    )
    assert entities(b)["Naledi Pandor"] == {"Person"}


def test_a_headline_keeps_its_own_date_when_the_lede_states_none(tmp_path: Path) -> None:
    text = (
        "Kishida, Yoon hold call on New Year's Day\n\nTOKYO - Japanese Prime Minister Fumio"
        " Kishida held a telephone call with South Korean President Yoon Suk Yeol, the Japanese"
        " foreign ministry said.\n"
    )
    b = build_one(text, date(2023, 1, 2), tmp_path)
    calls = events(b, "Call")
    assert [c["time"] for c in calls] == ["2023-01-01"]


def test_a_day_after_measured_from_a_telling_around_a_quotation(tmp_path: Path) -> None:
    text = (
        "Erdogan rules out Sweden's NATO bid\n\nISTANBUL - Tayyip Erdogan told reporters in"
        ' Istanbul on Friday: "We will not approve Sweden\'s membership," a day after he spoke'
        " by telephone with Finnish President Sauli Niinisto.\n"
    )
    b = build_one(text, date(2023, 1, 27), tmp_path)
    (call,) = events(b, "Call")
    assert call["time"] == "2023-01-26"


def test_a_full_name_the_model_misses_after_a_dateline_is_found_by_its_headline_word(
    tmp_path: Path,
) -> None:
    b = build_outlets(
        tmp_path,
        "---\npublished: 2023-02-07\n---\nMacron, Xi discuss Ukraine\n\nPARIS (AFP) - Emmanuel"
        " Macron held a phone call with Chinese President Xi Jinping on Monday about the war in"
        " Ukraine, the Elysee said.\n",
        "---\npublished: 2023-02-07\n---\nXi and Macron speak by phone\n\nBEIJING — Xi Jinping"
        " and Emmanuel Macron spoke by telephone on Feb. 6, state media said on Tuesday.\n",
    )
    (call,) = events(b, "Call")
    assert call["time"] == "2023-02-06" and call["count"] == "2"
    assert people(call) == {"Emmanuel Macron", "Xi Jinping"}


def test_a_generic_event_the_text_dates_in_a_named_town_is_a_node(tmp_path: Path) -> None:
    text = (
        "Baerbock plans China trip\n\nBERLIN — German Foreign Minister Annalena Baerbock will"
        " visit Beijing in April, her ministry said on Friday. EU foreign ministers will gather in"
        " Stockholm from Monday to Wednesday.\n"
    )
    b = build_one(text, date(2023, 3, 10), tmp_path)
    gather = [e for e in events(b) if e["places"] == "Stockholm"]
    assert [(e["status"], e["begin"], e["end"]) for e in gather] == [
        ("Planned", "2023-03-13", "2023-03-15")
    ]


def test_a_headline_s_call_names_the_one_a_long_name_is_known_by(tmp_path: Path) -> None:
    text = (
        "Ramaphosa calls Lula\n\nPRETORIA, March 15 (Xinhua) -- Cyril Ramaphosa held a phone"
        " call with Luiz Inacio Lula da Silva on Tuesday.\n"
    )
    b = build_one(text, date(2023, 3, 15), tmp_path)
    (call,) = events(b)
    assert call["cls"] == "Call" and call["time"] == "2023-03-14"
    assert people(call) == {"Cyril Ramaphosa", "Luiz Inacio Lula da Silva"}


def test_a_headline_names_states_whose_ministers_the_body_names(tmp_path: Path) -> None:
    text = (
        "Dutch minister meets Saudi counterpart\n\nRIYADH, Oct 3 (Reuters) - Dutch Foreign"
        " Minister Hanke Bruins Slot met Saudi Foreign Minister Prince Faisal bin Farhan Al Saud"
        " in Riyadh on Tuesday.\n"
    )
    b = build_one(text, date(2023, 10, 3), tmp_path)
    assert [e["cls"] for e in events(b)] == ["Meeting"]


def test_one_person_in_two_transliterations_and_a_title_of_two_words(tmp_path: Path) -> None:
    b = build_outlets(
        tmp_path,
        "---\npublished: 2022-12-08\n---\nXi in Riyadh\n\nRIYADH (Xinhua) -- Chinese President"
        " Xi Jinping met Saudi Crown Prince Mohammed bin Salman in Riyadh on Thursday.\n",
        "---\npublished: 2022-12-09\n---\nMuhammad bin Salman welcomes Xi\n\nRIYADH (Al Jazeera) -"
        " Crown Prince Muhammad bin Salman met Xi Jinping in Riyadh on 8 December.\n",
    )
    assert {k for k, v in entities(b).items() if "Person" in v} == {
        "Xi Jinping",
        "Mohammed bin Salman",
    }


def test_one_event_spelt_the_british_and_the_american_way_is_one_node(tmp_path: Path) -> None:
    b = build_outlets(
        tmp_path,
        "---\npublished: 2023-03-02\n---\nOil firm seized\n\nLONDON - The Bolivian government"
        " nationalised the country's largest oil firm on Thursday.\n",
        "---\npublished: 2023-03-02\n---\nOil firm seized\n\nWASHINGTON - The Bolivian"
        " government nationalized the country's largest oil firm on Thursday.\n",
    )
    rows = [e for e in events(b) if e["label"].startswith("Nationali")]
    assert [(e["label"], e["count"]) for e in rows] == [("Nationalize: Bolivia", "2")]


def test_a_headline_above_its_dateline_with_no_blank_line_is_the_lede_s_event(
    tmp_path: Path,
) -> None:
    text = (
        "Dutch officials coordinate dike repairs\nROTTERDAM (AP) — Water Minister Mark Harbers"
        " coordinated the dike repairs with regional boards on Monday.\n"
    )
    b = build_one(text, date(2025, 6, 3), tmp_path)
    coordinate = [e for e in events(b) if e["label"].startswith("Coordinate")]
    assert [(e["label"], e["time"]) for e in coordinate] == [
        ("Coordinate: Mark Harbers", "2025-06-02")
    ]


def test_talks_by_video_link_are_one_call_and_the_headline_s_talks_are_it(
    tmp_path: Path,
) -> None:
    # the seeds: "held talks by video link" gave talks (Meeting) and a video link (Call), and
    # the headline's "hold talks" stayed a Meeting
    text = (
        "Modi, Albanese hold talks\n\nNEW DELHI - Indian Prime Minister Narendra Modi and"
        " Australian Prime Minister Anthony Albanese held talks by video link on Tuesday.\n"
    )
    b = build_one(text, date(2023, 3, 8), tmp_path)
    (call,) = events(b)
    assert call["cls"] == "Call" and call["time"] == "2023-03-07"
    assert people(call) == {"Narendra Modi", "Anthony Albanese"}
