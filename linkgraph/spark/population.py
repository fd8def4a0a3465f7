"""Scoring's population statistics and known-bad ties, computed once in Spark before the groups are scored.

The figures are the ones :func:`linkgraph.scoring.population.population_of` takes from a
population held in memory: sign-ups per hour, model releases with everyone's traffic in
their window (a few rows), requests per active account. Accounts per email domain stay in
Spark: they are joined to the members' rows (:mod:`linkgraph.spark.scoring`).

Known-bad ties (:func:`linkgraph.scoring.seeds.seed_ties`) run over every evidence edge, but
only artifacts with enough enforced users (tainted) can tie anyone, so Spark counts the
enforced users per artifact and only the edges of tainted artifacts reach the driver, with
the last activity of their enforced accounts and the creation time of their accounts.
:func:`~linkgraph.scoring.seeds.seed_ties` then runs on that subset, which gives every
account's ties exactly (each tainted artifact comes with all its edges).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from linkgraph.scoring.activity import RELEASE_COLUMNS, baseline_of_counts, empty_releases
from linkgraph.scoring.params import evidence_class_codes
from linkgraph.scoring.population import HOUR_NS, PIVOT_WINDOW_HOURS, CreationHours, Population
from linkgraph.scoring.seeds import ENFORCED, NAT, seed_ties, tie_table
from linkgraph.spark.links import SparkGraph

US = 1_000  # nanoseconds per microsecond
HOUR_US = HOUR_NS // US


def enforced_column() -> Any:
    """True for banned or suspended accounts (statuses are lower case after validation)."""
    from pyspark.sql import functions as F

    return F.coalesce(F.lower(F.trim(F.col("status"))).isin(*ENFORCED), F.lit(False))


def banned_column() -> Any:
    """True for banned accounts (not suspended ones)."""
    from pyspark.sql import functions as F

    return F.coalesce(F.lower(F.trim(F.col("status"))) == F.lit("banned"), F.lit(False))


def _micros(column: str) -> Any:
    from pyspark.sql import functions as F

    return F.unix_micros(F.col(column))


def _releases(requests: Any) -> pd.DataFrame:
    """:func:`~linkgraph.scoring.activity.model_releases` over every request, in Spark."""
    from pyspark.sql import functions as F

    valid = requests.filter(F.col("timestamp").isNotNull() & F.col("model").isNotNull()).select(
        "model", _micros("timestamp").alias("t")
    )
    window = round(PIVOT_WINDOW_HOURS * 3600 * 1_000_000)
    start = valid.agg(F.min("t")).first()[0]
    if start is None:
        return empty_releases()
    first = valid.groupBy("model").agg(F.min("t").alias("release")).filter(F.col("release") > start + window)
    new = first.toPandas()
    if new.empty:
        return empty_releases()
    spark = requests.sparkSession
    table = spark.createDataFrame(new.rename(columns={"model": "new_model"}))
    counted = (
        valid.crossJoin(F.broadcast(table))
        .filter((F.col("t") >= F.col("release")) & (F.col("t") < F.col("release") + window))
        .groupBy("new_model", "release")
        .agg(
            F.count(F.lit(1)).alias("n_window"),
            F.sum((F.col("model") == F.col("new_model")).cast("long")).alias("n_new"),
        )
        .toPandas()
    )
    counted = counted.rename(columns={"new_model": "model"}).sort_values("model", kind="stable")
    counted["release"] = counted["release"].astype(np.int64) * US
    return counted[list(RELEASE_COLUMNS)].astype({c: np.int64 for c in RELEASE_COLUMNS[1:]}).reset_index(drop=True)


def population_stats(graph: SparkGraph, requests: Any | None) -> Population:
    """The :class:`Population` of the run (``requests``: with ``acct``; None without the table)."""
    from pyspark.sql import functions as F

    hours = None
    if "created_at" in graph.accounts.columns:
        micros = _micros("created_at")
        hour = ((micros - F.pmod(micros, F.lit(HOUR_US))) / F.lit(HOUR_US)).cast("long")  # floor, also before 1970
        counted = graph.accounts.where(micros.isNotNull()).groupBy(hour.alias("h")).count().orderBy("h").toPandas()
        if len(counted):
            hours = CreationHours(counted["h"].to_numpy(np.int64), counted["count"].to_numpy(np.int64))
    releases, baseline, start = empty_releases(), None, None
    if requests is not None:
        first = requests.agg(F.min(_micros("timestamp"))).first()[0]
        start = None if first is None else int(first) * US
        if "model" in requests.columns:
            releases = _releases(requests)
        per_account = requests.where(F.col("acct") >= 0).groupBy("acct").count()
        histogram = per_account.groupBy("count").agg(F.count(F.lit(1)).alias("accounts")).toPandas()
        baseline = baseline_of_counts(histogram["count"].to_numpy(np.int64), histogram["accounts"].to_numpy(np.int64))
    rate = 0.0
    if "status" in graph.accounts.columns and graph.n_accounts:
        enforced = graph.accounts.agg(F.sum(enforced_column().cast("long"))).first()[0] or 0
        rate = float(enforced) / graph.n_accounts
    return Population(graph.n_accounts, hours, None, releases, baseline, requests is not None, rate, start)


def known_bad_table(graph: SparkGraph, requests: Any | None, kinds: list[str]) -> pd.DataFrame:
    """``acct`` and the tie columns (:func:`~linkgraph.scoring.seeds.tie_table`, without ``enforced``;
    ``tie_ban_us`` in place of ``tie_ban_ns``) of every account on a tainted artifact; every
    other account has no ties."""
    from pyspark.sql import functions as F

    bad = graph.accounts.select("acct", enforced_column().alias("bad"), banned_column().alias("banned"))
    edges = graph.edges.select("acct", "art", "kind").join(bad, "acct")
    per_art = edges.groupBy("art").agg(
        F.sum(F.col("bad").cast("long")).alias("n_bad"), F.count(F.lit(1)).alias("users")
    )
    tainted = per_art.filter((F.col("n_bad") >= 3) & (F.col("n_bad") >= 0.25 * F.col("users"))).select("art")
    rows = edges.join(tainted, "art").select("acct", "art", "kind", "bad", "banned").toPandas()
    columns = [
        "acct",
        "tie_artifacts",
        "tie_kinds",
        "tied_enforced",
        "tie_ban_us",
        "replacement",
        "tied_most",
        "tied_banned",
    ]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype=bool if c == "replacement" else "Int64") for c in columns})
    accts, acct = np.unique(rows["acct"].to_numpy(dtype=np.int64), return_inverse=True)
    spark = graph.accounts.sparkSession
    ids = spark.createDataFrame(pd.DataFrame({"acct": accts}))
    last = _last_activity(graph, requests, ids.join(bad.filter("bad"), "acct").select("acct"))
    stamp = _micros("created_at") if "created_at" in graph.accounts.columns else F.lit(None).cast("long")
    created = graph.accounts.join(ids, "acct").select("acct", stamp.alias("c")).toPandas()
    created_ns = np.full(len(accts), NAT, dtype=np.int64)
    known = created["c"].notna().to_numpy()
    created_ns[np.searchsorted(accts, created["acct"].to_numpy()[known])] = (
        created["c"].to_numpy()[known].astype(np.int64) * US
    )
    last_ns = np.full(len(accts), NAT, dtype=np.int64)
    last_ns[np.searchsorted(accts, last["acct"].to_numpy())] = last["t"].to_numpy(dtype=np.int64) * US
    enforced = np.zeros(len(accts), dtype=bool)
    enforced[acct.ravel()[rows["bad"].to_numpy(dtype=bool)]] = True
    banned = np.zeros(len(accts), dtype=bool)
    banned[acct.ravel()[rows["banned"].to_numpy(dtype=bool)]] = True
    arts, art = np.unique(rows["art"].to_numpy(dtype=np.int64), return_inverse=True)
    first = np.zeros(len(arts), dtype=np.int64)
    first[art.ravel()[::-1]] = np.arange(len(art))[::-1]
    kind = pd.Categorical(rows["kind"].to_numpy(dtype=object)[first], categories=kinds)
    local = pd.DataFrame({"acct": acct.ravel(), "art": art.ravel()})
    ties = seed_ties(local, evidence_class_codes(pd.Series(kind)), enforced, last_ns, created_ns, banned=banned)
    table = tie_table(ties, np.arange(len(accts))).drop(columns="enforced")
    ban = table.pop("tie_ban_ns").to_numpy()
    table["tie_ban_us"] = pd.array(np.where(ban == NAT, 0, ban // US), dtype="Int64")
    table.loc[ban == NAT, "tie_ban_us"] = pd.NA  # microseconds: exact through Arrow's float conversion of nullable ints
    return pd.concat([pd.DataFrame({"acct": accts}), table], axis=1)[columns]


def _last_activity(graph: SparkGraph, requests: Any | None, accounts: Any) -> pd.DataFrame:
    """``acct, t``: the latest link ``last_seen`` or request of each of ``accounts`` (µs; none: left out)."""
    from pyspark.sql import functions as F

    parts = [graph.links.join(accounts, "acct").select("acct", _micros("last_seen").alias("t"))]
    if requests is not None:
        parts.append(requests.join(accounts, "acct").select("acct", _micros("timestamp").alias("t")))
    found = parts[0] if len(parts) == 1 else parts[0].unionByName(parts[1])
    return found.groupBy("acct").agg(F.max("t").alias("t")).filter(F.col("t").isNotNull()).toPandas()
