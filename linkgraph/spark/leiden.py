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
instead of in a task, by the same function. It reaches the driver in slices of at most about
``slice_edges`` edges (:func:`collect_group`), so the driver's JVM never holds more than one
slice; the limit is the Python driver's memory: igraph needs about 100 bytes per edge.
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
    """``strength[kind] · rarity(df)`` per edge, exactly as :func:`linkgraph.graph.build_link_graph` computes it.

    A frame from :func:`collect_group` carries the kind's ``strength`` already.
    """
    if "strength" in frame.columns:
        strength = frame["strength"].to_numpy(dtype=np.float64)
    else:
        strength = frame["kind"].map(lambda k: graph.strength.get(k, 0.0)).to_numpy(dtype=np.float64)
    return strength * rarity_weight(frame["df"].to_numpy(dtype=np.int64), n_accounts)


def collect_group(grouped: Any, group: int, n_edges: int, graph: GraphParams, slice_edges: int) -> pd.DataFrame:
    """One group's ``grp, acct, art, strength, df`` on the driver, in slices of about ``slice_edges`` edges.

    ``toPandas()`` of a whole group makes the driver's JVM build every Arrow batch of it in
    its heap first (the 10M run ran out of heap there). Sliced by account code, the JVM holds
    one slice at a time; ``strength`` (the kind's, 0 for an unknown kind) replaces the kind
    text, so a slice is five numbers per edge.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    pairs = [F.lit(x) for kind, value in graph.strength.items() for x in (kind, float(value))]
    strength = F.coalesce(F.create_map(*pairs)[F.col("kind")], F.lit(0.0)) if pairs else F.lit(0.0)
    part = grouped.filter(F.col("grp") == group).select("grp", "acct", "art", strength.alias("strength"), "df")
    slices = max(1, math.ceil(n_edges / max(1, slice_edges)))
    if slices == 1:
        return part.toPandas()
    part = part.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        frames = [part.filter(F.pmod(F.col("acct"), F.lit(slices)) == i).toPandas() for i in range(slices)]
    finally:
        part.unpersist()
    return pd.concat(frames, ignore_index=True)


def partition_components(
    edges: Any,
    components: Any,
    params: PartitionParams,
    graph: GraphParams,
    n_accounts: int,
    max_task_edges: int,
    groups: int = GROUPS,
    slice_edges: int = 4_000_000,
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
    sizes = dict(zip(sums["grp"].astype(int), sums["n"].astype(int), strict=True))
    big = sorted(g for g, n in sizes.items() if n > max_task_edges)

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        w = edge_weights(frame, graph, n_accounts)
        accounts, labels = partition_group(frame["acct"].to_numpy(), frame["art"].to_numpy(), w, params, total)
        grp = np.full(len(accounts), int(frame["grp"].iloc[0]), dtype=np.int64)
        return pd.DataFrame({"grp": grp, "acct": accounts, "label": labels})

    small = grouped.filter(~F.col("grp").isin(big)) if big else grouped
    parts = [small.groupBy("grp").applyInPandas(run, "grp long, acct long, label long").toPandas()]
    for g in big:  # too large for one task: the same function on the driver
        parts.append(run(collect_group(grouped, g, sizes[g], graph, slice_edges)))
    found = pd.concat(parts, ignore_index=True)
    grouped.unpersist()
    accounts, community = numbered(
        found["grp"].to_numpy(dtype=np.int64), found["acct"].to_numpy(dtype=np.int64), found["label"].to_numpy()
    )
    return pd.DataFrame({"acct": accounts, "community": community})
