"""Publication dates from the other articles of a build (kg.dct), through the real pipeline."""

from __future__ import annotations

from pathlib import Path

from kg.pipeline import build
from tests.sparql import built


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def article_dates(b: object) -> dict[str, tuple[str | None, str | None]]:
    rows = b.rows(  # type: ignore[attr-defined]
        """SELECT ?file ?date ?origin WHERE { ?a a kg:Article ; kg:sourceFile ?file .
           OPTIONAL { ?a dcterms:date ?date } OPTIONAL { ?a kg:dateOrigin ?origin } }"""
    )
    return {r["file"]: (r.get("date"), r.get("origin")) for r in rows}


def test_an_undated_report_of_a_dated_event_takes_its_day(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(
        src,
        "a.txt",
        "---\npublished: 2022-12-30\n---\nPutin held a video call with Xi on Friday.\n",
    )
    write(src, "b.txt", "Putin held a video call with Xi on Friday, the Kremlin said.\n")
    b = built([src], tmp_path / "out")
    assert article_dates(b)["b.txt"] == ("2022-12-30", "inferred")
    (line,) = [w for w in b.report.warnings if "b.txt" in w]
    assert "dated 2022-12-30 from the other articles" in line and "a" in line


def test_a_weekday_that_disagrees_pairs_nothing(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(
        src,
        "a.txt",
        "---\npublished: 2022-12-30\n---\nPutin held a video call with Xi on Friday.\n",
    )
    write(src, "b.txt", "Putin held a video call with Xi on Monday, the Kremlin said.\n")
    b = built([src], tmp_path / "out")
    assert article_dates(b)["b.txt"] == (None, None)
    (line,) = [w for w in b.report.warnings if "b.txt" in w]
    assert "no publication date" in line


def test_nothing_in_common_stays_undated_and_is_said_once(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(src, "a.txt", "---\npublished: 2022-12-30\n---\nPutin held a video call with Xi.\n")
    write(src, "b.txt", "Macron visited Berlin.\n")
    report = build([src], tmp_path / "out")
    assert len([w for w in report.warnings if "b.txt" in w]) == 1


def test_the_inferred_date_resolves_the_articles_own_times(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(
        src,
        "a.txt",
        "---\npublished: 2022-12-30\n---\nPutin held a video call with Xi on Friday.\n",
    )
    write(
        src, "b.txt", "Putin held a video call with Xi on Friday. Xi visited Minsk on Thursday.\n"
    )
    b = built([src], tmp_path / "out")
    visits = b.rows("SELECT ?t WHERE { ?e a kg:Visit ; kg:timeValue ?t }")
    assert visits == [{"t": "2022-12-29"}]  # the Thursday before Friday 2022-12-30


def test_a_dateline_s_day_takes_its_year_from_the_other_articles(tmp_path: Path) -> None:
    """Found by a new user's trial: the event's day in another article (Wednesday's arrival)
    dated the wire story, whose own dateline says June 22; and a year the body mentions
    ("between 2015 and 2019") dated a dateline whose weekday fits both 2019 and 2024."""
    src = tmp_path / "src"
    write(
        src,
        "a.txt",
        "---\npublished: 2023-06-21\n---\nModi arrived in Washington on Wednesday.\n",
    )
    write(
        src,
        "b.txt",
        "WASHINGTON, June 22 (Reuters) - President Joe Biden welcomed Narendra Modi to the "
        "White House on Thursday. Modi arrived in Washington on Wednesday.\n",
    )
    write(src, "c.txt", "---\npublished: 2024-03-12\n---\nA court sentenced a trader.\n")
    write(
        src,
        "d.txt",
        "LONDON, March 12 (Reuters) - A London court on Tuesday sentenced former trader Mark "
        "Ellison to six years in prison for frauds committed between 2015 and 2019.\n",
    )
    b = built([src], tmp_path / "out")
    dates = article_dates(b)
    assert dates["b.txt"] == ("2023-06-22", "inferred")
    assert dates["d.txt"] == ("2024-03-12", "inferred")
    (line,) = [w for w in b.report.warnings if "d.txt" in w]
    assert "dated 2024-03-12, not 2019-03-12" in line


def test_articles_of_several_years_do_not_date_each_others_datelines(tmp_path: Path) -> None:
    """An unseen batch of business copy of 2005-2024 in one folder: "March 3" with "Tuesday"
    took the year of another story (2015, beside a 2014 article) over the 2008 and 2009 its
    own text writes. Other articles' years count only when they lie within a year."""
    src = tmp_path / "src"
    write(src, "a.txt", "---\npublished: 2014-06-24\n---\nA court fined a bank.\n")
    write(src, "b.txt", "---\npublished: 2022-01-03\n---\nA carmaker delivered trucks.\n")
    write(
        src,
        "c.txt",
        "FRANKFURT, March 3 (Reuters) - Kessler said on Tuesday it would cut 1,800 jobs after a "
        "loss for 2008 and a weak start to 2009.\n",
    )
    dates = article_dates(built([src], tmp_path / "out"))
    assert dates["c.txt"] == ("2009-03-03", "inferred")
