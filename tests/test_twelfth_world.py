"""End to end on a twelfth independent world (``bench/twelfth_world.py``): a fleet disguised as a
company's CI firing in the busy top-of-hour windows, fake families, warm spares that take over
banned accounts' slots, a hydra reseller whose templates drift; traders at the market open, a
GitHub Action's users on shared runners, an enterprise rollout, teams re-created after a failed
card, a launch-day crowd, citizen-science clients, a role-play front-end's mass ban, a spot-
instance lab, a university behind its research network.

The world found a limitation that is fixed only in part: crowds of independent users driven
by one tool or event share its template family, its addresses and its timing, and read as an
operation. The Action's users have no identity link at all (no burst, no shared card, no
ban) and are discounted (``scoring.independence``); the launch-day crowd met on the famous
test prompts within hours of the release, a few each, and went back to their own use: a
one-off gathering (``scoring.gathering``). The citizen-science clients are still listed at
other sizes and seeds. The test pins what is listed so that any change shows.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import listed_truth, members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("twelfth_world.py")

STILL_LISTED = {"trap_citizen_science"}
"""Innocent groups that may be listed at the time of writing (20k seed 1: none)."""


def test_three_operations_are_found_and_most_fake_families(evaluated: Evaluation) -> None:
    for group in ("op_cadence", "op_storefront", "op_understudy"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.group_recall["op_homestead"] >= 0.75  # its fake families, in part
    assert evaluated.replacement_recall is not None and evaluated.replacement_recall >= 0.8


def test_no_innocent_outside_the_event_crowds_is_listed(world: tuple[Path, Path]) -> None:
    """Not the Action's users (independent: no identity link), the traders, the rollout, the
    re-created teams, the mass ban's returners, the lab or the university; ordinary users only
    as the few the crowds' clusters hold (3 at seed 1)."""
    listed = listed_truth(world)
    benign = set(listed.loc[listed["kind"] == "benign_group", "group"])
    assert benign <= STILL_LISTED, benign - STILL_LISTED
    assert (listed["kind"] == "organic").sum() <= 30


def test_the_actions_users_read_as_independent(world: tuple[Path, Path]) -> None:
    members, clusters = members_and_clusters(world)
    runners = members[members["group"] == "trap_gha_runners"]
    held = clusters.loc[runners["cluster_id"].value_counts().index[0]]
    assert held["independent"] == 1.0 and held["risk_score"] < 0.7


def test_the_launch_day_crowd_is_a_gathering(world: tuple[Path, Path]) -> None:
    members, clusters = members_and_clusters(world)
    crowd = members[members["group"] == "trap_launch_day"]
    held = clusters.loc[crowd["cluster_id"].value_counts().index[0]]
    assert held["gathering"] >= 0.5 and held["risk_score"] < 0.7


def test_the_cron_scripts_users_in_the_cadence_fleets_cluster_are_not_core(world: tuple[Path, Path]) -> None:
    """op_cadence sends a cron script's prompts as cover, which draws the script's users into
    its cluster; those who sent two of its prompts (a fingerprint and a family each) were core
    and listed (7 at seed 1) until an exact prompt and its family counted as one link and the
    script's families had to be the core's alone."""
    members, _ = members_and_clusters(world)
    cron = members[members["group"] == "organic_cron"]
    cadence = members.loc[members["group"] == "op_cadence", "cluster_id"].value_counts().index[0]
    assert (cron["cluster_id"] == cadence).sum() >= 20  # the script's users are in the fleet's cluster
    assert not ((cron["cluster_id"] == cadence) & (cron["role"] == "core")).any()


world_10k, evaluated_10k = world_fixtures("twelfth_world.py", 10000, 31, suffix="_10k")


def test_warm_spares_sharing_templates_alone_are_corroborated_by_their_bans(
    world_10k: tuple[Path, Path], evaluated_10k: Evaluation
) -> None:
    """At 10k seed 31 op_understudy's cells on an IPv6 /64 (a new address for every ticket) are
    tied by their templates alone, like a benchmark's volunteers, and were held uncorroborated
    (risk 0.50, none listed), although 15 of the 68 in the larger core are enforced, most of
    them banned, and all were made in sign-up batches. Bans beyond chance in a core made in
    bursts corroborate (``scoring.features.uncorroborated``); the smaller core (18, three
    enforced) does not reach that and stays in the medium band. The role-play front-end's
    users, a fifth of them banned in one content sweep, signed up on their own: their bans do
    not count."""
    members, clusters = members_and_clusters(world_10k)
    spares = members[members["group"] == "op_understudy"]["cluster_id"].value_counts()
    larger = clusters.loc[spares.index[0]]
    assert larger["n_core"] >= 50 and larger["uncorroborated"] == 0.0 and larger["risk_score"] >= 0.7
    assert evaluated_10k.group_recall["op_understudy"] >= 0.6
    roleplay = members[members["group"] == "trap_roleplay_frontend"]["cluster_id"].value_counts()
    swept = clusters.loc[roleplay.index[0]]  # a content sweep banned a fifth; each signed up on their own
    assert swept["n_enforced_core"] >= 10 and swept["burst_share"] < 0.2 and swept["uncorroborated"] > 0.0
    listed = listed_truth(world_10k)
    assert set(listed.loc[listed["kind"] == "benign_group", "group"]) <= STILL_LISTED
