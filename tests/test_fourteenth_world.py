"""End to end on a fourteenth independent world (``bench/fourteenth_world.py``): a follow-the-sun
relay in three regional cells, a dormant fleet that wakes for three pulses, jobs handed over
inside sticky sessions of a residential proxy that thousands of customers use, and prompts
split into parts sent by specialist accounts; an outsourcing office, an evaluation consortium,
a directory sync that suspended and re-created a department, privacy users on Tor, a data
vendor working for the provider and a course's autograder.

Nothing innocent is listed at 20k seed 1. The provider's own data vendor was, until its
domain was counted among its own accounts (the ordinary users riding on its annotators' home
ISPs' addresses apart). The outsourcing office (clients' cards on two or three seats behind two office addresses,
same-minute shift starts, suspended seats replaced on the same card) and the evaluation
consortium (labs on their own domains, cards and clouds, one suite, one embargo start, a
weekly regression run) were listed until their timetables counted: the office's staff on
their shift's clock, the consortium's Monday runs counted by occasion, and each lab's card
on the lab's own domain read as a team's card, not one bought for strangers. The tests pin that
none of them is listed.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import listed_truth, members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("fourteenth_world.py")


def test_every_operation_is_found_with_its_replacements(evaluated: Evaluation) -> None:
    for group in ("op_sunrelay", "op_pulse", "op_proxysession", "op_shardchain"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.replacement_recall is not None and evaluated.replacement_recall >= 0.95


def test_the_office_consortium_department_tor_users_and_the_autograder_stay_off(world: tuple[Path, Path]) -> None:
    listed = listed_truth(world)
    benign = set(listed.loc[listed["kind"] == "benign_group", "group"])
    assert not benign, benign
    organic = listed.loc[listed["kind"] == "organic", "segment"]
    assert organic.empty, organic.value_counts()


def test_the_consortium_reads_as_independent_labs_and_the_office_as_a_timetable(world: tuple[Path, Path]) -> None:
    """Each lab pays for its staff with the lab's card on the lab's own domain (no card bought
    for strangers); the office's staff log in at their shift's start, day after day."""
    members, clusters = members_and_clusters(world)
    for group, feature in (("trap_eval_consortium", "independent"), ("trap_bpo_office", "scheduled")):
        held = clusters.loc[members.loc[members["group"] == group, "cluster_id"].value_counts().index[0]]
        assert held[feature] >= 0.5 and held["risk_score"] < 0.7, group


def test_the_data_vendor_is_a_company_among_its_own_accounts(world: tuple[Path, Path]) -> None:
    """Most of its annotators are on its domain once the ordinary users riding on their home
    ISPs' addresses are left out: a (small) organisation discount keeps it off the list."""
    members, clusters = members_and_clusters(world)
    held = clusters.loc[members.loc[members["group"] == "trap_rlhf_vendor", "cluster_id"].value_counts().index[0]]
    assert held["n_riders"] > 0 and held["organisation"] > 0 and held["risk_score"] < 0.7
