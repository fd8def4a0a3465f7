"""One local Spark session for the whole test run, and the embedded references the parity tests compare with.

Without pyspark or Java the Spark tests skip, except under CI (``CI`` set), where they
fail: CI installs ``.[all]``, which includes the ``spark`` extra, so a missing one is a
broken run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.communities.params import PartitionParams
from linkgraph.detect import ACTIVITY_COLUMNS, DetectParams, detect
from linkgraph.graph import build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.signals.derive import derive_links

SETTINGS = {"master": "local[2]", "shuffle_partitions": 2, "leiden_groups": 4}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def spark_settings() -> Iterator[object]:
    """Settings of the session's Spark (``local[2]``, two shuffle partitions); starts it once."""
    from linkgraph.spark.session import SparkSettings, SparkUnavailable, start_session

    settings = SparkSettings(**SETTINGS)  # type: ignore[arg-type]
    try:
        spark = start_session(settings)
    except SparkUnavailable as exc:
        if _in_ci():
            pytest.fail(f"CI must run the Spark tests: {exc}", pytrace=False)
        pytest.skip(str(exc))
    yield settings
    spark.stop()


@dataclass
class Pair:
    """One world detected by both engines: the runs and the partitions behind them."""

    data: Path
    n_accounts: int
    embedded_run: Path
    spark_run: Path
    embedded_wcc: pd.DataFrame
    embedded_leiden: pd.DataFrame
    spark: object


def detect_both(data: Path, runs: Path, settings: object) -> Pair:
    """Detect ``data`` with both engines (default parameters) and keep what parity compares."""
    from linkgraph.spark.engine import publish_detection, spark_detection

    params = DetectParams()
    dataset = load_tables(data, request_columns=ACTIVITY_COLUMNS)
    derived = derive_links(dataset.simhashes, dataset.requests, params.signals)
    graph = build_link_graph(dataset, params.graph, derived.links)
    wcc = EmbeddedBackend().partition(graph, PartitionParams(method="wcc"))
    leiden = EmbeddedBackend().partition(graph, params.partition)
    embedded = detect(data, runs / "embedded", params)
    started = datetime.now(UTC)
    found = spark_detection(str(data), params, settings)  # type: ignore[arg-type]
    spark_run = publish_detection(found, runs / "spark", started)
    return Pair(data, dataset.n_accounts, runs / "embedded" / embedded, runs / "spark" / spark_run, wcc, leiden, found)
