"""bound_clusters: no giant cluster of weakly tied ordinary users."""

from __future__ import annotations

import numpy as np
import pandas as pd

from linkgraph.campaigns.bound import bound_clusters
from linkgraph.scoring.params import Scored


def scored(n_big: int, n_core: int) -> Scored:
    """Community 0: ``n_big`` members of which ``n_core`` core; community 1: 10 core members; 2: no core."""
    roles = ["core"] * n_core + ["peripheral"] * (n_big - n_core) + ["core"] * 10 + ["peripheral"] * 50
    community = [0] * n_big + [1] * 10 + [2] * 50
    rng = np.random.default_rng(0)
    members = pd.DataFrame(
        {"acct": range(len(roles)), "community": community, "role": roles, "evidence_score": rng.random(len(roles))}
    )
    g = members.groupby("community")
    clusters = pd.DataFrame({"community": [0, 1, 2], "size": g.size().to_numpy(), "risk_score": [0.6, 0.9, 0.1]})
    clusters["n_core"] = [n_core, 10, 0]
    clusters["core_share"] = clusters["n_core"] / clusters["size"]
    clusters["mean_evidence"] = g["evidence_score"].mean().to_numpy()
    links = members[["acct", "community"]].assign(art=1)
    artifacts = pd.DataFrame({"community": [0, 1, 2], "art": [1, 1, 1]})
    return Scored(clusters, members, artifacts, links)


def test_a_big_weak_cluster_keeps_its_core_and_strongest_peripherals() -> None:
    before = scored(n_big=300, n_core=40)
    out, report = bound_clusters(before, max_cluster_size=100, min_core_share=0.5)
    big = out.clusters.set_index("community").loc[0]
    assert big["size"] == 100 and big["n_core"] == 40 and big["risk_score"] == 0.6
    kept = out.members[out.members["community"] == 0]
    assert (kept["role"] == "core").sum() == 40
    dropped = before.members[(before.members["community"] == 0) & ~before.members["acct"].isin(kept["acct"])]
    assert dropped["evidence_score"].max() <= kept.loc[kept["role"] == "peripheral", "evidence_score"].min()
    assert set(out.member_links["acct"]) == set(out.members["acct"])
    assert report["accounts_unclustered"] == 200 and report["dissolved"] == 0


def test_a_big_cluster_without_core_is_dissolved_and_mostly_core_ones_stay() -> None:
    out, report = bound_clusters(scored(n_big=300, n_core=40), max_cluster_size=30, min_core_share=0.5)
    assert 2 not in set(out.clusters["community"]) and report["dissolved"] == 1
    assert out.clusters.set_index("community").loc[0, "size"] == 40  # core only: core outgrows the bound
    same, report = bound_clusters(scored(n_big=300, n_core=200), max_cluster_size=100, min_core_share=0.5)
    assert same.clusters.set_index("community").loc[0, "size"] == 300 and report["bounded"] == []
