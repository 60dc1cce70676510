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
import hashlib
import html
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from kg.model import Article, Evidence

__all__ = [
    "EDGE_QUAD_COLOURS",
    "KIND_STYLES",
    "SHOW_FIRST",
    "SHOW_STEP",
    "event_colour",
    "render_html",
    "script_json",
    "write_html",
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
# Event roles that make an entity a participant (sub-properties of sem:hasActor).
_PARTICIPANT_ROLES = frozenset({"agent", "target", "coParticipant", "hasActor"})
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
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)

_OPTIONS_BASE: dict[str, Any] = {
    "autoResize": True,
    "nodes": {
        "borderWidth": 2,
        "font": {"size": 13, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
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


def _article_id(source: str, articles: Mapping[str, Article]) -> str:
    # `sources` holds article node IRIs while `articles` is keyed by the file stem, which is the
    # IRI's last segment.
    return source if source in articles else source.rstrip("/").rsplit("/", 1)[-1]


def _article_html(article_id: str, articles: Mapping[str, Article]) -> str:
    article = articles.get(article_id)
    if article is None:
        return f'<span class="kg-art">{_esc(article_id)}</span>'
    head = " — ".join(_esc(p) for p in (article.publisher, article.title) if p) or _esc(article_id)
    published = article.published
    if published is not None:
        # A date by the model's contract; tolerate an ISO string from hand-made inputs.
        when = published.isoformat() if isinstance(published, date) else str(published)
        head += f" ({_esc(when)})"
    link = _safe_link(article.url)
    if link is not None:
        head = f'<a href="{_esc(link)}" target="_blank" rel="noopener noreferrer">{head}</a>'
    return f'<span class="kg-art">{head}</span>'


def _evidence_html(
    evidence: Iterable[Evidence], sources: Iterable[str], articles: Mapping[str, Article]
) -> str:
    """Sources grouped by article, each with the sentences quoted from it."""
    by_article: dict[str, list[Evidence]] = {}
    for ev in sorted(
        set(evidence), key=lambda e: (e.article, e.start, e.end, e.anchor, e.sentence)
    ):
        by_article.setdefault(ev.article, []).append(ev)
    for source in sources:
        by_article.setdefault(_article_id(source, articles), [])
    if not by_article:
        return ""
    parts = [f'<div class="kg-sec">Sources ({len(by_article)})</div><ul class="kg-src">']
    shown = 0
    hidden = 0
    for article_id in sorted(by_article):
        quotes = []
        for ev in by_article[article_id]:
            if shown >= _MAX_EVIDENCE:
                hidden += 1
                continue
            shown += 1
            quotes.append(f"<q>{_esc(ev.sentence.strip())}</q>")
        parts.append(f"<li>{_article_html(article_id, articles)}{''.join(quotes)}</li>")
    parts.append("</ul>")
    if hidden:
        parts.append(f'<div class="kg-more">… and {hidden} more sentence(s)</div>')
    return "".join(parts)


def _row(name: str, value: str) -> str:
    # `value` is markup already escaped by the caller.
    return f'<div class="kg-row"><span class="kg-key">{_esc(name)}</span> {value}</div>'


def _label_of(graph: nx.MultiDiGraph, node: str) -> str:
    label = graph.nodes[node].get("label") if node in graph else None
    return str(label) if label else node


def _node_title(
    graph: nx.MultiDiGraph, node: str, data: Mapping[str, Any], articles: Mapping[str, Article]
) -> str:
    kind = str(data.get("kind") or "Other")
    parts = [f'<div class="kg-head">{_esc(data.get("label") or node)}</div>']
    if kind == "Event":
        parts.append(_row("type", f"Event: {_esc(data.get('cls') or 'Event')}"))
        time_value = data.get("time_value")
        begin, end = data.get("begin"), data.get("end")
        if time_value or begin or end:
            when = _esc(time_value) if time_value else ""
            if begin or end:
                span = f"{_esc(begin or '?')} .. {_esc(end or '?')}"
                if begin == end:
                    span = _esc(begin)
                when = f"{when} ({span})" if when and span != when else (when or span)
            parts.append(_row("date", when))
        else:
            parts.append(_row("date", "unknown"))
        conflicts = sorted(str(c) for c in data.get("time_conflicts") or ())
        if conflicts:
            parts.append(_row("outlets also say", "; ".join(_esc(c) for c in conflicts)))
        if data.get("status"):
            parts.append(_row("status", _esc(data["status"])))
        if data.get("claimed_by"):
            parts.append(_row("claimed by", _esc(_label_of(graph, str(data["claimed_by"])))))
        if data.get("quad") or data.get("cameo"):
            cameo = " ".join(_esc(data[k]) for k in ("quad", "cameo") if data.get(k))
            parts.append(_row("CAMEO", cameo))
    else:
        parts.append(_row("type", _esc(kind)))
    alt = sorted({str(a) for a in data.get("alt_labels") or ()} - {str(data.get("label"))})
    if alt:
        parts.append(_row("also", ", ".join(_esc(a) for a in alt)))
    parts.append(
        _evidence_html(data.get("evidence") or (), sorted(data.get("sources") or ()), articles)
    )
    # The IRI is what a SPARQL query over graph.ttl needs.
    parts.append(f'<div class="kg-iri">{_esc(node)}</div>')
    return "".join(parts)


def _edge_title(
    graph: nx.MultiDiGraph,
    u: str,
    v: str,
    predicate: str,
    data: Mapping[str, Any],
    articles: Mapping[str, Article],
) -> str:
    parts = [f'<div class="kg-head">{_esc(predicate)}</div>']
    parts.append(_row("from", _esc(_label_of(graph, u))))
    parts.append(_row("to", _esc(_label_of(graph, v))))
    if data.get("role"):
        parts.append(_row("role", _esc(data["role"])))
    parts.append(_evidence_html(data.get("evidence") or (), (), articles))
    return "".join(parts)


def _predicate(key: object, data: Mapping[str, Any]) -> str:
    # kg.graph keys parallel edges "leaderOf|President" and keeps the local name in `predicate`.
    return str(data.get("predicate") or str(key).split("|", 1)[0])


def _source_count(data: Mapping[str, Any]) -> int:
    sources = set(data.get("sources") or ())
    if not sources:
        sources = {ev.article for ev in data.get("evidence") or ()}
    return len(sources)


def _node_options(
    graph: nx.MultiDiGraph, node: str, data: Mapping[str, Any], articles: Mapping[str, Article]
) -> dict[str, Any]:
    kind = str(data.get("kind") or "Other")
    count = _source_count(data)
    options: dict[str, Any] = {
        "title": _node_title(graph, node, data, articles),
        # Grows with the number of outlets, capped so one story does not swamp the view.
        "size": 10 + 4 * min(count, 8),
    }
    if kind == "Event":
        status = str(data.get("status") or "Occurred")
        options["shape"] = EVENT_SHAPE
        options["color"] = event_colour(str(data.get("cls") or "Event"))
        dashes = _STATUS_DASHES.get(status, False)
        if dashes:
            options["shapeProperties"] = {"borderDashes": dashes}
            options["borderWidth"] = 3
        if status in _STATUS_OPACITY:
            options["opacity"] = _STATUS_OPACITY[status]
    else:
        shape, colour = KIND_STYLES.get(kind, KIND_STYLES["Other"])
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
    return text.translate(_JSON_ESCAPES)


def _rank(graph: nx.MultiDiGraph, order: list[str]) -> list[int]:
    """Indexes into `order`, most-cited nodes first (then most connected, then by IRI): the order
    in which a big page shows its nodes."""
    counts = {node: _source_count(graph.nodes[node]) for node in order}
    return sorted(
        range(len(order)),
        key=lambda i: (-counts[order[i]], -graph.degree(order[i]), order[i]),
    )


def _meta(node: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """What the page's own JS needs per node: search labels and the filter keys."""
    kind = str(data.get("kind") or "Other")
    labels = [str(data.get("label") or node)]
    labels += sorted({str(a) for a in data.get("alt_labels") or ()} - set(labels))
    meta: dict[str, Any] = {"kind": kind, "labels": labels}
    if kind == "Event":
        meta["cls"] = str(data.get("cls") or "Event")
        meta["status"] = str(data.get("status") or "Occurred")
    return meta


def _legend(graph: nx.MultiDiGraph) -> dict[str, Any]:
    kinds: set[str] = set()
    classes: set[str] = set()
    statuses: set[str] = set()
    quads: set[str] = set()
    for _, data in graph.nodes(data=True):
        kind = str(data.get("kind") or "Other")
        kinds.add(kind)
        if kind == "Event":
            classes.add(str(data.get("cls") or "Event"))
            statuses.add(str(data.get("status") or "Occurred"))
            if data.get("quad") in EDGE_QUAD_COLOURS:
                quads.add(str(data["quad"]))
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


def _iso(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


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


def _timeline(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The timeline panel: dated events as bars on a shared date axis, undated ones apart.

    Ordered by begin (then label, then IRI). A bar spans begin..end inclusive, so a month-precise
    event covers its month. Strings are raw here; the template escapes them.
    """
    participants: dict[str, set[str]] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        if _predicate(key, data) in _PARTICIPANT_ROLES:
            participants.setdefault(u, set()).add(_label_of(graph, v))
    items: list[dict[str, Any]] = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "Event":
            continue
        begin = _iso(data.get("begin"))
        end = _iso(data.get("end")) or begin
        if begin is not None and end is not None and end < begin:
            begin, end = end, begin
        status = str(data.get("status") or "Occurred")
        when = str(data.get("time_value") or "")
        if begin is not None and end is not None:
            span = begin.isoformat() if begin == end else f"{begin} .. {end}"
            when = span if not when or when == span else f"{when} ({span})"
        count = _source_count(data)
        items.append(
            {
                "id": node,
                "label": str(data.get("label") or node),
                "cls": str(data.get("cls") or "Event"),
                "colour": event_colour(str(data.get("cls") or "Event")),
                "status": status,
                "css": _STATUS_CSS.get(status, ""),
                "when": when or "date unknown",
                "participants": sorted(participants.get(node, ())),
                "sources": f"{count} source" + ("" if count == 1 else "s"),
                "begin": begin,
                "end": end,
            }
        )
    items.sort(key=lambda i: (i["begin"] is None, i["begin"] or date.min, i["label"], i["id"]))
    dated = [i for i in items if i["begin"] is not None]
    undated = [i for i in items if i["begin"] is None]
    ticks: list[dict[str, str]] = []
    if dated:
        first = min(i["begin"] for i in dated)
        days = (max(i["end"] for i in dated) - first).days + 1
        for item in dated:
            item["left"] = _percent((item["begin"] - first).days, days)
            item["width"] = _percent((item["end"] - item["begin"]).days + 1, days)
        ticks = [
            {"left": _percent((tick - first).days, days), "label": label}
            for tick, label in _ticks(first, days)
        ]
    return {"dated": dated, "undated": undated, "ticks": ticks}


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


def render_html(graph: nx.MultiDiGraph, articles: Mapping[str, Article]) -> str:
    """Render the graph as one self-contained HTML page (no network request, deterministic).

    Nodes are coloured and shaped by kind and event class and sized by source count; node and
    edge tooltips cite the article and sentence behind them; the page has a search box, a legend,
    filters by event class and status, and a timeline of the events linked to the network.
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.templateEnv = _environment()
    net.path = "template.html"
    meta: dict[str, Any] = {}
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        # pyvis's add_node/add_edge check ids against a list (quadratic on big graphs); the ids
        # here are unique already, so build its Node/Edge records directly.
        label = str(data.get("label") or node)
        styled = _node_options(graph, node, data, articles)
        net.nodes.append(Node(node, styled.pop("shape"), label=label, **styled).options)
        net.node_ids.append(node)
        meta[node] = _meta(node, data)

    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for index, (u, v, key, data) in enumerate(edges):
        source_kind = graph.nodes[u].get("kind")
        quad = graph.nodes[u].get("quad") if source_kind == "Event" else None
        colour = EDGE_QUAD_COLOURS.get(str(quad), _EDGE_DEFAULT)
        predicate = _predicate(key, data)
        label = predicate if not data.get("role") else f"{predicate} ({data['role']})"
        record = Edge(
            u,
            v,
            True,
            # Explicit ids: vis would otherwise mint random UUIDs for edges.
            id=f"e{index}",
            label=label,
            title=_edge_title(graph, u, v, predicate, data, articles),
            color=colour,
            # Entity-to-entity relations are drawn dashed to tell them from event roles.
            dashes=source_kind != "Event",
        )
        net.edges.append(record.options)

    order = list(net.node_ids)
    shown = min(len(order), SHOW_FIRST)
    options = json.loads(json.dumps(_OPTIONS_BASE))
    options["layout"] = {"randomSeed": 7, "improvedLayout": graph.number_of_nodes() <= 150}
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
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "events": sum(1 for _, k in graph.nodes(data="kind") if k == "Event"),
            "articles": len(articles),
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


def write_html(graph: nx.MultiDiGraph, articles: Mapping[str, Article], path: Path) -> None:
    """Write `render_html(graph, articles)` to `path` atomically (temp file, then `os.replace`)."""
    page = render_html(graph, articles)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(page)
        # mkstemp creates the file private (0600); the page is meant to be shared like any output.
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
