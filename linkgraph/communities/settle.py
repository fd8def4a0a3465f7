"""Settle a bipartite partition: every node ends with the community it holds the most link weight to.

Modularity has many partitions of near-equal quality; two Leiden implementations (igraph
in process, GDS in Neo4j) land on different ones mostly at the edge of big communities: an
artifact shared by a few ring accounts and many organic ones sits on either side. This
deterministic step, applied to the raw communities of every backend, moves each such node
to the community it is most strongly tied to, so the two answers meet.

Rounds alternate sides: artifacts take the community of the largest summed edge weight to
their (non-leaf) accounts, then accounts the community of the largest summed weight to their
artifacts. A node moves only for a strictly larger weight, so the total weight inside
communities only grows and the rounds end; ties between other communities go to the one
whose first node (lowest index) comes first, which does not depend on how a backend numbers
its communities. Accounts with a single edge (leaves) take their artifact's community.
Linear in the edges per round.
"""

from __future__ import annotations

import numpy as np

MAX_ROUNDS = 20
"""Rounds (artifacts, then accounts) at most; real graphs settle in a few."""


def _strongest(node: np.ndarray, other: np.ndarray, weight: np.ndarray, labels: np.ndarray, first: np.ndarray) -> int:
    """Move every ``node`` to the community of ``other`` with the largest summed ``weight``; moves made."""
    if len(node) == 0:
        return 0
    community = labels[other]
    # by node, then community (one int64 key sorts faster than two; stable, as lexsort is)
    order = np.argsort(node.astype(np.int64) * (int(labels.max()) + 1) + community, kind="stable")
    node, community, weight = node[order], community[order], weight[order]
    start = np.flatnonzero(np.r_[True, (node[1:] != node[:-1]) | (community[1:] != community[:-1])])
    group_node, group_community = node[start], community[start]
    group_weight = np.add.reduceat(weight, start)
    current = group_community == labels[group_node]
    # per node: largest weight first, then its current community, then the community whose first node comes first
    best = np.lexsort((first[group_community], ~current, -group_weight, group_node))
    keep = np.r_[True, group_node[best][1:] != group_node[best][:-1]]
    chosen_node, chosen = group_node[best][keep], group_community[best][keep]
    moved = chosen != labels[chosen_node]
    labels[chosen_node[moved]] = chosen[moved]
    return int(moved.sum())


def settle_bipartite(
    src: np.ndarray, dst: np.ndarray, weight: np.ndarray | None, labels: np.ndarray, max_rounds: int = MAX_ROUNDS
) -> np.ndarray:
    """Settled labels for a bipartite graph whose ``src`` side are accounts (ids ``0..len(labels)-1``).

    ``labels`` are any community ids per node (not changed in place); the result uses the same
    ids. Nodes without edges keep theirs.
    """
    labels = np.asarray(labels, dtype=np.int64).copy()
    if len(src) == 0:
        return labels
    w = np.ones(len(src)) if weight is None else np.asarray(weight, dtype=float)
    leaf = np.bincount(src, minlength=len(labels))[src] == 1
    s, d, w = src[~leaf], dst[~leaf], w[~leaf]
    for _ in range(max_rounds):
        first = _first_node(labels)
        moved = _strongest(d, s, w, labels, first)
        first = _first_node(labels)
        moved += _strongest(s, d, w, labels, first)
        if not moved:
            break
    labels[src[leaf]] = labels[dst[leaf]]
    return labels


def _first_node(labels: np.ndarray) -> np.ndarray:
    """Lowest node index of each community id (indexable by id; ids are non-negative)."""
    first = np.full(int(labels.max()) + 1, len(labels), dtype=np.int64)
    np.minimum.at(first, labels, np.arange(len(labels)))
    return first
