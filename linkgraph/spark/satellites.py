"""Satellites as a Spark job (the meaning of :func:`linkgraph.scoring.satellites.satellite_moves`).

The first scoring's roles come from the driver; the link table stays on the executors. Per
artifact (not generic, weighed, with at least ``min_users`` users), the community holding most
of its core users is its home; a peripheral member with ``min_links`` artifacts homed in one
other community, each held there by at least two core members and ``min_share`` of its users,
moves there; so does a core member with ``min_links`` such cards and templates (not IPs) and
none of its cards and templates homed in its own community, when every core member of its
community with a card or template homed there moves there too (in a crowd, only what its core
holds nearly alone keeps a member at home, and no whole exit is needed:
:func:`~linkgraph.scoring.satellites.home_hold`; a member drawn by ``min_links`` cards and
templates to a community that is no crowd goes there rather than to a crowd). A member of a
community without a core moves only on cards and templates that the drawing core holds at least
``FRAGMENT_HOLD`` times as often as its community does (a crowd's core, beyond its mass). Only
the moves (a few thousand rows) reach the driver.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from linkgraph.scoring.params import ScoringParams
from linkgraph.scoring.riders import structural_core
from linkgraph.scoring.satellites import FRAGMENT_HOLD, crowd_lift, home_hold


def spark_satellite_moves(
    spark: Any, links: Any, artifacts: Any, members: pd.DataFrame, params: ScoringParams, n_accounts: int
) -> pd.Series:
    """``acct`` → new community for every satellite (empty when none moves; ``n_accounts``: everyone)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    crowd_hold = home_hold(members, n_accounts, params)
    hold = crowd_hold.reindex(members["community"].to_numpy()).fillna(0.0).to_numpy()
    roles = members[["acct", "community"]].assign(core=structural_core(members), crowd=hold > 0, hold=hold)
    member_frame = spark.createDataFrame(
        roles.reset_index(drop=True), "acct long, community long, core boolean, crowd boolean, hold double"
    )
    usable = artifacts.filter(
        ~F.col("generic") & (F.col("weight") > 0) & (F.col("df") >= params.network_min_members)
    ).select("art", "df", (F.col("kind") == "ip").alias("net"))
    rows = links.select("acct", "art").distinct().join(usable, "art").join(member_frame, "acct")
    users = rows.filter("core").groupBy("art", "community").agg(F.count(F.lit(1)).alias("n"))
    first = Window.partitionBy("art").orderBy(F.col("n").desc(), F.col("community").asc())
    home = (
        users.withColumn("_rank", F.row_number().over(first))
        .filter(F.col("_rank") == 1)
        .select("art", F.col("community").alias("home"), "n")
    )
    cored = rows.filter("core").select("community").distinct().withColumn("cored", F.lit(True))
    # users per artifact in each community without a core: all that the fragment test reads
    here = rows.join(F.broadcast(cored), "community", "left_anti").groupBy("art", "community")
    homed = (
        rows.join(F.broadcast(cored), "community", "left")
        .join(home, "art")
        .join(here.agg(F.count(F.lit(1)).alias("n_here")), ["art", "community"], "left")
        .withColumn("cored", F.col("cored").isNotNull())
    )
    held_alone = F.col("n") >= F.col("hold") * F.col("df")
    at_home = (
        homed.filter(F.col("core") & ~F.col("net") & (F.col("home") == F.col("community")) & held_alone)
        .select("acct")
        .distinct()
        .withColumn("held_home", F.lit(True))
    )
    # a coreless community's members: cards and templates the drawing core holds FRAGMENT_HOLD
    # times over, and a crowd's core beyond its mass
    lift = crowd_lift(members, n_accounts, params)
    rows_lift = list(zip(lift.index.astype(np.int64).tolist(), lift.to_numpy(dtype=float).tolist(), strict=True))
    lifts = spark.createDataFrame(rows_lift, "home long, lift double")
    beyond_mass = F.col("n") >= F.coalesce(F.col("lift"), F.lit(0.0)) * F.col("df")
    fragment = ~F.col("net") & (F.col("n") >= FRAGMENT_HOLD * F.col("n_here")) & beyond_mass
    held_away = homed.join(F.broadcast(lifts), "home", "left").filter(
        (F.col("home") != F.col("community"))
        & (F.col("n") >= F.greatest(F.lit(2.0), F.lit(params.satellite_share) * F.col("df")))
        & (F.col("cored") | fragment)
    )
    away = held_away.join(at_home, "acct", "left").filter(
        ~F.col("core") | (~F.col("net") & F.col("held_home").isNull())
    )
    own = F.sum(F.when(F.col("net"), 0).otherwise(1)).alias("own")
    per = (
        away.groupBy("acct", "home").agg(F.count(F.lit(1)).alias("k"), own).filter(F.col("k") >= params.satellite_links)
    )
    # a crowd yields a member that cards and templates draw to a community that is no crowd
    crowds = spark.createDataFrame([(int(c),) for c in crowd_hold.index], "home long").withColumn(
        "crowd_home", F.lit(True)
    )
    per = per.join(F.broadcast(crowds), "home", "left").withColumn("crowd_home", F.col("crowd_home").isNotNull())
    drawn = F.max(((F.col("own") >= params.satellite_links) & ~F.col("crowd_home")).cast("int"))
    per = per.withColumn("yields", F.col("crowd_home") & (drawn.over(Window.partitionBy("acct")) == 1))
    best = Window.partitionBy("acct").orderBy(F.col("yields").asc(), F.col("k").desc(), F.col("home").asc())
    chosen = per.withColumn("_rank", F.row_number().over(best)).filter(F.col("_rank") == 1).select("acct", "home")
    # whole exits: a core member moves only with every core member of its community that has a
    # card or template homed there (scoring/satellites.py: _whole_exits)
    goes = chosen.select("acct", F.col("home").alias("goes"))
    blocked = (
        held_away.filter(F.col("core") & ~F.col("net") & ~F.col("crowd"))
        .join(goes, "acct", "left")
        .filter(F.col("goes").isNull() | (F.col("goes") != F.col("home")))
        .select("community", "home")
        .distinct()
        .withColumn("blocked", F.lit(True))
    )
    chosen = (
        chosen.join(member_frame, "acct")
        .join(blocked, ["community", "home"], "left")
        .filter(~F.col("core") | F.col("blocked").isNull())
        .select("acct", "home")
    )
    found = chosen.toPandas()
    return pd.Series(found["home"].to_numpy().astype(np.int64), index=found["acct"].to_numpy(), name="community")


