"""Leiden (or Louvain) per group of connected components, in parallel, under ``applyInPandas``.

The partition is :mod:`linkgraph.communities.groups`, the one the embedded backend runs:
components are grouped by their smallest account code, each group optimises the whole
graph's modularity (resolution ``γ · m_g / m``), accounts are numbered by code and artifacts
by their canonical rank (the Spark artifact code ``art`` is that rank: kind, then text).
Edge weights are recomputed in each task from ``df`` with the embedded formula
(:func:`linkgraph.graph.rarity_weight`), so the floats are the embedded ones bit for bit.
Two passes: every task sums its group's weight ``m_g`` (the driver adds them exactly),
then every task partitions its group.

**Big groups**: a group with more than ``max_task_edges`` edges is partitioned on the driver
instead of in a task, by the same function. Its limit is the driver's memory: igraph needs
about 100 bytes per edge.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.communities.algorithms import relabel_by_size
from linkgraph.communities.groups import GROUPS, group_weight, numbered, partition_group
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import GraphParams, rarity_weight


def edge_weights(frame: pd.DataFrame, graph: GraphParams, n_accounts: int) -> np.ndarray:
    """``strength[kind] · rarity(df)`` per edge, exactly as :func:`linkgraph.graph.build_link_graph` computes it."""
    strength = frame["kind"].map(lambda k: graph.strength.get(k, 0.0)).to_numpy(dtype=np.float64)
    return strength * rarity_weight(frame["df"].to_numpy(dtype=np.int64), n_accounts)


def partition_components(
    edges: Any,
    components: Any,
    params: PartitionParams,
    graph: GraphParams,
    n_accounts: int,
    max_task_edges: int,
    groups: int = GROUPS,
) -> pd.DataFrame:
    """``acct, community`` for every account with an evidence edge (``edges``: ``acct, art, kind, df``;
    ``components``: ``node, component``, accounts' nodes equal to ``acct``)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    tagged = edges.join(components.withColumnRenamed("node", "acct"), "acct")
    if params.method == "wcc":
        found = tagged.select("acct", "component").distinct().toPandas().sort_values("acct", kind="stable")
        labels = relabel_by_size(found["component"].to_numpy())
        return pd.DataFrame({"acct": found["acct"].to_numpy(), "community": labels})
    smallest = tagged.groupBy("component").agg(F.min("acct").alias("smallest"))
    grouped = (
        tagged.join(smallest, "component")
        .select(F.pmod(F.col("smallest"), F.lit(groups)).alias("grp"), "acct", "art", "kind", "df")
        .persist(StorageLevel.MEMORY_AND_DISK)
    )

    def weigh(frame: pd.DataFrame) -> pd.DataFrame:
        w = edge_weights(frame, graph, n_accounts)
        m = group_weight(frame["acct"].to_numpy(), frame["art"].to_numpy(), w)
        return pd.DataFrame({"grp": [int(frame["grp"].iloc[0])], "m": [m], "n": [len(frame)]})

    sums = grouped.groupBy("grp").applyInPandas(weigh, "grp long, m double, n long").toPandas()
    total = math.fsum(sums["m"].tolist())
    big = sorted(int(g) for g in sums.loc[sums["n"] > max_task_edges, "grp"])

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        w = edge_weights(frame, graph, n_accounts)
        accounts, labels = partition_group(frame["acct"].to_numpy(), frame["art"].to_numpy(), w, params, total)
        grp = np.full(len(accounts), int(frame["grp"].iloc[0]), dtype=np.int64)
        return pd.DataFrame({"grp": grp, "acct": accounts, "label": labels})

    small = grouped.filter(~F.col("grp").isin(big)) if big else grouped
    parts = [small.groupBy("grp").applyInPandas(run, "grp long, acct long, label long").toPandas()]
    for g in big:  # too large for one task: the same function on the driver
        parts.append(run(grouped.filter(F.col("grp") == g).toPandas()))
    found = pd.concat(parts, ignore_index=True)
    grouped.unpersist()
    accounts, community = numbered(
        found["grp"].to_numpy(dtype=np.int64), found["acct"].to_numpy(dtype=np.int64), found["label"].to_numpy()
    )
    return pd.DataFrame({"acct": accounts, "community": community})
