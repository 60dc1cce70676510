"""The offline interactive HTML view: one self-contained page drawn by pyvis / vis-network.

The page makes no network request: vis-network's JS and CSS come from pyvis's own `lib` folder and
are inlined, and our template replaces pyvis's (which pulls Bootstrap from a CDN). Everything that
comes from the sources (labels, sentences, titles, publishers, URLs) is escaped before it becomes
markup; tooltips are built here from escaped parts only, because the page turns them into DOM with
`innerHTML` (vis-network 9 shows a plain string title as text, not HTML).
"""

from __future__ import annotations

import base64
import colorsys
import dataclasses
import hashlib
import html
import json
import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.edge import Edge as PyvisEdge
from pyvis.network import Network
from pyvis.node import Node as PyvisNode

from kg import timex
from kg.graph import Edge, EventNode, KnowledgeGraph, Mention, Node
from kg.humantime import human_time, origin_note
from kg.timeline import TimelineRow, timeline

__all__ = [
    "EDGE_QUAD_COLOURS",
    "KIND_STYLES",
    "SHOW_FIRST",
    "SHOW_STEP",
    "event_colour",
    "render_html",
    "script_json",
]

ASSETS = Path(__file__).parent / "assets"
# pyvis's template folder holds the vis-network build it was released with; we inline it from
# there so the JS/CSS always match the installed pyvis.
_PYVIS_TEMPLATES = Path(pyvis.__file__).parent / "templates"
_VIS = "lib/vis-9.1.2"

# Entity kinds: (vis shape, colour). Shapes whose label sits outside so that `size` applies.
KIND_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("dot", "#4e79a7"),
    "State": ("square", "#9c755f"),
    "Organization": ("triangle", "#b07aa1"),
    "Place": ("triangleDown", "#59a14f"),
    "Other": ("hexagon", "#bab0ac"),
    "Article": ("square", "#d7d7d7"),
}
EVENT_SHAPE = "diamond"
# Common event classes get a fixed colour; the rest (the ontology has dozens) get a hue from a
# stable hash of the name, so a class keeps its colour from build to build.
_EVENT_COLOURS: dict[str, str] = {
    "Event": "#8c8c8c",
    "Call": "#76b7b2",
    "Meeting": "#17becf",
    "Visit": "#edc948",
    "Summit": "#ff9da7",
    "Agreement": "#8cd17d",
    "Statement": "#a0cbe8",
    "MilitaryAction": "#e15759",
    "MilitaryExercise": "#f28e2b",
    "Sanction": "#d37295",
}
# CAMEO quad classes: cooperation in greens/blues, conflict in reds/oranges.
EDGE_QUAD_COLOURS: dict[str, str] = {
    "verbal-cooperation": "#1f77b4",
    "material-cooperation": "#2ca02c",
    "verbal-conflict": "#ff7f0e",
    "material-conflict": "#d62728",
}
_EDGE_DEFAULT = "#8a8a8a"
_STATUS_DASHES: dict[str, list[int] | bool] = {
    "Occurred": False,
    "Planned": [6, 4],
    "Hypothetical": [2, 3],
    "Negated": [6, 4],
}
_STATUS_OPACITY = {"Negated": 0.45}
_CSP_PLACEHOLDER = "KG_CSP_POLICY"
_MAX_EVIDENCE = 8  # per tooltip: beyond this a tooltip no longer fits on screen
# Timeline bar styles per status, mirroring the network's dashes and opacity: CSS class names,
# so a status string from the data never reaches an attribute unmapped.
_STATUS_CSS = {
    "Occurred": "",
    "Planned": "kg-st-dashed",
    "Hypothetical": "kg-st-dotted",
    "Negated": "kg-st-dashed kg-st-faded",
}
_MAX_TICKS = 12
# A big graph opens on its most-cited nodes, with a control for more: vis-network lays out and
# draws a few thousand nodes in seconds, not a few tens of thousands (bench/html_scale.py).
SHOW_FIRST = 1000
SHOW_STEP = 1000
# In embedded JSON these could end the <script> element or open a comment (`</script>`, `<!--`),
# or end a JS string in older engines (U+2028/2029): all become \u escapes.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

