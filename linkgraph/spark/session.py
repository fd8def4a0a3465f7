"""The Spark session: local mode by default, a cluster through ``--spark-master`` or spark-submit."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from linkgraph.backends.base import BackendError
from linkgraph.communities.groups import GROUPS

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


class SparkUnavailable(BackendError):
    """pyspark or Java is missing; the message says what to install."""


@dataclass(frozen=True)
class SparkSettings:
    """Where and how Spark runs.

    ``master`` None: ``local[*]``, unless the process was started by ``spark-submit`` (then
    the submitted master and configuration apply). ``shuffle_partitions`` None keeps
    Spark's setting on a cluster and uses 8 in local mode. ``checkpoint_dir`` is where
    the connected-components iterations cut their lineage (a temporary directory by
    default; on a cluster, give a path every executor reaches, e.g. ``s3a://…/checkpoints``).
    ``max_task_edges``: a group of components with more edges than this is partitioned on
    the driver instead of inside one task (see docs/spark.md), collected in slices of at most
    about ``slice_edges`` edges so that the driver's JVM holds one slice at a time. ``leiden_groups``: groups of
    components partitioned in parallel; the embedded engine's (one) by default, since
    only the same number gives the same communities (:mod:`linkgraph.communities.groups`).
    ``scoring_groups``: groups of communities scored in parallel (any number gives the same result).
    """

    master: str | None = None
    app_name: str = "linkgraph-detect"
    shuffle_partitions: int | None = None
    checkpoint_dir: str | None = None
    max_task_edges: int = 2_000_000
    slice_edges: int = 4_000_000
    leiden_groups: int = GROUPS
    scoring_groups: int = GROUPS
    conf: dict[str, str] = field(default_factory=dict)


def _java_available() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (home and os.path.exists(os.path.join(home, "bin", "java"))))


def _submitted() -> bool:
    """True when spark-submit started this process (it hands the driver a gateway)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def start_session(settings: SparkSettings | None = None) -> SparkSession:
    """The active Spark session, created with linkgraph's settings if there is none yet."""
    settings = settings or SparkSettings()
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailable("the Spark engine needs pyspark: pip install 'linkgraph[spark]'") from exc
    if not _submitted() and not _java_available():
        raise SparkUnavailable("the Spark engine needs Java 17 or newer (set JAVA_HOME or put java on PATH)")
    # Python workers run this interpreter (with linkgraph and its dependencies), not the first python3 on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    warnings.filterwarnings("ignore", message=".*PySpark does not yet fully support pandas.*")
    builder: Any = SparkSession.builder.appName(settings.app_name)
    local = False
    if settings.master:
        builder = builder.master(settings.master)
        local = settings.master.startswith("local")
    elif not _submitted():
        builder = builder.master("local[*]")
        local = True
    conf = {
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.sql.adaptive.enabled": "true",
        "spark.cleaner.referenceTracking.cleanCheckpoints": "true",
        # the scored tables (member links of every clustered account) and the accounts reach the
        # driver as task results, which can pass the 1 GB default on large runs (the old
        # collect of links and requests did: 1.2 GB at 10M); the driver's memory is the limit
        # that matters (docs/spark.md, Sizing). ``conf`` can set it back.
        "spark.driver.maxResultSize": "0",
    }
    if local:
        conf |= {
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.driver.memory": os.environ.get("LINKGRAPH_SPARK_DRIVER_MEMORY", "4g"),
        }
    if settings.shuffle_partitions or local:
        conf["spark.sql.shuffle.partitions"] = str(settings.shuffle_partitions or 8)
    for key, value in {**conf, **settings.conf}.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    checkpoint = settings.checkpoint_dir
    if checkpoint is None:  # a private directory, removed when the process ends
        checkpoint = tempfile.mkdtemp(prefix="linkgraph-spark-checkpoints-")
        atexit.register(shutil.rmtree, checkpoint, True)
    spark.sparkContext.setCheckpointDir(checkpoint)
    return spark


def release_driver_heap(spark: Any) -> None:
    """Ask the driver's JVM for a full garbage collection, which gives its free heap back to the OS.

    The driver's JVM keeps the heap the Spark stages grew (gigabytes at 10M accounts) until
    a full collection; in local mode and client mode it shares the machine with the Python
    driver, which then needs that memory for scoring (docs/spark.md, Sizing).
    """
    spark.sparkContext._jvm.java.lang.System.gc()
