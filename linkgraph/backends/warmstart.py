"""Warm-started Leiden: start community detection from the previous run's partition.

The previous run's clusters become the initial membership of their accounts on the
bipartite graph; accounts that were in no cluster and every artifact node start as
singletons. Leiden then only moves what the new data asks it to move, so a 1% change in
the input does not reshuffle every community.

Cells do not merge on a warm start, and accounts stay in their cell while the evidence
ties them to it (:func:`keep_cells`): when Leiden puts two previous clusters into one
community, the community is split back along the previous clusters, and an account moved
away returns when it still shares an artifact with its cell. Grouping cells that belong together is the campaign's job
(:mod:`linkgraph.campaigns`), so an operation that Leiden cuts into cells keeps its cells,
and their ids, from run to run.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from linkgraph.backends.embedded import EmbeddedBackend, bipartite_arrays
from linkgraph.communities.algorithms import partition_bipartite
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import LinkGraph

log = logging.getLogger(__name__)


def initial_membership(account_ids: np.ndarray, n_nodes: int, previous: pd.DataFrame) -> np.ndarray:
    """One start label per node (``account_ids`` are the first nodes); labels are ``0..k-1``.

    Accounts in a previous cluster share that cluster's label; every other node gets its own.

    Examples
    --------
    >>> prev = pd.DataFrame({"account_id": ["a", "b", "c"], "cluster_id": ["C1", "C1", "C2"]})
    >>> initial_membership(np.array(["a", "x", "b"]), 5, prev).tolist()
    [0, 1, 0, 2, 3]
    """
    cluster_of = pd.Series(previous["cluster_id"].to_numpy(), index=previous["account_id"].astype(str).to_numpy())
    prev = pd.Series(pd.Index(account_ids.astype(str)).map(cluster_of))
    codes, uniques = pd.factorize(prev, use_na_sentinel=True)
    log.info(
        "warm start: %d of %d accounts start in one of %d previous clusters",
        int((codes >= 0).sum()),
        len(codes),
        len(uniques),
    )
    labels = np.full(n_nodes, -1, dtype=np.int64)
    labels[: len(codes)] = codes
    fresh = labels < 0
    labels[fresh] = len(uniques) + np.arange(int(fresh.sum()))
    # renumber 0..k-1 in order of first appearance so labels stay small and deterministic
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse.ravel()]


def artifacts_follow_accounts(
    initial: np.ndarray, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, n_accounts: int
) -> np.ndarray:
    """Start each artifact in the previous cluster of its most strongly linked clustered account.

    Without this, artifacts start alone and Leiden settles elsewhere even on identical input.
    """
    labels = initial.copy()
    account_label = initial[src]
    in_cluster = np.bincount(account_label, minlength=int(initial.max()) + 1)[account_label] > 1
    if not in_cluster.any():
        return labels
    order = np.lexsort((-weight[in_cluster], dst[in_cluster]))
    d = dst[in_cluster][order]
    first = np.r_[True, d[1:] != d[:-1]]
    labels[d[first]] = account_label[in_cluster][order][first]
    _, compact = np.unique(labels, return_inverse=True)
    return compact.ravel()


def previous_codes(account_ids: np.ndarray, previous: pd.DataFrame) -> np.ndarray:
    """Each account's previous cluster as a small code, ``-1`` for accounts that were in no cluster."""
    cluster_of = pd.Series(previous["cluster_id"].to_numpy(), index=previous["account_id"].astype(str).to_numpy())
    cluster_of = cluster_of[~cluster_of.index.duplicated()]
    codes, _ = pd.factorize(pd.Series(pd.Index(account_ids.astype(str)).map(cluster_of)), use_na_sentinel=True)
    return codes.astype(np.int64)


