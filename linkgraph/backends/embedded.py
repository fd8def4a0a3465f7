"""The embedded default: partition in process with scipy/igraph, no server."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.backends.base import Backend
from linkgraph.communities.algorithms import partition_bipartite
from linkgraph.communities.groups import partition_in_groups
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import LinkGraph

ARTIFACT_KINDS = ("payment", "ip", "fingerprint", "family", "lockstep")
"""The canonical order of artifact kinds (then artifact text) that numbers artifacts inside a Leiden group."""


def artifact_ranks(artifacts: pd.DataFrame, used: np.ndarray) -> np.ndarray:
    """Rank of each artifact code in ``used`` by (kind in :data:`ARTIFACT_KINDS` order, artifact text)."""
    kinds = artifacts["kind"].to_numpy()[used].astype(str)
    kind_rank = np.array([ARTIFACT_KINDS.index(k) if k in ARTIFACT_KINDS else len(ARTIFACT_KINDS) for k in kinds])
    texts = artifacts["artifact"].to_numpy()[used].astype(str)
    order = pd.DataFrame({"k": kind_rank, "t": texts}).sort_values(["k", "t"], kind="stable").index.to_numpy()
    rank = np.empty(len(used), dtype=np.int64)
    rank[order] = np.arange(len(used))
    return rank


def bipartite_arrays(graph: LinkGraph) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Compact node ids for the account–artifact graph: (src, dst, weight, accounts, n_nodes).

    Only accounts and artifacts with an evidence edge become nodes; accounts come first.
    """
    acct = graph.edges["acct"].to_numpy()
    art = graph.edges["art"].to_numpy()
    accounts, acct_local = np.unique(acct, return_inverse=True)
    _, art_local = np.unique(art, return_inverse=True)
    src = acct_local.ravel()
    dst = art_local.ravel() + len(accounts)
    n_nodes = len(accounts) + (int(art_local.max()) + 1 if len(art_local) else 0)
    return src, dst, graph.edges["weight"].to_numpy(), accounts, n_nodes


class EmbeddedBackend(Backend):
    """Leiden/Louvain through igraph per group of components (:mod:`linkgraph.communities.groups`, the
    partition the Spark engine runs too), WCC through scipy, on the bipartite graph."""

    name = "embedded"

    def _partition(self, graph: LinkGraph, params: PartitionParams) -> pd.DataFrame:
        if params.method != "wcc" and len(graph.edges):  # Leiden/Louvain: per group of components
            acct = graph.edges["acct"].to_numpy().astype(np.int64)
            used, art_local = np.unique(graph.edges["art"].to_numpy(), return_inverse=True)
            rank = artifact_ranks(graph.artifacts, used)[art_local.ravel()]
            weight = graph.edges["weight"].to_numpy(dtype=np.float64)
            accounts, community = partition_in_groups(acct, rank, weight, params)
            return pd.DataFrame({"acct": accounts, "community": community})
        src, dst, weight, accounts, n_nodes = bipartite_arrays(graph)
        if n_nodes == 0:
            return pd.DataFrame({"acct": np.array([], dtype=np.int64), "community": np.array([], dtype=np.int64)})
        labels = partition_bipartite(
            src, dst, weight, n_nodes, params.method, params.seed, params.resolution, params.n_iterations
        )
        return pd.DataFrame({"acct": accounts, "community": labels[: len(accounts)]})
