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
