"""Event triggers of every kind of news: kg.ttl's classes, the WordNet-derived lexicon in
ontology/events/, generic events by lemma, and the node policy that decides which become nodes.
Real sentences through the real spaCy model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg import lexicon
from kg.errors import KgError
from kg.extract.events import triggers
from kg.extract.events.triggers import LEXICON, NodePolicy, derived_triggers
from kg.model import EventMention, Extraction
from kg.resolve import resolve
from tests.helpers import run


def _classes(found: Extraction) -> dict[str, str]:
    """Trigger text -> class."""
    return {e.span.text: e.cls for e in found.events}


def _event(found: Extraction, text: str) -> EventMention:
    matches = [e for e in found.events if e.span.text == text]
    assert matches, f"no event {text!r} in {[(e.span.text, e.cls) for e in found.events]}"
    return matches[0]


def _roles(event: EventMention) -> dict[str, str]:
    return {p.entity.name: p.role for p in event.participants}


# -- the news taxonomy ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "trigger", "cls"),
    [
        # business
        ("Apple launched the iPhone 5 in San Francisco on Wednesday.", "launched", "ProductLaunch"),
        ("AMD agreed to acquire SeaMicro for $334 million.", "acquire", "Acquisition"),
        ("Ford said it would lay off 3,000 workers.", "lay off", "Layoff"),
        ("Lehman Brothers filed for bankruptcy on Monday.", "filed for bankruptcy", "Bankruptcy"),
        ("Boeing resumed deliveries of the 787 Dreamliner.", "deliveries", "Delivery"),
        ("Toyota will invest $1.3 billion in its Kentucky plant.", "invest", "Investment"),
        ("Shares of Nokia plunged after the warning.", "plunged", "PriceChange"),
        ("Peloton went public in 2019.", "went public", "StockOffering"),
        ("Ford recalled 1.2 million vehicles on Tuesday.", "recalled", "Recall"),
        (
            "Boeing reported a first-quarter loss of $355 million.",
            "reported a first-quarter loss",
            "FinancialResult",
        ),
        ("Workers went on strike on Monday.", "went on strike", "Protest"),
        (
            "Facebook's initial public offering raised $16 billion.",
            "initial public offering",
            "StockOffering",
        ),
        # justice
        ("Prosecutors charged Brian Nichols with murder.", "charged", "Charge"),
        ("The trial of Scott Peterson opened in Redwood City.", "trial", "Trial"),
        ("A jury convicted Scott Peterson of murder.", "convicted", "Verdict"),
        ("The judge sentenced Brian Nichols to life in prison.", "sentenced", "Sentencing"),
        ("Regulators fined Deutsche Bank $50 million.", "fined", "Fine"),
        ("HSBC paid a penalty of $1.9 billion in 2012.", "penalty", "Fine"),
        ("A jury found Mark Dale, 45, guilty of fraud.", "found", "Verdict"),
        ("Leeds completed the signing of the striker on Friday.", "signing", "Agreement"),
        ("Thieves stole jewels worth $108 million from Harry Winston.", "stole", "Theft"),
        ("Arcade Comeaux escaped from custody in Houston.", "escaped", "Escape"),
        # disaster
        ("A strong earthquake hit Iran's Qeshm island.", "earthquake", "Earthquake"),
        ("A fire destroyed the Waitrose store in Banstead.", "fire", "Fire"),
        ("Hurricane Sandy flooded lower Manhattan.", "flooded", "Flood"),
        ("A blizzard closed the roads of Denver.", "blizzard", "Storm"),
        # health, sports, science
        ("Two officers were injured in the blast.", "injured", "Injury"),
        ("The Colts beat the Jaguars 31-24.", "beat", "Win"),
        ("Klitschko won the match in the seventh round.", "match", "Match"),
        ("Astronomers announced the discovery of a new planet.", "discovery", "Discovery"),
    ],
)
def test_a_class_for_every_kind_of_news(sentence: str, trigger: str, cls: str) -> None:
    assert _classes(run(sentence)).get(trigger) == cls


def test_a_lemma_wordnet_classes_is_an_event_of_that_class() -> None:
    # "strangle" and "blizzard" are not in kg.ttl: WordNet puts them under kill and storm
    found = run("Police said the man strangled his neighbour during the blizzard.")
    assert _classes(found).get("strangled") == "Killing"
    assert _classes(found).get("blizzard") == "Storm"


def test_a_support_verb_carries_an_event_it_names_but_launches_a_product() -> None:
    offensive = run("Russia launched an offensive in the east on Monday.")
    assert "launched" not in _classes(offensive)
    assert _classes(offensive)["offensive"] == "MilitaryAction"
    phone = run("Apple launched a new phone on Monday.")
    assert _classes(phone)["launched"] == "ProductLaunch"


def test_speaking_by_telephone_is_a_call() -> None:
    found = run("Volodymyr Zelenskyy spoke by telephone with Emmanuel Macron on Tuesday.")
    call = _event(found, "spoke")
    assert call.cls == "Call"
    assert _roles(call)["Emmanuel Macron"] == "coParticipant"


# -- generic events and the node policy ----------------------------------------------------


def test_a_generic_verb_needs_only_a_named_participant() -> None:
    # no object and no time: kg's earlier rule made no node of it
    found = run("Microsoft apologized after the outage.")
    generic = _event(found, "apologized") if "apologized" in _classes(found) else None
    assert generic is not None and generic.cls in {"Apology", "OtherEvent"}
    found = run("The patch was released by Microsoft.")
    released = _event(found, "released")
    assert released.cls == "OtherEvent" and released.label == "release"
    assert _roles(released) == {"Microsoft": "agent"}


def test_a_verb_of_saying_is_an_act_not_a_state() -> None:
    # WordNet files "order" under verb.communication; a named agent is enough, as for any act,
    # where a state ("lived in Miami") needs a target or a time besides
    found = run("Judge Jones ordered the release of the documents.")
    ordered = _event(found, "ordered")
    assert (ordered.cls, ordered.label) == ("OtherEvent", "order")
    assert _roles(ordered) == {"Jones": "agent"}


def test_a_predicative_state_adjective_is_the_event_whose_state_it_is() -> None:
    found = run("One man is dead after an ex-employee opened fire at his company's party.")
    assert _event(found, "dead").cls == "Death"
    found = run("The shooting at the accounting firm left a receptionist dead.")
    assert _event(found, "dead").cls == "Death"
    # before a noun it names no event; with its verb it is one trigger already (kg.ttl's)
    assert "dead" not in _classes(run("The dead man was identified."))
    assert _classes(run("Gray was found dead in his home.")) == {"found dead": "Death"}


def test_a_malformed_state_adjective_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    triggers.state_adjectives.cache_clear()
    monkeypatch.setattr(triggers, "word_list", lambda name: frozenset({"dead Dying"}))
    try:
        with pytest.raises(KgError, match=r"state-adjectives\.txt"):
            triggers.state_adjectives()
    finally:
        triggers.state_adjectives.cache_clear()


def test_a_planned_cue_that_governs_no_event_is_an_act_of_its_own() -> None:
    found = run("Sony offered $3.4 billion for Columbia Pictures.")
    offered = _event(found, "offered")
    assert (offered.cls, offered.label) == ("OtherEvent", "offer")
    assert _roles(offered)["Sony"] == "agent"  # what the offer is for takes part too
    # governing an event it only says that event is planned
    assert "offered" not in _classes(run("Sony offered to buy Columbia Pictures."))


def test_a_light_verb_that_moves_an_amount_is_an_act_of_its_own() -> None:
    found = run("Unisys paid $78.8 million in taxes during the quarter.")
    paid = _event(found, "paid")
    assert (paid.cls, paid.label, _roles(paid)) == ("OtherEvent", "pay", {"Unisys": "agent"})
    # a verb of having stays a state
    assert _classes(run("Exxon had $5 billion in assets.")) == {}
    assert _classes(run("Berkshire holds 20 million shares of Coca-Cola.")) == {}


def test_a_generic_event_nominal_is_labelled_by_its_lemma() -> None:
    found = run("Google's reorganization surprised investors.")
    nominal = _event(found, "reorganization")
    assert (nominal.cls, nominal.label) == ("OtherEvent", "reorganization")
    assert _roles(nominal) == {"Google": "agent"}


def test_a_generic_nominal_a_support_or_aspectual_verb_carries_takes_its_subject_and_time() -> None:
    found = run("Nokia completed the transaction on Friday.")
    nominal = _event(found, "transaction")
    assert _roles(nominal) == {"Nokia": "agent"}
    assert nominal.time is not None and nominal.time_origin == "text"


def test_verbs_that_govern_or_carry_another_event_make_no_node() -> None:
    found = run("Apple decided to continue selling the iPod, and Samsung began making phones.")
    texts = _classes(found)
    assert "decided" not in texts and "continue" not in texts and "began" not in texts
    assert texts.get("selling") == "Transaction"


def test_nobody_named_no_generic_node_unless_the_policy_takes_every_candidate() -> None:
    """Under "dated" a generic verb that names no one makes no mention; by default
    ("clauses", a verb heading a clause) and under "joining" it is a mention ("the crowd
    dispersed") that may only join an event the story already has: alone, it is no node."""
    # "those present" names no one ("the officials" would: a description coreference links)
    sentence = "Those present hugged each other and the crowd dispersed."
    saved = triggers.NODES
    try:
        triggers.NODES = NodePolicy(verbs="dated", nominals="dated")
        assert [e for e in run(sentence).events if e.cls == "OtherEvent"] == []
    finally:
        triggers.NODES = saved
    found = run(sentence)
    assert {e.label for e in found.events if e.cls == "OtherEvent"} == {"hug", "disperse"}
    assert [e for e in resolve([found]).events if e.cls == "OtherEvent"] == []
    saved = triggers.NODES
    try:
        triggers.NODES = NodePolicy(verbs="joining", nominals="named")
        found = run(sentence)
        generic = {e.label for e in found.events if e.cls == "OtherEvent"}
        assert generic == {"hug", "disperse"}
        assert [e for e in resolve([found]).events if e.cls == "OtherEvent"] == []
    finally:
        triggers.NODES = saved
    saved = triggers.NODES
    try:
        triggers.NODES = NodePolicy(verbs="all", nominals="all")
        every = {e.label for e in run(sentence).events if e.cls == "OtherEvent"}
    finally:
        triggers.NODES = saved
    assert {"hug", "disperse"} <= every


def test_an_unknown_policy_setting_is_an_error() -> None:
    saved = triggers.NODES
    try:
        triggers.NODES = NodePolicy(verbs="some")
        with pytest.raises(ValueError, match="node policy"):
            run("Microsoft thanked Samsung.")
    finally:
        triggers.NODES = saved


# -- the derived lexicon -------------------------------------------------------------------


def test_the_derived_lexicon_is_well_formed() -> None:
    derived = derived_triggers()
    classes = lexicon.load().event_classes
    assert 1000 < len(derived) < 6000  # a few thousand lemmas
    assert all(e.cls is None or e.cls in classes for e in derived.values())
    assert all("%" in e.sense for e in derived.values())
    assert derived[("hailstorm", "NOUN")].cls == "Storm"
    assert derived[("strangle", "VERB")].cls == "Killing"
    assert derived[("reorganization", "NOUN")].cls is None
    assert derived[("reorganization", "NOUN")].verb == "reorganize"


def test_no_derived_trigger_overrides_a_written_one() -> None:
    lex = lexicon.load()
    written = {(w, p) for cls in lex.event_classes for p, w in lex.triggers(cls)}
    assert written and not written & set(derived_triggers())


def test_the_wordnet_licence_sits_beside_the_data() -> None:
    notice = (LEXICON.parent / "WORDNET-LICENSE").read_text("utf-8")
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in notice
    assert "WordNet 3.0" in LEXICON.read_text("utf-8").splitlines()[1]


def test_a_malformed_lexicon_line_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "lexicon.tsv"
    bad.write_text("# comment\nlemma\tpos\tclass\tsense\tvia\tverb\nquake\tNOUN\tQuake\n")
    with pytest.raises(KgError, match=r"lexicon.tsv:3: expected 6"):
        derived_triggers.__wrapped__(bad)
    bad.write_text("quake\tNOUN\tQuake\tquake%1:11:00::\tx\t-\n")
    with pytest.raises(KgError, match=r"lexicon.tsv:1: kg:Quake is not an event class"):
        derived_triggers.__wrapped__(bad)


def test_an_approval_is_an_event_and_a_posted_result_reads_as_written() -> None:
    """Unseen business batch: "shareholders approved the deal on June 14" and "the FDA
    approved the pill" were no events (approve was only a topic verb); "posted a net loss"
    was a mention of "loss" alone."""
    found = run("Bexley's shareholders approved the deal on June 14.")
    assert _classes(found).get("approved") == "Approval"
    found = run("Velorin posted a net loss of $38 million for the quarter.")
    assert _classes(found).get("posted a net loss") == "FinancialResult"


def test_a_modifier_apart_from_its_noun_narrows_the_class() -> None:
    # the seeds: "military and military-technical cooperation" was a plain Cooperation
    found = run(
        "Russia attached particular importance to military and military-technical"
        " cooperation with China."
    )
    assert [(e.span.text, e.cls) for e in found.events] == [("cooperation", "MilitaryCooperation")]


def test_congratulating_is_praise() -> None:
    # the seeds: "Putin congratulated Xi on his re-election" (CAMEO 051 praise or endorse)
    found = run("Putin congratulated Xi on his re-election.")
    (praise,) = [e for e in found.events if e.cls == "Praise"]
    assert praise.span.text == "congratulated"


def test_a_verb_an_event_noun_only_dates_is_an_event_of_its_own() -> None:
    """ "Fled after the robbery": a preposition that orders two events in time (TimeML's
    SIGNAL) makes the noun's event a time for the verb, not an event the verb carries, as "by
    video call" is; the verb was dropped as the robbery's vehicle."""
    found = run("The gunman fled on foot after the robbery.")
    assert _event(found, "fled").cls == "OtherEvent"
    assert _event(found, "robbery").cls == "Theft"


def test_a_verb_heading_a_clause_is_an_event_though_it_names_no_one() -> None:
    """ "The street was closed": no one named or described, no time, but a verb heading a
    clause of its own, as TimeML annotates it (the "clauses" node policy for verbs); a
    participle that only modifies a noun ("Texas-based", "called Acme Stores") is none."""
    found = run("The store was evacuated and the street was closed.")
    assert _event(found, "closed").cls == "OtherEvent"
    found = run("A Texas-based chain, called Acme Stores, said sales fell.")
    assert not {"based", "called"} & {e.span.text for e in found.events}


def test_a_participle_joined_to_a_word_of_degree_is_a_property_not_an_event() -> None:
    # a business trial: "its best-selling C-400" was a sale by the planemaker
    found = run("It halted production of its best-selling jet at a long-awaited summit.")
    assert "selling" not in _classes(found) and "awaited" not in _classes(found)
    assert _classes(found)["summit"] == "Summit"
    assert "Selling" in _classes(run("Selling shares hurt the fund."))


def test_market_demand_is_no_appeal() -> None:
    """A new user's business trial: "could lift demand for chips" and "weak housing demand"
    had become Appeals; a mass noun "demand" that no party makes is the market's measure, while
    "their demand" and a headline's "protesters renew demand" still ask."""
    for text in (
        "Lower borrowing costs could lift demand for chips.",
        "Sales were hurt by weak housing demand.",
        "The furniture retailer buckled under weak housing demand and a heavy debt load.",
    ):
        assert [e.cls for e in run(text).events if e.span.text.endswith("demand")] == [], text
    for text in (
        "Protesters renewed their demand for his resignation.",
        "Protesters renew demand for reforms.",
    ):
        assert "Appeal" in {e.cls for e in run(text).events}, text


def test_stopping_a_thing_is_an_event() -> None:
    """A new user's business trial: "The Seattle-based planemaker stopped the C-400 assembly
    line ... on Nov. 18" gave no event: "stop" is an aspectual verb, no node when it ends
    another event ("stopped talking"), but stopping a thing is an act of its own."""
    found = run(
        "The Seattle-based planemaker stopped the C-400 assembly line in Everett on Nov. 18.",
        date(2026, 12, 2),
    )
    stopped = [e for e in found.events if e.span.text == "stopped"]
    assert [(e.status, e.time and e.time.value) for e in stopped] == [("Occurred", "2026-11-18")]
    assert not [e for e in run("The rebels stopped talking.").events if e.span.text == "stopped"]


def test_leaving_an_event_is_an_event_of_its_own() -> None:
    """A new user's business trial: "expects to emerge from bankruptcy by the end of the
    second quarter of 2027" kept only the bankruptcy; a verb of leaving an event ("emerge
    from") is no vehicle of it, as "spoke by video call" is."""
    found = run(
        "Brightline expects to emerge from bankruptcy by the end of the second quarter of 2027.",
        date(2026, 11, 23),
    )
    emerge = [e for e in found.events if e.span.text == "emerge"]
    assert [(e.status, e.time and e.time.value) for e in emerge] == [("Planned", "2027-Q2")]


def test_falling_sales_are_a_quantity_not_a_sale() -> None:
    """A new user's business trial: "tries to stem two years of falling sales" gave a
    Transaction "sales": a measure that a participle of moving describes is the quantity, as
    the subject of "sales fell" is."""
    for text in (
        "The chain tries to stem two years of falling sales.",
        "Halcyon last month reported a 7% decline in comparable sales for the second quarter.",
    ):
        assert [e.cls for e in run(text).events if e.span.text == "sales"] == [], text
    assert "Transaction" in {
        e.cls for e in run("The sales of the two units were completed.").events
    }


def test_a_participle_after_a_comma_gives_the_object_no_state() -> None:
    """A new user's business trial: "said it had secured $250 million in financing from its
    existing lenders, led by Ares Management, to keep its stores open" kept only the
    Statement: "led by Ares" describes the lenders, it is no state of the object as in "has
    left the Kremlin isolated", and securing the money is an event of its own."""
    found = run(
        "The company said it had secured $250 million in debtor-in-possession financing from "
        "its existing lenders, led by Ares Management, to keep its 310 stores open."
    )
    assert [e.status for e in found.events if e.span.text == "secured"] == ["Occurred"]
    assert not [
        e for e in run("The war has left the Kremlin isolated.").events if e.span.text == "left"
    ]


def test_a_forecast_given_cut_or_withheld_is_an_event_dated_apart_from_its_period() -> None:
    # a business trial: "cut its full-year forecast" had no class and "did not give a forecast
    # for 2027" no event; the period a forecast covers is not when it was given
    found = run(
        "Meridian Semiconductor Corp cut its full-year forecast on Wednesday. The company did not"
        " give a forecast for 2027.",
        date(2026, 10, 28),
    )
    forecasts = [e for e in found.events if e.cls == "Forecast"]
    assert [(e.label, e.status) for e in forecasts] == [
        ("cut forecast", "Occurred"),
        ("forecast", "Negated"),
    ]
    assert forecasts[0].time is not None and forecasts[0].time.value == "2026-10-28"
    assert forecasts[1].time is None or forecasts[1].time.value != "2027"
