"""Articles as people have them: saved web pages, RSS/Atom feeds and JSON Lines crawls.

The pages are made here, each with the furniture real pages carry (navigation, a cookie banner,
a list of related articles, reader comments, a footer, JSON-LD with `datePublished`); the
related articles and comments name other people and events, so a leak of any of them into the
analysed text changes the graph.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.pipeline import build
from kg.sources import read_sources
from tests.hostile.fuzzing import budget

KG = "https://w3id.org/newskg/ontology#"
PREFIXES = f"""
PREFIX kg: <{KG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

ARTICLES = {
    "scholz-biden": (
        "2023-01-03",
        "Scholz and Biden agree on armoured vehicles for Ukraine",
        [
            "German Chancellor Olaf Scholz spoke with U.S. President Joe Biden by telephone on "
            "Monday, the German government said.",
            "The two leaders agreed to send armoured vehicles to Ukraine, according to a joint "
            "statement released after the call.",
            "Story continues below advertisement",
            "Scholz will travel to Washington in March, his spokesman Steffen Hebestreit said.",
        ],
    ),
    "meloni-kyiv": (
        "2023-02-10",
        "Meloni to visit Kyiv this month",
        [
            "Italian Prime Minister Giorgia Meloni will visit Kyiv later this month, her office "
            "said on Friday.",
            "Meloni met Ukrainian President Volodymyr Zelenskiy in Brussels on Thursday, on the "
            "sidelines of a summit of European Union leaders.",
            "Zelenskiy thanked Italy for its support.",
        ],
    ),
    "erdogan-kristersson": (
        "2022-11-08",
        "Erdogan hosts Kristersson in Ankara",
        [
            "Turkish President Tayyip Erdogan met Swedish Prime Minister Ulf Kristersson in "
            "Ankara on Tuesday to discuss Sweden's bid to join NATO.",
            "Kristersson said Sweden would meet its obligations to Turkey.",
        ],
    ),
}

# Related articles and comments: events that are not the article's
FURNITURE_TOP = """
<div id="cookie-banner" class="cookie-consent" role="dialog">
  <p>We use cookies to improve your experience and to show you personalised advertising.
  By clicking "Accept all" you agree to our use of cookies.</p>
  <button>Accept all</button> <button>Manage preferences</button>
</div>
<header class="site-header">
  <a class="logo" href="/">The Example Times</a>
  <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
  <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
"""
FURNITURE_BOTTOM = """
<aside class="related-articles"><h2>Related articles</h2><ul>
  <li><a href="/r1">Putin visits Beijing for talks with Xi Jinping on Thursday</a></li>
  <li><a href="/r2">Macron calls Trudeau to discuss trade on Sunday</a></li>
  <li><a href="/r3">Netanyahu meets Modi in New Delhi</a></li>
</ul></aside>
<section id="comments" class="comments"><h2>Comments (2)</h2>
  <div class="comment"><p class="author">reader_42</p>
  <p>Boris Johnson visited Canberra last year and nothing came of it.</p></div>
  <div class="comment"><p class="author">Jan</p><p>Orban will veto it, watch.</p></div>
</section>
<footer><p>© 2023 The Example Times. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
"""


def page(title: str, published: str, paragraphs: list[str], url: str) -> str:
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"{published}T09:30:00+00:00",
            "dateModified": "2023-03-01T10:00:00+00:00",
            "author": {"@type": "Person", "name": "Kim Example"},
            "publisher": {"@type": "Organization", "name": "The Example Times"},
        }
    )
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | The Example Times</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="The Example Times">
<script type="application/ld+json">{ld}</script>
<script>window.dataLayer = [{{"page": "article"}}];</script>
</head><body>
{FURNITURE_TOP}
<main><article>
<h1>{title}</h1>
<p class="byline">By <a href="/kim">Kim Example</a></p>
{body}
</article>
{FURNITURE_BOTTOM}
</main></body></html>
"""


def plain(title: str, paragraphs: list[str]) -> str:
    return "\n\n".join([title, *paragraphs]) + "\n"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    for name, (published, title, paragraphs) in ARTICLES.items():
        url = f"https://times.example.org/world/{name}"
        (folder / f"{name}.html").write_text(page(title, published, paragraphs, url), "utf-8")
    return folder


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("texts")
    manifest = []
    for name, (published, title, paragraphs) in ARTICLES.items():
        (folder / f"{name}.txt").write_text(plain(title, paragraphs), "utf-8")
        manifest.append(f"{name}.txt:\n  published: {published}\n")
    (folder / "sources.yaml").write_text("".join(manifest), "utf-8")
    return folder


def _store(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def _rows(store: ox.Store, query: str) -> set[tuple[str, ...]]:
    result = store.query(PREFIXES + query)
    assert isinstance(result, ox.QuerySolutions)
    return {tuple(t.value if t is not None else "" for t in row) for row in result}


ENTITIES = "SELECT ?c ?l WHERE { ?e a ?c ; rdfs:label ?l ; kg:evidence ?m FILTER (?c != kg:Event) }"
EVENTS = """
SELECT ?c ?l ?t ?s (GROUP_CONCAT(DISTINCT ?who; separator="|") AS ?actors) WHERE {
    ?e a kg:Event, ?c ; rdfs:label ?l ; kg:status ?s FILTER (?c != kg:Event)
    OPTIONAL { ?e kg:timeValue ?t }
    OPTIONAL { ?e sem:hasActor/rdfs:label ?who }
} GROUP BY ?c ?l ?t ?s"""
DATES = "SELECT ?a ?d ?o WHERE { ?a a kg:Article ; dcterms:date ?d ; kg:dateOrigin ?o }"


@pytest.mark.slow
def test_saved_pages_build_the_same_graph_as_their_text(
    pages: Path, texts: Path, tmp_path: Path
) -> None:
    html_out, text_out = tmp_path / "from-pages", tmp_path / "from-texts"
    from_pages = build([pages], html_out, cache=None)
    from_texts = build([texts], text_out, cache=None)
    assert from_pages.errors == () and from_texts.errors == ()
    one, two = _store(html_out / "graph.ttl"), _store(text_out / "graph.ttl")
    assert _rows(one, ENTITIES) == _rows(two, ENTITIES)
    events = _rows(one, EVENTS)
    assert events == _rows(two, EVENTS)
    # "on Tuesday" resolved against the date the page's JSON-LD gives; "hosts" and "met" are
    # one meeting, a visit (kg:Visit, a kg:Meeting) as the host's verb says
    assert any(c == f"{KG}Visit" and t == "2022-11-08" for c, _, t, *_ in events)
    # nothing from the related articles or the comments
    labels = " ".join(label for _, label in _rows(one, ENTITIES))
    for leaked in ("Putin", "Macron", "Modi", "Johnson", "Orban", "cookies", "Example Times"):
        assert leaked not in labels
    # the dates come from the pages' JSON-LD, as metadata
    dates = {(a.rsplit("/", 1)[1], d, o) for a, d, o in _rows(one, DATES)}
    assert dates == {(name, published, "metadata") for name, (published, _, _) in ARTICLES.items()}


@pytest.mark.slow
def test_offsets_point_into_the_stored_texts(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build([pages], out, cache=None)
    assert f"{out}/texts" in report.outputs
    mentions = _rows(
        _store(out / "graph.ttl"),
        "SELECT ?a ?s ?e ?x WHERE { ?m kg:inArticle ?a ; kg:start ?s ; kg:end ?e ; "
        "kg:anchorOf ?x }",
    )
    assert mentions
    for article, start, end, anchor in mentions:
        text = (out / "texts" / f"{article.rsplit('/', 1)[1]}.txt").read_text("utf-8")
        assert text[int(start) : int(end)] == anchor
    # a page removed from the sources takes its text with it
    (pages / "meloni-kyiv.html").rename(tmp_path / "gone.html")
    try:
        build([pages], out, cache=None)
    finally:
        (tmp_path / "gone.html").rename(pages / "meloni-kyiv.html")
    assert sorted(p.name for p in (out / "texts").iterdir()) == [
        "erdogan-kristersson.txt",
        "scholz-biden.txt",
    ]


def test_page_reader(pages: Path) -> None:
    articles, problems = read_sources([pages])
    assert problems == []
    first = next(a for a in articles if a.id == "scholz-biden")
    assert first.source_format == "html" and first.text_file == "texts/scholz-biden.txt"
    assert first.text == plain(*ARTICLES["scholz-biden"][1:]).rstrip("\n")
    assert first.title == "Scholz and Biden agree on armoured vehicles for Ukraine"
    assert first.author == "Kim Example" and first.publisher == "The Example Times"
    assert first.url == "https://times.example.org/world/scholz-biden"
    assert len(first.sha256) == 64 and first.date_origin == "metadata"
    # furniture inside the article is masked for the NLP, as in text files
    start = first.text.index("Story continues below advertisement")
    assert first.nlp_text[start : start + 10].strip() == ""
    assert len(first.nlp_text) == len(first.text)


def test_html_named_on_the_command_line_is_read_as_html(pages: Path) -> None:
    """Regression: a page given by name was read as text (an Organization "DOCTYPE")."""
    articles, problems = read_sources([pages / "meloni-kyiv.html"])
    assert problems == [] and articles[0].source_format == "html"
    assert "DOCTYPE" not in articles[0].text and "<" not in articles[0].text


def test_page_without_text(tmp_path: Path, pages: Path) -> None:
    (tmp_path / "empty.html").write_text(
        "<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav>"
        "<script>var x = 1;</script></body></html>",
        "utf-8",
    )
    articles, problems = read_sources([tmp_path / "empty.html", pages / "meloni-kyiv.html"])
    assert [a.id for a in articles] == ["meloni-kyiv"]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'empty.html'}: no article text could be extracted from the page"
    ]


# ---------------------------------------------------------------------------------------------
# Feeds

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Example Times: World</title><link>https://times.example.org/</link>
<item>
  <title>Scholz and Biden agree on armoured vehicles for Ukraine</title>
  <link>https://times.example.org/world/scholz-biden</link>
  <guid isPermaLink="false">times-1001</guid>
  <pubDate>Tue, 03 Jan 2023 09:30:00 GMT</pubDate>
  <description>Short summary only.</description>
  <content:encoded><![CDATA[{body}]]></content:encoded>
</item>
<item>
  <title>Erdogan hosts Kristersson in Ankara</title>
  <link>https://times.example.org/world/erdogan-kristersson</link>
  <pubDate>Tue, 08 Nov 2022 12:00:00 +0300</pubDate>
  <description><![CDATA[<p>Turkish President Tayyip Erdogan met Swedish Prime Minister Ulf
  Kristersson in Ankara on Tuesday.</p>]]></description>
</item>
<item><title>A link with nothing in it</title><link>https://times.example.org/x</link></item>
</channel></rss>
"""


