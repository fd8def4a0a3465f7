"""End to end on an eighth independent world (``bench/eighth_world.py``): synchronized waves,
ban evasion through a shared proxy pool, aged sleepers that drip paraphrases of shared template
families, disposable tiny cells; a workshop whose attendees run the same steps in the same
minute, a CI fleet, a SaaS backend on many keys, coworking spaces, a university and a lab.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("eighth_world.py")


def test_the_operations_are_found(evaluated: Evaluation) -> None:
    for group in ("op_lockstep", "op_relay", "op_drip"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.group_recall["op_hydra"] >= 0.9


def test_nobody_innocent_is_listed(evaluated: Evaluation) -> None:
    assert evaluated.benign_group_exported == 0
    assert evaluated.organic_exported <= 5


def test_the_workshop_is_a_gathering(world: tuple[Path, Path]) -> None:
    """Attendees created at the venue and run 13 steps in the same minutes; half never come back."""
    members, clusters = members_and_clusters(world)
    workshop = members[members["group"] == "conference_workshop"]["cluster_id"].value_counts().index[0]
    assert clusters.loc[workshop, "gathering"] >= 0.9
    assert clusters.loc[workshop, "risk_score"] < 0.5


def test_aged_sleepers_in_the_crowd_join_their_operation(world: tuple[Path, Path]) -> None:
    """op_drip's accounts that Leiden put among ordinary users move to the operation's cluster
    on its template families (satellites in a crowd)."""
    members, _ = members_and_clusters(world)
    drip = members[(members["group"] == "op_drip") & (members["status"] == "active")]
    assert drip["cluster_id"].value_counts(normalize=True).iloc[0] >= 0.95
