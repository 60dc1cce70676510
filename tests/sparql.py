"""Build articles and ask the published Turtle with SPARQL, as a user of `graph.ttl` would."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.pipeline import BuildReport, build
from kg.terms import PREFIXES

HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


@dataclass(frozen=True)
class Built:
    """A build's report and its Turtle, loaded in Oxigraph."""

    out: Path
    report: BuildReport
    store: ox.Store

    def rows(self, query: str) -> list[dict[str, str]]:
        """SELECT results as dicts of plain strings (IRIs and literal values)."""
        result = self.store.query(HEADER + query)
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        return [
            {n: s[n].value for n in names if s[n] is not None}
            for s in result  # type: ignore[union-attr]
        ]

    def ask(self, query: str) -> bool:
        result = self.store.query(HEADER + query)
        assert isinstance(result, ox.QueryBoolean)
        return bool(result)


def built(paths: Sequence[Path], out: Path, dct: date | None = None) -> Built:
    report = build(list(paths), out, dct=dct)
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return Built(out, report, store)


def events(b: Built, cls: str | None = None) -> list[dict[str, str]]:
    """Every event: class, label, time value, begin, end, status, source count, the labels of
    its agents / targets / co-participants / places / claimants joined by "|"."""
    where = f"?e a kg:{cls} ." if cls else "?e a kg:Event ."
    return b.rows(
        """
        SELECT ?e ?cls ?label ?time ?begin ?end ?status ?count
               (GROUP_CONCAT(DISTINCT ?agent; separator="|") AS ?agents)
               (GROUP_CONCAT(DISTINCT ?target; separator="|") AS ?targets)
               (GROUP_CONCAT(DISTINCT ?co; separator="|") AS ?cos)
               (GROUP_CONCAT(DISTINCT ?place; separator="|") AS ?places)
               (GROUP_CONCAT(DISTINCT ?claim; separator="|") AS ?claims)
        WHERE {
          """
        + where
        + """
          ?e a ?c . FILTER (?c != kg:Event && STRSTARTS(STR(?c), STR(kg:)))
          BIND (STRAFTER(STR(?c), STR(kg:)) AS ?cls)
          ?e rdfs:label ?label ; kg:status ?st ; kg:sourceCount ?count .
          BIND (STRAFTER(STR(?st), STR(kg:)) AS ?status)
          OPTIONAL { ?e kg:timeValue ?time }
          OPTIONAL { ?e kg:begin ?begin }
          OPTIONAL { ?e kg:end ?end }
          OPTIONAL { ?e kg:agent/rdfs:label ?agent }
          OPTIONAL { ?e kg:target/rdfs:label ?target }
          OPTIONAL { ?e kg:coParticipant/rdfs:label ?co }
          OPTIONAL { ?e sem:hasPlace/rdfs:label ?place }
          OPTIONAL { ?e kg:claimedBy/rdfs:label ?claim }
        }
        GROUP BY ?e ?cls ?label ?time ?begin ?end ?status ?count
        ORDER BY ?e
        """
    )


def people(e: dict[str, str]) -> set[str]:
    """Everyone an event row names in a role (agent, target, co-participant)."""
    return {p for key in ("agents", "targets", "cos") for p in e.get(key, "").split("|") if p}


def entities(b: Built) -> dict[str, set[str]]:
    """label -> the entity classes it has (Person, State, ...)."""
    found: dict[str, set[str]] = {}
    for row in b.rows(
        """
        SELECT ?label ?kind WHERE {
          ?x a ?c ; rdfs:label ?label .
          VALUES ?c { kg:Person kg:State kg:Organization kg:Place }
          BIND (STRAFTER(STR(?c), STR(kg:)) AS ?kind)
        }
        """
    ):
        found.setdefault(row["label"], set()).add(row["kind"])
    return found
