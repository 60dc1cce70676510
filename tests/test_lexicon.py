"""kg.lexicon: look-ups over the ontology and gazetteers, with real spaCy lemmas, and clear
errors for malformed files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import lexicon, nlp
from kg.errors import KgError
from kg.lexicon import DEFAULT_DIR, Lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return lexicon.load()


def test_load_is_cached_and_reads_the_checkout(lex: Lexicon) -> None:
    assert lexicon.load() is lex
    # an editable install reads the repository's ontology/ (tests/test_wheel.py: the wheel's)
    assert Path(__file__).resolve().parent.parent / "ontology" == DEFAULT_DIR


# -- states ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("U.S.", "united-states"),
        ("US", "united-states"),
        ("USA", "united-states"),
        ("the United States", "united-states"),
        ("The United States", "united-states"),
        ("United States of America", "united-states"),
        ("America", "united-states"),
        ("UK", "united-kingdom"),
        ("Britain", "united-kingdom"),
        ("CHINA", "china"),
        ("People's Republic of China", "china"),
        ("People’s Republic of China", "china"),
        ("Türkiye", "turkey"),
        ("Turkiye", "turkey"),
        ("Côte d'Ivoire", "cote-divoire"),
        ("Ivory Coast", "cote-divoire"),
        ("Guinea Bissau", "guinea-bissau"),
        ("Burma", "myanmar"),
        ("DPRK", "north-korea"),
        ("Kosovo", "kosovo"),
        ("Taiwan", "taiwan"),
        ("Palestine", "palestine"),
        ("Holy See", "holy-see"),
    ],
)
def test_state_by_name_or_alias(lex: Lexicon, name: str, key: str) -> None:
    entry = lex.state(name)
    assert entry is not None and entry.key == key


@pytest.mark.parametrize("name", ["us", "Us", "Washington", "Kremlin", "Chinese", "Europe", ""])
def test_not_a_state_name(lex: Lexicon, name: str) -> None:
    assert lex.state(name) is None


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Chinese", "china"),
        ("Russian", "russia"),
        ("Ukrainian", "ukraine"),
        ("British", "united-kingdom"),
        ("Belarusian", "belarus"),
        ("Uzbek", "uzbekistan"),
        ("American", "united-states"),
        ("Americans", "united-states"),
        ("Swiss", "switzerland"),
        ("Filipino", "philippines"),
        ("Saudi", "saudi-arabia"),
    ],
)
def test_state_by_demonym(lex: Lexicon, word: str, key: str) -> None:
    entry = lex.state_by_demonym(word)
    assert entry is not None and entry.key == key


@pytest.mark.parametrize("word", ["polish", "chinese", "Europeans", "Kremlin", "States"])
def test_not_a_demonym(lex: Lexicon, word: str) -> None:
    assert lex.state_by_demonym(word) is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kyiv", "ukraine"),
        ("Kiev", "ukraine"),
        ("Beijing", "china"),
        ("Moscow", "russia"),
        ("Washington", "united-states"),
        ("Washington, D.C.", "united-states"),
        ("Minsk", "belarus"),
        ("Tashkent", "uzbekistan"),
        ("The Hague", "netherlands"),
    ],
)
def test_state_by_capital(lex: Lexicon, name: str, key: str) -> None:
    entry = lex.state_by_capital(name)
    assert entry is not None and entry.key == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kremlin", "russia"),
        ("the Kremlin", "russia"),
        ("White House", "united-states"),
        ("Downing Street", "united-kingdom"),
        ("Whitehall", "united-kingdom"),
        ("Elysee", "france"),
        ("Élysée", "france"),
        ("Zhongnanhai", "china"),
    ],
)
def test_state_by_seat(lex: Lexicon, name: str, key: str) -> None:
    entry = lex.state_by_seat(name)
    assert entry is not None and entry.key == key


@pytest.mark.parametrize("name", ["State Department", "the Pentagon", "Department of State"])
def test_a_ministry_is_an_organization_not_a_seat(lex: Lexicon, name: str) -> None:
    assert lex.state_by_seat(name) is None
    org = lex.organization(name)
    assert org is not None and org.key.startswith("us-department-of-")


def test_state_table_is_complete_and_consistent(lex: Lexicon) -> None:
    keys = [s.key for s in lex.states]
    iso = [s.iso3 for s in lex.states]
    assert len(keys) == len(set(keys)) >= 197
    assert len(iso) == len(set(iso))
    # Shared or first-name forms are left out on purpose (see the file's header).
    assert {s.key for s in lex.states if not s.capitals} == {"seychelles"}
    assert {s.key for s in lex.states if not s.demonyms} == {"dominica", "republic-of-the-congo"}
    assert lex.state_by_key("united-states") == lex.state("U.S.")


# -- organisations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("NATO", "nato"),
        ("Nato", "nato"),
        ("North Atlantic Treaty Organisation", "nato"),
        ("North Atlantic Treaty Organization", "nato"),
        ("Group of 20", "g20"),
        ("G20", "g20"),
        ("G-20", "g20"),
        ("G7", "g7"),
        ("UN", "united-nations"),
        ("U.N.", "united-nations"),
        ("UN Security Council", "un-security-council"),
        ("EU", "european-union"),
        ("European Commission", "european-commission"),
        ("SCO", "sco"),
        ("BRICS", "brics"),
        ("ASEAN", "asean"),
        ("AU", "african-union"),
        ("OPEC", "opec"),
        ("WHO", "who"),
        ("IMF", "imf"),
        ("World Bank", "world-bank"),
        ("WTO", "wto"),
        ("IAEA", "iaea"),
        ("ICC", "icc"),
        ("OSCE", "osce"),
        ("Red Cross", "icrc"),
        ("Reuters", "reuters"),
        ("AP", "associated-press"),
        ("Associated Press", "associated-press"),
        ("the Associated Press", "associated-press"),
        ("AFP", "afp"),
        ("Agence France-Presse", "afp"),
        ("Xinhua", "xinhua"),
        ("TASS", "tass"),
        ("RIA Novosti", "ria-novosti"),
        ("Interfax", "interfax"),
        ("CCTV", "cctv"),
        ("Sputnik", "sputnik"),
    ],
)
def test_organization(lex: Lexicon, name: str, key: str) -> None:
    entry = lex.organization(name)
    assert entry is not None and entry.key == key


@pytest.mark.parametrize("name", ["ap", "who", "us", "eu", "alliance", "the alliance", "Council"])
def test_not_an_organization(lex: Lexicon, name: str) -> None:
    assert lex.organization(name) is None


def test_news_agencies_are_typed(lex: Lexicon) -> None:
    for name in ("Reuters", "AP", "AFP", "Xinhua", "TASS", "Interfax"):
        entry = lex.organization(name)
        assert entry is not None and entry.type == "news-agency"


# -- titles and honorifics ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "predicate"),
    [
        ("president", "leaderOf"),
        ("President", "leaderOf"),
        ("prime minister", "leaderOf"),
        ("mayor", "leaderOf"),
        ("chairman", "leaderOf"),
        ("ceo", "leaderOf"),
        ("spokesman", "spokespersonOf"),
        ("spokeswoman", "spokespersonOf"),
        ("senator", "memberOf"),
        ("foreign minister", "affiliatedWith"),
        ("senior fellow", "affiliatedWith"),
        ("secretary of state", "affiliatedWith"),
        ("vice-president", "affiliatedWith"),
        ("secretary-general", "leaderOf"),
    ],
)
def test_title(lex: Lexicon, words: str, predicate: str) -> None:
    title = lex.title(words)
    assert title is not None and title.predicate == predicate


@pytest.mark.parametrize("words", ["Kremlin spokesman", "putin", "the president", ""])
def test_not_a_title(lex: Lexicon, words: str) -> None:
    assert lex.title(words) is None


def test_honorifics(lex: Lexicon) -> None:
    assert {"mr", "mrs", "ms", "dr", "sir", "madam"} <= lex.honorifics


# -- events and cues ---------------------------------------------------------------------


def test_event_classes(lex: Lexicon) -> None:
    event = lex.event_classes["Event"]
    assert event.parent is None
    call = lex.event_classes["Call"]
    assert (call.cameo, call.quad, call.parent) == ("041", "verbal-cooperation", "Meeting")
    for name, cls in lex.event_classes.items():
        assert cls.name == name and cls.label and cls.comment
        # every class reaches kg:Event through its parents, without a cycle
        seen = [name]
        while (parent := lex.event_classes[seen[-1]].parent) is not None:
            assert parent not in seen, seen
            seen.append(parent)
        assert seen[-1] == "Event"
        assert name == "Event" or any(True for _ in lex.triggers(name)), name


@pytest.mark.parametrize(
    ("phrase", "pos", "cls"),
    [
        ("video call", "NOUN", "Call"),
        ("phone call", "NOUN", "Call"),
        ("talk", "NOUN", "Meeting"),
        ("peace talk", "NOUN", "Negotiation"),
        ("state visit", "NOUN", "Visit"),
        ("visit", "VERB", "Visit"),
        ("shoot down", "VERB", "MilitaryAction"),
        ("shoot", "VERB", "Killing"),
        ("cease - fire", "NOUN", "Ceasefire"),
        ("cease-fire", "NOUN", "Ceasefire"),
        ("re-elect", "VERB", "ElectionResult"),
        ("sign", "VERB", "Agreement"),
        ("hunger strike", "NOUN", "Protest"),
        ("strike", "NOUN", "MilitaryAction"),
        ("summit", "PROPN", "Summit"),
    ],
)
def test_event_trigger(lex: Lexicon, phrase: str, pos: str, cls: str) -> None:
    assert lex.event_trigger(phrase, pos) == cls


@pytest.mark.parametrize(
    ("phrase", "pos"),
    [("no limit", "NOUN"), ("hold", "VERB"), ("visit", "ADJ"), ("the", "NOUN"), ("", "NOUN")],
)
def test_not_an_event_trigger(lex: Lexicon, phrase: str, pos: str) -> None:
    assert lex.event_trigger(phrase, pos) is None


def test_max_trigger_words(lex: Lexicon) -> None:
    assert lex.max_trigger_words >= 3
    assert lex.event_trigger("special military operation", "NOUN") == "MilitaryAction"


@pytest.mark.parametrize(
    ("sentence", "word", "cls"),
    [
        ("Xi and Putin held talks by video link on Friday.", "talks", "Meeting"),
        ("Russian forces shot down two drones.", "shot", "MilitaryAction"),
        ("The leaders signed a partnership pact.", "signed", "Agreement"),
        ("Beijing invited him to visit.", "invited", "Invitation"),
        ("Moscow condemned the sanctions.", "condemned", "Criticism"),
        ("The navies began joint drills.", "drills", "MilitaryExercise"),
        ("Missile strikes hit Kyiv overnight.", "strikes", "AerialAttack"),
        ("Arms deliveries continued.", "deliveries", "MilitaryAid"),
        ("The company reported quarterly earnings.", "earnings", "FinancialResult"),
    ],
)
def test_triggers_match_real_spacy_lemmas(lex: Lexicon, sentence: str, word: str, cls: str) -> None:
    # What the events extractor does: the lemma with its particles (verbs) or its adjacent
    # compound/adjective modifiers (nouns), longest first.
    doc = nlp.load()(sentence)
    token = next(t for t in doc if t.text == word)
    if token.pos_ == "VERB":
        parts = [token, *(c for c in token.children if c.dep_ == "prt")]
    else:
        parts = [*(c for c in token.lefts if c.dep_ in {"compound", "amod"}), token]
    found = None
    for start in range(len(parts)):
        phrase = " ".join(t.lemma_.lower() for t in parts[start:])
        found = lex.event_trigger(phrase, token.pos_) if token.pos_ == "VERB" else None
        found = found or lex.event_trigger(phrase, "NOUN" if token.pos_ != "VERB" else "VERB")
        if found:
            break
    if found is None and token.pos_ == "VERB":
        found = lex.event_trigger(token.lemma_.lower(), "VERB")
    assert found == cls


def test_status_cues(lex: Lexicon) -> None:
    assert {"invite", "expect", "plan", "agree", "planned", "upcoming"} <= lex.planned_cues
    assert {"refuse", "decline", "deny", "fail", "reject", "no mention"} <= lex.negation_cues
    assert {"could", "might", "may", "would", "if"} <= lex.hypothetical_cues
    assert {"say", "tell", "according to", "claim", "report"} <= lex.reporting_cues


# -- malformed files ---------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "ontology"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> int:
    """Replace `old` once; returns the 1-based line it was on."""
    text = path.read_text("utf-8")
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text.count("\n", 0, at) + 1


def _load_fails(root: Path) -> str:
    with pytest.raises(KgError) as info:
        lexicon.load.__wrapped__(root)
    return str(info.value)


def test_a_copy_loads(copy: Path) -> None:
    assert len(lexicon.load.__wrapped__(copy).states) >= 197


def test_bad_turtle_names_file_and_line(copy: Path) -> None:
    line = _edit(copy / "kg.ttl", "kg:Sanction a owl:Class ;", "kg:Sanction a owl:Class ;;; ]")
    message = _load_fails(copy)
    assert "kg.ttl" in message
    assert f"kg.ttl:{line}:" in message


def test_a_trigger_in_two_classes_is_an_error(copy: Path) -> None:
    line = _edit(
        copy / "kg.ttl", 'kg:nounTrigger "sanction"', 'kg:nounTrigger "summit", "sanction"'
    )
    message = _load_fails(copy)
    assert "summit" in message and "kg.ttl:" in message
    assert "kg:Summit" in message and "kg:Sanction" in message
    assert line > 1


def test_a_bad_cameo_code_is_an_error(copy: Path) -> None:
    _edit(copy / "kg.ttl", 'kg:cameoCode "041"', 'kg:cameoCode "41a"')
    assert "41a" in _load_fails(copy)


def test_a_short_gazetteer_row_names_file_and_line(copy: Path) -> None:
    line = _edit(copy / "gazetteer" / "states.tsv", "\tRUS\n", "\n")
    message = _load_fails(copy)
    assert f"states.tsv:{line}:" in message


def test_an_alias_of_two_states_is_an_error(copy: Path) -> None:
    line = _edit(
        copy / "gazetteer" / "states.tsv", "\tUkraine\t\t", "\tUkraine\tRussian Federation\t"
    )
    message = _load_fails(copy)
    assert f"states.tsv:{line}:" in message and "'russia'" in message


def test_a_title_with_an_unknown_predicate_is_an_error(copy: Path) -> None:
    line = _edit(copy / "gazetteer" / "titles.tsv", "mayor\tleaderOf", "mayor\truns")
    message = _load_fails(copy)
    assert f"titles.tsv:{line}:" in message and "runs" in message


def test_a_missing_file_is_an_error(copy: Path) -> None:
    (copy / "gazetteer" / "organizations.tsv").unlink()
    assert "organizations.tsv" in _load_fails(copy)
