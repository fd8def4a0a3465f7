"""One world detected by both engines, and what the parity tests compare."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.communities.params import PartitionParams
from linkgraph.detect import ACTIVITY_COLUMNS, DetectParams, detect
from linkgraph.graph import build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.signals.derive import derive_links


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
    embedded_accounts: pd.DataFrame
    embedded_links: pd.DataFrame
    embedded_requests: pd.DataFrame | None


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
    return Pair(
        data,
        dataset.n_accounts,
        runs / "embedded" / embedded,
        runs / "spark" / spark_run,
        wcc,
        leiden,
        found,
        dataset.accounts,
        graph.links,
        dataset.requests,
    )
