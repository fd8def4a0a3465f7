"""Leiden (or Louvain) inside each connected component, in parallel, under ``applyInPandas``.

Communities never span components, so the whole-graph optimum is the sum of per-component
optima, provided every component optimises the *whole graph's* modularity: its null model
divides by the total edge weight ``m`` of the graph, not of the component. A group of
components with weight ``m_g`` therefore runs with resolution ``γ · m_g / m`` (the same
objective, restricted to the group). ``m`` is that of the graph the embedded engine
optimises: the edges left after single-edge accounts are set aside
(:func:`linkgraph.communities.algorithms.partition_bipartite`, which each task runs).

Components are hashed into groups; a component with more than ``max_task_edges`` edges
is partitioned on the driver instead (its edges must fit in the driver's memory: about
100 bytes per edge in igraph). Labels are then numbered by size, as the embedded ones.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from linkgraph.communities.algorithms import partition_bipartite, relabel_by_size
from linkgraph.communities.params import PartitionParams

SCHEMA = "grp long, acct long, label long"


def partition_group(edges: pd.DataFrame, params: PartitionParams, total_weight: float) -> pd.DataFrame:
    """Labels for the accounts of one group of whole components (``grp, acct, art, weight``)."""
    accounts, src = np.unique(edges["acct"].to_numpy(), return_inverse=True)
    artifacts, dst = np.unique(edges["art"].to_numpy(), return_inverse=True)
    weight = edges["weight"].to_numpy(dtype=np.float64)
    src, dst = src.ravel(), dst.ravel() + len(accounts)
    degree = np.bincount(src, minlength=len(accounts))
    kept_weight = float(weight[degree[src] >= 2].sum())
    resolution = params.resolution * kept_weight / total_weight if total_weight > 0 else params.resolution
    labels = partition_bipartite(
        src, dst, weight, len(accounts) + len(artifacts), params.method, params.seed, resolution, params.n_iterations
    )
    grp = int(edges["grp"].iloc[0]) if len(edges) else 0
    return pd.DataFrame(
        {"grp": np.full(len(accounts), grp, dtype=np.int64), "acct": accounts, "label": labels[: len(accounts)]}
    )


def partition_components(
    spark: Any, edges: Any, components: Any, params: PartitionParams, max_task_edges: int, groups: int
) -> pd.DataFrame:
    """``acct, community`` for every account with an evidence edge (``edges``: ``acct, art, weight``;
    ``components``: ``node, component`` with accounts' nodes equal to ``acct``)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    tagged = edges.join(components.withColumnRenamed("node", "acct"), "acct").persist(StorageLevel.MEMORY_AND_DISK)
    if params.method == "wcc":
        found = tagged.select("acct", "component").distinct().toPandas()
        found = found.sort_values("acct", kind="stable")
        return pd.DataFrame(
            {"acct": found["acct"].to_numpy(), "community": relabel_by_size(found["component"].to_numpy())}
        )
    degree = tagged.groupBy("acct").agg(F.count(F.lit(1)).alias("deg"))
    kept = tagged.join(degree, "acct").filter(F.col("deg") >= 2).agg(F.sum("weight").alias("m")).collect()[0]["m"]
    total = float(kept or 0.0)
    sizes = tagged.groupBy("component").agg(F.count(F.lit(1)).alias("n_edges"))
    big = [int(r["component"]) for r in sizes.filter(F.col("n_edges") > max_task_edges).collect()]
    small = tagged.filter(~F.col("component").isin(big)) if big else tagged
    grouped = small.withColumn("grp", F.pmod(F.xxhash64("component"), F.lit(groups)))

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        return partition_group(frame, params, total)

    parts = [grouped.select("grp", "acct", "art", "weight").groupBy("grp").applyInPandas(run, SCHEMA).toPandas()]
    for i, component in enumerate(big):  # too large for one task: on the driver
        frame = tagged.filter(F.col("component") == component).select("acct", "art", "weight").toPandas()
        parts.append(partition_group(frame.assign(grp=-1 - i), params, total))
    found = pd.concat(parts, ignore_index=True).sort_values("acct", kind="stable")
    key = found["grp"].to_numpy() * np.int64(1 << 32) + found["label"].to_numpy()
    tagged.unpersist()
    return pd.DataFrame({"acct": found["acct"].to_numpy(), "community": relabel_by_size(key)})
