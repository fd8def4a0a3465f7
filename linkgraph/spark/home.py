"""Each account's place on its email domain's home network, in Spark (see :mod:`linkgraph.scoring.home`).

The same pairs as :func:`linkgraph.scoring.home.home_network`: a card or IP that at least half
of a domain's accounts use, at least half of whose users are on the domain; the accounts on
such a pair are joined to the members' rows (:mod:`linkgraph.spark.scoring`).
"""

from __future__ import annotations

from typing import Any

from linkgraph.scoring.home import HOME_KINDS, HOME_SHARE
from linkgraph.spark.links import SparkGraph


def home_network_table(graph: SparkGraph, min_members: int) -> Any | None:
    """``acct, home_network`` (True) for the accounts on their domain's home network; None without domains."""
    from pyspark.sql import functions as F

    if "email_domain" not in graph.accounts.columns:
        return None
    domains = graph.accounts.filter(F.col("email_domain").isNotNull()).select("acct", "email_domain")
    totals = domains.groupBy("email_domain").agg(F.count(F.lit(1)).alias("total"))
    arts = graph.artifacts.filter(F.col("kind").isin(*HOME_KINDS)).select("art", "df")
    links = (
        graph.links.select("acct", "art")
        .distinct()
        .join(arts, "art")
        .join(domains, "acct")
        .join(totals.filter(F.col("total") >= min_members), "email_domain")
        .filter((F.col("total") * HOME_SHARE <= F.col("df")) & (F.col("df") * HOME_SHARE <= F.col("total")))
    )
    users = F.col("users")
    home = (
        links.groupBy("email_domain", "art", "df", "total")
        .agg(F.count(F.lit(1)).alias("users"))
        .filter((users >= min_members) & (users >= HOME_SHARE * F.col("total")) & (users >= HOME_SHARE * F.col("df")))
        .select("email_domain", "art")
    )
    return links.join(home, ["email_domain", "art"]).select("acct").distinct().withColumn("home_network", F.lit(True))
