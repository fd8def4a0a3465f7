"""Coherent hubs as Spark jobs (the meaning of linkgraph.coherence).

A candidate hub (over its kind's absolute cut-off, within the relative one, a kind with
strength; or a template family just over the relative cut-off, with thresholds of its own,
:func:`linkgraph.graph.popular_families`) is evidence again when at least ``coherent_share`` of its users sit in one
connected component of the evidence graph (components of one account do not count) and
``share · n_accounts ≥ coherent_lift · component size``; up to ``coherent_rounds`` rounds,
each with the components of the evidence graph plus the hubs re-admitted so far. The
expressions are the embedded ones, in the same order, so the floating-point tests agree.
Without a candidate, nothing runs but one count. A popular family is also evidence when
``family_card_share`` of its users share a card with another of its users
(:func:`card_tied_families`, as :func:`linkgraph.coherence.card_tied_families`), and when
``family_share`` of its users, both ways, are the users of ``family_partners`` other such
families (:func:`co_used_families`, as :func:`linkgraph.coherence.co_used_families`).
"""

from __future__ import annotations

from typing import Any

from linkgraph.graph import GraphParams
from linkgraph.spark.components import account_components
from linkgraph.spark.frames import Materialized


def _candidates(artifacts: Any, n_accounts: int, params: GraphParams) -> Any:
    """``art, df, need_share, need_lift`` of the candidate hubs and popular families
    (:func:`linkgraph.graph.popular_families`), each with its thresholds."""
    from pyspark.sql import functions as F

    relative = params.relative_cutoff(n_accounts)
    hub = F.col("generic") & (F.col("df") <= relative) & F.col("_strong")
    family = _family_candidates(n_accounts, params)
    return artifacts.filter(hub | family).select(
        "art",
        "df",
        F.when(family, F.lit(params.family_share)).otherwise(F.lit(params.coherent_share)).alias("need_share"),
        F.when(family, F.lit(params.family_lift)).otherwise(F.lit(params.coherent_lift)).alias("need_lift"),
    )


def _family_candidates(n_accounts: int, params: GraphParams, factor: float | None = None) -> Any:
    """The popular families (:func:`linkgraph.graph.popular_families`, ``factor`` as there) as a column expression."""
    from pyspark.sql import functions as F

    relative = params.relative_cutoff(n_accounts)
    return (
        F.col("generic")
        & F.col("_strong")
        & (F.col("kind") == "family")
        & (F.col("df") > relative)
        & (F.col("df") <= F.lit((params.family_factor if factor is None else factor) * relative))
    )


def card_tied_families(artifacts: Any, links: Any, n_accounts: int, params: GraphParams) -> list[int]:
    """Sorted ``art`` codes of the popular families (up to ``family_card_factor`` times the
    cut-off) at least ``family_card_share`` of whose users share a card (not generic, two or
    more users) with another of its users.

    ``artifacts`` has ``art, kind, df, generic, _strong``; ``links`` has ``acct, art``.
    """
    from pyspark.sql import functions as F

    wide = _family_candidates(n_accounts, params, params.family_card_factor)
    families = artifacts.filter(wide).select(F.col("art").alias("fam"), "df")
    if families.limit(1).count() == 0:
        return []
    cards = artifacts.filter((F.col("kind") == "payment") & ~F.col("generic") & (F.col("df") >= 2))
    on_family = links.select("acct", F.col("art").alias("fam")).join(families.select("fam"), "fam").distinct()
    on_card = links.select("acct", F.col("art").alias("card")).join(cards.select(F.col("art").alias("card")), "card")
    both = on_family.join(on_card.distinct(), "acct")
    pairs = both.groupBy("fam", "card").agg(F.count(F.lit(1)).alias("partners")).filter(F.col("partners") >= 2)
    tied = both.join(pairs.select("fam", "card"), ["fam", "card"]).select("fam", "acct").distinct()
    counts = tied.groupBy("fam").agg(F.count(F.lit(1)).alias("tied")).join(families, "fam")
    found = counts.filter(F.col("tied") >= F.lit(params.family_card_share) * F.col("df")).select("fam")
    return sorted(int(row["fam"]) for row in found.collect())


