"""communities(): WCC cross-checked against networkx, partition invariants, determinism."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkgraph.communities import communities
from linkgraph.communities.algorithms import relabel_by_size


def _edges(n: int, m: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {"src": rng.integers(0, n, m).astype(str), "dst": rng.integers(0, n, m).astype(str), "weight": rng.random(m)}
    )


def _as_sets(result: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(g) for _, g in result.groupby("community")["node"]}


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 60), m=st.integers(1, 120), seed=st.integers(0, 10_000))
def test_wcc_matches_networkx(n: int, m: int, seed: int) -> None:
    edges = _edges(n, m, seed)
    graph = nx.from_pandas_edgelist(edges, "src", "dst")
    expected = {frozenset(c) for c in nx.connected_components(graph)}
    assert _as_sets(communities(edges, method="wcc")) == expected


@pytest.mark.parametrize("method", ["leiden", "louvain", "wcc"])
@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 1000))
def test_result_is_a_partition_ordered_by_size(method: str, seed: int) -> None:
    edges = _edges(80, 150, seed)
    result = communities(edges, method=method, seed=seed)
    nodes = set(edges["src"]) | set(edges["dst"])
    assert set(result["node"]) == nodes and result["node"].is_unique
    sizes = result["community"].value_counts().sort_index()
    assert list(sizes.index) == list(range(len(sizes)))
    assert sizes.is_monotonic_decreasing


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_same_seed_same_clusters(method: str) -> None:
    edges = _edges(500, 1500, 7)
    a = communities(edges, method=method, seed=3)
    b = communities(edges, method=method, seed=3)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_modularity_is_competitive_with_networkx(method: str) -> None:
    graph = nx.planted_partition_graph(8, 25, 0.4, 0.01, seed=1)
    edges = pd.DataFrame(list(graph.edges()), columns=["src", "dst"])
    ours = communities(edges, method=method, seed=0)
    parts = [set(g) for _, g in ours.groupby("community")["node"]]
    reference = nx.community.louvain_communities(graph, seed=0)
    assert nx.community.modularity(graph, parts) >= nx.community.modularity(graph, reference) - 0.02
    assert len(parts) == 8  # the planted partition is found


def test_communities_never_span_components() -> None:
    edges = _edges(300, 250, 11)
    wcc = communities(edges, method="wcc").set_index("node")["community"]
    leiden = communities(edges, method="leiden").set_index("node")["community"]
    spans = pd.DataFrame({"wcc": wcc, "leiden": leiden.reindex(wcc.index)}).groupby("leiden")["wcc"].nunique()
    assert (spans == 1).all()


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="missing column"):
        communities(pd.DataFrame({"a": [1]}))
    with pytest.raises(ValueError, match="unknown method"):
        communities(_edges(5, 5, 0), method="magic")
    bad = _edges(5, 5, 0).assign(weight=-1.0)
    with pytest.raises(ValueError, match="non-negative"):
        communities(bad)


def test_relabel_by_size() -> None:
    assert relabel_by_size(np.array([5, 5, 9, 9, 9, 1])).tolist() == [1, 1, 0, 0, 0, 2]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_leaf_pruning_keeps_leaves_with_their_artifact(seed: int) -> None:
    from linkgraph.communities.algorithms import partition_bipartite

    rng = np.random.default_rng(seed)
    n_acct, n_art, m = 300, 60, 500
    src = rng.integers(0, n_acct, m)
    dst = n_acct + rng.integers(0, n_art, m)
    weight = rng.random(m)
    labels = partition_bipartite(src, dst, weight, n_acct + n_art, "leiden", seed=seed)
    degree = np.bincount(src, minlength=n_acct)
    leaves = degree[src] == 1
    assert (labels[src[leaves]] == labels[dst[leaves]]).all()
    sizes = np.bincount(labels)
    assert (sizes > 0).all() and (np.diff(sizes) <= 0).all()
    wcc = partition_bipartite(src, dst, weight, n_acct + n_art, "wcc")
    for label in np.unique(labels):  # communities never span components
        assert len(np.unique(wcc[labels == label])) == 1
