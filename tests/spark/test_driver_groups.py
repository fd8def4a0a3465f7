"""Groups too big for a task are partitioned on the driver, collected in slices: the same communities."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from linkgraph.communities.groups import partition_in_groups
from linkgraph.communities.params import PartitionParams
from linkgraph.graph import GraphParams, rarity_weight

pytestmark = pytest.mark.spark
N_ACCOUNTS, N_ARTIFACTS = 600, 150
KINDS = np.array(["payment", "ip", "fingerprint", "unknown_kind"])


def _edges(seed: int = 3) -> pd.DataFrame:
    """A random bipartite world: accounts with one to three links, artifacts of four kinds."""
    rng = np.random.default_rng(seed)
    acct = np.repeat(np.arange(N_ACCOUNTS), rng.integers(1, 4, N_ACCOUNTS))
    art = rng.integers(0, N_ARTIFACTS, len(acct))
    frame = pd.DataFrame({"acct": acct, "art": art}).drop_duplicates().reset_index(drop=True)
    frame["kind"] = KINDS[frame["art"].to_numpy() % len(KINDS)]
    frame["df"] = frame.groupby("art")["acct"].transform("size")
    return frame


def _components(edges: pd.DataFrame) -> pd.DataFrame:
    n = N_ACCOUNTS + N_ARTIFACTS
    src, dst = edges["acct"].to_numpy(), edges["art"].to_numpy() + N_ACCOUNTS
    _, label = connected_components(coo_matrix((np.ones(len(src)), (src, dst)), shape=(n, n)), directed=False)
    accounts = np.unique(src)
    return pd.DataFrame({"node": accounts, "component": label[accounts]})


def _spark_partition(spark: Any, edges: pd.DataFrame, max_task_edges: int, slice_edges: int) -> pd.DataFrame:
    from linkgraph.spark.leiden import partition_components

    found = partition_components(
        spark.createDataFrame(edges),
        spark.createDataFrame(_components(edges)),
        PartitionParams(seed=5),
        GraphParams(),
        N_ACCOUNTS,
        max_task_edges,
        groups=4,
        slice_edges=slice_edges,
    )
    return found.sort_values("acct").reset_index(drop=True)


def test_driver_groups_in_slices_give_the_task_communities(spark_settings: object) -> None:
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    edges = _edges()
    in_tasks = _spark_partition(spark, edges, max_task_edges=10**9, slice_edges=10**9)
    on_driver = _spark_partition(spark, edges, max_task_edges=0, slice_edges=97)
    pd.testing.assert_frame_equal(on_driver, in_tasks)
    strength = edges["kind"].map(lambda k: GraphParams().strength.get(k, 0.0)).to_numpy(dtype=np.float64)
    weight = strength * rarity_weight(edges["df"].to_numpy(), N_ACCOUNTS)
    accounts, community = partition_in_groups(
        edges["acct"].to_numpy(), edges["art"].to_numpy(), weight, PartitionParams(seed=5), groups=4
    )
    assert accounts.tolist() == on_driver["acct"].tolist()
    assert community.tolist() == on_driver["community"].tolist()
    assert on_driver["community"].nunique() > 4  # a real partition, not one label per group
