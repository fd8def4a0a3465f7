"""End to end on a thirteenth independent world (``bench/thirteenth_world.py``): shell companies
on one dispatcher, a slow-growing operation in shards on re-leased proxies, hijacked developer
keys, recruited mules relaying jobs from home; a bug bounty, a supercomputing centre, a relief
NGO on a donor's card, friends splitting a plan, a document-review agency, a diary study and a
franchise.

Nothing innocent is listed at 20k seed 1. The relief NGO (dozens of volunteers signed up
after a disaster on one donor card, satellite addresses, 24/7 shifts) was, until the donor's
card was weighed among the NGO's own accounts, the ordinary users riding on its satellite
addresses apart. The document-review projects (a team suspended by its own admin, replaced
days later by new accounts on the same card, addresses and templates) were listed until
suspensions inside an organisation stopped counting as known bad.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import listed_truth, members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("thirteenth_world.py")
world_s7, evaluated_s7 = world_fixtures("thirteenth_world.py", 20000, 7, suffix="_s7")
world_40k, evaluated_40k = world_fixtures("thirteenth_world.py", 40000, 1, suffix="_40k")


def test_the_operations_that_act_together_are_found(evaluated: Evaluation) -> None:
    for group in ("op_mule", "op_leakedkeys", "op_shellco"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.group_recall["op_orchard"] >= 0.9  # its shards: rewrite groups and cell lockstep
    assert evaluated.replacement_recall is not None and evaluated.replacement_recall >= 0.85


def test_no_office_or_household_beside_the_mules_is_listed(world: tuple[Path, Path]) -> None:
    """Offices on their own card and NAT meet the mules only on carrier addresses: a cluster of their own."""
    listed = listed_truth(world)
    benign = set(listed.loc[listed["kind"] == "benign_group", "group"])
    assert not benign, benign
    assert (listed["kind"] == "organic").sum() == 0


def test_the_relief_ngos_donor_card_pays_for_most_of_its_own_accounts(world: tuple[Path, Path]) -> None:
    """Ordinary users riding on the field teams' satellite addresses are half the NGO's core;
    without them, the donor's card pays for most of it: a billing hub, as organisations have."""
    members, clusters = members_and_clusters(world)
    ngo = members[members["group"] == "trap_relief_ngo"]
    held = clusters.loc[ngo["cluster_id"].value_counts().index[0]]
    assert held["n_riders"] > 0 and held["hub_share"] >= 0.5 and held["risk_score"] < 0.7


def test_the_diary_study_keeps_each_participants_own_clock(world: tuple[Path, Path]) -> None:
    members, clusters = members_and_clusters(world)
    diary = members[members["group"] == "trap_diary_study"]
    held = clusters.loc[diary["cluster_id"].value_counts().index[0]]
    assert held["scheduled"] >= 0.5 and held["risk_score"] < 0.7  # a reminder at 20:00 in each time zone


def test_a_review_team_replaced_after_its_admin_suspended_it_is_not_known_bad(world: tuple[Path, Path]) -> None:
    """Phase 2 of a project takes phase 1's card, VDI addresses and templates days after the
    firm's admin suspended phase 1: ban evasion in every feature but the enforcement's kind."""
    members, clusters = members_and_clusters(world)
    review = members[members["group"] == "trap_doc_review"]
    held = clusters.loc[review["cluster_id"].value_counts().index[0]]
    assert held["organisation"] > 0 and held["n_enforced"] > 0
    assert held["known_bad"] == 0.0 and held["risk_score"] < 0.7


def test_shells_in_one_cluster_are_no_organisation(world_s7: tuple[Path, Path], evaluated_s7: Evaluation) -> None:
    """At 20k seed 7 two shells share a cluster: two vanity domains, two corporate cards, two
    sets of colocation addresses, one dispatcher. Their members meet the other shell's in the
    same minutes, so those members do not count toward the owned domains (organisation 1.0,
    risk 0.28 and 95 of 159 missed before)."""
    members, clusters = members_and_clusters(world_s7)
    shells = members[members["group"] == "op_shellco"]
    for cluster_id in shells["cluster_id"].value_counts().index[:2]:
        assert clusters.loc[cluster_id, "organisation"] < 0.5 and clusters.loc[cluster_id, "risk_score"] >= 0.7
    assert evaluated_s7.group_recall["op_shellco"] >= 0.95
    assert evaluated_s7.benign_group_exported == 0


world_s13, evaluated_s13 = world_fixtures("thirteenth_world.py", 20000, 13, suffix="_s13")


