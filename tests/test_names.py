"""kg.names: name forms as news writes them, one rule per test."""

from __future__ import annotations

import pytest

from kg import names


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("ERDOĞAN'S", "erdogan"),
        ("Tsipras'", "tsipras"),
        ("Tsipras’s", "tsipras"),
        ("Arcade Joseph Comeaux Jr.", "arcade joseph comeaux"),
        ("Annegret Kramp-Karrenbauer", "annegret kramp-karrenbauer"),
    ],
)
def test_name_key_folds_case_accents_possessives_and_suffixes(text: str, key: str) -> None:
    assert names.name_key(text) == key


def test_particles_belong_to_the_family_name() -> None:
    assert names.parse("Ursula von der Leyen").family == ("von", "der", "leyen")
    assert names.parse("Mohammed bin Salman").given == ("mohammed",)


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Tayyip Erdogan", "Recep Tayyip Erdoğan"),
        ("von der Leyen", "Ursula von der Leyen"),
        ("G. W. Bush", "George W. Bush"),
        ("Bush", "George W. Bush"),
        ("MACRON", "Emmanuel Macron"),
        ("Zelenskiy", "Volodymyr Zelenskyy"),
        ("Xi", "Xi Jinping"),
    ],
)
def test_short_forms(short: str, full: str) -> None:
    assert names.is_short_form(short, full)
    assert names.compatible(short, full)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Jeb Bush", "George W. Bush"), ("Joe", "Joe Biden"), ("George W. Bush", "Bush")],
)
def test_not_short_forms(a: str, b: str) -> None:
    assert not names.is_short_form(a, b)


def test_two_people_sharing_a_family_name_stay_two() -> None:
    assert not names.compatible("Jeb Bush", "George W. Bush")


@pytest.mark.parametrize(
    ("a", "b"),
    [("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"), ("Volodymyr Zelensky", "Volodymyr Zelenskiy")],
)
def test_transliteration_variants(a: str, b: str) -> None:
    assert names.is_variant(a, b)


def test_a_short_form_goes_to_the_full_name_its_article_uses() -> None:
    corpus = ["George W. Bush", "Jeb Bush"]
    assert names.pick_full("Bush", ["Jeb Bush"], corpus) == "Jeb Bush"
    assert names.pick_full("Bush", [], corpus) is None  # two people fit: no guess
    assert names.pick_full("Erdogan", [], ["Recep Tayyip Erdoğan", "Tayyip Erdogan"]) == (
        "Recep Tayyip Erdoğan"
    )


def test_acronyms_and_gender() -> None:
    assert names.is_acronym_of("IMF", "International Monetary Fund")
    assert not names.is_acronym_of("IMF", "Monetary Fund")
    assert names.gender("Giorgia Meloni") == "f"
    assert names.gender("Olaf Scholz") == "m"
    assert names.gender("Meloni") is None


def test_a_company_stem_leaves_out_its_legal_form() -> None:
    assert names.company_stem(("acme", "corp")) == ("acme",)
    assert names.company_stem(("initech", "inc.")) == ("initech",)
    assert names.company_stem(("acme", "holdings", "plc")) == ("acme",)
    assert names.company_stem(("general", "motors")) == ("general", "motors")
    assert names.company_stem(("group",)) == ("group",)


def test_a_given_name_in_its_short_form_is_one_person() -> None:
    assert names.is_variant("Bill Hakim", "William Hakim")
    assert names.compatible("Tom Tennant", "Thomas Tennant")
    # "Jack" is John's or its own: never assumed; and only given names shorten
    assert not names.is_variant("Jack Smith", "John Smith")
    assert not names.is_variant("William Bill", "William Williams")