def _feed() -> str:
    paragraphs = ARTICLES["scholz-biden"][2]
    return FEED.replace("{body}", "".join(f"<p>{p}</p>" for p in paragraphs))


def test_feed_entries_are_articles(tmp_path: Path) -> None:
    (tmp_path / "world.rss").write_text(_feed(), "utf-8")
    articles, problems = read_sources([tmp_path])
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'world.rss'}#3: entry has no text (no content or summary)"
    ]
    first, second = articles
    assert first.source_format == "feed" and first.path == "world.rss#1"
    assert re.fullmatch(r"world-[0-9a-f]{12}", first.id) and first.id != second.id
    assert first.text == plain(*ARTICLES["scholz-biden"][1:]).rstrip("\n")  # content, not summary
    assert (str(first.published), first.date_origin) == ("2023-01-03", "metadata")
    assert str(second.published) == "2022-11-08"  # 12:00 +03:00 is 09:00 UTC
    assert first.publisher == "The Example Times: World"
    # ids are stable: the same entry in a reordered feed keeps its id
    items = _feed().split("<item>")
    (tmp_path / "world.rss").write_text(
        items[0] + "<item>" + items[2] + "<item>" + items[1] + "<item>" + items[3], "utf-8"
    )
    again, _ = read_sources([tmp_path])
    assert {a.id for a in again} == {first.id, second.id}


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>Laugh</title><link>https://x.example/1</link><description>&g;</description></item>
</channel></rss>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>Leak</title>
<item><title>Leak</title><link>https://x.example/1</link><description>&leak;</description></item>
</channel></rss>"""
EXTERNAL_ONLY = """<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "file://{secret}">
<rss version="2.0"><channel><title>Leak</title>
<item><title>Leak</title><link>https://x.example/1</link><description>text</description></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (BOMB, "feed declares XML entities; refused unexpanded"),
        (EXTERNAL, "feed declares XML entities; refused unexpanded"),
        ("This is not XML at all, just words.", "not XML: syntax error: line 1, column 0"),
        ("<html><body><p>A page</p></body></html>", "not an RSS or Atom feed"),
        ("", "empty file"),
    ],
)
def test_bad_feeds_are_refused(tmp_path: Path, content: str, problem: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", "utf-8")
    (tmp_path / "bad.rss").write_text(content.replace("{secret}", str(secret)), "utf-8")
    (tmp_path / "good.rss").write_text(_feed(), "utf-8")
    articles, problems = read_sources([tmp_path / "bad.rss", tmp_path / "good.rss"])
    assert len(articles) == 2 and all(a.path.startswith("good.rss") for a in articles)
    bad = [p for p in problems if "bad.rss" in p.path]
    assert len(bad) == 1 and problem in bad[0].problem, bad
    assert "\n" not in str(bad[0])
    assert all("the secret" not in a.text for a in articles)


def test_external_dtd_is_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", "utf-8")
    (tmp_path / "dtd.rss").write_text(EXTERNAL_ONLY.replace("{secret}", str(secret)), "utf-8")
    articles, problems = read_sources([tmp_path / "dtd.rss"])
    assert all("the secret" not in a.text for a in articles)
    assert all("secret" not in (a.title or "") for a in articles), problems


@pytest.mark.slow
def test_feed_builds(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "world.rss").write_text(_feed(), "utf-8")
    report = build([tmp_path / "src"], tmp_path / "out", cache=None)
    assert report.articles == 2 and len(report.errors) == 1 and report.events >= 2
    stored = sorted((tmp_path / "out" / "texts").iterdir())
    assert len(stored) == 2
    assert all(re.fullmatch(r"world-[0-9a-f]{12}\.txt", p.name) for p in stored)


# ---------------------------------------------------------------------------------------------
# JSON Lines


def _news_please(name: str) -> dict[str, object]:
    """A record as news-please writes it."""
    published, title, paragraphs = ARTICLES[name]
    return {
        "authors": ["Kim Example"],
        "date_download": "2023-03-01 10:00:00",
        "date_modify": None,
        "date_publish": f"{published} 09:30:00",
        "description": "A summary.",
        "filename": f"{name}.json",
        "image_url": None,
        "language": "en",
        "localpath": None,
        "maintext": "\n".join(paragraphs),
        "source_domain": "times.example.org",
        "title": title,
        "title_page": None,
        "title_rss": None,
        "url": f"https://times.example.org/world/{name}",
    }


def _crawl() -> str:
    lines = [json.dumps(_news_please(name)) for name in ARTICLES]
    lines.insert(1, "[1, 2, 3]")
    lines.insert(2, '{"title": "A record with no text", "url": "https://x.example/1"}')
    lines.insert(3, '{"title": "broken')
    lines.insert(
        4,
        json.dumps({"html": "<p>Scholz called Biden on Monday.</p>", "date": "2023-01-03"}),
    )
    return "\n".join(lines) + "\n\n"


def test_jsonl_records_are_articles(tmp_path: Path) -> None:
    (tmp_path / "crawl.jsonl").write_text(_crawl(), "utf-8")
    articles, problems = read_sources([tmp_path])
    where = tmp_path / "crawl.jsonl"
    assert [str(p) for p in problems] == [
        f"{where}:2: not a JSON object (a JSON array)",
        f"{where}:3: record has no text (none of text, maintext, content, body, html, raw_html)",
        f"{where}:4: not JSON: Unterminated string starting at (column 11)",
    ]
    assert len(articles) == 4
    first = articles[0]
    assert first.path == "crawl.jsonl#1" and first.source_format == "jsonl"
    assert first.text == plain(*ARTICLES["scholz-biden"][1:]).rstrip("\n")
    assert (str(first.published), first.date_origin) == ("2023-01-03", "metadata")
    assert first.publisher == "times.example.org" and first.author == "Kim Example"
    assert first.url == "https://times.example.org/world/scholz-biden"
    assert articles[1].text == "Scholz called Biden on Monday."  # HTML, no text field
    assert len({a.id for a in articles}) == 4


@pytest.mark.slow
def test_jsonl_builds(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "crawl.jsonl").write_text(_crawl(), "utf-8")
    report = build([tmp_path / "src"], tmp_path / "out", cache=None)
    assert report.articles == 4 and len(report.errors) == 3 and report.events >= 3
    assert len(list((tmp_path / "out" / "texts").iterdir())) == 4


# ---------------------------------------------------------------------------------------------
# Any bytes: one line per problem, never a crash


_JSON_BITS = st.sampled_from(
    ['{"text": ', '{"maintext": "', '{"html": "<p>', '"title": "', '"date_publish": "2022-',
     "[", "]", "{", "}", '"', ",", ":", "null", "\\\\u0000", "\n", "<", "&e;", "Putin met Xi."]
)  # fmt: skip
_XML_BITS = st.sampled_from(
    ["<?xml version='1.0'?>", "<rss version='2.0'>", "<channel>", "<item>", "<title>",
     "</title>", "<description>", "</description>", "</item>", "</channel>", "</rss>",
     "<!DOCTYPE rss [<!ENTITY e 'x'>]>", "&e;", "&amp;", "<![CDATA[<p>a</p>]]>", "Putin",
     "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "</entry>", "\x00", "\n"]
)  # fmt: skip


@pytest.mark.parametrize(
    ("suffix", "bits"), [(".jsonl", _JSON_BITS), (".rss", _XML_BITS), (".html", _XML_BITS)]
)
def test_any_text_gives_articles_or_one_line_problems(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, bits: st.SearchStrategy[str]
) -> None:
    @budget
    @given(st.lists(bits | st.text(max_size=20), max_size=40).map("".join))
    def check(text: str) -> None:
        folder = tmp_path_factory.mktemp("any")
        (folder / f"x{suffix}").write_text(text, "utf-8", errors="surrogatepass")
        articles, problems = read_sources([folder])
        assert all("\n" not in str(p) and str(p).startswith(str(folder)) for p in problems)
        for article in articles:
            assert article.text.strip() and len(article.nlp_text) == len(article.text)

    check()
