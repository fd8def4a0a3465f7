"""End to end on a sixth independent world (``bench/sixth_world.py``): vendors that drive their
customers' accounts through their own IPs and schedulers, and volunteers on one benchmark.

Before tenants' own domains counted toward ``organisation`` and before templates alone stopped
corroborating (``scoring.features.tenant_share``, ``uncorroborated``), a proctoring vendor's
exam centres and a chat bot's workspaces were listed at 20k (100 accounts, precision 0.83),
and at 200k the benchmark's volunteers too (1,300, precision 0.81). Known gap (README, the
sixth world): a few proxy-pool customers whose random exits meet a hydra cell's are core.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from bench_worlds import world_fixtures

from linkgraph.enforcement.evaluate import Evaluation
from linkgraph.runs.store import read_table

world, evaluated = world_fixtures("sixth_world.py")
world_5k, evaluated_5k = world_fixtures("sixth_world.py", 5000, 41, "_5k")


def test_vendors_and_volunteers_stay_off_the_list(evaluated: Evaluation) -> None:
    assert evaluated.benign_group_exported == 0
    assert evaluated.organic_exported <= 20


def test_the_operations_are_found(evaluated: Evaluation) -> None:
    for group in ("op_chorus", "op_driftwood", "op_hydra", "op_relay"):
        assert evaluated.group_recall[group] >= 0.95, group


def test_vendors_are_scored_as_their_tenants_and_volunteers_as_uncorroborated(world: tuple[Path, Path]) -> None:
    data, run = world
    truth = pd.read_csv(data / "truth.csv")
    members = read_table(run, "members").merge(truth, on="account_id")
    clusters = read_table(run, "clusters").set_index("cluster_id")

    def cluster_of(group: str) -> pd.Series:
        return clusters.loc[members.loc[members["group"] == group, "cluster_id"].value_counts().index[0]]

    for vendor in ("proctor_vigilo", "slackbot_huddle"):
        row = cluster_of(vendor)
        assert row["risk_score"] < 0.7 and row["tenant_share"] >= 0.8 and row["contrib_owned_domain"] < 0, vendor
    volunteers = cluster_of("eval_volunteers")
    assert volunteers["risk_score"] < 0.7 and volunteers["uncorroborated"] == 1.0


def test_the_aged_drip_rests_with_its_operator_and_nobody_else_does(world: tuple[Path, Path]) -> None:
    """op_driftwood's programs send around the clock and pause together every day (scoring/shared_rest.py);
    the CI fleet's jobs run around the clock too, but stop at no common time."""
    data, run = world
    truth = pd.read_csv(data / "truth.csv")
    members = read_table(run, "members").merge(truth, on="account_id")
    clusters = read_table(run, "clusters").set_index("cluster_id")
    core = members[members["role"] == "core"]
    main = core.groupby("cluster_id")["group"].agg(lambda g: g.value_counts().index[0])
    resting = clusters["shared_rest"] > 0
    assert set(main[resting.reindex(main.index)]) == {"op_driftwood"}
    assert clusters.loc[main.index[main == "op_driftwood"], "shared_rest"].max() >= 0.5


def test_a_shared_rest_weighs_like_a_shared_card(evaluated_5k: Evaluation, world_5k: tuple[Path, Path]) -> None:
    """At 5k seed 41 op_driftwood has nothing but its families, its pathways and its common pause:
    risk 0.63 (medium) while the pause only faded the independence discount, 0.79 with its weight."""
    assert evaluated_5k.group_recall["op_driftwood"] >= 0.95
    assert evaluated_5k.benign_group_exported == 0 and evaluated_5k.organic_exported <= 5
    clusters = read_table(world_5k[1], "clusters")
    resting = clusters[clusters["shared_rest"] > 0]
    assert len(resting) == 1 and resting["contrib_shared_rest"].iloc[0] >= 0.5
