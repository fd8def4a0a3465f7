"""The embedded default: partition in process with scipy/igraph, no server."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.backends.base import Backend
from linkgraph.communities.algorithms import partition_bipartite
from linkgraph.communities.groups import artifact_ranks, partition_in_groups
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import LinkGraph


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
    """Leiden/Louvain through igraph per group of components (:mod:`linkgraph.communities.groups`,
    the partition the Spark engine runs too), WCC through scipy, on the bipartite graph."""

    name = "embedded"

    def _partition(self, graph: LinkGraph, params: PartitionParams) -> pd.DataFrame:
        if params.method != "wcc" and len(graph.edges):
            acct = graph.edges["acct"].to_numpy().astype(np.int64)
            used, art_local = np.unique(graph.edges["art"].to_numpy(), return_inverse=True)
            art = graph.artifacts.iloc[used]  # artifact codes are positions in the artifact table
            rank = artifact_ranks(art["kind"], art["artifact"])[art_local.ravel()]
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
