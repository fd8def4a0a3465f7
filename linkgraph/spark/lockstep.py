"""Lockstep windows from the request log as Spark aggregations (the meaning of linkgraph.signals.lockstep).

A bucket is (time window, activity key): the request's template family, else its prompt
fingerprint (``pf:``), else its model (``m:``). Distinct accounts are counted per window,
per key and per bucket; a busy window (more than ``busy_factor`` × the median active
window) is a crowd unless its three largest content buckets hold half of its accounts, or
it is a spike (busier than ``busy_factor`` × the median of its minute of the hour and of
its time of day: :mod:`linkgraph.signals.waves`), whose requests in no kept bucket form one
more bucket ``ls:<window>|wave`` of the accounts that come back in spikes; a
content key used by more accounts than the cap is popular, and its buckets count only when
they are waves of the key (``busy_factor`` × its median accounts per active window). Buckets
with at least ``min_accounts`` accounts that are neither become artifacts ``ls:<window>|<key>``, one
link per (account, bucket). Every step is a group-by over the requests; the only thing
the driver sees is the median and the counts for the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from linkgraph.signals.derive import LOCKSTEP, SignalParams
from linkgraph.signals.waves import CLOCK_PERIODS_S, RETURNING_SPIKES, SPIKE_LIFT, WAVE_KEY

MAX_KEY_DF, MAX_KEY_DF_FRACTION, MIN_GENERIC_DF, WAVE_KEYS, DOMINANT_SHARE = 2000, 0.01, 25, 3, 0.5
"""The embedded defaults of :func:`linkgraph.signals.lockstep.lockstep_links`."""


@dataclass
class SparkLockstep:
    links: Any
    report: dict[str, int]


def _key(requests: Any, by_family: bool) -> tuple[Any, bool]:
    from pyspark.sql import functions as F

    if by_family:
        return F.col("family"), True
    if "prompt_fingerprint" in requests.columns:
        return F.concat(F.lit("pf:"), F.col("prompt_fingerprint")), True
    if "model" in requests.columns:
        return F.concat(F.lit("m:"), F.col("model")), False
    return F.lit(None).cast("string"), False


def lockstep(requests: Any, by_family: bool, params: SignalParams) -> SparkLockstep:
    """Lockstep links (``account_id, kind, artifact, first_seen, last_seen, count``) and the report."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    key, is_content = _key(requests, by_family)
    step = params.lockstep_window_s * 1_000_000
    rows = (
        requests.filter(F.col("account_id").isNotNull() & F.col("timestamp").isNotNull())
        .select(
            "account_id",
            "timestamp",
            F.floor(F.unix_micros("timestamp") / F.lit(step)).alias("win"),
            key.alias("key"),
        )
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    n_acct = rows.select("account_id").distinct().count()
    per_window = rows.groupBy("win").agg(F.countDistinct("account_id").alias("n_win"))
    median = per_window.agg(F.percentile("n_win", 0.5).alias("m")).collect()[0]["m"] or 0.0
    cap = min(MAX_KEY_DF, max(MIN_GENERIC_DF, int(MAX_KEY_DF_FRACTION * max(n_acct, 1))))
    every_bucket = (
        rows.groupBy("win", "key").agg(F.countDistinct("account_id").alias("n")).persist(StorageLevel.MEMORY_AND_DISK)
    )
    if is_content:
        per_key = rows.filter(F.col("key").isNotNull()).groupBy("key").agg(F.countDistinct("account_id").alias("n_key"))
        popular = per_key.filter(F.col("n_key") > cap).select("key").persist(StorageLevel.MEMORY_AND_DISK)
        n_generic_keys = popular.count()
        medians = every_bucket.join(popular, "key").groupBy("key").agg(F.percentile("n", 0.5).alias("key_median"))
    else:
        popular = rows.sparkSession.createDataFrame([], "key string")
        medians = rows.sparkSession.createDataFrame([], "key string, key_median double")
        n_generic_keys = 0
    buckets = (
        every_bucket.filter(F.col("n") >= params.lockstep_min_accounts)
        .join(popular.withColumn("popular", F.lit(True)), "key", "left")
        .withColumn("popular", F.coalesce("popular", F.lit(False)) & F.col("key").isNotNull())
        .join(medians, "key", "left")
        .withColumn(
            "key_wave",
            F.col("popular")
            & (F.col("n") >= F.lit(params.lockstep_busy_factor) * F.coalesce("key_median", F.lit(0.0))),
        )
    )
    carries = F.col("key").isNotNull() & F.lit(is_content) & (~F.col("popular") | F.col("key_wave"))
    eligible = F.when(carries, F.col("n")).otherwise(0)
    rank = F.row_number().over(Window.partitionBy("win").orderBy(eligible.desc()))
    lead = (
        buckets.withColumn("_lead", eligible)
        .withColumn("_rank", rank)
        .filter(F.col("_rank") <= WAVE_KEYS)
        .groupBy("win")
        .agg(F.sum("_lead").alias("lead"))
    )
    windows = (
        _quiet_positions(per_window, params)
        .join(lead, "win", "left")
        .withColumn("spike", (F.col("n_win") > F.lit(params.lockstep_busy_factor * float(median))) & F.col("quiet"))
        .withColumn(
            "busy",
            (F.col("n_win") > F.lit(params.lockstep_busy_factor * float(median)))
            & ~F.col("spike")
            & (F.coalesce("lead", F.lit(0)) < F.lit(DOMINANT_SHARE) * F.col("n_win")),
        )
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    fmt = "yyyy-MM-dd'T'HH:mm" if params.lockstep_window_s % 60 == 0 else "yyyy-MM-dd'T'HH:mm:ss"
    label = F.date_format(F.timestamp_micros(F.col("win") * F.lit(step)), fmt)
    flagged = (
        buckets.join(windows.select("win", "busy"), "win")
        .withColumn("generic", F.col("busy") | (F.col("popular") & ~F.col("key_wave")))
        .withColumn("artifact", F.concat(F.lit("ls:"), label, F.lit("|"), F.coalesce("key", F.lit("*"))))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    counts = flagged.groupBy("generic", "popular").count().collect()
    by_flag = {flag: sum(int(r["count"]) for r in counts if r["generic"] == flag) for flag in (False, True)}
    popular_waves = sum(int(r["count"]) for r in counts if not r["generic"] and r["popular"])
    kept = flagged.filter(~F.col("generic")).select("win", "key", "artifact")
    key_match = (rows["win"] == kept["win"]) & rows["key"].eqNullSafe(kept["key"])
    carried = rows.join(kept, key_match).select(rows["account_id"], rows["timestamp"], "artifact")
    fragments = rows.join(windows.filter("spike").select("win"), "win").join(kept, key_match, "left_anti")
    n_spikes, n_active = windows.filter("spike").count(), windows.count()
    activity = rows.select("win", "account_id").distinct().groupBy("account_id").agg(F.count("*").alias("active"))
    returning = (
        fragments.select("win", "account_id")
        .distinct()
        .groupBy("account_id")
        .agg(F.count("*").alias("spikes"))
        .join(activity, "account_id")
        .filter(
            (F.col("spikes") >= RETURNING_SPIKES)
            & (F.col("spikes") >= F.lit(SPIKE_LIFT * n_spikes / max(n_active, 1)) * F.col("active"))
        )
        .select("account_id")
    )
    fragments = fragments.join(returning, "account_id", "left_semi")
    waves = (
        fragments.groupBy("win")
        .agg(F.countDistinct("account_id").alias("n"))
        .filter(F.col("n") >= params.lockstep_min_accounts)
        .withColumn("artifact", F.concat(F.lit("ls:"), label, F.lit(f"|{WAVE_KEY}")))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    n_waves = waves.count()
    in_waves = fragments.join(waves.select("win", "artifact"), "win").select("account_id", "timestamp", "artifact")
    links = (
        carried.unionByName(in_waves)
        .groupBy("account_id", "artifact")
        .agg(
            F.lit(LOCKSTEP).alias("kind"),
            F.min("timestamp").alias("first_seen"),
            F.max("timestamp").alias("last_seen"),
            F.count(F.lit(1)).alias("count"),
        )
    )
    report = {
        "lockstep_buckets": by_flag.get(False, 0) + n_waves,
        "lockstep_generic_buckets": by_flag.get(True, 0),
        "lockstep_busy_windows": windows.filter("busy").count(),
        "lockstep_generic_keys": n_generic_keys,
        "lockstep_popular_key_waves": popular_waves,
    }
    return SparkLockstep(links, report)


def _quiet_positions(per_window: Any, params: SignalParams) -> Any:
    """``per_window`` with ``quiet``: busier than ``busy_factor`` × the (upper) median of its minute
    of the hour and of its time of day, over the periods with any activity
    (:func:`linkgraph.signals.waves.quiet_position`)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    out = per_window.withColumn("quiet", F.lit(True))
    for period_s in CLOCK_PERIODS_S:
        if period_s % params.lockstep_window_s:
            continue
        period = period_s // params.lockstep_window_s
        at = out.withColumn("pos", F.pmod("win", F.lit(period))).withColumn(
            "cycle", F.floor(F.col("win") / F.lit(period))
        )
        n_cycles = at.select("cycle").distinct().count()
        rank = F.row_number().over(Window.partitionBy("pos").orderBy(F.col("n_win").desc()))
        medians = (
            at.withColumn("_rank", rank)
            .filter(F.col("_rank") == (n_cycles - 1) // 2 + 1)
            .select("pos", F.col("n_win").alias("pos_median"))
        )
        out = (
            at.join(medians, "pos", "left")
            .withColumn(
                "quiet",
                F.col("quiet")
                & (F.col("n_win") > F.lit(params.lockstep_busy_factor) * F.coalesce("pos_median", F.lit(0))),
            )
            .drop("pos", "cycle", "pos_median")
        )
    return out
