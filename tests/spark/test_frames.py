"""Materialized frames cut the plan and its size estimate; checkpoints keep the estimate."""

from __future__ import annotations

import time
from typing import Any

import pytest

pytestmark = pytest.mark.spark


def _estimate(frame: Any) -> int:
    return int(frame._jdf.queryExecution().optimizedPlan().stats().sizeInBytes())


def _self_join(frame: Any) -> Any:
    """One pointer jump of ``node, label``: the plan joins the frame with itself."""
    from pyspark.sql import functions as F

    jump = frame.alias("s").join(frame.alias("t"), F.col("s.label") == F.col("t.node"), "left")
    return jump.select(F.col("s.node").alias("node"), F.coalesce("t.label", "s.label").alias("label"))


def test_materialized_rounds_keep_a_real_size_estimate(spark_settings: object) -> None:
    from pyspark.sql import functions as F

    from linkgraph.spark.frames import Materialized
    from linkgraph.spark.session import start_session

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    start = spark.range(500).select(F.col("id").alias("node"), F.floor(F.col("id") / 2).alias("label"))
    checkpointed, materialized = start.checkpoint(eager=True), Materialized.of(start)
    for _ in range(4):
        checkpointed = _self_join(checkpointed).checkpoint(eager=True)
        previous = materialized
        materialized = Materialized.of(_self_join(previous.frame))
        previous.drop()
    assert _estimate(checkpointed) > 10**40  # the estimate squared every round
    assert _estimate(materialized.frame) < 10**7  # the Parquet files' size
    assert sorted(map(tuple, materialized.frame.collect())) == sorted(map(tuple, checkpointed.collect()))
    assert materialized.frame.count() == 500


def test_drop_deletes_the_files(spark_settings: object) -> None:
    from linkgraph.spark.frames import Materialized
    from linkgraph.spark.session import start_session

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    frame = Materialized.of(spark.range(10))
    assert frame.frame.count() == 10
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(frame.path)
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    assert fs.exists(path)
    frame.drop()
    assert not fs.exists(path)


def test_the_driver_takes_results_over_the_one_gigabyte_default(spark_settings: object) -> None:
    """Large task results (the scored tables) reach the driver: the session lifts spark.driver.maxResultSize."""
    from linkgraph.spark.session import start_session

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    assert spark.sparkContext.getConf().get("spark.driver.maxResultSize") == "0"


def _jvm_rss_mb(spark: Any) -> int:
    pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
    with open(f"/proc/{pid}/status") as status:
        line = next(row for row in status if row.startswith("VmRSS"))
    return int(line.split()[1]) // 1024


def test_release_driver_heap_gives_the_heap_back(spark_settings: object) -> None:
    """After a large collect, the driver's JVM shrinks once asked (the room scoring needs at 10M)."""
    from pyspark.sql import functions as F

    from linkgraph.spark.session import release_driver_heap, start_session

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    rows = spark.range(8_000_000).select("id", F.concat(F.lit("artifact-"), F.col("id").cast("string")).alias("s"))
    assert rows.toArrow().num_rows == 8_000_000
    grown = _jvm_rss_mb(spark)
    release_driver_heap(spark)
    deadline = time.monotonic() + 20  # G1 gives the pages back in the background (JDK 17+)
    while _jvm_rss_mb(spark) >= grown - 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _jvm_rss_mb(spark) < grown - 200
