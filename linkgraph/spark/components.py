"""Connected components of the evidence graph on Spark DataFrames.

GraphFrames' ``connectedComponents`` needs its jar from Maven Central through
``spark.jars.packages``; where that jar cannot be resolved (docs/spark.md), the same
algorithm family runs here on plain DataFrames: every node takes the smallest label among
itself and its neighbours, then jumps to its label's label (pointer jumping), until no
label changes. Labels only decrease and stay inside their component, so the result is the
component's smallest node id, whatever the partitioning. Lineage is cut every round (a
round joins the previous labels twice, so an uncut plan doubles each round) by writing the
labels as Parquet under ``SparkSettings.checkpoint_dir`` and reading them back
(:class:`~linkgraph.spark.frames.Materialized`): ``checkpoint()`` would keep the size
estimate, which squares every round.
"""

from __future__ import annotations

from typing import Any

from linkgraph.spark.frames import Materialized

MAX_ROUNDS = 64


def _jump(labels: Any) -> Any:
    """Every node takes its label's label (the smaller of the two)."""
    from pyspark.sql import functions as F

    jump = labels.alias("s").join(labels.alias("t"), F.col("s.label") == F.col("t.node"), "left")
    return jump.select(
        F.col("s.node").alias("node"), F.least("s.label", F.coalesce("t.label", "s.label")).alias("label")
    )


def connected_components(edges: Any, src: str = "src", dst: str = "dst") -> tuple[Any, int]:
    """``node, component`` (the smallest node id of its component) for every node of ``edges``; and the rounds."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    pairs = Materialized.of(edges.select(F.col(src).alias("a"), F.col(dst).alias("b")))  # a short plan
    both = pairs.frame.unionByName(pairs.frame.select(F.col("b").alias("a"), F.col("a").alias("b")))
    first = both.groupBy("a").agg(F.least(F.min("b"), F.first("a")).alias("label")).withColumnRenamed("a", "node")
    labels = Materialized.of(first)
    rounds = 0
    while True:
        rounds += 1
        if rounds > MAX_ROUNDS:
            raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
        # smallest label among the neighbours
        current = labels.frame
        seen = both.join(current.withColumnRenamed("node", "b"), "b").groupBy("a").agg(F.min("label").alias("nb"))
        step = current.join(seen.withColumnRenamed("a", "node"), "node").select(
            "node", F.least("label", "nb").alias("label")
        )
        # pointer jumping, twice: take the label of one's label's label (each read twice: kept)
        step = step.persist(StorageLevel.MEMORY_AND_DISK)
        once = _jump(step).persist(StorageLevel.MEMORY_AND_DISK)
        new = Materialized.of(_jump(once))  # cut the plan (and its size estimate) every round
        once.unpersist()
        step.unpersist()
        old = current.withColumnRenamed("label", "old")
        changed = new.frame.join(old, "node").filter(F.col("label") != F.col("old")).count()
        labels.drop()
        labels = new
        if changed == 0:
            break
    pairs.drop()
    return labels.frame.withColumnRenamed("label", "component"), rounds


def account_components(edges: Any, n_accounts: int) -> tuple[Any, int]:
    """``node, component`` for the accounts and artifacts of the evidence graph (``acct, art``).

    An account with a single edge cannot join two components, so it is left out of the
    iterations and takes its artifact's component afterwards (an artifact reached only by
    such accounts is a component of its own). Artifact nodes are ``n_accounts + art``.
    """
    from pyspark.sql import functions as F

    nodes = edges.select("acct", (F.col("art") + F.lit(n_accounts)).alias("node"))
    degree = nodes.groupBy("acct").agg(F.count(F.lit(1)).alias("deg"))
    tagged = Materialized.of(nodes.join(degree, "acct")).frame
    core = tagged.filter(F.col("deg") >= 2).select(F.col("acct").alias("src"), F.col("node").alias("dst"))
    found, rounds = connected_components(core)
    leaves = (
        tagged.filter(F.col("deg") == 1)
        .join(found.withColumnRenamed("node", "art_node"), F.col("node") == F.col("art_node"), "left")
        .select(F.col("acct").alias("node"), F.coalesce("component", "node").alias("component"))
    )
    return found.unionByName(leaves), rounds
