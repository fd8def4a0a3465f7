"""End to end on a tenth independent world (``bench/tenth_world.py``): one sign-up pipeline at
regular intervals, accounts that share no card and no IP, an operation on a carrier's NAT pool
with replacements weeks after the bans, and one split into two sub-networks joined by a bridge;
hospitals on one card, a course's deadline rush, a browser extension, a playtest, newsrooms,
internet cafés, carrier and ISP NAT pools, large families.
"""

from __future__ import annotations

from bench_worlds import world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("tenth_world.py")


def test_the_operations_are_found(evaluated: Evaluation) -> None:
    for group in ("op_pipeline", "op_islands", "op_cgnat"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.replacement_recall >= 0.95


def test_the_bridged_operation_is_found_in_part(evaluated: Evaluation) -> None:
    """Its webmail half is found; the half on three domains of its own reads as a company (a
    known limitation: an own domain is an organisation's sign)."""
    assert evaluated.group_recall["op_bridge"] >= 0.4


def test_nobody_innocent_is_listed(evaluated: Evaluation) -> None:
    assert evaluated.benign_group_exported == 0
    assert evaluated.organic_exported <= 5
