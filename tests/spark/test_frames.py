"""Materialized frames cut the plan and its size estimate; checkpoints keep the estimate."""

from __future__ import annotations

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


def _full_collections(spark: Any) -> int:
    """Full collections the driver's JVM has run (G1's "Old Generation" collector)."""
    factory = spark.sparkContext._jvm.java.lang.management.ManagementFactory
    beans = factory.getGarbageCollectorMXBeans()
    return sum(int(bean.getCollectionCount()) for bean in beans if "Old" in str(bean.getName()))


def test_release_driver_heap_gives_the_heap_back(spark_settings: object) -> None:
    """After a large collect, the driver's JVM runs a full collection once asked and keeps no more
    free heap than G1 allows after one (70%: ``MaxHeapFreeRatio``), giving the rest back to the OS
    (the room scoring needs at 10M). Committed heap, not RSS: earlier tests in the same JVM leave
    off-heap memory behind, and a collection during the collect may already have shrunk the heap."""
    from pyspark.sql import functions as F

    from linkgraph.spark.session import release_driver_heap, start_session

    spark = start_session(spark_settings)  # type: ignore[arg-type]
    runtime = spark.sparkContext._jvm.java.lang.Runtime.getRuntime()
    rows = spark.range(8_000_000).select("id", F.concat(F.lit("artifact-"), F.col("id").cast("string")).alias("s"))
    assert rows.toArrow().num_rows == 8_000_000
    before = _full_collections(spark)
    release_driver_heap(spark)
    assert _full_collections(spark) > before
    committed, free = int(runtime.totalMemory()), int(runtime.freeMemory())
    assert free <= 0.7 * committed + 2**26  # 64 MB of slack for what the JVM allocated since
