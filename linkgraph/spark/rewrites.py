"""Rewrite groups in Spark: the shared families' centres go to the driver, the link rows stay.

Spark counts each family's users from the family links and keeps the shared families (2 to
``rewrite_max_users`` users) with their heaviest hash (``centre`` of
:func:`~linkgraph.spark.families.family_table`). Only those rows reach the driver, which groups
them as the embedded path does (:func:`~linkgraph.signals.rewrites.rewrite_group_of_families`),
and Spark joins the family links to their group ``rw:<hex>``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from linkgraph.signals.derive import REWRITE, SignalParams
from linkgraph.signals.rewrites import rewrite_group_of_families
from linkgraph.signals.simhash import simhash_texts
from linkgraph.spark.families import hex_to_uint64


def rewrite_links(spark: Any, links: Any, families: Any, params: SignalParams) -> tuple[Any | None, dict[str, object]]:
    """Rewrite-group link rows (``account_id, kind, artifact, first_seen, last_seen, count``; None
    without any group) from the family ``links`` and the family table, and the signal report."""
    from pyspark.sql import functions as F

    users = links.groupBy(F.col("artifact").alias("family")).agg(F.countDistinct("account_id").alias("users"))
    shared = users.filter((F.col("users") >= 2) & (F.col("users") <= params.rewrite_max_users))
    centres = families.filter(F.col("centre")).select("family", "simhash")
    table = shared.join(centres, "family").orderBy("family").toPandas()
    hashes = hex_to_uint64(table["simhash"]) if len(table) else np.empty(0, dtype=np.uint64)
    group, bits = rewrite_group_of_families(
        hashes,
        table["users"].to_numpy(dtype=np.int64),
        params.rewrite_max_bits,
        params.rewrite_max_users,
        params.rewrite_min_families,
        params.rewrite_chance,
    )
    n_groups = int(group.max()) + 1 if len(group) else 0
    report: dict[str, object] = {"rewrite_bits": bits, "rewrite_groups": n_groups, "rewrite_links": 0}
    if not n_groups:
        return None, report
    smallest = np.full(n_groups, np.iinfo(np.uint64).max, dtype=np.uint64)
    np.minimum.at(smallest, group[group >= 0], hashes[group >= 0])
    names = simhash_texts(smallest, "rw:")
    member = group >= 0
    lookup = pd.DataFrame({"artifact": table["family"].to_numpy()[member], "rewrite": names[group[member]].astype(str)})
    joined = links.join(spark.createDataFrame(lookup), "artifact")
    found = joined.groupBy("account_id", F.col("rewrite").alias("artifact")).agg(
        F.lit(REWRITE).alias("kind"),
        F.min("first_seen").alias("first_seen"),
        F.max("last_seen").alias("last_seen"),
        F.sum("count").alias("count"),
    )
    report["rewrite_links"] = found.count()
    return found, report
