"""End to end on a tenth independent world (``bench/tenth_world.py``): one sign-up pipeline at
regular intervals, accounts that share no card and no IP, an operation on a carrier's NAT pool
with replacements weeks after the bans, and one split into two sub-networks joined by a bridge;
hospitals on one card, a course's deadline rush, a browser extension, a playtest, newsrooms,
internet cafés, carrier and ISP NAT pools, large families.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("tenth_world.py")
world_small, evaluated_small = world_fixtures("tenth_world.py", 7000, 53, suffix="_small")


def test_the_operations_are_found(evaluated: Evaluation) -> None:
    for group in ("op_pipeline", "op_islands", "op_cgnat"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.replacement_recall >= 0.95


def test_the_bridged_operation_is_found(evaluated: Evaluation) -> None:
    """Its half on three domains of its own has 8-10 banned accounts at 20k, which void the
    discount of a core on shared cards (``scoring.independence.banned_organisation``)."""
    assert evaluated.group_recall["op_bridge"] >= 0.95


def test_cards_paying_across_a_clusters_domains_are_no_companys(
    world_small: tuple[Path, Path], evaluated_small: Evaluation
) -> None:
    """At 7k op_bridge's half on three custom domains has no ban in its core and read as a
    company (organisation 1.0, risk 0.01; recall 0.44). Its few cards each pay for about 18
    accounts across all three domains: one payer behind three "companies", so those members
    do not count toward the owned domains (``scoring.coordinated.paid_across``)."""
    members, clusters = members_and_clusters(world_small)
    bridge = members[(members["group"] == "op_bridge") & (members["role"] == "core")]
    for cluster_id in bridge["cluster_id"].value_counts().index[:2]:
        held = clusters.loc[cluster_id]
        assert held["organisation"] == 0.0 and held["risk_score"] >= 0.7, cluster_id
    assert evaluated_small.group_recall["op_bridge"] >= 0.95
    assert evaluated_small.benign_group_exported == 0


def test_nobody_innocent_is_listed(evaluated: Evaluation) -> None:
    assert evaluated.benign_group_exported == 0
    assert evaluated.organic_exported <= 5


def test_a_dispatchers_rotating_draws_are_no_crowd_of_tool_users(
    world_small: tuple[Path, Path], evaluated_small: Evaluation
) -> None:
    """At 7k op_islands has no burst, card, ban or private exit in its core: it read as
    independent users of one tool (risk 0.22) until its lockstep partners were read. Each
    tick fires a few accounts drawn at random, so partners never repeat (scoring/dispatch.py)."""
    members, clusters = members_and_clusters(world_small)
    core = members[(members["group"] == "op_islands") & (members["role"] == "core")]
    islands = clusters.loc[core["cluster_id"].value_counts().index[0]]
    assert islands["rotating_lockstep"] >= 0.5 and islands["independent"] == 0.0
    assert evaluated_small.group_recall["op_islands"] >= 0.95
    assert evaluated_small.benign_group_exported == 0
