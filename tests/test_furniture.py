"""The furniture classifier (kg.sources.furniture) on lines and pages written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import KgError
from kg.sources import FURNITURE_FILE, classify, load_furniture, mask_furniture
from kg.sources.__main__ import main
from kg.sources.furniture import FEATURES, FURNITURE_DIR, load_cues

BEFORE = "Putin and Xi held a video call on Friday, the Kremlin said in a statement.\n"
AFTER = "Xi told Putin that China was ready to deepen cooperation with Russia next year.\n"


def masked_lines(text: str) -> list[str]:
    """The lines of `text` that masking blanks whole."""
    masked = mask_furniture(text)
    return [
        t for t, m in zip(text.split("\n"), masked.split("\n"), strict=True) if t and not m.strip()
    ]


def reasons(line: str) -> set[str]:
    """The features that made `line`, between two paragraphs of prose, furniture."""
    verdicts = classify(f"{BEFORE}{line}\n{AFTER}")
    return {name for v in verdicts for name, _ in v.reasons}


# --- what a line says ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("junk", "feature"),
    [
        ("Click to play video: 'Putin invites Xi to Moscow'", "player"),
        ("Tap here to watch the full interview", "player"),
        ("VIDEO: Putin greets Xi on a screen in the Kremlin", "media_label"),
        ("Photo: Agency staff", "media_label"),
        ("Story continues below advertisement", "slot"),
        ("Advertisement", "slot"),
        ("Share this article", "call_to_action"),
        ("Facebook Twitter WhatsApp Email", "ui_line"),
        ("Copy link", "ui_line"),
        ("MenuIconClose SearchIconArrow ShareIcon PrintIcon", "glued_words"),
        ("Download the Global News app for breaking news alerts", "promo"),
        ("Sign up for our weekly newsletter", "promo"),
        ("Read more: China, Russia hold naval drills", "link_label"),
        ("Related stories", "link_label"),
        ("More from Asia", "link_label"),
        ("Reporting by Guy Faulconbridge; Editing by Kevin Liffey", "credit"),
        ("(Reporting by Guy Faulconbridge; Editing by Kevin Liffey)", "credit"),
        ("— With files from The Associated Press", "credit"),
        ("(With inputs from agencies)", "credit"),
        ("Associated Press writer Jane Doe in Moscow contributed to this report.", "credit"),
        ("DETAILS TO FOLLOW", "wire"),
        ("Back to top", "wire"),
        ("A Kremlin handout picture of the two leaders. (Agency via Reuters)", "picture_credit"),
        ("Xi and Putin on a screen in Moscow. Photograph: Jane Doe/Agency", "picture_credit"),
        ("© Sputnik / Sergei Guneev", "copyright"),
        ("We use cookies to improve your experience. Accept all cookies", "notice"),
        ("Please enable JavaScript in your browser to watch this video.", "notice"),
        ("4 min read", "page_label"),
        ("By Staff", "byline"),
        ("By Jane Doe and Ali Khan in Beijing", "byline"),
        ("https://example.org/world/putin-xi-call", "url"),
    ],
)
def test_a_furniture_line_is_masked_and_says_why(junk: str, feature: str) -> None:
    text = f"{BEFORE}{junk}\n{AFTER}"
    assert mask_furniture(text) == BEFORE + " " * len(junk) + "\n" + AFTER
    assert feature in reasons(junk)


@pytest.mark.parametrize(
    "prose",
    [
        "By noon, the fighting had stopped, officials said.",
        "Published reports say Xi will travel to Moscow.",
        "Advertisement revenue at state broadcasters fell sharply.",
        "He said photos of the damage were shared widely.",
        "Putin said he would download nothing from the West.",
        "Tap water was cut off across the city on Friday.",
        "Press reports said the video was fake.",
        "More troops were sent to the border on Friday.",
        "Breaking news of the attack reached the capital late on Friday.",
        "The ministry commissioned a study of the pipeline.",
        "Follow-up talks are due in March, the ministry said.",
        "Share prices in Moscow fell 3% after the call.",
        "YouTube and LinkedIn were blocked in Russia, the regulator said.",
        "Xi Jinping (left) and Vladimir Putin spoke for about an hour.",
    ],
)
def test_prose_is_not_masked(prose: str) -> None:
    text = f"{BEFORE}{prose}\n{AFTER}"
    assert mask_furniture(text) == text


def test_masking_keeps_length_and_newlines() -> None:
    text = f"Headline\r\nStory continues below advertisement\r\n{BEFORE}Facebook Twitter\r{AFTER}"
    masked = mask_furniture(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"
    ]
    assert "advertisement" not in masked and "Twitter" not in masked
    assert BEFORE.strip() in masked and AFTER.strip() in masked


@given(st.text(alphabet=st.sampled_from(list("ab \r\n\t\ufeff©:-—(')PhotoSr.")), max_size=300))
def test_masking_never_moves_text(text: str) -> None:
    masked = mask_furniture(text)
    assert len(masked) == len(text)
    assert all(m == t or (m == " " and t not in "\r\n") for m, t in zip(masked, text, strict=True))


@pytest.mark.parametrize("line", ["xxxx", "Xx Xx", "x"])
def test_regression_the_letter_x_is_not_a_share_button(line: str) -> None:
    # "X" (the network) once matched every letter x of a line, so "xxxx" was blanked.
    assert mask_furniture(f"{BEFORE}{line}\n{AFTER}") == f"{BEFORE}{line}\n{AFTER}"


def test_a_marker_before_a_headline_is_masked_alone() -> None:
    text = "Breaking news: Russia and China hold video call\n\n" + BEFORE
    (verdict,) = classify(text)
    assert text[verdict.start : verdict.end] == "Breaking news: "
    assert verdict.reasons[0][0] == "wire"


def test_a_credit_closing_the_last_paragraph_is_masked_alone() -> None:
    text = BEFORE.strip() + " (Reporting by Jane Doe; Editing by John Roe)\n"
    masked = mask_furniture(text)
    assert masked.startswith(BEFORE.strip()) and "Reporting" not in masked


# --- where a line sits --------------------------------------------------------------------


def test_a_headline_printed_twice_is_masked_the_second_time() -> None:
    headline = "Putin invites Xi to Moscow for a state visit"
    text = f"{headline}\n\n{BEFORE}\n{headline}\n\n{AFTER}"
    assert masked_lines(text) == [headline]
    (verdict,) = classify(text)
    assert verdict.line == 5 and verdict.reasons[0] == ("repeat", "line 1")


def test_a_standfirst_repeated_as_a_paragraph_opening_is_masked_as_its_prefix() -> None:
    standfirst = "Russia is seeking closer ties with China as the war drags on."
    text = f"Headline here\n\n{standfirst}\n\n{standfirst} {AFTER}"
    masked = mask_furniture(text)
    second = masked.split("\n")[4]
    assert second.strip() == AFTER.strip()
    assert masked.split("\n")[2] == standfirst  # the first copy stays


def test_a_video_title_under_its_player_is_masked() -> None:
    text = (
        f"{BEFORE}Click to play video: 'Floods hit the north'\nFloods hit the north\n2:14\n{AFTER}"
    )
    assert masked_lines(text) == [
        "Click to play video: 'Floods hit the north'",
        "Floods hit the north",
        "2:14",
    ]


def test_a_section_label_above_the_headline_is_masked_not_a_short_title() -> None:
    page = "World affairs\n\nPutin invites Xi to Moscow in spring\n\n" + BEFORE
    assert masked_lines(page) == ["World affairs"]
    # A short headline above the lede is the title, not a label.
    assert masked_lines("Scholz speaks\n\n" + BEFORE) == []


def test_a_caption_against_its_picture_credit_is_masked() -> None:
    caption = "Putin during talks with Xi via videoconference"
    text = f"Headline\n\n© Agency / Pool photo\n{caption}\n\n{AFTER}"
    assert masked_lines(text) == [
        "© Agency / Pool photo",
        "Putin during talks with Xi via videoconference",
    ]


def test_a_caption_ending_with_an_agency_s_slashed_credit_is_masked() -> None:
    # a new user's trial: the caption's date made a second fine, dated the photo's day
    caption = (
        "A Boeing 737 MAX jet is seen at a factory in Renton, Washington, U.S. June 25, 2024. "
        "REUTERS/Jason Redmond/File Photo"
    )
    assert masked_lines(f"Boeing fined\n{caption}\n\n{AFTER}") == [caption]
    # a slash in prose is no credit
    assert masked_lines(f"Headline\n\nSales rose 5% at the unit. AC/DC played.\n\n{AFTER}") == []


def test_a_sponsored_label_masks_its_paragraph() -> None:
    text = f"{BEFORE}\nSponsored content\nBuy gold now\nA trick doctors hate\n\n{AFTER}"
    assert masked_lines(text) == ["Sponsored content", "Buy gold now", "A trick doctors hate"]


def test_the_promotions_ending_a_page_are_masked_with_what_sits_among_them() -> None:
    tail = [
        "Partner content",
        "Discover the new Example News app",
        "• Read offline, wherever you are",
        "• Never miss a story with breaking news alerts",
        "Example News is the voice of a new generation of readers.",
        "Learn more",
    ]
    text = BEFORE + "\n" + AFTER + "\n" + "\n\n".join(tail) + "\n"
    assert masked_lines(text) == tail
    verdict = next(v for v in classify(text) if "voice" in text[v.start : v.end])
    assert verdict.reasons[0][0] == "trailing_block"


def test_an_advertisement_slot_or_a_link_inside_the_story_opens_no_trailing_block() -> None:
    text = (
        f"{BEFORE}\nStory continues below advertisement\n\n{AFTER}\n"
        "Read more: Japan plans military build-up\n\n"
        "Civil protection officials said more rain was forecast.\n\n"
        "— With files from The Associated Press\n\nGet breaking news alerts with our app\n"
    )
    assert "Civil protection officials said more rain was forecast." not in masked_lines(text)
    assert AFTER.strip() not in masked_lines(text)


def test_a_paragraph_of_the_story_below_a_share_button_is_kept() -> None:
    # a new user's trial: the paragraph after "Share this article" went with the page's end
    paragraph = (
        "Analysts at Morgan Stanley said the purchase would give Northwind a foothold in"
        " medical robotics. Union representatives said they plan to protest next week."
    )
    text = f"{BEFORE}\nShare this article\n\n{paragraph}\n\nAdvertisement\n"
    assert masked_lines(text) == ["Share this article", "Advertisement"]


def test_a_page_ending_with_prose_has_no_trailing_block() -> None:
    text = f"{BEFORE}\nSponsored content\nBuy gold now\n\nXi replied.\n"
    assert "Xi replied." not in masked_lines(text)


# --- the lexicon, the weights and site patterns are data ------------------------------------


def test_cues_and_weights_are_data_and_every_feature_is_weighed() -> None:
    cues = load_cues()
    assert set(cues.features) == set(FEATURES)
    assert {"icon", "share"} <= cues.words["ui"]
    assert all(0 < f.weight <= 1 for f in cues.features.values())


@pytest.mark.parametrize(
    ("file", "content", "problem"),
    [
        ("cues.tsv", "ui\ticon\nnonsense\tword\n", r"cues\.tsv:2: unknown cue kind 'nonsense'"),
        ("cues.tsv", "ui icon\n", r"cues\.tsv:1: expected 2 tab-separated columns"),
        ("features.tsv", "repeat\tmuch\twhy\n", r"features\.tsv:1: weight 'much' is not a number"),
        ("features.tsv", "repaet\t1.0\twhy\n", r"features\.tsv:1: unknown feature 'repaet'"),
        ("features.tsv", "repeat\t1.0\twhy\n", r"features\.tsv: no weight for media_label"),
    ],
)
def test_a_broken_lexicon_names_its_file_and_line(
    tmp_path: Path, file: str, content: str, problem: str
) -> None:
    for name in ("cues.tsv", "features.tsv"):
        (tmp_path / name).write_text((FURNITURE_DIR / name).read_text("utf-8"), "utf-8")
    (tmp_path / file).write_text(content, "utf-8")
    with pytest.raises(KgError, match=problem):
        load_cues(tmp_path)


def test_site_patterns_are_data_and_add_to_the_classifier() -> None:
    assert load_furniture(FURNITURE_FILE) == ()  # none by default: the classifier does the work
    custom = (re.compile(r"^Trending on Example:.*$", re.MULTILINE),)
    text = f"Trending on Example: x\n{BEFORE}"
    assert mask_furniture(text, custom) == " " * 22 + "\n" + BEFORE
    (verdict,) = classify(text, patterns=custom)
    assert verdict.kind == "pattern"


def test_a_bad_site_pattern_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "patterns.txt"
    bad.write_text("# why\nfine\n(unclosed\n", "utf-8")
    with pytest.raises(KgError, match=r"patterns\.txt:3"):
        load_furniture(bad)


def test_every_verdict_explains_itself() -> None:
    text = f"Facebook Twitter Email\n{BEFORE}"
    (verdict,) = classify(text)
    explained = verdict.explain()
    assert explained.startswith("line 1: navigation")
    assert "[ui_line 1: Facebook Twitter Email]" in explained


def test_python_m_kg_sources_prints_what_it_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"Headline\n\nPublished: 30 December 2022\n\nBERLIN (AP) — {AFTER}", "utf-8")
    assert main([str(page)]) == 0
    out = capsys.readouterr().out
    assert "published: 2022-12-30 (text)" in out
    assert "title: Headline" in out
    assert "dateline: 'BERLIN (AP) —' (place 'BERLIN', agency 'AP')" in out
    assert main([]) == 2


def test_python_m_kg_sources_reads_the_front_matter_s_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a new user's trial: it said "published: none" where the build used the front matter's
    page = tmp_path / "page.md"
    page.write_text(f"---\npublished: 2026-03-04\n---\nHeadline\n\n{AFTER}", "utf-8")
    assert main([str(page)]) == 0
    assert "published: 2026-03-04 (metadata) from the front matter" in capsys.readouterr().out


# --- a new user's trial: page furniture that became content ---------------------------------

WIRE = (
    "Skip to main content\n\n"
    "UPDATE 1-Putin invites Xi to Moscow, says wants closer military ties\n\n"
    "(Updates with Kremlin comment, adds background)\n\n"
    "MOSCOW, Dec 30 (Reuters) - Russian President Vladimir Putin on Friday invited Chinese "
    "leader Xi Jinping to visit Moscow in the spring.\n\n"
    "The Kremlin said the call lasted more than an hour.\n"
)


def test_regression_a_skip_link_is_furniture_not_the_title() -> None:
    from kg.sources.dates import read_head

    assert "Skip to main content" in masked_lines(WIRE)
    assert read_head(WIRE).title == ("Putin invites Xi to Moscow, says wants closer military ties")


def test_regression_a_wire_slug_on_the_headline_is_masked_alone() -> None:
    masked = mask_furniture(WIRE)
    headline = WIRE.index("UPDATE 1-")
    assert masked[headline : headline + 9].strip() == ""
    assert masked[headline + 9 :].startswith("Putin invites Xi")
    for slug in ("REFILE-UPDATE 2-", "EXCLUSIVE-"):
        page = f"{slug}Putin invites Xi to Moscow\n\n{BEFORE}"
        assert mask_furniture(page).startswith(" " * len(slug) + "Putin")


def test_regression_a_wire_revision_note_is_furniture() -> None:
    assert "(Updates with Kremlin comment, adds background)" in masked_lines(WIRE)
    assert "revision_note" in reasons("(Corrects spelling of name in paragraph 3)")


@pytest.mark.parametrize(
    "prose",
    [
        "Update 1 of the software shipped on Friday, the company said.",
        "(He added that talks would continue next week.)",
        "Skip to the end of the meeting, and the two leaders were smiling, aides said.",
    ],
)
def test_wire_cues_leave_prose_alone(prose: str) -> None:
    assert not classify(f"{BEFORE}{prose}\n{AFTER}")


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        # names and an outlet before the page's date: the names are masked, the date is not
        ("By Priya Natarajan | Bloomberg | Nov. 17, 2026", "By Priya Natarajan | Bloomberg |"),
        ("By Jane Doe, Ali Khan | Reuters | 30 December 2022", "By Jane Doe, Ali Khan | Reuters |"),
        # a byline's date the date reader takes whole, and a sentence, stay as they are
        ("By Jane Doe, Dec. 30, 2022", None),
        ("By Jane Doe | Published Dec. 30, 2022", None),
        ("By Friday, Ukraine | Russia talks had stalled for 3 days.", None),
    ],
)
def test_a_byline_before_its_date(line: str, masked: str | None) -> None:
    text = f"Headline of the story\n{line}\n{BEFORE}{AFTER}"
    verdicts = [v for v in classify(text) if v.line == 2]
    assert [text[v.start : v.end].strip() for v in verdicts] == ([masked] if masked else [])
