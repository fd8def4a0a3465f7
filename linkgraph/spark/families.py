"""Template families from the request log and the prompt fingerprints, with Spark doing the row work.

Spark reduces every SimHash row (fingerprints weighted by their request count, requests by
one) to the distinct hashes with their total weight; the driver groups those with the
embedded LSH (:func:`linkgraph.signals.families.template_families`, near-linear, exact in
meaning since families are defined on distinct hashes) and Spark joins each row back to
its family ``tf:<hex>``. Only the distinct hashes reach the driver, never the rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from linkgraph.signals.derive import FAMILY, SignalParams
from linkgraph.signals.families import family_names, template_families
from linkgraph.signals.rewrites import family_centres


def hex_to_uint64(values: pd.Series) -> np.ndarray:
    """16-hex-digit text (validated) as uint64."""
    text = values.astype(str).to_numpy()
    high = np.array([int(v[:8], 16) for v in text], dtype=np.uint64)
    low = np.array([int(v[8:], 16) for v in text], dtype=np.uint64)
    return (high << np.uint64(32)) | low


def _count(fingerprints: Any) -> Any:
    """A fingerprint row's weight: its request count, 1 where absent."""
    from pyspark.sql import functions as F

    if "request_count" not in fingerprints.columns:
        return F.lit(1)
    return F.coalesce("request_count", F.lit(1))


def _seen(fingerprints: Any, column: str) -> Any:
    """A fingerprint row's ``first_seen``/``last_seen``, null where the optional column is absent."""
    from pyspark.sql import functions as F

    return F.col(column) if column in fingerprints.columns else F.lit(None).cast("timestamp").alias(column)


def family_table(spark: Any, fingerprints: Any | None, requests: Any | None, params: SignalParams) -> Any | None:
    """``simhash, family, centre`` for every distinct SimHash in the input (None without any);
    ``centre`` marks each family's heaviest hash (:func:`~linkgraph.signals.rewrites.family_centres`)."""
    from pyspark.sql import functions as F

    parts = []
    if fingerprints is not None and "simhash" in fingerprints.columns:
        fp = fingerprints.filter(F.col("simhash").isNotNull())
        parts.append(fp.select("simhash", _count(fp).cast("double").alias("w")))
    if requests is not None and "prompt_simhash" in requests.columns:
        req = requests.filter(F.col("prompt_simhash").isNotNull())
        parts.append(req.select(F.col("prompt_simhash").alias("simhash"), F.lit(1.0).alias("w")))
    if not parts:
        return None
    rows = parts[0]
    for part in parts[1:]:
        rows = rows.unionByName(part)
    distinct = rows.groupBy("simhash").agg(F.sum("w").alias("w")).orderBy("simhash").toPandas()
    if distinct.empty:
        return None
    hashes = hex_to_uint64(distinct["simhash"])
    labels = template_families(hashes, distinct["w"].to_numpy(dtype=np.float64), params.family_max_bits)
    names = family_names(hashes, labels)[labels]
    centres = family_centres(hashes, distinct["w"].to_numpy(dtype=np.float64), labels, int(labels.max()) + 1)
    table = pd.DataFrame(
        {"simhash": distinct["simhash"].astype(str), "family": names.astype(str), "centre": centres[labels] == hashes}
    )
    return spark.createDataFrame(table)


def family_links(fingerprints: Any | None, requests: Any | None, families: Any) -> Any:
    """``account_id, kind, artifact, first_seen, last_seen, count`` per (account, family).

    From the fingerprints when they carry SimHashes, else from the requests (as embedded).
    """
    from pyspark.sql import functions as F

    fp = None
    if fingerprints is not None and "simhash" in fingerprints.columns:
        fp = fingerprints.filter(F.col("simhash").isNotNull())
        if fp.limit(1).count() == 0:
            fp = None
    if fp is not None:
        rows = fp.select(
            "account_id",
            "simhash",
            *(_seen(fp, column) for column in ("first_seen", "last_seen")),
            _count(fp).cast("long").alias("count"),
        )
    else:
        assert requests is not None
        req = requests.filter(F.col("prompt_simhash").isNotNull())
        rows = req.select(
            "account_id",
            F.col("prompt_simhash").alias("simhash"),
            F.col("timestamp").alias("first_seen"),
            F.col("timestamp").alias("last_seen"),
            F.lit(1).cast("long").alias("count"),
        )
    joined = rows.join(families, "simhash")
    return joined.groupBy("account_id", F.col("family").alias("artifact")).agg(
        F.lit(FAMILY).alias("kind"),
        F.min("first_seen").alias("first_seen"),
        F.max("last_seen").alias("last_seen"),
        F.sum("count").alias("count"),
    )


def fingerprint_families(fingerprints: Any | None, families: Any | None) -> Any | None:
    """``fingerprint, family`` per fingerprint with a SimHash (the family id sorting first, as embedded)."""
    from pyspark.sql import functions as F

    if fingerprints is None or families is None or "simhash" not in fingerprints.columns:
        return None
    pairs = fingerprints.filter(F.col("simhash").isNotNull()).select("fingerprint", "simhash").distinct()
    return (
        pairs.join(families.select("simhash", "family"), "simhash")
        .groupBy("fingerprint")
        .agg(F.min("family").alias("family"))
    )


def request_families(requests: Any, families: Any | None) -> Any:
    """``requests`` with a ``family`` column (null without a SimHash)."""
    from pyspark.sql import functions as F

    if families is None or "prompt_simhash" not in requests.columns:
        return requests.withColumn("family", F.lit(None).cast("string"))
    lookup = families.select(F.col("simhash").alias("prompt_simhash"), "family")
    return requests.join(lookup, "prompt_simhash", "left")
