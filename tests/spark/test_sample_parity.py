"""Spark against embedded on the shipped sample: identical WCC, identical Leiden, the same enforcement list."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from spark_pairs import Pair, assert_same_clusters, detect_both

from linkgraph.spark.parity import enforcement_difference, partition_ari, same_partition
from linkgraph.spark.session import SparkSettings

pytestmark = pytest.mark.spark
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def sample(spark_settings: object, tmp_path_factory: pytest.TempPathFactory) -> Pair:
    return detect_both(SAMPLE, tmp_path_factory.mktemp("sample-runs"), spark_settings)


def test_components_are_identical(sample: Pair) -> None:
    assert same_partition(sample.embedded_wcc, sample.spark.components)  # type: ignore[attr-defined]


def test_leiden_agrees(sample: Pair) -> None:
    spark_membership = sample.spark.membership  # type: ignore[attr-defined]
    assert set(spark_membership["acct"]) == set(sample.embedded_leiden["acct"])
    assert same_partition(sample.embedded_leiden, spark_membership)  # both engines run communities/groups.py
    assert partition_ari(sample.embedded_leiden, spark_membership) == 1.0


def test_enforcement_lists_agree(sample: Pair) -> None:
    differ, listed_embedded, listed_spark = enforcement_difference(sample.embedded_run, sample.spark_run)
    assert listed_embedded > 0 and listed_spark > 0
    assert differ == 0


def test_the_run_goes_through_the_run_store(sample: Pair) -> None:
    manifest = json.loads((sample.spark_run / "manifest.json").read_text())
    embedded = json.loads((sample.embedded_run / "manifest.json").read_text())
    assert manifest["backend"] == "spark"
    assert manifest["input_rows"] == embedded["input_rows"]
    assert [i["sha256"] for i in manifest["inputs"]] == [i["sha256"] for i in embedded["inputs"]]
    assert manifest["accounts"] == embedded["accounts"]
    assert manifest["lineage"]["previous_run"] is None
    for table in ("clusters", "members", "evidence", "member_links", "accounts", "activity", "lineage"):
        assert (sample.spark_run / f"{table}.parquet").is_file()
    for stage in ("read", "signals", "graph", "components", "communities", "population", "scoring", "collect"):
        assert stage in manifest["timings_s"]


def test_signal_counts_match_embedded(sample: Pair) -> None:
    spark = json.loads((sample.spark_run / "manifest.json").read_text())["signals"]
    embedded = json.loads((sample.embedded_run / "manifest.json").read_text())["signals"]
    for key, value in embedded.items():
        if key != "cluster_bound":
            assert spark[key] == value, key


def test_scoring_ran_in_spark_tasks(sample: Pair) -> None:
    """Every group of communities was scored inside a Spark task (a Python worker, not the driver)."""
    tasks = sample.spark.scoring_tasks  # type: ignore[attr-defined]
    manifest = json.loads((sample.spark_run / "manifest.json").read_text())
    membership = sample.spark.membership  # type: ignore[attr-defined]
    groups = SparkSettings().scoring_groups
    assert manifest["signals"]["spark"]["scoring_groups"] == len(tasks) > 1
    assert sorted(t["grp"] for t in tasks) == sorted(set(membership["community"] % groups))
    assert all(t["stage"] >= 0 for t in tasks)  # a TaskContext: the function ran in a task
    assert os.getpid() not in {t["pid"] for t in tasks}


def test_the_driver_holds_no_link_table(sample: Pair) -> None:
    """The driver holds the accounts and the scored members' requests (for the activity table), no links."""
    dataset = sample.spark.dataset  # type: ignore[attr-defined]
    spark_accounts = dataset.accounts
    embedded_accounts = sample.embedded_accounts[list(spark_accounts.columns)]
    pd.testing.assert_frame_equal(spark_accounts, embedded_accounts, check_categorical=False)
    assert dataset.links.empty and dataset.artifacts.empty
    members = set(sample.spark.scored.members["acct"])  # type: ignore[attr-defined]
    assert sample.embedded_requests is not None and dataset.requests is not None
    assert set(dataset.requests["acct"]) <= members
    embedded = sample.embedded_requests[sample.embedded_requests["acct"].isin(members)]
    for col in ("acct", "timestamp", "model"):
        spark_col, embedded_col = dataset.requests[col], embedded[col]
        assert spark_col.dtype.kind == embedded_col.dtype.kind or str(spark_col.dtype) == str(embedded_col.dtype), col
        assert sorted(spark_col.astype(str)) == sorted(embedded_col.astype(str)), col


def test_scored_clusters_match_embedded(sample: Pair) -> None:
    """The published clusters: the same members, sizes, cores, bands and features (to the float's last bits)."""
    assert_same_clusters(sample)
