"""End to end on a ninth independent world (``bench/ninth_world.py``): waves jittered over
minutes, a resold-card ring over a rotating proxy pool, a multi-path hydra with control IPs, fraud
tenants inside a legitimate app platform; weekly bootcamp classes, a company split between
communities on its VPN, a translation agency, an evaluation team, a bot host and a viral prompt.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import listed_truth, members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("ninth_world.py")
world_5k, evaluated_5k = world_fixtures("ninth_world.py", 5000, 1, suffix="_5k")


def test_the_operations_are_found(evaluated: Evaluation) -> None:
    for group in ("op_tidewave", "op_cardring", "op_hydra", "op_nimbus"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.replacement_recall >= 0.95


def test_nobody_innocent_is_listed(evaluated: Evaluation) -> None:
    assert evaluated.benign_group_exported == 0
    assert evaluated.organic_exported <= 5


def test_weekly_classes_are_a_timetable(world: tuple[Path, Path]) -> None:
    """Students send the week's exercise in the same minutes, every week at the same hour."""
    members, clusters = members_and_clusters(world)
    camp = members[members["group"] == "trap_bootcamp"]["cluster_id"].value_counts().index[0]
    assert clusters.loc[camp, "scheduled"] == 1.0
    assert clusters.loc[camp, "risk_score"] < 0.7
    operations = members[members["group"].str.startswith("op_") & (members["role"] == "core")]["cluster_id"].unique()
    assert (clusters.loc[operations, "scheduled"] == 0).all()


def test_a_team_on_its_companys_vpn_owns_the_domain(world: tuple[Path, Path]) -> None:
    """Leiden splits the company's staff; each part on the company VPN still owns the company's domain."""
    members, clusters = members_and_clusters(world)
    staff = members[(members["group"] == "trap_vpncorp") & (members["role"] == "core")]
    parts = staff["cluster_id"].value_counts()
    parts = parts[parts >= 5].index
    assert len(parts) and (clusters.loc[parts, "organisation"] > 0.5).all()


def test_a_bot_hosts_users_are_independent_at_5k(world_5k: tuple[Path, Path]) -> None:
    """At 5k the bot host's 50 users are all that use its 4 egress addresses. Those exits are
    the cluster's own, but they say where the traffic leaves, not who made the accounts: each
    user signed up on their own day with their own card (risk 0.73 and listed while own exits
    counted as an identity link)."""
    members, clusters = members_and_clusters(world_5k)
    host = members[members["group"] == "trap_botplatform"]["cluster_id"].value_counts().index[0]
    assert clusters.loc[host, "ip_cohesion"] > 0.8
    assert clusters.loc[host, "independent"] == 1.0
    listed = listed_truth(world_5k)
    assert "trap_botplatform" not in set(listed["group"])