def spark_drawn_by_templates(
    spark: Any, links: Any, artifacts: Any, moves: pd.Series, members: pd.DataFrame, params: ScoringParams
) -> pd.Series:
    """A later round's ``moves`` whose member is drawn by cards and paraphrased templates, as a Spark job
    (the meaning of :func:`linkgraph.scoring.satellite_rounds.drawn_by_templates`): only the
    kept accounts reach the driver."""
    from pyspark.sql import functions as F

    if not len(moves):
        return moves
    targets = np.unique(moves.to_numpy())
    core = members[structural_core(members) & np.isin(members["community"].to_numpy(), targets)]
    core_frame = spark.createDataFrame(core[["acct", "community"]].reset_index(drop=True), "acct long, community long")
    movers = pd.DataFrame({"acct": moves.index.to_numpy(), "community": moves.to_numpy()}).astype(np.int64)
    mover_frame = spark.createDataFrame(movers, "acct long, community long")
    family = F.col("family") if "family" in artifacts.columns else F.lit(-1).cast("long")
    usable = artifacts.filter(
        ~F.col("generic")
        & (F.col("weight") > 0)
        & (F.col("df") >= params.network_min_members)
        & (F.col("kind") != "ip")
    ).select(
        "art",
        "df",
        F.when(family >= 0, family).otherwise(F.col("art")).alias("unit"),
        ((F.col("kind") == "fingerprint") & (family >= 0)).alias("pasted"),
    )
    rows = links.select("acct", "art").distinct().join(usable, "art")
    held = rows.join(core_frame, "acct").groupBy("art", "community").agg(F.count(F.lit(1)).alias("n"))
    mine = rows.join(F.broadcast(mover_frame), "acct")
    pasted = mine.filter("pasted").select("acct", "unit").distinct()
    homed = (
        mine.join(pasted, ["acct", "unit"], "left_anti")
        .join(held, ["art", "community"])
        .filter(F.col("n") >= F.greatest(F.lit(2.0), F.lit(params.satellite_share) * F.col("df")))
    )
    units = homed.groupBy("acct").agg(F.countDistinct("unit").alias("units"))
    kept = units.filter(F.col("units") >= params.satellite_links).select("acct").toPandas()
    return moves[moves.index.isin(kept["acct"].to_numpy())]
