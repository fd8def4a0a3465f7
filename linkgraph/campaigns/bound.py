"""Clusters are evidence, not modularity artefacts: bound communities held together by weak ties.

Leiden happily returns a community of tens of thousands of ordinary users glued by a few
popular templates. :func:`bound_clusters` is a post-processing step on the scored
membership: a cluster larger than ``max_cluster_size`` whose core is less than
``min_core_share`` of it

- keeps its core and only its strongest peripheral members, up to ``max_cluster_size``
  accounts in all (the rest become unclustered), or
- is dissolved into "unclustered" when it has no core at all.

Risk features are computed on the core, so a bounded cluster keeps its risk and evidence;
only ``size``, ``core_share`` and ``mean_evidence`` are recomputed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.scoring.params import Scored


def _kept_members(members: pd.DataFrame, big: pd.DataFrame, max_size: int) -> np.ndarray:
    """Mask of members to keep: everything outside ``big``, and core plus the strongest peripherals inside."""
    in_big = members["community"].isin(big.index).to_numpy()
    core = members["role"].eq("core").to_numpy()
    ranked = members[in_big & ~core].sort_values(["community", "evidence_score", "acct"], ascending=[True, False, True])
    room = (max_size - big["n_core"]).clip(lower=0)
    rank = ranked.groupby("community").cumcount().to_numpy()
    keep_peripheral = ranked.index[
        (big["n_core"].reindex(ranked["community"]).to_numpy() > 0)
        & (rank < room.reindex(ranked["community"]).to_numpy())
    ]
    keep = ~in_big | (core & in_big)
    keep[members.index.get_indexer(keep_peripheral)] = True
    return keep


def bound_clusters(scored: Scored, max_cluster_size: int = 20_000, min_core_share: float = 0.5) -> tuple[Scored, dict]:
    """Bound or dissolve oversized clusters of mostly non-core members; returns the result and a report.

    Examples
    --------
    >>> clusters = pd.DataFrame({"community": [0, 1], "size": [4, 2], "n_core": [1, 2], "core_share": [0.25, 1.0],
    ...                          "mean_evidence": [0.5, 0.9]})
    >>> members = pd.DataFrame({"acct": range(6), "community": [0, 0, 0, 0, 1, 1],
    ...                         "role": ["core", "peripheral", "peripheral", "peripheral", "core", "core"],
    ...                         "evidence_score": [0.9, 0.5, 0.4, 0.2, 0.9, 0.9]})
    >>> empty = pd.DataFrame({"community": pd.Series(dtype=int), "acct": pd.Series(dtype=int)})
    >>> out, report = bound_clusters(Scored(clusters, members, empty, empty), max_cluster_size=2)
    >>> out.clusters["size"].tolist(), report["accounts_unclustered"]
    ([2, 2], 2)
    """
    clusters = scored.clusters.set_index("community", drop=False)
    big = clusters[(clusters["size"] > max_cluster_size) & (clusters["core_share"] < min_core_share)]
    report: dict = {
        "max_cluster_size": max_cluster_size,
        "min_core_share": min_core_share,
        "bounded": [],
        "dissolved": 0,
    }
    if big.empty:
        return scored, {**report, "accounts_unclustered": 0}
    members = scored.members.reset_index(drop=True)
    keep = _kept_members(members, big, max_cluster_size)
    kept = members[keep].reset_index(drop=True)
    g = kept.groupby("community")
    clusters = clusters[clusters.index.isin(g.size().index)].copy()
    clusters["size"] = g.size().reindex(clusters.index)
    clusters["core_share"] = clusters["n_core"] / clusters["size"]
    clusters["mean_evidence"] = g["evidence_score"].mean().reindex(clusters.index)
    gone = big.index.difference(clusters.index)
    acct_kept = pd.MultiIndex.from_frame(kept[["community", "acct"]])
    links = scored.member_links
    link_keep = pd.MultiIndex.from_frame(links[["community", "acct"]]).isin(acct_kept)
    artifacts = scored.cluster_artifacts[~scored.cluster_artifacts["community"].isin(gone)]
    report["bounded"] = [
        {"community": int(c), "size_before": int(size), "n_core": int(core)}
        for c, size, core in zip(big.index, big["size"], big["n_core"], strict=True)
    ]
    report["dissolved"] = len(gone)
    report["accounts_unclustered"] = int(len(members) - len(kept))
    out = Scored(
        clusters.reset_index(drop=True), kept, artifacts.reset_index(drop=True), links[link_keep].reset_index(drop=True)
    )
    return out, report
