"""Coreference scores from their published definitions: MUC, B³, CEAF-e and the CoNLL average.

A partition is a collection of clusters, each a set of hashable mentions (a mention is whatever
identifies it: `(doc, start, end)`, a token id). Key and response need not hold the same
mentions (end-to-end scoring, where the system finds its own mentions): a key mention the
response lacks, or a response mention the key lacks, counts against recall or precision as each
definition says, following the CoNLL-2012 reference scorer (Pradhan et al. 2014, "Scoring
Coreference Partitions of Predicted Mentions: A Reference Implementation", ACL):

- MUC (Vilain et al. 1995): links. Recall = sum over key clusters K of (|K| - |p(K)|) over
  sum of (|K| - 1), where p(K) is the partition of K by the response, a mention the response
  lacks forming a part of its own; precision swaps key and response. Singletons count for
  nothing.
- B³ (Bagga and Baldwin 1998): mentions. Recall = sum over K, R of |K ∩ R|² / |K|, over the
  number of key mentions; precision swaps the roles.
- CEAF-e (Luo 2005): entities. phi4(K, R) = 2 |K ∩ R| / (|K| + |R|); the best one-to-one
  alignment of key and response clusters (Kuhn-Munkres; here networkx's maximum-weight
  matching) gives S; recall = S / |key clusters|, precision = S / |response clusters|.
- CoNLL F1: the mean of the three F1s.

Scores are fractions in [0, 1]; `Score` holds the numerators and denominators, so scores of
several documents or topics add up before dividing (micro-averaging, as the reference scorer
does).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx

Partition = Iterable[Iterable[Hashable]]

__all__ = ["Score", "b_cubed", "ceaf_e", "conll", "muc"]


@dataclass(frozen=True)
class Score:
    """Recall and precision as fractions kept whole, so that scores can be summed."""

    recall_num: float = 0.0
    recall_den: float = 0.0
    precision_num: float = 0.0
    precision_den: float = 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.recall_num + other.recall_num,
            self.recall_den + other.recall_den,
            self.precision_num + other.precision_num,
            self.precision_den + other.precision_den,
        )

    @property
    def recall(self) -> float:
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def precision(self) -> float:
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _clusters(partition: Partition) -> list[frozenset[Hashable]]:
    out = [frozenset(c) for c in partition]
    return [c for c in out if c]


def _muc_side(
    key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]
) -> tuple[int, int]:
    cluster_of = {m: i for i, c in enumerate(response) for m in c}
    num = den = 0
    for k in key:
        parts = {cluster_of.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return num, den


def muc(key: Partition, response: Partition) -> Score:
    """MUC link-based recall and precision."""
    k, r = _clusters(key), _clusters(response)
    rn, rd = _muc_side(k, r)
    pn, pd = _muc_side(r, k)
    return Score(rn, rd, pn, pd)


def _b3_side(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]]) -> float:
    cluster_of = {m: c for c in response for m in c}
    total = 0.0
    for k in key:
        overlaps: dict[frozenset[Hashable], int] = {}
        for m in k:
            other = cluster_of.get(m)
            if other is not None:
                overlaps[other] = overlaps.get(other, 0) + 1
        total += sum(n * n for n in overlaps.values()) / len(k)
    return total


def b_cubed(key: Partition, response: Partition) -> Score:
    """B³ mention-based recall and precision."""
    k, r = _clusters(key), _clusters(response)
    return Score(_b3_side(k, r), sum(map(len, k)), _b3_side(r, k), sum(map(len, r)))


def ceaf_e(key: Partition, response: Partition) -> Score:
    """Entity-based CEAF (phi4 similarity) recall and precision."""
    k, r = _clusters(key), _clusters(response)
    graph = nx.Graph()
    index = {m: j for j, c in enumerate(r) for m in c}
    for i, cluster in enumerate(k):
        for j in {index[m] for m in cluster if m in index}:
            other = r[j]
            graph.add_edge(
                ("k", i), ("r", j), weight=2 * len(cluster & other) / (len(cluster) + len(other))
            )
    matching = nx.max_weight_matching(graph)
    similarity = sum(graph.edges[a, b]["weight"] for a, b in matching)
    return Score(similarity, len(k), similarity, len(r))


def conll(key: Partition, response: Partition) -> tuple[Score, Score, Score, float]:
    """MUC, B³, CEAF-e and the CoNLL F1 (their mean F1), for one document or topic."""
    k, r = _clusters(key), _clusters(response)
    scores = muc(k, r), b_cubed(k, r), ceaf_e(k, r)
    return (*scores, sum(s.f1 for s in scores) / 3)
