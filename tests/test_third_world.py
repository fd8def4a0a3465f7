"""End to end on a third independent world (``bench/third_world.py``): hydra cells in a proxy pool
that thousands of ordinary customers use too.

The customers send each request from a random exit of the pool, so they share many exits with
the cells, each with a different cell. They must stay out of the cells' cores; the operations
must still be found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from bench_worlds import world_fixtures

from linkgraph.enforcement.evaluate import Evaluation
from linkgraph.runs.store import read_table

world, evaluated = world_fixtures("third_world.py")


def test_proxy_pool_customers_stay_off_the_list(world: tuple[Path, Path], evaluated: Evaluation) -> None:
    """Before the pair rule, every customer of the pool was listed with the cells (400 of 400)."""
    truth = pd.read_csv(world[0] / "truth.csv")
    customers = int((truth["group"] == "organic_proxy_customer").sum())
    assert evaluated.organic_exported_by_group.get("organic_proxy_customer", 0) <= 0.01 * customers


def test_the_operations_are_still_found(evaluated: Evaluation) -> None:
    assert evaluated.recall >= 0.95
    assert all(recall >= 0.95 for group, recall in evaluated.group_recall.items() if group.startswith("op_"))


def test_cell_members_are_core_and_customers_peripheral(world: tuple[Path, Path]) -> None:
    data, run = world
    truth = pd.read_csv(data / "truth.csv")
    members = read_table(run, "members").merge(truth, on="account_id")
    clusters = read_table(run, "clusters").set_index("cluster_id")
    high = members[members["cluster_id"].map(clusters["risk_band"]).eq("high")]
    customers = high[high["group"] == "organic_proxy_customer"]
    cells = high[high["group"] == "op_hydra"]
    assert (customers["role"] == "peripheral").mean() >= 0.8
    assert (cells["role"] == "core").mean() >= 0.95


def test_the_hackathon_is_a_gathering_that_dispersed(world: tuple[Path, Path], evaluated: Evaluation) -> None:
    """Its participants signed up at the venue, shared its Wi-Fi, the sponsor's credit and the starter
    kit for a day and a half, then went home: before ``gathering``, all of them were listed."""
    data, run = world
    truth = pd.read_csv(data / "truth.csv")
    members = read_table(run, "members").merge(truth, on="account_id")
    clusters = read_table(run, "clusters").set_index("cluster_id")
    hackers = members[members["group"] == "hackathon_devfest"]
    row = clusters.loc[hackers["cluster_id"].value_counts().index[0]]
    assert row["gathering"] >= 0.7 and row["risk_score"] < 0.5
    assert evaluated.benign_group_exported == 0
    operations = clusters.loc[members.loc[members["kind"] == "fraud", "cluster_id"].unique()]
    assert (operations["gathering"] == 0).all()
