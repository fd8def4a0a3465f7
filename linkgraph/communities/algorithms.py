"""Community detection on weighted edge lists: WCC, Leiden and Louvain.

The hot path runs in compiled code (scipy for components, leidenalg/igraph for Leiden and
Louvain). Community ids are ordered by size (0 is the largest); ties go to the community
whose first node comes first, so results are deterministic for a given input and seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

import igraph as ig
import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from linkgraph.communities.settle import settle_bipartite

Method = Literal["leiden", "louvain", "wcc"]
METHODS: tuple[str, ...] = ("leiden", "louvain", "wcc")


def relabel_by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber labels so that 0 is the largest community (ties: first appearance)."""
    uniques, first, inverse, counts = np.unique(labels, return_index=True, return_inverse=True, return_counts=True)
    order = np.lexsort((first, -counts))
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[order] = np.arange(len(uniques))
    return rank[inverse.ravel()]


def partition_arrays(
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray | None,
    n_nodes: int,
    method: str = "leiden",
    seed: int = 0,
    resolution: float = 1.0,
    n_iterations: int = -1,
    initial: np.ndarray | None = None,
) -> np.ndarray:
    """Community label per node ``0..n_nodes-1`` for an undirected edge list of int ids.

    ``initial`` warm-starts Leiden from a previous membership (one label per node).
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    if method == "wcc":
        data = np.ones(len(src), dtype=np.int8)
        graph = coo_matrix((data, (src, dst)), shape=(n_nodes, n_nodes)).tocsr()
        _, labels = connected_components(graph, directed=True, connection="weak")
        return relabel_by_size(labels)
    # igraph reads an integer numpy array directly (much faster than a list of Python pairs)
    g = ig.Graph(n=n_nodes, edges=np.column_stack([src, dst]).astype(np.int64, copy=False), directed=False)
    weights = None if weight is None else np.asarray(weight, dtype=float).tolist()
    with seeded_igraph(seed):
        if method == "louvain":
            clustering = g.community_multilevel(weights=weights, resolution=resolution)
        else:
            clustering = g.community_leiden(
                objective_function="modularity",
                weights=weights,
                resolution=resolution,
                n_iterations=n_iterations,
                initial_membership=None if initial is None else np.asarray(initial).tolist(),
            )
    return relabel_by_size(np.asarray(clustering.membership))


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph's randomised algorithms on a private RNG seeded with ``seed``."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def communities(
    edges: pd.DataFrame,
    method: Method | str = "leiden",
    weight: str | None = "weight",
    seed: int = 0,
    resolution: float = 1.0,
) -> pd.DataFrame:
    """Detect communities in an undirected edge list.

    ``edges`` has columns ``src``, ``dst`` and optionally the ``weight`` column. Returns a
    DataFrame with columns ``node, community`` (one row per node, ids ordered by size).

    Examples
    --------
    >>> edges = pd.DataFrame({"src": ["a", "b", "x"], "dst": ["b", "c", "y"]})
    >>> communities(edges, method="wcc").sort_values("node").community.tolist()
    [0, 0, 0, 1, 1]
    """
    missing = {"src", "dst"} - set(edges.columns)
    if missing:
        raise ValueError(f"edges is missing column(s): {', '.join(sorted(missing))}")
    codes, nodes = pd.factorize(pd.concat([edges["src"], edges["dst"]], ignore_index=True))
    n_edges = len(edges)
    w = None
    if weight is not None and weight in edges.columns:
        w = edges[weight].to_numpy(dtype=float)
        if np.any(w < 0) or not np.all(np.isfinite(w)):
            raise ValueError("edge weights must be finite and non-negative")
    labels = partition_arrays(codes[:n_edges], codes[n_edges:], w, len(nodes), method, seed, resolution)
    return pd.DataFrame({"node": nodes, "community": labels})


def partition_bipartite(
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray | None,
    n_nodes: int,
    method: str = "leiden",
    seed: int = 0,
    resolution: float = 1.0,
    n_iterations: int = -1,
    initial: np.ndarray | None = None,
) -> np.ndarray:
    """Like :func:`partition_arrays`, for a bipartite graph whose ``src`` side are accounts.

    An account with a single edge can only ever join its artifact's community, so such
    leaves are set aside, the rest is partitioned, and each leaf takes its artifact's label
    (an artifact left with leaves only becomes a community of its own). This is exact for
    the leaves and shrinks the graph the optimiser walks. Leiden and Louvain communities are then
    settled (:func:`~linkgraph.communities.settle.settle_bipartite`), as every backend does.
    """
    if method == "wcc" or len(src) == 0:
        return partition_arrays(src, dst, weight, n_nodes, method, seed, resolution, n_iterations, initial)
    degree = np.bincount(src, minlength=n_nodes)
    leaf_edge = degree[src] == 1
    keep_edge = ~leaf_edge
    kept_nodes = np.zeros(n_nodes, dtype=bool)
    kept_nodes[src[keep_edge]] = True
    kept_nodes[dst[keep_edge]] = True
    local = np.cumsum(kept_nodes) - 1
    n_kept = int(kept_nodes.sum())
    labels = np.full(n_nodes, -1, dtype=np.int64)
    if n_kept:
        sub_initial = None if initial is None else initial[kept_nodes]
        if sub_initial is not None:
            _, sub_initial = np.unique(sub_initial, return_inverse=True)
        sub = partition_arrays(
            local[src[keep_edge]],
            local[dst[keep_edge]],
            None if weight is None else weight[keep_edge],
            n_kept,
            method,
            seed,
            resolution,
            n_iterations,
            sub_initial,
        )
        labels[kept_nodes] = sub
    # artifacts reached only by leaves: a community each
    orphan = np.zeros(n_nodes, dtype=bool)
    orphan[dst[leaf_edge]] = True
    orphan &= labels < 0
    next_label = int(labels.max()) + 1 if n_kept else 0
    labels[orphan] = next_label + np.arange(int(orphan.sum()))
    labels[src[leaf_edge]] = labels[dst[leaf_edge]]
    isolated = labels < 0
    labels[isolated] = int(labels.max()) + 1 + np.arange(int(isolated.sum()))
    return relabel_by_size(settle_bipartite(src, dst, weight, labels))
