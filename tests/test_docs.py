"""docs/ONTOLOGY.md, the graph's public vocabulary, against ontology/kg.ttl: every `kg:` term
the ontology defines is documented, and every `kg:` term the document names is defined."""

from __future__ import annotations

import re

from rdflib import Graph, URIRef

from kg.terms import KG_IRI
from tests.conftest import ROOT

DOC = ROOT / "docs" / "ONTOLOGY.md"
# a prefixed name as the document writes it: `kg:Call`, kg:agent (not the bare prefix "kg:")
_TERM = re.compile(r"\bkg:([A-Za-z][A-Za-z0-9_]*)")


def _defined() -> set[str]:
    """Every kg: IRI kg.ttl states anything about, or uses as a predicate or an object."""
    g = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    iris = {t for triple in g for t in triple if isinstance(t, URIRef)}
    return {str(i)[len(KG_IRI) :] for i in iris if str(i).startswith(KG_IRI)}


def _documented() -> set[str]:
    return set(_TERM.findall(DOC.read_text("utf-8")))


def test_every_ontology_term_is_documented() -> None:
    missing = _defined() - _documented()
    assert not missing, f"kg.ttl terms missing from docs/ONTOLOGY.md: {sorted(missing)}"


def test_every_documented_term_is_in_the_ontology() -> None:
    unknown = _documented() - _defined()
    assert not unknown, f"docs/ONTOLOGY.md names terms kg.ttl does not define: {sorted(unknown)}"


def test_the_public_terms_of_the_guide_are_kept() -> None:
    # the vocabulary SPARQL users were promised: these names are never renamed or dropped
    public = {
        "Article", "sourceFile", "dateOrigin", "sha256", "Entity", "Person", "State",
        "Organization", "Place", "Event", "Call", "Meeting", "Visit", "Agreement", "Summit",
        "Statement", "MilitaryAction", "Sanction", "cameoCode", "agent", "target",
        "coParticipant", "timeValue", "begin", "end", "status", "Occurred", "Planned",
        "Negated", "Hypothetical", "claimedBy", "sourceCount", "evidence", "Mention",
        "inArticle", "start", "anchorOf", "sentence", "affiliatedWith", "leaderOf", "memberOf",
        "spokespersonOf", "role",
    }  # fmt: skip
    assert public <= _defined() and public <= _documented()


def test_the_readme_links_the_vocabulary_in_the_project() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "](docs/ONTOLOGY.md)" in readme
    assert "shared/guides" not in readme
