"""Issue 7.7: property-based fuzzing of the source reader, the time normaliser and the dates read
from text (the exporters are fuzzed in test_rdf_hostile.py). A few seconds per property in
`make test`; `make fuzz` runs many more examples (tests/hostile/fuzzing.py). Every crash found
becomes a named regression test beside the defence it pins."""

from __future__ import annotations

import hashlib
import re
import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from kg import timex
from kg.errors import SourceError
from kg.sources import FIELDS, MANIFEST, date_from_text, mask_furniture, read_sources
from tests.hostile.fuzzing import budget

# --- the time normaliser ----------------------------------------------------------------------

_WORDS = [
    *timex.MONTHS, *timex.WEEKDAYS, *timex.SEASONS, *timex.PARTS_OF_DAY, *timex.UNITS,
    *(f"{u}s" for u in timex.UNITS), *timex.HOLIDAYS, "centuries", "millennia",
    "last", "next", "this", "that", "ago", "earlier", "later", "before", "after", "the", "a",
    "of", "in", "on", "at", "early", "late", "mid", "end", "beginning", "first", "second",
    "third", "fourth", "quarter", "half", "week", "weekend", "today", "yesterday", "tomorrow",
    "now", "recently", "past", "future", "former", "every", "each", "daily", "annually",
    "one", "two", "twelve", "twenty", "hundred", "thousand", "and", "few", "several", "dozen",
    "a.m.", "p.m.", "noon", "midnight", "GMT", "EST", "'s", ",", "-", "/", ".", "'",
]  # fmt: skip
_NUMBERS = st.integers(min_value=-5, max_value=100_000).map(str) | st.sampled_from(
    ["0", "00", "1st", "2nd", "3rd", "31st", "29", "30", "366", "9999", "10000", "1e9", "1.5"]
)
_DATES = st.dates()  # year 1 to 9999: the edges of the calendar are where arithmetic overflows
TIME_EXPRESSIONS = st.lists(st.sampled_from(_WORDS) | _NUMBERS, min_size=1, max_size=7).map(
    " ".join
) | st.builds(
    lambda d, sep, form: {
        "iso": d.isoformat(),
        "slash": f"{d.month}/{d.day}/{d.year}",
        "named": f"{d.strftime('%B')} {d.day}{sep} {d.year}",
        "day first": f"{d.day} {d.strftime('%b')}{sep} {d.year}",
    }[form],
    _DATES,
    st.sampled_from(["", ","]),
    st.sampled_from(["iso", "slash", "named", "day first"]),
)
_VALUE = re.compile(r"[0-9A-Z_.:\-]+")


@budget
@given(
    TIME_EXPRESSIONS,
    st.none() | _DATES,
    st.sampled_from([None, "past", "present", "future", "bogus"]),
    st.none() | TIME_EXPRESSIONS | st.sampled_from(["0001-01-01", "9999-12-31", "9999-W52"]),
)
def test_normalise_never_raises_and_gives_timex3_values(
    expr: str, dct: date | None, tense: str | None, anchor: str | None
) -> None:
    if anchor is not None and dct is not None:
        found_anchor = timex.normalise(anchor, dct)
        anchor = found_anchor.value if found_anchor else anchor
    found = timex.normalise(expr, dct, tense, anchor=anchor)
    assert timex.impossible_date(expr) is None or isinstance(timex.impossible_date(expr), str)
    if found is None:
        return
    assert found.type in ("DATE", "TIME", "DURATION", "SET")
    assert _VALUE.fullmatch(found.value), found
    start, end = timex.bounds(found.value)
    assert (start is None) == (end is None)
    assert start is None or end is None or start <= end


@budget
@given(st.text(max_size=200))
def test_bounds_and_impossible_date_take_any_text(text: str) -> None:
    start, end = timex.bounds(text)
    assert start is None or end is None or start <= end
    timex.impossible_date(text)


# --- dates and furniture in the text ----------------------------------------------------------

_PAGE_BITS = st.sampled_from(
    [
        "MOSCOW, ", "BEIJING, Dec 30 (Reuters) - ", "Published: ", "Updated ", " date ",
        "By Jane Doe | ", "30 December 2022", "Dec. 31, 2022 6:12 PM ET", "2022-02-30",
        "Friday, ", "February 29, 2023", "31st", "\n", "\r\n", " ", "—", "(AP)", "Photo: ",
        "Click to play video", "Share this article", "©", "# ", "---\n", "\ufeff", "9999-12-31",
    ]
)  # fmt: skip
PAGES = st.lists(_PAGE_BITS | st.text(max_size=20), max_size=30).map("".join)


@budget
@given(PAGES)
def test_dates_and_furniture_in_any_page(text: str) -> None:
    stated = date_from_text(text)
    assert stated is None or (isinstance(stated[0], date) and stated[1] in ("text", "inferred"))
    masked = mask_furniture(text)
    assert len(masked) == len(text)
    assert all(m == t or (m == " " and t not in "\r\n") for m, t in zip(masked, text, strict=True))


# --- the source reader on generated folders ---------------------------------------------------

_SCALARS = (
    st.text(max_size=30)
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.none()
    | st.dates().map(str)
    | st.binary(max_size=10)
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
_FIELDS = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), _VALUES, max_size=5)


def _dumped(fields: object) -> str:
    return yaml.safe_dump(fields, allow_unicode=True)


_YAML_TEXT = _FIELDS.map(_dumped) | st.text(max_size=120) | PAGES
_NAMES = st.text(alphabet="abc.-_ é\t\n\x1b", min_size=1, max_size=6).map(lambda n: n + ".txt")
_BODIES = st.binary(max_size=300) | st.builds(
    lambda front, body, crlf: (f"---\n{front}---\n" if front is not None else "") + body,
    st.none() | _YAML_TEXT,
    PAGES,
    st.booleans(),
).map(lambda s: s.encode("utf-8", "surrogatepass"))
FOLDERS = st.tuples(
    st.dictionaries(_NAMES, _BODIES, min_size=1, max_size=3),
    st.none()
    | st.dictionaries(_NAMES | st.text(max_size=8), _FIELDS, max_size=3).map(_dumped)
    | _YAML_TEXT,
)


@budget
@given(FOLDERS)
def test_read_sources_takes_any_folder(folder: tuple[dict[str, bytes], str | None]) -> None:
    files, manifest = folder
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, content in files.items():
            (root / name).write_bytes(content)
        if manifest is not None:
            (root / MANIFEST).write_bytes(manifest.encode("utf-8", "surrogatepass"))
        articles, problems = read_sources([root])
        for problem in problems:
            assert isinstance(problem, SourceError)
            message = str(problem)
            assert message.startswith(str(root)) and message.isprintable(), message
            message.encode("utf-8")
        assert len(articles) + sum(p.fatal for p in problems) >= len(files) or manifest
        for article in articles:
            raw = (root / article.path).read_bytes()
            assert article.text == raw.decode("utf-8")
            assert article.sha256 == hashlib.sha256(raw).hexdigest()
            assert len(article.nlp_text) == len(article.text)
            assert article.published is None or isinstance(article.published, date)
            for field in (article.title, article.publisher, article.url):
                assert field is None or isinstance(field, str)
                assert field is None or not re.search(r"[\ud800-\udfff]", field)
