"""Leiden per group of connected components, the same in any process (the Spark engine's tasks).

Leiden never joins two components, so the graph can be partitioned a group of components
at a time: :func:`partition_in_groups` loops over the groups in one process (the embedded
backend's cold runs), the Spark engine runs them in parallel tasks, and both give the same
communities. Each group
optimises the *whole graph's* modularity, whose null model divides by the whole graph's
weight ``m``: with the group's own weight ``m_g``, the resolution becomes ``γ · m_g / m``
(the same objective, restricted to the group).

Everything that decides the result is defined by the data, not by the process: a
component's group is its smallest account code modulo the number of groups
(:data:`GROUPS`); inside a group, accounts are numbered by code and artifacts by their
canonical rank (:func:`artifact_ranks`: kind, then text), edges are sorted; ``m_g`` is
summed over the sorted edges and ``m`` is the exact sum (``math.fsum``) of the groups' ``m_g``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from linkgraph.codes import distinct_ints
from linkgraph.communities.algorithms import partition_bipartite, relabel_by_size
from linkgraph.communities.params import PartitionParams
from linkgraph.ingest.links import LINK_KINDS

GROUPS = 64
"""Groups of components: a fixed number, so the grouping does not depend on the machine."""
ARTIFACT_KINDS = (*LINK_KINDS, "family", "rewrite", "lockstep")
"""The canonical order of artifact kinds (the link tables' kinds, then the derived ones)."""


def artifact_ranks(kinds: pd.Series, texts: pd.Series) -> np.ndarray:
    """Canonical rank of each artifact: by kind in :data:`ARTIFACT_KINDS` order (others last), then text.

    Texts compare as UTF-8 bytes, as Spark sorts them.

    >>> artifact_ranks(pd.Series(["ip", "payment", "ip"]), pd.Series(["b", "z", "a"])).tolist()
    [2, 0, 1]
    """
    kinds = kinds.astype("category")
    order_of = {k: i for i, k in enumerate(ARTIFACT_KINDS)}
    kind_order = [order_of.get(str(k), len(ARTIFACT_KINDS)) for k in kinds.cat.categories]
    kind_rank = np.asarray(kind_order, dtype=np.int64)[kinds.cat.codes.to_numpy()]
    table = pa.table({"kind": kind_rank, "text": pa.array(texts.astype(str), type=pa.string())})
    order = pc.sort_indices(table, sort_keys=[("kind", "ascending"), ("text", "ascending")]).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def group_of(smallest_account: np.ndarray, groups: int = GROUPS) -> np.ndarray:
    """The group of a component, from its smallest account code."""
    return np.asarray(smallest_account, dtype=np.int64) % groups


def _canonical(acct: np.ndarray, art: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges sorted by account, then artifact (a linear check first: often they already are)."""
    same = acct[1:] == acct[:-1]
    if bool(np.all((acct[1:] > acct[:-1]) | (same & (art[1:] >= art[:-1])))):
        return acct, art, np.asarray(weight, dtype=np.float64)
    order = np.lexsort((art, acct))
    return acct[order], art[order], np.asarray(weight, dtype=np.float64)[order]


def group_weight(acct: np.ndarray, art: np.ndarray, weight: np.ndarray) -> float:
    """``m_g``: the weight of the group's edges whose account has more than one edge (what Leiden sees)."""
    acct, _, weight = _canonical(acct, art, weight)
    return _sorted_group_weight(acct, weight)


def _sorted_group_weight(acct: np.ndarray, weight: np.ndarray) -> float:
    """:func:`group_weight` of edges already in canonical order (``acct`` sorted)."""
    starts = np.flatnonzero(np.r_[True, acct[1:] != acct[:-1]]) if len(acct) else np.zeros(0, dtype=np.int64)
    degree = np.diff(np.r_[starts, len(acct)])
    return float(np.sum(weight[np.repeat(degree, degree) >= 2]))


def partition_group(
    acct: np.ndarray, art: np.ndarray, weight: np.ndarray, params: PartitionParams, total_weight: float
) -> tuple[np.ndarray, np.ndarray]:
    """(accounts, label per account) of one group of whole components."""
    acct, art, weight = _canonical(acct, art, weight)
    accounts, src = distinct_ints(acct)
    artifacts, dst = distinct_ints(art)
    src, dst = src.ravel(), dst.ravel() + len(accounts)
    m_g = _sorted_group_weight(acct, weight)
    resolution = params.resolution * m_g / total_weight if total_weight > 0 else params.resolution
    n_nodes = len(accounts) + len(artifacts)
    labels = partition_bipartite(src, dst, weight, n_nodes, params.method, params.seed, resolution, params.n_iterations)
    return accounts, labels[: len(accounts)]


def numbered(groups: np.ndarray, accounts: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(accounts in code order, community ids numbered by size) from per-group labels."""
    order = np.argsort(accounts, kind="stable")
    key = groups[order].astype(np.int64) * np.int64(1 << 32) + labels[order]
    return accounts[order], relabel_by_size(key)


def partition_in_groups(
    acct: np.ndarray, art: np.ndarray, weight: np.ndarray, params: PartitionParams, groups: int = GROUPS
) -> tuple[np.ndarray, np.ndarray]:
    """(accounts, community) for a bipartite edge list (``art``: canonical artifact ranks), group by group."""
    acct, art, weight = _canonical(acct, art, weight)  # once: each group's slice below keeps the order
    accounts, a_local = distinct_ints(acct)
    _, r_local = distinct_ints(art)
    n_acc = len(accounts)
    src, dst = a_local.ravel(), r_local.ravel() + n_acc
    n = n_acc + (int(r_local.max()) + 1 if len(r_local) else 0)
    _, comp = connected_components(coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n)).tocsr(), directed=False)
    smallest = np.full(int(comp.max()) + 1 if n else 0, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, comp[src], accounts[src])
    group = group_of(smallest[comp[src]], groups)
    order = np.argsort(group, kind="stable")
    bounds = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1], True])
    slices = [order[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1)]
    total = math.fsum(_sorted_group_weight(acct[s], weight[s]) for s in slices)
    out_groups, out_accounts, out_labels = [], [], []
    for s in slices:
        got_accounts, got_labels = partition_group(acct[s], art[s], weight[s], params, total)
        out_groups.append(np.full(len(got_accounts), int(group[s[0]]), dtype=np.int64))
        out_accounts.append(got_accounts)
        out_labels.append(got_labels)
    if not out_accounts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return numbered(np.concatenate(out_groups), np.concatenate(out_accounts), np.concatenate(out_labels))
