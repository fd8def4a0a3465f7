"""Spark against embedded on the shipped sample: identical WCC, identical Leiden, the same enforcement list."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from spark_pairs import Pair, detect_both

from linkgraph.spark.parity import enforcement_difference, partition_ari, same_partition

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
    for stage in ("read", "signals", "graph", "components", "communities", "scoring"):
        assert stage in manifest["timings_s"]


def test_signal_counts_match_embedded(sample: Pair) -> None:
    spark = json.loads((sample.spark_run / "manifest.json").read_text())["signals"]
    embedded = json.loads((sample.embedded_run / "manifest.json").read_text())["signals"]
    for key, value in embedded.items():
        if key != "cluster_bound":
            assert spark[key] == value, key


def _by_key(links: pd.DataFrame) -> pd.DataFrame:
    cols = ["acct", "kind", "artifact", "first_seen", "last_seen", "count"]
    return links[cols].astype({"kind": str}).sort_values(["acct", "kind", "artifact"]).reset_index(drop=True)


def test_the_driver_holds_the_embedded_tables(sample: Pair) -> None:
    """What scoring reads on the Spark driver equals the embedded dataset, values and dtypes."""
    dataset = sample.spark.dataset  # type: ignore[attr-defined]
    spark_accounts = dataset.accounts
    embedded_accounts = sample.embedded_accounts[list(spark_accounts.columns)]
    pd.testing.assert_frame_equal(spark_accounts, embedded_accounts, check_categorical=False)
    pd.testing.assert_frame_equal(_by_key(dataset.links), _by_key(sample.embedded_links))
    assert sample.embedded_requests is not None and dataset.requests is not None
    for col in ("acct", "timestamp", "model"):
        spark_col, embedded_col = dataset.requests[col], sample.embedded_requests[col]
        assert spark_col.dtype.kind == embedded_col.dtype.kind or str(spark_col.dtype) == str(embedded_col.dtype), col
        assert sorted(spark_col.astype(str)) == sorted(embedded_col.astype(str)), col
