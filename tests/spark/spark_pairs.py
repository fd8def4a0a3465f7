"""One world detected by both engines, and what the parity tests compare."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from linkgraph.backends.embedded import EmbeddedBackend
from linkgraph.communities.params import PartitionParams
from linkgraph.detect import ACTIVITY_COLUMNS, DetectParams, detect
from linkgraph.graph import build_link_graph
from linkgraph.ingest.load import load_tables
from linkgraph.runs.store import read_table
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


FEATURES = ("burst_share", "payment_share", "multi_ip_share", "multi_template_share", "lockstep_share", "hub_share")
FEATURES += ("dispersion", "organisation", "model_pivot", "known_bad", "volume", "concentration", "risk_score")


def assert_same_clusters(pair: Pair) -> None:
    """Both runs publish the same clusters (keyed by their members) with the same counts, bands and features."""
    keyed = {}
    for name, run in (("embedded", pair.embedded_run), ("spark", pair.spark_run)):
        clusters, members = read_table(run, "clusters"), read_table(run, "members")
        key = members.groupby("cluster_id")["account_id"].agg(lambda a: ",".join(sorted(a)))
        keyed[name] = clusters.assign(key=clusters["cluster_id"].map(key)).set_index("key").sort_index()
    e, s = keyed["embedded"], keyed["spark"]
    assert list(e.index) == list(s.index)
    for col in ("size", "n_core", "risk_band", "n_enforced", "n_tied", "n_replacements", "n_asn"):
        assert e[col].tolist() == s[col].tolist(), col
    for col in FEATURES:  # float sums in another order (Spark's link order) differ in the last bits at most
        assert np.allclose(e[col], s[col], rtol=1e-12, atol=1e-15), col