def test_shells_in_their_own_house_styles_meet_in_the_dispatchers_waves(
    world_s13: tuple[Path, Path], evaluated_s13: Evaluation
) -> None:
    """At 20k seed 13 each shell sends its own variant of the operation's families, so no lockstep
    bucket (one minute, one family) holds two shells; the dispatcher's waves hold them all, and
    the members who ride them with another shell do not count toward the owned domains
    (organisation 0.85, risk 0.42 and 89 of 163 missed before)."""
    members, clusters = members_and_clusters(world_s13)
    shells = members[members["group"] == "op_shellco"]
    for cluster_id in shells["cluster_id"].value_counts().index[:2]:
        held = clusters.loc[cluster_id]
        assert held["organisation"] < 0.5 and held["risk_score"] >= 0.7, cluster_id
    assert evaluated_s13.group_recall["op_shellco"] >= 0.95
    assert evaluated_s13.benign_group_exported == 0


def test_households_beside_the_shells_are_not_listed(world_s7: tuple[Path, Path], evaluated_s7: Evaluation) -> None:
    """At 20k seed 7 Leiden puts households (each on its own card and home IP) beside the shells;
    their only tie to the shells is a public prompt hundreds pasted once, so they are parts of
    their own (28 organic accounts were listed in the shells' cluster before)."""
    assert evaluated_s7.organic_exported <= 10
    assert evaluated_s7.group_recall["op_shellco"] >= 0.95


def test_review_projects_on_their_own_card_and_platform_addresses_are_offices(
    world_40k: tuple[Path, Path], evaluated_40k: Evaluation
) -> None:
    """At 40k the agency staffs two projects: each on its matter card behind the review
    platform's three addresses, joined only by the platform's templates, on which 80 reviewers
    meet in the same minutes all day by density alone. Two pool offices: hub share 1, their
    lockstep not counted (hub 0.63, lockstep 0.26, risk 0.70 before). The shells, offices by
    their links too, are driven by one dispatcher and stay listed."""
    members, clusters = members_and_clusters(world_40k)
    review = members[members["group"] == "trap_doc_review"]
    counts = review["cluster_id"].value_counts()
    held = clusters.loc[counts.index[0]]
    assert counts.iloc[0] == len(review) == 80
    assert held["hub_share"] == 1.0 and held["lockstep_share"] == 0.0 and held["risk_score"] < 0.5
    assert evaluated_40k.group_recall["op_shellco"] >= 0.95


def test_the_volunteers_on_the_ngo_staffs_donor_card_count_with_the_ngo(world_40k: tuple[Path, Path]) -> None:
    """At 40k a fifth of the NGO's core is its staff on its own domain; the donor's card pays for
    most staff and half the volunteers, who signed up in the days after the landfall. Counted
    with the staff, the NGO is an organisation (before: organisation 0, 84 of 100 listed)."""
    members, clusters = members_and_clusters(world_40k)
    ngo = members[members["group"] == "trap_relief_ngo"]
    held = clusters.loc[ngo["cluster_id"].value_counts().index[0]]
    assert held["owned_domain_share"] < 0.5 and held["sponsored_share"] >= 0.3
    assert held["organisation"] > 0 and held["risk_score"] < 0.7


world_5k, evaluated_5k = world_fixtures("thirteenth_world.py", 5000, 1, suffix="_5k")


def test_mules_relaying_jobs_ride_their_clusters_waves_at_5k(
    world_5k: tuple[Path, Path], evaluated_5k: Evaluation
) -> None:
    """At 5k one pool of 39 mules relays a job every 12 minutes to agents that poll once a
    minute: no lockstep window holds five of them on one family, but their cluster's own
    traffic shows the minutes they relay together (``scoring.cluster_waves``; op_mule was
    missed at risk 0.53 before). The diary study's participants also answer together, at
    20:00 their time every day: waves on a clock, which add nothing."""
    members, clusters = members_and_clusters(world_5k)
    core = members[members["role"] == "core"]
    mules = core[core["group"] == "op_mule"]["cluster_id"].value_counts().index[0]
    assert clusters.loc[mules, "lockstep_share"] == 0.0
    assert clusters.loc[mules, "waves_beyond_lockstep"] >= 0.8
    assert evaluated_5k.group_recall["op_mule"] >= 0.95
    diary = core[core["group"] == "trap_diary_study"]["cluster_id"].value_counts().index[0]
    assert clusters.loc[diary, "wave_share"] > 0.1
    assert clusters.loc[diary, "waves_beyond_lockstep"] < 0.05
    listed = listed_truth(world_5k)
    assert "trap_diary_study" not in set(listed["group"])
