"""End to end on a seventeenth independent world (``bench/seventeenth_world.py``, written blind from the
data contract and the threat description): duty rosters that never fire together, persona kits with
staggered lifetimes, weekend surges with Monday bans, and a conveyor of slots that each hold one live
account at a time; companies failing over to the provider in outages, crowd studies, a company that
re-signs up after its card was flagged, friends pooling a prepaid card, a university and a CI fleet.

Before 2026-12-06 the friends pooling cards were listed at 20k seed 2 (70) and 5k seed 1 (36): shared
cards, a meetup's venue IP and a community template, and nothing an operation does. And the conveyor
was missed whole at 5k seed 1: it sends through all four gateways of a second reseller, which read as
one office NAT behind all of it.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

OPERATIONS = ("op_switchboard", "op_patchwork", "op_weekender", "op_conveyor")

world, evaluated = world_fixtures("seventeenth_world.py", 20000, 2)
world_5k, evaluated_5k = world_fixtures("seventeenth_world.py", 5000, 1, suffix="_5k")


def test_the_operations_are_found_and_nothing_innocent_is_listed(evaluated: Evaluation) -> None:
    for group in ("op_switchboard", "op_weekender", "op_conveyor"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.group_recall["op_patchwork"] >= 0.85  # a dozen ride in the weekend cells' cluster
    assert evaluated.precision == 1.0
    assert evaluated.benign_group_exported == 0 and evaluated.organic_exported == 0


def test_friends_pooling_a_prepaid_card_do_nothing_an_operation_does(world: tuple[Path, Path]) -> None:
    members, clusters = members_and_clusters(world)
    pool = members[members["group"] == "trap_cardpool"]
    held = clusters.loc[pool["cluster_id"].value_counts().index[0]]
    assert held["payment_share"] >= 0.5  # cards shared in twos and threes
    assert held["uncorroborated"] == 1.0 and held["risk_score"] < 0.7


def test_at_5k_the_conveyor_is_no_office_behind_the_resellers_gateways(
    world_5k: tuple[Path, Path], evaluated_5k: Evaluation
) -> None:
    members, clusters = members_and_clusters(world_5k)
    slots = members[members["group"] == "op_conveyor"]
    held = clusters.loc[slots["cluster_id"].value_counts().index[0]]
    assert held["hub_share"] < 0.5 and held["risk_score"] >= 0.7
    for group in OPERATIONS:
        assert evaluated_5k.group_recall[group] >= 0.95, group
    assert evaluated_5k.precision == 1.0
