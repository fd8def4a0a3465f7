"""Scoring per group of communities under ``applyInPandas``: only the scored tables reach the driver.

Communities are grouped by label modulo ``groups``; each task receives its group's rows
(members with their account fields and known-bad ties, the members' links with the
artifact's ``df``/weight and the IP's ASN, the members' requests), scores them with
:func:`linkgraph.scoring.local.score_group` against the population statistics computed
once before (:mod:`linkgraph.spark.population`, shipped in the function's closure), and
returns its four result tables pickled in one row. The driver unpickles them and puts them
together with :func:`linkgraph.scoring.local.combine`, which numbers split communities as
the embedded engine does.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from linkgraph.scoring.local import GroupScored, combine, score_group
from linkgraph.scoring.params import Scored, ScoringParams
from linkgraph.scoring.population import Population
from linkgraph.scoring.seeds import NAT
from linkgraph.spark.links import SparkGraph
from linkgraph.spark.population import enforced_column

MEMBER, LINK, REQUEST = 0, 1, 2
TIE_DEFAULTS = {"tie_artifacts": 0, "tie_kinds": 0, "tied_enforced": 0, "tied_most": 0, "tied_banned": 0}


@dataclass
class SparkScored:
    """The combined result and what ran where: groups scored in Spark tasks, and the worker processes."""

    scored: Scored
    groups: int
    tasks: list[dict[str, int]]


def _stamp(values: pd.Series) -> pd.Series:
    """Integer microseconds (nullable) as UTC timestamps."""
    return pd.to_datetime(values.astype("Int64"), unit="us", utc=True)


def group_frames(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """The members, links and requests of one group from its rows (see :func:`group_rows`)."""
    part = frame["part"].to_numpy()
    m = frame[part == MEMBER]
    members = pd.DataFrame(
        {"acct": m["acct"].to_numpy(dtype=np.int64), "community": m["community"].to_numpy(dtype=np.int64)}
    )
    if "created" in frame.columns:
        members["created_at"] = _stamp(m["created"]).array
    if "email_domain" in frame.columns:
        members["email_domain"] = m["email_domain"].to_numpy(dtype=object)
        members["domain_total"] = m["domain_total"].fillna(0).to_numpy(dtype=np.int64)
        members["home_network"] = m["home_network"].fillna(False).to_numpy(dtype=bool)
    if "status" in frame.columns:
        members["status"] = m["status"].to_numpy(dtype=object)
    members["enforced"] = m["enforced"].fillna(False).to_numpy(dtype=bool)
    for col, default in TIE_DEFAULTS.items():
        members[col] = m[col].fillna(default).to_numpy(dtype=np.int64)
    ban = m["tie_ban_us"].astype("Int64")
    members["tie_ban_ns"] = np.where(ban.isna(), NAT, ban.fillna(0).to_numpy(dtype=np.int64) * 1_000)
    members["replacement"] = m["replacement"].fillna(False).to_numpy(dtype=bool)
    links_rows = frame[part == LINK].sort_values(["acct", "art"], kind="stable")
    links = pd.DataFrame(
        {
            "acct": links_rows["acct"].to_numpy(dtype=np.int32),
            "art": links_rows["art"].to_numpy(dtype=np.int64),
            "kind": links_rows["kind"].to_numpy(dtype=object),
            "artifact": links_rows["artifact"].to_numpy(dtype=object),
            "df": links_rows["df"].to_numpy(dtype=np.int64),
            "weight": links_rows["weight"].to_numpy(dtype=np.float64),
            "generic": links_rows["generic"].to_numpy(dtype=bool),
            "light": (
                links_rows["light"].fillna(False).to_numpy(dtype=bool)
                if "light" in links_rows.columns
                else np.zeros(len(links_rows), dtype=bool)
            ),
            "asn": links_rows["asn"].astype("Int64").array,
            "family": (
                links_rows["art_family"].fillna(-1).to_numpy(dtype=np.int64)
                if "art_family" in links_rows.columns
                else np.full(len(links_rows), -1, dtype=np.int64)
            ),
        }
    )
    for column in ("first_seen", "last_seen"):
        if f"{column}_us" in links_rows.columns:
            links[column] = _stamp(links_rows[f"{column}_us"]).array
    if "count" in links_rows.columns:
        links["count"] = links_rows["count"].astype("Int64").array
    if "ts" not in frame.columns:
        return members, links, None
    r = frame[part == REQUEST].sort_values(["acct", "ts"], kind="stable")
    requests = pd.DataFrame({"acct": r["acct"].to_numpy(dtype=np.int32), "timestamp": _stamp(r["ts"]).array})
    for col in ("model", "family", "prompt_fingerprint"):
        if col in frame.columns:
            requests[col] = r[col].astype(object).astype("category").array  # by position, not index
    return members, links, requests


def group_rows(
    graph: SparkGraph,
    membership: Any,
    ties: Any,
    requests: Any | None,
    asn: Any | None,
    groups: int,
    home: Any | None = None,
) -> Any:
    """One row per member, member link and member request, tagged with the group (``grp``) and ``part``.

    ``membership``: ``acct, community`` (Spark); ``ties``: :func:`~linkgraph.spark.population.known_bad_table`
    (Spark); ``requests``: with ``acct``, ``family`` (when any request has one) and ``prompt_fingerprint``
    (when the table has it: the offices' template key without a family); ``asn``: ``ip, asn``;
    ``home``: :func:`~linkgraph.spark.home.home_network_table` (accounts without a row are not at home).
    """
    from pyspark.sql import functions as F

    tagged = membership.select("acct", "community", F.pmod(F.col("community"), F.lit(groups)).alias("grp"))
    accounts = graph.accounts
    fields = [enforced_column().alias("enforced")]
    if "created_at" in accounts.columns:
        fields.append(F.unix_micros(F.col("created_at")).alias("created"))
    if "email_domain" in accounts.columns:
        fields.append(F.col("email_domain"))
    if "status" in accounts.columns:
        fields.append(F.col("status"))
    members = tagged.join(accounts.select("acct", *fields), "acct", "left").join(ties, "acct", "left")
    if "email_domain" in accounts.columns:
        totals = (
            accounts.filter(F.col("email_domain").isNotNull())
            .groupBy("email_domain")
            .agg(F.count(F.lit(1)).alias("domain_total"))
        )
        members = members.join(totals, "email_domain", "left")
        if home is not None:
            members = members.join(home, "acct", "left")
        else:
            members = members.withColumn("home_network", F.lit(False))
    members = members.withColumn("part", F.lit(MEMBER))
    arts = graph.artifacts.filter(F.col("df") >= 2).select(
        "art", "artifact", "df", "weight", "generic", "light", F.col("family").alias("art_family")
    )  # not ``family``: the request rows carry their template family under that name
    seen = [F.unix_micros(F.col(c)).alias(f"{c}_us") for c in ("first_seen", "last_seen")]
    counts = [F.col("count")] if "count" in graph.links.columns else []
    links = graph.links.select("acct", "art", "kind", *seen, *counts).join(tagged, "acct").join(arts, "art")
    if asn is not None:
        ip = asn.select(F.col("ip").alias("artifact"), F.col("asn").cast("long"), F.lit("ip").alias("kind"))
        links = links.join(ip, ["artifact", "kind"], "left")
    else:
        links = links.withColumn("asn", F.lit(None).cast("long"))
    rows = members.unionByName(links.withColumn("part", F.lit(LINK)), allowMissingColumns=True)
    if requests is not None:
        picked = [F.unix_micros(F.col("timestamp")).alias("ts")]
        picked += [F.col(c) for c in ("model", "family", "prompt_fingerprint") if c in requests.columns]
        member_requests = requests.select("acct", *picked).join(tagged.select("acct", "grp"), "acct")
        rows = rows.unionByName(member_requests.withColumn("part", F.lit(REQUEST)), allowMissingColumns=True)
    return rows


def score_in_spark(
    rows: Any, population: Population, params: ScoringParams, kinds: list[str], split: bool = True
) -> SparkScored:
    """Score every group of ``rows`` (:func:`group_rows`) in a Spark task and combine the results
    (``split`` False: score the communities as given, the pass after satellites moved)."""

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        from pyspark import TaskContext

        members, links, requests = group_frames(frame)
        result = score_group(members, links, requests, population, params, kinds, split=split)
        context = TaskContext.get()
        stage = context.stageId() if context is not None else -1
        grp = int(frame["grp"].iloc[0])
        return pd.DataFrame({"grp": [grp], "stage": [stage], "pid": [os.getpid()], "payload": [pickle.dumps(result)]})

    schema = "grp long, stage long, pid long, payload binary"
    found = rows.groupBy("grp").applyInPandas(run, schema).toPandas().sort_values("grp")
    results: list[GroupScored] = [pickle.loads(p) for p in found["payload"]]
    if not results:  # nothing clustered: the empty tables, as the whole population's scoring gives them
        results = [score_group(*group_frames(_no_rows(rows)), population, params, kinds, split=split)]
    tasks = [
        {"grp": int(g), "stage": int(s), "pid": int(p)}
        for g, s, p in zip(found["grp"], found["stage"], found["pid"], strict=True)
    ]
    return SparkScored(combine(results), len(found), tasks)


def _no_rows(rows: Any) -> pd.DataFrame:
    """An empty frame with the columns of ``rows``."""
    return rows.limit(0).toPandas()
