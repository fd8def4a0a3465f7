"""End to end on a fifteenth independent world (``bench/fifteenth_world.py``): aged accounts
bought on a marketplace and taken over, cells hopping between cheap VPS providers with a
paraphrase distance of their own per account, an operation posing as a university class, and
micro-cells of two or three accounts hiding among a reseller's customers; a school district,
a game studio's localisation team, a travel-agency chain, a freelancers' cooperative, a team
re-created after a chargeback and a consultant with one account per client.

op_duos is found in part (0.69 at 20k seed 1, 0.75 at seed 2, 0.84 at 200k): each cell shares
nothing with the others but a rewrite of one of two master templates 4-7 bits from it, so two
cells' rewrites are 8-14 bits apart, beyond a template family. Rewrite groups
(``signals.rewrites``) tie the cells' families, the groups held by the reseller's crowd are
scored apart (``scoring.parts.rewrite_teams``) and the cellmates' daily same-minute sessions
are cell lockstep (``scoring.cells``), which makes them core
(``scoring.members.cell_timing_links``), also on families of up to 25 users that hold a few
neighbouring cells' paraphrases (``scoring.cells.CELL_FAMILY_MAX_USERS``); cells whose
rewrite is more than 12 bits from every other cell's stay apart. A cell whose members send
through the reseller's gateway is not an office behind it (``scoring.clusters.NAT_HOLD``).
A cell member left peripheral among the reseller's customers goes to the cluster that holds
its families, not back to the crowd that holds its exits by its mass
(``scoring.satellites``; 0.56 at seed 1 and 0.66 at seed 7 before).
The consultant's accounts (one per client, each on its own card, all from the consultant's
office) are not listed: exits of their own are no identity link
(``scoring.independence``; five were listed at 20k seed 1 before). The test pins what is
found and listed so that any change shows.
"""

from __future__ import annotations

from pathlib import Path

from bench_worlds import listed_truth, members_and_clusters, world_fixtures

from linkgraph.enforcement.evaluate import Evaluation

world, evaluated = world_fixtures("fifteenth_world.py")
world_s7, evaluated_s7 = world_fixtures("fifteenth_world.py", 20000, 7, suffix="_s7")

STILL_LISTED: set[str] = set()
"""Innocent groups listed at the time of writing (none; the consultant's 5 accounts before)."""


def test_the_operations_with_a_network_are_found(evaluated: Evaluation) -> None:
    for group in ("op_agedmarket", "op_vpshop", "op_classroom"):
        assert evaluated.group_recall[group] >= 0.95, group
    assert evaluated.group_recall["op_duos"] >= 0.65  # the micro-cells: see the module docstring


def test_the_school_district_studio_travel_chain_and_cooperative_stay_off(world: tuple[Path, Path]) -> None:
    listed = listed_truth(world)
    benign = set(listed.loc[listed["kind"] == "benign_group", "group"])
    assert benign <= STILL_LISTED, benign - STILL_LISTED
    assert (listed["kind"] == "organic").sum() <= 8  # beside the operations, at this size


def test_cells_meet_on_families_they_share_with_neighbouring_cells(
    world_s7: tuple[Path, Path], evaluated_s7: Evaluation
) -> None:
    """At 20k seed 7 the duo cells' paraphrases fall into families that hold a few cells'
    paraphrases (up to 25 users). Counted as the cells' own, their two teams read cell lockstep
    0.70-0.77 and are listed; with families of up to 6 users they read about 0.3, and op_duos
    was found at 0.16."""
    members, clusters = members_and_clusters(world_s7)
    duos = members[members["group"] == "op_duos"]["cluster_id"].value_counts()
    teams = clusters.loc[duos.index[(duos >= 10).to_numpy()]]
    teams = teams[teams["n_core"] < 100]  # the teams, not the reseller's crowd or the other operations
    assert len(teams) >= 2
    assert (teams["cell_lockstep_share"] >= 0.6).all()
    assert evaluated_s7.group_recall["op_duos"] >= 0.7
    listed = listed_truth(world_s7)
    assert set(listed.loc[listed["kind"] == "benign_group", "group"]) <= STILL_LISTED
    assert (listed["kind"] == "organic").sum() <= 8


world_5k, evaluated_5k = world_fixtures("fifteenth_world.py", 5000, 41, suffix="_5k")


def test_cells_in_lockstep_on_one_master_template_are_listed(
    world_5k: tuple[Path, Path], evaluated_5k: Evaluation
) -> None:
    """At 5k seed 41 the duo cells form two teams (14 and 10 members) on the master templates'
    rewrite groups, each member in cell lockstep and on a card and pathway of its own. Cell
    lockstep weighs 2.5 (``ScoringParams.risk_weights``); at 1.5, as much as a lockstep window
    that a cron minute can fill, the smaller team read risk 0.68, in the medium band, and
    op_duos was found at 0.30."""
    members, clusters = members_and_clusters(world_5k)
    duos = members[members["group"] == "op_duos"]["cluster_id"].value_counts()
    teams = clusters.loc[duos.index]
    teams = teams[(teams["n_core"] < 100) & (teams["cell_lockstep_share"] >= 0.6)]
    assert len(teams) >= 2
    assert (teams["risk_score"] >= 0.7).all()
    assert evaluated_5k.group_recall["op_duos"] >= 0.45
    listed = listed_truth(world_5k)
    assert set(listed.loc[listed["kind"] == "benign_group", "group"]) <= STILL_LISTED