_OPTIONS_BASE: dict[str, Any] = {
    "autoResize": True,
    "nodes": {
        "borderWidth": 2,
        "font": {"size": 13, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        # vis-network hides a label drawn smaller than this many pixels: a story of a hundred
        # nodes fitted to a laptop screen is drawn at about a third of its size
        "scaling": {"label": {"drawThreshold": 3}},
    },
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "smooth": {"enabled": True, "type": "continuous"},
        "font": {"size": 9, "color": "#555555", "strokeWidth": 2, "align": "middle"},
        "width": 1.5,
    },
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
}


def event_colour(cls: str) -> str:
    """The fill colour of an event class; unknown classes get a stable spare colour."""
    known = _EVENT_COLOURS.get(cls)
    if known is not None:
        return known
    digest = hashlib.sha256(cls.encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    lightness = (0.55, 0.68, 0.45)[digest[2] % 3]
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, 0.6)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _safe_link(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None: `javascript:` and friends never link."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def _article_html(article_id: str, graph: KnowledgeGraph) -> str:
    """The outlet and the article: the publisher the metadata gives, else the host of its URL,
    then its title and date."""
    article = graph.article(article_id)
    if article is None:
        return f'<span class="kg-art">{_esc(article_id)}</span>'
    outlet = article.publisher or _host(article.url)
    head = " — ".join(_esc(p) for p in (outlet, article.title) if p) or _esc(article_id)
    if article.published is not None:
        head += f" ({_esc(article.published.isoformat())})"
    link = _safe_link(article.url)
    if link is not None:
        head = f'<a href="{_esc(link)}" target="_blank" rel="noopener noreferrer">{head}</a>'
    return f'<span class="kg-art">{head}</span>'


def _host(url: str | None) -> str | None:
    """ "https://www.reuters.com/world/..." -> "reuters.com"."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _quoted_order(m: Mention) -> tuple[str, int, int, str, str]:
    return (m.article, m.start, m.end, m.anchor, m.sentence)


def _evidence_html(
    evidence: Iterable[Mention], sources: Iterable[str], graph: KnowledgeGraph
) -> str:
    """Sources grouped by article, each with the sentences quoted from it, each sentence once.
    At most `_MAX_EVIDENCE` distinct sentences in all, taken in turns from the articles (the
    first sentence of every outlet before the second of any), so one outlet's repeats never
    hide another's."""
    by_article: dict[str, list[str]] = {}
    for m in sorted(set(evidence), key=_quoted_order):
        sentences = by_article.setdefault(m.article, [])
        sentence = " ".join(m.sentence.split())
        if sentence not in sentences:
            sentences.append(sentence)
    for source in sources:
        by_article.setdefault(source, [])
    if not by_article:
        return ""
    articles = sorted(by_article)
    shown: dict[str, int] = dict.fromkeys(articles, 0)
    budget = _MAX_EVIDENCE
    for turn in range(max(len(v) for v in by_article.values()) if budget else 0):
        for article_id in articles:
            if budget and turn < len(by_article[article_id]):
                shown[article_id] += 1
                budget -= 1
    parts = [f'<div class="kg-sec">Sources ({len(by_article)})</div><ul class="kg-src">']
    for article_id in articles:
        quotes = "".join(f"<q>{_esc(q)}</q>" for q in by_article[article_id][: shown[article_id]])
        parts.append(f"<li>{_article_html(article_id, graph)}{quotes}</li>")
    parts.append("</ul>")
    hidden = sum(len(v) for v in by_article.values()) - sum(shown.values())
    if hidden:
        parts.append(f'<div class="kg-more">… and {hidden} more sentence(s)</div>')
    return "".join(parts)


def _row(name: str, value: str) -> str:
    # `value` is markup already escaped by the caller.
    return f'<div class="kg-row"><span class="kg-key">{_esc(name)}</span> {value}</div>'


def _event_rows(graph: KnowledgeGraph, event: EventNode) -> list[str]:
    parts = [_row("type", f"Event: {_esc(event.cls.name)}")]
    begin = event.begin.isoformat() if event.begin else None
    end = event.end.isoformat() if event.end else None
    if event.time_value or begin or end:
        # in words ("Friday (week unknown)"); the RDF and the CSV keep the TIMEX3 value
        when = _esc(human_time(event.time_value)) if event.time_value else ""
        if begin or end:
            span = f"{_esc(begin or '?')} .. {_esc(end or '?')}"
            if begin == end:
                span = _esc(begin)
            # a day in words needs no span beside it; a month or a season gets its days
            when = f"{when} ({span})" if when and begin != end else (when or span)
        if note := origin_note(event.time_origin):
            when = f"{when} ({_esc(note)})"
        parts.append(_row("date", when))
    else:
        parts.append(_row("date", "unknown"))
    if event.time_conflicts:
        conflicts = sorted(event.time_conflicts)
        parts.append(_row("outlets also say", "; ".join(_esc(c) for c in conflicts)))
    parts.append(_row("status", _esc(event.status)))
    claimant = graph.claimant(event.iri)
    if claimant:
        parts.append(_row("claimed by", _esc(graph.label(claimant))))
    cameo = [v for v in (event.cls.quad, event.cls.cameo) if v]
    if cameo:
        parts.append(_row("CAMEO", " ".join(_esc(v) for v in cameo)))
    return parts


def _node_title(graph: KnowledgeGraph, node: Node) -> str:
    parts = [f'<div class="kg-head">{_esc(node.label)}</div>']
    if isinstance(node, EventNode):
        parts += _event_rows(graph, node)
    else:
        parts.append(_row("type", _esc(node.kind)))
        links = [_id_link(iri) for iri in node.same_as]
        if node.country_code:
            links.append(_esc(node.country_code))
        if links:
            parts.append(_row("ids", " ".join(links)))
    alt = sorted(set(node.alt_labels) - {node.label})
    if alt:
        parts.append(_row("also", ", ".join(_esc(a) for a in alt)))
    parts.append(_evidence_html(node.evidence, node.sources, graph))
    # The IRI is what a SPARQL query over graph.ttl needs.
    parts.append(f'<div class="kg-iri">{_esc(node.iri)}</div>')
    return "".join(parts)


# Where a public id comes from, for the link's text.
_ID_SOURCES = (("http://www.wikidata.org/", "Wikidata"), ("http://sws.geonames.org/", "GeoNames"))


def _id_link(iri: str) -> str:
    """A public id (owl:sameAs) as a link named after its source ("Wikidata Q148")."""
    source = next((name for prefix, name in _ID_SOURCES if iri.startswith(prefix)), "id")
    local = iri.rstrip("/").rsplit("/", 1)[-1]
    link = _safe_link(iri)
    text = f"{_esc(source)} {_esc(local)}"
    if link is None:
        return text
    return f'<a href="{_esc(link)}" target="_blank" rel="noopener noreferrer">{text}</a>'


def _edge_title(graph: KnowledgeGraph, edge: Edge) -> str:
    parts = [f'<div class="kg-head">{_esc(edge.predicate)}</div>']
    parts.append(_row("from", _esc(graph.label(edge.subject))))
    parts.append(_row("to", _esc(graph.label(edge.object))))
    if edge.role:
        parts.append(_row("role", _esc(edge.role)))
    parts.append(_evidence_html(edge.evidence, (), graph))
    return "".join(parts)


def _kind(node: Node) -> str:
    return "Event" if isinstance(node, EventNode) else node.kind


def _node_options(graph: KnowledgeGraph, node: Node) -> dict[str, object]:
    options: dict[str, object] = {
        "title": _node_title(graph, node),
        # Grows with the number of outlets, capped so one story does not swamp the view.
        "size": 10 + 4 * min(len(node.sources), 8),
        # labels big enough to read at the zoom that fits the story on screen: the actors
        # larger than the events, the better-attested larger than the rest
        "font": {
            "size": (20 if isinstance(node, EventNode) else 26) + 3 * min(len(node.sources), 5)
        },
    }
    if isinstance(node, EventNode):
        options["shape"] = EVENT_SHAPE
        options["color"] = event_colour(node.cls.name)
        dashes = _STATUS_DASHES.get(node.status, False)
        if dashes:
            options["shapeProperties"] = {"borderDashes": dashes}
            options["borderWidth"] = 3
        if node.status in _STATUS_OPACITY:
            options["opacity"] = _STATUS_OPACITY[node.status]
    else:
        shape, colour = KIND_STYLES.get(node.kind, KIND_STYLES["Other"])
        options["shape"] = shape
        options["color"] = colour
    return options


def _layout_iterations(nodes: int) -> int:
    # Each iteration costs about n log n: small graphs get a careful layout, big ones a usable
    # one in seconds rather than a perfect one in a minute.
    return max(80, min(600, 100_000 // max(nodes, 1)))


def script_json(value: object) -> str:
    """`value` as JSON that is safe inside an HTML <script> element: sorted keys, ASCII only, and
    `<`, `>`, `&`, U+2028, U+2029 as \\u escapes, so no string in it can end the element."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    # one str.replace per character, not str.translate: translate with a table of strings goes
    # character by character (~0.2 s for the 2.5 MB of a 60-article graph), replace is a scan
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def _rank(graph: KnowledgeGraph, order: list[Node]) -> list[int]:
    """Indexes into `order`, most-cited nodes first (then most connected, then by IRI): the order
    in which a big page shows its nodes."""

    def cited(i: int) -> tuple[int, int, str]:
        return (-len(order[i].sources), -graph.degree(order[i].iri), order[i].iri)

    return sorted(range(len(order)), key=cited)


def _meta(node: Node) -> dict[str, object]:
    """What the page's own JS needs per node: search labels and the filter keys."""
    labels = [node.label, *sorted(set(node.alt_labels) - {node.label})]
    meta: dict[str, object] = {"kind": _kind(node), "labels": labels}
    if isinstance(node, EventNode):
        meta["cls"] = node.cls.name
        meta["status"] = node.status
    return meta


def _legend(graph: KnowledgeGraph) -> dict[str, list[dict[str, object]]]:
    kinds = {e.kind for e in graph.entities} | ({"Event"} if graph.events else set())
    classes = {e.cls.name for e in graph.events}
    statuses = {e.status for e in graph.events}
    quads = {e.cls.quad for e in graph.events if e.cls.quad in EDGE_QUAD_COLOURS}
    kind_order = [k for k in KIND_STYLES if k in kinds] + sorted(
        kinds - set(KIND_STYLES) - {"Event"}
    )
    status_order = [s for s in _STATUS_DASHES if s in statuses] + sorted(
        statuses - set(_STATUS_DASHES)
    )
    return {
        "kinds": [
            {
                "name": k,
                "shape": KIND_STYLES.get(k, KIND_STYLES["Other"])[0],
                "colour": KIND_STYLES.get(k, KIND_STYLES["Other"])[1],
            }
            for k in kind_order
        ],
        "classes": [{"name": c, "colour": event_colour(c)} for c in sorted(classes)],
        "statuses": [
            {"name": s, "dashed": bool(_STATUS_DASHES.get(s)), "faded": s in _STATUS_OPACITY}
            for s in status_order
        ],
        "quads": [{"name": q, "colour": c} for q, c in EDGE_QUAD_COLOURS.items() if q in quads],
    }


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _ticks(first: date, days: int) -> list[tuple[date, str]]:
    """Axis ticks at whole years, months or days, whichever gives at most `_MAX_TICKS`."""
    last = first + timedelta(days=days - 1)
    if days > 4 * 366:
        step = -(-(last.year - first.year + 1) // _MAX_TICKS)
        start = date(first.year + (first != date(first.year, 1, 1)), 1, 1)
        return [(date(y, 1, 1), str(y)) for y in range(start.year, last.year + 1, step)]
    if days > 62:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        step = -(-months // _MAX_TICKS)
        tick = first if first.day == 1 else _add_months(first.replace(day=1), 1)
        found = []
        while tick <= last:
            found.append((tick, tick.strftime("%Y-%m")))
            tick = _add_months(tick, step)
        return found
    step = -(-days // _MAX_TICKS)
    return [
        (first + timedelta(days=d), (first + timedelta(days=d)).isoformat())
        for d in range(0, days, step)
    ]


def _percent(part: float, whole: int) -> str:
    # Fixed decimals: the page must come out byte-identical from build to build.
    return f"{100 * part / whole:.3f}"


def _item(row: TimelineRow) -> dict[str, object]:
    """A timeline row as the template shows it. Strings are raw here; the template escapes
    them."""
    when = human_time(row.time_value) if row.time_value else ""
    if row.begin is not None and row.end is not None:
        span = row.begin.isoformat() if row.begin == row.end else f"{row.begin} .. {row.end}"
        when = span if not when else when if row.begin == row.end else f"{when} ({span})"
    if when and (note := origin_note(row.time_origin)):
        when = f"{when} ({note})"
    return {
        "id": row.event,
        "label": row.label,
        "cls": row.cls,
        "colour": event_colour(row.cls),
        "status": row.status,
        "css": _STATUS_CSS.get(row.status, ""),
        "when": when or "date unknown",
        "participants": list(row.participants),
        "sources": f"{row.sources} source" + ("" if row.sources == 1 else "s"),
    }


# Longer than this, an event's span is too vague to size the axis by (kg.ttl's spans: a year
# is the coarsest a news story's own events usually get).
_VAGUE_DAYS = 2 * 366


def _vague(row: TimelineRow) -> bool:
    assert row.begin is not None and row.end is not None
    return (row.end - row.begin).days + 1 > _VAGUE_DAYS


_NO_YEAR = re.compile(r"XXXX-(\d{2})(?:-(\d{2}))?")


def _year_filled(rows: list[TimelineRow]) -> list[TimelineRow]:
    """Rows whose time names a month or a day but no year ("XXXX-03-05", from an undated
    article's "March 5") placed in that year when every other dated event of the story falls in
    one year; otherwise they stay undated. Their label keeps "(year unknown)"."""
    years = {
        y
        for r in rows
        if r.begin is not None and r.end is not None and not _vague(r)
        for y in (r.begin.year, r.end.year)
    }
    if len(years) != 1:
        return rows
    (year,) = years
    out = []
    for row in rows:
        m = _NO_YEAR.fullmatch(row.time_value or "") if row.begin is None else None
        if m is not None:
            begin, end = timex.bounds(f"{year}-{m[1]}" + (f"-{m[2]}" if m[2] else ""))
            row = dataclasses.replace(row, begin=begin, end=end)
        out.append(row)
    return out


def _timeline(graph: KnowledgeGraph) -> dict[str, list[dict[str, object]]]:
    """The timeline panel: `kg.timeline.timeline`'s rows as bars on a shared date axis (a bar
    spans begin..end inclusive, so a month-precise event covers its month), undated ones
    apart. The axis covers the events that span at most two years; vaguer ones ("20XX",
    "the 1990s") stay in the list with their bar clipped to the axis (css `kg-tl-clipped`)."""
    rows = _year_filled(timeline(graph))
    dated = [r for r in rows if r.begin is not None and r.end is not None]
    undated = [_item(r) for r in rows if r.begin is None or r.end is None]
    items: list[dict[str, object]] = []
    ticks: list[dict[str, object]] = []
    if dated:
        # the axis fits the story's dated events: a span of many years ("20XX", a decade)
        # would squash every other bar into one column, so it is drawn clipped to the axis
        fitted = [r for r in dated if not _vague(r)] or dated
        first = min(r.begin for r in fitted if r.begin is not None)
        last = max(r.end for r in fitted if r.end is not None)
        days = (last - first).days + 1
        for row in dated:
            assert row.begin is not None and row.end is not None
            item = _item(row)
            begin, end = max(row.begin, first), min(row.end, last)
            if begin > end:  # wholly off the axis: a sliver at the side it lies on
                begin = end = first if row.end < first else last
            item["left"] = _percent((begin - first).days, days)
            item["width"] = _percent((end - begin).days + 1, days)
            if (begin, end) != (row.begin, row.end):
                item["css"] = f"{item['css']} kg-tl-clipped".strip()
            items.append(item)
        ticks = [
            {"left": _percent((tick - first).days, days), "label": label}
            for tick, label in _ticks(first, days)
        ]
    return {"dated": items, "undated": undated, "ticks": ticks}


@cache
def _asset(folder: str, name: str) -> str:
    """A vendored or own asset's text, checked so that inlining it cannot end its element early."""
    base = _PYVIS_TEMPLATES if folder == "pyvis" else ASSETS
    text = (base / name).read_text(encoding="utf-8")
    if re.search(r"</(script|style)", text, re.IGNORECASE):
        raise ValueError(f"{base / name}: contains a closing tag, cannot be inlined")
    return text


def _environment() -> Environment:
    # No autoescape: the template only interpolates `tojson` output (HTML-safe JSON) and values
    # this module has escaped; pyvis's own variables are numbers and our options JSON.
    env = Environment(
        loader=FileSystemLoader(str(ASSETS)),
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["e"] = _esc
    return env


def _edge_order(edge: Edge) -> tuple[str, str, str]:
    # by source, target, then predicate and role: the order of networkx's keyed parallel edges
    return (edge.subject, edge.object, edge.predicate + (f"|{edge.role}" if edge.role else ""))


def render_html(graph: KnowledgeGraph) -> str:
    """Render the graph as one self-contained HTML page (no network request, deterministic).

    Nodes are coloured and shaped by kind and event class and sized by source count; node and
    edge tooltips cite the article and sentence behind them; the page has a search box, a legend,
    filters by event class and status, and a timeline of the events linked to the network.
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.templateEnv = _environment()
    net.path = "template.html"
    meta: dict[str, object] = {}
    order = list(graph.nodes())
    for node in order:
        # pyvis's add_node/add_edge check ids against a list (quadratic on big graphs); the ids
        # here are unique already, so build its Node/Edge records directly.
        styled = _node_options(graph, node)
        shape = styled.pop("shape")
        net.nodes.append(PyvisNode(node.iri, shape, label=node.label, **styled).options)
        net.node_ids.append(node.iri)
        meta[node.iri] = _meta(node)

    for index, edge in enumerate(sorted(graph.edges, key=_edge_order)):
        source = graph.node(edge.subject)
        quad = source.cls.quad if isinstance(source, EventNode) else None
        label = edge.predicate if not edge.role else f"{edge.predicate} ({edge.role})"
        record = PyvisEdge(
            edge.subject,
            edge.object,
            True,
            # Explicit ids: vis would otherwise mint random UUIDs for edges.
            id=f"e{index}",
            label=label,
            title=_edge_title(graph, edge),
            color=EDGE_QUAD_COLOURS.get(str(quad), _EDGE_DEFAULT),
            # Entity-to-entity relations are drawn dashed to tell them from event roles.
            dashes=not isinstance(source, EventNode),
        )
        net.edges.append(record.options)

    shown = min(len(order), SHOW_FIRST)
    options = json.loads(json.dumps(_OPTIONS_BASE))
    options["layout"] = {"randomSeed": 7, "improvedLayout": len(order) <= 150}
    if len(order) > SHOW_FIRST:
        # Curved edges cost twice the drawing time of straight ones; on a big graph the page
        # must stay quick to pan and zoom more than it must look its best.
        options["edges"]["smooth"] = False
        options["interaction"]["hideEdgesOnZoom"] = True
    options["physics"] = {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {
            "gravitationalConstant": -60,
            "springLength": 110,
            "avoidOverlap": 0.3,
        },
        "stabilization": {
            "enabled": True,
            "iterations": _layout_iterations(shown),
            # Hand the main thread back every few iterations so that the page answers while
            # a big graph is laid out.
            "updateInterval": 25 if shown <= 300 else 5,
            "fit": True,
        },
    }
    # "Show more" places new nodes beside their neighbours first, so a short layout settles them.
    view = {"first": shown, "step": SHOW_STEP, "relayout": 60, "rank": _rank(graph, order)}
    data_js = "\n".join(
        f"var {name} = {script_json(value)};"
        for name, value in (
            ("kgMeta", meta),
            ("kgNodes", net.nodes),
            ("kgEdges", net.edges),
            ("kgOptions", options),
            ("kgView", view),
        )
    )
    scripts = (
        "\n" + data_js + "\n",
        _asset("pyvis", f"{_VIS}/vis-network.min.js"),
        _asset("kg", "page.js"),
    )
    net.templateEnv.globals["kg"] = {
        "vis_css": _asset("pyvis", f"{_VIS}/vis-network.css"),
        "page_css": _asset("kg", "page.css"),
        "scripts": scripts,
        "legend": _legend(graph),
        "timeline": _timeline(graph),
        "title": "kg: news event graph",
        "counts": {
            "nodes": len(order),
            "edges": len(graph.edges),
            "events": len(graph.events),
            "articles": len(graph.articles),
        },
    }
    page: str = net.generate_html()
    return _with_csp(page, scripts)


def _with_csp(page: str, scripts: Iterable[str]) -> str:
    """Fill in the page's Content-Security-Policy: only its own inline scripts may run.

    Escaping is the defence against hostile text; this is the second wall. Scripts are allowed by
    the hash of the bodies this module wrote, never of whatever `<script>` the page happens to
    contain, so neither an injected script element nor an inline handler (`onerror=`) would run;
    `default-src 'none'` forbids every fetch, so the page cannot reach the network even by mistake.
    """
    hashes = sorted(
        {
            "'sha256-"
            + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            + "'"
            for body in scripts
        }
    )
    policy = (
        f"default-src 'none'; script-src {' '.join(hashes)}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    # Only the first occurrence is the placeholder in <head>; the data comes later.
    return page.replace(_CSP_PLACEHOLDER, policy, 1)
