"""End to end on a third independent world (``bench/third_world.py``): hydra cells in a proxy pool
that thousands of ordinary customers use too.

The customers send each request from a random exit of the pool, so they share many exits with
the cells, each with a different cell. They must stay out of the cells' cores; the operations
must still be found.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from bench_worlds import members_and_clusters, world_fixtures
from typer.testing import CliRunner

from linkgraph.cli.main import app
from linkgraph.enforcement.evaluate import Evaluation
from linkgraph.runs.store import read_table

world, evaluated = world_fixtures("third_world.py")
world_s7, evaluated_s7 = world_fixtures("third_world.py", 10000, 7, suffix="_s7")


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


def test_a_fleet_on_several_throwaway_domains_is_no_organisation(
    world_s7: tuple[Path, Path], evaluated_s7: Evaluation
) -> None:
    """At 10k seed 7 op_lockstep's fleet sits on two domains of its own, each a "company" of
    five or more; its waves mix both. Before members in lockstep with another organisation of
    their cluster stopped counting toward its owned domains, it read organisation 1.0 and risk
    0.16, and none of it was listed."""
    members, clusters = members_and_clusters(world_s7)
    fleet = members[members["group"] == "op_lockstep"]
    cluster_id = fleet["cluster_id"].value_counts().index[0]
    held = clusters.loc[cluster_id]
    assert held["owned_domain_share"] < 0.5 and held["organisation"] == 0.0
    assert held["n_cross_organisation"] >= 0.5 * held["n_core"]
    assert evaluated_s7.group_recall["op_lockstep"] >= 0.95
    assert evaluated_s7.benign_group_exported == 0
    explained = CliRunner().invoke(app, ["explain", str(cluster_id), "--runs", str(world_s7[1].parent)])
    assert explained.exit_code == 0
    assert f"note: {int(held['n_cross_organisation'])} members on its own domains sent in the same minutes" in (
        explained.output
    )
    calm = clusters[(clusters["organisation"] > 0) & (clusters["n_cross_organisation"] == 0)]
    assert len(calm) > 0  # the companies of this world keep their discount


def test_the_second_resellers_long_time_customers_are_riders(evaluated_s7: Evaluation) -> None:
    """op_pathways rents exits of a second reseller whose customers stay on them for days; at 10k
    seed 7 six of them were core on those exits alone and listed until an exit had to be held by
    core members with other evidence to be the cluster's own (``scoring.riders``)."""
    assert evaluated_s7.organic_exported_by_group.get("organic_reseller_customer", 0) == 0
    assert evaluated_s7.group_recall["op_pathways"] >= 0.95
