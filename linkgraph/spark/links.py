"""The link table, rarity weights and generic cut-offs as Spark aggregations (the meaning of linkgraph.graph).

One row per (account, artifact) over the three link tables and the derived kinds; ``df``
is the number of accounts per artifact, ``weight = strength[kind] · ln(N/df) / ln(N)``
clipped to [0, 1], ``generic`` when ``df`` is above the kind's cut-off, and an edge for
every link to a usable artifact (not generic, at least ``min_sharers`` accounts, a kind
with strength; or a coherent hub, :mod:`linkgraph.spark.coherence`). Accounts are coded by
their row in the accounts table (``acct``, as the embedded engine codes them); artifacts by
kind, then artifact text (``art``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from linkgraph.communities.groups import ARTIFACT_KINDS
from linkgraph.graph import LIGHT_SHARE, PROMPT_KINDS, GraphParams
from linkgraph.ingest.links import LINK_SOURCES
from linkgraph.spark.coherence import card_tied_families, co_used_families, coherent_hubs
from linkgraph.spark.read import with_ordinals


@dataclass
class SparkGraph:
    """The weighted graph as Spark DataFrames: ``accounts`` (with ``acct``), ``links`` (``acct, art, kind,
    first_seen, last_seen, count``), ``artifacts`` (``art, kind, artifact, df, weight, generic,
    light, usable``) and ``edges`` (``acct, art, weight``)."""

    n_accounts: int
    accounts: Any
    links: Any
    artifacts: Any
    edges: Any


KINDS = ARTIFACT_KINDS
"""Artifact kinds in code order; artifacts are numbered by kind, then text: the canonical order
of :func:`linkgraph.communities.groups.artifact_ranks`."""


def _choose(column: Any, values: dict[str, float], default: float) -> Any:
    from pyspark.sql import functions as F

    expr = F.lit(default)
    for key, value in values.items():
        expr = F.when(column == key, F.lit(value)).otherwise(expr)
    return expr


def base_links(tables: dict[str, Any]) -> Any:
    """``account_id, kind, artifact, first_seen, last_seen, count`` of the three link tables."""
    from pyspark.sql import functions as F

    parts = []
    for name, column, kind, count_col in LINK_SOURCES:
        if name not in tables:
            continue
        t = tables[name]
        parts.append(
            t.select(
                "account_id",
                F.lit(kind).alias("kind"),
                F.col(column).alias("artifact"),
                (F.col("first_seen") if "first_seen" in t.columns else F.lit(None).cast("timestamp")).alias(
                    "first_seen"
                ),
                (F.col("last_seen") if "last_seen" in t.columns else F.lit(None).cast("timestamp")).alias("last_seen"),
                (F.col(count_col) if count_col and count_col in t.columns else F.lit(None).cast("long")).alias("count"),
            )
        )
    out = parts[0]
    for part in parts[1:]:
        out = out.unionByName(part)
    return out


def build_graph(
    spark: Any, tables: dict[str, Any], derived: Any | None, params: GraphParams, fingerprint_family: Any | None = None
) -> SparkGraph:
    """Weigh every artifact and keep the evidence edges (see :mod:`linkgraph.graph`).

    ``fingerprint_family`` (``fingerprint, family``) gives each fingerprint artifact its
    family's code (``family``, -1 for none), as :func:`linkgraph.graph.fingerprint_families`.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    accounts = with_ordinals(spark, tables["accounts"]).withColumnRenamed("_ord", "acct")
    accounts = accounts.drop("_row").checkpoint(eager=True)
    n = accounts.count()
    raw = base_links(tables)
    if derived is not None:
        raw = raw.unionByName(derived.select(*raw.columns))
    merged = raw.groupBy("account_id", "kind", "artifact").agg(
        F.min("first_seen").alias("first_seen"), F.max("last_seen").alias("last_seen"), F.sum("count").alias("count")
    )
    links = merged.join(accounts.select("account_id", "acct"), "account_id").drop("account_id")
    kind_rank = _choose(F.col("kind"), {k: float(i) for i, k in enumerate(KINDS)}, float(len(KINDS))).cast("int")
    df = links.groupBy("kind", "artifact").agg(
        F.count(F.lit(1)).alias("df"),
        F.sum((F.col("count") <= 1).cast("long")).alias("_once"),
        F.sum(F.col("count").isNull().cast("long")).alias("_uncounted"),
    )
    ordered = (
        df.withColumn("_rank", kind_rank)
        .orderBy("_rank", "artifact")
        .withColumn("_file", F.lit(0))
        .withColumn("_mono", F.monotonically_increasing_id())
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    prompt = F.col("kind").isin(*PROMPT_KINDS)
    counted = ordered.filter(prompt & (F.col("_uncounted") > 0)).limit(1).count() == 0  # else nothing is light
    big_n = max(n, 2)
    strength = _choose(F.col("kind"), dict(params.strength), 0.0)
    cutoff = _choose(F.col("kind"), {k: float(params.generic_cutoff(k, n)) for k in KINDS}, 0.0)
    rarity = F.log(F.lit(float(big_n)) / F.greatest(F.col("df"), F.lit(1))) / F.lit(math.log(big_n))
    artifacts = (
        with_ordinals(spark, ordered)
        .select(
            F.col("_ord").alias("art"),
            "kind",
            "artifact",
            "df",
            (strength * F.least(F.greatest(rarity, F.lit(0.0)), F.lit(1.0))).alias("weight"),
            (F.col("df") > cutoff).alias("generic"),
            (prompt & F.lit(counted) & (F.coalesce(F.col("_once"), F.lit(0)) >= LIGHT_SHARE * F.col("df"))).alias(
                "light"
            ),
            (strength > 0).alias("_strong"),
        )
        .checkpoint(eager=True)
    )
    links = links.join(artifacts.select("kind", "artifact", "art"), ["kind", "artifact"]).checkpoint(eager=True)
    artifacts = _with_families(_with_coherent_hubs(artifacts, links, n, params), fingerprint_family)
    edges = (
        links.select("acct", "art")
        .join(artifacts.filter(F.col("usable")).select("art", "kind", "df", "weight"), "art")
        .select("acct", "art", "kind", "df", "weight")
    )
    return SparkGraph(n, accounts, links, artifacts.drop("_strong"), edges.checkpoint(eager=True))


def _with_families(artifacts: Any, fingerprint_family: Any | None) -> Any:
    """``artifacts`` with ``family``: the code of a fingerprint's template family, else -1."""
    from pyspark.sql import functions as F

    if fingerprint_family is None:
        return artifacts.withColumn("family", F.lit(-1).cast("long"))
    families = artifacts.filter(F.col("kind") == "family")
    codes = families.select(F.col("artifact").alias("family"), F.col("art").alias("_f"))
    known = fingerprint_family.join(codes, "family").select(
        F.lit("fingerprint").alias("kind"), F.col("fingerprint").alias("artifact"), "_f"
    )
    joined = artifacts.join(known, ["kind", "artifact"], "left")
    family = F.coalesce(F.col("_f"), F.lit(-1)).cast("long")
    return joined.withColumn("family", family).drop("_f").checkpoint(eager=True)


def _with_coherent_hubs(artifacts: Any, links: Any, n: int, params: GraphParams) -> Any:
    """``artifacts`` with ``usable``, and the coherent hubs re-admitted (not generic, usable)."""
    from pyspark.sql import functions as F

    rare = ~F.col("generic") & (F.col("df") >= params.min_sharers) & F.col("_strong")
    artifacts = artifacts.withColumn("usable", rare)
    hubs = sorted(
        {
            *coherent_hubs(artifacts, links, n, params),
            *card_tied_families(artifacts, links, n, params),
            *co_used_families(artifacts, links, n, params),
        }
    )
    if not hubs:
        return artifacts
    coherent = F.col("art").isin(hubs)
    return (
        artifacts.withColumn("generic", F.col("generic") & ~coherent)
        .withColumn("usable", F.col("usable") | coherent)
        .checkpoint(eager=True)
    )