def co_used_families(artifacts: Any, links: Any, n_accounts: int, params: GraphParams) -> list[int]:
    """Sorted ``art`` codes of the popular families (up to ``family_card_factor`` times the
    cut-off) at least ``family_share`` of whose users, both ways, are the users of
    ``family_partners`` other such families.

    ``artifacts`` has ``art, kind, df, generic, _strong``; ``links`` has ``acct, art``.
    """
    from pyspark.sql import functions as F

    if params.family_partners <= 0:
        return []
    wide = _family_candidates(n_accounts, params, params.family_card_factor)
    families = artifacts.filter(wide).select(F.col("art").alias("fam"))
    if families.limit(1).count() == 0:
        return []
    on = links.select("acct", F.col("art").alias("fam")).join(families, "fam").distinct()
    users = on.groupBy("fam").agg(F.count(F.lit(1)).alias("users"))
    other = on.select("acct", F.col("fam").alias("other"))
    pairs = on.join(other, "acct").filter(F.col("fam") != F.col("other"))
    co = pairs.groupBy("fam", "other").agg(F.count(F.lit(1)).alias("co"))
    theirs = users.select(F.col("fam").alias("other"), F.col("users").alias("other_users"))
    co = co.join(users, "fam").join(theirs, "other")
    share = F.lit(params.family_share)
    close = co.filter((F.col("co") >= share * F.col("users")) & (F.col("co") >= share * F.col("other_users")))
    found = close.groupBy("fam").agg(F.count(F.lit(1)).alias("n")).filter(F.col("n") >= params.family_partners)
    return sorted(int(row["fam"]) for row in found.select("fam").collect())


def _found(pending: Any, components: Any, n_accounts: int, params: GraphParams) -> Any:
    """``art`` of the pending hubs whose users are one network in ``components`` (``node, component``)."""
    from pyspark.sql import functions as F

    accounts = components.filter(F.col("node") < n_accounts)
    size = accounts.groupBy("component").agg(F.count(F.lit(1)).alias("size")).filter(F.col("size") > 1)
    placed = accounts.select(F.col("node").alias("acct"), "component").join(size, "component")
    keys = ["art", "component", "df", "need_share", "need_lift", "size"]
    pairs = pending.join(placed, "acct").groupBy(*keys).agg(F.count(F.lit(1)).alias("users"))
    in_share = F.col("users") / F.col("df")
    over_chance = in_share * F.lit(float(n_accounts)) >= F.col("need_lift") * F.col("size")
    return pairs.filter((in_share >= F.col("need_share")) & over_chance).select("art").distinct()


def _codes_frame(spark: Any, codes: list[int]) -> Any:
    """``art`` of ``codes``: a fresh local relation, so no plan (or size estimate) is carried over."""
    return spark.createDataFrame([(code,) for code in codes], "art long")


def coherent_hubs(artifacts: Any, links: Any, n_accounts: int, params: GraphParams) -> list[int]:
    """Sorted ``art`` codes of the re-admitted hubs; empty when no artifact is a candidate.

    ``artifacts`` has ``art, df, generic, _strong`` and the rarity rule's ``usable``;
    ``links`` has ``acct, art``. Only the hubs' codes reach the driver (at most one per
    ``max_df`` links), never links.
    """
    from pyspark.sql import functions as F

    if params.coherent_rounds <= 0:
        return []
    candidates = _candidates(artifacts, n_accounts, params)
    if candidates.limit(1).count() == 0:
        return []
    spark = artifacts.sparkSession
    on_candidate = Materialized.of(links.select("acct", "art").join(candidates, "art")).frame
    evidence = links.select("acct", "art").join(artifacts.filter(F.col("usable")).select("art"), "art")
    readmitted: list[int] = []
    for _ in range(params.coherent_rounds):
        edges, pending = evidence, on_candidate
        if readmitted:
            hubs = _codes_frame(spark, readmitted)
            edges = edges.unionByName(on_candidate.join(hubs, "art").select("acct", "art"))
            pending = on_candidate.join(hubs, "art", "left_anti")
        components, _ = account_components(edges, n_accounts)
        found = [int(row["art"]) for row in _found(pending, components, n_accounts, params).collect()]
        if not found:
            break
        readmitted = sorted({*readmitted, *found})
    return readmitted
