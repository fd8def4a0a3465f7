"""settle_bipartite: every node ends with the community it holds the most link weight to."""

from __future__ import annotations

import numpy as np

from linkgraph.communities.algorithms import partition_bipartite
from linkgraph.communities.settle import settle_bipartite


def intra_weight(src: np.ndarray, dst: np.ndarray, weight: np.ndarray, labels: np.ndarray) -> float:
    return float(weight[labels[src] == labels[dst]].sum())


def test_an_artifact_joins_the_community_it_is_most_tied_to_and_its_leaves_follow() -> None:
    # accounts 0-3 (community 0), 4-5 (community 1), leaf account 6; artifacts 7 (hub of 0), 8 (hub of 1),
    # 9: shared by accounts 0, 1, 2 and 4, and by the leaf 6, but labelled 1
    src = np.array([0, 1, 2, 3, 4, 5, 0, 1, 2, 4, 6])
    dst = np.array([7, 7, 7, 7, 8, 8, 9, 9, 9, 9, 9])
    weight = np.ones(len(src))
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 0, 1, 1])
    settled = settle_bipartite(src, dst, weight, labels)
    assert settled.tolist() == [0, 0, 0, 0, 1, 1, 0, 0, 1, 0]
    assert labels.tolist() == [0, 0, 0, 0, 1, 1, 1, 0, 1, 1]  # not changed in place
    assert intra_weight(src, dst, weight, settled) > intra_weight(src, dst, weight, labels)


def test_a_tie_keeps_the_current_community() -> None:
    # account 0 (community 1) links artifact 5 (community 0, with accounts 1, 2) and artifact 6
    # (community 1, with accounts 3, 4) with equal weight; 7 and 8 anchor the two sides
    src = np.array([0, 0, 1, 2, 1, 2, 3, 4, 3, 4])
    dst = np.array([5, 6, 5, 5, 7, 7, 6, 6, 8, 8])
    labels = np.array([1, 0, 0, 1, 1, 0, 1, 0, 1])
    assert settle_bipartite(src, dst, np.full(len(src), 0.5), labels).tolist() == labels.tolist()


def test_the_result_does_not_depend_on_how_communities_are_numbered() -> None:
    rng = np.random.default_rng(3)
    n_acct, n_art, n_edges = 300, 60, 900
    src = rng.integers(0, n_acct, n_edges)
    dst = n_acct + rng.integers(0, n_art, n_edges)
    weight = rng.choice([0.3, 0.5, 0.8], n_edges)  # repeated weights: ties happen
    labels = rng.integers(0, 12, n_acct + n_art)
    renamed = (labels * 7 + 5) % 97  # another numbering of the same partition
    a, b = settle_bipartite(src, dst, weight, labels), settle_bipartite(src, dst, weight, renamed)
    assert len(np.unique(np.stack([a, b]), axis=1).T) == len(np.unique(a))  # the same partition
    assert intra_weight(src, dst, weight, a) >= intra_weight(src, dst, weight, labels)


def test_settled_leiden_is_a_fixed_point() -> None:
    rng = np.random.default_rng(7)
    n_acct, n_art = 400, 80
    src = rng.integers(0, n_acct, 1200)
    dst = n_acct + rng.integers(0, n_art, 1200)
    pairs = np.unique(np.stack([src, dst], axis=1), axis=0)
    src, dst = pairs[:, 0], pairs[:, 1]
    weight = rng.uniform(0.2, 1.0, len(src))
    labels = partition_bipartite(src, dst, weight, n_acct + n_art, "leiden", seed=0)
    settled = settle_bipartite(src, dst, weight, labels)
    assert len(np.unique(np.stack([labels, settled]), axis=1).T) == len(np.unique(labels))