def _home_cells(frame: pd.DataFrame, src: np.ndarray | None, dst: np.ndarray | None) -> np.ndarray:
    """Cell per account: its own previous cluster where kept, else ``-1``; movers go home if still tied to it."""
    known = frame[frame["p"] >= 0]
    parts = known.groupby(["c", "p"]).size().rename("n").reset_index()
    parts = parts.sort_values(["p", "n", "c"], ascending=[True, False, True], kind="stable").drop_duplicates("p")
    parts = parts[parts["n"] >= 2]  # each previous cluster's home: where most of its accounts are now
    home_c = parts.set_index("p")["c"]  # where each kept previous cluster lives now
    own = pd.MultiIndex.from_arrays([frame["c"], frame["p"]]).isin(pd.MultiIndex.from_frame(parts[["c", "p"]]))
    cell = np.where(own, frame["p"].to_numpy(), -1)
    movers = np.flatnonzero(~own & (frame["p"].to_numpy() >= 0) & frame["p"].isin(home_c.index).to_numpy())
    if src is None or dst is None or not len(movers):
        return cell
    # a mover returns to its previous cell when it still shares an artifact with an account there
    art_cells = pd.MultiIndex.from_arrays([dst[own[src]], cell[src[own[src]]]]).unique()
    is_mover = np.zeros(len(frame), dtype=bool)
    is_mover[movers] = True
    e = is_mover[src]
    tied = pd.MultiIndex.from_arrays([dst[e], frame["p"].to_numpy()[src[e]]]).isin(art_cells)
    back = np.unique(src[e][tied])
    cell[back] = frame["p"].to_numpy()[back]
    frame.loc[back, "c"] = home_c.reindex(frame["p"].to_numpy()[back]).to_numpy()
    return cell


def keep_cells(
    community: np.ndarray, previous: np.ndarray, src: np.ndarray | None = None, dst: np.ndarray | None = None
) -> np.ndarray:
    """Keep the previous run's cells: no merges, and movers go home when the evidence allows.

    ``previous`` is each account's previous-cluster code (``-1``: in no cluster). A previous
    cluster's *home* is the community that now holds most of its accounts (at least two);
    there they stay a cell of their own, even when Leiden merged them with another cluster.
    An account Leiden moved away from its previous cluster returns home when it still
    shares an artifact with an account there (``src``/``dst``: the account–artifact edges, accounts numbered like
    ``community``). Everyone else (new accounts, real movers) joins the largest cell of their
    community. Returns cell labels ``0..k-1``.

    Examples
    --------
    >>> keep_cells(np.array([0, 0, 0, 0, 0, 0]), np.array([1, 1, 1, 2, 2, -1])).tolist()
    [0, 0, 0, 1, 1, 0]
    >>> keep_cells(np.array([0, 0, 0, 1, 1]), np.array([1, 1, 2, 2, 2])).tolist()  # a mover without ties
    [0, 0, 0, 1, 1]
    >>> src, dst = np.array([2, 3]), np.array([9, 9])  # ... but the mover shares artifact 9 with account 3
    >>> keep_cells(np.array([0, 0, 0, 1, 1]), np.array([1, 1, 2, 2, 2]), src, dst).tolist()
    [0, 0, 1, 1, 1]
    """
    frame = pd.DataFrame({"c": community, "p": previous})
    cell = _home_cells(frame, src, dst)
    sizes = pd.DataFrame({"c": frame["c"], "cell": cell})
    sizes = sizes[sizes["cell"] >= 0].groupby(["c", "cell"]).size().rename("n").reset_index()
    ranked = sizes.sort_values(["c", "n", "cell"], ascending=[True, False, True], kind="stable")
    largest = pd.Series(ranked["cell"].to_numpy(), index=ranked["c"].to_numpy())
    largest = largest[~largest.index.duplicated()]
    cell = np.where(cell >= 0, cell, frame["c"].map(largest).fillna(-1).to_numpy()).astype(np.int64)
    codes, _ = pd.factorize(pd.MultiIndex.from_arrays([frame["c"].to_numpy(), cell]))
    return codes.astype(np.int64)


class WarmStartBackend(EmbeddedBackend):
    """The embedded backend, with Leiden started from ``previous`` (``account_id, cluster_id``)."""

    def __init__(self, previous: pd.DataFrame) -> None:
        self.previous = previous

    def _partition(self, graph: LinkGraph, params: PartitionParams) -> pd.DataFrame:
        if params.method != "leiden" or self.previous.empty:
            return super()._partition(graph, params)
        src, dst, weight, accounts, n_nodes = bipartite_arrays(graph)
        if n_nodes == 0:
            return super()._partition(graph, params)
        initial = initial_membership(graph.account_ids[accounts], n_nodes, self.previous)
        initial = artifacts_follow_accounts(initial, src, dst, weight, len(accounts))
        labels = partition_bipartite(
            src,
            dst,
            weight,
            n_nodes,
            params.method,
            params.seed,
            params.resolution,
            params.n_iterations,
            initial=initial,
        )
        codes = previous_codes(graph.account_ids[accounts], self.previous)
        cells = keep_cells(labels[: len(accounts)], codes, src, dst)
        return pd.DataFrame({"acct": accounts, "community": cells})
