"""Each account's place on its email domain's home network, in Spark (see :mod:`linkgraph.scoring.home`).

The same pairs as :func:`linkgraph.scoring.home.home_network`: a card or IP that at least half
of a domain's accounts use, at least half of whose users are on the domain (the accounts on it
are at home), or that half of its established accounts use, where it has enough of them (the
established accounts on it are at home); the accounts at home are joined to the members' rows
(:mod:`linkgraph.spark.scoring`).
"""

from __future__ import annotations

from typing import Any

from linkgraph.scoring.home import HOME_KINDS, HOME_SHARE
from linkgraph.spark.links import SparkGraph


def with_established(accounts: Any, requests: Any | None) -> Any:
    """``accounts`` with ``established``: created before the first request
    (:func:`~linkgraph.scoring.population.established_accounts`); False for every account
    without requests or creation times."""
    from pyspark.sql import functions as F

    start = None
    if requests is not None and "created_at" in accounts.columns:
        start = requests.agg(F.min(F.unix_micros(F.col("timestamp")))).first()[0]
    if start is None:
        return accounts.withColumn("established", F.lit(False))
    before = F.unix_micros(F.col("created_at")) < F.lit(int(start))
    return accounts.withColumn("established", F.coalesce(before, F.lit(False)))


def home_network_table(graph: SparkGraph, min_members: int) -> Any | None:
    """``acct, home_network`` (True) for the accounts on their domain's home network; None without domains.

    ``graph.accounts`` may carry ``established`` (:func:`with_established`)."""
    from pyspark.sql import functions as F

    if "email_domain" not in graph.accounts.columns:
        return None
    settled = F.col("established") if "established" in graph.accounts.columns else F.lit(False)
    domains = graph.accounts.filter(F.col("email_domain").isNotNull()).select(
        "acct", "email_domain", settled.cast("long").alias("settled")
    )
    totals = domains.groupBy("email_domain").agg(F.count(F.lit(1)).alias("total"), F.sum("settled").alias("n_settled"))
    n_settled = F.when(F.col("n_settled") >= min_members, F.col("n_settled")).otherwise(F.lit(0))
    totals = totals.withColumn("n_settled", n_settled)
    least = F.when(F.col("n_settled") > 0, F.col("n_settled")).otherwise(F.col("total"))
    arts = graph.artifacts.filter(F.col("kind").isin(*HOME_KINDS)).select("art", "df")
    links = (
        graph.links.select("acct", "art")
        .distinct()
        .join(arts, "art")
        .join(domains, "acct")
        .join(totals.filter(F.col("total") >= min_members), "email_domain")
        .filter((least * HOME_SHARE <= F.col("df")) & (F.col("df") * HOME_SHARE <= F.col("total")))
    )
    users = F.col("users")
    staff = (F.col("n_settled") > 0) & (F.col("settled_users") >= HOME_SHARE * F.col("n_settled"))
    pairs = (
        links.groupBy("email_domain", "art", "df", "total", "n_settled")
        .agg(F.count(F.lit(1)).alias("users"), F.sum("settled").alias("settled_users"))
        .filter((users >= min_members) & (users >= HOME_SHARE * F.col("df")))
        .select("email_domain", "art", (users >= HOME_SHARE * F.col("total")).alias("home"), staff.alias("staff"))
    )
    at_home = F.col("home") | (F.col("staff") & (F.col("settled") == 1))
    rows = links.join(pairs, ["email_domain", "art"]).filter(at_home)
    return rows.select("acct").distinct().withColumn("home_network", F.lit(True))
